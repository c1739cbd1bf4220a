//! Province names as articles write them ("TP. Hồ Chí Minh", "Thừa Thiên Huế", "TT Huế", "Đác
//! Lắc"), from the shipped provinces file with its spelling variants, and the units named after
//! them ("Ban Tổ chức Tỉnh ủy Quảng Trị").

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::text::fold_key;

const PROVINCES_JSON: &str = include_str!("../../../../../assets/data/provinces.json");

/// Folded spelling → the province's usual name.
static NAMES: LazyLock<HashMap<String, String>> = LazyLock::new(|| {
    let mut out = HashMap::new();
    let data: serde_json::Value = serde_json::from_str(PROVINCES_JSON).unwrap_or_default();
    for p in data["provinces"].as_array().into_iter().flatten() {
        let Some(name) = p["name"].as_str() else {
            continue;
        };
        let mut spellings = vec![name.to_string()];
        for a in p["aliases"].as_array().into_iter().flatten() {
            if let Some(a) = a.as_str() {
                spellings.push(a.to_string());
            }
        }
        for s in spellings {
            out.entry(fold_key(&s)).or_insert_with(|| name.to_string());
            if let Some(bare) = s.strip_prefix("TP. ") {
                out.entry(fold_key(bare))
                    .or_insert_with(|| name.to_string());
            }
        }
    }
    out
});

/// Words that may stand before a province's name without changing what it names.
const PREFIXES: &[&str] = &[
    "tỉnh ",
    "thành phố ",
    "tp. ",
    "tp.",
    "tp ",
    "thành ủy ",
    "tỉnh ủy ",
];

/// The province a piece of text names, if it is exactly one (prefixes like "tỉnh" allowed).
pub fn province(text: &str) -> Option<String> {
    let t = text
        .trim()
        .trim_matches(|c: char| c == '.' || c == ',' || c == ';');
    let lower = t.to_lowercase();
    let mut candidates = vec![t.to_string()];
    for p in PREFIXES {
        if lower.starts_with(p) {
            candidates.push(t[p.len()..].trim().to_string());
        }
    }
    candidates
        .iter()
        .find_map(|c| NAMES.get(&fold_key(c)).cloned())
}

/// Whether the capitalized words are a province's name (to tell "Hà Tĩnh" from a person).
pub fn is_province(words: &str) -> bool {
    NAMES.contains_key(&fold_key(words))
}

/// A unit as the facts file names it: a province's Ban Tổ chức by the province's bare name (the
/// schema's convention), anything else as written.
pub fn unit_name(text: &str) -> String {
    let t = text
        .trim()
        .trim_matches(|c: char| c == ',' || c == ';' || c == '.' || c == ':')
        .trim();
    let lower = t.to_lowercase();
    for prefix in [
        "ban tổ chức tỉnh ủy ",
        "ban tổ chức thành ủy ",
        "ban tổ chức tỉnh uỷ ",
        "ban tổ chức thành uỷ ",
        "ban tổ chức các tỉnh ủy ",
        "ban tổ chức các tỉnh, thành ủy ",
        "ban tổ chức ",
    ] {
        if lower.starts_with(prefix) {
            if let Some(p) = province(&t[prefix.len()..]) {
                return p;
            }
        }
    }
    province(t).unwrap_or_else(|| t.to_string())
}

/// Splits a written list: "A, B, C và D" / "A; B" → items.
pub fn split_list(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in text.split([',', ';']) {
        for item in part.split(" và ") {
            let item = item.trim();
            if !item.is_empty() {
                out.push(item.to_string());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provinces_by_any_spelling() {
        assert_eq!(
            province("TP. Hồ Chí Minh").as_deref(),
            Some("TP. Hồ Chí Minh")
        );
        assert_eq!(province("tỉnh Bình Dương").as_deref(), Some("Bình Dương"));
        assert_eq!(province("Đắk Nông").as_deref(), Some("Đắk Nông"));
        assert!(province("Ban Dân vận").is_none());
        assert_eq!(unit_name("Ban Tổ chức Tỉnh ủy Quảng Trị"), "Quảng Trị");
        assert_eq!(
            unit_name("Ban Bảo vệ, chăm sóc sức khỏe cán bộ tỉnh"),
            "Ban Bảo vệ, chăm sóc sức khỏe cán bộ tỉnh"
        );
        assert!(is_province("Hà Tĩnh"));
        assert_eq!(
            split_list("Bình Định, Thừa Thiên Huế, Đắk Nông"),
            ["Bình Định", "Thừa Thiên Huế", "Đắk Nông"]
        );
    }
}
