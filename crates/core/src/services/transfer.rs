//! Export and import of the whole database as one JSON document: every record (deleted ones
//! too, ids kept; code-list entries are records since format 2), the audit log and, since
//! format 3, the attached files, the settings and the reports' narratives, so export → import →
//! export is identical.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::domain::RecordKind;
use crate::storage::bulk::{side_tables, Contents, SideTables};
use crate::storage::{queries, rows, StorageError, Store};

pub const FORMAT: &str = "thidua-export";
pub const FORMAT_VERSION: i64 = 3;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Export {
    pub format: String,
    pub format_version: i64,
    pub schema_version: i64,
    /// Table name → rows, for every record kind.
    pub records: Map<String, Value>,
    /// Format 1 kept code lists apart, without ids; read for old exports, never written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub code_lists: Vec<Map<String, Value>>,
    pub audit: Vec<Map<String, Value>>,
    /// Attached files (bytes in base64), settings and narratives; absent before format 3.
    #[serde(default)]
    pub side: SideTables,
}

#[derive(Debug, thiserror::Error)]
pub enum TransferError {
    #[error("Tệp không phải bản xuất của Thidua (thiếu \"format\": \"{FORMAT}\").")]
    NotAnExport,
    #[error("Bản xuất dùng định dạng phiên bản {0}, phiên bản Thidua này chỉ đọc được đến {FORMAT_VERSION}.")]
    TooNew(i64),
    #[error(
        "Cơ sở dữ liệu đích đã có dữ liệu; hãy nhập vào một tệp mới để không ghi đè hồ sơ đang có."
    )]
    NotEmpty,
    #[error("Tệp xuất bị lỗi: {0}")]
    Json(#[from] serde_json::Error),
    #[error(transparent)]
    Storage(#[from] StorageError),
}

impl TransferError {
    pub fn code(&self) -> &str {
        match self {
            TransferError::NotAnExport => "transfer.not_an_export",
            TransferError::TooNew(_) => "transfer.too_new",
            TransferError::NotEmpty => "transfer.not_empty",
            TransferError::Json(_) => "transfer.json",
            TransferError::Storage(e) => e.code(),
        }
    }
}

impl From<TransferError> for crate::UserError {
    fn from(e: TransferError) -> Self {
        crate::UserError::new(e.code(), e.to_string())
    }
}

pub fn export(store: &Store) -> Result<Export, TransferError> {
    let mut records = Map::new();
    for kind in RecordKind::ALL {
        let rows = rows::all_rows(store.db(), kind)?;
        records.insert(
            kind.table().to_string(),
            Value::Array(rows.into_iter().map(Value::Object).collect()),
        );
    }
    Ok(Export {
        format: FORMAT.to_string(),
        format_version: FORMAT_VERSION,
        schema_version: store.schema_version()?,
        records,
        code_lists: Vec::new(),
        audit: queries::audit_rows(store.db())?,
        side: side_tables(store.db())?,
    })
}

pub fn to_json(export: &Export) -> String {
    serde_json::to_string_pretty(export).expect("an export is plain JSON")
}

/// Reads an export into an empty database (one that holds only the seeded code lists).
pub fn import(store: &mut Store, json: &str) -> Result<(), TransferError> {
    // Read straight into the export's shape (a large file is not read twice); only when that
    // fails is it read again to tell "not an export" from a damaged one.
    let mut data: Export = match serde_json::from_str(json) {
        Ok(data) => data,
        Err(e) => {
            #[derive(serde::Deserialize)]
            struct Head {
                format: Option<String>,
            }
            let head: Option<Head> = serde_json::from_str(json).ok();
            return Err(match head {
                Some(h) if h.format.as_deref() == Some(FORMAT) => e.into(),
                Some(_) => TransferError::NotAnExport,
                None => e.into(),
            });
        }
    };
    if data.format != FORMAT {
        return Err(TransferError::NotAnExport);
    }
    if data.format_version > FORMAT_VERSION {
        return Err(TransferError::TooNew(data.format_version));
    }
    let has_records =
        store.record_counts()?.iter().any(|(_, n)| *n > 0) || !store.history(1)?.is_empty();
    if has_records {
        return Err(TransferError::NotEmpty);
    }
    let mut records = Vec::new();
    for kind in RecordKind::ALL {
        let rows = match data.records.remove(kind.table()) {
            Some(Value::Array(list)) => list
                .into_iter()
                .filter_map(|r| match r {
                    Value::Object(m) => Some(m),
                    _ => None,
                })
                .collect(),
            None if kind == RecordKind::CodeEntry => code_entries_of_format_1(&data.code_lists),
            _ => Vec::new(),
        };
        records.push((kind, rows));
    }
    store.replace_all(&Contents {
        records,
        audit: &data.audit,
        side: &data.side,
    })?;
    Ok(())
}

/// Format 1's code-list rows as code-entry records: every entry then was the program's own.
fn code_entries_of_format_1(rows: &[Map<String, Value>]) -> Vec<Map<String, Value>> {
    rows.iter()
        .enumerate()
        .map(|(i, row)| {
            let mut entry = Map::new();
            entry.insert("id".into(), Value::from(i as i64 + 1));
            for key in ["list", "code", "label", "position"] {
                entry.insert(key.into(), row.get(key).cloned().unwrap_or(Value::Null));
            }
            entry.insert("retired".into(), Value::from(0));
            entry.insert("builtin".into(), Value::from(1));
            entry.insert("note".into(), Value::Null);
            entry.insert("deleted_at".into(), Value::Null);
            entry
        })
        .collect()
}
