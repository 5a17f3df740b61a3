/* SPDX-License-Identifier: MIT */
/*
 * fuzz_stick: libFuzzer target for the report helper's two parsers (the
 * root helper reads the kiosk's request from a socket, and bangtin-stick
 * mount's record). The whole input is a request; up to its first 0xff byte
 * it is also a record. Both must read without a crash, leak or undefined
 * behaviour and keep their contracts: a request's name is 1 to 32 of a-z
 * 0-9 (never a path) and its text within the limit, without NUL, the rest
 * of the input; a record's mount point is one plain folder of the media
 * folder. Built and run by `make fuzz` (clang, build-fuzz/).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stick.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MEDIA "/media/bangtin"

/* A broken contract is a finding like a crash: abort so libFuzzer saves it. */
static void check(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_stick: contract broken: %s\n", what);
		abort();
	}
}

static void fuzz_request(const char *buf, size_t len)
{
	struct stick_request req;
	char err[STICK_ERR_MAX] = "";
	size_t n;

	if (stick_request_parse(buf, len, &req, err, sizeof err) != 0) {
		check(*err != '\0', "a refusal says why");
		return;
	}
	n = strlen(req.name);
	check(n >= 1 && n <= STICK_NAME_MAX, "the name's length");
	check(strspn(req.name, "abcdefghijklmnopqrstuvwxyz0123456789") == n, "the name's bytes");
	check(req.text == buf + n + 1 && req.len == len - n - 1, "the text is the rest");
	check(req.len <= STICK_REPORT_MAX && !memchr(req.text, '\0', req.len), "the text's limits");
}

static void fuzz_record(const char *buf, size_t len)
{
	struct stick_record rec;
	char err[STICK_ERR_MAX] = "";
	const char *name;

	if (stick_record_parse(buf, len, MEDIA, &rec, err, sizeof err) != 0) {
		check(*err != '\0', "a refusal says why");
		return;
	}
	check(rec.mount_id > 0, "a mount ID");
	check(strncmp(rec.mount_point, MEDIA "/", strlen(MEDIA "/")) == 0, "below the media folder");
	name = rec.mount_point + strlen(MEDIA "/");
	check(*name && *name != '.' && !strchr(name, '/'), "one plain folder name");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *sep = memchr(data, 0xff, size);
	size_t rlen = sep ? (size_t)(sep - data) : size;
	/* Private copies, so a read past the end is caught by ASan. */
	char *req = malloc(size ? size : 1), *rec = malloc(rlen ? rlen : 1);

	check(req && rec, "malloc");
	if (size)
		memcpy(req, data, size);
	if (rlen)
		memcpy(rec, data, rlen);
	fuzz_request(req, size);
	fuzz_record(rec, rlen);
	free(req);
	free(rec);
	return 0;
}
