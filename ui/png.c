/* SPDX-License-Identifier: MIT */
/* png.c: writes a surface as a PNG row by row with libpng. IMG_SavePNG
 * converts the whole frame to another surface first (6 MB at 1080p), which
 * alone would take a capture past the kiosk's 32 MB memory budget; here one
 * row of RGB is all the extra memory there is. */
#include <errno.h>
#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui_int.h"

/* One row of the surface as 8-bit RGB. */
static void row_rgb(const SDL_Surface *s, int y, unsigned char *out)
{
	const unsigned char *p = (const unsigned char *)s->pixels + (size_t)y * (size_t)s->pitch;

	if (s->format->format == SDL_PIXELFORMAT_RGB888) {
		const Uint32 *px = (const Uint32 *)p;
		for (int x = 0; x < s->w; x++) {
			out[3 * x] = (unsigned char)(px[x] >> 16);
			out[3 * x + 1] = (unsigned char)(px[x] >> 8);
			out[3 * x + 2] = (unsigned char)px[x];
		}
		return;
	}
	for (int x = 0; x < s->w; x++) {
		Uint32 v = 0;
		const unsigned char *q = p + (size_t)x * s->format->BytesPerPixel;
		switch (s->format->BytesPerPixel) {
		case 4: v = *(const Uint32 *)q; break;
		case 3: v = (Uint32)q[0] | (Uint32)q[1] << 8 | (Uint32)q[2] << 16; break;
		case 2: v = *(const Uint16 *)q; break;
		default: v = *q; break;
		}
		SDL_GetRGB(v, s->format, &out[3 * x], &out[3 * x + 1], &out[3 * x + 2]);
	}
}

int ui_png_write(SDL_Surface *s, const char *path, char *err, size_t errsize)
{
	FILE *f = fopen(path, "wb");
	png_structp png = NULL;
	png_infop info = NULL;
	unsigned char *row = NULL;
	volatile bool locked = false; /* read after a longjmp */

	if (!f) {
		snprintf(err, errsize, "%s: cannot write: %s", path, strerror(errno));
		return -1;
	}
	row = malloc((size_t)s->w * 3);
	png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	info = png ? png_create_info_struct(png) : NULL;
	if (!row || !info) {
		snprintf(err, errsize, "%s: out of memory", path);
		goto fail;
	}
	if (setjmp(png_jmpbuf(png))) {
		snprintf(err, errsize, "%s: cannot encode the PNG (disk full?)", path);
		goto fail;
	}
	png_init_io(png, f);
	png_set_IHDR(png, info, (png_uint_32)s->w, (png_uint_32)s->h, 8, PNG_COLOR_TYPE_RGB,
		     PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_write_info(png, info);
	if (SDL_MUSTLOCK(s)) {
		SDL_LockSurface(s);
		locked = true;
	}
	for (int y = 0; y < s->h; y++) {
		row_rgb(s, y, row);
		png_write_row(png, row);
	}
	if (locked)
		SDL_UnlockSurface(s);
	locked = false;
	png_write_end(png, info);
	png_destroy_write_struct(&png, &info);
	free(row);
	if (fclose(f) != 0) {
		snprintf(err, errsize, "%s: cannot write: %s", path, strerror(errno));
		return -1;
	}
	return 0;
fail:
	if (locked)
		SDL_UnlockSurface(s);
	png_destroy_write_struct(&png, &info);
	free(row);
	fclose(f);
	remove(path);
	return -1;
}
