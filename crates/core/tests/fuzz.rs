//! Fuzzing on stable Rust: a small mutation fuzzer (deterministic, seeded) over the corpus in
//! `tests/fuzz-corpus/` plus seeds made by Thidua itself (a report's DOCX and PDF, an export),
//! for every reader of outside input: article files (HTML, PDF, DOCX, text), the extraction
//! rules, `thidua record` input, the JSON import, images on their way to OCR, database files
//! opened as the app opens them, and the viewer's sanitizer (whose output must hold no script,
//! no `on*=` handler and no address but an absolute http(s) one). Every input must give a result
//! or an error within `CASE_SECONDS` and `CASE_MEMORY`: a panic, a hang or a memory blow-up is a
//! failure (each case runs on its own thread and is given up on at its deadline, so a hang fails
//! the test instead of stalling it). A failing input is saved under `target/fuzz-crashes/` (copy
//! it into the corpus: corpus files run first on every run, so it stays a regression test).
//!
//! `cargo test` runs a short round (FUZZ_CASES, default 150 per target); the long run is
//! `FUZZ_CASES=20000 cargo test --release -p thidua-core --test fuzz -- --nocapture`.

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

use thidua_core::services::{extract, facts_file, reports, sources, transfer};
use thidua_core::Store;

/// A case running longer than this is a hang (`FUZZ_CASE_SECONDS` to change it; the slowest
/// seeds, a report's PDF read in a debug build, take well under a second).
fn case_limit() -> Duration {
    Duration::from_secs(
        std::env::var("FUZZ_CASE_SECONDS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(5),
    )
}

/// Bytes a case may hold at once, counted on its own thread.
const CASE_MEMORY: isize = 512 * 1024 * 1024;

/// The system allocator, counting per thread the bytes live and their peak: each case runs on a
/// fresh thread, so its peak is its own even while the other targets run beside it.
struct Counting;

thread_local! {
    static LIVE: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

fn track(delta: isize) {
    // `try_with`: nothing is counted while a thread's locals are being torn down.
    let _ = LIVE.try_with(|live| {
        let now = live.get() + delta;
        live.set(now);
        let _ = PEAK.try_with(|peak| peak.set(peak.get().max(now)));
    });
}

// SAFETY: every call goes to `System` unchanged; only counters are updated beside it.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            track(layout.size() as isize);
        }
        p
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            track(layout.size() as isize);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        unsafe { System.dealloc(p, layout) };
        track(-(layout.size() as isize));
    }
    unsafe fn realloc(&self, p: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let q = unsafe { System.realloc(p, layout, new_size) };
        if !q.is_null() {
            track(new_size as isize - layout.size() as isize);
        }
        q
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

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

/// How one case ended.
enum Outcome {
    Done { peak: isize },
    Panicked,
}

/// Runs `f` on the corpus, then on `cases()` mutants, each on its own thread; fails on the first
/// panic, hang (past `case_limit()`) or case holding more than `CASE_MEMORY`, keeping its input.
/// Returns the number of executions.
fn fuzz(
    target: &str,
    seeds: &[(String, Vec<u8>)],
    json: bool,
    f: impl Fn(&str, &[u8]) + Send + Sync + 'static,
) -> usize {
    fuzz_within(case_limit(), target, seeds, json, f)
}

fn fuzz_within(
    limit: Duration,
    target: &str,
    seeds: &[(String, Vec<u8>)],
    json: bool,
    f: impl Fn(&str, &[u8]) + Send + Sync + 'static,
) -> usize {
    let started = Instant::now();
    let f = Arc::new(f);
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ target.len() as u64);
    let run = |name: &str, input: &[u8], n: usize| {
        let (tx, rx) = mpsc::channel();
        let (f, case_name, case_input) = (f.clone(), name.to_string(), input.to_vec());
        std::thread::Builder::new()
            .name(format!("fuzz-{target}-{n}"))
            .spawn(move || {
                let ok = catch_unwind(AssertUnwindSafe(|| f(&case_name, &case_input))).is_ok();
                let peak = PEAK.with(Cell::get);
                let _ = tx.send(if ok {
                    Outcome::Done { peak }
                } else {
                    Outcome::Panicked
                });
            })
            .unwrap();
        let failure = match rx.recv_timeout(limit) {
            Ok(Outcome::Done { peak }) if peak <= CASE_MEMORY => return,
            Ok(Outcome::Done { peak }) => format!("{} MB held at once", peak >> 20),
            Ok(Outcome::Panicked) | Err(mpsc::RecvTimeoutError::Disconnected) => "panic".into(),
            // The thread is left running: the test fails now, the process ends with it.
            Err(mpsc::RecvTimeoutError::Timeout) => format!("no answer in {limit:?} (a hang)"),
        };
        if target.starts_with("self-test") {
            panic!("{target}: {failure} on input {n}");
        }
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/fuzz-crashes");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{target}-{n}-{name}"));
        std::fs::write(&path, input).unwrap();
        panic!(
            "{target}: {failure} on input {n}, kept in {}",
            path.display()
        );
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
        "fuzz {target}: {n} executions without a panic, hang or blow-up in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    n
}

/// The viewer's safety property, on sanitized HTML: no script element, no `on*` handler and no
/// address but an absolute http(s) one (today's policy keeps none at all). Attributes are read
/// as a browser would, quotes respected, so a value quoting `onerror=` is not mistaken for one.
fn assert_safe(html: &str) {
    let lower = html.to_lowercase();
    assert!(!lower.contains("<script"), "script in {html}");
    // Bytes, not chars: every boundary looked for is ASCII.
    let b = lower.as_bytes();
    let find = |from: usize, pred: &dyn Fn(u8) -> bool| {
        b[from.min(b.len())..]
            .iter()
            .position(|&c| pred(c))
            .map_or(b.len(), |p| p + from)
    };
    let mut i = find(0, &|c| c == b'<');
    while i < b.len() {
        // Past the tag name, then its attributes up to the tag's end.
        let mut j = find(i + 1, &|c| c.is_ascii_whitespace() || c == b'>');
        loop {
            j = find(j, &|c| !(c.is_ascii_whitespace() || c == b'/'));
            if j >= b.len() || b[j] == b'>' {
                break;
            }
            let end = find(j, &|c| c == b'=' || c == b'>' || c.is_ascii_whitespace());
            let name = String::from_utf8_lossy(&b[j..end]).to_string();
            j = end;
            let mut value = String::new();
            if b.get(j) == Some(&b'=') {
                j += 1;
                let (start, end) = match b.get(j) {
                    Some(&q @ (b'"' | b'\'')) => (j + 1, find(j + 1, &|c| c == q)),
                    _ => (j, find(j, &|c| c.is_ascii_whitespace() || c == b'>')),
                };
                value = String::from_utf8_lossy(&b[start.min(end)..end]).to_string();
                j = (end + 1).min(b.len());
            }
            assert!(!name.starts_with("on"), "handler {name} in {html}");
            if matches!(
                name.as_str(),
                "href" | "src" | "action" | "formaction" | "xlink:href"
            ) {
                assert!(
                    value.starts_with("http://") || value.starts_with("https://"),
                    "{name}={value} in {html}"
                );
            }
        }
        i = find(j.max(i + 1), &|c| c == b'<');
    }
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
    let store = Mutex::new(Store::open_in_memory().unwrap());
    let n = fuzz("read", &seeds, false, move |name, bytes| {
        let _ = sources::read(bytes, name);
        // The same bytes under every name: each reader meets every other format's bytes, and
        // the HTML it gives the viewer holds nothing that runs or points anywhere.
        for other in ["x.html", "x.pdf", "x.docx", "x.txt"] {
            if let Ok(read) = sources::read(bytes, other) {
                if let Some(html) = read.html {
                    assert_safe(&html);
                }
            }
        }
        // Attached: what is kept and indexed is the same text the reader gave.
        let mut store = store.lock().unwrap_or_else(|e| e.into_inner());
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
    let store = Mutex::new(Store::open_in_memory().unwrap());
    let n = fuzz("record", &seeds, true, move |_, bytes| {
        let json = String::from_utf8_lossy(bytes);
        // Rolled back: each input meets the same store.
        if let Ok(facts) = facts_file::parse(&json) {
            let mut store = store.lock().unwrap_or_else(|e| e.into_inner());
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

/// Hostile markup for the sanitizer: everything the viewer must never pass on.
const HOSTILE_HTML: &[&str] = &[
    "<script>alert(1)</script><p onclick=\"alert(2)\">Cụm thi đua</p>",
    "<img src=x onerror=alert(1)><a href=\"javascript:alert(1)\">a</a>",
    "<a href=\"//evil.example/x\">b</a><a href=\"/tuong-doi\">c</a><a href=\"https://vi.example/\">d</a>",
    "<base href=\"https://evil.example/\"><form action=\"https://evil.example/\"><input name=q><button formaction=x>g</button></form>",
    "<iframe src=\"https://evil.example/\"></iframe><object data=x></object><embed src=x>",
    "<svg><script>alert(1)</script><a xlink:href=\"javascript:alert(1)\">s</a></svg>",
    "<math><mi xlink:href=\"javascript:alert(1)\">m</mi></math><style>*{}</style>",
    "<p title=\"x onerror=alert(1) <script>\">t</p><a href=\" JaVaScRiPt:alert(1)\">e</a>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
    "<a href=\"&#106;avascript:alert(1)\">n</a><a href=\"\\\\evil.example\\x\">w</a>",
];

#[test]
fn fuzz_the_viewer_sanitizer() {
    let mut seeds: Vec<(String, Vec<u8>)> = HOSTILE_HTML
        .iter()
        .enumerate()
        .map(|(i, h)| (format!("hostile-{i}.html"), h.as_bytes().to_vec()))
        .collect();
    seeds.extend(corpus("article"));
    let n = fuzz("sanitize", &seeds, false, |_, bytes| {
        if let Some(html) = sources::sanitized(&String::from_utf8_lossy(bytes)) {
            assert_safe(&html);
            // Sanitizing what was sanitized changes nothing that matters: still safe.
            assert_safe(&sources::sanitized(&html).unwrap_or_default());
        }
    });
    assert!(n > cases());
}

#[test]
#[should_panic(expected = "a hang")]
fn a_case_that_hangs_fails_instead_of_stalling() {
    let seeds = [("x".to_string(), vec![1u8])];
    fuzz_within(
        Duration::from_millis(300),
        "self-test-hang",
        &seeds,
        false,
        |_, _| std::thread::sleep(Duration::from_secs(60)),
    );
}

#[test]
#[should_panic(expected = "MB held at once")]
fn a_case_that_holds_too_much_memory_fails() {
    let seeds = [("x".to_string(), vec![1u8])];
    fuzz("self-test-memory", &seeds, false, |_, _| {
        // Zeroed pages cost nothing until touched; the count is what is asked for.
        // (16 MB over: a thread's count starts a little below zero when it frees what another
        // thread allocated, such as its input.)
        let big = vec![0u8; CASE_MEMORY as usize + (16 << 20)];
        std::hint::black_box(&big);
    });
}

#[test]
fn the_safety_property_catches_what_it_should() {
    for bad in [
        "<script>x</script>",
        "<p onclick=\"x\">a</p>",
        "<a href=\"/x\">a</a>",
        "<a href='//evil.example/x'>a</a>",
        "<a href=javascript:x>a</a>",
    ] {
        assert!(
            catch_unwind(|| assert_safe(bad)).is_err(),
            "{bad} passed the property"
        );
    }
    assert_safe("<p title=\"a onclick=b\">x</p><a href=\"https://vi.example/\">y</a>");
}

/// A small PNG, built by hand (stored, not compressed): a valid image for the mutations to
/// start from.
fn tiny_png(w: u32, h: u32) -> Vec<u8> {
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &x in bytes {
            crc ^= x as u32;
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
    let raw: Vec<u8> = (0..h)
        .flat_map(|_| std::iter::once(0).chain((0..w).map(|x| x as u8)))
        .collect();
    // zlib, one stored block.
    let mut idat = vec![0x78, 0x01, 1];
    idat.extend_from_slice(&(raw.len() as u16).to_le_bytes());
    idat.extend_from_slice(&(!(raw.len() as u16)).to_le_bytes());
    idat.extend_from_slice(&raw);
    let (mut a, mut b) = (1u32, 0u32);
    for &x in &raw {
        a = (a + x as u32) % 65521;
        b = (b + a) % 65521;
    }
    idat.extend_from_slice(&((b << 16) | a).to_be_bytes());
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    for (kind, data) in [
        (
            &b"IHDR"[..],
            [w.to_be_bytes(), h.to_be_bytes()]
                .concat()
                .into_iter()
                .chain([8, 0, 0, 0, 0])
                .collect::<Vec<u8>>(),
        ),
        (b"IDAT", idat),
        (b"IEND", Vec::new()),
    ] {
        png.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let typed = [kind, &data].concat();
        png.extend_from_slice(&typed);
        png.extend_from_slice(&crc32(&typed).to_be_bytes());
    }
    png
}

#[test]
fn fuzz_images_on_their_way_to_ocr() {
    // The header that states an image's size is read before any decoder or OCR runs: mutated
    // sizes (huge, zero), cut segments and markers must give a result or a refusal, never a
    // panic or a hang. (Tesseract itself is not started per mutant — `THIDUA_NO_OCR` — it runs
    // with a deadline, `ocr::run_until`.)
    no_ocr();
    let mut seeds = vec![
        ("nho.png".to_string(), tiny_png(16, 8)),
        (
            "dau.jpg".to_string(),
            vec![
                0xFF, 0xD8, 0xFF, 0xE0, 0, 16, b'J', b'F', b'I', b'F', 0, 1, 1, 0, 0, 1, 0, 1, 0,
                0, 0xFF, 0xDB, 0, 4, 0, 0, 0xFF, 0xC0, 0, 11, 8, 0, 8, 0, 16, 1, 1, 0x11, 0, 0xFF,
                0xDA, 0, 2, 0xFF, 0xD9,
            ],
        ),
    ];
    let scan = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scan.png");
    if let Ok(bytes) = std::fs::read(scan) {
        seeds.push(("scan.png".into(), bytes));
    }
    let n = fuzz("image", &seeds, false, |name, bytes| {
        match sources::read(bytes, name) {
            Ok(_) => {}
            Err(e) => assert!(
                matches!(
                    e.code(),
                    "attach.too_large" | "attach.unsupported" | "attach.unreadable"
                ),
                "{}: {e}",
                e.code()
            ),
        }
    });
    assert!(n > cases());
}

#[test]
fn fuzz_database_files() {
    // A database file from a USB stick or a damaged disk, opened as the app opens one
    // (`Store::open`): it opens and answers, or is refused with an error; never a panic or a hang.
    no_ocr();
    let dir = tempfile::tempdir().unwrap();
    let seed_path = dir.path().join("mau.sqlite3");
    {
        let mut store = Store::open(&seed_path).unwrap();
        facts_file::record_json(
            &mut store,
            &String::from_utf8(corpus("facts")[0].1.clone()).unwrap(),
            None,
        )
        .unwrap();
        sources::attach_text(&mut store, "Bài viết ngắn về Cụm thi đua số III.", None).unwrap();
    }
    let seeds = vec![(
        "mau.sqlite3".to_string(),
        std::fs::read(&seed_path).unwrap(),
    )];
    let root = Arc::new(dir.path().to_path_buf());
    use std::sync::atomic::{AtomicUsize, Ordering};
    let counter = AtomicUsize::new(0);
    let opened = Arc::new(AtomicUsize::new(0));
    let answered = opened.clone();
    let n = fuzz("database", &seeds, false, move |_, bytes| {
        let case = root.join(format!(
            "ca-{}.sqlite3",
            counter.fetch_add(1, Ordering::SeqCst)
        ));
        std::fs::write(&case, bytes).unwrap();
        if let Ok(store) = Store::open(&case) {
            answered.fetch_add(1, Ordering::SeqCst);
            let _ = thidua_core::db_info(&store);
            let _ = thidua_core::services::search::search(&store, "cum thi dua", 5);
        }
    });
    drop(dir);
    assert!(n > cases());
    // The seed and some mutants (a flipped byte in a free page, a cut tail) do open: the
    // readers past the open are reached, not only the refusals.
    let opened = opened.load(Ordering::SeqCst);
    eprintln!("fuzz database: {opened} of {n} files opened");
    assert!(opened >= 1);
}
