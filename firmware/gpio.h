/* SPDX-License-Identifier: MIT */
/*
 * gpio: the four kiosk buttons on the board's GPIO lines, through libgpiod
 * (the v1 API of libgpiod 1.6 or the v2 API of libgpiod 2.x, chosen at build
 * time: BANGTIN_GPIOD_V2). It owns the chip handles and line requests and
 * turns the kernel's edge events into raw edges {button, pressed, kernel
 * time}; debouncing and press logic are buttons.h's, not this module's.
 *
 * Edges are requested on both edges with the configured bias and active-low
 * flag, under the consumer name "bangtin" (what gpioinfo shows). Times are
 * the kernel's CLOCK_MONOTONIC nanoseconds, so whoever feeds buttons_tick()
 * must read that clock too (gpio_clock_ns()). Nothing here blocks or exits:
 * a missing chip, a busy line or a permission error is a message naming the
 * button, the chip and the line; the caller logs it, goes on without that
 * button and calls gpio_open() again later to pick it up.
 */
#ifndef BANGTIN_GPIO_H
#define BANGTIN_GPIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buttons.h"
#include "config.h"

#define GPIO_NAME_MAX 64     /* a chip or line field, with its NUL */
#define GPIO_ERR_MAX 512     /* room for every button's failure */
#define GPIO_EDGES_MAX 64    /* size gpio_read()'s out array with this */
#define GPIO_CONSUMER "bangtin"

enum gpio_bias {
	GPIO_BIAS_PULL_UP = 0, /* buttons to ground (the default wiring) */
	GPIO_BIAS_PULL_DOWN,   /* buttons to 3.3 V */
	GPIO_BIAS_AS_IS,       /* leave the line's bias as it is (external resistors) */
};

/* One button's line. chip: "/dev/gpiochip0" (a path), "gpiochip0" (a
 * name), "0" (a number) or anything else, a label such as
 * "pinctrl-bcm2711". line: an offset "17" (digits only) or a line name
 * such as "GPIO17". */
struct gpio_line_spec {
	char chip[GPIO_NAME_MAX];
	char line[GPIO_NAME_MAX];
	bool active_low;       /* pressed is the low level (buttons to ground) */
	enum gpio_bias bias;
};

struct gpio_config {
	struct gpio_line_spec button[BUTTONS_COUNT]; /* by enum buttons_id */
};

/* Why a button is not open, one per button (gpio_reason()): the screen's
 * notice and the log are both worded from it, never from each other. */
enum gpio_reason {
	GPIO_REASON_OPEN = 0,  /* open: nothing wrong */
	GPIO_REASON_NO_CHIP,   /* no chip by that path, name or label */
	GPIO_REASON_PERMISSION,/* the chip's device may not be opened */
	GPIO_REASON_NOT_CHIP,  /* the path is there but no GPIO chip */
	GPIO_REASON_NO_LINE,   /* the chip has no such line */
	GPIO_REASON_BUSY,      /* another program holds the line */
	GPIO_REASON_SAME_LINE, /* another of our buttons is on that line */
	GPIO_REASON_LOST,      /* the line failed while open (its chip went away) */
	GPIO_REASON_OTHER,     /* out of memory, any other error */
};

/* English name of a reason for the log: "no chip", "busy", ... Static. */
const char *gpio_reason_name(enum gpio_reason r);

/* One raw edge: pressed is after active-low; t_ns the kernel's timestamp. */
struct gpio_edge {
	enum buttons_id button;
	bool pressed;
	int64_t t_ns;
};

struct gpio;

/*
 * Parses "CHIP:LINE" ("gpiochip0:17", "pinctrl-bcm2711:GPIO17",
 * "/dev/gpiochip0:17") into spec->chip and spec->line, split at the last
 * colon; the other fields are left alone. Returns 0, or -1 with err saying
 * what is wrong (no colon, an empty side, too long).
 */
int gpio_spec_parse(const char *text, struct gpio_line_spec *spec, char *err, size_t errsize);

/* "pull-up", "pull-down" or "as-is" (any case). Returns 0, or -1 and leaves
 * *out alone. */
int gpio_bias_parse(const char *text, enum gpio_bias *out);

/* "pull-up", "pull-down", "as-is"; "?" out of range. */
const char *gpio_bias_name(enum gpio_bias bias);

/* "prev", "next", "select", "back" (the config keys); "?" out of range. */
const char *gpio_button_name(enum buttons_id id);

/* The Raspberry Pi wiring: gpiochip0 lines 17, 27, 22, 23 for prev, next,
 * select, back, active-low, pull-up (buttons to ground). */
void gpio_config_default(struct gpio_config *cfg);

/* The buttons of a loaded config ([buttons] prev, next, select, back,
 * active_low, bias) into cfg. Returns 0, or -1 with err naming the key
 * when a line is not CHIP:LINE (config_load has refused that already). */
int gpio_config_from(struct gpio_config *cfg, const struct config *conf, char *err,
		     size_t errsize);

/* Which libgpiod this was built with: "libgpiod 1.6.3 (v1 API)". Static. */
const char *gpio_backend(void);

/* CLOCK_MONOTONIC in nanoseconds: the clock of the edges' timestamps. */
int64_t gpio_clock_ns(void);

/* A set of buttons with nothing open yet. The config is copied. Returns
 * NULL when out of memory. Free with gpio_free(). */
struct gpio *gpio_new(const struct gpio_config *cfg);

/* Releases every line and chip. Takes NULL. */
void gpio_free(struct gpio *g);

/*
 * Opens every button not open yet, each line requested for both edges with
 * its bias and active-low flag. Returns how many buttons are still not open
 * (0: all of them). For those, err gets one "; "-separated message per
 * button: "next: gpiochip0 line 27: busy (used by 'other')", "prev: no chip
 * 'gpiochip9'", "select: /dev/gpiochip0: permission denied ...". Two
 * buttons on the same line: the second fails, saying so. Safe to call
 * again and again (a retry timer): open buttons are kept.
 */
int gpio_open(struct gpio *g, char *err, size_t errsize);

/* Whether button id is open. */
bool gpio_is_open(const struct gpio *g, enum buttons_id id);

/* Why button id is not open (GPIO_REASON_OPEN when it is; NO_CHIP before
 * the first gpio_open()), from the last gpio_open() or gpio_read(). */
enum gpio_reason gpio_reason(const struct gpio *g, enum buttons_id id);

/* The chip button id is configured on, as written ("gpiochip0"). */
const char *gpio_chip_spec(const struct gpio *g, enum buttons_id id);

/* Writes the file descriptors of the open buttons to fds (at most max,
 * BUTTONS_COUNT is enough) and returns how many. Wait on them with poll()
 * for POLLIN. They change after gpio_open() and after a failing
 * gpio_read(): ask again then. The module keeps owning them. */
size_t gpio_fds(const struct gpio *g, int *fds, size_t max);

/*
 * Reads the edges pending on every open button without blocking, sorted by
 * time (stable), into out (at most max: pass GPIO_EDGES_MAX; more stay in
 * the kernel for the next call, so poll() stays readable). *n is set to the
 * number written. Returns 0, or -1 when a line failed (the chip went away):
 * that button is closed and err names it; edges read before are in out all
 * the same. Feed each edge to buttons_edge() in order.
 */
int gpio_read(struct gpio *g, struct gpio_edge *out, size_t max, size_t *n, char *err,
	      size_t errsize);

#endif
