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

/// Format 1 kept code lists apart, without ids; such an export still imports, its entries built
/// in. A clerk's own entry travels in format 2 like any record.
#[test]
fn exports_of_format_1_import_and_the_clerks_entries_travel() {
    use thidua_core::domain::{CodeEntry, CodeList};
    let mut a = demo_store();
    thidua_core::services::records::save(
        &mut a,
        &CodeEntry {
            list: CodeList::EventKind,
            label: "Hội thảo khoa học".into(),
            ..CodeEntry::default()
        },
    )
    .unwrap();
    let json = transfer::to_json(&transfer::export(&a).unwrap());
    let mut b = store();
    transfer::import(&mut b, &json).unwrap();
    assert_eq!(everything(&b), everything(&a));
    assert!(thidua_core::services::editing::codes(&b, "event_kind")
        .unwrap()
        .iter()
        .any(|o| o.label == "Hội thảo khoa học"));

    let mut v1: serde_json::Value = serde_json::from_str(&json).unwrap();
    let entries = v1["records"]
        .as_object_mut()
        .unwrap()
        .remove("code_lists")
        .unwrap();
    let old: Vec<serde_json::Value> = entries
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["builtin"] == 1)
        .map(|e| {
            serde_json::json!({"list": e["list"], "code": e["code"], "label": e["label"], "position": e["position"]})
        })
        .collect();
    v1["code_lists"] = serde_json::Value::Array(old);
    v1["format_version"] = 1.into();
    // Format 1 had no clerk's entries: keep the records consistent with that.
    let mut c = store();
    let mut v1_demo: serde_json::Value = serde_json::from_str(&transfer::to_json(
        &transfer::export(&demo_store()).unwrap(),
    ))
    .unwrap();
    v1_demo["records"]
        .as_object_mut()
        .unwrap()
        .remove("code_lists");
    v1_demo["code_lists"] = v1["code_lists"].clone();
    v1_demo["format_version"] = 1.into();
    transfer::import(&mut c, &v1_demo.to_string()).unwrap();
    let rows = list_all(&c, "code-entries");
    assert!(rows.len() > 40);
    assert!(rows.iter().all(|r| r["builtin"] == true));
    assert_eq!(
        records_of(&everything(&c))
            .into_iter()
            .filter(|t| !t.starts_with("code_lists"))
            .collect::<Vec<_>>(),
        records_of(&everything(&demo_store()))
            .into_iter()
            .filter(|t| !t.starts_with("code_lists"))
            .collect::<Vec<_>>()
    );
}

/// The attached originals, the report settings and the narratives travel in the export (format
/// 3): the imported copy shows the same article file, byte for byte.
#[test]
fn attachments_settings_and_narratives_travel_losslessly() {
    use thidua_core::services::{reports, sources};
    let mut a = demo_store();
    let mut s = reports::settings(&a).unwrap();
    s.signer_name = "Nguyễn Giờ".into();
    reports::set_settings(&mut a, &s).unwrap();
    let text = reports::Narrative {
        opening: "Mở đầu của năm 2023.".into(),
        chart_indicators: vec!["ket_nap_dang_vien".into()],
        ..Default::default()
    };
    reports::set_narrative(&mut a, 2023, &reports::Scope::All, &text).unwrap();
    let export = transfer::export(&a).unwrap();
    assert_eq!(export.format_version, 3);
    assert!(!export.side.files.is_empty(), "the sample articles' files");
    let first = transfer::to_json(&export);

    let mut b = store();
    transfer::import(&mut b, &first).unwrap();
    assert_eq!(first, transfer::to_json(&transfer::export(&b).unwrap()));
    let source = export.side.files[0].source_id;
    let (bytes, _) = sources::original(&b, source).unwrap().unwrap();
    assert_eq!(bytes, export.side.files[0].data);
    assert_eq!(reports::settings(&b).unwrap().signer_name, "Nguyễn Giờ");
    assert_eq!(
        reports::narrative(&b, 2023, &reports::Scope::All).unwrap(),
        text
    );
}
