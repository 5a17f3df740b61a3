/* SPDX-License-Identifier: MIT */
/* doc.c: the document model's helpers: freeing, identity, dates, the table
 * of type codes, and the span serialisation the store uses. */
#include "doc.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "norm.h"

static void free_strv(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void doc_free(struct doc *doc)
{
	if (!doc)
		return;
	free(doc->kind);
	free(doc->type_name);
	free(doc->number);
	free(doc->issuer);
	free(doc->parent);
	free(doc->author);
	free(doc->place);
	free(doc->subject);
	for (size_t i = 0; i < doc->nblocks; i++) {
		free(doc->blocks[i].label);
		free(doc->blocks[i].text);
		free(doc->blocks[i].spans);
	}
	free(doc->blocks);
	free_strv(doc->addressees, doc->naddressees);
	free_strv(doc->recipients, doc->nrecipients);
	free_strv(doc->instructions, doc->ninstructions);
	free_strv(doc->annotations, doc->nannotations);
	free(doc->signer.authority);
	free(doc->signer.title);
	free(doc->signer.name);
	free(doc->received.by);
	free(doc->received.number_raw);
	free(doc->received.number);
	for (size_t i = 0; i < doc->nrefs; i++) {
		free(doc->refs[i].symbol);
		free(doc->refs[i].type_name);
		free(doc->refs[i].issuer);
	}
	free(doc->refs);
	free(doc->link_symbol);
	memset(doc, 0, sizeof *doc);
}

/* The type codes of document-format.md §3, Party and state. The group
 * decides which screen lists a kind. */
static const struct kind_entry {
	const char *code;
	const char *name;
	enum doc_group group;
} kinds[] = {
	{ "KL", "Kết luận", DOC_GROUP_CONCLUSION },
	{ "NQ", "Nghị quyết", DOC_GROUP_DIRECTIVE },
	{ "CT", "Chỉ thị", DOC_GROUP_DIRECTIVE },
	{ "QĐ", "Quyết định", DOC_GROUP_DIRECTIVE },
	{ "QĐi", "Quy định", DOC_GROUP_DIRECTIVE },
	{ "QyĐ", "Quy định", DOC_GROUP_DIRECTIVE },
	{ "QC", "Quy chế", DOC_GROUP_DIRECTIVE },
	{ "TT", "Thông tri", DOC_GROUP_DIRECTIVE },
	{ "HD", "Hướng dẫn", DOC_GROUP_DIRECTIVE },
	{ "KH", "Kế hoạch", DOC_GROUP_DIRECTIVE },
	{ "QH", "Quy hoạch", DOC_GROUP_DIRECTIVE },
	{ "CTr", "Chương trình", DOC_GROUP_DIRECTIVE },
	{ "ĐA", "Đề án", DOC_GROUP_DIRECTIVE },
	{ "PA", "Phương án", DOC_GROUP_DIRECTIVE },
	{ "DA", "Dự án", DOC_GROUP_DIRECTIVE },
	{ "NĐ", "Nghị định", DOC_GROUP_DIRECTIVE },
	{ "TB", "Thông báo", DOC_GROUP_NOTICE },
	{ "TC", "Thông cáo", DOC_GROUP_NOTICE },
	{ "CV", "Công văn", DOC_GROUP_NOTICE },
	{ "BC", "Báo cáo", DOC_GROUP_NOTICE },
	{ "TTr", "Tờ trình", DOC_GROUP_NOTICE },
	{ "BB", "Biên bản", DOC_GROUP_NOTICE },
	{ "CĐ", "Công điện", DOC_GROUP_NOTICE },
	{ "GM", "Giấy mời", DOC_GROUP_NOTICE },
	{ "BS", "Bản sao", DOC_GROUP_NOTICE },
	{ "PXYK", "Phiếu xin ý kiến", DOC_GROUP_OTHER },
	{ "PC", "Phiếu chuyển", DOC_GROUP_OTHER },
	{ "PG", "Phiếu gửi", DOC_GROUP_OTHER },
};

static const struct kind_entry *kind_find(const char *code)
{
	if (!code)
		return NULL;
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(kinds[i].code, code) == 0)
			return &kinds[i];
	return NULL;
}

const char *doc_kind_name(const char *code)
{
	const struct kind_entry *k = kind_find(code);
	return k ? k->name : NULL;
}

const char *doc_kind_canonical(const char *code)
{
	char *want = norm_fold(code);
	const char *found = NULL;

	for (size_t i = 0; want && i < sizeof kinds / sizeof kinds[0] && !found; i++) {
		char *have = norm_fold(kinds[i].code);
		/* Folding drops the case that tells "TT" from "TTr"; both fold
		 * apart anyway ("tt", "ttr"), so equality is exact enough. */
		if (have && strcmp(have, want) == 0)
			found = kinds[i].code;
		free(have);
	}
	free(want);
	return found;
}

enum doc_group doc_kind_group(const char *code)
{
	const struct kind_entry *k = kind_find(code);
	return k ? k->group : DOC_GROUP_NOTICE;
}

/* Removes the spaces of s in place. */
static void drop_spaces(char *s)
{
	char *w = s;

	for (char *r = s; *r; r++)
		if (*r != ' ')
			*w++ = *r;
	*w = '\0';
}

/* True when the folded s has a word of one letter: a letter-spaced title
 * ("t h o n g b a o"), whose word breaks are lost (or, once its letters
 * are joined, a title of one word: "thongbao"). */
static bool has_lone_letter(const char *s)
{
	for (size_t i = 0; s[i]; i++)
		if ((i == 0 || s[i - 1] == ' ') && s[i + 1] == ' ' && s[i] != ' ')
			return true;
	return false;
}

/* The code whose name, spaces left out, is the folded want spaces left
 * out, or NULL. */
static const char *kind_spaced(const char *want)
{
	char *w = strdup(want);
	const char *found = NULL;

	if (!w)
		return NULL;
	drop_spaces(w);
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0] && !found; i++) {
		char *f = norm_fold(kinds[i].name);
		if (f) {
			drop_spaces(f);
			if (strcmp(f, w) == 0)
				found = kinds[i].code;
		}
		free(f);
	}
	if (!found && strcmp(w, "thongtu") == 0)
		found = "TT";
	free(w);
	return found;
}

const char *doc_kind_from_name(const char *name)
{
	char *want = norm_fold(name);
	const char *found = NULL;

	if (!want)
		return NULL;
	/* Each name of the table is matched in place against the folded name:
	 * no folding of the table per call. */
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0] && !found; i++)
		if (norm_match_fold(kinds[i].name, want) == strlen(kinds[i].name))
			found = kinds[i].code;
	/* "Quyết định" and "Quy định" fold apart, but "Quy định" appears twice
	 * in the table: the first (Party QĐi) wins, which is what Party
	 * documents mean. A state Thông tư shares TT with the Party's Thông
	 * tri (NĐ 30/2020 and 66-QĐ/TW give both the one code). */
	if (!found && strcmp(want, "thong tu") == 0)
		found = "TT";
	if (!found && (has_lone_letter(want) || !strchr(want, ' ')))
		found = kind_spaced(want);
	free(want);
	return found;
}

enum doc_group doc_group(const struct doc *doc)
{
	if (!doc || !doc->kind)
		return DOC_GROUP_OTHER;
	if (strcmp(doc->kind, "TB") == 0 && doc->subject &&
	    norm_starts_with_fold(doc->subject, "ket luan"))
		return DOC_GROUP_CONCLUSION;
	return doc_kind_group(doc->kind);
}

bool doc_date_valid(int y, int m, int d)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int max;

	if (y < 1930 || y > 2199 || m < 1 || m > 12 || d < 1)
		return false;
	max = mdays[m - 1];
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		max = 29;
	return d <= max;
}

char *doc_date_iso(struct doc_date date, char *buf)
{
	if (date.y == 0)
		buf[0] = '\0';
	else
		snprintf(buf, 11, "%04u-%02u-%02u", (unsigned)date.y % 10000u,
			 (unsigned)date.m % 100u, (unsigned)date.d % 100u);
	return buf;
}

bool doc_date_from_iso(const char *s, struct doc_date *out)
{
	int y, m, d, n = 0;

	*out = (struct doc_date){ 0, 0, 0 };
	if (!s || strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10)
		return false;
	if (!doc_date_valid(y, m, d))
		return false;
	*out = (struct doc_date){ y, m, d };
	return true;
}

char *doc_date_vn(struct doc_date date, char *buf)
{
	if (!doc_date_valid(date.y, date.m, date.d))
		buf[0] = '\0';
	else
		snprintf(buf, 11, "%02u/%02u/%04u", (unsigned)date.d % 100u,
			 (unsigned)date.m % 100u, (unsigned)date.y % 10000u);
	return buf;
}

char *doc_date_iso_to_vn(const char *iso, char *buf)
{
	struct doc_date d;

	doc_date_from_iso(iso, &d);
	return doc_date_vn(d, buf);
}

/* Reads 1 to max digits at *s into *out, moving *s past them. */
static bool date_digits(const char **s, int max, int *out)
{
	int n = 0, v = 0;

	for (; n < max && (*s)[n] >= '0' && (*s)[n] <= '9'; n++)
		v = v * 10 + ((*s)[n] - '0');
	*s += n;
	*out = v;
	return n > 0;
}

bool doc_date_from_vn(const char *s, struct doc_date *out)
{
	int y, m, d;
	char sep;

	*out = (struct doc_date){ 0, 0, 0 };
	if (!s || !date_digits(&s, 2, &d))
		return false;
	sep = *s;
	if ((sep != '/' && sep != '-' && sep != '.') || (s++, !date_digits(&s, 2, &m)) ||
	    *s++ != sep)
		return false;
	/* Four digits exactly: "19/11/25" is a guess at the century, not a date. */
	const char *ys = s;
	if (!date_digits(&s, 4, &y) || s - ys != 4 || *s != '\0' || !doc_date_valid(y, m, d))
		return false;
	*out = (struct doc_date){ y, m, d };
	return true;
}

const char *doc_field_name(uint32_t field)
{
	static const char *const names[DOC_FIELD_COUNT] = {
		"number", "date", "kind", "issuer", "parent", "place", "subject",
		"signer_name", "signer_title", "signer_authority",
	};

	for (unsigned i = 0; i < DOC_FIELD_COUNT; i++)
		if (field == 1u << i)
			return names[i];
	return NULL;
}

/* FNV-1a, 64 bit: a stable, dependency-free hash for keys of documents
 * without a number. Not a security measure. */
static uint64_t fnv1a(uint64_t h, const char *s)
{
	if (!s)
		s = "";
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	h ^= 0xff; /* field separator, so ("ab","c") != ("a","bc") */
	h *= 0x100000001b3ULL;
	return h;
}

char *doc_key(const struct doc *doc, char *buf, size_t size)
{
	char date[11];

	doc_date_iso(doc->date, date);
	if (doc->number) {
		snprintf(buf, size, "%s@%s", doc->number, date);
		return buf;
	}
	uint64_t h = 0xcbf29ce484222325ULL;
	h = fnv1a(h, doc->kind);
	h = fnv1a(h, date);
	h = fnv1a(h, doc->issuer);
	h = fnv1a(h, doc->subject);
	h = fnv1a(h, doc->link_symbol);
	h = fnv1a(h, doc->nblocks ? doc->blocks[0].text : NULL);
	snprintf(buf, size, "~%s@%s#%016" PRIx64, doc->kind ? doc->kind : "?", date, h);
	return buf;
}

char *doc_body_text(const struct doc *doc)
{
	size_t len = 1;
	char *out, *p;

	for (size_t i = 0; i < doc->nblocks; i++) {
		const struct doc_block *b = &doc->blocks[i];
		len += strlen(b->text) + 2 + (b->label ? strlen(b->label) + 1 : 0);
	}
	out = malloc(len);
	if (!out)
		return NULL;
	p = out;
	for (size_t i = 0; i < doc->nblocks; i++) {
		const struct doc_block *b = &doc->blocks[i];
		if (i)
			*p++ = '\n';
		if (b->label)
			p += sprintf(p, "%s ", b->label);
		p += sprintf(p, "%s", b->text);
	}
	*p = '\0';
	return out;
}

char *doc_spans_format(const struct doc_span *spans, size_t n)
{
	/* Each span is at most 3 * 10 digits + 3 separators. */
	char *out = malloc(n * 34 + 1), *p = out;

	if (!out)
		return NULL;
	*p = '\0';
	for (size_t i = 0; i < n; i++)
		p += sprintf(p, "%" PRIu32 ":%" PRIu32 ":%" PRIu32 ";", spans[i].start,
			     spans[i].len, spans[i].style);
	return out;
}

static bool parse_u32(const char **s, char end, uint32_t *out)
{
	char *e;
	unsigned long v;

	if (**s < '0' || **s > '9')
		return false;
	errno = 0;
	v = strtoul(*s, &e, 10);
	if (errno || v > UINT32_MAX || *e != end)
		return false;
	*out = (uint32_t)v;
	*s = e + 1;
	return true;
}

bool doc_spans_parse(const char *s, size_t text_len, struct doc_span **spans, size_t *n)
{
	size_t cap = 0, count = 0;
	struct doc_span *v = NULL;
	uint64_t prev_end = 0;

	*spans = NULL;
	*n = 0;
	if (!s)
		return false;
	for (const char *p = s; *p; p++)
		cap += *p == ';';
	if (cap) {
		v = calloc(cap, sizeof *v);
		if (!v)
			return false;
	}
	while (*s) {
		struct doc_span sp;
		if (!parse_u32(&s, ':', &sp.start) || !parse_u32(&s, ':', &sp.len) ||
		    !parse_u32(&s, ';', &sp.style))
			goto err;
		if (sp.len == 0 || (uint64_t)sp.start < prev_end ||
		    (uint64_t)sp.start + sp.len > text_len ||
		    (sp.style & ~(uint32_t)(DOC_STYLE_BOLD | DOC_STYLE_ITALIC)))
			goto err;
		prev_end = (uint64_t)sp.start + sp.len;
		v[count++] = sp;
	}
	*spans = v;
	*n = count;
	return true;
err:
	free(v);
	return false;
}
