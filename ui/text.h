/* SPDX-License-Identifier: MIT */
/*
 * text: the pure layout engine. Paragraphs of styled UTF-8 (NFC) go in;
 * positioned runs on lines, grouped into pages, come out. Line breaking
 * follows UAX #14 (libunibreak); justified lines spread their spare width
 * over the spaces; a word wider than the column is broken between
 * characters so nothing overflows. A run's width is what its text
 * measures as one string (the renderer draws it so), never only the sum
 * of its measured pieces. Pages never cut a line and keep a
 * paragraph marked keep_with_next with the first line after it. Widths come
 * from the caller's metrics (real font metrics in the kiosk, fixed ones in
 * tests), so this module includes no SDL header. Layout proceeds page by
 * page on demand: the first page does not wait for the whole document.
 * The layout owns its lines, runs and pages; the caller keeps the
 * paragraphs (and their text) alive until text_layout_free().
 */
#ifndef BANGTIN_TEXT_H
#define BANGTIN_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "doc.h"

/* Font metrics supplied by the caller. font is the caller's index of a
 * face size (body, title, small, ...); style is enum doc_style bits. */
struct text_metrics {
	void *ctx;
	/* Advance width in pixels of n bytes of s. */
	int (*width)(void *ctx, int font, unsigned style, const char *s, size_t n);
	/* Distance from one baseline to the next, and the ascent, in pixels. */
	int (*line_height)(void *ctx, int font);
	int (*ascent)(void *ctx, int font);
};

enum text_align {
	TEXT_ALIGN_LEFT = 0,
	TEXT_ALIGN_CENTER,
	TEXT_ALIGN_RIGHT,
	TEXT_ALIGN_JUSTIFY, /* last line of the paragraph left-aligned */
};

struct text_para {
	const char *text;             /* NFC UTF-8, no newlines */
	size_t len;
	const struct doc_span *spans; /* style spans over text (may be NULL) */
	size_t nspans;
	unsigned style;               /* base style bits, OR'ed with the spans' */
	int font;
	enum text_align align;
	int x, width;                 /* column within the page; width 0 = the rest
					 of the page from x (the page width at x 0) */
	int indent;                   /* left indent of every line, px */
	int first_indent;             /* extra indent of the first line, px (may be < 0) */
	const char *label;            /* drawn in the indent of the first line ("1.") or NULL:
					 hanging, ending one space (in label_style) before
					 the text, when indent + first_indent has room for
					 it; otherwise at the line's start, the text one
					 space after it */
	unsigned label_style;
	int space_before, space_after;/* px; the gap between two paragraphs is the
					 first's space_after plus the second's
					 space_before, all dropped at the top of a page */
	bool keep_with_next;          /* never the last thing on a page */
	int group;                    /* consecutive paragraphs with the same non-zero
					 group sit side by side (by x) as one unbreakable
					 block: the two columns of a paper header.
					 Paragraphs with the same x form a column; a
					 column's first paragraph starts at the block's
					 top. The block keeps with the next paragraph, or
					 starts a page, when any of its paragraphs does.
					 A block taller than a page is cut between lines
					 (by their top) rather than never placed */
	bool page_break_before;       /* start a new page */
};

/* A piece of one line in one style: the renderer draws text[start, start+len)
 * of paragraph para at (x, line y + line ascent - font ascent). */
struct text_run {
	uint32_t para;
	uint32_t start, len;
	unsigned style;
	int font;
	int x;             /* from the page's left edge */
	int width;
	bool label;        /* the run is the paragraph's label, not its text:
			      start and len index the label string */
};

struct text_line {
	int y;             /* top of the line, from the page's top edge */
	int height, ascent;
	size_t first_run, nruns;
	uint32_t para;
};

/* A page's lines are lines[first_line, first_line + nlines), in document
 * order (inside a group: by top, ties in paragraph order). An empty
 * paragraph is one blank line without runs. Zero paragraphs give zero
 * pages. */
struct text_page {
	size_t first_line, nlines;
	size_t chars;      /* characters of text on the page (for dwell time): code
			      points of the lines' text, spaces included, labels
			      not; the pages' sum is the text's total */
};

struct text_layout;

/*
 * Prepares the layout of n paragraphs on pages of page_width x page_height
 * pixels. Nothing is laid out yet. Returns NULL on allocation failure or
 * when a size is not positive. The paragraphs and metrics are not copied.
 */
struct text_layout *text_layout_new(const struct text_para *paras, size_t n,
				    const struct text_metrics *m, int page_width,
				    int page_height);

/* Lays out until page index page is complete (or the text ends); pass
 * SIZE_MAX for everything. Only the lines needed are made, a long
 * paragraph a few lines at a time (a keep_with_next chain looks ahead as
 * far as it reaches; a side-by-side group is broken whole). Returns 0, or
 * -1 on allocation failure: the pages so far stay valid and a later call
 * retries. Once done it returns at once without allocating. */
int text_layout_run(struct text_layout *l, size_t page);

/* Lays out more, a slice at a time, so a caller with a loop to run can
 * finish a long document between its events: stops at the first line
 * boundary after about `bytes` bytes of text were measured in this call, or
 * when everything is laid out. Returns 1 when done, 0 when more remains,
 * -1 on allocation failure (as text_layout_run). */
int text_layout_step(struct text_layout *l, size_t bytes);

/* The work of one page is bounded: a word wider than the column is cut
 * and measured a character at a time only as far as the line reaches,
 * trailing white space is measured up to TEXT_SPACE_MAX bytes and a line
 * holds at most TEXT_LINE_MAX bytes, so however large a paragraph, a page
 * costs about what its lines hold. */
#define TEXT_SPACE_MAX 64
#define TEXT_LINE_MAX 4096

/* True when every paragraph is laid out (the page count is final). */
bool text_layout_done(const struct text_layout *l);

/* Pages laid out so far (all pages once done). */
size_t text_layout_npages(const struct text_layout *l);

/* Accessors into the layout; pointers stay valid until the next
 * text_layout_run() or text_layout_free(). */
const struct text_page *text_layout_page(const struct text_layout *l, size_t i);
const struct text_line *text_layout_lines(const struct text_layout *l);
const struct text_run *text_layout_runs(const struct text_layout *l);
const struct text_para *text_layout_paras(const struct text_layout *l);

void text_layout_free(struct text_layout *l);

#endif
