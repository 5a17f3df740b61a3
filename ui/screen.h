/* SPDX-License-Identifier: MIT */
/*
 * screen: helpers the screen_*.c files share for interface text that must
 * fit a box: cutting a line with an ellipsis, wrapping into a few lines,
 * and the measures between the header band and the footer. They draw with
 * the primitives of ui_int.h and allocate nothing. Internal to ui/.
 */
#ifndef BANGTIN_SCREEN_H
#define BANGTIN_SCREEN_H

#include "ui_int.h"

/* Longest line a helper copies (bytes); longer text is cut with "…". */
#define SCR_LINE_MAX 1024

/* Copies s into buf (size bytes), cut at a character boundary with "…"
 * appended when it is wider than maxw in the face. Returns buf. */
char *scr_fit(struct ui *ui, int font, unsigned style, const char *s, int maxw, char *buf,
	      size_t size);

/* Bytes of s that fit on one line of width maxw, broken after a space when
 * one is in reach, else between characters; at least one character when s
 * is not empty. *next receives the offset where the following line starts
 * (spaces skipped). */
size_t scr_break(struct ui *ui, int font, unsigned style, const char *s, int maxw, size_t *next);

/*
 * Draws s wrapped into at most maxlines lines of width w, each aligned as
 * ui_text() aligns (0 left at x, 1 centred on x + w / 2, 2 right at x + w);
 * the last line is cut with "…" when text remains. Returns the height used
 * (lines times the face's line height). With draw false it only measures.
 */
int scr_wrap(struct ui *ui, int font, unsigned style, struct ui_color c, const char *s, int x,
	     int y, int w, int maxlines, int align, bool draw);

/* The area between the header band and the footer. */
void scr_body(const struct ui *ui, int *y0, int *y1);

#endif
