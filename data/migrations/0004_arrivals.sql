-- Schema version 4: which documents the latest content change brought. Each
-- import or update that adds or changes at least one document is one row of
-- arrivals, and the documents it added or changed carry its id (0: none
-- since this version). The list marks the latest arrival's documents "Mới".
CREATE TABLE arrivals (
	id INTEGER PRIMARY KEY,
	at INTEGER NOT NULL -- Unix seconds: the now of the import or update
);
ALTER TABLE documents ADD COLUMN arrival INTEGER NOT NULL DEFAULT 0;
