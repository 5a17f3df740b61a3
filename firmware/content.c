/* SPDX-License-Identifier: MIT */
/* content.c: the screens' lists, documents, info rows and ticker, read from the store. */
#define LOG_TAG "content"
#include "content.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <utf8proc.h>

#include "log.h"

#ifndef BANGTIN_VERSION
#define BANGTIN_VERSION "?"
#endif

/* raw[] slots: the carousel, then the full list's three groups in order. */
enum { RAW_CAROUSEL = 0, RAW_CONCL, RAW_DIRECT, RAW_NOTICE, RAW_COUNT };

struct content_slot {
	bool used;
	uint64_t stamp; /* last use, for least-recently-used reuse */
	struct store_doc sd;
	char *note;
	struct content_doc view;
};

struct content {
	struct store *st;
	struct store_list raw[RAW_COUNT];
	struct content_entry *lists[2];
	size_t n[2];
	const char **ticker;
	size_t nticker;
	struct content_slot cache[CONTENT_CACHE_SIZE];
	uint64_t clock; /* use counter of the cache */
	int new_days;
	char headings[RAW_COUNT][128]; /* each group's heading, by its kinds */
};

const char *content_group_heading(enum doc_group g)
{
	switch (g) {
	case DOC_GROUP_CONCLUSION:
		return "Kết luận";
	case DOC_GROUP_DIRECTIVE:
		return "Văn bản chỉ đạo, hướng dẫn";
	case DOC_GROUP_NOTICE:
		return "Thông báo, công văn";
	case DOC_GROUP_OTHER:
		break;
	}
	return NULL;
}

struct content *content_new(struct store *st)
{
	struct content *c = calloc(1, sizeof *c);

	if (c) {
		c->st = st;
		c->new_days = CONTENT_NEW_DAYS;
	}
	return c;
}

void content_set_new_days(struct content *c, int days)
{
	c->new_days = days > 0 ? days : 0;
}

static void content_forget_docs(struct content *c)
{
	for (size_t i = 0; i < CONTENT_CACHE_SIZE; i++) {
		struct content_slot *s = &c->cache[i];
		if (!s->used)
			continue;
		store_doc_free(&s->sd);
		free(s->note);
		memset(s, 0, sizeof *s);
	}
}

static void content_clear(struct content *c)
{
	content_forget_docs(c);
	for (size_t i = 0; i < RAW_COUNT; i++)
		store_list_free(&c->raw[i]);
	for (size_t i = 0; i < 2; i++) {
		free(c->lists[i]);
		c->lists[i] = NULL;
		c->n[i] = 0;
	}
	free(c->ticker);
	c->ticker = NULL;
	c->nticker = 0;
}

void content_free(struct content *c)
{
	if (!c)
		return;
	content_clear(c);
	free(c);
}

static void content_lower(const char *s, char *buf, size_t size);

/* Whether s came with the latest arrival less than the new days before now
 * (an arrival dated after now, a clock set back, counts as fresh). */
static bool content_fresh(const struct content *c, const struct store_entry *s, int64_t now)
{
	return c->new_days > 0 && s->arrived > 0 &&
	       now - s->arrived < (int64_t)c->new_days * 86400;
}

/* The group's heading from the kinds it holds, in list order: "Chỉ thị,
 * hướng dẫn". More than three kinds take the general name. The
 * conclusions are "Kết luận" whatever they are titled. */
static const char *content_name_group(struct content *c, int r, enum doc_group g)
{
	const struct store_list *l = &c->raw[r];
	char names[3][96], *out = c->headings[r];
	size_t n = 0, o = 0;

	if (g == DOC_GROUP_CONCLUSION)
		return content_group_heading(g);
	for (size_t i = 0; i < l->n; i++) {
		const char *k = l->items[i].type_name ? l->items[i].type_name : l->items[i].kind;
		const char *name = doc_kind_name(l->items[i].kind);
		char low[96];
		size_t j;

		content_lower(name ? name : k, low, sizeof low);
		for (j = 0; j < n && strcmp(names[j], low) != 0; j++)
			continue;
		if (j < n)
			continue;
		if (n == 3)
			return content_group_heading(g);
		snprintf(names[n++], sizeof names[0], "%s", low);
	}
	for (size_t j = 0; j < n; j++)
		o += (size_t)snprintf(out + o, o < sizeof c->headings[r] ? sizeof c->headings[r] - o : 0,
				      "%s%s", j ? ", " : "", names[j]);
	if (n == 0)
		return content_group_heading(g);
	/* sentence case: the first letter up ("chỉ thị" -> "Chỉ thị") */
	utf8proc_int32_t cp;
	utf8proc_ssize_t len = utf8proc_iterate((const utf8proc_uint8_t *)out, -1, &cp);
	if (len > 0) {
		utf8proc_uint8_t up[4];
		utf8proc_ssize_t ulen = utf8proc_encode_char(utf8proc_toupper(cp), up);

		if (ulen == len)
			memcpy(out, up, (size_t)len);
	}
	return out;
}

static void content_fill_entry(struct content_entry *e, const struct store_entry *s,
			       const char *heading)
{
	e->id = s->id;
	e->group = s->group;
	e->heading = heading;
	e->number = s->number;
	doc_date_iso_to_vn(s->date, e->date);
	e->kind = s->type_name ? s->type_name : s->kind;
	e->subject = s->subject ? s->subject : "";
	e->pinned = s->pinned;
}

/* Builds the entry arrays and the ticker from the raw store lists. */
static int content_build(struct content *c, int64_t now)
{
	size_t nfull = c->raw[RAW_CONCL].n + c->raw[RAW_DIRECT].n + c->raw[RAW_NOTICE].n;
	size_t k = 0;

	c->lists[CONTENT_CAROUSEL] = calloc(c->raw[RAW_CAROUSEL].n + 1, sizeof(struct content_entry));
	c->lists[CONTENT_LIST] = calloc(nfull + 1, sizeof(struct content_entry));
	c->ticker = calloc(c->raw[RAW_NOTICE].n + 1, sizeof(char *));
	if (!c->lists[0] || !c->lists[1] || !c->ticker)
		return -1;
	for (size_t i = 0; i < c->raw[RAW_CAROUSEL].n; i++)
		content_fill_entry(&c->lists[0][i], &c->raw[RAW_CAROUSEL].items[i], NULL);
	c->n[CONTENT_CAROUSEL] = c->raw[RAW_CAROUSEL].n;
	for (int r = RAW_CONCL; r <= RAW_NOTICE; r++) {
		static const enum doc_group groups[] = { DOC_GROUP_OTHER, DOC_GROUP_CONCLUSION,
							 DOC_GROUP_DIRECTIVE, DOC_GROUP_NOTICE };
		const char *heading = content_name_group(c, r, groups[r]);
		size_t first = k;

		/* the fresh first, then the rest, each in the store's order */
		for (int pass = 0; pass < 2; pass++)
			for (size_t i = 0; i < c->raw[r].n; i++) {
				const struct store_entry *s = &c->raw[r].items[i];
				bool fresh = content_fresh(c, s, now);

				if (fresh != (pass == 0))
					continue;
				content_fill_entry(&c->lists[1][k], s, k == first ? heading : NULL);
				c->lists[1][k++].fresh = fresh;
			}
	}
	c->n[CONTENT_LIST] = k;
	for (size_t i = 0; i < c->raw[RAW_NOTICE].n; i++) {
		const char *s = c->raw[RAW_NOTICE].items[i].subject;
		if (s && *s)
			c->ticker[c->nticker++] = s;
	}
	return 0;
}

int content_load(struct content *c, int64_t now, size_t carousel_count, char *err,
		 size_t errsize)
{
	content_clear(c);
	if (carousel_count == 0)
		carousel_count = 1;
	if (store_latest_conclusions(c->st, now, carousel_count, &c->raw[RAW_CAROUSEL], err,
				     errsize) != 0 ||
	    store_latest_conclusions(c->st, now, 0, &c->raw[RAW_CONCL], err, errsize) != 0 ||
	    store_current_directives(c->st, now, 0, &c->raw[RAW_DIRECT], err, errsize) != 0 ||
	    store_current_notices(c->st, now, 0, &c->raw[RAW_NOTICE], err, errsize) != 0)
		goto err;
	/* Damaged rows are left out of the lists; the rest is shown. */
	for (size_t r = RAW_CONCL; r <= RAW_NOTICE; r++)
		if (c->raw[r].damaged)
			log_warning("%zu damaged document row%s not shown, the first: %s",
				    c->raw[r].damaged, c->raw[r].damaged == 1 ? "" : "s",
				    c->raw[r].damaged_why);
	if (content_build(c, now) != 0) {
		snprintf(err, errsize, "content: out of memory");
		goto err;
	}
	return 0;
err:
	content_clear(c);
	return -1;
}

size_t content_count(const struct content *c, enum content_which which)
{
	return which == CONTENT_CAROUSEL || which == CONTENT_LIST ? c->n[which] : 0;
}

const struct content_entry *content_entry(const struct content *c, enum content_which which,
					  size_t i)
{
	if (i >= content_count(c, which))
		return NULL;
	return &c->lists[which][i];
}

size_t content_find(const struct content *c, enum content_which which, int64_t id)
{
	for (size_t i = 0; i < content_count(c, which); i++)
		if (c->lists[which][i].id == id)
			return i;
	return SIZE_MAX;
}

const char *const *content_ticker(const struct content *c, size_t *n)
{
	*n = c->nticker;
	return c->ticker;
}

const struct content_doc *content_doc(struct content *c, int64_t id, char *err,
				      size_t errsize)
{
	struct content_slot *slot = NULL;
	int rc;

	for (size_t i = 0; i < CONTENT_CACHE_SIZE; i++) {
		struct content_slot *s = &c->cache[i];
		if (s->used && s->sd.id == id) {
			s->stamp = ++c->clock;
			return &s->view;
		}
	}
	/* A free slot, else the least recently used one. */
	for (size_t i = 0; i < CONTENT_CACHE_SIZE; i++) {
		struct content_slot *s = &c->cache[i];
		if (!slot || !s->used || s->stamp < slot->stamp)
			slot = s;
		if (!s->used)
			break;
	}
	if (slot->used) {
		store_doc_free(&slot->sd);
		free(slot->note);
		memset(slot, 0, sizeof *slot);
	}
	rc = store_get_doc(c->st, NULL, id, &slot->sd, err, errsize);
	if (rc <= 0) {
		if (rc == 0)
			snprintf(err, errsize, "document %lld is not in the store", (long long)id);
		return NULL;
	}
	slot->used = true;
	slot->stamp = ++c->clock;
	slot->note = content_note(c->st, &slot->sd);
	slot->view = (struct content_doc){ id, &slot->sd.doc, slot->note };
	return &slot->view;
}

/* Lower case of s into buf ("Kết luận" -> "kết luận"). */
static void content_lower(const char *s, char *buf, size_t size)
{
	utf8proc_uint8_t *low = NULL;

	if (utf8proc_map((const utf8proc_uint8_t *)s, 0, &low,
			 UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
				 UTF8PROC_CASEFOLD) < 0)
		low = NULL;
	snprintf(buf, size, "%s", low ? (const char *)low : s);
	free(low);
}

/* "9: 4 kết luận, 3 công văn, ..." from the counts by kind. */
static void content_counts(struct content *c, int64_t now, char *buf, size_t size)
{
	struct store_count *counts = NULL;
	size_t n = 0, len;
	int64_t total = 0;
	char err[STORE_ERR_MAX];

	if (store_count_by_kind(c->st, now, &counts, &n, err, sizeof err) != 0) {
		log_warning("info: %s", err);
		snprintf(buf, size, "không rõ");
		return;
	}
	for (size_t i = 0; i < n; i++)
		total += counts[i].count;
	snprintf(buf, size, "%lld", (long long)total);
	for (size_t i = 0; i < n; i++) {
		const char *name = doc_kind_name(counts[i].kind);
		char lower[96];
		content_lower(name ? name : counts[i].kind, lower, sizeof lower);
		len = strlen(buf);
		snprintf(buf + len, size - len, "%s%lld %s", i ? ", " : ": ",
			 (long long)counts[i].count, lower);
	}
	free(counts);
}

char *content_time_vn(int64_t t, char *buf, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (!localtime_r(&tt, &tm) || !strftime(buf, size, "%d/%m/%Y %H:%M", &tm))
		snprintf(buf, size, "không rõ");
	return buf;
}

/* The last update: "23/11/2026 10:22", from Unix seconds in the meta. */
static void content_updated(struct content *c, char *buf, size_t size)
{
	char *v, *end = NULL, err[STORE_ERR_MAX];
	int rc = store_meta_get(c->st, STORE_META_UPDATED, &v, err, sizeof err);
	long long t = v ? strtoll(v, &end, 10) : 0;

	if (rc < 0) {
		log_warning("%s", err);
		snprintf(buf, size, "không rõ");
	} else if (!v || end == v || *end)
		snprintf(buf, size, "chưa có");
	else
		content_time_vn((int64_t)t, buf, size);
	free(v);
}

static void content_row(struct content_info_row *r, const char *label, const char *value)
{
	snprintf(r->label, sizeof r->label, "%s", label);
	snprintf(r->value, sizeof r->value, "%s", value);
}

/* A row holding a meta value: "chưa có" when unset, "không rõ" when it
 * cannot be read (logged). */
static void content_meta_row(struct content *c, struct content_info_row *r, const char *label,
			     const char *key)
{
	char *v, err[STORE_ERR_MAX];
	int rc = store_meta_get(c->st, key, &v, err, sizeof err);

	if (rc < 0)
		log_warning("%s", err);
	content_row(r, label, rc < 0 ? "không rõ" : v ? v : "chưa có");
	free(v);
}

size_t content_info(struct content *c, int64_t now, int64_t uptime_s,
		    struct content_info_row *rows, size_t max)
{
	struct content_info_row all[6];
	char buf[256];
	size_t n = 0;

	content_row(&all[n++], "Phiên bản phần mềm", BANGTIN_VERSION);
	content_meta_row(c, &all[n++], "Phiên bản nội dung", STORE_META_VERSION);
	content_updated(c, buf, sizeof buf);
	content_row(&all[n++], "Cập nhật lần cuối", buf);
	content_meta_row(c, &all[n++], CONTENT_INFO_RESULT, STORE_META_RESULT);
	content_counts(c, now, buf, sizeof buf);
	content_row(&all[n++], "Số văn bản", buf);
	content_row(&all[n++], "Thời gian hoạt động", content_duration_vn(uptime_s, buf, sizeof buf));
	if (n > max)
		n = max;
	memcpy(rows, all, n * sizeof *rows);
	return n;
}
