/* SPDX-License-Identifier: MIT */
/*
 * enrol: trusting an office's public key from a USB stick, with someone at
 * the board. A stick whose bundle folder (BANGTIN/) holds one file NAME.pub
 * and nothing else asks for it; the board shows the key's fingerprint and
 * trusts it only while the select button is held for ENROL_HOLD_MS. Only a
 * board that trusts no key yet takes one this way (afterwards a new key
 * comes in a bundle signed by a trusted one, bundle.h's key records), and
 * [update] enrol = no forbids it. The probe reads the stick, the write
 * writes keys_dir; the rule and the hold are pure (no clock: now is a
 * parameter). docs/bundle-format.md, "Enrolling the first key".
 */
#ifndef BANGTIN_ENROL_H
#define BANGTIN_ENROL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bundle.h"

/* Select held this long trusts the key; the question stays this long. */
#define ENROL_HOLD_MS 5000
#define ENROL_TIMEOUT_MS 120000

/*
 * Whether the bundle folder dir is an enrolment request: exactly one entry,
 * a regular file NAME.pub (NAME a key name; never followed through a link),
 * read into key. Returns 1 and fills key; 0 when dir is anything else (a
 * bundle, other files: not ours); -1 with err (English, naming the file)
 * when it is a request whose key cannot be read (a link, malformed).
 */
int enrol_probe(const char *dir, struct bundle_key *key, char *err, size_t errsize);

/* The board's answer to a request, before anyone is asked. */
enum enrol_verdict {
	ENROL_ASK = 0,     /* no key trusted yet: show it and wait for the hold */
	ENROL_DISABLED,    /* [update] enrol = no */
	ENROL_ALREADY,     /* this very key is trusted already (nothing to do) */
	ENROL_HAS_KEYS,    /* a key is trusted: new ones come in signed bundles */
	ENROL_BAD_KEY,     /* the stick's NAME.pub cannot be read */
};

/* The rule: allowed is the config's [update] enrol, kr the trusted keys. */
enum enrol_verdict enrol_judge(bool allowed, const struct bundle_keyring *kr,
			       const struct bundle_key *key);

/* The screen's sentence for a verdict other than ENROL_ASK (static). */
const char *enrol_verdict_vi(enum enrol_verdict v);

/* The hold that confirms: a pure state machine fed the select button's
 * level and BACK, and the time. */
enum enrol_state {
	ENROL_PENDING = 0,
	ENROL_ACCEPTED,  /* select held ENROL_HOLD_MS */
	ENROL_REJECTED,  /* back pressed */
	ENROL_EXPIRED,   /* nobody answered within ENROL_TIMEOUT_MS */
};

struct enrol_hold {
	enum enrol_state state;
	int64_t shown_at;   /* when the question appeared */
	bool held;          /* select is down */
	int64_t held_since; /* since when */
};

/* Starts the question at now_ms. A select already down does not count: it
 * must be pressed while the question shows. */
void enrol_hold_start(struct enrol_hold *h, int64_t now_ms);
/* The select button went down (or up) at now_ms. */
void enrol_hold_select(struct enrol_hold *h, bool down, int64_t now_ms);
/* Back was pressed: the key is not trusted. */
void enrol_hold_back(struct enrol_hold *h);
/* Advances to now_ms: accepted once held long enough, expired on time out.
 * Returns the state. */
enum enrol_state enrol_hold_tick(struct enrol_hold *h, int64_t now_ms);
/* When enrol_hold_tick() next has something to do; INT64_MAX when done. */
int64_t enrol_hold_deadline(const struct enrol_hold *h);
/* How far the hold is, 0..100 (for the screen's bar). */
int enrol_hold_percent(const struct enrol_hold *h, int64_t now_ms);

/* The question on the screen: the name, the fingerprint and what to do.
 * Writes into buf (truncated to size); returns buf. */
char *enrol_question_vi(const struct bundle_key *key, char *buf, size_t size);

/* The outcome on the screen and on the stick (BAOCAO.txt, CRLF lines, with
 * the time when as dd/mm/yyyy HH:MM local). state: ENROL_ACCEPTED and ok
 * (written), ENROL_ACCEPTED and !ok (the write failed), or why not. */
char *enrol_result_vi(const struct bundle_key *key, enum enrol_state state, bool ok,
		      char *buf, size_t size);
int enrol_report_format(const struct bundle_key *key, int64_t when, const char *result_vi,
			const char *log_en, char *buf, size_t size);

/*
 * Trusts key: writes keys_dir/NAME.pub ("ed25519 HEX\n", mode 0644) through
 * a temporary file in keys_dir, synced, then linked into place, so the
 * keyring sees the whole file or none, and never replaces a file of that
 * name. Returns 0, or -1 with err naming the file.
 */
int enrol_write(const char *keys_dir, const struct bundle_key *key, char *err,
		size_t errsize);

#endif
