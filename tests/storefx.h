/* SPDX-License-Identifier: MIT */
/*
 * storefx: the cmocka fixture the store's tests share: a fresh database file
 * in its own temporary directory, opened with store_open(). Header-only,
 * because each tests/test_*.c builds into a program of its own.
 */
#ifndef BANGTIN_TESTS_STOREFX_H
#define BANGTIN_TESTS_STOREFX_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

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

#endif
