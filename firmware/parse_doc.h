/* SPDX-License-Identifier: MIT */
/*
 * parse_doc: what the document reader's files share. parse_line.c
 * classifies lines and holds the text helpers, parse_parts.c reads the
 * received stamp and the addressees, parse_doc.c walks the blocks through the
 * phases of a document and splits the file, parse_finish.c builds the body,
 * finds links and fills what one document says of another. Internal to the
 * parser; nothing outside firmware/parse*.c includes it.
 */
#ifndef BANGTIN_PARSE_DOC_H
#define BANGTIN_PARSE_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include "parse_int.h"

/* Header words OCR damages, restored when found without marks (NULL-ended). */
extern const char *const pdoc_header_vocab[];

enum pdoc_line {
	LK_TEXT, LK_STAR, LK_NUMBER, LK_ABOUT, LK_PLACE_DATE, LK_PARTY, LK_STATE, LK_VV,
	LK_KINH_GUI, LK_NOI_NHAN, LK_AUTHORITY, LK_TITLE, LK_AUTHOR, LK_OPINION,
	LK_DEADLINE, LK_NAME, LK_UPPER,
};

enum pdoc_phase { PH_HEAD, PH_BODY, PH_TAIL, PH_DONE };
enum pdoc_target { T_NONE, T_ADDRESSEES, T_RECIPIENTS, T_INSTRUCTIONS };

struct pdoc_body_src {
	const struct pblock *b;
	size_t from, to; /* lines [from, to) of b belong to the body */
};

struct pdoc_builder {
	struct doc doc;
	enum pdoc_phase phase;
	enum pdoc_target target;
	bool started, has_title, expect_subject, subject_vv;
	char org[64];      /* issuing-body code of the number */
	char code_kind[32];/* the number's type code when it names a kind */
	int about_line;    /* routing slip: line naming the document it is about */
	/* Where each source line of the subject starts in it, so references
	 * found there carry their own line. */
	struct pline_map subject_map;
	size_t subject_off[8];
	int subject_lines[8];
	char *issuer_lines[4];
	size_t nissuer;
	struct pdoc_body_src *body;
	size_t nbody, body_cap;
};

struct pdoc_state {
	struct pdiag *diag;
	const struct parse_limits *lim;
	struct doc *docs;
	size_t ndocs, cap;
	struct pdoc_builder cur;
	const struct pblock *next; /* the block after the one being read, or NULL */
	/* Documents read without any header field: site furniture when the
	 * file holds a document with one, else documents shown without them. */
	size_t headless[16];
	size_t nheadless;
	bool oom;
};

/* parse_line.c */
const char *pdoc_line_text(const struct pblock *b, size_t i);
bool pdoc_fold_starts(const char *s, const char *prefix);
/* Finds the folded word sequence label at a word start in s; NULL if absent. */
const char *pdoc_label_at(const char *s, const char *label);
/* What follows label and its colon in s, or NULL. */
const char *pdoc_value_after(const char *s, const char *label);
/* "Số 581 - CV/ĐU": fills the normalised symbol, type and body code. */
bool pdoc_number_line(const char *s, char *sym, size_t symsz, char *type, size_t typesz,
		      char *org, size_t orgsz);
/* What a header or tail line is. */
enum pdoc_line pdoc_classify(const char *s);
bool pdoc_block_is_stamp(const struct pblock *b);
bool pdoc_block_is_annotation(const struct pblock *b);
/* Joins lines [from, to) of b with single spaces, styles kept. */
void pdoc_join_lines(const struct pblock *b, size_t from, size_t to, struct ptext *out);
char *pdoc_join_plain(const struct pblock *b, size_t from, size_t to);
void pdoc_set_subject(struct pdoc_builder *bl, const struct pblock *b, size_t from, size_t to);
/* Copies value into *field when *field is still NULL. */
void pdoc_set_str(struct pdoc_state *ps, char **field, const char *value);
/* Takes ownership of value, freeing what *field held. */
void pdoc_replace_str(char **field, char *value);
/* Appends a copy of a non-empty s to a string vector. */
void pdoc_push(struct pdoc_state *ps, char ***v, size_t *n, const char *s);
/* A list item without "- ", form fill and trailing ",;" (and "." unless kept). */
char *pdoc_clean_item(const char *s, bool keep_final_dot);

/* parse_head.c */
/* Re-cuts the lines of b, a block of a document's head (foot false: up to
 * its type title or first body line) or foot (foot true: all of it), one
 * field to a line, joining lines that only wrap a phrase and collapsing
 * letter-spaced words. b's lines are replaced; it still owns them. Sets
 * *oom on allocation failure, b then unchanged or whole. */
void pdoc_reflow(struct pblock *b, bool foot, bool *oom);

/* True when s goes on naming the organisation of the line before it
 * ("TỈNH HẬU GIANG" after "ỦY BAN NHÂN DÂN"): a locality, not a body. */
bool pdoc_name_goes_on(const char *s);

/* Length of the signer's authority marker ("T/M", "KT.", "TUQ.") at the
 * start of s, any case and marks, or 0. */
size_t pdoc_authority_at(const char *s);

/* parse_parts.c */
void pdoc_take_stamp(struct pdoc_state *ps, struct pdoc_builder *bl, const struct pblock *b);
void pdoc_take_addressees(struct pdoc_state *ps, struct pdoc_builder *bl, const char *rest);

/* parse_finish.c */
/* Completes the document being built, appends it to ps->docs (or drops it
 * with a warning when it is not a document) and resets the builder. */
void pdoc_finish(struct pdoc_state *ps);
/* Fills what one document of the file says of another; inferred values.
 * Then warns, per document, of each field still missing, naming its line. */
void pdoc_link(struct pdoc_state *ps);
/* Drops the documents read without any header field when the file also
 * holds one with a header: a site's lead before the document is not one.
 * Each dropped stretch is a warning naming its lines. */
void pdoc_drop_furniture(struct pdoc_state *ps);

#endif
