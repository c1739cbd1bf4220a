-- Thidua schema, version 1. Every record table has `deleted_at` (soft deletion: the trash) and is
-- written only through the store's write path, which records the whole before/after in `audit`.
-- Dates are ISO text. Partial dates (month/year or year only) are kept as separate year/month/day.

CREATE TABLE provinces (
    id          TEXT PRIMARY KEY,            -- stable code, e.g. 'binh_dinh', 'gia_lai_2025'
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('tinh', 'thanh_pho')),
    valid_from  TEXT,                        -- NULL: since before any record
    valid_to    TEXT,                        -- NULL: still valid
    successor_id TEXT REFERENCES provinces(id),
    region      TEXT
);

CREATE TABLE province_aliases (
    alias_key   TEXT NOT NULL,               -- text::fold_key of the spelling
    province_id TEXT NOT NULL REFERENCES provinces(id),
    PRIMARY KEY (alias_key, province_id)
);

-- Code lists the clerk can extend (event kinds, roles, change kinds…); seeded by migration 2.
CREATE TABLE code_lists (
    list        TEXT NOT NULL,
    code        TEXT NOT NULL,
    label       TEXT NOT NULL,
    position    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (list, code)
);

CREATE TABLE units (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    kind        TEXT NOT NULL,
    name        TEXT NOT NULL,
    short_name  TEXT,
    province_id TEXT REFERENCES provinces(id),
    parent_id   INTEGER REFERENCES units(id),
    note        TEXT,
    deleted_at  TEXT
);

CREATE TABLE clusters (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT NOT NULL,
    number      TEXT,
    sector      TEXT NOT NULL DEFAULT 'to_chuc_xay_dung_dang',
    region      TEXT,
    note        TEXT,
    deleted_at  TEXT
);

CREATE TABLE events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    kind        TEXT NOT NULL,
    name        TEXT NOT NULL,
    date_year   INTEGER,
    date_month  INTEGER,
    date_day    INTEGER,
    place       TEXT,
    host_unit_id INTEGER REFERENCES units(id),
    cluster_id  INTEGER REFERENCES clusters(id),
    year_covered INTEGER,
    period_label TEXT,
    note        TEXT,
    deleted_at  TEXT
);

CREATE TABLE cluster_members (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    cluster_id  INTEGER NOT NULL REFERENCES clusters(id),
    unit_id     INTEGER NOT NULL REFERENCES units(id),
    year        INTEGER NOT NULL,
    role        TEXT NOT NULL DEFAULT 'thanh_vien' CHECK (role IN ('thanh_vien', 'cum_truong', 'cum_pho')),
    elected_at_event_id INTEGER REFERENCES events(id),
    note        TEXT,
    deleted_at  TEXT
);
CREATE INDEX cluster_members_year ON cluster_members(year, cluster_id);
CREATE INDEX cluster_members_unit ON cluster_members(unit_id, year);

CREATE TABLE people (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    full_name   TEXT NOT NULL,
    family_name TEXT,
    middle_name TEXT,
    given_name  TEXT,
    gender      TEXT CHECK (gender IN ('nam', 'nu')),
    birth_year  INTEGER,
    note        TEXT,
    deleted_at  TEXT
);

CREATE TABLE event_participants (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id    INTEGER NOT NULL REFERENCES events(id),
    person_id   INTEGER REFERENCES people(id),
    unit_id     INTEGER REFERENCES units(id),
    title       TEXT,                        -- the title as written at that time
    role        TEXT NOT NULL DEFAULT 'du',
    note        TEXT,
    deleted_at  TEXT
);

CREATE TABLE pledges (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    cluster_id  INTEGER NOT NULL REFERENCES clusters(id),
    year        INTEGER NOT NULL,
    event_id    INTEGER REFERENCES events(id),
    note        TEXT,
    deleted_at  TEXT
);

CREATE TABLE pledge_signatories (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    pledge_id   INTEGER NOT NULL REFERENCES pledges(id),
    unit_id     INTEGER NOT NULL REFERENCES units(id),
    deleted_at  TEXT
);

CREATE TABLE personnel_changes (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    kind        TEXT NOT NULL,
    person_id   INTEGER NOT NULL REFERENCES people(id),
    from_title  TEXT,
    from_unit_id INTEGER REFERENCES units(id),
    to_title    TEXT,
    to_unit_id  INTEGER REFERENCES units(id),
    decision_number TEXT,
    decision_date TEXT,
    effective_date TEXT,
    issuing_body TEXT,
    legal_basis TEXT,
    note        TEXT,
    deleted_at  TEXT
);

CREATE TABLE positions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id   INTEGER NOT NULL REFERENCES people(id),
    title       TEXT NOT NULL,
    unit_id     INTEGER REFERENCES units(id),
    from_date   TEXT,
    to_date     TEXT,
    change_id   INTEGER REFERENCES personnel_changes(id),
    note        TEXT,
    deleted_at  TEXT
);

CREATE TABLE award_forms (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    code        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    recipient_kinds TEXT NOT NULL DEFAULT 'tap_the,ca_nhan',
    note        TEXT,
    deleted_at  TEXT
);

CREATE TABLE awards (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    form_id     INTEGER NOT NULL REFERENCES award_forms(id),
    form_detail TEXT,
    granting_body TEXT,
    recipient_kind TEXT NOT NULL CHECK (recipient_kind IN ('tap_the', 'ca_nhan')),
    recipient_unit_id INTEGER REFERENCES units(id),
    recipient_person_id INTEGER REFERENCES people(id),
    recipient_count INTEGER,
    achievement_year INTEGER,
    reason      TEXT,
    status      TEXT NOT NULL DEFAULT 'de_nghi' CHECK (status IN ('de_nghi', 'da_quyet_dinh', 'khong_duyet')),
    proposed_by_unit_id INTEGER REFERENCES units(id),
    proposed_by_cluster_id INTEGER REFERENCES clusters(id),
    proposed_at_event_id INTEGER REFERENCES events(id),
    proposed_date TEXT,
    decision_number TEXT,
    decision_date TEXT,
    decision_signer TEXT,
    note        TEXT,
    deleted_at  TEXT
);

CREATE TABLE indicators (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    code        TEXT NOT NULL UNIQUE,
    label       TEXT NOT NULL,
    unit_label  TEXT,
    aggregation TEXT NOT NULL DEFAULT 'sum' CHECK (aggregation IN ('sum', 'latest', 'max', 'ratio', 'none')),
    note        TEXT,
    deleted_at  TEXT
);

CREATE TABLE figures (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    indicator_id INTEGER NOT NULL REFERENCES indicators(id),
    scope_unit_id INTEGER REFERENCES units(id),
    scope_cluster_id INTEGER REFERENCES clusters(id),
    scope_label TEXT,
    period_kind TEXT NOT NULL CHECK (period_kind IN ('year', 'half', 'months', 'as_of')),
    period_year INTEGER NOT NULL,
    period_months INTEGER,
    period_date TEXT,
    value       REAL,
    denominator REAL,
    percent     REAL,
    target      REAL,
    qualifier   TEXT,
    label_as_written TEXT,
    note        TEXT,
    deleted_at  TEXT
);

CREATE TABLE sources (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    title       TEXT NOT NULL,
    publisher   TEXT,
    author      TEXT,
    url         TEXT,
    published_date TEXT,
    media_type  TEXT,
    file_name   TEXT,
    body_text   TEXT,
    note        TEXT,
    deleted_at  TEXT
);

CREATE TABLE citations (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    record_kind TEXT NOT NULL,
    record_id   INTEGER NOT NULL,
    source_id   INTEGER NOT NULL REFERENCES sources(id),
    passage     TEXT NOT NULL,
    char_start  INTEGER,
    char_end    INTEGER,
    deleted_at  TEXT
);
CREATE INDEX figures_indicator ON figures(indicator_id, period_year);
CREATE INDEX awards_year ON awards(achievement_year);
CREATE INDEX participants_event ON event_participants(event_id);
CREATE INDEX participants_person ON event_participants(person_id);
CREATE INDEX positions_person ON positions(person_id);
CREATE INDEX changes_person ON personnel_changes(person_id);
CREATE INDEX citations_record ON citations(record_kind, record_id);

-- One row per change made through the write path; `before`/`after` hold the whole record as JSON
-- (NULL before a creation). `step` groups the rows of one user action so undo reverts it whole.
CREATE TABLE audit (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    step        INTEGER NOT NULL,
    at          TEXT NOT NULL,
    action      TEXT NOT NULL,
    kind        TEXT NOT NULL,
    record_id   INTEGER NOT NULL,
    summary     TEXT NOT NULL,
    before      TEXT,
    after       TEXT,
    undone_at   TEXT
);
CREATE INDEX audit_step ON audit(step);

-- Search: the exact text and its folded form (text::fold), kept in sync by the write path.
CREATE VIRTUAL TABLE search_index USING fts5(
    kind UNINDEXED,
    record_id UNINDEXED,
    title,
    exact,
    folded,
    tokenize = 'unicode61 remove_diacritics 0'
);
