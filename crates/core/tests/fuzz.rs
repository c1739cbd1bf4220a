//! Fuzzing on stable Rust: a small mutation fuzzer (deterministic, seeded) over the corpus in
//! `tests/fuzz-corpus/` plus seeds made by Thidua itself (a report's DOCX and PDF, an export),
//! for every reader of outside input: article files (HTML, PDF, DOCX, text), the extraction
//! rules, `thidua record` input and the JSON import. Every input must give a result or an error,
//! never a panic. A panic saves its input under `target/fuzz-crashes/` (copy it into the
//! corpus: corpus files run first on every run, so it stays a regression test).
//!
//! `cargo test` runs a short round (FUZZ_CASES, default 150 per target); the long run is
//! `FUZZ_CASES=20000 cargo test --release -p thidua-core --test fuzz -- --nocapture`.

mod common;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::time::Instant;

use thidua_core::services::{extract, facts_file, reports, sources, transfer};
use thidua_core::Store;

fn cases() -> usize {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(150)
}

fn no_ocr() {
    // SAFETY: every test of this binary sets the same value before any reader runs; nothing
    // else in the process changes the environment.
    unsafe { std::env::set_var("THIDUA_NO_OCR", "1") };
}

fn corpus(dir: &str) -> Vec<(String, Vec<u8>)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz-corpus")
        .join(dir);
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&root)
        .unwrap()
        .flatten()
        .map(|e| {
            (
                e.file_name().to_string_lossy().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const TOKENS: &[&str] = &[
    "<script>alert(1)</script>",
    "%PDF-1.7\n",
    "PK\u{3}\u{4}",
    "\u{202e}",
    "\u{200b}",
    "\u{feff}",
    "null",
    "-1e309",
    "1e400",
    "\"",
    "\\",
    "Đ",
    "ð",
    "Ð",
    "ư̛",
    "99999999999999999999",
    "]]]]",
    "{{{{",
    "<w:t>",
    "</w:p>",
    "endobj",
    "stream\n",
    "&#xD800;",
    "&amp;",
    "0/0",
    "ngày 31/2",
    "Cụm thi đua số ",
    "20.777",
    "60,52%",
    "\u{0}",
    "\r\n",
    "ﬁ",
];

/// One to eight byte-level mutations: flips, interesting bytes and tokens, cuts, copies,
/// truncation, and splices with another seed.
fn mutate(rng: &mut Rng, input: &[u8], other: &[u8]) -> Vec<u8> {
    let mut v = input.to_vec();
    for _ in 0..1 + rng.below(8) {
        let len = v.len().max(1);
        match rng.below(7) {
            0 if !v.is_empty() => {
                let i = rng.below(v.len());
                v[i] ^= 1 << rng.below(8);
            }
            1 if !v.is_empty() => {
                let i = rng.below(v.len());
                v[i] = [
                    0u8, 0xff, b'<', b'>', b'"', b'{', b'}', b',', b':', 0x80, 0xc3,
                ][rng.below(11)];
            }
            2 if !v.is_empty() => {
                let a = rng.below(v.len());
                let b = (a + rng.below(64)).min(v.len());
                v.drain(a..b);
            }
            3 if !v.is_empty() => {
                let a = rng.below(v.len());
                let b = (a + rng.below(64)).min(v.len());
                let chunk = v[a..b].to_vec();
                let at = rng.below(v.len());
                v.splice(at..at, chunk);
            }
            4 => {
                let t = TOKENS[rng.below(TOKENS.len())].as_bytes();
                let at = rng.below(len);
                v.splice(at.min(v.len())..at.min(v.len()), t.iter().copied());
            }
            5 => v.truncate(rng.below(len)),
            _ if !other.is_empty() => {
                let cut = rng.below(len).min(v.len());
                let from = rng.below(other.len());
                v.truncate(cut);
                v.extend_from_slice(&other[from..]);
            }
            _ => {}
        }
    }
    v
}

/// For JSON inputs, also a change of one value (another type, a huge or empty one, a long or
/// odd string): reaches past the parser where byte flips mostly stop at it.
fn mutate_json(rng: &mut Rng, input: &[u8]) -> Option<Vec<u8>> {
    let mut value: serde_json::Value = serde_json::from_slice(input).ok()?;
    fn paths(v: &serde_json::Value, out: &mut Vec<Vec<String>>, at: Vec<String>) {
        out.push(at.clone());
        match v {
            serde_json::Value::Object(m) => {
                for (k, x) in m {
                    let mut p = at.clone();
                    p.push(k.clone());
                    paths(x, out, p);
                }
            }
            serde_json::Value::Array(a) => {
                for (i, x) in a.iter().enumerate().take(40) {
                    let mut p = at.clone();
                    p.push(i.to_string());
                    paths(x, out, p);
                }
            }
            _ => {}
        }
    }
    let mut all = Vec::new();
    paths(&value, &mut all, Vec::new());
    let path = &all[rng.below(all.len())];
    let mut target = &mut value;
    for key in path {
        target = match target {
            serde_json::Value::Object(m) => m.get_mut(key)?,
            serde_json::Value::Array(a) => a.get_mut(key.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    *target = match rng.below(9) {
        0 => serde_json::Value::Null,
        1 => serde_json::json!(-1),
        2 => serde_json::json!(1e300),
        3 => serde_json::json!(""),
        4 => serde_json::json!("x".repeat(5000)),
        5 => serde_json::json!([]),
        6 => serde_json::json!({}),
        7 => serde_json::json!(TOKENS[rng.below(TOKENS.len())]),
        _ => serde_json::json!(i64::MAX),
    };
    serde_json::to_vec(&value).ok()
}

/// Runs `f` on the corpus, then on `cases()` mutants; fails on the first panic, keeping its
/// input. Returns the number of executions.
fn fuzz(
    target: &str,
    seeds: &[(String, Vec<u8>)],
    json: bool,
    mut f: impl FnMut(&str, &[u8]),
) -> usize {
    let started = Instant::now();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ target.len() as u64);
    let mut run = |name: &str, input: &[u8], n: usize| {
        if catch_unwind(AssertUnwindSafe(|| f(name, input))).is_err() {
            let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/fuzz-crashes");
            std::fs::create_dir_all(&dir).unwrap();
            let path = dir.join(format!("{target}-{n}-{name}"));
            std::fs::write(&path, input).unwrap();
            panic!("{target}: panic on input {n}, kept in {}", path.display());
        }
    };
    let mut n = 0;
    for (name, bytes) in seeds {
        run(name, bytes, n);
        n += 1;
    }
    for _ in 0..cases() {
        let (name, seed) = &seeds[rng.below(seeds.len())];
        let other = &seeds[rng.below(seeds.len())].1;
        let input = if json && rng.below(2) == 0 {
            mutate_json(&mut rng, seed).unwrap_or_else(|| mutate(&mut rng, seed, other))
        } else {
            mutate(&mut rng, seed, other)
        };
        run(name, &input, n);
        n += 1;
    }
    eprintln!(
        "fuzz {target}: {n} executions without a panic in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    n
}

/// Article seeds: the corpus plus a DOCX and a PDF written by the report engine.
fn article_seeds() -> Vec<(String, Vec<u8>)> {
    let mut seeds = corpus("article");
    let store = common::demo_store();
    let r = reports::summary::build(
        &store,
        &reports::SummaryRequest {
            of: reports::SummaryOf::Person,
            id: reports::summary::find(&store, reports::SummaryOf::Person, "Võ Hồng Hải").unwrap(),
            year: 2023,
        },
        "2023-12-08",
    )
    .unwrap();
    seeds.push((
        "bao-cao.docx".into(),
        reports::render(&r, reports::Format::Docx)
            .unwrap()
            .remove(0)
            .1,
    ));
    seeds.push((
        "bao-cao.pdf".into(),
        reports::render(&r, reports::Format::Pdf)
            .unwrap()
            .remove(0)
            .1,
    ));
    seeds
}

#[test]
fn fuzz_reading_article_files() {
    no_ocr();
    let seeds = article_seeds();
    let mut store = Store::open_in_memory().unwrap();
    let n = fuzz("read", &seeds, false, |name, bytes| {
        let _ = sources::read(bytes, name);
        // The same bytes under every name: each reader meets every other format's bytes.
        for other in ["x.html", "x.pdf", "x.docx", "x.txt"] {
            let _ = sources::read(bytes, other);
        }
        // Attached: what is kept and indexed is the same text the reader gave.
        let _ = sources::attach(&mut store, bytes, name, None);
    });
    assert!(n > cases());
}

#[test]
fn fuzz_the_extraction_rules() {
    no_ocr();
    let mut seeds = corpus("article");
    for dir in ["seeds", "dev"] {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/facts")
            .join(dir);
        for e in std::fs::read_dir(root).unwrap().flatten() {
            if e.path().extension().is_some_and(|x| x == "txt") {
                seeds.push((
                    e.file_name().to_string_lossy().to_string(),
                    std::fs::read(e.path()).unwrap(),
                ));
            }
        }
    }
    let n = fuzz("extract", &seeds, false, |name, bytes| {
        let text = extract::normalized_text(&String::from_utf8_lossy(bytes));
        let facts = extract::extract(&text, Some(name));
        // Every quote points into the text it came from.
        let chars = text.chars().count();
        let json = extract::to_json(&facts);
        for q in json.to_string().split("\"start\":").skip(1) {
            let start: usize = q
                .split(|c: char| !c.is_ascii_digit())
                .next()
                .unwrap()
                .parse()
                .unwrap();
            assert!(start <= chars, "quote start {start} beyond {chars}");
        }
    });
    assert!(n > cases());
}

#[test]
fn fuzz_record_input() {
    no_ocr();
    let seeds = corpus("facts");
    let mut store = Store::open_in_memory().unwrap();
    let n = fuzz("record", &seeds, true, |_, bytes| {
        let json = String::from_utf8_lossy(bytes);
        // Rolled back: each input meets the same store.
        if let Ok(facts) = facts_file::parse(&json) {
            let _ = store.preview(|tx| facts_file::record(tx, &facts, None));
        }
    });
    assert!(n > cases());
}

#[test]
fn fuzz_the_json_import() {
    no_ocr();
    // A small export made by this Thidua: a few records of every common kind and a file.
    let mut small = Store::open_in_memory().unwrap();
    facts_file::record_json(
        &mut small,
        &String::from_utf8(corpus("facts")[0].1.clone()).unwrap(),
        None,
    )
    .unwrap();
    sources::attach_text(&mut small, "Bài viết ngắn về Cụm thi đua số III.", None).unwrap();
    let mut seeds = corpus("export");
    seeds.push((
        "export.json".into(),
        transfer::to_json(&transfer::export(&small).unwrap()).into_bytes(),
    ));
    let n = fuzz("import", &seeds, true, |_, bytes| {
        let mut empty = Store::open_in_memory().unwrap();
        let json = String::from_utf8_lossy(bytes);
        if transfer::import(&mut empty, &json).is_ok() {
            // What was accepted is a whole database: it exports again.
            transfer::export(&empty).unwrap();
        }
    });
    assert!(n > cases());
}
