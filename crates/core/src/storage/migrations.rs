//! Schema migrations, embedded in the binary. The schema version is SQLite's `user_version`; each
//! migration runs in its own IMMEDIATE transaction, so a failure leaves the file at the previous
//! version. Before migrating an existing file we snapshot it with `VACUUM INTO`, so a bad upgrade
//! can never cost the clerk their records.

use std::path::Path;

use rusqlite::{Connection, TransactionBehavior};

use super::{Result, StorageError};

enum Step {
    Sql(&'static str),
    Rust(fn(&rusqlite::Transaction<'_>) -> rusqlite::Result<()>),
}

/// Migration `i` (0-based) brings the schema to version `i + 1`. Append only: never edit a
/// migration that has shipped.
const MIGRATIONS: &[Step] = &[
    Step::Sql(include_str!("migrations/0001_schema.sql")),
    // Code lists, award forms, indicators and the provinces data file (assets/data/provinces.json).
    Step::Rust(super::seed::seed_v2),
    // Clusters of every kind, documents, emulation results, wider figures, indicator aliases
    // (migrations/0003_model.sql) and their code lists.
    Step::Rust(super::seed::model_v3),
];

pub const LATEST_VERSION: i64 = MIGRATIONS.len() as i64;

/// Brings the schema to the latest version; returns whether an existing database was upgraded
/// (its search documents are then rebuilt, since they may show new columns).
pub(super) fn apply(conn: &mut Connection, path: Option<&Path>) -> Result<bool> {
    let current: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    apply_up_to(conn, path, LATEST_VERSION)?;
    Ok(current > 0 && current < LATEST_VERSION)
}

/// Applies migrations up to `target` (tests use it to build every earlier version).
pub(super) fn apply_up_to(conn: &mut Connection, path: Option<&Path>, target: i64) -> Result<()> {
    let current: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if current > LATEST_VERSION {
        return Err(StorageError::TooNew {
            found: current,
            supported: LATEST_VERSION,
        });
    }
    if current >= target {
        return Ok(());
    }
    if current > 0 {
        if let Some(path) = path {
            snapshot_before_migration(conn, path, current)?;
        }
    }
    for version in (current + 1)..=target {
        let step = &MIGRATIONS[(version - 1) as usize];
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let outcome = match step {
            Step::Sql(sql) => tx.execute_batch(sql),
            Step::Rust(f) => f(&tx),
        };
        outcome.map_err(|e| StorageError::Migration {
            version,
            message: e.to_string(),
        })?;
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
    }
    Ok(())
}

fn snapshot_before_migration(conn: &Connection, path: &Path, version: i64) -> Result<()> {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let name = format!(
        "{}.truoc-nang-cap-v{version}-{stamp}.sqlite3",
        path.file_stem().unwrap_or_default().to_string_lossy()
    );
    let backup = path.with_file_name(name);
    conn.execute("VACUUM INTO ?1", [backup.to_string_lossy()])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every earlier version upgrades to the latest, and leaves a snapshot of the old file.
    #[test]
    fn upgrades_from_every_earlier_version() {
        for from in 0..LATEST_VERSION {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("t.sqlite3");
            {
                let mut conn = Connection::open(&path).unwrap();
                apply_up_to(&mut conn, Some(&path), from).unwrap();
            }
            let store = super::super::Store::open(&path).unwrap();
            assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
            let snapshots = std::fs::read_dir(dir.path())
                .unwrap()
                .filter(|e| {
                    e.as_ref()
                        .unwrap()
                        .file_name()
                        .to_string_lossy()
                        .contains("truoc-nang-cap")
                })
                .count();
            assert_eq!(snapshots, usize::from(from > 0), "from version {from}");
        }
    }

    #[test]
    fn refuses_a_newer_schema() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", LATEST_VERSION + 1)
            .unwrap();
        let err = apply(&mut conn, None).unwrap_err();
        assert_eq!(err.code(), "storage.too_new");
    }
}
