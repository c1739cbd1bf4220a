//! Export and import of the whole database as one JSON document: every record (deleted ones
//! too, ids kept; code-list entries are records since format 2), the audit log and, since
//! format 3, the attached files, the settings and the reports' narratives, so export → import →
//! export is identical.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::records::RecordError;
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
    #[error("Tệp xuất bị lỗi: {}", json_message(.0))]
    Json(#[from] serde_json::Error),
    /// A file larger than any export Thidua writes is not read at all.
    #[error("Tệp nhập lớn {mb} MB, quá giới hạn {limit} MB của một bản xuất; Thidua không đọc tệp này và không có gì được nhập.", limit = MAX_IMPORT_BYTES / 1024 / 1024)]
    TooLarge { mb: String },
    #[error("Không đọc được tệp nhập {path}: {reason}")]
    Read { path: String, reason: String },
    /// A row the import would write breaks a rule a save enforces; the message names the
    /// table, the row and the field.
    #[error("{}; không có gì được nhập.", .0.to_string().trim_end_matches('.'))]
    Invalid(RecordError),
    /// An attached file whose bytes do not match the checksum or size the export states.
    #[error("Tệp gốc của bài viết nguồn #{source_id} trong bản xuất không khớp {what} đã ghi: bản xuất bị hỏng hoặc đã bị sửa; không có gì được nhập.")]
    FileMismatch { source_id: i64, what: &'static str },
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
            TransferError::TooLarge { .. } => "transfer.too_large",
            TransferError::Read { .. } => "transfer.read",
            TransferError::Invalid(e) => e.code(),
            TransferError::FileMismatch { .. } => "transfer.file_mismatch",
            TransferError::Storage(e) => e.code(),
        }
    }
}

impl From<TransferError> for crate::UserError {
    fn from(e: TransferError) -> Self {
        let message = e.to_string();
        match e {
            // The field the refused row concerns goes with the message.
            TransferError::Invalid(r) => {
                let mut u: crate::UserError = r.into();
                u.message = message;
                u
            }
            e => crate::UserError::new(e.code(), message),
        }
    }
}

/// serde's own words say where the file is broken; its English is kept out of the message and
/// only the line and column are told.
fn json_message(e: &serde_json::Error) -> String {
    let what = match e.classify() {
        serde_json::error::Category::Io => "không đọc được",
        serde_json::error::Category::Syntax => "sai cú pháp JSON",
        serde_json::error::Category::Data => "dữ liệu không đúng kiểu",
        serde_json::error::Category::Eof => "tệp bị cắt cụt",
    };
    format!("{what} (dòng {}, cột {})", e.line(), e.column())
}

/// The largest export file read: far beyond any real database (attached articles are at most
/// 50 MB each), small enough that reading it cannot exhaust the clerk's computer.
pub const MAX_IMPORT_BYTES: u64 = 1024 * 1024 * 1024;

fn too_large(bytes: u64) -> TransferError {
    TransferError::TooLarge {
        mb: crate::text::vn_number((bytes as f64 / 1024.0 / 1024.0).round()),
    }
}

/// Imports an export file: its size is checked before a byte is read.
pub fn import_file(store: &mut Store, path: &std::path::Path) -> Result<(), TransferError> {
    let read_error = |e: std::io::Error| TransferError::Read {
        path: path.display().to_string(),
        reason: crate::error::io_reason_vi(&e),
    };
    let size = std::fs::metadata(path).map_err(read_error)?.len();
    if size > MAX_IMPORT_BYTES {
        return Err(too_large(size));
    }
    let bytes = std::fs::read(path).map_err(read_error)?;
    let text = String::from_utf8(bytes).map_err(|_| TransferError::Read {
        path: path.display().to_string(),
        reason: "tệp không phải văn bản UTF-8 (bản xuất của Thidua luôn là UTF-8)".into(),
    })?;
    import(store, &text)
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
    if json.len() as u64 > MAX_IMPORT_BYTES {
        return Err(too_large(json.len() as u64));
    }
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
    // Each attached file is what the export says it is, before anything is written.
    for f in &data.side.files {
        if f.data.len() as i64 != f.size {
            return Err(TransferError::FileMismatch {
                source_id: f.source_id,
                what: "kích thước",
            });
        }
        if !f
            .sha256
            .eq_ignore_ascii_case(&super::sources::sha256_hex(&f.data))
        {
            return Err(TransferError::FileMismatch {
                source_id: f.source_id,
                what: "mã kiểm tra SHA-256",
            });
        }
    }
    let written: Vec<(RecordKind, Vec<i64>)> = records
        .iter()
        .map(|(kind, rows)| {
            (
                *kind,
                rows.iter()
                    .filter_map(|r| r.get("id").and_then(Value::as_i64))
                    .collect(),
            )
        })
        .collect();
    let side = &data.side;
    store.replace_all(
        &Contents {
            records,
            audit: &data.audit,
            side,
        },
        // Every row as a save would check it, in the state the whole import leaves (a unit may
        // name a parent further down the file); the first refusal rolls the import back.
        |tx| {
            for (kind, ids) in &written {
                for id in ids {
                    super::validate::stored_row(tx, *kind, *id).map_err(|e| {
                        TransferError::Invalid(super::validate::in_context(
                            e,
                            &format!(
                                "Bản xuất có dữ liệu không hợp lệ ở bảng {} ({}), bản ghi #{id}",
                                kind.table(),
                                kind.label_vi()
                            ),
                        ))
                    })?;
                }
            }
            check_side(tx, side)
        },
    )?;
    Ok(())
}

/// Narratives and settings are checked as their own save checks them.
fn check_side(tx: &crate::storage::Tx<'_>, side: &SideTables) -> Result<(), TransferError> {
    use super::reports::content;
    let refused = |table: &str, row: String, e: RecordError| {
        TransferError::Invalid(super::validate::in_context(
            e,
            &format!("Bản xuất có dữ liệu không hợp lệ ở bảng {table}, dòng {row}"),
        ))
    };
    let shape = |table: &str, row: String| {
        refused(
            table,
            row,
            RecordError::invalid(
                "validation.shape",
                "value",
                "nội dung không đúng dạng Thidua ghi",
            ),
        )
    };
    for t in &side.report_texts {
        let row = format!("{} «{}»", t.year, t.scope);
        content::check_report_year(t.year).map_err(|e| refused("report_texts", row.clone(), e))?;
        let n: content::Narrative =
            serde_json::from_str(&t.narrative).map_err(|_| shape("report_texts", row.clone()))?;
        content::checked_narrative(tx.db(), &n).map_err(|e| refused("report_texts", row, e))?;
    }
    for (key, value) in &side.settings {
        let row = format!("«{key}»");
        if key == content::SETTINGS_KEY {
            let s: content::ReportSettings =
                serde_json::from_str(value).map_err(|_| shape("settings", row.clone()))?;
            content::checked_settings(&s).map_err(|e| refused("settings", row, e))?;
        } else if serde_json::from_str::<Value>(value).is_err()
            || value.chars().count() > crate::domain::shape::MAX_NOTE
        {
            return Err(shape("settings", row));
        }
    }
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
