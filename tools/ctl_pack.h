/* SPDX-License-Identifier: MIT */
/*
 * ctl_pack: what the two halves of `bangtinctl pack` share: the run (options,
 * key, parsed documents, manifest). ctl_pack.c reads the options and checks
 * the documents; ctl_pack_write.c reads the source folder, chooses the
 * sequence, writes the bundle folder and checks it back as the kiosk would.
 */
#ifndef BANGTIN_CTL_PACK_H
#define BANGTIN_CTL_PACK_H

#include <stdbool.h>
#include <stdint.h>

#include "bundle.h"
#include "ctl.h"

struct pack_run {
	const char *key_path, *src, *dest;
	char key_name[BUNDLE_KEY_NAME_MAX];
	uint8_t sk[64];
	bool has_sequence;       /* --sequence given: m.sequence holds it */
	bool strict;             /* --strict: every document has number, date, kind */
	bool dest_made;          /* DEST was created by this run */
	bool replace;            /* --replace: an old bundle in DEST goes, once
				  * the new one (built beside it) checks */
	const char *final_dest;  /* with replace: the DEST given; dest is then
				  * tmp_dest beside it until the swap */
	char tmp_dest[4096];
	size_t nwritten;         /* files of DEST written so far (for clean-up) */
	struct bundle_manifest m;
	struct ctl_parsed docs;  /* SRC's files, as SRC/NAME */
	char *manifest;          /* the signed bytes */
	size_t manifest_len;
	char sig[256];           /* manifest.sig */
};

/* Reads the key, the files of SRC (pack_read_sources) and parses them;
 * checks the withdrawals, windows and pins. Returns 0 or -1 (logged). */
int pack_prepare(struct pack_run *run);

/* Reads SRC's *.txt files into run->docs.files, naming what is skipped and
 * refusing names a bundle cannot hold. Returns 0 or -1 (logged). */
int pack_read_sources(struct pack_run *run);

/* The whole pack after the options: prepare, DEST, sequence, manifest,
 * signature, files, check. Leaves nothing in DEST on failure. Returns 0 or
 * -1 (logged). */
int pack_run(struct pack_run *run);

/* A name the bundle rules accept, made from name: folded (no diacritics,
 * lower case), anything else a '-'. "Kết luận 516.txt" -> "ket-luan-516.txt".
 * Writes it into buf (size bytes, cut to fit) and returns buf. The clerk's
 * page names its files with it. */
char *pack_suggest(const char *name, char *buf, size_t size);

/* Frees what the run owns and wipes the secret key; a zeroed run is fine. */
void pack_run_free(struct pack_run *run);

#endif
