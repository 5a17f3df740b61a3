/* SPDX-License-Identifier: MIT */
/* web_json: the JSON answers of the clerk's page's WebAssembly build (and
 * of the native layout dump its tests compare with), built in a growing
 * string. Pure C: no emscripten header. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web.h"

static void jb_add(struct jbuf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->n + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 1024;
		char *p;

		while (cap < b->n + n + 1)
			cap *= 2;
		if (!(p = realloc(b->s, cap))) {
			b->oom = true;
			return;
		}
		b->s = p;
		b->cap = cap;
	}
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = '\0';
}

void web_jb_printf(struct jbuf *b, const char *fmt, ...)
{
	char tmp[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n > 0)
		jb_add(b, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

/* s as a JSON string ("null" for NULL). Control bytes are escaped; the rest
 * of the UTF-8 goes through as it is. */
void web_jb_str(struct jbuf *b, const char *s)
{
	if (!s) {
		jb_add(b, "null", 4);
		return;
	}
	jb_add(b, "\"", 1);
	for (const char *p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;
		char esc[8];

		if (c == '"' || c == '\\') {
			esc[0] = '\\';
			esc[1] = (char)c;
			jb_add(b, esc, 2);
		} else if (c < 0x20) {
			snprintf(esc, sizeof esc, "\\u%04x", c);
			jb_add(b, esc, 6);
		} else {
			jb_add(b, p, 1);
		}
	}
	jb_add(b, "\"", 1);
}

void web_jb_raw(struct jbuf *b, const char *s)
{
	jb_add(b, s, strlen(s));
}

struct jbuf *web_jb_new(void)
{
	return calloc(1, sizeof(struct jbuf));
}

char *web_jb_finish(struct jbuf *b)
{
	char *s;

	if (!b)
		return NULL;
	s = b->oom ? NULL : b->s ? b->s : strdup("");
	if (b->oom)
		free(b->s);
	free(b);
	return s;
}


void web_layout_json(struct jbuf *b, struct text_layout *l, const int box[4],
		     int (*ascent)(void *ctx, int font), void *ctx)
{
	const struct text_line *lines = text_layout_lines(l);
	const struct text_run *runs = text_layout_runs(l);
	const struct text_para *paras = text_layout_paras(l);
	size_t np = text_layout_npages(l);

	web_jb_printf(b, "{\"box\":[%d,%d,%d,%d],\"pages\":[", box[0], box[1], box[2], box[3]);
	for (size_t pi = 0; pi < np; pi++) {
		const struct text_page *pg = text_layout_page(l, pi);

		web_jb_raw(b, pi ? ",[" : "[");
		for (size_t i = pg->first_line; i < pg->first_line + pg->nlines; i++) {
			const struct text_line *ln = &lines[i];

			web_jb_printf(b, "%s{\"y\":%d,\"h\":%d,\"a\":%d,\"p\":%u,\"runs\":[",
				      i > pg->first_line ? "," : "", ln->y, ln->height, ln->ascent,
				      (unsigned)ln->para);
			for (size_t j = ln->first_run; j < ln->first_run + ln->nruns; j++) {
				const struct text_run *r = &runs[j];
				const struct text_para *p = &paras[r->para];
				const char *s = r->label ? p->label : p->text;
				char *t = s ? strndup(s + r->start, r->len) : NULL;

				web_jb_printf(b, "%s{\"x\":%d,\"w\":%d,\"f\":%d,\"s\":%u,\"dy\":%d,"
					      "\"l\":%s,\"t\":", j > ln->first_run ? "," : "",
					      r->x, r->width, r->font, r->style,
					      ln->ascent - ascent(ctx, r->font), r->label ? "true" : "false");
				web_jb_str(b, t ? t : "");
				web_jb_raw(b, "}");
				free(t);
			}
			web_jb_raw(b, "]}");
		}
		web_jb_raw(b, "]");
	}
	web_jb_raw(b, "]}");
}
