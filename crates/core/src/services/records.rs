//! Creating, editing, deleting and restoring records: normalization (NFC, trimmed, empty → none),
//! validation with Vietnamese messages, then the store's write path. A rejected write changes
//! nothing.

use serde_json::{Map, Value};

pub use super::validate::Validate;
use crate::domain::{Record, RecordKind};
use crate::error::UserError;
use crate::storage::{StorageError, Store, Tx};

#[derive(Debug, thiserror::Error)]
pub enum RecordError {
    /// The record breaks a rule; `code` is stable (`validation.unknown_province`…).
    #[error("{message}")]
    Invalid {
        code: &'static str,
        field: Option<&'static str>,
        message: String,
    },
    /// Input that is not a record of its kind (an unknown key, a wrong type): `field` names the
    /// key as it was sent.
    #[error("{message}")]
    Input {
        code: &'static str,
        field: String,
        message: String,
    },
    /// Deleting a record that others refer to.
    #[error("{message}")]
    Referenced {
        kind: RecordKind,
        id: i64,
        referrers: Vec<(RecordKind, i64)>,
        message: String,
    },
    #[error(transparent)]
    Storage(#[from] StorageError),
}

impl RecordError {
    pub fn invalid(code: &'static str, field: &'static str, message: impl Into<String>) -> Self {
        RecordError::Invalid {
            code,
            field: Some(field),
            message: message.into(),
        }
    }

    pub fn code(&self) -> &str {
        match self {
            RecordError::Invalid { code, .. } | RecordError::Input { code, .. } => code,
            RecordError::Referenced { .. } => "validation.referenced",
            RecordError::Storage(e) => e.code(),
        }
    }
}

impl From<RecordError> for UserError {
    fn from(e: RecordError) -> Self {
        match e {
            RecordError::Invalid {
                code,
                field,
                message,
            } => UserError {
                code: code.to_string(),
                message,
                field: field.map(str::to_string),
            },
            RecordError::Input {
                code,
                field,
                message,
            } => UserError {
                code: code.to_string(),
                message,
                field: Some(field),
            },
            e @ RecordError::Referenced { .. } => UserError::new(e.code(), e.to_string()),
            RecordError::Storage(s) => s.into(),
        }
    }
}

/// The record as stored: strings NFC, trimmed, inner white space collapsed; empty optional text
/// becomes none. Required text stays (empty) so validation can name the field.
fn normalized<R: Record + Default>(record: &R) -> Result<(R, Map<String, Value>), RecordError> {
    let defaults = match serde_json::to_value(R::default()) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    };
    let mut obj = match serde_json::to_value(record) {
        Ok(Value::Object(m)) => m,
        _ => return Err(StorageError::Schema("record is not an object".into()).into()),
    };
    for (key, value) in obj.iter_mut() {
        if let Value::String(s) = value {
            // Notes and article text keep their line breaks; names are collapsed (and refused
            // when they hold one: see `validate::text_value`).
            let c = super::validate::text_value(R::KIND, key, s)?;
            *value = if c.is_empty() && defaults.get(key).is_some_and(Value::is_null) {
                Value::Null
            } else {
                Value::String(c)
            };
        }
    }
    let typed: R = serde_json::from_value(Value::Object(obj.clone()))
        .map_err(|e| StorageError::Schema(e.to_string()))?;
    obj.remove("id");
    Ok((typed, obj))
}

/// Validates and writes within an open step; returns the record with its id.
pub fn save_in<R: Validate + Default>(tx: &mut Tx<'_>, record: &R) -> Result<R, RecordError> {
    let mut record = record.clone();
    record.prepare(tx)?;
    let (mut typed, obj) = normalized(&record)?;
    typed.validate(tx)?;
    match typed.id() {
        None => {
            let id = tx.create(R::KIND, &obj)?;
            typed.set_id(id);
            typed.after_create(tx)?;
        }
        Some(id) => tx.update(R::KIND, id, &obj)?,
    }
    Ok(typed)
}

/// Creates (no id) or updates (with id) one record as one undoable step.
pub fn save<R: Validate + Default>(store: &mut Store, record: &R) -> Result<R, RecordError> {
    store.transact(|tx| save_in(tx, record))
}

/// Moves a record to the trash (one step). A record that others refer to is refused, naming
/// them, so no list is left showing a reference to a deleted record.
pub fn delete(store: &mut Store, kind: RecordKind, id: i64) -> Result<(), RecordError> {
    store.transact(|tx| {
        super::validate::deletable(tx, kind, id)?;
        // A record's citations are its own: they go with it. Anything else that refers to it
        // stops the delete.
        let (citations, referrers): (Vec<_>, Vec<_>) = tx
            .referrers(kind, id)?
            .into_iter()
            .partition(|(k, _)| *k == RecordKind::Citation);
        if !referrers.is_empty() {
            let mut names = Vec::new();
            for (k, i) in &referrers {
                names.push(format!("{} «{}»", k.label_vi(), tx.title(*k, *i)?));
            }
            return Err(RecordError::Referenced {
                kind,
                id,
                message: referenced_message(kind, &names),
                referrers,
            });
        }
        for (k, i) in citations {
            tx.delete(k, i)?;
        }
        Ok(tx.delete(kind, id)?)
    })
}

fn referenced_message(kind: RecordKind, names: &[String]) -> String {
    const SHOWN: usize = 8;
    let mut list = names
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join("; ");
    if names.len() > SHOWN {
        list.push_str(&format!("; và {} bản ghi khác", names.len() - SHOWN));
    }
    format!(
        "Không xóa được {} này: {} bản ghi đang dùng đến nó ({list}). Xóa hoặc sửa các bản ghi đó trước, hoặc chọn xóa cả các bản ghi liên quan.",
        kind.label_vi().to_lowercase(),
        names.len()
    )
}

/// Moves a record and every record that refers to it (transitively) to the trash, as one step
/// (one undo brings them all back). Returns how many records were moved.
pub fn delete_cascade(store: &mut Store, kind: RecordKind, id: i64) -> Result<usize, RecordError> {
    store.transact(|tx| {
        // Depth-first, so referrers are deleted before what they refer to; each record is
        // expanded once, so references in a circle (two units each under the other) end.
        let mut order: Vec<(RecordKind, i64)> = Vec::new();
        let mut expanded_once: Vec<(RecordKind, i64)> = Vec::new();
        let mut stack = vec![(kind, id, false)];
        while let Some((k, i, expanded)) = stack.pop() {
            if order.contains(&(k, i)) {
                continue;
            }
            if expanded {
                order.push((k, i));
                continue;
            }
            if expanded_once.contains(&(k, i)) {
                continue;
            }
            expanded_once.push((k, i));
            stack.push((k, i, true));
            for (rk, ri) in tx.referrers(k, i)? {
                if !order.contains(&(rk, ri)) {
                    stack.push((rk, ri, false));
                }
            }
        }
        for (k, i) in &order {
            super::validate::deletable(tx, *k, *i)?;
            tx.delete(*k, *i)?;
        }
        Ok(order.len())
    })
}

/// Brings a record back from the trash (one step).
pub fn restore(store: &mut Store, kind: RecordKind, id: i64) -> Result<(), RecordError> {
    store.transact(|tx| Ok(tx.restore(kind, id)?))
}

/// Merges indicator `drop` into `keep`: its figures move to `keep`, its label and aliases become
/// aliases of `keep` (so articles wording it either way find `keep`), and it goes to the trash.
/// One undo step. Refused when a figure of `drop` would duplicate one of `keep`.
pub fn merge_indicators(store: &mut Store, keep: i64, drop: i64) -> Result<usize, RecordError> {
    if keep == drop {
        return Err(RecordError::invalid(
            "validation.same_record",
            "indicator_id",
            "Không thể gộp một chỉ tiêu vào chính nó.",
        ));
    }
    store.transact(|tx| {
        let kept: crate::domain::Indicator = tx.load(keep)?;
        let dropped: crate::domain::Indicator = tx.load(drop)?;
        let mut moved = 0;
        for (kind, id) in tx.referrers(RecordKind::Indicator, drop)? {
            if kind != RecordKind::Figure {
                continue;
            }
            let mut f: crate::domain::Figure = tx.load(id)?;
            f.indicator_id = keep;
            save_in(tx, &f)?;
            moved += 1;
        }
        tx.move_indicator_aliases(drop, keep)?;
        tx.add_indicator_alias(keep, &crate::text::fold_key(&dropped.label))?;
        tx.add_indicator_alias(keep, &crate::text::fold_key(&kept.label))?;
        tx.delete(RecordKind::Indicator, drop)?;
        Ok(moved)
    })
}

/// Merges code-list entry `drop` into `keep` (same list): every record holding `drop`'s code
/// takes `keep`'s, and `drop` goes to the trash. One undo step. Built-in entries are never the
/// one dropped (the program's rules name their codes). Returns how many records changed.
pub fn merge_codes(store: &mut Store, keep: i64, drop: i64) -> Result<usize, RecordError> {
    use crate::domain::CodeEntry;
    if keep == drop {
        return Err(RecordError::invalid(
            "validation.same_record",
            "id",
            "Không thể gộp một mục vào chính nó.",
        ));
    }
    store.transact(|tx| {
        let kept: CodeEntry = tx.load(keep)?;
        let dropped: CodeEntry = tx.load(drop)?;
        if kept.list != dropped.list {
            return Err(RecordError::invalid(
                "validation.different_lists",
                "list",
                format!(
                    "«{}» và «{}» thuộc hai danh mục khác nhau, không gộp được.",
                    kept.label, dropped.label
                ),
            ));
        }
        super::validate::deletable(tx, RecordKind::CodeEntry, drop)?;
        let mut moved = 0;
        for (kind, id) in tx.referrers(RecordKind::CodeEntry, drop)? {
            let columns: Vec<&str> = dropped
                .list
                .uses()
                .iter()
                .filter(|(k, _)| *k == kind)
                .map(|(_, c)| *c)
                .collect();
            crate::with_kind!(kind, T => {
                let record: T = tx.load(id)?;
                let mut obj = match serde_json::to_value(&record) {
                    Ok(Value::Object(m)) => m,
                    _ => return Err(StorageError::Schema("record is not an object".into()).into()),
                };
                for column in &columns {
                    if obj.get(*column).and_then(Value::as_str) == Some(dropped.code.as_str()) {
                        obj.insert((*column).to_string(), Value::String(kept.code.clone()));
                    }
                }
                let changed: T = serde_json::from_value(Value::Object(obj))
                    .map_err(|e| StorageError::Schema(e.to_string()))?;
                save_in(tx, &changed)?;
            });
            moved += 1;
        }
        tx.delete(RecordKind::CodeEntry, drop)?;
        Ok(moved)
    })
}
