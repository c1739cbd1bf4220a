//! Benchmarks (`thidua bench`): each heavy operation timed over repeated runs (median and 95th
//! percentile), beside its limit measured in the same run — the bare FTS5 query a search runs
//! on, the same SQL a list runs, taken directly — and beside its target. Not a test: it reports.

use std::path::Path;
use std::time::Instant;

use serde::Serialize;

use crate::domain::RecordKind;
use crate::domain::{ListName, ListRows};
use crate::services::{editing, extract, facts_file, lists, overview, reports, search, transfer};
use crate::storage::{queries, search as index, StorageError, Store};
use crate::text::fold_key;

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub name: String,
    pub runs: usize,
    pub p50_ms: f64,
    pub p95_ms: f64,
    /// What it is measured against, and that limit's median.
    pub limit: Option<String>,
    pub limit_p50_ms: Option<f64>,
    pub limit_p95_ms: Option<f64>,
    /// Its p95 over the limit's p95.
    pub ratio: Option<f64>,
    pub target: String,
    pub met: Option<bool>,
    /// What else the run showed (the slowest queries, the parts of an import).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// Milliseconds of each run of `f`.
fn time<T>(runs: usize, mut f: impl FnMut(usize) -> T) -> Vec<f64> {
    let mut out: Vec<f64> = (0..runs)
        .map(|i| {
            let t = Instant::now();
            std::hint::black_box(f(i));
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    out.sort_by(|a, b| a.total_cmp(b));
    out
}

fn row(
    name: &str,
    t: &[f64],
    limit: Option<(&str, &[f64])>,
    target_ms: Option<f64>,
    target: &str,
) -> Row {
    let p95 = percentile(t, 0.95);
    let (limit_name, l50, l95) = match limit {
        Some((n, l)) => (
            Some(n.to_string()),
            Some(percentile(l, 0.5)),
            Some(percentile(l, 0.95)),
        ),
        None => (None, None, None),
    };
    Row {
        name: name.into(),
        runs: t.len(),
        p50_ms: percentile(t, 0.5),
        p95_ms: p95,
        ratio: l95.filter(|l| *l > 0.0).map(|l| p95 / l),
        limit: limit_name,
        limit_p50_ms: l50,
        limit_p95_ms: l95,
        target: target.into(),
        met: target_ms.map(|t| p95 <= t),
        notes: Vec::new(),
    }
}

fn ms(v: f64) -> String {
    format!("{} ms", crate::text::vn_number((v * 10.0).round() / 10.0))
}

/// 200 searches as a clerk types them: names with and without diacritics, prefixes, units,
/// document numbers.
fn queries_from(store: &Store) -> Result<Vec<String>, StorageError> {
    let ListRows::People(people) = lists::list(store, ListName::People, None)? else {
        return Ok(Vec::new());
    };
    let ListRows::Units(units) = lists::list(store, ListName::Units, None)? else {
        return Ok(Vec::new());
    };
    let mut q = Vec::new();
    for (i, p) in people
        .iter()
        .step_by((people.len() / 60).max(1))
        .take(60)
        .enumerate()
    {
        q.push(p.full_name.clone());
        q.push(fold_key(&p.full_name));
        if i % 2 == 0 {
            // A prefix of the given name: "nguyen van ha".
            let f = fold_key(&p.full_name);
            q.push(f[..f.len().saturating_sub(2).max(1)].to_string());
        }
    }
    for u in units.iter().take(30) {
        q.push(fold_key(u.name.trim_start_matches("Ban Tổ chức Tỉnh ủy ")));
    }
    for n in 0..20 {
        q.push(format!("{}-QĐ/TU", 100 + n * 37));
    }
    q.truncate(200);
    Ok(q)
}

/// What the benchmark needs besides the open database.
pub struct Inputs<'a> {
    /// A year with records.
    pub year: i32,
    /// The database's file (opening it is measured).
    pub path: Option<&'a Path>,
    /// Facts files (`*.json`, shaped as `shared/facts-schema.md`) for `thidua record`.
    pub facts_dir: Option<&'a Path>,
    /// Where the import and record benchmarks make their throwaway databases.
    pub scratch: &'a Path,
}

/// Every benchmark on the open database.
pub fn run(store: &mut Store, inputs: &Inputs<'_>) -> Result<Vec<Row>, StorageError> {
    let year = inputs.year;
    let mut out = Vec::new();
    // The quick check of a large file runs on a thread; nothing is measured while it does.
    let started = Instant::now();
    store.writable()?;
    let check = started.elapsed().as_secs_f64() * 1000.0;
    if let Some(path) = inputs.path {
        let mut opened = Vec::new();
        let mut checked = Vec::new();
        for _ in 0..5 {
            let t = Instant::now();
            let mut s = Store::open(path)?;
            std::hint::black_box(s.schema_version()?);
            opened.push(t.elapsed().as_secs_f64() * 1000.0);
            s.writable()?;
            checked.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        opened.sort_by(|a, b| a.total_cmp(b));
        checked.sort_by(|a, b| a.total_cmp(b));
        out.push(row(
            "Mở cơ sở dữ liệu (đọc được ngay)",
            &opened,
            None,
            None,
            "phần của khởi động ≤ 1 s",
        ));
        let mut r = row(
            "Kiểm tra toàn vẹn (quick_check, chạy nền; ghi chờ kết quả)",
            &checked,
            None,
            None,
            "—",
        );
        r.notes
            .push(format!("lần đầu trong lần chạy này: {}", ms(check)));
        out.push(r);
    }
    let t = time(10, |_| {
        overview::overview(store, year).map(|o| o.figures.len())
    });
    out.push(row(
        &format!("Dữ liệu màn hình Tổng quan năm {year}"),
        &t,
        None,
        Some(100.0),
        "≤ 100 ms",
    ));

    // Search against the bare FTS5 query it runs on.
    let qs = queries_from(store)?;
    let t = time(qs.len(), |i| {
        search::search(store, &qs[i], 20).map(|h| h.len())
    });
    let bare = time(qs.len(), |i| {
        let tokens: Vec<String> = fold_key(&qs[i])
            .split_whitespace()
            .map(str::to_string)
            .collect();
        index::bare_match(store.db(), &tokens, search::CANDIDATES)
    });
    let mut r = row(
        &format!("Tìm kiếm ({} truy vấn)", qs.len()),
        &t,
        Some(("cùng các câu FTS5 MATCH chạy trần", &bare)),
        Some(30.0),
        "p95 ≤ 30 ms, ≤ 1,5× FTS5",
    );
    r.met = Some(r.p95_ms <= 30.0 && r.ratio.is_none_or(|x| x <= 1.5));
    // The slowest queries, each with its own bare time, timed again one by one.
    let mut each: Vec<(f64, f64, &String)> = qs
        .iter()
        .map(|q| {
            let tokens: Vec<String> = fold_key(q).split_whitespace().map(str::to_string).collect();
            let a = time(3, |_| search::search(store, q, 20).map(|h| h.len()));
            let b = time(3, |_| {
                index::bare_match(store.db(), &tokens, search::CANDIDATES)
            });
            (percentile(&a, 0.5), percentile(&b, 0.5), q)
        })
        .collect();
    each.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (a, b, q) in each.iter().take(5) {
        r.notes.push(format!("«{q}»: {} (trần {})", ms(*a), ms(*b)));
    }
    out.push(r);

    // The heaviest lists against the same SQL run directly.
    for (name, list, y) in [
        (
            "Danh sách khen thưởng của năm",
            ListName::Awards,
            Some(year),
        ),
        (
            "Danh sách số liệu của năm (chỉ tiêu, tăng/giảm)",
            ListName::Figures,
            Some(year),
        ),
        (
            "Danh sách công tác cán bộ của năm",
            ListName::Changes,
            Some(year),
        ),
        ("Danh sách cán bộ (toàn bộ)", ListName::People, None),
    ] {
        let t = time(7, |_| lists::list(store, list, y).map(|r| r.len()));
        let bare = time(7, |_| queries::list_bare(store.db(), list, y));
        let n = queries::list_bare(store.db(), list, y)?;
        out.push(row(
            &format!("{name} ({} dòng)", crate::text::vn_number(n as f64)),
            &t,
            Some(("cùng câu SQL chạy trực tiếp", &bare)),
            Some(50.0),
            "≤ 50 ms",
        ));
    }
    let ListRows::People(people) = lists::list(store, ListName::People, None)? else {
        return Ok(out);
    };
    if let Some(p) = people.get(people.len() / 2) {
        let t = time(20, |_| {
            editing::person_page(store, p.id).map(|x| x.positions.len())
        });
        out.push(row(
            "Quá trình công tác của một cán bộ",
            &t,
            None,
            Some(50.0),
            "≤ 50 ms",
        ));
    }
    let ListRows::Clusters(clusters) = lists::list(store, ListName::Clusters, None)? else {
        return Ok(out);
    };
    if let Some(c) = clusters.first() {
        let t = time(10, |_| {
            editing::membership_grid(store, c.id).map(|g| g.units.len())
        });
        out.push(row(
            &format!("Bảng thành viên {} qua các năm", c.name),
            &t,
            None,
            Some(50.0),
            "≤ 50 ms",
        ));
    }

    // Reports, each format, for one cluster and one unit.
    let ListRows::Members(members) = lists::list(store, ListName::Members, Some(year))? else {
        return Ok(out);
    };
    let mut scopes = Vec::new();
    if let Some(m) = members.first() {
        scopes.push(reports::Scope::Cluster(m.cluster.clone()));
        scopes.push(reports::Scope::Unit(m.unit.clone()));
    }
    for scope in &scopes {
        for format in [
            reports::Format::Pdf,
            reports::Format::Docx,
            reports::Format::Xlsx,
            reports::Format::Csv,
        ] {
            let t = time(3, |_| {
                reports::build(store, year, scope, "2025-12-08")
                    .and_then(|r| reports::render(&r, format))
                    .map(|f| f.len())
                    .ok()
            });
            let what = match scope {
                reports::Scope::Cluster(_) => "một cụm",
                _ => "một đơn vị",
            };
            out.push(row(
                &format!("Báo cáo năm của {what}, {format:?}"),
                &t,
                None,
                Some(2000.0),
                "≤ 2 s",
            ));
        }
    }

    out.extend(import(store, inputs.scratch)?);
    if let Some(dir) = inputs.facts_dir {
        out.extend(record_files(store, dir, inputs.scratch)?);
    }

    // Extraction of 1.000 articles (the database's own, repeated if it holds fewer).
    let ListRows::Sources(sources) = lists::list(store, ListName::Sources, None)? else {
        return Ok(out);
    };
    let texts: Vec<String> = sources
        .iter()
        .take(1000)
        .filter_map(|s| {
            crate::services::sources::view(store, s.id)
                .ok()
                .and_then(|v| v.source.body_text)
        })
        .collect();
    if !texts.is_empty() {
        let started = Instant::now();
        for i in 0..1000 {
            std::hint::black_box(extract::extract(&texts[i % texts.len()], None));
        }
        let total = started.elapsed().as_secs_f64() * 1000.0;
        out.push(row(
            "Trích xuất 1.000 bài viết (tổng)",
            &[total],
            None,
            None,
            "—",
        ));
    }
    Ok(out)
}

/// The record kinds a personnel import carries: the changes and what they name.
const IMPORTED: [RecordKind; 5] = [
    RecordKind::CodeEntry,
    RecordKind::Unit,
    RecordKind::Person,
    RecordKind::Document,
    RecordKind::PersonnelChange,
];

/// Bulk import of the database's personnel changes (with the people, units and documents they
/// name) from a JSON export into a new database, beside the same rows inserted bare in one
/// transaction (`Store::insert_rows_bare`).
fn import(store: &Store, scratch: &Path) -> Result<Vec<Row>, StorageError> {
    let mut export = transfer::export(store).map_err(|e| StorageError::Schema(e.to_string()))?;
    export.audit.clear();
    export.side = Default::default();
    export
        .records
        .retain(|table, _| IMPORTED.iter().any(|k| k.table() == table));
    let changes = export
        .records
        .get(RecordKind::PersonnelChange.table())
        .and_then(|v| v.as_array())
        .map_or(0, Vec::len);
    let rows: Vec<(RecordKind, Vec<serde_json::Map<String, serde_json::Value>>)> = IMPORTED
        .iter()
        .map(|k| {
            let list = export
                .records
                .get(k.table())
                .and_then(|v| v.as_array())
                .map(|a| a.iter().filter_map(|r| r.as_object().cloned()).collect())
                .unwrap_or_default();
            (*k, list)
        })
        .collect();
    let total: usize = rows.iter().map(|(_, l)| l.len()).sum();
    let json = transfer::to_json(&export);
    let fresh = |name: &str| -> Result<Store, StorageError> {
        let path = scratch.join(name);
        remove_database(&path);
        Store::open(&path)
    };
    let mut imported = Vec::new();
    let mut bare = Vec::new();
    for i in 0..2 {
        let mut s = fresh(&format!("nhap-{i}.sqlite3"))?;
        let t = Instant::now();
        transfer::import(&mut s, &json).map_err(|e| StorageError::Schema(e.to_string()))?;
        imported.push(t.elapsed().as_secs_f64() * 1000.0);
        let mut s = fresh(&format!("tran-{i}.sqlite3"))?;
        let t = Instant::now();
        s.insert_rows_bare(&rows)?;
        bare.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    imported.sort_by(|a, b| a.total_cmp(b));
    bare.sort_by(|a, b| a.total_cmp(b));
    let mut r = row(
        &format!(
            "Nhập {} công tác cán bộ từ JSON (cùng {} bản ghi liên quan: cán bộ, đơn vị, văn bản)",
            crate::text::vn_number(changes as f64),
            crate::text::vn_number((total - changes) as f64)
        ),
        &imported,
        Some((
            "cùng các dòng chèn trần bằng rusqlite, một giao dịch",
            &bare,
        )),
        None,
        "≥ 50 % tốc độ chèn trần",
    );
    // Rates: the import's share of the bare insert's rows per second.
    let share = percentile(&bare, 0.5) / percentile(&imported, 0.5);
    r.met = Some(share >= 0.5);
    r.notes.push(format!(
        "tốc độ: {} dòng/s, chèn trần {} dòng/s — {} %",
        crate::text::vn_number((total as f64 / percentile(&imported, 0.5) * 1000.0).round()),
        crate::text::vn_number((total as f64 / percentile(&bare, 0.5) * 1000.0).round()),
        crate::text::vn_number((share * 1000.0).round() / 10.0)
    ));
    out_parts(&mut r, &json, &scratch.join("nhap-0.sqlite3"))?;
    for i in 0..2 {
        remove_database(&scratch.join(format!("nhap-{i}.sqlite3")));
        remove_database(&scratch.join(format!("tran-{i}.sqlite3")));
    }
    Ok(vec![r])
}

/// Where an import's time goes: reading the JSON, and the search documents (rebuilt again on
/// the imported database); the rest is writing the rows.
fn out_parts(r: &mut Row, json: &str, imported: &Path) -> Result<(), StorageError> {
    let t = Instant::now();
    let value: serde_json::Value =
        serde_json::from_str(json).map_err(|e| StorageError::Schema(e.to_string()))?;
    std::hint::black_box(&value);
    let parse = t.elapsed().as_secs_f64() * 1000.0;
    let mut s = Store::open(imported)?;
    let t = Instant::now();
    s.rebuild_search()?;
    let index = t.elapsed().as_secs_f64() * 1000.0;
    r.notes.push(format!(
        "trong đó: đọc JSON {}, dựng chỉ mục tìm kiếm {}",
        ms(parse),
        ms(index)
    ));
    Ok(())
}

/// `thidua record` of 1.000 facts files: the files of `dir` made into 1.000 different ones by
/// moving their years back (a file recorded twice changes nothing, so repeats would measure
/// nothing), each recorded in its own step into a copy of the database.
fn record_files(store: &Store, dir: &Path, scratch: &Path) -> Result<Vec<Row>, StorageError> {
    let mut files: Vec<String> = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "json") {
                if let Ok(text) = std::fs::read_to_string(&p) {
                    files.push(text);
                }
            }
        }
    }
    if files.is_empty() {
        return Ok(Vec::new());
    }
    let year = regex::Regex::new(r"\b(19[5-9][0-9]|20[0-9][0-9])\b").expect("a fixed pattern");
    let variants: Vec<String> = (0..1000)
        .map(|i| {
            let back = (i / files.len()) as i32;
            year.replace_all(&files[i % files.len()], |c: &regex::Captures<'_>| {
                (c[1].parse::<i32>().unwrap_or(2000) - back).to_string()
            })
            .into_owned()
        })
        .collect();
    let copy = scratch.join("ghi-facts.sqlite3");
    remove_database(&copy);
    store
        .backup_to(&copy)
        .map_err(|e| StorageError::Schema(e.to_string()))?;
    let mut s = Store::open(&copy)?;
    s.writable()?;
    let started = Instant::now();
    let mut refused = 0;
    let each = time(variants.len(), |i| {
        if facts_file::record_json(&mut s, &variants[i], None).is_err() {
            refused += 1;
        }
    });
    let total = started.elapsed().as_secs_f64() * 1000.0;
    drop(s);
    remove_database(&copy);
    let mut r = row(
        &format!(
            "thidua record: 1.000 tệp facts ({} tệp gốc, lùi năm), mỗi tệp một bước",
            files.len()
        ),
        &each,
        None,
        None,
        "—",
    );
    r.notes.push(format!("tổng {}", ms(total)));
    if refused > 0 {
        r.notes.push(format!("{refused} tệp bị từ chối"));
    }
    Ok(vec![r])
}

/// A throwaway database of the benchmark, with its write-ahead log, gone.
fn remove_database(path: &Path) {
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", path.display()));
    }
}
