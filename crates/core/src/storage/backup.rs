//! Copies of the whole database: written with SQLite's online backup API (consistent while the
//! app runs), then checked (integrity, identity, schema) before anyone relies on them; restoring
//! checks the copy the same way and keeps the current file aside first, never overwriting it.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use super::{identity, journal_files, lock, migrations, StorageError, Store};

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
    #[error("Không ghi được {path}: {}", crate::error::io_reason_vi(source))]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("Chính sách sao lưu không hợp lệ ở trường {field}: {detail}.")]
    Policy { field: &'static str, detail: String },
    #[error(transparent)]
    Storage(#[from] StorageError),
}

impl BackupError {
    pub fn code(&self) -> &'static str {
        match self {
            BackupError::Damaged { .. } => "backup.damaged",
            BackupError::Empty(_) => "backup.empty",
            BackupError::Io { .. } => "backup.io",
            BackupError::Policy { .. } => "backup.invalid_policy",
            BackupError::Storage(e) => e.code(),
        }
    }
}

impl From<BackupError> for crate::UserError {
    fn from(e: BackupError) -> Self {
        match e {
            BackupError::Storage(s) => s.into(),
            BackupError::Policy { field, .. } => crate::UserError {
                code: e.code().into(),
                message: e.to_string(),
                field: Some(field.into()),
            },
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
    let conn = identity::open_read_only(path).map_err(|source| StorageError::Open {
        path: path.to_path_buf(),
        source,
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
    let conn = identity::open_read_only(path).map_err(|source| StorageError::Open {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(conn.query_row("SELECT coalesce(max(step), 0) FROM audit", [], |r| r.get(0))?)
}

/// Whether a copy holds any record: a unit, a person or any step of history.
pub fn holds_records(path: &Path) -> std::result::Result<bool, BackupError> {
    let conn = identity::open_read_only(path).map_err(|source| StorageError::Open {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM audit) OR EXISTS(SELECT 1 FROM units) \
         OR EXISTS(SELECT 1 FROM people)",
        [],
        |r| r.get(0),
    )?)
}

/// How a restore names the file it sets aside: `<stem>.truoc-khoi-phuc-`, then the time.
pub fn set_aside_prefix(current: &Path) -> String {
    let stem = current
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_else(|| "thidua".into());
    format!("{stem}.truoc-khoi-phuc-")
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
        let written = self.copy_into(&partial).and_then(|()| check(&partial));
        if let Err(e) = written {
            // A full disk or a damaged copy leaves nothing of its size behind.
            remove_with_journal(&partial);
            return Err(e);
        }
        if let Err(source) = std::fs::rename(&partial, out) {
            remove_with_journal(&partial);
            return Err(BackupError::Io {
                path: out.to_path_buf(),
                source,
            });
        }
        check(out)
    }

    fn copy_into(&self, partial: &Path) -> std::result::Result<(), BackupError> {
        let mut dst = Connection::open(partial).map_err(|source| StorageError::Open {
            path: partial.to_path_buf(),
            source,
        })?;
        {
            let backup = rusqlite::backup::Backup::new(&self.conn, &mut dst)?;
            backup.run_to_completion(256, std::time::Duration::from_millis(5), None)?;
        }
        // One self-contained file: no write-ahead log beside it to lose on a USB stick.
        dst.pragma_update(None, "journal_mode", "DELETE")?;
        Ok(())
    }
}

fn remove_with_journal(path: &Path) {
    let _ = std::fs::remove_file(path);
    let mut journal = path.as_os_str().to_os_string();
    journal.push("-journal");
    let _ = std::fs::remove_file(PathBuf::from(journal));
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> BackupError + '_ {
    move |source| BackupError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// How long a restore waits for another connection to the database to close (the app's
/// automatic backup copying a large file takes seconds).
pub const RESTORE_WAIT: std::time::Duration = std::time::Duration::from_secs(15);

/// Puts a checked copy in place of the database at `current`, which is kept aside first (as
/// `<name>.truoc-khoi-phuc-<time>.sqlite3`, with its write-ahead log, so a commit that lived only
/// there is kept too); returns where it was kept. Refused (`storage.locked`) while any
/// connection has the database open. On any error the database's path is as it was: the copy
/// is written to a temporary file beside it, flushed to disk, checked, and only then renamed
/// into place.
pub fn restore(current: &Path, copy: &Path) -> std::result::Result<Option<PathBuf>, BackupError> {
    check(copy)?;
    let _alone = lock::exclusive(current, RESTORE_WAIT)?;
    let temp = current.with_extension("dang-khoi-phuc");
    remove_with_journal(&temp);
    let placed = std::fs::copy(copy, &temp)
        .map_err(io(&temp))
        .and_then(|_| sync_file(&temp))
        .and_then(|()| check(&temp).map(|_| ()));
    // The check's read-only connection may have left an empty log beside the copy.
    for f in journal_files(&temp) {
        let _ = std::fs::remove_file(f);
    }
    if let Err(e) = placed {
        remove_with_journal(&temp);
        return Err(e);
    }
    let kept = if current.exists() {
        let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
        let aside = current.with_file_name(format!("{}{stamp}.sqlite3", set_aside_prefix(current)));
        if let Err(e) = set_aside(current, &aside) {
            remove_with_journal(&temp);
            return Err(e);
        }
        Some(aside)
    } else {
        None
    };
    if let Err(source) = std::fs::rename(&temp, current) {
        remove_with_journal(&temp);
        if let Some(aside) = &kept {
            // Put the original back where it was.
            let _ = set_aside(aside, current);
        }
        return Err(BackupError::Io {
            path: current.to_path_buf(),
            source,
        });
    }
    sync_folder(current);
    if let Some(aside) = &kept {
        settle(aside);
    }
    Ok(kept)
}

/// Moves the database and its write-ahead log and shared memory together (SQLite's names for
/// them, `<file>-wal`): the log holds commits not yet copied into the file.
fn set_aside(from: &Path, to: &Path) -> std::result::Result<(), BackupError> {
    std::fs::rename(from, to).map_err(io(to))?;
    for (f, t) in journal_files(from).into_iter().zip(journal_files(to)) {
        if f.exists() {
            if let Err(source) = std::fs::rename(&f, &t) {
                // Half-moved is worse than not moved: bring the file back.
                let _ = std::fs::rename(to, from);
                return Err(BackupError::Io { path: t, source });
            }
        }
    }
    Ok(())
}

/// Folds a set-aside file's log into it, so it is one self-contained file; best effort (a
/// damaged file is kept as it is, its log beside it).
fn settle(path: &Path) {
    if check(path).is_err() {
        return;
    }
    if let Ok(conn) = Connection::open(path) {
        let _ = conn.pragma_update(None, "journal_mode", "DELETE");
    }
}

fn sync_file(path: &Path) -> std::result::Result<(), BackupError> {
    std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .and_then(|f| f.sync_all())
        .map_err(io(path))
}

/// The rename itself durable (POSIX: the folder's entry); Windows has no folder handle to sync.
fn sync_folder(path: &Path) {
    #[cfg(unix)]
    if let Some(dir) = path.parent() {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}
