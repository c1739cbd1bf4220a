//! The screens' operations: saving records given as JSON, electing leaders, deciding several
//! award proposals at once, the overview of a year and a person's page.

mod common;

use common::*;
use serde_json::json;
use thidua_core::domain::{AwardStatus, RecordKind};
use thidua_core::services::editing::{self, AwardDecision, Election};
use thidua_core::services::{history, overview};

#[test]
fn save_json_creates_updates_and_reports_field_errors() {
    let mut store = store();
    let saved = editing::save_json(
        &mut store,
        RecordKind::Cluster,
        json!({"name": "Cụm thi đua số V", "sector": "to_chuc_xay_dung_dang"}),
    )
    .unwrap();
    let id = saved.id().unwrap();
    let mut edited = editing::get(&store, RecordKind::Cluster, id)
        .unwrap()
        .fields();
    edited["region"] = json!("Tây Nam Bộ");
    editing::save_json(&mut store, RecordKind::Cluster, edited).unwrap();
    assert_eq!(
        editing::get(&store, RecordKind::Cluster, id)
            .unwrap()
            .fields()["region"],
        "Tây Nam Bộ"
    );

    let err = editing::save_json(&mut store, RecordKind::Event, json!({"kind": "so_ket", "name": "Sơ kết", "date_year": 2023, "date_month": 2, "date_day": 30})).unwrap_err();
    let user: thidua_core::UserError = err.into();
    assert_eq!(user.code, "validation.bad_date");
    assert_eq!(user.field.as_deref(), Some("date"));
    assert_eq!(user.message, "Tháng 2/2023 không có ngày 30.");

    let err = editing::save_json(&mut store, RecordKind::Cluster, json!({"name": 5})).unwrap_err();
    assert_eq!(err.code(), "validation.shape");
}

#[test]
fn electing_replaces_the_years_leader_and_deputies_in_one_step() {
    let mut store = demo_store();
    let cluster = cluster_id(&store, "Cụm thi đua số III");
    let kh = unit_id(&store, "Ban Tổ chức Tỉnh ủy Khánh Hòa");
    let gl = unit_id(&store, "Ban Tổ chức Tỉnh ủy Gia Lai");
    let qt = unit_id(&store, "Ban Tổ chức Tỉnh ủy Quảng Trị");
    editing::elect(
        &mut store,
        &Election {
            cluster_id: cluster,
            year: 2024,
            leader_unit_id: Some(kh),
            deputy_unit_ids: vec![gl, qt],
            event_id: None,
        },
    )
    .unwrap();
    let roles = |store: &thidua_core::Store| {
        let mut r: Vec<(String, String)> = list(store, "members", Some(2024))
            .iter()
            .filter(|m| s(m, "role") != "thanh_vien")
            .map(|m| (s(m, "province"), s(m, "role_label")))
            .collect();
        r.sort();
        r
    };
    assert_eq!(
        roles(&store),
        vec![
            ("Gia Lai".to_string(), "Cụm phó".to_string()),
            ("Khánh Hòa".into(), "Cụm trưởng".into()),
            ("Quảng Trị".into(), "Cụm phó".into()),
        ]
    );
    history::undo(&mut store, 1).unwrap();
    assert_eq!(
        roles(&store)[0],
        ("Bình Định".to_string(), "Cụm phó".to_string())
    );
    let err = editing::elect(
        &mut store,
        &Election {
            cluster_id: cluster,
            year: 2024,
            leader_unit_id: Some(kh),
            deputy_unit_ids: vec![kh],
            event_id: None,
        },
    )
    .unwrap_err();
    assert_eq!(err.code(), "validation.leader_is_deputy");
}

#[test]
fn deciding_several_proposals_is_all_or_nothing() {
    let mut store = demo_store();
    let ids: Vec<i64> = list(&store, "awards", None)
        .iter()
        .map(|a| a["id"].as_i64().unwrap())
        .collect();
    let before = everything(&store);
    let bad = AwardDecision {
        award_ids: ids.clone(),
        status: AwardStatus::Decided,
        decision_number: Some("5-QĐ/BTCTW".into()),
        decision_date: Some("2023-12-01".into()),
        decision_signer: None,
    };
    assert_eq!(
        editing::decide_awards(&mut store, &bad).unwrap_err().code(),
        "validation.decision_before_proposal"
    );
    assert_eq!(everything(&store), before);
    let good = AwardDecision {
        decision_date: Some("2024-01-20".into()),
        ..bad
    };
    editing::decide_awards(&mut store, &good).unwrap();
    assert!(list(&store, "awards", None)
        .iter()
        .all(|a| s(a, "status") == "da_quyet_dinh" && s(a, "decision_number") == "5-QĐ/BTCTW"));
}

#[test]
fn overview_of_a_year() {
    let store = demo_store();
    let o = overview::overview(&store, 2024).unwrap();
    assert_eq!(o.clusters.len(), 1);
    assert_eq!(
        o.clusters[0].leader.as_deref(),
        Some("Ban Tổ chức Tỉnh ủy Quảng Trị")
    );
    assert_eq!(o.clusters[0].deputies.len(), 3);
    let o = overview::overview(&store, 2023).unwrap();
    assert_eq!(
        o.awards.iter().find(|a| a.code == "de_nghi").unwrap().count,
        3
    );
    assert!(o.figures.iter().any(|f| f.value == Some(20777.0)));
    // 2022 → 2023 for the same scope is not recorded in the samples: no change is invented.
    assert!(o.figures.iter().all(|f| f.change.is_none()));
    assert_eq!(
        overview::series(&store, "ket_nap_dang_vien").unwrap().len(),
        2
    );
    assert_eq!(overview::years(&store).unwrap()[0], 2024);
}

#[test]
fn year_on_year_change_of_a_figure() {
    let mut store = demo_store();
    let kn = id_where(
        &store,
        "indicators",
        &[("code", "ket_nap_dang_vien".into())],
    );
    let scope = unit_id(&store, "Đảng bộ tỉnh Quảng Ngãi");
    editing::save_json(&mut store, RecordKind::Figure, json!({"indicator_id": kn, "scope_unit_id": scope, "period_kind": "year", "period_year": 2021, "value": 1148.0})).unwrap();
    let o = overview::overview(&store, 2022).unwrap();
    let f = o
        .figures
        .iter()
        .find(|f| f.indicator_code == "ket_nap_dang_vien")
        .unwrap();
    assert_eq!(
        (f.value, f.previous, f.change),
        (Some(1666.0), Some(1148.0), Some(518.0))
    );
}

#[test]
fn person_page_shows_positions_changes_and_events() {
    let mut store = demo_store();
    let p = id_where(&store, "people", &[("full_name", "Võ Hồng Hải".into())]);
    editing::save_json(&mut store, RecordKind::PersonnelChange, json!({"kind": "dieu_dong", "person_id": p, "to_title": "Phó Bí thư Tỉnh ủy", "decision_number": "10-QĐ/TW", "decision_date": "2025-09-01"})).unwrap();
    let page = editing::person_page(&store, p).unwrap();
    assert_eq!(page.positions.len(), 1);
    assert_eq!(page.changes.len(), 1);
    assert_eq!(
        page.events.len(),
        2,
        "chủ trì and kết luận at the 2023 sơ kết"
    );
    assert_eq!(
        editing::options(&store, "person").unwrap()[0].label,
        "Lữ Ngọc Bình"
    );
}
