/* SPDX-License-Identifier: MIT */
/* source: reads the files and directories of an import (see source.h). */
#include "source.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "errmsg.h"
#include "norm.h"

/* Identity of each file read so far, to read a file named twice only once. */
struct source_seen {
	dev_t dev;
	ino_t ino;
};

struct source_reader {
	struct source_set *set;
	size_t cap;
	struct source_seen *seen;
	size_t max_bytes;
	char *err;
	size_t errsize;
};

static int source_fail(struct source_reader *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int source_fail(struct source_reader *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	errmsg_vset(r->err, r->errsize, fmt, ap);
	va_end(ap);
	return -1;
}

void source_set_free(struct source_set *set)
{
	if (!set)
		return;
	for (size_t i = 0; i < set->n; i++) {
		free(set->items[i].path);
		free(set->items[i].bytes);
	}
	free(set->items);
	set->items = NULL;
	set->n = 0;
}

static bool source_seen_before(const struct source_reader *r, const struct stat *st)
{
	for (size_t i = 0; i < r->set->n; i++)
		if (r->seen[i].dev == st->st_dev && r->seen[i].ino == st->st_ino)
			return true;
	return false;
}

/* Appends an item, taking ownership of path and bytes (freed on failure). */
static int source_push(struct source_reader *r, char *path, char *bytes,
		       size_t len, const struct stat *st)
{
	if (r->set->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 8;
		struct source_item *items = realloc(r->set->items, cap * sizeof *items);
		if (items)
			r->set->items = items;
		struct source_seen *seen = realloc(r->seen, cap * sizeof *seen);
		if (seen)
			r->seen = seen;
		if (!items || !seen) {
			free(path);
			free(bytes);
			return source_fail(r, "out of memory");
		}
		r->cap = cap;
	}
	r->set->items[r->set->n] = (struct source_item){ path, bytes, len, NULL };
	r->seen[r->set->n] = (struct source_seen){ st->st_dev, st->st_ino };
	r->set->n++;
	return 0;
}

/* Reads all of fd (size hint from fstat) into a NUL-terminated buffer,
 * refusing more than max bytes even if the file grows while we read. */
static int source_slurp(struct source_reader *r, const char *path, int fd,
			size_t hint, char **out, size_t *outlen)
{
	size_t cap = hint + 1, len = 0;
	char *buf = malloc(cap + 1);

	if (!buf)
		return source_fail(r, "%s: out of memory", path);
	for (;;) {
		if (len == cap) {
			char *nbuf = realloc(buf, cap * 2 + 1);
			if (!nbuf) {
				free(buf);
				return source_fail(r, "%s: out of memory", path);
			}
			buf = nbuf;
			cap *= 2;
		}
		ssize_t got = read(fd, buf + len, cap - len);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			int e = errno;
			free(buf);
			return source_fail(r, "%s: cannot read: %s", path, strerror(e));
		}
		if (got == 0)
			break;
		len += (size_t)got;
		if (r->max_bytes && len > r->max_bytes) {
			free(buf);
			return source_fail(r, "%s: larger than the limit of %zu bytes",
					   path, r->max_bytes);
		}
	}
	buf[len] = '\0';
	*out = buf;
	*outlen = len;
	return 0;
}

/* Reads one regular file; path is owned by the caller and copied. */
static int source_read_file(struct source_reader *r, const char *path)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	struct stat st;
	char *bytes = NULL, *copy = NULL;
	size_t len = 0;
	int rc = -1, bom;

	if (fd < 0)
		return source_fail(r, "%s: cannot open: %s", path, strerror(errno));
	if (fstat(fd, &st) != 0) {
		source_fail(r, "%s: cannot stat: %s", path, strerror(errno));
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		source_fail(r, "%s: not a regular file", path);
		goto out;
	}
	if (r->max_bytes && (uintmax_t)st.st_size > r->max_bytes) {
		source_fail(r, "%s: %jd bytes, larger than the limit of %zu bytes",
			    path, (intmax_t)st.st_size, r->max_bytes);
		goto out;
	}
	if (source_seen_before(r, &st)) {
		rc = 0;
		goto out;
	}
	if (source_slurp(r, path, fd, (size_t)st.st_size, &bytes, &len) != 0)
		goto out;
	if ((bom = norm_utf16_bom(bytes, len)) != 0) {
		char *utf8;
		size_t bad;

		if (norm_utf16_to_utf8(bytes, len, &utf8, &len, &bad) != 0) {
			free(bytes);
			source_fail(r, "%s: not UTF-16 as its byte order mark says: bad byte at %zu "
				    "(or out of memory); save it as UTF-8", path, bad);
			goto out;
		}
		free(bytes);
		bytes = utf8;
	}
	copy = strdup(path);
	if (!copy) {
		free(bytes);
		source_fail(r, "%s: out of memory", path);
		goto out;
	}
	rc = source_push(r, copy, bytes, len, &st);
	if (rc == 0 && bom)
		r->set->items[r->set->n - 1].converted_from = bom == 1 ? "UTF-16LE" : "UTF-16BE";
out:
	close(fd);
	return rc;
}

static bool source_wanted_name(const char *name)
{
	size_t n = strlen(name);

	return name[0] != '.' && n > 4 && strcasecmp(name + n - 4, ".txt") == 0;
}

static int source_cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Collects the wanted names of a directory, sorted; the caller frees. */
static int source_list_dir(struct source_reader *r, const char *dir,
			   char ***out, size_t *outn)
{
	DIR *d = opendir(dir);
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;

	if (!d)
		return source_fail(r, "%s: cannot open directory: %s", dir, strerror(errno));
	while ((errno = 0, e = readdir(d)) != NULL) {
		if (!source_wanted_name(e->d_name))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			char **nn = realloc(names, cap * sizeof *nn);
			if (!nn)
				goto oom;
			names = nn;
		}
		if (!(names[n] = strdup(e->d_name)))
			goto oom;
		n++;
	}
	closedir(d);
	if (names)
		qsort(names, n, sizeof *names, source_cmp_names);
	*out = names;
	*outn = n;
	return 0;
oom:
	closedir(d);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return source_fail(r, "%s: out of memory", dir);
}

static int source_read_dir(struct source_reader *r, const char *dir)
{
	char **names = NULL;
	size_t n = 0, files = 0, dirlen = strlen(dir);
	int rc = 0;

	if (source_list_dir(r, dir, &names, &n) != 0)
		return -1;
	for (size_t i = 0; i < n && rc == 0; i++) {
		bool slash = dirlen > 0 && dir[dirlen - 1] == '/';
		size_t size = dirlen + 1 + strlen(names[i]) + 1;
		char *path = malloc(size);
		if (!path) {
			rc = source_fail(r, "%s: out of memory", dir);
			break;
		}
		snprintf(path, size, "%s%s%s", dir, slash ? "" : "/", names[i]);
		/* A subdirectory is skipped, not refused: no recursion. */
		struct stat st;
		if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
			rc = source_read_file(r, path);
			files++;
		}
		free(path);
	}
	if (rc == 0 && files == 0)
		rc = source_fail(r, "%s: no .txt files in this directory", dir);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

int source_read(const char *const *paths, size_t npaths, size_t max_bytes,
		struct source_set *out, char *err, size_t errsize)
{
	struct source_reader r = { out, 0, NULL, max_bytes, err, errsize };
	int rc = 0;

	out->items = NULL;
	out->n = 0;
	for (size_t i = 0; i < npaths && rc == 0; i++) {
		struct stat st;
		if (stat(paths[i], &st) != 0)
			rc = source_fail(&r, "%s: %s", paths[i], strerror(errno));
		else if (S_ISDIR(st.st_mode))
			rc = source_read_dir(&r, paths[i]);
		else
			rc = source_read_file(&r, paths[i]);
	}
	free(r.seen);
	if (rc != 0)
		source_set_free(out);
	return rc;
}
