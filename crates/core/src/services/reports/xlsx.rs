//! XLSX: one sheet per table, Vietnamese headers in bold with the header row frozen, column
//! widths set, numbers stored as numbers with number formats (Excel shows "20.777" and "60,52%"
//! with the Vietnamese regional settings; the file stores the format, not the separators).

use rust_xlsxwriter::{Chart, ChartLegendPosition, ChartType, Format, Workbook, XlsxError};

use super::content::{Cell, Report, TableView};

pub fn bytes(report: &Report) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_background_color("D9E1F2");
    let int = Format::new().set_num_format("#,##0");
    let dec = Format::new().set_num_format("#,##0.00");
    let pct = Format::new().set_num_format("0.00\"%\"");
    let mut used: Vec<String> = Vec::new();
    for section in &report.sections {
        for table in &section.tables {
            let mut name = table.name.clone();
            let mut n = 2;
            while used.iter().any(|u| u.to_lowercase() == name.to_lowercase()) {
                name = format!("{} {n}", table.name.chars().take(28).collect::<String>());
                n += 1;
            }
            used.push(name.clone());
            let sheet = book.add_worksheet();
            sheet.set_name(&name)?;
            for (c, title) in table.columns.iter().enumerate() {
                sheet.write_string_with_format(0, c as u16, title, &header)?;
                let widest = table
                    .rows
                    .iter()
                    .map(|r| r.get(c).map(|x| x.display().chars().count()).unwrap_or(0))
                    .chain(std::iter::once(title.chars().count()))
                    .max()
                    .unwrap_or(10);
                sheet.set_column_width(c as u16, (widest as f64 + 2.0).clamp(8.0, 60.0))?;
            }
            sheet.set_freeze_panes(1, 0)?;
            for (r, row) in table.rows.iter().enumerate() {
                let r = (r + 1) as u32;
                for (c, cell) in row.iter().enumerate() {
                    let c = c as u16;
                    match cell {
                        Cell::Text(s) => {
                            sheet.write_string(r, c, s)?;
                        }
                        Cell::Number(n) if n.fract() == 0.0 => {
                            sheet.write_number_with_format(r, c, *n, &int)?;
                        }
                        Cell::Number(n) => {
                            sheet.write_number_with_format(r, c, *n, &dec)?;
                        }
                        Cell::Percent(p) => {
                            sheet.write_number_with_format(r, c, *p, &pct)?;
                        }
                        Cell::Empty => {}
                    }
                }
            }
            if table.view == TableView::LineChart && !table.rows.is_empty() {
                // The numbers above, drawn as the printed report draws them.
                let mut chart = Chart::new(ChartType::Line);
                chart.title().set_name(&table.caption);
                let years = table.columns.len() as u16 - 1;
                for r in 0..table.rows.len() as u32 {
                    chart
                        .add_series()
                        .set_name((name.as_str(), r + 1, 0))
                        .set_categories((name.as_str(), 0, 1, 0, years))
                        .set_values((name.as_str(), r + 1, 1, r + 1, years));
                }
                chart.legend().set_position(ChartLegendPosition::Bottom);
                sheet.insert_chart(table.rows.len() as u32 + 2, 0, &chart)?;
            }
        }
    }
    book.save_to_buffer()
}
