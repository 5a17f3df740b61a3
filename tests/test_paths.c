/* SPDX-License-Identifier: MIT */
/*
 * paths: the choice of the database path (--db, $BANGTIN_DB, the source
 * tree, the install layout) and the test whether the running program lies
 * inside the tree it was built from.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "paths.h"

static void test_db_path_precedence(void **state)
{
	char buf[256];
	const char *src = "/home/u/bangtin";

	(void)state;
	assert_int_equal(paths_db("/tmp/x.db", "/env.db", "/home/u/bangtin/build/bangtinctl",
				  src, buf, sizeof buf), 0);
	assert_string_equal(buf, "/tmp/x.db");
	assert_int_equal(paths_db(NULL, "/env.db", "/home/u/bangtin/build/bangtinctl",
				  src, buf, sizeof buf), 0);
	assert_string_equal(buf, "/env.db");
	/* an empty variable counts as unset */
	assert_int_equal(paths_db(NULL, "", "/home/u/bangtin/build/bangtinctl",
				  src, buf, sizeof buf), 0);
	assert_string_equal(buf, "/home/u/bangtin/build/bangtin.db");
	assert_int_equal(paths_db(NULL, NULL, "/home/u/bangtin/build-san/bangtinctl",
				  "/home/u/bangtin/", buf, sizeof buf), 0);
	assert_string_equal(buf, "/home/u/bangtin/build/bangtin.db");
	assert_int_equal(paths_db(NULL, NULL, "/usr/local/bin/bangtinctl",
				  src, buf, sizeof buf), 0);
	assert_string_equal(buf, PATHS_DB_INSTALLED);
	/* a sibling directory sharing the prefix is not inside the tree */
	assert_int_equal(paths_db(NULL, NULL, "/home/u/bangtin2/build/bangtinctl",
				  src, buf, sizeof buf), 0);
	assert_string_equal(buf, PATHS_DB_INSTALLED);
	assert_int_equal(paths_db(NULL, NULL, NULL, src, buf, sizeof buf), 0);
	assert_string_equal(buf, PATHS_DB_INSTALLED);
	assert_int_equal(paths_db(NULL, NULL, "/x/bangtinctl", NULL, buf, sizeof buf), 0);
	assert_string_equal(buf, PATHS_DB_INSTALLED);
	/* too long: refused, never truncated into another path */
	assert_int_equal(paths_db("/a/very/long/path.db", NULL, NULL, NULL, buf, 8), -1);
	assert_string_equal(buf, "");
}

static void test_running_from_tree(void **state)
{
	(void)state;
	assert_true(paths_inside("/home/u/bangtin/build/bangtin", "/home/u/bangtin"));
	assert_true(paths_inside("/home/u/bangtin/build/bangtin", "/home/u/bangtin//"));
	assert_false(paths_inside("/home/u/bangtin2/build/bangtin", "/home/u/bangtin"));
	assert_false(paths_inside("/home/u/bangtin", "/home/u/bangtin"));
	assert_false(paths_inside(NULL, "/home/u/bangtin"));
	assert_false(paths_inside("/home/u/bangtin/x", NULL));
	assert_false(paths_inside("/home/u/bangtin/x", ""));
	/* This test program is built into the tree's build directory. */
	assert_true(paths_running_from(BANGTIN_SRCDIR));
	assert_false(paths_running_from("/nonexistent/bangtin"));
	assert_false(paths_running_from("/usr/share"));
	assert_false(paths_running_from(NULL));
}

/* The running program's choice: the environment's, else this tree's
 * build/bangtin.db (this test program lives in the tree). */
static void test_db_path_here(void **state)
{
	char buf[4096], want[4096];

	(void)state;
	assert_int_equal(setenv("BANGTIN_DB", "/env.db", 1), 0);
	assert_int_equal(paths_db_here("/tmp/x.db", BANGTIN_SRCDIR, buf, sizeof buf), 0);
	assert_string_equal(buf, "/tmp/x.db");
	assert_int_equal(paths_db_here(NULL, BANGTIN_SRCDIR, buf, sizeof buf), 0);
	assert_string_equal(buf, "/env.db");
	assert_int_equal(unsetenv("BANGTIN_DB"), 0);
	assert_int_equal(paths_db_here(NULL, BANGTIN_SRCDIR, buf, sizeof buf), 0);
	assert_non_null(realpath(BANGTIN_SRCDIR, want));
	strcat(want, "/build/bangtin.db");
	assert_string_equal(buf, want);
	assert_int_equal(paths_db_here(NULL, "/nonexistent/bangtin", buf, sizeof buf), 0);
	assert_string_equal(buf, PATHS_DB_INSTALLED);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_running_from_tree),
		cmocka_unit_test(test_db_path_precedence),
		cmocka_unit_test(test_db_path_here),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
