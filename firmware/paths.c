/* SPDX-License-Identifier: MIT */
/* paths: the database path policy and the source tree test (see paths.h). */
#include "paths.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Length of dir without its trailing slashes (but "/" stays "/"). */
static size_t paths_dir_len(const char *dir)
{
	size_t dl = strlen(dir);

	while (dl > 1 && dir[dl - 1] == '/')
		dl--;
	return dl;
}

bool paths_inside(const char *path, const char *dir)
{
	size_t dl;

	if (!path || !dir || !*dir)
		return false;
	dl = paths_dir_len(dir);
	return strncmp(path, dir, dl) == 0 && path[dl] == '/';
}

/* /proc/self/exe into exe (size PATH_MAX); false when unreadable. */
static bool paths_exe(char *exe)
{
	ssize_t n = readlink("/proc/self/exe", exe, PATH_MAX - 1);

	if (n < 0)
		return false;
	exe[n] = '\0';
	return true;
}

bool paths_running_from(const char *srcdir)
{
	char exe[PATH_MAX], src[PATH_MAX];

	if (!srcdir || !realpath(srcdir, src) || !paths_exe(exe))
		return false;
	return paths_inside(exe, src);
}

int paths_db(const char *opt, const char *env, const char *exe, const char *srcdir, char *buf,
	     size_t size)
{
	int n;

	if (opt) {
		n = snprintf(buf, size, "%s", opt);
	} else if (env && *env) {
		n = snprintf(buf, size, "%s", env);
	} else {
		if (paths_inside(exe, srcdir))
			n = snprintf(buf, size, "%.*s/build/bangtin.db",
				     (int)paths_dir_len(srcdir), srcdir);
		else
			n = snprintf(buf, size, "%s", PATHS_DB_INSTALLED);
	}
	if (n < 0 || (size_t)n >= size) {
		if (size)
			buf[0] = '\0';
		return -1;
	}
	return 0;
}

int paths_db_here(const char *opt, const char *srcdir, char *buf, size_t size)
{
	char exe[PATH_MAX], src[PATH_MAX];
	bool have_exe = paths_exe(exe);

	/* /proc/self/exe is resolved; resolve the tree too so a symlinked
	 * checkout still counts as "inside". */
	if (srcdir && realpath(srcdir, src))
		srcdir = src;
	return paths_db(opt, getenv("BANGTIN_DB"), have_exe ? exe : NULL, srcdir, buf, size);
}
