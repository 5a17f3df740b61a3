/* SPDX-License-Identifier: MIT */
/* ctl_import: `bangtinctl import`: every file parses cleanly, or nothing is stored. */
#define LOG_TAG "import"
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "ctl.h"
#include "log.h"
#include "norm.h"
#include "parse.h"
#include "source.h"
#include "store.h"

/* Everything one run holds: the files and their parse results, the batch. */
struct import_run {
	struct ctl_parsed parsed;
	struct store_item *items;     /* every document of every file */
	enum store_action *actions;
	size_t nitems;
};

static void import_help(FILE *f)
{
	fputs("Usage: bangtinctl import [--db PATH] FILE|DIR...\n"
	      "\n"
	      "Parse the text files (a directory gives its *.txt files, sorted by name,\n"
	      "not its subdirectories) and store every document they hold in one\n"
	      "transaction. Every diagnostic is printed with its file and line. If any\n"
	      "file has an error, nothing is imported and the exit status is 1.\n"
	      "A document already stored (same number and date) is updated in place.\n"
	      "\n"
	      "Options:\n"
	      "  -d, --db PATH  database file (default: $BANGTIN_DB, else the built-in path)\n"
	      "  -h, --help     show this help and exit\n",
	      f);
}

static void import_run_free(struct import_run *run)
{
	ctl_parsed_free(&run->parsed);
	free(run->items);
	free(run->actions);
}

static int import_batch(struct import_run *run)
{
	size_t k = 0;

	run->items = calloc(run->nitems ? run->nitems : 1, sizeof *run->items);
	run->actions = calloc(run->nitems ? run->nitems : 1, sizeof *run->actions);
	if (!run->items || !run->actions)
		return -1;
	for (size_t i = 0; i < run->parsed.files.n; i++)
		for (size_t d = 0; d < run->parsed.results[i].ndocs; d++)
			run->items[k++] = (struct store_item){
				&run->parsed.results[i].docs[d], run->parsed.files.items[i].path
			};
	return 0;
}

static const char *import_action_word(enum store_action a)
{
	switch (a) {
	case STORE_ADDED:
		return "added";
	case STORE_UPDATED:
		return "updated";
	case STORE_UNCHANGED:
		return "unchanged";
	}
	return "?";
}

static const char *import_number(const struct doc *doc)
{
	return doc->number && *doc->number ? doc->number : "(không số)";
}

static bool import_diag_in(const struct parse_diag *diag, const struct doc *doc)
{
	return diag->line >= doc->first_line && diag->line <= doc->last_line;
}

/* Column widths of the report, in code points. */
struct import_cols {
	size_t number, kind;
};

/* The table and diagnostics under a document's line start below its number. */
#define IMPORT_INDENT 11

/* One line for the document, its table, then the diagnostics that fall
 * inside it. */
static void import_print_doc(const struct doc *doc, enum store_action action,
			     const struct parse_result *res, const char *path,
			     struct import_cols cols)
{
	char date[11], line[512];

	printf("%-9s  ", import_action_word(action));
	ctl_pad(stdout, import_number(doc), cols.number + 2);
	ctl_pad(stdout, doc->kind ? doc->kind : "", cols.kind + 2);
	ctl_pad(stdout, doc_date_iso(doc->date, date), 12);
	printf("%s:%d-%d\n", path, doc->first_line, doc->last_line);
	ctl_doc_table(stdout, doc, IMPORT_INDENT);
	for (size_t g = 0; g < res->ndiags; g++)
		if (import_diag_in(&res->diags[g], doc))
			printf("%*s%s\n", IMPORT_INDENT, "",
			       parse_diag_format(path, &res->diags[g], line, sizeof line));
}

/* Diagnostics of a file outside all of its documents go to the log. */
static void import_print_stray(const struct parse_result *res, const char *path)
{
	char line[512];

	for (size_t g = 0; g < res->ndiags; g++) {
		bool inside = false;
		for (size_t d = 0; d < res->ndocs && !inside; d++)
			inside = import_diag_in(&res->diags[g], &res->docs[d]);
		if (!inside)
			log_line(ctl_diag_level(&res->diags[g]), "%s",
				 parse_diag_format(path, &res->diags[g], line, sizeof line));
	}
}

/* Prints what the import did, one aligned line per document, and a total. */
static void import_report(const struct import_run *run)
{
	struct import_cols cols = { 0, 0 };
	size_t k = 0, counts[4] = { 0 };

	for (size_t i = 0; i < run->nitems; i++) {
		const struct doc *doc = run->items[i].doc;
		size_t w = norm_width(import_number(doc), SIZE_MAX);
		cols.number = w > cols.number ? w : cols.number;
		w = norm_width(doc->kind, SIZE_MAX);
		cols.kind = w > cols.kind ? w : cols.kind;
	}
	for (size_t i = 0; i < run->parsed.files.n; i++) {
		const struct parse_result *res = &run->parsed.results[i];
		for (size_t d = 0; d < res->ndocs; d++, k++) {
			enum store_action a = run->actions[k];
			counts[a >= 1 && a <= 3 ? a : 0]++;
			import_print_doc(&res->docs[d], a, res, run->parsed.files.items[i].path, cols);
		}
		import_print_stray(res, run->parsed.files.items[i].path);
	}
	printf("%zu documents from %zu files: %zu added, %zu updated, %zu unchanged\n",
	       run->nitems, run->parsed.files.n, counts[STORE_ADDED], counts[STORE_UPDATED],
	       counts[STORE_UNCHANGED]);
}

static int import_store(struct import_run *run, const char *db)
{
	char err[STORE_ERR_MAX];
	struct store *store;
	int64_t now;
	int rc;

	if (import_batch(run) != 0) {
		log_error("out of memory");
		return CTL_EXIT_FAIL;
	}
	store = ctl_store_open(db, false);
	if (!store)
		return CTL_EXIT_FAIL;
	now = (int64_t)time(NULL);
	/* The store records the content version, time and result in the
	 * import's own transaction. */
	rc = store_import(store, run->items, run->nitems, now, run->actions, err, sizeof err);
	store_close(store);
	if (rc != 0) {
		log_error("%s; nothing imported", err);
		return CTL_EXIT_FAIL;
	}
	import_report(run);
	return CTL_EXIT_OK;
}

int ctl_import(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct import_run run = { 0 };
	const char *db = NULL;
	char err[1024];
	int c, status;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":d:h", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'h':
			import_help(stdout);
			return CTL_EXIT_OK;
		default:
			return ctl_bad_option("import", argv, c);
		}
	}
	if (optind >= argc)
		return ctl_usage_error("import", "no FILE or DIR given");

	if (source_read((const char *const *)argv + optind, (size_t)(argc - optind),
			parse_limits_default().max_bytes, &run.parsed.files, err,
			sizeof err) != 0) {
		log_error("%s; nothing imported", err);
		return CTL_EXIT_FAIL;
	}
	ctl_note_converted(&run.parsed.files);
	if (ctl_parse_files(&run.parsed) != 0) {
		status = CTL_EXIT_FAIL;
	} else if (run.parsed.nbad > 0) {
		ctl_parsed_log(&run.parsed, true);
		log_error("%zu of %zu files have errors; nothing imported", run.parsed.nbad,
			  run.parsed.files.n);
		status = CTL_EXIT_FAIL;
	} else {
		run.nitems = run.parsed.ndocs;
		status = import_store(&run, db);
	}
	import_run_free(&run);
	return status;
}
