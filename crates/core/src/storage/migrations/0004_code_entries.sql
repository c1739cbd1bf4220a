-- Code-list entries become records (an id, the audit log, undo, the trash), so the clerk can add,
-- rename, retire and merge them like any other record. Entries that exist now are the program's
-- own (seeded by migrations 2 and 3): built in, so they can be renamed and retired, not deleted.
CREATE TABLE code_entries (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    list        TEXT NOT NULL,
    code        TEXT NOT NULL,
    label       TEXT NOT NULL,
    position    INTEGER NOT NULL DEFAULT 0,
    retired     INTEGER NOT NULL DEFAULT 0,
    builtin     INTEGER NOT NULL DEFAULT 0,
    note        TEXT,
    deleted_at  TEXT,
    UNIQUE (list, code)
);
INSERT INTO code_entries (list, code, label, position, builtin)
    SELECT list, code, label, position, 1 FROM code_lists ORDER BY list, position, code;
DROP TABLE code_lists;
ALTER TABLE code_entries RENAME TO code_lists;
