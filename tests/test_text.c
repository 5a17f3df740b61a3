/* SPDX-License-Identifier: MIT */
/*
 * text: the layout engine with fixed metrics (every code point 10 px wide,
 * 12 px in bold; font 0 lines 20 px high with ascent 15, font 1 lines 30 px
 * with ascent 22), so every position is exact: line breaking, alignment,
 * styles, labels, overlong words, groups, pagination and on-demand layout.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

/* The fake font: counts its width calls so tests can see how much of the
 * text was measured. */
struct fake {
	long calls;
	size_t bytes;   /* handed to width(): what a real font would shape */
};

static size_t cps(const char *s, size_t n)
{
	size_t c = 0;

	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

static int fake_width(void *ctx, int font, unsigned style, const char *s, size_t n)
{
	(void)font;
	((struct fake *)ctx)->calls++;
	((struct fake *)ctx)->bytes += n;
	return (int)cps(s, n) * ((style & DOC_STYLE_BOLD) ? 12 : 10);
}

static int fake_height(void *ctx, int font)
{
	(void)ctx;
	return font == 1 ? 30 : 20;
}

static int fake_ascent(void *ctx, int font)
{
	(void)ctx;
	return font == 1 ? 22 : 15;
}

static struct fake fk;
static const struct text_metrics M = { &fk, fake_width, fake_height, fake_ascent };

static struct text_para para(const char *text, int width)
{
	return (struct text_para){ .text = text, .len = strlen(text), .width = width };
}

/* Lays out everything; fails the test on error. */
static struct text_layout *lay(const struct text_para *p, size_t n, int w, int h)
{
	struct text_layout *l = text_layout_new(p, n, &M, w, h);

	assert_non_null(l);
	assert_int_equal(text_layout_run(l, SIZE_MAX), 0);
	assert_true(text_layout_done(l));
	return l;
}

/* The text of line i: its non-label runs joined, into a static buffer. */
static const char *line_text(const struct text_layout *l, size_t i)
{
	static char buf[2048];
	const struct text_line *ln = &text_layout_lines(l)[i];
	const struct text_run *r = text_layout_runs(l);
	const struct text_para *p = text_layout_paras(l);
	size_t n = 0;

	for (size_t k = ln->first_run; k < ln->first_run + ln->nruns; k++) {
		if (r[k].label)
			continue;
		if (n > 0 && r[k].x > r[k - 1].x + r[k - 1].width)
			buf[n++] = ' ';
		memcpy(buf + n, p[r[k].para].text + r[k].start, r[k].len);
		n += r[k].len;
	}
	buf[n] = '\0';
	return buf;
}

static size_t total_lines(const struct text_layout *l)
{
	size_t n = 0;

	for (size_t i = 0; i < text_layout_npages(l); i++)
		n += text_layout_page(l, i)->nlines;
	return n;
}

/* Every run of every line lies within [x0, x1). */
static void assert_runs_within(const struct text_layout *l, int x0, int x1)
{
	const struct text_run *r = text_layout_runs(l);
	const struct text_line *ln = text_layout_lines(l);

	for (size_t i = 0; i < total_lines(l); i++)
		for (size_t k = ln[i].first_run; k < ln[i].first_run + ln[i].nruns; k++) {
			assert_true(r[k].x >= x0);
			assert_true(r[k].x + r[k].width <= x1);
		}
}

static void test_greedy_lines(void **state)
{
	(void)state;
	struct text_para p = para("the quick brown fox jumps over the lazy dog", 100);
	struct text_layout *l = lay(&p, 1, 400, 400);
	static const char *const want[] = { "the quick", "brown fox", "jumps over", "the lazy",
					    "dog" };

	assert_int_equal(text_layout_npages(l), 1);
	assert_int_equal(text_layout_page(l, 0)->nlines, 5);
	for (size_t i = 0; i < 5; i++) {
		const struct text_line *ln = &text_layout_lines(l)[i];
		const struct text_run *r = &text_layout_runs(l)[ln->first_run];
		assert_string_equal(line_text(l, i), want[i]);
		assert_int_equal(ln->nruns, 1);
		assert_int_equal(ln->y, (int)i * 20);
		assert_int_equal(ln->height, 20);
		assert_int_equal(ln->ascent, 15);
		assert_int_equal(r->x, 0);
		/* Trailing spaces are neither drawn nor counted. */
		assert_int_equal(r->width, (int)strlen(want[i]) * 10);
	}
	assert_int_equal(text_layout_page(l, 0)->chars, strlen(p.text));
	text_layout_free(l);
}

static void test_vietnamese_chars(void **state)
{
	(void)state;
	/* 4 + 1 + 5 + 1 + 3 + 1 + 4 + 1 + 2 code points; ị ế ủ Đ ả are 2-3 bytes. */
	struct text_para p = para("Nghị quyết của Đảng ủy", 100);
	struct text_layout *l = lay(&p, 1, 400, 400);
	const struct text_run *r = text_layout_runs(l);
	const struct text_line *ln = text_layout_lines(l);

	assert_int_equal(text_layout_page(l, 0)->nlines, 3);
	assert_string_equal(line_text(l, 0), "Nghị quyết");
	assert_int_equal(r[ln[0].first_run].width, 100);
	assert_int_equal(r[ln[0].first_run].len, strlen("Nghị quyết"));
	assert_string_equal(line_text(l, 1), "của Đảng");
	assert_int_equal(r[ln[1].first_run].width, 80);
	assert_string_equal(line_text(l, 2), "ủy");
	assert_int_equal(r[ln[2].first_run].width, 20);
	assert_int_equal(text_layout_page(l, 0)->chars, 22);
	text_layout_free(l);
}

static void test_justify(void **state)
{
	(void)state;
	struct text_para p = para("aa bb cc dd ee ff gg", 100);
	p.x = 50;
	p.align = TEXT_ALIGN_JUSTIFY;
	struct text_layout *l = lay(&p, 1, 400, 400);
	const struct text_line *ln = text_layout_lines(l);
	const struct text_run *r = text_layout_runs(l);

	assert_int_equal(text_layout_page(l, 0)->nlines, 3);
	/* "aa bb cc": 80 px, 20 spare over two spaces: one run per word. */
	assert_int_equal(ln[0].nruns, 3);
	const struct text_run *w = &r[ln[0].first_run];
	assert_int_equal(w[0].x, 50);
	assert_int_equal(w[1].x, 90);
	assert_int_equal(w[2].x, 130);
	assert_int_equal(w[2].x + w[2].width, 150);
	assert_int_equal(w[1].len, 2);
	/* "dd ee ff": the same, ending at the column's right edge. */
	w = &r[ln[1].first_run];
	assert_int_equal(ln[1].nruns, 3);
	assert_int_equal(w[2].x + w[2].width, 150);
	/* The last line stays left-aligned. */
	assert_int_equal(ln[2].nruns, 1);
	assert_int_equal(r[ln[2].first_run].x, 50);
	assert_int_equal(r[ln[2].first_run].width, 20);
	text_layout_free(l);
}

static void test_justify_no_space_stays_left(void **state)
{
	(void)state;
	/* Break opportunities after the hyphens only: no space to stretch. */
	struct text_para p = para("aaa-bbb-ccc-ddd", 90);
	p.align = TEXT_ALIGN_JUSTIFY;
	struct text_layout *l = lay(&p, 1, 400, 400);
	const struct text_line *ln = text_layout_lines(l);
	const struct text_run *r = text_layout_runs(l);

	assert_int_equal(text_layout_page(l, 0)->nlines, 2);
	assert_string_equal(line_text(l, 0), "aaa-bbb-");
	assert_int_equal(r[ln[0].first_run].x, 0);
	assert_int_equal(r[ln[0].first_run].width, 80);
	text_layout_free(l);
}

static void test_center_right(void **state)
{
	(void)state;
	struct text_para p[2] = { para("abc", 100), para("abc de", 100) };
	p[0].align = TEXT_ALIGN_CENTER;
	p[1].align = TEXT_ALIGN_RIGHT;
	p[1].x = 20;
	struct text_layout *l = lay(p, 2, 400, 400);
	const struct text_line *ln = text_layout_lines(l);
	const struct text_run *r = text_layout_runs(l);

	assert_int_equal(r[ln[0].first_run].x, 35);
	assert_int_equal(r[ln[0].first_run].width, 30);
	assert_int_equal(r[ln[1].first_run].x, 20 + 40);
	assert_int_equal(r[ln[1].first_run].width, 60);
	text_layout_free(l);
}

static void test_spans_make_runs(void **state)
{
	(void)state;
	static const struct doc_span sp[] = { { 6, 4, DOC_STYLE_BOLD }, { 11, 5, DOC_STYLE_ITALIC } };
	struct text_para p = para("plain bold plain", 0);
	p.spans = sp;
	p.nspans = 2;
	struct text_layout *l = lay(&p, 1, 400, 400);
	const struct text_line *ln = text_layout_lines(l);
	const struct text_run *r = &text_layout_runs(l)[ln[0].first_run];

	assert_int_equal(ln[0].nruns, 4);
	assert_int_equal(r[0].style, 0);
	assert_int_equal(r[0].start, 0);
	assert_int_equal(r[0].len, 6);
	assert_int_equal(r[0].width, 60);
	assert_int_equal(r[1].style, DOC_STYLE_BOLD);
	assert_int_equal(r[1].x, 60);
	assert_int_equal(r[1].width, 48);
	assert_int_equal(r[2].style, 0);
	assert_int_equal(r[2].x, 108);
	assert_int_equal(r[2].len, 1);
	assert_int_equal(r[3].style, DOC_STYLE_ITALIC);
	assert_int_equal(r[3].x, 118);
	assert_int_equal(r[3].width, 50);
	text_layout_free(l);
}

static void test_base_style_bold_wraps_by_bold_width(void **state)
{
	(void)state;
	/* 12 px per code point: "abcd efgh" is 108 px, over 100. */
	struct text_para p = para("abcd efgh", 100);
	p.style = DOC_STYLE_BOLD;
	struct text_layout *l = lay(&p, 1, 400, 400);

	assert_int_equal(text_layout_page(l, 0)->nlines, 2);
	assert_int_equal(text_layout_runs(l)[0].style, DOC_STYLE_BOLD);
	assert_int_equal(text_layout_runs(l)[0].width, 48);
	text_layout_free(l);
}

static void test_labels(void **state)
{
	(void)state;
	struct text_para p[2] = { para("one two three", 140), para("four five six", 140) };
	/* Hanging: the indent has room, the label ends a space before the text. */
	p[0].indent = 40;
	p[0].label = "1.";
	p[0].label_style = DOC_STYLE_BOLD;
	/* Inline: no indent, the text follows the label after a space. */
	p[1].label = "a)";
	struct text_layout *l = lay(p, 2, 400, 400);
	const struct text_line *ln = text_layout_lines(l);
	const struct text_run *r = text_layout_runs(l);

	/* Paragraph 0: label 24 px bold, gap 12: ends at 40 - 12. */
	const struct text_run *a = &r[ln[0].first_run];
	assert_true(a[0].label);
	assert_int_equal(a[0].style, DOC_STYLE_BOLD);
	assert_int_equal(a[0].x, 40 - 12 - 24);
	assert_int_equal(a[0].width, 24);
	assert_int_equal(a[0].len, 2);
	assert_false(a[1].label);
	assert_int_equal(a[1].x, 40);
	assert_string_equal(line_text(l, 0), "one two");
	assert_string_equal(line_text(l, 1), "three");
	assert_int_equal(ln[1].nruns, 1);
	assert_int_equal(r[ln[1].first_run].x, 40);
	/* Paragraph 1: "a) " then "four five" fits in 140 - 30. */
	const struct text_run *b = &r[ln[2].first_run];
	assert_true(b[0].label);
	assert_int_equal(b[0].x, 0);
	assert_int_equal(b[1].x, 30);
	assert_string_equal(line_text(l, 2), "four five");
	assert_int_equal(r[ln[3].first_run].x, 0);
	/* Labels are not counted as text. */
	assert_int_equal(text_layout_page(l, 0)->chars, 26);
	text_layout_free(l);
}

static void test_long_word_never_overflows(void **state)
{
	(void)state;
	char word[1100];
	/* 500 code points: 'x' and 'ế' alternate, a bold stretch in the middle. */
	size_t n = 0;
	for (int i = 0; i < 500; i++) {
		const char *c = i % 2 ? "ế" : "x";
		memcpy(word + n, c, strlen(c));
		n += strlen(c);
	}
	word[n] = '\0';
	static const struct doc_span sp[] = { { 100, 88, DOC_STYLE_BOLD } };
	struct text_para p = para(word, 95);
	p.x = 5;
	p.spans = sp;
	p.nspans = 1;
	struct text_layout *l = lay(&p, 1, 400, 100000);
	const struct text_line *ln = text_layout_lines(l);
	const struct text_run *r = text_layout_runs(l);

	assert_runs_within(l, 5, 100);
	/* Plain lines hold 9 characters; the cuts fall between characters. */
	assert_int_equal(r[ln[0].first_run].width, 90);
	for (size_t i = 0; i < total_lines(l); i++)
		for (size_t k = ln[i].first_run; k < ln[i].first_run + ln[i].nruns; k++) {
			assert_true(((unsigned char)word[r[k].start] & 0xC0) != 0x80);
			assert_true(r[k].start + r[k].len == n ||
				    ((unsigned char)word[r[k].start + r[k].len] & 0xC0) != 0x80);
		}
	assert_int_equal(text_layout_page(l, 0)->chars, 500);
	text_layout_free(l);
}

static void test_combining_mark_stays_with_base(void **state)
{
	(void)state;
	/* "e" + U+0301 (decomposed é) repeated: never split between them. */
	char s[200] = "";
	for (int i = 0; i < 30; i++)
		strcat(s, "e\xcc\x81");
	struct text_para p = para(s, 45);
	struct text_layout *l = lay(&p, 1, 400, 10000);
	const struct text_line *ln = text_layout_lines(l);
	const struct text_run *r = text_layout_runs(l);

	assert_true(total_lines(l) > 1);
	for (size_t i = 0; i < total_lines(l); i++) {
		const struct text_run *x = &r[ln[i].first_run];
		assert_int_equal(x->len % 3, 0);
		assert_int_equal(x->start % 3, 0);
	}
	assert_runs_within(l, 0, 45);
	text_layout_free(l);
}

static void test_long_url(void **state)
{
	(void)state;
	struct text_para p = para("Xem https://thuvienphapluat.vn/van-ban/Bo-may-hanh-chinh/"
				  "Quyet-dinh-749-QD-TTg-2020-phe-duyet-Chuong-trinh-Chuyen-doi-so-"
				  "quoc-gia-445326.aspx?tab=1&q=chuyen%20doi%20so ngay hom nay",
				  120);
	p.align = TEXT_ALIGN_JUSTIFY;
	struct text_layout *l = lay(&p, 1, 400, 10000);

	assert_true(total_lines(l) > 10);
	assert_runs_within(l, 0, 120);
	assert_int_equal(text_layout_page(l, 0)->chars, cps(p.text, p.len));
	text_layout_free(l);
}

static void test_empty_and_zero(void **state)
{
	(void)state;
	struct text_para p[3] = { para("ab", 0), para("", 0), para("cd", 0) };
	p[1].text = NULL;
	struct text_layout *l = lay(p, 3, 400, 400);
	const struct text_line *ln = text_layout_lines(l);

	/* An empty paragraph is one blank line. */
	assert_int_equal(text_layout_page(l, 0)->nlines, 3);
	assert_int_equal(ln[1].nruns, 0);
	assert_int_equal(ln[1].y, 20);
	assert_int_equal(ln[2].y, 40);
	assert_int_equal(text_layout_page(l, 0)->chars, 4);
	text_layout_free(l);

	/* No paragraph: no page, and done at once. */
	l = lay(NULL, 0, 400, 400);
	assert_int_equal(text_layout_npages(l), 0);
	assert_null(text_layout_page(l, 0));
	text_layout_free(l);

	assert_null(text_layout_new(p, 3, &M, 0, 400));
	assert_null(text_layout_new(p, 3, &M, 400, -1));
}

static void test_mandatory_break_inside(void **state)
{
	(void)state;
	struct text_para p = para("ab\ncd ef", 0);
	struct text_layout *l = lay(&p, 1, 400, 400);

	assert_int_equal(text_layout_page(l, 0)->nlines, 2);
	assert_string_equal(line_text(l, 0), "ab");
	assert_string_equal(line_text(l, 1), "cd ef");
	assert_int_equal(text_layout_page(l, 0)->chars, 8);
	text_layout_free(l);
}

static void test_leading_spaces_and_full_label_line(void **state)
{
	(void)state;
	struct text_para p[2] = { para("   abc def", 0), para("abcdefgh", 40) };
	p[1].label = "IV.";
	struct text_layout *l = lay(p, 2, 400, 400);
	const struct text_line *ln = text_layout_lines(l);
	const struct text_run *r = text_layout_runs(l);

	/* Spaces that start a line take no room and are not drawn. */
	assert_int_equal(r[ln[0].first_run].start, 3);
	assert_int_equal(r[ln[0].first_run].x, 0);
	/* "IV. " fills the 40 px first line: the word starts on the next. */
	assert_int_equal(ln[1].nruns, 1);
	assert_true(r[ln[1].first_run].label);
	assert_string_equal(line_text(l, 2), "abcd");
	assert_string_equal(line_text(l, 3), "efgh");
	assert_int_equal(text_layout_page(l, 0)->chars, 18);
	text_layout_free(l);
}

/* Four 5-letter words: four lines in a 50 px column. */
#define FOUR_LINES "aaaaa bbbbb ccccc ddddd"

static void test_keep_with_next_moves_heading(void **state)
{
	(void)state;
	struct text_para p[3] = { para(FOUR_LINES, 50), para("Head", 50), para("eeeee fffff", 50) };
	struct text_layout *l = lay(p, 3, 400, 100);

	/* Without keep the heading is the fifth line of page 0. */
	assert_int_equal(text_layout_npages(l), 2);
	assert_int_equal(text_layout_page(l, 0)->nlines, 5);
	text_layout_free(l);

	p[1].keep_with_next = true;
	l = lay(p, 3, 400, 100);
	assert_int_equal(text_layout_npages(l), 2);
	assert_int_equal(text_layout_page(l, 0)->nlines, 4);
	const struct text_page *pg = text_layout_page(l, 1);
	const struct text_line *ln = &text_layout_lines(l)[pg->first_line];
	assert_int_equal(pg->nlines, 3);
	assert_int_equal(ln[0].para, 1);
	assert_int_equal(ln[0].y, 0);
	assert_int_equal(ln[1].para, 2);
	assert_int_equal(ln[1].y, 20);
	assert_int_equal(text_layout_page(l, 0)->chars, 23);
	assert_int_equal(pg->chars, 4 + 11);
	text_layout_free(l);
}

static void test_keep_chain_taller_than_page(void **state)
{
	(void)state;
	struct text_para p[7];
	for (int i = 0; i < 7; i++) {
		p[i] = para("keep", 0);
		p[i].keep_with_next = true;
	}
	struct text_layout *l = lay(p, 7, 400, 100);

	/* Keeping is given up: pages are simply filled. */
	assert_int_equal(text_layout_npages(l), 2);
	assert_int_equal(text_layout_page(l, 0)->nlines, 5);
	assert_int_equal(text_layout_page(l, 1)->nlines, 2);
	text_layout_free(l);
}

static void test_page_break_before(void **state)
{
	(void)state;
	struct text_para p[3] = { para("first", 0), para("second", 0), para("third", 0) };
	p[0].page_break_before = true; /* no blank page before the first */
	p[1].page_break_before = true;
	struct text_layout *l = lay(p, 3, 400, 400);

	assert_int_equal(text_layout_npages(l), 2);
	assert_int_equal(text_layout_page(l, 0)->nlines, 1);
	assert_int_equal(text_layout_page(l, 1)->nlines, 2);
	assert_int_equal(text_layout_lines(l)[1].y, 0);
	assert_int_equal(text_layout_lines(l)[1].para, 1);
	assert_int_equal(text_layout_lines(l)[2].y, 20);
	text_layout_free(l);
}

static void test_space_before_dropped_at_top(void **state)
{
	(void)state;
	struct text_para p[3] = { para("aaaaa bbbbb", 50), para("ccccc", 50),
				  para(FOUR_LINES, 50) };
	p[0].space_after = 5;
	p[1].space_before = 30;
	p[2].space_before = 30;
	struct text_layout *l = lay(p, 3, 400, 100);
	const struct text_line *ln = text_layout_lines(l);

	/* On a page: after the previous paragraph's space_after + space_before. */
	assert_int_equal(ln[2].y, 40 + 5 + 30);
	/* At the top of page 1: dropped. */
	assert_int_equal(text_layout_npages(l), 2);
	assert_int_equal(text_layout_page(l, 1)->first_line, 3);
	assert_int_equal(ln[3].y, 0);
	assert_int_equal(ln[6].y, 60);
	text_layout_free(l);
}

static void test_group_side_by_side(void **state)
{
	(void)state;
	struct text_para p[5] = { para("before", 0), para("aaa bbb ccc", 40), para("right one", 100),
				  para("right two", 100), para("after", 0) };
	for (int i = 1; i <= 3; i++)
		p[i].group = 1;
	p[2].x = p[3].x = 150;
	p[3].space_before = 6;
	p[1].space_before = 10;
	struct text_layout *l = lay(p, 5, 400, 400);
	const struct text_line *ln = text_layout_lines(l);
	const struct text_run *r = text_layout_runs(l);
	int y_of[5][3], n_of[5] = { 0 };

	for (size_t i = 0; i < total_lines(l); i++)
		y_of[ln[i].para][n_of[ln[i].para]++] = ln[i].y;
	assert_int_equal(n_of[1], 3);
	assert_int_equal(n_of[2], 1);
	assert_int_equal(n_of[3], 1);
	/* The block starts below "before" and its space_before. */
	int top = 20 + 10;
	assert_int_equal(y_of[1][0], top);
	assert_int_equal(y_of[1][2], top + 40);
	assert_int_equal(y_of[2][0], top);
	assert_int_equal(y_of[3][0], top + 20 + 6);
	/* The block is as tall as its tallest column (60 px on the left). */
	assert_int_equal(y_of[4][0], top + 60);
	for (size_t i = 0; i < total_lines(l); i++)
		if (ln[i].para == 2)
			assert_int_equal(r[ln[i].first_run].x, 150);
	text_layout_free(l);

	/* A right column taller than the left one sets the height instead. */
	p[3].text = "r1 r2 r3 r4 r5";
	p[3].len = strlen(p[3].text);
	p[3].width = 20;
	l = lay(p, 5, 400, 400);
	ln = text_layout_lines(l);
	for (size_t i = 0; i < total_lines(l); i++)
		if (ln[i].para == 4)
			assert_int_equal(ln[i].y, top + 20 + 6 + 100);
	text_layout_free(l);
}

static void test_group_kept_whole_or_sliced(void **state)
{
	(void)state;
	struct text_para p[3] = { para(FOUR_LINES, 50), para("xx yy", 20), para("zz", 20) };
	p[1].group = p[2].group = 7;
	p[2].x = 100;
	struct text_layout *l = lay(p, 3, 400, 100);

	/* The 2-line block does not fit below 4 lines: it moves whole. */
	assert_int_equal(text_layout_npages(l), 2);
	assert_int_equal(text_layout_page(l, 0)->nlines, 4);
	assert_int_equal(text_layout_page(l, 1)->nlines, 3);
	text_layout_free(l);

	/* A block taller than a page is cut between lines, never looping. */
	p[1].text = "a b c d e f g h i j k l";
	p[1].len = strlen(p[1].text);
	l = lay(p, 3, 400, 100);
	const struct text_line *ln = text_layout_lines(l);
	assert_int_equal(total_lines(l), 4 + 12 + 1);
	for (size_t i = 0; i < text_layout_npages(l); i++) {
		const struct text_page *pg = text_layout_page(l, i);
		assert_true(pg->nlines > 0);
		for (size_t k = pg->first_line; k < pg->first_line + pg->nlines; k++)
			assert_true(ln[k].y >= 0 && ln[k].y + ln[k].height <= 100);
	}
	text_layout_free(l);
}

/* A long sample document: headings (font 1, keep_with_next) and body
 * paragraphs of Vietnamese words, justified, with paragraph spacing. */
#define DOC_PARAS 120
static char doc_text[DOC_PARAS][700];
static struct text_para doc_paras[DOC_PARAS];

static void make_doc(int width)
{
	static const char *const words[] = {
		"Đảng", "ủy", "Khối", "các", "cơ", "quan", "Trung", "ương", "quyết", "định",
		"thực", "hiện", "nghị", "quyết", "về", "công", "tác", "cán", "bộ", "chuyển",
		"đổi", "số", "năm", "2025", "nhiệm", "vụ", "trọng", "tâm", "đồng", "chí",
	};
	unsigned seed = 12345;

	for (int i = 0; i < DOC_PARAS; i++) {
		bool head = i % 9 == 0;
		int nw = head ? 4 : 20 + i % 60;
		char *s = doc_text[i];
		s[0] = '\0';
		for (int w = 0; w < nw; w++) {
			seed = seed * 1103515245u + 12345u;
			if (w)
				strcat(s, " ");
			strcat(s, words[(seed >> 16) % (sizeof words / sizeof *words)]);
		}
		doc_paras[i] = para(s, width);
		doc_paras[i].font = head ? 1 : 0;
		doc_paras[i].keep_with_next = head;
		doc_paras[i].align = head ? TEXT_ALIGN_CENTER : TEXT_ALIGN_JUSTIFY;
		doc_paras[i].first_indent = head ? 0 : 30;
		doc_paras[i].space_before = head ? 12 : 4;
		doc_paras[i].space_after = 3;
	}
}

static void test_pages_filled_never_cut(void **state)
{
	(void)state;
	const int H = 500;
	for (int i = 0; i < DOC_PARAS; i++)
		doc_paras[i].keep_with_next = false;
	struct text_layout *l = lay(doc_paras, DOC_PARAS, 600, H);
	const struct text_line *ln = text_layout_lines(l);
	size_t chars = 0, total = 0, np = text_layout_npages(l);

	assert_true(np > 5);
	for (size_t i = 0; i < np; i++) {
		const struct text_page *pg = text_layout_page(l, i);
		const struct text_line *last = &ln[pg->first_line + pg->nlines - 1];
		assert_int_equal(ln[pg->first_line].y, 0);
		for (size_t k = pg->first_line; k < pg->first_line + pg->nlines; k++) {
			assert_true(ln[k].y + ln[k].height <= H);
			if (k > pg->first_line)
				assert_true(ln[k].y >= ln[k - 1].y + ln[k - 1].height);
		}
		chars += pg->chars;
		if (i + 1 == np)
			break;
		/* The next page's first line would not have fitted here. */
		const struct text_line *next = &ln[pg->first_line + pg->nlines];
		int gap = next->para != last->para ?
			doc_paras[last->para].space_after + doc_paras[next->para].space_before : 0;
		assert_true(last->y + last->height + gap + next->height > H);
	}
	for (int i = 0; i < DOC_PARAS; i++)
		total += cps(doc_paras[i].text, doc_paras[i].len);
	assert_int_equal(chars, total);
	assert_runs_within(l, 0, 600);
	text_layout_free(l);
	make_doc(600);
}

static void test_on_demand_same_result(void **state)
{
	(void)state;
	struct text_layout *all = lay(doc_paras, DOC_PARAS, 600, 500);
	long calls_all = fk.calls;
	struct text_layout *l = text_layout_new(doc_paras, DOC_PARAS, &M, 600, 500);
	size_t np = text_layout_npages(all);

	assert_non_null(l);
	fk.calls = 0;
	assert_int_equal(text_layout_run(l, 0), 0);
	assert_int_equal(text_layout_npages(l), 1);
	assert_false(text_layout_done(l));
	/* Only about a page of text was measured. */
	assert_true(fk.calls * 4 < calls_all);
	/* The first page already has its final form. */
	assert_memory_equal(text_layout_page(l, 0), text_layout_page(all, 0),
			    sizeof(struct text_page));
	assert_int_equal(text_layout_run(l, 0), 0);
	assert_int_equal(text_layout_npages(l), 1);
	assert_int_equal(text_layout_run(l, 3), 0);
	assert_int_equal(text_layout_npages(l), 4);
	assert_int_equal(text_layout_run(l, SIZE_MAX), 0);
	assert_true(text_layout_done(l));
	assert_int_equal(text_layout_npages(l), np);
	for (size_t i = 0; i < np; i++)
		assert_memory_equal(text_layout_page(l, i), text_layout_page(all, i),
				    sizeof(struct text_page));
	const struct text_page *lp = text_layout_page(l, np - 1);
	size_t nlines = lp->first_line + lp->nlines, nruns = 0;
	for (size_t i = 0; i < nlines; i++) {
		const struct text_line *a = &text_layout_lines(l)[i], *b = &text_layout_lines(all)[i];
		assert_int_equal(a->y, b->y);
		assert_int_equal(a->para, b->para);
		assert_int_equal(a->first_run, b->first_run);
		assert_int_equal(a->nruns, b->nruns);
		nruns = a->first_run + a->nruns;
	}
	for (size_t i = 0; i < nruns; i++) {
		const struct text_run *a = &text_layout_runs(l)[i], *b = &text_layout_runs(all)[i];
		assert_int_equal(a->start, b->start);
		assert_int_equal(a->len, b->len);
		assert_int_equal(a->x, b->x);
		assert_int_equal(a->width, b->width);
		assert_int_equal(a->style, b->style);
	}
	/* Done: more calls change nothing and measure nothing. */
	fk.calls = 0;
	assert_int_equal(text_layout_run(l, SIZE_MAX), 0);
	assert_int_equal(fk.calls, 0);
	text_layout_free(l);
	text_layout_free(all);
}

static void test_headings_kept_in_sample(void **state)
{
	(void)state;
	struct text_layout *l = lay(doc_paras, DOC_PARAS, 600, 500);
	const struct text_line *ln = text_layout_lines(l);

	/* No page ends with a heading (a font 1 paragraph). */
	for (size_t i = 0; i + 1 < text_layout_npages(l); i++) {
		const struct text_page *pg = text_layout_page(l, i);
		assert_int_equal(doc_paras[ln[pg->first_line + pg->nlines - 1].para].font, 0);
	}
	text_layout_free(l);
}

/* Random documents (fixed seed): whatever the text, widths, spans, labels,
 * groups and keeps, no text run leaves its column, no line leaves its
 * page, every character is on exactly one page, and laying out page by
 * page in random steps gives the same pages as all at once. */
#define RND_PARAS 60
static unsigned rnd_seed;

static unsigned rnd(unsigned n)
{
	rnd_seed = rnd_seed * 1103515245u + 12345u;
	return (rnd_seed >> 8) % n;
}

static void rnd_doc(char text[][400], struct doc_span spans[][4], struct text_para *p)
{
	static const char *const pieces[] = { "a", "bc", "ế", "Đ", "ủ", " ", "  ", "-", "/", "e\xcc\x81",
					      "www", "1.", "(", ")", "”", "“" };
	for (int i = 0; i < RND_PARAS; i++) {
		size_t n = 0, bounds[80], nb = 0;
		int np = (int)rnd(70);
		for (int k = 0; k < np; k++) {
			const char *c = pieces[rnd(sizeof pieces / sizeof *pieces)];
			memcpy(text[i] + n, c, strlen(c));
			n += strlen(c);
			if (nb < 80)
				bounds[nb++] = n;
		}
		text[i][n] = '\0';
		p[i] = para(text[i], rnd(4) ? 0 : 30 + (int)rnd(200));
		p[i].x = (int)rnd(3) * 40;
		p[i].align = (enum text_align)rnd(4);
		p[i].font = (int)rnd(2);
		p[i].indent = (int)rnd(3) * 10;
		p[i].first_indent = (int)rnd(5) * 10 - 20;
		if (p[i].indent + p[i].first_indent < 0)
			p[i].first_indent = -p[i].indent;
		p[i].label = rnd(4) ? NULL : (rnd(2) ? "a)" : "IV.");
		p[i].space_before = (int)rnd(12);
		p[i].space_after = (int)rnd(12);
		p[i].keep_with_next = rnd(4) == 0;
		p[i].page_break_before = rnd(20) == 0;
		p[i].group = rnd(5) == 0 ? 1 + (int)rnd(2) : 0;
		/* Up to two spans at character boundaries. */
		size_t ns = 0;
		for (size_t k = 0; k + 1 < nb && ns < 2; k += 1 + rnd(6)) {
			size_t a = bounds[k], z = bounds[k + 1 + rnd((unsigned)(nb - k - 1))];
			if (ns > 0 && a < spans[i][ns - 1].start + spans[i][ns - 1].len)
				continue;
			spans[i][ns++] = (struct doc_span){ (uint32_t)a, (uint32_t)(z - a),
							     1 + rnd(3) };
			k = (size_t)(z == bounds[nb - 1] ? nb : k);
		}
		p[i].spans = spans[i];
		p[i].nspans = ns;
	}
}

static void test_random_documents(void **state)
{
	(void)state;
	static char text[RND_PARAS][400];
	static struct doc_span spans[RND_PARAS][4];
	static struct text_para p[RND_PARAS];
	const int W = 300, H = 200;

	rnd_seed = 2026;
	for (int round = 0; round < 200; round++) {
		rnd_doc(text, spans, p);
		struct text_layout *all = lay(p, RND_PARAS, W, H);
		struct text_layout *l = text_layout_new(p, RND_PARAS, &M, W, H);
		const struct text_line *ln = text_layout_lines(all);
		const struct text_run *r = text_layout_runs(all);
		size_t chars = 0, total = 0, np = text_layout_npages(all);

		for (size_t i = 0; i < np; i++) {
			const struct text_page *pg = text_layout_page(all, i);
			chars += pg->chars;
			for (size_t k = pg->first_line; k < pg->first_line + pg->nlines; k++) {
				const struct text_para *q = &p[ln[k].para];
				int x1 = q->width ? q->x + q->width : W;
				assert_true(ln[k].y >= 0 && ln[k].y + ln[k].height <= H);
				for (size_t j = ln[k].first_run; j < ln[k].first_run + ln[k].nruns; j++)
					if (!r[j].label && x1 - q->x - q->indent >= 12 * 4)
						assert_true(r[j].x >= q->x && r[j].x + r[j].width <= x1);
			}
		}
		for (int i = 0; i < RND_PARAS; i++)
			total += cps(p[i].text, p[i].len);
		assert_int_equal(chars, total);

		assert_non_null(l);
		for (size_t want = 0; !text_layout_done(l); want += rnd(3))
			assert_int_equal(text_layout_run(l, want), 0);
		assert_int_equal(text_layout_npages(l), np);
		for (size_t i = 0; i < np; i++)
			assert_memory_equal(text_layout_page(l, i), text_layout_page(all, i),
					    sizeof(struct text_page));
		text_layout_free(l);
		text_layout_free(all);
	}
}

/* A font whose widths are rounded per string, as a real one's are: a code
 * point is 10.5 px, so "ab" is 21 px while "a" and "b" are 10 each. The
 * pieces of a line added up are narrower than the line drawn as one string. */
static int round_width(void *ctx, int font, unsigned style, const char *s, size_t n)
{
	(void)font;
	(void)style;
	((struct fake *)ctx)->calls++;
	((struct fake *)ctx)->bytes += n;
	return (int)(cps(s, n) * 21 / 2);
}

static const struct text_metrics ROUND = { &fk, round_width, fake_height, fake_ascent };

/* Every run ends inside its paragraph's column when its text is measured
 * as the one string the screen draws, and claims at least that width. */
static void assert_drawn_within(const struct text_layout *l, const struct text_metrics *m)
{
	const struct text_run *r = text_layout_runs(l);
	const struct text_line *ln = text_layout_lines(l);
	const struct text_para *p = text_layout_paras(l);

	for (size_t i = 0; i < total_lines(l); i++)
		for (size_t k = ln[i].first_run; k < ln[i].first_run + ln[i].nruns; k++) {
			const struct text_para *q = &p[r[k].para];
			const char *s = (r[k].label ? q->label : q->text) + r[k].start;
			int drawn = m->width(m->ctx, r[k].font, r[k].style, s, r[k].len);
			int x1 = q->width ? q->x + q->width : 0;

			assert_true(r[k].width >= drawn);
			if (x1 && r[k].x + drawn > x1)
				fail_msg("line %zu: run \"%.*s\" at %d drawn %d px wide ends past "
					 "the column's edge %d", i, (int)r[k].len, s, r[k].x, drawn,
					 x1);
		}
}

/* Issue 10: a justified line that fills its column exactly had no spare
 * width to spread, so it was drawn as one string, wider than its words
 * measured apart: past the margin. Also the last line of a paragraph, a
 * centred title and a word cut over lines. */
static void test_line_drawn_as_measured(void **state)
{
	(void)state;
	static const char *const texts[] = {
		"aa bb cc dd ee ff gg hh ii jj kk ll mm nn oo pp qq rr ss tt uu vv",
		"1234567890123456789012345678901234567890123456789012345678901234567890",
		"Tuy vậy, việc triển khai thực hiện Nghị quyết còn một số hạn chế",
	};
	static const enum text_align aligns[] = { TEXT_ALIGN_JUSTIFY, TEXT_ALIGN_LEFT,
						  TEXT_ALIGN_CENTER, TEXT_ALIGN_RIGHT };

	for (size_t t = 0; t < 3; t++)
		for (size_t a = 0; a < 4; a++)
			for (int w = 60; w <= 200; w += 7) {
				struct text_para p = para(texts[t], w);
				p.x = 3;
				p.align = aligns[a];
				struct text_layout *l = text_layout_new(&p, 1, &ROUND, 400, 100000);
				assert_non_null(l);
				assert_int_equal(text_layout_run(l, SIZE_MAX), 0);
				assert_drawn_within(l, &ROUND);
				assert_int_equal(text_layout_page(l, 0)->chars,
						 cps(p.text, p.len));
				text_layout_free(l);
			}
}

/* The lines of the paragraph "aa bb ... " of 2-letter words at width 83
 * (4 words, 3 spaces: 8*10.5 rounded + 3*10.5 = exactly 83 when measured
 * as pieces): the justified first line is drawn word by word at the
 * positions the pieces' widths give, never as one wider string. */
static void test_full_justified_line_word_by_word(void **state)
{
	(void)state;
	struct text_para p = para("aa bb cc dd ee", 0);
	p.align = TEXT_ALIGN_JUSTIFY;
	/* aa=21, " "=10: "aa bb cc dd" in pieces is 4*21 + 3*10 = 114; as one
	 * string 11 code points = 115. */
	struct text_layout *l = text_layout_new(&p, 1, &ROUND, 114, 1000);

	assert_non_null(l);
	assert_int_equal(text_layout_run(l, SIZE_MAX), 0);
	assert_string_equal(line_text(l, 0), "aa bb cc dd");
	assert_drawn_within(l, &ROUND);
	const struct text_line *ln = text_layout_lines(l);
	const struct text_run *r = text_layout_runs(l) + ln[0].first_run;
	assert_true(ln[0].nruns >= 4);
	assert_int_equal(r[ln[0].nruns - 1].x + r[ln[0].nruns - 1].width, 114);
	text_layout_free(l);
}

/* n bytes of text: the pattern repeated. */
static char *repeat(const char *pat, size_t n)
{
	char *s = malloc(n + 1);
	size_t k = strlen(pat);

	assert_non_null(s);
	for (size_t i = 0; i < n; i++)
		s[i] = pat[i % k];
	s[n] = '\0';
	return s;
}

/* Lays out page 0 and then the whole of p[0, n), checking that page 0 cost
 * at most page_bytes bytes measured, that the whole cost at most
 * per_byte times the text's bytes (no work that grows with the square of
 * a word), that every page's runs stay in their column, and that slices
 * of step bytes each end within one line's work of their budget. */
static void check_bounded(const struct text_para *p, size_t n, int w, int h,
			  size_t page_bytes, size_t per_byte)
{
	struct text_layout *l = text_layout_new(p, n, &M, w, h);
	size_t bytes = 0, before;

	for (size_t i = 0; i < n; i++)
		bytes += p[i].len;
	assert_non_null(l);
	fk.bytes = 0;
	assert_int_equal(text_layout_run(l, 0), 0);
	if (fk.bytes > page_bytes)
		fail_msg("page 0 measured %zu bytes (bound %zu)", fk.bytes, page_bytes);
	/* The rest a slice at a time, as the kiosk's loop does. */
	for (int slices = 0;; slices++) {
		before = fk.bytes;
		int rc = text_layout_step(l, 16384);
		assert_true(rc >= 0);
		assert_true(fk.bytes - before <= 16384 + 2 * TEXT_LINE_MAX + 4 * 256);
		if (rc == 1)
			break;
		assert_true(slices < 100000);
	}
	assert_true(text_layout_done(l));
	if (fk.bytes > per_byte * bytes + 4096)
		fail_msg("the whole measured %zu bytes for %zu of text", fk.bytes, bytes);
	assert_runs_within(l, 0, w);
	size_t chars = 0, total = 0;
	for (size_t i = 0; i < text_layout_npages(l); i++)
		chars += text_layout_page(l, i)->chars;
	for (size_t i = 0; i < n; i++)
		total += cps(p[i].text, p[i].len);
	assert_int_equal(chars, total);
	/* Every line holds at most TEXT_LINE_MAX bytes. */
	const struct text_line *ln = text_layout_lines(l);
	const struct text_run *r = text_layout_runs(l);
	for (size_t i = 0; i < total_lines(l); i++)
		if (ln[i].nruns > 0) {
			const struct text_run *a = &r[ln[i].first_run];
			const struct text_run *z = &r[ln[i].first_run + ln[i].nruns - 1];
			assert_true(z->start + z->len - a->start <= TEXT_LINE_MAX);
		}
	text_layout_free(l);
}

/* Issue 9: one large document froze the screen. 16 paragraphs of 65,000
 * digits (1 MiB, within every parser limit), 1 MiB of '*' in one
 * paragraph, a 60,000-byte subject of one letter, 60,000 bytes of "* ",
 * 65,000 bytes of zero-width joiners and of spaces: the first page costs
 * about what it holds, the whole about its bytes, and nothing leaves its
 * column. */
static void test_huge_documents_bounded(void **state)
{
	(void)state;
	char *digits = repeat("1234567890", 65000);
	char *stars = repeat("*", 1024 * 1024);
	char *xs = repeat("x", 60000);
	char *starsp = repeat("* ", 60000);
	char *zwj = repeat("a\xe2\x80\x8d", 65001);
	char *spaces = repeat("a                                ", 65000);
	struct text_para p[16];

	for (int i = 0; i < 16; i++) {
		p[i] = para(digits, 0);
		p[i].align = TEXT_ALIGN_JUSTIFY;
		p[i].first_indent = 30;
	}
	/* A 600x400 page holds 20 lines of 60 characters: 1,200 bytes. */
	check_bounded(p, 16, 600, 400, 4 * 1200, 4);
	p[0] = para(stars, 0);
	check_bounded(p, 1, 600, 400, 4 * 1200, 4);
	p[0] = para(xs, 0);
	p[0].align = TEXT_ALIGN_CENTER;
	p[0].style = DOC_STYLE_BOLD;
	check_bounded(p, 1, 600, 400, 4 * 1200, 4);
	p[0] = para(starsp, 0);
	p[0].align = TEXT_ALIGN_JUSTIFY;
	check_bounded(p, 1, 600, 400, 4 * 1200, 4);
	p[0] = para(zwj, 0);
	check_bounded(p, 1, 600, 400, 20 * TEXT_LINE_MAX * 2, 4);
	p[0] = para(spaces, 0);
	check_bounded(p, 1, 600, 400, 4 * 1200, 4);
	free(digits);
	free(stars);
	free(xs);
	free(starsp);
	free(zwj);
	free(spaces);
}

static int setup_doc(void **state)
{
	(void)state;
	make_doc(600);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_greedy_lines),
		cmocka_unit_test(test_vietnamese_chars),
		cmocka_unit_test(test_justify),
		cmocka_unit_test(test_justify_no_space_stays_left),
		cmocka_unit_test(test_center_right),
		cmocka_unit_test(test_spans_make_runs),
		cmocka_unit_test(test_base_style_bold_wraps_by_bold_width),
		cmocka_unit_test(test_labels),
		cmocka_unit_test(test_long_word_never_overflows),
		cmocka_unit_test(test_combining_mark_stays_with_base),
		cmocka_unit_test(test_long_url),
		cmocka_unit_test(test_empty_and_zero),
		cmocka_unit_test(test_mandatory_break_inside),
		cmocka_unit_test(test_leading_spaces_and_full_label_line),
		cmocka_unit_test(test_keep_with_next_moves_heading),
		cmocka_unit_test(test_keep_chain_taller_than_page),
		cmocka_unit_test(test_page_break_before),
		cmocka_unit_test(test_space_before_dropped_at_top),
		cmocka_unit_test(test_group_side_by_side),
		cmocka_unit_test(test_group_kept_whole_or_sliced),
		cmocka_unit_test_setup(test_pages_filled_never_cut, setup_doc),
		cmocka_unit_test_setup(test_on_demand_same_result, setup_doc),
		cmocka_unit_test_setup(test_headings_kept_in_sample, setup_doc),
		cmocka_unit_test(test_random_documents),
		cmocka_unit_test(test_line_drawn_as_measured),
		cmocka_unit_test(test_full_justified_line_word_by_word),
		cmocka_unit_test(test_huge_documents_bounded),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
