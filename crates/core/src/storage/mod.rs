//! Storage: the only module that runs SQL. Opens (or creates) the SQLite file, applies migrations,
//! and offers typed reads and the single write path to the services above it.

pub mod backup;
pub mod bulk;
mod collation;
mod identity;
pub mod lock;
mod migrations;
pub mod overview;
pub mod provinces;
pub mod queries;
mod row_de;
pub mod rows;
pub mod search;
mod seed;
pub mod settings;
pub mod source_files;
pub mod write;

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::domain::{Record, RecordKind};
pub use collation::compare as compare_vi;
pub use migrations::LATEST_VERSION;
pub use rows::Columns;
pub use write::{Action, AuditRow, Tx};

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("Không tạo được thư mục chứa cơ sở dữ liệu {path}: {source}")]
    CreateDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("Không mở được cơ sở dữ liệu {path}: {source}")]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("Cơ sở dữ liệu do phiên bản Thidua mới hơn tạo (lược đồ {found}, phiên bản này hiểu đến {supported}); hãy cập nhật Thidua.")]
    TooNew { found: i64, supported: i64 },
    /// `detail` is SQLite's own words, for a developer's debug output; the clerk is told in
    /// Vietnamese only.
    #[error("Nâng cấp cơ sở dữ liệu lên phiên bản {version} thất bại: tệp không có cấu trúc dữ liệu Thidua mong đợi. Tệp được giữ nguyên như trước (có bản chụp trước khi nâng cấp bên cạnh nếu tệp đã có dữ liệu).")]
    Migration { version: i64, detail: String },
    #[error("Không tìm thấy bản ghi {} #{id} (có thể đã bị xóa).", kind.label_vi().to_lowercase())]
    NotFound { kind: RecordKind, id: i64 },
    #[error("Tệp {path} không phải cơ sở dữ liệu của Thidua{detail}; Thidua không mở và không sửa tệp này. Hãy chọn tệp .sqlite3 do Thidua tạo.")]
    NotThidua { path: PathBuf, detail: &'static str },
    #[error("Tệp cơ sở dữ liệu {path} bị hỏng ({detail}). Thidua không ghi gì vào tệp này; hãy khôi phục từ bản sao lưu gần nhất (Cài đặt › Khôi phục, hoặc thidua restore).")]
    Damaged { path: PathBuf, detail: String },
    #[error("Dữ liệu không khớp lược đồ: {0}")]
    Schema(String),
    #[error("Ổ đĩa chứa cơ sở dữ liệu đã đầy: thay đổi này chưa được lưu, các hồ sơ đã lưu trước đó vẫn nguyên vẹn. Hãy giải phóng chỗ trống trên ổ đĩa rồi làm lại.")]
    Full,
    #[error("Tệp cơ sở dữ liệu đang bị một chương trình khác khóa: thay đổi này chưa được lưu. Hãy đóng chương trình đó (hoặc cửa sổ Thidua khác) rồi làm lại.")]
    Locked,
    #[error("Tệp cơ sở dữ liệu {path} đang được mở (trong một cửa sổ Thidua, lệnh thidua khác hoặc bản sao lưu tự động đang chạy): Thidua không thay tệp đang dùng. Hãy đóng cửa sổ hoặc lệnh đang dùng tệp rồi làm lại; không có gì bị thay đổi.")]
    InUse { path: PathBuf },
    #[error("Không tìm thấy tệp cơ sở dữ liệu {path}, nhưng bên cạnh có {backups} bản sao lưu của nó. Thidua không tạo tệp trống thay vào chỗ đó: hãy khôi phục bản sao lưu gần nhất (cửa sổ khôi phục, hoặc thidua restore) hoặc chọn tệp khác.")]
    Missing { path: PathBuf, backups: usize },
    #[error("Lỗi cơ sở dữ liệu: {0}")]
    Sql(rusqlite::Error),
}

impl From<rusqlite::Error> for StorageError {
    /// A full disk and a file locked by another program are told apart: the clerk can act on
    /// them.
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DiskFull) => StorageError::Full,
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                StorageError::Locked
            }
            _ => StorageError::Sql(e),
        }
    }
}

impl StorageError {
    /// A stable code for the UI and scripts; the message may change, the code does not.
    pub fn code(&self) -> &'static str {
        match self {
            StorageError::CreateDir { .. } => "storage.create_dir",
            StorageError::Open { .. } => "storage.open",
            StorageError::TooNew { .. } => "storage.too_new",
            StorageError::Damaged { .. } => "storage.damaged",
            StorageError::NotThidua { .. } => "storage.not_thidua",
            StorageError::Migration { .. } => "storage.migration",
            StorageError::NotFound { .. } => "storage.not_found",
            StorageError::Schema(_) => "storage.schema",
            StorageError::Full => "storage.full",
            StorageError::Locked | StorageError::InUse { .. } => "storage.locked",
            StorageError::Missing { .. } => "storage.missing",
            StorageError::Sql(_) => "storage.sql",
        }
    }
}

pub type Result<T, E = StorageError> = std::result::Result<T, E>;

/// The record kinds a user sees counted, with their tables. Order is the display order.
pub const RECORD_TABLES: &[(&str, &str)] = &[
    ("cluster", "clusters"),
    ("unit", "units"),
    ("event", "events"),
    ("pledge", "pledges"),
    ("award", "awards"),
    ("person", "people"),
    ("personnel_change", "personnel_changes"),
    ("figure", "figures"),
    ("source", "sources"),
];

/// An open Thidua database.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    columns: Columns,
    /// The kinds of record the last committed step (or undo) changed.
    changed: Vec<RecordKind>,
    integrity: Integrity,
    access: Access,
    /// The shared lock every connection of a file holds (`lock`): a restore waits for it.
    _lock: Option<lock::Held>,
}

/// How the connection was opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Access {
    ReadWrite,
    /// A large file whose quick check has not answered yet: reopened for writing once it has.
    UntilChecked,
    /// A backup's connection: never written through.
    ReadOnly,
}

/// Files up to this size are checked before they are opened; larger ones while they are read
/// (a quick check reads the whole file: about 4 s for 20 years of a province's records).
pub const CHECK_BEFORE_OPENING_UP_TO: u64 = 32 * 1024 * 1024;

/// SQLite's quick check of the file as it was opened. A damaged file is never written: every
/// write waits for the verdict of a check still running (`Store::writable`).
enum Integrity {
    Checked,
    Pending(std::thread::JoinHandle<Result<()>>),
    Damaged(String),
}

/// SQLite's quick integrity check, on a read-only connection, before the file is opened for
/// writing: a damaged file is never written to (not even by a migration).
fn quick_check(path: &Path) -> Result<()> {
    let has_data = std::fs::metadata(path)
        .map(|m| m.len() > 0)
        .unwrap_or(false);
    if !has_data {
        return Ok(());
    }
    let damaged = |detail: String| StorageError::Damaged {
        path: path.to_path_buf(),
        detail,
    };
    let conn = identity::open_read_only(path).map_err(|e| damaged(e.to_string()))?;
    let verdict: String = conn
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .map_err(|e| damaged(e.to_string()))?;
    if verdict == "ok" {
        Ok(())
    } else {
        Err(damaged(
            verdict.lines().next().unwrap_or_default().to_string(),
        ))
    }
}

/// What every connection refuses, whatever file it opens: a crafted database brings its own
/// triggers and views, which must not call functions or virtual tables with side effects
/// (`trusted_schema` off), nor corrupt the file through its schema (SQLite's defensive flag).
fn harden(conn: &Connection) -> rusqlite::Result<()> {
    use rusqlite::config::DbConfig;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA, false)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    Ok(())
}

fn open_read_write(path: &Path) -> Result<Connection> {
    let conn = Connection::open(path).map_err(|source| StorageError::Open {
        path: path.to_path_buf(),
        source,
    })?;
    harden(&conn)?;
    Ok(conn)
}

impl Store {
    /// Opens the database at `path`, creating the file and its folder if needed, and brings its
    /// schema up to date (snapshotting an existing file first, see `migrations`).
    pub fn open(path: &Path) -> Result<Store> {
        Store::open_checking(path, CHECK_BEFORE_OPENING_UP_TO)
    }

    /// `open`, with the quick check run before opening a file of up to `before_up_to` bytes and
    /// on a thread of its own for a larger one: the file is read through a read-only connection
    /// meanwhile (nothing, not even a checkpoint on close, can write to it), and the first write
    /// waits for the verdict and only then opens it for writing.
    pub fn open_checking(path: &Path, before_up_to: u64) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StorageError::CreateDir {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        // Identity and version first, read-only: another program's file, a look-alike and one
        // from a newer Thidua are refused before anything could change them.
        let lock = lock::shared(path);
        let header = match identity::check(path) {
            Ok(header) => header,
            Err(e) => {
                lock.release_refused();
                return Err(e);
            }
        };
        let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        let (conn, integrity, access) = if size <= before_up_to {
            quick_check(path)?;
            (
                open_read_write(path)?,
                Integrity::Checked,
                Access::ReadWrite,
            )
        } else {
            let p = path.to_path_buf();
            let pending = Integrity::Pending(std::thread::spawn(move || quick_check(&p)));
            let conn = identity::open_read_only(path).map_err(|source| StorageError::Open {
                path: path.to_path_buf(),
                source,
            })?;
            (conn, pending, Access::UntilChecked)
        };
        let mut store = Store {
            conn,
            path: Some(path.to_path_buf()),
            columns: Columns::default(),
            changed: Vec::new(),
            integrity,
            access,
            _lock: Some(lock),
        };
        if header.version < LATEST_VERSION || !header.stamped || !store.is_wal()? {
            // An upgrade, the stamp or the switch to WAL writes: only to a file known to be
            // sound (this waits for the check and reopens the file for writing).
            store.writable()?;
        }
        store.configure()?;
        if store.access == Access::ReadWrite {
            if migrations::apply(&mut store.conn, Some(path))? {
                let tx = store.conn.transaction()?;
                search::rebuild(&tx)?;
                tx.commit()?;
            }
            identity::stamp(&store.conn)?;
        }
        store.columns = Columns::load(&store.conn)?;
        Ok(store)
    }

    /// A read-only connection to a Thidua database already opened elsewhere (the app's
    /// automatic backup copies through it on a thread of its own, so the window's connection is
    /// never held while seconds of copying go on). Nothing can be written through it.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        let lock = lock::shared(path);
        if let Err(e) = identity::check(path) {
            lock.release_refused();
            return Err(e);
        }
        let conn = identity::open_read_only(path).map_err(|source| StorageError::Open {
            path: path.to_path_buf(),
            source,
        })?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        collation::register(&conn)?;
        let columns = Columns::load(&conn)?;
        Ok(Store {
            conn,
            path: Some(path.to_path_buf()),
            columns,
            changed: Vec::new(),
            integrity: Integrity::Checked,
            access: Access::ReadOnly,
            _lock: Some(lock),
        })
    }

    /// A migrated database in memory, for tests and dry runs.
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        harden(&conn)?;
        let mut store = Store {
            conn,
            path: None,
            columns: Columns::default(),
            changed: Vec::new(),
            integrity: Integrity::Checked,
            access: Access::ReadWrite,
            _lock: None,
        };
        store.configure()?;
        migrations::apply(&mut store.conn, None)?;
        identity::stamp(&store.conn)?;
        store.columns = Columns::load(&store.conn)?;
        Ok(store)
    }

    fn is_wal(&self) -> Result<bool> {
        let mode: String = self
            .conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))?;
        Ok(mode.eq_ignore_ascii_case("wal"))
    }

    /// Waits for the verdict of the quick check if it is still running; a damaged file refuses
    /// every write (`storage.damaged`), reads go on. A sound file read so far through a
    /// read-only connection is opened for writing now.
    pub fn writable(&mut self) -> Result<()> {
        self.integrity = match std::mem::replace(&mut self.integrity, Integrity::Checked) {
            Integrity::Pending(handle) => match handle.join() {
                Ok(Ok(())) => Integrity::Checked,
                Ok(Err(StorageError::Damaged { detail, .. })) => Integrity::Damaged(detail),
                Ok(Err(other)) => Integrity::Damaged(other.to_string()),
                Err(_) => Integrity::Damaged("không kiểm tra được tệp".into()),
            },
            known => known,
        };
        if let Integrity::Damaged(detail) = &self.integrity {
            return Err(StorageError::Damaged {
                path: self.path.clone().unwrap_or_default(),
                detail: detail.clone(),
            });
        }
        if self.access == Access::UntilChecked {
            let Some(path) = self.path.clone() else {
                return Ok(());
            };
            self.conn = open_read_write(&path)?;
            self.access = Access::ReadWrite;
            self.configure()?;
        } else if self.access == Access::ReadWrite && self.lost_its_log() {
            // Another process closed the file believing it was the last one (something in this
            // process closed a plain handle on it, which drops SQLite's locks): it has already
            // copied every commit of ours into the file and deleted the log this connection
            // would go on writing into, unseen. A new connection writes where others read.
            let Some(path) = self.path.clone() else {
                return Ok(());
            };
            self.conn = open_read_write(&path)?;
            self.configure()?;
        }
        Ok(())
    }

    /// Whether the write-ahead log this connection uses is gone from the folder. While a
    /// connection is open the log stays; only a process that believes itself the last one
    /// deletes it.
    fn lost_its_log(&self) -> bool {
        match &self.path {
            Some(path) => !journal_files(path)[0].exists() && self.is_wal().unwrap_or(false),
            None => false,
        }
    }

    /// Whether the quick check has finished (either way) — for tests and the benchmark.
    pub fn integrity_known(&self) -> bool {
        !matches!(&self.integrity, Integrity::Pending(h) if !h.is_finished())
    }

    fn configure(&mut self) -> Result<()> {
        // WAL keeps the file consistent if the app is killed mid-write; foreign keys are off by
        // default in SQLite and must be enabled per connection. Asked first: setting it on a
        // file already in WAL mode is a no-op, on another it writes the header. A read-only
        // connection is only kept on a file already in WAL mode (see `open_checking`).
        let writes = self.access == Access::ReadWrite;
        if writes && !self.is_wal()? {
            self.writable()?;
            self.conn.pragma_update(None, "journal_mode", "WAL")?;
        }
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        if writes {
            // FULL: a change reported as saved survives a power cut (NORMAL may lose the last
            // ones).
            self.conn.pragma_update(None, "synchronous", "FULL")?;
        }
        self.conn.busy_timeout(std::time::Duration::from_secs(5))?;
        collation::register(&self.conn)?;
        Ok(())
    }

    /// Read access for the storage functions (services pass it on; they cannot run SQL).
    pub fn db(&self) -> Db<'_> {
        Db {
            conn: &self.conn,
            columns: &self.columns,
        }
    }

    /// A live record by id.
    pub fn get<R: Record>(&self, id: i64) -> Result<Option<R>> {
        get_live(self.db(), id)
    }

    /// The kinds of record the last write changed (what screens showing them must reload).
    pub fn last_changed(&self) -> &[RecordKind] {
        &self.changed
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// How long a write waits for another program's lock before giving up (5 s by default).
    pub fn set_busy_timeout_ms(&self, ms: u64) -> Result<()> {
        self.conn
            .busy_timeout(std::time::Duration::from_millis(ms))?;
        Ok(())
    }

    /// Caps the file at its current size plus `extra_pages` pages (SQLite's `max_page_count`),
    /// the way a full disk would: how the full-disk path is tested without filling a disk.
    pub fn limit_growth(&mut self, extra_pages: i64) -> Result<()> {
        self.writable()?;
        let pages: i64 = self
            .conn
            .pragma_query_value(None, "page_count", |r| r.get(0))?;
        self.conn
            .pragma_update(None, "max_page_count", pages + extra_pages)?;
        Ok(())
    }

    /// Live (not deleted) records of each kind in `RECORD_TABLES`.
    pub fn record_counts(&self) -> Result<Vec<(&'static str, i64)>> {
        RECORD_TABLES
            .iter()
            .map(|(kind, table)| {
                let sql = format!("SELECT count(*) FROM {table} WHERE deleted_at IS NULL");
                let n: i64 = self.conn.query_row(&sql, [], |r| r.get(0))?;
                Ok((*kind, n))
            })
            .collect()
    }
}

/// The write-ahead log and shared-memory files of the database at `path`, under SQLite's own
/// names: the file's whole name with `-wal` and `-shm` (`x.db-wal`, not `x.sqlite3-wal`).
pub fn journal_files(path: &Path) -> [PathBuf; 2] {
    ["-wal", "-shm"].map(|suffix| {
        let mut name = path.as_os_str().to_os_string();
        name.push(suffix);
        PathBuf::from(name)
    })
}

/// The columns of a kind's table, as the open database has them (besides `id`).
pub fn columns_of(store: &Store, kind: RecordKind) -> Vec<String> {
    store.columns.of(kind).to_vec()
}

/// A read handle on the open database: what storage's query functions take, from a `Store` or
/// from inside a write's transaction (`Tx::db`). Its connection is private to storage, so no
/// other module can run SQL.
#[derive(Clone, Copy)]
pub struct Db<'a> {
    conn: &'a Connection,
    columns: &'a Columns,
}

impl<'a> Db<'a> {
    pub fn columns(&self) -> &'a Columns {
        self.columns
    }
}

/// A live (not deleted) record by id.
pub fn get_live<R: Record>(db: Db<'_>, id: i64) -> Result<Option<R>> {
    match live_row(db, R::KIND, id)? {
        Some(row) => {
            let r = serde_json::from_value(serde_json::Value::Object(row))
                .map_err(|e| StorageError::Schema(format!("{}: {e}", R::KIND.table())))?;
            Ok(Some(r))
        }
        None => Ok(None),
    }
}

/// A record's columns as a JSON object (without `deleted_at`), live or in the trash, and
/// whether it is in the trash; None when there is no such row.
pub fn any_row(
    db: Db<'_>,
    kind: RecordKind,
    id: i64,
) -> Result<Option<(serde_json::Map<String, serde_json::Value>, bool)>> {
    Ok(
        rows::snapshot(db.conn, db.columns, kind, id)?.map(|mut row| {
            let deleted = row.remove("deleted_at").is_some_and(|d| !d.is_null());
            (row, deleted)
        }),
    )
}

/// A live record's columns as a JSON object (without `deleted_at`), or None.
pub fn live_row(
    db: Db<'_>,
    kind: RecordKind,
    id: i64,
) -> Result<Option<serde_json::Map<String, serde_json::Value>>> {
    match rows::snapshot(db.conn, db.columns, kind, id)? {
        Some(mut row) if row.get("deleted_at").is_none_or(serde_json::Value::is_null) => {
            row.remove("deleted_at");
            Ok(Some(row))
        }
        _ => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creates_file_and_folder_and_migrates() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("t.sqlite3");
        let store = Store::open(&path).unwrap();
        assert!(path.exists());
        assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
        drop(store);
        // Opening again is a no-op migration.
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    }

    /// Every connection refuses what a crafted file could use: its schema is not trusted (no
    /// function or virtual table with side effects from its triggers and views) and the
    /// defensive flag keeps `writable_schema` off, so nothing can rewrite the schema by hand.
    #[test]
    fn every_connection_is_hardened() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.sqlite3");
        let check = |conn: &Connection, what: &str| {
            let trusted: i64 = conn
                .query_row("PRAGMA trusted_schema", [], |r| r.get(0))
                .unwrap();
            assert_eq!(trusted, 0, "{what}: trusted_schema");
            let _ = conn.execute_batch("PRAGMA writable_schema = ON");
            let writable: i64 = conn
                .query_row("PRAGMA writable_schema", [], |r| r.get(0))
                .unwrap();
            assert_eq!(
                writable, 0,
                "{what}: writable_schema under the defensive flag"
            );
        };
        let store = Store::open(&path).unwrap();
        check(&store.conn, "read-write");
        let ro = Store::open_read_only(&path).unwrap();
        check(&ro.conn, "read-only");
        check(&Store::open_in_memory().unwrap().conn, "in memory");
        check(&identity::open_read_only(&path).unwrap(), "identity check");
    }

    #[test]
    fn new_database_counts_zero_records() {
        let store = Store::open_in_memory().unwrap();
        let counts = store.record_counts().unwrap();
        assert_eq!(counts.len(), RECORD_TABLES.len());
        assert!(counts.iter().all(|(_, n)| *n == 0));
    }
}
