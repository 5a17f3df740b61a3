/* SPDX-License-Identifier: MIT */
/*
 * parse_doc: what the document reader's files share. parse_head.c re-cuts
 * a head or foot block by grammar, parse_line.c classifies lines and holds
 * the text helpers, parse_parts.c reads the received stamp and the
 * addressees, parse_doc.c walks the blocks through the phases of a document
 * and splits the file, parse_finish.c builds the body, finds links and
 * fills what one document says of another. Internal to the parser; nothing
 * outside firmware/parse*.c includes it. Every function here works on the
 * builder or state it is given; "sets ps->oom" means the value was not
 * stored and the caller gives up at the next check.
 */
#ifndef BANGTIN_PARSE_DOC_H
#define BANGTIN_PARSE_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include "parse_int.h"

/* Header words OCR damages, restored when found without marks (NULL-ended). */
extern const char *const parse_doc_header_vocab[];

enum parse_line_kind {
	LK_TEXT, LK_STAR, LK_NUMBER, LK_ABOUT, LK_PLACE_DATE, LK_PARTY, LK_STATE, LK_VV,
	LK_KINH_GUI, LK_NOI_NHAN, LK_AUTHORITY, LK_TITLE, LK_AUTHOR, LK_OPINION,
	LK_DEADLINE, LK_NAME, LK_UPPER,
};

enum parse_doc_phase { PH_HEAD, PH_BODY, PH_TAIL, PH_DONE };
enum parse_doc_target { T_NONE, T_ADDRESSEES, T_RECIPIENTS, T_INSTRUCTIONS };

struct parse_doc_body_src {
	const struct parse_block *b;
	size_t from, to; /* lines [from, to) of b belong to the body */
};

struct parse_doc_builder {
	struct doc doc;
	enum parse_doc_phase phase;
	enum parse_doc_target target;
	bool started, has_title, expect_subject, subject_vv;
	char org[64];      /* issuing-body code of the number */
	char code_kind[32];/* the number's type code when it names a kind */
	int about_line;    /* routing slip: line naming the document it is about */
	/* Where each source line of the subject starts in it, so references
	 * found there carry their own line. */
	struct parse_line_map subject_map;
	size_t subject_off[8];
	int subject_lines[8];
	char *issuer_lines[4];
	size_t nissuer;
	struct parse_doc_body_src *body;
	size_t nbody, body_cap;
};

struct parse_doc_state {
	struct parse_sink *diag;
	const struct parse_limits *lim;
	struct doc *docs;
	size_t ndocs, cap;
	struct parse_doc_builder cur;
	const struct parse_block *next; /* the block after the one being read, or NULL */
	/* Documents read without any header field: site furniture when the
	 * file holds a document with one, else documents shown without them. */
	size_t headless[16];
	size_t nheadless;
	bool oom;
};

/* parse_line.c */
/* Line i of b (i < b->nlines) as text, "" for an empty one; b owns it. */
const char *parse_doc_line_text(const struct parse_block *b, size_t i);
/* True when s, folded, starts with the folded word sequence prefix. */
bool parse_doc_fold_starts(const char *s, const char *prefix);
/* Finds the folded word sequence label at a word start in s; returns where
 * in s it starts (s's storage), NULL if absent. */
const char *parse_doc_label_at(const char *s, const char *label);
/* What follows label and its colon in s (a pointer into s), or NULL. */
const char *parse_doc_value_after(const char *s, const char *label);
/* "Số 581 - CV/ĐU": true when s is a number line, with the normalised
 * symbol, type and body code filled (sym is "" for a number left blank,
 * "Số: -QĐ/ĐU"). Buffers are truncated to their sizes. */
bool parse_doc_number_line(const char *s, char *sym, size_t symsz, char *type, size_t typesz,
		      char *org, size_t orgsz);
/* The kind code (static, not freed) when s is a type title: an upper-case
 * type name ("KẾT LUẬN", "KẾT LỦẬN") alone, or followed by its author
 * ("CỦA ..."), subject ("VỀ ...") or symbol; *rest is where what follows
 * starts (strlen(s) when nothing does). NULL when s is none. */
const char *parse_doc_title_kind(const char *s, size_t *rest);
/* What a header or tail line is; LK_TEXT when nothing else (or on ENOMEM). */
enum parse_line_kind parse_doc_classify(const char *s);
/* True for a received stamp: a short block with "Số đến:" / "Ngày đến:". */
bool parse_doc_block_is_stamp(const struct parse_block *b);
/* True for a transcriber's note on handwriting ("[Handwritten: ...]"). */
bool parse_doc_block_is_annotation(const struct parse_block *b);
/* Appends lines [from, to) of b to out with single spaces, styles kept,
 * then squeezes out; sets out->oom on failure. */
void parse_doc_join_lines(const struct parse_block *b, size_t from, size_t to, struct parse_text *out);
/* Lines [from, to) of b joined as plain text: the caller frees it; NULL on
 * ENOMEM. */
char *parse_doc_join_plain(const struct parse_block *b, size_t from, size_t to);
/* Sets bl's subject (replacing any) to lines [from, to) of b joined, and
 * remembers where each source line starts in it for its references. A
 * failed allocation leaves the subject NULL. */
void parse_doc_set_subject(struct parse_doc_builder *bl, const struct parse_block *b, size_t from, size_t to);
/* Copies value into *field when *field is still NULL and value is not;
 * sets ps->oom on ENOMEM. */
void parse_doc_set_str(struct parse_doc_state *ps, char **field, const char *value);
/* Takes ownership of value, freeing what *field held. */
void parse_doc_replace_str(char **field, char *value);
/* Appends a copy of a non-NULL, non-empty s to a string vector (the doc
 * owns it); sets ps->oom on ENOMEM. */
void parse_doc_push(struct parse_doc_state *ps, char ***v, size_t *n, const char *s);
/* A list item without "- ", form fill and trailing ",;" (and "." unless
 * kept): a new string the caller frees, NULL on ENOMEM. */
char *parse_doc_clean_item(const char *s, bool keep_final_dot);

/* parse_head.c */
/* Re-cuts the lines of b, a block of a document's head (foot false: up to
 * its type title or first body line) or foot (foot true: all of it), one
 * field to a line, joining lines that only wrap a phrase and collapsing
 * letter-spaced words. b's lines are replaced; it still owns them. Sets
 * *oom on allocation failure, b then unchanged or whole. */
void parse_doc_reflow(struct parse_block *b, bool foot, bool *oom);

/* True when s goes on naming the organisation of the line before it
 * ("TỈNH HẬU GIANG" after "ỦY BAN NHÂN DÂN"): a locality, not a body. */
bool parse_doc_name_goes_on(const char *s);

/* Length of the signer's authority marker ("T/M", "KT.", "TUQ.") at the
 * start of s, any case and marks, or 0. */
size_t parse_doc_authority_at(const char *s);

/* parse_parts.c */
/* Reads a received stamp block into bl's doc (receiver, number as written
 * and as digits, date); warns of a handwritten, uncertain number. */
void parse_doc_take_stamp(struct parse_doc_state *ps, struct parse_doc_builder *bl, const struct parse_block *b);
/* Appends the addressees of rest ("- A - B", "Đ/c X ...", NULL for none)
 * to bl's doc, a title misread off a dotted form repaired. */
void parse_doc_take_addressees(struct parse_doc_state *ps, struct parse_doc_builder *bl, const char *rest);

/* parse_finish.c */
/* Completes the document being built, appends it to ps->docs (or drops it
 * with a warning when it is not a document) and resets the builder. */
void parse_doc_finish(struct parse_doc_state *ps);
/* Fills what one document of the file says of another; inferred values.
 * Then warns, per document, of each field still missing, naming its line. */
void parse_doc_link(struct parse_doc_state *ps);
/* Drops the documents read without any header field when the file also
 * holds one with a header: a site's lead before the document is not one.
 * Each dropped stretch is a warning naming its lines. */
void parse_doc_drop_furniture(struct parse_doc_state *ps);

#endif
