/* SPDX-License-Identifier: MIT */
/* ctl_json: a stored document as one JSON object, for show --json and list
 * --json (scripts, tests, the clerk's web page). The field names are an
 * interface: docs/bangtinctl.1 lists them; add, never rename. */
#include "ctl.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "norm.h"
#include "store.h"

/* Writes n valid UTF-8 bytes of s, escaping what JSON requires. */
static void json_chunk(FILE *f, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		switch (c) {
		case '"': fputs("\\\"", f); break;
		case '\\': fputs("\\\\", f); break;
		case '\b': fputs("\\b", f); break;
		case '\f': fputs("\\f", f); break;
		case '\n': fputs("\\n", f); break;
		case '\r': fputs("\\r", f); break;
		case '\t': fputs("\\t", f); break;
		default:
			if (c < 0x20 || c == 0x7f)
				fprintf(f, "\\u%04x", c);
			else
				fputc(c, f);
		}
	}
}

void ctl_json_string(FILE *f, const char *s)
{
	size_t len, bad;

	if (!s) {
		fputs("null", f);
		return;
	}
	len = strlen(s);
	fputc('"', f);
	/* Non-ASCII stays UTF-8; a byte that is not UTF-8 (a damaged
	 * database) becomes U+FFFD, so the output is always valid JSON. */
	while (!norm_utf8_valid(s, len, &bad)) {
		json_chunk(f, s, bad);
		fputs("\\ufffd", f);
		s += bad + 1;
		len -= bad + 1;
	}
	json_chunk(f, s, len);
	fputc('"', f);
}

/* ,"name":"value" (or null); the first member of an object has no comma. */
static void json_str(FILE *f, const char *name, const char *value)
{
	fprintf(f, ",\"%s\":", name);
	ctl_json_string(f, value);
}

static void json_bool(FILE *f, const char *name, bool value)
{
	fprintf(f, ",\"%s\":%s", name, value ? "true" : "false");
}

static void json_int(FILE *f, const char *name, int64_t value)
{
	fprintf(f, ",\"%s\":%" PRId64, name, value);
}

/* A date as "YYYY-MM-DD", or null when absent. */
static void json_date(FILE *f, const char *name, struct doc_date d)
{
	char iso[11];

	json_str(f, name, d.y ? doc_date_iso(d, iso) : NULL);
}

static void json_strv(FILE *f, const char *name, char *const *v, size_t n)
{
	fprintf(f, ",\"%s\":[", name);
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputc(',', f);
		ctl_json_string(f, v[i]);
	}
	fputc(']', f);
}

static const char *json_group(enum doc_group g)
{
	switch (g) {
	case DOC_GROUP_CONCLUSION: return "conclusion";
	case DOC_GROUP_DIRECTIVE: return "directive";
	case DOC_GROUP_NOTICE: return "notice";
	case DOC_GROUP_OTHER: break;
	}
	return "other";
}

static const char *json_link_type(enum doc_link_type t)
{
	return t == DOC_LINK_FORWARDS ? "forwards" : t == DOC_LINK_ANNOTATES ? "annotates" : NULL;
}

static const char *json_block_type(enum doc_block_type t)
{
	switch (t) {
	case DOC_BLOCK_HEADING: return "heading";
	case DOC_BLOCK_POINT: return "point";
	case DOC_BLOCK_BULLET: return "bullet";
	case DOC_BLOCK_PARA: break;
	}
	return "para";
}

static void json_signer(FILE *f, const struct doc_signer *s)
{
	fputs(",\"signer\":{\"authority\":", f);
	ctl_json_string(f, s->authority);
	json_str(f, "title", s->title);
	json_str(f, "name", s->name);
	fputc('}', f);
}

static void json_received(FILE *f, const struct doc_received *r)
{
	if (!r->present) {
		fputs(",\"received\":null", f);
		return;
	}
	fputs(",\"received\":{\"by\":", f);
	ctl_json_string(f, r->by);
	json_str(f, "number_raw", r->number_raw);
	json_str(f, "number", r->number);
	json_bool(f, "number_uncertain", r->number_uncertain);
	json_date(f, "date", r->date);
	fputc('}', f);
}

/* ,"name":[item 0,item 1,...]: item(f, items, i) writes one element. */
static void json_array(FILE *f, const char *name, size_t n,
		       void (*item)(FILE *f, const void *items, size_t i), const void *items)
{
	fprintf(f, ",\"%s\":[", name);
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputc(',', f);
		item(f, items, i);
	}
	fputc(']', f);
}

static void json_ref(FILE *f, const void *items, size_t i)
{
	const struct doc_ref *r = (const struct doc_ref *)items + i;

	fputs("{\"symbol\":", f);
	ctl_json_string(f, r->symbol);
	json_date(f, "date", r->date);
	json_str(f, "type_name", r->type_name);
	json_str(f, "issuer", r->issuer);
	json_int(f, "line", r->line);
	fputc('}', f);
}

/* A resolved link: "id" is null when the other side is not stored. */
static void json_link(FILE *f, const void *items, size_t i)
{
	const struct store_link *l = (const struct store_link *)items + i;

	fputs("{\"type\":", f);
	ctl_json_string(f, json_link_type(l->type));
	if (l->other_id)
		json_int(f, "id", l->other_id);
	else
		fputs(",\"id\":null", f);
	json_str(f, "number", l->other_number[0] ? l->other_number : NULL);
	json_str(f, "kind", l->other_id ? l->other_kind : NULL);
	json_str(f, "date", l->other_date[0] ? l->other_date : NULL);
	json_str(f, "subject", l->other_subject);
	json_strv(f, "instructions", l->instructions, l->ninstructions);
	fputc('}', f);
}

static void json_span(FILE *f, const void *items, size_t i)
{
	const struct doc_span *sp = (const struct doc_span *)items + i;

	fprintf(f, "{\"start\":%" PRIu32 ",\"len\":%" PRIu32 ",\"bold\":%s,\"italic\":%s}",
		sp->start, sp->len, sp->style & DOC_STYLE_BOLD ? "true" : "false",
		sp->style & DOC_STYLE_ITALIC ? "true" : "false");
}

static void json_block(FILE *f, const void *items, size_t i)
{
	const struct doc_block *b = (const struct doc_block *)items + i;

	fputs("{\"type\":", f);
	ctl_json_string(f, json_block_type(b->type));
	json_int(f, "level", b->level);
	json_str(f, "label", b->label);
	json_str(f, "text", b->text);
	json_int(f, "line", b->line);
	json_array(f, "spans", b->nspans, json_span, b->spans);
	fputc('}', f);
}

/* "stated": the names of the fields the clerk stated (doc_field_name). */
static void json_stated(FILE *f, uint32_t stated)
{
	bool first = true;

	fputs(",\"stated\":[", f);
	for (unsigned i = 0; i < DOC_FIELD_COUNT; i++) {
		if (!(stated & (1u << i)))
			continue;
		fputs(first ? "" : ",", f);
		ctl_json_string(f, doc_field_name(1u << i));
		first = false;
	}
	fputc(']', f);
}

static void json_head(FILE *f, const struct doc *doc)
{
	json_str(f, "kind", doc->kind);
	json_str(f, "type_name", doc->type_name);
	json_str(f, "group", json_group(doc_group(doc)));
	json_str(f, "number", doc->number);
	json_bool(f, "number_inferred", doc->number_inferred);
	json_date(f, "date", doc->date);
	json_bool(f, "date_inferred", doc->date_inferred);
	json_str(f, "issuer", doc->issuer);
	json_bool(f, "issuer_inferred", doc->issuer_inferred);
	json_str(f, "parent", doc->parent);
	json_bool(f, "parent_inferred", doc->parent_inferred);
	json_str(f, "author", doc->author);
	json_bool(f, "party_header", doc->party_header);
	json_bool(f, "state_header", doc->state_header);
	json_str(f, "place", doc->place);
	json_str(f, "subject", doc->subject);
	json_stated(f, doc->stated);
}

void ctl_json_doc(FILE *f, const struct store_doc *sd)
{
	const struct doc *doc = &sd->doc;

	fprintf(f, "{\"id\":%" PRId64, sd->id);
	json_str(f, "key", sd->key);
	json_head(f, doc);
	json_signer(f, &doc->signer);
	json_strv(f, "addressees", doc->addressees, doc->naddressees);
	json_strv(f, "recipients", doc->recipients, doc->nrecipients);
	json_strv(f, "instructions", doc->instructions, doc->ninstructions);
	json_strv(f, "annotations", doc->annotations, doc->nannotations);
	json_received(f, &doc->received);
	json_array(f, "refs", doc->nrefs, json_ref, doc->refs);
	if (doc->link_type != DOC_LINK_NONE) {
		fputs(",\"link\":{\"type\":", f);
		ctl_json_string(f, json_link_type(doc->link_type));
		json_str(f, "symbol", doc->link_symbol);
		fputc('}', f);
	} else {
		fputs(",\"link\":null", f);
	}
	json_array(f, "outgoing", sd->noutgoing, json_link, sd->outgoing);
	json_array(f, "incoming", sd->nincoming, json_link, sd->incoming);
	json_str(f, "source", sd->source);
	json_int(f, "first_line", doc->first_line);
	json_int(f, "last_line", doc->last_line);
	json_int(f, "imported_at", sd->imported_at);
	json_bool(f, "withdrawn", sd->withdrawn);
	json_bool(f, "pinned", sd->pinned);
	json_int(f, "display_from", sd->display_from);
	json_int(f, "display_until", sd->display_until);
	json_array(f, "blocks", doc->nblocks, json_block, doc->blocks);
	fputc('}', f);
}
