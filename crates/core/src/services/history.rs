//! The audit log as users see it, undo, and the trash.

use serde::Serialize;
use ts_rs::TS;

use super::records::RecordError;
use crate::domain::RecordKind;
use crate::storage::{Action, AuditRow, Result, Store};

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct HistoryEntry {
    pub id: i64,
    /// Changes with the same step were one action and are undone together.
    pub step: i64,
    /// ISO timestamp, local time.
    pub at: String,
    pub action: String,
    pub action_label: String,
    pub kind: String,
    pub record_id: i64,
    pub summary: String,
    /// The whole record before and after, as JSON text (none before a creation).
    pub before: Option<String>,
    pub after: Option<String>,
    pub undone: bool,
}

impl From<AuditRow> for HistoryEntry {
    fn from(r: AuditRow) -> Self {
        HistoryEntry {
            action_label: Action::label_vi(&r.action).to_string(),
            id: r.id,
            step: r.step,
            at: r.at,
            action: r.action,
            kind: r.kind,
            record_id: r.record_id,
            summary: r.summary,
            before: r.before,
            after: r.after,
            undone: r.undone_at.is_some(),
        }
    }
}

pub fn history(store: &Store, limit: usize) -> Result<Vec<HistoryEntry>> {
    Ok(store.history(limit)?.into_iter().map(Into::into).collect())
}

/// Undoes the latest `steps` actions; returns what was reverted. Each record written back is
/// checked as a save would check it: the audit log may come from an imported file, and its
/// before-images are then no more trusted than the file. A refusal changes nothing.
pub fn undo(store: &mut Store, steps: usize) -> Result<Vec<HistoryEntry>, RecordError> {
    let reverted = store.undo(steps, |tx, kind, id| {
        super::validate::stored_row(tx, kind, id).map_err(|e| {
            super::validate::in_context(
                e,
                &format!(
                    "Không hoàn tác được (không có gì thay đổi): bản ghi {} #{id} trước khi sửa không hợp lệ",
                    kind.label_vi().to_lowercase()
                ),
            )
        })
    })?;
    Ok(reverted.into_iter().map(Into::into).collect())
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct TrashEntry {
    pub kind: RecordKind,
    pub record_id: i64,
    pub summary: String,
    pub deleted_at: String,
}

pub fn trash(store: &Store) -> Result<Vec<TrashEntry>> {
    Ok(store
        .trash()?
        .into_iter()
        .map(|(kind, record_id, summary, deleted_at)| TrashEntry {
            kind,
            record_id,
            summary,
            deleted_at,
        })
        .collect())
}
