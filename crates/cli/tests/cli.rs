//! The `thidua` command as scripts use it: demo, info, list, search, history, undo, export, import.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

fn thidua(db: &Path, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_thidua"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("THIDUA_DB")
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn json(db: &Path, args: &[&str]) -> Value {
    let mut a = args.to_vec();
    a.push("--json");
    let (ok, out, err) = thidua(db, &a);
    assert!(ok, "{err}");
    serde_json::from_str(&out).unwrap()
}

#[test]
fn demo_list_search_undo_export_import() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.sqlite3");
    assert!(thidua(&db, &["demo"]).0);
    let info = json(&db, &["info"]);
    let count = |kind: &str| {
        info["counts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["kind"] == kind)
            .unwrap()["count"]
            .as_i64()
            .unwrap()
    };
    assert_eq!(count("cluster"), 2);
    assert_eq!(count("event"), 5);
    assert_eq!(count("award"), 3);
    assert_eq!(count("source"), 5);

    // Text output follows Vietnamese conventions.
    let (_, figures, _) = thidua(&db, &["list", "figures", "--year", "2023"]);
    assert!(figures.contains("Giá trị: 20.777"), "{figures}");
    assert!(figures.contains("Tỷ lệ (%): 60,52"));
    let (_, events, _) = thidua(&db, &["list", "awards"]);
    assert!(events.contains("Ngày đề nghị: 08/12/2023"));

    let leaders = json(&db, &["list", "members", "--year", "2024"]);
    let roles: Vec<(String, String)> = leaders
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["role"] != "Thành viên")
        .map(|m| {
            (
                m["province"].as_str().unwrap().into(),
                m["role"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        roles,
        vec![
            ("Quảng Trị".to_string(), "Cụm trưởng".to_string()),
            ("Bình Định".into(), "Cụm phó".into()),
            ("Đắk Nông".into(), "Cụm phó".into()),
            ("Thừa Thiên Huế".into(), "Cụm phó".into()),
        ]
    );

    let hits = json(&db, &["search", "khanh hoa"]);
    assert!(hits
        .as_array()
        .unwrap()
        .iter()
        .any(|h| h["title"] == "Ban Tổ chức Tỉnh ủy Khánh Hòa"));

    let history = json(&db, &["history", "--limit", "5"]);
    assert_eq!(history.as_array().unwrap().len(), 5);

    let export = dir.path().join("all.json");
    assert!(thidua(&db, &["export", export.to_str().unwrap()]).0);
    let copy = dir.path().join("copy.sqlite3");
    let (ok, _, err) = thidua(&copy, &["import", export.to_str().unwrap()]);
    assert!(ok, "{err}");
    let export2 = dir.path().join("again.json");
    assert!(thidua(&copy, &["export", export2.to_str().unwrap()]).0);
    assert_eq!(
        std::fs::read(&export).unwrap(),
        std::fs::read(&export2).unwrap()
    );

    let undone = json(&db, &["undo"]);
    assert!(!undone.as_array().unwrap().is_empty());
    assert_eq!(json(&db, &["list", "awards"]).as_array().unwrap().len(), 0);
}

#[test]
fn errors_are_vietnamese_messages_not_panics() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.sqlite3");
    let (ok, _, err) = thidua(&db, &["list", "khong-co"]);
    assert!(!ok);
    assert!(
        err.starts_with("Lỗi [cli.unknown_list]: Không có danh sách"),
        "{err}"
    );
    let (ok, _, err) = thidua(&db, &["import", "/khong/co/tep.json"]);
    assert!(!ok);
    assert!(err.contains("Không đọc được tệp"), "{err}");
    assert!(!err.contains("panicked"));
}
