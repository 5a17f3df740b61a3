/* SPDX-License-Identifier: MIT */
/*
 * fuzz_bundle: libFuzzer target for the bundle's two readers. The input is
 * a manifest and a signature file split at the first 0xff byte (never part
 * of UTF-8). Both must read without a crash, leak or undefined behaviour,
 * and keep their contracts: what reads back writes out as the very same
 * bytes (one spelling per manifest and signature), and a refusal names
 * its file. Built and run by `make fuzz` (clang, build-fuzz/).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "bundle_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A broken contract is a finding like a crash: abort so libFuzzer saves it. */
static void check(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_bundle: contract broken: %s\n", what);
		abort();
	}
}

static void fuzz_manifest(const char *buf, size_t len, const struct bundle_limits *lim)
{
	struct bundle_manifest m;
	char err[BUNDLE_ERR_MAX] = "";
	enum bundle_verdict v;
	char *text;
	size_t tlen;

	v = bundle_manifest_read(buf, len, lim, &m, err, sizeof err);
	if (v != BUNDLE_OK) {
		check(v == BUNDLE_BAD_MANIFEST || v == BUNDLE_BAD_PATH || v == BUNDLE_TOO_LARGE,
		      "a refused manifest is bad, a bad path or too large");
		check(strncmp(err, BUNDLE_MANIFEST ":", strlen(BUNDLE_MANIFEST ":")) == 0,
		      "the error names manifest.txt");
		check(m.files == NULL && m.nfiles == 0 && m.withdraw == NULL && m.display == NULL,
		      "a refused manifest holds nothing");
		return;
	}
	check(m.version == BUNDLE_FORMAT_VERSION && m.sequence > 0, "version and sequence");
	check(m.nfiles <= lim->max_files, "the file limit holds");
	for (size_t i = 0; i < m.nfiles; i++) {
		check(m.files[i].size <= lim->max_file_bytes, "the size limit holds");
		check(bundle_path_check(m.files[i].path, strlen(m.files[i].path), NULL, 0) == 0,
		      "every path passes the path rules");
	}
	text = bundle_manifest_format(&m, &tlen);
	check(text != NULL, "format allocates");
	check(tlen == len && memcmp(text, buf, len) == 0, "format gives the bytes read back");
	free(text);
	bundle_manifest_free(&m);
}

static void fuzz_sig(const char *buf, size_t len)
{
	char name[BUNDLE_KEY_NAME_MAX], err[BUNDLE_ERR_MAX] = "", line[256];
	uint8_t sig[64];

	if (bundle_sig_parse(buf, len, name, sig, err, sizeof err) < 0) {
		check(strncmp(err, BUNDLE_SIGNATURE ":", strlen(BUNDLE_SIGNATURE ":")) == 0,
		      "the error names manifest.sig");
		return;
	}
	check(bundle_sig_format(name, sig, line, sizeof line) == 0, "a read signature formats");
	check(strlen(line) == len && memcmp(line, buf, len) == 0,
	      "format gives the signature bytes read back");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *sep = memchr(data, 0xff, size);
	size_t mlen = sep ? (size_t)(sep - data) : size;
	struct bundle_limits lim = bundle_limits_default(), tight = { 3, 100, 150, 4096 };
	/* A private copy, so a read past the end is caught by ASan. */
	char *man = malloc(mlen ? mlen : 1);

	check(man != NULL, "malloc");
	if (mlen)
		memcpy(man, data, mlen);
	fuzz_manifest(man, mlen, &lim);
	fuzz_manifest(man, mlen, &tight);
	free(man);
	if (sep) {
		size_t slen = size - mlen - 1;
		char *sig = malloc(slen ? slen : 1);
		check(sig != NULL, "malloc");
		if (slen)
			memcpy(sig, sep + 1, slen);
		fuzz_sig(sig, slen);
		free(sig);
	}
	return 0;
}
