/* SPDX-License-Identifier: MIT */
/* enrol.c: the first signing key from a stick: what the stick asks, the
 * board's rule, the five-second hold, and the atomic write of NAME.pub. */
#include "enrol.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "errmsg.h"
#include "fdio.h"

#define enrol_fail errmsg_set

/* The one entry of dir besides BUNDLE_REPORT, into name; 0 when there is
 * not exactly one, -1 on a read error. */
static int enrol_only_entry(DIR *d, char *name, size_t size)
{
	struct dirent *e;
	int n = 0;

	errno = 0;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") ||
		    !strcmp(e->d_name, BUNDLE_REPORT))
			continue;
		if (++n > 1)
			return 0;
		snprintf(name, size, "%s", e->d_name);
	}
	return errno ? -1 : n;
}

int enrol_probe(const char *dir, struct bundle_key *key, char *err, size_t errsize)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	char name[256] = "", path[4400];
	struct stat st;
	size_t len;
	int n, rc = 0;

	if (!d) {
		if (fd >= 0)
			close(fd);
		return 0; /* not a folder we can read: the bundle check says why */
	}
	n = enrol_only_entry(d, name, sizeof name);
	len = strlen(name);
	if (n != 1 || len <= 4 || strcmp(name + len - 4, ".pub") != 0)
		goto out;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (!bundle_key_name_ok(name, len - 4)) {
		rc = enrol_fail(err, errsize, "%s: a key name is 1 to %d of A-Z a-z 0-9 . _ -",
				path, BUNDLE_KEY_NAME_MAX - 1);
	} else if (fstatat(dirfd(d), name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
		   !S_ISREG(st.st_mode)) {
		rc = enrol_fail(err, errsize, "%s: not a regular file", path);
	} else if (bundle_pub_read(path, key->pk, err, errsize) != 0) {
		rc = -1;
	} else {
		memcpy(key->name, name, len - 4);
		key->name[len - 4] = '\0';
		rc = 1;
	}
out:
	closedir(d);
	return rc;
}

enum enrol_verdict enrol_judge(bool allowed, const struct bundle_keyring *kr,
			       const struct bundle_key *key)
{
	if (!allowed)
		return ENROL_DISABLED;
	for (size_t i = 0; i < kr->n; i++)
		if (!strcmp(kr->keys[i].name, key->name) && !memcmp(kr->keys[i].pk, key->pk, 32))
			return ENROL_ALREADY;
	return kr->n ? ENROL_HAS_KEYS : ENROL_ASK;
}

const char *enrol_verdict_vi(enum enrol_verdict v)
{
	switch (v) {
	case ENROL_ASK:
		return "";
	case ENROL_DISABLED:
		return "Bảng tin này không nhận khóa từ USB (enrol = no). Không có gì thay đổi.";
	case ENROL_ALREADY:
		return "Khóa này đã được tin cậy. Không có gì thay đổi.";
	case ENROL_HAS_KEYS:
		return "Bảng tin đã có khóa tin cậy: khóa mới chỉ được thêm bằng một gói nội dung "
		       "ký bởi khóa đã tin cậy. Không có gì thay đổi.";
	case ENROL_BAD_KEY:
		return "Tệp khóa trên USB không đọc được. Không có gì thay đổi.";
	}
	return "";
}

void enrol_hold_start(struct enrol_hold *h, int64_t now_ms)
{
	*h = (struct enrol_hold){ .state = ENROL_PENDING, .shown_at = now_ms };
}

void enrol_hold_select(struct enrol_hold *h, bool down, int64_t now_ms)
{
	if (h->state != ENROL_PENDING)
		return;
	if (down && !h->held)
		h->held_since = now_ms;
	h->held = down;
}

void enrol_hold_back(struct enrol_hold *h)
{
	if (h->state == ENROL_PENDING)
		h->state = ENROL_REJECTED;
}

enum enrol_state enrol_hold_tick(struct enrol_hold *h, int64_t now_ms)
{
	if (h->state != ENROL_PENDING)
		return h->state;
	if (h->held && now_ms - h->held_since >= ENROL_HOLD_MS)
		h->state = ENROL_ACCEPTED;
	else if (now_ms - h->shown_at >= ENROL_TIMEOUT_MS)
		h->state = ENROL_EXPIRED;
	return h->state;
}

int64_t enrol_hold_deadline(const struct enrol_hold *h)
{
	int64_t t;

	if (h->state != ENROL_PENDING)
		return INT64_MAX;
	t = h->shown_at + ENROL_TIMEOUT_MS;
	if (h->held && h->held_since + ENROL_HOLD_MS < t)
		t = h->held_since + ENROL_HOLD_MS;
	return t;
}

int enrol_hold_percent(const struct enrol_hold *h, int64_t now_ms)
{
	int64_t d;

	if (h->state == ENROL_ACCEPTED)
		return 100;
	if (h->state != ENROL_PENDING || !h->held)
		return 0;
	d = now_ms - h->held_since;
	return d <= 0 ? 0 : d >= ENROL_HOLD_MS ? 100 : (int)(d * 100 / ENROL_HOLD_MS);
}

char *enrol_question_vi(const struct bundle_key *key, char *buf, size_t size)
{
	char fp[BUNDLE_FINGERPRINT_MAX], nb[BUNDLE_FINGERPRINT_MAX * 2];
	size_t o = 0;

	/* No-break spaces keep the four groups on one line of the screen. */
	for (const char *p = bundle_fingerprint(key->pk, fp); *p; p++) {
		if (*p == ' ') {
			nb[o++] = '\xc2';
			nb[o++] = '\xa0';
		} else {
			nb[o++] = *p;
		}
	}
	nb[o] = '\0';
	snprintf(buf, size, "Khóa ký mới \"%s\", mã nhận dạng %s: giữ nút Chọn 5 giây để "
		 "tin cậy, nhấn Quay lại để bỏ qua.", key->name, nb);
	return buf;
}

char *enrol_result_vi(const struct bundle_key *key, enum enrol_state state, bool ok,
		      char *buf, size_t size)
{
	char fp[BUNDLE_FINGERPRINT_MAX];

	bundle_fingerprint(key->pk, fp);
	if (state == ENROL_ACCEPTED && ok)
		snprintf(buf, size, "Đã tin cậy khóa \"%s\" (%s): bảng tin nhận các gói nội dung "
			 "ký bằng khóa này.", key->name, fp);
	else if (state == ENROL_ACCEPTED)
		snprintf(buf, size, "Không ghi được khóa \"%s\" trên thiết bị. Không có gì thay "
			 "đổi.", key->name);
	else
		snprintf(buf, size, "Chưa tin cậy khóa \"%s\" (%s): %s. Không có gì thay đổi.",
			 key->name, fp, state == ENROL_REJECTED ? "đã bỏ qua" :
			 "không ai giữ nút Chọn");
	return buf;
}

int enrol_report_format(const struct bundle_key *key, int64_t when, const char *result_vi,
			const char *log_en, char *buf, size_t size)
{
	time_t t = (time_t)when;
	char at[32] = "?", fp[BUNDLE_FINGERPRINT_MAX];
	struct tm tm;

	if (localtime_r(&t, &tm))
		strftime(at, sizeof at, "%d/%m/%Y %H:%M", &tm);
	return snprintf(buf, size, "BẢNG TIN - THÊM KHÓA KÝ NỘI DUNG\r\n"
			"Thời gian: %s\r\n"
			"Khóa: %s, mã nhận dạng %s\r\n"
			"Kết quả: %s\r\n"
			"Chi tiết (English): %s\r\n",
			at, key->name, bundle_fingerprint(key->pk, fp), result_vi, log_en);
}

int enrol_write(const char *keys_dir, const struct bundle_key *key, char *err,
		size_t errsize)
{
	char tmp[4400], path[4400], text[80];
	int fd, dfd, rc = -1;

	if (!bundle_key_name_ok(key->name, strlen(key->name)))
		return enrol_fail(err, errsize, "key name \"%.80s\" is not a key name", key->name);
	/* A fresh board may not have the folder yet. */
	if (mkdir(keys_dir, 0755) != 0 && errno != EEXIST)
		return enrol_fail(err, errsize, "%s: %s", keys_dir, strerror(errno));
	snprintf(path, sizeof path, "%s/%s.pub", keys_dir, key->name);
	/* Not "*.pub": the keyring never reads a half-written key. */
	snprintf(tmp, sizeof tmp, "%s/.%s.pub.XXXXXX", keys_dir, key->name);
	memcpy(text, "ed25519 ", 8);
	sodium_bin2hex(text + 8, sizeof text - 8, key->pk, 32);
	strcat(text, "\n");
	if ((fd = mkstemp(tmp)) < 0)
		return enrol_fail(err, errsize, "%s: %s", keys_dir, strerror(errno));
	if (fchmod(fd, 0644) != 0 || fdio_write_all(fd, text, strlen(text), true) != 0) {
		enrol_fail(err, errsize, "%s: %s", tmp, strerror(errno));
		close(fd);
		goto out;
	}
	if (close(fd) != 0) {
		enrol_fail(err, errsize, "%s: %s", tmp, strerror(errno));
		goto out;
	}
	/* link() never replaces: an existing NAME.pub stays as it is. */
	if (link(tmp, path) != 0) {
		enrol_fail(err, errsize, "%s: %s", path,
			   errno == EEXIST ? "exists; not replaced" : strerror(errno));
		goto out;
	}
	if ((dfd = open(keys_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		fsync(dfd);
		close(dfd);
	}
	rc = 0;
out:
	unlink(tmp);
	return rc;
}
