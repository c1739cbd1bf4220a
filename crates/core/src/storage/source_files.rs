//! The original files of attached articles (`source_files`): stored with the source that
//! describes them, found again by their SHA-256 so the same file is kept once.

use rusqlite::{params, OptionalExtension};

use super::{Db, Result, Tx};

/// The source holding a file with this SHA-256, and whether that source is in the trash.
pub fn source_by_sha(db: Db<'_>, sha256: &str) -> Result<Option<(i64, bool)>> {
    Ok(db
        .conn
        .query_row(
            "SELECT s.id, s.deleted_at IS NOT NULL FROM source_files f JOIN sources s ON s.id = f.source_id
             WHERE f.sha256 = ?1",
            [sha256],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// An original file: its bytes and the sanitized HTML the viewer shows (web pages).
pub type File = (Vec<u8>, Option<String>);

pub fn file(db: Db<'_>, source_id: i64) -> Result<Option<File>> {
    Ok(db
        .conn
        .query_row(
            "SELECT data, html FROM source_files WHERE source_id = ?1",
            [source_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

impl Tx<'_> {
    /// Keeps a new source's original file, in the step that creates the source.
    pub fn put_source_file(
        &mut self,
        source_id: i64,
        sha256: &str,
        data: &[u8],
        html: Option<&str>,
    ) -> Result<()> {
        self.tx.execute(
            "INSERT INTO source_files (source_id, sha256, size, data, html) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![source_id, sha256, data.len() as i64, data, html],
        )?;
        Ok(())
    }
}

/// A record's live citations with their sources' titles: (citation id, source id, source title,
/// passage, start, end), in source then position order.
pub type CitationRow = (i64, i64, String, String, Option<i64>, Option<i64>);

pub fn citations_of(db: Db<'_>, kind: &str, record_id: i64) -> Result<Vec<CitationRow>> {
    let mut stmt = db.conn.prepare(
        "SELECT c.id, c.source_id, s.title, c.passage, c.char_start, c.char_end
         FROM citations c JOIN sources s ON s.id = c.source_id
         WHERE c.record_kind = ?1 AND c.record_id = ?2 AND c.deleted_at IS NULL AND s.deleted_at IS NULL
         ORDER BY s.id, c.char_start",
    )?;
    let rows = stmt
        .query_map(params![kind, record_id], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Every live citation of one record kind, for a report's sources and footnotes: (record id,
/// source id, passage), in record then source then position order.
pub fn citations_by_kind(db: Db<'_>, kind: &str) -> Result<Vec<(i64, i64, String)>> {
    let mut stmt = db.conn.prepare(
        "SELECT c.record_id, c.source_id, c.passage
         FROM citations c JOIN sources s ON s.id = c.source_id
         WHERE c.record_kind = ?1 AND c.deleted_at IS NULL AND s.deleted_at IS NULL
         ORDER BY c.record_id, s.id, c.char_start",
    )?;
    let rows = stmt
        .query_map(params![kind], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
