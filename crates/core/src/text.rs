//! Vietnamese text handling shared by every layer: NFC normalization on input and the folded form
//! used by search (case, tone marks and đ removed).

use unicode_normalization::UnicodeNormalization;

/// Normalizes to NFC. Text pasted from PDFs or typed on macOS often arrives as NFD, which would
/// break equality, search and rendering.
pub fn nfc(s: &str) -> String {
    s.nfc().collect()
}

/// NFC and trimmed, with runs of white space collapsed to one space: the form every stored name
/// takes, so "Bình  Định " and "Bình Định" are one name.
pub fn clean(s: &str) -> String {
    nfc(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Characters that change how text around them is shown without being seen: direction
/// overrides and isolates, zero-width spaces and joiners, the byte-order mark.
pub fn invisible(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}' | '\u{061C}')
}

/// An article's text as it is kept: NFC, line ends unified, page and line separators (form
/// feed, vertical tab, U+2028/2029) made line breaks, invisible characters (zero-width spaces,
/// direction marks, byte-order marks) removed and other control characters dropped. Real pages,
/// PDFs and scans carry them; they are noise, never a reason to refuse the article. Removed
/// rather than replaced, so words joined by a zero-width space stay one word, as they were shown.
pub fn article_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let composed = nfc(s);
    let mut chars = composed.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\u{0C}' | '\u{0B}' | '\u{2028}' | '\u{2029}' | '\u{85}' => out.push('\n'),
            '\n' | '\t' => out.push(c),
            c if c.is_control() || invisible(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// The search form: lowercase, no tone or vowel marks, đ→d. "Đắk Lắk" → "dak lak".
/// U+0111 (đ) has no Unicode decomposition, which is why SQLite's own folding misses it.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfd() {
        match c {
            '\u{0300}'..='\u{036f}' => {}
            'đ' | 'Đ' => out.push('d'),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The folded form with punctuation turned into spaces and spaces collapsed: used to compare names
/// that are written differently ("Bà Rịa–Vũng Tàu" = "Bà Rịa - Vũng Tàu", "Hoà" = "Hòa").
pub fn fold_key(s: &str) -> String {
    fold(s)
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A number as Vietnamese text writes it: 20777 → "20.777"; 60.52 → "60,52"; -3 → "-3" (at most
/// two decimals, trailing zeros dropped).
pub fn vn_number(v: f64) -> String {
    let neg = v < 0.0;
    let s = format!("{:.2}", v.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let frac = frac.trim_end_matches('0');
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    format!(
        "{}{grouped}{}",
        if neg { "-" } else { "" },
        if frac.is_empty() {
            String::new()
        } else {
            format!(",{frac}")
        }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_removes_marks_and_d_bar() {
        let cases = [
            ("Đắk Lắk", "dak lak"),
            ("Bình Định", "binh dinh"),
            ("Quảng Trị", "quang tri"),
            ("Khánh Hoà", "khanh hoa"),
            ("Khánh Hòa", "khanh hoa"),
            ("ĐĂK NÔNG", "dak nong"),
        ];
        for (input, want) in cases {
            assert_eq!(fold(input), want, "fold({input})");
        }
    }

    #[test]
    fn nfc_composes_decomposed_input() {
        let decomposed = "Bi\u{0300}nh \u{0110}i\u{0323}nh";
        assert_eq!(nfc(decomposed), "Bình Định");
        assert_eq!(clean("  Bình   Định "), "Bình Định");
    }

    #[test]
    fn article_text_normalizes_invisible_and_control_characters() {
        assert_eq!(
            article_text("Ban Tổ\u{200B}chức\r\nTrang 1\u{0C}Trang 2\u{7}\u{202E}\tx"),
            "Ban Tổchức\nTrang 1\nTrang 2\tx"
        );
        assert_eq!(article_text("a\rb"), "a\nb");
    }

    #[test]
    fn fold_key_ignores_punctuation_variants() {
        assert_eq!(fold_key("Bà Rịa–Vũng Tàu"), fold_key("Bà Rịa - Vũng Tàu"));
        assert_eq!(fold_key("Thừa Thiên - Huế"), fold_key("Thừa Thiên Huế"));
    }
}
