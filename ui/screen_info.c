/* SPDX-License-Identifier: MIT */
/*
 * screen_info: the information screen, a two-column table of the rows the
 * caller hands in (software version, content version, last update and its
 * result, document counts, uptime) on a card under a heading. A row is as
 * tall as its longer column, so a value wrapped over several lines pushes
 * the rule and the rows under it down instead of running into them.
 */
#include <string.h>

#include "screen.h"

/* Lines a value or a label wraps to at most; the last is cut with "…". */
#define INFO_LINES 4

/* The card's measures: heading, label column, value column. */
struct info_card {
	int x0, x1, y0, y1, pad, rule, label_w, vx, vw, top;
};

static void info_card(struct ui *ui, const struct ui_view *v, struct info_card *c)
{
	const struct ui_theme *t = &ui->theme;
	int lh = ui_fonts_height(ui->fonts, UI_FONT_UI);
	int hh = ui_fonts_height(ui->fonts, UI_FONT_UI_BIG);

	scr_body(ui, &c->y0, &c->y1);
	c->y0 += t->margin;
	c->y1 -= t->margin;
	c->x0 = t->margin;
	c->x1 = ui->w - t->margin;
	c->pad = lh / 3;
	c->rule = lh / 16 > 1 ? lh / 16 : 1;
	c->label_w = 0;
	for (size_t i = 0; i < v->nrows; i++) {
		const char *l = v->rows[i].label ? v->rows[i].label : "";
		int w = ui_fonts_width(ui->fonts, UI_FONT_UI, 0, l, strlen(l));

		if (w > c->label_w)
			c->label_w = w;
	}
	if (c->label_w > (c->x1 - c->x0) * 2 / 5)
		c->label_w = (c->x1 - c->x0) * 2 / 5;
	c->vx = c->x0 + 2 * c->pad + c->label_w + 2 * lh;
	c->vw = c->x1 - 2 * c->pad - c->vx;
	c->top = c->y0 + c->pad + hh + c->pad + 2 * c->pad;
}

size_t ui_info_rows(struct ui *ui, const struct ui_view *v, struct ui_info_geo *out, size_t max)
{
	struct info_card c;
	int lh = ui_fonts_height(ui->fonts, UI_FONT_UI), y;
	size_t n = 0;

	info_card(ui, v, &c);
	y = c.top;
	for (size_t i = 0; i < v->nrows && n < max; i++) {
		const struct ui_info_row *r = &v->rows[i];
		int vh = scr_wrap(ui, UI_FONT_UI, DOC_STYLE_BOLD, ui->theme.ink,
				  r->value ? r->value : "", c.vx, 0, c.vw, INFO_LINES, 0, false);
		int lhgt = scr_wrap(ui, UI_FONT_UI, 0, ui->theme.muted, r->label ? r->label : "",
				    0, 0, c.label_w, INFO_LINES, 0, false);
		int h = vh > lhgt ? vh : lhgt;

		if (h < lh)
			h = lh;
		if (y + h > c.y1 - c.pad)
			break;
		out[n] = (struct ui_info_geo){ .y = y, .h = h, .value_x = c.vx, .value_w = c.vw,
					       .value_h = vh, .rule_y = -1, .rule_h = c.rule };
		y += h + c.pad;
		if (i + 1 < v->nrows)
			out[n].rule_y = y - c.pad / 2 - c.rule / 2;
		y += c.pad;
		n++;
	}
	return n;
}

void ui_screen_info(struct ui *ui, const struct ui_view *v)
{
	const struct ui_theme *t = &ui->theme;
	struct ui_info_geo g[UI_INFO_ROWS_MAX];
	struct info_card c;
	int hh = ui_fonts_height(ui->fonts, UI_FONT_UI_BIG);
	size_t n;

	info_card(ui, v, &c);
	ui_fill(ui, c.x0, c.y0, c.x1 - c.x0, c.y1 - c.y0, t->paper);
	ui_text(ui, UI_FONT_UI_BIG, DOC_STYLE_BOLD, t->ink, "Thông tin", c.x0 + 2 * c.pad,
		c.y0 + c.pad, 0);
	ui_fill(ui, c.x0 + 2 * c.pad, c.y0 + c.pad + hh + c.pad, c.x1 - c.x0 - 4 * c.pad,
		c.rule * 2, t->accent);
	n = ui_info_rows(ui, v, g, UI_INFO_ROWS_MAX);
	for (size_t i = 0; i < n; i++) {
		const struct ui_info_row *r = &v->rows[i];

		scr_wrap(ui, UI_FONT_UI, 0, t->muted, r->label ? r->label : "", c.x0 + 2 * c.pad,
			 g[i].y, c.label_w, INFO_LINES, 0, true);
		scr_wrap(ui, UI_FONT_UI, DOC_STYLE_BOLD, t->ink, r->value ? r->value : "",
			 g[i].value_x, g[i].y, g[i].value_w, INFO_LINES, 0, true);
		if (g[i].rule_y >= 0)
			ui_fill(ui, c.x0 + 2 * c.pad, g[i].rule_y, c.x1 - c.x0 - 4 * c.pad,
				g[i].rule_h, t->bg);
	}
}
