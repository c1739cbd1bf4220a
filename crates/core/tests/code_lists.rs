//! The editable code lists are the clerk's: entries are added (code made from the label),
//! renamed (every list and search document follows), retired (no longer offered, old records
//! keep them), merged and deleted, each as one undoable step; built-in entries and the fixed
//! lists are protected.

mod common;

use common::*;
use serde_json::{json, Value};
use thidua_core::domain::*;
use thidua_core::services::search::search;
use thidua_core::services::{editing, history, records};

fn add_entry(store: &mut thidua_core::Store, list: CodeList, label: &str) -> CodeEntry {
    records::save(
        store,
        &CodeEntry {
            list,
            label: label.into(),
            ..CodeEntry::default()
        },
    )
    .unwrap()
}

fn add_event(store: &mut thidua_core::Store, name: &str, kind: &str) -> i64 {
    records::save(
        store,
        &Event {
            name: name.into(),
            kind: kind.into(),
            date_year: Some(2024),
            ..Event::default()
        },
    )
    .unwrap()
    .id
    .unwrap()
}

fn entry_row(store: &thidua_core::Store, id: i64) -> serde_json::Map<String, Value> {
    list_all(store, "code-entries")
        .into_iter()
        .find(|r| r["id"] == json!(id))
        .expect("the entry is listed")
}

#[test]
fn an_added_entry_gets_a_code_is_offered_and_undo_takes_it_back() {
    let mut store = store();
    let entry = add_entry(&mut store, CodeList::EventKind, "Hội nghị chuyên đề");
    assert_eq!(entry.code, "hoi_nghi_chuyen_de");
    assert!(!entry.builtin);
    let offered = editing::codes(&store, "event_kind").unwrap();
    assert!(offered
        .iter()
        .any(|o| o.id == "hoi_nghi_chuyen_de" && o.label == "Hội nghị chuyên đề" && !o.retired));
    let event = add_event(
        &mut store,
        "Hội nghị chuyên đề về cán bộ",
        "hoi_nghi_chuyen_de",
    );
    let events = list_all(&store, "events");
    let row = events.iter().find(|r| r["id"] == json!(event)).unwrap();
    assert_eq!(s(row, "kind_label"), "Hội nghị chuyên đề");
    assert_eq!(entry_row(&store, entry.id.unwrap())["uses"], json!(1));

    // A second entry with the same label (any spelling) is refused; the same code gets a number.
    let err = records::save(
        &mut store,
        &CodeEntry {
            list: CodeList::EventKind,
            label: "hoi nghi  CHUYÊN ĐỀ".into(),
            ..CodeEntry::default()
        },
    )
    .unwrap_err();
    assert_eq!(err.code(), "validation.duplicate");
    let other = add_entry(
        &mut store,
        CodeList::EventKind,
        "Hội nghị chuyên-đề (mở rộng)",
    );
    assert_eq!(other.code, "hoi_nghi_chuyen_de_mo_rong");

    let steps = history::history(&store, 10).unwrap();
    assert!(
        steps
            .iter()
            .any(|h| h.summary.contains("Hội nghị chuyên đề")),
        "{steps:?}"
    );
    history::undo(&mut store, 3).unwrap();
    assert!(!editing::codes(&store, "event_kind")
        .unwrap()
        .iter()
        .any(|o| o.id == "hoi_nghi_chuyen_de"));
}

#[test]
fn a_rename_reaches_lists_and_search_and_the_code_never_changes() {
    let mut store = store();
    let event = add_event(&mut store, "Hội nghị cán bộ chủ chốt", "giao_ban");
    let id = id_where(
        &store,
        "code-entries",
        &[("list", "event_kind".into()), ("code", "giao_ban".into())],
    );
    let mut entry: CodeEntry = store.get(id).unwrap().unwrap();
    assert!(entry.builtin, "seeded entries are built in");
    entry.label = "Giao ban định kỳ hằng quý".into();
    records::save(&mut store, &entry).unwrap();
    let row = list_all(&store, "events")
        .into_iter()
        .find(|r| r["id"] == json!(event))
        .unwrap();
    assert_eq!(s(&row, "kind_label"), "Giao ban định kỳ hằng quý");
    let hits = search(&store, "dinh ky hang quy", 10).unwrap();
    assert!(
        hits.iter()
            .any(|h| h.kind == RecordKind::Event && h.record_id == event),
        "{hits:?}"
    );

    entry.code = "giao_ban_quy".into();
    let err = records::save(&mut store, &entry).unwrap_err();
    assert_eq!(err.code(), "validation.code_fixed");
    entry.code = "giao_ban".into();
    entry.builtin = false;
    assert_eq!(
        records::save(&mut store, &entry).unwrap_err().code(),
        "validation.builtin"
    );
}

#[test]
fn a_retired_entry_is_not_offered_but_old_records_keep_it() {
    let mut store = store();
    let entry = add_entry(&mut store, CodeList::UnitKind, "Ban Cán sự đảng");
    let unit = records::save(
        &mut store,
        &Unit {
            kind: entry.code.clone(),
            name: "Ban Cán sự đảng UBND tỉnh".into(),
            ..Unit::default()
        },
    )
    .unwrap();
    let mut retired = entry.clone();
    retired.retired = true;
    records::save(&mut store, &retired).unwrap();
    let offered = editing::codes(&store, "unit_kind").unwrap();
    let o = offered.iter().find(|o| o.id == entry.code).unwrap();
    assert!(
        o.retired,
        "marked, so a form shows it only where it is held"
    );
    assert_eq!(
        offered.last().map(|o| o.id.clone()),
        Some(entry.code.clone()),
        "retired entries come last"
    );
    // The unit still saves with its kind.
    let mut u = unit.clone();
    u.note = Some("Giữ loại cũ".into());
    records::save(&mut store, &u).unwrap();
}

#[test]
fn an_entry_in_use_is_not_deleted_and_built_in_entries_never_are() {
    let mut store = store();
    let entry = add_entry(&mut store, CodeList::DocumentKind, "Thông tri");
    let doc = records::save(
        &mut store,
        &Document {
            number: Some("05-TT/TU".into()),
            kind: Some(entry.code.clone()),
            ..Document::default()
        },
    )
    .unwrap();
    let before = everything(&store);
    let err = records::delete(&mut store, RecordKind::CodeEntry, entry.id.unwrap()).unwrap_err();
    assert_eq!(err.code(), "validation.referenced");
    assert!(err.to_string().contains("05-TT/TU"), "{err}");
    assert_eq!(everything(&store), before);

    records::delete(&mut store, RecordKind::Document, doc.id.unwrap()).unwrap();
    records::delete(&mut store, RecordKind::CodeEntry, entry.id.unwrap()).unwrap();
    assert!(!editing::codes(&store, "document_kind")
        .unwrap()
        .iter()
        .any(|o| o.id == entry.code));
    // Its code stays reserved while it is in the trash, so undo can bring it back.
    history::undo(&mut store, 1).unwrap();
    assert!(editing::codes(&store, "document_kind")
        .unwrap()
        .iter()
        .any(|o| o.id == entry.code));

    let builtin = id_where(
        &store,
        "code-entries",
        &[("list", "document_kind".into()), ("code", "chi_thi".into())],
    );
    let err = records::delete(&mut store, RecordKind::CodeEntry, builtin).unwrap_err();
    assert_eq!(err.code(), "validation.builtin");
    let err = records::delete_cascade(&mut store, RecordKind::CodeEntry, builtin).unwrap_err();
    assert_eq!(err.code(), "validation.builtin");
}

#[test]
fn merging_moves_every_record_to_the_kept_entry_in_one_undo_step() {
    let mut store = store();
    let mine = add_entry(&mut store, CodeList::EventKind, "Sơ kết 6 tháng");
    let e1 = add_event(&mut store, "Sơ kết 6 tháng đầu năm 2024", &mine.code);
    let e2 = add_event(&mut store, "Sơ kết công tác 6 tháng", &mine.code);
    let so_ket = id_where(
        &store,
        "code-entries",
        &[("list", "event_kind".into()), ("code", "so_ket".into())],
    );
    let before = everything(&store);
    let moved = records::merge_codes(&mut store, so_ket, mine.id.unwrap()).unwrap();
    assert_eq!(moved, 2);
    for e in [e1, e2] {
        let ev: Event = store.get(e).unwrap().unwrap();
        assert_eq!(ev.kind, "so_ket");
    }
    assert!(!list_all(&store, "code-entries")
        .iter()
        .any(|r| r["id"] == json!(mine.id.unwrap())));
    history::undo(&mut store, 1).unwrap();
    assert_eq!(
        records_of(&everything(&store)),
        records_of(&before),
        "one undo restores it all"
    );

    // Built-in entries are never dropped, and lists do not mix.
    let tong_ket = id_where(
        &store,
        "code-entries",
        &[("list", "event_kind".into()), ("code", "tong_ket".into())],
    );
    assert_eq!(
        records::merge_codes(&mut store, mine.id.unwrap(), tong_ket)
            .unwrap_err()
            .code(),
        "validation.builtin"
    );
    let unit_kind = add_entry(&mut store, CodeList::UnitKind, "Sơ kết 6 tháng");
    assert_eq!(
        records::merge_codes(&mut store, mine.id.unwrap(), unit_kind.id.unwrap())
            .unwrap_err()
            .code(),
        "validation.different_lists"
    );
}

#[test]
fn fixed_lists_are_refused_and_absent_from_the_catalogue() {
    let mut store = store();
    let before = everything(&store);
    let err = records::save(
        &mut store,
        &CodeEntry {
            list: CodeList::AwardStatus,
            label: "Đang xét".into(),
            ..CodeEntry::default()
        },
    )
    .unwrap_err();
    assert_eq!(err.code(), "validation.fixed_list");
    assert!(err.to_string().contains("Tình trạng khen thưởng"), "{err}");
    assert_eq!(everything(&store), before);
    let rows = list_all(&store, "code-entries");
    assert!(rows
        .iter()
        .all(|r| CodeList::from_code(&s(r, "list")).is_some_and(CodeList::editable)));
    for list in CodeList::editable_lists() {
        assert!(
            rows.iter()
                .any(|r| s(r, "list") == list.code() && s(r, "list_label") == list.label_vi()),
            "{list:?} has entries"
        );
    }
    // A hand-typed code must be a code.
    let err = records::save(
        &mut store,
        &CodeEntry {
            list: CodeList::Sector,
            code: "Ngành Tuyên giáo".into(),
            label: "Ngành Tuyên giáo".into(),
            ..CodeEntry::default()
        },
    )
    .unwrap_err();
    assert_eq!(err.code(), "validation.bad_code");
}

#[test]
fn a_form_leaving_the_code_empty_sends_null_and_gets_one_made() {
    let mut store = store();
    let saved = editing::save_json(
        &mut store,
        RecordKind::CodeEntry,
        json!({"list": "sector", "label": "Ngành Kiểm tra", "code": null, "retired": false, "note": null}),
    )
    .unwrap();
    assert_eq!(saved.fields()["code"], json!("nganh_kiem_tra"));
}
