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
    // Code-list entries as records, so the clerk edits them with history and undo.
    Step::Sql(include_str!("migrations/0004_code_entries.sql")),
    // Attached articles' original files, de-duplicated by SHA-256.
    Step::Sql(include_str!("migrations/0005_source_files.sql")),
    // Settings asked for once (what reports print in their header and signature).
    Step::Sql(include_str!("migrations/0006_settings.sql")),
    // Search by tiers over the folded title and text only (the index a third of its size), and
    // the indexes a year's lists need.
    Step::Sql(include_str!("migrations/0007_search_tiers.sql")),
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
            detail: e.to_string(),
        })?;
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
    }
    Ok(())
}

fn snapshot_before_migration(conn: &Connection, path: &Path, version: i64) -> Result<()> {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    let prefix = format!("{stem}.truoc-nang-cap-v{version}-");
    let name = format!("{prefix}{stamp}.sqlite3");
    let backup = path.with_file_name(&name);
    if let Err(e) = conn.execute("VACUUM INTO ?1", [backup.to_string_lossy()]) {
        // A full disk leaves no partial snapshot behind.
        let _ = std::fs::remove_file(&backup);
        return Err(e.into());
    }
    // One snapshot per version: a retried upgrade (after a failure) replaces the earlier one
    // rather than adding another copy of the whole file each time.
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let other = entry.file_name().to_string_lossy().to_string();
        if other != name && other.starts_with(&prefix) && other.ends_with(".sqlite3") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
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

    /// A retried upgrade replaces the snapshot of its version instead of adding another copy of
    /// the whole file each time; another version's and another file's snapshots stay.
    #[test]
    fn one_snapshot_per_version() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.sqlite3");
        {
            let mut conn = Connection::open(&path).unwrap();
            apply_up_to(&mut conn, Some(&path), 3).unwrap();
        }
        // Snapshots an earlier, failed attempt left (as full copies of the file).
        let earlier = dir
            .path()
            .join("t.truoc-nang-cap-v3-20200101-000000.sqlite3");
        let other_version = dir
            .path()
            .join("t.truoc-nang-cap-v2-20200101-000000.sqlite3");
        let other_file = dir
            .path()
            .join("u.truoc-nang-cap-v3-20200101-000000.sqlite3");
        for f in [&earlier, &other_version, &other_file] {
            std::fs::copy(&path, f).unwrap();
        }
        super::super::Store::open(&path).unwrap();
        let v3: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .filter(|n| n.starts_with("t.truoc-nang-cap-v3-"))
            .collect();
        assert_eq!(v3.len(), 1, "{v3:?}");
        assert!(!earlier.exists());
        assert!(other_version.exists() && other_file.exists());
    }

    /// Data written at each earlier version is carried forward: rows keep their values, new
    /// columns get their defaults, figures survive the table rebuild, search finds them.
    #[test]
    fn carries_data_forward_from_every_earlier_version() {
        for from in 1..LATEST_VERSION {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("t.sqlite3");
            {
                let mut conn = Connection::open(&path).unwrap();
                apply_up_to(&mut conn, Some(&path), from).unwrap();
                conn.execute_batch(
                    "INSERT INTO units (id, kind, name) VALUES (1, 'btc_tinh_uy', 'Ban Tổ chức Tỉnh ủy Thử');
                     INSERT INTO clusters (id, name, sector) VALUES (1, 'Cụm thi đua số IX', 'to_chuc_xay_dung_dang');
                     INSERT INTO cluster_members (cluster_id, unit_id, year, role) VALUES (1, 1, 2020, 'cum_truong');
                     INSERT OR IGNORE INTO indicators (id, code, label, aggregation) VALUES (1, 'chi_tieu_thu', 'Chỉ tiêu thử', 'sum');
                     INSERT INTO figures (indicator_id, scope_cluster_id, period_kind, period_year, value, target)
                        VALUES (1, 1, 'year', 2020, 1234, 1500);",
                )
                .unwrap();
            }
            let store = super::super::Store::open(&path).unwrap();
            assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
            let db = store.db();
            let crate::domain::ListRows::Figures(figures) =
                super::super::queries::list(db, crate::domain::ListName::Figures, None).unwrap()
            else {
                panic!("figures")
            };
            assert_eq!(figures.len(), 1, "from version {from}");
            assert_eq!(
                (figures[0].value, figures[0].target, figures[0].period_year),
                (Some(1234.0), Some(1500.0), Some(2020))
            );
            assert_eq!(figures[0].percent_of_target, Some(82.27));
            let crate::domain::ListRows::Clusters(clusters) =
                super::super::queries::list(db, crate::domain::ListName::Clusters, None).unwrap()
            else {
                panic!("clusters")
            };
            assert_eq!(clusters[0].kind, "cum_btc_tinh", "from version {from}");
            let crate::domain::ListRows::Members(members) =
                super::super::queries::list(db, crate::domain::ListName::Members, None).unwrap()
            else {
                panic!("members")
            };
            assert_eq!(members[0].role, crate::domain::MemberRole::Leader);
            assert_eq!(members[0].role_label, "Cụm trưởng", "labels still join");
            // Code lists became records (version 4): every entry there before is built in.
            let crate::domain::ListRows::CodeEntries(entries) =
                super::super::queries::list(db, crate::domain::ListName::CodeEntries, None)
                    .unwrap()
            else {
                panic!("code entries")
            };
            assert!(entries.len() > 40, "from version {from}");
            assert!(entries.iter().all(|e| e.builtin && !e.retired));
            // The search index was rebuilt for the upgraded rows.
            let hits = crate::services::search::search(&store, "cum thi dua so ix", 5).unwrap();
            assert!(!hits.is_empty(), "from version {from}");
        }
    }

    /// The rows every schema fixture holds (valid at every version).
    const FIXTURE_ROWS: &str = "INSERT INTO units (id, kind, name) VALUES (1, 'btc_tinh_uy', 'Ban Tổ chức Tỉnh ủy Thử');
         INSERT INTO clusters (id, name, sector) VALUES (1, 'Cụm thi đua số IX', 'to_chuc_xay_dung_dang');
         INSERT INTO cluster_members (cluster_id, unit_id, year, role) VALUES (1, 1, 2020, 'cum_truong');
         INSERT OR IGNORE INTO indicators (id, code, label, aggregation) VALUES (1, 'chi_tieu_thu', 'Chỉ tiêu thử', 'sum');
         INSERT INTO figures (indicator_id, scope_cluster_id, period_kind, period_year, value, target)
            VALUES (1, 1, 'year', 2020, 1234, 1500);
         INSERT INTO people (id, full_name, family_name, given_name) VALUES (1, 'Nguyễn Giờ', 'Nguyễn', 'Giờ');";

    fn fixture_dir() -> std::path::PathBuf {
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema")
    }

    /// Writes `tests/fixtures/schema/vN.sqlite3`, a database of each released schema version
    /// with a few rows. Run once when a version ships; the files are then kept as they are:
    /// `cargo test -p thidua-core --lib write_schema_fixtures -- --ignored`.
    #[test]
    #[ignore]
    fn write_schema_fixtures() {
        std::fs::create_dir_all(fixture_dir()).unwrap();
        for version in 1..=LATEST_VERSION {
            let path = fixture_dir().join(format!("v{version}.sqlite3"));
            if path.exists() {
                continue;
            }
            let mut conn = Connection::open(&path).unwrap();
            conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
            apply_up_to(&mut conn, None, version).unwrap();
            conn.execute_batch(FIXTURE_ROWS).unwrap();
            conn.execute_batch("VACUUM").unwrap();
        }
    }

    /// The kept database of every released schema version opens, upgrades and keeps its data.
    #[test]
    fn every_kept_schema_fixture_upgrades_with_its_data() {
        let mut seen = 0;
        for version in 1..=LATEST_VERSION {
            let fixture = fixture_dir().join(format!("v{version}.sqlite3"));
            assert!(
                fixture.exists(),
                "no fixture for schema {version}: run write_schema_fixtures"
            );
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("t.sqlite3");
            std::fs::copy(&fixture, &path).unwrap();
            let found: i64 = Connection::open(&path)
                .unwrap()
                .pragma_query_value(None, "user_version", |r| r.get(0))
                .unwrap();
            assert_eq!(found, version, "the fixture is of its version");
            let store = super::super::Store::open(&path).unwrap();
            assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
            let db = store.db();
            let crate::domain::ListRows::Figures(figures) =
                super::super::queries::list(db, crate::domain::ListName::Figures, None).unwrap()
            else {
                panic!("figures")
            };
            assert_eq!(
                (
                    figures[0].value,
                    figures[0].target,
                    figures[0].percent_of_target
                ),
                (Some(1234.0), Some(1500.0), Some(82.27)),
                "schema {version}"
            );
            let crate::domain::ListRows::People(people) =
                super::super::queries::list(db, crate::domain::ListName::People, None).unwrap()
            else {
                panic!("people")
            };
            assert_eq!(people[0].full_name, "Nguyễn Giờ");
            // An upgrade rebuilds the search index (the fixtures' rows were written without it;
            // the latest version's fixture is not upgraded yet).
            if version < LATEST_VERSION {
                let hits = crate::services::search::search(&store, "nguyen gio", 5).unwrap();
                assert!(!hits.is_empty(), "schema {version}: search rebuilt");
            }
            assert!(crate::storage::backup::check(&path).is_ok());
            seen += 1;
        }
        assert_eq!(seen, LATEST_VERSION);
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
