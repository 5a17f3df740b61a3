/* SPDX-License-Identifier: MIT */
/*
 * buttons: turns raw edges of the four kiosk buttons, stamped with the
 * kernel's event times, into presses: debounced (one press per physical
 * press however much the contact bounces), long press of back, auto-repeat
 * of a held previous or next. It is pure: edges and times in, app inputs
 * out; no GPIO, SDL or clock access. Both the GPIO layer and tests feed it.
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

struct buttons_settings {
	int64_t debounce_ns;       /* a level must hold this long to count */
	int64_t long_press_ns;     /* back held this long: APP_IN_BACK_LONG */
	int64_t repeat_delay_ns;   /* prev/next held this long starts repeating */
	int64_t repeat_interval_ns;
};

/* One input for the app, with the time it happened (kernel clock, ns). */
struct buttons_event {
	enum app_input input;
	int64_t t_ns;
};

struct buttons_state {
	bool raw;           /* last raw level seen (true = pressed) */
	int64_t raw_t;      /* time of the last raw edge */
	bool stable;        /* debounced level */
	int64_t pressed_t;  /* when the debounced press began */
	bool long_fired;    /* back: the long press was reported */
	int64_t next_repeat;/* prev/next: time of the next repeat, 0 = none */
};

struct buttons {
	struct buttons_settings set;
	struct buttons_state b[BUTTONS_COUNT];
	int owner;          /* the button whose press is being handled, or -1 */
	int64_t last_t;     /* latest time seen, to survive clock jumps */
};

/* Starts with every button released. */
void buttons_init(struct buttons *bt, const struct buttons_settings *set);

/*
 * Feeds one raw edge: button id went to level pressed at t_ns (the kernel's
 * timestamp). Writes at most max events to out and returns how many. Events
 * whose time has come are emitted here or by buttons_tick().
 */
size_t buttons_edge(struct buttons *bt, enum buttons_id id, bool pressed, int64_t t_ns,
		    struct buttons_event *out, size_t max);

/* Advances time to now_ns: settles debounced levels, fires long presses and
 * repeats that are due. Returns the number of events written to out. */
size_t buttons_tick(struct buttons *bt, int64_t now_ns, struct buttons_event *out,
		    size_t max);

/* When buttons_tick() next has something to do; INT64_MAX when idle. */
int64_t buttons_next_deadline(const struct buttons *bt);

/* Default settings: 30 ms debounce, 1.5 s long press, 500/150 ms repeat. */
struct buttons_settings buttons_settings_default(void);

#endif
