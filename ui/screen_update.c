/* SPDX-License-Identifier: MIT */
/*
 * screen_update: the panel shown over any screen while a content bundle is
 * applied ("Đang cập nhật nội dung... 45%" with a bar) and for a few seconds
 * after it (the result, or why the bundle was refused, in the warning
 * colours). The screen under it keeps being drawn, so the kiosk stays alive.
 */
#include "screen.h"

/* Lines of text the panel holds at most. */
#define UPD_LINES 8 /* a refusal naming a file fits a portrait screen */

void ui_screen_update(struct ui *ui, const struct ui_view *v)
{
	const struct ui_theme *t = &ui->theme;
	int lh = ui_fonts_height(ui->fonts, UI_FONT_UI_BIG), y0, y1;
	int w = ui->w - 4 * t->margin, pad = t->margin, text_h, bar_h = 0, h, x, y;
	struct ui_color bg = v->progress_warn ? t->warn_bg : t->paper;
	struct ui_color ink = v->progress_warn ? t->warn_ink : t->ink;
	int edge = lh / 12 > 1 ? lh / 12 : 1;

	if (w > ui->w * 4 / 5 && ui->w > ui->h) /* landscape: a panel, not a band */
		w = ui->w * 4 / 5;
	scr_body(ui, &y0, &y1);
	text_h = scr_wrap(ui, UI_FONT_UI_BIG, DOC_STYLE_BOLD, ink, v->progress_text, 0, 0,
			  w - 2 * pad, UPD_LINES, 1, false);
	if (v->progress >= 0)
		bar_h = lh / 2 + lh / 2;    /* the bar and the gap above it */
	h = text_h + bar_h + 2 * pad;
	x = (ui->w - w) / 2;
	y = y0 + (y1 - y0 - h) / 2;
	ui_fill(ui, x - edge, y - edge, w + 2 * edge, h + 2 * edge,
		v->progress_warn ? t->ink : t->accent);
	ui_fill(ui, x, y, w, h, bg);
	scr_wrap(ui, UI_FONT_UI_BIG, DOC_STYLE_BOLD, ink, v->progress_text, x + pad, y + pad,
		 w - 2 * pad, UPD_LINES, 1, true);
	if (v->progress >= 0) {
		int pct = v->progress > 100 ? 100 : v->progress;
		int bx = x + pad, by = y + pad + text_h + lh / 2, bw = w - 2 * pad, bh = lh / 2;

		ui_fill(ui, bx, by, bw, bh, t->muted);
		ui_fill(ui, bx + edge, by + edge, bw - 2 * edge, bh - 2 * edge, t->paper);
		ui_fill(ui, bx + edge, by + edge, (bw - 2 * edge) * pct / 100, bh - 2 * edge,
			t->accent);
	}
}
