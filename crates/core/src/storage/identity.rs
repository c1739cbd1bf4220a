//! Which SQLite files are Thidua's. A Thidua database carries `PRAGMA application_id` =
//! `APPLICATION_ID`; any other SQLite file (another program's data) is refused before anything is
//! written to it — opening it read-write would already switch it to WAL and add our schema.
//!
//! The file is read only through SQLite, never with a plain file handle: on POSIX systems closing
//! any descriptor of a file drops every lock the process holds on it, so a header read while a
//! connection is open (the automatic backup's, the app's own) would let another program believe
//! it is alone, checkpoint and delete the write-ahead log the app still writes into.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::{migrations, Result, StorageError};

/// "THDU".
pub const APPLICATION_ID: i32 = 0x5448_4455;

/// What the header of a file that may be opened says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Header {
    /// The schema version (`user_version`); 0 for a new or empty file.
    pub version: i64,
    /// Whether it carries Thidua's application id already.
    pub stamped: bool,
}

/// A read-only connection that can change nothing in the file, not even through its schema.
pub(super) fn open_read_only(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    super::harden(&conn)?;
    Ok(conn)
}

/// Refuses `path` unless it is missing, empty, an empty SQLite database, or Thidua's from this
/// or an older schema. Reads only, through SQLite (see the module's note).
pub(super) fn check(path: &Path) -> Result<Header> {
    check_inner(path).map_err(|e| match e {
        // A file whose header reads but whose pages do not (cut short, overwritten) is
        // damaged, not foreign.
        StorageError::Sql(sql)
            if sql.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseCorrupt) =>
        {
            StorageError::Damaged {
                path: path.to_path_buf(),
                detail: sql.to_string(),
            }
        }
        other => other,
    })
}

fn check_inner(path: &Path) -> Result<Header> {
    let not_thidua = |detail| StorageError::NotThidua {
        path: path.to_path_buf(),
        detail,
    };
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Header {
                version: 0,
                stamped: false,
            })
        }
        Ok(m) if m.len() == 0 => {
            return Ok(Header {
                version: 0,
                stamped: false,
            })
        }
        _ => {}
    }
    let conn = open_read_only(path).map_err(|source| StorageError::Open {
        path: path.to_path_buf(),
        source,
    })?;
    // The first read of the header: a file that is not SQLite's fails here.
    let app_id: i32 = match conn.pragma_query_value(None, "application_id", |r| r.get(0)) {
        Ok(id) => id,
        Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase) => {
            return Err(not_thidua(" (không phải tệp SQLite)"))
        }
        Err(e) => return Err(e.into()),
    };
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let too_new = || StorageError::TooNew {
        found: version,
        supported: migrations::LATEST_VERSION,
    };
    if app_id == APPLICATION_ID {
        if version > migrations::LATEST_VERSION {
            return Err(too_new());
        }
        return Ok(Header {
            version,
            stamped: true,
        });
    }
    if app_id != 0 {
        return Err(not_thidua(" (tệp của một chương trình khác)"));
    }
    // No id in the header: an empty database, or one made by a Thidua older than the id. Such a
    // Thidua always had a schema version (migration 1 sets it) and its tables; a file with tables
    // named like ours but no version is a look-alike.
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if tables.is_empty() && version == 0 {
        return Ok(Header {
            version: 0,
            stamped: false,
        });
    }
    let ours = ["audit", "units", "clusters", "code_lists"]
        .iter()
        .all(|t| tables.iter().any(|x| x == t));
    if !ours || version == 0 {
        return Err(not_thidua(""));
    }
    if version > migrations::LATEST_VERSION {
        return Err(too_new());
    }
    Ok(Header {
        version,
        stamped: false,
    })
}

/// Marks a database as Thidua's (once; a no-op afterwards).
pub(super) fn stamp(conn: &Connection) -> Result<()> {
    let id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    if id != APPLICATION_ID {
        conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    }
    Ok(())
}
