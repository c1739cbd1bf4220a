//! Figures an article states: a number with the unit it counts ("757 lượt nhân sự", "20.777
//! đảng viên", "hơn 3 nghìn cán bộ", "9/9 cơ quan") or a percentage ("60,52%"), labelled with
//! the words around it — the clause before the number up to the unit and what qualifies it
//! after. A percentage right after a count (", chiếm 48,14%", ", đạt tỷ lệ 96,6%") belongs to
//! that count, a change ("tăng 12%") too. Numbers that are parts of names, dates, document
//! numbers, ordinals or periods ("Cụm thi đua số 2", "khóa XIII", "6 tháng", "41-QĐ/TW") are
//! not figures: a figure needs a unit the rules know or a percent sign.

use regex::Regex;
use std::sync::LazyLock;

use super::doc::Doc;
use super::numbers;
use crate::services::facts_file::StatIn;

static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?:\s*/\s*(\d{1,3}(?:\.\d{3})+|\d+))?(?:\s+(nghìn|ngàn|triệu))?(\s*%)?")
        .unwrap()
});

/// What a count counts, longest first within a family.
const UNITS: &[&str] = &[
    "lượt nhân sự",
    "lượt cán bộ",
    "lượt người",
    "lượt đảng viên",
    "lượt",
    "đảng viên",
    "cán bộ",
    "công chức",
    "viên chức",
    "trường hợp",
    "văn bản",
    "đồng chí",
    "tổ chức cơ sở đảng",
    "tổ chức đảng",
    "chi bộ",
    "đảng bộ bộ phận",
    "đảng bộ cơ sở",
    "đảng bộ",
    "cơ quan",
    "đơn vị hành chính",
    "đơn vị",
    "tập thể",
    "cá nhân",
    "tỉnh, thành phố",
    "tỉnh ủy, thành ủy",
    "tỉnh, thành",
    "tỉnh",
    "huyện, thị xã, thành phố",
    "huyện",
    "xã, phường, thị trấn",
    "xã",
    "thôn, tổ dân phố",
    "thôn",
    "tổ dân phố",
    "khu dân cư",
    "sở, ban, ngành",
    "người",
    "hộ",
    "điểm cầu",
    "điểm",
    "lớp bồi dưỡng",
    "lớp",
    "học viên",
    "đề án",
    "nghị quyết",
    "chương trình",
    "kế hoạch",
    "cuộc kiểm tra",
    "cuộc giám sát",
    "cuộc",
    "doanh nghiệp",
    "hồ sơ",
    "quần chúng",
    "nhân sự",
    "thành viên",
    "cấp ủy viên",
    "ủy viên",
    "bản",
    "ý kiến",
    "kiến nghị",
    "mô hình",
    "sáng kiến",
    "đề tài",
    "hội viên",
    "đoàn viên",
    "tỷ đồng",
    "triệu đồng",
    "vụ",
    "tổ chức",
];

/// Words before a number that make it a name, a date, an ordinal or a period.
const NOT_BEFORE: &[&str] = &[
    "số",
    "năm",
    "tháng",
    "khóa",
    "khoá",
    "thứ",
    "Chỉ thị",
    "Nghị quyết",
    "Kết luận",
    "Quyết định",
    "Quy định",
    "Nghị định",
    "Thông báo",
    "Hướng dẫn",
    "Kế hoạch",
    "kỳ",
    "ngày",
    "Điều",
    "khoản",
    "Khoản",
    "quý",
    "Quý",
    "Trung ương",
    "phương",
    "thoại",
    "lần",
    "giai đoạn",
    "/tổng số",
    "tổng số",
];

/// A percentage after a count that belongs to it.
const PERCENT_OF_PREVIOUS: &[&str] = &[
    ", chiếm",
    ", đạt tỷ lệ",
    ", đạt tỷ  lệ",
    ", đạt",
    ", bằng",
    " (",
    ", tỷ lệ",
    " chiếm",
    ", tăng",
    ", giảm",
];

pub fn find(doc: &Doc, period: Option<String>) -> Vec<StatIn> {
    let text = &doc.text;
    let mut out: Vec<StatIn> = Vec::new();
    for (s, e) in doc.body_sentences() {
        let sentence = &text[s..e];
        let head = sentence.split(':').next().unwrap_or("");
        let has_colon = sentence.contains(':');
        let mut last_end: Option<usize> = None;
        let mut last_index: Option<usize> = None;
        for c in NUMBER.captures_iter(sentence) {
            let m = c.get(0).unwrap();
            let (ns, ne) = (m.start(), m.end());
            let before = &sentence[..ns];
            let prev_char = before.chars().last();
            if prev_char
                .is_some_and(|ch| ch.is_alphanumeric() || matches!(ch, '/' | '-' | '.' | ',' | '–'))
                && !before.ends_with(", ")
            {
                continue;
            }
            let before_trim = before.trim_end();
            if NOT_BEFORE.iter().any(|w| before_trim.ends_with(w)) {
                continue;
            }
            let after = &sentence[ne..];
            if after.starts_with(['/', '-'])
                || after.starts_with(|ch: char| ch.is_alphanumeric())
                    && !after.starts_with(' ')
                    && c.get(4).is_none()
            {
                continue;
            }
            let Some(mut value) = numbers::parse(&c[1]) else {
                continue;
            };
            if let Some(mult) = c.get(3).and_then(|w| numbers::multiplier(w.as_str())) {
                value *= mult;
            }
            let is_percent = c.get(4).is_some();
            let qualifier = numbers::QUALIFIERS
                .iter()
                .filter(|q| before_trim.ends_with(*q))
                .max_by_key(|q| q.len())
                .map(|q| q.to_string());
            if is_percent {
                // Belongs to the count just before it?
                if let (Some(le), Some(li)) = (last_end, last_index) {
                    let between = &sentence[le..ns];
                    let between_t = between.trim_end();
                    if between.chars().count() <= 24
                        && PERCENT_OF_PREVIOUS
                            .iter()
                            .any(|p| between_t.starts_with(p.trim_end()) || between.starts_with(p))
                    {
                        let stat: &mut StatIn = &mut out[li];
                        if between.contains("tăng") {
                            stat.change_pct = Some(value);
                        } else if between.contains("giảm") {
                            stat.change_pct = Some(-value);
                        } else if stat.percent.is_none() {
                            stat.percent = Some(value);
                        }
                        last_end = Some(ne);
                        continue;
                    }
                }
                if before_trim.ends_with("tăng") || before_trim.ends_with("giảm") {
                    continue;
                }
                let clause = clause_before(sentence, ns, last_end);
                let trailing = trailing_words(after);
                let mut label = join(&[clause.as_str(), trailing.as_str()]);
                if has_colon && ns > head.len() {
                    label = join(&[head, label.as_str()]);
                } else if clause.split_whitespace().count() <= 5 {
                    // "… nhiều địa phương đạt tỷ lệ cao như Hiệp Đức (86,67%)": the figure's
                    // meaning is at the sentence's start.
                    let lead = sentence.split([',', ';']).next().unwrap_or("");
                    let lead: Vec<&str> = lead.split_whitespace().take(15).collect();
                    label = join(&[lead.join(" ").as_str(), label.as_str()]);
                }
                let label = label.replace(['(', ')'], " ");
                let label = label.split_whitespace().collect::<Vec<_>>().join(" ");
                if label.split_whitespace().count() == 0 {
                    continue;
                }
                out.push(StatIn {
                    label_vi: label,
                    percent: Some(value),
                    unit: Some("%".into()),
                    qualifier,
                    period: period.clone(),
                    quote: Some(doc.quote(s + ns, s + ne)),
                    ..StatIn::default()
                });
                last_end = Some(ne);
                last_index = Some(out.len() - 1);
                continue;
            }
            let after_t = after.trim_start();
            let Some(unit) = UNITS.iter().find(|u| starts_with_word(after_t, u)) else {
                continue;
            };
            let unit_end = ne + (after.len() - after_t.len()) + unit.len();
            let clause = clause_before(sentence, ns, last_end);
            let trailing = trailing_words(&sentence[unit_end..]);
            let label = join(&[clause.as_str(), unit, trailing.as_str()]);
            let total = c.get(2).and_then(|d| numbers::parse(d.as_str()));
            out.push(StatIn {
                label_vi: label,
                value: Some(value),
                unit: Some(unit.to_string()),
                total,
                qualifier,
                period: period.clone(),
                quote: Some(doc.quote(s + ns, s + unit_end)),
                ..StatIn::default()
            });
            last_end = Some(unit_end);
            last_index = Some(out.len() - 1);
        }
    }
    out
}

fn starts_with_word(text: &str, word: &str) -> bool {
    text.starts_with(word)
        && text[word.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric())
}

/// The clause leading to a number: back to the previous figure, a ";" or ":", or the sentence's
/// start, at most 20 words.
fn clause_before(sentence: &str, at: usize, previous_end: Option<usize>) -> String {
    let mut start = previous_end.unwrap_or(0);
    for stop in [';', ':'] {
        if let Some(i) = sentence[..at].rfind(stop) {
            start = start.max(i + 1);
        }
    }
    let clause = &sentence[start..at];
    let words: Vec<&str> = clause.split_whitespace().collect();
    let keep = words.len().saturating_sub(20);
    words[keep..]
        .join(" ")
        .trim_matches([',', ' ', '(', ')'])
        .to_string()
}

/// What qualifies a figure after its unit, up to the next comma, semicolon or figure.
fn trailing_words(after: &str) -> String {
    let end = after.find([',', ';', '.', ':', '(']).unwrap_or(after.len());
    let piece = &after[..end];
    let piece = match piece.find(|c: char| c.is_ascii_digit()) {
        Some(d) => &piece[..d],
        None => piece,
    };
    piece
        .split_whitespace()
        .take(14)
        .collect::<Vec<_>>()
        .join(" ")
}

fn join(parts: &[&str]) -> String {
    parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}
