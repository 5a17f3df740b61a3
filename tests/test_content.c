/* SPDX-License-Identifier: MIT */
/* test_content: the screens' lists, notes, info rows and ticker, on the
 * samples imported into a real SQLite file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "content.h"
#include "storefx.h"
#include "testutil.h"

static const char *const samples[] = {
	"000_a22f915492343a22.txt", "001_900d4e3dfc0f17bc.txt", "002_d963df6e54be7226.txt",
	"003_90bc4fd252e1aac9.txt", "004_cc7b9622c9bc6dfa.txt",
};
#define NSAMPLES (sizeof samples / sizeof *samples)

/* A store holding every sample, and a content reading it. */
struct cfx {
	struct fx *fx;
	struct content *c;
};

static int cfx_setup(void **state)
{
	struct cfx *cf = calloc(1, sizeof *cf);
	struct parse_result res[NSAMPLES];
	struct store_item items[32];
	size_t n = 0;
	void *fxs = NULL;

	if (!cf || fx_setup(&fxs) != 0)
		return -1;
	cf->fx = fxs;
	for (size_t i = 0; i < NSAMPLES; i++) {
		tu_parse_sample(samples[i], i == 3 ? 1 : 2, &res[i]);
		for (size_t d = 0; d < res[i].ndocs; d++)
			items[n++] = (struct store_item){ &res[i].docs[d], samples[i] };
	}
	int rc = store_import(cf->fx->st, items, n, 1700000000, NULL, cf->fx->err,
			      sizeof cf->fx->err);
	for (size_t i = 0; i < NSAMPLES; i++)
		parse_result_free(&res[i]);
	if (rc != 0) {
		fprintf(stderr, "store_import: %s\n", cf->fx->err);
		return -1;
	}
	cf->c = content_new(cf->fx->st);
	if (!cf->c || content_load(cf->c, 1700000000, 3, cf->fx->err, sizeof cf->fx->err) != 0)
		return -1;
	*state = cf;
	return 0;
}

static int cfx_teardown(void **state)
{
	struct cfx *cf = *state;

	content_free(cf->c);
	fx_close(cf->fx);
	rmdir(cf->fx->dir);
	free(cf->fx);
	free(cf);
	return 0;
}

static void test_carousel(void **state)
{
	struct cfx *cf = *state;
	static const char *const want[] = { "516-KL/ĐUK", "06-KL/ĐUK", "03-KL/ĐUK" };

	assert_int_equal(content_count(cf->c, CONTENT_CAROUSEL), 3);
	for (size_t i = 0; i < 3; i++) {
		const struct content_entry *e = content_entry(cf->c, CONTENT_CAROUSEL, i);
		assert_non_null(e);
		assert_string_equal(e->number, want[i]);
		assert_string_equal(e->kind, "Kết luận");
		assert_null(e->heading);
	}
	assert_string_equal(content_entry(cf->c, CONTENT_CAROUSEL, 0)->date, "18/01/2023");
	assert_null(content_entry(cf->c, CONTENT_CAROUSEL, 3));
}

static void test_list_groups(void **state)
{
	struct cfx *cf = *state;
	/* Conclusions (the TB whose subject is a conclusion among them), no
	 * directive in the samples, then the cover letters as notices; the
	 * routing slip is an internal form and is not listed. */
	static const char *const want[] = { "516-KL/ĐUK", "06-KL/ĐUK",   "03-KL/ĐUK",
					    "320-TB/BTCTW", "132-KL/ĐUK", "581-CV/ĐU",
					    "358-CV/ĐU",   "596-CV/ĐU" };
	size_t n = content_count(cf->c, CONTENT_LIST);

	assert_int_equal(n, 8);
	for (size_t i = 0; i < n; i++) {
		const struct content_entry *e = content_entry(cf->c, CONTENT_LIST, i);
		assert_string_equal(e->number, want[i]);
		if (i == 0)
			assert_string_equal(e->heading, "Kết luận");
		else if (i == 5) /* named for what it holds: cover letters only */
			assert_string_equal(e->heading, "Công văn");
		else
			assert_null(e->heading);
		assert_int_equal(e->group, i < 5 ? DOC_GROUP_CONCLUSION : DOC_GROUP_NOTICE);
	}
	assert_string_equal(content_entry(cf->c, CONTENT_LIST, 5)->kind, "Công văn");
	assert_int_equal(content_find(cf->c, CONTENT_LIST,
				      content_entry(cf->c, CONTENT_CAROUSEL, 1)->id), 1);
	assert_int_equal(content_find(cf->c, CONTENT_LIST, -5), SIZE_MAX);
	assert_string_equal(content_group_heading(DOC_GROUP_DIRECTIVE),
			    "Văn bản chỉ đạo, hướng dẫn");
	/* every sample came with the one import, at the load's now: "Mới" */
	for (size_t i = 0; i < n; i++)
		assert_true(content_entry(cf->c, CONTENT_LIST, i)->fresh);
}

/* The note of the list entry with this number. */
static const char *note_of(struct cfx *cf, const char *number)
{
	char err[CONTENT_ERR_MAX];

	for (size_t i = 0; i < content_count(cf->c, CONTENT_LIST); i++) {
		const struct content_entry *e = content_entry(cf->c, CONTENT_LIST, i);
		if (strcmp(e->number, number) != 0)
			continue;
		const struct content_doc *d = content_doc(cf->c, e->id, err, sizeof err);
		if (!d)
			fail_msg("content_doc %s: %s", number, err);
		assert_string_equal(d->doc->number, number);
		return d->note;
	}
	fail_msg("%s not listed", number);
	return NULL;
}

static void test_notes(void **state)
{
	struct cfx *cf = *state;

	/* The stamp's receiver forwards. */
	assert_string_equal(note_of(cf, "516-KL/ĐUK"),
			    "Đảng ủy TTXVN phổ biến theo Công văn 581-CV/ĐU ngày 09/02/2023");
	assert_string_equal(note_of(cf, "06-KL/ĐUK"),
			    "Đảng ủy TTXVN phổ biến theo Công văn 358-CV/ĐU ngày 14/02/2022");
	/* No stamp: the letter's issuer, proper names kept. */
	assert_string_equal(note_of(cf, "03-KL/ĐUK"),
			    "Đảng ủy Thông tấn xã Việt Nam phổ biến theo Công văn 596-CV/ĐU "
			    "ngày 12/12/2019");
	/* A routing slip: its instruction for the readers, not the office's own. */
	assert_string_equal(note_of(cf, "132-KL/ĐUK"),
			    "Ý kiến Thường trực Đảng ủy: Đề nghị các Chi bộ tổ chức quán triệt.");
	assert_null(note_of(cf, "320-TB/BTCTW"));
	assert_null(note_of(cf, "581-CV/ĐU"));
}

static void test_cache(void **state)
{
	struct cfx *cf = *state;
	char err[CONTENT_ERR_MAX];
	const struct content_doc *d;

	/* More documents than the cache holds, then the first one again. */
	for (int round = 0; round < 2; round++)
		for (size_t i = 0; i < content_count(cf->c, CONTENT_LIST); i++) {
			const struct content_entry *e = content_entry(cf->c, CONTENT_LIST, i);
			d = content_doc(cf->c, e->id, err, sizeof err);
			assert_non_null(d);
			assert_int_equal(d->id, e->id);
			assert_string_equal(d->doc->number, e->number);
		}
	assert_null(content_doc(cf->c, 999999, err, sizeof err));
	assert_non_null(strstr(err, "999999"));
}

static void test_ticker(void **state)
{
	struct cfx *cf = *state;
	size_t n;
	const char *const *t = content_ticker(cf->c, &n);

	assert_int_equal(n, 3);
	assert_string_equal(t[0], "V/v phổ biến Kết luận số 516-KL/ĐUK của Ban Chấp hành Đảng bộ "
				  "Khối các cơ quan TW");
	assert_string_equal(t[2], "V/v phổ biến, quán triệt và triển khai thực hiện Kết luận số "
				  "03-KL/ĐUK");
}

static void test_info(void **state)
{
	struct cfx *cf = *state;
	struct content_info_row rows[8];
	char err[STORE_ERR_MAX];
	sqlite3 *db = raw_open(cf->fx->path);
	size_t n;

	/* The import recorded itself; a board that never had one says so. */
	raw_exec(db, "DELETE FROM meta");
	sqlite3_close(db);
	n = content_info(cf->c, 1700000000, 3725, rows, 8);

	assert_int_equal(n, 6);
	assert_string_equal(rows[0].label, "Phiên bản phần mềm");
	assert_string_equal(rows[0].value, BANGTIN_VERSION);
	assert_string_equal(rows[1].value, "chưa có");
	assert_string_equal(rows[2].label, "Cập nhật lần cuối");
	assert_string_equal(rows[2].value, "chưa có");
	assert_string_equal(rows[4].label, "Số văn bản");
	assert_non_null(strstr(rows[4].value, "9: "));
	assert_non_null(strstr(rows[4].value, "4 kết luận"));
	assert_non_null(strstr(rows[4].value, "3 công văn"));
	assert_non_null(strstr(rows[4].value, "1 thông báo"));
	assert_string_equal(rows[5].label, "Thời gian hoạt động");
	assert_string_equal(rows[5].value, "1 giờ 2 phút");

	assert_int_equal(store_meta_set(cf->fx->st, STORE_META_VERSION, "7", err, sizeof err), 0);
	assert_int_equal(store_meta_set(cf->fx->st, STORE_META_RESULT, "Thành công: 9 văn bản",
					err, sizeof err), 0);
	n = content_info(cf->c, 1700000000, 0, rows, 4);
	assert_int_equal(n, 4);
	assert_string_equal(rows[1].label, "Phiên bản nội dung");
	assert_string_equal(rows[1].value, "7");
	assert_string_equal(rows[3].value, "Thành công: 9 văn bản");
}

static void test_words(void **state)
{
	char buf[128];

	(void)state;
	assert_string_equal(content_sentence_case("ĐẢNG ỦY TTXVN", buf, sizeof buf), "Đảng ủy TTXVN");
	assert_string_equal(content_sentence_case("ĐẢNG ỦY KHỐI CÁC CƠ QUAN TW", buf, sizeof buf),
			    "Đảng ủy Khối các cơ quan TW");
	assert_string_equal(content_sentence_case("BAN TỔ CHỨC TRUNG ƯƠNG", buf, sizeof buf),
			    "Ban tổ chức Trung ương");
	assert_string_equal(content_sentence_case("ỦY BAN NHÂN DÂN  UBND", buf, sizeof buf),
			    "Ủy ban nhân dân UBND");
	assert_string_equal(content_sentence_case("ĐẢNG ỦY TTXVN", buf, 8), "Đảng");
	assert_string_equal(content_duration_vn(59, buf, sizeof buf), "0 phút");
	assert_string_equal(content_duration_vn(2 * 86400 + 3 * 3600 + 15 * 60, buf, sizeof buf),
			    "2 ngày 3 giờ 15 phút");
	assert_string_equal(doc_date_vn((struct doc_date){ 2023, 2, 9 }, buf), "09/02/2023");
	assert_string_equal(doc_date_vn((struct doc_date){ 0, 0, 0 }, buf), "");
}

static void test_empty_store(void **state)
{
	void *fxs = NULL;
	struct content *c;
	char err[CONTENT_ERR_MAX];
	size_t n;

	(void)state;
	assert_int_equal(fx_setup(&fxs), 0);
	struct fx *fx = fxs;
	c = content_new(fx->st);
	assert_non_null(c);
	assert_int_equal(content_load(c, 0, 5, err, sizeof err), 0);
	assert_int_equal(content_count(c, CONTENT_CAROUSEL), 0);
	assert_int_equal(content_count(c, CONTENT_LIST), 0);
	assert_non_null(content_ticker(c, &n));
	assert_int_equal(n, 0);
	content_free(c);
	fx_close(fx);
	rmdir(fx->dir);
	free(fx);
}

/* A store with its own documents: a guide among the directives, and two
 * imports a day apart. */
static void test_groups_named_and_fresh(void **state)
{
	void *fxs = NULL;
	struct content *c;
	char err[CONTENT_ERR_MAX];
	struct doc ct = { .kind = "CT", .number = "05-CT/TW", .date = { 2016, 5, 15 },
			  .subject = "Chỉ thị", .first_line = 1, .last_line = 2 };
	struct doc hd = { .kind = "HD", .number = "12-HD/BTGTW", .date = { 2023, 3, 1 },
			  .subject = "Hướng dẫn", .first_line = 1, .last_line = 2 };
	struct doc nq = { .kind = "NQ", .number = "08-NQ/ĐUK", .date = { 2017, 8, 31 },
			  .subject = "Nghị quyết", .first_line = 1, .last_line = 2 };
	struct doc kh = { .kind = "KH", .number = "20-KH/ĐU", .date = { 2022, 1, 4 },
			  .subject = "Kế hoạch", .first_line = 1, .last_line = 2 };
	struct store_item first[] = { { &ct, "ct.txt" }, { &hd, "hd.txt" } };
	struct store_item second[] = { { &nq, "nq.txt" } };
	struct store_item third[] = { { &kh, "kh.txt" } };
	const int64_t t0 = 1700000000, day = 86400;
	const struct content_entry *e;

	(void)state;
	assert_int_equal(fx_setup(&fxs), 0);
	struct fx *fx = fxs;
	assert_int_equal(store_import(fx->st, first, 2, t0, NULL, err, sizeof err), 0);
	c = content_new(fx->st);
	assert_int_equal(content_load(c, t0, 5, err, sizeof err), 0);
	/* a Hướng dẫn is not filed under "Chỉ thị, nghị quyết": the heading
	 * names what the group holds */
	e = content_entry(c, CONTENT_LIST, 0);
	assert_string_equal(e->heading, "Hướng dẫn, chỉ thị");
	assert_true(e->fresh);

	/* a day later the NQ arrives: it alone is new, and first */
	assert_int_equal(store_import(fx->st, second, 1, t0 + day, NULL, err, sizeof err), 0);
	assert_int_equal(content_load(c, t0 + day, 5, err, sizeof err), 0);
	assert_string_equal(content_entry(c, CONTENT_LIST, 0)->number, "08-NQ/ĐUK");
	assert_true(content_entry(c, CONTENT_LIST, 0)->fresh);
	assert_string_equal(content_entry(c, CONTENT_LIST, 0)->heading,
			    "Hướng dẫn, nghị quyết, chỉ thị"); /* kinds in date order */
	assert_string_equal(content_entry(c, CONTENT_LIST, 1)->number, "12-HD/BTGTW");
	assert_false(content_entry(c, CONTENT_LIST, 1)->fresh);
	/* seven days on it is not new any more: back to date order */
	assert_int_equal(content_load(c, t0 + 8 * day, 5, err, sizeof err), 0);
	assert_false(content_entry(c, CONTENT_LIST, 0)->fresh);
	assert_string_equal(content_entry(c, CONTENT_LIST, 0)->number, "12-HD/BTGTW");
	/* [content] new_days = 0: never marked */
	content_set_new_days(c, 0);
	assert_int_equal(content_load(c, t0 + day, 5, err, sizeof err), 0);
	assert_false(content_entry(c, CONTENT_LIST, 0)->fresh);
	/* four kinds: the general name */
	assert_int_equal(store_import(fx->st, third, 1, t0 + 2 * day, NULL, err, sizeof err), 0);
	assert_int_equal(content_load(c, t0 + 2 * day, 5, err, sizeof err), 0);
	assert_string_equal(content_entry(c, CONTENT_LIST, 0)->heading,
			    "Văn bản chỉ đạo, hướng dẫn");
	content_free(c);
	fx_close(fx);
	rmdir(fx->dir);
	free(fx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_carousel), cmocka_unit_test(test_list_groups),
		cmocka_unit_test(test_notes),    cmocka_unit_test(test_cache),
		cmocka_unit_test(test_ticker),   cmocka_unit_test(test_info),
		cmocka_unit_test(test_words),    cmocka_unit_test(test_empty_store),
		cmocka_unit_test(test_groups_named_and_fresh),
	};

	return cmocka_run_group_tests(tests, cfx_setup, cfx_teardown);
}
