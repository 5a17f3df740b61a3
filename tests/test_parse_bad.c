/* SPDX-License-Identifier: MIT */
/*
 * Bad input: every refused file gives a PARSE_ERROR naming the line and the
 * field, parse_buffer returns -1 and yields no document. Also the tolerated
 * oddities of real files (a UTF-8 BOM, CRLF line ends) and the limits at
 * their exact boundaries.
 *
 * Diagnostic fields used here (parse.h names "encoding" and leaves the others
 * to the parser; these are the ones this suite expects):
 *	"encoding"  not UTF-8, overlong forms, surrogates, NUL bytes, binary data
 *	"content"   empty, whitespace only (line 1), nothing recognisable as a
 *	            document (the first line with text, where its header was expected)
 *	"size"      file over max_bytes (the line where the limit is crossed), line
 *	            over max_line_bytes (its line)
 *	"lines"     more than max_lines (line max_lines + 1)
 *	"docs"      more documents than max_docs (the first line of the one over)
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "testutil.h"

#define SAMPLE_000 BANGTIN_SRCDIR "/data/samples/000_a22f915492343a22.txt"
#define SAMPLE_001 BANGTIN_SRCDIR "/data/samples/001_900d4e3dfc0f17bc.txt"

/*
 * Parses len bytes and asserts the refusal: -1, no documents, an error with
 * this field on this line, a non-empty message, and a formatted diagnostic
 * "bad.txt:LINE: error: [field] ...".
 */
static void expect_refused(const char *buf, size_t len, const struct parse_limits *limits,
			   const char *field, int line)
{
	struct parse_result res;
	char want[64], got[400];

	int rc = tu_parse("bad.txt", buf, len, limits, &res);
	const struct parse_diag *d = tu_find_diag(&res, PARSE_ERROR, field);
	if (rc != -1 || res.ndocs != 0 || !d || d->line != line) {
		print_error("want -1, 0 docs and an error [%s] on line %d; got %d, %zu docs:\n", field,
			    line, rc, res.ndocs);
		tu_print_diags("bad.txt", &res);
	}
	assert_int_equal(rc, -1);
	assert_int_equal(res.ndocs, 0);
	assert_true(res.nerrors >= 1);
	assert_non_null(d);
	assert_int_equal(d->line, line);
	assert_true(strlen(d->message) > 0);
	snprintf(want, sizeof(want), "bad.txt:%d: error: [%s] ", line, field);
	parse_diag_format("bad.txt", d, got, sizeof(got));
	if (strncmp(got, want, strlen(want)) != 0)
		fail_msg("parse_diag_format gave \"%s\", want it to start \"%s\"", got, want);
	parse_result_free(&res);
}

#define REFUSED(lit, field, line) expect_refused((lit), sizeof(lit) - 1, NULL, (field), (line))

static void test_not_utf8(void **state)
{
	(void)state;
	/* Latin-1 "Hà Nội" on line 3. */
	REFUSED("\n\nH\xe0 N\xf4i, ng\xe0y 09 th\xe1ng 02 n\xe3m 2023\n", "encoding", 3);
	/* A lone continuation byte on line 1. */
	REFUSED("\x80Số 581-CV/ĐU\n", "encoding", 1);
	/* A truncated sequence at the very end of a file without final newline. */
	REFUSED("Số 581-CV/ĐU\nHà Nội\n\xe1\xbb", "encoding", 3);
	/* 0xFF never occurs in UTF-8. */
	REFUSED("KẾT LUẬN\nSố 1-KL/ĐUK\n\nNội dung\xff.\n", "encoding", 4);
}

static void test_overlong_and_surrogates(void **state)
{
	(void)state;
	REFUSED("KẾT LUẬN\n\xc0\xaf\n", "encoding", 2);          /* overlong '/' */
	REFUSED("KẾT LUẬN\nSố 1\xe0\x80\xaf" "KL\n", "encoding", 2); /* overlong 3-byte */
	REFUSED("a\nb\nc\n\xed\xa0\x80\n", "encoding", 4);       /* U+D800 */
	REFUSED("a\n\xed\xbf\xbf\n", "encoding", 2);             /* U+DFFF */
	REFUSED("a\n\xf4\x90\x80\x80\n", "encoding", 2);         /* above U+10FFFF */
}

static void test_nul_and_binary(void **state)
{
	static const char nul[] = "KẾT LUẬN\nSố 1-KL/ĐUK\0\nHà Nội\n";
	static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10";
	(void)state;

	expect_refused(nul, sizeof(nul) - 1, NULL, "encoding", 2);
	expect_refused(png, sizeof(png) - 1, NULL, "encoding", 1);
}

static void test_empty(void **state)
{
	(void)state;
	expect_refused("", 0, NULL, "content", 1);
	REFUSED("   \n\n\t\n  \r\n", "content", 1);
	REFUSED("\xef\xbb\xbf", "content", 1); /* a BOM and nothing else */
}

static void test_nothing_recognisable(void **state)
{
	(void)state;
	REFUSED("Danh sách đi chợ\n\n- 2 kg gạo\n- 1 chục trứng\n- rau muống\n"
		"- nước mắm Phú Quốc\n\nTổng: 350.000 đồng\n",
		"content", 1);
	/* The refusal says what stood where the header was expected. */
	struct parse_result res;
	assert_int_equal(tu_parse_str("Lorem ipsum dolor sit amet.\n", &res), -1);
	const struct parse_diag *d = tu_find_diag(&res, PARSE_ERROR, "content");
	assert_non_null(d);
	assert_non_null(strstr(d->message, "\"Lorem ipsum dolor sit amet.\""));
	parse_result_free(&res);
	/* Decoration only: nothing is left once the marks go (found by
	 * fuzz_parse: the block had no line to classify). */
	REFUSED("_**_**\n", "content", 1);
	/* The line where the header was expected is the first with text. */
	REFUSED("\n\nLorem ipsum dolor sit amet, consectetur adipiscing elit.\n", "content", 3);
}

static void test_over_max_bytes(void **state)
{
	struct parse_limits lim = parse_limits_default();
	size_t len;
	(void)state;

	char *buf = tu_read_file(SAMPLE_000, &len);
	lim.max_bytes = len - 1;
	/* The line where the limit is crossed: the last of the file. */
	expect_refused(buf, len, &lim, "size", 74);

	/* Exactly at the limit is fine. */
	struct parse_result res;
	lim.max_bytes = len;
	assert_int_equal(tu_parse("ok.txt", buf, len, &lim, &res), 0);
	assert_int_equal(res.ndocs, 2);
	parse_result_free(&res);
	free(buf);

	/* The default limit (1 MiB) applies when limits is NULL. */
	size_t big = (size_t)1 << 20;
	buf = malloc(big + 2);
	assert_non_null(buf);
	for (size_t i = 0; i < big + 1; i++)
		buf[i] = (i % 100 == 99) ? '\n' : 'a';
	expect_refused(buf, big + 1, NULL, "size", (int)(big / 100) + 1);
	free(buf);
}

static void test_too_many_lines(void **state)
{
	struct parse_limits lim = parse_limits_default();
	struct parse_result res;
	size_t len;
	(void)state;

	/* 001 has 89 lines and no final newline. */
	char *buf = tu_read_file(SAMPLE_001, &len);
	lim.max_lines = 88;
	expect_refused(buf, len, &lim, "lines", 89);
	lim.max_lines = 89;
	assert_int_equal(tu_parse("ok.txt", buf, len, &lim, &res), 0);
	assert_int_equal(res.ndocs, 2);
	parse_result_free(&res);
	lim.max_lines = 10;
	expect_refused(buf, len, &lim, "lines", 11);
	free(buf);
}

static void test_line_too_long(void **state)
{
	struct parse_limits lim = parse_limits_default();
	struct parse_result res;
	size_t len, longest = 0;
	int longest_line = 0, line = 1;
	(void)state;

	char *buf = tu_read_file(SAMPLE_001, &len);
	for (size_t i = 0, start = 0; i <= len; i++) {
		if (i == len || buf[i] == '\n') {
			if (i - start > longest) {
				longest = i - start;
				longest_line = line;
			}
			start = i + 1;
			line++;
		}
	}
	assert_int_equal(longest_line, 39);
	lim.max_line_bytes = longest - 1;
	expect_refused(buf, len, &lim, "size", 39);
	lim.max_line_bytes = longest;
	assert_int_equal(tu_parse("ok.txt", buf, len, &lim, &res), 0);
	assert_int_equal(res.ndocs, 2);
	parse_result_free(&res);
	free(buf);

	/* A synthetic long line in third place. */
	char text[400];
	memset(text, 0, sizeof(text));
	strcpy(text, "KẾT LUẬN\nSố 1-KL/ĐUK\n");
	size_t n = strlen(text);
	memset(text + n, 'x', 200);
	strcpy(text + n + 200, "\nHà Nội\n");
	lim = parse_limits_default();
	lim.max_line_bytes = 100;
	expect_refused(text, strlen(text), &lim, "size", 3);
}

static void test_too_many_docs(void **state)
{
	struct parse_limits lim = parse_limits_default();
	struct parse_result res;
	size_t len;
	(void)state;

	char *buf = tu_read_file(SAMPLE_000, &len);
	lim.max_docs = 1;
	/* Named at the first line of the document over the limit. */
	expect_refused(buf, len, &lim, "docs", 31);
	lim.max_docs = 2;
	assert_int_equal(tu_parse("ok.txt", buf, len, &lim, &res), 0);
	assert_int_equal(res.ndocs, 2);
	parse_result_free(&res);
	free(buf);
}

static void test_default_limits(void **state)
{
	struct parse_limits lim = parse_limits_default();
	(void)state;

	assert_int_equal(lim.max_bytes, 1u << 20);
	assert_int_equal(lim.max_lines, 20000);
	assert_int_equal(lim.max_line_bytes, 64u << 10);
	assert_int_equal(lim.max_docs, 64);
}

/* Converts LF to CRLF, optionally with a BOM in front. */
static char *to_crlf(const char *buf, size_t len, bool bom, size_t *outlen)
{
	char *out = malloc(2 * len + 4);
	size_t n = 0;

	assert_non_null(out);
	if (bom) {
		memcpy(out, "\xef\xbb\xbf", 3);
		n = 3;
	}
	for (size_t i = 0; i < len; i++) {
		if (buf[i] == '\n')
			out[n++] = '\r';
		out[n++] = buf[i];
	}
	*outlen = n;
	return out;
}

static void same_doc(const struct doc *a, const struct doc *b)
{
	char ka[128], kb[128];

	assert_string_equal(doc_key(a, ka, sizeof(ka)), doc_key(b, kb, sizeof(kb)));
	assert_int_equal(a->first_line, b->first_line);
	assert_int_equal(a->last_line, b->last_line);
	assert_int_equal(a->nblocks, b->nblocks);
	for (size_t i = 0; i < a->nblocks; i++) {
		assert_int_equal(a->blocks[i].line, b->blocks[i].line);
		assert_string_equal(a->blocks[i].text, b->blocks[i].text);
	}
	assert_int_equal(a->nrecipients, b->nrecipients);
	for (size_t i = 0; i < a->nrecipients; i++)
		assert_string_equal(a->recipients[i], b->recipients[i]);
	if (a->subject)
		assert_string_equal(a->subject, b->subject);
	if (a->signer.title)
		assert_string_equal(a->signer.title, b->signer.title);
	assert_int_equal(a->received.present, b->received.present);
	if (a->received.number_raw)
		assert_string_equal(a->received.number_raw, b->received.number_raw);
}

static void test_bom_and_crlf(void **state)
{
	struct parse_result lf, crlf, bom;
	size_t len, n1, n2;
	(void)state;

	char *buf = tu_read_file(SAMPLE_000, &len);
	char *c1 = to_crlf(buf, len, false, &n1);
	char *c2 = to_crlf(buf, len, true, &n2);

	assert_int_equal(tu_parse("lf.txt", buf, len, NULL, &lf), 0);
	assert_int_equal(tu_parse("crlf.txt", c1, n1, NULL, &crlf), 0);
	assert_int_equal(tu_parse("bom.txt", c2, n2, NULL, &bom), 0);
	assert_int_equal(lf.ndocs, 2);
	assert_int_equal(crlf.ndocs, 2);
	assert_int_equal(bom.ndocs, 2);
	for (size_t i = 0; i < 2; i++) {
		struct tu t = { .what = "CRLF+BOM" };
		same_doc(&lf.docs[i], &crlf.docs[i]);
		same_doc(&lf.docs[i], &bom.docs[i]);
		TU_DOC_CLEAN(&t, &bom.docs[i]); /* no '\r' left anywhere */
		tu_finish(&t);
	}
	/* The header's first line after the BOM is still line 3's issuer. */
	assert_non_null(bom.docs[0].issuer);
	assert_string_equal(bom.docs[0].issuer, "ĐẢNG ỦY THÔNG TẤN XÃ VIỆT NAM");
	assert_string_equal(bom.docs[0].number, "581-CV/ĐU");
	/* The stamp warning keeps its line number (38). */
	const struct parse_diag *w = tu_find_diag(&bom, PARSE_WARNING, "received");
	assert_non_null(w);
	assert_int_equal(w->line, 38);

	parse_result_free(&lf);
	parse_result_free(&crlf);
	parse_result_free(&bom);
	free(c1);
	free(c2);
	free(buf);

	/* A BOM on a one-line-header file: the number on line 1 is still read. */
	struct parse_result res;
	static const char text[] =
		"\xef\xbb\xbfSố 45-TB/ĐU\r\nHà Nội, ngày 05 tháng 3 năm 2023\r\n\r\nTHÔNG BÁO\r\n"
		"về lịch sinh hoạt chi bộ\r\n\r\nCác chi bộ sinh hoạt vào ngày 10 hằng tháng./.\r\n";
	assert_int_equal(tu_parse_str(text, &res), 0);
	assert_int_equal(res.ndocs, 1);
	assert_string_equal(res.docs[0].number, "45-TB/ĐU");
	assert_int_equal(res.docs[0].first_line, 1);
	parse_result_free(&res);

	/* Line numbers after CRLF stay right for an encoding error. */
	REFUSED("a\r\nb\r\nc\xff\r\n", "encoding", 3);
}

/* parse_result_free takes zeroed and NULL results. */
static void test_result_free(void **state)
{
	struct parse_result res = { 0 };
	(void)state;

	parse_result_free(&res);
	parse_result_free(NULL);
	/* A refused file frees cleanly too (ASan checks). */
	assert_int_equal(tu_parse_str("\xff", &res), -1);
	assert_int_equal(res.ndocs, 0);
	assert_true(res.ndiags >= 1);
	parse_result_free(&res);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_not_utf8),
		cmocka_unit_test(test_overlong_and_surrogates),
		cmocka_unit_test(test_nul_and_binary),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_nothing_recognisable),
		cmocka_unit_test(test_over_max_bytes),
		cmocka_unit_test(test_too_many_lines),
		cmocka_unit_test(test_line_too_long),
		cmocka_unit_test(test_too_many_docs),
		cmocka_unit_test(test_default_limits),
		cmocka_unit_test(test_bom_and_crlf),
		cmocka_unit_test(test_result_free),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
