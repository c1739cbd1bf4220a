//! Bulk replacement of the whole database (import of an export): one transaction, foreign keys
//! checked at commit, search index rebuilt. Bypasses the audit on purpose: an import brings its
//! own audit log.

use rusqlite::TransactionBehavior;
use serde_json::{Map, Value};

use super::rows::{self, params};
use super::{search, Result, Store};
use crate::domain::RecordKind;

pub struct Contents<'a> {
    pub records: Vec<(RecordKind, Vec<Map<String, Value>>)>,
    pub audit: &'a [Map<String, Value>],
}

fn field(row: &Map<String, Value>, names: &[&str]) -> Vec<Value> {
    names
        .iter()
        .map(|n| row.get(*n).cloned().unwrap_or(Value::Null))
        .collect()
}

impl Store {
    pub fn replace_all(&mut self, contents: &Contents<'_>) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.pragma_update(None, "defer_foreign_keys", "ON")?;
        for kind in RecordKind::ALL.iter().rev() {
            tx.execute(&format!("DELETE FROM {}", kind.table()), [])?;
        }
        tx.execute("DELETE FROM audit", [])?;
        for (kind, list) in &contents.records {
            for row in list {
                rows::insert_exact(&tx, &self.columns, *kind, row)?;
            }
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
        search::rebuild(&tx)?;
        tx.commit()?;
        Ok(())
    }
}
