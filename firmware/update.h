/* SPDX-License-Identifier: MIT */
/*
 * update: taking a content bundle from a USB stick into the store. It copies
 * the bundle folder to a staging directory on the board (a stick pulled
 * mid-copy is harmless), checks the staged copy (signature, sizes, hashes,
 * limits: bundle.h), parses every document, refuses replays, and applies the
 * whole bundle in ONE store transaction; it fills a report for the screen,
 * the log and the stick. No SDL, no clock (now is a parameter), no threads
 * of its own: the kiosk runs it on a worker thread. It never writes to the
 * stick (update_report_format() gives the text; the caller writes it).
 */
#ifndef BANGTIN_UPDATE_H
#define BANGTIN_UPDATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bundle.h"
#include "store.h"

/* The report written back into the bundle folder on the stick: bundle.h's
 * BUNDLE_REPORT, the one unlisted file the folder check ignores (and
 * update_stage() does not copy). */
#define UPDATE_REPORT_FILE BUNDLE_REPORT

/* Meta key prefix of the last applied sequence per signing key: the value
 * of "bundle_sequence:KEYNAME" is "SEQUENCE SHA256-HEX-OF-MANIFEST". */
#define UPDATE_META_SEQUENCE "bundle_sequence:"
/* Meta key of the newest bundle the board applied, whatever its key:
 * "SEQUENCE SHA256-HEX-OF-MANIFEST KEYNAME". Sequences are one order for
 * the whole board (docs/bundle-format.md, Replays). */
#define UPDATE_META_BOARD_SEQUENCE "bundle_sequence"

#define UPDATE_MSG_MAX 512

/* What an attempt came to. Everything but UPDATE_APPLIED leaves the store
 * exactly as it was (UPDATE_ALREADY_APPLIED included: nothing is written). */
enum update_status {
	UPDATE_APPLIED = 0,
	UPDATE_ALREADY_APPLIED, /* same key, sequence and manifest: a no-op */
	UPDATE_REFUSED_BUNDLE,  /* bundle_check_dir() refused: see verdict */
	UPDATE_REFUSED_DOCUMENT,/* a document the parser (or the store) rejects */
	UPDATE_REFUSED_REPLAY,  /* sequence lower than the last one of that key */
	UPDATE_REFUSED_SEQUENCE,/* same sequence as the last one, other manifest */
	UPDATE_COPY_FAILED,     /* the stick went away or could not be read */
	UPDATE_CANCELLED,       /* the progress callback asked to stop */
	UPDATE_FAILED,          /* board-side failure: staging disk, database */
};

/* Where an update is; the fraction passed with it covers the whole update:
 * copying is 0 .. 0.3 (update_stage), the rest 0.3 .. 1 (update_apply). */
enum update_phase {
	UPDATE_PHASE_COPY = 0,
	UPDATE_PHASE_VERIFY,
	UPDATE_PHASE_PARSE,
	UPDATE_PHASE_APPLY,
	UPDATE_PHASE_DONE,
};

/*
 * Progress: fraction 0..1 of the whole update (never going back) and the
 * phase with a short Vietnamese label ("Đang sao chép", "Đang kiểm tra chữ
 * ký", "Đang đọc văn bản", "Đang cập nhật nội dung"; static strings). Called
 * on the thread that called update_stage()/update_apply(), often (per file,
 * per document), so it must be cheap; it may post an event to the screen.
 * Returning false cancels: the update stops before it commits anything.
 */
typedef bool (*update_progress_fn)(void *ctx, double fraction,
				   enum update_phase phase, const char *label);

/* The result of one attempt, for the screen, the log and the stick. */
struct update_report {
	enum update_status status;
	enum bundle_verdict verdict;       /* when UPDATE_REFUSED_BUNDLE */
	char key_name[BUNDLE_KEY_NAME_MAX]; /* signer, once known; "" before */
	uint64_t sequence;                 /* of the bundle, once known */
	uint64_t last_sequence;            /* stored for that key (replays) */
	enum bundle_mode mode;
	int64_t when;                      /* the now of the attempt */
	size_t ndocs;                      /* documents in the bundle */
	size_t added, replaced, unchanged; /* by the import */
	size_t withdrawn;                  /* rows newly withdrawn */
	size_t removed;                    /* rows deleted by a replace bundle */
	/* keys the applied bundle adds ("key" records not trusted yet): the
	 * caller writes them into the key folder (enrol_write()) */
	struct bundle_key keys[BUNDLE_KEYS_MAX];
	size_t nkeys;
	char file[BUNDLE_PATH_MAX + 1];    /* the bundle's file at fault (its path in
					    * the bundle folder), "" when none */
	char message_vi[UPDATE_MSG_MAX];   /* one or two sentences for the screen,
					    * naming file when there is one */
	char log[UPDATE_MSG_MAX];          /* one English line naming file/line/field */
};

/* The Vietnamese label of a phase (static). */
const char *update_phase_vi(enum update_phase phase);

/* The English name of a status ("applied", "refused: replay", ...). */
const char *update_status_name(enum update_status status);

/* Words a cancelled report as an update the kiosk abandoned because the
 * stick made no progress (live.h): the screen tells staff to try another
 * stick. Leaves any other report as it is. */
void update_abandoned(struct update_report *rep);

/*
 * Checks the bundle folder src_dir ON THE STICK and copies what it lists
 * into a fresh directory made with mkdtemp() under staging_root (on the
 * board; created 0700 when missing). Nothing is written before the stick's
 * signature verified against kr and its folder tree passed the walk of
 * bundle_dir_open() (every entry of any type counted against the limit; a
 * link, device, FIFO or socket, an unlisted or missing file, a size other
 * than listed, or a limit refuses it: UPDATE_REFUSED_BUNDLE with the
 * verdict): an unsigned stick costs the board's disk nothing. Then the
 * manifest and signature (the bytes that verified) and each listed file,
 * read once and hashed (bundle_dir_read: never more than its listed size),
 * are written (not fsync'ed: a staged copy never outlives a boot, see
 * update_staging_clean(), and update_apply() checks it again); folders only
 * as listed paths need them; UPDATE_REPORT_FILE is never copied. A file
 * that vanishes or fails to read while copying gives UPDATE_COPY_FAILED,
 * one that changed since the walk BUNDLE_FILE_MISMATCH. lim may be NULL for
 * the defaults.
 * Returns 0 with the staged path in staged (staged_size >= 4096 is plenty),
 * or -1 with rep filled (status, messages) and no staging directory left.
 * The caller removes the staged copy with update_staging_remove() after
 * update_apply().
 */
int update_stage(const char *src_dir, const char *staging_root,
		 const struct bundle_keyring *kr, const struct bundle_limits *lim, update_progress_fn progress,
		 void *ctx, char *staged, size_t staged_size,
		 struct update_report *rep);

/* Removes a staged copy (the whole tree; never follows links). Returns 0 or
 * -1 with err. */
int update_staging_remove(const char *staged, char *err, size_t errsize);

/* Removes every leftover staging directory under staging_root (a power cut
 * mid-copy leaves one); call at start-up. Returns the number removed or -1
 * with err. */
int update_staging_clean(const char *staging_root, char *err, size_t errsize);

/*
 * Applies the staged bundle in staged to st: bundle_check_dir() on the staged
 * copy against kr and lim (NULL: defaults); the sequence against the
 * newest the board applied, whichever trusted key signed it (lower: replay;
 * equal with the same manifest SHA-256: UPDATE_ALREADY_APPLIED, "Gói này đã
 * được áp dụng."; equal with another manifest: refused), told before
 * parsing; every listed file read once (bundle_dir_read) and that buffer
 * parsed with parse_buffer() (any error refuses the bundle, naming the file
 * and line); then ONE store transaction (store_update()) that checks the
 * sequence again under the write lock (it decides), imports the documents, and
 *   - mode replace: deletes every stored document the bundle does not hold;
 *     the bundle's documents lose any withdrawal, pin and window the board
 *     had (the bundle is the whole content afterwards);
 *   - mode merge: adds and replaces by identity; the bundle's documents are
 *     shown again if they were withdrawn; others are untouched;
 * then applies withdrawals (a symbol matching nothing is noted, not refused),
 * display windows and pins (a symbol matching nothing refuses the bundle),
 * records the sequence and the content meta (STORE_META_VERSION bumped when
 * anything changed, STORE_META_UPDATED = now, STORE_META_RESULT), and
 * commits. Refusals and failures write nothing at all, not even the meta.
 * The bundle's key records (bundle.h) are checked against kr first: a name
 * trusted with other bytes, or trusted bytes under another name, refuses the
 * bundle (UPDATE_REFUSED_BUNDLE, BUNDLE_BAD_MANIFEST); keys not trusted yet
 * are returned in rep->keys for the caller to write when the bundle was
 * applied, or already applied (so a write that failed after the commit is
 * made when the same stick comes again).
 * Always fills rep. Returns 0 when applied or already applied, -1 otherwise.
 */
int update_apply(struct store *st, const char *staged,
		 const struct bundle_keyring *kr, const struct bundle_limits *lim,
		 int64_t now, update_progress_fn progress, void *ctx,
		 struct update_report *rep);

/*
 * Formats the short text report for the stick (UPDATE_REPORT_FILE): the time
 * (local, from rep->when), the result in Vietnamese, the counts or the
 * reason, the signer and sequence, and the English log line; CRLF line ends
 * so Notepad shows it. Returns the length written (truncated to size - 1) or
 * the length needed, like snprintf.
 */
int update_report_format(const struct update_report *rep, char *buf, size_t size);

#endif
