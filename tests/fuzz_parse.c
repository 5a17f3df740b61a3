/* SPDX-License-Identifier: MIT */
/*
 * fuzz_parse: libFuzzer target for the parser. Any byte string must parse
 * without a crash, leak or undefined behaviour, and the result must keep
 * parse_buffer()'s contract; every document it yields must survive doc_key()
 * and doc_body_text(). Built and run by `make fuzz` (clang, build-fuzz/).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A broken contract is a finding like a crash: abort so libFuzzer saves it. */
static void check(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_parse: contract broken: %s\n", what);
		abort();
	}
}

static void check_doc(const struct doc *doc)
{
	char key[512];
	char *body;

	check(doc_key(doc, key, sizeof key) == key, "doc_key returns buf");
	check(memchr(key, '\0', sizeof key) != NULL, "doc_key terminates");
	check(key[0] != '\0', "doc_key gives an identity");
	body = doc_body_text(doc);
	check(body != NULL, "doc_body_text allocates");
	free(body);
	(void)doc_group(doc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct parse_result res;
	char line[512];
	size_t i, nerrors = 0;
	int rc;

	memset(&res, 0, sizeof res);
	rc = parse_buffer("fuzz", (const char *)data, size, NULL, &res);
	for (i = 0; i < res.ndiags; i++) {
		if (res.diags[i].severity == PARSE_ERROR)
			nerrors++;
		check(parse_diag_format("fuzz", &res.diags[i], line, sizeof line) == line,
		      "parse_diag_format returns buf");
	}
	check(nerrors == res.nerrors, "nerrors counts the PARSE_ERROR diagnostics");
	if (rc == 0)
		check(res.ndocs > 0 && res.nerrors == 0, "0 means documents and no error");
	else
		check(rc == -1 && res.nerrors > 0, "-1 comes with an error diagnostic");
	for (i = 0; i < res.ndocs; i++)
		check_doc(&res.docs[i]);
	parse_result_free(&res);
	return 0;
}
