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
#include "parse_doc.h"

/* ---- blocks by phase -------------------------------------------------- */

static void body_push(struct parse_doc_state *ps, struct parse_doc_builder *bl,
		      const struct parse_block *b, size_t from, size_t to)
{
	if (bl->nbody == bl->body_cap) {
		size_t cap = bl->body_cap ? bl->body_cap * 2 : 16;
		struct parse_doc_body_src *v = realloc(bl->body, cap * sizeof *v);
		if (!v) {
			ps->oom = true;
			return;
		}
		bl->body = v;
		bl->body_cap = cap;
	}
	bl->body[bl->nbody++] = (struct parse_doc_body_src){ b, from, to };
}

/* "(Đã ký)", "[Đã ký]", "(Ký tên, đóng dấu)": where the signature and
 * seal were, not text of the document. */
static bool is_seal_note(const char *s)
{
	size_t n = strlen(s);

	if (n < 4 || n > 48 || !strchr("([", s[0]) || !strchr(")]", s[n - 1]))
		return false;
	char *f = norm_fold(s);
	bool ok = f && (strstr(f, "ky") || strstr(f, "dau"));
	free(f);
	return ok;
}

/* Appends " " and s to *field (which may be NULL); sets ps->oom on ENOMEM. */
static void append_str(struct parse_doc_state *ps, char **field, const char *s)
{
	size_t n = (*field ? strlen(*field) : 0) + strlen(s) + 2;
	char *j = malloc(n);

	if (!j) {
		ps->oom = true;
		return;
	}
	snprintf(j, n, "%s%s%s", *field ? *field : "", *field ? " " : "", s);
	parse_doc_replace_str(field, j);
}

/* "- Như trên; - Lưu: VT." on one line: the items are cut where one ends
 * (";" or ",") and a dash opens the next; a dash inside an item ("Vụ
 * Pháp chế - Bộ Tư pháp") stays. */
static void take_recipients(struct parse_doc_state *ps, struct parse_doc_builder *bl, const char *s)
{
	const char *p = s;

	while (*p) {
		const char *next = p + 1;
		while (*next && !((next[-1] == ';' || next[-1] == ',') && strncmp(next, " - ", 3) == 0))
			next++;
		char *one = strndup(p, (size_t)(next - p));
		char *item = one ? parse_doc_clean_item(one, false) : NULL;
		if (!one)
			ps->oom = true;
		parse_doc_push(ps, &bl->doc.recipients, &bl->doc.nrecipients, item);
		free(one);
		free(item);
		p = *next ? next + 1 : next;
	}
}

/* One line of the foot: "Nơi nhận", a recipient, the signer's authority,
 * title or name, a seal note; anything else is kept as a note and warned
 * of on its line. Recipients and signer may come in either order or
 * interleaved (a flattened two-column foot), so the signer's lines do not
 * end the recipients. */
static void tail_line(struct parse_doc_state *ps, struct parse_doc_builder *bl, const char *s,
		      int line)
{
	struct doc_signer *sg = &bl->doc.signer;
	enum parse_line_kind k = parse_doc_classify(s);
	bool signer_seen = sg->authority || sg->title || sg->name;

	if (k == LK_DEADLINE || is_seal_note(s)) {
		return; /* a routing slip's empty reply deadline; "(Đã ký)" */
	} else if (k == LK_NOI_NHAN) {
		bl->target = T_RECIPIENTS;
	} else if (bl->target == T_RECIPIENTS && s[0] == '-' && s[1] == ' ') {
		take_recipients(ps, bl, s);
	} else if (k == LK_AUTHORITY && !sg->authority) {
		parse_doc_set_str(ps, &sg->authority, s);
	} else if (k == LK_AUTHORITY && !sg->title && !sg->name) {
		/* "TL. CỤC TRƯỞNG" / "KT. TRƯỞNG BAN ...": both lines are the
		 * authority. */
		append_str(ps, &sg->authority, s);
	} else if (bl->target == T_RECIPIENTS && k == LK_TEXT && !signer_seen) {
		/* A recipient's text on a line of its own (its dash alone on
		 * the line before, or a wrapped item). */
		size_t n = bl->doc.nrecipients;
		const char *last = n ? bl->doc.recipients[n - 1] : "";
		char *item = parse_doc_clean_item(s, false);
		if (n && !strchr(";,.", last[strlen(last) - 1]) && item)
			append_str(ps, &bl->doc.recipients[n - 1], item);
		else
			parse_doc_push(ps, &bl->doc.recipients, &bl->doc.nrecipients, item);
		free(item);
	} else if ((k == LK_UPPER || k == LK_AUTHOR) && !sg->title && !sg->name) {
		parse_doc_set_str(ps, &sg->title, s);
	} else if (k == LK_NAME && !sg->name) {
		parse_doc_set_str(ps, &sg->name, s);
		bl->phase = PH_DONE;
	} else {
		parse_doc_push(ps, &bl->doc.annotations, &bl->doc.nannotations, s);
		parse_diag_add(ps->diag, PARSE_WARNING, line, "signer",
			       "text after the body that is neither recipient nor signer kept as a note");
	}
}

/* Where a recipient item's upper-case tail starts ("Như trên, PHÓ BÍ
 * THƯ": a title set beside it by a flattened foot), or 0: two upper-case
 * words or more after ", " or "; ". */
static size_t upper_tail(const char *s)
{
	for (const char *p = s; *p; p++) {
		if ((*p != ',' && *p != ';') || p[1] != ' ')
			continue;
		/* A title is words of letters: "KSTT (2)." of "Lưu: VT, KSTT
		 * (2)." is no title. */
		const char *t = p + 2;
		size_t sp = 0, n;
		bool letters = true;
		int32_t cp;
		for (const char *q = t; *q && letters; q += n) {
			n = parse_lex_cp_at(q, &cp);
			sp += cp == ' ';
			letters = n && (cp == ' ' || parse_lex_is_letter(cp));
		}
		if (letters && sp >= 1 && norm_is_upper(t))
			return (size_t)(t - s);
	}
	return 0;
}

/* A list item after "Nơi nhận": a recipient, with what a flattened or
 * lazily continued foot hangs on it (an upper-case tail, lines from an
 * authority, an upper-case line or a name after the item's end) read as
 * foot lines. Returns the first line of b not taken. */
static size_t tail_item(struct parse_doc_state *ps, struct parse_doc_builder *bl,
			const struct parse_block *b, size_t from)
{
	size_t end = from + 1;

	for (; end < b->nlines; end++) {
		enum parse_line_kind k = parse_doc_classify(parse_doc_line_text(b, end));
		bool ended = parse_lex_ends_terminal(parse_doc_line_text(b, end - 1));
		if (k == LK_AUTHORITY || ((k == LK_UPPER || k == LK_NAME) && ended))
			break;
	}
	char *all = parse_doc_join_plain(b, from, end);
	size_t t = all ? upper_tail(all) : 0;
	if (t)
		all[t - 2] = '\0';
	char *item = all ? parse_doc_clean_item(all, false) : NULL;
	if (!all)
		ps->oom = true;
	parse_doc_push(ps, &bl->doc.recipients, &bl->doc.nrecipients, item);
	if (t)
		tail_line(ps, bl, all + t, b->lines[from].line);
	free(all);
	free(item);
	return end;
}

/* Reads lines from `from` of b as the foot: recipients and signer. */
static void take_tail(struct parse_doc_state *ps, struct parse_doc_builder *bl,
		      const struct parse_block *b, size_t from)
{
	if (bl->phase != PH_DONE)
		bl->phase = PH_TAIL;
	if (b->type == PB_ITEM && bl->target == T_RECIPIENTS)
		from = tail_item(ps, bl, b, from);
	for (size_t i = from; i < b->nlines; i++)
		tail_line(ps, bl, parse_doc_line_text(b, i), b->lines[i].line);
}

/* True when b, after a type title and a blank line, is its subject:
 * a short unlabelled paragraph that does not end like a sentence. */
static bool qualifies_subject(const struct parse_block *b)
{
	size_t skip;
	bool roman;
	const char *first = parse_doc_line_text(b, 0), *last = parse_doc_line_text(b, b->nlines - 1);
	size_t len = strlen(last), total = 0;

	if (b->type == PB_ITEM || b->nlines > 5)
		return false;
	for (size_t i = 0; i < b->nlines; i++)
		total += strlen(parse_doc_line_text(b, i));
	if (total > 700 || parse_lex_label(first, &skip, &roman))
		return false;
	enum parse_line_kind k = parse_doc_classify(first);
	if (k != LK_TEXT && k != LK_UPPER)
		return false;
	bool quote_end = len >= 3 && strcmp(last + len - 3, "\xE2\x80\x9D") == 0;
	return quote_end || !parse_lex_ends_terminal(last);
}

/* A name alone after the body is its signer only where a signature can
 * stand: the body's last paragraph is finished and nothing of the body
 * follows (a table cell "Lóng Sập" is text). */
static bool name_ends_body(const struct parse_doc_state *ps, const struct parse_doc_builder *bl)
{
	const struct parse_doc_body_src *last = &bl->body[bl->nbody - 1];

	if (!parse_lex_ends_terminal(parse_doc_line_text(last->b, last->to - 1)))
		return false;
	if (!ps->next || !ps->next->nlines)
		return true;
	enum parse_line_kind k = parse_doc_classify(parse_doc_line_text(ps->next, 0));
	return k != LK_TEXT && k != LK_NAME;
}

/* Reads lines from `from` of b as body, or as foot when they open with
 * "Nơi nhận" or an authority, or as the signer's name ending the body. */
static void take_body(struct parse_doc_state *ps, struct parse_doc_builder *bl,
		      const struct parse_block *b, size_t from)
{
	enum parse_line_kind k = parse_doc_classify(parse_doc_line_text(b, from));

	if (k == LK_NOI_NHAN || k == LK_AUTHORITY) {
		take_tail(ps, bl, b, from);
		return;
	}
	if (k == LK_NAME && b->nlines == from + 1 && b->blank_before >= 1 && bl->nbody &&
	    name_ends_body(ps, bl)) {
		parse_doc_set_str(ps, &bl->doc.signer.name, parse_doc_line_text(b, from));
		bl->phase = PH_DONE;
		return;
	}
	/* A block that runs on from the body into "Nơi nhận" or the signer's
	 * authority (no blank line between, as in a copy that lost them)
	 * ends its body there. Only short lines can be either. */
	size_t to = from + 1;
	for (; to < b->nlines; to++) {
		const char *s = parse_doc_line_text(b, to);
		/* A cheap test first: most lines fail on their first letter. */
		if (b->lines[to].t.len > 80 ||
		    !(norm_match_fold(s, "noi nhan") || parse_doc_authority_at(s)))
			continue;
		k = parse_doc_classify(s);
		if (k == LK_NOI_NHAN || k == LK_AUTHORITY)
			break;
	}
	bl->phase = PH_BODY;
	body_push(ps, bl, b, from, to);
	if (to < b->nlines)
		take_tail(ps, bl, b, to);
}

/* Takes the number of a number line s (on source line `line`) unless the
 * document has one; a blank number is a warning. */
static void set_number(struct parse_doc_state *ps, struct parse_doc_builder *bl, const char *s, int line)
{
	char sym[96], type[32], org[64];

	if (bl->doc.number || !parse_doc_number_line(s, sym, sizeof sym, type, sizeof type, org, sizeof org))
		return;
	if (!sym[0]) {
		/* "Số: -QĐ/ĐU": the number was left blank on the form. */
		parse_diag_add(ps->diag, PARSE_WARNING, line, "number",
			  "\"%s\": the number is left blank; the document is kept without one", s);
		if (type[0] && doc_kind_name(type))
			snprintf(bl->code_kind, sizeof bl->code_kind, "%s", type);
		return;
	}
	parse_doc_set_str(ps, &bl->doc.number, sym);
	snprintf(bl->org, sizeof bl->org, "%s", org);
	/* The type title decides the kind; the code only when there is none
	 * (parse_doc_finish). */
	if (type[0] && doc_kind_name(type))
		snprintf(bl->code_kind, sizeof bl->code_kind, "%s", type);
}

/* The subject under a type title runs over the lines of the first one's
 * style and case; the enacting body ("**CHÍNH PHỦ**"), "Căn cứ ..." or the
 * first sentence of the body ends it. Returns the first line after it. */
static size_t subject_end(const struct parse_block *b, size_t from)
{
	const char *first = parse_doc_line_text(b, from);
	unsigned style = parse_text_style_at(&b->lines[from].t, 0);
	bool upper = norm_is_upper(first);
	size_t j = from + 1, skip;
	bool roman;

	for (; j < b->nlines; j++) {
		const char *s = parse_doc_line_text(b, j);
		if (b->lines[j].cont)
			continue;
		if (norm_match_fold(s, "can cu") || parse_lex_label(s, &skip, &roman) ||
		    parse_text_style_at(&b->lines[j].t, 0) != style || norm_is_upper(s) != upper ||
		    (!upper && parse_lex_ends_terminal(parse_doc_line_text(b, j - 1))))
			break;
	}
	return j;
}

/* What follows the type name on its own line: a symbol (the number, when
 * the head has none), then the author ("CỦA ...") or the subject. */
static void title_rest(struct parse_doc_state *ps, struct parse_doc_builder *bl, const char *s)
{
	char sym[96], type[32], org[64];
	size_t n = parse_lex_symbol(s, sym, sizeof sym, type, sizeof type, org, sizeof org);

	if (n && !bl->doc.number) {
		parse_doc_set_str(ps, &bl->doc.number, sym);
		snprintf(bl->org, sizeof bl->org, "%s", org);
	}
	s += n;
	while (*s == ' ')
		s++;
	if (!*s)
		return;
	if (norm_match_fold(s, "cua"))
		parse_doc_replace_str(&bl->doc.author, norm_repair(s, parse_doc_header_vocab));
	else
		parse_doc_set_str(ps, &bl->doc.subject, s);
}

/* Reads the type title at line *i of b and what follows it: author,
 * subject, then the body; moves *i past what it took. */
static void take_title(struct parse_doc_state *ps, struct parse_doc_builder *bl, const struct parse_block *b,
		       size_t *i)
{
	const char *line = parse_doc_line_text(b, *i);
	size_t rest;
	const char *code = parse_doc_title_kind(line, &rest);

	free(bl->doc.kind);
	bl->doc.kind = NULL;
	parse_doc_set_str(ps, &bl->doc.kind, code);
	bl->has_title = true;
	if (line[rest])
		title_rest(ps, bl, line + rest);
	if (bl->doc.subject) {
		/* The subject stood on the title's line: the body follows. */
		bl->expect_subject = false;
		if (*i + 1 < b->nlines)
			take_body(ps, bl, b, *i + 1);
		*i = b->nlines;
		return;
	}
	if (*i + 1 < b->nlines && parse_doc_classify(parse_doc_line_text(b, *i + 1)) == LK_AUTHOR) {
		size_t from = ++(*i);
		/* An author line wrapped by a narrow column goes on in upper case
		 * until the subject's "VỀ". */
		while (*i + 1 < b->nlines && norm_is_upper(parse_doc_line_text(b, *i + 1)) &&
		       !norm_match_fold(parse_doc_line_text(b, *i + 1), "ve"))
			(*i)++;
		char *author = parse_doc_join_plain(b, from, *i + 1);
		parse_doc_replace_str(&bl->doc.author, author ? norm_repair(author, parse_doc_header_vocab) : NULL);
		free(author);
	}
	if (*i + 1 < b->nlines) {
		size_t end = subject_end(b, *i + 1);
		parse_doc_set_subject(bl, b, *i + 1, end);
		*i = b->nlines;
		if (end < b->nlines)
			take_body(ps, bl, b, end);
	} else {
		bl->expect_subject = true;
	}
}

/* A routing slip's "Số của văn bản: 516-KL/ĐUK": the document it is about. */
static void take_about(struct parse_doc_state *ps, struct parse_doc_builder *bl, const char *s,
		       int line)
{
	char *v = parse_lex_strip_fill(parse_doc_value_after(s, "so cua van ban"));
	char sym[96], type[32], org[64];
	const char *d = v;

	while (d && *d && (*d < '0' || *d > '9'))
		d++;
	if (d && *d && parse_lex_symbol(d, sym, sizeof sym, type, sizeof type, org, sizeof org)) {
		bl->doc.link_type = DOC_LINK_ANNOTATES;
		parse_doc_set_str(ps, &bl->doc.link_symbol, sym);
		bl->about_line = line;
	}
	free(v);
}

/* The first place and date line of the head; an impossible date is a
 * warning and no date. */
static void take_place_date(struct parse_doc_state *ps, struct parse_doc_builder *bl,
			    const char *s, int line)
{
	struct doc_date d;
	char *place = NULL;

	if (bl->doc.date.y)
		return;
	parse_lex_place_date(s, &place, &d);
	bl->doc.date = d;
	if (!d.y)
		parse_diag_add(ps->diag, PARSE_WARNING, line, "date",
			       "\"%s\" is not a real date; the document is kept without one", s);
	parse_doc_set_str(ps, &bl->doc.place, place);
	free(place);
}

/* A whole block the head takes as it is: a received stamp, an item of the
 * addressees or of a routing slip's opinions, the subject under a title
 * set apart by a blank line. Returns false when the block is read line by
 * line instead. */
static bool take_head_block(struct parse_doc_state *ps, struct parse_doc_builder *bl,
			    const struct parse_block *b)
{
	if (parse_doc_block_is_stamp(b)) {
		parse_doc_take_stamp(ps, bl, b);
		return true;
	}
	if (b->type == PB_ITEM && bl->target == T_ADDRESSEES) {
		char *all = parse_doc_join_plain(b, 0, b->nlines);
		parse_doc_take_addressees(ps, bl, all);
		free(all);
		return true;
	}
	if (b->type == PB_ITEM && bl->target == T_INSTRUCTIONS) {
		char *all = parse_doc_join_plain(b, 0, b->nlines), *item = all ? parse_doc_clean_item(all, true) : NULL;
		parse_doc_push(ps, &bl->doc.instructions, &bl->doc.ninstructions, item);
		free(all);
		free(item);
		return true;
	}
	bl->target = T_NONE;
	if (bl->expect_subject) {
		bl->expect_subject = false;
		if (qualifies_subject(b)) {
			parse_doc_set_subject(bl, b, 0, b->nlines);
			return true;
		}
	}
	return false;
}

/* True for an urgency or draft mark alone on its line. */
static bool is_mark(const char *s)
{
	static const char *const marks[] = { "mat", "toi mat", "tuyet mat", "khan", "thuong khan",
					     "hoa toc", "hoa toc hen gio", "du thao", NULL };
	size_t n = strlen(s);

	for (const char *const *m = marks; *m; m++)
		if (norm_match_fold(s, *m) == n)
			return true;
	return false;
}

/* Reads line *i of a head block (it may take the lines after it too,
 * moving *i). Returns false when the rest of the block has gone to the
 * body or the foot. */
static bool take_head_line(struct parse_doc_state *ps, struct parse_doc_builder *bl,
			   const struct parse_block *b, size_t *i)
{
	const char *s = parse_doc_line_text(b, *i);
	enum parse_line_kind k = parse_doc_classify(s);
	int line = b->lines[*i].line;

	switch (k) {
	case LK_STAR:
	case LK_DEADLINE:
		return true;
	case LK_NUMBER:
		set_number(ps, bl, s, line);
		return true;
	case LK_ABOUT:
		take_about(ps, bl, s, line);
		return true;
	case LK_PLACE_DATE:
		take_place_date(ps, bl, s, line);
		return true;
	case LK_PARTY:
		bl->doc.party_header = true;
		return true;
	case LK_STATE:
		bl->doc.state_header = true;
		return true;
	case LK_VV: {
		size_t j = *i + 1;
		while (j < b->nlines && parse_doc_classify(parse_doc_line_text(b, j)) == LK_TEXT)
			j++;
		parse_doc_set_subject(bl, b, *i, j);
		bl->subject_vv = true;
		*i = j - 1;
		return true;
	}
	case LK_KINH_GUI:
		parse_doc_take_addressees(ps, bl, parse_doc_value_after(s, "kinh gui"));
		for (; *i + 1 < b->nlines && parse_doc_line_text(b, *i + 1)[0] == '-'; (*i)++)
			parse_doc_take_addressees(ps, bl, parse_doc_line_text(b, *i + 1));
		bl->target = T_ADDRESSEES;
		return true;
	case LK_OPINION:
		bl->target = T_INSTRUCTIONS;
		return true;
	case LK_TITLE:
		take_title(ps, bl, b, i);
		return true;
	case LK_AUTHOR:
		if (!bl->doc.author)
			bl->doc.author = norm_repair(s, parse_doc_header_vocab);
		return true;
	case LK_NOI_NHAN:
	case LK_AUTHORITY:
		take_tail(ps, bl, b, *i);
		return false;
	case LK_NAME:
		if (bl->has_title || bl->doc.number) {
			parse_doc_set_str(ps, &bl->doc.signer.name, s);
			bl->phase = PH_DONE;
			return false;
		}
		/* A name before any header is text. */
		break;
	case LK_UPPER:
		/* "MẬT", "KHẨN", "DỰ THẢO" mark the document; they name no body. */
		if (is_mark(s))
			return true;
		if (!bl->has_title && bl->nissuer < 4) {
			if (!(bl->issuer_lines[bl->nissuer++] = strdup(s)))
				ps->oom = true;
			return true;
		}
		break;
	case LK_TEXT:
		break;
	}
	take_body(ps, bl, b, *i);
	return false;
}

/* A block of the head: taken whole, or line by line until the body. */
static void take_head(struct parse_doc_state *ps, struct parse_doc_builder *bl, const struct parse_block *b)
{
	if (take_head_block(ps, bl, b))
		return;
	for (size_t i = 0; i < b->nlines; i++)
		if (!take_head_line(ps, bl, b, &i))
			return;
}

/* ---- document boundaries ---------------------------------------------- */

/* True when b opens a document's header proper: the motto, the Party
 * header or a number line, as the first line of a block. */
static bool opens_header(const struct parse_block *b)
{
	if (!b->nlines)
		return false;
	/* Its first lines joined: the block is not re-cut yet ("**CỘNG" /
	 * "HÒA XÃ HỘI ..."). */
	char *j = parse_doc_join_plain(b, 0, b->nlines < 3 ? b->nlines : 3);
	const char *s = j ? j : "";

	while (*s == '*' || *s == ' ')
		s++;
	bool ok = norm_match_fold(s, "cong hoa xa") || norm_match_fold(s, "dang cong san") ||
		  parse_doc_classify(s) == LK_NUMBER;
	free(j);
	return ok;
}

/* A block after the body's first is read as foot when it is one: the
 * phase says so, or it is short and opens with an authority, "Nơi nhận" or
 * an upper-case title line. */
static bool looks_like_foot(const struct parse_doc_builder *bl, const struct parse_block *b)
{
	if (bl->phase == PH_TAIL || bl->phase == PH_DONE)
		return true;
	if (b->nlines > 10 || b->type == PB_ITEM)
		return false;
	const char *first = parse_doc_line_text(b, 0);
	while (*first == '*' || *first == ' ')
		first++;
	if (parse_doc_authority_at(first) || norm_match_fold(first, "noi nhan"))
		return true;
	enum parse_line_kind k = parse_doc_classify(first);
	return k == LK_AUTHORITY || k == LK_NOI_NHAN || k == LK_UPPER;
}

/* True when b opens the next document of the file, given the phase of
 * the one being read; next is the block after b, or NULL. */
static bool starts_new_doc(const struct parse_doc_builder *bl, const struct parse_block *b,
			   const struct parse_block *next)
{
	enum parse_line_kind k = parse_doc_classify(parse_doc_line_text(b, 0));
	bool stamp = parse_doc_block_is_stamp(b);
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
		/* An organisation block right before a motto or number opens the
		 * next document: its issuer. */
		if (next && b->nlines <= 4 && b->blank_before >= 1 && norm_is_upper(parse_doc_line_text(b, 0)) &&
		    opens_header(next))
			return true;
		return strong && (stamp || b->blank_before >= 2);
	case PH_TAIL:
		return strong || (k == LK_UPPER && bl->doc.signer.title && bl->doc.signer.name);
	case PH_DONE:
		/* "Nơi nhận" after the signer is the same foot, set the other
		 * way round by a flattened table. */
		return k != LK_DEADLINE && k != LK_NOI_NHAN &&
		       !(b->type == PB_ITEM && bl->target == T_RECIPIENTS);
	}
	return false;
}

int parse_doc_build(struct parse_block *blocks, size_t n, const struct parse_limits *lim,
	       struct parse_sink *diag, struct doc **docs, size_t *ndocs)
{
	struct parse_doc_state ps = { .diag = diag, .lim = lim };

	for (size_t i = 0; i < n && !ps.oom; i++) {
		struct parse_block *b = &blocks[i];
		struct parse_doc_builder *bl = &ps.cur;
		ps.next = i + 1 < n ? &blocks[i + 1] : NULL;
		if (bl->started && parse_doc_block_is_annotation(b)) {
			for (size_t j = 1; j < b->nlines; j++)
				parse_doc_push(&ps, &bl->doc.annotations, &bl->doc.nannotations, parse_doc_line_text(b, j));
			continue;
		}
		bool head = !bl->started || bl->phase == PH_HEAD;
		if (head)
			parse_doc_reflow(b, false, &ps.oom);
		else if (looks_like_foot(bl, b))
			parse_doc_reflow(b, true, &ps.oom);
		/* A block of nothing but decoration has no line left. */
		if (ps.oom || b->nlines == 0)
			continue;
		if (starts_new_doc(bl, b, ps.next)) {
			parse_doc_finish(&ps);
			if (!head)
				parse_doc_reflow(b, false, &ps.oom);
		}
		if (ps.oom || b->nlines == 0)
			continue;
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
	parse_doc_finish(&ps);
	if (!ps.oom) {
		parse_doc_drop_furniture(&ps);
		parse_doc_link(&ps);
	}
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
