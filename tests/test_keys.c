/* SPDX-License-Identifier: MIT */
/* test_keys: the kiosk's keyboard timing (firmware/main_keys.c, part of the
 * program, not of a library, so it is compiled in here): long press of back,
 * auto-repeat of previous and next, the system's own repeats ignored. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "../firmware/main_keys.c"

static struct keys k;

static int setup(void **state)
{
	(void)state;
	keys_init(&k, 1500, 500, 150);
	return 0;
}

static void test_back_short(void **state)
{
	enum app_input in = APP_IN_SELECT;

	(void)state;
	assert_int_equal(keys_down(&k, KEYS_BACK, 1000, &in), 0); /* acts on release */
	assert_int_equal(keys_next_deadline(&k), 2500);
	assert_int_equal(keys_tick(&k, 1400, &in), 0);
	assert_int_equal(keys_up(&k, KEYS_BACK, 1400, &in), 1);
	assert_int_equal(in, APP_IN_BACK);
	assert_int_equal(keys_next_deadline(&k), INT64_MAX);
}

static void test_back_long(void **state)
{
	enum app_input in = APP_IN_SELECT;

	(void)state;
	assert_int_equal(keys_down(&k, KEYS_BACK, 1000, &in), 0);
	assert_int_equal(keys_tick(&k, 2499, &in), 0);
	assert_int_equal(keys_tick(&k, 2500, &in), 1);
	assert_int_equal(in, APP_IN_BACK_LONG);
	/* Fired once while held; the release then does nothing. */
	assert_int_equal(keys_tick(&k, 4000, &in), 0);
	assert_int_equal(keys_next_deadline(&k), INT64_MAX);
	assert_int_equal(keys_up(&k, KEYS_BACK, 5000, &in), 0);
}

static void test_back_long_late_tick(void **state)
{
	enum app_input in = APP_IN_SELECT;

	(void)state;
	/* The loop did not tick in time: a long hold is still a long press. */
	keys_down(&k, KEYS_BACK, 0, &in);
	assert_int_equal(keys_up(&k, KEYS_BACK, 2000, &in), 1);
	assert_int_equal(in, APP_IN_BACK_LONG);
}

static void test_next_repeat(void **state)
{
	enum app_input in = APP_IN_SELECT;

	(void)state;
	assert_int_equal(keys_down(&k, KEYS_NEXT, 100, &in), 1);
	assert_int_equal(in, APP_IN_NEXT);
	/* The system's key repeat arrives as another key-down: ignored. */
	assert_int_equal(keys_down(&k, KEYS_NEXT, 130, &in), 0);
	assert_int_equal(keys_next_deadline(&k), 600);
	assert_int_equal(keys_tick(&k, 599, &in), 0);
	assert_int_equal(keys_tick(&k, 600, &in), 1);
	assert_int_equal(in, APP_IN_NEXT_REPEAT);
	assert_int_equal(keys_next_deadline(&k), 750);
	assert_int_equal(keys_tick(&k, 700, &in), 0);
	/* A late tick gives one repeat, not a burst. */
	assert_int_equal(keys_tick(&k, 2000, &in), 1);
	assert_int_equal(keys_tick(&k, 2000, &in), 0);
	assert_int_equal(keys_up(&k, KEYS_NEXT, 2100, &in), 0);
	assert_int_equal(keys_tick(&k, 5000, &in), 0);
}

static void test_prev_then_select(void **state)
{
	enum app_input in = APP_IN_NEXT;

	(void)state;
	assert_int_equal(keys_down(&k, KEYS_PREV, 0, &in), 1);
	assert_int_equal(in, APP_IN_PREV);
	/* Another key while one is held: handled on its own, the repeat stops. */
	assert_int_equal(keys_down(&k, KEYS_SELECT, 200, &in), 1);
	assert_int_equal(in, APP_IN_SELECT);
	assert_int_equal(keys_tick(&k, 1000, &in), 0);
	assert_int_equal(keys_up(&k, KEYS_PREV, 1100, &in), 0); /* not the held key */
	assert_int_equal(keys_up(&k, KEYS_SELECT, 1200, &in), 0);
	assert_int_equal(keys_next_deadline(&k), INT64_MAX);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_back_short, setup),
		cmocka_unit_test_setup(test_back_long, setup),
		cmocka_unit_test_setup(test_back_long_late_tick, setup),
		cmocka_unit_test_setup(test_next_repeat, setup),
		cmocka_unit_test_setup(test_prev_then_select, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
