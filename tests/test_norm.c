/* SPDX-License-Identifier: MIT */
/* test_norm: cutting UTF-8 text to a byte budget (firmware/norm.c,
 * norm_cut): at a character boundary, and never between a character and
 * its combining marks, which would draw or quote a bare accent. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "norm.h"

static void test_cut_fits(void **state)
{
	(void)state;
	assert_int_equal(norm_cut("Quyết", 7, 7), 7);
	assert_int_equal(norm_cut("Quyết", 7, 100), 7);
	assert_int_equal(norm_cut("", 0, 0), 0);
}

static void test_cut_code_point(void **state)
{
	/* "Quyết" precomposed: ế is 3 bytes at 3..5. */
	const char *s = "Quyết định";

	(void)state;
	assert_int_equal(norm_cut(s, strlen(s), 3), 3);
	assert_int_equal(norm_cut(s, strlen(s), 4), 3);
	assert_int_equal(norm_cut(s, strlen(s), 5), 3);
	assert_int_equal(norm_cut(s, strlen(s), 6), 6);
}

static void test_cut_keeps_marks(void **state)
{
	/* "Quyết" decomposed: e, U+0302 (2 bytes), U+0301 (2 bytes) at 3..7. */
	const char *s = "Quye\xcc\x82\xcc\x81t";

	(void)state;
	assert_int_equal(strlen(s), 9);
	/* Before either mark: back to before the e. */
	assert_int_equal(norm_cut(s, strlen(s), 4), 3);
	assert_int_equal(norm_cut(s, strlen(s), 6), 3);
	/* After both marks: the cluster is whole. */
	assert_int_equal(norm_cut(s, strlen(s), 8), 8);
	/* A zero-width joiner stays with what it joins. */
	assert_int_equal(norm_cut("ab\xe2\x80\x8d" "c", 6, 2), 1);
}

static void test_cut_one_cluster(void **state)
{
	/* A budget inside the first cluster: a character boundary, so that a
	 * caller cutting piece after piece still moves on. */
	const char *s = "e\xcc\x82\xcc\x81\xcc\x83x";

	(void)state;
	assert_int_equal(norm_cut(s, strlen(s), 3), 3);
	assert_int_equal(norm_cut(s, strlen(s), 1), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cut_fits),
		cmocka_unit_test(test_cut_code_point),
		cmocka_unit_test(test_cut_keeps_marks),
		cmocka_unit_test(test_cut_one_cluster),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
