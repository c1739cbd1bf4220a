//! What docx-rs cannot write, finished in the package it wrote. Native Word charts: each
//! chart's paragraph (a marker) becomes an inline drawing pointing at a DrawingML line chart
//! part, whose data is also embedded as a workbook, so Word and LibreOffice draw it as vectors
//! and the clerk can restyle it or edit its numbers. Footnote marks: each footnote's text
//! starts with its number (`w:footnoteRef`), as Word's own footnotes do.

use std::io::{Cursor, Read, Write};

use super::chart::{Plot, STYLES};
use super::content::Table;

/// The text of the paragraph that stands for chart `n` until the package is finished.
pub fn marker(n: usize) -> String {
    format!("THIDUA-CHART-{n}")
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Column letters of a spreadsheet: 0 → A, 25 → Z, 26 → AA.
fn column(mut i: usize) -> String {
    let mut s = String::new();
    loop {
        s.insert(0, (b'A' + (i % 26) as u8) as char);
        if i < 26 {
            return s;
        }
        i = i / 26 - 1;
    }
}

/// The chart's numbers as the workbook Word opens with "Edit Data": years down column A, one
/// column per line.
fn workbook(plot: &Plot) -> Result<Vec<u8>, String> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let e = |e: rust_xlsxwriter::XlsxError| e.to_string();
    sheet.set_name("Sheet1").map_err(e)?;
    for (k, (name, values)) in plot.lines.iter().enumerate() {
        sheet.write_string(0, (k + 1) as u16, name).map_err(e)?;
        for (i, v) in values.iter().enumerate() {
            if let Some(v) = v {
                sheet
                    .write_number((i + 1) as u32, (k + 1) as u16, *v)
                    .map_err(e)?;
            }
        }
    }
    for (i, y) in plot.years.iter().enumerate() {
        sheet.write_string((i + 1) as u32, 0, y).map_err(e)?;
    }
    book.save_to_buffer().map_err(e)
}

const TNR: &str = "<a:latin typeface=\"Times New Roman\"/><a:cs typeface=\"Times New Roman\"/>";

/// The chart part: a line chart with markers, the caption as its title, the legend below.
fn chart_xml(table: &Table, plot: &Plot) -> String {
    let n = plot.years.len();
    let cats: String = plot
        .years
        .iter()
        .enumerate()
        .map(|(i, y)| format!("<c:pt idx=\"{i}\"><c:v>{}</c:v></c:pt>", esc(y)))
        .collect();
    let mut series = String::new();
    for (k, (name, values)) in plot.lines.iter().enumerate() {
        let col = column(k + 1);
        let (colour, dash) = STYLES[k % STYLES.len()];
        let dash = match dash {
            "dashed" => "dash",
            "dotted" => "sysDot",
            "dash-dotted" => "dashDot",
            _ => "solid",
        };
        let points: String = values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.map(|v| format!("<c:pt idx=\"{i}\"><c:v>{v}</c:v></c:pt>")))
            .collect();
        series.push_str(&format!(
            "<c:ser><c:idx val=\"{k}\"/><c:order val=\"{k}\"/>\
             <c:tx><c:strRef><c:f>Sheet1!${col}$1</c:f><c:strCache><c:ptCount val=\"1\"/><c:pt idx=\"0\"><c:v>{name}</c:v></c:pt></c:strCache></c:strRef></c:tx>\
             <c:spPr><a:ln w=\"22225\"><a:solidFill><a:srgbClr val=\"{colour}\"/></a:solidFill><a:prstDash val=\"{dash}\"/></a:ln></c:spPr>\
             <c:marker><c:symbol val=\"circle\"/><c:size val=\"5\"/><c:spPr><a:solidFill><a:srgbClr val=\"{colour}\"/></a:solidFill><a:ln><a:noFill/></a:ln></c:spPr></c:marker>\
             <c:cat><c:strRef><c:f>Sheet1!$A$2:$A${last}</c:f><c:strCache><c:ptCount val=\"{n}\"/>{cats}</c:strCache></c:strRef></c:cat>\
             <c:val><c:numRef><c:f>Sheet1!${col}$2:${col}${last}</c:f><c:numCache><c:formatCode>#,##0</c:formatCode><c:ptCount val=\"{n}\"/>{points}</c:numCache></c:numRef></c:val>\
             <c:smooth val=\"0\"/></c:ser>",
            name = esc(name),
            last = n + 1,
        ));
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <c:chartSpace xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\" xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">\
         <c:lang val=\"vi-VN\"/><c:roundedCorners val=\"0\"/>\
         <c:chart>\
         <c:title><c:tx><c:rich><a:bodyPr/><a:p><a:pPr><a:defRPr sz=\"1200\" b=\"1\"/></a:pPr><a:r><a:rPr lang=\"vi-VN\" sz=\"1200\" b=\"1\">{TNR}</a:rPr><a:t>{title}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val=\"0\"/></c:title>\
         <c:autoTitleDeleted val=\"0\"/>\
         <c:plotArea><c:layout/>\
         <c:lineChart><c:grouping val=\"standard\"/><c:varyColors val=\"0\"/>{series}<c:marker val=\"1\"/><c:axId val=\"50010\"/><c:axId val=\"50020\"/></c:lineChart>\
         <c:catAx><c:axId val=\"50010\"/><c:scaling><c:orientation val=\"minMax\"/></c:scaling><c:delete val=\"0\"/><c:axPos val=\"b\"/><c:numFmt formatCode=\"General\" sourceLinked=\"0\"/><c:majorTickMark val=\"out\"/><c:minorTickMark val=\"none\"/><c:tickLblPos val=\"nextTo\"/><c:crossAx val=\"50020\"/><c:crosses val=\"autoZero\"/><c:auto val=\"1\"/><c:lblAlgn val=\"ctr\"/><c:lblOffset val=\"100\"/><c:noMultiLvlLbl val=\"0\"/></c:catAx>\
         <c:valAx><c:axId val=\"50020\"/><c:scaling><c:orientation val=\"minMax\"/></c:scaling><c:delete val=\"0\"/><c:axPos val=\"l\"/><c:majorGridlines/><c:numFmt formatCode=\"#,##0\" sourceLinked=\"0\"/><c:majorTickMark val=\"out\"/><c:minorTickMark val=\"none\"/><c:tickLblPos val=\"nextTo\"/><c:crossAx val=\"50010\"/><c:crosses val=\"autoZero\"/><c:crossBetween val=\"between\"/></c:valAx>\
         </c:plotArea>\
         <c:legend><c:legendPos val=\"b\"/><c:overlay val=\"0\"/></c:legend>\
         <c:plotVisOnly val=\"1\"/><c:dispBlanksAs val=\"gap\"/>\
         </c:chart>\
         <c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz=\"1000\">{TNR}</a:defRPr></a:pPr><a:endParaRPr lang=\"vi-VN\"/></a:p></c:txPr>\
         <c:externalData r:id=\"rId1\"><c:autoUpdate val=\"0\"/></c:externalData>\
         </c:chartSpace>",
        title = esc(&table.caption),
    )
}

/// The paragraph holding chart `n`: 16 × 8 cm, inline, centred.
fn drawing(n: usize, name: &str) -> String {
    let (cx, cy) = (5_760_000, 2_880_000);
    format!(
        "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:drawing>\
         <wp:inline xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">\
         <wp:extent cx=\"{cx}\" cy=\"{cy}\"/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/>\
         <wp:docPr id=\"{id}\" name=\"{name}\"/><wp:cNvGraphicFramePr/>\
         <a:graphic xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\"><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/chart\">\
         <c:chart xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" r:id=\"rIdThiduaChart{n}\"/>\
         </a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>",
        id = 5000 + n,
        name = esc(name),
    )
}

/// Replaces the paragraph holding `marker` with `with`.
fn replace_paragraph(xml: &str, marker: &str, with: &str) -> Option<String> {
    let at = xml.find(marker)?;
    let before = &xml[..at];
    let start = [before.rfind("<w:p>"), before.rfind("<w:p ")]
        .into_iter()
        .flatten()
        .max()?;
    let end = at + xml[at..].find("</w:p>")? + "</w:p>".len();
    Some(format!("{}{with}{}", &xml[..start], &xml[end..]))
}

/// Each footnote's first paragraph gets its number, raised, before its text.
fn footnote_marks(xml: &str) -> String {
    let mark = "<w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space=\"preserve\"> </w:t></w:r>";
    let mut out = String::with_capacity(xml.len() + 256);
    let mut rest = xml;
    while let Some(at) = rest.find("<w:footnote ") {
        let (before, from) = rest.split_at(at);
        out.push_str(before);
        let end = from.find("</w:footnote>").map_or(from.len(), |e| e);
        let (note, after) = from.split_at(end);
        // The separators (ids -1 and 0) have no number.
        let numbered = !note.starts_with("<w:footnote w:type=")
            && !note.contains("w:id=\"-1\"")
            && !note.contains("w:id=\"0\"");
        match (numbered, note.find("</w:pPr>")) {
            (true, Some(p)) => {
                let p = p + "</w:pPr>".len();
                out.push_str(&note[..p]);
                out.push_str(mark);
                out.push_str(&note[p..]);
            }
            _ => out.push_str(note),
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// The finished package: `docx` as docx-rs wrote it, with `charts[i]` (chart i + 1) in place
/// of its marker and numbered footnotes.
pub fn finish(docx: Vec<u8>, charts: &[&Table]) -> Result<Vec<u8>, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(docx)).map_err(|e| e.to_string())?;
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).map_err(|e| e.to_string())?;
        let mut data = Vec::new();
        f.read_to_end(&mut data).map_err(|e| e.to_string())?;
        parts.push((f.name().to_string(), data));
    }
    let text = |parts: &[(String, Vec<u8>)], name: &str| -> Result<String, String> {
        parts
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, d)| String::from_utf8_lossy(d).to_string())
            .ok_or_else(|| format!("thiếu {name}"))
    };
    let footnotes = text(&parts, "word/footnotes.xml")
        .ok()
        .map(|x| footnote_marks(&x));
    let mut document = text(&parts, "word/document.xml")?;
    let mut rels = text(&parts, "word/_rels/document.xml.rels")?;
    let mut types = text(&parts, "[Content_Types].xml")?;
    let mut added = Vec::new();
    for (i, table) in charts.iter().enumerate() {
        let n = i + 1;
        let plot = Plot::of(table);
        document = replace_paragraph(&document, &marker(n), &drawing(n, &table.caption))
            .ok_or_else(|| format!("không thấy chỗ của biểu đồ {n}"))?;
        rels = rels.replace(
            "</Relationships>",
            &format!(
                "<Relationship Id=\"rIdThiduaChart{n}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart\" Target=\"charts/chart{n}.xml\"/></Relationships>"
            ),
        );
        types = types.replace(
            "</Types>",
            &format!(
                "<Override PartName=\"/word/charts/chart{n}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.drawingml.chart+xml\"/></Types>"
            ),
        );
        added.push((
            format!("word/charts/chart{n}.xml"),
            chart_xml(table, &plot).into_bytes(),
        ));
        added.push((
            format!("word/charts/_rels/chart{n}.xml.rels"),
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/package\" Target=\"../embeddings/Microsoft_Excel_Worksheet{n}.xlsx\"/></Relationships>"
            )
            .into_bytes(),
        ));
        added.push((
            format!("word/embeddings/Microsoft_Excel_Worksheet{n}.xlsx"),
            workbook(&plot)?,
        ));
    }
    if !charts.is_empty() && !types.contains("Extension=\"xlsx\"") {
        types = types.replace(
            "</Types>",
            "<Default Extension=\"xlsx\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\"/></Types>",
        );
    }
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in parts.into_iter().chain(added) {
        let data = match name.as_str() {
            "word/document.xml" => document.as_bytes().to_vec(),
            "word/_rels/document.xml.rels" => rels.as_bytes().to_vec(),
            "[Content_Types].xml" => types.as_bytes().to_vec(),
            "word/footnotes.xml" => footnotes.clone().map(String::into_bytes).unwrap_or(data),
            _ => data,
        };
        out.start_file(name, options).map_err(|e| e.to_string())?;
        out.write_all(&data).map_err(|e| e.to_string())?;
    }
    Ok(out.finish().map_err(|e| e.to_string())?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_lettered_as_spreadsheets_do() {
        assert_eq!(column(0), "A");
        assert_eq!(column(25), "Z");
        assert_eq!(column(26), "AA");
    }

    #[test]
    fn the_markers_paragraph_is_replaced_whole() {
        let xml = "<w:body><w:p w:rsidR=\"1\"><w:pPr/><w:r><w:t>THIDUA-CHART-1</w:t></w:r></w:p><w:p/></w:body>";
        let out = replace_paragraph(xml, &marker(1), "<X/>").unwrap();
        assert_eq!(out, "<w:body><X/><w:p/></w:body>");
    }

    #[test]
    fn footnotes_start_with_their_number() {
        let xml = "<w:footnotes><w:footnote w:id=\"1\"><w:p><w:pPr></w:pPr><w:r><w:t>x</w:t></w:r></w:p></w:footnote></w:footnotes>";
        let out = footnote_marks(xml);
        assert!(out.contains("</w:pPr><w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:footnoteRef/>"), "{out}");
    }
}
