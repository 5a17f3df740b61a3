-- Schema version 2: what the screens may show. Withdrawal, pinning and a
-- display window (Unix seconds, 0 = open) are operator settings kept across
-- re-imports; meta holds the content version and the last update's result.
ALTER TABLE documents ADD COLUMN withdrawn INTEGER NOT NULL DEFAULT 0;
ALTER TABLE documents ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;
ALTER TABLE documents ADD COLUMN display_from INTEGER NOT NULL DEFAULT 0;
ALTER TABLE documents ADD COLUMN display_until INTEGER NOT NULL DEFAULT 0;

CREATE TABLE meta (
	key TEXT PRIMARY KEY,
	value TEXT NOT NULL
);

-- The screen queries filter on group and visibility and sort pinned first,
-- newest first.
DROP INDEX documents_group_date;
CREATE INDEX documents_screen ON documents(doc_group, withdrawn, pinned DESC, date DESC);
CREATE INDEX documents_kind ON documents(kind, date);
