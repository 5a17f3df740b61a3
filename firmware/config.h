/* SPDX-License-Identifier: MIT */
/*
 * config: the kiosk's settings, read from an INI file with inih
 * (/etc/bangtin/bangtin.conf when installed, data/bangtin.conf in the source
 * tree, --config to choose). It owns nothing but the struct it fills; every
 * key is documented in data/bangtin.conf and bangtin.conf(5).
 */
#ifndef BANGTIN_CONFIG_H
#define BANGTIN_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CONFIG_ERR_MAX 512
#define CONFIG_STR_MAX 256
#define CONFIG_PATH_MAX 1024
#define CONFIG_BUTTONS 4        /* prev, next, select, back (enum buttons_id's order) */
#define CONFIG_LINE_MAX 130     /* "CHIP:LINE", each side shorter than 64 bytes */

enum config_footer {
	CONFIG_FOOTER_LEGEND = 0, /* the button legend */
	CONFIG_FOOTER_TICKER = 1, /* a ticker of current notices */
};

enum config_bias {
	CONFIG_BIAS_PULL_UP = 0, /* enum gpio_bias's order */
	CONFIG_BIAS_PULL_DOWN,
	CONFIG_BIAS_AS_IS,
};

struct config {
	/* [display] */
	char org_name[CONFIG_STR_MAX]; /* header band: "ĐẢNG ỦY THÔNG TẤN XÃ VIỆT NAM" */
	int rotation;                  /* 0, 90, 180, 270 degrees clockwise */
	bool fullscreen;               /* false: a window of width x height */
	int width, height;             /* window size; 0 = the display's */
	enum config_footer footer;
	int ticker_speed;              /* ticker pixels per second at 1080p */
	char font_dir[CONFIG_PATH_MAX];/* "" = the fonts/ the program ships */
	int viewing_distance_m;        /* readers stand this far: the minimum text size */
	int panel_inches;              /* the panel's diagonal, for its pixel pitch */

	/* [carousel] */
	int carousel_count;            /* latest conclusions cycled */
	int carousel_pages;            /* first pages shown per document; 0 = all */
	int dwell_min_s, dwell_max_s;  /* bounds of a page's dwell time */
	int dwell_chars_per_s;         /* reading speed the dwell time scales with */
	int idle_timeout_s;            /* no input for this long: back to the carousel */

	/* [schedule] */
	int sleep_from_min, sleep_until_min; /* minutes after midnight; equal = never sleep */

	/* [content] */
	char db_path[CONFIG_PATH_MAX]; /* "" = the default database path */
	int new_days;                  /* days the latest update's documents are "Mới" */

	/* [buttons] (used by the GPIO layer) */
	bool buttons_enabled;          /* false: keyboard only, no GPIO (a desktop) */
	int long_press_ms;
	int repeat_delay_ms, repeat_interval_ms;
	int debounce_ms;               /* a level counts once it held this long */
	char button_line[CONFIG_BUTTONS][CONFIG_LINE_MAX]; /* "gpiochip0:17" (gpio.h's spec) */
	bool button_active_low;        /* pressed is low: buttons wired to ground */
	enum config_bias button_bias;

	/* [update] (content bundles from USB sticks) */
	char media_roots[CONFIG_PATH_MAX];   /* where sticks are mounted, usb.h's list */
	char bundle_dir[CONFIG_STR_MAX];     /* the bundle folder on a stick: "BANGTIN" */
	char keys_dir[CONFIG_PATH_MAX];      /* the trusted public keys (*.pub) */
	char staging_dir[CONFIG_PATH_MAX];   /* "" = staging/ beside the database */
	char report_socket[CONFIG_PATH_MAX]; /* the report helper's socket; "" = none */
	bool enrol;                          /* a stick may bring the first key (enrol.h) */
	int stall_timeout_s;                 /* an update without progress is stuck (live.h) */
};

/* Fills cfg with the defaults (documented in bangtin.conf(5)). */
void config_defaults(struct config *cfg);

/*
 * Reads the INI file at path over the values already in cfg (call
 * config_defaults() first). Returns 0, or -1 with err naming the file, the
 * line and the key: "bangtin.conf:12: rotation: must be 0, 90, 180 or 270,
 * not 45". An unknown section or key is an error too (a typo must not pass
 * silently). A missing file is an error; the caller decides whether that
 * matters.
 */
int config_load(struct config *cfg, const char *path, char *err, size_t errsize);

/* A config file is never larger than this (config_load refuses it). */
#define CONFIG_FILE_MAX 65536

/* As config_load, over len bytes of buf (a file's contents, not
 * NUL-terminated), named name in messages. config_load opens the file
 * O_NONBLOCK|O_NOFOLLOW and accepts only a regular file of at most
 * CONFIG_FILE_MAX bytes: a FIFO or a link in its place is refused, never
 * waited on or followed. A NUL byte and an unbalanced double quote are
 * errors naming the line. */
int config_parse_buffer(struct config *cfg, const char *name, const char *buf, size_t len,
			char *err, size_t errsize);

/* Parses one "key = value" of section into cfg, as config_load does for each
 * line; exposed for tests. Returns 0 or -1 with err (without file:line). */
int config_set(struct config *cfg, const char *section, const char *key, const char *value,
	       char *err, size_t errsize);

/* Default config path: BANGTIN_SRCDIR/data/bangtin.conf when the running
 * program lives in the source tree, else /etc/bangtin/bangtin.conf. The
 * string is static. */
const char *config_default_path(void);

#endif
