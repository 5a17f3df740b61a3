/* SPDX-License-Identifier: MIT */
/*
 * power: the display's power at night. During the [schedule] sleep
 * window the loop draws the dark sleep screen once and then turns the
 * display really off; at the end of the window (or on a press) it turns it
 * on before the next frame. The switching goes through backends: DRM (the
 * connector's DPMS property on the KMSDRM device SDL holds) and HDMI-CEC
 * (standby / image view on through the kernel's /dev/cec*). A window on a
 * desktop has neither, so it keeps the dark screen. This module owns the
 * backends' contexts; it never draws and never reads the clock.
 */
#ifndef BANGTIN_POWER_H
#define BANGTIN_POWER_H

#include <stdbool.h>
#include <stddef.h>

#define POWER_ERR_MAX 256
#define POWER_BACKENDS 2

/* One way to switch the display. set() returns 0, or -1 with err filled
 * (English, naming the device); free (may be NULL) releases ctx. */
struct power_backend {
	const char *name;
	void *ctx;
	int (*set)(void *ctx, bool on, char *err, size_t errsize);
	void (*free)(void *ctx);
};

struct power {
	struct power_backend be[POWER_BACKENDS];
	size_t n;
	bool off;            /* the display was switched off (by some backend) */
	unsigned failed;     /* bit i: backend i failed last time (logged once) */
};

/* An empty set: the display is on and stays on (a desktop). */
void power_init(struct power *p);

/* Adds a backend (taken over: freed by power_free, also when the set
 * is full, which returns -1). */
int power_add(struct power *p, const struct power_backend *be);

/* Frees every backend. The display is left as it is. */
void power_free(struct power *p);

/* The loop's two calls around a frame. power_before(): when the app is
 * awake and the display is off, switches it on; returns false while the
 * display stays off (no frame is drawn: nothing would show). after(): when
 * the app sleeps (the dark frame has been drawn), switches it off. Each
 * switch is tried on every backend; a failure is logged once per backend
 * and state, and the display counts as off only if some backend did it. */
bool power_before(struct power *p, bool sleeping);
void power_after(struct power *p, bool sleeping);

/* Backends. Each returns 0 and fills *be, or -1 with err (nothing to drive:
 * not an error for the kiosk, which keeps the dark screen). */

/* DPMS of every connected connector of the DRM device fd (the master fd
 * SDL's KMSDRM holds; not closed by the backend). */
int power_drm(int fd, struct power_backend *be, char *err, size_t errsize);

/* HDMI-CEC through the first /dev/cec* with a source's physical address
 * (not unset, not 0.0.0.0, the TV's own): claims
 * a logical address (playback device, "bangtin") when none is set, then
 * sends Standby to the TV, or Image View On and Active Source. */
int power_cec(struct power_backend *be, char *err, size_t errsize);

/* Blocks until some /dev/dri/card* offers mode setting (a connector), up
 * to forever: at boot the kiosk may start before the DRM driver has bound.
 * wait(ctx) is called about every 500 ms while waiting (the service's start
 * timeout is extended there); it gets the reason, English. Returns at once
 * when a card is there. */
void power_wait_drm(void (*wait)(void *ctx, const char *why), void *ctx);

#endif
