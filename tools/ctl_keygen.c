/* SPDX-License-Identifier: MIT */
/* ctl_keygen: `bangtinctl keygen`: a new signing key pair for bundles. */
#define LOG_TAG "keygen"
#include <getopt.h>
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
	      "never on a stick), and DIR/NAME.pub, the public key. Copy NAME.pub into\n"
	      "the kiosk's key directory (keys_dir of [update] in bangtin.conf,\n"
	      CTL_KEYS_INSTALLED "/ by default): the kiosk applies only bundles signed\n"
	      "by a key it holds there. NAME is 1 to 63 letters A-Z a-z, digits, '.', '_'\n"
	      "or '-' (say, the office: vp-dang-uy); bundles name their signer by it.\n"
	      "Existing files are never overwritten.\n"
	      "\n"
	      "Options:\n"
	      "  -C, --dir DIR  where to write the two files (default: the current directory)\n"
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
	const char *dir = ".", *name;
	char err[BUNDLE_ERR_MAX];
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
	if (bundle_keygen(dir, name, err, sizeof err) != 0) {
		log_error("%s; no key written", err);
		return CTL_EXIT_FAIL;
	}
	printf("secret key: %s/%s.key (mode 0600; keep it on this computer, never on the "
	       "stick)\n"
	       "public key: %s/%s.pub\n"
	       "Copy %s.pub into the kiosk's key directory (%s/, keys_dir of [update] in\n"
	       "bangtin.conf); until it is there the kiosk refuses bundles signed with %s.key.\n",
	       dir, name, dir, name, name, CTL_KEYS_INSTALLED, name);
	return CTL_EXIT_OK;
}
