//! Text of a Word document (.docx): the paragraphs of `word/document.xml`, tabs and line breaks
//! kept. The part is inflated through `Read::take` to `MAX_INFLATED`: a ZIP entry of 1 MB can
//! inflate to gigabytes (and may state a false size), so the stated size is not trusted.

use quick_xml::events::Event;
use std::io::Read;

use super::read::limits::MAX_INFLATED;

pub enum Fail {
    Unreadable(String),
    /// The part inflates past `MAX_INFLATED`.
    TooLarge,
}

pub fn text(bytes: &[u8]) -> Result<String, Fail> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| Fail::Unreadable(e.to_string()))?;
    let part = zip
        .by_name("word/document.xml")
        .map_err(|_| Fail::Unreadable("không có word/document.xml".to_string()))?;
    // A stated size past the limit is refused before inflating anything.
    if part.size() > MAX_INFLATED {
        return Err(Fail::TooLarge);
    }
    let mut raw = Vec::new();
    // One byte past the limit tells a part of exactly the limit from a larger one.
    part.take(MAX_INFLATED + 1)
        .read_to_end(&mut raw)
        .map_err(|e| Fail::Unreadable(e.to_string()))?;
    if raw.len() as u64 > MAX_INFLATED {
        return Err(Fail::TooLarge);
    }
    let xml = String::from_utf8(raw).map_err(|e| Fail::Unreadable(e.to_string()))?;
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut out = String::new();
    let mut in_text = false;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) if e.name().as_ref() == b"w:t" => in_text = true,
            Ok(Event::End(e)) if e.name().as_ref() == b"w:t" => in_text = false,
            Ok(Event::End(e)) if e.name().as_ref() == b"w:p" => out.push('\n'),
            Ok(Event::Empty(e)) if e.name().as_ref() == b"w:tab" => out.push('\t'),
            Ok(Event::Empty(e)) if e.name().as_ref() == b"w:br" => out.push('\n'),
            Ok(Event::Text(t)) if in_text => {
                out.push_str(&t.unescape().map_err(|e| Fail::Unreadable(e.to_string()))?);
            }
            Ok(Event::Eof) => break,
            Err(e) => return Err(Fail::Unreadable(e.to_string())),
            _ => {}
        }
    }
    Ok(out)
}
