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
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#include "usb_int.h"

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
