/* SPDX-License-Identifier: MIT */
/*
 * fuzz_front: libFuzzer target for the clerk's front-matter block (front.c).
 * Any byte string must read without a crash, leak or undefined behaviour and
 * keep front_read()'s contract: an error names a line and a field; a value
 * is stated exactly when its bit is set, holds no line break and is within
 * FRONT_VALUE_MAX; a stated date is a real date and a stated kind is in the
 * kind table. Through parse_buffer(), the first document carries exactly
 * the stated bits. Built and run by `make fuzz` (clang, build-fuzz/).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "front.h"
#include "norm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A broken contract is a finding like a crash: abort so libFuzzer saves it. */
static void check(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_front: contract broken: %s\n", what);
		abort();
	}
}

static void check_value(const char *v, uint32_t field, uint32_t stated)
{
	check(!v == !(stated & field), "a value is there exactly when stated");
	if (!v)
		return;
	check(*v && strlen(v) <= FRONT_VALUE_MAX, "a value is not empty and within the limit");
	check(!strchr(v, '\n'), "a value is one line");
	check(norm_utf8_valid(v, strlen(v), NULL), "a value is UTF-8");
}

static void check_front(const struct front *f)
{
	check_value(f->number, DOC_FIELD_NUMBER, f->stated);
	check_value(f->issuer, DOC_FIELD_ISSUER, f->stated);
	check_value(f->parent, DOC_FIELD_PARENT, f->stated);
	check_value(f->place, DOC_FIELD_PLACE, f->stated);
	check_value(f->subject, DOC_FIELD_SUBJECT, f->stated);
	check_value(f->signer_name, DOC_FIELD_SIGNER_NAME, f->stated);
	check_value(f->signer_title, DOC_FIELD_SIGNER_TITLE, f->stated);
	check_value(f->signer_authority, DOC_FIELD_SIGNER_AUTHORITY, f->stated);
	check(!(f->stated & DOC_FIELD_DATE) || doc_date_valid(f->date.y, f->date.m, f->date.d),
	      "a stated date is a real date");
	check(!f->kind == !(f->stated & DOC_FIELD_KIND), "a kind is there exactly when stated");
	check(!f->kind || doc_kind_name(f->kind), "a stated kind is in the kind table");
	check(!f->stated || f->last_line >= 3, "a block holds its fences and a key line");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct front f;
	struct parse_diag err;
	struct parse_result res;
	int rc;

	/* front_read() takes what the parser hands it: valid UTF-8 without the
	 * byte-order mark parse_buffer() skips. */
	if (size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		data += 3, size -= 3;
	if (!norm_utf8_valid((const char *)data, size, NULL))
		return 0;
	rc = front_read((const char *)data, size, &f, &err);
	if (rc != 0) {
		check(rc == -1, "front_read returns 0 or -1");
		check(err.severity == PARSE_ERROR && err.line >= 1, "an error names its line");
		check(err.field[0] && err.message[0], "an error names its field and says why");
	} else {
		check_front(&f);
	}
	memset(&res, 0, sizeof res);
	if (parse_buffer("fuzz", (const char *)data, size, NULL, &res) == 0 && rc == 0)
		check(res.docs[0].stated == f.stated, "the first document has the stated bits");
	parse_result_free(&res);
	front_free(&f);
	return 0;
}
