/* SPDX-License-Identifier: MIT */
/* Tests of the store's schema handling on real files: migration from every
 * earlier schema version with content in it, and refusal (naming the path)
 * of a newer schema, a file that is not SQLite and another program's
 * database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "store.h"
#include "storefx.h"

static int setup(void **state)
{
	return fx_setup(state);
}

static int teardown(void **state)
{
	struct fx *fx = *state;
	char other[160];

	fx_close(fx);
	for (int v = 0; v <= STORE_SCHEMA_VERSION + 1; v++) {
		snprintf(other, sizeof other, "%s/v%d.db", fx->dir, v);
		fx_remove_db_files(other);
	}
	snprintf(other, sizeof other, "%s/notdb.txt", fx->dir);
	unlink(other);
	rmdir(fx->dir);
	free(fx);
	return 0;
}

/* Content a database at schema version v can hold, written with SQL as
 * that version's build would have written it. */
static void seed_version(sqlite3 *db, int v)
{
	if (v >= 1)
		raw_exec(db,
			 "INSERT INTO documents (id, key, number, number_norm, kind, type_name, "
			 "doc_group, place, date, subject, signer_title, link_type, source, "
			 "imported_at, updated_at, content_hash) VALUES (7, '12-QĐi/TW@2019-05-20', "
			 "'12-QĐi/TW', '12-QĐI/TW', 'QĐi', 'Quy định', 2, 'Hà Nội', '2019-05-20', "
			 "'Về kiểm tra', 'TỔNG BÍ THƯ', 0, 'old.txt', 100, 100, '0000000000000000');"
			 "INSERT INTO blocks VALUES (7, 0, 2, 0, '1.', 'Điều một', '0:4:1;', 3);"
			 "INSERT INTO refs VALUES (7, 0, '08-NQ/ĐUK', '2017-08-31', NULL, NULL, 4);"
			 "INSERT INTO doc_lists VALUES (7, 'recipient', 0, 'Các tỉnh ủy');");
	if (v >= 2)
		raw_exec(db, "UPDATE documents SET pinned = 1; "
			 "INSERT INTO meta VALUES ('content_version', '3');");
}

static char *schema_of(const char *path)
{
	sqlite3 *db = raw_open(path);
	sqlite3_stmt *s = NULL;
	size_t len = 0;
	char *out = calloc(1, 1);

	assert_int_equal(sqlite3_prepare_v2(db, "SELECT type || ' ' || name || ' ' || "
					    "coalesce(sql, '') FROM sqlite_master ORDER BY type, name",
					    -1, &s, NULL), SQLITE_OK);
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char *row = (const char *)sqlite3_column_text(s, 0);

		out = realloc(out, len + strlen(row) + 2);
		assert_non_null(out);
		memcpy(out + len, row, strlen(row));
		len += strlen(row);
		out[len++] = '\n';
		out[len] = '\0';
	}
	sqlite3_finalize(s);
	sqlite3_close(db);
	return out;
}

static void test_migrates_from_every_version(void **state)
{
	struct fx *fx = *state;
	char *fresh = schema_of(fx->path);

	assert_non_null(strstr(fresh, "table meta"));
	for (int v = 0; v < STORE_SCHEMA_VERSION; v++) {
		char path[160], *migrated;
		struct store_doc sd;
		struct store *old;
		sqlite3 *db;

		snprintf(path, sizeof path, "%s/v%d.db", fx->dir, v);
		old = store_open_at_version(path, v, fx->err, sizeof fx->err);
		assert_non_null(old);
		store_close(old);
		db = raw_open(path);
		assert_int_equal(raw_int(db, "PRAGMA user_version"), v);
		seed_version(db, v);
		sqlite3_close(db);

		old = store_open(path, fx->err, sizeof fx->err);
		if (!old)
			fail_msg("migrating from %d: %s", v, fx->err);
		migrated = schema_of(path);
		assert_string_equal(migrated, fresh);
		free(migrated);
		db = raw_open(path);
		assert_int_equal(raw_int(db, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
		sqlite3_close(db);
		if (v >= 1) {
			/* the content written at version v survives, defaults filled */
			if (store_get_doc(old, "12-qđi/tw", 0, &sd, fx->err, sizeof fx->err) != 1)
				fail_msg("after migrating from %d: %s", v, fx->err);
			assert_string_equal(sd.doc.subject, "Về kiểm tra");
			assert_string_equal(sd.doc.signer.title, "TỔNG BÍ THƯ");
			assert_int_equal(sd.doc.nblocks, 1);
			assert_int_equal(sd.doc.blocks[0].nspans, 1);
			assert_int_equal(sd.doc.nrefs, 1);
			assert_int_equal(sd.doc.refs[0].date.y, 2017);
			assert_string_equal(sd.doc.recipients[0], "Các tỉnh ủy");
			assert_false(sd.withdrawn);
			assert_int_equal(sd.display_until, 0);
			store_doc_free(&sd);
		}
		store_close(old);
	}
	free(fresh);
}

static void test_newer_schema_refused(void **state)
{
	struct fx *fx = *state;
	char path[160], want[200];
	struct store *st;
	sqlite3 *db;

	snprintf(path, sizeof path, "%s/v%d.db", fx->dir, STORE_SCHEMA_VERSION + 1);
	st = store_open(path, fx->err, sizeof fx->err);
	assert_non_null(st);
	store_close(st);
	db = raw_open(path);
	raw_exec(db, "PRAGMA user_version = 99");
	sqlite3_close(db);
	assert_null(store_open(path, fx->err, sizeof fx->err));
	assert_non_null(strstr(fx->err, path));
	snprintf(want, sizeof want, "schema version 99 is newer than this build knows (%d)",
		 STORE_SCHEMA_VERSION);
	assert_non_null(strstr(fx->err, want));
}

static void test_not_a_database_names_path(void **state)
{
	struct fx *fx = *state;
	char path[160];
	FILE *f;
	sqlite3 *db;

	snprintf(path, sizeof path, "%s/notdb.txt", fx->dir);
	f = fopen(path, "w");
	assert_non_null(f);
	for (int i = 0; i < 100; i++)
		fputs("Số 516 -KL/ĐUK, Hà Nội, ngày 18 tháng 01 năm 2023\n", f);
	fclose(f);
	assert_null(store_open(path, fx->err, sizeof fx->err));
	assert_non_null(strstr(fx->err, path));
	assert_non_null(strstr(fx->err, "not a database"));

	/* Another program's SQLite file is not ours to migrate. */
	snprintf(path, sizeof path, "%s/v0.db", fx->dir);
	db = raw_open(path);
	raw_exec(db, "CREATE TABLE contacts (name TEXT)");
	sqlite3_close(db);
	assert_null(store_open(path, fx->err, sizeof fx->err));
	assert_non_null(strstr(fx->err, path));
	assert_non_null(strstr(fx->err, "another program"));

	/* A path in a directory that does not exist. */
	assert_null(store_open("/nonexistent-bangtin/x.db", fx->err, sizeof fx->err));
	assert_non_null(strstr(fx->err, "/nonexistent-bangtin/x.db"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_migrates_from_every_version, setup, teardown),
		cmocka_unit_test_setup_teardown(test_newer_schema_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_a_database_names_path, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
