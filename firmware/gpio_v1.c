/* SPDX-License-Identifier: MIT */
/*
 * gpio_v1: one button's line through the v1 API of libgpiod 1.6 (Debian
 * and Raspberry Pi OS bookworm): gpiod_chip, gpiod_line requested for both
 * edges, events with a struct timespec stamped by the kernel.
 */
#include "gpio_int.h"

#ifndef BANGTIN_GPIOD_V2

#include <errno.h>
#include <gpiod.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct gpio_line {
	struct gpiod_chip *chip;
	struct gpiod_line *line;
	unsigned int offset;
};

/* Opens the chip spec names; NULL with err (and errno) when it cannot. */
static struct gpiod_chip *gpio_v1_chip(const char *spec, char *err, size_t errsize)
{
	char path[GPIO_PATH_MAX], list[GPIO_CHIPS_MAX][GPIO_PATH_MAX];
	struct gpiod_chip *chip;
	size_t n;
	int denied = 0;

	if (gpio_chip_classify(spec, path, sizeof path) == GPIO_CHIP_PATH) {
		chip = gpiod_chip_open(path);
		if (!chip)
			gpio_fail_chip(err, errsize, spec, path, errno);
		return chip;
	}
	n = gpio_chip_list(list, GPIO_CHIPS_MAX);
	for (size_t i = 0; i < n; i++) {
		chip = gpiod_chip_open(list[i]);
		if (!chip) {
			if (errno == EACCES || errno == EPERM)
				denied = errno;
			continue;
		}
		if (strcmp(gpiod_chip_label(chip), spec) == 0)
			return chip;
		gpiod_chip_close(chip);
	}
	if (denied) {
		gpio_fail(err, errsize, "no chip labelled '%s' among those readable "
			  "(permission denied on some: the gpio group or a udev rule)", spec);
		errno = denied;
		return NULL;
	}
	gpio_fail(err, errsize, "no chip '%s' (no gpiochip has that name or label)", spec);
	errno = ENOENT;
	return NULL;
}

static int gpio_v1_flags(const struct gpio_line_spec *spec)
{
	int flags = spec->active_low ? GPIOD_LINE_REQUEST_FLAG_ACTIVE_LOW : 0;

	switch (spec->bias) {
	case GPIO_BIAS_PULL_UP:
		flags |= GPIOD_LINE_REQUEST_FLAG_BIAS_PULL_UP;
		break;
	case GPIO_BIAS_PULL_DOWN:
		flags |= GPIOD_LINE_REQUEST_FLAG_BIAS_PULL_DOWN;
		break;
	case GPIO_BIAS_AS_IS:
		break;
	}
	return flags;
}

/* Finds spec's line on l->chip; -1 with err. */
static int gpio_v1_find(struct gpio_line *l, const struct gpio_line_spec *spec, char *err,
			size_t errsize)
{
	const char *name = gpiod_chip_name(l->chip);
	unsigned int n = gpiod_chip_num_lines(l->chip);

	if (gpio_line_offset(spec->line, &l->offset)) {
		if (l->offset >= n) {
			errno = ENOENT;
			return gpio_fail(err, errsize, "%s line %u: no such line (the chip has %u)",
					 name, l->offset, n);
		}
		l->line = gpiod_chip_get_line(l->chip, l->offset);
	} else {
		l->line = gpiod_chip_find_line(l->chip, spec->line);
		if (!l->line && errno == ENOENT)
			return gpio_fail(err, errsize, "%s: no line named '%s'", name, spec->line);
		if (l->line)
			l->offset = gpiod_line_offset(l->line);
	}
	if (!l->line)
		return gpio_fail(err, errsize, "%s line %s: %s", name, spec->line, strerror(errno));
	return 0;
}

struct gpio_line *gpio_line_open(const struct gpio_line_spec *spec, enum gpio_reason *why,
				 char *err, size_t errsize)
{
	struct gpio_line *l = calloc(1, sizeof *l);
	struct gpiod_line_request_config rc = {
		.consumer = GPIO_CONSUMER,
		.request_type = GPIOD_LINE_REQUEST_EVENT_BOTH_EDGES,
		.flags = gpio_v1_flags(spec),
	};
	int e;

	*why = GPIO_REASON_OTHER;
	if (!l) {
		gpio_fail(err, errsize, "out of memory");
		return NULL;
	}
	l->chip = gpio_v1_chip(spec->chip, err, errsize);
	if (!l->chip) {
		*why = gpio_chip_reason(errno);
		goto err_free;
	}
	if (gpio_v1_find(l, spec, err, errsize) != 0)
	{
		*why = GPIO_REASON_NO_LINE;
		goto err_chip;
	}
	if (gpiod_line_request(l->line, &rc, 0) != 0) {
		e = errno;
		*why = e == EBUSY ? GPIO_REASON_BUSY : GPIO_REASON_OTHER;
		if (e == EBUSY) {
			const char *who = gpiod_line_update(l->line) == 0 ?
					  gpiod_line_consumer(l->line) : NULL;
			gpio_fail(err, errsize, "%s line %u: busy (used by '%s')",
				  gpiod_chip_name(l->chip), l->offset, who ? who : "?");
		} else {
			gpio_fail(err, errsize, "%s line %u: cannot request edge events: %s",
				  gpiod_chip_name(l->chip), l->offset, strerror(e));
		}
		errno = e;
		goto err_chip;
	}
	return l;

err_chip:
	e = errno;
	gpiod_chip_close(l->chip);
	errno = e;
err_free:
	e = errno;
	free(l);
	errno = e;
	return NULL;
}

void gpio_line_where(const struct gpio_line *l, char *chip, size_t size, unsigned int *offset)
{
	snprintf(chip, size, "%s", gpiod_chip_name(l->chip));
	*offset = l->offset;
}

int gpio_line_fd(const struct gpio_line *l)
{
	return gpiod_line_event_get_fd(l->line);
}

int gpio_line_read(struct gpio_line *l, struct gpio_raw *out, size_t max)
{
	struct gpiod_line_event ev[16];
	unsigned int want = max < 16 ? (unsigned int)max : 16;
	int n = gpiod_line_event_read_fd_multiple(gpio_line_fd(l), ev, want);

	for (int i = 0; i < n; i++)
		out[i] = (struct gpio_raw){
			.active = ev[i].event_type == GPIOD_LINE_EVENT_RISING_EDGE,
			.t_ns = (int64_t)ev[i].ts.tv_sec * 1000000000 + ev[i].ts.tv_nsec,
		};
	return n;
}

void gpio_line_close(struct gpio_line *l)
{
	if (!l)
		return;
	gpiod_line_release(l->line);
	gpiod_chip_close(l->chip);
	free(l);
}

const char *gpio_line_backend(void)
{
	static char version[64];

	snprintf(version, sizeof version, "libgpiod %s (v1 API)", gpiod_version_string());
	return version;
}

#endif
