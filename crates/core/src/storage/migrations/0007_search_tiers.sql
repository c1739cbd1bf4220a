-- Search reads only the folded text, so only it is indexed: the folded title (where a name is
-- looked for first) and the folded whole text. The exact title and text are kept, unindexed, for
-- ranking exact spellings first and for snippets. The ranking is Thidua's own (services/search),
-- so FTS5 keeps no column sizes for bm25. The write path and the upgrade rebuild the documents.
DROP TABLE search_index;
CREATE VIRTUAL TABLE search_index USING fts5(
    kind UNINDEXED,
    record_id UNINDEXED,
    title UNINDEXED,
    exact UNINDEXED,
    ftitle,
    folded,
    tokenize = 'unicode61 remove_diacritics 0',
    columnsize = 0,
    -- A word begun with one or two letters ("nguyen van h") is read from its own list instead
    -- of merging every word it begins: 6 ms instead of 170 ms on 20 years of records.
    prefix = '1 2'
);

-- The lists and reports of one year read personnel changes by their decision (or effective)
-- year and positions by unit; without these they scan every change.
CREATE INDEX changes_year ON personnel_changes(
    CAST(substr(coalesce(decision_date, effective_date, ''), 1, 4) AS INTEGER));
CREATE INDEX positions_unit ON positions(unit_id);
CREATE INDEX figures_year ON figures(period_year);
-- A figure's value a year earlier (the overview's and the reports' change against last year) is
-- found by indicator, year, period and scope at once, not among every figure of the indicator.
CREATE INDEX figures_previous ON figures(indicator_id, period_year, period_kind, scope_unit_id,
    scope_cluster_id);
