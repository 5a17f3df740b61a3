/* SPDX-License-Identifier: MIT */
/*
 * source: reads the text files an import is made of. Given paths to files
 * or directories it returns every file's bytes, refusing what the parser
 * must never see (unreadable, not a regular file, over the size limit)
 * before reading it whole. It owns the bytes it returns; it does not parse
 * or touch the database, and decodes only UTF-16 with a byte order mark
 * (into UTF-8). Where the database lives is paths.h's.
 */
#ifndef BANGTIN_SOURCE_H
#define BANGTIN_SOURCE_H

#include <stdbool.h>
#include <stddef.h>

/* One file read whole. bytes is NUL-terminated after len bytes (the NUL is
 * not counted), so it may be treated as a string when it holds no NUL. */
struct source_item {
	char *path;  /* as given, or DIR "/" NAME for a directory's files */
	char *bytes;
	size_t len;
	/* "UTF-16LE" or "UTF-16BE" when the file began with that byte order
	 * mark (Notepad's "Unicode") and bytes holds it converted to UTF-8;
	 * NULL when bytes are the file's own. Static. */
	const char *converted_from;
};

struct source_set {
	struct source_item *items;
	size_t n;
};

/*
 * Reads the files named by paths[0..npaths) in the order given. A directory
 * contributes its regular files whose name ends in ".txt" (any case), sorted
 * by name (byte order), not recursing into subdirectories and skipping names
 * that start with "." (hidden files, "._x.txt" resource forks copied by
 * macOS onto USB sticks). A file named twice is read once.
 *
 * A file starting with a UTF-16 byte order mark is converted to UTF-8
 * (converted_from says so); invalid UTF-16 is refused naming the byte.
 * Refuses, without reading it whole, a file larger than max_bytes (0 means
 * no limit; pass parse_limits_default().max_bytes), a path that is not a
 * regular file or directory (FIFO, device), a file or directory that cannot
 * be opened, and a directory without any .txt file. On refusal returns -1,
 * writes into err a message naming the path and the reason, and leaves *out
 * empty. Returns 0 and fills *out otherwise; the caller releases it with
 * source_set_free(). *out is overwritten, not appended to.
 */
int source_read(const char *const *paths, size_t npaths, size_t max_bytes,
		struct source_set *out, char *err, size_t errsize);

/* Releases every item and zeroes the set; NULL and zeroed sets are fine. */
void source_set_free(struct source_set *set);

#endif
