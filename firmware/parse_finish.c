/* SPDX-License-Identifier: MIT */
/* parse_finish.c: completes a document: body blocks with labels and page
 * breaks joined, references, the forwarded document, instructions; then
 * fills what the documents of one file say of each other. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "norm.h"
#include "parse_doc.h"

/* ---- finishing a document --------------------------------------------- */

static bool block_append(struct parse_doc_state *ps, struct doc *doc, struct parse_text *t,
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
	blk->text = parse_text_take(t);
	doc->nblocks++;
	if (!blk->text || (label && !blk->label))
		ps->oom = true;
	return true;
}

/* Turns the collected source blocks into body blocks: labels split off,
 * points and headings recognised, paragraphs broken by a page joined. */
static void build_body(struct parse_doc_state *ps, struct parse_doc_builder *bl)
{
	struct parse_text pending = { 0 };
	enum doc_block_type ptype = DOC_BLOCK_PARA;
	int plevel = 0, pline = 0;
	char plabel[64] = "";
	bool have = false;

	for (size_t i = 0; i < bl->nbody && !ps->oom; i++) {
		const struct parse_block *b = bl->body[i].b;
		struct parse_text t = { 0 };
		enum doc_block_type type = DOC_BLOCK_PARA;
		int level = 0;
		char label[64] = "";
		size_t skip = 0, llen;
		bool roman;

		parse_doc_join_lines(b, bl->body[i].from, bl->body[i].to, &t);
		if (t.oom || !t.len) {
			parse_text_free(&t);
			continue;
		}
		if (b->type == PB_ITEM) {
			type = b->ordered ? DOC_BLOCK_POINT : DOC_BLOCK_BULLET;
			if (b->ordered)
				snprintf(label, sizeof label, "%u%c", b->number, b->delim);
		} else if ((llen = parse_lex_label(t.s, &skip, &roman)) > 0 && llen < sizeof label) {
			memcpy(label, t.s, llen);
			label[llen] = '\0';
			parse_text_cut(&t, 0, skip);
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
		    !parse_lex_ends_terminal(pending.s) && norm_starts_lower(t.s)) {
			parse_text_append(&pending, " ", 1, 0);
			parse_text_append_text(&pending, &t);
			parse_text_free(&t);
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
	parse_text_free(&pending);
}

static const char *const forward_verbs[] = { "pho bien", "quan triet", "sao gui", "gui kem",
					     "trien khai", "chuyen", NULL };

/* A cover letter forwards the document its subject names with one of the
 * forwarding verbs: "V/v phổ biến Kết luận số 516-KL/ĐUK ...". */
static void find_forwarded(struct parse_doc_state *ps, struct doc *doc)
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
		    parse_lex_symbol(p, sym, sizeof sym, type, sizeof type, org, sizeof org) && type[0]) {
			doc->link_type = DOC_LINK_FORWARDS;
			parse_doc_set_str(ps, &doc->link_symbol, sym);
			return;
		}
	}
}

/* A flattened header puts the issuer's locality on a line of its own
 * ("ỦY BAN NHÂN DÂN" ... "TỈNH HẬU GIANG"): it goes on the name before. */
static void join_issuer_lines(struct parse_doc_state *ps, struct parse_doc_builder *bl)
{
	for (size_t i = 1; i < bl->nissuer; i++) {
		if (!parse_doc_name_goes_on(bl->issuer_lines[i]))
			continue;
		size_t n = strlen(bl->issuer_lines[i - 1]) + strlen(bl->issuer_lines[i]) + 2;
		char *j = malloc(n);
		if (!j) {
			ps->oom = true;
			return;
		}
		snprintf(j, n, "%s %s", bl->issuer_lines[i - 1], bl->issuer_lines[i]);
		free(bl->issuer_lines[i - 1]);
		free(bl->issuer_lines[i]);
		bl->issuer_lines[i - 1] = j;
		memmove(&bl->issuer_lines[i], &bl->issuer_lines[i + 1],
			(bl->nissuer - i - 1) * sizeof bl->issuer_lines[0]);
		bl->nissuer--;
		i--;
	}
}

/* OCR reads a Tỉnh ủy's "TU" as "TƯ" (which is Trung ương's spelling): the
 * issuer printed above the number tells them apart. */
static void fix_tu(struct parse_doc_state *ps, struct doc *doc, const char *org)
{
	size_t n = doc->number ? strlen(doc->number) : 0;
	const char *tu = "/TƯ";

	if (strcmp(org, "TƯ") != 0 || n < strlen(tu) || strcmp(doc->number + n - strlen(tu), tu) != 0)
		return;
	char *f = norm_fold(doc->issuer ? doc->issuer : "");
	bool province = f && (strstr(f, "tinh uy") || strstr(f, "thanh uy"));
	free(f);
	if (!province)
		return;
	doc->number[n - strlen(tu)] = '\0';
	char *fixed = malloc(n + 1);
	if (!fixed) {
		ps->oom = true;
		return;
	}
	snprintf(fixed, n + 1, "%s/TU", doc->number);
	parse_doc_replace_str(&doc->number, fixed);
}

/* Warns that doc's kind was read from its layout alone. */
static void warn_kind(struct parse_doc_state *ps, const struct doc *doc)
{
	parse_diag_add(ps->diag, PARSE_WARNING, doc->first_line, "kind",
		       "no type title, V/v line or type code in the head from line %d; read as a "
		       "công văn, the type printed without its name", doc->first_line);
}

/* The type title decides the kind (take_title set it). Without one, a
 * V/v subject makes a công văn (the one type printed without its name,
 * whatever code its symbol carries: CT in 5563/CT-CS is the Cục Thuế);
 * then the symbol's type code; then addressees or a number make the layout
 * of a công văn again. A text without any header field is still a document
 * when it has a part of a document's layout: recipients or a signer (a
 * shopping list has none). Returns true for such a headless document. */
static bool decide_kind(struct parse_doc_state *ps, struct parse_doc_builder *bl)
{
	struct doc *doc = &bl->doc;

	if (!doc->kind && bl->subject_vv)
		parse_doc_set_str(ps, &doc->kind, "CV");
	if (!doc->kind && bl->code_kind[0])
		parse_doc_set_str(ps, &doc->kind, bl->code_kind);
	bool by_layout = !doc->kind;
	bool headless = false;
	if (!doc->kind && (doc->naddressees || doc->number))
		parse_doc_set_str(ps, &doc->kind, "CV");
	if (!doc->kind && bl->nbody &&
	    (doc->nrecipients || doc->signer.name || doc->signer.authority)) {
		parse_doc_set_str(ps, &doc->kind, "CV");
		headless = !doc->number && !doc->date.y && !bl->has_title;
	}
	/* A headless text is warned of once it is known to be kept (it may be
	 * site furniture: parse_doc_drop_furniture). */
	if (by_layout && doc->kind && !headless)
		warn_kind(ps, doc);
	return headless;
}

void parse_doc_finish(struct parse_doc_state *ps)
{
	struct parse_doc_builder *bl = &ps->cur;
	struct doc *doc = &bl->doc;

	if (!bl->started)
		return;
	join_issuer_lines(ps, bl);
	if (bl->nissuer >= 2) {
		doc->parent = norm_repair(bl->issuer_lines[0], parse_doc_header_vocab);
		doc->issuer = norm_repair(bl->issuer_lines[1], parse_doc_header_vocab);
	} else if (bl->nissuer == 1) {
		doc->issuer = norm_repair(bl->issuer_lines[0], parse_doc_header_vocab);
	}
	fix_tu(ps, doc, bl->org);
	bool headless = decide_kind(ps, bl);
	build_body(ps, bl);
	if (doc->kind) {
		struct parse_refs_index ix = { 0 };
		parse_doc_set_str(ps, &doc->type_name, doc_kind_name(doc->kind));
		find_forwarded(ps, doc);
		if (doc->subject && parse_refs_scan(doc, &ix, doc->subject, &bl->subject_map, 0) < 0)
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
			if (parse_refs_scan(doc, &ix, doc->blocks[i].text, NULL, doc->blocks[i].line) < 0)
				ps->oom = true;
		parse_refs_index_free(&ix);
		if (strcmp(doc->kind, "CV") == 0)
			for (size_t i = 0; i < doc->nblocks; i++)
				if (doc->blocks[i].type == DOC_BLOCK_PARA &&
				    parse_doc_fold_starts(doc->blocks[i].text, "de nghi"))
					parse_doc_push(ps, &doc->instructions, &doc->ninstructions, doc->blocks[i].text);
		if (ps->ndocs == ps->lim->max_docs) {
			parse_diag_add(ps->diag, PARSE_ERROR, doc->first_line, "docs",
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
		if (doc->kind && ps->ndocs < ps->cap) {
			if (headless && ps->nheadless < sizeof ps->headless / sizeof ps->headless[0])
				ps->headless[ps->nheadless++] = ps->ndocs;
			ps->docs[ps->ndocs++] = *doc;
		}
	} else {
		parse_diag_add(ps->diag, PARSE_WARNING, doc->first_line, "document",
			  "lines %d-%d hold no document (no header field, signer or recipients); skipped",
			  doc->first_line, doc->last_line);
		doc_free(doc);
	}
	for (size_t i = 0; i < bl->nissuer; i++)
		free(bl->issuer_lines[i]);
	free(bl->body);
	memset(bl, 0, sizeof *bl);
}

/* ---- across the documents of one file --------------------------------- */

static struct doc *find_by_number(struct parse_doc_state *ps, const char *symbol)
{
	for (size_t i = 0; symbol && i < ps->ndocs; i++)
		if (ps->docs[i].number && strcmp(ps->docs[i].number, symbol) == 0)
			return &ps->docs[i];
	return NULL;
}

/* What a cover letter or routing slip says of the document after it fills
 * what that document's own header lacks, marked inferred. */
void parse_doc_link(struct parse_doc_state *ps)
{
	char sym[96], type[32], org[64];

	for (size_t i = 0; i < ps->ndocs; i++) {
		struct doc *d = &ps->docs[i];
		if (d->link_type == DOC_LINK_FORWARDS && i + 1 < ps->ndocs) {
			struct doc *next = &ps->docs[i + 1];
			if (!next->number && parse_lex_symbol(d->link_symbol, sym, sizeof sym, type,
							 sizeof type, org, sizeof org) &&
			    strcmp(type, next->kind) == 0) {
				parse_doc_set_str(ps, &next->number, d->link_symbol);
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
				parse_doc_set_str(ps, &d->issuer, about->received.by);
				d->issuer_inferred = true;
			}
		}
	}
	for (size_t i = 0; i < ps->ndocs; i++) {
		struct doc *d = &ps->docs[i];
		const char *issuer, *parent;
		if (d->issuer || !d->number ||
		    !parse_lex_symbol(d->number, sym, sizeof sym, type, sizeof type, org, sizeof org) ||
		    !parse_refs_org(org, &issuer, &parent))
			continue;
		parse_doc_set_str(ps, &d->issuer, issuer);
		d->issuer_inferred = true;
		if (!d->parent && parent) {
			parse_doc_set_str(ps, &d->parent, parent);
			d->parent_inferred = true;
		}
	}
	for (size_t i = 0; i < ps->ndocs; i++) {
		const struct doc *d = &ps->docs[i];
		/* Each gap is named with the line the field was looked for on:
		 * the head's first line, or the foot's last for the signer. */
		if (!d->date.y)
			parse_diag_add(ps->diag, PARSE_WARNING, d->first_line, "date",
				  "document has no date and none can be inferred");
		if (!d->number)
			parse_diag_add(ps->diag, PARSE_WARNING, d->first_line, "number",
				  "no number-symbol (\"Số ...\") in the head from line %d; kept without one",
				  d->first_line);
		if (!d->issuer)
			parse_diag_add(ps->diag, PARSE_WARNING, d->first_line, "issuer",
				  "no issuing body in the head from line %d; kept without one",
				  d->first_line);
		if (!d->signer.name)
			parse_diag_add(ps->diag, PARSE_WARNING, d->last_line, "signer",
				  "no signer's name in the foot ending on line %d; kept without one",
				  d->last_line);
	}
}

void parse_doc_drop_furniture(struct parse_doc_state *ps)
{
	if (ps->nheadless == 0)
		return;
	if (ps->nheadless == ps->ndocs) {
		/* Nothing but headless texts: they are the documents. */
		for (size_t i = 0; i < ps->ndocs; i++)
			warn_kind(ps, &ps->docs[i]);
		ps->nheadless = 0;
		return;
	}
	/* Furniture stands before the first document with a header, or after
	 * the last one without a signer of its own; a headless text with a
	 * signer between two documents (an annex that lost its header) stays. */
	size_t first = (size_t)-1, last = 0, h = 0;
	for (size_t i = 0; i < ps->ndocs; i++) {
		bool headless = h < ps->nheadless && ps->headless[h] == i;
		h += headless;
		if (!headless) {
			if (first == (size_t)-1)
				first = i;
			last = i + 1;
		}
	}
	size_t w = 0;
	h = 0;
	for (size_t i = 0; i < ps->ndocs; i++) {
		bool headless = h < ps->nheadless && ps->headless[h] == i;
		h += headless;
		if (headless && (i < first || (i >= last && !ps->docs[i].signer.name))) {
			parse_diag_add(ps->diag, PARSE_WARNING, ps->docs[i].first_line, "document",
				  "lines %d-%d carry no header and come with a document that has one: "
				  "site furniture, skipped", ps->docs[i].first_line, ps->docs[i].last_line);
			doc_free(&ps->docs[i]);
			continue;
		}
		if (headless)
			warn_kind(ps, &ps->docs[i]);
		ps->docs[w++] = ps->docs[i];
	}
	ps->ndocs = w;
	ps->nheadless = 0;
}
