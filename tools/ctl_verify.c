/* SPDX-License-Identifier: MIT */
/* ctl_verify: `bangtinctl verify`: a bundle checked by the kiosk's own update
 * code (update_apply) against a throwaway database, so the verdict and the
 * screen's sentence are the kiosk's, not a copy of them. */
#define LOG_TAG "verify"
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bundle.h"
#include "ctl.h"
#include "log.h"
#include "store.h"
#include "update.h"

static void verify_help(FILE *f)
{
	fputs("Usage: bangtinctl verify [--keys DIR] [--db PATH] BUNDLE\n"
	      "\n"
	      "Check the bundle folder BUNDLE exactly as the kiosk does before applying\n"
	      "it: signature by a trusted key of DIR, the manifest, every file's size and\n"
	      "SHA-256, nothing extra, no links, the limits, then every document through\n"
	      "the kiosk's parser. Prints the verdict in English and the Vietnamese\n"
	      "sentence the screen would show. Nothing is written: the check runs on a\n"
	      "temporary database.\n"
	      "\n"
	      "Without --db that database is empty, so a replay (a sequence not above the\n"
	      "newest one the board applied, from any key) cannot be judged, nor a display\n"
	      "window for a document the bundle does not bring: both are said. With --db,\n"
	      "a copy of that database (the board's, or a copy of it) is used, and the\n"
	      "counts are what the board would show.\n"
	      "\n"
	      "Options:\n"
	      "  -K, --keys DIR  the trusted public keys, *.pub (default: the folder\n"
	      "                  bangtinctl keygen wrote into, else ~/.config/bangtin/keys;\n"
	      "                  on the board, " CTL_KEYS_INSTALLED "); the folder used is\n"
	      "                  printed\n"
	      "  -d, --db PATH   judge against a copy of this database\n"
	      "  -h, --help      show this help and exit\n"
	      "\n"
	      "Exit status: 0 it would be applied (or was already: a no-op), 1 refused,\n"
	      "2 usage.\n",
	      f);
}

/* A display window for a symbol the bundle does not bring refuses it only
 * when the board lacks that document: without --db that is not known. */
static bool verify_display_unjudged(const struct update_report *rep)
{
	static const char prefix[] = BUNDLE_MANIFEST ": display:";

	return rep->status == UPDATE_REFUSED_DOCUMENT &&
	       strncmp(rep->log, prefix, sizeof prefix - 1) == 0;
}

/* Every error of every document, not only the first the kiosk names. */
static void verify_log_documents(const char *bundle, const struct bundle_keyring *kr)
{
	struct bundle_limits lim = bundle_limits_default();
	struct bundle_manifest m;
	struct ctl_parsed p = { 0 };
	char signer[BUNDLE_KEY_NAME_MAX], err[BUNDLE_ERR_MAX];

	if (bundle_check_dir(bundle, kr, &lim, &m, signer, err, sizeof err) != BUNDLE_OK)
		return;
	if (ctl_bundle_parse(bundle, &m, &p, err, sizeof err) == 0)
		ctl_parsed_log(&p, false);
	ctl_parsed_free(&p);
	bundle_manifest_free(&m);
}

/* The fingerprint of the signer, as the board shows it when enrolling. */
static void verify_print_signer(const struct update_report *rep,
				const struct bundle_keyring *kr)
{
	char fp[BUNDLE_FINGERPRINT_MAX];

	for (size_t i = 0; i < kr->n; i++)
		if (!strcmp(kr->keys[i].name, rep->key_name))
			printf("signed by %s, fingerprint %s\n", rep->key_name,
			       bundle_fingerprint(kr->keys[i].pk, fp));
}

static void verify_print_ok(const char *bundle, const struct update_report *rep,
			    const char *db)
{
	printf("%s: would be applied: key %s, sequence %" PRIu64 ", mode %s, %zu documents\n",
	       bundle, rep->key_name, rep->sequence,
	       rep->mode == BUNDLE_REPLACE ? "replace" : "merge", rep->ndocs);
	if (db) {
		printf("on %s: %zu new, %zu replaced, %zu unchanged, %zu withdrawn, %zu removed\n",
		       db, rep->added, rep->replaced, rep->unchanged, rep->withdrawn,
		       rep->removed);
		printf("screen: %s\n", rep->message_vi);
		return;
	}
	printf("replay: not judged: the board's newest sequence (of any key) is not known "
	       "here (pass --db with its database)\n");
	printf("screen (on an empty board): %s\n", rep->message_vi);
}

/* The key name manifest.sig claims (not verified: it only picks the key
 * folder), or NULL. */
static const char *verify_signer(const char *bundle, char name[BUNDLE_KEY_NAME_MAX])
{
	char path[4200], buf[512];
	uint8_t sig[64];
	size_t n = 0;
	int fd;

	snprintf(path, sizeof path, "%s/" BUNDLE_SIGNATURE, bundle);
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd >= 0) {
		ssize_t got = read(fd, buf, sizeof buf);
		n = got > 0 ? (size_t)got : 0;
		close(fd);
	}
	return n && bundle_sig_parse(buf, n, name, sig, NULL, 0) == 0 ? name : NULL;
}

/* Runs the kiosk's check and apply on a scratch copy; prints the verdict. */
static int verify_run(const char *bundle, const char *keys_opt, const char *db)
{
	char keys[4096], signer[BUNDLE_KEY_NAME_MAX];
	const char *why = ctl_keys_dir(keys_opt, verify_signer(bundle, signer), keys,
				       sizeof keys);
	struct bundle_keyring kr = { 0 };
	struct update_report rep;
	struct ctl_scratch scratch;
	char err[BUNDLE_ERR_MAX];
	int status = CTL_EXIT_FAIL;

	if (bundle_keyring_load(keys, &kr, err, sizeof err) != 0) {
		log_error("%s", err);
		return CTL_EXIT_FAIL;
	}
	printf("trusted keys: %s (%s): %zu key%s\n", keys, why, kr.n, kr.n == 1 ? "" : "s");
	if (kr.n == 0)
		log_warning("%s: no *.pub key: every bundle is refused as untrusted; pass --keys "
			    "DIR with the folder of NAME.pub", keys);
	if (ctl_scratch_open(&scratch, db) != 0)
		goto out;
	update_apply(scratch.st, bundle, &kr, NULL, (int64_t)time(NULL), NULL, NULL, &rep);
	ctl_scratch_close(&scratch);
	if (rep.status == UPDATE_APPLIED || rep.status == UPDATE_ALREADY_APPLIED) {
		verify_print_ok(bundle, &rep, db);
		verify_print_signer(&rep, &kr);
		for (size_t i = 0; i < rep.nkeys; i++) {
			char fp[BUNDLE_FINGERPRINT_MAX];
			printf("adds key %s, fingerprint %s: the board will trust it\n",
			       rep.keys[i].name, bundle_fingerprint(rep.keys[i].pk, fp));
		}
		if (rep.status == UPDATE_ALREADY_APPLIED)
			printf("already applied: the same bundle again is a no-op\n");
		status = CTL_EXIT_OK;
	} else if (!db && verify_display_unjudged(&rep)) {
		printf("%s: would be applied if the board holds the document: %s\n", bundle,
		       rep.log);
		printf("replay: not judged (pass --db with the board's database)\n");
		status = CTL_EXIT_OK;
	} else {
		if (rep.status == UPDATE_REFUSED_DOCUMENT)
			verify_log_documents(bundle, &kr);
		printf("%s: refused: %s\n", bundle, rep.log);
		printf("screen: %s\n", rep.message_vi);
	}
out:
	bundle_keyring_free(&kr);
	return status;
}

int ctl_verify(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "keys", required_argument, NULL, 'K' },
		{ "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *keys = NULL, *db = NULL;
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":K:d:h", opts, NULL)) != -1) {
		switch (c) {
		case 'K':
			keys = optarg;
			break;
		case 'd':
			db = optarg;
			break;
		case 'h':
			verify_help(stdout);
			return CTL_EXIT_OK;
		default:
			return ctl_bad_option("verify", argv, c);
		}
	}
	if (argc - optind != 1)
		return ctl_usage_error("verify", "expected one BUNDLE folder, got %d arguments",
				       argc - optind);
	return verify_run(argv[optind], keys, db);
}
