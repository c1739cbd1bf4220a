-- Settings of the database asked for once (the issuing body, place, number and signer printed
-- on reports), as JSON values by key: they travel with the records they describe.
CREATE TABLE settings (
    key     TEXT PRIMARY KEY,
    value   TEXT NOT NULL
);

-- The text the clerk writes for a report (opening, achievements, shortcomings, directions), kept
-- by year and scope so a report regenerated after the records change keeps it.
CREATE TABLE report_texts (
    year        INTEGER NOT NULL,
    scope       TEXT NOT NULL,
    narrative   TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (year, scope)
);
