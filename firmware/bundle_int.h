/* SPDX-License-Identifier: MIT */
/*
 * bundle_int: what the bundle's own files share and nothing else includes:
 * the libsodium start-up, the error formatter, and the manifest parser that
 * also says which verdict its failure is (the folder check needs it).
 */
#ifndef BANGTIN_BUNDLE_INT_H
#define BANGTIN_BUNDLE_INT_H

#include <stdarg.h>

#include "bundle.h"
#include "errmsg.h"

/* sodium_init() (idempotent and thread-safe); 0, or -1 with err. */
int bundle_sodium(char *err, size_t errsize);

/* snprintf into err when err is not NULL; always returns -1 (errmsg_set()). */
#define bundle_err errmsg_set

/* bundle_manifest_parse() that returns BUNDLE_OK or why it failed:
 * BUNDLE_BAD_PATH for a path that leaves the bundle or is not allowed,
 * BUNDLE_TOO_LARGE for a limit, BUNDLE_BAD_MANIFEST for anything else. On
 * failure *m is left empty (nothing to free). */
enum bundle_verdict bundle_manifest_read(const char *buf, size_t len,
					 const struct bundle_limits *lim,
					 struct bundle_manifest *m, char *err, size_t errsize);

#endif
