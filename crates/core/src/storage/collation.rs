//! The `vi` SQLite collation: Vietnamese alphabetical order (a ă â b c d đ e ê …, tones after the
//! base letter), from ICU4X's Vietnamese collation data. Byte order would put "Đ" after "Z".

use std::cmp::Ordering;
use std::sync::OnceLock;

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};
use rusqlite::Connection;

fn collator() -> &'static CollatorBorrowed<'static> {
    static COLLATOR: OnceLock<CollatorBorrowed<'static>> = OnceLock::new();
    COLLATOR.get_or_init(|| {
        let locale = icu_locale_core::locale!("vi");
        Collator::try_new(locale.into(), CollatorOptions::default())
            .expect("ICU4X ships compiled Vietnamese collation data")
    })
}

/// Compares two strings in Vietnamese order. Sorting a list compares the same few names (given
/// names, units, indicators) thousands of times, so each string's ICU sort key is made once and
/// kept; sort keys order as the collator does.
pub fn compare(a: &str, b: &str) -> Ordering {
    if a == b {
        return Ordering::Equal;
    }
    KEYS.with(|keys| {
        let mut keys = keys.borrow_mut();
        if keys.len() > MAX_KEPT {
            keys.clear();
        }
        let ka = key(&mut keys, a).clone();
        ka.as_ref().cmp(key(&mut keys, b).as_ref())
    })
}

/// Enough for every distinct name a list of 100.000 rows sorts by; then the keys start over.
const MAX_KEPT: usize = 200_000;

thread_local! {
    static KEYS: std::cell::RefCell<std::collections::HashMap<Box<str>, std::rc::Rc<[u8]>>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

fn key<'a>(
    keys: &'a mut std::collections::HashMap<Box<str>, std::rc::Rc<[u8]>>,
    s: &str,
) -> &'a std::rc::Rc<[u8]> {
    if !keys.contains_key(s) {
        let mut k: Vec<u8> = Vec::with_capacity(s.len() * 2);
        let _ = collator().write_sort_key_to(s, &mut k);
        keys.insert(s.into(), k.into());
    }
    &keys[s]
}

pub(super) fn register(conn: &Connection) -> rusqlite::Result<()> {
    conn.create_collation("vi", compare)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_alphabet_order() {
        let mut words = vec![
            "Đà Nẵng",
            "Yên Bái",
            "Ân",
            "Ăn",
            "An Giang",
            "Bắc Ninh",
            "Dung",
            "Ơn",
            "Ôn",
            "On",
            "Ưu",
            "Uyên",
            "Cà Mau",
        ];
        words.sort_by(|a, b| compare(a, b));
        assert_eq!(
            words,
            vec![
                "An Giang",
                "Ăn",
                "Ân",
                "Bắc Ninh",
                "Cà Mau",
                "Dung",
                "Đà Nẵng",
                "On",
                "Ôn",
                "Ơn",
                "Uyên",
                "Ưu",
                "Yên Bái"
            ]
        );
    }

    #[test]
    fn tones_order_after_the_base_letter() {
        let mut words = vec!["mạ", "má", "mã", "mả", "mà", "ma"];
        words.sort_by(|a, b| compare(a, b));
        assert_eq!(words, vec!["ma", "mà", "mả", "mã", "má", "mạ"]);
    }
}
