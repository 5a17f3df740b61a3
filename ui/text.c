/* SPDX-License-Identifier: MIT */
/*
 * text: the layout object, the feeding of paragraphs (alone, or gathered in
 * side-by-side groups) into pagination items, and pagination itself, done
 * on demand one page at a time. Line breaking is in text_break.c.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <linebreak.h>

#include "text_int.h"

int text_grow(void *pp, size_t *cap, size_t need, size_t size)
{
	void *p, *q;
	size_t n = *cap ? *cap : 16;

	if (need <= *cap)
		return 0;
	while (n < need) {
		if (n > SIZE_MAX / 2 / size)
			return -1;
		n *= 2;
	}
	memcpy(&p, pp, sizeof p);
	q = realloc(p, n * size);
	if (!q)
		return -1;
	memcpy(pp, &q, sizeof q);
	*cap = n;
	return 0;
}

struct text_layout *text_layout_new(const struct text_para *paras, size_t n,
				    const struct text_metrics *m, int page_width,
				    int page_height)
{
	struct text_layout *l;

	if (!m || page_width <= 0 || page_height <= 0 || (n > 0 && !paras) ||
	    n > UINT32_MAX)
		return NULL;
	l = calloc(1, sizeof *l);
	if (!l)
		return NULL;
	/* Idempotent; libunibreak 1.1 keeps no state it changes afterwards. */
	init_linebreak();
	l->paras = paras;
	l->n = n;
	l->m = m;
	l->page_w = page_width;
	l->page_h = page_height;
	return l;
}

void text_layout_free(struct text_layout *l)
{
	if (!l)
		return;
	free(l->lines);
	free(l->runs);
	free(l->pages);
	free(l->items);
	free(l->brks);
	free(l->segs);
	free(l->cols);
	free(l);
}

/* Lines of a paragraph broken per feed: a long paragraph is laid out as
 * far as the page being made needs, not to its end. */
#define FEED_LINES 4

/* Breaks the next lines of a paragraph that stands alone (one item per
 * line): its first lines get its gap and page break, its last its keep. */
static int feed_para(struct text_layout *l, size_t pi, bool *done)
{
	const struct text_para *p = &l->paras[pi];
	bool start = !l->brk.active;
	size_t first = l->nitems;
	int rc = text_break_para(l, (uint32_t)pi, FEED_LINES);

	if (rc < 0)
		return -1;
	for (size_t i = first; i < l->nitems; i++)
		l->lines[l->items[i].first_line].y = 0;
	if (start && l->nitems > first) {
		l->items[first].gap = l->prev_after + p->space_before;
		l->items[first].page_break = p->page_break_before;
	}
	*done = rc > 0;
	if (*done) {
		l->items[l->nitems - 1].keep = p->keep_with_next;
		l->prev_after = p->space_after;
	}
	return 0;
}

/* The column of a group at x, added when new. NULL on allocation failure. */
static struct text_col *group_col(struct text_layout *l, size_t *ncols, int x)
{
	for (size_t i = 0; i < *ncols; i++)
		if (l->cols[i].x == x)
			return &l->cols[i];
	if (text_grow(&l->cols, &l->cap_cols, *ncols + 1, sizeof *l->cols) < 0)
		return NULL;
	l->cols[*ncols] = (struct text_col){ .x = x, .bottom = -1 };
	return &l->cols[(*ncols)++];
}

/* Sorts the block's lines (and their per-line items, which sit at the
 * same offsets) by y, so a block taller than a page can be cut in slices. */
static void sort_block(struct text_layout *l, size_t line0, size_t item0, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		struct text_line ln = l->lines[line0 + i];
		struct text_item it = l->items[item0 + i];
		size_t j = i;
		for (; j > 0 && l->lines[line0 + j - 1].y > ln.y; j--) {
			l->lines[line0 + j] = l->lines[line0 + j - 1];
			l->items[item0 + j] = l->items[item0 + j - 1];
		}
		l->lines[line0 + j] = ln;
		l->items[item0 + j] = it;
	}
}

/* Replaces the per-line items of a block by items of at most a page each:
 * one item for a block that fits on a page (the usual case), else slices
 * cut between lines (sorted by top; a slice ends before the first line
 * that would cross the page height). */
static void slice_block(struct text_layout *l, size_t line0, size_t item0, size_t n)
{
	size_t out = item0, s = 0;

	while (s < n) {
		int top = l->lines[line0 + s].y, bottom = top;
		struct text_item it = { .first_line = line0 + s };
		size_t e = s;
		for (; e < n; e++) {
			const struct text_line *ln = &l->lines[line0 + e];
			if (e > s && ln->y + ln->height - top > l->page_h)
				break;
			if (ln->y + ln->height > bottom)
				bottom = ln->y + ln->height;
			it.chars += l->items[item0 + e].chars;
		}
		for (size_t k = s; k < e; k++)
			l->lines[line0 + k].y -= top;
		it.nlines = e - s;
		it.height = bottom - top;
		l->items[out++] = it;
		s = e;
	}
	l->nitems = out;
}

/* Breaks the paragraphs [pi, pe) of one group: each column (paragraphs
 * sharing an x) stacks its own; the block is as tall as its tallest column
 * and is one item. It keeps with the next item when any of its paragraphs
 * does; it starts a page when any of them asks. */
static int feed_group(struct text_layout *l, size_t pi, size_t pe)
{
	size_t line0 = l->nlines, item0 = l->nitems, ncols = 0;
	bool keep = false, brk = false;
	int after = 0;

	for (size_t i = pi; i < pe; i++) {
		const struct text_para *p = &l->paras[i];
		struct text_col *c = group_col(l, &ncols, p->x);
		size_t first = l->nlines;
		/* A header block is a few short lines: broken whole. */
		if (!c || text_break_para(l, (uint32_t)i, SIZE_MAX) < 0)
			return -1;
		int top = c->bottom < 0 ? 0 : c->bottom + c->after + p->space_before;
		for (size_t k = first; k < l->nlines; k++) {
			l->lines[k].y += top;
			if (l->lines[k].y + l->lines[k].height > c->bottom)
				c->bottom = l->lines[k].y + l->lines[k].height;
		}
		c->after = p->space_after;
		keep |= p->keep_with_next;
		brk |= p->page_break_before;
		after = p->space_after;
	}
	sort_block(l, line0, item0, l->nlines - line0);
	slice_block(l, line0, item0, l->nlines - line0);
	l->items[item0].gap = l->prev_after + l->paras[pi].space_before;
	l->items[item0].page_break = brk;
	l->items[l->nitems - 1].keep = keep;
	l->prev_after = after;
	return 0;
}

/* Breaks the next paragraph (its next lines), or the next group, into
 * items. On allocation failure the arrays and the breaking state are
 * rolled back so a later call can retry. */
static int feed(struct text_layout *l)
{
	size_t pi = l->next_para, pe = pi + 1;
	size_t nlines = l->nlines, nruns = l->nruns, nitems = l->nitems;
	int prev_after = l->prev_after, rc;
	struct text_brk brk = l->brk;
	bool done = true;

	if (l->paras[pi].group != 0) {
		while (pe < l->n && l->paras[pe].group == l->paras[pi].group)
			pe++;
		rc = feed_group(l, pi, pe);
	} else {
		rc = feed_para(l, pi, &done);
	}
	if (rc < 0) {
		l->nlines = nlines;
		l->nruns = nruns;
		l->nitems = nitems;
		l->prev_after = prev_after;
		l->brk = brk;
		l->nsegs = 0;
		return -1;
	}
	if (done)
		l->next_para = pe;
	return 0;
}

/* Makes item i available. Returns 1, 0 when the text ends before it, or
 * -1 on allocation failure. */
static int have_item(struct text_layout *l, size_t i)
{
	while (l->nitems <= i) {
		if (l->next_para >= l->n)
			return 0;
		if (feed(l) < 0)
			return -1;
	}
	return 1;
}

/* True when item i, a keep item, should go to a fresh page: the chain of
 * items it is kept with (up to the first one that does not keep, or one
 * that starts a page) does not fit below the cursor but fits on an empty
 * page. A chain taller than a page is not kept (it would never fit):
 * its links are dropped and the pages are filled. */
static int keep_moves(struct text_layout *l, size_t i, int *moves)
{
	int h = l->items[i].gap + l->items[i].height, first_gap = l->items[i].gap;

	*moves = 0;
	for (size_t k = i; l->items[k].keep; k++) {
		int rc = have_item(l, k + 1);
		if (rc < 0)
			return -1;
		if (rc == 0 || l->items[k + 1].page_break)
			break;
		h += l->items[k + 1].gap + l->items[k + 1].height;
		if (h - first_gap > l->page_h) {
			/* Given up for the links seen, so the items after this
			 * one do not move a shorter tail of the same chain. */
			for (size_t m = i; m <= k; m++)
				l->items[m].keep = false;
			return 0;
		}
	}
	*moves = l->cursor + h > l->page_h;
	return 0;
}

static int new_page(struct text_layout *l)
{
	if (text_grow(&l->pages, &l->cap_pages, l->npages + 1, sizeof *l->pages) < 0)
		return -1;
	l->pages[l->npages++] = (struct text_page){ .first_line = l->next_item < l->nitems ?
		l->items[l->next_item].first_line : l->nlines };
	l->cursor = 0;
	return 0;
}

/* Whether the next item starts a new page. Returns 0/1, -1 on failure. */
static int needs_page(struct text_layout *l)
{
	const struct text_item *it = &l->items[l->next_item];
	int moves = 0;

	if (l->npages == 0)
		return 1;
	if (l->pages[l->npages - 1].nlines == 0)
		return 0;
	if (it->page_break || l->cursor + it->gap + it->height > l->page_h)
		return 1;
	if (it->keep && keep_moves(l, l->next_item, &moves) < 0)
		return -1;
	return moves;
}

static void place(struct text_layout *l)
{
	const struct text_item *it = &l->items[l->next_item];
	struct text_page *pg = &l->pages[l->npages - 1];
	int top = pg->nlines == 0 ? 0 : l->cursor + it->gap;

	for (size_t k = 0; k < it->nlines; k++)
		l->lines[it->first_line + k].y += top;
	pg->nlines += it->nlines;
	pg->chars += it->chars;
	l->cursor = top + it->height;
	l->next_item++;
}

/* Lays out until page is complete, or until work.bytes reaches limit (at
 * an item's boundary), or the text ends. */
static int layout_until(struct text_layout *l, size_t page, size_t limit)
{
	while (!l->done) {
		if (l->npages > 0 && l->npages - 1 > page)
			return 0;
		if (l->work.bytes >= limit)
			return 0;
		int rc = have_item(l, l->next_item);
		if (rc < 0)
			return -1;
		if (rc == 0) {
			l->done = true;
			break;
		}
		rc = needs_page(l);
		if (rc < 0)
			return -1;
		if (rc) {
			if (l->npages > 0 && l->npages - 1 >= page)
				return 0; /* page is complete; the item waits */
			if (new_page(l) < 0)
				return -1;
		}
		place(l);
	}
	return 0;
}

int text_layout_run(struct text_layout *l, size_t page)
{
	return layout_until(l, page, SIZE_MAX);
}

int text_layout_step(struct text_layout *l, size_t bytes)
{
	size_t limit = l->work.bytes + bytes;

	if (layout_until(l, SIZE_MAX, limit < l->work.bytes ? SIZE_MAX : limit) < 0)
		return -1;
	return l->done ? 1 : 0;
}

bool text_layout_done(const struct text_layout *l)
{
	return l->done;
}

size_t text_layout_npages(const struct text_layout *l)
{
	return l->npages;
}

const struct text_page *text_layout_page(const struct text_layout *l, size_t i)
{
	return i < l->npages ? &l->pages[i] : NULL;
}

const struct text_line *text_layout_lines(const struct text_layout *l)
{
	return l->lines;
}

const struct text_run *text_layout_runs(const struct text_layout *l)
{
	return l->runs;
}

const struct text_para *text_layout_paras(const struct text_layout *l)
{
	return l->paras;
}
