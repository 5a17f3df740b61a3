/* SPDX-License-Identifier: MIT */
/*
 * content: what the screens need, read from the store: the carousel of latest
 * conclusions, the grouped full list, the documents themselves (loaded on
 * demand into a small cache, each with its forwarding note), the info rows
 * and the ticker items. It owns every string it hands out until the next
 * content_load() or content_free(); it borrows the store and never draws or
 * reads the clock (now is a parameter).
 */
#ifndef BANGTIN_CONTENT_H
#define BANGTIN_CONTENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "doc.h"
#include "store.h"

#define CONTENT_ERR_MAX 512

/* The two lists, numbered as app_pager's `which`. */
enum content_which {
	CONTENT_CAROUSEL = 0, /* latest conclusions */
	CONTENT_LIST = 1,     /* conclusions, directives, notices */
};

/* Documents kept loaded; the carousel shows a few and the reader one. */
#define CONTENT_CACHE_SIZE 8

/* The interface's heading of a group when its kinds are not known: "Kết
 * luận", "Văn bản chỉ đạo, hướng dẫn", "Thông báo, công văn"; NULL for
 * DOC_GROUP_OTHER. The list names each group by the kinds it holds
 * (content_entry.heading). */
const char *content_group_heading(enum doc_group g);

/* Days a document of the latest arrival (store_entry.arrived) is marked
 * new in the list, by default. */
#define CONTENT_NEW_DAYS 7

/* One document of a list, ready to draw. Strings are owned by the content. */
struct content_entry {
	int64_t id;
	enum doc_group group;
	const char *heading; /* the group heading when this entry opens a group
			      * (full list only), else NULL: the kinds the
			      * group holds, "Kết luận", "Chỉ thị, hướng dẫn",
			      * "Công văn, thông báo" (three at most, else a
			      * general name) */
	const char *number;  /* "516-KL/ĐUK" or "" */
	char date[11];       /* "18/01/2023" or "" */
	const char *kind;    /* type name: "Kết luận" */
	const char *subject; /* "" when none */
	bool pinned;
	bool fresh;          /* came with the latest update, within the new
			      * days: "Mới", first in its group (full list) */
};

/* One row of the info screen. */
struct content_info_row {
	char label[64];
	char value[256];
};

/* A loaded document and its forwarding note. */
struct content_doc {
	int64_t id;
	const struct doc *doc;
	const char *note; /* "Đảng ủy TTXVN phổ biến theo Công văn 581-CV/ĐU ngày
			   * 09/02/2023", or NULL when nothing forwards it */
};

struct content;

/* Makes an empty content reading st (borrowed; it must outlive the content).
 * Returns NULL on allocation failure. Free with content_free(). */
struct content *content_new(struct store *st);
void content_free(struct content *c);

/* Sets how many days the latest arrival's documents are "Mới" (0: never;
 * CONTENT_NEW_DAYS until set); the next content_load() applies it. */
void content_set_new_days(struct content *c, int days);

/*
 * (Re)reads both lists and the ticker at time now (Unix seconds, for the
 * display windows): at most carousel_count latest conclusions; the full list
 * is every visible conclusion, then directive, then notice, each group with
 * its fresh documents (the latest arrival, less than the new days before
 * now) first, then the rest, pinned first, newest first. Forgets the cached
 * documents. Returns 0, or -1 with err; on error the lists are empty.
 */
int content_load(struct content *c, int64_t now, size_t carousel_count, char *err,
		 size_t errsize);

/* Number of entries of a list, and entry i (NULL when out of range). */
size_t content_count(const struct content *c, enum content_which which);
const struct content_entry *content_entry(const struct content *c, enum content_which which,
					  size_t i);

/* The list index of the entry with this store id, or SIZE_MAX. */
size_t content_find(const struct content *c, enum content_which which, int64_t id);

/*
 * The document with store id `id`, from the cache or loaded now (the least
 * recently used slot is reused). The returned value and what it points to
 * stay valid until CONTENT_CACHE_SIZE other documents are loaded, or the next
 * content_load(). Returns NULL with err when it is not found or on error.
 */
const struct content_doc *content_doc(struct content *c, int64_t id, char *err,
				      size_t errsize);

/* Subjects of the current notices, for the footer ticker; *n receives the
 * count. The array lives until the next content_load(). */
const char *const *content_ticker(const struct content *c, size_t *n);

/*
 * Fills up to max info rows (software version, content version, last update
 * and its result, counts by kind, uptime) and returns how many. now is Unix
 * seconds (for the counts' display windows), uptime_s the seconds since the
 * program started. Values that cannot be read say so ("không rõ").
 */
size_t content_info(struct content *c, int64_t now, int64_t uptime_s,
		    struct content_info_row *rows, size_t max);

/*
 * The forwarding note of a loaded document, from its incoming links: for a
 * letter that forwards it, "<office> phổ biến theo <Type> <number> ngày
 * <dd/mm/yyyy>", the office being the document's received stamp's receiver,
 * else the letter's issuer (looked up in st), in sentence case; for a routing
 * slip, "Ý kiến Thường trực Đảng ủy: " and its instructions that begin with
 * "Đề nghị" (else all of them). Several notes are joined by "\n". Returns a
 * malloc'ed string, or NULL when there is no note (or out of memory).
 */
char *content_note(struct store *st, const struct store_doc *sd);

/*
 * Writes the name of an office in sentence case into buf, keeping acronyms
 * and proper names: "ĐẢNG ỦY TTXVN" -> "Đảng ủy TTXVN", "ĐẢNG ỦY THÔNG TẤN XÃ
 * VIỆT NAM" -> "Đảng ủy Thông tấn xã Việt Nam". A word is kept upper case
 * when it cannot be a Vietnamese syllable (TTXVN, ĐUK, TW). Returns buf
 * (truncated to size at a character boundary).
 */
char *content_sentence_case(const char *s, char *buf, size_t size);

/* Formats Unix time t as local "23/11/2026 10:22" (the one format of every
 * time on the Info screen) into buf; "không rõ" when it cannot. Returns buf. */
char *content_time_vn(int64_t t, char *buf, size_t size);

/* The label of content_info()'s row with the last update's result; the
 * kiosk puts a later USB attempt that changed nothing there (one result). */
#define CONTENT_INFO_RESULT "Kết quả cập nhật"

/* Formats a duration as "3 ngày 4 giờ 5 phút" ("0 phút" under a minute). */
char *content_duration_vn(int64_t seconds, char *buf, size_t size);

#endif
