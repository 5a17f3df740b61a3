/* SPDX-License-Identifier: MIT */
/*
 * gpio_set: the four buttons as one set (see gpio.h): opens what it can,
 * keeps what is open across retries, reads every readable line without
 * blocking and hands the edges over in time order.
 */
#include "gpio_int.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct gpio {
	struct gpio_config cfg;
	struct gpio_line *line[BUTTONS_COUNT]; /* NULL: not open */
	enum gpio_reason why[BUTTONS_COUNT];   /* why not open */
};

const char *gpio_backend(void)
{
	return gpio_line_backend();
}

struct gpio *gpio_new(const struct gpio_config *cfg)
{
	struct gpio *g = calloc(1, sizeof *g);

	if (!g)
		return NULL;
	g->cfg = *cfg;
	for (int i = 0; i < BUTTONS_COUNT; i++)
		g->why[i] = GPIO_REASON_NO_CHIP; /* nothing tried yet */
	return g;
}

void gpio_free(struct gpio *g)
{
	if (!g)
		return;
	for (int i = 0; i < BUTTONS_COUNT; i++)
		gpio_line_close(g->line[i]);
	free(g);
}

/* Appends "; " and msg to err. */
static void gpio_err_append(char *err, size_t errsize, const char *msg)
{
	size_t len;

	if (!err || !errsize)
		return;
	len = strlen(err);
	snprintf(err + len, errsize - len, "%s%s", len ? "; " : "", msg);
}

/* Says which of our own buttons holds the line, if one does: the spec
 * names the same line twice. Otherwise keeps the backend's message. */
static void gpio_explain_busy(struct gpio *g, int self, char *msg, size_t size)
{
	const struct gpio_line_spec *s = &g->cfg.button[self];

	for (int i = 0; i < BUTTONS_COUNT; i++) {
		const struct gpio_line_spec *o = &g->cfg.button[i];
		if (i == self || !g->line[i])
			continue;
		if (strcmp(o->chip, s->chip) == 0 && strcmp(o->line, s->line) == 0) {
			snprintf(msg, size, "%s:%s is %s's line already", s->chip, s->line,
				 gpio_button_name((enum buttons_id)i));
			g->why[self] = GPIO_REASON_SAME_LINE;
			return;
		}
	}
}

int gpio_open(struct gpio *g, char *err, size_t errsize)
{
	char msg[GPIO_ERR_MAX], one[GPIO_ERR_MAX / 2];
	int missing = 0;

	if (err && errsize)
		err[0] = '\0';
	for (int i = 0; i < BUTTONS_COUNT; i++) {
		if (g->line[i])
			continue;
		g->line[i] = gpio_line_open(&g->cfg.button[i], &g->why[i], one, sizeof one);
		if (g->line[i])
			g->why[i] = GPIO_REASON_OPEN;
		if (!g->line[i]) {
			if (errno == EBUSY)
				gpio_explain_busy(g, i, one, sizeof one);
			snprintf(msg, sizeof msg, "%s: %s", gpio_button_name((enum buttons_id)i), one);
			gpio_err_append(err, errsize, msg);
			missing++;
		}
	}
	return missing;
}

bool gpio_is_open(const struct gpio *g, enum buttons_id id)
{
	return (unsigned)id < BUTTONS_COUNT && g->line[id];
}

enum gpio_reason gpio_reason(const struct gpio *g, enum buttons_id id)
{
	return (unsigned)id < BUTTONS_COUNT ? g->why[id] : GPIO_REASON_OTHER;
}

const char *gpio_chip_spec(const struct gpio *g, enum buttons_id id)
{
	return (unsigned)id < BUTTONS_COUNT ? g->cfg.button[id].chip : "?";
}

size_t gpio_fds(const struct gpio *g, int *fds, size_t max)
{
	size_t n = 0;

	for (int i = 0; i < BUTTONS_COUNT && n < max; i++)
		if (g->line[i])
			fds[n++] = gpio_line_fd(g->line[i]);
	return n;
}

/* Whether line l has an edge pending (or failed: the read will say). */
static bool gpio_pending(const struct gpio_line *l)
{
	struct pollfd p = { .fd = gpio_line_fd(l), .events = POLLIN };

	return poll(&p, 1, 0) > 0;
}

int gpio_read(struct gpio *g, struct gpio_edge *out, size_t max, size_t *n, char *err,
	      size_t errsize)
{
	struct gpio_raw raw[GPIO_EDGES_MAX];
	char chip[GPIO_NAME_MAX];
	unsigned int off;
	int rc = 0;

	*n = 0;
	if (err && errsize)
		err[0] = '\0';
	for (int i = 0; i < BUTTONS_COUNT && *n < max; i++) {
		if (!g->line[i] || !gpio_pending(g->line[i]))
			continue;
		size_t room = max - *n < GPIO_EDGES_MAX ? max - *n : GPIO_EDGES_MAX;
		int got = gpio_line_read(g->line[i], raw, room);
		if (got < 0) {
			char msg[GPIO_ERR_MAX];
			int e = errno;
			gpio_line_where(g->line[i], chip, sizeof chip, &off);
			snprintf(msg, sizeof msg, "%s: %s line %u: %s; closed, will retry",
				 gpio_button_name((enum buttons_id)i), chip, off, strerror(e));
			gpio_err_append(err, errsize, msg);
			gpio_line_close(g->line[i]);
			g->line[i] = NULL;
			g->why[i] = GPIO_REASON_LOST;
			rc = -1;
			continue;
		}
		for (int k = 0; k < got; k++)
			out[(*n)++] = (struct gpio_edge){
				.button = (enum buttons_id)i,
				.pressed = raw[k].active,
				.t_ns = raw[k].t_ns,
			};
	}
	gpio_edges_sort(out, *n);
	return rc;
}
