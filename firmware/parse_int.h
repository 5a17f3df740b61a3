/* SPDX-License-Identifier: MIT */
/*
 * parse_int: what the parser's files share and nobody else sees. Every
 * internal name is parse_<part>_<verb>, the part naming its file:
 *
 *   parse.c         entry point: refuses what is not text, cleans each line
 *                   (NFC, tabs, table bars, rules), diagnostics (parse_diag_)
 *   parse_md.c      md4c -> blocks of styled source lines (parse_md_), and
 *                   the styled string every stage passes on (parse_text_)
 *   parse_head.c    re-cuts a head or foot block by grammar, one field a line
 *   parse_doc.c     splits the blocks into documents, reads head, body, foot
 *   parse_line.c    what a line is (header part, signer, tail), text helpers
 *   parse_parts.c   the received stamp and the addressees
 *   parse_finish.c  completes a document; what documents say of each other
 *   parse_lex.c     symbols, dates, labels, names in text (parse_lex_)
 *   parse_refs.c    references to other documents, issuing bodies (parse_refs_)
 *
 * parse_doc.h holds what the document reader's files (parse_doc, _line,
 * _parts, _finish, _head) share among themselves (parse_doc_).
 * Strings a function returns are malloc'ed and the caller's to free unless
 * its contract says otherwise; "sets oom" means the caller checks the flag
 * and the value is then incomplete but safe to free.
 */
#ifndef BANGTIN_PARSE_INT_H
#define BANGTIN_PARSE_INT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "doc.h"
#include "parse.h"

/* A growable string with style spans: the unit every stage passes on. */
struct parse_text {
	char *s;
	size_t len, cap;
	struct doc_span *spans;
	size_t nspans, spans_cap;
	bool oom;
};

/* Frees the string and spans and zeroes t; a zeroed t is fine. */
void parse_text_free(struct parse_text *t);
/* Appends n bytes with the given style bits; merges with the previous span
 * when contiguous and of the same style. Sets t->oom on failure. */
void parse_text_append(struct parse_text *t, const char *s, size_t n, unsigned style);
/* Appends o (not consumed) to t, shifting its spans; a span of o that
 * goes on t's last one across at most one space merges with it. Sets
 * t->oom on failure. */
void parse_text_append_text(struct parse_text *t, const struct parse_text *o);
/* Collapses white-space runs to one space and trims, keeping spans on the
 * same characters (spans left empty are dropped). */
void parse_text_squeeze(struct parse_text *t);
/* Removes bytes [start, start + n), shifting and clipping spans; out of
 * range parts are ignored. Allocates nothing. */
void parse_text_cut(struct parse_text *t, size_t start, size_t n);
/* Removes every byte i of t with drop[i] set (drop holds t->len flags),
 * spans kept on the bytes that stay; linear, allocates nothing. */
void parse_text_drop(struct parse_text *t, const unsigned char *drop);
/* Returns the style bits at byte offset off (0 when plain). */
unsigned parse_text_style_at(const struct parse_text *t, size_t off);
/* Detaches the string (always NUL-terminated, "" when empty; NULL only
 * when that "" cannot be allocated) and frees the rest of t. The caller
 * frees the string. */
char *parse_text_take(struct parse_text *t);

/* One visual line of a source block. */
struct parse_src_line {
	struct parse_text t;
	int line; /* 1-based source line, 0 when unknown */
	/* The line goes on with an emphasis run of the line before it: no
	 * emphasis mark at the break, so the break wrapped one phrase. */
	bool cont;
};

enum parse_block_type {
	PB_PARA,
	PB_HEADING,
	PB_ITEM, /* list item: ordered (number + delimiter) or bullet */
};

struct parse_block {
	enum parse_block_type type;
	int hlevel;           /* heading level 1..6 */
	bool ordered;
	unsigned number;      /* ordered item number */
	char delim;           /* '.' or ')' */
	struct parse_src_line *lines;
	size_t nlines, cap;
	int first_line, last_line;
	int blank_before;     /* blank source lines before this block */
};

/* Runs md4c over the cleaned buffer. line_starts[i] is the offset of line
 * i + 1. Returns 0 with *out (n blocks, the caller frees them with
 * parse_md_free()), or -1 on allocation failure / md4c failure with
 * nothing to free. */
int parse_md_blocks(const char *buf, size_t len, const size_t *line_starts, size_t nlines,
	       struct parse_block **out, size_t *nout);
/* Frees n blocks, their lines and texts; NULL with n 0 is fine. */
void parse_md_free(struct parse_block *blocks, size_t n);

/* Diagnostics sink: appends to res->diags; a failed append sets oom (the
 * caller turns it into an "out of memory" refusal). */
struct parse_sink {
	struct parse_result *res;
	bool oom;
};

/* Appends a diagnostic; counts errors in res->nerrors. line is 1-based. */
void parse_diag_add(struct parse_sink *d, enum parse_severity sev, int line, const char *field,
	       const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* parse_lex.c: recognisers over NUL-terminated UTF-8. */

/* Decodes the code point at s into *cp; returns its length in bytes, 0 at
 * the end of s or on a malformed sequence. */
size_t parse_lex_cp_at(const char *s, int32_t *cp);
/* True for a letter (Unicode categories Lu, Ll, Lt, Lm, Lo). */
bool parse_lex_is_letter(int32_t cp);

/* Reads a number-symbol starting at s (which must start with a digit):
 * "581 - CV/ĐU", "596 -CV/ĐU", "367 - QĐ/TWĐTN-VP", "454/UBND-NCTH",
 * "9476 /BNNMT-CNTY", "730/LĐLĐ", "30/2020/NĐ-CP". Writes the normalised
 * symbol to out, the type code (e.g. "CV", "QĐi"; "" for a state công
 * văn) to type and the issuing body's code to org (all truncated to their
 * sizes); returns the bytes consumed, 0 if no symbol. Allocates nothing
 * the caller keeps. */
size_t parse_lex_symbol(const char *s, char *out, size_t outsz, char *type, size_t typesz,
		   char *org, size_t orgsz);

/* Reads a date at s: "09/02/2023", "9/2/2023", "26-3-2014", "09.02.2023",
 * "ngày 09 tháng 02 năm 2023" (also without "ngày"). Returns bytes consumed
 * and fills *d, or 0 when s holds no valid date. */
size_t parse_lex_date(const char *s, struct doc_date *d);

/* Finds the first date anywhere in s; returns its offset (and its length
 * in *len when len is not NULL) or -1. */
long parse_lex_find_date(const char *s, struct doc_date *d, size_t *len);

/* "<place>, ngày 09 tháng 02 năm 2023", also without the comma: fills
 * *place (malloc'ed, the caller frees it; NULL when not printed) and the
 * date; returns false when s is not such a line (then *place is NULL).
 * An impossible date ("31 tháng 02") gives true with an absent date. */
bool parse_lex_place_date(const char *s, char **place, struct doc_date *d);

/* Splits a leading label off a paragraph: "I.", "II-", "1.", "1-", "(1)",
 * "a)", "Một là:". Returns the label length (bytes, label only) and sets
 * *skip to the bytes to remove (label + following spaces); 0 when none.
 * *roman is set for Roman numerals. */
size_t parse_lex_label(const char *s, size_t *skip, bool *roman);

/* True for a name line: 2 to 6 capitalised words, letters only. */
bool parse_lex_is_name(const char *s);

/* Removes runs of two or more dots (form fill) and squeezes spaces; returns
 * a new string the caller frees, NULL on ENOMEM. */
char *parse_lex_strip_fill(const char *s);

/* True when s ends with terminal punctuation (. : ; ! ? … ” ./.). */
bool parse_lex_ends_terminal(const char *s);

/* parse_refs.c */

/* Source lines of a text joined from several lines: line[i] starts at
 * byte off[i]; offsets ascend. */
struct parse_line_map {
	const size_t *off;
	const int *line;
	size_t n;
};

/* A hash index of a document's references by symbol, so merging repeats
 * stays linear. Zero-initialise; parse_refs_index_free() releases it. */
struct parse_refs_index {
	size_t *slot; /* ref index + 1, 0 for empty */
	size_t cap, n;
};
/* Frees the table and zeroes ix; the references stay in their doc. */
void parse_refs_index_free(struct parse_refs_index *ix);

/* Appends the references found in text to doc, skipping the document's own
 * number and merging repeats (ix: the same index for every call on one doc;
 * references added to doc by others join it on the next call). Each
 * reference gets its line from map, or line when map is NULL or empty.
 * Returns 0, or -1 on allocation failure (doc then holds what was read). */
int parse_refs_scan(struct doc *doc, struct parse_refs_index *ix, const char *text,
	       const struct parse_line_map *map, int line);

/* Issuing body (upper case) and its parent (NULL when none) for an issuer
 * code of a symbol ("ĐUK", "BTCTW"): static strings, not to be freed.
 * Returns false when the code is not a known body. */
bool parse_refs_org(const char *org, const char **issuer, const char **parent);

/* parse_doc.c: splits blocks into documents and fills them. The blocks of a
 * head or foot are re-cut in place (parse_head.c); the caller still owns and
 * frees them, after the documents no longer point into them. */
/* Returns 0 with *docs (*ndocs of them; the caller frees each with
 * doc_free() and the array with free()), or -1 on allocation failure with
 * none. Warnings and refusals go to diag. */
int parse_doc_build(struct parse_block *blocks, size_t n, const struct parse_limits *lim,
	       struct parse_sink *diag, struct doc **docs, size_t *ndocs);

/* Appends a copy of s to the vector *v of *n strings (the owner frees each
 * and the array). Returns 0, or -1 on ENOMEM with *v and *n as before. */
int parse_strv_push(char ***v, size_t *n, const char *s);

#endif
