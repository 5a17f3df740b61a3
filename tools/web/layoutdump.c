/* SPDX-License-Identifier: MIT */
/*
 * layoutdump: the kiosk's own layout of a document, written as JSON, for
 * the clerk's page's build and tests (native, with SDL_ttf's fonts, exactly
 * as `bangtin --shot` lays it out):
 *
 *   layoutdump --metrics[-h] FONTDIR        the face sizes, line heights and
 *                                           ascents of a 1080-pixel side (JSON,
 *                                           or a C header)
 *   layoutdump --glyphs FONTDIR U+LO-HI,...  the ink edges of the document
 *                                           faces' glyphs there (JSON)
 *   layoutdump FONTDIR WxH FILE DOC         every page of document DOC (from
 *                                           0) of FILE at that screen size
 *
 * The page (web_layout.c) lays out with the same code and the browser's
 * measures; the test compares its lines with these, line for line.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL_ttf.h>

#include "log.h"
#include "parse.h"
#include "source.h"
#include "ui_int.h"
#include "web.h"

/* The kiosk's faces at a 1080-pixel side are raised to the minimum cap
 * height of its default viewing distance and panel ([display]
 * viewing_distance_m = 3, panel_inches = 43): the page draws as a board of
 * the default settings does. */
#define LAYOUTDUMP_MIN_CAP ui_min_cap_px(1920, 1080, 0, 0)

static int dump_ascent(void *ctx, int font)
{
	return ui_fonts_ascent(ctx, font);
}

/* As JSON for the page's script, or (header) as web-metrics.h for
 * web_layout.c. */
static int dump_metrics(const char *dir, bool header)
{
	char err[512];
	struct ui_fonts *f;

	if (TTF_Init() < 0 || !(f = ui_fonts_open_cap(dir, 1080, LAYOUTDUMP_MIN_CAP, err, sizeof err))) {
		fprintf(stderr, "layoutdump: %s\n", TTF_WasInit() ? err : TTF_GetError());
		return 1;
	}
	if (header)
		printf("/* Written by layoutdump --metrics-h: the kiosk's font sizes at a\n"
		       " * 1080-pixel side. */\n#define WEB_METRICS_SIDE 1080\n"
		       "static const struct { int px, height, ascent; } "
		       "web_font_metrics[%d] = {\n", UI_FONT_COUNT);
	else
		printf("{\"side\":1080,\"fonts\":[");
	for (int i = 0; i < UI_FONT_COUNT; i++) {
		int px = ui_fonts_px(f, i), lh = ui_fonts_height(f, i), asc = ui_fonts_ascent(f, i);

		if (header)
			printf("\t{ %d, %d, %d },\n", px, lh, asc);
		else
			printf("%s{\"px\":%d,\"height\":%d,\"ascent\":%d}", i ? "," : "", px, lh,
			       asc);
	}
	puts(header ? "};" : "]}");
	ui_fonts_close(f);
	TTF_Quit();
	return 0;
}

/* Parses "U+0020-007E,U+00A0-024F,..." into ranges; returns their count. */
static int parse_ranges(const char *s, long lo[], long hi[], int max)
{
	int n = 0;

	while (*s && n < max) {
		char *end;

		if (strncmp(s, "U+", 2) != 0)
			return -1;
		lo[n] = hi[n] = strtol(s + 2, &end, 16);
		if (*end == '-')
			hi[n] = strtol(end + 1, &end, 16);
		n++;
		s = *end == ',' ? end + 1 : end;
	}
	return n;
}

/* The advance HarfBuzz gives SDL_ttf for cp, in 64ths of a pixel: the
 * width of 128 of them less that of 64 (the ink past the last pen and the
 * rounding down cancel out; what is left is 64 advances, in pixels, which is
 * the advance in 64ths). 0 when it cannot be measured. */
static int advance64(TTF_Font *t, Uint32 cp)
{
	char one[8], buf[8 * 128 + 1];
	int n = 0, w64 = 0, w128 = 0, h;

	if (cp < 0x80) {
		one[n++] = (char)cp;
	} else if (cp < 0x800) {
		one[n++] = (char)(0xC0 | (cp >> 6));
		one[n++] = (char)(0x80 | (cp & 0x3F));
	} else {
		one[n++] = (char)(0xE0 | (cp >> 12));
		one[n++] = (char)(0x80 | ((cp >> 6) & 0x3F));
		one[n++] = (char)(0x80 | (cp & 0x3F));
	}
	for (int i = 0; i < 128; i++)
		memcpy(buf + i * n, one, (size_t)n);
	buf[128 * n] = '\0';
	if (TTF_SizeUTF8(t, buf, &w128, &h) < 0)
		return 0;
	buf[64 * n] = '\0';
	if (TTF_SizeUTF8(t, buf, &w64, &h) < 0)
		return 0;
	return w128 - w64;
}

/*
 * The ink's left and right edges, in whole pixels from the pen, and the
 * advance of every code point of the ranges in each document face (the serif ones, fonts
 * 0-3, four styles each) at the kiosk's sizes: what SDL_ttf's TTF_SizeUTF8
 * takes from FreeType's hinted glyph (TTF_GlyphMetrics32's minx and maxx),
 * which a browser's canvas does not give. The faces are opened as font.c
 * opens them (light hinting, kerning, Latin script). JSON: {"ranges":
 * [[lo,hi],...], "faces":[[minx,maxx,advance,...] per font*4+style]}, the
 * advance in 64ths of a pixel (advance64), a code point the face has not
 * giving 0,0,0.
 */
static int dump_glyphs(const char *dir, const char *ranges)
{
	static const char *const files[4] = { "NotoSerif-Regular.ttf", "NotoSerif-Bold.ttf",
					      "NotoSerif-Italic.ttf", "NotoSerif-BoldItalic.ttf" };
	long lo[64], hi[64];
	int nr = parse_ranges(ranges, lo, hi, 64);
	char err[512], path[4096];
	struct ui_fonts *f;

	if (nr <= 0 || TTF_Init() < 0 || !(f = ui_fonts_open_cap(dir, 1080, LAYOUTDUMP_MIN_CAP, err, sizeof err))) {
		fprintf(stderr, "layoutdump: --glyphs: bad ranges or no fonts\n");
		return 1;
	}
	printf("{\"ranges\":[");
	for (int r = 0; r < nr; r++)
		printf("%s[%ld,%ld]", r ? "," : "", lo[r], hi[r]);
	printf("],\"faces\":[");
	for (int font = 0; font < 4; font++) {
		for (int st = 0; st < 4; st++) {
			TTF_Font *t;

			snprintf(path, sizeof path, "%s/%s", dir, files[st]);
			if (!(t = TTF_OpenFont(path, ui_fonts_px(f, font)))) {
				fprintf(stderr, "layoutdump: %s: %s\n", path, TTF_GetError());
				return 1;
			}
			TTF_SetFontHinting(t, TTF_HINTING_LIGHT);
			TTF_SetFontKerning(t, 1);
			printf("%s[", font || st ? "," : "");
			for (int r = 0; r < nr; r++)
				for (long cp = lo[r]; cp <= hi[r]; cp++) {
					int minx = 0, maxx = 0, adv = 0;

					if (!TTF_GlyphIsProvided32(t, (Uint32)cp) ||
					    TTF_GlyphMetrics32(t, (Uint32)cp, &minx, &maxx, NULL, NULL,
							       NULL) < 0)
						minx = maxx = 0;
					else
						adv = advance64(t, (Uint32)cp);
					printf("%s%d,%d,%d", r || cp > lo[r] ? "," : "", minx, maxx, adv);
				}
			printf("]");
			TTF_CloseFont(t);
		}
	}
	printf("]}\n");
	ui_fonts_close(f);
	TTF_Quit();
	return 0;
}

int main(int argc, char **argv)
{
	struct ui_options opt = { .headless = true };
	struct parse_result res = { 0 };
	struct source_set set = { 0 };
	struct ui *ui;
	char err[1024];
	const char *path;
	size_t pages = 0;
	long doc;
	int rc = 1;

	log_init("layoutdump", LOG_LEVEL_WARNING, LOG_PREFIX_PLAIN);
	if (argc == 3 && strcmp(argv[1], "--metrics") == 0)
		return dump_metrics(argv[2], false);
	if (argc == 3 && strcmp(argv[1], "--metrics-h") == 0)
		return dump_metrics(argv[2], true);
	if (argc == 4 && strcmp(argv[1], "--glyphs") == 0)
		return dump_glyphs(argv[2], argv[3]);
	if (argc != 5 || sscanf(argv[2], "%dx%d", &opt.width, &opt.height) != 2) {
		fprintf(stderr, "usage: layoutdump --metrics FONTDIR | FONTDIR WxH FILE DOC\n");
		return 2;
	}
	opt.font_dir = argv[1];
	path = argv[3];
	doc = strtol(argv[4], NULL, 10);
	if (source_read(&path, 1, parse_limits_default().max_bytes, &set, err, sizeof err) != 0) {
		fprintf(stderr, "layoutdump: %s\n", err);
		return 1;
	}
	parse_buffer(path, set.items[0].bytes, set.items[0].len, NULL, &res);
	if (doc < 0 || (size_t)doc >= res.ndocs) {
		fprintf(stderr, "layoutdump: %s has %zu documents\n", path, res.ndocs);
		goto out;
	}
	if (!(ui = ui_new(&opt, err, sizeof err))) {
		fprintf(stderr, "layoutdump: %s\n", err);
		goto out;
	}
	if (ui_doc_pages(ui, 1, &res.docs[doc], NULL, SIZE_MAX, &pages) == 0) {
		int box[4];
		struct jbuf *b = web_jb_new();
		char *json;

		ui_doc_box(ui, &box[0], &box[1], &box[2], &box[3]);
		web_layout_json(b, ui_doc_layout(ui, 1), box, dump_ascent, ui->fonts);
		if ((json = web_jb_finish(b))) {
			puts(json);
			free(json);
			rc = 0;
		}
	}
	ui_free(ui);
out:
	parse_result_free(&res);
	source_set_free(&set);
	return rc;
}
