/* SPDX-License-Identifier: MIT */
/* store_import.c: writing a batch of documents in one transaction, by
 * identity (doc_key()), skipping those whose content hash is unchanged. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_impl.h"

/* Content columns of documents, in the order bind_doc() binds them. The
 * operator's settings (withdrawn, pinned, display window) are not among
 * them: a re-import keeps them. */
static const char *const doc_columns[] = {
	"key", "number", "number_norm", "number_inferred", "kind", "type_name",
	"doc_group", "issuer", "issuer_inferred", "parent", "parent_inferred",
	"author", "party_header", "state_header", "place", "date",
	"date_inferred", "subject", "signer_authority", "signer_title",
	"signer_name", "received", "received_by", "received_number_raw",
	"received_number", "received_number_uncertain", "received_date",
	"link_type", "link_symbol", "link_norm", "source", "first_line",
	"last_line", "content_hash", "stated",
};
#define NCOLUMNS ((int)(sizeof doc_columns / sizeof doc_columns[0]))

/* The statements of one import, prepared once per batch. */
struct import {
	struct store *st;
	char *err;
	size_t errsize;
	const char *source; /* of the item being written, for messages */
	const char *key;
	int64_t now;
	int64_t arrival; /* this batch's row of arrivals, once it writes one */
	sqlite3_stmt *find, *insert, *update, *del_blocks, *del_refs, *del_lists;
	sqlite3_stmt *ins_block, *ins_ref, *ins_list, *arrive, *mark;
};

/* ---- content hash: FNV-1a 64 over a length-prefixed serialisation ---- */

static void fnv_bytes(uint64_t *h, const void *p, size_t n)
{
	const unsigned char *b = p;

	while (n--) {
		*h ^= *b++;
		*h *= UINT64_C(0x100000001b3);
	}
}

static void fnv_int(uint64_t *h, int64_t v)
{
	unsigned char b[8];

	for (int i = 0; i < 8; i++)
		b[i] = (unsigned char)((uint64_t)v >> (8 * i));
	fnv_bytes(h, b, sizeof b);
}

/* NULL and "" hash differently: the store keeps that difference. */
static void fnv_str(uint64_t *h, const char *s)
{
	if (!s) {
		fnv_int(h, -1);
		return;
	}
	fnv_int(h, (int64_t)strlen(s));
	fnv_bytes(h, s, strlen(s));
}

static void fnv_date(uint64_t *h, struct doc_date d)
{
	fnv_int(h, d.y);
	fnv_int(h, d.m);
	fnv_int(h, d.d);
}

static void fnv_list(uint64_t *h, char *const *items, size_t n)
{
	fnv_int(h, (int64_t)n);
	for (size_t i = 0; i < n; i++)
		fnv_str(h, items[i]);
}

static void fnv_body(uint64_t *h, const struct doc *doc)
{
	fnv_int(h, (int64_t)doc->nblocks);
	for (size_t i = 0; i < doc->nblocks; i++) {
		const struct doc_block *b = &doc->blocks[i];

		fnv_int(h, b->type);
		fnv_int(h, b->level);
		fnv_str(h, b->label);
		fnv_str(h, b->text);
		fnv_int(h, b->line);
		fnv_int(h, (int64_t)b->nspans);
		for (size_t j = 0; j < b->nspans; j++) {
			fnv_int(h, b->spans[j].start);
			fnv_int(h, b->spans[j].len);
			fnv_int(h, b->spans[j].style);
		}
	}
	fnv_int(h, (int64_t)doc->nrefs);
	for (size_t i = 0; i < doc->nrefs; i++) {
		fnv_str(h, doc->refs[i].symbol);
		fnv_date(h, doc->refs[i].date);
		fnv_str(h, doc->refs[i].type_name);
		fnv_str(h, doc->refs[i].issuer);
		fnv_int(h, doc->refs[i].line);
	}
	fnv_list(h, doc->addressees, doc->naddressees);
	fnv_list(h, doc->recipients, doc->nrecipients);
	fnv_list(h, doc->instructions, doc->ninstructions);
	fnv_list(h, doc->annotations, doc->nannotations);
}

/* Hashes every field of the document, so an identical re-import is
 * recognised and a change to any field is not missed. The source path is
 * left out: the same file imported from another staging folder or stick is
 * the same content. */
static uint64_t content_hash(const struct doc *doc)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);

	fnv_str(&h, "bangtin-doc-1");
	fnv_str(&h, doc->kind);
	fnv_str(&h, doc->type_name);
	fnv_str(&h, doc->number);
	fnv_int(&h, doc->number_inferred);
	fnv_str(&h, doc->issuer);
	fnv_int(&h, doc->issuer_inferred);
	fnv_str(&h, doc->parent);
	fnv_int(&h, doc->parent_inferred);
	fnv_str(&h, doc->author);
	fnv_int(&h, doc->party_header);
	fnv_int(&h, doc->state_header);
	fnv_str(&h, doc->place);
	fnv_date(&h, doc->date);
	fnv_int(&h, doc->date_inferred);
	fnv_str(&h, doc->subject);
	fnv_str(&h, doc->signer.authority);
	fnv_str(&h, doc->signer.title);
	fnv_str(&h, doc->signer.name);
	fnv_int(&h, doc->received.present);
	fnv_str(&h, doc->received.by);
	fnv_str(&h, doc->received.number_raw);
	fnv_str(&h, doc->received.number);
	fnv_int(&h, doc->received.number_uncertain);
	fnv_date(&h, doc->received.date);
	fnv_int(&h, doc->link_type);
	fnv_str(&h, doc->link_symbol);
	fnv_int(&h, doc->first_line);
	fnv_int(&h, doc->last_line);
	/* Only when set: documents stored before front matter keep their hash. */
	if (doc->stated)
		fnv_int(&h, doc->stated);
	fnv_body(&h, doc);
	return h;
}

/* ---- validation: refuse what the schema could not hold faithfully ---- */

static int bad(struct import *im, const char *field, const char *why)
{
	return store_fail(im->err, im->errsize, "%s: %s: field %s: %s", im->source,
			  im->key, field, why);
}

static bool date_ok(struct doc_date d)
{
	return d.y == 0 || doc_date_valid(d.y, d.m, d.d);
}

static int check_list(struct import *im, const char *name, char *const *items,
		      size_t n)
{
	char field[64];

	for (size_t i = 0; i < n; i++) {
		if (items[i])
			continue;
		snprintf(field, sizeof field, "%s[%zu]", name, i);
		return bad(im, field, "missing text");
	}
	return 0;
}

/* Spans are stored only if they read back: what doc_spans_parse() accepts. */
static bool spans_ok(const struct doc_block *b, size_t len)
{
	struct doc_span *parsed = NULL;
	size_t n = 0;
	char *text;
	bool ok;

	if (!b->nspans)
		return true;
	text = doc_spans_format(b->spans, b->nspans);
	ok = text && doc_spans_parse(text, len, &parsed, &n) && n == b->nspans;
	free(parsed);
	free(text);
	return ok;
}

static int check_blocks(struct import *im, const struct doc *doc)
{
	char field[64];

	for (size_t i = 0; i < doc->nblocks; i++) {
		const struct doc_block *b = &doc->blocks[i];
		size_t len = b->text ? strlen(b->text) : 0;
		const char *why = NULL;

		if (!b->text)
			why = "missing text";
		else if ((unsigned)b->type > DOC_BLOCK_BULLET)
			why = "unknown block type";
		else if (!spans_ok(b, len))
			why = "spans empty, overlapping, outside the text or of unknown style";
		if (why) {
			snprintf(field, sizeof field, "blocks[%zu]", i);
			return bad(im, field, why);
		}
	}
	return 0;
}

static int check_doc(struct import *im, const struct doc *doc)
{
	char field[64];

	if (!doc->kind || !*doc->kind)
		return bad(im, "kind", "missing");
	if (strlen(doc->kind) >= sizeof ((struct store_entry *)0)->kind)
		return bad(im, "kind", "too long");
	if (doc->number && strlen(doc->number) >= sizeof ((struct store_entry *)0)->number)
		return bad(im, "number", "too long");
	if (!date_ok(doc->date))
		return bad(im, "date", "not a calendar date");
	if (!date_ok(doc->received.date))
		return bad(im, "received.date", "not a calendar date");
	if ((unsigned)doc->link_type > DOC_LINK_ANNOTATES)
		return bad(im, "link_type", "unknown link type");
	if (doc->link_type != DOC_LINK_NONE && (!doc->link_symbol || !*doc->link_symbol))
		return bad(im, "link_symbol", "missing for a link");
	for (size_t i = 0; i < doc->nrefs; i++) {
		snprintf(field, sizeof field, "refs[%zu]", i);
		if (!doc->refs[i].symbol || !*doc->refs[i].symbol)
			return bad(im, field, "missing symbol");
		if (!date_ok(doc->refs[i].date))
			return bad(im, field, "not a calendar date");
	}
	if (check_list(im, "addressees", doc->addressees, doc->naddressees) < 0 ||
	    check_list(im, "recipients", doc->recipients, doc->nrecipients) < 0 ||
	    check_list(im, "instructions", doc->instructions, doc->ninstructions) < 0 ||
	    check_list(im, "annotations", doc->annotations, doc->nannotations) < 0)
		return -1;
	return check_blocks(im, doc);
}

/* ---- statements ---- */

/* Builds the INSERT (update = false) or UPDATE ... WHERE id = ?N+2 over
 * doc_columns; ?N+1 is the import time. */
static void build_doc_sql(char *buf, size_t size, bool update)
{
	size_t o;

	o = (size_t)snprintf(buf, size, update ? "UPDATE documents SET " :
			     "INSERT INTO documents (");
	for (int i = 0; i < NCOLUMNS; i++)
		o += (size_t)snprintf(buf + o, size - o, update ? "%s = ?%d, " : "%s, ",
				      doc_columns[i], i + 1);
	if (update) {
		snprintf(buf + o, size - o, "updated_at = ?%d WHERE id = ?%d",
			 NCOLUMNS + 1, NCOLUMNS + 2);
		return;
	}
	o += (size_t)snprintf(buf + o, size - o, "imported_at, updated_at) VALUES (");
	for (int i = 1; i <= NCOLUMNS + 1; i++)
		o += (size_t)snprintf(buf + o, size - o, "?%d, ", i);
	snprintf(buf + o, size - o, "?%d)", NCOLUMNS + 1);
}

static void import_finalize(struct import *im)
{
	sqlite3_stmt **all[] = { &im->find, &im->insert, &im->update, &im->del_blocks,
				 &im->del_refs, &im->del_lists, &im->ins_block,
				 &im->ins_ref, &im->ins_list, &im->arrive, &im->mark };

	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
		sqlite3_finalize(*all[i]);
		*all[i] = NULL;
	}
}

static int import_prepare(struct import *im)
{
	struct store *st = im->st;
	char insert[2048], update[2048];

	build_doc_sql(insert, sizeof insert, false);
	build_doc_sql(update, sizeof update, true);
#define PREP(field, sql) \
	if (!(im->field = store_prepare(st, sql, im->err, im->errsize, "import: prepare " #field))) \
		return -1
	PREP(find, "SELECT id, content_hash FROM documents WHERE key = ?1");
	PREP(insert, insert);
	PREP(update, update);
	PREP(del_blocks, "DELETE FROM blocks WHERE doc_id = ?1");
	PREP(del_refs, "DELETE FROM refs WHERE doc_id = ?1");
	PREP(del_lists, "DELETE FROM doc_lists WHERE doc_id = ?1");
	PREP(ins_block, "INSERT INTO blocks (doc_id, seq, type, level, label, text, spans, line) "
			"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
	PREP(ins_ref, "INSERT INTO refs (doc_id, seq, symbol, date, type_name, issuer, line) "
		      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
	PREP(ins_list, "INSERT INTO doc_lists (doc_id, kind, seq, text) VALUES (?1, ?2, ?3, ?4)");
	PREP(arrive, "INSERT INTO arrivals (at) VALUES (?1)");
	PREP(mark, "UPDATE documents SET arrival = ?1 WHERE id = ?2");
#undef PREP
	return 0;
}

/* Steps a write statement to completion and resets it; -1 with err naming
 * the document and field on failure. */
static int run(struct import *im, sqlite3_stmt *stmt, const char *field)
{
	char what[512];
	int rc = store_step(im->st, stmt);

	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	if (rc == SQLITE_DONE)
		return 0;
	snprintf(what, sizeof what, "%s: %s: field %s", im->source, im->key, field);
	return store_fail_db(im->st, im->err, im->errsize, what);
}

/* Binds a date as ISO text, NULL when absent; iso must outlive the step. */
static void bind_date(sqlite3_stmt *stmt, int idx, struct doc_date d, char *iso)
{
	doc_date_iso(d, iso);
	store_bind_text(stmt, idx, *iso ? iso : NULL);
}

struct doc_row {
	char number_norm[128], link_norm[128], date[11], received_date[11];
	char hash[17];
};

static void bind_doc(struct import *im, sqlite3_stmt *s, const struct doc *doc,
		     struct doc_row *row)
{
	int i = 1;

	store_bind_text(s, i++, im->key);
	store_bind_text(s, i++, doc->number);
	store_bind_text(s, i++, doc->number ?
			store_norm_symbol(doc->number, row->number_norm, sizeof row->number_norm) : NULL);
	sqlite3_bind_int(s, i++, doc->number_inferred);
	store_bind_text(s, i++, doc->kind);
	store_bind_text(s, i++, doc->type_name);
	sqlite3_bind_int(s, i++, (int)doc_group(doc));
	store_bind_text(s, i++, doc->issuer);
	sqlite3_bind_int(s, i++, doc->issuer_inferred);
	store_bind_text(s, i++, doc->parent);
	sqlite3_bind_int(s, i++, doc->parent_inferred);
	store_bind_text(s, i++, doc->author);
	sqlite3_bind_int(s, i++, doc->party_header);
	sqlite3_bind_int(s, i++, doc->state_header);
	store_bind_text(s, i++, doc->place);
	bind_date(s, i++, doc->date, row->date);
	sqlite3_bind_int(s, i++, doc->date_inferred);
	store_bind_text(s, i++, doc->subject);
	store_bind_text(s, i++, doc->signer.authority);
	store_bind_text(s, i++, doc->signer.title);
	store_bind_text(s, i++, doc->signer.name);
	sqlite3_bind_int(s, i++, doc->received.present);
	store_bind_text(s, i++, doc->received.by);
	store_bind_text(s, i++, doc->received.number_raw);
	store_bind_text(s, i++, doc->received.number);
	sqlite3_bind_int(s, i++, doc->received.number_uncertain);
	bind_date(s, i++, doc->received.date, row->received_date);
	sqlite3_bind_int(s, i++, (int)doc->link_type);
	store_bind_text(s, i++, doc->link_symbol);
	store_bind_text(s, i++, doc->link_symbol ?
			store_norm_symbol(doc->link_symbol, row->link_norm, sizeof row->link_norm) : NULL);
	store_bind_text(s, i++, im->source);
	sqlite3_bind_int(s, i++, doc->first_line);
	sqlite3_bind_int(s, i++, doc->last_line);
	store_bind_text(s, i++, row->hash);
	sqlite3_bind_int64(s, i++, doc->stated);
	sqlite3_bind_int64(s, i++, im->now);
}

static int write_blocks(struct import *im, int64_t id, const struct doc *doc)
{
	sqlite3_stmt *s = im->ins_block;
	char field[32];

	for (size_t i = 0; i < doc->nblocks; i++) {
		const struct doc_block *b = &doc->blocks[i];
		char *spans = doc_spans_format(b->spans, b->nspans);
		int rc;

		snprintf(field, sizeof field, "blocks[%zu]", i);
		if (!spans)
			return bad(im, field, "out of memory");
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int64(s, 2, (int64_t)i);
		sqlite3_bind_int(s, 3, (int)b->type);
		sqlite3_bind_int(s, 4, b->level);
		store_bind_text(s, 5, b->label);
		store_bind_text(s, 6, b->text);
		store_bind_text(s, 7, spans);
		sqlite3_bind_int(s, 8, b->line);
		rc = run(im, s, field);
		free(spans);
		if (rc < 0)
			return -1;
	}
	return 0;
}

static int write_refs(struct import *im, int64_t id, const struct doc *doc)
{
	sqlite3_stmt *s = im->ins_ref;
	char field[32], iso[11];

	for (size_t i = 0; i < doc->nrefs; i++) {
		const struct doc_ref *r = &doc->refs[i];

		snprintf(field, sizeof field, "refs[%zu]", i);
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int64(s, 2, (int64_t)i);
		store_bind_text(s, 3, r->symbol);
		bind_date(s, 4, r->date, iso);
		store_bind_text(s, 5, r->type_name);
		store_bind_text(s, 6, r->issuer);
		sqlite3_bind_int(s, 7, r->line);
		if (run(im, s, field) < 0)
			return -1;
	}
	return 0;
}

static int write_list(struct import *im, int64_t id, const char *kind,
		      const char *name, char *const *items, size_t n)
{
	sqlite3_stmt *s = im->ins_list;
	char field[48];

	for (size_t i = 0; i < n; i++) {
		snprintf(field, sizeof field, "%s[%zu]", name, i);
		sqlite3_bind_int64(s, 1, id);
		store_bind_text(s, 2, kind);
		sqlite3_bind_int64(s, 3, (int64_t)i);
		store_bind_text(s, 4, items[i]);
		if (run(im, s, field) < 0)
			return -1;
	}
	return 0;
}

/* Replaces the children of document id with those of doc. */
static int write_children(struct import *im, int64_t id, const struct doc *doc)
{
	sqlite3_stmt *del[] = { im->del_blocks, im->del_refs, im->del_lists };

	for (size_t i = 0; i < sizeof del / sizeof del[0]; i++) {
		sqlite3_bind_int64(del[i], 1, id);
		if (run(im, del[i], "children") < 0)
			return -1;
	}
	if (write_blocks(im, id, doc) < 0 || write_refs(im, id, doc) < 0 ||
	    write_list(im, id, "addressee", "addressees", doc->addressees, doc->naddressees) < 0 ||
	    write_list(im, id, "recipient", "recipients", doc->recipients, doc->nrecipients) < 0 ||
	    write_list(im, id, "instruction", "instructions", doc->instructions, doc->ninstructions) < 0 ||
	    write_list(im, id, "annotation", "annotations", doc->annotations, doc->nannotations) < 0)
		return -1;
	return 0;
}

/* Looks the key up: 1 with *id and the stored hash, 0 when new, -1. */
static int find_existing(struct import *im, int64_t *id, char *hash, size_t size)
{
	char what[512];
	int rc;

	store_bind_text(im->find, 1, im->key);
	rc = store_step(im->st, im->find);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(im->find, 0);
		store_column_copy(im->find, 1, hash, size);
	}
	sqlite3_reset(im->find);
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return rc == SQLITE_ROW;
	snprintf(what, sizeof what, "%s: %s: lookup", im->source, im->key);
	return store_fail_db(im->st, im->err, im->errsize, what);
}

/* Records that document id came with this batch: the batch's arrival is
 * made with its first written document. */
static int mark_arrival(struct import *im, int64_t id)
{
	if (!im->arrival) {
		sqlite3_bind_int64(im->arrive, 1, im->now);
		if (run(im, im->arrive, "arrival") < 0)
			return -1;
		im->arrival = sqlite3_last_insert_rowid(im->st->db);
	}
	sqlite3_bind_int64(im->mark, 1, im->arrival);
	sqlite3_bind_int64(im->mark, 2, id);
	return run(im, im->mark, "arrival");
}

static int import_one(struct import *im, const struct doc *doc,
		      enum store_action *action, int64_t *idp)
{
	struct doc_row row;
	char stored[17];
	int64_t id = 0;
	int found;

	snprintf(row.hash, sizeof row.hash, "%016" PRIx64,
		 content_hash(doc));
	found = find_existing(im, &id, stored, sizeof stored);
	if (found < 0)
		return -1;
	if (found && !strcmp(stored, row.hash)) {
		*action = STORE_UNCHANGED;
		*idp = id;
		return 0;
	}
	if (found) {
		bind_doc(im, im->update, doc, &row);
		sqlite3_bind_int64(im->update, NCOLUMNS + 2, id);
		if (run(im, im->update, "document") < 0)
			return -1;
		*action = STORE_UPDATED;
	} else {
		bind_doc(im, im->insert, doc, &row);
		if (run(im, im->insert, "document") < 0)
			return -1;
		id = sqlite3_last_insert_rowid(im->st->db);
		*action = STORE_ADDED;
	}
	*idp = id;
	if (mark_arrival(im, id) < 0)
		return -1;
	return write_children(im, id, doc);
}

static int import_all(struct import *im, const struct store_item *items,
		      size_t n, enum store_action *actions, int64_t *ids,
		      const struct store_import_progress *progress)
{
	char key[160], where[64];

	for (size_t i = 0; i < n; i++) {
		enum store_action action;
		int64_t id = 0;

		snprintf(where, sizeof where, "batch item %zu", i + 1);
		im->source = items[i].source ? items[i].source : where;
		im->key = items[i].doc && items[i].doc->number ? items[i].doc->number : where;
		if (!items[i].doc)
			return store_fail(im->err, im->errsize, "%s: no document", im->source);
		if (!items[i].source)
			return store_fail(im->err, im->errsize, "%s: field source: missing", where);
		if (check_doc(im, items[i].doc) < 0)
			return -1;
		im->key = doc_key(items[i].doc, key, sizeof key);
		if (import_one(im, items[i].doc, &action, &id) < 0)
			return -1;
		if (actions)
			actions[i] = action;
		if (ids)
			ids[i] = id;
		if (progress && progress->fn && !progress->fn(progress->ctx, i + 1, n))
			return 1;
	}
	return 0;
}

int store_import_items(struct store *st, const struct store_item *items, size_t n,
		       int64_t now, enum store_action *actions, int64_t *ids,
		       const struct store_import_progress *progress, char *err,
		       size_t errsize)
{
	struct import im = { .st = st, .err = err, .errsize = errsize, .now = now };
	int rc = import_prepare(&im);

	if (rc == 0)
		rc = import_all(&im, items, n, actions, ids, progress);
	import_finalize(&im);
	return rc;
}

int store_import(struct store *st, const struct store_item *items, size_t n,
		 int64_t now, enum store_action *actions, char *err, size_t errsize)
{
	enum store_action *acts = calloc(n ? n : 1, sizeof *acts);
	char result[128];
	size_t changed = 0;

	if (!acts)
		return store_fail(err, errsize, "import: out of memory");
	if (store_exec(st, "BEGIN IMMEDIATE", err, errsize, "import: begin") < 0)
		goto err;
	if (store_refuse_damaged(st, err, errsize) < 0)
		goto err_rollback;
	if (store_import_items(st, items, n, now, acts, NULL, NULL, err, errsize) != 0)
		goto err_rollback;
	for (size_t i = 0; i < n; i++)
		changed += acts[i] != STORE_UNCHANGED;
	snprintf(result, sizeof result, "Thành công: %zu văn bản, %zu thay đổi", n, changed);
	if (store_stamp(st, changed > 0, false, now, result, err, errsize) < 0)
		goto err_rollback;
	if (store_exec(st, "COMMIT", err, errsize, "import: commit") < 0)
		goto err_rollback;
	if (actions)
		memcpy(actions, acts, n * sizeof *acts);
	free(acts);
	return 0;

err_rollback:
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
err:
	free(acts);
	return -1;
}
