/* SPDX-License-Identifier: MIT */
/* store_load.c: reading one stored document back into a struct doc, and
 * resolving its forwarding/annotating links in both directions; freeing
 * what it read (store_doc_free). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_impl.h"

/* Makes room for one more element; false on ENOMEM. */
static bool grow(void **items, size_t *cap, size_t n, size_t elem)
{
	size_t ncap;
	void *p;

	if (n < *cap)
		return true;
	ncap = *cap ? 2 * *cap : 8;
	p = realloc(*items, ncap * elem);
	if (!p)
		return false;
	memset((char *)p + *cap * elem, 0, (ncap - *cap) * elem);
	*items = p;
	*cap = ncap;
	return true;
}

/* Reading one row's columns in order, each checked (store_col_text and
 * store_col_int): the first damaged value stops the row and is named. */
struct rd {
	sqlite3_stmt *s;
	int col;
	const char *field; /* the first damaged field, NULL while all good */
	const char *why;
	bool oom;
};

static bool rd_ok(const struct rd *r)
{
	return !r->field && !r->oom;
}

static void rd_bad(struct rd *r, const char *field, const char *why)
{
	if (!r->field) {
		r->field = field;
		r->why = why;
	}
}

/* A malloc'ed copy of the next text column (NULL for NULL when nullable). */
static char *rd_text(struct rd *r, const char *field, bool nullable, size_t max)
{
	const char *t, *why;
	char *copy = NULL;
	int col = r->col++;

	if (!rd_ok(r))
		return NULL;
	if ((why = store_col_text(r->s, col, nullable, max, &t)))
		rd_bad(r, field, why);
	else if (t && !(copy = strdup(t)))
		r->oom = true;
	return copy;
}

static int64_t rd_int(struct rd *r, const char *field, int64_t lo, int64_t hi)
{
	const char *why;
	int64_t v = lo;
	int col = r->col++;

	if (rd_ok(r) && (why = store_col_int(r->s, col, lo, hi, &v)))
		rd_bad(r, field, why);
	return v;
}

static bool rd_bool(struct rd *r, const char *field)
{
	return rd_int(r, field, 0, 1) != 0;
}

/* The next column as a date: NULL, or "YYYY-MM-DD". */
static struct doc_date rd_date(struct rd *r, const char *field)
{
	struct doc_date d = { 0, 0, 0 };
	const char *iso, *why;
	int col = r->col++;

	if (!rd_ok(r))
		return d;
	if ((why = store_col_text(r->s, col, true, 10, &iso)))
		rd_bad(r, field, why);
	else if (iso && !doc_date_from_iso(iso, &d))
		rd_bad(r, field, "not a date YYYY-MM-DD");
	return d;
}

/* 0 when the row was read whole; else -1 with err naming the field. */
static int rd_end(const struct rd *r, const char *what, char *err, size_t errsize)
{
	if (r->oom)
		return store_fail(err, errsize, "%s: out of memory", what);
	if (r->field)
		return store_fail(err, errsize, "%s: field %s: %s (the database is damaged)",
				  what, r->field, r->why);
	return 0;
}

/* Finishes a row loop: -1 with err unless the step ended with DONE. */
static int loop_end(struct store *st, sqlite3_stmt *s, int rc, bool oom,
		    const char *what, char *err, size_t errsize)
{
	sqlite3_finalize(s);
	if (oom)
		return store_fail(err, errsize, "%s: out of memory", what);
	if (rc != SQLITE_DONE)
		return store_fail_db(st, err, errsize, what);
	return 0;
}

/* Loads the list of one kind ("recipient", ...) of document id. */
static int load_list(struct store *st, int64_t id, const char *kind,
		     char ***items, size_t *n, char *err, size_t errsize)
{
	sqlite3_stmt *s;
	size_t cap = 0;
	bool oom = false;
	char what[64];
	int rc;

	snprintf(what, sizeof what, "document %lld: %ss", (long long)id, kind);
	s = store_prepare(st, "SELECT text FROM doc_lists WHERE doc_id = ?1 AND kind = ?2 "
			  "ORDER BY seq", err, errsize, what);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	store_bind_text(s, 2, kind);
	while (!oom && (rc = store_step(st, s)) == SQLITE_ROW) {
		struct rd r = { .s = s };

		if (!grow((void **)items, &cap, *n, sizeof **items)) {
			oom = true;
			break;
		}
		(*items)[*n] = rd_text(&r, "text", false, STORE_TEXT_MAX);
		if (!rd_ok(&r)) {
			sqlite3_finalize(s);
			return rd_end(&r, what, err, errsize);
		}
		(*n)++;
	}
	return loop_end(st, s, rc, oom, what, err, errsize);
}

static int load_blocks(struct store *st, int64_t id, struct doc *doc, char *err,
		       size_t errsize)
{
	sqlite3_stmt *s;
	size_t cap = 0;
	bool oom = false, bad_spans = false;
	char what[64];
	int rc;

	snprintf(what, sizeof what, "document %lld: blocks", (long long)id);
	s = store_prepare(st, "SELECT type, level, label, text, spans, line FROM blocks "
			  "WHERE doc_id = ?1 ORDER BY seq", err, errsize, what);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	while ((rc = store_step(st, s)) == SQLITE_ROW) {
		struct rd r = { .s = s };
		struct doc_block *b;
		char *spans;

		if (!grow((void **)&doc->blocks, &cap, doc->nblocks, sizeof *b)) {
			oom = true;
			break;
		}
		b = &doc->blocks[doc->nblocks++];
		b->type = (enum doc_block_type)rd_int(&r, "type", DOC_BLOCK_PARA, DOC_BLOCK_BULLET);
		b->level = (int)rd_int(&r, "level", 0, 9);
		b->label = rd_text(&r, "label", true, STORE_TEXT_MAX);
		b->text = rd_text(&r, "text", false, STORE_TEXT_MAX);
		spans = rd_text(&r, "spans", false, STORE_TEXT_MAX);
		b->line = (int)rd_int(&r, "line", 0, INT32_MAX);
		if (rd_ok(&r) && !doc_spans_parse(spans, strlen(b->text), &b->spans, &b->nspans))
			bad_spans = true;
		free(spans);
		if (!rd_ok(&r)) {
			char at[96];

			sqlite3_finalize(s);
			snprintf(at, sizeof at, "%s: block %zu", what, doc->nblocks - 1);
			return rd_end(&r, at, err, errsize);
		}
		if (bad_spans)
			break;
	}
	if (bad_spans) {
		sqlite3_finalize(s);
		return store_fail(err, errsize, "%s: block %zu: malformed spans", what,
				  doc->nblocks - 1);
	}
	return loop_end(st, s, rc, oom, what, err, errsize);
}

static int load_refs(struct store *st, int64_t id, struct doc *doc, char *err,
		     size_t errsize)
{
	sqlite3_stmt *s;
	size_t cap = 0;
	bool oom = false;
	char what[64];
	int rc;

	snprintf(what, sizeof what, "document %lld: refs", (long long)id);
	s = store_prepare(st, "SELECT symbol, date, type_name, issuer, line FROM refs "
			  "WHERE doc_id = ?1 ORDER BY seq", err, errsize, what);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	while ((rc = store_step(st, s)) == SQLITE_ROW) {
		struct doc_ref *r;

		if (!grow((void **)&doc->refs, &cap, doc->nrefs, sizeof *r)) {
			oom = true;
			break;
		}
		struct rd c = { .s = s };

		r = &doc->refs[doc->nrefs++];
		r->symbol = rd_text(&c, "symbol", false, STORE_TEXT_MAX);
		r->date = rd_date(&c, "date");
		r->type_name = rd_text(&c, "type_name", true, STORE_TEXT_MAX);
		r->issuer = rd_text(&c, "issuer", true, STORE_TEXT_MAX);
		r->line = (int)rd_int(&c, "line", 0, INT32_MAX);
		if (!rd_ok(&c)) {
			sqlite3_finalize(s);
			return rd_end(&c, what, err, errsize);
		}
	}
	return loop_end(st, s, rc, oom, what, err, errsize);
}

/* Fills the document's own columns from the row of load_row()'s query,
 * each checked; r says whether all were good. */
static void read_row(struct rd *r, struct store_doc *out)
{
	struct doc *d = &out->doc;
	char *key = rd_text(r, "key", false, sizeof out->key - 1);

	snprintf(out->key, sizeof out->key, "%s", key ? key : "");
	free(key);
	d->number = rd_text(r, "number", true, STORE_TEXT_MAX);
	d->number_inferred = rd_bool(r, "number_inferred");
	d->kind = rd_text(r, "kind", false, STORE_TEXT_MAX);
	if (rd_ok(r) && !*d->kind)
		rd_bad(r, "kind", "empty");
	d->type_name = rd_text(r, "type_name", true, STORE_TEXT_MAX);
	d->issuer = rd_text(r, "issuer", true, STORE_TEXT_MAX);
	d->issuer_inferred = rd_bool(r, "issuer_inferred");
	d->parent = rd_text(r, "parent", true, STORE_TEXT_MAX);
	d->parent_inferred = rd_bool(r, "parent_inferred");
	d->author = rd_text(r, "author", true, STORE_TEXT_MAX);
	d->party_header = rd_bool(r, "party_header");
	d->state_header = rd_bool(r, "state_header");
	d->place = rd_text(r, "place", true, STORE_TEXT_MAX);
	d->date = rd_date(r, "date");
	d->date_inferred = rd_bool(r, "date_inferred");
	d->subject = rd_text(r, "subject", true, STORE_TEXT_MAX);
	d->signer.authority = rd_text(r, "signer_authority", true, STORE_TEXT_MAX);
	d->signer.title = rd_text(r, "signer_title", true, STORE_TEXT_MAX);
	d->signer.name = rd_text(r, "signer_name", true, STORE_TEXT_MAX);
	d->received.present = rd_bool(r, "received");
	d->received.by = rd_text(r, "received_by", true, STORE_TEXT_MAX);
	d->received.number_raw = rd_text(r, "received_number_raw", true, STORE_TEXT_MAX);
	d->received.number = rd_text(r, "received_number", true, STORE_TEXT_MAX);
	d->received.number_uncertain = rd_bool(r, "received_number_uncertain");
	d->received.date = rd_date(r, "received_date");
	d->link_type = (enum doc_link_type)rd_int(r, "link_type", DOC_LINK_NONE,
						   DOC_LINK_ANNOTATES);
	d->link_symbol = rd_text(r, "link_symbol", true, STORE_TEXT_MAX);
	out->source = rd_text(r, "source", false, STORE_TEXT_MAX);
	d->first_line = (int)rd_int(r, "first_line", 0, INT32_MAX);
	d->last_line = (int)rd_int(r, "last_line", 0, INT32_MAX);
	out->imported_at = rd_int(r, "imported_at", INT64_MIN, INT64_MAX);
	out->withdrawn = rd_bool(r, "withdrawn");
	out->pinned = rd_bool(r, "pinned");
	out->display_from = rd_int(r, "display_from", 0, INT64_MAX);
	out->display_until = rd_int(r, "display_until", 0, INT64_MAX);
	d->stated = (uint32_t)rd_int(r, "stated", 0, UINT32_MAX);
}

/* Loads the documents row of id; 1, 0 when absent, -1. */
static int load_row(struct store *st, int64_t id, struct store_doc *out,
		    char *err, size_t errsize)
{
	sqlite3_stmt *s;
	char what[64];
	bool ok = true;
	int rc;

	snprintf(what, sizeof what, "document %lld", (long long)id);
	s = store_prepare(st,
			  "SELECT key, number, number_inferred, kind, type_name, issuer, "
			  "issuer_inferred, parent, parent_inferred, author, party_header, "
			  "state_header, place, date, date_inferred, subject, signer_authority, "
			  "signer_title, signer_name, received, received_by, received_number_raw, "
			  "received_number, received_number_uncertain, received_date, link_type, "
			  "link_symbol, source, first_line, last_line, imported_at, withdrawn, "
			  "pinned, display_from, display_until, stated FROM documents WHERE id = ?1",
			  err, errsize, what);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	rc = store_step(st, s);
	if (rc == SQLITE_ROW) {
		struct rd r = { .s = s };

		out->id = id;
		read_row(&r, out);
		ok = rd_end(&r, what, err, errsize) == 0;
	}
	sqlite3_finalize(s);
	if (!ok)
		return -1;
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return rc == SQLITE_ROW;
	return store_fail_db(st, err, errsize, what);
}

int store_load_doc(struct store *st, int64_t id, struct store_doc *out,
		   char *err, size_t errsize)
{
	struct doc *d = &out->doc;
	int found;

	memset(out, 0, sizeof *out);
	found = load_row(st, id, out, err, errsize);
	if (found <= 0)
		goto out;
	if (load_blocks(st, id, d, err, errsize) < 0 ||
	    load_refs(st, id, d, err, errsize) < 0 ||
	    load_list(st, id, "addressee", &d->addressees, &d->naddressees, err, errsize) < 0 ||
	    load_list(st, id, "recipient", &d->recipients, &d->nrecipients, err, errsize) < 0 ||
	    load_list(st, id, "instruction", &d->instructions, &d->ninstructions, err, errsize) < 0 ||
	    load_list(st, id, "annotation", &d->annotations, &d->nannotations, err, errsize) < 0)
		found = -1;
out:
	if (found <= 0)
		store_doc_free(out);
	return found;
}

/* Fills a link's other side from a row (id, number, kind, date, subject). */
static bool link_read(sqlite3_stmt *s, struct store_link *l)
{
	struct rd r = { .s = s };
	char *number, *kind, *date;

	l->other_id = rd_int(&r, "id", 1, INT64_MAX);
	number = rd_text(&r, "number", true, sizeof l->other_number - 1);
	kind = rd_text(&r, "kind", false, sizeof l->other_kind - 1);
	date = rd_text(&r, "date", true, sizeof l->other_date - 1);
	l->other_subject = rd_text(&r, "subject", true, STORE_TEXT_MAX);
	snprintf(l->other_number, sizeof l->other_number, "%s", number ? number : "");
	snprintf(l->other_kind, sizeof l->other_kind, "%s", kind ? kind : "");
	snprintf(l->other_date, sizeof l->other_date, "%s", date ? date : "");
	free(number);
	free(kind);
	free(date);
	/* A damaged other side is shown as not stored; only memory fails. */
	if (!rd_ok(&r) && !r.oom) {
		free(l->other_subject);
		l->other_subject = NULL;
		l->other_id = 0;
	}
	return !r.oom;
}

static bool copy_list(char *const *src, size_t n, char ***dst, size_t *dn)
{
	*dst = n ? calloc(n, sizeof **dst) : NULL;
	*dn = 0;
	if (n && !*dst)
		return false;
	for (; *dn < n; (*dn)++)
		if (!((*dst)[*dn] = strdup(src[*dn])))
			return false;
	return true;
}

/* The document this one forwards or annotates: the newest stored one with
 * the link's number; when none is stored, other_id is 0. */
static int load_outgoing(struct store *st, struct store_doc *sd, char *err,
			 size_t errsize)
{
	const struct doc *d = &sd->doc;
	struct store_link *l;
	char norm[128];
	sqlite3_stmt *s;
	int rc;

	if (d->link_type == DOC_LINK_NONE || !d->link_symbol)
		return 0;
	if (!(sd->outgoing = l = calloc(1, sizeof *l)))
		return store_fail(err, errsize, "%s: link: out of memory", sd->key);
	sd->noutgoing = 1;
	l->type = d->link_type;
	snprintf(l->other_number, sizeof l->other_number, "%s", d->link_symbol);
	if (!copy_list(d->instructions, d->ninstructions, &l->instructions,
		       &l->ninstructions))
		return store_fail(err, errsize, "%s: link: out of memory", sd->key);
	s = store_prepare(st, "SELECT id, number, kind, date, subject FROM documents "
			  "WHERE number_norm = ?1 AND id != ?2 ORDER BY date DESC, id DESC LIMIT 1",
			  err, errsize, sd->key);
	if (!s)
		return -1;
	store_bind_text(s, 1, store_norm_symbol(d->link_symbol, norm, sizeof norm));
	sqlite3_bind_int64(s, 2, sd->id);
	rc = store_step(st, s);
	if (rc == SQLITE_ROW && !link_read(s, l))
		return loop_end(st, s, SQLITE_DONE, true, sd->key, err, errsize);
	return loop_end(st, s, rc == SQLITE_ROW ? SQLITE_DONE : rc, false, sd->key,
			err, errsize);
}

/* The documents that forward or annotate this one, oldest first, each with
 * its instructions. */
static int load_incoming(struct store *st, struct store_doc *sd, char *err,
			 size_t errsize)
{
	struct store_link *l;
	char norm[128];
	sqlite3_stmt *s;
	size_t cap = 0;
	bool oom = false;
	int rc;

	if (!sd->doc.number)
		return 0;
	s = store_prepare(st, "SELECT id, number, kind, date, subject, link_type FROM documents "
			  "WHERE link_norm = ?1 AND id != ?2 ORDER BY date, id",
			  err, errsize, sd->key);
	if (!s)
		return -1;
	store_bind_text(s, 1, store_norm_symbol(sd->doc.number, norm, sizeof norm));
	sqlite3_bind_int64(s, 2, sd->id);
	while ((rc = store_step(st, s)) == SQLITE_ROW) {
		if (!grow((void **)&sd->incoming, &cap, sd->nincoming, sizeof *l)) {
			oom = true;
			break;
		}
		l = &sd->incoming[sd->nincoming++];
		l->type = sqlite3_column_int(s, 5) == DOC_LINK_ANNOTATES ? DOC_LINK_ANNOTATES
									  : DOC_LINK_FORWARDS;
		if (!link_read(s, l)) {
			oom = true;
			break;
		}
		if (load_list(st, l->other_id, "instruction", &l->instructions,
			      &l->ninstructions, err, errsize) < 0) {
			sqlite3_finalize(s);
			return -1;
		}
	}
	return loop_end(st, s, rc, oom, sd->key, err, errsize);
}

int store_load_links(struct store *st, struct store_doc *sd, char *err,
		     size_t errsize)
{
	if (load_outgoing(st, sd, err, errsize) < 0)
		return -1;
	return load_incoming(st, sd, err, errsize);
}

void store_doc_free(struct store_doc *sd)
{
	struct store_link *sets[2];
	size_t counts[2];

	if (!sd)
		return;
	sets[0] = sd->outgoing;
	counts[0] = sd->noutgoing;
	sets[1] = sd->incoming;
	counts[1] = sd->nincoming;
	for (int k = 0; k < 2; k++) {
		for (size_t i = 0; i < counts[k]; i++) {
			free(sets[k][i].other_subject);
			for (size_t j = 0; j < sets[k][i].ninstructions; j++)
				free(sets[k][i].instructions[j]);
			free(sets[k][i].instructions);
		}
		free(sets[k]);
	}
	doc_free(&sd->doc);
	free(sd->source);
	memset(sd, 0, sizeof *sd);
}
