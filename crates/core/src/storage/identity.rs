//! Which SQLite files are Thidua's. A Thidua database carries `PRAGMA application_id` =
//! `APPLICATION_ID`; any other SQLite file (another program's data) is refused before anything is
//! written to it — opening it read-write would already switch it to WAL and add our schema.

use std::io::Read;
use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::{Result, StorageError};

/// "THDU".
pub const APPLICATION_ID: i32 = 0x5448_4455;

const HEADER_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Refuses `path` unless it is missing, empty, an empty SQLite database, or Thidua's. Reads only.
pub(super) fn check(path: &Path) -> Result<()> {
    let not_thidua = |detail| StorageError::NotThidua {
        path: path.to_path_buf(),
        detail,
    };
    let mut header = [0u8; 100];
    let read = match std::fs::File::open(path) {
        Ok(mut f) => read_up_to(&mut f, &mut header),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(source) => {
            return Err(StorageError::Open {
                path: path.to_path_buf(),
                source: rusqlite::Error::SqliteFailure(
                    rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CANTOPEN),
                    Some(source.to_string()),
                ),
            })
        }
    };
    if read == 0 {
        return Ok(());
    }
    if read < 100 || &header[..16] != HEADER_MAGIC {
        return Err(not_thidua(" (không phải tệp SQLite)"));
    }
    let app_id = i32::from_be_bytes([header[68], header[69], header[70], header[71]]);
    if app_id == APPLICATION_ID {
        return Ok(());
    }
    if app_id != 0 {
        return Err(not_thidua(" (tệp của một chương trình khác)"));
    }
    // No id in the header: an empty database, or one made by a Thidua older than the id (or
    // whose id is still in its write-ahead log). Look at its tables, read-only.
    let conn =
        Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(|source| {
            StorageError::Open {
                path: path.to_path_buf(),
                source,
            }
        })?;
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let ours = ["audit", "units", "clusters", "code_lists"]
        .iter()
        .all(|t| tables.iter().any(|x| x == t));
    if tables.is_empty() || ours {
        Ok(())
    } else {
        Err(not_thidua(""))
    }
}

fn read_up_to(f: &mut std::fs::File, buf: &mut [u8]) -> usize {
    let mut n = 0;
    while n < buf.len() {
        match f.read(&mut buf[n..]) {
            Ok(0) | Err(_) => break,
            Ok(k) => n += k,
        }
    }
    n
}

/// Marks a database as Thidua's (once; a no-op afterwards).
pub(super) fn stamp(conn: &Connection) -> Result<()> {
    let id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    if id != APPLICATION_ID {
        conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    }
    Ok(())
}
