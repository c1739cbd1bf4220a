//! Vietnamese personal names: family name first, given name last ("Cao Hoàng Sơn": family Cao,
//! middle Hoàng, given Sơn). People are sorted by given name, so the parts are stored.

/// Splits a full name into (family, middle, given). A guess the clerk can correct: some names
/// have compound family names.
pub fn split(full: &str) -> (String, String, String) {
    let words: Vec<&str> = full.split_whitespace().collect();
    match words.as_slice() {
        [] => (String::new(), String::new(), String::new()),
        [only] => (String::new(), String::new(), only.to_string()),
        [family, rest @ .., given] => (family.to_string(), rest.join(" "), given.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_family_middle_given() {
        assert_eq!(
            split("Cao Hoàng Sơn"),
            ("Cao".into(), "Hoàng".into(), "Sơn".into())
        );
        assert_eq!(
            split("Nguyễn Giờ"),
            ("Nguyễn".into(), "".into(), "Giờ".into())
        );
        assert_eq!(
            split("Bùi Thị Quỳnh Vân"),
            ("Bùi".into(), "Thị Quỳnh".into(), "Vân".into())
        );
    }
}
