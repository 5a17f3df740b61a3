/* SPDX-License-Identifier: MIT */
/*
 * The update overlay (ui/screen_update.c) on the headless renderer: absent
 * when no progress text is given (every other screen and the golden
 * screenshots stay as they were), a bar whose filled part follows the
 * percentage, and a refusal in the warning colours without a bar.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "screen.h"

#define FONT_DIR BANGTIN_SRCDIR "/fonts"

static uint32_t pixel(const struct ui *ui, int x, int y)
{
	const SDL_Surface *s = ui->surface;

	return *(const uint32_t *)((const uint8_t *)s->pixels + (size_t)y * (size_t)s->pitch +
				   (size_t)x * 4) & 0xffffffu;
}

/* Pixels of colour c between the header band and the footer. */
static long count_body(const struct ui *ui, struct ui_color c)
{
	uint32_t want = SDL_MapRGB(ui->surface->format, c.r, c.g, c.b) & 0xffffffu;
	int y0, y1;
	long n = 0;

	scr_body(ui, &y0, &y1);
	for (int y = y0; y < y1; y++)
		for (int x = 0; x < ui->w; x++)
			n += pixel(ui, x, y) == want;
	return n;
}

static struct ui_view view(void)
{
	return (struct ui_view){
		.screen = APP_SCREEN_LIST,
		.org_name = "ĐẢNG ỦY THÔNG TẤN XÃ VIỆT NAM",
		.clock = { 2026, 11, 23, 1, 9, 41 },
		.footer = CONFIG_FOOTER_LEGEND,
	};
}

static struct ui *open_ui(void)
{
	struct ui_options o = { .width = 1280, .height = 720, .headless = true,
				.font_dir = FONT_DIR, .title = "test" };
	char err[UI_ERR_MAX] = "";
	struct ui *ui = ui_new(&o, err, sizeof err);

	if (!ui)
		fail_msg("ui_new: %s", err);
	return ui;
}

/* The frame as a copy of its pixels. */
static uint32_t *frame(const struct ui *ui)
{
	size_t n = (size_t)ui->surface->h * (size_t)ui->surface->pitch;
	uint32_t *p = malloc(n);

	assert_non_null(p);
	memcpy(p, ui->surface->pixels, n);
	return p;
}

static void test_absent_without_text(void **state)
{
	struct ui *ui = open_ui();
	struct ui_view v = view();
	uint32_t *a, *b;

	(void)state;
	assert_int_equal(ui_draw(ui, &v), 0);
	a = frame(ui);
	v.progress = 77; /* without text a percentage alone shows nothing */
	assert_int_equal(ui_draw(ui, &v), 0);
	b = frame(ui);
	assert_memory_equal(a, b, (size_t)ui->surface->h * (size_t)ui->surface->pitch);
	v.progress_text = "Đang cập nhật nội dung... 77%";
	assert_int_equal(ui_draw(ui, &v), 0);
	free(b);
	b = frame(ui);
	assert_memory_not_equal(a, b, (size_t)ui->surface->h * (size_t)ui->surface->pitch);
	free(a);
	free(b);
	ui_free(ui);
}

static void test_bar_follows_percentage(void **state)
{
	struct ui *ui = open_ui();
	struct ui_view v = view();
	long none, p0, p45, p100;

	(void)state;
	assert_int_equal(ui_draw(ui, &v), 0);
	none = count_body(ui, ui->theme.accent);
	v.progress_text = "Đang cập nhật nội dung...";
	v.progress = 0;
	assert_int_equal(ui_draw(ui, &v), 0);
	p0 = count_body(ui, ui->theme.accent);
	v.progress = 45;
	assert_int_equal(ui_draw(ui, &v), 0);
	p45 = count_body(ui, ui->theme.accent);
	v.progress = 100;
	assert_int_equal(ui_draw(ui, &v), 0);
	p100 = count_body(ui, ui->theme.accent);
	/* The panel's accent edge at 0 %, then a bar that fills in proportion. */
	assert_true(p0 > none);
	assert_true(p45 > p0 && p100 > p45);
	double ratio = (double)(p45 - p0) / (double)(p100 - p0);
	assert_true(ratio > 0.43 && ratio < 0.47);
	/* The bar is at least half the width of the screen at 100 %. */
	assert_true(p100 - p0 > (long)ui->w / 2 * 10);
	v.progress = 250; /* clamped */
	assert_int_equal(ui_draw(ui, &v), 0);
	assert_int_equal(count_body(ui, ui->theme.accent), p100);
	ui_free(ui);
}

static void test_refusal_in_warning_colours(void **state)
{
	struct ui *ui = open_ui();
	struct ui_view v = view();
	long before, warn;

	(void)state;
	assert_int_equal(ui_draw(ui, &v), 0);
	before = count_body(ui, ui->theme.warn_bg);
	v.progress_text = "Gói nội dung không có chữ ký. Nội dung đang hiển thị được giữ "
			  "nguyên.";
	v.progress = -1;
	v.progress_warn = true;
	assert_int_equal(ui_draw(ui, &v), 0);
	warn = count_body(ui, ui->theme.warn_bg);
	assert_int_equal(before, 0);
	assert_true(warn > (long)ui->w / 2 * 50);
	/* No bar: no accent in the body (the list is empty). */
	assert_int_equal(count_body(ui, ui->theme.accent), 0);
	ui_free(ui);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_absent_without_text),
		cmocka_unit_test(test_bar_follows_percentage),
		cmocka_unit_test(test_refusal_in_warning_colours),
	};

	setenv("SDL_VIDEODRIVER", "dummy", 0);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
