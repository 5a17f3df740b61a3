/* SPDX-License-Identifier: MIT */
/* content_note.c: the words the screens show about content: forwarding notes,
 * office names in sentence case, info rows, durations. */
#define LOG_TAG "content"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "content.h"
#include "log.h"
#include "norm.h"

#ifndef BANGTIN_VERSION
#define BANGTIN_VERSION "?"
#endif

/* Proper names that keep their capitals inside an office's name. */
static const char *const content_names[] = {
	"Thông tấn xã", "Việt Nam", "Trung ương", "Khối", "Chính phủ", "Quốc hội", NULL,
};

/* True when the folded word w (ASCII letters, "khoi") has the shape of a
 * Vietnamese syllable: initial consonants, one to three vowels, a final. */
static bool content_is_syllable(const char *w)
{
	static const char *const initials[] = { "ngh", "ch", "gh", "gi", "kh", "ng", "nh", "ph",
						"qu", "th", "tr", "b", "c", "d", "g", "h", "k",
						"l", "m", "n", "p", "r", "s", "t", "v", "x", "" };
	static const char *const finals[] = { "ch", "ng", "nh", "c", "m", "n", "p", "t", "" };

	for (size_t i = 0; i < sizeof initials / sizeof *initials; i++) {
		size_t il = strlen(initials[i]), nv = 0;
		if (strncmp(w, initials[i], il) != 0)
			continue;
		const char *p = w + il;
		while (p[nv] && strchr("aeiouy", p[nv]))
			nv++;
		if (nv == 0 && !(il == 2 && strcmp(initials[i], "gi") == 0 && !*p))
			continue;
		if (nv > 3)
			continue;
		for (size_t f = 0; f < sizeof finals / sizeof *finals; f++)
			if (strcmp(p + nv, finals[f]) == 0)
				return true;
	}
	return false;
}

/* Appends the code point cp to buf (of size) at *len; false when full. */
static bool content_put(char *buf, size_t size, size_t *len, utf8proc_int32_t cp)
{
	utf8proc_uint8_t tmp[4];
	utf8proc_ssize_t n = utf8proc_encode_char(cp, tmp);

	if (n <= 0 || *len + (size_t)n + 1 > size)
		return false;
	memcpy(buf + *len, tmp, (size_t)n);
	*len += (size_t)n;
	buf[*len] = '\0';
	return true;
}

/* Appends the word w[0..n) to buf: as it is (acronym), or lower case with
 * the first letter upper when cap. */
static bool content_put_word(char *buf, size_t size, size_t *len, const char *w, size_t n,
			     bool keep, bool cap)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)w;
	utf8proc_ssize_t left = (utf8proc_ssize_t)n;
	bool first = true;

	while (left > 0) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate(p, left, &cp);
		if (k <= 0)
			return false;
		if (!keep)
			cp = first && cap ? utf8proc_toupper(cp) : utf8proc_tolower(cp);
		if (!content_put(buf, size, len, cp))
			return false;
		first = false;
		p += k;
		left -= k;
	}
	return true;
}

/* Gives each proper name of content_names its capitals back, in place
 * (upper and lower case Vietnamese letters have the same UTF-8 length). */
static void content_fix_names(char *buf)
{
	for (size_t i = 0; content_names[i]; i++) {
		char lower[64];
		size_t len = 0, n = strlen(content_names[i]);
		if (!content_put_word(lower, sizeof lower, &len, content_names[i], n, false, false) ||
		    len != n)
			continue;
		for (char *p = strstr(buf, lower); p; p = strstr(p + n, lower)) {
			bool start = p == buf || p[-1] == ' ';
			bool end = p[n] == '\0' || p[n] == ' ';
			if (start && end)
				memcpy(p, content_names[i], n);
		}
	}
}

char *content_sentence_case(const char *s, char *buf, size_t size)
{
	size_t len = 0;
	bool first = true;

	if (size == 0)
		return buf;
	buf[0] = '\0';
	while (s && *s) {
		size_t n = strcspn(s, " ");
		if (n > 0) {
			char *w = strndup(s, n);
			char *f = w ? norm_fold(w) : NULL;
			bool letters = f && *f && strspn(f, "abcdefghijklmnopqrstuvwxyz") == strlen(f);
			bool keep = !letters || !norm_is_upper(w) || !content_is_syllable(f);
			bool ok = (first || content_put(buf, size, &len, ' ')) &&
				  content_put_word(buf, size, &len, s, n, keep, first);
			free(w);
			free(f);
			if (!ok)
				break;
			first = false;
		}
		s += n;
		s += strspn(s, " ");
	}
	content_fix_names(buf);
	return buf;
}

/* Appends text to the malloc'ed string *out, separated by sep when not
 * first. Returns false when out of memory (*out is then freed). */
static bool content_append(char **out, const char *sep, const char *text)
{
	size_t old = *out ? strlen(*out) : 0, add = strlen(text), ns = *out ? strlen(sep) : 0;
	char *p = realloc(*out, old + ns + add + 1);

	if (!p) {
		free(*out);
		*out = NULL;
		return false;
	}
	memcpy(p + old, sep, ns);
	memcpy(p + old + ns, text, add + 1);
	*out = p;
	return true;
}

/* The office that forwards: the stamp's receiver, else the letter's issuer. */
static void content_office(struct store *st, const struct store_doc *sd,
			   const struct store_link *l, char *buf, size_t size)
{
	const char *by = sd->doc.received.present ? sd->doc.received.by : NULL;
	struct store_doc letter;
	char err[STORE_ERR_MAX];

	buf[0] = '\0';
	if (by && *by) {
		content_sentence_case(by, buf, size);
		return;
	}
	if (l->other_id == 0 || store_get_doc(st, NULL, l->other_id, &letter, err, sizeof err) != 1)
		return;
	if (letter.doc.issuer)
		content_sentence_case(letter.doc.issuer, buf, size);
	store_doc_free(&letter);
}

/* "Đảng ủy TTXVN phổ biến theo Công văn 581-CV/ĐU ngày 09/02/2023". */
static void content_forward_line(struct store *st, const struct store_doc *sd,
				 const struct store_link *l, char *buf, size_t size)
{
	char office[256], date[11];
	const char *type = doc_kind_name(l->other_kind);

	content_office(st, sd, l, office, sizeof office);
	doc_date_iso_to_vn(l->other_date, date);
	snprintf(buf, size, "%s%sphổ biến theo %s%s%s%s%s", office, *office ? " " : "",
		 type ? type : "văn bản", *l->other_number ? " " : "", l->other_number,
		 *date ? " ngày " : "", date);
	if (!*office && buf[0])
		buf[0] = 'P'; /* "phổ" starts the sentence: its first byte is ASCII */
}

/* "Ý kiến Thường trực Đảng ủy: Đề nghị ..." from a routing slip. */
static char *content_slip_line(const struct store_link *l)
{
	char *out = NULL;
	bool any = false;

	for (size_t i = 0; i < l->ninstructions; i++)
		any = any || norm_starts_with_fold(l->instructions[i], "de nghi");
	if (l->ninstructions == 0 || !content_append(&out, "", "Ý kiến Thường trực Đảng ủy:"))
		return NULL;
	for (size_t i = 0; i < l->ninstructions; i++) {
		if (any && !norm_starts_with_fold(l->instructions[i], "de nghi"))
			continue;
		if (!content_append(&out, " ", l->instructions[i]))
			return NULL;
	}
	return out;
}

char *content_note(struct store *st, const struct store_doc *sd)
{
	char *out = NULL;

	for (size_t i = 0; i < sd->nincoming; i++) {
		const struct store_link *l = &sd->incoming[i];
		char line[512], *slip;
		switch (l->type) {
		case DOC_LINK_FORWARDS:
			content_forward_line(st, sd, l, line, sizeof line);
			if (!content_append(&out, "\n", line))
				return NULL;
			break;
		case DOC_LINK_ANNOTATES:
			slip = content_slip_line(l);
			if (slip && !content_append(&out, "\n", slip)) {
				free(slip);
				return NULL;
			}
			free(slip);
			break;
		case DOC_LINK_NONE:
			break;
		}
	}
	return out;
}

char *content_duration_vn(int64_t seconds, char *buf, size_t size)
{
	int64_t d = seconds / 86400, h = seconds % 86400 / 3600, m = seconds % 3600 / 60;

	if (seconds < 0)
		d = h = m = 0;
	if (d > 0)
		snprintf(buf, size, "%lld ngày %lld giờ %lld phút", (long long)d, (long long)h,
			 (long long)m);
	else if (h > 0)
		snprintf(buf, size, "%lld giờ %lld phút", (long long)h, (long long)m);
	else
		snprintf(buf, size, "%lld phút", (long long)m);
	return buf;
}
