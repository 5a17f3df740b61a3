/* SPDX-License-Identifier: MIT */
/*
 * buttons: turns raw edges of the four kiosk buttons, stamped with the
 * kernel's event times, into presses: debounced (one press per physical
 * press however much the contact bounces), long press of back, auto-repeat
 * of a held previous or next. It is pure: edges and times in, app inputs
 * out; no GPIO, SDL or clock access. The GPIO buttons and the keyboard both
 * feed it (the keys through buttons_key(), undebounced), so the board
 * behaves the same whichever is pressed; tests feed it too.
 *
 * Behaviour (docs/buttons.md says it at length):
 * - Debounce: a level counts once it has held for debounce_ns with no
 *   further edge. It settles when an edge arrives debounce_ns or more after
 *   the previous one, or when buttons_tick() reaches raw_t + debounce_ns.
 *   Every edge since the last settled level belongs to one run, however
 *   much it bounces; the run's first edge is when the press (or release)
 *   began, and that is the time events carry, not the settle time.
 * - prev, next: APP_IN_PREV / APP_IN_NEXT when the press settles; held,
 *   APP_IN_*_REPEAT at pressed_t + repeat_delay_ns + k * repeat_interval_ns.
 *   select: APP_IN_SELECT when the press settles.
 *   back: APP_IN_BACK when a short press's release settles (dated by the
 *   release); held long_press_ns, APP_IN_BACK_LONG once, dated pressed_t +
 *   long_press_ns, and its release then says nothing.
 * - A long press or repeat falls due only while the button is known to be
 *   held: if a release run began at or before its time, it waits for that
 *   run to settle, and is dropped if the run settles as a release.
 * - Two buttons at once: the first press to settle owns the buttons until
 *   its release settles. Any other press that settles meanwhile, or that
 *   began before the owner's release began, is ignored entirely, its
 *   release too; it must be pressed again once the owner is released. No
 *   combinations. Presses settling at the same instant: the lower id wins.
 *   So event times never go backwards (but across a clock reset).
 * - Late ticks catch up in time order, but emit at most
 *   BUTTONS_CATCHUP_MAX repeats per call; the rest are skipped on the
 *   repeat grid, so a forward clock jump cannot flood the app.
 * - Time going backwards: a time earlier than last_t is taken as last_t (no
 *   event comes of it). A step back of more than BUTTONS_JUMP_NS is a clock
 *   reset: every stored time is shifted by the jump, so the state goes on
 *   in the new clock as if no time had passed.
 * - Waking a sleeping screen is the app's business: this only reports.
 */
#ifndef BANGTIN_BUTTONS_H
#define BANGTIN_BUTTONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app.h"

enum buttons_id {
	BUTTONS_PREV = 0,
	BUTTONS_NEXT,
	BUTTONS_SELECT,
	BUTTONS_BACK,
	BUTTONS_COUNT
};

/* No call writes more events than this: size out arrays with it. */
#define BUTTONS_EVENTS_MAX 32
/* Repeats one call emits at most when catching up on a late tick. */
#define BUTTONS_CATCHUP_MAX 10
/* A step back in time larger than this is a clock reset, not jitter. */
#define BUTTONS_JUMP_NS INT64_C(1000000000)

struct buttons_settings {
	int64_t debounce_ns;       /* a level must hold this long to count */
	int64_t long_press_ns;     /* back held this long: APP_IN_BACK_LONG */
	int64_t repeat_delay_ns;   /* prev/next held this long starts repeating */
	int64_t repeat_interval_ns;/* <= 0: no auto-repeat */
};

/* One input for the app, with the time it happened (kernel clock, ns). */
struct buttons_event {
	enum app_input input;
	int64_t t_ns;
};

struct buttons_state {
	bool raw;           /* last raw level seen (true = pressed) */
	int64_t raw_t;      /* time of the last raw edge */
	bool settling;      /* edges came since the level last settled */
	int64_t run_t;      /* settling: the first edge of those */
	bool stable;        /* debounced level */
	int64_t pressed_t;  /* when the debounced press began */
	bool long_fired;    /* back: the long press was reported */
	int64_t next_repeat;/* prev/next owning: next repeat, INT64_MAX = none */
	bool key;           /* the last edge was a key's: it settles at once */
};

struct buttons {
	struct buttons_settings set;
	struct buttons_state b[BUTTONS_COUNT];
	int owner;          /* the button whose press is being handled, or -1 */
	int64_t free_t;     /* when the last owner's release began: a press
			     * begun before it was made under that owner */
	int64_t last_t;     /* latest time seen (INT64_MIN: none yet), for jumps */
};

/* Starts with every button released. Negative durations count as 0; the
 * settings are copied. */
void buttons_init(struct buttons *bt, const struct buttons_settings *set);

/*
 * Feeds one raw edge: button id went to level pressed at t_ns (the kernel's
 * timestamp). First emits what fell due before t_ns (as buttons_tick would),
 * then records the edge. Writes at most max events to out, in time order,
 * and returns how many; events beyond max are lost, so pass
 * BUTTONS_EVENTS_MAX. An edge repeating the last level (a lost edge between)
 * still restarts the debounce. An id out of range is ignored.
 */
size_t buttons_edge(struct buttons *bt, enum buttons_id id, bool pressed, int64_t t_ns,
		    struct buttons_event *out, size_t max);

/*
 * A key of the keyboard went down or up at t_ns (CLOCK_MONOTONIC, the
 * edges' clock): the same as buttons_edge() but without debounce (a key
 * does not bounce), so a press counts at once, and everything else (the
 * first press owns the buttons, long press, repeat) is the buttons' rule.
 * A second key-down of a held key (the system's repeat) says nothing.
 */
size_t buttons_key(struct buttons *bt, enum buttons_id id, bool pressed, int64_t t_ns,
		   struct buttons_event *out, size_t max);

/* Advances time to now_ns: settles debounced levels, fires long presses and
 * repeats that are due. Returns the number of events written to out (at
 * most max; pass BUTTONS_EVENTS_MAX). */
size_t buttons_tick(struct buttons *bt, int64_t now_ns, struct buttons_event *out,
		    size_t max);

/* When buttons_tick() next has something to do; INT64_MAX when idle.
 * Always later than the last time fed in (unless that was INT64_MAX). */
int64_t buttons_next_deadline(const struct buttons *bt);

/* Default settings: 30 ms debounce, 1.5 s long press, 500/150 ms repeat. */
struct buttons_settings buttons_settings_default(void);

#endif
