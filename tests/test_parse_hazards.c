/* SPDX-License-Identifier: MIT */
/*
 * One small synthetic input per OCR hazard of the cross-sample checklist and
 * the "Irregularities" sections of ../shared/sample-expectations.md, plus the
 * documents the kiosk must also read though no sample holds them: state
 * documents (Số: 454/UBND-NCTH, TL./KT./TM. signers), a Party Chỉ thị of a
 * provincial committee and a Quyết định with "Căn cứ" lines and articles.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "testutil.h"

/* Parses text; asserts acceptance with ndocs documents and no error. */
static void parse_ok(const char *text, size_t ndocs, struct parse_result *res)
{
	int rc = tu_parse_str(text, res);

	if (rc != 0 || res->nerrors || res->ndocs != ndocs) {
		print_error("parse_buffer returned %d with %zu docs (want %zu), %zu errors\n", rc,
			    res->ndocs, ndocs, res->nerrors);
		tu_print_diags("synthetic.txt", res);
		for (size_t i = 0; i < res->ndocs; i++)
			print_error("  doc %zu: kind %s number %s lines %d-%d\n", i,
				    res->docs[i].kind ? res->docs[i].kind : "NULL",
				    res->docs[i].number ? res->docs[i].number : "NULL",
				    res->docs[i].first_line, res->docs[i].last_line);
		parse_result_free(res);
		fail();
	}
	for (size_t i = 0; i < ndocs; i++) {
		struct tu t = { .what = "clean" };
		TU_DOC_CLEAN(&t, &res->docs[i]);
		if (t.failures) {
			tu_dump_blocks(&res->docs[i]);
			tu_finish_free(&t, res);
		}
	}
}

/* 1-based line of the first occurrence of needle in text. */
static int line_of(const char *text, const char *needle)
{
	const char *at = strstr(text, needle);
	int line = 1;

	assert_non_null(at);
	for (const char *p = text; p < at; p++)
		if (*p == '\n')
			line++;
	return line;
}

static void expect_str(const char *what, const char *actual, const char *want)
{
	struct tu t = { .what = what };

	TU_STR(&t, "value", actual, want);
	tu_finish(&t);
}

static void expect_date(const char *what, struct doc_date actual, int y, int m, int d)
{
	struct tu t = { .what = what };

	TU_DATE(&t, "date", actual, TU_DATE_OF(y, m, d));
	tu_finish(&t);
}

static void expect_list(const char *what, char *const *actual, size_t n, const char *const *want)
{
	struct tu t = { .what = what };

	TU_LIST(&t, "list", actual, n, want);
	tu_finish(&t);
}

#define LIST(...) ((const char *const[]){ __VA_ARGS__, NULL })

/* ---- header parts in any order; separators; bold across lines ---- */

#define H_ISSUER "**ĐẢNG ỦY KHỐI CÁC CƠ QUAN TW  \nĐẢNG ỦY THÔNG TẤN XÃ VIỆT NAM**\n\n"
#define H_STAR "\\*  \n\n"
#define H_NUMBER "Số 77-CV/ĐU\n\n"
#define H_VV "V/v tổ chức học tập chuyên đề năm 2023\n\n"
#define H_PARTY "**ĐẢNG CỘNG SẢN VIỆT NAM**\n\n"
#define H_DATE "Hà Nội, ngày 05 tháng 3 năm 2023\n\n"
#define H_BODY                                                                              \
	"Kính gửi: - Các đảng ủy cơ sở  \n- Các chi bộ trực thuộc\n\n"                       \
	"Thực hiện Kế hoạch số 10-KH/ĐUK ngày 01/3/2023 của Ban Thường vụ Đảng ủy Khối, Ban " \
	"Thường vụ Đảng ủy Thông tấn xã Việt Nam hướng dẫn các chi bộ tổ chức học tập "       \
	"chuyên đề năm 2023.\n\n"                                                            \
	"Nơi nhận:\n- Như trên,\n- Lưu VPĐU.\n\n"                                             \
	"**T/M BAN THƯỜNG VỤ  \nPHÓ BÍ THƯ**\n\n\n\nNguyễn Văn Nam\n"

static void check_cv77(const struct doc *d)
{
	struct tu t = { .what = "CV 77" };

	TU_STR(&t, "kind", d->kind, "CV");
	TU_STR(&t, "type_name", d->type_name, "Công văn");
	TU_STR(&t, "number", d->number, "77-CV/ĐU");
	TU_INT(&t, "number_inferred", d->number_inferred, false);
	TU_STR(&t, "issuer", d->issuer, "ĐẢNG ỦY THÔNG TẤN XÃ VIỆT NAM");
	TU_INT(&t, "issuer_inferred", d->issuer_inferred, false);
	TU_STR(&t, "parent", d->parent, "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TW");
	TU_INT(&t, "party_header", d->party_header, true);
	TU_INT(&t, "state_header", d->state_header, false);
	TU_STR(&t, "place", d->place, "Hà Nội");
	TU_DATE(&t, "date", d->date, TU_DATE_OF(2023, 3, 5));
	TU_STR(&t, "subject", d->subject, "V/v tổ chức học tập chuyên đề năm 2023");
	TU_LIST(&t, "addressees", d->addressees, d->naddressees,
		LIST("Các đảng ủy cơ sở", "Các chi bộ trực thuộc"));
	TU_LIST(&t, "recipients", d->recipients, d->nrecipients, LIST("Như trên", "Lưu VPĐU"));
	TU_STR(&t, "signer.authority", d->signer.authority, "T/M BAN THƯỜNG VỤ");
	TU_STR(&t, "signer.title", d->signer.title, "PHÓ BÍ THƯ");
	TU_STR(&t, "signer.name", d->signer.name, "Nguyễn Văn Nam");
	TU_INT(&t, "nrefs", d->nrefs, 1);
	if (d->nrefs >= 1) {
		TU_STR(&t, "refs[0].symbol", d->refs[0].symbol, "10-KH/ĐUK");
		TU_DATE(&t, "refs[0].date", d->refs[0].date, TU_DATE_OF(2023, 3, 1));
		TU_STR(&t, "refs[0].type_name", d->refs[0].type_name, "Kế hoạch");
	}
	TU_INT(&t, "nblocks", d->nblocks, 1);
	if (d->nblocks >= 1)
		TU_TRUE(&t, "body paragraph \"Thực hiện Kế hoạch ...\"",
			strncmp(d->blocks[0].text, "Thực hiện Kế hoạch số 10-KH/ĐUK", 20) == 0);
	if (t.failures)
		tu_dump_blocks(d);
	tu_finish(&t);
}

static void test_header_any_order(void **state)
{
	static const char *const orders[] = {
		/* 000: number and V/v before the Party header and the date */
		H_ISSUER H_STAR H_NUMBER H_VV H_PARTY H_DATE H_BODY,
		/* 001: Party header, date, number, V/v */
		H_ISSUER H_PARTY H_DATE H_NUMBER H_VV H_BODY,
		/* right column read first */
		H_PARTY H_DATE H_ISSUER H_STAR H_NUMBER H_VV H_BODY,
		/* 003: date before the number */
		H_DATE H_ISSUER H_NUMBER H_VV H_PARTY H_BODY,
	};
	(void)state;

	for (size_t i = 0; i < sizeof(orders) / sizeof(orders[0]); i++) {
		struct parse_result res;
		print_message("    order %zu\n", i);
		parse_ok(orders[i], 1, &res);
		check_cv77(&res.docs[0]);
		parse_result_free(&res);
	}
}

static void test_star_separators(void **state)
{
	static const char *const stars[] = {
		H_ISSUER "\\*\n\n" H_NUMBER H_VV H_PARTY H_DATE H_BODY,
		H_ISSUER "*\n\n" H_NUMBER H_VV H_PARTY H_DATE H_BODY,
		H_ISSUER "*  \n\n" H_NUMBER H_VV H_PARTY H_DATE H_BODY,
		H_ISSUER "\\*  \n" H_NUMBER H_VV H_PARTY H_DATE H_BODY,
	};
	(void)state;

	for (size_t i = 0; i < sizeof(stars) / sizeof(stars[0]); i++) {
		struct parse_result res;
		print_message("    separator %zu\n", i);
		parse_ok(stars[i], 1, &res);
		check_cv77(&res.docs[0]);
		parse_result_free(&res);
	}
}

/* Bold header and signer and an italic V/v each spanning two lines. */
static void test_markup_across_lines(void **state)
{
	static const char text[] =
		"**ĐẢNG ỦY KHỐI CÁC CƠ QUAN TW\nĐẢNG ỦY THÔNG TẤN XÃ VIỆT NAM**\n\n*\n\n"
		"**Số 596 -CV/ĐU**  \n"
		"*V/v phổ biến, quán triệt và triển khai thực hiện\nKết luận số 03-KL/ĐUK*\n\n"
		"ĐẢNG CỘNG SẢN VIỆT NAM\n\nHà Nội, ngày 12 tháng 12 năm 2019\n\n"
		"*Kính gửi:* - Các đảng ủy cơ sở\n- Các chi bộ trực thuộc\n\n"
		"Thực hiện Kết luận số 03-KL/ĐUK ngày 11/12/2019 của Đảng ủy Khối các cơ quan Trung "
		"ương, Đảng ủy TTXVN sao gửi các đảng ủy cơ sở “*Kết luận của Ban Chấp hành Đảng "
		"bộ Khối về tiếp tục thực hiện Nghị quyết số 02-NQ/ĐUK*”.\n\n"
		"Nơi nhận :\n\n- Như trên,\n- Lưu VPĐU.\n\n"
		"**T/M BAN THƯỜNG VỤ\nBÍ THƯ**\n\n\n\nHà Thị Mai An\n";
	struct parse_result res;
	struct tu t = { .what = "markup across lines" };
	(void)state;

	parse_ok(text, 1, &res);
	const struct doc *d = &res.docs[0];
	TU_STR(&t, "parent", d->parent, "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TW");
	TU_STR(&t, "issuer", d->issuer, "ĐẢNG ỦY THÔNG TẤN XÃ VIỆT NAM");
	TU_STR(&t, "number", d->number, "596-CV/ĐU");
	TU_STR(&t, "subject", d->subject,
	       "V/v phổ biến, quán triệt và triển khai thực hiện Kết luận số 03-KL/ĐUK");
	TU_INT(&t, "party_header", d->party_header, true);
	TU_LIST(&t, "addressees", d->addressees, d->naddressees,
		LIST("Các đảng ủy cơ sở", "Các chi bộ trực thuộc"));
	TU_LIST(&t, "recipients", d->recipients, d->nrecipients, LIST("Như trên", "Lưu VPĐU"));
	TU_STR(&t, "signer.authority", d->signer.authority, "T/M BAN THƯỜNG VỤ");
	TU_STR(&t, "signer.title", d->signer.title, "BÍ THƯ");
	TU_STR(&t, "signer.name", d->signer.name, "Hà Thị Mai An");
	TU_INT(&t, "link_type", d->link_type, DOC_LINK_FORWARDS);
	TU_STR(&t, "link_symbol", d->link_symbol, "03-KL/ĐUK");
	tu_finish(&t);

	/* The italic quotation is a span of the paragraph, not literal stars. */
	const struct doc_block *b = tu_find_block(d, "sao gửi các đảng ủy cơ sở");
	assert_non_null(b);
	const char *q = "Kết luận của Ban Chấp hành Đảng bộ Khối về tiếp tục thực hiện Nghị quyết "
			"số 02-NQ/ĐUK";
	const char *at = strstr(b->text, q);
	assert_non_null(at);
	bool found = false;
	for (size_t i = 0; i < b->nspans; i++)
		if (b->spans[i].start == (uint32_t)(at - b->text) && b->spans[i].len == strlen(q) &&
		    (b->spans[i].style & DOC_STYLE_ITALIC))
			found = true;
	assert_true(found);
	parse_result_free(&res);
}

/* ---- received stamps: HTML, tabs, lost diacritics, dotted fill ---- */

#define KL_HEAD "\\*\n\nSố 516 -KL/ĐUK\n\nHà Nội, ngày 18 tháng 01 năm 2023\n\n"
#define KL_TAIL                                                                             \
	"**KẾT LUẬN**  \n**CỦA BAN THƯỜNG VỤ ĐẢNG ỦY KHỐI**\n\n"                               \
	"Về việc tổng kết công tác năm 2022\n\n"                                               \
	"Ban Thường vụ Đảng ủy Khối kết luận như sau:\n\n"                                     \
	"1. Các đảng ủy trực thuộc tổ chức tổng kết công tác năm 2022./.\n\n"                 \
	"Nơi nhận:\n\n- Các đảng ủy trực thuộc,\n- Lưu VP, BTC.\n\n"                          \
	"**T/M BAN THƯỜNG VỤ**\n\n**BÍ THƯ**\n"

static void check_stamp(const char *text, const char *raw, const char *number, bool uncertain,
			int y, int m, int d)
{
	struct parse_result res;
	struct tu t = { .what = "stamp" };

	parse_ok(text, 1, &res);
	const struct doc *doc = &res.docs[0];
	TU_STR(&t, "kind", doc->kind, "KL");
	TU_STR(&t, "number", doc->number, "516-KL/ĐUK");
	TU_DATE(&t, "date", doc->date, TU_DATE_OF(2023, 1, 18));
	TU_INT(&t, "received.present", doc->received.present, true);
	TU_STR(&t, "received.by", doc->received.by, "ĐẢNG ỦY TTXVN");
	TU_STR(&t, "received.number_raw", doc->received.number_raw, raw);
	TU_STR(&t, "received.number", doc->received.number, number);
	TU_INT(&t, "received.number_uncertain", doc->received.number_uncertain, uncertain);
	TU_DATE(&t, "received.date", doc->received.date, TU_DATE_OF(y, m, d));
	TU_STR(&t, "author", doc->author, "CỦA BAN THƯỜNG VỤ ĐẢNG ỦY KHỐI");
	TU_STR(&t, "subject", doc->subject, "Về việc tổng kết công tác năm 2022");
	TU_TRUE(&t, "no stamp text in the body", !tu_find_block(doc, "TTXVN") &&
							 !tu_find_block(doc, "Số đến") &&
							 !tu_find_block(doc, "Ngày đến"));
	if (t.failures)
		tu_dump_blocks(doc);
	tu_finish_free(&t, &res);
}

static void test_stamp_html_tabs(void **state)
{
	(void)state;
	/* 000: <b> tags, TABs, ĐEN for ĐẾN, date without leading zeros. */
	check_stamp(KL_HEAD "<b>ĐẢNG ỦY TTXVN</b>\t\n<b>ĐEN</b>\tSố đến: 245\nNgày đến: 9/2/2023\t\n\n"
			KL_TAIL,
		    "245", "245", false, 2023, 2, 9);
	/* 004: <u> tags around the handwriting, leading TAB. */
	check_stamp(KL_HEAD "ĐẢNG ỦY TTXVN\t\nĐẾN\tSố đến: <u>312</u>\n\tNgày đến: <u>07/02/2023</u>\n\n"
			KL_TAIL,
		    "312", "312", false, 2023, 2, 7);
	/* No diacritics at all on the stamp words. */
	check_stamp(KL_HEAD "ĐẢNG ỦY TTXVN\t\nDEN\tSo den: 77\n\tNgay den: 10/02/2023\n\n" KL_TAIL,
		    "77", "77", false, 2023, 2, 10);
	/* Số đến and Ngày đến on one line: the number stops at the date. */
	check_stamp(KL_HEAD "ĐẢNG ỦY TTXVN\nĐẾN Số đến: 15 Ngày đến: 02/02/2023\n\n" KL_TAIL,
		    "15", "15", false, 2023, 2, 2);
}

static void test_stamp_dotted_fill(void **state)
{
	(void)state;
	/* Dotted fill after a clean number is fill, not noise. */
	check_stamp(KL_HEAD "ĐẢNG ỦY TTXVN\t\nĐẾN\tSố đến: 245......\n\tNgày đến: 9/2/2023\n\n" KL_TAIL,
		    "245", "245", false, 2023, 2, 9);
	/* Fill on both sides of a handwritten category, 004. */
	check_stamp(KL_HEAD "ĐẢNG ỦY TTXVN\t\nĐẾN\tSố đến: ..... <u>KL</u> .....\n\tNgày đến: "
			    "<u>01/02/2023</u>\n\n" KL_TAIL,
		    "KL", NULL, true, 2023, 2, 1);
	/* A dot inside the number: uncertain, digits kept. */
	check_stamp(KL_HEAD "ĐẢNG ỦY TTXVN\t\nĐẾN\tSố đến: 11.82.....\n\tNgày đến: 9/2/2023\n\n" KL_TAIL,
		    "11.82", "1182", true, 2023, 2, 9);
}

/* ---- lost and wrong diacritics in header keywords ---- */

static void test_keywords_without_diacritics(void **state)
{
	static const char text[] =
		"**ĐẢNG ỦY KHỎI CÁC CƠ QUAN TW  \nĐẢNG ỦY BỘ NGOẠI GIAO**\n\n\\*\n\n"
		"Số 15-KL/ĐU\n\n**ĐẢNG CỘNG SẢN VIỆT NAM**\n\nHà Nội, ngày 20 tháng 4 năm 2022\n\n"
		"**KET LUAN**  \n**CUA BAN CHAP HANH DANG BO**\n\nVề công tác kiểm tra năm 2022\n\n"
		"Ban Chấp hành Đảng bộ kết luận các chi bộ tăng cường tự kiểm tra./.\n\n"
		"Nơi nhận:\n- Các chi bộ,\n- Lưu VPĐU.\n\n**T/M BAN CHẤP HÀNH**\n\n**BÍ THƯ**\n\n"
		"Trần Văn Long\n";
	struct parse_result res;
	struct tu t = { .what = "no diacritics" };
	(void)state;

	parse_ok(text, 1, &res);
	const struct doc *d = &res.docs[0];
	TU_STR(&t, "parent", d->parent, "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TW");
	TU_STR(&t, "issuer", d->issuer, "ĐẢNG ỦY BỘ NGOẠI GIAO");
	TU_STR(&t, "kind", d->kind, "KL");
	TU_STR(&t, "type_name", d->type_name, "Kết luận");
	TU_STR(&t, "number", d->number, "15-KL/ĐU");
	TU_STR(&t, "author", d->author, "CỦA BAN CHẤP HÀNH ĐẢNG BỘ");
	TU_STR(&t, "subject", d->subject, "Về công tác kiểm tra năm 2022");
	TU_DATE(&t, "date", d->date, TU_DATE_OF(2022, 4, 20));
	TU_STR(&t, "signer.name", d->signer.name, "Trần Văn Long");
	tu_finish_free(&t, &res);
}

/* ---- number-symbol forms ---- */

static void test_number_forms(void **state)
{
	static const struct {
		const char *line, *number, *kind;
	} forms[] = {
		{ "Số 581 - CV/ĐU", "581-CV/ĐU", "CV" },
		{ "Số 596 -CV/ĐU", "596-CV/ĐU", "CV" },
		{ "Số 516 -KL/ĐUK", "516-KL/ĐUK", "KL" },
		{ "**Số 581 - CV/ĐU**", "581-CV/ĐU", "CV" },
		{ "Số: 45-TB/ĐU", "45-TB/ĐU", "TB" },
		{ "Số 320 - TB/BTCTW", "320-TB/BTCTW", "TB" },
		{ "Số 12- CT/TU", "12-CT/TU", "CT" },
	};
	(void)state;

	for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		char text[1024];
		struct parse_result res;

		snprintf(text, sizeof(text),
			 "ĐẢNG ỦY THÔNG TẤN XÃ VIỆT NAM\n\n*\n\n%s\n\nĐẢNG CỘNG SẢN VIỆT NAM\n\n"
			 "Hà Nội, ngày 05 tháng 3 năm 2023\n\n%s\n\n"
			 "Các chi bộ tổ chức sinh hoạt chuyên đề trong tháng 3./.\n\n"
			 "Nơi nhận:\n- Các chi bộ,\n- Lưu VPĐU.\n",
			 forms[i].line,
			 strcmp(forms[i].kind, "CV") == 0 ? "V/v sinh hoạt chuyên đề"
			 : strcmp(forms[i].kind, "KL") == 0 ? "KẾT LUẬN\nvề sinh hoạt chuyên đề"
			 : strcmp(forms[i].kind, "TB") == 0 ? "THÔNG BÁO\nvề sinh hoạt chuyên đề"
							    : "CHỈ THỊ\nvề sinh hoạt chuyên đề");
		print_message("    %s\n", forms[i].line);
		parse_ok(text, 1, &res);
		expect_str(forms[i].line, res.docs[0].number, forms[i].number);
		expect_str(forms[i].line, res.docs[0].kind, forms[i].kind);
		parse_result_free(&res);
	}
}

/* ---- state documents ---- */

static void test_state_cong_van_tl(void **state)
{
	static const char text[] =
		"ỦY BAN NHÂN DÂN TỈNH BẮC NINH\n\nSố: 454/UBND-NCTH\n"
		"V/v triển khai công tác chuyển đổi số\n\n"
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
		"Bắc Ninh, ngày 26 tháng 3 năm 2021\n\n"
		"Kính gửi: Các sở, ban, ngành tỉnh\n\n"
		"Thực hiện Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ, Ủy ban "
		"nhân dân tỉnh đề nghị các sở, ban, ngành triển khai công tác chuyển đổi số.\n\n"
		"Nơi nhận:\n- Như trên;\n- Lưu: VT, NCTH.\n\n"
		"TL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG\n\n\n\nNguyễn Văn Hải\n";
	struct parse_result res;
	struct tu t = { .what = "454/UBND-NCTH" };
	(void)state;

	parse_ok(text, 1, &res);
	const struct doc *d = &res.docs[0];
	TU_STR(&t, "kind", d->kind, "CV");
	TU_STR(&t, "type_name", d->type_name, "Công văn");
	TU_STR(&t, "number", d->number, "454/UBND-NCTH");
	TU_STR(&t, "issuer", d->issuer, "ỦY BAN NHÂN DÂN TỈNH BẮC NINH");
	TU_INT(&t, "issuer_inferred", d->issuer_inferred, false);
	TU_STR(&t, "parent", d->parent, NULL);
	TU_INT(&t, "state_header", d->state_header, true);
	TU_INT(&t, "party_header", d->party_header, false);
	TU_STR(&t, "place", d->place, "Bắc Ninh");
	TU_DATE(&t, "date", d->date, TU_DATE_OF(2021, 3, 26));
	TU_STR(&t, "subject", d->subject, "V/v triển khai công tác chuyển đổi số");
	TU_LIST(&t, "addressees", d->addressees, d->naddressees, LIST("Các sở, ban, ngành tỉnh"));
	TU_LIST(&t, "recipients", d->recipients, d->nrecipients, LIST("Như trên", "Lưu: VT, NCTH"));
	TU_STR(&t, "signer.authority", d->signer.authority, "TL. CHỦ TỊCH");
	TU_STR(&t, "signer.title", d->signer.title, "CHÁNH VĂN PHÒNG");
	TU_STR(&t, "signer.name", d->signer.name, "Nguyễn Văn Hải");
	TU_INT(&t, "nrefs", d->nrefs, 1);
	if (d->nrefs == 1) {
		TU_STR(&t, "refs[0].symbol", d->refs[0].symbol, "749/QĐ-TTg");
		TU_DATE(&t, "refs[0].date", d->refs[0].date, TU_DATE_OF(2020, 6, 3));
		TU_STR(&t, "refs[0].type_name", d->refs[0].type_name, "Quyết định");
	}
	TU_TRUE(&t, "motto not in body", !tu_find_block(d, "Độc lập"));
	TU_INT(&t, "nblocks", d->nblocks, 1);
	tu_finish_free(&t, &res);
}

static void test_state_cong_van_kt(void **state)
{
	static const char text[] =
		"UBND TỈNH BẮC NINH\nSỞ NỘI VỤ\n\nSố: 120/SNV-TCBC\nV/v báo cáo số lượng cán bộ, "
		"công chức\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
		"Bắc Ninh, ngày 9 tháng 4 năm 2021\n\n"
		"Kính gửi:\n- Ủy ban nhân dân các huyện, thị xã, thành phố;\n- Các sở, ban, ngành.\n\n"
		"Sở Nội vụ đề nghị các cơ quan, đơn vị báo cáo số lượng cán bộ, công chức trước ngày "
		"20/4/2021.\n\n"
		"Nơi nhận:\n- Như trên;\n- Lưu: VT, TCBC.\n\n"
		"KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\n\n\nTrần Thị Lan\n";
	struct parse_result res;
	struct tu t = { .what = "120/SNV-TCBC" };
	(void)state;

	parse_ok(text, 1, &res);
	const struct doc *d = &res.docs[0];
	TU_STR(&t, "kind", d->kind, "CV");
	TU_STR(&t, "number", d->number, "120/SNV-TCBC");
	TU_STR(&t, "parent", d->parent, "UBND TỈNH BẮC NINH");
	TU_STR(&t, "issuer", d->issuer, "SỞ NỘI VỤ");
	TU_INT(&t, "state_header", d->state_header, true);
	TU_DATE(&t, "date", d->date, TU_DATE_OF(2021, 4, 9));
	TU_STR(&t, "subject", d->subject, "V/v báo cáo số lượng cán bộ, công chức");
	TU_LIST(&t, "addressees", d->addressees, d->naddressees,
		LIST("Ủy ban nhân dân các huyện, thị xã, thành phố", "Các sở, ban, ngành"));
	TU_LIST(&t, "recipients", d->recipients, d->nrecipients, LIST("Như trên", "Lưu: VT, TCBC"));
	TU_STR(&t, "signer.authority", d->signer.authority, "KT. GIÁM ĐỐC");
	TU_STR(&t, "signer.title", d->signer.title, "PHÓ GIÁM ĐỐC");
	TU_STR(&t, "signer.name", d->signer.name, "Trần Thị Lan");
	tu_finish_free(&t, &res);
}

static void test_state_nghi_dinh(void **state)
{
	static const char text[] =
		"CHÍNH PHỦ\n\nSố: 30/2020/NĐ-CP\n\n"
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
		"Hà Nội, ngày 05 tháng 3 năm 2020\n\n**NGHỊ ĐỊNH**\n**Về công tác văn thư**\n\n"
		"*Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;*\n\n"
		"*Theo đề nghị của Bộ trưởng Bộ Nội vụ;*\n\n"
		"*Chính phủ ban hành Nghị định về công tác văn thư.*\n\n"
		"**Điều 1. Phạm vi điều chỉnh**\n\n"
		"Nghị định này quy định về công tác văn thư.\n\n"
		"**Điều 2. Hiệu lực thi hành**\n\n"
		"Nghị định này có hiệu lực từ ngày ký ban hành./.\n\n"
		"Nơi nhận:\n- Ban Bí thư Trung ương Đảng;\n- Lưu: VT, TCCV.\n\n"
		"**TM. CHÍNH PHỦ**\n**THỦ TƯỚNG**\n\n\n\n**Nguyễn Xuân Phúc**\n";
	struct parse_result res;
	struct tu t = { .what = "30/2020/NĐ-CP" };
	(void)state;

	parse_ok(text, 1, &res);
	const struct doc *d = &res.docs[0];
	TU_STR(&t, "number", d->number, "30/2020/NĐ-CP");
	TU_STR(&t, "kind", d->kind, "NĐ");
	TU_STR(&t, "type_name", d->type_name, "Nghị định");
	TU_STR(&t, "issuer", d->issuer, "CHÍNH PHỦ");
	TU_INT(&t, "state_header", d->state_header, true);
	TU_INT(&t, "party_header", d->party_header, false);
	TU_DATE(&t, "date", d->date, TU_DATE_OF(2020, 3, 5));
	TU_STR(&t, "subject", d->subject, "Về công tác văn thư");
	TU_STR(&t, "signer.authority", d->signer.authority, "TM. CHÍNH PHỦ");
	TU_STR(&t, "signer.title", d->signer.title, "THỦ TƯỚNG");
	TU_STR(&t, "signer.name", d->signer.name, "Nguyễn Xuân Phúc");
	TU_LIST(&t, "recipients", d->recipients, d->nrecipients,
		LIST("Ban Bí thư Trung ương Đảng", "Lưu: VT, TCCV"));
	const struct doc_block *a1 = tu_find_label(d, "Điều 1.", 0);
	TU_TRUE(&t, "an \"Điều 1.\" block", a1 != NULL);
	if (a1)
		TU_STR(&t, "Điều 1. text", a1->text, "Phạm vi điều chỉnh");
	TU_TRUE(&t, "an \"Điều 2.\" block", tu_find_label(d, "Điều 2.", 0) != NULL);
	TU_TRUE(&t, "a \"Căn cứ\" block", tu_find_block(d, "Căn cứ Luật Tổ chức Chính phủ") != NULL);
	if (t.failures)
		tu_dump_blocks(d);
	tu_finish_free(&t, &res);
}

/* ---- date forms and invalid dates ---- */

static void test_date_forms(void **state)
{
	static const char text[] =
		"\\*\n\nSố 20-KL/ĐUK\n\nHà Nội, ngày 5 tháng 3 năm 2023\n\n"
		"ĐẢNG ỦY TTXVN\t\nĐẾN\tSố đến: 100\n\tNgày đến: 26-3-2023\n\n"
		"KẾT LUẬN\nCỦA BAN THƯỜNG VỤ ĐẢNG ỦY KHỐI\nvề công tác nêu gương\n\n"
		"Thực hiện Quy định số 101-QĐ/TW ngày 07/06/2012 của Ban Bí thư, Chỉ thị 46-CT/TW "
		"ngày 27-7-2010 của Bộ Chính trị, Nghị quyết số 08-NQ/ĐUK ngày 31/8/2017 của Ban Chấp "
		"hành Đảng bộ Khối và Kết luận số 100 - KL/TW ngày 09 tháng 02 năm 2023, Ban Thường "
		"vụ kết luận như sau./.\n\n"
		"Nơi nhận:\n- Các đảng ủy trực thuộc,\n- Lưu VP.\n";
	struct parse_result res;
	struct tu t = { .what = "date forms" };
	(void)state;

	parse_ok(text, 1, &res);
	const struct doc *d = &res.docs[0];
	TU_DATE(&t, "date (ngày 5 tháng 3 năm 2023)", d->date, TU_DATE_OF(2023, 3, 5));
	TU_DATE(&t, "received.date (26-3-2023)", d->received.date, TU_DATE_OF(2023, 3, 26));
	TU_INT(&t, "nrefs", d->nrefs, 4);
	static const struct {
		const char *symbol, *type_name, *issuer;
		int y, m, d;
	} want[] = {
		{ "101-QĐ/TW", "Quy định", "Ban Bí thư", 2012, 6, 7 },
		{ "46-CT/TW", "Chỉ thị", "Bộ Chính trị", 2010, 7, 27 },
		{ "08-NQ/ĐUK", "Nghị quyết", NULL, 2017, 8, 31 },
		{ "100-KL/TW", "Kết luận", NULL, 2023, 2, 9 },
	};
	for (size_t i = 0; i < 4 && i < d->nrefs; i++) {
		char f[64];
		snprintf(f, sizeof(f), "refs[%zu].symbol", i);
		TU_STR(&t, f, d->refs[i].symbol, want[i].symbol);
		snprintf(f, sizeof(f), "refs[%zu].date", i);
		TU_DATE(&t, f, d->refs[i].date, TU_DATE_OF(want[i].y, want[i].m, want[i].d));
		snprintf(f, sizeof(f), "refs[%zu].type_name", i);
		TU_STR(&t, f, d->refs[i].type_name, want[i].type_name);
		if (want[i].issuer) {
			snprintf(f, sizeof(f), "refs[%zu].issuer", i);
			TU_STR(&t, f, d->refs[i].issuer, want[i].issuer);
		}
	}
	tu_finish_free(&t, &res);
}

static void test_invalid_dates(void **state)
{
	static const char text[] =
		"\\*\n\nSố 21-KL/ĐUK\n\nHà Nội, ngày 31 tháng 02 năm 2023\n\n"
		"ĐẢNG ỦY TTXVN\t\nĐẾN\tSố đến: 101\n\tNgày đến: 31/02/2023\n\n"
		"KẾT LUẬN\nCỦA BAN THƯỜNG VỤ ĐẢNG ỦY KHỐI\nvề công tác nêu gương\n\n"
		"Thực hiện Quy định số 102-QĐ/TW ngày 30/02/2012 của Ban Bí thư, Ban Thường vụ kết "
		"luận như sau./.\n\n"
		"Nơi nhận:\n- Các đảng ủy trực thuộc,\n- Lưu VP.\n";
	struct parse_result res;
	struct tu t = { .what = "invalid dates" };
	(void)state;

	/* Imported, but no impossible date is accepted, and the header date
	 * draws a warning on its line. */
	parse_ok(text, 1, &res);
	const struct doc *d = &res.docs[0];
	TU_STR(&t, "number", d->number, "21-KL/ĐUK");
	TU_DATE(&t, "date (31/02)", d->date, TU_NODATE);
	TU_DATE(&t, "received.date (31/02)", d->received.date, TU_NODATE);
	TU_INT(&t, "nrefs", d->nrefs, 1);
	if (d->nrefs == 1) {
		TU_STR(&t, "refs[0].symbol", d->refs[0].symbol, "102-QĐ/TW");
		TU_DATE(&t, "refs[0].date (30/02)", d->refs[0].date, TU_NODATE);
	}
	const struct parse_diag *w = tu_find_diag(&res, PARSE_WARNING, "date");
	TU_TRUE(&t, "a warning [date]", w != NULL);
	if (w)
		TU_INT(&t, "warning line", w->line, line_of(text, "ngày 31 tháng 02"));
	if (t.failures)
		tu_print_diags("synthetic.txt", &res);
	tu_finish_free(&t, &res);
}

/* ---- body hazards ---- */

#define BODY_HEAD                                                                    \
	"ĐẢNG ỦY KHỐI CÁC CƠ QUAN TRUNG ƯƠNG\n\n*\n\nSố 30-KL/ĐUK\n\n"                 \
	"ĐẢNG CỘNG SẢN VIỆT NAM\n\nHà Nội, ngày 10 tháng 5 năm 2022\n\n"               \
	"KẾT LUẬN\nCỦA BAN THƯỜNG VỤ ĐẢNG ỦY KHỐI\nvề công tác chi bộ\n\n"
#define BODY_TAIL                                                                    \
	"\n\nNơi nhận:\n\n- Các đảng ủy trực thuộc,\n- Lưu VP, BTC *hu*\n\n\n\n"         \
	"**Huỳnh Tấn Việt**"

static void test_unbalanced_quotes(void **state)
{
	static const char text[] =
		BODY_HEAD
		"Ban Thường vụ đã ban hành Nghị quyết số 01-NQ/ĐUK ngày 19/8/2016 về “Nâng cao "
		"chất lượng chi bộ trong Đảng bộ Khối các cơ quan Trung ương, các chi bộ đã thực hiện "
		"nghiêm túc.\n\n"
		"Việc thực hiện Kế hoạch số 62-KH/ĐUK còn hạn chế.\n\n"
		"1. Các chi bộ tiếp tục thực hiện./." BODY_TAIL;
	struct parse_result res;
	(void)state;

	parse_ok(text, 1, &res);
	const struct doc *d = &res.docs[0];
	if (d->nblocks != 3)
		tu_dump_blocks(d);
	assert_int_equal(d->nblocks, 3);
	assert_null(strstr(d->blocks[0].text, "Kế hoạch số 62"));
	assert_int_equal(d->blocks[1].line, line_of(text, "Việc thực hiện Kế hoạch"));
	assert_string_equal(d->blocks[2].label, "1.");
	assert_string_equal(d->blocks[2].text, "Các chi bộ tiếp tục thực hiện./.");
	assert_int_equal(d->nrefs, 2);
	assert_string_equal(d->refs[0].symbol, "01-NQ/ĐUK");
	assert_string_equal(d->refs[1].symbol, "62-KH/ĐUK");
	assert_string_equal(d->signer.name, "Huỳnh Tấn Việt");
	parse_result_free(&res);
}

static void test_stray_italic_fragments(void **state)
{
	static const char text[] =
		BODY_HEAD "Các chi bộ tổ chức quán triệt Kết luận này.\n\n"
		"Kết luận này phổ biến đến chi bộ./. *m*" BODY_TAIL;
	struct parse_result res;
	(void)state;

	parse_ok(text, 1, &res);
	const struct doc *d = &res.docs[0];
	assert_int_equal(d->nblocks, 2);
	assert_string_equal(d->blocks[1].text, "Kết luận này phổ biến đến chi bộ./.");
	assert_int_equal(d->blocks[1].nspans, 0);
	expect_list("recipients", d->recipients, d->nrecipients,
		    LIST("Các đảng ủy trực thuộc", "Lưu VP, BTC"));
	assert_int_equal(d->nannotations, 0);
	parse_result_free(&res);
}

/* Runs of spaces before a styled phrase (as OCR leaves them) are squeezed
 * to one; the phrase keeps its style, exactly over its own words. */
static void test_style_after_squeezed_spaces(void **state)
{
	static const char text[] =
		BODY_HEAD "Các   chi bộ    tổ chức *quán triệt sâu rộng* Kết luận  **này**.\n\n"
		"Kết luận này phổ biến đến chi bộ./." BODY_TAIL;
	static const struct {
		const char *words;
		unsigned style;
	} want[] = { { "quán triệt sâu rộng", DOC_STYLE_ITALIC }, { "này", DOC_STYLE_BOLD } };
	struct parse_result res;
	(void)state;

	parse_ok(text, 1, &res);
	const struct doc_block *b = &res.docs[0].blocks[0];
	assert_string_equal(b->text, "Các chi bộ tổ chức quán triệt sâu rộng Kết luận này.");
	assert_int_equal(b->nspans, 2);
	for (size_t i = 0; i < 2; i++) {
		assert_int_equal(b->spans[i].start,
				 (uint32_t)(strstr(b->text, want[i].words) - b->text));
		assert_int_equal(b->spans[i].len, strlen(want[i].words));
		assert_int_equal(b->spans[i].style, want[i].style);
	}
	parse_result_free(&res);
}

static void test_transcriber_note(void **state)
{
	static const char text[] =
		BODY_HEAD "#### I. ĐÁNH GIÁ\n\n(1) Ghi nhận những nỗ lực của các chi bộ.\n\n"
		"*Handwritten signature and initials:*  \n18-7  \nme\n\n"
		"## II. NHIỆM VỤ\n\n(1) Các chi bộ tiếp tục thực hiện./." BODY_TAIL;
	struct parse_result res;
	(void)state;

	parse_ok(text, 1, &res);
	const struct doc *d = &res.docs[0];
	expect_list("annotations", d->annotations, d->nannotations, LIST("18-7", "me"));
	if (d->nblocks != 4)
		tu_dump_blocks(d);
	assert_int_equal(d->nblocks, 4);
	assert_string_equal(d->blocks[0].label, "I.");
	assert_int_equal(d->blocks[0].type, DOC_BLOCK_HEADING);
	assert_int_equal(d->blocks[0].level, 1);
	assert_string_equal(d->blocks[1].text, "Ghi nhận những nỗ lực của các chi bộ.");
	assert_string_equal(d->blocks[2].label, "II.");
	assert_int_equal(d->blocks[2].level, 1);
	assert_string_equal(d->blocks[3].label, "(1)");
	assert_null(tu_find_block(d, "18-7"));
	assert_string_equal(d->signer.name, "Huỳnh Tấn Việt");
	parse_result_free(&res);
}

static void test_page_break_joins(void **state)
{
	static const char text[] =
		BODY_HEAD
		"Tuy vậy, việc xây dựng tổ chức bộ máy còn chưa đồng bộ, thiếu\n\n"
		"thống nhất; việc lập văn phòng còn lúng túng.\n\n"
		"Xuất phát từ yêu cầu thực tiễn của công\n\n"
		"tác xây dựng Đảng, các cấp ủy chăm lo xây dựng chi bộ.\n\n"
		"(5) Các cấp ủy nâng cao chất lượng sinh hoạt với tinh thần *mọi nơi, mọi lúc, lấy*\n\n"
		"*xây là nhiệm vụ chiến lược*, góp phần chống suy thoái.\n\n"
		"Chất lượng sinh hoạt chi bộ được nâng lên.\n\n"
		"Các chi bộ duy trì sinh hoạt định kỳ như sau:\n\n"
		"1. Sinh hoạt thường kỳ mỗi tháng một lần./." BODY_TAIL;
	struct parse_result res;
	(void)state;

	parse_ok(text, 1, &res);
	const struct doc *d = &res.docs[0];
	if (d->nblocks != 6)
		tu_dump_blocks(d);
	assert_int_equal(d->nblocks, 6);
	assert_string_equal(d->blocks[0].text, "Tuy vậy, việc xây dựng tổ chức bộ máy còn chưa đồng "
					       "bộ, thiếu thống nhất; việc lập văn phòng còn lúng túng.");
	assert_int_equal(d->blocks[0].line, line_of(text, "Tuy vậy"));
	assert_string_equal(d->blocks[1].text, "Xuất phát từ yêu cầu thực tiễn của công tác xây "
					       "dựng Đảng, các cấp ủy chăm lo xây dựng chi bộ.");
	const struct doc_block *b = &d->blocks[2];
	assert_string_equal(b->label, "(5)");
	assert_string_equal(b->text, "Các cấp ủy nâng cao chất lượng sinh hoạt với tinh thần mọi "
				     "nơi, mọi lúc, lấy xây là nhiệm vụ chiến lược, góp phần "
				     "chống suy thoái.");
	const char *q = "mọi nơi, mọi lúc, lấy xây là nhiệm vụ chiến lược";
	assert_int_equal(b->nspans, 1);
	assert_int_equal(b->spans[0].start, (uint32_t)(strstr(b->text, q) - b->text));
	assert_int_equal(b->spans[0].len, strlen(q));
	assert_int_equal(b->spans[0].style, DOC_STYLE_ITALIC);
	/* Terminal punctuation ends a paragraph even before a page break. */
	assert_string_equal(d->blocks[3].text, "Chất lượng sinh hoạt chi bộ được nâng lên.");
	assert_string_equal(d->blocks[4].text, "Các chi bộ duy trì sinh hoạt định kỳ như sau:");
	assert_string_equal(d->blocks[5].label, "1.");
	parse_result_free(&res);
}

/* ---- splitting a file into documents ---- */

#define COVER                                                                          \
	"**ĐẢNG ỦY KHỐI CÁC CƠ QUAN TW  \nĐẢNG ỦY THÔNG TẤN XÃ VIỆT NAM**\n\n\\*\n\n"      \
	"Số 400 - CV/ĐU\n\nV/v phổ biến Kết luận số 07-KL/ĐUK\n\n"                        \
	"**ĐẢNG CỘNG SẢN VIỆT NAM**\n\nHà Nội, ngày 14 tháng 02 năm 2022\n\n"            \
	"Kính gửi: - Các đảng ủy cơ sở\n- Các chi bộ trực thuộc\n\n"                       \
	"Ngày 10/02/2022, Ban Thường vụ Đảng ủy Khối các cơ quan Trung ương ban hành Kết " \
	"luận số 07-KL/ĐUK về công tác chi bộ, Ban Thường vụ Đảng ủy Thông tấn xã Việt "  \
	"Nam đề nghị các chi bộ phổ biến nội dung Kết luận.\n\n"                            \
	"Đề nghị các chi bộ nghiêm túc thực hiện.\n\n"                                       \
	"Nơi nhận :\n\n- Như trên,\n- Lưu VPĐU.\n"

#define SECOND_KL                                                                     \
	"KẾT LUẬN\nCỦA BAN THƯỜNG VỤ ĐẢNG ỦY KHỐI\nvề công tác chi bộ\n\n"                \
	"Ban Thường vụ Đảng ủy Khối yêu cầu các chi bộ sinh hoạt định kỳ./.\n\n"         \
	"Nơi nhận:\n\n- Các đảng ủy trực thuộc,\n- Lưu VP, BTC.\n\n\n\n**Huỳnh Tấn Việt**"

static void check_split(const char *text, const char *second_start)
{
	struct parse_result res;
	struct tu t = { .what = "split" };

	parse_ok(text, 2, &res);
	const struct doc *a = &res.docs[0], *b = &res.docs[1];
	TU_STR(&t, "A.number", a->number, "400-CV/ĐU");
	TU_STR(&t, "A.link_symbol", a->link_symbol, "07-KL/ĐUK");
	TU_INT(&t, "A.link_type", a->link_type, DOC_LINK_FORWARDS);
	TU_LIST(&t, "A.recipients", a->recipients, a->nrecipients, LIST("Như trên", "Lưu VPĐU"));
	TU_LIST(&t, "A.instructions", a->instructions, a->ninstructions,
		LIST("Đề nghị các chi bộ nghiêm túc thực hiện."));
	TU_STR(&t, "A.signer.name", a->signer.name, NULL);
	TU_INT(&t, "A.received.present", a->received.present, false);
	TU_STR(&t, "B.kind", b->kind, "KL");
	TU_STR(&t, "B.number", b->number, "07-KL/ĐUK");
	TU_INT(&t, "B.number_inferred", b->number_inferred, true);
	TU_DATE(&t, "B.date", b->date, TU_DATE_OF(2022, 2, 10));
	TU_INT(&t, "B.date_inferred", b->date_inferred, true);
	TU_STR(&t, "B.issuer", b->issuer, "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TRUNG ƯƠNG");
	TU_INT(&t, "B.issuer_inferred", b->issuer_inferred, true);
	TU_STR(&t, "B.author", b->author, "CỦA BAN THƯỜNG VỤ ĐẢNG ỦY KHỐI");
	TU_STR(&t, "B.subject", b->subject, "về công tác chi bộ");
	TU_STR(&t, "B.signer.name", b->signer.name, "Huỳnh Tấn Việt");
	TU_LIST(&t, "B.recipients", b->recipients, b->nrecipients,
		LIST("Các đảng ủy trực thuộc", "Lưu VP, BTC"));
	TU_INT(&t, "B.nblocks", b->nblocks, 1);
	TU_TRUE(&t, "A ends before B", a->last_line < b->first_line);
	TU_TRUE(&t, "A.last_line >= its last recipient", a->last_line >= line_of(text, "- Lưu VPĐU."));
	if (b->first_line > line_of(text, second_start)) {
		print_error("B.first_line = %d, want <= %d\n", b->first_line, line_of(text, second_start));
		tu_fail_soft(&t, __FILE__, __LINE__);
	}
	tu_finish_free(&t, &res);
}

static void test_split_on_blank_run(void **state)
{
	(void)state;
	/* Three blank lines, then a type title (as in 002). */
	check_split(COVER "\n\n\n\n" SECOND_KL, "KẾT LUẬN");
}

static void test_split_on_star(void **state)
{
	(void)state;
	check_split(COVER "\n\\*\n\n" SECOND_KL, "\\*\n\nKẾT");
	check_split(COVER "\n*\n\n" SECOND_KL, "*\n\nKẾT");
}

static void test_split_on_stamp(void **state)
{
	static const char text[] = COVER "\nĐẢNG ỦY TTXVN\t\nĐẾN\tSố đến: 711\n\tNgày đến: "
				   "11/02/2022\n\n" SECOND_KL;
	struct parse_result res;
	(void)state;

	check_split(text, "ĐẢNG ỦY TTXVN\t");
	parse_ok(text, 2, &res);
	assert_true(res.docs[1].received.present);
	assert_string_equal(res.docs[1].received.number, "711");
	expect_date("received", res.docs[1].received.date, 2022, 2, 11);
	parse_result_free(&res);
}

/* A second numbered document after the first one's signer, separated only
 * by a run of blank lines, with its own issuer lines. */
static void test_split_numbered_after_signer(void **state)
{
	static const char text[] =
		COVER "\n**T/M BAN THƯỜNG VỤ**\n\n**PHÓ BÍ THƯ**\n\n\n\nNguyễn Văn Nam\n\n\n\n"
		"ĐẢNG ỦY KHỐI CÁC CƠ QUAN TRUNG ƯƠNG\n\nSố 45-TB/ĐUK\n\n"
		"Hà Nội, ngày 02 tháng 3 năm 2022\n\nTHÔNG BÁO\nvề lịch giao ban quý I\n\n"
		"Ban Thường vụ Đảng ủy Khối thông báo lịch giao ban quý I năm 2022./.\n\n"
		"Nơi nhận:\n- Các đảng ủy trực thuộc,\n- Lưu VP.\n\n"
		"T/L BAN THƯỜNG VỤ\nCHÁNH VĂN PHÒNG\n\n\n\nLê Văn Hùng\n";
	struct parse_result res;
	struct tu t = { .what = "split after signer" };
	(void)state;

	parse_ok(text, 2, &res);
	const struct doc *a = &res.docs[0], *b = &res.docs[1];
	TU_STR(&t, "A.signer.name", a->signer.name, "Nguyễn Văn Nam");
	TU_STR(&t, "A.signer.title", a->signer.title, "PHÓ BÍ THƯ");
	TU_STR(&t, "B.kind", b->kind, "TB");
	TU_STR(&t, "B.number", b->number, "45-TB/ĐUK");
	TU_INT(&t, "B.number_inferred", b->number_inferred, false);
	TU_STR(&t, "B.issuer", b->issuer, "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TRUNG ƯƠNG");
	TU_INT(&t, "B.issuer_inferred", b->issuer_inferred, false);
	TU_DATE(&t, "B.date", b->date, TU_DATE_OF(2022, 3, 2));
	TU_INT(&t, "B.date_inferred", b->date_inferred, false);
	TU_STR(&t, "B.subject", b->subject, "về lịch giao ban quý I");
	TU_STR(&t, "B.signer.authority", b->signer.authority, "T/L BAN THƯỜNG VỤ");
	TU_STR(&t, "B.signer.name", b->signer.name, "Lê Văn Hùng");
	TU_TRUE(&t, "B.first_line <= its header line",
		b->first_line <= line_of(text, "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TRUNG ƯƠNG"));
	TU_TRUE(&t, "A ends before B", a->last_line < b->first_line);
	tu_finish_free(&t, &res);
}

/* ---- Party documents of other issuers and types ---- */

static void test_provincial_chi_thi(void **state)
{
	static const char text[] =
		"**TỈNH ỦY BẮC NINH**\n\n\\*\n\nSố 12-CT/TU\n\n**ĐẢNG CỘNG SẢN VIỆT NAM**\n\n"
		"*Bắc Ninh, ngày 15 tháng 01 năm 2021*\n\n"
		"**CHỈ THỊ**  \n**CỦA BAN THƯỜNG VỤ TỈNH ỦY**  \n"
		"**về lãnh đạo cuộc bầu cử đại biểu Quốc hội khóa XV và đại biểu Hội đồng nhân dân "
		"các cấp nhiệm kỳ 2021 - 2026**\n\n-----\n\n"
		"Thực hiện Chỉ thị số 45-CT/TW ngày 20/6/2020 của Bộ Chính trị, Ban Thường vụ Tỉnh "
		"ủy yêu cầu các cấp ủy, tổ chức đảng tập trung thực hiện tốt các nhiệm vụ sau:\n\n"
		"1- Các cấp ủy đảng lãnh đạo chặt chẽ công tác bầu cử.\n\n"
		"2- Mặt trận Tổ quốc tỉnh chủ trì hiệp thương giới thiệu người ứng cử.\n\n"
		"Chỉ thị này phổ biến đến chi bộ./.\n\n"
		"**Nơi nhận:**\n- Ban Bí thư Trung ương Đảng (để báo cáo);\n"
		"- Các huyện ủy, thành ủy, đảng ủy trực thuộc;\n- Lưu VPTU.\n\n"
		"**T/M BAN THƯỜNG VỤ**  \n**BÍ THƯ**\n\n\n\n**Nguyễn Anh Tuấn**\n";
	struct parse_result res;
	struct tu t = { .what = "12-CT/TU" };
	(void)state;

	parse_ok(text, 1, &res);
	const struct doc *d = &res.docs[0];
	TU_STR(&t, "kind", d->kind, "CT");
	TU_STR(&t, "type_name", d->type_name, "Chỉ thị");
	TU_STR(&t, "number", d->number, "12-CT/TU");
	TU_STR(&t, "issuer", d->issuer, "TỈNH ỦY BẮC NINH");
	TU_INT(&t, "issuer_inferred", d->issuer_inferred, false);
	TU_STR(&t, "parent", d->parent, NULL);
	TU_STR(&t, "author", d->author, "CỦA BAN THƯỜNG VỤ TỈNH ỦY");
	TU_INT(&t, "party_header", d->party_header, true);
	TU_STR(&t, "place", d->place, "Bắc Ninh");
	TU_DATE(&t, "date", d->date, TU_DATE_OF(2021, 1, 15));
	TU_STR(&t, "subject", d->subject,
	       "về lãnh đạo cuộc bầu cử đại biểu Quốc hội khóa XV và đại biểu Hội đồng nhân dân các "
	       "cấp nhiệm kỳ 2021 - 2026");
	TU_LIST(&t, "recipients", d->recipients, d->nrecipients,
		LIST("Ban Bí thư Trung ương Đảng (để báo cáo)",
		     "Các huyện ủy, thành ủy, đảng ủy trực thuộc", "Lưu VPTU"));
	TU_STR(&t, "signer.authority", d->signer.authority, "T/M BAN THƯỜNG VỤ");
	TU_STR(&t, "signer.title", d->signer.title, "BÍ THƯ");
	TU_STR(&t, "signer.name", d->signer.name, "Nguyễn Anh Tuấn");
	TU_INT(&t, "doc_group", doc_group(d), DOC_GROUP_DIRECTIVE);
	TU_INT(&t, "nrefs", d->nrefs, 1);
	if (d->nrefs == 1) {
		TU_STR(&t, "refs[0].symbol", d->refs[0].symbol, "45-CT/TW");
		TU_DATE(&t, "refs[0].date", d->refs[0].date, TU_DATE_OF(2020, 6, 20));
	}
	TU_INT(&t, "nblocks", d->nblocks, 4);
	const struct doc_block *p1 = tu_find_label(d, "1-", 0);
	TU_TRUE(&t, "point 1-", p1 && p1->type == DOC_BLOCK_POINT &&
					strcmp(p1->text, "Các cấp ủy đảng lãnh đạo chặt chẽ công tác bầu cử.") == 0);
	TU_TRUE(&t, "point 2-", tu_find_label(d, "2-", 0) != NULL);
	TU_TRUE(&t, "no rule in body", !tu_find_block(d, "---"));
	if (t.failures)
		tu_dump_blocks(d);
	tu_finish_free(&t, &res);
}

static void test_quyet_dinh(void **state)
{
	static const char text[] =
		"BAN CHẤP HÀNH TRUNG ƯƠNG\n\n*\n\nSố 35-QĐ/TW\n\nĐẢNG CỘNG SẢN VIỆT NAM\n\n"
		"Hà Nội, ngày 10 tháng 5 năm 2021\n\n"
		"QUYẾT ĐỊNH\nvề việc thành lập Tổ công tác của Bộ Chính trị\n\n-----\n\n"
		"- Căn cứ Điều lệ Đảng;\n"
		"- Căn cứ Quy định số 24-QĐ/TW ngày 30/7/2021 của Ban Chấp hành Trung ương thi hành "
		"Điều lệ Đảng;\n"
		"- Xét đề nghị của Ban Tổ chức Trung ương,\n\n"
		"BỘ CHÍNH TRỊ QUYẾT ĐỊNH:\n\n"
		"Điều 1. Thành lập Tổ công tác của Bộ Chính trị.\n\n"
		"Điều 2. Tổ công tác có nhiệm vụ kiểm tra việc thực hiện Điều lệ Đảng.\n\n"
		"Điều 3. Quyết định có hiệu lực từ ngày ký./.\n\n"
		"Nơi nhận:\n- Như Điều 3,\n- Lưu Văn phòng Trung ương.\n\n"
		"T/M BỘ CHÍNH TRỊ\nTHƯỜNG TRỰC BAN BÍ THƯ\n\n\n\nVõ Văn Thưởng\n";
	struct parse_result res;
	struct tu t = { .what = "35-QĐ/TW" };
	(void)state;

	parse_ok(text, 1, &res);
	const struct doc *d = &res.docs[0];
	TU_STR(&t, "kind", d->kind, "QĐ");
	TU_STR(&t, "type_name", d->type_name, "Quyết định");
	TU_STR(&t, "number", d->number, "35-QĐ/TW");
	TU_STR(&t, "issuer", d->issuer, "BAN CHẤP HÀNH TRUNG ƯƠNG");
	TU_INT(&t, "issuer_inferred", d->issuer_inferred, false);
	TU_DATE(&t, "date", d->date, TU_DATE_OF(2021, 5, 10));
	TU_STR(&t, "subject", d->subject, "về việc thành lập Tổ công tác của Bộ Chính trị");
	TU_STR(&t, "signer.authority", d->signer.authority, "T/M BỘ CHÍNH TRỊ");
	TU_STR(&t, "signer.title", d->signer.title, "THƯỜNG TRỰC BAN BÍ THƯ");
	TU_STR(&t, "signer.name", d->signer.name, "Võ Văn Thưởng");
	TU_LIST(&t, "recipients", d->recipients, d->nrecipients,
		LIST("Như Điều 3", "Lưu Văn phòng Trung ương"));
	TU_INT(&t, "doc_group", doc_group(d), DOC_GROUP_DIRECTIVE);
	/* The Quy định cited with a QĐ code is typed by its word. */
	const struct doc_ref *r = tu_find_ref(d, "24-QĐ/TW");
	TU_TRUE(&t, "ref 24-QĐ/TW", r != NULL);
	if (r) {
		TU_STR(&t, "ref.type_name", r->type_name, "Quy định");
		TU_DATE(&t, "ref.date", r->date, TU_DATE_OF(2021, 7, 30));
	}
	TU_INT(&t, "nrefs", d->nrefs, 1);
	TU_TRUE(&t, "a \"Căn cứ Điều lệ Đảng\" block", tu_find_block(d, "Căn cứ Điều lệ Đảng") != NULL);
	static const char *const art[] = { "Thành lập Tổ công tác của Bộ Chính trị.",
					   "Tổ công tác có nhiệm vụ kiểm tra việc thực hiện Điều lệ Đảng.",
					   "Quyết định có hiệu lực từ ngày ký./." };
	for (int i = 0; i < 3; i++) {
		char label[32], what[64];
		snprintf(label, sizeof(label), "Điều %d.", i + 1);
		const struct doc_block *b = tu_find_label(d, label, 0);
		snprintf(what, sizeof(what), "a point \"%s\"", label);
		TU_TRUE(&t, what, b && b->type == DOC_BLOCK_POINT);
		if (b)
			TU_STR(&t, label, b->text, art[i]);
	}
	if (t.failures)
		tu_dump_blocks(d);
	tu_finish_free(&t, &res);
}

/* ---- references: numbered only, deduplicated, own number excluded ---- */

static void test_refs_rules(void **state)
{
	static const char text[] =
		"\\*\n\nSố 516 -KL/ĐUK\n\nHà Nội, ngày 18 tháng 01 năm 2023\n\n"
		"KẾT LUẬN\nCỦA BAN CHẤP HÀNH ĐẢNG BỘ KHỐI\n"
		"về kết quả thực hiện Nghị quyết số 08-NQ/ĐUK ngày 31/8/2017\n\n"
		"Kết luận số 516-KL/ĐUK này tổng kết Nghị quyết số 08-NQ/ĐUK, Nghị quyết Trung ương "
		"4 khóa XII và Nghị quyết 39-NQ/TW; hợp đồng theo Nghị định 68 không thuộc phạm vi.\n\n"
		"Tiếp tục thực hiện Nghị quyết 08-NQ/ĐUK./.\n\n"
		"Nơi nhận:\n- Các đảng ủy trực thuộc,\n- Lưu VP, BTC.\n";
	struct parse_result res;
	(void)state;

	parse_ok(text, 1, &res);
	const struct doc *d = &res.docs[0];
	struct tu t = { .what = "refs" };
	TU_INT(&t, "nrefs", d->nrefs, 2);
	if (d->nrefs >= 2) {
		TU_STR(&t, "refs[0]", d->refs[0].symbol, "08-NQ/ĐUK");
		TU_DATE(&t, "refs[0].date", d->refs[0].date, TU_DATE_OF(2017, 8, 31));
		TU_INT(&t, "refs[0].line", d->refs[0].line, line_of(text, "về kết quả thực hiện"));
		TU_STR(&t, "refs[1]", d->refs[1].symbol, "39-NQ/TW");
		TU_STR(&t, "refs[1].type_name", d->refs[1].type_name, "Nghị quyết");
	}
	for (size_t i = 0; i < d->nrefs; i++)
		print_message("    ref %s\n", d->refs[i].symbol);
	tu_finish_free(&t, &res);
}

/* ---- recipients: label forms and separators ---- */

static void test_recipient_forms(void **state)
{
	static const char *const labels[] = { "Nơi nhận:", "Nơi nhận :", "#### Nơi nhận:",
					      "**Nơi nhận:**", "*Nơi nhận:*" };
	(void)state;

	for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++) {
		char text[2048];
		struct parse_result res;

		snprintf(text, sizeof(text),
			 BODY_HEAD "Các chi bộ thực hiện./.\n\n%s\n\n- Đồng chí Trưởng Ban (để báo cáo);\n"
				   "- VP Đảng ủy CQ; Công đoàn, Đoàn TN; Hội CCB CQ;\n- Lưu VP, TH.\n\n"
				   "**K/T TRƯỞNG BAN  \nPHÓ TRƯỞNG BAN THƯỜNG TRỰC**\n\n\n\n"
				   "**Nguyễn Thanh Bình**",
			 labels[i]);
		print_message("    %s\n", labels[i]);
		parse_ok(text, 1, &res);
		const struct doc *d = &res.docs[0];
		expect_list(labels[i], d->recipients, d->nrecipients,
			    LIST("Đồng chí Trưởng Ban (để báo cáo)",
				 "VP Đảng ủy CQ; Công đoàn, Đoàn TN; Hội CCB CQ", "Lưu VP, TH"));
		expect_str("authority", d->signer.authority, "K/T TRƯỞNG BAN");
		expect_str("title", d->signer.title, "PHÓ TRƯỞNG BAN THƯỜNG TRỰC");
		expect_str("name", d->signer.name, "Nguyễn Thanh Bình");
		assert_int_equal(d->nblocks, 1);
		parse_result_free(&res);
	}
}

/* ---- a routing slip of another document ---- */

static void test_routing_slip(void **state)
{
	static const char text[] =
		"Hà Nội, ngày 07 tháng 4 năm 2014\n\n**PHIẾU XIN Ý KIẾN**\n\n"
		"Số của văn bản: ...45-KL/TU.....\n\n"
		"Kính gửi: Đ/c.... Trần... Văn... Bình\n\n"
		"**Ý kiến của Thường trực Đảng ủy:**\n\n- Sao gửi các chi bộ.\n\n  \nTrần Văn Bình\n\n"
		"**Thời hạn trả lời của văn bản: .....**\n";
	struct parse_result res;
	struct tu t = { .what = "slip" };
	(void)state;

	parse_ok(text, 1, &res);
	const struct doc *d = &res.docs[0];
	TU_STR(&t, "kind", d->kind, "PXYK");
	TU_STR(&t, "type_name", d->type_name, "Phiếu xin ý kiến");
	TU_STR(&t, "number", d->number, NULL);
	TU_DATE(&t, "date", d->date, TU_DATE_OF(2014, 4, 7));
	TU_INT(&t, "link_type", d->link_type, DOC_LINK_ANNOTATES);
	TU_STR(&t, "link_symbol", d->link_symbol, "45-KL/TU");
	TU_LIST(&t, "addressees", d->addressees, d->naddressees, LIST("Đ/c Trần Văn Bình"));
	TU_LIST(&t, "instructions", d->instructions, d->ninstructions, LIST("Sao gửi các chi bộ."));
	TU_STR(&t, "signer.name", d->signer.name, "Trần Văn Bình");
	TU_INT(&t, "doc_group", doc_group(d), DOC_GROUP_OTHER);
	char key[128];
	TU_TRUE(&t, "unnumbered key", doc_key(d, key, sizeof(key))[0] == '~');
	tu_finish_free(&t, &res);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_header_any_order),
		cmocka_unit_test(test_star_separators),
		cmocka_unit_test(test_markup_across_lines),
		cmocka_unit_test(test_stamp_html_tabs),
		cmocka_unit_test(test_stamp_dotted_fill),
		cmocka_unit_test(test_keywords_without_diacritics),
		cmocka_unit_test(test_number_forms),
		cmocka_unit_test(test_state_cong_van_tl),
		cmocka_unit_test(test_state_cong_van_kt),
		cmocka_unit_test(test_state_nghi_dinh),
		cmocka_unit_test(test_date_forms),
		cmocka_unit_test(test_invalid_dates),
		cmocka_unit_test(test_unbalanced_quotes),
		cmocka_unit_test(test_stray_italic_fragments),
		cmocka_unit_test(test_transcriber_note),
		cmocka_unit_test(test_page_break_joins),
		cmocka_unit_test(test_split_on_blank_run),
		cmocka_unit_test(test_split_on_star),
		cmocka_unit_test(test_split_on_stamp),
		cmocka_unit_test(test_split_numbered_after_signer),
		cmocka_unit_test(test_provincial_chi_thi),
		cmocka_unit_test(test_quyet_dinh),
		cmocka_unit_test(test_style_after_squeezed_spaces),
		cmocka_unit_test(test_refs_rules),
		cmocka_unit_test(test_recipient_forms),
		cmocka_unit_test(test_routing_slip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
