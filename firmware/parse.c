/* SPDX-License-Identifier: MIT */
/* parse.c: the parser's entry point. It refuses what is not text (empty,
 * binary, not UTF-8, over the limits), normalises what is (NFC, LF, no tabs,
 * no decoration lines) line for line so line numbers stay true, and hands the
 * result to md4c and the document reader. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "front.h"
#include "norm.h"
#include "parse_int.h"

struct parse_limits parse_limits_default(void)
{
	return (struct parse_limits){
		.max_bytes = 1024 * 1024,
		.max_lines = 20000,
		.max_line_bytes = 64 * 1024,
		.max_docs = 64,
	};
}

void parse_diag_add(struct parse_sink *d, enum parse_severity sev, int line, const char *field,
	       const char *fmt, ...)
{
	struct parse_result *res = d->res;
	struct parse_diag *v = realloc(res->diags, (res->ndiags + 1) * sizeof *v);
	va_list ap;

	if (!v) {
		d->oom = true;
		return;
	}
	res->diags = v;
	struct parse_diag *p = &v[res->ndiags++];
	memset(p, 0, sizeof *p);
	p->severity = sev;
	p->line = line;
	snprintf(p->field, sizeof p->field, "%s", field ? field : "");
	va_start(ap, fmt);
	vsnprintf(p->message, sizeof p->message, fmt, ap);
	va_end(ap);
	if (sev == PARSE_ERROR)
		res->nerrors++;
}

char *parse_diag_format(const char *name, const struct parse_diag *d, char *buf, size_t size)
{
	const char *sev = d->severity == PARSE_ERROR ? "error" : "warning";

	snprintf(buf, size, "%s:%d: %s: %s%s%s%s", name, d->line, sev, d->field[0] ? "[" : "",
		 d->field, d->field[0] ? "] " : "", d->message);
	return buf;
}

void parse_result_free(struct parse_result *res)
{
	if (!res)
		return;
	for (size_t i = 0; i < res->ndocs; i++)
		doc_free(&res->docs[i]);
	free(res->docs);
	free(res->diags);
	memset(res, 0, sizeof *res);
}

static int line_at(const char *buf, size_t off)
{
	int line = 1;

	for (size_t i = 0; i < off; i++)
		line += buf[i] == '\n';
	return line;
}

/* Refuses what is not a text file the parser can take. */
static bool check_input(const char *buf, size_t len, const struct parse_limits *lim,
			struct parse_sink *d)
{
	size_t bad, line_len = 0, lines = 1;
	bool blank = true;

	if (len == 0) {
		parse_diag_add(d, PARSE_ERROR, 1, "content", "file is empty: line 1 holds nothing");
		return false;
	}
	if (len > lim->max_bytes) {
		parse_diag_add(d, PARSE_ERROR, line_at(buf, lim->max_bytes), "size",
			  "file is %zu bytes, over the limit of %zu (reached on this line)",
			  len, lim->max_bytes);
		return false;
	}
	/* Report whichever comes first: a control byte (binary data) or a byte
	 * that is not UTF-8. */
	size_t ctrl = len;
	for (size_t i = 0; i < len && ctrl == len; i++) {
		unsigned char c = (unsigned char)buf[i];
		if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') || c == 0x7f)
			ctrl = i;
	}
	if (norm_utf8_valid(buf, len, &bad))
		bad = len;
	if (ctrl < len && ctrl <= bad) {
		parse_diag_add(d, PARSE_ERROR, line_at(buf, ctrl), "encoding",
			  "binary content: control byte 0x%02x at byte %zu%s",
			  (unsigned char)buf[ctrl], ctrl, buf[ctrl] ? "" :
			  " (UTF-16 without its byte order mark? save the file as UTF-8: "
			  "Notepad: File > Save As, Encoding: UTF-8)");
		return false;
	}
	if (bad < len) {
		parse_diag_add(d, PARSE_ERROR, line_at(buf, bad), "encoding",
			  "not UTF-8: invalid byte 0x%02x at byte %zu; save the file as UTF-8 "
			  "(Notepad: File > Save As, Encoding: UTF-8)", (unsigned char)buf[bad], bad);
		return false;
	}
	/* C1 and bidirectional controls would reach the screen and a clerk's
	 * terminal: a U+202E can make a number read backwards. */
	long cp;
	if (norm_find_control(buf, len, &bad, &cp)) {
		parse_diag_add(d, PARSE_ERROR, line_at(buf, bad), "encoding",
			  "control character U+%04lX (%s) at byte %zu: not text; remove it",
			  (unsigned long)cp, norm_control_name(cp), bad);
		return false;
	}
	for (size_t i = 0; i < len; i++) {
		if (buf[i] == '\n') {
			lines++;
			line_len = 0;
			continue;
		}
		if (++line_len > lim->max_line_bytes) {
			parse_diag_add(d, PARSE_ERROR, (int)lines, "size",
				  "line is longer than %zu bytes", lim->max_line_bytes);
			return false;
		}
		if (buf[i] != ' ' && buf[i] != '\t' && buf[i] != '\r' && buf[i] != '\f')
			blank = false;
	}
	if (lines > lim->max_lines) {
		parse_diag_add(d, PARSE_ERROR, (int)lim->max_lines + 1, "lines",
			  "file has %zu lines, over the limit of %zu", lines, lim->max_lines);
		return false;
	}
	if (blank) {
		parse_diag_add(d, PARSE_ERROR, 1, "content",
			  "file holds only white space: lines 1-%zu are blank", lines);
		return false;
	}
	return true;
}

/* True for a decoration line: a rule of dashes, underscores or equals signs. */
static bool is_rule(const char *s, size_t n)
{
	size_t marks = 0;

	/* "**-------**": a rule a web copy set in bold is still a rule. */
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '-' || s[i] == '_' || s[i] == '=')
			marks++;
		else if (s[i] != ' ' && s[i] != '*')
			return false;
	}
	return marks >= 3;
}

/* True for a line of nothing but emphasis marks and table bars: "|",
 * "** **", "* *". A web table's cell border or an emptied bold run
 * carries no text; blanking it also ends the Markdown paragraph, so the
 * cells of a flattened table become paragraphs of their own. */
static bool is_empty_markup(const char *s, size_t n)
{
	bool gap = false;

	for (size_t i = 0; i < n; i++) {
		if (s[i] != '|' && s[i] != '*' && s[i] != ' ' && s[i] != '_')
			return false;
		gap |= s[i] == '|' || s[i] == ' ';
	}
	/* A bare "**" closes a bold run opened on the line above: kept. */
	return gap;
}

/* A run of rule marks glued to text ("AN GIANG******", "---KẾT LUẬN") is
 * decoration a copy lost the line break of. */
static bool is_rule_mark(char c)
{
	return c == '*' || c == '-' || c == '_' || c == '=';
}

/* Drops table bars at either end of a line and rule runs glued to its text;
 * keeps a balanced "**" where the run closed a bold one. Returns the new
 * length (the line is trimmed). */
static size_t strip_decoration(char *s, size_t n)
{
	size_t a = 0, b = n;

	size_t text_end = n;
	while (text_end && s[text_end - 1] == ' ')
		text_end--;
	if (s[a] == '|')
		while (a < b && (s[a] == '|' || s[a] == ' '))
			a++;
	/* Trailing spaces are a Markdown hard break: kept unless a bar or a
	 * rule run is cut from the end. */
	if (text_end > a && s[text_end - 1] == '|') {
		b = text_end;
		while (b > a && (s[b - 1] == '|' || s[b - 1] == ' '))
			b--;
	}
	size_t run = 0;
	size_t tb = b;
	while (tb > a && s[tb - 1] == ' ')
		tb--;
	while (run < tb - a && is_rule_mark(s[tb - 1 - run]) && s[tb - 1 - run] == s[tb - 1])
		run++;
	if (run >= 3 && run < tb - a) {
		b = tb;
		bool bold = s[b - 1] == '*' && b - a > 2 && s[a] == '*' && s[a + 1] == '*';
		b -= run;
		if (bold) {
			s[b++] = '*';
			s[b++] = '*';
		}
	}
	run = 0;
	while (a + run < b && is_rule_mark(s[a + run]) && s[a + run] == s[a] && s[a] != '*')
		run++;
	if (run >= 3 && a + run < b)
		a += run;
	memmove(s, s + a, b - a);
	return b - a;
}

/* Rewrites one NFC line into out: tabs, NBSP and form feeds become spaces,
 * leading and trailing-on-blank white space goes, the Party "*" separator is
 * escaped so md4c keeps it as text, decoration rules are blanked. */
static size_t clean_line(const char *s, size_t n, char *out)
{
	size_t o = 0, i = 0;

	if (n && s[n - 1] == '\r')
		n--;
	for (; i < n; i++) {
		if (s[i] == '\t' || s[i] == '\f') {
			out[o++] = ' ';
		} else if ((unsigned char)s[i] == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) {
			out[o++] = ' ';
			i++;
		} else {
			out[o++] = s[i];
		}
	}
	size_t lead = 0;
	while (lead < o && out[lead] == ' ')
		lead++;
	memmove(out, out + lead, o - lead);
	o -= lead;
	size_t end = o;
	while (end && out[end - 1] == ' ')
		end--;
	if (end == 0)
		return 0;
	if ((end == 1 && out[0] == '*') || (end == 2 && out[0] == '\\' && out[1] == '*')) {
		memcpy(out, "\\*", 2);
		return 2;
	}
	if (is_rule(out, end) || is_empty_markup(out, end))
		return 0;
	return strip_decoration(out, o);
}

/* Refuses a file that holds no document, naming the line its header was
 * expected on (the first line with text) and what stands there. */
static void refuse_whole(struct parse_sink *d, const char *clean, const size_t *starts, size_t nlines)
{
	for (size_t i = 0; i < nlines; i++) {
		const char *s = clean + starts[i];
		size_t n = strcspn(s, "\n");
		if (!n)
			continue;
		/* A short quote, cut at a character boundary. */
		size_t q = n < 60 ? n : 60;
		while (q < n && q > 0 && ((unsigned char)s[q] & 0xC0) == 0x80)
			q--;
		parse_diag_add(d, PARSE_ERROR, (int)i + 1, "content",
			  "no document: expected its header (issuing body, motto, number or type "
			  "title such as KẾT LUẬN) on line %zu, found \"%.*s%s\"; nor does any "
			  "part of the text have a signer or recipients", i + 1, (int)q, s,
			  q < n ? "..." : "");
		return;
	}
	parse_diag_add(d, PARSE_ERROR, 1, "content", "no document: no line holds text");
}

int parse_buffer(const char *name, const char *buf, size_t len,
		 const struct parse_limits *limits, struct parse_result *out)
{
	struct parse_limits lim = limits ? *limits : parse_limits_default();
	struct parse_sink d = { .res = out };
	struct front front = { 0 };
	struct parse_diag ferr;
	struct parse_block *blocks = NULL;
	size_t nblocks = 0, nlines = 0, *starts = NULL;
	char *nfc = NULL, *clean = NULL;

	(void)name;
	memset(out, 0, sizeof *out);
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
		buf += 3;
		len -= 3;
	}
	if (!check_input(buf, len, &lim, &d))
		goto done;
	/* The clerk's front matter: read apart, its lines kept blank below so
	 * every diagnostic still names the file's own line. */
	if (front_read(buf, len, &front, &ferr) != 0) {
		parse_diag_add(&d, PARSE_ERROR, ferr.line, ferr.field, "%s", ferr.message);
		goto done;
	}
	nfc = norm_nfc(buf, len);
	if (!nfc)
		goto oom;
	size_t nlen = strlen(nfc);
	/* A lone "*" becomes "\\*": a line may grow by one byte. */
	clean = malloc(2 * nlen + 2);
	starts = malloc((nlen + 2) * sizeof *starts);
	if (!clean || !starts)
		goto oom;
	size_t o = 0;
	for (const char *p = nfc; ; ) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		starts[nlines++] = o;
		if (nlines > (size_t)front.last_line)
			o += clean_line(p, n, clean + o);
		clean[o++] = '\n';
		if (!nl)
			break;
		p = nl + 1;
	}
	clean[o] = '\0';
	if (parse_md_blocks(clean, o, starts, nlines, &blocks, &nblocks) < 0)
		goto oom;
	if (parse_doc_build(blocks, nblocks, &lim, &d, &out->docs, &out->ndocs) < 0)
		goto oom;
	if (front_apply(&front, out) != 0)
		goto oom;
	if (out->ndocs == 0 && out->nerrors == 0)
		refuse_whole(&d, clean, starts, nlines);
	goto done;
oom:
	parse_diag_add(&d, PARSE_ERROR, 1, "memory", "out of memory");
done:
	parse_md_free(blocks, nblocks);
	front_free(&front);
	free(nfc);
	free(clean);
	free(starts);
	if (d.oom)
		out->nerrors++;
	if (out->nerrors) {
		for (size_t i = 0; i < out->ndocs; i++)
			doc_free(&out->docs[i]);
		free(out->docs);
		out->docs = NULL;
		out->ndocs = 0;
		return -1;
	}
	return 0;
}
