/* SPDX-License-Identifier: MIT */
/*
 * config: reads bangtin.conf with inih (see config.h). One table names every
 * key, its section, its field and its bounds; the line reader around inih
 * counts lines, refuses unknown sections and over-long lines, and strips
 * indentation so an indented key is a key, not a continuation.
 */
#include "config.h"
#include "live.h" /* the default stall time */

#include <errno.h>
#include <fcntl.h>
#include <ini.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "errmsg.h"
#include "gpio.h"
#include "norm.h"
#include "paths.h"
#include "usb.h"

#define CONFIG_INSTALLED "/etc/bangtin/bangtin.conf"

enum config_type {
	CONFIG_INT,      /* min..max, or 0 when zero_ok */
	CONFIG_BOOL,
	CONFIG_TEXT,     /* char[CONFIG_STR_MAX], not empty, UTF-8 */
	CONFIG_PATH,     /* char[CONFIG_PATH_MAX], "" allowed */
	CONFIG_ROTATION,
	CONFIG_FOOTER,
	CONFIG_SLEEP,    /* sleep_from_min and sleep_until_min */
	CONFIG_LINE,     /* char[CONFIG_LINE_MAX], CHIP:LINE as gpio_spec_parse reads it */
	CONFIG_BIAS,
	CONFIG_ROOTS,    /* char[CONFIG_PATH_MAX], absolute paths as usb_roots_parse reads them */
	CONFIG_NAME,     /* char[CONFIG_STR_MAX], one folder name: no '/', not . or .. */
};

struct config_key {
	const char *section, *key;
	enum config_type type;
	size_t offset;
	int min, max;
	bool zero_ok;
};

#define KEY(sec, name, type, field, min, max, zero) \
	{ sec, name, type, offsetof(struct config, field), min, max, zero }

static const struct config_key config_keys[] = {
	KEY("display", "org_name", CONFIG_TEXT, org_name, 0, 0, false),
	KEY("display", "rotation", CONFIG_ROTATION, rotation, 0, 0, false),
	KEY("display", "fullscreen", CONFIG_BOOL, fullscreen, 0, 0, false),
	KEY("display", "width", CONFIG_INT, width, 160, 16384, true),
	KEY("display", "height", CONFIG_INT, height, 160, 16384, true),
	KEY("display", "footer", CONFIG_FOOTER, footer, 0, 0, false),
	KEY("display", "ticker_speed", CONFIG_INT, ticker_speed, 10, 2000, false),
	KEY("display", "font_dir", CONFIG_PATH, font_dir, 0, 0, false),
	KEY("display", "viewing_distance_m", CONFIG_INT, viewing_distance_m, 1, 30, false),
	KEY("display", "panel_inches", CONFIG_INT, panel_inches, 10, 150, false),
	KEY("carousel", "count", CONFIG_INT, carousel_count, 1, 100, false),
	KEY("carousel", "pages", CONFIG_INT, carousel_pages, 1, 100, true),
	KEY("carousel", "dwell_min", CONFIG_INT, dwell_min_s, 1, 3600, false),
	KEY("carousel", "dwell_max", CONFIG_INT, dwell_max_s, 1, 3600, false),
	KEY("carousel", "reading_speed", CONFIG_INT, dwell_chars_per_s, 1, 1000, false),
	KEY("carousel", "idle_timeout", CONFIG_INT, idle_timeout_s, 5, 86400, false),
	KEY("schedule", "sleep", CONFIG_SLEEP, sleep_from_min, 0, 0, false),
	KEY("content", "db", CONFIG_PATH, db_path, 0, 0, false),
	KEY("content", "new_days", CONFIG_INT, new_days, 1, 365, true),
	KEY("buttons", "enabled", CONFIG_BOOL, buttons_enabled, 0, 0, false),
	KEY("buttons", "long_press_ms", CONFIG_INT, long_press_ms, 200, 10000, false),
	KEY("buttons", "repeat_delay_ms", CONFIG_INT, repeat_delay_ms, 100, 5000, false),
	KEY("buttons", "repeat_interval_ms", CONFIG_INT, repeat_interval_ms, 20, 2000, false),
	KEY("buttons", "debounce_ms", CONFIG_INT, debounce_ms, 1, 200, false),
	KEY("buttons", "prev", CONFIG_LINE, button_line[0], 0, 0, false),
	KEY("buttons", "next", CONFIG_LINE, button_line[1], 0, 0, false),
	KEY("buttons", "select", CONFIG_LINE, button_line[2], 0, 0, false),
	KEY("buttons", "back", CONFIG_LINE, button_line[3], 0, 0, false),
	KEY("buttons", "active_low", CONFIG_BOOL, button_active_low, 0, 0, false),
	KEY("buttons", "bias", CONFIG_BIAS, button_bias, 0, 0, false),
	KEY("update", "media_roots", CONFIG_ROOTS, media_roots, 0, 0, false),
	KEY("update", "bundle_dir", CONFIG_NAME, bundle_dir, 0, 0, false),
	KEY("update", "keys_dir", CONFIG_PATH, keys_dir, 0, 0, false),
	KEY("update", "staging_dir", CONFIG_PATH, staging_dir, 0, 0, false),
	KEY("update", "report_socket", CONFIG_PATH, report_socket, 0, 0, false),
	KEY("update", "enrol", CONFIG_BOOL, enrol, 0, 0, false),
	KEY("update", "stall_timeout", CONFIG_INT, stall_timeout_s, 10, 3600, false),
};

#define CONFIG_NKEYS (sizeof config_keys / sizeof config_keys[0])

static const char *const config_sections[] = {
	"display", "carousel", "schedule", "content", "buttons", "update",
};

void config_defaults(struct config *cfg)
{
	*cfg = (struct config){
		.org_name = "ĐẢNG ỦY THÔNG TẤN XÃ VIỆT NAM",
		.rotation = 0,
		.fullscreen = true,
		.footer = CONFIG_FOOTER_LEGEND,
		.ticker_speed = 120,
		.viewing_distance_m = 3,
		.panel_inches = 43,
		.carousel_count = 5,
		.carousel_pages = 2,
		.new_days = 7,
		.dwell_min_s = 8,
		.dwell_max_s = 40,
		.dwell_chars_per_s = 15,
		.idle_timeout_s = 120,
		.buttons_enabled = true,
		.long_press_ms = 1500,
		.repeat_delay_ms = 500,
		.repeat_interval_ms = 150,
		.debounce_ms = 30,
		/* A Raspberry Pi's free header pins 11, 13, 15, 16 (README). */
		.button_line = { "gpiochip0:17", "gpiochip0:27", "gpiochip0:22", "gpiochip0:23" },
		.button_active_low = true,
		.button_bias = CONFIG_BIAS_PULL_UP,
		.media_roots = "/media /run/media /mnt/bangtin",
		.bundle_dir = "BANGTIN",
		.keys_dir = "/etc/bangtin/keys",
		.report_socket = "/run/bangtin-report.sock",
		.enrol = true,
		.stall_timeout_s = LIVE_STALL_MS / 1000,
	};
}

#define config_fail errmsg_set

#define CONFIG_UNKNOWN_SECTION \
	"[%s]: unknown section (known: display, carousel, schedule, content, buttons, update)"

static bool config_known_section(const char *section)
{
	for (size_t i = 0; i < sizeof config_sections / sizeof config_sections[0]; i++)
		if (strcasecmp(section, config_sections[i]) == 0)
			return true;
	return false;
}

/* The keys of section, comma-separated, for an "unknown key" message. */
static void config_key_names(const char *section, char *buf, size_t size)
{
	size_t len = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < CONFIG_NKEYS && len < size; i++) {
		if (strcasecmp(section, config_keys[i].section) != 0)
			continue;
		int n = snprintf(buf + len, size - len, "%s%s", len ? ", " : "", config_keys[i].key);
		if (n < 0)
			break;
		len += (size_t)n;
	}
}

static int config_parse_int(const char *v, long *out)
{
	char *end;

	if (!*v)
		return -1;
	errno = 0;
	*out = strtol(v, &end, 10);
	return (errno || *end) ? -1 : 0;
}

static int config_parse_bool(const char *v, bool *out)
{
	static const char *const yes[] = { "yes", "true", "on", "1" };
	static const char *const no[] = { "no", "false", "off", "0" };

	for (size_t i = 0; i < 4; i++) {
		if (strcasecmp(v, yes[i]) == 0) {
			*out = true;
			return 0;
		}
		if (strcasecmp(v, no[i]) == 0) {
			*out = false;
			return 0;
		}
	}
	return -1;
}

/* "H:MM" or "HH:MM", 00:00 to 23:59, into minutes after midnight. */
static int config_parse_clock(const char *v, size_t len, int *out)
{
	int h = 0, m = 0;
	size_t i = 0;

	if (len < 4 || len > 5)
		return -1;
	for (; i < len && v[i] != ':'; i++) {
		if (v[i] < '0' || v[i] > '9')
			return -1;
		h = h * 10 + (v[i] - '0');
	}
	if (i == 0 || i > 2 || i + 3 != len || v[i] != ':')
		return -1;
	for (i++; i < len; i++) {
		if (v[i] < '0' || v[i] > '9')
			return -1;
		m = m * 10 + (v[i] - '0');
	}
	if (h > 23 || m > 59)
		return -1;
	*out = h * 60 + m;
	return 0;
}

static int config_set_sleep(struct config *cfg, const char *key, const char *v,
			    char *err, size_t errsize)
{
	const char *dash = strchr(v, '-');
	int from, until;

	if (strcasecmp(v, "off") == 0 || strcasecmp(v, "no") == 0 || strcasecmp(v, "none") == 0) {
		cfg->sleep_from_min = cfg->sleep_until_min = 0;
		return 0;
	}
	if (!dash || config_parse_clock(v, (size_t)(dash - v), &from) != 0 ||
	    config_parse_clock(dash + 1, strlen(dash + 1), &until) != 0)
		return config_fail(err, errsize,
				   "%s: must be off or FROM-UNTIL in 24-hour time, "
				   "like 22:00-06:00 (got %s)", key, v);
	if (from == until)
		return config_fail(err, errsize,
				   "%s: starts and ends at the same time; write off for "
				   "no sleep (got %s)", key, v);
	cfg->sleep_from_min = from;
	cfg->sleep_until_min = until;
	return 0;
}

/* What 0 means for a key that takes it, for its error message. */
static const char *config_zero_means(const char *key)
{
	if (strcmp(key, "pages") == 0)
		return "every page";
	if (strcmp(key, "new_days") == 0)
		return "never";
	return "the display's";
}

static int config_set_int(const struct config_key *k, int *field, const char *v,
			  char *err, size_t errsize)
{
	long n;

	if (config_parse_int(v, &n) == 0 && ((n >= k->min && n <= k->max) || (k->zero_ok && n == 0))) {
		*field = (int)n;
		return 0;
	}
	if (k->zero_ok)
		return config_fail(err, errsize,
				   "%s: must be 0 (%s) or a whole number from "
				   "%d to %d (got %s)", k->key, config_zero_means(k->key), k->min,
				   k->max, v);
	return config_fail(err, errsize, "%s: must be a whole number from %d to %d (got %s)",
			   k->key, k->min, k->max, v);
}

static int config_set_string(const struct config_key *k, char *field, size_t size,
			     const char *v, char *err, size_t errsize)
{
	if (strlen(v) >= size)
		return config_fail(err, errsize, "%s: longer than %zu bytes (got %.40s...)",
				   k->key, size - 1, v);
	if (!norm_utf8_valid(v, strlen(v), NULL))
		return config_fail(err, errsize, "%s: not valid UTF-8; save the file as UTF-8",
				   k->key);
	if (k->type == CONFIG_TEXT && !*v)
		return config_fail(err, errsize, "%s: must not be empty", k->key);
	memcpy(field, v, strlen(v) + 1);
	return 0;
}

_Static_assert((int)CONFIG_BIAS_PULL_DOWN == (int)GPIO_BIAS_PULL_DOWN &&
	       (int)CONFIG_BIAS_AS_IS == (int)GPIO_BIAS_AS_IS && CONFIG_BUTTONS == BUTTONS_COUNT,
	       "config.h's buttons and bias follow gpio.h's");

/* A button's CHIP:LINE, checked by the GPIO layer's own parser. */
static int config_set_line(const struct config_key *k, char *field, const char *v,
			   char *err, size_t errsize)
{
	struct gpio_line_spec spec;
	char why[CONFIG_ERR_MAX / 2];

	if (gpio_spec_parse(v, &spec, why, sizeof why) != 0)
		return config_fail(err, errsize, "%s: %s", k->key, why);
	memcpy(field, v, strlen(v) + 1);
	return 0;
}

/* The media roots, checked by the USB watcher's own parser. */
static int config_set_roots(const struct config_key *k, char *field, const char *v,
			    char *err, size_t errsize)
{
	struct usb_roots roots;
	char why[CONFIG_ERR_MAX / 2];

	if (strlen(v) >= CONFIG_PATH_MAX)
		return config_fail(err, errsize, "%s: longer than %d bytes", k->key,
				   CONFIG_PATH_MAX - 1);
	if (usb_roots_parse(v, &roots, why, sizeof why) != 0)
		return config_fail(err, errsize, "%s: %s", k->key, why);
	usb_roots_free(&roots);
	memcpy(field, v, strlen(v) + 1);
	return 0;
}

/* Applies a value to one key of the table. */
static int config_apply(struct config *cfg, const struct config_key *k, const char *v,
			char *err, size_t errsize)
{
	char *base = (char *)cfg;
	long n;
	bool b;

	switch (k->type) {
	case CONFIG_INT:
		return config_set_int(k, (int *)(base + k->offset), v, err, errsize);
	case CONFIG_BOOL:
		if (config_parse_bool(v, &b) != 0)
			return config_fail(err, errsize, "%s: must be yes or no (got %s)", k->key, v);
		*(bool *)(base + k->offset) = b;
		return 0;
	case CONFIG_TEXT:
		return config_set_string(k, base + k->offset, CONFIG_STR_MAX, v, err, errsize);
	case CONFIG_PATH:
		return config_set_string(k, base + k->offset, CONFIG_PATH_MAX, v, err, errsize);
	case CONFIG_ROTATION:
		if (config_parse_int(v, &n) != 0 || (n != 0 && n != 90 && n != 180 && n != 270))
			return config_fail(err, errsize, "%s: must be 0, 90, 180 or 270 (got %s)",
					   k->key, v);
		cfg->rotation = (int)n;
		return 0;
	case CONFIG_FOOTER:
		if (strcasecmp(v, "legend") == 0)
			cfg->footer = CONFIG_FOOTER_LEGEND;
		else if (strcasecmp(v, "ticker") == 0)
			cfg->footer = CONFIG_FOOTER_TICKER;
		else
			return config_fail(err, errsize, "%s: must be legend or ticker (got %s)",
					   k->key, v);
		return 0;
	case CONFIG_SLEEP:
		return config_set_sleep(cfg, k->key, v, err, errsize);
	case CONFIG_LINE:
		return config_set_line(k, base + k->offset, v, err, errsize);
	case CONFIG_ROOTS:
		return config_set_roots(k, base + k->offset, v, err, errsize);
	case CONFIG_NAME:
		if (!*v || strchr(v, '/') || strcmp(v, ".") == 0 || strcmp(v, "..") == 0)
			return config_fail(err, errsize,
					   "%s: must be one folder name, without '/' (got %s)",
					   k->key, v);
		return config_set_string(k, base + k->offset, CONFIG_STR_MAX, v, err, errsize);
	case CONFIG_BIAS: {
		enum gpio_bias bias;
		if (gpio_bias_parse(v, &bias) != 0)
			return config_fail(err, errsize,
					   "%s: must be pull-up, pull-down or as-is (got %s)", k->key, v);
		cfg->button_bias = (enum config_bias)bias;
		return 0;
	}
	}
	return config_fail(err, errsize, "%s: unhandled key type", k->key);
}

int config_set(struct config *cfg, const char *section, const char *key, const char *value,
	       char *err, size_t errsize)
{
	char names[256], unquoted[CONFIG_PATH_MAX + 1];
	size_t len = strlen(value);

	if (!section || !*section)
		return config_fail(err, errsize,
				   "%s: outside any section; put it under [display], [carousel], "
				   "[schedule], [content], [buttons] or [update]", key);
	if (!config_known_section(section))
		return config_fail(err, errsize, CONFIG_UNKNOWN_SECTION, section);
	/* One pair of double quotes around a value is allowed and removed; a
	 * quote at one end only is a typo that would otherwise be kept. */
	if ((len >= 1 && value[0] == '"') != (len >= 2 && value[len - 1] == '"') ||
	    (len == 1 && value[0] == '"'))
		return config_fail(err, errsize, "%s: unbalanced double quote in \"%s\"", key,
				   value);
	if (len >= 2 && value[0] == '"' && value[len - 1] == '"' && len - 2 < sizeof unquoted) {
		memcpy(unquoted, value + 1, len - 2);
		unquoted[len - 2] = '\0';
		value = unquoted;
	}
	for (size_t i = 0; i < CONFIG_NKEYS; i++)
		if (strcasecmp(section, config_keys[i].section) == 0 &&
		    strcasecmp(key, config_keys[i].key) == 0)
			return config_apply(cfg, &config_keys[i], value, err, errsize);
	config_key_names(section, names, sizeof names);
	return config_fail(err, errsize, "%s: unknown key in [%s] (known: %s)", key, section, names);
}

/* State of one config_load(): the file's bytes, the line being read, the
 * first error. */
struct config_parse {
	struct config *cfg;
	const char *path;
	const char *buf;
	size_t len, pos;
	int line;
	int err_line; /* 0: no error yet */
	char err[CONFIG_ERR_MAX];
	int dwell_min_line, dwell_max_line;
};

static void config_parse_error(struct config_parse *p, const char *msg)
{
	if (p->err_line)
		return;
	p->err_line = p->line;
	int n = snprintf(p->err, sizeof p->err, "%s:%d: ", p->path, p->line);
	/* Two steps, so a long message is cut rather than the file:line. */
	if (n > 0 && (size_t)n < sizeof p->err)
		snprintf(p->err + n, sizeof p->err - (size_t)n, "%s", msg);
}

/* Refuses an unknown [section] on the line it is named. */
static void config_check_section(struct config_parse *p, const char *line)
{
	const char *end = strchr(line, ']');
	char name[64], msg[CONFIG_ERR_MAX];
	size_t len;

	if (!end)
		return; /* inih reports the syntax error */
	line++;
	while (*line == ' ' || *line == '\t')
		line++;
	len = (size_t)(end - line);
	while (len && (line[len - 1] == ' ' || line[len - 1] == '\t'))
		len--;
	snprintf(name, sizeof name, "%.*s", (int)len, line);
	if (!config_known_section(name)) {
		snprintf(msg, sizeof msg, CONFIG_UNKNOWN_SECTION, name);
		config_parse_error(p, msg);
	}
}

/* inih's fgets over the file's bytes: counts lines, refuses a line longer
 * than inih's buffer (it would otherwise split it silently) or holding a
 * NUL byte (C strings would cut the value there), strips indentation. */
static char *config_read_line(char *str, int num, void *stream)
{
	struct config_parse *p = stream;
	size_t len, lead;
	const char *nl;

	if (p->err_line && p->err_line <= p->line)
		return NULL; /* only the first error is reported */
	if (p->pos >= p->len || num < 2)
		return NULL;
	p->line++;
	nl = memchr(p->buf + p->pos, '\n', p->len - p->pos);
	len = nl ? (size_t)(nl - (p->buf + p->pos)) + 1 : p->len - p->pos;
	if (len > (size_t)num - 1) {
		char msg[64];
		snprintf(msg, sizeof msg, "line longer than %d bytes", num - 2);
		config_parse_error(p, msg);
		return NULL;
	}
	if (memchr(p->buf + p->pos, '\0', len)) {
		config_parse_error(p, "a NUL byte in the line (not text; save the file as UTF-8)");
		return NULL;
	}
	memcpy(str, p->buf + p->pos, len);
	str[len] = '\0';
	p->pos += len;
	lead = strspn(str, " \t");
	if (p->line == 1 && strncmp(str, "\xEF\xBB\xBF", 3) == 0)
		lead = 3; /* a byte-order mark, as Windows editors write it */
	memmove(str, str + lead, len - lead + 1);
	if (str[0] == '[')
		config_check_section(p, str);
	return str;
}

static int config_handler(void *user, const char *section, const char *name, const char *value)
{
	struct config_parse *p = user;
	char msg[CONFIG_ERR_MAX];

	if (config_set(p->cfg, section, name, value, msg, sizeof msg) != 0) {
		config_parse_error(p, msg);
		return 0;
	}
	if (strcasecmp(section, "carousel") == 0 && strcasecmp(name, "dwell_min") == 0)
		p->dwell_min_line = p->line;
	if (strcasecmp(section, "carousel") == 0 && strcasecmp(name, "dwell_max") == 0)
		p->dwell_max_line = p->line;
	return 1;
}

/* Checks what no single key can: the dwell bounds' order. */
static void config_check_all(struct config_parse *p)
{
	const struct config *cfg = p->cfg;
	char msg[CONFIG_ERR_MAX];

	if (cfg->dwell_min_s <= cfg->dwell_max_s)
		return;
	if (p->dwell_max_line >= p->dwell_min_line) {
		p->line = p->dwell_max_line;
		snprintf(msg, sizeof msg, "dwell_max: must not be less than dwell_min, %d (got %d)",
			 cfg->dwell_min_s, cfg->dwell_max_s);
	} else {
		p->line = p->dwell_min_line;
		snprintf(msg, sizeof msg, "dwell_min: must not be more than dwell_max, %d (got %d)",
			 cfg->dwell_max_s, cfg->dwell_min_s);
	}
	config_parse_error(p, msg);
}

int config_parse_buffer(struct config *cfg, const char *name, const char *buf, size_t len,
			char *err, size_t errsize)
{
	struct config_parse p = { .cfg = cfg, .path = name, .buf = buf, .len = len };
	struct config copy = *cfg;
	int rc;

	p.cfg = &copy;
	rc = ini_parse_stream(config_read_line, &p, config_handler, &p);
	/* inih's own errors are syntax errors: a line that is neither a
	 * [section] nor key = value, seen before any error of ours. */
	if (rc > 0 && (!p.err_line || rc < p.err_line)) {
		snprintf(p.err, sizeof p.err, "%s:%d: not a [section] nor key = value", name, rc);
		p.err_line = rc;
	}
	if (!p.err_line)
		config_check_all(&p);
	if (p.err_line)
		return config_fail(err, errsize, "%s", p.err);
	*cfg = copy;
	return 0;
}

/* Reads the file whole into a malloc'ed buffer. Never blocks and never
 * follows a link: a FIFO put in its place would hang start-up, so the file
 * is opened O_NONBLOCK|O_NOFOLLOW and must be a regular file of at most
 * CONFIG_FILE_MAX bytes. Returns the buffer (*len its size) or NULL with
 * err. */
static char *config_read_file(const char *path, size_t *len, char *err, size_t errsize)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY);
	struct stat st;
	char *buf = NULL;
	size_t got = 0;

	if (fd < 0) {
		if (errno == ELOOP)
			config_fail(err, errsize, "%s: cannot open: a symbolic link (name the "
				    "file itself)", path);
		else
			config_fail(err, errsize, "%s: cannot open: %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0) {
		config_fail(err, errsize, "%s: cannot read: %s", path, strerror(errno));
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		config_fail(err, errsize, "%s: not a regular file", path);
		goto out;
	}
	if (st.st_size > CONFIG_FILE_MAX) {
		config_fail(err, errsize, "%s: %lld bytes, over the limit of %d for a config file",
			    path, (long long)st.st_size, CONFIG_FILE_MAX);
		goto out;
	}
	if (!(buf = malloc((size_t)st.st_size + 1))) {
		config_fail(err, errsize, "%s: out of memory", path);
		goto out;
	}
	/* Bounded by the size seen: a file growing meanwhile is cut there. */
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			config_fail(err, errsize, "%s: cannot read: %s", path, strerror(errno));
			free(buf);
			buf = NULL;
			goto out;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	*len = got;
out:
	close(fd);
	return buf;
}

int config_load(struct config *cfg, const char *path, char *err, size_t errsize)
{
	size_t len = 0;
	char *buf = config_read_file(path, &len, err, errsize);
	int rc;

	if (!buf)
		return -1;
	rc = config_parse_buffer(cfg, path, buf, len, err, errsize);
	free(buf);
	return rc;
}

const char *config_default_path(void)
{
#ifdef BANGTIN_SRCDIR
	if (paths_running_from(BANGTIN_SRCDIR))
		return BANGTIN_SRCDIR "/data/bangtin.conf";
#endif
	return CONFIG_INSTALLED;
}
