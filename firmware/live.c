/* SPDX-License-Identifier: MIT */
/* live.c: readiness and the watchdog through sd_notify (live.h). */
#define LOG_TAG "live"
#include <stdio.h>
#include <systemd/sd-daemon.h>

#include "log.h"
#include "live.h"

/* While waiting for the screen, the start timeout is pushed this far ahead
 * each time (the wait calls in every half second). */
#define LIVE_EXTEND_USEC "EXTEND_TIMEOUT_USEC=10000000"

void live_init(struct live *l, int64_t now_ms, int64_t stall_ms)
{
	uint64_t usec = 0;

	*l = (struct live){ .next_ping_ms = INT64_MAX, .stall_ms = stall_ms };
	if (sd_watchdog_enabled(0, &usec) > 0 && usec >= 3000) {
		/* A third of the interval: two pings may be late before it bites. */
		l->interval_ms = (int64_t)(usec / 3000);
		l->next_ping_ms = now_ms;
		log_info("systemd watchdog: %llu ms, pinged every %lld ms",
			 (unsigned long long)(usec / 1000), (long long)l->interval_ms);
	}
}

enum live_verdict live_check(struct live *l, bool busy, int64_t progress_ms,
				       int64_t now_ms)
{
	int64_t stalled = busy ? now_ms - progress_ms : 0;

	if (stalled < l->stall_ms) {
		l->abandoned = false;
		l->hung_logged = false;
		return LIVE_OK;
	}
	if (!l->abandoned) {
		l->abandoned = true;
		log_error("the USB update has made no progress for %lld s: abandoning it "
			  "(cancelled before it commits: the content stays as it was)",
			  (long long)(stalled / 1000));
		return LIVE_ABANDON;
	}
	if (stalled < l->stall_ms + LIVE_GRACE_MS)
		return LIVE_OK;
	if (!l->hung_logged) {
		l->hung_logged = true;
		log_error("the USB update thread is still stuck %lld s after it was abandoned: "
			  "no more watchdog pings, systemd restarts the kiosk",
			  (long long)((stalled - l->stall_ms) / 1000));
	}
	return LIVE_HUNG;
}

void live_ready(struct live *l, int64_t started_ms)
{
	if (l->ready)
		return;
	l->ready = true;
	sd_notifyf(0, "READY=1\nSTATUS=showing the screen (first frame %lld ms after start)",
		   (long long)started_ms);
}

void live_ping(struct live *l, enum live_verdict v, int64_t now_ms)
{
	if (!l->interval_ms || now_ms < l->next_ping_ms || v == LIVE_HUNG)
		return;
	sd_notify(0, "WATCHDOG=1");
	l->next_ping_ms = now_ms + l->interval_ms;
}

int64_t live_deadline(const struct live *l)
{
	return l->interval_ms ? l->next_ping_ms : INT64_MAX;
}

void live_waiting(const char *why)
{
	sd_notifyf(0, LIVE_EXTEND_USEC "\nSTATUS=%s", why);
}
