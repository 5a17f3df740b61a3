/* SPDX-License-Identifier: MIT */
/*
 * source: reading the files of an import from a real temporary directory
 * (order, filtering, refusals before reading). The database path's choice
 * is test_paths.c's.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "source.h"

struct fixture {
	char dir[64];
	char err[512];
};

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof *fx);
	if (!fx)
		return -1;
	snprintf(fx->dir, sizeof fx->dir, "/tmp/test_source.XXXXXX");
	if (!mkdtemp(fx->dir)) {
		free(fx);
		return -1;
	}
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	char cmd[128];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", fx->dir);
	int rc = system(cmd);
	free(fx);
	return rc == 0 ? 0 : -1;
}

static const char *basename_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

static void test_dir_sorted_txt_only(void **state)
{
	struct fixture *fx = *state;
	struct source_set set = { 0 };
	char sub[128];
	const char *paths[1] = { fx->dir };

	write_file(fx->dir, "b.txt", "second");
	write_file(fx->dir, "a.txt", "first");
	write_file(fx->dir, "C.TXT", "upper case extension");
	write_file(fx->dir, ".hidden.txt", "hidden");
	write_file(fx->dir, "._a.txt", "macOS resource fork");
	write_file(fx->dir, "notes.md", "not text");
	write_file(fx->dir, "txt", "no extension");
	snprintf(sub, sizeof sub, "%s/sub.txt", fx->dir);
	assert_int_equal(mkdir(sub, 0700), 0);
	write_file(sub, "deep.txt", "not recursed into");

	assert_int_equal(source_read(paths, 1, 0, &set, fx->err, sizeof fx->err), 0);
	assert_int_equal(set.n, 3);
	/* byte order: upper case sorts before lower case */
	assert_string_equal(basename_of(set.items[0].path), "C.TXT");
	assert_string_equal(basename_of(set.items[1].path), "a.txt");
	assert_string_equal(basename_of(set.items[2].path), "b.txt");
	assert_int_equal(set.items[1].len, 5);
	assert_memory_equal(set.items[1].bytes, "first", 6); /* NUL-terminated */
	assert_string_equal(set.items[2].bytes, "second");
	char want[128];
	snprintf(want, sizeof want, "%s/a.txt", fx->dir);
	assert_string_equal(set.items[1].path, want);
	source_set_free(&set);
	assert_null(set.items);
	assert_int_equal(set.n, 0);
}

static void test_files_in_given_order_once(void **state)
{
	struct fixture *fx = *state;
	struct source_set set = { 0 };
	char a[128], b[128], dirslash[128];

	write_file(fx->dir, "a.txt", "A");
	write_file(fx->dir, "b.txt", "");
	snprintf(a, sizeof a, "%s/a.txt", fx->dir);
	snprintf(b, sizeof b, "%s/b.txt", fx->dir);
	snprintf(dirslash, sizeof dirslash, "%s/", fx->dir);
	const char *paths[] = { b, a, dirslash, a };

	assert_int_equal(source_read(paths, 4, 0, &set, fx->err, sizeof fx->err), 0);
	assert_int_equal(set.n, 2);
	assert_string_equal(set.items[0].path, b);
	assert_int_equal(set.items[0].len, 0);
	assert_string_equal(set.items[0].bytes, "");
	assert_string_equal(set.items[1].path, a);
	assert_string_equal(set.items[1].bytes, "A");
	source_set_free(&set);
}

static void test_refuses_oversized(void **state)
{
	struct fixture *fx = *state;
	struct source_set set = { 0 };
	char big[128];

	write_file(fx->dir, "ok.txt", "0123456789");
	write_file(fx->dir, "big.txt", "0123456789A");
	snprintf(big, sizeof big, "%s/big.txt", fx->dir);
	const char *paths[] = { fx->dir };

	assert_int_equal(source_read(paths, 1, 10, &set, fx->err, sizeof fx->err), -1);
	assert_non_null(strstr(fx->err, big));
	assert_non_null(strstr(fx->err, "limit of 10 bytes"));
	assert_null(set.items);
	assert_int_equal(set.n, 0);

	/* exactly at the limit is fine */
	const char *ok[] = { big };
	assert_int_equal(source_read(ok, 1, 11, &set, fx->err, sizeof fx->err), 0);
	assert_int_equal(set.n, 1);
	assert_int_equal(set.items[0].len, 11);
	source_set_free(&set);
}

static void test_refuses_fifo_without_blocking(void **state)
{
	struct fixture *fx = *state;
	struct source_set set = { 0 };
	char fifo[128];

	snprintf(fifo, sizeof fifo, "%s/pipe.txt", fx->dir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	const char *paths[] = { fifo };
	assert_int_equal(source_read(paths, 1, 0, &set, fx->err, sizeof fx->err), -1);
	assert_non_null(strstr(fx->err, fifo));
	assert_non_null(strstr(fx->err, "not a regular file"));

	/* the same FIFO found in a directory is refused too */
	const char *dirs[] = { fx->dir };
	assert_int_equal(source_read(dirs, 1, 0, &set, fx->err, sizeof fx->err), -1);
	assert_non_null(strstr(fx->err, "pipe.txt: not a regular file"));
	assert_int_equal(set.n, 0);
}

static void test_refuses_missing_and_unreadable(void **state)
{
	struct fixture *fx = *state;
	struct source_set set = { 0 };
	char missing[128], secret[128];

	write_file(fx->dir, "a.txt", "A");
	snprintf(missing, sizeof missing, "%s/nope.txt", fx->dir);
	const char *paths[] = { fx->dir, missing };
	assert_int_equal(source_read(paths, 2, 0, &set, fx->err, sizeof fx->err), -1);
	assert_non_null(strstr(fx->err, missing));
	assert_non_null(strstr(fx->err, "No such file"));
	assert_null(set.items); /* what was read before the refusal is released */
	assert_int_equal(set.n, 0);

	if (geteuid() == 0) /* root reads mode 000 files */
		return;
	write_file(fx->dir, "secret.txt", "S");
	snprintf(secret, sizeof secret, "%s/secret.txt", fx->dir);
	assert_int_equal(chmod(secret, 0), 0);
	const char *one[] = { secret };
	assert_int_equal(source_read(one, 1, 0, &set, fx->err, sizeof fx->err), -1);
	assert_non_null(strstr(fx->err, secret));
	assert_non_null(strstr(fx->err, "cannot open"));
}

static void test_refuses_dir_without_txt(void **state)
{
	struct fixture *fx = *state;
	struct source_set set = { 0 };

	write_file(fx->dir, "readme.md", "no text files here");
	const char *paths[] = { fx->dir };
	assert_int_equal(source_read(paths, 1, 0, &set, fx->err, sizeof fx->err), -1);
	assert_non_null(strstr(fx->err, fx->dir));
	assert_non_null(strstr(fx->err, "no .txt files"));
}

static void write_bytes(const char *dir, const char *name, const char *bytes, size_t len)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(bytes, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/* A file Notepad saved as "Unicode" (UTF-16LE with a BOM), or as UTF-16BE,
 * is read as the UTF-8 text it holds (a pair of surrogates included);
 * broken UTF-16 is refused naming the byte. */
static void test_utf16_converted(void **state)
{
	struct fixture *fx = *state;
	/* "Số 1 ĐUK 😀" */
	static const char le[] = "\xff\xfe\x53\x00\xd1\x1e\x20\x00\x31\x00\x20\x00\x10\x01\x55\x00"
		"\x4b\x00\x20\x00\x3d\xd8\x00\xde";
	static const char be[] = "\xfe\xff\x00\x53\x1e\xd1\x00\x20\x00\x31\x00\x20\x01\x10\x00\x55"
		"\x00\x4b\x00\x20\xd8\x3d\xde\x00";
	static const char lone[] = "\xff\xfeS\0\x00\xdcK\0";
	static const char odd[] = "\xff\xfeS\0K";
	char a[128], b[128];
	const char *paths[] = { a, b };
	struct source_set set = { 0 };

	write_bytes(fx->dir, "le.txt", le, sizeof le - 1);
	write_bytes(fx->dir, "be.txt", be, sizeof be - 1);
	snprintf(a, sizeof a, "%s/le.txt", fx->dir);
	snprintf(b, sizeof b, "%s/be.txt", fx->dir);
	assert_int_equal(source_read(paths, 2, 0, &set, fx->err, sizeof fx->err), 0);
	assert_int_equal(set.n, 2);
	assert_string_equal(set.items[0].bytes, "Số 1 ĐUK \xf0\x9f\x98\x80");
	assert_int_equal(set.items[0].len, strlen("Số 1 ĐUK \xf0\x9f\x98\x80"));
	assert_string_equal(set.items[0].converted_from, "UTF-16LE");
	assert_string_equal(set.items[1].bytes, set.items[0].bytes);
	assert_string_equal(set.items[1].converted_from, "UTF-16BE");
	source_set_free(&set);

	write_bytes(fx->dir, "plain.txt", "Số 1", strlen("Số 1"));
	snprintf(a, sizeof a, "%s/plain.txt", fx->dir);
	assert_int_equal(source_read(paths, 1, 0, &set, fx->err, sizeof fx->err), 0);
	assert_null(set.items[0].converted_from);
	source_set_free(&set);

	write_bytes(fx->dir, "lone.txt", lone, sizeof lone - 1);
	snprintf(a, sizeof a, "%s/lone.txt", fx->dir);
	assert_int_equal(source_read(paths, 1, 0, &set, fx->err, sizeof fx->err), -1);
	assert_non_null(strstr(fx->err, "lone.txt: not UTF-16 as its byte order mark says: bad byte at 4"));
	write_bytes(fx->dir, "odd.txt", odd, sizeof odd - 1);
	snprintf(a, sizeof a, "%s/odd.txt", fx->dir);
	assert_int_equal(source_read(paths, 1, 0, &set, fx->err, sizeof fx->err), -1);
	assert_non_null(strstr(fx->err, "odd.txt: not UTF-16 as its byte order mark says: bad byte at 4"));
	assert_int_equal(set.n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_dir_sorted_txt_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_files_in_given_order_once, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuses_oversized, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuses_fifo_without_blocking, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuses_missing_and_unreadable, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuses_dir_without_txt, setup, teardown),
		cmocka_unit_test_setup_teardown(test_utf16_converted, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
