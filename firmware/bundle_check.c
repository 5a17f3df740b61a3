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
	if (c->file && c->filesize && strcmp(path, ".") != 0)
		snprintf(c->file, c->filesize, "%s", path);
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

static enum bundle_verdict hash_file(struct check *c, int dfd, const struct bundle_file *f)
{
	crypto_hash_sha256_state st;
	uint8_t *buf, digest[32];
	enum bundle_verdict v = BUNDLE_OK;
	uint64_t total = 0;
	struct stat sb;
	int fd;

	if ((fd = open_beneath(dfd, f->path)) < 0)
		return refuse(c, errno == ELOOP || errno == ENOTDIR ? BUNDLE_NOT_REGULAR :
			      errno == ENOENT ? BUNDLE_FILE_MISSING : BUNDLE_IO,
			      f->path, "%s", strerror(errno));
	if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode) || (uint64_t)sb.st_size != f->size) {
		close(fd);
		return refuse(c, BUNDLE_FILE_MISMATCH, f->path, "changed while being checked");
	}
	if (!(buf = malloc(HASH_CHUNK))) {
		close(fd);
		return refuse(c, BUNDLE_IO, f->path, "out of memory");
	}
	crypto_hash_sha256_init(&st);
	while (v == BUNDLE_OK) {
		ssize_t n = read(fd, buf, HASH_CHUNK);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			v = refuse(c, BUNDLE_IO, f->path, "%s", strerror(errno));
		else if (n == 0)
			break;
		else if ((total += (uint64_t)n) > f->size)
			v = refuse(c, BUNDLE_FILE_MISMATCH, f->path, "grew while being checked");
		else
			crypto_hash_sha256_update(&st, buf, (unsigned long long)n);
	}
	free(buf);
	close(fd);
	if (v != BUNDLE_OK)
		return v;
	crypto_hash_sha256_final(&st, digest);
	if (total != f->size)
		return refuse(c, BUNDLE_FILE_MISMATCH, f->path, "shrank while being checked");
	if (sodium_memcmp(digest, f->sha256, 32) != 0)
		return refuse(c, BUNDLE_FILE_MISMATCH, f->path, "SHA-256 differs from the manifest's");
	return BUNDLE_OK;
}

/* After the walk: every file there, within the limits, of its size, then
 * hashed (sizes first, so nothing is hashed in a bundle that fails them). */
static enum bundle_verdict check_files(struct check *c, int dfd)
{
	const struct bundle_manifest *m = c->m;
	enum bundle_verdict v = BUNDLE_OK;

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
	for (size_t i = 0; i < m->nfiles && v == BUNDLE_OK; i++)
		v = hash_file(c, dfd, &m->files[i]);
	return v;
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
	return v == BUNDLE_OK ? check_files(c, dfd) : v;
}

/* The signature, its key, the manifest it covers. */
static enum bundle_verdict check_signed(struct check *c, int dfd,
					const struct bundle_keyring *kr,
					char key_name[BUNDLE_KEY_NAME_MAX])
{
	char *sigbuf, *man;
	size_t siglen, manlen;
	uint8_t sig[64];
	const struct bundle_key *key = NULL;
	enum bundle_verdict v;

	v = read_top(c, dfd, BUNDLE_SIGNATURE, SIG_FILE_MAX, BUNDLE_NO_SIGNATURE,
		     BUNDLE_BAD_SIGNATURE, &sigbuf, &siglen);
	if (v != BUNDLE_OK)
		return v;
	if (bundle_sig_parse(sigbuf, siglen, key_name, sig, c->err, c->errsize) < 0) {
		free(sigbuf);
		if (c->file && c->filesize)
			snprintf(c->file, c->filesize, "%s", BUNDLE_SIGNATURE);
		return BUNDLE_BAD_SIGNATURE;
	}
	free(sigbuf);
	for (size_t i = 0; kr && i < kr->n && !key; i++)
		if (!strcmp(kr->keys[i].name, key_name))
			key = &kr->keys[i];
	if (!key)
		return refuse(c, BUNDLE_UNTRUSTED_KEY, BUNDLE_SIGNATURE,
			      "signed with key \"%s\", which is not among the %zu trusted keys",
			      key_name, kr ? kr->n : 0);
	v = read_top(c, dfd, BUNDLE_MANIFEST, c->lim->max_manifest_bytes, BUNDLE_BAD_MANIFEST,
		     BUNDLE_TOO_LARGE, &man, &manlen);
	if (v != BUNDLE_OK)
		return v;
	if (!bundle_verify((const uint8_t *)man, manlen, sig, key->pk)) {
		free(man);
		return refuse(c, BUNDLE_BAD_SIGNATURE, BUNDLE_SIGNATURE,
			      "the signature by key \"%s\" does not match " BUNDLE_MANIFEST,
			      key_name);
	}
	v = bundle_manifest_read(man, manlen, c->lim, c->m, c->err, c->errsize);
	free(man);
	if (v != BUNDLE_OK && c->file && c->filesize)
		snprintf(c->file, c->filesize, "%s", BUNDLE_MANIFEST);
	return v;
}

enum bundle_verdict bundle_check_dir(const char *dir, const struct bundle_keyring *kr,
				     const struct bundle_limits *lim, struct bundle_manifest *m,
				     char key_name[BUNDLE_KEY_NAME_MAX], char *err,
				     size_t errsize)
{
	return bundle_check_dir_file(dir, kr, lim, m, key_name, err, errsize, NULL, 0);
}

enum bundle_verdict bundle_check_dir_file(const char *dir, const struct bundle_keyring *kr,
					  const struct bundle_limits *lim,
					  struct bundle_manifest *m,
					  char key_name[BUNDLE_KEY_NAME_MAX], char *err,
					  size_t errsize, char *file, size_t filesize)
{
	struct bundle_limits def = bundle_limits_default();
	struct check c = { .lim = lim ? lim : &def, .m = m, .err = err, .errsize = errsize,
			   .file = file, .filesize = filesize };
	enum bundle_verdict v;
	int dfd;

	if (file && filesize)
		file[0] = '\0';
	memset(m, 0, sizeof *m);
	key_name[0] = '\0';
	if (bundle_sodium(err, errsize) < 0)
		return BUNDLE_IO;
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (dfd < 0) {
		struct stat st;
		int saved = errno;
		if (lstat(dir, &st) == 0 && !S_ISDIR(st.st_mode))
			return refuse(&c, S_ISREG(st.st_mode) ? BUNDLE_IO : BUNDLE_NOT_REGULAR, dir,
				      "%s", S_ISREG(st.st_mode) ? "not a folder" : kind(st.st_mode));
		return refuse(&c, BUNDLE_IO, dir, "%s", strerror(saved));
	}
	v = check_signed(&c, dfd, kr, key_name);
	if (v == BUNDLE_OK)
		v = check_tree(&c, dfd);
	close(dfd);
	free((void *)c.order);
	free(c.ondisk);
	free(c.seen);
	if (v != BUNDLE_OK)
		bundle_manifest_free(m);
	return v;
}
