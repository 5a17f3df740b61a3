/* SPDX-License-Identifier: MIT */
/*
 * store_migrations: the schema migrations of data/migrations/, compiled in by
 * tools/embed-sql.sh. store_migrations[i] takes a database from
 * user_version i to i + 1. Read-only; nothing to free.
 */
#ifndef BANGTIN_STORE_MIGRATIONS_H
#define BANGTIN_STORE_MIGRATIONS_H

#include <stddef.h>

extern const char *const store_migrations[];
extern const size_t store_nmigrations;

#endif
