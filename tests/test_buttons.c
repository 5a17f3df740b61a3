/* SPDX-License-Identifier: MIT */
/*
 * buttons: recorded edge sequences (button, level, kernel time) and ticks
 * fed to the pure debouncer, and the exact app inputs and times that come
 * out: clean presses, bounce storms, presses shorter than the debounce,
 * long and short back, held repeats, two buttons at once, clocks that jump
 * either way, and the deadline the main loop would sleep until.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buttons.h"

#define US(x) ((int64_t)(x) * 1000)
#define MS(x) ((int64_t)(x) * 1000000)
#define NONE INT64_MAX

enum { PREV = BUTTONS_PREV, NEXT = BUTTONS_NEXT, SELECT = BUTTONS_SELECT, BACK = BUTTONS_BACK };

/* One recorded step: an edge of a button, or a tick of the main loop. */
struct step {
	char kind; /* 'e' edge, 't' tick */
	int button;
	bool level;
	int64_t t;
};

#define DOWN(b, t) { 'e', (b), true, (t) }
#define UP(b, t) { 'e', (b), false, (t) }
#define TICK(t) { 't', 0, false, (t) }

/* Everything the steps produced, in order. */
struct rec {
	struct buttons_event ev[4096];
	size_t n;
};

static size_t step1(struct buttons *bt, const struct step *s, struct rec *r)
{
	struct buttons_event out[BUTTONS_EVENTS_MAX];
	size_t n = s->kind == 'e'
		? buttons_edge(bt, (enum buttons_id)s->button, s->level, s->t, out, BUTTONS_EVENTS_MAX)
		: buttons_tick(bt, s->t, out, BUTTONS_EVENTS_MAX);

	assert_true(n <= BUTTONS_EVENTS_MAX);
	assert_true(r->n + n <= sizeof r->ev / sizeof r->ev[0]);
	memcpy(r->ev + r->n, out, n * sizeof out[0]);
	r->n += n;
	return n;
}

static void feed(struct buttons *bt, const struct step *s, size_t n, struct rec *r)
{
	for (size_t i = 0; i < n; i++)
		step1(bt, &s[i], r);
}

/* Ticks at every deadline up to until, as the main loop would. */
static void follow(struct buttons *bt, int64_t until, struct rec *r)
{
	for (int guard = 0; guard < 10000; guard++) {
		int64_t d = buttons_next_deadline(bt);

		if (d > until)
			return;
		struct step s = TICK(d);
		step1(bt, &s, r);
		assert_true(buttons_next_deadline(bt) > d);
	}
	fail_msg("deadlines do not move on");
}

static const char *in_name(enum app_input in)
{
	static const char *names[] = { "PREV", "NEXT", "SELECT", "BACK", "BACK_LONG",
				       "PREV_REPEAT", "NEXT_REPEAT" };
	return (unsigned)in < sizeof names / sizeof names[0] ? names[in] : "?";
}

/* Compares the recorded events with the expected ones; prints both lists
 * on a mismatch so one run shows the whole difference. */
static void expect(const struct rec *r, const struct buttons_event *want, size_t n)
{
	bool same = r->n == n;

	for (size_t i = 0; same && i < n; i++)
		same = r->ev[i].input == want[i].input && r->ev[i].t_ns == want[i].t_ns;
	if (same)
		return;
	for (size_t i = 0; i < r->n; i++)
		print_message("got  %zu: %s at %lld us\n", i, in_name(r->ev[i].input),
			      (long long)(r->ev[i].t_ns / 1000));
	for (size_t i = 0; i < n; i++)
		print_message("want %zu: %s at %lld us\n", i, in_name(want[i].input),
			      (long long)(want[i].t_ns / 1000));
	fail_msg("%zu events, %zu expected", r->n, n);
}

#define EXPECT(r, ...)                                                                 \
	do {                                                                           \
		static const struct buttons_event want_[] = { __VA_ARGS__ };            \
		expect((r), want_, sizeof want_ / sizeof want_[0]);                    \
	} while (0)
#define EV(in, t) { (in), (t) }

static void init_default(struct buttons *bt)
{
	struct buttons_settings set = buttons_settings_default();

	buttons_init(bt, &set);
}

/* Bounces: n edges 100 us apart from t, alternating from level first; the
 * last edge has level last_level when n is chosen so. */
static size_t storm(struct step *s, int button, bool first, int64_t t, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		s[i].kind = 'e';
		s[i].button = button;
		s[i].level = (i % 2 == 0) ? first : !first;
		s[i].t = t + US(100) * (int64_t)i;
	}
	return n;
}

static void test_settings_default(void **state)
{
	(void)state;
	struct buttons_settings set = buttons_settings_default();
	struct buttons bt;

	assert_int_equal(set.debounce_ns, MS(30));
	assert_int_equal(set.long_press_ns, MS(1500));
	assert_int_equal(set.repeat_delay_ns, MS(500));
	assert_int_equal(set.repeat_interval_ns, MS(150));
	buttons_init(&bt, &set);
	assert_int_equal(bt.owner, -1);
	assert_int_equal(buttons_next_deadline(&bt), NONE);
	for (int i = 0; i < BUTTONS_COUNT; i++)
		assert_false(bt.b[i].stable);
}

/* A clean press and release of previous, with the deadline at each step. */
static void test_clean_press(void **state)
{
	(void)state;
	struct buttons bt;
	struct rec r = { .n = 0 };
	struct step s;

	init_default(&bt);
	s = (struct step)DOWN(PREV, MS(1000));
	assert_int_equal(step1(&bt, &s, &r), 0);
	assert_int_equal(buttons_next_deadline(&bt), MS(1030));
	s = (struct step)TICK(MS(1029));
	assert_int_equal(step1(&bt, &s, &r), 0);
	assert_int_equal(buttons_next_deadline(&bt), MS(1030));
	s = (struct step)TICK(MS(1030));
	assert_int_equal(step1(&bt, &s, &r), 1);
	assert_int_equal(buttons_next_deadline(&bt), MS(1500)); /* first repeat */
	s = (struct step)UP(PREV, MS(1200));
	assert_int_equal(step1(&bt, &s, &r), 0);
	assert_int_equal(buttons_next_deadline(&bt), MS(1230));
	s = (struct step)TICK(MS(1230));
	assert_int_equal(step1(&bt, &s, &r), 0);
	assert_int_equal(buttons_next_deadline(&bt), NONE);
	assert_int_equal(bt.owner, -1);
	EXPECT(&r, EV(APP_IN_PREV, MS(1000)));

	/* select and next the same way; an edge settles the level before it
	 * without any tick in between */
	static const struct step more[] = {
		DOWN(SELECT, MS(2000)), UP(SELECT, MS(2100)),
		DOWN(NEXT, MS(3000)), UP(NEXT, MS(3040)), TICK(MS(4000)),
	};
	r.n = 0;
	feed(&bt, more, sizeof more / sizeof more[0], &r);
	EXPECT(&r, EV(APP_IN_SELECT, MS(2000)), EV(APP_IN_NEXT, MS(3000)));
	assert_int_equal(buttons_next_deadline(&bt), NONE);
}

/* Dozens of edges within 4 ms on press and on release: one press, dated by
 * the first edge; ticks during the storm settle nothing. */
static void test_bounce_storm(void **state)
{
	(void)state;
	struct buttons bt;
	struct rec r = { .n = 0 };
	struct step s[200];
	size_t n = 0;

	init_default(&bt);
	n += storm(s + n, SELECT, true, MS(1000), 41);   /* ends pressed at 1004 ms */
	s[n++] = (struct step)TICK(MS(1020));
	s[n++] = (struct step)TICK(MS(1033));
	n += storm(s + n, SELECT, false, MS(1300), 41);  /* ends released */
	s[n++] = (struct step)TICK(MS(1320));
	s[n++] = (struct step)TICK(MS(2000));
	feed(&bt, s, n, &r);
	EXPECT(&r, EV(APP_IN_SELECT, MS(1000)));
	assert_int_equal(buttons_next_deadline(&bt), NONE);

	/* the same storms on back: one short press, dated by its release */
	r.n = 0;
	n = 0;
	n += storm(s + n, BACK, true, MS(3000), 41);
	for (int t = 3000; t < 3400; t += 7)
		s[n++] = (struct step)TICK(MS(t));
	n += storm(s + n, BACK, false, MS(3400), 39);
	s[n++] = (struct step)TICK(MS(5000));
	feed(&bt, s, n, &r);
	EXPECT(&r, EV(APP_IN_BACK, MS(3400)));

	/* the deadline during a storm is 30 ms after its latest edge */
	init_default(&bt);
	r.n = 0;
	n = storm(s, NEXT, true, MS(100), 11);
	feed(&bt, s, n, &r);
	assert_int_equal(buttons_next_deadline(&bt), MS(101) + MS(30));
	assert_int_equal(r.n, 0);
}

/* A press shorter than the debounce time is no press, ticked or not; so is
 * a contact that bounces and never holds 30 ms. */
static void test_short_glitch(void **state)
{
	(void)state;
	struct buttons bt;
	struct rec r = { .n = 0 };
	static const struct step s[] = {
		DOWN(PREV, MS(1000)), TICK(MS(1010)), UP(PREV, MS(1029)), TICK(MS(1040)),
		TICK(MS(1058)),
	};

	init_default(&bt);
	feed(&bt, s, sizeof s / sizeof s[0], &r);
	assert_int_equal(buttons_next_deadline(&bt), MS(1059)); /* 30 ms after release */
	static const struct step s2[] = {
		TICK(MS(1059)), DOWN(NEXT, MS(2000)), UP(NEXT, MS(2029)), DOWN(NEXT, MS(2050)),
		UP(NEXT, MS(2079)), DOWN(NEXT, MS(2100)), UP(NEXT, MS(2110)), TICK(MS(3000)),
	};
	feed(&bt, s2, sizeof s2 / sizeof s2[0], &r);
	assert_int_equal(r.n, 0);
	assert_int_equal(buttons_next_deadline(&bt), NONE);
	assert_false(bt.b[NEXT].stable);
}

/* Back held: one BACK_LONG at exactly pressed_t + 1.5 s, nothing on release;
 * then the buttons are free again. */
static void test_long_back(void **state)
{
	(void)state;
	struct buttons bt;
	struct rec r = { .n = 0 };
	struct step s;

	init_default(&bt);
	s = (struct step)DOWN(BACK, MS(1000));
	step1(&bt, &s, &r);
	follow(&bt, MS(1031), &r);
	assert_int_equal(r.n, 0);
	assert_int_equal(buttons_next_deadline(&bt), MS(2500));
	s = (struct step)TICK(MS(2499));
	assert_int_equal(step1(&bt, &s, &r), 0);
	s = (struct step)TICK(MS(2500));
	assert_int_equal(step1(&bt, &s, &r), 1);
	assert_int_equal(buttons_next_deadline(&bt), NONE);
	static const struct step rest[] = {
		TICK(MS(3000)), TICK(MS(4000)), UP(BACK, MS(4000)), TICK(MS(4100)),
		DOWN(NEXT, MS(5000)), UP(NEXT, MS(5100)), TICK(MS(6000)),
	};
	feed(&bt, rest, sizeof rest / sizeof rest[0], &r);
	EXPECT(&r, EV(APP_IN_BACK_LONG, MS(2500)), EV(APP_IN_NEXT, MS(5000)));

	/* released exactly at 1.5 s with no tick in between: held long enough */
	init_default(&bt);
	r.n = 0;
	static const struct step tie[] = { DOWN(BACK, MS(1000)), UP(BACK, MS(2500)), TICK(MS(3000)) };
	feed(&bt, tie, sizeof tie / sizeof tie[0], &r);
	EXPECT(&r, EV(APP_IN_BACK_LONG, MS(2500)));
}

/* A short back: BACK when the release settles, dated by the release. A
 * release that begins (bouncing) just before 1.5 s is still a short press,
 * even when the long press falls due during its bounce. */
static void test_short_back(void **state)
{
	(void)state;
	struct buttons bt;
	struct rec r = { .n = 0 };
	struct step s[100];
	size_t n = 0;

	init_default(&bt);
	s[n++] = (struct step)DOWN(BACK, MS(1000));
	s[n++] = (struct step)TICK(MS(1030));
	s[n++] = (struct step)UP(BACK, MS(1300));
	s[n++] = (struct step)TICK(MS(1329));
	feed(&bt, s, n, &r);
	assert_int_equal(r.n, 0);
	assert_int_equal(buttons_next_deadline(&bt), MS(1330));
	s[0] = (struct step)TICK(MS(1330));
	feed(&bt, s, 1, &r);
	EXPECT(&r, EV(APP_IN_BACK, MS(1300)));

	r.n = 0;
	n = 0;
	s[n++] = (struct step)DOWN(BACK, MS(2000));
	n += storm(s + n, BACK, false, MS(3495), 41); /* 3495..3499 ms, ends released */
	s[n++] = (struct step)TICK(MS(3500));          /* long press due: must wait */
	s[n++] = (struct step)TICK(MS(3520));
	feed(&bt, s, n, &r);
	assert_int_equal(r.n, 0);
	assert_int_equal(buttons_next_deadline(&bt), MS(3499) + MS(30));
	follow(&bt, MS(9000), &r);
	EXPECT(&r, EV(APP_IN_BACK, MS(3495)));

	/* a glitch of back's contact at 1.5 s: the long press comes once the
	 * glitch is over, with its own time */
	r.n = 0;
	n = 0;
	s[n++] = (struct step)DOWN(BACK, MS(5000));
	s[n++] = (struct step)UP(BACK, MS(6499));
	s[n++] = (struct step)DOWN(BACK, MS(6501));
	s[n++] = (struct step)TICK(MS(6510));
	feed(&bt, s, n, &r);
	assert_int_equal(r.n, 0);
	follow(&bt, MS(7000), &r);
	s[0] = (struct step)UP(BACK, MS(7000));
	s[1] = (struct step)TICK(MS(8000));
	feed(&bt, s, 2, &r);
	EXPECT(&r, EV(APP_IN_BACK_LONG, MS(6500)));
}

/* Previous held 2 s: PREV, then repeats from 500 ms every 150 ms, the same
 * whether the loop ticks at each deadline or every 10 ms. */
static void test_prev_held(void **state)
{
	(void)state;
	static const struct buttons_event want[] = {
		EV(APP_IN_PREV, MS(1000)),
		EV(APP_IN_PREV_REPEAT, MS(1500)), EV(APP_IN_PREV_REPEAT, MS(1650)),
		EV(APP_IN_PREV_REPEAT, MS(1800)), EV(APP_IN_PREV_REPEAT, MS(1950)),
		EV(APP_IN_PREV_REPEAT, MS(2100)), EV(APP_IN_PREV_REPEAT, MS(2250)),
		EV(APP_IN_PREV_REPEAT, MS(2400)), EV(APP_IN_PREV_REPEAT, MS(2550)),
		EV(APP_IN_PREV_REPEAT, MS(2700)), EV(APP_IN_PREV_REPEAT, MS(2850)),
		EV(APP_IN_PREV_REPEAT, MS(3000)), /* held through 3000: counts */
	};
	struct buttons bt;
	struct rec r = { .n = 0 };
	struct step s;

	init_default(&bt);
	s = (struct step)DOWN(PREV, MS(1000));
	step1(&bt, &s, &r);
	follow(&bt, MS(3000), &r);
	s = (struct step)UP(PREV, MS(3000));
	step1(&bt, &s, &r);
	follow(&bt, MS(5000), &r);
	expect(&r, want, sizeof want / sizeof want[0]);
	assert_int_equal(buttons_next_deadline(&bt), NONE);

	init_default(&bt);
	r.n = 0;
	s = (struct step)DOWN(PREV, MS(1000));
	step1(&bt, &s, &r);
	for (int t = 1003; t < 3000; t += 10) {
		s = (struct step)TICK(MS(t));
		assert_true(step1(&bt, &s, &r) <= 1);
	}
	s = (struct step)UP(PREV, MS(3000));
	step1(&bt, &s, &r);
	s = (struct step)TICK(MS(3100));
	step1(&bt, &s, &r);
	expect(&r, want, sizeof want / sizeof want[0]);

	/* released just before a repeat: the repeat does not come */
	init_default(&bt);
	r.n = 0;
	static const struct step rel[] = {
		DOWN(NEXT, MS(0)), TICK(MS(1649)), UP(NEXT, MS(1649)), TICK(MS(1700)),
	};
	feed(&bt, rel, sizeof rel / sizeof rel[0], &r);
	EXPECT(&r, EV(APP_IN_NEXT, MS(0)), EV(APP_IN_NEXT_REPEAT, MS(500)),
	       EV(APP_IN_NEXT_REPEAT, MS(650)), EV(APP_IN_NEXT_REPEAT, MS(800)),
	       EV(APP_IN_NEXT_REPEAT, MS(950)), EV(APP_IN_NEXT_REPEAT, MS(1100)),
	       EV(APP_IN_NEXT_REPEAT, MS(1250)), EV(APP_IN_NEXT_REPEAT, MS(1400)),
	       EV(APP_IN_NEXT_REPEAT, MS(1550)));
}

/* Two buttons at once: the first settled press owns the buttons; the
 * other's press and release say nothing, even past the owner's release,
 * until it is pressed again. */
static void test_simultaneous(void **state)
{
	(void)state;
	struct buttons bt;
	struct rec r = { .n = 0 };
	static const struct step s[] = {
		DOWN(PREV, MS(1000)), TICK(MS(1030)),
		DOWN(NEXT, MS(1100)), TICK(MS(1200)), UP(NEXT, MS(1300)), TICK(MS(1350)),
		DOWN(BACK, MS(1360)), TICK(MS(1400)),
		DOWN(SELECT, MS(1410)), UP(PREV, MS(1420)), /* owner goes, others held */
		TICK(MS(1500)), TICK(MS(4000)),             /* no long press, no select */
		UP(BACK, MS(4100)), UP(SELECT, MS(4100)), TICK(MS(4200)),
		DOWN(SELECT, MS(5000)), UP(SELECT, MS(5100)), TICK(MS(5200)),
	};

	init_default(&bt);
	feed(&bt, s, sizeof s / sizeof s[0], &r);
	EXPECT(&r, EV(APP_IN_PREV, MS(1000)), EV(APP_IN_SELECT, MS(5000)));
	assert_int_equal(bt.owner, -1);

	/* held past the owner's release and past its own repeat delay: still
	 * nothing, and no deadline for it */
	init_default(&bt);
	r.n = 0;
	static const struct step s2[] = {
		DOWN(SELECT, MS(1000)), DOWN(NEXT, MS(1010)), TICK(MS(1100)),
		UP(SELECT, MS(1200)), TICK(MS(1300)),
	};
	feed(&bt, s2, sizeof s2 / sizeof s2[0], &r);
	assert_int_equal(buttons_next_deadline(&bt), NONE);
	static const struct step s3[] = {
		TICK(MS(5000)), UP(NEXT, MS(5000)), TICK(MS(5100)),
		DOWN(NEXT, MS(6000)), TICK(MS(6100)),
	};
	feed(&bt, s3, sizeof s3 / sizeof s3[0], &r);
	EXPECT(&r, EV(APP_IN_SELECT, MS(1000)), EV(APP_IN_NEXT, MS(6000)));

	/* pressed at the same instant: the lower id owns */
	init_default(&bt);
	r.n = 0;
	static const struct step s4[] = {
		DOWN(NEXT, MS(1000)), DOWN(PREV, MS(1000)), TICK(MS(1100)),
		UP(NEXT, MS(1200)), UP(PREV, MS(1200)), TICK(MS(1300)),
	};
	feed(&bt, s4, sizeof s4 / sizeof s4[0], &r);
	EXPECT(&r, EV(APP_IN_PREV, MS(1000)));

	/* next pressed 10 ms before select's release but bouncing longer, so it
	 * settles after: made while select was held, ignored; pressed 5 ms
	 * after the release, it counts */
	init_default(&bt);
	r.n = 0;
	struct step st[200];
	size_t n = 0;

	st[n++] = (struct step)DOWN(SELECT, MS(1000));
	n += storm(st + n, NEXT, true, MS(1190), 100);         /* to 1199.9 ms */
	st[n++] = (struct step)UP(SELECT, MS(1200));
	n += storm(st + n, NEXT, true, MS(1200) + US(100), 49); /* to 1204.9 ms */
	st[n++] = (struct step)TICK(MS(1300));
	st[n++] = (struct step)UP(NEXT, MS(1400));
	st[n++] = (struct step)DOWN(SELECT, MS(2000));
	st[n++] = (struct step)UP(SELECT, MS(2200));
	st[n++] = (struct step)DOWN(NEXT, MS(2205));
	st[n++] = (struct step)TICK(MS(2300));
	feed(&bt, st, n, &r);
	EXPECT(&r, EV(APP_IN_SELECT, MS(1000)), EV(APP_IN_SELECT, MS(2000)),
	       EV(APP_IN_NEXT, MS(2205)));
}

/* Time going backwards: nothing comes of it, nothing hangs. A small step
 * back counts as no time; a large one is a clock reset the state follows. */
static void test_clock_backwards(void **state)
{
	(void)state;
	struct buttons bt;
	struct rec r = { .n = 0 };

	init_default(&bt);
	static const struct step s[] = {
		DOWN(PREV, MS(1000)), TICK(MS(990)), TICK(MS(500)), TICK(MS(1029)),
	};
	feed(&bt, s, sizeof s / sizeof s[0], &r);
	assert_int_equal(r.n, 0);
	assert_int_equal(buttons_next_deadline(&bt), MS(1030));
	/* a release stamped before the press: a press of no length */
	static const struct step s2[] = { UP(PREV, MS(900)), TICK(MS(1100)) };
	feed(&bt, s2, sizeof s2 / sizeof s2[0], &r);
	assert_int_equal(r.n, 0);
	assert_int_equal(buttons_next_deadline(&bt), NONE);

	/* a clock reset while next is held: repeats go on in the new clock,
	 * 150 ms apart, with no burst */
	init_default(&bt);
	r.n = 0;
	static const struct step s3[] = {
		DOWN(NEXT, MS(10000)), TICK(MS(10030)), TICK(MS(10600)), /* repeat at 10500 */
		TICK(MS(1000)),                                          /* back 9.6 s */
	};
	feed(&bt, s3, sizeof s3 / sizeof s3[0], &r);
	assert_int_equal(r.n, 2);
	assert_int_equal(buttons_next_deadline(&bt), MS(1050));
	static const struct step s4[] = { TICK(MS(1050)), UP(NEXT, MS(1100)), TICK(MS(1200)) };
	feed(&bt, s4, sizeof s4 / sizeof s4[0], &r);
	EXPECT(&r, EV(APP_IN_NEXT, MS(10000)), EV(APP_IN_NEXT_REPEAT, MS(10500)),
	       EV(APP_IN_NEXT_REPEAT, MS(1050)));
	assert_int_equal(buttons_next_deadline(&bt), NONE);

	/* a reset during a debounce: the press still needs its 30 ms */
	init_default(&bt);
	r.n = 0;
	static const struct step s5[] = { DOWN(SELECT, MS(50000)), TICK(MS(50010)), TICK(MS(7)) };
	feed(&bt, s5, sizeof s5 / sizeof s5[0], &r);
	assert_int_equal(r.n, 0);
	assert_int_equal(buttons_next_deadline(&bt), MS(27));
	follow(&bt, MS(100), &r);
	EXPECT(&r, EV(APP_IN_SELECT, MS(-3)));

	/* the ends of the clock: no overflow (UBSan), no hang, no flood */
	init_default(&bt);
	r.n = 0;
	static const struct step s6[] = {
		TICK(INT64_MAX - MS(10)), DOWN(PREV, INT64_MAX - MS(5)), TICK(INT64_MAX),
		TICK(INT64_MIN), DOWN(PREV, INT64_MIN), TICK(INT64_MIN + MS(100)),
		TICK(INT64_MAX), TICK(INT64_MIN), UP(PREV, INT64_MAX), TICK(INT64_MAX),
	};
	feed(&bt, s6, sizeof s6 / sizeof s6[0], &r);
	assert_true(r.n <= 2 * BUTTONS_CATCHUP_MAX + 2);
}

/* A tick long after what was due: the press and at most
 * BUTTONS_CATCHUP_MAX repeats, then the grid goes on after now. */
static void test_late_tick(void **state)
{
	(void)state;
	struct buttons bt;
	struct rec r = { .n = 0 };
	struct step s;

	init_default(&bt);
	s = (struct step)DOWN(PREV, MS(1000));
	step1(&bt, &s, &r);
	s = (struct step)TICK(MS(60000));
	assert_int_equal(step1(&bt, &s, &r), 1 + BUTTONS_CATCHUP_MAX);
	assert_int_equal(r.ev[0].input, APP_IN_PREV);
	assert_int_equal(r.ev[0].t_ns, MS(1000));
	for (size_t i = 1; i < r.n; i++) {
		assert_int_equal(r.ev[i].input, APP_IN_PREV_REPEAT);
		assert_int_equal(r.ev[i].t_ns, MS(1500) + MS(150) * (int64_t)(i - 1));
	}
	/* 60000 is on the grid and was skipped: the next is 60150 */
	assert_int_equal(buttons_next_deadline(&bt), MS(60150));
	r.n = 0;
	s = (struct step)TICK(MS(60150));
	assert_int_equal(step1(&bt, &s, &r), 1);
	EXPECT(&r, EV(APP_IN_PREV_REPEAT, MS(60150)));

	/* a late edge catches up too, before it counts */
	r.n = 0;
	s = (struct step)UP(PREV, MS(90000));
	assert_int_equal(step1(&bt, &s, &r), BUTTONS_CATCHUP_MAX);
	assert_int_equal(buttons_next_deadline(&bt), MS(90030));

	/* a small out array takes what fits; the state still moves on */
	struct buttons_event out[3];

	init_default(&bt);
	assert_int_equal(buttons_edge(&bt, BUTTONS_NEXT, true, 0, out, 3), 0);
	assert_int_equal(buttons_tick(&bt, MS(100000), out, 3), 3);
	assert_int_equal(out[0].input, APP_IN_NEXT);
	assert_int_equal(out[2].t_ns, MS(650));
	assert_true(buttons_next_deadline(&bt) > MS(100000));
	assert_int_equal(buttons_tick(&bt, MS(100000), NULL, 0), 0);
}

/* Settings at their edges: no debounce settles at once; no interval means
 * no repeat; an edge repeating its level restarts the debounce; ids out of
 * range are ignored. */
static void test_settings_edges(void **state)
{
	(void)state;
	struct buttons bt;
	struct rec r = { .n = 0 };
	struct buttons_settings set = { 0, MS(1000), MS(300), 0 };

	buttons_init(&bt, &set);
	static const struct step s[] = {
		DOWN(PREV, MS(10)), UP(PREV, MS(5000)), DOWN(BACK, MS(6000)), UP(BACK, MS(6001)),
	};
	feed(&bt, s, sizeof s / sizeof s[0], &r);
	EXPECT(&r, EV(APP_IN_PREV, MS(10)), EV(APP_IN_BACK, MS(6001)));
	assert_int_equal(buttons_next_deadline(&bt), NONE);

	init_default(&bt);
	r.n = 0;
	static const struct step s2[] = {
		DOWN(SELECT, MS(100)), TICK(MS(200)),
		DOWN(SELECT, MS(300)), UP(SELECT, MS(310)), /* lost edges: still held */
		TICK(MS(330)), TICK(MS(339)),
	};
	feed(&bt, s2, sizeof s2 / sizeof s2[0], &r);
	assert_true(bt.b[SELECT].stable);
	assert_int_equal(buttons_next_deadline(&bt), MS(340));
	struct buttons_event out[BUTTONS_EVENTS_MAX];

	assert_int_equal(buttons_edge(&bt, (enum buttons_id)BUTTONS_COUNT, true, MS(400), out,
				      BUTTONS_EVENTS_MAX), 0);
	assert_int_equal(buttons_edge(&bt, (enum buttons_id)-1, true, MS(400), out,
				      BUTTONS_EVENTS_MAX), 0);
	follow(&bt, MS(1000), &r);
	assert_false(bt.b[SELECT].stable);
	EXPECT(&r, EV(APP_IN_SELECT, MS(100)));
}

static uint64_t rnd_state = 0x2545f4914f6cdd1dULL;

static uint64_t rnd(uint64_t n)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 7;
	rnd_state ^= rnd_state << 17;
	return rnd_state % n;
}

/* True when button b had an edge to level at exactly t in s[0..n). */
static bool had_edge(const struct step *s, size_t n, int b, bool level, int64_t t)
{
	for (size_t i = 0; i < n; i++)
		if (s[i].kind == 'e' && s[i].button == b && s[i].level == level && s[i].t == t)
			return true;
	return false;
}

/* Checks one event against the input and the events before it: times
 * never go back; every press is dated by a real edge; repeats follow their
 * own press, spaced exactly; at most CATCHUP_MAX repeats per call. */
static void check_event(const struct step *s, size_t ns, const struct rec *r, size_t i,
			int *repeats_in_call)
{
	const struct buttons_settings set = buttons_settings_default();
	const struct buttons_event *e = &r->ev[i], *p = i ? &r->ev[i - 1] : NULL;

	assert_true(p == NULL || e->t_ns >= p->t_ns);
	switch (e->input) {
	case APP_IN_PREV:
	case APP_IN_NEXT:
	case APP_IN_SELECT:
		assert_true(had_edge(s, ns, (int)e->input, true, e->t_ns));
		break;
	case APP_IN_BACK:
		assert_true(had_edge(s, ns, BACK, false, e->t_ns));
		break;
	case APP_IN_BACK_LONG:
		assert_true(had_edge(s, ns, BACK, true, e->t_ns - set.long_press_ns));
		break;
	case APP_IN_PREV_REPEAT:
	case APP_IN_NEXT_REPEAT: {
		enum app_input press = e->input == APP_IN_PREV_REPEAT ? APP_IN_PREV : APP_IN_NEXT;

		assert_non_null(p);
		++*repeats_in_call;
		assert_true(*repeats_in_call <= BUTTONS_CATCHUP_MAX);
		if (p->input == press)
			assert_int_equal(e->t_ns - p->t_ns, set.repeat_delay_ns);
		else
			assert_int_equal(p->input, e->input);
		/* skipped repeats after a catch-up keep to the grid */
		if (p->input == e->input)
			assert_int_equal((e->t_ns - p->t_ns) % set.repeat_interval_ns, 0);
		break;
	}
	default:
		fail_msg("unknown input %d", (int)e->input);
	}
}

/* Thousands of random edge sequences (bounces, glitches, long holds, late
 * ticks, several buttons): the invariants of check_event hold, and every
 * deadline lies after the time just fed in. */
static void test_random_sequences(void **state)
{
	(void)state;
	static const int64_t gaps[] = { US(50), US(400), MS(20), MS(45), MS(200), MS(700),
					MS(2000), MS(9000) };
	struct step s[300];
	struct buttons bt;
	static struct rec r;
	size_t seen[APP_IN_NEXT_REPEAT + 1] = { 0 };

	for (int round = 0; round < 2000; round++) {
		bool level[BUTTONS_COUNT] = { false };
		int64_t t = MS(1000);

		init_default(&bt);
		r.n = 0;
		for (size_t i = 0; i < sizeof s / sizeof s[0]; i++) {
			t += gaps[rnd(sizeof gaps / sizeof gaps[0])] + (int64_t)rnd(1000);
			if (rnd(4) == 0) {
				s[i] = (struct step)TICK(t);
			} else {
				int b = rnd(3) ? (int)(round % BUTTONS_COUNT) : (int)rnd(BUTTONS_COUNT);

				level[b] = !level[b];
				s[i] = (struct step)DOWN(b, t);
				s[i].level = level[b];
			}
			size_t before = r.n;
			int reps = 0;

			step1(&bt, &s[i], &r);
			for (size_t k = before; k < r.n; k++)
				check_event(s, i + 1, &r, k, &reps);
			assert_true(buttons_next_deadline(&bt) > t);
		}
		for (size_t k = 0; k < r.n; k++)
			seen[r.ev[k].input]++;
	}
	/* the sequences reached every kind of input */
	for (size_t k = 0; k < sizeof seen / sizeof seen[0]; k++)
		assert_true(seen[k] > 100);
}

/* A settled change of one button, as the oracle sees it. */
struct change {
	int b;
	bool level;
	int64_t start, settle;
};

static int change_cmp(const void *a, const void *b)
{
	const struct change *x = a, *y = b;

	if (x->settle != y->settle)
		return x->settle < y->settle ? -1 : 1;
	return x->b - y->b;
}

/* The events of the owner's session from its press at pressed to until:
 * its release began then (released) or the recording ended. */
static size_t session_end(int owner, int64_t pressed, int64_t until, bool released,
			  struct buttons_event *out)
{
	const struct buttons_settings set = buttons_settings_default();
	size_t n = 0;

	if (owner == PREV || owner == NEXT) {
		enum app_input rep = owner == PREV ? APP_IN_PREV_REPEAT : APP_IN_NEXT_REPEAT;

		for (int64_t t = pressed + set.repeat_delay_ns; t <= until; t += set.repeat_interval_ns)
			out[n++] = (struct buttons_event){ rep, t };
	} else if (owner == BACK) {
		if (pressed + set.long_press_ns <= until)
			out[n++] = (struct buttons_event){ APP_IN_BACK_LONG, pressed + set.long_press_ns };
		else if (released)
			out[n++] = (struct buttons_event){ APP_IN_BACK, until };
	}
	return n;
}

/*
 * The behaviour of buttons.h computed another way, from the whole recording
 * at once: each button's edges grouped into runs (an edge less than the
 * debounce after the previous one joins its run), the settled changes
 * sorted by settle time, then the owner's session from its press to the
 * start of its release. Edges only, strictly increasing times, default
 * settings, no catch-up bound.
 */
static size_t oracle(const struct step *s, size_t n, int64_t end, struct buttons_event *out)
{
	const struct buttons_settings set = buttons_settings_default();
	static struct change ch[1000];
	size_t nch = 0, nout = 0;

	for (int b = 0; b < BUTTONS_COUNT; b++) {
		bool stable = false;
		size_t i = 0;

		while (i < n) {
			if (s[i].button != b) {
				i++;
				continue;
			}
			int64_t start = s[i].t, last = s[i].t;
			bool level = s[i].level;

			for (i++; i < n; i++) {
				if (s[i].button != b)
					continue;
				if (s[i].t - last >= set.debounce_ns)
					break;
				last = s[i].t;
				level = s[i].level;
			}
			if (level != stable)
				ch[nch++] = (struct change){ b, level, start, last + set.debounce_ns };
			stable = level;
		}
	}
	qsort(ch, nch, sizeof ch[0], change_cmp);

	int owner = -1;
	int64_t pressed = 0, free_t = INT64_MIN;

	for (size_t i = 0; i < nch; i++) {
		const struct change *c = &ch[i];

		if (c->level && owner < 0 && c->start >= free_t) {
			owner = c->b;
			pressed = c->start;
			if (c->b != BACK)
				out[nout++] = (struct buttons_event){ (enum app_input)c->b, pressed };
		} else if (!c->level && c->b == owner) {
			nout += session_end(owner, pressed, c->start, true, out + nout);
			owner = -1;
			free_t = c->start;
		}
	}
	if (owner >= 0) /* still held when the recording ends */
		nout += session_end(owner, pressed, end, false, out + nout);
	return nout;
}

/* Random recordings, ticked at every deadline: exactly the oracle's events. */
static void test_random_oracle(void **state)
{
	(void)state;
	static const int64_t gaps[] = { US(50), US(300), MS(10), MS(29), MS(31), MS(150),
					MS(600), MS(1600) };
	static struct step s[400];
	static struct rec r, want;
	struct buttons bt;

	for (int round = 0; round < 500; round++) {
		bool level[BUTTONS_COUNT] = { false };
		int64_t t = MS(1000);
		size_t n = 0;

		init_default(&bt);
		r.n = 0;
		for (; n < sizeof s / sizeof s[0]; n++) {
			int b = rnd(4) ? (int)(round % BUTTONS_COUNT) : (int)rnd(BUTTONS_COUNT);

			t += gaps[rnd(sizeof gaps / sizeof gaps[0])] + (int64_t)rnd(1000) + 1;
			level[b] = !level[b];
			s[n] = (struct step)DOWN(b, t);
			s[n].level = level[b];
			follow(&bt, t - 1, &r);
			step1(&bt, &s[n], &r);
		}
		follow(&bt, t + MS(60000), &r);
		want.n = oracle(s, n, t + MS(60000), want.ev);
		assert_true(want.n > 0);
		expect(&r, want.ev, want.n);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_settings_default),
		cmocka_unit_test(test_clean_press),
		cmocka_unit_test(test_bounce_storm),
		cmocka_unit_test(test_short_glitch),
		cmocka_unit_test(test_long_back),
		cmocka_unit_test(test_short_back),
		cmocka_unit_test(test_prev_held),
		cmocka_unit_test(test_simultaneous),
		cmocka_unit_test(test_clock_backwards),
		cmocka_unit_test(test_late_tick),
		cmocka_unit_test(test_settings_edges),
		cmocka_unit_test(test_random_sequences),
		cmocka_unit_test(test_random_oracle),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
