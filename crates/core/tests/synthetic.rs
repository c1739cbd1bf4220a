//! The benchmark database: the same seed gives the same records, in the numbers asked for, and
//! the result is a working Thidua database (lists, search, a report).

use thidua_core::services::synthetic::{generate, GenOptions};
use thidua_core::services::{reports, search, transfer};
use thidua_core::Store;

fn small(seed: u64) -> (Store, thidua_core::services::synthetic::Generated) {
    let mut store = Store::open_in_memory().unwrap();
    let done = generate(
        &mut store,
        &GenOptions {
            seed,
            years: 4,
            provinces: 63,
            people: 300,
            changes: 500,
            awards: 200,
            figures: 1000,
            articles: 40,
        },
    )
    .unwrap();
    (store, done)
}

#[test]
fn the_same_seed_gives_the_same_database_in_the_numbers_asked_for() {
    let (a, done) = small(7);
    let (b, _) = small(7);
    let (c, _) = small(8);
    let json = |s: &Store| {
        let mut e = transfer::export(s).unwrap();
        e.audit.clear();
        serde_json::to_string(&e.records).unwrap()
    };
    assert_eq!(json(&a), json(&b));
    assert_ne!(json(&a), json(&c));
    let count = |k: &str| done.counts.iter().find(|(n, _)| n == k).unwrap().1;
    assert_eq!(count("person"), 300);
    assert_eq!(count("personnel_change"), 500);
    assert_eq!(count("award"), 200);
    assert_eq!(count("figure"), 1000);
    assert_eq!(count("source"), 40);
    // Real provinces: the merged ones before 2025, the new ones after.
    assert!(json(&a).contains("Ban Tổ chức Tỉnh ủy Quảng Bình"));
    assert!(json(&a).contains("Ban Tổ chức Tỉnh ủy Gia Lai"));
    assert!(
        !search::search(&a, "quy dinh 80", 5).unwrap().is_empty()
            || !search::search(&a, "ban to chuc", 5).unwrap().is_empty()
    );
    let r = reports::build(
        &a,
        2024,
        &reports::Scope::Cluster("Cụm thi đua số III".into()),
        "2024-12-08",
    )
    .unwrap();
    assert!(
        r.sections[0].tables[0].rows.len() > 5,
        "the cluster's members"
    );
}
