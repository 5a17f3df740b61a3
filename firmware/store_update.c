/* SPDX-License-Identifier: MIT */
/* store_update.c: a whole content update (a bundle) in one transaction: the
 * import of store_import.c, replace or merge, withdrawals, display settings
 * and the caller's meta, committed together or not at all. */
#include <stdio.h>
#include <stdlib.h>

#include "store_impl.h"

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/* Runs stmt once per id (bound as ?1). */
static int for_ids(struct store *st, const char *sql, const int64_t *ids, size_t n,
		   const char *what, char *err, size_t errsize)
{
	sqlite3_stmt *s = store_prepare(st, sql, err, errsize, what);

	if (!s)
		return -1;
	for (size_t i = 0; i < n; i++) {
		sqlite3_bind_int64(s, 1, ids[i]);
		if (store_step(st, s) != SQLITE_DONE) {
			store_fail_db(st, err, errsize, what);
			sqlite3_finalize(s);
			return -1;
		}
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	return 0;
}

/* Collects the ids of every stored document not in keep (sorted). */
static int ids_not_in(struct store *st, const int64_t *keep, size_t nkeep,
		      int64_t **out, size_t *nout, char *err, size_t errsize)
{
	sqlite3_stmt *s = store_prepare(st, "SELECT id FROM documents", err, errsize,
					"replace: list");
	size_t cap = 0;
	int rc;

	*out = NULL;
	*nout = 0;
	if (!s)
		return -1;
	while ((rc = store_step(st, s)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(s, 0);

		if (bsearch(&id, keep, nkeep, sizeof *keep, cmp_id))
			continue;
		if (*nout == cap) {
			int64_t *p = realloc(*out, (cap = cap ? 2 * cap : 64) * sizeof *p);
			if (!p) {
				sqlite3_finalize(s);
				free(*out);
				*out = NULL;
				return store_fail(err, errsize, "replace: out of memory");
			}
			*out = p;
		}
		(*out)[(*nout)++] = id;
	}
	if (rc != SQLITE_DONE) {
		store_fail_db(st, err, errsize, "replace: list");
		sqlite3_finalize(s);
		free(*out);
		*out = NULL;
		return -1;
	}
	sqlite3_finalize(s);
	return 0;
}

/* Replace: the items' settings reset, every other document deleted (its
 * blocks, refs and lists go with it: ON DELETE CASCADE). Merge: the items
 * are shown again. ids is sorted here. */
static int settle(struct store *st, const struct store_update *up, int64_t *ids,
		  struct store_update_counts *c, char *err, size_t errsize)
{
	int64_t *gone = NULL;
	size_t ngone = 0;
	int rc;

	if (!up->replace)
		return for_ids(st, "UPDATE documents SET withdrawn = 0 WHERE id = ?1", ids,
			       up->n, "merge: withdrawn", err, errsize);
	if (for_ids(st, "UPDATE documents SET withdrawn = 0, pinned = 0, display_from = 0, "
		    "display_until = 0 WHERE id = ?1", ids, up->n, "replace: settings",
		    err, errsize) < 0)
		return -1;
	qsort(ids, up->n, sizeof *ids, cmp_id);
	if (ids_not_in(st, ids, up->n, &gone, &ngone, err, errsize) < 0)
		return -1;
	rc = for_ids(st, "DELETE FROM documents WHERE id = ?1", gone, ngone,
		     "replace: delete", err, errsize);
	c->removed = ngone;
	free(gone);
	return rc;
}

static int withdraw_and_display(struct store *st, const struct store_update *up,
				struct store_update_counts *c, char *err,
				size_t errsize)
{
	for (size_t i = 0; i < up->nwithdraw; i++) {
		int rc = store_set_withdrawn(st, up->withdraw[i], true, err, errsize);

		if (rc < 0)
			return -1;
		c->withdrawn += (size_t)rc;
	}
	for (size_t i = 0; i < up->ndisplay; i++) {
		const struct store_display *d = &up->display[i];
		int rc = store_set_display(st, d->symbol, d->from, d->until, d->pinned,
					   err, errsize);

		if (rc < 0)
			return -1;
		if (rc == 0 && !c->display_unmatched++)
			c->first_unmatched = d->symbol;
	}
	return 0;
}

static void count_actions(const enum store_action *actions, size_t n,
			  struct store_update_counts *c)
{
	for (size_t i = 0; i < n; i++) {
		if (actions[i] == STORE_ADDED)
			c->added++;
		else if (actions[i] == STORE_UPDATED)
			c->updated++;
		else
			c->unchanged++;
	}
}

/* The record of the change, last before the commit. */
static int update_stamp(struct store *st, const struct store_update *up,
			const struct store_update_counts *c, int64_t now, char *err,
			size_t errsize)
{
	char result[256];
	bool changed = c->added || c->updated || c->withdrawn || c->removed || up->ndisplay;

	snprintf(result, sizeof result, "Thành công%s%s%s: %zu mới, %zu thay thế, %zu thu hồi%s",
		 up->origin ? " (" : "", up->origin ? up->origin : "", up->origin ? ")" : "",
		 c->added, c->updated, c->withdrawn, c->removed ? ", có gỡ bỏ" : "");
	/* A bundle applied is recorded even when it changed nothing. */
	return store_stamp(st, changed, true, now, result, err, errsize);
}

/* Everything between BEGIN and COMMIT: 0, 1 (stopped) or -1. */
static int update_body(struct store *st, const struct store_update *up, int64_t now,
		       enum store_action *actions, int64_t *ids,
		       struct store_update_counts *c, char *err, size_t errsize)
{
	struct store_import_progress progress = { up->progress, up->ctx };
	int rc = 0;

	if (up->before && (rc = up->before(st, up->ctx, err, errsize)) != 0)
		return rc < 0 ? -1 : 1;
	rc = store_import_items(st, up->items, up->n, now, actions, ids, &progress,
				err, errsize);
	if (rc != 0)
		return rc;
	count_actions(actions, up->n, c);
	if (settle(st, up, ids, c, err, errsize) < 0 ||
	    withdraw_and_display(st, up, c, err, errsize) < 0)
		return -1;
	if (up->after && up->after(st, c, up->ctx, err, errsize) != 0)
		return -1;
	return update_stamp(st, up, c, now, err, errsize);
}

int store_update(struct store *st, const struct store_update *up, int64_t now,
		 enum store_action *actions, struct store_update_counts *counts,
		 char *err, size_t errsize)
{
	struct store_update_counts c = { 0 };
	enum store_action *acts = calloc(up->n ? up->n : 1, sizeof *acts);
	int64_t *ids = calloc(up->n ? up->n : 1, sizeof *ids);
	int rc = -1;

	if (counts)
		*counts = c;
	if (!acts || !ids) {
		store_fail(err, errsize, "update: out of memory");
		goto out;
	}
	if (store_exec(st, "BEGIN IMMEDIATE", err, errsize, "update: begin") < 0)
		goto out;
	rc = store_refuse_damaged(st, err, errsize);
	if (rc == 0)
		rc = update_body(st, up, now, acts, ids, &c, err, errsize);
	if (rc == 0 && store_exec(st, "COMMIT", err, errsize, "update: commit") < 0)
		rc = -1;
	if (rc != 0 && !sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	if (rc == 0 && counts)
		*counts = c;
	if (rc == 0 && actions)
		for (size_t i = 0; i < up->n; i++)
			actions[i] = acts[i];
out:
	free(acts);
	free(ids);
	return rc;
}
