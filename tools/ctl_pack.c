/* SPDX-License-Identifier: MIT */
/* ctl_pack: `bangtinctl pack`: a folder of documents becomes a signed bundle
 * folder, after every document passed the kiosk's own parser. */
#define LOG_TAG "pack"
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bundle.h"
#include "ctl.h"
#include "ctl_pack.h"
#include "log.h"
#include "norm.h"

static void pack_help(FILE *f)
{
	fputs("Usage: bangtinctl pack --key NAME.key [OPTIONS] SRC DEST\n"
	      "\n"
	      "Make a signed content bundle. SRC is a folder of document text files: its\n"
	      "*.txt files are packed (not its subfolders, hidden files or other files,\n"
	      "which are named and skipped). Every file is checked with the kiosk's own\n"
	      "parser first; if any has an error, every diagnostic is printed and nothing\n"
	      "is written. File names must be A-Z a-z 0-9 . _ - only (no spaces or\n"
	      "diacritics), so that every stick and every kiosk reads them the same.\n"
	      "\n"
	      "DEST is the bundle folder itself, made fresh (an existing DEST must be an\n"
	      "empty folder, or an old bundle with --replace); on a stick it is normally\n"
	      "STICK/BANGTIN, the folder the board looks for. It receives copies of the\n"
	      "files, manifest.txt and manifest.sig (written last).\n"
	      "\n"
	      "The sequence number must grow with each bundle of a key, or the kiosk\n"
	      "refuses the bundle as a replay. By default it is the larger of the current\n"
	      "Unix time and one more than the last one, kept in NAME.seq beside the key\n"
	      "(written before the bundle, so a failed pack only skips a number).\n"
	      "\n"
	      "Options:\n"
	      "  -k, --key FILE        the secret key (NAME.key from bangtinctl keygen)\n"
	      "  -n, --sequence N      this sequence number (above the one in NAME.seq)\n"
	      "  -m, --mode MODE       merge (default): add and replace documents, keep the\n"
	      "                        rest; replace: the bundle becomes the whole content\n"
	      "  -w, --withdraw SYM    take the document SYM off the screen (merge only);\n"
	      "                        may be repeated\n"
	      "  -D, --display SYM:FROM:UNTIL\n"
	      "                        show SYM only from FROM until UNTIL, each a local date\n"
	      "                        2026-11-23 (UNTIL: to the end of that day), a time\n"
	      "                        2026-11-23T09:41, or empty for open; may be repeated\n"
	      "  -p, --pin SYM         keep SYM first in the lists; may be repeated\n"
	      "  -s, --strict          refuse the bundle when a document lacks its number,\n"
	      "                        date or kind (state them in the file's front matter)\n"
	      "  -R, --replace         DEST holds an old bundle: build the new one beside\n"
	      "                        it, check it, then swap and remove the old one\n"
	      "  -A, --add-key FILE.pub  the board trusts this key too once it applies the\n"
	      "                        bundle (a board trusting a key takes new keys only\n"
	      "                        this way); may be repeated\n"
	      "  -h, --help            show this help and exit\n"
	      "\n"
	      "Exit status: 0 packed, 1 refused (bad document, name, key, DEST), 2 usage.\n",
	      f);
}

/* Skips the spaces OCR puts into symbols: "516 - KL/ĐUK" is "516-KL/ĐUK". */
static char *pack_symbol(const char *arg)
{
	size_t n = strlen(arg), k = 0;
	char *s = malloc(n + 1);

	if (!s)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (arg[i] != ' ' && arg[i] != '\t')
			s[k++] = arg[i];
	s[k] = '\0';
	return s;
}

static int pack_push(void **arr, size_t *n, size_t size)
{
	void *p = realloc(*arr, (*n + 1) * size);

	if (!p)
		return -1;
	*arr = p;
	return 0;
}

/* The display entry of sym, added (open, not pinned) when missing. */
static struct bundle_display *pack_display_of(struct bundle_manifest *m, const char *sym)
{
	struct bundle_display *d;

	for (size_t i = 0; i < m->ndisplay; i++)
		if (strcmp(m->display[i].symbol, sym) == 0)
			return &m->display[i];
	if (pack_push((void **)&m->display, &m->ndisplay, sizeof *m->display) != 0)
		return NULL;
	d = &m->display[m->ndisplay];
	*d = (struct bundle_display){ .symbol = strdup(sym) };
	if (!d->symbol)
		return NULL;
	m->ndisplay++;
	return d;
}

/* "2026-11-23" or "2026-11-23T09:41" (local time) at s, or nothing (open).
 * *used receives the bytes read; a date alone as an end means the day's end.
 * Returns 0, or -1 when s holds something else. */
static int pack_when(const char *s, bool end, int64_t *out, size_t *used)
{
	struct tm tm = { 0 };
	int y, mo, d, h = 0, mi = 0, n = 0;

	*out = 0;
	*used = 0;
	if (*s == ':' || *s == '\0')
		return 0;
	if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || n != 10 ||
	    !doc_date_valid(y, mo, d))
		return -1;
	if (s[10] == 'T') {
		if (sscanf(s + 11, "%2d:%2d%n", &h, &mi, &n) != 2 || n != 5 || h > 23 ||
		    mi > 59 || h < 0 || mi < 0)
			return -1;
		*used = 16;
	} else {
		*used = 10;
		d += end; /* mktime carries the day past the month's end */
	}
	tm = (struct tm){ .tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h,
			  .tm_min = mi, .tm_isdst = -1 };
	*out = (int64_t)mktime(&tm);
	return 0;
}

/* --display SYMBOL:FROM:UNTIL. Returns 0, or CTL_EXIT_USAGE (logged). */
static int pack_opt_display(struct bundle_manifest *m, const char *arg)
{
	const char *colon = strchr(arg, ':'), *p;
	char *sym;
	int64_t from, until;
	size_t used;
	struct bundle_display *d;

	if (!colon || colon == arg)
		return ctl_usage_error("pack", "--display %s: not SYMBOL:FROM:UNTIL", arg);
	p = colon + 1;
	if (pack_when(p, false, &from, &used) != 0 || p[used] != ':')
		return ctl_usage_error("pack", "--display %s: FROM is not a date 2026-11-23, a "
				       "time 2026-11-23T09:41 or empty", arg);
	p += used + 1;
	if (pack_when(p, true, &until, &used) != 0 || p[used] != '\0')
		return ctl_usage_error("pack", "--display %s: UNTIL is not a date 2026-11-23, a "
				       "time 2026-11-23T09:41 or empty", arg);
	if (from && until && from >= until)
		return ctl_usage_error("pack", "--display %s: FROM is not before UNTIL", arg);
	if (!(sym = strndup(arg, (size_t)(colon - arg))))
		return ctl_usage_error("pack", "out of memory");
	char *clean = pack_symbol(sym);
	free(sym);
	d = clean ? pack_display_of(m, clean) : NULL;
	free(clean);
	if (!d)
		return ctl_usage_error("pack", "out of memory");
	d->from = from;
	d->until = until;
	return 0;
}

static int pack_opt_pin(struct bundle_manifest *m, const char *arg)
{
	char *sym = pack_symbol(arg);
	struct bundle_display *d = sym && *sym ? pack_display_of(m, sym) : NULL;

	if (sym && !*sym) {
		free(sym);
		return ctl_usage_error("pack", "--pin: empty symbol");
	}
	free(sym);
	if (!d)
		return ctl_usage_error("pack", "out of memory");
	d->pinned = true;
	return 0;
}

static int pack_opt_withdraw(struct bundle_manifest *m, const char *arg)
{
	char *sym = pack_symbol(arg);

	if (sym && !*sym) {
		free(sym);
		return ctl_usage_error("pack", "--withdraw: empty symbol");
	}
	if (!sym || pack_push((void **)&m->withdraw, &m->nwithdraw, sizeof *m->withdraw) != 0) {
		free(sym);
		return ctl_usage_error("pack", "out of memory");
	}
	m->withdraw[m->nwithdraw++] = sym;
	return 0;
}

/* --add-key NAME.pub: the key, named by its file. */
static int pack_opt_key(struct bundle_manifest *m, const char *arg)
{
	const char *slash = strrchr(arg, '/'), *base = slash ? slash + 1 : arg;
	size_t n = strlen(base);
	struct bundle_key k;
	char err[BUNDLE_ERR_MAX];

	if (n <= 4 || strcmp(base + n - 4, ".pub") != 0 || !bundle_key_name_ok(base, n - 4))
		return ctl_usage_error("pack", "--add-key %s: not NAME.pub with NAME 1 to %d of "
				       "A-Z a-z 0-9 . _ -", arg, BUNDLE_KEY_NAME_MAX - 1);
	if (bundle_pub_read(arg, k.pk, err, sizeof err) != 0)
		return ctl_usage_error("pack", "--add-key: %s", err);
	memcpy(k.name, base, n - 4);
	k.name[n - 4] = '\0';
	if (pack_push((void **)&m->keys, &m->nkeys, sizeof *m->keys) != 0)
		return ctl_usage_error("pack", "out of memory");
	m->keys[m->nkeys++] = k;
	return 0;
}

static int pack_opt_sequence(struct pack_run *run, const char *arg)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(arg, &end, 10);
	if (errno || end == arg || *end || v == 0 || arg[0] == '-' || arg[0] == '+')
		return ctl_usage_error("pack", "--sequence %s: not a number from 1 up", arg);
	run->m.sequence = (uint64_t)v;
	run->has_sequence = true;
	return 0;
}

static int pack_opt_mode(struct pack_run *run, const char *arg)
{
	if (strcmp(arg, "merge") == 0)
		run->m.mode = BUNDLE_MERGE;
	else if (strcmp(arg, "replace") == 0)
		run->m.mode = BUNDLE_REPLACE;
	else
		return ctl_usage_error("pack", "--mode %s: not merge or replace", arg);
	return 0;
}

/* Reads the options into run. Returns -1 to go on, else an exit status. */
static int pack_options(struct pack_run *run, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "key", required_argument, NULL, 'k' },
		{ "sequence", required_argument, NULL, 'n' },
		{ "mode", required_argument, NULL, 'm' },
		{ "withdraw", required_argument, NULL, 'w' },
		{ "display", required_argument, NULL, 'D' },
		{ "pin", required_argument, NULL, 'p' },
		{ "strict", no_argument, NULL, 's' },
		{ "replace", no_argument, NULL, 'R' },
		{ "add-key", required_argument, NULL, 'A' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c, rc = 0;

	opterr = 0;
	while (rc == 0 && (c = getopt_long(argc, argv, ":k:n:m:w:D:p:sRA:h", opts, NULL)) != -1) {
		switch (c) {
		case 'k': run->key_path = optarg; break;
		case 'n': rc = pack_opt_sequence(run, optarg); break;
		case 'm': rc = pack_opt_mode(run, optarg); break;
		case 'w': rc = pack_opt_withdraw(&run->m, optarg); break;
		case 'D': rc = pack_opt_display(&run->m, optarg); break;
		case 'p': rc = pack_opt_pin(&run->m, optarg); break;
		case 's': run->strict = true; break;
		case 'R': run->replace = true; break;
		case 'A': rc = pack_opt_key(&run->m, optarg); break;
		case 'h':
			pack_help(stdout);
			return CTL_EXIT_OK;
		default:
			return ctl_bad_option("pack", argv, c);
		}
	}
	if (rc != 0)
		return rc;
	if (!run->key_path)
		return ctl_usage_error("pack", "no --key NAME.key given (make one with "
				       "bangtinctl keygen)");
	if (argc - optind != 2)
		return ctl_usage_error("pack", "expected SRC and DEST, got %d argument%s",
				       argc - optind, argc - optind == 1 ? "" : "s");
	if (run->m.mode == BUNDLE_REPLACE && run->m.nwithdraw > 0)
		return ctl_usage_error("pack", "--withdraw with --mode replace: a replace bundle "
				       "already removes every document it does not hold");
	run->src = argv[optind];
	run->dest = argv[optind + 1];
	return -1;
}

/* True when two symbols are the same document number (case, diacritics and
 * spaces aside, as the store matches them). */
static bool pack_same_symbol(const char *a, const char *b)
{
	char *fa = norm_fold(a), *fb = norm_fold(b);
	bool same = fa && fb && strcmp(fa, fb) == 0;

	free(fa);
	free(fb);
	return same;
}

/* Whether the bundle's own documents hold sym. */
static bool pack_holds(const struct pack_run *run, const char *sym)
{
	for (size_t i = 0; i < run->docs.files.n; i++) {
		const struct parse_result *res = &run->docs.results[i];
		for (size_t d = 0; d < res->ndocs; d++)
			if (res->docs[d].number && pack_same_symbol(res->docs[d].number, sym))
				return true;
	}
	return false;
}

/* Withdrawals, windows and pins against the bundle's documents: withdrawing
 * one the bundle brings is a contradiction; a window for one it does not
 * bring acts on the board's copy (merge) or on nothing (replace). */
static int pack_check_symbols(const struct pack_run *run)
{
	const struct bundle_manifest *m = &run->m;

	for (size_t i = 0; i < m->nwithdraw; i++)
		if (pack_holds(run, m->withdraw[i])) {
			log_error("--withdraw %s: the bundle brings this document itself; "
				  "nothing written", m->withdraw[i]);
			return -1;
		}
	for (size_t i = 0; i < m->ndisplay; i++) {
		const char *sym = m->display[i].symbol;
		if (pack_holds(run, sym))
			continue;
		if (m->mode == BUNDLE_REPLACE) {
			log_error("%s: no document of the bundle has this number, and a replace "
				  "bundle leaves nothing else to show; nothing written", sym);
			return -1;
		}
		log_notice("%s is not in the bundle: its window or pin applies to the board's "
			   "copy (the kiosk refuses the bundle when it has none)", sym);
	}
	return 0;
}

int ctl_pack(int argc, char **argv)
{
	struct pack_run run = { 0 };
	int status = pack_options(&run, argc, argv);

	if (status < 0)
		status = pack_run(&run) == 0 ? CTL_EXIT_OK : CTL_EXIT_FAIL;
	pack_run_free(&run);
	return status;
}

/* Reads the key and the documents; checks names, parse results and
 * symbols. Returns 0 or -1 (logged). */
int pack_prepare(struct pack_run *run)
{
	char err[BUNDLE_ERR_MAX];

	if (bundle_secret_load(run->key_path, run->key_name, run->sk, err, sizeof err) != 0) {
		log_error("%s; nothing written", err);
		return -1;
	}
	if (pack_read_sources(run) != 0)
		return -1;
	/* The bundle gets the UTF-8 text: the board reads UTF-8 only. */
	ctl_note_converted(&run->docs.files);
	if (ctl_parse_files(&run->docs) != 0)
		return -1;
	if (run->docs.nbad > 0) {
		ctl_parsed_log(&run->docs, true);
		log_error("%zu of %zu files have errors; nothing written", run->docs.nbad,
			  run->docs.files.n);
		return -1;
	}
	ctl_parsed_log(&run->docs, true);
	ctl_parsed_table(stdout, &run->docs);
	if (run->strict && ctl_parsed_strict(&run->docs) > 0) {
		log_error("--strict: documents lack their number, date or kind; nothing written");
		return -1;
	}
	return pack_check_symbols(run);
}
