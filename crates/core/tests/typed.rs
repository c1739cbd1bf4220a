//! Records are typed from input to column: unknown fields are refused, every struct field is a
//! column (and every column a field), fixed lists are enums; renames reach every search document
//! that shows the name; deleting a referenced record is refused or cascades, and undo brings it
//! all back; whole words rank above prefixes.

mod common;

use common::*;
use serde_json::json;
use thidua_core::domain::*;
use thidua_core::services::search::search;
use thidua_core::services::{editing, history, records};

#[test]
fn a_field_the_kind_does_not_have_is_refused_by_name() {
    let mut store = store();
    let before = everything(&store);
    for (kind, value, field) in [
        (
            RecordKind::Unit,
            json!({"kind": "btc_tinh_uy", "name": "X", "provnce_id": "binh_dinh"}),
            "provnce_id",
        ),
        (
            RecordKind::Cluster,
            json!({"name": "Cụm V", "sector": "to_chuc_xay_dung_dang", "deleted_at": null}),
            "deleted_at",
        ),
        (
            RecordKind::Award,
            json!({"form_id": 1, "recipient_kind": "tap_the", "status": "de_nghi", "recipient_count": 5, "year": 2023}),
            "year",
        ),
    ] {
        let err = editing::save_json(&mut store, kind, value).unwrap_err();
        let user: thidua_core::UserError = err.into();
        assert_eq!(user.code, "validation.unknown_field", "{kind:?}");
        assert_eq!(user.field.as_deref(), Some(field));
        assert!(user.message.contains(field), "{}", user.message);
    }
    // A label where a code belongs is refused too (fixed lists are enums).
    let err = editing::save_json(
        &mut store,
        RecordKind::Award,
        json!({"form_id": 1, "recipient_kind": "Tập thể", "status": "de_nghi", "recipient_count": 5}),
    )
    .unwrap_err();
    assert_eq!(err.code(), "validation.not_in_list");
    assert_eq!(everything(&store), before, "nothing written");
}

#[test]
fn every_struct_field_is_a_column_and_every_column_a_field() {
    let store = store();
    let export = thidua_core::services::transfer::export(&store).unwrap();
    let _ = export;
    for kind in RecordKind::ALL {
        let mut fields = field_names(kind);
        fields.retain(|f| f != "id");
        fields.sort();
        let mut columns = thidua_core::storage::columns_of(&store, kind);
        columns.retain(|c| c != "deleted_at");
        columns.sort();
        assert_eq!(fields, columns, "{kind:?}: struct fields ≠ table columns");
    }
}

#[test]
fn same_keys_name_fields_of_their_record() {
    fn check<R: Record + Default>() {
        let fields = field_names(R::KIND);
        for k in R::SAME_KEY {
            assert!(fields.iter().any(|f| f == k), "{:?}.{k}", R::KIND);
        }
    }
    check::<Unit>();
    check::<Cluster>();
    check::<ClusterMember>();
    check::<Event>();
    check::<Participant>();
    check::<Pledge>();
    check::<PledgeSignatory>();
    check::<Person>();
    check::<PersonnelChange>();
    check::<AwardForm>();
    check::<Award>();
    check::<Indicator>();
    check::<Figure>();
    check::<Citation>();
}

#[test]
fn fixed_lists_match_their_code_list_labels() {
    let store = store();
    let check = |list: &str, all: Vec<(&str, &str)>| {
        let codes = editing::codes(&store, list).unwrap();
        for (code, label) in all {
            let found = codes.iter().find(|c| c.id == code);
            assert_eq!(
                found.map(|c| c.label.as_str()),
                Some(label),
                "{list}.{code}"
            );
        }
    };
    check(
        MemberRole::LIST,
        MemberRole::ALL
            .iter()
            .map(|v| (v.code(), v.label_vi()))
            .collect(),
    );
    check(
        AwardStatus::LIST,
        AwardStatus::ALL
            .iter()
            .map(|v| (v.code(), v.label_vi()))
            .collect(),
    );
    check(
        RecipientKind::LIST,
        RecipientKind::ALL
            .iter()
            .map(|v| (v.code(), v.label_vi()))
            .collect(),
    );
    check(
        PeriodKind::LIST,
        PeriodKind::ALL
            .iter()
            .map(|v| (v.code(), v.label_vi()))
            .collect(),
    );
    check(
        Aggregation::LIST,
        Aggregation::ALL
            .iter()
            .map(|v| (v.code(), v.label_vi()))
            .collect(),
    );
    check(
        Gender::LIST,
        Gender::ALL
            .iter()
            .map(|v| (v.code(), v.label_vi()))
            .collect(),
    );
}

fn hit_titles(store: &thidua_core::Store, q: &str) -> Vec<(RecordKind, String)> {
    search(store, q, 200)
        .unwrap()
        .into_iter()
        .map(|h| (h.kind, h.title))
        .collect()
}

#[test]
fn renaming_a_unit_reindexes_its_memberships_and_awards_in_one_step() {
    let mut store = demo_store();
    let kh = unit_id(&store, "Ban Tổ chức Tỉnh ủy Khánh Hòa");
    let old: Vec<_> = hit_titles(&store, "Khánh Hòa");
    assert!(old.iter().any(|(k, _)| *k == RecordKind::ClusterMember));
    assert!(old.iter().any(|(k, _)| *k == RecordKind::Award));

    let mut unit: Unit = store.get(kh).unwrap().unwrap();
    unit.name = "Ban Tổ chức Tỉnh ủy Xứ Trầm Hương".into();
    records::save(&mut store, &unit).unwrap();

    let new = hit_titles(&store, "xu tram huong");
    for kind in [
        RecordKind::Unit,
        RecordKind::ClusterMember,
        RecordKind::Award,
    ] {
        assert!(
            new.iter()
                .any(|(k, t)| *k == kind && t.contains("Xứ Trầm Hương")),
            "{kind:?} not found under the new name: {new:?}"
        );
    }
    let stale: Vec<_> = hit_titles(&store, "Ban Tổ chức Tỉnh ủy Khánh Hòa")
        .into_iter()
        .filter(|(k, t)| {
            matches!(k, RecordKind::ClusterMember | RecordKind::Award)
                && t.contains("Ban Tổ chức Tỉnh ủy Khánh Hòa")
        })
        .collect();
    assert!(stale.is_empty(), "old name still indexed: {stale:?}");

    // One undo step brings back the old name everywhere.
    history::undo(&mut store, 1).unwrap();
    assert!(hit_titles(&store, "xu tram huong").is_empty());
    let back = hit_titles(&store, "Ban Tổ chức Tỉnh ủy Khánh Hòa");
    assert!(back
        .iter()
        .any(|(k, t)| *k == RecordKind::Award && t.contains("Khánh Hòa")));
}

#[test]
fn deleting_a_referenced_unit_is_refused_or_cascades_and_undo_restores_all() {
    let mut store = demo_store();
    let kh = unit_id(&store, "Ban Tổ chức Tỉnh ủy Khánh Hòa");
    let before = everything(&store);
    let err = records::delete(&mut store, RecordKind::Unit, kh).unwrap_err();
    assert_eq!(err.code(), "validation.referenced");
    let message = err.to_string();
    assert!(message.contains("Thành viên cụm"), "{message}");
    assert!(message.contains("Khen thưởng"), "{message}");
    assert_eq!(
        everything(&store),
        before,
        "a refused delete writes nothing"
    );

    let members_before = list(&store, "members", None).len();
    let awards_before = list(&store, "awards", None).len();
    let removed = records::delete_cascade(&mut store, RecordKind::Unit, kh).unwrap();
    assert!(removed >= 3, "{removed}");
    // No list shows a reference to the deleted unit.
    assert!(list(&store, "members", None)
        .iter()
        .all(|m| m["unit_id"] != kh));
    assert!(list(&store, "awards", None)
        .iter()
        .all(|a| a["recipient_unit_id"] != kh));
    assert!(list(&store, "members", None).len() < members_before);
    assert!(list(&store, "awards", None).len() < awards_before);
    assert!(search(&store, "khanh hoa", 50)
        .unwrap()
        .iter()
        .all(|h| !h.title.contains("Ban Tổ chức Tỉnh ủy Khánh Hòa")));

    history::undo(&mut store, 1).unwrap();
    assert_eq!(list(&store, "members", None).len(), members_before);
    assert_eq!(list(&store, "awards", None).len(), awards_before);
    let mut a = records_of(&before);
    let mut b = records_of(&everything(&store));
    a.sort();
    b.sort();
    assert_eq!(a, b, "undo brings every record back");
    assert!(search(&store, "khanh hoa", 50)
        .unwrap()
        .iter()
        .any(|h| h.title == "Ban Tổ chức Tỉnh ủy Khánh Hòa"));
}

#[test]
fn whole_words_rank_above_prefixes() {
    let mut store = store();
    // An article that mentions "Khánh" and a "Hoàng" (a prefix of "hoa"), but not Khánh Hòa.
    records::save(
        &mut store,
        &Source {
            title: "Đồng chí Hoàng Văn Khánh nhận nhiệm vụ mới".into(),
            body_text: Some("Khánh Hoàng, Hoàng Khánh".into()),
            ..Source::default()
        },
    )
    .unwrap();
    records::save(
        &mut store,
        &Unit {
            kind: "btc_tinh_uy".into(),
            name: "Ban Tổ chức Tỉnh ủy Khánh Hòa".into(),
            province_id: Some("khanh_hoa".into()),
            ..Unit::default()
        },
    )
    .unwrap();
    let hits = search(&store, "khanh hoa", 10).unwrap();
    assert_eq!(hits[0].title, "Ban Tổ chức Tỉnh ủy Khánh Hòa", "{hits:?}");
}

#[test]
fn lists_carry_codes_beside_labels() {
    let store = demo_store();
    let members = list(&store, "members", Some(2024));
    let leader = members.iter().find(|m| m["role"] == "cum_truong").unwrap();
    assert_eq!(leader["role_label"], "Cụm trưởng");
    assert!(leader["cluster_id"].is_i64() && leader["unit_id"].is_i64());
    let awards = list(&store, "awards", None);
    assert!(awards
        .iter()
        .all(|a| a["status"] == "de_nghi" && a["status_label"] == "Đề nghị"));
    let figures = list(&store, "figures", None);
    assert!(figures
        .iter()
        .all(|f| PeriodKind::from_code(f["period_kind"].as_str().unwrap()).is_some()));
}

#[test]
fn the_chart_has_one_series_per_scope_never_a_sum() {
    let store = demo_store();
    let series = thidua_core::services::overview::series(&store, "ket_nap_dang_vien").unwrap();
    let scopes: Vec<&str> = series.iter().map(|s| s.scope.as_str()).collect();
    assert!(scopes.contains(&"Cụm thi đua số III"), "{scopes:?}");
    assert!(scopes.contains(&"Đảng bộ tỉnh Quảng Ngãi"), "{scopes:?}");
    let cluster = series
        .iter()
        .find(|s| s.scope == "Cụm thi đua số III")
        .unwrap();
    assert_eq!(cluster.points.len(), 1);
    assert_eq!(
        (cluster.points[0].year, cluster.points[0].value),
        (2023, 20777.0)
    );
    let province = series
        .iter()
        .find(|s| s.scope == "Đảng bộ tỉnh Quảng Ngãi")
        .unwrap();
    assert_eq!(
        (province.points[0].year, province.points[0].value),
        (2022, 1666.0)
    );
    let keys: std::collections::HashSet<_> = series.iter().map(|s| &s.scope_key).collect();
    assert_eq!(keys.len(), series.len(), "one series per scope");
}

#[test]
fn a_write_reports_the_kinds_it_changed() {
    let mut store = demo_store();
    let kh = unit_id(&store, "Ban Tổ chức Tỉnh ủy Khánh Hòa");
    records::delete_cascade(&mut store, RecordKind::Unit, kh).unwrap();
    let mut changed = store.last_changed().to_vec();
    changed.sort();
    assert!(changed.contains(&RecordKind::Unit));
    assert!(changed.contains(&RecordKind::ClusterMember));
    assert!(changed.contains(&RecordKind::Award));
    assert!(!changed.contains(&RecordKind::Figure));
    history::undo(&mut store, 1).unwrap();
    assert!(store.last_changed().contains(&RecordKind::ClusterMember));
}

#[test]
fn typed_dates_use_one_parser_with_the_validation_year_limits() {
    assert_eq!(
        editing::parse_date("08/12/2023", false).unwrap(),
        PartialDate {
            year: 2023,
            month: Some(12),
            day: Some(8)
        }
    );
    assert_eq!(editing::parse_date("7/2023", true).unwrap().month, Some(7));
    let err = editing::parse_date("7/2023", false).unwrap_err();
    assert_eq!(err.code(), "validation.bad_date");
    let err = editing::parse_date("31/02/2024", true).unwrap_err();
    assert_eq!(err.to_string(), "Tháng 2/2024 không có ngày 31.");
    let err = editing::parse_date("01/01/1900", true).unwrap_err();
    assert!(err.to_string().contains("1930"), "{err}");
}

#[test]
fn new_records_start_from_the_cores_defaults() {
    let AnyRecord::Award(a) = editing::new_record(RecordKind::Award, 2020) else {
        panic!("an award")
    };
    assert_eq!(
        (a.status, a.recipient_kind, a.achievement_year),
        (AwardStatus::Proposed, RecipientKind::Collective, Some(2020))
    );
    let AnyRecord::ClusterMember(m) = editing::new_record(RecordKind::ClusterMember, 2016) else {
        panic!("a member")
    };
    assert_eq!((m.role, m.year), (MemberRole::Member, 2016));
}

#[test]
fn the_membership_grid_comes_from_codes() {
    let store = demo_store();
    let cluster = cluster_id(&store, "Cụm thi đua số III");
    let grid = editing::membership_grid(&store, cluster).unwrap();
    assert!(grid.years.contains(&2023) && grid.years.contains(&2024));
    let col = grid.years.iter().position(|y| *y == 2024).unwrap();
    let leader: Vec<&str> = grid
        .units
        .iter()
        .filter(|u| u.roles[col] == Some(MemberRole::Leader))
        .map(|u| u.unit.as_str())
        .collect();
    assert_eq!(leader, vec!["Ban Tổ chức Tỉnh ủy Quảng Trị"]);
}

#[test]
fn a_unit_typed_by_name_is_found_or_created_with_its_kind() {
    let mut store = demo_store();
    let u =
        editing::unit_from_name(&mut store, "Huyện ủy Đức Trọng", Some("lam_dong"), 2023).unwrap();
    assert_eq!(u.kind, "huyen_uy");
    assert_eq!(u.province_id.as_deref(), Some("lam_dong"));
    // The same name again is the same unit.
    let again =
        editing::unit_from_name(&mut store, "huyện ủy đức trọng", Some("lam_dong"), 2023).unwrap();
    assert_eq!(again.id, u.id);
    // A bare province name is its Ban Tổ chức, as the province was named that year.
    let btc = editing::unit_from_name(&mut store, "Khánh Hoà", None, 2023).unwrap();
    assert_eq!(btc.name, "Ban Tổ chức Tỉnh ủy Khánh Hòa");
    let ban = editing::unit_from_name(
        &mut store,
        "Ban Tuyên giáo Tỉnh ủy",
        Some("binh_dinh"),
        2023,
    )
    .unwrap();
    assert_eq!(ban.kind, "ban_tuyen_giao");
    assert!(editing::unit_from_name(&mut store, "  ", None, 2023).is_err());
}

#[test]
fn a_pasted_member_list_is_checked_then_recorded_in_one_step() {
    assert_eq!(
        editing::split_names("Cụm gồm: Hà Nam, Ninh Bình, Nam Định và Thái Bình."),
        vec!["Hà Nam", "Ninh Bình", "Nam Định", "Thái Bình"]
    );
    assert_eq!(
        editing::split_names("- Huyện ủy Đức Trọng\n- Ban Dân vận Tỉnh ủy\n\nHuyện ủy Đức Trọng"),
        vec!["Huyện ủy Đức Trọng", "Ban Dân vận Tỉnh ủy"]
    );
    let mut store = demo_store();
    let cluster = cluster_id(&store, "Cụm thi đua số 2");
    let before = everything(&store);
    let text = "Hà Nam, Ninh Bình, Nam Định và Thái Bình\nHuyện ủy Mới Lập";
    let preview = editing::preview_members(&mut store, cluster, 2024, text).unwrap();
    assert_eq!(everything(&store), before, "a preview writes nothing");
    assert_eq!(preview.len(), 5);
    assert!(preview[..4].iter().all(|r| !r.new && r.unit_id.is_some()));
    assert_eq!(preview[0].unit, "Ban Tổ chức Tỉnh ủy Hà Nam");
    assert!(preview[4].new && preview[4].unit_id.is_none());
    let done = editing::add_members_by_name(&mut store, cluster, 2024, text).unwrap();
    assert!(done.iter().all(|r| r.unit_id.is_some()));
    let members: Vec<_> = list(&store, "members", Some(2024))
        .into_iter()
        .filter(|m| m["cluster_id"] == cluster)
        .collect();
    assert_eq!(members.len(), 5);
    // One undo step takes the members and the new unit back.
    history::undo(&mut store, 1).unwrap();
    assert!(list(&store, "units", None)
        .iter()
        .all(|u| u["name"] != "Huyện ủy Mới Lập"));
}

#[test]
fn the_history_names_a_deleted_record_as_it_was() {
    let mut store = demo_store();
    let figure = list(&store, "figures", Some(2023))[0]["id"]
        .as_i64()
        .unwrap();
    records::delete(&mut store, RecordKind::Figure, figure).unwrap();
    let last = &history::history(&store, 1).unwrap()[0];
    assert!(
        last.summary.starts_with("Xóa số liệu: "),
        "{}",
        last.summary
    );
    assert!(!last.summary.contains('#'), "{}", last.summary);
    assert!(last.summary.contains("2023"), "{}", last.summary);
}

#[test]
fn a_title_at_an_event_goes_on_the_timeline_once() {
    let mut store = demo_store();
    let p = id_where(&store, "people", &[("full_name", "Nguyễn Giờ".into())]);
    let participant = list(&store, "participants", None)
        .into_iter()
        .find(|x| x["person_id"] == p)
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let pos = editing::position_from_participant(&mut store, participant).unwrap();
    assert_eq!(
        pos.title,
        "Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Ban Tổ chức Tỉnh ủy"
    );
    assert_eq!(pos.from_date.as_deref(), Some("2023-12-08"));
    let again = editing::position_from_participant(&mut store, participant).unwrap();
    assert_eq!(again.id, pos.id);
    let page = editing::person_page(&store, p).unwrap();
    assert_eq!(page.positions.len(), 1);
}

#[test]
fn pasted_attendees_and_signatories() {
    assert_eq!(
        editing::split_person_line("Phạm Văn Cành, Phó Bí thư Thường trực Tỉnh ủy"),
        Some((
            "Phạm Văn Cành".into(),
            Some("Phó Bí thư Thường trực Tỉnh ủy".into())
        ))
    );
    assert_eq!(
        editing::split_person_line("Vụ trưởng Vụ Địa phương II Cao Hoàng Sơn"),
        Some((
            "Cao Hoàng Sơn".into(),
            Some("Vụ trưởng Vụ Địa phương II".into())
        ))
    );
    assert_eq!(
        editing::split_person_line("Nguyễn Giờ - Trưởng Ban Tổ chức Tỉnh ủy").map(|p| p.0),
        Some("Nguyễn Giờ".into())
    );
    assert_eq!(editing::split_person_line("Các đồng chí lãnh đạo"), None);

    let mut store = demo_store();
    let event = id_where(
        &store,
        "events",
        &[("year_covered", 2023.into()), ("kind", "tong_ket".into())],
    );
    let text = "Phạm Văn Cành, Phó Bí thư Thường trực Tỉnh ủy\nNguyễn Giờ - Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Ban Tổ chức Tỉnh ủy\nCác đồng chí lãnh đạo";
    let before = everything(&store);
    let preview = editing::preview_participants(&mut store, event, text).unwrap();
    assert_eq!(everything(&store), before);
    assert!(preview[0].new && !preview[1].new && preview[2].name.is_none());
    editing::add_participants_by_text(&mut store, event, text).unwrap();
    let people: Vec<String> = list(&store, "participants", None)
        .iter()
        .filter(|p| p["event_id"] == event)
        .map(|p| s(p, "person"))
        .collect();
    assert!(people.contains(&"Phạm Văn Cành".to_string()));
    assert_eq!(
        people.iter().filter(|p| *p == "Nguyễn Giờ").count(),
        1,
        "not added twice"
    );

    let cluster = cluster_id(&store, "Cụm thi đua số 2");
    editing::add_signatories_by_name(
        &mut store,
        cluster,
        2024,
        "Hà Nam, Ninh Bình và Huyện ủy Mới",
    )
    .unwrap();
    let pledge = list(&store, "pledges", Some(2024))
        .into_iter()
        .find(|p| p["cluster_id"] == cluster)
        .unwrap();
    assert_eq!(pledge["signatory_count"], 3);
}

#[test]
fn a_cascade_through_units_under_each_other_ends() {
    let mut store = store();
    let a = records::save(
        &mut store,
        &Unit {
            kind: "khac".into(),
            name: "Đơn vị A".into(),
            ..Unit::default()
        },
    )
    .unwrap();
    let b = records::save(
        &mut store,
        &Unit {
            kind: "khac".into(),
            name: "Đơn vị B".into(),
            parent_id: a.id,
            ..Unit::default()
        },
    )
    .unwrap();
    let mut a2 = a.clone();
    a2.parent_id = b.id;
    records::save(&mut store, &a2).unwrap();
    assert_eq!(
        records::delete_cascade(&mut store, RecordKind::Unit, a.id.unwrap()).unwrap(),
        2
    );
}
