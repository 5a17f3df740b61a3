/* SPDX-License-Identifier: MIT */
/*
 * store_impl: what store.c (open, migrations, meta), store_import.c,
 * store_update.c and store_query.c share and nobody else sees: the store
 * object, the fault injection counter, statement helpers that report errors
 * with sqlite3_errmsg, symbol normalisation and the in-transaction import.
 */
#ifndef BANGTIN_STORE_IMPL_H
#define BANGTIN_STORE_IMPL_H

#include <sqlite3.h>
#include <stdarg.h>

#include "errmsg.h"
#include "store.h"

struct store {
	sqlite3 *db;
	char *path;
	int fault_countdown; /* store_inject_fault(); 0 = off */
	bool fault_fired;    /* the last failure was injected, not SQLite's */
};

/* Writes "fmt..." into err (when err and errsize); returns -1 (errmsg_set()). */
#define store_fail errmsg_set

/* Writes "<what>: <sqlite3_errmsg>" into err; returns -1. */
int store_fail_db(struct store *st, char *err, size_t errsize, const char *what);

/* Prepares sql; on failure reports "<what>: <errmsg>" and returns NULL. */
sqlite3_stmt *store_prepare(struct store *st, const char *sql, char *err,
			    size_t errsize, const char *what);

/* sqlite3_step() through the fault injector: returns SQLITE_IOERR when the
 * injected fault fires. */
int store_step(struct store *st, sqlite3_stmt *stmt);

/* sqlite3_exec() through the fault injector; 0 or -1 with err. */
int store_exec(struct store *st, const char *sql, char *err, size_t errsize,
	       const char *what);

/* Called inside a write transaction before anything is written: -1 with
 * "<path>: damaged (quick_check: ...); restore ..." when the database does
 * not pass quick_check (or cannot be checked), else 0. */
int store_refuse_damaged(struct store *st, char *err, size_t errsize);

/* Binds s as text, or NULL when s is NULL. */
int store_bind_text(sqlite3_stmt *stmt, int idx, const char *s);

/* Copies a text column into a fixed buffer ("" when NULL), truncating. */
void store_column_copy(sqlite3_stmt *stmt, int col, char *buf, size_t size);

/*
 * Checked reads of column col of the current row: a damaged or edited
 * database may hold anything, so no value is trusted. store_col_text()
 * accepts text (or NULL when nullable) of valid UTF-8 without NUL bytes
 * and at most max bytes; *out points into the statement (valid until the
 * next step). store_col_int() accepts an integer in [lo, hi]. Both return
 * NULL when the value is good, else why it is not ("NULL", "a blob", "not
 * UTF-8", ...), a static string.
 */
const char *store_col_text(sqlite3_stmt *stmt, int col, bool nullable, size_t max,
			   const char **out);
const char *store_col_int(sqlite3_stmt *stmt, int col, int64_t lo, int64_t hi, int64_t *out);

/* The bound of any text the store reads back: no field of a document is
 * longer than the source file it came from (the parser's 1 MiB limit). */
#define STORE_TEXT_MAX (1024 * 1024)

/*
 * Normalises a number-symbol for lookup into buf: spaces and tabs removed,
 * ASCII letters and Đ (U+0111 -> U+0110) upper-cased, so "516 - kl/đuk"
 * and "516-KL/ĐUK" agree and "QĐi" matches "qđi". Returns buf; truncates.
 */
char *store_norm_symbol(const char *s, char *buf, size_t size);

/* Loads document id (row, blocks, refs, lists) into out, zeroed first.
 * Returns 1, 0 when there is no such id, or -1 with err; out is freed on
 * error. (store_load.c) */
int store_load_doc(struct store *st, int64_t id, struct store_doc *out,
		   char *err, size_t errsize);

/* Fills sd->outgoing and sd->incoming by matching link symbols against
 * numbers in the store. Returns 0 or -1 with err. (store_load.c) */
int store_load_links(struct store *st, struct store_doc *sd, char *err,
		     size_t errsize);

/* Records a content change in meta within the caller's open transaction:
 * STORE_META_VERSION bumped when changed (or never set), STORE_META_UPDATED
 * = now, STORE_META_RESULT = result (store_meta.c). Unless always, nothing
 * is written when nothing changed and a version is set. 0 or -1 with err. */
int store_stamp(struct store *st, bool changed, bool always, int64_t now,
		const char *result, char *err, size_t errsize);

/* Progress of store_import_items(): fn after each item; false stops. */
struct store_import_progress {
	bool (*fn)(void *ctx, size_t done, size_t total);
	void *ctx;
};

/*
 * The body of store_import() within the caller's open transaction
 * (store_import.c): the same checks and writes, no BEGIN/COMMIT. ids (may be
 * NULL) receives each item's row id, actions (may be NULL) its action.
 * Returns 0, 1 when progress stopped it, or -1 with err; on anything but 0
 * the caller rolls back.
 */
int store_import_items(struct store *st, const struct store_item *items, size_t n,
		       int64_t now, enum store_action *actions, int64_t *ids,
		       const struct store_import_progress *progress, char *err,
		       size_t errsize);

#endif
