/* SPDX-License-Identifier: MIT */
/*
 * store: the kiosk's content in one SQLite file (WAL, foreign keys on,
 * PRAGMA user_version migrations; schema in data/migrations/). It owns the
 * database handle; it stores and returns struct doc values and never parses
 * source text or draws. Every content change is one transaction.
 */
#ifndef BANGTIN_STORE_H
#define BANGTIN_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "doc.h"

struct store;

/* Error buffers handed to store functions are at least this long. */
#define STORE_ERR_MAX 512

/* Schema version this build writes; store_open() migrates older files.
 * Equals the number of files in data/migrations/ (checked at open). */
#define STORE_SCHEMA_VERSION 4

/*
 * Opens (creating if needed) the database at path and migrates it to
 * STORE_SCHEMA_VERSION. Returns NULL and writes a message naming the path
 * into err on failure (unreadable file, newer schema, not a database).
 * The caller closes it with store_close().
 */
struct store *store_open(const char *path, char *err, size_t errsize);

/*
 * Opens the database at path for reading only (SQLITE_OPEN_READONLY):
 * listing and showing never write, so a read-only file or file system is
 * fine. A file that does not exist yet or has an older schema is first
 * created or migrated through store_open() when its place allows writing;
 * otherwise that is the error. Returns NULL with err naming the path on
 * failure. Writes through the handle fail ("attempt to write a readonly
 * database"); the caller closes it with store_close().
 */
struct store *store_open_read(const char *path, char *err, size_t errsize);

/* Closes the database; NULL is fine. */
void store_close(struct store *st);

/*
 * Runs PRAGMA quick_check. Returns 0 when the database is sound; 1 when it
 * is damaged, with "<path>: damaged (quick_check: <first problem>)" in err;
 * -1 when the check itself fails (err says why: a damaged file often
 * cannot even be checked). Imports and updates run it inside their
 * transaction and write nothing into a damaged database.
 */
int store_quick_check(struct store *st, char *err, size_t errsize);

/*
 * For tests: like store_open() but migrates only up to schema version
 * `version` (0 .. STORE_SCHEMA_VERSION), so a test can build a database as an
 * older build left it. Queries and imports need the full schema; use the
 * handle only to close it, or write rows with the sqlite3 API yourself.
 */
struct store *store_open_at_version(const char *path, int version, char *err,
				    size_t errsize);

/*
 * For tests (fault injection): the nth SQLite step or exec from now on (1 =
 * the next one) fails as if the disk had failed; 0 turns injection off. Lets
 * a test prove that a failing import at any point leaves the database as it
 * was.
 */
void store_inject_fault(struct store *st, int nth);

/* Meta keys every content change writes inside its own transaction
 * (store_import(), store_update()) and the kiosk reads: the version it
 * reloads on, the time and the result the Info screen shows. */
#define STORE_META_VERSION "content_version"   /* a counter, "1", "2", ... */
#define STORE_META_UPDATED "last_update"       /* Unix seconds of the last change */
#define STORE_META_RESULT "last_update_result" /* "Thành công: 9 văn bản, 9 thay đổi" */

/* What one import did to one document. */
enum store_action {
	STORE_ADDED = 1,
	STORE_UPDATED = 2,   /* same identity, content changed */
	STORE_UNCHANGED = 3, /* same identity, same content */
};

/* A batch of documents to import, each with the source it came from. */
struct store_item {
	const struct doc *doc;
	const char *source; /* file name for messages and provenance */
};

/*
 * Imports n documents in ONE transaction: either all are stored (added or
 * updated by identity, see doc_key()) or none is. Links (forwards/annotates)
 * are resolved by symbol within the database after the batch is written.
 * actions, when not NULL, receives one enum store_action per item.
 * now is the import time (Unix seconds) recorded on each row.
 * A document whose content hash (every field; not the source path) is
 * unchanged is not written at all; an updated one keeps its id, its imported_at and
 * the operator's withdrawn/pinned/display settings, and its blocks, refs
 * and lists are replaced. Documents are refused (whole batch) without a
 * kind, with an invalid date, a link without a symbol, or spans that
 * doc_spans_parse() would not read back.
 * In the same transaction it records the change (STORE_META_*): the version
 * bumped, the time now, and the result "Thành công: N văn bản, M thay đổi",
 * when a document was added or updated (or no version was set); an import
 * that changes nothing writes nothing at all.
 * A batch that adds or changes at least one document is one arrival: those
 * documents are the latest arrival's (store_entry.arrived) until the next
 * batch that adds or changes one; a batch of unchanged documents leaves the
 * latest arrival as it was.
 * Returns 0, or -1 with err naming the source, document and field at fault;
 * the database is then exactly as before the call.
 */
int store_import(struct store *st, const struct store_item *items, size_t n,
		 int64_t now, enum store_action *actions, char *err, size_t errsize);

/* Display settings for one document named by its symbol or key (matched as
 * in store_set_display()). */
struct store_display {
	const char *symbol;
	int64_t from, until; /* Unix seconds, 0 = open */
	bool pinned;
};

/* What store_update() did. */
struct store_update_counts {
	size_t added, updated, unchanged; /* per item, as store_import() */
	size_t withdrawn;                 /* withdraw symbols that matched a row */
	size_t removed;                   /* rows deleted by a replace */
	size_t display_unmatched;         /* display entries matching no row */
	const char *first_unmatched;      /* the first one's symbol, or NULL */
};

/* A whole content update (a bundle) for store_update(). Pointers are
 * borrowed for the call. */
struct store_update {
	const struct store_item *items;
	size_t n;
	/* true: every stored document not among items is deleted, and the
	 * items lose withdrawal, pin and window; false (merge): the items are
	 * made not withdrawn and everything else is left alone. */
	bool replace;
	const char *const *withdraw; /* symbols or keys; unmatched is fine */
	size_t nwithdraw;
	const struct store_display *display; /* unmatched: counted, see after() */
	size_t ndisplay;
	/* Run inside the transaction (the write lock held), before anything is
	 * written: may read meta with store_meta_get(). Returns 0 to go on, 1 to
	 * stop without writing, -1 to fail with err. May be NULL. */
	int (*before)(struct store *st, void *ctx, char *err, size_t errsize);
	/* Run inside the transaction after every write, before the commit: may
	 * read and set meta (store_meta_get/set) knowing the counts. Returns 0 or
	 * -1 with err (the whole update is then rolled back). May be NULL. */
	int (*after)(struct store *st, const struct store_update_counts *counts,
		     void *ctx, char *err, size_t errsize);
	/* Called after each item written (done of total); false stops the
	 * update and rolls it back. May be NULL. */
	bool (*progress)(void *ctx, size_t done, size_t total);
	void *ctx;
	/* Where the update came from, for STORE_META_RESULT: "USB, gói số 42"
	 * gives "Thành công (USB, gói số 42): 1 mới, 0 thay thế, 0 thu hồi". */
	const char *origin;
};

/*
 * Applies a whole update in ONE transaction (BEGIN IMMEDIATE): before(),
 * the items imported exactly as store_import() does (same checks, same
 * identity and content-hash rules), the replace or merge rule above, the
 * withdrawals (store_set_withdrawn()), the display settings
 * (store_set_display()), after(), the record of the change (STORE_META_*:
 * the version bumped when anything was added, updated, withdrawn, removed
 * or given a display setting, or none was set; the time now; the result
 * from origin and the counts), COMMIT. actions (may be NULL) receives
 * one enum store_action per item; counts (may be NULL) is zeroed first.
 * Returns 0 when committed; 1 when before() or progress() stopped it; -1
 * with err on any failure. Unless it returns 0 the database is exactly as
 * before the call.
 */
int store_update(struct store *st, const struct store_update *up, int64_t now,
		 enum store_action *actions, struct store_update_counts *counts,
		 char *err, size_t errsize);

/* Marks the document with this symbol (or key) withdrawn / not withdrawn.
 * Returns 1 if a row changed, 0 if none matched, -1 on error. */
int store_set_withdrawn(struct store *st, const char *symbol, bool withdrawn,
			char *err, size_t errsize);

/* Sets the display window (Unix seconds, 0 = open; shown when from <= now <
 * until) and pin of a document; an empty window (until <= from) is refused.
 * The symbol is matched as in store_get_doc().
 * Returns 1 if a row changed, 0 if none matched, -1 on error. */
int store_set_display(struct store *st, const char *symbol, int64_t from,
		      int64_t until, bool pinned, char *err, size_t errsize);

/* One row of a listing: enough to draw a list line. */
struct store_entry {
	int64_t id;
	char key[160];
	char number[64];   /* "" when none */
	char kind[16];
	char date[11];     /* "YYYY-MM-DD" or "" */
	bool pinned;
	bool withdrawn;
	enum doc_group group;
	char *subject;     /* owned by the list; "" when none */
	char *type_name;   /* owned by the list; from the kind table when none */
	char *issuer;      /* owned by the list; may be NULL */
	int64_t arrived;   /* Unix seconds of the latest arrival (see
			    * store_import()) when this document came with
			    * it, else 0 */
};

struct store_list {
	struct store_entry *items;
	size_t n;
	/* Rows left out because a value in them is damaged (NULL where the
	 * schema forbids it, of the wrong type, out of bounds); the first one
	 * is named in damaged_why ("documents row 7: field kind: NULL"). */
	size_t damaged;
	char damaged_why[160];
};

void store_list_free(struct store_list *list);

/* Listing filters. A zero-initialised filter lists everything visible. */
struct store_filter {
	const char *kind;        /* exact type code, or NULL */
	enum doc_group group;    /* DOC_GROUP_OTHER (0) = any group */
	bool include_hidden;     /* also withdrawn and out-of-window rows */
	int64_t now;             /* for the display window; 0 = ignore windows */
	size_t limit;            /* 0 = no limit */
};

/*
 * Lists documents, pinned first, then newest date first, then number.
 * Withdrawn rows and rows outside their display window at filter->now are
 * left out unless include_hidden. Returns 0 or -1 with err.
 */
int store_list_docs(struct store *st, const struct store_filter *filter,
		    struct store_list *out, char *err, size_t errsize);

/* The screens' queries: visible conclusions (KL, TB whose subject is a
 * conclusion), directives, notices, newest first, pinned first. */
int store_latest_conclusions(struct store *st, int64_t now, size_t limit,
			     struct store_list *out, char *err, size_t errsize);
int store_current_directives(struct store *st, int64_t now, size_t limit,
			     struct store_list *out, char *err, size_t errsize);
int store_current_notices(struct store *st, int64_t now, size_t limit,
			  struct store_list *out, char *err, size_t errsize);

/* A link between two stored documents, seen from one of them. */
struct store_link {
	enum doc_link_type type;
	int64_t other_id;      /* 0 when the other side is not in the store */
	char other_number[64]; /* symbol of the other side; "" for a slip without one */
	char other_kind[16];
	char other_date[11];
	char *other_subject;   /* owned; may be NULL */
	char **instructions;   /* owned; the linking document's instructions */
	size_t ninstructions;
};

/* One document with everything the reader and `show` need. */
struct store_doc {
	int64_t id;
	char key[160];
	struct doc doc;          /* owned; refs included */
	char *source;            /* file it was imported from */
	int64_t imported_at;
	bool withdrawn, pinned;
	int64_t display_from, display_until;
	struct store_link *outgoing; /* this document forwards/annotates ... */
	size_t noutgoing;
	struct store_link *incoming; /* ... is forwarded/annotated by */
	size_t nincoming;
};

void store_doc_free(struct store_doc *sd);

/*
 * Loads one document by symbol ("516-KL/ĐUK", spacing and case of the
 * symbol are forgiven), by key, or by id when symbol is NULL. When a symbol
 * matches several dates the newest is returned. Withdrawn and hidden
 * documents are found too (see out->withdrawn, display_*). Links are
 * resolved at this call by normalised number: outgoing holds at most one
 * link (the newest stored document with link_symbol's number, other_id 0
 * when none is stored), incoming every document whose link points at this
 * one's number, oldest first. Returns 1 when found, 0 when not, -1 on error
 * with err. out is zeroed first; free it with store_doc_free() when 1.
 */
int store_get_doc(struct store *st, const char *symbol, int64_t id,
		  struct store_doc *out, char *err, size_t errsize);

/* Counts of visible documents per kind code, most first. On 0, *out is a
 * malloc'ed array of *n counts (NULL when *n is 0) that the caller frees
 * with free(); on -1 (err says why) *out is NULL and *n 0. */
struct store_count {
	char kind[16];
	int64_t count;
};
int store_count_by_kind(struct store *st, int64_t now, struct store_count **out,
			size_t *n, char *err, size_t errsize);

/* Copies the whole database src into the file dst (new, or replaced) with
 * SQLite's online backup, so a kiosk writing src meanwhile is no harm; src
 * is only read. Returns 0, or -1 with err naming the file. */
int store_copy(const char *src, const char *dst, char *err, size_t errsize);

/* Meta key/value (content version, last update result). Both may run
 * inside store_update()'s hooks, where they read and write within its
 * transaction. Set returns 0 or -1 with err. Get returns 1 with *value a
 * malloc'ed copy the caller frees; 0 when the key is unset (*value NULL);
 * -1 on a database error or out of memory, with err naming the key
 * (*value NULL). */
int store_meta_set(struct store *st, const char *key, const char *value,
		   char *err, size_t errsize);
int store_meta_get(struct store *st, const char *key, char **value, char *err,
		   size_t errsize);

#endif
