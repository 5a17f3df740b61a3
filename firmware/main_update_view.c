/* SPDX-License-Identifier: MIT */
/*
 * main_update_view.c: the loop's side of the USB updates (main_update.h).
 * On each of the thread's events it copies the shared state under the lock
 * and keeps the overlay's own state: how long a result shows, when the next
 * paced frame is due while busy, a key's question (main_enrol.h), and the
 * frame intervals measured meanwhile (main_frames.h).
 */
#define LOG_TAG "update"
#include <stdio.h>
#include <stdlib.h>

#include "log.h"
#include "main_update_int.h"
#include "ui.h"

#define MAIN_UPDATE_OK_MS 8000        /* the result stays on screen this long */
#define MAIN_UPDATE_REFUSED_MS 60000  /* a refusal longer: the clerk must read which file */
#define MAIN_UPDATE_FRAME_MS 33       /* the loop draws this often while busy */

/* Logs the frame intervals of the update that just ended (BENCHMARKS.md). */
static void main_update_frames_log(struct main_update *mu)
{
	struct main_frames_stats s;

	if (!main_frames_stats(&mu->frames, &s))
		return;
	log_info("frames while updating: %zu, interval mean %.1f ms, median %.1f ms, "
		 "p95 %.1f ms, p99 %.1f ms, max %.1f ms", s.n, s.mean, s.median, s.p95, s.p99,
		 s.max);
}

enum main_update_news main_update_event(struct main_update *mu, int64_t now_ms)
{
	bool was_busy = mu->seen.busy;

	pthread_mutex_lock(&mu->lock);
	mu->seen = mu->shared;
	pthread_mutex_unlock(&mu->lock);
	main_enrol_poll(mu->enrol, now_ms);
	if (mu->seen.busy && !was_busy) {
		main_frames_start(&mu->frames);
		mu->next_frame_ms = now_ms;
	}
	if (mu->seen.results == mu->results_seen)
		return MAIN_UPDATE_PROGRESS;
	mu->results_seen = mu->seen.results;
	mu->show_until_ms = now_ms + (mu->seen.ok ? MAIN_UPDATE_OK_MS : MAIN_UPDATE_REFUSED_MS);
	main_update_frames_log(mu);
	return mu->seen.changed ? MAIN_UPDATE_CONTENT : MAIN_UPDATE_RESULT;
}

bool main_update_tick(struct main_update *mu, int64_t now_ms)
{
	if (!mu)
		return false;
	if (main_enrol_tick(mu->enrol, now_ms))
		return true;
	if (mu->seen.busy && now_ms >= mu->next_frame_ms) {
		mu->next_frame_ms = now_ms + MAIN_UPDATE_FRAME_MS;
		return true;
	}
	if (mu->show_until_ms && now_ms >= mu->show_until_ms) {
		mu->show_until_ms = 0; /* the result's last frame: it goes away */
		return true;
	}
	return false;
}

int64_t main_update_deadline(const struct main_update *mu)
{
	int64_t t;

	if (!mu)
		return INT64_MAX;
	t = main_enrol_deadline(mu->enrol);
	if (mu->seen.busy)
		return mu->next_frame_ms < t ? mu->next_frame_ms : t;
	return mu->show_until_ms && mu->show_until_ms < t ? mu->show_until_ms : t;
}

void main_update_view(struct main_update *mu, struct ui_view *v, int64_t now_ms)
{
	if (!mu || v->screen == APP_SCREEN_SLEEP)
		return;
	if (main_enrol_active(mu->enrol)) {
		main_enrol_view(mu->enrol, v, now_ms);
		return;
	}
	if (mu->seen.busy) {
		snprintf(mu->text, sizeof mu->text, "%s... %d%%",
			 mu->seen.label ? mu->seen.label : "", mu->seen.percent);
		v->progress_text = mu->text;
		v->progress = mu->seen.percent;
	} else if (mu->show_until_ms) {
		v->progress_text = mu->seen.message;
		v->progress = -1;
		v->progress_warn = !mu->seen.ok;
	}
}

void main_update_frame(struct main_update *mu, int64_t now_ns)
{
	if (mu && mu->seen.busy)
		main_frames_add(&mu->frames, now_ns);
}

const char *main_update_info(const struct main_update *mu, struct store *st)
{
	char *stored, err[STORE_ERR_MAX];
	long long t;

	if (!mu || !mu->results_seen || !mu->seen.info[0])
		return NULL;
	/* A later import (bangtinctl on the board) is the last result then. */
	if (store_meta_get(st, STORE_META_UPDATED, &stored, err, sizeof err) < 0)
		log_warning("%s", err);
	t = stored ? atoll(stored) : 0;
	free(stored);
	return t > mu->seen.when ? NULL : mu->seen.info;
}

bool main_update_input(struct main_update *mu, enum app_input in, int64_t now_ms)
{
	return mu && main_enrol_input(mu->enrol, in, now_ms);
}

void main_update_select(struct main_update *mu, bool down, int64_t now_ms)
{
	if (mu)
		main_enrol_select(mu->enrol, down, now_ms);
}
