/* SPDX-License-Identifier: MIT */
/*
 * screen_band: the header band (organisation, clock, Vietnamese date) and
 * the footer (the button legend, or a ticker of notices, with an optional
 * warning banner over it). The legend's button symbols are drawn as shapes
 * (Noto Sans has no arrows or geometric shapes), one per key, the same on
 * every screen and on the printed labels of the buttons (docs/).
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "screen.h"

/* When the organisation's name does not fit beside the full date (a
 * portrait screen), the date gives up its weekday; when it still does not,
 * and the band has room for two rows (portrait: ui_theme_fit()), the name
 * takes the upper row and the full date the lower one, both left of the
 * clock; only then is the name cut. */
void ui_screen_band(struct ui *ui, const struct ui_view *v)
{
	const struct ui_theme *t = &ui->theme;
	int hc = ui_fonts_height(ui->fonts, UI_FONT_CLOCK);
	int hb = ui_fonts_height(ui->fonts, UI_FONT_BAND);
	int x = ui->w - t->margin, gap = t->margin, cw, dw, ow = 0;
	int rule = t->band_h / 24, y = (t->band_h - rule - hb) / 2;
	char clock[16], date[64], org[SCR_LINE_MAX];
	const char *org_name = v->org_name ? v->org_name : "", *day;

	ui_fill(ui, 0, 0, ui->w, t->band_h, t->band_bg);
	/* a thin gold rule under the red, as on a letterhead */
	ui_fill(ui, 0, t->band_h - rule, ui->w, rule, t->warn_bg);
	snprintf(clock, sizeof clock, "%02d:%02d", v->clock.hour % 24, v->clock.minute % 60);
	ui_format_date(&v->clock, date, sizeof date);
	cw = ui_text(ui, UI_FONT_CLOCK, DOC_STYLE_BOLD, t->band_ink, clock, x,
		     (t->band_h - rule - hc) / 2, 2);
	x -= cw + gap;
	day = date;
	if (*org_name)
		ow = ui_fonts_width(ui->fonts, UI_FONT_BAND, DOC_STYLE_BOLD, org_name,
				    strlen(org_name));
	dw = ui_fonts_width(ui->fonts, UI_FONT_BAND, 0, date, strlen(date));
	if (ow > x - dw - gap - t->margin && t->band_h - rule >= 2 * hb + hb / 8) {
		int y0 = (t->band_h - rule - 2 * hb) / 2;

		ui_text(ui, UI_FONT_BAND, DOC_STYLE_BOLD, t->band_ink,
			scr_fit(ui, UI_FONT_BAND, DOC_STYLE_BOLD, org_name, x - t->margin, org,
				sizeof org),
			t->margin, y0, 0);
		ui_text(ui, UI_FONT_BAND, 0, t->band_ink,
			scr_fit(ui, UI_FONT_BAND, 0, date, x - t->margin, org, sizeof org),
			t->margin, y0 + hb, 0);
		return;
	}
	if (ow > x - dw - gap - t->margin && strchr(date, ','))
		day = strchr(date, ',') + 2;
	dw = ui_text(ui, UI_FONT_BAND, 0, t->band_ink, day, x, y, 2);
	x -= dw + gap;
	if (*org_name)
		ui_text(ui, UI_FONT_BAND, DOC_STYLE_BOLD, t->band_ink,
			scr_fit(ui, UI_FONT_BAND, DOC_STYLE_BOLD, org_name, x - t->margin, org,
				sizeof org),
			t->margin, y, 0);
}

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

const char *ui_key_name(enum ui_key k)
{
	static const char *const names[UI_KEY_COUNT] = { "Trước", "Sau", "Chọn", "Quay lại" };

	return (unsigned)k < UI_KEY_COUNT ? names[k] : "";
}

/* ↶: an arc over the top, from the right round to the left, ending in an
 * arrowhead pointing down: "go back the way you came". Unlike ↵ (Enter,
 * which the keyboard uses for select) it has no corner. */
static void back_arrow(struct ui *ui, float fx, float fy, float fs, struct ui_color c)
{
	float cx = fx + fs * .56f, cy = fy + fs * .58f, ro = fs * .32f, ri = fs * .19f;
	const int seg = 24;

	for (int i = 0; i < seg; i++) {
		float a0 = 3.14159265f * (float)i / (float)seg;
		float a1 = 3.14159265f * (float)(i + 1) / (float)seg;
		float c0 = SDL_cosf(a0), s0 = SDL_sinf(a0), c1 = SDL_cosf(a1), s1 = SDL_sinf(a1);

		triangle(ui, cx + ro * c0, cy - ro * s0, cx + ri * c0, cy - ri * s0,
			 cx + ro * c1, cy - ro * s1, c);
		triangle(ui, cx + ri * c0, cy - ri * s0, cx + ri * c1, cy - ri * s1,
			 cx + ro * c1, cy - ro * s1, c);
	}
	/* the right end comes down a little, the left ends in the head */
	triangle(ui, cx + ri, cy, cx + ro, cy, cx + ro, cy + fs * .1f, c);
	triangle(ui, cx + ri, cy, cx + ro, cy + fs * .1f, cx + ri, cy + fs * .1f, c);
	triangle(ui, cx - ro - fs * .1f, cy, cx - ri + fs * .1f, cy, cx - (ro + ri) / 2,
		 cy + fs * .3f, c);
}

void ui_key_symbol(struct ui *ui, enum ui_key k, int x, int y, int s, struct ui_color c)
{
	float fx = (float)x, fy = (float)y, fs = (float)s;

	switch (k) {
	case UI_KEY_PREV:
		triangle(ui, fx + fs * .2f, fy + fs * .5f, fx + fs * .8f, fy + fs * .15f,
			 fx + fs * .8f, fy + fs * .85f, c);
		break;
	case UI_KEY_NEXT:
		triangle(ui, fx + fs * .8f, fy + fs * .5f, fx + fs * .2f, fy + fs * .15f,
			 fx + fs * .2f, fy + fs * .85f, c);
		break;
	case UI_KEY_SELECT:
		/* a disc: a fan of 32 triangles (round on a printed label too) */
		for (int i = 0; i < 32; i++) {
			float a0 = (float)i * 0.19635f, a1 = (float)(i + 1) * 0.19635f;
			float r = fs * .34f, cx = fx + fs * .5f, cy = fy + fs * .5f;

			triangle(ui, cx, cy, cx + r * SDL_cosf(a0), cy + r * SDL_sinf(a0),
				 cx + r * SDL_cosf(a1), cy + r * SDL_sinf(a1), c);
		}
		break;
	case UI_KEY_BACK:
		back_arrow(ui, fx, fy, fs, c);
		break;
	default:
		break;
	}
}

/* One item of the legend: a key's symbol and what it does here, or (key
 * UI_KEY_COUNT) a line of text alone. */
struct legend_item {
	enum ui_key key;
	const char *action;
	const char *brief; /* shorter action for a narrow screen, or NULL */
	bool hold;         /* "Giữ" before the symbol: a long press */
};

/* The legend of each screen, as app_input() acts on it. The symbol is the
 * key's, the same on every screen and on the buttons' labels; the words
 * say what it does on this screen. */
static size_t legend_of(const struct ui_view *v, struct legend_item out[6])
{
	size_t n = 0;

	if (v->notice == APP_NOTICE_LAST_PAGE) {
		out[n++] = (struct legend_item){ UI_KEY_COUNT, "Đây là trang cuối.", "Trang cuối.",
						 false };
		out[n++] = (struct legend_item){ UI_KEY_PREV, "Trang trước", "Trước", false };
		out[n++] = (struct legend_item){ UI_KEY_BACK, "Quay lại", NULL, false };
		return n;
	}
	switch (v->screen) {
	case APP_SCREEN_CAROUSEL:
		out[n++] = (struct legend_item){ UI_KEY_PREV, "Trang trước", "Trước", false };
		out[n++] = (struct legend_item){ UI_KEY_NEXT, "Trang sau", "Sau", false };
		out[n++] = (struct legend_item){ UI_KEY_SELECT, "Đọc", NULL, false };
		out[n++] = (struct legend_item){ UI_KEY_BACK, "Danh sách", NULL, false };
		break;
	case APP_SCREEN_LIST:
		out[n++] = (struct legend_item){ UI_KEY_PREV, "Mục trước", "Trước", false };
		out[n++] = (struct legend_item){ UI_KEY_NEXT, "Mục sau", "Sau", false };
		out[n++] = (struct legend_item){ UI_KEY_SELECT, "Đọc", NULL, false };
		out[n++] = (struct legend_item){ UI_KEY_BACK, "Trình chiếu", NULL, false };
		break;
	case APP_SCREEN_READER:
		out[n++] = (struct legend_item){ UI_KEY_PREV, "Trang trước", "Trước", false };
		out[n++] = (struct legend_item){ UI_KEY_NEXT, "Trang sau", "Sau", false };
		out[n++] = (struct legend_item){ UI_KEY_BACK, "Quay lại", NULL, false };
		break;
	case APP_SCREEN_INFO:
		out[n++] = (struct legend_item){ UI_KEY_BACK, "Quay lại", NULL, false };
		return n;
	default:
		break;
	}
	out[n++] = (struct legend_item){ UI_KEY_BACK, "Thông tin", NULL, true };
	return n;
}

/* Width of one legend item; draws it at x when draw is set (and records
 * where its symbol went). */
static int legend_item(struct ui *ui, const struct legend_item *it, bool brief, int x, int y,
		       bool draw, struct ui_legend_key *where)
{
	const struct ui_theme *t = &ui->theme;
	int lh = ui_fonts_height(ui->fonts, UI_FONT_UI);
	int s = lh * 3 / 4, gap = lh / 4, w = 0;
	const char *action = brief && it->brief ? it->brief : it->action;

	if (it->key == UI_KEY_COUNT) {
		if (draw)
			ui_text(ui, UI_FONT_UI, DOC_STYLE_BOLD, t->ink, action, x, y, 0);
		return ui_fonts_width(ui->fonts, UI_FONT_UI, DOC_STYLE_BOLD, action, strlen(action));
	}
	if (it->hold) {
		if (draw)
			ui_text(ui, UI_FONT_UI, 0, t->ink, "Giữ", x, y, 0);
		w += ui_fonts_width(ui->fonts, UI_FONT_UI, 0, "Giữ", strlen("Giữ")) + gap;
	}
	if (draw) {
		ui_fill(ui, x + w, y + (lh - s) / 2, s, s, t->ink);
		ui_key_symbol(ui, it->key, x + w, y + (lh - s) / 2, s, t->paper);
		if (where)
			*where = (struct ui_legend_key){ it->key, it->hold, x + w,
							 y + (lh - s) / 2, s };
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
		total += legend_item(ui, &items[i], brief, 0, 0, false, NULL) + (i ? sep : 0);
	return total;
}

/* Draws items [from, to) centred on one row at y. */
static void legend_row(struct ui *ui, const struct legend_item *items, size_t from, size_t to,
		       bool brief, int sep, int y, struct ui_legend_key *where, size_t *nwhere)
{
	int x = (ui->w - legend_width(ui, items + from, to - from, brief, sep)) / 2;

	for (size_t i = from; i < to; i++) {
		struct ui_legend_key k = { UI_KEY_COUNT, false, 0, 0, 0 };

		x += legend_item(ui, &items[i], brief, x, y, true, &k) + sep;
		if (where && k.key != UI_KEY_COUNT)
			where[(*nwhere)++] = k;
	}
}

size_t ui_footer_legend(struct ui *ui, const struct ui_view *v, struct ui_legend_key *where)
{
	const struct ui_theme *t = &ui->theme;
	struct legend_item items[6];
	size_t n = legend_of(v, items), nwhere = 0, split = n;
	int lh = ui_fonts_height(ui->fonts, UI_FONT_UI), sep = lh * 3 / 2;
	int room = ui->w - 2 * t->margin, top = ui->h - t->footer_h;
	int rows = t->footer_h >= 2 * lh + lh / 4 ? 2 : 1, y;
	bool brief = false;

	/* Every key stays in the legend: the short forms, then (where the
	 * footer has room for it: portrait) two rows, and only as a last
	 * resort the last keys go. */
	if (legend_width(ui, items, n, false, sep) > room) {
		brief = true;
		sep = lh;
	}
	if (legend_width(ui, items, n, brief, sep) > room && rows == 2) {
		int best = INT_MAX;

		/* the split with the narrower of the two rows widest */
		for (size_t i = 1; i < n; i++) {
			int a = legend_width(ui, items, i, brief, sep);
			int b = legend_width(ui, items + i, n - i, brief, sep);

			if ((a > b ? a : b) < best) {
				best = a > b ? a : b;
				split = i;
			}
		}
		while (n > split + 1 && legend_width(ui, items + split, n - split, brief, sep) > room)
			n--;
		y = top + (t->footer_h - 2 * lh) / 2;
		legend_row(ui, items, 0, split, brief, sep, y, where, &nwhere);
		legend_row(ui, items, split, n, brief, sep, y + lh, where, &nwhere);
		return nwhere;
	}
	while (n > 1 && legend_width(ui, items, n, brief, sep) > room)
		n--;
	legend_row(ui, items, 0, n, brief, sep, top + (t->footer_h - lh) / 2, where, &nwhere);
	return nwhere;
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
		ui_footer_legend(ui, v, NULL);
	}
}
