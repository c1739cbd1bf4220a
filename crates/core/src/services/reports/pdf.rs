//! PDF through typst, used as a library: real text shaping and line breaking, fonts embedded
//! (Liberation Serif, Times New Roman's metrics with every Vietnamese letter, shipped in
//! `assets/fonts` with its licence), text selectable. The report becomes a typst document whose
//! every text is a string literal — nothing the records hold can be read as markup.
//!
//! Why typst and not krilla with a hand-made layout: paragraphs, justified lines, tables that
//! break across pages and repeat their header are what a report needs, and typst does them
//! correctly; it costs about 7 minutes of clean build and 40 MB, which a desktop app can carry.

use std::sync::LazyLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, Source};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

use super::content::{split_footnotes, without_empty_columns, Cell, Report, ReportKind, TableView};

const FONT_FILES: [&[u8]; 4] = [
    include_bytes!("../../../../../assets/fonts/LiberationSerif-Regular.ttf"),
    include_bytes!("../../../../../assets/fonts/LiberationSerif-Bold.ttf"),
    include_bytes!("../../../../../assets/fonts/LiberationSerif-Italic.ttf"),
    include_bytes!("../../../../../assets/fonts/LiberationSerif-BoldItalic.ttf"),
];

static FONTS: LazyLock<Vec<Font>> = LazyLock::new(|| {
    FONT_FILES
        .iter()
        .filter_map(|data| Font::new(Bytes::new(*data), 0))
        .collect()
});
static BOOK: LazyLock<LazyHash<FontBook>> =
    LazyLock::new(|| LazyHash::new(FontBook::from_fonts(FONTS.iter())));
static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

/// One report to typeset: its source, the shipped fonts, no files, no network.
struct ReportWorld {
    source: Source,
    today: Option<Datetime>,
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }
    fn book(&self) -> &LazyHash<FontBook> {
        &BOOK
    }
    fn main(&self) -> FileId {
        self.source.id()
    }
    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.source.id() {
            Ok(self.source.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }
    fn file(&self, _id: FileId) -> FileResult<Bytes> {
        Err(FileError::AccessDenied)
    }
    fn font(&self, index: usize) -> Option<Font> {
        FONTS.get(index).cloned()
    }
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        self.today
    }
}

/// A typst string literal.
fn lit(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Millimetres to points.
fn pt(mm: f64) -> f64 {
    mm * 72.0 / 25.4
}

/// The report as a typst document.
pub fn source(report: &Report) -> String {
    let s = &report.settings;
    let summary = report.kind == ReportKind::Summary;
    let [mut top, mut bottom, left, right] = s.margins_mm;
    // A summary is set smaller, with less room above and below, so that it keeps to its page.
    let (body, table_size) = if summary { (11, 9) } else { (14, 12) };
    if summary {
        (top, bottom) = (top.min(15.0), bottom.min(15.0));
    }
    let mut t = format!(
        "#set document(title: {title})\n\
         #set page(paper: \"a4\", margin: (top: {top}mm, bottom: {bottom}mm, left: {left}mm, right: {right}mm), \
           numbering: (n, ..) => if n > 1 [#n], number-align: center + top)\n\
         #set text(font: \"Liberation Serif\", size: {body}pt, lang: \"vi\")\n\
         #set par(justify: true, leading: 0.6em, spacing: 0.9em, first-line-indent: (amount: 1cm, all: true))\n\
         #set table(stroke: 0.5pt, inset: {inset}pt)\n\
         #show table: set text(size: {table_size}pt)\n\
         #show table: set par(justify: false, first-line-indent: 0pt)\n\
         #show footnote.entry: set text(size: 10pt)\n\
         #show footnote.entry: set par(first-line-indent: 0pt)\n",
        title = lit(&format!("{} {}", report.title, report.subject)),
        inset = if summary { 2 } else { 4 },
    );
    // Header: issuing body and number on the left; the Party's name, place and date right.
    let mut issuer = String::new();
    for line in &s.issuer_lines {
        issuer.push_str(&format!("#text(weight: \"bold\", {}) \\\n", lit(line)));
    }
    issuer.push_str("\\* \\\n");
    if !summary {
        issuer.push_str(&format!(
            "#{} \n",
            lit(&format!(
                "Số {}{}",
                if s.number.is_empty() {
                    "    "
                } else {
                    &s.number
                },
                s.symbol
            ))
        ));
    }
    t.push_str(&format!(
        "#grid(columns: (1fr, 1.25fr), align: center + top, gutter: 6pt,\n  [#set par(first-line-indent: 0pt)\n{issuer}],\n  \
         [#set par(first-line-indent: 0pt)\n#underline(offset: 3pt, text(weight: \"bold\", \"ĐẢNG CỘNG SẢN VIỆT NAM\")) \\\n#v(0.4em)\n#emph({date})])\n",
        date = lit(&report.place_date)
    ));
    t.push_str(&format!(
        "#v({})\n#align(center, text(weight: \"bold\", size: {}pt, {}))\n#align(center, text(weight: \"bold\", {}))\n#align(center, \"-----\")\n",
        if summary { "0.4em" } else { "1em" },
        body + 1,
        lit(&report.title),
        lit(&report.subject)
    ));
    let text_width = pt(210.0 - left - right);
    for section in &report.sections {
        if !section.heading.is_empty() {
            t.push_str(&format!(
                "#v({})\n#block(text(weight: \"bold\", {}))\n",
                if summary { "0.2em" } else { "0.6em" },
                lit(&section.heading)
            ));
        }
        for p in &section.paragraphs {
            t.push_str(&format!("#par({})\n", lit(p)));
        }
        for table in &section.tables {
            if table.rows.is_empty() {
                continue;
            }
            if !table.caption.is_empty() {
                t.push_str(&format!(
                    "#align(center, block(sticky: true, text(weight: \"bold\", size: {table_size}pt, {})))\n",
                    lit(&table.caption)
                ));
            }
            if table.view == TableView::LineChart {
                t.push_str(&super::chart::typst(table, text_width, 200.0, lit));
                continue;
            }
            let (table, notes) = split_footnotes(table);
            let table = &without_empty_columns(&table);
            let n = table.columns.len();
            let aligns: Vec<&str> = (0..n)
                .map(|i| {
                    let numeric = table
                        .rows
                        .iter()
                        .any(|r| matches!(r.get(i), Some(Cell::Number(_) | Cell::Percent(_))));
                    if numeric {
                        "right"
                    } else {
                        "left"
                    }
                })
                .collect();
            // Text columns share the width by how much they hold (a long name gets more, a
            // date less); number columns fit their numbers.
            let widths: Vec<String> = (0..n)
                .map(|i| {
                    if aligns[i] == "right" {
                        // As wide as its numbers, so that a long header wraps instead of
                        // taking the text columns' room.
                        let digits = table
                            .rows
                            .iter()
                            .map(|r| r.get(i).map_or(0, |c| c.display().chars().count()))
                            .max()
                            .unwrap_or(1);
                        return format!("{:.1}em", (digits as f64 * 0.55 + 1.0).max(3.6));
                    }
                    let longest = table
                        .rows
                        .iter()
                        .map(|r| r.get(i).map_or(0, |c| c.display().chars().count()))
                        .chain(std::iter::once(table.columns[i].chars().count()))
                        .max()
                        .unwrap_or(4);
                    if longest <= 14 {
                        "auto".to_string()
                    } else {
                        format!("{}fr", longest.min(45))
                    }
                })
                .collect();
            t.push_str(&format!(
                "#table(columns: ({},), align: ({}),\n  table.header({}),\n",
                widths.join(", "),
                aligns.join(", "),
                table
                    .columns
                    .iter()
                    .map(|c| format!("text(weight: \"bold\", {})", lit(c)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
            for (r, row) in table.rows.iter().enumerate() {
                let mut cells: Vec<String> = row.iter().map(|c| lit(&c.display())).collect();
                // A figure's sources: a footnote on its first cell.
                if let (Some(first), Some(note)) = (cells.first_mut(), notes.get(r)) {
                    if !note.is_empty() {
                        *first = format!("[#{first}#footnote({})]", lit(note));
                    }
                }
                t.push_str(&format!("  {},\n", cells.join(", ")));
            }
            t.push_str(")\n");
        }
    }
    if summary {
        return t;
    }
    // Signature block and recipients.
    let mut recipients =
        String::from("#text(size: 12pt, weight: \"bold\", style: \"italic\", \"Nơi nhận:\") \\\n");
    for r in &s.recipients {
        recipients.push_str(&format!(
            "#text(size: 11pt, {}) \\\n",
            lit(&format!("- {r}"))
        ));
    }
    t.push_str(&format!(
        "#v(1.2em)\n#grid(columns: (1fr, 1fr), align: (left + top, center + top),\n  [#set par(first-line-indent: 0pt, justify: false)\n{recipients}],\n  \
         [#set par(first-line-indent: 0pt)\n#text(weight: \"bold\", {}) \\\n#text(weight: \"bold\", {}) \\\n#v(3em)\n#text(weight: \"bold\", {})])\n",
        lit(&s.on_behalf),
        lit(&s.signer_title),
        lit(&s.signer_name)
    ));
    t
}

fn messages(errors: &[typst::diag::SourceDiagnostic]) -> String {
    errors
        .iter()
        .map(|e| e.message.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

fn compile(report: &Report) -> Result<PagedDocument, String> {
    let world = ReportWorld {
        source: Source::detached(source(report)),
        today: None,
    };
    typst::compile(&world).output.map_err(|e| messages(&e))
}

pub fn bytes(report: &Report) -> Result<Vec<u8>, String> {
    let document = compile(report)?;
    typst_pdf::pdf(&document, &typst_pdf::PdfOptions::default()).map_err(|e| messages(&e))
}

/// The PDF's own pages as PNG images (the app's preview shows the pages that will print).
pub fn pages_png(report: &Report, pixels_per_point: f32) -> Result<Vec<Vec<u8>>, String> {
    let document = compile(report)?;
    let options = typst_render::RenderOptions {
        pixel_per_pt: typst::utils::Scalar::new(pixels_per_point as f64),
        render_bleed: false,
    };
    document
        .pages()
        .iter()
        .map(|page| {
            typst_render::render(page, &options)
                .encode_png()
                .map_err(|e| e.to_string())
        })
        .collect()
}
