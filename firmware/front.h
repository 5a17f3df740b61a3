/* SPDX-License-Identifier: MIT */
/*
 * front: the clerk's front matter, a short block at the very top of a source
 * file that states the fields the parser got wrong or could not find:
 *
 *     ---
 *     so: 454/UBND-NCTH
 *     ngay: 06/04/2011
 *     loai: CV
 *     ---
 *
 * It reads and checks the block and applies it to a parsed document; it owns
 * the values it read until front_free(). Pure: no I/O, no clock, no SQL. The
 * parser's entry point (parse.c) calls it; nothing else needs to.
 */
#ifndef BANGTIN_FRONT_H
#define BANGTIN_FRONT_H

#include <stddef.h>
#include <stdint.h>

#include "doc.h"
#include "parse.h"

/* Longest value in bytes; longer is an error (a subject is one sentence). */
#define FRONT_VALUE_MAX 1024
/* Lines of the block, both --- included; a block not closed by then is an
 * "unterminated" error. */
#define FRONT_MAX_LINES 64

/* What a block stated. Strings are NFC, trimmed, malloc'ed, NULL when not
 * stated; stated says which (enum doc_field bits). */
struct front {
	uint32_t stated;
	char *number;          /* so:        "454/UBND-NCTH", as written */
	struct doc_date date;  /* ngay:      06/04/2011 */
	const char *kind;      /* loai:      the kind table's code ("QĐ"), static */
	char *issuer;          /* co-quan */
	char *parent;          /* co-quan-cap-tren */
	char *place;           /* noi-ban-hanh */
	char *subject;         /* trich-yeu */
	char *signer_name;     /* nguoi-ky */
	char *signer_title;    /* chuc-vu */
	char *signer_authority; /* tham-quyen */
	int last_line;         /* line of the closing ---; 0 when there is no block */
};

/*
 * Reads the block at the top of buf (len bytes of valid UTF-8, without a
 * byte-order mark). The block is there when the first line is "---" and the
 * second looks like "key: value"; it ends at the next "---" line. Inside it,
 * blank lines and lines starting with "#" are skipped; every other line is
 * "key: value". Keys are those of the table in front.c, in ASCII ("co-quan")
 * or Vietnamese ("cơ quan"), any case, with spaces, hyphens or underscores.
 * Fills *f (zeroed first; last_line 0 and nothing stated when there is no
 * block). Returns 0, or -1 with *err (severity PARSE_ERROR, line, field: the
 * key, message in English) for the first fault: an unknown or repeated key,
 * an empty, over-long or bad value (a date that is not dd/mm/yyyy, an
 * unknown kind code, a number with spaces), a line that is not "key: value",
 * no closing "---", or out of memory. Free *f with front_free() either way.
 */
int front_read(const char *buf, size_t len, struct front *f, struct parse_diag *err);

/* Releases the values and zeroes *f; NULL is fine. */
void front_free(struct front *f);

/*
 * Applies f to the first document of res: every stated field replaces what
 * the parser read (its "inferred" flag cleared; a stated kind also sets the
 * kind table's type name) and its bit is set in doc->stated. The parser's
 * warnings inside that document about a stated field (diagnostic field
 * "number", "date", "kind", "issuer", "parent", "place", "subject", or
 * "signer" when the name is stated) are dropped: the clerk has answered
 * them. Does nothing when nothing is stated or res has no document.
 * Returns 0, or -1 when out of memory (the document is then unchanged).
 */
int front_apply(const struct front *f, struct parse_result *res);

#endif
