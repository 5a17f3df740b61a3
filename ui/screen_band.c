/* SPDX-License-Identifier: MIT */
/*
 * screen_band: the header band (organisation, clock, Vietnamese date) and
 * the footer (the button legend, or a ticker of notices, with an optional
 * warning banner over it). The legend's button symbols are drawn as shapes:
 * Noto Sans has no arrows or geometric shapes.
 */
#include <stdio.h>
#include <string.h>

#include "screen.h"

/* When the organisation's name does not fit beside the full date (a
 * portrait screen), the date gives up its weekday before the name is cut. */
void ui_screen_band(struct ui *ui, const struct ui_view *v)
{
	const struct ui_theme *t = &ui->theme;
	int hc = ui_fonts_height(ui->fonts, UI_FONT_CLOCK);
	int hb = ui_fonts_height(ui->fonts, UI_FONT_BAND);
	int x = ui->w - t->margin, gap = t->margin, cw, dw, ow = 0;
	char clock[16], date[64], org[SCR_LINE_MAX];
	const char *org_name = v->org_name ? v->org_name : "", *day;

	ui_fill(ui, 0, 0, ui->w, t->band_h, t->band_bg);
	/* a thin gold rule under the red, as on a letterhead */
	ui_fill(ui, 0, t->band_h - t->band_h / 24, ui->w, t->band_h / 24, t->warn_bg);
	snprintf(clock, sizeof clock, "%02d:%02d", v->clock.hour % 24, v->clock.minute % 60);
	ui_format_date(&v->clock, date, sizeof date);
	cw = ui_text(ui, UI_FONT_CLOCK, DOC_STYLE_BOLD, t->band_ink, clock, x,
		     (t->band_h - hc) / 2, 2);
	x -= cw + gap;
	day = date;
	if (*org_name)
		ow = ui_fonts_width(ui->fonts, UI_FONT_BAND, DOC_STYLE_BOLD, org_name,
				    strlen(org_name));
	dw = ui_fonts_width(ui->fonts, UI_FONT_BAND, 0, date, strlen(date));
	if (ow > x - dw - gap - t->margin && strchr(date, ','))
		day = strchr(date, ',') + 2;
	dw = ui_text(ui, UI_FONT_BAND, 0, t->band_ink, day, x, (t->band_h - hb) / 2, 2);
	x -= dw + gap;
	if (*org_name)
		ui_text(ui, UI_FONT_BAND, DOC_STYLE_BOLD, t->band_ink,
			scr_fit(ui, UI_FONT_BAND, DOC_STYLE_BOLD, org_name, x - t->margin, org,
				sizeof org),
			t->margin, (t->band_h - hb) / 2, 0);
}

/* Button symbols of the legend. */
enum key { KEY_PREV, KEY_NEXT, KEY_SELECT, KEY_BACK };

static void triangle(struct ui *ui, float x0, float y0, float x1, float y1, float x2, float y2,
		     struct ui_color c)
{
	SDL_Color col = { c.r, c.g, c.b, c.a };
	SDL_Vertex vx[3] = {
		{ { x0, y0 }, col, { 0, 0 } },
		{ { x1, y1 }, col, { 0, 0 } },
		{ { x2, y2 }, col, { 0, 0 } },
	};

	SDL_RenderGeometry(ui->ren, NULL, vx, 3, NULL, 0);
}

/* Draws the symbol of a button in a square of side s at (x, y). */
static void key_symbol(struct ui *ui, enum key k, int x, int y, int s, struct ui_color c)
{
	float fx = (float)x, fy = (float)y, fs = (float)s;
	int bar = s / 7 > 1 ? s / 7 : 1;

	switch (k) {
	case KEY_PREV:
		triangle(ui, fx + fs * .2f, fy + fs * .5f, fx + fs * .8f, fy + fs * .15f,
			 fx + fs * .8f, fy + fs * .85f, c);
		break;
	case KEY_NEXT:
		triangle(ui, fx + fs * .8f, fy + fs * .5f, fx + fs * .2f, fy + fs * .15f,
			 fx + fs * .2f, fy + fs * .85f, c);
		break;
	case KEY_SELECT:
		/* a disc: a fan of sixteen triangles */
		for (int i = 0; i < 16; i++) {
			float a0 = (float)i * 0.3927f, a1 = (float)(i + 1) * 0.3927f;
			float r = fs * .34f, cx = fx + fs * .5f, cy = fy + fs * .5f;

			triangle(ui, cx, cy, cx + r * SDL_cosf(a0), cy + r * SDL_sinf(a0),
				 cx + r * SDL_cosf(a1), cy + r * SDL_sinf(a1), c);
		}
		break;
	case KEY_BACK:
		/* ↩: down the right side, left along the middle, an arrowhead */
		ui_fill(ui, x + s * 7 / 10, y + s / 6, bar, s / 2 - s / 6 + bar / 2, c);
		ui_fill(ui, x + s * 3 / 10, y + s / 2 - bar / 2, s * 4 / 10 + bar, bar, c);
		triangle(ui, fx + fs * .12f, fy + fs * .5f, fx + fs * .36f, fy + fs * .28f,
			 fx + fs * .36f, fy + fs * .72f, c);
		break;
	}
}

struct legend_item {
	enum key key;
	const char *action;
	const char *brief; /* shorter action for a narrow screen, or NULL */
	bool hold;         /* "Giữ" before the symbol: a long press */
};

/* The legend of each screen, as app_input() acts on it. */
static size_t legend_of(enum app_screen s, struct legend_item out[5])
{
	size_t n = 0;

	switch (s) {
	case APP_SCREEN_CAROUSEL:
		out[n++] = (struct legend_item){ KEY_PREV, "Trang trước", "Trước", false };
		out[n++] = (struct legend_item){ KEY_NEXT, "Trang sau", "Sau", false };
		out[n++] = (struct legend_item){ KEY_SELECT, "Đọc", NULL, false };
		out[n++] = (struct legend_item){ KEY_BACK, "Danh sách", NULL, false };
		break;
	case APP_SCREEN_LIST:
		out[n++] = (struct legend_item){ KEY_PREV, "Lên", NULL, false };
		out[n++] = (struct legend_item){ KEY_NEXT, "Xuống", NULL, false };
		out[n++] = (struct legend_item){ KEY_SELECT, "Đọc", NULL, false };
		out[n++] = (struct legend_item){ KEY_BACK, "Trình chiếu", NULL, false };
		break;
	case APP_SCREEN_READER:
		out[n++] = (struct legend_item){ KEY_PREV, "Trang trước", "Trước", false };
		out[n++] = (struct legend_item){ KEY_NEXT, "Trang sau", "Sau", false };
		out[n++] = (struct legend_item){ KEY_BACK, "Quay lại", NULL, false };
		break;
	case APP_SCREEN_INFO:
		out[n++] = (struct legend_item){ KEY_BACK, "Quay lại", NULL, false };
		return n;
	default:
		break;
	}
	out[n++] = (struct legend_item){ KEY_BACK, "Thông tin", NULL, true };
	return n;
}

/* Width of one legend item; draws it at x when draw is set. */
static int legend_item(struct ui *ui, const struct legend_item *it, bool brief, int x, int y,
		       bool draw)
{
	const struct ui_theme *t = &ui->theme;
	int lh = ui_fonts_height(ui->fonts, UI_FONT_UI);
	int s = lh * 3 / 4, gap = lh / 4, w = 0;
	const char *action = brief && it->brief ? it->brief : it->action;

	if (it->hold) {
		if (draw)
			ui_text(ui, UI_FONT_UI, 0, t->muted, "Giữ", x, y, 0);
		w += ui_fonts_width(ui->fonts, UI_FONT_UI, 0, "Giữ", strlen("Giữ")) + gap;
	}
	if (draw) {
		ui_fill(ui, x + w, y + (lh - s) / 2, s, s, t->ink);
		key_symbol(ui, it->key, x + w, y + (lh - s) / 2, s, t->paper);
	}
	w += s + gap;
	if (draw)
		ui_text(ui, UI_FONT_UI, 0, t->ink, action, x + w, y, 0);
	return w + ui_fonts_width(ui->fonts, UI_FONT_UI, 0, action, strlen(action));
}

static int legend_width(struct ui *ui, const struct legend_item *items, size_t n, bool brief,
			int sep)
{
	int total = 0;

	for (size_t i = 0; i < n; i++)
		total += legend_item(ui, &items[i], brief, 0, 0, false) + (i ? sep : 0);
	return total;
}

/* The legend, centred; on a narrow screen the short forms, then without
 * the long-press hint, then without its last keys until it fits. */
static void footer_legend(struct ui *ui, const struct ui_view *v, int y)
{
	struct legend_item items[5];
	size_t n = legend_of(v->screen, items);
	int lh = ui_fonts_height(ui->fonts, UI_FONT_UI), sep = lh * 3 / 2, x;
	int room = ui->w - 2 * ui->theme.margin;
	bool brief = false;

	if (legend_width(ui, items, n, false, sep) > room) {
		brief = true;
		sep = lh;
	}
	while (n > 1 && legend_width(ui, items, n, brief, sep) > room)
		n--;
	x = (ui->w - legend_width(ui, items, n, brief, sep)) / 2;
	for (size_t i = 0; i < n; i++)
		x += legend_item(ui, &items[i], brief, x, y, true) + sep;
}

/* The ticker: the items one after another, " • " between them, moving
 * left by the clock and wrapping around without a seam. */
static void footer_ticker(struct ui *ui, const struct ui_view *v, int y)
{
	const struct ui_theme *t = &ui->theme;
	int lh = ui_fonts_height(ui->fonts, UI_FONT_UI), sep = lh * 2, total = 0, x;
	int64_t speed = (int64_t)ui->h * 90 / 1080 + 1; /* px per second */
	SDL_Rect clip = { 0, ui->h - t->footer_h, ui->w, t->footer_h };

	for (size_t i = 0; i < v->nticker; i++)
		total += ui_fonts_width(ui->fonts, UI_FONT_UI, 0, v->ticker[i],
					strlen(v->ticker[i])) + sep;
	if (total <= 0)
		return;
	x = -(int)((v->now_ms * speed / 1000) % total);
	SDL_RenderSetClipRect(ui->ren, &clip);
	for (; x < ui->w; ) {
		for (size_t i = 0; i < v->nticker && x < ui->w; i++) {
			int w = ui_fonts_width(ui->fonts, UI_FONT_UI, 0, v->ticker[i],
					       strlen(v->ticker[i]));

			if (x + w > 0)
				ui_text(ui, UI_FONT_UI, 0, t->ink, v->ticker[i], x, y, 0);
			x += w;
			ui_fill(ui, x + sep / 2 - lh / 8, y + lh / 2 - lh / 8, lh / 4, lh / 4,
				t->accent);
			x += sep;
		}
	}
	SDL_RenderSetClipRect(ui->ren, NULL);
}

void ui_screen_footer(struct ui *ui, const struct ui_view *v)
{
	const struct ui_theme *t = &ui->theme;
	int top = ui->h - t->footer_h, lh = ui_fonts_height(ui->fonts, UI_FONT_UI);
	int y = top + (t->footer_h - lh) / 2;
	char buf[SCR_LINE_MAX];

	ui_fill(ui, 0, top, ui->w, t->footer_h, t->paper);
	ui_fill(ui, 0, top, ui->w, t->footer_h / 30 > 1 ? t->footer_h / 30 : 1, t->muted);
	if (v->banner && *v->banner) {
		ui_fill(ui, 0, top, ui->w, t->footer_h, t->warn_bg);
		ui_text(ui, UI_FONT_UI, DOC_STYLE_BOLD, t->warn_ink,
			scr_fit(ui, UI_FONT_UI, DOC_STYLE_BOLD, v->banner,
				ui->w - 2 * t->margin, buf, sizeof buf),
			ui->w / 2, y, 1);
	} else if (v->footer == CONFIG_FOOTER_TICKER && v->nticker > 0 &&
		   v->screen == APP_SCREEN_CAROUSEL) {
		footer_ticker(ui, v, y);
	} else {
		footer_legend(ui, v, y);
	}
}
