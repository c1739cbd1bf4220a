//! The process killed (SIGKILL) 20 times during a large import and 30 times during a stream of
//! edits, some at random moments and some just after the write began: afterwards the file
//! passes SQLite's integrity check, every change reported as saved is there, no operation is
//! half-applied, and the search index holds exactly the live records. Each loop proves its kills
//! landed inside a write: the WAL left behind is read, and at least 5 kills of each must have
//! left frames with no commit after them.

#![cfg(unix)]

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

const IMPORT_KILLS: usize = 20;
const EDIT_KILLS: usize = 30;
/// Kills of each loop that must land inside a write, and saves of the edit stream that must be
/// reported, for the test to mean anything.
const INSIDE_WRITES: usize = 5;
const SAVES: usize = 10;

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

/// When to kill: at a moment from the start, or once the write has begun (the WAL holds more
/// than its header) and `then` has passed.
#[derive(Clone, Copy)]
enum When {
    After(Duration),
    Writing { then: Duration },
}

/// How a run ended.
struct Ended {
    /// It ended by itself with success: its change was reported as saved.
    saved: bool,
    /// It was killed with a write under way: the WAL held frames with no commit after them.
    inside_write: bool,
}

/// Starts the command and kills it (SIGKILL) as `when` says unless it ended first. The WAL is
/// read right after the kill, before anything else opens the file (an opener would recover it).
fn kill_at(mut cmd: Command, db: &Path, when: When) -> Ended {
    let mut child = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let mut writing_since: Option<Instant> = None;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return Ended {
                saved: status.success(),
                inside_write: false,
            };
        }
        let due = match when {
            When::After(after) => start.elapsed() >= after,
            When::Writing { then } => {
                if writing_since.is_none() && wal_len(db) > WAL_HEADER as u64 {
                    writing_since = Some(Instant::now());
                }
                writing_since.is_some_and(|t| t.elapsed() >= then)
                    || start.elapsed() >= Duration::from_secs(30)
            }
        };
        if due {
            child.kill().unwrap(); // SIGKILL
            child.wait().unwrap();
            return Ended {
                saved: false,
                inside_write: wal(db).inside_write(),
            };
        }
        std::thread::sleep(Duration::from_micros(200));
    }
}

fn wal_path(db: &Path) -> std::path::PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push("-wal");
    name.into()
}

fn wal_len(db: &Path) -> u64 {
    std::fs::metadata(wal_path(db)).map_or(0, |m| m.len())
}

const WAL_HEADER: usize = 32;
const FRAME_HEADER: usize = 24;

/// What a WAL file holds (https://sqlite.org/fileformat.html#the_write_ahead_log): a 32-byte
/// header (page size at bytes 8..12, salts at 16..24), then frames of a 24-byte header and a
/// page. A frame belongs to this WAL while its salts (bytes 8..16) are the header's; a frame
/// whose "database size after commit" (bytes 4..8) is not zero ends a transaction.
#[derive(Debug, Default, PartialEq)]
struct Wal {
    frames: usize,
    commits: usize,
    /// Frames after the last commit frame (or all of them when there is none), a torn last
    /// frame included.
    uncommitted: usize,
}

impl Wal {
    /// Killed inside a write: frames written and not (yet) committed.
    fn inside_write(&self) -> bool {
        self.uncommitted > 0
    }
}

fn wal(db: &Path) -> Wal {
    let Ok(bytes) = std::fs::read(wal_path(db)) else {
        return Wal::default();
    };
    parse_wal(&bytes)
}

fn parse_wal(bytes: &[u8]) -> Wal {
    let mut w = Wal::default();
    if bytes.len() < WAL_HEADER {
        return w;
    }
    let be32 = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    let page = be32(&bytes[8..12]) as usize;
    let salts = &bytes[16..24];
    let mut at = WAL_HEADER;
    while at + FRAME_HEADER <= bytes.len() {
        let frame = &bytes[at..at + FRAME_HEADER];
        if &frame[8..16] != salts {
            break; // a frame left from before the WAL was last restarted
        }
        w.frames += 1;
        w.uncommitted += 1;
        let whole = at + FRAME_HEADER + page <= bytes.len();
        if whole && be32(&frame[4..8]) != 0 {
            w.commits += 1;
            w.uncommitted = 0;
        }
        at += FRAME_HEADER + page;
    }
    w
}

#[test]
fn the_wal_reader_tells_commits_from_frames_written_before_one() {
    let page = 512;
    let mut wal = vec![0u8; WAL_HEADER];
    wal[8..12].copy_from_slice(&(page as u32).to_be_bytes());
    wal[16..24].copy_from_slice(b"saltsalt");
    let frame = |commit: u32, salts: &[u8; 8]| {
        let mut f = vec![0u8; FRAME_HEADER + page];
        f[4..8].copy_from_slice(&commit.to_be_bytes());
        f[8..16].copy_from_slice(salts);
        f
    };
    assert_eq!(parse_wal(&wal[..10]), Wal::default());
    let mut w = wal.clone();
    w.extend(frame(0, b"saltsalt"));
    w.extend(frame(7, b"saltsalt"));
    assert_eq!(
        parse_wal(&w),
        Wal {
            frames: 2,
            commits: 1,
            uncommitted: 0
        }
    );
    // Frames after the commit: a kill inside the next write.
    let mut inside = w.clone();
    inside.extend(frame(0, b"saltsalt"));
    assert!(parse_wal(&inside).inside_write());
    // A torn frame counts as written, not as a commit.
    let mut torn = w.clone();
    torn.extend(&frame(9, b"saltsalt")[..FRAME_HEADER + 10]);
    assert!(parse_wal(&torn).inside_write());
    // Frames of an older WAL generation (other salts) are not this WAL's.
    let mut stale = w.clone();
    stale.extend(frame(0, b"oldsalts"));
    assert_eq!(
        parse_wal(&stale),
        Wal {
            frames: 2,
            commits: 1,
            uncommitted: 0
        }
    );
}

/// Each record of `table` that is live has its search document, and the index holds none of
/// a record that is not: read from the FTS index itself (a document's rowid is
/// `id * 32 + kind number`; units are 0, sources 14).
fn index_follows(db: &Path, table: &str, kind: &str, number: i64) {
    let missing = count(
        db,
        &format!(
            "SELECT count(*) FROM {table} t WHERE t.deleted_at IS NULL AND NOT EXISTS
               (SELECT 1 FROM search_index s WHERE s.rowid = t.id * 32 + {number}
                  AND s.kind = '{kind}' AND s.record_id = t.id)"
        ),
    );
    let stray = count(
        db,
        &format!(
            "SELECT count(*) FROM search_index s WHERE s.kind = '{kind}' AND NOT EXISTS
               (SELECT 1 FROM {table} t WHERE t.id = s.record_id AND t.deleted_at IS NULL)"
        ),
    );
    assert_eq!(
        (missing, stray),
        (0, 0),
        "{table}: documents missing, stray"
    );
}

/// How many documents the index finds for a phrase of folded words in their titles.
fn found(db: &Path, folded: &str) -> i64 {
    rusqlite::Connection::open(db)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM search_index WHERE search_index MATCH ?1",
            [format!("ftitle:\"{folded}\"")],
            |r| r.get(0),
        )
        .unwrap()
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
    // A large export: the sample data and 2.000 more units with long notes.
    let source = dir.path().join("source.sqlite3");
    run(&source, &["demo"]);
    let export = dir.path().join("export.json");
    run(&source, &["export", export.to_str().unwrap()]);
    let mut data: Value = serde_json::from_str(&std::fs::read_to_string(&export).unwrap()).unwrap();
    let units = data["records"]["units"].as_array_mut().unwrap();
    let template = units[0].clone();
    let first_id = 100_000;
    for i in 0..2000 {
        let mut u = template.clone();
        u["id"] = (first_id + i).into();
        u["name"] = format!("Đơn vị nhập số {i}").into();
        u["short_name"] = Value::Null;
        // A note of 600 characters: the rows outgrow SQLite's page cache while they are
        // inserted, so the write spills into the WAL long before its commit.
        u["note"] = format!("Ghi chú số {i}: {}", "thi đua khen thưởng ".repeat(30)).into();
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
    let (mut whole, mut empty, mut inside) = (0, 0, 0);
    for k in 0..IMPORT_KILLS {
        let db = dir.path().join(format!("import-{k}.sqlite3"));
        run(&db, &["init"]);
        let mut cmd = thidua(&db);
        cmd.arg("import").arg(&export);
        // Half at a random moment of the whole run, half once its write has begun (the rows
        // spill from the page cache into the WAL well before the commit).
        let when = if k % 2 == 0 {
            When::After(Duration::from_millis(rng.below(full + full / 4)))
        } else {
            When::Writing {
                then: Duration::from_micros(rng.below(20_000)),
            }
        };
        let ended = kill_at(cmd, &db, when);
        inside += ended.inside_write as usize;
        integrity(&db);
        let n = count(&db, "SELECT count(*) FROM units");
        if ended.saved {
            assert_eq!(n, expected_units, "an import reported done is all there");
        }
        assert!(n == 0 || n == expected_units, "half an import: {n} units");
        assert!(
            !(ended.inside_write && n > 0),
            "killed before its commit, yet imported"
        );
        if n == 0 {
            empty += 1
        } else {
            whole += 1;
            index_follows(&db, "units", "unit", 0);
        }
        // The file still opens and answers.
        run(&db, &["info"]);
    }
    eprintln!("import killed {IMPORT_KILLS} times (import takes {full} ms): {inside} inside its write, {empty} left empty, {whole} complete");
    assert!(empty > 0, "some kills landed before the commit");
    assert!(
        inside >= INSIDE_WRITES,
        "only {inside} kills landed inside the import's write"
    );
}

#[test]
fn killed_during_a_stream_of_edits_every_saved_change_is_there_and_none_is_half_applied() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("edits.sqlite3");
    run(&db, &["demo"]);
    let mut rng = Lcg(42);
    // What was reported saved: unit names, and titles of the large articles.
    let mut saved: Vec<String> = Vec::new();
    let mut articles: Vec<String> = Vec::new();
    let (mut killed, mut inside) = (0, 0);
    let mut i = 0;
    // Time one small save so kills land across its whole run.
    let t0 = Instant::now();
    let probe = dir.path().join("probe.json");
    std::fs::write(
        &probe,
        r#"{"kind": "khac", "name": "Đơn vị thử thời gian"}"#,
    )
    .unwrap();
    run(&db, &["save", "unit", probe.to_str().unwrap()]);
    let one = t0.elapsed().as_millis() as u64;
    // A large article (700.000 characters): its row and search document outgrow SQLite's page
    // cache, so its write spills into the WAL well before the commit.
    let words = [
        "Ban", "Tổ", "chức", "Tỉnh", "ủy", "thi", "đua", "hội", "nghị", "năm", "2023", "cụm",
    ];
    let body: String = (0..120_000)
        .map(|_| words[rng.below(words.len() as u64) as usize])
        .collect::<Vec<_>>()
        .join(" ");
    let mut reported = 0;
    while killed < EDIT_KILLS {
        i += 1;
        // Every third save is a large article; the others are small units.
        let big = i % 3 == 0;
        let file = dir.path().join("edit.json");
        let name = if big {
            let title = format!("Bài viết lớn số {i}");
            std::fs::write(
                &file,
                serde_json::json!({"title": title, "body_text": format!("{i} {body}")}).to_string(),
            )
            .unwrap();
            title
        } else {
            let name = format!("Đơn vị sửa số {i}");
            std::fs::write(&file, format!(r#"{{"kind": "khac", "name": "{name}"}}"#)).unwrap();
            name
        };
        let mut cmd = thidua(&db);
        cmd.args(["save", if big { "source" } else { "unit" }])
            .arg(&file);
        let when = if big {
            When::Writing {
                then: Duration::from_micros(rng.below(30_000)),
            }
        } else {
            When::After(Duration::from_millis(rng.below(3 * one)))
        };
        let ended = kill_at(cmd, &db, when);
        if ended.saved {
            reported += 1;
            if big {
                articles.push(name);
            } else {
                saved.push(name);
            }
        } else {
            killed += 1;
            inside += ended.inside_write as usize;
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
    for t in &articles {
        let n = count(
            &db,
            &format!("SELECT count(*) FROM sources WHERE title = '{t}'"),
        );
        assert_eq!(n, 1, "«{t}» was reported saved");
    }
    // No half-applied write: each record created has its audit entry, and no entry lacks its
    // record.
    for (table, kind) in [("units", "unit"), ("sources", "source")] {
        let orphans = count(
            &db,
            &format!(
                "SELECT count(*) FROM {table} t WHERE NOT EXISTS
                   (SELECT 1 FROM audit a WHERE a.kind = '{kind}' AND a.record_id = t.id)"
            ),
        );
        let dangling = count(
            &db,
            &format!(
                "SELECT count(*) FROM audit a WHERE a.kind = '{kind}' AND a.action = 'create'
                   AND a.undone_at IS NULL
                   AND NOT EXISTS (SELECT 1 FROM {table} t WHERE t.id = a.record_id)"
            ),
        );
        assert_eq!((orphans, dangling), (0, 0), "{table}");
    }
    // The search index followed every committed write: read from the index itself.
    index_follows(&db, "units", "unit", 0);
    index_follows(&db, "sources", "source", 14);
    for n in &saved {
        let number = n.rsplit(' ').next().unwrap();
        assert_eq!(
            found(&db, &format!("don vi sua so {number}")),
            1,
            "«{n}» is found"
        );
    }
    for t in &articles {
        let number = t.rsplit(' ').next().unwrap();
        assert_eq!(
            found(&db, &format!("bai viet lon so {number}")),
            1,
            "«{t}» is found"
        );
    }
    eprintln!(
        "edits: {i} saves, {killed} killed mid-run ({inside} inside their write; one small save takes {one} ms), {reported} reported saved ({} articles), all present",
        articles.len()
    );
    assert!(
        inside >= INSIDE_WRITES,
        "only {inside} kills landed inside a write"
    );
    assert!(reported >= SAVES, "only {reported} saves were reported");
}
