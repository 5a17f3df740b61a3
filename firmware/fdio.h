/* SPDX-License-Identifier: MIT */
/*
 * fdio: writing a buffer whole to a file descriptor, the one loop every
 * module that writes a file (a key, a report, a staged copy) uses: write()
 * may write less than asked or be interrupted by a signal, and a write of
 * nothing must end the loop rather than spin. It owns nothing; the caller
 * opens and closes fd.
 */
#ifndef BANGTIN_FDIO_H
#define BANGTIN_FDIO_H

#include <stdbool.h>
#include <stddef.h>

/* Writes len bytes of buf to fd, again after EINTR and short writes, then
 * with sync fsync()s fd. Returns 0, or the errno value of the failure (EIO
 * when write() wrote nothing); errno is then that value too. */
int fdio_write_all(int fd, const void *buf, size_t len, bool sync);

#endif
