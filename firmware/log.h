/* SPDX-License-Identifier: MIT */
/*
 * log: the one place the program writes diagnostics for its operator. It owns
 * the log settings (identity, threshold, prefix style) and writes to stderr,
 * either with journald's "<N>" priority prefix (so the system journal keeps
 * levels) or in a plain "ident: error: ..." style for a terminal. It formats
 * and writes; it never decides what is an error.
 *
 * Each .c file names itself before including this header:
 *	#define LOG_TAG "store"
 *	#include "log.h"
 * and then calls log_error("cannot open %s: %s", path, msg) and friends.
 */
#ifndef BANGTIN_LOG_H
#define BANGTIN_LOG_H

#include <stdbool.h>

#ifndef LOG_TAG
#define LOG_TAG "bangtin"
#endif

/* Levels carry syslog's numbers, which journald reads from the "<N>" prefix. */
enum log_level {
	LOG_LEVEL_ERROR = 3,
	LOG_LEVEL_WARNING = 4,
	LOG_LEVEL_NOTICE = 5,
	LOG_LEVEL_INFO = 6,
	LOG_LEVEL_DEBUG = 7,
};

enum log_prefix {
	LOG_PREFIX_AUTO = 0, /* journal style when stderr is not a terminal */
	LOG_PREFIX_JOURNAL,  /* "<3>store: message" */
	LOG_PREFIX_PLAIN,    /* "bangtinctl: error: message" */
};

/*
 * Sets the program identity used in plain style (not copied: pass a string
 * that lives as long as the program, such as a literal), the threshold (more
 * verbose levels are dropped) and the prefix style. LOG_PREFIX_AUTO is
 * resolved here, once, with isatty(2). Before any call the log writes
 * everything up to LOG_LEVEL_INFO in AUTO style as "bangtin".
 */
void log_init(const char *ident, enum log_level level, enum log_prefix mode);

/* The current threshold and whether messages are written in journal style. */
enum log_level log_get_level(void);
bool log_is_journal(void);

/* Parses "error", "warning", "notice", "info", "debug" (or 3..7); returns
 * false and leaves *out alone for anything else. */
bool log_level_parse(const char *s, enum log_level *out);

/*
 * Writes one message at level from the file tagged tag, followed by a
 * newline (a trailing newline in fmt is not doubled). Messages above the
 * threshold are dropped. Never fails visibly: a short write is ignored.
 */
void log_write(enum log_level level, const char *tag, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * Like log_write() but for text that already reads as a diagnostic of its
 * own ("file.txt:12: error: ..."): journal style keeps the "<N>" prefix, plain
 * style prints the text without identity or level.
 */
void log_line(enum log_level level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#define log_error(...)   log_write(LOG_LEVEL_ERROR, LOG_TAG, __VA_ARGS__)
#define log_warning(...) log_write(LOG_LEVEL_WARNING, LOG_TAG, __VA_ARGS__)
#define log_notice(...)  log_write(LOG_LEVEL_NOTICE, LOG_TAG, __VA_ARGS__)
#define log_info(...)    log_write(LOG_LEVEL_INFO, LOG_TAG, __VA_ARGS__)
#define log_debug(...)   log_write(LOG_LEVEL_DEBUG, LOG_TAG, __VA_ARGS__)

#endif
