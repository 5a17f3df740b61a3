/* SPDX-License-Identifier: MIT */
/*
 * main_enrol: the question "trust this key?" between the update thread,
 * which found NAME.pub alone on a stick (enrol.h) and waits for the answer,
 * and the loop, which shows the key's fingerprint over the screen and
 * answers once select was held ENROL_HOLD_MS (or back pressed, or nobody
 * answered). It owns a lock and a condition of its own; the hold itself is
 * enrol.h's pure struct enrol_hold, kept on the loop's side.
 */
#ifndef BANGTIN_MAIN_ENROL_H
#define BANGTIN_MAIN_ENROL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app.h"
#include "enrol.h"

struct main_enrol;
struct ui_view;

/* NULL when out of memory. Free with main_enrol_free() (takes NULL). */
struct main_enrol *main_enrol_new(void);
void main_enrol_free(struct main_enrol *me);

/* Thread side. Puts the question and blocks until the loop answers, or
 * main_enrol_cancel(), or ENROL_TIMEOUT_MS and a margin pass; wake(ctx) is
 * called (once) to wake the loop. Returns ENROL_ACCEPTED only when select
 * was held; anything else means the key is not to be trusted. */
enum enrol_state main_enrol_ask(struct main_enrol *me, const struct bundle_key *key,
				void (*wake)(void *ctx), void *ctx);
/* Answers a waiting question "no" (the kiosk is stopping). */
void main_enrol_cancel(struct main_enrol *me);

/*
 * Thread side, for a stick whose bundle folder asks to enrol (probe and key
 * from enrol_probe(), why its error when probe is -1): judged against the
 * keys of keys_dir and allowed ([update] enrol), asked (main_enrol_ask()),
 * written (enrol_write()), logged, and reported onto the stick as
 * BAOCAO.txt (usb_report_write() with sock; a readable cancel_fd ends a
 * wait on the helper). msg gets the screen's
 * sentence. Returns true when the key is trusted (now or already).
 */
struct usb_found;
struct update_report;
bool main_enrol_stick(struct main_enrol *me, const struct usb_found *f,
		      const struct bundle_key *key, int probe, const char *why, bool allowed,
		      const char *keys_dir, const char *sock, int cancel_fd,
		      void (*wake)(void *ctx), void *ctx,
		      char *msg, size_t msgsize);

/* After a bundle: when it applied (or was applied already), writes the keys
 * it adds (rep->keys) into keys_dir and says so in rep->message_vi. */
void main_enrol_bundle_keys(const char *keys_dir, struct update_report *rep);

/* Loop side (monotonic ms). poll: on the update thread's event, starts
 * showing a new question. active: a question shows (every input goes to it:
 * input() takes BACK as "no" and swallows the rest). select: the select
 * button's level, from the keyboard or the GPIO edges. tick: answers the
 * thread once decided; true when a frame is due (the hold's bar moved, or
 * the question went). deadline: when tick next has something to do. view:
 * the question and the hold's bar over the screen. */
void main_enrol_poll(struct main_enrol *me, int64_t now_ms);
bool main_enrol_active(const struct main_enrol *me);
bool main_enrol_input(struct main_enrol *me, enum app_input in, int64_t now_ms);
void main_enrol_select(struct main_enrol *me, bool down, int64_t now_ms);
bool main_enrol_tick(struct main_enrol *me, int64_t now_ms);
int64_t main_enrol_deadline(const struct main_enrol *me);
void main_enrol_view(struct main_enrol *me, struct ui_view *v, int64_t now_ms);

#endif
