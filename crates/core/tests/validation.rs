//! Every validation rule: a clear Vietnamese message with a stable code, and nothing written.

mod common;

use common::*;
use thidua_core::domain::*;
use thidua_core::services::records::{self, RecordError, Validate};
use thidua_core::Store;

fn rejects<R: Validate + Default>(store: &mut Store, record: R, code: &str) -> String {
    let before = everything(store);
    let err = records::save(store, &record).expect_err("should be rejected");
    assert_eq!(err.code(), code, "{err}");
    assert_eq!(
        everything(store),
        before,
        "a rejected write changed something"
    );
    let message = err.to_string();
    assert!(
        !message.is_empty() && !message.contains("Error"),
        "{message}"
    );
    message
}

fn ids(store: &Store) -> (i64, i64, i64) {
    let unit = |name: &str| unit_id(store, name);
    let cluster = cluster_id(store, "Cụm thi đua số III");
    (
        unit("Ban Tổ chức Tỉnh ủy Bình Định"),
        unit("Ban Tổ chức Tỉnh ủy Khánh Hòa"),
        cluster,
    )
}

#[test]
fn unknown_province() {
    let mut store = store();
    let m = rejects(
        &mut store,
        Unit {
            kind: "btc_tinh_uy".into(),
            name: "Ban Tổ chức Tỉnh ủy X".into(),
            province_id: Some("atlantis".into()),
            ..Unit::default()
        },
        "validation.unknown_province",
    );
    assert!(m.contains("tỉnh, thành phố"));
}

#[test]
fn unknown_unit() {
    let mut store = demo_store();
    let (_, _, cluster) = ids(&store);
    rejects(
        &mut store,
        ClusterMember {
            cluster_id: cluster,
            unit_id: 99_999,
            year: 2024,
            role: MemberRole::Member,
            ..ClusterMember::default()
        },
        "validation.unknown_unit",
    );
}

#[test]
fn year_out_of_range() {
    let mut store = demo_store();
    let (bd, _, cluster) = ids(&store);
    for y in [1800, 2999] {
        let m = rejects(
            &mut store,
            ClusterMember {
                cluster_id: cluster,
                unit_id: bd,
                year: y,
                role: MemberRole::Member,
                ..ClusterMember::default()
            },
            "validation.year_out_of_range",
        );
        assert!(m.contains(&y.to_string()));
    }
}

#[test]
fn decision_dated_before_its_proposal() {
    let mut store = demo_store();
    let (_, kh, _) = ids(&store);
    let mut award: Award = store.get(1).unwrap().unwrap();
    assert_eq!(award.recipient_unit_id, Some(kh));
    award.status = AwardStatus::Decided;
    award.decision_number = Some("12-QĐ/BTCTW".into());
    award.decision_date = Some("2023-11-30".into());
    let m = rejects(
        &mut store,
        award.clone(),
        "validation.decision_before_proposal",
    );
    assert!(m.contains("30/11/2023") && m.contains("08/12/2023"), "{m}");
    award.decision_date = Some("2024-01-10".into());
    records::save(&mut store, &award).unwrap();
}

#[test]
fn negative_counts() {
    let mut store = demo_store();
    rejects(
        &mut store,
        Award {
            form_id: 2,
            recipient_kind: RecipientKind::Collective,
            recipient_count: Some(-5),
            status: AwardStatus::Proposed,
            ..Award::default()
        },
        "validation.negative",
    );
    rejects(
        &mut store,
        Figure {
            indicator_id: 1,
            period_kind: PeriodKind::Year,
            period_year: Some(2023),
            value: Some(-1.0),
            scope_label: Some("toàn tỉnh".into()),
            ..Figure::default()
        },
        "validation.negative",
    );
}

#[test]
fn a_unit_in_two_clusters_of_one_sector_in_a_year() {
    let mut store = demo_store();
    let (bd, _, _) = ids(&store);
    let other = records::save(
        &mut store,
        &Cluster {
            name: "Cụm thi đua số IV".into(),
            sector: "to_chuc_xay_dung_dang".into(),
            ..Cluster::default()
        },
    )
    .unwrap()
    .id
    .unwrap();
    let m = rejects(
        &mut store,
        ClusterMember {
            cluster_id: other,
            unit_id: bd,
            year: 2023,
            role: MemberRole::Member,
            ..ClusterMember::default()
        },
        "validation.unit_in_two_clusters",
    );
    assert!(m.contains("Cụm thi đua số III"), "{m}");
    // Another year is fine.
    records::save(
        &mut store,
        &ClusterMember {
            cluster_id: other,
            unit_id: bd,
            year: 2026,
            role: MemberRole::Member,
            ..ClusterMember::default()
        },
    )
    .unwrap();
}

#[test]
fn duplicates() {
    let mut store = demo_store();
    let (bd, _, cluster) = ids(&store);
    rejects(
        &mut store,
        ClusterMember {
            cluster_id: cluster,
            unit_id: bd,
            year: 2023,
            role: MemberRole::Member,
            ..ClusterMember::default()
        },
        "validation.duplicate",
    );
    rejects(
        &mut store,
        Cluster {
            name: "Cụm thi đua số III".into(),
            sector: "to_chuc_xay_dung_dang".into(),
            ..Cluster::default()
        },
        "validation.duplicate",
    );
    rejects(
        &mut store,
        Unit {
            kind: "btc_tinh_uy".into(),
            name: "Ban Tổ chức Tỉnh ủy Bình Định".into(),
            province_id: Some("binh_dinh".into()),
            ..Unit::default()
        },
        "validation.duplicate",
    );
    rejects(
        &mut store,
        Pledge {
            cluster_id: cluster,
            year: 2024,
            ..Pledge::default()
        },
        "validation.duplicate",
    );
}

#[test]
fn two_leaders_in_one_year() {
    let mut store = demo_store();
    let (_, kh, cluster) = ids(&store);
    let id = id_where(
        &store,
        "members",
        &[("unit_id", kh.into()), ("year", 2024.into())],
    );
    let mut m: ClusterMember = store.get(id).unwrap().unwrap();
    assert_eq!(m.cluster_id, cluster);
    m.role = MemberRole::Leader;
    let msg = rejects(&mut store, m, "validation.two_leaders");
    assert!(msg.contains("Quảng Trị"));
}

#[test]
fn required_fields_and_bad_dates() {
    let mut store = store();
    rejects(
        &mut store,
        Person {
            full_name: "   ".into(),
            ..Person::default()
        },
        "validation.required",
    );
    rejects(
        &mut store,
        Event {
            kind: "so_ket".into(),
            name: "Sơ kết".into(),
            date_year: Some(2023),
            date_month: Some(2),
            date_day: Some(30),
            ..Event::default()
        },
        "validation.bad_date",
    );
    rejects(
        &mut store,
        Event {
            kind: "khong_co".into(),
            name: "Sơ kết".into(),
            ..Event::default()
        },
        "validation.unknown_code",
    );
}

#[test]
fn errors_reach_users_with_code_and_field() {
    let mut store = store();
    let err = records::save(
        &mut store,
        &Person {
            full_name: "".into(),
            ..Person::default()
        },
    )
    .unwrap_err();
    assert!(matches!(err, RecordError::Invalid { .. }));
    let user: thidua_core::UserError = err.into();
    assert_eq!(user.code, "validation.required");
    assert_eq!(user.field.as_deref(), Some("full_name"));
    assert_eq!(user.message, "Chưa nhập họ và tên.");
}

fn figure() -> Figure {
    Figure {
        indicator_id: 1,
        period_kind: PeriodKind::Year,
        period_year: Some(2019),
        scope_label: Some("toàn tỉnh (kiểm tra)".into()),
        ..Figure::default()
    }
}

#[test]
fn the_wider_figure_fields_have_their_rules() {
    let mut store = demo_store();
    // A quota alone is a figure; a target of 0 is not.
    let quota = Figure {
        target: Some(2000.0),
        ..figure()
    };
    records::save(&mut store, &quota).unwrap();
    rejects(
        &mut store,
        Figure {
            target: Some(0.0),
            scope_label: Some("khác".into()),
            ..figure()
        },
        "validation.zero_target",
    );
    // Nothing at all is refused.
    rejects(
        &mut store,
        Figure {
            scope_label: Some("trống".into()),
            ..figure()
        },
        "validation.required",
    );
    // Changes are signed: a fall is allowed, a negative count is not.
    records::save(
        &mut store,
        &Figure {
            value: Some(412.0),
            change_pct: Some(-12.5),
            compared_with: Some("cùng kỳ năm trước".into()),
            scope_label: Some("giảm".into()),
            ..figure()
        },
    )
    .unwrap();
    rejects(
        &mut store,
        Figure {
            denominator: Some(-3.0),
            scope_label: Some("âm".into()),
            ..figure()
        },
        "validation.negative",
    );
    // Quarters are 1–4; a span ends after it starts.
    rejects(
        &mut store,
        Figure {
            value: Some(1.0),
            period_kind: PeriodKind::Quarter,
            period_quarter: Some(5),
            ..figure()
        },
        "validation.bad_period",
    );
    rejects(
        &mut store,
        Figure {
            value: Some(1.0),
            period_kind: PeriodKind::Span,
            period_end_year: Some(2018),
            ..figure()
        },
        "validation.bad_period",
    );
    // A sub-count's parent must exist.
    rejects(
        &mut store,
        Figure {
            value: Some(201.0),
            parent_id: Some(99_999),
            ..figure()
        },
        "validation.unknown_reference",
    );
    // The year may be unknown.
    records::save(
        &mut store,
        &Figure {
            value: Some(187.0),
            period_kind: PeriodKind::Months,
            period_months: Some(3),
            period_year: None,
            ..figure()
        },
    )
    .unwrap();
}

#[test]
fn documents_results_and_partial_event_dates() {
    let mut store = demo_store();
    rejects(&mut store, Document::default(), "validation.required");
    rejects(
        &mut store,
        Document {
            number: Some("41-QĐ/TW".into()),
            kind: Some("khong_co".into()),
            ..Document::default()
        },
        "validation.unknown_code",
    );
    rejects(
        &mut store,
        Document {
            number: Some("41-QĐ/TW".into()),
            date: Some("2021-13".into()),
            ..Document::default()
        },
        "validation.bad_date",
    );
    records::save(
        &mut store,
        &Document {
            number: Some("41-QĐ/TW".into()),
            kind: Some("quy_dinh".into()),
            date: Some("2021-11".into()),
            ..Document::default()
        },
    )
    .unwrap();
    let (bd, _, cluster) = ids(&store);
    rejects(
        &mut store,
        EmulationResult {
            cluster_id: Some(cluster),
            unit_id: bd,
            year: 2023,
            rank: Some(0),
            ..EmulationResult::default()
        },
        "validation.bad_rank",
    );
    records::save(
        &mut store,
        &EmulationResult {
            cluster_id: Some(cluster),
            unit_id: bd,
            year: 2023,
            rank: Some(2),
            classification: Some("hoàn thành xuất sắc nhiệm vụ".into()),
            leading: true,
            ..EmulationResult::default()
        },
    )
    .unwrap();
    // Known by day and month only: kept, and the day must exist.
    records::save(
        &mut store,
        &Event {
            kind: "so_ket".into(),
            name: "Hội nghị sơ kết (không rõ năm)".into(),
            date_month: Some(7),
            date_day: Some(15),
            ..Event::default()
        },
    )
    .unwrap();
    rejects(
        &mut store,
        Event {
            kind: "so_ket".into(),
            name: "Ngày không có".into(),
            date_month: Some(2),
            date_day: Some(30),
            ..Event::default()
        },
        "validation.bad_date",
    );
}

#[test]
fn a_unit_may_be_in_one_cluster_of_each_kind_in_a_year() {
    let mut store = demo_store();
    let (bd, _, _) = ids(&store);
    let bloc = records::save(
        &mut store,
        &Cluster {
            name: "Khối thi đua các cơ quan Đảng tỉnh Bình Định".into(),
            sector: "to_chuc_xay_dung_dang".into(),
            kind: "khoi_ban_dang".into(),
            province_id: Some("binh_dinh".into()),
            ..Cluster::default()
        },
    )
    .unwrap();
    records::save(
        &mut store,
        &ClusterMember {
            cluster_id: bloc.id.unwrap(),
            unit_id: bd,
            year: 2023,
            ..ClusterMember::default()
        },
    )
    .unwrap();
}
