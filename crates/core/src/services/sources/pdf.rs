//! Text of a PDF. PDF parsers can panic on malformed files; the panic is contained and becomes
//! an error message, never a crash. Files of more than `MAX_PDF_PAGES` pages are refused before
//! their text is read.

use super::read::limits::MAX_PDF_PAGES;

pub enum Fail {
    Unreadable(String),
    /// More pages than `MAX_PDF_PAGES`: how many.
    TooManyPages(usize),
}

pub fn text(bytes: &[u8]) -> Result<String, Fail> {
    let bytes = bytes.to_vec();
    let outcome = std::panic::catch_unwind(move || {
        let pages = pdf_extract::Document::load_mem(&bytes)
            .map(|d| d.get_pages().len())
            .unwrap_or(0);
        if pages > MAX_PDF_PAGES {
            return Err(Fail::TooManyPages(pages));
        }
        pdf_extract::extract_text_from_mem(&bytes).map_err(|e| Fail::Unreadable(e.to_string()))
    });
    match outcome {
        Ok(r) => r,
        Err(_) => Err(Fail::Unreadable(
            "tệp PDF bị hỏng hoặc có cấu trúc không đọc được".into(),
        )),
    }
}
