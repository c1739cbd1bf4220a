//! Nothing bypasses validation (issue 25): whether text may span lines is the field's, not the
//! value's; real articles are attached whatever invisible characters and length they carry; an
//! import, an undo of imported audit rows, narratives and report settings are checked as a save
//! is. Each test here failed on the code before the fix.

mod common;

use serde_json::{json, Value};
use thidua_core::domain::{RecordKind, Unit};
use thidua_core::services::{editing, history, records, reports, sources, transfer};
use thidua_core::{Store, UserError};

fn save_unit(store: &mut Store, name: &str, note: Option<&str>) -> Result<Unit, UserError> {
    records::save(
        store,
        &Unit {
            kind: "khac".into(),
            name: name.into(),
            note: note.map(str::to_string),
            ..Unit::default()
        },
    )
    .map_err(Into::into)
}

#[test]
fn a_one_line_field_refuses_a_line_break_whatever_follows_it() {
    let mut store = common::store();
    let markup = save_unit(
        &mut store,
        "Ban Tổ chức\n<b>x</b><img onerror=alert(1)>",
        None,
    )
    .unwrap_err();
    assert_eq!(markup.code, "validation.multi_line", "{markup:?}");
    assert_eq!(markup.field.as_deref(), Some("name"));
    assert!(markup.message.contains("«Tên»"), "{}", markup.message);
    // 12.011 characters with a line break: once raised to a note's limit.
    let long = format!("{}\n{}", "Tổ chức ".repeat(750), "Tổ chức ".repeat(751));
    assert!(long.chars().count() > 12_000);
    let err = save_unit(&mut store, &long, None).unwrap_err();
    assert_eq!(err.code, "validation.multi_line");
    // Without the line break, still too long for a name.
    let err = save_unit(&mut store, &long.replace('\n', " "), None).unwrap_err();
    assert_eq!(err.code, "validation.too_long");
    // Markup after a line break in a note is markup all the same.
    let err = save_unit(
        &mut store,
        "Ban Tổ chức",
        Some("Dòng một\n<img src=x onerror=alert(1)>"),
    )
    .unwrap_err();
    assert_eq!(
        (err.code.as_str(), err.field.as_deref()),
        ("validation.markup", Some("note"))
    );
    assert!(store.record_counts().unwrap().iter().all(|(_, n)| *n == 0));
    // A note keeps its lines, up to a note's length.
    let note = format!("Dòng một\n{}", "Ghi chú dài ".repeat(1_000));
    let saved = save_unit(&mut store, "Ban Tổ chức", Some(&note)).unwrap();
    assert_eq!(saved.note.as_deref(), Some(note.trim()));
    let err = save_unit(
        &mut store,
        "Ban Tổ chức 2",
        Some(&format!("a\n{}", "x".repeat(20_001))),
    )
    .unwrap_err();
    assert_eq!(err.code, "validation.too_long");
}

fn attach_text(store: &mut Store, name: &str, text: &str) -> thidua_core::domain::Source {
    let a = sources::attach(store, text.as_bytes(), name, None)
        .unwrap_or_else(|e| panic!("{name} refused: {e}"));
    assert!(!a.already);
    store.get(a.source_id).unwrap().unwrap()
}

#[test]
fn real_articles_are_attached_with_their_invisible_characters_normalized() {
    let mut store = common::store();
    let para = "Ban Tổ chức Tỉnh ủy Bình Định tổ chức hội nghị sơ kết công tác thi đua năm 2023. ";
    let body: String = para.repeat(500).chars().take(39_000).collect();
    let long = attach_text(&mut store, "dai.txt", &format!("Bài viết dài\n\n{body}"));
    assert!(long.body_text.unwrap().chars().count() >= 39_000);

    let zw = attach_text(
        &mut store,
        "zwsp.txt",
        "Bài viết\u{200B} có ký tự ẩn\n\nBan Tổ\u{200B}chức Tỉnh ủy\u{FEFF} Khánh Hòa\u{202E} họp.\n",
    );
    let text = zw.body_text.unwrap();
    assert!(
        !text.contains(['\u{200B}', '\u{FEFF}', '\u{202E}']),
        "{text:?}"
    );
    assert!(
        text.contains("Ban Tổchức Tỉnh ủy Khánh Hòa họp."),
        "{text:?}"
    );
    assert!(!zw.title.contains('\u{200B}'));

    let ff = attach_text(
        &mut store,
        "ff.txt",
        "Bài viết có ngắt trang\n\nTrang một.\n\u{0C}Trang hai.\u{7}\r\nHết.",
    );
    let text = ff.body_text.unwrap();
    assert!(text.contains("Trang một.\n\nTrang hai.\nHết."), "{text:?}");
    assert!(!text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t'));

    // The extracted facts quote the same text the source keeps: offsets still point at it.
    assert_eq!(
        thidua_core::services::extract::normalized_text("a\u{200B}b\u{0C}c"),
        "ab\nc"
    );
}

#[test]
fn the_article_text_of_a_saved_source_is_normalized_not_refused() {
    let mut store = common::store();
    let saved = editing::save_json(
        &mut store,
        RecordKind::Source,
        json!({"title": "Bài viết", "body_text": format!("A\u{200B}B\u{0C}C\u{7}\n{}", "x".repeat(30_000))}),
    )
    .unwrap();
    let body = saved.fields()["body_text"].as_str().unwrap().to_string();
    assert!(body.starts_with("AB\nC\n"), "{:?}", &body[..10]);
    assert_eq!(body.chars().count(), 30_005);
}

fn demo_export() -> Value {
    let a = common::demo_store();
    serde_json::to_value(transfer::export(&a).unwrap()).unwrap()
}

/// Imports `export` into an empty store: refused, nothing written.
fn import_refused(export: &Value) -> transfer::TransferError {
    let mut b = common::store();
    let before = common::everything(&b);
    let err = transfer::import(&mut b, &export.to_string()).unwrap_err();
    assert_eq!(
        common::everything(&b),
        before,
        "the refused import wrote something"
    );
    assert!(b.record_counts().unwrap().iter().all(|(_, n)| *n == 0));
    assert!(b.history(1).unwrap().is_empty());
    err
}

#[test]
fn an_import_is_checked_row_by_row_as_a_save_would_be() {
    let mut export = demo_export();
    let units = export["records"]["units"].as_array_mut().unwrap();
    let id = units[0]["id"].as_i64().unwrap();
    units[0]["name"] = format!(
        "Ban <script>alert(1)</script>\u{202E}\u{7}{}",
        "x".repeat(10 * 1024 * 1024)
    )
    .into();
    let err = import_refused(&export);
    let user: UserError = err.into();
    assert!(user.code.starts_with("validation."), "{user:?}");
    assert_eq!(user.field.as_deref(), Some("name"));
    assert!(
        user.message.contains("units") && user.message.contains(&format!("#{id}")),
        "{}",
        user.message
    );
    assert!(user.message.len() < 1_000, "the value is not quoted back");

    // An unknown code, a reference to nothing, a name with a line break: each refused.
    for (field, value, code) in [
        ("kind", json!("khong_co_ma"), "validation.unknown_code"),
        ("parent_id", json!(999_999), "validation.unknown_unit"),
        ("name", json!("Ban\nTổ chức"), "validation.multi_line"),
    ] {
        let mut export = demo_export();
        export["records"]["units"][0][field] = value;
        let user: UserError = import_refused(&export).into();
        assert_eq!(user.code, code, "{field}: {user:?}");
    }

    // The untouched export still imports.
    let mut b = common::store();
    transfer::import(&mut b, &demo_export().to_string()).unwrap();
}

#[test]
fn an_import_checks_attached_files_narratives_settings_and_its_size() {
    let mut a = common::demo_store();
    sources::attach(
        &mut a,
        "Bài viết\n\nNội dung bài viết.".as_bytes(),
        "a.txt",
        None,
    )
    .unwrap();
    let good = serde_json::to_value(transfer::export(&a).unwrap()).unwrap();
    assert!(!good["side"]["files"].as_array().unwrap().is_empty());

    let mut bad = good.clone();
    bad["side"]["files"][0]["sha256"] = json!("00".repeat(32));
    assert_eq!(import_refused(&bad).code(), "transfer.file_mismatch");
    let mut bad = good.clone();
    bad["side"]["files"][0]["size"] = json!(1);
    assert_eq!(import_refused(&bad).code(), "transfer.file_mismatch");

    let mut bad = good.clone();
    bad["side"]["report_texts"] = json!([{"year": 2023, "scope": "all",
        "narrative": json!({"opening": "<script>alert(1)</script>"}).to_string(),
        "updated_at": "2023-12-08T00:00:00"}]);
    assert_eq!(import_refused(&bad).code(), "validation.markup");
    let mut bad = good.clone();
    bad["side"]["settings"] = json!([["report", json!({"signer_name": "A\u{202E}B"}).to_string()]]);
    assert_eq!(import_refused(&bad).code(), "validation.invisible_chars");

    // A file past the limit is refused before it is read (a sparse file: no disk used).
    let dir = tempfile::tempdir().unwrap();
    let huge = dir.path().join("huge.json");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(transfer::MAX_IMPORT_BYTES + 1)
        .unwrap();
    let mut b = common::store();
    let err = transfer::import_file(&mut b, &huge).unwrap_err();
    assert_eq!(err.code(), "transfer.too_large");
    assert!(
        err.to_string().contains("1024 MB") || err.to_string().contains("1.024 MB"),
        "{err}"
    );
}

#[test]
fn undo_of_a_crafted_audit_row_is_checked_as_a_save() {
    let mut export = demo_export();
    let unit = export["records"]["units"][0].clone();
    let id = unit["id"].as_i64().unwrap();
    let mut before = unit.clone();
    before["name"] = json!("<b>Ban</b><img src=x onerror=alert(1)>");
    before["kind"] = json!("khong_co_ma");
    let audit = export["audit"].as_array_mut().unwrap();
    let next = audit
        .iter()
        .map(|a| a["id"].as_i64().unwrap())
        .max()
        .unwrap_or(0)
        + 1;
    let step = audit
        .iter()
        .map(|a| a["step"].as_i64().unwrap())
        .max()
        .unwrap_or(0)
        + 1;
    audit.push(
        json!({"id": next, "step": step, "at": "2026-12-08T00:00:00.000",
        "action": "update", "kind": "unit", "record_id": id, "summary": "Sửa đơn vị",
        "before": before.to_string(), "after": unit.to_string(), "undone_at": null}),
    );
    let mut b = common::store();
    transfer::import(&mut b, &export.to_string()).unwrap();
    let stored = common::everything(&b);
    let err: UserError = history::undo(&mut b, 1).unwrap_err().into();
    assert!(
        ["validation.markup", "validation.unknown_code"].contains(&err.code.as_str()),
        "{err:?}"
    );
    assert!(
        err.message.contains("Không hoàn tác được"),
        "{}",
        err.message
    );
    assert_eq!(
        common::everything(&b),
        stored,
        "the refused undo wrote something"
    );
    let u: Unit = b.get(id).unwrap().unwrap();
    assert_eq!(u.name, unit["name"].as_str().unwrap());
    // An ordinary undo still works.
    save_unit(&mut b, "Đơn vị mới", None).unwrap();
    history::undo(&mut b, 1).unwrap();
}

#[test]
fn narratives_and_report_settings_are_checked() {
    let mut store = common::demo_store();
    let scope = reports::Scope::All;
    let mut n = reports::Narrative {
        opening: "Mở đầu\n<script>alert(1)</script>".into(),
        ..Default::default()
    };
    let err: UserError = reports::set_narrative(&mut store, 2023, &scope, &n)
        .unwrap_err()
        .into();
    assert_eq!(
        (err.code.as_str(), err.field.as_deref()),
        ("validation.markup", Some("opening"))
    );
    n.opening = "x".repeat(20_001);
    let err: UserError = reports::set_narrative(&mut store, 2023, &scope, &n)
        .unwrap_err()
        .into();
    assert_eq!(err.code, "validation.too_long");
    n.opening = "Mở đầu\nDòng hai".into();
    n.chart_indicators = vec!["khong_co_chi_tieu".into()];
    let err: UserError = reports::set_narrative(&mut store, 2023, &scope, &n)
        .unwrap_err()
        .into();
    assert_eq!(err.code, "validation.unknown_code");
    n.chart_indicators.clear();
    let err: UserError = reports::set_narrative(&mut store, 99_999, &scope, &n)
        .unwrap_err()
        .into();
    assert_eq!(err.code, "validation.year_out_of_range");
    reports::set_narrative(&mut store, 2023, &scope, &n).unwrap();
    assert_eq!(
        reports::narrative(&store, 2023, &scope).unwrap().opening,
        "Mở đầu\nDòng hai"
    );

    let good = reports::settings(&store).unwrap();
    for (what, s, code) in [
        (
            "markup",
            reports::ReportSettings {
                place: "<b>Quy Nhơn</b>".into(),
                ..good.clone()
            },
            "validation.markup",
        ),
        (
            "line break",
            reports::ReportSettings {
                signer_name: "A\nB".into(),
                ..good.clone()
            },
            "validation.multi_line",
        ),
        (
            "issuer line",
            reports::ReportSettings {
                issuer_lines: vec!["BAN\u{200B}".into()],
                ..good.clone()
            },
            "validation.invisible_chars",
        ),
        (
            "margin",
            reports::ReportSettings {
                margins_mm: [20.0, f64::NAN, 30.0, 15.0],
                ..good.clone()
            },
            "validation.bad_margin",
        ),
        (
            "negative margin",
            reports::ReportSettings {
                margins_mm: [-5.0, 20.0, 30.0, 15.0],
                ..good.clone()
            },
            "validation.bad_margin",
        ),
    ] {
        let err: UserError = reports::set_settings(&mut store, &s).unwrap_err().into();
        assert_eq!(err.code, code, "{what}: {err:?}");
    }
    assert_eq!(
        reports::settings(&store).unwrap(),
        good,
        "nothing was stored"
    );
}

#[test]
fn a_wrong_type_names_its_field_in_vietnamese() {
    let mut store = common::store();
    let err: UserError = editing::save_json(
        &mut store,
        RecordKind::Unit,
        json!({"kind": "khac", "name": "Ban A", "parent_id": "abc"}),
    )
    .unwrap_err()
    .into();
    assert_eq!(
        (err.code.as_str(), err.field.as_deref()),
        ("validation.shape", Some("parent_id"))
    );
    assert!(
        !err.message.contains("invalid type") && !err.message.contains("expected"),
        "serde's English stays out: {}",
        err.message
    );
    assert!(err.message.contains("số nguyên"), "{}", err.message);
}
