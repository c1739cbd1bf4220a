//! The sample database: every fact of the five sample articles (assets/demo: facts files in the
//! shape `thidua record` takes, with quotes), recorded through `facts_file::record` — the path
//! real articles take. Loading twice adds nothing.

use super::facts_file;
use super::records::RecordError;
use crate::storage::Store;

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
        let done = facts_file::record_json(store, json, Some(text))?;
        if !done.already {
            added += 1;
        }
    }
    Ok(added)
}
