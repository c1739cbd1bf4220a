-- An attached article's original file, kept inside the database (one file holds everything),
-- one row per distinct content (SHA-256), beside the source record that describes it: apart
-- from `sources` so lists, search and the audit log never carry the bytes.
CREATE TABLE source_files (
    -- Undoing an attach removes the source row, and its file with it.
    source_id   INTEGER PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,
    sha256      TEXT NOT NULL UNIQUE,
    size        INTEGER NOT NULL,
    data        BLOB NOT NULL,
    -- The article as sanitized HTML for the viewer (web pages only).
    html        TEXT
);
