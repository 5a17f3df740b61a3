/* SPDX-License-Identifier: MIT */
/* errmsg.c: formatting an error message into a caller's buffer. */
#include "errmsg.h"

#include <stdio.h>

int errmsg_vset(char *err, size_t errsize, const char *fmt, va_list ap)
{
	if (err && errsize)
		vsnprintf(err, errsize, fmt, ap);
	return -1;
}

int errmsg_set(char *err, size_t errsize, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	errmsg_vset(err, errsize, fmt, ap);
	va_end(ap);
	return -1;
}
