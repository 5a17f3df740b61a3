/* SPDX-License-Identifier: MIT */
/* parse_md.c: md4c turns the cleaned source into blocks of styled lines,
 * each line tagged with the source line it came from. Markdown and the HTML
 * tags OCR leaves (<b>, <i>, <u>) become style spans; everything else of the
 * markup is dropped here, so later stages see plain text. */
#include <md4c.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parse_int.h"

/* ---- parse_text --------------------------------------------------------- */

void parse_text_free(struct parse_text *t)
{
	free(t->s);
	free(t->spans);
	memset(t, 0, sizeof *t);
}

static bool parse_text_reserve(struct parse_text *t, size_t extra)
{
	if (t->oom)
		return false;
	if (t->len + extra + 1 > t->cap) {
		size_t cap = t->cap ? t->cap : 64;
		while (cap < t->len + extra + 1)
			cap *= 2;
		char *s = realloc(t->s, cap);
		if (!s) {
			t->oom = true;
			return false;
		}
		t->s = s;
		t->cap = cap;
	}
	return true;
}

static bool span_push(struct parse_text *t, struct doc_span sp)
{
	if (t->nspans == t->spans_cap) {
		size_t cap = t->spans_cap ? t->spans_cap * 2 : 4;
		struct doc_span *v = realloc(t->spans, cap * sizeof *v);
		if (!v) {
			t->oom = true;
			return false;
		}
		t->spans = v;
		t->spans_cap = cap;
	}
	t->spans[t->nspans++] = sp;
	return true;
}

void parse_text_append(struct parse_text *t, const char *s, size_t n, unsigned style)
{
	if (!parse_text_reserve(t, n))
		return;
	memcpy(t->s + t->len, s, n);
	if (style && n) {
		struct doc_span *last = t->nspans ? &t->spans[t->nspans - 1] : NULL;
		if (last && last->style == style && last->start + last->len == t->len)
			last->len += (uint32_t)n;
		else
			span_push(t, (struct doc_span){ (uint32_t)t->len, (uint32_t)n, style });
	}
	t->len += n;
	t->s[t->len] = '\0';
}

void parse_text_append_text(struct parse_text *t, const struct parse_text *o)
{
	size_t base = t->len;
	size_t i = 0;

	parse_text_append(t, o->s ? o->s : "", o->len, 0);
	if (t->oom)
		return;
	/* The first span may continue the last one (an italic quotation split
	 * by a page break and joined with a space in between). */
	if (o->nspans && t->nspans) {
		struct doc_span *last = &t->spans[t->nspans - 1];
		const struct doc_span *first = &o->spans[0];
		size_t gap_start = last->start + last->len, gap_end = base + first->start;
		bool gap_is_space = gap_end >= gap_start && gap_end - gap_start <= 1;
		for (size_t k = gap_start; gap_is_space && k < gap_end; k++)
			gap_is_space = t->s[k] == ' ';
		if (last->style == first->style && gap_is_space) {
			last->len = (uint32_t)(base + first->start + first->len - last->start);
			i = 1;
		}
	}
	for (; i < o->nspans; i++) {
		struct doc_span sp = o->spans[i];
		sp.start += (uint32_t)base;
		if (!span_push(t, sp))
			return;
	}
}

void parse_text_cut(struct parse_text *t, size_t start, size_t n)
{
	size_t end = start + n, w = 0;

	if (!t->s || start >= t->len || n == 0)
		return;
	if (end > t->len)
		end = t->len;
	n = end - start;
	memmove(t->s + start, t->s + end, t->len - end + 1);
	t->len -= n;
	for (size_t i = 0; i < t->nspans; i++) {
		size_t a = t->spans[i].start, b = a + t->spans[i].len;
		size_t na = a < start ? a : (a < end ? start : a - n);
		size_t nb = b < start ? b : (b < end ? start : b - n);
		if (nb > na)
			t->spans[w++] = (struct doc_span){ (uint32_t)na, (uint32_t)(nb - na),
							   t->spans[i].style };
	}
	t->nspans = w;
}

static bool is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * Span boundaries moved with the bytes of a one-pass rewrite of t->s, where
 * each kept byte moves down to w (parse_text_squeeze, parse_text_drop).
 * spans_ends() first turns every span's length into its end offset, so that
 * moving a start does not move the end it is compared by; spans are sorted
 * and disjoint, so starts and ends ascend and *next walks them once
 * (linear, however many runs); spans_close() makes the new ends lengths
 * again, clipped to the new length, and drops the spans left empty.
 */
static void spans_ends(struct parse_text *t)
{
	for (size_t i = 0; i < t->nspans; i++)
		t->spans[i].len += t->spans[i].start;
}

/* Every boundary standing before byte i of the old text takes w. */
static void spans_move(struct parse_text *t, size_t *next, size_t i, size_t w)
{
	while (*next < 2 * t->nspans) {
		struct doc_span *sp = &t->spans[*next / 2];
		uint32_t *b = *next % 2 ? &sp->len : &sp->start;

		if (*b != i)
			break;
		*b = (uint32_t)w;
		(*next)++;
	}
}

static void spans_close(struct parse_text *t, size_t w)
{
	size_t k = 0;

	for (size_t i = 0; i < t->nspans; i++) {
		size_t a = t->spans[i].start, e = t->spans[i].len;
		if (e > w)
			e = w;
		if (e > a)
			t->spans[k++] = (struct doc_span){ (uint32_t)a, (uint32_t)(e - a),
							   t->spans[i].style };
	}
	t->nspans = k;
}

void parse_text_squeeze(struct parse_text *t)
{
	size_t w = 0, next = 0;
	bool space = true; /* drops leading white space */

	if (!t->s)
		return;
	spans_ends(t);
	for (size_t i = 0; i <= t->len; i++) {
		spans_move(t, &next, i, w);
		if (i == t->len)
			break;
		if (is_ws(t->s[i])) {
			if (!space)
				t->s[w++] = ' ';
			space = true;
		} else {
			t->s[w++] = t->s[i];
			space = false;
		}
	}
	if (w && t->s[w - 1] == ' ')
		w--;
	t->s[w] = '\0';
	t->len = w;
	spans_close(t, w);
}

void parse_text_drop(struct parse_text *t, const unsigned char *drop)
{
	size_t w = 0, next = 0;

	if (!t->s)
		return;
	spans_ends(t);
	for (size_t i = 0; i <= t->len; i++) {
		spans_move(t, &next, i, w);
		if (i < t->len && !drop[i])
			t->s[w++] = t->s[i];
	}
	t->s[w] = '\0';
	t->len = w;
	spans_close(t, w);
}

unsigned parse_text_style_at(const struct parse_text *t, size_t off)
{
	for (size_t i = 0; i < t->nspans; i++)
		if (off >= t->spans[i].start && off < t->spans[i].start + t->spans[i].len)
			return t->spans[i].style;
	return 0;
}

char *parse_text_take(struct parse_text *t)
{
	char *s = t->s ? t->s : strdup("");

	t->s = NULL;
	parse_text_free(t);
	return s;
}

/* ---- md4c walker ------------------------------------------------------ */

struct walker {
	const char *buf;
	size_t len;
	const size_t *line_starts;
	size_t nlines;
	struct parse_block *blocks;
	size_t n, cap;
	struct parse_block *cur;   /* block receiving text, NULL between blocks */
	int bold, italic;     /* nesting depth of strong / emphasis */
	int last_line;        /* line of the last text seen */
	/* list stack: ordered flag, next number, delimiter */
	struct { bool ordered; unsigned next; char delim; } lists[16];
	int depth;
	int in_li;            /* an LI opened and has not got a paragraph yet */
	unsigned span_events; /* emphasis runs opened or closed so far */
	unsigned break_events;/* span_events at the last line break */
	bool oom;
};

static int line_of(const struct walker *w, const char *p)
{
	if (p < w->buf || p >= w->buf + w->len)
		return w->last_line;
	size_t off = (size_t)(p - w->buf), lo = 0, hi = w->nlines;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (w->line_starts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return (int)lo + 1;
}

static struct parse_block *block_new(struct walker *w, enum parse_block_type type)
{
	if (w->n == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 32;
		struct parse_block *v = realloc(w->blocks, cap * sizeof *v);
		if (!v) {
			w->oom = true;
			return NULL;
		}
		w->blocks = v;
		w->cap = cap;
	}
	struct parse_block *b = &w->blocks[w->n++];
	memset(b, 0, sizeof *b);
	b->type = type;
	return b;
}

static struct parse_src_line *line_new(struct walker *w, struct parse_block *b)
{
	if (b->nlines == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 4;
		struct parse_src_line *v = realloc(b->lines, cap * sizeof *v);
		if (!v) {
			w->oom = true;
			return NULL;
		}
		b->lines = v;
		b->cap = cap;
	}
	struct parse_src_line *l = &b->lines[b->nlines++];
	memset(l, 0, sizeof *l);
	return l;
}

static unsigned cur_style(const struct walker *w)
{
	return (w->bold > 0 ? DOC_STYLE_BOLD : 0) | (w->italic > 0 ? DOC_STYLE_ITALIC : 0);
}

/* Starts a new line in the block receiving text, unless its last line is
 * still empty. */
static void cell_break(struct walker *w)
{
	struct parse_block *b = w->cur;

	if (b && b->nlines && b->lines[b->nlines - 1].t.len) {
		line_new(w, b);
		w->break_events = w->span_events - 1; /* a cell ends its phrase */
	}
}

static int enter_block(MD_BLOCKTYPE type, void *detail, void *userdata)
{
	struct walker *w = userdata;

	switch (type) {
	case MD_BLOCK_UL:
	case MD_BLOCK_OL:
		if (w->depth < 16) {
			w->lists[w->depth].ordered = type == MD_BLOCK_OL;
			w->lists[w->depth].next =
				type == MD_BLOCK_OL ? ((MD_BLOCK_OL_DETAIL *)detail)->start : 0;
			w->lists[w->depth].delim =
				type == MD_BLOCK_OL ? ((MD_BLOCK_OL_DETAIL *)detail)->mark_delimiter : '-';
		}
		w->depth++;
		break;
	case MD_BLOCK_LI: {
		struct parse_block *b = block_new(w, PB_ITEM);
		if (!b)
			return -1;
		if (w->depth > 0 && w->depth <= 16) {
			b->ordered = w->lists[w->depth - 1].ordered;
			b->number = w->lists[w->depth - 1].next++;
			b->delim = w->lists[w->depth - 1].delim;
		}
		w->cur = b;
		w->in_li = 1;
		break;
	}
	case MD_BLOCK_H:
		w->cur = block_new(w, PB_HEADING);
		if (!w->cur)
			return -1;
		w->cur->hlevel = (int)((MD_BLOCK_H_DETAIL *)detail)->level;
		w->in_li = 0;
		break;
	case MD_BLOCK_P:
	case MD_BLOCK_CODE:
	case MD_BLOCK_HTML:
	case MD_BLOCK_TR:
		/* The first paragraph of a list item is the item's own text. */
		if (w->in_li && w->cur && w->cur->nlines == 0) {
			w->in_li = 0;
			break;
		}
		w->in_li = 0;
		w->cur = block_new(w, PB_PARA);
		if (!w->cur)
			return -1;
		break;
	case MD_BLOCK_TH:
	case MD_BLOCK_TD:
		/* Each cell of a table row on a line of its own: the two columns
		 * of a header are two fields, not one run of words. */
		cell_break(w);
		break;
	default:
		break;
	}
	w->bold = w->italic = 0;
	return 0;
}

static int leave_block(MD_BLOCKTYPE type, void *detail, void *userdata)
{
	struct walker *w = userdata;

	(void)detail;
	if (type == MD_BLOCK_UL || type == MD_BLOCK_OL)
		w->depth--;
	if (type == MD_BLOCK_P || type == MD_BLOCK_H || type == MD_BLOCK_LI ||
	    type == MD_BLOCK_CODE || type == MD_BLOCK_HTML || type == MD_BLOCK_TR)
		w->cur = NULL;
	if (type == MD_BLOCK_LI)
		w->in_li = 0;
	return 0;
}

static int enter_span(MD_SPANTYPE type, void *detail, void *userdata)
{
	struct walker *w = userdata;

	(void)detail;
	w->span_events++;
	if (type == MD_SPAN_STRONG)
		w->bold++;
	else if (type == MD_SPAN_EM)
		w->italic++;
	return 0;
}

static int leave_span(MD_SPANTYPE type, void *detail, void *userdata)
{
	struct walker *w = userdata;

	(void)detail;
	w->span_events++;
	if (type == MD_SPAN_STRONG && w->bold > 0)
		w->bold--;
	else if (type == MD_SPAN_EM && w->italic > 0)
		w->italic--;
	return 0;
}

/* OCR output keeps a few HTML tags; they set styles like Markdown does. */
static void html_tag(struct walker *w, const char *s, size_t n)
{
	bool close = n > 1 && s[1] == '/';
	const char *name = s + 1 + close;
	size_t k = 0;

	while (name + k < s + n && ((name[k] >= 'a' && name[k] <= 'z') ||
				    (name[k] >= 'A' && name[k] <= 'Z')))
		k++;
	int *depth = NULL;
	if ((k == 1 && (*name == 'b' || *name == 'B')) || (k == 6 && strncasecmp(name, "strong", 6) == 0))
		depth = &w->bold;
	else if ((k == 1 && (*name == 'i' || *name == 'I')) || (k == 2 && strncasecmp(name, "em", 2) == 0))
		depth = &w->italic;
	else if (k == 2 && strncasecmp(name, "br", 2) == 0 && w->cur)
		line_new(w, w->cur);
	else if ((k == 2 && (strncasecmp(name, "td", 2) == 0 || strncasecmp(name, "th", 2) == 0 ||
			     strncasecmp(name, "tr", 2) == 0)) ||
		 (k == 1 && (*name == 'p' || *name == 'P')) || (k == 3 && strncasecmp(name, "div", 3) == 0))
		cell_break(w); /* OCR's HTML table cells and paragraphs */
	if (depth) {
		*depth += close ? (*depth > 0 ? -1 : 0) : 1;
		w->span_events++;
	}
}

static const char *entity(const char *s, size_t n)
{
	static const struct { const char *name, *text; } map[] = {
		{ "&amp;", "&" }, { "&lt;", "<" },     { "&gt;", ">" },
		{ "&quot;", "\"" }, { "&nbsp;", " " }, { "&apos;", "'" },
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strlen(map[i].name) == n && strncmp(map[i].name, s, n) == 0)
			return map[i].text;
	return "";
}

static int text_cb(MD_TEXTTYPE type, const MD_CHAR *text, MD_SIZE size, void *userdata)
{
	struct walker *w = userdata;
	struct parse_block *b = w->cur;

	if (!b) { /* text outside any block we track (table heads...) */
		b = w->cur = block_new(w, PB_PARA);
		if (!b)
			return -1;
	}
	if (type == MD_TEXT_BR || type == MD_TEXT_SOFTBR) {
		if (b->nlines && b->lines[b->nlines - 1].t.len)
			line_new(w, b);
		/* A hard break ends the line on purpose: never a wrap. */
		w->break_events = type == MD_TEXT_BR ? w->span_events - 1 : w->span_events;
		return w->oom ? -1 : 0;
	}
	if (type == MD_TEXT_HTML) {
		html_tag(w, text, size);
		return w->oom ? -1 : 0;
	}
	if (b->nlines == 0 && !line_new(w, b))
		return -1;
	struct parse_src_line *l = &b->lines[b->nlines - 1];
	int line = line_of(w, text);
	if (l->line == 0)
		l->line = line;
	if (l->t.len == 0 && b->nlines > 1)
		l->cont = cur_style(w) && w->span_events == w->break_events;
	w->last_line = line;
	if (b->first_line == 0)
		b->first_line = line;
	if (line > b->last_line)
		b->last_line = line;
	if (type == MD_TEXT_ENTITY) {
		const char *e = entity(text, size);
		parse_text_append(&l->t, e, strlen(e), cur_style(w));
	} else if (type == MD_TEXT_NULLCHAR) {
		parse_text_append(&l->t, "\xEF\xBF\xBD", 3, cur_style(w));
	} else {
		parse_text_append(&l->t, text, size, cur_style(w));
	}
	if (l->t.oom)
		w->oom = true;
	return w->oom ? -1 : 0;
}

/* Handwriting marks OCR renders as a short italic word at the end of a line
 * ("./. *m*", "Lưu VP, BTC *hu*") are not content. */
static void drop_stray_fragment(struct parse_text *t)
{
	if (!t->nspans || !t->len)
		return;
	struct doc_span *sp = &t->spans[t->nspans - 1];
	size_t end = sp->start + sp->len;
	if (!(sp->style & DOC_STYLE_ITALIC) || sp->start == 0 || sp->len > 3)
		return;
	while (end < t->len && t->s[end] == ' ')
		end++;
	if (end != t->len || t->s[sp->start - 1] != ' ')
		return;
	for (size_t i = sp->start; i < sp->start + sp->len; i++)
		if (t->s[i] < 'a' || t->s[i] > 'z')
			return;
	parse_text_cut(t, sp->start - 1, t->len - (sp->start - 1));
}

static void finish_blocks(struct walker *w)
{
	size_t kept = 0;
	int prev_last = 0;

	for (size_t i = 0; i < w->n; i++) {
		struct parse_block *b = &w->blocks[i];
		size_t lk = 0;
		for (size_t j = 0; j < b->nlines; j++) {
			parse_text_squeeze(&b->lines[j].t);
			drop_stray_fragment(&b->lines[j].t);
			parse_text_squeeze(&b->lines[j].t);
			if (b->lines[j].t.len)
				b->lines[lk++] = b->lines[j];
			else
				parse_text_free(&b->lines[j].t);
		}
		b->nlines = lk;
		if (!lk) {
			free(b->lines);
			continue;
		}
		b->first_line = b->lines[0].line;
		b->blank_before = b->first_line - prev_last - 1;
		if (b->blank_before < 0)
			b->blank_before = 0;
		prev_last = b->last_line > b->first_line ? b->last_line : b->first_line;
		w->blocks[kept++] = *b;
	}
	w->n = kept;
}

int parse_md_blocks(const char *buf, size_t len, const size_t *line_starts, size_t nlines,
	       struct parse_block **out, size_t *nout)
{
	struct walker w = { .buf = buf, .len = len, .line_starts = line_starts,
			    .nlines = nlines, .last_line = 1 };
	MD_PARSER parser = {
		.abi_version = 0,
		.flags = MD_FLAG_NOINDENTEDCODEBLOCKS | MD_FLAG_NOHTMLBLOCKS |
			 MD_FLAG_TABLES,
		.enter_block = enter_block,
		.leave_block = leave_block,
		.enter_span = enter_span,
		.leave_span = leave_span,
		.text = text_cb,
	};
	int rc = md_parse(buf, (MD_SIZE)len, &parser, &w);

	if (rc != 0 || w.oom) {
		parse_md_free(w.blocks, w.n);
		return -1;
	}
	finish_blocks(&w);
	*out = w.blocks;
	*nout = w.n;
	return 0;
}

void parse_md_free(struct parse_block *blocks, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < blocks[i].nlines; j++)
			parse_text_free(&blocks[i].lines[j].t);
		free(blocks[i].lines);
	}
	free(blocks);
}
