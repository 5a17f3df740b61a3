/* SPDX-License-Identifier: MIT */
/*
 * usb_report.c: writing the update report onto the stick: directly on a
 * stick mounted read-write, through the root helper (bangtin-stick-report,
 * firmware/stick.h) on one mounted read-only (see usb.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "fdio.h"
#include "usb_int.h"

/* Writes the report straight onto a stick mounted read-write: the file
 * is opened without following a link and without blocking (a FIFO of that
 * name has no reader: ENXIO), and only a regular file is written. */
static int usb_report_direct(const char *mount_point, const char *name, const char *text,
			     size_t len, char *why, size_t whysize)
{
	int dfd = open(mount_point, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC), fd, e = 0;
	struct stat st;

	if (dfd < 0)
		return usb_fail(why, whysize, "%s: %s", mount_point, strerror(errno));
	fd = openat(dfd, name, O_WRONLY | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC,
		    0644);
	close(dfd);
	if (fd < 0)
		return usb_fail(why, whysize, "%s/%s: %s", mount_point, name,
				errno == ENXIO ? "a FIFO, not a regular file: not written" :
				strerror(errno));
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return usb_fail(why, whysize, "%s/%s: not a regular file: not written",
				mount_point, name);
	}
	if (ftruncate(fd, 0) != 0)
		e = errno;
	if (!e)
		e = fdio_write_all(fd, text, len, true);
	if (close(fd) != 0 && !e)
		e = errno;
	if (e)
		return usb_fail(why, whysize, "%s/%s: %s", mount_point, name, strerror(e));
	return 0;
}

/* Waits until fd is ready for events, cancel_fd is readable (1) or the
 * deadline (CLOCK_MONOTONIC ms) passes (-1, ETIMEDOUT). 0 when ready. */
static int usb_wait(int fd, short events, int cancel_fd, int64_t deadline)
{
	for (;;) {
		struct pollfd p[2] = { { .fd = fd, .events = events },
				       { .fd = cancel_fd, .events = POLLIN } };
		struct timespec now;
		int64_t left;
		int r;

		clock_gettime(CLOCK_MONOTONIC, &now);
		left = deadline - ((int64_t)now.tv_sec * 1000 + now.tv_nsec / 1000000);
		if (left <= 0) {
			errno = ETIMEDOUT;
			return -1;
		}
		r = poll(p, cancel_fd >= 0 ? 2 : 1, (int)left);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (cancel_fd >= 0 && p[1].revents)
			return 1;
		if (p[0].revents)
			return 0;
	}
}

/* Sends everything of buf to the non-blocking fd; 0, 1 cancelled, -1. */
static int usb_send_all(int fd, const char *buf, size_t len, int cancel_fd, int64_t deadline)
{
	while (len) {
		ssize_t w = send(fd, buf, len, MSG_NOSIGNAL);
		int r;

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0 && errno == EAGAIN) {
			if ((r = usb_wait(fd, POLLOUT, cancel_fd, deadline)) != 0)
				return r;
			continue;
		}
		if (w <= 0)
			return -1;
		buf += w;
		len -= (size_t)w;
	}
	return 0;
}

/* Reads the helper's answer (at most size - 1 bytes, up to EOF). */
static int usb_read_answer(int fd, char *answer, size_t size, int cancel_fd, int64_t deadline)
{
	size_t n = 0;
	int r;

	while (n < size - 1) {
		ssize_t got = read(fd, answer + n, size - 1 - n);

		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0 && errno == EAGAIN) {
			if ((r = usb_wait(fd, POLLIN, cancel_fd, deadline)) != 0)
				return r;
			continue;
		}
		if (got < 0)
			return -1;
		if (got == 0)
			break;
		n += (size_t)got;
	}
	answer[n] = '\0';
	answer[strcspn(answer, "\r\n")] = '\0';
	return 0;
}

/* Asks the root helper listening on sock to write the report onto the
 * stick of record (bangtin-mount@'s record of what it mounted). Never
 * blocks longer than USB_HELPER_TIMEOUT_S, and not at all once cancel_fd
 * is readable. */
static int usb_report_helper(const char *record, const char *sock, int cancel_fd,
			     const char *text, size_t len, char *why, size_t whysize)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	struct timespec now;
	int64_t deadline;
	char answer[256];
	int fd, r;

	if (strlen(sock) >= sizeof sa.sun_path)
		return usb_fail(why, whysize, "%s: socket path too long", sock);
	memcpy(sa.sun_path, sock, strlen(sock) + 1);
	clock_gettime(CLOCK_MONOTONIC, &now);
	deadline = ((int64_t)now.tv_sec + USB_HELPER_TIMEOUT_S) * 1000 + now.tv_nsec / 1000000;
	/* Non-blocking: a full backlog is "busy", not a wait. */
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
		usb_fail(why, whysize, "%s: %s", sock, strerror(errno));
		goto err;
	}
	r = usb_send_all(fd, record, strlen(record), cancel_fd, deadline);
	if (r == 0)
		r = usb_send_all(fd, "\n", 1, cancel_fd, deadline);
	if (r == 0)
		r = usb_send_all(fd, text, len, cancel_fd, deadline);
	if (r == 0 && shutdown(fd, SHUT_WR) != 0)
		r = -1;
	if (r == 0)
		r = usb_read_answer(fd, answer, sizeof answer, cancel_fd, deadline);
	if (r != 0) {
		usb_fail(why, whysize, "%s: %s", sock, r > 0 ? "cancelled: the kiosk is stopping" :
			 errno == ETIMEDOUT ? "no answer from the helper in time" : strerror(errno));
		goto err;
	}
	close(fd);
	if (strcmp(answer, "ok") == 0)
		return 0;
	return usb_fail(why, whysize, "%s: the helper says: %s", sock,
			*answer ? answer : "nothing");
err:
	if (fd >= 0)
		close(fd);
	return -1;
}

int usb_report_write(const struct usb_found *f, const char *name, const char *sock,
		     int cancel_fd, const char *text, size_t len, char *why, size_t whysize)
{
	if (!f->read_only)
		return usb_report_direct(f->mount_point, name, text, len, why, whysize);
	if (!sock || !*sock)
		return usb_fail(why, whysize, "%s is mounted read-only and no report helper "
				"socket is set", f->mount_point);
	if (!f->record || !*f->record)
		return usb_fail(why, whysize, "%s is mounted read-only from %s, not a stick the "
				"helper mounted: not written", f->mount_point,
				f->source ? f->source : "?");
	return usb_report_helper(f->record, sock, cancel_fd, text, len, why, whysize);
}
