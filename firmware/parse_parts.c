/* SPDX-License-Identifier: MIT */
/* parse_parts.c: the received stamp (dấu ĐẾN) and the addressees (Kính gửi),
 * including handwriting read off a dotted form. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "norm.h"
#include "parse_doc.h"

/* Position titles, to repair handwriting read off a dotted form. */
static const char *const title_vocab[] = {
	"Phó Bí thư chuyên trách", "Phó Bí thư thường trực", "Phó Chánh Văn phòng",
	"Chánh Văn phòng", "Phó Trưởng ban", "Trưởng ban", "Phó Bí thư", "Bí thư", NULL,
};

/* ---- the received stamp ---------------------------------------------- */

void parse_doc_take_stamp(struct parse_doc_state *ps, struct parse_doc_builder *bl, const struct parse_block *b)
{
	struct doc_received *r = &bl->doc.received;

	r->present = true;
	for (size_t i = 0; i < b->nlines; i++) {
		const char *s = parse_doc_line_text(b, i);
		const char *num = parse_doc_value_after(s, "so den");
		const char *day = parse_doc_value_after(s, "ngay den");
		char *f = norm_fold(s);
		if (i == 0 && !num && !day && f && strcmp(f, "den") != 0 && !r->by)
			r->by = norm_repair(s, parse_doc_header_vocab);
		free(f);
		if (num && !r->number_raw) {
			/* "Số đến: 711 Ngày đến: ..." on one line: the number stops
			 * where the date's label starts. */
			const char *day_label = day ? parse_doc_label_at(s, "ngay den") : NULL;
			size_t len = day_label > num ? (size_t)(day_label - num) : strlen(num);
			char *raw = strndup(num, len);
			r->number_raw = raw ? parse_lex_strip_fill(raw) : NULL;
			free(raw);
			if (r->number_raw && !*r->number_raw) {
				free(r->number_raw);
				r->number_raw = NULL;
			}
			if (r->number_raw) {
				char digits[64];
				size_t nd = 0;
				bool only = true;
				for (const char *p = r->number_raw; *p; p++) {
					if (*p >= '0' && *p <= '9') {
						if (nd + 1 < sizeof digits)
							digits[nd++] = *p;
					} else {
						only = false;
					}
				}
				digits[nd] = '\0';
				bool numeric = nd > 0;
				for (const char *p = r->number_raw; *p && numeric; p++)
					numeric = (*p >= '0' && *p <= '9') || *p == '.' || *p == ' ';
				if (numeric)
					r->number = strdup(digits);
				r->number_uncertain = !only;
				if (!only)
					parse_diag_add(ps->diag, PARSE_WARNING, b->lines[i].line, "received",
						  numeric ? "received stamp number \"%s\" is handwritten and uncertain; read as %s"
							  : "received stamp number field holds \"%s\", not a number",
						  r->number_raw, digits);
			}
		}
		if (day)
			parse_lex_date(day, &r->date);
	}
}

/* ---- addressees ------------------------------------------------------- */

static bool words_match(const char *a, const char *b, bool *fuzzy)
{
	char *fa = norm_fold(a), *fb = norm_fold(b);
	bool ok = fa && fb && strcmp(fa, fb) == 0;

	/* One handwriting misread is forgiven when both words begin alike
	 * ("Chức" for "chuyên"). */
	if (!ok && fuzzy && !*fuzzy && fa && fb && strncmp(fa, fb, 2) == 0) {
		ok = true;
		*fuzzy = true;
	}
	free(fa);
	free(fb);
	return ok;
}

/* "Đ/c Mai Quang Huy Phó Bí Thư Chức trách Đảng ủy TTXVN" ->
 * "Đ/c Mai Quang Huy, Phó Bí thư chuyên trách Đảng ủy TTXVN". */
static char *fix_addressee(const char *s)
{
	char *t = parse_lex_strip_fill(s), *words[48], *out = NULL;
	size_t nw = 0;

	if (!t)
		return NULL;
	if (!parse_doc_fold_starts(t, "d/c"))
		return t;
	for (char *save = NULL, *w = strtok_r(t, " ", &save); w && nw < 48; w = strtok_r(NULL, " ", &save))
		words[nw++] = w;
	for (size_t k = 2; k < nw && !out; k++) {
		for (const char *const *tv = title_vocab; *tv && !out; tv++) {
			char *tw = strdup(*tv), *tws[8];
			size_t nt = 0;
			if (!tw)
				break;
			char *save = NULL;
			for (char *w = strtok_r(tw, " ", &save); w && nt < 8;
			     w = strtok_r(NULL, " ", &save))
				tws[nt++] = w;
			bool fuzzy = nt < 4; /* short titles must match exactly */
			bool ok = k + nt <= nw;
			for (size_t j = 0; ok && j < nt; j++)
				ok = words_match(words[k + j], tws[j], &fuzzy);
			if (ok) {
				size_t len = strlen(s) + strlen(*tv) + 8, o = 0;
				out = malloc(len);
				for (size_t j = 0; out && j < k; j++)
					o += (size_t)snprintf(out + o, len - o, "%s%s", j ? " " : "", words[j]);
				if (out)
					o += (size_t)snprintf(out + o, len - o, ", %s", *tv);
				for (size_t j = k + nt; out && j < nw; j++)
					o += (size_t)snprintf(out + o, len - o, " %s", words[j]);
			}
			free(tw);
		}
	}
	if (out) {
		free(t);
		return out;
	}
	/* No title found: give the words back with single spaces. */
	char *joined = parse_lex_strip_fill(s);
	free(t);
	return joined;
}

void parse_doc_take_addressees(struct parse_doc_state *ps, struct parse_doc_builder *bl, const char *rest)
{
	/* "Kính gửi: - A - B" or "Kính gửi: Đ/c X" */
	char *copy = strdup(rest ? rest : ""), *p = copy;

	if (!copy) {
		ps->oom = true;
		return;
	}
	while (p && *p) {
		while (*p == ' ' || *p == '-')
			p++;
		char *next = strstr(p, " - ");
		if (next)
			*next = '\0';
		char *item = parse_doc_clean_item(p, false);
		char *fixed = item ? fix_addressee(item) : NULL;
		parse_doc_push(ps, &bl->doc.addressees, &bl->doc.naddressees, fixed);
		free(item);
		free(fixed);
		p = next ? next + 3 : NULL;
	}
	free(copy);
}
