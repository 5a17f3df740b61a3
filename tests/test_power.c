/* SPDX-License-Identifier: MIT */
/* test_power: the display's power around the loop's frames (firmware/power.c)
 * through two recording backends, as DRM DPMS and HDMI-CEC would be: the
 * dark sleep frame is drawn, then the display goes off; no frame while it
 * is off; on again before the first frame after the sleep window or a
 * press; a failing backend logged once and the other still used; a window
 * (no backend) keeps drawing the dark screen. The real DRM path is checked
 * in the system test (tests/system/), on virtio-gpu's connector. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "power.h"

struct rec {
	char calls[64]; /* "0" off, "1" on, one character per call */
	bool fail;
	int freed;
};

static int rec_set(void *ctx, bool on, char *err, size_t errsize)
{
	struct rec *r = ctx;
	size_t n = strlen(r->calls);

	if (n + 1 < sizeof r->calls)
		r->calls[n] = on ? '1' : '0';
	if (r->fail) {
		snprintf(err, errsize, "/dev/fake: no TV");
		return -1;
	}
	return 0;
}

static void rec_free(void *ctx)
{
	((struct rec *)ctx)->freed++;
}

static void add(struct power *p, const char *name, struct rec *r)
{
	struct power_backend be = { name, r, rec_set, rec_free };

	assert_int_equal(power_add(p, &be), 0);
}

/* One loop frame as main_step() does it: returns whether it drew. */
static bool frame(struct power *p, bool sleeping)
{
	bool drew = power_before(p, sleeping);

	power_after(p, sleeping);
	return drew;
}

static void test_night(void **state)
{
	struct rec drm = { 0 }, cec = { 0 };
	struct power p;

	(void)state;
	power_init(&p);
	add(&p, "DRM DPMS", &drm);
	add(&p, "HDMI-CEC", &cec);
	assert_true(frame(&p, false));   /* the day: nothing switched */
	assert_string_equal(drm.calls, "");
	assert_true(frame(&p, true));    /* the dark frame, then off */
	assert_string_equal(drm.calls, "0");
	assert_string_equal(cec.calls, "0");
	assert_true(p.off);
	assert_false(frame(&p, true));   /* the clock's minute: not drawn */
	assert_false(frame(&p, true));
	assert_string_equal(drm.calls, "0");
	assert_true(frame(&p, false));   /* a press or the morning: on, drawn */
	assert_string_equal(drm.calls, "01");
	assert_string_equal(cec.calls, "01");
	assert_false(p.off);
	assert_true(frame(&p, false));
	assert_true(frame(&p, true));    /* the next night */
	assert_string_equal(drm.calls, "010");
	power_free(&p);
	assert_int_equal(drm.freed, 1);
	assert_int_equal(cec.freed, 1);
}

static void test_one_fails(void **state)
{
	struct rec drm = { 0 }, cec = { .fail = true };
	struct power p;

	(void)state;
	power_init(&p);
	add(&p, "DRM DPMS", &drm);
	add(&p, "HDMI-CEC", &cec);
	assert_true(frame(&p, true));
	assert_true(p.off);              /* DPMS did it */
	assert_int_equal(p.failed, 2u);  /* CEC's failure noted (logged once) */
	assert_true(frame(&p, false));
	assert_string_equal(cec.calls, "01"); /* still tried each time */
	power_free(&p);
}

static void test_all_fail(void **state)
{
	struct rec drm = { .fail = true };
	struct power p;

	(void)state;
	power_init(&p);
	add(&p, "DRM DPMS", &drm);
	/* Nothing switched it off: the dark frame stays and is kept drawn. */
	assert_true(frame(&p, true));
	assert_false(p.off);
	assert_true(frame(&p, true));
	assert_string_equal(drm.calls, "00");
	power_free(&p);
}

static void test_window(void **state)
{
	struct power p;

	(void)state;
	power_init(&p);                  /* a desktop: no backend */
	assert_true(frame(&p, true));
	assert_true(frame(&p, true));
	assert_false(p.off);
	power_free(&p);
}

static void test_full(void **state)
{
	struct rec a = { 0 }, b = { 0 }, c = { 0 };
	struct power p;
	struct power_backend be = { "third", &c, rec_set, rec_free };

	(void)state;
	power_init(&p);
	add(&p, "a", &a);
	add(&p, "b", &b);
	assert_int_equal(power_add(&p, &be), -1);
	assert_int_equal(c.freed, 1);    /* taken over even when refused */
	power_free(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_night),
		cmocka_unit_test(test_one_fails),
		cmocka_unit_test(test_all_fail),
		cmocka_unit_test(test_window),
		cmocka_unit_test(test_full),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
