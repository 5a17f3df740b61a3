-- Schema version 1: documents with their body blocks, references and lists.
-- A document's identity is its key (doc_key(): "516-KL/ĐUK@2023-01-18" or
-- "~KIND@DATE#hash"); children are replaced whole when it is re-imported.
PRAGMA application_id = 1112821297;

CREATE TABLE documents (
	id INTEGER PRIMARY KEY,
	key TEXT NOT NULL UNIQUE,
	number TEXT,
	number_norm TEXT,          -- number without spaces, ASCII and Đ upper-cased
	number_inferred INTEGER NOT NULL DEFAULT 0,
	kind TEXT NOT NULL,
	type_name TEXT,
	doc_group INTEGER NOT NULL DEFAULT 0,
	issuer TEXT,
	issuer_inferred INTEGER NOT NULL DEFAULT 0,
	parent TEXT,
	parent_inferred INTEGER NOT NULL DEFAULT 0,
	author TEXT,
	party_header INTEGER NOT NULL DEFAULT 0,
	state_header INTEGER NOT NULL DEFAULT 0,
	place TEXT,
	date TEXT,                 -- "YYYY-MM-DD" or NULL
	date_inferred INTEGER NOT NULL DEFAULT 0,
	subject TEXT,
	signer_authority TEXT,
	signer_title TEXT,
	signer_name TEXT,
	received INTEGER NOT NULL DEFAULT 0,
	received_by TEXT,
	received_number_raw TEXT,
	received_number TEXT,
	received_number_uncertain INTEGER NOT NULL DEFAULT 0,
	received_date TEXT,
	link_type INTEGER NOT NULL DEFAULT 0 CHECK (link_type IN (0, 1, 2)),
	link_symbol TEXT,
	link_norm TEXT,            -- link_symbol normalised like number_norm
	source TEXT NOT NULL,
	first_line INTEGER NOT NULL DEFAULT 0,
	last_line INTEGER NOT NULL DEFAULT 0,
	imported_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL,
	content_hash TEXT NOT NULL,
	CHECK (date IS NULL OR date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')
);

CREATE TABLE blocks (
	doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	seq INTEGER NOT NULL,
	type INTEGER NOT NULL CHECK (type BETWEEN 0 AND 3),
	level INTEGER NOT NULL DEFAULT 0,
	label TEXT,
	text TEXT NOT NULL,
	spans TEXT NOT NULL DEFAULT '', -- doc_spans_format(): "start:len:style;..."
	line INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (doc_id, seq)
);

CREATE TABLE refs (
	doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	seq INTEGER NOT NULL,
	symbol TEXT NOT NULL,
	date TEXT,
	type_name TEXT,
	issuer TEXT,
	line INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (doc_id, seq)
);

-- Addressees (Kính gửi), recipients (Nơi nhận), routing-slip instructions and
-- handwritten annotations, in source order.
CREATE TABLE doc_lists (
	doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	kind TEXT NOT NULL CHECK (kind IN ('addressee', 'recipient', 'instruction', 'annotation')),
	seq INTEGER NOT NULL,
	text TEXT NOT NULL,
	PRIMARY KEY (doc_id, kind, seq)
);

CREATE INDEX documents_number ON documents(number_norm, date);
CREATE INDEX documents_link ON documents(link_norm);
CREATE INDEX documents_group_date ON documents(doc_group, date);
