/* SPDX-License-Identifier: MIT */
/*
 * usb: notices a USB stick holding a content bundle without polling the disk.
 * It reads the kernel's mount table (/proc/self/mountinfo), whose file
 * descriptor the kernel marks POLLPRI | POLLERR whenever a mount comes or
 * goes, and reports the new mounts under the configured media roots that
 * hold a bundle folder. The parser is pure; the watcher owns one open file
 * and the list of mounts it has seen. It never reads the stick beyond one
 * stat() of the bundle folder, and it starts no thread: the caller waits on
 * usb_watch_fd() wherever it waits.
 */
#ifndef BANGTIN_USB_H
#define BANGTIN_USB_H

#include <stdbool.h>
#include <stddef.h>

#define USB_ERR_MAX 512
#define USB_MOUNTINFO "/proc/self/mountinfo"
#define USB_ROOTS_MAX 16

/* One line of the mount table, unescaped (\040 is a space again). */
struct usb_mount {
	int id;              /* the kernel's mount ID (unique while mounted) */
	char *mount_point;   /* "/media/bangtin/SO LIEU" */
	char *fstype;        /* "vfat", "tmpfs" */
	char *source;        /* "/dev/sda1" */
	char *options;       /* per-mount options: "ro,nosuid,nodev,noexec,relatime" */
};

struct usb_table {
	struct usb_mount *m;
	size_t n;
};

/*
 * Parses the text of a mountinfo file (len bytes, need not end in a NUL)
 * into t, undoing the kernel's octal escapes (\040 space, \011 tab, \012
 * newline, \134 backslash) in the mount point and the source. Returns 0, or
 * -1 with err naming the line and field ("mountinfo:3: no ' - ' separator")
 * and t empty. The caller frees t with usb_table_free().
 */
int usb_mountinfo_parse(const char *text, size_t len, struct usb_table *t, char *err,
			size_t errsize);
void usb_table_free(struct usb_table *t);

/* Reads and parses the mount table at path (NULL: USB_MOUNTINFO) into t,
 * as usb_mountinfo_parse(). Returns 0, or -1 with err and t empty. */
int usb_mountinfo_load(const char *path, struct usb_table *t, char *err, size_t errsize);

/* Whether the mount options (comma-separated) hold option opt ("ro"). */
bool usb_mount_has_option(const struct usb_mount *m, const char *opt);

/* The media roots: absolute directories, without their trailing '/'. */
struct usb_roots {
	char *dir[USB_ROOTS_MAX];
	size_t n;
};

/*
 * Parses spec, the config's media_roots: absolute paths separated by spaces
 * or commas ("/media /run/media /mnt/bangtin"). Returns 0, or -1 with err
 * naming the entry (relative, empty list, more than USB_ROOTS_MAX). The
 * caller frees r with usb_roots_free().
 */
int usb_roots_parse(const char *spec, struct usb_roots *r, char *err, size_t errsize);
void usb_roots_free(struct usb_roots *r);

/* Whether path is one of the roots or lies below one ("/media" covers
 * "/media/bangtin/KINGSTON", not "/mediax"). */
bool usb_roots_cover(const struct usb_roots *r, const char *path);

struct usb_watch;

/* What the watcher reports: a new mount under a root holding the bundle. */
struct usb_found {
	char *mount_point;   /* "/media/bangtin/KINGSTON" */
	char *bundle;        /* "/media/bangtin/KINGSTON/BANGTIN" */
	char *source;        /* "/dev/sda1" */
	char *record;        /* "sda1": the kernel name of a /dev/ source, the
				name of bangtin-mount@'s record; "" for any
				other source */
	bool read_only;      /* mounted ro: the report needs a remount */
};

/*
 * Opens the mount table at path (NULL: USB_MOUNTINFO) for roots (spec as
 * usb_roots_parse reads it) and bundle_dir (the folder name on the stick,
 * "BANGTIN"). With report_existing false the mounts present now count as
 * seen, so only mounts that come later are reported; with true the first
 * usb_watch_scan() reports the sticks already in. Returns NULL with err on
 * a bad spec or an unreadable table. The caller frees it with
 * usb_watch_free().
 */
struct usb_watch *usb_watch_new(const char *path, const char *roots, const char *bundle_dir,
				bool report_existing, char *err, size_t errsize);
void usb_watch_free(struct usb_watch *w);

/* The descriptor to poll() for POLLPRI: ready (POLLPRI | POLLERR) when the
 * mount table changed since the last poll. The watcher keeps ownership. */
int usb_watch_fd(const struct usb_watch *w);

/*
 * Reads the table again and fills *found (malloc'ed array, *n entries) with
 * the mounts that appeared under a root since the last scan and hold the
 * bundle folder (a directory, or a link of that name, which the update then
 * refuses naming it: never followed here). A mount that goes away and comes
 * back is new again. A new mount without the folder is logged once and not
 * reported. Returns 0 (possibly with *n = 0), or -1 with err when the table
 * cannot be read or parsed. The caller frees the result with
 * usb_found_free(*found, *n).
 */
int usb_watch_scan(struct usb_watch *w, struct usb_found **found, size_t *n, char *err,
		   size_t errsize);
void usb_found_free(struct usb_found *found, size_t n);

/*
 * Waits up to timeout_ms (-1: for ever) for the mount table to change or
 * for wake_fd (-1: none) to become readable. Returns 1 when the table
 * changed, 2 when wake_fd is readable (it is not read), 0 on timeout, -1
 * with errno on a poll failure other than EINTR.
 */
int usb_watch_wait(const struct usb_watch *w, int wake_fd, int timeout_ms);

/*
 * Writes a report (len bytes of text) as file `name` at the top of the stick
 * f. A stick mounted read-write gets it directly: opened with O_NOFOLLOW
 * and O_NONBLOCK, written only when it is a regular file (a link, FIFO or
 * device of that name is refused, never followed or waited on), fsync'ed.
 * A read-only one gets it through the root helper listening on the Unix
 * socket at sock (bangtin-stick-report, firmware/stick.h: the kiosk sends
 * f->record, the name of bangtin-mount@'s record of the mount, never a
 * path, then the text; the helper answers "ok" or "error: ..."), waiting
 * at most USB_HELPER_TIMEOUT_S, and not at all once cancel_fd (-1: none)
 * is readable; with sock NULL or "", or a mount the helper did not make
 * (no record), it is not written. Returns 0, or -1 with why naming the
 * file or the socket and the reason, in English (the caller logs it and
 * goes on).
 */
#define USB_HELPER_TIMEOUT_S 30
int usb_report_write(const struct usb_found *f, const char *name, const char *sock,
		     int cancel_fd, const char *text, size_t len, char *why, size_t whysize);

#endif
