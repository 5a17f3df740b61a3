/* SPDX-License-Identifier: MIT */
/*
 * ctl: what bangtinctl's subcommands share. Each subcommand is a function
 * taking its own argc/argv (argv[0] is the subcommand's name) and returning
 * the process exit status; the helpers here choose and open the database,
 * measure and shorten UTF-8 text, report usage errors, and parse a bundle's
 * documents as the kiosk does. Nothing here is
 * part of the kiosk: tools/ links against libbangtin.a, never the reverse.
 */
#ifndef BANGTIN_CTL_H
#define BANGTIN_CTL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "log.h"
#include "parse.h"
#include "source.h"

struct store;
struct store_doc;
struct bundle_manifest;

/* Where an installed kiosk looks for the trusted public keys (*.pub). */
#define CTL_KEYS_INSTALLED "/etc/bangtin/keys"

/* The per-user key folder of an office PC: $XDG_CONFIG_HOME/bangtin/keys,
 * else ~/.config/bangtin/keys. -1 on the board (CTL_KEYS_INSTALLED exists
 * there) or without a home. */
int ctl_keys_user_dir(char *buf, size_t size);

/* Records dir (keygen's --dir, made absolute) in the per-user config folder
 * so that verify finds it; the default folder needs none. Failures are
 * warned about, never fatal. */
void ctl_keys_remember(const char *dir);

/* verify's trusted keys, into buf: opt (--keys); else of the folder keygen
 * last wrote into (--dir) and ctl_keys_user_dir(), the one holding
 * signer.pub (signer may be NULL), the recorded one first; else
 * CTL_KEYS_INSTALLED. Returns the reason, in English, to print beside it. */
const char *ctl_keys_dir(const char *opt, const char *signer, char *buf, size_t size);

/* mkdir -p: makes the missing components of dir with mode. 0 or -1 with
 * errno. */
int ctl_mkdirs(const char *dir, unsigned int mode);

/* Exit statuses of every subcommand. */
enum {
	CTL_EXIT_OK = 0,
	CTL_EXIT_FAIL = 1,  /* bad content, missing document, database error */
	CTL_EXIT_USAGE = 2, /* bad command line */
};

int ctl_import(int argc, char **argv);
int ctl_list(int argc, char **argv);
int ctl_show(int argc, char **argv);
int ctl_keygen(int argc, char **argv);
int ctl_pack(int argc, char **argv);
int ctl_verify(int argc, char **argv);
int ctl_preview(int argc, char **argv);

/* Writes the database path into buf: opt (--db) if given, else $BANGTIN_DB,
 * else the source tree's build/bangtin.db when this binary lives inside the
 * tree it was built from, else /var/lib/bangtin/bangtin.db. See
 * paths_db(). Returns 0, or -1 with a logged error. */
int ctl_db_path(const char *opt, char *buf, size_t size);

/* Opens the database of opt (see ctl_db_path). With must_exist, a missing
 * file is an error rather than a new empty database (list and show must not
 * create one), and the file is opened read-only (store_open_read: they
 * never write). Returns NULL after logging an error naming the path. */
struct store *ctl_store_open(const char *opt, bool must_exist);

/* Logs "CMD: MESSAGE" and a hint to run CMD --help; returns CTL_EXIT_USAGE. */
int ctl_usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Reports a getopt_long failure of cmd: c is what it returned (':' for a
 * missing value with an optstring starting with ':', '?' for an unknown
 * option); argv, optind and optopt say which. Returns CTL_EXIT_USAGE. */
int ctl_bad_option(const char *cmd, char **argv, int c);

/* Writes s, then spaces up to width code points (nothing past it). */
void ctl_pad(FILE *f, const char *s, size_t width);

/* Copies s into buf cut to at most max code points, ending in "…" when cut,
 * never splitting a UTF-8 sequence. NULL s gives "". Returns buf. */
char *ctl_shorten(const char *s, size_t max, char *buf, size_t size);

/* Marks of a value in the tables of import and pack. */
#define CTL_MARK_MISSING "[thiếu]"   /* the parser found none */
#define CTL_MARK_INFERRED "[suy ra]" /* taken from another document */
#define CTL_MARK_STATED "[ghi rõ]"   /* stated by the clerk (front matter) */

/* The subject cut to 60 code points into buf; a document without one (a
 * routing slip) gets "(Type về SYMBOL)". Returns buf. */
char *ctl_doc_subject(const struct doc *doc, char *buf, size_t size);

/* Prints what the parser understood of doc, one row each, indented by
 * indent spaces: "Loại:", "Số:", "Ngày:", "Cơ quan:", "Người ký:",
 * "Trích yếu:", the value or CTL_MARK_MISSING, then CTL_MARK_STATED or
 * CTL_MARK_INFERRED. */
void ctl_doc_table(FILE *f, const struct doc *doc, int indent);

/* What pack --strict requires and doc lacks: DOC_FIELD_NUMBER, _DATE and
 * _KIND bits; 0 when it has them all. */
uint32_t ctl_doc_lacks(const struct doc *doc);

/* Writes s as a JSON string: quotes, backslash and control characters
 * escaped, non-ASCII kept as UTF-8, a byte that is not UTF-8 as \ufffd;
 * NULL as null. */
void ctl_json_string(FILE *f, const char *s);

/* Writes one stored document as a JSON object on one line (no line feed):
 * every stored field, under the names docs/bangtinctl.1 lists. */
void ctl_json_doc(FILE *f, const struct store_doc *sd);

/*
 * s made safe to print on a terminal: every code point norm_is_control()
 * holds for (ESC, BEL, newline, C1, U+202E and the other bidirectional
 * controls) and every byte that is not UTF-8 is shown as an escape
 * ("\x1b", "\u202e", "\xff"); other text is unchanged, byte for byte.
 * Returns s itself when nothing needs escaping (the usual case), else a
 * copy in one of CTL_SAFE_RING static buffers that later calls reuse, so
 * up to that many may appear in one printf. NULL gives "". Out of memory
 * gives "(?)".
 */
#define CTL_SAFE_RING 8
const char *ctl_safe(const char *s);

/* Text files parsed with the kiosk's parser: what pack, verify and preview
 * check. The set owns the files' bytes and the results. */
struct ctl_parsed {
	struct source_set files;
	struct parse_result *results; /* one per file */
	size_t ndocs;                 /* documents of every file */
	size_t nbad;                  /* files with an error diagnostic */
};

/* Says which files of set were UTF-16 (Notepad's "Unicode") and read as
 * UTF-8 (source_read() converts them). */
void ctl_note_converted(const struct source_set *set);

/* Parses every file of p->files (already read) with parse_buffer(), filling
 * results, ndocs and nbad. Returns 0, or -1 when out of memory (logged). */
int ctl_parse_files(struct ctl_parsed *p);

/* Reads every file the manifest m lists under the bundle folder dir (as
 * DIR/PATH, in manifest order, within the parser's size limit) and parses
 * it. Returns 0 (files with errors are counted in nbad), or -1 with err when
 * a file cannot be read. Free with ctl_parsed_free() in both cases. */
int ctl_bundle_parse(const char *dir, const struct bundle_manifest *m, struct ctl_parsed *p,
		     char *err, size_t errsize);

/* Logs the diagnostics of every file, "FILE:LINE: error: ...": errors as
 * errors and, with warnings, warnings as warnings. */
void ctl_parsed_log(const struct ctl_parsed *p, bool warnings);
/* The log level of a diagnostic: an error's, else a warning's. */
enum log_level ctl_diag_level(const struct parse_diag *d);

void ctl_parsed_free(struct ctl_parsed *p);

/* Prints "FILE:FIRST-LAST" and the table (ctl_doc_table) of every document
 * of p, in file order. */
void ctl_parsed_table(FILE *f, const struct ctl_parsed *p);

/* pack --strict: logs an error "FILE:LINE: document without its number,
 * date, kind; ..." for each document of p that lacks any of them, and
 * returns how many do (0: all have them). */
size_t ctl_parsed_strict(const struct ctl_parsed *p);

/* A throwaway database in a fresh temporary folder ($TMPDIR, else /tmp):
 * what verify and preview run the kiosk's code against, so nothing real is
 * ever written. */
struct ctl_scratch {
	char dir[4096];
	char path[4200];   /* DIR/bangtin.db */
	struct store *st;  /* open after ctl_scratch_open(); may be closed early */
};

/* Makes the folder and opens the database in it: empty, or a copy of the
 * database copy_of (taken with SQLite's online backup, so a kiosk writing it
 * meanwhile is no harm; copy_of is only read). Returns 0, or -1 logged with
 * nothing left behind. */
int ctl_scratch_open(struct ctl_scratch *s, const char *copy_of);

/* Closes the database (unless already closed and set to NULL) and removes
 * the folder with every file in it. */
void ctl_scratch_close(struct ctl_scratch *s);

#endif
