/* SPDX-License-Identifier: MIT */
/*
 * bundle.c: the small pieces of the signed bundle: limits, hex, SHA-256,
 * the signature file, Ed25519 signing and verifying, path and key name
 * rules, and the Vietnamese verdicts. The manifest, keys and folder check
 * live in bundle_manifest.c, bundle_key.c and bundle_check.c.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <sodium.h>

#include "bundle.h"
#include "bundle_int.h"

struct bundle_limits bundle_limits_default(void)
{
	/* One file at most what the parser reads (parse_limits_default). */
	struct bundle_limits lim = {
		.max_files = 2000,
		.max_file_bytes = 1u << 20,
		.max_total_bytes = (uint64_t)256 << 20,
		.max_manifest_bytes = 1u << 20,
	};
	return lim;
}

int bundle_sodium(char *err, size_t errsize)
{
	if (sodium_init() < 0)
		return bundle_err(err, errsize, "libsodium: cannot initialise");
	return 0;
}

void bundle_sha256(const uint8_t *data, size_t len, uint8_t out[32])
{
	crypto_hash_sha256(out, data, len);
}

bool bundle_key_name_ok(const char *name, size_t len)
{
	if (len < 1 || len >= BUNDLE_KEY_NAME_MAX)
		return false;
	for (size_t i = 0; i < len; i++) {
		char c = name[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		      (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
			return false;
	}
	return true;
}

static bool path_char_ok(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '.' || c == '_' || c == '-';
}

static bool is_reserved(const char *path, size_t len)
{
	static const char *const names[] = { BUNDLE_MANIFEST, BUNDLE_SIGNATURE, BUNDLE_REPORT };

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strlen(names[i]) == len && strncasecmp(path, names[i], len) == 0)
			return true;
	return false;
}

int bundle_path_check(const char *path, size_t len, char *err, size_t errsize)
{
	if (len == 0)
		return bundle_err(err, errsize, "empty path");
	if (len > BUNDLE_PATH_MAX)
		return bundle_err(err, errsize, "path longer than %d bytes", BUNDLE_PATH_MAX);
	if (path[0] == '/')
		return bundle_err(err, errsize, "absolute path (starts with '/')");
	for (size_t i = 0, start = 0; i <= len; i++) {
		if (i == len || path[i] == '/') {
			if (i == start)
				return bundle_err(err, errsize, "empty path component");
			if (path[start] == '.')
				return bundle_err(err, errsize,
						  i - start == 1 || (i - start == 2 && path[start + 1] == '.')
							  ? "'.' or '..' component leaves the bundle"
							  : "component starts with '.' (hidden file)");
			start = i + 1;
		} else if (!path_char_ok(path[i])) {
			unsigned char c = (unsigned char)path[i];
			if (c < 0x20 || c >= 0x7f)
				return bundle_err(err, errsize,
						  "byte 0x%02x: only A-Z a-z 0-9 . _ - and / are allowed",
						  c);
			return bundle_err(err, errsize,
					  "character '%c': only A-Z a-z 0-9 . _ - and / are allowed",
					  path[i]);
		}
	}
	if (is_reserved(path, len))
		return bundle_err(err, errsize, "%.*s is the bundle's own file", (int)len, path);
	return 0;
}

#define SIG_PREFIX "ed25519 "

int bundle_sig_parse(const char *buf, size_t len, char key_name[BUNDLE_KEY_NAME_MAX],
		     uint8_t sig[64], char *err, size_t errsize)
{
	const char *p = buf, *end = buf + len, *sp;
	size_t plen = strlen(SIG_PREFIX);

	if (len > plen + BUNDLE_KEY_NAME_MAX + 1 + 128 + 2)
		return bundle_err(err, errsize, BUNDLE_SIGNATURE ": longer than one signature line");
	if (len < plen || memcmp(p, SIG_PREFIX, plen) != 0)
		return bundle_err(err, errsize, BUNDLE_SIGNATURE ": does not start with \"ed25519 \"");
	p += plen;
	sp = memchr(p, ' ', (size_t)(end - p));
	if (!sp || !bundle_key_name_ok(p, (size_t)(sp - p)))
		return bundle_err(err, errsize,
				  BUNDLE_SIGNATURE ": key name is not 1 to %d of A-Z a-z 0-9 . _ -",
				  BUNDLE_KEY_NAME_MAX - 1);
	memcpy(key_name, p, (size_t)(sp - p));
	key_name[sp - p] = '\0';
	p = sp + 1;
	if (end - p != 129 || end[-1] != '\n')
		return bundle_err(err, errsize,
				  BUNDLE_SIGNATURE ": signature is not 128 hex digits and a line feed");
	for (size_t i = 0; i < 128; i++)
		if (!((p[i] >= '0' && p[i] <= '9') || (p[i] >= 'a' && p[i] <= 'f')))
			return bundle_err(err, errsize,
					  BUNDLE_SIGNATURE ": signature is not lower-case hex");
	sodium_hex2bin(sig, 64, p, 128, NULL, NULL, NULL);
	return 0;
}

int bundle_sig_format(const char *key_name, const uint8_t sig[64], char *buf, size_t size)
{
	char hex[129];
	int n;

	if (!bundle_key_name_ok(key_name, strlen(key_name)))
		return -1;
	sodium_bin2hex(hex, sizeof hex, sig, 64);
	n = snprintf(buf, size, SIG_PREFIX "%s %s\n", key_name, hex);
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

int bundle_sign(const uint8_t *msg, size_t len, const uint8_t sk[64], uint8_t sig[64])
{
	if (bundle_sodium(NULL, 0) < 0)
		return -1;
	return crypto_sign_detached(sig, NULL, msg, len, sk) == 0 ? 0 : -1;
}

bool bundle_verify(const uint8_t *msg, size_t len, const uint8_t sig[64], const uint8_t pk[32])
{
	if (bundle_sodium(NULL, 0) < 0)
		return false;
	return crypto_sign_verify_detached(sig, msg, len, pk) == 0;
}

const char *bundle_verdict_vi(enum bundle_verdict v)
{
	switch (v) {
	case BUNDLE_OK:
		return "Gói nội dung hợp lệ.";
	case BUNDLE_NO_SIGNATURE:
		return "Gói nội dung không có chữ ký.";
	case BUNDLE_BAD_SIGNATURE:
		return "Chữ ký của gói nội dung không hợp lệ.";
	case BUNDLE_UNTRUSTED_KEY:
		return "Gói nội dung được ký bằng một khóa không được tin cậy.";
	case BUNDLE_NO_KEYS:
		return "Bảng tin chưa tin cậy khóa ký nào. Để thêm khóa: cắm USB chỉ chứa "
		       "tệp khóa công khai BANGTIN/TÊN.pub và giữ nút Chọn 5 giây.";
	case BUNDLE_BAD_MANIFEST:
		return "Danh mục của gói nội dung bị lỗi hoặc có phiên bản không được hỗ trợ.";
	case BUNDLE_FILE_MISSING:
		return "Gói nội dung thiếu một tệp có trong danh mục.";
	case BUNDLE_FILE_EXTRA:
		return "Gói nội dung có một tệp không nằm trong danh mục.";
	case BUNDLE_FILE_MISMATCH:
		return "Một tệp của gói nội dung không khớp với danh mục (kích thước hoặc mã băm khác).";
	case BUNDLE_BAD_PATH:
		return "Gói nội dung có đường dẫn tệp không hợp lệ.";
	case BUNDLE_NOT_REGULAR:
		return "Gói nội dung chứa liên kết hoặc tệp đặc biệt, không phải tệp thông thường.";
	case BUNDLE_TOO_LARGE:
		return "Gói nội dung vượt quá giới hạn về số tệp hoặc dung lượng.";
	case BUNDLE_IO:
		return "Không đọc được gói nội dung.";
	}
	return "Gói nội dung không hợp lệ.";
}
