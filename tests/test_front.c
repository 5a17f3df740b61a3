/* SPDX-License-Identifier: MIT */
/*
 * The clerk's front matter (front.c) through the parser's entry point, as an
 * import sees it: stated fields win over what the parser read and are stored
 * as written, the block's lines are not document text but diagnostics keep
 * the file's own line numbers, and every fault names its line and key.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "front.h"
#include "testutil.h"

#define SAMPLE_003 BANGTIN_SRCDIR "/data/samples/003_90bc4fd252e1aac9.txt"
#define SAMPLE_000 BANGTIN_SRCDIR "/data/samples/000_a22f915492343a22.txt"

/* The file at path with text prepended, parsed as "f.txt". */
static int parse_with(const char *head, const char *path, struct parse_result *res)
{
	size_t len, hl = strlen(head);
	char *body = tu_read_file(path, &len);
	char *buf = malloc(hl + len + 1);
	int rc;

	assert_non_null(buf);
	memcpy(buf, head, hl);
	memcpy(buf + hl, body, len + 1);
	rc = tu_parse("f.txt", buf, hl + len, NULL, res);
	free(body);
	free(buf);
	return rc;
}

/* Number of lines of a string (its line feeds). */
static int lines_of(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

static void test_stated_fields_win(void **state)
{
	static const char head[] = "---\n"
				   "so: 454/UBND-NCTH\n"
				   "ngay: 6/4/2011\n"
				   "loai: cv\n"
				   "co-quan: ỦY BAN NHÂN DÂN THÀNH PHỐ VỊ THANH\n"
				   "co-quan-cap-tren: ỦY BAN NHÂN DÂN TỈNH HẬU GIANG\n"
				   "noi-ban-hanh: Vị Thanh\n"
				   "trich-yeu: \"V/v triển khai thực hiện\"\n"
				   "nguoi-ky: Nguyễn Văn Hòa\n"
				   "chuc-vu: CHỦ TỊCH\n"
				   "tham-quyen: TM. ỦY BAN NHÂN DÂN\n"
				   "---\n";
	struct parse_result res;
	(void)state;

	assert_int_equal(parse_with(head, SAMPLE_003, &res), 0);
	assert_true(res.ndocs >= 1);
	const struct doc *d = &res.docs[0];
	assert_string_equal(d->number, "454/UBND-NCTH");
	assert_false(d->number_inferred);
	assert_int_equal(d->date.y, 2011);
	assert_int_equal(d->date.m, 4);
	assert_int_equal(d->date.d, 6);
	assert_string_equal(d->kind, "CV");
	assert_string_equal(d->type_name, "Công văn");
	assert_string_equal(d->issuer, "ỦY BAN NHÂN DÂN THÀNH PHỐ VỊ THANH");
	assert_string_equal(d->parent, "ỦY BAN NHÂN DÂN TỈNH HẬU GIANG");
	assert_string_equal(d->place, "Vị Thanh");
	assert_string_equal(d->subject, "V/v triển khai thực hiện");
	assert_string_equal(d->signer.name, "Nguyễn Văn Hòa");
	assert_string_equal(d->signer.title, "CHỦ TỊCH");
	assert_string_equal(d->signer.authority, "TM. ỦY BAN NHÂN DÂN");
	assert_int_equal(d->stated, (1u << DOC_FIELD_COUNT) - 1);
	/* The block is not text: the document starts after it, on the file's
	 * own line numbers (the sample's line 1 is the file's line 13). */
	assert_true(d->first_line > lines_of(head));
	for (size_t i = 0; i < d->nblocks; i++)
		assert_null(strstr(d->blocks[i].text, "454/UBND"));
	parse_result_free(&res);
}

static void test_unstated_fields_stay(void **state)
{
	struct parse_result plain, res;
	(void)state;

	tu_parse_sample("003_90bc4fd252e1aac9.txt", 1, &plain);
	assert_int_equal(parse_with("---\nNgười ký: Phạm Minh Chính\n---\n", SAMPLE_003, &res), 0);
	const struct doc *a = &plain.docs[0], *b = &res.docs[0];
	assert_string_equal(b->signer.name, "Phạm Minh Chính");
	assert_int_equal(b->stated, DOC_FIELD_SIGNER_NAME);
	assert_int_equal(a->stated, 0);
	assert_string_equal(b->number, a->number);
	assert_string_equal(b->kind, a->kind);
	assert_int_equal(b->date.y, a->date.y);
	assert_int_equal(b->nblocks, a->nblocks);
	/* Three lines of block: every block of the body moves by three. */
	for (size_t i = 0; i < a->nblocks; i++)
		assert_int_equal(b->blocks[i].line, a->blocks[i].line + 3);
	parse_result_free(&plain);
	parse_result_free(&res);
}

/* Vietnamese spellings, any case, spaces or hyphens or underscores. */
static void test_key_spellings(void **state)
{
	static const struct {
		const char *key;
		uint32_t field;
	} keys[] = {
		{ "Số", DOC_FIELD_NUMBER }, { "SỐ", DOC_FIELD_NUMBER }, { "ngày", DOC_FIELD_DATE },
		{ "Loại", DOC_FIELD_KIND }, { "cơ quan", DOC_FIELD_ISSUER },
		{ "Cơ-Quan", DOC_FIELD_ISSUER }, { "co_quan", DOC_FIELD_ISSUER },
		{ "cơ quan cấp trên", DOC_FIELD_PARENT }, { "co--quan-cap-tren", DOC_FIELD_PARENT },
		{ "nơi ban hành", DOC_FIELD_PLACE }, { "Trích yếu", DOC_FIELD_SUBJECT },
		{ "người ký", DOC_FIELD_SIGNER_NAME }, { "chức vụ", DOC_FIELD_SIGNER_TITLE },
		{ "thẩm quyền", DOC_FIELD_SIGNER_AUTHORITY },
		{ "THAM QUYEN", DOC_FIELD_SIGNER_AUTHORITY },
	};
	(void)state;

	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		char buf[256];
		struct front f;
		struct parse_diag err;
		const char *v = keys[i].field == DOC_FIELD_NUMBER ? "1/X" :
				keys[i].field == DOC_FIELD_DATE ? "01/02/2020" :
				keys[i].field == DOC_FIELD_KIND ? "KL" : "X";
		snprintf(buf, sizeof buf, "---\n%s: %s\n---\nbody\n", keys[i].key, v);
		if (front_read(buf, strlen(buf), &f, &err) != 0)
			fail_msg("%s: %s", keys[i].key, err.message);
		assert_int_equal(f.last_line, 3);
		if (f.stated != keys[i].field)
			fail_msg("%s stated %s, want %s", keys[i].key, doc_field_name(f.stated),
				 doc_field_name(keys[i].field));
		front_free(&f);
	}
}

/* A faulty block is an error on its line, with the key as its field, and
 * refuses the file as any parse error does. */
static void expect_fault(const char *block, int line, const char *field, const char *needle)
{
	struct parse_result res;
	const struct parse_diag *d;

	assert_int_equal(tu_parse_str(block, &res), -1);
	assert_int_equal(res.ndocs, 0);
	d = tu_find_diag(&res, PARSE_ERROR, field);
	if (!d || d->line != line || !strstr(d->message, needle)) {
		tu_print_diags("t.txt", &res);
		fail_msg("want error [%s] on line %d saying \"%s\"", field, line, needle);
	}
	parse_result_free(&res);
}

static void test_faults(void **state)
{
	(void)state;
	expect_fault("---\nso: 1/X\nsố hiệu: 2\n---\nx\n", 3, "số hiệu", "unknown key 'số hiệu'");
	expect_fault("---\nngay: 31/02/2024\n---\nx\n", 2, "ngay", "not a date dd/mm/yyyy");
	expect_fault("---\nngay: 2024-02-01\n---\nx\n", 2, "ngay", "not a date");
	expect_fault("---\nngay: 1/2/24\n---\nx\n", 2, "ngay", "not a date");
	expect_fault("---\nloai: XYZ\n---\nx\n", 2, "loai", "not a kind code");
	expect_fault("---\nso: 516 - KL/ĐUK\n---\nx\n", 2, "so", "no spaces");
	expect_fault("---\nso: KL/ĐUK\n---\nx\n", 2, "so", "digits first");
	expect_fault("---\nloai: KL\nso:\n---\nx\n", 3, "so", "no value");
	expect_fault("---\nso: 1/A\n\n# comment\nSố: 2/B\n---\nx\n", 5, "so",
		     "stated twice (first on line 2)");
	expect_fault("---\nso: 1/A\nKẾT LUẬN\nx\n", 3, "front-matter", "closing --- is missing");
	expect_fault("---\nso: 1/A\n", 1, "front-matter", "not closed");
}

static void test_value_too_long(void **state)
{
	char buf[FRONT_VALUE_MAX + 64];
	struct front f;
	struct parse_diag err;
	(void)state;

	int n = snprintf(buf, sizeof buf, "---\ntrich-yeu: ");
	memset(buf + n, 'a', FRONT_VALUE_MAX + 1);
	memcpy(buf + n + FRONT_VALUE_MAX + 1, "\n---\n", 6);
	assert_int_equal(front_read(buf, strlen(buf), &f, &err), -1);
	assert_int_equal(err.line, 2);
	assert_string_equal(err.field, "trich-yeu");
	front_free(&f);
	/* At the limit it is taken. */
	memcpy(buf + n + FRONT_VALUE_MAX, "\n---\n", 6);
	assert_int_equal(front_read(buf, strlen(buf), &f, &err), 0);
	assert_int_equal(strlen(f.subject), FRONT_VALUE_MAX);
	front_free(&f);
}

/* What is not a block: no fence first, a rule over the text, a rule and a
 * line that is no known key with no closing fence in reach. */
static void test_not_a_block(void **state)
{
	static const char *const texts[] = {
		"so: 1/X\n---\n",
		" \n---\nso: 1/X\n---\n",
		"---\n**ĐẢNG CỘNG SẢN VIỆT NAM**\n",
		"---\n\nso: 1/X\n---\n",
		"---\nKính gửi: Các đảng ủy cơ sở\nx\n",
		"",
		"---",
	};
	(void)state;

	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		struct front f;
		struct parse_diag err;
		assert_int_equal(front_read(texts[i], strlen(texts[i]), &f, &err), 0);
		assert_int_equal(f.last_line, 0);
		assert_int_equal(f.stated, 0);
		front_free(&f);
	}
}

/* Several documents in the file: the block speaks of the first only. */
static void test_first_document_only(void **state)
{
	struct parse_result res;
	(void)state;

	assert_int_equal(parse_with("---\nchuc-vu: PHÓ BÍ THƯ\n---\n", SAMPLE_000, &res), 0);
	assert_true(res.ndocs >= 2);
	assert_string_equal(res.docs[0].signer.title, "PHÓ BÍ THƯ");
	assert_int_equal(res.docs[0].stated, DOC_FIELD_SIGNER_TITLE);
	for (size_t i = 1; i < res.ndocs; i++) {
		assert_int_equal(res.docs[i].stated, 0);
		assert_true(!res.docs[i].signer.title ||
			    strcmp(res.docs[i].signer.title, "PHÓ BÍ THƯ") != 0);
	}
	/* Every document and its diagnostics keep the file's own lines: the
	 * sample's, three further down. */
	struct parse_result plain;
	tu_parse_sample("000_a22f915492343a22.txt", res.ndocs, &plain);
	for (size_t i = 0; i < res.ndocs; i++) {
		assert_int_equal(res.docs[i].first_line, plain.docs[i].first_line + 3);
		assert_int_equal(res.docs[i].last_line, plain.docs[i].last_line + 3);
	}
	assert_int_equal(res.ndiags, plain.ndiags);
	for (size_t i = 0; i < res.ndiags; i++)
		assert_int_equal(res.diags[i].line, plain.diags[i].line + 3);
	parse_result_free(&plain);
	parse_result_free(&res);
}

/* CRLF files and a byte-order mark, as Notepad saves them. */
static void test_crlf_and_bom(void **state)
{
	static const char text[] = "\xEF\xBB\xBF---\r\nso: 12-TB/VP\r\nloai: TB\r\n---\r\n"
				   "THÔNG BÁO\r\nVề việc họp\r\n\r\nNội dung họp.\r\n";
	struct parse_result res;
	(void)state;

	assert_int_equal(tu_parse_str(text, &res), 0);
	assert_int_equal(res.ndocs, 1);
	assert_string_equal(res.docs[0].number, "12-TB/VP");
	assert_string_equal(res.docs[0].kind, "TB");
	parse_result_free(&res);
}

static void test_doc_dates(void **state)
{
	struct doc_date d;
	char buf[11];
	(void)state;

	assert_true(doc_date_from_vn("06/04/2011", &d));
	assert_string_equal(doc_date_vn(d, buf), "06/04/2011");
	assert_true(doc_date_from_vn("6-4-2011", &d));
	assert_true(doc_date_from_vn("29.2.2024", &d));
	assert_false(doc_date_from_vn("29/2/2023", &d));
	assert_int_equal(d.y, 0);
	assert_false(doc_date_from_vn("6/4-2011", &d));
	assert_false(doc_date_from_vn("6/4/2011 ", &d));
	assert_false(doc_date_from_vn("006/4/2011", &d));
	assert_false(doc_date_from_vn("6/4/20111", &d));
	assert_false(doc_date_from_vn(NULL, &d));
	assert_string_equal(doc_date_iso_to_vn("2023-02-09", buf), "09/02/2023");
	assert_string_equal(doc_date_iso_to_vn("09/02/2023", buf), "");
	assert_string_equal(doc_date_iso_to_vn(NULL, buf), "");
	assert_string_equal(doc_date_vn((struct doc_date){ 0, 0, 0 }, buf), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stated_fields_win),
		cmocka_unit_test(test_unstated_fields_stay),
		cmocka_unit_test(test_key_spellings),
		cmocka_unit_test(test_faults),
		cmocka_unit_test(test_value_too_long),
		cmocka_unit_test(test_not_a_block),
		cmocka_unit_test(test_first_document_only),
		cmocka_unit_test(test_crlf_and_bom),
		cmocka_unit_test(test_doc_dates),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
