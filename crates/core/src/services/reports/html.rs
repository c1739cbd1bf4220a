//! HTML of a report: the same model, for a quick look in any browser (and the app's preview until
//! the PDF is its own). Text is escaped; nothing is loaded from elsewhere.

use super::content::{split_footnotes, Cell, Report, ReportKind, TableView};

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

pub fn page(report: &Report) -> String {
    let s = &report.settings;
    let summary = report.kind == ReportKind::Summary;
    let mut notes: Vec<String> = Vec::new();
    let mut h = String::from(
        "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Thidua</title><style>\
         body{font-family:'Times New Roman','Liberation Serif',serif;font-size:14pt;max-width:170mm;margin:20mm auto}\
         .head{display:flex;justify-content:space-between;text-align:center}.party{text-decoration:underline;font-weight:bold}\
         .date{font-style:italic}h1{text-align:center;font-size:15pt;margin:1em 0 0}.subject{text-align:center;font-weight:bold}\
         h2{font-size:14pt}table{border-collapse:collapse;width:100%;font-size:12pt}td,th{border:1px solid #000;padding:2px 4px}\
         td.n{text-align:right}.caption{text-align:center;font-weight:bold;margin:.8em 0 .2em}.notes{font-size:11pt}.sign{display:flex;justify-content:space-between;margin-top:2em}.sign .t{text-align:center;font-weight:bold}\
         </style></head><body>",
    );
    h.push_str("<div class=\"head\"><div>");
    for l in &s.issuer_lines {
        h.push_str(&format!("<div><b>{}</b></div>", esc(l)));
    }
    h.push_str("<div>*</div>");
    if !summary {
        h.push_str(&format!(
            "<div>Số {}{}</div>",
            esc(&s.number),
            esc(&s.symbol)
        ));
    }
    h.push_str("</div>");
    h.push_str(&format!(
        "<div><div class=\"party\">ĐẢNG CỘNG SẢN VIỆT NAM</div><div class=\"date\">{}</div></div></div>",
        esc(&report.place_date)
    ));
    h.push_str(&format!(
        "<h1>{}</h1><p class=\"subject\">{}</p>",
        esc(&report.title),
        esc(&report.subject)
    ));
    for sec in &report.sections {
        if !sec.heading.is_empty() {
            h.push_str(&format!("<h2>{}</h2>", esc(&sec.heading)));
        }
        for p in &sec.paragraphs {
            h.push_str(&format!("<p>{}</p>", esc(p)));
        }
        for t in &sec.tables {
            if t.rows.is_empty() {
                continue;
            }
            if !t.caption.is_empty() {
                h.push_str(&format!("<p class=\"caption\">{}</p>", esc(&t.caption)));
            }
            if t.view == TableView::LineChart {
                h.push_str(&super::chart::svg(t));
                continue;
            }
            let (t, row_notes) = split_footnotes(t);
            h.push_str("<table><tr>");
            for c in &t.columns {
                h.push_str(&format!("<th>{}</th>", esc(c)));
            }
            h.push_str("</tr>");
            for (r, row) in t.rows.iter().enumerate() {
                h.push_str("<tr>");
                let note = row_notes.get(r).filter(|n| !n.is_empty());
                for (i, c) in row.iter().enumerate() {
                    let class = if matches!(c, Cell::Number(_) | Cell::Percent(_)) {
                        " class=\"n\""
                    } else {
                        ""
                    };
                    let mark = match (i, note) {
                        (0, Some(n)) => {
                            notes.push(n.clone());
                            format!("<sup>{}</sup>", notes.len())
                        }
                        _ => String::new(),
                    };
                    h.push_str(&format!("<td{class}>{}{mark}</td>", esc(&c.display())));
                }
                h.push_str("</tr>");
            }
            h.push_str("</table>");
        }
    }
    if !notes.is_empty() {
        h.push_str("<ol class=\"notes\">");
        for n in &notes {
            h.push_str(&format!("<li>{}</li>", esc(n)));
        }
        h.push_str("</ol>");
    }
    if summary {
        h.push_str("</body></html>");
        return h;
    }
    h.push_str("<div class=\"sign\"><div><i><b>Nơi nhận:</b></i>");
    for r in &s.recipients {
        h.push_str(&format!("<div>- {}</div>", esc(r)));
    }
    h.push_str(&format!(
        "</div><div class=\"t\"><div>{}</div><div>{}</div><br><br><div>{}</div></div></div></body></html>",
        esc(&s.on_behalf),
        esc(&s.signer_title),
        esc(&s.signer_name)
    ));
    h
}
