/* SPDX-License-Identifier: MIT */
/*
 * ui_int: what the drawing side's files share. ui.c owns the window or the
 * headless surface, the renderer, rotation, the frame and PNG capture, and
 * the per-document layout cache; font.c owns the TTF faces, their metrics
 * (a struct text_metrics with a width cache) and the cache of rendered text
 * textures; compose.c turns a struct doc into layout paragraphs laid out
 * like the paper original; theme.c holds the palette and measures;
 * screen_*.c draw the screens from a ui_view with the primitives below.
 * Internal to ui/.
 */
#ifndef BANGTIN_UI_INT_H
#define BANGTIN_UI_INT_H

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "text.h"
#include "ui.h"

/* Face sizes, scaled from the drawing height so the screen reads the same
 * from three metres at any resolution. */
enum ui_font {
	UI_FONT_BODY = 0,  /* document body */
	UI_FONT_SMALL,     /* recipients, notes, page indicator */
	UI_FONT_HEAD,      /* issuing body block, signer */
	UI_FONT_TITLE,     /* type title: "KẾT LUẬN" */
	UI_FONT_BAND,      /* header band: organisation name, date */
	UI_FONT_CLOCK,     /* header band clock */
	UI_FONT_UI,        /* list lines, info rows, legend (sans) */
	UI_FONT_UI_BIG,    /* empty state, sleep clock (sans) */
	UI_FONT_COUNT
};

struct ui_color {
	uint8_t r, g, b, a;
};

/* The palette and the measures of the screen. */
struct ui_theme {
	struct ui_color bg, paper, ink, muted, accent, band_bg, band_ink, select_bg,
		select_ink, warn_bg, warn_ink;
	int margin;        /* outer margin, px */
	int band_h;        /* header band height */
	int footer_h;      /* footer height */
};

/* theme.c: the palette and measures for a drawing size w x h (portrait or
 * landscape); sizes scale with the smaller side. */
void ui_theme_init(struct ui_theme *t, int w, int h);



/* font.c ------------------------------------------------------------------ */

struct ui_fonts;

/* Opens every face from dir (Noto Serif for documents, Noto Sans for the
 * interface; regular, bold, italic, bold italic) at sizes scaled to a
 * drawing height of h pixels. NULL with err naming the missing file. */
struct ui_fonts *ui_fonts_open(const char *dir, int h, char *err, size_t errsize);

/* As ui_fonts_open(), with every face raised (when its scaled size is
 * smaller) until its capital H is at least min_cap pixels tall; 0: no
 * minimum. */
struct ui_fonts *ui_fonts_open_cap(const char *dir, int h, int min_cap, char *err,
				   size_t errsize);

/* The cap height (a capital H of the regular face) of a face, in pixels. */
int ui_fonts_cap(const struct ui_fonts *f, int font);
void ui_fonts_close(struct ui_fonts *f);

/* Metrics for the layout engine (widths cached per string). */
const struct text_metrics *ui_fonts_metrics(struct ui_fonts *f);

/* Width of s in a face and style. */
int ui_fonts_width(struct ui_fonts *f, int font, unsigned style, const char *s, size_t n);
int ui_fonts_height(struct ui_fonts *f, int font);
int ui_fonts_ascent(struct ui_fonts *f, int font);

/* Draws n bytes of s with its line box's top-left at (x, y). The rendered
 * texture is cached by (font, style, colour, text) and reused across frames;
 * the cache is bounded (least recently used textures are freed). Returns the
 * width drawn, or -1 on failure. */
int ui_fonts_draw(struct ui_fonts *f, SDL_Renderer *r, int font, unsigned style,
		  struct ui_color c, const char *s, size_t n, int x, int y);

/* theme.c: grows the band and the footer to hold the faces of f (opened
 * for that size): the footer one legend row, two in portrait. */
void ui_theme_fit(struct ui_theme *t, struct ui_fonts *f, int w, int h);

/* theme.c: the page box of documents on a w x h screen of theme t and
 * fonts f: box = {x, y, w, h}, where ui_draw_doc_page() draws (ui_doc_box()
 * for the kiosk, the clerk's page for its preview). */
void ui_theme_doc_box(const struct ui_theme *t, struct ui_fonts *f, int w, int h, int box[4]);

/* Frees every cached texture (the renderer changes or the cache is reset). */
void ui_fonts_flush(struct ui_fonts *f);

/* The pixel size (em) of a face at this drawing size. */
int ui_fonts_px(const struct ui_fonts *f, int font);

/* Counters of the two caches, for tests and the benchmark. */
struct ui_fonts_stats {
	size_t textures, texture_bytes;      /* textures cached now, their pixels */
	size_t textures_created, texture_hits;
	size_t width_hits, width_misses, width_clears;
	size_t width_bytes;                  /* bytes shaped by width misses */
	size_t max_textures, max_texture_bytes; /* the bounds of the cache */
};
void ui_fonts_stats(const struct ui_fonts *f, struct ui_fonts_stats *out);

/* compose.c --------------------------------------------------------------- */

/* The paragraphs of one document laid out like the paper original, owned
 * here (strings included) until ui_composed_free(). */
struct ui_composed {
	struct text_para *paras;
	size_t n;
	char **strings; /* every string the paragraphs point into */
	size_t nstrings;
	struct doc_span **spans;
	size_t nspans;
};

/* Builds the paragraphs of doc for a page width w: two-column header
 * (issuing bodies and number left; "ĐẢNG CỘNG SẢN VIỆT NAM" and place/date
 * right; or the state header), the received stamp is left out, type title
 * and subject centred, the forwarding note, addressees, the justified body
 * with headings, points and bullets, then recipients left and the signer
 * right side by side. Returns 0 or -1 on allocation failure. */
int ui_compose_doc(const struct doc *doc, const char *note, struct ui_fonts *f, int w,
		   struct ui_composed *out);
void ui_composed_free(struct ui_composed *c);

/* ui.c -------------------------------------------------------------------- */

struct ui_doc_cache;

struct ui {
	struct ui_options opt;
	SDL_Window *win;
	SDL_Renderer *ren;
	SDL_Surface *surface;  /* headless target */
	SDL_Texture *frame;    /* the unrotated frame, when rotating */
	int out_w, out_h;      /* output pixels */
	int w, h;              /* drawing size (after rotation) */
	struct ui_fonts *fonts;
	struct ui_theme theme;
	struct ui_doc_cache *docs;
	int min_cap;           /* the least cap height any text has, px */
};

/* The least cap height (px) a text may have on an output of out_w x out_h
 * pixels filling a panel of panel_inches diagonal, read from distance_m
 * metres: capitals subtend at least UI_MIN_CAP_ARCMIN minutes of arc.
 * (0 arguments take 3 m and 43 inches.) */
#define UI_MIN_CAP_ARCMIN 16
int ui_min_cap_px(int out_w, int out_h, int panel_inches, int distance_m);

/* Starts a frame: draws into the rotation target (or the output) and clears
 * it with bg. ui_frame_end() turns it by the rotation onto the output and
 * presents it. ui_draw() is begin, the screens, end; tests use the pair to
 * draw known shapes. Both return 0 or -1 with the SDL error logged. */
int ui_frame_begin(struct ui *ui, struct ui_color bg);
int ui_frame_end(struct ui *ui);

/* Fills a rectangle. */
void ui_fill(struct ui *ui, int x, int y, int w, int h, struct ui_color c);

/* Draws text in a face; returns its width. align: 0 left at x, 1 centred on
 * x, 2 right-aligned ending at x. */
int ui_text(struct ui *ui, int font, unsigned style, struct ui_color c, const char *s, int x,
	    int y, int align);

/* Draws page `page` of a laid-out document inside the box (x, y, w, h). */
int ui_draw_doc_page(struct ui *ui, int64_t key, size_t page, int x, int y);

/* The text_layout of a cached document (NULL when not laid out). */
struct text_layout *ui_doc_layout(struct ui *ui, int64_t key);

/* The page box of documents: where ui_draw_doc_page() draws for this size. */
void ui_doc_box(const struct ui *ui, int *x, int *y, int *w, int *h);

/* png.c: writes surface s as an 8-bit RGB PNG, row by row. Returns 0, or -1
 * with err naming the path (and no file left behind). */
int ui_png_write(SDL_Surface *s, const char *path, char *err, size_t errsize);

/* screen_*.c -------------------------------------------------------------- */

/* The four keys, in enum buttons_id's order, and their symbols: ◀ ▶ ● ↶. */
enum ui_key { UI_KEY_PREV = 0, UI_KEY_NEXT, UI_KEY_SELECT, UI_KEY_BACK, UI_KEY_COUNT };

/* Draws the symbol of key k in colour c in a square of side s at (x, y). */
void ui_key_symbol(struct ui *ui, enum ui_key k, int x, int y, int s, struct ui_color c);

/* The key's name on its label: "Trước", "Sau", "Chọn", "Quay lại". */
const char *ui_key_name(enum ui_key k);

/* Where the footer drew a key's symbol. */
struct ui_legend_key {
	enum ui_key key;
	bool hold;      /* the "Giữ" (hold) item */
	int x, y, s;    /* the symbol's square */
};

/* Draws the footer's legend for v (or the last-page notice) and writes
 * where each symbol went to where (room for 6; may be NULL); returns how
 * many. */
size_t ui_footer_legend(struct ui *ui, const struct ui_view *v, struct ui_legend_key *where);

void ui_screen_band(struct ui *ui, const struct ui_view *v);     /* header band */
void ui_screen_footer(struct ui *ui, const struct ui_view *v);   /* legend or ticker */
void ui_screen_doc(struct ui *ui, const struct ui_view *v);      /* carousel, reader */
/* The running head of a document's pages after the first: "Kết luận số
 * 516-KL/ĐUK" (type name and number; what there is of them). */
void ui_running_head(const struct doc *d, char *buf, size_t size);
void ui_screen_list(struct ui *ui, const struct ui_view *v);
void ui_screen_info(struct ui *ui, const struct ui_view *v);

/* Where ui_screen_info() puts each row: the row's top and height (the
 * taller of its wrapped label and value), the value's box and wrapped
 * height, and the rule under it (rule_y -1 after the last row). */
struct ui_info_geo {
	int y, h;
	int value_x, value_w, value_h;
	int rule_y, rule_h;
};
#define UI_INFO_ROWS_MAX 32
/* Fills out with the rows of v that fit the card (at most max) and
 * returns how many; draws nothing. */
size_t ui_info_rows(struct ui *ui, const struct ui_view *v, struct ui_info_geo *out, size_t max);
void ui_screen_empty(struct ui *ui, const struct ui_view *v);
void ui_screen_sleep(struct ui *ui, const struct ui_view *v);
void ui_screen_update(struct ui *ui, const struct ui_view *v);   /* update overlay */

#endif
