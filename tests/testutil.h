/* SPDX-License-Identifier: MIT */
/*
 * testutil: header-only helpers shared by the parser tests (each tests/test_*.c
 * is a standalone program, so everything here is static inline). It reads
 * sample files, runs the parser, and offers "soft" field checks that report
 * every mismatching field of a document with its actual value before the test
 * fails, so one run tells the parser's author everything that is wrong.
 * Include it after <cmocka.h>.
 */
#ifndef BANGTIN_TESTUTIL_H
#define BANGTIN_TESTUTIL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "doc.h"
#include "parse.h"

#ifndef BANGTIN_SRCDIR
#error "BANGTIN_SRCDIR must be defined (the source tree holding data/samples)"
#endif

/* A soft-check context: counts failed checks of one test. */
struct tu {
	int failures;
	const char *what; /* prefix of messages: "000 B" */
};

/* Writes len bytes of text as the whole file at path; fails the test when
 * it cannot. */
static inline void tu_write_file(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/* Reads a whole file into a NUL-terminated malloc'ed buffer; fails the test
 * when it cannot. */
static inline char *tu_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0;

	if (!f)
		fail_msg("cannot open %s", path);
	for (;;) {
		if (n + 4096 + 1 > cap) {
			cap = (cap + 4096) * 2;
			buf = realloc(buf, cap);
			assert_non_null(buf);
		}
		size_t got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
		if (got == 0)
			break;
	}
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* Prints every diagnostic of a result (shown by cmocka on failure). */
static inline void tu_print_diags(const char *name, const struct parse_result *res)
{
	char line[400];

	for (size_t i = 0; i < res->ndiags; i++)
		print_message("    diag: %s\n",
			      parse_diag_format(name, &res->diags[i], line, sizeof(line)));
}

/* Parses a buffer; returns parse_buffer's status. */
static inline int tu_parse(const char *name, const char *buf, size_t len,
			   const struct parse_limits *limits, struct parse_result *res)
{
	memset(res, 0, sizeof(*res));
	return parse_buffer(name, buf, len, limits, res);
}

/* Parses a NUL-terminated string with the default limits. */
static inline int tu_parse_str(const char *text, struct parse_result *res)
{
	return tu_parse("synthetic.txt", text, strlen(text), NULL, res);
}

/* Parses data/samples/<file>; asserts that it is accepted with ndocs
 * documents and no error diagnostic. */
static inline void tu_parse_sample(const char *file, size_t ndocs, struct parse_result *res)
{
	char path[512];
	size_t len;

	snprintf(path, sizeof(path), "%s/data/samples/%s", BANGTIN_SRCDIR, file);
	char *buf = tu_read_file(path, &len);
	int rc = tu_parse(file, buf, len, NULL, res);
	free(buf);
	if (rc != 0 || res->nerrors != 0 || res->ndocs != ndocs) {
		print_error("%s: parse_buffer returned %d, %zu docs (want %zu), %zu errors\n",
			    file, rc, res->ndocs, ndocs, res->nerrors);
		tu_print_diags(file, res);
		parse_result_free(res);
		fail();
	}
}

static inline void tu_fail_soft(struct tu *t, const char *file, int line)
{
	t->failures++;
	print_error("  (%s:%d)\n", file, line);
}

/* Ends a test: fails it when any soft check failed. */
static inline void tu_finish(struct tu *t)
{
	if (t->failures)
		fail_msg("%s: %d field check(s) failed (see above)", t->what ? t->what : "",
			 t->failures);
}

/* Ends a test that owns a parse result: releases it first, so that a failed
 * check does not also show up as a leak under AddressSanitizer. */
static inline void tu_finish_free(struct tu *t, struct parse_result *res)
{
	parse_result_free(res);
	tu_finish(t);
}

static inline void tu_check_str(struct tu *t, const char *field, const char *actual,
				const char *want, const char *file, int line)
{
	if (!actual && !want)
		return;
	if (actual && want && strcmp(actual, want) == 0)
		return;
	print_error("%s: %s = %s%s%s, want %s%s%s\n", t->what, field,
		    actual ? "\"" : "", actual ? actual : "NULL", actual ? "\"" : "",
		    want ? "\"" : "", want ? want : "NULL", want ? "\"" : "");
	tu_fail_soft(t, file, line);
}

static inline void tu_check_long(struct tu *t, const char *field, long actual, long want,
				 const char *file, int line)
{
	if (actual == want)
		return;
	print_error("%s: %s = %ld, want %ld\n", t->what, field, actual, want);
	tu_fail_soft(t, file, line);
}

static inline void tu_check_date(struct tu *t, const char *field, struct doc_date actual,
				 struct doc_date want, const char *file, int line)
{
	if (actual.y == want.y && (want.y == 0 || (actual.m == want.m && actual.d == want.d)))
		return;
	print_error("%s: %s = %04d-%02d-%02d, want %04d-%02d-%02d\n", t->what, field,
		    actual.y, actual.m, actual.d, want.y, want.m, want.d);
	tu_fail_soft(t, file, line);
}

/* Compares a string array with a NULL-terminated expected list (NULL = empty). */
static inline void tu_check_list(struct tu *t, const char *field, char *const *actual,
				 size_t n, const char *const *want, const char *file, int line)
{
	size_t nwant = 0;

	while (want && want[nwant])
		nwant++;
	if (n != nwant) {
		print_error("%s: %s has %zu items, want %zu\n", t->what, field, n, nwant);
		for (size_t i = 0; i < n; i++)
			print_error("    actual[%zu] = \"%s\"\n", i, actual[i] ? actual[i] : "(NULL)");
		tu_fail_soft(t, file, line);
	}
	for (size_t i = 0; i < n && i < nwant; i++) {
		char name[64];
		snprintf(name, sizeof(name), "%s[%zu]", field, i);
		tu_check_str(t, name, actual[i], want[i], file, line);
	}
}

#define TU_STR(t, field, actual, want) tu_check_str((t), (field), (actual), (want), __FILE__, __LINE__)
#define TU_INT(t, field, actual, want) \
	tu_check_long((t), (field), (long)(actual), (long)(want), __FILE__, __LINE__)
#define TU_DATE(t, field, actual, want) tu_check_date((t), (field), (actual), (want), __FILE__, __LINE__)
#define TU_LIST(t, field, actual, n, want) \
	tu_check_list((t), (field), (actual), (n), (want), __FILE__, __LINE__)
#define TU_TRUE(t, desc, cond) \
	do { \
		if (!(cond)) { \
			print_error("%s: expected %s\n", (t)->what, (desc)); \
			tu_fail_soft((t), __FILE__, __LINE__); \
		} \
	} while (0)

#define TU_DATE_OF(Y, M, D) ((struct doc_date){ .y = (Y), .m = (M), .d = (D) })
#define TU_NODATE ((struct doc_date){ .y = 0 })

/* True when s is valid UTF-8. */
static inline bool tu_utf8_valid(const char *s)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_ssize_t len = (utf8proc_ssize_t)strlen(s);

	while (len > 0) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate(p, len, &cp);
		if (k <= 0)
			return false;
		p += k;
		len -= k;
	}
	return true;
}

/* True when s is in NFC. */
static inline bool tu_is_nfc(const char *s)
{
	utf8proc_uint8_t *n = utf8proc_NFC((const utf8proc_uint8_t *)s);
	bool same = n && strcmp((const char *)n, s) == 0;

	free(n);
	return same;
}

/*
 * Checks the value conventions of every displayed string: valid NFC UTF-8,
 * trimmed, no markdown/HTML residue ('*', '#', '<', '>'), no tab, no dotted
 * fill ("...."), no transcriber note ("Handwritten"), and (unless multiline)
 * no newline. NULL is fine.
 */
static inline void tu_check_clean(struct tu *t, const char *field, const char *s, bool multiline,
				  const char *file, int line)
{
	static const char *const bad[] = { "*", "#", "<", ">", "\t", "....", "Handwritten",
					   "\\", "\r" };

	if (!s)
		return;
	if (!tu_utf8_valid(s)) {
		print_error("%s: %s is not valid UTF-8\n", t->what, field);
		tu_fail_soft(t, file, line);
		return;
	}
	if (!tu_is_nfc(s)) {
		print_error("%s: %s is not NFC: \"%s\"\n", t->what, field, s);
		tu_fail_soft(t, file, line);
	}
	if (s[0] == '\0' || s[0] == ' ' || s[0] == '\n' ||
	    s[strlen(s) - 1] == ' ' || s[strlen(s) - 1] == '\n') {
		print_error("%s: %s is empty or not trimmed: \"%s\"\n", t->what, field, s);
		tu_fail_soft(t, file, line);
	}
	if (!multiline && strchr(s, '\n')) {
		print_error("%s: %s holds a newline: \"%s\"\n", t->what, field, s);
		tu_fail_soft(t, file, line);
	}
	if (strstr(s, "  ")) {
		print_error("%s: %s holds a double space: \"%s\"\n", t->what, field, s);
		tu_fail_soft(t, file, line);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (strstr(s, bad[i])) {
			print_error("%s: %s contains \"%s\": \"%s\"\n", t->what, field, bad[i], s);
			tu_fail_soft(t, file, line);
		}
	}
}

#define TU_CLEAN(t, field, s) tu_check_clean((t), (field), (s), false, __FILE__, __LINE__)

/* Checks that a block's spans are sorted, non-overlapping, non-empty, inside
 * the text and on UTF-8 character boundaries. */
static inline void tu_check_spans(struct tu *t, const struct doc_block *b, const char *file, int line)
{
	size_t tlen = b->text ? strlen(b->text) : 0;
	uint32_t end = 0;

	if (b->nspans && !b->spans) {
		print_error("%s: block at line %d has nspans %zu but no spans\n", t->what, b->line,
			    b->nspans);
		tu_fail_soft(t, file, line);
		return;
	}
	for (size_t i = 0; i < b->nspans; i++) {
		const struct doc_span *s = &b->spans[i];
		bool ok = s->len > 0 && s->start >= end && (size_t)s->start + s->len <= tlen &&
			  (s->style & ~(uint32_t)(DOC_STYLE_BOLD | DOC_STYLE_ITALIC)) == 0 &&
			  s->style != 0;
		if (ok) {
			unsigned char c0 = (unsigned char)b->text[s->start];
			unsigned char c1 = (unsigned char)b->text[s->start + s->len];
			ok = (c0 & 0xC0) != 0x80 && (c1 & 0xC0) != 0x80;
		}
		if (!ok) {
			print_error("%s: block at line %d: bad span %zu {%u, %u, %u} (text %zu bytes)\n",
				    t->what, b->line, i, (unsigned)s->start, (unsigned)s->len,
				    (unsigned)s->style, tlen);
			tu_fail_soft(t, file, line);
			return;
		}
		end = s->start + s->len;
	}
}

/* Checks every string of a document against the value conventions. */
static inline void tu_check_doc_clean(struct tu *t, const struct doc *d, const char *file, int line)
{
	char name[64];

	tu_check_clean(t, "kind", d->kind, false, file, line);
	tu_check_clean(t, "type_name", d->type_name, false, file, line);
	tu_check_clean(t, "number", d->number, false, file, line);
	tu_check_clean(t, "issuer", d->issuer, false, file, line);
	tu_check_clean(t, "parent", d->parent, false, file, line);
	tu_check_clean(t, "author", d->author, false, file, line);
	tu_check_clean(t, "place", d->place, false, file, line);
	tu_check_clean(t, "subject", d->subject, false, file, line);
	tu_check_clean(t, "signer.authority", d->signer.authority, false, file, line);
	tu_check_clean(t, "signer.title", d->signer.title, false, file, line);
	tu_check_clean(t, "signer.name", d->signer.name, false, file, line);
	tu_check_clean(t, "received.by", d->received.by, false, file, line);
	tu_check_clean(t, "received.number_raw", d->received.number_raw, false, file, line);
	tu_check_clean(t, "received.number", d->received.number, false, file, line);
	tu_check_clean(t, "link_symbol", d->link_symbol, false, file, line);
	for (size_t i = 0; i < d->naddressees; i++) {
		snprintf(name, sizeof(name), "addressees[%zu]", i);
		tu_check_clean(t, name, d->addressees[i], false, file, line);
	}
	for (size_t i = 0; i < d->nrecipients; i++) {
		snprintf(name, sizeof(name), "recipients[%zu]", i);
		tu_check_clean(t, name, d->recipients[i], false, file, line);
		const char *r = d->recipients[i];
		size_t n = r ? strlen(r) : 0;
		if (n && strchr(",;.", r[n - 1])) {
			print_error("%s: %s keeps its trailing punctuation: \"%s\"\n", t->what, name, r);
			tu_fail_soft(t, file, line);
		}
		if (r && r[0] == '-') {
			print_error("%s: %s keeps its dash: \"%s\"\n", t->what, name, r);
			tu_fail_soft(t, file, line);
		}
	}
	for (size_t i = 0; i < d->ninstructions; i++) {
		snprintf(name, sizeof(name), "instructions[%zu]", i);
		tu_check_clean(t, name, d->instructions[i], false, file, line);
	}
	for (size_t i = 0; i < d->nannotations; i++) {
		snprintf(name, sizeof(name), "annotations[%zu]", i);
		tu_check_clean(t, name, d->annotations[i], false, file, line);
	}
	for (size_t i = 0; i < d->nrefs; i++) {
		snprintf(name, sizeof(name), "refs[%zu].symbol", i);
		tu_check_clean(t, name, d->refs[i].symbol, false, file, line);
		if (!d->refs[i].symbol) {
			print_error("%s: %s is NULL\n", t->what, name);
			tu_fail_soft(t, file, line);
		}
		snprintf(name, sizeof(name), "refs[%zu].type_name", i);
		tu_check_clean(t, name, d->refs[i].type_name, false, file, line);
		snprintf(name, sizeof(name), "refs[%zu].issuer", i);
		tu_check_clean(t, name, d->refs[i].issuer, false, file, line);
	}
	for (size_t i = 0; i < d->nblocks; i++) {
		const struct doc_block *b = &d->blocks[i];
		snprintf(name, sizeof(name), "block %zu (line %d) text", i, b->line);
		if (!b->text) {
			print_error("%s: %s is NULL\n", t->what, name);
			tu_fail_soft(t, file, line);
			continue;
		}
		tu_check_clean(t, name, b->text, false, file, line);
		snprintf(name, sizeof(name), "block %zu (line %d) label", i, b->line);
		tu_check_clean(t, name, b->label, false, file, line);
		if (b->label && b->label[0] && strncmp(b->text, b->label, strlen(b->label)) == 0) {
			print_error("%s: block at line %d: text repeats its label \"%s\": \"%s\"\n",
				    t->what, b->line, b->label, b->text);
			tu_fail_soft(t, file, line);
		}
		if (b->type == DOC_BLOCK_BULLET && b->text[0] == '-') {
			print_error("%s: bullet at line %d keeps its dash: \"%s\"\n", t->what, b->line,
				    b->text);
			tu_fail_soft(t, file, line);
		}
		if (b->line < d->first_line || b->line > d->last_line) {
			print_error("%s: block at line %d lies outside the document's lines %d-%d\n",
				    t->what, b->line, d->first_line, d->last_line);
			tu_fail_soft(t, file, line);
		}
		tu_check_spans(t, b, file, line);
	}
}

#define TU_DOC_CLEAN(t, d) tu_check_doc_clean((t), (d), __FILE__, __LINE__)

/* Returns the first block whose text contains needle, or NULL. */
static inline const struct doc_block *tu_find_block(const struct doc *d, const char *needle)
{
	for (size_t i = 0; i < d->nblocks; i++)
		if (d->blocks[i].text && strstr(d->blocks[i].text, needle))
			return &d->blocks[i];
	return NULL;
}

/* Returns the n-th (0-based) block with this label, or NULL. */
static inline const struct doc_block *tu_find_label(const struct doc *d, const char *label, int nth)
{
	for (size_t i = 0; i < d->nblocks; i++)
		if (d->blocks[i].label && strcmp(d->blocks[i].label, label) == 0 && nth-- == 0)
			return &d->blocks[i];
	return NULL;
}

/* Number of blocks whose text contains needle. */
static inline size_t tu_count_blocks(const struct doc *d, const char *needle)
{
	size_t n = 0;

	for (size_t i = 0; i < d->nblocks; i++)
		if (d->blocks[i].text && strstr(d->blocks[i].text, needle))
			n++;
	return n;
}

/* Returns the reference with this symbol, or NULL. */
static inline const struct doc_ref *tu_find_ref(const struct doc *d, const char *symbol)
{
	for (size_t i = 0; i < d->nrefs; i++)
		if (d->refs[i].symbol && strcmp(d->refs[i].symbol, symbol) == 0)
			return &d->refs[i];
	return NULL;
}

/* Returns the first diagnostic of this severity and field, or NULL. */
static inline const struct parse_diag *tu_find_diag(const struct parse_result *res,
						     enum parse_severity sev, const char *field)
{
	for (size_t i = 0; i < res->ndiags; i++)
		if (res->diags[i].severity == sev && strcmp(res->diags[i].field, field) == 0)
			return &res->diags[i];
	return NULL;
}

/* Prints the blocks of a document (to help read a failing test). */
static inline void tu_dump_blocks(const struct doc *d)
{
	for (size_t i = 0; i < d->nblocks; i++) {
		const struct doc_block *b = &d->blocks[i];
		print_message("    block %zu line %d type %d level %d label \"%s\": %.70s\n", i, b->line,
			      (int)b->type, b->level, b->label ? b->label : "", b->text ? b->text : "");
	}
}

#endif
