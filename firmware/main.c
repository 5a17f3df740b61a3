/* SPDX-License-Identifier: MIT */
/* main.c: bangtin, the lobby screen. Reads the options and the config, opens
 * the store, the content and the screen, and hands them to the loop (or
 * draws one frame with --shot). Start-up is the one place that exits on
 * error; after it the kiosk keeps showing what it has. */
#define LOG_TAG "main"
#include <SDL.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "main_loop.h"
#include "main_shot.h"
#include "paths.h"
#include "usb.h"

#ifndef BANGTIN_VERSION
#define BANGTIN_VERSION "?"
#endif
#ifndef BANGTIN_SRCDIR
#define BANGTIN_SRCDIR NULL
#endif
#ifndef BANGTIN_DATADIR
#define BANGTIN_DATADIR "/usr/local/share/bangtin"
#endif

static void main_help(FILE *f)
{
	fputs("Usage: bangtin [OPTION]...\n"
	      "\n"
	      "The lobby screen: shows the latest conclusions page by page, the list of\n"
	      "current documents and a reader, from the content database.\n"
	      "\n"
	      "Options:\n"
	      "  -c, --config FILE   config file (default: data/bangtin.conf in the source\n"
	      "                      tree, else /etc/bangtin/bangtin.conf)\n"
	      "  -d, --db FILE       content database (default: the config's, $BANGTIN_DB,\n"
	      "                      else the built-in path)\n"
	      "  -w, --window WxH    a window of this size\n"
	      "  -f, --fullscreen    full screen\n"
	      "  -r, --rotation N    draw rotated by 0, 90, 180 or 270 degrees\n"
	      "  -s, --shot FILE     draw one frame into the PNG FILE and exit (needs --size)\n"
	      "  -S, --size WxH      size of the --shot frame, in output pixels\n"
	      "      --screen NAME   what --shot draws: carousel (default), list, info, empty,\n"
	      "                      sleep, reader:SYMBOL[:PAGE] (pages count from 1), or\n"
	      "                      labels (the buttons' printable labels)\n"
	      "  -t, --time TIME     local time of --shot, as 2026-11-23T09:41 (default: now)\n"
	      "      --bench N       with --shot: draw the frame N more times from the cache\n"
	      "                      and print the timings\n"
	      "      --no-gpio       no GPIO buttons, the keyboard only (a desktop)\n"
	      "  -h, --help          show this help and exit\n"
	      "  -V, --version       show the version and exit\n"
	      "\n"
	      "Keys: Left/Up previous, Right/Down next, Enter select, Escape/Backspace back\n"
	      "(held: information), q quits a window. The GPIO buttons act as the same keys.\n",
	      f);
}

static int main_usage(const char *fmt, const char *arg)
{
	fprintf(stderr, "bangtin: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry 'bangtin --help'.\n");
	return 2;
}

/* "1920x1080" -> w, h; false on anything else. */
static bool main_parse_size(const char *s, int *w, int *h)
{
	char *end;
	long a = strtol(s, &end, 10), b;

	if (end == s || (*end != 'x' && *end != 'X'))
		return false;
	s = end + 1;
	b = strtol(s, &end, 10);
	if (end == s || *end || a < 16 || b < 16 || a > 16384 || b > 16384)
		return false;
	*w = (int)a;
	*h = (int)b;
	return true;
}

/* Parses the options into o; returns -1 to go on, else an exit status. */
static int main_options(int argc, char **argv, struct main_opts *o)
{
	enum { OPT_SCREEN = 256, OPT_BENCH, OPT_NO_GPIO };
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "db", required_argument, NULL, 'd' },
		{ "window", required_argument, NULL, 'w' },
		{ "fullscreen", no_argument, NULL, 'f' },
		{ "rotation", required_argument, NULL, 'r' },
		{ "shot", required_argument, NULL, 's' },
		{ "size", required_argument, NULL, 'S' },
		{ "screen", required_argument, NULL, OPT_SCREEN },
		{ "time", required_argument, NULL, 't' },
		{ "bench", required_argument, NULL, OPT_BENCH },
		{ "no-gpio", no_argument, NULL, OPT_NO_GPIO },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	memset(o, 0, sizeof *o);
	o->rotation = -1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":c:d:w:fr:s:S:t:hV", opts, NULL)) != -1) {
		switch (c) {
		case 'c': o->config = optarg; break;
		case 'd': o->db = optarg; break;
		case 'f': o->fullscreen = true; break;
		case 's': o->shot = optarg; break;
		case 't': o->time = optarg; break;
		case OPT_SCREEN: o->screen = optarg; break;
		case OPT_NO_GPIO: o->no_gpio = true; break;
		case 'w':
			if (!main_parse_size(optarg, &o->win_w, &o->win_h))
				return main_usage("--window: not a size WxH: %s", optarg);
			break;
		case 'S':
			if (!main_parse_size(optarg, &o->size_w, &o->size_h))
				return main_usage("--size: not a size WxH: %s", optarg);
			break;
		case 'r':
			o->rotation = atoi(optarg);
			if (o->rotation % 90 || o->rotation < 0 || o->rotation > 270)
				return main_usage("--rotation: must be 0, 90, 180 or 270, not %s",
						  optarg);
			break;
		case OPT_BENCH:
			o->bench = atoi(optarg);
			if (o->bench < 1 || o->bench > 1000000)
				return main_usage("--bench: not a count: %s", optarg);
			break;
		case 'h': main_help(stdout); return 0;
		case 'V': printf("bangtin %s\n", BANGTIN_VERSION); return 0;
		case ':': return main_usage("option %s needs a value", argv[optind - 1]);
		default: return main_usage("unknown option %s", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return main_usage("unexpected argument %s", argv[optind]);
	if (o->shot && !o->size_w)
		return main_usage("--shot %s needs --size WxH", o->shot);
	if (!o->shot && (o->screen || o->time || o->size_w || o->bench))
		return main_usage("%s works only with --shot", o->screen ? "--screen" :
				  o->time ? "--time" : o->size_w ? "--size" : "--bench");
	return -1;
}

/* The config: defaults, then the file; the options override it. */
static int main_config(struct kiosk *k)
{
	const char *path = k->opt.config ? k->opt.config : config_default_path();
	char err[CONFIG_ERR_MAX];

	config_defaults(&k->cfg);
	if (config_load(&k->cfg, path, err, sizeof err) != 0) {
		if (k->opt.config || access(path, F_OK) == 0) {
			log_error("%s", err);
			return -1;
		}
		log_notice("no config at %s: using the defaults", path);
	} else {
		log_info("config %s", path);
	}
	if (k->opt.rotation >= 0)
		k->cfg.rotation = k->opt.rotation;
	if (k->opt.fullscreen)
		k->cfg.fullscreen = true;
	if (k->opt.win_w) {
		k->cfg.fullscreen = false;
		k->cfg.width = k->opt.win_w;
		k->cfg.height = k->opt.win_h;
	}
	return 0;
}

static int main_open_store(struct kiosk *k)
{
	char path[CONFIG_PATH_MAX], err[STORE_ERR_MAX];
	const char *opt = k->opt.db ? k->opt.db : (*k->cfg.db_path ? k->cfg.db_path : NULL);

	if (paths_db_here(opt, BANGTIN_SRCDIR, path, sizeof path) != 0) {
		log_error("database path too long");
		return -1;
	}
	/* The screen only reads; USB updates write through a connection of
	 * their own (main_update.c), so a read-only database still shows. */
	if (!(k->st = store_open_read(path, err, sizeof err))) {
		/* Not even readable (not a database any more, say): the kiosk
		 * runs all the same, empty and saying so, rather than exit into
		 * a restart loop. */
		log_error("%s; showing an empty board until it is restored", err);
		if (!(k->st = store_open(":memory:", err, sizeof err))) {
			log_error("%s", err);
			return -1;
		}
		k->db_notice = "không đọc được: chưa có văn bản để hiển thị. Cần khôi phục "
			       "hoặc nhập lại văn bản.";
	}
	log_info("database %s", path);
	snprintf(k->db_path, sizeof k->db_path, "%s", path);
	/* A damaged database is shown as far as it can be read, and said so,
	 * rather than crash-looping under Restart=always; the store refuses to
	 * write into it. */
	if (!k->db_notice && store_quick_check(k->st, err, sizeof err) != 0) {
		log_error("%s; showing what can be read; imports and USB updates are refused "
			  "until it is restored", err);
		k->db_notice = "bị hỏng: chỉ hiển thị phần còn đọc được, không nhận cập nhật. "
			       "Cần khôi phục hoặc nhập lại văn bản.";
	}
	if (!(k->content = content_new(k->st))) {
		log_error("out of memory");
		return -1;
	}
	content_set_new_days(k->content, k->cfg.new_days);
	return 0;
}

/* The shipped fonts: the config's font_dir, the source tree's, or the
 * installed ones. */
static const char *main_font_dir(const struct config *cfg)
{
	static char dir[CONFIG_PATH_MAX + 16];

	if (*cfg->font_dir)
		return cfg->font_dir;
	if (paths_running_from(BANGTIN_SRCDIR)) {
		snprintf(dir, sizeof dir, "%s/fonts", BANGTIN_SRCDIR);
		return dir;
	}
	return BANGTIN_DATADIR "/fonts";
}

static int main_open_ui(struct kiosk *k)
{
	struct ui_options uo = {
		.width = k->opt.shot ? k->opt.size_w : k->cfg.width,
		.height = k->opt.shot ? k->opt.size_h : k->cfg.height,
		.rotation = k->cfg.rotation,
		.fullscreen = !k->opt.shot && k->cfg.fullscreen,
		.headless = k->opt.shot != NULL,
		.font_dir = main_font_dir(&k->cfg),
		.title = "bangtin",
		.viewing_distance_m = k->cfg.viewing_distance_m,
		.panel_inches = k->cfg.panel_inches,
	};
	char err[UI_ERR_MAX];

	if (k->opt.shot)
		setenv("SDL_VIDEODRIVER", "dummy", 1);
	if (!(k->ui = ui_new(&uo, err, sizeof err))) {
		log_error("cannot open the screen: %s", err);
		return -1;
	}
	k->fullscreen = uo.fullscreen;
	ui_size(k->ui, &uo.width, &uo.height); /* the display's when the config says 0 */
	log_info("screen %dx%d%s (%s), rotation %d, fonts %s", uo.width, uo.height,
		 uo.headless ? " headless" : uo.fullscreen ? " full screen" : " window",
		 SDL_GetCurrentVideoDriver() ? SDL_GetCurrentVideoDriver() : "?", uo.rotation,
		 uo.font_dir);
	return 0;
}

/* At boot the kiosk may start before the DRM driver has bound: on KMSDRM it
 * waits for a card (telling systemd why) instead of failing. */
static void main_wait_cb(void *ctx, const char *why)
{
	(void)ctx;
	live_waiting(why);
}

/* The display's power at night: on KMSDRM only (a window keeps the dark
 * sleep screen), DPMS on SDL's DRM device and HDMI-CEC where there is a TV. */
static void main_open_power(struct kiosk *k)
{
	struct power_backend be;
	char err[POWER_ERR_MAX];
	int fd = ui_drm_fd(k->ui);

	power_init(&k->power);
	if (fd < 0)
		return;
	if (power_drm(fd, &be, err, sizeof err) == 0)
		power_add(&k->power, &be);
	else
		log_info("display power: %s", err);
	if (power_cec(&be, err, sizeof err) == 0)
		power_add(&k->power, &be);
	else
		log_info("display power: %s", err);
	log_info("display power at night: %s%s%s", k->power.n ? k->power.be[0].name : "none",
		 k->power.n > 1 ? " and " : "", k->power.n > 1 ? k->power.be[1].name : "");
}

/* The GPIO buttons' thread, unless they are off. Missing hardware is no
 * error: the thread logs it, notes it for Info and retries. */
static void main_open_buttons(struct kiosk *k)
{
	struct buttons_settings bs = main_buttons_settings(&k->cfg);
	struct main_gpio_source src;
	struct gpio_config gc;
	struct gpio *g;
	char err[GPIO_ERR_MAX];

	buttons_init(&k->buttons, &bs);
	if (k->opt.no_gpio || !k->cfg.buttons_enabled) {
		log_info("GPIO buttons off (%s): the keyboard only",
			 k->opt.no_gpio ? "--no-gpio" : "[buttons] enabled = no");
		return;
	}
	/* The config was checked when read, so these fail only when out of
	 * memory or threads; the keyboard goes on either way. */
	if (gpio_config_from(&gc, &k->cfg, err, sizeof err) != 0)
		goto err;
	if (!(g = gpio_new(&gc))) {
		snprintf(err, sizeof err, "out of memory");
		goto err;
	}
	src = main_gpio_source_gpio(g);
	if (!(k->gpio = main_gpio_start(&src, MAIN_GPIO_RETRY_MS, err, sizeof err)))
		goto err;
	k->gpio_event = main_gpio_event_type(k->gpio);
	snprintf(k->buttons_notice, sizeof k->buttons_notice, "đang mở");
	return;
err:
	log_error("GPIO buttons off: %s", err);
	snprintf(k->buttons_notice, sizeof k->buttons_notice,
		 "không dùng được (xem nhật ký) — bàn phím vẫn dùng được");
}

/* The USB watcher. Without it the kiosk still shows what it has. */
static void main_open_update(struct kiosk *k)
{
	char err[USB_ERR_MAX + STORE_ERR_MAX];

	if (!(k->update = main_update_start(&k->cfg, k->db_path, err, sizeof err))) {
		log_error("USB updates off: %s", err);
		return;
	}
	k->update_event = main_update_event_type(k->update);
}

static void main_close(struct kiosk *k)
{
	main_update_stop(k->update);
	k->update = NULL;
	main_gpio_stop(k->gpio);
	k->gpio = NULL;
	power_free(&k->power);
	ui_free(k->ui);
	content_free(k->content);
	store_close(k->st);
	free(k->items);
	SDL_Quit();
}

int main(int argc, char **argv)
{
	static struct kiosk k; /* large; main owns it and passes it down */
	int status;
	int minute;

	if ((status = main_options(argc, argv, &k.opt)) >= 0)
		return status;
	log_init("bangtin", LOG_LEVEL_INFO, LOG_PREFIX_AUTO);
	log_info("bangtin %s starting", BANGTIN_VERSION);
	k.start_ms = main_mono_ms();
	if (main_config(&k) != 0)
		return 1;
	live_init(&k.live, k.start_ms, (int64_t)k.cfg.stall_timeout_s * 1000);
	if (!k.opt.shot && getenv("SDL_VIDEODRIVER") &&
	    strcmp(getenv("SDL_VIDEODRIVER"), "kmsdrm") == 0)
		power_wait_drm(main_wait_cb, NULL);
	if (main_open_store(&k) != 0 || main_open_ui(&k) != 0) {
		main_close(&k);
		return 1;
	}
	main_pager_init(&k);
	if (k.opt.shot) {
		status = main_shot(&k);
		main_close(&k);
		return status;
	}
	int64_t wall = (int64_t)time(NULL);
	main_clock(wall, &minute);
	main_load_content(&k, wall);
	main_open_power(&k);
	main_open_buttons(&k);
	main_open_update(&k);
	struct app_settings set = main_app_settings(&k.cfg);
	/* The first document's first page is all the first frame needs; the
	 * loop lays out the rest after drawing it. */
	k.pager_lazy = true;
	app_init(&k.app, &set, &k.ac, &k.pager, main_mono_ms(), minute);
	k.pager_lazy = false;
	log_info("started in %lld ms", (long long)(main_mono_ms() - k.start_ms));
	status = main_loop(&k);
	log_info("stopping");
	main_close(&k);
	return status;
}
