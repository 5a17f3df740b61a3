/* SPDX-License-Identifier: MIT */
/* norm_utf16.c: UTF-16 text (what Windows Notepad saves as "Unicode", with
 * a byte order mark) turned into UTF-8, so a clerk's file is read as what it
 * says rather than refused for its encoding. utf8proc encodes each code
 * point; pairing surrogates is the only UTF-16 logic here. */
#include <stdlib.h>

#include <utf8proc.h>

#include "norm.h"

int norm_utf16_bom(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;

	if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE)
		return 1;
	if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF)
		return 2;
	return 0;
}

static unsigned norm_unit(const unsigned char *p, bool be)
{
	return be ? (unsigned)p[0] << 8 | p[1] : (unsigned)p[1] << 8 | p[0];
}

int norm_utf16_to_utf8(const char *s, size_t len, char **out, size_t *outlen, size_t *bad)
{
	int bom = norm_utf16_bom(s, len);
	const unsigned char *u = (const unsigned char *)s;
	/* A BMP code unit becomes at most 3 bytes, a pair (4 bytes in) 4. */
	char *buf = bom ? malloc(len / 2 * 3 + 1) : NULL;
	size_t o = 0, i;

	*out = NULL;
	*outlen = 0;
	if (!buf) {
		*bad = 0;
		return -1;
	}
	for (i = 2; i + 1 < len; i += 2) {
		unsigned cp = norm_unit(u + i, bom == 2);

		if (cp >= 0xDC00 && cp <= 0xDFFF)
			goto fail; /* a low surrogate first */
		if (cp >= 0xD800 && cp <= 0xDBFF) {
			unsigned lo = i + 3 < len ? norm_unit(u + i + 2, bom == 2) : 0;

			if (lo < 0xDC00 || lo > 0xDFFF)
				goto fail; /* a high surrogate alone */
			cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
			i += 2;
		}
		o += (size_t)utf8proc_encode_char((utf8proc_int32_t)cp, (utf8proc_uint8_t *)buf + o);
	}
	if (i != len)
		goto fail; /* an odd byte at the end */
	buf[o] = '\0';
	*out = buf;
	*outlen = o;
	return 0;
fail:
	*bad = i;
	free(buf);
	return -1;
}
