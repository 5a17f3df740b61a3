/* SPDX-License-Identifier: MIT */
/* ctl_preview: `bangtinctl preview`: the documents of a bundle imported into a
 * scratch database, each drawn by the kiosk itself (`bangtin --shot`), so the
 * PNGs are the screen's own pixels. */
#define LOG_TAG "preview"
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bundle.h"
#include "content.h"
#include "ctl.h"
#include "log.h"
#include "store.h"

struct preview_opts {
	const char *bundle, *outdir, *size, *time, *bangtin, *config;
	size_t max_pages; /* --pages: SIZE_MAX all (default), 1 first, N the first N */
};

/* A document the screen lists, in list order. */
struct preview_doc {
	char key[160];
	char name[200]; /* the PNG's file name */
};

static void preview_help(FILE *f)
{
	fputs("Usage: bangtinctl preview [OPTIONS] BUNDLE OUTDIR\n"
	      "\n"
	      "Draw how each document of the bundle folder BUNDLE will look on the screen:\n"
	      "its documents are parsed and imported into a scratch database, and the\n"
	      "kiosk program draws every page of each in its reader, with the fonts and\n"
	      "settings of its config, into OUTDIR/NNN-NUMBER-pPP.png (NNN: the order of\n"
	      "the screen's list, PP the page; made when missing). A document the kiosk\n"
	      "does not list\n"
	      "on its own (a routing slip, shown inside the document it annotates) is\n"
	      "named, not drawn. The folder is checked as the kiosk checks it (no links,\n"
	      "devices or FIFOs, nothing unlisted, every file's size and SHA-256); the\n"
	      "signature is not (run verify). The kiosk program is --bangtin, else the\n"
	      "bangtin beside this bangtinctl, else bangtin on PATH.\n"
	      "\n"
	      "Options:\n"
	      "  -S, --size WxH      size of the screen, in pixels (default: 1920x1080)\n"
	      "  -t, --time TIME     the clock of the header, 2026-11-23T09:41 (default: now)\n"
	      "  -b, --bangtin PATH  the kiosk program to draw with\n"
	      "  -c, --config FILE   the kiosk's config to draw with (default: its own)\n"
	      "  -p, --pages WHICH   all (default), first, or N: the first N pages of each\n"
	      "  -h, --help          show this help and exit\n"
	      "\n"
	      "Exit status: 0 every listed document drawn, 1 refused or failed, 2 usage.\n",
	      f);
}

/* Checks the folder as the kiosk does but for the signature (no links,
 * devices or FIFOs, nothing unlisted, every file of its size and SHA-256,
 * the limits), then parses every file it lists. Returns 0 or -1 (logged). */
static int preview_read(const char *bundle, struct bundle_manifest *m, struct ctl_parsed *p)
{
	struct bundle_limits lim = bundle_limits_default();
	struct bundle_dir *d;
	enum bundle_verdict v;
	char err[1024];

	memset(m, 0, sizeof *m);
	v = bundle_dir_open_unsigned(bundle, &lim, &d, err, sizeof err);
	for (size_t i = 0; v == BUNDLE_OK && i < bundle_dir_manifest(d)->nfiles; i++) {
		char *buf;
		size_t len;

		v = bundle_dir_read(d, i, &buf, &len, err, sizeof err);
		free(buf);
	}
	if (v != BUNDLE_OK) {
		log_error("%s: %s; the kiosk would refuse the bundle (%s)", bundle, err,
			  bundle_verdict_vi(v));
		bundle_dir_close(d);
		return -1;
	}
	/* The manifest outlives the handle: parse its bytes again into m. */
	{
		size_t len;
		const char *text = bundle_dir_manifest_text(d, &len);
		int rc = bundle_manifest_parse(text, len, &lim, m, err, sizeof err);

		bundle_dir_close(d);
		if (rc != 0) {
			log_error("%s/%s", bundle, err);
			return -1;
		}
	}
	if (ctl_bundle_parse(bundle, m, p, err, sizeof err) != 0) {
		log_error("%s", err);
		return -1;
	}
	if (p->nbad > 0) {
		ctl_parsed_log(p, false);
		log_error("%zu of %zu files have errors; the kiosk would refuse the bundle",
			  p->nbad, p->files.n);
		return -1;
	}
	return 0;
}

/* "516-KL/ĐUK" -> "516-KL_ĐUK": a file name (UTF-8 kept, '/' and the like not). */
static void preview_file_name(size_t i, const struct content_entry *e, char *buf,
			      size_t size)
{
	char what[128];

	if (e->number && *e->number)
		snprintf(what, sizeof what, "%s", e->number);
	else
		snprintf(what, sizeof what, "%s", e->kind ? e->kind : "document");
	for (char *c = what; *c; c++)
		if (*c == '/' || *c == '\\' || *c == ':' || *c == ' ' || (unsigned char)*c < 0x20)
			*c = '_';
	snprintf(buf, size, "%03zu-%s", i + 1, what);
}

static void preview_free_docs(struct preview_doc *docs)
{
	free(docs);
}

/* Imports the documents into the scratch store and lists what the screen
 * lists, in its order. Returns the count, or -1 (logged). */
static long preview_import(struct ctl_scratch *s, const struct ctl_parsed *p, int64_t now,
			   struct preview_doc **out)
{
	struct store_item *items = calloc(p->ndocs ? p->ndocs : 1, sizeof *items);
	struct content *c = NULL;
	struct preview_doc *docs = NULL;
	char err[STORE_ERR_MAX] = "";
	size_t k = 0, n = 0;
	long rc = -1;

	if (!items)
		goto nomem;
	for (size_t i = 0; i < p->files.n; i++)
		for (size_t d = 0; d < p->results[i].ndocs; d++)
			items[k++] = (struct store_item){ &p->results[i].docs[d],
							  p->files.items[i].path };
	if (store_import(s->st, items, k, now, NULL, err, sizeof err) != 0 ||
	    !(c = content_new(s->st)) || content_load(c, now, 1, err, sizeof err) != 0) {
		log_error("%s", c || err[0] ? err : "out of memory");
		goto out;
	}
	n = content_count(c, CONTENT_LIST);
	if (!(docs = calloc(n ? n : 1, sizeof *docs)))
		goto nomem;
	for (size_t i = 0; i < n; i++) {
		const struct content_entry *e = content_entry(c, CONTENT_LIST, i);
		struct store_doc sd;
		if (store_get_doc(s->st, NULL, e->id, &sd, err, sizeof err) != 1) {
			log_error("document %lld: %s", (long long)e->id, err);
			goto out;
		}
		snprintf(docs[i].key, sizeof docs[i].key, "%s", sd.key);
		store_doc_free(&sd);
		preview_file_name(i, e, docs[i].name, sizeof docs[i].name);
	}
	*out = docs;
	docs = NULL;
	rc = (long)n;
	goto out;
nomem:
	log_error("out of memory");
out:
	content_free(c);
	free(items);
	preview_free_docs(docs);
	return rc;
}

/* Names the documents of the bundle that the screen does not list. */
static void preview_unlisted(const struct ctl_parsed *p, const struct preview_doc *docs,
			     size_t n)
{
	char key[160];

	for (size_t i = 0; i < p->files.n; i++)
		for (size_t d = 0; d < p->results[i].ndocs; d++) {
			const struct doc *doc = &p->results[i].docs[d];
			bool listed = false;
			doc_key(doc, key, sizeof key);
			for (size_t k = 0; k < n && !listed; k++)
				listed = strcmp(docs[k].key, key) == 0;
			if (!listed)
				printf("not drawn: %s (%s, %s): the screen does not list it on its "
				       "own%s\n", key, doc->kind ? doc->kind : "?",
				       p->files.items[i].path,
				       doc->link_symbol ? "; it shows inside the document it "
				       "annotates or forwards" : "");
		}
}

/* The kiosk program: --bangtin, else beside this program, else on PATH. */
static void preview_program(const struct preview_opts *o, char *buf, size_t size)
{
	char exe[PATH_MAX];
	ssize_t n;
	char *slash;

	if (o->bangtin) {
		snprintf(buf, size, "%s", o->bangtin);
		return;
	}
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/'))) {
			snprintf(buf, size, "%.*s/bangtin", (int)(slash - exe), exe);
			if (access(buf, X_OK) == 0)
				return;
		}
	}
	snprintf(buf, size, "bangtin");
}

/* Copies the kiosk's log of a failed shot to stderr. */
static void preview_show_log(const char *path)
{
	char line[1024];
	FILE *f = fopen(path, "r");

	if (!f)
		return;
	while (fgets(line, sizeof line, f))
		fputs(line, stderr);
	fclose(f);
}

/* The "pages N" line a reader shot prints (bangtin(1)); 0 when absent. */
static size_t preview_pages(const char *logpath)
{
	char line[1024];
	size_t n = 0;
	FILE *f = fopen(logpath, "r");

	while (f && fgets(line, sizeof line, f))
		if (sscanf(line, "pages %zu", &n) == 1)
			break;
	if (f)
		fclose(f);
	return n;
}

/* Runs `bangtin --shot` for one page (from 1) of a document; *pages gets
 * its number of pages. Returns 0 or -1 (logged). */
static int preview_shot(const char *prog, const struct ctl_scratch *s,
			const struct preview_opts *o, const struct preview_doc *d, size_t page,
			size_t *pages)
{
	char out[4400], screen[200], logpath[4300];
	char *args[16];
	int a = 0, status;
	pid_t pid;

	snprintf(out, sizeof out, "%s/%s-p%02zu.png", o->outdir, d->name, page);
	snprintf(screen, sizeof screen, "reader:%s:%zu", d->key, page);
	snprintf(logpath, sizeof logpath, "%s/bangtin.log", s->dir);
	args[a++] = (char *)prog;
	args[a++] = (char *)"--db";
	args[a++] = (char *)s->path;
	args[a++] = (char *)"--shot";
	args[a++] = out;
	args[a++] = (char *)"--size";
	args[a++] = (char *)o->size;
	args[a++] = (char *)"--screen";
	args[a++] = screen;
	if (o->config) {
		args[a++] = (char *)"--config";
		args[a++] = (char *)o->config;
	}
	if (o->time) {
		args[a++] = (char *)"--time";
		args[a++] = (char *)o->time;
	}
	args[a] = NULL;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		int fd = open(logpath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
		if (fd >= 0) {
			dup2(fd, STDOUT_FILENO);
			dup2(fd, STDERR_FILENO);
		}
		execvp(prog, args);
		fprintf(stderr, "%s: %s\n", prog, strerror(errno));
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid) {
		log_error("cannot run %s: %s", prog, strerror(errno));
		return -1;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		preview_show_log(logpath);
		log_error("%s could not draw %s (%s %d)", prog, d->key,
			  WIFEXITED(status) ? "exit status" : "signal",
			  WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
		return -1;
	}
	*pages = preview_pages(logpath);
	if (*pages < page) {
		log_error("%s drew %s page %zu but did not say how many pages it has", prog,
			  d->key, page);
		return -1;
	}
	printf("%s\n", out);
	return 0;
}

/* Every page asked for of one document. Returns the pages drawn, or -1. */
static long preview_doc(const char *prog, const struct ctl_scratch *s,
			const struct preview_opts *o, const struct preview_doc *d)
{
	size_t pages = 1;

	for (size_t page = 1; page <= pages && page <= o->max_pages; page++)
		if (preview_shot(prog, s, o, d, page, &pages) != 0)
			return -1;
	return (long)(pages < o->max_pages ? pages : o->max_pages);
}

static int preview_run(const struct preview_opts *o)
{
	struct bundle_manifest m = { 0 };
	struct ctl_parsed p = { 0 };
	struct ctl_scratch s = { .st = NULL };
	struct preview_doc *docs = NULL;
	char prog[PATH_MAX];
	size_t npages = 0;
	long n = -1;
	int status = CTL_EXIT_FAIL;

	if (preview_read(o->bundle, &m, &p) != 0 || ctl_scratch_open(&s, NULL) != 0)
		goto out;
	n = preview_import(&s, &p, (int64_t)time(NULL), &docs);
	store_close(s.st); /* the kiosk opens it next */
	s.st = NULL;
	if (n < 0)
		goto out;
	if (mkdir(o->outdir, 0755) != 0 && errno != EEXIST) {
		log_error("%s: %s", o->outdir, strerror(errno));
		goto out;
	}
	preview_program(o, prog, sizeof prog);
	for (long i = 0; i < n; i++) {
		long drawn = preview_doc(prog, &s, o, &docs[i]);
		if (drawn < 0)
			goto out;
		npages += (size_t)drawn;
	}
	preview_unlisted(&p, docs, (size_t)n);
	printf("%ld of %zu documents drawn into %s, %zu pages\n", n, p.ndocs, o->outdir,
	       npages);
	status = CTL_EXIT_OK;
out:
	ctl_scratch_close(&s);
	preview_free_docs(docs);
	ctl_parsed_free(&p);
	bundle_manifest_free(&m);
	return status;
}

int ctl_preview(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "size", required_argument, NULL, 'S' },
		{ "time", required_argument, NULL, 't' },
		{ "bangtin", required_argument, NULL, 'b' },
		{ "config", required_argument, NULL, 'c' },
		{ "pages", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct preview_opts o = { .size = "1920x1080", .max_pages = SIZE_MAX };
	int c, w, h;
	char tail;
	const char *pages = "all";

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":S:t:b:c:p:h", opts, NULL)) != -1) {
		switch (c) {
		case 'S': o.size = optarg; break;
		case 't': o.time = optarg; break;
		case 'b': o.bangtin = optarg; break;
		case 'c': o.config = optarg; break;
		case 'p': pages = optarg; break;
		case 'h':
			preview_help(stdout);
			return CTL_EXIT_OK;
		default:
			return ctl_bad_option("preview", argv, c);
		}
	}
	if (argc - optind != 2)
		return ctl_usage_error("preview", "expected BUNDLE and OUTDIR, got %d argument%s",
				       argc - optind, argc - optind == 1 ? "" : "s");
	if (sscanf(o.size, "%dx%d%c", &w, &h, &tail) != 2 || w < 16 || h < 16)
		return ctl_usage_error("preview", "--size %s: not a size WxH", o.size);
	if (strcmp(pages, "first") == 0)
		o.max_pages = 1;
	else if (strcmp(pages, "all") != 0 &&
		 (sscanf(pages, "%d%c", &w, &tail) != 1 || w < 1 || pages[0] == '+'))
		return ctl_usage_error("preview", "--pages %s: not all, first or a number from 1",
				       pages);
	else if (strcmp(pages, "all") != 0)
		o.max_pages = (size_t)w;
	o.bundle = argv[optind];
	o.outdir = argv[optind + 1];
	return preview_run(&o);
}
