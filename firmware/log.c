/* SPDX-License-Identifier: MIT */
/* log: levelled messages to stderr, journald-prefixed or plain (see log.h). */
#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The log's own settings: the only state the module keeps. */
static struct {
	const char *ident;
	enum log_level level;
	bool journal;
	bool resolved; /* AUTO turned into journal/plain */
} log_cfg = { "bangtin", LOG_LEVEL_INFO, false, false };

static void log_resolve(enum log_prefix mode)
{
	switch (mode) {
	case LOG_PREFIX_JOURNAL:
		log_cfg.journal = true;
		break;
	case LOG_PREFIX_PLAIN:
		log_cfg.journal = false;
		break;
	case LOG_PREFIX_AUTO:
	default:
		log_cfg.journal = !isatty(STDERR_FILENO);
		break;
	}
	log_cfg.resolved = true;
}

void log_init(const char *ident, enum log_level level, enum log_prefix mode)
{
	if (ident && *ident)
		log_cfg.ident = ident;
	if (level < LOG_LEVEL_ERROR)
		level = LOG_LEVEL_ERROR;
	if (level > LOG_LEVEL_DEBUG)
		level = LOG_LEVEL_DEBUG;
	log_cfg.level = level;
	log_resolve(mode);
}

enum log_level log_get_level(void)
{
	return log_cfg.level;
}

bool log_is_journal(void)
{
	if (!log_cfg.resolved)
		log_resolve(LOG_PREFIX_AUTO);
	return log_cfg.journal;
}

bool log_level_parse(const char *s, enum log_level *out)
{
	static const struct {
		const char *name;
		enum log_level level;
	} names[] = {
		{ "error", LOG_LEVEL_ERROR },   { "warning", LOG_LEVEL_WARNING },
		{ "notice", LOG_LEVEL_NOTICE }, { "info", LOG_LEVEL_INFO },
		{ "debug", LOG_LEVEL_DEBUG },
	};

	if (!s)
		return false;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (strcmp(s, names[i].name) == 0) {
			*out = names[i].level;
			return true;
		}
	}
	if (s[0] >= '3' && s[0] <= '7' && s[1] == '\0') {
		*out = (enum log_level)(s[0] - '0');
		return true;
	}
	return false;
}

static const char *log_level_word(enum log_level level)
{
	switch (level) {
	case LOG_LEVEL_ERROR:
		return "error: ";
	case LOG_LEVEL_WARNING:
		return "warning: ";
	case LOG_LEVEL_DEBUG:
		return "debug: ";
	default:
		return "";
	}
}

/*
 * Formats prefix and message into one buffer and writes it with a single
 * fputs, so lines from concurrent writers (the kiosk and its tools share the
 * journal) do not interleave mid-line.
 */
static void log_emit(enum log_level level, const char *tag, bool bare,
		     const char *fmt, va_list ap)
{
	char buf[2048];
	int n;

	if (level > log_cfg.level)
		return;
	if (log_is_journal())
		n = tag ? snprintf(buf, sizeof buf, "<%d>%s: ", (int)level, tag)
			: snprintf(buf, sizeof buf, "<%d>", (int)level);
	else if (bare)
		n = 0;
	else
		n = snprintf(buf, sizeof buf, "%s: %s", log_cfg.ident,
			     log_level_word(level));
	if (n < 0 || (size_t)n >= sizeof buf)
		n = 0;
	vsnprintf(buf + n, sizeof buf - (size_t)n, fmt, ap);

	size_t len = strlen(buf);
	if (len == sizeof buf - 1) /* truncated: say so rather than cut silently */
		memcpy(buf + len - 4, "...", 3);
	while (len > 0 && buf[len - 1] == '\n')
		buf[--len] = '\0';
	buf[len] = '\n';
	fwrite(buf, 1, len + 1, stderr);
	fflush(stderr);
}

void log_write(enum log_level level, const char *tag, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_emit(level, tag, false, fmt, ap);
	va_end(ap);
}

void log_line(enum log_level level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_emit(level, NULL, true, fmt, ap);
	va_end(ap);
}
