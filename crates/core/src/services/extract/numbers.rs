//! Vietnamese numbers as articles write them: "20.777" (dots group thousands), "60,52" (comma
//! before decimals), "3 nghìn", "1,2 triệu"; with the qualifiers "gần", "hơn", "trên", "khoảng".

/// "20.777" → 20777; "60,52" → 60.52; "1.234,5" → 1234.5. A lone dot followed by exactly three
/// digits groups thousands; other dots are decimals ("5.8" in an English-style text).
pub fn parse(s: &str) -> Option<f64> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    let (int, frac) = match s.split_once(',') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let groups: Vec<&str> = int.split('.').collect();
    let int_digits = if groups.len() > 1 && groups[1..].iter().all(|g| g.len() == 3) {
        groups.concat()
    } else if groups.len() == 2 && frac.is_none() {
        return format!("{}.{}", groups[0], groups[1]).parse().ok();
    } else {
        int.to_string()
    };
    let text = match frac {
        Some(f) => format!("{int_digits}.{f}"),
        None => int_digits,
    };
    text.parse().ok()
}

/// The multiplier a word after a number stands for ("nghìn" → 1000).
pub fn multiplier(word: &str) -> Option<f64> {
    match word {
        "nghìn" | "ngàn" => Some(1e3),
        "triệu" => Some(1e6),
        _ => None,
    }
}

pub const QUALIFIERS: &[&str] = &["gần", "hơn", "trên", "khoảng", "gần như", "đạt"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_grouping_and_decimals() {
        assert_eq!(parse("20.777"), Some(20777.0));
        assert_eq!(parse("1.722"), Some(1722.0));
        assert_eq!(parse("530.884"), Some(530884.0));
        assert_eq!(parse("60,52"), Some(60.52));
        assert_eq!(parse("1.234,5"), Some(1234.5));
        assert_eq!(parse("96,6"), Some(96.6));
        assert_eq!(parse("5.8"), Some(5.8));
        assert_eq!(parse("12"), Some(12.0));
        assert_eq!(multiplier("nghìn"), Some(1000.0));
    }
}
