/* SPDX-License-Identifier: MIT */
/*
 * doc: the document model every other module speaks. A struct doc is one
 * Party or state document as read from a source file: its header metadata,
 * structured body, signer, recipients, received stamp, references and link.
 * The model owns its strings; doc_free() releases them. It does no parsing,
 * no I/O and no SQL.
 */
#ifndef BANGTIN_DOC_H
#define BANGTIN_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A calendar date; y == 0 means "absent". */
struct doc_date {
	int y, m, d;
};

/* Inline style bits of a span of a block's text. */
enum doc_style {
	DOC_STYLE_BOLD = 1u << 0,
	DOC_STYLE_ITALIC = 1u << 1,
};

/* A styled run: bytes [start, start + len) of its block's text. Spans do not
 * overlap and are sorted by start; text outside every span is plain. */
struct doc_span {
	uint32_t start;
	uint32_t len;
	uint32_t style; /* enum doc_style bits */
};

enum doc_block_type {
	DOC_BLOCK_PARA = 0,    /* body paragraph */
	DOC_BLOCK_HEADING = 1, /* section heading ("I. ĐÁNH GIÁ ...") */
	DOC_BLOCK_POINT = 2,   /* numbered point: label "1.", "1-", "(1)", "a)", "Một là:" */
	DOC_BLOCK_BULLET = 3,  /* "- " item */
};

struct doc_block {
	enum doc_block_type type;
	int level;           /* heading: 1 = roman section, 2 = numbered section; else 0 */
	char *label;         /* "I.", "1-", "(1)", "Một là:" or NULL; not part of text */
	char *text;          /* NFC UTF-8 without markup */
	struct doc_span *spans;
	size_t nspans;
	int line;            /* 1-based source line where the block starts */
};

/* A reference to another document found in the body or subject. */
struct doc_ref {
	char *symbol;         /* normalised "08-NQ/ĐUK" */
	struct doc_date date; /* absent when the text gives none */
	char *type_name;      /* type word of the sentence ("Quy định"), or NULL */
	char *issuer;         /* "của ..." phrase when given ("Ban Bí thư"), or NULL */
	int line;
};

struct doc_signer {
	char *authority; /* "T/M BAN THƯỜNG VỤ", "K/T TRƯỞNG BAN", "TL. CHỦ TỊCH" or NULL */
	char *title;     /* "BÍ THƯ" or NULL */
	char *name;      /* "Sơn Minh Thắng" or NULL: never invented */
};

/* The receiving office's stamp (dấu ĐẾN): metadata of the receiver. */
struct doc_received {
	bool present;
	char *by;             /* "ĐẢNG ỦY TTXVN" */
	char *number_raw;     /* as written, markup and dotted fill removed: "11.82", "KL" */
	char *number;         /* digits only when the raw value is a number, else NULL */
	bool number_uncertain;/* handwriting noise: dots inside, letters, ... */
	struct doc_date date; /* Ngày đến */
};

/* How this document points at another one. */
enum doc_link_type {
	DOC_LINK_NONE = 0,
	DOC_LINK_FORWARDS = 1,  /* a cover letter forwarding (phổ biến, sao gửi) it */
	DOC_LINK_ANNOTATES = 2, /* a routing slip about it */
};

/* Which screen group a document belongs to. */
enum doc_group {
	DOC_GROUP_OTHER = 0,      /* internal forms (routing slips) */
	DOC_GROUP_CONCLUSION = 1, /* KL, and TB whose subject is a conclusion */
	DOC_GROUP_DIRECTIVE = 2,  /* NQ, CT, QĐ, QĐi, HD, KH, QC, TT, CTr, ... */
	DOC_GROUP_NOTICE = 3,     /* TB, CV, BC, ... */
};

struct doc {
	char *kind;        /* type code: "KL", "CV", "TB", "QĐi", "PXYK" (routing slip) */
	char *type_name;   /* "Kết luận", "Công văn", "Phiếu xin ý kiến" */
	char *number;      /* "516-KL/ĐUK", "454/UBND-NCTH" or NULL */
	bool number_inferred;
	char *issuer;      /* "ĐẢNG ỦY THÔNG TẤN XÃ VIỆT NAM" or NULL */
	bool issuer_inferred;
	char *parent;      /* superior body, "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TW", or NULL */
	bool parent_inferred;
	char *author;      /* author line under the title, "CỦA BAN CHẤP HÀNH ĐẢNG BỘ KHỐI" */
	bool party_header; /* "ĐẢNG CỘNG SẢN VIỆT NAM" printed */
	bool state_header; /* "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" printed */
	char *place;       /* "Hà Nội" */
	struct doc_date date;
	bool date_inferred;
	char *subject;     /* trích yếu, one line; "V/v ..." for a công văn */

	struct doc_block *blocks;
	size_t nblocks;

	char **addressees; /* Kính gửi */
	size_t naddressees;
	char **recipients; /* Nơi nhận, without "- " and trailing ",;." */
	size_t nrecipients;
	char **instructions; /* routing slip opinions; a cover letter's "Đề nghị ..." */
	size_t ninstructions;
	char **annotations;  /* handwritten notes removed from the body */
	size_t nannotations;

	struct doc_signer signer;
	struct doc_received received;

	struct doc_ref *refs;
	size_t nrefs;

	enum doc_link_type link_type;
	char *link_symbol;  /* the document forwarded or annotated */

	int first_line, last_line; /* 1-based source lines of this document */

	uint32_t stated; /* enum doc_field bits: values the clerk stated (front.h) */
};

/* The fields a clerk can state in a source file's front matter (front.h).
 * Each stated value wins over what the parser read and is stored as given. */
enum doc_field {
	DOC_FIELD_NUMBER = 1u << 0,           /* number */
	DOC_FIELD_DATE = 1u << 1,             /* date */
	DOC_FIELD_KIND = 1u << 2,             /* kind (and its type_name) */
	DOC_FIELD_ISSUER = 1u << 3,           /* issuer */
	DOC_FIELD_PARENT = 1u << 4,           /* parent */
	DOC_FIELD_PLACE = 1u << 5,            /* place */
	DOC_FIELD_SUBJECT = 1u << 6,          /* subject */
	DOC_FIELD_SIGNER_NAME = 1u << 7,      /* signer.name */
	DOC_FIELD_SIGNER_TITLE = 1u << 8,     /* signer.title */
	DOC_FIELD_SIGNER_AUTHORITY = 1u << 9, /* signer.authority */
};
#define DOC_FIELD_COUNT 10

/* The English name of one enum doc_field bit, as scripts see it ("number",
 * "date", "kind", "issuer", "parent", "place", "subject", "signer_name",
 * "signer_title", "signer_authority"); NULL for anything else. Static. */
const char *doc_field_name(uint32_t field);

/* Releases everything the document owns and zeroes it; NULL is fine. */
void doc_free(struct doc *doc);

/* Returns the screen group of the document (pure; never fails). */
enum doc_group doc_group(const struct doc *doc);

/* Writes the document's identity into buf: "516-KL/ĐUK@2023-01-18" when it
 * has a number, else a stable "~KIND@DATE#hash" from its kind, date, issuer,
 * subject, link and first block. Returns buf; truncates to size. */
char *doc_key(const struct doc *doc, char *buf, size_t size);

/* Formats a date as "YYYY-MM-DD" into buf (at least 11 bytes), or "" when
 * absent. Returns buf. */
char *doc_date_iso(struct doc_date date, char *buf);

/* Parses "YYYY-MM-DD"; returns false (and an absent date) on any other text. */
bool doc_date_from_iso(const char *s, struct doc_date *out);

/* Formats a date the way the documents print it, "dd/mm/yyyy", into buf (at
 * least 11 bytes); "" when it is not a valid date. Returns buf. */
char *doc_date_vn(struct doc_date date, char *buf);

/* "YYYY-MM-DD" (as the store keeps dates) -> "dd/mm/yyyy" into buf (at least
 * 11 bytes); "" for NULL or any other text. Returns buf. */
char *doc_date_iso_to_vn(const char *iso, char *buf);

/* Parses "d/m/yyyy" (one or two digit day and month, "/", "-" or "."
 * between them, nothing else around); returns false (and an absent date) on
 * any other text or a date that does not exist (doc_date_valid). */
bool doc_date_from_vn(const char *s, struct doc_date *out);

/* True when y-m-d is a real calendar date between 1930 and 2199. */
bool doc_date_valid(int y, int m, int d);

/* Kind table: type code -> Vietnamese type name and group. Lookup is exact
 * on the normalised code ("QĐ", "QĐi", "CTr"); returns NULL when unknown. */
const char *doc_kind_name(const char *code);
enum doc_group doc_kind_group(const char *code);

/* Returns the table's spelling of a type code given in any case ("QĐI" ->
 * "QĐi", "ctr" -> "CTr"), or NULL when the code is not in the table. */
const char *doc_kind_canonical(const char *code);

/* Returns the code for a printed type name ("KẾT LUẬN", "Kết luận",
 * "KET LUAN", "KẾT LỦẬN", letter-spaced "K Ế T L U Ậ N"), or NULL.
 * Diacritic-, case- and letter-spacing-insensitive. */
const char *doc_kind_from_name(const char *name);

/* Appends the whole text of the body to a freshly allocated string, blocks
 * separated by "\n", labels included. The caller frees it. NULL on ENOMEM. */
char *doc_body_text(const struct doc *doc);

/* Serialises block spans as "start:len:style;..." (empty string for none)
 * and back. Serialise returns a malloc'ed string (NULL on ENOMEM); parse
 * returns false on malformed input or spans outside text_len. */
char *doc_spans_format(const struct doc_span *spans, size_t n);
bool doc_spans_parse(const char *s, size_t text_len, struct doc_span **spans, size_t *n);

#endif
