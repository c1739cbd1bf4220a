//! Benchmarks (`thidua bench`): each heavy operation timed over repeated runs (median and 95th
//! percentile), beside its limit measured in the same run — the bare FTS5 query a search runs
//! on, the same SQL a list runs, taken directly — and beside its target. Not a test: it reports.

use std::time::Instant;

use serde::Serialize;

use crate::domain::{ListName, ListRows};
use crate::services::{editing, extract, lists, overview, reports, search};
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
    }
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

/// Every benchmark on the open database, for `year` (a year with records).
pub fn run(
    store: &Store,
    year: i32,
    path: Option<&std::path::Path>,
) -> Result<Vec<Row>, StorageError> {
    let mut out = Vec::new();
    if let Some(path) = path {
        let t = time(5, |_| Store::open(path).map(|s| s.schema_version().ok()));
        out.push(row("Mở cơ sở dữ liệu", &t, None, None, "—"));
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
        Some(("FTS5 MATCH trần", &bare)),
        Some(30.0),
        "p95 ≤ 30 ms, ≤ 1,5× FTS5",
    );
    r.met = Some(r.p95_ms <= 30.0 && r.ratio.is_none_or(|x| x <= 1.5));
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
