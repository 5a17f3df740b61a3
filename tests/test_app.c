/* SPDX-License-Identifier: MIT */
/*
 * app: the screen state machine driven by a simulated clock and a fake pager
 * (fixed page counts and characters per page): carousel timing and wrap,
 * manual paging, list and reader, Info, idle return, empty content, sleep
 * hours, and a clock that jumps.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "app.h"

/* Two lists: 0 = the carousel's conclusions, 1 = the full list. */
struct fake {
	size_t pages[2][8];
	size_t chars[2][8][8];
};

static size_t fake_pages(void *ctx, int which, size_t index)
{
	const struct fake *f = ctx;

	assert_true(which == 0 || which == 1);
	assert_true(index < 8);
	assert_true(f->pages[which][index] > 0); /* never asked about a missing document */
	return f->pages[which][index];
}

static size_t fake_page_chars(void *ctx, int which, size_t index, size_t page)
{
	const struct fake *f = ctx;

	assert_true(which == 0 || which == 1);
	assert_true(index < 8 && page < f->pages[which][index]);
	return f->chars[which][index][page];
}

/*
 * Conclusions: doc 0 has 2 pages (300, 30 chars: 20 s, and 2 s clamped to
 * 8 s), doc 1 has 1 page (1200 chars: 80 s clamped to 40 s), doc 2 has 3
 * pages (150, 450, 0 chars: 10 s, 30 s, 8 s). Full list: 5 documents of
 * 1, 2, 1, 4, 1 pages, 15 chars per page-number + 1 (1 s each: 8 s).
 */
static struct fake fake_make(void)
{
	struct fake f;

	memset(&f, 0, sizeof f);
	f.pages[0][0] = 2;
	f.chars[0][0][0] = 300;
	f.chars[0][0][1] = 30;
	f.pages[0][1] = 1;
	f.chars[0][1][0] = 1200;
	f.pages[0][2] = 3;
	f.chars[0][2][0] = 150;
	f.chars[0][2][1] = 450;
	f.chars[0][2][2] = 0;
	static const size_t listpages[5] = { 1, 2, 1, 4, 1 };
	for (size_t i = 0; i < 5; i++) {
		f.pages[1][i] = listpages[i];
		for (size_t p = 0; p < listpages[i]; p++)
			f.chars[1][i][p] = 15 * (p + 1);
	}
	f.chars[1][0][0] = 225; /* 15 s: the fallback carousel's first page */
	return f;
}

struct env {
	struct fake fake;
	struct app_pager pg;
	struct app_content c;
	struct app_settings set;
	struct app app;
	int64_t now;
	int minute;
};

#define MIN(h, m) ((h) * 60 + (m))

static int setup(void **state)
{
	static struct env e;

	memset(&e, 0, sizeof e);
	e.fake = fake_make();
	e.pg = (struct app_pager){ &e.fake, fake_pages, fake_page_chars };
	e.c = (struct app_content){ 3, 5 };
	e.set = (struct app_settings){
		.dwell_min_ms = 8000,
		.dwell_max_ms = 40000,
		.dwell_chars_per_s = 15,
		.idle_timeout_ms = 120000,
		.sleep_from_min = 0,
		.sleep_until_min = 0,
		.wake_ms = 60000,
	};
	e.now = 1000;
	e.minute = MIN(10, 0);
	*state = &e;
	return 0;
}

static void start(struct env *e)
{
	app_init(&e->app, &e->set, &e->c, &e->pg, e->now, e->minute);
	assert_true(e->app.changed);
	e->app.changed = false;
}

static void press(struct env *e, enum app_input in)
{
	app_input(&e->app, in, &e->c, &e->pg, e->now, e->minute);
}

static void tick(struct env *e)
{
	app_tick(&e->app, &e->c, &e->pg, e->now, e->minute);
}

/* Asserts the carousel's place and that its page turns in dwell ms. */
static void assert_carousel(struct env *e, size_t doc, size_t page, int64_t dwell)
{
	assert_int_equal(e->app.screen, APP_SCREEN_CAROUSEL);
	assert_int_equal(e->app.car_doc, doc);
	assert_int_equal(e->app.car_page, page);
	assert_int_equal(e->app.car_deadline, e->now + dwell);
	assert_int_equal(app_next_deadline(&e->app), e->now + dwell);
}

static void test_dwell(void **state)
{
	struct app_settings set = ((struct env *)*state)->set;

	assert_int_equal(app_dwell_ms(&set, 0), 8000);
	assert_int_equal(app_dwell_ms(&set, 120), 8000);
	assert_int_equal(app_dwell_ms(&set, 150), 10000);
	assert_int_equal(app_dwell_ms(&set, 301), 20066);
	assert_int_equal(app_dwell_ms(&set, 600), 40000);
	assert_int_equal(app_dwell_ms(&set, 100000), 40000);
	assert_int_equal(app_dwell_ms(&set, SIZE_MAX), 40000);
	set.dwell_chars_per_s = 0;
	assert_int_equal(app_dwell_ms(&set, 10), 40000);
	set.dwell_chars_per_s = 15;
	set.dwell_min_ms = 0;
	assert_int_equal(app_dwell_ms(&set, 0), 1); /* never 0: the page must stay */
	set.dwell_min_ms = 8000;
	set.dwell_max_ms = 1000; /* bounds the wrong way round: the minimum wins */
	assert_int_equal(app_dwell_ms(&set, 10000), 8000);
}

static void test_sleep_hours(void **state)
{
	struct app_settings set = ((struct env *)*state)->set;

	assert_false(app_in_sleep_hours(&set, MIN(23, 0))); /* equal: never */
	set.sleep_from_min = MIN(22, 0);
	set.sleep_until_min = MIN(6, 0);
	assert_false(app_in_sleep_hours(&set, MIN(21, 59)));
	assert_true(app_in_sleep_hours(&set, MIN(22, 0)));
	assert_true(app_in_sleep_hours(&set, MIN(23, 59)));
	assert_true(app_in_sleep_hours(&set, 0));
	assert_true(app_in_sleep_hours(&set, MIN(5, 59)));
	assert_false(app_in_sleep_hours(&set, MIN(6, 0)));
	assert_false(app_in_sleep_hours(&set, -1)); /* time unknown */
	set.sleep_from_min = MIN(12, 0);
	set.sleep_until_min = MIN(13, 30);
	assert_false(app_in_sleep_hours(&set, MIN(11, 59)));
	assert_true(app_in_sleep_hours(&set, MIN(12, 0)));
	assert_true(app_in_sleep_hours(&set, MIN(13, 29)));
	assert_false(app_in_sleep_hours(&set, MIN(13, 30)));
	assert_false(app_in_sleep_hours(&set, MIN(0, 0)));
}

/* Every page of every conclusion for exactly its dwell, then the wrap. */
static void test_carousel_cycle(void **state)
{
	struct env *e = *state;
	static const struct {
		size_t doc, page;
		int64_t dwell;
	} cycle[] = {
		{ 0, 0, 20000 }, { 0, 1, 8000 }, { 1, 0, 40000 }, { 2, 0, 10000 },
		{ 2, 1, 30000 }, { 2, 2, 8000 }, { 0, 0, 20000 }, { 0, 1, 8000 },
	};

	start(e);
	assert_int_equal(e->app.car_list, 0);
	assert_carousel(e, 0, 0, 20000);
	for (size_t i = 1; i < sizeof cycle / sizeof cycle[0]; i++) {
		e->now += cycle[i - 1].dwell - 1;
		tick(e);
		assert_false(e->app.changed); /* one ms early: nothing */
		assert_int_equal(e->app.car_doc, cycle[i - 1].doc);
		assert_int_equal(e->app.car_page, cycle[i - 1].page);
		e->now += 1;
		tick(e);
		assert_true(e->app.changed);
		e->app.changed = false;
		assert_carousel(e, cycle[i].doc, cycle[i].page, cycle[i].dwell);
	}
	/* The carousel never times out: no input for hours, still cycling. */
	for (int i = 0; i < 1000; i++) {
		e->now = app_next_deadline(&e->app);
		tick(e);
		assert_int_equal(e->app.screen, APP_SCREEN_CAROUSEL);
	}
}

static void test_carousel_manual(void **state)
{
	struct env *e = *state;

	start(e);
	e->now += 5000;
	press(e, APP_IN_NEXT);
	assert_true(e->app.changed);
	assert_carousel(e, 0, 1, 8000);
	e->now += 100;
	press(e, APP_IN_NEXT);
	assert_carousel(e, 1, 0, 40000);
	press(e, APP_IN_PREV);
	assert_carousel(e, 0, 1, 8000);
	press(e, APP_IN_PREV);
	assert_carousel(e, 0, 0, 20000);
	press(e, APP_IN_PREV); /* wraps to the last page of the last document */
	assert_carousel(e, 2, 2, 8000);
	press(e, APP_IN_NEXT);
	assert_carousel(e, 0, 0, 20000);
	/* Auto-repeat is for lists and the reader only. */
	e->app.changed = false;
	e->now += 3000;
	press(e, APP_IN_NEXT_REPEAT);
	press(e, APP_IN_PREV_REPEAT);
	assert_false(e->app.changed);
	assert_int_equal(e->app.car_deadline, e->now - 3000 + 20000);
}

/* [carousel] pages = 2: the first two pages of each document, then the
 * next document; by hand too; a document shorter than that shows all. */
static void test_carousel_pages(void **state)
{
	struct env *e = *state;
	static const struct {
		size_t doc, page;
		int64_t dwell;
	} cycle[] = {
		{ 0, 0, 20000 }, { 0, 1, 8000 }, { 1, 0, 40000 }, { 2, 0, 10000 },
		{ 2, 1, 30000 }, { 0, 0, 20000 },
	};

	e->set.carousel_pages = 2;
	start(e);
	assert_carousel(e, 0, 0, 20000);
	for (size_t i = 1; i < sizeof cycle / sizeof cycle[0]; i++) {
		e->now += cycle[i - 1].dwell;
		tick(e);
		assert_carousel(e, cycle[i].doc, cycle[i].page, cycle[i].dwell);
	}
	press(e, APP_IN_PREV); /* wraps to the last page shown of the last document */
	assert_carousel(e, 2, 1, 30000);
	/* The reader still has every page: 3 of doc 2. */
	press(e, APP_IN_SELECT);
	press(e, APP_IN_NEXT);
	assert_int_equal(e->app.reader_page, 2);
	/* With 1, the carousel is the title pages only. */
	e->set.carousel_pages = 1;
	start(e);
	e->now += 20000;
	tick(e);
	assert_carousel(e, 1, 0, 40000);
}

/* Paging past the last page says so for a while, then the notice goes;
 * any press clears it at once. */
static void test_reader_last_page_notice(void **state)
{
	struct env *e = *state;

	start(e);
	press(e, APP_IN_SELECT); /* doc 0 of the conclusions, 2 pages */
	press(e, APP_IN_NEXT);
	assert_int_equal(e->app.reader_page, 1);
	assert_int_equal(e->app.notice, APP_NOTICE_NONE);
	e->app.changed = false;
	e->now += 100;
	press(e, APP_IN_NEXT);
	assert_int_equal(e->app.reader_page, 1);
	assert_true(e->app.changed);
	assert_int_equal(e->app.notice, APP_NOTICE_LAST_PAGE);
	assert_int_equal(app_next_deadline(&e->app), e->now + APP_NOTICE_MS);
	e->app.changed = false;
	e->now += APP_NOTICE_MS - 1;
	tick(e);
	assert_int_equal(e->app.notice, APP_NOTICE_LAST_PAGE);
	e->now += 1;
	tick(e);
	assert_true(e->app.changed);
	assert_int_equal(e->app.notice, APP_NOTICE_NONE);
	/* SELECT on the last page says it too; PREV clears it and turns back. */
	press(e, APP_IN_SELECT);
	assert_int_equal(e->app.notice, APP_NOTICE_LAST_PAGE);
	press(e, APP_IN_PREV);
	assert_int_equal(e->app.notice, APP_NOTICE_NONE);
	assert_int_equal(e->app.reader_page, 0);
	/* PREV on the first page is not "the end" */
	press(e, APP_IN_PREV);
	assert_int_equal(e->app.notice, APP_NOTICE_NONE);
}

static void test_list(void **state)
{
	struct env *e = *state;

	start(e);
	press(e, APP_IN_NEXT); /* carousel at doc 0 page 1 */
	e->now += 2000;
	press(e, APP_IN_BACK);
	assert_int_equal(e->app.screen, APP_SCREEN_LIST);
	assert_int_equal(e->app.list_sel, 0);
	e->app.changed = false;
	press(e, APP_IN_PREV);
	press(e, APP_IN_PREV_REPEAT);
	assert_false(e->app.changed); /* clamped at the top, no wrap */
	assert_int_equal(e->app.list_sel, 0);
	press(e, APP_IN_NEXT);
	assert_true(e->app.changed);
	assert_int_equal(e->app.list_sel, 1);
	for (int i = 0; i < 10; i++)
		press(e, APP_IN_NEXT_REPEAT);
	assert_int_equal(e->app.list_sel, 4); /* clamped at the bottom */
	e->app.changed = false;
	press(e, APP_IN_NEXT);
	assert_false(e->app.changed);
	press(e, APP_IN_PREV_REPEAT);
	assert_int_equal(e->app.list_sel, 3);

	/* The reader on the selected item: 4 pages, clamped both ways. */
	press(e, APP_IN_SELECT);
	assert_int_equal(e->app.screen, APP_SCREEN_READER);
	assert_int_equal(e->app.reader_list, 1);
	assert_int_equal(e->app.reader_doc, 3);
	assert_int_equal(e->app.reader_page, 0);
	assert_int_equal(e->app.reader_return, APP_SCREEN_LIST);
	e->app.changed = false;
	press(e, APP_IN_PREV);
	assert_false(e->app.changed);
	press(e, APP_IN_NEXT);
	assert_int_equal(e->app.reader_page, 1);
	press(e, APP_IN_SELECT); /* select turns the page too */
	assert_int_equal(e->app.reader_page, 2);
	press(e, APP_IN_NEXT_REPEAT);
	press(e, APP_IN_NEXT_REPEAT);
	press(e, APP_IN_SELECT);
	assert_int_equal(e->app.reader_page, 3);
	press(e, APP_IN_PREV_REPEAT);
	assert_int_equal(e->app.reader_page, 2);
	press(e, APP_IN_BACK);
	assert_int_equal(e->app.screen, APP_SCREEN_LIST);
	assert_int_equal(e->app.list_sel, 3);

	/* Back to the carousel where it was, with a fresh dwell. */
	e->now += 7000;
	press(e, APP_IN_BACK);
	assert_carousel(e, 0, 1, 8000);
}

static void test_reader_from_carousel(void **state)
{
	struct env *e = *state;

	start(e);
	press(e, APP_IN_PREV); /* doc 2 page 2 */
	press(e, APP_IN_PREV); /* doc 2 page 1 */
	e->now += 4000;
	press(e, APP_IN_SELECT);
	assert_int_equal(e->app.screen, APP_SCREEN_READER);
	assert_int_equal(e->app.reader_list, 0);
	assert_int_equal(e->app.reader_doc, 2);
	assert_int_equal(e->app.reader_page, 1);
	assert_int_equal(e->app.reader_return, APP_SCREEN_CAROUSEL);
	assert_int_equal(app_next_deadline(&e->app), e->now + 120000);
	press(e, APP_IN_NEXT);
	assert_int_equal(e->app.reader_page, 2);
	press(e, APP_IN_NEXT);
	assert_int_equal(e->app.reader_page, 2); /* last page of a 3-page document */
	/* The carousel goes on from the page that was read. */
	e->now += 50000;
	press(e, APP_IN_BACK);
	assert_carousel(e, 2, 2, 8000);
}

static void test_info(void **state)
{
	struct env *e = *state;

	start(e);
	press(e, APP_IN_NEXT); /* carousel doc 0 page 1 */
	press(e, APP_IN_BACK_LONG);
	assert_int_equal(e->app.screen, APP_SCREEN_INFO);
	assert_int_equal(e->app.info_return, APP_SCREEN_CAROUSEL);
	e->app.changed = false;
	press(e, APP_IN_NEXT);
	press(e, APP_IN_SELECT);
	press(e, APP_IN_BACK_LONG);
	assert_false(e->app.changed);
	assert_int_equal(e->app.screen, APP_SCREEN_INFO);
	e->now += 60000;
	press(e, APP_IN_BACK);
	assert_carousel(e, 0, 1, 8000);

	press(e, APP_IN_BACK);
	press(e, APP_IN_NEXT);
	press(e, APP_IN_BACK_LONG);
	assert_int_equal(e->app.info_return, APP_SCREEN_LIST);
	press(e, APP_IN_BACK);
	assert_int_equal(e->app.screen, APP_SCREEN_LIST);
	assert_int_equal(e->app.list_sel, 1);

	press(e, APP_IN_SELECT);
	press(e, APP_IN_NEXT);
	press(e, APP_IN_BACK_LONG);
	assert_int_equal(e->app.info_return, APP_SCREEN_READER);
	press(e, APP_IN_BACK);
	assert_int_equal(e->app.screen, APP_SCREEN_READER);
	assert_int_equal(e->app.reader_doc, 1);
	assert_int_equal(e->app.reader_page, 1);
	press(e, APP_IN_BACK);
	assert_int_equal(e->app.screen, APP_SCREEN_LIST);
}

/* Each screen but the carousel returns to it after idle_timeout. */
static void test_idle(void **state)
{
	struct env *e = *state;
	static const enum app_input paths[3][3] = {
		{ APP_IN_BACK, APP_IN_NEXT, APP_IN_NEXT },          /* list, item 2 */
		{ APP_IN_BACK, APP_IN_NEXT, APP_IN_SELECT },        /* reader */
		{ APP_IN_BACK, APP_IN_NEXT, APP_IN_BACK_LONG },     /* info */
	};
	static const enum app_screen want[3] = { APP_SCREEN_LIST, APP_SCREEN_READER,
						 APP_SCREEN_INFO };

	start(e);
	for (int i = 0; i < 3; i++) {
		for (int k = 0; k < 3; k++) {
			e->now += 1000;
			press(e, paths[i][k]);
		}
		assert_int_equal(e->app.screen, want[i]);
		assert_int_equal(app_next_deadline(&e->app), e->now + 120000);
		/* A press keeps it open: the timeout counts from the last one. */
		e->now += 100000;
		press(e, APP_IN_PREV);
		int64_t last = e->now;
		assert_int_equal(app_next_deadline(&e->app), last + 120000);
		e->now = last + 119999;
		e->app.changed = false;
		tick(e);
		assert_false(e->app.changed);
		assert_int_equal(e->app.screen, want[i]);
		e->now = last + 120000;
		tick(e);
		assert_true(e->app.changed);
		assert_carousel(e, 0, 0, 20000);
		assert_int_equal(e->app.list_sel, 0); /* the next visitor starts at the top */
	}
}

static void test_empty(void **state)
{
	struct env *e = *state;

	e->c = (struct app_content){ 0, 0 };
	start(e);
	assert_int_equal(e->app.screen, APP_SCREEN_EMPTY);
	assert_int_equal(app_next_deadline(&e->app), INT64_MAX);
	press(e, APP_IN_NEXT);
	press(e, APP_IN_SELECT);
	press(e, APP_IN_BACK);
	assert_false(e->app.changed);
	assert_int_equal(e->app.screen, APP_SCREEN_EMPTY);
	press(e, APP_IN_BACK_LONG);
	assert_int_equal(e->app.screen, APP_SCREEN_INFO);
	assert_int_equal(e->app.info_return, APP_SCREEN_EMPTY);
	press(e, APP_IN_BACK);
	assert_int_equal(e->app.screen, APP_SCREEN_EMPTY);
	assert_int_equal(app_next_deadline(&e->app), INT64_MAX);

	/* Content arrives: the carousel starts at the beginning. */
	e->now += 5000;
	e->c = (struct app_content){ 3, 5 };
	e->app.changed = false;
	app_content_changed(&e->app, &e->c, &e->pg, e->now);
	assert_true(e->app.changed);
	assert_int_equal(e->app.car_list, 0);
	assert_carousel(e, 0, 0, 20000);

	/* It shrinks under the reader: indexes clamped, place kept. */
	press(e, APP_IN_PREV); /* doc 2 page 2 */
	press(e, APP_IN_BACK);
	for (int i = 0; i < 4; i++)
		press(e, APP_IN_NEXT);
	press(e, APP_IN_SELECT);
	assert_int_equal(e->app.reader_doc, 4);
	e->c = (struct app_content){ 2, 2 };
	app_content_changed(&e->app, &e->c, &e->pg, e->now);
	assert_int_equal(e->app.screen, APP_SCREEN_READER);
	assert_int_equal(e->app.reader_doc, 1);
	assert_int_equal(e->app.reader_page, 0);
	assert_int_equal(e->app.list_sel, 1);
	assert_int_equal(e->app.car_doc, 1);
	assert_int_equal(e->app.car_page, 0);

	/* It vanishes: the empty screen, and Info still goes back there. */
	e->c = (struct app_content){ 0, 0 };
	app_content_changed(&e->app, &e->c, &e->pg, e->now);
	assert_int_equal(e->app.screen, APP_SCREEN_EMPTY);
	assert_int_equal(app_next_deadline(&e->app), INT64_MAX);
	press(e, APP_IN_BACK_LONG);
	e->c = (struct app_content){ 3, 5 };
	app_content_changed(&e->app, &e->c, &e->pg, e->now);
	assert_int_equal(e->app.screen, APP_SCREEN_INFO);
	assert_int_equal(e->app.info_return, APP_SCREEN_CAROUSEL);
	press(e, APP_IN_BACK);
	assert_carousel(e, 0, 0, 20000);
}

/* No conclusions but other documents: the carousel cycles the full list. */
static void test_carousel_fallback(void **state)
{
	struct env *e = *state;

	e->c = (struct app_content){ 0, 5 };
	start(e);
	assert_int_equal(e->app.car_list, 1);
	assert_carousel(e, 0, 0, 15000);
	e->now += 15000;
	tick(e);
	assert_carousel(e, 1, 0, 8000);
	e->now += 8000;
	tick(e);
	assert_carousel(e, 1, 1, 8000);
	press(e, APP_IN_SELECT);
	assert_int_equal(e->app.reader_list, 1);
	assert_int_equal(e->app.reader_doc, 1);
	assert_int_equal(e->app.reader_page, 1);
	press(e, APP_IN_BACK);
	assert_carousel(e, 1, 1, 8000);
	/* Conclusions arrive: the carousel switches to them from the start. */
	e->c = (struct app_content){ 3, 5 };
	app_content_changed(&e->app, &e->c, &e->pg, e->now);
	assert_int_equal(e->app.car_list, 0);
	assert_int_equal(e->app.car_doc, 0);
	assert_int_equal(e->app.car_page, 0);
}

static void test_sleep(void **state)
{
	struct env *e = *state;

	e->set.sleep_from_min = MIN(22, 0);
	e->set.sleep_until_min = MIN(6, 0);
	e->minute = MIN(21, 59);
	start(e);
	assert_int_equal(e->app.screen, APP_SCREEN_CAROUSEL);
	press(e, APP_IN_BACK); /* on the list when the hours begin */
	e->now += 30000;
	e->minute = MIN(22, 0);
	tick(e);
	assert_int_equal(e->app.screen, APP_SCREEN_SLEEP);
	assert_int_equal(app_next_deadline(&e->app), INT64_MAX);
	e->app.changed = false;
	e->now += 3 * 3600 * 1000;
	e->minute = MIN(1, 0); /* past midnight: still asleep */
	tick(e);
	assert_false(e->app.changed);
	assert_int_equal(e->app.screen, APP_SCREEN_SLEEP);

	/* A press only wakes: the carousel where it was, no page turned. */
	press(e, APP_IN_NEXT);
	assert_true(e->app.changed);
	assert_int_equal(e->app.screen, APP_SCREEN_CAROUSEL);
	assert_int_equal(e->app.car_doc, 0);
	assert_int_equal(e->app.car_page, 0);
	assert_int_equal(e->app.awake_until, e->now + 60000);
	assert_int_equal(app_next_deadline(&e->app), e->now + 20000);
	/* While awake the carousel runs and presses act, keeping it awake. */
	e->now += 20000;
	tick(e);
	assert_carousel(e, 0, 1, 8000);
	e->now += 1000;
	press(e, APP_IN_NEXT);
	assert_carousel(e, 1, 0, 40000);
	assert_int_equal(e->app.awake_until, e->now + 60000);
	assert_int_equal(app_next_deadline(&e->app), e->now + 40000);
	e->now += 40000;
	tick(e);
	assert_carousel(e, 2, 0, 10000);
	e->now += 10000;
	tick(e);
	assert_int_equal(e->app.car_page, 1);
	assert_int_equal(app_next_deadline(&e->app), e->now + 10000); /* awake_until */
	/* Then asleep again, still in the hours. */
	e->now += 9999;
	tick(e);
	assert_int_equal(e->app.screen, APP_SCREEN_CAROUSEL);
	e->now += 1;
	tick(e);
	assert_int_equal(e->app.screen, APP_SCREEN_SLEEP);
	assert_int_equal(app_next_deadline(&e->app), INT64_MAX);

	/* Leaving the hours wakes it, with a fresh dwell. */
	e->now += 5 * 3600 * 1000;
	e->minute = MIN(6, 0);
	tick(e);
	assert_int_equal(e->app.screen, APP_SCREEN_CAROUSEL);
	assert_int_equal(e->app.car_deadline, e->now + app_dwell_ms(&e->set,
		e->fake.chars[0][e->app.car_doc][e->app.car_page]));
	/* Starting inside the hours starts asleep. */
	e->minute = MIN(23, 0);
	start(e);
	assert_int_equal(e->app.screen, APP_SCREEN_SLEEP);
}

static void test_clock_jumps(void **state)
{
	struct env *e = *state;

	e->now = 10 * 3600 * 1000;
	start(e);
	assert_carousel(e, 0, 0, 20000);
	/* Back an hour: the page turns one dwell from the new now, not in an hour. */
	e->now -= 3600 * 1000;
	tick(e);
	assert_carousel(e, 0, 0, 20000);
	/* Forward ten hours: one page, not the thousands that would have passed. */
	e->now += 10 * 3600 * 1000;
	tick(e);
	assert_carousel(e, 0, 1, 8000);

	/* Idle counts from the new now when the clock goes back. */
	press(e, APP_IN_BACK);
	e->now -= 3600 * 1000;
	tick(e);
	assert_int_equal(e->app.screen, APP_SCREEN_LIST);
	assert_int_equal(app_next_deadline(&e->app), e->now + 120000);

	/* A wake cannot last longer than wake_ms after a jump back. */
	e->set.sleep_from_min = MIN(22, 0);
	e->set.sleep_until_min = MIN(6, 0);
	e->minute = MIN(23, 0);
	start(e);
	press(e, APP_IN_NEXT);
	e->now -= 3600 * 1000;
	tick(e);
	assert_int_equal(e->app.awake_until, e->now + 60000);
	e->now += 60000;
	tick(e);
	assert_int_equal(e->app.screen, APP_SCREEN_SLEEP);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_dwell, setup),
		cmocka_unit_test_setup(test_sleep_hours, setup),
		cmocka_unit_test_setup(test_carousel_cycle, setup),
		cmocka_unit_test_setup(test_carousel_manual, setup),
		cmocka_unit_test_setup(test_carousel_pages, setup),
		cmocka_unit_test_setup(test_reader_last_page_notice, setup),
		cmocka_unit_test_setup(test_list, setup),
		cmocka_unit_test_setup(test_reader_from_carousel, setup),
		cmocka_unit_test_setup(test_info, setup),
		cmocka_unit_test_setup(test_idle, setup),
		cmocka_unit_test_setup(test_empty, setup),
		cmocka_unit_test_setup(test_carousel_fallback, setup),
		cmocka_unit_test_setup(test_sleep, setup),
		cmocka_unit_test_setup(test_clock_jumps, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
