/* SPDX-License-Identifier: MIT */
/*
 * usb: the mount table parser and the watcher that reports new mounts under
 * the media roots holding a bundle folder (see usb.h).
 */
#define LOG_TAG "usb"
#include "usb.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#include "errmsg.h"
#include "log.h"

/* Fields of a mountinfo line before the optional ones. */
#define USB_FIELDS_HEAD 6
/* A mount table bigger than this is not a kiosk's (a read guard). */
#define USB_TABLE_MAX (16u << 20)

struct usb_watch {
	int fd;
	struct usb_roots roots;
	char *bundle_dir;
	struct usb_table seen;      /* the mounts under a root at the last scan */
	bool first_scan_reports;    /* report_existing, until the first scan */
};

#define usb_fail errmsg_set

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

static void usb_mount_clear(struct usb_mount *m)
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
static char *usb_read_all(int fd, size_t *len, char *err, size_t errsize)
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

/* Reads and parses the table, keeping only the mounts under a root. */
static int usb_watch_read(struct usb_watch *w, struct usb_table *t, char *err, size_t errsize)
{
	size_t len, k = 0;
	char *text = usb_read_all(w->fd, &len, err, errsize);
	int rc;

	if (!text)
		return -1;
	rc = usb_mountinfo_parse(text, len, t, err, errsize);
	free(text);
	if (rc != 0)
		return -1;
	for (size_t i = 0; i < t->n; i++) {
		if (usb_roots_cover(&w->roots, t->m[i].mount_point))
			t->m[k++] = t->m[i];
		else
			usb_mount_clear(&t->m[i]);
	}
	t->n = k;
	return 0;
}

void usb_watch_free(struct usb_watch *w)
{
	if (!w)
		return;
	if (w->fd >= 0)
		close(w->fd);
	usb_roots_free(&w->roots);
	usb_table_free(&w->seen);
	free(w->bundle_dir);
	free(w);
}

struct usb_watch *usb_watch_new(const char *path, const char *roots, const char *bundle_dir,
				bool report_existing, char *err, size_t errsize)
{
	struct usb_watch *w = calloc(1, sizeof *w);

	if (!path)
		path = USB_MOUNTINFO;
	if (!w) {
		usb_fail(err, errsize, "out of memory");
		return NULL;
	}
	w->fd = -1;
	if (!*bundle_dir || strchr(bundle_dir, '/') || strcmp(bundle_dir, "..") == 0 ||
	    strcmp(bundle_dir, ".") == 0) {
		usb_fail(err, errsize, "bundle folder %s: must be one folder name", bundle_dir);
		goto err;
	}
	if (usb_roots_parse(roots, &w->roots, err, errsize) != 0)
		goto err;
	if (!(w->bundle_dir = strdup(bundle_dir))) {
		usb_fail(err, errsize, "out of memory");
		goto err;
	}
	if ((w->fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		usb_fail(err, errsize, "%s: cannot open: %s", path, strerror(errno));
		goto err;
	}
	w->first_scan_reports = report_existing;
	if (!report_existing && usb_watch_read(w, &w->seen, err, errsize) != 0)
		goto err;
	return w;
err:
	usb_watch_free(w);
	return NULL;
}

int usb_watch_fd(const struct usb_watch *w)
{
	return w->fd;
}

static bool usb_table_holds(const struct usb_table *t, const struct usb_mount *m)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->m[i].id == m->id && strcmp(t->m[i].mount_point, m->mount_point) == 0)
			return true;
	return false;
}

/* Adds m to found when its bundle folder is a directory. Returns -1 on ENOMEM. */
static int usb_consider(const struct usb_watch *w, const struct usb_mount *m,
			struct usb_found *found, size_t *n)
{
	struct stat st;
	size_t l = strlen(m->mount_point) + strlen(w->bundle_dir) + 2;
	char *bundle = malloc(l);

	if (!bundle)
		return -1;
	snprintf(bundle, l, "%s%s%s", m->mount_point,
		 m->mount_point[strlen(m->mount_point) - 1] == '/' ? "" : "/", w->bundle_dir);
	if (lstat(bundle, &st) != 0 || !S_ISDIR(st.st_mode)) {
		log_info("%s (%s, %s) mounted, without a %s folder: not a content stick",
			 m->mount_point, m->source, m->fstype, w->bundle_dir);
		free(bundle);
		return 0;
	}
	found[*n] = (struct usb_found){ strdup(m->mount_point), bundle,
					usb_mount_has_option(m, "ro") };
	if (!found[*n].mount_point) {
		free(bundle);
		return -1;
	}
	log_info("%s (%s, %s, %s) mounted with a bundle folder %s", m->mount_point, m->source,
		 m->fstype, found[*n].read_only ? "read-only" : "read-write", bundle);
	(*n)++;
	return 0;
}

int usb_watch_scan(struct usb_watch *w, struct usb_found **found, size_t *n, char *err,
		   size_t errsize)
{
	struct usb_table now;
	struct usb_found *out;

	*found = NULL;
	*n = 0;
	if (usb_watch_read(w, &now, err, errsize) != 0)
		return -1;
	out = calloc(now.n + 1, sizeof *out);
	if (!out) {
		usb_table_free(&now);
		return usb_fail(err, errsize, "out of memory");
	}
	for (size_t i = 0; i < now.n; i++) {
		if (!w->first_scan_reports && usb_table_holds(&w->seen, &now.m[i]))
			continue;
		if (usb_consider(w, &now.m[i], out, n) != 0) {
			usb_found_free(out, *n);
			*n = 0;
			usb_table_free(&now);
			return usb_fail(err, errsize, "out of memory");
		}
	}
	w->first_scan_reports = false;
	usb_table_free(&w->seen);
	w->seen = now;
	*found = out;
	return 0;
}

void usb_found_free(struct usb_found *found, size_t n)
{
	if (!found)
		return;
	for (size_t i = 0; i < n; i++) {
		free(found[i].mount_point);
		free(found[i].bundle);
	}
	free(found);
}

int usb_watch_wait(const struct usb_watch *w, int wake_fd, int timeout_ms)
{
	struct pollfd p[2] = {
		{ .fd = w->fd, .events = POLLPRI },
		{ .fd = wake_fd, .events = POLLIN },
	};
	int r;

	do
		r = poll(p, wake_fd >= 0 ? 2 : 1, timeout_ms);
	while (r < 0 && errno == EINTR);
	if (r < 0)
		return -1;
	if (r == 0)
		return 0;
	if (wake_fd >= 0 && (p[1].revents & (POLLIN | POLLHUP | POLLERR)))
		return 2;
	return (p[0].revents & (POLLPRI | POLLERR)) ? 1 : 0;
}

/* Writes the report straight onto a stick mounted read-write. */
static int usb_report_direct(const char *path, const char *text, size_t len, char *why,
			     size_t whysize)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
	size_t done = 0;

	if (fd < 0)
		return usb_fail(why, whysize, "%s: %s", path, strerror(errno));
	while (done < len) {
		ssize_t w = write(fd, text + done, len - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		done += (size_t)w;
	}
	if (done < len || fsync(fd) != 0) {
		int e = errno;
		close(fd);
		return usb_fail(why, whysize, "%s: %s", path, strerror(e));
	}
	if (close(fd) != 0)
		return usb_fail(why, whysize, "%s: %s", path, strerror(errno));
	return 0;
}

/* Sends everything of buf to fd. */
static int usb_send_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t w = send(fd, buf, len, MSG_NOSIGNAL);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		buf += w;
		len -= (size_t)w;
	}
	return 0;
}

/* Asks the root helper listening on sock to write the report. */
static int usb_report_helper(const char *mount_point, const char *sock, const char *text,
			     size_t len, char *why, size_t whysize)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	struct timeval tv = { USB_HELPER_TIMEOUT_S, 0 };
	char answer[256];
	size_t n = 0;
	ssize_t r;
	int fd;

	if (strlen(sock) >= sizeof sa.sun_path)
		return usb_fail(why, whysize, "%s: socket path too long", sock);
	memcpy(sa.sun_path, sock, strlen(sock) + 1);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) != 0 ||
	    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv) != 0 ||
	    connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
		usb_fail(why, whysize, "%s: %s", sock, strerror(errno));
		goto err;
	}
	if (usb_send_all(fd, mount_point, strlen(mount_point)) != 0 ||
	    usb_send_all(fd, "\n", 1) != 0 || usb_send_all(fd, text, len) != 0 ||
	    shutdown(fd, SHUT_WR) != 0) {
		usb_fail(why, whysize, "%s: cannot send: %s", sock, strerror(errno));
		goto err;
	}
	while (n < sizeof answer - 1 && (r = read(fd, answer + n, sizeof answer - 1 - n)) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	answer[n] = '\0';
	answer[strcspn(answer, "\r\n")] = '\0';
	if (strcmp(answer, "ok") == 0)
		return 0;
	return usb_fail(why, whysize, "%s: the helper says: %s", sock,
			*answer ? answer : "nothing");
err:
	if (fd >= 0)
		close(fd);
	return -1;
}

int usb_report_write(const char *mount_point, bool read_only, const char *name,
		     const char *sock, const char *text, size_t len, char *why, size_t whysize)
{
	char path[4096];

	if (!read_only) {
		if ((size_t)snprintf(path, sizeof path, "%s/%s", mount_point, name) >= sizeof path)
			return usb_fail(why, whysize, "%s: path too long", mount_point);
		return usb_report_direct(path, text, len, why, whysize);
	}
	if (!sock || !*sock)
		return usb_fail(why, whysize, "%s is mounted read-only and no report helper "
				"socket is set", mount_point);
	return usb_report_helper(mount_point, sock, text, len, why, whysize);
}
