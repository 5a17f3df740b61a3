/* SPDX-License-Identifier: MIT */
/*
 * fdio: a buffer sixteen times what a pipe holds arrives whole while the
 * other end reads it in small pieces, and a failing descriptor gives its
 * errno rather than a loop.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fdio.h"

#define BIG (1 << 20) /* 16 times a pipe's default 64 KiB */

struct reader {
	int fd;
	char *got;
	size_t n;
};

static void *read_slowly(void *arg)
{
	struct reader *r = arg;
	ssize_t k;

	while ((k = read(r->fd, r->got + r->n, 4096)) > 0)
		r->n += (size_t)k;
	return NULL;
}

static void test_written_whole(void **state)
{
	char *buf = malloc(BIG);
	struct reader r = { -1, malloc(BIG + 1), 0 };
	int p[2];
	pthread_t t;

	(void)state;
	assert_non_null(buf);
	assert_non_null(r.got);
	for (size_t i = 0; i < BIG; i++)
		buf[i] = (char)('a' + i % 26);
	assert_int_equal(pipe(p), 0);
	r.fd = p[0];
	assert_int_equal(pthread_create(&t, NULL, read_slowly, &r), 0);
	assert_int_equal(fdio_write_all(p[1], buf, BIG, false), 0);
	close(p[1]);
	pthread_join(t, NULL);
	close(p[0]);
	assert_int_equal(r.n, BIG);
	assert_memory_equal(r.got, buf, BIG);
	free(buf);
	free(r.got);
}

static void test_failure_is_errno(void **state)
{
	char path[] = "/tmp/test_fdio.XXXXXX";
	int fd = mkstemp(path);
	int ro;

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(fdio_write_all(fd, "abc", 3, true), 0);
	close(fd);
	ro = open(path, O_RDONLY);
	assert_true(ro >= 0);
	/* a descriptor open for reading only */
	assert_int_equal(fdio_write_all(ro, "abc", 3, true), EBADF);
	assert_int_equal(errno, EBADF);
	close(ro);
	unlink(path);
	/* nothing to write: nothing done, even on a closed descriptor */
	assert_int_equal(fdio_write_all(-1, "", 0, false), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_written_whole),
		cmocka_unit_test(test_failure_is_errno),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
