/* SPDX-License-Identifier: MIT */
/*
 * usb.c: the mount table parser and reader, and the media roots (see
 * usb.h). The watcher is usb_watch.c, the report client usb_report.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "usb_int.h"

/* Fields of a mountinfo line before the optional ones. */
#define USB_FIELDS_HEAD 6
/* A mount table bigger than this is not a kiosk's (a read guard). */
#define USB_TABLE_MAX (16u << 20)

/* A malloc'ed copy of field s (n bytes) with \ooo escapes undone. */
static char *usb_unescape(const char *s, size_t n)
{
	char *out = malloc(n + 1), *o = out;

	if (!out)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 3 < n &&
		    s[i + 1] >= '0' && s[i + 1] <= '3' && s[i + 2] >= '0' && s[i + 2] <= '7' &&
		    s[i + 3] >= '0' && s[i + 3] <= '7') {
			*o++ = (char)((s[i + 1] - '0') << 6 | (s[i + 2] - '0') << 3 | (s[i + 3] - '0'));
			i += 3;
		} else {
			*o++ = s[i];
		}
	}
	*o = '\0';
	return out;
}

void usb_mount_clear(struct usb_mount *m)
{
	free(m->mount_point);
	free(m->fstype);
	free(m->source);
	free(m->options);
	memset(m, 0, sizeof *m);
}

void usb_table_free(struct usb_table *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n; i++)
		usb_mount_clear(&t->m[i]);
	free(t->m);
	t->m = NULL;
	t->n = 0;
}

/* Splits line (len bytes) at single spaces into at most max fields. */
static size_t usb_split(const char *line, size_t len, const char **f, size_t *flen, size_t max)
{
	size_t n = 0, i = 0;

	while (i < len && n < max) {
		size_t start = i;
		while (i < len && line[i] != ' ')
			i++;
		f[n] = line + start;
		flen[n++] = i - start;
		while (i < len && line[i] == ' ')
			i++;
	}
	return n;
}

/* Parses one line into m. Returns 0 or -1 with err (without the line). */
static int usb_parse_line(const char *line, size_t len, struct usb_mount *m, char *err,
			  size_t errsize)
{
	const char *f[64];
	size_t flen[64], n = usb_split(line, len, f, flen, 64), sep;
	char num[16];

	if (n < USB_FIELDS_HEAD + 4)
		return usb_fail(err, errsize, "%zu fields, expected at least %d", n,
				USB_FIELDS_HEAD + 4);
	for (sep = USB_FIELDS_HEAD; sep < n; sep++)
		if (flen[sep] == 1 && f[sep][0] == '-')
			break;
	if (sep + 2 >= n)
		return usb_fail(err, errsize, "no ' - ' separator before the file system type");
	if (flen[0] == 0 || flen[0] >= sizeof num)
		return usb_fail(err, errsize, "mount ID: not a number");
	memcpy(num, f[0], flen[0]);
	num[flen[0]] = '\0';
	char *end;
	long id = strtol(num, &end, 10);
	if (*end || id < 0 || id > INT32_MAX)
		return usb_fail(err, errsize, "mount ID: not a number (%s)", num);
	if (flen[4] == 0 || f[4][0] != '/')
		return usb_fail(err, errsize, "mount point: not an absolute path");
	m->id = (int)id;
	m->mount_point = usb_unescape(f[4], flen[4]);
	m->options = usb_unescape(f[5], flen[5]);
	m->fstype = usb_unescape(f[sep + 1], flen[sep + 1]);
	m->source = usb_unescape(f[sep + 2], flen[sep + 2]);
	if (!m->mount_point || !m->options || !m->fstype || !m->source) {
		usb_mount_clear(m);
		return usb_fail(err, errsize, "out of memory");
	}
	return 0;
}

int usb_mountinfo_parse(const char *text, size_t len, struct usb_table *t, char *err,
			size_t errsize)
{
	size_t cap = 0, lineno = 0;
	const char *p = text, *endp = text + len;
	char why[USB_ERR_MAX / 2];

	t->m = NULL;
	t->n = 0;
	while (p < endp) {
		const char *nl = memchr(p, '\n', (size_t)(endp - p));
		size_t l = nl ? (size_t)(nl - p) : (size_t)(endp - p);

		lineno++;
		if (l > 0) {
			if (t->n == cap) {
				size_t ncap = cap ? cap * 2 : 32;
				struct usb_mount *nm = realloc(t->m, ncap * sizeof *nm);
				if (!nm) {
					usb_table_free(t);
					return usb_fail(err, errsize, "mountinfo: out of memory");
				}
				t->m = nm;
				cap = ncap;
			}
			memset(&t->m[t->n], 0, sizeof t->m[t->n]);
			if (usb_parse_line(p, l, &t->m[t->n], why, sizeof why) != 0) {
				usb_table_free(t);
				return usb_fail(err, errsize, "mountinfo:%zu: %s", lineno, why);
			}
			t->n++;
		}
		p += l + 1;
	}
	return 0;
}

bool usb_mount_has_option(const struct usb_mount *m, const char *opt)
{
	size_t n = strlen(opt);

	for (const char *p = m->options; p && *p; ) {
		const char *c = strchr(p, ',');
		size_t l = c ? (size_t)(c - p) : strlen(p);
		if (l == n && strncmp(p, opt, n) == 0)
			return true;
		p = c ? c + 1 : p + l;
	}
	return false;
}

void usb_roots_free(struct usb_roots *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n; i++)
		free(r->dir[i]);
	r->n = 0;
}

int usb_roots_parse(const char *spec, struct usb_roots *r, char *err, size_t errsize)
{
	const char *p = spec;

	r->n = 0;
	while (*p) {
		size_t l;

		p += strspn(p, " \t,");
		l = strcspn(p, " \t,");
		if (l == 0)
			break;
		if (p[0] != '/') {
			usb_roots_free(r);
			return usb_fail(err, errsize, "media root %.*s: not an absolute path",
					(int)l, p);
		}
		if (r->n == USB_ROOTS_MAX) {
			usb_roots_free(r);
			return usb_fail(err, errsize, "more than %d media roots", USB_ROOTS_MAX);
		}
		while (l > 1 && p[l - 1] == '/')
			l--;
		if (!(r->dir[r->n] = strndup(p, l))) {
			usb_roots_free(r);
			return usb_fail(err, errsize, "out of memory");
		}
		r->n++;
		p += l;
		while (*p == '/')
			p++;
	}
	if (r->n == 0)
		return usb_fail(err, errsize, "no media root given");
	return 0;
}

bool usb_roots_cover(const struct usb_roots *r, const char *path)
{
	for (size_t i = 0; i < r->n; i++) {
		const char *d = r->dir[i];
		size_t l = strlen(d);

		if (strcmp(d, "/") == 0)
			return path[0] == '/';
		if (strncmp(path, d, l) == 0 && (path[l] == '\0' || path[l] == '/'))
			return true;
	}
	return false;
}

/* Reads the whole table from the start of fd into a malloc'ed buffer. */
char *usb_read_all(int fd, size_t *len, char *err, size_t errsize)
{
	size_t cap = 16384, n = 0;
	char *buf = malloc(cap);

	if (!buf) {
		usb_fail(err, errsize, "out of memory");
		return NULL;
	}
	if (lseek(fd, 0, SEEK_SET) < 0) {
		usb_fail(err, errsize, "mountinfo: cannot rewind: %s", strerror(errno));
		goto err;
	}
	for (;;) {
		ssize_t r;

		if (n == cap) {
			char *nb;
			if (cap >= USB_TABLE_MAX) {
				usb_fail(err, errsize, "mountinfo: larger than %u bytes", USB_TABLE_MAX);
				goto err;
			}
			if (!(nb = realloc(buf, cap * 2))) {
				usb_fail(err, errsize, "out of memory");
				goto err;
			}
			buf = nb;
			cap *= 2;
		}
		r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			usb_fail(err, errsize, "mountinfo: cannot read: %s", strerror(errno));
			goto err;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	*len = n;
	return buf;
err:
	free(buf);
	return NULL;
}

int usb_mountinfo_load(const char *path, struct usb_table *t, char *err, size_t errsize)
{
	int fd = open(path ? path : USB_MOUNTINFO, O_RDONLY | O_CLOEXEC);
	size_t len;
	char *text;
	int rc;

	t->m = NULL;
	t->n = 0;
	if (fd < 0)
		return usb_fail(err, errsize, "%s: cannot open: %s", path ? path : USB_MOUNTINFO,
				strerror(errno));
	text = usb_read_all(fd, &len, err, errsize);
	close(fd);
	if (!text)
		return -1;
	rc = usb_mountinfo_parse(text, len, t, err, errsize);
	free(text);
	return rc;
}
