/* SPDX-License-Identifier: MIT */
/* update_stage.c: checking the bundle folder on the stick (signature,
 * manifest, folder tree: bundle_dir_open) and only then copying what the
 * signed manifest lists, each file read once and hashed, into a private
 * staging directory; never following a link, noticing a stick that goes
 * away mid-copy. */
#define _XOPEN_SOURCE 700 /* nftw() */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fdio.h"
#include "update_int.h"

#define STAGE_PREFIX "bundle-"
/* Copying is this share of the whole update's progress. */
#define STAGE_SHARE 0.3

struct stager {
	update_progress_fn progress;
	void *ctx;
	struct update_report *rep;
	const char *src;       /* for messages */
	size_t nfiles;
	uint64_t total;        /* bytes copied */
	uint64_t expected;     /* bytes the manifest lists (progress) */
};

static bool stage_tick(struct stager *sg)
{
	double done = sg->expected ? (double)sg->total / (double)sg->expected : 1;

	return update_progress(sg->progress, sg->ctx, STAGE_SHARE * done, UPDATE_PHASE_COPY);
}

/* A refusal of the stick's bundle; an I/O error, or a file gone from the
 * stick after the check saw it, is a failed copy (a stick pulled) rather
 * than a verdict. */
static int stage_refused(struct stager *sg, enum bundle_verdict v, const char *err,
			 bool copying)
{
	/* bundle_dir_open() names the folder itself when it cannot open it. */
	bool named = !strncmp(err, sg->src, strlen(sg->src));

	if (v == BUNDLE_IO || (copying && v == BUNDLE_FILE_MISSING))
		return update_fail(sg->rep, UPDATE_COPY_FAILED, "%s%s%s", named ? "" : sg->src,
				   named ? "" : ": ", err);
	sg->rep->verdict = v;
	return update_fail(sg->rep, UPDATE_REFUSED_BUNDLE, "%s%s%s", named ? "" : sg->src,
			   named ? "" : ": ", err);
}

/* Writes len bytes to rel below dstfd, making its folders (0700) on the
 * way; never through a link. 0, or -1 with rep. */
static int stage_write(struct stager *sg, int dstfd, const char *rel, const char *buf,
		       size_t len)
{
	char comp[BUNDLE_PATH_MAX + 1];
	const char *p = rel, *slash;
	int dir = dstfd, fd, e = 0;

	while ((slash = strchr(p, '/'))) {
		int next;

		memcpy(comp, p, (size_t)(slash - p));
		comp[slash - p] = '\0';
		if (mkdirat(dir, comp, 0700) < 0 && errno != EEXIST)
			e = errno;
		next = e ? -1 : openat(dir, comp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (next < 0 && !e)
			e = errno;
		if (dir != dstfd)
			close(dir);
		if (e)
			return update_fail(sg->rep, UPDATE_FAILED, "staging %s: %s", rel, strerror(e));
		dir = next;
		p = slash + 1;
	}
	fd = openat(dir, p, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		e = errno;
	if (fd >= 0)
		e = fdio_write_all(fd, buf, len, false);
	if (fd >= 0 && close(fd) < 0 && !e)
		e = errno;
	if (dir != dstfd)
		close(dir);
	if (e)
		return update_fail(sg->rep, UPDATE_FAILED, "staging %s: %s", rel, strerror(e));
	return 0;
}

/* Copies the signed manifest and signature (the very bytes verified) and
 * then each listed file, read once, hashed and written. */
static int stage_copy(struct stager *sg, struct bundle_dir *d, int dstfd)
{
	const struct bundle_manifest *m = bundle_dir_manifest(d);
	const char *text;
	size_t len;
	int rc;

	text = bundle_dir_manifest_text(d, &len);
	if ((rc = stage_write(sg, dstfd, BUNDLE_MANIFEST, text, len)) != 0)
		return rc;
	text = bundle_dir_signature_text(d, &len);
	if ((rc = stage_write(sg, dstfd, BUNDLE_SIGNATURE, text, len)) != 0)
		return rc;
	for (size_t i = 0; i < m->nfiles; i++) {
		char err[BUNDLE_ERR_MAX], *buf;
		enum bundle_verdict v = bundle_dir_read(d, i, &buf, &len, err, sizeof err);

		if (v != BUNDLE_OK) {
			update_report_file(sg->rep, m->files[i].path);
			return stage_refused(sg, v, err, true);
		}
		rc = stage_write(sg, dstfd, m->files[i].path, buf, len);
		free(buf);
		if (rc != 0)
			return rc;
		sg->nfiles++;
		sg->total += len;
		if (!stage_tick(sg))
			return update_fail(sg->rep, UPDATE_CANCELLED, "cancelled while copying");
	}
	return 0;
}

/* Makes the staging directory; 0 or -1 with rep. */
static int stage_open(struct stager *sg, const char *root, char *staged, size_t staged_size,
		      int *dstfd)
{
	if (mkdir(root, 0700) < 0 && errno != EEXIST)
		return update_fail(sg->rep, UPDATE_FAILED, "staging root %s: %s", root,
				   strerror(errno));
	if ((size_t)snprintf(staged, staged_size, "%s/" STAGE_PREFIX "XXXXXX", root) >= staged_size)
		return update_fail(sg->rep, UPDATE_FAILED, "staging root %s: path too long", root);
	if (!mkdtemp(staged)) {
		int e = errno;

		staged[0] = '\0';
		return update_fail(sg->rep, UPDATE_FAILED, "staging in %s: %s", root, strerror(e));
	}
	*dstfd = open(staged, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (*dstfd < 0)
		return update_fail(sg->rep, UPDATE_FAILED, "%s: %s", staged, strerror(errno));
	return 0;
}

int update_stage(const char *src_dir, const char *staging_root,
		 const struct bundle_keyring *kr, const struct bundle_limits *lim,
		 update_progress_fn progress, void *ctx, char *staged, size_t staged_size,
		 struct update_report *rep)
{
	struct stager sg = { .progress = progress, .ctx = ctx, .rep = rep, .src = src_dir };
	struct bundle_dir *d = NULL;
	char err[BUNDLE_ERR_MAX] = "";
	enum bundle_verdict v;
	int dstfd = -1, rc = 0;

	update_report_init(rep, 0);
	if (staged_size)
		staged[0] = '\0';
	if (!update_progress(progress, ctx, 0, UPDATE_PHASE_COPY))
		return update_fail(rep, UPDATE_CANCELLED, "cancelled before copying");
	/* Everything is judged on the stick first, in memory: an unsigned or
	 * unlisted byte never reaches the board's disk. */
	v = bundle_dir_open(src_dir, kr, lim, &d, rep->key_name, err, sizeof err, rep->file,
			    sizeof rep->file);
	if (v != BUNDLE_OK) {
		rep->key_name[0] = '\0';
		return stage_refused(&sg, v, err, false);
	}
	for (size_t i = 0; i < bundle_dir_manifest(d)->nfiles; i++)
		sg.expected += bundle_dir_manifest(d)->files[i].size;
	if (!stage_tick(&sg))
		rc = update_fail(rep, UPDATE_CANCELLED, "cancelled before copying");
	if (rc == 0)
		rc = stage_open(&sg, staging_root, staged, staged_size, &dstfd);
	if (rc == 0)
		rc = stage_copy(&sg, d, dstfd);
	if (dstfd >= 0)
		close(dstfd);
	bundle_dir_close(d);
	if (rc != 0 && staged_size && staged[0]) {
		update_staging_remove(staged, NULL, 0);
		staged[0] = '\0';
	}
	if (rc == 0)
		snprintf(rep->log, sizeof rep->log, "%s: %zu files, %llu bytes staged in %s",
			 src_dir, sg.nfiles, (unsigned long long)sg.total, staged);
	return rc;
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return flag == FTW_DP ? rmdir(path) : unlink(path);
}

int update_staging_remove(const char *staged, char *err, size_t errsize)
{
	if (nftw(staged, remove_one, 16, FTW_DEPTH | FTW_PHYS | FTW_MOUNT) != 0) {
		if (err && errsize)
			snprintf(err, errsize, "%s: cannot remove: %s", staged, strerror(errno));
		return -1;
	}
	return 0;
}

int update_staging_clean(const char *staging_root, char *err, size_t errsize)
{
	DIR *d = opendir(staging_root);
	struct dirent *e;
	int n = 0;

	if (!d) {
		if (errno == ENOENT)
			return 0;
		if (err && errsize)
			snprintf(err, errsize, "%s: %s", staging_root, strerror(errno));
		return -1;
	}
	while ((e = readdir(d))) {
		char path[4096];

		if (strncmp(e->d_name, STAGE_PREFIX, strlen(STAGE_PREFIX)))
			continue;
		snprintf(path, sizeof path, "%s/%s", staging_root, e->d_name);
		if (update_staging_remove(path, err, errsize) < 0) {
			closedir(d);
			return -1;
		}
		n++;
	}
	closedir(d);
	return n;
}
