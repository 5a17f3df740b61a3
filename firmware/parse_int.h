/* SPDX-License-Identifier: MIT */
/*
 * parse_int: what the parser's files share and nobody else sees. The parser
 * runs in three stages: parse.c checks and cleans the buffer, parse_md.c turns
 * it into source blocks with md4c (lines of text with style spans and their
 * source line numbers), parse_doc.c splits the blocks into documents and reads
 * their parts, parse_lex.c recognises symbols, dates and labels in text, and
 * parse_refs.c finds references to other documents.
 */
#ifndef BANGTIN_PARSE_INT_H
#define BANGTIN_PARSE_INT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "doc.h"
#include "parse.h"

/* A growable string with style spans: the unit every stage passes on. */
struct ptext {
	char *s;
	size_t len, cap;
	struct doc_span *spans;
	size_t nspans, spans_cap;
	bool oom;
};

void ptext_free(struct ptext *t);
/* Appends n bytes with the given style bits; merges with the previous span
 * when contiguous and of the same style. Sets t->oom on failure. */
void ptext_append(struct ptext *t, const char *s, size_t n, unsigned style);
/* Appends another ptext, shifting its spans. */
void ptext_append_ptext(struct ptext *t, const struct ptext *o);
/* Collapses white-space runs to one space and trims, keeping spans on the
 * same characters (spans left empty are dropped). */
void ptext_squeeze(struct ptext *t);
/* Removes bytes [start, start + n), shifting and clipping spans. */
void ptext_cut(struct ptext *t, size_t start, size_t n);
/* Returns the style bits at byte offset off (0 when plain). */
unsigned ptext_style_at(const struct ptext *t, size_t off);
/* Detaches the string (always NUL-terminated, "" when empty). */
char *ptext_take(struct ptext *t);

/* One visual line of a source block. */
struct pline {
	struct ptext t;
	int line; /* 1-based source line, 0 when unknown */
	/* The line goes on with an emphasis run of the line before it: no
	 * emphasis mark at the break, so the break wrapped one phrase. */
	bool cont;
};

enum pblock_type {
	PB_PARA,
	PB_HEADING,
	PB_ITEM, /* list item: ordered (number + delimiter) or bullet */
};

struct pblock {
	enum pblock_type type;
	int hlevel;           /* heading level 1..6 */
	bool ordered;
	unsigned number;      /* ordered item number */
	char delim;           /* '.' or ')' */
	struct pline *lines;
	size_t nlines, cap;
	int first_line, last_line;
	int blank_before;     /* blank source lines before this block */
};

/* Runs md4c over the cleaned buffer. line_starts[i] is the offset of line
 * i + 1. Returns 0, or -1 on allocation failure / md4c failure. */
int pmd_blocks(const char *buf, size_t len, const size_t *line_starts, size_t nlines,
	       struct pblock **out, size_t *nout);
void pmd_free(struct pblock *blocks, size_t n);

/* Diagnostics sink. */
struct pdiag {
	struct parse_result *res;
	bool oom;
};

void pdiag_add(struct pdiag *d, enum parse_severity sev, int line, const char *field,
	       const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* parse_lex.c: recognisers over NUL-terminated UTF-8. */

/* Reads a number-symbol starting at s (which must start with a digit):
 * "581 - CV/ĐU", "596 -CV/ĐU", "454/UBND-NCTH", "30/2020/NĐ-CP". Writes the
 * normalised symbol to out and the type code (e.g. "CV", "QĐi"; "" for a
 * state công văn) to type; returns the bytes consumed, 0 if no symbol. */
size_t plex_symbol(const char *s, char *out, size_t outsz, char *type, size_t typesz,
		   char *org, size_t orgsz);

/* Reads a date at s: "09/02/2023", "9/2/2023", "26-3-2014", "09.02.2023",
 * "ngày 09 tháng 02 năm 2023" (also without "ngày"). Returns bytes consumed
 * and fills *d, or 0 when s holds no valid date. */
size_t plex_date(const char *s, struct doc_date *d);

/* Finds the first date anywhere in s; returns its offset or -1. */
long plex_find_date(const char *s, struct doc_date *d, size_t *len);

/* "<place>, ngày 09 tháng 02 năm 2023": fills place (malloc'ed, may be
 * NULL when not printed) and date; returns false when s is not such a line.
 * An impossible date ("31 tháng 02") gives true with an absent date. */
bool plex_place_date(const char *s, char **place, struct doc_date *d);

/* Splits a leading label off a paragraph: "I.", "II-", "1.", "1-", "(1)",
 * "a)", "Một là:". Returns the label length (bytes, label only) and sets
 * *skip to the bytes to remove (label + following spaces); 0 when none.
 * *roman is set for Roman numerals. */
size_t plex_label(const char *s, size_t *skip, bool *roman);

/* True for a name line: 2 to 6 capitalised words, letters only. */
bool plex_is_name(const char *s);

/* Removes runs of two or more dots (form fill) and squeezes spaces; returns
 * a new string. */
char *plex_strip_fill(const char *s);

/* True when s ends with terminal punctuation (. : ; ! ? … ” ./.). */
bool plex_ends_terminal(const char *s);

/* parse_refs.c */

/* Source lines of a text joined from several lines: line[i] starts at
 * byte off[i]; offsets ascend. */
struct pline_map {
	const size_t *off;
	const int *line;
	size_t n;
};

/* A hash index of a document's references by symbol, so merging repeats
 * stays linear. Zero-initialise; prefs_index_free() releases it. */
struct prefs_index {
	size_t *slot; /* ref index + 1, 0 for empty */
	size_t cap, n;
};
void prefs_index_free(struct prefs_index *ix);

/* Appends the references found in text to doc, skipping the document's own
 * number and merging repeats. Each reference gets its line from map, or
 * line when map is NULL or empty. Returns 0, or -1 on allocation failure. */
int prefs_scan(struct doc *doc, struct prefs_index *ix, const char *text,
	       const struct pline_map *map, int line);

/* Issuing body (upper case) and its parent for an issuer code of a symbol
 * ("ĐUK", "BTCTW"); returns false when the code is not a known body. */
bool prefs_org(const char *org, const char **issuer, const char **parent);

/* parse_doc.c: splits blocks into documents and fills them. The blocks of a
 * head or foot are re-cut in place (parse_head.c); the caller still owns and
 * frees them, after the documents no longer point into them. */
int pdoc_build(struct pblock *blocks, size_t n, const struct parse_limits *lim,
	       struct pdiag *diag, struct doc **docs, size_t *ndocs);

/* String vector helper. */
int pstrv_push(char ***v, size_t *n, const char *s);

#endif
