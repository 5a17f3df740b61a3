/* SPDX-License-Identifier: MIT */
/* store.c: opening the database, running the migrations, meta values and the
 * statement helpers the other store files share. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "norm.h"
#include "store_impl.h"
#include "store_migrations.h"

/* PRAGMA application_id set by 0001 ("BTN1"): tells our files from others'. */
#define STORE_APPLICATION_ID 1112821297
#define STORE_BUSY_TIMEOUT_MS 5000

int store_fail_db(struct store *st, char *err, size_t errsize, const char *what)
{
	if (st->fault_fired) {
		st->fault_fired = false;
		return store_fail(err, errsize, "%s: injected fault", what);
	}
	return store_fail(err, errsize, "%s: %s", what, sqlite3_errmsg(st->db));
}

sqlite3_stmt *store_prepare(struct store *st, const char *sql, char *err,
			    size_t errsize, const char *what)
{
	sqlite3_stmt *stmt = NULL;

	if (sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL) != SQLITE_OK) {
		store_fail_db(st, err, errsize, what);
		sqlite3_finalize(stmt);
		return NULL;
	}
	return stmt;
}

/* Counts down the injected fault; true when this call must fail. */
static bool fault_fires(struct store *st)
{
	if (st->fault_countdown <= 0)
		return false;
	st->fault_fired = --st->fault_countdown == 0;
	return st->fault_fired;
}

int store_step(struct store *st, sqlite3_stmt *stmt)
{
	if (fault_fires(st))
		return SQLITE_IOERR;
	return sqlite3_step(stmt);
}

int store_exec(struct store *st, const char *sql, char *err, size_t errsize,
	       const char *what)
{
	char *msg = NULL;

	if (fault_fires(st)) {
		st->fault_fired = false;
		return store_fail(err, errsize, "%s: injected fault", what);
	}
	if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		store_fail(err, errsize, "%s: %s", what,
			   msg ? msg : sqlite3_errmsg(st->db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

void store_inject_fault(struct store *st, int nth)
{
	st->fault_countdown = nth > 0 ? nth : 0;
}

int store_bind_text(sqlite3_stmt *stmt, int idx, const char *s)
{
	if (!s)
		return sqlite3_bind_null(stmt, idx);
	return sqlite3_bind_text(stmt, idx, s, -1, SQLITE_STATIC);
}

const char *store_col_text(sqlite3_stmt *stmt, int col, bool nullable, size_t max,
			   const char **out)
{
	const char *t;
	size_t n;

	*out = NULL;
	switch (sqlite3_column_type(stmt, col)) {
	case SQLITE_NULL:
		return nullable ? NULL : "NULL";
	case SQLITE_TEXT:
		break;
	case SQLITE_BLOB:
		return "a blob, not text";
	default:
		return "a number, not text";
	}
	t = (const char *)sqlite3_column_text(stmt, col);
	n = (size_t)sqlite3_column_bytes(stmt, col);
	if (!t)
		return "unreadable (out of memory)";
	if (n > max)
		return "longer than its bound";
	if (!norm_utf8_valid(t, n, NULL))
		return "not UTF-8 text (or holding a NUL byte)";
	*out = t;
	return NULL;
}

const char *store_col_int(sqlite3_stmt *stmt, int col, int64_t lo, int64_t hi, int64_t *out)
{
	int64_t v;

	*out = lo;
	if (sqlite3_column_type(stmt, col) != SQLITE_INTEGER)
		return sqlite3_column_type(stmt, col) == SQLITE_NULL ? "NULL" : "not an integer";
	v = sqlite3_column_int64(stmt, col);
	if (v < lo || v > hi)
		return "out of its range";
	*out = v;
	return NULL;
}

void store_column_copy(sqlite3_stmt *stmt, int col, char *buf, size_t size)
{
	const unsigned char *s = sqlite3_column_text(stmt, col);

	snprintf(buf, size, "%s", s ? (const char *)s : "");
}

char *store_norm_symbol(const char *s, char *buf, size_t size)
{
	size_t o = 0;

	if (!size)
		return buf;
	for (; s && *s && o + 1 < size; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == ' ' || c == '\t')
			continue;
		if (c == 0xC4 && (unsigned char)s[1] == 0x91) { /* đ -> Đ */
			if (o + 2 >= size)
				break;
			buf[o++] = (char)0xC4;
			buf[o++] = (char)0x90;
			s++;
			continue;
		}
		buf[o++] = (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : (char)c;
	}
	buf[o] = '\0';
	return buf;
}

/* Reads one integer PRAGMA (user_version, application_id). */
static int pragma_int(struct store *st, const char *sql, int *out, char *err,
		      size_t errsize)
{
	sqlite3_stmt *stmt = store_prepare(st, sql, err, errsize, st->path);
	int rc;

	if (!stmt)
		return -1;
	rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW) {
		store_fail_db(st, err, errsize, st->path);
		sqlite3_finalize(stmt);
		return -1;
	}
	*out = sqlite3_column_int(stmt, 0);
	sqlite3_finalize(stmt);
	return 0;
}

/* Refuses a database some other program made: a foreign application_id, or
 * tables in a file that never ran our first migration. */
static int check_ours(struct store *st, int version, char *err, size_t errsize)
{
	int app_id, ntables;

	if (pragma_int(st, "PRAGMA application_id", &app_id, err, errsize) < 0)
		return -1;
	if (app_id != 0 && app_id != STORE_APPLICATION_ID)
		return store_fail(err, errsize,
				  "%s: an SQLite database of another program (application_id %d)",
				  st->path, app_id);
	if (version != 0)
		return 0;
	if (pragma_int(st, "SELECT count(*) FROM sqlite_master", &ntables, err,
		       errsize) < 0)
		return -1;
	if (ntables)
		return store_fail(err, errsize,
				  "%s: an SQLite database of another program (tables but no schema version)",
				  st->path);
	return 0;
}

/* Applies migration i (user_version i -> i + 1) in its own transaction;
 * another process may have migrated meanwhile, so re-check inside it. */
static int migrate_one(struct store *st, int target, int *version, char *err,
		       size_t errsize)
{
	char sql[64], what[256];
	int v;

	if (store_exec(st, "BEGIN IMMEDIATE", err, errsize, st->path) < 0)
		return -1;
	if (pragma_int(st, "PRAGMA user_version", &v, err, errsize) < 0)
		goto err_rollback;
	if (v >= target) {
		*version = v;
		return store_exec(st, "COMMIT", err, errsize, st->path);
	}
	snprintf(what, sizeof what, "%s: migration %04d", st->path, v + 1);
	if (store_exec(st, store_migrations[v], err, errsize, what) < 0)
		goto err_rollback;
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v + 1);
	if (store_exec(st, sql, err, errsize, what) < 0)
		goto err_rollback;
	if (store_exec(st, "COMMIT", err, errsize, what) < 0)
		goto err_rollback;
	*version = v + 1;
	return 0;

err_rollback:
	sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

static int migrate(struct store *st, int target, char *err, size_t errsize)
{
	int version;

	if (pragma_int(st, "PRAGMA user_version", &version, err, errsize) < 0)
		return -1;
	if (version > (int)store_nmigrations)
		return store_fail(err, errsize,
				  "%s: database schema version %d is newer than this build knows (%d); "
				  "update bangtin or use another database",
				  st->path, version, (int)store_nmigrations);
	if (check_ours(st, version, err, errsize) < 0)
		return -1;
	while (version < target)
		if (migrate_one(st, target, &version, err, errsize) < 0)
			return -1;
	return 0;
}

/* Opens the file and sets the connection up: busy timeout, WAL, FKs. */
static int open_db(struct store *st, char *err, size_t errsize)
{
	sqlite3_stmt *stmt;
	int rc;

	rc = sqlite3_open_v2(st->path, &st->db,
			     SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc != SQLITE_OK)
		return store_fail(err, errsize, "%s: cannot open: %s", st->path,
				  st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc));
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, STORE_BUSY_TIMEOUT_MS);
	/* journal_mode returns the mode it got: an in-memory or read-only
	 * database may refuse WAL, which is fine for tools but noted here. */
	stmt = store_prepare(st, "PRAGMA journal_mode = WAL", err, errsize, st->path);
	if (!stmt)
		return -1;
	rc = sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	if (rc != SQLITE_ROW)
		return store_fail_db(st, err, errsize, st->path);
	return store_exec(st, "PRAGMA foreign_keys = ON", err, errsize, st->path);
}

struct store *store_open_at_version(const char *path, int version, char *err,
				    size_t errsize)
{
	struct store *st;

	if (version < 0 || version > (int)store_nmigrations) {
		store_fail(err, errsize, "%s: no schema version %d", path, version);
		return NULL;
	}
	st = calloc(1, sizeof *st);
	if (!st || !(st->path = strdup(path))) {
		free(st);
		store_fail(err, errsize, "%s: out of memory", path);
		return NULL;
	}
	if (open_db(st, err, errsize) < 0 || migrate(st, version, err, errsize) < 0) {
		store_close(st);
		return NULL;
	}
	return st;
}

struct store *store_open(const char *path, char *err, size_t errsize)
{
	if (store_nmigrations != STORE_SCHEMA_VERSION) {
		store_fail(err, errsize,
			   "%s: build error: %zu migrations for schema version %d",
			   path, store_nmigrations, STORE_SCHEMA_VERSION);
		return NULL;
	}
	return store_open_at_version(path, STORE_SCHEMA_VERSION, err, errsize);
}

int store_quick_check(struct store *st, char *err, size_t errsize)
{
	sqlite3_stmt *stmt;
	size_t problems = 0;
	int rc;

	/* Not through the fault injector: the check reads, and the fault
	 * tests count the steps that write. */
	if (sqlite3_prepare_v2(st->db, "PRAGMA quick_check(20)", -1, &stmt, NULL) != SQLITE_OK) {
		store_fail(err, errsize, "%s: cannot check the database: %s", st->path,
			   sqlite3_errmsg(st->db));
		sqlite3_finalize(stmt);
		return -1;
	}
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *line = (const char *)sqlite3_column_text(stmt, 0);

		if (line && strcmp(line, "ok") == 0)
			continue;
		if (problems++ == 0)
			store_fail(err, errsize, "%s: damaged (quick_check: %.200s)", st->path,
				   line ? line : "?");
	}
	if (rc != SQLITE_DONE) {
		store_fail(err, errsize, "%s: cannot check the database: %s", st->path,
			   sqlite3_errmsg(st->db));
		sqlite3_finalize(stmt);
		return -1;
	}
	sqlite3_finalize(stmt);
	return problems ? 1 : 0;
}

int store_refuse_damaged(struct store *st, char *err, size_t errsize)
{
	char why[STORE_ERR_MAX - 128];

	if (store_quick_check(st, why, sizeof why) == 0)
		return 0;
	return store_fail(err, errsize,
			  "%s; restore the database from a backup, or move it aside and import "
			  "the documents again", why);
}

/* "file:PATH?immutable=1" with PATH percent-encoded as URIs want; NULL on
 * ENOMEM. The caller frees it. */
static char *immutable_uri(const char *path)
{
	size_t n = strlen(path);
	char *uri = malloc(3 * n + 32), *o = uri;

	if (!uri)
		return NULL;
	o += sprintf(o, "file:");
	for (const unsigned char *c = (const unsigned char *)path; *c; c++) {
		if (*c == '/' || *c == '.' || *c == '-' || *c == '_' || (*c >= '0' && *c <= '9') ||
		    ((*c | 0x20) >= 'a' && (*c | 0x20) <= 'z'))
			*o++ = (char)*c;
		else
			o += sprintf(o, "%%%02X", *c);
	}
	sprintf(o, "?immutable=1");
	return uri;
}

/* The read-only connection: no WAL switch, no migration (both write). A
 * WAL database on a read-only file system whose -shm file is missing
 * cannot be opened that way; there nothing can change the file, so it is
 * opened as immutable instead. */
static struct store *open_read_only(const char *path, bool immutable, char *err,
				    size_t errsize)
{
	struct store *st = calloc(1, sizeof *st);
	char *uri = NULL;
	int rc, version, app_id;

	if (!st || !(st->path = strdup(path)) || (immutable && !(uri = immutable_uri(path)))) {
		if (st)
			free(st->path);
		free(st);
		store_fail(err, errsize, "%s: out of memory", path);
		return NULL;
	}
	rc = sqlite3_open_v2(uri ? uri : path, &st->db,
			     SQLITE_OPEN_READONLY | (uri ? SQLITE_OPEN_URI : 0), NULL);
	free(uri);
	if (rc != SQLITE_OK) {
		store_fail(err, errsize, "%s: cannot open for reading: %s", path,
			   st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc));
		goto err;
	}
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, STORE_BUSY_TIMEOUT_MS);
	if (pragma_int(st, "PRAGMA user_version", &version, err, errsize) < 0 ||
	    pragma_int(st, "PRAGMA application_id", &app_id, err, errsize) < 0)
		goto err;
	if (app_id != STORE_APPLICATION_ID) {
		store_fail(err, errsize, "%s: not a bangtin database (application_id %d)", path,
			   app_id);
		goto err;
	}
	if (version != STORE_SCHEMA_VERSION) {
		store_fail(err, errsize, "%s: schema version %d, this build reads %d", path,
			   version, STORE_SCHEMA_VERSION);
		goto err;
	}
	return st;
err:
	store_close(st);
	return NULL;
}

struct store *store_open_read(const char *path, char *err, size_t errsize)
{
	struct store *st = open_read_only(path, false, err, errsize);
	char why[STORE_ERR_MAX];

	if (st)
		return st;
	snprintf(why, sizeof why, "%s", err ? err : "");
	if (access(path, F_OK) == 0 && access(path, W_OK) != 0 &&
	    (st = open_read_only(path, true, err, errsize)))
		return st;
	/* Not there yet, or an older schema: made current once, then read. */
	if (!(st = store_open(path, err, errsize))) {
		if (err && errsize)
			snprintf(err, errsize, "%s", why);
		return NULL;
	}
	store_close(st);
	return open_read_only(path, false, err, errsize);
}

void store_close(struct store *st)
{
	if (!st)
		return;
	sqlite3_close_v2(st->db);
	free(st->path);
	free(st);
}

int store_meta_set(struct store *st, const char *key, const char *value,
		   char *err, size_t errsize)
{
	sqlite3_stmt *stmt;
	char what[160];
	int rc;

	snprintf(what, sizeof what, "meta %s", key);
	stmt = store_prepare(st,
			     "INSERT INTO meta(key, value) VALUES (?1, ?2) "
			     "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
			     err, errsize, what);
	if (!stmt)
		return -1;
	sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, value ? value : "", -1, SQLITE_STATIC);
	rc = store_step(st, stmt);
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_fail_db(st, err, errsize, what);
	return 0;
}

int store_meta_get(struct store *st, const char *key, char **value, char *err,
		   size_t errsize)
{
	char what[128];
	sqlite3_stmt *stmt;
	const char *t = NULL;
	int rc;

	*value = NULL;
	snprintf(what, sizeof what, "meta %s", key);
	if (!(stmt = store_prepare(st, "SELECT value FROM meta WHERE key = ?1", err, errsize,
				   what)))
		return -1;
	sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
	rc = store_step(st, stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		store_fail_db(st, err, errsize, what);
		sqlite3_finalize(stmt);
		return -1;
	}
	/* A damaged value (not text, not UTF-8, too long) reads as unset. */
	if (rc == SQLITE_ROW && !store_col_text(stmt, 0, false, STORE_TEXT_MAX, &t) &&
	    !(*value = strdup(t))) {
		sqlite3_finalize(stmt);
		return store_fail(err, errsize, "%s: out of memory", what);
	}
	sqlite3_finalize(stmt);
	return *value != NULL;
}
