/* SPDX-License-Identifier: MIT */
/*
 * The drawing core (ui/ui.c, ui/font.c) on the headless software renderer:
 * life cycle and its errors, the Vietnamese date, rotation of the output,
 * the width and texture caches, the per-document layout cache, a known word
 * drawn where the layout put it, and PNG capture read back pixel for pixel.
 * Runs with SDL's dummy video driver: no display needed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include <SDL_image.h>
#include <SDL_ttf.h>

#include "ui_int.h"

#ifndef BANGTIN_SRCDIR
#error "BANGTIN_SRCDIR must be defined (the source tree holding fonts/)"
#endif

#define FONT_DIR BANGTIN_SRCDIR "/fonts"
#define DOC_KEY 516

static struct doc_span BOLD_SPAN[] = { { 0, 9, DOC_STYLE_BOLD } };

static struct doc_block BLOCKS[] = {
	{ .type = DOC_BLOCK_HEADING, .level = 1, .label = "I.",
	  .text = "TÌNH HÌNH VÀ KẾT QUẢ THỰC HIỆN", .line = 10 },
	{ .type = DOC_BLOCK_PARA,
	  .text = "Quyết tâm hoàn thành các chỉ tiêu, nhiệm vụ năm 2023; đổi mới "
		  "phương thức lãnh đạo, nâng cao năng lực cầm quyền và sức chiến đấu "
		  "của tổ chức đảng, chất lượng đội ngũ cán bộ, đảng viên.",
	  .line = 11 },
	{ .type = DOC_BLOCK_POINT, .label = "1.",
	  .text = "Các chi bộ tổ chức quán triệt, triển khai thực hiện nghiêm túc Kết "
		  "luận này đến toàn thể cán bộ, đảng viên.",
	  .spans = BOLD_SPAN, .nspans = 1, .line = 12 },
	{ .type = DOC_BLOCK_BULLET,
	  .text = "Văn phòng Đảng ủy theo dõi, đôn đốc, kiểm tra việc thực hiện; định kỳ "
		  "báo cáo Ban Thường vụ.",
	  .line = 13 },
};

static char *RECIPIENTS[] = { "Các chi bộ trực thuộc", "Lưu Văn phòng Đảng ủy" };

/* A conclusion built by hand. Strings are literals: never doc_free it. */
static struct doc conclusion(void)
{
	struct doc d = {
		.kind = "KL",
		.type_name = "Kết luận",
		.number = "516-KL/ĐUK",
		.issuer = "ĐẢNG ỦY THÔNG TẤN XÃ VIỆT NAM",
		.parent = "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TW",
		.party_header = true,
		.place = "Hà Nội",
		.date = { 2023, 1, 18 },
		.subject = "về tình hình thực hiện nhiệm vụ năm 2022",
		.blocks = BLOCKS,
		.nblocks = sizeof(BLOCKS) / sizeof(BLOCKS[0]),
		.recipients = RECIPIENTS,
		.nrecipients = 2,
		.signer = { .authority = "T/M BAN THƯỜNG VỤ", .title = "BÍ THƯ",
			    .name = "Sơn Minh Thắng" },
		.first_line = 1,
		.last_line = 20,
	};
	return d;
}

static struct ui *open_ui(int w, int h, int rotation)
{
	struct ui_options o = { .width = w, .height = h, .rotation = rotation,
				.headless = true, .font_dir = FONT_DIR, .title = "test" };
	char err[UI_ERR_MAX] = "";
	struct ui *ui = ui_new(&o, err, sizeof(err));

	if (!ui)
		fail_msg("ui_new %dx%d rotation %d: %s", w, h, rotation, err);
	return ui;
}

static uint32_t pixel(const struct ui *ui, int x, int y)
{
	const SDL_Surface *s = ui->surface;

	/* RGB888 leaves the top byte undefined: compare colours only. */
	return *(const uint32_t *)((const uint8_t *)s->pixels + (size_t)y * (size_t)s->pitch +
				   (size_t)x * 4) & 0xffffffu;
}

static uint32_t map(const struct ui *ui, struct ui_color c)
{
	return SDL_MapRGB(ui->surface->format, c.r, c.g, c.b) & 0xffffffu;
}

/* True when the pixel is within tol of c in every channel. */
static bool near(const struct ui *ui, int x, int y, struct ui_color c, int tol)
{
	uint8_t r, g, b;

	SDL_GetRGB(pixel(ui, x, y), ui->surface->format, &r, &g, &b);
	return abs(r - c.r) <= tol && abs(g - c.g) <= tol && abs(b - c.b) <= tol;
}

static struct ui_view doc_view(const struct doc *d)
{
	struct ui_view v = {
		.screen = APP_SCREEN_CAROUSEL,
		.org_name = "ĐẢNG ỦY THÔNG TẤN XÃ VIỆT NAM",
		.clock = { 2026, 11, 23, 1, 9, 41 },
		.doc_key = DOC_KEY,
		.doc = d,
		.cycle_len = 1,
		.footer = CONFIG_FOOTER_LEGEND,
	};
	return v;
}

/* Life cycle ---------------------------------------------------------------- */

static void test_new_free_sizes(void **state)
{
	static const int sizes[][2] = { { 1920, 1080 }, { 1080, 1920 } };

	(void)state;
	for (size_t i = 0; i < 2; i++) {
		struct ui *ui = open_ui(sizes[i][0], sizes[i][1], 0);
		int w = 0, h = 0;

		ui_size(ui, &w, &h);
		assert_int_equal(w, sizes[i][0]);
		assert_int_equal(h, sizes[i][1]);
		assert_int_equal(ui->surface->w, sizes[i][0]);
		/* Type scales with the smaller side: the same body in both
		 * (38 px by design, raised to 40 so its capitals subtend 16'
		 * at 3 m on a 43-inch panel). */
		assert_int_equal(ui_fonts_px(ui->fonts, UI_FONT_BODY), 40);
		ui_free(ui);
	}
	ui_free(NULL);
}

static void test_new_errors(void **state)
{
	char err[UI_ERR_MAX] = "";
	struct ui_options o = { .width = 640, .height = 480, .headless = true,
				.font_dir = "/nonexistent/fonts" };

	(void)state;
	assert_null(ui_new(&o, err, sizeof(err)));
	assert_non_null(strstr(err, "/nonexistent/fonts/NotoSerif-Regular.ttf"));

	o.font_dir = FONT_DIR;
	o.rotation = 45;
	assert_null(ui_new(&o, err, sizeof(err)));
	assert_non_null(strstr(err, "45"));

	o.rotation = 0;
	o.width = 0;
	assert_null(ui_new(&o, err, sizeof(err)));
	assert_non_null(strstr(err, "size"));

	/* A failed ui_new leaves SDL as it found it: a good one still opens. */
	o.width = 640;
	struct ui *ui = ui_new(&o, err, sizeof(err));

	assert_non_null(ui);
	ui_free(ui);
}

/* Dates --------------------------------------------------------------------- */

static void test_format_date(void **state)
{
	/* 22/11/2026 is a Sunday. */
	static const char *const want[7] = {
		"Chủ Nhật, 22/11/2026", "Thứ Hai, 23/11/2026", "Thứ Ba, 24/11/2026",
		"Thứ Tư, 25/11/2026",   "Thứ Năm, 26/11/2026", "Thứ Sáu, 27/11/2026",
		"Thứ Bảy, 28/11/2026",
	};
	char buf[64];

	(void)state;
	for (int wd = 0; wd < 7; wd++) {
		struct ui_clock c = { 2026, 11, 22 + wd, wd, 9, 41 };

		ui_format_date(&c, buf, sizeof(buf));
		assert_string_equal(buf, want[wd]);
		c.weekday = -1; /* unknown: worked out from the date */
		ui_format_date(&c, buf, sizeof(buf));
		assert_string_equal(buf, want[wd]);
	}
	struct ui_clock jan = { 2027, 1, 5, 2, 0, 0 };

	ui_format_date(&jan, buf, sizeof(buf));
	assert_string_equal(buf, "Thứ Ba, 05/01/2027");
	ui_format_date(&jan, buf, 8); /* truncated, still terminated */
	assert_int_equal(strlen(buf), 7);
}

/* Rotation ------------------------------------------------------------------ */

/* Draws a 40x20 red block at the drawing's top-left on white and checks the
 * output: the block where a clockwise turn by rotation puts it, white in the
 * other three corners. */
static void check_rotation(int ow, int oh, int rotation)
{
	static const struct ui_color white = { 255, 255, 255, 255 }, red = { 220, 0, 0, 255 };
	struct ui *ui = open_ui(ow, oh, rotation);
	int w, h, bx, by, bw, bh;

	ui_size(ui, &w, &h);
	if (rotation == 90 || rotation == 270) {
		assert_int_equal(w, oh);
		assert_int_equal(h, ow);
	} else {
		assert_int_equal(w, ow);
		assert_int_equal(h, oh);
	}
	assert_int_equal(ui_frame_begin(ui, white), 0);
	ui_fill(ui, 0, 0, 40, 20, red);
	assert_int_equal(ui_frame_end(ui), 0);

	switch (rotation) {
	case 0: bx = 0; by = 0; bw = 40; bh = 20; break;
	case 90: bx = ow - 20; by = 0; bw = 20; bh = 40; break;
	case 180: bx = ow - 40; by = oh - 20; bw = 40; bh = 20; break;
	default: bx = 0; by = oh - 40; bw = 20; bh = 40; break;
	}
	for (int y = 0; y < oh; y += (y < 60 || y > oh - 60) ? 1 : 37)
		for (int x = 0; x < ow; x += (x < 60 || x > ow - 60) ? 1 : 41) {
			bool in = x >= bx && x < bx + bw && y >= by && y < by + bh;
			uint32_t want = map(ui, in ? red : white);

			if (pixel(ui, x, y) != want)
				fail_msg("rotation %d, %dx%d: pixel (%d,%d) is %06x, not %06x", rotation,
					 ow, oh, x, y, pixel(ui, x, y) & 0xffffff, want & 0xffffff);
		}
	ui_free(ui);
}

static void test_rotation(void **state)
{
	(void)state;
	for (int r = 0; r < 360; r += 90) {
		check_rotation(1920, 1080, r);
		check_rotation(1080, 1920, r);
	}
}

/* Fonts ---------------------------------------------------------------------- */

static void test_width_cache_exact(void **state)
{
	static const char *const files[4] = { "NotoSerif-Regular.ttf", "NotoSerif-Bold.ttf",
					      "NotoSerif-Italic.ttf", "NotoSerif-BoldItalic.ttf" };
	static const char *const words[] = { "Quyết", "định", "ĐẢNG CỘNG SẢN VIỆT NAM",
					     "nghiêm túc", "516-KL/ĐUK", "Nghị quyết số 08-NQ/ĐUK",
					     "ỷ", "Thứ Bảy, 28/11/2026" };
	struct ui *ui = open_ui(1920, 1080, 0);
	struct ui_fonts_stats s0, s1;
	int px = ui_fonts_px(ui->fonts, UI_FONT_BODY);

	(void)state;
	for (unsigned st = 0; st < 4; st++) {
		char path[512];

		snprintf(path, sizeof(path), "%s/%s", FONT_DIR, files[st]);
		TTF_Font *t = TTF_OpenFont(path, px);

		assert_non_null(t);
		TTF_SetFontHinting(t, TTF_HINTING_LIGHT);
		TTF_SetFontKerning(t, 1);
		TTF_SetFontDirection(t, TTF_DIRECTION_LTR);
		TTF_SetFontScriptName(t, "Latn");
		for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
			int tw = 0, th = 0;

			assert_int_equal(TTF_SizeUTF8(t, words[i], &tw, &th), 0);
			assert_true(tw > 0);
			ui_fonts_stats(ui->fonts, &s0);
			int first = ui_fonts_width(ui->fonts, UI_FONT_BODY, st, words[i],
						   strlen(words[i]));
			int again = ui_fonts_width(ui->fonts, UI_FONT_BODY, st, words[i],
						   strlen(words[i]));
			ui_fonts_stats(ui->fonts, &s1);
			assert_int_equal(first, tw);
			assert_int_equal(again, tw);
			assert_int_equal(s1.width_misses - s0.width_misses, 1);
			assert_int_equal(s1.width_hits - s0.width_hits, 1);
		}
		/* A prefix of a longer string (not NUL-terminated) is measured
		 * alone, not confused with the whole. */
		int tw = 0, th = 0;

		assert_int_equal(TTF_SizeUTF8(t, "Quyết", &tw, &th), 0);
		assert_int_equal(ui_fonts_width(ui->fonts, UI_FONT_BODY, st, "Quyết định", strlen("Quyết")), tw);
		TTF_CloseFont(t);
	}
	/* Faces differ: the same text is cached per face. */
	assert_true(ui_fonts_width(ui->fonts, UI_FONT_TITLE, 0, "Quyết", strlen("Quyết")) >
		    ui_fonts_width(ui->fonts, UI_FONT_BODY, 0, "Quyết", strlen("Quyết")));
	assert_int_equal(ui_fonts_width(ui->fonts, UI_FONT_BODY, 0, "", 0), 0);
	ui_free(ui);
}

static void test_width_cache_bounded(void **state)
{
	struct ui *ui = open_ui(640, 480, 0);
	struct ui_fonts_stats s;
	char word[32];
	int w7 = ui_fonts_width(ui->fonts, UI_FONT_UI, 0, "w7", 2);

	(void)state;
	/* Far more distinct strings than the table holds: it clears itself
	 * and keeps answering exactly. */
	for (int i = 0; i < 40000; i++) {
		int n = snprintf(word, sizeof(word), "w%d", i);

		ui_fonts_width(ui->fonts, UI_FONT_UI, 0, word, (size_t)n);
	}
	ui_fonts_stats(ui->fonts, &s);
	assert_true(s.width_clears >= 2);
	assert_int_equal(ui_fonts_width(ui->fonts, UI_FONT_UI, 0, "w7", 2), w7);
	ui_free(ui);
}

static void test_texture_cache_bounded(void **state)
{
	static const struct ui_color ink = { 0, 0, 0, 255 };
	struct ui *ui = open_ui(640, 480, 0);
	struct ui_fonts_stats s, t;
	char word[32];
	int n = 0;

	(void)state;
	ui_fonts_stats(ui->fonts, &s);
	assert_true(s.max_textures > 0);
	assert_int_equal(ui_frame_begin(ui, (struct ui_color){ 255, 255, 255, 255 }), 0);
	for (size_t i = 0; i < s.max_textures + 500; i++) {
		n = snprintf(word, sizeof(word), "Trang %zu", i);
		assert_true(ui_fonts_draw(ui->fonts, ui->ren, UI_FONT_UI, 0, ink, word, (size_t)n,
					  0, 0) > 0);
		ui_fonts_stats(ui->fonts, &t);
		assert_true(t.textures <= t.max_textures);
		assert_true(t.texture_bytes <= t.max_texture_bytes);
	}
	assert_int_equal(t.textures_created, s.max_textures + 500);
	/* The newest is still there; the oldest was evicted and is made again. */
	ui_fonts_draw(ui->fonts, ui->ren, UI_FONT_UI, 0, ink, word, (size_t)n, 0, 0);
	ui_fonts_stats(ui->fonts, &s);
	assert_int_equal(s.textures_created, t.textures_created);
	assert_int_equal(s.texture_hits, t.texture_hits + 1);
	ui_fonts_draw(ui->fonts, ui->ren, UI_FONT_UI, 0, ink, "Trang 0", 7, 0, 0);
	ui_fonts_stats(ui->fonts, &t);
	assert_int_equal(t.textures_created, s.textures_created + 1);
	assert_int_equal(ui_frame_end(ui), 0);
	/* Nothing to draw is no error and makes no texture. */
	assert_int_equal(ui_fonts_draw(ui->fonts, ui->ren, UI_FONT_UI, 0, ink, "", 0, 0, 0), 0);
	ui_free(ui);
}

/* Frames and caches ---------------------------------------------------------- */

static void test_same_frame_no_new_textures(void **state)
{
	struct doc d = conclusion();
	struct ui_view v = doc_view(&d);
	struct ui *ui = open_ui(1920, 1080, 0);
	struct ui_fonts_stats a, b;
	size_t npix = (size_t)ui->surface->pitch * (size_t)ui->surface->h;
	uint8_t *first = malloc(npix);

	(void)state;
	assert_non_null(first);
	assert_int_equal(ui_draw(ui, &v), 0);
	memcpy(first, ui->surface->pixels, npix);
	ui_fonts_stats(ui->fonts, &a);
	assert_true(a.textures_created > 0);

	assert_int_equal(ui_draw(ui, &v), 0);
	ui_fonts_stats(ui->fonts, &b);
	assert_int_equal(b.textures_created, a.textures_created);
	assert_int_equal(b.textures, a.textures);
	assert_int_equal(b.texture_bytes, a.texture_bytes);
	assert_true(b.texture_hits > a.texture_hits);
	assert_memory_equal(ui->surface->pixels, first, npix);
	ui_free(ui);

	/* Another instance draws the same pixels: nothing depends on history. */
	ui = open_ui(1920, 1080, 0);
	assert_int_equal(ui_draw(ui, &v), 0);
	assert_memory_equal(ui->surface->pixels, first, npix);
	ui_free(ui);
	free(first);
}

static void test_doc_cache(void **state)
{
	struct doc d = conclusion();
	struct ui *ui = open_ui(1080, 1920, 0);
	size_t pages = 0, all = 0;

	(void)state;
	assert_null(ui_doc_layout(ui, DOC_KEY));
	assert_int_equal(ui_doc_pages(ui, DOC_KEY, &d, NULL, 0, &pages), 0);
	assert_true(pages >= 1);
	struct text_layout *l = ui_doc_layout(ui, DOC_KEY);

	assert_non_null(l);
	assert_int_equal(ui_doc_pages(ui, DOC_KEY, &d, NULL, SIZE_MAX, &all), 0);
	assert_true(all >= pages);
	assert_true(text_layout_done(l));
	/* The same key answers from the cache, even without the document. */
	assert_int_equal(ui_doc_pages(ui, DOC_KEY, NULL, NULL, SIZE_MAX, &pages), 0);
	assert_int_equal(pages, all);
	assert_ptr_equal(ui_doc_layout(ui, DOC_KEY), l);

	size_t chars = 0;

	for (size_t p = 0; p < all; p++)
		chars += ui_doc_page_chars(ui, DOC_KEY, p);
	assert_true(chars > strlen(BLOCKS[1].text) / 2);
	assert_int_equal(ui_doc_page_chars(ui, DOC_KEY, all), 0);
	assert_int_equal(ui_doc_page_chars(ui, 999, 0), 0);
	assert_int_equal(ui_doc_pages(ui, 999, NULL, NULL, 0, &pages), -1);
	assert_int_equal(ui_draw_doc_page(ui, 999, 0, 0, 0), -1);

	/* More documents than the cache holds: the oldest goes, the rest stay. */
	for (int64_t k = 1; k <= 20; k++)
		assert_int_equal(ui_doc_pages(ui, 1000 + k, &d, NULL, 0, &pages), 0);
	assert_null(ui_doc_layout(ui, DOC_KEY));
	assert_null(ui_doc_layout(ui, 1001));
	assert_non_null(ui_doc_layout(ui, 1020));

	ui_forget_docs(ui);
	assert_null(ui_doc_layout(ui, 1020));
	ui_free(ui);
}

/* Pixels of the ink colour in the footer band below its rule (every
 * other one). */
static int footer_ink(const struct ui *ui)
{
	int n = 0;

	for (int y = ui->h - ui->theme.footer_h + 4; y < ui->h; y += 2)
		for (int x = 0; x < ui->w; x += 2)
			n += near(ui, x, y, ui->theme.ink, 60);
	return n;
}

/* Issue 9: one large document froze the screen (16 paragraphs of 65,000
 * digits: a black window for 45 s, digits past the page's right edge;
 * 1 MiB of '*': 5 s a frame; a 60,000-byte subject: 4 s). The first
 * frames shape about a page of text each, each slice the loop lays out
 * between its events is bounded, and no ink lands right of the page. */
static void check_huge_document(const char *pattern)
{
	static struct doc_block body[16];
	struct doc d = conclusion();
	char *text = malloc(65001), *subject = malloc(60001);
	struct ui *ui = open_ui(1920, 1080, 0);
	struct ui_fonts_stats st0, st;
	struct ui_view v;
	size_t pages = 0, plen = strlen(pattern);
	int x, y, w, h;

	assert_non_null(text);
	assert_non_null(subject);
	for (size_t i = 0; i < 65000; i++)
		text[i] = pattern[i % plen];
	text[65000] = '\0';
	memset(subject, 'x', 60000);
	subject[60000] = '\0';
	for (size_t i = 0; i < 16; i++)
		body[i] = (struct doc_block){ .type = DOC_BLOCK_PARA, .text = text,
					      .line = (int)(10 + i) };
	d.blocks = body;
	d.nblocks = 16;
	d.subject = subject;
	v = doc_view(&d);

	for (int page = 0; page < 2; page++) {
		v.page = (size_t)page;
		ui_fonts_stats(ui->fonts, &st0);
		assert_int_equal(ui_doc_pages(ui, DOC_KEY, &d, NULL, v.page, &pages), 0);
		assert_int_equal(ui_draw(ui, &v), 0);
		ui_fonts_stats(ui->fonts, &st);
		/* A page holds some 16 lines of 85 characters; its header and
		 * footer a few hundred more. */
		if (st.width_bytes - st0.width_bytes > 24 * 1024)
			fail_msg("'%s' page %d: %zu bytes shaped in %zu widths measured", pattern,
				 page + 1, st.width_bytes - st0.width_bytes,
				 st.width_misses - st0.width_misses);
		/* Nothing drawn between the page's right edge and the screen's. */
		ui_doc_box(ui, &x, &y, &w, &h);
		for (int py = y; py < y + h; py += 3)
			for (int px = x + w + ui->theme.margin + 2; px < ui->w; px += 2)
				if (!near(ui, px, py, ui->theme.bg, 40))
					fail_msg("'%s' page %d: ink at %d,%d, right of the page",
						 pattern, page + 1, px, py);
	}
	/* The rest, a slice at a time as the loop does: each bounded. */
	int slices = 0;

	for (int rc = 0; rc == 0; slices++) {
		ui_fonts_stats(ui->fonts, &st0);
		rc = ui_doc_more(ui, DOC_KEY, 16384);
		assert_true(rc >= 0);
		ui_fonts_stats(ui->fonts, &st);
		assert_true(st.width_bytes - st0.width_bytes <= 16384 + 3 * TEXT_LINE_MAX);
		assert_true(st.width_hits + st.width_misses - st0.width_hits - st0.width_misses <=
			    16384 + 3 * TEXT_LINE_MAX);
	}
	assert_true(slices > 10);
	assert_true(ui_doc_complete(ui, DOC_KEY));
	assert_int_equal(ui_doc_pages(ui, DOC_KEY, NULL, NULL, SIZE_MAX, &pages), 0);
	assert_true(pages > 500);
	assert_int_equal(ui_doc_more(ui, 999, 16384), -1);

	/* The subject in the ticker, redrawn frame after frame as it moves:
	 * measured in cached pieces and, many screens wide, never made into
	 * one texture (a surface of hundreds of megabytes, made again each
	 * frame once evicted, took 0.6 s a frame), but drawn whole in pieces,
	 * only those on the screen, each made once. */
	const char *const ticker[] = { subject, "Thông báo ngắn" };
	v.footer = CONFIG_FOOTER_TICKER;
	v.ticker = ticker;
	v.nticker = 2;
	assert_int_equal(ui_draw(ui, &v), 0);
	assert_true(footer_ink(ui) > 1000);
	ui_fonts_stats(ui->fonts, &st0);
	for (int frame = 1; frame <= 5; frame++) {
		v.now_ms = frame * 33;
		assert_int_equal(ui_draw(ui, &v), 0);
	}
	ui_fonts_stats(ui->fonts, &st);
	assert_int_equal(st.width_bytes, st0.width_bytes);
	assert_true(st.textures_created - st0.textures_created <= 1); /* one coming in */
	assert_true(st.texture_bytes <= st.max_texture_bytes);
	/* Minutes later, far into the subject: still drawn, with a few pieces
	 * made for the screen's width, not the subject's. */
	v.now_ms = 200000;
	ui_fonts_stats(ui->fonts, &st0);
	assert_int_equal(ui_draw(ui, &v), 0);
	ui_fonts_stats(ui->fonts, &st);
	assert_true(footer_ink(ui) > 1000);
	assert_true(st.textures_created - st0.textures_created <= 8);
	ui_free(ui);
	free(text);
	free(subject);
}

/* A string longer than the width cache's keys is measured in cached
 * pieces: within a pixel a piece of its width as one string, and measured
 * again without shaping anything. */
static void test_width_of_long_text(void **state)
{
	struct ui *ui = open_ui(1280, 720, 0);
	struct ui_fonts_stats st0, st;
	size_t n = 60000;
	char *s = malloc(n + 1);
	int whole = 0, h = 0;

	(void)state;
	assert_non_null(s);
	for (size_t i = 0; i < n; i += 2)
		memcpy(s + i, i % 6 ? "ơ" : "a ", 2);
	s[n] = '\0';
	/* The face as font.c opens it. */
	TTF_Font *t = TTF_OpenFont(FONT_DIR "/NotoSerif-Regular.ttf",
				   ui_fonts_px(ui->fonts, UI_FONT_BODY));
	assert_non_null(t);
	TTF_SetFontHinting(t, TTF_HINTING_LIGHT);
	TTF_SetFontKerning(t, 1);
	TTF_SetFontDirection(t, TTF_DIRECTION_LTR);
	TTF_SetFontScriptName(t, "Latn");
	assert_int_equal(TTF_SizeUTF8(t, s, &whole, &h), 0);
	TTF_CloseFont(t);
	int w = ui_fonts_width(ui->fonts, UI_FONT_BODY, 0, s, n);
	if (abs(w - whole) > (int)(n / 1024) + 1)
		fail_msg("%d px in pieces, %d px whole", w, whole);
	ui_fonts_stats(ui->fonts, &st0);
	assert_int_equal(ui_fonts_width(ui->fonts, UI_FONT_BODY, 0, s, n), w);
	ui_fonts_stats(ui->fonts, &st);
	assert_int_equal(st.width_bytes, st0.width_bytes);
	ui_free(ui);
	free(s);
}

static void test_huge_document_bounded(void **state)
{
	(void)state;
	check_huge_document("1234567890");
	check_huge_document("*");
}

/* The run and byte offset of the first body "Quyết" in the layout. */
static bool find_word(const struct text_layout *l, const char *word, size_t *run, size_t *line,
		      size_t *off)
{
	const struct text_page *pg = text_layout_page(l, 0);
	const struct text_line *lines = text_layout_lines(l);
	const struct text_run *runs = text_layout_runs(l);
	const struct text_para *paras = text_layout_paras(l);
	size_t n = strlen(word);

	for (size_t i = pg->first_line; i < pg->first_line + pg->nlines; i++)
		for (size_t j = lines[i].first_run; j < lines[i].first_run + lines[i].nruns; j++) {
			const struct text_run *r = &runs[j];
			const char *t = paras[r->para].text + r->start;

			if (r->label || r->font != UI_FONT_BODY)
				continue;
			for (size_t k = 0; k + n <= r->len; k++)
				if (memcmp(t + k, word, n) == 0) {
					*run = j;
					*line = i;
					*off = k;
					return true;
				}
		}
	return false;
}

static void check_word_pixels(int w, int h)
{
	struct doc d = conclusion();
	struct ui *ui = open_ui(w, h, 0);
	const struct ui_theme *t = &ui->theme;
	size_t pages, ri = 0, li = 0, off = 0;
	int bx, by, bw, bh;

	assert_int_equal(ui_doc_pages(ui, DOC_KEY, &d, NULL, 0, &pages), 0);
	struct text_layout *l = ui_doc_layout(ui, DOC_KEY);

	assert_non_null(l);
	if (!find_word(l, "Quyết", &ri, &li, &off))
		fail_msg("%dx%d: \"Quyết\" is not on the first page", w, h);

	const struct text_run *r = &text_layout_runs(l)[ri];
	const struct text_line *ln = &text_layout_lines(l)[li];
	const char *rt = text_layout_paras(l)[r->para].text + r->start;

	ui_doc_box(ui, &bx, &by, &bw, &bh);
	assert_int_equal(ui_frame_begin(ui, t->paper), 0);
	assert_int_equal(ui_draw_doc_page(ui, DOC_KEY, 0, bx, by), 0);
	assert_int_equal(ui_frame_end(ui), 0);

	int wx = bx + r->x + ui_fonts_width(ui->fonts, r->font, r->style, rt, off);
	int ww = ui_fonts_width(ui->fonts, r->font, r->style, "Quyết", strlen("Quyết"));
	int y0 = by + ln->y, y1 = by + ln->y + ln->height;
	int ink = 0, left = w, right = -1;

	/* The word's box holds ink, and its ink starts and ends where the
	 * layout says (within the side bearings of Q and t). */
	for (int y = y0; y < y1; y++)
		for (int x = wx - 6; x < wx + ww + 3; x++) {
			if (near(ui, x, y, t->ink, 24) && x >= wx && x < wx + ww)
				ink++;
			if (pixel(ui, x, y) != map(ui, t->paper)) {
				left = x < left ? x : left;
				right = x > right ? x : right;
			}
		}
	assert_true(ink >= 60);
	assert_in_range(left, wx, wx + 6);
	assert_in_range(right, wx + ww - 8, wx + ww + 2);

	/* Baseline: ink of the word lies inside its line box, none above it. */
	for (int x = wx; x < wx + ww; x++) {
		assert_true(pixel(ui, x, y0 - 1) == map(ui, t->paper) || ln->y == 0);
	}

	/* The margins left and right of the text box, down the whole page,
	 * hold only paper. */
	for (int y = by; y < by + bh; y++) {
		for (int x = bx - t->margin; x < bx - 1; x++)
			if (pixel(ui, x, y) != map(ui, t->paper))
				fail_msg("%dx%d: ink in the left margin at (%d,%d)", w, h, x, y);
		for (int x = bx + bw + 3; x < bx + bw + t->margin && x < w; x++)
			if (pixel(ui, x, y) != map(ui, t->paper))
				fail_msg("%dx%d: ink in the right margin at (%d,%d)", w, h, x, y);
	}
	ui_free(ui);
}

static void test_word_pixels(void **state)
{
	(void)state;
	check_word_pixels(1920, 1080);
	check_word_pixels(1080, 1920);
}

static void test_save_png(void **state)
{
	struct doc d = conclusion();
	struct ui_view v = doc_view(&d);
	struct ui *ui = open_ui(1080, 1920, 90);
	char path[] = "/tmp/test_ui_XXXXXX";
	char err[UI_ERR_MAX] = "";
	int fd = mkstemp(path);

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(ui_draw(ui, &v), 0);
	assert_int_equal(ui_save_png(ui, path, err, sizeof(err)), 0);

	SDL_Surface *png = IMG_Load(path);

	if (!png)
		fail_msg("IMG_Load %s: %s", path, IMG_GetError());
	SDL_Surface *conv = SDL_ConvertSurfaceFormat(png, ui->surface->format->format, 0);

	assert_non_null(conv);
	assert_int_equal(conv->w, 1080);
	assert_int_equal(conv->h, 1920);
	for (int y = 0; y < conv->h; y++) {
		const uint32_t *a = (const uint32_t *)((const uint8_t *)conv->pixels +
						       (size_t)y * (size_t)conv->pitch);
		for (int x = 0; x < conv->w; x++)
			if ((a[x] & 0xffffff) != (pixel(ui, x, y) & 0xffffff))
				fail_msg("PNG pixel (%d,%d) is %06x, drawn %06x", x, y,
					 a[x] & 0xffffff, pixel(ui, x, y) & 0xffffff);
	}
	SDL_FreeSurface(conv);
	SDL_FreeSurface(png);

	assert_int_equal(ui_save_png(ui, "/nonexistent/dir/x.png", err, sizeof(err)), -1);
	assert_non_null(strstr(err, "/nonexistent/dir/x.png"));
	unlink(path);
	ui_free(ui);
}

static int setup(void **state)
{
	(void)state;
	setenv("SDL_VIDEODRIVER", "dummy", 1);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_new_free_sizes),
		cmocka_unit_test(test_new_errors),
		cmocka_unit_test(test_format_date),
		cmocka_unit_test(test_rotation),
		cmocka_unit_test(test_width_cache_exact),
		cmocka_unit_test(test_width_cache_bounded),
		cmocka_unit_test(test_texture_cache_bounded),
		cmocka_unit_test(test_same_frame_no_new_textures),
		cmocka_unit_test(test_doc_cache),
		cmocka_unit_test(test_huge_document_bounded),
		cmocka_unit_test(test_width_of_long_text),
		cmocka_unit_test(test_word_pixels),
		cmocka_unit_test(test_save_png),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
