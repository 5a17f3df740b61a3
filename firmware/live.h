/* SPDX-License-Identifier: MIT */
/*
 * live: the kiosk tells systemd it is alive (sd_notify, libsystemd).
 * READY=1 after the first frame; WATCHDOG=1 from the loop at a third of the
 * unit's WatchdogSec=, so a hung loop, not only a dead process, gets the
 * kiosk restarted. The USB update thread's progress counts too: an update
 * that makes no progress for the stall time ([update] stall_timeout,
 * LIVE_STALL_MS by default) is logged and abandoned
 * (cancelled before it commits: the content stays as it was); if the thread
 * still does not come back within LIVE_GRACE_MS (stuck in a read of a
 * dying stick), the pings stop and systemd restarts the kiosk, whose next
 * start finds the database as it was before the update. Outside systemd
 * (no NOTIFY_SOCKET) every call does nothing. Times are the loop's
 * monotonic milliseconds; nothing here reads the clock.
 */
#ifndef BANGTIN_LIVE_H
#define BANGTIN_LIVE_H

#include <stdbool.h>
#include <stdint.h>

#define LIVE_STALL_MS (180 * 1000) /* the default stall time */
#define LIVE_GRACE_MS (60 * 1000)

enum live_verdict {
	LIVE_OK,       /* ping */
	LIVE_ABANDON,  /* the update is stuck: cancel it now (once), ping */
	LIVE_HUNG,     /* cancelled and still stuck: no ping */
};

struct live {
	int64_t interval_ms;  /* between pings; 0: no watchdog */
	int64_t stall_ms;     /* an update without progress this long is stuck */
	int64_t next_ping_ms; /* INT64_MAX: none due */
	bool ready;           /* READY=1 was sent */
	bool abandoned;       /* the stuck update was told to stop */
	bool hung_logged;
};

/* Reads the watchdog's interval from the environment systemd set
 * (sd_watchdog_enabled) at now_ms; an update is stuck after stall_ms
 * without progress (> 0). */
void live_init(struct live *l, int64_t now_ms, int64_t stall_ms);

/* The verdict on the update thread at now_ms: busy, and the time of its
 * last progress. Pure; it logs the change of verdict and remembers that
 * ABANDON was given (it is given once per stuck update). */
enum live_verdict live_check(struct live *l, bool busy, int64_t progress_ms,
				       int64_t now_ms);

/* After a frame: READY=1 the first time, with the start-up time in the
 * status line. */
void live_ready(struct live *l, int64_t started_ms);

/* Sends WATCHDOG=1 when one is due at now_ms and the verdict allows it. */
void live_ping(struct live *l, enum live_verdict v, int64_t now_ms);

/* The loop's next wake-up for a ping; INT64_MAX without a watchdog. */
int64_t live_deadline(const struct live *l);

/* While the kiosk waits before its first frame (no DRM device yet): extends
 * systemd's start timeout and says why in the unit's status. */
void live_waiting(const char *why);

#endif
