/* SPDX-License-Identifier: MIT */
/*
 * gpio_int: what the gpio module's files share. gpio.c holds the pure parts
 * (specs, names, how a chip is named, sorting edges), gpio_set.c the set of
 * four buttons, and one libgpiod backend (gpio_v1.c or gpio_v2.c, chosen by
 * BANGTIN_GPIOD_V2) opens one line and reads its events.
 */
#ifndef BANGTIN_GPIO_INT_H
#define BANGTIN_GPIO_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "errmsg.h"
#include "gpio.h"

#define GPIO_PATH_MAX 64
#define GPIO_CHIPS_MAX 32

/* How a chip spec names its chip: a device path, or a label to look up. */
enum gpio_chip_kind {
	GPIO_CHIP_PATH,  /* path holds the device path */
	GPIO_CHIP_LABEL, /* scan the gpiochips and compare labels */
};

/* "/dev/x" -> that path; "gpiochipN" -> /dev/gpiochipN; "N" -> /dev/gpiochipN;
 * anything else is a label. */
enum gpio_chip_kind gpio_chip_classify(const char *chip, char *path, size_t size);

/* The /dev/gpiochip* devices, sorted by number, into paths; returns how
 * many (at most max). */
size_t gpio_chip_list(char paths[][GPIO_PATH_MAX], size_t max);

/* A line spec of digits only is an offset: returns true and sets *offset. */
bool gpio_line_offset(const char *line, unsigned int *offset);

/* Sorts edges by time, keeping the order of equal times. */
void gpio_edges_sort(struct gpio_edge *e, size_t n);

/* snprintf into err when err is not NULL; returns -1 (errmsg_set()). */
#define gpio_fail errmsg_set

/* Describes errno of a failed chip open of path (ENOENT: "no chip '%s'"
 * naming the spec; EACCES: permission denied with a hint), and leaves
 * errno as gpio_chip_reason() reads it (ENOENT, EACCES, ENOTTY, ...). */
int gpio_fail_chip(char *err, size_t errsize, const char *spec, const char *path, int e);

/* The reason of a failed chip open from the errno it left. */
enum gpio_reason gpio_chip_reason(int e);

/* One requested line of a backend. */
struct gpio_line;

/* One edge as the kernel stamped it (active is after active-low). */
struct gpio_raw {
	bool active;
	int64_t t_ns;
};

/*
 * Backend: opens spec's chip (by path or label), finds its line, requests
 * both edges with spec's bias and active-low under GPIO_CONSUMER. Returns
 * the line or NULL with *why set and err: "gpiochip0 line 17: busy (used
 * by 'other')", "no chip 'gpiochip9'", "gpiochip0: no line named
 * 'GPIO99'". errno is kept as the failing call left it.
 */
struct gpio_line *gpio_line_open(const struct gpio_line_spec *spec, enum gpio_reason *why,
				 char *err, size_t errsize);

/* The chip's name and the line's offset once open: "gpiochip0", 17. */
void gpio_line_where(const struct gpio_line *l, char *chip, size_t size, unsigned int *offset);

/* The file descriptor that turns readable when an edge is pending. */
int gpio_line_fd(const struct gpio_line *l);

/* Reads up to max pending edges, blocking when there is none (call it only
 * when the fd polled readable). Returns how many, or -1 with errno. */
int gpio_line_read(struct gpio_line *l, struct gpio_raw *out, size_t max);

/* Releases the line and its chip. Takes NULL. */
void gpio_line_close(struct gpio_line *l);

/* "libgpiod 1.6.3 (v1 API)". */
const char *gpio_line_backend(void);

#endif
