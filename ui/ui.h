/* SPDX-License-Identifier: MIT */
/*
 * ui: everything that draws. It owns the SDL window (or the off-screen
 * surface of a headless capture), the renderer, the fonts, the layout and
 * texture caches. It draws the view state the caller hands it and never
 * queries the database; it decides nothing about which screen shows. All
 * interface text is Vietnamese. This header includes no SDL header.
 */
#ifndef BANGTIN_UI_H
#define BANGTIN_UI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app.h"
#include "config.h"
#include "doc.h"

#define UI_ERR_MAX 512

struct ui_options {
	int width, height;     /* pixels of the output (before rotation); 0 = display's */
	int rotation;          /* 0, 90, 180, 270: drawn rotated by the program */
	bool fullscreen;       /* on the board (KMSDRM) */
	bool headless;         /* software renderer on a surface: --shot and tests */
	const char *font_dir;  /* the shipped fonts/ */
	const char *title;     /* window title */
	int viewing_distance_m;/* readers stand this far (0: 3 m) ... */
	int panel_inches;      /* ... from a panel of this diagonal (0: 43"): every
				* text's capitals subtend at least 16' of arc */
};

/* One line of the list screen. A non-NULL group starts a group heading
 * ("Kết luận", "Chỉ thị, hướng dẫn", "Công văn, thông báo") above the item. */
struct ui_list_item {
	const char *group;
	const char *number;   /* "516-KL/ĐUK" or "" */
	const char *date;     /* "18/01/2023" or "" */
	const char *kind;     /* "Kết luận" */
	const char *subject;
	bool pinned;
	bool fresh;           /* came with the latest update: "Mới" */
};

/* One row of the info screen. */
struct ui_info_row {
	const char *label;    /* "Phiên bản phần mềm" */
	const char *value;
};

/* Local wall-clock time for the header band. */
struct ui_clock {
	int year, month, day; /* 2026, 11, 23 */
	int weekday;          /* 0 = Sunday (Chủ Nhật) ... 6 = Saturday (Thứ Bảy) */
	int hour, minute;
};

/* Everything one frame shows. Pointers are borrowed for the call. */
struct ui_view {
	enum app_screen screen;
	const char *org_name;
	struct ui_clock clock;
	int64_t now_ms;             /* monotonic, for animations (ticker) */

	/* carousel and reader */
	int64_t doc_key;            /* identity for the layout cache (store id) */
	const struct doc *doc;
	const char *doc_note;       /* forwarding line, or NULL */
	size_t page;                /* 0-based page of the document */
	size_t cycle_pos, cycle_len;/* carousel: document i (0-based) of n */

	/* list */
	const struct ui_list_item *items;
	size_t nitems, sel;

	/* info, and the empty/error screens' extra lines */
	const struct ui_info_row *rows;
	size_t nrows;

	/* footer */
	enum config_footer footer;
	const char *const *ticker;  /* ticker items, NULL when none */
	size_t nticker;
	const char *banner;         /* a notice over the footer (an error), or NULL */
	enum app_notice notice;     /* a moment's message in the footer (app.notice) */

	/* update overlay: a panel over the screen while a bundle is applied
	 * and for a while after; none when progress_text is NULL */
	const char *progress_text;  /* "Đang cập nhật nội dung... 45%" or a result */
	int progress;               /* bar at 0..100; -1 = no bar (a result) */
	bool progress_warn;         /* a refusal: drawn in the warning colours */
};

struct ui;

/* Opens the window (or the headless surface) and loads the fonts. Returns
 * NULL with err naming what failed (no display, a missing font file). The
 * caller frees it with ui_free(). */
struct ui *ui_new(const struct ui_options *opt, char *err, size_t errsize);
void ui_free(struct ui *ui);

/* The DRM device's file descriptor SDL's KMSDRM driver drives the screen
 * through (the DRM master: the display's power goes through it), or -1 in
 * a window, headless, or another video driver. Owned by SDL. */
int ui_drm_fd(const struct ui *ui);

/* The drawing size after rotation (portrait when rotated by 90 or 270). */
void ui_size(const struct ui *ui, int *w, int *h);

/*
 * Lays out document doc (cached by key and the current size) and returns its
 * page count through pages; lays out only up to page `upto` when the count
 * is not needed yet (upto = SIZE_MAX for all). Returns 0 or -1 on failure.
 */
int ui_doc_pages(struct ui *ui, int64_t key, const struct doc *doc, const char *note,
		 size_t upto, size_t *pages);

/* True when document key is laid out to its end (its page count is final). */
bool ui_doc_complete(struct ui *ui, int64_t key);

/* Lays out a slice more of document key (already known to the cache):
 * about `bytes` bytes of text measured, so a loop stays free to answer its
 * events. Returns 1 when it is laid out to its end, 0 when more remains,
 * -1 when the key is not cached (or out of memory). */
int ui_doc_more(struct ui *ui, int64_t key, size_t bytes);

/* Characters on page `page` of a laid-out document (0 when unknown). */
size_t ui_doc_page_chars(struct ui *ui, int64_t key, size_t page);

/* Forgets every cached layout (content changed). */
void ui_forget_docs(struct ui *ui);

/* Draws one frame and shows it. Returns 0 or -1 with an SDL error logged. */
int ui_draw(struct ui *ui, const struct ui_view *view);

/* Draws the printable sheet of the four buttons' labels (their symbols
 * as the legend draws them, and their names) as the frame. Returns 0 or -1. */
int ui_draw_labels(struct ui *ui);

/* Writes the last frame drawn as a PNG. Returns 0 or -1 with err. */
int ui_save_png(struct ui *ui, const char *path, char *err, size_t errsize);

/* Formats the Vietnamese date of the header: "Thứ Hai, 23/11/2026". */
void ui_format_date(const struct ui_clock *c, char *buf, size_t size);

#endif
