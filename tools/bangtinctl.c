/* SPDX-License-Identifier: MIT */
/* bangtinctl: the operator's command line; main() picks the subcommand. */
#define LOG_TAG "ctl"
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "ctl.h"
#include "log.h"

#ifndef BANGTIN_VERSION
#define BANGTIN_VERSION "unknown"
#endif

struct ctl_command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
};

static const struct ctl_command ctl_commands[] = {
	{ "import", ctl_import, "parse text files and store their documents" },
	{ "list", ctl_list, "list the stored documents, newest first" },
	{ "show", ctl_show, "print one document with all its metadata" },
	{ "keygen", ctl_keygen, "make a key pair for signing content bundles" },
	{ "pack", ctl_pack, "check a folder of documents and write a signed bundle" },
	{ "verify", ctl_verify, "check a bundle exactly as the kiosk would" },
	{ "preview", ctl_preview, "draw each document of a bundle as the screen will" },
};

static void ctl_help(FILE *f)
{
	fputs("Usage: bangtinctl [--help] [--version] COMMAND [OPTIONS] [ARGS]\n"
	      "\n"
	      "Manage the documents of the bangtin notice-board kiosk.\n"
	      "\n"
	      "Commands:\n",
	      f);
	for (size_t i = 0; i < sizeof ctl_commands / sizeof ctl_commands[0]; i++)
		fprintf(f, "  %-8s %s\n", ctl_commands[i].name, ctl_commands[i].summary);
	fputs("\n"
	      "Options:\n"
	      "  -h, --help     show this help and exit\n"
	      "  -V, --version  show the version and exit\n"
	      "\n"
	      "Run 'bangtinctl COMMAND --help' for a command's options.\n"
	      "The database is --db PATH, else $BANGTIN_DB, else\n"
	      "/var/lib/bangtin/bangtin.db (build/bangtin.db inside the source tree).\n"
	      "See bangtinctl(1).\n",
	      f);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	log_init("bangtinctl", LOG_LEVEL_INFO, LOG_PREFIX_AUTO);
	opterr = 0;
	/* "+" stops at the first non-option: the subcommand's options are its own. */
	while ((c = getopt_long(argc, argv, "+:hV", opts, NULL)) != -1) {
		switch (c) {
		case 'h':
			ctl_help(stdout);
			return CTL_EXIT_OK;
		case 'V':
			printf("bangtinctl %s\n", BANGTIN_VERSION);
			return CTL_EXIT_OK;
		default:
			return ctl_bad_option(NULL, argv, c);
		}
	}
	if (optind >= argc) {
		ctl_help(stderr);
		return CTL_EXIT_USAGE;
	}
	const char *name = argv[optind];
	for (size_t i = 0; i < sizeof ctl_commands / sizeof ctl_commands[0]; i++) {
		if (strcmp(name, ctl_commands[i].name) == 0) {
			int sub_argc = argc - optind;
			char **sub_argv = argv + optind;
			optind = 0; /* glibc: reinitialise getopt for the subcommand */
			return ctl_commands[i].run(sub_argc, sub_argv);
		}
	}
	return ctl_usage_error(NULL, "unknown command '%s'", name);
}
