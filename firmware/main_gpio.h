/* SPDX-License-Identifier: MIT */
/*
 * main_gpio: the kiosk's GPIO buttons thread. It owns the buttons' edge
 * source (the GPIO layer, or a stand-in in tests), sleeps in poll() on its
 * descriptors and a wake pipe, and pushes each edge to the loop as an SDL
 * user event {button, pressed, kernel time}. While buttons are missing it
 * retries every retry_ms (poll's timeout), logs each new failure once and
 * keeps a Vietnamese notice for the Info screen; a status event tells the
 * loop when that changes, and the loop reads the state with
 * main_gpio_status(), a copy taken under the thread's lock: the thread
 * never sees the loop's state.
 */
#ifndef BANGTIN_MAIN_GPIO_H
#define BANGTIN_MAIN_GPIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buttons.h"
#include "gpio.h"

#define MAIN_GPIO_NOTICE_MAX 256
#define MAIN_GPIO_RETRY_MS 3000

/* Where the thread reads edges: the calls of gpio.h, with ctx first. The
 * thread calls them (only it, once started); free (may be NULL) releases
 * ctx when the thread is stopped. */
struct main_gpio_source {
	void *ctx;
	int (*open)(void *ctx, char *err, size_t errsize);
	size_t (*fds)(void *ctx, int *fds, size_t max);
	int (*read)(void *ctx, struct gpio_edge *out, size_t max, size_t *n, char *err,
		    size_t errsize);
	bool (*is_open)(void *ctx, enum buttons_id id);
	/* why a button is not open (gpio_reason) and its chip (gpio_chip_spec) */
	enum gpio_reason (*why)(void *ctx, enum buttons_id id);
	const char *(*chip)(void *ctx, enum buttons_id id);
	void (*free)(void *ctx);
};

/* The state the thread reports (main_gpio_status()). */
struct main_gpio_status {
	int missing;                      /* buttons not open */
	unsigned open_mask;               /* bit id set: button id is open */
	bool tried;                       /* an open was attempted already */
	char notice[MAIN_GPIO_NOTICE_MAX];/* Info's "Nút bấm" row */
};

struct main_gpio;
union SDL_Event;

/* A source over a struct gpio (taken over: gpio_free() on stop). */
struct main_gpio_source main_gpio_source_gpio(struct gpio *g);

/*
 * Registers the SDL event type (SDL_RegisterEvents) and starts the thread
 * on src (copied; its ctx is owned from now on, even on failure). The
 * first open is tried in the thread, so this does not wait for hardware.
 * Returns NULL with err on failure (ctx freed then).
 */
struct main_gpio *main_gpio_start(const struct main_gpio_source *src, int retry_ms, char *err,
				  size_t errsize);

/* Stops the thread, joins it and frees everything, the source too. Takes
 * NULL. Events already queued stay in SDL's queue (plain data). */
void main_gpio_stop(struct main_gpio *mg);

/* The SDL event type of this thread's events. */
uint32_t main_gpio_event_type(const struct main_gpio *mg);

/* Asks the thread to try opening the missing buttons now. */
void main_gpio_retry(struct main_gpio *mg);

/* Copies the current state (thread-safe). */
void main_gpio_status(struct main_gpio *mg, struct main_gpio_status *st);

/* Encodes an edge as an event of type `type` / decodes one: returns 1 and
 * fills *e for an edge, 0 for a status change, -1 for another event. */
void main_gpio_encode(union SDL_Event *ev, uint32_t type, const struct gpio_edge *e);
int main_gpio_decode(const union SDL_Event *ev, uint32_t type, struct gpio_edge *e);

/* The Vietnamese notice for the buttons' reasons (chip[i]: button i's
 * chip): "không tìm thấy gpiochip0 — bàn phím vẫn dùng được", "3/4 nút sẵn
 * sàng, ...", "4 nút sẵn sàng" when every one is open. */
void main_gpio_notice(const enum gpio_reason why[BUTTONS_COUNT],
		      const char *const chip[BUTTONS_COUNT], char *buf, size_t size);

#endif
