/* SPDX-License-Identifier: MIT */
/*
 * The document model's pure helpers (firmware/doc.h): identity keys, ISO
 * dates and calendar validity, the kind table and screen groups, span
 * serialisation and the body text, on hand-built documents.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "testutil.h"

static struct doc_block SLIP_BLOCKS[] = {
	{ .type = DOC_BLOCK_PARA, .text = "Quét và đưa lên mạng.", .line = 13 },
};

/* A routing slip like 004 A: no number. Strings are literals: never doc_free it. */
static struct doc slip(void)
{
	struct doc d = {
		.kind = "PXYK",
		.type_name = "Phiếu xin ý kiến",
		.issuer = "ĐẢNG ỦY TTXVN",
		.issuer_inferred = true,
		.place = "Hà Nội",
		.date = { 2014, 4, 7 },
		.subject = "Ý kiến về Kết luận 132-KL/ĐUK",
		.blocks = SLIP_BLOCKS,
		.nblocks = 1,
		.link_type = DOC_LINK_ANNOTATES,
		.link_symbol = "132-KL/ĐUK",
		.first_line = 1,
		.last_line = 19,
	};
	return d;
}

static void test_key_numbered(void **state)
{
	struct doc d = { .kind = "KL", .number = "516-KL/ĐUK", .date = { 2023, 1, 18 },
			 .subject = "Về kết quả 05 năm" };
	char buf[128], small[8];
	(void)state;

	assert_string_equal(doc_key(&d, buf, sizeof(buf)), "516-KL/ĐUK@2023-01-18");
	/* The number and date alone make the identity: the subject does not. */
	d.subject = "Về kết quả năm năm";
	assert_string_equal(doc_key(&d, buf, sizeof(buf)), "516-KL/ĐUK@2023-01-18");
	d.date = (struct doc_date){ 2023, 1, 19 };
	assert_string_equal(doc_key(&d, buf, sizeof(buf)), "516-KL/ĐUK@2023-01-19");
	/* State symbol. */
	struct doc s = { .kind = "CV", .number = "454/UBND-NCTH", .date = { 2020, 3, 5 } };
	assert_string_equal(doc_key(&s, buf, sizeof(buf)), "454/UBND-NCTH@2020-03-05");

	/* Truncation stays inside the buffer and keeps the prefix. */
	assert_ptr_equal(doc_key(&d, small, sizeof(small)), small);
	assert_true(strlen(small) < sizeof(small));
	assert_memory_equal(small, "516-KL/ĐUK@2023-01-19", strlen(small));
}

static void test_key_unnumbered(void **state)
{
	struct doc d = slip(), e;
	char k1[128], k2[128];
	(void)state;

	doc_key(&d, k1, sizeof(k1));
	assert_int_equal(strncmp(k1, "~PXYK@2014-04-07#", 17), 0);
	assert_true(strlen(k1) > 17);
	doc_key(&d, k2, sizeof(k2));
	assert_string_equal(k1, k2);

	/* Equal content in other buffers gives the same key (no pointers hashed). */
	char issuer[] = "ĐẢNG ỦY TTXVN", subject[] = "Ý kiến về Kết luận 132-KL/ĐUK";
	e = slip();
	e.issuer = issuer;
	e.subject = subject;
	assert_string_equal(doc_key(&e, k2, sizeof(k2)), k1);

	/* Fields outside the identity do not change it. */
	char *rcpt[] = { "Lưu VPĐU" };
	e = slip();
	e.recipients = rcpt;
	e.nrecipients = 1;
	e.signer.name = "Mai Quang Huy";
	e.first_line = 40;
	e.last_line = 60;
	assert_string_equal(doc_key(&e, k2, sizeof(k2)), k1);

	/* Each identity field changes it. */
	e = slip();
	e.subject = "Ý kiến về Kết luận 133-KL/ĐUK";
	assert_string_not_equal(doc_key(&e, k2, sizeof(k2)), k1);
	e = slip();
	e.issuer = "ĐẢNG ỦY BỘ NGOẠI GIAO";
	assert_string_not_equal(doc_key(&e, k2, sizeof(k2)), k1);
	e = slip();
	e.link_symbol = "133-KL/ĐUK";
	assert_string_not_equal(doc_key(&e, k2, sizeof(k2)), k1);
	e = slip();
	struct doc_block other = { .type = DOC_BLOCK_PARA, .text = "Lưu hồ sơ.", .line = 13 };
	e.blocks = &other;
	assert_string_not_equal(doc_key(&e, k2, sizeof(k2)), k1);
	e = slip();
	e.date = (struct doc_date){ 2014, 4, 8 };
	doc_key(&e, k2, sizeof(k2));
	assert_int_equal(strncmp(k2, "~PXYK@2014-04-08#", 17), 0);
	e = slip();
	e.kind = "PC";
	doc_key(&e, k2, sizeof(k2));
	assert_int_equal(strncmp(k2, "~PC@2014-04-07#", 15), 0);

	/* Moving text between fields changes it ("ab","c" vs "a","bc"). */
	struct doc f = { .kind = "PXYK", .issuer = "AB", .subject = "C" };
	struct doc g = { .kind = "PXYK", .issuer = "A", .subject = "BC" };
	doc_key(&f, k1, sizeof(k1));
	assert_string_not_equal(doc_key(&g, k2, sizeof(k2)), k1);

	/* A wholly empty document still gets a key, starting with '~'. */
	struct doc z = { 0 };
	assert_int_equal(doc_key(&z, k1, sizeof(k1))[0], '~');
}

static void test_date_iso(void **state)
{
	char buf[16];
	struct doc_date d;
	(void)state;

	assert_string_equal(doc_date_iso((struct doc_date){ 2023, 2, 9 }, buf), "2023-02-09");
	assert_string_equal(doc_date_iso((struct doc_date){ 2017, 12, 31 }, buf), "2017-12-31");
	assert_string_equal(doc_date_iso((struct doc_date){ 0, 0, 0 }, buf), "");

	assert_true(doc_date_from_iso("2023-01-18", &d));
	assert_int_equal(d.y, 2023);
	assert_int_equal(d.m, 1);
	assert_int_equal(d.d, 18);
	assert_true(doc_date_from_iso("2024-02-29", &d));
	assert_int_equal(d.d, 29);

	static const char *const bad[] = { "", "2023-2-9", "2023-02-09x", " 2023-02-09",
					   "2023/02/09", "09/02/2023", "2023-13-01", "2023-02-29",
					   "2023-00-10", "2023-04-31", "abcd-ef-gh", "2023-02-0",
					   "1900-01-01", "+023-02-09" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		d = (struct doc_date){ 1999, 9, 9 };
		if (doc_date_from_iso(bad[i], &d))
			fail_msg("doc_date_from_iso accepted \"%s\"", bad[i]);
		if (d.y != 0)
			fail_msg("doc_date_from_iso(\"%s\") left a date that is not absent", bad[i]);
	}
}

static void test_date_valid(void **state)
{
	(void)state;

	assert_true(doc_date_valid(2024, 2, 29));  /* leap */
	assert_true(doc_date_valid(2000, 2, 29));  /* divisible by 400 */
	assert_false(doc_date_valid(2100, 2, 29)); /* divisible by 100 */
	assert_false(doc_date_valid(2023, 2, 29));
	assert_true(doc_date_valid(2023, 2, 28));
	assert_false(doc_date_valid(2023, 2, 31));
	assert_false(doc_date_valid(2023, 4, 31));
	assert_true(doc_date_valid(2023, 12, 31));
	assert_false(doc_date_valid(2023, 13, 1));
	assert_false(doc_date_valid(2023, 0, 1));
	assert_false(doc_date_valid(2023, 1, 0));
	assert_false(doc_date_valid(2023, 1, 32));
	assert_false(doc_date_valid(2023, -1, 5));
	assert_true(doc_date_valid(1930, 1, 1));
	assert_false(doc_date_valid(1929, 12, 31));
	assert_true(doc_date_valid(2199, 12, 31));
	assert_false(doc_date_valid(2200, 1, 1));
	assert_false(doc_date_valid(0, 0, 0));
}

static void test_kind_table(void **state)
{
	(void)state;

	assert_string_equal(doc_kind_name("KL"), "Kết luận");
	assert_string_equal(doc_kind_name("QĐi"), "Quy định");
	assert_string_equal(doc_kind_name("QĐ"), "Quyết định");
	assert_string_equal(doc_kind_name("CTr"), "Chương trình");
	assert_string_equal(doc_kind_name("CT"), "Chỉ thị");
	assert_string_equal(doc_kind_name("NQ"), "Nghị quyết");
	assert_string_equal(doc_kind_name("TB"), "Thông báo");
	assert_string_equal(doc_kind_name("CV"), "Công văn");
	assert_string_equal(doc_kind_name("HD"), "Hướng dẫn");
	assert_string_equal(doc_kind_name("KH"), "Kế hoạch");
	assert_string_equal(doc_kind_name("PXYK"), "Phiếu xin ý kiến");
	assert_null(doc_kind_name("XYZ"));
	assert_null(doc_kind_name(""));
	assert_null(doc_kind_name("kl")); /* exact on the normalised code */

	assert_int_equal(doc_kind_group("KL"), DOC_GROUP_CONCLUSION);
	assert_int_equal(doc_kind_group("CT"), DOC_GROUP_DIRECTIVE);
	assert_int_equal(doc_kind_group("NQ"), DOC_GROUP_DIRECTIVE);
	assert_int_equal(doc_kind_group("QĐi"), DOC_GROUP_DIRECTIVE);
	assert_int_equal(doc_kind_group("CTr"), DOC_GROUP_DIRECTIVE);
	assert_int_equal(doc_kind_group("HD"), DOC_GROUP_DIRECTIVE);
	assert_int_equal(doc_kind_group("TB"), DOC_GROUP_NOTICE);
	assert_int_equal(doc_kind_group("CV"), DOC_GROUP_NOTICE);
	assert_int_equal(doc_kind_group("BC"), DOC_GROUP_NOTICE);
	assert_int_equal(doc_kind_group("PXYK"), DOC_GROUP_OTHER);
}

static void test_kind_from_name(void **state)
{
	(void)state;

	assert_string_equal(doc_kind_from_name("KẾT LUẬN"), "KL");
	assert_string_equal(doc_kind_from_name("Kết luận"), "KL");
	assert_string_equal(doc_kind_from_name("KET LUAN"), "KL");
	assert_string_equal(doc_kind_from_name("THÔNG BÁO"), "TB");
	assert_string_equal(doc_kind_from_name("thong bao"), "TB");
	assert_string_equal(doc_kind_from_name("CHỈ THỊ"), "CT");
	assert_string_equal(doc_kind_from_name("NGHỊ QUYẾT"), "NQ");
	assert_string_equal(doc_kind_from_name("QUYẾT ĐỊNH"), "QĐ");
	assert_string_equal(doc_kind_from_name("QUY ĐỊNH"), "QĐi");
	assert_string_equal(doc_kind_from_name("CHƯƠNG TRÌNH"), "CTr");
	assert_string_equal(doc_kind_from_name("HƯỚNG DẪN"), "HD");
	assert_string_equal(doc_kind_from_name("Công văn"), "CV");
	assert_string_equal(doc_kind_from_name("PHIẾU XIN Ý KIẾN"), "PXYK");
	assert_null(doc_kind_from_name("BÁNH MÌ"));
	assert_null(doc_kind_from_name(""));
	assert_null(doc_kind_from_name("KẾT"));
}

static void test_group(void **state)
{
	struct doc d = { 0 };
	(void)state;

	assert_int_equal(doc_group(&d), DOC_GROUP_OTHER); /* never fails */
	d.kind = "KL";
	assert_int_equal(doc_group(&d), DOC_GROUP_CONCLUSION);
	d.kind = "TB";
	d.subject = "Kết luận Hội nghị giao ban đánh giá công tác tháng 6";
	assert_int_equal(doc_group(&d), DOC_GROUP_CONCLUSION);
	d.subject = "KẾT LUẬN CỦA BỘ CHÍNH TRỊ về đề án";
	assert_int_equal(doc_group(&d), DOC_GROUP_CONCLUSION);
	d.subject = "Về việc tổ chức hội nghị";
	assert_int_equal(doc_group(&d), DOC_GROUP_NOTICE);
	d.subject = NULL;
	assert_int_equal(doc_group(&d), DOC_GROUP_NOTICE);
	/* A công văn forwarding a conclusion is still a notice. */
	d.kind = "CV";
	d.subject = "Kết luận số 516-KL/ĐUK";
	assert_int_equal(doc_group(&d), DOC_GROUP_NOTICE);
	d.kind = "CT";
	d.subject = NULL;
	assert_int_equal(doc_group(&d), DOC_GROUP_DIRECTIVE);
	d.kind = "QĐi";
	assert_int_equal(doc_group(&d), DOC_GROUP_DIRECTIVE);
	d.kind = "PXYK";
	assert_int_equal(doc_group(&d), DOC_GROUP_OTHER);
}

static void test_spans_roundtrip(void **state)
{
	const struct doc_span in[] = {
		{ 0, 4, DOC_STYLE_BOLD },
		{ 5, 3, DOC_STYLE_ITALIC },
		{ 10, 6, DOC_STYLE_BOLD | DOC_STYLE_ITALIC },
	};
	struct doc_span *out = NULL;
	size_t n = 99;
	(void)state;

	char *s = doc_spans_format(in, 3);
	assert_non_null(s);
	assert_string_equal(s, "0:4:1;5:3:2;10:6:3;");
	assert_true(doc_spans_parse(s, 16, &out, &n));
	assert_int_equal(n, 3);
	assert_non_null(out);
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(out[i].start, in[i].start);
		assert_int_equal(out[i].len, in[i].len);
		assert_int_equal(out[i].style, in[i].style);
	}
	free(out);
	free(s);

	s = doc_spans_format(NULL, 0);
	assert_non_null(s);
	assert_string_equal(s, "");
	out = NULL;
	n = 99;
	assert_true(doc_spans_parse(s, 0, &out, &n));
	assert_int_equal(n, 0);
	free(out);
	free(s);

	/* A span may end exactly at the end of the text. */
	out = NULL;
	assert_true(doc_spans_parse("0:5:1;", 5, &out, &n));
	assert_int_equal(n, 1);
	assert_int_equal(out[0].len, 5);
	free(out);
}

static void test_spans_reject(void **state)
{
	static const char *const bad[] = {
		"0:4",            /* missing style */
		"a:b:c;",         /* not numbers */
		"0:4:1;2:3:1;",   /* overlap */
		"5:3:1;0:2:1;",   /* unsorted */
		"0:10:1;",        /* past the text */
		"3:3:1;",         /* 3 + 3 > 5 */
		"6:0:1;",         /* starts past the text */
		"-1:2:1;",        /* negative */
		"0:2:1;x",        /* trailing garbage */
		"0:2:1:4;",       /* four fields */
		"4294967295:2:1;", /* start + len overflows 32 bits */
		"0:4294967295:1;",
		"99999999999999999999:1:1;",
	};
	(void)state;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct doc_span *out = NULL;
		size_t n = 0;
		if (doc_spans_parse(bad[i], 5, &out, &n))
			fail_msg("doc_spans_parse accepted \"%s\" for a 5-byte text", bad[i]);
		free(out);
	}
}

static void test_body_text(void **state)
{
	struct doc_block blocks[] = {
		{ .type = DOC_BLOCK_HEADING, .level = 1, .label = "I.", .text = "MỞ ĐẦU" },
		{ .type = DOC_BLOCK_PARA, .text = "Nội dung chính." },
		{ .type = DOC_BLOCK_POINT, .label = "1-", .text = "Điểm thứ nhất." },
		{ .type = DOC_BLOCK_BULLET, .text = "Một ý nhỏ./." },
	};
	struct doc d = { .kind = "KL", .blocks = blocks, .nblocks = 4 };
	(void)state;

	char *s = doc_body_text(&d);
	assert_non_null(s);
	assert_string_equal(s, "I. MỞ ĐẦU\nNội dung chính.\n1- Điểm thứ nhất.\nMột ý nhỏ./.");
	free(s);

	struct doc empty = { .kind = "KL" };
	s = doc_body_text(&empty);
	assert_non_null(s);
	assert_string_equal(s, "");
	free(s);
}

/* doc_free releases a fully populated heap document (ASan checks the leaks)
 * and zeroes it; NULL is fine. */
static void test_doc_free(void **state)
{
	struct doc d = { 0 };
	(void)state;

	d.kind = strdup("KL");
	d.type_name = strdup("Kết luận");
	d.number = strdup("516-KL/ĐUK");
	d.issuer = strdup("ĐẢNG ỦY KHỐI CÁC CƠ QUAN TRUNG ƯƠNG");
	d.parent = strdup("X");
	d.author = strdup("CỦA BAN CHẤP HÀNH ĐẢNG BỘ KHỐI");
	d.place = strdup("Hà Nội");
	d.subject = strdup("Về kết quả");
	d.nblocks = 1;
	d.blocks = calloc(1, sizeof(*d.blocks));
	d.blocks[0].label = strdup("1.");
	d.blocks[0].text = strdup("Sau 05 năm");
	d.blocks[0].nspans = 1;
	d.blocks[0].spans = calloc(1, sizeof(struct doc_span));
	d.naddressees = 1;
	d.addressees = calloc(1, sizeof(char *));
	d.addressees[0] = strdup("Các chi bộ");
	d.nrecipients = 2;
	d.recipients = calloc(2, sizeof(char *));
	d.recipients[0] = strdup("Như trên");
	d.recipients[1] = strdup("Lưu VPĐU");
	d.ninstructions = 1;
	d.instructions = calloc(1, sizeof(char *));
	d.instructions[0] = strdup("Đề nghị ...");
	d.nannotations = 1;
	d.annotations = calloc(1, sizeof(char *));
	d.annotations[0] = strdup("18-7");
	d.signer.authority = strdup("T/M BAN THƯỜNG VỤ");
	d.signer.title = strdup("BÍ THƯ");
	d.signer.name = strdup("Sơn Minh Thắng");
	d.received.present = true;
	d.received.by = strdup("ĐẢNG ỦY TTXVN");
	d.received.number_raw = strdup("11.82");
	d.received.number = strdup("1182");
	d.nrefs = 1;
	d.refs = calloc(1, sizeof(*d.refs));
	d.refs[0].symbol = strdup("08-NQ/ĐUK");
	d.refs[0].type_name = strdup("Nghị quyết");
	d.refs[0].issuer = strdup("Ban Chấp hành Đảng bộ Khối");
	d.link_symbol = strdup("516-KL/ĐUK");

	doc_free(&d);
	assert_null(d.kind);
	assert_null(d.blocks);
	assert_int_equal(d.nblocks, 0);
	assert_null(d.recipients);
	assert_int_equal(d.nrecipients, 0);
	assert_null(d.signer.name);
	assert_null(d.received.by);
	assert_false(d.received.present);
	assert_null(d.refs);
	assert_null(d.link_symbol);
	doc_free(&d); /* twice is fine once zeroed */
	doc_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_key_numbered),
		cmocka_unit_test(test_key_unnumbered),
		cmocka_unit_test(test_date_iso),
		cmocka_unit_test(test_date_valid),
		cmocka_unit_test(test_kind_table),
		cmocka_unit_test(test_kind_from_name),
		cmocka_unit_test(test_group),
		cmocka_unit_test(test_spans_roundtrip),
		cmocka_unit_test(test_spans_reject),
		cmocka_unit_test(test_body_text),
		cmocka_unit_test(test_doc_free),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
