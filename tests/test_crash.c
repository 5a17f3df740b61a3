/* SPDX-License-Identifier: MIT */
/*
 * Crash consistency of update_apply(): a child process applies a large
 * replace bundle (CRASH_DOCS documents, withdrawals and pins, over a board
 * holding CRASH_SEED_DOCS) to a fresh copy of the seeded database and is
 * killed with SIGKILL: a third of the trials after a random delay spread
 * over the whole run (its duration measured first), two thirds inside the
 * transaction: as soon as a random document has been written (the parent
 * polls the child's progress in shared memory, so load does not move the
 * kills out of the transaction), or after the last document within one and
 * a half times what committing took (the run is mostly checking and
 * parsing; a kill there proves little). After every kill the database must
 * pass PRAGMA integrity_check and hold exactly the old content or exactly
 * the new one (a checksum over every row of every table, meta included);
 * killed before the first write it must be the old, after the commit was
 * reported the new. The child reports its phase through shared memory, so
 * the test counts the kills that landed inside the transaction and fails if
 * fewer than a quarter of the trials did.
 *
 * BANGTIN_CRASH_TRIALS (default 210) and BANGTIN_CRASH_SEED (default: the
 * time) change the run; the seed is printed so a failure can be replayed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>

#include "bundlefx.h"
#include "store.h"
#include "update.h"

#define CRASH_SEED_DOCS 200
#define CRASH_DOCS 300
#define CRASH_TRIALS 210
#define NOW 1735000000

/* What the child last reported; written by the child, read after its death. */
struct crash_shm {
	volatile int phase;      /* enum update_phase + 1; 0 = not started */
	volatile int items;      /* progress calls in the apply phase */
	volatile int returned;   /* update_apply() returned */
	volatile int status;
	volatile double apply_at;  /* CLOCK_MONOTONIC of the first apply report */
	volatile double last_at;   /* ... of the last one (the last document) */
	volatile double done_at;   /* ... and of the done report */
};

struct crash {
	struct bfx b;
	char seed_db[160], trial_db[160], staged[4096];
	struct bfx_sum old_sum, new_sum;
	struct crash_shm *shm;
	double apply_s;          /* measured duration of a child's whole run */
	double tx_from, tx_to;   /* the transaction's window, from the fork */
	double tail_s;           /* last document written to done reported */
};

static void remove_db(const char *path)
{
	char p[200];

	unlink(path);
	snprintf(p, sizeof p, "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", path);
	unlink(p);
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static bool child_progress(void *ctx, double f, enum update_phase phase, const char *label)
{
	struct crash_shm *shm = ctx;

	(void)f;
	(void)label;
	if (phase == UPDATE_PHASE_APPLY && !shm->items++)
		shm->apply_at = now_s();
	if (phase == UPDATE_PHASE_APPLY)
		shm->last_at = now_s();
	if (phase == UPDATE_PHASE_DONE)
		shm->done_at = now_s();
	shm->phase = (int)phase + 1;
	return true;
}

/* The child: applies the staged bundle to the trial copy and exits. */
static void child_apply(struct crash *c)
{
	char err[STORE_ERR_MAX];
	struct update_report rep;
	struct store *st = store_open(c->trial_db, err, sizeof err);

	if (!st)
		_exit(2);
	update_apply(st, c->staged, &c->b.kr, NULL, NOW, child_progress, c->shm, &rep);
	c->shm->status = (int)rep.status;
	c->shm->returned = 1;
	store_close(st);
	_exit(rep.status == UPDATE_APPLIED ? 0 : 1);
}

static void sleep_s(double s)
{
	struct timespec ts = { (time_t)s, (long)((s - (double)(time_t)s) * 1e9) };

	if (s > 0)
		nanosleep(&ts, NULL);
}

/* When to kill the child. */
enum kill_at {
	KILL_NEVER,
	KILL_AFTER_FORK,     /* delay from the fork */
	KILL_AT_ITEM,        /* once the item-th document is written, then delay */
};

/* Forks a child on a fresh copy of the seed and kills it as told. Returns
 * its wait status. */
static int run_child(struct crash *c, enum kill_at at, int item, double delay)
{
	pid_t pid;
	int ws = 0;

	remove_db(c->trial_db);
	assert_int_equal(bfx_copy(c->seed_db, c->trial_db), 0);
	memset(c->shm, 0, sizeof *c->shm);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		child_apply(c);
	if (at == KILL_AT_ITEM) {
		/* Polled, not timed: where the transaction falls varies with the
		 * machine's load; the child may run a few documents past. */
		while (c->shm->items < item && !c->shm->returned)
			sleep_s(20e-6);
	}
	if (at != KILL_NEVER) {
		sleep_s(delay);
		kill(pid, SIGKILL);
	}
	assert_int_equal(waitpid(pid, &ws, 0), pid);
	return ws;
}

static int setup(void **state)
{
	struct crash *c = calloc(1, sizeof *c);
	struct bfx_spec seed = { .sequence = 1 };
	static const char *const withdraw[] = { "200-TB/ĐUK", "201-TB/ĐUK" };
	static const struct bundle_display disp[] = {
		{ (char *)"300-TB/ĐUK", NOW - 60, NOW + 86400, true },
		{ (char *)"350-TB/ĐUK", 0, NOW + 86400, true },
	};
	struct bfx_spec big = { .sequence = 2, .mode = BUNDLE_REPLACE, .withdraw = withdraw,
				.nwithdraw = 2, .display = disp, .ndisplay = 2 };
	char dir[256], staging[200], err[STORE_ERR_MAX];
	struct update_report rep;
	struct store *st;

	if (!c || bfx_init(&c->b, "vanphong") < 0)
		return -1;
	c->shm = mmap(NULL, sizeof *c->shm, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
		      -1, 0);
	if (c->shm == MAP_FAILED)
		return -1;
	snprintf(c->seed_db, sizeof c->seed_db, "%s/seed.db", c->b.dir);
	snprintf(c->trial_db, sizeof c->trial_db, "%s/trial.db", c->b.dir);
	snprintf(staging, sizeof staging, "%s/staging", c->b.dir);
	/* The old content: documents 1..200 from bundle 1. */
	if (bfx_make(&c->b, "seed", 1, CRASH_SEED_DOCS, 0, &seed, dir, sizeof dir) < 0 ||
	    update_stage(dir, staging, &c->b.kr, NULL, NULL, NULL, c->staged, sizeof c->staged, &rep) < 0 ||
	    !(st = store_open(c->seed_db, err, sizeof err)))
		return -1;
	if (update_apply(st, c->staged, &c->b.kr, NULL, NOW - 86400, NULL, NULL, &rep) < 0) {
		fprintf(stderr, "seed: %s\n", rep.log);
		return -1;
	}
	store_close(st);
	update_staging_remove(c->staged, NULL, 0);
	/* The new content: 101..400 changed or new, 1..100 gone, two withdrawn,
	 * two pinned, staged once for every trial. */
	if (bfx_make(&c->b, "big", CRASH_SEED_DOCS / 2 + 1, CRASH_DOCS, 1, &big, dir,
		     sizeof dir) < 0 ||
	    update_stage(dir, staging, &c->b.kr, NULL, NULL, NULL, c->staged, sizeof c->staged, &rep) < 0)
		return -1;
	*state = c;
	return 0;
}

static int teardown(void **state)
{
	struct crash *c = *state;

	munmap(c->shm, sizeof *c->shm);
	bfx_free(&c->b);
	free(c);
	return 0;
}

static double median3(const double v[3])
{
	double a = v[0], b = v[1], c = v[2];

	return a > b ? (b > c ? b : a > c ? c : a) : (a > c ? a : b > c ? c : b);
}

/* The old and new checksums, and how long a whole child run takes. */
static void calibrate(struct crash *c)
{
	assert_int_equal(bfx_copy(c->seed_db, c->trial_db), 0);
	assert_int_equal(bfx_db_sum(c->trial_db, &c->old_sum), 0);
	assert_true(c->old_sum.ok);
	assert_int_equal(c->old_sum.documents, CRASH_SEED_DOCS);
	double whole[3], from[3], to[3], tail[3];

	for (int i = 0; i < 3; i++) {
		double t0 = now_s();
		int ws = run_child(c, KILL_NEVER, 0, 0);

		whole[i] = now_s() - t0;
		assert_true(WIFEXITED(ws) && WEXITSTATUS(ws) == 0);
		from[i] = c->shm->apply_at - t0;
		to[i] = c->shm->done_at - t0;
		tail[i] = c->shm->done_at - c->shm->last_at;
		assert_int_equal(c->shm->items, CRASH_DOCS);
	}
	c->apply_s = median3(whole);
	c->tx_from = median3(from);
	c->tx_to = median3(to);
	c->tail_s = median3(tail);
	assert_int_equal(bfx_db_sum(c->trial_db, &c->new_sum), 0);
	assert_true(c->new_sum.ok);
	assert_int_equal(c->new_sum.documents, CRASH_DOCS);
	assert_false(bfx_sum_equal(&c->old_sum, &c->new_sum));
}

static long env_long(const char *name, long def)
{
	const char *v = getenv(name);

	return v && *v ? strtol(v, NULL, 10) : def;
}

static void test_sigkill_during_apply(void **state)
{
	struct crash *c = *state;
	long trials = env_long("BANGTIN_CRASH_TRIALS", CRASH_TRIALS);
	unsigned seed = (unsigned)env_long("BANGTIN_CRASH_SEED", (long)time(NULL));
	int before = 0, inside = 0, after = 0, old_seen = 0, new_seen = 0;
	double t0;

	calibrate(c);
	print_message("crash: %d -> %d documents, a whole apply takes %.0f ms, its transaction "
		      "%.0f .. %.0f ms (last document to commit %.1f ms); %ld trials, seed %u\n",
		      CRASH_SEED_DOCS, CRASH_DOCS, c->apply_s * 1000, c->tx_from * 1000,
		      c->tx_to * 1000, c->tail_s * 1000, trials, seed);
	srand(seed);
	t0 = now_s();
	for (long i = 0; i < trials; i++) {
		double r = (double)rand() / RAND_MAX, delay;
		int item = 0;
		struct bfx_sum sum;
		bool is_old, is_new, done;

		/* A third of the kills anywhere in the run (the run is mostly
		 * checking and parsing, the transaction short); two thirds in
		 * the transaction: at a random document, or after the last one
		 * within one and a half times the time it took to commit. */
		if (i % 3 == 0) {
			delay = c->apply_s * 1.1 * r;
			run_child(c, KILL_AFTER_FORK, 0, delay);
		} else if (r < 0.8) {
			item = 1 + (int)(r / 0.8 * (CRASH_DOCS - 1));
			delay = 0;
			run_child(c, KILL_AT_ITEM, item, 0);
		} else {
			item = CRASH_DOCS;
			delay = c->tail_s * 1.5 * (r - 0.8) / 0.2;
			run_child(c, KILL_AT_ITEM, item, delay);
		}
		assert_int_equal(bfx_db_sum(c->trial_db, &sum), 0);
		if (!sum.ok)
			fail_msg("trial %ld (item %d, delay %.1f ms, seed %u): integrity_check failed",
				 i, item, delay * 1000, seed);
		is_old = bfx_sum_equal(&sum, &c->old_sum);
		is_new = bfx_sum_equal(&sum, &c->new_sum);
		if (!is_old && !is_new)
			fail_msg("trial %ld (item %d, delay %.1f ms, seed %u, phase %d, %d items): "
				 "neither the old content nor the new (%lld documents)", i, item,
				 delay * 1000, seed, c->shm->phase, c->shm->items, sum.documents);
		done = c->shm->returned || c->shm->phase == UPDATE_PHASE_DONE + 1;
		/* Killed before the first document was written: the old content;
		 * after the commit was reported: the new. */
		if (done)
			assert_true(is_new);
		else if (c->shm->phase != UPDATE_PHASE_APPLY + 1)
			assert_true(is_old);
		old_seen += is_old;
		new_seen += is_new;
		if (done)
			after++;
		else if (c->shm->phase == UPDATE_PHASE_APPLY + 1)
			inside++;
		else
			before++;
	}
	print_message("crash: %d killed before the transaction, %d inside it, %d after it "
		      "returned; %d old, %d new; %.1f s\n", before, inside, after, old_seen,
		      new_seen, now_s() - t0);
	/* The delays cover the transaction: a fair share of kills land in it. */
	assert_true(inside >= trials / 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_sigkill_during_apply, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
