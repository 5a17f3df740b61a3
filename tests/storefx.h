/* SPDX-License-Identifier: MIT */
/*
 * storefx: the cmocka fixture the store's tests share: a fresh database file
 * in its own temporary directory, opened with store_open(), and direct SQL
 * helpers. Header-only, because each tests/test_*.c builds into a program of
 * its own; include it after <cmocka.h>, whose assertions it uses.
 */
#ifndef BANGTIN_TESTS_STOREFX_H
#define BANGTIN_TESTS_STOREFX_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <sqlite3.h>

#include "store.h"

struct fx {
	char dir[64];
	char path[128];
	struct store *st;
	char err[STORE_ERR_MAX];
};

/* Creates the directory and opens bangtin.db in it; the state is a struct fx. */
static inline int fx_setup(void **state)
{
	struct fx *fx = calloc(1, sizeof *fx);

	if (!fx)
		return -1;
	snprintf(fx->dir, sizeof fx->dir, "/tmp/bangtin-store-XXXXXX");
	if (!mkdtemp(fx->dir))
		return -1;
	snprintf(fx->path, sizeof fx->path, "%s/bangtin.db", fx->dir);
	fx->st = store_open(fx->path, fx->err, sizeof fx->err);
	if (!fx->st) {
		fprintf(stderr, "store_open: %s\n", fx->err);
		return -1;
	}
	*state = fx;
	return 0;
}

/* Removes a database file with its WAL and shared-memory files. */
static inline void fx_remove_db_files(const char *path)
{
	char p[200];

	unlink(path);
	snprintf(p, sizeof p, "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", path);
	unlink(p);
}

/* Closes the store and removes its files; the directory goes when empty. */
static inline void fx_close(struct fx *fx)
{
	store_close(fx->st);
	fx_remove_db_files(fx->path);
}

/* Direct SQL on a database file, behind the store's back, for checks and
 * for building old schemas; each fails the test on any SQLite error. */
static inline sqlite3 *raw_open(const char *path)
{
	sqlite3 *db = NULL;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	return db;
}

static inline int64_t raw_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *s = NULL;
	int64_t v;

	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

static inline void raw_exec(sqlite3 *db, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg);
}

#endif
