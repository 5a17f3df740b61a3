/* SPDX-License-Identifier: MIT */
/* update_stage.c: copying the bundle folder off the stick into a private
 * staging directory, never following a link, within the limits, noticing a
 * stick that goes away mid-copy. */
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

#include "update_int.h"

#define STAGE_PREFIX "bundle-"
#define STAGE_DEPTH_MAX 8
#define STAGE_SIG_MAX 4096
#define STAGE_BUF (64 * 1024)
/* Copying is this share of the whole update's progress. */
#define STAGE_SHARE 0.3

struct stager {
	const struct bundle_limits *lim;
	struct bundle_manifest m;
	bool have_m;           /* the stick's manifest parsed: sizes known */
	update_progress_fn progress;
	void *ctx;
	struct update_report *rep;
	const char *src;       /* for messages */
	size_t nfiles;
	uint64_t total;        /* bytes copied */
	uint64_t expected;     /* bytes the manifest lists (progress) */
	char *buf;
};

static int refuse(struct stager *sg, enum bundle_verdict v, const char *rel,
		  const char *why)
{
	sg->rep->verdict = v;
	update_report_file(sg->rep, rel);
	return update_fail(sg->rep, UPDATE_REFUSED_BUNDLE, "%s/%s: %s", sg->src, rel, why);
}

static int copy_failed(struct stager *sg, const char *rel, const char *why, int errnum)
{
	update_report_file(sg->rep, rel);
	return update_fail(sg->rep, UPDATE_COPY_FAILED, "%s/%s: %s%s%s", sg->src, rel, why,
			   errnum ? ": " : "", errnum ? strerror(errnum) : "");
}

/* Reads the stick's manifest, if it parses, so sizes cap the copy and the
 * progress knows the total. Anything wrong is left to the check. */
static void stage_manifest(struct stager *sg, int srcfd)
{
	size_t max = sg->lim->max_manifest_bytes, n = 0;
	char *buf = malloc(max + 1);
	int fd = openat(srcfd, BUNDLE_MANIFEST, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	struct stat st;
	ssize_t got = 1;

	if (fd >= 0 && buf && fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
		while (n <= max && (got = read(fd, buf + n, max + 1 - n)) > 0)
			n += (size_t)got;
	if (fd >= 0 && buf && got == 0 && n <= max &&
	    bundle_manifest_parse(buf, n, sg->lim, &sg->m, NULL, 0) == 0) {
		sg->have_m = true;
		for (size_t i = 0; i < sg->m.nfiles; i++)
			sg->expected += sg->m.files[i].size;
	}
	if (fd >= 0)
		close(fd);
	free(buf);
}

/* The most bytes worth copying of rel: one more than allowed, so the check
 * sees a file that is too big without the copy reading all of it. */
static uint64_t stage_cap(const struct stager *sg, const char *rel, bool top)
{
	if (top && !strcmp(rel, BUNDLE_MANIFEST))
		return sg->lim->max_manifest_bytes + 1;
	if (top && !strcmp(rel, BUNDLE_SIGNATURE))
		return STAGE_SIG_MAX;
	for (size_t i = 0; sg->have_m && i < sg->m.nfiles; i++)
		if (!strcmp(sg->m.files[i].path, rel))
			return sg->m.files[i].size + 1;
	return sg->lim->max_file_bytes + 1;
}

static bool stage_tick(struct stager *sg)
{
	double done = sg->expected ? (double)sg->total / (double)sg->expected : 0;

	if (!sg->expected)
		done = 1.0 - 1.0 / (1.0 + (double)sg->nfiles / 64.0);
	if (done > 1)
		done = 1;
	return update_progress(sg->progress, sg->ctx, STAGE_SHARE * done, UPDATE_PHASE_COPY);
}

/* Copies want bytes of in to out; 0, or -1 with the report filled. */
static int copy_bytes(struct stager *sg, int in, int out, uint64_t want, const char *rel)
{
	uint64_t left = want;

	while (left > 0) {
		size_t chunk = left < STAGE_BUF ? (size_t)left : STAGE_BUF;
		ssize_t got = read(in, sg->buf, chunk);

		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			return copy_failed(sg, rel, "read", errno);
		if (got == 0)
			return copy_failed(sg, rel, "shrank while copying (stick pulled?)", 0);
		for (ssize_t w = 0, o = 0; o < got; o += w) {
			w = write(out, sg->buf + o, (size_t)(got - o));
			if (w < 0 && errno == EINTR)
				w = 0;
			else if (w < 0)
				return update_fail(sg->rep, UPDATE_FAILED, "staging %s: write: %s",
						   rel, strerror(errno));
		}
		left -= (uint64_t)got;
		sg->total += (uint64_t)got;
		/* A big file reports as it goes (and can be cancelled). */
		if (left > 0 && !stage_tick(sg))
			return update_fail(sg->rep, UPDATE_CANCELLED, "cancelled while copying");
		if (sg->total > sg->lim->max_total_bytes + sg->lim->max_manifest_bytes + STAGE_SIG_MAX)
			return refuse(sg, BUNDLE_TOO_LARGE, rel, "bundle over the total size limit");
	}
	return 0;
}

static bool same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino &&
	       a->st_size == b->st_size && a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
	       a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

/* Copies the regular file name (lstat'ed as *lst) of srcfd into dstfd. */
static int copy_file(struct stager *sg, int srcfd, int dstfd, const char *name,
		     const char *rel, const struct stat *lst, bool top)
{
	uint64_t cap = stage_cap(sg, rel, top), want;
	struct stat st, after;
	int in, out, rc;

	if ((uint64_t)lst->st_size > sg->lim->max_file_bytes &&
	    !(top && !strcmp(rel, BUNDLE_MANIFEST)))
		return refuse(sg, BUNDLE_TOO_LARGE, rel, "file over the size limit");
	in = openat(srcfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (in < 0 && errno == ELOOP)
		return refuse(sg, BUNDLE_NOT_REGULAR, rel, "became a symbolic link");
	if (in < 0)
		return copy_failed(sg, rel, errno == ENOENT ? "vanished while copying" : "open",
				   errno == ENOENT ? 0 : errno);
	if (fstat(in, &st) < 0 || !S_ISREG(st.st_mode) || st.st_ino != lst->st_ino) {
		close(in);
		return copy_failed(sg, rel, "changed while copying (stick pulled?)", 0);
	}
	out = openat(dstfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (out < 0) {
		close(in);
		return update_fail(sg->rep, UPDATE_FAILED, "staging %s: %s", rel, strerror(errno));
	}
	want = (uint64_t)st.st_size < cap ? (uint64_t)st.st_size : cap;
	rc = copy_bytes(sg, in, out, want, rel);
	if (rc == 0 && (fstat(in, &after) < 0 || !same_file(&st, &after)))
		rc = copy_failed(sg, rel, "changed while copying (stick pulled?)", 0);
	close(in);
	if (close(out) < 0 && rc == 0)
		rc = update_fail(sg->rep, UPDATE_FAILED, "staging %s: %s", rel, strerror(errno));
	return rc;
}

static int copy_dir(struct stager *sg, int srcfd, int dstfd, const char *rel, int depth);

/* One directory entry: a directory is walked, a regular file copied,
 * anything else refused. */
static int copy_entry(struct stager *sg, int srcfd, int dstfd, const char *name,
		      const char *rel, int depth)
{
	bool top = depth == 0;
	struct stat lst;
	int sub, dsub, rc;

	if (fstatat(srcfd, name, &lst, AT_SYMLINK_NOFOLLOW) < 0)
		return copy_failed(sg, rel, errno == ENOENT ? "vanished while copying" : "stat",
				   errno == ENOENT ? 0 : errno);
	if (S_ISREG(lst.st_mode)) {
		if (!(top && (!strcmp(name, BUNDLE_MANIFEST) || !strcmp(name, BUNDLE_SIGNATURE))) &&
		    ++sg->nfiles > sg->lim->max_files)
			return refuse(sg, BUNDLE_TOO_LARGE, rel, "too many files");
		if ((rc = copy_file(sg, srcfd, dstfd, name, rel, &lst, top)) != 0)
			return rc;
		return stage_tick(sg) ? 0 :
		       update_fail(sg->rep, UPDATE_CANCELLED, "cancelled while copying");
	}
	if (!S_ISDIR(lst.st_mode))
		return refuse(sg, BUNDLE_NOT_REGULAR, rel,
			      S_ISLNK(lst.st_mode) ? "a symbolic link" : "not a regular file");
	if (depth + 1 >= STAGE_DEPTH_MAX)
		return refuse(sg, BUNDLE_BAD_PATH, rel, "folders nested too deep");
	if (mkdirat(dstfd, name, 0700) < 0)
		return update_fail(sg->rep, UPDATE_FAILED, "staging %s: %s", rel, strerror(errno));
	sub = openat(srcfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (sub < 0)
		return errno == ELOOP || errno == ENOTDIR ?
		       refuse(sg, BUNDLE_NOT_REGULAR, rel, "changed into a link") :
		       copy_failed(sg, rel, "open folder", errno);
	dsub = openat(dstfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (dsub < 0) {
		close(sub);
		return update_fail(sg->rep, UPDATE_FAILED, "staging %s: %s", rel, strerror(errno));
	}
	rc = copy_dir(sg, sub, dsub, rel, depth + 1);
	close(dsub);
	close(sub);
	return rc;
}

/* Walks srcfd (closing nothing it was given). */
static int copy_dir(struct stager *sg, int srcfd, int dstfd, const char *rel, int depth)
{
	int fd = dup(srcfd);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	struct dirent *e;
	int rc = 0;

	if (!d) {
		if (fd >= 0)
			close(fd);
		return copy_failed(sg, *rel ? rel : ".", "read folder", errno);
	}
	while (rc == 0) {
		char sub[4096];

		errno = 0;
		if (!(e = readdir(d))) {
			if (errno)
				rc = copy_failed(sg, *rel ? rel : ".", "read folder", errno);
			break;
		}
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (depth == 0 && !strcmp(e->d_name, UPDATE_REPORT_FILE))
			continue;
		snprintf(sub, sizeof sub, "%s%s%s", rel, *rel ? "/" : "", e->d_name);
		rc = copy_entry(sg, srcfd, dstfd, e->d_name, sub, depth);
	}
	closedir(d);
	return rc;
}

/* Opens the source and makes the staging directory; 0 or -1 with rep. */
static int stage_open(struct stager *sg, const char *src, const char *root,
		      char *staged, size_t staged_size, int *srcfd, int *dstfd)
{
	*srcfd = open(src, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (*srcfd < 0)
		return update_fail(sg->rep, UPDATE_COPY_FAILED, "%s: cannot open: %s", src,
				   strerror(errno));
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
		 const struct bundle_limits *lim, update_progress_fn progress,
		 void *ctx, char *staged, size_t staged_size,
		 struct update_report *rep)
{
	struct bundle_limits def = bundle_limits_default();
	struct stager sg = { .lim = lim ? lim : &def, .progress = progress, .ctx = ctx,
			     .rep = rep, .src = src_dir };
	int srcfd = -1, dstfd = -1, rc;

	update_report_init(rep, 0);
	if (staged_size)
		staged[0] = '\0';
	sg.buf = malloc(STAGE_BUF);
	if (!sg.buf)
		rc = update_fail(rep, UPDATE_FAILED, "staging: out of memory");
	else
		rc = stage_open(&sg, src_dir, staging_root, staged, staged_size, &srcfd, &dstfd);
	if (rc == 0 && !update_progress(progress, ctx, 0, UPDATE_PHASE_COPY))
		rc = update_fail(rep, UPDATE_CANCELLED, "cancelled before copying");
	if (rc == 0) {
		stage_manifest(&sg, srcfd);
		rc = copy_dir(&sg, srcfd, dstfd, "", 0);
	}
	if (srcfd >= 0)
		close(srcfd);
	if (dstfd >= 0)
		close(dstfd);
	if (rc != 0 && staged_size && staged[0]) {
		update_staging_remove(staged, NULL, 0);
		staged[0] = '\0';
	}
	if (rc == 0)
		snprintf(rep->log, sizeof rep->log, "%s: %zu files, %llu bytes staged in %s",
			 src_dir, sg.nfiles, (unsigned long long)sg.total, staged);
	bundle_manifest_free(&sg.m);
	free(sg.buf);
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
