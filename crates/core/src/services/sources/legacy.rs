//! Text typed in the legacy Vietnamese encodings of older documents — TCVN3 (ABC, the .VnTime
//! fonts) and VNI (the VNI-Times fonts) — arrives as Latin-1-looking text ("B¶o Th¾ng",
//! "Vieät Nam"). It is recognised by its telltale characters and converted to Unicode.

/// TCVN3 (TCVN 5712:1993, "ABC") lower-case letters with their Unicode letters. Upper-case
/// toned letters were typed with the capitals font using the same codes, so they come out
/// lower case; the bare capitals Ă Â Ê Ô Ơ Ư Đ have codes of their own.
const TCVN3: &[(char, char)] = &[
    ('µ', 'à'),
    ('¸', 'á'),
    ('¶', 'ả'),
    ('·', 'ã'),
    ('¹', 'ạ'),
    ('¨', 'ă'),
    ('»', 'ằ'),
    ('¾', 'ắ'),
    ('¼', 'ẳ'),
    ('½', 'ẵ'),
    ('Æ', 'ặ'),
    ('©', 'â'),
    ('Ç', 'ầ'),
    ('Ê', 'ấ'),
    ('È', 'ẩ'),
    ('É', 'ẫ'),
    ('Ë', 'ậ'),
    ('®', 'đ'),
    ('Ì', 'è'),
    ('Ð', 'é'),
    ('Î', 'ẻ'),
    ('Ï', 'ẽ'),
    ('Ñ', 'ẹ'),
    ('ª', 'ê'),
    ('Ò', 'ề'),
    ('Õ', 'ế'),
    ('Ó', 'ể'),
    ('Ô', 'ễ'),
    ('Ö', 'ệ'),
    ('×', 'ì'),
    ('Ý', 'í'),
    ('Ø', 'ỉ'),
    ('Ü', 'ĩ'),
    ('Þ', 'ị'),
    ('ß', 'ò'),
    ('ã', 'ó'),
    ('á', 'ỏ'),
    ('â', 'õ'),
    ('ä', 'ọ'),
    ('«', 'ô'),
    ('å', 'ồ'),
    ('è', 'ố'),
    ('æ', 'ổ'),
    ('ç', 'ỗ'),
    ('é', 'ộ'),
    ('¬', 'ơ'),
    ('ê', 'ờ'),
    ('í', 'ớ'),
    ('ë', 'ở'),
    ('ì', 'ỡ'),
    ('î', 'ợ'),
    ('ï', 'ù'),
    ('ó', 'ú'),
    ('ñ', 'ủ'),
    ('ò', 'ũ'),
    ('ô', 'ụ'),
    ('\u{AD}', 'ư'),
    ('õ', 'ừ'),
    ('ø', 'ứ'),
    ('ö', 'ử'),
    ('÷', 'ữ'),
    ('ù', 'ự'),
    ('ú', 'ỳ'),
    ('ý', 'ý'),
    ('û', 'ỷ'),
    ('ü', 'ỹ'),
    ('þ', 'ỵ'),
    ('¡', 'Ă'),
    ('¢', 'Â'),
    ('£', 'Ê'),
    ('¤', 'Ô'),
    ('¥', 'Ơ'),
    ('¦', 'Ư'),
    ('§', 'Đ'),
];

/// VNI: a base letter followed by a mark character. Rows: base, then the tone marks in the
/// order none, sắc, huyền, hỏi, ngã, nặng, with the Unicode letters they make.
const VNI_ROWS: &[(&str, [&str; 6], [char; 6])] = &[
    (
        "a",
        ["", "ù", "ø", "û", "õ", "ï"],
        ['a', 'á', 'à', 'ả', 'ã', 'ạ'],
    ),
    (
        "a",
        ["â", "á", "à", "å", "ã", "ä"],
        ['â', 'ấ', 'ầ', 'ẩ', 'ẫ', 'ậ'],
    ),
    (
        "a",
        ["ê", "é", "è", "ú", "ü", "ë"],
        ['ă', 'ắ', 'ằ', 'ẳ', 'ẵ', 'ặ'],
    ),
    (
        "e",
        ["", "ù", "ø", "û", "õ", "ï"],
        ['e', 'é', 'è', 'ẻ', 'ẽ', 'ẹ'],
    ),
    (
        "e",
        ["â", "á", "à", "å", "ã", "ä"],
        ['ê', 'ế', 'ề', 'ể', 'ễ', 'ệ'],
    ),
    (
        "o",
        ["", "ù", "ø", "û", "õ", "ï"],
        ['o', 'ó', 'ò', 'ỏ', 'õ', 'ọ'],
    ),
    (
        "o",
        ["â", "á", "à", "å", "ã", "ä"],
        ['ô', 'ố', 'ồ', 'ổ', 'ỗ', 'ộ'],
    ),
    (
        "ô",
        ["", "ù", "ø", "û", "õ", "ï"],
        ['ơ', 'ớ', 'ờ', 'ở', 'ỡ', 'ợ'],
    ),
    (
        "u",
        ["", "ù", "ø", "û", "õ", "ï"],
        ['u', 'ú', 'ù', 'ủ', 'ũ', 'ụ'],
    ),
    (
        "ö",
        ["", "ù", "ø", "û", "õ", "ï"],
        ['ư', 'ứ', 'ừ', 'ử', 'ữ', 'ự'],
    ),
    (
        "y",
        ["", "ù", "ø", "û", "õ", ""],
        ['y', 'ý', 'ỳ', 'ỷ', 'ỹ', 'ỵ'],
    ),
];

/// VNI letters written as one character.
const VNI_SINGLE: &[(char, char)] = &[
    ('í', 'í'),
    ('ì', 'ì'),
    ('æ', 'ỉ'),
    ('ó', 'ĩ'),
    ('ò', 'ị'),
    ('î', 'ỵ'),
    ('ñ', 'đ'),
    ('Í', 'Í'),
    ('Ì', 'Ì'),
    ('Æ', 'Ỉ'),
    ('Ó', 'Ĩ'),
    ('Ò', 'Ị'),
    ('Î', 'Ỵ'),
    ('Ñ', 'Đ'),
];

fn vni_pairs() -> Vec<(String, char)> {
    let mut out = Vec::new();
    for (base, marks, letters) in VNI_ROWS {
        for (mark, letter) in marks.iter().zip(letters) {
            if mark.is_empty() {
                continue;
            }
            out.push((format!("{base}{mark}"), *letter));
            let upper_base: String = base.to_uppercase();
            let upper_mark: String = mark.to_uppercase();
            let upper_letter = letter.to_uppercase().next().unwrap_or(*letter);
            out.push((format!("{upper_base}{upper_mark}"), upper_letter));
        }
    }
    // "ô" alone is ơ and "ö" alone is ư (after the pairs that start with them).
    out.push(("ô".into(), 'ơ'));
    out.push(("Ô".into(), 'Ơ'));
    out.push(("ö".into(), 'ư'));
    out.push(("Ö".into(), 'Ư'));
    out.sort_by_key(|(k, _)| std::cmp::Reverse(k.chars().count()));
    out
}

pub fn from_tcvn3(text: &str) -> String {
    text.chars()
        .map(|c| TCVN3.iter().find(|(k, _)| *k == c).map_or(c, |(_, u)| *u))
        .collect()
}

pub fn from_vni(text: &str) -> String {
    let pairs = vni_pairs();
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    'outer: while i < chars.len() {
        for (k, u) in &pairs {
            let n = k.chars().count();
            if i + n <= chars.len() && chars[i..i + n].iter().copied().eq(k.chars()) {
                out.push(*u);
                i += n;
                continue 'outer;
            }
        }
        let c = chars[i];
        out.push(
            VNI_SINGLE
                .iter()
                .find(|(k, _)| *k == c)
                .map_or(c, |(_, u)| *u),
        );
        i += 1;
    }
    out
}

/// Letters only Vietnamese uses (beyond Latin-1): how Vietnamese a text reads.
fn vietnamese_letters(text: &str) -> usize {
    text.chars()
        .filter(|c| {
            matches!(
                *c as u32,
                0x0102 | 0x0103 | 0x0110 | 0x0111 | 0x01A0 | 0x01A1 | 0x01AF | 0x01B0 | 0x1EA0
                    ..=0x1EF9
            )
        })
        .count()
}

/// Latin-1 characters the legacy encodings put where Vietnamese letters should be.
fn latin1_marks(text: &str) -> usize {
    text.chars()
        .filter(|c| ('\u{A1}'..='\u{FE}').contains(c))
        .count()
}

/// Which legacy encoding a text was typed in, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Legacy {
    Tcvn3,
    Vni,
}

impl Legacy {
    pub fn label(self) -> &'static str {
        match self {
            Legacy::Tcvn3 => "TCVN3 (ABC)",
            Legacy::Vni => "VNI",
        }
    }
}

/// The text in Unicode, and the legacy encoding it was converted from. Text that already reads
/// as Vietnamese (or has too few telltale characters) is left alone.
pub fn to_unicode(text: &str) -> (String, Option<Legacy>) {
    let marks = latin1_marks(text);
    let native = vietnamese_letters(text);
    if marks < 5 || native * 4 > marks {
        return (text.to_string(), None);
    }
    // VNI writes a mark right after its vowel ("toång"); TCVN3 writes the toned vowel itself,
    // between consonants ("tæng").
    let chars: Vec<char> = text.chars().collect();
    let after_vowel = chars
        .windows(2)
        .filter(|w| ('\u{A1}'..='\u{FE}').contains(&w[1]) && "aeouyAEOUYôöÔÖ".contains(w[0]))
        .count();
    let (converted, legacy) = if after_vowel * 2 > marks {
        (from_vni(text), Legacy::Vni)
    } else {
        (from_tcvn3(text), Legacy::Tcvn3)
    };
    if vietnamese_letters(&converted) > native {
        (crate::text::nfc(&converted), Some(legacy))
    } else {
        (text.to_string(), None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tcvn3_and_vni_become_unicode() {
        let (t, enc) =
            to_unicode("Ban Tæ chøc TØnh ñy B×nh §Þnh tæng kÕt c«ng t¸c thi ®ua n¨m 2023");
        assert_eq!(enc, Some(Legacy::Tcvn3));
        assert_eq!(
            t,
            "Ban Tổ chức Tỉnh ủy Bình Định tổng kết công tác thi đua năm 2023"
        );
        let (v, enc) =
            to_unicode("Ban Toå chöùc Tænh uûy Bình Ñònh toång keát coâng taùc thi ñua naêm 2023");
        assert_eq!(enc, Some(Legacy::Vni));
        assert_eq!(
            v,
            "Ban Tổ chức Tỉnh ủy Bình Định tổng kết công tác thi đua năm 2023"
        );
        let (u, enc) = to_unicode("Ban Tổ chức Tỉnh ủy Bình Định");
        assert_eq!((u.as_str(), enc), ("Ban Tổ chức Tỉnh ủy Bình Định", None));
    }
}
