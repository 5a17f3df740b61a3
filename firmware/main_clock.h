/* SPDX-License-Identifier: MIT */
/*
 * main_clock: the kiosk program's clocks. The program owns the clock:
 * everything below it takes `now` from here (the loop, the shot, the
 * threads' timestamps), so no module deep down reads one itself. The
 * monotonic clock is CLOCK_MONOTONIC, the clock of the buttons' kernel
 * timestamps (gpio_clock_ns()).
 */
#ifndef BANGTIN_MAIN_CLOCK_H
#define BANGTIN_MAIN_CLOCK_H

#include <stdint.h>

#include "ui.h"

/* The monotonic clock in ms. */
int64_t main_mono_ms(void);
/* Local clock fields of Unix time t; *minute_of_day (may be NULL) gets
 * hour * 60 + minute. */
struct ui_clock main_clock(int64_t t, int *minute_of_day);

#endif
