//! Attaching articles: every format's text (a scanned page included), metadata pre-filled,
//! de-duplication by content, the size limit, unreadable and unsupported files refused with
//! nothing stored, sanitized HTML, legacy encodings converted, and the text searchable.

mod common;

use std::io::Write;
use std::path::Path;

use common::*;
use thidua_core::domain::{RecordKind, Source};
use thidua_core::services::search::search;
use thidua_core::services::{extract, history, sources};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests")
            .join(name),
    )
    .unwrap()
}

fn source(store: &thidua_core::Store, id: i64) -> Source {
    store.get(id).unwrap().unwrap()
}

#[test]
fn a_text_article_is_kept_once_with_its_metadata_and_found_by_search() {
    let mut store = store();
    let bytes = fixture("facts/seeds/000_ccbdce8a16f58e3b.txt");
    let a = sources::attach(&mut store, &bytes, "000.txt", None).unwrap();
    assert!(!a.already);
    let s = source(&store, a.source_id);
    assert!(
        s.title.starts_with("Tổng kết công tác thi đua Ban Tổ chức"),
        "{}",
        s.title
    );
    assert_eq!(s.published_date.as_deref(), Some("2023-12-11"));
    assert_eq!(s.author.as_deref(), Some("THIÊN TRÚC"));
    assert_eq!(s.media_type.as_deref(), Some("text/plain"));
    let hits = search(&store, "buon ma thuot", 5).unwrap();
    let hit = hits
        .iter()
        .find(|h| h.kind == RecordKind::Source)
        .expect("the article is found");
    let [s0, e0] = hit.marks[0];
    let marked: String = hit.snippet.chars().skip(s0).take(e0 - s0).collect();
    assert_eq!(marked, "Buôn", "each word found is marked");
    assert!(hit.snippet.contains("Buôn Ma Thuột"), "{}", hit.snippet);

    // The same bytes again: nothing new.
    let before = everything(&store);
    let again = sources::attach(&mut store, &bytes, "copy.txt", None).unwrap();
    assert!(again.already);
    assert_eq!(again.source_id, a.source_id);
    assert_eq!(everything(&store), before);
    // Deleted (in the trash), then attached again: brought back, still one source.
    thidua_core::services::records::delete(&mut store, RecordKind::Source, a.source_id).unwrap();
    assert_eq!(list_all(&store, "sources").len(), 0);
    let back = sources::attach(&mut store, &bytes, "000.txt", None).unwrap();
    assert_eq!((back.source_id, back.already), (a.source_id, true));
    assert_eq!(list_all(&store, "sources").len(), 1);
    // Undoing the attach itself takes the file away too: attaching again stores it anew.
    history::undo(&mut store, 3).unwrap();
    assert_eq!(list_all(&store, "sources").len(), 0);
    assert!(sources::original(&store, a.source_id).unwrap().is_none());
    let anew = sources::attach(&mut store, &bytes, "000.txt", None).unwrap();
    assert!(!anew.already);
}

#[test]
fn too_large_unsupported_and_broken_files_are_refused_and_nothing_is_stored() {
    let mut store = store();
    let before = everything(&store);
    let big = vec![b'a'; sources::MAX_BYTES + 1];
    let e = sources::attach(&mut store, &big, "lon.txt", None).unwrap_err();
    assert_eq!(e.code(), "attach.too_large");
    assert!(e.to_string().contains("50 MB"), "{e}");
    let e = sources::attach(&mut store, &[0u8, 1, 2, 3, 0, 0, 7, 8], "x.bin", None).unwrap_err();
    assert_eq!(e.code(), "attach.unsupported");
    // A PDF cut off after its header: an error message, never a crash.
    let e = sources::attach(
        &mut store,
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R",
        "hong.pdf",
        None,
    )
    .unwrap_err();
    assert_eq!(e.code(), "attach.unreadable");
    assert!(e.to_string().contains("hong.pdf"), "{e}");
    let e = sources::attach(&mut store, b"PK\x03\x04garbage", "hong.docx", None).unwrap_err();
    assert_eq!(e.code(), "attach.unreadable");
    assert_eq!(
        sources::attach(&mut store, b"", "rong.txt", None)
            .unwrap_err()
            .code(),
        "attach.empty"
    );
    assert_eq!(everything(&store), before);
}

#[test]
fn a_web_page_keeps_its_article_and_nothing_that_runs_or_loads() {
    let mut store = store();
    let page = "<!DOCTYPE html><html><head><title>Tổng kết thi đua Cụm III</title>\
        <script>fetch('http://example.com/track')</script></head><body>\
        <nav><a href=\"/\">Trang chủ</a> | <a href=\"/tin\">Tin tức</a></nav>\
        <article><h1>Tổng kết thi đua Cụm III</h1>\
        <p>Sáng ngày 8/12, tại TP. Buôn Ma Thuột, Cụm thi đua số III tổ chức hội nghị tổng kết công tác thi đua năm 2023 với sự tham dự của lãnh đạo ban tổ chức các tỉnh ủy, thành ủy trong khu vực.</p>\
        <img src=\"http://example.com/anh.jpg\" onerror=\"alert(1)\">\
        <p>Hội nghị đã bầu Ban Tổ chức Tỉnh ủy Quảng Trị làm Cụm trưởng năm 2024 và ký kết giao ước thi đua.</p>\
        <script>alert('x')</script></article><footer>Bản quyền thuộc về báo</footer></body></html>";
    let a = sources::attach(
        &mut store,
        page.as_bytes(),
        "bai.html",
        Some("https://vi.example/bai"),
    )
    .unwrap();
    let s = source(&store, a.source_id);
    assert_eq!(s.media_type.as_deref(), Some("text/html"));
    assert_eq!(s.url.as_deref(), Some("https://vi.example/bai"));
    assert_eq!(
        s.publisher.as_deref(),
        Some("vi.example"),
        "the site, from the address"
    );
    let text = s.body_text.unwrap();
    assert!(
        text.contains("Cụm thi đua số III tổ chức hội nghị"),
        "{text}"
    );
    assert!(!text.contains("fetch("), "{text}");
    let (_, html) = sources::original(&store, a.source_id).unwrap().unwrap();
    let html = html.unwrap();
    for bad in [
        "<script",
        "alert",
        "<img",
        "example.com",
        "onerror",
        "fetch",
    ] {
        assert!(!html.contains(bad), "{bad} in {html}");
    }
}

#[test]
fn word_documents_and_text_pdfs_give_their_text() {
    let mut store = store();
    let mut docx = Vec::new();
    {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(&mut docx));
        let opts = zip::write::SimpleFileOptions::default();
        zip.start_file("[Content_Types].xml", opts).unwrap();
        zip.write_all(b"<?xml version=\"1.0\"?><Types/>").unwrap();
        zip.start_file("word/document.xml", opts).unwrap();
        zip.write_all(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>\
             <w:p><w:r><w:t>BÁO CÁO</w:t></w:r></w:p>\
             <w:p><w:r><w:t xml:space=\"preserve\">Kết nạp </w:t></w:r><w:r><w:t>20.777 đảng viên mới &amp; 1.722 lượt cán bộ.</w:t></w:r></w:p>\
             </w:body></w:document>"
                .as_bytes(),
        )
        .unwrap();
        zip.finish().unwrap();
    }
    let a = sources::attach(&mut store, &docx, "bao-cao.docx", None).unwrap();
    let s = source(&store, a.source_id);
    assert_eq!(
        s.body_text.as_deref(),
        Some("BÁO CÁO\nKết nạp 20.777 đảng viên mới & 1.722 lượt cán bộ.")
    );

    let pdf = minimal_pdf("Cum thi dua so III to chuc hoi nghi tong ket");
    let a = sources::attach(&mut store, &pdf, "tin.pdf", None).unwrap();
    let s = source(&store, a.source_id);
    assert_eq!(s.media_type.as_deref(), Some("application/pdf"));
    assert!(s.body_text.unwrap().contains("Cum thi dua so III"));
}

/// A one-page PDF with one line of text in a standard font.
fn minimal_pdf(line: &str) -> Vec<u8> {
    let stream = format!("BT /F1 12 Tf 72 720 Td ({line}) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_string(),
        format!("<< /Length {} >>\nstream\n{stream}\nendstream", stream.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_string(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

#[test]
fn scans_are_read_by_ocr_when_tesseract_is_installed() {
    let mut store = store();
    let tesseract = std::process::Command::new("tesseract")
        .arg("--list-langs")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).contains("vie"))
        .unwrap_or(false);
    for (name, bytes) in [
        ("scan.png", fixture("fixtures/scan.png")),
        ("scan.pdf", fixture("fixtures/scan.pdf")),
    ] {
        let a = sources::attach(&mut store, &bytes, name, None).unwrap();
        let s = source(&store, a.source_id);
        if tesseract {
            let text = s.body_text.unwrap_or_default();
            assert!(
                text.contains("Ban Tổ chức Tỉnh ủy Quảng Trị"),
                "{name}: {text}"
            );
            assert!(text.contains("20.777"), "{name}: {text}");
            assert!(a.note.unwrap().contains("OCR"));
        } else {
            // Kept, and the clerk is told the text could not be read.
            assert!(s.body_text.is_none());
            assert!(a.note.unwrap().contains("chưa đọc được chữ"), "{name}");
        }
    }
}

#[test]
fn legacy_encodings_become_unicode() {
    let mut store = store();
    // TCVN3 bytes as an old Word-for-DOS file holds them (one byte per letter).
    let tcvn3: Vec<u8> = "Ban Tæ chøc TØnh ñy B×nh §Þnh tæng kÕt c«ng t¸c thi ®ua n¨m 2023"
        .chars()
        .map(|c| c as u32 as u8)
        .collect();
    let a = sources::attach(&mut store, &tcvn3, "cu.txt", None).unwrap();
    let s = source(&store, a.source_id);
    assert_eq!(
        s.body_text.as_deref(),
        Some("Ban Tổ chức Tỉnh ủy Bình Định tổng kết công tác thi đua năm 2023")
    );
    assert!(a.note.unwrap().contains("TCVN3"));
    let vni = "Ban Toå chöùc Tænh uûy Bình Ñònh toång keát coâng taùc thi ñua naêm 2023";
    let a = sources::attach(&mut store, vni.as_bytes(), "vni.txt", None).unwrap();
    assert_eq!(
        source(&store, a.source_id).body_text.as_deref(),
        Some("Ban Tổ chức Tỉnh ủy Bình Định tổng kết công tác thi đua năm 2023")
    );
}

#[test]
fn quotes_of_an_attached_article_point_into_its_stored_text() {
    use unicode_normalization::UnicodeNormalization;
    let mut store = store();
    // Decomposed (NFD) text, as some Mac and web sources send it.
    let raw: String = String::from_utf8(fixture("facts/seeds/000_ccbdce8a16f58e3b.txt"))
        .unwrap()
        .nfd()
        .collect();
    let a = sources::attach(&mut store, raw.as_bytes(), "nfd.txt", None).unwrap();
    let stored: Vec<char> = source(&store, a.source_id)
        .body_text
        .unwrap()
        .chars()
        .collect();
    let facts = extract::extract(&raw, None);
    let quote = facts.event.unwrap().quote.unwrap();
    let slice: String = stored[quote.start as usize..quote.end as usize]
        .iter()
        .collect();
    assert_eq!(slice, quote.text);
    assert!(quote.text.contains("Sáng ngày 8/12"));
}

#[test]
fn an_attached_article_is_reviewed_then_recorded_citing_it_in_one_step() {
    let mut store = store();
    let bytes = fixture("facts/seeds/000_ccbdce8a16f58e3b.txt");
    let a = sources::attach(&mut store, &bytes, "000.txt", None).unwrap();
    let before = everything(&store);
    let s = sources::review::suggest(&mut store, a.source_id).unwrap();
    assert_eq!(everything(&store), before, "suggesting writes nothing");
    let qt = s.units.iter().find(|u| u.written == "Quảng Trị").unwrap();
    assert_eq!(qt.unit, "Ban Tổ chức Tỉnh ủy Quảng Trị");
    assert!(!qt.existing);
    // Quotes count characters of the stored text the viewer shows.
    let chars: Vec<char> = s.text.chars().collect();
    let q = s.facts.event.as_ref().unwrap().quote.clone().unwrap();
    assert_eq!(
        chars[q.start as usize..q.end as usize]
            .iter()
            .collect::<String>(),
        q.text
    );
    // The clerk drops the figures and keeps the rest.
    let mut facts = s.facts.clone();
    facts.stats.clear();
    let done = sources::review::record(&mut store, a.source_id, &facts).unwrap();
    assert!(done.citations > 5, "{done:?}");
    assert_eq!(done.source_id, Some(a.source_id));
    assert_eq!(list_all(&store, "sources").len(), 1, "no second source");
    assert_eq!(list(&store, "members", Some(2023)).len(), 13);
    assert!(list_all(&store, "figures").is_empty());
    // Now the units exist.
    let again = sources::review::suggest(&mut store, a.source_id).unwrap();
    assert!(again.units.iter().all(|u| u.existing));
    // One undo takes the whole recording back, the article stays.
    history::undo(&mut store, 1).unwrap();
    assert_eq!(records_of(&everything(&store)), records_of(&before));
}

#[test]
fn a_selected_passage_is_cited_and_listed_on_the_record() {
    let mut store = demo_store();
    let bytes = fixture("facts/dev/d01.txt");
    let a = sources::attach(&mut store, &bytes, "d01.txt", None).unwrap();
    let text: Vec<char> = source(&store, a.source_id)
        .body_text
        .unwrap()
        .chars()
        .collect();
    let full: String = text.iter().collect();
    let at = full.find("Phạm Văn Cành").unwrap();
    let start = full[..at].chars().count() as i64;
    let end = start + "Phạm Văn Cành".chars().count() as i64;
    let unit = unit_id(&store, "Ban Tổ chức Tỉnh ủy Bình Định");
    // A selection with spaces around it is cited without them.
    let c = sources::cite(
        &mut store,
        a.source_id,
        start - 1,
        end,
        RecordKind::Unit,
        unit,
    )
    .unwrap();
    assert_eq!(c.passage, "Phạm Văn Cành");
    assert_eq!((c.char_start, c.char_end), (Some(start), Some(end)));
    let listed = sources::citations_of(&store, RecordKind::Unit, unit).unwrap();
    let mine = listed.iter().find(|v| v.source_id == a.source_id).unwrap();
    assert_eq!(mine.passage, "Phạm Văn Cành");
    assert!(mine.source_title.starts_with("Cụm thi đua số 4"));
    // Nothing selected: a message, nothing written.
    let before = everything(&store);
    let e = sources::cite(&mut store, a.source_id, 5, 5, RecordKind::Unit, unit).unwrap_err();
    assert_eq!(e.code(), "validation.bad_range");
    assert_eq!(everything(&store), before);
    // One undo removes the citation.
    history::undo(&mut store, 1).unwrap();
    assert!(sources::citations_of(&store, RecordKind::Unit, unit)
        .unwrap()
        .iter()
        .all(|v| v.source_id != a.source_id));
}
