/* SPDX-License-Identifier: MIT */
/* update.c: the labels, the messages of each outcome and the report written
 * back onto the stick. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "errmsg.h"
#include "update_int.h"

/* Every refusal ends with this: the board keeps what it showed. */
#define UNCHANGED_VI "Nội dung trên bảng tin không thay đổi."

const char *update_phase_vi(enum update_phase phase)
{
	switch (phase) {
	case UPDATE_PHASE_COPY:
		return "Đang sao chép";
	case UPDATE_PHASE_VERIFY:
		return "Đang kiểm tra chữ ký";
	case UPDATE_PHASE_PARSE:
		return "Đang đọc văn bản";
	case UPDATE_PHASE_APPLY:
		return "Đang cập nhật nội dung";
	case UPDATE_PHASE_DONE:
		return "Hoàn tất";
	}
	return "";
}

const char *update_status_name(enum update_status status)
{
	switch (status) {
	case UPDATE_APPLIED:
		return "applied";
	case UPDATE_ALREADY_APPLIED:
		return "already applied";
	case UPDATE_REFUSED_BUNDLE:
		return "refused: bundle";
	case UPDATE_REFUSED_DOCUMENT:
		return "refused: document";
	case UPDATE_REFUSED_REPLAY:
		return "refused: replay";
	case UPDATE_REFUSED_SEQUENCE:
		return "refused: sequence reused";
	case UPDATE_COPY_FAILED:
		return "copy failed";
	case UPDATE_CANCELLED:
		return "cancelled";
	case UPDATE_FAILED:
		return "failed";
	}
	return "?";
}

void update_report_init(struct update_report *rep, int64_t now)
{
	memset(rep, 0, sizeof *rep);
	rep->when = now;
}

void update_report_file(struct update_report *rep, const char *path)
{
	size_t n = strcmp(path, ".") ? strlen(path) : 0;

	if (n >= sizeof rep->file)
		n = sizeof rep->file - 1;
	memcpy(rep->file, path, n);
	rep->file[n] = '\0';
}

bool update_progress(update_progress_fn progress, void *ctx, double fraction,
		     enum update_phase phase)
{
	if (!progress)
		return true;
	fraction = fraction < 0 ? 0 : fraction > 1 ? 1 : fraction;
	return progress(ctx, fraction, phase, update_phase_vi(phase));
}

static void applied_vi(struct update_report *rep)
{
	size_t o = (size_t)snprintf(rep->message_vi, sizeof rep->message_vi,
				    "Đã cập nhật nội dung: %zu văn bản mới, %zu văn bản thay thế",
				    rep->added, rep->replaced);

	if (rep->withdrawn && o < sizeof rep->message_vi)
		o += (size_t)snprintf(rep->message_vi + o, sizeof rep->message_vi - o,
				      ", %zu văn bản thu hồi", rep->withdrawn);
	if (rep->removed && o < sizeof rep->message_vi)
		o += (size_t)snprintf(rep->message_vi + o, sizeof rep->message_vi - o,
				      ", %zu văn bản gỡ bỏ", rep->removed);
	if (o < sizeof rep->message_vi)
		snprintf(rep->message_vi + o, sizeof rep->message_vi - o, ".");
}

/* The screen's sentence for the report's status. */
static void status_vi(struct update_report *rep)
{
	char *m = rep->message_vi;
	size_t n = sizeof rep->message_vi;

	switch (rep->status) {
	case UPDATE_APPLIED:
		applied_vi(rep);
		return;
	case UPDATE_ALREADY_APPLIED:
		snprintf(m, n, "Gói này đã được áp dụng.");
		return;
	case UPDATE_REFUSED_BUNDLE:
		if (*rep->file)
			snprintf(m, n, "%s Tệp: %s. " UNCHANGED_VI, bundle_verdict_vi(rep->verdict),
				 rep->file);
		else
			snprintf(m, n, "%s " UNCHANGED_VI, bundle_verdict_vi(rep->verdict));
		return;
	case UPDATE_REFUSED_DOCUMENT:
		snprintf(m, n, "Gói có văn bản không đọc được. " UNCHANGED_VI);
		return;
	case UPDATE_REFUSED_REPLAY:
		snprintf(m, n, "Gói nội dung cũ hơn gói đã áp dụng (số %" PRIu64 " < %" PRIu64
			 "). " UNCHANGED_VI, rep->sequence, rep->last_sequence);
		return;
	case UPDATE_REFUSED_SEQUENCE:
		snprintf(m, n, "Gói mang số %" PRIu64 " đã dùng cho một gói khác. " UNCHANGED_VI,
			 rep->sequence);
		return;
	case UPDATE_COPY_FAILED:
		if (*rep->file)
			snprintf(m, n, "Không đọc được tệp %s trên USB (có thể đã rút ra khi đang "
				 "sao chép). " UNCHANGED_VI, rep->file);
		else
			snprintf(m, n, "Không đọc được USB (có thể đã rút ra khi đang sao chép). "
				 UNCHANGED_VI);
		return;
	case UPDATE_CANCELLED:
		snprintf(m, n, "Đã dừng cập nhật. " UNCHANGED_VI);
		return;
	case UPDATE_FAILED:
		snprintf(m, n, "Lỗi trên thiết bị khi cập nhật. " UNCHANGED_VI);
		return;
	}
}

int update_fail(struct update_report *rep, enum update_status status,
		const char *fmt, ...)
{
	va_list ap;

	rep->status = status;
	va_start(ap, fmt);
	errmsg_vset(rep->log, sizeof rep->log, fmt, ap);
	va_end(ap);
	status_vi(rep);
	return status == UPDATE_APPLIED || status == UPDATE_ALREADY_APPLIED ? 0 : -1;
}

void update_abandoned(struct update_report *rep)
{
	char was[sizeof rep->log];

	if (rep->status != UPDATE_CANCELLED)
		return;
	memcpy(was, rep->log, sizeof was);
	snprintf(rep->log, sizeof rep->log, "abandoned, the stick made no progress (%.400s)",
		 was);
	snprintf(rep->message_vi, sizeof rep->message_vi,
		 "USB không phản hồi (đọc quá lâu) nên đã dừng cập nhật. Hãy chép gói "
		 "sang USB khác rồi cắm lại. " UNCHANGED_VI);
}

/* Appends to the report text; o stays at size once it is full. */
static void put(char *buf, size_t size, size_t *o, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void put(char *buf, size_t size, size_t *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(size > *o ? buf + *o : NULL, size > *o ? size - *o : 0, fmt, ap);
	va_end(ap);
	if (n > 0)
		*o += (size_t)n;
}

int update_report_format(const struct update_report *rep, char *buf, size_t size)
{
	time_t t = (time_t)rep->when;
	char when[32] = "?";
	struct tm tm;
	size_t o = 0;

	if (localtime_r(&t, &tm))
		strftime(when, sizeof when, "%d/%m/%Y %H:%M", &tm);
	if (size)
		buf[0] = '\0';
	put(buf, size, &o, "BẢNG TIN - KẾT QUẢ CẬP NHẬT NỘI DUNG\r\n");
	put(buf, size, &o, "Thời gian: %s\r\n", when);
	put(buf, size, &o, "Kết quả: %s\r\n", rep->message_vi);
	if (rep->key_name[0])
		put(buf, size, &o, "Gói: khóa %s, số %" PRIu64 ", %s\r\n", rep->key_name,
		    rep->sequence, rep->mode == BUNDLE_REPLACE ? "thay toàn bộ nội dung" :
		    "bổ sung vào nội dung");
	if (rep->status == UPDATE_APPLIED)
		put(buf, size, &o, "Văn bản: %zu trong gói, %zu mới, %zu thay thế, "
		    "%zu không đổi, %zu thu hồi, %zu gỡ bỏ\r\n", rep->ndocs, rep->added,
		    rep->replaced, rep->unchanged, rep->withdrawn, rep->removed);
	put(buf, size, &o, "Chi tiết (English): %s: %s\r\n", update_status_name(rep->status),
	    rep->log);
	return (int)o;
}
