//! What a file holds, by its content (not only its name): HTML, PDF, DOCX, plain text, PNG or
//! JPEG; its text in Unicode NFC (legacy TCVN3/VNI converted), and the metadata it states.

use super::{docx, html, legacy, ocr, pdf};

pub struct Read {
    pub media_type: &'static str,
    /// None when the text could not be read (a scan without Tesseract); `note` says why.
    pub text: Option<String>,
    /// Sanitized HTML for the viewer (web pages only).
    pub html: Option<String>,
    pub title: Option<String>,
    pub author: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    /// The site that published it, from the article's address ("baoquangngai.vn").
    pub publisher: Option<String>,
    pub note: Option<String>,
}

/// The host of an address, without "www.".
pub fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?.trim();
    let host = host.strip_prefix("www.").unwrap_or(host);
    (host.contains('.') && !host.is_empty()).then(|| host.to_lowercase())
}

#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("Không nhận được loại tệp «{0}»: Thidua đọc được HTML, PDF, DOCX, văn bản (.txt) và ảnh PNG, JPEG.")]
    Unsupported(String),
    #[error("Không đọc được tệp «{name}»: {why}.")]
    Unreadable { name: String, why: String },
}

fn kind_of(bytes: &[u8], name: &str) -> Option<&'static str> {
    let lower = name.to_lowercase();
    if bytes.starts_with(b"%PDF") {
        return Some("application/pdf");
    }
    if bytes.starts_with(&[0x89, b'P', b'N', b'G']) {
        return Some("image/png");
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Some("image/jpeg");
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return (lower.ends_with(".docx") || contains(bytes, b"word/document.xml"))
            .then_some("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    }
    if bytes.iter().take(4096).any(|b| *b == 0)
        && !bytes.starts_with(&[0xFF, 0xFE])
        && !bytes.starts_with(&[0xFE, 0xFF])
    {
        return None;
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_lowercase();
    if lower.ends_with(".html")
        || lower.ends_with(".htm")
        || head.contains("<html")
        || head.contains("<!doctype html")
        || head.contains("<body")
    {
        return Some("text/html");
    }
    if lower.ends_with(".txt")
        || lower.ends_with(".text")
        || !lower.contains('.')
        || std::str::from_utf8(bytes).is_ok()
    {
        return Some("text/plain");
    }
    // Legacy 8-bit text (TCVN3/VNI) is not UTF-8 but is still text.
    Some("text/plain")
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// Bytes of a text file to a string: UTF-8 (BOM or not), UTF-16 with a BOM, else Windows-1258
/// / Latin-1 bytes (where TCVN3 and VNI text lives).
fn decode(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(rest).to_string();
    }
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return encoding_rs::UTF_16LE.decode(bytes).0.to_string();
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return encoding_rs::UTF_16BE.decode(bytes).0.to_string();
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        // Latin-1 keeps every byte as the character of the same number, which is what the
        // legacy tables are written against.
        Err(_) => bytes.iter().map(|b| *b as char).collect(),
    }
}

pub fn read(bytes: &[u8], name: &str) -> Result<Read, ReadError> {
    let media_type =
        kind_of(bytes, name).ok_or_else(|| ReadError::Unsupported(name.to_string()))?;
    let unreadable = |why: String| ReadError::Unreadable {
        name: name.to_string(),
        why,
    };
    let mut out = Read {
        media_type,
        text: None,
        html: None,
        title: None,
        author: None,
        published: None,
        url: None,
        publisher: None,
        note: None,
    };
    match media_type {
        "text/html" => {
            let page = html::read(&decode(bytes));
            out.title = page.title;
            out.author = page.byline;
            out.published = page.published.map(|p| p.chars().take(10).collect());
            out.text = Some(page.text);
            out.html = Some(page.html);
        }
        "text/plain" => out.text = Some(decode(bytes)),
        "application/pdf" => {
            let text = pdf::text(bytes).map_err(unreadable)?;
            if text.split_whitespace().count() >= 5 {
                out.text = Some(text);
            } else {
                // A scan: no text layer.
                match ocr::pdf_text(bytes) {
                    Ok(t) => {
                        out.text = Some(t);
                        out.note = Some("Chữ đọc bằng nhận dạng ký tự (OCR), cần soát lại.".into());
                    }
                    Err(why) => {
                        out.note = Some(format!("Tệp PDF là ảnh quét; chưa đọc được chữ: {why}."))
                    }
                }
            }
        }
        "image/png" | "image/jpeg" => match ocr::image_text(bytes) {
            Ok(t) => {
                out.text = Some(t);
                out.note = Some("Chữ đọc bằng nhận dạng ký tự (OCR), cần soát lại.".into());
            }
            Err(why) => out.note = Some(format!("Ảnh đã lưu; chưa đọc được chữ: {why}.")),
        },
        _ => out.text = Some(docx::text(bytes).map_err(unreadable)?),
    }
    if let Some(t) = out.text.take() {
        let (unicode, legacy) = legacy::to_unicode(&t);
        if let Some(l) = legacy {
            let converted = format!(
                "Văn bản gõ bằng bảng mã {}, đã chuyển sang Unicode.",
                l.label()
            );
            out.note = Some(match out.note.take() {
                Some(n) => format!("{n} {converted}"),
                None => converted,
            });
        }
        let text = crate::services::extract::normalized_text(&unicode);
        // Header facts the article prints: its address, date, title and byline.
        out.url = out
            .url
            .or_else(|| crate::services::extract::header::url(&text));
        out.published = out
            .published
            .or_else(|| crate::services::extract::header::published(&text));
        let body_start = crate::services::extract::header::body_start(&text);
        out.title = out
            .title
            .or_else(|| crate::services::extract::header::title(&text, body_start));
        out.author = out
            .author
            .or_else(|| crate::services::extract::header::author(&text));
        out.text = Some(text);
    }
    out.publisher = out.url.as_deref().and_then(host);
    Ok(out)
}
