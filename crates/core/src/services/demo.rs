//! The sample database: every fact of the five sample articles (assets/demo), recorded through
//! `facts::record` so the sample exercises the same path as real data. Loading twice adds nothing.

use super::facts::{self, Facts};
use super::records::RecordError;
use crate::storage::{queries, Store};

/// (facts JSON, article text) for each sample article.
pub const ARTICLES: &[(&str, &str)] = &[
    (
        include_str!("../../../../assets/demo/003_873eefc0bbf7d54e.json"),
        include_str!("../../../../assets/demo/003_873eefc0bbf7d54e.txt"),
    ),
    (
        include_str!("../../../../assets/demo/002_66334c12e1a1c957.json"),
        include_str!("../../../../assets/demo/002_66334c12e1a1c957.txt"),
    ),
    (
        include_str!("../../../../assets/demo/001_3c50e1bd063046b6.json"),
        include_str!("../../../../assets/demo/001_3c50e1bd063046b6.txt"),
    ),
    (
        include_str!("../../../../assets/demo/004_2bc2382ec64f120d.json"),
        include_str!("../../../../assets/demo/004_2bc2382ec64f120d.txt"),
    ),
    (
        include_str!("../../../../assets/demo/000_ccbdce8a16f58e3b.json"),
        include_str!("../../../../assets/demo/000_ccbdce8a16f58e3b.txt"),
    ),
];

/// Loads the sample articles not loaded yet (one undoable step each); returns how many it added.
pub fn load(store: &mut Store) -> Result<usize, RecordError> {
    let mut added = 0;
    for (json, text) in ARTICLES {
        let facts: Facts = serde_json::from_str(json).map_err(|e| {
            RecordError::invalid(
                "demo.bad_facts",
                "facts",
                format!("Dữ liệu mẫu bị lỗi: {e}"),
            )
        })?;
        let loaded = queries::source_by_file_name(store.db(), &facts.source.file)?;
        if loaded.is_some() {
            continue;
        }
        store.transact(|tx| facts::record(tx, &facts, text))?;
        added += 1;
    }
    Ok(added)
}
