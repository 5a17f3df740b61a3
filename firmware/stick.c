/* SPDX-License-Identifier: MIT */
/*
 * stick.c: the report helper's request and record parsers and the one write
 * it makes onto a stick mounted read-only (see stick.h).
 */
#define _GNU_SOURCE /* statx(), STATX_MNT_ID */
#include "stick.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "errmsg.h"
#include "fdio.h"
#include "usb.h"

#define stick_fail errmsg_set

/* A record is one short line. */
#define STICK_RECORD_MAX 512
/* How long a missing record is waited for (stick_record_read()). */
#define STICK_RECORD_WAIT_MS 5000
/* The file systems bangtin-stick mount mounts. */
static const char *const stick_fstypes[] = {
	"vfat", "exfat", "ntfs", "ntfs3", "ext2", "ext3", "ext4", "iso9660", "udf",
};

int stick_request_parse(const char *buf, size_t len, struct stick_request *req, char *err,
			size_t errsize)
{
	const char *nl = memchr(buf, '\n', len < STICK_NAME_MAX + 1 ? len : STICK_NAME_MAX + 1);
	size_t n;

	memset(req, 0, sizeof *req);
	if (!nl)
		return stick_fail(err, errsize, "the first line is not a record name of 1 to %d "
				  "characters", STICK_NAME_MAX);
	n = (size_t)(nl - buf);
	if (n == 0)
		return stick_fail(err, errsize, "an empty record name");
	for (size_t i = 0; i < n; i++)
		if (!((buf[i] >= 'a' && buf[i] <= 'z') || (buf[i] >= '0' && buf[i] <= '9')))
			return stick_fail(err, errsize, "the record name has a character other "
					  "than a-z 0-9 (byte %zu): a device name, never a path",
					  i + 1);
	memcpy(req->name, buf, n);
	req->name[n] = '\0';
	req->text = nl + 1;
	req->len = len - n - 1;
	if (req->len > STICK_REPORT_MAX)
		return stick_fail(err, errsize, "%s: the report is %zu bytes, over %d", req->name,
				  req->len, STICK_REPORT_MAX);
	if (memchr(req->text, '\0', req->len))
		return stick_fail(err, errsize, "%s: a NUL byte in the report", req->name);
	return 0;
}

/* Reads a decimal number of at most 10 digits from *p up to stop. */
static bool stick_number(const char **p, const char *end, char stop, unsigned long *out)
{
	const char *s = *p;
	unsigned long v = 0;

	if (s >= end || *s < '0' || *s > '9' || (*s == '0' && s + 1 < end && s[1] != stop))
		return false;
	for (; s < end && *s >= '0' && *s <= '9'; s++) {
		if (s - *p >= 10)
			return false;
		v = v * 10 + (unsigned long)(*s - '0');
	}
	if (s >= end || *s != stop)
		return false;
	*p = s + 1;
	*out = v;
	return true;
}

int stick_record_parse(const char *buf, size_t len, const char *media, struct stick_record *rec,
		       char *err, size_t errsize)
{
	const char *p = buf, *end = buf + len, *name;
	size_t mlen = strlen(media), n;
	unsigned long id, major, minor;

	memset(rec, 0, sizeof *rec);
	if (len == 0 || buf[len - 1] != '\n' || memchr(buf, '\n', len - 1))
		return stick_fail(err, errsize, "not one line ending in LF");
	end--;
	if (!stick_number(&p, end, ' ', &id) || id == 0 || id > 0x7fffffff)
		return stick_fail(err, errsize, "mount ID: not a number");
	if (!stick_number(&p, end, ':', &major) || !stick_number(&p, end, ' ', &minor))
		return stick_fail(err, errsize, "device: not MAJOR:MINOR");
	n = (size_t)(end - p);
	if (n <= mlen + 1 || n >= sizeof rec->mount_point || strncmp(p, media, mlen) != 0 ||
	    p[mlen] != '/')
		return stick_fail(err, errsize, "mount point: not a folder of %s", media);
	name = p + mlen + 1;
	if (*name == '.')
		return stick_fail(err, errsize, "mount point: a name starting with '.'");
	for (const char *c = name; c < end; c++)
		if (!((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') ||
		      (*c >= '0' && *c <= '9') || *c == '.' || *c == '_' || *c == '-'))
			return stick_fail(err, errsize, "mount point: a character other than "
					  "A-Z a-z 0-9 . _ - in its name");
	rec->mount_id = (int)id;
	rec->major = (unsigned)major;
	rec->minor = (unsigned)minor;
	memcpy(rec->mount_point, p, n);
	rec->mount_point[n] = '\0';
	return 0;
}

/* Whether st (of an open folder or file) is root's and nobody else may
 * change it. */
static bool stick_root_owned(const struct stat *st)
{
	return st->st_uid == 0 && !(st->st_mode & (S_IWGRP | S_IWOTH));
}

/* Reads and parses record name of run_dir. */
static int stick_record_read(const char *run_dir, const char *media, const char *name,
			     struct stick_record *rec, char *err, size_t errsize)
{
	char buf[STICK_RECORD_MAX + 1], why[STICK_ERR_MAX / 2];
	int dfd = open(run_dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC), fd;
	struct stat st;
	ssize_t n;

	if (dfd < 0)
		return stick_fail(err, errsize, "%s: %s", run_dir, strerror(errno));
	if (fstat(dfd, &st) != 0 || !stick_root_owned(&st)) {
		close(dfd);
		return stick_fail(err, errsize, "%s: not root's alone", run_dir);
	}
	fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	/* The kiosk sees the mount the moment mount(8) returns; bangtin-stick
	 * writes the record just after (it needs the mount's ID). A kiosk that
	 * applied a small bundle quickly can ask first: wait for the record a
	 * bounded while. */
	for (int waited = 0; fd < 0 && errno == ENOENT && waited < STICK_RECORD_WAIT_MS;
	     waited += 100) {
		nanosleep(&(struct timespec){ 0, 100 * 1000 * 1000 }, NULL);
		fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	}
	close(dfd);
	if (fd < 0)
		return stick_fail(err, errsize, "%s: %s", name,
				  errno == ENOENT ? "no record: not a stick bangtin-stick mounted" :
				  errno == ELOOP ? "the record is a symbolic link" : strerror(errno));
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || !stick_root_owned(&st)) {
		close(fd);
		return stick_fail(err, errsize, "%s: the record is not a regular file of root's",
				  name);
	}
	n = read(fd, buf, sizeof buf);
	close(fd);
	if (n < 0 || n > STICK_RECORD_MAX)
		return stick_fail(err, errsize, "%s: the record cannot be read or is too long",
				  name);
	if (stick_record_parse(buf, (size_t)n, media, rec, why, sizeof why) != 0)
		return stick_fail(err, errsize, "%s: record: %s", name, why);
	return 0;
}

/* Opens path (absolute) from "/" one component at a time, never following
 * a link; -1 with errno. */
static int stick_open_nofollow(const char *path)
{
	char comp[256];
	int cur = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	for (const char *p = path; cur >= 0 && *p; ) {
		size_t n;
		int next, saved;

		p += strspn(p, "/");
		n = strcspn(p, "/");
		if (n == 0)
			break;
		if (n >= sizeof comp || (n <= 2 && p[0] == '.' && (n == 1 || p[1] == '.'))) {
			close(cur);
			errno = EINVAL;
			return -1;
		}
		memcpy(comp, p, n);
		comp[n] = '\0';
		next = openat(cur, comp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		saved = errno;
		close(cur);
		errno = saved;
		cur = next;
		p += n;
	}
	return cur;
}

/* The open folder mfd is the root of the recorded mount, which the mount
 * table shows at the recorded place, from /dev/NAME, with a stick's file
 * system. */
static int stick_check_mount(int mfd, const struct stick_record *rec, const char *name,
			     char *err, size_t errsize)
{
	const char *mp = rec->mount_point;
	struct statx sx;
	struct usb_table t;
	char why[STICK_ERR_MAX / 2], src[64];
	int rc = -1;

	if (statx(mfd, "", AT_EMPTY_PATH, STATX_TYPE | STATX_MNT_ID, &sx) != 0)
		return stick_fail(err, errsize, "%s: statx: %s", mp, strerror(errno));
	if (!(sx.stx_attributes_mask & STATX_ATTR_MOUNT_ROOT) ||
	    !(sx.stx_attributes & STATX_ATTR_MOUNT_ROOT))
		return stick_fail(err, errsize, "%s: not a mount point any more", mp);
	if (!(sx.stx_mask & STATX_MNT_ID) || sx.stx_mnt_id != (unsigned long long)rec->mount_id ||
	    sx.stx_dev_major != rec->major || sx.stx_dev_minor != rec->minor)
		return stick_fail(err, errsize, "%s: not the mount recorded for %s (mounted again "
				  "since?)", mp, name);
	if (usb_mountinfo_load(NULL, &t, why, sizeof why) != 0)
		return stick_fail(err, errsize, "%s", why);
	snprintf(src, sizeof src, "/dev/%s", name);
	for (size_t i = 0; i < t.n; i++) {
		const struct usb_mount *m = &t.m[i];
		bool fs_ok = false;

		if (m->id != rec->mount_id)
			continue;
		for (size_t k = 0; k < sizeof stick_fstypes / sizeof *stick_fstypes; k++)
			fs_ok = fs_ok || !strcmp(m->fstype, stick_fstypes[k]);
		if (strcmp(m->mount_point, mp) != 0)
			stick_fail(err, errsize, "%s: the mount table has it at %s", mp,
				   m->mount_point);
		else if (strcmp(m->source, src) != 0)
			stick_fail(err, errsize, "%s: mounted from %s, not %s", mp, m->source, src);
		else if (!fs_ok)
			stick_fail(err, errsize, "%s: file system %s is not a stick's", mp, m->fstype);
		else
			rc = 0;
		usb_table_free(&t);
		return rc;
	}
	usb_table_free(&t);
	return stick_fail(err, errsize, "%s: mount %d is not in the mount table", mp,
			  rec->mount_id);
}

/* Remounts the mount whose root is open as mfd: through /proc/self/fd,
 * which names that very mount, so no path is looked up again. */
static int stick_remount(int mfd, bool rw)
{
	char proc[64];
	unsigned long flags = MS_REMOUNT | MS_NOSUID | MS_NODEV | MS_NOEXEC | (rw ? 0 : MS_RDONLY);

	snprintf(proc, sizeof proc, "/proc/self/fd/%d", mfd);
	return mount(NULL, proc, NULL, flags, NULL);
}

/* Writes the text into a fresh file and renames it over the report. */
static int stick_write(int mfd, const struct stick_request *req, const char *mp, char *err,
		       size_t errsize)
{
	char tmp[64];
	int fd = -1, e = 0;

	for (int tries = 0; fd < 0 && tries < 100; tries++) {
		struct timespec ts;

		clock_gettime(CLOCK_MONOTONIC, &ts);
		snprintf(tmp, sizeof tmp, ".BAOCAO.%ld.%ld", (long)getpid(),
			 (long)(ts.tv_nsec + tries));
		fd = openat(mfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
		if (fd < 0 && errno != EEXIST)
			break;
	}
	if (fd < 0)
		return stick_fail(err, errsize, "%s: cannot create a file: %s", mp, strerror(errno));
	e = fdio_write_all(fd, req->text, req->len, true);
	if (close(fd) != 0 && !e)
		e = errno;
	if (!e && renameat(mfd, tmp, mfd, STICK_REPORT_FILE) != 0)
		e = errno;
	if (e) {
		unlinkat(mfd, tmp, 0);
		return stick_fail(err, errsize, "%s: cannot write %s: %s", mp, STICK_REPORT_FILE,
				  strerror(e));
	}
	fsync(mfd);
	return 0;
}

int stick_report(const char *run_dir, const char *media, const struct stick_request *req,
		 char *err, size_t errsize)
{
	struct stick_record rec;
	int mfd, rc;

	if (stick_record_read(run_dir, media, req->name, &rec, err, errsize) != 0)
		return -1;
	mfd = stick_open_nofollow(rec.mount_point);
	if (mfd < 0)
		return stick_fail(err, errsize, "%s: %s", rec.mount_point,
				  errno == ELOOP || errno == ENOTDIR ?
				  "a symbolic link on the way, not followed" : strerror(errno));
	rc = stick_check_mount(mfd, &rec, req->name, err, errsize);
	if (rc == 0 && stick_remount(mfd, true) != 0)
		rc = stick_fail(err, errsize, "%s: cannot remount read-write: %s", rec.mount_point,
				strerror(errno));
	else if (rc == 0) {
		rc = stick_write(mfd, req, rec.mount_point, err, errsize);
		/* Read-only again whatever happened to the write. */
		if (stick_remount(mfd, false) != 0 && rc == 0)
			rc = stick_fail(err, errsize, "%s: written, but cannot remount read-only: %s",
					rec.mount_point, strerror(errno));
	}
	close(mfd);
	return rc;
}
