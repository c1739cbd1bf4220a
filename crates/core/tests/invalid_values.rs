//! Invalid values in every field of every kind of record, table-driven: empty where required,
//! too long, a date that does not exist, negative where a count belongs, an unknown reference,
//! script tags, right-to-left overrides and zero-width characters. Each is rejected with a
//! Vietnamese message (and the field it concerns) and nothing is written.

mod common;

use serde_json::{json, Value};
use thidua_core::domain::{FieldShape, RecordKind};
use thidua_core::services::editing;
use thidua_core::{Store, UserError};

/// Text no field may hold, with the code that refuses it. Too long is a field's own limit: a
/// name's or a note's. A line break is refused in one-line fields, whatever follows it (it once
/// turned a name into a note, with a note's limit and no markup check).
fn bad_texts(note: bool) -> Vec<(&'static str, String, &'static str)> {
    let mut bad = vec![
        (
            "script tag",
            "<script>alert(1)</script>".into(),
            "validation.markup",
        ),
        ("HTML tag", "Ban <b>Tổ chức</b>".into(), "validation.markup"),
        (
            "right-to-left override",
            "Ban Tổ\u{202E}chức".into(),
            "validation.invisible_chars",
        ),
        (
            "zero-width space",
            "Ban\u{200B}Tổ chức".into(),
            "validation.invisible_chars",
        ),
        (
            "control character",
            "Ban\u{7}Tổ chức".into(),
            "validation.control_chars",
        ),
    ];
    if note {
        bad.push((
            "markup after a line break",
            "Ban Tổ chức\n<b>x</b><img onerror=alert(1)>".into(),
            "validation.markup",
        ));
        bad.push(("too long", "Tổ chức ".repeat(2_600), "validation.too_long"));
    } else {
        bad.push((
            "line break and markup",
            "Ban Tổ chức\n<b>x</b><img onerror=alert(1)>".into(),
            "validation.multi_line",
        ));
        bad.push(("too long", "Tổ chức ".repeat(400), "validation.too_long"));
        bad.push((
            "too long with a line break",
            format!("{}\n{}", "Tổ chức ".repeat(750), "Tổ chức ".repeat(751)),
            "validation.multi_line",
        ));
    }
    bad
}

/// The sample database, with a record of the kinds its articles do not state (a position, a
/// personnel change, a document, an emulation result), so every kind has one to spoil.
fn store_with_every_kind() -> Store {
    use thidua_core::domain::{Document, EmulationResult, PersonnelChange, Position};
    use thidua_core::services::records::save;
    let mut store = common::demo_store();
    let person = common::id_where(&store, "people", &[("full_name", "Võ Hồng Hải".into())]);
    let unit = common::unit_id(&store, "Ban Tổ chức Tỉnh ủy Khánh Hòa");
    save(
        &mut store,
        &Position {
            person_id: person,
            title: "Trưởng ban".into(),
            from_date: Some("2020-10-01".into()),
            ..Default::default()
        },
    )
    .unwrap();
    save(
        &mut store,
        &PersonnelChange {
            kind: "bo_nhiem".into(),
            person_id: person,
            to_title: Some("Trưởng ban".into()),
            decision_number: Some("123-QĐ/TU".into()),
            decision_date: Some("2023-05-02".into()),
            ..Default::default()
        },
    )
    .unwrap();
    save(
        &mut store,
        &Document {
            number: Some("41-QĐ/TW".into()),
            issuer: Some("Bộ Chính trị".into()),
            date: Some("2021-11-03".into()),
            ..Default::default()
        },
    )
    .unwrap();
    save(
        &mut store,
        &EmulationResult {
            unit_id: unit,
            year: 2023,
            rank: Some(1),
            ..Default::default()
        },
    )
    .unwrap();
    store
}

/// A live record of each kind, as the forms send it.
fn base_records(store: &Store) -> Vec<(RecordKind, Value)> {
    let export = thidua_core::services::transfer::export(store).unwrap();
    RecordKind::ALL
        .iter()
        .filter_map(|kind| {
            let rows = export.records.get(kind.table())?.as_array()?;
            let id = rows.iter().find(|r| r["deleted_at"].is_null())?["id"].as_i64()?;
            Some((*kind, editing::get(store, *kind, id).ok()?.fields()))
        })
        .collect()
}

/// Saves `value` as a `kind`; it must be refused with a message, changing nothing.
fn refused(store: &mut Store, kind: RecordKind, value: Value, what: &str) -> UserError {
    let before = (
        store.history(1).unwrap().first().map(|a| a.id),
        store.record_counts().unwrap(),
    );
    let err: UserError = match editing::save_json(store, kind, value) {
        Ok(_) => panic!("{} accepted {what}", kind.code()),
        Err(e) => e.into(),
    };
    assert_eq!(
        (
            store.history(1).unwrap().first().map(|a| a.id),
            store.record_counts().unwrap()
        ),
        before,
        "{what} wrote something"
    );
    assert!(err.message.chars().count() > 10, "{what}: {err:?}");
    assert!(
        !err.message.contains("Error") && !err.message.contains("panicked"),
        "{what}: {}",
        err.message
    );
    err
}

#[test]
fn every_text_field_of_every_kind_refuses_markup_invisible_characters_and_excess_length() {
    let mut store = store_with_every_kind();
    let everything = common::everything(&store);
    let mut checked = 0;
    let mut kinds = 0;
    for (kind, base) in base_records(&store) {
        kinds += 1;
        for (key, value) in base.as_object().unwrap() {
            // Text fields: those holding text, and optional ones a text can be put in.
            // (A code from a fixed list is not free text: anything else is refused as the
            // wrong shape before it is read.)
            let takes_text = (value.is_string() || value.is_null())
                && editing::parse_record(kind, {
                    let mut v = base.clone();
                    v[key] = json!("x");
                    v
                })
                .is_ok();
            // The article's own text and quotes are kept as read (normalized, never refused:
            // `article_text_is_normalized_never_refused`).
            let shape = thidua_core::domain::field_shape(kind, key);
            if !takes_text || shape == FieldShape::ArticleText {
                continue;
            }
            for (what, bad, code) in bad_texts(shape == FieldShape::Note) {
                let mut v = base.clone();
                v[key] = json!(bad);
                let err = refused(
                    &mut store,
                    kind,
                    v,
                    &format!("{}.{key}: {what}", kind.code()),
                );
                assert_eq!(err.code, code, "{}.{key}: {what}: {err:?}", kind.code());
                assert_eq!(
                    err.field.as_deref(),
                    Some(key.as_str()),
                    "the field is named"
                );
                checked += 1;
            }
        }
    }
    assert!(kinds >= 15, "{kinds} kinds");
    assert!(checked > 300, "{checked} cases");
    assert_eq!(
        common::everything(&store),
        everything,
        "nothing changed at all"
    );
    eprintln!("{checked} invalid text values refused across {kinds} kinds");
}

/// Real articles carry zero-width spaces, form feeds between pages and run long: their text is
/// normalized and kept, never refused (this test once asserted the opposite).
#[test]
fn article_text_is_normalized_never_refused() {
    let mut store = store_with_every_kind();
    let bases = base_records(&store);
    let mut checked = 0;
    for (kind, field) in [
        (RecordKind::Source, "body_text"),
        (RecordKind::Citation, "passage"),
    ] {
        let base = &bases.iter().find(|(k, _)| *k == kind).unwrap().1;
        for (what, text, kept) in [
            ("zero-width space", "Ban\u{200B}Tổ chức", "BanTổ chức"),
            (
                "form feed",
                "Trang một\u{0C}Trang hai",
                "Trang một\nTrang hai",
            ),
            ("control character", "Ban\u{7}Tổ chức", "BanTổ chức"),
            ("right-to-left override", "Ban Tổ\u{202E}chức", "Ban Tổchức"),
        ] {
            let mut v = base.clone();
            v[field] = json!(text);
            let saved = editing::save_json(&mut store, kind, v)
                .unwrap_or_else(|e| panic!("{}.{field}: {what} refused: {e}", kind.code()));
            assert_eq!(
                saved.fields()[field],
                json!(kept),
                "{}.{field}: {what}",
                kind.code()
            );
            checked += 1;
        }
        let mut v = base.clone();
        let long: String = "Tổ chức ".repeat(5_000);
        v[field] = json!(long);
        let saved = editing::save_json(&mut store, kind, v).unwrap();
        assert_eq!(
            saved.fields()[field],
            json!(long.trim()),
            "40.000 characters kept"
        );
    }
    assert_eq!(checked, 8);
}

#[test]
fn empty_required_fields_wrong_dates_negative_counts_and_unknown_references_are_refused() {
    let mut store = store_with_every_kind();
    let bases = base_records(&store);
    let base = |kind: RecordKind| {
        bases
            .iter()
            .find(|(k, _)| *k == kind)
            .unwrap_or_else(|| panic!("no {} in the sample data", kind.code()))
            .1
            .clone()
    };
    // (kind, field, value, code)
    let table: Vec<(RecordKind, &str, Value, &str)> = vec![
        (RecordKind::Unit, "name", json!(""), "validation.required"),
        (
            RecordKind::Unit,
            "name",
            json!("   "),
            "validation.required",
        ),
        (
            RecordKind::Unit,
            "kind",
            json!(""),
            "validation.unknown_code",
        ),
        (
            RecordKind::Unit,
            "kind",
            json!("khong_co"),
            "validation.unknown_code",
        ),
        (
            RecordKind::Unit,
            "province_id",
            json!("atlantis"),
            "validation.unknown_province",
        ),
        (
            RecordKind::Unit,
            "parent_id",
            json!(999_999),
            "validation.unknown_unit",
        ),
        (
            RecordKind::Cluster,
            "name",
            json!(""),
            "validation.required",
        ),
        (
            RecordKind::ClusterMember,
            "unit_id",
            json!(999_999),
            "validation.unknown_unit",
        ),
        (
            RecordKind::ClusterMember,
            "cluster_id",
            json!(999_999),
            "validation.unknown_reference",
        ),
        (
            RecordKind::ClusterMember,
            "year",
            json!(1200),
            "validation.year_out_of_range",
        ),
        (
            RecordKind::ClusterMember,
            "role",
            json!("cum_truong_giả"),
            "validation.not_in_list",
        ),
        (RecordKind::Event, "name", json!(""), "validation.required"),
        (
            RecordKind::Event,
            "date_month",
            json!(13),
            "validation.bad_date",
        ),
        (
            RecordKind::Event,
            "date_day",
            json!(32),
            "validation.bad_date",
        ),
        (
            RecordKind::Event,
            "date_year",
            json!(3000),
            "validation.year_out_of_range",
        ),
        (
            RecordKind::Event,
            "host_unit_id",
            json!(999_999),
            "validation.unknown_unit",
        ),
        (
            RecordKind::Participant,
            "event_id",
            json!(999_999),
            "validation.unknown_reference",
        ),
        (
            RecordKind::Participant,
            "person_id",
            json!(999_999),
            "validation.unknown_reference",
        ),
        (
            RecordKind::Pledge,
            "year",
            json!(-5),
            "validation.year_out_of_range",
        ),
        (
            RecordKind::Person,
            "full_name",
            json!(""),
            "validation.required",
        ),
        (
            RecordKind::Person,
            "birth_year",
            json!(1500),
            "validation.year_out_of_range",
        ),
        (
            RecordKind::Position,
            "title",
            json!(""),
            "validation.required",
        ),
        (
            RecordKind::Position,
            "from_date",
            json!("2023-02-31"),
            "validation.bad_date",
        ),
        (
            RecordKind::Position,
            "person_id",
            json!(999_999),
            "validation.unknown_reference",
        ),
        (
            RecordKind::PersonnelChange,
            "decision_date",
            json!("31/02/2023"),
            "validation.bad_date",
        ),
        (
            RecordKind::PersonnelChange,
            "person_id",
            json!(999_999),
            "validation.unknown_reference",
        ),
        (
            RecordKind::Award,
            "recipient_count",
            json!(-3),
            "validation.negative",
        ),
        (
            RecordKind::Award,
            "decision_date",
            json!("2023-13-01"),
            "validation.bad_date",
        ),
        (
            RecordKind::Award,
            "form_id",
            json!(999_999),
            "validation.unknown_reference",
        ),
        (
            RecordKind::Award,
            "status",
            json!("da_duyet_gia"),
            "validation.not_in_list",
        ),
        (
            RecordKind::Figure,
            "value",
            json!(-20),
            "validation.negative",
        ),
        (
            RecordKind::Figure,
            "indicator_id",
            json!(999_999),
            "validation.unknown_reference",
        ),
        (
            RecordKind::Figure,
            "period_year",
            json!(99),
            "validation.year_out_of_range",
        ),
        (
            RecordKind::Indicator,
            "label",
            json!(""),
            "validation.required",
        ),
        (
            RecordKind::Source,
            "title",
            json!(""),
            "validation.required",
        ),
        (
            RecordKind::Source,
            "published_date",
            json!("2023-02-30"),
            "validation.bad_date",
        ),
        (
            RecordKind::Document,
            "date",
            json!("2023-00-10"),
            "validation.bad_date",
        ),
        (
            RecordKind::EmulationResult,
            "unit_id",
            json!(999_999),
            "validation.unknown_unit",
        ),
        (
            RecordKind::EmulationResult,
            "year",
            json!(0),
            "validation.year_out_of_range",
        ),
    ];
    let mut failures = Vec::new();
    for (kind, field, value, code) in &table {
        let mut v = base(*kind);
        if v.get(*field).is_none() {
            failures.push(format!("{}.{field}: no such field", kind.code()));
            continue;
        }
        v[*field] = value.clone();
        let what = format!("{}.{field} = {value}", kind.code());
        let before = (
            store.history(1).unwrap().first().map(|a| a.id),
            store.record_counts().unwrap(),
        );
        match editing::save_json(&mut store, *kind, v) {
            Ok(_) => failures.push(format!("{what}: accepted")),
            Err(e) => {
                let e: UserError = e.into();
                assert_eq!(
                    (
                        store.history(1).unwrap().first().map(|a| a.id),
                        store.record_counts().unwrap()
                    ),
                    before,
                    "{what} wrote something"
                );
                if e.code != *code {
                    failures.push(format!("{what}: {} ({})", e.code, e.message));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
