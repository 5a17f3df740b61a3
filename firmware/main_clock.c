/* SPDX-License-Identifier: MIT */
/* main_clock.c: the kiosk program's clocks (main_clock.h). */
#include <time.h>

#include "gpio.h"
#include "main_clock.h"

int64_t main_mono_ms(void)
{
	return gpio_clock_ns() / INT64_C(1000000);
}

struct ui_clock main_clock(int64_t t, int *minute_of_day)
{
	time_t tt = (time_t)t;
	struct tm tm;
	struct ui_clock c = { 1970, 1, 1, 4, 0, 0 };

	if (localtime_r(&tt, &tm))
		c = (struct ui_clock){ tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
				       tm.tm_wday, tm.tm_hour, tm.tm_min };
	if (minute_of_day)
		*minute_of_day = c.hour * 60 + c.minute;
	return c;
}
