//! `thidua record`: all 17 gold facts files (5 seeds, 12 dev articles, copied from shared/) go
//! into one database with nothing refused, and the export then holds every name and number
//! they state. Recording a file twice changes nothing; an unknown key is refused by name.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use serde_json::Value;
use thidua_core::services::{facts_file, history};
use thidua_core::storage::provinces;
use thidua_core::text::{fold_key, nfc};

fn files() -> Vec<(PathBuf, PathBuf)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/facts");
    let mut out = Vec::new();
    for dir in ["seeds", "dev"] {
        let mut jsons: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        jsons.sort();
        for j in jsons {
            let t = j.with_extension("txt");
            out.push((j, t));
        }
    }
    assert_eq!(out.len(), 17);
    out
}

/// Every leaf of a gold file: (path, value).
fn leaves(v: &Value, path: &str, out: &mut Vec<(String, Value)>) {
    match v {
        Value::Object(m) => m
            .iter()
            .for_each(|(k, x)| leaves(x, &format!("{path}.{k}"), out)),
        Value::Array(a) => a.iter().for_each(|x| leaves(x, &format!("{path}[]"), out)),
        Value::Null => {}
        other => out.push((path.to_string(), other.clone())),
    }
}

/// Every string and number the records hold (the audit log left out).
fn stored(export: &Value) -> (String, Vec<f64>) {
    let mut text = String::new();
    let mut numbers = Vec::new();
    fn walk(v: &Value, text: &mut String, numbers: &mut Vec<f64>) {
        match v {
            Value::Object(m) => m.values().for_each(|x| walk(x, text, numbers)),
            Value::Array(a) => a.iter().for_each(|x| walk(x, text, numbers)),
            Value::String(s) => {
                text.push_str(&fold_key(s));
                text.push_str(" | ");
            }
            Value::Number(n) => numbers.push(n.as_f64().unwrap()),
            _ => {}
        }
    }
    walk(&export["records"], &mut text, &mut numbers);
    (text, numbers)
}

#[test]
fn all_gold_files_record_losslessly_into_one_database() {
    let mut store = store();
    for (json, txt) in files() {
        let facts = std::fs::read_to_string(&json).unwrap();
        let article = std::fs::read_to_string(&txt).unwrap();
        let done = facts_file::record_json(&mut store, &facts, Some(&article))
            .unwrap_or_else(|e| panic!("{}: {e}", json.display()));
        assert!(!done.already, "{}", json.display());
    }
    let export: Value = serde_json::from_str(&everything(&store)).unwrap();
    let (text, numbers) = stored(&export);
    let events = list(&store, "events", None);
    let members = list(&store, "members", None);
    let units = list(&store, "units", None);

    let mut report = Vec::new();
    for (json, _) in files() {
        let gold: Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
        let mut all = Vec::new();
        leaves(&gold, "", &mut all);
        let mut missing = Vec::new();
        for (path, v) in &all {
            let held = match v {
                Value::Number(n) => {
                    let x = n.as_f64().unwrap();
                    numbers.iter().any(|y| (x - y).abs() < 1e-9)
                }
                Value::String(s) if path == ".event.date" => {
                    let (y, m, d) = (&s[..4], &s[5..7], &s[8..10]);
                    events.iter().any(|e| {
                        e["date_year"].as_i64() == y.parse().ok()
                            && e["date_month"].as_i64() == m.parse().ok()
                            && e["date_day"].as_i64() == d.parse().ok()
                    })
                }
                Value::String(s) => {
                    let folded = fold_key(&nfc(s));
                    text.contains(&folded)
                        || (path.starts_with(".cluster.")
                            && is_member_province(&store, s, &members, &units))
                }
                Value::Bool(_) => true,
                _ => false,
            };
            if !held {
                missing.push(format!("{path} = {v}"));
            }
        }
        assert!(
            missing.is_empty(),
            "{}: not in the export: {missing:#?}",
            json.display()
        );
        report.push(format!(
            "{}: {} facts held",
            json.file_name().unwrap().to_string_lossy(),
            all.len()
        ));
    }
    // The per-file figures for the closing note: `cargo test -p thidua-core --test
    // record_facts -- --nocapture`.
    println!("{}", report.join("\n"));
}

/// A bare province name in a cluster ("Thừa Thiên - Huế", "TP. Hồ Chí Minh") is held as that
/// province's Ban Tổ chức among the cluster's members.
fn is_member_province(
    store: &thidua_core::Store,
    name: &str,
    members: &[serde_json::Map<String, Value>],
    units: &[serde_json::Map<String, Value>],
) -> bool {
    let Ok(found) = provinces::by_name(store.db(), name) else {
        return false;
    };
    found.iter().any(|p| {
        units.iter().any(|u| {
            u["province_id"] == p.id.as_str()
                && u["kind"] == "btc_tinh_uy"
                && members.iter().any(|m| m["unit_id"] == u["id"])
        })
    })
}

#[test]
fn recording_the_same_file_twice_changes_nothing_and_undo_removes_it() {
    let mut store = store();
    let (json, txt) = &files()[0];
    let facts = std::fs::read_to_string(json).unwrap();
    let article = std::fs::read_to_string(txt).unwrap();
    let empty = everything(&store);
    facts_file::record_json(&mut store, &facts, Some(&article)).unwrap();
    let once = everything(&store);
    let again = facts_file::record_json(&mut store, &facts, Some(&article)).unwrap();
    assert!(again.already);
    assert_eq!(everything(&store), once);
    // One file is one undo step.
    history::undo(&mut store, 1).unwrap();
    let v: Value = serde_json::from_str(&everything(&store)).unwrap();
    let e: Value = serde_json::from_str(&empty).unwrap();
    for (kind, rows) in v["records"].as_object().unwrap() {
        let live = rows
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["deleted_at"].is_null())
            .count();
        let before = e["records"][kind].as_array().unwrap().len();
        assert_eq!(live, before, "{kind}");
    }
}

#[test]
fn a_key_the_store_cannot_hold_is_refused_by_name() {
    let mut store = store();
    let before = everything(&store);
    let err = facts_file::record_json(
        &mut store,
        r#"{"source_file": "x.txt", "event": {"kind": "tong_ket", "year_covered": 2023, "chairman": "A"}}"#,
        None,
    )
    .unwrap_err();
    assert_eq!(err.code(), "facts.unknown_field");
    assert!(err.to_string().contains("chairman"), "{err}");
    let err = facts_file::record_json(
        &mut store,
        r#"{"source_file": "x.txt", "event": {"year_covered": 2023}, "stats": [{"label_vi": "kết nạp", "value": 5, "trend": "up"}]}"#,
        None,
    )
    .unwrap_err();
    assert!(err.to_string().contains("trend"), "{err}");
    assert_eq!(everything(&store), before);
}

#[test]
fn targets_changes_quotas_and_undated_periods_are_kept() {
    let mut store = store();
    let facts = r#"{
      "source_file": "t.txt",
      "event": {"kind": "hoi_nghi_khac", "year_covered": 2022, "source": "Ban Tổ chức Tỉnh ủy"},
      "stats": [
        {"label_vi": "kết nạp đảng viên mới", "value": 412, "total": 530, "percent": 77.74, "target": 600,
         "qualifier": "gần", "change_pct": -12.5, "scope": "toàn tỉnh", "period": "9 tháng năm 2022",
         "note": "so với cùng kỳ năm trước; trong đó 201 nữ"},
        {"label_vi": "chỉ tiêu kết nạp đảng viên", "target": 2000, "period": "mỗi năm", "unit": "đảng viên"},
        {"label_vi": "kết nạp đảng viên mới", "value": 90, "period": "quý III/2022", "scope": "huyện Phú Quý"}
      ],
      "documents": [{"number": "41-QĐ/TW", "kind": "Quy định", "issuer": "Bộ Chính trị", "date": "2021-11-03",
                     "title": "về việc miễn nhiệm, từ chức đối với cán bộ"}]
    }"#;
    facts_file::record_json(&mut store, facts, None).unwrap();
    let figures = list(&store, "figures", None);
    let nine = figures.iter().find(|f| f["period_months"] == 9).unwrap();
    assert_eq!(nine["change_pct"], -12.5);
    assert_eq!(nine["target"], 600.0);
    assert_eq!(nine["percent_of_target"], 68.67);
    assert_eq!(nine["qualifier"], "gần");
    assert_eq!(nine["period_kind"], "months");
    let quota = figures.iter().find(|f| f["target"] == 2000.0).unwrap();
    assert!(quota["value"].is_null());
    assert_eq!(quota["period_kind"], "other");
    assert_eq!(quota["period_label"], "mỗi năm");
    let quarter = figures.iter().find(|f| f["period_quarter"] == 3).unwrap();
    assert_eq!(quarter["period_kind"], "quarter");
    // Documents are found by their number typed loosely.
    let hits = thidua_core::services::search::search(&store, "41 qd tw", 5).unwrap();
    assert!(
        hits.iter().any(|h| h.title.contains("41-QĐ/TW")),
        "{hits:?}"
    );
    let docs = list(&store, "documents", None);
    assert_eq!(docs[0]["kind"], "quy_dinh");
}

#[test]
fn merged_indicators_keep_their_figures_and_wordings() {
    let mut store = store();
    let facts = r#"{"source_file": "m.txt", "event": {"year_covered": 2023},
      "stats": [{"label_vi": "số đảng viên mới kết nạp", "value": 100, "scope": "tỉnh A"},
                {"label_vi": "kết nạp đảng viên mới", "value": 200, "scope": "tỉnh B"}]}"#;
    facts_file::record_json(&mut store, facts, None).unwrap();
    let keep = id_where(
        &store,
        "indicators",
        &[("code", "ket_nap_dang_vien".into())],
    );
    let drop = id_where(
        &store,
        "indicators",
        &[("label", "số đảng viên mới kết nạp".into())],
    );
    let moved = thidua_core::services::records::merge_indicators(&mut store, keep, drop).unwrap();
    assert_eq!(moved, 1);
    let figures = list(&store, "figures", None);
    assert_eq!(figures.len(), 2);
    assert!(figures.iter().all(|f| f["indicator_id"] == keep));
    assert!(list(&store, "indicators", None)
        .iter()
        .all(|i| i["id"] != drop));
    // A later article using the merged wording lands on the kept indicator.
    let later = r#"{"source_file": "n.txt", "event": {"year_covered": 2024},
      "stats": [{"label_vi": "Số đảng viên mới kết nạp", "value": 300, "scope": "tỉnh A"}]}"#;
    facts_file::record_json(&mut store, later, None).unwrap();
    assert!(list(&store, "figures", Some(2024))
        .iter()
        .all(|f| f["indicator_id"] == keep));
    // Undo the later article, then the merge: the figure is back on its own indicator.
    history::undo(&mut store, 2).unwrap();
    assert!(list(&store, "figures", None)
        .iter()
        .any(|f| f["indicator_id"] == drop));
}
