//! DOCX in the Party document format (Hướng dẫn 36-HD/VPTW): A4 with the set margins; the
//! issuing body top left and "ĐẢNG CỘNG SẢN VIỆT NAM" underlined top right; the number; place
//! and date in italics; "BÁO CÁO" and the subject centred; the body; the signature block and
//! "Nơi nhận". Built from named paragraph and table styles (the clerk restyles the whole report
//! at once in Word), Times New Roman in all four font slots so Word never draws Vietnamese
//! letters in a fallback font.

use docx_rs::*;

use super::content::{split_footnotes, without_empty_columns, Cell, Report, ReportKind, TableView};

const FONT: &str = "Times New Roman";

fn fonts() -> RunFonts {
    RunFonts::new()
        .ascii(FONT)
        .hi_ansi(FONT)
        .east_asia(FONT)
        .cs(FONT)
}

/// Millimetres to twentieths of a point.
fn twips(mm: f64) -> i32 {
    (mm * 1440.0 / 25.4).round() as i32
}

fn styles(doc: Docx) -> Docx {
    let para = |id: &str, name: &str| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .fonts(fonts())
    };
    doc.add_style(
        para("Body", "Thidua Body")
            .size(28)
            .align(AlignmentType::Both)
            .line_spacing(LineSpacing::new().before(60).after(60))
            .indent(None, Some(SpecialIndentType::FirstLine(567)), None, None),
    )
    .add_style(
        para("Issuer", "Thidua Issuer")
            .size(26)
            .bold()
            .align(AlignmentType::Center),
    )
    .add_style(
        para("Party", "Thidua Party")
            .size(26)
            .bold()
            .underline("single")
            .align(AlignmentType::Center),
    )
    .add_style(
        para("PlaceDate", "Thidua Place Date")
            .size(28)
            .italic()
            .align(AlignmentType::Right),
    )
    .add_style(
        para("DocTitle", "Thidua Title")
            .size(30)
            .bold()
            .align(AlignmentType::Center),
    )
    .add_style(
        para("Subject", "Thidua Subject")
            .size(28)
            .bold()
            .align(AlignmentType::Center),
    )
    .add_style(
        para("Heading1", "heading 1")
            .size(28)
            .bold()
            .outline_lvl(0)
            .line_spacing(LineSpacing::new().before(180).after(60)),
    )
    .add_style(para("Cell", "Thidua Table Text").size(24))
    .add_style(
        para("CellHead", "Thidua Table Heading")
            .size(24)
            .bold()
            .align(AlignmentType::Center),
    )
    .add_style(
        para("SignTitle", "Thidua Signature")
            .size(28)
            .bold()
            .align(AlignmentType::Center),
    )
    .add_style(para("Recipients", "Thidua Recipients").size(22))
    .add_style(
        para("Caption", "Thidua Caption")
            .size(24)
            .bold()
            .align(AlignmentType::Center),
    )
    .add_style(para("FootnoteText", "footnote text").size(20))
    .add_style(footnote_reference())
    .add_style(
        Style::new("ReportTable", StyleType::Table)
            .name("Thidua Table")
            .fonts(fonts())
            .set_borders(TableBorders::new()),
    )
}

/// The character style docx-rs gives footnote references: a raised number.
fn footnote_reference() -> Style {
    let mut style =
        Style::new("FootnoteReference", StyleType::Character).name("footnote reference");
    style.run_property = style.run_property.vert_align(VertAlignType::SuperScript);
    style
}

fn p(style: &str, text: &str) -> Paragraph {
    Paragraph::new()
        .style(style)
        .add_run(Run::new().add_text(text))
}

/// Column widths in twentieths of a point: a number column as wide as its numbers (its header
/// wraps), text columns sharing the rest by how much they hold, as the PDF lays them out.
fn column_widths(table: &super::content::Table, total: usize) -> Vec<usize> {
    const EM: f64 = 240.0; // 12 pt, the tables' size
    let n = table.columns.len().max(1);
    let longest = |i: usize| {
        table
            .rows
            .iter()
            .map(|r| r.get(i).map_or(0, |c| c.display().chars().count()))
            .max()
            .unwrap_or(1)
    };
    let numeric: Vec<bool> = (0..n)
        .map(|i| {
            table
                .rows
                .iter()
                .any(|r| matches!(r.get(i), Some(Cell::Number(_) | Cell::Percent(_))))
        })
        .collect();
    let header = |i: usize| table.columns.get(i).map_or(4, |h| h.chars().count());
    // Short text ("2023", "lượt") is sized like numbers: wide enough not to break.
    let short = |i: usize| !numeric[i] && longest(i).max(header(i)) <= 14;
    let fixed: Vec<f64> = (0..n)
        .map(|i| {
            if numeric[i] {
                let word = table.columns.get(i).map_or(0, |h| {
                    h.split_whitespace()
                        .map(|w| w.chars().count())
                        .max()
                        .unwrap_or(0)
                });
                (longest(i).max(word) as f64 * 0.55 + 1.0).max(3.6) * EM
            } else if short(i) {
                (longest(i).max(header(i)) as f64 * 0.55 + 1.2) * EM
            } else {
                0.0
            }
        })
        .collect();
    let weights: Vec<f64> = (0..n)
        .map(|i| {
            if numeric[i] || short(i) {
                0.0
            } else {
                longest(i).max(header(i)).clamp(4, 45) as f64
            }
        })
        .collect();
    let total = total as f64;
    let room = (total - fixed.iter().sum::<f64>()).max(total * 0.3);
    let weight: f64 = weights.iter().sum::<f64>().max(1.0);
    let raw: Vec<f64> = (0..n)
        .map(|i| fixed[i] + room * weights[i] / weight)
        .collect();
    // Scaled to the text width exactly.
    let scale = total / raw.iter().sum::<f64>().max(1.0);
    raw.iter().map(|w| (w * scale).round() as usize).collect()
}

fn cell(paragraph: Paragraph) -> TableCell {
    TableCell::new().add_paragraph(paragraph)
}

pub fn bytes(report: &Report) -> Result<Vec<u8>, String> {
    let s = &report.settings;
    let summary = report.kind == ReportKind::Summary;
    let mut charts = Vec::new();
    let text_width = twips(210.0 - s.margins_mm[2] - s.margins_mm[3]).max(2000) as usize;
    let [top, bottom, left, right] = s.margins_mm;
    let mut doc = styles(
        Docx::new()
            .page_size(11906, 16838)
            .page_margin(
                PageMargin::new()
                    .top(twips(top))
                    .bottom(twips(bottom))
                    .left(twips(left))
                    .right(twips(right)),
            )
            .default_fonts(fonts())
            .default_size(28),
    );

    // The header: issuing body and number on the left, the Party's name and the place and
    // date on the right, in a table without borders.
    let mut left_cell = TableCell::new();
    for line in &s.issuer_lines {
        left_cell = left_cell.add_paragraph(p("Issuer", line));
    }
    left_cell = left_cell.add_paragraph(p("Issuer", "*"));
    if !summary {
        left_cell = left_cell.add_paragraph(p(
            "Issuer",
            &format!(
                "Số {}{}",
                if s.number.is_empty() {
                    "   "
                } else {
                    &s.number
                },
                s.symbol
            ),
        ));
    }
    let right_cell = TableCell::new()
        .add_paragraph(p("Party", "ĐẢNG CỘNG SẢN VIỆT NAM"))
        .add_paragraph(p("PlaceDate", &report.place_date));
    doc = doc.add_table(
        Table::new(vec![TableRow::new(vec![left_cell, right_cell])])
            .set_grid(vec![4200, 5300])
            .set_borders(TableBorders::new().clear_all()),
    );

    doc = doc
        .add_paragraph(p("DocTitle", &report.title))
        .add_paragraph(p("Subject", &report.subject))
        .add_paragraph(p("Subject", "-----"));

    for section in &report.sections {
        if !section.heading.is_empty() {
            doc = doc.add_paragraph(p("Heading1", &section.heading));
        }
        for para in &section.paragraphs {
            doc = doc.add_paragraph(p("Body", para));
        }
        for table in &section.tables {
            if table.rows.is_empty() {
                continue;
            }
            if !table.caption.is_empty() && table.view == TableView::Rows {
                doc = doc.add_paragraph(p("Caption", &table.caption));
            }
            if table.view == TableView::LineChart {
                // A native chart replaces this paragraph once the package is written.
                charts.push(table);
                doc = doc.add_paragraph(p("Caption", &super::docx_package::marker(charts.len())));
                continue;
            }
            let (table, notes) = split_footnotes(table);
            let table = &without_empty_columns(&table);
            let widths = column_widths(table, text_width);
            let sized = |i: usize, c: TableCell| c.width(widths[i], WidthType::Dxa);
            let mut rows = vec![TableRow::new(
                table
                    .columns
                    .iter()
                    .enumerate()
                    .map(|(i, c)| sized(i, cell(p("CellHead", c))))
                    .collect(),
            )];
            for (r, row) in table.rows.iter().enumerate() {
                let note = notes.get(r).filter(|n| !n.is_empty());
                rows.push(TableRow::new(
                    row.iter()
                        .enumerate()
                        .map(|(i, c)| {
                            let mut para = p("Cell", &c.display());
                            // A figure's sources: a footnote on its first cell.
                            if let (0, Some(note)) = (i, note) {
                                let mut footnote = Footnote::new();
                                footnote.add_content(p("FootnoteText", note));
                                para = para.add_run(Run::new().add_footnote_reference(footnote));
                            }
                            sized(
                                i,
                                cell(match c {
                                    Cell::Number(_) | Cell::Percent(_) => {
                                        para.align(AlignmentType::Right)
                                    }
                                    _ => para,
                                }),
                            )
                        })
                        .collect(),
                ));
            }
            doc = doc.add_table(
                Table::new(rows)
                    .style("ReportTable")
                    .set_grid(widths.clone())
                    .width(text_width, WidthType::Dxa)
                    .layout(TableLayoutType::Fixed),
            );
            doc = doc.add_paragraph(p("Body", ""));
        }
    }

    if summary {
        return finish(doc, &charts);
    }
    // Signature block and recipients.
    let mut recipients = TableCell::new().add_paragraph(
        Paragraph::new()
            .style("Recipients")
            .add_run(Run::new().add_text("Nơi nhận:").bold().italic()),
    );
    for r in &s.recipients {
        recipients = recipients.add_paragraph(p("Recipients", &format!("- {r}")));
    }
    let sign = TableCell::new()
        .add_paragraph(p("SignTitle", &s.on_behalf))
        .add_paragraph(p("SignTitle", &s.signer_title))
        .add_paragraph(p("Body", ""))
        .add_paragraph(p("Body", ""))
        .add_paragraph(p("SignTitle", &s.signer_name));
    doc = doc.add_table(
        Table::new(vec![TableRow::new(vec![recipients, sign])])
            .set_grid(vec![4700, 4800])
            .set_borders(TableBorders::new().clear_all()),
    );

    finish(doc, &charts)
}

fn finish(doc: Docx, charts: &[&super::content::Table]) -> Result<Vec<u8>, String> {
    let mut out = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut out).map_err(|e| e.to_string())?;
    super::docx_package::finish(out.into_inner(), charts)
}
