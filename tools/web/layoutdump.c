/* SPDX-License-Identifier: MIT */
/*
 * layoutdump: the kiosk's own layout of a document, written as JSON, for
 * the clerk's page's build and tests (native, with SDL_ttf's fonts, exactly
 * as `bangtin --shot` lays it out):
 *
 *   layoutdump --metrics[-h] FONTDIR        the face sizes, line heights and
 *                                           ascents of a 1080-pixel side (JSON,
 *                                           or a C header)
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

	if (TTF_Init() < 0 || !(f = ui_fonts_open(dir, 1080, err, sizeof err))) {
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
