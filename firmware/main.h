/* SPDX-License-Identifier: MIT */
/*
 * main: the kiosk program. main.c reads the options and wires the modules
 * (config, store, content, ui, app) and the kiosk's own parts into a struct
 * kiosk: the loop (main_loop.h) that runs it, the GPIO buttons' thread
 * (main_gpio.h), the USB updates' thread and overlay (main_update.h, with a
 * key's question in main_enrol.h), the clocks (main_clock.h), and one
 * frame to a PNG instead of the loop (main_shot.h). The threads are handed
 * what they need and never see struct kiosk.
 */
#ifndef BANGTIN_MAIN_H
#define BANGTIN_MAIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app.h"
#include "buttons.h"
#include "config.h"
#include "content.h"
#include "live.h"
#include "main_gpio.h"
#include "main_update.h"
#include "power.h"
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
	bool no_gpio;          /* --no-gpio: the keyboard only */
};

#include "live.h"
#include "main_gpio.h"
#include "main_update.h"
#include "power.h"
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
	bool fullscreen;

	/* GPIO buttons: gpio NULL when off (--no-gpio, enabled = no) */
	struct main_gpio *gpio;
	uint32_t gpio_event;        /* its SDL event type; 0 when off */
	struct buttons buttons;     /* GPIO and keys: debounce, long press, repeat */
	unsigned buttons_open;      /* open_mask of the last status seen */
	char buttons_notice[MAIN_GPIO_NOTICE_MAX]; /* Info's row; "" when off */

	/* systemd readiness and watchdog; the display's power at night */
	struct live live;
	struct power power;

	/* USB updates: NULL when the watcher could not start (logged) */
	struct main_update *update;
	uint32_t update_event;      /* its SDL event type; 0 when off */
	char db_path[CONFIG_PATH_MAX]; /* the database, for the update's connection */
	const char *db_notice;      /* Info's row when the database failed its
				     * check at start-up; NULL when sound */

	/* the view's borrowed arrays, rebuilt when the content changes */
	struct ui_list_item *items;
	size_t nitems;
	struct content_info_row info[8];
	struct ui_info_row rows[12];    /* content_info's, the database's, the
					 * buttons', the keys', the update's */
	char keys_row[1024];        /* the trusted keys, for Info */
	bool keys_none;             /* no key trusted yet: the empty screen
				     * says how to enrol one */
	struct ui_info_row empty_rows[2];
	size_t nrows;
	bool info_stale;            /* the info rows must be read again */
	int64_t layout_rest;        /* the shown document whose layout the loop
				     * is finishing a slice at a time; 0: none */
	const char *banner;         /* content error shown over the footer */
	char banner_buf[CONTENT_ERR_MAX + 64];
	char version[64];           /* content version when last loaded */

	int64_t start_ms;           /* monotonic time at start, for uptime */
	char clock_text[8];         /* "09:41" of the last frame */
	bool quit;
};

#endif
