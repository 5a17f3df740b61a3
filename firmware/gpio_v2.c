/* SPDX-License-Identifier: MIT */
/*
 * gpio_v2: one button's line through the v2 API of libgpiod 2.x (Debian
 * trixie, bookworm-backports): a gpiod_line_request for one input line with
 * edge detection on both edges, its events read through an edge event
 * buffer with the kernel's nanosecond timestamps.
 */
#include "gpio_int.h"

#ifdef BANGTIN_GPIOD_V2

#include <errno.h>
#include <gpiod.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GPIO_V2_BUFFER 16

struct gpio_line {
	struct gpiod_line_request *req;
	struct gpiod_edge_event_buffer *buf;
	char chip[GPIO_NAME_MAX];
	unsigned int offset;
};

/* Opens path and, when label is not NULL, keeps it only if its label is
 * that; fills name and num_lines. */
static struct gpiod_chip *gpio_v2_open_chip(const char *path, const char *label, char *name,
					    size_t size, size_t *num_lines)
{
	struct gpiod_chip *chip = gpiod_chip_open(path);
	struct gpiod_chip_info *info;

	if (!chip)
		return NULL;
	info = gpiod_chip_get_info(chip);
	if (!info || (label && strcmp(gpiod_chip_info_get_label(info), label) != 0)) {
		int e = info ? ENOENT : errno;
		gpiod_chip_info_free(info);
		gpiod_chip_close(chip);
		errno = e;
		return NULL;
	}
	snprintf(name, size, "%s", gpiod_chip_info_get_name(info));
	*num_lines = gpiod_chip_info_get_num_lines(info);
	gpiod_chip_info_free(info);
	return chip;
}

/* Opens the chip spec names; NULL with err (and errno) when it cannot. */
static struct gpiod_chip *gpio_v2_chip(const char *spec, char *name, size_t size,
				       size_t *num_lines, char *err, size_t errsize)
{
	char path[GPIO_PATH_MAX], list[GPIO_CHIPS_MAX][GPIO_PATH_MAX];
	struct gpiod_chip *chip;
	size_t n;
	int denied = 0;

	if (gpio_chip_classify(spec, path, sizeof path) == GPIO_CHIP_PATH) {
		chip = gpio_v2_open_chip(path, NULL, name, size, num_lines);
		if (!chip)
			gpio_fail_chip(err, errsize, spec, path, errno);
		return chip;
	}
	n = gpio_chip_list(list, GPIO_CHIPS_MAX);
	for (size_t i = 0; i < n; i++) {
		chip = gpio_v2_open_chip(list[i], spec, name, size, num_lines);
		if (chip)
			return chip;
		if (errno == EACCES || errno == EPERM)
			denied = errno;
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

/* Finds spec's line offset on chip; -1 with err. */
static int gpio_v2_find(struct gpio_line *l, struct gpiod_chip *chip, size_t num_lines,
			const struct gpio_line_spec *spec, char *err, size_t errsize)
{
	if (gpio_line_offset(spec->line, &l->offset)) {
		if (l->offset >= num_lines) {
			errno = ENOENT;
			return gpio_fail(err, errsize, "%s line %u: no such line (the chip has %zu)",
					 l->chip, l->offset, num_lines);
		}
		return 0;
	}
	int off = gpiod_chip_get_line_offset_from_name(chip, spec->line);
	if (off < 0) {
		if (errno == ENOENT)
			return gpio_fail(err, errsize, "%s: no line named '%s'", l->chip, spec->line);
		return gpio_fail(err, errsize, "%s line %s: %s", l->chip, spec->line,
				 strerror(errno));
	}
	l->offset = (unsigned int)off;
	return 0;
}

static enum gpiod_line_bias gpio_v2_bias(enum gpio_bias bias)
{
	switch (bias) {
	case GPIO_BIAS_PULL_UP:
		return GPIOD_LINE_BIAS_PULL_UP;
	case GPIO_BIAS_PULL_DOWN:
		return GPIOD_LINE_BIAS_PULL_DOWN;
	case GPIO_BIAS_AS_IS:
		break;
	}
	return GPIOD_LINE_BIAS_AS_IS;
}

/* Requests l->offset on chip for both edges; NULL with errno. */
static struct gpiod_line_request *gpio_v2_request(struct gpiod_chip *chip, unsigned int offset,
						  const struct gpio_line_spec *spec)
{
	struct gpiod_line_settings *ls = gpiod_line_settings_new();
	struct gpiod_line_config *lc = gpiod_line_config_new();
	struct gpiod_request_config *rc = gpiod_request_config_new();
	struct gpiod_line_request *req = NULL;
	int e;

	if (!ls || !lc || !rc)
		goto out;
	if (gpiod_line_settings_set_direction(ls, GPIOD_LINE_DIRECTION_INPUT) ||
	    gpiod_line_settings_set_edge_detection(ls, GPIOD_LINE_EDGE_BOTH) ||
	    gpiod_line_settings_set_bias(ls, gpio_v2_bias(spec->bias)))
		goto out;
	gpiod_line_settings_set_active_low(ls, spec->active_low);
	if (gpiod_line_config_add_line_settings(lc, &offset, 1, ls))
		goto out;
	gpiod_request_config_set_consumer(rc, GPIO_CONSUMER);
	req = gpiod_chip_request_lines(chip, rc, lc);
out:
	e = errno;
	gpiod_request_config_free(rc);
	gpiod_line_config_free(lc);
	gpiod_line_settings_free(ls);
	errno = e;
	return req;
}

/* The consumer of a busy line, into who. */
static void gpio_v2_consumer(struct gpiod_chip *chip, unsigned int offset, char *who, size_t size)
{
	struct gpiod_line_info *info = gpiod_chip_get_line_info(chip, offset);
	const char *c = info ? gpiod_line_info_get_consumer(info) : NULL;

	snprintf(who, size, "%s", c ? c : "?");
	gpiod_line_info_free(info);
}

struct gpio_line *gpio_line_open(const struct gpio_line_spec *spec, enum gpio_reason *why,
				 char *err, size_t errsize)
{
	struct gpio_line *l = calloc(1, sizeof *l);
	struct gpiod_chip *chip;
	size_t num_lines = 0;
	char who[GPIO_NAME_MAX];
	int e;

	*why = GPIO_REASON_OTHER;
	if (!l) {
		gpio_fail(err, errsize, "out of memory");
		return NULL;
	}
	chip = gpio_v2_chip(spec->chip, l->chip, sizeof l->chip, &num_lines, err, errsize);
	if (!chip) {
		*why = gpio_chip_reason(errno);
		goto err_free;
	}
	if (gpio_v2_find(l, chip, num_lines, spec, err, errsize) != 0)
	{
		*why = GPIO_REASON_NO_LINE;
		goto err_chip;
	}
	l->req = gpio_v2_request(chip, l->offset, spec);
	if (!l->req) {
		e = errno;
		*why = e == EBUSY ? GPIO_REASON_BUSY : GPIO_REASON_OTHER;
		if (e == EBUSY) {
			gpio_v2_consumer(chip, l->offset, who, sizeof who);
			gpio_fail(err, errsize, "%s line %u: busy (used by '%s')", l->chip,
				  l->offset, who);
		} else {
			gpio_fail(err, errsize, "%s line %u: cannot request edge events: %s",
				  l->chip, l->offset, strerror(e));
		}
		errno = e;
		goto err_chip;
	}
	/* The request lives on its own: the chip is not needed any more. */
	gpiod_chip_close(chip);
	l->buf = gpiod_edge_event_buffer_new(GPIO_V2_BUFFER);
	if (!l->buf) {
		gpio_fail(err, errsize, "out of memory");
		gpio_line_close(l);
		errno = ENOMEM;
		return NULL;
	}
	return l;

err_chip:
	e = errno;
	gpiod_chip_close(chip);
	errno = e;
err_free:
	e = errno;
	free(l);
	errno = e;
	return NULL;
}

void gpio_line_where(const struct gpio_line *l, char *chip, size_t size, unsigned int *offset)
{
	snprintf(chip, size, "%s", l->chip);
	*offset = l->offset;
}

int gpio_line_fd(const struct gpio_line *l)
{
	return gpiod_line_request_get_fd(l->req);
}

int gpio_line_read(struct gpio_line *l, struct gpio_raw *out, size_t max)
{
	size_t want = max < GPIO_V2_BUFFER ? max : GPIO_V2_BUFFER;
	int n = gpiod_line_request_read_edge_events(l->req, l->buf, want);

	for (int i = 0; i < n; i++) {
		struct gpiod_edge_event *ev = gpiod_edge_event_buffer_get_event(l->buf,
										 (unsigned long)i);
		out[i] = (struct gpio_raw){
			.active = gpiod_edge_event_get_event_type(ev) == GPIOD_EDGE_EVENT_RISING_EDGE,
			.t_ns = (int64_t)gpiod_edge_event_get_timestamp_ns(ev),
		};
	}
	return n;
}

void gpio_line_close(struct gpio_line *l)
{
	if (!l)
		return;
	if (l->req)
		gpiod_line_request_release(l->req);
	gpiod_edge_event_buffer_free(l->buf);
	free(l);
}

const char *gpio_line_backend(void)
{
	static char version[64];

	snprintf(version, sizeof version, "libgpiod %s (v2 API)", gpiod_api_version());
	return version;
}

#endif
