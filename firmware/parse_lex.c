/* SPDX-License-Identifier: MIT */
/* parse_lex.c: recognisers for the small languages inside a document's text:
 * number-symbols, dates, point labels, signer names, form fill. They read
 * NFC UTF-8 and forgive what OCR does to it (stray spaces, lost marks). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "norm.h"
#include "parse_int.h"

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

size_t parse_lex_cp_at(const char *s, int32_t *cp)
{
	utf8proc_ssize_t n;

	if (!*s)
		return 0;
	n = utf8proc_iterate((const utf8proc_uint8_t *)s, 4, cp);
	return n > 0 ? (size_t)n : 0;
}

bool parse_lex_is_letter(int32_t cp)
{
	utf8proc_category_t c = utf8proc_category(cp);
	return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

/* Length of the run of letters (and digits when allowed) at s, in bytes. */
static size_t letters(const char *s, bool digits)
{
	size_t i = 0, n;
	utf8proc_int32_t cp;

	while ((n = parse_lex_cp_at(s + i, &cp)) > 0 &&
	       (parse_lex_is_letter(cp) || (digits && cp >= '0' && cp <= '9')))
		i += n;
	return i;
}

static size_t spaces(const char *s)
{
	size_t i = 0;
	while (s[i] == ' ')
		i++;
	return i;
}

/* Upper-cases a code, then gives it the spelling of the kind table when it
 * names a known type ("QĐI" -> "QĐi", "CTR" -> "CTr"). */
static void canon_type(const char *s, size_t n, char *out, size_t outsz)
{
	char *raw = strndup(s, n);
	const char *canon = raw ? doc_kind_canonical(raw) : NULL;
	char *up = canon ? NULL : (raw ? norm_upper(raw) : NULL);

	snprintf(out, outsz, "%s", canon ? canon : (up ? up : ""));
	free(raw);
	free(up);
}

static void upper_into(const char *s, size_t n, char *out, size_t outsz)
{
	char *raw = strndup(s, n);
	char *up = raw ? norm_upper(raw) : NULL;

	snprintf(out, outsz, "%s", up ? up : "");
	free(raw);
	free(up);
}

/* State symbols: NUM/TOKEN[/TOKEN] where a token holds letters, digits and
 * hyphens: "454/UBND-NCTH", "30/2020/NĐ-CP". */
static size_t state_symbol(const char *s, size_t num, char *out, size_t outsz, char *type,
			   size_t typesz, char *org, size_t orgsz)
{
	size_t i = num, tok_start = 0, ntok = 0;
	bool letter = false, hyphen = false;

	while (s[i] == '/' && ntok < 3) {
		size_t st = ++i, n;
		while ((n = letters(s + i, true)) > 0 || (s[i] == '-' && i > st)) {
			if (n == 0) {
				hyphen = true;
				i++;
			} else {
				for (size_t k = i; k < i + n; k++)
					letter |= !is_digit(s[k]);
				i += n;
			}
		}
		if (i == st || s[i - 1] == '-')
			return 0;
		tok_start = st;
		ntok++;
	}
	/* A công văn's symbol may be its office's code alone ("730/LĐLĐ"). */
	(void)hyphen;
	if (!ntok || !letter)
		return 0;
	/* The last token is TYPE-ORG for legal acts ("30/2020/NĐ-CP", and
	 * "749/QĐ-TTg" whose first part is a known type) and ORG-UNIT for a
	 * công văn ("454/UBND-NCTH"). */
	const char *dash = memchr(s + tok_start, '-', i - tok_start);
	size_t first_len = dash ? (size_t)(dash - (s + tok_start)) : i - tok_start;
	char *first = strndup(s + tok_start, first_len);
	bool typed = dash && first && (ntok >= 2 || doc_kind_canonical(first));
	free(first);
	if (typed) {
		canon_type(s + tok_start, first_len, type, typesz);
		snprintf(org, orgsz, "%.*s", (int)(s + i - dash - 1), dash + 1);
	} else {
		snprintf(type, typesz, "%s", "");
		snprintf(org, orgsz, "%.*s", (int)first_len, s + tok_start);
	}
	/* State symbols keep their printed case ("TTg"); a space OCR put
	 * before the slash goes. */
	size_t o = 0;
	for (size_t k = 0; k < i && o + 1 < outsz; k++)
		if (s[k] != ' ')
			out[o++] = s[k];
	if (outsz)
		out[o < outsz ? o : outsz - 1] = '\0';
	return i;
}

size_t parse_lex_symbol(const char *s, char *out, size_t outsz, char *type, size_t typesz,
		   char *org, size_t orgsz)
{
	size_t i = 0, num, n;
	utf8proc_int32_t cp;

	while (is_digit(s[i]) && i < 6)
		i++;
	if (i == 0 || is_digit(s[i]))
		return 0;
	num = i;
	i += spaces(s + i);
	if (s[i] == '/')
		return state_symbol(s, i, out, outsz, type, typesz, org, orgsz);
	if (s[i] != '-')
		return 0;
	i++;
	i += spaces(s + i);
	size_t tstart = i;
	size_t tn = letters(s + i, false);
	/* OCR may set the slash apart: "45 - NQ / ĐU". */
	size_t gap = spaces(s + i + tn);
	if (tn == 0 || tn > 12 || s[i + tn + gap] != '/')
		return 0;
	i += tn + gap + 1;
	i += spaces(s + i);
	size_t ostart = i;
	size_t on = letters(s + i, true);
	if (on == 0 || on > 32)
		return 0;
	i += on;
	/* A unit after the body's code: "367-QĐ/TWĐTN-VP". */
	while (s[i] == '-' && (n = letters(s + i + 1, true)) > 0 && on + n + 1 <= 32) {
		on += n + 1;
		i += n + 1;
	}
	/* Not followed by more word characters. */
	if ((n = parse_lex_cp_at(s + i, &cp)) > 0 && (parse_lex_is_letter(cp) || is_digit(s[i])))
		return 0;
	canon_type(s + tstart, tn, type, typesz);
	upper_into(s + ostart, on, org, orgsz);
	snprintf(out, outsz, "%.*s-%s/%s", (int)num, s, type, org);
	return i;
}

/* Reads one word at s (letters only), folds it and compares with want. */
static size_t word_is(const char *s, const char *want)
{
	size_t n = letters(s, false);
	char *w, *f;
	bool ok;

	if (!n)
		return 0;
	w = strndup(s, n);
	f = w ? norm_fold(w) : NULL;
	ok = f && strcmp(f, want) == 0;
	free(w);
	free(f);
	return ok ? n : 0;
}

static size_t read_int(const char *s, int maxdigits, int *v)
{
	size_t i = 0;

	*v = 0;
	while (is_digit(s[i]) && (int)i < maxdigits)
		*v = *v * 10 + (s[i++] - '0');
	if (is_digit(s[i]))
		return 0;
	return i;
}

static size_t date_scan(const char *s, struct doc_date *d, bool validate)
{
	size_t i = 0, n;
	int day, mon, year;

	*d = (struct doc_date){ 0, 0, 0 };
	if ((n = word_is(s, "ngay")) > 0)
		i = n + spaces(s + n);
	if (!(n = read_int(s + i, 2, &day)))
		return 0;
	i += n;
	char sep = s[i];
	if (sep == '/' || sep == '-' || sep == '.') {
		i++;
		if (!(n = read_int(s + i, 2, &mon)) || s[i + n] != sep)
			return 0;
		i += n + 1;
		if ((n = read_int(s + i, 4, &year)) != 4)
			return 0;
		i += n;
	} else {
		i += spaces(s + i);
		if (!(n = word_is(s + i, "thang")))
			return 0;
		i += n + spaces(s + i + n);
		if (!(n = read_int(s + i, 2, &mon)))
			return 0;
		i += n + spaces(s + i + n);
		if (!(n = word_is(s + i, "nam")))
			return 0;
		i += n + spaces(s + i + n);
		if ((n = read_int(s + i, 4, &year)) != 4)
			return 0;
		i += n;
	}
	if (validate && !doc_date_valid(year, mon, day))
		return 0;
	*d = (struct doc_date){ year, mon, day };
	return i;
}

size_t parse_lex_date(const char *s, struct doc_date *d)
{
	return date_scan(s, d, true);
}

long parse_lex_find_date(const char *s, struct doc_date *d, size_t *len)
{
	for (size_t i = 0; s[i]; i++) {
		if (i > 0 && is_digit(s[i - 1]))
			continue;
		if (is_digit(s[i]) || s[i] == 'n' || s[i] == 'N') {
			size_t n = parse_lex_date(s + i, d);
			if (n) {
				if (len)
					*len = n;
				return (long)i;
			}
		}
	}
	return -1;
}

bool parse_lex_place_date(const char *s, char **place, struct doc_date *d)
{
	const char *comma = strchr(s, ',');
	const char *date_at = comma ? comma + 1 : s;
	size_t n;

	*place = NULL;
	/* "Hà Nội ngày 01 tháng 12 năm 2025": the comma may be lost. */
	if (!comma && !word_is(s, "ngay"))
		for (const char *p = s; *p && p - s < 60; p++)
			if (*p == ' ' && word_is(p + 1, "ngay")) {
				comma = p;
				date_at = p + 1;
				break;
			}
	date_at += spaces(date_at);
	if (!word_is(date_at, "ngay"))
		return false;
	/* The form decides what the line is; an impossible date in it is
	 * reported by the caller as an absent date. */
	if (!(n = date_scan(date_at, d, false)))
		return false;
	for (const char *p = date_at + n; *p; p++)
		if (*p != ' ' && *p != '.')
			return false;
	if (comma) {
		size_t plen = (size_t)(comma - s);
		if (plen == 0 || plen > 60)
			return false;
		for (size_t k = 0; k < plen; k++)
			if (is_digit(s[k]))
				return false;
		*place = strndup(s, plen);
	}
	if (!doc_date_valid(d->y, d->m, d->d))
		*d = (struct doc_date){ 0, 0, 0 };
	return true;
}

static bool is_roman(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strchr("IVXLC", s[i]))
			return false;
	return n > 0 && n <= 6;
}

size_t parse_lex_label(const char *s, size_t *skip, bool *roman)
{
	static const char *const ordinals[] = { "mot", "hai", "ba", "bon", "nam", "sau",
						"bay", "tam", "chin", "muoi", NULL };
	size_t i = 0, n;

	*roman = false;
	*skip = 0;
	if (s[0] == '(') {
		n = read_int(s + 1, 3, &(int){ 0 });
		if (n && s[1 + n] == ')' && s[2 + n] == ' ') {
			*skip = n + 3;
			return n + 2;
		}
		return 0;
	}
	while (s[i] >= 'A' && s[i] <= 'Z')
		i++;
	if (i && is_roman(s, i) && (s[i] == '.' || s[i] == '-') && s[i + 1] == ' ') {
		*roman = true;
		*skip = i + 2;
		return i + 1;
	}
	i = 0;
	while (is_digit(s[i]) && i < 3)
		i++;
	if (i && (s[i] == '.' || s[i] == '-' || s[i] == ')') && s[i + 1] == ' ') {
		*skip = i + 2;
		return i + 1;
	}
	if (s[0] >= 'a' && s[0] <= 'z' && s[1] == ')' && s[2] == ' ') {
		*skip = 3;
		return 2;
	}
	/* "Một là:", "Hai là:" ... */
	for (const char *const *o = ordinals; *o; o++) {
		if (!(n = word_is(s, *o)))
			continue;
		size_t k = n + spaces(s + n), m;
		if ((m = word_is(s + k, "la")) && s[k + m] == ':') {
			size_t len = k + m + 1;
			*skip = len + spaces(s + len);
			return len;
		}
	}
	/* "Điều 1." in a Quyết định or Quy định. */
	if ((n = word_is(s, "dieu")) > 0 && s[n] == ' ') {
		size_t k = n + 1, m = read_int(s + k, 3, &(int){ 0 });
		if (m && (s[k + m] == '.' || s[k + m] == ':')) {
			size_t len = k + m + 1;
			*skip = len + spaces(s + len);
			return len;
		}
	}
	return 0;
}

bool parse_lex_is_name(const char *s)
{
	size_t i = 0, words = 0, n;
	utf8proc_int32_t cp;

	if (strlen(s) > 60)
		return false;
	while (s[i]) {
		if (!(n = parse_lex_cp_at(s + i, &cp)) || !utf8proc_isupper(cp))
			return false;
		i += n;
		while ((n = parse_lex_cp_at(s + i, &cp)) > 0 && parse_lex_is_letter(cp) && utf8proc_islower(cp))
			i += n;
		words++;
		if (s[i] == ' ')
			i++;
		else if (s[i])
			return false;
	}
	return words >= 2 && words <= 6;
}

char *parse_lex_strip_fill(const char *s)
{
	size_t len = strlen(s);
	char *out = malloc(len + 1), *w = out;

	if (!out)
		return NULL;
	for (size_t i = 0; i < len;) {
		size_t dots = 0;
		while (s[i + dots] == '.' || (strncmp(s + i + dots, "\xE2\x80\xA6", 3) == 0 && (dots += 2)))
			dots++;
		if (dots >= 2) {
			*w++ = ' ';
			i += dots;
		} else {
			*w++ = s[i++];
		}
	}
	*w = '\0';
	/* Squeeze spaces, trim, and drop a space left before punctuation. */
	char *r = out;
	w = out;
	while (*r == ' ')
		r++;
	for (; *r; r++) {
		if (*r == ' ' && (r[1] == ' ' || r[1] == '\0' || r[1] == ',' || r[1] == '.'))
			continue;
		*w++ = *r;
	}
	*w = '\0';
	return out;
}

bool parse_lex_ends_terminal(const char *s)
{
	size_t n = strlen(s);

	while (n && s[n - 1] == ' ')
		n--;
	if (!n)
		return true;
	if (strchr(".:;!?", s[n - 1]))
		return true;
	if (n >= 3 && (memcmp(s + n - 3, "\xE2\x80\x9D", 3) == 0 || /* ” */
		       memcmp(s + n - 3, "\xE2\x80\xA6", 3) == 0))   /* … */
		return true;
	return false;
}
