/* SPDX-License-Identifier: MIT */
/*
 * errmsg: the one way a module writes an error message into the buffer its
 * caller handed in ("errors are values": a status returned, a message that
 * names the file, line or field). It owns nothing and logs nothing. Modules
 * may name it after themselves (store_fail, bundle_err, ...) with a #define,
 * so their many call sites stay as they read.
 */
#ifndef BANGTIN_ERRMSG_H
#define BANGTIN_ERRMSG_H

#include <stdarg.h>
#include <stddef.h>

/* Formats into err (truncating to errsize) when err is not NULL and errsize
 * is not 0; always returns -1, so "return errmsg_set(...)" fails a call. */
int errmsg_set(char *err, size_t errsize, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The same with a va_list (for wrappers that find err themselves). */
int errmsg_vset(char *err, size_t errsize, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

#endif
