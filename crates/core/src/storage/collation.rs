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

/// Compares two strings in Vietnamese order.
pub fn compare(a: &str, b: &str) -> Ordering {
    collator().compare(a, b)
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
