/* SPDX-License-Identifier: MIT */
/* main_shot.c: `bangtin --shot`: one frame of a named screen at a given
 * time, drawn with the software renderer and written as a PNG; the same
 * inputs give the same pixels. With --bench it also times the drawing. */
#define LOG_TAG "shot"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "main_loop.h"
#include "main_shot.h"

/* "2026-11-23T09:41" (local time) -> Unix seconds; -1 when malformed. */
static int64_t shot_parse_time(const char *s)
{
	struct tm tm = { 0 };
	int y, mo, d, h, mi;
	char tail;

	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d%c", &y, &mo, &d, &h, &mi, &tail) != 5 ||
	    !doc_date_valid(y, mo, d) || h < 0 || h > 23 || mi < 0 || mi > 59)
		return -1;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

/* Sets up the reader on "SYMBOL[:PAGE]". Returns 0 or -1 (logged). */
static int shot_reader(struct kiosk *k, const char *arg)
{
	char sym[160], err[STORE_ERR_MAX];
	const char *colon = strchr(arg, ':');
	long page = 1;
	struct store_doc sd;
	size_t index, pages;
	int rc;

	snprintf(sym, sizeof sym, "%.*s", colon ? (int)(colon - arg) : (int)strlen(arg), arg);
	if (colon && ((page = strtol(colon + 1, NULL, 10)) < 1)) {
		log_error("--screen reader:%s: the page counts from 1", arg);
		return -1;
	}
	rc = store_get_doc(k->st, sym, 0, &sd, err, sizeof err);
	if (rc != 1) {
		log_error("--screen reader:%s: %s", arg, rc < 0 ? err : "no such document");
		return -1;
	}
	index = content_find(k->content, CONTENT_LIST, sd.id);
	store_doc_free(&sd);
	if (index == SIZE_MAX) {
		log_error("--screen reader:%s: the document is not listed (withdrawn, hidden "
			  "or an internal form)", arg);
		return -1;
	}
	/* Laid out only up to the page asked for, as the loop does before a
	 * document's first frame; a shorter document stops short of it. */
	const struct content_doc *d = content_doc(k->content, content_entry(k->content,
							CONTENT_LIST, index)->id, err, sizeof err);
	if (!d || ui_doc_pages(k->ui, d->id, d->doc, d->note, (size_t)page - 1, &pages) != 0) {
		log_error("--screen reader:%s: %s", arg, d ? "cannot lay it out" : err);
		return -1;
	}
	if ((size_t)page > pages) {
		log_error("--screen reader:%s: the document has %zu pages at this size", arg, pages);
		return -1;
	}
	k->app.screen = APP_SCREEN_READER;
	k->app.reader_list = CONTENT_LIST;
	k->app.reader_return = APP_SCREEN_LIST;
	k->app.reader_doc = index;
	k->app.reader_page = (size_t)page - 1;
	return 0;
}

/* Puts the app on the screen named by name. Returns 0 or -1 (logged). */
static int shot_screen(struct kiosk *k, const char *name)
{
	memset(&k->app, 0, sizeof k->app);
	k->app.set = main_app_settings(&k->cfg);
	if (!name || strcmp(name, "carousel") == 0) {
		bool any = k->ac.ncarousel > 0 || k->ac.nlist > 0;
		k->app.screen = any ? APP_SCREEN_CAROUSEL : APP_SCREEN_EMPTY;
		k->app.car_list = k->ac.ncarousel > 0 ? CONTENT_CAROUSEL : CONTENT_LIST;
	} else if (strcmp(name, "list") == 0) {
		k->app.screen = k->ac.nlist ? APP_SCREEN_LIST : APP_SCREEN_EMPTY;
	} else if (strcmp(name, "info") == 0) {
		k->app.screen = APP_SCREEN_INFO;
	} else if (strcmp(name, "empty") == 0) {
		k->app.screen = APP_SCREEN_EMPTY;
	} else if (strcmp(name, "sleep") == 0) {
		k->app.screen = APP_SCREEN_SLEEP;
	} else if (strcmp(name, "labels") == 0) {
		return 0; /* not a screen of the app: main_shot draws it */
	} else if (strncmp(name, "reader:", 7) == 0) {
		return shot_reader(k, name + 7);
	} else {
		log_error("--screen %s: not carousel, list, reader:SYMBOL[:PAGE], info, empty, "
			  "sleep or labels", name);
		return -1;
	}
	return 0;
}

static int64_t shot_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int shot_cmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/* Times the frame: once from scratch (layout and text textures), then n
 * times from the caches, as the kiosk redraws a page it has shown. */
static void shot_bench(struct kiosk *k, const struct ui_view *v, int n)
{
	int64_t *t = calloc((size_t)n, sizeof *t), t0, cold;
	size_t pages;

	if (!t)
		return;
	ui_forget_docs(k->ui);
	t0 = shot_ns();
	if (v->doc)
		ui_doc_pages(k->ui, v->doc_key, v->doc, v->doc_note, v->page, &pages);
	ui_draw(k->ui, v);
	cold = shot_ns() - t0;
	for (int i = 0; i < n; i++) {
		t0 = shot_ns();
		if (v->doc)
			ui_doc_pages(k->ui, v->doc_key, v->doc, v->doc_note, v->page, &pages);
		ui_draw(k->ui, v);
		t[i] = shot_ns() - t0;
	}
	qsort(t, (size_t)n, sizeof *t, shot_cmp);
	printf("bench: first layout+draw %.3f ms; from cache over %d frames: median %.3f ms, "
	       "min %.3f ms, max %.3f ms\n",
	       (double)cold / 1e6, n, (double)t[n / 2] / 1e6, (double)t[0] / 1e6,
	       (double)t[n - 1] / 1e6);
	free(t);
}

int main_shot(struct kiosk *k)
{
	int64_t now = k->opt.time ? shot_parse_time(k->opt.time) : (int64_t)time(NULL);
	char err[UI_ERR_MAX];
	struct ui_view v;
	struct ui_clock c;

	if (now < 0) {
		log_error("--time %s: not a local time like 2026-11-23T09:41", k->opt.time);
		return 2;
	}
	c = main_clock(now, NULL);
	main_load_content(k, now);
	if (shot_screen(k, k->opt.screen) != 0)
		return 1;
	/* The view as the loop would build it, at the start (uptime 0, ticker at 0). */
	if (!main_view(k, &v, &c, 0, 0, now))
		return 1;
	/* A capture is the settled screen: the whole document laid out, so the
	 * page indicator has its total (the loop's second frame). */
	if (v.doc) {
		size_t pages;
		ui_doc_pages(k->ui, v.doc_key, v.doc, v.doc_note, SIZE_MAX, &pages);
		/* bangtinctl preview reads it to draw every page (bangtin(1)). */
		if (k->app.screen == APP_SCREEN_READER)
			printf("pages %zu\n", pages);
	}
	if (k->opt.screen && strcmp(k->opt.screen, "labels") == 0 ? ui_draw_labels(k->ui) != 0
								   : ui_draw(k->ui, &v) != 0) {
		log_error("cannot draw the frame");
		return 1;
	}
	if (ui_save_png(k->ui, k->opt.shot, err, sizeof err) != 0) {
		log_error("%s", err);
		return 1;
	}
	if (k->opt.bench)
		shot_bench(k, &v, k->opt.bench);
	return 0;
}
