/* SPDX-License-Identifier: MIT */
/* ctl_keygen: `bangtinctl keygen`: a new signing key pair for bundles. */
#define LOG_TAG "keygen"
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "bundle.h"
#include "ctl.h"
#include "log.h"

static void keygen_help(FILE *f)
{
	fputs("Usage: bangtinctl keygen [--dir DIR] NAME\n"
	      "\n"
	      "Make a new Ed25519 key pair for signing content bundles: DIR/NAME.key,\n"
	      "the secret key (mode 0600: keep it on the office PC that packs bundles,\n"
	      "never on a stick), and DIR/NAME.pub, the public key, and print the key's\n"
	      "fingerprint. Put NAME.pub on the board: enrol it from a stick (NAME.pub\n"
	      "alone at the top of the stick; the board shows the fingerprint, hold\n"
	      "Chọn for 5 s), or copy it into the kiosk's key directory (keys_dir of\n"
	      "[update] in bangtin.conf, " CTL_KEYS_INSTALLED "/ by default). The kiosk\n"
	      "applies only bundles signed by a key it holds. NAME is 1 to 63 letters\n"
	      "A-Z a-z, digits, '.', '_' or '-' (say, the office: vp-dang-uy); bundles\n"
	      "name their signer by it. Existing files are never overwritten.\n"
	      "\n"
	      "Options:\n"
	      "  -C, --dir DIR  where to write the two files, made (0700) when missing\n"
	      "                 (default: ~/.config/bangtin/keys; on the board, the\n"
	      "                 current directory); verify looks there by itself\n"
	      "  -h, --help     show this help and exit\n",
	      f);
}

/* The name rule of bundle.h's key files, checked here to say it plainly. */
static bool keygen_name_ok(const char *name)
{
	size_t n = strlen(name);

	if (n < 1 || n >= BUNDLE_KEY_NAME_MAX || name[0] == '.')
		return false;
	return strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
			    "0123456789._-") == n;
}

int ctl_keygen(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "dir", required_argument, NULL, 'C' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *dir = NULL, *name;
	char err[BUNDLE_ERR_MAX], user[4096], pub[4200], fp[BUNDLE_FINGERPRINT_MAX];
	uint8_t pk[32];
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":C:h", opts, NULL)) != -1) {
		switch (c) {
		case 'C':
			dir = optarg;
			break;
		case 'h':
			keygen_help(stdout);
			return CTL_EXIT_OK;
		default:
			return ctl_bad_option("keygen", argv, c);
		}
	}
	if (optind >= argc)
		return ctl_usage_error("keygen", "no NAME given");
	if (optind + 1 < argc)
		return ctl_usage_error("keygen", "one NAME only (got '%s' too)", argv[optind + 1]);
	name = argv[optind];
	if (strchr(name, '/'))
		return ctl_usage_error("keygen", "'%s' is a path: give a NAME and --dir DIR", name);
	if (!keygen_name_ok(name))
		return ctl_usage_error("keygen",
				       "key name '%s': 1 to %d of A-Z a-z 0-9 . _ -, not starting "
				       "with '.'", name, BUNDLE_KEY_NAME_MAX - 1);
	if (!dir)
		dir = ctl_keys_user_dir(user, sizeof user) == 0 ? user : ".";
	if (ctl_mkdirs(dir, 0700) != 0) {
		log_error("%s: cannot make the folder: %s; no key written", dir, strerror(errno));
		return CTL_EXIT_FAIL;
	}
	if (bundle_keygen(dir, name, err, sizeof err) != 0) {
		log_error("%s; no key written", err);
		return CTL_EXIT_FAIL;
	}
	snprintf(pub, sizeof pub, "%s/%s.pub", dir, name);
	if (bundle_pub_read(pub, pk, err, sizeof err) != 0) {
		log_error("%s", err);
		return CTL_EXIT_FAIL;
	}
	ctl_keys_remember(dir);
	printf("secret key: %s/%s.key (mode 0600; keep it on this computer, never on the "
	       "stick)\n"
	       "public key: %s\n"
	       "fingerprint: %s\n"
	       "Put %s.pub on the board: alone at the top of a stick, the board shows this\n"
	       "fingerprint and trusts it when Chọn is held for 5 s; or copy it into the\n"
	       "kiosk's key directory (%s/, keys_dir of [update] in bangtin.conf). Until\n"
	       "then the kiosk refuses bundles signed with %s.key.\n",
	       dir, name, pub, bundle_fingerprint(pk, fp), name, CTL_KEYS_INSTALLED, name);
	return CTL_EXIT_OK;
}
