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
    /// A file past one of the reading limits (`limits`): `what` names the limit, in Vietnamese.
    #[error("Không lưu tệp «{name}»: {what}. Tệp như vậy thường là tệp hỏng hoặc được tạo để làm treo máy.")]
    TooLarge { name: String, what: String },
    /// Markup nested deeper than `limits::MAX_HTML_DEPTH`.
    #[error("Không lưu tệp «{name}»: các thẻ HTML lồng nhau quá {limit} tầng. Tệp như vậy thường là tệp hỏng hoặc được tạo để làm treo máy.")]
    TooDeep { name: String, limit: usize },
}

impl ReadError {
    pub fn code(&self) -> &'static str {
        match self {
            ReadError::Unsupported(_) => "attach.unsupported",
            ReadError::Unreadable { .. } => "attach.unreadable",
            ReadError::TooLarge { .. } => "attach.too_large",
            ReadError::TooDeep { .. } => "attach.too_deep",
        }
    }
}

/// How far a reader goes into one untrusted file before refusing it. Each limit is far above a
/// real article (an A3 scan at 600 dpi is 70 megapixels; a news page nests 20 to 40 tags deep)
/// and far below what would take the app's memory or minutes of work.
pub mod limits {
    use std::time::Duration;

    /// Bytes one part of a DOCX (a ZIP) may inflate to: a book-length document.xml is a few MB.
    pub const MAX_INFLATED: u64 = 64 * 1024 * 1024;
    /// Tags open inside each other: parsing and readability are quadratic in depth (2.000 nested
    /// `<div>` took 16 s), 200 levels take milliseconds.
    pub const MAX_HTML_DEPTH: usize = 200;
    /// Pixels of an image given to OCR: Tesseract holds several copies of the bitmap.
    pub const MAX_PIXELS: u64 = 100_000_000;
    /// Pages of a PDF read for text.
    pub const MAX_PDF_PAGES: usize = 500;
    /// Pages of a scanned PDF rendered and read by OCR (each takes seconds).
    pub const MAX_OCR_PAGES: u32 = 30;
    /// One run of an outside program (Tesseract on one page, pdftoppm on the whole file): it
    /// is stopped (killed) past this.
    pub const PROGRAM_TIMEOUT: Duration = Duration::from_secs(90);
    /// All the outside programs run for one scanned PDF.
    pub const OCR_TOTAL: Duration = Duration::from_secs(300);
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

/// 30000 → "30.000", as Vietnamese writes numbers.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
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
    let too_large = |what: String| ReadError::TooLarge {
        name: name.to_string(),
        what,
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
            let page = decode(bytes);
            if html::deeper_than(&page, limits::MAX_HTML_DEPTH) {
                return Err(ReadError::TooDeep {
                    name: name.to_string(),
                    limit: limits::MAX_HTML_DEPTH,
                });
            }
            let page = html::read(&page);
            out.title = page.title;
            out.author = page.byline;
            out.published = page.published.map(|p| p.chars().take(10).collect());
            out.text = Some(page.text);
            out.html = Some(page.html);
        }
        "text/plain" => out.text = Some(decode(bytes)),
        "application/pdf" => {
            let text = pdf::text(bytes).map_err(|f| match f {
                pdf::Fail::Unreadable(why) => unreadable(why),
                pdf::Fail::TooManyPages(n) => too_large(format!(
                    "tệp PDF có {} trang, quá giới hạn {} trang",
                    thousands(n as u64),
                    thousands(limits::MAX_PDF_PAGES as u64)
                )),
            })?;
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
        "image/png" | "image/jpeg" => {
            match ocr::image_size(bytes) {
                // The header states the size the decoder will allocate: a 0,9 MB PNG can claim
                // 30.000 × 30.000 pixels (3 GB in OCR). Refused before any decoding.
                Some((w, h)) if w as u64 * h as u64 > limits::MAX_PIXELS => {
                    return Err(too_large(format!(
                        "ảnh {} × {} điểm ảnh ({} megapixel), quá giới hạn {} megapixel",
                        thousands(w as u64),
                        thousands(h as u64),
                        thousands(w as u64 * h as u64 / 1_000_000),
                        thousands(limits::MAX_PIXELS / 1_000_000)
                    )))
                }
                None => out.note = Some(
                    "Ảnh đã lưu; chưa đọc được chữ: không đọc được kích thước ảnh (tệp ảnh hỏng)."
                        .into(),
                ),
                Some(_) => match ocr::image_text(bytes) {
                    Ok(t) => {
                        out.text = Some(t);
                        out.note = Some("Chữ đọc bằng nhận dạng ký tự (OCR), cần soát lại.".into());
                    }
                    Err(why) => out.note = Some(format!("Ảnh đã lưu; chưa đọc được chữ: {why}.")),
                },
            }
        }
        _ => {
            out.text = Some(docx::text(bytes).map_err(|f| match f {
                docx::Fail::Unreadable(why) => unreadable(why),
                docx::Fail::TooLarge => too_large(format!(
                    "nội dung giải nén quá giới hạn {} MB",
                    limits::MAX_INFLATED / 1024 / 1024
                )),
            })?)
        }
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
