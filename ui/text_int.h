/* SPDX-License-Identifier: MIT */
/*
 * text_int: what the two halves of the layout engine share. text.c owns the
 * layout object, the feeding of paragraphs and side-by-side groups, and
 * pagination; text_break.c breaks one paragraph into lines and runs.
 * Internal to ui/ (no SDL here either).
 */
#ifndef BANGTIN_TEXT_INT_H
#define BANGTIN_TEXT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "text.h"

/* One atomic unit of pagination: a line of a paragraph, or a whole
 * side-by-side group (or a page-high slice of one that is taller than a
 * page). Its lines are lines[first_line, first_line + nlines); their y is
 * relative to the item's top until the item is placed on a page. */
struct text_item {
	size_t first_line, nlines;
	size_t chars;     /* code points of paragraph text in the item */
	int height;
	int gap;          /* space above it, dropped at the top of a page */
	bool keep;        /* must share a page with the next item */
	bool page_break;  /* starts a new page */
};

/* A measured piece of the line being filled, in one style. */
struct text_seg {
	uint32_t start, len;
	unsigned style;
	int width;
	bool space;       /* trailing white space of a break piece: stretched
			     by justify, not drawn at the end of a line */
};

/* Calls of m->width and the bytes handed to them so far: the measure of
 * text_layout_step's budget. */
struct text_work {
	size_t calls, bytes;
};

/* The state of breaking one paragraph, kept in the layout between calls
 * so a long paragraph is broken a few lines at a time (text_break_para). */
struct text_brk {
	bool active;         /* a paragraph is partly broken */
	uint32_t pi;
	size_t item0;        /* its first item */
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
	size_t pos;          /* the next byte to place */
	/* The piece being placed (a word and its trailing spaces, between two
	 * break opportunities), valid while pstart <= pos < pend: kept so a
	 * word cut over many lines is not searched again for each. */
	size_t pstart, pend, pwend;
	bool pforced;        /* a mandatory break follows it */
};

/* A column of a side-by-side group: its left edge and how far it is filled. */
struct text_col {
	int x;
	int bottom;
	int after;        /* space_after of its last paragraph */
};

struct text_layout {
	const struct text_para *paras;
	size_t n;
	const struct text_metrics *m;
	int page_w, page_h;

	struct text_line *lines;
	size_t nlines, cap_lines;
	struct text_run *runs;
	size_t nruns, cap_runs;
	struct text_page *pages;
	size_t npages, cap_pages;
	struct text_item *items;
	size_t nitems, cap_items;

	size_t next_para;  /* first paragraph not broken into lines yet */
	size_t next_item;  /* first item not placed on a page yet */
	int prev_after;    /* space_after of the last paragraph broken */
	int cursor;        /* bottom of the last item on the last page */
	bool done;
	struct text_brk brk;
	struct text_work work;

	/* Scratch, reused from paragraph to paragraph. */
	char *brks;
	size_t cap_brks;
	struct text_seg *segs;
	size_t nsegs, cap_segs;
	struct text_col *cols;
	size_t cap_cols;
};

/* Grows the array *pp (a pointer to the array pointer) of elements of size
 * bytes so it holds at least need elements, doubling. Returns 0 or -1 on
 * allocation failure (the array is unchanged then). */
int text_grow(void *pp, size_t *cap, size_t need, size_t size);

/* Breaks paragraph pi into lines, appended to l->lines with their runs,
 * and appends one item per line (gap 0, no keep, no page break; the caller
 * sets those). Line y is relative to the paragraph's top. It stops after
 * max_lines lines (at least one) and goes on from there when called again
 * for the same pi (l->brk keeps where). Returns 1 when the paragraph is
 * done, 0 when more lines remain, -1 on allocation failure (the caller
 * rolls the arrays and l->brk back). */
int text_break_para(struct text_layout *l, uint32_t pi, size_t max_lines);

/* Width of a paragraph's column: width, or the rest of the page from x. */
int text_para_width(const struct text_layout *l, const struct text_para *p);

#endif
