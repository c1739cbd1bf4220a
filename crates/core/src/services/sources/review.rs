//! "Nhập từ bài báo": the facts an attached article states, proposed for review with each
//! unit's match in the store ("— đã có" / "đơn vị mới"), then the chosen ones recorded through
//! `thidua record`'s service in one undoable step, each citing its passage of the article.

use serde::Serialize;
use ts_rs::TS;

use crate::domain::Source;
use crate::services::extract;
use crate::services::facts_file::{self, FactsFile, RecordedFile};
use crate::services::records::RecordError;
use crate::storage::{queries, Store};

/// A unit the article names, and what it is in the store.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct UnitMatch {
    /// As the article writes it ("Quảng Trị").
    pub written: String,
    /// The unit it resolves to ("Ban Tổ chức Tỉnh ủy Quảng Trị").
    pub unit: String,
    /// Already in the store (else recording creates it).
    pub existing: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Suggestions {
    pub source_id: i64,
    /// The article's stored text: quotes' offsets count characters in it.
    pub text: String,
    pub facts: FactsFile,
    pub units: Vec<UnitMatch>,
}

/// What the article states, read from its stored text. Writes nothing.
pub fn suggest(store: &mut Store, source_id: i64) -> Result<Suggestions, RecordError> {
    let source: Source = store
        .get(source_id)?
        .ok_or(crate::storage::StorageError::NotFound {
            kind: crate::domain::RecordKind::Source,
            id: source_id,
        })?;
    let text = source.body_text.clone().unwrap_or_default();
    let mut facts = extract::extract(&text, source.file_name.as_deref());
    facts.url = facts.url.or(source.url.clone());
    let at = facts
        .event
        .as_ref()
        .and_then(|e| e.date.clone().or(e.date_published.clone()))
        .filter(|d| d.len() == 10)
        .unwrap_or_else(|| chrono::Local::now().format("%Y-%m-%d").to_string());
    let mut names: Vec<String> = Vec::new();
    if let Some(c) = &facts.cluster {
        names.extend(c.members.clone().unwrap_or_default());
        names.extend(c.leader_current.clone());
        names.extend(c.leader_next_year.clone());
        names.extend(c.deputies_current.clone().unwrap_or_default());
        names.extend(c.deputies_next_year.clone().unwrap_or_default());
    }
    let mut seen = std::collections::HashSet::new();
    names.retain(|n| seen.insert(n.clone()));
    // Resolved in a transaction that is rolled back: the store's own rules decide the match.
    let units = store.preview(|tx| {
        let mut out = Vec::new();
        for written in names {
            let before = queries::unit_count(tx.db())?;
            let id = facts_file::unit_named(tx, &written, None, &at)?;
            let after = queries::unit_count(tx.db())?;
            let unit = tx.title(crate::domain::RecordKind::Unit, id)?;
            out.push(UnitMatch {
                written,
                unit,
                existing: after == before,
            });
        }
        Ok::<_, RecordError>(out)
    })?;
    Ok(Suggestions {
        source_id,
        text,
        facts,
        units,
    })
}

/// Records the facts the clerk kept (as reviewed and edited), citing the source: one step.
pub fn record(
    store: &mut Store,
    source_id: i64,
    facts: &FactsFile,
) -> Result<RecordedFile, RecordError> {
    store.transact(|tx| facts_file::record_for_source(tx, facts, source_id))
}
