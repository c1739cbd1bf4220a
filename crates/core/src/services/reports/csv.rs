//! CSV: one file per table, UTF-8 with a byte-order mark so Excel reads Vietnamese correctly;
//! numbers written plainly ("20777", "60.52") so they stay numbers when opened.

use super::content::{Cell, Report};

pub fn files(report: &Report) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut n = 0;
    for section in &report.sections {
        for table in &section.tables {
            n += 1;
            let mut text = String::from("\u{FEFF}");
            text.push_str(&line(table.columns.iter().map(String::as_str)));
            for row in &table.rows {
                let cells: Vec<String> = row.iter().map(raw).collect();
                text.push_str(&line(cells.iter().map(String::as_str)));
            }
            let name = format!("{n:02}-{}.csv", slug(&table.name));
            out.push((name, text.into_bytes()));
        }
    }
    out
}

fn raw(c: &Cell) -> String {
    match c {
        Cell::Text(s) => s.clone(),
        Cell::Number(n) | Cell::Percent(n) => {
            if n.fract() == 0.0 {
                format!("{}", *n as i64)
            } else {
                format!("{n}")
            }
        }
        Cell::Empty => String::new(),
    }
}

fn line<'a>(cells: impl Iterator<Item = &'a str>) -> String {
    let quoted: Vec<String> = cells
        .map(|c| {
            if c.contains([',', '"', '\n', ';']) {
                format!("\"{}\"", c.replace('"', "\"\""))
            } else {
                c.to_string()
            }
        })
        .collect();
    format!("{}\r\n", quoted.join(","))
}

/// A file name from a table's name: folded, words joined by "-".
pub fn slug(s: &str) -> String {
    crate::text::fold(s)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}
