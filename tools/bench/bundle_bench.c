/* SPDX-License-Identifier: MIT */
/*
 * bundle_bench: times one bundle through the kiosk's own update path
 * (update_stage, then update_apply with a progress callback stamping when
 * each phase begins) on a given database, then the same bundle again (the
 * no-op). Prints one markdown table row per run. Built and run by
 * tools/bench/bundle.sh; not part of the build.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bundle.h"
#include "store.h"
#include "update.h"

struct stamps {
	double first[UPDATE_PHASE_DONE + 1]; /* first report of each phase */
	unsigned calls;
};

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static bool stamp(void *ctx, double f, enum update_phase phase, const char *label)
{
	struct stamps *s = ctx;

	(void)f;
	(void)label;
	if (!s->first[phase])
		s->first[phase] = now_s();
	s->calls++;
	return true;
}

static int run(struct store *st, const char *src, const char *staging,
	       const struct bundle_keyring *kr, const char *what)
{
	struct stamps s = { { 0 }, 0 };
	struct update_report rep;
	char staged[4096];
	double t0 = now_s(), t1, t2, t3;

	if (update_stage(src, staging, kr, NULL, stamp, &s, staged, sizeof staged, &rep) != 0) {
		fprintf(stderr, "bundle_bench: %s\n", rep.log);
		return -1;
	}
	t1 = now_s();
	update_apply(st, staged, kr, NULL, (int64_t)time(NULL), stamp, &s, &rep);
	t2 = now_s();
	update_staging_remove(staged, NULL, 0);
	t3 = now_s();
	if (rep.status != UPDATE_APPLIED && rep.status != UPDATE_ALREADY_APPLIED) {
		fprintf(stderr, "bundle_bench: %s\n", rep.log);
		return -1;
	}
	/* The first parse report comes after the check and one file's parse;
	 * the first apply report after BEGIN and one document's write. A no-op
	 * or replay ends after the check. */
	{
		double parse = s.first[UPDATE_PHASE_PARSE] ? s.first[UPDATE_PHASE_PARSE] : t2;
		double apply = s.first[UPDATE_PHASE_APPLY] ? s.first[UPDATE_PHASE_APPLY] : t2;

		printf("| %s | %zu | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %u |\n", what,
		       rep.ndocs, t1 - t0, parse - t1, apply - parse, t2 - apply, t3 - t2,
		       t3 - t0, s.calls);
	}
	fprintf(stderr, "bundle_bench: %s: %s\n", what, rep.log);
	return 0;
}

int main(int argc, char **argv)
{
	struct bundle_keyring kr = { 0 };
	char err[STORE_ERR_MAX];
	struct store *st;
	int rc = 1;

	if (argc != 5) {
		fprintf(stderr, "usage: bundle_bench BUNDLE KEYS_DIR DB STAGING_ROOT\n");
		return 2;
	}
	if (bundle_keyring_load(argv[2], &kr, err, sizeof err) != 0 ||
	    !(st = store_open(argv[3], err, sizeof err))) {
		fprintf(stderr, "bundle_bench: %s\n", err);
		bundle_keyring_free(&kr);
		return 1;
	}
	printf("| run | documents | copy (s) | check: signature, sizes, SHA-256 (s) | parse (s) | "
	       "transaction (s) | remove staging (s) | total (s) | progress calls |\n");
	printf("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
	if (run(st, argv[1], argv[4], &kr, "first apply (all added)") == 0 &&
	    run(st, argv[1], argv[4], &kr, "same bundle again (no-op)") == 0)
		rc = 0;
	store_close(st);
	bundle_keyring_free(&kr);
	return rc;
}
