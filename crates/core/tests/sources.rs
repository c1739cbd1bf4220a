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

// ---- Hostile and heavy files: each ends fast with a refusal naming the limit ----

/// Bits of a DEFLATE stream, least significant first (RFC 1951).
struct Bits {
    out: Vec<u8>,
    acc: u64,
    n: u32,
}

impl Bits {
    fn put(&mut self, value: u64, count: u32) {
        self.acc |= value << self.n;
        self.n += count;
        while self.n >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.n -= 8;
        }
    }
    /// Huffman codes are packed from their most significant bit.
    fn code(&mut self, code: u64, len: u32) {
        let reversed = (0..len).fold(0, |r, i| r | ((code >> i) & 1) << (len - 1 - i));
        self.put(reversed, len);
    }
}

/// A raw DEFLATE stream of `n` bytes `c`, hand-made so a test builds a gigabyte-sized bomb in
/// milliseconds: one dynamic block whose codes are a literal `c` (2 bits), the end (2 bits) and
/// "258 bytes again from 1 back" (1 + 1 bits), so 1 GiB takes 1 MB, as in the real bomb.
fn deflate_run(c: u8, n: u64) -> Vec<u8> {
    let mut b = Bits {
        out: Vec::new(),
        acc: 0,
        n: 0,
    };
    b.put(1, 1); // last block
    b.put(2, 2); // dynamic codes
    b.put(29, 5); // 286 literal/length codes
    b.put(1, 5); // 2 distance codes
    b.put(14, 4); // 18 code-length codes
                  // Code-length alphabet in its transmitted order: 0, 1, 2 and 18 (a run of zeros) get 2 bits.
    let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1];
    for sym in order {
        b.put(if matches!(sym, 0 | 1 | 2 | 18) { 2 } else { 0 }, 3);
    }
    // Canonical codes of that alphabet: 0 → 00, 1 → 01, 2 → 10, 18 → 11.
    let mut lengths = vec![0u8; 286 + 2];
    lengths[c as usize] = 2;
    lengths[256] = 2;
    lengths[285] = 1;
    lengths[286] = 1;
    lengths[287] = 1;
    let mut i = 0;
    while i < lengths.len() {
        let run = lengths[i..]
            .iter()
            .take_while(|l| **l == 0)
            .count()
            .min(138);
        if run >= 11 {
            b.code(3, 2);
            b.put(run as u64 - 11, 7);
            i += run;
        } else {
            b.code(lengths[i] as u64, 2);
            i += 1;
        }
    }
    // Literal/length codes: 285 → 0, `c` → 10, end → 11; distances: 1 → 0.
    b.code(2, 2);
    let rest = n - 1;
    for _ in 0..rest / 258 {
        b.put(0, 2);
    }
    for _ in 0..rest % 258 {
        b.code(2, 2);
    }
    b.code(3, 2);
    if b.n > 0 {
        b.out.push(b.acc as u8);
    }
    b.out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &x in bytes {
        crc ^= x as u32;
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A ZIP holding `word/document.xml` as the given DEFLATE data, stating `size` inflated bytes.
/// Its CRC is left 0: a reader that stops at its limit never reaches the end where it is checked.
fn docx_of(deflated: &[u8], size: u32) -> Vec<u8> {
    let name = b"word/document.xml";
    let mut z = Vec::new();
    let head = |z: &mut Vec<u8>| {
        z.extend_from_slice(&20u16.to_le_bytes()); // version needed
        z.extend_from_slice(&0u16.to_le_bytes()); // flags
        z.extend_from_slice(&8u16.to_le_bytes()); // deflate
        z.extend_from_slice(&[0, 0, 0x21, 0]); // time, date
        z.extend_from_slice(&0u32.to_le_bytes()); // crc
        z.extend_from_slice(&(deflated.len() as u32).to_le_bytes());
        z.extend_from_slice(&size.to_le_bytes());
        z.extend_from_slice(&(name.len() as u16).to_le_bytes());
        z.extend_from_slice(&0u16.to_le_bytes()); // extra
    };
    z.extend_from_slice(b"PK\x03\x04");
    head(&mut z);
    z.extend_from_slice(name);
    z.extend_from_slice(deflated);
    let central = z.len();
    z.extend_from_slice(b"PK\x01\x02");
    z.extend_from_slice(&20u16.to_le_bytes()); // made by
    head(&mut z);
    z.extend_from_slice(&[0; 10]); // comment, disk, attributes
    z.extend_from_slice(&0u32.to_le_bytes()); // local header at 0
    z.extend_from_slice(name);
    let end = z.len();
    z.extend_from_slice(b"PK\x05\x06");
    z.extend_from_slice(&[0, 0, 0, 0, 1, 0, 1, 0]);
    z.extend_from_slice(&((end - central) as u32).to_le_bytes());
    z.extend_from_slice(&(central as u32).to_le_bytes());
    z.extend_from_slice(&0u16.to_le_bytes());
    z
}

/// A grayscale PNG of `w` × `h` black pixels: under 1 MB for 30.000 × 30.000.
fn black_png(w: u32, h: u32) -> Vec<u8> {
    let raw = (w as u64 + 1) * h as u64;
    let mut idat = vec![0x78, 0x01];
    idat.extend(deflate_run(0, raw));
    // Adler-32 of zeros: a stays 1, b counts the bytes.
    idat.extend_from_slice(&((((raw % 65521) as u32) << 16) | 1).to_be_bytes());
    let chunk = |out: &mut Vec<u8>, kind: &[u8], data: &[u8]| {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut typed = kind.to_vec();
        typed.extend_from_slice(data);
        out.extend_from_slice(&typed);
        out.extend_from_slice(&crc32(&typed).to_be_bytes());
    };
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = w.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[8, 0, 0, 0, 0]);
    chunk(&mut png, b"IHDR", &ihdr);
    chunk(&mut png, b"IDAT", &idat);
    chunk(&mut png, b"IEND", &[]);
    png
}

fn refused_fast(bytes: &[u8], name: &str, code: &str, limit: &str) {
    let mut store = store();
    let before = everything(&store);
    let started = std::time::Instant::now();
    let e = sources::attach(&mut store, bytes, name, None).unwrap_err();
    let took = started.elapsed();
    assert!(
        took < std::time::Duration::from_secs(10),
        "{name}: {took:?}"
    );
    assert_eq!(e.code(), code, "{name}: {e}");
    assert!(e.to_string().contains(limit), "{name}: {e}");
    assert!(e.to_string().contains(name), "{name}: {e}");
    assert_eq!(everything(&store), before, "{name}: nothing stored");
}

#[test]
fn the_bomb_maker_makes_what_it_says() {
    // Read back through the same ZIP reader attach uses: 1.000 bytes 'a'.
    let docx = docx_of(&deflate_run(b'a', 1000), 1000);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut text = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut text)
        .unwrap_err(); // only the CRC, left 0, is wrong
    assert_eq!(text.len(), 1000);
    assert!(text.bytes().all(|b| b == b'a'));
}

#[test]
fn a_docx_that_inflates_to_a_gigabyte_is_refused_fast() {
    let gib = 1u64 << 30;
    let deflated = deflate_run(b'a', gib);
    assert!(deflated.len() < 1_100_000, "{}", deflated.len());
    // Stating its real size: refused from the header.
    refused_fast(
        &docx_of(&deflated, gib as u32),
        "bom.docx",
        "attach.too_large",
        "64 MB",
    );
    // Stating 1 KB: the reader stops inflating at the limit whatever the header says.
    refused_fast(
        &docx_of(&deflated, 1024),
        "bom-noi-doi.docx",
        "attach.too_large",
        "64 MB",
    );
}

#[test]
fn html_nested_five_thousand_deep_is_refused_fast() {
    let page = format!(
        "<html><body>{}Cụm thi đua{}</body></html>",
        "<div>".repeat(5000),
        "</div>".repeat(5000)
    );
    refused_fast(page.as_bytes(), "long.html", "attach.too_deep", "200 tầng");
    // Unclosed tags nest too (an HTML parser opens each): `<b>` and `<div/>`.
    refused_fast(
        "<html><body><b>".repeat(300).as_bytes(),
        "b.html",
        "attach.too_deep",
        "200",
    );
    // A list item in a section in a list item… the parser nests them, so does the count.
    refused_fast(
        format!("<html><body>{}", "<ul><li><section>".repeat(100)).as_bytes(),
        "li.html",
        "attach.too_deep",
        "200",
    );
}

#[test]
fn long_flat_pages_with_tags_left_open_are_not_deep() {
    // Old-style pages leave <p>, <li>, <td> and <tr> open: siblings, not nesting.
    let mut page = String::from("<html><body><div><table>");
    for i in 0..500 {
        page.push_str(&format!("<tr><td>Đơn vị {i}<td>hạng nhất"));
    }
    page.push_str("</table><ul>");
    for i in 0..500 {
        page.push_str(&format!("<li>mục {i}<p>đoạn <b>đậm</b>"));
    }
    page.push_str("</ul><script>if (a < b) { '<div><div><div>' }</script>");
    page.push_str(&"<p>Đoạn văn của bài viết, tiếp tục.<br>".repeat(500));
    page.push_str("<!-- <div><div> --></div></body></html>");
    // Read only (the text is longer than what today's validation lets `attach` keep).
    let read = sources::read(page.as_bytes(), "phang.html").unwrap();
    assert!(read.text.unwrap().contains("Đơn vị 499"));
}

#[test]
fn an_image_of_thirty_thousand_squared_pixels_is_refused_before_ocr() {
    let png = black_png(30_000, 30_000);
    assert!(png.len() < 1_000_000, "{}", png.len());
    refused_fast(&png, "anh-lon.png", "attach.too_large", "100 megapixel");
    // A JPEG stating the same in its frame header.
    let jpeg = [
        0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0xFF, 0xC0, 0, 11, 8, 0x75, 0x30, 0x75, 0x30, 1, 0, 0,
        0, 0xFF, 0xD9,
    ];
    refused_fast(&jpeg, "anh-lon.jpg", "attach.too_large", "100 megapixel");
    // A small image is still kept (with or without Tesseract).
    let mut store = store();
    assert!(
        !sources::attach(&mut store, &black_png(40, 30), "nho.png", None)
            .unwrap()
            .already
    );
}

#[test]
fn reading_and_storing_are_two_steps_and_the_first_needs_no_store() {
    // `prepare` takes no store (the app runs it with no lock held); `commit` writes it.
    let page = b"<html><body><article><h1>Tin thi \xc4\x91ua</h1><p>C\xe1\xbb\xa5m thi \xc4\x91ua s\xe1\xbb\x91 III t\xe1\xbb\x95ng k\xe1\xba\xbft.</p></article></body></html>";
    let prepared = std::thread::spawn(move || sources::prepare(page, "tin.html", None).unwrap())
        .join()
        .unwrap();
    let mut store = store();
    let before = everything(&store);
    assert_eq!(everything(&store), before, "nothing written before commit");
    let a = sources::commit(&mut store, prepared).unwrap();
    assert!(!a.already);
    let s = source(&store, a.source_id);
    assert!(s.body_text.unwrap().contains("Cụm thi đua số III"));
    // The same file prepared again: committed as the one already there.
    let again =
        sources::commit(&mut store, sources::prepare(page, "b.html", None).unwrap()).unwrap();
    assert!(again.already);
    assert_eq!(again.source_id, a.source_id);
    // Refusals come from the first step, before any store is involved.
    assert_eq!(
        sources::prepare(b"", "rong.txt", None).unwrap_err().code(),
        "attach.empty"
    );
}

#[test]
fn the_viewer_gets_stored_html_sanitized_again() {
    // A source whose stored HTML came from elsewhere (a database from a USB stick, written by
    // anything): nothing in it runs, loads, submits or points anywhere.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("usb.sqlite3");
    let id = {
        let mut store = thidua_core::Store::open(&path).unwrap();
        let page =
            "<html><body><article><p>Cụm thi đua số III tổng kết năm.</p></article></body></html>";
        sources::attach(&mut store, page.as_bytes(), "bai.html", None)
            .unwrap()
            .source_id
    };
    let set_html = |html: &str| {
        let db = rusqlite::Connection::open(&path).unwrap();
        db.execute(
            "UPDATE source_files SET html = ?1 WHERE source_id = ?2",
            rusqlite::params![html, id],
        )
        .unwrap();
    };
    let hostile = "<base href=\"https://evil.example/\"><script>alert(1)</script>\
        <p onclick=\"alert(2)\">Cụm thi đua <img src=x onerror=\"alert(3)\"></p>\
        <a href=\"javascript:alert(4)\">a</a><a href=\"//evil.example/x\">b</a>\
        <a href=\"/tuong-doi\">c</a><a href=\"https://vi.example/bai\">d</a>\
        <form action=\"https://evil.example/f\"><input name=q></form>\
        <iframe src=\"https://evil.example/\"></iframe><style>p{}</style>\
        <svg><script>alert(5)</script></svg><math><mi xlink:href=\"javascript:alert(6)\">m</mi></math>";
    set_html(hostile);
    let store = thidua_core::Store::open(&path).unwrap();
    let html = sources::view(&store, id).unwrap().html.unwrap();
    assert!(html.contains("Cụm thi đua"), "{html}");
    for bad in [
        "<script",
        "alert",
        "onclick",
        "onerror",
        "javascript:",
        "<form",
        "<input",
        "<base",
        "<iframe",
        "evil.example",
        "href=\"/",
        "<style",
        "<svg",
        "<math",
        "<img",
    ] {
        assert!(!html.contains(bad), "{bad} in {html}");
    }
    // No address of any kind survives: links are text.
    assert!(!html.contains("href"), "{html}");
    // Stored HTML nested too deep to sanitize quickly is not shown (the text is).
    let deep = format!("{}x{}", "<div>".repeat(5000), "</div>".repeat(5000));
    drop(store);
    set_html(&deep);
    let store = thidua_core::Store::open(&path).unwrap();
    let started = std::time::Instant::now();
    let v = sources::view(&store, id).unwrap();
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
    assert_eq!(v.html, None);
    assert!(v.source.body_text.is_some());
}
