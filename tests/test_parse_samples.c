/* SPDX-License-Identifier: MIT */
/*
 * The five real samples in data/samples/, parsed field by field against
 * ../shared/sample-expectations.md: one table per document with every field
 * the expectations give, and per-sample tests of the structured body (block
 * types, labels, page-break joins, styled spans) and of the diagnostics.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "testutil.h"

#define LIST(...) ((const char *const[]){ __VA_ARGS__, NULL })
#define REFS(...) ((const struct exp_ref[]){ __VA_ARGS__, { .symbol = NULL } })
#define D(Y, M, Dd) { .y = (Y), .m = (M), .d = (Dd) }

struct exp_ref {
	const char *symbol;
	struct doc_date date;  /* checked always: absent when the text gives none */
	const char *type_name; /* checked when non-NULL */
	const char *issuer;    /* checked when non-NULL */
	int line;              /* source line of the first mention */
};

struct exp_doc {
	const char *what;
	const char *kind, *type_name, *number;
	bool number_inferred;
	const char *issuer;
	bool issuer_inferred;
	const char *parent;
	bool parent_inferred;
	const char *author;
	bool party_header;
	const char *place;
	struct doc_date date;
	bool date_inferred;
	const char *subject;
	const char *const *addressees, *const *recipients, *const *instructions,
		*const *annotations;
	const char *authority, *title, *name;
	bool rcv_present;
	const char *rcv_by, *rcv_raw, *rcv_number;
	bool rcv_uncertain;
	struct doc_date rcv_date;
	enum doc_link_type link_type;
	const char *link_symbol;
	const struct exp_ref *refs;
	enum doc_group group;
	const char *key;     /* doc_key, when the document has a number */
	int first_line_max;  /* first_line <= this (first header line) */
	int last_line_min;   /* last_line >= this (last content line) */
};

static const char *const COVER_TO[] = { "Các đảng ủy cơ sở", "Các chi bộ trực thuộc", NULL };
static const char *const COVER_RCPT[] = { "Như trên", "Lưu VPĐU", NULL };
#define TTXVN "ĐẢNG ỦY THÔNG TẤN XÃ VIỆT NAM"
#define DUK_PARENT "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TW"
#define DUK_INFERRED "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TRUNG ƯƠNG"
#define DE_NGHI_THUC_HIEN "Đề nghị các đảng ủy cơ sở và chi bộ trực thuộc nghiêm túc triển khai thực hiện."

static const struct exp_doc EXP_000_A = {
	.what = "000 A",
	.kind = "CV", .type_name = "Công văn", .number = "581-CV/ĐU",
	.issuer = TTXVN, .parent = DUK_PARENT,
	.party_header = true, .place = "Hà Nội", .date = D(2023, 2, 9),
	.subject = "V/v phổ biến Kết luận số 516-KL/ĐUK của Ban Chấp hành Đảng bộ Khối các cơ quan TW",
	.addressees = COVER_TO, .recipients = COVER_RCPT,
	.instructions = LIST(DE_NGHI_THUC_HIEN),
	.link_type = DOC_LINK_FORWARDS, .link_symbol = "516-KL/ĐUK",
	.refs = REFS({ .symbol = "516-KL/ĐUK", .line = 8, .date = D(2023, 1, 18), .type_name = "Kết luận" },
		     { .symbol = "08-NQ/ĐUK", .line = 18, .date = D(2017, 8, 31), .type_name = "Nghị quyết" }),
	.group = DOC_GROUP_NOTICE, .key = "581-CV/ĐU@2023-02-09",
	.first_line_max = 3, .last_line_min = 25,
};

static const struct exp_doc EXP_000_B = {
	.what = "000 B",
	.kind = "KL", .type_name = "Kết luận", .number = "516-KL/ĐUK",
	.issuer = DUK_INFERRED, .issuer_inferred = true,
	.author = "CỦA BAN CHẤP HÀNH ĐẢNG BỘ KHỐI",
	.place = "Hà Nội", .date = D(2023, 1, 18),
	.subject = "Về kết quả 05 năm thực hiện Nghị quyết số 08-NQ/ĐUK ngày 31/8/2017 của Ban "
		   "Chấp hành Đảng bộ Khối khóa XII về “nâng cao chất lượng, hiệu quả cơ quan "
		   "tham mưu, giúp việc của Đảng ủy Khối và các đảng ủy trực thuộc”",
	.recipients = LIST("Ban Chấp hành Đảng bộ Khối", "Các đảng ủy trực thuộc",
			   "Các ban, đơn vị Đảng ủy Khối", "Lưu VP, BTC"),
	.authority = "T/M BAN THƯỜNG VỤ", .title = "BÍ THƯ",
	.rcv_present = true, .rcv_by = "ĐẢNG ỦY TTXVN", .rcv_raw = "11.82", .rcv_number = "1182",
	.rcv_uncertain = true, .rcv_date = D(2023, 2, 9),
	.refs = REFS({ .symbol = "08-NQ/ĐUK", .line = 44, .date = D(2017, 8, 31), .type_name = "Nghị quyết" },
		     { .symbol = "215-QĐ/TW", .line = 58, .date = D(2013, 12, 5), .type_name = "Quy định",
		       .issuer = "Ban Bí thư" },
		     { .symbol = "171-QĐ/TW", .line = 58, .date = D(2008, 6, 27), .type_name = "Quy định",
		       .issuer = "Ban Bí thư" }),
	.group = DOC_GROUP_CONCLUSION, .key = "516-KL/ĐUK@2023-01-18",
	.first_line_max = 31, .last_line_min = 71,
};

static const struct exp_doc EXP_001_A = {
	.what = "001 A",
	.kind = "CV", .type_name = "Công văn", .number = "358-CV/ĐU",
	.issuer = TTXVN, .parent = DUK_PARENT, /* printed "KHỎI", repaired */
	.party_header = true, .place = "Hà Nội", .date = D(2022, 2, 14),
	.subject = "V/v phổ biến, quán triệt Kết luận số 06-KL/ĐUK của Ban Thường vụ Đảng ủy Khối",
	.addressees = COVER_TO, .recipients = COVER_RCPT,
	.instructions = LIST(DE_NGHI_THUC_HIEN),
	.link_type = DOC_LINK_FORWARDS, .link_symbol = "06-KL/ĐUK",
	.refs = REFS({ .symbol = "06-KL/ĐUK", .line = 12, .date = D(2022, 2, 8), .type_name = "Kết luận" },
		     { .symbol = "01-NQ/ĐUK", .line = 18, .date = D(2016, 8, 19), .type_name = "Nghị quyết" }),
	.group = DOC_GROUP_NOTICE, .key = "358-CV/ĐU@2022-02-14",
	.first_line_max = 3, .last_line_min = 25,
};

static const struct exp_doc EXP_001_B = {
	.what = "001 B",
	.kind = "KL", .type_name = "Kết luận", .number = "06-KL/ĐUK", .number_inferred = true,
	.issuer = DUK_INFERRED, .issuer_inferred = true,
	.author = "CỦA BAN THƯỜNG VỤ ĐẢNG ỦY KHỐI",
	.place = NULL, /* not printed; only the date is inherited */
	.date = D(2022, 2, 8), .date_inferred = true,
	.subject = "về tiếp tục thực hiện Nghị quyết số 01-NQ/ĐUK ngày 19/8/2016 của Đảng ủy Khối "
		   "về “Nâng cao chất lượng chi bộ trong Đảng bộ Khối các cơ quan Trung ương”",
	.recipients = LIST("Ban Tổ chức Trung ương (để báo cáo)", "Các đồng chí UVBCH Đảng bộ Khối",
			   "Các đảng ủy trực thuộc ĐUK", "Các ban, đơn vị ĐUK", "Lưu VP, BTC"),
	.name = "Huỳnh Tấn Việt",
	.rcv_present = true, .rcv_by = "ĐẢNG ỦY TTXVN", .rcv_raw = "711", .rcv_number = "711",
	.rcv_uncertain = false, .rcv_date = D(2022, 2, 11),
	.refs = REFS({ .symbol = "01-NQ/ĐUK", .line = 35, .date = D(2016, 8, 19), .type_name = "Nghị quyết" },
		     { .symbol = "05-CT/TW", .line = 39, .type_name = "Chỉ thị" },
		     { .symbol = "18-NQ/TW", .line = 55, .type_name = "Nghị quyết" },
		     { .symbol = "19-NQ/TW", .line = 55, .type_name = "Nghị quyết" }),
	.group = DOC_GROUP_CONCLUSION, .key = "06-KL/ĐUK@2022-02-08",
	.first_line_max = 29, .last_line_min = 89,
};

static const struct exp_doc EXP_002_A = {
	.what = "002 A",
	.kind = "CV", .type_name = "Công văn", .number = "596-CV/ĐU",
	.issuer = TTXVN, .parent = DUK_PARENT,
	.party_header = true, .place = "Hà Nội", .date = D(2019, 12, 12),
	.subject = "V/v phổ biến, quán triệt và triển khai thực hiện Kết luận số 03-KL/ĐUK",
	.addressees = COVER_TO, .recipients = COVER_RCPT,
	.instructions = LIST("Đề nghị các đảng ủy cơ sở và chi bộ trực thuộc triển khai phổ biến "
			     "tại chi bộ và phổ biến tuyên truyền đến cán bộ, đảng viên, công chức, "
			     "viên chức, người lao động."),
	.name = "Hà Thị Mai An",
	.link_type = DOC_LINK_FORWARDS, .link_symbol = "03-KL/ĐUK",
	.refs = REFS({ .symbol = "03-KL/ĐUK", .line = 11, .date = D(2019, 12, 11), .type_name = "Kết luận" },
		     { .symbol = "02-NQ/ĐUK", .line = 20, .date = D(2012, 10, 10), .type_name = "Nghị quyết" }),
	.group = DOC_GROUP_NOTICE, .key = "596-CV/ĐU@2019-12-12",
	.first_line_max = 3, .last_line_min = 32,
};

static const struct exp_doc EXP_002_B = {
	.what = "002 B",
	.kind = "KL", .type_name = "Kết luận", .number = "03-KL/ĐUK", .number_inferred = true,
	.issuer = DUK_INFERRED, .issuer_inferred = true,
	.author = "CỦA BAN CHẤP HÀNH ĐẢNG BỘ KHỐI",
	.place = NULL,
	.date = D(2019, 12, 11), .date_inferred = true,
	.subject = "tiếp tục thực hiện Nghị quyết số 02-NQ/ĐUK ngày 10/10/2012 của Ban Chấp hành "
		   "Đảng bộ Khối về tiếp tục đổi mới, nâng cao chất lượng, hiệu quả công tác chính "
		   "trị tư tưởng",
	.recipients = LIST("Ban Bí thư Trung ương Đảng (để báo cáo)", "Ban Tuyên giáo TW (để báo cáo)",
			   "Các đ/c Ủy viên BCH Đảng bộ Khối", "Các đảng ủy trực thuộc",
			   "Các ban, đơn vị Đảng ủy Khối", "Lưu VP"),
	.authority = "T/M BAN CHẤP HÀNH", .title = "BÍ THƯ", .name = "Sơn Minh Thắng",
	.refs = REFS({ .symbol = "02-NQ/ĐUK", .line = 38, .date = D(2012, 10, 10), .type_name = "Nghị quyết" },
		     { .symbol = "101-QĐ/TW", .line = 52, .date = D(2012, 6, 7), .type_name = "Quy định" },
		     { .symbol = "08-QĐ/TW", .line = 52, .date = D(2018, 10, 25), .type_name = "Quy định" },
		     { .symbol = "205-QĐ/TW", .line = 52, .date = D(2019, 9, 23), .type_name = "Quy định" }),
	.group = DOC_GROUP_CONCLUSION, .key = "03-KL/ĐUK@2019-12-11",
	.first_line_max = 36, .last_line_min = 76,
};

static const struct exp_doc EXP_003 = {
	.what = "003",
	.kind = "TB", .type_name = "Thông báo", .number = "320-TB/BTCTW",
	.issuer = "BAN TỔ CHỨC TRUNG ƯƠNG", .issuer_inferred = true,
	.parent = "BAN CHẤP HÀNH TRUNG ƯƠNG", .parent_inferred = true,
	.place = "Hà Nội", .date = D(2017, 7, 12),
	.subject = "Kết luận Hội nghị giao ban đánh giá công tác tháng 6, 6 tháng đầu năm và nhiệm "
		   "vụ trọng tâm những tháng cuối năm 2017",
	.recipients = LIST("Đồng chí Trưởng Ban (để báo cáo)", "Các đồng chí Lãnh đạo Ban",
			   "Thường trực các tỉnh ủy, thành ủy, đảng ủy trực thuộc Trung ương",
			   "Các ban tổ chức tỉnh ủy, thành ủy, đảng ủy trực thuộc Trung ương",
			   "Các vụ, cục, đơn vị", "VP Đảng ủy CQ; Công đoàn, Đoàn TN; Hội CCB CQ; HĐKHCQ",
			   "Chánh VP, các PVP Ban", "Trang tin Điện tử", "Lưu VP, TH"),
	.annotations = LIST("18-7", "me"),
	.authority = "K/T TRƯỞNG BAN", .title = "PHÓ TRƯỞNG BAN THƯỜNG TRỰC",
	.name = "Nguyễn Thanh Bình",
	.refs = REFS({ .symbol = "39-NQ/TW", .line = 46, .type_name = "Nghị quyết" }),
	.group = DOC_GROUP_CONCLUSION, /* a TB whose subject is a conclusion */
	.key = "320-TB/BTCTW@2017-07-12",
	.first_line_max = 4, .last_line_min = 73,
};

static const struct exp_doc EXP_004_A = {
	.what = "004 A",
	.kind = "PXYK", .type_name = "Phiếu xin ý kiến", .number = NULL,
	.issuer = "ĐẢNG ỦY TTXVN", .issuer_inferred = true,
	.place = "Hà Nội", .date = D(2014, 4, 7),
	.subject = NULL,
	.addressees = LIST("Đ/c Mai Quang Huy, Phó Bí thư chuyên trách Đảng ủy TTXVN"),
	.instructions = LIST("Quét và đưa lên mạng.", "Đề nghị các Chi bộ tổ chức quán triệt."),
	.name = "Mai Quang Huy",
	.link_type = DOC_LINK_ANNOTATES, .link_symbol = "132-KL/ĐUK",
	.refs = REFS({ .symbol = "132-KL/ĐUK", .line = 7 }),
	.group = DOC_GROUP_OTHER,
	.first_line_max = 3, .last_line_min = 19,
};

static const struct exp_doc EXP_004_B = {
	.what = "004 B",
	.kind = "KL", .type_name = "Kết luận", .number = "132-KL/ĐUK",
	.issuer = DUK_INFERRED, .issuer_inferred = true,
	.place = "Hà Nội", .date = D(2014, 4, 1),
	.subject = "Hội thảo “Nâng cao chất lượng chi bộ - Những vấn đề đặt ra”",
	.recipients = LIST("Các đảng ủy trực thuộc (thực hiện)",
			   "Các ban, đơn vị Đảng ủy Khối (theo dõi, h/dẫn)",
			   "Ban Biên tập Báo Nhân dân (phối hợp)", "Thường trực Đảng ủy Khối",
			   "Các đ/c Ủy viên Ban Chấp hành ĐBK", "Lưu VPĐUK"),
	.authority = "T/L BAN THƯỜNG VỤ", .title = "CHÁNH VĂN PHÒNG", .name = "Đinh Xuân Tùng",
	.rcv_present = true, .rcv_by = "ĐẢNG ỦY TTXVN", .rcv_raw = "KL", .rcv_number = NULL,
	.rcv_uncertain = true, .rcv_date = D(2014, 4, 1),
	.refs = REFS({ .symbol = "03-CT/TW", .line = 41, .type_name = "Chỉ thị" },
		     { .symbol = "01-NQ/ĐUK", .line = 41, .type_name = "Nghị quyết" },
		     { .symbol = "62-KH/ĐUK", .line = 41, .type_name = "Kế hoạch" },
		     { .symbol = "10-CT/TW", .line = 67, .type_name = "Chỉ thị" },
		     { .symbol = "09-HD/BTCTW", .line = 67, .type_name = "Hướng dẫn" },
		     { .symbol = "98-QĐ/TW", .line = 81, .date = D(2004, 4, 22), .type_name = "Quy định",
		       .issuer = "Ban Bí thư" }),
	.group = DOC_GROUP_CONCLUSION, .key = "132-KL/ĐUK@2014-04-01",
	.first_line_max = 21, .last_line_min = 102,
};

/* Checks every field of one document against its table; soft, so that all
 * mismatches are printed before the test fails. */
static int check_doc(const struct doc *d, const struct exp_doc *e)
{
	struct tu t = { .what = e->what };
	char key[128];

	TU_STR(&t, "kind", d->kind, e->kind);
	TU_STR(&t, "type_name", d->type_name, e->type_name);
	TU_STR(&t, "number", d->number, e->number);
	TU_INT(&t, "number_inferred", d->number_inferred, e->number_inferred);
	TU_STR(&t, "issuer", d->issuer, e->issuer);
	TU_INT(&t, "issuer_inferred", d->issuer_inferred, e->issuer_inferred);
	TU_STR(&t, "parent", d->parent, e->parent);
	TU_INT(&t, "parent_inferred", d->parent_inferred, e->parent_inferred);
	TU_STR(&t, "author", d->author, e->author);
	TU_INT(&t, "party_header", d->party_header, e->party_header);
	TU_INT(&t, "state_header", d->state_header, false);
	TU_STR(&t, "place", d->place, e->place);
	TU_DATE(&t, "date", d->date, e->date);
	TU_INT(&t, "date_inferred", d->date_inferred, e->date_inferred);
	TU_STR(&t, "subject", d->subject, e->subject);
	TU_LIST(&t, "addressees", d->addressees, d->naddressees, e->addressees);
	TU_LIST(&t, "recipients", d->recipients, d->nrecipients, e->recipients);
	TU_LIST(&t, "instructions", d->instructions, d->ninstructions, e->instructions);
	TU_LIST(&t, "annotations", d->annotations, d->nannotations, e->annotations);
	TU_STR(&t, "signer.authority", d->signer.authority, e->authority);
	TU_STR(&t, "signer.title", d->signer.title, e->title);
	TU_STR(&t, "signer.name", d->signer.name, e->name);

	TU_INT(&t, "received.present", d->received.present, e->rcv_present);
	if (e->rcv_present) {
		TU_STR(&t, "received.by", d->received.by, e->rcv_by);
		TU_STR(&t, "received.number_raw", d->received.number_raw, e->rcv_raw);
		TU_STR(&t, "received.number", d->received.number, e->rcv_number);
		TU_INT(&t, "received.number_uncertain", d->received.number_uncertain,
		       e->rcv_uncertain);
		TU_DATE(&t, "received.date", d->received.date, e->rcv_date);
	} else {
		TU_STR(&t, "received.by", d->received.by, NULL);
		TU_STR(&t, "received.number_raw", d->received.number_raw, NULL);
		TU_DATE(&t, "received.date", d->received.date, TU_NODATE);
	}

	TU_INT(&t, "link_type", d->link_type, e->link_type);
	TU_STR(&t, "link_symbol", d->link_symbol, e->link_symbol);

	size_t nrefs = 0;
	while (e->refs && e->refs[nrefs].symbol)
		nrefs++;
	if (d->nrefs != nrefs) {
		print_error("%s: %zu refs, want %zu\n", e->what, d->nrefs, nrefs);
		for (size_t i = 0; i < d->nrefs; i++)
			print_error("    actual ref[%zu] = %s (line %d)\n", i,
				    d->refs[i].symbol ? d->refs[i].symbol : "(NULL)", d->refs[i].line);
		tu_fail_soft(&t, __FILE__, __LINE__);
	}
	for (size_t i = 0; i < nrefs && i < d->nrefs; i++) {
		const struct doc_ref *r = &d->refs[i];
		const struct exp_ref *x = &e->refs[i];
		char f[64];

		snprintf(f, sizeof(f), "refs[%zu].symbol", i);
		TU_STR(&t, f, r->symbol, x->symbol);
		snprintf(f, sizeof(f), "refs[%zu] (%s).date", i, x->symbol);
		TU_DATE(&t, f, r->date, x->date);
		if (x->type_name) {
			snprintf(f, sizeof(f), "refs[%zu] (%s).type_name", i, x->symbol);
			TU_STR(&t, f, r->type_name, x->type_name);
		}
		if (x->issuer) {
			snprintf(f, sizeof(f), "refs[%zu] (%s).issuer", i, x->symbol);
			TU_STR(&t, f, r->issuer, x->issuer);
		}
		snprintf(f, sizeof(f), "refs[%zu] (%s).line", i, x->symbol);
		TU_INT(&t, f, r->line, x->line);
	}
	if (d->number)
		TU_TRUE(&t, "own number not among refs", !tu_find_ref(d, d->number));

	TU_INT(&t, "doc_group", doc_group(d), e->group);
	if (e->key)
		TU_STR(&t, "doc_key", doc_key(d, key, sizeof(key)), e->key);
	else
		TU_TRUE(&t, "unnumbered doc_key starting with '~'", doc_key(d, key, sizeof(key))[0] == '~');

	TU_TRUE(&t, "first_line >= 1", d->first_line >= 1);
	if (d->first_line > e->first_line_max) {
		print_error("%s: first_line = %d, want <= %d\n", e->what, d->first_line,
			    e->first_line_max);
		tu_fail_soft(&t, __FILE__, __LINE__);
	}
	if (d->last_line < e->last_line_min) {
		print_error("%s: last_line = %d, want >= %d\n", e->what, d->last_line,
			    e->last_line_min);
		tu_fail_soft(&t, __FILE__, __LINE__);
	}

	TU_DOC_CLEAN(&t, d);
	if (t.failures)
		tu_dump_blocks(d);
	return t.failures;
}

/* Checks document i of a result against its table, then releases the result. */
static void check_doc_free(struct parse_result *res, size_t i, const struct exp_doc *e)
{
	struct tu t = { .what = e->what };

	t.failures = check_doc(&res->docs[i], e);
	tu_finish_free(&t, res);
}

/* Successive documents of one file do not overlap and stay inside the file. */
static void check_lines(const struct parse_result *res, int nlines)
{
	for (size_t i = 0; i < res->ndocs; i++) {
		assert_true(res->docs[i].first_line >= 1);
		assert_true(res->docs[i].first_line <= res->docs[i].last_line);
		assert_true(res->docs[i].last_line <= nlines);
		if (i > 0)
			assert_true(res->docs[i].first_line > res->docs[i - 1].last_line);
	}
}

/* No error in a clean import; returns the number of warnings. */
static size_t count_warnings(const struct parse_result *res)
{
	size_t n = 0;

	for (size_t i = 0; i < res->ndiags; i++) {
		assert_int_equal(res->diags[i].severity == PARSE_ERROR, 0);
		if (res->diags[i].severity == PARSE_WARNING)
			n++;
	}
	return n;
}

/* Every point/heading with this label exists with this type, level and
 * text beginning. */
static void check_labelled(const struct doc *d, const char *label, int nth,
			   enum doc_block_type type, int level, const char *text_start)
{
	const struct doc_block *b = tu_find_label(d, label, nth);

	if (!b || !b->text) {
		print_error("no block #%d with label \"%s\"\n", nth, label);
		tu_dump_blocks(d);
		fail();
	}
	if ((int)b->type != (int)type || b->level != level ||
	    strncmp(b->text, text_start, strlen(text_start)) != 0) {
		print_error("block \"%s\" #%d: type %d level %d text \"%.60s\"; want type %d level %d "
			    "text \"%s...\"\n",
			    label, nth, (int)b->type, b->level, b->text, (int)type, level, text_start);
		fail();
	}
}

/* The phrase lies inside one block (a page break was joined). */
static const struct doc_block *check_joined(const struct doc *d, const char *phrase)
{
	const struct doc_block *b = tu_find_block(d, phrase);

	if (!b) {
		print_error("page-break join: no block contains \"%s\"\n", phrase);
		tu_dump_blocks(d);
	}
	assert_non_null(b);
	return b;
}

/* No block of the body holds this text (header, signer or stamp leaked). */
static void check_not_in_body(const struct doc *d, const char *needle)
{
	const struct doc_block *b = tu_find_block(d, needle);

	if (b)
		print_error("body block at line %d holds \"%s\": \"%.80s\"\n", b->line, needle, b->text);
	assert_null(b);
}

static void check_last_block_ends(const struct doc *d, const char *end)
{
	assert_true(d->nblocks > 0);
	const char *text = d->blocks[d->nblocks - 1].text;
	size_t n = strlen(text), m = strlen(end);

	if (n < m || strcmp(text + n - m, end) != 0)
		print_error("last block text ends \"...%s\", want \"...%s\"\n",
			    n > 40 ? text + n - 40 : text, end);
	assert_true(n >= m && strcmp(text + n - m, end) == 0);
}

static int count_type(const struct doc *d, enum doc_block_type type)
{
	int n = 0;

	for (size_t i = 0; i < d->nblocks; i++)
		if (d->blocks[i].type == type)
			n++;
	return n;
}

/* ---- 000 ---- */

static void test_000_split_and_diags(void **state)
{
	struct parse_result res;
	(void)state;

	tu_parse_sample("000_a22f915492343a22.txt", 2, &res);
	check_lines(&res, 74);
	count_warnings(&res);
	/* The handwritten "Số đến: 11.82....." is uncertain: a warning on line 38. */
	const struct parse_diag *w = tu_find_diag(&res, PARSE_WARNING, "received");
	if (!w)
		tu_print_diags("000", &res);
	assert_non_null(w);
	assert_int_equal(w->line, 38);
	parse_result_free(&res);
}

static void test_000_a(void **state)
{
	struct parse_result res;
	(void)state;

	tu_parse_sample("000_a22f915492343a22.txt", 2, &res);
	check_doc_free(&res, 0, &EXP_000_A);
}

static void test_000_b(void **state)
{
	struct parse_result res;
	(void)state;

	tu_parse_sample("000_a22f915492343a22.txt", 2, &res);
	check_doc_free(&res, 1, &EXP_000_B);
}

static void test_000_body(void **state)
{
	struct parse_result res;
	(void)state;

	tu_parse_sample("000_a22f915492343a22.txt", 2, &res);
	const struct doc *a = &res.docs[0], *b = &res.docs[1];

	/* Cover letter: its body is the line-18 paragraph; no header in it. */
	const struct doc_block *p = tu_find_block(a, "Ngày 18/01/2023, Ban Chấp hành");
	assert_non_null(p);
	assert_int_equal(p->type, DOC_BLOCK_PARA);
	assert_int_equal(p->line, 18);
	check_not_in_body(a, "ĐẢNG CỘNG SẢN");
	check_not_in_body(a, "V/v phổ biến");
	check_not_in_body(a, "Kính gửi");
	check_not_in_body(a, "Như trên");

	/* Conclusion: body starts at line 46; points 1.-5.; subject, title,
	 * stamp, recipients and signer are not body. */
	assert_true(b->nblocks >= 7);
	assert_int_equal(b->blocks[0].line, 46);
	assert_int_equal(b->blocks[0].type, DOC_BLOCK_PARA);
	assert_true(strncmp(b->blocks[0].text, "Tại Hội nghị lần thứ 11 ngày 09/01/2023", 40) == 0);
	check_labelled(b, "1.", 0, DOC_BLOCK_POINT, 0, "Sau 05 năm quán triệt");
	check_labelled(b, "2.", 0, DOC_BLOCK_POINT, 0, "Qua công tác lãnh đạo");
	check_labelled(b, "3.", 0, DOC_BLOCK_POINT, 0, "Hiện nay, Trung ương");
	check_labelled(b, "4.", 0, DOC_BLOCK_POINT, 0, "Một số nội dung");
	check_labelled(b, "5.", 0, DOC_BLOCK_POINT, 0, "Giao các ban, đơn vị");
	assert_int_equal(tu_find_label(b, "1.", 0)->line, 48);
	/* "(1) luôn chú trọng ..." inside point 2 is running text, not points. */
	assert_null(tu_find_label(b, "(1)", 0));

	const struct doc_block *j = check_joined(b, "chưa đồng bộ, thiếu thống nhất; việc lập văn phòng");
	assert_int_equal(j->line, 50);
	assert_int_equal(tu_count_blocks(b, "thống nhất; việc lập văn phòng"), 1);

	check_last_block_ends(b, "thực hiện Kết luận này./.");
	check_not_in_body(b, "Về kết quả 05 năm thực hiện");
	check_not_in_body(b, "KẾT LUẬN");
	check_not_in_body(b, "BAN CHẤP HÀNH ĐẢNG BỘ KHỐI");
	check_not_in_body(b, "Số đến");
	check_not_in_body(b, "TTXVN");
	check_not_in_body(b, "Nơi nhận");
	check_not_in_body(b, "Lưu VP");
	check_not_in_body(b, "BÍ THƯ");
	check_not_in_body(b, "T/M");
	parse_result_free(&res);
}

/* ---- 001 ---- */

static void test_001_split_and_diags(void **state)
{
	struct parse_result res;
	(void)state;

	tu_parse_sample("001_900d4e3dfc0f17bc.txt", 2, &res);
	check_lines(&res, 89);
	count_warnings(&res);
	parse_result_free(&res);
}

static void test_001_a(void **state)
{
	struct parse_result res;
	(void)state;

	tu_parse_sample("001_900d4e3dfc0f17bc.txt", 2, &res);
	check_doc_free(&res, 0, &EXP_001_A);
}

static void test_001_b(void **state)
{
	struct parse_result res;
	(void)state;

	tu_parse_sample("001_900d4e3dfc0f17bc.txt", 2, &res);
	check_doc_free(&res, 1, &EXP_001_B);
}

static void test_001_body(void **state)
{
	struct parse_result res;
	(void)state;

	tu_parse_sample("001_900d4e3dfc0f17bc.txt", 2, &res);
	const struct doc *a = &res.docs[0], *b = &res.docs[1];

	/* The unbalanced “ of line 18 must not swallow the next paragraph. */
	const struct doc_block *p18 = tu_find_block(a, "Ngày 08/02/2022");
	assert_non_null(p18);
	assert_null(strstr(p18->text, "nghiêm túc triển khai thực hiện"));

	assert_int_equal(b->blocks[0].line, 39);
	assert_true(strncmp(b->blocks[0].text, "Tại Hội nghị lần thứ 7", 20) == 0);

	/* Markdown headings "### **1. ...**", "### **2. ...**", "### 3. ...". */
	check_labelled(b, "1.", 0, DOC_BLOCK_HEADING, 2, "Các đảng ủy từ đảng ủy cơ sở trở lên");
	check_labelled(b, "2.", 0, DOC_BLOCK_HEADING, 2, "Các chi ủy, chi bộ");
	check_labelled(b, "3.", 0, DOC_BLOCK_HEADING, 2, "Các ban, đơn vị Đảng ủy Khối");
	assert_string_equal(tu_find_label(b, "1.", 0)->text, "Các đảng ủy từ đảng ủy cơ sở trở lên");
	assert_int_equal(tu_find_label(b, "1.", 0)->line, 47);
	assert_int_equal(tu_find_label(b, "3.", 0)->line, 71);

	/* Twelve "- " items: 5 under 1., 5 under 2., 2 under 3. */
	assert_int_equal(count_type(b, DOC_BLOCK_BULLET), 12);
	const struct doc_block *bl = tu_find_block(b, "Tiếp tục lãnh đạo, chỉ đạo, triển khai");
	assert_non_null(bl);
	assert_int_equal(bl->type, DOC_BLOCK_BULLET);
	assert_int_equal(bl->line, 49);
	assert_true(strncmp(bl->text, "Tiếp tục lãnh đạo", 10) == 0);

	const struct doc_block *j = check_joined(b, "chất lượng chi bộ. Việc nắm tình hình, định hướng");
	assert_int_equal(j->line, 41);

	/* The body ends "./." without the stray "*m*". */
	assert_string_equal(b->blocks[b->nblocks - 1].text, "Kết luận này phổ biến đến chi bộ./.");
	assert_int_equal(b->blocks[b->nblocks - 1].line, 77);
	check_not_in_body(b, "Nơi nhận");
	check_not_in_body(b, "Huỳnh Tấn Việt");
	check_not_in_body(b, "CỦA BAN THƯỜNG VỤ");
	check_not_in_body(b, "Số đến");
	check_not_in_body(b, "về tiếp tục thực hiện Nghị quyết số 01-NQ/ĐUK ngày 19/8/2016");
	parse_result_free(&res);
}

/* ---- 002 ---- */

static void test_002_split_and_diags(void **state)
{
	struct parse_result res;
	(void)state;

	tu_parse_sample("002_d963df6e54be7226.txt", 2, &res);
	check_lines(&res, 76);
	count_warnings(&res);
	parse_result_free(&res);
}

static void test_002_a(void **state)
{
	struct parse_result res;
	(void)state;

	tu_parse_sample("002_d963df6e54be7226.txt", 2, &res);
	check_doc_free(&res, 0, &EXP_002_A);
}

static void test_002_b(void **state)
{
	struct parse_result res;
	(void)state;

	tu_parse_sample("002_d963df6e54be7226.txt", 2, &res);
	check_doc_free(&res, 1, &EXP_002_B);
}

/* Returns the span covering exactly [start, start+len), or NULL. */
static const struct doc_span *span_at(const struct doc_block *b, const char *phrase)
{
	const char *at = strstr(b->text, phrase);

	if (!at)
		return NULL;
	uint32_t start = (uint32_t)(at - b->text), len = (uint32_t)strlen(phrase);
	for (size_t i = 0; i < b->nspans; i++)
		if (b->spans[i].start == start && b->spans[i].len == len)
			return &b->spans[i];
	print_error("no span exactly over \"%s\" (bytes %u+%u); spans:\n", phrase, (unsigned)start,
		    (unsigned)len);
	for (size_t i = 0; i < b->nspans; i++)
		print_error("    {%u, %u, %u}\n", (unsigned)b->spans[i].start,
			    (unsigned)b->spans[i].len, (unsigned)b->spans[i].style);
	return NULL;
}

static void test_002_body(void **state)
{
	struct parse_result res;
	(void)state;

	tu_parse_sample("002_d963df6e54be7226.txt", 2, &res);
	const struct doc *a = &res.docs[0], *b = &res.docs[1];

	/* The italic quotation inside the cover letter's paragraph. */
	const struct doc_block *q = tu_find_block(a, "sao gửi các đảng ủy cơ sở");
	assert_non_null(q);
	const struct doc_span *s = span_at(q, "Kết luận của Ban Chấp hành Đảng bộ Khối về tiếp tục "
					      "thực hiện Nghị quyết số 02-NQ/ĐUK ngày 10/10/2012 của "
					      "Ban Chấp hành Đảng bộ Khối về tiếp tục đổi mới, nâng cao "
					      "chất lượng hiệu quả công tác chính trị tư tưởng");
	assert_non_null(s);
	assert_true(s->style & DOC_STYLE_ITALIC);
	check_not_in_body(a, "Hà Thị Mai An");

	assert_int_equal(b->blocks[0].line, 42);
	for (int i = 0; i < 6; i++) {
		char label[16];
		snprintf(label, sizeof(label), "%d.", i + 1);
		assert_non_null(tu_find_label(b, label, 0));
		assert_int_equal(tu_find_label(b, label, 0)->type, DOC_BLOCK_POINT);
	}
	check_labelled(b, "2.", 0, DOC_BLOCK_POINT, 0, "Tiếp tục cụ thể hóa và tổ chức thực hiện");
	const struct doc_block *j = check_joined(b, "vai trò, trách nhiệm của một số cấp ủy, bí thư cấp ủy");
	assert_int_equal(j->line, 44);
	check_last_block_ends(b, "được kiểm tra, giám sát thực hiện Nghị quyết./.");
	check_not_in_body(b, "Sơn Minh Thắng");
	check_not_in_body(b, "T/M BAN CHẤP HÀNH");
	check_not_in_body(b, "Lưu VP");
	parse_result_free(&res);
}

/* ---- 003 ---- */

static void test_003_split_and_diags(void **state)
{
	struct parse_result res;
	(void)state;

	/* Lines 7-9 are three blank lines inside the header: still one document. */
	tu_parse_sample("003_90bc4fd252e1aac9.txt", 1, &res);
	check_lines(&res, 73);
	count_warnings(&res);
	parse_result_free(&res);
}

static void test_003(void **state)
{
	struct parse_result res;
	(void)state;

	tu_parse_sample("003_90bc4fd252e1aac9.txt", 1, &res);
	check_doc_free(&res, 0, &EXP_003);
}

static void test_003_body(void **state)
{
	struct parse_result res;
	(void)state;

	tu_parse_sample("003_90bc4fd252e1aac9.txt", 1, &res);
	const struct doc *d = &res.docs[0];

	assert_int_equal(d->blocks[0].line, 14);
	check_labelled(d, "I.", 0, DOC_BLOCK_HEADING, 1, "ĐÁNH GIÁ KẾT QUẢ CÔNG TÁC THÁNG 6");
	check_labelled(d, "II.", 0, DOC_BLOCK_HEADING, 1, "MỘT SỐ NHIỆM VỤ TRỌNG TÂM");
	assert_string_equal(tu_find_label(d, "I.", 0)->text,
			    "ĐÁNH GIÁ KẾT QUẢ CÔNG TÁC THÁNG 6 VÀ 6 THÁNG ĐẦU NĂM 2017");
	assert_int_equal(tu_find_label(d, "II.", 0)->line, 28);

	/* (1)-(3) under I., (1)-(10) under II. */
	check_labelled(d, "(1)", 0, DOC_BLOCK_POINT, 0, "Ghi nhận những nỗ lực");
	check_labelled(d, "(3)", 0, DOC_BLOCK_POINT, 0, "Đề nghị các vụ, cục");
	check_labelled(d, "(1)", 1, DOC_BLOCK_POINT, 0, "Công tác tổ chức xây dựng Đảng");
	check_labelled(d, "(10)", 0, DOC_BLOCK_POINT, 0, "Thực hiện các chủ trương");
	assert_int_equal(count_type(d, DOC_BLOCK_POINT), 13);
	assert_null(tu_find_label(d, "(11)", 0));

	/* The transcriber's note is neither body nor heading. */
	check_not_in_body(d, "Handwritten");
	check_not_in_body(d, "18-7");
	for (size_t i = 0; i < d->nblocks; i++)
		assert_string_not_equal(d->blocks[i].text, "me");

	/* The italic quotation split by the page break is one span of one block. */
	const char *quote = "mọi nơi, mọi lúc, mọi người cùng làm, lấy xây là nhiệm vụ chiến lược "
			    "cơ bản, lấy chống là nhiệm vụ thường xuyên và cấp bách";
	const struct doc_block *b = check_joined(d, quote);
	assert_string_equal(b->label, "(5)");
	assert_int_equal(b->line, 40);
	assert_non_null(strstr(b->text, "cấp bách, góp phần chống suy thoái"));
	const struct doc_span *s = span_at(b, quote);
	assert_non_null(s);
	assert_int_equal(s->style, DOC_STYLE_ITALIC);

	/* Another italic run, and the closing sentence keeps "./.". */
	const struct doc_block *p3 = tu_find_label(d, "(3)", 1);
	assert_non_null(p3);
	s = span_at(p3, "trong sáng, gương mẫu, tinh thông");
	assert_non_null(s);
	assert_true(s->style & DOC_STYLE_ITALIC);
	check_last_block_ends(d, "tháo gỡ khó khăn, vướng mắc./.");
	check_not_in_body(d, "Nơi nhận");
	check_not_in_body(d, "Nguyễn Thanh Bình");
	check_not_in_body(d, "THÔNG BÁO");
	check_not_in_body(d, "Kết luận Hội nghị giao ban đánh giá");
	parse_result_free(&res);
}

/* ---- 004 ---- */

static void test_004_split_and_diags(void **state)
{
	struct parse_result res;
	(void)state;

	tu_parse_sample("004_cc7b9622c9bc6dfa.txt", 2, &res);
	check_lines(&res, 102);
	count_warnings(&res);
	parse_result_free(&res);
}

static void test_004_a(void **state)
{
	struct parse_result res;
	(void)state;

	tu_parse_sample("004_cc7b9622c9bc6dfa.txt", 2, &res);
	const struct doc *a = &res.docs[0];
	/* The slip's form lines are not body text. */
	check_not_in_body(a, "Thời hạn trả lời");
	check_not_in_body(a, "Quét và đưa lên mạng");
	check_not_in_body(a, "Mai Quang Huy");
	check_doc_free(&res, 0, &EXP_004_A);
}

static void test_004_b(void **state)
{
	struct parse_result res;
	(void)state;

	tu_parse_sample("004_cc7b9622c9bc6dfa.txt", 2, &res);
	check_doc_free(&res, 1, &EXP_004_B);
}

static void test_004_body(void **state)
{
	struct parse_result res;
	(void)state;

	tu_parse_sample("004_cc7b9622c9bc6dfa.txt", 2, &res);
	const struct doc *b = &res.docs[1];

	assert_int_equal(b->blocks[0].line, 37);
	assert_true(strncmp(b->blocks[0].text, "Ngày 26-3-2014, tại Hà Nội", 20) == 0);
	check_labelled(b, "I-", 0, DOC_BLOCK_HEADING, 1, "MỘT SỐ ĐÁNH GIÁ KẾT QUẢ HỘI THẢO");
	check_labelled(b, "II-", 0, DOC_BLOCK_HEADING, 1, "MỘT SỐ GIẢI PHÁP TRONG THỜI GIAN TỚI");
	check_labelled(b, "III-", 0, DOC_BLOCK_HEADING, 1, "ĐỀ XUẤT, KIẾN NGHỊ");
	check_labelled(b, "1-", 0, DOC_BLOCK_POINT, 0, "Hội thảo có nghĩa thiết thực");
	check_labelled(b, "2-", 0, DOC_BLOCK_POINT, 0, "Hội thảo đã thẳng thắn");
	check_labelled(b, "3-", 0, DOC_BLOCK_POINT, 0, "Từ thực tế các chi bộ");
	check_labelled(b, "Một là:", 0, DOC_BLOCK_POINT, 0, "Mọi hoạt động của chi bộ");
	check_labelled(b, "Năm là:", 0, DOC_BLOCK_POINT, 0, "Các cấp ủy phải coi trọng");
	check_labelled(b, "Một là:", 1, DOC_BLOCK_POINT, 0, "Tiếp tục quán triệt sâu sắc");
	check_labelled(b, "Bốn là:", 1, DOC_BLOCK_POINT, 0, "Đổi mới công tác đánh giá");
	assert_null(tu_find_label(b, "Năm là:", 1));

	const struct doc_block *j = check_joined(b, "của công tác xây dựng Đảng, những năm qua");
	assert_string_equal(j->label, "2-");
	assert_int_equal(j->line, 45);
	check_not_in_body(b, "-----");
	/* The subject (line 33) is not a block; line 37 quotes it legitimately. */
	for (size_t i = 0; i < b->nblocks; i++)
		assert_int_not_equal(b->blocks[i].line, 33);
	check_not_in_body(b, "KẾT LUẬN");
	check_not_in_body(b, "Số đến");
	check_not_in_body(b, "Nơi nhận");
	check_not_in_body(b, "CHÁNH VĂN PHÒNG");
	check_not_in_body(b, "Đinh Xuân Tùng");
	check_last_block_ends(b, "triển khai đến toàn thể chi bộ và đảng viên.");
	parse_result_free(&res);
}

/* ---- all samples ---- */

/* The cover letter's link points at the document that follows it in the file. */
static void test_links_resolve_within_file(void **state)
{
	static const char *const files[] = { "000_a22f915492343a22.txt", "001_900d4e3dfc0f17bc.txt",
					     "002_d963df6e54be7226.txt", "004_cc7b9622c9bc6dfa.txt" };
	(void)state;

	for (size_t i = 0; i < 4; i++) {
		struct parse_result res;
		tu_parse_sample(files[i], 2, &res);
		assert_non_null(res.docs[0].link_symbol);
		assert_non_null(res.docs[1].number);
		assert_string_equal(res.docs[0].link_symbol, res.docs[1].number);
		parse_result_free(&res);
	}
}

/* doc_body_text holds the body and nothing of the header or signer. */
static void test_body_text(void **state)
{
	struct parse_result res;
	(void)state;

	tu_parse_sample("000_a22f915492343a22.txt", 2, &res);
	char *text = doc_body_text(&res.docs[1]);
	assert_non_null(text);
	assert_non_null(strstr(text, "1. Sau 05 năm quán triệt"));
	assert_non_null(strstr(text, "thiếu thống nhất"));
	assert_null(strstr(text, "Nơi nhận"));
	assert_null(strstr(text, "T/M BAN THƯỜNG VỤ"));
	assert_null(strstr(text, "**"));
	free(text);
	parse_result_free(&res);
}

/* Parsing the same buffer twice gives the same keys (stable identity). */
static void test_keys_stable(void **state)
{
	struct parse_result r1, r2;
	char k1[128], k2[128];
	(void)state;

	tu_parse_sample("004_cc7b9622c9bc6dfa.txt", 2, &r1);
	tu_parse_sample("004_cc7b9622c9bc6dfa.txt", 2, &r2);
	for (size_t i = 0; i < 2; i++)
		assert_string_equal(doc_key(&r1.docs[i], k1, sizeof(k1)),
				    doc_key(&r2.docs[i], k2, sizeof(k2)));
	assert_string_not_equal(doc_key(&r1.docs[0], k1, sizeof(k1)),
				doc_key(&r1.docs[1], k2, sizeof(k2)));
	parse_result_free(&r1);
	parse_result_free(&r2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_000_split_and_diags),
		cmocka_unit_test(test_000_a),
		cmocka_unit_test(test_000_b),
		cmocka_unit_test(test_000_body),
		cmocka_unit_test(test_001_split_and_diags),
		cmocka_unit_test(test_001_a),
		cmocka_unit_test(test_001_b),
		cmocka_unit_test(test_001_body),
		cmocka_unit_test(test_002_split_and_diags),
		cmocka_unit_test(test_002_a),
		cmocka_unit_test(test_002_b),
		cmocka_unit_test(test_002_body),
		cmocka_unit_test(test_003_split_and_diags),
		cmocka_unit_test(test_003),
		cmocka_unit_test(test_003_body),
		cmocka_unit_test(test_004_split_and_diags),
		cmocka_unit_test(test_004_a),
		cmocka_unit_test(test_004_b),
		cmocka_unit_test(test_004_body),
		cmocka_unit_test(test_links_resolve_within_file),
		cmocka_unit_test(test_body_text),
		cmocka_unit_test(test_keys_stable),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
