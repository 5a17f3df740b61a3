/* SPDX-License-Identifier: MIT */
/* ctl_scratch: a throwaway database for verify and preview, empty or copied
 * from the board's with SQLite's online backup. */
#define LOG_TAG "ctl"
#include <dirent.h>
#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ctl.h"
#include "log.h"
#include "store.h"

/* Copies the database src into the new file dst. Returns 0 or -1 (logged). */
static int scratch_copy(const char *src, const char *dst)
{
	sqlite3 *from = NULL, *to = NULL;
	sqlite3_backup *b;
	int rc = SQLITE_ERROR;

	if (sqlite3_open_v2(src, &from, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		log_error("%s: %s", src, from ? sqlite3_errmsg(from) : "out of memory");
		goto out;
	}
	if (sqlite3_open(dst, &to) != SQLITE_OK) {
		log_error("%s: %s", dst, to ? sqlite3_errmsg(to) : "out of memory");
		goto out;
	}
	b = sqlite3_backup_init(to, "main", from, "main");
	if (b) {
		while ((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(50);
		sqlite3_backup_finish(b);
	}
	if (rc != SQLITE_DONE) {
		log_error("%s: cannot copy it: %s", src, sqlite3_errmsg(b ? from : to));
		rc = SQLITE_ERROR;
	} else {
		rc = SQLITE_OK;
	}
out:
	sqlite3_close(from);
	sqlite3_close(to);
	return rc == SQLITE_OK ? 0 : -1;
}

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
	if (copy_of && scratch_copy(copy_of, s->path) != 0)
		goto fail;
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
