//! The lines above an article's body: its address ("URL: …"), the site's name and sections, the
//! title and the publication date, in the many ways sites print it ("Thứ hai 11/12/2023 15:16",
//! "01:01, 06/01/2023", "23.11.2017 - 8:20", "6:22' 6/1/2018", " date 2023-07").

use regex::Regex;
use std::sync::LazyLock;

static URL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?m)^\s*URL:\s*(\S+)").unwrap());
static FULL_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\b").unwrap());
static MONTH_ONLY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*date\s+(\d{4})-(\d{2})(?:-(\d{2}))?").unwrap());
static TIME: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b\d{1,2}[:h]\d{2}").unwrap());
static WEEKDAY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*(thứ\s+\S+|chủ nhật)").unwrap());

pub fn url(text: &str) -> Option<String> {
    URL.captures(text).map(|c| c[1].to_string())
}

/// How many header lines to look at: sites put the date within the first few.
const HEADER_LINES: usize = 12;

/// The publication date: "2023-12-11", or "2023-07" when only the month is printed. The page
/// frame's own date ("Hôm nay, ngày 13 tháng 11 năm 2018") is not the article's.
pub fn published(text: &str) -> Option<String> {
    for line in text.lines().take(HEADER_LINES) {
        let l = line.trim();
        if l.to_lowercase().starts_with("hôm nay") || l.starts_with("URL:") {
            continue;
        }
        if let Some(c) = MONTH_ONLY.captures(line) {
            return Some(match c.get(3) {
                Some(d) => format!("{}-{}-{}", &c[1], &c[2], d.as_str()),
                None => format!("{}-{}", &c[1], &c[2]),
            });
        }
        // A date line is short, or carries a time or a weekday beside the date.
        if let Some(c) = FULL_DATE.captures(l) {
            let short = l.chars().count() <= 40;
            if short || TIME.is_match(l) || WEEKDAY.is_match(l) {
                let (d, m, y) = (c[1].parse::<u32>().ok()?, c[2].parse::<u32>().ok()?, &c[3]);
                if (1..=31).contains(&d) && (1..=12).contains(&m) {
                    return Some(format!("{y}-{m:02}-{d:02}"));
                }
            }
        }
    }
    None
}

/// Where the body starts: after the URL line, site names, section names, the title and the
/// date line — the first line long enough to be prose.
pub fn body_start(text: &str) -> usize {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let l = line.trim();
        let words = l.split_whitespace().count();
        if words >= 25 {
            return at;
        }
        at += line.len();
    }
    0
}

/// The title: the longest header line that reads as a headline (several words, mixed case, not
/// the URL, a date, the site's banner in capitals or a section name), taken above the date line
/// when there is one (below it come photo captions). " date 2023-07 Chia sẻ …" carries it after
/// the date.
pub fn title(text: &str, body_start: usize) -> Option<String> {
    let head = &text[..body_start.min(text.len())];
    let lines: Vec<&str> = head.lines().map(str::trim).collect();
    if let Some(first) = lines
        .iter()
        .find_map(|l| MONTH_ONLY.find(l).map(|m| l[m.end()..].trim()))
    {
        if first.split_whitespace().count() >= 4 {
            return Some(first.to_string());
        }
    }
    let is_date_line =
        |l: &str| MONTH_ONLY.is_match(l) || (FULL_DATE.is_match(l) && l.chars().count() <= 40);
    let headline = |l: &str| {
        !l.starts_with("URL:")
            && !l.to_lowercase().starts_with("hôm nay")
            && l.split_whitespace().count() >= 5
            && !FULL_DATE.is_match(l)
            && l.chars().filter(|c| c.is_lowercase()).count() > 3
    };
    let date_at = lines
        .iter()
        .position(|l| is_date_line(l))
        .unwrap_or(lines.len());
    let longest = |pool: &[&str]| -> Option<String> {
        pool.iter()
            .copied()
            .filter(|l| headline(l))
            .max_by_key(|l| l.chars().count())
            .map(str::to_string)
    };
    longest(&lines[..date_at])
        .or_else(|| longest(&lines))
        .map(|t| TRAILING_STAMP.replace(&t, "").trim().to_string())
}

static TRAILING_STAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s+\d{1,2}[/.]\d{1,2}[/.]\d{4}(?:\s*[-,]?\s*\d{1,2}:\d{2})?\s*$").unwrap()
});

/// The author's byline: a short line in capitals at the end or the top ("THIÊN TRÚC",
/// "NGUYÊN ĐOAN |"), or "Tin, ảnh: ÁI KIỀU". Site furniture in capitals ("CÁC TIN KHÁC") is not.
pub fn author(text: &str) -> Option<String> {
    let lines: Vec<&str> = text.lines().collect();
    let ends = lines.iter().rev().take(8).chain(lines.iter().take(6));
    for line in ends {
        let l = line.trim().trim_end_matches('|').trim();
        let furniture = [
            "TIN",
            "KHÁC",
            "LIÊN QUAN",
            "XEM",
            "TRANG",
            "CHÀO MỪNG",
            "BAN TỔ CHỨC",
            "ĐẢNG",
        ];
        if furniture.iter().any(|w| l.contains(w)) {
            continue;
        }
        if let Some(rest) = l
            .strip_prefix("Tin, ảnh:")
            .or_else(|| l.strip_prefix("Tin và ảnh:"))
            .or_else(|| l.strip_prefix("Bài, ảnh:"))
        {
            return Some(rest.trim().to_string());
        }
        let letters: Vec<char> = l.chars().filter(|c| c.is_alphabetic()).collect();
        let words = l.split_whitespace().count();
        if (2..=4).contains(&words)
            && letters.len() >= 4
            && letters.iter().all(|c| c.is_uppercase())
        {
            return Some(l.to_string());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn publication_dates_as_sites_print_them() {
        assert_eq!(
            published("Tin\nThứ hai 11/12/2023 15:16\n").as_deref(),
            Some("2023-12-11")
        );
        assert_eq!(
            published(" date 2023-07 Chia sẻ nhiều kinh nghiệm").as_deref(),
            Some("2023-07")
        );
        assert_eq!(
            published("x\n23.11.2017 - 8:20\n").as_deref(),
            Some("2017-11-23")
        );
        assert_eq!(published("6:22' 6/1/2018\n").as_deref(), Some("2018-01-06"));
        assert_eq!(
            published("Hôm nay, ngày 13 tháng 11 năm 2018\n01:01, 06/01/2023\n").as_deref(),
            Some("2023-01-06")
        );
        assert_eq!(author("…\n\nTHIÊN TRÚC").as_deref(), Some("THIÊN TRÚC"));
        assert_eq!(author("…\nTin, ảnh: ÁI KIỀU\n").as_deref(), Some("ÁI KIỀU"));
    }
}
