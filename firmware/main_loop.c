/* SPDX-License-Identifier: MIT */
/* main_loop.c: the kiosk's event loop. It sleeps in SDL_WaitEventTimeout
 * until an event or the next deadline (page turn, idle return, key or
 * button timer, clock minute, ticker frame), feeds the app from the
 * keyboard and the GPIO buttons alike, and draws only when the view
 * changed. */
#define LOG_TAG "main"
#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bundle.h"
#include "log.h"
#include "main_loop.h"

/* Ticker animation: a frame every 33 ms while it shows (about 30 frames/s). */
#define MAIN_TICKER_FRAME_MS 33
/* How to load content, shown on the empty screen. */
#define MAIN_EMPTY_HINT "bangtinctl import THƯ_MỤC"

/* The loop's clock is CLOCK_MONOTONIC, the clock of the buttons' kernel
 * timestamps (gpio_clock_ns()): in ns for the buttons, in ms for the rest. */
#define MAIN_NS_PER_MS INT64_C(1000000)
/* Bytes of text measured per slice of a document's layout between two
 * looks at the event queue: about a page of text, so a slice costs about
 * what laying out the page shown first does. */
#define MAIN_LAYOUT_SLICE 16384
/* Slices the page count may take before it settles for a partial one:
 * some ten pages of text, more than any real document holds. */
#define MAIN_PAGES_SLICES 4

/* Wall clock in ms (the clock minute's deadline). */
static int64_t main_wall_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

struct app_settings main_app_settings(const struct config *cfg)
{
	return (struct app_settings){
		.dwell_min_ms = (int64_t)cfg->dwell_min_s * 1000,
		.dwell_max_ms = (int64_t)cfg->dwell_max_s * 1000,
		.dwell_chars_per_s = cfg->dwell_chars_per_s,
		.idle_timeout_ms = (int64_t)cfg->idle_timeout_s * 1000,
		.sleep_from_min = cfg->sleep_from_min,
		.sleep_until_min = cfg->sleep_until_min,
		.wake_ms = (int64_t)cfg->idle_timeout_s * 1000,
		.carousel_pages = cfg->carousel_pages > 0 ? (size_t)cfg->carousel_pages : 0,
	};
}

struct buttons_settings main_buttons_settings(const struct config *cfg)
{
	return (struct buttons_settings){
		.debounce_ns = (int64_t)cfg->debounce_ms * MAIN_NS_PER_MS,
		.long_press_ns = (int64_t)cfg->long_press_ms * MAIN_NS_PER_MS,
		.repeat_delay_ns = (int64_t)cfg->repeat_delay_ms * MAIN_NS_PER_MS,
		.repeat_interval_ns = (int64_t)cfg->repeat_interval_ms * MAIN_NS_PER_MS,
	};
}

void main_load_content(struct kiosk *k, int64_t now)
{
	char err[CONTENT_ERR_MAX];
	char *v;

	k->banner = NULL;
	free(k->items);
	k->items = NULL;
	k->nitems = 0;
	ui_forget_docs(k->ui);
	if (content_load(k->content, now, (size_t)k->cfg.carousel_count, err, sizeof err) != 0) {
		log_error("cannot read the content: %s", err);
		snprintf(k->banner_buf, sizeof k->banner_buf, "Không đọc được nội dung: %s", err);
		k->banner = k->banner_buf;
	}
	k->ac.ncarousel = content_count(k->content, CONTENT_CAROUSEL);
	k->ac.nlist = content_count(k->content, CONTENT_LIST);
	k->items = calloc(k->ac.nlist + 1, sizeof *k->items);
	if (!k->items) {
		log_error("out of memory for %zu list items", k->ac.nlist);
		k->ac.nlist = 0;
	}
	for (size_t i = 0; i < k->ac.nlist; i++) {
		const struct content_entry *e = content_entry(k->content, CONTENT_LIST, i);
		k->items[i] = (struct ui_list_item){ e->heading, e->number, e->date, e->kind,
						     e->subject, e->pinned, e->fresh };
	}
	k->nitems = k->ac.nlist;
	if (store_meta_get(k->st, STORE_META_VERSION, &v, err, sizeof err) < 0)
		log_warning("%s", err);
	snprintf(k->version, sizeof k->version, "%s", v ? v : "");
	free(v);
	log_info("content: %zu in the carousel, %zu listed, version %s", k->ac.ncarousel,
		 k->ac.nlist, *k->version ? k->version : "(none)");
}

/* Lays out document `index` of list `which` up to page upto. Returns its
 * store id, or 0 when it cannot be loaded. */
static int64_t main_layout(struct kiosk *k, int which, size_t index, size_t upto, size_t *pages)
{
	const struct content_entry *e = content_entry(k->content, (enum content_which)which, index);
	const struct content_doc *d;
	char err[CONTENT_ERR_MAX];

	*pages = 0;
	if (!e)
		return 0;
	if (ui_doc_pages(k->ui, e->id, NULL, NULL, upto, pages) == 0)
		return e->id;
	if (!(d = content_doc(k->content, e->id, err, sizeof err))) {
		log_error("%s", err);
		return 0;
	}
	if (ui_doc_pages(k->ui, e->id, d->doc, d->note, upto, pages) != 0)
		return 0;
	return e->id;
}

/* The page count the app steps by. Any real document is laid out to its
 * end within MAIN_PAGES_SLICES slices, so its count is whole; a huge one
 * counts the pages laid out so far and one more, so a step forward never
 * waits for its end (the loop finishes it between events). */
static size_t main_pages(void *ctx, int which, size_t index)
{
	struct kiosk *k = ctx;
	size_t pages;
	int64_t id = main_layout(k, which, index, 0, &pages);

	if (id && !k->pager_lazy) {
		for (int i = 0; i < MAIN_PAGES_SLICES && !ui_doc_complete(k->ui, id); i++)
			if (ui_doc_more(k->ui, id, MAIN_LAYOUT_SLICE) < 0)
				break;
		/* Whole now, or what is laid out and one page more. */
		ui_doc_pages(k->ui, id, NULL, NULL, 0, &pages);
		ui_doc_pages(k->ui, id, NULL, NULL, pages, &pages);
	}
	return pages ? pages : 1;
}

static size_t main_page_chars(void *ctx, int which, size_t index, size_t page)
{
	struct kiosk *k = ctx;
	size_t pages;
	int64_t id = main_layout(k, which, index, page, &pages);

	return id ? ui_doc_page_chars(k->ui, id, page) : 0;
}

void main_pager_init(struct kiosk *k)
{
	k->pager = (struct app_pager){ k, main_pages, main_page_chars };
}

/* The document part of the view: which list, which document, which page. */
static bool main_view_doc(struct kiosk *k, struct ui_view *v, int which, size_t index,
			  size_t page)
{
	const struct content_entry *e = content_entry(k->content, (enum content_which)which, index);
	const struct content_doc *d;
	char err[CONTENT_ERR_MAX];
	size_t pages;

	if (!e || !(d = content_doc(k->content, e->id, err, sizeof err))) {
		log_error("document %zu of list %d: %s", index, which, e ? err : "not listed");
		return false;
	}
	v->doc_key = e->id;
	v->doc = d->doc;
	v->doc_note = d->note;
	v->page = page;
	/* Only the page shown is laid out before the frame. */
	return ui_doc_pages(k->ui, e->id, d->doc, d->note, page, &pages) == 0;
}

/* The trusted keys (names and fingerprints, as keygen prints them) into
 * Info's row, read again with the info rows: a key enrolled or brought by a
 * bundle shows at once. A keyring the update thread would refuse is said so
 * (and logged when that changes). */
static void main_read_keys(struct kiosk *k)
{
	struct bundle_keyring kr = { 0 };
	char err[BUNDLE_ERR_MAX], fp[BUNDLE_FINGERPRINT_MAX], row[sizeof k->keys_row];
	size_t o = 0;

	k->keys_none = false;
	if (bundle_keyring_load(k->cfg.keys_dir, &kr, err, sizeof err) != 0) {
		snprintf(row, sizeof row, "tệp khóa trong %.200s bị lỗi: không tin khóa nào "
			 "(xem nhật ký)", k->cfg.keys_dir);
		if (strcmp(row, k->keys_row) != 0)
			log_warning("trusted keys: %s", err);
	} else if (kr.n == 0) {
		k->keys_none = true;
		if (k->cfg.enrol)
			snprintf(row, sizeof row, "chưa có. Cắm USB chỉ chứa tệp khóa công khai "
				 "BANGTIN/TÊN.pub rồi giữ nút Chọn 5 giây.");
		else
			snprintf(row, sizeof row, "chưa có. Chép tệp TÊN.pub của văn phòng vào %.200s.",
				 k->cfg.keys_dir);
	} else {
		for (size_t i = 0; i < kr.n && o < sizeof row; i++) {
			int n = snprintf(row + o, sizeof row - o, "%s%s (%s)", i ? ", " : "",
					 kr.keys[i].name, bundle_fingerprint(kr.keys[i].pk, fp));
			o += n > 0 ? (size_t)n : 0;
		}
	}
	bundle_keyring_free(&kr);
	memcpy(k->keys_row, row, sizeof row);
}

bool main_view(struct kiosk *k, struct ui_view *v, const struct ui_clock *c, int64_t now_ms,
	       int64_t uptime_s, int64_t wall)
{
	static const struct ui_info_row empty_hint = { "Hoặc chạy", MAIN_EMPTY_HINT };
	const struct app *a = &k->app;
	bool ok = true;

	memset(v, 0, sizeof *v);
	v->screen = a->screen;
	v->org_name = k->cfg.org_name;
	v->clock = *c;
	v->now_ms = now_ms;
	v->footer = k->cfg.footer;
	v->ticker = content_ticker(k->content, &v->nticker);
	if (v->nticker == 0)
		v->ticker = NULL;
	v->banner = k->banner;
	v->notice = a->notice;
	switch (a->screen) {
	case APP_SCREEN_CAROUSEL:
		ok = main_view_doc(k, v, a->car_list, a->car_doc, a->car_page);
		v->cycle_pos = a->car_doc;
		v->cycle_len = content_count(k->content, (enum content_which)a->car_list);
		break;
	case APP_SCREEN_READER:
		ok = main_view_doc(k, v, a->reader_list, a->reader_doc, a->reader_page);
		break;
	case APP_SCREEN_LIST:
		v->items = k->items;
		v->nitems = k->nitems;
		v->sel = a->list_sel;
		break;
	case APP_SCREEN_INFO:
		/* Queried when the view changes or the minute turns, not per
		 * ticker frame. */
		if (k->info_stale || k->nrows == 0) {
			k->nrows = content_info(k->content, wall, uptime_s, k->info, 8);
			for (size_t i = 0; i < k->nrows; i++)
				k->rows[i] = (struct ui_info_row){ k->info[i].label,
								   k->info[i].value };
			if (k->db_notice)
				k->rows[k->nrows++] = (struct ui_info_row){ "Cơ sở dữ liệu",
									    k->db_notice };
			if (*k->buttons_notice)
				k->rows[k->nrows++] = (struct ui_info_row){ "Nút bấm",
									    k->buttons_notice };
			main_read_keys(k);
			k->rows[k->nrows++] = (struct ui_info_row){ "Khóa tin cậy", k->keys_row };
			/* One result: a later refusal takes the stored one's row. */
			const char *usb = main_update_info(k->update, k->st);
			for (size_t i = 0; usb && i < k->nrows; i++)
				if (!strcmp(k->rows[i].label, CONTENT_INFO_RESULT))
					k->rows[i].value = usb;
			k->info_stale = false;
		}
		v->rows = k->rows;
		v->nrows = k->nrows;
		break;
	case APP_SCREEN_EMPTY:
		/* A new board also needs a key before any stick is taken. Read
		 * once per change or minute, not in every frame of an update's
		 * progress: a change of screen sets info_stale again before Info
		 * builds its rows. */
		if (k->info_stale || !*k->keys_row) {
			main_read_keys(k);
			k->info_stale = false;
		}
		k->empty_rows[0] = empty_hint;
		k->empty_rows[1] = (struct ui_info_row){ "Khóa ký", k->keys_row };
		v->rows = k->empty_rows;
		v->nrows = k->keys_none ? 2 : 1;
		break;
	case APP_SCREEN_SLEEP:
		break;
	}
	main_update_view(k->update, v, main_mono_ms());
	if (!ok)
		v->doc = NULL;
	return ok;
}

/* Key of the keyboard -> kiosk button; BUTTONS_COUNT for another key. */
static enum buttons_id main_key_id(SDL_Keycode sym)
{
	switch (sym) {
	case SDLK_LEFT:
	case SDLK_UP:
		return BUTTONS_PREV;
	case SDLK_RIGHT:
	case SDLK_DOWN:
		return BUTTONS_NEXT;
	case SDLK_RETURN:
	case SDLK_KP_ENTER:
		return BUTTONS_SELECT;
	case SDLK_ESCAPE:
	case SDLK_BACKSPACE:
		return BUTTONS_BACK;
	default:
		return BUTTONS_COUNT;
	}
}

static void main_feed(struct kiosk *k, enum app_input in, int64_t now_ms, int minute)
{
	if (main_update_input(k->update, in, now_ms)) { /* a key's question is on screen */
		k->app.changed = true;
		return;
	}
	app_input(&k->app, in, &k->ac, &k->pager, now_ms, minute);
}

static void main_feed_buttons(struct kiosk *k, const struct buttons_event *ev, size_t n,
			      int64_t now_ms, int minute)
{
	static const char *const names[] = { "prev", "next", "select", "back", "back-long",
					     "prev-repeat", "next-repeat" };

	for (size_t i = 0; i < n; i++) {
		log_debug("button %s", (unsigned)ev[i].input < 7 ? names[ev[i].input] : "?");
		main_feed(k, ev[i].input, now_ms, minute);
	}
}

/* The GPIO thread's state changed: a new Info row; a button that closed
 * (its chip went away) is released, so a press it held cannot repeat on. */
static void main_gpio_changed(struct kiosk *k, int64_t now_ns, int minute)
{
	struct buttons_event out[BUTTONS_EVENTS_MAX];
	struct main_gpio_status st;

	main_gpio_status(k->gpio, &st);
	snprintf(k->buttons_notice, sizeof k->buttons_notice, "%s", st.notice);
	for (int i = 0; i < BUTTONS_COUNT; i++) {
		if ((k->buttons_open & (1u << i)) && !(st.open_mask & (1u << i)))
			main_feed_buttons(k, out, buttons_edge(&k->buttons, (enum buttons_id)i,
							       false, now_ns, out,
							       BUTTONS_EVENTS_MAX),
					  now_ns / MAIN_NS_PER_MS, minute);
	}
	k->buttons_open = st.open_mask;
	k->info_stale = true;
	if (k->app.screen == APP_SCREEN_INFO)
		k->app.changed = true;
}

/* An event of the GPIO thread: an edge for the debouncer, or a status. */
static void main_gpio_event(struct kiosk *k, const SDL_Event *ev, int64_t now_ns, int minute)
{
	struct buttons_event out[BUTTONS_EVENTS_MAX];
	struct gpio_edge e;
	int what = main_gpio_decode(ev, k->gpio_event, &e);

	if (what == 1 && e.button == BUTTONS_SELECT)
		main_update_select(k->update, e.pressed, now_ns / MAIN_NS_PER_MS);
	if (what == 1)
		main_feed_buttons(k, out, buttons_edge(&k->buttons, e.button, e.pressed, e.t_ns,
						       out, BUTTONS_EVENTS_MAX),
				  now_ns / MAIN_NS_PER_MS, minute);
	else if (what == 0 && k->gpio)
		main_gpio_changed(k, now_ns, minute);
}

/* A key went down or up: an edge for the buttons' press engine, undebounced. */
static void main_key(struct kiosk *k, SDL_Keycode sym, bool down, int64_t now_ns, int minute)
{
	struct buttons_event out[BUTTONS_EVENTS_MAX];
	enum buttons_id id = main_key_id(sym);

	if (id == BUTTONS_SELECT) /* a key's question counts the hold itself */
		main_update_select(k->update, down, now_ns / MAIN_NS_PER_MS);
	if (id != BUTTONS_COUNT)
		main_feed_buttons(k, out, buttons_key(&k->buttons, id, down, now_ns, out,
						      BUTTONS_EVENTS_MAX),
				  now_ns / MAIN_NS_PER_MS, minute);
}

/* An event of the update thread: the overlay moved, or an attempt ended;
 * one that stored a new content version is loaded now rather than at the
 * next minute. */
static void main_updated(struct kiosk *k, int64_t now_ms)
{
	enum main_update_news news = main_update_event(k->update, now_ms);

	if (news == MAIN_UPDATE_CONTENT) {
		main_load_content(k, (int64_t)time(NULL));
		app_content_changed(&k->app, &k->ac, &k->pager, now_ms);
	}
	if (news != MAIN_UPDATE_PROGRESS)
		k->info_stale = true;
	k->app.changed = true;
}

void main_event(struct kiosk *k, const SDL_Event *ev, int64_t now_ns, int minute)
{
	int64_t now_ms = now_ns / MAIN_NS_PER_MS;

	if (k->gpio_event && ev->type == k->gpio_event) {
		main_gpio_event(k, ev, now_ns, minute);
		return;
	}
	if (k->update_event && ev->type == k->update_event) {
		main_updated(k, now_ms);
		return;
	}
	switch (ev->type) {
	case SDL_QUIT:
		log_info("quit requested");
		k->quit = true;
		break;
	case SDL_KEYDOWN:
		if (ev->key.repeat)
			break; /* the repeat timing is the buttons' */
		if (ev->key.keysym.sym == SDLK_q && !k->fullscreen) {
			k->quit = true;
			break;
		}
		main_key(k, ev->key.keysym.sym, true, now_ns, minute);
		break;
	case SDL_KEYUP:
		main_key(k, ev->key.keysym.sym, false, now_ns, minute);
		break;
	case SDL_WINDOWEVENT:
		if (ev->window.event == SDL_WINDOWEVENT_EXPOSED ||
		    ev->window.event == SDL_WINDOWEVENT_SIZE_CHANGED)
			k->app.changed = true;
		break;
	default:
		break;
	}
}

/* Milliseconds to wait: the earliest deadline, at most until the next
 * clock minute (wall: Unix time in ms), every ticker frame while the
 * ticker shows. */
static int main_timeout(const struct kiosk *k, int64_t now_ns, int64_t wall, bool ticker)
{
	int64_t now_ms = now_ns / MAIN_NS_PER_MS;
	int64_t next = now_ms + (60000 - wall % 60000) + 5;
	int64_t t = app_next_deadline(&k->app);

	if (k->layout_rest)
		return 0; /* a slice of layout to do: only look for events */

	if (t < next)
		next = t;
	t = buttons_next_deadline(&k->buttons);
	if (t != INT64_MAX && t > now_ns) /* rounded up: never wake before it is due */
		t = now_ms + (t - now_ns + MAIN_NS_PER_MS - 1) / MAIN_NS_PER_MS;
	else if (t != INT64_MAX)
		t = now_ms;
	if (t < next)
		next = t;
	t = main_update_deadline(k->update);
	if (t < next)
		next = t;
	t = live_deadline(&k->live);
	if (t < next)
		next = t;
	if (ticker && now_ms + MAIN_TICKER_FRAME_MS < next)
		next = now_ms + MAIN_TICKER_FRAME_MS;
	return next <= now_ms ? 0 : (int)(next - now_ms > 3600000 ? 3600000 : next - now_ms);
}

/* The content changed under us (an import): reload it. Checked each minute. */
static void main_check_content(struct kiosk *k, int64_t wall, int64_t now_ms)
{
	char *v, err[STORE_ERR_MAX];

	/* Unreadable now (a writer holds the lock too long): next minute. */
	if (store_meta_get(k->st, STORE_META_VERSION, &v, err, sizeof err) < 0)
		log_warning("%s", err);
	if (v && strcmp(v, k->version) != 0) {
		log_info("content version %s -> %s: reloading", k->version, v);
		main_load_content(k, wall);
		app_content_changed(&k->app, &k->ac, &k->pager, now_ms);
	}
	free(v);
}

/* Draws the current view; the rest of the document shown is laid out
 * after it, a slice at a time. */
static void main_draw(struct kiosk *k, const struct ui_clock *c, int64_t now_ms, int64_t wall)
{
	struct ui_view v;

	main_view(k, &v, c, now_ms, (now_ms - k->start_ms) / 1000, wall);
	if (ui_draw(k->ui, &v) != 0)
		log_error("cannot draw the %d screen", (int)v.screen);
	main_update_frame(k->update, gpio_clock_ns());
	/* The frame showed the page as soon as it was laid out; the loop lays
	 * out the rest between its events (main_layout_rest) and draws the
	 * frame again with "Trang x/N" complete. */
	k->layout_rest = v.doc && !ui_doc_complete(k->ui, v.doc_key) ? v.doc_key : 0;
}

/* One slice of the rest of the shown document's layout: a huge document
 * takes many, and a key pressed meanwhile is answered within one. True
 * when the layout just completed (the frame is to be drawn again). */
static bool main_layout_rest(struct kiosk *k)
{
	int rc;

	if (!k->layout_rest)
		return false;
	rc = ui_doc_more(k->ui, k->layout_rest, MAIN_LAYOUT_SLICE);
	if (rc == 0)
		return false;
	k->layout_rest = 0;
	return rc > 0;
}

void main_advance(struct kiosk *k, int64_t now_ns, int minute)
{
	struct buttons_event out[BUTTONS_EVENTS_MAX];
	int64_t now_ms = now_ns / MAIN_NS_PER_MS;

	if (buttons_next_deadline(&k->buttons) <= now_ns)
		main_feed_buttons(k, out, buttons_tick(&k->buttons, now_ns, out,
						       BUTTONS_EVENTS_MAX), now_ms, minute);
	app_tick(&k->app, &k->ac, &k->pager, now_ms, minute);
}

/* One step without waiting: the clock, key and button timers, the app's
 * timers, and a frame when something visible changed. */
static void main_step(struct kiosk *k, bool ticker, int *minute)
{
	int64_t now_ns = gpio_clock_ns(), now_ms = now_ns / MAIN_NS_PER_MS;
	int64_t wall = (int64_t)time(NULL);
	struct ui_clock c = main_clock(wall, minute);
	char text[sizeof k->clock_text];
	bool minute_changed, update_frame;

	snprintf(text, sizeof text, "%02d:%02d", c.hour % 100, c.minute % 100);
	minute_changed = strcmp(text, k->clock_text) != 0;
	if (minute_changed) {
		snprintf(k->clock_text, sizeof k->clock_text, "%s", text);
		main_check_content(k, wall, now_ms);
	}
	main_advance(k, now_ns, *minute);
	update_frame = main_update_tick(k->update, now_ms);
	if (k->app.changed || minute_changed)
		k->info_stale = true;
	if (main_layout_rest(k))
		update_frame = true;
	if (k->app.changed || minute_changed || ticker || update_frame) {
		bool sleeping = k->app.screen == APP_SCREEN_SLEEP;

		k->app.changed = false;
		if (power_before(&k->power, sleeping))
			main_draw(k, &c, now_ms, wall);
		power_after(&k->power, sleeping);
	}
}

/* systemd: READY=1 after the first frame, WATCHDOG=1 while the loop and the
 * update thread are alive; a stuck update is abandoned (live.h). */
static void main_alive(struct kiosk *k, int64_t now_ms)
{
	bool busy = false;
	int64_t progress = now_ms;
	enum live_verdict v;

	if (k->update)
		main_update_liveness(k->update, &busy, &progress);
	v = live_check(&k->live, busy, progress, now_ms);
	if (v == LIVE_ABANDON)
		main_update_abandon(k->update);
	live_ready(&k->live, now_ms - k->start_ms);
	live_ping(&k->live, v, now_ms);
}

int main_loop(struct kiosk *k)
{
	SDL_Event ev;
	int minute = 0;

	k->app.changed = true;
	while (!k->quit) {
		size_t nt;
		bool ticker;

		content_ticker(k->content, &nt);
		ticker = k->cfg.footer == CONFIG_FOOTER_TICKER && nt > 0 &&
			 k->app.screen != APP_SCREEN_SLEEP;
		main_step(k, ticker, &minute);
		main_alive(k, main_mono_ms());
		int64_t now_ns = gpio_clock_ns();
		if (!SDL_WaitEventTimeout(&ev, main_timeout(k, now_ns, main_wall_ms(), ticker)))
			continue;
		now_ns = gpio_clock_ns();
		main_event(k, &ev, now_ns, minute);
		while (!k->quit && SDL_PollEvent(&ev))
			main_event(k, &ev, now_ns, minute);
	}
	return 0;
}
