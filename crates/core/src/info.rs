//! `info`: what a database holds, for the start screen and `thidua info`.

use serde::Serialize;
use ts_rs::TS;

use crate::storage::{Result, Store};

/// How many live records of one kind the database holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RecordCount {
    /// Stable kind code, e.g. `cluster`, `award`.
    pub kind: String,
    /// Vietnamese label for display.
    pub label: String,
    pub count: i64,
}

/// The database's path, schema version and record counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DbInfo {
    pub path: String,
    pub schema_version: i64,
    pub counts: Vec<RecordCount>,
}

/// Vietnamese label of a record kind.
pub fn kind_label(kind: &str) -> &'static str {
    match kind {
        "cluster" => "Cụm thi đua",
        "unit" => "Đơn vị",
        "event" => "Hội nghị",
        "pledge" => "Giao ước thi đua",
        "award" => "Khen thưởng",
        "person" => "Cán bộ",
        "personnel_change" => "Công tác cán bộ",
        "figure" => "Số liệu",
        "source" => "Bài viết nguồn",
        _ => "Bản ghi",
    }
}

pub fn db_info(store: &Store) -> Result<DbInfo> {
    let counts = store
        .record_counts()?
        .into_iter()
        .map(|(kind, count)| RecordCount {
            kind: kind.to_string(),
            label: kind_label(kind).to_string(),
            count,
        })
        .collect();
    Ok(DbInfo {
        path: store
            .path()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| ":memory:".to_string()),
        schema_version: store.schema_version()?,
        counts,
    })
}
