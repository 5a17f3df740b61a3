/* SPDX-License-Identifier: MIT */
/* ctl_keys: where the clerk's keys live on an office PC. keygen writes into
 * a per-user folder by default (or --dir, made when missing) and remembers
 * a --dir elsewhere, so verify finds the clerk's own public keys without
 * being told, and says which folder it used. On the board (where the
 * kiosk's key folder exists) the defaults stay the installed ones. */
#define LOG_TAG "ctl"
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ctl.h"
#include "log.h"

/* The file in the per-user config folder naming keygen's last --dir. */
#define CTL_KEYS_RECORD "keygen-dir"

/* $XDG_CONFIG_HOME/bangtin, else $HOME/.config/bangtin; -1 with neither. */
static int ctl_config_dir(char *buf, size_t size)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	int n;

	if (xdg && xdg[0] == '/')
		n = snprintf(buf, size, "%s/bangtin", xdg);
	else if (home && home[0] == '/')
		n = snprintf(buf, size, "%s/.config/bangtin", home);
	else
		return -1;
	return n > 0 && (size_t)n < size ? 0 : -1;
}

/* A board is where the kiosk's key folder exists (the package makes it);
 * an office PC has none, whoever runs bangtinctl there. */
static bool ctl_on_board(void)
{
	struct stat st;

	return stat(CTL_KEYS_INSTALLED, &st) == 0 && S_ISDIR(st.st_mode);
}

int ctl_keys_user_dir(char *buf, size_t size)
{
	char conf[PATH_MAX];

	if (ctl_on_board() || ctl_config_dir(conf, sizeof conf) != 0)
		return -1;
	return (size_t)snprintf(buf, size, "%s/keys", conf) < size ? 0 : -1;
}

int ctl_mkdirs(const char *dir, unsigned int mode)
{
	char path[PATH_MAX];
	size_t len = strlen(dir);
	struct stat st;

	if (len == 0 || len >= sizeof path) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(path, dir, len + 1);
	/* Each missing component, parents first; existing ones are left as
	 * they are (only what is made gets mode). */
	for (char *p = path + 1; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;
		*p = '\0';
		if (mkdir(path, (mode_t)mode) != 0 && errno != EEXIST)
			return -1;
		*p = c;
		if (c == '\0')
			break;
	}
	if (stat(dir, &st) != 0)
		return -1;
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		return -1;
	}
	return 0;
}

void ctl_keys_remember(const char *dir)
{
	char conf[PATH_MAX], user[PATH_MAX], abs[PATH_MAX], rec[PATH_MAX + 32],
	     tmp[PATH_MAX + 40];
	FILE *f;

	if (ctl_on_board() || ctl_config_dir(conf, sizeof conf) != 0 || !realpath(dir, abs))
		return;
	/* The default folder needs no note (and keeps an older one: verify
	 * looks in both). */
	snprintf(rec, sizeof rec, "%s/%s", conf, CTL_KEYS_RECORD);
	if (ctl_keys_user_dir(user, sizeof user) == 0 && strcmp(user, abs) == 0)
		return;
	snprintf(tmp, sizeof tmp, "%s.tmp", rec);
	if (ctl_mkdirs(conf, 0700) != 0 || !(f = fopen(tmp, "w"))) {
		log_warning("%s: %s; verify will not find %s by itself (pass --keys)", conf,
			    strerror(errno), abs);
		return;
	}
	fprintf(f, "%s\n", abs);
	if (fclose(f) != 0 || rename(tmp, rec) != 0) {
		log_warning("%s: %s; verify will not find %s by itself (pass --keys)", rec,
			    strerror(errno), abs);
		unlink(tmp);
	}
}

/* The folder keygen last wrote into, from the note; -1 when none. */
static int ctl_keys_recorded(char *buf, size_t size)
{
	char conf[PATH_MAX], rec[PATH_MAX + 32];
	struct stat st;
	FILE *f;
	size_t n;

	if (ctl_on_board() || ctl_config_dir(conf, sizeof conf) != 0)
		return -1;
	snprintf(rec, sizeof rec, "%s/%s", conf, CTL_KEYS_RECORD);
	if (!(f = fopen(rec, "r")))
		return -1;
	n = fgets(buf, (int)size, f) ? strlen(buf) : 0;
	fclose(f);
	if (n < 2 || buf[0] != '/' || buf[n - 1] != '\n')
		return -1;
	buf[n - 1] = '\0';
	return stat(buf, &st) == 0 && S_ISDIR(st.st_mode) ? 0 : -1;
}

/* Whether dir holds signer.pub. */
static bool ctl_keys_has(const char *dir, const char *signer)
{
	char path[PATH_MAX + 80];
	struct stat st;

	snprintf(path, sizeof path, "%s/%s.pub", dir, signer);
	return signer && *signer && stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

const char *ctl_keys_dir(const char *opt, const char *signer, char *buf, size_t size)
{
	char rec[PATH_MAX], user[PATH_MAX];
	bool has_rec = ctl_keys_recorded(rec, sizeof rec) == 0,
	     has_user = ctl_keys_user_dir(user, sizeof user) == 0;

	if (opt) {
		snprintf(buf, size, "%s", opt);
		return "--keys";
	}
	/* The folder holding the signer's key wins; else the likelier one. */
	if (has_rec && (ctl_keys_has(rec, signer) || !has_user || !ctl_keys_has(user, signer))) {
		snprintf(buf, size, "%s", rec);
		return "the folder bangtinctl keygen wrote into";
	}
	if (has_user) {
		snprintf(buf, size, "%s", user);
		return "your own keys, bangtinctl keygen's default";
	}
	snprintf(buf, size, "%s", CTL_KEYS_INSTALLED);
	return "the kiosk's key folder";
}
