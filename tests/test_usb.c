/* SPDX-License-Identifier: MIT */
/*
 * usb: the mount table parser on sample text (octal escapes, optional
 * fields, refusals), the media roots, and the watcher on the real
 * /proc/self/mountinfo while tmpfs file systems are mounted under a temporary
 * media root. It runs as root (CI does) in a mount namespace of its own, so
 * nothing it mounts outlives it or shows outside.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "usb.h"

static const char sample[] =
	"22 27 0:21 / /proc rw,relatime - proc proc rw\n"
	"27 1 254:1 / / rw,relatime shared:1 - ext4 /dev/mmcblk0p2 rw\n"
	"97 27 8:17 / /media/bangtin/SO\\040LIEU ro,nosuid,nodev,noexec,relatime shared:50 "
	"master:3 - vfat /dev/sdb1 ro,fmask=0022,dmask=0022,codepage=437\n"
	"98 27 0:50 / /mnt/a\\134b\\011c rw,relatime - tmpfs my\\040src rw,size=1024k\n"
	"\n"
	"99 27 0:51 /sub /run/media/u/KEY rw - exfat /dev/sdc1 rw\n";

static void test_parse(void **state)
{
	struct usb_table t;
	char err[USB_ERR_MAX];

	(void)state;
	assert_int_equal(usb_mountinfo_parse(sample, strlen(sample), &t, err, sizeof err), 0);
	assert_int_equal(t.n, 5);
	assert_int_equal(t.m[0].id, 22);
	assert_string_equal(t.m[0].mount_point, "/proc");
	assert_string_equal(t.m[1].mount_point, "/");
	assert_string_equal(t.m[1].source, "/dev/mmcblk0p2");
	assert_string_equal(t.m[1].fstype, "ext4");

	assert_int_equal(t.m[2].id, 97);
	assert_string_equal(t.m[2].mount_point, "/media/bangtin/SO LIEU");
	assert_string_equal(t.m[2].fstype, "vfat");
	assert_string_equal(t.m[2].source, "/dev/sdb1");
	assert_string_equal(t.m[2].options, "ro,nosuid,nodev,noexec,relatime");
	assert_true(usb_mount_has_option(&t.m[2], "ro"));
	assert_true(usb_mount_has_option(&t.m[2], "noexec"));
	assert_true(usb_mount_has_option(&t.m[2], "relatime"));
	assert_false(usb_mount_has_option(&t.m[2], "rw"));
	assert_false(usb_mount_has_option(&t.m[2], "nodevx"));
	assert_false(usb_mount_has_option(&t.m[2], "time"));

	assert_string_equal(t.m[3].mount_point, "/mnt/a\\b\tc");
	assert_string_equal(t.m[3].source, "my src");
	assert_string_equal(t.m[3].fstype, "tmpfs");
	assert_true(usb_mount_has_option(&t.m[3], "rw"));

	/* The last line has no newline after it; the blank line is skipped. */
	assert_string_equal(t.m[4].mount_point, "/run/media/u/KEY");
	assert_string_equal(t.m[4].options, "rw");
	usb_table_free(&t);

	/* Only the first len bytes count. */
	assert_int_equal(usb_mountinfo_parse(sample, 46, &t, err, sizeof err), 0);
	assert_int_equal(t.n, 1);
	assert_string_equal(t.m[0].source, "proc");
	usb_table_free(&t);
	assert_int_equal(usb_mountinfo_parse("", 0, &t, err, sizeof err), 0);
	assert_int_equal(t.n, 0);
}

static void test_parse_refusals(void **state)
{
	static const struct {
		const char *text, *err;
	} bad[] = {
		{ "22 27 0:21 / /proc rw,relatime - proc proc rw\n"
		  "23 27 0:22 / /sys rw,relatime shared:2 sysfs sysfs rw\n",
		  "mountinfo:2: no ' - ' separator before the file system type" },
		{ "x1 27 0:21 / /proc rw - proc proc rw\n", "mountinfo:1: mount ID: not a number (x1)" },
		{ "22 27 0:21 / proc rw - proc proc rw\n",
		  "mountinfo:1: mount point: not an absolute path" },
		{ "22 27 0:21 / /proc\n", "mountinfo:1: 5 fields, expected at least 10" },
		{ "22 27 0:21 / /proc rw a b - proc\n",
		  "mountinfo:1: no ' - ' separator before the file system type" },
	};
	struct usb_table t;
	char err[USB_ERR_MAX];

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(usb_mountinfo_parse(bad[i].text, strlen(bad[i].text), &t, err,
						     sizeof err), -1);
		assert_string_equal(err, bad[i].err);
		assert_int_equal(t.n, 0);
		assert_null(t.m);
	}
}

static void test_roots(void **state)
{
	struct usb_roots r;
	char err[USB_ERR_MAX];

	(void)state;
	assert_int_equal(usb_roots_parse(" /media, /run/media/ ,/mnt/bangtin//", &r, err,
					 sizeof err), 0);
	assert_int_equal(r.n, 3);
	assert_string_equal(r.dir[0], "/media");
	assert_string_equal(r.dir[1], "/run/media");
	assert_string_equal(r.dir[2], "/mnt/bangtin");
	assert_true(usb_roots_cover(&r, "/media"));
	assert_true(usb_roots_cover(&r, "/media/bangtin/KINGSTON"));
	assert_true(usb_roots_cover(&r, "/run/media/user/SO LIEU"));
	assert_true(usb_roots_cover(&r, "/mnt/bangtin"));
	assert_false(usb_roots_cover(&r, "/mediax"));
	assert_false(usb_roots_cover(&r, "/mnt"));
	assert_false(usb_roots_cover(&r, "/"));
	assert_false(usb_roots_cover(&r, "/run/mediat/x"));
	usb_roots_free(&r);

	assert_int_equal(usb_roots_parse("/media media", &r, err, sizeof err), -1);
	assert_string_equal(err, "media root media: not an absolute path");
	assert_int_equal(r.n, 0);
	assert_int_equal(usb_roots_parse("  , ", &r, err, sizeof err), -1);
	assert_string_equal(err, "no media root given");
	assert_int_equal(usb_roots_parse("/a /b /c /d /e /f /g /h /i /j /k /l /m /n /o /p /q",
					 &r, err, sizeof err), -1);
	assert_string_equal(err, "more than 16 media roots");
}

/* The watcher's tests: a media root and a place outside it, in /tmp. */
struct fixture {
	char dir[64];     /* /tmp/test_usb.XXXXXX */
	char root[96];    /* dir/media: the media root */
	char path[256];
	char err[USB_ERR_MAX];
};

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof *fx);

	if (!fx)
		return -1;
	if (geteuid() != 0) {
		fprintf(stderr, "test_usb: the watcher tests mount tmpfs file systems and must "
				"run as root (CI runs make test as root): sudo make test\n");
		free(fx);
		return -1;
	}
	/* A mount namespace of our own, private, so our mounts vanish with us. */
	if (unshare(CLONE_NEWNS) != 0 || mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) {
		fprintf(stderr, "test_usb: cannot make a private mount namespace: %s\n",
			strerror(errno));
		free(fx);
		return -1;
	}
	snprintf(fx->dir, sizeof fx->dir, "/tmp/test_usb.XXXXXX");
	if (!mkdtemp(fx->dir)) {
		free(fx);
		return -1;
	}
	snprintf(fx->root, sizeof fx->root, "%s/media", fx->dir);
	if (mkdir(fx->root, 0755) != 0)
		return -1;
	*state = fx;
	return 0;
}

/* Unmounts everything below dir, the latest mount first. */
static void umount_below(const char *dir)
{
	FILE *f = fopen(USB_MOUNTINFO, "r");
	static char text[1 << 20];
	size_t len = f ? fread(text, 1, sizeof text, f) : 0, l = strlen(dir);
	struct usb_table t;
	char err[USB_ERR_MAX];

	if (f)
		fclose(f);
	if (usb_mountinfo_parse(text, len, &t, err, sizeof err) != 0)
		return;
	for (size_t i = t.n; i-- > 0;)
		if (strncmp(t.m[i].mount_point, dir, l) == 0 && t.m[i].mount_point[l] == '/')
			umount2(t.m[i].mount_point, MNT_DETACH);
	usb_table_free(&t);
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	char cmd[128];

	umount_below(fx->dir);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", fx->dir);
	if (system(cmd) != 0)
		fprintf(stderr, "test_usb: cannot remove %s\n", fx->dir);
	free(fx);
	return 0;
}

/* Mounts a tmpfs at root/name (made first), with a bundle folder or not. */
static void mount_stick(struct fixture *fx, const char *name, bool bundle)
{
	snprintf(fx->path, sizeof fx->path, "%s/%s", fx->root, name);
	assert_true(mkdir(fx->path, 0755) == 0 || errno == EEXIST);
	if (mount("usbstick", fx->path, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "size=1m") != 0)
		fail_msg("cannot mount a tmpfs on %s: %s", fx->path, strerror(errno));
	if (bundle) {
		snprintf(fx->path, sizeof fx->path, "%s/%s/BANGTIN", fx->root, name);
		assert_int_equal(mkdir(fx->path, 0755), 0);
	}
}

/* Waits (bounded) for the table to change, then scans. */
static size_t wait_scan(struct fixture *fx, struct usb_watch *w, struct usb_found **found)
{
	size_t n;

	assert_int_equal(usb_watch_wait(w, -1, 5000), 1);
	assert_int_equal(usb_watch_scan(w, found, &n, fx->err, sizeof fx->err), 0);
	return n;
}

static void test_watch(void **state)
{
	struct fixture *fx = *state;
	struct usb_watch *w;
	struct usb_found *found;
	char want[256];
	size_t n;

	w = usb_watch_new(NULL, fx->root, "BANGTIN", false, fx->err, sizeof fx->err);
	assert_non_null(w);
	assert_true(usb_watch_fd(w) >= 0);
	/* Nothing under the root yet. */
	assert_int_equal(usb_watch_scan(w, &found, &n, fx->err, sizeof fx->err), 0);
	assert_int_equal(n, 0);
	usb_found_free(found, n);

	/* A stick with a bundle folder: reported once, read-write. */
	mount_stick(fx, "KINGSTON", true);
	n = wait_scan(fx, w, &found);
	assert_int_equal(n, 1);
	snprintf(want, sizeof want, "%s/KINGSTON", fx->root);
	assert_string_equal(found[0].mount_point, want);
	snprintf(want, sizeof want, "%s/KINGSTON/BANGTIN", fx->root);
	assert_string_equal(found[0].bundle, want);
	assert_false(found[0].read_only);
	/* Not from a /dev/ block device: no record of bangtin-mount@ to name. */
	assert_string_equal(found[0].source, "usbstick");
	assert_string_equal(found[0].record, "");
	usb_found_free(found, n);

	/* A remount (the report helper's ro -> rw -> ro) is the same stick. */
	snprintf(fx->path, sizeof fx->path, "%s/KINGSTON", fx->root);
	assert_int_equal(mount(NULL, fx->path, NULL, MS_REMOUNT | MS_RDONLY, NULL), 0);
	assert_int_equal(wait_scan(fx, w, &found), 0);
	usb_found_free(found, 0);

	/* A stick without the folder, and a mount outside the root: nothing. */
	mount_stick(fx, "EMPTY", false);
	assert_int_equal(wait_scan(fx, w, &found), 0);
	usb_found_free(found, 0);
	snprintf(fx->path, sizeof fx->path, "%s/outside", fx->dir);
	assert_int_equal(mkdir(fx->path, 0755), 0);
	assert_int_equal(mount("usbstick", fx->path, "tmpfs", 0, "size=1m"), 0);
	snprintf(fx->path, sizeof fx->path, "%s/outside/BANGTIN", fx->dir);
	assert_int_equal(mkdir(fx->path, 0755), 0);
	assert_int_equal(wait_scan(fx, w, &found), 0);
	usb_found_free(found, 0);

	/* A name with a space comes back unescaped; read-only is seen. */
	snprintf(fx->path, sizeof fx->path, "%s/SO LIEU", fx->root);
	assert_int_equal(mkdir(fx->path, 0755), 0);
	snprintf(want, sizeof want, "%s/outside", fx->dir);
	assert_int_equal(mount(want, fx->path, NULL, MS_BIND, NULL), 0);
	assert_int_equal(mount(NULL, fx->path, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY, NULL), 0);
	n = wait_scan(fx, w, &found);
	if (n == 0) { /* the bind and its remount may be seen as two changes */
		usb_found_free(found, n);
		n = wait_scan(fx, w, &found);
	}
	assert_int_equal(n, 1);
	snprintf(want, sizeof want, "%s/SO LIEU/BANGTIN", fx->root);
	assert_string_equal(found[0].bundle, want);
	assert_true(found[0].read_only);
	usb_found_free(found, n);

	/* Pulled and plugged in again: new again. */
	snprintf(fx->path, sizeof fx->path, "%s/KINGSTON", fx->root);
	assert_int_equal(umount(fx->path), 0);
	assert_int_equal(wait_scan(fx, w, &found), 0);
	usb_found_free(found, 0);
	mount_stick(fx, "KINGSTON", true);
	n = wait_scan(fx, w, &found);
	assert_int_equal(n, 1);
	snprintf(want, sizeof want, "%s/KINGSTON", fx->root);
	assert_string_equal(found[0].mount_point, want);
	usb_found_free(found, n);
	usb_watch_free(w);

	/* report_existing: the sticks already in are reported by the first
	 * scan (the kiosk started with them), then not again. */
	w = usb_watch_new(NULL, fx->root, "BANGTIN", true, fx->err, sizeof fx->err);
	assert_non_null(w);
	assert_int_equal(usb_watch_scan(w, &found, &n, fx->err, sizeof fx->err), 0);
	assert_int_equal(n, 2);
	assert_true(strstr(found[0].mount_point, "KINGSTON") || strstr(found[1].mount_point,
									 "KINGSTON"));
	assert_true(strstr(found[0].mount_point, "SO LIEU") || strstr(found[1].mount_point,
									"SO LIEU"));
	usb_found_free(found, n);
	assert_int_equal(usb_watch_scan(w, &found, &n, fx->err, sizeof fx->err), 0);
	assert_int_equal(n, 0);
	usb_found_free(found, n);

	/* A stick whose BANGTIN is a link: reported, so the update refuses it
	 * on screen naming the link, rather than ignored in silence. */
	snprintf(fx->path, sizeof fx->path, "%s/prep", fx->dir);
	assert_int_equal(mkdir(fx->path, 0755), 0);
	assert_int_equal(mount("usbstick", fx->path, "tmpfs", 0, "size=1m"), 0);
	snprintf(want, sizeof want, "%s/prep/BANGTIN", fx->dir);
	assert_int_equal(symlink("/etc", want), 0);
	snprintf(want, sizeof want, "%s/LINKED", fx->root);
	assert_int_equal(mkdir(want, 0755), 0);
	assert_int_equal(mount(fx->path, want, NULL, MS_MOVE, NULL), 0);
	n = wait_scan(fx, w, &found);
	assert_int_equal(n, 1);
	snprintf(want, sizeof want, "%s/LINKED/BANGTIN", fx->root);
	assert_string_equal(found[0].bundle, want);
	usb_found_free(found, n);
	usb_watch_free(w);
}

static void test_watch_wake_and_errors(void **state)
{
	struct fixture *fx = *state;
	struct usb_watch *w;
	int p[2];

	w = usb_watch_new(NULL, fx->root, "BANGTIN", false, fx->err, sizeof fx->err);
	assert_non_null(w);
	assert_int_equal(pipe(p), 0);
	assert_int_equal(write(p[1], "x", 1), 1);
	assert_int_equal(usb_watch_wait(w, p[0], 5000), 2);
	close(p[0]);
	close(p[1]);
	usb_watch_free(w);

	assert_null(usb_watch_new("/nonexistent/mountinfo", fx->root, "BANGTIN", false,
				  fx->err, sizeof fx->err));
	assert_string_equal(fx->err, "/nonexistent/mountinfo: cannot open: No such file or "
				     "directory");
	assert_null(usb_watch_new(NULL, "relative", "BANGTIN", false, fx->err, sizeof fx->err));
	assert_string_equal(fx->err, "media root relative: not an absolute path");
	assert_null(usb_watch_new(NULL, fx->root, "../x", false, fx->err, sizeof fx->err));
	assert_string_equal(fx->err, "bundle folder ../x: must be one folder name");
	assert_null(usb_watch_new(NULL, fx->root, "", false, fx->err, sizeof fx->err));
}


/* A stand-in for the root helper: accepts one connection, checks the record
 * line and the text, answers answer. Exits 0 when both were right. */
static void fake_helper(int lfd, const char *record, const char *text, const char *answer)
{
	char buf[512], want[512];
	size_t n = 0;
	ssize_t r;
	int c = accept(lfd, NULL, NULL);

	if (c < 0)
		_exit(2);
	while (n < sizeof buf - 1 && (r = read(c, buf + n, sizeof buf - 1 - n)) > 0)
		n += (size_t)r;
	buf[n] = '\0';
	snprintf(want, sizeof want, "%s\n%s", record, text);
	if (write(c, answer, strlen(answer)) < 0)
		_exit(3);
	close(c);
	_exit(strcmp(buf, want) == 0 ? 0 : 1);
}

static void test_report_write(void **state)
{
	char dir[] = "/tmp/test_usb_report.XXXXXX", path[128], buf[64], why[USB_ERR_MAX];
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	const char *text = "Kết quả: đã cập nhật\r\n";
	struct usb_found f = { .source = "/dev/sda1", .record = "sda1" };
	int lfd, st;
	pid_t pid;
	FILE *f_;

	(void)state;
	assert_non_null(mkdtemp(dir));
	f.mount_point = dir;
	/* Read-write: written directly, replacing what was there. */
	assert_int_equal(usb_report_write(&f, "BAOCAO.txt", NULL, -1, "old, longer text", 16, why,
					  sizeof why), 0);
	assert_int_equal(usb_report_write(&f, "BAOCAO.txt", NULL, -1, text, strlen(text),
					  why, sizeof why), 0);
	snprintf(path, sizeof path, "%s/BAOCAO.txt", dir);
	f_ = fopen(path, "rb");
	assert_non_null(f_);
	buf[fread(buf, 1, sizeof buf - 1, f_)] = '\0';
	fclose(f_);
	assert_string_equal(buf, text);
	/* A link of that name is not followed. */
	snprintf(path, sizeof path, "%s/LINK.txt", dir);
	assert_int_equal(symlink("/tmp/test_usb_report_target", path), 0);
	assert_int_equal(usb_report_write(&f, "LINK.txt", NULL, -1, text, strlen(text), why,
					  sizeof why), -1);
	assert_non_null(strstr(why, "LINK.txt: Too many levels of symbolic links"));
	assert_int_equal(access("/tmp/test_usb_report_target", F_OK), -1);
	/* A FIFO of that name (issue 9): refused at once, never waited on. An
	 * alarm turns a hang into a failure of this test. */
	snprintf(path, sizeof path, "%s/FIFO.txt", dir);
	assert_int_equal(mkfifo(path, 0644), 0);
	alarm(10);
	assert_int_equal(usb_report_write(&f, "FIFO.txt", NULL, -1, text, strlen(text), why,
					  sizeof why), -1);
	alarm(0);
	assert_non_null(strstr(why, "FIFO.txt: a FIFO, not a regular file: not written"));
	/* A folder of that name. */
	snprintf(path, sizeof path, "%s/DIR.txt", dir);
	assert_int_equal(mkdir(path, 0755), 0);
	assert_int_equal(usb_report_write(&f, "DIR.txt", NULL, -1, text, strlen(text), why,
					  sizeof why), -1);

	/* Read-only without a helper: not written, and said why. */
	f.read_only = true;
	assert_int_equal(usb_report_write(&f, "BAOCAO.txt", "", -1, text, strlen(text), why,
					  sizeof why), -1);
	snprintf(path, sizeof path, "%s is mounted read-only and no report helper socket is set",
		 dir);
	assert_string_equal(why, path);
	snprintf(path, sizeof path, "%s/none.sock", dir);
	assert_int_equal(usb_report_write(&f, "BAOCAO.txt", path, -1, text, strlen(text), why,
					  sizeof why), -1);
	assert_non_null(strstr(why, "none.sock: No such file or directory"));
	/* A mount the helper did not make (no record): not asked. */
	f.record = "";
	f.source = "tmpfs";
	assert_int_equal(usb_report_write(&f, "BAOCAO.txt", path, -1, text, strlen(text), why,
					  sizeof why), -1);
	assert_non_null(strstr(why, "from tmpfs, not a stick the helper mounted"));
	f.record = "sda1";
	f.source = "/dev/sda1";

	/* Read-only through a helper: it is sent the record's name, never a
	 * path, and its answer is taken. */
	snprintf(sa.sun_path, sizeof sa.sun_path, "%s/helper.sock", dir);
	for (int round = 0; round < 2; round++) {
		const char *answer = round == 0 ? "ok\n" : "error: cannot remount read-write\n";

		unlink(sa.sun_path);
		lfd = socket(AF_UNIX, SOCK_STREAM, 0);
		assert_true(lfd >= 0);
		assert_int_equal(bind(lfd, (struct sockaddr *)&sa, sizeof sa), 0);
		assert_int_equal(listen(lfd, 1), 0);
		pid = fork();
		assert_true(pid >= 0);
		if (pid == 0)
			fake_helper(lfd, "sda1", text, answer);
		close(lfd);
		int rc = usb_report_write(&f, "BAOCAO.txt", sa.sun_path, -1, text, strlen(text), why,
					  sizeof why);
		assert_int_equal(waitpid(pid, &st, 0), pid);
		assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
		if (round == 0) {
			assert_int_equal(rc, 0);
		} else {
			assert_int_equal(rc, -1);
			assert_non_null(strstr(why, "helper.sock: the helper says: error: cannot "
						    "remount read-write"));
		}
	}

	/* A helper that never answers: the wait ends as soon as the kiosk
	 * stops (cancel_fd readable), not after USB_HELPER_TIMEOUT_S. */
	{
		int p[2];

		unlink(sa.sun_path);
		lfd = socket(AF_UNIX, SOCK_STREAM, 0);
		assert_true(lfd >= 0);
		assert_int_equal(bind(lfd, (struct sockaddr *)&sa, sizeof sa), 0);
		assert_int_equal(listen(lfd, 1), 0);
		assert_int_equal(pipe(p), 0);
		assert_int_equal(write(p[1], "x", 1), 1);
		alarm(10);
		assert_int_equal(usb_report_write(&f, "BAOCAO.txt", sa.sun_path, p[0], text,
						  strlen(text), why, sizeof why), -1);
		alarm(0);
		assert_non_null(strstr(why, "cancelled: the kiosk is stopping"));
		close(p[0]);
		close(p[1]);
		close(lfd);
	}
	snprintf(path, sizeof path, "rm -rf '%s'", dir);
	assert_int_equal(system(path), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_parse_refusals),
		cmocka_unit_test(test_roots),
		cmocka_unit_test(test_report_write),
		cmocka_unit_test_setup_teardown(test_watch, setup, teardown),
		cmocka_unit_test_setup_teardown(test_watch_wake_and_errors, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
