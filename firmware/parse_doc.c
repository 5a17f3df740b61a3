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

static void body_push(struct pdoc_state *ps, struct pdoc_builder *bl,
		      const struct pblock *b, size_t from, size_t to)
{
	if (bl->nbody == bl->body_cap) {
		size_t cap = bl->body_cap ? bl->body_cap * 2 : 16;
		struct pdoc_body_src *v = realloc(bl->body, cap * sizeof *v);
		if (!v) {
			ps->oom = true;
			return;
		}
		bl->body = v;
		bl->body_cap = cap;
	}
	bl->body[bl->nbody++] = (struct pdoc_body_src){ b, from, to };
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

static void take_tail(struct pdoc_state *ps, struct pdoc_builder *bl,
		      const struct pblock *b, size_t from)
{
	struct doc_signer *sg = &bl->doc.signer;

	if (bl->phase != PH_DONE)
		bl->phase = PH_TAIL;
	if (b->type == PB_ITEM && bl->target == T_RECIPIENTS) {
		/* The signer's lines may hang on the last item as Markdown's lazy
		 * continuation: they start at an authority, or at an upper-case
		 * line after one that ends the item. */
		size_t end = from + 1;
		for (; end < b->nlines; end++) {
			enum pdoc_line k = pdoc_classify(pdoc_line_text(b, end));
			if (k == LK_AUTHORITY ||
			    (k == LK_UPPER && plex_ends_terminal(pdoc_line_text(b, end - 1))))
				break;
		}
		char *all = pdoc_join_plain(b, from, end), *item = all ? pdoc_clean_item(all, false) : NULL;
		pdoc_push(ps, &bl->doc.recipients, &bl->doc.nrecipients, item);
		free(all);
		free(item);
		if (end == b->nlines)
			return;
		bl->target = T_NONE;
		from = end;
	}
	for (size_t i = from; i < b->nlines; i++) {
		const char *s = pdoc_line_text(b, i);
		enum pdoc_line k = pdoc_classify(s);
		if (k == LK_DEADLINE || is_seal_note(s)) {
			continue; /* a routing slip's empty reply deadline; "(Đã ký)" */
		} else if (k == LK_NOI_NHAN) {
			bl->target = T_RECIPIENTS;
		} else if (bl->target == T_RECIPIENTS && s[0] == '-' && s[1] == ' ') {
			char *item = pdoc_clean_item(s, false);
			pdoc_push(ps, &bl->doc.recipients, &bl->doc.nrecipients, item);
			free(item);
		} else if (k == LK_AUTHORITY && !sg->authority) {
			pdoc_set_str(ps, &sg->authority, s);
			bl->target = T_NONE;
		} else if ((k == LK_UPPER || k == LK_AUTHOR) && !sg->title && !sg->name) {
			pdoc_set_str(ps, &sg->title, s);
			bl->target = T_NONE;
		} else if (k == LK_NAME && !sg->name) {
			pdoc_set_str(ps, &sg->name, s);
			bl->phase = PH_DONE;
			bl->target = T_NONE;
		} else {
			pdoc_push(ps, &bl->doc.annotations, &bl->doc.nannotations, s);
			pdiag_add(ps->diag, PARSE_WARNING, b->lines[i].line, "signer",
				  "text after the body that is neither recipient nor signer kept as a note");
		}
	}
}

static bool qualifies_subject(const struct pblock *b)
{
	size_t skip;
	bool roman;
	const char *first = pdoc_line_text(b, 0), *last = pdoc_line_text(b, b->nlines - 1);
	size_t len = strlen(last), total = 0;

	if (b->type == PB_ITEM || b->nlines > 5)
		return false;
	for (size_t i = 0; i < b->nlines; i++)
		total += strlen(pdoc_line_text(b, i));
	if (total > 700 || plex_label(first, &skip, &roman))
		return false;
	enum pdoc_line k = pdoc_classify(first);
	if (k != LK_TEXT && k != LK_UPPER)
		return false;
	bool quote_end = len >= 3 && strcmp(last + len - 3, "\xE2\x80\x9D") == 0;
	return quote_end || !plex_ends_terminal(last);
}

/* A name alone after the body is its signer only where a signature can
 * stand: the body's last paragraph is finished and nothing of the body
 * follows (a table cell "Lóng Sập" is text). */
static bool name_ends_body(const struct pdoc_state *ps, const struct pdoc_builder *bl)
{
	const struct pdoc_body_src *last = &bl->body[bl->nbody - 1];

	if (!plex_ends_terminal(pdoc_line_text(last->b, last->to - 1)))
		return false;
	if (!ps->next)
		return true;
	enum pdoc_line k = pdoc_classify(pdoc_line_text(ps->next, 0));
	return k != LK_TEXT && k != LK_NAME;
}

static void take_body(struct pdoc_state *ps, struct pdoc_builder *bl,
		      const struct pblock *b, size_t from)
{
	enum pdoc_line k = pdoc_classify(pdoc_line_text(b, from));

	if (k == LK_NOI_NHAN || k == LK_AUTHORITY) {
		take_tail(ps, bl, b, from);
		return;
	}
	if (k == LK_NAME && b->nlines == from + 1 && b->blank_before >= 1 && bl->nbody &&
	    name_ends_body(ps, bl)) {
		pdoc_set_str(ps, &bl->doc.signer.name, pdoc_line_text(b, from));
		bl->phase = PH_DONE;
		return;
	}
	/* A block that runs on from the body into "Nơi nhận" or the signer's
	 * authority (no blank line between, as in a copy that lost them)
	 * ends its body there. Only short lines can be either. */
	size_t to = from + 1;
	for (; to < b->nlines; to++) {
		if (b->lines[to].t.len > 80)
			continue;
		k = pdoc_classify(pdoc_line_text(b, to));
		if (k == LK_NOI_NHAN || k == LK_AUTHORITY)
			break;
	}
	bl->phase = PH_BODY;
	body_push(ps, bl, b, from, to);
	if (to < b->nlines)
		take_tail(ps, bl, b, to);
}

static void set_number(struct pdoc_state *ps, struct pdoc_builder *bl, const char *s, int line)
{
	char sym[96], type[32], org[64];

	if (bl->doc.number || !pdoc_number_line(s, sym, sizeof sym, type, sizeof type, org, sizeof org))
		return;
	if (!sym[0]) {
		/* "Số: -QĐ/ĐU": the number was left blank on the form. */
		pdiag_add(ps->diag, PARSE_WARNING, line, "number",
			  "\"%s\": the number is left blank; the document is kept without one", s);
		if (type[0] && doc_kind_name(type))
			snprintf(bl->code_kind, sizeof bl->code_kind, "%s", type);
		return;
	}
	pdoc_set_str(ps, &bl->doc.number, sym);
	snprintf(bl->org, sizeof bl->org, "%s", org);
	/* The type title decides the kind; the code only when there is none
	 * (pdoc_finish). */
	if (type[0] && doc_kind_name(type))
		snprintf(bl->code_kind, sizeof bl->code_kind, "%s", type);
}

/* The subject under a type title runs over the lines of the first one's
 * style and case; the enacting body ("**CHÍNH PHỦ**"), "Căn cứ ..." or the
 * first sentence of the body ends it. Returns the first line after it. */
static size_t subject_end(const struct pblock *b, size_t from)
{
	const char *first = pdoc_line_text(b, from);
	unsigned style = ptext_style_at(&b->lines[from].t, 0);
	bool upper = norm_is_upper(first);
	size_t j = from + 1, skip;
	bool roman;

	for (; j < b->nlines; j++) {
		const char *s = pdoc_line_text(b, j);
		if (b->lines[j].cont)
			continue;
		if (norm_match_fold(s, "can cu") || plex_label(s, &skip, &roman) ||
		    ptext_style_at(&b->lines[j].t, 0) != style || norm_is_upper(s) != upper ||
		    (!upper && plex_ends_terminal(pdoc_line_text(b, j - 1))))
			break;
	}
	return j;
}

static void take_title(struct pdoc_state *ps, struct pdoc_builder *bl, const struct pblock *b,
		       size_t *i)
{
	const char *code = doc_kind_from_name(pdoc_line_text(b, *i));

	free(bl->doc.kind);
	bl->doc.kind = NULL;
	pdoc_set_str(ps, &bl->doc.kind, code);
	bl->has_title = true;
	if (*i + 1 < b->nlines && pdoc_classify(pdoc_line_text(b, *i + 1)) == LK_AUTHOR) {
		size_t from = ++(*i);
		/* An author line wrapped by a narrow column goes on in upper case
		 * until the subject's "VỀ". */
		while (*i + 1 < b->nlines && norm_is_upper(pdoc_line_text(b, *i + 1)) &&
		       !norm_match_fold(pdoc_line_text(b, *i + 1), "ve"))
			(*i)++;
		char *author = pdoc_join_plain(b, from, *i + 1);
		pdoc_replace_str(&bl->doc.author, author ? norm_repair(author, pdoc_header_vocab) : NULL);
		free(author);
	}
	if (*i + 1 < b->nlines) {
		size_t end = subject_end(b, *i + 1);
		pdoc_set_subject(bl, b, *i + 1, end);
		*i = b->nlines;
		if (end < b->nlines)
			take_body(ps, bl, b, end);
	} else {
		bl->expect_subject = true;
	}
}

static void take_head(struct pdoc_state *ps, struct pdoc_builder *bl, const struct pblock *b)
{
	if (pdoc_block_is_stamp(b)) {
		pdoc_take_stamp(ps, bl, b);
		return;
	}
	if (b->type == PB_ITEM && bl->target == T_ADDRESSEES) {
		char *all = pdoc_join_plain(b, 0, b->nlines);
		pdoc_take_addressees(ps, bl, all);
		free(all);
		return;
	}
	if (b->type == PB_ITEM && bl->target == T_INSTRUCTIONS) {
		char *all = pdoc_join_plain(b, 0, b->nlines), *item = all ? pdoc_clean_item(all, true) : NULL;
		pdoc_push(ps, &bl->doc.instructions, &bl->doc.ninstructions, item);
		free(all);
		free(item);
		return;
	}
	bl->target = T_NONE;
	if (bl->expect_subject) {
		bl->expect_subject = false;
		if (qualifies_subject(b)) {
			pdoc_set_subject(bl, b, 0, b->nlines);
			return;
		}
	}
	for (size_t i = 0; i < b->nlines; i++) {
		const char *s = pdoc_line_text(b, i);
		enum pdoc_line k = pdoc_classify(s);
		char *place = NULL;
		switch (k) {
		case LK_STAR:
		case LK_DEADLINE:
			break;
		case LK_NUMBER:
			set_number(ps, bl, s, b->lines[i].line);
			break;
		case LK_ABOUT: {
			char *v = plex_strip_fill(pdoc_value_after(s, "so cua van ban"));
			char sym[96], type[32], org[64];
			const char *d = v;
			while (d && *d && (*d < '0' || *d > '9'))
				d++;
			if (d && *d && plex_symbol(d, sym, sizeof sym, type, sizeof type, org, sizeof org)) {
				bl->doc.link_type = DOC_LINK_ANNOTATES;
				pdoc_set_str(ps, &bl->doc.link_symbol, sym);
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
				pdoc_set_str(ps, &bl->doc.place, place);
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
			while (j < b->nlines && pdoc_classify(pdoc_line_text(b, j)) == LK_TEXT)
				j++;
			pdoc_set_subject(bl, b, i, j);
			bl->subject_vv = true;
			i = j - 1;
			break;
		}
		case LK_KINH_GUI:
			pdoc_take_addressees(ps, bl, pdoc_value_after(s, "kinh gui"));
			for (; i + 1 < b->nlines && pdoc_line_text(b, i + 1)[0] == '-'; i++)
				pdoc_take_addressees(ps, bl, pdoc_line_text(b, i + 1));
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
				bl->doc.author = norm_repair(s, pdoc_header_vocab);
			break;
		case LK_NOI_NHAN:
		case LK_AUTHORITY:
			take_tail(ps, bl, b, i);
			return;
		case LK_NAME:
			if (bl->has_title || bl->doc.number) {
				pdoc_set_str(ps, &bl->doc.signer.name, s);
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

/* A block after the body's first is read as foot when it is one: the
 * phase says so, or it is short and opens with an authority, "Nơi nhận" or
 * an upper-case title line. */
/* True when b opens a document's header proper: the motto, the Party
 * header or a number line, as the first line of a block. */
static bool opens_header(const struct pblock *b)
{
	/* Its first lines joined: the block is not re-cut yet ("**CỘNG" /
	 * "HÒA XÃ HỘI ..."). */
	char *j = pdoc_join_plain(b, 0, b->nlines < 3 ? b->nlines : 3);
	const char *s = j ? j : "";

	while (*s == '*' || *s == ' ')
		s++;
	bool ok = norm_match_fold(s, "cong hoa xa") || norm_match_fold(s, "dang cong san") ||
		  pdoc_classify(s) == LK_NUMBER;
	free(j);
	return ok;
}

static bool looks_like_foot(const struct pdoc_builder *bl, const struct pblock *b)
{
	if (bl->phase == PH_TAIL || bl->phase == PH_DONE)
		return true;
	if (b->nlines > 10 || b->type == PB_ITEM)
		return false;
	const char *first = pdoc_line_text(b, 0);
	while (*first == '*' || *first == ' ')
		first++;
	if (pdoc_authority_at(first))
		return true;
	enum pdoc_line k = pdoc_classify(first);
	return k == LK_AUTHORITY || k == LK_NOI_NHAN || k == LK_UPPER;
}

static bool starts_new_doc(const struct pdoc_builder *bl, const struct pblock *b,
			   const struct pblock *next)
{
	enum pdoc_line k = pdoc_classify(pdoc_line_text(b, 0));
	bool stamp = pdoc_block_is_stamp(b);
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
		if (next && b->nlines <= 4 && b->blank_before >= 1 && norm_is_upper(pdoc_line_text(b, 0)) &&
		    opens_header(next))
			return true;
		return strong && (stamp || b->blank_before >= 2);
	case PH_TAIL:
		return strong || (k == LK_UPPER && bl->doc.signer.title && bl->doc.signer.name);
	case PH_DONE:
		return k != LK_DEADLINE;
	}
	return false;
}

int pdoc_build(struct pblock *blocks, size_t n, const struct parse_limits *lim,
	       struct pdiag *diag, struct doc **docs, size_t *ndocs)
{
	struct pdoc_state ps = { .diag = diag, .lim = lim };

	for (size_t i = 0; i < n && !ps.oom; i++) {
		struct pblock *b = &blocks[i];
		struct pdoc_builder *bl = &ps.cur;
		ps.next = i + 1 < n ? &blocks[i + 1] : NULL;
		if (bl->started && pdoc_block_is_annotation(b)) {
			for (size_t j = 1; j < b->nlines; j++)
				pdoc_push(&ps, &bl->doc.annotations, &bl->doc.nannotations, pdoc_line_text(b, j));
			continue;
		}
		bool head = !bl->started || bl->phase == PH_HEAD;
		if (head)
			pdoc_reflow(b, false, &ps.oom);
		else if (looks_like_foot(bl, b))
			pdoc_reflow(b, true, &ps.oom);
		if (starts_new_doc(bl, b, i + 1 < n ? &blocks[i + 1] : NULL)) {
			pdoc_finish(&ps);
			if (!head)
				pdoc_reflow(b, false, &ps.oom);
		}
		if (ps.oom)
			break;
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
	pdoc_finish(&ps);
	if (!ps.oom) {
		pdoc_drop_furniture(&ps);
		pdoc_link(&ps);
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
