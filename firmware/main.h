/* SPDX-License-Identifier: MIT */
/*
 * main: what the kiosk program's files share. main.c reads the options and
 * wires the modules (config, store, content, ui, app); main_loop.c runs the
 * event loop, builds each frame's view and feeds key presses and releases
 * to the buttons' press engine like the GPIO edges; main_gpio.c runs
 * the thread that reads the GPIO buttons' edges and hands them to the loop
 * as SDL events; main_shot.c draws one frame to a PNG (--shot) or times the
 * drawing (--bench). The program owns the clock: everything below it takes
 * `now` from here.
 */
#ifndef BANGTIN_MAIN_H
#define BANGTIN_MAIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app.h"
#include "buttons.h"
#include "config.h"
#include "content.h"
#include "gpio.h"
#include "live.h"
#include "power.h"
#include "store.h"
#include "ui.h"
#include "update.h"

/* Command-line options; NULL / 0 = not given. */
struct main_opts {
	const char *config;    /* --config */
	const char *db;        /* --db */
	int win_w, win_h;      /* --window WxH */
	bool fullscreen;       /* --fullscreen */
	const char *shot;      /* --shot out.png */
	int size_w, size_h;    /* --size WxH */
	const char *screen;    /* --screen carousel|list|reader:SYM[:PAGE]|info|empty */
	const char *time;      /* --time 2026-11-23T09:41 */
	int rotation;          /* --rotation N, -1 = the config's */
	int bench;             /* --bench N: draw N times and print the timings */
	bool no_gpio;          /* --no-gpio: the keyboard only */
};

/*
 * main_gpio: a thread that owns the buttons' edge source (the GPIO layer, or
 * a stand-in in tests), sleeps in poll() on its descriptors and a wake pipe,
 * and pushes each edge to the loop as an SDL user event {button, pressed,
 * kernel time}. While buttons are missing it retries every retry_ms (poll's
 * timeout), logs each new failure once and keeps a Vietnamese notice for
 * the Info screen; a status event tells the loop when that changes.
 */
#define MAIN_GPIO_NOTICE_MAX 256
#define MAIN_GPIO_RETRY_MS 3000

/* Where the thread reads edges: the calls of gpio.h, with ctx first. The
 * thread calls them (only it, once started); free (may be NULL) releases
 * ctx when the thread is stopped. */
struct main_gpio_source {
	void *ctx;
	int (*open)(void *ctx, char *err, size_t errsize);
	size_t (*fds)(void *ctx, int *fds, size_t max);
	int (*read)(void *ctx, struct gpio_edge *out, size_t max, size_t *n, char *err,
		    size_t errsize);
	bool (*is_open)(void *ctx, enum buttons_id id);
	/* why a button is not open (gpio_reason) and its chip (gpio_chip_spec) */
	enum gpio_reason (*why)(void *ctx, enum buttons_id id);
	const char *(*chip)(void *ctx, enum buttons_id id);
	void (*free)(void *ctx);
};

/* The state the thread reports (main_gpio_status()). */
struct main_gpio_status {
	int missing;                      /* buttons not open */
	unsigned open_mask;               /* bit id set: button id is open */
	bool tried;                       /* an open was attempted already */
	char notice[MAIN_GPIO_NOTICE_MAX];/* Info's "Nút bấm" row */
};

struct main_gpio;
union SDL_Event;

/* A source over a struct gpio (taken over: gpio_free() on stop). */
struct main_gpio_source main_gpio_source_gpio(struct gpio *g);

/*
 * Registers the SDL event type (SDL_RegisterEvents) and starts the thread
 * on src (copied; its ctx is owned from now on, even on failure). The
 * first open is tried in the thread, so this does not wait for hardware.
 * Returns NULL with err on failure (ctx freed then).
 */
struct main_gpio *main_gpio_start(const struct main_gpio_source *src, int retry_ms, char *err,
				  size_t errsize);

/* Stops the thread, joins it and frees everything, the source too. Takes
 * NULL. Events already queued stay in SDL's queue (plain data). */
void main_gpio_stop(struct main_gpio *mg);

/* The SDL event type of this thread's events. */
uint32_t main_gpio_event_type(const struct main_gpio *mg);

/* Asks the thread to try opening the missing buttons now. */
void main_gpio_retry(struct main_gpio *mg);

/* Copies the current state (thread-safe). */
void main_gpio_status(struct main_gpio *mg, struct main_gpio_status *st);

/* Encodes an edge as an event of type `type` / decodes one: returns 1 and
 * fills *e for an edge, 0 for a status change, -1 for another event. */
void main_gpio_encode(union SDL_Event *ev, uint32_t type, const struct gpio_edge *e);
int main_gpio_decode(const union SDL_Event *ev, uint32_t type, struct gpio_edge *e);

/* The Vietnamese notice for the buttons' reasons (chip[i]: button i's
 * chip): "không tìm thấy gpiochip0 — bàn phím vẫn dùng được", "3/4 nút sẵn
 * sàng, ...", "4 nút sẵn sàng" when every one is open. */
void main_gpio_notice(const enum gpio_reason why[BUTTONS_COUNT],
		      const char *const chip[BUTTONS_COUNT], char *buf, size_t size);

/*
 * main_update: USB content updates. A thread watches the mount table
 * (usb.h); for each new stick holding the bundle folder it stages, checks
 * and applies the bundle (update.h) on a store connection of its own, writes
 * the report back onto the stick (directly when the stick is writable, else
 * through the root helper's socket, else skipped with a log line), and wakes
 * the loop with SDL user events of its own type that carry no data.
 */
struct main_update_state {
	bool busy;                   /* a bundle is being staged or applied */
	int64_t progress_ms;         /* main_mono_ms() of its last progress */
	int percent;                 /* 0..100 while busy */
	const char *label;           /* the phase, Vietnamese (static) */
	unsigned results;            /* attempts finished; changes with each */
	bool ok;                     /* the last: applied or already applied */
	bool changed;                /* the last applied something */
	char message[UPDATE_MSG_MAX];/* the last result, Vietnamese */
	int64_t when;                /* Unix time of the last attempt */
	char info[UPDATE_MSG_MAX + 32];/* Info's result row when the last attempt
				      * changed nothing: "23/11/2026 09:41: ...",
				      * else "" (the stored result is it) */
};

struct main_update;

/* Starts the watcher thread for the settings of cfg's [update] on the
 * database at db_path (a second connection). Sticks already in are taken
 * too. Returns NULL with err (bad media roots, unreadable mount table, no
 * database, no thread). */
struct main_update *main_update_start(const struct config *cfg, const char *db_path,
				      char *err, size_t errsize);
/* Stops the thread (an update in progress is cancelled before it commits),
 * joins it and frees everything. Never waits on a stick: a thread still
 * busy after 2 s (a read stuck on a dying stick) is left behind with what
 * it uses, the process being about to exit. Takes NULL. */
void main_update_stop(struct main_update *mu);
uint32_t main_update_event_type(const struct main_update *mu);
/* The thread's liveness (live.h): busy, and the time of its last
 * progress. Thread-safe. */
void main_update_liveness(struct main_update *mu, bool *busy, int64_t *progress_ms);
/* Cancels the update in progress at its next progress report, before it
 * commits (a stuck update: live.h); the next stick is tried as usual. */
void main_update_abandon(struct main_update *mu);

/* The loop's side (struct kiosk below; its update may be NULL). */
struct kiosk;
/* An event of the thread's type: reads the shared state; on a result,
 * reloads the content when it changed and shows the message a while. */
void main_update_event(struct kiosk *k, int64_t now_ms);
/* True when a frame is due for the update: every 33 ms while busy (the
 * screen keeps moving), and once when the result's time is up. */
bool main_update_tick(struct kiosk *k, int64_t now_ms);
/* When main_update_tick() next has something to do; INT64_MAX when not. */
int64_t main_update_deadline(const struct kiosk *k);
/* Puts the overlay (progress or result) into the view. */
void main_update_view(struct kiosk *k, struct ui_view *v);
/* A frame was drawn at now_ns: its interval is kept while busy and the
 * intervals are logged when the update ends. */
void main_update_frame(struct kiosk *k, int64_t now_ns);
/* A key from a stick waits for its answer (main_enrol.h): input takes
 * every app input meanwhile (true: not for the app), select is fed the
 * select button's level from the keys and the GPIO edges. */
bool main_update_input(struct kiosk *k, enum app_input in, int64_t now_ms);
void main_update_select(struct kiosk *k, bool down, int64_t now_ms);
/* Info's CONTENT_INFO_RESULT row when the last USB attempt changed nothing
 * (refused, already applied): "23/11/2026 09:41: <why>"; NULL before any
 * attempt, after one that applied, and once a later import is stored (the
 * stored result says it then). */
const char *main_update_info(const struct kiosk *k);

/* The running kiosk: everything allocated before the loop. */
struct kiosk {
	struct config cfg;
	struct main_opts opt;
	struct store *st;
	struct content *content;
	struct ui *ui;
	struct app app;
	struct app_content ac;
	struct app_pager pager;
	bool pager_lazy;            /* pages(): lay out the first page only (at
				     * app_init, whose places are all page 0) */
	bool fullscreen;

	/* GPIO buttons: gpio NULL when off (--no-gpio, enabled = no) */
	struct main_gpio *gpio;
	uint32_t gpio_event;        /* its SDL event type; 0 when off */
	struct buttons buttons;     /* GPIO and keys: debounce, long press, repeat */
	unsigned buttons_open;      /* open_mask of the last status seen */
	char buttons_notice[MAIN_GPIO_NOTICE_MAX]; /* Info's row; "" when off */

	/* systemd readiness and watchdog; the display's power at night */
	struct live live;
	struct power power;

	/* USB updates: NULL when the watcher could not start (logged) */
	struct main_update *update;
	uint32_t update_event;      /* its SDL event type; 0 when off */
	char db_path[CONFIG_PATH_MAX]; /* the database, for the update's connection */
	const char *db_notice;      /* Info's row when the database failed its
				     * check at start-up; NULL when sound */

	/* the view's borrowed arrays, rebuilt when the content changes */
	struct ui_list_item *items;
	size_t nitems;
	struct content_info_row info[8];
	struct ui_info_row rows[11];    /* content_info's, the database's, the
					 * buttons', the update's */
	size_t nrows;
	bool info_stale;            /* the info rows must be read again */
	int64_t layout_rest;        /* the shown document whose layout the loop
				     * is finishing a slice at a time; 0: none */
	const char *banner;         /* content error shown over the footer */
	char banner_buf[CONTENT_ERR_MAX + 64];
	char version[64];           /* content version when last loaded */

	int64_t start_ms;           /* monotonic time at start, for uptime */
	char clock_text[8];         /* "09:41" of the last frame */
	bool quit;
};

/* main_loop.c */
int64_t main_mono_ms(void);
/* Loads the content at Unix time now and rebuilds the list items; on error
 * the kiosk shows the empty screen with a banner. */
void main_load_content(struct kiosk *k, int64_t now);
/* Fills the app's pager (pages, page chars from the ui's layout). */
void main_pager_init(struct kiosk *k);
/* Settings for the app from the config. */
struct app_settings main_app_settings(const struct config *cfg);
/* Local clock fields of Unix time t. */
struct ui_clock main_clock(int64_t t, int *minute_of_day);
/* Fills view for the app's current state at clock c and monotonic now_ms.
 * Returns false when the document to show cannot be loaded (logged). */
bool main_view(struct kiosk *k, struct ui_view *view, const struct ui_clock *c, int64_t now_ms,
	       int64_t uptime_s, int64_t wall);
/* Settings for the buttons from the config. */
struct buttons_settings main_buttons_settings(const struct config *cfg);
/* Handles one event at monotonic now_ns (CLOCK_MONOTONIC, the clock of the
 * buttons' edges): quit, keys, the GPIO thread's edges and status. */
void main_event(struct kiosk *k, const union SDL_Event *ev, int64_t now_ns, int minute);
/* Advances the key and button timers and the app to now_ns. */
void main_advance(struct kiosk *k, int64_t now_ns, int minute);
/* Runs until SDL_QUIT (SIGTERM), q in a window, or an SDL failure. */
int main_loop(struct kiosk *k);

/* main_shot.c */
/* Draws the screen named by k->opt.screen at k->opt.time into k->opt.shot
 * (or times it with --bench). Returns the exit status. */
int main_shot(struct kiosk *k);

#endif
