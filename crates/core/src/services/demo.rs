//! The sample database: the five sample articles, attached as the clerk attaches an article and
//! their facts (assets/demo: the reviewed facts, in the shape `thidua extract` proposes, with
//! quotes) recorded citing them — the path real articles take through "Nhập từ bài báo".
//! Loading twice adds nothing.

use super::facts_file;
use super::sources::{self, AttachError};
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

/// Loads the sample articles not loaded yet (attach, then record: two undoable steps each);
/// returns how many it added.
pub fn load(store: &mut Store) -> Result<usize, AttachError> {
    let mut added = 0;
    for (json, text) in ARTICLES {
        let facts = facts_file::parse(json)?;
        let name = facts.source_file.clone().unwrap_or_default();
        // Sample databases made before articles were attached hold the source by its name.
        if queries::source_by_file_name(store.db(), &name)?.is_some() {
            continue;
        }
        let attached = sources::attach(store, text.as_bytes(), &name, facts.url.as_deref())?;
        if attached.already {
            continue;
        }
        sources::review::record(store, attached.source_id, &facts)?;
        added += 1;
    }
    Ok(added)
}
