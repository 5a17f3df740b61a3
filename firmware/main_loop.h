/* SPDX-License-Identifier: MIT */
/*
 * main_loop: the kiosk's event loop over a struct kiosk (main.h). It builds
 * each frame's view, feeds key presses and releases to the buttons' press
 * engine like the GPIO thread's edges, hands the USB update's overlay what
 * it needs and reloads the content when an update or an import stored a
 * new version.
 */
#ifndef BANGTIN_MAIN_LOOP_H
#define BANGTIN_MAIN_LOOP_H

#include <stdbool.h>
#include <stdint.h>

#include "main.h"
#include "main_clock.h"

union SDL_Event;

/* Loads the content at Unix time now and rebuilds the list items; on error
 * the kiosk shows the empty screen with a banner. */
void main_load_content(struct kiosk *k, int64_t now);
/* Fills the app's pager (pages, page chars from the ui's layout). */
void main_pager_init(struct kiosk *k);
/* Settings for the app from the config. */
struct app_settings main_app_settings(const struct config *cfg);
/* Fills view for the app's current state at clock c and monotonic now_ms.
 * Returns false when the document to show cannot be loaded (logged). */
bool main_view(struct kiosk *k, struct ui_view *view, const struct ui_clock *c, int64_t now_ms,
	       int64_t uptime_s, int64_t wall);
/* Settings for the buttons from the config. */
struct buttons_settings main_buttons_settings(const struct config *cfg);
/* Handles one event at monotonic now_ns (CLOCK_MONOTONIC, the clock of the
 * buttons' edges): quit, keys, the GPIO thread's edges and status, the
 * update thread's news. */
void main_event(struct kiosk *k, const union SDL_Event *ev, int64_t now_ns, int minute);
/* Advances the key and button timers and the app to now_ns. */
void main_advance(struct kiosk *k, int64_t now_ns, int minute);
/* Runs until SDL_QUIT (SIGTERM), q in a window, or an SDL failure. */
int main_loop(struct kiosk *k);

#endif
