/* SPDX-License-Identifier: MIT */
/*
 * screen_misc: the empty state, the sleep screen, and the text-fitting
 * helpers every screen shares (screen.h). Interface text is Vietnamese.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "norm.h"
#include "screen.h"

static const char ELLIPSIS[] = "…";

/* Largest k <= n that starts a character of s (s runs on past n). */
static size_t char_floor(const char *s, size_t n)
{
	return norm_cut(s, SIZE_MAX, n);
}

static int width(struct ui *ui, int font, unsigned style, const char *s, size_t n)
{
	return n ? ui_fonts_width(ui->fonts, font, style, s, n) : 0;
}

/* Longest prefix (at a character boundary) of s[0..n) no wider than maxw. */
static size_t fit_prefix(struct ui *ui, int font, unsigned style, const char *s, size_t n,
			 int maxw)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = char_floor(s, lo + (hi - lo + 1) / 2);

		if (mid <= lo) {
			/* the next character boundary after lo */
			mid = lo + 1;
			while (mid < n && ((unsigned char)s[mid] & 0xc0) == 0x80)
				mid++;
			if (width(ui, font, style, s, mid) <= maxw)
				lo = mid;
			break;
		}
		if (width(ui, font, style, s, mid) <= maxw)
			lo = mid;
		else
			hi = char_floor(s, mid - 1);
	}
	return lo;
}

char *scr_fit(struct ui *ui, int font, unsigned style, const char *s, int maxw, char *buf,
	      size_t size)
{
	size_t n = strlen(s), room = size > sizeof ELLIPSIS ? size - sizeof ELLIPSIS : 0;
	size_t k;

	if (size == 0)
		return buf;
	if (n < size && width(ui, font, style, s, n) <= maxw) {
		memcpy(buf, s, n + 1);
		return buf;
	}
	k = fit_prefix(ui, font, style, s, n < room ? n : char_floor(s, room),
		       maxw - width(ui, font, style, ELLIPSIS, sizeof ELLIPSIS - 1));
	while (k > 0 && (s[k - 1] == ' ' || s[k - 1] == ','))
		k--;
	memcpy(buf, s, k);
	memcpy(buf + k, ELLIPSIS, sizeof ELLIPSIS);
	return buf;
}

size_t scr_break(struct ui *ui, int font, unsigned style, const char *s, int maxw, size_t *next)
{
	size_t n = strlen(s), k, j;

	if (width(ui, font, style, s, n) <= maxw) {
		*next = n;
		return n;
	}
	k = fit_prefix(ui, font, style, s, n, maxw);
	j = k;
	if (s[k] != ' ')
		while (j > 0 && s[j - 1] != ' ')
			j--;
	if (j == 0) /* one word wider than the line: cut it */
		j = k ? k : char_floor(s, 1) ? char_floor(s, 1) : 1;
	*next = j;
	while (j > 0 && s[j - 1] == ' ')
		j--;
	while (s[*next] == ' ')
		(*next)++;
	return j;
}

static void draw_line(struct ui *ui, int font, unsigned style, struct ui_color c, const char *s,
		      int x, int y, int w, int align)
{
	int ax = align == 1 ? x + w / 2 : align == 2 ? x + w : x;

	ui_text(ui, font, style, c, s, ax, y, align);
}

int scr_wrap(struct ui *ui, int font, unsigned style, struct ui_color c, const char *s, int x,
	     int y, int w, int maxlines, int align, bool draw)
{
	int lh = ui_fonts_height(ui->fonts, font), used = 0;
	char buf[SCR_LINE_MAX];

	for (int line = 0; *s && line < maxlines; line++) {
		size_t next, n = scr_break(ui, font, style, s, w, &next);

		if (line + 1 == maxlines && s[next]) {
			scr_fit(ui, font, style, s, w, buf, sizeof buf);
		} else {
			if (n >= sizeof buf)
				n = char_floor(s, sizeof buf - 1);
			memcpy(buf, s, n);
			buf[n] = '\0';
		}
		if (draw)
			draw_line(ui, font, style, c, buf, x, y + used, w, align);
		used += lh;
		s += next;
	}
	return used;
}

void scr_body(const struct ui *ui, int *y0, int *y1)
{
	*y0 = ui->theme.band_h;
	*y1 = ui->h - ui->theme.footer_h;
}

/* The info rows under the empty state: a small table, labels muted and
 * right-aligned, values left-aligned and wrapped into up to 3 lines (how to
 * enrol a key is a sentence), the whole centred. Returns the height; with
 * draw false it only measures. */
static int empty_rows(struct ui *ui, const struct ui_view *v, int y, int y1, bool draw)
{
	const struct ui_theme *t = &ui->theme;
	int lh = ui_fonts_height(ui->fonts, UI_FONT_UI), gap = lh;
	int lw = 0, vw = 0, room = ui->w - 4 * t->margin - gap, x;
	char buf[SCR_LINE_MAX];

	for (size_t i = 0; i < v->nrows; i++) {
		const char *l = v->rows[i].label ? v->rows[i].label : "";
		const char *val = v->rows[i].value ? v->rows[i].value : "";
		int a = ui_fonts_width(ui->fonts, UI_FONT_UI, 0, l, strlen(l));
		int b = ui_fonts_width(ui->fonts, UI_FONT_UI, 0, val, strlen(val));

		lw = a > lw ? a : lw;
		vw = b > vw ? b : vw;
	}
	if (lw > room / 2)
		lw = room / 2;
	if (vw > room - lw)
		vw = room - lw;
	x = (ui->w - lw - gap - vw) / 2;
	int y_start = y;

	for (size_t i = 0; i < v->nrows && y + lh <= y1; i++) {
		const struct ui_info_row *r = &v->rows[i];
		int lines = (y1 - y) / lh < 3 ? (y1 - y) / lh : 3;

		if (draw)
			ui_text(ui, UI_FONT_UI, 0, t->muted,
				scr_fit(ui, UI_FONT_UI, 0, r->label ? r->label : "", lw, buf,
					sizeof buf), x + lw, y, 2);
		y += scr_wrap(ui, UI_FONT_UI, 0, t->ink, r->value ? r->value : "",
			      x + lw + gap, y, vw, lines, 0, draw);
	}
	return y - y_start;
}

/* The empty state: what is missing and how to load content, then the info
 * rows (version, last update) when the caller gives them. */
void ui_screen_empty(struct ui *ui, const struct ui_view *v)
{
	const struct ui_theme *t = &ui->theme;
	int y0, y1, w = ui->w - 4 * t->margin, x = 2 * t->margin, y, h;
	static const char hint[] =
		"Cắm thẻ nhớ USB có gói nội dung đã ký (thư mục BANGTIN) để cập nhật.";
	int big = ui_fonts_height(ui->fonts, UI_FONT_UI_BIG);
	int lh = ui_fonts_height(ui->fonts, UI_FONT_UI);

	scr_body(ui, &y0, &y1);
	h = big + lh + scr_wrap(ui, UI_FONT_UI, 0, t->muted, hint, x, 0, w, 3, 1, false);
	if (v->nrows)
		h += lh + empty_rows(ui, v, 0, INT_MAX / 2, false);
	y = y0 + (y1 - y0 - h) / 2;
	if (y < y0 + t->margin)
		y = y0 + t->margin;
	ui_text(ui, UI_FONT_UI_BIG, DOC_STYLE_BOLD, t->ink, "Chưa có văn bản", ui->w / 2, y, 1);
	y += big + lh / 2;
	ui_fill(ui, ui->w / 2 - 2 * lh, y, 4 * lh, lh / 10 > 2 ? lh / 10 : 2, t->accent);
	y += lh / 2;
	y += scr_wrap(ui, UI_FONT_UI, 0, t->muted, hint, x, y, w, 3, 1, true) + lh;
	empty_rows(ui, v, y, y1, true);
}

/* Sleep: nearly black, a dim clock and how to wake the screen. The block
 * moves a little each minute so nothing stays burnt into the panel. */
void ui_screen_sleep(struct ui *ui, const struct ui_view *v)
{
	static const struct ui_color black = { 0, 0, 0, 255 }, dim = { 0x50, 0x50, 0x50, 255 },
				     dimmer = { 0x3a, 0x3a, 0x3a, 255 };
	int big = ui_fonts_height(ui->fonts, UI_FONT_UI_BIG);
	int lh = ui_fonts_height(ui->fonts, UI_FONT_UI);
	int step = (ui->w < ui->h ? ui->w : ui->h) / 24, m = v->clock.minute;
	int dx = ((m % 5) - 2) * step, dy = ((m / 5 % 5) - 2) * step / 2;
	char clock[16];

	ui_fill(ui, 0, 0, ui->w, ui->h, black);
	snprintf(clock, sizeof clock, "%02d:%02d", v->clock.hour % 24, v->clock.minute % 60);
	ui_text(ui, UI_FONT_UI_BIG, 0, dim, clock, ui->w / 2 + dx, ui->h / 2 - big + dy, 1);
	ui_text(ui, UI_FONT_UI, 0, dimmer, "Nhấn phím bất kỳ để bật màn hình", ui->w / 2 + dx,
		ui->h / 2 + lh / 2 + dy, 1);
}
