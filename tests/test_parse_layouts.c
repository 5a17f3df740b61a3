/* SPDX-License-Identifier: MIT */
/*
 * The layouts real documents come in besides the samples' (issue 8): a
 * two-column header flattened into lines, lines wrapped mid-phrase, table
 * bars and rules glued to text, letter-spaced and mis-marked titles, every
 * form of number-symbol, a signer in table cells or glued to its title, a
 * text without its header. Each test asserts the fields a user sees.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "testutil.h"

/* Parses text; asserts one document, no error, and returns it. */
static const struct doc *parse_one(const char *text, struct parse_result *res)
{
	int rc = tu_parse_str(text, res);

	if (rc != 0 || res->ndocs != 1) {
		print_error("parse_buffer returned %d with %zu docs\n", rc, res->ndocs);
		tu_print_diags("synthetic.txt", res);
		parse_result_free(res);
		fail();
	}
	return &res->docs[0];
}

#define STR(field, want)                                                                \
	do {                                                                            \
		struct tu t_ = { .what = #field };                                     \
		TU_STR(&t_, #field, (field), (want));                                  \
		if (t_.failures)                                                        \
			tu_print_diags("synthetic.txt", &res);                         \
		tu_finish(&t_);                                                         \
	} while (0)

#define DATE(field, y, m, d)                                                            \
	do {                                                                            \
		struct tu t_ = { .what = #field };                                     \
		TU_DATE(&t_, #field, (field), TU_DATE_OF(y, m, d));                    \
		tu_finish(&t_);                                                         \
	} while (0)

/* A state công văn whose two header columns came out as one line each:
 * issuer beside motto (its dashes en dashes), number beside place and
 * date. */
static void test_flattened_columns(void **state)
{
	struct parse_result res;
	(void)state;

	const struct doc *d = parse_one(
		"ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
		"TỈNH HẬU GIANG Độc lập – Tự do – Hạnh phúc\n"
		"Số: 454/UBND-NCTH Vị Thanh, ngày 6 tháng 4 năm 2011\n"
		"V/v triển khai thực hiện chỉ thị của Thủ tướng\n"
		"Kính gửi: Các sở, ban, ngành tỉnh.\n"
		"Ủy ban nhân dân tỉnh đề nghị các sở, ban, ngành triển khai thực hiện./.\n"
		"Nơi nhận:\n- Như trên;\n- Lưu: VT, NCTH.\n"
		"KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nTrần Công Chánh\n",
		&res);
	STR(d->number, "454/UBND-NCTH");
	STR(d->kind, "CV");
	DATE(d->date, 2011, 4, 6);
	STR(d->place, "Vị Thanh");
	STR(d->issuer, "ỦY BAN NHÂN DÂN TỈNH HẬU GIANG");
	assert_true(d->state_header);
	STR(d->subject, "V/v triển khai thực hiện chỉ thị của Thủ tướng");
	STR(d->signer.authority, "KT. CHỦ TỊCH");
	STR(d->signer.title, "PHÓ CHỦ TỊCH");
	STR(d->signer.name, "Trần Công Chánh");
	parse_result_free(&res);
}

/* A Party conclusion copied from a web table: bars, a rule glued to the
 * issuer, the Party header and the date wrapped, a letter-spaced title,
 * OCR's "TƯ" for a Tỉnh ủy's "TU", the signer in table cells. */
static void test_web_table_party(void **state)
{
	struct parse_result res;
	(void)state;

	const struct doc *d = parse_one(
		"ĐẢNG BỘ TỈNH AN GIANG\n"
		"**TỈNH ỦY AN GIANG******\n"
		"|\n"
		"**ĐẢNG CỘNG SẢN\nVIỆT NAM**\n"
		"|\n"
		"Số 367 - KL/TƯ\n"
		"|\n"
		"*Long Xuyên, ngày 19\ntháng 11 năm 2025.*\n"
		"|\n"
		"**K ÉT LUẬN**\n"
		"**CỦA BAN THƯỜNG VỤ TỈNH ỦY**\n"
		"về công tác chuyển đổi số\n"
		"-----\n"
		"Ban Thường vụ Tỉnh ủy kết luận như sau: các cấp ủy triển khai thực hiện./.\n"
		"|\n"
		"**Nơi nhận:**\n- Các huyện ủy,\n- Lưu VPTU.\n"
		"|\n"
		"| **T/M BAN THƯỜNG VỤ** |\n| **BÍ THƯ** |\n| (Đã ký) |\n| **Nguyễn Văn An** |\n",
		&res);
	STR(d->number, "367-KL/TU");
	STR(d->kind, "KL");
	DATE(d->date, 2025, 11, 19);
	STR(d->place, "Long Xuyên");
	STR(d->issuer, "TỈNH ỦY AN GIANG");
	STR(d->parent, "ĐẢNG BỘ TỈNH AN GIANG");
	assert_true(d->party_header);
	STR(d->signer.authority, "T/M BAN THƯỜNG VỤ");
	STR(d->signer.title, "BÍ THƯ");
	STR(d->signer.name, "Nguyễn Văn An");
	assert_int_equal(d->nannotations, 0);
	parse_result_free(&res);
}

/* A title with scrambled tone marks is still its kind, a letter-spaced
 * place is one word; the name glued to the title of the signer is cut off
 * it. */
static void test_scrambled_title_glued_name(void **state)
{
	struct parse_result res;
	(void)state;

	const struct doc *d = parse_one(
		"BAN CHẤP HÀNH TRUNG ƯƠNG\n*\n\nĐẢNG CỘNG SẢN VIỆT NAM\n\n"
		"Số 127-KL/TW\n\nH u ế, ngày 6 tháng 3 năm 2025\n\n"
		"KẾT LỦẬN\nCỦÀ BỘ CHÍNH TRỊ\n\n"
		"Bộ Chính trị kết luận như sau: tiếp tục thực hiện./.\n\n"
		"Nơi nhận:\n- Các tỉnh ủy,\n- Lưu Văn phòng Trung ương.\n\n"
		"T/L BỘ CHÍNH TRỊ\nCHÁNH VĂN PHÒNGThái Hữu Phép\n",
		&res);
	STR(d->kind, "KL");
	STR(d->number, "127-KL/TW");
	DATE(d->date, 2025, 3, 6);
	STR(d->place, "Huế");
	STR(d->signer.authority, "T/L BỘ CHÍNH TRỊ");
	STR(d->signer.title, "CHÁNH VĂN PHÒNG");
	STR(d->signer.name, "Thái Hữu Phép");
	parse_result_free(&res);
}

/* A web page's title line: type name, symbol and author on one line, with
 * scrambled marks; the subject below it. */
static void test_title_line_with_symbol(void **state)
{
	struct parse_result res;
	(void)state;

	const struct doc *d = parse_one(
		"BAN CHẤP HÀNH TRUNG ƯƠNG\n*\n\nĐẢNG CỘNG SẢN VIỆT NAM\n\n"
		"Hà Nội, ngày 6 tháng 3 năm 2025\n\n"
		"KẾT LỦẬN 127-KL/TW CỦÀ BỘ CHÍNH TRỊ\nvề công tác cán bộ\n\n"
		"Bộ Chính trị kết luận như sau: tiếp tục thực hiện./.\n\n"
		"T/M BỘ CHÍNH TRỊ\nTrần Cẩm Tú\n",
		&res);
	STR(d->kind, "KL");
	STR(d->number, "127-KL/TW");
	STR(d->author, "CỦA BỘ CHÍNH TRỊ");
	STR(d->subject, "về công tác cán bộ");
	STR(d->issuer, "BAN CHẤP HÀNH TRUNG ƯƠNG");
	STR(d->signer.name, "Trần Cẩm Tú");
	parse_result_free(&res);
}

/* Number-symbols of every form, read off a number line. */
static void test_number_forms(void **state)
{
	static const struct {
		const char *line, *number, *kind;
	} cases[] = {
		{ "Số: 516-KL/ĐUK", "516-KL/ĐUK", "KL" },
		{ "Số 516 -KL/ĐUK", "516-KL/ĐUK", "KL" },
		{ "Số: 367 - QĐ/TWĐTN-VP", "367-QĐ/TWĐTN-VP", "QĐ" },
		{ "Sô 45 - NQ / ĐU", "45-NQ/ĐU", "NQ" },
		{ "516-KL/ĐUK", "516-KL/ĐUK", "KL" },
		{ "Số: 30/2020/NĐ-CP", "30/2020/NĐ-CP", "NĐ" },
		{ "Số: 209/2025/QĐ-UBND", "209/2025/QĐ-UBND", "QĐ" },
		{ "Số: 9476 /BNNMT-CNTY", "9476/BNNMT-CNTY", "CV" },
		{ "Số: 730/LĐLĐ", "730/LĐLĐ", "CV" },
	};
	char text[512];
	(void)state;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct parse_result res;
		snprintf(text, sizeof text,
			 "LIÊN ĐOÀN LAO ĐỘNG TỈNH\n%s\nHà Nội, ngày 02 tháng 01 năm 2024\n\n"
			 "Nội dung văn bản được gửi đến các đơn vị./.\n\n"
			 "Nơi nhận:\n- Lưu VT.\n\nCHỦ TỊCH\n\nLê Văn Bình\n",
			 cases[i].line);
		const struct doc *d = parse_one(text, &res);
		print_message("%s\n", cases[i].line);
		STR(d->number, cases[i].number);
		STR(d->kind, cases[i].kind);
		parse_result_free(&res);
	}
}

/* A number left blank on the form is none: nothing is invented, and the
 * gap is a warning on the number's line. */
static void test_blank_numbers(void **state)
{
	static const char *const lines[] = { "Số: -QĐ/ĐU", "Số    /KH-UBND" };
	char text[512];
	(void)state;

	for (size_t i = 0; i < 2; i++) {
		struct parse_result res;
		snprintf(text, sizeof text,
			 "ĐẢNG ỦY PHƯỜNG AN PHÚ\n\n%s\n\nAn Phú, ngày 02 tháng 01 năm 2024\n\n"
			 "Nội dung văn bản được gửi đến các đơn vị./.\n\n"
			 "Nơi nhận:\n- Lưu VT.\n\nBÍ THƯ\n\nLê Văn Bình\n",
			 lines[i]);
		const struct doc *d = parse_one(text, &res);
		assert_null(d->number);
		STR(d->kind, i == 0 ? "QĐ" : "KH");
		const struct parse_diag *w = tu_find_diag(&res, PARSE_WARNING, "number");
		assert_non_null(w);
		assert_int_equal(w->line, 3);
		parse_result_free(&res);
	}
}

/* A text that lost its header is imported without the fields it lacks,
 * each gap a warning naming a line; site furniture before a document
 * with a header is not a document (whose title is letter-spaced). */
static void test_headless_and_furniture(void **state)
{
	struct parse_result res;
	(void)state;

	const struct doc *d = parse_one(
		"**Kính gửi:** Công ty TNHH Thương mại An Phát.\n"
		"Cục Hải quan trả lời công văn của công ty như sau: thực hiện theo quy định./.\n"
		"|\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n|\n"
		"**KT. CỤC TRƯỞNG**\n**PHÓ CỤC TRƯỞNG**\nNguyễn Bắc Hải\n",
		&res);
	assert_null(d->number);
	assert_int_equal(d->date.y, 0);
	assert_null(d->issuer);
	STR(d->signer.name, "Nguyễn Bắc Hải");
	STR(d->kind, "CV"); /* the type printed without its name, and said so */
	const char *fields[] = { "number", "date", "issuer", "kind" };
	for (size_t i = 0; i < 4; i++) {
		const struct parse_diag *w = tu_find_diag(&res, PARSE_WARNING, fields[i]);
		assert_non_null(w);
		assert_int_equal(w->line, 1);
	}
	parse_result_free(&res);

	d = parse_one("## Tin tức: Bộ Tài chính ban hành thông tư mới\n"
		      "**Ngày 18/11/2025, Bộ Tài chính ban hành Thông tư 109/2025/TT-BTC.**\n"
		      "Xem chi tiết tại Thông tư 109/2025/TT-BTC.\n|\n"
		      "**BỘ TÀI CHÍNH**\n-------\n|\n"
		      "**CỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM**\nĐộc lập - Tự do - Hạnh phúc\n"
		      "---------------\n|\n|\nSố: 109/2025/TT-BTC\n|\n"
		      "*Hà Nội, ngày 18\ntháng 11 năm 2025*\n|\n"
		      "**T H Ô N G  T Ư**\nQUY ĐỊNH MỨC THU LỆ PHÍ\n"
		      "*Căn cứ Luật Phí và lệ phí;*\nBộ trưởng ban hành Thông tư./.\n|\n"
		      "Nơi nhận:\n- Lưu: VT.\n|\n**KT. BỘ TRƯỞNG**\nTHỨ TRƯỞNG\nCao Anh Tuấn\n",
		      &res);
	STR(d->number, "109/2025/TT-BTC");
	STR(d->kind, "TT");
	STR(d->issuer, "BỘ TÀI CHÍNH");
	DATE(d->date, 2025, 11, 18);
	STR(d->subject, "QUY ĐỊNH MỨC THU LỆ PHÍ");
	STR(d->signer.name, "Cao Anh Tuấn");
	assert_int_equal(d->first_line, 5);
	assert_non_null(tu_find_diag(&res, PARSE_WARNING, "document"));
	parse_result_free(&res);
}

/* The table of the foot flattened the other way: the signer first, then
 * "Nơi nhận". The recipients still belong to the document. An urgency
 * mark in the head is no issuer. */
static void test_signer_before_recipients(void **state)
{
	struct parse_result res;
	(void)state;

	const struct doc *d = parse_one(
		"**BỘ Y TẾ**\n-------\n|\n**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\n|\nKHẨN\n|\n"
		"_**_**\n\n"
		"Số: 3618/QĐ-BYT\n|\n*Hà Nội, ngày 24 tháng 11 năm 2025*\n|\n"
		"**QUYẾT ĐỊNH**\nVỀ VIỆC BAN HÀNH HƯỚNG DẪN\n"
		"Quyết định này có hiệu lực từ ngày ký./.\n|\n"
		"**KT. BỘ TRƯỞNG**\n**THỨ TRƯỞNG**\n**Vũ Mạnh Hà**\n|\n"
		"**Nơi nhận:**\n- Như Điều 3;\n- Lưu: VT, KCB.\n",
		&res);
	STR(d->number, "3618/QĐ-BYT");
	STR(d->kind, "QĐ");
	STR(d->issuer, "BỘ Y TẾ"); /* not the urgency mark */
	STR(d->signer.authority, "KT. BỘ TRƯỞNG");
	STR(d->signer.title, "THỨ TRƯỞNG");
	STR(d->signer.name, "Vũ Mạnh Hà");
	assert_int_equal(d->nrecipients, 2);
	STR(d->recipients[1], "Lưu: VT, KCB");
	parse_result_free(&res);
}

/* A copy that lost every line break: the fields are still found in the
 * one line, the signer at its end. */
static void test_no_line_breaks(void **state)
{
	struct parse_result res;
	(void)state;

	const struct doc *d = parse_one(
		"ỦY BAN NHÂN DÂN TỈNH HẬU GIANG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - "
		"Tự do - Hạnh phúc Số: 454/UBND-NCTH Vị Thanh, ngày 6 tháng 4 năm 2011 V/v "
		"triển khai thực hiện chỉ thị Kính gửi: Các sở, ban, ngành tỉnh. Ủy ban nhân "
		"dân tỉnh đề nghị các sở, ban, ngành tỉnh triển khai thực hiện nghiêm túc nội "
		"dung chỉ thị của Thủ tướng Chính phủ, báo cáo kết quả trước ngày 30 tháng 4 "
		"năm 2011./. Nơi nhận: - Như trên; - Lưu: VT, NCTH. KT. CHỦ TỊCH PHÓ CHỦ TỊCH "
		"Trần Công Chánh\n",
		&res);
	STR(d->number, "454/UBND-NCTH");
	STR(d->kind, "CV");
	DATE(d->date, 2011, 4, 6);
	STR(d->place, "Vị Thanh");
	STR(d->issuer, "ỦY BAN NHÂN DÂN TỈNH HẬU GIANG");
	STR(d->signer.name, "Trần Công Chánh");
	parse_result_free(&res);
}

/* A foot whose two columns a PDF's text layer flattened line by line:
 * each line holds a recipient and a piece of the signature. */
static void test_foot_columns_flattened(void **state)
{
	struct parse_result res;
	(void)state;

	const struct doc *d = parse_one(
		"ĐẢNG ỦY KHỐI CÁC CƠ QUAN TW\nĐẢNG ỦY THÔNG TẤN XÃ VIỆT NAM\n*\n"
		"Số 77-CV/ĐU ĐẢNG CỘNG SẢN VIỆT NAM\n"
		"V/v tổ chức học tập chuyên đề Hà Nội, ngày 05 tháng 3 năm 2023\n\n"
		"Ban Thường vụ Đảng ủy hướng dẫn các chi bộ tổ chức học tập chuyên đề năm 2023./.\n\n"
		"Nơi nhận: T/M BAN THƯỜNG VỤ\n- Như trên, PHÓ BÍ THƯ\n- Lưu VPĐU.\nNguyễn Văn Nam\n",
		&res);
	STR(d->number, "77-CV/ĐU");
	STR(d->issuer, "ĐẢNG ỦY THÔNG TẤN XÃ VIỆT NAM");
	STR(d->parent, "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TW");
	assert_true(d->party_header);
	STR(d->subject, "V/v tổ chức học tập chuyên đề");
	DATE(d->date, 2023, 3, 5);
	STR(d->signer.authority, "T/M BAN THƯỜNG VỤ");
	STR(d->signer.title, "PHÓ BÍ THƯ");
	STR(d->signer.name, "Nguyễn Văn Nam");
	assert_int_equal(d->nrecipients, 2);
	STR(d->recipients[0], "Như trên");
	STR(d->recipients[1], "Lưu VPĐU");
	parse_result_free(&res);
}

/* The header as a Markdown table, and as an OCR's HTML table: each cell
 * is a field of its own. */
static void test_header_tables(void **state)
{
	static const char *const heads[] = {
		"| ĐẢNG BỘ TỈNH AN GIANG | ĐẢNG CỘNG SẢN VIỆT NAM |\n"
		"|---|---|\n"
		"| **HUYỆN ỦY CHÂU THÀNH** | *Châu Thành, ngày 05 tháng 3 năm 2024* |\n"
		"| Số 12-TB/HU | |\n\n",
		"<table><tr><td>ĐẢNG BỘ TỈNH AN GIANG<br>**HUYỆN ỦY CHÂU THÀNH**</td>"
		"<td>ĐẢNG CỘNG SẢN VIỆT NAM</td></tr><tr><td>Số 12-TB/HU</td>"
		"<td>Châu Thành, ngày 05 tháng 3 năm 2024</td></tr></table>\n\n",
	};
	char text[1024];
	(void)state;

	for (size_t i = 0; i < 2; i++) {
		struct parse_result res;
		snprintf(text, sizeof text,
			 "%s**THÔNG BÁO**\n**Về lịch làm việc tháng 3**\n\n"
			 "Ban Thường vụ Huyện ủy thông báo lịch làm việc như sau./.\n\n"
			 "Nơi nhận:\n- Các chi bộ,\n- Lưu VPHU.\n\n"
			 "T/L BAN THƯỜNG VỤ\nCHÁNH VĂN PHÒNG\nLê Thị Hoa\n",
			 heads[i]);
		const struct doc *d = parse_one(text, &res);
		print_message("header %zu\n", i);
		STR(d->number, "12-TB/HU");
		STR(d->kind, "TB");
		STR(d->issuer, "HUYỆN ỦY CHÂU THÀNH");
		STR(d->parent, "ĐẢNG BỘ TỈNH AN GIANG");
		STR(d->place, "Châu Thành");
		DATE(d->date, 2024, 3, 5);
		assert_true(d->party_header);
		STR(d->signer.name, "Lê Thị Hoa");
		parse_result_free(&res);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_flattened_columns),
		cmocka_unit_test(test_web_table_party),
		cmocka_unit_test(test_scrambled_title_glued_name),
		cmocka_unit_test(test_title_line_with_symbol),
		cmocka_unit_test(test_number_forms),
		cmocka_unit_test(test_blank_numbers),
		cmocka_unit_test(test_headless_and_furniture),
		cmocka_unit_test(test_signer_before_recipients),
		cmocka_unit_test(test_no_line_breaks),
		cmocka_unit_test(test_foot_columns_flattened),
		cmocka_unit_test(test_header_tables),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
