/* SPDX-License-Identifier: MIT */
/*
 * stick: the root helper's side of writing the kiosk's report onto a stick
 * mounted read-only (firmware/system/bangtin-stick-report, run by
 * bangtin-report@.service for one connection of the kiosk). The kiosk names
 * the record that `bangtin-stick mount` (bangtin-mount@.service) wrote of a
 * mount it made, never a path; the helper acts only on that mount, reached
 * without following a link at any step, and refuses everything else. The
 * request and record parsers are pure (and fuzzed); stick_report() does the
 * remount and the write. No threads, no globals.
 */
#ifndef BANGTIN_STICK_H
#define BANGTIN_STICK_H

#include <stddef.h>

#define STICK_ERR_MAX 512
/* Where bangtin-stick mount keeps its records (root, 0700), and the media
 * folder its mounts are below; BANGTIN_STICK_RUN and BANGTIN_MEDIA override
 * them (the tests). */
#define STICK_RUN_DIR "/run/bangtin-stick"
#define STICK_MEDIA_DIR "/media/bangtin"
/* A record's name: a kernel block device name ("sda1", "mmcblk1p1"). */
#define STICK_NAME_MAX 32
/* The most report text the helper writes. */
#define STICK_REPORT_MAX 65536
/* The most a request can be: the name line and the text. */
#define STICK_REQUEST_MAX (STICK_NAME_MAX + 1 + STICK_REPORT_MAX)
/* The file written at the top of the stick. */
#define STICK_REPORT_FILE "BAOCAO.txt"

/* The kiosk's request: the record's name on the first line, the report
 * text after it. */
struct stick_request {
	char name[STICK_NAME_MAX + 1];
	const char *text;   /* points into the parsed buffer */
	size_t len;
};

/*
 * Parses a request of len bytes: "NAME\n" then the text. NAME is 1 to
 * STICK_NAME_MAX of [a-z0-9] (so never a path); the text is at most
 * STICK_REPORT_MAX bytes without NUL. Returns 0, or -1 with err saying what
 * is wrong (English, without the request's bytes beyond the name).
 */
int stick_request_parse(const char *buf, size_t len, struct stick_request *req, char *err,
			size_t errsize);

/* A record of bangtin-stick mount: the line of the mount table of the mount
 * it made, "MOUNT_ID MAJOR:MINOR MOUNT_POINT\n". */
struct stick_record {
	int mount_id;
	unsigned major, minor;
	char mount_point[256];
};

/*
 * Parses a record of len bytes: exactly that one line, MOUNT_ID and the
 * device numbers decimal, MOUNT_POINT media + "/" + one folder name of
 * [A-Za-z0-9._-] not starting with '.' (what bangtin-stick mount makes).
 * Returns 0, or -1 with err.
 */
int stick_record_parse(const char *buf, size_t len, const char *media, struct stick_record *rec,
		       char *err, size_t errsize);

/*
 * Writes req's text as STICK_REPORT_FILE at the top of the stick of record
 * req->name in run_dir (a root-owned folder not writable by others; the
 * record a regular root-owned file, opened with O_NOFOLLOW): the record's
 * mount point is opened from "/" one component at a time with O_NOFOLLOW;
 * it must be the root of the mount with the record's ID and device, which
 * the mount table says is mounted there from /dev/NAME with a stick's file
 * system. Then it is remounted read-write through that descriptor (no path
 * is resolved again), the text written into a fresh file (O_EXCL,
 * O_NOFOLLOW), fsync'ed and renamed over STICK_REPORT_FILE (a link or FIFO
 * of that name is replaced, never followed), and the mount is remounted
 * read-only on every way out. Returns 0, or -1 with err (English, naming
 * the record, the path and the reason).
 */
int stick_report(const char *run_dir, const char *media, const struct stick_request *req,
		 char *err, size_t errsize);

#endif
