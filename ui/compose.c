/* SPDX-License-Identifier: MIT */
/*
 * compose: turns a struct doc into layout paragraphs set like the paper
 * original (document-format.md §1): the two-column header, type title and
 * subject, the body, then recipients and signer side by side. Every string
 * is copied, so the paragraphs outlive the document they came from. Nothing
 * is invented: a field the parser left NULL prints nothing.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "norm.h"
#include "ui_int.h"

/* Groups of paragraphs set side by side. */
enum {
	GROUP_HEADER = 1,
	GROUP_CLOSING = 2,
};

/* The composition under way. */
struct cb {
	struct ui_composed *c;
	size_t cap_paras, cap_strings, cap_spans;
	bool oom;
	int w;          /* page width */
	int em;         /* body line height: the unit of indents and gaps */
	int left_w;     /* width of the left column of a two-column block */
	int right_x;    /* start of the right column */
	bool party;     /* Party document (36-HD conventions) */
	bool state;     /* state document */
	int gap;        /* space owed before the next paragraph */
};

static int imax(int a, int b)
{
	return a > b ? a : b;
}

static bool grow(void **p, size_t *cap, size_t need, size_t size)
{
	size_t ncap;
	void *np;

	if (need <= *cap)
		return true;
	ncap = *cap ? *cap * 2 : 16;
	while (ncap < need)
		ncap *= 2;
	np = realloc(*p, ncap * size);
	if (!np)
		return false;
	*p = np;
	*cap = ncap;
	return true;
}

/* Takes ownership of s (a malloc'ed string) and returns it, or NULL. */
static char *cb_own(struct cb *b, char *s)
{
	struct ui_composed *c = b->c;

	if (!s || !grow((void **)&c->strings, &b->cap_strings, c->nstrings + 1,
			sizeof *c->strings)) {
		free(s);
		b->oom = true;
		return NULL;
	}
	c->strings[c->nstrings++] = s;
	return s;
}

static char *cb_printf(struct cb *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static char *cb_printf(struct cb *b, const char *fmt, ...)
{
	va_list ap;
	int n;
	char *s;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !(s = malloc((size_t)n + 1))) {
		b->oom = true;
		return NULL;
	}
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return cb_own(b, s);
}

/* Appends a paragraph of text (already owned by the composition) in the
 * full width; the caller adjusts the rest. NULL when out of memory. */
static struct text_para *cb_para(struct cb *b, const char *text, int font, unsigned style,
				 enum text_align align)
{
	struct ui_composed *c = b->c;
	struct text_para *p;

	if (!text || !grow((void **)&c->paras, &b->cap_paras, c->n + 1, sizeof *c->paras)) {
		b->oom = true;
		return NULL;
	}
	p = &c->paras[c->n++];
	memset(p, 0, sizeof *p);
	p->text = text;
	p->len = strlen(text);
	p->font = font;
	p->style = style;
	p->align = align;
	p->space_before = b->gap;
	b->gap = 0;
	return p;
}

/* Owes at least px of space before the next paragraph. */
static void cb_gap(struct cb *b, int px)
{
	if (px > b->gap)
		b->gap = px;
}

/* A paragraph in a column of a two-column group. */
static struct text_para *cb_col(struct cb *b, int group, bool right, const char *text, int font,
				unsigned style, enum text_align align)
{
	struct text_para *p = cb_para(b, text, font, style, align);

	if (!p)
		return NULL;
	p->group = group;
	p->x = right ? b->right_x : 0;
	p->width = right ? b->w - b->right_x : b->left_w;
	return p;
}

/* Copies the spans of a block, shifted by shift bytes (a prefix added to
 * its text), and attaches them to p. */
static void cb_spans(struct cb *b, struct text_para *p, const struct doc_block *blk,
		     uint32_t shift)
{
	struct ui_composed *c = b->c;
	struct doc_span *sp;

	if (!p || blk->nspans == 0)
		return;
	if (!grow((void **)&c->spans, &b->cap_spans, c->nspans + 1, sizeof *c->spans) ||
	    !(sp = malloc(blk->nspans * sizeof *sp))) {
		b->oom = true;
		return;
	}
	c->spans[c->nspans++] = sp;
	for (size_t i = 0; i < blk->nspans; i++) {
		sp[i] = blk->spans[i];
		sp[i].start += shift;
	}
	p->spans = sp;
	p->nspans = blk->nspans;
}

/* "516-KL/ĐUK": digits, a hyphen, the type, a slash, the body. State
 * symbols put the slash first: "454/UBND-NCTH". */
static bool symbol_party_form(const char *s)
{
	size_t d = 0;

	if (!s)
		return false;
	while (s[d] >= '0' && s[d] <= '9')
		d++;
	return d > 0 && s[d] == '-' && strchr(s + d, '/') != NULL;
}

static bool symbol_state_form(const char *s)
{
	size_t d = 0;

	if (!s)
		return false;
	while (s[d] >= '0' && s[d] <= '9')
		d++;
	return d > 0 && s[d] == '/';
}

/* "Hà Nội, ngày 09 tháng 02 năm 2023" into buf: days 1-9 and months 1-2
 * take a leading zero, as the samples and the rules print them. Returns
 * false when the document gives neither place nor date. */
static bool place_date(const struct doc *d, char *buf, size_t size)
{
	const char *place = d->place ? d->place : "";
	const char *sep = d->place ? ", " : "";

	if (d->date.y == 0) {
		snprintf(buf, size, "%s", place);
		return d->place != NULL;
	}
	snprintf(buf, size, "%s%s%s %02d tháng %0*d năm %d", place, sep,
		 d->place ? "ngày" : "Ngày", d->date.d, d->date.m < 3 ? 2 : 1, d->date.m,
		 d->date.y);
	return true;
}

static bool is_cong_van(const struct doc *d)
{
	return d->kind && strcmp(d->kind, "CV") == 0;
}

static bool is_routing_slip(const struct doc *d)
{
	return d->kind && strcmp(d->kind, "PXYK") == 0;
}

/* Left column: superior body, issuing body, the star, the number and, for a
 * công văn, the V/v subject under it. */
static void header_left(struct cb *b, const struct doc *d)
{
	struct text_para *p;

	if (d->parent)
		cb_col(b, GROUP_HEADER, false, cb_printf(b, "%s", d->parent), UI_FONT_HEAD, 0,
		       TEXT_ALIGN_CENTER);
	if (d->issuer)
		cb_col(b, GROUP_HEADER, false, cb_printf(b, "%s", d->issuer), UI_FONT_HEAD,
		       DOC_STYLE_BOLD, TEXT_ALIGN_CENTER);
	if (d->parent || d->issuer)
		cb_col(b, GROUP_HEADER, false, cb_printf(b, "*"), UI_FONT_HEAD, 0,
		       TEXT_ALIGN_CENTER);
	if (d->number)
		cb_col(b, GROUP_HEADER, false,
		       cb_printf(b, b->state ? "Số: %s" : "Số %s", d->number), UI_FONT_HEAD, 0,
		       TEXT_ALIGN_CENTER);
	if (is_cong_van(d) && d->subject) {
		p = cb_col(b, GROUP_HEADER, false, cb_printf(b, "%s", d->subject), UI_FONT_SMALL,
			   DOC_STYLE_ITALIC, TEXT_ALIGN_CENTER);
		if (p)
			p->space_before = imax(p->space_before, b->em / 4);
	}
}

/* Right column: the Party or state header, then place and date. */
static void header_right(struct cb *b, const struct doc *d)
{
	struct text_para *p;
	char when[256];

	if (b->party)
		cb_col(b, GROUP_HEADER, true, cb_printf(b, "ĐẢNG CỘNG SẢN VIỆT NAM"), UI_FONT_HEAD,
		       DOC_STYLE_BOLD, TEXT_ALIGN_CENTER);
	if (b->state) {
		cb_col(b, GROUP_HEADER, true, cb_printf(b, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
		       UI_FONT_HEAD, DOC_STYLE_BOLD, TEXT_ALIGN_CENTER);
		cb_col(b, GROUP_HEADER, true, cb_printf(b, "Độc lập - Tự do - Hạnh phúc"),
		       UI_FONT_HEAD, DOC_STYLE_BOLD, TEXT_ALIGN_CENTER);
	}
	if (place_date(d, when, sizeof when)) {
		p = cb_col(b, GROUP_HEADER, true, cb_printf(b, "%s", when), UI_FONT_HEAD, DOC_STYLE_ITALIC,
			   TEXT_ALIGN_CENTER);
		if (p && (b->party || b->state))
			p->space_before = imax(p->space_before, b->em);
	}
}

/* Type title, author line and subject, centred. */
static void title_block(struct cb *b, const struct doc *d)
{
	const char *name = d->type_name ? d->type_name : d->kind ? doc_kind_name(d->kind) : NULL;
	struct text_para *p;

	cb_gap(b, b->em * 3 / 2);
	if (name && !is_cong_van(d)) {
		p = cb_para(b, cb_own(b, norm_upper(name)), UI_FONT_TITLE, DOC_STYLE_BOLD,
			    TEXT_ALIGN_CENTER);
		if (p)
			p->keep_with_next = true;
	}
	if (d->author && !is_cong_van(d)) {
		p = cb_para(b, cb_printf(b, "%s", d->author), UI_FONT_HEAD, DOC_STYLE_BOLD,
			    TEXT_ALIGN_CENTER);
		if (p)
			p->keep_with_next = true;
	}
	if (d->subject && !is_cong_van(d)) {
		p = cb_para(b, cb_printf(b, "%s", d->subject), UI_FONT_BODY, DOC_STYLE_BOLD,
			    TEXT_ALIGN_CENTER);
		if (p) {
			p->x = b->w / 12;
			p->width = b->w - 2 * p->x;
			p->space_before = imax(p->space_before, b->em / 3);
		}
	}
	cb_gap(b, b->em);
}

/* The forwarding note: the letter that forwarded this document, or the
 * routing slip's instruction; one paragraph per line of the note. */
static void note_block(struct cb *b, const char *note)
{
	struct text_para *p;

	if (!note || !*note)
		return;
	while (*note) {
		size_t n = strcspn(note, "\n");

		if (n > 0) {
			p = cb_para(b, cb_printf(b, "%.*s", (int)n, note), UI_FONT_SMALL,
				    DOC_STYLE_ITALIC, TEXT_ALIGN_CENTER);
			if (p) {
				p->x = b->w / 10;
				p->width = b->w - 2 * p->x;
			}
		}
		note += n;
		if (*note == '\n')
			note++;
	}
	cb_gap(b, b->em);
}

/* "Kính gửi: X", or the label then one "- X" line per addressee, aligned
 * after the label as on paper. */
static void addressee_block(struct cb *b, char *const *list, size_t n)
{
	static const char label[] = "Kính gửi:";
	struct text_para *p;

	if (n == 0)
		return;
	if (n == 1) {
		p = cb_para(b, cb_printf(b, "%s %s", label, list[0]), UI_FONT_BODY, 0,
			    TEXT_ALIGN_CENTER);
		if (p) {
			static const struct doc_span it = { 0, sizeof label - 1, DOC_STYLE_ITALIC };
			p->spans = &it;
			p->nspans = 1;
			p->space_after = b->em / 2;
		}
		return;
	}
	for (size_t i = 0; i < n; i++) {
		p = cb_para(b, cb_printf(b, "- %s", list[i]), UI_FONT_BODY, 0, TEXT_ALIGN_LEFT);
		if (!p)
			return;
		p->x = b->w / 6;
		p->width = b->w - p->x;
		p->indent = b->em * 4;
		if (i == 0) {
			p->label = label;
			p->label_style = DOC_STYLE_ITALIC;
		}
		if (i + 1 == n)
			p->space_after = b->em / 2;
	}
}

/* One block of the body. Labels are set inline after the first-line indent,
 * as the paper prints them ("1. Sau 05 năm ..."). */
static void body_block(struct cb *b, const struct doc_block *blk)
{
	const char *label = blk->type == DOC_BLOCK_BULLET ? "-" : blk->label;
	char *text = label ? cb_printf(b, "%s %s", label, blk->text) : cb_printf(b, "%s", blk->text);
	uint32_t shift = label ? (uint32_t)strlen(label) + 1 : 0;
	struct text_para *p;

	p = cb_para(b, text, UI_FONT_BODY, 0, TEXT_ALIGN_JUSTIFY);
	if (!p)
		return;
	cb_spans(b, p, blk, shift);
	p->first_indent = b->em * 3 / 2;
	p->space_after = b->em / 4;
	if (blk->type == DOC_BLOCK_HEADING) {
		p->style = DOC_STYLE_BOLD;
		p->align = TEXT_ALIGN_LEFT;
		p->keep_with_next = true;
		p->space_before = imax(p->space_before, b->em / 3);
	}
}

/* Left column of the closing: "Nơi nhận:" and one "- item," line each, the
 * last ending with a full stop (Party) or as state documents end theirs. */
static void recipients_block(struct cb *b, const struct doc *d)
{
	struct text_para *p;

	if (d->nrecipients == 0)
		return;
	p = cb_col(b, GROUP_CLOSING, false, cb_printf(b, "Nơi nhận:"), UI_FONT_SMALL,
		   DOC_STYLE_BOLD | DOC_STYLE_ITALIC, TEXT_ALIGN_LEFT);
	for (size_t i = 0; i < d->nrecipients; i++) {
		const char *end = i + 1 == d->nrecipients ? "." : b->state ? ";" : ",";

		p = cb_col(b, GROUP_CLOSING, false, cb_printf(b, "- %s%s", d->recipients[i], end),
			   UI_FONT_SMALL, 0, TEXT_ALIGN_LEFT);
		if (p)
			p->indent = b->em / 2;
	}
}

/* Right column of the closing: authority, title, the gap where the
 * signature and seal go, the name. */
static void signer_block(struct cb *b, const struct doc_signer *s, int group, bool right)
{
	struct text_para *p;
	bool above = s->authority || s->title;

	if (s->authority)
		cb_col(b, group, right, cb_printf(b, "%s", s->authority), UI_FONT_HEAD,
		       DOC_STYLE_BOLD, TEXT_ALIGN_CENTER);
	if (s->title)
		cb_col(b, group, right, cb_printf(b, "%s", s->title), UI_FONT_HEAD, DOC_STYLE_BOLD,
		       TEXT_ALIGN_CENTER);
	if (s->name) {
		p = cb_col(b, group, right, cb_printf(b, "%s", s->name), UI_FONT_HEAD,
			   DOC_STYLE_BOLD, TEXT_ALIGN_CENTER);
		if (p)
			p->space_before = imax(p->space_before, above ? b->em * 3 : b->em);
	}
}

static void closing_block(struct cb *b, const struct doc *d)
{
	cb_gap(b, b->em);
	recipients_block(b, d);
	signer_block(b, &d->signer, GROUP_CLOSING, true);
}

/* A routing slip: title, the document it is about, addressee, the
 * standing committee's instructions and the name of who gave them. */
static void routing_slip(struct cb *b, const struct doc *d)
{
	struct text_para *p;

	if (d->link_symbol) {
		p = cb_para(b, cb_printf(b, "Về văn bản số %s", d->link_symbol), UI_FONT_BODY, 0,
			    TEXT_ALIGN_CENTER);
		if (p)
			p->space_after = b->em;
	}
	addressee_block(b, d->addressees, d->naddressees);
	if (d->ninstructions > 0) {
		p = cb_para(b, cb_printf(b, "Ý kiến của Thường trực Đảng ủy:"), UI_FONT_BODY,
			    DOC_STYLE_BOLD, TEXT_ALIGN_LEFT);
		if (p) {
			p->keep_with_next = true;
			p->space_before = imax(p->space_before, b->em / 2);
			p->space_after = b->em / 4;
		}
	}
	for (size_t i = 0; i < d->ninstructions; i++) {
		p = cb_para(b, cb_printf(b, "- %s", d->instructions[i]), UI_FONT_BODY, 0,
			    TEXT_ALIGN_JUSTIFY);
		if (p)
			p->first_indent = b->em * 3 / 2;
	}
	cb_gap(b, b->em);
	signer_block(b, &d->signer, GROUP_CLOSING, true);
}

/* The split of the two-column blocks: about 45/55 as on paper, the right
 * column widened (up to 62%) so "Hà Nội, ngày ... năm ..." stays on one
 * line when the fonts say it would not. */
static void cb_columns(struct cb *b, const struct doc *d, struct ui_fonts *f)
{
	int need = 0, gap = b->em / 2;
	char when[256];

	b->left_w = b->w * 45 / 100;
	b->right_x = b->w * 47 / 100;
	if (!f)
		return;
	if (place_date(d, when, sizeof when))
		need = ui_fonts_width(f, UI_FONT_HEAD, DOC_STYLE_ITALIC, when, strlen(when));
	if (b->party) {
		static const char party[] = "ĐẢNG CỘNG SẢN VIỆT NAM";
		int pw = ui_fonts_width(f, UI_FONT_HEAD, DOC_STYLE_BOLD, party, sizeof party - 1);

		need = imax(need, pw);
	}
	need += gap;
	if (need > b->w - b->right_x) {
		if (need > b->w * 62 / 100)
			need = b->w * 62 / 100;
		b->right_x = b->w - need;
		b->left_w = b->right_x - gap;
	}
}

static void cb_init(struct cb *b, const struct doc *d, struct ui_fonts *f, int w,
		    struct ui_composed *out)
{
	memset(b, 0, sizeof *b);
	memset(out, 0, sizeof *out);
	b->c = out;
	b->w = w > 0 ? w : 1;
	b->em = f ? ui_fonts_height(f, UI_FONT_BODY) : b->w / 40;
	if (b->em <= 0)
		b->em = 1;
	b->party = d->party_header || (!d->state_header && symbol_party_form(d->number));
	b->state = !b->party && (d->state_header || symbol_state_form(d->number));
	cb_columns(b, d, f);
}

int ui_compose_doc(const struct doc *doc, const char *note, struct ui_fonts *f, int w,
		   struct ui_composed *out)
{
	struct cb b;

	cb_init(&b, doc, f, w, out);
	header_left(&b, doc);
	header_right(&b, doc);
	title_block(&b, doc);
	note_block(&b, note);
	if (is_routing_slip(doc)) {
		routing_slip(&b, doc);
	} else {
		addressee_block(&b, doc->addressees, doc->naddressees);
		for (size_t i = 0; i < doc->nblocks; i++)
			body_block(&b, &doc->blocks[i]);
		closing_block(&b, doc);
	}
	if (b.oom) {
		ui_composed_free(out);
		return -1;
	}
	return 0;
}

void ui_composed_free(struct ui_composed *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->nstrings; i++)
		free(c->strings[i]);
	for (size_t i = 0; i < c->nspans; i++)
		free(c->spans[i]);
	free(c->strings);
	free(c->spans);
	free(c->paras);
	memset(c, 0, sizeof *c);
}
