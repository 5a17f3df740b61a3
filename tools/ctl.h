/* SPDX-License-Identifier: MIT */
/*
 * ctl: what bangtinctl's subcommands share. Each subcommand is a function
 * taking its own argc/argv (argv[0] is the subcommand's name) and returning
 * the process exit status; the helpers here choose and open the database,
 * measure and shorten UTF-8 text, and report usage errors. Nothing here is
 * part of the kiosk: tools/ links against libbangtin.a, never the reverse.
 */
#ifndef BANGTIN_CTL_H
#define BANGTIN_CTL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct store;

/* Exit statuses of every subcommand. */
enum {
	CTL_EXIT_OK = 0,
	CTL_EXIT_FAIL = 1,  /* bad content, missing document, database error */
	CTL_EXIT_USAGE = 2, /* bad command line */
};

int ctl_import(int argc, char **argv);
int ctl_list(int argc, char **argv);
int ctl_show(int argc, char **argv);

/* Writes the database path into buf: opt (--db) if given, else $BANGTIN_DB,
 * else the source tree's build/bangtin.db when this binary lives inside the
 * tree it was built from, else /var/lib/bangtin/bangtin.db. See
 * source_db_path(). Returns 0, or -1 with a logged error. */
int ctl_db_path(const char *opt, char *buf, size_t size);

/* Opens the database of opt (see ctl_db_path). With must_exist, a missing
 * file is an error rather than a new empty database (list and show must not
 * create one). Returns NULL after logging an error naming the path. */
struct store *ctl_store_open(const char *opt, bool must_exist);

/* Logs "CMD: MESSAGE" and a hint to run CMD --help; returns CTL_EXIT_USAGE. */
int ctl_usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Reports a getopt_long failure of cmd: c is what it returned (':' for a
 * missing value with an optstring starting with ':', '?' for an unknown
 * option); argv, optind and optopt say which. Returns CTL_EXIT_USAGE. */
int ctl_bad_option(const char *cmd, char **argv, int c);

/* Width of UTF-8 text in code points (bytes that do not continue a sequence). */
size_t ctl_width(const char *s);

/* Writes s, then spaces up to width code points (nothing past it). */
void ctl_pad(FILE *f, const char *s, size_t width);

/* Copies s into buf cut to at most max code points, ending in "…" when cut,
 * never splitting a UTF-8 sequence. NULL s gives "". Returns buf. */
char *ctl_shorten(const char *s, size_t max, char *buf, size_t size);

#endif
