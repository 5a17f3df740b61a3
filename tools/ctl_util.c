/* SPDX-License-Identifier: MIT */
/* ctl_util: database choice, usage errors and UTF-8 columns for bangtinctl. */
#define LOG_TAG "ctl"
#include "ctl.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <utf8proc.h>

#include "log.h"
#include "norm.h"
#include "paths.h"
#include "store.h"

#ifndef BANGTIN_SRCDIR
#define BANGTIN_SRCDIR NULL
#endif

int ctl_db_path(const char *opt, char *buf, size_t size)
{
	if (paths_db_here(opt, BANGTIN_SRCDIR, buf, size) != 0) {
		log_error("database path too long");
		return -1;
	}
	return 0;
}

struct store *ctl_store_open(const char *opt, bool must_exist)
{
	char path[PATH_MAX], err[STORE_ERR_MAX];
	struct stat st;
	struct store *store;

	if (ctl_db_path(opt, path, sizeof path) != 0)
		return NULL;
	if (must_exist && stat(path, &st) != 0) {
		log_error("%s: no database (%s); import documents first or pass --db",
			  path, strerror(errno));
		return NULL;
	}
	/* list and show (must_exist) only read: a read-only file is fine. */
	store = must_exist ? store_open_read(path, err, sizeof err)
			   : store_open(path, err, sizeof err);
	if (!store)
		log_error("%s", err);
	return store;
}

int ctl_usage_error(const char *cmd, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	log_error("%s%s%s", cmd ? cmd : "", cmd ? ": " : "", msg);
	log_line(LOG_LEVEL_ERROR, "Try 'bangtinctl%s%s --help'.", cmd ? " " : "",
		 cmd ? cmd : "");
	return CTL_EXIT_USAGE;
}

int ctl_bad_option(const char *cmd, char **argv, int c)
{
	const char *arg = optind > 0 ? argv[optind - 1] : "?";
	char shortopt[3] = { '-', (char)optopt, '\0' };

	/* An unknown short option may sit inside a cluster ("-xq"): name it. */
	if (optopt && arg[0] == '-' && arg[1] != '-')
		arg = shortopt;
	if (c == ':')
		return ctl_usage_error(cmd, "option '%s' needs a value", arg);
	return ctl_usage_error(cmd, "unknown option '%s'", arg);
}

void ctl_pad(FILE *f, const char *s, size_t width)
{
	size_t w = norm_width(s, SIZE_MAX);

	fputs(s ? s : "", f);
	for (; w < width; w++)
		fputc(' ', f);
}

char *ctl_shorten(const char *s, size_t max, char *buf, size_t size)
{
	static const char ellipsis[] = "…";
	size_t len = s ? strlen(s) : 0, keep, cps = 0;

	if (!size)
		return buf;
	if (!s || !max) {
		buf[0] = '\0';
		return buf;
	}
	if (norm_width(s, SIZE_MAX) <= max && len < size) {
		memcpy(buf, s, len + 1);
		return buf;
	}
	/* Keep the first max - 1 code points, then fewer until the ellipsis fits. */
	for (keep = 0; s[keep]; keep++)
		if (((unsigned char)s[keep] & 0xC0) != 0x80 && cps++ == max - 1)
			break;
	while (keep > 0 && keep + sizeof ellipsis > size)
		while (--keep > 0 && ((unsigned char)s[keep] & 0xC0) == 0x80)
			;
	while (keep > 0 && s[keep - 1] == ' ')
		keep--;
	memcpy(buf, s, keep);
	memcpy(buf + keep, ellipsis, sizeof ellipsis);
	return buf;
}

/* The escape of the code point (or byte, when cp < 0) at s into out: up to
 * 10 bytes and a NUL. */
static void safe_escape(long cp, unsigned char byte, char out[12])
{
	if (cp < 0)
		snprintf(out, 12, "\\x%02x", byte);
	else if (cp < 0x80)
		snprintf(out, 12, "\\x%02lx", (unsigned long)cp);
	else
		snprintf(out, 12, "\\u%04lx", (unsigned long)cp);
}

const char *ctl_safe(const char *s)
{
	static char *ring[CTL_SAFE_RING];
	static size_t cap[CTL_SAFE_RING], next;
	const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)s;
	size_t len, i = 0, o = 0, k;
	bool clean = true;

	if (!s)
		return "";
	len = strlen(s);
	/* A pass to see whether anything must change: most text is clean. */
	while (i < len && clean) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate(u + i, (utf8proc_ssize_t)(len - i), &cp);
		clean = n > 0 && !norm_is_control(cp);
		i += n > 0 ? (size_t)n : 1;
	}
	if (clean)
		return s;
	k = next++ % CTL_SAFE_RING;
	/* Each byte becomes at most "\xhh" (4 bytes); a 2- or 3-byte control
	 * becomes "\uhhhh" (6). */
	if (len > (SIZE_MAX - 1) / 4)
		return "(?)";
	if (cap[k] < 4 * len + 1) {
		char *p = realloc(ring[k], 4 * len + 1);
		if (!p)
			return "(?)";
		ring[k] = p;
		cap[k] = 4 * len + 1;
	}
	for (i = 0; i < len;) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate(u + i, (utf8proc_ssize_t)(len - i), &cp);
		char esc[12];

		if (n > 0 && !norm_is_control(cp)) {
			memcpy(ring[k] + o, s + i, (size_t)n);
			o += (size_t)n;
			i += (size_t)n;
			continue;
		}
		safe_escape(n > 0 ? cp : -1, u[i], esc);
		memcpy(ring[k] + o, esc, strlen(esc));
		o += strlen(esc);
		i += n > 0 ? (size_t)n : 1;
	}
	ring[k][o] = '\0';
	return ring[k];
}
