/* SPDX-License-Identifier: MIT */
/* ctl_report: what import and pack print of each document the parser read:
 * a short table of the fields a clerk checks, each marked when missing,
 * inferred or stated. */
#define LOG_TAG "ctl"
#include "ctl.h"

#include <stdio.h>
#include <string.h>

#include "log.h"

/* Code points of a subject in the table and the import line. */
#define REPORT_SUBJECT_WIDTH 60
/* Labels are padded to this many code points ("Trích yếu:" + 2). */
#define REPORT_LABEL_WIDTH 12

char *ctl_doc_subject(const struct doc *doc, char *buf, size_t size)
{
	char what[256];

	if (doc->subject && *doc->subject)
		return ctl_shorten(doc->subject, REPORT_SUBJECT_WIDTH, buf, size);
	/* A routing slip has no trích yếu: say what it is about. */
	snprintf(what, sizeof what, "(%s%s%s)",
		 doc->type_name ? doc->type_name : doc->kind ? doc->kind : "?",
		 doc->link_symbol ? " về " : "", doc->link_symbol ? doc->link_symbol : "");
	return ctl_shorten(what, REPORT_SUBJECT_WIDTH, buf, size);
}

/* One row: label, value (or the missing mark), then the stated or inferred
 * mark. A stated value is never also inferred. */
static void report_row(FILE *f, int indent, const char *label, const char *value, bool stated,
		       bool inferred)
{
	char l[64];

	snprintf(l, sizeof l, "%s:", label);
	fprintf(f, "%*s", indent, "");
	ctl_pad(f, l, REPORT_LABEL_WIDTH);
	fputs(value && *value ? value : CTL_MARK_MISSING, f);
	if (stated)
		fputs("  " CTL_MARK_STATED, f);
	else if (inferred && value && *value)
		fputs("  " CTL_MARK_INFERRED, f);
	fputc('\n', f);
}

/* "Sơn Minh Thắng — T/M BAN THƯỜNG VỤ, BÍ THƯ": the name (or the missing
 * mark), then the authority and title lines when there are any. */
static char *report_signer(const struct doc_signer *s, char *buf, size_t size)
{
	const char *name = s->name && *s->name ? s->name : CTL_MARK_MISSING;
	const char *a = s->authority && *s->authority ? s->authority : NULL;
	const char *t = s->title && *s->title ? s->title : NULL;

	snprintf(buf, size, "%s%s%s%s%s", name, a || t ? " — " : "", a ? a : "",
		 a && t ? ", " : "", t ? t : "");
	return buf;
}

void ctl_doc_table(FILE *f, const struct doc *doc, int indent)
{
	char kind[128] = "", date[11], signer[768], subject[256];
	const uint32_t st = doc->stated;

	if (doc->kind)
		snprintf(kind, sizeof kind, "%s (%s)", doc->kind,
			 doc->type_name ? doc->type_name : "?");
	report_row(f, indent, "Loại", kind, st & DOC_FIELD_KIND, false);
	report_row(f, indent, "Số", doc->number, st & DOC_FIELD_NUMBER, doc->number_inferred);
	report_row(f, indent, "Ngày", doc_date_vn(doc->date, date), st & DOC_FIELD_DATE,
		   doc->date_inferred);
	report_row(f, indent, "Cơ quan", doc->issuer, st & DOC_FIELD_ISSUER,
		   doc->issuer_inferred);
	report_row(f, indent, "Người ký", report_signer(&doc->signer, signer, sizeof signer),
		   st & (DOC_FIELD_SIGNER_NAME | DOC_FIELD_SIGNER_TITLE |
			 DOC_FIELD_SIGNER_AUTHORITY), false);
	/* A routing slip has no trích yếu by nature: it says what it is about. */
	report_row(f, indent, "Trích yếu",
		   (doc->subject && *doc->subject) || doc->link_symbol
			   ? ctl_doc_subject(doc, subject, sizeof subject) : NULL,
		   st & DOC_FIELD_SUBJECT, false);
}

uint32_t ctl_doc_lacks(const struct doc *doc)
{
	uint32_t lacks = 0;

	if (!doc->number || !*doc->number)
		lacks |= DOC_FIELD_NUMBER;
	if (doc->date.y == 0)
		lacks |= DOC_FIELD_DATE;
	if (!doc->kind || !*doc->kind)
		lacks |= DOC_FIELD_KIND;
	return lacks;
}

void ctl_parsed_table(FILE *f, const struct ctl_parsed *p)
{
	for (size_t i = 0; p->results && i < p->files.n; i++) {
		const struct parse_result *res = &p->results[i];
		for (size_t d = 0; d < res->ndocs; d++) {
			fprintf(f, "%s:%d-%d\n", p->files.items[i].path, res->docs[d].first_line,
				res->docs[d].last_line);
			ctl_doc_table(f, &res->docs[d], 2);
		}
	}
}

size_t ctl_parsed_strict(const struct ctl_parsed *p)
{
	size_t bad = 0;

	for (size_t i = 0; p->results && i < p->files.n; i++) {
		const struct parse_result *res = &p->results[i];
		for (size_t d = 0; d < res->ndocs; d++) {
			const struct doc *doc = &res->docs[d];
			uint32_t lacks = ctl_doc_lacks(doc);
			if (!lacks)
				continue;
			bad++;
			log_error("%s:%d: document without its %s%s%s%s%s; state it in the file's "
				  "front matter (see bangtinctl(1))", p->files.items[i].path,
				  doc->first_line, lacks & DOC_FIELD_NUMBER ? "number" : "",
				  (lacks & DOC_FIELD_NUMBER) && (lacks & ~DOC_FIELD_NUMBER) ? ", " : "",
				  lacks & DOC_FIELD_DATE ? "date" : "",
				  (lacks & DOC_FIELD_KIND) && (lacks & ~DOC_FIELD_KIND) ? ", " : "",
				  lacks & DOC_FIELD_KIND ? "kind" : "");
		}
	}
	return bad;
}
