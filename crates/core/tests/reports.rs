//! The 2023 report of the sample database, in every format: each fact of the 2023 sample
//! articles is there (DOCX read from its XML, XLSX read back with a reader, numbers as numbers,
//! CSV and HTML as text), and the DOCX has the Party document form's parts and fonts.

mod common;

use std::io::Read;

use calamine::{Data, Reader, Xlsx};
use thidua_core::services::reports::{self, Format, Scope};

fn report() -> reports::Report {
    let store = common::demo_store();
    reports::build(&store, 2023, &Scope::All, "2023-12-08").unwrap()
}

/// What every format must show, as printed.
const FACTS: &[&str] = &[
    "Ban Tổ chức Tỉnh ủy Quảng Bình",
    "Ban Tổ chức Tỉnh ủy Đắk Nông",
    "Bầu cho năm 2024: Cụm trưởng Ban Tổ chức Tỉnh ủy Quảng Trị; Cụm phó Ban Tổ chức Tỉnh ủy Bình Định, Ban Tổ chức Tỉnh ủy Đắk Nông, Ban Tổ chức Tỉnh ủy Thừa Thiên Huế",
    "Cờ thi đua",
    "Ban Tổ chức Tỉnh ủy Khánh Hòa",
    "Bằng khen",
];

fn docx_text(bytes: &[u8], part: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name(part).unwrap().read_to_string(&mut xml).unwrap();
    xml
}

fn plain(xml: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in xml.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_2023_report_holds_the_samples_facts_in_every_format() {
    let r = report();
    let members = &r.sections[0]
        .tables
        .iter()
        .find(|t| t.name.contains("số III"))
        .unwrap()
        .rows;
    assert_eq!(members.len(), 13, "the 13 members of Cụm thi đua số III");

    // DOCX, from its XML.
    let docx = &reports::render(&r, Format::Docx).unwrap()[0].1;
    let text = plain(&docx_text(docx, "word/document.xml"));
    for fact in FACTS.iter().chain(&[
        "757",
        "1.722",
        "20.777",
        "16.542",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "BÁO CÁO",
        "Quy Nhơn, ngày 08 tháng 12 năm 2023",
        "T/M BAN TỔ CHỨC",
        "Nơi nhận:",
    ]) {
        assert!(text.contains(fact), "DOCX lacks «{fact}»");
    }
    // Styles, not hand-formatted runs; Times New Roman in all four font slots.
    let styles = docx_text(docx, "word/styles.xml");
    for slot in [
        "w:ascii=\"Times New Roman\"",
        "w:hAnsi=\"Times New Roman\"",
        "w:eastAsia=\"Times New Roman\"",
        "w:cs=\"Times New Roman\"",
    ] {
        assert!(styles.contains(slot), "{slot}");
    }
    assert!(
        styles.contains("w:styleId=\"Heading1\"") && styles.contains("w:styleId=\"ReportTable\"")
    );
    let doc = docx_text(docx, "word/document.xml");
    assert!(doc.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\""), "A4");
    assert!(doc.contains("w:left=\"1701\""), "left margin 30 mm");

    // XLSX, read back: one sheet per table, numbers stored as numbers.
    let xlsx = reports::render(&r, Format::Xlsx).unwrap().remove(0).1;
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(xlsx)).unwrap();
    let names = book.sheet_names().to_vec();
    assert!(
        names.iter().any(|n| n == "Số liệu") && names.iter().any(|n| n == "Khen thưởng"),
        "{names:?}"
    );
    let figures = book.worksheet_range("Số liệu").unwrap();
    let numbers: Vec<f64> = figures
        .rows()
        .filter_map(|row| match row.get(3) {
            Some(Data::Float(f)) => Some(*f),
            Some(Data::Int(i)) => Some(*i as f64),
            _ => None,
        })
        .collect();
    for n in [757.0, 1722.0, 20777.0, 16542.0, 1825.0] {
        assert!(numbers.contains(&n), "{n} in {numbers:?}");
    }
    let awards = book.worksheet_range("Khen thưởng").unwrap();
    let counts: Vec<(String, f64)> = awards
        .rows()
        .skip(1)
        .filter_map(|row| match (&row[1], &row[2]) {
            (Data::String(who), Data::Float(n)) => Some((who.clone(), *n)),
            _ => None,
        })
        .collect();
    assert!(
        counts.contains(&("Tập thể".to_string(), 5.0))
            && counts.contains(&("Cá nhân".to_string(), 13.0)),
        "{counts:?}"
    );

    // CSV: one file per table, UTF-8 with a BOM.
    let csv = reports::render(&r, Format::Csv).unwrap();
    assert!(csv.len() >= 6);
    assert!(csv.iter().all(|(_, b)| b.starts_with(&[0xEF, 0xBB, 0xBF])));
    let all: String = csv
        .iter()
        .map(|(_, b)| String::from_utf8_lossy(b).to_string())
        .collect();
    for fact in [
        "Ban Tổ chức Tỉnh ủy Khánh Hòa",
        "20777",
        "16542",
        "757",
        "1722",
        "Tập thể,5",
        "Cá nhân,13",
    ] {
        assert!(all.contains(fact), "CSV lacks «{fact}»");
    }

    // HTML.
    let html = String::from_utf8(reports::render(&r, Format::Html).unwrap().remove(0).1).unwrap();
    for fact in FACTS.iter().chain(&["20.777", "16.542"]) {
        assert!(html.contains(fact), "HTML lacks «{fact}»");
    }
}

#[test]
fn a_clusters_report_keeps_to_its_members_and_settings_are_the_databases() {
    let mut store = common::demo_store();
    let mut s = reports::settings(&store).unwrap();
    s.signer_name = "Nguyễn Giờ".into();
    s.number = "125".into();
    reports::set_settings(&mut store, &s).unwrap();
    let r = reports::build(
        &store,
        2023,
        &Scope::Cluster("Cụm thi đua số III".into()),
        "2023-12-08",
    )
    .unwrap();
    assert_eq!(r.settings.signer_name, "Nguyễn Giờ");
    assert_eq!(r.sections[0].tables.len(), 1, "only its own members");
    let figures = &r.sections[4].tables[0].rows;
    assert!(
        figures
            .iter()
            .all(|row| row[1].display() == "Cụm thi đua số III"),
        "{figures:?}"
    );
    let docx = &reports::render(&r, Format::Docx).unwrap()[0].1;
    let text = plain(&docx_text(docx, "word/document.xml"));
    assert!(text.contains("Số 125-BC/BTCTU") && text.contains("Nguyễn Giờ"));
}

/// Runs a poppler tool on a PDF (poppler-utils comes with the test command's set-up).
fn poppler(tool: &str, args: &[&str], pdf: &std::path::Path) -> String {
    let out = std::process::Command::new(tool)
        .args(args)
        .arg(pdf)
        .arg("-")
        .output()
        .or_else(|_| {
            std::process::Command::new(tool)
                .args(args)
                .arg(pdf)
                .output()
        })
        .unwrap_or_else(|e| panic!("{tool}: {e} (install poppler-utils)"));
    String::from_utf8_lossy(&out.stdout).to_string()
}

#[test]
fn the_pdf_is_a4_in_the_set_margins_with_its_fonts_embedded_and_every_word_recoverable() {
    let r = report();
    let pdf = reports::render(&r, Format::Pdf).unwrap().remove(0).1;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bao-cao.pdf");
    std::fs::write(&path, &pdf).unwrap();

    let info = std::process::Command::new("pdfinfo")
        .arg(&path)
        .output()
        .unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(info.contains("595.276 x 841.89 pts (A4)"), "{info}");
    let fonts = std::process::Command::new("pdffonts")
        .arg(&path)
        .output()
        .unwrap();
    let fonts = String::from_utf8_lossy(&fonts.stdout).to_string();
    for face in [
        "LiberationSerif ",
        "LiberationSerif-Bold ",
        "LiberationSerif-Italic ",
    ] {
        let line = fonts
            .lines()
            .find(|l| l.contains(face))
            .unwrap_or_else(|| panic!("{face} in {fonts}"));
        assert!(
            line.contains(" yes yes yes "),
            "embedded, subset, with a Unicode map: {line}"
        );
    }

    // pdftotext recovers the Vietnamese words exactly (in the order they were written).
    let text = poppler("pdftotext", &["-raw"], &path);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for fact in FACTS.iter().chain(&[
        "757",
        "1.722",
        "20.777",
        "16.542",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "BÁO CÁO",
        "Quy Nhơn, ngày 08 tháng 12 năm 2023",
        "T/M BAN TỔ CHỨC",
        "Nơi nhận:",
    ]) {
        assert!(text.contains(fact), "PDF text lacks «{fact}»");
    }

    // Text stays within the margins: left 30 mm (85,04 pt), right 15 mm (552,76 pt).
    let bbox = poppler("pdftotext", &["-bbox"], &path);
    let coords = |attr: &str| -> Vec<f64> {
        bbox.split(&format!("{attr}=\""))
            .skip(1)
            .filter_map(|s| s.split('"').next().and_then(|v| v.parse().ok()))
            .collect()
    };
    let min_x = coords("xMin").into_iter().fold(f64::MAX, f64::min);
    let max_x = coords("xMax").into_iter().fold(0.0, f64::max);
    assert!((84.5..86.0).contains(&min_x), "left edge {min_x}");
    assert!(max_x <= 553.5, "right edge {max_x}");
}

#[test]
fn a_clusters_figures_show_one_column_per_member_and_the_total_where_they_add_up() {
    use thidua_core::domain::{Figure, PeriodKind};
    let mut store = common::demo_store();
    let indicator = common::id_where(
        &store,
        "indicators",
        &[("code", "ket_nap_dang_vien".into())],
    );
    for (unit, value) in [
        ("Ban Tổ chức Tỉnh ủy Khánh Hòa", 1200.0),
        ("Ban Tổ chức Tỉnh ủy Bình Định", 1550.0),
    ] {
        let unit_id = common::unit_id(&store, unit);
        thidua_core::services::records::save(
            &mut store,
            &Figure {
                indicator_id: indicator,
                scope_unit_id: Some(unit_id),
                period_kind: PeriodKind::Year,
                period_year: Some(2023),
                value: Some(value),
                ..Figure::default()
            },
        )
        .unwrap();
    }
    let r = reports::build(
        &store,
        2023,
        &Scope::Cluster("Cụm thi đua số III".into()),
        "2023-12-08",
    )
    .unwrap();
    let t = r.sections[4]
        .tables
        .iter()
        .find(|t| t.name == "Số liệu theo đơn vị")
        .expect("the per-member table");
    assert_eq!(t.columns.len(), 13 + 2);
    assert_eq!(t.columns.last().map(String::as_str), Some("Cả cụm"));
    let row = t
        .rows
        .iter()
        .find(|r| r[0].display() == "Kết nạp đảng viên mới")
        .unwrap();
    assert_eq!(row.last().unwrap().display(), "2.750");
    let khanh_hoa = t
        .columns
        .iter()
        .position(|c| c == "Ban Tổ chức Tỉnh ủy Khánh Hòa")
        .unwrap();
    assert_eq!(row[khanh_hoa].display(), "1.200");
}
