/* SPDX-License-Identifier: MIT */
/*
 * log: what reaches stderr, captured through a temporary file: journald's
 * "<N>tag: " prefix, the plain "ident: level: " style, the threshold, and
 * level names.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define LOG_TAG "test"
#include "log.h"

/* Runs fn with stderr redirected to a temp file and returns what it wrote. */
static char *capture(void (*fn)(void))
{
	static char out[4096];
	FILE *tmp = tmpfile();
	int saved = dup(STDERR_FILENO);

	assert_non_null(tmp);
	assert_true(saved >= 0);
	fflush(stderr);
	assert_true(dup2(fileno(tmp), STDERR_FILENO) >= 0);
	fn();
	fflush(stderr);
	assert_true(dup2(saved, STDERR_FILENO) >= 0);
	close(saved);
	rewind(tmp);
	size_t n = fread(out, 1, sizeof out - 1, tmp);
	out[n] = '\0';
	fclose(tmp);
	return out;
}

static void write_each_level(void)
{
	log_error("cannot open %s", "a.db");
	log_warning("%d files skipped", 2);
	log_notice("imported\n"); /* a trailing newline is not doubled */
	log_info("info %s", "line");
	log_debug("debug line");
}

static void test_journal_prefix(void **state)
{
	(void)state;
	log_init("bangtinctl", LOG_LEVEL_DEBUG, LOG_PREFIX_JOURNAL);
	assert_true(log_is_journal());
	assert_string_equal(capture(write_each_level),
			    "<3>test: cannot open a.db\n"
			    "<4>test: 2 files skipped\n"
			    "<5>test: imported\n"
			    "<6>test: info line\n"
			    "<7>test: debug line\n");
}

static void test_plain_prefix(void **state)
{
	(void)state;
	log_init("bangtinctl", LOG_LEVEL_DEBUG, LOG_PREFIX_PLAIN);
	assert_false(log_is_journal());
	assert_string_equal(capture(write_each_level),
			    "bangtinctl: error: cannot open a.db\n"
			    "bangtinctl: warning: 2 files skipped\n"
			    "bangtinctl: imported\n"
			    "bangtinctl: info line\n"
			    "bangtinctl: debug: debug line\n");
}

static void test_threshold_drops_verbose(void **state)
{
	(void)state;
	log_init("x", LOG_LEVEL_WARNING, LOG_PREFIX_JOURNAL);
	assert_int_equal(log_get_level(), LOG_LEVEL_WARNING);
	assert_string_equal(capture(write_each_level),
			    "<3>test: cannot open a.db\n"
			    "<4>test: 2 files skipped\n");
}

static void write_lines(void)
{
	log_line(LOG_LEVEL_ERROR, "%s:%d: error: [encoding] not UTF-8", "f.txt", 3);
	log_line(LOG_LEVEL_INFO, "dropped below the threshold");
}

static void test_bare_lines(void **state)
{
	(void)state;
	log_init("bangtinctl", LOG_LEVEL_NOTICE, LOG_PREFIX_PLAIN);
	assert_string_equal(capture(write_lines), "f.txt:3: error: [encoding] not UTF-8\n");
	log_init("bangtinctl", LOG_LEVEL_NOTICE, LOG_PREFIX_JOURNAL);
	assert_string_equal(capture(write_lines), "<3>f.txt:3: error: [encoding] not UTF-8\n");
}

static void write_long(void)
{
	char big[3000];

	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	log_error("%s", big);
}

static void test_long_message_truncated_with_newline(void **state)
{
	(void)state;
	log_init("bangtinctl", LOG_LEVEL_INFO, LOG_PREFIX_JOURNAL);
	char *out = capture(write_long);
	size_t n = strlen(out);
	assert_int_equal(n, 2048);
	assert_memory_equal(out, "<3>test: xxx", 12);
	assert_memory_equal(out + n - 5, "...x\n", 5);
	assert_ptr_equal(strchr(out, '\n'), out + n - 1); /* one line */
}

static void test_level_parse(void **state)
{
	enum log_level l = LOG_LEVEL_INFO;

	(void)state;
	assert_true(log_level_parse("debug", &l));
	assert_int_equal(l, LOG_LEVEL_DEBUG);
	assert_true(log_level_parse("error", &l));
	assert_int_equal(l, LOG_LEVEL_ERROR);
	assert_true(log_level_parse("5", &l));
	assert_int_equal(l, LOG_LEVEL_NOTICE);
	assert_false(log_level_parse("loud", &l));
	assert_false(log_level_parse("8", &l));
	assert_false(log_level_parse(NULL, &l));
	assert_int_equal(l, LOG_LEVEL_NOTICE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_journal_prefix),
		cmocka_unit_test(test_plain_prefix),
		cmocka_unit_test(test_threshold_drops_verbose),
		cmocka_unit_test(test_bare_lines),
		cmocka_unit_test(test_long_message_truncated_with_newline),
		cmocka_unit_test(test_level_parse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
