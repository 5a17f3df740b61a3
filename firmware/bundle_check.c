/* SPDX-License-Identifier: MIT */
/*
 * bundle_check.c: the kiosk's check of a bundle folder: signature, trusted
 * key, manifest, then the whole folder tree against the manifest (no links
 * or special files, nothing extra, nothing missing, sizes, SHA-256). Reads
 * with O_NOFOLLOW at every step and never writes.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "bundle.h"
#include "bundle_int.h"

#define SIG_FILE_MAX 512
#define HASH_CHUNK 65536

struct check {
	const struct bundle_limits *lim;
	struct bundle_manifest *m;
	const struct bundle_file **order; /* the manifest's files by path */
	uint64_t *ondisk;  /* size found by the walk */
	bool *seen;
	size_t entries;    /* folder entries walked */
	char *err;
	size_t errsize;
	char *file;        /* the file at fault, for the caller; may be NULL */
	size_t filesize;
};

/* Names the file at fault for the caller ("" for the folder itself). */
static void fault(struct check *c, const char *path)
{
	if (c->file && c->filesize)
		snprintf(c->file, c->filesize, "%s", strcmp(path, ".") ? path : "");
}

__attribute__((format(printf, 4, 5)))
static enum bundle_verdict refuse(struct check *c, enum bundle_verdict v, const char *path,
				  const char *fmt, ...)
{
	char msg[BUNDLE_ERR_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	bundle_err(c->err, c->errsize, "%s: %s", path, msg);
	fault(c, path);
	return v;
}

static const char *kind(mode_t mode)
{
	if (S_ISLNK(mode))
		return "a symbolic link";
	if (S_ISFIFO(mode))
		return "a FIFO";
	if (S_ISSOCK(mode))
		return "a socket";
	if (S_ISCHR(mode) || S_ISBLK(mode))
		return "a device";
	return "not a regular file";
}

/* Reads dir/name, a regular file of at most max bytes, into a malloc'ed
 * buffer. missing is the verdict when it does not exist. */
static enum bundle_verdict read_top(struct check *c, int dfd, const char *name, size_t max,
				    enum bundle_verdict missing, enum bundle_verdict toobig,
				    char **buf, size_t *len)
{
	int fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	enum bundle_verdict v = BUNDLE_OK;
	struct stat st;
	size_t got = 0;

	*buf = NULL;
	if (fd < 0) {
		if (errno == ENOENT)
			return refuse(c, missing, name, "missing");
		if (errno == ELOOP)
			return refuse(c, BUNDLE_NOT_REGULAR, name, "a symbolic link");
		return refuse(c, BUNDLE_IO, name, "%s", strerror(errno));
	}
	if (fstat(fd, &st) < 0)
		v = refuse(c, BUNDLE_IO, name, "%s", strerror(errno));
	else if (!S_ISREG(st.st_mode))
		v = refuse(c, BUNDLE_NOT_REGULAR, name, "%s", kind(st.st_mode));
	else if ((uint64_t)st.st_size > max)
		v = refuse(c, toobig, name, "%jd bytes, over the limit of %zu", (intmax_t)st.st_size,
			   max);
	else if (!(*buf = malloc(max + 1)))
		v = refuse(c, BUNDLE_IO, name, "out of memory");
	while (v == BUNDLE_OK) {
		ssize_t n = read(fd, *buf + got, max + 1 - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			v = refuse(c, BUNDLE_IO, name, "%s", strerror(errno));
		else if (n == 0)
			break;
		else if ((got += (size_t)n) > max)
			v = refuse(c, toobig, name, "grew over the limit of %zu bytes", max);
	}
	close(fd);
	if (v != BUNDLE_OK) {
		free(*buf);
		*buf = NULL;
	}
	*len = got;
	return v;
}

static int cmp_file(const void *a, const void *b)
{
	return strcmp((*(const struct bundle_file *const *)a)->path,
		      (*(const struct bundle_file *const *)b)->path);
}

/* The manifest index of path, or -1. */
static ssize_t lookup(const struct check *c, const char *path)
{
	size_t lo = 0, hi = c->m->nfiles;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int r = strcmp(path, c->order[mid]->path);
		if (r == 0)
			return c->order[mid] - c->m->files;
		if (r < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

static bool is_own_file(const char *name)
{
	return !strcmp(name, BUNDLE_MANIFEST) || !strcmp(name, BUNDLE_SIGNATURE) ||
	       !strcmp(name, BUNDLE_REPORT);
}

static enum bundle_verdict walk(struct check *c, int fd, char *path, size_t plen);

/* One entry of the folder tree: path (plen bytes) names it. */
static enum bundle_verdict visit(struct check *c, int dfd, const char *name, char *path,
				 size_t plen)
{
	struct stat st;
	ssize_t i;

	if (++c->entries > 2 * c->lim->max_files + 16)
		return refuse(c, BUNDLE_TOO_LARGE, path, "the folder holds more than %zu entries",
			      2 * c->lim->max_files + 16);
	if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return refuse(c, BUNDLE_IO, path, "%s", strerror(errno));
	if (!S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))
		return refuse(c, BUNDLE_NOT_REGULAR, path, "%s", kind(st.st_mode));
	if (plen > BUNDLE_PATH_MAX)
		return refuse(c, BUNDLE_FILE_EXTRA, path, "too long a path to be in the manifest");
	if (S_ISDIR(st.st_mode)) {
		int sub = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (sub < 0)
			return refuse(c, BUNDLE_IO, path, "%s", strerror(errno));
		return walk(c, sub, path, plen);
	}
	if (plen == strlen(name) && is_own_file(name))
		return BUNDLE_OK;
	if ((i = lookup(c, path)) < 0)
		return refuse(c, BUNDLE_FILE_EXTRA, path, "not in the manifest");
	c->seen[i] = true;
	c->ondisk[i] = (uint64_t)st.st_size;
	return BUNDLE_OK;
}

/* Walks the folder open as fd (taken over), whose path is path[0..plen). */
static enum bundle_verdict walk(struct check *c, int fd, char *path, size_t plen)
{
	enum bundle_verdict v = BUNDLE_OK;
	DIR *d = fdopendir(fd);
	struct dirent *e;

	if (!d) {
		close(fd);
		return refuse(c, BUNDLE_IO, plen ? path : ".", "%s", strerror(errno));
	}
	while (v == BUNDLE_OK && (errno = 0, e = readdir(d))) {
		size_t nlen = strlen(e->d_name), len = plen ? plen + 1 + nlen : nlen;
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (len > BUNDLE_PATH_MAX + 1)
			len = BUNDLE_PATH_MAX + 1; /* path holds up to this many bytes */
		snprintf(path + plen, BUNDLE_PATH_MAX + 2 - plen, "%s%s", plen ? "/" : "",
			 e->d_name);
		v = visit(c, dirfd(d), e->d_name, path, len);
		path[plen] = '\0';
	}
	if (v == BUNDLE_OK && errno)
		v = refuse(c, BUNDLE_IO, plen ? path : ".", "%s", strerror(errno));
	closedir(d);
	return v;
}

/* Opens a listed file below dfd one component at a time, so no link is
 * followed anywhere on the way. */
static int open_beneath(int dfd, const char *path)
{
	char comp[BUNDLE_PATH_MAX + 1];
	int cur = dfd;

	for (;;) {
		const char *slash = strchr(path, '/');
		size_t n = slash ? (size_t)(slash - path) : strlen(path);
		int flags = O_RDONLY | O_NOFOLLOW | O_CLOEXEC;
		memcpy(comp, path, n);
		comp[n] = '\0';
		flags |= slash ? O_DIRECTORY : O_NONBLOCK | O_NOCTTY;
		int next = openat(cur, comp, flags);
		int saved = errno;
		if (cur != dfd)
			close(cur);
		errno = saved;
		if (next < 0 || !slash)
			return next;
		cur = next;
		path = slash + 1;
	}
}

/* Reads listed file f once into a malloc'ed buffer (at most one byte more
 * than listed, so growth shows), hashes that buffer and compares. */
static enum bundle_verdict read_listed(struct check *c, int dfd, const struct bundle_file *f,
				       char **out, size_t *outlen)
{
	enum bundle_verdict v = BUNDLE_OK;
	uint8_t digest[32];
	size_t total = 0, want = (size_t)f->size + 1;
	struct stat sb;
	char *buf;
	int fd;

	*out = NULL;
	if ((fd = open_beneath(dfd, f->path)) < 0)
		return refuse(c, errno == ELOOP || errno == ENOTDIR ? BUNDLE_NOT_REGULAR :
			      errno == ENOENT ? BUNDLE_FILE_MISSING : BUNDLE_IO,
			      f->path, "%s", errno == ELOOP ? "a symbolic link" : strerror(errno));
	if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode) || (uint64_t)sb.st_size != f->size) {
		close(fd);
		return refuse(c, BUNDLE_FILE_MISMATCH, f->path, "changed while being checked");
	}
	if (!(buf = malloc(want))) {
		close(fd);
		return refuse(c, BUNDLE_IO, f->path, "out of memory");
	}
	while (v == BUNDLE_OK && total < want) {
		ssize_t n = read(fd, buf + total, want - total < HASH_CHUNK ? want - total : HASH_CHUNK);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			v = refuse(c, BUNDLE_IO, f->path, "%s", strerror(errno));
		else if (n == 0)
			break;
		else
			total += (size_t)n;
	}
	close(fd);
	if (v == BUNDLE_OK && total > f->size)
		v = refuse(c, BUNDLE_FILE_MISMATCH, f->path, "grew while being checked");
	else if (v == BUNDLE_OK && total < f->size)
		v = refuse(c, BUNDLE_FILE_MISMATCH, f->path, "shrank while being checked");
	if (v == BUNDLE_OK) {
		bundle_sha256((const uint8_t *)buf, total, digest);
		if (sodium_memcmp(digest, f->sha256, 32) != 0)
			v = refuse(c, BUNDLE_FILE_MISMATCH, f->path,
				   "SHA-256 differs from the manifest's");
	}
	if (v != BUNDLE_OK) {
		free(buf);
		return v;
	}
	buf[total] = '\0';
	*out = buf;
	*outlen = total;
	return BUNDLE_OK;
}

/* After the walk: every file there, within the limits, of its size (from
 * the folder entries: nothing of a file's content is read before all of
 * them passed). */
static enum bundle_verdict check_sizes(struct check *c)
{
	const struct bundle_manifest *m = c->m;

	for (size_t i = 0; i < m->nfiles; i++)
		if (!c->seen[i])
			return refuse(c, BUNDLE_FILE_MISSING, m->files[i].path,
				      "in the manifest but not in the folder");
	for (size_t i = 0; i < m->nfiles; i++) {
		if (c->ondisk[i] > c->lim->max_file_bytes)
			return refuse(c, BUNDLE_TOO_LARGE, m->files[i].path,
				      "%" PRIu64 " bytes, over the limit of %" PRIu64, c->ondisk[i],
				      c->lim->max_file_bytes);
		if (c->ondisk[i] != m->files[i].size)
			return refuse(c, BUNDLE_FILE_MISMATCH, m->files[i].path,
				      "%" PRIu64 " bytes, the manifest says %" PRIu64, c->ondisk[i],
				      m->files[i].size);
	}
	return BUNDLE_OK;
}

static enum bundle_verdict check_tree(struct check *c, int dfd)
{
	char path[BUNDLE_PATH_MAX + 2] = "";
	size_t n = c->m->nfiles ? c->m->nfiles : 1;
	enum bundle_verdict v;
	int fd;

	c->order = malloc(n * sizeof *c->order);
	c->ondisk = calloc(n, sizeof *c->ondisk);
	c->seen = calloc(n, sizeof *c->seen);
	if (!c->order || !c->ondisk || !c->seen)
		return refuse(c, BUNDLE_IO, ".", "out of memory");
	for (size_t i = 0; i < c->m->nfiles; i++)
		c->order[i] = &c->m->files[i];
	qsort(c->order, c->m->nfiles, sizeof *c->order, cmp_file);
	if ((fd = dup(dfd)) < 0)
		return refuse(c, BUNDLE_IO, ".", "%s", strerror(errno));
	v = walk(c, fd, path, 0);
	return v == BUNDLE_OK ? check_sizes(c) : v;
}

/* An open, checked bundle folder (bundle.h). */
struct bundle_dir {
	int dfd;
	struct bundle_limits lim;
	struct bundle_manifest m;
	struct check c;
	char *sig, *man;   /* the exact bytes read and verified */
	size_t siglen, manlen;
};

/* The signature, its key, the manifest it covers; the bytes stay in d. */
static enum bundle_verdict check_signed(struct bundle_dir *d, const struct bundle_keyring *kr,
					char key_name[BUNDLE_KEY_NAME_MAX])
{
	struct check *c = &d->c;
	const struct bundle_key *key = NULL;
	uint8_t sig[64];
	enum bundle_verdict v;

	v = read_top(c, d->dfd, BUNDLE_SIGNATURE, SIG_FILE_MAX, BUNDLE_NO_SIGNATURE,
		     BUNDLE_BAD_SIGNATURE, &d->sig, &d->siglen);
	if (v != BUNDLE_OK)
		return v;
	if (bundle_sig_parse(d->sig, d->siglen, key_name, sig, c->err, c->errsize) < 0) {
		fault(c, BUNDLE_SIGNATURE);
		return BUNDLE_BAD_SIGNATURE;
	}
	for (size_t i = 0; kr && i < kr->n && !key; i++)
		if (!strcmp(kr->keys[i].name, key_name))
			key = &kr->keys[i];
	if (!key && (!kr || kr->n == 0))
		return refuse(c, BUNDLE_NO_KEYS, BUNDLE_SIGNATURE,
			      "signed with key \"%s\", but no key is trusted yet (enrol one: "
			      "bangtin.conf(5), [update] enrol)", key_name);
	if (!key)
		return refuse(c, BUNDLE_UNTRUSTED_KEY, BUNDLE_SIGNATURE,
			      "signed with key \"%s\", which is not among the %zu trusted keys",
			      key_name, kr ? kr->n : 0);
	v = read_top(c, d->dfd, BUNDLE_MANIFEST, c->lim->max_manifest_bytes, BUNDLE_BAD_MANIFEST,
		     BUNDLE_TOO_LARGE, &d->man, &d->manlen);
	if (v != BUNDLE_OK)
		return v;
	if (!bundle_verify((const uint8_t *)d->man, d->manlen, sig, key->pk))
		return refuse(c, BUNDLE_BAD_SIGNATURE, BUNDLE_SIGNATURE,
			      "the signature by key \"%s\" does not match " BUNDLE_MANIFEST,
			      key_name);
	v = bundle_manifest_read(d->man, d->manlen, c->lim, c->m, c->err, c->errsize);
	if (v != BUNDLE_OK)
		fault(c, BUNDLE_MANIFEST);
	return v;
}

/* Opens the folder itself without following it. */
static enum bundle_verdict open_top(struct check *c, const char *dir, int *dfd)
{
	enum bundle_verdict v;
	struct stat st;
	int saved;

	*dfd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (*dfd >= 0)
		return BUNDLE_OK;
	saved = errno;
	if (lstat(dir, &st) == 0 && !S_ISDIR(st.st_mode))
		v = refuse(c, S_ISREG(st.st_mode) ? BUNDLE_IO : BUNDLE_NOT_REGULAR, dir,
			   "%s", S_ISREG(st.st_mode) ? "not a folder" : kind(st.st_mode));
	else
		v = refuse(c, BUNDLE_IO, dir, "%s", strerror(saved));
	return v;
}

void bundle_dir_close(struct bundle_dir *d)
{
	if (!d)
		return;
	if (d->dfd >= 0)
		close(d->dfd);
	free((void *)d->c.order);
	free(d->c.ondisk);
	free(d->c.seen);
	free(d->sig);
	free(d->man);
	bundle_manifest_free(&d->m);
	free(d);
}

/* The manifest alone, unverified (bundle_dir_open_unsigned). */
static enum bundle_verdict read_unsigned(struct bundle_dir *d)
{
	struct check *c = &d->c;
	enum bundle_verdict v;

	v = read_top(c, d->dfd, BUNDLE_MANIFEST, c->lim->max_manifest_bytes, BUNDLE_BAD_MANIFEST,
		     BUNDLE_TOO_LARGE, &d->man, &d->manlen);
	if (v != BUNDLE_OK)
		return v;
	return bundle_manifest_read(d->man, d->manlen, c->lim, c->m, c->err, c->errsize);
}

/* bundle_dir_open(), and without the signature when kr_used is false. */
static enum bundle_verdict dir_open(const char *dir, bool kr_used, const struct bundle_keyring *kr,
				    const struct bundle_limits *lim, struct bundle_dir **out,
				    char key_name[BUNDLE_KEY_NAME_MAX], char *err, size_t errsize,
				    char *file, size_t filesize)
{
	struct bundle_dir *d = calloc(1, sizeof *d);
	enum bundle_verdict v;

	*out = NULL;
	key_name[0] = '\0';
	if (!d)
		return bundle_err(err, errsize, "%s: out of memory", dir), BUNDLE_IO;
	d->dfd = -1;
	d->lim = lim ? *lim : bundle_limits_default();
	d->c = (struct check){ .lim = &d->lim, .m = &d->m, .err = err, .errsize = errsize,
			       .file = file, .filesize = filesize };
	fault(&d->c, ".");
	if (bundle_sodium(err, errsize) < 0)
		v = BUNDLE_IO;
	else
		v = open_top(&d->c, dir, &d->dfd);
	if (v == BUNDLE_OK)
		v = kr_used ? check_signed(d, kr, key_name) : read_unsigned(d);
	if (v == BUNDLE_OK)
		v = check_tree(&d->c, d->dfd);
	if (v != BUNDLE_OK) {
		bundle_dir_close(d);
		return v;
	}
	d->c.err = NULL; /* the caller's buffers are not kept */
	d->c.file = NULL;
	*out = d;
	return BUNDLE_OK;
}

enum bundle_verdict bundle_dir_open(const char *dir, const struct bundle_keyring *kr,
				    const struct bundle_limits *lim, struct bundle_dir **out,
				    char key_name[BUNDLE_KEY_NAME_MAX], char *err, size_t errsize,
				    char *file, size_t filesize)
{
	return dir_open(dir, true, kr, lim, out, key_name, err, errsize, file, filesize);
}

enum bundle_verdict bundle_dir_open_unsigned(const char *dir, const struct bundle_limits *lim,
					     struct bundle_dir **out, char *err, size_t errsize)
{
	char unused[BUNDLE_KEY_NAME_MAX];

	return dir_open(dir, false, NULL, lim, out, unused, err, errsize, NULL, 0);
}

const struct bundle_manifest *bundle_dir_manifest(const struct bundle_dir *d)
{
	return &d->m;
}

const char *bundle_dir_manifest_text(const struct bundle_dir *d, size_t *len)
{
	*len = d->manlen;
	return d->man;
}

const char *bundle_dir_signature_text(const struct bundle_dir *d, size_t *len)
{
	*len = d->siglen;
	return d->sig;
}

enum bundle_verdict bundle_dir_read(struct bundle_dir *d, size_t i, char **buf, size_t *len,
				    char *err, size_t errsize)
{
	*buf = NULL;
	*len = 0;
	if (i >= d->m.nfiles)
		return bundle_err(err, errsize, "file %zu: not in the manifest", i), BUNDLE_IO;
	d->c.err = err;
	d->c.errsize = errsize;
	return read_listed(&d->c, d->dfd, &d->m.files[i], buf, len);
}

enum bundle_verdict bundle_check_dir(const char *dir, const struct bundle_keyring *kr,
				     const struct bundle_limits *lim, struct bundle_manifest *m,
				     char key_name[BUNDLE_KEY_NAME_MAX], char *err,
				     size_t errsize)
{
	struct bundle_dir *d;
	enum bundle_verdict v;

	memset(m, 0, sizeof *m);
	v = bundle_dir_open(dir, kr, lim, &d, key_name, err, errsize, NULL, 0);
	for (size_t i = 0; v == BUNDLE_OK && i < d->m.nfiles; i++) {
		char *buf;
		size_t len;

		v = bundle_dir_read(d, i, &buf, &len, err, errsize);
		free(buf);
	}
	if (v == BUNDLE_OK) {
		*m = d->m;
		memset(&d->m, 0, sizeof d->m);
	}
	bundle_dir_close(d);
	return v;
}
