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

/* Breaking one paragraph: the layout, the paragraph, and where it is
 * (l->brk, kept between calls). */
struct brk {
	struct text_layout *l;
	const struct text_para *p;
	struct text_brk *s;
};

/* A word longer than this many bytes is never measured whole: it is
 * measured a character at a time, only as far as the line reaches. */
#define PIECE_MAX 256
/* Bytes of one base character and its combining marks measured together;
 * a longer run of marks is cut (it is no text a reader could read). */
#define CLUSTER_MAX 32

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

	b->l->work.calls++;
	b->l->work.bytes += n;
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

	if (lim - pos > CLUSTER_MAX)
		lim = pos + CLUSTER_MAX;

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

	if (b->s->first) {
		x += b->p->first_indent;
		if (b->s->label_inline)
			x += b->s->label_w + b->s->label_gap;
	}
	return x;
}

static int line_room(const struct brk *b)
{
	return b->s->col_w - line_left(b);
}

/* The next run; the caller made room and fills every field. */
static struct text_run *new_run(struct text_layout *l)
{
	return &l->runs[l->nruns++];
}

/* A run of segments merged into one string: segs[k0, k1) from x. */
struct group {
	size_t k0, k1;
	int x, width;
};

/* Ends a group as runs. One run when its text, measured as the one string
 * the renderer draws, ends inside the column; its pieces were measured
 * apart, and a string is often a pixel or more wider than its pieces
 * added up (each width is rounded), so a full line could be drawn past
 * the margin. Otherwise one run per segment, each exactly as measured. */
static void flush_group(struct brk *b, const struct group *g)
{
	struct text_layout *l = b->l;
	const struct text_seg *s = l->segs;
	int x = g->x;

	if (g->k1 == g->k0)
		return;
	if (g->k1 - g->k0 > 1) {
		uint32_t len = s[g->k1 - 1].start + s[g->k1 - 1].len - s[g->k0].start;
		int w = measure_bytes(b, s[g->k0].style, s[g->k0].start, len);
		if (g->x + w <= b->s->col_x + b->s->col_w) {
			*new_run(l) = (struct text_run){
				.para = b->s->pi, .start = s[g->k0].start, .len = len,
				.style = s[g->k0].style, .font = b->p->font, .x = g->x,
				.width = w > g->width ? w : g->width,
			};
			return;
		}
	}
	for (size_t k = g->k0; k < g->k1; k++) {
		*new_run(l) = (struct text_run){
			.para = b->s->pi, .start = s[k].start, .len = s[k].len,
			.style = s[k].style, .font = b->p->font, .x = x, .width = s[k].width,
		};
		x += s[k].width;
	}
}

/* Runs for segs[0, nw): merged by style; with spread > 0 and gaps > 0,
 * every group of spaces between words widens by its share of spread. */
static void emit_runs(struct brk *b, size_t nw, int x, int spread, int gaps)
{
	struct text_layout *l = b->l;
	struct group g = { 0, 0, x, 0 };
	bool word_seen = false;
	int n = 0;

	for (size_t k = 0; k < nw; k++) {
		const struct text_seg *s = &l->segs[k];
		if (s->space && spread > 0 && gaps > 0) {
			flush_group(b, &g);
			x += s->width;
			if (word_seen && !l->segs[k - 1].space) {
				x += (int)((long long)spread * (n + 1) / gaps -
					   (long long)spread * n / gaps);
				n++;
			}
			g = (struct group){ k + 1, k + 1, x, 0 };
			continue;
		}
		word_seen |= !s->space;
		if (g.k1 > g.k0 && (l->segs[g.k1 - 1].style != s->style ||
				    l->segs[g.k1 - 1].start + l->segs[g.k1 - 1].len != s->start)) {
			flush_group(b, &g);
			g = (struct group){ k, k, x, 0 };
		}
		g.k1 = k + 1;
		g.width += s->width;
		x += s->width;
	}
	flush_group(b, &g);
}

/* Where the text of the line starts for its alignment, given segs[0, nw)
 * to draw; *spread and *gaps: what justify adds over how many spaces. */
static int line_x(const struct brk *b, size_t nw, bool stretch, int *spread, int *gaps)
{
	const struct text_seg *s = b->l->segs;
	int content = 0, x = b->s->col_x + line_left(b);

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
	struct text_brk *st = b->s;
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
		.y = st->text_y, .height = st->lh, .ascent = st->asc,
		.first_run = l->nruns, .para = st->pi,
	};
	if (st->first && st->has_label)
		*new_run(l) = (struct text_run){
			.para = st->pi, .len = (uint32_t)strlen(b->p->label),
			.style = b->p->label_style, .font = b->p->font, .x = st->label_x,
			.width = st->label_w, .label = true,
		};
	emit_runs(b, nw, x, spread, gaps);
	line->nruns = l->nruns - line->first_run;
	l->items[l->nitems++] = (struct text_item){
		.first_line = l->nlines, .nlines = 1, .height = st->lh,
		.chars = norm_width(b->p->text + st->line_start, end - st->line_start),
	};
	l->nlines++;
	st->text_y += st->lh;
	st->first = st->has_word = false;
	st->line_w = 0;
	st->line_start = (uint32_t)end;
	l->nsegs = 0;
	return 0;
}

/* Adds to the line as many clusters of the word [pos, wend) as fit in its
 * room, each its own segment measured alone (a few bytes: the work stays
 * bounded by the room however long the word); *took gets the bytes taken.
 * With force, at least one cluster is taken so every line makes progress,
 * except on a first line narrower than the next ones (a label or first
 * indent eats its room): that one may stay empty. A line never holds more
 * than TEXT_LINE_MAX bytes (zero-width characters fill no room). Returns 0
 * or -1 on allocation failure. */
static int fit_clusters(struct brk *b, size_t pos, size_t wend, bool force, size_t *took)
{
	struct text_brk *st = b->s;
	int room = line_room(b);
	bool may_skip = !force || (st->first && room < st->col_w - b->p->indent);
	size_t c = pos;

	while (c < wend) {
		size_t se;
		unsigned sty = style_at(b->p, c, &se);
		size_t lim = se < wend && se > c ? se : wend;
		size_t e = cluster_end(b->p->text, c, lim);
		if ((c > pos || may_skip) && e - st->line_start > TEXT_LINE_MAX)
			break;
		int w = measure_bytes(b, sty, c, e - c);
		if ((c > pos || may_skip) && st->line_w + w > room)
			break;
		if (push_seg(b, c, e, sty, w, false) < 0)
			return -1;
		st->line_w += w;
		st->has_word = true;
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

	struct text_brk *st = b->s;

	if (!p->label || !*p->label)
		return;
	st->has_label = true;
	st->label_w = m->width(m->ctx, p->font, p->label_style, p->label, strlen(p->label));
	st->label_gap = m->width(m->ctx, p->font, p->label_style, " ", 1);
	b->l->work.calls += 2;
	b->l->work.bytes += strlen(p->label) + 1;
	int start = p->indent + p->first_indent;
	st->label_inline = st->label_w + st->label_gap > start;
	st->label_x = st->col_x + (st->label_inline ? start : start - st->label_gap - st->label_w);
}

/* Places the word [s->pos, wend) (not empty). Returns 0 when it is on
 * the line (s->pos is wend), 1 when a line ended first and the placing
 * goes on from s->pos on a fresh line, -1 on allocation failure. A word
 * that does not fit a line holding words starts the next line; one wider
 * than a whole line is cut between clusters. */
static int add_word(struct brk *b, size_t wend)
{
	struct text_layout *l = b->l;
	struct text_brk *st = b->s;
	size_t pos = st->pos, mark = l->nsegs, took;
	int line_w = st->line_w, ww;

	if (wend - pos <= PIECE_MAX) {
		if (measure(b, pos, wend, false, &ww) < 0)
			return -1;
		if (st->line_w + ww <= line_room(b) && wend - st->line_start <= TEXT_LINE_MAX) {
			st->line_w += ww;
			st->has_word = true;
			st->pos = wend;
			return 0;
		}
		l->nsegs = mark;
	} else if (st->has_word) {
		/* Measured only as far as the rest of the line reaches. */
		if (fit_clusters(b, pos, wend, false, &took) < 0)
			return -1;
		if (pos + took == wend) {
			st->pos = wend;
			return 0;
		}
		l->nsegs = mark;
		st->line_w = line_w;
	}
	if (st->has_word)
		return emit_line(b, pos, true) < 0 ? -1 : 1;
	if (fit_clusters(b, pos, wend, true, &took) < 0)
		return -1;
	st->pos = pos + took;
	if (st->pos == wend)
		return 0;
	return emit_line(b, st->pos, true) < 0 ? -1 : 1;
}

/* Fills lines with the pieces of the text, greedily, until the text ends
 * or max_lines lines were made. Returns 1 when the text is placed (the
 * last line is not emitted yet), 0 when stopped at max_lines, -1. */
static int fill(struct brk *b, const char *brks, size_t max_lines)
{
	struct text_layout *l = b->l;
	struct text_brk *st = b->s;
	const char *t = b->p->text;
	size_t len = b->p->len, lines0 = l->nlines;

	while (st->pos < len) {
		if (l->nlines - lines0 >= max_lines && l->nsegs == 0)
			return 0;
		if (!(st->pstart <= st->pos && st->pos < st->pend)) {
			st->pstart = st->pos;
			st->pend = piece_end(brks, st->pos, len, &st->pforced);
			st->pwend = st->pend;
			while (st->pwend > st->pos && is_space((unsigned char)t[st->pwend - 1]))
				st->pwend--;
		}
		size_t end = st->pend, wend = st->pwend;
		if (st->pos < wend) {
			int rc = add_word(b, wend);
			if (rc < 0)
				return -1;
			if (rc > 0)
				continue; /* the rest of the piece, on a fresh line */
		} else if (!st->has_word) {
			/* Spaces that start a line (the paragraph's or after a
			 * forced break) are neither drawn nor given room:
			 * indents are first_indent's job. */
			st->pos = end;
			continue;
		}
		/* The trailing spaces; a long run of them is measured only in
		 * part (they are not drawn at a line's end, and in the middle
		 * of one they need not be wider than that part). */
		size_t se = end - wend > TEXT_SPACE_MAX ? wend + TEXT_SPACE_MAX : end;
		int sw;
		if (measure(b, wend, se, true, &sw) < 0)
			return -1;
		st->line_w += sw;
		st->pos = end;
		if (st->pforced && emit_line(b, end, false) < 0)
			return -1;
	}
	return 1;
}

int text_para_width(const struct text_layout *l, const struct text_para *p)
{
	return p->width > 0 ? p->width : l->page_w - p->x;
}

int text_break_para(struct text_layout *l, uint32_t pi, size_t max_lines)
{
	const struct text_para *p = &l->paras[pi];
	const struct text_metrics *m = l->m;
	struct brk b = { .l = l, .p = p, .s = &l->brk };
	size_t len = p->text ? p->len : 0;

	if (!l->brk.active || l->brk.pi != pi) {
		l->brk = (struct text_brk){
			.active = true, .pi = pi, .item0 = l->nitems, .col_x = p->x,
			.col_w = text_para_width(l, p), .lh = m->line_height(m->ctx, p->font),
			.asc = m->ascent(m->ctx, p->font), .first = true,
		};
		l->nsegs = 0;
		label_setup(&b);
		if (len > 0) {
			if (text_grow(&l->brks, &l->cap_brks, len, 1) < 0)
				return -1;
			set_linebreaks_utf8((const utf8_t *)p->text, len, "vi", l->brks);
		}
	}
	if (max_lines == 0)
		max_lines = 1;
	if (len > 0) {
		int rc = fill(&b, l->brks, max_lines);
		if (rc <= 0)
			return rc;
	}
	/* The last line; an empty paragraph still takes one (blank) line. */
	if (l->nsegs > 0 || l->nitems == l->brk.item0 || l->brk.line_start < len)
		if (emit_line(&b, len, false) < 0)
			return -1;
	l->brk.active = false;
	return 1;
}
