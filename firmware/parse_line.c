/* SPDX-License-Identifier: MIT */
/* parse_line.c: what a line of a document is (header part, signer, tail),
 * and the text helpers the document reader shares. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "norm.h"
#include "parse_doc.h"

const char *const parse_doc_header_vocab[] = {
	"Đảng ủy Khối", "Đảng bộ Khối", "Ban Chấp hành", "Ban Thường vụ", "Của", "Đảng ủy",
	"Đảng bộ", "Cơ quan", "Trung ương", "Thông tấn xã", "Việt Nam", "Đến", "Tỉnh ủy",
	"Thành ủy", "Huyện ủy", "Ban Tổ chức", "Văn phòng", NULL,
};

int parse_strv_push(char ***v, size_t *n, const char *s)
{
	char **nv = realloc(*v, (*n + 1) * sizeof *nv);

	if (!nv)
		return -1;
	*v = nv;
	if (!(nv[*n] = strdup(s)))
		return -1;
	(*n)++;
	return 0;
}

const char *parse_doc_line_text(const struct parse_block *b, size_t i)
{
	return b->lines[i].t.s ? b->lines[i].t.s : "";
}

bool parse_doc_fold_starts(const char *s, const char *prefix)
{
	return norm_match_fold(s, prefix) > 0;
}

/* Finds the folded word sequence label at a word start in s; returns where
 * it begins, or NULL. */
const char *parse_doc_label_at(const char *s, const char *label)
{
	for (size_t i = 0; s[i]; i++)
		if ((i == 0 || s[i - 1] == ' ') && parse_doc_fold_starts(s + i, label))
			return s + i;
	return NULL;
}

/* Returns what follows label and its colon in s, or NULL when s does not
 * hold label. "ĐEN Số đến: 11.82" with "so den" gives "11.82". */
const char *parse_doc_value_after(const char *s, const char *label)
{
	const char *p = parse_doc_label_at(s, label);
	size_t words = 1;

	if (!p)
		return NULL;
	for (const char *q = label; *q; q++)
		words += *q == ' ';
	while (words-- && *p) {
		while (*p && *p != ' ' && *p != ':')
			p++;
		while (*p == ' ')
			p++;
	}
	while (*p == ' ' || *p == ':')
		p++;
	return p;
}

/* "T/M BAN THƯỜNG VỤ", "KT. CHỦ TỊCH": a marker, a space, upper case. */
static bool is_authority(const char *s)
{
	size_t m = parse_doc_authority_at(s);

	/* "KT.TRƯỞNG BAN": the space after a full stop may be lost. */
	return m && (s[m] == ' ' || (s[m - 1] == '.' && s[m])) && norm_is_upper(s);
}

bool parse_doc_number_line(const char *s, char *sym, size_t symsz, char *type, size_t typesz,
			char *org, size_t orgsz)
{
	size_t i = 0, n;

	/* A symbol alone on its line, its "Số" lost: a Party symbol, or a
	 * state one with its type code. */
	if (s[0] >= '0' && s[0] <= '9') {
		n = parse_lex_symbol(s, sym, symsz, type, typesz, org, orgsz);
		return n && s[n] == '\0' && type[0] && doc_kind_name(type);
	}
	if (!parse_doc_fold_starts(s, "so"))
		return false;
	while (s[i] && s[i] != ' ' && s[i] != ':' && !(s[i] >= '0' && s[i] <= '9'))
		i++;
	while (s[i] == ' ' || s[i] == ':')
		i++;
	if ((s[i] == '-' || s[i] == '/') && symsz) {
		/* A blank number: "Số: -QĐ/ĐU", "Số    /KH-UBND". Reading a
		 * made-up number in front keeps the symbol grammar in one place. */
		char probe[128];
		snprintf(probe, sizeof probe, "1%s", s + i);
		n = parse_lex_symbol(probe, sym, symsz, type, typesz, org, orgsz);
		sym[0] = '\0';
		if (!n)
			return false;
		i += n - 1;
	} else if (!(n = parse_lex_symbol(s + i, sym, symsz, type, typesz, org, orgsz))) {
		return false;
	} else {
		i += n;
	}
	for (const char *p = s + i; *p; p++)
		if (*p != ' ' && *p != '.')
			return false;
	return true;
}

const char *parse_doc_title_kind(const char *s, size_t *rest)
{
	const char *code = NULL;
	size_t end = 0;
	char buf[64];

	*rest = strlen(s);
	if (!norm_is_upper(s))
		return NULL;
	if ((code = doc_kind_from_name(s)))
		return code;
	/* "KẾT LUẬN CỦA BỘ CHÍNH TRỊ", "KẾT LUẬN 127-KL/TW ...": a type name
	 * of up to three words, then an author, a subject or a symbol. */
	for (int words = 0; words < 3; words++) {
		while (s[end] && s[end] != ' ')
			end++;
		if (!s[end] || end >= sizeof buf)
			return NULL;
		memcpy(buf, s, end);
		buf[end] = '\0';
		const char *after = s + end + 1;
		if ((code = doc_kind_from_name(buf)) &&
		    (norm_match_fold(after, "cua") || norm_match_fold(after, "ve") ||
		     (*after >= '0' && *after <= '9'))) {
			*rest = end + 1;
			return code;
		}
		end++;
	}
	return NULL;
}

enum parse_line_kind parse_doc_classify(const char *s)
{
	char sym[96], type[32], org[64], *place = NULL;
	struct doc_date d;
	enum parse_line_kind k = LK_TEXT;

	if (strcmp(s, "*") == 0)
		return LK_STAR;
	if (parse_doc_fold_starts(s, "so cua van ban"))
		return LK_ABOUT;
	if (parse_doc_number_line(s, sym, sizeof sym, type, sizeof type, org, sizeof org))
		return LK_NUMBER;
	if (parse_lex_place_date(s, &place, &d)) {
		free(place);
		return LK_PLACE_DATE;
	}
	/* Every test below looks at the start of the line: matched in place,
	 * folding only as far as the phrase goes (most fail on the first
	 * letter), so classifying every line of a body stays cheap. */
	size_t m, n = strlen(s);
	if ((m = norm_match_fold(s, "dang cong san viet nam")) && m == n)
		k = LK_PARTY;
	else if (norm_match_fold(s, "cong hoa xa hoi chu nghia viet nam") ||
		 norm_match_fold(s, "doc lap - tu do - hanh phuc") ||
		 norm_match_fold(s, "doc lap tu do hanh phuc"))
		k = LK_STATE;
	else if (norm_match_fold(s, "v/v"))
		k = LK_VV;
	else if (norm_match_fold(s, "kinh gui"))
		k = LK_KINH_GUI;
	else if ((m = norm_match_fold(s, "noi nhan")) && n - m <= 4)
		k = LK_NOI_NHAN;
	else if (norm_match_fold(s, "y kien cua") && s[n - 1] == ':')
		k = LK_OPINION;
	else if (norm_match_fold(s, "thoi han tra loi"))
		k = LK_DEADLINE;
	else if (is_authority(s))
		k = LK_AUTHORITY;
	else if (parse_doc_title_kind(s, &m))
		k = LK_TITLE;
	else if (norm_is_upper(s) && norm_match_fold(s, "cua"))
		k = LK_AUTHOR;
	else if (parse_lex_is_name(s))
		k = LK_NAME;
	else if (norm_is_upper(s) && strlen(s) < 160)
		k = LK_UPPER;
	return k;
}

bool parse_doc_block_is_stamp(const struct parse_block *b)
{
	bool den = false;

	if (b->nlines > 6)
		return false;
	for (size_t i = 0; i < b->nlines; i++) {
		/* Stamp lines are short; a body line is never one. */
		if (strlen(parse_doc_line_text(b, i)) > 160)
			continue;
		char *f = norm_fold(parse_doc_line_text(b, i));
		/* The stamp's labels, not "hạ tầng số đến năm 2025" of a body. */
		if (f && (strstr(f, "so den:") || strstr(f, "so den :") || strstr(f, "ngay den:") ||
			  strstr(f, "ngay den :") || strncmp(f, "so den", 6) == 0 ||
			  strncmp(f, "ngay den", 8) == 0))
			den = true;
		free(f);
	}
	return den;
}

bool parse_doc_block_is_annotation(const struct parse_block *b)
{
	char *f = norm_fold_prefix(parse_doc_line_text(b, 0), 160);
	bool ok = f && (strstr(f, "handwritten") || strstr(f, "handwriting") ||
			strstr(f, "chu viet tay") || strstr(f, "but phe"));

	free(f);
	return ok;
}

/* Joins lines [from, to) of a block with single spaces into a parse_text. */
void parse_doc_join_lines(const struct parse_block *b, size_t from, size_t to, struct parse_text *out)
{
	for (size_t i = from; i < to; i++) {
		if (out->len)
			parse_text_append(out, " ", 1, 0);
		parse_text_append_text(out, &b->lines[i].t);
	}
	parse_text_squeeze(out);
}

char *parse_doc_join_plain(const struct parse_block *b, size_t from, size_t to)
{
	struct parse_text t = { 0 };

	parse_doc_join_lines(b, from, to, &t);
	return t.oom ? (parse_text_free(&t), NULL) : parse_text_take(&t);
}

/* Sets the subject from lines [from, to) of b, with its line map. */
void parse_doc_set_subject(struct parse_doc_builder *bl, const struct parse_block *b, size_t from, size_t to)
{
	char *subject = parse_doc_join_plain(b, from, to);
	size_t n = 0, cursor = 0;

	free(bl->doc.subject);
	bl->doc.subject = subject;
	for (size_t k = from; subject && k < to && n < 8; k++) {
		const char *at = strstr(subject + cursor, parse_doc_line_text(b, k));
		if (!at)
			continue;
		bl->subject_off[n] = (size_t)(at - subject);
		bl->subject_lines[n++] = b->lines[k].line;
		cursor = (size_t)(at - subject);
	}
	bl->subject_map = (struct parse_line_map){ bl->subject_off, bl->subject_lines, n };
}

void parse_doc_set_str(struct parse_doc_state *ps, char **field, const char *value)
{
	if (*field || !value)
		return;
	if (!(*field = strdup(value)))
		ps->oom = true;
}

/* Takes ownership of value and puts it in *field, freeing what was there. */
void parse_doc_replace_str(char **field, char *value)
{
	free(*field);
	*field = value;
}

void parse_doc_push(struct parse_doc_state *ps, char ***v, size_t *n, const char *s)
{
	if (s && *s && parse_strv_push(v, n, s) < 0)
		ps->oom = true;
}

/* Strips "- " and the trailing ",;." of a list item. */
char *parse_doc_clean_item(const char *s, bool keep_final_dot)
{
	char *t = parse_lex_strip_fill(s);
	size_t n;

	if (!t)
		return NULL;
	char *p = t;
	if (p[0] == '-' && p[1] == ' ')
		p += 2;
	while (*p == ' ')
		p++;
	memmove(t, p, strlen(p) + 1);
	n = strlen(t);
	while (n && (t[n - 1] == ',' || t[n - 1] == ';' || t[n - 1] == ' ' ||
		     (!keep_final_dot && t[n - 1] == '.')))
		t[--n] = '\0';
	return t;
}
