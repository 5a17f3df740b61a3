/* SPDX-License-Identifier: MIT */
/*
 * bundle: the signed content bundle a clerk brings on a USB stick (the
 * folder BANGTIN/ made by `bangtinctl pack`): its manifest (format version,
 * creation time, sequence number, mode, every file with size and SHA-256,
 * documents to withdraw, display windows and pins), the Ed25519 signature
 * over the manifest (libsodium), the trusted public keys, and the check of a
 * bundle folder against them. Parsing and formatting are pure; the folder
 * check reads files but writes nothing. Format: docs/bundle-format.md.
 */
#ifndef BANGTIN_BUNDLE_H
#define BANGTIN_BUNDLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BUNDLE_ERR_MAX 512
#define BUNDLE_FORMAT_VERSION 1
#define BUNDLE_MANIFEST "manifest.txt"
#define BUNDLE_SIGNATURE "manifest.sig"
#define BUNDLE_KEY_NAME_MAX 64
/* The report the kiosk writes back into the bundle folder after an attempt;
 * the only file of the folder besides the manifest and signature that need
 * not be listed. Never listed itself. */
#define BUNDLE_REPORT "BAOCAO.txt"
/* Longest file path in a manifest, and longest symbol, in bytes. */
#define BUNDLE_PATH_MAX 255
#define BUNDLE_SYMBOL_MAX 128

enum bundle_mode {
	BUNDLE_MERGE = 0,   /* add and replace; everything else stays */
	BUNDLE_REPLACE = 1, /* the bundle is the whole content afterwards */
};

struct bundle_file {
	char *path;          /* relative, '/'-separated, no "..", no leading '/' */
	uint64_t size;
	uint8_t sha256[32];
};

/* A display window and pin for a document named by its symbol. */
struct bundle_display {
	char *symbol;
	int64_t from, until; /* Unix seconds, 0 = open */
	bool pinned;
};

/* A trusted public key: its name (the file name without .pub) and bytes. */
struct bundle_key {
	char name[BUNDLE_KEY_NAME_MAX];
	uint8_t pk[32];
};

/* Keys one bundle may add at most. */
#define BUNDLE_KEYS_MAX 16

struct bundle_manifest {
	int version;
	int64_t created;     /* Unix seconds (UTC) */
	uint64_t sequence;   /* strictly increasing per signing key */
	enum bundle_mode mode;
	struct bundle_file *files;
	size_t nfiles;
	char **withdraw;     /* symbols */
	size_t nwithdraw;
	struct bundle_display *display;
	size_t ndisplay;
	struct bundle_key *keys; /* "key NAME HEX": keys the board trusts from now
				  * on (a bundle signed by a trusted key only) */
	size_t nkeys;
};

/* Limits of a bundle; bundle_limits_default() gives the built-in ones. */
struct bundle_limits {
	size_t max_files;
	uint64_t max_file_bytes;
	uint64_t max_total_bytes;
	size_t max_manifest_bytes;
};

struct bundle_limits bundle_limits_default(void);

struct bundle_keyring {
	struct bundle_key *keys;
	size_t n;
};

/*
 * Parses a manifest. Returns 0, or -1 with err naming the line and field
 * ("manifest.txt:7: file: size is not a number"): unknown format version,
 * unknown keyword, duplicate file, a path that leaves the bundle (".." or
 * absolute or empty component), over the limits. Strict: one spelling per
 * manifest (docs/bundle-format.md), so format(parse(buf)) == buf. lim NULL:
 * defaults. On failure *m is left empty. The caller frees *m with
 * bundle_manifest_free() (which takes NULL and leaves *m empty).
 */
int bundle_manifest_parse(const char *buf, size_t len, const struct bundle_limits *lim,
			  struct bundle_manifest *m, char *err, size_t errsize);
void bundle_manifest_free(struct bundle_manifest *m);

/*
 * Whether path may name a file of a bundle: 1 to BUNDLE_PATH_MAX bytes of
 * [A-Za-z0-9._-] in '/'-separated components, none empty, none starting with
 * '.' (so no "..", no hidden files), no leading or trailing '/', and not one of
 * the folder's own files (manifest, signature, report). Returns 0, or -1 with
 * err saying why (no file name or line in it).
 */
int bundle_path_check(const char *path, size_t len, char *err, size_t errsize);

/* Formats a manifest in its canonical text form; malloc'ed, NULL on ENOMEM.
 * bundle_manifest_parse(bundle_manifest_format(m)) gives m back. */
char *bundle_manifest_format(const struct bundle_manifest *m, size_t *len);

/* The signature file: "ed25519 KEYNAME SIGNATURE-HEX\n", exactly one line,
 * lower-case hex. Parse returns 0 or -1 with err ("manifest.sig: ...");
 * format writes a NUL-terminated line into buf, -1 when the name is not a
 * key name or buf is too small (>= 204 bytes always suffice). */
int bundle_sig_parse(const char *buf, size_t len, char key_name[BUNDLE_KEY_NAME_MAX],
		     uint8_t sig[64], char *err, size_t errsize);
int bundle_sig_format(const char *key_name, const uint8_t sig[64], char *buf, size_t size);

/* Signs / verifies manifest bytes with Ed25519 (libsodium). Sign returns 0
 * or -1; verify returns true only for a valid signature by pk. */
int bundle_sign(const uint8_t *msg, size_t len, const uint8_t sk[64], uint8_t sig[64]);
bool bundle_verify(const uint8_t *msg, size_t len, const uint8_t sig[64], const uint8_t pk[32]);

/* Whether the first len bytes of name are a key name: [A-Za-z0-9._-]{1,63}. */
bool bundle_key_name_ok(const char *name, size_t len);

/* Key files: "NAME.key" holds "ed25519-secret HEX(64 bytes)\n" (mode 0600),
 * "NAME.pub" holds "ed25519 HEX(32 bytes)\n". keygen writes both into dir
 * (O_EXCL: refusing to overwrite either, leaving no half pair); secret_load
 * reads a NAME.key, gives NAME in name and checks the secret's public half.
 * All return 0 or -1 with err. */
int bundle_keygen(const char *dir, const char *name, char *err, size_t errsize);
int bundle_secret_load(const char *path, char name[BUNDLE_KEY_NAME_MAX], uint8_t sk[64],
		       char *err, size_t errsize);

/* Reads one public key file ("ed25519 HEX(32 bytes)\n", at most 256 bytes,
 * a regular file opened with O_NOFOLLOW: a link is refused). Returns 0, or
 * -1 with err naming path. */
int bundle_pub_read(const char *path, uint8_t pk[32], char *err, size_t errsize);

/* The fingerprint people compare by eye (on the board's screen, in keygen's
 * and verify's output, on the office's web page): the first 8 bytes of the
 * SHA-256 of the 32-byte public key, upper-case hex in four groups of four
 * separated by spaces, "3F2A 91C0 7B1E D4A8". Writes it with its NUL into
 * out; returns out. */
#define BUNDLE_FINGERPRINT_MAX 20
char *bundle_fingerprint(const uint8_t pk[32], char out[BUNDLE_FINGERPRINT_MAX]);

/* Loads every *.pub of dir as a trusted key, sorted by name; other files
 * are ignored. An empty or missing directory gives an empty keyring (every
 * bundle is then refused as untrusted). A malformed .pub, a bad key name or
 * one key under two names refuses the whole keyring: -1 with err naming the
 * file, and kr empty (fail closed; the kiosk logs it and trusts nothing). */
int bundle_keyring_load(const char *dir, struct bundle_keyring *kr, char *err,
			size_t errsize);
void bundle_keyring_free(struct bundle_keyring *kr);

/* Why a bundle folder was refused; BUNDLE_OK when it was not. */
enum bundle_verdict {
	BUNDLE_OK = 0,
	BUNDLE_NO_SIGNATURE,
	BUNDLE_BAD_SIGNATURE,
	BUNDLE_UNTRUSTED_KEY,
	BUNDLE_NO_KEYS,        /* the board trusts no key yet: enrol one first */
	BUNDLE_BAD_MANIFEST,   /* unreadable, unknown version, malformed */
	BUNDLE_FILE_MISSING,
	BUNDLE_FILE_EXTRA,     /* present but not in the manifest */
	BUNDLE_FILE_MISMATCH,  /* size or SHA-256 differs */
	BUNDLE_BAD_PATH,       /* leaves the bundle */
	BUNDLE_NOT_REGULAR,    /* symlink, device, fifo, socket */
	BUNDLE_TOO_LARGE,      /* a file, the total, or too many files */
	BUNDLE_IO,             /* could not read */
};

/* The Vietnamese sentence the screen shows for a verdict ("Gói nội dung
 * không có chữ ký."). Static strings. */
const char *bundle_verdict_vi(enum bundle_verdict v);

/*
 * Checks the bundle folder dir as the kiosk does before applying it: the
 * signature file, a trusted key by its name, the signature over the exact
 * manifest bytes, the manifest, then every file of the folder tree (no
 * symbolic links or special files anywhere, nothing outside the manifest,
 * every listed file present with its size and SHA-256), within the limits.
 * Opens files with O_NOFOLLOW, one path component at a time. Fills m (the
 * caller frees it) on success; on refusal m is left empty. key_name gets the
 * name the signature file claims as soon as it parses (so a refusal can log
 * it), "" before. BUNDLE_REPORT at the top is ignored. lim NULL: defaults.
 * Returns the verdict, with err naming the file (and manifest line) and
 * what is wrong, in English. The sequence is not judged here (it needs the
 * board's history): the apply step refuses replays (update.h).
 */
enum bundle_verdict bundle_check_dir(const char *dir, const struct bundle_keyring *kr,
				     const struct bundle_limits *lim, struct bundle_manifest *m,
				     char key_name[BUNDLE_KEY_NAME_MAX], char *err,
				     size_t errsize);

/*
 * A bundle folder opened for reading its files one at a time, so that what
 * is hashed is exactly what the caller uses (a file swapped between a check
 * and a later read cannot matter). bundle_dir_open() reads nothing but the
 * signature file and the manifest (O_NOFOLLOW, regular files, bounded)
 * until the signature verified, then walks the folder tree without reading
 * any file (every entry counts against the limit, folders too; links,
 * special files, unlisted and missing files and sizes other than listed
 * refuse it). Returns the verdict as bundle_check_dir() does; on BUNDLE_OK
 * *out is the handle (close it with bundle_dir_close(), which takes NULL),
 * else *out is NULL. key_name as for bundle_check_dir(). err is used only
 * during the call. On a refusal, file (when not NULL) gets the file at
 * fault for the screen: its path in the bundle, BUNDLE_SIGNATURE or
 * BUNDLE_MANIFEST, the folder's own path when the folder itself is
 * refused, or "" when the refusal names none.
 */
struct bundle_dir;
enum bundle_verdict bundle_dir_open(const char *dir, const struct bundle_keyring *kr,
				    const struct bundle_limits *lim, struct bundle_dir **out,
				    char key_name[BUNDLE_KEY_NAME_MAX], char *err, size_t errsize,
				    char *file, size_t filesize);
void bundle_dir_close(struct bundle_dir *d);

/* bundle_dir_open() without the signature: manifest.txt read (O_NOFOLLOW,
 * regular, bounded) and parsed, and the folder tree walked the same way.
 * For tools that show a bundle before anyone trusts it (bangtinctl
 * preview), never for deciding what to apply. manifest.sig is neither read
 * nor required; signature_text is then NULL. */
enum bundle_verdict bundle_dir_open_unsigned(const char *dir, const struct bundle_limits *lim,
					     struct bundle_dir **out, char *err, size_t errsize);

/* The verified manifest, and the exact bytes of manifest.txt and
 * manifest.sig as read and verified. All owned by d. */
const struct bundle_manifest *bundle_dir_manifest(const struct bundle_dir *d);
const char *bundle_dir_manifest_text(const struct bundle_dir *d, size_t *len);
const char *bundle_dir_signature_text(const struct bundle_dir *d, size_t *len);

/*
 * Reads the manifest's file i once: opened below the folder one component
 * at a time with O_NOFOLLOW (O_NONBLOCK, nothing blocks the open), a
 * regular file of its listed size, at most that many bytes plus one read
 * into a malloc'ed buffer, whose SHA-256 is compared with the listed one.
 * BUNDLE_OK with *buf (NUL-terminated, *len bytes; the caller frees it), or
 * the verdict (FILE_MISMATCH, NOT_REGULAR, FILE_MISSING, IO) with err.
 */
enum bundle_verdict bundle_dir_read(struct bundle_dir *d, size_t i, char **buf, size_t *len,
				    char *err, size_t errsize);

/* SHA-256 of a whole buffer (libsodium). Hex is libsodium's too:
 * sodium_bin2hex() writes lower case, which is all the manifest and
 * signature accept (their readers check the case before sodium_hex2bin()). */
void bundle_sha256(const uint8_t *data, size_t len, uint8_t out[32]);

#endif
