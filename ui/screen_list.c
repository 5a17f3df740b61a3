/* SPDX-License-Identifier: MIT */
/*
 * screen_list: the grouped list of current documents, newest first, with
 * the selection highlighted and scrolled into view. Each line shows date,
 * number, kind and subject, and "Mới" under the date for what the latest
 * update brought; on a narrow (portrait) screen the subject goes under them. The scroll position is derived from the selection alone, so
 * the same view always gives the same pixels.
 */
#include <stdio.h>
#include <string.h>

#include "screen.h"

/* The measures of one frame of the list. */
struct list_geo {
	int x0, x1, y0, y1;  /* the list card */
	int lh, pad;         /* line height, padding inside a row */
	int head_h, item_h;  /* heights of a group heading and of an item */
	int date_w, num_w;   /* the first two columns */
	int subj_x;          /* where the subject starts */
	bool stacked;        /* subject under the meta line (narrow screens) */
};

static int imin(int a, int b)
{
	return a < b ? a : b;
}

static void list_geo(struct ui *ui, const struct ui_view *v, struct list_geo *g)
{
	const struct ui_theme *t = &ui->theme;
	int gap, area;

	scr_body(ui, &g->y0, &g->y1);
	g->x0 = t->margin;
	g->x1 = ui->w - t->margin;
	g->y0 += t->margin;
	g->y1 -= t->margin;
	g->lh = ui_fonts_height(ui->fonts, UI_FONT_UI);
	g->pad = g->lh / 3;
	gap = g->lh;
	area = g->x1 - g->x0 - 2 * g->pad;
	g->head_h = g->lh * 3 / 2 + g->pad;
	g->date_w = ui_fonts_width(ui->fonts, UI_FONT_UI, 0, "00/00/0000", 10);
	g->num_w = 0;
	for (size_t i = 0; i < v->nitems; i++) {
		const char *n = v->items[i].number ? v->items[i].number : "";
		const char *k = v->items[i].kind ? v->items[i].kind : "";
		int w = ui_fonts_width(ui->fonts, UI_FONT_UI, DOC_STYLE_BOLD, n, strlen(n));
		int kw = ui_fonts_width(ui->fonts, UI_FONT_UI, 0, k, strlen(k));

		if (kw > w)
			w = kw;
		if (w > g->num_w)
			g->num_w = imin(w, area * 3 / 10);
	}
	g->subj_x = g->x0 + g->pad + g->date_w + gap + g->num_w + gap;
	g->stacked = g->x1 - g->pad - g->subj_x < area * 45 / 100;
	if (g->stacked)
		g->subj_x = g->x0 + g->pad + g->date_w + gap;
	g->item_h = (g->stacked ? 3 : 2) * g->lh + 2 * g->pad;
}

/* Height of row i: its group heading, if any, and the item. */
static int row_h(const struct list_geo *g, const struct ui_view *v, size_t i)
{
	return (v->items[i].group ? g->head_h : 0) + g->item_h;
}

/* Scroll offset that keeps the selection (and its group heading) in view,
 * about a third down the card when the list is longer than the card, moved
 * to the start of a row so no row is cut at the top. */
static int list_scroll(const struct list_geo *g, const struct ui_view *v)
{
	int total = 0, sel_top = 0, sel_bot = 0, avail = g->y1 - g->y0, off, top = 0;

	for (size_t i = 0; i < v->nitems; i++) {
		if (i == v->sel)
			sel_top = total;
		total += row_h(g, v, i);
		if (i == v->sel)
			sel_bot = total;
	}
	if (total <= avail)
		return 0;
	off = sel_top - avail / 3;
	if (sel_bot - off > avail)
		off = sel_bot - avail;
	if (off > total - avail)
		off = total - avail;
	if (off <= 0)
		return 0;
	/* the last row start at or above off; the next one when that would
	 * push the selection's bottom out of the card */
	for (size_t i = 0; i < v->nitems; i++) {
		int next = top + row_h(g, v, i);

		if (next > off) {
			if (sel_bot - top > avail)
				top = next;
			break;
		}
		top = next;
	}
	return top <= sel_top ? top : sel_top;
}

static void draw_heading(struct ui *ui, const struct list_geo *g, const char *name, int y)
{
	const struct ui_theme *t = &ui->theme;
	int rule = g->lh / 16 > 1 ? g->lh / 16 : 1;

	ui_text(ui, UI_FONT_UI, DOC_STYLE_BOLD, t->accent, name, g->x0 + g->pad,
		y + g->head_h - g->lh - g->pad - rule, 0);
	ui_fill(ui, g->x0 + g->pad, y + g->head_h - g->pad / 2 - rule,
		g->x1 - g->x0 - 2 * g->pad, rule, t->accent);
}

static void draw_item(struct ui *ui, const struct list_geo *g, const struct ui_list_item *it,
		      int y, bool sel)
{
	const struct ui_theme *t = &ui->theme;
	struct ui_color ink = sel ? t->select_ink : t->ink, muted = sel ? t->select_ink : t->muted;
	int x = g->x0 + g->pad, ty = y + g->pad, sw = g->x1 - g->pad - g->subj_x;
	char buf[SCR_LINE_MAX], kind[256];

	if (sel)
		ui_fill(ui, g->x0, y, g->x1 - g->x0, g->item_h, t->select_bg);
	if (it->pinned)
		ui_fill(ui, g->x0, y, g->pad / 2 > 2 ? g->pad / 2 : 2, g->item_h, t->warn_bg);
	ui_text(ui, UI_FONT_UI, 0, ink, it->date ? it->date : "", x, ty, 0);
	/* the marks under the date: "Mới" (the latest update) and "Ghim" */
	if (it->pinned || it->fresh)
		ui_text(ui, UI_FONT_UI, DOC_STYLE_BOLD, sel ? t->select_ink : t->accent,
			it->fresh && it->pinned ? "Mới · Ghim" : it->fresh ? "Mới" : "Ghim", x,
			ty + g->lh, 0);
	x += g->date_w + g->lh;
	snprintf(kind, sizeof kind, "%s", it->kind ? it->kind : "");
	if (g->stacked) {
		int nw = ui_text(ui, UI_FONT_UI, DOC_STYLE_BOLD, ink,
				 scr_fit(ui, UI_FONT_UI, DOC_STYLE_BOLD, it->number ? it->number : "",
					 g->x1 - g->pad - x, buf, sizeof buf), x, ty, 0);
		if (nw > 0)
			nw += g->lh;
		ui_text(ui, UI_FONT_UI, 0, muted,
			scr_fit(ui, UI_FONT_UI, 0, kind, g->x1 - g->pad - x - nw, buf, sizeof buf),
			x + nw, ty, 0);
		scr_wrap(ui, UI_FONT_UI, 0, ink, it->subject ? it->subject : "", g->subj_x,
			 ty + g->lh, sw, 2, 0, true);
		return;
	}
	ui_text(ui, UI_FONT_UI, DOC_STYLE_BOLD, ink,
		scr_fit(ui, UI_FONT_UI, DOC_STYLE_BOLD, it->number ? it->number : "", g->num_w, buf,
			sizeof buf), x, ty, 0);
	ui_text(ui, UI_FONT_UI, 0, muted, scr_fit(ui, UI_FONT_UI, 0, kind, g->num_w, buf, sizeof buf),
		x, ty + g->lh, 0);
	scr_wrap(ui, UI_FONT_UI, 0, ink, it->subject ? it->subject : "", g->subj_x, ty, sw, 2, 0,
		 true);
}

/* A thin bar at the right edge: where the view is in a long list. */
static void draw_scrollbar(struct ui *ui, const struct list_geo *g, const struct ui_view *v,
			   int off)
{
	int total = 0, avail = g->y1 - g->y0, bw = g->pad / 2 > 2 ? g->pad / 2 : 2;

	for (size_t i = 0; i < v->nitems; i++)
		total += row_h(g, v, i);
	if (total <= avail)
		return;
	int top = (int)((int64_t)off * avail / total), h = (int)((int64_t)avail * avail / total);

	if (top + h > avail)
		top = avail - h;
	ui_fill(ui, g->x1 - bw, g->y0 + top, bw, h, ui->theme.muted);
}

void ui_screen_list(struct ui *ui, const struct ui_view *v)
{
	const struct ui_theme *t = &ui->theme;
	struct list_geo g;
	int off, y;
	SDL_Rect clip;

	list_geo(ui, v, &g);
	ui_fill(ui, g.x0, g.y0, g.x1 - g.x0, g.y1 - g.y0, t->paper);
	if (v->nitems == 0) {
		ui_text(ui, UI_FONT_UI_BIG, 0, t->muted, "Chưa có văn bản", ui->w / 2,
			(g.y0 + g.y1) / 2 - ui_fonts_height(ui->fonts, UI_FONT_UI_BIG) / 2, 1);
		return;
	}
	off = list_scroll(&g, v);
	clip = (SDL_Rect){ g.x0, g.y0, g.x1 - g.x0, g.y1 - g.y0 };
	SDL_RenderSetClipRect(ui->ren, &clip);
	y = g.y0 - off;
	for (size_t i = 0; i < v->nitems && y < g.y1; i++) {
		int h = row_h(&g, v, i);

		if (y + h > g.y0) {
			if (v->items[i].group)
				draw_heading(ui, &g, v->items[i].group, y);
			draw_item(ui, &g, &v->items[i], y + h - g.item_h, i == v->sel);
		}
		y += h;
	}
	SDL_RenderSetClipRect(ui->ren, NULL);
	draw_scrollbar(ui, &g, v, off);
}
