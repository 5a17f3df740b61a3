/* SPDX-License-Identifier: MIT */
/*
 * web: what the files of the clerk's page's WebAssembly build share
 * (web_api.c: the calls the page makes; web_layout.c: the preview through
 * the kiosk's layout with the browser measuring; web_json.c: the JSON
 * answers), and the layout dump that tools/web/layoutdump.c writes natively
 * with the kiosk's own fonts, so a test compares the two line for line.
 */
#ifndef BANGTIN_WEB_H
#define BANGTIN_WEB_H

#include <stdbool.h>
#include <stddef.h>

#include "text.h"

/* A growing string; on allocation failure it stops growing and finishing
 * it gives NULL. */
struct jbuf {
	char *s;
	size_t n, cap;
	bool oom;
};

/* A new empty string (NULL when out of memory). */
struct jbuf *web_jb_new(void);
/* The text (malloc'ed, the caller frees it) and frees b; NULL after a
 * failed allocation. b NULL gives NULL. */
char *web_jb_finish(struct jbuf *b);
void web_jb_printf(struct jbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* s as a JSON string, or null for NULL. */
void web_jb_str(struct jbuf *b, const char *s);
void web_jb_raw(struct jbuf *b, const char *s);

/*
 * Appends every page of the finished layout l as JSON: {"box":[x,y,w,h],
 * "pages":[[line,...],...]}, each line {"y","h","a" (ascent),"p" (paragraph),
 * "runs":[{"x","w","f" (font),"s" (style),"dy" (the run's top below the
 * line's),"l" (a label),"t" (its text)}]}. Coordinates are the layout's,
 * from the page box's top left; ascent gives a font's ascent.
 */
void web_layout_json(struct jbuf *b, struct text_layout *l, const int box[4],
		     int (*ascent)(void *ctx, int font), void *ctx);

/* The calls the page's worker makes (web_api.c, web_layout.c; contracts
 * there). Strings returned are malloc'ed: the page frees them with
 * web_free(). */
void web_init(void);
void *web_malloc(size_t n);
void web_free(void *p);
int web_ctl(int argc, char **argv);
char *web_parse(const char *path);
char *web_fingerprint(const char *pub);
char *web_layout(const char *path, int doc, int w, int h);
char *web_ascii_name(const char *name);
int web_setenv(const char *name, const char *value);
char *web_secret_check(const char *path);

#endif
