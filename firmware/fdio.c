/* SPDX-License-Identifier: MIT */
/* fdio: a buffer written whole (see fdio.h). */
#include "fdio.h"

#include <errno.h>
#include <unistd.h>

int fdio_write_all(int fd, const void *buf, size_t len, bool sync)
{
	const char *p = buf;
	size_t done = 0;

	while (done < len) {
		ssize_t w = write(fd, p + done, len - done);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			if (w == 0)
				errno = EIO;
			return errno;
		}
		done += (size_t)w;
	}
	if (sync && fsync(fd) != 0)
		return errno;
	return 0;
}
