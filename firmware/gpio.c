/* SPDX-License-Identifier: MIT */
/*
 * gpio: the pure side of the GPIO layer (see gpio.h and gpio_int.h): line
 * specs and bias names from the config, how a chip spec names its device,
 * the list of gpiochips, sorting edges, and the wording of errors.
 */
#include "gpio_int.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

static const char *const gpio_bias_names[] = { "pull-up", "pull-down", "as-is" };
static const char *const gpio_button_names[] = { "prev", "next", "select", "back" };

int gpio_spec_parse(const char *text, struct gpio_line_spec *spec, char *err, size_t errsize)
{
	const char *colon = strrchr(text, ':');
	size_t chip_len;

	if (!colon)
		return gpio_fail(err, errsize,
				 "must be CHIP:LINE, like gpiochip0:17 or pinctrl-bcm2711:GPIO17 (got %s)",
				 text);
	chip_len = (size_t)(colon - text);
	if (chip_len == 0 || !colon[1])
		return gpio_fail(err, errsize, "must be CHIP:LINE with neither side empty (got %s)",
				 text);
	if (chip_len >= sizeof spec->chip || strlen(colon + 1) >= sizeof spec->line)
		return gpio_fail(err, errsize, "chip and line must be shorter than %zu bytes each (got %s)",
				 sizeof spec->chip, text);
	memcpy(spec->chip, text, chip_len);
	spec->chip[chip_len] = '\0';
	memcpy(spec->line, colon + 1, strlen(colon + 1) + 1);
	return 0;
}

int gpio_bias_parse(const char *text, enum gpio_bias *out)
{
	for (size_t i = 0; i < sizeof gpio_bias_names / sizeof gpio_bias_names[0]; i++) {
		if (strcasecmp(text, gpio_bias_names[i]) == 0) {
			*out = (enum gpio_bias)i;
			return 0;
		}
	}
	return -1;
}

const char *gpio_bias_name(enum gpio_bias bias)
{
	return (unsigned)bias < sizeof gpio_bias_names / sizeof gpio_bias_names[0] ?
	       gpio_bias_names[bias] : "?";
}

const char *gpio_button_name(enum buttons_id id)
{
	return (unsigned)id < BUTTONS_COUNT ? gpio_button_names[id] : "?";
}

void gpio_config_default(struct gpio_config *cfg)
{
	static const char *const lines[BUTTONS_COUNT] = { "17", "27", "22", "23" };

	memset(cfg, 0, sizeof *cfg);
	for (int i = 0; i < BUTTONS_COUNT; i++) {
		struct gpio_line_spec *s = &cfg->button[i];
		snprintf(s->chip, sizeof s->chip, "gpiochip0");
		snprintf(s->line, sizeof s->line, "%s", lines[i]);
		s->active_low = true;
		s->bias = GPIO_BIAS_PULL_UP;
	}
}

int gpio_config_from(struct gpio_config *cfg, const struct config *conf, char *err,
		     size_t errsize)
{
	char why[GPIO_ERR_MAX / 2];

	gpio_config_default(cfg);
	for (int i = 0; i < BUTTONS_COUNT; i++) {
		struct gpio_line_spec *s = &cfg->button[i];
		if (gpio_spec_parse(conf->button_line[i], s, why, sizeof why) != 0)
			return gpio_fail(err, errsize, "[buttons] %s: %s",
					 gpio_button_name((enum buttons_id)i), why);
		s->active_low = conf->button_active_low;
		s->bias = (enum gpio_bias)conf->button_bias;
	}
	return 0;
}

int64_t gpio_clock_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static bool gpio_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

enum gpio_chip_kind gpio_chip_classify(const char *chip, char *path, size_t size)
{
	if (chip[0] == '/') {
		snprintf(path, size, "%s", chip);
		return GPIO_CHIP_PATH;
	}
	if (strncmp(chip, "gpiochip", 8) == 0 && gpio_digits(chip + 8)) {
		snprintf(path, size, "/dev/%s", chip);
		return GPIO_CHIP_PATH;
	}
	if (gpio_digits(chip)) {
		snprintf(path, size, "/dev/gpiochip%s", chip);
		return GPIO_CHIP_PATH;
	}
	path[0] = '\0';
	return GPIO_CHIP_LABEL;
}

bool gpio_line_offset(const char *line, unsigned int *offset)
{
	unsigned long v;

	if (!gpio_digits(line) || strlen(line) > 6)
		return false;
	v = strtoul(line, NULL, 10);
	*offset = (unsigned int)v;
	return true;
}

static int gpio_chip_number(const char *name)
{
	return atoi(name + 8);
}

static int gpio_chip_cmp(const void *a, const void *b)
{
	const char *pa = strrchr(a, '/') + 1, *pb = strrchr(b, '/') + 1;

	return gpio_chip_number(pa) - gpio_chip_number(pb);
}

size_t gpio_chip_list(char paths[][GPIO_PATH_MAX], size_t max)
{
	DIR *d = opendir("/dev");
	struct dirent *de;
	size_t n = 0;

	if (!d)
		return 0;
	while (n < max && (de = readdir(d))) {
		if (strncmp(de->d_name, "gpiochip", 8) != 0 || !gpio_digits(de->d_name + 8) ||
		    strlen(de->d_name) > 16)
			continue;
		snprintf(paths[n++], GPIO_PATH_MAX, "/dev/%.16s", de->d_name);
	}
	closedir(d);
	qsort(paths, n, GPIO_PATH_MAX, gpio_chip_cmp);
	return n;
}

void gpio_edges_sort(struct gpio_edge *e, size_t n)
{
	/* Insertion sort: stable, and the runs it gets are nearly sorted. */
	for (size_t i = 1; i < n; i++) {
		struct gpio_edge x = e[i];
		size_t j = i;
		while (j > 0 && e[j - 1].t_ns > x.t_ns) {
			e[j] = e[j - 1];
			j--;
		}
		e[j] = x;
	}
}

const char *gpio_reason_name(enum gpio_reason r)
{
	static const char *const names[] = { "open", "no chip", "permission denied",
					     "not a GPIO chip", "no such line", "busy",
					     "same line as another button", "line lost",
					     "error" };

	return (unsigned)r < sizeof names / sizeof names[0] ? names[r] : "?";
}

enum gpio_reason gpio_chip_reason(int e)
{
	switch (e) {
	case ENOENT:
		return GPIO_REASON_NO_CHIP;
	case EACCES:
	case EPERM:
		return GPIO_REASON_PERMISSION;
	case ENOTTY:
		return GPIO_REASON_NOT_CHIP;
	default:
		return GPIO_REASON_OTHER;
	}
}

int gpio_fail_chip(char *err, size_t errsize, const char *spec, const char *path, int e)
{
	/* A path that is there but no gpiochip: ENODEV (v2), ENOTTY (v1). */
	if ((e == ENODEV || e == ENXIO) && access(path, F_OK) == 0)
		e = ENOTTY;
	if (e == ENODEV || e == ENXIO)
		e = ENOENT;
	if (e == EINVAL)
		e = ENOTTY;
	errno = e;
	switch (e) {
	case ENOENT:
		return gpio_fail(err, errsize, "no chip '%s'", spec);
	case EACCES:
	case EPERM:
		return gpio_fail(err, errsize,
				 "%s: permission denied (give the kiosk's user access to it: "
				 "the gpio group or a udev rule)", path);
	case ENOTTY:
		return gpio_fail(err, errsize, "%s: not a GPIO chip", path);
	default:
		return gpio_fail(err, errsize, "%s: %s", path, strerror(e));
	}
}
