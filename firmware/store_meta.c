/* SPDX-License-Identifier: MIT */
/* store_meta.c: what every content change records about itself (the
 * content version the kiosk reloads on, the time, the result for Info),
 * written inside the change's own transaction, and the copy of a whole
 * database that bangtinctl's scratch checks run on. */
#include <stdio.h>
#include <stdlib.h>

#include "store_impl.h"

int store_stamp(struct store *st, bool changed, bool always, int64_t now,
		const char *result, char *err, size_t errsize)
{
	char *old, val[32];
	long long version;

	/* An unreadable version fails the change: a guess could go back. */
	if (store_meta_get(st, STORE_META_VERSION, &old, err, errsize) < 0)
		return -1;
	version = old ? atoll(old) : 0;
	free(old);
	if (!changed && !always && version > 0)
		return 0;
	/* Unchanged content keeps its version, so the kiosk does not reload;
	 * a first change makes one. */
	if (changed || version <= 0)
		version++;
	snprintf(val, sizeof val, "%lld", version);
	if (store_meta_set(st, STORE_META_VERSION, val, err, errsize) < 0)
		return -1;
	snprintf(val, sizeof val, "%lld", (long long)now);
	if (store_meta_set(st, STORE_META_UPDATED, val, err, errsize) < 0)
		return -1;
	return store_meta_set(st, STORE_META_RESULT, result, err, errsize);
}

int store_copy(const char *src, const char *dst, char *err, size_t errsize)
{
	sqlite3 *from = NULL, *to = NULL;
	sqlite3_backup *b = NULL;
	int rc = SQLITE_ERROR;

	if (sqlite3_open_v2(src, &from, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		store_fail(err, errsize, "%s: %s", src, from ? sqlite3_errmsg(from) : "out of memory");
		goto out;
	}
	if (sqlite3_open_v2(dst, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	    SQLITE_OK) {
		store_fail(err, errsize, "%s: %s", dst, to ? sqlite3_errmsg(to) : "out of memory");
		goto out;
	}
	/* The online backup: a kiosk writing src meanwhile is no harm. */
	b = sqlite3_backup_init(to, "main", from, "main");
	if (b) {
		while ((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(50);
		sqlite3_backup_finish(b);
	}
	if (rc != SQLITE_DONE) {
		store_fail(err, errsize, "%s: cannot copy it: %s", src,
			   sqlite3_errmsg(b ? from : to));
		rc = SQLITE_ERROR;
	} else {
		rc = SQLITE_OK;
	}
out:
	sqlite3_close(from);
	sqlite3_close(to);
	return rc == SQLITE_OK ? 0 : -1;
}
