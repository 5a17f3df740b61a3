/* SPDX-License-Identifier: MIT */
/* ctl_show: `bangtinctl show`: one document, its metadata labelled in Vietnamese. */
#define LOG_TAG "show"
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ctl.h"
#include "log.h"
#include "store.h"

/* Labels are padded to this many code points ("Văn bản được chuyển:" + 2). */
#define SHOW_LABEL_WIDTH 22
#define SHOW_INFERRED " (suy ra)"
#define SHOW_STATED " (ghi rõ)"

/* The mark after a value: none, inferred (true converts to it), stated. */
enum { SHOW_PLAIN = 0, SHOW_MARK_INFERRED = 1, SHOW_MARK_STATED = 2 };

static void show_help(FILE *f)
{
	fputs("Usage: bangtinctl show [--db PATH] [--json] SYMBOL\n"
	      "       bangtinctl show [--db PATH] [--json] --id ID\n"
	      "\n"
	      "Print one document: its metadata labelled in Vietnamese (values taken\n"
	      "from another document are marked \"(suy ra)\"), its links to the documents\n"
	      "it forwards or that forward it, then its body. SYMBOL is a number-symbol\n"
	      "such as 516-KL/ĐUK (spacing and case are forgiven; the newest date wins)\n"
	      "or a key as stored. Exit status 1 when no document matches.\n"
	      "\n"
	      "Options:\n"
	      "  -d, --db PATH  database file (default: $BANGTIN_DB, else the built-in path)\n"
	      "  -i, --id ID    the document with this id (see list --id)\n"
	      "  -j, --json     print the document as one JSON object with every stored\n"
	      "                 field (names in bangtinctl(1)), for scripts\n"
	      "  -h, --help     show this help and exit\n",
	      f);
}

/* Stated by the clerk (front matter) wins over inferred. */
static int show_mark(const struct doc *doc, uint32_t field, bool inferred)
{
	return doc->stated & field ? SHOW_MARK_STATED : inferred ? SHOW_MARK_INFERRED : SHOW_PLAIN;
}

/* "Label:" padded, then the value (or nothing when value is NULL/""). */
static void show_field(const char *label, const char *value, int mark)
{
	char l[64];

	if (!value || !*value)
		return;
	snprintf(l, sizeof l, "%s:", label);
	ctl_pad(stdout, l, SHOW_LABEL_WIDTH);
	/* Every value printed comes from the database: escaped (ctl_safe). */
	printf("%s%s\n", ctl_safe(value), mark == SHOW_MARK_STATED ? SHOW_STATED :
					   mark == SHOW_MARK_INFERRED ? SHOW_INFERRED : "");
}

/* A list under one label: first item on the label's line, the rest below. */
static void show_items(const char *label, char *const *items, size_t n)
{
	char l[64];

	if (n == 0)
		return;
	snprintf(l, sizeof l, "%s:", label);
	for (size_t i = 0; i < n; i++) {
		ctl_pad(stdout, i == 0 ? l : "", SHOW_LABEL_WIDTH);
		printf("- %s\n", ctl_safe(items[i]));
	}
}

static void show_header(const struct store_doc *sd)
{
	const struct doc *doc = &sd->doc;
	char kind[128], date[16];

	show_field("Số", doc->number ? doc->number : "(không số)",
		   show_mark(doc, DOC_FIELD_NUMBER, doc->number_inferred));
	snprintf(kind, sizeof kind, "%s (%s)", doc->type_name ? doc->type_name : "?",
		 doc->kind ? doc->kind : "?");
	show_field("Loại", kind, show_mark(doc, DOC_FIELD_KIND, false));
	show_field("Cơ quan ban hành", doc->issuer,
		   show_mark(doc, DOC_FIELD_ISSUER, doc->issuer_inferred));
	show_field("Cơ quan cấp trên", doc->parent,
		   show_mark(doc, DOC_FIELD_PARENT, doc->parent_inferred));
	show_field("Tác giả", doc->author, false);
	if (doc->party_header)
		show_field("Tiêu đề", "ĐẢNG CỘNG SẢN VIỆT NAM", false);
	if (doc->state_header)
		show_field("Quốc hiệu", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", false);
	show_field("Nơi ban hành", doc->place, show_mark(doc, DOC_FIELD_PLACE, false));
	show_field("Ngày", doc_date_vn(doc->date, date),
		   show_mark(doc, DOC_FIELD_DATE, doc->date_inferred));
	show_field("Trích yếu", doc->subject, show_mark(doc, DOC_FIELD_SUBJECT, false));
	show_items("Kính gửi", doc->addressees, doc->naddressees);
}

static void show_signer(const struct doc *doc)
{
	const struct doc_signer *s = &doc->signer;
	const char *lines[3] = { s->authority, s->title, s->name };
	const uint32_t fields[3] = { DOC_FIELD_SIGNER_AUTHORITY, DOC_FIELD_SIGNER_TITLE,
				     DOC_FIELD_SIGNER_NAME };
	bool first = true;

	for (size_t i = 0; i < 3; i++) {
		if (!lines[i] || !*lines[i])
			continue;
		ctl_pad(stdout, first ? "Người ký:" : "", SHOW_LABEL_WIDTH);
		printf("%s%s\n", ctl_safe(lines[i]), doc->stated & fields[i] ? SHOW_STATED : "");
		first = false;
	}
	if (!first && (!s->name || !*s->name)) {
		ctl_pad(stdout, "", SHOW_LABEL_WIDTH);
		puts("(không ghi họ tên)");
	}
}

/* Số đến as read: the number, what was written when it differs, doubts. */
static char *show_received_number(const struct doc_received *r, char *buf,
				  size_t size)
{
	const char *doubt = r->number_uncertain ? "không chắc chắn" : "";

	if (!r->number)
		snprintf(buf, size, "%s (không phải số)", r->number_raw);
	else if (strcmp(r->number, r->number_raw) != 0)
		snprintf(buf, size, "%s (ghi: %s%s%s)", r->number, r->number_raw,
			 *doubt ? ", " : "", doubt);
	else
		snprintf(buf, size, "%s%s%s%s", r->number, *doubt ? " (" : "", doubt,
			 *doubt ? ")" : "");
	return buf;
}

static void show_received(const struct doc_received *r)
{
	char line[512], number[160], date[16];
	int n;

	if (!r->present)
		return;
	n = snprintf(line, sizeof line, "%s", r->by ? r->by : "(không rõ nơi nhận)");
	if (r->number_raw && *r->number_raw && n >= 0 && (size_t)n < sizeof line)
		n += snprintf(line + n, sizeof line - (size_t)n, "; Số đến: %s",
			      show_received_number(r, number, sizeof number));
	if (r->date.y && n >= 0 && (size_t)n < sizeof line)
		snprintf(line + n, sizeof line - (size_t)n, "; Ngày đến: %s",
			 doc_date_vn(r->date, date));
	show_field("Dấu đến", line, false);
}

static void show_refs(const struct doc *doc)
{
	char date[16];

	for (size_t i = 0; i < doc->nrefs; i++) {
		const struct doc_ref *ref = &doc->refs[i];
		ctl_pad(stdout, i == 0 ? "Tham chiếu:" : "", SHOW_LABEL_WIDTH);
		printf("- %s", ref->symbol ? ctl_safe(ref->symbol) : "?");
		if (ref->date.y)
			printf(" ngày %s", doc_date_vn(ref->date, date));
		if (ref->type_name || ref->issuer)
			printf(" (%s%s%s)", ctl_safe(ref->type_name),
			       ref->type_name && ref->issuer ? ", " : "", ctl_safe(ref->issuer));
		putchar('\n');
	}
}

static const char *show_link_label(enum doc_link_type type, bool outgoing)
{
	if (type == DOC_LINK_ANNOTATES)
		return outgoing ? "Về văn bản" : "Phiếu xin ý kiến";
	return outgoing ? "Văn bản được chuyển" : "Văn bản chuyển";
}

static void show_links(const struct store_link *links, size_t n, bool outgoing)
{
	char date[16], subject[128], label[64];

	for (size_t i = 0; i < n; i++) {
		const struct store_link *l = &links[i];
		snprintf(label, sizeof label, "%s:", show_link_label(l->type, outgoing));
		ctl_pad(stdout, label, SHOW_LABEL_WIDTH);
		printf("%s", l->other_number[0] ? ctl_safe(l->other_number) : "(không số)");
		if (l->other_id == 0) {
			puts(" (chưa có trong cơ sở dữ liệu)");
			continue;
		}
		ctl_shorten(l->other_subject, 60, subject, sizeof subject);
		printf(" (%s%s%s)%s%s\n", ctl_safe(l->other_kind),
		       l->other_date[0] ? ", " : "",
		       ctl_safe(doc_date_iso_to_vn(l->other_date, date)),
		       subject[0] ? " " : "", ctl_safe(subject));
		if (!outgoing)
			show_items("Ý kiến", l->instructions, l->ninstructions);
	}
}

static void show_meta(const struct store_doc *sd)
{
	char when[64] = "", window[128];
	time_t t = (time_t)sd->imported_at;
	struct tm tm;

	show_field("Nguồn", sd->source, false);
	if (sd->imported_at && localtime_r(&t, &tm))
		strftime(when, sizeof when, "%d/%m/%Y %H:%M", &tm);
	show_field("Nhập lúc", when, false);
	show_field("Khóa", sd->key, false);
	if (sd->withdrawn)
		show_field("Trạng thái", "đã thu hồi", false);
	if (sd->pinned)
		show_field("Ghim", "có", false);
	if (sd->display_from || sd->display_until) {
		snprintf(window, sizeof window, "từ %" PRId64 " đến %" PRId64
			 " (giây Unix, 0 = không giới hạn)",
			 sd->display_from, sd->display_until);
		show_field("Hiển thị", window, false);
	}
}

static void show_body(const struct doc *doc)
{
	if (doc->nblocks)
		puts("\nNội dung:");
	for (size_t i = 0; i < doc->nblocks; i++) {
		const struct doc_block *b = &doc->blocks[i];
		bool tight = b->type == DOC_BLOCK_BULLET && i > 0 &&
			     doc->blocks[i - 1].type == DOC_BLOCK_BULLET;
		if (!tight)
			putchar('\n');
		if (b->label)
			printf("%s ", ctl_safe(b->label));
		else if (b->type == DOC_BLOCK_BULLET)
			fputs("- ", stdout);
		puts(ctl_safe(b->text));
	}
}

static void show_doc(const struct store_doc *sd)
{
	const struct doc *doc = &sd->doc;

	show_header(sd);
	show_items("Ý kiến, chỉ đạo", doc->instructions, doc->ninstructions);
	show_signer(doc);
	show_items("Nơi nhận", doc->recipients, doc->nrecipients);
	show_received(&doc->received);
	show_refs(doc);
	show_links(sd->outgoing, sd->noutgoing, true);
	if (sd->noutgoing == 0 && doc->link_symbol)
		show_field(show_link_label(doc->link_type, true), doc->link_symbol, false);
	show_links(sd->incoming, sd->nincoming, false);
	show_items("Ghi chú viết tay", doc->annotations, doc->nannotations);
	show_meta(sd);
	show_body(doc);
}

int ctl_show(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "id", required_argument, NULL, 'i' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct store_doc sd = { 0 };
	const char *db = NULL, *symbol = NULL;
	char err[STORE_ERR_MAX], *end;
	int64_t id = 0;
	bool json = false;
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":d:i:jh", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'i':
			errno = 0;
			id = strtoll(optarg, &end, 10);
			if (errno || *end || id <= 0)
				return ctl_usage_error("show", "--id needs a positive number, not '%s'",
						       optarg);
			break;
		case 'j':
			json = true;
			break;
		case 'h':
			show_help(stdout);
			return CTL_EXIT_OK;
		default:
			return ctl_bad_option("show", argv, c);
		}
	}
	if (optind < argc)
		symbol = argv[optind++];
	if (optind < argc)
		return ctl_usage_error("show", "unexpected argument '%s'", argv[optind]);
	if (!symbol == !id)
		return ctl_usage_error("show", "give one SYMBOL or --id ID");

	struct store *store = ctl_store_open(db, true);
	if (!store)
		return CTL_EXIT_FAIL;
	int rc = store_get_doc(store, symbol, id, &sd, err, sizeof err);
	store_close(store);
	if (rc < 0) {
		log_error("%s", err);
		return CTL_EXIT_FAIL;
	}
	if (rc == 0) {
		if (symbol)
			log_error("no document %s in the database", symbol);
		else
			log_error("no document with id %" PRId64 " in the database", id);
		return CTL_EXIT_FAIL;
	}
	if (json) {
		ctl_json_doc(stdout, &sd);
		putchar('\n');
	} else {
		show_doc(&sd);
	}
	store_doc_free(&sd);
	return CTL_EXIT_OK;
}
