/* SPDX-License-Identifier: MIT */
/*
 * enrol: what a stick's folder asks (one NAME.pub alone; links and bad
 * names refused), the board's rule, the five-second hold on a simulated
 * clock, the question and results the screen and the stick get, and the
 * write of NAME.pub into a real key folder that the keyring then loads.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "enrol.h"

struct fx {
	char root[64], dir[96], keys[96], err[BUNDLE_ERR_MAX];
	struct bundle_key key; /* the one keygen made in keys/ */
};

static void put(const char *dir, const char *name, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static int setup(void **state)
{
	struct fx *fx = calloc(1, sizeof *fx);
	char path[200];

	if (!fx)
		return -1;
	strcpy(fx->root, "/tmp/test_enrol.XXXXXX");
	if (!mkdtemp(fx->root))
		return -1;
	snprintf(fx->dir, sizeof fx->dir, "%s/BANGTIN", fx->root);
	snprintf(fx->keys, sizeof fx->keys, "%s/office", fx->root);
	if (mkdir(fx->dir, 0755) || mkdir(fx->keys, 0700) ||
	    bundle_keygen(fx->keys, "office", fx->err, sizeof fx->err))
		return -1;
	snprintf(path, sizeof path, "%s/office.pub", fx->keys);
	if (bundle_pub_read(path, fx->key.pk, fx->err, sizeof fx->err))
		return -1;
	strcpy(fx->key.name, "office");
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fx *fx = *state;
	char cmd[128];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", fx->root);
	int rc = system(cmd);
	free(fx);
	return rc == 0 ? 0 : -1;
}

static void copy_pub(struct fx *fx, const char *as)
{
	char src[200], cmd[512];

	snprintf(src, sizeof src, "%s/office.pub", fx->keys);
	snprintf(cmd, sizeof cmd, "cp '%s' '%s/%s'", src, fx->dir, as);
	assert_int_equal(system(cmd), 0);
}

static void test_probe(void **state)
{
	struct fx *fx = *state;
	struct bundle_key k;
	char link[200], path[200];

	/* An empty folder, and a bundle, are not requests. */
	assert_int_equal(enrol_probe(fx->dir, &k, fx->err, sizeof fx->err), 0);
	copy_pub(fx, "vp-dang-uy.pub");
	assert_int_equal(enrol_probe(fx->dir, &k, fx->err, sizeof fx->err), 1);
	assert_string_equal(k.name, "vp-dang-uy");
	assert_memory_equal(k.pk, fx->key.pk, 32);
	/* The report of an earlier attempt does not count. */
	put(fx->dir, BUNDLE_REPORT, "x");
	assert_int_equal(enrol_probe(fx->dir, &k, fx->err, sizeof fx->err), 1);
	put(fx->dir, BUNDLE_MANIFEST, "bangtin-bundle 1\n");
	assert_int_equal(enrol_probe(fx->dir, &k, fx->err, sizeof fx->err), 0);
	snprintf(path, sizeof path, "%s/" BUNDLE_MANIFEST, fx->dir);
	unlink(path);
	/* A link is refused, never followed. */
	snprintf(path, sizeof path, "%s/vp-dang-uy.pub", fx->dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/office.pub", fx->keys);
	snprintf(link, sizeof link, "%s/office.pub", fx->dir);
	assert_int_equal(symlink(path, link), 0);
	assert_int_equal(enrol_probe(fx->dir, &k, fx->err, sizeof fx->err), -1);
	assert_non_null(strstr(fx->err, "BANGTIN/office.pub: not a regular file"));
	unlink(link);
	put(fx->dir, "văn phòng.pub", "ed25519 00\n");
	assert_int_equal(enrol_probe(fx->dir, &k, fx->err, sizeof fx->err), -1);
	assert_non_null(strstr(fx->err, "a key name is 1 to 63"));
	snprintf(path, sizeof path, "%s/văn phòng.pub", fx->dir);
	unlink(path);
	put(fx->dir, "bad.pub", "ed25519 xyz\n");
	assert_int_equal(enrol_probe(fx->dir, &k, fx->err, sizeof fx->err), -1);
	assert_non_null(strstr(fx->err, "bad.pub: not \"ed25519 \" and 64 hex digits"));
}

static void test_judge(void **state)
{
	struct fx *fx = *state;
	struct bundle_key other = fx->key;
	struct bundle_keyring none = { NULL, 0 }, one = { &other, 1 };

	assert_int_equal(enrol_judge(true, &none, &fx->key), ENROL_ASK);
	assert_int_equal(enrol_judge(false, &none, &fx->key), ENROL_DISABLED);
	assert_int_equal(enrol_judge(true, &one, &fx->key), ENROL_ALREADY);
	other.pk[0] ^= 1;
	assert_int_equal(enrol_judge(true, &one, &fx->key), ENROL_HAS_KEYS);
	strcpy(other.name, "khac");
	assert_int_equal(enrol_judge(true, &one, &fx->key), ENROL_HAS_KEYS);
	assert_non_null(strstr(enrol_verdict_vi(ENROL_HAS_KEYS), "ký bởi khóa đã tin cậy"));
	assert_non_null(strstr(enrol_verdict_vi(ENROL_DISABLED), "không nhận khóa từ USB"));
}

/* The hold, on a simulated clock in ms. */
static void test_hold(void **state)
{
	struct enrol_hold h;

	(void)state;
	enrol_hold_start(&h, 1000);
	assert_int_equal(enrol_hold_deadline(&h), 1000 + ENROL_TIMEOUT_MS);
	enrol_hold_select(&h, true, 2000);
	assert_int_equal(enrol_hold_deadline(&h), 2000 + ENROL_HOLD_MS);
	assert_int_equal(enrol_hold_percent(&h, 4500), 50);
	assert_int_equal(enrol_hold_tick(&h, 6999), ENROL_PENDING);
	enrol_hold_select(&h, false, 6999); /* let go 1 ms early */
	assert_int_equal(enrol_hold_tick(&h, 9000), ENROL_PENDING);
	assert_int_equal(enrol_hold_percent(&h, 9000), 0);
	enrol_hold_select(&h, true, 10000); /* a new hold starts from zero */
	enrol_hold_select(&h, true, 12000); /* a repeated "down" changes nothing */
	assert_int_equal(enrol_hold_tick(&h, 14999), ENROL_PENDING);
	assert_int_equal(enrol_hold_tick(&h, 15000), ENROL_ACCEPTED);
	assert_int_equal(enrol_hold_deadline(&h), INT64_MAX);
	enrol_hold_back(&h); /* decided: back changes nothing */
	assert_int_equal(enrol_hold_tick(&h, 16000), ENROL_ACCEPTED);

	enrol_hold_start(&h, 0);
	enrol_hold_select(&h, true, 100);
	enrol_hold_back(&h);
	assert_int_equal(enrol_hold_tick(&h, 100 + ENROL_HOLD_MS), ENROL_REJECTED);

	enrol_hold_start(&h, 0);
	assert_int_equal(enrol_hold_tick(&h, ENROL_TIMEOUT_MS - 1), ENROL_PENDING);
	assert_int_equal(enrol_hold_tick(&h, ENROL_TIMEOUT_MS), ENROL_EXPIRED);
}

static void test_texts(void **state)
{
	struct fx *fx = *state;
	char fp[BUNDLE_FINGERPRINT_MAX], nb[64], buf[512];
	size_t o = 0;

	bundle_fingerprint(fx->key.pk, fp);
	/* The screen's fingerprint keeps its groups together: no-break spaces. */
	for (const char *p = fp; *p; p++) {
		if (*p == ' ') {
			memcpy(nb + o, "\u00a0", 2);
			o += 2;
		} else {
			nb[o++] = *p;
		}
	}
	nb[o] = '\0';
	enrol_question_vi(&fx->key, buf, sizeof buf);
	assert_non_null(strstr(buf, "\"office\""));
	assert_non_null(strstr(buf, nb));
	assert_non_null(strstr(buf, "giữ nút Chọn 5 giây"));
	assert_non_null(strstr(enrol_result_vi(&fx->key, ENROL_ACCEPTED, true, buf, sizeof buf), fp));
	assert_non_null(strstr(buf, "Đã tin cậy khóa \"office\""));
	enrol_result_vi(&fx->key, ENROL_EXPIRED, false, buf, sizeof buf);
	assert_non_null(strstr(buf, "không ai giữ nút Chọn"));
	char rep[1024];
	assert_true(enrol_report_format(&fx->key, 1795425600, "Kết quả X", "key office: y", rep,
					sizeof rep) > 0);
	assert_non_null(strstr(rep, "BẢNG TIN - THÊM KHÓA KÝ NỘI DUNG\r\n"));
	assert_non_null(strstr(rep, "Khóa: office, mã nhận dạng "));
	assert_non_null(strstr(rep, fp));
	assert_non_null(strstr(rep, "Kết quả: Kết quả X\r\n"));
	assert_null(strstr(rep, "1970"));
}

static void test_write(void **state)
{
	struct fx *fx = *state;
	struct bundle_keyring kr;
	char keys[128], src[200], dst[200], cmd[1024];

	snprintf(keys, sizeof keys, "%s/board-keys", fx->root);
	/* A fresh board: the folder is made. */
	assert_int_equal(enrol_write(keys, &fx->key, fx->err, sizeof fx->err), 0);
	snprintf(src, sizeof src, "%s/office.pub", fx->keys);
	snprintf(dst, sizeof dst, "%s/office.pub", keys);
	snprintf(cmd, sizeof cmd, "cmp -s '%s' '%s' && test \"$(ls -A '%s')\" = office.pub", src,
		 dst, keys);
	assert_int_equal(system(cmd), 0); /* byte for byte, nothing else left */
	assert_int_equal(bundle_keyring_load(keys, &kr, fx->err, sizeof fx->err), 0);
	assert_int_equal(kr.n, 1);
	assert_memory_equal(kr.keys[0].pk, fx->key.pk, 32);
	bundle_keyring_free(&kr);
	/* Never replaced. */
	fx->key.pk[0] ^= 1;
	assert_int_equal(enrol_write(keys, &fx->key, fx->err, sizeof fx->err), -1);
	assert_non_null(strstr(fx->err, "office.pub: exists; not replaced"));
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_probe, setup, teardown),
		cmocka_unit_test_setup_teardown(test_judge, setup, teardown),
		cmocka_unit_test(test_hold),
		cmocka_unit_test_setup_teardown(test_texts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
