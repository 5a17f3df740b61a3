/* SPDX-License-Identifier: MIT */
/*
 * The store reading a damaged database (issue 9 item 7): the nine sample
 * documents are imported, then rows are damaged behind the store's back as
 * a failing disk or a hand edit would leave them (a NULL kind and type,
 * which crashed `list` and the screen in entry_read; a blob, a number, a
 * flag out of range, a bad date, a block of an unknown type). Listings
 * leave those rows out and name the first; loading one names its field;
 * PRAGMA quick_check reports the file; an import and an update refuse to
 * write into it and leave it as it was.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "storefx.h"
#include "testutil.h"

#define NOW 1700000000

static const struct {
	const char *file;
	size_t ndocs;
} samples[5] = {
	{ "000_a22f915492343a22.txt", 2 }, { "001_900d4e3dfc0f17bc.txt", 2 },
	{ "002_d963df6e54be7226.txt", 2 }, { "003_90bc4fd252e1aac9.txt", 1 },
	{ "004_cc7b9622c9bc6dfa.txt", 2 },
};

static struct parse_result res[5];

static int setup(void **state)
{
	struct store_item items[16];
	size_t n = 0;

	if (fx_setup(state) != 0)
		return -1;
	struct fx *fx = *state;
	for (size_t i = 0; i < 5; i++) {
		tu_parse_sample(samples[i].file, samples[i].ndocs, &res[i]);
		for (size_t k = 0; k < res[i].ndocs; k++)
			items[n++] = (struct store_item){ &res[i].docs[k], samples[i].file };
	}
	if (store_import(fx->st, items, n, NOW, NULL, fx->err, sizeof fx->err) != 0) {
		fprintf(stderr, "import: %s\n", fx->err);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	struct fx *fx = *state;

	fx_close(fx);
	rmdir(fx->dir);
	free(fx);
	for (size_t i = 0; i < 5; i++)
		parse_result_free(&res[i]);
	return 0;
}

/* Runs sql on the file with the schema's NOT NULL on kind and type
 * lifted, as a hand edit could; restore puts the schema text back, so the
 * NULL left behind breaks a constraint quick_check sees. */
static void damage(struct fx *fx, const char *sql, bool restore)
{
	sqlite3 *db = raw_open(fx->path);

	raw_exec(db, "PRAGMA writable_schema = ON; UPDATE sqlite_master SET sql = "
		     "replace(sql, 'kind TEXT NOT NULL,', 'kind TEXT,') WHERE name = 'documents'");
	sqlite3_close(db);
	db = raw_open(fx->path);
	raw_exec(db, sql);
	if (restore)
		raw_exec(db, "PRAGMA writable_schema = ON; UPDATE sqlite_master SET sql = "
			     "replace(sql, 'kind TEXT,', 'kind TEXT NOT NULL,') "
			     "WHERE name = 'documents'");
	sqlite3_close(db);
	/* The store's connection reads the schema again. */
	store_close(fx->st);
	fx->st = store_open(fx->path, fx->err, sizeof fx->err);
	if (!fx->st)
		fail_msg("store_open: %s", fx->err);
}

static int64_t id_of(struct fx *fx, const char *number)
{
	char sql[200];
	sqlite3 *db = raw_open(fx->path);
	int64_t id;

	snprintf(sql, sizeof sql, "SELECT id FROM documents WHERE number = '%s'", number);
	id = raw_int(db, sql);
	sqlite3_close(db);
	return id;
}

static bool has(const struct store_list *l, const char *number)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->items[i].number, number) == 0)
			return true;
	return false;
}

/* The row that crashed `list` and the screen: kind and type_name NULL. */
static void test_null_kind_left_out_and_named(void **state)
{
	struct fx *fx = *state;
	struct store_filter all = { .include_hidden = true };
	struct store_list l;
	struct store_doc sd;
	struct store_count *c = NULL;
	size_t nc = 0;
	int64_t id = id_of(fx, "516-KL/ĐUK");
	char want[80];

	damage(fx, "UPDATE documents SET kind = NULL, type_name = NULL "
		   "WHERE number = '516-KL/ĐUK'", false);
	assert_int_equal(store_list_docs(fx->st, &all, &l, fx->err, sizeof fx->err), 0);
	assert_int_equal(l.n, 8);
	assert_int_equal(l.damaged, 1);
	assert_false(has(&l, "516-KL/ĐUK"));
	assert_true(has(&l, "581-CV/ĐU"));
	snprintf(want, sizeof want, "documents row %lld: field kind: NULL", (long long)id);
	assert_string_equal(l.damaged_why, want);
	store_list_free(&l);
	/* The screens' query too. */
	assert_int_equal(store_latest_conclusions(fx->st, NOW, 0, &l, fx->err, sizeof fx->err), 0);
	assert_false(has(&l, "516-KL/ĐUK"));
	assert_int_equal(l.damaged, 1);
	store_list_free(&l);
	/* Loading it names the field; the others still load. */
	assert_int_equal(store_get_doc(fx->st, "516-KL/ĐUK", 0, &sd, fx->err, sizeof fx->err), -1);
	assert_non_null(strstr(fx->err, "field kind: NULL"));
	assert_int_equal(store_get_doc(fx->st, "581-CV/ĐU", 0, &sd, fx->err, sizeof fx->err), 1);
	store_doc_free(&sd);
	assert_int_equal(store_count_by_kind(fx->st, NOW, &c, &nc, fx->err, sizeof fx->err), 0);
	for (size_t i = 0; i < nc; i++)
		assert_true(c[i].kind[0] != '\0');
	free(c);
	/* The schema still allows it: quick_check passes, the rows are read
	 * checked all the same. */
	assert_int_equal(store_quick_check(fx->st, fx->err, sizeof fx->err), 0);
}

/* Values of the wrong type or out of bounds, each in another row. */
static void test_wrong_types_and_bounds(void **state)
{
	static const struct {
		const char *sql, *number, *field;
	} cases[] = {
		{ "UPDATE documents SET kind = X'ff00' WHERE number = '03-KL/ĐUK'", "03-KL/ĐUK",
		  "kind: a blob" },
		{ "UPDATE documents SET pinned = 7 WHERE number = '06-KL/ĐUK'", "06-KL/ĐUK",
		  "pinned: out of its range" },
		{ "PRAGMA ignore_check_constraints = ON; UPDATE documents SET date = 'yesterday' "
		  "WHERE number = '132-KL/ĐUK'", "132-KL/ĐUK", "date: not a date" },
		{ "UPDATE documents SET subject = CAST(X'c3' AS TEXT) WHERE number = '320-TB/BTCTW'",
		  "320-TB/BTCTW", "subject: not UTF-8" },
	};
	struct fx *fx = *state;
	struct store_filter all = { .include_hidden = true };
	struct store_list l;
	struct store_doc sd;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		damage(fx, cases[i].sql, false);
		assert_int_equal(store_list_docs(fx->st, &all, &l, fx->err, sizeof fx->err), 0);
		assert_int_equal(l.n, 8 - i);
		assert_int_equal(l.damaged, i + 1);
		assert_false(has(&l, cases[i].number));
		store_list_free(&l);
		assert_int_equal(store_get_doc(fx->st, cases[i].number, 0, &sd, fx->err,
					       sizeof fx->err), -1);
		if (!strstr(fx->err, cases[i].field))
			fail_msg("%s: \"%s\" does not name \"%s\"", cases[i].number, fx->err,
				 cases[i].field);
	}
	/* A body block of an unknown type and a date that is none. */
	damage(fx, "PRAGMA ignore_check_constraints = ON; UPDATE blocks SET type = 9 "
		   "WHERE doc_id = (SELECT id FROM documents WHERE number = '581-CV/ĐU') "
		   "AND seq = (SELECT min(seq) FROM blocks WHERE doc_id = (SELECT id FROM "
		   "documents WHERE number = '581-CV/ĐU'))", false);
	assert_int_equal(store_get_doc(fx->st, "581-CV/ĐU", 0, &sd, fx->err, sizeof fx->err), -1);
	assert_non_null(strstr(fx->err, "block 0: field type: out of its range"));
	damage(fx, "UPDATE refs SET date = '2023-13-45' WHERE rowid = (SELECT min(rowid) FROM refs "
		   "WHERE doc_id != (SELECT id FROM documents WHERE number = '581-CV/ĐU'))", false);
	sqlite3 *db = raw_open(fx->path);
	int64_t ref_doc = raw_int(db, "SELECT doc_id FROM refs WHERE date = '2023-13-45'");
	sqlite3_close(db);
	assert_int_equal(store_get_doc(fx->st, NULL, ref_doc, &sd, fx->err, sizeof fx->err), -1);
	if (!strstr(fx->err, "refs: field date: not a date"))
		fail_msg("%s", fx->err);
}

/* Long is not damaged: a 60,000-byte subject (within the parser's limits)
 * lists and loads; only a value past the 1 MiB any field can have is. */
static void test_long_values_are_not_damage(void **state)
{
	struct fx *fx = *state;
	struct store_filter all = { .include_hidden = true };
	struct store_list l;
	struct store_doc sd;

	damage(fx, "UPDATE documents SET subject = 'về ' || replace(hex(zeroblob(30000)), '0', 'x') "
		   "WHERE number = '516-KL/ĐUK'", false);
	assert_int_equal(store_list_docs(fx->st, &all, &l, fx->err, sizeof fx->err), 0);
	assert_int_equal(l.n, 9);
	assert_int_equal(l.damaged, 0);
	store_list_free(&l);
	assert_int_equal(store_get_doc(fx->st, "516-KL/ĐUK", 0, &sd, fx->err, sizeof fx->err), 1);
	assert_int_equal(strlen(sd.doc.subject), 60005);
	store_doc_free(&sd);
	damage(fx, "UPDATE documents SET subject = replace(hex(zeroblob(600000)), '0', 'x') "
		   "WHERE number = '516-KL/ĐUK'", false);
	assert_int_equal(store_list_docs(fx->st, &all, &l, fx->err, sizeof fx->err), 0);
	assert_int_equal(l.damaged, 1);
	assert_non_null(strstr(l.damaged_why, "field subject: longer than its bound"));
	store_list_free(&l);
}

/* quick_check names the damage; an import and an update write nothing. */
static void test_damaged_file_refuses_writes(void **state)
{
	struct fx *fx = *state;
	struct parse_result one;
	struct store_item item;
	sqlite3 *db;

	damage(fx, "UPDATE documents SET kind = NULL WHERE number = '516-KL/ĐUK'", true);
	assert_int_equal(store_quick_check(fx->st, fx->err, sizeof fx->err), 1);
	assert_non_null(strstr(fx->err, "damaged (quick_check: NULL value in documents.kind)"));
	assert_non_null(strstr(fx->err, fx->path));

	db = raw_open(fx->path);
	int64_t before = raw_int(db, "SELECT count(*) FROM documents");
	int64_t changes = raw_int(db, "SELECT max(updated_at) FROM documents");
	sqlite3_close(db);
	tu_parse_sample(samples[3].file, samples[3].ndocs, &one);
	item = (struct store_item){ &one.docs[0], "new.txt" };
	assert_int_equal(store_import(fx->st, &item, 1, NOW + 100, NULL, fx->err, sizeof fx->err),
			 -1);
	assert_non_null(strstr(fx->err, "damaged (quick_check: NULL value in documents.kind)"));
	/* A bundle's update too, even a replace that would drop the row. */
	struct store_update up = { .items = &item, .n = 1, .replace = true };
	assert_int_equal(store_update(fx->st, &up, NOW + 100, NULL, NULL, fx->err,
				      sizeof fx->err), -1);
	assert_non_null(strstr(fx->err, "damaged (quick_check"));
	parse_result_free(&one);
	db = raw_open(fx->path);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM documents"), before);
	assert_int_equal(raw_int(db, "SELECT max(updated_at) FROM documents"), changes);
	sqlite3_close(db);
	/* The listing still shows the rest. */
	struct store_list l;
	assert_int_equal(store_current_notices(fx->st, NOW, 0, &l, fx->err, sizeof fx->err), 0);
	assert_true(l.n > 0);
	store_list_free(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_null_kind_left_out_and_named, setup, teardown),
		cmocka_unit_test_setup_teardown(test_wrong_types_and_bounds, setup, teardown),
		cmocka_unit_test_setup_teardown(test_damaged_file_refuses_writes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_long_values_are_not_damage, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
