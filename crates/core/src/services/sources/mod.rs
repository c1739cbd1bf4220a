//! Attaching articles: a file (HTML, PDF, DOCX, text, PNG/JPEG) or pasted text is read, its
//! metadata pre-filled from what it prints, and kept inside the database with its text — one
//! step, all or nothing. The same content twice is kept once (SHA-256): attaching it again
//! answers with the source already there (brought back from the trash if it was deleted).

mod docx;
mod html;
mod legacy;
mod ocr;
mod pdf;
mod read;
pub mod review;

pub use legacy::{to_unicode, Legacy};
pub use read::{limits, read, Read, ReadError};

use sha2::{Digest, Sha256};

use super::records::{save_in, RecordError};
use crate::domain::{RecordKind, Source};
use crate::storage::{source_files, StorageError, Store};

/// Files above this size are refused: an article is a few hundred KB; a larger file is most
/// likely the wrong one, and the database is copied whole for backups.
pub const MAX_BYTES: usize = 50 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum AttachError {
    #[error("Tệp «{name}» lớn {mb} MB, quá giới hạn 50 MB cho một bài viết.")]
    TooLarge { name: String, mb: String },
    #[error("Tệp «{0}» rỗng.")]
    Empty(String),
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error(transparent)]
    Record(#[from] RecordError),
    #[error(transparent)]
    Storage(#[from] StorageError),
}

impl AttachError {
    pub fn code(&self) -> &str {
        match self {
            AttachError::TooLarge { .. } => "attach.too_large",
            AttachError::Empty(_) => "attach.empty",
            AttachError::Read(e) => e.code(),
            AttachError::Record(e) => e.code(),
            AttachError::Storage(e) => e.code(),
        }
    }
}

impl From<AttachError> for crate::UserError {
    fn from(e: AttachError) -> Self {
        match e {
            AttachError::Record(r) => r.into(),
            AttachError::Storage(s) => s.into(),
            other => crate::UserError::new(other.code(), other.to_string()),
        }
    }
}

/// What attaching did.
#[derive(Debug, Clone, PartialEq, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Attached {
    pub source_id: i64,
    /// The same file was attached before: nothing new was stored.
    pub already: bool,
    /// Why the text could not be read, or how it was converted (OCR, legacy encoding).
    pub note: Option<String>,
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// An article read from a file and ready to be stored: everything `attach` works out from the
/// bytes (its kind, text, sanitized HTML, OCR, metadata, SHA-256), with no database involved.
/// Reading an untrusted file can take seconds (OCR) and is where hostile files do their work,
/// so the app runs `prepare` with no lock held and `commit` alone under the store's lock.
#[derive(Debug)]
pub struct Prepared {
    bytes: Vec<u8>,
    sha: String,
    source: Source,
    html: Option<String>,
    note: Option<String>,
}

/// Reads a file's bytes into a `Prepared` article. `url` overrides the address it prints.
/// Everything refused (too large, empty, unsupported, past a reading limit) is refused here.
pub fn prepare(bytes: &[u8], file_name: &str, url: Option<&str>) -> Result<Prepared, AttachError> {
    if bytes.len() > MAX_BYTES {
        return Err(AttachError::TooLarge {
            name: file_name.to_string(),
            mb: format!("{:.1}", bytes.len() as f64 / 1024.0 / 1024.0).replace('.', ","),
        });
    }
    if bytes.is_empty() {
        return Err(AttachError::Empty(file_name.to_string()));
    }
    let read = read::read(bytes, file_name)?;
    // Metadata read off the file is the file's, not the clerk's typing: the invisible and
    // control characters a page or scan carries are dropped (as from its text), line breaks
    // become spaces, so a real article is never refused for them.
    let line = |s: &str| crate::text::clean(&crate::text::article_text(s));
    let title = line(read.title.as_deref().unwrap_or(file_name));
    let url = url.map(str::to_string).or(read.url.clone());
    let source = Source {
        title,
        author: read.author.as_deref().map(line),
        publisher: url
            .as_deref()
            .and_then(read::host)
            .or(read.publisher.clone())
            .map(|p| line(&p)),
        url,
        published_date: read.published.clone(),
        media_type: Some(read.media_type.to_string()),
        file_name: Some(line(file_name)),
        body_text: read.text.clone(),
        note: read.note.clone(),
        ..Source::default()
    };
    Ok(Prepared {
        sha: sha256_hex(bytes),
        bytes: bytes.to_vec(),
        source,
        html: read.html,
        note: read.note,
    })
}

/// Stores a prepared article in one short transaction. The same content stored before answers
/// with that source (brought back from the trash if it was deleted); nothing new is written.
pub fn commit(store: &mut Store, prepared: Prepared) -> Result<Attached, AttachError> {
    let Prepared {
        bytes,
        sha,
        source,
        html,
        note,
        ..
    } = prepared;
    if let Some(found) = source_files::source_by_sha(store.db(), &sha)? {
        return store_known(store, found);
    }
    let id = store.transact(|tx| {
        let saved = save_in(tx, &source)?;
        let id = saved.id.unwrap_or_default();
        tx.put_source_file(id, &sha, &bytes, html.as_deref())?;
        Ok::<_, AttachError>(id)
    })?;
    Ok(Attached {
        source_id: id,
        already: false,
        note,
    })
}

/// Attaches a file's bytes: `prepare`, then `commit` (the CLI and tests; the app calls the two
/// apart so that reading holds no lock). `url` overrides the address the article prints.
pub fn attach(
    store: &mut Store,
    bytes: &[u8],
    file_name: &str,
    url: Option<&str>,
) -> Result<Attached, AttachError> {
    // The same file again is answered without reading it (an OCR takes seconds).
    if let Some(found) = known(store, bytes)? {
        return store_known(store, found);
    }
    let prepared = prepare(bytes, file_name, url)?;
    commit(store, prepared)
}

/// The source already holding these exact bytes, if any (deleted ones included).
pub fn known(store: &Store, bytes: &[u8]) -> Result<Option<(i64, bool)>, StorageError> {
    source_files::source_by_sha(store.db(), &sha256_hex(bytes))
}

/// Answers for a file `known` found: brought back from the trash if it was deleted.
pub fn store_known(store: &mut Store, (id, deleted): (i64, bool)) -> Result<Attached, AttachError> {
    if deleted {
        store.transact(|tx| Ok::<_, AttachError>(tx.restore(RecordKind::Source, id)?))?;
    }
    Ok(Attached {
        source_id: id,
        already: true,
        note: None,
    })
}

/// A source's original file and the sanitized HTML the viewer shows (web pages).
pub fn original(store: &Store, source_id: i64) -> Result<Option<source_files::File>, StorageError> {
    source_files::file(store.db(), source_id)
}

/// What the viewer shows of an article.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct SourceView {
    pub source: Source,
    /// The article as sanitized HTML (web pages), sanitized again as it is read (what is stored
    /// may come from an import or another database); the viewer shows `source.body_text`
    /// otherwise.
    pub html: Option<String>,
    /// Bytes of the original file kept in the database.
    pub size: Option<i64>,
}

/// Stored HTML as the viewer gets it: sanitized again with the attach policy (no scripts,
/// handlers, forms, frames, styles, images or addresses of any kind); None when it nests too deep
/// to sanitize quickly.
pub fn sanitized(stored: &str) -> Option<String> {
    html::for_view(stored)
}

pub fn view(store: &Store, source_id: i64) -> Result<SourceView, AttachError> {
    let source: Source = store.get(source_id)?.ok_or(StorageError::NotFound {
        kind: RecordKind::Source,
        id: source_id,
    })?;
    let file = source_files::file(store.db(), source_id)?;
    Ok(SourceView {
        source,
        size: file.as_ref().map(|(b, _)| b.len() as i64),
        html: file.and_then(|(_, h)| h).and_then(|h| sanitized(&h)),
    })
}

/// A passage of an article that supports a record, as a record's page lists it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct CitationView {
    pub citation_id: i64,
    pub source_id: i64,
    pub source_title: String,
    pub passage: String,
    /// Character offsets of the passage in the source's text.
    pub start: Option<i64>,
    pub end: Option<i64>,
}

/// The passages that support a record.
pub fn citations_of(
    store: &Store,
    kind: RecordKind,
    record_id: i64,
) -> Result<Vec<CitationView>, StorageError> {
    Ok(
        source_files::citations_of(store.db(), kind.code(), record_id)?
            .into_iter()
            .map(
                |(citation_id, source_id, source_title, passage, start, end)| CitationView {
                    citation_id,
                    source_id,
                    source_title,
                    passage,
                    start,
                    end,
                },
            )
            .collect(),
    )
}

/// Links the passage [start, end) (characters of the source's text) to a record, as one step.
pub fn cite(
    store: &mut Store,
    source_id: i64,
    start: i64,
    end: i64,
    kind: RecordKind,
    record_id: i64,
) -> Result<crate::domain::Citation, RecordError> {
    let source: Source = store.get(source_id)?.ok_or(StorageError::NotFound {
        kind: RecordKind::Source,
        id: source_id,
    })?;
    let chars: Vec<char> = source.body_text.unwrap_or_default().chars().collect();
    let (s, e) = (start.max(0) as usize, end.max(0) as usize);
    if s >= e || e > chars.len() {
        return Err(RecordError::invalid(
            "validation.bad_range",
            "char_start",
            "Hãy chọn một đoạn trong bài viết trước khi gắn.",
        ));
    }
    // A selection's spaces at either end are not part of the passage.
    let lead = chars[s..e].iter().take_while(|c| c.is_whitespace()).count();
    let trail = chars[s..e]
        .iter()
        .rev()
        .take_while(|c| c.is_whitespace())
        .count();
    let (s, e) = (s + lead, e.saturating_sub(trail).max(s + lead));
    if s >= e {
        return Err(RecordError::invalid(
            "validation.bad_range",
            "char_start",
            "Hãy chọn một đoạn trong bài viết trước khi gắn.",
        ));
    }
    let (start, end) = (s as i64, e as i64);
    let passage: String = chars[s..e].iter().collect();
    super::records::save(
        store,
        &crate::domain::Citation {
            id: None,
            record_kind: kind,
            record_id,
            source_id,
            passage,
            char_start: Some(start),
            char_end: Some(end),
        },
    )
}

/// Attaches text pasted by the clerk (kept as a UTF-8 text file).
pub fn attach_text(
    store: &mut Store,
    text: &str,
    url: Option<&str>,
) -> Result<Attached, AttachError> {
    attach(store, text.as_bytes(), PASTED, url)
}

/// The file name pasted text is kept under.
pub const PASTED: &str = "bai-viet-dan.txt";
