/* SPDX-License-Identifier: MIT */
/*
 * paths: where the programs find their database, and whether they run from
 * the source tree they were built from (so a developer's runs take the
 * tree's files and never touch /var). The choice itself is pure, over
 * strings; paths_running_from() and paths_db_here() read /proc/self/exe
 * and the environment for it. Reading an import's files is source.h's.
 */
#ifndef BANGTIN_PATHS_H
#define BANGTIN_PATHS_H

#include <stdbool.h>
#include <stddef.h>

/* Where an installed system keeps its database. */
#define PATHS_DB_INSTALLED "/var/lib/bangtin/bangtin.db"

/*
 * Chooses the database path into buf, first that applies:
 *  1. opt, the --db option, when not NULL;
 *  2. env, the BANGTIN_DB variable, when not NULL and not empty;
 *  3. SRCDIR/build/bangtin.db when exe (the resolved path of the running
 *     program, /proc/self/exe) lies inside srcdir (the source tree the
 *     program was built from), so a developer's runs never touch /var;
 *  4. PATHS_DB_INSTALLED.
 * exe and srcdir may be NULL (rule 3 then does not apply); srcdir may end
 * with "/". Returns 0, or -1 when the path does not fit in size (buf then
 * holds an empty string).
 */
int paths_db(const char *opt, const char *env, const char *exe, const char *srcdir, char *buf,
	     size_t size);

/* paths_db() for the running program: env is $BANGTIN_DB, exe is
 * /proc/self/exe, srcdir (may be NULL) is resolved (realpath) so that a
 * symlinked checkout counts as the tree. Same returns. */
int paths_db_here(const char *opt, const char *srcdir, char *buf, size_t size);

/* True when path lies inside directory dir (a pure test on the strings:
 * "/a/bc" is not inside "/a/b"); dir may end with "/". False when either is
 * NULL or dir is empty. */
bool paths_inside(const char *path, const char *dir);

/* True when the running program (/proc/self/exe) lies inside srcdir, the
 * source tree it was built from, both resolved so that a symlinked checkout
 * counts; false when srcdir is NULL or either cannot be resolved. This is
 * how a developer's runs pick the tree's files over the installed ones. */
bool paths_running_from(const char *srcdir);

#endif
