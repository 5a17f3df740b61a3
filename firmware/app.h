/* SPDX-License-Identifier: MIT */
/*
 * app: the kiosk's state machine: which screen shows, which document and
 * page, the carousel's timing, idle return and sleep. It is pure: (state,
 * event, now) -> state. It knows documents only by their position in the
 * lists the caller hands it and their page counts through a pager; it
 * includes no SDL, GPIO or SQLite header, owns no memory and never reads the
 * clock. Keyboard and GPIO buttons both feed it enum app_input.
 */
#ifndef BANGTIN_APP_H
#define BANGTIN_APP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum app_screen {
	APP_SCREEN_CAROUSEL = 0, /* latest conclusions, page by page, on a timer */
	APP_SCREEN_LIST,         /* directives, notices, conclusions: a selection */
	APP_SCREEN_READER,       /* one document, paged by hand */
	APP_SCREEN_INFO,         /* version, content, counts, uptime */
	APP_SCREEN_EMPTY,        /* no content: "Chưa có văn bản" */
	APP_SCREEN_SLEEP,        /* outside opening hours: screen dark */
};

enum app_input {
	APP_IN_PREV = 0,
	APP_IN_NEXT,
	APP_IN_SELECT,
	APP_IN_BACK,
	APP_IN_BACK_LONG, /* back held: opens Info */
	APP_IN_PREV_REPEAT, /* auto-repeat of a held prev/next: lists and reader only */
	APP_IN_NEXT_REPEAT,
};

/* Settings the machine needs (copied from struct config by the caller). */
struct app_settings {
	int64_t dwell_min_ms, dwell_max_ms;
	int dwell_chars_per_s;
	int64_t idle_timeout_ms;
	int sleep_from_min, sleep_until_min; /* equal: never sleep */
	int64_t wake_ms;                     /* a press during sleep wakes for this long */
	size_t carousel_pages;               /* the carousel shows the first this many
					      * pages of a document; 0 = every page */
};

/* A short message the screen shows over its footer for a moment. */
enum app_notice {
	APP_NOTICE_NONE = 0,
	APP_NOTICE_LAST_PAGE, /* the reader was paged past its last page */
};

/* How long a notice shows (ms). */
#define APP_NOTICE_MS 4000

/* The content as the machine sees it: how many documents each list has. */
struct app_content {
	size_t ncarousel; /* latest conclusions */
	size_t nlist;     /* every listed document, in list order */
};

/* Page counts and text amounts, from the layout (which only the caller
 * knows). which: 0 = carousel list, 1 = the full list. */
struct app_pager {
	void *ctx;
	size_t (*pages)(void *ctx, int which, size_t index);             /* >= 1 */
	size_t (*page_chars)(void *ctx, int which, size_t index, size_t page);
};

struct app {
	struct app_settings set;
	enum app_screen screen;
	enum app_screen info_return; /* where Info goes back to */
	/* carousel: car_doc indexes list car_list (the pager's which): 0, the
	 * latest conclusions, or 1, the full list when there are no conclusions */
	int car_list;
	size_t car_doc, car_page;
	int64_t car_deadline; /* when the page turns */
	/* list */
	size_t list_sel;
	/* reader: reader_doc indexes list reader_list (0 when opened from the
	 * carousel of conclusions, else 1); BACK returns to reader_return
	 * (APP_SCREEN_CAROUSEL or APP_SCREEN_LIST) */
	int reader_list;
	enum app_screen reader_return;
	size_t reader_doc, reader_page;
	/* input, sleep */
	int64_t last_input;
	int64_t awake_until;  /* a press during sleep hours wakes until then */
	int minute_of_day;    /* local time of the last call, for the schedule */
	bool changed;         /* the view must be redrawn */
	enum app_notice notice; /* shown until notice_until, or the next input */
	int64_t notice_until;
};

/* Starts on the carousel (or the empty screen when there is nothing to show,
 * or asleep inside the sleep hours). The carousel cycles the latest
 * conclusions; when there are none but the full list has documents it
 * cycles the full list (car_list = 1), so a board with only notices still
 * shows something. */
void app_init(struct app *app, const struct app_settings *set, const struct app_content *c,
	      const struct app_pager *pg, int64_t now_ms, int minute_of_day);

/*
 * Applies one button or key. A press while asleep only wakes the screen (the
 * carousel, where it was, awake for set.wake_ms); a press in the sleep hours
 * while awake acts and keeps it awake wake_ms longer. Per screen:
 *  carousel: PREV/NEXT turn a page across documents with wrap and restart
 *    the dwell (only the first set.carousel_pages pages of each, when not 0); SELECT opens the reader on the document and page shown;
 *    BACK opens the list; repeats do nothing.
 *  list: PREV/NEXT and repeats move the selection, clamped (no wrap);
 *    SELECT opens the reader on page 1; BACK returns to the carousel.
 *  reader: PREV/NEXT, repeats and SELECT turn pages, clamped; NEXT or
 *    SELECT on the last page sets the notice APP_NOTICE_LAST_PAGE for
 *    APP_NOTICE_MS (the next input clears it); BACK returns to where it was opened; when
 *    that was the carousel, the carousel goes on from the page read.
 *  info: BACK returns to the screen it was opened from.
 *  any screen: BACK_LONG opens Info. Returning to the carousel always
 *    restarts the dwell of its page.
 */
void app_input(struct app *app, enum app_input in, const struct app_content *c,
	       const struct app_pager *pg, int64_t now_ms, int minute_of_day);

/* Advances time: turns carousel pages, returns to the carousel after the
 * idle timeout (list, reader, info; the list selection goes back to the
 * top), goes to sleep and wakes by the schedule. A clock that went back
 * pulls each deadline to at most one period from now; one that jumped
 * forward turns one page, not every page it skipped. */
void app_tick(struct app *app, const struct app_content *c, const struct app_pager *pg,
	      int64_t now_ms, int minute_of_day);

/* The content changed (an import): keeps the place where it can, clamps
 * indexes, switches between the empty screen and the carousel. */
void app_content_changed(struct app *app, const struct app_content *c,
			 const struct app_pager *pg, int64_t now_ms);

/* The next time app_tick() has something to do (page turn, idle return);
 * INT64_MAX when nothing is scheduled. The schedule's minute boundaries are
 * the caller's (it ticks each minute for the clock anyway). */
int64_t app_next_deadline(const struct app *app);

/* Dwell time of a page with chars characters, within the settings' bounds. */
int64_t app_dwell_ms(const struct app_settings *set, size_t chars);

/* True when minute_of_day falls in the configured sleep hours [from, until),
 * which may cross midnight. A negative minute (time unknown) never sleeps. */
bool app_in_sleep_hours(const struct app_settings *set, int minute_of_day);

#endif
