-- Settings of the database asked for once (the issuing body, place, number and signer printed
-- on reports), as JSON values by key: they travel with the records they describe.
CREATE TABLE settings (
    key     TEXT PRIMARY KEY,
    value   TEXT NOT NULL
);
