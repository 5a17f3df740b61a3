/* SPDX-License-Identifier: MIT */
/*
 * bundlefx: what the update tests share (header-only: each tests/test_*.c is
 * a program of its own): a temporary directory with a signing key and the
 * keyring trusting it, generated documents the parser accepts, sealing a
 * bundle folder (manifest of the files on disk, signed) with bundle.h's own
 * functions, and a checksum over every row of every table of a database.
 */
#ifndef BANGTIN_TESTS_BUNDLEFX_H
#define BANGTIN_TESTS_BUNDLEFX_H

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bundle.h"

/* A test's corner of /tmp: keys/ (NAME.key, NAME.pub) and whatever else. */
struct bfx {
	char dir[64];
	char keys[128];
	char key_name[BUNDLE_KEY_NAME_MAX];
	uint8_t sk[64];
	struct bundle_keyring kr;
};

/* rm -rf path (never following links); a missing path is fine. */
static inline void bfx_rm_rf(const char *path)
{
	struct stat st;
	DIR *d;
	struct dirent *e;

	if (lstat(path, &st) < 0)
		return;
	if (!S_ISDIR(st.st_mode)) {
		unlink(path);
		return;
	}
	if ((d = opendir(path))) {
		while ((e = readdir(d))) {
			char sub[4096];

			if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
				continue;
			if ((size_t)snprintf(sub, sizeof sub, "%s/%s", path, e->d_name) < sizeof sub)
				bfx_rm_rf(sub);
		}
		closedir(d);
	}
	rmdir(path);
}

/* Makes the directory, a key pair named name in dir/keys, and the keyring
 * trusting it. Returns 0 or -1 (message on stderr). */
static inline int bfx_init(struct bfx *b, const char *name)
{
	char err[BUNDLE_ERR_MAX], path[200];

	memset(b, 0, sizeof *b);
	snprintf(b->dir, sizeof b->dir, "/tmp/bangtin-update-XXXXXX");
	if (!mkdtemp(b->dir))
		return -1;
	snprintf(b->keys, sizeof b->keys, "%s/keys", b->dir);
	snprintf(path, sizeof path, "%s/%s.key", b->keys, name);
	if (mkdir(b->keys, 0700) < 0 || bundle_keygen(b->keys, name, err, sizeof err) < 0 ||
	    bundle_secret_load(path, b->key_name, b->sk, err, sizeof err) < 0 ||
	    bundle_keyring_load(b->keys, &b->kr, err, sizeof err) < 0) {
		fprintf(stderr, "bfx_init: %s\n", err);
		return -1;
	}
	return 0;
}

static inline void bfx_free(struct bfx *b)
{
	bundle_keyring_free(&b->kr);
	bfx_rm_rf(b->dir);
}

/* Writes len bytes to dir/rel, making the folders on the way. */
static inline int bfx_write(const char *dir, const char *rel, const void *data, size_t len)
{
	char path[4096];
	FILE *f;
	size_t ok;

	snprintf(path, sizeof path, "%s/%s", dir, rel);
	for (char *s = path + strlen(dir) + 1; (s = strchr(s, '/')); s++) {
		*s = '\0';
		mkdir(path, 0755);
		*s = '/';
	}
	if (!(f = fopen(path, "wb")))
		return -1;
	ok = fwrite(data, 1, len, f);
	return fclose(f) == 0 && ok == len ? 0 : -1;
}

static inline int bfx_write_str(const char *dir, const char *rel, const char *s)
{
	return bfx_write(dir, rel, s, strlen(s));
}

/* A notice the parser accepts: number n-TB/ĐUK, dated from n, its body
 * changing with variant (so a re-send with another variant is an update). */
static inline char *bfx_doc(int n, int variant, char *buf, size_t size)
{
	snprintf(buf, size,
		 "**ĐẢNG ỦY KHỐI CÁC CƠ QUAN TRUNG ƯƠNG**\n\n"
		 "**Số %d-TB/ĐUK**\n\n"
		 "**ĐẢNG CỘNG SẢN VIỆT NAM**\n\n"
		 "Hà Nội, ngày %02d tháng %02d năm %d\n\n"
		 "**THÔNG BÁO**\n\n"
		 "**Về lịch sinh hoạt chi bộ đợt %d**\n\n"
		 "Ban Thường vụ Đảng ủy Khối thông báo lịch sinh hoạt chi bộ định kỳ, "
		 "lần sửa %d. Đề nghị các chi bộ trực thuộc thực hiện nghiêm túc, báo cáo "
		 "kết quả về Văn phòng trước ngày %02d tháng %02d.\n\n"
		 "Nơi nhận:\n\n- Các chi bộ trực thuộc,\n- Lưu VP.\n\n"
		 "T/M BAN THƯỜNG VỤ\n\nPHÓ BÍ THƯ\n\nNguyễn Văn An\n",
		 n, n % 28 + 1, n / 28 % 12 + 1, 2000 + n / 336, n, variant, n % 28 + 1,
		 n / 28 % 12 + 1);
	return buf;
}

/* Writes document n (variant) to dir/rel. */
static inline int bfx_write_doc(const char *dir, const char *rel, int n, int variant)
{
	char buf[2048];

	return bfx_write_str(dir, rel, bfx_doc(n, variant, buf, sizeof buf));
}

/* What a bundle says besides its files. */
struct bfx_spec {
	int version;            /* 0: BUNDLE_FORMAT_VERSION */
	uint64_t sequence;
	enum bundle_mode mode;
	const char *const *withdraw;
	size_t nwithdraw;
	const struct bundle_display *display;
	size_t ndisplay;
};

/* Reads a whole file; NULL when it cannot. */
static inline char *bfx_read(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (buf = malloc((size_t)n + 1)) && fread(buf, 1, (size_t)n, f) == (size_t)n) {
		buf[n] = '\0';
		*len = (size_t)n;
	} else {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

/* Signs manifest bytes with the fixture's key into dir/manifest.sig. */
static inline int bfx_sign(const struct bfx *b, const char *dir, const char *text, size_t len)
{
	uint8_t sig[64];
	char line[256];

	if (bundle_sign((const uint8_t *)text, len, b->sk, sig) < 0 ||
	    bundle_sig_format(b->key_name, sig, line, sizeof line) < 0)
		return -1;
	return bfx_write_str(dir, BUNDLE_SIGNATURE, line);
}

/* Lists the files paths[0..n) of dir (as they are on disk now) in a
 * manifest with spec, writes it and its signature. Returns 0 or -1. */
static inline int bfx_seal(const struct bfx *b, const char *dir, const char *const *paths,
			   size_t n, const struct bfx_spec *spec)
{
	struct bundle_manifest m = {
		.version = spec->version ? spec->version : BUNDLE_FORMAT_VERSION,
		.created = 1700000000 + (int64_t)spec->sequence,
		.sequence = spec->sequence, .mode = spec->mode,
		.withdraw = (char **)spec->withdraw, .nwithdraw = spec->nwithdraw,
		.display = (struct bundle_display *)spec->display, .ndisplay = spec->ndisplay,
	};
	char path[4096], *text = NULL;
	size_t len = 0;
	int rc = -1;

	m.files = calloc(n ? n : 1, sizeof *m.files);
	m.nfiles = n;
	for (size_t i = 0; m.files && i < n; i++) {
		size_t flen;
		char *data;

		snprintf(path, sizeof path, "%s/%s", dir, paths[i]);
		if (!(data = bfx_read(path, &flen)))
			goto out;
		m.files[i].path = (char *)paths[i];
		m.files[i].size = flen;
		bundle_sha256((const uint8_t *)data, flen, m.files[i].sha256);
		free(data);
	}
	if (m.files && (text = bundle_manifest_format(&m, &len)) &&
	    bfx_write(dir, BUNDLE_MANIFEST, text, len) == 0 && bfx_sign(b, dir, text, len) == 0)
		rc = 0;
out:
	free(text);
	free(m.files);
	return rc;
}

/* A bundle folder b->dir/name with documents first .. first+n-1 (variant),
 * file names "vb%04d.txt"; sealed with spec. Returns 0 or -1. */
static inline int bfx_make(const struct bfx *b, const char *name, int first, int n,
			   int variant, const struct bfx_spec *spec, char *dir, size_t dirsize)
{
	char **paths = calloc((size_t)n + 1, sizeof *paths);
	int rc = 0;

	snprintf(dir, dirsize, "%s/%s", b->dir, name);
	bfx_rm_rf(dir);
	mkdir(dir, 0755);
	for (int i = 0; paths && i < n && rc == 0; i++) {
		char rel[32];

		snprintf(rel, sizeof rel, "vb%04d.txt", first + i);
		paths[i] = strdup(rel);
		rc = paths[i] ? bfx_write_doc(dir, rel, first + i, variant) : -1;
	}
	if (!paths || rc < 0 || bfx_seal(b, dir, (const char *const *)paths, (size_t)n, spec) < 0)
		rc = -1;
	for (int i = 0; paths && i < n; i++)
		free(paths[i]);
	free(paths);
	return rc;
}

/* What a database holds: a checksum over every row of every table, in key
 * order, with every column's type and bytes, and the row counts. */
struct bfx_sum {
	uint64_t hash;
	long long documents, blocks, refs, lists, meta, arrivals;
	int ok;            /* PRAGMA integrity_check said "ok" */
};

static inline void bfx_fnv(uint64_t *h, const void *p, size_t n)
{
	const unsigned char *c = p;

	while (n--) {
		*h ^= *c++;
		*h *= UINT64_C(0x100000001b3);
	}
}

static inline int bfx_sum_table(sqlite3 *db, const char *sql, uint64_t *h, long long *rows)
{
	sqlite3_stmt *s;
	int rc;

	*rows = 0;
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
		return -1;
	bfx_fnv(h, sql, strlen(sql));
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int ncol = sqlite3_column_count(s);

		(*rows)++;
		for (int c = 0; c < ncol; c++) {
			int type = sqlite3_column_type(s, c);
			const unsigned char *t = sqlite3_column_text(s, c);
			int len = sqlite3_column_bytes(s, c);

			bfx_fnv(h, &type, sizeof type);
			bfx_fnv(h, &len, sizeof len);
			if (t)
				bfx_fnv(h, t, (size_t)len);
		}
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Opens the file (recovering its WAL as any reader would), runs the
 * integrity check and sums every table. Returns 0 or -1. */
static inline int bfx_db_sum(const char *path, struct bfx_sum *sum)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *s;
	int rc = -1;

	memset(sum, 0, sizeof *sum);
	sum->hash = UINT64_C(0xcbf29ce484222325);
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		goto out;
	if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &s, NULL) != SQLITE_OK)
		goto out;
	sum->ok = sqlite3_step(s) == SQLITE_ROW &&
		  !strcmp((const char *)sqlite3_column_text(s, 0), "ok");
	sqlite3_finalize(s);
	if (bfx_sum_table(db, "SELECT * FROM documents ORDER BY id", &sum->hash, &sum->documents) ||
	    bfx_sum_table(db, "SELECT * FROM blocks ORDER BY doc_id, seq", &sum->hash, &sum->blocks) ||
	    bfx_sum_table(db, "SELECT * FROM refs ORDER BY doc_id, seq", &sum->hash, &sum->refs) ||
	    bfx_sum_table(db, "SELECT * FROM doc_lists ORDER BY doc_id, kind, seq", &sum->hash,
			  &sum->lists) ||
	    bfx_sum_table(db, "SELECT * FROM meta ORDER BY key", &sum->hash, &sum->meta) ||
	    bfx_sum_table(db, "SELECT * FROM arrivals ORDER BY id", &sum->hash, &sum->arrivals))
		goto out;
	rc = 0;
out:
	sqlite3_close(db);
	return rc;
}

static inline int bfx_sum_equal(const struct bfx_sum *a, const struct bfx_sum *b)
{
	return a->hash == b->hash && a->documents == b->documents && a->blocks == b->blocks &&
	       a->refs == b->refs && a->lists == b->lists && a->meta == b->meta &&
	       a->arrivals == b->arrivals;
}

/* Copies a file (a database without its WAL: close it first). */
static inline int bfx_copy(const char *from, const char *to)
{
	size_t len = 0;
	char *data = bfx_read(from, &len);
	FILE *f;
	int rc = -1;

	if (!data)
		return -1;
	if ((f = fopen(to, "wb"))) {
		rc = fwrite(data, 1, len, f) == len ? 0 : -1;
		if (fclose(f) != 0)
			rc = -1;
	}
	free(data);
	return rc;
}

#endif
