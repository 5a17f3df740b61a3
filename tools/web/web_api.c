/* SPDX-License-Identifier: MIT */
/*
 * web_api: what the clerk's page (tools/web/page) calls in the WebAssembly
 * build of the core. Nothing here re-implements the command line: keygen and
 * pack are bangtinctl's own functions run on emscripten's in-memory file
 * system, so the page and `bangtinctl pack` make the same bytes from the
 * same inputs; reading a file is the CLI's source_read() and parse_buffer();
 * the page preview is the kiosk's ui_compose_doc() and text layout, with the
 * browser's canvas measuring through struct text_metrics (web_fonts.c).
 * Results go to the page as JSON strings the caller frees with web_free().
 * Built only by `make web` (tools/web/web.mk), never into the native tools.
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <emscripten.h>

#include <sodium.h>

#include "bundle.h"
#include "ctl.h"
#include "ctl_pack.h"
#include "log.h"
#include "parse.h"
#include "source.h"
#include "web.h"

EMSCRIPTEN_KEEPALIVE void web_free(void *p)
{
	free(p);
}

EMSCRIPTEN_KEEPALIVE void *web_malloc(size_t n)
{
	return malloc(n ? n : 1);
}

/* Runs the bangtinctl subcommand argv[0] (keygen or pack) with the CLI's
 * own code; what it prints goes to the page's print handlers. getopt keeps
 * its place between calls, so it starts over (optind 0: glibc's and musl's
 * full reset) each time. Returns the CLI's exit status. */
EMSCRIPTEN_KEEPALIVE int web_ctl(int argc, char **argv)
{
	int rc;

	optind = 0;
	opterr = 0;
	if (argc < 1)
		return CTL_EXIT_USAGE;
	if (strcmp(argv[0], "keygen") == 0)
		rc = ctl_keygen(argc, argv);
	else if (strcmp(argv[0], "pack") == 0)
		rc = ctl_pack(argc, argv);
	else
		rc = ctl_usage_error(argv[0], "not a command of this page");
	fflush(stdout);
	fflush(stderr);
	return rc;
}

static void jb_doc(struct jbuf *b, const struct doc *d)
{
	char date[16] = "";

	if (d->date.y)
		snprintf(date, sizeof date, "%02d/%02d/%04d", d->date.d, d->date.m, d->date.y);
	web_jb_raw(b, "{\"kind\":");
	web_jb_str(b, d->kind);
	web_jb_raw(b, ",\"kind_name\":");
	web_jb_str(b, d->type_name ? d->type_name : d->kind ? doc_kind_name(d->kind) : NULL);
	web_jb_raw(b, ",\"number\":");
	web_jb_str(b, d->number);
	web_jb_printf(b, ",\"number_inferred\":%s", d->number_inferred ? "true" : "false");
	web_jb_raw(b, ",\"date\":");
	web_jb_str(b, *date ? date : NULL);
	web_jb_printf(b, ",\"date_inferred\":%s", d->date_inferred ? "true" : "false");
	web_jb_raw(b, ",\"place\":");
	web_jb_str(b, d->place);
	web_jb_raw(b, ",\"issuer\":");
	web_jb_str(b, d->issuer);
	web_jb_printf(b, ",\"issuer_inferred\":%s", d->issuer_inferred ? "true" : "false");
	web_jb_raw(b, ",\"parent\":");
	web_jb_str(b, d->parent);
	web_jb_printf(b, ",\"parent_inferred\":%s", d->parent_inferred ? "true" : "false");
	web_jb_raw(b, ",\"subject\":");
	web_jb_str(b, d->subject);
	web_jb_raw(b, ",\"signer_authority\":");
	web_jb_str(b, d->signer.authority);
	web_jb_raw(b, ",\"signer_title\":");
	web_jb_str(b, d->signer.title);
	web_jb_raw(b, ",\"signer_name\":");
	web_jb_str(b, d->signer.name);
	web_jb_printf(b, ",\"first_line\":%d,\"last_line\":%d,\"blocks\":%zu}", d->first_line,
		      d->last_line, d->nblocks);
}

/* Reads path as the CLI reads a source file and parses it as pack does. */
static int web_read_parse(const char *path, struct ctl_parsed *p, char *err, size_t errsize)
{
	*p = (struct ctl_parsed){ 0 };
	if (source_read(&path, 1, parse_limits_default().max_bytes, &p->files, err, errsize) != 0)
		return -1;
	return ctl_parse_files(p);
}

/* What the parser understood of the file at path (on the in-memory file
 * system): {"file", "error" (the file could not be read), "docs": [...],
 * "diags": [{"severity","line","field","message","text"}]}, text being the
 * CLI's own "FILE:LINE: error: ..." line. */
EMSCRIPTEN_KEEPALIVE char *web_parse(const char *path)
{
	struct jbuf *b = web_jb_new();
	struct ctl_parsed p;
	char err[1024] = "", line[512];

	if (!b)
		return NULL;
	web_jb_raw(b, "{\"file\":");
	web_jb_str(b, path);
	if (web_read_parse(path, &p, err, sizeof err) != 0) {
		web_jb_raw(b, ",\"error\":");
		web_jb_str(b, *err ? err : "out of memory");
		web_jb_raw(b, ",\"docs\":[],\"diags\":[]}");
		ctl_parsed_free(&p);
		return web_jb_finish(b);
	}
	const struct parse_result *res = &p.results[0];
	web_jb_raw(b, ",\"error\":null,\"docs\":[");
	for (size_t i = 0; i < res->ndocs; i++) {
		if (i)
			web_jb_raw(b, ",");
		jb_doc(b, &res->docs[i]);
	}
	web_jb_raw(b, "],\"diags\":[");
	for (size_t i = 0; i < res->ndiags; i++) {
		const struct parse_diag *d = &res->diags[i];

		if (i)
			web_jb_raw(b, ",");
		web_jb_printf(b, "{\"severity\":\"%s\",\"line\":%d,\"field\":",
			      d->severity == PARSE_ERROR ? "error" : "warning", d->line);
		web_jb_str(b, d->field);
		web_jb_raw(b, ",\"message\":");
		web_jb_str(b, d->message);
		web_jb_raw(b, ",\"text\":");
		web_jb_str(b, parse_diag_format(p.files.items[0].path, d, line, sizeof line));
		web_jb_raw(b, "}");
	}
	web_jb_raw(b, "]}");
	ctl_parsed_free(&p);
	return web_jb_finish(b);
}

/* The fingerprint of a public key file's text, as the board shows it to be
 * compared by eye: the first 8 bytes of the SHA-256 of the 32-byte key, in
 * upper-case hex, four groups of four. NULL when the text is not a key. */
EMSCRIPTEN_KEEPALIVE char *web_fingerprint(const char *pub)
{
	uint8_t pk[32];
	char *out;

	if (strlen(pub) < 8 + 64 || strncmp(pub, "ed25519 ", 8) != 0 ||
	    sodium_hex2bin(pk, sizeof pk, pub + 8, 64, NULL, NULL, NULL) != 0 ||
	    !(out = malloc(BUNDLE_FINGERPRINT_MAX)))
		return NULL;
	/* The bundle code's own (bangtinctl and the board print it). */
	return bundle_fingerprint(pk, out);
}

/* The page sets the log to plain "bangtinctl: error: ..." lines, as the
 * CLI writes them on a terminal, and everything but debug. */
EMSCRIPTEN_KEEPALIVE void web_init(void)
{
	log_init("bangtinctl", LOG_LEVEL_INFO, LOG_PREFIX_PLAIN);
}

/* The name a file gets in the bundle: name itself when the bundle rules
 * take it, else pack's suggestion ("Kết luận 516.txt" -> "ket-luan-516.txt"),
 * which the CLI asks the clerk to apply by hand and the page applies. */
EMSCRIPTEN_KEEPALIVE char *web_ascii_name(const char *name)
{
	char why[128], *out = malloc(BUNDLE_PATH_MAX + 1);

	if (!out)
		return NULL;
	if (bundle_path_check(name, strlen(name), why, sizeof why) == 0)
		snprintf(out, BUNDLE_PATH_MAX + 1, "%s", name);
	else
		pack_suggest(name, out, BUNDLE_PATH_MAX + 1);
	return out;
}

/* setenv() for the CLI code run here (SOURCE_DATE_EPOCH for pack). */
EMSCRIPTEN_KEEPALIVE int web_setenv(const char *name, const char *value)
{
	return *value ? setenv(name, value, 1) : unsetenv(name);
}

/* The secret key file at path read by pack's own loader: {"name", "pub"
 * (the NAME.pub text), "fingerprint"} or {"error"}. The secret does not
 * outlive the call. */
EMSCRIPTEN_KEEPALIVE char *web_secret_check(const char *path)
{
	struct jbuf *b = web_jb_new();
	char name[BUNDLE_KEY_NAME_MAX], err[BUNDLE_ERR_MAX], pub[8 + 64 + 2], *fp;
	uint8_t sk[64];

	if (!b)
		return NULL;
	if (bundle_secret_load(path, name, sk, err, sizeof err) != 0) {
		web_jb_raw(b, "{\"error\":");
		web_jb_str(b, err);
		web_jb_raw(b, "}");
		return web_jb_finish(b);
	}
	memcpy(pub, "ed25519 ", 8);
	sodium_bin2hex(pub + 8, 65, sk + 32, 32);
	strcat(pub, "\n");
	volatile uint8_t *v = sk;
	for (size_t i = 0; i < sizeof sk; i++)
		v[i] = 0;
	fp = web_fingerprint(pub);
	web_jb_raw(b, "{\"name\":");
	web_jb_str(b, name);
	web_jb_raw(b, ",\"pub\":");
	web_jb_str(b, pub);
	web_jb_raw(b, ",\"fingerprint\":");
	web_jb_str(b, fp);
	web_jb_raw(b, "}");
	free(fp);
	return web_jb_finish(b);
}
