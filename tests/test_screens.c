/* SPDX-License-Identifier: MIT */
/*
 * The screens as a user sees them, drawn headless with the real fonts: the
 * Info table's rows hold their wrapped values (no text on or past a row's
 * rule), the footer legend draws one symbol per key on every screen and
 * keeps the Info hint in portrait, the reader names the document on every
 * page after the first, the last page says so when paged past, and every
 * face is above the minimum cap height for the viewing distance.
 * Runs with SDL's dummy video driver: no display needed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ui_int.h"

#ifndef BANGTIN_SRCDIR
#error "BANGTIN_SRCDIR must be defined (the source tree holding fonts/)"
#endif

#define FONT_DIR BANGTIN_SRCDIR "/fonts"

static struct ui *open_ui_at(int w, int h, int distance_m)
{
	struct ui_options o = { .width = w, .height = h, .headless = true, .font_dir = FONT_DIR,
				.title = "test", .viewing_distance_m = distance_m };
	char err[UI_ERR_MAX] = "";
	struct ui *ui = ui_new(&o, err, sizeof(err));

	if (!ui)
		fail_msg("ui_new %dx%d: %s", w, h, err);
	return ui;
}

static struct ui *open_ui(int w, int h)
{
	return open_ui_at(w, h, 0);
}

static uint32_t pixel(const struct ui *ui, int x, int y)
{
	const SDL_Surface *s = ui->surface;

	return *(const uint32_t *)((const uint8_t *)s->pixels + (size_t)y * (size_t)s->pitch +
				   (size_t)x * 4) & 0xffffffu;
}

/* Darkest channel sum of the pixels in a rectangle: ink is near 0x1b each. */
static int darkest(const struct ui *ui, int x, int y, int w, int h)
{
	int best = 3 * 255;

	for (int j = y; j < y + h; j++)
		for (int i = x; i < x + w; i++) {
			uint8_t r, g, b;

			SDL_GetRGB(pixel(ui, i, j), ui->surface->format, &r, &g, &b);
			if (r + g + b < best)
				best = r + g + b;
		}
	return best;
}

/* Info ------------------------------------------------------------------- */

static const struct ui_info_row INFO_ROWS[] = {
	{ "Phiên bản phần mềm", "0.1.0" },
	{ "Phiên bản nội dung", "1" },
	{ "Kết quả cập nhật", "Thành công: 9 văn bản, 9 thay đổi" },
	{ "Số văn bản", "9: 4 kết luận, 3 công văn, 1 phiếu xin ý kiến, 1 thông báo" },
	{ "Thời gian hoạt động", "0 phút" },
	{ "Nút bấm", "không tìm thấy gpiochip0 — bàn phím vẫn dùng được" },
};

/* Portrait and landscape: every row is at least as tall as its wrapped
 * value, its rule lies below it, the next row starts below the rule, and
 * no text pixel touches the strip between a row's text and the next row. */
static void check_info(int w, int h)
{
	struct ui *ui = open_ui(w, h);
	struct ui_view v = { .screen = APP_SCREEN_INFO, .org_name = "X",
			     .clock = { 2026, 11, 23, 1, 9, 41 }, .rows = INFO_ROWS,
			     .nrows = sizeof INFO_ROWS / sizeof INFO_ROWS[0] };
	struct ui_info_geo g[UI_INFO_ROWS_MAX];
	size_t n;
	int lh = ui_fonts_height(ui->fonts, UI_FONT_UI);
	bool wrapped = false;

	assert_int_equal(ui_draw(ui, &v), 0);
	n = ui_info_rows(ui, &v, g, UI_INFO_ROWS_MAX);
	assert_int_equal(n, v.nrows);
	for (size_t i = 0; i < n; i++) {
		assert_true(g[i].value_h <= g[i].h);
		if (g[i].value_h > lh)
			wrapped = true;
		if (i + 1 == n)
			continue;
		assert_true(g[i].rule_y >= g[i].y + g[i].h);
		assert_true(g[i + 1].y >= g[i].rule_y + g[i].rule_h);
		/* the gap from the end of this row's text to the next row:
		 * paper and the rule only, no ink */
		int top = g[i].y + g[i].h, bottom = g[i + 1].y;
		assert_true(darkest(ui, g[i].value_x, top, g[i].value_w, bottom - top) > 3 * 0xb0);
	}
	/* the long rows do wrap here, so the test sees the case it is for */
	if (w < h)
		assert_true(wrapped);
	ui_free(ui);
}

static void test_info_rows_grow(void **state)
{
	(void)state;
	check_info(1080, 1920);
	check_info(1920, 1080);
}

/* Legend ----------------------------------------------------------------- */

/* A symbol's pixels, for comparing one key's symbol across screens. */
struct glyph {
	int s;
	uint32_t px[128 * 128];
};

static void grab(const struct ui *ui, const struct ui_legend_key *k, struct glyph *g)
{
	assert_true(k->s > 4 && k->s <= 128);
	g->s = k->s;
	for (int j = 0; j < k->s; j++)
		for (int i = 0; i < k->s; i++)
			g->px[j * k->s + i] = pixel(ui, k->x + i, k->y + j);
}

static bool same_glyph(const struct glyph *a, const struct glyph *b)
{
	return a->s == b->s && memcmp(a->px, b->px, (size_t)a->s * (size_t)a->s * 4) == 0;
}

/* Every screen's legend draws each key with one and the same symbol, the
 * four symbols differ, and the long-press Info hint is there on every
 * screen but Info, in portrait too. */
static void check_legend(int w, int h)
{
	static const enum app_screen screens[] = { APP_SCREEN_CAROUSEL, APP_SCREEN_LIST,
						   APP_SCREEN_READER, APP_SCREEN_INFO };
	static struct glyph seen[UI_KEY_COUNT];
	bool have[UI_KEY_COUNT] = { false };
	struct ui *ui = open_ui(w, h);

	for (size_t i = 0; i < sizeof screens / sizeof screens[0]; i++) {
		struct ui_view v = { .screen = screens[i], .org_name = "X",
				     .clock = { 2026, 11, 23, 1, 9, 41 } };
		struct ui_legend_key keys[6];
		bool hint = false;
		size_t n;

		assert_int_equal(ui_frame_begin(ui, ui->theme.bg), 0);
		ui_fill(ui, 0, 0, w, h, ui->theme.paper);
		n = ui_footer_legend(ui, &v, keys);
		assert_true(n >= 1);
		for (size_t j = 0; j < n; j++) {
			static struct glyph g;

			assert_true(keys[j].key < UI_KEY_COUNT);
			assert_true(keys[j].x >= 0 && keys[j].x + keys[j].s <= w);
			assert_true(keys[j].y >= h - ui->theme.footer_h && keys[j].y + keys[j].s <= h);
			grab(ui, &keys[j], &g);
			if (have[keys[j].key])
				assert_true(same_glyph(&g, &seen[keys[j].key]));
			seen[keys[j].key] = g;
			have[keys[j].key] = true;
			if (keys[j].hold) {
				assert_int_equal(keys[j].key, UI_KEY_BACK);
				hint = true;
			}
		}
		assert_true(hint == (screens[i] != APP_SCREEN_INFO));
	}
	for (int a = 0; a < UI_KEY_COUNT; a++) {
		assert_true(have[a]);
		for (int b = a + 1; b < UI_KEY_COUNT; b++)
			assert_false(same_glyph(&seen[a], &seen[b]));
	}
	assert_string_equal(ui_key_name(UI_KEY_BACK), "Quay lại");
	assert_string_equal(ui_key_name(UI_KEY_SELECT), "Chọn");
	ui_free(ui);
}

static void test_legend_one_symbol_per_key(void **state)
{
	(void)state;
	check_legend(1920, 1080);
	check_legend(1080, 1920);
}

/* The reader on its last page, paged on: the footer says so. */
static void test_last_page_notice(void **state)
{
	struct ui *ui = open_ui(1920, 1080);
	struct ui_view v = { .screen = APP_SCREEN_READER, .org_name = "X",
			     .clock = { 2026, 11, 23, 1, 9, 41 } };
	struct ui_legend_key keys[6];
	size_t n;

	(void)state;
	assert_int_equal(ui_frame_begin(ui, ui->theme.bg), 0);
	n = ui_footer_legend(ui, &v, keys);
	assert_int_equal(n, 4); /* prev, next, back, hold back */
	v.notice = APP_NOTICE_LAST_PAGE;
	assert_int_equal(ui_frame_begin(ui, ui->theme.bg), 0);
	n = ui_footer_legend(ui, &v, keys);
	/* "Đây là trang cuối." then prev and back: no next to press */
	assert_int_equal(n, 2);
	assert_int_equal(keys[0].key, UI_KEY_PREV);
	assert_int_equal(keys[1].key, UI_KEY_BACK);
	/* the sentence left of the first symbol is drawn in ink */
	int lh = ui_fonts_height(ui->fonts, UI_FONT_UI);
	assert_true(darkest(ui, keys[0].x - 6 * lh, keys[0].y, 5 * lh, keys[0].s) < 3 * 0x40);
	ui_free(ui);
}

/* Running head -------------------------------------------------------------- */

static struct doc_block LONG_BLOCKS[40];

static struct doc long_doc(void)
{
	for (size_t i = 0; i < 40; i++)
		LONG_BLOCKS[i] = (struct doc_block){
			.type = DOC_BLOCK_PARA,
			.text = "Quyết tâm hoàn thành các chỉ tiêu, nhiệm vụ năm 2023; đổi mới "
				"phương thức lãnh đạo, nâng cao năng lực cầm quyền và sức chiến "
				"đấu của tổ chức đảng, chất lượng đội ngũ cán bộ, đảng viên.",
			.line = (int)i + 10 };
	return (struct doc){ .kind = "KL", .type_name = "Kết luận", .number = "516-KL/ĐUK",
			     .issuer = "ĐẢNG ỦY KHỐI", .party_header = true,
			     .date = { 2023, 1, 18 }, .blocks = LONG_BLOCKS, .nblocks = 40 };
}

/* Page 2 and later carry "Kết luận số 516-KL/ĐUK" on the sheet's upper
 * edge; page 1 does not (its header names the document). */
static void test_running_head(void **state)
{
	struct doc d = long_doc();
	struct ui *ui = open_ui(1920, 1080);
	struct ui_view v = { .screen = APP_SCREEN_READER, .org_name = "X",
			     .clock = { 2026, 11, 23, 1, 9, 41 }, .doc_key = 1, .doc = &d };
	char head[256];
	int x, y, w, h, m = ui->theme.margin;
	int th = ui_fonts_height(ui->fonts, UI_FONT_SMALL), hw;
	size_t pages;

	(void)state;
	ui_running_head(&d, head, sizeof head);
	assert_string_equal(head, "Kết luận số 516-KL/ĐUK");
	assert_int_equal(ui_doc_pages(ui, 1, &d, NULL, SIZE_MAX, &pages), 0);
	assert_true(pages >= 3);
	ui_doc_box(ui, &x, &y, &w, &h);
	hw = ui_fonts_width(ui->fonts, UI_FONT_SMALL, 0, head, strlen(head));
	/* the band above the sheet: the tab's text would be there */
	for (size_t p = 0; p < 3; p++) {
		v.page = p;
		assert_int_equal(ui_draw(ui, &v), 0);
		int ink = darkest(ui, x, y - m - th / 2, hw, th / 2);
		if (p == 0)
			assert_true(ink > 3 * 0xc0);
		else
			assert_true(ink < 3 * 0x60);
	}
	d.number = NULL;
	ui_running_head(&d, head, sizeof head);
	assert_string_equal(head, "Kết luận");
	ui_free(ui);
}

/* Readability ------------------------------------------------------------ */

/* 16 minutes of arc at 3 m on a 43-inch panel: 13.96 mm, 0.496 mm pixels. */
static void test_min_cap_rule(void **state)
{
	(void)state;
	assert_int_equal(ui_min_cap_px(1920, 1080, 43, 3), 29);
	assert_int_equal(ui_min_cap_px(1080, 1920, 43, 3), 29); /* turned: same pitch */
	assert_int_equal(ui_min_cap_px(3840, 2160, 43, 3), 57);
	assert_int_equal(ui_min_cap_px(1920, 1080, 0, 0), 29);  /* the defaults */
	assert_int_equal(ui_min_cap_px(1920, 1080, 55, 3), 23); /* a bigger panel */
	assert_int_equal(ui_min_cap_px(1920, 1080, 43, 5), 47);
}

/* Every face the screens draw with, at each size, has capitals at least
 * the minimum tall: no text on screen is under it. */
static void check_caps(int w, int h, int distance_m)
{
	struct ui *ui = open_ui_at(w, h, distance_m);

	assert_int_equal(ui->min_cap, ui_min_cap_px(w, h, 43, distance_m));
	for (int f = 0; f < UI_FONT_COUNT; f++)
		if (ui_fonts_cap(ui->fonts, f) < ui->min_cap)
			fail_msg("%dx%d at %d m: face %d has %d px capitals, under %d", w, h,
				 distance_m, f, ui_fonts_cap(ui->fonts, f), ui->min_cap);
	ui_free(ui);
}

static void test_every_face_above_min_cap(void **state)
{
	struct ui *near, *far;

	(void)state;
	check_caps(1920, 1080, 3);
	check_caps(1080, 1920, 3);
	check_caps(1280, 720, 3);
	check_caps(1920, 1080, 6);
	/* further away, larger type; the small faces first of all */
	near = open_ui_at(1920, 1080, 3);
	far = open_ui_at(1920, 1080, 6);
	assert_true(ui_fonts_px(far->fonts, UI_FONT_SMALL) > ui_fonts_px(near->fonts, UI_FONT_SMALL));
	assert_true(ui_fonts_px(far->fonts, UI_FONT_BODY) > ui_fonts_px(near->fonts, UI_FONT_BODY));
	ui_free(near);
	ui_free(far);
}

static double lum(struct ui_color c)
{
	double v[3] = { c.r / 255.0, c.g / 255.0, c.b / 255.0 };

	for (int i = 0; i < 3; i++)
		v[i] = v[i] <= 0.03928 ? v[i] / 12.92 : SDL_pow((v[i] + 0.055) / 1.055, 2.4);
	return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
}

static double contrast(struct ui_color a, struct ui_color b)
{
	double x = lum(a), y = lum(b);

	return x > y ? (x + 0.05) / (y + 0.05) : (y + 0.05) / (x + 0.05);
}

/* Every colour text is drawn in, on every ground it is drawn on, has at
 * least 7:1 contrast (WCAG's enhanced level): the greys included. */
static void test_text_contrast(void **state)
{
	struct ui_theme t;

	(void)state;
	ui_theme_init(&t, 1920, 1080);
	assert_true(contrast(t.ink, t.paper) >= 7);
	assert_true(contrast(t.ink, t.bg) >= 7);
	assert_true(contrast(t.muted, t.paper) >= 7);  /* labels, kinds */
	assert_true(contrast(t.muted, t.bg) >= 7);
	assert_true(contrast(t.accent, t.paper) >= 7); /* group headings, "Mới" */
	assert_true(contrast(t.band_ink, t.band_bg) >= 7);
	assert_true(contrast(t.select_ink, t.select_bg) >= 7);
	assert_true(contrast(t.warn_ink, t.warn_bg) >= 7);
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
		cmocka_unit_test(test_info_rows_grow),
		cmocka_unit_test(test_legend_one_symbol_per_key),
		cmocka_unit_test(test_last_page_notice),
		cmocka_unit_test(test_running_head),
		cmocka_unit_test(test_min_cap_rule),
		cmocka_unit_test(test_every_face_above_min_cap),
		cmocka_unit_test(test_text_contrast),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
