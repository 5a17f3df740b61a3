/* SPDX-License-Identifier: MIT */
/*
 * text_break: greedy line filling of one paragraph. The text is cut at the
 * UAX #14 break opportunities libunibreak finds; each piece between two
 * opportunities is a word and its trailing spaces, measured per style span.
 * Pieces are added to the line while the word fits; a word wider than a
 * whole line is cut between characters (a base and its combining marks
 * stay together). A finished line becomes aligned runs.
 */
#include <limits.h>
#include <string.h>

#include <linebreak.h>
#include <utf8proc.h>

#include "norm.h"
#include "text_int.h"

/* The state of breaking one paragraph. */
struct brk {
	struct text_layout *l;
	const struct text_para *p;
	uint32_t pi;
	int col_x, col_w;
	int lh, asc;
	bool first;          /* the line being filled is the paragraph's first */
	bool has_word;       /* the line holds a non-space segment */
	int line_w;          /* width of the line's segments, trailing spaces included */
	uint32_t line_start; /* byte where the line being filled starts */
	bool has_label;
	int label_w, label_gap, label_x;
	bool label_inline;   /* the label takes room on the first line */
	int text_y;          /* y of the next line, from the paragraph's top */
};

static bool is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Style at byte pos and the end of the stretch of text sharing it. Spans are
 * sorted and disjoint (doc.h); binary search, no state. */
static unsigned style_at(const struct text_para *p, size_t pos, size_t *end)
{
	size_t lo = 0, hi = p->nspans;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if ((size_t)p->spans[mid].start + p->spans[mid].len <= pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	*end = p->len;
	if (lo < p->nspans) {
		const struct doc_span *s = &p->spans[lo];
		if (s->start <= pos) {
			size_t e = (size_t)s->start + s->len;
			*end = e < p->len ? e : p->len;
			return p->style | s->style;
		}
		*end = s->start < p->len ? s->start : p->len;
	}
	return p->style;
}

static int measure_bytes(const struct brk *b, unsigned style, size_t a, size_t n)
{
	const struct text_metrics *m = b->l->m;

	return m->width(m->ctx, b->p->font, style, b->p->text + a, n);
}

static int push_seg(struct brk *b, size_t a, size_t z, unsigned style, int w, bool space)
{
	struct text_layout *l = b->l;

	if (text_grow(&l->segs, &l->cap_segs, l->nsegs + 1, sizeof *l->segs) < 0)
		return -1;
	l->segs[l->nsegs++] = (struct text_seg){
		.start = (uint32_t)a, .len = (uint32_t)(z - a), .style = style,
		.width = w, .space = space,
	};
	return 0;
}

/* Appends segments for bytes [a, z), one per style; *w gets their width. */
static int measure(struct brk *b, size_t a, size_t z, bool space, int *w)
{
	*w = 0;
	while (a < z) {
		size_t se;
		unsigned st = style_at(b->p, a, &se);
		size_t e = se < z && se > a ? se : z;
		int sw = measure_bytes(b, st, a, e - a);
		if (push_seg(b, a, e, st, sw, space) < 0)
			return -1;
		*w += sw;
		a = e;
	}
	return 0;
}

/* End of the character cluster starting at pos, no further than lim: one
 * code point (one byte if the UTF-8 is broken) and its combining marks. */
static size_t cluster_end(const char *s, size_t pos, size_t lim)
{
	const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)s;
	utf8proc_int32_t cp;
	utf8proc_ssize_t n = utf8proc_iterate(u + pos, (utf8proc_ssize_t)(lim - pos), &cp);

	pos += n > 0 ? (size_t)n : 1;
	while (pos < lim) {
		n = utf8proc_iterate(u + pos, (utf8proc_ssize_t)(lim - pos), &cp);
		if (n <= 0)
			break;
		utf8proc_category_t c = utf8proc_category(cp);
		if (c != UTF8PROC_CATEGORY_MN && c != UTF8PROC_CATEGORY_MC &&
		    c != UTF8PROC_CATEGORY_ME && cp != 0x200D)
			break;
		pos += (size_t)n;
	}
	return pos;
}

/* Left offset of the line being filled within the column, and its room. */
static int line_left(const struct brk *b)
{
	int x = b->p->indent;

	if (b->first) {
		x += b->p->first_indent;
		if (b->label_inline)
			x += b->label_w + b->label_gap;
	}
	return x;
}

static int line_room(const struct brk *b)
{
	return b->col_w - line_left(b);
}

/* The next run; the caller made room and fills every field. */
static struct text_run *new_run(struct text_layout *l)
{
	return &l->runs[l->nruns++];
}

/* Runs for segs[0, nw): merged by style; with spread > 0 and gaps > 0,
 * every group of spaces between words widens by its share of spread. */
static void emit_runs(struct brk *b, size_t nw, int x, int spread, int gaps)
{
	struct text_layout *l = b->l;
	struct text_run *r = NULL;
	bool word_seen = false;
	int g = 0;

	for (size_t k = 0; k < nw; k++) {
		const struct text_seg *s = &l->segs[k];
		if (s->space && spread > 0 && gaps > 0) {
			x += s->width;
			if (word_seen && !l->segs[k - 1].space) {
				x += (int)((long long)spread * (g + 1) / gaps -
					   (long long)spread * g / gaps);
				g++;
			}
			r = NULL;
			continue;
		}
		word_seen |= !s->space;
		if (r && r->style == s->style && r->start + r->len == s->start) {
			r->len += s->len;
			r->width += s->width;
		} else {
			r = new_run(l);
			*r = (struct text_run){
				.para = b->pi, .start = s->start, .len = s->len, .style = s->style,
				.font = b->p->font, .x = x, .width = s->width,
			};
		}
		x += s->width;
	}
}

/* Where the text of the line starts for its alignment, given segs[0, nw)
 * to draw; *spread and *gaps: what justify adds over how many spaces. */
static int line_x(const struct brk *b, size_t nw, bool stretch, int *spread, int *gaps)
{
	const struct text_seg *s = b->l->segs;
	int content = 0, x = b->col_x + line_left(b);

	*spread = *gaps = 0;
	for (size_t k = 0; k < nw; k++) {
		content += s[k].width;
		if (s[k].space && k > 0 && !s[k - 1].space)
			(*gaps)++;
	}
	int spare = line_room(b) > content ? line_room(b) - content : 0;
	switch (b->p->align) {
	case TEXT_ALIGN_CENTER: return x + spare / 2;
	case TEXT_ALIGN_RIGHT: return x + spare;
	case TEXT_ALIGN_JUSTIFY: *spread = stretch ? spare : 0; return x;
	default: return x;
	}
}

/* Turns the segments of the line being filled into a line, its runs and
 * its item; the line's text ends at byte end. stretch: justify may spread
 * this line (not the paragraph's last, nor one before a forced break). */
static int emit_line(struct brk *b, size_t end, bool stretch)
{
	struct text_layout *l = b->l;
	size_t nw = l->nsegs;
	int spread, gaps;

	while (nw > 0 && l->segs[nw - 1].space)
		nw--;
	if (text_grow(&l->runs, &l->cap_runs, l->nruns + nw + 1, sizeof *l->runs) < 0 ||
	    text_grow(&l->lines, &l->cap_lines, l->nlines + 1, sizeof *l->lines) < 0 ||
	    text_grow(&l->items, &l->cap_items, l->nitems + 1, sizeof *l->items) < 0)
		return -1;
	int x = line_x(b, nw, stretch, &spread, &gaps);
	struct text_line *line = &l->lines[l->nlines];
	*line = (struct text_line){
		.y = b->text_y, .height = b->lh, .ascent = b->asc,
		.first_run = l->nruns, .para = b->pi,
	};
	if (b->first && b->has_label)
		*new_run(l) = (struct text_run){
			.para = b->pi, .len = (uint32_t)strlen(b->p->label),
			.style = b->p->label_style, .font = b->p->font, .x = b->label_x,
			.width = b->label_w, .label = true,
		};
	emit_runs(b, nw, x, spread, gaps);
	line->nruns = l->nruns - line->first_run;
	l->items[l->nitems++] = (struct text_item){
		.first_line = l->nlines, .nlines = 1, .height = b->lh,
		.chars = norm_width(b->p->text + b->line_start, end - b->line_start),
	};
	l->nlines++;
	b->text_y += b->lh;
	b->first = b->has_word = false;
	b->line_w = 0;
	b->line_start = (uint32_t)end;
	l->nsegs = 0;
	return 0;
}

/* Adds to the empty line as many clusters of the word [pos, wend) as fit
 * in its room; *took gets the bytes taken. At least one cluster is taken so
 * every line makes progress, except on a first line narrower than the next
 * ones (a label or first indent eats its room): that one may stay empty.
 * Returns 0 or -1 on allocation failure. */
static int fit_clusters(struct brk *b, size_t pos, size_t wend, size_t *took)
{
	struct text_layout *l = b->l;
	int room = line_room(b);
	bool may_skip = b->first && room < b->col_w - b->p->indent;
	size_t c = pos, mark = l->nsegs;

	while (c < wend) {
		size_t se;
		unsigned st = style_at(b->p, c, &se);
		size_t lim = se < wend && se > c ? se : wend;
		size_t e = cluster_end(b->p->text, c, lim);
		int w = measure_bytes(b, st, c, e - c);
		if ((c > pos || may_skip) && b->line_w + w > room)
			break;
		struct text_seg *last = l->nsegs > mark ? &l->segs[l->nsegs - 1] : NULL;
		if (last && last->style == st) {
			last->len += (uint32_t)(e - c);
			last->width += w;
		} else if (push_seg(b, c, e, st, w, false) < 0) {
			return -1;
		}
		b->line_w += w;
		b->has_word = true;
		c = e;
	}
	*took = c - pos;
	return 0;
}

/* The end of the piece starting at pos: just after the next byte after
 * which libunibreak allows or requires a break. *forced: required. */
static size_t piece_end(const char *brks, size_t pos, size_t len, bool *forced)
{
	for (size_t i = pos; i < len; i++) {
		if (brks[i] == LINEBREAK_MUSTBREAK || brks[i] == LINEBREAK_ALLOWBREAK) {
			*forced = brks[i] == LINEBREAK_MUSTBREAK && i + 1 < len;
			return i + 1;
		}
	}
	*forced = false;
	return len;
}

/* Places the label: hanging in the first line's indent, ending one space
 * before the text, when the indent has room for it; otherwise at the start
 * of the first line with the text one space after it. */
static void label_setup(struct brk *b)
{
	const struct text_para *p = b->p;
	const struct text_metrics *m = b->l->m;

	if (!p->label || !*p->label)
		return;
	b->has_label = true;
	b->label_w = m->width(m->ctx, p->font, p->label_style, p->label, strlen(p->label));
	b->label_gap = m->width(m->ctx, p->font, p->label_style, " ", 1);
	int start = p->indent + p->first_indent;
	b->label_inline = b->label_w + b->label_gap > start;
	b->label_x = b->col_x + (b->label_inline ? start : start - b->label_gap - b->label_w);
}

/* The word [*pos, wend) does not fit on the line. A line holding words
 * ends before it; an empty line takes as much of it as fits and ends
 * unless it took all. Returns 1 when a line ended (*pos is where the next
 * starts), 0 when the whole word is on the line, -1 on allocation failure. */
static int overflow(struct brk *b, size_t *pos, size_t wend)
{
	size_t took;

	if (!b->has_word) {
		if (fit_clusters(b, *pos, wend, &took) < 0)
			return -1;
		*pos += took;
		if (*pos == wend)
			return 0;
	}
	return emit_line(b, *pos, true) < 0 ? -1 : 1;
}

/* Fills lines with the pieces of the text, greedily. */
static int fill(struct brk *b, const char *brks)
{
	struct text_layout *l = b->l;
	const char *t = b->p->text;
	size_t len = b->p->len, pos = 0;

	while (pos < len) {
		bool forced;
		size_t end = piece_end(brks, pos, len, &forced), wend = end;
		while (wend > pos && is_space((unsigned char)t[wend - 1]))
			wend--;
		if (wend == pos && !b->has_word) {
			/* Spaces that start a line (the paragraph's or after a
			 * forced break) are neither drawn nor given room:
			 * indents are first_indent's job. */
			pos = end;
			continue;
		}
		size_t mark = l->nsegs;
		int ww, sw;
		if (measure(b, pos, wend, false, &ww) < 0)
			return -1;
		if (b->line_w + ww > line_room(b) && wend > pos) {
			l->nsegs = mark;
			int rc = overflow(b, &pos, wend);
			if (rc < 0)
				return -1;
			if (rc > 0)
				continue; /* the rest of the piece, on a fresh line */
			ww = 0;
		}
		if (measure(b, wend, end, true, &sw) < 0)
			return -1;
		b->line_w += ww + sw;
		b->has_word |= wend > pos;
		pos = end;
		if (forced && emit_line(b, pos, false) < 0)
			return -1;
	}
	return 0;
}

int text_para_width(const struct text_layout *l, const struct text_para *p)
{
	return p->width > 0 ? p->width : l->page_w - p->x;
}

int text_break_para(struct text_layout *l, uint32_t pi)
{
	const struct text_para *p = &l->paras[pi];
	const struct text_metrics *m = l->m;
	struct brk b = {
		.l = l, .p = p, .pi = pi, .col_x = p->x, .col_w = text_para_width(l, p),
		.lh = m->line_height(m->ctx, p->font), .asc = m->ascent(m->ctx, p->font),
		.first = true,
	};
	size_t len = p->text ? p->len : 0;
	size_t lines0 = l->nlines;

	l->nsegs = 0;
	label_setup(&b);
	if (len > 0) {
		if (text_grow(&l->brks, &l->cap_brks, len, 1) < 0)
			return -1;
		set_linebreaks_utf8((const utf8_t *)p->text, len, "vi", l->brks);
		if (fill(&b, l->brks) < 0)
			return -1;
	}
	/* The last line; an empty paragraph still takes one (blank) line. */
	if (l->nsegs > 0 || l->nlines == lines0 || b.line_start < len)
		return emit_line(&b, len, false);
	return 0;
}
