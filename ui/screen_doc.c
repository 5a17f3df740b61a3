/* SPDX-License-Identifier: MIT */
/*
 * screen_doc: the carousel and the reader. The document page sits on a
 * paper sheet with a soft shadow; tabs on the sheet's lower edge say which
 * page shows ("Trang 2/5") and, in the carousel, where the cycle is (dots
 * and "Kết luận 2/4"); on pages after the first a tab on its upper edge
 * names the document ("Kết luận số 516-KL/ĐUK").
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "screen.h"

/* The most dots the cycle indicator draws; longer cycles show only text. */
#define DOTS_MAX 12

/* A tab straddling the lower edge of the sheet (edge_y), holding text.
 * align: 0 from x, 1 centred on x, 2 ending at x. Returns its width. */
static int edge_tab(struct ui *ui, const char *text, int x, int edge_y, int align, int lead)
{
	const struct ui_theme *t = &ui->theme;
	int lh = ui_fonts_height(ui->fonts, UI_FONT_UI), pad = lh / 3;
	int th = ui_fonts_height(ui->fonts, UI_FONT_SMALL);
	int w = lead + ui_fonts_width(ui->fonts, UI_FONT_SMALL, 0, text, strlen(text)) + 2 * pad;
	int h = th + pad / 2, y = edge_y - h / 2;

	if (align == 1)
		x -= w / 2;
	else if (align == 2)
		x -= w;
	ui_fill(ui, x, y, w, h, t->muted);
	ui_fill(ui, x + 1, y + 1, w - 2, h - 2, t->paper);
	ui_text(ui, UI_FONT_SMALL, 0, t->ink, text, x + pad + lead, y + (h - th) / 2, 0);
	return w;
}

/* The cycle indicator: a dot per document, the current one in the accent
 * colour, then "Kết luận 2/4" (or "Văn bản" when the cycle is not of
 * conclusions). */
static void cycle_tab(struct ui *ui, const struct ui_view *v, int x, int edge_y)
{
	const struct ui_theme *t = &ui->theme;
	int lh = ui_fonts_height(ui->fonts, UI_FONT_UI), pad = lh / 3;
	int th = ui_fonts_height(ui->fonts, UI_FONT_SMALL), d = th / 3, lead = 0;
	const char *what = v->doc && doc_group(v->doc) == DOC_GROUP_CONCLUSION ? "Kết luận"
									       : "Văn bản";
	char text[64];

	if (v->cycle_len == 0)
		return;
	snprintf(text, sizeof text, "%s %zu/%zu", what, v->cycle_pos + 1, v->cycle_len);
	if (v->cycle_len <= DOTS_MAX)
		lead = (int)v->cycle_len * (d * 2) + d;
	edge_tab(ui, text, x, edge_y, 0, lead);
	for (size_t i = 0; lead && i < v->cycle_len; i++) {
		int dx = x + pad + (int)i * 2 * d, dy = edge_y - d / 2;
		bool on = i == v->cycle_pos;

		ui_fill(ui, dx, dy, d, d, on ? t->accent : t->muted);
		if (!on && d > 4)
			ui_fill(ui, dx + 2, dy + 2, d - 4, d - 4, t->paper);
	}
}

/* Fills the part of a w x h rectangle at (x, y), offset by d down and right,
 * that the rectangle itself does not cover: a shadow's right and bottom
 * strips. Blending only the strips, not the whole sheet, keeps a software
 * frame cheap (two full-size translucent fills cost ~4 ms at 1080p). */
static void shadow(struct ui *ui, int x, int y, int w, int h, int d, struct ui_color c)
{
	ui_fill(ui, x + w, y + d, d, h, c);
	ui_fill(ui, x + d, y + h, w - d, d, c);
}

/* The sheet: paper with a soft shadow, one margin beyond the page box. */
static void sheet(struct ui *ui, int x, int y, int w, int h)
{
	const struct ui_theme *t = &ui->theme;
	int m = t->margin, s = m / 6 > 1 ? m / 6 : 1;
	struct ui_color shade = { 0, 0, 0, 28 };
	int px = x - m, py = y - m, pw = w + 2 * m, ph = h + 2 * m;

	shadow(ui, px, py, pw, ph, s, shade);
	shadow(ui, px, py, pw, ph, s / 2, shade);
	ui_fill(ui, px, py, pw, ph, t->paper);
}

void ui_running_head(const struct doc *d, char *buf, size_t size)
{
	const char *kind = d->type_name ? d->type_name : d->kind ? doc_kind_name(d->kind) : NULL;

	if (kind && d->number)
		snprintf(buf, size, "%s số %s", kind, d->number);
	else
		snprintf(buf, size, "%s", kind ? kind : d->number ? d->number : "");
}

void ui_screen_doc(struct ui *ui, const struct ui_view *v)
{
	const struct ui_theme *t = &ui->theme;
	int x, y, w, h, m = t->margin;
	size_t pages = 0;
	char text[64];

	ui_doc_box(ui, &x, &y, &w, &h);
	sheet(ui, x, y, w, h);
	/* Only the pages up to the one shown are laid out here, so the first
	 * frame of a document does not wait for the rest of it; the caller lays
	 * out the rest after drawing (and draws again with the page count). */
	if (!v->doc || ui_doc_pages(ui, v->doc_key, v->doc, v->doc_note, v->page, &pages) < 0 ||
	    pages == 0) {
		scr_wrap(ui, UI_FONT_UI, 0, t->muted, "Không hiển thị được văn bản này.", x,
			 y + h / 3, w, 2, 1, true);
		return;
	}
	ui_draw_doc_page(ui, v->doc_key, v->page < pages ? v->page : pages - 1, x, y);
	if (ui_doc_complete(ui, v->doc_key))
		snprintf(text, sizeof text, "Trang %zu/%zu",
			 (v->page < pages ? v->page : pages - 1) + 1, pages);
	else
		snprintf(text, sizeof text, "Trang %zu", (v->page < pages ? v->page : pages - 1) + 1);
	edge_tab(ui, text, x + w + m / 2, y + h + m, 2, 0);
	/* Pages after the first name the document on the sheet's top edge,
	 * as a running head does on paper. */
	if (v->page > 0) {
		char head[256];

		ui_running_head(v->doc, head, sizeof head);
		/* standing on the edge, clear of the first line */
		int th = ui_fonts_height(ui->fonts, UI_FONT_SMALL) +
			 ui_fonts_height(ui->fonts, UI_FONT_UI) / 6;

		if (*head)
			edge_tab(ui, head, x - m / 2, y - m - th / 2 + m / 4, 0, 0);
	}
	if (v->screen == APP_SCREEN_CAROUSEL)
		cycle_tab(ui, v, x - m / 2, y + h + m);
}
