/* SPDX-License-Identifier: MIT */
/*
 * web_layout: the board's page, laid out in the clerk's page. The kiosk's
 * own ui_compose_doc() and text layout run here unchanged; only the fonts
 * differ: instead of SDL_ttf (font.c), the browser's canvas measures the
 * same Noto faces (Module.btMeasure in the page's worker), and the sizes,
 * line heights and ascents are those the kiosk's font.c gives at a
 * 1080-pixel side (web-metrics.h, written at build time by layoutdump
 * --metrics with the kiosk's own fonts). Built only into the WebAssembly.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <emscripten.h>

#include "ctl.h"
#include "parse.h"
#include "source.h"
#include "ui_int.h"
#include "web.h"
#include "web-metrics.h"

struct ui_fonts {
	struct text_metrics metrics;
};

/* The canvas's width of n bytes of s in the page's face of font and style,
 * as SDL_ttf would give it (see the page's worker). */
EM_JS(int, web_measure, (int font, unsigned style, const char *s, size_t n), {
	return Module.btMeasure(font, style, UTF8ToString(s, n));
})

int ui_fonts_width(struct ui_fonts *f, int font, unsigned style, const char *s, size_t n)
{
	(void)f;
	return n ? web_measure(font, style & 3u, s, n) : 0;
}

int ui_fonts_height(struct ui_fonts *f, int font)
{
	(void)f;
	return web_font_metrics[font].height;
}

int ui_fonts_ascent(struct ui_fonts *f, int font)
{
	(void)f;
	return web_font_metrics[font].ascent;
}

int ui_fonts_px(const struct ui_fonts *f, int font)
{
	(void)f;
	return web_font_metrics[font].px;
}

static int metrics_width(void *ctx, int font, unsigned style, const char *s, size_t n)
{
	return ui_fonts_width(ctx, font, style, s, n);
}

static int metrics_height(void *ctx, int font)
{
	return ui_fonts_height(ctx, font);
}

static int metrics_ascent(void *ctx, int font)
{
	return ui_fonts_ascent(ctx, font);
}

const struct text_metrics *ui_fonts_metrics(struct ui_fonts *f)
{
	return &f->metrics;
}

/* Every page of document doc (from 0) of the file at path as the board
 * lays it out on a w x h screen (1920x1080 or 1080x1920: the sizes the
 * metrics are for), as JSON (web_layout_json), or {"error": ...}. */
EMSCRIPTEN_KEEPALIVE char *web_layout(const char *path, int doc, int w, int h)
{
	struct ui_fonts fonts;
	struct jbuf *b = web_jb_new();
	struct ctl_parsed p = { 0 };
	struct ui_composed comp = { 0 };
	struct text_layout *l = NULL;
	struct ui_theme theme;
	char err[1024] = "";
	int box[4];

	fonts.metrics = (struct text_metrics){ .ctx = &fonts, .width = metrics_width,
					       .line_height = metrics_height,
					       .ascent = metrics_ascent };
	if (!b)
		return NULL;
	if ((w < h ? w : h) != WEB_METRICS_SIDE) {
		web_jb_raw(b, "{\"error\":\"the preview is for a 1080-pixel side\"}");
		return web_jb_finish(b);
	}
	if (source_read(&path, 1, parse_limits_default().max_bytes, &p.files, err,
			sizeof err) != 0 || ctl_parse_files(&p) != 0) {
		web_jb_raw(b, "{\"error\":");
		web_jb_str(b, *err ? err : "out of memory");
		web_jb_raw(b, "}");
		goto out;
	}
	if (doc < 0 || (size_t)doc >= p.results[0].ndocs) {
		web_jb_raw(b, "{\"error\":\"no such document\"}");
		goto out;
	}
	ui_theme_init(&theme, w, h);
	ui_theme_fit(&theme, &fonts, w, h);
	ui_theme_doc_box(&theme, &fonts, w, h, box);
	if (ui_compose_doc(&p.results[0].docs[doc], NULL, &fonts, box[2], &comp) != 0 ||
	    !(l = text_layout_new(comp.paras, comp.n, &fonts.metrics, box[2], box[3])) ||
	    text_layout_run(l, SIZE_MAX) != 0) {
		web_jb_raw(b, "{\"error\":\"out of memory\"}");
		goto out;
	}
	web_layout_json(b, l, box, metrics_ascent, &fonts);
out:
	text_layout_free(l);
	ui_composed_free(&comp);
	ctl_parsed_free(&p);
	return web_jb_finish(b);
}
