/* SPDX-License-Identifier: MIT */
/* parse_doc.c: splits a file's blocks into documents and reads each one's
 * parts: header (issuing body, number, place and date, type title, author,
 * subject), addressees, body, recipients, signer, received stamp, routing
 * slip opinions. Header parts may come in any order (OCR scrambles the two
 * header columns); the body ends at "Nơi nhận" or the signer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "norm.h"
#include "parse_int.h"

/* Header words OCR damages, restored when they are found without marks. */
static const char *const header_vocab[] = {
	"Đảng ủy Khối", "Đảng bộ Khối", "Ban Chấp hành", "Ban Thường vụ", "Của", "Đảng ủy",
	"Đảng bộ", "Cơ quan", "Trung ương", "Thông tấn xã", "Việt Nam", "Đến", "Tỉnh ủy",
	"Thành ủy", "Huyện ủy", "Ban Tổ chức", "Văn phòng", NULL,
};

/* Position titles, to repair handwriting read off a dotted form. */
static const char *const title_vocab[] = {
	"Phó Bí thư chuyên trách", "Phó Bí thư thường trực", "Phó Chánh Văn phòng",
	"Chánh Văn phòng", "Phó Trưởng ban", "Trưởng ban", "Phó Bí thư", "Bí thư", NULL,
};

enum lkind {
	LK_TEXT, LK_STAR, LK_NUMBER, LK_ABOUT, LK_PLACE_DATE, LK_PARTY, LK_STATE, LK_VV,
	LK_KINH_GUI, LK_NOI_NHAN, LK_AUTHORITY, LK_TITLE, LK_AUTHOR, LK_OPINION,
	LK_DEADLINE, LK_NAME, LK_UPPER,
};

enum phase { PH_HEAD, PH_BODY, PH_TAIL, PH_DONE };
enum target { T_NONE, T_ADDRESSEES, T_RECIPIENTS, T_INSTRUCTIONS };

struct body_src {
	const struct pblock *b;
	size_t from; /* first line of b that belongs to the body */
};

struct builder {
	struct doc doc;
	enum phase phase;
	enum target target;
	bool started, has_title, expect_subject, subject_vv;
	char org[64];      /* issuing-body code of the number */
	int about_line;    /* routing slip: line naming the document it is about */
	/* Where each source line of the subject starts in it, so references
	 * found there carry their own line. */
	struct pline_map subject_map;
	size_t subject_off[8];
	int subject_lines[8];
	char *issuer_lines[4];
	size_t nissuer;
	struct body_src *body;
	size_t nbody, body_cap;
};

struct pstate {
	struct pdiag *diag;
	const struct parse_limits *lim;
	struct doc *docs;
	size_t ndocs, cap;
	struct builder cur;
	bool oom;
};

/* ---- small helpers ---------------------------------------------------- */

int pstrv_push(char ***v, size_t *n, const char *s)
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

static const char *line_text(const struct pblock *b, size_t i)
{
	return b->lines[i].t.s ? b->lines[i].t.s : "";
}

static bool fold_starts(const char *s, const char *prefix)
{
	return norm_starts_with_fold(s, prefix);
}

/* Finds the folded word sequence label at a word start in s; returns where
 * it begins, or NULL. */
static const char *label_at(const char *s, const char *label)
{
	for (size_t i = 0; s[i]; i++)
		if ((i == 0 || s[i - 1] == ' ') && fold_starts(s + i, label))
			return s + i;
	return NULL;
}

/* Returns what follows label and its colon in s, or NULL when s does not
 * hold label. "ĐEN Số đến: 11.82" with "so den" gives "11.82". */
static const char *value_after(const char *s, const char *label)
{
	const char *p = label_at(s, label);
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

static bool is_authority(const char *s)
{
	static const char *const forms[] = { "t/m ", "k/t ", "t/l ", "t/u ", "tm. ", "kt. ",
					     "tl. ", "tuq. ", "q. ", NULL };
	char *f = norm_fold_prefix(s, 32);
	bool ok = false;

	for (const char *const *p = forms; f && *p && !ok; p++)
		ok = strncmp(f, *p, strlen(*p)) == 0;
	free(f);
	return ok && norm_is_upper(s);
}

static bool number_line(const char *s, char *sym, size_t symsz, char *type, size_t typesz,
			char *org, size_t orgsz)
{
	size_t i = 0, n;

	if (!fold_starts(s, "so"))
		return false;
	while (s[i] && s[i] != ' ' && s[i] != ':' && !(s[i] >= '0' && s[i] <= '9'))
		i++;
	while (s[i] == ' ' || s[i] == ':')
		i++;
	n = plex_symbol(s + i, sym, symsz, type, typesz, org, orgsz);
	if (!n)
		return false;
	for (const char *p = s + i + n; *p; p++)
		if (*p != ' ' && *p != '.')
			return false;
	return true;
}

static enum lkind classify(const char *s)
{
	char sym[96], type[32], org[64], *place = NULL;
	struct doc_date d;
	enum lkind k = LK_TEXT;

	if (strcmp(s, "*") == 0)
		return LK_STAR;
	if (fold_starts(s, "so cua van ban"))
		return LK_ABOUT;
	if (number_line(s, sym, sizeof sym, type, sizeof type, org, sizeof org))
		return LK_NUMBER;
	if (plex_place_date(s, &place, &d)) {
		free(place);
		return LK_PLACE_DATE;
	}
	/* Every test below looks at the start of the line or compares it with
	 * a short phrase: a prefix is all that needs folding. */
	char *f = norm_fold_prefix(s, 160);
	if (!f)
		return LK_TEXT;
	if (strcmp(f, "dang cong san viet nam") == 0)
		k = LK_PARTY;
	else if (strncmp(f, "cong hoa xa hoi chu nghia viet nam", 34) == 0 ||
		 strncmp(f, "doc lap - tu do - hanh phuc", 27) == 0)
		k = LK_STATE;
	else if (strncmp(f, "v/v", 3) == 0)
		k = LK_VV;
	else if (strncmp(f, "kinh gui", 8) == 0)
		k = LK_KINH_GUI;
	else if (strncmp(f, "noi nhan", 8) == 0 && strlen(f) <= 12)
		k = LK_NOI_NHAN;
	else if (strncmp(f, "y kien cua", 10) == 0 && f[strlen(f) - 1] == ':')
		k = LK_OPINION;
	else if (strncmp(f, "thoi han tra loi", 16) == 0)
		k = LK_DEADLINE;
	else if (is_authority(s))
		k = LK_AUTHORITY;
	else if (norm_is_upper(s) && doc_kind_from_name(s))
		k = LK_TITLE;
	else if (norm_is_upper(s) && strncmp(f, "cua ", 4) == 0)
		k = LK_AUTHOR;
	else if (plex_is_name(s))
		k = LK_NAME;
	else if (norm_is_upper(s) && strlen(s) < 160)
		k = LK_UPPER;
	free(f);
	return k;
}

static bool block_is_stamp(const struct pblock *b)
{
	bool den = false;

	if (b->nlines > 6)
		return false;
	for (size_t i = 0; i < b->nlines; i++) {
		/* Stamp lines are short; a body line is never one. */
		if (strlen(line_text(b, i)) > 160)
			continue;
		char *f = norm_fold(line_text(b, i));
		if (f && (strstr(f, "so den") || strstr(f, "ngay den")))
			den = true;
		free(f);
	}
	return den;
}

static bool block_is_annotation(const struct pblock *b)
{
	char *f = norm_fold_prefix(line_text(b, 0), 160);
	bool ok = f && (strstr(f, "handwritten") || strstr(f, "handwriting") ||
			strstr(f, "chu viet tay") || strstr(f, "but phe"));

	free(f);
	return ok;
}

/* Joins lines [from, to) of a block with single spaces into a ptext. */
static void join_lines(const struct pblock *b, size_t from, size_t to, struct ptext *out)
{
	for (size_t i = from; i < to; i++) {
		if (out->len)
			ptext_append(out, " ", 1, 0);
		ptext_append_ptext(out, &b->lines[i].t);
	}
	ptext_squeeze(out);
}

static char *join_plain(const struct pblock *b, size_t from, size_t to)
{
	struct ptext t = { 0 };

	join_lines(b, from, to, &t);
	return t.oom ? (ptext_free(&t), NULL) : ptext_take(&t);
}

/* Sets the subject from lines [from, to) of b, with its line map. */
static void set_subject(struct builder *bl, const struct pblock *b, size_t from, size_t to)
{
	char *subject = join_plain(b, from, to);
	size_t n = 0, cursor = 0;

	free(bl->doc.subject);
	bl->doc.subject = subject;
	for (size_t k = from; subject && k < to && n < 8; k++) {
		const char *at = strstr(subject + cursor, line_text(b, k));
		if (!at)
			continue;
		bl->subject_off[n] = (size_t)(at - subject);
		bl->subject_lines[n++] = b->lines[k].line;
		cursor = (size_t)(at - subject);
	}
	bl->subject_map = (struct pline_map){ bl->subject_off, bl->subject_lines, n };
}

static void set_str(struct pstate *ps, char **field, const char *value)
{
	if (*field || !value)
		return;
	if (!(*field = strdup(value)))
		ps->oom = true;
}

/* Takes ownership of value and puts it in *field, freeing what was there. */
static void replace_str(char **field, char *value)
{
	free(*field);
	*field = value;
}

static void push(struct pstate *ps, char ***v, size_t *n, const char *s)
{
	if (s && *s && pstrv_push(v, n, s) < 0)
		ps->oom = true;
}

/* Strips "- " and the trailing ",;." of a list item. */
static char *clean_item(const char *s, bool keep_final_dot)
{
	char *t = plex_strip_fill(s);
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

/* ---- the received stamp ---------------------------------------------- */

static void take_stamp(struct pstate *ps, struct builder *bl, const struct pblock *b)
{
	struct doc_received *r = &bl->doc.received;

	r->present = true;
	for (size_t i = 0; i < b->nlines; i++) {
		const char *s = line_text(b, i);
		const char *num = value_after(s, "so den");
		const char *day = value_after(s, "ngay den");
		char *f = norm_fold(s);
		if (i == 0 && !num && !day && f && strcmp(f, "den") != 0 && !r->by)
			r->by = norm_repair(s, header_vocab);
		free(f);
		if (num && !r->number_raw) {
			/* "Số đến: 711 Ngày đến: ..." on one line: the number stops
			 * where the date's label starts. */
			const char *day_label = day ? label_at(s, "ngay den") : NULL;
			size_t len = day_label > num ? (size_t)(day_label - num) : strlen(num);
			char *raw = strndup(num, len);
			r->number_raw = raw ? plex_strip_fill(raw) : NULL;
			free(raw);
			if (r->number_raw && !*r->number_raw) {
				free(r->number_raw);
				r->number_raw = NULL;
			}
			if (r->number_raw) {
				char digits[64];
				size_t nd = 0;
				bool only = true;
				for (const char *p = r->number_raw; *p; p++) {
					if (*p >= '0' && *p <= '9') {
						if (nd + 1 < sizeof digits)
							digits[nd++] = *p;
					} else {
						only = false;
					}
				}
				digits[nd] = '\0';
				bool numeric = nd > 0;
				for (const char *p = r->number_raw; *p && numeric; p++)
					numeric = (*p >= '0' && *p <= '9') || *p == '.' || *p == ' ';
				if (numeric)
					r->number = strdup(digits);
				r->number_uncertain = !only;
				if (!only)
					pdiag_add(ps->diag, PARSE_WARNING, b->lines[i].line, "received",
						  numeric ? "received stamp number \"%s\" is handwritten and uncertain; read as %s"
							  : "received stamp number field holds \"%s\", not a number",
						  r->number_raw, digits);
			}
		}
		if (day)
			plex_date(day, &r->date);
	}
}

/* ---- addressees ------------------------------------------------------- */

static bool words_match(const char *a, const char *b, bool *fuzzy)
{
	char *fa = norm_fold(a), *fb = norm_fold(b);
	bool ok = fa && fb && strcmp(fa, fb) == 0;

	/* One handwriting misread is forgiven when both words begin alike
	 * ("Chức" for "chuyên"). */
	if (!ok && fuzzy && !*fuzzy && fa && fb && strncmp(fa, fb, 2) == 0) {
		ok = true;
		*fuzzy = true;
	}
	free(fa);
	free(fb);
	return ok;
}

/* "Đ/c Mai Quang Huy Phó Bí Thư Chức trách Đảng ủy TTXVN" ->
 * "Đ/c Mai Quang Huy, Phó Bí thư chuyên trách Đảng ủy TTXVN". */
static char *fix_addressee(const char *s)
{
	char *t = plex_strip_fill(s), *words[48], *out = NULL;
	size_t nw = 0;

	if (!t)
		return NULL;
	if (!fold_starts(t, "d/c"))
		return t;
	for (char *save = NULL, *w = strtok_r(t, " ", &save); w && nw < 48; w = strtok_r(NULL, " ", &save))
		words[nw++] = w;
	for (size_t k = 2; k < nw && !out; k++) {
		for (const char *const *tv = title_vocab; *tv && !out; tv++) {
			char *tw = strdup(*tv), *tws[8];
			size_t nt = 0;
			if (!tw)
				break;
			for (char *save = NULL, *w = strtok_r(tw, " ", &save); w && nt < 8; w = strtok_r(NULL, " ", &save))
				tws[nt++] = w;
			bool fuzzy = nt < 4; /* short titles must match exactly */
			bool ok = k + nt <= nw;
			for (size_t j = 0; ok && j < nt; j++)
				ok = words_match(words[k + j], tws[j], &fuzzy);
			if (ok) {
				size_t len = strlen(s) + strlen(*tv) + 8, o = 0;
				out = malloc(len);
				for (size_t j = 0; out && j < k; j++)
					o += (size_t)snprintf(out + o, len - o, "%s%s", j ? " " : "", words[j]);
				if (out)
					o += (size_t)snprintf(out + o, len - o, ", %s", *tv);
				for (size_t j = k + nt; out && j < nw; j++)
					o += (size_t)snprintf(out + o, len - o, " %s", words[j]);
			}
			free(tw);
		}
	}
	if (out) {
		free(t);
		return out;
	}
	/* No title found: give the words back with single spaces. */
	char *joined = plex_strip_fill(s);
	free(t);
	return joined;
}

static void take_addressees(struct pstate *ps, struct builder *bl, const char *rest)
{
	/* "Kính gửi: - A - B" or "Kính gửi: Đ/c X" */
	char *copy = strdup(rest ? rest : ""), *p = copy;

	if (!copy) {
		ps->oom = true;
		return;
	}
	while (p && *p) {
		while (*p == ' ' || *p == '-')
			p++;
		char *next = strstr(p, " - ");
		if (next)
			*next = '\0';
		char *item = clean_item(p, false);
		char *fixed = item ? fix_addressee(item) : NULL;
		push(ps, &bl->doc.addressees, &bl->doc.naddressees, fixed);
		free(item);
		free(fixed);
		p = next ? next + 3 : NULL;
	}
	free(copy);
}

/* ---- blocks by phase -------------------------------------------------- */

static void body_push(struct pstate *ps, struct builder *bl, const struct pblock *b, size_t from)
{
	if (bl->nbody == bl->body_cap) {
		size_t cap = bl->body_cap ? bl->body_cap * 2 : 16;
		struct body_src *v = realloc(bl->body, cap * sizeof *v);
		if (!v) {
			ps->oom = true;
			return;
		}
		bl->body = v;
		bl->body_cap = cap;
	}
	bl->body[bl->nbody++] = (struct body_src){ b, from };
}

static void take_tail(struct pstate *ps, struct builder *bl, const struct pblock *b, size_t from)
{
	struct doc_signer *sg = &bl->doc.signer;

	if (bl->phase != PH_DONE)
		bl->phase = PH_TAIL;
	if (b->type == PB_ITEM && bl->target == T_RECIPIENTS) {
		char *all = join_plain(b, from, b->nlines), *item = all ? clean_item(all, false) : NULL;
		push(ps, &bl->doc.recipients, &bl->doc.nrecipients, item);
		free(all);
		free(item);
		return;
	}
	for (size_t i = from; i < b->nlines; i++) {
		const char *s = line_text(b, i);
		enum lkind k = classify(s);
		if (k == LK_DEADLINE) {
			continue; /* a routing slip's empty reply deadline */
		} else if (k == LK_NOI_NHAN) {
			bl->target = T_RECIPIENTS;
		} else if (bl->target == T_RECIPIENTS && s[0] == '-' && s[1] == ' ') {
			char *item = clean_item(s, false);
			push(ps, &bl->doc.recipients, &bl->doc.nrecipients, item);
			free(item);
		} else if (k == LK_AUTHORITY && !sg->authority) {
			set_str(ps, &sg->authority, s);
			bl->target = T_NONE;
		} else if ((k == LK_UPPER || k == LK_AUTHOR) && !sg->title && !sg->name) {
			set_str(ps, &sg->title, s);
			bl->target = T_NONE;
		} else if (k == LK_NAME && !sg->name) {
			set_str(ps, &sg->name, s);
			bl->phase = PH_DONE;
			bl->target = T_NONE;
		} else {
			push(ps, &bl->doc.annotations, &bl->doc.nannotations, s);
			pdiag_add(ps->diag, PARSE_WARNING, b->lines[i].line, "signer",
				  "text after the body that is neither recipient nor signer kept as a note");
		}
	}
}

static bool qualifies_subject(const struct pblock *b)
{
	size_t skip;
	bool roman;
	const char *first = line_text(b, 0), *last = line_text(b, b->nlines - 1);
	size_t len = strlen(last), total = 0;

	if (b->type == PB_ITEM || b->nlines > 5)
		return false;
	for (size_t i = 0; i < b->nlines; i++)
		total += strlen(line_text(b, i));
	if (total > 700 || plex_label(first, &skip, &roman))
		return false;
	enum lkind k = classify(first);
	if (k != LK_TEXT && k != LK_UPPER)
		return false;
	bool quote_end = len >= 3 && strcmp(last + len - 3, "\xE2\x80\x9D") == 0;
	return quote_end || !plex_ends_terminal(last);
}

static void take_body(struct pstate *ps, struct builder *bl, const struct pblock *b, size_t from)
{
	enum lkind k = classify(line_text(b, from));

	if (k == LK_NOI_NHAN || k == LK_AUTHORITY) {
		take_tail(ps, bl, b, from);
		return;
	}
	if (k == LK_NAME && b->nlines == from + 1 && b->blank_before >= 1 && bl->nbody) {
		set_str(ps, &bl->doc.signer.name, line_text(b, from));
		bl->phase = PH_DONE;
		return;
	}
	bl->phase = PH_BODY;
	body_push(ps, bl, b, from);
}

static void set_number(struct pstate *ps, struct builder *bl, const char *s)
{
	char sym[96], type[32], org[64];

	if (bl->doc.number || !number_line(s, sym, sizeof sym, type, sizeof type, org, sizeof org))
		return;
	set_str(ps, &bl->doc.number, sym);
	snprintf(bl->org, sizeof bl->org, "%s", org);
	if (type[0] && !bl->doc.kind && doc_kind_name(type))
		set_str(ps, &bl->doc.kind, type);
}

static void take_title(struct pstate *ps, struct builder *bl, const struct pblock *b, size_t *i)
{
	const char *code = doc_kind_from_name(line_text(b, *i));

	free(bl->doc.kind);
	bl->doc.kind = NULL;
	set_str(ps, &bl->doc.kind, code);
	bl->has_title = true;
	if (*i + 1 < b->nlines && classify(line_text(b, *i + 1)) == LK_AUTHOR) {
		(*i)++;
		replace_str(&bl->doc.author, norm_repair(line_text(b, *i), header_vocab));
	}
	if (*i + 1 < b->nlines) {
		set_subject(bl, b, *i + 1, b->nlines);
		*i = b->nlines;
	} else {
		bl->expect_subject = true;
	}
}

static void take_head(struct pstate *ps, struct builder *bl, const struct pblock *b)
{
	if (block_is_stamp(b)) {
		take_stamp(ps, bl, b);
		return;
	}
	if (b->type == PB_ITEM && bl->target == T_ADDRESSEES) {
		char *all = join_plain(b, 0, b->nlines);
		take_addressees(ps, bl, all);
		free(all);
		return;
	}
	if (b->type == PB_ITEM && bl->target == T_INSTRUCTIONS) {
		char *all = join_plain(b, 0, b->nlines), *item = all ? clean_item(all, true) : NULL;
		push(ps, &bl->doc.instructions, &bl->doc.ninstructions, item);
		free(all);
		free(item);
		return;
	}
	bl->target = T_NONE;
	if (bl->expect_subject) {
		bl->expect_subject = false;
		if (qualifies_subject(b)) {
			set_subject(bl, b, 0, b->nlines);
			return;
		}
	}
	for (size_t i = 0; i < b->nlines; i++) {
		const char *s = line_text(b, i);
		enum lkind k = classify(s);
		char *place = NULL;
		switch (k) {
		case LK_STAR:
		case LK_DEADLINE:
			break;
		case LK_NUMBER:
			set_number(ps, bl, s);
			break;
		case LK_ABOUT: {
			char *v = plex_strip_fill(value_after(s, "so cua van ban"));
			char sym[96], type[32], org[64];
			const char *d = v;
			while (d && *d && (*d < '0' || *d > '9'))
				d++;
			if (d && *d && plex_symbol(d, sym, sizeof sym, type, sizeof type, org, sizeof org)) {
				bl->doc.link_type = DOC_LINK_ANNOTATES;
				set_str(ps, &bl->doc.link_symbol, sym);
				bl->about_line = b->lines[i].line;
			}
			free(v);
			break;
		}
		case LK_PLACE_DATE:
			if (!bl->doc.date.y) {
				struct doc_date d;
				plex_place_date(s, &place, &d);
				bl->doc.date = d;
				if (!d.y)
					pdiag_add(ps->diag, PARSE_WARNING, b->lines[i].line, "date",
						  "\"%s\" is not a real date; the document is kept without one", s);
				set_str(ps, &bl->doc.place, place);
			}
			free(place);
			break;
		case LK_PARTY:
			bl->doc.party_header = true;
			break;
		case LK_STATE:
			bl->doc.state_header = true;
			break;
		case LK_VV: {
			size_t j = i + 1;
			while (j < b->nlines && classify(line_text(b, j)) == LK_TEXT)
				j++;
			set_subject(bl, b, i, j);
			bl->subject_vv = true;
			i = j - 1;
			break;
		}
		case LK_KINH_GUI:
			take_addressees(ps, bl, value_after(s, "kinh gui"));
			for (; i + 1 < b->nlines && line_text(b, i + 1)[0] == '-'; i++)
				take_addressees(ps, bl, line_text(b, i + 1));
			bl->target = T_ADDRESSEES;
			break;
		case LK_OPINION:
			bl->target = T_INSTRUCTIONS;
			break;
		case LK_TITLE:
			take_title(ps, bl, b, &i);
			break;
		case LK_AUTHOR:
			if (!bl->doc.author)
				bl->doc.author = norm_repair(s, header_vocab);
			break;
		case LK_NOI_NHAN:
		case LK_AUTHORITY:
			take_tail(ps, bl, b, i);
			return;
		case LK_NAME:
			if (bl->has_title || bl->doc.number) {
				set_str(ps, &bl->doc.signer.name, s);
				bl->phase = PH_DONE;
				return;
			}
			/* A name before any header is text. */
			/* fall through */
		case LK_UPPER:
			if (k == LK_UPPER && !bl->has_title && bl->nissuer < 4) {
				if (!(bl->issuer_lines[bl->nissuer++] = strdup(s)))
					ps->oom = true;
				break;
			}
			/* fall through */
		case LK_TEXT:
			take_body(ps, bl, b, i);
			return;
		}
	}
}

/* ---- document boundaries ---------------------------------------------- */

static bool starts_new_doc(const struct builder *bl, const struct pblock *b)
{
	enum lkind k = classify(line_text(b, 0));
	bool stamp = block_is_stamp(b);
	bool strong = stamp || k == LK_STAR || k == LK_NUMBER || k == LK_PARTY ||
		      k == LK_STATE || k == LK_PLACE_DATE || k == LK_TITLE;

	if (!bl->started)
		return false;
	switch (bl->phase) {
	case PH_HEAD:
		return (stamp && bl->doc.received.present) ||
		       (k == LK_NUMBER && bl->doc.number) || (k == LK_TITLE && bl->has_title) ||
		       (k == LK_PARTY && bl->doc.party_header) ||
		       (k == LK_PLACE_DATE && bl->doc.date.y);
	case PH_BODY:
		return strong && (stamp || b->blank_before >= 2);
	case PH_TAIL:
		return strong || (k == LK_UPPER && bl->doc.signer.title && bl->doc.signer.name);
	case PH_DONE:
		return k != LK_DEADLINE;
	}
	return false;
}

/* ---- finishing a document --------------------------------------------- */

static bool block_append(struct pstate *ps, struct doc *doc, struct ptext *t,
			 enum doc_block_type type, int level, const char *label, int line)
{
	struct doc_block *v = realloc(doc->blocks, (doc->nblocks + 1) * sizeof *v);

	if (!v) {
		ps->oom = true;
		return false;
	}
	doc->blocks = v;
	struct doc_block *blk = &v[doc->nblocks];
	memset(blk, 0, sizeof *blk);
	blk->type = type;
	blk->level = level;
	blk->line = line;
	blk->label = label ? strdup(label) : NULL;
	blk->spans = t->spans;
	blk->nspans = t->nspans;
	t->spans = NULL;
	t->nspans = 0;
	blk->text = ptext_take(t);
	doc->nblocks++;
	if (!blk->text || (label && !blk->label))
		ps->oom = true;
	return true;
}

/* Turns the collected source blocks into body blocks: labels split off,
 * points and headings recognised, paragraphs broken by a page joined. */
static void build_body(struct pstate *ps, struct builder *bl)
{
	struct ptext pending = { 0 };
	enum doc_block_type ptype = DOC_BLOCK_PARA;
	int plevel = 0, pline = 0;
	char plabel[64] = "";
	bool have = false;

	for (size_t i = 0; i < bl->nbody && !ps->oom; i++) {
		const struct pblock *b = bl->body[i].b;
		struct ptext t = { 0 };
		enum doc_block_type type = DOC_BLOCK_PARA;
		int level = 0;
		char label[64] = "";
		size_t skip = 0, llen;
		bool roman;

		join_lines(b, bl->body[i].from, b->nlines, &t);
		if (t.oom || !t.len) {
			ptext_free(&t);
			continue;
		}
		if (b->type == PB_ITEM) {
			type = b->ordered ? DOC_BLOCK_POINT : DOC_BLOCK_BULLET;
			if (b->ordered)
				snprintf(label, sizeof label, "%u%c", b->number, b->delim);
		} else if ((llen = plex_label(t.s, &skip, &roman)) > 0 && llen < sizeof label) {
			memcpy(label, t.s, llen);
			label[llen] = '\0';
			ptext_cut(&t, 0, skip);
			if (b->type == PB_HEADING || (roman && norm_is_upper(t.s))) {
				type = DOC_BLOCK_HEADING;
				level = roman ? 1 : 2;
			} else {
				type = DOC_BLOCK_POINT;
			}
		} else if (b->type == PB_HEADING) {
			type = DOC_BLOCK_HEADING;
			level = 1;
		}
		/* A page break inside a sentence: the previous block stops without
		 * terminal punctuation and this one goes on in lower case. */
		if (have && ptype != DOC_BLOCK_HEADING && type == DOC_BLOCK_PARA &&
		    !plex_ends_terminal(pending.s) && norm_starts_lower(t.s)) {
			ptext_append(&pending, " ", 1, 0);
			ptext_append_ptext(&pending, &t);
			ptext_free(&t);
			if (pending.oom)
				ps->oom = true;
			continue;
		}
		if (have)
			block_append(ps, &bl->doc, &pending, ptype, plevel, plabel[0] ? plabel : NULL, pline);
		pending = t;
		ptype = type;
		plevel = level;
		pline = b->lines[bl->body[i].from].line;
		memcpy(plabel, label, sizeof plabel);
		have = true;
	}
	if (have)
		block_append(ps, &bl->doc, &pending, ptype, plevel, plabel[0] ? plabel : NULL, pline);
	ptext_free(&pending);
}

static const char *const forward_verbs[] = { "pho bien", "quan triet", "sao gui", "gui kem",
					     "trien khai", "chuyen", NULL };

/* A cover letter forwards the document its subject names with one of the
 * forwarding verbs: "V/v phổ biến Kết luận số 516-KL/ĐUK ...". */
static void find_forwarded(struct pstate *ps, struct doc *doc)
{
	char sym[96], type[32], org[64];
	char *f;
	bool verb = false;

	if (!doc->subject || doc->link_type != DOC_LINK_NONE)
		return;
	f = norm_fold(doc->subject);
	for (const char *const *v = forward_verbs; f && *v && !verb; v++)
		verb = strstr(f, *v) != NULL;
	free(f);
	if (!verb)
		return;
	for (const char *p = doc->subject; *p; p++) {
		if (*p >= '0' && *p <= '9' && (p == doc->subject || p[-1] == ' ') &&
		    plex_symbol(p, sym, sizeof sym, type, sizeof type, org, sizeof org) && type[0]) {
			doc->link_type = DOC_LINK_FORWARDS;
			set_str(ps, &doc->link_symbol, sym);
			return;
		}
	}
}

static void finish_doc(struct pstate *ps)
{
	struct builder *bl = &ps->cur;
	struct doc *doc = &bl->doc;

	if (!bl->started)
		return;
	if (bl->nissuer >= 2) {
		doc->parent = norm_repair(bl->issuer_lines[0], header_vocab);
		doc->issuer = norm_repair(bl->issuer_lines[1], header_vocab);
	} else if (bl->nissuer == 1) {
		doc->issuer = norm_repair(bl->issuer_lines[0], header_vocab);
	}
	if (!doc->kind && bl->subject_vv)
		set_str(ps, &doc->kind, "CV");
	build_body(ps, bl);
	if (doc->kind) {
		set_str(ps, &doc->type_name, doc_kind_name(doc->kind));
		find_forwarded(ps, doc);
		if (doc->subject && prefs_scan(doc, doc->subject, &bl->subject_map, 0) < 0)
			ps->oom = true;
		if (doc->link_type == DOC_LINK_ANNOTATES && doc->link_symbol && !doc->nrefs) {
			doc->refs = calloc(1, sizeof *doc->refs);
			if (doc->refs && (doc->refs[0].symbol = strdup(doc->link_symbol))) {
				doc->refs[0].line = bl->about_line;
				doc->nrefs = 1;
			}
			else
				ps->oom = true;
		}
		for (size_t i = 0; i < doc->nblocks; i++)
			if (prefs_scan(doc, doc->blocks[i].text, NULL, doc->blocks[i].line) < 0)
				ps->oom = true;
		if (strcmp(doc->kind, "CV") == 0)
			for (size_t i = 0; i < doc->nblocks; i++)
				if (doc->blocks[i].type == DOC_BLOCK_PARA &&
				    fold_starts(doc->blocks[i].text, "de nghi"))
					push(ps, &doc->instructions, &doc->ninstructions, doc->blocks[i].text);
		if (ps->ndocs == ps->lim->max_docs) {
			pdiag_add(ps->diag, PARSE_ERROR, 0, "docs",
				  "more than %zu documents in one file", ps->lim->max_docs);
			doc_free(doc);
		} else if (ps->ndocs == ps->cap && !ps->oom) {
			size_t cap = ps->cap ? ps->cap * 2 : 4;
			struct doc *v = realloc(ps->docs, cap * sizeof *v);
			if (!v) {
				ps->oom = true;
				doc_free(doc);
			} else {
				ps->docs = v;
				ps->cap = cap;
			}
		}
		if (doc->kind && ps->ndocs < ps->cap)
			ps->docs[ps->ndocs++] = *doc;
	} else {
		pdiag_add(ps->diag, PARSE_WARNING, doc->first_line, "document",
			  "lines %d-%d hold no document (no number, type title or V/v subject); skipped",
			  doc->first_line, doc->last_line);
		doc_free(doc);
	}
	for (size_t i = 0; i < bl->nissuer; i++)
		free(bl->issuer_lines[i]);
	free(bl->body);
	memset(bl, 0, sizeof *bl);
}

/* ---- across the documents of one file --------------------------------- */

static struct doc *find_by_number(struct pstate *ps, const char *symbol)
{
	for (size_t i = 0; symbol && i < ps->ndocs; i++)
		if (ps->docs[i].number && strcmp(ps->docs[i].number, symbol) == 0)
			return &ps->docs[i];
	return NULL;
}

/* What a cover letter or routing slip says of the document after it fills
 * what that document's own header lacks, marked inferred. */
static void link_documents(struct pstate *ps)
{
	char sym[96], type[32], org[64];

	for (size_t i = 0; i < ps->ndocs; i++) {
		struct doc *d = &ps->docs[i];
		if (d->link_type == DOC_LINK_FORWARDS && i + 1 < ps->ndocs) {
			struct doc *next = &ps->docs[i + 1];
			if (!next->number && plex_symbol(d->link_symbol, sym, sizeof sym, type,
							 sizeof type, org, sizeof org) &&
			    strcmp(type, next->kind) == 0) {
				set_str(ps, &next->number, d->link_symbol);
				next->number_inferred = true;
				for (size_t r = 0; r < d->nrefs; r++)
					if (!next->date.y && strcmp(d->refs[r].symbol, d->link_symbol) == 0 &&
					    d->refs[r].date.y) {
						next->date = d->refs[r].date;
						next->date_inferred = true;
					}
			}
		}
		if (d->link_type == DOC_LINK_ANNOTATES && !d->issuer) {
			struct doc *about = find_by_number(ps, d->link_symbol);
			if (about && about->received.by) {
				set_str(ps, &d->issuer, about->received.by);
				d->issuer_inferred = true;
			}
		}
	}
	for (size_t i = 0; i < ps->ndocs; i++) {
		struct doc *d = &ps->docs[i];
		const char *issuer, *parent;
		if (d->issuer || !d->number ||
		    !plex_symbol(d->number, sym, sizeof sym, type, sizeof type, org, sizeof org) ||
		    !prefs_org(org, &issuer, &parent))
			continue;
		set_str(ps, &d->issuer, issuer);
		d->issuer_inferred = true;
		if (!d->parent && parent) {
			set_str(ps, &d->parent, parent);
			d->parent_inferred = true;
		}
	}
	for (size_t i = 0; i < ps->ndocs; i++)
		if (!ps->docs[i].date.y)
			pdiag_add(ps->diag, PARSE_WARNING, ps->docs[i].first_line, "date",
				  "document has no date and none can be inferred");
}

int pdoc_build(const struct pblock *blocks, size_t n, const struct parse_limits *lim,
	       struct pdiag *diag, struct doc **docs, size_t *ndocs)
{
	struct pstate ps = { .diag = diag, .lim = lim };

	for (size_t i = 0; i < n && !ps.oom; i++) {
		const struct pblock *b = &blocks[i];
		struct builder *bl = &ps.cur;
		if (bl->started && block_is_annotation(b)) {
			for (size_t j = 1; j < b->nlines; j++)
				push(&ps, &bl->doc.annotations, &bl->doc.nannotations, line_text(b, j));
			continue;
		}
		if (starts_new_doc(bl, b))
			finish_doc(&ps);
		if (!bl->started) {
			bl->started = true;
			bl->doc.first_line = b->first_line;
		}
		if (b->last_line > bl->doc.last_line)
			bl->doc.last_line = b->last_line;
		switch (bl->phase) {
		case PH_HEAD:
			take_head(&ps, bl, b);
			break;
		case PH_BODY:
			take_body(&ps, bl, b, 0);
			break;
		case PH_TAIL:
		case PH_DONE:
			take_tail(&ps, bl, b, 0);
			break;
		}
	}
	finish_doc(&ps);
	if (!ps.oom)
		link_documents(&ps);
	if (ps.oom) {
		for (size_t i = 0; i < ps.ndocs; i++)
			doc_free(&ps.docs[i]);
		free(ps.docs);
		*docs = NULL;
		*ndocs = 0;
		return -1;
	}
	*docs = ps.docs;
	*ndocs = ps.ndocs;
	return 0;
}
