/* SPDX-License-Identifier: MIT */
/*
 * Tests of ui/compose.c: each of the nine sample documents, parsed from
 * data/samples, is composed with the shipped fonts (opened without a
 * window) and its paragraphs are checked as a reader of the paper original
 * would: the header block and its two columns, the type title, subject,
 * note, addressees, body with labels and bullets, recipients beside the
 * signer, and nothing printed for a field the parser left NULL. Each is
 * then laid out by the real text engine at the landscape and portrait page
 * sizes, and every run must stay inside the page and its column.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <SDL_ttf.h>

#include "testutil.h"
#include "ui_int.h"

enum { GROUP_HEADER = 1, GROUP_CLOSING = 2 };

struct fixture {
	struct ui_fonts *fonts;
	struct parse_result res[5];
};

static const struct {
	const char *file;
	size_t ndocs;
} samples[5] = {
	{ "000_a22f915492343a22.txt", 2 }, { "001_900d4e3dfc0f17bc.txt", 2 },
	{ "002_d963df6e54be7226.txt", 2 }, { "003_90bc4fd252e1aac9.txt", 1 },
	{ "004_cc7b9622c9bc6dfa.txt", 2 },
};

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof *fx);
	char err[UI_ERR_MAX];

	if (!fx || TTF_Init() < 0)
		return -1;
	fx->fonts = ui_fonts_open(BANGTIN_SRCDIR "/fonts", 1080, err, sizeof err);
	if (!fx->fonts) {
		print_error("ui_fonts_open: %s\n", err);
		return -1;
	}
	for (size_t i = 0; i < 5; i++)
		tu_parse_sample(samples[i].file, samples[i].ndocs, &fx->res[i]);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	for (size_t i = 0; i < 5; i++)
		parse_result_free(&fx->res[i]);
	ui_fonts_close(fx->fonts);
	free(fx);
	TTF_Quit();
	return 0;
}

/* The document with this number (or, for NULL, the routing slip). */
static const struct doc *find_doc(struct fixture *fx, const char *number)
{
	for (size_t i = 0; i < 5; i++)
		for (size_t k = 0; k < fx->res[i].ndocs; k++) {
			const struct doc *d = &fx->res[i].docs[k];

			if (number ? d->number && strcmp(d->number, number) == 0 : !d->number)
				return d;
		}
	fail_msg("no sample document %s", number ? number : "(routing slip)");
	return NULL;
}

/* The page box of the kiosk at w x h, as ui.c computes it. */
static void page_box(struct fixture *fx, int w, int h, int *bw, int *bh)
{
	struct ui u;
	int x, y;

	memset(&u, 0, sizeof u);
	u.w = w;
	u.h = h;
	u.fonts = fx->fonts;
	ui_theme_init(&u.theme, w, h);
	ui_doc_box(&u, &x, &y, bw, bh);
}

static void compose(struct fixture *fx, const struct doc *d, const char *note, int w,
		    struct ui_composed *c)
{
	assert_int_equal(ui_compose_doc(d, note, fx->fonts, w, c), 0);
	assert_true(c->n > 0);
}

/* Index of the paragraph whose text is exactly s, or -1. */
static int para_eq(const struct ui_composed *c, const char *s)
{
	for (size_t i = 0; i < c->n; i++)
		if (c->paras[i].len == strlen(s) && memcmp(c->paras[i].text, s, c->paras[i].len) == 0)
			return (int)i;
	return -1;
}

/* Index of the first paragraph whose text starts with s, or -1. */
static int para_starts(const struct ui_composed *c, const char *s)
{
	for (size_t i = 0; i < c->n; i++)
		if (c->paras[i].len >= strlen(s) && memcmp(c->paras[i].text, s, strlen(s)) == 0)
			return (int)i;
	return -1;
}

static const struct text_para *must(const struct ui_composed *c, const char *s)
{
	int i = para_eq(c, s);

	if (i < 0)
		fail_msg("no paragraph \"%s\"", s);
	return &c->paras[i];
}

/* What holds for every composition: text is clean and never "(null)",
 * the header block comes first and the closing block last, each a
 * group, with columns inside the page. */
static void check_common(const struct ui_composed *c, int w)
{
	size_t i = 0;

	for (size_t k = 0; k < c->n; k++) {
		const struct text_para *p = &c->paras[k];

		assert_non_null(p->text);
		assert_true(p->len > 0);
		assert_int_equal(p->len, strlen(p->text));
		assert_null(strstr(p->text, "(null)"));
		assert_null(strchr(p->text, '\n'));
		assert_true(tu_utf8_valid(p->text));
		assert_true(p->x >= 0);
		assert_true(p->x + p->width <= w);
		assert_true(p->group == 0 || p->group == GROUP_HEADER || p->group == GROUP_CLOSING);
	}
	while (i < c->n && c->paras[i].group == GROUP_HEADER)
		i++;
	for (size_t k = i; k < c->n; k++)
		assert_int_not_equal(c->paras[k].group, GROUP_HEADER);
	while (i < c->n && c->paras[i].group != GROUP_CLOSING)
		i++;
	for (; i < c->n; i++)
		assert_int_equal(c->paras[i].group, GROUP_CLOSING);
}

/* Every block of the body, in order, justified with a first-line indent,
 * its label (or "-" for a bullet) in front of its text. */
static int check_body(const struct ui_composed *c, const struct doc *d, int from)
{
	int at = from;
	char want[256];

	for (size_t b = 0; b < d->nblocks; b++) {
		const struct doc_block *blk = &d->blocks[b];
		const char *label = blk->type == DOC_BLOCK_BULLET ? "-" : blk->label;
		const struct text_para *p;

		snprintf(want, sizeof want, "%s%s%.60s", label ? label : "", label ? " " : "",
			 blk->text);
		while (at < (int)c->n && strncmp(c->paras[at].text, want, strlen(want)) != 0)
			at++;
		if (at >= (int)c->n)
			fail_msg("block %zu \"%s\" missing or out of order", b, want);
		p = &c->paras[at];
		assert_int_equal(p->group, 0);
		assert_int_equal(p->font, UI_FONT_BODY);
		assert_true(p->first_indent > 0);
		assert_int_equal(p->nspans, blk->nspans);
		if (blk->type == DOC_BLOCK_HEADING) {
			assert_true(p->style & DOC_STYLE_BOLD);
			assert_true(p->keep_with_next);
		} else {
			assert_int_equal(p->align, TEXT_ALIGN_JUSTIFY);
		}
		/* spans moved past the label still cover the same words */
		for (size_t s = 0; s < blk->nspans; s++)
			assert_memory_equal(p->text + p->spans[s].start,
					    blk->text + blk->spans[s].start, blk->spans[s].len);
		at++;
	}
	return at;
}

static void test_conclusion_516(void **state)
{
	struct fixture *fx = *state;
	const struct doc *d = find_doc(fx, "516-KL/ĐUK");
	struct ui_composed c;
	const struct text_para *p;
	int w = 1600, title, subject, body_end;

	compose(fx, d, NULL, w, &c);
	check_common(&c, w);
	/* left column: the (inferred) issuer, bold caps, the star, the number */
	p = &c.paras[0];
	assert_string_equal(p->text, "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TRUNG ƯƠNG");
	assert_int_equal(p->group, GROUP_HEADER);
	assert_int_equal(p->x, 0);
	assert_int_equal(p->style, DOC_STYLE_BOLD);
	assert_int_equal(p->align, TEXT_ALIGN_CENTER);
	assert_string_equal(c.paras[1].text, "*");
	assert_string_equal(c.paras[2].text, "Số 516-KL/ĐUK");
	assert_int_equal(c.paras[2].x, 0);
	/* right column: the Party header (the symbol is in Party form even
	 * though the scan lost the header), then place and date */
	p = must(&c, "ĐẢNG CỘNG SẢN VIỆT NAM");
	assert_int_equal(p->group, GROUP_HEADER);
	assert_true(p->x > c.paras[0].width);
	assert_int_equal(p->style, DOC_STYLE_BOLD);
	p = must(&c, "Hà Nội, ngày 18 tháng 01 năm 2023");
	assert_int_equal(p->style, DOC_STYLE_ITALIC);
	assert_int_equal(p->group, GROUP_HEADER);
	/* title, author line, subject: centred, bold */
	title = para_eq(&c, "KẾT LUẬN");
	assert_true(title > 0);
	assert_int_equal(c.paras[title].font, UI_FONT_TITLE);
	assert_int_equal(c.paras[title].align, TEXT_ALIGN_CENTER);
	assert_true(c.paras[title].keep_with_next);
	assert_int_equal(para_eq(&c, "CỦA BAN CHẤP HÀNH ĐẢNG BỘ KHỐI"), title + 1);
	subject = para_starts(&c, "Về kết quả 05 năm thực hiện Nghị quyết số 08-NQ/ĐUK");
	assert_int_equal(subject, title + 2);
	assert_int_equal(c.paras[subject].style, DOC_STYLE_BOLD);
	assert_int_equal(c.paras[subject].align, TEXT_ALIGN_CENTER);
	/* no note, no addressees: the body follows the subject */
	assert_int_equal(para_starts(&c, "Tại Hội nghị lần thứ 11"), subject + 1);
	body_end = check_body(&c, d, subject + 1);
	assert_int_equal(para_starts(&c, "1. Sau 05 năm quán triệt"), subject + 2);
	/* recipients left, small, Party punctuation; signer right, no name */
	p = &c.paras[body_end];
	assert_string_equal(p->text, "Nơi nhận:");
	assert_int_equal(p->style, DOC_STYLE_BOLD | DOC_STYLE_ITALIC);
	assert_int_equal(p->group, GROUP_CLOSING);
	assert_int_equal(p->font, UI_FONT_SMALL);
	assert_int_equal(para_eq(&c, "- Ban Chấp hành Đảng bộ Khối,"), body_end + 1);
	assert_int_equal(para_eq(&c, "- Lưu VP, BTC."), body_end + 4);
	p = must(&c, "T/M BAN THƯỜNG VỤ");
	assert_int_equal(p->group, GROUP_CLOSING);
	assert_true(p->x > 0);
	assert_int_equal(p->align, TEXT_ALIGN_CENTER);
	assert_string_equal(c.paras[c.n - 1].text, "BÍ THƯ");
	assert_int_equal(c.n, (size_t)body_end + 7);
	ui_composed_free(&c);
}

static void test_cover_letter_581(void **state)
{
	struct fixture *fx = *state;
	const struct doc *d = find_doc(fx, "581-CV/ĐU");
	struct ui_composed c;
	const struct text_para *p;
	int w = 1600, first;

	compose(fx, d, NULL, w, &c);
	check_common(&c, w);
	assert_string_equal(c.paras[0].text, "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TW");
	assert_int_equal(c.paras[0].style, 0);
	assert_string_equal(c.paras[1].text, "ĐẢNG ỦY THÔNG TẤN XÃ VIỆT NAM");
	assert_int_equal(c.paras[1].style, DOC_STYLE_BOLD);
	assert_string_equal(c.paras[2].text, "*");
	assert_string_equal(c.paras[3].text, "Số 581-CV/ĐU");
	/* a công văn: its subject is the italic V/v line under the number, and
	 * it has no type title */
	p = &c.paras[4];
	assert_string_equal(p->text, "V/v phổ biến Kết luận số 516-KL/ĐUK của Ban Chấp hành "
				     "Đảng bộ Khối các cơ quan TW");
	assert_int_equal(p->style, DOC_STYLE_ITALIC);
	assert_int_equal(p->group, GROUP_HEADER);
	assert_int_equal(p->x, 0);
	assert_int_equal(para_eq(&c, "CÔNG VĂN"), -1);
	must(&c, "ĐẢNG CỘNG SẢN VIỆT NAM");
	must(&c, "Hà Nội, ngày 09 tháng 02 năm 2023");
	/* Kính gửi: the label hangs before the first of the two addressees */
	first = para_eq(&c, "- Các đảng ủy cơ sở");
	assert_true(first > 4);
	assert_string_equal(c.paras[first].label, "Kính gửi:");
	assert_int_equal(c.paras[first].label_style, DOC_STYLE_ITALIC);
	assert_int_equal(para_eq(&c, "- Các chi bộ trực thuộc"), first + 1);
	assert_null(c.paras[first + 1].label);
	assert_true(c.paras[first + 1].indent == c.paras[first].indent);
	check_body(&c, d, first + 2);
	/* the instruction is already the last body paragraph: not twice */
	assert_int_equal(para_starts(&c, "Đề nghị các đảng ủy cơ sở"),
			 (int)c.n - 3 - 1);
	/* no signer on this scan: the closing block is the recipients only */
	assert_string_equal(c.paras[c.n - 3].text, "Nơi nhận:");
	assert_string_equal(c.paras[c.n - 2].text, "- Như trên,");
	assert_string_equal(c.paras[c.n - 1].text, "- Lưu VPĐU.");
	for (size_t i = 0; i < c.n; i++)
		if (c.paras[i].group == GROUP_CLOSING)
			assert_int_equal(c.paras[i].x, 0);
	ui_composed_free(&c);
}

static void test_notice_320(void **state)
{
	struct fixture *fx = *state;
	const struct doc *d = find_doc(fx, "320-TB/BTCTW");
	struct ui_composed c;
	const struct text_para *p;
	int w = 1600, title, name;

	compose(fx, d, NULL, w, &c);
	check_common(&c, w);
	assert_string_equal(c.paras[0].text, "BAN CHẤP HÀNH TRUNG ƯƠNG");
	assert_int_equal(c.paras[0].style, 0);
	assert_string_equal(c.paras[1].text, "BAN TỔ CHỨC TRUNG ƯƠNG");
	assert_int_equal(c.paras[1].style, DOC_STYLE_BOLD);
	must(&c, "Số 320-TB/BTCTW");
	must(&c, "ĐẢNG CỘNG SẢN VIỆT NAM");
	must(&c, "Hà Nội, ngày 12 tháng 7 năm 2017");
	title = para_eq(&c, "THÔNG BÁO");
	assert_true(title > 0);
	assert_true(para_starts(&c, "Kết luận Hội nghị giao ban") == title + 1);
	check_body(&c, d, title + 2);
	p = must(&c, "I. ĐÁNH GIÁ KẾT QUẢ CÔNG TÁC THÁNG 6 VÀ 6 THÁNG ĐẦU NĂM 2017");
	assert_true(p->keep_with_next);
	assert_true(para_starts(&c, "(1) Ghi nhận những nỗ lực") >= 0);
	assert_true(para_starts(&c, "(10) Thực hiện các chủ trương") >= 0);
	/* the handwritten annotations are not part of the page */
	assert_int_equal(para_eq(&c, "18-7"), -1);
	assert_int_equal(para_eq(&c, "me"), -1);
	/* state-less Party punctuation; signer with a gap for the signature */
	must(&c, "- Đồng chí Trưởng Ban (để báo cáo),");
	must(&c, "- Lưu VP, TH.");
	must(&c, "K/T TRƯỞNG BAN");
	must(&c, "PHÓ TRƯỞNG BAN THƯỜNG TRỰC");
	name = para_eq(&c, "Nguyễn Thanh Bình");
	assert_int_equal(name, (int)c.n - 1);
	assert_int_equal(c.paras[name].style, DOC_STYLE_BOLD);
	assert_true(c.paras[name].space_before >= 2 * ui_fonts_height(fx->fonts, UI_FONT_BODY));
	ui_composed_free(&c);
}

static void test_routing_slip(void **state)
{
	struct fixture *fx = *state;
	const struct doc *d = find_doc(fx, NULL);
	struct ui_composed c;
	int w = 1600, title, about, op;

	compose(fx, d, NULL, w, &c);
	check_common(&c, w);
	/* no number, no symbol: no Party header is claimed */
	assert_int_equal(para_eq(&c, "ĐẢNG CỘNG SẢN VIỆT NAM"), -1);
	assert_int_equal(para_starts(&c, "Số "), -1);
	must(&c, "Hà Nội, ngày 07 tháng 4 năm 2014");
	title = para_eq(&c, "PHIẾU XIN Ý KIẾN");
	assert_true(title > 0);
	about = para_eq(&c, "Về văn bản số 132-KL/ĐUK");
	assert_int_equal(about, title + 1);
	assert_int_equal(para_eq(&c, "Kính gửi: Đ/c Mai Quang Huy, Phó Bí thư chuyên trách "
				     "Đảng ủy TTXVN"), about + 1);
	op = para_eq(&c, "Ý kiến của Thường trực Đảng ủy:");
	assert_int_equal(op, about + 2);
	assert_true(c.paras[op].keep_with_next);
	assert_int_equal(para_eq(&c, "- Quét và đưa lên mạng."), op + 1);
	assert_int_equal(para_eq(&c, "- Đề nghị các Chi bộ tổ chức quán triệt."), op + 2);
	assert_int_equal(para_eq(&c, "Mai Quang Huy"), op + 3);
	assert_int_equal(c.n, (size_t)op + 4);
	ui_composed_free(&c);
}

static void test_conclusion_06_bullets(void **state)
{
	struct fixture *fx = *state;
	const struct doc *d = find_doc(fx, "06-KL/ĐUK");
	struct ui_composed c;
	int w = 1600;

	compose(fx, d, NULL, w, &c);
	check_common(&c, w);
	/* no place on the scan: the date alone, capitalised */
	must(&c, "Ngày 08 tháng 02 năm 2022");
	assert_int_equal(para_starts(&c, "Hà Nội"), -1);
	check_body(&c, d, 0);
	assert_true(para_starts(&c, "- Tiếp tục lãnh đạo, chỉ đạo") > 0);
	assert_true(para_starts(&c, "1. Các đảng ủy từ đảng ủy cơ sở trở lên") > 0);
	/* a name without authority or title still closes the document */
	assert_string_equal(c.paras[c.n - 1].text, "Huỳnh Tấn Việt");
	assert_int_equal(c.paras[c.n - 1].group, GROUP_CLOSING);
	ui_composed_free(&c);
}

static void test_conclusion_132_labels(void **state)
{
	struct fixture *fx = *state;
	const struct doc *d = find_doc(fx, "132-KL/ĐUK");
	struct ui_composed c;
	int w = 1600, h1, one;

	compose(fx, d, NULL, w, &c);
	check_common(&c, w);
	check_body(&c, d, 0);
	h1 = para_eq(&c, "I- MỘT SỐ ĐÁNH GIÁ KẾT QUẢ HỘI THẢO");
	assert_true(h1 > 0);
	assert_true(c.paras[h1].keep_with_next);
	assert_int_equal(c.paras[h1].style & DOC_STYLE_BOLD, DOC_STYLE_BOLD);
	one = para_starts(&c, "Một là: Mọi hoạt động của chi bộ");
	assert_true(one > h1);
	assert_true(para_starts(&c, "Năm là: Các cấp ủy phải coi trọng") > one);
	must(&c, "T/L BAN THƯỜNG VỤ");
	must(&c, "CHÁNH VĂN PHÒNG");
	assert_string_equal(c.paras[c.n - 1].text, "Đinh Xuân Tùng");
	ui_composed_free(&c);
}

/* A forwarding note sits between the subject and the body, one italic
 * paragraph per line of the note. */
static void test_note(void **state)
{
	struct fixture *fx = *state;
	const struct doc *d = find_doc(fx, "03-KL/ĐUK");
	struct ui_composed c;
	int subject, note;

	compose(fx, d, "Đảng ủy TTXVN phổ biến theo Công văn 596-CV/ĐU ngày 12/12/2019\n"
		"Ý kiến Thường trực Đảng ủy: Đề nghị các Chi bộ tổ chức quán triệt.", 1600, &c);
	check_common(&c, 1600);
	subject = para_starts(&c, "tiếp tục thực hiện Nghị quyết số 02-NQ/ĐUK");
	assert_true(subject > 0);
	note = para_eq(&c, "Đảng ủy TTXVN phổ biến theo Công văn 596-CV/ĐU ngày 12/12/2019");
	assert_int_equal(note, subject + 1);
	assert_int_equal(c.paras[note].style, DOC_STYLE_ITALIC);
	assert_int_equal(c.paras[note].font, UI_FONT_SMALL);
	assert_int_equal(para_eq(&c, "Ý kiến Thường trực Đảng ủy: Đề nghị các Chi bộ tổ chức "
				     "quán triệt."), note + 1);
	assert_true(para_starts(&c, "Những năm qua, dưới sự lãnh đạo") == note + 2);
	ui_composed_free(&c);

	/* without a note, the body follows the subject */
	compose(fx, d, NULL, 1600, &c);
	assert_int_equal(para_starts(&c, "Những năm qua, dưới sự lãnh đạo"),
			 para_starts(&c, "tiếp tục thực hiện Nghị quyết số 02-NQ/ĐUK") + 1);
	ui_composed_free(&c);
}

/* A state document: the national header, "Số:" and state punctuation. */
static void test_state_document(void **state)
{
	struct fixture *fx = *state;
	char *recipients[] = { "Như trên", "Lưu: VT, NCTH" };
	struct doc d;
	struct ui_composed c;

	memset(&d, 0, sizeof d);
	d.kind = "CV";
	d.number = "454/UBND-NCTH";
	d.issuer = "ỦY BAN NHÂN DÂN TỈNH X";
	d.place = "X";
	d.date = (struct doc_date){ 2023, 3, 1 };
	d.subject = "V/v triển khai";
	d.recipients = recipients;
	d.nrecipients = 2;
	compose(fx, &d, NULL, 1600, &c);
	check_common(&c, 1600);
	assert_int_equal(para_eq(&c, "ĐẢNG CỘNG SẢN VIỆT NAM"), -1);
	must(&c, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
	must(&c, "Độc lập - Tự do - Hạnh phúc");
	must(&c, "Số: 454/UBND-NCTH");
	must(&c, "X, ngày 01 tháng 3 năm 2023");
	must(&c, "- Như trên;");
	must(&c, "- Lưu: VT, NCTH.");
	ui_composed_free(&c);
}

/* A document with nothing but a kind prints its title and nothing else. */
static void test_nothing_invented(void **state)
{
	struct fixture *fx = *state;
	struct doc d;
	struct ui_composed c;

	memset(&d, 0, sizeof d);
	d.kind = "TB";
	compose(fx, &d, NULL, 800, &c);
	assert_int_equal(c.n, 1);
	assert_string_equal(c.paras[0].text, "THÔNG BÁO");
	ui_composed_free(&c);
	d.kind = NULL;
	assert_int_equal(ui_compose_doc(&d, "", fx->fonts, 800, &c), 0);
	assert_int_equal(c.n, 0);
	ui_composed_free(&c);
}

/* Lays one composition out with the real engine and fonts; every run stays
 * inside the page and inside its paragraph's column, every line inside
 * the page's height, and the header starts page one. */
static void check_layout(struct fixture *fx, const struct doc *d, const char *note, int sw,
			 int sh)
{
	struct ui_composed c;
	struct text_layout *l;
	int bw, bh;
	size_t chars = 0;

	page_box(fx, sw, sh, &bw, &bh);
	compose(fx, d, note, bw, &c);
	l = text_layout_new(c.paras, c.n, ui_fonts_metrics(fx->fonts), bw, bh);
	assert_non_null(l);
	assert_int_equal(text_layout_run(l, SIZE_MAX), 0);
	assert_true(text_layout_done(l));
	assert_true(text_layout_npages(l) >= 1);
	for (size_t pg = 0; pg < text_layout_npages(l); pg++) {
		const struct text_page *page = text_layout_page(l, pg);
		const struct text_line *lines = text_layout_lines(l);
		const struct text_run *runs = text_layout_runs(l);

		assert_true(page->nlines > 0);
		chars += page->chars;
		for (size_t i = page->first_line; i < page->first_line + page->nlines; i++) {
			const struct text_line *ln = &lines[i];

			assert_true(ln->y >= 0);
			assert_true(ln->y + ln->height <= bh);
			for (size_t r = ln->first_run; r < ln->first_run + ln->nruns; r++) {
				const struct text_para *p = &c.paras[runs[r].para];
				const char *s = (runs[r].label ? p->label : p->text) + runs[r].start;
				int cx = p->x, cw = p->width ? p->width : bw - p->x;
				/* What the screen draws is the run's text measured
				 * as one string, not the sum the layout added up
				 * from its pieces: check both. */
				int drawn = ui_fonts_width(fx->fonts, runs[r].font, runs[r].style, s,
							   runs[r].len);
				int w = drawn > runs[r].width ? drawn : runs[r].width;

				if (runs[r].x < cx || runs[r].x + w > cx + cw)
					fail_msg("%s %dx%d page %zu: run \"%.*s\" at %d+%d (drawn %d) "
						 "outside column %d+%d",
						 d->number ? d->number : d->kind, sw, sh, pg,
						 (int)runs[r].len, s, runs[r].x, runs[r].width, drawn,
						 cx, cw);
			}
		}
	}
	assert_int_equal(text_layout_lines(l)[text_layout_page(l, 0)->first_line].para, 0);
	assert_true(chars > 0);
	text_layout_free(l);
	ui_composed_free(&c);
}

static void test_layout_inside_page(void **state)
{
	struct fixture *fx = *state;
	size_t ndocs = 0;

	for (size_t i = 0; i < 5; i++)
		for (size_t k = 0; k < fx->res[i].ndocs; k++, ndocs++) {
			const struct doc *d = &fx->res[i].docs[k];
			const char *note = d->link_type == DOC_LINK_NONE
						   ? "Đảng ủy TTXVN phổ biến theo Công văn 581-CV/ĐU"
						     " ngày 09/02/2023"
						   : NULL;

			check_layout(fx, d, note, 1920, 1080);
			check_layout(fx, d, note, 1080, 1920);
			check_layout(fx, d, NULL, 1280, 720);
		}
	assert_int_equal(ndocs, 9);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_conclusion_516),
		cmocka_unit_test(test_cover_letter_581),
		cmocka_unit_test(test_notice_320),
		cmocka_unit_test(test_routing_slip),
		cmocka_unit_test(test_conclusion_06_bullets),
		cmocka_unit_test(test_conclusion_132_labels),
		cmocka_unit_test(test_note),
		cmocka_unit_test(test_state_document),
		cmocka_unit_test(test_nothing_invented),
		cmocka_unit_test(test_layout_inside_page),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
