/* SPDX-License-Identifier: MIT */
/*
 * main_frames: the intervals between the frames the loop draws while a USB
 * update runs, and their summary for the log: the figure BENCHMARKS.md
 * quotes for "the screen keeps moving while a stick is read". Loop side
 * only; it owns its array (MAIN_FRAMES_MAX intervals, allocated once so
 * the per-frame path allocates nothing).
 */
#ifndef BANGTIN_MAIN_FRAMES_H
#define BANGTIN_MAIN_FRAMES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MAIN_FRAMES_MAX 16384 /* intervals kept per update; later ones are not */

struct main_frames {
	int32_t *us;      /* the intervals in µs, n of them */
	size_t n;
	int64_t last_ns;  /* the last frame's time; 0: none yet */
};

/* The summary of the intervals kept, in ms. */
struct main_frames_stats {
	size_t n;
	double mean, median, p95, p99, max;
};

/* Allocates the array: 0, or -1 when out of memory (free it anyway). */
int main_frames_init(struct main_frames *f);
/* Frees the array; takes a zeroed struct. */
void main_frames_free(struct main_frames *f);
/* Forgets the intervals: a new measurement starts. */
void main_frames_start(struct main_frames *f);
/* A frame was drawn at now_ns (monotonic): keeps its interval to the last. */
void main_frames_add(struct main_frames *f, int64_t now_ns);
/* Fills *s from the intervals kept (sorting them); false when there are
 * none. */
bool main_frames_stats(struct main_frames *f, struct main_frames_stats *s);

#endif
