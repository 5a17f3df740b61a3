/* SPDX-License-Identifier: MIT */
/* test_keys: the keyboard through the buttons' press engine (buttons_key(),
 * no debounce), as the kiosk feeds it: long press of back, auto-repeat of
 * previous and next, the system's own repeats ignored, and the first press
 * owning the keys as it owns the GPIO buttons. Times are in ms here and
 * converted to the engine's ns. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "buttons.h"

#define MS INT64_C(1000000)

static struct buttons bt;
static struct buttons_event ev[BUTTONS_EVENTS_MAX];

static int setup(void **state)
{
	/* The kiosk's settings; the debounce is the GPIO's and never the keys'. */
	struct buttons_settings set = { 30 * MS, 1500 * MS, 500 * MS, 150 * MS };

	(void)state;
	buttons_init(&bt, &set);
	return 0;
}

static size_t down(enum buttons_id id, int64_t ms)
{
	return buttons_key(&bt, id, true, ms * MS, ev, BUTTONS_EVENTS_MAX);
}

static size_t up(enum buttons_id id, int64_t ms)
{
	return buttons_key(&bt, id, false, ms * MS, ev, BUTTONS_EVENTS_MAX);
}

static size_t tick(int64_t ms)
{
	return buttons_tick(&bt, ms * MS, ev, BUTTONS_EVENTS_MAX);
}

static void test_back_short(void **state)
{
	(void)state;
	assert_int_equal(down(BUTTONS_BACK, 1000), 0); /* acts on release */
	assert_int_equal(buttons_next_deadline(&bt), 2500 * MS);
	assert_int_equal(tick(1400), 0);
	assert_int_equal(up(BUTTONS_BACK, 1400), 1);
	assert_int_equal(ev[0].input, APP_IN_BACK);
	assert_int_equal(buttons_next_deadline(&bt), INT64_MAX);
}

static void test_back_long(void **state)
{
	(void)state;
	assert_int_equal(down(BUTTONS_BACK, 1000), 0);
	assert_int_equal(tick(2499), 0);
	assert_int_equal(tick(2500), 1);
	assert_int_equal(ev[0].input, APP_IN_BACK_LONG);
	/* Fired once while held; the release then does nothing. */
	assert_int_equal(tick(4000), 0);
	assert_int_equal(buttons_next_deadline(&bt), INT64_MAX);
	assert_int_equal(up(BUTTONS_BACK, 5000), 0);
}

static void test_back_long_late_tick(void **state)
{
	(void)state;
	/* The loop did not tick in time: a long hold is still a long press. */
	down(BUTTONS_BACK, 0);
	assert_int_equal(up(BUTTONS_BACK, 2000), 1);
	assert_int_equal(ev[0].input, APP_IN_BACK_LONG);
}

static void test_next_repeat(void **state)
{
	size_t n;

	(void)state;
	/* No debounce for a key: the press counts at its own time. */
	assert_int_equal(down(BUTTONS_NEXT, 100), 1);
	assert_int_equal(ev[0].input, APP_IN_NEXT);
	assert_int_equal(ev[0].t_ns, 100 * MS);
	/* The system's key repeat arrives as another key-down: ignored. */
	assert_int_equal(down(BUTTONS_NEXT, 130), 0);
	assert_int_equal(buttons_next_deadline(&bt), 600 * MS);
	assert_int_equal(tick(599), 0);
	assert_int_equal(tick(600), 1);
	assert_int_equal(ev[0].input, APP_IN_NEXT_REPEAT);
	assert_int_equal(buttons_next_deadline(&bt), 750 * MS);
	assert_int_equal(tick(700), 0);
	/* A late tick is not a flood: at most BUTTONS_CATCHUP_MAX repeats. */
	n = tick(5000);
	assert_true(n >= 1 && n <= BUTTONS_CATCHUP_MAX);
	assert_int_equal(ev[n - 1].input, APP_IN_NEXT_REPEAT);
	assert_int_equal(up(BUTTONS_NEXT, 5040), 0); /* before the next repeat, at 5100 */
	assert_int_equal(tick(9000), 0);
}

static void test_prev_then_select(void **state)
{
	(void)state;
	assert_int_equal(down(BUTTONS_PREV, 0), 1);
	assert_int_equal(ev[0].input, APP_IN_PREV);
	/* Another key while one is held: as with the GPIO buttons, the first
	 * press owns them, so select says nothing, its release neither, and
	 * prev goes on repeating. */
	assert_int_equal(down(BUTTONS_SELECT, 200), 0);
	assert_int_equal(up(BUTTONS_SELECT, 300), 0);
	assert_int_equal(tick(500), 1);
	assert_int_equal(ev[0].input, APP_IN_PREV_REPEAT);
	assert_int_equal(up(BUTTONS_PREV, 600), 0);
	assert_int_equal(buttons_next_deadline(&bt), INT64_MAX);
	/* Pressed again once prev is released, select acts. */
	assert_int_equal(down(BUTTONS_SELECT, 700), 1);
	assert_int_equal(ev[0].input, APP_IN_SELECT);
}

static void test_key_and_button_share_the_owner(void **state)
{
	(void)state;
	/* A GPIO button held (debounced), then a key: one owner for both. */
	assert_int_equal(buttons_edge(&bt, BUTTONS_NEXT, true, 0, ev, BUTTONS_EVENTS_MAX), 0);
	assert_int_equal(tick(30), 1);
	assert_int_equal(ev[0].input, APP_IN_NEXT);
	assert_int_equal(down(BUTTONS_SELECT, 100), 0);
	assert_int_equal(up(BUTTONS_SELECT, 150), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_back_short, setup),
		cmocka_unit_test_setup(test_back_long, setup),
		cmocka_unit_test_setup(test_back_long_late_tick, setup),
		cmocka_unit_test_setup(test_next_repeat, setup),
		cmocka_unit_test_setup(test_prev_then_select, setup),
		cmocka_unit_test_setup(test_key_and_button_share_the_owner, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
