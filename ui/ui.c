/* SPDX-License-Identifier: MIT */
/*
 * ui: the window or headless surface, the renderer and rotation, the frame,
 * PNG capture, the per-document layout cache and the drawing primitives the
 * screens use.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL_syswm.h>
#include <SDL_ttf.h>

#define LOG_TAG "ui"
#include "log.h"
#include "ui_int.h"

/* Layouts kept: the carousel's documents and a few the reader opened. */
#define UI_DOC_CACHE 16

struct ui_doc_entry {
	bool used;
	int64_t key;
	uint64_t stamp;          /* last use, for LRU eviction */
	int w, h;                /* the box it was laid out for */
	struct ui_composed comp; /* the paragraphs the layout points into */
	struct text_layout *layout;
};

struct ui_doc_cache {
	struct ui_doc_entry e[UI_DOC_CACHE];
	uint64_t clock;
};

static void doc_entry_clear(struct ui_doc_entry *e)
{
	if (!e->used)
		return;
	text_layout_free(e->layout);
	ui_composed_free(&e->comp);
	memset(e, 0, sizeof(*e));
}

void ui_forget_docs(struct ui *ui)
{
	if (!ui || !ui->docs)
		return;
	for (size_t i = 0; i < UI_DOC_CACHE; i++)
		doc_entry_clear(&ui->docs->e[i]);
}

/* The cached entry of key laid out for the current box, or NULL. */
static struct ui_doc_entry *doc_find(struct ui *ui, int64_t key)
{
	int bx, by, bw, bh;

	ui_doc_box(ui, &bx, &by, &bw, &bh);
	for (size_t i = 0; i < UI_DOC_CACHE; i++) {
		struct ui_doc_entry *e = &ui->docs->e[i];

		if (!e->used || e->key != key)
			continue;
		if (e->w != bw || e->h != bh) {
			doc_entry_clear(e);
			return NULL;
		}
		e->stamp = ++ui->docs->clock;
		return e;
	}
	return NULL;
}

/* Composes and prepares the layout of doc in a free or the least recently
 * used slot. */
static struct ui_doc_entry *doc_add(struct ui *ui, int64_t key, const struct doc *doc,
				    const char *note)
{
	struct ui_doc_entry *e = &ui->docs->e[0];
	int bx, by, bw, bh;

	for (size_t i = 0; i < UI_DOC_CACHE; i++) {
		struct ui_doc_entry *c = &ui->docs->e[i];

		if (!c->used) {
			e = c;
			break;
		}
		if (c->stamp < e->stamp)
			e = c;
	}
	doc_entry_clear(e);
	ui_doc_box(ui, &bx, &by, &bw, &bh);
	if (ui_compose_doc(doc, note, ui->fonts, bw, &e->comp) < 0) {
		log_error("cannot compose document %lld: out of memory", (long long)key);
		ui_composed_free(&e->comp);
		memset(e, 0, sizeof(*e));
		return NULL;
	}
	e->layout = text_layout_new(e->comp.paras, e->comp.n, ui_fonts_metrics(ui->fonts), bw, bh);
	if (!e->layout) {
		log_error("cannot lay out document %lld in %dx%d", (long long)key, bw, bh);
		ui_composed_free(&e->comp);
		memset(e, 0, sizeof(*e));
		return NULL;
	}
	e->used = true;
	e->key = key;
	e->w = bw;
	e->h = bh;
	e->stamp = ++ui->docs->clock;
	return e;
}

int ui_doc_pages(struct ui *ui, int64_t key, const struct doc *doc, const char *note,
		 size_t upto, size_t *pages)
{
	struct ui_doc_entry *e = doc_find(ui, key);

	*pages = 0;
	if (!e && (!doc || !(e = doc_add(ui, key, doc, note))))
		return -1;
	if (text_layout_run(e->layout, upto) < 0) {
		log_error("cannot lay out document %lld: out of memory", (long long)key);
		return -1;
	}
	*pages = text_layout_npages(e->layout);
	return 0;
}

bool ui_doc_complete(struct ui *ui, int64_t key)
{
	struct ui_doc_entry *e = doc_find(ui, key);

	return e && text_layout_done(e->layout);
}

int ui_doc_more(struct ui *ui, int64_t key, size_t bytes)
{
	struct ui_doc_entry *e = doc_find(ui, key);
	int rc;

	if (!e)
		return -1;
	if ((rc = text_layout_step(e->layout, bytes)) < 0)
		log_error("cannot lay out document %lld: out of memory", (long long)key);
	return rc;
}

size_t ui_doc_page_chars(struct ui *ui, int64_t key, size_t page)
{
	struct ui_doc_entry *e = doc_find(ui, key);

	if (!e || page >= text_layout_npages(e->layout))
		return 0;
	return text_layout_page(e->layout, page)->chars;
}

struct text_layout *ui_doc_layout(struct ui *ui, int64_t key)
{
	struct ui_doc_entry *e = doc_find(ui, key);

	return e ? e->layout : NULL;
}

/*
 * The text area of a document page: between the header band and the footer,
 * inside the outer margin, and no wider than 44 em of the body face (some 85
 * characters a line, the longest measure that still reads easily), centred.
 * A screen drawing a paper sheet around it has one margin of room all round,
 * below the sheet room for half a tab (the page indicator straddles its
 * lower edge) and above it for a whole one (the running head stands on its
 * upper edge), clear of the band and the footer.
 */
void ui_doc_box(const struct ui *ui, int *x, int *y, int *w, int *h)
{
	int box[4];

	ui_theme_doc_box(&ui->theme, ui->fonts, ui->w, ui->h, box);
	*x = box[0];
	*y = box[1];
	*w = box[2];
	*h = box[3];
}

int ui_draw_doc_page(struct ui *ui, int64_t key, size_t page, int x, int y)
{
	struct ui_doc_entry *e = doc_find(ui, key);

	if (!e)
		return -1;
	if (page >= text_layout_npages(e->layout) && text_layout_run(e->layout, page) < 0)
		return -1;
	if (page >= text_layout_npages(e->layout))
		return -1;

	const struct text_page *pg = text_layout_page(e->layout, page);
	const struct text_line *lines = text_layout_lines(e->layout);
	const struct text_run *runs = text_layout_runs(e->layout);
	const struct text_para *paras = text_layout_paras(e->layout);
	int rc = 0;

	for (size_t i = pg->first_line; i < pg->first_line + pg->nlines; i++) {
		const struct text_line *ln = &lines[i];

		for (size_t j = ln->first_run; j < ln->first_run + ln->nruns; j++) {
			const struct text_run *r = &runs[j];
			const struct text_para *p = &paras[r->para];
			const char *s = r->label ? p->label : p->text;
			int ty = y + ln->y + ln->ascent - ui_fonts_ascent(ui->fonts, r->font);

			if (!s)
				continue;
			if (ui_fonts_draw(ui->fonts, ui->ren, r->font, r->style, ui->theme.ink,
					  s + r->start, r->len, x + r->x, ty) < 0)
				rc = -1;
		}
	}
	return rc;
}

/* Primitives ------------------------------------------------------------- */

void ui_fill(struct ui *ui, int x, int y, int w, int h, struct ui_color c)
{
	SDL_Rect r = { x, y, w, h };

	SDL_SetRenderDrawBlendMode(ui->ren, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
	SDL_SetRenderDrawColor(ui->ren, c.r, c.g, c.b, c.a);
	SDL_RenderFillRect(ui->ren, &r);
}

int ui_text(struct ui *ui, int font, unsigned style, struct ui_color c, const char *s, int x,
	    int y, int align)
{
	size_t n = strlen(s);
	int w = ui_fonts_width(ui->fonts, font, style, s, n);

	if (align == 1)
		x -= w / 2;
	else if (align == 2)
		x -= w;
	ui_fonts_draw(ui->fonts, ui->ren, font, style, c, s, n, x, y);
	return w;
}

/* Frames ------------------------------------------------------------------ */

int ui_frame_begin(struct ui *ui, struct ui_color bg)
{
	if (SDL_SetRenderTarget(ui->ren, ui->frame) < 0) {
		log_error("cannot draw into the frame texture: %s", SDL_GetError());
		return -1;
	}
	SDL_SetRenderDrawBlendMode(ui->ren, SDL_BLENDMODE_NONE);
	SDL_SetRenderDrawColor(ui->ren, bg.r, bg.g, bg.b, 255);
	SDL_RenderClear(ui->ren);
	return 0;
}

int ui_frame_end(struct ui *ui)
{
	if (ui->frame) {
		/* SDL turns about the centre of dst: a dst of the drawing's
		 * size centred on the output lands exactly on it. */
		SDL_Rect dst = { (ui->out_w - ui->w) / 2, (ui->out_h - ui->h) / 2, ui->w, ui->h };

		if (SDL_SetRenderTarget(ui->ren, NULL) < 0 ||
		    SDL_RenderCopyEx(ui->ren, ui->frame, NULL, &dst, ui->opt.rotation, NULL,
				     SDL_FLIP_NONE) < 0) {
			log_error("cannot turn the frame by %d degrees: %s", ui->opt.rotation,
				  SDL_GetError());
			return -1;
		}
	}
	SDL_RenderPresent(ui->ren);
	return 0;
}

int ui_draw(struct ui *ui, const struct ui_view *view)
{
	bool sleeping = view->screen == APP_SCREEN_SLEEP;

	if (ui_frame_begin(ui, sleeping ? (struct ui_color){ 0, 0, 0, 255 } : ui->theme.bg) < 0)
		return -1;
	/* The sleep screen is dark: no band, no footer. */
	if (!sleeping)
		ui_screen_band(ui, view);
	switch (view->screen) {
	case APP_SCREEN_CAROUSEL:
	case APP_SCREEN_READER:
		ui_screen_doc(ui, view);
		break;
	case APP_SCREEN_LIST:
		ui_screen_list(ui, view);
		break;
	case APP_SCREEN_INFO:
		ui_screen_info(ui, view);
		break;
	case APP_SCREEN_EMPTY:
		ui_screen_empty(ui, view);
		break;
	case APP_SCREEN_SLEEP:
		ui_screen_sleep(ui, view);
		break;
	}
	if (!sleeping)
		ui_screen_footer(ui, view);
	if (view->progress_text && !sleeping)
		ui_screen_update(ui, view);
	return ui_frame_end(ui);
}

int ui_save_png(struct ui *ui, const char *path, char *err, size_t errsize)
{
	SDL_Surface *s = ui->surface;
	bool own = false;

	if (!s) {
		/* A window: read the output back (the frame just presented). */
		s = SDL_CreateRGBSurfaceWithFormat(0, ui->out_w, ui->out_h, 32,
						   SDL_PIXELFORMAT_RGB888);
		if (!s) {
			snprintf(err, errsize, "%s: %s", path, SDL_GetError());
			return -1;
		}
		own = true;
		if (SDL_RenderReadPixels(ui->ren, NULL, SDL_PIXELFORMAT_RGB888, s->pixels,
					 s->pitch) < 0) {
			snprintf(err, errsize, "%s: cannot read the screen: %s", path,
				 SDL_GetError());
			SDL_FreeSurface(s);
			return -1;
		}
	}
	int rc = ui_png_write(s, path, err, errsize);

	if (own)
		SDL_FreeSurface(s);
	return rc < 0 ? -1 : 0;
}

/*
 * The rule for text size at a distance: a capital must subtend at least
 * UI_MIN_CAP_ARCMIN (16) minutes of arc, the minimum character height ISO
 * 9241-3 and ANSI/HFES 100 set for text that is read (20-22' preferred).
 * At 3 m that is 3000 mm * tan(16') = 13.96 mm. The panel's pixel pitch is
 * its diagonal over the output's diagonal in pixels (the drawing fills the
 * panel): a 43-inch 1920x1080 panel has 0.496 mm, so capitals of at least
 * 29 px (a face of about 41 px).
 */
int ui_min_cap_px(int out_w, int out_h, int panel_inches, int distance_m)
{
	double diag_px = SDL_sqrt((double)out_w * out_w + (double)out_h * out_h);
	double pitch_mm, cap_mm;

	if (panel_inches <= 0)
		panel_inches = 43;
	if (distance_m <= 0)
		distance_m = 3;
	if (diag_px < 1)
		return 0;
	pitch_mm = panel_inches * 25.4 / diag_px;
	cap_mm = distance_m * 1000.0 * SDL_tan(UI_MIN_CAP_ARCMIN / 60.0 * M_PI / 180.0);
	return (int)SDL_ceil(cap_mm / pitch_mm);
}

/* Dates ------------------------------------------------------------------- */

/* Day of the week of a Gregorian date, 0 = Sunday (Sakamoto). */
static int weekday_of(int y, int m, int d)
{
	static const int t[] = { 0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4 };

	if (m < 1 || m > 12)
		return 0;
	if (m < 3)
		y--;
	return ((y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7 + 7) % 7;
}

void ui_format_date(const struct ui_clock *c, char *buf, size_t size)
{
	static const char *const names[7] = { "Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư",
					      "Thứ Năm", "Thứ Sáu", "Thứ Bảy" };
	int wd = c->weekday;

	if (wd < 0 || wd > 6)
		wd = weekday_of(c->year, c->month, c->day);
	snprintf(buf, size, "%s, %02d/%02d/%04d", names[wd], c->day, c->month, c->year);
}

/* Life cycle -------------------------------------------------------------- */

void ui_size(const struct ui *ui, int *w, int *h)
{
	*w = ui->w;
	*h = ui->h;
}

/* The output: an off-screen surface with the software renderer, or a window
 * with the best renderer SDL has (KMSDRM on the board). */
static int open_output(struct ui *ui, char *err, size_t errsize)
{
	const struct ui_options *o = &ui->opt;

	if (o->headless) {
		if (o->width <= 0 || o->height <= 0) {
			snprintf(err, errsize, "headless drawing needs a size, not %dx%d",
				 o->width, o->height);
			return -1;
		}
		ui->surface = SDL_CreateRGBSurfaceWithFormat(0, o->width, o->height, 32,
							     SDL_PIXELFORMAT_RGB888);
		if (!ui->surface) {
			snprintf(err, errsize, "surface %dx%d: %s", o->width, o->height,
				 SDL_GetError());
			return -1;
		}
		if (!(ui->ren = SDL_CreateSoftwareRenderer(ui->surface))) {
			snprintf(err, errsize, "software renderer: %s", SDL_GetError());
			return -1;
		}
		ui->out_w = o->width;
		ui->out_h = o->height;
		return 0;
	}

	int w = o->width, h = o->height;
	Uint32 flags = SDL_WINDOW_SHOWN;

	if (w <= 0 || h <= 0) {
		SDL_DisplayMode dm;

		if (SDL_GetDesktopDisplayMode(0, &dm) < 0) {
			snprintf(err, errsize, "display mode: %s", SDL_GetError());
			return -1;
		}
		w = dm.w;
		h = dm.h;
	}
	if (o->fullscreen)
		flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
	ui->win = SDL_CreateWindow(o->title ? o->title : "bangtin", SDL_WINDOWPOS_CENTERED,
				   SDL_WINDOWPOS_CENTERED, w, h, flags);
	if (!ui->win) {
		snprintf(err, errsize, "window %dx%d (video driver %s): %s", w, h,
			 SDL_GetCurrentVideoDriver() ? SDL_GetCurrentVideoDriver() : "none",
			 SDL_GetError());
		return -1;
	}
	ui->ren = SDL_CreateRenderer(ui->win, -1,
				     SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC |
					     SDL_RENDERER_TARGETTEXTURE);
	/* Every frame is drawn into a target texture, but SDL may hand out a
	 * renderer without targets: its desktop GL one on KMSDRM with Mesa's
	 * GBM (no GL_EXT_framebuffer_object; the board showed nothing). GLES2
	 * has them; failing that, the software renderer below. */
	if (ui->ren && !SDL_RenderTargetSupported(ui->ren)) {
		SDL_RendererInfo ri;

		SDL_GetRendererInfo(ui->ren, &ri);
		log_warning("renderer %s cannot draw into textures; trying opengles2", ri.name);
		SDL_DestroyRenderer(ui->ren);
		SDL_SetHint(SDL_HINT_RENDER_DRIVER, "opengles2");
		ui->ren = SDL_CreateRenderer(ui->win, -1, SDL_RENDERER_ACCELERATED |
					     SDL_RENDERER_PRESENTVSYNC | SDL_RENDERER_TARGETTEXTURE);
		if (ui->ren && !SDL_RenderTargetSupported(ui->ren)) {
			SDL_DestroyRenderer(ui->ren);
			ui->ren = NULL;
		}
	}
	if (!ui->ren) {
		log_warning("no accelerated renderer (%s); using the software one",
			    SDL_GetError());
		ui->ren = SDL_CreateRenderer(ui->win, -1, SDL_RENDERER_SOFTWARE);
	}
	if (!ui->ren) {
		snprintf(err, errsize, "renderer: %s", SDL_GetError());
		return -1;
	}
	if (SDL_GetRendererOutputSize(ui->ren, &ui->out_w, &ui->out_h) < 0) {
		snprintf(err, errsize, "renderer output size: %s", SDL_GetError());
		return -1;
	}
	if (o->fullscreen)
		SDL_ShowCursor(SDL_DISABLE);
	return 0;
}

/* Frees what ui_new made; the subsystems are quit by the callers. */
static void ui_release(struct ui *ui)
{
	if (ui->docs) {
		ui_forget_docs(ui);
		free(ui->docs);
	}
	ui_fonts_close(ui->fonts);  /* its textures before the renderer */
	if (ui->frame)
		SDL_DestroyTexture(ui->frame);
	if (ui->ren)
		SDL_DestroyRenderer(ui->ren);
	if (ui->surface)
		SDL_FreeSurface(ui->surface);
	if (ui->win)
		SDL_DestroyWindow(ui->win);
	free(ui);
}

struct ui *ui_new(const struct ui_options *opt, char *err, size_t errsize)
{
	struct ui *ui;
	int side;

	if (opt->rotation != 0 && opt->rotation != 90 && opt->rotation != 180 &&
	    opt->rotation != 270) {
		snprintf(err, errsize, "rotation must be 0, 90, 180 or 270, not %d", opt->rotation);
		return NULL;
	}
	if (!opt->font_dir) {
		snprintf(err, errsize, "no font directory given");
		return NULL;
	}
	if (!(ui = calloc(1, sizeof(*ui)))) {
		snprintf(err, errsize, "ui: out of memory");
		return NULL;
	}
	ui->opt = *opt;
	if (SDL_InitSubSystem(SDL_INIT_VIDEO) < 0) {
		snprintf(err, errsize, "SDL video: %s", SDL_GetError());
		free(ui);
		return NULL;
	}
	if (TTF_Init() < 0) {
		snprintf(err, errsize, "SDL_ttf: %s", TTF_GetError());
		goto err_video;
	}
	if (open_output(ui, err, errsize) < 0)
		goto err_ttf;
	ui->w = ui->out_w;
	ui->h = ui->out_h;
	if (opt->rotation == 90 || opt->rotation == 270) {
		ui->w = ui->out_h;
		ui->h = ui->out_w;
	}
	if (opt->rotation != 0) {
		ui->frame = SDL_CreateTexture(ui->ren, SDL_PIXELFORMAT_RGB888,
					      SDL_TEXTUREACCESS_TARGET, ui->w, ui->h);
		if (!ui->frame) {
			snprintf(err, errsize, "rotation target %dx%d: %s", ui->w, ui->h,
				 SDL_GetError());
			goto err_ttf;
		}
		SDL_SetTextureScaleMode(ui->frame, SDL_ScaleModeNearest);
	}
	ui_theme_init(&ui->theme, ui->w, ui->h);
	/* Type scales with the smaller side: a panel turned to portrait keeps
	 * its pixel pitch, so its letters must keep their pixel size. */
	side = ui->w < ui->h ? ui->w : ui->h;
	ui->min_cap = ui_min_cap_px(ui->out_w, ui->out_h, opt->panel_inches,
				    opt->viewing_distance_m);
	if (!(ui->fonts = ui_fonts_open_cap(opt->font_dir, side, ui->min_cap, err, errsize)))
		goto err_ttf;
	ui_theme_fit(&ui->theme, ui->fonts, ui->w, ui->h);
	if (!(ui->docs = calloc(1, sizeof(*ui->docs)))) {
		snprintf(err, errsize, "ui: out of memory");
		goto err_ttf;
	}
	/* The strings of opt are borrowed for this call only. */
	ui->opt.font_dir = NULL;
	ui->opt.title = NULL;
	return ui;

err_ttf:
	ui_release(ui);
	TTF_Quit();
	SDL_QuitSubSystem(SDL_INIT_VIDEO);
	return NULL;
err_video:
	free(ui);
	SDL_QuitSubSystem(SDL_INIT_VIDEO);
	return NULL;
}

int ui_drm_fd(const struct ui *ui)
{
	SDL_SysWMinfo info;

	SDL_VERSION(&info.version);
	if (!ui->win || !SDL_GetWindowWMInfo(ui->win, &info) || info.subsystem != SDL_SYSWM_KMSDRM)
		return -1;
	return info.info.kmsdrm.drm_fd;
}

void ui_free(struct ui *ui)
{
	if (!ui)
		return;
	ui_release(ui);
	TTF_Quit();
	SDL_QuitSubSystem(SDL_INIT_VIDEO);
}
