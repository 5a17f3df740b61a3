/* SPDX-License-Identifier: MIT */
/* store_query.c: the screens' listings, one document with its links both
 * ways, counts by kind, and the operator's withdraw/display settings. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_impl.h"

/* A row is visible when not withdrawn and inside its display window at
 * now (0 = ignore windows); windows are [from, until), 0 = open. */
#define VISIBLE(now) \
	"(withdrawn = 0 AND (" now " = 0 OR ((display_from = 0 OR display_from <= " now ") " \
	"AND (display_until = 0 OR " now " < display_until))))"

/* Pinned first, newest first, then the higher number (issued later). */
#define SCREEN_ORDER \
	" ORDER BY pinned DESC, date DESC, CAST(number AS INTEGER) DESC, number, id"

/* The row matching a symbol (normalised ?1) or a key (?2 as given, or
 * normalised ?1); the newest when several dates share a symbol. */
#define MATCH_SYMBOL \
	"(SELECT id FROM documents WHERE number_norm = ?1 OR key = ?2 OR key = ?1 " \
	"ORDER BY date DESC, id DESC LIMIT 1)"

static void entry_free(struct store_entry *e)
{
	free(e->subject);
	free(e->type_name);
	free(e->issuer);
}

void store_list_free(struct store_list *list)
{
	if (!list)
		return;
	for (size_t i = 0; i < list->n; i++)
		entry_free(&list->items[i]);
	free(list->items);
	list->items = NULL;
	list->n = 0;
}

/* The text column col, copied into buf; false with *why when damaged. */
static bool entry_text(sqlite3_stmt *s, int col, bool nullable, char *buf, size_t size,
		       const char **why)
{
	const char *t;

	if ((*why = store_col_text(s, col, nullable, size - 1, &t)))
		return false;
	snprintf(buf, size, "%s", t ? t : "");
	return true;
}

/* The text column col, duplicated into *out (NULL for NULL); false with
 * *why when damaged, or with *oom. */
static bool entry_dup(sqlite3_stmt *s, int col, bool nullable, char **out, const char **why,
		      bool *oom)
{
	const char *t;

	*out = NULL;
	if ((*why = store_col_text(s, col, nullable, STORE_TEXT_MAX, &t)))
		return false;
	if (t && !(*out = strdup(t)))
		*oom = true;
	return !*oom;
}

/* Fills one entry from a listing row. Returns 1, 0 when a value of the
 * row is damaged (named in why, the entry freed), -1 on ENOMEM. */
static int entry_read(sqlite3_stmt *s, struct store_entry *e, char *why, size_t whysize)
{
	static const char *const col[] = { "id", "key", "number", "kind", "date", "pinned",
					   "withdrawn", "doc_group", "subject", "type_name",
					   "issuer", "arrived" };
	const char *bad = NULL, *type_name;
	bool oom = false;
	int64_t v;
	int c = 0;

	memset(e, 0, sizeof *e);
	if ((bad = store_col_int(s, c, 1, INT64_MAX, &e->id)) ||
	    !entry_text(s, ++c, false, e->key, sizeof e->key, &bad) ||
	    !entry_text(s, ++c, true, e->number, sizeof e->number, &bad) ||
	    !entry_text(s, ++c, false, e->kind, sizeof e->kind, &bad) ||
	    !entry_text(s, ++c, true, e->date, sizeof e->date, &bad))
		goto err;
	if (!*e->kind) {
		bad = "empty";
		goto err;
	}
	if (*e->date && !doc_date_from_iso(e->date, &(struct doc_date){ 0, 0, 0 })) {
		c = 4;
		bad = "not a date YYYY-MM-DD";
		goto err;
	}
	if ((bad = store_col_int(s, ++c, 0, 1, &v)))
		goto err;
	e->pinned = v;
	if ((bad = store_col_int(s, ++c, 0, 1, &v)))
		goto err;
	e->withdrawn = v;
	if ((bad = store_col_int(s, ++c, DOC_GROUP_OTHER, DOC_GROUP_NOTICE, &v)))
		goto err;
	e->group = (enum doc_group)v;
	if (!entry_dup(s, ++c, true, &e->subject, &bad, &oom) ||
	    !entry_dup(s, ++c, true, &e->type_name, &bad, &oom) ||
	    !entry_dup(s, ++c, true, &e->issuer, &bad, &oom))
		goto err;
	/* the latest arrival's time, NULL (0) for a document of an older one */
	if (sqlite3_column_type(s, ++c) != SQLITE_NULL &&
	    (bad = store_col_int(s, c, 0, INT64_MAX, &e->arrived)))
		goto err;
	/* subject and type_name are never NULL in a listing */
	if (!e->subject && !(e->subject = strdup("")))
		goto err_oom;
	if (!e->type_name) {
		type_name = doc_kind_name(e->kind);
		if (!(e->type_name = strdup(type_name ? type_name : e->kind)))
			goto err_oom;
	}
	return 1;

err:
	if (oom)
		goto err_oom;
	snprintf(why, whysize, "documents row %lld: field %s: %s",
		 (long long)sqlite3_column_int64(s, 0), col[c], bad);
	entry_free(e);
	return 0;
err_oom:
	entry_free(e);
	return -1;
}

static int list_run(struct store *st, sqlite3_stmt *s, struct store_list *out,
		    char *err, size_t errsize)
{
	size_t cap = 0;
	int rc;

	out->items = NULL;
	out->n = 0;
	out->damaged = 0;
	out->damaged_why[0] = '\0';
	while ((rc = store_step(st, s)) == SQLITE_ROW) {
		if (out->n == cap) {
			size_t ncap = cap ? 2 * cap : 16;
			struct store_entry *p = realloc(out->items, ncap * sizeof *p);

			if (!p)
				goto err_oom;
			out->items = p;
			cap = ncap;
		}
		/* A damaged row is left out, and counted: the rest can be shown. */
		char later[sizeof out->damaged_why];
		int got = entry_read(s, &out->items[out->n],
				     out->damaged ? later : out->damaged_why, sizeof later);
		if (got < 0)
			goto err_oom;
		if (got == 0)
			out->damaged++;
		else
			out->n++;
	}
	if (rc == SQLITE_DONE)
		return 0;
	store_fail_db(st, err, errsize, "list documents");
	store_list_free(out);
	return -1;

err_oom:
	store_list_free(out);
	return store_fail(err, errsize, "list documents: out of memory");
}

int store_list_docs(struct store *st, const struct store_filter *filter,
		    struct store_list *out, char *err, size_t errsize)
{
	static const struct store_filter all = { 0 };
	sqlite3_stmt *s;
	int rc;

	if (!filter)
		filter = &all;
	s = store_prepare(st,
			  "SELECT id, key, number, kind, date, pinned, withdrawn, doc_group, "
			  "subject, type_name, issuer, (SELECT at FROM arrivals WHERE id = arrival "
			  "AND id = (SELECT max(id) FROM arrivals)) FROM documents "
			  "WHERE (?1 IS NULL OR kind = ?1) AND (?2 = 0 OR doc_group = ?2) "
			  "AND (?3 OR " VISIBLE("?4") ")" SCREEN_ORDER " LIMIT ?5",
			  err, errsize, "list documents");
	if (!s)
		return -1;
	store_bind_text(s, 1, filter->kind);
	sqlite3_bind_int(s, 2, (int)filter->group);
	sqlite3_bind_int(s, 3, filter->include_hidden);
	sqlite3_bind_int64(s, 4, filter->now);
	sqlite3_bind_int64(s, 5, filter->limit ? (int64_t)filter->limit : -1);
	rc = list_run(st, s, out, err, errsize);
	sqlite3_finalize(s);
	return rc;
}

static int list_group(struct store *st, enum doc_group group, int64_t now,
		      size_t limit, struct store_list *out, char *err, size_t errsize)
{
	struct store_filter f = { .group = group, .now = now, .limit = limit };

	return store_list_docs(st, &f, out, err, errsize);
}

int store_latest_conclusions(struct store *st, int64_t now, size_t limit,
			     struct store_list *out, char *err, size_t errsize)
{
	return list_group(st, DOC_GROUP_CONCLUSION, now, limit, out, err, errsize);
}

int store_current_directives(struct store *st, int64_t now, size_t limit,
			     struct store_list *out, char *err, size_t errsize)
{
	return list_group(st, DOC_GROUP_DIRECTIVE, now, limit, out, err, errsize);
}

int store_current_notices(struct store *st, int64_t now, size_t limit,
			  struct store_list *out, char *err, size_t errsize)
{
	return list_group(st, DOC_GROUP_NOTICE, now, limit, out, err, errsize);
}

int store_count_by_kind(struct store *st, int64_t now, struct store_count **out,
			size_t *n, char *err, size_t errsize)
{
	sqlite3_stmt *s;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	s = store_prepare(st, "SELECT kind, count(*) FROM documents WHERE " VISIBLE("?1")
			  " GROUP BY kind ORDER BY count(*) DESC, kind",
			  err, errsize, "count by kind");
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, now);
	while ((rc = store_step(st, s)) == SQLITE_ROW) {
		if (*n == cap) {
			size_t ncap = cap ? 2 * cap : 16;
			struct store_count *p = realloc(*out, ncap * sizeof *p);

			if (!p) {
				rc = SQLITE_NOMEM;
				break;
			}
			*out = p;
			cap = ncap;
		}
		const char *kind;
		/* A damaged kind is not counted (the listing names its row). */
		if (store_col_text(s, 0, false, sizeof (*out)[*n].kind - 1, &kind))
			continue;
		snprintf((*out)[*n].kind, sizeof (*out)[*n].kind, "%s", kind);
		(*out)[*n].count = sqlite3_column_int64(s, 1);
		(*n)++;
	}
	if (rc != SQLITE_DONE) {
		store_fail_db(st, err, errsize, "count by kind");
		free(*out);
		*out = NULL;
		*n = 0;
		sqlite3_finalize(s);
		return -1;
	}
	sqlite3_finalize(s);
	return 0;
}

/* Runs an UPDATE on the row matching symbol, with ?1/?2 bound to it; 1 when
 * a row changed, 0 when none matched. */
static int update_matching(struct store *st, sqlite3_stmt *s, const char *symbol,
			   const char *what, char *err, size_t errsize)
{
	char norm[160];
	int rc;

	store_bind_text(s, 1, store_norm_symbol(symbol, norm, sizeof norm));
	store_bind_text(s, 2, symbol);
	rc = store_step(st, s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return store_fail_db(st, err, errsize, what);
	return sqlite3_changes(st->db) > 0;
}

int store_set_withdrawn(struct store *st, const char *symbol, bool withdrawn,
			char *err, size_t errsize)
{
	char what[200];
	sqlite3_stmt *s;

	snprintf(what, sizeof what, "%s: field withdrawn", symbol);
	s = store_prepare(st, "UPDATE documents SET withdrawn = ?3 WHERE id = " MATCH_SYMBOL,
			  err, errsize, what);
	if (!s)
		return -1;
	sqlite3_bind_int(s, 3, withdrawn);
	return update_matching(st, s, symbol, what, err, errsize);
}

int store_set_display(struct store *st, const char *symbol, int64_t from,
		      int64_t until, bool pinned, char *err, size_t errsize)
{
	char what[200];
	sqlite3_stmt *s;

	snprintf(what, sizeof what, "%s: field display", symbol);
	if (from < 0 || until < 0 || (from && until && until <= from))
		return store_fail(err, errsize, "%s: window ends before it starts", what);
	s = store_prepare(st, "UPDATE documents SET display_from = ?3, display_until = ?4, "
			  "pinned = ?5 WHERE id = " MATCH_SYMBOL, err, errsize, what);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 3, from);
	sqlite3_bind_int64(s, 4, until);
	sqlite3_bind_int(s, 5, pinned);
	return update_matching(st, s, symbol, what, err, errsize);
}

/* Finds the id of the document for symbol/key; 1, 0 or -1. */
static int find_id(struct store *st, const char *symbol, int64_t *id, char *err,
		   size_t errsize)
{
	char norm[160];
	sqlite3_stmt *s;
	int rc;

	s = store_prepare(st, "SELECT " MATCH_SYMBOL, err, errsize, symbol);
	if (!s)
		return -1;
	store_bind_text(s, 1, store_norm_symbol(symbol, norm, sizeof norm));
	store_bind_text(s, 2, symbol);
	rc = store_step(st, s);
	if (rc == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL)
		*id = sqlite3_column_int64(s, 0);
	else if (rc == SQLITE_ROW)
		rc = SQLITE_DONE;
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail_db(st, err, errsize, symbol);
	return rc == SQLITE_ROW;
}

int store_get_doc(struct store *st, const char *symbol, int64_t id,
		  struct store_doc *out, char *err, size_t errsize)
{
	int found = 1;

	memset(out, 0, sizeof *out);
	if (symbol)
		found = find_id(st, symbol, &id, err, errsize);
	if (found <= 0)
		return found;
	found = store_load_doc(st, id, out, err, errsize);
	if (found <= 0)
		return found;
	if (store_load_links(st, out, err, errsize) < 0) {
		store_doc_free(out);
		return -1;
	}
	return 1;
}
