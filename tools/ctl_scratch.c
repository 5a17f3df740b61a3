/* SPDX-License-Identifier: MIT */
/* ctl_scratch: a throwaway database for verify and preview, empty or copied
 * from the board's (store_copy()). */
#define LOG_TAG "ctl"
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ctl.h"
#include "log.h"
#include "store.h"

int ctl_scratch_open(struct ctl_scratch *s, const char *copy_of)
{
	const char *tmp = getenv("TMPDIR");
	char err[STORE_ERR_MAX];

	s->st = NULL;
	snprintf(s->dir, sizeof s->dir, "%s/bangtinctl.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(s->dir)) {
		log_error("%s: %s", s->dir, strerror(errno));
		s->dir[0] = '\0';
		return -1;
	}
	snprintf(s->path, sizeof s->path, "%s/bangtin.db", s->dir);
	if (copy_of && store_copy(copy_of, s->path, err, sizeof err) != 0) {
		log_error("%s", err);
		goto fail;
	}
	s->st = store_open(s->path, err, sizeof err);
	if (!s->st) {
		log_error("%s", err);
		goto fail;
	}
	return 0;
fail:
	ctl_scratch_close(s);
	return -1;
}

void ctl_scratch_close(struct ctl_scratch *s)
{
	char path[4400];
	struct dirent *e;
	DIR *d;

	store_close(s->st);
	s->st = NULL;
	if (!s->dir[0] || !(d = opendir(s->dir)))
		return;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", s->dir, e->d_name);
		unlink(path);
	}
	closedir(d);
	rmdir(s->dir);
	s->dir[0] = '\0';
}
