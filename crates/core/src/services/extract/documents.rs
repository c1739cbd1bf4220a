//! Documents an article cites by number: "Quy định số 41-QĐ/TW ngày 03/11/2021 của Bộ Chính
//! trị", "Chỉ thị 35-CT/TW", "Nghị định 178/2024/NĐ-CP ngày 31/12 của Chính phủ". A bare
//! "Nghị quyết Trung ương 4" names a resolution by its plenum, not a numbered document: left out.

use regex::Regex;
use std::sync::LazyLock;

use super::doc::Doc;
use crate::services::facts_file::DocumentIn;

static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(nghị quyết|quyết định|quy định|kết luận|hướng dẫn|kế hoạch|nghị định|chỉ thị|thông báo|thông tư|luật)\s+(?:số\s+)?(\d+[\p{L}\d]*(?:[-/][\p{L}\d.]+)+|số\s+\d+)(?:\s+ngày\s+(\d{1,2})[/.](\d{1,2})(?:[/.](\d{4}))?)?(?:\s+của\s+([\p{Lu}][^,.;()]*?))?(?:[,.;()]|\s+về\s|\s+và\s|$)",
    )
    .unwrap()
});

pub fn find(doc: &Doc) -> Vec<DocumentIn> {
    let text = &doc.text;
    let mut out: Vec<DocumentIn> = Vec::new();
    for c in NUMBERED.captures_iter(text) {
        let m = c.get(0).unwrap();
        let kind = capitalize(&c[1]);
        let number = c[2].trim_start_matches("số").trim().to_string();
        // The year printed in the number ("178/2024/NĐ-CP") dates a "ngày 31/12" without one.
        let year = c.get(5).map(|y| y.as_str().to_string()).or_else(|| {
            number
                .split(['/', '-'])
                .find(|p| {
                    p.len() == 4
                        && p.starts_with(['1', '2'])
                        && p.chars().all(|ch| ch.is_ascii_digit())
                })
                .map(str::to_string)
        });
        let date = match (c.get(3), c.get(4), year) {
            (Some(d), Some(mo), Some(y)) => {
                let (d, mo): (u32, u32) = (
                    d.as_str().parse().unwrap_or(0),
                    mo.as_str().parse().unwrap_or(0),
                );
                ((1..=31).contains(&d) && (1..=12).contains(&mo))
                    .then(|| format!("{y}-{mo:02}-{d:02}"))
            }
            _ => None,
        };
        let issuer = c
            .get(6)
            .map(|i| cut_issuer(i.as_str()))
            .filter(|i| !i.is_empty() && i.split_whitespace().count() <= 8);
        if out
            .iter()
            .any(|d| d.number.as_deref() == Some(number.as_str()))
        {
            continue;
        }
        let (s, e) = doc.sentence_at(m.start());
        out.push(DocumentIn {
            number: Some(number),
            kind: Some(kind),
            issuer,
            date,
            quote: Some(doc.quote(m.start(), m.end().min(e).max(s))),
            ..DocumentIn::default()
        });
    }
    out
}

/// The issuer's name ends where the sentence goes on ("Bộ Chính trị được thực hiện …").
fn cut_issuer(text: &str) -> String {
    let mut end = text.len();
    for stop in [
        " được",
        " đã ",
        " về ",
        " và ",
        " là ",
        " thì ",
        " đối với",
        " trong ",
        " nhằm ",
        " để ",
        " cho ",
    ] {
        if let Some(i) = text.find(stop) {
            end = end.min(i);
        }
    }
    text[..end].trim().to_string()
}

fn capitalize(w: &str) -> String {
    let lower = w.to_lowercase();
    let mut c = lower.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_documents_with_date_and_issuer() {
        let d = find(&Doc::new(
            "Việc miễn nhiệm theo Quy định số 41-QĐ/TW ngày 03/11/2021 của Bộ Chính trị được thực hiện nghiêm túc. \
             Theo quy định tại Nghị định 178/2024/NĐ-CP ngày 31/12 của Chính phủ. Nghị quyết Trung ương 4 khóa XII.",
        ));
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].number.as_deref(), Some("41-QĐ/TW"));
        assert_eq!(d[0].kind.as_deref(), Some("Quy định"));
        assert_eq!(d[0].date.as_deref(), Some("2021-11-03"));
        assert_eq!(d[0].issuer.as_deref(), Some("Bộ Chính trị"));
        assert_eq!(d[1].number.as_deref(), Some("178/2024/NĐ-CP"));
        assert_eq!(d[1].date.as_deref(), Some("2024-12-31"));
    }
}
