/* SPDX-License-Identifier: MIT */
/* main_gpio.c: the GPIO buttons' thread. It owns the edge source, sleeps in
 * poll() on the lines and a wake pipe, and pushes every edge to the main
 * loop as an SDL user event (SDL_PushEvent is thread-safe), so the loop
 * still sleeps in SDL_WaitEventTimeout and nothing polls the lines. While
 * a button is missing, poll's timeout is the retry timer. */
#define LOG_TAG "buttons"
#include <SDL.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "main_gpio.h"

/* user.code of a status change; an edge's is button * 2 + pressed. */
#define MAIN_GPIO_CODE_STATUS (-1)
#define MAIN_GPIO_KEYBOARD " — bàn phím vẫn dùng được"

struct main_gpio {
	struct main_gpio_source src;
	uint32_t type;
	int retry_ms;
	int wake[2];              /* the loop writes, the thread reads */
	pthread_t thread;
	pthread_mutex_t lock;     /* guards stop and st */
	bool stop;
	struct main_gpio_status st;
	char logged[GPIO_ERR_MAX];/* the thread's last failure logged */
};

static int main_gpio_src_open(void *ctx, char *err, size_t errsize)
{
	return gpio_open(ctx, err, errsize);
}

static size_t main_gpio_src_fds(void *ctx, int *fds, size_t max)
{
	return gpio_fds(ctx, fds, max);
}

static int main_gpio_src_read(void *ctx, struct gpio_edge *out, size_t max, size_t *n,
			      char *err, size_t errsize)
{
	return gpio_read(ctx, out, max, n, err, errsize);
}

static bool main_gpio_src_is_open(void *ctx, enum buttons_id id)
{
	return gpio_is_open(ctx, id);
}

static enum gpio_reason main_gpio_src_why(void *ctx, enum buttons_id id)
{
	return gpio_reason(ctx, id);
}

static const char *main_gpio_src_chip(void *ctx, enum buttons_id id)
{
	return gpio_chip_spec(ctx, id);
}

static void main_gpio_src_free(void *ctx)
{
	gpio_free(ctx);
}

struct main_gpio_source main_gpio_source_gpio(struct gpio *g)
{
	return (struct main_gpio_source){ g, main_gpio_src_open, main_gpio_src_fds,
					  main_gpio_src_read, main_gpio_src_is_open,
					  main_gpio_src_why, main_gpio_src_chip, main_gpio_src_free };
}

void main_gpio_encode(SDL_Event *ev, uint32_t type, const struct gpio_edge *e)
{
	uint64_t t = (uint64_t)e->t_ns;

	memset(ev, 0, sizeof *ev);
	ev->user.type = type;
	ev->user.code = (Sint32)e->button * 2 + (e->pressed ? 1 : 0);
	/* 64 bits in two pointers that may hold only 32 (armhf). */
	ev->user.data1 = (void *)(uintptr_t)(uint32_t)t;
	ev->user.data2 = (void *)(uintptr_t)(uint32_t)(t >> 32);
}

int main_gpio_decode(const SDL_Event *ev, uint32_t type, struct gpio_edge *e)
{
	if (type == 0 || ev->type != type)
		return -1;
	if (ev->user.code < 0 || ev->user.code >= 2 * BUTTONS_COUNT)
		return 0;
	e->button = (enum buttons_id)(ev->user.code / 2);
	e->pressed = ev->user.code % 2;
	e->t_ns = (int64_t)(((uint64_t)(uint32_t)(uintptr_t)ev->user.data2 << 32) |
			    (uint32_t)(uintptr_t)ev->user.data1);
	return 1;
}

/* The reasons in the order the notice names them: the one a technician
 * fixes first. */
static const enum gpio_reason main_gpio_order[] = {
	GPIO_REASON_NO_CHIP, GPIO_REASON_PERMISSION, GPIO_REASON_SAME_LINE, GPIO_REASON_BUSY,
	GPIO_REASON_NO_LINE, GPIO_REASON_NOT_CHIP, GPIO_REASON_LOST, GPIO_REASON_OTHER,
};

/* A reason in Vietnamese, naming chip where it helps. */
static void main_gpio_why(enum gpio_reason r, const char *chip, char *buf, size_t size)
{
	switch (r) {
	case GPIO_REASON_NO_CHIP:
		snprintf(buf, size, "không tìm thấy %s", chip);
		break;
	case GPIO_REASON_PERMISSION:
		snprintf(buf, size, "không có quyền mở chip GPIO");
		break;
	case GPIO_REASON_SAME_LINE:
		snprintf(buf, size, "hai nút trùng một chân GPIO");
		break;
	case GPIO_REASON_BUSY:
		snprintf(buf, size, "chân GPIO đang bị chương trình khác dùng");
		break;
	case GPIO_REASON_NO_LINE:
		snprintf(buf, size, "không có chân GPIO đã cấu hình");
		break;
	case GPIO_REASON_NOT_CHIP:
		snprintf(buf, size, "thiết bị không phải chip GPIO");
		break;
	default:
		snprintf(buf, size, "mất kết nối");
		break;
	}
}

void main_gpio_notice(const enum gpio_reason why[BUTTONS_COUNT],
		      const char *const chip[BUTTONS_COUNT], char *buf, size_t size)
{
	char text[MAIN_GPIO_NOTICE_MAX / 2] = "";
	int missing = 0;

	for (int i = 0; i < BUTTONS_COUNT; i++)
		missing += why[i] != GPIO_REASON_OPEN;
	if (missing == 0) {
		snprintf(buf, size, "%d nút sẵn sàng", BUTTONS_COUNT);
		return;
	}
	for (size_t o = 0; !*text && o < sizeof main_gpio_order / sizeof *main_gpio_order; o++)
		for (int i = 0; !*text && i < BUTTONS_COUNT; i++)
			if (why[i] == main_gpio_order[o])
				main_gpio_why(why[i], chip[i] ? chip[i] : "chip GPIO", text,
					      sizeof text);
	if (!*text) /* a reason out of the enum's range */
		main_gpio_why(GPIO_REASON_OTHER, "", text, sizeof text);
	if (missing < BUTTONS_COUNT)
		snprintf(buf, size, "%d/%d nút sẵn sàng, %s%s", BUTTONS_COUNT - missing,
			 BUTTONS_COUNT, text, MAIN_GPIO_KEYBOARD);
	else
		snprintf(buf, size, "%s%s", text, MAIN_GPIO_KEYBOARD);
}

/* gpio_open()'s "prev: why; next: why; ..." with the buttons of one same
 * reason named together: "prev, next, select, back: no chip 'gpiochip0'".
 * A message of another form is copied as it is. */
static void main_gpio_condense(const char *err, char *out, size_t size)
{
	char why[BUTTONS_COUNT][GPIO_ERR_MAX / 2], names[BUTTONS_COUNT][GPIO_ERR_MAX / 2];
	size_t n = 0, len = 0;
	const char *p = err;

	while (*p && n < BUTTONS_COUNT) {
		size_t name = strcspn(p, ":;"), seg = strcspn(p, ";");
		int i = 0;
		while (i < BUTTONS_COUNT && !(strlen(gpio_button_name((enum buttons_id)i)) == name &&
					      strncmp(p, gpio_button_name((enum buttons_id)i), name) == 0))
			i++;
		if (i == BUTTONS_COUNT || p[name] != ':' || seg <= name + 2)
			break;
		snprintf(why[n], sizeof why[n], "%.*s", (int)(seg - name - 2), p + name + 2);
		snprintf(names[n], sizeof names[n], "%.*s", (int)name, p);
		for (size_t j = 0; j < n; j++) {
			if (*names[j] && strcmp(why[j], why[n]) == 0) {
				size_t l = strlen(names[j]);
				snprintf(names[j] + l, sizeof names[j] - l, ", %s", names[n]);
				names[n][0] = '\0';
				break;
			}
		}
		n++;
		p += seg;
		if (*p == ';')
			p += strspn(p, "; ");
	}
	if (*p || n == 0) {
		snprintf(out, size, "%s", err);
		return;
	}
	out[0] = '\0';
	for (size_t j = 0; j < n && len < size; j++) {
		if (*names[j])
			len += (size_t)snprintf(out + len, size - len, "%s%s: %s", len ? "; " : "",
						names[j], why[j]);
	}
}

static void main_gpio_push(SDL_Event *ev)
{
	if (SDL_PushEvent(ev) < 0)
		log_warning("cannot hand an event to the loop: %s", SDL_GetError());
}

/* Records the state after an open or a failed read, tells the loop, and
 * logs a failure once (not every retry). */
static void main_gpio_report(struct main_gpio *mg, const char *err)
{
	struct main_gpio_status st = { .tried = true };
	enum gpio_reason why[BUTTONS_COUNT];
	const char *chip[BUTTONS_COUNT];
	SDL_Event ev;

	for (int i = 0; i < BUTTONS_COUNT; i++) {
		why[i] = GPIO_REASON_OPEN;
		chip[i] = mg->src.chip(mg->src.ctx, (enum buttons_id)i);
		if (mg->src.is_open(mg->src.ctx, (enum buttons_id)i)) {
			st.open_mask |= 1u << i;
			continue;
		}
		st.missing++;
		why[i] = mg->src.why(mg->src.ctx, (enum buttons_id)i);
		if (why[i] == GPIO_REASON_OPEN) /* a source that contradicts itself */
			why[i] = GPIO_REASON_OTHER;
	}
	main_gpio_notice(why, chip, st.notice, sizeof st.notice);
	if (st.missing && strcmp(err, mg->logged) != 0) {
		char text[GPIO_ERR_MAX];
		main_gpio_condense(err, text, sizeof text);
		log_warning("%d of %d GPIO buttons not open: %s; the keyboard still works; "
			    "retrying every %d ms", st.missing, BUTTONS_COUNT, text, mg->retry_ms);
		snprintf(mg->logged, sizeof mg->logged, "%s", err);
	} else if (!st.missing) {
		log_info("all %d GPIO buttons open%s (%s)", BUTTONS_COUNT,
			 *mg->logged ? " after retrying" : "", gpio_backend());
		mg->logged[0] = '\0';
	}
	pthread_mutex_lock(&mg->lock);
	bool same = mg->st.tried && mg->st.open_mask == st.open_mask &&
		    strcmp(mg->st.notice, st.notice) == 0;
	mg->st = st;
	pthread_mutex_unlock(&mg->lock);
	if (same)
		return;
	memset(&ev, 0, sizeof ev);
	ev.user.type = mg->type;
	ev.user.code = MAIN_GPIO_CODE_STATUS;
	main_gpio_push(&ev);
}

static void main_gpio_open(struct main_gpio *mg)
{
	char err[GPIO_ERR_MAX] = "";

	mg->src.open(mg->src.ctx, err, sizeof err);
	main_gpio_report(mg, err);
}

static void main_gpio_read(struct main_gpio *mg)
{
	struct gpio_edge e[GPIO_EDGES_MAX];
	char err[GPIO_ERR_MAX] = "";
	size_t n = 0;
	SDL_Event ev;
	int rc = mg->src.read(mg->src.ctx, e, GPIO_EDGES_MAX, &n, err, sizeof err);

	for (size_t i = 0; i < n; i++) {
		main_gpio_encode(&ev, mg->type, &e[i]);
		main_gpio_push(&ev);
	}
	if (rc != 0)
		main_gpio_report(mg, err); /* logs it: err names the button */
}

/* Drains the wake pipe; returns true when asked to stop. */
static bool main_gpio_woken(struct main_gpio *mg)
{
	char buf[32];
	bool stop;

	while (read(mg->wake[0], buf, sizeof buf) > 0)
		continue;
	pthread_mutex_lock(&mg->lock);
	stop = mg->stop;
	pthread_mutex_unlock(&mg->lock);
	return stop;
}

static void *main_gpio_run(void *arg)
{
	struct main_gpio *mg = arg;
	struct pollfd pfd[1 + BUTTONS_COUNT];
	int fds[BUTTONS_COUNT];
	bool retry = true, missing = true;

	for (;;) {
		if (retry) {
			main_gpio_open(mg);
			pthread_mutex_lock(&mg->lock);
			missing = mg->st.missing > 0;
			pthread_mutex_unlock(&mg->lock);
			retry = false;
		}
		size_t n = mg->src.fds(mg->src.ctx, fds, BUTTONS_COUNT);
		pfd[0] = (struct pollfd){ .fd = mg->wake[0], .events = POLLIN };
		for (size_t i = 0; i < n; i++)
			pfd[1 + i] = (struct pollfd){ .fd = fds[i], .events = POLLIN };
		int r = poll(pfd, 1 + n, missing ? mg->retry_ms : -1);
		if (r < 0 && errno != EINTR) {
			log_error("poll: %s", strerror(errno));
			poll(NULL, 0, mg->retry_ms); /* do not spin on a persistent error */
		}
		if (r == 0)
			retry = true;
		if (r <= 0)
			continue;
		if (pfd[0].revents) {
			if (main_gpio_woken(mg))
				break;
			retry = missing;
		}
		for (size_t i = 0; i < n; i++) {
			if (pfd[1 + i].revents) {
				main_gpio_read(mg);
				break; /* one read takes every line's pending edges */
			}
		}
		pthread_mutex_lock(&mg->lock);
		missing = mg->st.missing > 0;
		pthread_mutex_unlock(&mg->lock);
	}
	return NULL;
}

static void main_gpio_free(struct main_gpio *mg)
{
	if (mg->src.free)
		mg->src.free(mg->src.ctx);
	if (mg->wake[0] >= 0)
		close(mg->wake[0]);
	if (mg->wake[1] >= 0)
		close(mg->wake[1]);
	pthread_mutex_destroy(&mg->lock);
	free(mg);
}

struct main_gpio *main_gpio_start(const struct main_gpio_source *src, int retry_ms, char *err,
				  size_t errsize)
{
	struct main_gpio *mg = calloc(1, sizeof *mg);
	sigset_t all, old;
	int rc;

	if (!mg) {
		if (src->free)
			src->free(src->ctx);
		snprintf(err, errsize, "out of memory");
		return NULL;
	}
	mg->src = *src;
	mg->retry_ms = retry_ms > 0 ? retry_ms : MAIN_GPIO_RETRY_MS;
	mg->wake[0] = mg->wake[1] = -1;
	pthread_mutex_init(&mg->lock, NULL);
	snprintf(mg->st.notice, sizeof mg->st.notice, "đang mở");
	mg->type = SDL_RegisterEvents(1);
	if (mg->type == (uint32_t)-1) {
		snprintf(err, errsize, "no SDL event type left: %s", SDL_GetError());
		goto err_free;
	}
	if (pipe(mg->wake) != 0 || fcntl(mg->wake[0], F_SETFL, O_NONBLOCK) != 0 ||
	    fcntl(mg->wake[1], F_SETFL, O_NONBLOCK) != 0 ||
	    fcntl(mg->wake[0], F_SETFD, FD_CLOEXEC) != 0 ||
	    fcntl(mg->wake[1], F_SETFD, FD_CLOEXEC) != 0) {
		snprintf(err, errsize, "wake pipe: %s", strerror(errno));
		goto err_free;
	}
	/* Signals (SIGTERM -> SDL_QUIT) stay with the main thread. */
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	rc = pthread_create(&mg->thread, NULL, main_gpio_run, mg);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		snprintf(err, errsize, "cannot start the buttons' thread: %s", strerror(rc));
		goto err_free;
	}
	return mg;
err_free:
	main_gpio_free(mg);
	return NULL;
}

/* Writes one byte to the wake pipe (full: the thread wakes anyway). */
static void main_gpio_wake(struct main_gpio *mg)
{
	char c = 1;

	if (write(mg->wake[1], &c, 1) < 0 && errno != EAGAIN)
		log_error("wake pipe: %s", strerror(errno));
}

void main_gpio_stop(struct main_gpio *mg)
{
	if (!mg)
		return;
	pthread_mutex_lock(&mg->lock);
	mg->stop = true;
	pthread_mutex_unlock(&mg->lock);
	main_gpio_wake(mg);
	pthread_join(mg->thread, NULL);
	main_gpio_free(mg);
}

uint32_t main_gpio_event_type(const struct main_gpio *mg)
{
	return mg ? mg->type : 0;
}

void main_gpio_retry(struct main_gpio *mg)
{
	if (mg)
		main_gpio_wake(mg);
}

void main_gpio_status(struct main_gpio *mg, struct main_gpio_status *st)
{
	pthread_mutex_lock(&mg->lock);
	*st = mg->st;
	pthread_mutex_unlock(&mg->lock);
}
