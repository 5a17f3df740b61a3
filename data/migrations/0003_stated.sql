-- Schema version 3: which fields of a document the clerk stated in the
-- source file's front matter (enum doc_field bits of doc.h; 0 = none), so
-- show and show --json can tell a stated value from one the parser read.
ALTER TABLE documents ADD COLUMN stated INTEGER NOT NULL DEFAULT 0;
