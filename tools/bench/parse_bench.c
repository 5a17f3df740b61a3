/* SPDX-License-Identifier: MIT */
/*
 * parse_bench: how fast the parser reads documents. Reads each file named
 * on the command line into memory, then parses all of them ROUNDS times
 * with parse_buffer() (the parser alone: no file reading, no SQLite) and
 * prints one markdown table row: files, documents, documents per second,
 * mean and slowest time per file. Built and run by tools/bench/parse.sh;
 * not part of the build.
 * usage: parse_bench LABEL ROUNDS FILE...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "parse.h"

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (!f || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0 ||
	    !(buf = malloc((size_t)n + 1)) || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		fprintf(stderr, "parse_bench: cannot read %s\n", path);
		exit(1);
	}
	fclose(f);
	*len = (size_t)n;
	return buf;
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: parse_bench LABEL ROUNDS FILE...\n");
		return 2;
	}
	int rounds = atoi(argv[2]), nfiles = argc - 3;
	char **bufs = calloc((size_t)nfiles, sizeof *bufs);
	size_t *lens = calloc((size_t)nfiles, sizeof *lens), docs = 0, bytes = 0;
	double worst = 0, total = 0;

	if (!bufs || !lens || rounds < 1)
		return 1;
	for (int i = 0; i < nfiles; i++) {
		bufs[i] = slurp(argv[3 + i], &lens[i]);
		bytes += lens[i];
	}
	for (int r = 0; r < rounds; r++) {
		for (int i = 0; i < nfiles; i++) {
			struct parse_result res;
			double t0 = now_s();
			parse_buffer(argv[3 + i], bufs[i], lens[i], NULL, &res);
			double dt = now_s() - t0;
			total += dt;
			if (dt > worst)
				worst = dt;
			if (r == 0)
				docs += res.ndocs;
			parse_result_free(&res);
		}
	}
	double per_doc = total / rounds / (double)(docs ? docs : 1);
	printf("| %s | %d | %zu | %.0f KB | %.0f | %.3f ms | %.3f ms |\n", argv[1], nfiles, docs,
	       (double)bytes / 1024, 1.0 / per_doc, 1000 * total / rounds / nfiles, 1000 * worst);
	for (int i = 0; i < nfiles; i++)
		free(bufs[i]);
	free(bufs);
	free(lens);
	return 0;
}
