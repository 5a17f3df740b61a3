/* SPDX-License-Identifier: MIT */
/*
 * main_update: USB content updates. A thread watches the mount table
 * (usb.h); for each new stick holding the bundle folder it stages, checks
 * and applies the bundle (update.h) on a store connection of its own, writes
 * the report back onto the stick (directly when the stick is writable, else
 * through the root helper's socket, else skipped with a log line), and wakes
 * the loop with SDL user events of its own type that carry no data.
 *
 * Three files: main_update.c is the thread; main_update_view.c is the loop's
 * side, the overlay (progress, result, a key's question) drawn from a copy
 * of the thread's state taken under its lock; main_frames.c measures the
 * frame intervals while an update runs (BENCHMARKS.md). The loop's side
 * never sees the kiosk: it is handed what it needs (now, the store to read
 * the stored result from, the view to fill) and says what happened
 * (main_update_event()), and the loop reloads the content itself.
 */
#ifndef BANGTIN_MAIN_UPDATE_H
#define BANGTIN_MAIN_UPDATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app.h"
#include "config.h"
#include "store.h"
#include "update.h"

struct main_update_state {
	bool busy;                   /* a bundle is being staged or applied */
	int64_t progress_ms;         /* main_mono_ms() of its last progress */
	int percent;                 /* 0..100 while busy */
	const char *label;           /* the phase, Vietnamese (static) */
	unsigned results;            /* attempts finished; changes with each */
	bool ok;                     /* the last: applied or already applied */
	bool changed;                /* the last applied something */
	char message[UPDATE_MSG_MAX];/* the last result, Vietnamese */
	int64_t when;                /* Unix time of the last attempt */
	char info[UPDATE_MSG_MAX + 32];/* Info's result row when the last attempt
				      * changed nothing: "23/11/2026 09:41: ...",
				      * else "" (the stored result is it) */
};

struct main_update;
struct ui_view;

/* Starts the watcher thread for the settings of cfg's [update] on the
 * database at db_path (a second connection). Sticks already in are taken
 * too. Returns NULL with err (bad media roots, unreadable mount table, no
 * database, no thread). */
struct main_update *main_update_start(const struct config *cfg, const char *db_path,
				      char *err, size_t errsize);
/* Stops the thread (an update in progress is cancelled before it commits),
 * joins it and frees everything. Never waits on a stick: a thread still
 * busy after 2 s (a read stuck on a dying stick) is left behind with what
 * it uses, the process being about to exit. Takes NULL. */
void main_update_stop(struct main_update *mu);
uint32_t main_update_event_type(const struct main_update *mu);
/* The thread's liveness (live.h): busy, and the time of its last
 * progress. Thread-safe. */
void main_update_liveness(struct main_update *mu, bool *busy, int64_t *progress_ms);
/* Cancels the update in progress at its next progress report, before it
 * commits (a stuck update: live.h); the next stick is tried as usual. */
void main_update_abandon(struct main_update *mu);

/* The loop's side (main_update_view.c): every call takes mu NULL (updates
 * off) but main_update_event(). */

/* What an event of the thread's type brought (main_update_event()). */
enum main_update_news {
	MAIN_UPDATE_PROGRESS, /* the overlay moved: draw a frame */
	MAIN_UPDATE_RESULT,   /* an attempt ended, nothing stored: Info is stale */
	MAIN_UPDATE_CONTENT,  /* an attempt stored a new content version: the
			       * loop reloads it now rather than at the next
			       * minute, and Info is stale */
};
/* An event of the thread's type: takes a copy of the shared state and, on
 * a result, shows its message a while and logs the frame intervals. */
enum main_update_news main_update_event(struct main_update *mu, int64_t now_ms);
/* True when a frame is due for the update: every 33 ms while busy (the
 * screen keeps moving), and once when the result's time is up. */
bool main_update_tick(struct main_update *mu, int64_t now_ms);
/* When main_update_tick() next has something to do; INT64_MAX when not. */
int64_t main_update_deadline(const struct main_update *mu);
/* Puts the overlay (progress, result, or a key's question at now_ms) into
 * v; v then points into mu until the next call. */
void main_update_view(struct main_update *mu, struct ui_view *v, int64_t now_ms);
/* A frame was drawn at now_ns: its interval is kept while busy and the
 * intervals are logged when the update ends. */
void main_update_frame(struct main_update *mu, int64_t now_ns);
/* A key from a stick waits for its answer (main_enrol.h): input takes
 * every app input meanwhile (true: not for the app), select is fed the
 * select button's level from the keys and the GPIO edges. */
bool main_update_input(struct main_update *mu, enum app_input in, int64_t now_ms);
void main_update_select(struct main_update *mu, bool down, int64_t now_ms);
/* Info's CONTENT_INFO_RESULT row when the last USB attempt changed nothing
 * (refused, already applied): "23/11/2026 09:41: <why>"; NULL before any
 * attempt, after one that applied, and once a later import is stored in st
 * (the loop's connection; the stored result says it then). Points into mu. */
const char *main_update_info(const struct main_update *mu, struct store *st);

#endif
