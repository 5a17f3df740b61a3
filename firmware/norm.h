/* SPDX-License-Identifier: MIT */
/*
 * norm: Unicode helpers over utf8proc for Vietnamese text: validation, NFC,
 * folding for diacritic- and case-insensitive matching (OCR loses and mangles
 * diacritics: "CUA BAN CHAP HANH", "KHỎI", "ĐEN"), case mapping and repair of
 * known header words. Every function that returns a string returns a fresh
 * malloc'ed one the caller frees, or NULL on allocation failure or invalid
 * UTF-8. No state.
 */
#ifndef BANGTIN_NORM_H
#define BANGTIN_NORM_H

#include <stdbool.h>
#include <stddef.h>

/* Checks that s[0..len) is valid UTF-8 without NUL, surrogates or overlong
 * forms. Returns true, or false with *bad_offset set to the first bad byte. */
bool norm_utf8_valid(const char *s, size_t len, size_t *bad_offset);

/* Whether s starts with a UTF-16 byte order mark: 1 little-endian (FF FE,
 * Notepad's "Unicode"), 2 big-endian (FE FF), 0 neither. */
int norm_utf16_bom(const char *s, size_t len);

/* Converts len bytes of UTF-16 starting with its byte order mark (which is
 * dropped) into UTF-8: *out malloc'ed and NUL-terminated (the caller frees
 * it), *outlen its length. Returns 0, or -1 with *out NULL and *bad the
 * offset of the first bad byte (a surrogate alone, an odd byte at the end;
 * 0 with no BOM or out of memory). */
int norm_utf16_to_utf8(const char *s, size_t len, char **out, size_t *outlen, size_t *bad);

/* True for a code point that changes how a terminal or a screen shows the
 * text around it rather than being text: C0 controls (tab and newline
 * too), DEL, C1 controls, and the bidirectional controls (U+061C, U+200E,
 * U+200F, U+202A..U+202E, U+2066..U+2069) that reorder what follows them. */
bool norm_is_control(long cp);

/* The name of such a code point for messages ("ESC", "RIGHT-TO-LEFT
 * OVERRIDE"); "control character" when it has no short name. */
const char *norm_control_name(long cp);

/* Finds the first code point of valid UTF-8 s[0..len) for which
 * norm_is_control() holds, other than tab, LF, CR and form feed (the line
 * structure of a text file). Returns true with its byte offset and code
 * point, false when there is none. */
bool norm_find_control(const char *s, size_t len, size_t *offset, long *cp);

/* NFC-normalises len bytes of valid UTF-8. */
char *norm_nfc(const char *s, size_t len);

/* Folds for matching: NFC, case folding, marks stripped, Đ/đ -> d, runs of
 * white space -> one space, trimmed. "Khối" -> "khoi". NULL s gives NULL. */
char *norm_fold(const char *s);

/* Folds at most the first maxbytes bytes of s (cut at a character
 * boundary): enough to test a prefix of a long line without folding it all. */
char *norm_fold_prefix(const char *s, size_t maxbytes);

/* True when the folded form of s begins with the already folded prefix and
 * the prefix ends at a word boundary of s. */
bool norm_starts_with_fold(const char *s, const char *folded_prefix);

/* Matches the already folded phrase (lower case ASCII, single spaces) at the
 * start of s: each space of the phrase takes a run of white space of s, each
 * letter one letter of s whatever its case and marks, a "-" any dash
 * (U+2010-2015, U+2212) or hyphen. Returns the bytes of s
 * matched, ending at a word boundary, or 0. Pure; allocates nothing. */
size_t norm_match_fold(const char *s, const char *folded);

/* True when fold(s) equals the already folded word sequence want. */
bool norm_eq_fold(const char *s, const char *want);

/* Upper-cases every letter (Vietnamese included). */
char *norm_upper(const char *s);

/* True when s has at least one letter and no lower-case letter. */
bool norm_is_upper(const char *s);

/* True when the first letter of s is lower-case. */
bool norm_starts_lower(const char *s);

/* Replaces each run of words of s whose fold equals the fold of a phrase of
 * vocab (NULL-terminated, canonical spelling with diacritics) by that phrase,
 * upper-cased when the original run was upper case. "ĐẢNG ỦY KHỎI" with
 * vocab {"Đảng ủy Khối"} gives "ĐẢNG ỦY KHỐI". Longer phrases win. */
char *norm_repair(const char *s, const char *const *vocab);

/* The length of s[0..len) cut to at most max bytes at a character boundary
 * (valid UTF-8), never between a character and its combining marks unless
 * the first max bytes are one such cluster: for quoting, folding or drawing
 * a bounded part of a long text. */
size_t norm_cut(const char *s, size_t len, size_t max);

/* Number of code points in the first len bytes of s, stopping early at a
 * NUL (pass SIZE_MAX for a whole string): the bytes that do not continue a
 * UTF-8 sequence. NULL s gives 0. */
size_t norm_width(const char *s, size_t len);

#endif
