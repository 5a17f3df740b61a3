/* SPDX-License-Identifier: MIT */
/* ctl_list: `bangtinctl list`: one aligned line per stored document. */
#define LOG_TAG "list"
#include <getopt.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "ctl.h"
#include "log.h"
#include "norm.h"
#include "store.h"

static void list_help(FILE *f)
{
	fputs("Usage: bangtinctl list [--db PATH] [--kind CODE] [--all] [--id] [--json]\n"
	      "\n"
	      "Print one line per stored document: date, number-symbol, kind code and\n"
	      "subject, pinned documents first, then newest first. Withdrawn documents\n"
	      "and documents outside their display window are left out unless --all.\n"
	      "\n"
	      "Options:\n"
	      "  -d, --db PATH    database file (default: $BANGTIN_DB, else the built-in path)\n"
	      "  -k, --kind CODE  only documents of this type code (KL, CV, TB, NQ, ...)\n"
	      "  -a, --all        also withdrawn and out-of-window documents, marked\n"
	      "  -i, --id         start each line with the document's id (for show --id)\n"
	      "  -j, --json       one JSON object per line (JSON Lines), each the whole\n"
	      "                   document as show --json prints it, in the same order\n"
	      "  -h, --help       show this help and exit\n",
	      f);
}

/* Values come from the database: printed escaped (ctl_safe). */
static const char *list_number(const struct store_entry *e)
{
	return e->number[0] ? ctl_safe(e->number) : "(không số)";
}

static void list_print(const struct store_list *list, bool ids)
{
	size_t wnum = 0, wkind = 0, wid = 0;
	char id[32];

	for (size_t i = 0; i < list->n; i++) {
		const struct store_entry *e = &list->items[i];
		size_t w = norm_width(list_number(e), SIZE_MAX);
		wnum = w > wnum ? w : wnum;
		w = norm_width(ctl_safe(e->kind), SIZE_MAX);
		wkind = w > wkind ? w : wkind;
		w = (size_t)snprintf(id, sizeof id, "%" PRId64, e->id);
		wid = w > wid ? w : wid;
	}
	for (size_t i = 0; i < list->n; i++) {
		const struct store_entry *e = &list->items[i];
		if (ids)
			printf("%*" PRId64 "  ", (int)wid, e->id);
		ctl_pad(stdout, e->date[0] ? ctl_safe(e->date) : "?", 12);
		ctl_pad(stdout, list_number(e), wnum + 2);
		ctl_pad(stdout, ctl_safe(e->kind), wkind + 2);
		if (e->subject && *e->subject)
			fputs(ctl_safe(e->subject), stdout);
		else /* a routing slip has no trích yếu: say what it is */
			printf("(%s)", ctl_safe(e->type_name ? e->type_name : e->kind));
		if (e->pinned)
			fputs("  [ghim]", stdout);
		if (e->withdrawn)
			fputs("  [đã thu hồi]", stdout);
		putchar('\n');
	}
}

/* Every listed document, whole, one JSON object a line. Returns 0, or -1
 * with the error logged. */
static int list_json(struct store *store, const struct store_list *list)
{
	char err[STORE_ERR_MAX];

	for (size_t i = 0; i < list->n; i++) {
		struct store_doc sd;
		int rc = store_get_doc(store, NULL, list->items[i].id, &sd, err, sizeof err);
		if (rc <= 0) {
			log_error("%s", rc < 0 ? err : "a listed document vanished");
			return -1;
		}
		ctl_json_doc(stdout, &sd);
		putchar('\n');
		store_doc_free(&sd);
	}
	return 0;
}

int ctl_list(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "kind", required_argument, NULL, 'k' },
		{ "all", no_argument, NULL, 'a' },
		{ "id", no_argument, NULL, 'i' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct store_filter filter = { 0 };
	struct store_list list = { 0 };
	const char *db = NULL;
	char err[STORE_ERR_MAX];
	bool ids = false, json = false;
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":d:k:aijh", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'k':
			/* Codes are typed in any case ("kl", "qđi"); the store
			 * keeps the kind table's spelling. */
			filter.kind = doc_kind_canonical(optarg) ? doc_kind_canonical(optarg) : optarg;
			break;
		case 'a':
			filter.include_hidden = true;
			break;
		case 'i':
			ids = true;
			break;
		case 'j':
			json = true;
			break;
		case 'h':
			list_help(stdout);
			return CTL_EXIT_OK;
		default:
			return ctl_bad_option("list", argv, c);
		}
	}
	if (optind < argc)
		return ctl_usage_error("list", "unexpected argument '%s'", argv[optind]);

	struct store *store = ctl_store_open(db, true);
	if (!store)
		return CTL_EXIT_FAIL;
	filter.now = (int64_t)time(NULL);
	int rc = store_list_docs(store, &filter, &list, err, sizeof err);
	if (rc == 0 && json)
		rc = list_json(store, &list);
	store_close(store);
	if (rc != 0) {
		log_error("%s", err);
		store_list_free(&list);
		return CTL_EXIT_FAIL;
	}
	if (!json)
		list_print(&list, ids);
	if (list.n == 0 && list.damaged == 0)
		log_notice("no documents%s%s", filter.kind ? " of kind " : "",
			   filter.kind ? filter.kind : "");
	/* The rows that could be read are listed; the damaged ones are named
	 * and make the exit status a failure. */
	if (list.damaged)
		log_error("%zu damaged row%s left out, the first: %s",
			  list.damaged, list.damaged == 1 ? "" : "s", list.damaged_why);
	rc = list.damaged ? CTL_EXIT_FAIL : CTL_EXIT_OK;
	store_list_free(&list);
	return rc;
}
