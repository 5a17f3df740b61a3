/* SPDX-License-Identifier: MIT */
/* norm.c: Unicode validation, NFC, folding and case helpers over utf8proc. */
#include "norm.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

bool norm_utf8_valid(const char *s, size_t len, size_t *bad_offset)
{
	size_t i = 0;

	while (i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
						      (utf8proc_ssize_t)(len - i), &cp);
		if (n <= 0 || cp == 0 || !utf8proc_codepoint_valid(cp)) {
			if (bad_offset)
				*bad_offset = i;
			return false;
		}
		i += (size_t)n;
	}
	return true;
}

bool norm_is_control(long cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x061c || cp == 0x200e ||
	       cp == 0x200f || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

const char *norm_control_name(long cp)
{
	static const struct {
		long cp;
		const char *name;
	} names[] = {
		{ 0x07, "BEL" }, { 0x08, "BACKSPACE" }, { 0x1b, "ESC" }, { 0x7f, "DEL" },
		{ 0x9b, "CSI" }, { 0x061c, "ARABIC LETTER MARK" },
		{ 0x200e, "LEFT-TO-RIGHT MARK" }, { 0x200f, "RIGHT-TO-LEFT MARK" },
		{ 0x202a, "LEFT-TO-RIGHT EMBEDDING" }, { 0x202b, "RIGHT-TO-LEFT EMBEDDING" },
		{ 0x202c, "POP DIRECTIONAL FORMATTING" }, { 0x202d, "LEFT-TO-RIGHT OVERRIDE" },
		{ 0x202e, "RIGHT-TO-LEFT OVERRIDE" }, { 0x2066, "LEFT-TO-RIGHT ISOLATE" },
		{ 0x2067, "RIGHT-TO-LEFT ISOLATE" }, { 0x2068, "FIRST STRONG ISOLATE" },
		{ 0x2069, "POP DIRECTIONAL ISOLATE" },
	};

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (names[i].cp == cp)
			return names[i].name;
	return "control character";
}

bool norm_find_control(const char *s, size_t len, size_t *offset, long *cp)
{
	size_t i = 0;

	while (i < len) {
		utf8proc_int32_t c;
		utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
						      (utf8proc_ssize_t)(len - i), &c);
		if (n <= 0)
			return false;
		if (norm_is_control(c) && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
			*offset = i;
			*cp = c;
			return true;
		}
		i += (size_t)n;
	}
	return false;
}

char *norm_nfc(const char *s, size_t len)
{
	utf8proc_uint8_t *out = NULL;

	if (utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &out,
			 UTF8PROC_STABLE | UTF8PROC_COMPOSE) < 0)
		return NULL;
	return (char *)out;
}

/* Đ and đ carry no combining mark, so stripping marks keeps them: map them
 * by hand. Other letters are left to utf8proc. */
static utf8proc_int32_t fold_custom(utf8proc_int32_t cp, void *data)
{
	(void)data;
	if (cp == 0x0110 || cp == 0x0111 || cp == 0x00D0)
		return 'd';
	return cp;
}

/* Collapses runs of white space to one space and trims, in place. */
static void squeeze_space(char *s)
{
	char *w = s;
	bool space = true; /* drops leading space */

	for (char *r = s; *r; r++) {
		bool is_space = *r == ' ' || *r == '\t' || *r == '\n' || *r == '\r';
		if (is_space) {
			if (!space)
				*w++ = ' ';
			space = true;
		} else {
			*w++ = *r;
			space = false;
		}
	}
	if (w > s && w[-1] == ' ')
		w--;
	*w = '\0';
}

char *norm_fold(const char *s)
{
	utf8proc_uint8_t *out = NULL;

	if (!s)
		return NULL;
	if (utf8proc_map_custom((const utf8proc_uint8_t *)s, 0, &out,
				UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
					UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK,
				fold_custom, NULL) < 0)
		return NULL;
	squeeze_space((char *)out);
	return (char *)out;
}

char *norm_fold_prefix(const char *s, size_t maxbytes)
{
	size_t n = strnlen(s, maxbytes + 1);
	char *cut, *f;

	if (n <= maxbytes)
		return norm_fold(s);
	n = norm_cut(s, n, maxbytes);
	cut = strndup(s, n);
	f = cut ? norm_fold(cut) : NULL;
	free(cut);
	return f;
}

bool norm_starts_with_fold(const char *s, const char *folded_prefix)
{
	/* Every folded character comes from at most 4 source bytes; two more
	 * characters tell whether the prefix ends at a word boundary. */
	char *f = norm_fold_prefix(s, 4 * (strlen(folded_prefix) + 2));
	size_t n = strlen(folded_prefix);
	bool ok = f && strncmp(f, folded_prefix, n) == 0 &&
		  (f[n] == '\0' || f[n] == ' ' || n == 0 ||
		   !((f[n] >= 'a' && f[n] <= 'z') || (f[n] >= '0' && f[n] <= '9')));

	free(f);
	return ok;
}

bool norm_eq_fold(const char *s, const char *want)
{
	char *f = norm_fold(s);
	bool ok = f && strcmp(f, want) == 0;

	free(f);
	return ok;
}

/* Applies a code point mapping to every character of s. */
static char *map_cp(const char *s, utf8proc_int32_t (*fn)(utf8proc_int32_t))
{
	size_t len = strlen(s), o = 0;
	char *out = malloc(len * 2 + 1); /* case pairs differ by at most 1 byte */

	if (!out)
		return NULL;
	for (size_t i = 0; i < len;) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
						      (utf8proc_ssize_t)(len - i), &cp);
		if (n <= 0) {
			free(out);
			return NULL;
		}
		o += (size_t)utf8proc_encode_char(fn(cp), (utf8proc_uint8_t *)out + o);
		i += (size_t)n;
	}
	out[o] = '\0';
	return out;
}

static utf8proc_int32_t to_upper(utf8proc_int32_t cp)
{
	return utf8proc_toupper(cp);
}

char *norm_upper(const char *s)
{
	return map_cp(s, to_upper);
}

bool norm_is_upper(const char *s)
{
	bool letter = false;
	utf8proc_int32_t cp;

	for (const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s; *p;) {
		utf8proc_ssize_t n = utf8proc_iterate(p, -1, &cp);
		if (n <= 0)
			return false;
		if (utf8proc_islower(cp))
			return false;
		if (utf8proc_isupper(cp))
			letter = true;
		p += n;
	}
	return letter;
}

bool norm_starts_lower(const char *s)
{
	utf8proc_int32_t cp;

	for (const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s; *p;) {
		utf8proc_ssize_t n = utf8proc_iterate(p, -1, &cp);
		if (n <= 0)
			return false;
		utf8proc_category_t c = utf8proc_category(cp);
		if (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO)
			return utf8proc_islower(cp);
		if (c == UTF8PROC_CATEGORY_ND)
			return false;
		p += n;
	}
	return false;
}

/* Whether the code point at s (at most n bytes) is a combining mark or a
 * zero-width joiner, which belongs with the character before it. */
static bool norm_joins_back(const char *s, size_t n)
{
	utf8proc_int32_t cp;
	utf8proc_category_t c;

	if (utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &cp) <= 0)
		return false;
	c = utf8proc_category(cp);
	return c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_MC ||
	       c == UTF8PROC_CATEGORY_ME || cp == 0x200D;
}

size_t norm_cut(const char *s, size_t len, size_t max)
{
	size_t cut;

	if (len <= max)
		return len;
	while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	/* Back to the start of the cluster the cut would split. */
	for (cut = max; cut > 0 && norm_joins_back(s + cut, len - cut);) {
		cut--;
		while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
			cut--;
	}
	return cut > 0 ? cut : max;
}

size_t norm_width(const char *s, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; s && i < len && s[i]; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

/* A word of the text being repaired: byte range and folded form. */
struct word {
	size_t start, end;
	char *fold;
};

static size_t split_words(const char *s, struct word *w, size_t max)
{
	size_t n = 0, i = 0;

	while (s[i] && n < max) {
		while (s[i] == ' ')
			i++;
		if (!s[i])
			break;
		size_t st = i;
		while (s[i] && s[i] != ' ')
			i++;
		char *tmp = strndup(s + st, i - st);
		w[n].start = st;
		w[n].end = i;
		w[n].fold = tmp ? norm_fold(tmp) : NULL;
		free(tmp);
		n++;
	}
	return n;
}

char *norm_repair(const char *s, const char *const *vocab)
{
	enum { MAXW = 64 };
	struct word w[MAXW], pw[16];
	size_t nw = split_words(s, w, MAXW), slen = strlen(s);
	size_t cap = slen * 2 + 64, o = 0, i = 0;
	char *out = malloc(cap);

	if (!out)
		goto done;
	while (i < nw) {
		size_t best_len = 0;
		const char *best = NULL;
		for (const char *const *v = vocab; *v; v++) {
			size_t np = split_words(*v, pw, 16);
			bool match = np > best_len && i + np <= nw;
			for (size_t k = 0; match && k < np; k++)
				match = w[i + k].fold && pw[k].fold && strcmp(w[i + k].fold, pw[k].fold) == 0;
			for (size_t k = 0; k < np; k++)
				free(pw[k].fold);
			if (match) {
				best_len = np;
				best = *v;
			}
		}
		/* Copy the gap before word i as it is. */
		size_t gap_start = i ? w[i - 1].end : 0;
		memcpy(out + o, s + gap_start, w[i].start - gap_start);
		o += w[i].start - gap_start;
		if (best) {
			char *orig = strndup(s + w[i].start, w[i + best_len - 1].end - w[i].start);
			char *rep = orig && norm_is_upper(orig) ? norm_upper(best) : strdup(best);
			if (!orig || !rep || o + strlen(rep) + 1 > cap) {
				free(orig);
				free(rep);
				free(out);
				out = NULL;
				goto done;
			}
			memcpy(out + o, rep, strlen(rep));
			o += strlen(rep);
			free(orig);
			free(rep);
			i += best_len;
		} else {
			memcpy(out + o, s + w[i].start, w[i].end - w[i].start);
			o += w[i].end - w[i].start;
			i++;
		}
	}
	{
		size_t tail = nw ? w[nw - 1].end : 0;
		if (o + (slen - tail) + 1 > cap) {
			free(out);
			out = NULL;
			goto done;
		}
		memcpy(out + o, s + tail, slen - tail);
		o += slen - tail;
		out[o] = '\0';
	}
done:
	for (size_t k = 0; k < nw; k++)
		free(w[k].fold);
	return out;
}

/* The folded form of one code point: its base letter, lower case, Đ -> d;
 * 0 for a combining mark. */
static utf8proc_int32_t fold_cp(utf8proc_int32_t cp)
{
	utf8proc_int32_t out[8];
	int last = 0;

	if (cp == 0x0110 || cp == 0x0111 || cp == 0x00D0)
		return 'd';
	/* Every dash is the hyphen of the phrase ("Độc lập – Tự do"). */
	if ((cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212)
		return '-';
	utf8proc_ssize_t n = utf8proc_decompose_char(cp, out, 8,
						     UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD |
							     UTF8PROC_STRIPMARK, &last);
	return n >= 1 ? out[0] : cp;
}

size_t norm_match_fold(const char *s, const char *folded)
{
	size_t i = 0;
	const char *f = folded;

	while (*f) {
		utf8proc_int32_t cp;
		if (*f == ' ') {
			size_t sp = 0;
			while (s[i + sp] == ' ' || s[i + sp] == '\n' || s[i + sp] == '\t')
				sp++;
			if (!sp)
				return 0;
			i += sp;
			f++;
			continue;
		}
		utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i, -1, &cp);
		if (n <= 0 || cp == 0)
			return 0;
		utf8proc_int32_t c = fold_cp(cp);
		i += (size_t)n;
		if (c == 0)
			continue;
		if (c != (unsigned char)*f)
			return 0;
		f++;
	}
	/* The match ends at a word boundary when the phrase ends in a letter. */
	utf8proc_int32_t cp;
	utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i, -1, &cp);
	char last = folded[0] ? folded[strlen(folded) - 1] : ' ';
	bool alnum = (last >= 'a' && last <= 'z') || (last >= '0' && last <= '9');
	if (alnum && n > 0 && cp != 0) {
		utf8proc_category_t cat = utf8proc_category(cp);
		if ((cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
		    cat == UTF8PROC_CATEGORY_MN || (cp >= '0' && cp <= '9'))
			return 0;
	}
	return i;
}
