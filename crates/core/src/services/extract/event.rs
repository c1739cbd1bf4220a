//! The meeting an article reports: its kind (sơ kết, tổng kết, giao ban, ký kết giao ước, or
//! another kind of news), its date as written ("Sáng ngày 8/12", "Ngày 5-1-2018", "Sáng 18.2")
//! with the year inferred from the publication date or the year under review and the inference
//! noted, the year it reviews, its place and its name.

use regex::Regex;
use std::sync::LazyLock;

use super::doc::Doc;
use crate::services::facts_file::EventIn;

static DATE_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:[\p{Lu}]{2,6}\s*[-–]\s*)?(?:cụ thể,\s*)?(?:(?:sáng|chiều|tối|trưa)\s+)?(?:(?:hôm\s+)?nay\s+)?(?:ngày\s+)?(\d{1,2})\s*[/.\-]\s*(\d{1,2})(?:\s*[/.\-]\s*(\d{4}))?\b",
    )
    .unwrap()
});
static DATE_ANYWHERE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:sáng|chiều|tối|trưa|ngày)\s+(?:ngày\s+)?(\d{1,2})\s*[/.\-]\s*(\d{1,2})(?:\s*[/.\-]\s*(\d{4}))?\b")
        .unwrap()
});
static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"năm\s+(\d{4})\b").unwrap());
static PLACE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\btại\s+([^,;]+?)(?:,|;|\s+đã\s|\s+tổ chức)").unwrap());
static PLEDGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?:ký kết|ký)\s+giao ước thi đua\s+năm\s+(\d{4})").unwrap());
static NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(hội nghị\s+(?:trực tuyến\s+)?(?:sơ kết|tổng kết|giao ban)[^.;]*?)(?:\.|;|$|\s+dưới sự|\s+tại\s)").unwrap()
});

/// The kinds, as the words that name them.
const KINDS: &[(&str, &str)] = &[
    ("sơ kết", "so_ket"),
    ("tổng kết", "tong_ket"),
    ("giao ban", "giao_ban"),
    ("ký kết giao ước", "ky_giao_uoc"),
];

fn kind_in(text: &str) -> Option<(&'static str, usize)> {
    let lower = text.to_lowercase();
    KINDS
        .iter()
        .filter_map(|(w, k)| lower.find(w).map(|i| (*k, i)))
        .min_by_key(|(_, i)| *i)
}

pub struct EventFound {
    pub event: EventIn,
}

pub fn find(doc: &Doc, title: Option<&str>, published: Option<&str>) -> EventFound {
    let text = &doc.text;
    // The sentence that reports the meeting: the first that opens with its date, else the first
    // that names a meeting of a known kind.
    let mut dated: Option<((usize, usize), regex::Captures)> = None;
    for (s, e) in doc.body_sentences() {
        let sentence = &text[s..e];
        if let Some(c) = DATE_START.captures(sentence) {
            dated = Some(((s, e), c));
            break;
        }
    }
    if dated.is_none() {
        for (s, e) in doc.body_sentences().take(6) {
            let sentence = &text[s..e];
            if let Some(c) = DATE_ANYWHERE.captures(sentence) {
                if kind_in(sentence).is_some() || sentence.contains("hội nghị") {
                    dated = Some(((s, e), c));
                    break;
                }
            }
        }
    }
    let event_sentence = dated.as_ref().map(|((s, e), _)| (*s, *e)).or_else(|| {
        doc.body_sentences().find(|(s, e)| {
            kind_in(&text[*s..*e]).is_some() && text[*s..*e].to_lowercase().contains("hội nghị")
        })
    });
    let sentence = event_sentence.map(|(s, e)| &text[s..e]).unwrap_or("");

    let kind = kind_in(sentence)
        .or_else(|| title.and_then(kind_in))
        .map(|(k, _)| k)
        .or_else(|| kind_from_purpose(sentence))
        .unwrap_or("hoi_nghi_khac");
    let mut event = EventIn {
        kind: Some(kind.to_string()),
        ..EventIn::default()
    };

    // The year under review: "năm 2023" after the kind's word, else in the title.
    let lower = sentence.to_lowercase();
    let after_kind = kind_in(sentence).map(|(_, i)| lower[i..].to_string());
    let year_in = |t: &str| -> Option<i32> { YEAR.captures(t).and_then(|c| c[1].parse().ok()) };
    let head = text[..doc.body_start.min(text.len())]
        .lines()
        .filter(|l| !l.trim().to_lowercase().starts_with("hôm nay"))
        .collect::<Vec<_>>()
        .join("\n")
        .to_lowercase();
    event.year_covered = after_kind
        .as_deref()
        .and_then(year_in)
        .or_else(|| title.and_then(|t| year_in(&t.to_lowercase())))
        .or_else(|| year_in(&lower))
        .or_else(|| year_in(&head));

    if let Some(c) = NAME.captures(sentence) {
        event.name_vi = Some(c[1].trim().to_string());
    }
    if let Some(c) = PLACE.captures(sentence) {
        let place = c[1].trim();
        if place.split_whitespace().count() <= 10 {
            event.place = Some(place.to_string());
        }
    }
    if let Some(c) = PLEDGE.captures(text) {
        event.ky_giao_uoc_nam = c[1].parse().ok();
    }
    event.date_published = published.map(str::to_string);

    if let Some((_, c)) = &dated {
        let d: u32 = c[1].parse().unwrap_or(0);
        let m: u32 = c[2].parse().unwrap_or(0);
        if (1..=31).contains(&d) && (1..=12).contains(&m) {
            let written = c[0].trim().to_string();
            let (year, how) = match c.get(3) {
                Some(y) => (y.as_str().parse::<i32>().ok(), None),
                None => infer_year(m, d, published, kind, event.year_covered),
            };
            match year {
                Some(y) => {
                    event.date = Some(format!("{y}-{m:02}-{d:02}"));
                    event.date_note = Some(match how {
                        Some(h) => format!("bài ghi '{written}'; {h}"),
                        None => format!("bài ghi '{written}'"),
                    });
                }
                None => {
                    event.date_partial = Some(format!("--{m:02}-{d:02}"));
                    event.date_note = Some(format!("bài ghi '{written}'; không rõ năm"));
                }
            }
        }
    }
    if event.year_covered.is_none() && kind != "hoi_nghi_khac" {
        event.year_covered = event.date.as_deref().and_then(|d| d[..4].parse().ok());
    }
    if event.year_covered.is_none() && kind == "hoi_nghi_khac" {
        event.year_covered = event
            .date
            .as_deref()
            .or(published)
            .and_then(|d| d.get(..4))
            .and_then(|y| y.parse().ok());
    }
    if let Some((s, e)) = event_sentence {
        event.quote = Some(doc.quote(s, e));
    }
    EventFound { event }
}

/// A meeting named by what it does rather than by its kind: the central Organization Commission
/// meeting provinces ("Ban Tổ chức T.Ư tổ chức hội nghị … với 28 điểm cầu") is a giao ban; a
/// review of part of the year ("đánh giá … 7 tháng đầu năm") a sơ kết; of the whole year a
/// tổng kết.
fn kind_from_purpose(sentence: &str) -> Option<&'static str> {
    let lower = sentence.to_lowercase();
    let meeting = lower.find("hội nghị")?;
    let before = &lower[..meeting];
    if before.contains("t.ư") || before.contains("trung ương") {
        return Some("giao_ban");
    }
    let after = &lower[meeting..];
    if !(after.contains("đánh giá") || after.contains("kết quả")) {
        return None;
    }
    if after.contains("tháng đầu năm") || after.contains("tháng cuối năm") || after.contains("quý")
    {
        Some("so_ket")
    } else if YEAR.is_match(after) {
        Some("tong_ket")
    } else {
        None
    }
}

/// The year of a day and month written without one: the publication's year (the one before
/// when the day falls after publication), else from the year under review.
fn infer_year(
    month: u32,
    day: u32,
    published: Option<&str>,
    kind: &str,
    year_covered: Option<i32>,
) -> (Option<i32>, Option<String>) {
    if let Some(p) = published {
        let y: Option<i32> = p.get(..4).and_then(|y| y.parse().ok());
        let pm: u32 = p.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(12);
        let pd: u32 = p.get(8..10).and_then(|d| d.parse().ok()).unwrap_or(31);
        if let Some(y) = y {
            let year = if (month, day) > (pm, pd) { y - 1 } else { y };
            return (Some(year), Some(format!("năm {year} suy ra từ ngày đăng")));
        }
    }
    if let Some(yc) = year_covered {
        // A review held early in the next year (tổng kết in January) belongs to the next year.
        let year = if kind == "tong_ket" && month <= 3 {
            yc + 1
        } else {
            yc
        };
        return (
            Some(year),
            Some(format!(
                "năm {year} suy ra từ năm {yc} mà hội nghị đánh giá"
            )),
        );
    }
    (None, None)
}
