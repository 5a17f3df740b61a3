/* SPDX-License-Identifier: MIT */
/*
 * font: the TTF faces of the screen, their metrics for the layout engine
 * (widths cached per string) and the cache of rendered text textures, so a
 * screen drawn again allocates nothing and renders no glyph.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL_ttf.h>

#define LOG_TAG "font"
#include "log.h"
#include "norm.h"
#include "ui_int.h"

/*
 * Pixel sizes (em) at a drawing whose smaller side is 1080 pixels; they scale
 * linearly with that side. A rotated panel keeps its pixel pitch, so portrait
 * and landscape use the same sizes. The body is the figure that matters: a
 * lobby panel of 43 to 55 inches at 1080 lines has a pixel pitch of 0.49 to
 * 0.63 mm; Noto Serif's capitals are 0.714 em tall, so 38 px gives 27 px
 * capitals, 13 to 17 mm, which subtend 15 to 20 minutes of arc at 3 m: the
 * size of comfortable continuous reading (about three times the acuity
 * limit), while a landscape page still holds some 16 lines. Titles at 64 px
 * read from across the lobby. These are the design's sizes; every face is
 * then raised, if need be, until its capitals reach the minimum cap height
 * for the viewing distance (ui_fonts_open_cap(), ui_min_cap_px() in ui.c),
 * so at 3 m on a 43-inch panel no text is under about 41 px.
 */
static const struct face_spec {
	int px;
	bool sans;
} face_spec[UI_FONT_COUNT] = {
	[UI_FONT_BODY] = { 38, false },
	[UI_FONT_SMALL] = { 30, false },
	[UI_FONT_HEAD] = { 32, false },
	[UI_FONT_TITLE] = { 64, false },
	[UI_FONT_BAND] = { 34, true },
	[UI_FONT_CLOCK] = { 56, true },
	[UI_FONT_UI] = { 36, true },
	[UI_FONT_UI_BIG] = { 64, true },
};

/* Files by family (serif, sans) and style index (bold 1, italic 2). */
static const char *const face_file[2][4] = {
	{ "NotoSerif-Regular.ttf", "NotoSerif-Bold.ttf", "NotoSerif-Italic.ttf",
	  "NotoSerif-BoldItalic.ttf" },
	{ "NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf",
	  "NotoSans-BoldItalic.ttf" },
};

/*
 * Width cache: open addressing over a fixed table, keys kept in a fixed
 * byte pool; when either is three quarters full the whole cache is cleared
 * (a document's words fit many times over, so this is rare). Strings
 * longer than WC_MAXLEN are measured in cached pieces (width_long).
 */
#define WC_SLOTS 16384u
#define WC_POOL (512u * 1024u)
#define WC_MAXLEN 1024u

struct wc_slot {
	uint32_t hash;
	uint32_t off;      /* key bytes in the pool */
	uint16_t len;      /* 0 = empty slot */
	uint8_t font, style;
	int width;
};

/* Texture cache: a hash table of entries on an LRU list. */
#define TC_BUCKETS 2048u
/* Wider text is not made into one texture (GPUs refuse it, and a surface
 * many screens wide is hundreds of megabytes): it is drawn in pieces of
 * TC_PIECE bytes (draw_pieces). 64 bytes stay within the width at the
 * largest UI font of a 4K panel. */
#define TC_MAX_WIDTH 8192
#define TC_PIECE 64

struct tc_entry {
	struct tc_entry *hnext;        /* bucket chain */
	struct tc_entry *prev, *next;  /* LRU list, most recent first */
	uint32_t hash;
	uint8_t font, style;
	struct ui_color c;
	SDL_Texture *tex;
	int w, h, dy;                  /* dy: baseline correction of the face */
	bool wide;                     /* wider than TC_MAX_WIDTH: no texture */
	size_t bytes, len;
	char text[];
};

struct ui_fonts {
	char *path[2][4];
	int px[UI_FONT_COUNT];
	TTF_Font *face[UI_FONT_COUNT][4];
	bool face_failed[UI_FONT_COUNT][4];
	int line_skip[UI_FONT_COUNT], ascent[UI_FONT_COUNT];
	int cap[UI_FONT_COUNT];        /* height of a capital H of the regular face */
	struct text_metrics metrics;

	struct wc_slot *wc;
	char *wc_pool;
	uint32_t wc_used, wc_pool_used;

	struct tc_entry *tc_bucket[TC_BUCKETS];
	struct tc_entry *tc_head, *tc_tail;
	SDL_Renderer *tc_ren;          /* the renderer the textures belong to */
	size_t tc_max_count, tc_max_bytes;

	struct ui_fonts_stats stats;

	char *scratch;                 /* NUL-terminated copy for TTF calls */
	size_t scratch_cap;
};

static uint32_t fnv1a(uint32_t h, const void *p, size_t n)
{
	const unsigned char *s = p;

	for (size_t i = 0; i < n; i++) {
		h ^= s[i];
		h *= 16777619u;
	}
	return h;
}

static uint32_t key_hash(int font, unsigned style, const char *s, size_t n)
{
	unsigned char fs[2] = { (unsigned char)font, (unsigned char)style };

	return fnv1a(fnv1a(2166136261u, fs, 2), s, n);
}

static char *join_path(const char *dir, const char *file)
{
	size_t n = strlen(dir) + strlen(file) + 2;
	char *p = malloc(n);

	if (p)
		snprintf(p, n, "%s/%s", dir, file);
	return p;
}

static TTF_Font *open_face(const char *path, int px)
{
	TTF_Font *t = TTF_OpenFont(path, px);

	if (!t)
		return NULL;
	/* Light hinting snaps heights to the pixel grid but keeps the shapes
	 * and spacing of the design; kerning is part of good typesetting. */
	TTF_SetFontHinting(t, TTF_HINTING_LIGHT);
	TTF_SetFontKerning(t, 1);
	TTF_SetFontDirection(t, TTF_DIRECTION_LTR);
	TTF_SetFontScriptName(t, "Latn");
	return t;
}

/* The face of a font and style, opened on first use. A face that cannot be
 * opened (its file vanished after start-up) falls back to the regular one
 * of the same size, with one log line. */
static TTF_Font *face_get(struct ui_fonts *f, int font, unsigned style)
{
	unsigned st = style & 3u;

	assert(font >= 0 && font < UI_FONT_COUNT);
	if (font < 0 || font >= UI_FONT_COUNT)
		font = UI_FONT_BODY;
	if (f->face[font][st])
		return f->face[font][st];
	if (!f->face_failed[font][st]) {
		const char *path = f->path[face_spec[font].sans][st];

		f->face[font][st] = open_face(path, f->px[font]);
		if (f->face[font][st])
			return f->face[font][st];
		f->face_failed[font][st] = true;
		log_error("%s at %d px: %s; using the regular face", path, f->px[font],
			  TTF_GetError());
	}
	return f->face[font][0];
}

/* Height in pixels of the capital H of face t (the cap height the
 * minimum is stated in), 0 when the face has no H. */
static int cap_height(TTF_Font *t)
{
	int maxy = 0;

	if (TTF_GlyphMetrics32(t, 'H', NULL, NULL, NULL, &maxy, NULL) != 0)
		return 0;
	return maxy;
}

/* The size to open path at: px, or larger until its capitals are at least
 * min_cap pixels tall. Returns px unchanged when the face cannot be read
 * (the caller's open reports it). */
static int fit_px(const char *path, int px, int min_cap)
{
	for (int tries = 0; min_cap > 0 && tries < 8; tries++) {
		TTF_Font *t = TTF_OpenFont(path, px);
		int cap;

		if (!t)
			break;
		TTF_SetFontHinting(t, TTF_HINTING_LIGHT);
		cap = cap_height(t);
		TTF_CloseFont(t);
		if (cap <= 0 || cap >= min_cap)
			break;
		/* in proportion, then a pixel at a time for the hinting's rounding */
		px = px * min_cap / cap > px ? px * min_cap / cap : px + 1;
	}
	return px;
}

struct ui_fonts *ui_fonts_open(const char *dir, int h, char *err, size_t errsize)
{
	return ui_fonts_open_cap(dir, h, 0, err, errsize);
}

struct ui_fonts *ui_fonts_open_cap(const char *dir, int h, int min_cap, char *err,
				   size_t errsize)
{
	struct ui_fonts *f = calloc(1, sizeof(*f));

	if (!f) {
		snprintf(err, errsize, "fonts: out of memory");
		return NULL;
	}
	if (h <= 0)
		h = 1080;
	for (int fam = 0; fam < 2; fam++)
		for (int st = 0; st < 4; st++)
			if (!(f->path[fam][st] = join_path(dir, face_file[fam][st])))
				goto err_oom;
	for (int i = 0; i < UI_FONT_COUNT; i++) {
		f->px[i] = (int)(((long)face_spec[i].px * h + 540) / 1080);
		if (f->px[i] < 6)
			f->px[i] = 6;
		f->px[i] = fit_px(f->path[face_spec[i].sans][0], f->px[i], min_cap);
	}
	/* Every regular face now (the layout needs their metrics), and every
	 * style of the body and interface faces, so a missing or broken file
	 * is reported at start-up; the other combinations open on first use. */
	for (int i = 0; i < UI_FONT_COUNT; i++) {
		int nst = (i == UI_FONT_BODY || i == UI_FONT_UI) ? 4 : 1;

		for (int st = 0; st < nst; st++) {
			const char *path = f->path[face_spec[i].sans][st];

			f->face[i][st] = open_face(path, f->px[i]);
			if (!f->face[i][st]) {
				snprintf(err, errsize, "font %s: %s", path, TTF_GetError());
				goto err;
			}
		}
		f->line_skip[i] = TTF_FontLineSkip(f->face[i][0]);
		f->ascent[i] = TTF_FontAscent(f->face[i][0]);
		f->cap[i] = cap_height(f->face[i][0]);
	}
	f->wc = calloc(WC_SLOTS, sizeof(*f->wc));
	f->wc_pool = malloc(WC_POOL);
	if (!f->wc || !f->wc_pool)
		goto err_oom;
	/* About one and a half frames of text pixels at this size, and no more
	 * than a few pages' worth of runs. */
	f->tc_max_bytes = (size_t)12 * 1024 * 1024 * (size_t)h / 1080 * (size_t)h / 1080;
	f->tc_max_count = 1536;
	f->stats.max_textures = f->tc_max_count;
	f->stats.max_texture_bytes = f->tc_max_bytes;
	f->metrics.ctx = f;
	return f;

err_oom:
	snprintf(err, errsize, "fonts: out of memory");
err:
	ui_fonts_close(f);
	return NULL;
}

void ui_fonts_close(struct ui_fonts *f)
{
	if (!f)
		return;
	ui_fonts_flush(f);
	for (int i = 0; i < UI_FONT_COUNT; i++)
		for (int st = 0; st < 4; st++)
			if (f->face[i][st])
				TTF_CloseFont(f->face[i][st]);
	for (int fam = 0; fam < 2; fam++)
		for (int st = 0; st < 4; st++)
			free(f->path[fam][st]);
	free(f->wc);
	free(f->wc_pool);
	free(f->scratch);
	free(f);
}

/* A NUL-terminated copy of s in the scratch buffer (grown rarely). */
static const char *terminated(struct ui_fonts *f, const char *s, size_t n)
{
	if (n + 1 > f->scratch_cap) {
		size_t cap = f->scratch_cap ? f->scratch_cap : 256;
		char *p;

		while (cap < n + 1)
			cap *= 2;
		if (!(p = realloc(f->scratch, cap)))
			return NULL;
		f->scratch = p;
		f->scratch_cap = cap;
	}
	memcpy(f->scratch, s, n);
	f->scratch[n] = '\0';
	return f->scratch;
}

static int measure(struct ui_fonts *f, int font, unsigned style, const char *s, size_t n)
{
	const char *z = terminated(f, s, n);
	int w = 0, h = 0;

	if (!z || TTF_SizeUTF8(face_get(f, font, style), z, &w, &h) < 0)
		return 0;
	return w;
}

static void wc_clear(struct ui_fonts *f)
{
	memset(f->wc, 0, WC_SLOTS * sizeof(*f->wc));
	f->wc_used = 0;
	f->wc_pool_used = 0;
	f->stats.width_clears++;
}

/*
 * A string longer than WC_MAXLEN is measured as the sum of its pieces cut
 * at every WC_MAXLEN bytes from its start (moved back to a code point's
 * first byte), each one cached: a 60,000-byte subject drawn in every
 * ticker frame, or measured prefix by prefix to elide it, costs a lookup
 * per piece and shapes at most one new piece, where measuring it whole
 * shaped it all each time. The sum may be a pixel per cut off the whole's
 * width; such a string is many screens wide anyway.
 */
static int width_long(struct ui_fonts *f, int font, unsigned style, const char *s, size_t n)
{
	int w = 0;

	for (size_t a = 0, z; a < n; a = z) {
		z = a + WC_MAXLEN < n ? a + WC_MAXLEN : n;
		while (z < n && z > a + 1 && ((unsigned char)s[z] & 0xC0) == 0x80)
			z--;
		w += ui_fonts_width(f, font, style, s + a, z - a);
	}
	return w;
}

int ui_fonts_width(struct ui_fonts *f, int font, unsigned style, const char *s, size_t n)
{
	uint32_t hash, i;
	struct wc_slot *e;

	style &= 3u;
	if (n == 0)
		return 0;
	if (n > WC_MAXLEN)
		return width_long(f, font, style, s, n);
	hash = key_hash(font, style, s, n);
	for (i = hash & (WC_SLOTS - 1);; i = (i + 1) & (WC_SLOTS - 1)) {
		e = &f->wc[i];
		if (e->len == 0)
			break;
		if (e->hash == hash && e->len == n && e->font == font && e->style == style &&
		    memcmp(f->wc_pool + e->off, s, n) == 0) {
			f->stats.width_hits++;
			return e->width;
		}
	}
	f->stats.width_misses++;
	f->stats.width_bytes += n;
	int w = measure(f, font, style, s, n);

	if (f->wc_used + 1 > WC_SLOTS / 4 * 3 || f->wc_pool_used + n > WC_POOL) {
		wc_clear(f);
		for (i = hash & (WC_SLOTS - 1); f->wc[i].len; i = (i + 1) & (WC_SLOTS - 1))
			;
		e = &f->wc[i];
	}
	memcpy(f->wc_pool + f->wc_pool_used, s, n);
	*e = (struct wc_slot){ .hash = hash, .off = f->wc_pool_used, .len = (uint16_t)n,
			       .font = (uint8_t)font, .style = (uint8_t)style, .width = w };
	f->wc_pool_used += (uint32_t)n;
	f->wc_used++;
	return w;
}

int ui_fonts_height(struct ui_fonts *f, int font)
{
	assert(font >= 0 && font < UI_FONT_COUNT);
	return f->line_skip[font];
}

int ui_fonts_ascent(struct ui_fonts *f, int font)
{
	assert(font >= 0 && font < UI_FONT_COUNT);
	return f->ascent[font];
}

static int m_width(void *ctx, int font, unsigned style, const char *s, size_t n)
{
	return ui_fonts_width(ctx, font, style, s, n);
}

static int m_line_height(void *ctx, int font)
{
	return ui_fonts_height(ctx, font);
}

static int m_ascent(void *ctx, int font)
{
	return ui_fonts_ascent(ctx, font);
}

const struct text_metrics *ui_fonts_metrics(struct ui_fonts *f)
{
	f->metrics.ctx = f;
	f->metrics.width = m_width;
	f->metrics.line_height = m_line_height;
	f->metrics.ascent = m_ascent;
	return &f->metrics;
}

/* Texture cache ------------------------------------------------------------ */

static void lru_unlink(struct ui_fonts *f, struct tc_entry *e)
{
	if (e->prev)
		e->prev->next = e->next;
	else
		f->tc_head = e->next;
	if (e->next)
		e->next->prev = e->prev;
	else
		f->tc_tail = e->prev;
	e->prev = e->next = NULL;
}

static void lru_push_front(struct ui_fonts *f, struct tc_entry *e)
{
	e->prev = NULL;
	e->next = f->tc_head;
	if (f->tc_head)
		f->tc_head->prev = e;
	f->tc_head = e;
	if (!f->tc_tail)
		f->tc_tail = e;
}

static void tc_evict(struct ui_fonts *f, struct tc_entry *e)
{
	struct tc_entry **pp = &f->tc_bucket[e->hash & (TC_BUCKETS - 1)];

	while (*pp != e)
		pp = &(*pp)->hnext;
	*pp = e->hnext;
	lru_unlink(f, e);
	f->stats.textures--;
	f->stats.texture_bytes -= e->bytes;
	if (e->tex)
		SDL_DestroyTexture(e->tex);
	free(e);
}

void ui_fonts_flush(struct ui_fonts *f)
{
	while (f->tc_tail)
		tc_evict(f, f->tc_tail);
	f->tc_ren = NULL;
}

static uint32_t tc_hash(int font, unsigned style, struct ui_color c, const char *s, size_t n)
{
	unsigned char rgba[4] = { c.r, c.g, c.b, c.a };

	return fnv1a(key_hash(font, style, s, n), rgba, 4);
}

static struct tc_entry *tc_find(struct ui_fonts *f, uint32_t hash, int font, unsigned style,
				struct ui_color c, const char *s, size_t n)
{
	for (struct tc_entry *e = f->tc_bucket[hash & (TC_BUCKETS - 1)]; e; e = e->hnext)
		if (e->hash == hash && e->len == n && e->font == font && e->style == style &&
		    e->c.r == c.r && e->c.g == c.g && e->c.b == c.b && e->c.a == c.a &&
		    memcmp(e->text, s, n) == 0)
			return e;
	return NULL;
}

/* Renders a new entry, NULL when out of memory. Text that cannot be made
 * into a texture (wider than the GPU allows, say) gets an entry without
 * one, so it is logged once and not rendered again on every frame. */
static struct tc_entry *tc_render(struct ui_fonts *f, SDL_Renderer *r, uint32_t hash, int font,
				  unsigned style, struct ui_color c, const char *s, size_t n)
{
	TTF_Font *face = face_get(f, font, style);
	SDL_Color col = { c.r, c.g, c.b, c.a };
	SDL_Surface *surf = NULL;
	struct tc_entry *e;
	const char *z;

	if (!(e = calloc(1, sizeof(*e) + n + 1)))
		return NULL;
	/* A string many screens wide (a 60,000-byte subject in the ticker)
	 * would be a surface of hundreds of megabytes, made again on every
	 * frame once the cache evicted it: it gets an entry without texture. */
	if (ui_fonts_width(f, font, style, s, n) > TC_MAX_WIDTH) {
		e->wide = true;
	} else if (!(z = terminated(f, s, n))) {
		free(e);
		return NULL;
	} else if (!(surf = TTF_RenderUTF8_Blended(face, z, col))) {
		log_error("cannot render \"%.40s\": %s", z, TTF_GetError());
	} else if (!(e->tex = SDL_CreateTextureFromSurface(r, surf))) {
		log_error("cannot make a texture of %dx%d for \"%.40s\": %s", surf->w, surf->h, z,
			  SDL_GetError());
	} else {
		SDL_SetTextureBlendMode(e->tex, SDL_BLENDMODE_BLEND);
		e->w = surf->w;
		e->h = surf->h;
		e->bytes = (size_t)surf->w * (size_t)surf->h * 4;
	}
	/* Bold and italic files may have another ascent than the regular one
	 * the layout used: keep every style on the regular face's baseline. */
	e->dy = f->ascent[font] - TTF_FontAscent(face);
	SDL_FreeSurface(surf);
	e->hash = hash;
	e->font = (uint8_t)font;
	e->style = (uint8_t)style;
	e->c = c;
	e->len = n;
	memcpy(e->text, s, n);
	e->hnext = f->tc_bucket[hash & (TC_BUCKETS - 1)];
	f->tc_bucket[hash & (TC_BUCKETS - 1)] = e;
	lru_push_front(f, e);
	f->stats.textures++;
	f->stats.texture_bytes += e->bytes;
	f->stats.textures_created++;
	while ((f->stats.textures > f->tc_max_count || f->stats.texture_bytes > f->tc_max_bytes) &&
	       f->tc_tail != e)
		tc_evict(f, f->tc_tail);
	return e;
}

/* Draws a string too wide for one texture (entry e says so) as pieces of
 * at most TC_PIECE bytes cut between character clusters (norm_cut), each
 * a cached texture placed at the sum of the widths before it; pieces left
 * or right of the renderer's viewport are measured but never drawn. The
 * width cache's sum may be a pixel per cut off the whole's. */
static int draw_pieces(struct ui_fonts *f, SDL_Renderer *r, int font, unsigned style,
		       struct ui_color c, const char *s, size_t n, int x, int y)
{
	SDL_Rect vp;
	int x0 = x;

	SDL_RenderGetViewport(r, &vp);
	for (size_t a = 0, k; a < n && x < vp.w; a += k) {
		k = norm_cut(s + a, n - a, TC_PIECE);
		k = k ? k : 1; /* 64 bytes that continue a sequence: broken UTF-8 */
		int w = ui_fonts_width(f, font, style, s + a, k);

		/* A piece wider still (a font hundreds of pixels high) is left out. */
		if (x + w > 0 && w <= TC_MAX_WIDTH &&
		    ui_fonts_draw(f, r, font, style, c, s + a, k, x, y) < 0)
			return -1;
		x += w;
	}
	return x - x0;
}

int ui_fonts_draw(struct ui_fonts *f, SDL_Renderer *r, int font, unsigned style,
		  struct ui_color c, const char *s, size_t n, int x, int y)
{
	struct tc_entry *e;
	uint32_t hash;

	assert(font >= 0 && font < UI_FONT_COUNT);
	style &= 3u;
	if (n == 0)
		return 0;
	if (f->tc_ren != r) {
		ui_fonts_flush(f);
		f->tc_ren = r;
	}
	hash = tc_hash(font, style, c, s, n);
	e = tc_find(f, hash, font, style, c, s, n);
	if (e) {
		f->stats.texture_hits++;
		if (e != f->tc_head) {
			lru_unlink(f, e);
			lru_push_front(f, e);
		}
	} else if (!(e = tc_render(f, r, hash, font, style, c, s, n))) {
		return -1;
	}
	if (e->wide)
		return draw_pieces(f, r, font, style, c, s, n, x, y);
	if (!e->tex)
		return -1;
	SDL_Rect dst = { x, y + e->dy, e->w, e->h };

	if (SDL_RenderCopy(r, e->tex, NULL, &dst) < 0) {
		log_error("cannot draw text: %s", SDL_GetError());
		return -1;
	}
	return e->w;
}

void ui_fonts_stats(const struct ui_fonts *f, struct ui_fonts_stats *out)
{
	*out = f->stats;
}

int ui_fonts_cap(const struct ui_fonts *f, int font)
{
	return font >= 0 && font < UI_FONT_COUNT ? f->cap[font] : 0;
}

int ui_fonts_px(const struct ui_fonts *f, int font)
{
	assert(font >= 0 && font < UI_FONT_COUNT);
	return f->px[font];
}
