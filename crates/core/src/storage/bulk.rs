//! Bulk replacement of the whole database (import of an export): one transaction, foreign keys
//! checked at commit, search index rebuilt. Bypasses the audit on purpose: an import brings its
//! own audit log. Also reads and writes the tables that are not records (attached files, the
//! database's settings, the reports' narratives), so an export carries everything.

use rusqlite::{params as sql_params, TransactionBehavior};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::rows::{self, params};
use super::{search, Db, Result, Store, Tx};
use crate::domain::RecordKind;

pub struct Contents<'a> {
    pub records: Vec<(RecordKind, Vec<Map<String, Value>>)>,
    pub audit: &'a [Map<String, Value>],
    pub side: &'a SideTables,
}

/// An attached article's original file, its bytes as base64 in JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileRow {
    pub source_id: i64,
    pub sha256: String,
    pub size: i64,
    #[serde(with = "as_base64")]
    pub data: Vec<u8>,
    pub html: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportTextRow {
    pub year: i32,
    pub scope: String,
    pub narrative: String,
    pub updated_at: String,
}

/// What is not a record but belongs to the database.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SideTables {
    pub files: Vec<FileRow>,
    /// Key → JSON value.
    pub settings: Vec<(String, String)>,
    pub report_texts: Vec<ReportTextRow>,
}

mod as_base64 {
    use base64::Engine;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&base64::engine::general_purpose::STANDARD.encode(bytes))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(d)?;
        base64::engine::general_purpose::STANDARD
            .decode(text.as_bytes())
            .map_err(serde::de::Error::custom)
    }
}

/// Every row of the tables that are not records.
pub fn side_tables(db: Db<'_>) -> Result<SideTables> {
    let conn = db.conn;
    let files = conn
        .prepare("SELECT source_id, sha256, size, data, html FROM source_files ORDER BY source_id")?
        .query_map([], |r| {
            Ok(FileRow {
                source_id: r.get(0)?,
                sha256: r.get(1)?,
                size: r.get(2)?,
                data: r.get(3)?,
                html: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let settings = conn
        .prepare("SELECT key, value FROM settings ORDER BY key")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let report_texts = conn
        .prepare(
            "SELECT year, scope, narrative, updated_at FROM report_texts ORDER BY year, scope",
        )?
        .query_map([], |r| {
            Ok(ReportTextRow {
                year: r.get(0)?,
                scope: r.get(1)?,
                narrative: r.get(2)?,
                updated_at: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(SideTables {
        files,
        settings,
        report_texts,
    })
}

fn field(row: &Map<String, Value>, names: &[&str]) -> Vec<Value> {
    names
        .iter()
        .map(|n| row.get(*n).cloned().unwrap_or(Value::Null))
        .collect()
}

impl Store {
    /// Replaces everything with `contents`, then runs `check` on the written state inside the
    /// same transaction (it sees every imported row, so references to rows later in the file
    /// resolve). A failed check rolls everything back: nothing of the import is written.
    pub fn replace_all<E: From<super::StorageError>>(
        &mut self,
        contents: &Contents<'_>,
        check: impl FnOnce(&Tx<'_>) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        self.writable()?;
        let tx = super::write::begin(&mut self.conn, &self.columns)?;
        write_all(&tx.tx, &self.columns, contents)?;
        tx.keep_same_keys();
        check(&tx)?;
        search::rebuild(&tx.tx)?;
        tx.tx.commit().map_err(super::StorageError::from)?;
        Ok(())
    }
}

fn write_all(
    tx: &rusqlite::Transaction<'_>,
    columns: &super::Columns,
    contents: &Contents<'_>,
) -> Result<()> {
    tx.pragma_update(None, "defer_foreign_keys", "ON")?;
    for kind in RecordKind::ALL.iter().rev() {
        tx.execute(&format!("DELETE FROM {}", kind.table()), [])?;
    }
    tx.execute("DELETE FROM audit", [])?;
    tx.execute("DELETE FROM source_files", [])?;
    tx.execute("DELETE FROM settings", [])?;
    tx.execute("DELETE FROM report_texts", [])?;
    for (kind, list) in &contents.records {
        rows::insert_all_exact(tx, columns, *kind, list)?;
    }
    for row in contents.audit {
        tx.execute(
                "INSERT INTO audit (id, step, at, action, kind, record_id, summary, before, after, undone_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params(field(
                    row,
                    &["id", "step", "at", "action", "kind", "record_id", "summary", "before", "after", "undone_at"],
                )),
            )?;
    }
    for f in &contents.side.files {
        tx.execute(
                "INSERT INTO source_files (source_id, sha256, size, data, html) VALUES (?1, ?2, ?3, ?4, ?5)",
                sql_params![f.source_id, f.sha256, f.size, f.data, f.html],
            )?;
    }
    for (key, value) in &contents.side.settings {
        tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)",
            sql_params![key, value],
        )?;
    }
    for t in &contents.side.report_texts {
        tx.execute(
            "INSERT INTO report_texts (year, scope, narrative, updated_at) VALUES (?1, ?2, ?3, ?4)",
            sql_params![t.year, t.scope, t.narrative, t.updated_at],
        )?;
    }
    Ok(())
}

impl Store {
    /// Adds generated records (`thidua gen`) in one transaction, without audit entries (no one
    /// made them), then rebuilds the search index.
    pub fn append_all(&mut self, records: &[(RecordKind, Vec<Map<String, Value>>)]) -> Result<()> {
        self.writable()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.pragma_update(None, "defer_foreign_keys", "ON")?;
        for (kind, list) in records {
            rows::insert_all_exact(&tx, &self.columns, *kind, list)?;
        }
        search::rebuild(&tx)?;
        tx.commit()?;
        Ok(())
    }
}

impl Store {
    /// The same rows `replace_all` would write, inserted bare in one transaction: one prepared
    /// statement per table, values bound as they are, no checks, no search documents. What the
    /// import benchmark measures the import against (a fresh database, never the clerk's).
    pub fn insert_rows_bare(
        &mut self,
        records: &[(RecordKind, Vec<Map<String, Value>>)],
    ) -> Result<usize> {
        self.writable()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.pragma_update(None, "defer_foreign_keys", "ON")?;
        for kind in RecordKind::ALL.iter().rev() {
            tx.execute(&format!("DELETE FROM {}", kind.table()), [])?;
        }
        let mut n = 0;
        for (kind, list) in records {
            let mut stmt = tx.prepare(&rows::insert_sql(&self.columns, *kind))?;
            for row in list {
                stmt.execute(rusqlite::params_from_iter(rows::row_values(
                    &self.columns,
                    *kind,
                    row,
                )))?;
                n += 1;
            }
        }
        tx.commit()?;
        Ok(n)
    }
}

impl Store {
    /// Every search document made again from the records, in one transaction.
    pub fn rebuild_search(&mut self) -> Result<()> {
        self.writable()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        search::rebuild(&tx)?;
        tx.commit()?;
        Ok(())
    }
}
