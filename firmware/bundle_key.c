/* SPDX-License-Identifier: MIT */
/*
 * bundle_key.c: Ed25519 key files. keygen writes a pair without ever
 * replacing a file (O_EXCL), the secret readable by its owner only; the
 * keyring is every NAME.pub of the kiosk's key folder.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "bundle.h"
#include "bundle_int.h"
#include "fdio.h"

#define PUB_PREFIX "ed25519 "
#define SEC_PREFIX "ed25519-secret "
#define KEY_FILE_MAX 256

/* Reads a whole small file (at most KEY_FILE_MAX bytes); 0 or -1 with err.
 * flags: O_NOFOLLOW for a file from a stick. *mode (when not NULL) is the
 * file's permission bits. */
static int read_small(int dirfd, const char *path, int flags, char *buf, size_t *len,
		      mode_t *mode,
		      char *err, size_t errsize)
{
	int fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK | flags);
	struct stat st;
	ssize_t n;

	if (fd < 0)
		return bundle_err(err, errsize, "%s: %s", path, strerror(errno));
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return bundle_err(err, errsize, "%s: not a regular file", path);
	}
	if (mode)
		*mode = st.st_mode;
	n = read(fd, buf, KEY_FILE_MAX + 1);
	close(fd);
	if (n < 0)
		return bundle_err(err, errsize, "%s: %s", path, strerror(errno));
	if (n > KEY_FILE_MAX)
		return bundle_err(err, errsize, "%s: too long for a key file", path);
	*len = (size_t)n;
	return 0;
}

/* "PREFIX HEX\n" with exactly nbytes of hex. */
static bool parse_key_line(const char *buf, size_t len, const char *prefix, uint8_t *out,
			   size_t nbytes)
{
	size_t pl = strlen(prefix);

	return len == pl + 2 * nbytes + 1 && memcmp(buf, prefix, pl) == 0 &&
	       buf[len - 1] == '\n' &&
	       sodium_hex2bin(out, nbytes, buf + pl, 2 * nbytes, NULL, NULL, NULL) == 0;
}

static int write_new(const char *path, mode_t mode, const char *text, char *err,
		     size_t errsize)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
	size_t len = strlen(text);

	if (fd < 0)
		return bundle_err(err, errsize, "%s: %s", path,
				  errno == EEXIST ? "exists; not overwritten" : strerror(errno));
	if (fdio_write_all(fd, text, len, true) != 0)
		goto fail;
	if (close(fd) < 0) {
		fd = -1;
		goto fail;
	}
	return 0;
fail:
	bundle_err(err, errsize, "%s: cannot write: %s", path, strerror(errno));
	if (fd >= 0)
		close(fd);
	unlink(path);
	return -1;
}

int bundle_keygen(const char *dir, const char *name, char *err, size_t errsize)
{
	char secpath[4096], pubpath[4096];
	char sectext[sizeof SEC_PREFIX + 130], pubtext[sizeof PUB_PREFIX + 66];
	uint8_t pk[32], sk[64];
	struct stat st;
	int rc = -1;

	if (!bundle_key_name_ok(name, strlen(name)))
		return bundle_err(err, errsize, "key name \"%.80s\": use 1 to %d of A-Z a-z 0-9 . _ -",
				  name, BUNDLE_KEY_NAME_MAX - 1);
	if ((size_t)snprintf(secpath, sizeof secpath, "%s/%s.key", dir, name) >= sizeof secpath ||
	    (size_t)snprintf(pubpath, sizeof pubpath, "%s/%s.pub", dir, name) >= sizeof pubpath)
		return bundle_err(err, errsize, "%s: path too long", dir);
	if (lstat(secpath, &st) == 0)
		return bundle_err(err, errsize, "%s: exists; not overwritten", secpath);
	if (lstat(pubpath, &st) == 0)
		return bundle_err(err, errsize, "%s: exists; not overwritten", pubpath);
	if (bundle_sodium(err, errsize) < 0)
		return -1;
	crypto_sign_keypair(pk, sk);
	memcpy(sectext, SEC_PREFIX, strlen(SEC_PREFIX));
	sodium_bin2hex(sectext + strlen(SEC_PREFIX), sizeof sectext - strlen(SEC_PREFIX), sk, 64);
	strcat(sectext, "\n");
	memcpy(pubtext, PUB_PREFIX, strlen(PUB_PREFIX));
	sodium_bin2hex(pubtext + strlen(PUB_PREFIX), sizeof pubtext - strlen(PUB_PREFIX), pk, 32);
	strcat(pubtext, "\n");
	if (write_new(secpath, 0600, sectext, err, errsize) < 0)
		goto out;
	if (write_new(pubpath, 0644, pubtext, err, errsize) < 0) {
		unlink(secpath);
		goto out;
	}
	rc = 0;
out:
	sodium_memzero(sk, sizeof sk);
	sodium_memzero(sectext, sizeof sectext);
	return rc;
}

int bundle_secret_load(const char *path, char name[BUNDLE_KEY_NAME_MAX], uint8_t sk[64],
		       char *err, size_t errsize)
{
	const char *base = strrchr(path, '/');
	char buf[KEY_FILE_MAX + 1];
	uint8_t pk[32], check[64];
	size_t len, blen;
	mode_t mode = 0;
	int rc = -1;

	base = base ? base + 1 : path;
	blen = strlen(base);
	if (blen < 5 || strcmp(base + blen - 4, ".key") != 0 ||
	    !bundle_key_name_ok(base, blen - 4))
		return bundle_err(err, errsize, "%s: a secret key file is NAME.key, NAME of 1 to "
				  "%d of A-Z a-z 0-9 . _ -", path, BUNDLE_KEY_NAME_MAX - 1);
	if (bundle_sodium(err, errsize) < 0 ||
	    read_small(AT_FDCWD, path, 0, buf, &len, &mode, err, errsize) < 0)
		return -1;
	/* As ssh does: a secret others may read is refused, not used. */
	if (mode & (S_IRWXG | S_IRWXO)) {
		bundle_err(err, errsize, "%s: mode %04o lets others read this secret key; it must "
			   "be yours alone: chmod 600 %s (and if others may have read it, make "
			   "a new key)", path, (unsigned)(mode & 07777), path);
		goto out;
	}
	if (!parse_key_line(buf, len, SEC_PREFIX, sk, 64)) {
		bundle_err(err, errsize, "%s: not \"" SEC_PREFIX "\" and 128 hex digits", path);
		goto out;
	}
	/* The secret holds the seed and the public key: they must agree. */
	crypto_sign_seed_keypair(pk, check, sk);
	if (sodium_memcmp(check, sk, 64) != 0) {
		bundle_err(err, errsize, "%s: damaged (its public half does not match)", path);
		goto out;
	}
	memcpy(name, base, blen - 4);
	name[blen - 4] = '\0';
	rc = 0;
out:
	sodium_memzero(buf, sizeof buf);
	sodium_memzero(check, sizeof check);
	if (rc < 0)
		sodium_memzero(sk, 64);
	return rc;
}

int bundle_pub_read(const char *path, uint8_t pk[32], char *err, size_t errsize)
{
	char buf[KEY_FILE_MAX + 1];
	size_t len;

	if (read_small(AT_FDCWD, path, O_NOFOLLOW, buf, &len, NULL, err, errsize) < 0)
		return -1;
	if (!parse_key_line(buf, len, PUB_PREFIX, pk, 32))
		return bundle_err(err, errsize, "%s: not \"" PUB_PREFIX "\" and 64 hex digits",
				  path);
	return 0;
}

char *bundle_fingerprint(const uint8_t pk[32], char out[BUNDLE_FINGERPRINT_MAX])
{
	static const char hex[] = "0123456789ABCDEF";
	uint8_t h[32];
	size_t o = 0;

	bundle_sha256(pk, 32, h);
	for (size_t i = 0; i < 8; i++) {
		if (i && i % 2 == 0)
			out[o++] = ' ';
		out[o++] = hex[h[i] >> 4];
		out[o++] = hex[h[i] & 15];
	}
	out[o] = '\0';
	return out;
}

static int key_cmp(const void *a, const void *b)
{
	return strcmp(((const struct bundle_key *)a)->name, ((const struct bundle_key *)b)->name);
}

/* Adds dir/NAME.pub (ent) to kr; 0 or -1 with err. */
static int load_pub(int dirfd, const char *dir, const char *ent, size_t nlen,
		    struct bundle_keyring *kr, size_t *cap, char *err, size_t errsize)
{
	struct bundle_key k;
	char buf[KEY_FILE_MAX + 1];
	size_t len;

	if (!bundle_key_name_ok(ent, nlen))
		return bundle_err(err, errsize, "%s/%s: a key name is 1 to %d of A-Z a-z 0-9 . _ -",
				  dir, ent, BUNDLE_KEY_NAME_MAX - 1);
	if (read_small(dirfd, ent, 0, buf, &len, NULL, err, errsize) < 0)
		return -1;
	if (!parse_key_line(buf, len, PUB_PREFIX, k.pk, 32))
		return bundle_err(err, errsize, "%s/%s: not \"" PUB_PREFIX "\" and 64 hex digits",
				  dir, ent);
	memcpy(k.name, ent, nlen);
	k.name[nlen] = '\0';
	if (kr->n == *cap) {
		size_t c = *cap ? *cap * 2 : 8;
		struct bundle_key *p = realloc(kr->keys, c * sizeof *p);
		if (!p)
			return bundle_err(err, errsize, "out of memory");
		kr->keys = p;
		*cap = c;
	}
	kr->keys[kr->n++] = k;
	return 0;
}

int bundle_keyring_load(const char *dir, struct bundle_keyring *kr, char *err,
			size_t errsize)
{
	DIR *d;
	struct dirent *e;
	size_t cap = 0;
	int rc = 0;

	kr->keys = NULL;
	kr->n = 0;
	if (!(d = opendir(dir))) {
		if (errno == ENOENT)
			return 0;
		return bundle_err(err, errsize, "%s: %s", dir, strerror(errno));
	}
	while (rc == 0 && (errno = 0, e = readdir(d))) {
		size_t len = strlen(e->d_name);
		if (len > 4 && strcmp(e->d_name + len - 4, ".pub") == 0)
			rc = load_pub(dirfd(d), dir, e->d_name, len - 4, kr, &cap, err, errsize);
	}
	if (rc == 0 && errno)
		rc = bundle_err(err, errsize, "%s: %s", dir, strerror(errno));
	closedir(d);
	if (rc < 0) {
		bundle_keyring_free(kr);
		return -1;
	}
	if (kr->n > 1) /* keys is NULL when there are none */
		qsort(kr->keys, kr->n, sizeof *kr->keys, key_cmp);
	/* Sequences are kept per key name: one key under two names would let a
	 * bundle be replayed under the other name. */
	for (size_t i = 0; i < kr->n; i++)
		for (size_t j = i + 1; j < kr->n; j++)
			if (sodium_memcmp(kr->keys[i].pk, kr->keys[j].pk, 32) == 0) {
				bundle_err(err, errsize, "%s: %s.pub and %s.pub hold the same key",
					   dir, kr->keys[i].name, kr->keys[j].name);
				bundle_keyring_free(kr);
				return -1;
			}
	return 0;
}

void bundle_keyring_free(struct bundle_keyring *kr)
{
	if (!kr)
		return;
	free(kr->keys);
	kr->keys = NULL;
	kr->n = 0;
}
