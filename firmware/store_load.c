/* SPDX-License-Identifier: MIT */
/* store_load.c: reading one stored document back into a struct doc, and
 * resolving its forwarding/annotating links in both directions. */
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

static struct doc_date column_date(sqlite3_stmt *s, int col)
{
	struct doc_date d = { 0, 0, 0 };
	const unsigned char *iso = sqlite3_column_text(s, col);

	if (iso)
		doc_date_from_iso((const char *)iso, &d);
	return d;
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
		if (!grow((void **)items, &cap, *n, sizeof **items)) {
			oom = true;
			break;
		}
		(*items)[*n] = store_column_dup(s, 0, &oom);
		if (!oom)
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
		struct doc_block *b;
		const char *spans;

		if (!grow((void **)&doc->blocks, &cap, doc->nblocks, sizeof *b)) {
			oom = true;
			break;
		}
		b = &doc->blocks[doc->nblocks++];
		b->type = (enum doc_block_type)sqlite3_column_int(s, 0);
		b->level = sqlite3_column_int(s, 1);
		b->label = store_column_dup(s, 2, &oom);
		b->text = store_column_dup(s, 3, &oom);
		b->line = sqlite3_column_int(s, 5);
		spans = (const char *)sqlite3_column_text(s, 4);
		if (oom)
			break;
		if (!doc_spans_parse(spans ? spans : "", strlen(b->text), &b->spans,
				     &b->nspans)) {
			bad_spans = true;
			break;
		}
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
		r = &doc->refs[doc->nrefs++];
		r->symbol = store_column_dup(s, 0, &oom);
		r->date = column_date(s, 1);
		r->type_name = store_column_dup(s, 2, &oom);
		r->issuer = store_column_dup(s, 3, &oom);
		r->line = sqlite3_column_int(s, 4);
		if (oom)
			break;
	}
	return loop_end(st, s, rc, oom, what, err, errsize);
}

/* Fills the document's own columns from the row of load_row()'s query. */
static bool read_row(sqlite3_stmt *s, struct store_doc *out)
{
	struct doc *d = &out->doc;
	bool oom = false;
	int i = 0;

	store_column_copy(s, i++, out->key, sizeof out->key);
	d->number = store_column_dup(s, i++, &oom);
	d->number_inferred = sqlite3_column_int(s, i++);
	d->kind = store_column_dup(s, i++, &oom);
	d->type_name = store_column_dup(s, i++, &oom);
	d->issuer = store_column_dup(s, i++, &oom);
	d->issuer_inferred = sqlite3_column_int(s, i++);
	d->parent = store_column_dup(s, i++, &oom);
	d->parent_inferred = sqlite3_column_int(s, i++);
	d->author = store_column_dup(s, i++, &oom);
	d->party_header = sqlite3_column_int(s, i++);
	d->state_header = sqlite3_column_int(s, i++);
	d->place = store_column_dup(s, i++, &oom);
	d->date = column_date(s, i++);
	d->date_inferred = sqlite3_column_int(s, i++);
	d->subject = store_column_dup(s, i++, &oom);
	d->signer.authority = store_column_dup(s, i++, &oom);
	d->signer.title = store_column_dup(s, i++, &oom);
	d->signer.name = store_column_dup(s, i++, &oom);
	d->received.present = sqlite3_column_int(s, i++);
	d->received.by = store_column_dup(s, i++, &oom);
	d->received.number_raw = store_column_dup(s, i++, &oom);
	d->received.number = store_column_dup(s, i++, &oom);
	d->received.number_uncertain = sqlite3_column_int(s, i++);
	d->received.date = column_date(s, i++);
	d->link_type = (enum doc_link_type)sqlite3_column_int(s, i++);
	d->link_symbol = store_column_dup(s, i++, &oom);
	out->source = store_column_dup(s, i++, &oom);
	d->first_line = sqlite3_column_int(s, i++);
	d->last_line = sqlite3_column_int(s, i++);
	out->imported_at = sqlite3_column_int64(s, i++);
	out->withdrawn = sqlite3_column_int(s, i++);
	out->pinned = sqlite3_column_int(s, i++);
	out->display_from = sqlite3_column_int64(s, i++);
	out->display_until = sqlite3_column_int64(s, i++);
	d->stated = (uint32_t)sqlite3_column_int64(s, i++);
	return !oom;
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
		out->id = id;
		ok = read_row(s, out);
	}
	sqlite3_finalize(s);
	if (!ok)
		return store_fail(err, errsize, "%s: out of memory", what);
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
	bool oom = false;

	l->other_id = sqlite3_column_int64(s, 0);
	store_column_copy(s, 1, l->other_number, sizeof l->other_number);
	store_column_copy(s, 2, l->other_kind, sizeof l->other_kind);
	store_column_copy(s, 3, l->other_date, sizeof l->other_date);
	l->other_subject = store_column_dup(s, 4, &oom);
	return !oom;
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
		l->type = (enum doc_link_type)sqlite3_column_int(s, 5);
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
