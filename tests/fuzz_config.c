/* SPDX-License-Identifier: MIT */
/*
 * fuzz_config: libFuzzer target for the config reader (config_parse_buffer,
 * what config_load runs on a file's bytes). Any input must read without a
 * crash, leak or undefined behaviour and keep the contract: a refusal
 * names the file and a line ("fuzz.conf:N: ..."), and a refused file
 * changes nothing of the config it was read over. Built and run by `make
 * fuzz` (clang, build-fuzz/).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A broken contract is a finding like a crash: abort so libFuzzer saves it. */
static void check(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_config: contract broken: %s\n", what);
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config cfg, before;
	char err[CONFIG_ERR_MAX] = "";

	if (size > CONFIG_FILE_MAX)
		return 0;
	config_defaults(&cfg);
	before = cfg;
	if (config_parse_buffer(&cfg, "fuzz.conf", (const char *)data, size, err, sizeof err) != 0) {
		int line = 0;

		check(sscanf(err, "fuzz.conf:%d:", &line) == 1 && line > 0,
		      "a refusal names the file and a line");
		check(memcmp(&cfg, &before, sizeof cfg) == 0, "a refused file changes nothing");
	}
	return 0;
}
