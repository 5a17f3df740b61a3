/* SPDX-License-Identifier: MIT */
/* test_live: what the kiosk tells systemd (firmware/live.c), read from a
 * real notify socket as systemd would: READY=1 once, after the first frame;
 * WATCHDOG=1 at a third of WatchdogSec=; the start timeout extended while
 * waiting for the screen; a stuck USB update abandoned after 180 s without
 * progress, and the pings stopped if it is still stuck 60 s later. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cmocka.h>

#include "live.h"

static char dir[] = "/tmp/test_live.XXXXXX";
static char path[sizeof dir + 16];
static int sock = -1;

static int setup(void **state)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };

	(void)state;
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof path, "%s/notify", dir);
	snprintf(a.sun_path, sizeof a.sun_path, "%s", path);
	sock = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK, 0);
	if (sock < 0 || bind(sock, (struct sockaddr *)&a, sizeof a) != 0)
		return -1;
	setenv("NOTIFY_SOCKET", path, 1);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	close(sock);
	unlink(path);
	rmdir(dir);
	return 0;
}

/* The next message systemd would get, "" when none is waiting. */
static const char *next_msg(void)
{
	static char buf[512];
	ssize_t n = recv(sock, buf, sizeof buf - 1, 0);

	buf[n > 0 ? n : 0] = '\0';
	return buf;
}

static void test_watchdog_pings(void **state)
{
	struct live l;

	(void)state;
	setenv("WATCHDOG_USEC", "30000000", 1);
	unsetenv("WATCHDOG_PID");
	live_init(&l, 1000, LIVE_STALL_MS);
	assert_int_equal(l.interval_ms, 10000);
	assert_int_equal(live_deadline(&l), 1000);
	live_ping(&l, LIVE_OK, 1000);
	assert_string_equal(next_msg(), "WATCHDOG=1");
	assert_int_equal(live_deadline(&l), 11000);
	live_ping(&l, LIVE_OK, 10999);
	assert_string_equal(next_msg(), "");
	live_ping(&l, LIVE_OK, 11000);
	assert_string_equal(next_msg(), "WATCHDOG=1");
	/* A hung update: the ping is withheld, systemd will restart us. */
	live_ping(&l, LIVE_HUNG, 30000);
	assert_string_equal(next_msg(), "");
}

static void test_no_watchdog(void **state)
{
	struct live l;

	(void)state;
	unsetenv("WATCHDOG_USEC");
	live_init(&l, 1000, LIVE_STALL_MS);
	assert_int_equal(live_deadline(&l), INT64_MAX);
	live_ping(&l, LIVE_OK, 1000);
	assert_string_equal(next_msg(), "");
}

static void test_ready_once(void **state)
{
	struct live l;

	(void)state;
	unsetenv("WATCHDOG_USEC");
	live_init(&l, 0, LIVE_STALL_MS);
	live_ready(&l, 1234);
	assert_string_equal(next_msg(),
			    "READY=1\nSTATUS=showing the screen (first frame 1234 ms after start)");
	live_ready(&l, 2000);
	assert_string_equal(next_msg(), "");
}

static void test_waiting(void **state)
{
	(void)state;
	live_waiting("waiting for a DRM device (/dev/dri/card*)");
	assert_string_equal(next_msg(), "EXTEND_TIMEOUT_USEC=10000000\n"
			    "STATUS=waiting for a DRM device (/dev/dri/card*)");
}

static void test_stuck_update(void **state)
{
	struct live l;

	(void)state;
	unsetenv("WATCHDOG_USEC");
	live_init(&l, 0, LIVE_STALL_MS);
	/* Idle, or busy and moving: alive whatever the times. */
	assert_int_equal(live_check(&l, false, 0, 10000000), LIVE_OK);
	assert_int_equal(live_check(&l, true, 100000, 100000 + LIVE_STALL_MS - 1), LIVE_OK);
	/* No progress for 180 s: abandoned, once. */
	assert_int_equal(live_check(&l, true, 0, LIVE_STALL_MS), LIVE_ABANDON);
	assert_int_equal(live_check(&l, true, 0, LIVE_STALL_MS + 1000), LIVE_OK);
	assert_int_equal(live_check(&l, true, 0, LIVE_STALL_MS + LIVE_GRACE_MS - 1), LIVE_OK);
	/* Still stuck after the grace: hung, for as long as it lasts. */
	assert_int_equal(live_check(&l, true, 0, LIVE_STALL_MS + LIVE_GRACE_MS), LIVE_HUNG);
	assert_int_equal(live_check(&l, true, 0, LIVE_STALL_MS + LIVE_GRACE_MS + 5000),
			 LIVE_HUNG);
	/* It came back (the cancel took): alive, and a later stall is a new one. */
	assert_int_equal(live_check(&l, false, 0, 400000), LIVE_OK);
	assert_int_equal(live_check(&l, true, 400000, 400000 + LIVE_STALL_MS), LIVE_ABANDON);
}

/* [update] stall_timeout sets the stall; the grace after it stays. */
static void test_stall_configured(void **state)
{
	struct live l;

	(void)state;
	unsetenv("WATCHDOG_USEC");
	live_init(&l, 0, 20000);
	assert_int_equal(live_check(&l, true, 0, 19999), LIVE_OK);
	assert_int_equal(live_check(&l, true, 0, 20000), LIVE_ABANDON);
	assert_int_equal(live_check(&l, true, 0, 20000 + LIVE_GRACE_MS - 1), LIVE_OK);
	assert_int_equal(live_check(&l, true, 0, 20000 + LIVE_GRACE_MS), LIVE_HUNG);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_watchdog_pings),
		cmocka_unit_test(test_no_watchdog),
		cmocka_unit_test(test_ready_once),
		cmocka_unit_test(test_waiting),
		cmocka_unit_test(test_stuck_update),
		cmocka_unit_test(test_stall_configured),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
