/* SPDX-License-Identifier: MIT */
/*
 * parse: turns one source text (an OCR'd, Markdown-ish scan like those in
 * data/samples/) into documents and diagnostics. It is pure: a buffer in,
 * a parse_result out; no file, clock or database access. The result owns
 * every document and diagnostic; parse_result_free() releases them.
 */
#ifndef BANGTIN_PARSE_H
#define BANGTIN_PARSE_H

#include <stddef.h>

#include "doc.h"

enum parse_severity {
	PARSE_WARNING = 1, /* imported, but a value is uncertain or was repaired */
	PARSE_ERROR = 2,   /* the file is refused */
};

struct parse_diag {
	enum parse_severity severity;
	int line;          /* 1-based source line; a refusal of the whole file
			    * names the line it looked at (the first, the one
			    * where a limit is crossed, where the header was
			    * expected) */
	char field[32];    /* "number", "date", "encoding", ... or "" */
	char message[256]; /* English, names what is wrong: "not UTF-8 at byte 1234" */
};

/* Limits on one source file; parse_limits_default() gives sane values. */
struct parse_limits {
	size_t max_bytes;     /* whole file */
	size_t max_lines;
	size_t max_line_bytes;
	size_t max_docs;      /* documents in one file */
};

struct parse_result {
	struct doc *docs;
	size_t ndocs;
	struct parse_diag *diags;
	size_t ndiags;
	size_t nerrors; /* diagnostics with PARSE_ERROR */
};

/* The built-in limits: 1 MiB, 20000 lines, 64 KiB per line, 64 documents. */
struct parse_limits parse_limits_default(void);

/*
 * Parses len bytes of buf. name is only used in messages. limits may be NULL
 * for the defaults. Fills *out (which the caller zero-initialises or not; it
 * is overwritten). Returns 0 when the file yields documents and no error
 * diagnostic; -1 otherwise, with at least one PARSE_ERROR in out->diags.
 * Returns -1 with an "out of memory" error when allocation fails. In every
 * case the caller releases *out with parse_result_free().
 */
int parse_buffer(const char *name, const char *buf, size_t len,
		 const struct parse_limits *limits, struct parse_result *out);

/* Releases the documents and diagnostics; NULL and zeroed results are fine. */
void parse_result_free(struct parse_result *res);

/* Formats a diagnostic as "NAME:LINE: error: [field] message" into buf. */
char *parse_diag_format(const char *name, const struct parse_diag *d,
			char *buf, size_t size);

#endif
