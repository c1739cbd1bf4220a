//! Copies of the whole database: written with SQLite's online backup API (consistent while the
//! app runs), then checked (integrity, identity, schema) before anyone relies on them; restoring
//! checks the copy the same way and keeps the current file aside first, never overwriting it.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use super::{identity, migrations, StorageError, Store};

/// What a checked copy holds.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Checked {
    pub path: PathBuf,
    pub bytes: u64,
    pub schema_version: i64,
}

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("Bản sao {path} bị hỏng (kiểm tra toàn vẹn: {detail}); không dùng bản này.")]
    Damaged { path: PathBuf, detail: String },
    #[error("Tệp {0} là cơ sở dữ liệu trống, không phải bản sao dữ liệu Thidua.")]
    Empty(PathBuf),
    #[error("Không ghi được {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Storage(#[from] StorageError),
}

impl BackupError {
    pub fn code(&self) -> &'static str {
        match self {
            BackupError::Damaged { .. } => "backup.damaged",
            BackupError::Empty(_) => "backup.empty",
            BackupError::Io { .. } => "backup.io",
            BackupError::Storage(e) => e.code(),
        }
    }
}

impl From<BackupError> for crate::UserError {
    fn from(e: BackupError) -> Self {
        match e {
            BackupError::Storage(s) => s.into(),
            other => crate::UserError::new(other.code(), other.to_string()),
        }
    }
}

impl From<rusqlite::Error> for BackupError {
    fn from(e: rusqlite::Error) -> Self {
        BackupError::Storage(e.into())
    }
}

/// Checks a copy without changing it: a Thidua database (application id), from this or an
/// older schema, that passes SQLite's integrity check.
pub fn check(path: &Path) -> std::result::Result<Checked, BackupError> {
    let bytes = std::fs::metadata(path)
        .map_err(|source| BackupError::Io {
            path: path.to_path_buf(),
            source,
        })?
        .len();
    if bytes == 0 {
        return Err(BackupError::Empty(path.to_path_buf()));
    }
    identity::check(path)?;
    let conn =
        Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(|source| {
            StorageError::Open {
                path: path.to_path_buf(),
                source,
            }
        })?;
    let damaged = |detail: String| BackupError::Damaged {
        path: path.to_path_buf(),
        detail,
    };
    let verdict: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|e| damaged(e.to_string()))?;
    if verdict != "ok" {
        return Err(damaged(verdict));
    }
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version == 0 {
        return Err(BackupError::Empty(path.to_path_buf()));
    }
    if version > migrations::LATEST_VERSION {
        return Err(StorageError::TooNew {
            found: version,
            supported: migrations::LATEST_VERSION,
        }
        .into());
    }
    Ok(Checked {
        path: path.to_path_buf(),
        bytes,
        schema_version: version,
    })
}

/// The last undo step a backup holds (0 for none), read from the copy itself.
pub fn last_step(path: &Path) -> std::result::Result<i64, BackupError> {
    let conn = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|source| StorageError::Open {
            path: path.to_path_buf(),
            source,
        })?;
    Ok(conn.query_row("SELECT coalesce(max(step), 0) FROM audit", [], |r| r.get(0))?)
}

impl Store {
    /// Writes a consistent copy of the database to `out` (online backup), then checks it.
    pub fn backup_to(&self, out: &Path) -> std::result::Result<Checked, BackupError> {
        if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| BackupError::Io {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        // A fresh file each time: a backup never lands on top of an older one half-way.
        let partial = out.with_extension("dang-ghi");
        let _ = std::fs::remove_file(&partial);
        {
            let mut dst = Connection::open(&partial).map_err(|source| StorageError::Open {
                path: partial.clone(),
                source,
            })?;
            {
                let backup = rusqlite::backup::Backup::new(&self.conn, &mut dst)?;
                backup.run_to_completion(256, std::time::Duration::from_millis(5), None)?;
            }
            // One self-contained file: no write-ahead log beside it to lose on a USB stick.
            dst.pragma_update(None, "journal_mode", "DELETE")?;
        }
        check(&partial)?;
        std::fs::rename(&partial, out).map_err(|source| BackupError::Io {
            path: out.to_path_buf(),
            source,
        })?;
        check(out)
    }
}

/// Puts a checked copy in place of the database at `current`, which is kept aside first (as
/// `<name>.truoc-khoi-phuc-<time>.sqlite3`); returns where it was kept. The database must not be
/// open while this runs.
pub fn restore(current: &Path, copy: &Path) -> std::result::Result<Option<PathBuf>, BackupError> {
    check(copy)?;
    let kept = if current.exists() {
        let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
        let stem = current
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_else(|| "thidua".into());
        let aside = current.with_file_name(format!("{stem}.truoc-khoi-phuc-{stamp}.sqlite3"));
        std::fs::rename(current, &aside).map_err(|source| BackupError::Io {
            path: aside.clone(),
            source,
        })?;
        // Its journal files belong to the file kept aside.
        for ext in ["sqlite3-wal", "sqlite3-shm"] {
            let _ = std::fs::remove_file(current.with_extension(ext));
        }
        Some(aside)
    } else {
        None
    };
    std::fs::copy(copy, current).map_err(|source| BackupError::Io {
        path: current.to_path_buf(),
        source,
    })?;
    Ok(kept)
}
