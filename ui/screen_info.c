/* SPDX-License-Identifier: MIT */
/*
 * screen_info: the information screen, a two-column table of the rows the
 * caller hands in (software version, content version, last update and its
 * result, document counts, uptime) on a card under a heading.
 */
#include <string.h>

#include "screen.h"

void ui_screen_info(struct ui *ui, const struct ui_view *v)
{
	const struct ui_theme *t = &ui->theme;
	int y0, y1, lh = ui_fonts_height(ui->fonts, UI_FONT_UI), pad = lh / 3;
	int hh = ui_fonts_height(ui->fonts, UI_FONT_UI_BIG), rule = lh / 16 > 1 ? lh / 16 : 1;
	int x0 = t->margin, x1 = ui->w - t->margin, label_w = 0, vx, y;

	scr_body(ui, &y0, &y1);
	y0 += t->margin;
	y1 -= t->margin;
	ui_fill(ui, x0, y0, x1 - x0, y1 - y0, t->paper);
	y = y0 + pad;
	ui_text(ui, UI_FONT_UI_BIG, DOC_STYLE_BOLD, t->ink, "Thông tin", x0 + 2 * pad, y, 0);
	y += hh + pad;
	ui_fill(ui, x0 + 2 * pad, y, x1 - x0 - 4 * pad, rule * 2, t->accent);
	y += 2 * pad;
	for (size_t i = 0; i < v->nrows; i++) {
		const char *l = v->rows[i].label ? v->rows[i].label : "";
		int w = ui_fonts_width(ui->fonts, UI_FONT_UI, 0, l, strlen(l));

		if (w > label_w)
			label_w = w;
	}
	if (label_w > (x1 - x0) * 2 / 5)
		label_w = (x1 - x0) * 2 / 5;
	vx = x0 + 2 * pad + label_w + 2 * lh;
	for (size_t i = 0; i < v->nrows; i++) {
		const struct ui_info_row *r = &v->rows[i];
		const char *val = r->value ? r->value : "";
		int h = scr_wrap(ui, UI_FONT_UI, 0, t->ink, val, vx, 0, x1 - 2 * pad - vx, 3, 0, false);

		if (h < lh)
			h = lh;
		if (y + h > y1 - pad)
			break;
		scr_wrap(ui, UI_FONT_UI, 0, t->muted, r->label ? r->label : "", x0 + 2 * pad, y,
			 label_w, 1, 0, true);
		scr_wrap(ui, UI_FONT_UI, DOC_STYLE_BOLD, t->ink, val, vx, y, x1 - 2 * pad - vx, 3, 0,
			 true);
		y += h + pad;
		if (i + 1 < v->nrows)
			ui_fill(ui, x0 + 2 * pad, y - pad / 2 - rule / 2, x1 - x0 - 4 * pad, rule,
				t->bg);
		y += pad;
	}
}
