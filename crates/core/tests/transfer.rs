//! Export → import → export is identical, for the sample data and after edits, deletes and undo.

mod common;

use common::*;
use thidua_core::domain::{RecordKind, Unit};
use thidua_core::services::{history, records, transfer};

#[test]
fn round_trip_is_identical() {
    let mut a = demo_store();
    let u = records::save(
        &mut a,
        &Unit {
            kind: "khac".into(),
            name: "Đơn vị tạm".into(),
            ..Unit::default()
        },
    )
    .unwrap();
    records::delete(&mut a, RecordKind::Unit, u.id.unwrap()).unwrap();
    records::save(
        &mut a,
        &Unit {
            kind: "khac".into(),
            name: "Đơn vị bị hoàn tác".into(),
            ..Unit::default()
        },
    )
    .unwrap();
    history::undo(&mut a, 1).unwrap();
    let first = transfer::to_json(&transfer::export(&a).unwrap());

    let mut b = store();
    transfer::import(&mut b, &first).unwrap();
    let second = transfer::to_json(&transfer::export(&b).unwrap());
    assert_eq!(first, second);

    // The imported copy is fully usable: search works and undo history is there.
    assert!(!thidua_core::services::search::search(&b, "dak lak", 5)
        .unwrap()
        .is_empty());
    assert_eq!(history::trash(&b).unwrap().len(), 1);
}

#[test]
fn import_refuses_a_non_empty_database_and_bad_files() {
    let a = demo_store();
    let json = transfer::to_json(&transfer::export(&a).unwrap());
    let mut b = demo_store();
    let before = everything(&b);
    assert_eq!(
        transfer::import(&mut b, &json).unwrap_err().code(),
        "transfer.not_empty"
    );
    assert_eq!(everything(&b), before);
    let mut c = store();
    assert_eq!(
        transfer::import(&mut c, "{}").unwrap_err().code(),
        "transfer.not_an_export"
    );
    assert_eq!(
        transfer::import(&mut c, "not json").unwrap_err().code(),
        "transfer.json"
    );
}
