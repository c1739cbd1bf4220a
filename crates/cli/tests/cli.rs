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
        .filter(|m| m["role"] != "thanh_vien")
        .map(|m| {
            (
                m["province"].as_str().unwrap().into(),
                m["role_label"].as_str().unwrap().into(),
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

#[test]
fn get_save_delete_through_the_typed_path() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.sqlite3");
    let file = dir.path().join("unit.json");
    std::fs::write(
        &file,
        r#"{"kind": "btc_tinh_uy", "name": "Ban Tổ chức Tỉnh ủy Thử", "province_id": "binh_dinh"}"#,
    )
    .unwrap();
    let saved = json_plain(&db, &["save", "unit", file.to_str().unwrap()]);
    let id = saved["id"].as_i64().unwrap();
    let got = json_plain(&db, &["get", "unit", &id.to_string()]);
    assert_eq!(got["name"], "Ban Tổ chức Tỉnh ủy Thử");

    // Update from standard input: the JSON `get` printed, edited.
    let mut edited = got.clone();
    edited["short_name"] = "BTC Thử".into();
    let out = Command::new(env!("CARGO_BIN_EXE_thidua"))
        .args(["--db", db.to_str().unwrap(), "save", "unit", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child
                .stdin
                .take()
                .unwrap()
                .write_all(edited.to_string().as_bytes())?;
            child.wait_with_output()
        })
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        json_plain(&db, &["get", "unit", &id.to_string()])["short_name"],
        "BTC Thử"
    );

    // A field the kind does not have is refused by name, and nothing is written.
    std::fs::write(
        &file,
        r#"{"kind": "btc_tinh_uy", "name": "X", "provnce_id": "binh_dinh"}"#,
    )
    .unwrap();
    let (ok, _, err) = thidua(&db, &["save", "unit", file.to_str().unwrap()]);
    assert!(!ok);
    assert!(err.contains("validation.unknown_field"), "{err}");
    assert!(err.contains("provnce_id"), "{err}");
    assert_eq!(json(&db, &["list", "units"]).as_array().unwrap().len(), 1);

    let (ok, out, err) = thidua(&db, &["delete", "unit", &id.to_string()]);
    assert!(ok, "{err}");
    assert!(out.contains("thùng rác"));
    assert!(json(&db, &["list", "units"]).as_array().unwrap().is_empty());
    assert!(thidua(&db, &["undo"]).0);
    assert_eq!(json(&db, &["list", "units"]).as_array().unwrap().len(), 1);
}

#[test]
fn another_programs_sqlite_file_is_refused_and_left_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("other.sqlite3");
    let status = Command::new("python3")
        .arg("-c")
        .arg(format!(
            "import sqlite3; c = sqlite3.connect({:?}); c.execute('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)'); c.execute(\"INSERT INTO notes (body) VALUES ('x')\"); c.commit()",
            other.to_str().unwrap()
        ))
        .status()
        .unwrap();
    assert!(status.success());
    let before = std::fs::read(&other).unwrap();
    for args in [&["info"][..], &["demo"], &["init"], &["list", "units"]] {
        let (ok, _, err) = thidua(&other, args);
        assert!(!ok, "{args:?}");
        assert!(err.contains("storage.not_thidua"), "{err}");
        assert!(err.contains("không phải cơ sở dữ liệu của Thidua"), "{err}");
    }
    assert_eq!(std::fs::read(&other).unwrap(), before, "file changed");
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        vec!["other.sqlite3".to_string()],
        "no WAL or snapshot left"
    );

    // A text file is not a database either.
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "không phải SQLite").unwrap();
    let (ok, _, err) = thidua(&text, &["info"]);
    assert!(!ok);
    assert!(err.contains("không phải tệp SQLite"), "{err}");
    assert_eq!(std::fs::read_to_string(&text).unwrap(), "không phải SQLite");
}

fn json_plain(db: &Path, args: &[&str]) -> Value {
    let (ok, out, err) = thidua(db, args);
    assert!(ok, "{err}");
    serde_json::from_str(&out).unwrap()
}

#[test]
fn reports_for_a_unit_with_charts_and_footnotes_and_one_page_summaries() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.sqlite3");
    assert!(thidua(&db, &["demo"]).0);
    let out = dir.path().join("unit.pdf");
    let (ok, said, err) = thidua(
        &db,
        &[
            "report",
            "--year",
            "2023",
            "--unit",
            "Ban Tổ chức Tỉnh ủy Khánh Hòa",
            "--format",
            "pdf",
            "--out",
            out.to_str().unwrap(),
            "--chart",
            "ket_nap_dang_vien",
            "--footnotes",
        ],
    );
    assert!(ok, "{err}");
    assert!(said.starts_with("Đã ghi báo cáo năm 2023"), "{said}");
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF"));

    for (of, name) in [
        ("cluster", "Cụm thi đua số III"),
        ("unit", "ban to chuc tinh uy khanh hoa"),
        ("person", "Võ Hồng Hải"),
    ] {
        let out = dir.path().join(format!("{of}.docx"));
        let (ok, said, err) = thidua(
            &db,
            &[
                "summary",
                of,
                name,
                "--year",
                "2023",
                "--format",
                "docx",
                "--out",
                out.to_str().unwrap(),
            ],
        );
        assert!(ok, "{of}: {err}");
        assert!(said.starts_with("Đã ghi bản tóm tắt"), "{said}");
        assert!(std::fs::read(&out).unwrap().starts_with(b"PK"));
    }
    let (ok, _, err) = thidua(
        &db,
        &[
            "summary",
            "person",
            "Không Có Ai",
            "--format",
            "pdf",
            "--out",
            "/tmp/x.pdf",
        ],
    );
    assert!(!ok);
    assert!(err.contains("Không tìm thấy «Không Có Ai»"), "{err}");
}

/// The store as the app uses it (issue 25): open A, switch to B and back to A, save (each write
/// starts the automatic backup on a read-only connection of its own), let another process open
/// and close A, save again, close: both saves are in A. A plain file handle opened and closed on
/// A while a connection to it is open cancels that connection's POSIX locks; the other process
/// then believes it is alone, checkpoints and deletes the write-ahead log the app still writes.
#[test]
fn saves_after_a_switch_and_an_outside_read_all_reach_the_file() {
    use thidua_core::services::{backups, records};
    use thidua_core::Store;
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.sqlite3");
    let b = dir.path().join("b.sqlite3");
    let unit = |name: &str| thidua_core::domain::Unit {
        kind: "khac".into(),
        name: name.into(),
        ..Default::default()
    };
    // As the app switches: the new file is opened, then it takes the old one's place.
    let first = Store::open(&a).unwrap();
    let sample = Store::open(&b).unwrap();
    drop(first);
    let mut store = Store::open(&a).unwrap();
    drop(sample);
    // What the app's write() does after each save: a backup through a read-only connection.
    let save = |store: &mut Store, name: &str| {
        records::save(store, &unit(name)).unwrap();
        let ro = Store::open_read_only(&a).unwrap();
        backups::auto(&ro, backups::now()).unwrap();
    };
    save(&mut store, "Đơn vị lưu lần thứ nhất");
    outside_read(&a);
    save(&mut store, "Đơn vị lưu lần thứ hai");
    // Another process sees every committed save at once…
    let (_, found, _) = thidua(&a, &["list", "units"]);
    assert!(found.contains("Đơn vị lưu lần thứ hai"), "{found}");
    // …and after the app ends without closing its connection (as a window closes), the
    // file still holds both.
    std::mem::forget(store);
    let (_, found, _) = thidua(&a, &["list", "units"]);
    assert!(found.contains("Đơn vị lưu lần thứ nhất"), "{found}");
    assert!(found.contains("Đơn vị lưu lần thứ hai"), "{found}");
}

/// Another program reads the file and closes it normally: Python's sqlite3 (Debian's SQLite, as
/// DB Browser or any other tool would use it), whose close checkpoints and deletes the log when
/// it believes itself the last connection. (Python is part of the test command's set-up.)
fn outside_read(db: &Path) {
    let script = "import sqlite3, sys\nc = sqlite3.connect(sys.argv[1])\nassert c.execute('SELECT count(*) FROM units').fetchone()[0] >= 1\nc.close()";
    let status = Command::new("python3")
        .args(["-c", script])
        .arg(db)
        .status()
        .expect("python3 (installed by ./dev.sh test)");
    assert!(status.success());
}

/// A lost database file is not recreated empty while its backups are there: every command but
/// `init` says so (storage.missing) and `restore` brings the newest back. A backup that cannot
/// be written is a failure the clerk sees (non-zero exit, Vietnamese message naming the folder).
#[test]
fn a_lost_file_is_not_recreated_and_a_failed_backup_fails_the_command() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("thidua.sqlite3");
    assert!(thidua(&db, &["demo"]).0);
    let (ok, out, err) = thidua(&db, &["backups", "--now"]);
    assert!(ok, "{err}");
    assert!(out.contains("Đã sao lưu"), "{out}");
    let units = json(&db, &["list", "units"]).as_array().unwrap().len();
    assert!(units > 0);
    for f in ["thidua.sqlite3", "thidua.sqlite3-wal", "thidua.sqlite3-shm"] {
        let _ = std::fs::remove_file(dir.path().join(f));
    }
    for args in [&["info"][..], &["list", "units"], &["demo"]] {
        let (ok, _, err) = thidua(&db, args);
        assert!(!ok, "{args:?}");
        assert!(err.contains("storage.missing"), "{err}");
        assert!(err.contains("1 bản sao lưu"), "{err}");
        assert!(!db.exists(), "{args:?} recreated the file");
    }
    let backup = std::fs::read_dir(dir.path().join("sao-luu"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let (ok, _, err) = thidua(&db, &["restore", backup.to_str().unwrap()]);
    assert!(ok, "{err}");
    assert_eq!(
        json(&db, &["list", "units"]).as_array().unwrap().len(),
        units
    );

    // The backups' folder is a file: the backup cannot be written.
    let blocked = dir.path().join("khong-phai-thu-muc");
    std::fs::write(&blocked, "x").unwrap();
    let policy = dir.path().join("policy.json");
    std::fs::write(
        &policy,
        serde_json::json!({"folder": blocked, "keep_daily": 7, "keep_weekly": 4}).to_string(),
    )
    .unwrap();
    let (ok, _, err) = thidua(
        &db,
        &["backups", "--set-policy", policy.to_str().unwrap(), "--now"],
    );
    assert!(!ok, "a failed backup must fail the command");
    assert!(err.contains("backup.io"), "{err}");
    assert!(err.contains("khong-phai-thu-muc"), "{err}");
    assert!(
        !err.contains("os error"),
        "the system's English stays out: {err}"
    );
    // And a policy keeping nothing is refused, naming the field.
    std::fs::write(&policy, r#"{"keep_daily": 0}"#).unwrap();
    let (ok, _, err) = thidua(&db, &["backups", "--set-policy", policy.to_str().unwrap()]);
    assert!(!ok);
    assert!(err.contains("keep_daily"), "{err}");
}
