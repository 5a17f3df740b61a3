/* SPDX-License-Identifier: MIT */
/*
 * theme: the kiosk's palette and measures. A lobby screen is read from a few
 * metres in mixed light, so the palette is calm and high in contrast: a
 * paper-white sheet on a slightly darker warm grey, near-black ink, and one
 * deep red accent for the header band, as on the Party's own letterheads.
 * Measures scale with the smaller side so landscape and portrait match.
 */
#include "ui_int.h"

static struct ui_color rgb(uint8_t r, uint8_t g, uint8_t b)
{
	return (struct ui_color){ r, g, b, 255 };
}

/* v scaled from a 1080-pixel smaller side, at least min. */
static int scaled(int side, int v, int min)
{
	int s = (int)((long)v * side / 1080);

	return s < min ? min : s;
}

void ui_theme_init(struct ui_theme *t, int w, int h)
{
	int side = w < h ? w : h;

	if (side <= 0)
		side = 1080;
	t->bg = rgb(0xe4, 0xe0, 0xd8);       /* warm grey around the sheet */
	t->paper = rgb(0xff, 0xfe, 0xfb);    /* the sheet */
	t->ink = rgb(0x1b, 0x1b, 0x1b);
	t->muted = rgb(0x45, 0x41, 0x3c);    /* 7.7:1 on the grey, 10:1 on paper */
	t->accent = rgb(0x9b, 0x1c, 0x1c);   /* deep red */
	t->band_bg = rgb(0x8a, 0x15, 0x15);
	t->band_ink = rgb(0xfd, 0xf6, 0xe3); /* warm white on the red: 9:1 */
	t->select_bg = rgb(0x8a, 0x15, 0x15);
	t->select_ink = rgb(0xff, 0xff, 0xff);
	t->warn_bg = rgb(0xf2, 0xb1, 0x34);  /* amber: a notice, not an alarm */
	t->warn_ink = rgb(0x1b, 0x1b, 0x1b);
	t->margin = scaled(side, 32, 6);
	t->band_h = scaled(side, 96, 24);
	t->footer_h = scaled(side, 60, 18);
}

void ui_theme_doc_box(const struct ui_theme *t, struct ui_fonts *f, int w, int h, int box[4])
{
	int m = t->margin;
	int maxw = 44 * ui_fonts_px(f, UI_FONT_BODY);
	/* a tab's height, as screen_doc.c's edge_tab() draws it */
	int tab = ui_fonts_height(f, UI_FONT_SMALL) + ui_fonts_height(f, UI_FONT_UI) / 6;
	int below = tab / 2 + m / 4 > m ? tab / 2 + m / 4 : m;
	int above = tab + m / 4 > m ? tab + m / 4 : m;

	box[2] = w - 4 * m;
	if (box[2] > maxw)
		box[2] = maxw;
	if (box[2] < 1)
		box[2] = 1;
	box[0] = (w - box[2]) / 2;
	box[1] = t->band_h + above + m;
	box[3] = h - t->band_h - t->footer_h - above - below - 2 * m;
	if (box[3] < 1)
		box[3] = 1;
}

void ui_theme_fit(struct ui_theme *t, struct ui_fonts *f, int w, int h)
{
	int lh = ui_fonts_height(f, UI_FONT_UI), clock = ui_fonts_height(f, UI_FONT_CLOCK);

	/* The legend's row, or two on a portrait screen (narrow: every key
	 * keeps its place, the Info hint too), with a little air. */
	if (t->footer_h < lh + lh / 6)
		t->footer_h = lh + lh / 6;
	if (h > w && t->footer_h < 2 * lh + lh / 3)
		t->footer_h = 2 * lh + lh / 3;
	if (t->band_h < clock + clock / 6)
		t->band_h = clock + clock / 6;
	/* portrait: room for the organisation's name over the date, both at
	 * the readable size, rather than a name cut short */
	if (h > w && t->band_h < 2 * ui_fonts_height(f, UI_FONT_BAND) + clock / 4)
		t->band_h = 2 * ui_fonts_height(f, UI_FONT_BAND) + clock / 4;
}
