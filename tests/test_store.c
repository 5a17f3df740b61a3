/* SPDX-License-Identifier: MIT */
/* Tests of the SQLite store against a real database file in a temporary
 * directory: round trips of every field, idempotent re-import, rollback
 * (bad item and injected faults at every step), the screen queries with
 * withdrawal, display windows and pins, links both ways, lookups by symbol.
 * Migrations and refusals of foreign files are in test_migrate.c. */
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

#define NOW INT64_C(1700000000)

static int setup(void **state)
{
	return fx_setup(state);
}

static int teardown(void **state)
{
	struct fx *fx = *state;

	fx_close(fx);
	rmdir(fx->dir);
	free(fx);
	return 0;
}

/* ---- hand-built documents covering every field ---- */

static struct doc_span kl_spans[] = { { 0, 6, DOC_STYLE_BOLD }, { 10, 4, DOC_STYLE_ITALIC | DOC_STYLE_BOLD } };
static struct doc_block kl_blocks[] = {
	{ DOC_BLOCK_HEADING, 1, "I.", "ĐÁNH GIÁ KẾT QUẢ", NULL, 0, 46 },
	{ DOC_BLOCK_POINT, 0, "1-", "Đảng ủy các cấp đã quán triệt nghị quyết.", kl_spans, 2, 48 },
	{ DOC_BLOCK_BULLET, 0, NULL, "Tiếp tục nâng cao chất lượng.", NULL, 0, 55 },
	{ DOC_BLOCK_PARA, 0, NULL, "", NULL, 0, 58 },
};
static struct doc_ref kl_refs[] = {
	{ "08-NQ/ĐUK", { 2017, 8, 31 }, "Nghị quyết", NULL, 44 },
	{ "215-QĐ/TW", { 2013, 12, 5 }, "Quy định", "Ban Bí thư", 53 },
	{ "171-QĐ/TW", { 0, 0, 0 }, NULL, NULL, 54 },
};
static char *kl_recipients[] = { "Ban Chấp hành Đảng bộ Khối", "Các đảng ủy trực thuộc", "Lưu VP, BTC" };
static char *kl_addressees[] = { "Các đảng ủy cơ sở" };
static char *kl_annotations[] = { "Đ/c Hùng xem" };

/* Kết luận 516-KL/ĐUK with every field set, inferred flags included. */
static struct doc make_kl(void)
{
	struct doc d = {
		.kind = "KL", .type_name = "Kết luận", .number = "516-KL/ĐUK",
		.number_inferred = false,
		.issuer = "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TRUNG ƯƠNG", .issuer_inferred = true,
		.parent = NULL, .parent_inferred = true,
		.author = "CỦA BAN CHẤP HÀNH ĐẢNG BỘ KHỐI",
		.party_header = true, .state_header = false,
		.place = "Hà Nội", .date = { 2023, 1, 18 }, .date_inferred = true,
		.subject = "Về kết quả 05 năm thực hiện Nghị quyết số 08-NQ/ĐUK",
		.blocks = kl_blocks, .nblocks = 4,
		.addressees = kl_addressees, .naddressees = 1,
		.recipients = kl_recipients, .nrecipients = 3,
		.annotations = kl_annotations, .nannotations = 1,
		.signer = { "T/M BAN THƯỜNG VỤ", "BÍ THƯ", NULL },
		.received = { true, "ĐẢNG ỦY TTXVN", "11.82", NULL, true, { 2023, 2, 9 } },
		.refs = kl_refs, .nrefs = 3,
		.first_line = 31, .last_line = 75,
	};
	return d;
}

static char *cv_instructions[] = { "Đề nghị các đảng ủy cơ sở phổ biến" };
static char *cv_recipients[] = { "Như trên", "Lưu VPĐU" };
static struct doc_block cv_blocks[] = {
	{ DOC_BLOCK_PARA, 0, NULL, "Thực hiện Kết luận số 516-KL/ĐUK.", NULL, 0, 18 },
};

/* Công văn 581-CV/ĐU forwarding 516-KL/ĐUK (symbol spelt loosely). */
static struct doc make_cv(void)
{
	struct doc d = {
		.kind = "CV", .type_name = "Công văn", .number = "581-CV/ĐU",
		.issuer = "ĐẢNG ỦY THÔNG TẤN XÃ VIỆT NAM",
		.parent = "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TW", .party_header = true,
		.place = "Hà Nội", .date = { 2023, 2, 9 },
		.subject = "V/v phổ biến Kết luận số 516-KL/ĐUK",
		.blocks = cv_blocks, .nblocks = 1,
		.recipients = cv_recipients, .nrecipients = 2,
		.instructions = cv_instructions, .ninstructions = 1,
		.link_type = DOC_LINK_FORWARDS, .link_symbol = "516 - kl/đuk",
		.first_line = 1, .last_line = 25,
	};
	return d;
}

static char *slip_instructions[] = { "Đồng ý", "Gửi các chi bộ" };

/* A routing slip without a number annotating 516-KL/ĐUK. */
static struct doc make_slip(void)
{
	struct doc d = {
		.kind = "PXYK", .type_name = "Phiếu xin ý kiến",
		.issuer = "VĂN PHÒNG ĐẢNG ỦY", .date = { 2023, 2, 10 },
		.subject = "Phiếu xin ý kiến",
		.instructions = slip_instructions, .ninstructions = 2,
		.link_type = DOC_LINK_ANNOTATES, .link_symbol = "516-KL/ĐUK",
		.first_line = 1, .last_line = 12,
	};
	return d;
}

/* A plain document of any kind for the listing tests. */
static struct doc make_simple(const char *kind, const char *number, int y, int m,
			      int d, const char *subject)
{
	struct doc doc = {
		.kind = (char *)kind, .number = (char *)number,
		.date = { y, m, d }, .subject = (char *)subject,
		.first_line = 1, .last_line = 2,
	};
	return doc;
}

/* ---- helpers ---- */

static void assert_str(const char *want, const char *got)
{
	if (!want) {
		assert_null(got);
		return;
	}
	assert_non_null(got);
	assert_string_equal(want, got);
}

static void assert_date(struct doc_date want, struct doc_date got)
{
	assert_int_equal(want.y, got.y);
	assert_int_equal(want.m, got.m);
	assert_int_equal(want.d, got.d);
}

static void assert_list(char *const *want, size_t nwant, char *const *got, size_t ngot)
{
	assert_int_equal(nwant, ngot);
	for (size_t i = 0; i < nwant; i++)
		assert_string_equal(want[i], got[i]);
}

static void assert_blocks_equal(const struct doc *want, const struct doc *got)
{
	assert_int_equal(want->nblocks, got->nblocks);
	for (size_t i = 0; i < want->nblocks; i++) {
		const struct doc_block *a = &want->blocks[i], *b = &got->blocks[i];

		assert_int_equal(a->type, b->type);
		assert_int_equal(a->level, b->level);
		assert_str(a->label, b->label);
		assert_string_equal(a->text, b->text);
		assert_int_equal(a->line, b->line);
		assert_int_equal(a->nspans, b->nspans);
		for (size_t j = 0; j < a->nspans; j++) {
			assert_int_equal(a->spans[j].start, b->spans[j].start);
			assert_int_equal(a->spans[j].len, b->spans[j].len);
			assert_int_equal(a->spans[j].style, b->spans[j].style);
		}
	}
}

/* Every field of struct doc survives the store unchanged. */
static void assert_doc_equal(const struct doc *want, const struct doc *got)
{
	assert_str(want->kind, got->kind);
	assert_str(want->type_name, got->type_name);
	assert_str(want->number, got->number);
	assert_int_equal(want->number_inferred, got->number_inferred);
	assert_str(want->issuer, got->issuer);
	assert_int_equal(want->issuer_inferred, got->issuer_inferred);
	assert_str(want->parent, got->parent);
	assert_int_equal(want->parent_inferred, got->parent_inferred);
	assert_str(want->author, got->author);
	assert_int_equal(want->party_header, got->party_header);
	assert_int_equal(want->state_header, got->state_header);
	assert_str(want->place, got->place);
	assert_date(want->date, got->date);
	assert_int_equal(want->date_inferred, got->date_inferred);
	assert_str(want->subject, got->subject);
	assert_blocks_equal(want, got);
	assert_list(want->addressees, want->naddressees, got->addressees, got->naddressees);
	assert_list(want->recipients, want->nrecipients, got->recipients, got->nrecipients);
	assert_list(want->instructions, want->ninstructions, got->instructions, got->ninstructions);
	assert_list(want->annotations, want->nannotations, got->annotations, got->nannotations);
	assert_str(want->signer.authority, got->signer.authority);
	assert_str(want->signer.title, got->signer.title);
	assert_str(want->signer.name, got->signer.name);
	assert_int_equal(want->received.present, got->received.present);
	assert_str(want->received.by, got->received.by);
	assert_str(want->received.number_raw, got->received.number_raw);
	assert_str(want->received.number, got->received.number);
	assert_int_equal(want->received.number_uncertain, got->received.number_uncertain);
	assert_date(want->received.date, got->received.date);
	assert_int_equal(want->nrefs, got->nrefs);
	for (size_t i = 0; i < want->nrefs; i++) {
		assert_string_equal(want->refs[i].symbol, got->refs[i].symbol);
		assert_date(want->refs[i].date, got->refs[i].date);
		assert_str(want->refs[i].type_name, got->refs[i].type_name);
		assert_str(want->refs[i].issuer, got->refs[i].issuer);
		assert_int_equal(want->refs[i].line, got->refs[i].line);
	}
	assert_int_equal(want->link_type, got->link_type);
	assert_str(want->link_symbol, got->link_symbol);
	assert_int_equal(want->first_line, got->first_line);
	assert_int_equal(want->last_line, got->last_line);
}

static void import_ok(struct fx *fx, const struct store_item *items, size_t n,
		      int64_t now, enum store_action *actions)
{
	int rc = store_import(fx->st, items, n, now, actions, fx->err, sizeof fx->err);

	if (rc != 0)
		fail_msg("import: %s", fx->err);
}

static void import_three(struct fx *fx, enum store_action *actions)
{
	struct doc kl = make_kl(), cv = make_cv(), slip = make_slip();
	struct store_item items[] = {
		{ &cv, "000_a22f915492343a22.txt" },
		{ &kl, "000_a22f915492343a22.txt" },
		{ &slip, "004_cc7b9622c9bc6dfa.txt" },
	};

	import_ok(fx, items, 3, NOW, actions);
}

/* FNV-1a over every row of every table, in a fixed order: equal checksums
 * mean equal content. */
static uint64_t db_checksum(const char *path)
{
	static const char *const tables[] = {
		"SELECT * FROM documents ORDER BY id",
		"SELECT * FROM blocks ORDER BY doc_id, seq",
		"SELECT * FROM refs ORDER BY doc_id, seq",
		"SELECT * FROM doc_lists ORDER BY doc_id, kind, seq",
		"SELECT * FROM meta ORDER BY key",
		"SELECT * FROM arrivals ORDER BY id",
		"SELECT type, name, sql FROM sqlite_master ORDER BY name",
	};
	sqlite3 *db = raw_open(path);
	uint64_t h = UINT64_C(0xcbf29ce484222325);

	for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++) {
		sqlite3_stmt *s = NULL;

		assert_int_equal(sqlite3_prepare_v2(db, tables[t], -1, &s, NULL), SQLITE_OK);
		while (sqlite3_step(s) == SQLITE_ROW) {
			for (int c = 0; c < sqlite3_column_count(s); c++) {
				const unsigned char *v = sqlite3_column_text(s, c);

				for (; v && *v; v++)
					h = (h ^ *v) * UINT64_C(0x100000001b3);
				h = (h ^ 0x1f) * UINT64_C(0x100000001b3);
			}
		}
		sqlite3_finalize(s);
	}
	sqlite3_close(db);
	return h;
}

static int64_t count_rows(const char *path, const char *table)
{
	char sql[96];
	sqlite3 *db = raw_open(path);
	int64_t n;

	snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
	n = raw_int(db, sql);
	sqlite3_close(db);
	return n;
}

static void get_ok(struct fx *fx, const char *symbol, int64_t id, struct store_doc *sd)
{
	int rc = store_get_doc(fx->st, symbol, id, sd, fx->err, sizeof fx->err);

	if (rc != 1)
		fail_msg("get %s: rc %d: %s", symbol ? symbol : "(id)", rc, fx->err);
}

/* ---- tests ---- */

static void test_roundtrip_every_field(void **state)
{
	struct fx *fx = *state;
	struct doc kl = make_kl(), slip = make_slip(), cv = make_cv();
	enum store_action actions[3] = { 0 };
	struct store_doc sd;
	char key[160];

	import_three(fx, actions);
	assert_int_equal(actions[0], STORE_ADDED);
	assert_int_equal(actions[1], STORE_ADDED);
	assert_int_equal(actions[2], STORE_ADDED);

	get_ok(fx, "516-KL/ĐUK", 0, &sd);
	assert_doc_equal(&kl, &sd.doc);
	assert_string_equal(sd.key, "516-KL/ĐUK@2023-01-18");
	assert_string_equal(sd.source, "000_a22f915492343a22.txt");
	assert_int_equal(sd.imported_at, NOW);
	assert_false(sd.withdrawn);
	assert_false(sd.pinned);
	assert_int_equal(sd.display_from, 0);
	assert_int_equal(sd.display_until, 0);
	store_doc_free(&sd);

	get_ok(fx, "581-CV/ĐU", 0, &sd);
	assert_doc_equal(&cv, &sd.doc);
	store_doc_free(&sd);

	/* A document without a number is found by its key. */
	doc_key(&slip, key, sizeof key);
	assert_int_equal(key[0], '~');
	get_ok(fx, key, 0, &sd);
	assert_doc_equal(&slip, &sd.doc);
	assert_string_equal(sd.source, "004_cc7b9622c9bc6dfa.txt");
	store_doc_free(&sd);
}

static void test_reimport_is_idempotent(void **state)
{
	struct fx *fx = *state;
	enum store_action actions[3] = { 0 };
	struct store_doc before, after;
	uint64_t sum;

	import_three(fx, actions);
	get_ok(fx, "516-KL/ĐUK", 0, &before);
	sum = db_checksum(fx->path);

	import_three(fx, actions);
	assert_int_equal(actions[0], STORE_UNCHANGED);
	assert_int_equal(actions[1], STORE_UNCHANGED);
	assert_int_equal(actions[2], STORE_UNCHANGED);
	/* Nothing written: not even updated_at moves. */
	assert_int_equal(db_checksum(fx->path), sum);
	assert_int_equal(count_rows(fx->path, "documents"), 3);
	get_ok(fx, "516-KL/ĐUK", 0, &after);
	assert_int_equal(after.id, before.id);
	store_doc_free(&before);
	store_doc_free(&after);

	/* The same file copied to a staging folder is the same content. */
	struct doc kl = make_kl();
	struct store_item staged = { &kl, "/var/lib/bangtin/staging/7/000_a22f915492343a22.txt" };
	import_ok(fx, &staged, 1, NOW + 5, actions);
	assert_int_equal(actions[0], STORE_UNCHANGED);
	assert_int_equal(db_checksum(fx->path), sum);
}

static void test_changed_content_updates_in_place(void **state)
{
	struct fx *fx = *state;
	struct doc kl = make_kl();
	struct store_item item = { &kl, "000_a22f915492343a22.txt" };
	enum store_action action = 0;
	struct store_doc before, after;
	sqlite3 *db;

	import_ok(fx, &item, 1, NOW, &action);
	assert_int_equal(action, STORE_ADDED);
	assert_int_equal(store_set_display(fx->st, "516-KL/ĐUK", 0, 0, true, fx->err,
					   sizeof fx->err), 1);
	get_ok(fx, "516-KL/ĐUK", 0, &before);

	kl.subject = "Về kết quả 05 năm (bản sửa)";
	kl.nrecipients = 1;    /* children are replaced, not appended */
	kl.nrefs = 1;
	import_ok(fx, &item, 1, NOW + 60, &action);
	assert_int_equal(action, STORE_UPDATED);

	get_ok(fx, "516-KL/ĐUK", 0, &after);
	assert_int_equal(after.id, before.id);
	assert_doc_equal(&kl, &after.doc);
	assert_int_equal(after.imported_at, NOW);
	assert_true(after.pinned); /* the operator's pin survives a re-import */
	assert_int_equal(count_rows(fx->path, "documents"), 1);
	assert_int_equal(count_rows(fx->path, "refs"), 1);
	assert_int_equal(count_rows(fx->path, "blocks"), 4);
	db = raw_open(fx->path);
	assert_int_equal(raw_int(db, "SELECT updated_at FROM documents"), NOW + 60);
	sqlite3_close(db);
	store_doc_free(&before);
	store_doc_free(&after);
}

static void test_bad_item_rolls_back_whole_batch(void **state)
{
	struct fx *fx = *state;
	struct doc kl = make_kl(), changed = make_cv(), bad = make_simple(NULL, "9-KL/TW", 2023, 5, 1, "x");
	struct doc fresh = make_simple("NQ", "21-NQ/TW", 2022, 10, 16, "Về công tác đảng viên");
	struct store_item first = { &kl, "a.txt" };
	struct store_item batch[] = {
		{ &fresh, "b.txt" }, { &changed, "c.txt" }, { &bad, "broken.txt" },
	};
	uint64_t sum;

	import_ok(fx, &first, 1, NOW, NULL);
	sum = db_checksum(fx->path);
	changed.subject = "changed";
	assert_int_equal(store_import(fx->st, batch, 3, NOW + 1, NULL, fx->err,
				      sizeof fx->err), -1);
	assert_non_null(strstr(fx->err, "broken.txt"));
	assert_non_null(strstr(fx->err, "kind"));
	assert_int_equal(db_checksum(fx->path), sum);
	assert_int_equal(count_rows(fx->path, "documents"), 1);

	/* A bad date and a span outside its text are refused by field. */
	bad = make_kl();
	bad.date.m = 13;
	assert_int_equal(store_import(fx->st, batch, 3, NOW + 1, NULL, fx->err,
				      sizeof fx->err), -1);
	assert_non_null(strstr(fx->err, "broken.txt: 516-KL/ĐUK: field date"));
	bad = make_kl();
	kl_spans[1].len = 1000;
	assert_int_equal(store_import(fx->st, batch, 3, NOW + 1, NULL, fx->err,
				      sizeof fx->err), -1);
	kl_spans[1].len = 4;
	assert_non_null(strstr(fx->err, "field blocks[1]"));
	assert_int_equal(db_checksum(fx->path), sum);

	/* The store is still usable after a refused batch. */
	bad = make_simple("KL", "9-KL/TW", 2023, 5, 1, "x");
	import_ok(fx, batch, 3, NOW + 2, NULL);
	assert_int_equal(count_rows(fx->path, "documents"), 4);
}

static void test_fault_at_every_step_rolls_back(void **state)
{
	struct fx *fx = *state;
	struct doc kl = make_kl(), kl2 = make_kl(), cv = make_cv(), slip = make_slip();
	struct store_item first = { &kl, "a.txt" };
	struct store_item batch[] = {
		{ &cv, "b.txt" }, { &kl2, "a2.txt" }, { &slip, "c.txt" }, { &kl, "a.txt" },
	};
	enum store_action actions[4];
	struct store_doc sd;
	uint64_t sum;
	int k, rc = -1;

	import_ok(fx, &first, 1, NOW, NULL);
	sum = db_checksum(fx->path);
	kl2.signer.name = "Nguyễn Văn A";
	for (k = 1; k < 500; k++) {
		store_inject_fault(fx->st, k);
		rc = store_import(fx->st, batch, 4, NOW + 1, actions, fx->err, sizeof fx->err);
		store_inject_fault(fx->st, 0);
		if (rc == 0)
			break;
		assert_non_null(strstr(fx->err, "injected fault"));
		assert_int_equal(db_checksum(fx->path), sum);
	}
	assert_int_equal(rc, 0);
	/* begin, lookups, rows, children, commit: many distinct failure points */
	assert_true(k > 40);
	assert_int_equal(actions[0], STORE_ADDED);
	assert_int_equal(actions[1], STORE_UPDATED);
	assert_int_equal(actions[2], STORE_ADDED);
	assert_int_equal(actions[3], STORE_UPDATED); /* back to the first version */
	assert_int_equal(count_rows(fx->path, "documents"), 3);
	get_ok(fx, "516-KL/ĐUK", 0, &sd);
	assert_doc_equal(&kl, &sd.doc);
	assert_string_equal(sd.source, "a.txt");
	store_doc_free(&sd);
}

static void test_wal_and_foreign_keys(void **state)
{
	struct fx *fx = *state;
	sqlite3 *db;

	import_three(fx, NULL);
	db = raw_open(fx->path);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM pragma_journal_mode "
				 "WHERE journal_mode = 'wal'"), 1);
	/* children go with their document */
	raw_exec(db, "PRAGMA foreign_keys = ON; DELETE FROM documents WHERE number = '516-KL/ĐUK'");
	assert_int_equal(raw_int(db, "SELECT count(*) FROM blocks"), 1);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM refs"), 0);
	sqlite3_close(db);
}

/* The kiosk reads while bangtinctl imports: two handles on one file. */
static void test_two_handles_share_the_file(void **state)
{
	struct fx *fx = *state;
	struct store *reader = store_open(fx->path, fx->err, sizeof fx->err);
	struct store_list l;

	assert_non_null(reader);
	assert_int_equal(store_list_docs(reader, NULL, &l, fx->err, sizeof fx->err), 0);
	assert_int_equal(l.n, 0);
	import_three(fx, NULL);
	assert_int_equal(store_list_docs(reader, NULL, &l, fx->err, sizeof fx->err), 0);
	assert_int_equal(l.n, 3);
	assert_memory_equal(l.items[0].key, "~PXYK@2023-02-10#", 17); /* newest first */
	assert_string_equal(l.items[1].number, "581-CV/ĐU");
	store_list_free(&l);
	store_close(reader);
}

/* Imports the listing fixture: conclusions, directives, notices. */
static void import_listing(struct fx *fx)
{
	struct doc docs[] = {
		make_simple("KL", "516-KL/ĐUK", 2023, 1, 18, "Về kết quả 05 năm"),
		make_simple("KL", "530-KL/ĐUK", 2023, 3, 1, "Về công tác kiểm tra"),
		make_simple("TB", "12-TB/TW", 2023, 2, 1, "Kết luận của Bộ Chính trị về ..."),
		make_simple("TB", "13-TB/TW", 2023, 2, 2, "Về lịch tiếp công dân"),
		make_simple("CV", "581-CV/ĐU", 2023, 2, 9, "V/v phổ biến"),
		make_simple("CV", "600-CV/ĐU", 2023, 2, 9, "V/v học tập"),
		make_simple("NQ", "21-NQ/TW", 2022, 10, 16, "Về công tác đảng viên"),
		make_simple("CT", "05-CT/TW", 2016, 5, 15, "Về học tập và làm theo"),
	};
	struct store_item items[8];

	for (size_t i = 0; i < 8; i++) {
		items[i].doc = &docs[i];
		items[i].source = "listing.txt";
	}
	import_ok(fx, items, 8, NOW, NULL);
}

static void assert_numbers(const struct store_list *l, size_t n, ...)
{
	va_list ap;

	assert_int_equal(l->n, n);
	va_start(ap, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(l->items[i].number, va_arg(ap, const char *));
	va_end(ap);
}

static void test_screen_queries(void **state)
{
	struct fx *fx = *state;
	struct store_list l;
	char *e = fx->err;
	size_t es = sizeof fx->err;

	import_listing(fx);
	assert_int_equal(store_latest_conclusions(fx->st, NOW, 0, &l, e, es), 0);
	assert_numbers(&l, 3, "530-KL/ĐUK", "12-TB/TW", "516-KL/ĐUK");
	assert_int_equal(l.items[0].group, DOC_GROUP_CONCLUSION);
	assert_string_equal(l.items[0].date, "2023-03-01");
	assert_string_equal(l.items[0].kind, "KL");
	assert_string_equal(l.items[0].subject, "Về công tác kiểm tra");
	assert_string_equal(l.items[0].type_name, "Kết luận"); /* from the kind table */
	assert_null(l.items[0].issuer);
	store_list_free(&l);

	/* same date: the higher number (issued later) first */
	assert_int_equal(store_current_notices(fx->st, NOW, 0, &l, e, es), 0);
	assert_numbers(&l, 3, "600-CV/ĐU", "581-CV/ĐU", "13-TB/TW");
	store_list_free(&l);
	assert_int_equal(store_current_directives(fx->st, NOW, 1, &l, e, es), 0);
	assert_numbers(&l, 1, "21-NQ/TW");
	store_list_free(&l);

	/* withdrawn: gone from the screens, still listed with include_hidden */
	assert_int_equal(store_set_withdrawn(fx->st, "530-kl/đuk", true, e, es), 1);
	assert_int_equal(store_latest_conclusions(fx->st, NOW, 0, &l, e, es), 0);
	assert_numbers(&l, 2, "12-TB/TW", "516-KL/ĐUK");
	store_list_free(&l);
	struct store_filter all = { .group = DOC_GROUP_CONCLUSION, .include_hidden = true };
	assert_int_equal(store_list_docs(fx->st, &all, &l, e, es), 0);
	assert_numbers(&l, 3, "530-KL/ĐUK", "12-TB/TW", "516-KL/ĐUK");
	assert_true(l.items[0].withdrawn);
	store_list_free(&l);

	/* pinned first; a window that has not opened or has closed hides */
	assert_int_equal(store_set_display(fx->st, "516-KL/ĐUK", 0, 0, true, e, es), 1);
	assert_int_equal(store_set_display(fx->st, "12-TB/TW", NOW + 100, 0, false, e, es), 1);
	assert_int_equal(store_latest_conclusions(fx->st, NOW, 0, &l, e, es), 0);
	assert_numbers(&l, 1, "516-KL/ĐUK");
	assert_true(l.items[0].pinned);
	store_list_free(&l);
	assert_int_equal(store_latest_conclusions(fx->st, NOW + 100, 0, &l, e, es), 0);
	assert_numbers(&l, 2, "516-KL/ĐUK", "12-TB/TW");
	store_list_free(&l);
	assert_int_equal(store_set_display(fx->st, "12-TB/TW", NOW - 100, NOW, false, e, es), 1);
	assert_int_equal(store_latest_conclusions(fx->st, NOW - 1, 0, &l, e, es), 0);
	assert_numbers(&l, 2, "516-KL/ĐUK", "12-TB/TW");
	store_list_free(&l);
	assert_int_equal(store_latest_conclusions(fx->st, NOW, 0, &l, e, es), 0);
	assert_numbers(&l, 1, "516-KL/ĐUK");
	store_list_free(&l);

	/* kind filter; settings on an unknown symbol match nothing */
	struct store_filter cv = { .kind = "CV" };
	assert_int_equal(store_list_docs(fx->st, &cv, &l, e, es), 0);
	assert_numbers(&l, 2, "600-CV/ĐU", "581-CV/ĐU");
	store_list_free(&l);
	assert_int_equal(store_set_withdrawn(fx->st, "999-KL/TW", true, e, es), 0);
	assert_int_equal(store_set_display(fx->st, "13-TB/TW", NOW, NOW - 5, false, e, es), -1);
	assert_non_null(strstr(fx->err, "13-TB/TW"));
}

/* The arrived time of the listed document with this number (0 if not new). */
static int64_t arrived_of(struct fx *fx, const char *number)
{
	struct store_list l = { 0 };
	int64_t at = -1;

	assert_int_equal(store_list_docs(fx->st, NULL, &l, fx->err, sizeof fx->err), 0);
	for (size_t i = 0; i < l.n; i++)
		if (strcmp(l.items[i].number, number) == 0)
			at = l.items[i].arrived;
	store_list_free(&l);
	assert_true(at >= 0);
	return at;
}

/* The latest batch that added or changed documents is the latest arrival:
 * its documents say when; older ones, and an unchanged re-import, do not
 * move it. */
static void test_latest_arrival(void **state)
{
	struct fx *fx = *state;
	struct doc a = make_simple("TB", "1-TB/X", 2023, 1, 1, "Một");
	struct doc b = make_simple("TB", "2-TB/X", 2023, 1, 2, "Hai");
	struct doc c = make_simple("TB", "3-TB/X", 2023, 1, 3, "Ba");
	struct store_item ab[] = { { &a, "a.txt" }, { &b, "b.txt" } };
	struct store_item bc[] = { { &b, "b.txt" }, { &c, "c.txt" } };

	import_ok(fx, ab, 2, NOW, NULL);
	assert_int_equal(arrived_of(fx, "1-TB/X"), NOW);
	assert_int_equal(arrived_of(fx, "2-TB/X"), NOW);
	/* b changed and c new: they are the latest arrival, a is not */
	b.subject = "Hai (sửa)";
	import_ok(fx, bc, 2, NOW + 100, NULL);
	assert_int_equal(arrived_of(fx, "1-TB/X"), 0);
	assert_int_equal(arrived_of(fx, "2-TB/X"), NOW + 100);
	assert_int_equal(arrived_of(fx, "3-TB/X"), NOW + 100);
	/* the same files again: nothing came, the latest arrival stays */
	import_ok(fx, bc, 2, NOW + 200, NULL);
	assert_int_equal(arrived_of(fx, "3-TB/X"), NOW + 100);
	assert_int_equal(count_rows(fx->path, "arrivals"), 2);
}

static void test_counts_by_kind(void **state)
{
	struct fx *fx = *state;
	struct store_count *c = NULL;
	size_t n = 0;

	import_listing(fx);
	assert_int_equal(store_set_withdrawn(fx->st, "05-CT/TW", true, fx->err, sizeof fx->err), 1);
	assert_int_equal(store_count_by_kind(fx->st, NOW, &c, &n, fx->err, sizeof fx->err), 0);
	assert_int_equal(n, 4);
	assert_string_equal(c[0].kind, "CV");
	assert_int_equal(c[0].count, 2);
	assert_string_equal(c[1].kind, "KL");
	assert_int_equal(c[1].count, 2);
	assert_string_equal(c[2].kind, "TB");
	assert_int_equal(c[2].count, 2);
	assert_string_equal(c[3].kind, "NQ");
	assert_int_equal(c[3].count, 1);
	free(c);
}

static void test_links_both_ways(void **state)
{
	struct fx *fx = *state;
	struct store_doc kl, cv;
	struct doc orphan = make_cv();
	struct store_item item = { &orphan, "orphan.txt" };

	import_three(fx, NULL);
	get_ok(fx, "516-KL/ĐUK", 0, &kl);
	get_ok(fx, "581-CV/ĐU", 0, &cv);

	assert_int_equal(cv.noutgoing, 1);
	assert_int_equal(cv.outgoing[0].type, DOC_LINK_FORWARDS);
	assert_int_equal(cv.outgoing[0].other_id, kl.id);
	assert_string_equal(cv.outgoing[0].other_number, "516-KL/ĐUK");
	assert_string_equal(cv.outgoing[0].other_kind, "KL");
	assert_string_equal(cv.outgoing[0].other_date, "2023-01-18");
	assert_string_equal(cv.outgoing[0].other_subject, kl.doc.subject);
	assert_int_equal(cv.outgoing[0].ninstructions, 1);
	assert_string_equal(cv.outgoing[0].instructions[0], "Đề nghị các đảng ủy cơ sở phổ biến");
	assert_int_equal(cv.nincoming, 0);

	assert_int_equal(kl.noutgoing, 0);
	assert_int_equal(kl.nincoming, 2);
	assert_int_equal(kl.incoming[0].type, DOC_LINK_FORWARDS);
	assert_int_equal(kl.incoming[0].other_id, cv.id);
	assert_string_equal(kl.incoming[0].other_number, "581-CV/ĐU");
	assert_string_equal(kl.incoming[0].other_date, "2023-02-09");
	assert_int_equal(kl.incoming[0].ninstructions, 1);
	assert_int_equal(kl.incoming[1].type, DOC_LINK_ANNOTATES);
	assert_string_equal(kl.incoming[1].other_kind, "PXYK");
	assert_string_equal(kl.incoming[1].other_number, "");
	assert_int_equal(kl.incoming[1].ninstructions, 2);
	assert_string_equal(kl.incoming[1].instructions[0], "Đồng ý");
	assert_string_equal(kl.incoming[1].instructions[1], "Gửi các chi bộ");
	store_doc_free(&kl);
	store_doc_free(&cv);

	/* A link to a document not in the store keeps its symbol, id 0. */
	orphan.number = "700-CV/ĐU";
	orphan.link_symbol = "1-KL/TW";
	import_ok(fx, &item, 1, NOW, NULL);
	get_ok(fx, "700-CV/ĐU", 0, &cv);
	assert_int_equal(cv.noutgoing, 1);
	assert_int_equal(cv.outgoing[0].other_id, 0);
	assert_string_equal(cv.outgoing[0].other_number, "1-KL/TW");
	assert_null(cv.outgoing[0].other_subject);
	store_doc_free(&cv);
}

static void test_symbol_lookup_forgives_spacing_and_case(void **state)
{
	struct fx *fx = *state;
	struct doc qdi = make_simple("QĐi", "12-QĐi/TW", 2019, 5, 20, "Về kiểm tra");
	struct doc older = make_simple("KL", "516-KL/ĐUK", 2020, 1, 1, "Bản cũ");
	struct store_item items[] = { { &qdi, "q.txt" }, { &older, "old.txt" } };
	static const char *const spellings[] = {
		"516-KL/ĐUK", "516 - kl/đuk", " 516-Kl / Đuk ", "516-KL/ĐUK@2023-01-18",
		"516 -KL/ĐUK@2023-01-18",
	};
	struct store_doc sd;
	int64_t id;

	import_three(fx, NULL);
	import_ok(fx, items, 2, NOW, NULL);
	for (size_t i = 0; i < sizeof spellings / sizeof spellings[0]; i++) {
		get_ok(fx, spellings[i], 0, &sd);
		/* several dates share the number: the newest unless keyed */
		assert_string_equal(sd.key, "516-KL/ĐUK@2023-01-18");
		store_doc_free(&sd);
	}
	get_ok(fx, "516-KL/ĐUK@2020-01-01", 0, &sd);
	assert_string_equal(sd.doc.subject, "Bản cũ");
	store_doc_free(&sd);

	get_ok(fx, "12-qđi/tw", 0, &sd);
	assert_string_equal(sd.doc.number, "12-QĐi/TW");
	id = sd.id;
	store_doc_free(&sd);
	get_ok(fx, NULL, id, &sd);
	assert_string_equal(sd.doc.kind, "QĐi");
	store_doc_free(&sd);

	assert_int_equal(store_get_doc(fx->st, "517-KL/ĐUK", 0, &sd, fx->err, sizeof fx->err), 0);
	assert_int_equal(store_get_doc(fx->st, NULL, 9999, &sd, fx->err, sizeof fx->err), 0);
}

static char *meta_of(struct fx *fx, const char *key, char *buf, size_t size)
{
	char *v = NULL;

	assert_true(store_meta_get(fx->st, key, &v, fx->err, sizeof fx->err) >= 0);
	snprintf(buf, size, "%s", v ? v : "(unset)");
	free(v);
	return buf;
}

/* An import records itself (the version the kiosk reloads on, the time,
 * the result) inside its own transaction: a failure at any step, the
 * record's included, leaves even the meta as it was
 * (test_fault_at_every_step_rolls_back); an import that changes nothing
 * writes nothing. And the copy bangtinctl's checks run on. */
static void test_import_records_itself(void **state)
{
	struct fx *fx = *state;
	struct doc kl = make_kl();
	struct store_item item = { &kl, "a.txt" };
	struct store *copy;
	char buf[128], path[160];

	import_three(fx, NULL);
	assert_string_equal(meta_of(fx, STORE_META_VERSION, buf, sizeof buf), "1");
	assert_string_equal(meta_of(fx, STORE_META_UPDATED, buf, sizeof buf), "1700000000");
	assert_string_equal(meta_of(fx, STORE_META_RESULT, buf, sizeof buf),
			    "Thành công: 3 văn bản, 3 thay đổi");
	import_ok(fx, &item, 1, NOW + 60, NULL);
	assert_string_equal(meta_of(fx, STORE_META_VERSION, buf, sizeof buf), "1");
	assert_string_equal(meta_of(fx, STORE_META_UPDATED, buf, sizeof buf), "1700000000");
	kl.signer.name = "Nguyễn Văn B";
	import_ok(fx, &item, 1, NOW + 120, NULL);
	assert_string_equal(meta_of(fx, STORE_META_VERSION, buf, sizeof buf), "2");
	assert_string_equal(meta_of(fx, STORE_META_UPDATED, buf, sizeof buf), "1700000120");
	assert_string_equal(meta_of(fx, STORE_META_RESULT, buf, sizeof buf),
			    "Thành công: 1 văn bản, 1 thay đổi");

	snprintf(path, sizeof path, "%s/copy.db", fx->dir);
	assert_int_equal(store_copy(fx->path, path, fx->err, sizeof fx->err), 0);
	copy = store_open(path, fx->err, sizeof fx->err);
	assert_non_null(copy);
	assert_int_equal(count_rows(path, "documents"), 3);
	store_close(copy);
	fx_remove_db_files(path);
	snprintf(path, sizeof path, "%s/none.db", fx->dir);
	assert_int_equal(store_copy(path, fx->path, fx->err, sizeof fx->err), -1);
	assert_non_null(strstr(fx->err, "none.db"));
}

static void test_meta(void **state)
{
	struct fx *fx = *state;
	char *v;

	assert_int_equal(store_meta_get(fx->st, "content_version", &v, fx->err, sizeof fx->err), 0);
	assert_null(v);
	assert_int_equal(store_meta_set(fx->st, "content_version", "41", fx->err, sizeof fx->err), 0);
	assert_int_equal(store_meta_set(fx->st, "content_version", "42", fx->err, sizeof fx->err), 0);
	assert_int_equal(store_meta_get(fx->st, "content_version", &v, fx->err, sizeof fx->err), 1);
	assert_string_equal(v, "42");
	free(v);
	assert_int_equal(store_meta_set(fx->st, "last_update", "Đã cập nhật 9 văn bản",
					fx->err, sizeof fx->err), 0);
	assert_int_equal(store_meta_get(fx->st, "last_update", &v, fx->err, sizeof fx->err), 1);
	assert_string_equal(v, "Đã cập nhật 9 văn bản");
	free(v);
	assert_int_equal(count_rows(fx->path, "meta"), 2);
	/* A failing read is an error naming the key, not "unset". */
	store_inject_fault(fx->st, 1);
	assert_int_equal(store_meta_get(fx->st, "content_version", &v, fx->err, sizeof fx->err), -1);
	assert_null(v);
	assert_non_null(strstr(fx->err, "meta content_version"));
	store_inject_fault(fx->st, 0);
}

/* A failing step anywhere in a read returns -1 with a message and leaks
 * nothing (the sanitizer run checks the leaks); then it succeeds. */
static void test_read_faults_fail_cleanly(void **state)
{
	struct fx *fx = *state;
	struct store_doc sd;
	struct store_list l;
	struct store_count *c;
	size_t n;
	int k, rc = -1;

	import_three(fx, NULL);
	for (k = 1; k < 100 && rc != 1; k++) {
		store_inject_fault(fx->st, k);
		rc = store_get_doc(fx->st, "516-KL/ĐUK", 0, &sd, fx->err, sizeof fx->err);
		store_inject_fault(fx->st, 0);
		if (rc < 0)
			assert_non_null(strstr(fx->err, "injected fault"));
	}
	assert_int_equal(rc, 1);
	assert_true(k > 8); /* row, blocks, refs, four lists, links */
	assert_int_equal(sd.nincoming, 2);
	store_doc_free(&sd);

	store_inject_fault(fx->st, 2);
	assert_int_equal(store_latest_conclusions(fx->st, NOW, 0, &l, fx->err, sizeof fx->err), -1);
	assert_null(l.items);
	assert_int_equal(l.n, 0);
	store_inject_fault(fx->st, 1);
	assert_int_equal(store_count_by_kind(fx->st, NOW, &c, &n, fx->err, sizeof fx->err), -1);
	assert_null(c);
	store_inject_fault(fx->st, 1);
	assert_int_equal(store_set_withdrawn(fx->st, "516-KL/ĐUK", true, fx->err, sizeof fx->err), -1);
	assert_non_null(strstr(fx->err, "516-KL/ĐUK: field withdrawn: injected fault"));
	store_inject_fault(fx->st, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_roundtrip_every_field, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reimport_is_idempotent, setup, teardown),
		cmocka_unit_test_setup_teardown(test_changed_content_updates_in_place, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_item_rolls_back_whole_batch, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fault_at_every_step_rolls_back, setup, teardown),
		cmocka_unit_test_setup_teardown(test_wal_and_foreign_keys, setup, teardown),
		cmocka_unit_test_setup_teardown(test_two_handles_share_the_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_screen_queries, setup, teardown),
		cmocka_unit_test_setup_teardown(test_latest_arrival, setup, teardown),
		cmocka_unit_test_setup_teardown(test_counts_by_kind, setup, teardown),
		cmocka_unit_test_setup_teardown(test_links_both_ways, setup, teardown),
		cmocka_unit_test_setup_teardown(test_symbol_lookup_forgives_spacing_and_case, setup, teardown),
		cmocka_unit_test_setup_teardown(test_meta, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_records_itself, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_faults_fail_cleanly, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
