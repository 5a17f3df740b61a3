/* SPDX-License-Identifier: MIT */
/* main_frames.c: frame intervals while an update runs (main_frames.h). */
#include <stdlib.h>

#include "main_frames.h"

int main_frames_init(struct main_frames *f)
{
	f->n = 0;
	f->last_ns = 0;
	f->us = calloc(MAIN_FRAMES_MAX, sizeof *f->us);
	return f->us ? 0 : -1;
}

void main_frames_free(struct main_frames *f)
{
	free(f->us);
	f->us = NULL;
	f->n = 0;
}

void main_frames_start(struct main_frames *f)
{
	f->n = 0;
	f->last_ns = 0;
}

void main_frames_add(struct main_frames *f, int64_t now_ns)
{
	if (f->last_ns && f->n < MAIN_FRAMES_MAX)
		f->us[f->n++] = (int32_t)((now_ns - f->last_ns) / 1000);
	f->last_ns = now_ns;
}

static int main_frames_cmp(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;

	return (x > y) - (x < y);
}

bool main_frames_stats(struct main_frames *f, struct main_frames_stats *s)
{
	int64_t sum = 0;
	size_t n = f->n;

	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++)
		sum += f->us[i];
	qsort(f->us, n, sizeof *f->us, main_frames_cmp);
	*s = (struct main_frames_stats){
		.n = n,
		.mean = (double)sum / (double)n / 1000.0,
		.median = f->us[n / 2] / 1000.0,
		.p95 = f->us[n * 95 / 100] / 1000.0,
		.p99 = f->us[n * 99 / 100] / 1000.0,
		.max = f->us[n - 1] / 1000.0,
	};
	return true;
}
