/* SPDX-License-Identifier: MIT */
/*
 * test_main_gpio: the kiosk's GPIO button path end to end without
 * hardware. A stand-in edge source (a pipe of recorded edges) runs under
 * the real buttons thread (firmware/main_gpio.c), whose edges reach the
 * loop's real event handler (firmware/main_loop.c) through SDL's queue;
 * the loop's timers are advanced on a recorded clock, and the tests check
 * what the app shows: pages turned, list, reader, Info on a long back,
 * repeats, two buttons at once, waking from sleep, a chip that goes away
 * and comes back, and the Info row. The main*.c files are the program's,
 * not a library's, so they are compiled in here.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

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

#define MS INT64_C(1000000)
#define T0 (INT64_C(5000000) * MS) /* the recorded clock's start, ns */
#define MINUTE 600                 /* 10:00 */
#define NOW 1700000000             /* Unix time of the content */
#define WALL_MS (INT64_C(1699999980) * 1000) /* a wall clock minute's start */
#define KEYBOARD " — bàn phím vẫn dùng được"
/* A record in the pipe saying the chip went away. */
#define FAKE_GONE BUTTONS_COUNT

static struct kiosk k; /* large: as main() has it */

/* The stand-in source: edges written to a pipe; open fails while fail is
 * set. The buttons thread calls it, the test sets fail. */
struct fake {
	int pipe[2];
	atomic_int fail;
	atomic_uint open_mask;
	atomic_int why; /* enum gpio_reason of the buttons not open */
};

static struct fake fake;

static int fake_open(void *ctx, char *err, size_t errsize)
{
	struct fake *f = ctx;

	if (atomic_load(&f->fail)) {
		snprintf(err, errsize, "prev: no chip 'gpiochip0' (no gpiochip has that name or "
			 "label); next: no chip 'gpiochip0' (no gpiochip has that name or label)");
		atomic_store(&f->why, GPIO_REASON_NO_CHIP);
		return BUTTONS_COUNT;
	}
	atomic_store(&f->open_mask, (1u << BUTTONS_COUNT) - 1);
	return 0;
}

static size_t fake_fds(void *ctx, int *fds, size_t max)
{
	struct fake *f = ctx;

	if (!atomic_load(&f->open_mask) || max < 1)
		return 0;
	fds[0] = f->pipe[0];
	return 1;
}

static int fake_read(void *ctx, struct gpio_edge *out, size_t max, size_t *n, char *err,
		     size_t errsize)
{
	struct fake *f = ctx;
	struct gpio_edge e;

	*n = 0;
	while (*n < max && read(f->pipe[0], &e, sizeof e) == (ssize_t)sizeof e) {
		if (e.button == FAKE_GONE) {
			atomic_store(&f->open_mask, 0);
			atomic_store(&f->why, GPIO_REASON_LOST);
			snprintf(err, errsize, "next: gpiochip0 line 27: No such device; closed, "
				 "will retry");
			return -1;
		}
		out[(*n)++] = e;
	}
	return 0;
}

static bool fake_is_open(void *ctx, enum buttons_id id)
{
	struct fake *f = ctx;

	return atomic_load(&f->open_mask) & (1u << id);
}

static enum gpio_reason fake_why(void *ctx, enum buttons_id id)
{
	struct fake *f = ctx;

	return fake_is_open(ctx, id) ? GPIO_REASON_OPEN : (enum gpio_reason)atomic_load(&f->why);
}

static const char *fake_chip(void *ctx, enum buttons_id id)
{
	(void)ctx;
	(void)id;
	return "gpiochip0";
}

static void fake_free(void *ctx)
{
	struct fake *f = ctx;

	close(f->pipe[0]);
	close(f->pipe[1]);
}

/* The content, the drawing core and the samples, shared by every test. */
static struct fx *fx;

static int group_setup(void **state)
{
	static const char *const samples[] = {
		"000_a22f915492343a22.txt", "001_900d4e3dfc0f17bc.txt",
		"002_d963df6e54be7226.txt", "003_90bc4fd252e1aac9.txt",
		"004_cc7b9622c9bc6dfa.txt",
	};
	struct parse_result res[5];
	struct store_item items[32];
	struct ui_options uo = { .width = 640, .height = 480, .headless = true,
				 .font_dir = BANGTIN_SRCDIR "/fonts", .title = "test" };
	char err[UI_ERR_MAX];
	void *fxs = NULL;
	size_t n = 0;

	(void)state;
	log_init("test", LOG_LEVEL_WARNING, LOG_PREFIX_PLAIN);
	setenv("SDL_VIDEODRIVER", "dummy", 1);
	if (SDL_Init(SDL_INIT_EVENTS) != 0 || fx_setup(&fxs) != 0)
		return -1;
	fx = fxs;
	for (size_t i = 0; i < 5; i++) {
		tu_parse_sample(samples[i], i == 3 ? 1 : 2, &res[i]);
		for (size_t d = 0; d < res[i].ndocs; d++)
			items[n++] = (struct store_item){ &res[i].docs[d], samples[i] };
	}
	int rc = store_import(fx->st, items, n, NOW, NULL, fx->err, sizeof fx->err);
	for (size_t i = 0; i < 5; i++)
		parse_result_free(&res[i]);
	if (rc != 0)
		return -1;
	config_defaults(&k.cfg);
	k.cfg.dwell_min_s = k.cfg.dwell_max_s = 3600; /* no page turns by themselves */
	k.cfg.idle_timeout_s = 3600;
	k.st = fx->st;
	if (!(k.content = content_new(k.st)) || !(k.ui = ui_new(&uo, err, sizeof err))) {
		fprintf(stderr, "ui_new: %s\n", err);
		return -1;
	}
	main_load_content(&k, NOW);
	main_pager_init(&k);
	if (k.ac.ncarousel != 5 || k.ac.nlist != 8) {
		fprintf(stderr, "content: %zu in the carousel, %zu listed\n", k.ac.ncarousel,
			k.ac.nlist);
		return -1;
	}
	return 0;
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

/* A fresh kiosk at T0 (asleep when sleep is set) with the buttons thread
 * on the stand-in, which fails to open while fail is set. */
static void start(bool sleep, int fail, int retry_ms)
{
	struct app_settings set;
	struct buttons_settings bs;
	struct main_gpio_source src = { &fake, fake_open, fake_fds, fake_read, fake_is_open,
					fake_why, fake_chip, fake_free };
	char err[256];

	k.cfg.sleep_from_min = 0;
	k.cfg.sleep_until_min = sleep ? 24 * 60 - 1 : 0;
	set = main_app_settings(&k.cfg);
	bs = main_buttons_settings(&k.cfg);
	buttons_init(&k.buttons, &bs);
	app_init(&k.app, &set, &k.ac, &k.pager, T0 / MS, MINUTE);
	k.buttons_open = 0;
	k.buttons_notice[0] = '\0';
	k.info_stale = true;
	assert_int_equal(pipe(fake.pipe), 0);
	assert_int_equal(fcntl(fake.pipe[0], F_SETFL, O_NONBLOCK), 0);
	atomic_store(&fake.fail, fail);
	atomic_store(&fake.open_mask, 0);
	SDL_FlushEvents(SDL_FIRSTEVENT, SDL_LASTEVENT);
	k.gpio = main_gpio_start(&src, retry_ms, err, sizeof err);
	assert_non_null(k.gpio);
	k.gpio_event = main_gpio_event_type(k.gpio);
	assert_int_not_equal(k.gpio_event, 0);
}

static int stop(void **state)
{
	(void)state;
	main_gpio_stop(k.gpio);
	k.gpio = NULL;
	k.gpio_event = 0;
	SDL_FlushEvents(SDL_FIRSTEVENT, SDL_LASTEVENT);
	return 0;
}

/* Hands the loop the thread's events at now until `edges` edges and
 * `statuses` status changes came (each within 5 s). */
static void pump(int edges, int statuses, int64_t now)
{
	SDL_Event ev;
	struct gpio_edge e;

	while (edges > 0 || statuses > 0) {
		if (!SDL_WaitEventTimeout(&ev, 5000))
			fail_msg("the buttons thread sent nothing for 5 s (%d edges, %d statuses "
				 "still due)", edges, statuses);
		int what = main_gpio_decode(&ev, k.gpio_event, &e);
		if (what == 1)
			edges--;
		else if (what == 0)
			statuses--;
		main_event(&k, &ev, now, MINUTE);
	}
}

/* The thread's first report. */
static void wait_ready(const char *notice)
{
	pump(0, 1, T0);
	assert_string_equal(k.buttons_notice, notice);
}

static void send(const struct gpio_edge *e, size_t n)
{
	assert_int_equal(write(fake.pipe[1], e, n * sizeof *e), (ssize_t)(n * sizeof *e));
}

/* A bouncing contact going to level `pressed` at t (ms after T0): three
 * edges within 2 ms, delivered to the loop at t + 2 ms. */
static void edge(enum buttons_id id, bool pressed, int64_t t)
{
	struct gpio_edge e[3] = {
		{ id, pressed, T0 + t * MS },
		{ id, !pressed, T0 + t * MS + MS },
		{ id, pressed, T0 + t * MS + 2 * MS },
	};

	send(e, 3);
	pump(3, 0, T0 + (t + 2) * MS);
}

static void at(int64_t t)
{
	main_advance(&k, T0 + t * MS, MINUTE);
}

/* A short press: down at t, up 100 ms later, settled by t + 200 ms. */
static void click(enum buttons_id id, int64_t t)
{
	edge(id, true, t);
	at(t + 50);
	edge(id, false, t + 100);
	at(t + 200);
}

static size_t pages(int which, size_t index)
{
	return k.pager.pages(k.pager.ctx, which, index);
}

static void test_carousel_list_reader_info(void **state)
{
	(void)state;
	start(false, 0, 60000);
	wait_ready("4 nút sẵn sàng");
	assert_int_equal(k.buttons_open, 0xf);
	assert_int_equal(k.app.screen, APP_SCREEN_CAROUSEL);
	assert_true(pages(0, 0) >= 2);

	/* Next turns the carousel's page once the bounce has settled. */
	edge(BUTTONS_NEXT, true, 100);
	at(131); /* the last edge was at 102 ms: 30 ms of quiet not yet over */
	assert_int_equal(k.app.car_page, 0);
	at(132);
	assert_int_equal(k.app.car_doc, 0);
	assert_int_equal(k.app.car_page, 1);
	edge(BUTTONS_NEXT, false, 200);
	at(300);
	assert_int_equal(k.app.car_page, 1);
	click(BUTTONS_PREV, 400);
	assert_int_equal(k.app.car_page, 0);

	/* Back opens the list. */
	click(BUTTONS_BACK, 700);
	assert_int_equal(k.app.screen, APP_SCREEN_LIST);
	assert_int_equal(k.app.list_sel, 0);

	/* Next held: one step, then repeats after 500 ms, every 150 ms. */
	edge(BUTTONS_NEXT, true, 1000);
	at(1040);
	assert_int_equal(k.app.list_sel, 1);
	at(1499);
	assert_int_equal(k.app.list_sel, 1);
	at(1500);
	assert_int_equal(k.app.list_sel, 2);
	at(1650);
	assert_int_equal(k.app.list_sel, 3);
	at(1800);
	assert_int_equal(k.app.list_sel, 4);
	edge(BUTTONS_NEXT, false, 1900);
	at(2000);
	at(3000);
	assert_int_equal(k.app.list_sel, 4);

	/* Two at once: the first owns the buttons, the second is ignored. */
	edge(BUTTONS_PREV, true, 3100);
	edge(BUTTONS_NEXT, true, 3110);
	at(3200);
	assert_int_equal(k.app.list_sel, 3);
	edge(BUTTONS_NEXT, false, 3300);
	edge(BUTTONS_PREV, false, 3400);
	at(3500);
	assert_int_equal(k.app.list_sel, 3);

	/* Select opens the reader on the document selected; next turns its page. */
	click(BUTTONS_SELECT, 3600);
	assert_int_equal(k.app.screen, APP_SCREEN_READER);
	assert_int_equal(k.app.reader_doc, 3);
	assert_int_equal(k.app.reader_page, 0);
	assert_true(pages(1, 3) >= 2);
	click(BUTTONS_NEXT, 4000);
	assert_int_equal(k.app.reader_page, 1);

	/* Back held 1.5 s opens Info while held; the release leaves it there. */
	edge(BUTTONS_BACK, true, 5000);
	assert_int_equal(main_timeout(&k, T0 + 5002 * MS, WALL_MS, false), 30);
	at(6499);
	assert_int_equal(k.app.screen, APP_SCREEN_READER);
	assert_int_equal(main_timeout(&k, T0 + 6499 * MS, WALL_MS, false), 1);
	at(6500);
	assert_int_equal(k.app.screen, APP_SCREEN_INFO);
	edge(BUTTONS_BACK, false, 7000);
	at(7100);
	assert_int_equal(k.app.screen, APP_SCREEN_INFO);

	/* Info shows the buttons' state after the content's rows, before the
	 * trusted keys. */
	struct ui_clock c = main_clock(NOW, NULL);
	struct ui_view v;
	main_view(&k, &v, &c, T0 / MS + 7100, 7, NOW);
	assert_int_equal(v.screen, APP_SCREEN_INFO);
	assert_true(v.nrows >= 3);
	assert_string_equal(v.rows[v.nrows - 2].label, "Nút bấm");
	assert_string_equal(v.rows[v.nrows - 2].value, "4 nút sẵn sàng");
	assert_string_equal(v.rows[v.nrows - 1].label, "Khóa tin cậy");

	/* Back returns to the reader where it was. */
	click(BUTTONS_BACK, 7200);
	assert_int_equal(k.app.screen, APP_SCREEN_READER);
	assert_int_equal(k.app.reader_page, 1);
	/* Nothing due: the wait is the clock minute's (WALL_MS is a minute's start). */
	assert_int_equal(buttons_next_deadline(&k.buttons), INT64_MAX);
	assert_int_equal(main_timeout(&k, T0 + 7400 * MS, WALL_MS, false), 60005);
}

static void test_sleep_wakes_only(void **state)
{
	(void)state;
	start(true, 0, 60000);
	wait_ready("4 nút sẵn sàng");
	assert_int_equal(k.app.screen, APP_SCREEN_SLEEP);
	/* A press while asleep only wakes: the carousel where it was. */
	click(BUTTONS_NEXT, 100);
	assert_int_equal(k.app.screen, APP_SCREEN_CAROUSEL);
	assert_int_equal(k.app.car_doc, 0);
	assert_int_equal(k.app.car_page, 0);
	/* Awake, the next press acts. */
	click(BUTTONS_NEXT, 400);
	assert_int_equal(k.app.car_page, 1);
}

static void test_chip_gone_while_held(void **state)
{
	struct gpio_edge gone = { FAKE_GONE, false, 0 };

	(void)state;
	start(false, 0, 60000);
	wait_ready("4 nút sẵn sàng");
	click(BUTTONS_BACK, 0);
	assert_int_equal(k.app.screen, APP_SCREEN_LIST);
	edge(BUTTONS_NEXT, true, 1000);
	at(1040);
	assert_int_equal(k.app.list_sel, 1);
	/* The chip goes while next is held: the loop releases it, so no
	 * repeat follows, and Info says so. */
	atomic_store(&fake.fail, 1);
	send(&gone, 1);
	pump(0, 1, T0 + 1100 * MS);
	assert_int_equal(k.buttons_open, 0);
	assert_string_equal(k.buttons_notice, "mất kết nối" KEYBOARD);
	at(1200);
	at(2000);
	at(5000);
	assert_int_equal(k.app.list_sel, 1);
	assert_int_equal(buttons_next_deadline(&k.buttons), INT64_MAX);
	/* A retry finds no chip; the next one finds it back. */
	main_gpio_retry(k.gpio);
	pump(0, 1, T0 + 5100 * MS);
	assert_string_equal(k.buttons_notice, "không tìm thấy gpiochip0" KEYBOARD);
	atomic_store(&fake.fail, 0);
	main_gpio_retry(k.gpio);
	pump(0, 1, T0 + 5200 * MS);
	assert_string_equal(k.buttons_notice, "4 nút sẵn sàng");
	assert_int_equal(k.buttons_open, 0xf);
	click(BUTTONS_NEXT, 6000);
	assert_int_equal(k.app.list_sel, 2);
}

static void test_missing_then_appears(void **state)
{
	SDL_Event key;

	(void)state;
	/* No chip at start: a notice, and the keyboard works meanwhile. */
	start(false, 1, 50);
	wait_ready("không tìm thấy gpiochip0" KEYBOARD);
	assert_int_equal(k.buttons_open, 0);
	memset(&key, 0, sizeof key);
	key.type = SDL_KEYDOWN;
	key.key.keysym.sym = SDLK_RIGHT;
	main_event(&k, &key, T0 + 100 * MS, MINUTE);
	assert_int_equal(k.app.car_page, 1);
	key.type = SDL_KEYUP;
	main_event(&k, &key, T0 + 150 * MS, MINUTE);
	/* Retried on poll's timeout (50 ms here), without being asked. */
	atomic_store(&fake.fail, 0);
	pump(0, 1, T0 + 200 * MS);
	assert_string_equal(k.buttons_notice, "4 nút sẵn sàng");
	click(BUTTONS_PREV, 300);
	assert_int_equal(k.app.car_page, 0);
}

/* The real GPIO layer on a chip that is not there, as on a desktop. */
static void test_real_gpio_no_chip(void **state)
{
	struct gpio_config gc;
	struct main_gpio_source src;
	struct gpio *g;
	char err[256];

	(void)state;
	gpio_config_default(&gc);
	for (int i = 0; i < BUTTONS_COUNT; i++)
		snprintf(gc.button[i].chip, sizeof gc.button[i].chip, "gpiochip999");
	assert_non_null(g = gpio_new(&gc));
	src = main_gpio_source_gpio(g);
	k.buttons_open = 0;
	k.gpio = main_gpio_start(&src, 60000, err, sizeof err);
	assert_non_null(k.gpio);
	k.gpio_event = main_gpio_event_type(k.gpio);
	wait_ready("không tìm thấy gpiochip999" KEYBOARD);
	assert_int_equal(k.buttons_open, 0);
}

/* The notice is worded from the buttons' reason codes, never from the
 * log's English. */
static void test_notice_wording(void **state)
{
	static const char *const chip[BUTTONS_COUNT] = { "gpiochip0", "gpiochip0", "gpiochip0",
							 "gpiochip0" };
	enum gpio_reason w[BUTTONS_COUNT] = { 0 };
	char buf[MAIN_GPIO_NOTICE_MAX];

	(void)state;
	main_gpio_notice(w, chip, buf, sizeof buf);
	assert_string_equal(buf, "4 nút sẵn sàng");
	for (int i = 0; i < BUTTONS_COUNT; i++)
		w[i] = GPIO_REASON_PERMISSION;
	main_gpio_notice(w, chip, buf, sizeof buf);
	assert_string_equal(buf, "không có quyền mở chip GPIO" KEYBOARD);
	memset(w, 0, sizeof w);
	w[BUTTONS_NEXT] = GPIO_REASON_BUSY;
	main_gpio_notice(w, chip, buf, sizeof buf);
	assert_string_equal(buf, "3/4 nút sẵn sàng, chân GPIO đang bị chương trình khác dùng"
			    KEYBOARD);
	w[BUTTONS_NEXT] = GPIO_REASON_SAME_LINE;
	main_gpio_notice(w, chip, buf, sizeof buf);
	assert_string_equal(buf, "3/4 nút sẵn sàng, hai nút trùng một chân GPIO" KEYBOARD);
	w[BUTTONS_NEXT] = GPIO_REASON_NO_LINE;
	w[BUTTONS_PREV] = GPIO_REASON_NO_LINE;
	main_gpio_notice(w, chip, buf, sizeof buf);
	assert_string_equal(buf, "2/4 nút sẵn sàng, không có chân GPIO đã cấu hình" KEYBOARD);
	/* several reasons: the one to fix first is named, with its chip */
	w[BUTTONS_BACK] = GPIO_REASON_NO_CHIP;
	main_gpio_notice(w, (const char *const[]){ "a", "b", "c", "pinctrl-rp1" }, buf,
			 sizeof buf);
	assert_string_equal(buf, "1/4 nút sẵn sàng, không tìm thấy pinctrl-rp1" KEYBOARD);
	w[BUTTONS_BACK] = GPIO_REASON_LOST;
	w[BUTTONS_PREV] = w[BUTTONS_NEXT] = GPIO_REASON_OPEN;
	main_gpio_notice(w, chip, buf, sizeof buf);
	assert_string_equal(buf, "3/4 nút sẵn sàng, mất kết nối" KEYBOARD);
}

static void test_log_condensed(void **state)
{
	char buf[GPIO_ERR_MAX];

	(void)state;
	main_gpio_condense("prev: no chip 'gpiochip0'; next: no chip 'gpiochip0'; select: no chip "
			   "'gpiochip0'; back: no chip 'gpiochip0'", buf, sizeof buf);
	assert_string_equal(buf, "prev, next, select, back: no chip 'gpiochip0'");
	main_gpio_condense("prev: no chip 'x'; next: gpiochip0 line 27: busy (used by 'y'); "
			   "back: no chip 'x'", buf, sizeof buf);
	assert_string_equal(buf, "prev, back: no chip 'x'; next: gpiochip0 line 27: busy (used "
			    "by 'y')");
	/* Not of that form: as it is. */
	main_gpio_condense("next: gpiochip0 line 27: No such device; closed, will retry", buf,
			   sizeof buf);
	assert_string_equal(buf, "next: gpiochip0 line 27: No such device; closed, will retry");
}

static void test_event_encoding(void **state)
{
	struct gpio_edge in = { BUTTONS_BACK, true, INT64_C(0x123456789abcdef) }, out;
	SDL_Event ev;

	(void)state;
	main_gpio_encode(&ev, 0x8001, &in);
	assert_int_equal(main_gpio_decode(&ev, 0x8001, &out), 1);
	assert_int_equal(out.button, BUTTONS_BACK);
	assert_true(out.pressed);
	assert_int_equal(out.t_ns, in.t_ns);
	assert_int_equal(main_gpio_decode(&ev, 0x8002, &out), -1);
	assert_int_equal(main_gpio_decode(&ev, 0, &out), -1);
}

/* Info after a stick that changed nothing: one result row, in the one
 * date format, the stick's (no second "Cập nhật từ USB" row); once a later
 * import is stored, the stored result again. */
static void test_info_one_result(void **state)
{
	struct main_update *mu = calloc(1, sizeof *mu);
	struct ui_clock c = main_clock(NOW, NULL);
	struct ui_view v;
	const char *result = NULL, *last = NULL;

	(void)state;
	assert_non_null(mu);
	mu->results_seen = 1;
	mu->seen.when = NOW + 60;
	snprintf(mu->seen.info, sizeof mu->seen.info, "%s: %s", "14/11/2023 22:14",
		 "Gói nội dung không có chữ ký. Nội dung trên bảng tin không thay đổi.");
	k.update = mu;
	k.app.screen = APP_SCREEN_INFO;
	k.info_stale = true;
	main_view(&k, &v, &c, T0 / MS, 7, NOW);
	for (size_t i = 0; i < v.nrows; i++) {
		assert_string_not_equal(v.rows[i].label, "Cập nhật từ USB");
		if (!strcmp(v.rows[i].label, "Kết quả cập nhật"))
			result = v.rows[i].value;
		if (!strcmp(v.rows[i].label, "Cập nhật lần cuối"))
			last = v.rows[i].value;
	}
	assert_non_null(result);
	assert_string_equal(result, mu->seen.info);
	assert_non_null(last);
	/* The import's time, local, in the same dd/mm/yyyy HH:MM. */
	char want[32];
	assert_string_equal(last, content_time_vn(NOW, want, sizeof want));
	assert_int_equal(strlen(last), 16);

	mu->seen.when = NOW - 60; /* the stored import is later */
	k.info_stale = true;
	main_view(&k, &v, &c, T0 / MS, 7, NOW);
	for (size_t i = 0; i < v.nrows; i++)
		if (!strcmp(v.rows[i].label, "Kết quả cập nhật"))
			assert_string_equal(v.rows[i].value, "Thành công: 9 văn bản, 9 thay đổi");
	k.update = NULL;
	k.info_stale = true;
	free(mu);
}

/* A key from a stick waits for the hold (main_enrol.c): the GPIO select
 * button held 5 s answers yes, and its press is not the app's (no reader
 * opens); back answers no. */
static void test_enrol_by_buttons(void **state)
{
	struct main_update *mu = calloc(1, sizeof *mu);
	enum app_screen screen;

	(void)state;
	assert_non_null(mu);
	assert_non_null(mu->enrol = main_enrol_new());
	k.update = mu;
	start(false, 0, 60000);
	wait_ready("4 nút sẵn sàng");
	screen = k.app.screen;
	/* The thread's question, as main_enrol_ask() puts it. */
	mu->enrol->key = (struct bundle_key){ "office", { 1 } };
	mu->enrol->asked = 1;
	main_enrol_poll(mu->enrol, T0 / MS + 1000);
	assert_true(main_enrol_active(mu->enrol));
	edge(BUTTONS_SELECT, true, 1100);
	at(1200);
	assert_int_equal(k.app.screen, screen); /* the press was the question's */
	main_update_tick(k.update, T0 / MS + 1102 + ENROL_HOLD_MS - 1); /* the bar moves */
	assert_true(main_enrol_active(mu->enrol));
	assert_true(main_update_tick(k.update, T0 / MS + 1102 + ENROL_HOLD_MS));
	assert_false(main_enrol_active(mu->enrol));
	assert_int_equal(mu->enrol->answered_n, 1);
	assert_int_equal(mu->enrol->answer, ENROL_ACCEPTED);
	edge(BUTTONS_SELECT, false, 7000);
	at(7100);
	assert_int_equal(k.app.screen, screen);

	/* The next question: back answers no. */
	mu->enrol->asked = 2;
	main_enrol_poll(mu->enrol, T0 / MS + 8000);
	click(BUTTONS_BACK, 8100);
	assert_false(main_enrol_active(mu->enrol));
	assert_int_equal(mu->enrol->answered_n, 2);
	assert_int_equal(mu->enrol->answer, ENROL_REJECTED);
	assert_int_equal(k.app.screen, screen);
	k.update = NULL;
	main_enrol_free(mu->enrol);
	free(mu);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_carousel_list_reader_info, stop),
		cmocka_unit_test_teardown(test_sleep_wakes_only, stop),
		cmocka_unit_test_teardown(test_chip_gone_while_held, stop),
		cmocka_unit_test_teardown(test_missing_then_appears, stop),
		cmocka_unit_test_teardown(test_real_gpio_no_chip, stop),
		cmocka_unit_test(test_notice_wording),
		cmocka_unit_test(test_log_condensed),
		cmocka_unit_test(test_event_encoding),
		cmocka_unit_test(test_info_one_result),
		cmocka_unit_test_teardown(test_enrol_by_buttons, stop),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
