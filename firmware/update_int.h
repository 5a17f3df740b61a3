/* SPDX-License-Identifier: MIT */
/*
 * update_int: what update.c (labels, messages, the report), update_stage.c
 * (the staging copy) and update_apply.c (check, parse, apply) share and
 * nobody else sees: filling a report's status and its two messages.
 */
#ifndef BANGTIN_UPDATE_INT_H
#define BANGTIN_UPDATE_INT_H

#include "update.h"

/* Zeroes rep and stamps its time. */
void update_report_init(struct update_report *rep, int64_t now);

/* Names path (in the bundle folder; "." is none) as the file at fault in
 * rep->file, cut to its size. Call it before update_fail(), which words
 * the screen's sentence with it. */
void update_report_file(struct update_report *rep, const char *path);

/* Sets rep->status and rep->log (English, printf-style), and the screen's
 * Vietnamese sentence for that status from the report's fields (verdict,
 * sequences, counts). Returns -1 unless status is UPDATE_APPLIED or
 * UPDATE_ALREADY_APPLIED, for `return update_fail(...)`. */
int update_fail(struct update_report *rep, enum update_status status,
		const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Reports progress (when progress is set); false when the callback asks to
 * stop. The fraction is clamped to 0..1. */
bool update_progress(update_progress_fn progress, void *ctx, double fraction,
		     enum update_phase phase);

#endif
