/* SPDX-License-Identifier: MIT */
/*
 * bundle_manifest.c: the manifest's text form, read strictly (one spelling
 * per manifest: fixed header, single spaces, LF, records in canonical order)
 * and written canonically. Pure: no I/O, no clock.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sodium.h>

#include "bundle.h"
#include "bundle_int.h"
#include "norm.h"

#define MAGIC "bangtin-bundle"
#define MAX_TOKENS 8

/* Sections of the body, in their canonical order. */
enum section { SEC_FILE, SEC_WITHDRAW, SEC_DISPLAY, SEC_KEY };
static const char *const section_kw[] = { "file", "withdraw", "display", "key" };

struct reader {
	const struct bundle_limits *lim;
	struct bundle_manifest *m;
	unsigned line;
	char *err;
	size_t errsize;
	enum bundle_verdict v; /* of the first error */
	unsigned *file_line, *sym_line; /* line of each record, for duplicates */
	size_t file_cap, withdraw_cap, display_cap, file_line_cap, sym_cap;
	uint64_t total;
};

/* One line split on single spaces. */
struct tokens {
	const char *s[MAX_TOKENS];
	size_t len[MAX_TOKENS];
	size_t n;
};

__attribute__((format(printf, 3, 4)))
static int fail(struct reader *r, enum bundle_verdict v, const char *fmt, ...)
{
	char msg[BUNDLE_ERR_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	r->v = v;
	if (r->line)
		return bundle_err(r->err, r->errsize, BUNDLE_MANIFEST ":%u: %s", r->line, msg);
	return bundle_err(r->err, r->errsize, BUNDLE_MANIFEST ": %s", msg);
}

static int split(struct reader *r, const char *s, size_t len, struct tokens *t)
{
	size_t start = 0;

	t->n = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && s[i] != ' ')
			continue;
		if (i == start)
			return fail(r, BUNDLE_BAD_MANIFEST,
				    len == 0 ? "empty line" : "fields are separated by one space");
		if (t->n == MAX_TOKENS)
			return fail(r, BUNDLE_BAD_MANIFEST, "too many fields");
		t->s[t->n] = s + start;
		t->len[t->n++] = i - start;
		start = i + 1;
	}
	return 0;
}

static bool tok_is(const struct tokens *t, size_t i, const char *word)
{
	return i < t->n && t->len[i] == strlen(word) && memcmp(t->s[i], word, t->len[i]) == 0;
}

/* 64 hex digits into 32 bytes (libsodium), in the one spelling the
 * manifest has: 0, 1 when they are not 64 hex digits, 2 when some are
 * upper case. */
static int parse_hex32(const char *s, size_t len, uint8_t out[32])
{
	if (len != 64 || sodium_hex2bin(out, 32, s, 64, NULL, NULL, NULL) != 0)
		return 1;
	for (size_t i = 0; i < 64; i++)
		if (s[i] >= 'A' && s[i] <= 'F')
			return 2;
	return 0;
}

/* Decimal, no sign, no leading zero; false on overflow. */
static bool parse_u64(const char *s, size_t len, uint64_t *out)
{
	uint64_t v = 0;

	if (len == 0 || len > 20 || (s[0] == '0' && len > 1))
		return false;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		unsigned d = (unsigned)(s[i] - '0');
		if (v > (UINT64_MAX - d) / 10)
			return false;
		v = v * 10 + d;
	}
	*out = v;
	return true;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

static void civil_from_days(int64_t z, int *y, unsigned *m, unsigned *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static bool digits(const char *s, size_t n, unsigned *out)
{
	*out = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		*out = *out * 10 + (unsigned)(s[i] - '0');
	}
	return true;
}

/* "2026-11-23T09:41:00Z", years 2000 to 9999, UTC only. */
static bool parse_time(const char *s, size_t len, int64_t *out)
{
	static const unsigned mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	unsigned y, mo, d, h, mi, se;

	if (len != 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' ||
	    s[16] != ':' || s[19] != 'Z')
		return false;
	if (!digits(s, 4, &y) || !digits(s + 5, 2, &mo) || !digits(s + 8, 2, &d) ||
	    !digits(s + 11, 2, &h) || !digits(s + 14, 2, &mi) || !digits(s + 17, 2, &se))
		return false;
	if (y < 2000 || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] || h > 23 || mi > 59 ||
	    se > 59)
		return false;
	if (mo == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		return false;
	*out = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se;
	return true;
}

static void format_time(int64_t t, char out[72])
{
	int64_t days = t / 86400 - (t % 86400 < 0), secs = t - days * 86400;
	unsigned m, d;
	int y;

	civil_from_days(days, &y, &m, &d);
	snprintf(out, 72, "%04d-%02u-%02uT%02u:%02u:%02uZ", y, m, d, (unsigned)(secs / 3600),
		 (unsigned)(secs / 60 % 60), (unsigned)(secs % 60));
}

/* Grows *arr (of elem bytes) to hold n + 1, with a parallel line array. */
static int grow(struct reader *r, void **arr, size_t *cap, size_t n, size_t elem,
		unsigned **lines, size_t *line_cap, size_t line_n)
{
	if (n == *cap) {
		size_t c = *cap ? *cap * 2 : 16;
		void *p = realloc(*arr, c * elem);
		if (!p)
			return fail(r, BUNDLE_IO, "out of memory");
		*arr = p;
		*cap = c;
	}
	if (line_n == *line_cap) {
		size_t c = *line_cap ? *line_cap * 2 : 16;
		unsigned *p = realloc(*lines, c * sizeof **lines);
		if (!p)
			return fail(r, BUNDLE_IO, "out of memory");
		*lines = p;
		*line_cap = c;
	}
	return 0;
}

static char *dup_tok(struct reader *r, const char *s, size_t len)
{
	char *p = malloc(len + 1);

	if (!p) {
		fail(r, BUNDLE_IO, "out of memory");
		return NULL;
	}
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

static int check_symbol(struct reader *r, const char *kw, size_t len)
{
	if (len > BUNDLE_SYMBOL_MAX)
		return fail(r, BUNDLE_BAD_MANIFEST, "%s: symbol longer than %d bytes", kw,
			    BUNDLE_SYMBOL_MAX);
	return 0;
}

static int read_file(struct reader *r, const struct tokens *t)
{
	struct bundle_manifest *m = r->m;
	struct bundle_file f;
	char why[128];
	uint64_t size;

	if (t->n != 4)
		return fail(r, BUNDLE_BAD_MANIFEST, "file: expected \"file PATH SIZE SHA256\"");
	if (bundle_path_check(t->s[1], t->len[1], why, sizeof why) < 0)
		return fail(r, BUNDLE_BAD_PATH, "file: %s", why);
	if (!parse_u64(t->s[2], t->len[2], &size))
		return fail(r, BUNDLE_BAD_MANIFEST, "file: size is not a number");
	switch (parse_hex32(t->s[3], t->len[3], f.sha256)) {
	case 1: return fail(r, BUNDLE_BAD_MANIFEST, "file: SHA-256 is not 64 hex digits");
	case 2: return fail(r, BUNDLE_BAD_MANIFEST, "file: SHA-256 is not lower-case hex");
	}
	if (m->nfiles >= r->lim->max_files)
		return fail(r, BUNDLE_TOO_LARGE, "file: more than %zu files", r->lim->max_files);
	if (size > r->lim->max_file_bytes)
		return fail(r, BUNDLE_TOO_LARGE, "file: %.*s: %" PRIu64 " bytes, over the limit of %" PRIu64,
			    (int)t->len[1], t->s[1], size, r->lim->max_file_bytes);
	if (size > r->lim->max_total_bytes - r->total)
		return fail(r, BUNDLE_TOO_LARGE, "file: the files total over %" PRIu64 " bytes",
			    r->lim->max_total_bytes);
	if (grow(r, (void **)&m->files, &r->file_cap, m->nfiles, sizeof *m->files,
		 &r->file_line, &r->file_line_cap, m->nfiles) < 0)
		return -1;
	f.size = size;
	if (!(f.path = dup_tok(r, t->s[1], t->len[1])))
		return -1;
	r->file_line[m->nfiles] = r->line;
	m->files[m->nfiles++] = f;
	r->total += size;
	return 0;
}

static int read_withdraw(struct reader *r, const struct tokens *t)
{
	struct bundle_manifest *m = r->m;
	size_t nsym = m->nwithdraw + m->ndisplay;
	char *s;

	if (t->n != 2)
		return fail(r, BUNDLE_BAD_MANIFEST, "withdraw: expected \"withdraw SYMBOL\"");
	if (check_symbol(r, "withdraw", t->len[1]) < 0)
		return -1;
	if (grow(r, (void **)&m->withdraw, &r->withdraw_cap, m->nwithdraw, sizeof *m->withdraw,
		 &r->sym_line, &r->sym_cap, nsym) < 0)
		return -1;
	if (!(s = dup_tok(r, t->s[1], t->len[1])))
		return -1;
	r->sym_line[nsym] = r->line;
	m->withdraw[m->nwithdraw++] = s;
	return 0;
}

static int read_when(struct reader *r, const struct tokens *t, size_t i, int64_t *out)
{
	*out = 0;
	if (t->len[i] == 1 && t->s[i][0] == '-')
		return 0;
	if (!parse_time(t->s[i], t->len[i], out))
		return fail(r, BUNDLE_BAD_MANIFEST,
			    "display: %s is not a time like 2026-11-23T09:41:00Z or -",
			    i == 3 ? "from" : "until");
	return 0;
}

static int read_display(struct reader *r, const struct tokens *t)
{
	struct bundle_manifest *m = r->m;
	size_t nsym = m->nwithdraw + m->ndisplay;
	struct bundle_display d;

	if ((t->n != 6 && t->n != 7) || !tok_is(t, 2, "from") || !tok_is(t, 4, "until") ||
	    (t->n == 7 && !tok_is(t, 6, "pin")))
		return fail(r, BUNDLE_BAD_MANIFEST,
			    "display: expected \"display SYMBOL from TIME until TIME [pin]\"");
	if (check_symbol(r, "display", t->len[1]) < 0 || read_when(r, t, 3, &d.from) < 0 ||
	    read_when(r, t, 5, &d.until) < 0)
		return -1;
	if (d.from && d.until && d.from >= d.until)
		return fail(r, BUNDLE_BAD_MANIFEST, "display: from is not before until");
	d.pinned = t->n == 7;
	if (grow(r, (void **)&m->display, &r->display_cap, m->ndisplay, sizeof *m->display,
		 &r->sym_line, &r->sym_cap, nsym) < 0)
		return -1;
	if (!(d.symbol = dup_tok(r, t->s[1], t->len[1])))
		return -1;
	r->sym_line[nsym] = r->line;
	m->display[m->ndisplay++] = d;
	return 0;
}

/* "key NAME HEX": a public key the board is to trust from now on. */
static int read_key(struct reader *r, const struct tokens *t)
{
	struct bundle_manifest *m = r->m;
	struct bundle_key k;
	struct bundle_key *p;

	if (t->n != 3)
		return fail(r, BUNDLE_BAD_MANIFEST, "key: expected \"key NAME PUBLIC-KEY\"");
	if (!bundle_key_name_ok(t->s[1], t->len[1]))
		return fail(r, BUNDLE_BAD_MANIFEST, "key: a key name is 1 to %d of A-Z a-z 0-9 . _ -",
			    BUNDLE_KEY_NAME_MAX - 1);
	switch (parse_hex32(t->s[2], t->len[2], k.pk)) {
	case 1: return fail(r, BUNDLE_BAD_MANIFEST, "key: the public key is not 64 hex digits");
	case 2: return fail(r, BUNDLE_BAD_MANIFEST, "key: not lower-case hex");
	}
	if (m->nkeys >= BUNDLE_KEYS_MAX)
		return fail(r, BUNDLE_TOO_LARGE, "key: more than %d keys", BUNDLE_KEYS_MAX);
	memcpy(k.name, t->s[1], t->len[1]);
	k.name[t->len[1]] = '\0';
	for (size_t i = 0; i < m->nkeys; i++)
		if (!strcmp(m->keys[i].name, k.name) || !memcmp(m->keys[i].pk, k.pk, 32))
			return fail(r, BUNDLE_BAD_MANIFEST, "key: %s: that name or key again", k.name);
	if (!(p = realloc(m->keys, (m->nkeys + 1) * sizeof *p)))
		return fail(r, BUNDLE_IO, "out of memory");
	m->keys = p;
	m->keys[m->nkeys++] = k;
	return 0;
}

/* The four header lines, each in its place. */
static int read_header(struct reader *r, const struct tokens *t)
{
	struct bundle_manifest *m = r->m;
	static const char *const want[] = { MAGIC, "created", "sequence", "mode" };
	const char *kw = want[r->line - 1];

	if (!tok_is(t, 0, kw)) {
		if (r->line == 1)
			return fail(r, BUNDLE_BAD_MANIFEST, "not a bangtin bundle manifest "
				    "(the first line is not \"" MAGIC " %d\")", BUNDLE_FORMAT_VERSION);
		return fail(r, BUNDLE_BAD_MANIFEST, "expected \"%s\" on line %u", kw, r->line);
	}
	if (t->n != 2)
		return fail(r, BUNDLE_BAD_MANIFEST, "%s: expected one value", kw);
	switch (r->line) {
	case 1:
		if (!tok_is(t, 1, "1"))
			return fail(r, BUNDLE_BAD_MANIFEST, "unknown format version %.*s (this "
				    "kiosk reads version %d)", (int)(t->len[1] > 20 ? 20 : t->len[1]),
				    t->s[1], BUNDLE_FORMAT_VERSION);
		m->version = BUNDLE_FORMAT_VERSION;
		break;
	case 2:
		if (!parse_time(t->s[1], t->len[1], &m->created))
			return fail(r, BUNDLE_BAD_MANIFEST,
				    "created: not a time like 2026-11-23T09:41:00Z");
		break;
	case 3:
		if (!parse_u64(t->s[1], t->len[1], &m->sequence) || m->sequence == 0)
			return fail(r, BUNDLE_BAD_MANIFEST,
				    "sequence: not a number from 1 to 18446744073709551615");
		break;
	default:
		if (tok_is(t, 1, "merge"))
			m->mode = BUNDLE_MERGE;
		else if (tok_is(t, 1, "replace"))
			m->mode = BUNDLE_REPLACE;
		else
			return fail(r, BUNDLE_BAD_MANIFEST, "mode: not merge or replace");
	}
	return 0;
}

static int read_line(struct reader *r, const char *s, size_t len, int *section)
{
	struct tokens t;
	int sec;

	if (memchr(s, '\0', len))
		return fail(r, BUNDLE_BAD_MANIFEST, "NUL byte");
	if (memchr(s, '\r', len))
		return fail(r, BUNDLE_BAD_MANIFEST, "carriage return (lines end with LF only)");
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return fail(r, BUNDLE_BAD_MANIFEST, "control character 0x%02x",
				    (unsigned char)s[i]);
	if (!norm_utf8_valid(s, len, NULL))
		return fail(r, BUNDLE_BAD_MANIFEST, "not UTF-8");
	if (split(r, s, len, &t) < 0)
		return -1;
	if (r->line <= 4)
		return read_header(r, &t);
	for (sec = SEC_FILE; sec <= SEC_KEY; sec++)
		if (tok_is(&t, 0, section_kw[sec]))
			break;
	if (sec > SEC_KEY)
		return fail(r, BUNDLE_BAD_MANIFEST, "unknown keyword \"%.*s\"",
			    (int)(t.len[0] > 32 ? 32 : t.len[0]), t.s[0]);
	if (sec < *section)
		return fail(r, BUNDLE_BAD_MANIFEST, "%s: after the %s lines (the order is file, "
			    "withdraw, display, key)", section_kw[sec], section_kw[*section]);
	*section = sec;
	if (sec == SEC_FILE)
		return read_file(r, &t);
	if (sec == SEC_KEY)
		return read_key(r, &t);
	return sec == SEC_WITHDRAW ? read_withdraw(r, &t) : read_display(r, &t);
}

/* Paths compare without case (a FAT stick cannot hold both), '/' first, so
 * "a" is followed at once by any "a/..." that would make it a folder. */
static int path_cmp(const char *a, const char *b)
{
	for (;; a++, b++) {
		int ca = *a == '/' ? 1 : (unsigned char)(*a >= 'A' && *a <= 'Z' ? *a + 32 : *a);
		int cb = *b == '/' ? 1 : (unsigned char)(*b >= 'A' && *b <= 'Z' ? *b + 32 : *b);
		if (ca != cb || !ca)
			return ca - cb;
	}
}

struct keyed {
	const char *key;
	unsigned line;
};

static int cmp_path(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	int c = path_cmp(x->key, y->key);
	return c ? c : (x->line > y->line) - (x->line < y->line);
}

/* Symbols compare as the store matches them (store_norm_symbol: ASCII
 * letters and đ/Đ without case; a manifest's symbols hold no spaces), so two
 * spellings of one document are one symbol. */
static int sym_fold(const unsigned char **p)
{
	int c = **p;

	if (c == 0xC4 && ((*p)[1] == 0x91 || (*p)[1] == 0x90)) {
		(*p) += 2;
		return 0x100; /* Đ, above every byte */
	}
	(*p)++;
	return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c;
}

static int sym_cmp(const char *a, const char *b)
{
	const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;

	for (;;) {
		int cx = *x ? sym_fold(&x) : 0, cy = *y ? sym_fold(&y) : 0;
		if (cx != cy || !cx)
			return cx - cy;
	}
}

static int cmp_sym(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	int c = sym_cmp(x->key, y->key);
	return c ? c : (x->line > y->line) - (x->line < y->line);
}

/* Sorting instead of comparing every pair keeps a huge manifest linear-log. */
static int check_duplicates(struct reader *r)
{
	struct bundle_manifest *m = r->m;
	size_t nsym = m->nwithdraw + m->ndisplay, n = m->nfiles > nsym ? m->nfiles : nsym;
	struct keyed *k = malloc((n ? n : 1) * sizeof *k);
	int rc = 0;

	if (!k)
		return fail(r, BUNDLE_IO, "out of memory");
	for (size_t i = 0; i < m->nfiles; i++)
		k[i] = (struct keyed){ m->files[i].path, r->file_line[i] };
	qsort(k, m->nfiles, sizeof *k, cmp_path);
	for (size_t i = 1; i < m->nfiles && rc == 0; i++) {
		size_t pl = strlen(k[i - 1].key);
		r->line = k[i].line > k[i - 1].line ? k[i].line : k[i - 1].line;
		if (path_cmp(k[i - 1].key, k[i].key) == 0)
			rc = fail(r, BUNDLE_BAD_MANIFEST, "file: %s again (line %u; names differing "
				  "only in case are the same)", k[i].key,
				  k[i].line < k[i - 1].line ? k[i].line : k[i - 1].line);
		else if (strncasecmp(k[i].key, k[i - 1].key, pl) == 0 && k[i].key[pl] == '/')
			rc = fail(r, BUNDLE_BAD_MANIFEST, "file: %s is also a folder (line %u)",
				  k[i - 1].key, k[i].line);
	}
	for (size_t i = 0; i < m->nwithdraw; i++)
		k[i] = (struct keyed){ m->withdraw[i], r->sym_line[i] };
	for (size_t i = 0; i < m->ndisplay; i++)
		k[m->nwithdraw + i] = (struct keyed){ m->display[i].symbol, r->sym_line[m->nwithdraw + i] };
	qsort(k, nsym, sizeof *k, cmp_sym);
	for (size_t i = 1; i < nsym && rc == 0; i++) {
		if (sym_cmp(k[i - 1].key, k[i].key) != 0)
			continue;
		r->line = k[i].line;
		rc = fail(r, BUNDLE_BAD_MANIFEST, "%s again (line %u%s)", k[i].key, k[i - 1].line,
			  strcmp(k[i - 1].key, k[i].key) ? "; symbols differing only in case are "
			  "the same document" : "");
	}
	free(k);
	return rc;
}

enum bundle_verdict bundle_manifest_read(const char *buf, size_t len,
					 const struct bundle_limits *lim,
					 struct bundle_manifest *m, char *err, size_t errsize)
{
	struct bundle_limits def = bundle_limits_default();
	struct reader r = { .lim = lim ? lim : &def, .m = m, .err = err, .errsize = errsize };
	size_t pos = 0;
	int section = SEC_FILE, rc = 0;

	memset(m, 0, sizeof *m);
	if (len > r.lim->max_manifest_bytes) {
		fail(&r, BUNDLE_TOO_LARGE, "%zu bytes, over the limit of %zu", len,
		     r.lim->max_manifest_bytes);
		return r.v;
	}
	while (pos < len && rc == 0) {
		const char *nl = memchr(buf + pos, '\n', len - pos);
		r.line++;
		if (!nl) {
			rc = fail(&r, BUNDLE_BAD_MANIFEST, "the last line does not end with LF");
			break;
		}
		rc = read_line(&r, buf + pos, (size_t)(nl - (buf + pos)), &section);
		pos = (size_t)(nl - buf) + 1;
	}
	if (rc == 0 && r.line < 4) {
		r.line = 0;
		rc = fail(&r, BUNDLE_BAD_MANIFEST, "ends before its four header lines "
			  "(" MAGIC ", created, sequence, mode)");
	}
	if (rc == 0)
		rc = check_duplicates(&r);
	free(r.file_line);
	free(r.sym_line);
	if (rc < 0) {
		bundle_manifest_free(m);
		return r.v;
	}
	return BUNDLE_OK;
}

int bundle_manifest_parse(const char *buf, size_t len, const struct bundle_limits *lim,
			  struct bundle_manifest *m, char *err, size_t errsize)
{
	return bundle_manifest_read(buf, len, lim, m, err, errsize) == BUNDLE_OK ? 0 : -1;
}

void bundle_manifest_free(struct bundle_manifest *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->nfiles; i++)
		free(m->files[i].path);
	for (size_t i = 0; i < m->nwithdraw; i++)
		free(m->withdraw[i]);
	for (size_t i = 0; i < m->ndisplay; i++)
		free(m->display[i].symbol);
	free(m->files);
	free(m->withdraw);
	free(m->display);
	free(m->keys);
	memset(m, 0, sizeof *m);
}

/* Appends to a buffer sized beforehand (see bundle_manifest_format). */
__attribute__((format(printf, 3, 4)))
static void put(char *buf, size_t *n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	*n += (size_t)vsprintf(buf + *n, fmt, ap);
	va_end(ap);
}

char *bundle_manifest_format(const struct bundle_manifest *m, size_t *len)
{
	size_t cap = 256, n = 0; /* the header, times at their longest */
	char t1[72], t2[72], hex[65];
	char *buf;

	for (size_t i = 0; i < m->nfiles; i++)
		cap += strlen(m->files[i].path) + 100;
	for (size_t i = 0; i < m->nwithdraw; i++)
		cap += strlen(m->withdraw[i]) + 10;
	for (size_t i = 0; i < m->ndisplay; i++)
		cap += strlen(m->display[i].symbol) + 180;
	cap += m->nkeys * (BUNDLE_KEY_NAME_MAX + 72);
	if (!(buf = malloc(cap)))
		return NULL;
	format_time(m->created, t1);
	put(buf, &n, MAGIC " %d\ncreated %s\nsequence %" PRIu64 "\nmode %s\n", m->version, t1,
	    m->sequence, m->mode == BUNDLE_REPLACE ? "replace" : "merge");
	for (size_t i = 0; i < m->nfiles; i++) {
		sodium_bin2hex(hex, sizeof hex, m->files[i].sha256, 32);
		put(buf, &n, "file %s %" PRIu64 " %s\n", m->files[i].path, m->files[i].size, hex);
	}
	for (size_t i = 0; i < m->nwithdraw; i++)
		put(buf, &n, "withdraw %s\n", m->withdraw[i]);
	for (size_t i = 0; i < m->ndisplay; i++) {
		const struct bundle_display *d = &m->display[i];
		format_time(d->from, t1);
		format_time(d->until, t2);
		put(buf, &n, "display %s from %s until %s%s\n", d->symbol, d->from ? t1 : "-",
		    d->until ? t2 : "-", d->pinned ? " pin" : "");
	}
	for (size_t i = 0; i < m->nkeys; i++) {
		sodium_bin2hex(hex, sizeof hex, m->keys[i].pk, 32);
		put(buf, &n, "key %s %s\n", m->keys[i].name, hex);
	}
	if (len)
		*len = n;
	return buf;
}
