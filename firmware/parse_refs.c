/* SPDX-License-Identifier: MIT */
/* parse_refs.c: references to other documents inside a text ("Quy định số
 * 215-QĐ/TW ngày 05/12/2013 của Ban Bí thư"), and the table of issuing
 * bodies behind the codes after a symbol's slash. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "norm.h"
#include "parse_int.h"

static const struct org {
	const char *code, *issuer, *parent;
} orgs[] = {
	{ "ĐUK", "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TRUNG ƯƠNG", NULL },
	{ "TW", "BAN CHẤP HÀNH TRUNG ƯƠNG", NULL },
	{ "TƯ", "BAN CHẤP HÀNH TRUNG ƯƠNG", NULL },
	{ "VPTW", "VĂN PHÒNG TRUNG ƯƠNG ĐẢNG", "BAN CHẤP HÀNH TRUNG ƯƠNG" },
	{ "BTCTW", "BAN TỔ CHỨC TRUNG ƯƠNG", "BAN CHẤP HÀNH TRUNG ƯƠNG" },
	{ "BTGTW", "BAN TUYÊN GIÁO TRUNG ƯƠNG", "BAN CHẤP HÀNH TRUNG ƯƠNG" },
	{ "BTGDVTW", "BAN TUYÊN GIÁO VÀ DÂN VẬN TRUNG ƯƠNG", "BAN CHẤP HÀNH TRUNG ƯƠNG" },
	{ "UBKTTW", "ỦY BAN KIỂM TRA TRUNG ƯƠNG", "BAN CHẤP HÀNH TRUNG ƯƠNG" },
	{ "BDVTW", "BAN DÂN VẬN TRUNG ƯƠNG", "BAN CHẤP HÀNH TRUNG ƯƠNG" },
	{ "BKTTW", "BAN KINH TẾ TRUNG ƯƠNG", "BAN CHẤP HÀNH TRUNG ƯƠNG" },
	{ "BNCTW", "BAN NỘI CHÍNH TRUNG ƯƠNG", "BAN CHẤP HÀNH TRUNG ƯƠNG" },
	{ "BĐNTW", "BAN ĐỐI NGOẠI TRUNG ƯƠNG", "BAN CHẤP HÀNH TRUNG ƯƠNG" },
};

bool parse_refs_org(const char *org, const char **issuer, const char **parent)
{
	for (size_t i = 0; org && i < sizeof orgs / sizeof orgs[0]; i++) {
		if (strcmp(orgs[i].code, org) == 0) {
			*issuer = orgs[i].issuer;
			*parent = orgs[i].parent;
			return true;
		}
	}
	return false;
}

/* The type words a reference may carry, longest first so "Quy định" is not
 * taken for a shorter word. */
static const char *const type_words[] = {
	"Quyết định", "Quy định", "Nghị quyết", "Nghị định", "Chỉ thị", "Kết luận",
	"Hướng dẫn", "Thông báo", "Thông tri", "Thông tư", "Kế hoạch", "Công văn",
	"Báo cáo", "Quy chế", "Chương trình", "Đề án", "Tờ trình", "Quy hoạch", NULL,
};

/* Finds the type word right before the symbol: "Quy định số ", "Nghị quyết ". */
static char *type_before(const char *text, size_t at)
{
	size_t end = at;
	char *prefix, *f, *result = NULL;

	while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == ','))
		end--;
	/* Skip "số" (or "so" without marks). */
	if (end >= strlen("số") && strncmp(text + end - strlen("số"), "số", strlen("số")) == 0)
		end -= strlen("số");
	else if (end >= 2 && strncmp(text + end - 2, "so", 2) == 0)
		end -= 2;
	while (end > 0 && text[end - 1] == ' ')
		end--;
	size_t start = end > 40 ? end - 40 : 0;
	while (start > 0 && (text[start] & 0xC0) == 0x80)
		start++;
	prefix = strndup(text + start, end - start);
	f = prefix ? norm_fold(prefix) : NULL;
	for (const char *const *w = type_words; f && *w && !result; w++) {
		char *wf = norm_fold(*w);
		size_t fl = strlen(f), wl = wf ? strlen(wf) : 0;
		if (wf && fl >= wl && strcmp(f + fl - wl, wf) == 0 &&
		    (fl == wl || f[fl - wl - 1] == ' ' || f[fl - wl - 1] == '('))
			result = strdup(*w);
		free(wf);
	}
	free(prefix);
	free(f);
	return result;
}

/* "của Ban Bí thư về ..." -> "Ban Bí thư". */
static char *issuer_after(const char *s)
{
	static const char *const stops[] = { " về ", " về“", ",", ";", "“", "\"", "(", ".",
					     " ngày ", " ban hành", " đã ", NULL };
	size_t end;

	while (*s == ' ' || *s == ',')
		s++;
	if (strncmp(s, "của ", strlen("của ")) != 0)
		return NULL;
	s += strlen("của ");
	/* A body's name is short: the stops are looked for in a window, so a
	 * paragraph of many references stays linear. */
	end = strnlen(s, 160);
	char *win = strndup(s, end);
	if (!win)
		return NULL;
	for (const char *const *st = stops; *st; st++) {
		const char *p = strstr(win, *st);
		if (p && (size_t)(p - win) < end)
			end = (size_t)(p - win);
	}
	free(win);
	while (end && s[end - 1] == ' ')
		end--;
	if (end == 0 || end > 120)
		return NULL;
	return strndup(s, end);
}

/* The date of a reference written "Ngày 18/01/2023, X ban hành Kết luận số
 * 516-KL/ĐUK": the sentence opens with the date and says "ban hành". */
static struct doc_date sentence_date(const char *text, size_t at)
{
	size_t start = at;
	struct doc_date d = { 0, 0, 0 };

	/* The date opens the sentence within a few words: looking further
	 * back would make a long paragraph quadratic. */
	size_t floor = at > 400 ? at - 400 : 0;
	while (start > floor && !(text[start - 1] == '.' && start < at && text[start] == ' '))
		start--;
	if (start == floor && floor > 0)
		return d;
	while (text[start] == ' ')
		start++;
	char *sentence = strndup(text + start, at - start);
	if (sentence && norm_starts_with_fold(sentence, "ngay")) {
		size_t n = parse_lex_date(sentence, &d);
		char *f = norm_fold(sentence);
		if (!n || !f || !strstr(f, "ban hanh"))
			d = (struct doc_date){ 0, 0, 0 };
		free(f);
	}
	free(sentence);
	return d;
}

static uint32_t hash_str(const char *s)
{
	uint32_t h = 2166136261u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

/* Puts ref i of doc in the index; the table is kept at most half full. */
static int index_put(struct parse_refs_index *ix, const struct doc *doc, size_t i)
{
	if (2 * (ix->n + 1) > ix->cap) {
		size_t cap = ix->cap ? ix->cap * 2 : 64;
		size_t *slot = calloc(cap, sizeof *slot);
		if (!slot)
			return -1;
		free(ix->slot);
		ix->slot = slot;
		ix->cap = cap;
		ix->n = 0;
		for (size_t k = 0; k < i; k++)
			index_put(ix, doc, k);
	}
	size_t h = hash_str(doc->refs[i].symbol) & (ix->cap - 1);
	while (ix->slot[h])
		h = (h + 1) & (ix->cap - 1);
	ix->slot[h] = i + 1;
	ix->n++;
	return 0;
}

static struct doc_ref *ref_find(struct parse_refs_index *ix, struct doc *doc, const char *symbol)
{
	if (!ix->cap)
		return NULL;
	for (size_t h = hash_str(symbol) & (ix->cap - 1); ix->slot[h]; h = (h + 1) & (ix->cap - 1))
		if (strcmp(doc->refs[ix->slot[h] - 1].symbol, symbol) == 0)
			return &doc->refs[ix->slot[h] - 1];
	return NULL;
}

void parse_refs_index_free(struct parse_refs_index *ix)
{
	free(ix->slot);
	memset(ix, 0, sizeof *ix);
}

static int ref_add(struct doc *doc, const char *symbol, int line, struct doc_ref **out)
{
	struct doc_ref *v = realloc(doc->refs, (doc->nrefs + 1) * sizeof *v);

	if (!v)
		return -1;
	doc->refs = v;
	*out = &v[doc->nrefs];
	memset(*out, 0, sizeof **out);
	(*out)->symbol = strdup(symbol);
	(*out)->line = line;
	if (!(*out)->symbol)
		return -1;
	doc->nrefs++;
	return 0;
}

static int line_at_offset(const struct parse_line_map *map, size_t off, int line)
{
	for (size_t i = 0; map && i < map->n; i++)
		if (map->off[i] <= off)
			line = map->line[i];
	return line;
}

int parse_refs_scan(struct doc *doc, struct parse_refs_index *ix, const char *text,
	       const struct parse_line_map *map, int line)
{
	char sym[96], type[32], org[64];

	/* References the caller added itself join the index first. */
	while (ix->n < doc->nrefs)
		if (index_put(ix, doc, ix->n) < 0)
			return -1;

	for (size_t i = 0; text[i]; i++) {
		if (text[i] < '0' || text[i] > '9' || (i > 0 && ((text[i - 1] >= '0' && text[i - 1] <= '9') ||
							       text[i - 1] == '/' || text[i - 1] == '-')))
			continue;
		size_t n = parse_lex_symbol(text + i, sym, sizeof sym, type, sizeof type, org, sizeof org);
		if (!n || !type[0])
			continue; /* state công văn numbers in running text are too ambiguous */
		if (doc->number && strcmp(doc->number, sym) == 0) {
			i += n - 1;
			continue;
		}
		struct doc_ref *r = ref_find(ix, doc, sym);
		if (!r && (ref_add(doc, sym, line_at_offset(map, i, line), &r) < 0 ||
			   index_put(ix, doc, doc->nrefs - 1) < 0))
			return -1;
		const char *after = text + i + n;
		while (*after == ' ' || *after == ',')
			after++;
		struct doc_date d = { 0, 0, 0 };
		size_t dn = 0;
		if (norm_starts_with_fold(after, "ngay"))
			dn = parse_lex_date(after, &d);
		if (!dn)
			d = sentence_date(text, i);
		if (!r->date.y && d.y)
			r->date = d;
		if (!r->type_name)
			r->type_name = type_before(text, i);
		if (!r->issuer)
			r->issuer = issuer_after(after + dn);
		i += n - 1;
	}
	return 0;
}
