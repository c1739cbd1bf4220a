//! Create, update, delete, restore and undo for every kind of record, through the one write path.

mod common;

use common::*;
use thidua_core::domain::*;
use thidua_core::services::{history, records};
use thidua_core::Store;

/// Runs the whole life of one record and checks each state, including undo of every step.
fn lifecycle<R>(store: &mut Store, record: R, change: impl Fn(&mut R))
where
    R: Record + PartialEq + Default + thidua_core::services::records::Validate,
{
    let start = everything(store);
    let created = records::save(store, &record).unwrap();
    let id = created.id().expect("an id after create");
    assert_eq!(store.get::<R>(id).unwrap().as_ref(), Some(&created));

    let mut edited = created.clone();
    change(&mut edited);
    let updated = records::save(store, &edited).unwrap();
    assert_eq!(store.get::<R>(id).unwrap().as_ref(), Some(&updated));
    assert_ne!(updated, created);

    let last = &history::history(store, 1).unwrap()[0];
    assert_eq!(last.action, "update");
    assert!(last.before.is_some() && last.after.is_some());

    // Cascade: a personnel change takes the position it opened with it.
    assert!(records::delete_cascade(store, R::KIND, id).unwrap() >= 1);
    assert_eq!(store.get::<R>(id).unwrap(), None);
    assert!(history::trash(store)
        .unwrap()
        .iter()
        .any(|t| t.kind == R::KIND && t.record_id == id));

    records::restore(store, R::KIND, id).unwrap();
    assert_eq!(store.get::<R>(id).unwrap().as_ref(), Some(&updated));

    // Undo restore, delete, update, create — back to the start.
    history::undo(store, 1).unwrap();
    assert_eq!(store.get::<R>(id).unwrap(), None, "undo restore");
    history::undo(store, 1).unwrap();
    assert_eq!(
        store.get::<R>(id).unwrap().as_ref(),
        Some(&updated),
        "undo delete"
    );
    history::undo(store, 1).unwrap();
    assert_eq!(
        store.get::<R>(id).unwrap().as_ref(),
        Some(&created),
        "undo update"
    );
    history::undo(store, 1).unwrap();
    assert_eq!(store.get::<R>(id).unwrap(), None, "undo create");
    // The records are as before (the audit log keeps the undone steps, marked).
    let mut after = transfer_without_audit(store);
    let mut before_v = records_of(&start);
    after.sort();
    before_v.sort();
    assert_eq!(after, before_v);
}

fn transfer_without_audit(store: &Store) -> Vec<String> {
    records_of(&everything(store))
}

fn unit(store: &mut Store, name: &str, province: &str) -> i64 {
    records::save(
        store,
        &Unit {
            kind: "btc_tinh_uy".into(),
            name: name.into(),
            province_id: Some(province.into()),
            ..Unit::default()
        },
    )
    .unwrap()
    .id
    .unwrap()
}

fn setup() -> (Store, i64, i64, i64, i64, i64) {
    let mut store = store();
    let u = unit(&mut store, "Ban Tổ chức Tỉnh ủy Bình Định", "binh_dinh");
    let c = records::save(
        &mut store,
        &Cluster {
            name: "Cụm thi đua số III".into(),
            sector: "to_chuc_xay_dung_dang".into(),
            ..Cluster::default()
        },
    )
    .unwrap()
    .id
    .unwrap();
    let e = records::save(
        &mut store,
        &Event {
            kind: "tong_ket".into(),
            name: "Hội nghị tổng kết 2023".into(),
            date_year: Some(2023),
            date_month: Some(12),
            date_day: Some(8),
            ..Event::default()
        },
    )
    .unwrap()
    .id
    .unwrap();
    let p = records::save(
        &mut store,
        &Person {
            full_name: "Nguyễn Giờ".into(),
            ..Person::default()
        },
    )
    .unwrap()
    .id
    .unwrap();
    let s = records::save(
        &mut store,
        &Source {
            title: "Bài viết".into(),
            body_text: Some("Nội dung".into()),
            ..Source::default()
        },
    )
    .unwrap()
    .id
    .unwrap();
    (store, u, c, e, p, s)
}

#[test]
fn every_kind_lives_and_undoes() {
    let (mut store, u, c, e, p, s) = setup();
    lifecycle(
        &mut store,
        Unit {
            kind: "btc_tinh_uy".into(),
            name: "Ban Tổ chức Tỉnh ủy Gia Lai".into(),
            province_id: Some("gia_lai".into()),
            ..Unit::default()
        },
        |r| r.short_name = Some("BTC Gia Lai".into()),
    );
    lifecycle(
        &mut store,
        Cluster {
            name: "Cụm thi đua số I".into(),
            sector: "to_chuc_xay_dung_dang".into(),
            ..Cluster::default()
        },
        |r| r.number = Some("I".into()),
    );
    lifecycle(
        &mut store,
        ClusterMember {
            cluster_id: c,
            unit_id: u,
            year: 2023,
            role: MemberRole::Member,
            ..ClusterMember::default()
        },
        |r| r.role = MemberRole::Deputy,
    );
    lifecycle(
        &mut store,
        Event {
            kind: "so_ket".into(),
            name: "Sơ kết 6 tháng".into(),
            date_year: Some(2023),
            date_month: Some(7),
            ..Event::default()
        },
        |r| r.date_day = Some(15),
    );
    lifecycle(
        &mut store,
        Participant {
            event_id: e,
            person_id: Some(p),
            title: Some("Trưởng Ban".into()),
            role: "du".into(),
            ..Participant::default()
        },
        |r| r.role = "phat_bieu".into(),
    );
    lifecycle(
        &mut store,
        Pledge {
            cluster_id: c,
            year: 2024,
            event_id: Some(e),
            ..Pledge::default()
        },
        |r| r.note = Some("ký tại hội nghị".into()),
    );
    let pledge = records::save(
        &mut store,
        &Pledge {
            cluster_id: c,
            year: 2025,
            ..Pledge::default()
        },
    )
    .unwrap()
    .id
    .unwrap();
    let u2 = unit(&mut store, "Ban Tổ chức Tỉnh ủy Quảng Trị", "quang_tri");
    lifecycle(
        &mut store,
        PledgeSignatory {
            id: None,
            pledge_id: pledge,
            unit_id: u,
        },
        move |r| r.unit_id = u2,
    );
    lifecycle(
        &mut store,
        Person {
            full_name: "Cao Hoàng Sơn".into(),
            ..Person::default()
        },
        |r| r.birth_year = Some(1970),
    );
    lifecycle(
        &mut store,
        Position {
            person_id: p,
            title: "Trưởng Ban Tổ chức Tỉnh ủy".into(),
            unit_id: Some(u),
            from_date: Some("2020-10-01".into()),
            ..Position::default()
        },
        |r| r.to_date = Some("2025-06-30".into()),
    );
    lifecycle(
        &mut store,
        PersonnelChange {
            kind: "bo_nhiem".into(),
            person_id: p,
            to_title: Some("Trưởng Ban".into()),
            decision_number: Some("123-QĐ/TU".into()),
            decision_date: Some("2023-03-01".into()),
            ..PersonnelChange::default()
        },
        |r| r.legal_basis = Some("Quy định 80-QĐ/TW".into()),
    );
    lifecycle(
        &mut store,
        AwardForm {
            code: "bang_khen_tinh_uy".into(),
            name: "Bằng khen của Tỉnh ủy".into(),
            recipient_kinds: "tap_the,ca_nhan".into(),
            ..AwardForm::default()
        },
        |r| r.note = Some("mới".into()),
    );
    lifecycle(
        &mut store,
        Award {
            form_id: 1,
            recipient_kind: RecipientKind::Collective,
            recipient_unit_id: Some(u),
            achievement_year: Some(2023),
            status: AwardStatus::Proposed,
            proposed_at_event_id: Some(e),
            ..Award::default()
        },
        |r| {
            r.status = AwardStatus::Decided;
            r.decision_number = Some("219-QĐ/BTCTW".into());
            r.decision_date = Some("2024-01-15".into());
            r.decision_signer = Some("Trưởng Ban Tổ chức Trung ương".into());
        },
    );
    lifecycle(
        &mut store,
        Indicator {
            code: "hoc_vien".into(),
            label: "Học viên tốt nghiệp".into(),
            aggregation: Aggregation::Sum,
            ..Indicator::default()
        },
        |r| r.unit_label = Some("người".into()),
    );
    lifecycle(
        &mut store,
        Figure {
            indicator_id: 1,
            scope_unit_id: Some(u),
            period_kind: PeriodKind::Year,
            period_year: Some(2023),
            value: Some(1666.0),
            ..Figure::default()
        },
        |r| r.target = Some(1500.0),
    );
    lifecycle(
        &mut store,
        Source {
            title: "Bài khác".into(),
            ..Source::default()
        },
        |r| r.author = Some("Thiên Trúc".into()),
    );
    lifecycle(
        &mut store,
        Citation {
            record_kind: RecordKind::Unit,
            record_id: u,
            source_id: s,
            passage: "Nội dung".into(),
            ..Citation::default()
        },
        |r| r.char_start = Some(0),
    );
}

#[test]
fn text_is_stored_nfc_and_trimmed() {
    let mut store = store();
    let decomposed = "  Ban To\u{0302}\u{0309} chu\u{031b}\u{0301}c   Ti\u{0309}nh u\u{0309}y  ";
    let saved = records::save(
        &mut store,
        &Unit {
            kind: "btc_tinh_uy".into(),
            name: decomposed.into(),
            ..Unit::default()
        },
    )
    .unwrap();
    assert_eq!(saved.name, "Ban Tổ chức Tỉnh ủy");
    let id = saved.id.unwrap();
    assert_eq!(
        store.get::<Unit>(id).unwrap().unwrap().name,
        "Ban Tổ chức Tỉnh ủy"
    );
}

#[test]
fn one_action_is_one_undo_step() {
    let mut store = demo_store();
    let before = list(&store, "events", None).len();
    // The last sample article was loaded as one step: one undo removes all of it.
    history::undo(&mut store, 1).unwrap();
    assert_eq!(list(&store, "events", None).len(), before - 1);
    assert!(list(&store, "awards", None).is_empty());
    assert!(list(&store, "members", Some(2024)).is_empty());
}

#[test]
fn people_sort_by_given_name_in_vietnamese_order() {
    let store = demo_store();
    let names: Vec<String> = list(&store, "people", None)
        .iter()
        .map(|r| s(r, "given_name"))
        .collect();
    assert_eq!(
        names,
        vec![
            "Bình",
            "Chín",
            "Dũng",
            "Đức",
            "Giờ",
            "Hải",
            "Huy",
            "Phượng",
            "Sơn",
            "Tuấn",
            "Tùng",
            "Vân"
        ]
    );
}

#[test]
fn a_personnel_change_moves_the_position_history() {
    let (mut store, u, ..) = setup();
    let p = records::save(
        &mut store,
        &Person {
            full_name: "Lữ Ngọc Bình".into(),
            ..Person::default()
        },
    )
    .unwrap()
    .id
    .unwrap();
    records::save(
        &mut store,
        &PersonnelChange {
            kind: "bo_nhiem".into(),
            person_id: p,
            to_title: Some("Phó Trưởng Ban Tổ chức Tỉnh ủy".into()),
            to_unit_id: Some(u),
            decision_number: Some("45-QĐ/TU".into()),
            decision_date: Some("2020-05-01".into()),
            ..PersonnelChange::default()
        },
    )
    .unwrap();
    records::save(
        &mut store,
        &PersonnelChange {
            kind: "bo_nhiem".into(),
            person_id: p,
            from_title: Some("Phó Trưởng Ban Tổ chức Tỉnh ủy".into()),
            to_title: Some("Trưởng Ban Tổ chức Tỉnh ủy".into()),
            to_unit_id: Some(u),
            decision_number: Some("219-QĐ/TU".into()),
            decision_date: Some("2022-03-10".into()),
            effective_date: Some("2022-03-15".into()),
            ..PersonnelChange::default()
        },
    )
    .unwrap();
    let timeline = thidua_core::storage::queries::person_positions(store.db(), p).unwrap();
    let t: Vec<(String, String, String)> = timeline
        .iter()
        .map(|r| {
            (
                r.title.clone(),
                r.from_date.clone().unwrap_or_default(),
                r.to_date.clone().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        t,
        vec![
            (
                "Trưởng Ban Tổ chức Tỉnh ủy".to_string(),
                "2022-03-15".to_string(),
                String::new()
            ),
            (
                "Phó Trưởng Ban Tổ chức Tỉnh ủy".to_string(),
                "2020-05-01".to_string(),
                "2022-03-15".to_string()
            ),
        ]
    );
    // Retirement ends the open post; undo brings it back in one step.
    records::save(
        &mut store,
        &PersonnelChange {
            kind: "nghi_huu".into(),
            person_id: p,
            effective_date: Some("2025-01-01".into()),
            ..PersonnelChange::default()
        },
    )
    .unwrap();
    let open = |store: &Store| {
        thidua_core::storage::queries::open_positions(store.db(), p)
            .unwrap()
            .len()
    };
    assert_eq!(open(&store), 0);
    history::undo(&mut store, 1).unwrap();
    assert_eq!(open(&store), 1);
}
