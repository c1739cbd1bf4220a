//! Property-based checks of the text rules every record goes through.

mod common;

use common::*;
use proptest::prelude::*;
use thidua_core::domain::Person;
use thidua_core::services::{records, search::search};
use thidua_core::text::{fold, nfc};
use unicode_normalization::UnicodeNormalization;

const SYLLABLES: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý", "Thị", "Văn", "Hữu", "Quỳnh", "Đức", "Thuỷ", "Thủy", "Hoà", "Ánh",
    "Ơn", "Ưng", "Giờ", "Chín", "Đạt", "Ất", "Ổn",
];

fn name() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(SYLLABLES), 2..5).prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn fold_is_idempotent_and_mark_free(s in name()) {
        let f = fold(&s);
        prop_assert_eq!(fold(&f), f.clone());
        prop_assert!(f.chars().all(|c| c.is_ascii_lowercase() || c == ' '), "{}", f);
        // NFC and NFD inputs fold alike.
        prop_assert_eq!(fold(&s.nfd().collect::<String>()), f);
    }

    #[test]
    fn any_saved_name_is_nfc_and_found_without_marks(s in name()) {
        let mut store = store();
        let decomposed: String = s.nfd().collect();
        let saved = records::save(&mut store, &Person { full_name: decomposed, ..Person::default() }).unwrap();
        prop_assert_eq!(&saved.full_name, &nfc(&s));
        let hits = search(&store, &fold(&s), 5).unwrap();
        prop_assert!(hits.iter().any(|h| h.title == nfc(&s)));
    }
}
