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

#include <sodium.h>

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
	const struct bundle_keyring *kr;
	const char *staged;
	int64_t now;
	update_progress_fn progress;
	void *ctx;
	struct update_report *rep;
	struct bundle_dir *d;          /* the staged copy, checked */
	struct bundle_manifest m;      /* a view of d's manifest (d owns it) */
	uint8_t mhash[32];
	char **bufs;                   /* one per manifest file */
	struct parse_result *results;  /* one per manifest file */
	struct store_item *items;
	struct store_display *display;
	enum apply_stop stop;
	const char *unmatched;
	char last_key[BUNDLE_KEY_NAME_MAX]; /* signer of the board's newest */
};

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
	bundle_dir_close(a->d);
}

/* The folder check on the staged copy (signature, manifest, tree), and
 * the hash of the very manifest bytes that verified. */
static int apply_check(struct applier *a, const struct bundle_keyring *kr,
		       const struct bundle_limits *lim)
{
	struct update_report *rep = a->rep;
	char err[BUNDLE_ERR_MAX] = "";
	const char *text;
	size_t len;

	if (!update_progress(a->progress, a->ctx, 0.3, UPDATE_PHASE_VERIFY))
		return update_fail(rep, UPDATE_CANCELLED, "cancelled before the check");
	rep->verdict = bundle_dir_open(a->staged, kr, lim, &a->d, rep->key_name, err, sizeof err,
				       rep->file, sizeof rep->file);
	if (rep->verdict != BUNDLE_OK) {
		rep->key_name[0] = '\0';
		return update_fail(rep, UPDATE_REFUSED_BUNDLE, "%s", err);
	}
	a->m = *bundle_dir_manifest(a->d);
	rep->sequence = a->m.sequence;
	rep->mode = a->m.mode;
	text = bundle_dir_manifest_text(a->d, &len);
	bundle_sha256((const uint8_t *)text, len, a->mhash);
	return 0;
}

/* The bundle's key records against the trusted keys: new ones go into
 * rep->keys; one that would give a name other bytes, or bytes another
 * name, refuses the bundle (sequences are kept per name). */
static int apply_keys(struct applier *a, const struct bundle_keyring *kr)
{
	struct update_report *rep = a->rep;

	for (size_t i = 0; i < a->m.nkeys; i++) {
		const struct bundle_key *k = &a->m.keys[i];
		bool known = false;

		for (size_t j = 0; j < kr->n && !known; j++) {
			bool same_name = !strcmp(kr->keys[j].name, k->name);
			bool same_pk = !memcmp(kr->keys[j].pk, k->pk, 32);

			if (same_name != same_pk) {
				rep->verdict = BUNDLE_BAD_MANIFEST;
				return update_fail(rep, UPDATE_REFUSED_BUNDLE, "%s: key %s: the board "
						   "trusts %s", BUNDLE_MANIFEST, k->name, same_name ?
						   "another key under this name" : "this key under "
						   "another name");
			}
			known = same_name;
		}
		if (!known)
			rep->keys[rep->nkeys++] = *k;
	}
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
static int apply_parse(struct applier *a)
{
	size_t n = a->m.nfiles, nitems = 0, k = 0;

	a->bufs = calloc(n ? n : 1, sizeof *a->bufs);
	a->results = calloc(n ? n : 1, sizeof *a->results);
	if (!a->bufs || !a->results)
		return update_fail(a->rep, UPDATE_FAILED, "parse: out of memory");
	for (size_t i = 0; i < n; i++) {
		const char *rel = a->m.files[i].path;
		char err[BUNDLE_ERR_MAX];
		size_t len = 0;
		/* Read once, hashed, and that same buffer parsed. */
		enum bundle_verdict v = bundle_dir_read(a->d, i, &a->bufs[i], &len, err, sizeof err);

		if (v == BUNDLE_IO)
			return update_fail(a->rep, UPDATE_FAILED, "%s: %s", a->staged, err);
		if (v != BUNDLE_OK) {
			a->rep->verdict = v;
			update_report_file(a->rep, a->m.files[i].path);
			return update_fail(a->rep, UPDATE_REFUSED_BUNDLE, "%s", err);
		}
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

/* The board's newest applied bundle: sequence, manifest hash, key. */
struct newest {
	uint64_t sequence;
	char hex[65];
	char key[BUNDLE_KEY_NAME_MAX];
	bool found;
};

/* Takes meta value "SEQUENCE HEX[ KEY]" into n when it is newer. */
static void newest_take(struct newest *n, const char *v, const char *key)
{
	char *end = NULL;
	unsigned long long seq;

	if (!v)
		return;
	errno = 0;
	seq = strtoull(v, &end, 10);
	if (errno || end == v || (n->found && seq <= n->sequence))
		return;
	n->found = true;
	n->sequence = (uint64_t)seq;
	snprintf(n->hex, sizeof n->hex, "%.64s", *end == ' ' ? end + 1 : "");
	if (*end == ' ' && strlen(end + 1) > 65)
		key = end + 66;
	snprintf(n->key, sizeof n->key, "%s", key ? key : "");
}

/* The newest bundle the board applied, by any key: its own record, and
 * (a board from before that record) the last of every trusted key. An
 * unreadable record is a failure (-1 with err), never "first bundle": that
 * would let a replay through. */
static int newest_applied(struct store *st, const struct applier *a, struct newest *n,
			  char *err, size_t errsize)
{
	char *v = NULL;

	memset(n, 0, sizeof *n);
	if (store_meta_get(st, UPDATE_META_BOARD_SEQUENCE, &v, err, errsize) < 0)
		return -1;
	newest_take(n, v, NULL);
	free(v);
	for (size_t i = 0; a->kr && i < a->kr->n; i++) {
		char key[160];

		snprintf(key, sizeof key, UPDATE_META_SEQUENCE "%s", a->kr->keys[i].name);
		v = NULL;
		if (store_meta_get(st, key, &v, err, errsize) < 0)
			return -1;
		newest_take(n, v, a->kr->keys[i].name);
		free(v);
	}
	return 0;
}

/* The sequence against the board's newest, whatever key signed it: one
 * order for the whole board, so an old bundle of one key cannot undo a
 * newer one of another. Sets a->stop. Run before parsing (a replay or a
 * no-op is told at once) and again inside the transaction, where it
 * decides. */
static int sequence_check(struct store *st, struct applier *a, char *err, size_t errsize)
{
	struct newest n;
	char hex[65];

	if (newest_applied(st, a, &n, err, errsize) < 0)
		return -1;
	if (!n.found)
		return 0;
	a->rep->last_sequence = n.sequence;
	snprintf(a->last_key, sizeof a->last_key, "%s", n.key);
	sodium_bin2hex(hex, sizeof hex, a->mhash, sizeof a->mhash);
	if (a->m.sequence < n.sequence)
		a->stop = STOP_REPLAY;
	else if (a->m.sequence == n.sequence)
		a->stop = !strcmp(n.hex, hex) ? STOP_SAME : STOP_REUSED;
	return a->stop != STOP_NONE;
}

static int hook_before(struct store *st, void *ctx, char *err, size_t errsize)
{
	return sequence_check(st, ctx, err, errsize);
}

/* Inside the transaction, after every write: the signer's sequence (the
 * store records the content version, time and result itself). */
static int hook_after(struct store *st, const struct store_update_counts *c,
		      void *ctx, char *err, size_t errsize)
{
	struct applier *a = ctx;
	char key[160], val[256], hex[65];

	if (c->display_unmatched) {
		a->stop = STOP_DISPLAY;
		a->unmatched = c->first_unmatched;
		return -1;
	}
	sequence_key(a, key, sizeof key);
	sodium_bin2hex(hex, sizeof hex, a->mhash, sizeof a->mhash);
	snprintf(val, sizeof val, "%" PRIu64 " %s", a->m.sequence, hex);
	if (store_meta_set(st, key, val, err, errsize) < 0)
		return -1;
	snprintf(val, sizeof val, "%" PRIu64 " %s %s", a->m.sequence, hex, a->rep->key_name);
	return store_meta_set(st, UPDATE_META_BOARD_SEQUENCE, val, err, errsize);
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
				   " of key %s is lower than %" PRIu64 " of key %s, the newest the "
				   "board applied (replay or rollback)", a->staged, a->m.sequence,
				   rep->key_name, rep->last_sequence, a->last_key);
	case STOP_REUSED:
		return update_fail(rep, UPDATE_REFUSED_SEQUENCE, "%s: sequence %" PRIu64
				   " of key %s was applied before (by key %s) with another manifest",
				   a->staged, a->m.sequence, rep->key_name, a->last_key);
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
	char err[STORE_ERR_MAX] = "", origin[64];
	int rc;

	snprintf(origin, sizeof origin, "USB, gói số %" PRIu64, a->m.sequence);
	up.origin = origin;
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
	struct applier a = { .st = st, .kr = kr, .staged = staged, .now = now,
			     .progress = progress, .ctx = ctx, .rep = rep };
	char serr[STORE_ERR_MAX];
	int rc, seq;

	update_report_init(rep, now);
	if (!lim)
		lim = &def;
	rc = apply_check(&a, kr, lim);
	if (rc == 0)
		rc = apply_keys(&a, kr);
	if (rc == 0 && (seq = sequence_check(st, &a, serr, sizeof serr)) != 0) {
		rc = apply_result(&a, seq, NULL, serr);
		goto out;
	}
	if (rc == 0)
		rc = apply_parse(&a);
	if (rc == 0)
		rc = apply_store(&a);
out:
	if (rc == 0)
		update_progress(progress, ctx, 1.0, UPDATE_PHASE_DONE);
	applier_free(&a);
	return rc;
}
