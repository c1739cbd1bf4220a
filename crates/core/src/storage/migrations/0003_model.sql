-- Thidua schema, version 3: wide enough for every fact of real articles (issue 13).
-- Clusters of every kind; documents; emulation results; figures with targets, changes, sub-counts
-- and more periods; events known only by day and month; indicators with aliases.

-- Clusters: the kind (a code list) and who set the cluster up; a province's own clusters name it.
ALTER TABLE clusters ADD COLUMN kind TEXT NOT NULL DEFAULT 'cum_btc_tinh';
ALTER TABLE clusters ADD COLUMN set_up_by TEXT;
ALTER TABLE clusters ADD COLUMN province_id TEXT REFERENCES provinces(id);

-- Documents (văn bản): number and symbol as written, kind, issuer, date, title.
CREATE TABLE documents (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    number      TEXT,
    kind        TEXT,                        -- document_kind code list
    issuer      TEXT,
    date        TEXT,                        -- ISO, or "yyyy-mm" / "yyyy" when partial
    title       TEXT,
    note        TEXT,
    deleted_at  TEXT
);
CREATE INDEX documents_number ON documents(number);

-- Events: a date may be known only by day and month; whether its year was stated or inferred.
ALTER TABLE events ADD COLUMN year_inferred INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN date_note TEXT;
ALTER TABLE events ADD COLUMN organizer TEXT;
ALTER TABLE events ADD COLUMN released_by TEXT;
ALTER TABLE events ADD COLUMN document_id INTEGER REFERENCES documents(id);

-- Awards and personnel changes: the wording as written and the deciding document.
ALTER TABLE awards ADD COLUMN form_as_written TEXT;
ALTER TABLE awards ADD COLUMN document_id INTEGER REFERENCES documents(id);
ALTER TABLE personnel_changes ADD COLUMN kind_as_written TEXT;
ALTER TABLE personnel_changes ADD COLUMN document_id INTEGER REFERENCES documents(id);

-- Each member's result for a year in its cluster, from the cluster's evaluation.
CREATE TABLE emulation_results (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    cluster_id  INTEGER REFERENCES clusters(id),
    unit_id     INTEGER NOT NULL REFERENCES units(id),
    year        INTEGER NOT NULL,
    rank        INTEGER,
    classification TEXT,                     -- "hoàn thành xuất sắc nhiệm vụ", as written
    score       REAL,
    leading     INTEGER NOT NULL DEFAULT 0,  -- "đơn vị dẫn đầu"
    event_id    INTEGER REFERENCES events(id),
    note        TEXT,
    deleted_at  TEXT
);
CREATE INDEX emulation_results_year ON emulation_results(year, cluster_id);

-- Indicators: other wordings that mean the same indicator (folded text), kept on merge. Lookup
-- data, not records: undoing the creation of an indicator removes its aliases with it.
CREATE TABLE indicator_aliases (
    alias_key    TEXT NOT NULL,
    indicator_id INTEGER NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
    PRIMARY KEY (alias_key, indicator_id)
);

-- Figures: rebuilt for the new period kinds (the CHECK cannot be altered in place) and the new
-- columns: quarter and span periods, the period as written, a signed change against a stated
-- comparison, a percentage of another base, the parent of a sub-count, the unit as written and
-- the document that set a target.
CREATE TABLE figures_v3 (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    indicator_id INTEGER NOT NULL REFERENCES indicators(id),
    scope_unit_id INTEGER REFERENCES units(id),
    scope_cluster_id INTEGER REFERENCES clusters(id),
    scope_label TEXT,
    period_kind TEXT NOT NULL CHECK (period_kind IN ('year', 'half', 'quarter', 'months', 'as_of', 'span', 'other')),
    period_year INTEGER,                     -- NULL: the source does not say the year
    period_months INTEGER,
    period_date TEXT,
    period_quarter INTEGER,
    period_end_year INTEGER,
    period_label TEXT,
    value       REAL,
    denominator REAL,
    percent     REAL,
    percent_base TEXT,
    target      REAL,
    qualifier   TEXT,
    change_pct  REAL,
    change_value REAL,
    compared_with TEXT,
    parent_id   INTEGER REFERENCES figures_v3(id),
    unit_as_written TEXT,
    document_id INTEGER REFERENCES documents(id),
    label_as_written TEXT,
    note        TEXT,
    deleted_at  TEXT
);
INSERT INTO figures_v3 (id, indicator_id, scope_unit_id, scope_cluster_id, scope_label, period_kind,
    period_year, period_months, period_date, value, denominator, percent, target, qualifier,
    label_as_written, note, deleted_at)
SELECT id, indicator_id, scope_unit_id, scope_cluster_id, scope_label, period_kind,
    period_year, period_months, period_date, value, denominator, percent, target, qualifier,
    label_as_written, note, deleted_at FROM figures;
DROP TABLE figures;
ALTER TABLE figures_v3 RENAME TO figures;
CREATE INDEX figures_indicator ON figures(indicator_id, period_year);
CREATE INDEX figures_parent ON figures(parent_id);
