//! Search ignores case and diacritics (đ included), matches word prefixes, ranks exact matches first.

mod common;

use common::*;
use thidua_core::domain::{RecordKind, Unit};
use thidua_core::services::{records, search::search};

fn titles(store: &thidua_core::Store, q: &str) -> Vec<String> {
    search(store, q, 50)
        .unwrap()
        .into_iter()
        .map(|h| h.title)
        .collect()
}

#[test]
fn without_diacritics_and_with_d_bar() {
    let store = demo_store();
    for q in ["dak lak", "DAK LAK", "Đắk Lắk", "đăk lăk"] {
        assert!(
            titles(&store, q).iter().any(|t| t.contains("Đắk Lắk")),
            "{q}"
        );
    }
    assert!(titles(&store, "binh dinh")
        .iter()
        .any(|t| t == "Ban Tổ chức Tỉnh ủy Bình Định"));
    assert!(titles(&store, "khanh hoa")
        .iter()
        .any(|t| t.contains("Khánh Hòa")));
    assert!(titles(&store, "nguyen gio")
        .iter()
        .any(|t| t == "Nguyễn Giờ"));
}

#[test]
fn prefix_matching_finds_every_quang() {
    let store = demo_store();
    let t = titles(&store, "quang");
    for want in [
        "Quảng Bình",
        "Quảng Trị",
        "Quảng Ngãi",
        "Quảng Nam",
        "Quảng Ninh",
    ] {
        assert!(t.iter().any(|x| x.contains(want)), "{want} in {t:?}");
    }
}

#[test]
fn exact_matches_rank_first() {
    let mut store = store();
    for name in ["Ban Tổ chức Da Phước", "Ban Tổ chức Đà Nẵng"] {
        records::save(
            &mut store,
            &Unit {
                kind: "khac".into(),
                name: name.into(),
                ..Unit::default()
            },
        )
        .unwrap();
    }
    assert_eq!(titles(&store, "Đà")[0], "Ban Tổ chức Đà Nẵng");
    assert_eq!(titles(&store, "Da")[0], "Ban Tổ chức Da Phước");
    assert_eq!(titles(&store, "da").len(), 2);
}

#[test]
fn snippets_mark_the_match_and_kinds_are_labelled() {
    let store = demo_store();
    let hits = search(&store, "20.777", 10).unwrap();
    assert!(hits
        .iter()
        .any(|h| h.kind == RecordKind::Figure || h.kind == RecordKind::Source));
    let h = &search(&store, "buon ma thuot", 5).unwrap()[0];
    assert_eq!(h.kind, RecordKind::Event);
    let chars: Vec<char> = h.snippet.chars().collect();
    let marked: String = chars[h.marks[0][0]..h.marks[0][1]].iter().collect();
    assert_eq!(marked, "Buôn");
}

#[test]
fn the_index_follows_edits_deletes_and_undo() {
    let mut store = store();
    let u = records::save(
        &mut store,
        &Unit {
            kind: "khac".into(),
            name: "Vụ Địa phương II".into(),
            ..Unit::default()
        },
    )
    .unwrap();
    assert_eq!(titles(&store, "dia phuong"), vec!["Vụ Địa phương II"]);
    let mut renamed = u.clone();
    renamed.name = "Vụ Địa phương III".into();
    records::save(&mut store, &renamed).unwrap();
    assert_eq!(titles(&store, "dia phuong"), vec!["Vụ Địa phương III"]);
    records::delete(&mut store, RecordKind::Unit, u.id.unwrap()).unwrap();
    assert!(titles(&store, "dia phuong").is_empty());
    thidua_core::services::history::undo(&mut store, 2).unwrap();
    assert_eq!(titles(&store, "dia phuong"), vec!["Vụ Địa phương II"]);
}

#[test]
fn query_syntax_cannot_break_search() {
    let store = demo_store();
    for q in ["\"", "a OR", "*", "NEAR(", "-", "(((", ""] {
        search(&store, q, 10).unwrap();
    }
}

#[test]
fn titles_are_found_before_texts_even_past_the_candidates_a_query_reads() {
    // 450 conferences say "Hà Nội" in their place; the unit named after it comes last (the
    // highest rowid), beyond the 400 candidates a query reads: the title tier finds it first.
    let mut store = store();
    for i in 0..450 {
        records::save(
            &mut store,
            &thidua_core::domain::Event {
                kind: "so_ket".into(),
                name: format!("Hội nghị sơ kết số {i}"),
                place: Some("Hà Nội".into()),
                date_year: Some(2020),
                ..Default::default()
            },
        )
        .unwrap();
    }
    records::save(
        &mut store,
        &Unit {
            kind: "khac".into(),
            name: "Ban Tổ chức Thành ủy Hà Nội".into(),
            ..Unit::default()
        },
    )
    .unwrap();
    for q in ["ha noi", "Hà Nội", "ha n"] {
        let hits = search(&store, q, 10).unwrap();
        assert_eq!(hits[0].title, "Ban Tổ chức Thành ủy Hà Nội", "{q}");
        assert_eq!(hits.len(), 10, "{q}");
    }
}
