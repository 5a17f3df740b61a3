/* SPDX-License-Identifier: MIT */
/*
 * test_main_loop: the kiosk's loop with one huge document (issue 9 item 5:
 * 16 paragraphs of 65,000 digits, 1 MiB, froze the screen for 45 s). The
 * first frame shows page 1 having shaped about a page of text; the rest is
 * laid out a bounded slice per turn of the loop, which meanwhile waits for
 * no event (its timeout is 0) and answers a key on its next turn; the page
 * count settles once the slices are done. Work is counted in bytes the
 * fonts shaped, never timed. Also the Info row of a damaged database. The main*.c files are the program's, so they
 * are compiled in here, as test_main_gpio does.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "../firmware/main_loop.c"
#undef LOG_TAG
#include "../firmware/main_gpio.c"
#undef LOG_TAG
#include "../firmware/main_update.c"
#undef LOG_TAG
#include "../firmware/main_update_view.c" /* main_loop.c calls it; k.update stays NULL */
#include "../firmware/main_frames.c"      /* main_update*.c call it */
#include "../firmware/main_clock.c"       /* main_loop.c calls it */
#undef LOG_TAG
#include "../firmware/main_enrol.c" /* main_update*.c call it */

#include "storefx.h"
#include "testutil.h"
#include "ui_int.h" /* the fonts' counters */

#define NOW 1700000000

/* Shaped per turn of the loop at most: a slice, the line it ends on, and
 * one frame's text (the page, header and footer; 1280x720 holds some 20
 * lines of 75 characters). */
#define TURN_BYTES (MAIN_LAYOUT_SLICE + 3 * TEXT_LINE_MAX + 16384)

static struct kiosk k;
static struct fx *fx;

static int group_setup(void **state)
{
	static const char head[] = "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TW\nĐẢNG ỦY THÔNG TẤN XÃ VIỆT NAM\n"
				   "Số 901-KL/ĐU\n\nĐẢNG CỘNG SẢN VIỆT NAM\n\n"
				   "Hà Nội, ngày 09 tháng 02 năm 2023\n\nKẾT LUẬN\nvề việc thử\n\n";
	struct ui_options uo = { .width = 1280, .height = 720, .headless = true,
				 .font_dir = BANGTIN_SRCDIR "/fonts", .title = "test" };
	size_t hl = sizeof head - 1, len = hl + 16 * 65002;
	char *text = malloc(len + 1), err[UI_ERR_MAX];
	struct parse_result res;
	void *fxs = NULL;

	(void)state;
	log_init("test", LOG_LEVEL_WARNING, LOG_PREFIX_PLAIN);
	setenv("SDL_VIDEODRIVER", "dummy", 1);
	if (!text || SDL_Init(SDL_INIT_EVENTS) != 0 || fx_setup(&fxs) != 0)
		return -1;
	fx = fxs;
	memcpy(text, head, hl);
	for (size_t p = 0, o = hl; p < 16; p++) {
		for (size_t i = 0; i < 65000; i++)
			text[o++] = (char)('0' + i % 10);
		text[o++] = '\n';
		text[o++] = '\n';
	}
	text[len] = '\0';
	if (tu_parse("huge.txt", text, len, NULL, &res) != 0 || res.ndocs != 1) {
		fprintf(stderr, "huge.txt: %zu documents\n", res.ndocs);
		return -1;
	}
	free(text);
	struct store_item item = { &res.docs[0], "huge.txt" };
	int rc = store_import(fx->st, &item, 1, NOW, NULL, fx->err, sizeof fx->err);
	parse_result_free(&res);
	if (rc != 0)
		return -1;
	config_defaults(&k.cfg);
	k.cfg.dwell_min_s = k.cfg.dwell_max_s = 3600;
	k.cfg.idle_timeout_s = 3600;
	k.st = fx->st;
	if (!(k.content = content_new(k.st)) || !(k.ui = ui_new(&uo, err, sizeof err))) {
		fprintf(stderr, "ui_new: %s\n", err);
		return -1;
	}
	main_load_content(&k, NOW);
	main_pager_init(&k);
	return k.ac.ncarousel == 1 ? 0 : -1;
}

static int group_teardown(void **state)
{
	(void)state;
	ui_free(k.ui);
	content_free(k.content);
	free(k.items);
	fx_close(fx);
	rmdir(fx->dir);
	free(fx);
	SDL_Quit();
	return 0;
}

static size_t shaped(void)
{
	struct ui_fonts_stats st;

	ui_fonts_stats(k.ui->fonts, &st);
	return st.width_bytes;
}

static size_t measured(void)
{
	struct ui_fonts_stats st;

	ui_fonts_stats(k.ui->fonts, &st);
	return st.width_hits + st.width_misses;
}

/* Width calls of the last turn (cache hits too: the digits repeat, so
 * little is shaped, but every call is work). */
static size_t turn_calls;

/* One turn of main_loop(): a step, then the events queued. Returns the
 * bytes shaped; turn_calls gets the width calls. */
static size_t turn(int *minute)
{
	size_t before = shaped(), calls = measured();
	SDL_Event ev;

	main_step(&k, false, minute);
	while (SDL_PollEvent(&ev))
		main_event(&k, &ev, gpio_clock_ns(), *minute);
	turn_calls = measured() - calls;
	return shaped() - before;
}

static void key(SDL_Keycode sym)
{
	SDL_Event ev = { .type = SDL_KEYDOWN };

	ev.key.keysym.sym = sym;
	assert_int_equal(SDL_PushEvent(&ev), 1);
	ev.type = SDL_KEYUP;
	assert_int_equal(SDL_PushEvent(&ev), 1);
}

static void test_huge_document_keeps_the_loop_free(void **state)
{
	struct app_settings set = main_app_settings(&k.cfg);

	set.carousel_pages = 0; /* every page: the test pages through the huge one */
	int minute = 0, turns = 0;
	size_t bytes, most = 0, most_calls = 0;

	(void)state;
	k.pager_lazy = true;
	app_init(&k.app, &set, &k.ac, &k.pager, main_mono_ms(), minute);
	k.pager_lazy = false;
	struct buttons_settings bs = main_buttons_settings(&k.cfg);

	buttons_init(&k.buttons, &bs);
	k.app.changed = true;

	/* The first frame: page 1, about a page of text shaped. */
	bytes = turn(&minute);
	if (bytes > TURN_BYTES)
		fail_msg("the first frame shaped %zu bytes", bytes);
	assert_int_equal(k.app.screen, APP_SCREEN_CAROUSEL);
	assert_int_equal(k.app.car_page, 0);
	assert_true(k.layout_rest != 0);
	assert_false(ui_doc_complete(k.ui, k.layout_rest));
	/* While the rest is laid out the loop only looks for events. */
	assert_int_equal(main_timeout(&k, gpio_clock_ns(), main_wall_ms(), false), 0);

	/* A key pressed meanwhile is answered on the next turn: page 2. */
	key(SDLK_RIGHT);
	bytes = turn(&minute);
	bytes += turn(&minute);
	assert_int_equal(k.app.car_page, 1);
	if (bytes > 2 * TURN_BYTES + MAIN_PAGES_SLICES * MAIN_LAYOUT_SLICE)
		fail_msg("answering the key shaped %zu bytes", bytes);
	key(SDLK_RIGHT);
	turn(&minute);
	assert_int_equal(k.app.car_page, 2);

	/* The loop finishes the layout, a bounded slice per turn. */
	while (k.layout_rest) {
		bytes = turn(&minute);
		most = bytes > most ? bytes : most;
		most_calls = turn_calls > most_calls ? turn_calls : most_calls;
		assert_true(++turns < 100000);
	}
	print_message("the rest took %d turns of the loop, each at most %zu width calls "
		      "shaping %zu bytes\n", turns, most_calls, most);
	if (most > TURN_BYTES || most_calls > TURN_BYTES)
		fail_msg("a turn of the loop made %zu width calls shaping %zu bytes", most_calls,
			 most);
	assert_true(turns > 20);
	int64_t id = content_entry(k.content, CONTENT_CAROUSEL, 0)->id;
	size_t pages = 0;
	assert_true(ui_doc_complete(k.ui, id));
	assert_int_equal(ui_doc_pages(k.ui, id, NULL, NULL, SIZE_MAX, &pages), 0);
	assert_true(pages > 500);
	assert_int_equal(k.app.car_page, 2);
	assert_true(main_timeout(&k, gpio_clock_ns(), main_wall_ms(), false) > 0);
}

/* A database that failed its check at start-up is named on Info, in
 * Vietnamese, after the content's rows. */
static void test_info_names_a_damaged_database(void **state)
{
	struct ui_clock c = main_clock(NOW, NULL);
	struct ui_view v;
	bool found = false;

	(void)state;
	k.db_notice = "bị hỏng: chỉ hiển thị phần còn đọc được, không nhận cập nhật.";
	k.app.screen = APP_SCREEN_INFO;
	k.info_stale = true;
	assert_true(main_view(&k, &v, &c, 0, 0, NOW));
	for (size_t i = 0; i < v.nrows; i++)
		if (strcmp(v.rows[i].label, "Cơ sở dữ liệu") == 0) {
			assert_string_equal(v.rows[i].value, k.db_notice);
			found = true;
		}
	assert_true(found);
	k.db_notice = NULL;
	k.info_stale = true;
	assert_true(main_view(&k, &v, &c, 0, 0, NOW));
	for (size_t i = 0; i < v.nrows; i++)
		assert_string_not_equal(v.rows[i].label, "Cơ sở dữ liệu");
}

/* The value of the row labelled label in the view, or NULL. */
static const char *row_value(const struct ui_view *v, const char *label)
{
	for (size_t i = 0; i < v->nrows; i++)
		if (strcmp(v->rows[i].label, label) == 0)
			return v->rows[i].value;
	return NULL;
}

/* The trusted keys on Info, and a new board's empty screen saying how to
 * enrol one: from a stick when [update] enrol allows it, else by copying
 * the file; a broken key file is named as such. */
static void test_keys_on_info_and_empty(void **state)
{
	struct ui_clock c = main_clock(NOW, NULL);
	struct ui_view v;
	char dir[sizeof fx->dir + 8], pub[sizeof dir + 32], bad[sizeof dir + 32];
	char *text;
	size_t len;

	(void)state;
	snprintf(dir, sizeof dir, "%s/keys", fx->dir);
	snprintf(pub, sizeof pub, "%s/vanphong.pub", dir);
	snprintf(bad, sizeof bad, "%s/hong.pub", dir);
	assert_int_equal(mkdir(dir, 0700), 0);
	snprintf(k.cfg.keys_dir, sizeof k.cfg.keys_dir, "%s", dir);

	/* None yet: the empty screen adds how to enrol one. */
	k.app.screen = APP_SCREEN_EMPTY;
	k.info_stale = true;
	assert_true(main_view(&k, &v, &c, 0, 0, NOW));
	assert_int_equal(v.nrows, 2);
	assert_string_equal(v.rows[1].label, "Khóa ký");
	assert_non_null(strstr(v.rows[1].value, "BANGTIN/TÊN.pub rồi giữ nút Chọn 5 giây"));
	k.cfg.enrol = false;
	k.info_stale = true;
	assert_true(main_view(&k, &v, &c, 0, 0, NOW));
	assert_non_null(strstr(v.rows[1].value, dir));
	k.cfg.enrol = true;

	/* One key: its name and fingerprint on Info, the empty screen as before. */
	text = tu_read_file(BANGTIN_SRCDIR "/tests/golden/keys/vanphong.pub", &len);
	tu_write_file(pub, text, len);
	free(text);
	k.info_stale = true;
	assert_true(main_view(&k, &v, &c, 0, 0, NOW));
	assert_int_equal(v.nrows, 1);
	k.app.screen = APP_SCREEN_INFO;
	k.info_stale = true;
	assert_true(main_view(&k, &v, &c, 0, 0, NOW));
	assert_non_null(row_value(&v, "Khóa tin cậy"));
	assert_string_equal(row_value(&v, "Khóa tin cậy"), "vanphong (1EFD 5332 03E4 4308)");

	/* A broken key file: the kiosk trusts nothing, and Info says why. */
	tu_write_file(bad, "ed25519 not-hex\n", strlen("ed25519 not-hex\n"));
	k.info_stale = true;
	assert_true(main_view(&k, &v, &c, 0, 0, NOW));
	assert_non_null(strstr(row_value(&v, "Khóa tin cậy"), "bị lỗi"));

	assert_int_equal(unlink(bad), 0);
	assert_int_equal(unlink(pub), 0);
	assert_int_equal(rmdir(dir), 0);
	k.app.screen = APP_SCREEN_CAROUSEL;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_huge_document_keeps_the_loop_free),
		cmocka_unit_test(test_info_names_a_damaged_database),
		cmocka_unit_test(test_keys_on_info_and_empty),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
