/* SPDX-License-Identifier: MIT */
/* parse_head.c: re-cuts the lines of a document's head and foot by grammar.
 * A web copy or a scan breaks those lines where a narrow column ended, not
 * where a field ends: a date runs on to the next line, two header columns
 * share one, a bold name wraps. Here the lines of one block are joined into
 * one text, each field is found by its own grammar wherever it stands
 * (motto, Party header, number, place and date, V/v, Kính gửi, authority,
 * Nơi nhận), and the block gets one line per field; text between fields is
 * joined where the break only wrapped a phrase. Later stages then read one
 * field per line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "norm.h"
#include "parse_doc.h"

/* A field found in the joined text: bytes [start, end). */
struct anchor {
	size_t start, end;
	bool open; /* V/v, Kính gửi: the field runs on to the next cut */
};

#define MAX_ANCHORS 32

/* Words that open an organisation's name: a line starting with one starts a
 * new organisation line of the header. */
static const char *const org_heads[] = {
	"bo", "cuc", "so", "uy ban", "ubnd", "ban", "van phong", "dang uy", "dang bo",
	"tinh uy", "thanh uy", "huyen uy", "quan uy", "thi uy", "hoi dong", "tong cuc",
	"chi cuc", "trung tam", "cong ty", "vien", "kho bac", "chinh phu", "thu tuong",
	"chi bo", "truong dai hoc", NULL,
};

/* Words that go on naming the place of the organisation before them
 * ("ỦY BAN NHÂN DÂN" / "TỈNH NGHỆ AN"). */
static const char *const locality[] = {
	"tinh", "thanh pho", "huyen", "quan", "thi xa", "xa", "phuong", "khu vuc", "dac khu",
	NULL,
};

/* Signer's authority markers, Party and state spellings. */
static const char *const authority[] = {
	"t/m", "k/t", "t/l", "t/u", "tm.", "kt.", "tl.", "tuq.", "q.", NULL,
};

/* Length of the phrase of list matched at s, or 0. */
static size_t match_any(const char *s, const char *const *list)
{
	for (const char *const *p = list; *p; p++) {
		size_t n = norm_match_fold(s, *p);
		if (n)
			return n;
	}
	return 0;
}

/* ---- letter-spaced words ------------------------------------------------ */

static bool single_letter_at(const char *s, size_t i, size_t *len, utf8proc_int32_t *cp)
{
	size_t n = parse_lex_cp_at(s + i, cp);

	if (!n || !parse_lex_is_letter(*cp) || (i > 0 && s[i - 1] != ' '))
		return false;
	/* Combining marks left after NFC belong to the letter. */
	utf8proc_int32_t next;
	size_t m;
	while ((m = parse_lex_cp_at(s + i + n, &next)) && utf8proc_category(next) == UTF8PROC_CATEGORY_MN)
		n += m;
	*len = n;
	/* "H u ế, ngày": punctuation may follow the last letter. */
	utf8proc_int32_t after;
	return !parse_lex_cp_at(s + i + n, &after) || !(parse_lex_is_letter(after) || (after >= '0' && after <= '9'));
}

/* True for a Vietnamese consonant letter, either case. */
static bool is_consonant(utf8proc_int32_t cp)
{
	return cp < 128 ? strchr("BCDGHKLMNPQRSTVXbcdghklmnpqrstvx", (int)cp) && cp
			: cp == 0x0110 || cp == 0x0111;
}

/* Marks in drop the spaces inside letter-spaced words: three or more
 * single letters in a row ("H u ế"), or a lone upper-case consonant before
 * an upper-case word opening with a vowel ("K ÉT LUẬN"): no Vietnamese
 * word is a lone consonant. */
static void mark_spaced(const struct parse_text *t, unsigned char *drop)
{
	size_t i = 0;

	while (i < t->len) {
		size_t n, run = 0, j = i, last_space = 0;
		utf8proc_int32_t cp, first = 0;
		while (j < t->len && single_letter_at(t->s, j, &n, &cp)) {
			if (!run)
				first = cp;
			run++;
			j += n;
			if (t->s[j] != ' ')
				break;
			last_space = j++;
		}
		if (run >= 3) {
			for (size_t k = i; k < j; k++)
				if (t->s[k] == ' ' && k < last_space + (t->s[j - 1] != ' '))
					drop[k] = 1;
			/* The space after the last letter stays. */
			if (t->s[j - 1] == ' ')
				drop[j - 1] = 0;
			i = j;
			continue;
		}
		if (run == 1 && is_consonant(first) && utf8proc_isupper(first) && j < t->len &&
		    t->s[j - 1] == ' ') {
			utf8proc_int32_t nx;
			if (parse_lex_cp_at(t->s + j, &nx) && parse_lex_is_letter(nx) && utf8proc_isupper(nx) &&
			    !is_consonant(nx))
				drop[j - 1] = 1;
		}
		while (i < t->len && t->s[i] != ' ')
			i++;
		while (i < t->len && t->s[i] == ' ')
			i++;
	}
}

/* Readies the lines of a head or foot zone: letter-spaced words joined;
 * emphasis marks md4c left as text because they could not pair up
 * ("**ỦY BAN NHÂN DÂN" / "**") dropped, the Party star kept. Linear. */
static void clean_zone(struct parse_block *b, size_t k, bool *oom)
{
	for (size_t i = 0; i < b->nlines; i++) {
		struct parse_text *t = &b->lines[i].t;
		if (!t->len)
			continue;
		unsigned char *drop = calloc(t->len, 1);
		if (!drop) {
			*oom = true;
			return;
		}
		mark_spaced(t, drop);
		for (size_t j = 0; i < k && t->len > 1 && j < t->len; j++)
			drop[j] |= t->s[j] == '*';
		parse_text_drop(t, drop);
		free(drop);
		parse_text_squeeze(t);
	}
}

/* ---- anchors ------------------------------------------------------------ */

/* "Số: 454/UBND-NCTH", "Số 516 -KL/ĐUK", a blank "Số: -QĐ/ĐU" or
 * "Số    /KH-UBND". Returns the end of the field, or 0. */
static size_t number_at(const char *s)
{
	size_t i = norm_match_fold(s, "so"), n;
	char sym[96], type[32], org[64];

	/* The field's label is capitalised; "số" in running text (a V/v
	 * naming another document) is not a field. */
	if (!i || s[0] != 'S')
		return 0;
	while (s[i] == ' ' || s[i] == ':' || s[i] == '.')
		i++;
	if (s[i] >= '0' && s[i] <= '9') {
		n = parse_lex_symbol(s + i, sym, sizeof sym, type, sizeof type, org, sizeof org);
		return n ? i + n : 0;
	}
	if (s[i] != '-' && s[i] != '/')
		return 0;
	n = i + 1;
	while (s[n] == ' ')
		n++;
	size_t start = n;
	utf8proc_int32_t cp;
	size_t m;
	while ((m = parse_lex_cp_at(s + n, &cp)) && (parse_lex_is_letter(cp) || cp == '/' || cp == '-' ||
					    (cp >= '0' && cp <= '9')))
		n += m;
	return n > start + 1 ? n : 0;
}

/* True when byte at of s opens a line of the joined text: the text's
 * start or the space a line break became, right after the last field. */
static bool line_start(const size_t *off, size_t k, size_t at)
{
	size_t lo = 0, hi = k;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (off[mid] < at)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < k && off[lo] == at;
}

/* Where a place ends at byte p of s starts: up to max words back, not
 * before floor, from the first capitalised one (all of them capitalised
 * when all_caps); punctuation ends it. Returns p when there is none. */
static size_t place_before(const char *s, size_t p, size_t floor, size_t max, bool all_caps)
{
	size_t start = p, words = 0;

	while (p > floor && words < max) {
		size_t w = p;
		while (w > floor && s[w - 1] == ' ')
			w--;
		size_t ws = w;
		while (ws > floor && s[ws - 1] != ' ')
			ws--;
		utf8proc_int32_t cp;
		if (ws == w || !parse_lex_cp_at(s + ws, &cp) || !parse_lex_is_letter(cp) || strchr(",.;:)", s[w - 1]) ||
		    (all_caps && !utf8proc_isupper(cp)))
			break;
		if (utf8proc_isupper(cp))
			start = ws;
		p = ws;
		words++;
	}
	return start;
}

/* "<Place>, ngày 6 tháng 4 năm 2011" with "ngày" at s + at; the place is
 * the capitalised words before the comma, not before floor; off[0..k)
 * are where the lines start. Fills *a. */
static bool place_date_at(const char *s, size_t at, size_t floor, const size_t *off, size_t k,
			  struct anchor *a)
{
	struct doc_date d;
	size_t n = parse_lex_date(s + at, &d), start = at;

	/* A header writes its date in words; "ngày 13/11/2025" is running text. */
	if (n) {
		size_t w = norm_match_fold(s + at, "ngay");
		while (s[at + w] == ' ')
			w++;
		while (s[at + w] >= '0' && s[at + w] <= '9')
			w++;
		while (s[at + w] == ' ')
			w++;
		int32_t cp;
		if (!parse_lex_cp_at(s + at + w, &cp) || !parse_lex_is_letter(cp)) /* "tháng", "tháng12" */
			return false;
	}

	if (!n) {
		/* An impossible date is still the date field: it is reported. */
		char *place = NULL;
		if (!parse_lex_place_date(s + at, &place, &d))
			return false;
		free(place);
		n = strlen(s + at);
	}
	size_t end = at + n;
	if (s[end] == '.' || s[end] == ',')
		end++;
	size_t c = at;
	while (c > floor && s[c - 1] == ' ')
		c--;
	if (c > floor && s[c - 1] == ',') {
		/* Up to six words back from the comma ("Thành phố Hồ Chí Minh"),
		 * from the first capitalised one. */
		start = place_before(s, c - 1, floor, 6, false);
	} else if (c > floor) {
		/* "Hà Nội ngày 01 tháng 12": a place without its comma, taken
		 * only as whole capitalised words opening a line. */
		start = place_before(s, c, floor, 5, true);
		if (start == c || !line_start(off, k, start))
			start = at;
	}
	a->start = start;
	a->end = end;
	return true;
}

/* The first ". " followed by an upper-case letter within max bytes of s,
 * or NULL. Form fill ("Đ/c.... Mai...") and abbreviations ("Đ/c. Mai")
 * end no sentence. */
static const char *sentence_end(const char *s, size_t max)
{
	for (size_t i = 1; s[i] && i < max; i++) {
		utf8proc_int32_t cp;
		if (s[i] != '.' || s[i - 1] == '.' || s[i + 1] != ' ' || !parse_lex_cp_at(s + i + 2, &cp) ||
		    !utf8proc_isupper(cp))
			continue;
		size_t w = i;
		while (w > 0 && s[w - 1] != ' ')
			w--;
		if (i - w >= 2 && !memchr(s + w, '/', i - w))
			return s + i;
	}
	return NULL;
}

/* Where the fields stand in t: an anchor per field, in order, not
 * overlapping. foot chooses the foot's grammar; a head that runs on past
 * "./." (a copy without line breaks) switches to it there and says where
 * in *foot_at. Returns the count. */
static size_t find_anchors(const struct parse_text *t, const size_t *off, size_t k, bool foot,
			   struct anchor *v, size_t *foot_at)
{
	const char *s = t->s;
	size_t n = 0, floor = 0, line = 0;

	for (size_t i = 0; s && i < t->len && n < MAX_ANCHORS; i++) {
		/* "./." closes the body, glued to its last word or not; in a
		 * head zone (a copy without line breaks) the foot follows. */
		if (!foot && strncmp(s + i, "./.", 3) == 0) {
			v[n++] = (struct anchor){ i + 3, i + 3, false };
			floor = i + 3;
			foot = true;
			*foot_at = i + 3;
			i += 2;
			continue;
		}
		if (i > 0 && s[i - 1] != ' ')
			continue;
		/* " | " between two cells of a flattened table row ends a field. */
		if (s[i] == '|' && (s[i + 1] == ' ' || !s[i + 1])) {
			v[n++] = (struct anchor){ i, i + 1, false };
			floor = i + 1;
			continue;
		}
		size_t m = 0;
		struct anchor a = { i, 0, false };
		if (foot) {
			if ((m = match_any(s + i, authority))) {
				/* Runs on with the collective's or the head's name. */
				a.end = i + m;
				a.open = true;
			}
			else if ((m = norm_match_fold(s + i, "noi nhan"))) {
				while (s[i + m] == ' ' || s[i + m] == ':')
					m++;
				a.end = i + m;
			}
		} else if ((m = norm_match_fold(s + i, "cong hoa xa hoi chu nghia viet nam")) ||
			   (m = norm_match_fold(s + i, "doc lap - tu do - hanh phuc")) ||
			   (m = norm_match_fold(s + i, "doc lap tu do hanh phuc")) ||
			   (m = norm_match_fold(s + i, "dang cong san viet nam")) ||
			   (m = number_at(s + i))) {
			a.end = i + m;
		} else if (norm_match_fold(s + i, "ngay") && place_date_at(s, i, floor, off, k, &a)) {
			/* A date with no place is a field only at a line's start:
			 * elsewhere it belongs to a subject or addressee. */
			while (line + 1 < k && off[line + 1] <= i)
				line++;
			if (a.start == i && i != off[line])
				a.end = 0;
		} else if ((m = norm_match_fold(s + i, "v/v"))) {
			a.end = i + m;
			a.open = true;
		} else if ((m = norm_match_fold(s + i, "kinh gui"))) {
			/* The addressees end with their full stop when a sentence
			 * follows on the same line. */
			a.end = i + m;
			a.open = true;
			const char *dot = sentence_end(s + i + m, 300);
			if (dot) {
				a.end = (size_t)(dot - s) + 1;
				a.open = false;
			}
		}
		if (!a.end)
			continue;
		if (n && a.start < v[n - 1].end)
			a.start = v[n - 1].end;
		v[n++] = a;
		floor = a.end;
		i = a.end > i ? a.end - 1 : i;
	}
	return n;
}

/* ---- cutting ------------------------------------------------------------ */

/* Appends bytes [a, b) of src to dst, spans clipped. */
static void slice(const struct parse_text *src, size_t a, size_t b, struct parse_text *dst)
{
	parse_text_append(dst, src->s + a, b - a, 0);
	for (size_t i = 0; i < src->nspans && !dst->oom; i++) {
		size_t sa = src->spans[i].start, sb = sa + src->spans[i].len;
		if (sb <= a || sa >= b)
			continue;
		size_t ca = sa > a ? sa : a, cb = sb < b ? sb : b;
		size_t base = dst->len - (b - a);
		/* Spans of src are sorted and disjoint: push in order. */
		if (dst->nspans == dst->spans_cap) {
			size_t cap = dst->spans_cap ? dst->spans_cap * 2 : 4;
			struct doc_span *nv = realloc(dst->spans, cap * sizeof *nv);
			if (!nv) {
				dst->oom = true;
				return;
			}
			dst->spans = nv;
			dst->spans_cap = cap;
		}
		dst->spans[dst->nspans++] = (struct doc_span){ (uint32_t)(base + ca - a),
							       (uint32_t)(cb - ca),
							       src->spans[i].style };
	}
}

/* Number of space-separated words in s. */
static size_t words(const char *s)
{
	size_t n = 0;

	for (size_t i = 0; s[i]; i++)
		n += s[i] != ' ' && (i == 0 || s[i - 1] == ' ');
	return n;
}

/* True when the first len bytes of s end with a word or mark that cannot
 * end a name: "VÀ", "CỦA", "CÁC", ",", "-", "&". */
static bool ends_with_joiner(const char *s, size_t len)
{
	while (len && s[len - 1] == ' ')
		len--;
	if (!len)
		return false;
	if (s[len - 1] == ',' || s[len - 1] == '-' || s[len - 1] == '&')
		return true;
	size_t w = len;
	while (w && s[w - 1] != ' ')
		w--;
	char word[16];
	if (len - w >= sizeof word)
		return false;
	memcpy(word, s + w, len - w);
	word[len - w] = '\0';
	return norm_eq_fold(word, "va") || norm_eq_fold(word, "cua") || norm_eq_fold(word, "cac");
}

/* True when p is one word that opens an organisation's name and cannot be
 * all of it: a head of one word ("BỘ", "CỤC"), or the first word of one
 * of more that next goes on ("ỦY" / "BAN NHÂN DÂN"); "CHÍNH" ending "BỘ
 * TÀI" / "CHÍNH" is none. */
static bool opens_org_name(const char *p, const char *q)
{
	size_t n = strlen(p);
	char both[96];

	if (words(p) != 1 || n + 2 >= sizeof both)
		return false;
	if (match_any(p, org_heads) == n)
		return true;
	snprintf(both, sizeof both, "%s %.*s", p, (int)(sizeof both - n - 2), q);
	return match_any(both, org_heads) > n;
}

/* True when the break between two lines of the head only wrapped a phrase:
 * an emphasis run goes on, a joining word ends the first line, or two upper
 * case lines of one style hold one organisation's name. */
static bool head_joins(const struct parse_src_line *prev, const struct parse_src_line *next)
{
	const char *p = prev->t.s, *q = next->t.s;

	/* The Party star, and a symbol whose "Số" was lost, stand alone. */
	char sym[96], type[32], org[64];
	if (strcmp(p, "*") == 0 || strcmp(q, "*") == 0 ||
	    (q[0] >= '0' && q[0] <= '9' &&
	     parse_doc_number_line(q, sym, sizeof sym, type, sizeof type, org, sizeof org)))
		return false;
	if (ends_with_joiner(p, prev->t.len))
		return true;
	bool up = norm_is_upper(p) && norm_is_upper(q);
	bool head = match_any(q, org_heads) > 0;
	/* A body's name opening alone on a line goes on below ("ỦY" / "BAN
	 * NHÂN DÂN", "BỘ" / "TÀI CHÍNH"). */
	if (up && opens_org_name(p, q))
		return true;
	/* One bold run may hold a parent and its body on two lines: a line
	 * that names a whole body ends there. */
	if (next->cont)
		return !(head && match_any(p, org_heads) && words(p) >= 3);
	if (up && match_any(q, locality) && !head)
		return true;
	if (head)
		return false;
	unsigned sp = parse_text_style_at(&prev->t, prev->t.len - 1);
	unsigned sq = parse_text_style_at(&next->t, 0);
	if (sp != sq)
		return false;
	return up || (norm_starts_lower(q) && !parse_lex_ends_terminal(p));
}

/* In the foot only an emphasis run or a joining word joins: a title and an
 * authority are both upper case and often of one style. */
bool parse_doc_name_goes_on(const char *s)
{
	return match_any(s, locality) && !match_any(s, org_heads);
}

/* Words a signer's position title opens with. */
static const char *const title_heads[] = {
	"pho", "bi thu", "chu tich", "chu nhiem", "giam doc", "tong", "chanh", "uy vien",
	"thuong truc", "truong", "thu tuong", "dai su", "ke toan", NULL,
};

/* True when s opens with a position title: a word of title_heads, or a
 * second word "trưởng" ("CỤC TRƯỞNG", "BỘ TRƯỞNG", "HIỆU TRƯỞNG"). */
static bool starts_title(const char *s)
{
	if (match_any(s, title_heads))
		return true;
	const char *sp = strchr(s, ' ');
	return sp && norm_match_fold(sp + 1, "truong");
}

size_t parse_doc_authority_at(const char *s)
{
	return match_any(s, authority);
}

/* True when the break between two lines of a foot only wrapped a phrase. */
static bool foot_joins(const struct parse_src_line *prev, const struct parse_src_line *next)
{
	/* "KT." alone names no one: the title it stands for follows. */
	size_t m = match_any(prev->t.s, authority);
	if (m && m == prev->t.len)
		return true;
	/* "**KT.\nTRƯỞNG BAN**", "**THỦ TƯỚNG CHÍNH\nPHỦ**" wrap, while
	 * "**T/M BAN CHẤP HÀNH\nBÍ THƯ**" are two lines of one bold run: a
	 * wrap leaves a lone word on one side. */
	if (next->cont && (words(prev->t.s) == 1 || words(next->t.s) == 1))
		return true;
	/* In one bold run, or in upper case under an authority, a line that is
	 * no position title goes on the name of the collective above ("TM. ỦY
	 * BAN" / "NHÂN DÂN"); "BÍ THƯ" under "T/M BAN CHẤP HÀNH" is the
	 * title. */
	if ((next->cont || (match_any(prev->t.s, authority) && norm_is_upper(next->t.s))) &&
	    !starts_title(next->t.s) && !match_any(next->t.s, authority))
		return true;
	/* No title is one syllable: an upper-case word alone ends the line
	 * above ("TM. ỦY BAN NHÂN" / "DÂN", emphasis lost). */
	if (words(next->t.s) == 1 && norm_is_upper(next->t.s) && norm_is_upper(prev->t.s) &&
	    !match_any(next->t.s, authority))
		return true;
	return ends_with_joiner(prev->t.s, prev->t.len);
}

/* "CHÁNH VĂN PHÒNGThái Hữu Phép": a name glued to an upper-case title
 * starts where an upper-case letter follows another and a lower-case one
 * follows it. Returns that offset or 0. */
static size_t glued_name(const char *s, size_t len)
{
	utf8proc_int32_t a = 0, b, c;
	size_t i = 0, n;

	while (i < len && (n = parse_lex_cp_at(s + i, &b))) {
		size_t m = parse_lex_cp_at(s + i + n, &c);
		if (i > 0 && m && utf8proc_isupper(a) && parse_lex_is_letter(a) && utf8proc_isupper(b) &&
		    utf8proc_islower(c) && parse_lex_is_letter(c)) {
			/* The title before must be upper case of two letters at least. */
			return i;
		}
		a = b;
		i += n;
	}
	return 0;
}

/* "PHÓ CHỦ TỊCH Nguyễn Văn An": a name of two to five capitalised words
 * ending a line whose start is upper case. Returns where it starts, or 0. */
static size_t trailing_name(const char *s, size_t len)
{
	size_t end = len, start = len, words = 0;

	while (end && s[end - 1] == ' ')
		end--;
	size_t p = end;
	while (p > 0 && words < 6) {
		size_t ws = p;
		while (ws > 0 && s[ws - 1] != ' ')
			ws--;
		char buf[64];
		if (p - ws >= sizeof buf)
			break;
		memcpy(buf, s + ws, p - ws);
		buf[p - ws] = '\0';
		utf8proc_int32_t c0, c1;
		size_t n0 = parse_lex_cp_at(buf, &c0);
		if (!n0 || !parse_lex_cp_at(buf + n0, &c1) || !utf8proc_isupper(c0) || !utf8proc_islower(c1))
			break;
		start = ws;
		words++;
		p = ws;
		while (p > 0 && s[p - 1] == ' ')
			p--;
	}
	if (words < 2 || words > 5 || start == 0)
		return 0;
	char *head = strndup(s, start);
	bool up = head && norm_is_upper(head);
	free(head);
	return up ? start : 0;
}

/* Appends bytes [a, b) of src, trimmed of spaces and table bars, as a
 * line of source line `line` to *v (n of cap); sets *oom on ENOMEM. */
static void push_line(struct parse_text *src, size_t a, size_t b, int line, struct parse_src_line **v,
		      size_t *n, size_t *cap, bool *oom)
{
	/* A table bar left between two cells is no text. */
	while (a < b && (src->s[a] == ' ' || src->s[a] == '|'))
		a++;
	while (b > a && (src->s[b - 1] == ' ' || src->s[b - 1] == '|'))
		b--;
	if (a == b)
		return;
	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 8;
		struct parse_src_line *nv = realloc(*v, nc * sizeof *nv);
		if (!nv) {
			*oom = true;
			return;
		}
		*v = nv;
		*cap = nc;
	}
	struct parse_src_line *l = &(*v)[(*n)++];
	memset(l, 0, sizeof *l);
	l->line = line;
	slice(src, a, b, &l->t);
	if (l->t.oom)
		*oom = true;
}

/* The source line of byte at of the joined text; *cursor remembers the
 * last line found, as the cuts ascend, so the walk stays linear. */
static int line_of(const size_t *off, const struct parse_src_line *lines, size_t n, size_t at,
		   size_t *cursor)
{
	while (*cursor + 1 < n && off[*cursor + 1] <= at)
		(*cursor)++;
	return n ? lines[*cursor].line : 0;
}

/* The zone of the head ends at the type title or at the first line of the
 * body: "Căn cứ ...", a long paragraph. */
static size_t head_zone_end(const struct parse_block *b)
{
	for (size_t i = 0; i < b->nlines; i++) {
		const char *s = parse_doc_line_text(b, i);
		/* A first line that long is a copy that lost its line breaks:
		 * the fields are cut out of it by their grammar all the same. */
		if (b->lines[i].t.len > 300)
			return i == 0 ? 1 : i;
		size_t rest;
		if (norm_match_fold(s, "can cu") || parse_doc_title_kind(s, &rest))
			return i;
	}
	return b->nlines;
}

/* One zone being re-cut: its lines joined with a space between, where
 * each line starts in the joined text, the fields found, the cut points. */
struct zone {
	struct parse_text joined;
	size_t *off, k;
	struct anchor an[MAX_ANCHORS];
	size_t na;
	size_t *cuts, ncut;
	size_t foot_at; /* where the foot starts in joined, (size_t)-1 if not in it */
};

/* Joins the zone's k lines into z->joined, each start in z->off; false
 * on ENOMEM. */
static bool zone_join(struct zone *z, const struct parse_block *b)
{
	if (!(z->off = malloc(z->k * sizeof *z->off)))
		return false;
	for (size_t i = 0; i < z->k; i++) {
		if (i)
			parse_text_append(&z->joined, " ", 1, 0);
		z->off[i] = z->joined.len;
		parse_text_append_text(&z->joined, &b->lines[i].t);
	}
	return !z->joined.oom;
}

/* Cut points, ascending: every field's start and (unless it runs on) its
 * end, and every line break that does not only wrap a phrase; a break
 * inside a field is no cut. */
static bool zone_cuts(struct zone *z, const struct parse_block *b, bool foot)
{
	size_t ai = 0;

	if (!(z->cuts = malloc((2 * z->na + z->k + 2) * sizeof *z->cuts)))
		return false;
	for (size_t i = 1; i <= z->k; i++) {
		size_t at = i < z->k ? z->off[i] - 1 : z->joined.len;
		for (; ai < z->na && z->an[ai].start <= at; ai++) {
			z->cuts[z->ncut++] = z->an[ai].start;
			if (!z->an[ai].open)
				z->cuts[z->ncut++] = z->an[ai].end;
		}
		if (i == z->k)
			break;
		bool inside = false;
		for (size_t j = 0; j < z->na && !inside; j++)
			inside = z->an[j].start < z->off[i] && z->an[j].end > z->off[i];
		bool wrap = foot ? foot_joins(&b->lines[i - 1], &b->lines[i])
				 : head_joins(&b->lines[i - 1], &b->lines[i]);
		/* A V/v keeps its source lines: the subject reader joins them
		 * and keeps where each starts, for the lines of references. */
		size_t last = z->ncut ? z->cuts[z->ncut - 1] : 0;
		while (z->joined.s[last] == ' ')
			last++;
		if (!foot && norm_match_fold(z->joined.s + last, "v/v"))
			wrap = false;
		if (!inside && !wrap)
			z->cuts[z->ncut++] = z->off[i];
	}
	z->cuts[z->ncut++] = z->joined.len;
	return true;
}

/* The lines between the cuts, a foot's name cut off the title it is glued
 * to or ends the line of; appended to *v (nv of cap). */
static void zone_emit(struct zone *z, const struct parse_block *b,
		      struct parse_src_line **v, size_t *nv, size_t *cap, bool *oom)
{
	size_t from = 0, lc = 0;

	for (size_t c = 0; c < z->ncut && !*oom; c++) {
		size_t to = z->cuts[c];
		if (to <= from)
			continue;
		bool in_foot = from >= z->foot_at;
		size_t g = in_foot ? glued_name(z->joined.s + from, to - from) : 0;
		if (in_foot && !g)
			g = trailing_name(z->joined.s + from, to - from);
		if (g) {
			push_line(&z->joined, from, from + g, line_of(z->off, b->lines, z->k, from, &lc),
				  v, nv, cap, oom);
			from += g;
		}
		push_line(&z->joined, from, to, line_of(z->off, b->lines, z->k, from, &lc), v, nv, cap,
			  oom);
		from = to;
	}
}

void parse_doc_reflow(struct parse_block *b, bool foot, bool *oom)
{
	struct zone z = { .k = foot ? b->nlines : head_zone_end(b) };
	struct parse_src_line *v = NULL;
	size_t nv = 0, cap = 0;

	clean_zone(b, z.k, oom);
	if (*oom || z.k == 0)
		return;
	if (!zone_join(&z, b))
		goto fail;
	z.foot_at = foot ? 0 : (size_t)-1;
	z.na = find_anchors(&z.joined, z.off, z.k, foot, z.an, &z.foot_at);
	if (!zone_cuts(&z, b, foot))
		goto fail;
	zone_emit(&z, b, &v, &nv, &cap, oom);
	if (*oom)
		goto fail;
	/* The re-cut lines replace lines [0, k); the rest of the block stays. */
	size_t total = nv + (b->nlines - z.k);
	struct parse_src_line *nl = realloc(v, (total ? total : 1) * sizeof *nl);
	if (!nl)
		goto fail;
	v = nl;
	memcpy(v + nv, b->lines + z.k, (b->nlines - z.k) * sizeof *v);
	for (size_t i = 0; i < z.k; i++)
		parse_text_free(&b->lines[i].t);
	free(b->lines);
	b->lines = v;
	b->nlines = b->cap = total;
	goto done;
fail:
	*oom = true;
	for (size_t i = 0; i < nv; i++)
		parse_text_free(&v[i].t);
	free(v);
done:
	parse_text_free(&z.joined);
	free(z.off);
	free(z.cuts);
}
