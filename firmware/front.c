/* SPDX-License-Identifier: MIT */
/* front.c: the clerk's front-matter block: keys, value checks, and applying
 * the stated fields to the first parsed document. */
#include "front.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "errmsg.h"
#include "norm.h"

/* Field name of diagnostics about the block itself rather than one key. */
#define FRONT_DIAG_FIELD "front-matter"

/* The keys: the ASCII spelling scripts write, and its fold (norm_fold,
 * hyphens and underscores as spaces), which the Vietnamese spelling ("cơ
 * quan cấp trên") folds to as well. */
static const struct front_key {
	const char *key;
	const char *fold;
	uint32_t field;
} front_keys[] = {
	{ "so", "so", DOC_FIELD_NUMBER },
	{ "ngay", "ngay", DOC_FIELD_DATE },
	{ "loai", "loai", DOC_FIELD_KIND },
	{ "co-quan", "co quan", DOC_FIELD_ISSUER },
	{ "co-quan-cap-tren", "co quan cap tren", DOC_FIELD_PARENT },
	{ "noi-ban-hanh", "noi ban hanh", DOC_FIELD_PLACE },
	{ "trich-yeu", "trich yeu", DOC_FIELD_SUBJECT },
	{ "nguoi-ky", "nguoi ky", DOC_FIELD_SIGNER_NAME },
	{ "chuc-vu", "chuc vu", DOC_FIELD_SIGNER_TITLE },
	{ "tham-quyen", "tham quyen", DOC_FIELD_SIGNER_AUTHORITY },
};
#define FRONT_NKEYS (sizeof front_keys / sizeof front_keys[0])

/* One line of the buffer: [s, s + n) without its line feed, carriage return
 * or surrounding spaces and tabs. */
struct front_line {
	const char *s;
	size_t n;
	int no; /* 1-based */
};

/* Where the reader stands, and where its first fault goes. */
struct front_reader {
	const char *buf, *end, *next;
	int no;
	struct parse_diag *err;
	int lines[DOC_FIELD_COUNT]; /* where each field was stated, 0 = not yet */
};

__attribute__((format(printf, 4, 5)))
static int front_fail(struct front_reader *r, int line, const char *field, const char *fmt, ...)
{
	va_list ap;

	memset(r->err, 0, sizeof *r->err);
	r->err->severity = PARSE_ERROR;
	r->err->line = line;
	snprintf(r->err->field, sizeof r->err->field, "%s", field);
	va_start(ap, fmt);
	errmsg_vset(r->err->message, sizeof r->err->message, fmt, ap);
	va_end(ap);
	return -1;
}

static bool front_is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* Trims [*s, *s + *n) of blanks at both ends. */
static void front_trim(const char **s, size_t *n)
{
	while (*n && front_is_blank(**s))
		(*s)++, (*n)--;
	while (*n && front_is_blank((*s)[*n - 1]))
		(*n)--;
}

/* The next line, or false at the end of the buffer. */
static bool front_next(struct front_reader *r, struct front_line *l)
{
	const char *p = r->next, *nl;

	if (p >= r->end)
		return false;
	nl = memchr(p, '\n', (size_t)(r->end - p));
	l->s = p;
	l->n = (size_t)((nl ? nl : r->end) - p);
	l->no = ++r->no;
	r->next = nl ? nl + 1 : r->end;
	front_trim(&l->s, &l->n);
	return true;
}

/* "---" and longer runs of hyphens alone on a line. */
static bool front_is_fence(const struct front_line *l)
{
	if (l->n < 3)
		return false;
	for (size_t i = 0; i < l->n; i++)
		if (l->s[i] != '-')
			return false;
	return true;
}

/* The key part of "key: value": letters (any script), spaces, hyphens and
 * underscores before a colon. Returns its length, 0 when l is no key line. */
static size_t front_key_len(const struct front_line *l)
{
	const char *colon = memchr(l->s, ':', l->n);
	size_t n = colon ? (size_t)(colon - l->s) : 0;

	if (n == 0 || n > 64)
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)l->s[i];
		if (!(c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == ' ' ||
		      c == '-' || c == '_'))
			return 0;
	}
	return n;
}

/* The table entry of a key as written, or NULL. */
static const struct front_key *front_find_key(const char *s, size_t n)
{
	char *copy = strndup(s, n), *fold = copy ? norm_fold(copy) : NULL, *w, *r;
	const struct front_key *found = NULL;

	if (fold) {
		/* Hyphens and underscores are spaces; runs of them are one. */
		for (r = w = fold; *r; r++) {
			char c = *r == '-' || *r == '_' ? ' ' : *r;
			if (c != ' ' || (w > fold && w[-1] != ' '))
				*w++ = c;
		}
		while (w > fold && w[-1] == ' ')
			w--;
		*w = '\0';
		for (size_t i = 0; i < FRONT_NKEYS && !found; i++)
			if (strcmp(front_keys[i].fold, fold) == 0)
				found = &front_keys[i];
	}
	free(copy);
	free(fold);
	return found;
}

static unsigned front_bit_index(uint32_t field)
{
	unsigned i = 0;

	while (i < DOC_FIELD_COUNT && field != 1u << i)
		i++;
	return i;
}

/* Where a field's string value goes. */
static char **front_slot(struct front *f, uint32_t field)
{
	switch (field) {
	case DOC_FIELD_NUMBER: return &f->number;
	case DOC_FIELD_ISSUER: return &f->issuer;
	case DOC_FIELD_PARENT: return &f->parent;
	case DOC_FIELD_PLACE: return &f->place;
	case DOC_FIELD_SUBJECT: return &f->subject;
	case DOC_FIELD_SIGNER_NAME: return &f->signer_name;
	case DOC_FIELD_SIGNER_TITLE: return &f->signer_title;
	case DOC_FIELD_SIGNER_AUTHORITY: return &f->signer_authority;
	}
	return NULL;
}

/* A number-symbol as offices write it: digits first, a "/", no spaces. */
static bool front_number_ok(const char *v)
{
	if (!(v[0] >= '0' && v[0] <= '9') || !strchr(v, '/') || strlen(v) > 63)
		return false;
	return strcspn(v, " \t") == strlen(v);
}

/* Checks one NFC value and stores it (taking v) under its key. */
static int front_store(struct front_reader *r, struct front *f, const struct front_key *k,
		       const struct front_line *l, char *v)
{
	const char *why = NULL;
	char **slot = front_slot(f, k->field);

	switch (k->field) {
	case DOC_FIELD_DATE:
		if (!doc_date_from_vn(v, &f->date))
			why = "is not a date dd/mm/yyyy (such as 06/04/2011)";
		break;
	case DOC_FIELD_KIND:
		f->kind = doc_kind_canonical(v) ? doc_kind_canonical(v) : doc_kind_from_name(v);
		if (!f->kind)
			why = "is not a kind code (KL, NQ, CT, QĐ, HD, TB, CV, KH, BC, TT, ...) or "
			      "type name";
		break;
	case DOC_FIELD_NUMBER:
		if (!front_number_ok(v))
			why = "is not a number-symbol such as 516-KL/ĐUK or 454/UBND-NCTH (digits "
			      "first, a '/', no spaces, at most 63 bytes)";
		break;
	}
	if (why)
		front_fail(r, l->no, k->key, "%s: '%s' %s", k->key, v, why);
	if (why || !slot) {
		free(v);
		return why ? -1 : 0;
	}
	*slot = v;
	return 0;
}

/* Reads "key: value" on line l into f. */
static int front_line_read(struct front_reader *r, struct front *f, const struct front_line *l)
{
	size_t kn = front_key_len(l);
	const struct front_key *k;
	const char *v;
	size_t vn;
	char *nfc;

	if (kn == 0)
		return front_fail(r, l->no, FRONT_DIAG_FIELD, "'%.*s' is not 'key: value' "
				  "(or the closing --- is missing)", (int)norm_cut(l->s, l->n, 60),
				  l->s);
	v = l->s;
	front_trim(&v, &kn);
	k = front_find_key(v, kn);
	if (!k) {
		char field[sizeof r->err->field];
		snprintf(field, sizeof field, "%.*s", (int)kn, v);
		return front_fail(r, l->no, field, "unknown key '%.*s' (known: so, ngay, loai, "
				  "co-quan, co-quan-cap-tren, noi-ban-hanh, trich-yeu, nguoi-ky, "
				  "chuc-vu, tham-quyen)", (int)kn, v);
	}
	unsigned bit = front_bit_index(k->field);
	if (r->lines[bit])
		return front_fail(r, l->no, k->key, "%s is stated twice (first on line %d)",
				  k->key, r->lines[bit]);
	v = (const char *)memchr(l->s, ':', l->n) + 1;
	vn = l->n - (size_t)(v - l->s);
	front_trim(&v, &vn);
	if (vn >= 2 && v[0] == '"' && v[vn - 1] == '"') {
		v++;
		vn -= 2;
		front_trim(&v, &vn);
	}
	if (vn == 0)
		return front_fail(r, l->no, k->key, "%s has no value", k->key);
	if (vn > FRONT_VALUE_MAX)
		return front_fail(r, l->no, k->key, "%s is %zu bytes long, over the limit of %d",
				  k->key, vn, FRONT_VALUE_MAX);
	if (!(nfc = norm_nfc(v, vn)))
		return front_fail(r, l->no, "memory", "out of memory");
	if (front_store(r, f, k, l, nfc) != 0)
		return -1;
	r->lines[bit] = l->no;
	f->stated |= k->field;
	return 0;
}

/* Whether l, the line after a first "---", opens a block: a known key, or
 * a key line (a mistyped key) with a closing "---" in reach. A document that
 * merely begins with a rule and "Kính gửi: ..." is not taken for one. */
static bool front_opens(const struct front_reader *r, const struct front_line *l)
{
	struct front_reader look = *r;
	struct front_line m;
	size_t kn = front_key_len(l);
	const char *k = l->s;

	if (kn == 0)
		return false;
	front_trim(&k, &kn);
	if (front_find_key(k, kn))
		return true;
	while (look.no < FRONT_MAX_LINES && front_next(&look, &m))
		if (front_is_fence(&m))
			return true;
	return false;
}

int front_read(const char *buf, size_t len, struct front *f, struct parse_diag *err)
{
	struct front_reader r = { .buf = buf, .end = buf + len, .next = buf, .err = err };
	struct front_line open, l;
	const char *body;

	memset(f, 0, sizeof *f);
	if (!front_next(&r, &open) || !front_is_fence(&open))
		return 0;
	body = r.next;
	if (!front_next(&r, &l) || !front_opens(&r, &l))
		return 0; /* a rule above the text: decoration, not a block */
	r.next = body;
	r.no = open.no;
	while (front_next(&r, &l)) {
		if (front_is_fence(&l)) {
			f->last_line = l.no;
			return 0;
		}
		if (l.no >= FRONT_MAX_LINES)
			break;
		if (l.n == 0 || l.s[0] == '#')
			continue;
		if (front_line_read(&r, f, &l) != 0)
			return -1;
	}
	return front_fail(&r, open.no, FRONT_DIAG_FIELD, "the block opened by --- on line %d "
			  "is not closed by a --- line within %d lines", open.no, FRONT_MAX_LINES);
}

void front_free(struct front *f)
{
	if (!f)
		return;
	for (unsigned i = 0; i < DOC_FIELD_COUNT; i++) {
		char **slot = front_slot(f, 1u << i);
		if (slot)
			free(*slot);
	}
	memset(f, 0, sizeof *f);
}

/* Fresh copies of the stated strings, so applying cannot half-fail. */
struct front_copies {
	char *v[DOC_FIELD_COUNT];
};

static int front_copy(const struct front *f, struct front_copies *c)
{
	memset(c, 0, sizeof *c);
	for (unsigned i = 0; i < DOC_FIELD_COUNT; i++) {
		char **slot = front_slot((struct front *)f, 1u << i);
		if (slot && *slot && !(c->v[i] = strdup(*slot))) {
			for (unsigned k = 0; k < i; k++)
				free(c->v[k]);
			return -1;
		}
	}
	return 0;
}

/* Moves copy i into *dst when its field is stated. */
static void front_put(const struct front *f, struct front_copies *c, uint32_t field, char **dst)
{
	unsigned i = front_bit_index(field);

	if (!(f->stated & field))
		return;
	free(*dst);
	*dst = c->v[i];
	c->v[i] = NULL;
}

static void front_to_doc(const struct front *f, struct front_copies *c, struct doc *doc)
{
	front_put(f, c, DOC_FIELD_NUMBER, &doc->number);
	front_put(f, c, DOC_FIELD_ISSUER, &doc->issuer);
	front_put(f, c, DOC_FIELD_PARENT, &doc->parent);
	front_put(f, c, DOC_FIELD_PLACE, &doc->place);
	front_put(f, c, DOC_FIELD_SUBJECT, &doc->subject);
	front_put(f, c, DOC_FIELD_SIGNER_NAME, &doc->signer.name);
	front_put(f, c, DOC_FIELD_SIGNER_TITLE, &doc->signer.title);
	front_put(f, c, DOC_FIELD_SIGNER_AUTHORITY, &doc->signer.authority);
	if (f->stated & DOC_FIELD_NUMBER)
		doc->number_inferred = false;
	if (f->stated & DOC_FIELD_ISSUER)
		doc->issuer_inferred = false;
	if (f->stated & DOC_FIELD_PARENT)
		doc->parent_inferred = false;
	if (f->stated & DOC_FIELD_DATE) {
		doc->date = f->date;
		doc->date_inferred = false;
	}
	doc->stated |= f->stated;
}

/* The diagnostic field names a stated field answers. */
static bool front_answers(uint32_t stated, const char *field)
{
	if ((stated & DOC_FIELD_SIGNER_NAME) && strcmp(field, "signer") == 0)
		return true;
	for (unsigned i = 0; i < DOC_FIELD_COUNT; i++)
		if ((stated & (1u << i)) && strcmp(field, doc_field_name(1u << i)) == 0)
			return true;
	return false;
}

/* Drops the warnings inside doc about fields the clerk stated. */
static void front_drop_answered(uint32_t stated, const struct doc *doc, struct parse_result *res)
{
	size_t k = 0;

	for (size_t i = 0; i < res->ndiags; i++) {
		const struct parse_diag *d = &res->diags[i];
		bool inside = d->line >= doc->first_line && d->line <= doc->last_line;
		if (d->severity == PARSE_WARNING && inside && front_answers(stated, d->field))
			continue;
		res->diags[k++] = *d;
	}
	res->ndiags = k;
}

int front_apply(const struct front *f, struct parse_result *res)
{
	struct front_copies c;
	struct doc *doc;
	char *type_name = NULL;

	if (!f->stated || res->ndocs == 0)
		return 0;
	doc = &res->docs[0];
	if (f->kind && !(type_name = strdup(doc_kind_name(f->kind))))
		return -1;
	if (front_copy(f, &c) != 0) {
		free(type_name);
		return -1;
	}
	if (f->kind) {
		char *kind = strdup(f->kind);
		if (!kind) {
			free(type_name);
			for (unsigned i = 0; i < DOC_FIELD_COUNT; i++)
				free(c.v[i]);
			return -1;
		}
		free(doc->kind);
		free(doc->type_name);
		doc->kind = kind;
		doc->type_name = type_name;
	}
	front_to_doc(f, &c, doc);
	front_drop_answered(f->stated, doc, res);
	return 0;
}
