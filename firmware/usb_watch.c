/* SPDX-License-Identifier: MIT */
/*
 * usb_watch.c: the watcher that reports new mounts under the media roots
 * holding a bundle folder (see usb.h).
 */
#define LOG_TAG "usb"
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "usb_int.h"

struct usb_watch {
	int fd;
	struct usb_roots roots;
	char *bundle_dir;
	struct usb_table seen;      /* the mounts under a root at the last scan */
	bool first_scan_reports;    /* report_existing, until the first scan */
};

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

/* The record name of a mount's source: "sda1" for "/dev/sda1", "" for a
 * source that is not a plain block device name. */
static char *usb_record_name(const char *source)
{
	const char *name = strncmp(source, "/dev/", 5) ? NULL : source + 5;

	if (!name || !*name || strlen(name) > 32 ||
	    strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789") != strlen(name))
		name = "";
	return strdup(name);
}

/* Adds m to found when it holds the bundle folder: a directory, or a link
 * of that name, reported so that the update refuses it and says why (a
 * clerk's stick must not be ignored in silence). Returns -1 on ENOMEM. */
static int usb_consider(const struct usb_watch *w, const struct usb_mount *m,
			struct usb_found *found, size_t *n)
{
	struct stat st;
	size_t l = strlen(m->mount_point) + strlen(w->bundle_dir) + 2;
	char *bundle = malloc(l);
	struct usb_found *f = &found[*n];

	if (!bundle)
		return -1;
	snprintf(bundle, l, "%s%s%s", m->mount_point,
		 m->mount_point[strlen(m->mount_point) - 1] == '/' ? "" : "/", w->bundle_dir);
	if (lstat(bundle, &st) != 0 || !(S_ISDIR(st.st_mode) || S_ISLNK(st.st_mode))) {
		log_info("%s (%s, %s) mounted, without a %s folder: not a content stick",
			 m->mount_point, m->source, m->fstype, w->bundle_dir);
		free(bundle);
		return 0;
	}
	*f = (struct usb_found){ strdup(m->mount_point), bundle, strdup(m->source),
				 usb_record_name(m->source), usb_mount_has_option(m, "ro") };
	if (!f->mount_point || !f->source || !f->record) {
		free(f->mount_point);
		free(f->source);
		free(f->record);
		free(bundle);
		return -1;
	}
	log_info("%s (%s, %s, %s) mounted with a bundle folder %s%s", m->mount_point, m->source,
		 m->fstype, f->read_only ? "read-only" : "read-write", bundle,
		 S_ISLNK(st.st_mode) ? " that is a symbolic link" : "");
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
		free(found[i].source);
		free(found[i].record);
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
