/* SPDX-License-Identifier: MIT */
/*
 * bundle: the manifest's text both ways and every refusal with its line,
 * path rules, the signature file, Ed25519 sign and verify, key files and the
 * keyring, and bundle_check_dir on real folders crafted for every verdict.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <sodium.h>

#include "bundle.h"
#include "bundle_int.h"
#include "testutil.h"

#define HDR "bangtin-bundle 1\ncreated 2026-11-23T09:41:00Z\nsequence 42\nmode merge\n"
#define H64 "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"

/* Each test's temporary folder, its keys and what a check fills. */
struct fx {
	char root[64];
	char keys[96];
	char dir[96]; /* the bundle folder, root/BANGTIN */
	uint8_t sk[64];
	char name[BUNDLE_KEY_NAME_MAX];
	struct bundle_keyring kr;
	struct bundle_manifest m;
	char err[BUNDLE_ERR_MAX];
};

static void rm_rf_at(int dfd, const char *name)
{
	int fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
	DIR *d;
	struct dirent *e;

	if (fd >= 0 && (d = fdopendir(fd))) {
		while ((e = readdir(d)))
			if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
				rm_rf_at(dirfd(d), e->d_name);
		closedir(d);
		unlinkat(dfd, name, AT_REMOVEDIR);
	} else {
		if (fd >= 0)
			close(fd);
		unlinkat(dfd, name, 0);
	}
}

static int setup(void **state)
{
	struct fx *fx = calloc(1, sizeof *fx);
	char path[160];

	if (!fx)
		return -1;
	strcpy(fx->root, "/tmp/test_bundle.XXXXXX");
	if (!mkdtemp(fx->root))
		return -1;
	snprintf(fx->keys, sizeof fx->keys, "%s/keys", fx->root);
	snprintf(fx->dir, sizeof fx->dir, "%s/BANGTIN", fx->root);
	if (mkdir(fx->keys, 0755) < 0 || mkdir(fx->dir, 0755) < 0)
		return -1;
	if (bundle_keygen(fx->keys, "vanphong", fx->err, sizeof fx->err) < 0)
		return -1;
	snprintf(path, sizeof path, "%s/vanphong.key", fx->keys);
	if (bundle_secret_load(path, fx->name, fx->sk, fx->err, sizeof fx->err) < 0)
		return -1;
	if (bundle_keyring_load(fx->keys, &fx->kr, fx->err, sizeof fx->err) < 0)
		return -1;
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fx *fx = *state;

	bundle_manifest_free(&fx->m);
	bundle_keyring_free(&fx->kr);
	rm_rf_at(AT_FDCWD, fx->root);
	free(fx);
	return 0;
}

/* Writes dir/manifest.txt as text and dir/manifest.sig over it by sk. */
static void write_signed(const char *dir, const char *text, size_t len, const uint8_t sk[64],
			 const char *key_name)
{
	char path[256], line[256];
	uint8_t sig[64];

	snprintf(path, sizeof path, "%s/%s", dir, BUNDLE_MANIFEST);
	tu_write_file(path, text, len);
	assert_int_equal(bundle_sign((const uint8_t *)text, len, sk, sig), 0);
	assert_int_equal(bundle_sig_format(key_name, sig, line, sizeof line), 0);
	snprintf(path, sizeof path, "%s/%s", dir, BUNDLE_SIGNATURE);
	tu_write_file(path, line, strlen(line));
}

struct tfile {
	const char *path, *text;
};

/* Writes the files under fx->dir (parents made) and a signed manifest
 * listing them, with extra records appended after the file lines. */
static void make_bundle(struct fx *fx, const struct tfile *files, size_t n, const char *tail)
{
	struct bundle_file bf[8];
	struct bundle_manifest m = { .version = 1, .created = 1795426860, .sequence = 7,
				     .mode = BUNDLE_MERGE, .files = bf, .nfiles = n };
	char path[256], *text, *all;
	size_t len;

	assert_true(n <= 8);
	for (size_t i = 0; i < n; i++) {
		snprintf(path, sizeof path, "%s/%s", fx->dir, files[i].path);
		for (char *s = path + strlen(fx->dir) + 1; (s = strchr(s, '/')); s++) {
			*s = '\0';
			mkdir(path, 0755);
			*s = '/';
		}
		tu_write_file(path, files[i].text, strlen(files[i].text));
		bf[i].path = (char *)files[i].path;
		bf[i].size = strlen(files[i].text);
		bundle_sha256((const uint8_t *)files[i].text, bf[i].size, bf[i].sha256);
	}
	text = bundle_manifest_format(&m, &len);
	assert_non_null(text);
	all = malloc(len + strlen(tail) + 1);
	assert_non_null(all);
	memcpy(all, text, len);
	strcpy(all + len, tail);
	write_signed(fx->dir, all, strlen(all), fx->sk, fx->name);
	free(text);
	free(all);
}

static const struct tfile two[] = {
	{ "516-KL-DUK.txt", "KẾT LUẬN\nsố 516-KL/ĐUK\n" },
	{ "thong-bao/12-TB.txt", "THÔNG BÁO\n" },
};

static enum bundle_verdict check(struct fx *fx, const struct bundle_limits *lim)
{
	char key[BUNDLE_KEY_NAME_MAX];
	enum bundle_verdict v;

	bundle_manifest_free(&fx->m);
	fx->err[0] = '\0';
	v = bundle_check_dir(fx->dir, &fx->kr, lim, &fx->m, key, fx->err, sizeof fx->err);
	if (v == BUNDLE_OK)
		assert_string_equal(key, "vanphong");
	else
		assert_int_equal(fx->m.nfiles, 0); /* nothing kept on refusal */
	return v;
}

/* ---- the manifest's text ---- */

static void test_manifest_roundtrip(void **state)
{
	struct bundle_file files[2] = { { "a.txt", 3, { 0 } }, { "sub/b.txt", 1048576, { 0 } } };
	char *wd[1] = { "08-NQ/ĐUK" };
	struct bundle_display disp[2] = { { "516-KL/ĐUK", 1795426860, 0, true },
					  { "12-TB/VPĐU", 0, 1798761600, false } };
	struct bundle_manifest m = { 1, 1795426860, 42, BUNDLE_REPLACE, files, 2, wd, 1, disp, 2,
				     NULL, 0 };
	struct bundle_manifest back;
	char err[BUNDLE_ERR_MAX], *text, *again;
	size_t len, len2;

	(void)state;
	memset(files[0].sha256, 0xab, 32);
	memset(files[1].sha256, 0x01, 32);
	text = bundle_manifest_format(&m, &len);
	assert_non_null(text);
	assert_int_equal(len, strlen(text));
	assert_string_equal(text,
		"bangtin-bundle 1\ncreated 2026-11-23T09:41:00Z\nsequence 42\nmode replace\n"
		"file a.txt 3 abababababababababababababababababababababababababababababababab\n"
		"file sub/b.txt 1048576 0101010101010101010101010101010101010101010101010101010101010101\n"
		"withdraw 08-NQ/ĐUK\n"
		"display 516-KL/ĐUK from 2026-11-23T09:41:00Z until - pin\n"
		"display 12-TB/VPĐU from - until 2027-01-01T00:00:00Z\n");
	assert_int_equal(bundle_manifest_parse(text, len, NULL, &back, err, sizeof err), 0);
	assert_int_equal(back.version, 1);
	assert_int_equal(back.created, 1795426860);
	assert_int_equal(back.sequence, 42);
	assert_int_equal(back.mode, BUNDLE_REPLACE);
	assert_int_equal(back.nfiles, 2);
	assert_string_equal(back.files[1].path, "sub/b.txt");
	assert_int_equal(back.files[1].size, 1048576);
	assert_memory_equal(back.files[0].sha256, files[0].sha256, 32);
	assert_int_equal(back.nwithdraw, 1);
	assert_string_equal(back.withdraw[0], "08-NQ/ĐUK");
	assert_int_equal(back.ndisplay, 2);
	assert_string_equal(back.display[0].symbol, "516-KL/ĐUK");
	assert_int_equal(back.display[0].from, 1795426860);
	assert_int_equal(back.display[0].until, 0);
	assert_true(back.display[0].pinned);
	assert_int_equal(back.display[1].from, 0);
	assert_int_equal(back.display[1].until, 1798761600);
	assert_false(back.display[1].pinned);
	again = bundle_manifest_format(&back, &len2);
	assert_non_null(again);
	assert_int_equal(len2, len);
	assert_memory_equal(again, text, len);
	free(again);
	free(text);
	bundle_manifest_free(&back);
	assert_null(back.files); /* free leaves it empty */
	bundle_manifest_free(NULL);
}

/* "key NAME HEX" records: a signed bundle's way to add a trusted key. */
static void test_manifest_keys(void **state)
{
	static const char text[] = HDR "withdraw 1-TB/X\n"
		"key vp-dang-uy " H64 "\n"
		"key van.thu 0000000000000000000000000000000000000000000000000000000000000001\n";
	static const struct { const char *text, *err; } bad[] = {
		{ HDR "key a " H64 "\nwithdraw 1-TB/X\n", "manifest.txt:6: withdraw: after the key lines" },
		{ HDR "key văn " H64 "\n", "manifest.txt:5: key: a key name is 1 to 63" },
		{ HDR "key a 9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08\n",
		  "manifest.txt:5: key: not lower-case hex" },
		{ HDR "key a 9f86\n", "manifest.txt:5: key: the public key is not 64 hex digits" },
		{ HDR "key a " H64 "\nkey b " H64 "\n", "manifest.txt:6: key: b: that name or key again" },
		{ HDR "key a\n", "manifest.txt:5: key: expected \"key NAME PUBLIC-KEY\"" },
	};
	struct bundle_manifest m;
	char err[BUNDLE_ERR_MAX], *again;
	size_t len;

	(void)state;
	assert_int_equal(bundle_manifest_parse(text, strlen(text), NULL, &m, err, sizeof err), 0);
	assert_int_equal(m.nkeys, 2);
	assert_string_equal(m.keys[0].name, "vp-dang-uy");
	assert_int_equal(m.keys[0].pk[0], 0x9f);
	assert_int_equal(m.keys[1].pk[31], 1);
	again = bundle_manifest_format(&m, &len);
	assert_non_null(again);
	assert_int_equal(len, strlen(text));
	assert_memory_equal(again, text, len);
	free(again);
	bundle_manifest_free(&m);
	assert_null(m.keys);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(bundle_manifest_parse(bad[i].text, strlen(bad[i].text), NULL, &m,
						       err, sizeof err), -1);
		if (!strstr(err, bad[i].err))
			fail_msg("case %zu: \"%s\" does not hold \"%s\"", i, err, bad[i].err);
	}
}

static void test_manifest_minimal(void **state)
{
	struct bundle_manifest m;
	char err[BUNDLE_ERR_MAX];

	(void)state;
	assert_int_equal(bundle_manifest_parse(HDR, strlen(HDR), NULL, &m, err, sizeof err), 0);
	assert_int_equal(m.sequence, 42);
	assert_int_equal(m.mode, BUNDLE_MERGE);
	assert_int_equal(m.nfiles + m.nwithdraw + m.ndisplay, 0);
	bundle_manifest_free(&m);
}

struct bad {
	const char *text, *err;
	enum bundle_verdict v;
};

static const struct bad bad_manifests[] = {
	{ "", "manifest.txt: ends before its four header lines (bangtin-bundle, created, "
	      "sequence, mode)", BUNDLE_BAD_MANIFEST },
	{ "bangtin-bundle 2\n", "manifest.txt:1: unknown format version 2 (this kiosk reads "
				"version 1)", BUNDLE_BAD_MANIFEST },
	{ "hello\n", "manifest.txt:1: not a bangtin bundle manifest (the first line is not "
		     "\"bangtin-bundle 1\")", BUNDLE_BAD_MANIFEST },
	{ "bangtin-bundle 1\nsequence 4\n", "manifest.txt:2: expected \"created\" on line 2",
	  BUNDLE_BAD_MANIFEST },
	{ "bangtin-bundle 1\ncreated 2026-02-29T00:00:00Z\n",
	  "manifest.txt:2: created: not a time like 2026-11-23T09:41:00Z", BUNDLE_BAD_MANIFEST },
	{ "bangtin-bundle 1\ncreated 2026-11-23 09:41\n",
	  "manifest.txt:2: created: expected one value", BUNDLE_BAD_MANIFEST },
	{ "bangtin-bundle 1\ncreated 2026-11-23T09:41:00Z\nsequence 042\n",
	  "manifest.txt:3: sequence: not a number from 1 to 18446744073709551615",
	  BUNDLE_BAD_MANIFEST },
	{ "bangtin-bundle 1\ncreated 2026-11-23T09:41:00Z\nsequence 18446744073709551616\n",
	  "manifest.txt:3: sequence: not a number from 1 to 18446744073709551615",
	  BUNDLE_BAD_MANIFEST },
	{ "bangtin-bundle 1\ncreated 2026-11-23T09:41:00Z\nsequence 0\n",
	  "manifest.txt:3: sequence: not a number from 1 to 18446744073709551615",
	  BUNDLE_BAD_MANIFEST },
	{ "bangtin-bundle 1\ncreated 2026-11-23T09:41:00Z\nsequence 1\nmode add\n",
	  "manifest.txt:4: mode: not merge or replace", BUNDLE_BAD_MANIFEST },
	{ HDR "file a.txt 3 " H64, "manifest.txt:5: the last line does not end with LF",
	  BUNDLE_BAD_MANIFEST },
	{ HDR "file a.txt 3 " H64 "\r\n",
	  "manifest.txt:5: carriage return (lines end with LF only)", BUNDLE_BAD_MANIFEST },
	{ HDR "\n", "manifest.txt:5: empty line", BUNDLE_BAD_MANIFEST },
	{ HDR "file  a.txt 3 " H64 "\n", "manifest.txt:5: fields are separated by one space",
	  BUNDLE_BAD_MANIFEST },
	{ HDR "file a.txt 3 " H64 " \n", "manifest.txt:5: fields are separated by one space",
	  BUNDLE_BAD_MANIFEST },
	{ HDR "copy a.txt\n", "manifest.txt:5: unknown keyword \"copy\"", BUNDLE_BAD_MANIFEST },
	{ HDR "file a.txt 3\n", "manifest.txt:5: file: expected \"file PATH SIZE SHA256\"",
	  BUNDLE_BAD_MANIFEST },
	{ HDR "file a.txt x3 " H64 "\n", "manifest.txt:5: file: size is not a number",
	  BUNDLE_BAD_MANIFEST },
	{ HDR "file a.txt -3 " H64 "\n", "manifest.txt:5: file: size is not a number",
	  BUNDLE_BAD_MANIFEST },
	{ HDR "file a.txt 3 9f86\n", "manifest.txt:5: file: SHA-256 is not 64 hex digits",
	  BUNDLE_BAD_MANIFEST },
	{ HDR "file a.txt 3 9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08\n",
	  "manifest.txt:5: file: SHA-256 is not lower-case hex", BUNDLE_BAD_MANIFEST },
	{ HDR "file ../etc/passwd 3 " H64 "\n",
	  "manifest.txt:5: file: '.' or '..' component leaves the bundle", BUNDLE_BAD_PATH },
	{ HDR "file /etc/passwd 3 " H64 "\n",
	  "manifest.txt:5: file: absolute path (starts with '/')", BUNDLE_BAD_PATH },
	{ HDR "file a/../../b 3 " H64 "\n",
	  "manifest.txt:5: file: '.' or '..' component leaves the bundle", BUNDLE_BAD_PATH },
	{ HDR "file a//b 3 " H64 "\n", "manifest.txt:5: file: empty path component",
	  BUNDLE_BAD_PATH },
	{ HDR "file manifest.sig 3 " H64 "\n",
	  "manifest.txt:5: file: manifest.sig is the bundle's own file", BUNDLE_BAD_PATH },
	{ HDR "file a.txt 3 " H64 "\nfile b.txt 3 " H64 "\nfile A.TXT 3 " H64 "\n",
	  "manifest.txt:7: file: A.TXT again (line 5; names differing only in case are the "
	  "same)", BUNDLE_BAD_MANIFEST },
	{ HDR "file a 3 " H64 "\nfile a-b 3 " H64 "\nfile a/b 3 " H64 "\n",
	  "manifest.txt:7: file: a is also a folder (line 7)", BUNDLE_BAD_MANIFEST },
	{ HDR "withdraw 1-TB/X\nfile a.txt 3 " H64 "\n",
	  "manifest.txt:6: file: after the withdraw lines (the order is file, withdraw, "
	  "display, key)", BUNDLE_BAD_MANIFEST },
	{ HDR "withdraw 1-TB/X\nwithdraw 2-TB/X\nwithdraw 1-TB/X\n",
	  "manifest.txt:7: 1-TB/X again (line 5)", BUNDLE_BAD_MANIFEST },
	{ HDR "withdraw 1-TB/X\ndisplay 1-TB/X from - until -\n",
	  "manifest.txt:6: 1-TB/X again (line 5)", BUNDLE_BAD_MANIFEST },
	/* The same document as the kiosk matches it (case, đ/Đ): withdrawn and
	 * pinned in one bundle is refused (issue 9). */
	{ HDR "withdraw 12-tb/vpđu\ndisplay 12-TB/VPĐU from - until - pin\n",
	  "manifest.txt:6: 12-TB/VPĐU again (line 5; symbols differing only in case are the same "
	  "document)", BUNDLE_BAD_MANIFEST },
	{ HDR "withdraw 7-KL/đuk\nwithdraw 7-kl/ĐUK\n",
	  "manifest.txt:6: 7-kl/ĐUK again (line 5; symbols differing only in case are the same "
	  "document)", BUNDLE_BAD_MANIFEST },
	{ HDR "withdraw\n", "manifest.txt:5: withdraw: expected \"withdraw SYMBOL\"",
	  BUNDLE_BAD_MANIFEST },
	{ HDR "withdraw 1-TB/\xc4\n", "manifest.txt:5: not UTF-8", BUNDLE_BAD_MANIFEST },
	{ HDR "withdraw 1-TB/\xc0\x80\n", "manifest.txt:5: not UTF-8", BUNDLE_BAD_MANIFEST },
	{ HDR "withdraw 1\t2\n", "manifest.txt:5: control character 0x09", BUNDLE_BAD_MANIFEST },
	{ HDR "display 1-TB/X from - until - pinned\n",
	  "manifest.txt:5: display: expected \"display SYMBOL from TIME until TIME [pin]\"",
	  BUNDLE_BAD_MANIFEST },
	{ HDR "display 1-TB/X from 2026-13-01T00:00:00Z until -\n",
	  "manifest.txt:5: display: from is not a time like 2026-11-23T09:41:00Z or -",
	  BUNDLE_BAD_MANIFEST },
	{ HDR "display 1-TB/X from - until 2026-11-23T09:41:00+07\n",
	  "manifest.txt:5: display: until is not a time like 2026-11-23T09:41:00Z or -",
	  BUNDLE_BAD_MANIFEST },
	{ HDR "display 1-TB/X from 2026-11-23T09:41:00Z until 2026-11-23T09:41:00Z\n",
	  "manifest.txt:5: display: from is not before until", BUNDLE_BAD_MANIFEST },
};

static void test_manifest_errors(void **state)
{
	struct bundle_manifest m;
	char err[BUNDLE_ERR_MAX];

	(void)state;
	for (size_t i = 0; i < sizeof bad_manifests / sizeof bad_manifests[0]; i++) {
		const struct bad *b = &bad_manifests[i];
		print_message("    case %zu: %s\n", i, b->err);
		err[0] = '\0';
		assert_int_equal(bundle_manifest_read(b->text, strlen(b->text), NULL, &m, err,
						      sizeof err), b->v);
		assert_string_equal(err, b->err);
		assert_null(m.files);
		assert_int_equal(m.nfiles, 0);
		assert_int_equal(bundle_manifest_parse(b->text, strlen(b->text), NULL, &m, err,
						       sizeof err), -1);
	}
	/* A NUL byte inside a line. */
	static const char nul[] = HDR "withdraw a\0b\n";
	assert_int_equal(bundle_manifest_read(nul, sizeof nul - 1, NULL, &m, err, sizeof err),
			 BUNDLE_BAD_MANIFEST);
	assert_string_equal(err, "manifest.txt:5: NUL byte");
}

static void test_manifest_limits(void **state)
{
	struct bundle_limits lim = { 2, 100, 150, 1024 };
	struct bundle_manifest m;
	char err[BUNDLE_ERR_MAX], big[1100];
	const char *three = HDR "file a 1 " H64 "\nfile b 1 " H64 "\nfile c 1 " H64 "\n";
	const char *large = HDR "file a 101 " H64 "\n";
	const char *total = HDR "file a 100 " H64 "\nfile b 51 " H64 "\n";

	(void)state;
	assert_int_equal(bundle_manifest_read(three, strlen(three), &lim, &m, err, sizeof err),
			 BUNDLE_TOO_LARGE);
	assert_string_equal(err, "manifest.txt:7: file: more than 2 files");
	assert_int_equal(bundle_manifest_read(large, strlen(large), &lim, &m, err, sizeof err),
			 BUNDLE_TOO_LARGE);
	assert_string_equal(err, "manifest.txt:5: file: a: 101 bytes, over the limit of 100");
	assert_int_equal(bundle_manifest_read(total, strlen(total), &lim, &m, err, sizeof err),
			 BUNDLE_TOO_LARGE);
	assert_string_equal(err, "manifest.txt:6: file: the files total over 150 bytes");
	memset(big, 'x', sizeof big);
	assert_int_equal(bundle_manifest_read(big, sizeof big, &lim, &m, err, sizeof err),
			 BUNDLE_TOO_LARGE);
	assert_string_equal(err, "manifest.txt: 1100 bytes, over the limit of 1024");
	/* Exactly at the limits is fine. */
	const char *at = HDR "file a 100 " H64 "\nfile b 50 " H64 "\n";
	assert_int_equal(bundle_manifest_read(at, strlen(at), &lim, &m, err, sizeof err),
			 BUNDLE_OK);
	assert_int_equal(m.nfiles, 2);
	bundle_manifest_free(&m);
	lim = bundle_limits_default();
	assert_int_equal(lim.max_files, 2000);
	assert_int_equal(lim.max_file_bytes, 1 << 20);
	assert_int_equal(lim.max_total_bytes, 256u << 20);
	assert_int_equal(lim.max_manifest_bytes, 1 << 20);
}

static void test_path_rules(void **state)
{
	static const struct {
		const char *path, *err;
	} cases[] = {
		{ "a.txt", NULL },
		{ "KL/2026/516-KL_DUK.v2.txt", NULL },
		{ "", "empty path" },
		{ "/etc/passwd", "absolute path (starts with '/')" },
		{ "..", "'.' or '..' component leaves the bundle" },
		{ "a/..", "'.' or '..' component leaves the bundle" },
		{ "a/../b", "'.' or '..' component leaves the bundle" },
		{ "./a", "'.' or '..' component leaves the bundle" },
		{ ".hidden", "component starts with '.' (hidden file)" },
		{ "a/..b", "component starts with '.' (hidden file)" },
		{ "a//b", "empty path component" },
		{ "a/", "empty path component" },
		{ "a b.txt", "character ' ': only A-Z a-z 0-9 . _ - and / are allowed" },
		{ "a\\b", "character '\\': only A-Z a-z 0-9 . _ - and / are allowed" },
		{ "Kết luận.txt", "byte 0xe1: only A-Z a-z 0-9 . _ - and / are allowed" },
		{ "a\nb", "byte 0x0a: only A-Z a-z 0-9 . _ - and / are allowed" },
		{ "manifest.txt", "manifest.txt is the bundle's own file" },
		{ "BAOCAO.TXT", "BAOCAO.TXT is the bundle's own file" },
	};
	char err[BUNDLE_ERR_MAX], longp[BUNDLE_PATH_MAX + 2];

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		err[0] = '\0';
		int rc = bundle_path_check(cases[i].path, strlen(cases[i].path), err, sizeof err);
		print_message("    %s\n", cases[i].path);
		assert_int_equal(rc, cases[i].err ? -1 : 0);
		assert_string_equal(err, cases[i].err ? cases[i].err : "");
	}
	memset(longp, 'a', sizeof longp);
	assert_int_equal(bundle_path_check(longp, BUNDLE_PATH_MAX, err, sizeof err), 0);
	assert_int_equal(bundle_path_check(longp, BUNDLE_PATH_MAX + 1, err, sizeof err), -1);
	assert_string_equal(err, "path longer than 255 bytes");
	/* "sub/manifest.txt" is an ordinary file: only the top level is reserved. */
	assert_int_equal(bundle_path_check("sub/manifest.txt", 16, err, sizeof err), 0);
}

/* ---- signature, keys ---- */

static void test_sig_file(void **state)
{
	uint8_t sig[64], back[64];
	char line[200], name[BUNDLE_KEY_NAME_MAX], err[BUNDLE_ERR_MAX], hex[129];

	(void)state;
	for (int i = 0; i < 64; i++)
		sig[i] = (uint8_t)(i * 7);
	assert_int_equal(bundle_sig_format("van-phong_1.x", sig, line, sizeof line), 0);
	sodium_bin2hex(hex, sizeof hex, sig, 64);
	assert_int_equal(strlen(line), 8 + 13 + 1 + 128 + 1);
	assert_memory_equal(line, "ed25519 van-phong_1.x ", 22);
	assert_memory_equal(line + 22, hex, 128);
	assert_int_equal(bundle_sig_parse(line, strlen(line), name, back, err, sizeof err), 0);
	assert_string_equal(name, "van-phong_1.x");
	assert_memory_equal(back, sig, 64);
	/* Too small a buffer, a bad name. */
	assert_int_equal(bundle_sig_format("k", sig, line, 100), -1);
	assert_int_equal(bundle_sig_format("a b", sig, line, sizeof line), -1);
	assert_int_equal(bundle_sig_format("", sig, line, sizeof line), -1);

	static const struct {
		const char *text, *err;
	} bad[] = {
		{ "", "manifest.sig: does not start with \"ed25519 \"" },
		{ "rsa k 00\n", "manifest.sig: does not start with \"ed25519 \"" },
		{ "ed25519 k\n", "manifest.sig: key name is not 1 to 63 of A-Z a-z 0-9 . _ -" },
		{ "ed25519  00\n", "manifest.sig: key name is not 1 to 63 of A-Z a-z 0-9 . _ -" },
		{ "ed25519 k/x 00\n", "manifest.sig: key name is not 1 to 63 of A-Z a-z 0-9 . _ -" },
		{ "ed25519 k 00\n", "manifest.sig: signature is not 128 hex digits and a line feed" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(bundle_sig_parse(bad[i].text, strlen(bad[i].text), name, back, err,
						  sizeof err), -1);
		assert_string_equal(err, bad[i].err);
	}
	/* No final line feed, a CRLF, a non-hex digit. */
	assert_int_equal(bundle_sig_format("van-phong_1.x", sig, line, sizeof line), 0);
	line[strlen(line) - 1] = '\0';
	assert_int_equal(bundle_sig_parse(line, strlen(line), name, back, err, sizeof err), -1);
	strcat(line, "\r\n");
	assert_int_equal(bundle_sig_parse(line, strlen(line), name, back, err, sizeof err), -1);
	line[strlen(line) - 2] = '\n';
	line[strlen(line) - 1] = '\0';
	line[30] = 'g';
	assert_int_equal(bundle_sig_parse(line, strlen(line), name, back, err, sizeof err), -1);
	assert_string_equal(err, "manifest.sig: signature is not lower-case hex");
	line[30] = 'A';
	assert_int_equal(bundle_sig_parse(line, strlen(line), name, back, err, sizeof err), -1);
}

static void test_hex_sha(void **state)
{
	uint8_t d[32], back[4];
	char hex[65];

	(void)state;
	bundle_sha256((const uint8_t *)"test", 4, d);
	sodium_bin2hex(hex, sizeof hex, d, 32);
	assert_string_equal(hex, H64);
	assert_int_equal(sodium_hex2bin(back, sizeof back, "00fFa5", 6, NULL, NULL, NULL), 0);
	assert_int_equal(back[0], 0);
	assert_int_equal(back[1], 0xff);
	assert_int_equal(back[2], 0xa5);
	assert_int_equal(sodium_hex2bin(back, sizeof back, "0", 1, NULL, NULL, NULL), -1);
	assert_int_equal(sodium_hex2bin(back, sizeof back, "0x", 2, NULL, NULL, NULL), -1);
}

static void test_sign_verify(void **state)
{
	struct fx *fx = *state;
	uint8_t msg[] = HDR, sig[64];

	assert_int_equal(fx->kr.n, 1);
	assert_int_equal(bundle_sign(msg, sizeof msg - 1, fx->sk, sig), 0);
	assert_true(bundle_verify(msg, sizeof msg - 1, sig, fx->kr.keys[0].pk));
	msg[20] ^= 1;
	assert_false(bundle_verify(msg, sizeof msg - 1, sig, fx->kr.keys[0].pk));
	msg[20] ^= 1;
	sig[63] ^= 0x80;
	assert_false(bundle_verify(msg, sizeof msg - 1, sig, fx->kr.keys[0].pk));
	sig[63] ^= 0x80;
	assert_false(bundle_verify(msg, sizeof msg - 2, sig, fx->kr.keys[0].pk));
	uint8_t other[32];
	memcpy(other, fx->kr.keys[0].pk, 32);
	other[0] ^= 4;
	assert_false(bundle_verify(msg, sizeof msg - 1, sig, other));
}

static void test_keygen(void **state)
{
	struct fx *fx = *state;
	char path[200], err[BUNDLE_ERR_MAX], *text, name[BUNDLE_KEY_NAME_MAX];
	uint8_t sk[64];
	struct stat st;
	size_t len;

	snprintf(path, sizeof path, "%s/vanphong.key", fx->keys);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	text = malloc(300);
	assert_non_null(text);
	{
		FILE *f = fopen(path, "r");
		assert_non_null(f);
		len = fread(text, 1, 299, f);
		fclose(f);
	}
	assert_int_equal(len, 15 + 128 + 1);
	assert_memory_equal(text, "ed25519-secret ", 15);
	snprintf(path, sizeof path, "%s/vanphong.pub", fx->keys);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0077, st.st_mode & 0044); /* readable, not writable */
	{
		FILE *f = fopen(path, "r");
		assert_non_null(f);
		len = fread(text, 1, 299, f);
		fclose(f);
	}
	assert_int_equal(len, 8 + 64 + 1);
	assert_memory_equal(text, "ed25519 ", 8);
	free(text);

	/* Never overwritten: the pair stays as it was. */
	assert_int_equal(bundle_keygen(fx->keys, "vanphong", err, sizeof err), -1);
	snprintf(path, sizeof path, "%s/vanphong.key: exists; not overwritten", fx->keys);
	assert_string_equal(err, path);
	snprintf(path, sizeof path, "%s/vanphong.key", fx->keys);
	assert_int_equal(bundle_secret_load(path, name, sk, err, sizeof err), 0);
	assert_memory_equal(sk, fx->sk, 64);
	/* A .pub alone also blocks keygen, and no .key is left behind. */
	snprintf(path, sizeof path, "%s/other.pub", fx->keys);
	tu_write_file(path, "x", 1);
	assert_int_equal(bundle_keygen(fx->keys, "other", err, sizeof err), -1);
	snprintf(path, sizeof path, "%s/other.key", fx->keys);
	assert_int_equal(access(path, F_OK), -1);
	snprintf(path, sizeof path, "%s/other.pub", fx->keys);
	unlink(path);
	assert_int_equal(bundle_keygen(fx->keys, "bad name", err, sizeof err), -1);
	assert_string_equal(err, "key name \"bad name\": use 1 to 63 of A-Z a-z 0-9 . _ -");
	assert_int_equal(bundle_keygen("/nonexistent/dir", "k", err, sizeof err), -1);
	assert_string_equal(err, "/nonexistent/dir/k.key: No such file or directory");
}

static void test_secret_load_errors(void **state)
{
	struct fx *fx = *state;
	char path[200], want[300], err[BUNDLE_ERR_MAX], name[BUNDLE_KEY_NAME_MAX];
	uint8_t sk[64];
	char text[200];

	snprintf(path, sizeof path, "%s/k.secret", fx->root);
	assert_int_equal(bundle_secret_load(path, name, sk, err, sizeof err), -1);
	snprintf(want, sizeof want, "%s: a secret key file is NAME.key, NAME of 1 to 63 of A-Z "
		 "a-z 0-9 . _ -", path);
	assert_string_equal(err, want);
	snprintf(path, sizeof path, "%s/k.key", fx->root);
	tu_write_file(path, "ed25519 00\n", 11);
	assert_int_equal(chmod(path, 0600), 0);
	assert_int_equal(bundle_secret_load(path, name, sk, err, sizeof err), -1);
	snprintf(want, sizeof want, "%s: not \"ed25519-secret \" and 128 hex digits", path);
	assert_string_equal(err, want);
	/* A secret whose public half was damaged. */
	strcpy(text, "ed25519-secret ");
	memcpy(sk, fx->sk, 64);
	sk[40] ^= 1;
	sodium_bin2hex(text + 15, sizeof text - 15, sk, 64);
	strcat(text, "\n");
	tu_write_file(path, text, strlen(text));
	assert_int_equal(bundle_secret_load(path, name, sk, err, sizeof err), -1);
	snprintf(want, sizeof want, "%s: damaged (its public half does not match)", path);
	assert_string_equal(err, want);

	/* A good secret others may read (issue 9): refused, saying how to fix
	 * it, as ssh does; group-readable too. */
	strcpy(text, "ed25519-secret ");
	sodium_bin2hex(text + 15, 129, fx->sk, 64);
	strcat(text, "\n");
	tu_write_file(path, text, strlen(text));
	for (int i = 0; i < 3; i++) {
		mode_t mode = i == 0 ? 0666 : i == 1 ? 0644 : 0640;

		assert_int_equal(chmod(path, mode), 0);
		assert_int_equal(bundle_secret_load(path, name, sk, err, sizeof err), -1);
		snprintf(want, sizeof want, "%s: mode %04o lets others read", path, (unsigned)mode);
		assert_non_null(strstr(err, want));
		snprintf(want, sizeof want, "chmod 600 %s", path);
		assert_non_null(strstr(err, want));
	}
	assert_int_equal(chmod(path, 0600), 0);
	assert_int_equal(bundle_secret_load(path, name, sk, err, sizeof err), 0);
	assert_memory_equal(sk, fx->sk, 64);
}

static void test_keyring(void **state)
{
	struct fx *fx = *state;
	struct bundle_keyring kr;
	char path[200], want[300], err[BUNDLE_ERR_MAX];

	assert_int_equal(bundle_keygen(fx->keys, "a-first", err, sizeof err), 0);
	snprintf(path, sizeof path, "%s/README.txt", fx->keys);
	tu_write_file(path, "not a key", 9);
	snprintf(path, sizeof path, "%s/old.pub.bak", fx->keys);
	tu_write_file(path, "not a key", 9);
	assert_int_equal(bundle_keyring_load(fx->keys, &kr, err, sizeof err), 0);
	assert_int_equal(kr.n, 2); /* the .key, .txt and .bak files are not keys */
	assert_string_equal(kr.keys[0].name, "a-first");
	assert_string_equal(kr.keys[1].name, "vanphong");
	assert_memory_equal(kr.keys[1].pk, fx->sk + 32, 32);
	bundle_keyring_free(&kr);
	assert_null(kr.keys);

	/* A malformed .pub refuses the whole keyring, naming the file. */
	snprintf(path, sizeof path, "%s/broken.pub", fx->keys);
	tu_write_file(path, "ed25519 abc\n", 12);
	assert_int_equal(bundle_keyring_load(fx->keys, &kr, err, sizeof err), -1);
	snprintf(want, sizeof want, "%s/broken.pub: not \"ed25519 \" and 64 hex digits", fx->keys);
	assert_string_equal(err, want);
	assert_int_equal(kr.n, 0);
	unlink(path);
	snprintf(path, sizeof path, "%s/bad name.pub", fx->keys);
	tu_write_file(path, "x", 1);
	assert_int_equal(bundle_keyring_load(fx->keys, &kr, err, sizeof err), -1);
	snprintf(want, sizeof want, "%s/bad name.pub: a key name is 1 to 63 of A-Z a-z 0-9 . _ -",
		 fx->keys);
	assert_string_equal(err, want);
	unlink(path);

	/* One key under two names. */
	snprintf(path, sizeof path, "%s/vanphong.pub", fx->keys);
	snprintf(want, sizeof want, "%s/copy.pub", fx->keys);
	assert_int_equal(link(path, want), 0);
	assert_int_equal(bundle_keyring_load(fx->keys, &kr, err, sizeof err), -1);
	snprintf(path, sizeof path, "%s: copy.pub and vanphong.pub hold the same key", fx->keys);
	assert_string_equal(err, path);
	assert_int_equal(kr.n, 0);
	snprintf(path, sizeof path, "%s/copy.pub", fx->keys);
	unlink(path);

	/* An empty folder too. */
	snprintf(path, sizeof path, "%s/none", fx->root);
	assert_int_equal(mkdir(path, 0755), 0);
	assert_int_equal(bundle_keyring_load(path, &kr, err, sizeof err), 0);
	assert_int_equal(kr.n, 0);
	bundle_keyring_free(&kr);

	/* A missing folder is an empty keyring: every bundle is untrusted. */
	assert_int_equal(bundle_keyring_load("/nonexistent/keys", &kr, err, sizeof err), 0);
	assert_int_equal(kr.n, 0);
	bundle_keyring_free(&kr);
}

/* ---- the folder check, one verdict after another ---- */

static void test_check_ok(void **state)
{
	struct fx *fx = *state;
	char path[200];

	make_bundle(fx, two, 2, "withdraw 08-NQ/ĐUK\ndisplay 516-KL/ĐUK from - until - pin\n");
	/* The kiosk's own report and an empty folder are no reason to refuse. */
	snprintf(path, sizeof path, "%s/" BUNDLE_REPORT, fx->dir);
	tu_write_file(path, "Đã cập nhật", strlen("Đã cập nhật"));
	snprintf(path, sizeof path, "%s/empty", fx->dir);
	assert_int_equal(mkdir(path, 0755), 0);
	assert_int_equal(check(fx, NULL), BUNDLE_OK);
	assert_string_equal(fx->err, "");
	assert_int_equal(fx->m.nfiles, 2);
	assert_int_equal(fx->m.sequence, 7);
	assert_string_equal(fx->m.files[1].path, "thong-bao/12-TB.txt");
	assert_string_equal(fx->m.withdraw[0], "08-NQ/ĐUK");
	assert_true(fx->m.display[0].pinned);
}

static void test_check_no_signature(void **state)
{
	struct fx *fx = *state;
	char path[200];

	make_bundle(fx, two, 2, "");
	snprintf(path, sizeof path, "%s/" BUNDLE_SIGNATURE, fx->dir);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(check(fx, NULL), BUNDLE_NO_SIGNATURE);
	assert_string_equal(fx->err, "manifest.sig: missing");
}

static void test_check_bad_signature(void **state)
{
	struct fx *fx = *state;
	char path[200];

	/* The manifest changed after signing (sequence 7 -> 9). */
	make_bundle(fx, two, 2, "");
	snprintf(path, sizeof path, "%s/" BUNDLE_MANIFEST, fx->dir);
	{
		FILE *f = fopen(path, "r+");
		assert_non_null(f);
		assert_int_equal(fseek(f, strlen("bangtin-bundle 1\ncreated 2026-11-23T09:41:00Z\n"
						   "sequence "), SEEK_SET), 0);
		assert_int_equal(fputc('9', f), '9');
		fclose(f);
	}
	assert_int_equal(check(fx, NULL), BUNDLE_BAD_SIGNATURE);
	assert_string_equal(fx->err, "manifest.sig: the signature by key \"vanphong\" does not "
				     "match manifest.txt");
	/* A signature file that is not one. */
	snprintf(path, sizeof path, "%s/" BUNDLE_SIGNATURE, fx->dir);
	tu_write_file(path, "ed25519 vanphong zz\n", 20);
	assert_int_equal(check(fx, NULL), BUNDLE_BAD_SIGNATURE);
	assert_string_equal(fx->err,
			    "manifest.sig: signature is not 128 hex digits and a line feed");
	/* Signed by a stranger who names our key. */
	uint8_t pk[32], sk[64];
	assert_int_equal(bundle_sodium(NULL, 0), 0);
	make_bundle(fx, two, 2, "");
	snprintf(path, sizeof path, "%s/" BUNDLE_MANIFEST, fx->dir);
	{
		size_t len;
		char *text = NULL;
		FILE *f = fopen(path, "r");
		assert_non_null(f);
		text = calloc(1, 4096);
		assert_non_null(text);
		len = fread(text, 1, 4095, f);
		fclose(f);
		crypto_sign_keypair(pk, sk);
		write_signed(fx->dir, text, len, sk, "vanphong");
		free(text);
	}
	assert_int_equal(check(fx, NULL), BUNDLE_BAD_SIGNATURE);
}

static void test_check_untrusted(void **state)
{
	struct fx *fx = *state;
	struct bundle_keyring empty = { NULL, 0 };
	char key[BUNDLE_KEY_NAME_MAX];

	make_bundle(fx, two, 2, "");
	/* Renamed key: the signer names a key the kiosk does not hold. */
	strcpy(fx->name, "stranger");
	make_bundle(fx, two, 2, "");
	assert_int_equal(check(fx, NULL), BUNDLE_UNTRUSTED_KEY);
	assert_string_equal(fx->err, "manifest.sig: signed with key \"stranger\", which is not "
				     "among the 1 trusted keys");
	strcpy(fx->name, "vanphong");
	make_bundle(fx, two, 2, "");
	/* No key at all: a new board, told how to enrol one. */
	assert_int_equal(bundle_check_dir(fx->dir, &empty, NULL, &fx->m, key, fx->err,
					  sizeof fx->err), BUNDLE_NO_KEYS);
	assert_string_equal(key, "vanphong"); /* the claimed signer, for the log */
	assert_string_equal(fx->err, "manifest.sig: signed with key \"vanphong\", but no key "
				     "is trusted yet (enrol one: bangtin.conf(5), [update] enrol)");
	assert_non_null(strstr(bundle_verdict_vi(BUNDLE_NO_KEYS), "giữ nút Chọn 5 giây"));
	assert_int_equal(bundle_check_dir(fx->dir, NULL, NULL, &fx->m, key, fx->err,
					  sizeof fx->err), BUNDLE_NO_KEYS);
}

static void test_check_missing_extra(void **state)
{
	struct fx *fx = *state;
	char path[200];

	make_bundle(fx, two, 2, "");
	snprintf(path, sizeof path, "%s/thong-bao/12-TB.txt", fx->dir);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(check(fx, NULL), BUNDLE_FILE_MISSING);
	assert_string_equal(fx->err, "thong-bao/12-TB.txt: in the manifest but not in the folder");

	make_bundle(fx, two, 2, "");
	snprintf(path, sizeof path, "%s/thong-bao/13-TB.txt", fx->dir);
	tu_write_file(path, "x", 1);
	assert_int_equal(check(fx, NULL), BUNDLE_FILE_EXTRA);
	assert_string_equal(fx->err, "thong-bao/13-TB.txt: not in the manifest");
	assert_int_equal(unlink(path), 0);
	/* Case matters on the board: 516-kl-duk.txt is not 516-KL-DUK.txt. */
	snprintf(path, sizeof path, "%s/516-KL-DUK.txt", fx->dir);
	assert_int_equal(unlink(path), 0);
	snprintf(path, sizeof path, "%s/516-kl-duk.txt", fx->dir);
	tu_write_file(path, two[0].text, strlen(two[0].text));
	assert_int_equal(check(fx, NULL), BUNDLE_FILE_EXTRA);
	assert_string_equal(fx->err, "516-kl-duk.txt: not in the manifest");
}

static void test_check_mismatch(void **state)
{
	struct fx *fx = *state;
	char path[200];

	make_bundle(fx, two, 2, "");
	snprintf(path, sizeof path, "%s/thong-bao/12-TB.txt", fx->dir);
	tu_write_file(path, "THÔNG BÁO!\n", strlen("THÔNG BÁO!\n"));
	assert_int_equal(check(fx, NULL), BUNDLE_FILE_MISMATCH);
	assert_string_equal(fx->err, "thong-bao/12-TB.txt: 13 bytes, the manifest says 12");
	/* Same size, one byte changed. */
	tu_write_file(path, "THÔNG BÁO.", strlen("THÔNG BÁO."));
	assert_int_equal(check(fx, NULL), BUNDLE_FILE_MISMATCH);
	assert_string_equal(fx->err, "thong-bao/12-TB.txt: SHA-256 differs from the manifest's");
}

static void test_check_symlinks(void **state)
{
	struct fx *fx = *state;
	char path[200], target[200];

	/* A listed file replaced by a link to a copy inside the bundle. */
	make_bundle(fx, two, 2, "");
	snprintf(path, sizeof path, "%s/516-KL-DUK.txt", fx->dir);
	snprintf(target, sizeof target, "%s/copy", fx->root);
	assert_int_equal(rename(path, target), 0);
	assert_int_equal(symlink("thong-bao/12-TB.txt", path), 0);
	assert_int_equal(check(fx, NULL), BUNDLE_NOT_REGULAR);
	assert_string_equal(fx->err, "516-KL-DUK.txt: a symbolic link");
	assert_int_equal(unlink(path), 0);
	/* ...and to a file outside it, with the very content listed. */
	assert_int_equal(symlink(target, path), 0);
	assert_int_equal(check(fx, NULL), BUNDLE_NOT_REGULAR);
	assert_string_equal(fx->err, "516-KL-DUK.txt: a symbolic link");
	assert_int_equal(unlink(path), 0);
	assert_int_equal(rename(target, path), 0);
	assert_int_equal(check(fx, NULL), BUNDLE_OK);
	/* A folder on the way that is a link to /etc. */
	snprintf(path, sizeof path, "%s/etc", fx->dir);
	assert_int_equal(symlink("/etc", path), 0);
	assert_int_equal(check(fx, NULL), BUNDLE_NOT_REGULAR);
	assert_string_equal(fx->err, "etc: a symbolic link");
	assert_int_equal(unlink(path), 0);
	/* The signature itself a link. */
	snprintf(path, sizeof path, "%s/" BUNDLE_SIGNATURE, fx->dir);
	snprintf(target, sizeof target, "%s/sig", fx->root);
	assert_int_equal(rename(path, target), 0);
	assert_int_equal(symlink(target, path), 0);
	assert_int_equal(check(fx, NULL), BUNDLE_NOT_REGULAR);
	assert_string_equal(fx->err, "manifest.sig: a symbolic link");
	/* The bundle folder itself a link. */
	assert_int_equal(unlink(path), 0);
	assert_int_equal(rename(target, path), 0);
	snprintf(path, sizeof path, "%s/link", fx->root);
	assert_int_equal(symlink(fx->dir, path), 0);
	char key[BUNDLE_KEY_NAME_MAX];
	assert_int_equal(bundle_check_dir(path, &fx->kr, NULL, &fx->m, key, fx->err,
					  sizeof fx->err), BUNDLE_NOT_REGULAR);
}

static void test_check_special(void **state)
{
	struct fx *fx = *state;
	char path[200];

	make_bundle(fx, two, 2, "");
	snprintf(path, sizeof path, "%s/thong-bao/pipe", fx->dir);
	assert_int_equal(mkfifo(path, 0644), 0);
	assert_int_equal(check(fx, NULL), BUNDLE_NOT_REGULAR); /* and does not hang */
	assert_string_equal(fx->err, "thong-bao/pipe: a FIFO");
	assert_int_equal(unlink(path), 0);
	/* A socket. */
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int sock = socket(AF_UNIX, SOCK_STREAM, 0);
	assert_true(sock >= 0);
	snprintf(sa.sun_path, sizeof sa.sun_path, "%s/sock", fx->dir);
	assert_int_equal(bind(sock, (struct sockaddr *)&sa, sizeof sa), 0);
	assert_int_equal(check(fx, NULL), BUNDLE_NOT_REGULAR);
	assert_string_equal(fx->err, "sock: a socket");
	close(sock);
	assert_int_equal(unlink(sa.sun_path), 0);
	assert_int_equal(check(fx, NULL), BUNDLE_OK);
	/* A listed name that is a folder. */
	snprintf(path, sizeof path, "%s/thong-bao/12-TB.txt", fx->dir);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(mkdir(path, 0755), 0);
	assert_int_equal(check(fx, NULL), BUNDLE_FILE_MISSING);
}

static void test_check_limits(void **state)
{
	struct fx *fx = *state;
	struct bundle_limits lim = bundle_limits_default();
	char path[200];

	make_bundle(fx, two, 2, "");
	lim.max_files = 1;
	assert_int_equal(check(fx, &lim), BUNDLE_TOO_LARGE);
	assert_string_equal(fx->err, "manifest.txt:6: file: more than 1 files");
	lim = bundle_limits_default();
	lim.max_file_bytes = 16;
	assert_int_equal(check(fx, &lim), BUNDLE_TOO_LARGE);
	assert_string_equal(fx->err, "manifest.txt:5: file: 516-KL-DUK.txt: 30 bytes, over the "
				     "limit of 16");
	/* Listed small, grown past the limit on disk: refused before hashing. */
	lim.max_file_bytes = 20;
	snprintf(path, sizeof path, "%s/thong-bao/12-TB.txt", fx->dir);
	tu_write_file(path, "0123456789012345678901234", 25);
	struct tfile small[] = { { "thong-bao/12-TB.txt", "x" } };
	make_bundle(fx, small, 1, "");
	snprintf(path, sizeof path, "%s/516-KL-DUK.txt", fx->dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/thong-bao/12-TB.txt", fx->dir);
	tu_write_file(path, "0123456789012345678901234", 25);
	assert_int_equal(check(fx, &lim), BUNDLE_TOO_LARGE);
	assert_string_equal(fx->err, "thong-bao/12-TB.txt: 25 bytes, over the limit of 20");
	/* A manifest over its limit. */
	lim = bundle_limits_default();
	lim.max_manifest_bytes = 64;
	assert_int_equal(check(fx, &lim), BUNDLE_TOO_LARGE);
	/* Too many entries in the folder, listed or not. */
	lim = bundle_limits_default();
	lim.max_files = 2;
	tu_write_file(path, "x", 1);
	for (int i = 0; i < 30; i++) {
		snprintf(path, sizeof path, "%s/d%d", fx->dir, i);
		assert_int_equal(mkdir(path, 0755), 0);
	}
	assert_int_equal(check(fx, &lim), BUNDLE_TOO_LARGE);
	assert_non_null(strstr(fx->err, ": the folder holds more than 20 entries"));
}

static void test_check_manifest(void **state)
{
	struct fx *fx = *state;
	char path[200];
	const char *v2 = "bangtin-bundle 2\ncreated 2026-11-23T09:41:00Z\nsequence 1\nmode merge\n";
	const char *esc = HDR "file ../x 1 " H64 "\n";

	write_signed(fx->dir, v2, strlen(v2), fx->sk, fx->name);
	assert_int_equal(check(fx, NULL), BUNDLE_BAD_MANIFEST);
	assert_string_equal(fx->err, "manifest.txt:1: unknown format version 2 (this kiosk reads "
				     "version 1)");
	write_signed(fx->dir, esc, strlen(esc), fx->sk, fx->name);
	assert_int_equal(check(fx, NULL), BUNDLE_BAD_PATH);
	assert_string_equal(fx->err, "manifest.txt:5: file: '.' or '..' component leaves the "
				     "bundle");
	snprintf(path, sizeof path, "%s/" BUNDLE_MANIFEST, fx->dir);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(check(fx, NULL), BUNDLE_BAD_MANIFEST);
	assert_string_equal(fx->err, "manifest.txt: missing");
}

static void test_check_io(void **state)
{
	struct fx *fx = *state;
	char path[200], key[BUNDLE_KEY_NAME_MAX];

	snprintf(path, sizeof path, "%s/nothing-here", fx->root);
	assert_int_equal(bundle_check_dir(path, &fx->kr, NULL, &fx->m, key, fx->err,
					  sizeof fx->err), BUNDLE_IO);
	assert_non_null(strstr(fx->err, "nothing-here: No such file or directory"));
}

/* The fingerprint people compare: SHA-256 of the 32 key bytes, first 8
 * bytes, upper case, four groups (sha256sum of 32 zero bytes starts
 * 66687aadf862bd77); and the .pub reader, which never follows a link. */
static void test_fingerprint(void **state)
{
	struct fx *fx = *state;
	uint8_t zero[32] = { 0 }, pk[32];
	char fp[BUNDLE_FINGERPRINT_MAX], path[200], link[200];

	assert_string_equal(bundle_fingerprint(zero, fp), "6668 7AAD F862 BD77");
	snprintf(path, sizeof path, "%s/vanphong.pub", fx->keys);
	assert_int_equal(bundle_pub_read(path, pk, fx->err, sizeof fx->err), 0);
	assert_memory_equal(pk, fx->kr.keys[0].pk, 32);
	assert_memory_equal(pk, fx->sk + 32, 32);
	snprintf(link, sizeof link, "%s/link.pub", fx->root);
	assert_int_equal(symlink(path, link), 0);
	assert_int_equal(bundle_pub_read(link, pk, fx->err, sizeof fx->err), -1);
	assert_non_null(strstr(fx->err, "link.pub"));
	snprintf(path, sizeof path, "%s/bad.pub", fx->root);
	tu_write_file(path, "ed25519 xyz\n", 12);
	assert_int_equal(bundle_pub_read(path, pk, fx->err, sizeof fx->err), -1);
	assert_non_null(strstr(fx->err, "bad.pub: not \"ed25519 \" and 64 hex digits"));
}

static void test_verdicts_vi(void **state)
{
	(void)state;
	assert_string_equal(bundle_verdict_vi(BUNDLE_NO_SIGNATURE), "Gói nội dung không có chữ ký.");
	for (int v = BUNDLE_OK; v <= BUNDLE_IO; v++) {
		const char *s = bundle_verdict_vi((enum bundle_verdict)v);
		assert_non_null(s);
		assert_true(strlen(s) > 10);
		assert_int_equal(s[strlen(s) - 1], '.');
		for (int w = BUNDLE_OK; w < v; w++)
			assert_string_not_equal(s, bundle_verdict_vi((enum bundle_verdict)w));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_manifest_roundtrip),
		cmocka_unit_test(test_manifest_minimal),
		cmocka_unit_test(test_manifest_keys),
		cmocka_unit_test(test_manifest_errors),
		cmocka_unit_test(test_manifest_limits),
		cmocka_unit_test(test_path_rules),
		cmocka_unit_test(test_sig_file),
		cmocka_unit_test(test_hex_sha),
		cmocka_unit_test(test_verdicts_vi),
		cmocka_unit_test_setup_teardown(test_sign_verify, setup, teardown),
		cmocka_unit_test_setup_teardown(test_keygen, setup, teardown),
		cmocka_unit_test_setup_teardown(test_secret_load_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_keyring, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fingerprint, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_ok, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_no_signature, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_bad_signature, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_untrusted, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_missing_extra, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_mismatch, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_symlinks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_special, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_limits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_manifest, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_io, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
