/* SPDX-License-Identifier: MIT */
/*
 * buttons: the debouncer and the press, long-press and repeat logic of the
 * four kiosk buttons; the behaviour is set out in buttons.h and
 * docs/buttons.md. Time only moves through buttons_clock(), and everything
 * that falls due is handled in time order by advance().
 */
#include "buttons.h"

#include <string.h>

#define NONE INT64_MAX

/* Saturating a + d and a - d for an unsigned distance d: stored times are
 * shifted by clock jumps of any size, and none may overflow. */
static int64_t add_u(int64_t a, uint64_t d)
{
	if (d >= (uint64_t)INT64_MAX - (uint64_t)a)
		return INT64_MAX;
	if (d <= (uint64_t)INT64_MAX)
		return a + (int64_t)d;
	return (a + INT64_MAX) + (int64_t)(d - (uint64_t)INT64_MAX);
}

static int64_t sub_u(int64_t a, uint64_t d)
{
	if (d >= (uint64_t)a - (uint64_t)INT64_MIN)
		return INT64_MIN;
	if (d <= (uint64_t)INT64_MAX)
		return a - (int64_t)d;
	return (a - INT64_MAX) - (int64_t)(d - (uint64_t)INT64_MAX);
}

static int64_t sat_add(int64_t a, int64_t b)
{
	return b >= 0 ? add_u(a, (uint64_t)b) : sub_u(a, 0 - (uint64_t)b);
}

/* Moves s by to - from, keeping NONE as NONE. */
static int64_t shift(int64_t s, int64_t from, int64_t to)
{
	if (s == NONE)
		return NONE;
	if (s >= from)
		return add_u(to, (uint64_t)s - (uint64_t)from);
	return sub_u(to, (uint64_t)from - (uint64_t)s);
}

/* Where one call writes its events; events past max are lost. */
struct sink {
	struct buttons_event *out;
	size_t max, n;
	int repeats; /* emitted by this call, for BUTTONS_CATCHUP_MAX */
};

static void emit(struct sink *k, enum app_input in, int64_t t)
{
	if (k->n < k->max) {
		k->out[k->n].input = in;
		k->out[k->n].t_ns = t;
		k->n++;
	}
}

static int64_t nonneg(int64_t v)
{
	return v < 0 ? 0 : v;
}

void buttons_init(struct buttons *bt, const struct buttons_settings *set)
{
	memset(bt, 0, sizeof *bt);
	bt->set.debounce_ns = nonneg(set->debounce_ns);
	bt->set.long_press_ns = nonneg(set->long_press_ns);
	bt->set.repeat_delay_ns = nonneg(set->repeat_delay_ns);
	bt->set.repeat_interval_ns = nonneg(set->repeat_interval_ns);
	for (int i = 0; i < BUTTONS_COUNT; i++)
		bt->b[i].next_repeat = NONE;
	bt->owner = -1;
	bt->free_t = INT64_MIN;
	bt->last_t = INT64_MIN;
}

struct buttons_settings buttons_settings_default(void)
{
	return (struct buttons_settings){
		.debounce_ns = INT64_C(30000000),
		.long_press_ns = INT64_C(1500000000),
		.repeat_delay_ns = INT64_C(500000000),
		.repeat_interval_ns = INT64_C(150000000),
	};
}

/*
 * Takes a caller's time into the state's clock. Later times move last_t on;
 * a small step back (jitter between the kernel's stamps and the caller's
 * clock) counts as last_t; a large one is a clock reset, and every stored
 * time moves with it so no time seems to pass.
 */
static int64_t buttons_clock(struct buttons *bt, int64_t t)
{
	if (t >= bt->last_t) {
		bt->last_t = t;
		return t;
	}
	if ((uint64_t)bt->last_t - (uint64_t)t <= (uint64_t)BUTTONS_JUMP_NS)
		return bt->last_t;
	for (int i = 0; i < BUTTONS_COUNT; i++) {
		struct buttons_state *s = &bt->b[i];

		s->raw_t = shift(s->raw_t, bt->last_t, t);
		s->run_t = shift(s->run_t, bt->last_t, t);
		s->pressed_t = shift(s->pressed_t, bt->last_t, t);
		s->next_repeat = shift(s->next_repeat, bt->last_t, t);
	}
	bt->free_t = shift(bt->free_t, bt->last_t, t);
	bt->last_t = t;
	return t;
}

static int64_t settle_time(const struct buttons *bt, int id)
{
	const struct buttons_state *s = &bt->b[id];

	if (!s->settling)
		return NONE;
	return s->key ? s->raw_t : sat_add(s->raw_t, bt->set.debounce_ns);
}

/* The owner's next long press or repeat, or NONE. One later than the start
 * of an unsettled run waits: the button may have been released then. */
static int64_t owner_due(const struct buttons *bt)
{
	if (bt->owner < 0)
		return NONE;
	const struct buttons_state *s = &bt->b[bt->owner];
	int64_t due = s->next_repeat;

	if (bt->owner == BUTTONS_BACK)
		due = s->long_fired ? NONE : sat_add(s->pressed_t, bt->set.long_press_ns);
	if (s->settling && due > s->run_t)
		return NONE;
	return due;
}

/* The owner's long press or repeat due at `due`, with now >= due. Past
 * BUTTONS_CATCHUP_MAX repeats in one call, the rest up to now are skipped
 * and the next one stays on the grid of pressed_t. */
static void fire_due(struct buttons *bt, int64_t due, int64_t now, struct sink *k)
{
	struct buttons_state *s = &bt->b[bt->owner];
	int64_t iv = bt->set.repeat_interval_ns;

	if (bt->owner == BUTTONS_BACK) {
		s->long_fired = true;
		emit(k, APP_IN_BACK_LONG, due);
		return;
	}
	if (k->repeats < BUTTONS_CATCHUP_MAX) {
		k->repeats++;
		emit(k, bt->owner == BUTTONS_PREV ? APP_IN_PREV_REPEAT : APP_IN_NEXT_REPEAT, due);
		s->next_repeat = sat_add(due, iv);
		return;
	}
	uint64_t off = ((uint64_t)now - (uint64_t)due) % (uint64_t)iv;
	s->next_repeat = sat_add(sub_u(now, off), iv);
}

/* A press settled, begun at t: it owns the buttons if nobody does and
 * nobody did when it began. */
static void press(struct buttons *bt, int id, int64_t t, struct sink *k)
{
	struct buttons_state *s = &bt->b[id];

	s->pressed_t = t;
	s->long_fired = false;
	s->next_repeat = NONE;
	if (bt->owner >= 0 || t < bt->free_t)
		return;
	bt->owner = id;
	switch (id) {
	case BUTTONS_PREV:
	case BUTTONS_NEXT:
		emit(k, id == BUTTONS_PREV ? APP_IN_PREV : APP_IN_NEXT, t);
		if (bt->set.repeat_interval_ns > 0)
			s->next_repeat = sat_add(t, bt->set.repeat_delay_ns);
		break;
	case BUTTONS_SELECT:
		emit(k, APP_IN_SELECT, t);
		break;
	default: /* back: only its release or its long press tell */
		break;
	}
}

/* A release settled, begun at t. */
static void release(struct buttons *bt, int id, int64_t t, struct sink *k)
{
	struct buttons_state *s = &bt->b[id];

	s->next_repeat = NONE;
	if (bt->owner != id)
		return;
	bt->owner = -1;
	bt->free_t = t;
	if (id == BUTTONS_BACK && !s->long_fired)
		emit(k, APP_IN_BACK, t);
}

static void settle(struct buttons *bt, int id, struct sink *k)
{
	struct buttons_state *s = &bt->b[id];

	s->settling = false;
	if (s->raw == s->stable)
		return; /* bounced back: nothing happened */
	s->stable = s->raw;
	if (s->stable)
		press(bt, id, s->run_t, k);
	else
		release(bt, id, s->run_t, k);
}

/*
 * Handles everything due up to now, earliest first: the owner's long press
 * or repeat before a settle at the same time, settles in id order. Ends:
 * each settle ends a run, a long press fires once, and repeats stop at
 * BUTTONS_CATCHUP_MAX by jumping past now.
 */
static void advance(struct buttons *bt, int64_t now, struct sink *k)
{
	for (;;) {
		int64_t best = owner_due(bt);
		int who = -1;

		for (int i = 0; i < BUTTONS_COUNT; i++) {
			int64_t st = settle_time(bt, i);

			if (st < best) {
				best = st;
				who = i;
			}
		}
		if (best == NONE || best > now)
			return;
		if (who < 0)
			fire_due(bt, best, now, k);
		else
			settle(bt, who, k);
	}
}

/* One raw edge; key: a keyboard's, which does not bounce (settles at once). */
static size_t buttons_feed(struct buttons *bt, enum buttons_id id, bool pressed, bool key,
			   int64_t t_ns, struct buttons_event *out, size_t max)
{
	struct sink k = { out, max, 0, 0 };

	if ((unsigned)id >= BUTTONS_COUNT)
		return 0;
	t_ns = buttons_clock(bt, t_ns);
	advance(bt, t_ns, &k);

	struct buttons_state *s = &bt->b[id];

	if (!s->settling) {
		s->settling = true;
		s->run_t = t_ns;
	}
	s->raw = pressed;
	s->raw_t = t_ns;
	s->key = key;
	advance(bt, t_ns, &k); /* a zero debounce settles at once */
	return k.n;
}

size_t buttons_edge(struct buttons *bt, enum buttons_id id, bool pressed, int64_t t_ns,
		    struct buttons_event *out, size_t max)
{
	return buttons_feed(bt, id, pressed, false, t_ns, out, max);
}

size_t buttons_key(struct buttons *bt, enum buttons_id id, bool pressed, int64_t t_ns,
		   struct buttons_event *out, size_t max)
{
	return buttons_feed(bt, id, pressed, true, t_ns, out, max);
}

size_t buttons_tick(struct buttons *bt, int64_t now_ns, struct buttons_event *out,
		    size_t max)
{
	struct sink k = { out, max, 0, 0 };

	advance(bt, buttons_clock(bt, now_ns), &k);
	return k.n;
}

int64_t buttons_next_deadline(const struct buttons *bt)
{
	int64_t best = owner_due(bt);

	for (int i = 0; i < BUTTONS_COUNT; i++) {
		int64_t st = settle_time(bt, i);

		if (st < best)
			best = st;
	}
	return best;
}
