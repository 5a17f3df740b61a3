/* SPDX-License-Identifier: MIT */
/*
 * bangtin-stick-report: the root helper that writes the kiosk's update
 * report onto a stick mounted read-only, run by bangtin-report@.service for
 * one connection on bangtin-report.socket (stdin and stdout are the
 * socket). Reads at most one request (the record name bangtin-stick mount
 * wrote, on the first line; the report text after it), does stick_report()
 * (firmware/stick.h) and answers "ok" or "error: WHY" on one line; logs in
 * English on stderr (the journal). Exit status 0 or 1.
 */
#define LOG_TAG "bangtin-stick-report"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "stick.h"

static int answer(const char *why)
{
	if (why) {
		log_error("%s", why);
		printf("error: %s\n", why);
	} else {
		printf("ok\n");
	}
	return fflush(stdout) == 0 && !why ? 0 : 1;
}

int main(void)
{
	static char buf[STICK_REQUEST_MAX + 1];
	const char *run = getenv("BANGTIN_STICK_RUN"), *media = getenv("BANGTIN_MEDIA");
	char err[STICK_ERR_MAX];
	struct stick_request req;
	size_t n = 0;

	log_init("bangtin-stick-report", LOG_LEVEL_INFO, LOG_PREFIX_AUTO);
	while (n < sizeof buf) {
		ssize_t r = read(0, buf + n, sizeof buf - n);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			snprintf(err, sizeof err, "cannot read the request: %s", strerror(errno));
			return answer(err);
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	if (n > STICK_REQUEST_MAX) {
		snprintf(err, sizeof err, "the request is over %d bytes", STICK_REQUEST_MAX);
		return answer(err);
	}
	if (stick_request_parse(buf, n, &req, err, sizeof err) != 0 ||
	    stick_report(run && *run ? run : STICK_RUN_DIR, media && *media ? media : STICK_MEDIA_DIR,
			 &req, err, sizeof err) != 0)
		return answer(err);
	log_info("%s: report written (%zu bytes)", req.name, req.len);
	return answer(NULL);
}
