/* SPDX-License-Identifier: MIT */
/* update_apply.c: checking the staged bundle, parsing every document, and
 * applying it in one store transaction guarded by the signer's sequence. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "content.h"
#include "parse.h"
#include "update_int.h"

/* Shares of the whole update's progress (copying is 0 .. 0.3). */
#define SHARE_VERIFY_END 0.4
#define SHARE_PARSE_END 0.6

/* Why the transaction's hooks stopped it. */
enum apply_stop {
	STOP_NONE = 0,
	STOP_SAME,       /* already applied */
	STOP_REPLAY,     /* lower sequence */
	STOP_REUSED,     /* same sequence, other manifest */
	STOP_DISPLAY,    /* a display entry names no document */
	STOP_CANCELLED,
};

struct applier {
	struct store *st;
	const char *staged;
	int64_t now;
	update_progress_fn progress;
	void *ctx;
	struct update_report *rep;
	struct bundle_manifest m;
	uint8_t mhash[32];
	char **bufs;                   /* one per manifest file */
	struct parse_result *results;  /* one per manifest file */
	struct store_item *items;
	struct store_display *display;
	enum apply_stop stop;
	const char *unmatched;
};

/* Reads a staged file whole (at most max bytes). Returns 0 or an errno. */
static int read_staged(const char *staged, const char *rel, size_t max, char **out,
		       size_t *len)
{
	char path[4096];
	struct stat st;
	char *buf;
	size_t n = 0;
	int fd, e = 0;

	*out = NULL;
	snprintf(path, sizeof path, "%s/%s", staged, rel);
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return errno;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || (uint64_t)st.st_size > max) {
		close(fd);
		return EINVAL;
	}
	buf = malloc((size_t)st.st_size + 1);
	while (buf && n < (size_t)st.st_size) {
		ssize_t got = read(fd, buf + n, (size_t)st.st_size - n);

		if (got <= 0) {
			e = got < 0 ? errno : EIO;
			break;
		}
		n += (size_t)got;
	}
	close(fd);
	if (!buf || e) {
		free(buf);
		return buf ? e : ENOMEM;
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return 0;
}

static void applier_free(struct applier *a)
{
	for (size_t i = 0; i < a->m.nfiles; i++) {
		if (a->bufs)
			free(a->bufs[i]);
		if (a->results)
			parse_result_free(&a->results[i]);
	}
	free(a->bufs);
	free(a->results);
	free(a->items);
	free(a->display);
	bundle_manifest_free(&a->m);
}

/* The folder check on the staged copy, and the manifest's own hash. */
static int apply_check(struct applier *a, const struct bundle_keyring *kr,
		       const struct bundle_limits *lim)
{
	struct update_report *rep = a->rep;
	char err[BUNDLE_ERR_MAX] = "";
	size_t len;
	char *buf;
	int e;

	if (!update_progress(a->progress, a->ctx, 0.3, UPDATE_PHASE_VERIFY))
		return update_fail(rep, UPDATE_CANCELLED, "cancelled before the check");
	rep->verdict = bundle_check_dir_file(a->staged, kr, lim, &a->m, rep->key_name, err,
					     sizeof err, rep->file, sizeof rep->file);
	if (rep->verdict != BUNDLE_OK) {
		rep->key_name[0] = '\0';
		return update_fail(rep, UPDATE_REFUSED_BUNDLE, "%s", err);
	}
	rep->sequence = a->m.sequence;
	rep->mode = a->m.mode;
	e = read_staged(a->staged, BUNDLE_MANIFEST, lim->max_manifest_bytes, &buf, &len);
	if (e)
		return update_fail(rep, UPDATE_FAILED, "%s/%s: %s", a->staged, BUNDLE_MANIFEST,
				   strerror(e));
	bundle_sha256((const uint8_t *)buf, len, a->mhash);
	free(buf);
	return 0;
}

/* The first error of a refused file, for the log and the screen. */
static int refuse_parse(struct applier *a, const char *rel, const struct parse_result *res)
{
	static const struct parse_diag none = { PARSE_ERROR, 0, "", "no document in the file" };
	const struct parse_diag *d = &none;
	char line[512];

	for (size_t k = 0; k < res->ndiags; k++)
		if (res->diags[k].severity == PARSE_ERROR) {
			d = &res->diags[k];
			break;
		}
	update_report_file(a->rep, rel);
	update_fail(a->rep, UPDATE_REFUSED_DOCUMENT, "%s",
		    parse_diag_format(rel, d, line, sizeof line));
	if (d->line > 0)
		snprintf(a->rep->message_vi, sizeof a->rep->message_vi,
			 "Văn bản %s có lỗi ở dòng %d, không đọc được. "
			 "Nội dung trên bảng tin không thay đổi.", rel, d->line);
	else
		snprintf(a->rep->message_vi, sizeof a->rep->message_vi,
			 "Văn bản %s không đọc được. Nội dung trên bảng tin không thay đổi.", rel);
	return -1;
}

/* Parses every file of the manifest; any error refuses the bundle. */
static int apply_parse(struct applier *a, const struct bundle_limits *lim)
{
	size_t n = a->m.nfiles, nitems = 0, k = 0;

	a->bufs = calloc(n ? n : 1, sizeof *a->bufs);
	a->results = calloc(n ? n : 1, sizeof *a->results);
	if (!a->bufs || !a->results)
		return update_fail(a->rep, UPDATE_FAILED, "parse: out of memory");
	for (size_t i = 0; i < n; i++) {
		const char *rel = a->m.files[i].path;
		size_t len = 0;
		int e = read_staged(a->staged, rel, lim->max_file_bytes, &a->bufs[i], &len);

		if (e)
			return update_fail(a->rep, UPDATE_FAILED, "%s/%s: %s", a->staged, rel,
					   strerror(e));
		if (parse_buffer(rel, a->bufs[i], len, NULL, &a->results[i]) != 0 ||
		    a->results[i].nerrors)
			return refuse_parse(a, rel, &a->results[i]);
		nitems += a->results[i].ndocs;
		if (!update_progress(a->progress, a->ctx, SHARE_VERIFY_END +
				     (SHARE_PARSE_END - SHARE_VERIFY_END) * (double)(i + 1) / (double)n,
				     UPDATE_PHASE_PARSE))
			return update_fail(a->rep, UPDATE_CANCELLED, "cancelled while parsing");
	}
	a->items = calloc(nitems ? nitems : 1, sizeof *a->items);
	if (!a->items)
		return update_fail(a->rep, UPDATE_FAILED, "parse: out of memory");
	for (size_t i = 0; i < n; i++)
		for (size_t d = 0; d < a->results[i].ndocs; d++)
			a->items[k++] = (struct store_item){ &a->results[i].docs[d],
							     a->m.files[i].path };
	a->rep->ndocs = nitems;
	return 0;
}

/* ---- the transaction's hooks ---- */

static void sequence_key(const struct applier *a, char *buf, size_t size)
{
	snprintf(buf, size, UPDATE_META_SEQUENCE "%s", a->rep->key_name);
}

/* The sequence against the last one of the key: sets a->stop. Run before
 * parsing (a replay or a no-op is told at once) and again inside the
 * transaction, where it decides. */
static int sequence_check(struct store *st, struct applier *a)
{
	char key[160], hex[65], *v, *end = NULL;
	unsigned long long last;

	sequence_key(a, key, sizeof key);
	v = store_meta_get(st, key);
	if (!v)
		return 0;
	errno = 0;
	last = strtoull(v, &end, 10);
	a->rep->last_sequence = (uint64_t)last;
	bundle_hex(a->mhash, sizeof a->mhash, hex);
	if (a->m.sequence < last)
		a->stop = STOP_REPLAY;
	else if (a->m.sequence == last)
		a->stop = end && *end == ' ' && !strcmp(end + 1, hex) ? STOP_SAME : STOP_REUSED;
	free(v);
	return a->stop != STOP_NONE;
}

static int hook_before(struct store *st, void *ctx, char *err, size_t errsize)
{
	(void)err;
	(void)errsize;
	return sequence_check(st, ctx);
}

/* Inside the transaction, after every write: the sequence and the content
 * meta the Info screen reads. */
static int hook_after(struct store *st, const struct store_update_counts *c,
		      void *ctx, char *err, size_t errsize)
{
	struct applier *a = ctx;
	char key[160], val[256], hex[65], *old;
	long long version;
	bool changed = c->added || c->updated || c->withdrawn || c->removed;

	if (c->display_unmatched) {
		a->stop = STOP_DISPLAY;
		a->unmatched = c->first_unmatched;
		return -1;
	}
	sequence_key(a, key, sizeof key);
	bundle_hex(a->mhash, sizeof a->mhash, hex);
	snprintf(val, sizeof val, "%" PRIu64 " %s", a->m.sequence, hex);
	if (store_meta_set(st, key, val, err, errsize) < 0)
		return -1;
	old = store_meta_get(st, CONTENT_META_VERSION);
	version = old ? atoll(old) : 0;
	free(old);
	if (changed || a->m.ndisplay || version <= 0)
		version++;
	snprintf(val, sizeof val, "%lld", version);
	if (store_meta_set(st, CONTENT_META_VERSION, val, err, errsize) < 0)
		return -1;
	snprintf(val, sizeof val, "%lld", (long long)a->now);
	if (store_meta_set(st, CONTENT_META_UPDATED, val, err, errsize) < 0)
		return -1;
	snprintf(val, sizeof val, "Thành công (USB, gói số %" PRIu64 "): %zu mới, %zu thay thế, "
		 "%zu thu hồi%s", a->m.sequence, c->added, c->updated, c->withdrawn,
		 c->removed ? ", có gỡ bỏ" : "");
	return store_meta_set(st, CONTENT_META_RESULT, val, err, errsize);
}

static bool hook_progress(void *ctx, size_t done, size_t total)
{
	struct applier *a = ctx;
	double f = SHARE_PARSE_END + (1.0 - SHARE_PARSE_END) * 0.98 * (double)done /
		   (double)(total ? total : 1);

	if (update_progress(a->progress, a->ctx, f, UPDATE_PHASE_APPLY))
		return true;
	a->stop = STOP_CANCELLED;
	return false;
}

/* The outcome of store_update() for the report. */
static int apply_result(struct applier *a, int rc, const struct store_update_counts *c,
			const char *err)
{
	struct update_report *rep = a->rep;

	switch (a->stop) {
	case STOP_SAME:
		return update_fail(rep, UPDATE_ALREADY_APPLIED, "%s: sequence %" PRIu64
				   " of key %s already applied; nothing to do", a->staged,
				   a->m.sequence, rep->key_name);
	case STOP_REPLAY:
		return update_fail(rep, UPDATE_REFUSED_REPLAY, "%s: sequence %" PRIu64
				   " of key %s is lower than %" PRIu64 ", applied before (replay or rollback)",
				   a->staged, a->m.sequence, rep->key_name, rep->last_sequence);
	case STOP_REUSED:
		return update_fail(rep, UPDATE_REFUSED_SEQUENCE, "%s: sequence %" PRIu64
				   " of key %s was applied before with another manifest",
				   a->staged, a->m.sequence, rep->key_name);
	case STOP_DISPLAY:
		update_fail(rep, UPDATE_REFUSED_DOCUMENT, "%s: display: %s: no such document",
			    BUNDLE_MANIFEST, a->unmatched);
		snprintf(rep->message_vi, sizeof rep->message_vi,
			 "Gói đặt lịch hiển thị cho văn bản %s, nhưng không có văn bản này. "
			 "Nội dung trên bảng tin không thay đổi.", a->unmatched);
		return -1;
	case STOP_CANCELLED:
		return update_fail(rep, UPDATE_CANCELLED, "cancelled while applying");
	case STOP_NONE:
		break;
	}
	if (rc != 0)
		return update_fail(rep, UPDATE_FAILED, "store: %s", err);
	rep->added = c->added;
	rep->replaced = c->updated;
	rep->unchanged = c->unchanged;
	rep->withdrawn = c->withdrawn;
	rep->removed = c->removed;
	return update_fail(rep, UPDATE_APPLIED, "%s: key %s sequence %" PRIu64 " (%s): %zu documents, "
			   "%zu added, %zu replaced, %zu unchanged, %zu withdrawn, %zu removed",
			   a->staged, rep->key_name, a->m.sequence,
			   a->m.mode == BUNDLE_REPLACE ? "replace" : "merge", rep->ndocs,
			   c->added, c->updated, c->unchanged, c->withdrawn, c->removed);
}

static int apply_store(struct applier *a)
{
	struct store_update_counts c = { 0 };
	struct store_update up = {
		.items = a->items, .n = a->rep->ndocs,
		.replace = a->m.mode == BUNDLE_REPLACE,
		.withdraw = (const char *const *)a->m.withdraw, .nwithdraw = a->m.nwithdraw,
		.ndisplay = a->m.ndisplay,
		.before = hook_before, .after = hook_after, .progress = hook_progress,
		.ctx = a,
	};
	char err[STORE_ERR_MAX] = "";
	int rc;

	a->display = calloc(a->m.ndisplay ? a->m.ndisplay : 1, sizeof *a->display);
	if (!a->display)
		return update_fail(a->rep, UPDATE_FAILED, "apply: out of memory");
	for (size_t i = 0; i < a->m.ndisplay; i++)
		a->display[i] = (struct store_display){ a->m.display[i].symbol,
							a->m.display[i].from,
							a->m.display[i].until,
							a->m.display[i].pinned };
	up.display = a->display;
	rc = store_update(a->st, &up, a->now, NULL, &c, err, sizeof err);
	return apply_result(a, rc, &c, err);
}

int update_apply(struct store *st, const char *staged,
		 const struct bundle_keyring *kr, const struct bundle_limits *lim,
		 int64_t now, update_progress_fn progress, void *ctx,
		 struct update_report *rep)
{
	struct bundle_limits def = bundle_limits_default();
	struct applier a = { .st = st, .staged = staged, .now = now, .progress = progress,
			     .ctx = ctx, .rep = rep };
	int rc;

	update_report_init(rep, now);
	if (!lim)
		lim = &def;
	rc = apply_check(&a, kr, lim);
	if (rc == 0 && sequence_check(st, &a)) {
		rc = apply_result(&a, 1, NULL, "");
		goto out;
	}
	if (rc == 0)
		rc = apply_parse(&a, lim);
	if (rc == 0)
		rc = apply_store(&a);
out:
	if (rc == 0)
		update_progress(progress, ctx, 1.0, UPDATE_PHASE_DONE);
	applier_free(&a);
	return rc;
}
