/* SPDX-License-Identifier: MIT */
/* ctl_pack_write: the writing half of `bangtinctl pack`: SRC's files and
 * their names, the key's sequence counter, the manifest and signature, the
 * bundle folder, and the check of what was written as the kiosk checks it. */
#define LOG_TAG "pack"
#define _XOPEN_SOURCE 700 /* nftw() */
#include <dirent.h>
#include <ftw.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ctl_pack.h"
#include "log.h"
#include "norm.h"

static const char *pack_base(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

char *pack_suggest(const char *name, char *buf, size_t size)
{
	char *fold = norm_fold(name);
	size_t k = 0;

	for (const char *p = fold ? fold : ""; *p && k + 1 < size; p++) {
		char c = *p;
		bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			  (c >= '0' && c <= '9') || c == '.' || c == '_';
		if (!ok)
			c = '-';
		if (c == '-' && (k == 0 || buf[k - 1] == '-'))
			continue;
		buf[k++] = c;
	}
	buf[k] = '\0';
	free(fold);
	return buf;
}

/* The name a source file gets in the bundle: its own when a bundle can
 * hold it, else pack_suggest()'s (the bundle's names are internal: a
 * document is known by its number). Returns buf. */
static const char *pack_bundle_name(const char *path, char *buf, size_t size)
{
	const char *base = pack_base(path);

	if (bundle_path_check(base, strlen(base), NULL, 0) == 0) {
		snprintf(buf, size, "%s", base);
		return buf;
	}
	return pack_suggest(base, buf, size);
}

static bool pack_is_txt(const char *name)
{
	size_t n = strlen(name);

	return n > 4 && strcasecmp(name + n - 4, ".txt") == 0;
}

/* Names what source_read() will leave out, and refuses .txt names a bundle
 * cannot hold. Returns the number of refused names, or -1 (logged). */
static long pack_scan_names(const char *src)
{
	DIR *d = opendir(src);
	struct dirent *e;
	char path[4096], why[128], hint[256];
	struct stat st;
	long bad = 0;

	if (!d) {
		log_error("%s: %s; nothing written", src, strerror(errno));
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", src, e->d_name);
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			log_notice("%s/: skipped (pack takes the files of SRC, not its subfolders)",
				   path);
		} else if (!pack_is_txt(e->d_name)) {
			log_notice("%s: skipped (not a .txt file)", path);
		} else if (bundle_path_check(e->d_name, strlen(e->d_name), why, sizeof why) != 0) {
			pack_suggest(e->d_name, hint, sizeof hint);
			if (bundle_path_check(hint, strlen(hint), why, sizeof why) == 0) {
				log_notice("%s: named %s in the bundle (bundle names are A-Z a-z "
					   "0-9 . _ - only; the document is known by its number)",
					   path, hint);
				continue;
			}
			log_error("%s: a bundle cannot hold this name, nor %s: %s; rename it",
				  path, hint, why);
			bad++;
		}
	}
	closedir(d);
	return bad;
}

/* FAT sticks ignore case: two names that differ only in case would be one
 * (as would two that pack_bundle_name() makes the same). */
static int pack_check_case(const struct source_set *set)
{
	char a[256], b[256];

	for (size_t i = 0; i < set->n; i++)
		for (size_t j = i + 1; j < set->n; j++)
			if (strcasecmp(pack_bundle_name(set->items[i].path, a, sizeof a),
				       pack_bundle_name(set->items[j].path, b, sizeof b)) == 0) {
				log_error("%s and %s would both be %s in the bundle (a FAT stick "
					  "ignores case); rename one; nothing written",
					  set->items[i].path, set->items[j].path, a);
				return -1;
			}
	return 0;
}

int pack_read_sources(struct pack_run *run)
{
	struct bundle_limits lim = bundle_limits_default();
	char err[1024];
	struct stat st;
	long bad;

	if (stat(run->src, &st) != 0) {
		log_error("%s: %s; nothing written", run->src, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		log_error("%s: not a folder (SRC is a folder of document files); nothing written",
			  run->src);
		return -1;
	}
	bad = pack_scan_names(run->src);
	if (bad != 0) {
		if (bad > 0)
			log_error("%ld file name%s cannot go into a bundle; nothing written", bad,
				  bad == 1 ? "" : "s");
		return -1;
	}
	if (source_read(&run->src, 1, parse_limits_default().max_bytes, &run->docs.files, err,
			sizeof err) != 0) {
		log_error("%s; nothing written", err);
		return -1;
	}
	if (run->docs.files.n > lim.max_files) {
		log_error("%s: %zu files, over the %zu a bundle may hold; nothing written",
			  run->src, run->docs.files.n, lim.max_files);
		return -1;
	}
	return pack_check_case(&run->docs.files);
}

/* NAME.seq beside NAME.key. */
static void pack_seq_path(const struct pack_run *run, char *buf, size_t size)
{
	size_t n = strlen(run->key_path);

	/* bundle_secret_load() accepted the key: its name ends in ".key". */
	snprintf(buf, size, "%.*s.seq", (int)(n - 4), run->key_path);
}

/* The last sequence recorded in path; 0 when the file does not exist.
 * Returns 0 or -1 (logged). */
static int pack_seq_read(const char *path, uint64_t *last)
{
	char buf[32], *end;
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	*last = 0;
	if (fd < 0) {
		if (errno == ENOENT)
			return 0;
		log_error("%s: %s; nothing written", path, strerror(errno));
		return -1;
	}
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	errno = 0;
	*last = strtoull(buf, &end, 10);
	if (n <= 0 || errno || end == buf || (*end && strcmp(end, "\n") != 0) || buf[0] == '-') {
		log_error("%s: not a sequence number (the last one packed with this key); "
			  "fix it or pass --sequence; nothing written", path);
		return -1;
	}
	return 0;
}

/* Replaces path by "v\n" through a temporary file, synced, so a crash
 * leaves the old number or the new one. Returns 0 or -1 (logged). */
static int pack_seq_write(const char *path, uint64_t v)
{
	char tmp[4210], text[32];
	int len = snprintf(text, sizeof text, "%" PRIu64 "\n", v);
	int fd;

	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0 || write(fd, text, (size_t)len) != len || fsync(fd) != 0) {
		log_error("%s: %s; the key's sequence must be recorded before a bundle is "
			  "written; nothing written", tmp, strerror(errno));
		if (fd >= 0)
			close(fd);
		unlink(tmp);
		return -1;
	}
	close(fd);
	if (rename(tmp, path) != 0) {
		log_error("%s: %s; nothing written", path, strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}

/* Chooses the sequence (above the recorded one) and records it first. */
static int pack_sequence(struct pack_run *run)
{
	char path[4200];
	uint64_t last, now = (uint64_t)time(NULL);

	pack_seq_path(run, path, sizeof path);
	if (pack_seq_read(path, &last) != 0)
		return -1;
	if (run->has_sequence && run->m.sequence <= last) {
		log_error("--sequence %" PRIu64 ": not above %" PRIu64 ", the last one packed with "
			  "%s (%s); the kiosk would refuse it as a replay; nothing written",
			  run->m.sequence, last, run->key_name, path);
		return -1;
	}
	if (!run->has_sequence) {
		if (last == UINT64_MAX) {
			log_error("%s: the sequence is exhausted; nothing written", path);
			return -1;
		}
		run->m.sequence = last + 1 > now ? last + 1 : now;
	}
	return pack_seq_write(path, run->m.sequence);
}

/* --replace: the new bundle is built in a fresh folder beside DEST (on the
 * same stick, so the swap is a rename); DEST must look like a bundle
 * (manifest.txt in it), so a mistyped DEST such as the stick itself is never
 * removed. */
static int pack_dest_beside(struct pack_run *run)
{
	char path[4200];
	struct stat st;
	size_t n = strlen(run->dest);

	while (n > 1 && run->dest[n - 1] == '/')
		n--;
	snprintf(path, sizeof path, "%.*s/" BUNDLE_MANIFEST, (int)n, run->dest);
	if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
		log_error("%s: not empty and not a bundle folder (no %s): --replace removes only an "
			  "old bundle; give the bundle folder itself (STICK/BANGTIN); nothing written",
			  run->dest, BUNDLE_MANIFEST);
		return -1;
	}
	if ((size_t)snprintf(run->tmp_dest, sizeof run->tmp_dest, "%.*s.new-XXXXXX", (int)n,
			     run->dest) >= sizeof run->tmp_dest || !mkdtemp(run->tmp_dest)) {
		log_error("%s: cannot make a folder beside it: %s; nothing written", run->dest,
			  strerror(errno));
		return -1;
	}
	run->final_dest = run->dest;
	run->dest = run->tmp_dest;
	run->dest_made = true;
	return 0;
}

static int pack_rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return flag == FTW_DP ? rmdir(path) : unlink(path);
}

/* --replace, after the new bundle checked: DEST becomes DEST.old-..., the
 * new folder DEST, and the old one is removed. Two renames: a crash between
 * them leaves both folders and no DEST, never a mix; the board sees no
 * bundle until the second. Returns 0 or -1 (logged; DEST as it was). */
static int pack_swap(struct pack_run *run)
{
	char old[4200];
	const char *suffix = strrchr(run->tmp_dest, '-');

	snprintf(old, sizeof old, "%s.old%s", run->final_dest, suffix ? suffix : "-x");
	if (rename(run->final_dest, old) != 0) {
		log_error("%s: cannot move the old bundle aside: %s; nothing changed",
			  run->final_dest, strerror(errno));
		return -1;
	}
	if (rename(run->tmp_dest, run->final_dest) != 0) {
		log_error("%s: cannot put the new bundle in place: %s; the old one is back",
			  run->final_dest, strerror(errno));
		if (rename(old, run->final_dest) != 0)
			log_error("%s: cannot move the old bundle back from %s: %s",
				  run->final_dest, old, strerror(errno));
		return -1;
	}
	run->dest = run->final_dest;
	run->dest_made = false;
	run->nwritten = 0;
	if (nftw(old, pack_rm_one, 16, FTW_DEPTH | FTW_PHYS) != 0)
		log_warning("%s: the old bundle could not be removed (%s); remove it by hand",
			    old, strerror(errno));
	else
		log_notice("%s: the old bundle was replaced", run->final_dest);
	return 0;
}

/* DEST must not exist (it is made) or be an empty folder, or with --replace
 * hold an old bundle. */
static int pack_dest(struct pack_run *run)
{
	struct stat st;
	DIR *d;
	struct dirent *e;
	bool empty = true;

	if (lstat(run->dest, &st) != 0) {
		if (errno != ENOENT || mkdir(run->dest, 0755) != 0) {
			log_error("%s: %s; nothing written", run->dest, strerror(errno));
			return -1;
		}
		run->dest_made = true;
		return 0;
	}
	if (!S_ISDIR(st.st_mode) || !(d = opendir(run->dest))) {
		log_error("%s: not a folder; DEST is the bundle folder to make; nothing written",
			  run->dest);
		return -1;
	}
	while (empty && (e = readdir(d)) != NULL)
		empty = strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0;
	closedir(d);
	if (!empty && run->replace)
		return pack_dest_beside(run);
	if (!empty) {
		log_error("%s: not empty (an old bundle?); pack makes a fresh bundle folder: pass "
			  "--replace to replace the old bundle once the new one is written and "
			  "checked, or use a fresh stick; nothing written", run->dest);
		return -1;
	}
	return 0;
}

/* The bundle's creation time: now, or SOURCE_DATE_EPOCH when set (the
 * reproducible-builds convention), so the same inputs, key and sequence
 * make the same bytes, from bangtinctl or from the clerk's page. */
static int64_t pack_created(void)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v;

	if (e && *e) {
		errno = 0;
		v = strtoll(e, &end, 10);
		if (!errno && !*end && v > 0)
			return (int64_t)v;
		log_warning("SOURCE_DATE_EPOCH=%s: not a time; using the clock", e);
	}
	return (int64_t)time(NULL);
}

/* Builds, checks (as the kiosk reads it) and signs the manifest. */
static int pack_manifest(struct pack_run *run)
{
	struct bundle_limits lim = bundle_limits_default();
	struct bundle_manifest back;
	char err[BUNDLE_ERR_MAX];
	uint8_t sig[64];

	run->m.version = BUNDLE_FORMAT_VERSION;
	run->m.created = pack_created();
	run->m.files = calloc(run->docs.files.n ? run->docs.files.n : 1, sizeof *run->m.files);
	if (!run->m.files)
		goto nomem;
	for (size_t i = 0; i < run->docs.files.n; i++) {
		const struct source_item *it = &run->docs.files.items[i];
		struct bundle_file *f = &run->m.files[i];
		char name[256];

		if (!(f->path = strdup(pack_bundle_name(it->path, name, sizeof name))))
			goto nomem;
		run->m.nfiles++;
		f->size = it->len;
		bundle_sha256((const uint8_t *)it->bytes, it->len, f->sha256);
	}
	if (!(run->manifest = bundle_manifest_format(&run->m, &run->manifest_len)))
		goto nomem;
	if (bundle_manifest_parse(run->manifest, run->manifest_len, &lim, &back, err,
				  sizeof err) != 0) {
		log_error("the kiosk would refuse this bundle: %s; nothing written", err);
		return -1;
	}
	bundle_manifest_free(&back);
	if (bundle_sign((const uint8_t *)run->manifest, run->manifest_len, run->sk, sig) != 0 ||
	    bundle_sig_format(run->key_name, sig, run->sig, sizeof run->sig) != 0) {
		log_error("cannot sign the manifest; nothing written");
		return -1;
	}
	return 0;
nomem:
	log_error("out of memory; nothing written");
	return -1;
}

/* Writes DEST/name whole and syncs it; never replaces anything. */
static int pack_write_file(const struct pack_run *run, const char *name, const char *bytes,
			   size_t len)
{
	char path[4200];
	size_t done = 0;
	int fd;

	if ((size_t)snprintf(path, sizeof path, "%s/%s", run->dest, name) >= sizeof path) {
		log_error("%s: path too long; nothing left written", run->dest);
		return -1;
	}
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (fd < 0)
		goto fail;
	while (done < len) {
		ssize_t n = write(fd, bytes + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			goto fail;
		done += (size_t)n;
	}
	if (fsync(fd) != 0 || close(fd) != 0) {
		log_error("%s: %s; nothing left written", path, strerror(errno));
		unlink(path);
		return -1;
	}
	return 0;
fail:
	log_error("%s: %s; nothing left written", path, strerror(errno ? errno : EIO));
	if (fd >= 0) {
		close(fd);
		unlink(path);
	}
	return -1;
}

/* The documents, then the manifest, then its signature (last: a bundle cut
 * short has none and is refused). Counts what exists in run->nwritten. */
static int pack_write(struct pack_run *run)
{
	const struct source_set *set = &run->docs.files;
	int dfd;

	for (size_t i = 0; i < set->n; i++) {
		if (pack_write_file(run, run->m.files[i].path, set->items[i].bytes,
				    set->items[i].len) != 0)
			return -1;
		run->nwritten++;
	}
	if (pack_write_file(run, BUNDLE_MANIFEST, run->manifest, run->manifest_len) != 0)
		return -1;
	run->nwritten++;
	if (pack_write_file(run, BUNDLE_SIGNATURE, run->sig, strlen(run->sig)) != 0)
		return -1;
	run->nwritten++;
	dfd = open(run->dest, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	return 0;
}

/* Removes what this run wrote into DEST (and DEST when it made it). */
static void pack_undo(struct pack_run *run)
{
	char path[4200];

	for (size_t i = 0; i < run->nwritten; i++) {
		const char *name = i < run->m.nfiles ? run->m.files[i].path
			: i == run->m.nfiles ? BUNDLE_MANIFEST : BUNDLE_SIGNATURE;
		snprintf(path, sizeof path, "%s/%s", run->dest, name);
		unlink(path);
	}
	run->nwritten = 0;
	if (run->dest_made)
		rmdir(run->dest);
}

/* Checks the folder as written, as the kiosk will, with the key's public half. */
static int pack_check(const struct pack_run *run)
{
	struct bundle_limits lim = bundle_limits_default();
	struct bundle_key key;
	struct bundle_keyring kr = { &key, 1 };
	struct bundle_manifest m;
	char signer[BUNDLE_KEY_NAME_MAX], err[BUNDLE_ERR_MAX];
	enum bundle_verdict v;

	snprintf(key.name, sizeof key.name, "%s", run->key_name);
	memcpy(key.pk, run->sk + 32, 32); /* an Ed25519 secret key ends with its public key */
	v = bundle_check_dir(run->dest, &kr, &lim, &m, signer, err, sizeof err);
	if (v != BUNDLE_OK) {
		log_error("the bundle as written does not check: %s (is the stick failing?); "
			  "removed", err);
		return -1;
	}
	bundle_manifest_free(&m);
	return 0;
}

/* "2026-11-23 09:41" local, or "open" for 0. */
static const char *pack_time(int64_t t, char *buf, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (!t || !localtime_r(&tt, &tm))
		snprintf(buf, size, "open");
	else
		strftime(buf, size, "%Y-%m-%d %H:%M", &tm);
	return buf;
}

/* One line per file with the numbers of its documents, then the bundle. */
static void pack_report(const struct pack_run *run)
{
	const struct bundle_manifest *m = &run->m;
	char a[32], b[32];

	for (size_t i = 0; i < run->docs.files.n; i++) {
		const struct parse_result *res = &run->docs.results[i];
		printf("%s: %zu document%s:", m->files[i].path, res->ndocs,
		       res->ndocs == 1 ? "" : "s");
		for (size_t d = 0; d < res->ndocs; d++)
			printf(" %s%s", res->docs[d].number && *res->docs[d].number
			       ? res->docs[d].number : "(không số)",
			       d + 1 < res->ndocs ? "," : "");
		putchar('\n');
	}
	for (size_t i = 0; i < m->nwithdraw; i++)
		printf("withdraw %s\n", m->withdraw[i]);
	for (size_t i = 0; i < m->ndisplay; i++)
		printf("display %s from %s until %s%s\n", m->display[i].symbol,
		       pack_time(m->display[i].from, a, sizeof a),
		       pack_time(m->display[i].until, b, sizeof b),
		       m->display[i].pinned ? ", pinned" : "");
	for (size_t i = 0; i < m->nkeys; i++)
		printf("adds key %s, fingerprint %s: the board trusts it once it applies this "
		       "bundle\n", m->keys[i].name, bundle_fingerprint(m->keys[i].pk, a));
	printf("packed %zu files (%zu documents) into %s: key %s, sequence %" PRIu64
	       ", mode %s, created %s\n",
	       m->nfiles, run->docs.ndocs, run->dest, run->key_name, m->sequence,
	       m->mode == BUNDLE_REPLACE ? "replace" : "merge",
	       pack_time(m->created, a, sizeof a));
}

int pack_run(struct pack_run *run)
{
	if (pack_prepare(run) != 0 || pack_dest(run) != 0)
		return -1;
	if (pack_sequence(run) != 0 || pack_manifest(run) != 0 || pack_write(run) != 0 ||
	    pack_check(run) != 0 || (run->final_dest && pack_swap(run) != 0)) {
		pack_undo(run);
		return -1;
	}
	pack_report(run);
	return 0;
}

void pack_run_free(struct pack_run *run)
{
	bundle_manifest_free(&run->m);
	ctl_parsed_free(&run->docs);
	free(run->manifest);
	run->manifest = NULL;
	/* The secret key must not outlive the run in freed memory. */
	volatile uint8_t *p = run->sk;
	for (size_t i = 0; i < sizeof run->sk; i++)
		p[i] = 0;
}
