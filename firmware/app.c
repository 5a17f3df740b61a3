/* SPDX-License-Identifier: MIT */
/*
 * app: the kiosk's screens as a pure state machine (see app.h). Every entry
 * point takes the time from its caller; a clock that jumps back is clamped
 * so no deadline lies further ahead than one period, and one that jumps
 * forward turns at most one page per tick.
 */
#include "app.h"

#include <stdbool.h>
#include <stdint.h>

/* awake_until when no press is keeping the screen awake. */
#define APP_NOT_AWAKE INT64_MIN

static int64_t app_add(int64_t a, int64_t b)
{
	if (b > 0 && a > INT64_MAX - b)
		return INT64_MAX;
	if (b < 0 && a < INT64_MIN - b)
		return INT64_MIN;
	return a + b;
}

static bool app_has_content(const struct app_content *c)
{
	return c->ncarousel > 0 || c->nlist > 0;
}

/* The carousel cycles the latest conclusions, or the whole list when there
 * are none (a board with only notices still shows something). */
static int app_car_list(const struct app_content *c)
{
	return c->ncarousel > 0 ? 0 : 1;
}

static size_t app_list_len(const struct app_content *c, int which)
{
	return which == 0 ? c->ncarousel : c->nlist;
}

static size_t app_pages(const struct app_pager *pg, int which, size_t index)
{
	size_t n = pg->pages(pg->ctx, which, index);

	return n ? n : 1;
}

static size_t app_clamp(size_t i, size_t n)
{
	return n == 0 ? 0 : (i < n ? i : n - 1);
}

int64_t app_dwell_ms(const struct app_settings *set, size_t chars)
{
	int64_t lo = set->dwell_min_ms, hi = set->dwell_max_ms, ms;

	if (lo < 1)
		lo = 1; /* a page that turns at once would spin the main loop */
	if (hi < lo)
		hi = lo;
	if (set->dwell_chars_per_s <= 0 || chars >= (size_t)(INT64_MAX / 1000))
		return hi;
	ms = (int64_t)chars * 1000 / set->dwell_chars_per_s;
	return ms < lo ? lo : (ms > hi ? hi : ms);
}

bool app_in_sleep_hours(const struct app_settings *set, int minute_of_day)
{
	int from = set->sleep_from_min, until = set->sleep_until_min;

	if (from == until || minute_of_day < 0)
		return false;
	if (from < until)
		return minute_of_day >= from && minute_of_day < until;
	return minute_of_day >= from || minute_of_day < until;
}

/* Pages of document index the carousel shows: the first carousel_pages. */
static size_t app_car_pages(const struct app *app, const struct app_pager *pg, size_t index)
{
	size_t n = app_pages(pg, app->car_list, index);

	return app->set.carousel_pages && n > app->set.carousel_pages ? app->set.carousel_pages : n;
}

/* Restarts the dwell of the carousel's current page. */
static void app_car_restart(struct app *app, const struct app_pager *pg, int64_t now)
{
	size_t chars = pg->page_chars(pg->ctx, app->car_list, app->car_doc, app->car_page);

	app->car_deadline = app_add(now, app_dwell_ms(&app->set, chars));
}

/* Clamps the carousel's place to the content (its list may have changed). */
static void app_car_clamp(struct app *app, const struct app_content *c,
			  const struct app_pager *pg)
{
	int which = app_car_list(c);
	size_t n = app_list_len(c, which);

	if (which != app->car_list) {
		app->car_list = which;
		app->car_doc = 0;
		app->car_page = 0;
	}
	app->car_doc = app_clamp(app->car_doc, n);
	app->car_page = n ? app_clamp(app->car_page, app_pages(pg, which, app->car_doc)) : 0;
}

/* Shows the carousel (or the empty screen) with a fresh dwell. */
static void app_show_carousel(struct app *app, const struct app_content *c,
			      const struct app_pager *pg, int64_t now)
{
	app_car_clamp(app, c, pg);
	app->screen = app_has_content(c) ? APP_SCREEN_CAROUSEL : APP_SCREEN_EMPTY;
	if (app->screen == APP_SCREEN_CAROUSEL)
		app_car_restart(app, pg, now);
	app->changed = true;
}

/* Turns the carousel one page forward or back, across documents, with wrap. */
static void app_car_step(struct app *app, const struct app_content *c,
			 const struct app_pager *pg, int64_t now, bool forward)
{
	size_t n = app_list_len(c, app->car_list);

	if (n == 0)
		return;
	if (forward) {
		if (app->car_page + 1 < app_car_pages(app, pg, app->car_doc)) {
			app->car_page++;
		} else {
			app->car_doc = (app->car_doc + 1) % n;
			app->car_page = 0;
		}
	} else if (app->car_page > 0) {
		app->car_page--;
	} else {
		app->car_doc = (app->car_doc + n - 1) % n;
		app->car_page = app_car_pages(app, pg, app->car_doc) - 1;
	}
	app_car_restart(app, pg, now);
	app->changed = true;
}

static void app_open_reader(struct app *app, int which, size_t doc, size_t page,
			    enum app_screen from)
{
	app->reader_list = which;
	app->reader_doc = doc;
	app->reader_page = page;
	app->reader_return = from;
	app->screen = APP_SCREEN_READER;
	app->changed = true;
}

/* A reader opened from the carousel hands its place back, so the cycle
 * goes on from what was read rather than jumping back. */
static void app_reader_handback(struct app *app)
{
	if (app->reader_return == APP_SCREEN_CAROUSEL && app->reader_list == app->car_list) {
		app->car_doc = app->reader_doc;
		app->car_page = app->reader_page;
	}
}

/* Leaves the reader for where it was opened from. */
static void app_close_reader(struct app *app, const struct app_content *c,
			     const struct app_pager *pg, int64_t now)
{
	if (app->reader_return == APP_SCREEN_LIST && c->nlist > 0) {
		app->screen = APP_SCREEN_LIST;
		app->changed = true;
		return;
	}
	app_reader_handback(app);
	app_show_carousel(app, c, pg, now);
}

static void app_open_info(struct app *app)
{
	if (app->screen == APP_SCREEN_INFO)
		return;
	app->info_return = app->screen;
	app->screen = APP_SCREEN_INFO;
	app->changed = true;
}

static void app_close_info(struct app *app, const struct app_content *c,
			   const struct app_pager *pg, int64_t now)
{
	switch (app->info_return) {
	case APP_SCREEN_LIST:
		if (c->nlist > 0) {
			app->screen = APP_SCREEN_LIST;
			app->changed = true;
			return;
		}
		break;
	case APP_SCREEN_READER:
		if (app_list_len(c, app->reader_list) > 0) {
			app->screen = APP_SCREEN_READER;
			app->changed = true;
			return;
		}
		break;
	default:
		break;
	}
	app_show_carousel(app, c, pg, now);
}

/* Moves a clamped index by one; returns true when it moved. */
static bool app_move(size_t *i, size_t n, bool forward)
{
	if (forward && *i + 1 < n) {
		(*i)++;
		return true;
	}
	if (!forward && *i > 0) {
		(*i)--;
		return true;
	}
	return false;
}

static void app_input_carousel(struct app *app, enum app_input in, const struct app_content *c,
			       const struct app_pager *pg, int64_t now)
{
	switch (in) {
	case APP_IN_PREV:
	case APP_IN_NEXT:
		app_car_step(app, c, pg, now, in == APP_IN_NEXT);
		break;
	case APP_IN_SELECT:
		app_open_reader(app, app->car_list, app->car_doc, app->car_page,
				APP_SCREEN_CAROUSEL);
		break;
	case APP_IN_BACK:
		if (c->nlist == 0)
			break;
		app->list_sel = app_clamp(app->list_sel, c->nlist);
		app->screen = APP_SCREEN_LIST;
		app->changed = true;
		break;
	default: /* repeats page only the list and the reader */
		break;
	}
}

static void app_input_list(struct app *app, enum app_input in, const struct app_content *c,
			   const struct app_pager *pg, int64_t now)
{
	switch (in) {
	case APP_IN_PREV:
	case APP_IN_PREV_REPEAT:
	case APP_IN_NEXT:
	case APP_IN_NEXT_REPEAT:
		if (app_move(&app->list_sel, c->nlist,
			     in == APP_IN_NEXT || in == APP_IN_NEXT_REPEAT))
			app->changed = true;
		break;
	case APP_IN_SELECT:
		if (c->nlist > 0)
			app_open_reader(app, 1, app->list_sel, 0, APP_SCREEN_LIST);
		break;
	case APP_IN_BACK:
		app_show_carousel(app, c, pg, now);
		break;
	default:
		break;
	}
}

static void app_input_reader(struct app *app, enum app_input in, const struct app_content *c,
			     const struct app_pager *pg, int64_t now)
{
	size_t pages = app_pages(pg, app->reader_list, app->reader_doc);

	switch (in) {
	case APP_IN_PREV:
	case APP_IN_PREV_REPEAT:
	case APP_IN_NEXT:
	case APP_IN_NEXT_REPEAT:
	case APP_IN_SELECT:
		if (app_move(&app->reader_page, pages, in != APP_IN_PREV && in != APP_IN_PREV_REPEAT)) {
			app->changed = true;
		} else if (in == APP_IN_NEXT || in == APP_IN_SELECT) {
			/* paged past the end: say so rather than do nothing */
			app->notice = APP_NOTICE_LAST_PAGE;
			app->notice_until = app_add(now, APP_NOTICE_MS);
			app->changed = true;
		}
		break;
	case APP_IN_BACK:
		app_close_reader(app, c, pg, now);
		break;
	default:
		break;
	}
}

/* Puts the screen to sleep, or wakes it, by the schedule and the last press. */
static void app_schedule(struct app *app, const struct app_content *c,
			 const struct app_pager *pg, int64_t now)
{
	bool hours = app_in_sleep_hours(&app->set, app->minute_of_day);

	if (app->awake_until != APP_NOT_AWAKE && now >= app->awake_until)
		app->awake_until = APP_NOT_AWAKE;
	if (app->screen == APP_SCREEN_SLEEP) {
		if (!hours)
			app_show_carousel(app, c, pg, now);
	} else if (hours && app->awake_until == APP_NOT_AWAKE) {
		app->screen = APP_SCREEN_SLEEP;
		app->changed = true;
	}
}

/* A clock that went back would leave deadlines far ahead: pull each back
 * to at most one period from now. */
static void app_clamp_clock(struct app *app, const struct app_pager *pg, int64_t now)
{
	if (app->last_input > now)
		app->last_input = now;
	if (app->awake_until != APP_NOT_AWAKE && app->awake_until > app_add(now, app->set.wake_ms))
		app->awake_until = app_add(now, app->set.wake_ms);
	if (app->screen == APP_SCREEN_CAROUSEL &&
	    app->car_deadline > app_add(now, app_dwell_ms(&app->set, SIZE_MAX)))
		app_car_restart(app, pg, now);
}

void app_init(struct app *app, const struct app_settings *set, const struct app_content *c,
	      const struct app_pager *pg, int64_t now_ms, int minute_of_day)
{
	*app = (struct app){
		.set = *set,
		.screen = APP_SCREEN_CAROUSEL,
		.info_return = APP_SCREEN_CAROUSEL,
		.car_list = app_car_list(c),
		.reader_list = app_car_list(c),
		.reader_return = APP_SCREEN_CAROUSEL,
		.last_input = now_ms,
		.awake_until = APP_NOT_AWAKE,
		.minute_of_day = minute_of_day,
	};
	app_show_carousel(app, c, pg, now_ms);
	app_schedule(app, c, pg, now_ms);
}

void app_input(struct app *app, enum app_input in, const struct app_content *c,
	       const struct app_pager *pg, int64_t now_ms, int minute_of_day)
{
	app->minute_of_day = minute_of_day;
	app->last_input = now_ms;
	if (app->notice != APP_NOTICE_NONE) {
		app->notice = APP_NOTICE_NONE;
		app->changed = true;
	}
	if (app->screen == APP_SCREEN_SLEEP) {
		app->awake_until = app_add(now_ms, app->set.wake_ms);
		app_show_carousel(app, c, pg, now_ms);
		return;
	}
	/* Someone is using the screen in the sleep hours: keep it awake. */
	if (app_in_sleep_hours(&app->set, minute_of_day))
		app->awake_until = app_add(now_ms, app->set.wake_ms);
	if (in == APP_IN_BACK_LONG) {
		app_open_info(app);
		return;
	}
	switch (app->screen) {
	case APP_SCREEN_CAROUSEL:
		app_input_carousel(app, in, c, pg, now_ms);
		break;
	case APP_SCREEN_LIST:
		app_input_list(app, in, c, pg, now_ms);
		break;
	case APP_SCREEN_READER:
		app_input_reader(app, in, c, pg, now_ms);
		break;
	case APP_SCREEN_INFO:
		if (in == APP_IN_BACK)
			app_close_info(app, c, pg, now_ms);
		break;
	default: /* the empty screen has nothing to move */
		break;
	}
}

void app_tick(struct app *app, const struct app_content *c, const struct app_pager *pg,
	      int64_t now_ms, int minute_of_day)
{
	app->minute_of_day = minute_of_day;
	if (app->notice != APP_NOTICE_NONE &&
	    (now_ms >= app->notice_until || app->notice_until > app_add(now_ms, APP_NOTICE_MS))) {
		app->notice = APP_NOTICE_NONE;
		app->changed = true;
	}
	app_clamp_clock(app, pg, now_ms);
	app_schedule(app, c, pg, now_ms);
	switch (app->screen) {
	case APP_SCREEN_CAROUSEL:
		if (now_ms >= app->car_deadline)
			app_car_step(app, c, pg, now_ms, true);
		break;
	case APP_SCREEN_LIST:
	case APP_SCREEN_READER:
	case APP_SCREEN_INFO:
		if (now_ms >= app_add(app->last_input, app->set.idle_timeout_ms)) {
			if (app->screen == APP_SCREEN_READER)
				app_reader_handback(app);
			app->list_sel = 0;
			app_show_carousel(app, c, pg, now_ms);
		}
		break;
	default:
		break;
	}
}

void app_content_changed(struct app *app, const struct app_content *c,
			 const struct app_pager *pg, int64_t now_ms)
{
	bool any = app_has_content(c);
	size_t nreader = app_list_len(c, app->reader_list);

	app_car_clamp(app, c, pg);
	app->list_sel = app_clamp(app->list_sel, c->nlist);
	app->reader_doc = app_clamp(app->reader_doc, nreader);
	app->reader_page = nreader ? app_clamp(app->reader_page,
					       app_pages(pg, app->reader_list, app->reader_doc)) : 0;
	app->changed = true;
	switch (app->screen) {
	case APP_SCREEN_EMPTY:
		if (any)
			app_show_carousel(app, c, pg, now_ms);
		break;
	case APP_SCREEN_CAROUSEL:
		if (!any)
			app->screen = APP_SCREEN_EMPTY;
		else if (now_ms >= app->car_deadline)
			app_car_restart(app, pg, now_ms);
		break;
	case APP_SCREEN_LIST:
		if (c->nlist == 0)
			app_show_carousel(app, c, pg, now_ms);
		break;
	case APP_SCREEN_READER:
		if (nreader == 0)
			app_close_reader(app, c, pg, now_ms);
		break;
	case APP_SCREEN_INFO:
		if (app->info_return == APP_SCREEN_EMPTY && any)
			app->info_return = APP_SCREEN_CAROUSEL;
		else if (app->info_return == APP_SCREEN_CAROUSEL && !any)
			app->info_return = APP_SCREEN_EMPTY;
		break;
	default:
		break;
	}
}

int64_t app_next_deadline(const struct app *app)
{
	int64_t next = INT64_MAX;

	switch (app->screen) {
	case APP_SCREEN_CAROUSEL:
		next = app->car_deadline;
		break;
	case APP_SCREEN_LIST:
	case APP_SCREEN_READER:
	case APP_SCREEN_INFO:
		next = app_add(app->last_input, app->set.idle_timeout_ms);
		break;
	default:
		break;
	}
	if (app->screen != APP_SCREEN_SLEEP && app->awake_until != APP_NOT_AWAKE &&
	    app->awake_until < next)
		next = app->awake_until;
	if (app->notice != APP_NOTICE_NONE && app->notice_until < next)
		next = app->notice_until;
	return next;
}
