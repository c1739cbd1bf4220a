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

/// Whole-year figures of Kết nạp đảng viên mới for Cụm thi đua số III before 2023 (the demo
/// records 2023's 20.777), so a chart has years to draw.
fn with_earlier_years(store: &mut thidua_core::storage::Store) {
    use thidua_core::domain::{Figure, PeriodKind};
    let indicator = common::id_where(store, "indicators", &[("code", "ket_nap_dang_vien".into())]);
    let cluster = common::cluster_id(store, "Cụm thi đua số III");
    for (year, value) in [
        (2019, 15000.0),
        (2020, 16400.0),
        (2021, 17800.0),
        (2022, 19200.0),
    ] {
        thidua_core::services::records::save(
            store,
            &Figure {
                indicator_id: indicator,
                scope_cluster_id: Some(cluster),
                period_kind: PeriodKind::Year,
                period_year: Some(year),
                value: Some(value),
                ..Figure::default()
            },
        )
        .unwrap();
    }
}

fn write_pdf(r: &reports::Report, dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("r.pdf");
    std::fs::write(&path, &reports::render(r, Format::Pdf).unwrap()[0].1).unwrap();
    path
}

fn pdf_text(path: &std::path::Path) -> String {
    poppler("pdftotext", &["-raw"], path)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn pdf_pages(path: &std::path::Path) -> usize {
    let info = std::process::Command::new("pdfinfo")
        .arg(path)
        .output()
        .unwrap();
    String::from_utf8_lossy(&info.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:").map(|n| n.trim().parse().unwrap()))
        .unwrap()
}

#[test]
fn the_indicators_the_clerk_picks_are_charted_over_the_years_as_vectors_in_pdf_docx_and_xlsx() {
    use reports::{Narrative, TableView};
    let mut store = common::demo_store();
    with_earlier_years(&mut store);
    let scope = Scope::Cluster("Cụm thi đua số III".into());
    let choice = Narrative {
        chart_indicators: vec!["ket_nap_dang_vien".into()],
        ..Narrative::default()
    };
    reports::set_narrative(&mut store, 2023, &scope, &choice).unwrap();
    // The choice is kept with the report: a regenerated report draws the chart again.
    let r = reports::build(&store, 2023, &scope, "2023-12-08").unwrap();
    let chart = r
        .sections
        .iter()
        .flat_map(|s| &s.tables)
        .find(|t| t.view == TableView::LineChart)
        .expect("the chart");
    assert_eq!(
        chart.columns,
        ["Phạm vi", "2019", "2020", "2021", "2022", "2023"]
    );
    assert_eq!(chart.rows.len(), 1, "{:?}", chart.rows);
    assert_eq!(chart.rows[0][0].display(), "Cụm thi đua số III");
    assert_eq!(chart.rows[0][5].display(), "20.777");
    let caption = "Biểu đồ 1. Kết nạp đảng viên mới (đảng viên), 2019–2023";
    assert_eq!(chart.caption, caption);

    // PDF: the chart's words are text, its lines are vectors (the page holds no image).
    let dir = tempfile::tempdir().unwrap();
    let pdf = write_pdf(&r, dir.path());
    let text = pdf_text(&pdf);
    assert!(text.contains(caption), "{text}");
    assert!(
        text.contains("2019 2020 2021 2022 2023"),
        "the years under the axis"
    );
    assert!(text.contains("20.000"), "a value on the axis");
    let images = std::process::Command::new("pdfimages")
        .arg("-list")
        .arg(&pdf)
        .output()
        .unwrap();
    let images = String::from_utf8_lossy(&images.stdout).to_string();
    assert_eq!(images.lines().count(), 2, "no raster image: {images}");

    // DOCX: a native chart part with its numbers, linked from the document, its data embedded.
    let docx = &reports::render(&r, Format::Docx).unwrap()[0].1;
    let part = docx_text(docx, "word/charts/chart1.xml");
    assert!(part.contains("<c:lineChart>") && part.contains("<c:v>20777</c:v>"));
    assert!(part.contains(caption));
    let doc = docx_text(docx, "word/document.xml");
    assert!(doc.contains("r:id=\"rIdThiduaChart1\"") && !doc.contains("THIDUA-CHART"));
    assert!(
        docx_text(docx, "word/_rels/document.xml.rels").contains("Target=\"charts/chart1.xml\"")
    );
    assert!(docx_text(docx, "[Content_Types].xml").contains("/word/charts/chart1.xml"));
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx.as_slice())).unwrap();
    let mut embedded = Vec::new();
    zip.by_name("word/embeddings/Microsoft_Excel_Worksheet1.xlsx")
        .unwrap()
        .read_to_end(&mut embedded)
        .unwrap();
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(embedded)).unwrap();
    let data = book.worksheet_range("Sheet1").unwrap();
    assert_eq!(data.get_value((5, 1)), Some(&Data::Float(20777.0)));

    // XLSX: the numbers, and an Excel chart drawn from them.
    let xlsx = reports::render(&r, Format::Xlsx).unwrap().remove(0).1;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx.as_slice())).unwrap();
    assert!(zip.by_name("xl/charts/chart1.xml").is_ok());
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(xlsx)).unwrap();
    let sheet = book
        .sheet_names()
        .into_iter()
        .find(|n| n.starts_with("Biểu đồ"))
        .unwrap();
    let data = book.worksheet_range(&sheet).unwrap();
    assert_eq!(data.get_value((1, 1)), Some(&Data::Float(15000.0)));
}

#[test]
fn footnotes_cite_each_figures_passage_and_sub_counts_sit_under_their_figure() {
    use thidua_core::domain::{Figure, PeriodKind};
    let mut store = common::demo_store();
    let parent = common::id_where(&store, "figures", &[("value", 20777.0.into())]);
    let part = common::id_where(
        &store,
        "indicators",
        &[("code", "to_chuc_dang_doanh_nghiep".into())],
    );
    let cluster = common::cluster_id(&store, "Cụm thi đua số III");
    thidua_core::services::records::save(
        &mut store,
        &Figure {
            indicator_id: part,
            scope_cluster_id: Some(cluster),
            period_kind: PeriodKind::Year,
            period_year: Some(2023),
            value: Some(321.0),
            parent_id: Some(parent),
            ..Figure::default()
        },
    )
    .unwrap();
    let scope = Scope::All;
    let choice = reports::Narrative {
        footnotes: true,
        ..reports::Narrative::default()
    };
    reports::set_narrative(&mut store, 2023, &scope, &choice).unwrap();
    let r = reports::build(&store, 2023, &scope, "2023-12-08").unwrap();
    let figures = r
        .sections
        .iter()
        .flat_map(|s| &s.tables)
        .find(|t| t.name == "Số liệu")
        .unwrap();
    let notes = figures.footnotes.expect("a footnote column");
    let at = figures
        .rows
        .iter()
        .position(|row| row[3].display() == "20.777")
        .unwrap();
    assert!(
        figures.rows[at + 1][0]
            .display()
            .contains("trong đó: Tổ chức đảng thành lập mới"),
        "the sub-count right under its figure: {:?}",
        figures.rows[at + 1]
    );
    let note = figures.rows[at][notes].display();
    assert!(
        note.starts_with("«kết nạp được 20.777 đảng viên mới» — Tổng kết công tác thi đua"),
        "{note}"
    );
    assert!(note.contains("11/12/2023"), "the article's date: {note}");

    let dir = tempfile::tempdir().unwrap();
    let text = pdf_text(&write_pdf(&r, dir.path()));
    assert!(
        text.contains("«kết nạp được 20.777 đảng viên mới» — Tổng kết"),
        "PDF footnote"
    );
    let docx = &reports::render(&r, Format::Docx).unwrap()[0].1;
    let footnotes = docx_text(docx, "word/footnotes.xml");
    assert!(footnotes.contains("«kết nạp được 20.777 đảng viên mới»"));
    assert!(
        footnotes.contains("<w:footnoteRef/>"),
        "numbered as Word numbers them"
    );
    assert!(docx_text(docx, "word/document.xml").contains("<w:footnoteReference"));
    let csv = reports::render(&r, Format::Csv).unwrap();
    let all: String = csv
        .iter()
        .map(|(_, b)| String::from_utf8_lossy(b).to_string())
        .collect();
    assert!(
        all.contains("Nguồn") && all.contains("kết nạp được 20.777 đảng viên mới"),
        "spreadsheets keep it as a column"
    );
}

#[test]
fn a_units_report_keeps_to_its_own_records_and_an_unknown_unit_is_a_message() {
    let store = common::demo_store();
    let r = reports::build(
        &store,
        2023,
        &Scope::Unit("ban to chuc tinh uy khanh hoa".into()),
        "2023-12-08",
    )
    .unwrap();
    let awards = &r.sections[2].tables[0].rows;
    assert_eq!(awards.len(), 1, "{awards:?}");
    assert_eq!(
        awards[0][0].display(),
        "Cờ thi đua đơn vị xuất sắc ngành tổ chức xây dựng Đảng"
    );
    assert_eq!(
        r.subject,
        "Kết quả công tác thi đua, khen thưởng năm 2023 của Ban Tổ chức Tỉnh ủy Khánh Hòa"
    );
    let err =
        reports::build(&store, 2023, &Scope::Unit("Không có".into()), "2023-12-08").unwrap_err();
    let user: thidua_core::UserError = err.into();
    assert_eq!(user.code, "report.unknown_scope");
    assert!(user.message.contains("Không tìm thấy"));
}

#[test]
fn the_sources_are_the_articles_the_reports_facts_cite() {
    let store = common::demo_store();
    let titles = |scope: Scope| -> Vec<String> {
        let r = reports::build(&store, 2023, &scope, "2023-12-08").unwrap();
        r.sections.last().unwrap().tables[0]
            .rows
            .iter()
            .map(|row| row[0].display())
            .collect()
    };
    let cluster = titles(Scope::Cluster("Cụm thi đua số III".into()));
    assert_eq!(
        cluster,
        ["Tổng kết công tác thi đua Ban Tổ chức các tỉnh ủy, thành ủy khu vực miền Trung - Tây Nguyên"]
    );
    let all = titles(Scope::All);
    assert!(all.len() >= 3, "{all:?}");
    assert!(all
        .iter()
        .any(|t| t.starts_with("Chia sẻ nhiều kinh nghiệm")));
    assert!(
        !all.iter().any(|t| t.contains("năm 2017")),
        "2017's article is not cited in 2023"
    );
}

#[test]
fn one_page_summaries_of_a_clusters_year_a_unit_and_a_person() {
    use reports::{summary, SummaryOf, SummaryRequest};
    let mut store = common::demo_store();
    with_earlier_years(&mut store);
    let dir = tempfile::tempdir().unwrap();
    let check = |of: SummaryOf, name: &str, facts: &[&str]| {
        let id = summary::find(&store, of, name).unwrap();
        let r =
            summary::build(&store, &SummaryRequest { of, id, year: 2023 }, "2023-12-08").unwrap();
        let pdf = write_pdf(&r, dir.path());
        assert_eq!(pdf_pages(&pdf), 1, "{name}: one page");
        let text = pdf_text(&pdf);
        for fact in facts.iter().chain(&["TÓM TẮT", "ĐẢNG CỘNG SẢN VIỆT NAM"]) {
            assert!(text.contains(fact), "{name}: «{fact}» in {text}");
        }
        assert!(!text.contains("Nơi nhận"), "a summary is not signed");
        let docx = &reports::render(&r, Format::Docx).unwrap()[0].1;
        assert!(plain(&docx_text(docx, "word/document.xml")).contains(facts[0]));
    };
    check(
        SummaryOf::Cluster,
        "cum thi dua so III",
        &[
            "Cụm thi đua số III năm 2023",
            "Ban Tổ chức Tỉnh ủy Quảng Bình",
            "Ban Tổ chức Tỉnh ủy Đắk Nông",
            "Bầu cho năm 2024: Cụm trưởng Ban Tổ chức Tỉnh ủy Quảng Trị",
            "20.777",
        ],
    );
    check(
        SummaryOf::Unit,
        "Ban Tổ chức Tỉnh ủy Khánh Hòa",
        &[
            "Quá trình thi đua của Ban Tổ chức Tỉnh ủy Khánh Hòa",
            "Cờ thi đua",
            "Cụm thi đua số III",
        ],
    );
    check(
        SummaryOf::Person,
        "Võ Hồng Hải",
        &[
            "Đồng chí Võ Hồng Hải",
            "Hội nghị sơ kết công tác thi đua",
            "Chủ trì",
        ],
    );

    // Two people of one name are told apart, never guessed.
    for born in [1970, 1975] {
        thidua_core::services::records::save(
            &mut store,
            &thidua_core::domain::Person {
                full_name: "Nguyễn Văn An".into(),
                birth_year: Some(born),
                ..Default::default()
            },
        )
        .unwrap();
    }
    let err = summary::find(&store, SummaryOf::Person, "nguyen van an").unwrap_err();
    let user: thidua_core::UserError = err.into();
    assert_eq!(user.code, "report.ambiguous");
}

#[test]
fn a_clusters_report_lists_the_personnel_changes_of_its_members_only() {
    use thidua_core::domain::{Person, PersonnelChange, Unit};
    use thidua_core::services::records;
    let mut store = common::demo_store();
    let member = common::list(&store, "units", None)
        .into_iter()
        .find(|u| u["name"] == "Ban Tổ chức Tỉnh ủy Khánh Hòa")
        .and_then(|u| u["id"].as_i64())
        .expect("a member of Cụm III");
    let outside = records::save(
        &mut store,
        &Unit {
            kind: "khac".into(),
            name: "Ban Tổ chức Huyện ủy Ngoài Cụm".into(),
            ..Unit::default()
        },
    )
    .unwrap()
    .id
    .unwrap();
    for (name, unit) in [("Trần Văn Trong", member), ("Lê Thị Ngoài", outside)] {
        let person = records::save(
            &mut store,
            &Person {
                full_name: name.into(),
                ..Person::default()
            },
        )
        .unwrap();
        records::save(
            &mut store,
            &PersonnelChange {
                kind: "bo_nhiem".into(),
                person_id: person.id.unwrap(),
                to_unit_id: Some(unit),
                to_title: Some("Phó Trưởng ban".into()),
                decision_date: Some("2023-05-04".into()),
                ..PersonnelChange::default()
            },
        )
        .unwrap();
    }
    let text = |scope: &Scope| {
        let r = reports::build(&store, 2023, scope, "2023-12-08").unwrap();
        let s = r
            .sections
            .iter()
            .find(|s| s.heading.starts_with("IV."))
            .expect("the personnel section");
        format!("{:?}", s.tables)
    };
    let cluster = text(&Scope::Cluster("Cụm thi đua số III".into()));
    assert!(cluster.contains("Trần Văn Trong"), "{cluster}");
    assert!(!cluster.contains("Lê Thị Ngoài"), "{cluster}");
    let all = text(&Scope::All);
    assert!(all.contains("Trần Văn Trong") && all.contains("Lê Thị Ngoài"));
}
