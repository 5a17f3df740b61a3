/* SPDX-License-Identifier: MIT */
/* main_enrol.c: the update thread asks, the loop shows the fingerprint and
 * answers after the five-second hold of select (main_enrol.h). */
#define LOG_TAG "enrol"
#include "main_enrol.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "ui.h"
#include "update.h"
#include "usb.h"

/* The thread waits this much longer than the loop's own time-out. */
#define MAIN_ENROL_MARGIN_S 30
/* While select is held the bar moves: a frame this often. */
#define MAIN_ENROL_FRAME_MS 100
#define MAIN_ENROL_REPORT_MAX 2048

struct main_enrol {
	pthread_mutex_t lock;     /* guards the shared part */
	pthread_cond_t answered;
	/* shared */
	unsigned asked;           /* questions put; changes with each */
	unsigned answered_n;      /* questions answered */
	struct bundle_key key;
	enum enrol_state answer;

	/* the loop's own */
	unsigned seen;            /* the question shown */
	bool showing;
	struct enrol_hold hold;
	int64_t next_frame;
	char text[512];
};

struct main_enrol *main_enrol_new(void)
{
	struct main_enrol *me = calloc(1, sizeof *me);

	if (!me)
		return NULL;
	pthread_mutex_init(&me->lock, NULL);
	pthread_cond_init(&me->answered, NULL);
	return me;
}

void main_enrol_free(struct main_enrol *me)
{
	if (!me)
		return;
	pthread_cond_destroy(&me->answered);
	pthread_mutex_destroy(&me->lock);
	free(me);
}

enum enrol_state main_enrol_ask(struct main_enrol *me, const struct bundle_key *key,
				void (*wake)(void *ctx), void *ctx)
{
	struct timespec until;
	enum enrol_state answer = ENROL_EXPIRED;
	unsigned q;
	int rc = 0;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += ENROL_TIMEOUT_MS / 1000 + MAIN_ENROL_MARGIN_S;
	pthread_mutex_lock(&me->lock);
	me->key = *key;
	q = ++me->asked;
	pthread_mutex_unlock(&me->lock);
	wake(ctx);
	pthread_mutex_lock(&me->lock);
	while (me->answered_n != q && rc != ETIMEDOUT)
		rc = pthread_cond_timedwait(&me->answered, &me->lock, &until);
	if (me->answered_n == q)
		answer = me->answer;
	else
		me->answered_n = q; /* too late: a later answer is for nothing */
	pthread_mutex_unlock(&me->lock);
	return answer;
}

void main_enrol_cancel(struct main_enrol *me)
{
	if (!me)
		return;
	pthread_mutex_lock(&me->lock);
	if (me->answered_n != me->asked) {
		me->answered_n = me->asked;
		me->answer = ENROL_REJECTED;
		pthread_cond_broadcast(&me->answered);
	}
	pthread_mutex_unlock(&me->lock);
}

void main_enrol_poll(struct main_enrol *me, int64_t now_ms)
{
	pthread_mutex_lock(&me->lock);
	if (me->asked != me->seen && me->answered_n != me->asked) {
		me->seen = me->asked;
		me->showing = true;
		enrol_hold_start(&me->hold, now_ms);
		enrol_question_vi(&me->key, me->text, sizeof me->text);
		log_notice("key %s: showing its fingerprint, waiting %d s for select to be held",
			   me->key.name, ENROL_TIMEOUT_MS / 1000);
	}
	pthread_mutex_unlock(&me->lock);
}

bool main_enrol_active(const struct main_enrol *me)
{
	return me && me->showing;
}

bool main_enrol_input(struct main_enrol *me, enum app_input in, int64_t now_ms)
{
	if (!main_enrol_active(me))
		return false;
	if (in == APP_IN_BACK)
		enrol_hold_back(&me->hold);
	main_enrol_tick(me, now_ms);
	return true;
}

void main_enrol_select(struct main_enrol *me, bool down, int64_t now_ms)
{
	if (main_enrol_active(me))
		enrol_hold_select(&me->hold, down, now_ms);
}

bool main_enrol_tick(struct main_enrol *me, int64_t now_ms)
{
	enum enrol_state st;

	if (!main_enrol_active(me))
		return false;
	st = enrol_hold_tick(&me->hold, now_ms);
	if (st == ENROL_PENDING) {
		if (!me->hold.held || now_ms < me->next_frame)
			return false;
		me->next_frame = now_ms + MAIN_ENROL_FRAME_MS;
		return true;
	}
	me->showing = false;
	pthread_mutex_lock(&me->lock);
	/* Logged under the lock: the thread may put the next key once it goes. */
	log_notice("key %s: %s", me->key.name, st == ENROL_ACCEPTED ? "select held: trusted" :
		   st == ENROL_REJECTED ? "back pressed: not trusted" :
		   "nobody answered: not trusted");
	if (me->answered_n != me->seen) {
		me->answered_n = me->seen;
		me->answer = st;
		pthread_cond_broadcast(&me->answered);
	}
	pthread_mutex_unlock(&me->lock);
	return true;
}

int64_t main_enrol_deadline(const struct main_enrol *me)
{
	int64_t t;

	if (!main_enrol_active(me))
		return INT64_MAX;
	t = enrol_hold_deadline(&me->hold);
	if (me->hold.held && me->next_frame < t)
		t = me->next_frame;
	return t;
}

void main_enrol_view(struct main_enrol *me, struct ui_view *v, int64_t now_ms)
{
	if (!main_enrol_active(me))
		return;
	v->progress_text = me->text;
	v->progress = enrol_hold_percent(&me->hold, now_ms);
	v->progress_warn = false;
}

bool main_enrol_stick(struct main_enrol *me, const struct usb_found *f,
		      const struct bundle_key *key, int probe, const char *why, bool allowed,
		      const char *keys_dir, const char *sock, int cancel_fd,
		      void (*wake)(void *ctx), void *ctx,
		      char *msg, size_t msgsize)
{
	struct bundle_keyring kr = { 0 };
	enum enrol_verdict v = ENROL_BAD_KEY;
	enum enrol_state st;
	char err[BUNDLE_ERR_MAX] = "", log_en[UPDATE_MSG_MAX], text[MAIN_ENROL_REPORT_MAX];
	bool ok = false;
	int n;

	if (probe == 1) {
		if (bundle_keyring_load(keys_dir, &kr, err, sizeof err) != 0)
			log_error("trusted keys: %s", err); /* trusts nothing: may enrol */
		v = enrol_judge(allowed, &kr, key);
		bundle_keyring_free(&kr);
	}
	if (v == ENROL_ASK) {
		st = main_enrol_ask(me, key, wake, ctx);
		ok = st == ENROL_ACCEPTED && enrol_write(keys_dir, key, err, sizeof err) == 0;
		enrol_result_vi(key, st, ok, msg, msgsize);
		snprintf(log_en, sizeof log_en, "key %s: %s%.300s", key->name,
			 ok ? "trusted, written to " : st == ENROL_ACCEPTED ? "not written: " :
			 "not trusted", ok ? keys_dir : st == ENROL_ACCEPTED ? err : "");
	} else {
		snprintf(msg, msgsize, "%s", enrol_verdict_vi(v));
		snprintf(log_en, sizeof log_en, "key %s: %.400s", key->name,
			 v == ENROL_DISABLED ? "enrolment is off ([update] enrol = no)" :
			 v == ENROL_ALREADY ? "already trusted" :
			 v == ENROL_HAS_KEYS ? "refused: the board trusts a key already; a new "
			 "one comes in a bundle signed by a trusted key" : why);
		ok = v == ENROL_ALREADY;
	}
	if (ok)
		log_notice("stick %s: %s", f->bundle, log_en);
	else
		log_warning("stick %s: %s", f->bundle, log_en);
	n = enrol_report_format(key, (int64_t)time(NULL), msg, log_en, text, sizeof text);
	if (usb_report_write(f, UPDATE_REPORT_FILE, sock, cancel_fd, text,
			     n < 0 ? 0 : (size_t)n >= sizeof text ? sizeof text - 1 : (size_t)n,
			     err, sizeof err) != 0)
		log_warning("report not written to the stick: %s", err);
	return ok;
}

void main_enrol_bundle_keys(const char *keys_dir, struct update_report *rep)
{
	char err[BUNDLE_ERR_MAX], fp[BUNDLE_FINGERPRINT_MAX];
	size_t o = strlen(rep->message_vi);

	if (rep->status != UPDATE_APPLIED && rep->status != UPDATE_ALREADY_APPLIED)
		return;
	for (size_t i = 0; i < rep->nkeys && o < sizeof rep->message_vi; i++) {
		const struct bundle_key *k = &rep->keys[i];
		bool ok = enrol_write(keys_dir, k, err, sizeof err) == 0;

		bundle_fingerprint(k->pk, fp);
		if (ok)
			log_notice("key %s (%s) from the bundle of %s: trusted, written to %s",
				   k->name, fp, rep->key_name, keys_dir);
		else
			log_error("key %s from the bundle of %s: %s", k->name, rep->key_name, err);
		o += (size_t)snprintf(rep->message_vi + o, sizeof rep->message_vi - o,
				      ok ? " Đã thêm khóa \"%s\" (%s)." :
				      " Không ghi được khóa \"%s\" (%s).", k->name, fp);
	}
}
