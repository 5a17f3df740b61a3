/* SPDX-License-Identifier: MIT */
/*
 * main_update.c: content updates from USB sticks in the running kiosk. A
 * thread sleeps in poll() on the mount table (usb.h) and a wake pipe; when a
 * stick with a bundle folder appears it stages, checks and applies it
 * (update.h) on a store connection of its own, writes the report back onto
 * the stick, and wakes the loop with SDL user events carrying no data. The
 * loop's side (main_update_view.c) reads the shared state under the lock
 * and shows the progress overlay; the loop keeps drawing and answering
 * buttons meanwhile.
 */
#define LOG_TAG "update"
#include <SDL.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "content.h"
#include "enrol.h"
#include "log.h"
#include "main_clock.h"
#include "main_update_int.h"
#include "update.h"

#define MAIN_UPDATE_REPORT_MAX 4096
#define MAIN_UPDATE_STOP_MS 2000      /* shutdown waits this long for the thread */

/* Thread side ------------------------------------------------------------- */

static bool main_update_stopping(struct main_update *mu);

static void main_update_push(struct main_update *mu)
{
	SDL_Event ev;

	/* A thread left behind at shutdown (main_update_join) must not touch
	 * SDL once the loop is gone. */
	if (main_update_stopping(mu))
		return;
	memset(&ev, 0, sizeof ev);
	ev.type = mu->type;
	if (SDL_PushEvent(&ev) < 0)
		log_warning("cannot wake the loop: %s", SDL_GetError());
}

static bool main_update_progress(void *ctx, double fraction, enum update_phase phase,
				 const char *label)
{
	struct main_update *mu = ctx;
	int pct = (int)(fraction * 100.0);
	bool push = false, stop;

	(void)phase;
	pct = pct < 0 ? 0 : pct > 100 ? 100 : pct;
	pthread_mutex_lock(&mu->lock);
	stop = mu->stop || mu->abandon;
	mu->shared.progress_ms = main_mono_ms();
	if (pct != mu->shared.percent || label != mu->shared.label) {
		mu->shared.percent = pct;
		mu->shared.label = label;
		push = true;
	}
	pthread_mutex_unlock(&mu->lock);
	if (push)
		main_update_push(mu);
	return !stop;
}

/* The report goes back onto the stick when it can; else it is skipped and
 * that is logged (the log and the Info screen have the result anyway). */
static void main_update_report(const struct main_update *mu, const struct usb_found *f,
			       const struct update_report *rep)
{
	char text[MAIN_UPDATE_REPORT_MAX], why[USB_ERR_MAX];
	int n = update_report_format(rep, text, sizeof text);
	size_t len = n < 0 ? 0 : (size_t)n >= sizeof text ? sizeof text - 1 : (size_t)n;

	if (usb_report_write(f, UPDATE_REPORT_FILE, mu->report_socket, mu->wake[0], text, len,
			     why, sizeof why) == 0)
		log_info("report written to %s/%s%s", f->mount_point, UPDATE_REPORT_FILE,
			 f->read_only ? " through the helper" : "");
	else
		log_warning("report not written to the stick: %s", why);
}

static double main_update_secs(const struct timespec *a)
{
	struct timespec b;

	clock_gettime(CLOCK_MONOTONIC, &b);
	return (double)(b.tv_sec - a->tv_sec) + (double)(b.tv_nsec - a->tv_nsec) / 1e9;
}

/* Stages and applies the bundle on stick f at Unix time now; fills rep. */
static void main_update_run_one(struct main_update *mu, const struct usb_found *f,
				int64_t now, struct update_report *rep)
{
	struct bundle_keyring kr = { 0 };
	char staged[4096], err[512];
	struct timespec t0;
	double copy_s;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	/* The keys first: the stick's signature is checked before any copy. */
	if (bundle_keyring_load(mu->keys_dir, &kr, err, sizeof err) != 0)
		log_error("trusted keys: %s", err); /* an empty keyring refuses the bundle */
	log_info("%zu trusted key(s) in %s", kr.n, mu->keys_dir);
	log_info("bundle on %s: checking, copying to %s", f->bundle, mu->staging);
	if (update_stage(f->bundle, mu->staging, &kr, NULL, main_update_progress, mu, staged,
			 sizeof staged, rep) != 0) {
		rep->when = now;
		bundle_keyring_free(&kr);
		return;
	}
	copy_s = main_update_secs(&t0);
	/* The apply gets now itself, never the report's time (update_stage()
	 * starts a fresh report). */
	update_apply(mu->st, staged, &kr, NULL, now, main_update_progress, mu, rep);
	bundle_keyring_free(&kr);
	main_enrol_bundle_keys(mu->keys_dir, rep);
	if (update_staging_remove(staged, err, sizeof err) != 0)
		log_warning("staging copy left behind: %s", err);
	log_info("bundle on %s: copied in %.2f s, checked and applied in %.2f s", f->bundle,
		 copy_s, main_update_secs(&t0) - copy_s);
}

static void main_update_wake(void *ctx)
{
	main_update_push(ctx);
}

/* The result of an attempt for the loop: the overlay's sentence and, when
 * it changed nothing, Info's result row. */
static void main_update_result(struct main_update *mu, bool ok, bool changed,
			       const char *message, const char *info)
{
	pthread_mutex_lock(&mu->lock);
	mu->shared.busy = false;
	mu->shared.percent = 100;
	mu->shared.results++;
	mu->shared.ok = ok;
	mu->shared.changed = changed;
	snprintf(mu->shared.message, sizeof mu->shared.message, "%s", message);
	snprintf(mu->shared.info, sizeof mu->shared.info, "%s", info);
	mu->shared.when = (int64_t)time(NULL);
	pthread_mutex_unlock(&mu->lock);
	main_update_push(mu);
}

/* One stick: busy, stage, apply, report, result. */
static void main_update_one(struct main_update *mu, const struct usb_found *f)
{
	struct update_report rep;
	bool ok, changed;
	char when[32], info[UPDATE_MSG_MAX + 32];
	time_t now = time(NULL);
	struct bundle_key key = { "?", { 0 } };
	char why[BUNDLE_ERR_MAX] = "";
	int probe = enrol_probe(f->bundle, &key, why, sizeof why);

	if (probe != 0) { /* NAME.pub alone: a key to enrol */
		char msg[UPDATE_MSG_MAX];
		bool trusted = main_enrol_stick(mu->enrol, f, &key, probe, why, mu->enrol_allowed,
						mu->keys_dir, mu->report_socket, mu->wake[0],
						main_update_wake, mu,
						msg, sizeof msg);

		main_update_result(mu, trusted, false, msg, "");
		return;
	}
	memset(&rep, 0, sizeof rep);
	pthread_mutex_lock(&mu->lock);
	mu->abandon = false;
	mu->shared.busy = true;
	mu->shared.progress_ms = main_mono_ms();
	mu->shared.percent = 0;
	mu->shared.label = update_phase_vi(UPDATE_PHASE_COPY);
	pthread_mutex_unlock(&mu->lock);
	main_update_push(mu);

	main_update_run_one(mu, f, (int64_t)now, &rep);
	pthread_mutex_lock(&mu->lock);
	if (mu->abandon)
		update_abandoned(&rep);
	pthread_mutex_unlock(&mu->lock);
	ok = rep.status == UPDATE_APPLIED || rep.status == UPDATE_ALREADY_APPLIED;
	changed = rep.status == UPDATE_APPLIED;
	if (ok)
		log_notice("bundle on %s: %s: %s", f->bundle, update_status_name(rep.status),
			   rep.log);
	else
		log_warning("bundle on %s: %s: %s", f->bundle, update_status_name(rep.status),
			    rep.log);
	if (rep.status != UPDATE_CANCELLED)
		main_update_report(mu, f, &rep);
	content_time_vn((int64_t)now, when, sizeof when);

	/* An applied bundle's result is the stored one Info shows already. */
	snprintf(info, sizeof info, "%.24s: %s", when, rep.message_vi);
	main_update_result(mu, ok, changed, rep.message_vi, changed ? "" : info);
}

static bool main_update_stopping(struct main_update *mu)
{
	bool stop;

	pthread_mutex_lock(&mu->lock);
	stop = mu->stop;
	pthread_mutex_unlock(&mu->lock);
	return stop;
}

static void *main_update_thread(void *arg)
{
	struct main_update *mu = arg;
	char err[USB_ERR_MAX];
	int n;

	if ((n = update_staging_clean(mu->staging, err, sizeof err)) < 0)
		log_warning("staging: %s", err);
	else if (n > 0)
		log_info("removed %d staging copies left by an interrupted update", n);
	while (!main_update_stopping(mu)) {
		struct usb_found *found;
		size_t nfound;

		if (usb_watch_scan(mu->watch, &found, &nfound, err, sizeof err) != 0)
			log_error("mount table: %s", err);
		for (size_t i = 0; i < nfound && !main_update_stopping(mu); i++)
			main_update_one(mu, &found[i]);
		usb_found_free(found, nfound);
		if (usb_watch_wait(mu->watch, mu->wake[0], -1) < 0) {
			log_error("mount table: poll: %s; USB updates stop", strerror(errno));
			break;
		}
	}
	pthread_mutex_lock(&mu->lock);
	mu->finished = true;
	pthread_cond_signal(&mu->done);
	pthread_mutex_unlock(&mu->lock);
	return NULL;
}

/* The staging directory: the config's, or staging/ beside the database. */
static void main_update_staging(const struct config *cfg, const char *db_path, char *out,
				size_t size)
{
	const char *slash = strrchr(db_path, '/');

	if (*cfg->staging_dir)
		snprintf(out, size, "%s", cfg->staging_dir);
	else if (slash)
		snprintf(out, size, "%.*s/staging", (int)(slash - db_path), db_path);
	else
		snprintf(out, size, "staging");
}

struct main_update *main_update_start(const struct config *cfg, const char *db_path,
				      char *err, size_t errsize)
{
	struct main_update *mu = calloc(1, sizeof *mu);
	char why[STORE_ERR_MAX];

	if (!mu) {
		snprintf(err, errsize, "out of memory");
		return NULL;
	}
	mu->wake[0] = mu->wake[1] = -1;
	pthread_mutex_init(&mu->lock, NULL);
	pthread_cond_init(&mu->done, NULL);
	main_update_staging(cfg, db_path, mu->staging, sizeof mu->staging);
	snprintf(mu->keys_dir, sizeof mu->keys_dir, "%s", cfg->keys_dir);
	snprintf(mu->report_socket, sizeof mu->report_socket, "%s", cfg->report_socket);
	mu->enrol_allowed = cfg->enrol;
	if (!(mu->enrol = main_enrol_new())) {
		snprintf(err, errsize, "out of memory");
		goto err;
	}
	if (main_frames_init(&mu->frames) != 0 ||
	    (mu->type = SDL_RegisterEvents(1)) == (uint32_t)-1) {
		snprintf(err, errsize, "out of memory or SDL events");
		goto err;
	}
	if (!(mu->watch = usb_watch_new(NULL, cfg->media_roots, cfg->bundle_dir, true, err,
					errsize)))
		goto err;
	if (!(mu->st = store_open(db_path, why, sizeof why))) {
		snprintf(err, errsize, "%s", why);
		goto err;
	}
	if (pipe(mu->wake) != 0 || fcntl(mu->wake[0], F_SETFD, FD_CLOEXEC) != 0 ||
	    fcntl(mu->wake[1], F_SETFD, FD_CLOEXEC) != 0) {
		snprintf(err, errsize, "wake pipe: %s", strerror(errno));
		goto err;
	}
	if (pthread_create(&mu->thread, NULL, main_update_thread, mu) != 0) {
		snprintf(err, errsize, "cannot start the update thread");
		goto err;
	}
	mu->started = true;
	log_info("watching for USB sticks with a %s folder under %s; staging in %s, keys in %s",
		 cfg->bundle_dir, cfg->media_roots, mu->staging, mu->keys_dir);
	return mu;
err:
	main_update_stop(mu);
	return NULL;
}

/* Asks the thread to stop (an update in progress is cancelled, nothing
 * applied; a wait on the report helper ends at once) and joins it, waiting
 * at most MAIN_UPDATE_STOP_MS: a thread stuck in a read of a dying stick
 * must not keep the kiosk from stopping. Then it is left behind, with
 * everything it uses (the process is exiting): false. */
static bool main_update_join(struct main_update *mu)
{
	struct timespec until;
	bool finished;

	pthread_mutex_lock(&mu->lock);
	mu->stop = true;
	pthread_mutex_unlock(&mu->lock);
	if (write(mu->wake[1], "x", 1) != 1)
		log_warning("cannot wake the update thread: %s", strerror(errno));
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += MAIN_UPDATE_STOP_MS / 1000;
	pthread_mutex_lock(&mu->lock);
	while (!mu->finished && pthread_cond_timedwait(&mu->done, &mu->lock, &until) == 0)
		;
	finished = mu->finished;
	pthread_mutex_unlock(&mu->lock);
	if (!finished) {
		log_warning("the update thread is still busy with a stick after %d ms; "
			    "not waiting for it", MAIN_UPDATE_STOP_MS);
		pthread_detach(mu->thread);
		return false;
	}
	pthread_join(mu->thread, NULL);
	return true;
}

void main_update_stop(struct main_update *mu)
{
	if (!mu)
		return;
	if (mu->started) {
		main_enrol_cancel(mu->enrol); /* a key waiting for the hold: not trusted */
		if (!main_update_join(mu))
			return;
	}
	if (mu->wake[0] >= 0)
		close(mu->wake[0]);
	if (mu->wake[1] >= 0)
		close(mu->wake[1]);
	usb_watch_free(mu->watch);
	store_close(mu->st);
	pthread_mutex_destroy(&mu->lock);
	pthread_cond_destroy(&mu->done);
	main_enrol_free(mu->enrol);
	main_frames_free(&mu->frames);
	free(mu);
}

void main_update_liveness(struct main_update *mu, bool *busy, int64_t *progress_ms)
{
	pthread_mutex_lock(&mu->lock);
	*busy = mu->shared.busy;
	*progress_ms = mu->shared.progress_ms;
	pthread_mutex_unlock(&mu->lock);
}

void main_update_abandon(struct main_update *mu)
{
	pthread_mutex_lock(&mu->lock);
	mu->abandon = true;
	pthread_mutex_unlock(&mu->lock);
}

uint32_t main_update_event_type(const struct main_update *mu)
{
	return mu->type;
}
