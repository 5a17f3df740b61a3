/* SPDX-License-Identifier: MIT */
/*
 * main: what the kiosk program's files share. main.c reads the options and
 * wires the modules (config, store, content, ui, app); main_loop.c runs the
 * event loop and builds each frame's view; main_keys.c turns key presses
 * and releases into app inputs (long press, auto-repeat); main_shot.c draws
 * one frame to a PNG (--shot) or times the drawing (--bench). The program
 * owns the clock: everything below it takes `now` from here.
 */
#ifndef BANGTIN_MAIN_H
#define BANGTIN_MAIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app.h"
#include "config.h"
#include "content.h"
#include "store.h"
#include "ui.h"

/* Command-line options; NULL / 0 = not given. */
struct main_opts {
	const char *config;    /* --config */
	const char *db;        /* --db */
	int win_w, win_h;      /* --window WxH */
	bool fullscreen;       /* --fullscreen */
	const char *shot;      /* --shot out.png */
	int size_w, size_h;    /* --size WxH */
	const char *screen;    /* --screen carousel|list|reader:SYM[:PAGE]|info|empty */
	const char *time;      /* --time 2026-11-23T09:41 */
	int rotation;          /* --rotation N, -1 = the config's */
	int bench;             /* --bench N: draw N times and print the timings */
};

/* keys: a held key's long press and auto-repeat, from press/release times. */
enum keys_id { KEYS_PREV = 0, KEYS_NEXT, KEYS_SELECT, KEYS_BACK, KEYS_NONE };

struct keys {
	int64_t long_ms, delay_ms, interval_ms;
	enum keys_id held;   /* the key whose press is being handled */
	int64_t down_at;
	int64_t next_repeat; /* prev/next: next auto-repeat, INT64_MAX = none */
	bool long_fired;     /* back: BACK_LONG was sent for this press */
};

void keys_init(struct keys *k, int64_t long_ms, int64_t delay_ms, int64_t interval_ms);
/* A key went down or up at now_ms; writes at most one input to *out and
 * returns 1, or returns 0. Presses of another key while one is held are
 * handled on their own (the held key's repeat stops). */
int keys_down(struct keys *k, enum keys_id id, int64_t now_ms, enum app_input *out);
int keys_up(struct keys *k, enum keys_id id, int64_t now_ms, enum app_input *out);
/* Long press or repeat due at now_ms: returns 1 with *out, or 0. */
int keys_tick(struct keys *k, int64_t now_ms, enum app_input *out);
/* When keys_tick() next has something to do; INT64_MAX when nothing. */
int64_t keys_next_deadline(const struct keys *k);

/* The running kiosk: everything allocated before the loop. */
struct kiosk {
	struct config cfg;
	struct main_opts opt;
	struct store *st;
	struct content *content;
	struct ui *ui;
	struct app app;
	struct app_content ac;
	struct app_pager pager;
	bool pager_lazy;            /* pages(): lay out the first page only (at
				     * app_init, whose places are all page 0) */
	struct keys keys;
	bool fullscreen;

	/* the view's borrowed arrays, rebuilt when the content changes */
	struct ui_list_item *items;
	size_t nitems;
	struct content_info_row info[8];
	struct ui_info_row rows[8];
	size_t nrows;
	bool info_stale;            /* the info rows must be read again */
	const char *banner;         /* content error shown over the footer */
	char banner_buf[CONTENT_ERR_MAX + 64];
	char version[64];           /* content version when last loaded */

	int64_t start_ms;           /* monotonic time at start, for uptime */
	char clock_text[8];         /* "09:41" of the last frame */
	bool quit;
};

/* main_loop.c */
int64_t main_mono_ms(void);
/* Loads the content at Unix time now and rebuilds the list items; on error
 * the kiosk shows the empty screen with a banner. */
void main_load_content(struct kiosk *k, int64_t now);
/* Fills the app's pager (pages, page chars from the ui's layout). */
void main_pager_init(struct kiosk *k);
/* Settings for the app from the config. */
struct app_settings main_app_settings(const struct config *cfg);
/* Local clock fields of Unix time t. */
struct ui_clock main_clock(int64_t t, int *minute_of_day);
/* Fills view for the app's current state at clock c and monotonic now_ms.
 * Returns false when the document to show cannot be loaded (logged). */
bool main_view(struct kiosk *k, struct ui_view *view, const struct ui_clock *c, int64_t now_ms,
	       int64_t uptime_s, int64_t wall);
/* Runs until SDL_QUIT (SIGTERM), q in a window, or an SDL failure. */
int main_loop(struct kiosk *k);

/* main_shot.c */
/* Draws the screen named by k->opt.screen at k->opt.time into k->opt.shot
 * (or times it with --bench). Returns the exit status. */
int main_shot(struct kiosk *k);

#endif
