/* SPDX-License-Identifier: MIT */
/*
 * probe: the kiosk's button path without the kiosk, for the gpio-sim test
 * under qemu (tests/gpiosim/run.sh). It opens the four buttons through
 * firmware/gpio*.c exactly as the kiosk does (bias, active-low, consumer
 * "bangtin"), sleeps in poll() on their descriptors until an edge or the
 * debouncer's next deadline, feeds the edges to buttons.c and prints every
 * app input with its kernel time. The host script compares those lines.
 *
 * Usage: probe [-t TAG] [-r READY_FILE] [-o] [-l] [-b BIAS] [-u UID] [-w] PREV NEXT SELECT BACK
 *   each button is CHIP:LINE; -l: active-high (default active-low);
 *   -u: become user and group UID first (the permission check);
 *   -w: while some line cannot be opened, say why once and retry every
 *   100 ms, as the kiosk does (the chip appears later);
 *   -o: open, print the result, exit (0 opened, 1 not); -r: create
 *   READY_FILE once every line is requested.
 * Output lines (the tag says which build, "v1" or "v2"):
 *   TAG ready BACKEND | TAG open-error MESSAGE | TAG edge BUTTON 1|0 T
 *   TAG input NAME T   (T: ms since ready, kernel clock)
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buttons.h"
#include "gpio.h"

static const char *const probe_inputs[] = {
	[APP_IN_PREV] = "PREV",
	[APP_IN_NEXT] = "NEXT",
	[APP_IN_SELECT] = "SELECT",
	[APP_IN_BACK] = "BACK",
	[APP_IN_BACK_LONG] = "BACK_LONG",
	[APP_IN_PREV_REPEAT] = "PREV_REPEAT",
	[APP_IN_NEXT_REPEAT] = "NEXT_REPEAT",
};

struct probe {
	const char *tag;
	int64_t t0;
	struct buttons bt;
	struct gpio *gpio;
};

static double probe_ms(const struct probe *p, int64_t t)
{
	return (double)(t - p->t0) / 1e6;
}

static void probe_print(const struct probe *p, const struct buttons_event *ev, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned in = (unsigned)ev[i].input;
		printf("%s input %s %.1f\n", p->tag,
		       in < sizeof probe_inputs / sizeof probe_inputs[0] && probe_inputs[in] ?
		       probe_inputs[in] : "?", probe_ms(p, ev[i].t_ns));
	}
}

/* poll()'s timeout until the debouncer's next deadline (-1: none). */
static int probe_timeout(const struct probe *p)
{
	int64_t d = buttons_next_deadline(&p->bt), now = gpio_clock_ns();

	if (d == INT64_MAX)
		return -1;
	if (d <= now)
		return 0;
	return (int)((d - now) / 1000000 + 1);
}

static int probe_loop(struct probe *p)
{
	struct buttons_event ev[BUTTONS_EVENTS_MAX];
	struct gpio_edge edges[GPIO_EDGES_MAX];
	struct pollfd pfd[BUTTONS_COUNT];
	int fds[BUTTONS_COUNT];
	char err[GPIO_ERR_MAX];
	size_t nfd = gpio_fds(p->gpio, fds, BUTTONS_COUNT), n;

	for (size_t i = 0; i < nfd; i++)
		pfd[i] = (struct pollfd){ .fd = fds[i], .events = POLLIN };
	for (;;) {
		int r = poll(pfd, nfd, probe_timeout(p));
		if (r < 0 && errno != EINTR) {
			printf("%s poll-error %s\n", p->tag, strerror(errno));
			return 1;
		}
		if (gpio_read(p->gpio, edges, GPIO_EDGES_MAX, &n, err, sizeof err) != 0) {
			printf("%s read-error %s\n", p->tag, err);
			return 1;
		}
		for (size_t i = 0; i < n; i++) {
			printf("%s edge %s %d %.3f\n", p->tag, gpio_button_name(edges[i].button),
			       edges[i].pressed, probe_ms(p, edges[i].t_ns));
			probe_print(p, ev, buttons_edge(&p->bt, edges[i].button, edges[i].pressed,
							edges[i].t_ns, ev, BUTTONS_EVENTS_MAX));
		}
		probe_print(p, ev, buttons_tick(&p->bt, gpio_clock_ns(), ev, BUTTONS_EVENTS_MAX));
	}
}

static int probe_usage(void)
{
	fprintf(stderr, "usage: probe [-t TAG] [-r READY_FILE] [-o] [-l] [-b BIAS] [-u UID] [-w] "
		"PREV NEXT SELECT BACK (each CHIP:LINE)\n");
	return 2;
}

int main(int argc, char **argv)
{
	struct buttons_settings set = buttons_settings_default();
	struct probe p = { .tag = "probe" };
	struct gpio_config cfg;
	enum gpio_bias bias = GPIO_BIAS_PULL_UP;
	const char *ready = NULL;
	char err[GPIO_ERR_MAX];
	int c, open_only = 0, active_low = 1, retry = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	while ((c = getopt(argc, argv, "t:r:olb:u:w")) != -1) {
		switch (c) {
		case 't': p.tag = optarg; break;
		case 'r': ready = optarg; break;
		case 'o': open_only = 1; break;
		case 'w': retry = 1; break;
		case 'l': active_low = 0; break;
		case 'b':
			if (gpio_bias_parse(optarg, &bias) != 0)
				return probe_usage();
			break;
		case 'u': {
			uid_t uid = (uid_t)atoi(optarg);
			if (setgroups(0, NULL) != 0 || setgid((gid_t)uid) != 0 || setuid(uid) != 0) {
				printf("%s setuid-error %s\n", p.tag, strerror(errno));
				return 1;
			}
			break;
		}
		default: return probe_usage();
		}
	}
	if (argc - optind != BUTTONS_COUNT)
		return probe_usage();
	gpio_config_default(&cfg);
	for (int i = 0; i < BUTTONS_COUNT; i++) {
		if (gpio_spec_parse(argv[optind + i], &cfg.button[i], err, sizeof err) != 0) {
			printf("%s spec-error %s: %s\n", p.tag,
			       gpio_button_name((enum buttons_id)i), err);
			return 2;
		}
		cfg.button[i].active_low = active_low;
		cfg.button[i].bias = bias;
	}
	buttons_init(&p.bt, &set);
	p.gpio = gpio_new(&cfg);
	if (!p.gpio)
		return 1;
	if (retry && gpio_open(p.gpio, err, sizeof err) != 0) {
		printf("%s waiting %s\n", p.tag, err);
		while (gpio_open(p.gpio, err, sizeof err) != 0)
			poll(NULL, 0, 100);
	}
	if (gpio_open(p.gpio, err, sizeof err) != 0) {
		printf("%s open-error %s\n", p.tag, err);
		gpio_free(p.gpio);
		return 1;
	}
	p.t0 = gpio_clock_ns();
	printf("%s ready %s\n", p.tag, gpio_backend());
	if (open_only) {
		gpio_free(p.gpio);
		return 0;
	}
	if (ready)
		close(open(ready, O_WRONLY | O_CREAT, 0644));
	c = probe_loop(&p);
	gpio_free(p.gpio);
	return c;
}
