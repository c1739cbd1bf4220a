//! The process killed (SIGKILL) at random moments, 50 times during a large import and 50 times
//! during a stream of edits: afterwards the file passes SQLite's integrity check, every change
//! reported as saved is there, and no operation is half-applied.

#![cfg(unix)]

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

const KILLS: usize = 50;

fn thidua(db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_thidua"));
    c.arg("--db").arg(db).env_remove("THIDUA_DB");
    c
}

fn run(db: &Path, args: &[&str]) -> String {
    let out = thidua(db).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A small deterministic generator: the same kill moments every run.
struct Lcg(u64);
impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n.max(1)
    }
}

/// Starts the command, kills it after `after` unless it ended first; true when it ended by
/// itself with success (its change was reported as saved).
fn kill_after(mut cmd: Command, after: Duration) -> bool {
    let mut child = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status.success();
        }
        if start.elapsed() >= after {
            child.kill().unwrap(); // SIGKILL
            child.wait().unwrap();
            return false;
        }
        std::thread::sleep(Duration::from_micros(300));
    }
}

fn integrity(db: &Path) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let verdict: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(verdict, "ok");
}

fn count(db: &Path, sql: &str) -> i64 {
    rusqlite::Connection::open(db)
        .unwrap()
        .query_row(sql, [], |r| r.get(0))
        .unwrap()
}

#[test]
fn killed_during_a_large_import_the_database_is_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    // A large export: the sample data and 4.000 more units.
    let source = dir.path().join("source.sqlite3");
    run(&source, &["demo"]);
    let export = dir.path().join("export.json");
    run(&source, &["export", export.to_str().unwrap()]);
    let mut data: Value = serde_json::from_str(&std::fs::read_to_string(&export).unwrap()).unwrap();
    let units = data["records"]["units"].as_array_mut().unwrap();
    let template = units[0].clone();
    let first_id = 100_000;
    for i in 0..4000 {
        let mut u = template.clone();
        u["id"] = (first_id + i).into();
        u["name"] = format!("Đơn vị nhập số {i}").into();
        u["short_name"] = Value::Null;
        units.push(u);
    }
    let expected_units = units.len() as i64;
    std::fs::write(&export, serde_json::to_string(&data).unwrap()).unwrap();

    // How long one import takes, so kills land across all of it.
    let timed = dir.path().join("timed.sqlite3");
    run(&timed, &["init"]);
    let t0 = Instant::now();
    run(&timed, &["import", export.to_str().unwrap()]);
    let full = t0.elapsed().as_millis() as u64;

    let mut rng = Lcg(17);
    let (mut whole, mut empty) = (0, 0);
    for k in 0..KILLS {
        let db = dir.path().join(format!("import-{k}.sqlite3"));
        run(&db, &["init"]);
        let mut cmd = thidua(&db);
        cmd.arg("import").arg(&export);
        let finished = kill_after(cmd, Duration::from_millis(rng.below(full + full / 4)));
        integrity(&db);
        let n = count(&db, "SELECT count(*) FROM units");
        if finished {
            assert_eq!(n, expected_units, "an import reported done is all there");
        }
        assert!(n == 0 || n == expected_units, "half an import: {n} units");
        if n == 0 {
            empty += 1
        } else {
            whole += 1
        }
        // The file still opens and answers.
        run(&db, &["info"]);
    }
    eprintln!("import killed {KILLS} times (import takes {full} ms): {empty} left empty, {whole} complete");
    assert!(empty > 0, "some kills landed before the commit");
}

#[test]
fn killed_during_a_stream_of_edits_every_saved_change_is_there_and_none_is_half_applied() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("edits.sqlite3");
    run(&db, &["demo"]);
    let mut rng = Lcg(42);
    let mut saved: Vec<String> = Vec::new();
    let mut killed = 0;
    let mut i = 0;
    // Time one save so kills land across its whole run.
    let t0 = Instant::now();
    let probe = dir.path().join("probe.json");
    std::fs::write(
        &probe,
        r#"{"kind": "khac", "name": "Đơn vị thử thời gian"}"#,
    )
    .unwrap();
    run(&db, &["save", "unit", probe.to_str().unwrap()]);
    saved.push("Đơn vị thử thời gian".into());
    let one = t0.elapsed().as_millis() as u64;
    while killed < KILLS {
        i += 1;
        let name = format!("Đơn vị sửa số {i}");
        let file = dir.path().join(format!("u{i}.json"));
        std::fs::write(&file, format!(r#"{{"kind": "khac", "name": "{name}"}}"#)).unwrap();
        let mut cmd = thidua(&db);
        cmd.args(["save", "unit"]).arg(&file);
        if kill_after(cmd, Duration::from_millis(rng.below(one + one / 2))) {
            saved.push(name);
        } else {
            killed += 1;
        }
        integrity(&db);
    }
    // Every change reported as saved is there.
    let out = run(&db, &["list", "units", "--json"]);
    let names: Vec<String> = serde_json::from_str::<Vec<Value>>(&out)
        .unwrap()
        .iter()
        .map(|u| u["name"].as_str().unwrap().to_string())
        .collect();
    for n in &saved {
        assert!(names.contains(n), "«{n}» was reported saved");
    }
    // No half-applied write: each unit created has its audit entry, and no entry lacks its unit.
    let orphans = count(
        &db,
        "SELECT count(*) FROM units u WHERE NOT EXISTS
           (SELECT 1 FROM audit a WHERE a.kind = 'unit' AND a.record_id = u.id)",
    );
    let dangling = count(
        &db,
        "SELECT count(*) FROM audit a WHERE a.kind = 'unit' AND a.action = 'create' AND a.undone_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM units u WHERE u.id = a.record_id)",
    );
    assert_eq!((orphans, dangling), (0, 0));
    // The search index followed every committed write.
    let indexed = count(&db, "SELECT count(*) FROM units WHERE deleted_at IS NULL");
    assert!(indexed as usize >= saved.len());
    eprintln!(
        "edits: {} saves, {killed} killed mid-run (one save takes {one} ms), {} reported saved, all present",
        i + 1,
        saved.len()
    );
}
