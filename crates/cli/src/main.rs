//! `thidua`: the command-line face of thidua-core, for scripting, tests and benchmarks. Each
//! command parses its arguments, calls one core function and prints the result (`--json` for
//! machines). No logic of its own.

#[macro_use]
mod print;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use thidua_core::domain::{ListName, RecordKind};
use thidua_core::services::{demo, editing, facts_file, history, lists, records, search, transfer};
use thidua_core::{Store, UserError};

#[derive(Parser)]
#[command(name = "thidua", version, about = "Thidua — Sổ thi đua (dòng lệnh)")]
struct Cli {
    /// Database file (else $THIDUA_DB, else the desktop app's own file; `demo` defaults to the
    /// sample database).
    #[arg(long, global = true)]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create the database (or bring its schema up to date) and say where it is.
    Init,
    /// Load every fact of the five sample articles (idempotent). Without --db: the sample database.
    Demo,
    /// Print the path of the sample database (separate from the user's own).
    SamplePath,
    /// Database path, schema version and record counts.
    Info {
        #[arg(long)]
        json: bool,
    },
    /// Search every record (case and diacritics ignored: "dak lak" finds "Đắk Lắk").
    Search {
        query: String,
        #[arg(long, default_value_t = 20)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
    /// List records of one kind: clusters, members, events, participants, pledges, awards, people,
    /// positions, changes, figures, units, indicators, award-forms, sources, provinces.
    List {
        kind: String,
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        json: bool,
    },
    /// Print one record as JSON (the shape `save` takes).
    Get { kind: String, id: i64 },
    /// Create (no "id") or update (with "id") a record from a JSON file, or `-` for standard
    /// input; prints the record as stored. Same validation and undo as the app.
    Save { kind: String, file: PathBuf },
    /// Move a record to the trash. A record others refer to is refused with the list of them;
    /// `--cascade` moves them to the trash too (one undo step).
    Delete {
        kind: String,
        id: i64,
        #[arg(long)]
        cascade: bool,
    },
    /// Record every fact of a facts file (the shape of facts-schema.md: what `extract` prints),
    /// citing the article when given. One file = one undo step; the same file twice changes
    /// nothing; a fact the store cannot hold is an error naming it.
    Record {
        facts: PathBuf,
        /// The article's text, stored with the source and cited by the facts' quotes.
        #[arg(long)]
        source: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Attach an article (HTML, PDF, DOCX, text, PNG/JPEG): kept inside the database with its
    /// text (searchable) and the metadata it prints; the same file twice is kept once.
    Attach {
        file: PathBuf,
        /// Where the article was published (else the "URL: …" line it prints, if any).
        #[arg(long)]
        url: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Read an article (text, HTML, PDF, DOCX or a scan) and print the facts it states, in the shape `record`
    /// takes, each with the passage it was read from. Writes nothing and opens no database.
    Extract {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Write the yearly report: DOCX (Party document format), XLSX, CSV (one file per table,
    /// OUT is a folder) or HTML. Today's date is the report's date unless --date is given.
    Report {
        #[arg(long)]
        year: i32,
        /// The cluster whose year to report (its name); else every record of the year.
        #[arg(long, conflicts_with = "unit")]
        cluster: Option<String>,
        /// The unit whose year to report (its name, e.g. the committee's own).
        #[arg(long)]
        unit: Option<String>,
        #[arg(long)]
        format: String,
        #[arg(long)]
        out: PathBuf,
        /// The report's date, dd/mm/yyyy or yyyy-mm-dd.
        #[arg(long)]
        date: Option<String>,
        /// Indicators (codes, comma-separated) to chart over the years; else those chosen in
        /// the app for this report.
        #[arg(long, value_delimiter = ',')]
        chart: Option<Vec<String>>,
        /// Each figure's sources as footnotes.
        #[arg(long)]
        footnotes: bool,
    },
    /// Make a deterministic synthetic database for benchmarks (real provinces and clusters,
    /// Vietnamese names, changes, awards, figures, articles with citations) in a new file.
    Gen {
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long, default_value_t = 20)]
        years: i32,
        #[arg(long, default_value_t = 63)]
        provinces: usize,
        #[arg(long, default_value_t = 50_000)]
        people: usize,
        #[arg(long, default_value_t = 100_000)]
        changes: usize,
        #[arg(long, default_value_t = 20_000)]
        awards: usize,
        #[arg(long, default_value_t = 200_000)]
        figures: usize,
        #[arg(long, default_value_t = 10_000)]
        articles: usize,
    },
    /// Run the benchmarks on the database (a `thidua gen` one): each figure beside its limit and
    /// target; prints a table and writes the figures as JSON.
    Bench {
        /// The year measured (default: the latest with records, less one).
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        json_out: Option<PathBuf>,
        /// Facts files recorded 1.000 times (default: crates/core/tests/facts, when present).
        #[arg(long)]
        facts: Option<PathBuf>,
    },
    /// Write a one-page summary: a cluster's year, a unit's record across the years, or a
    /// person's positions, events and awards.
    Summary {
        /// cluster, unit or person.
        of: String,
        /// Its name (case and diacritics ignored), or its number with --id.
        name: String,
        /// The cluster's year; for a unit or a person, the last year shown (default: this year).
        #[arg(long)]
        year: Option<i32>,
        /// NAME is the record's number.
        #[arg(long)]
        id: bool,
        #[arg(long)]
        format: String,
        #[arg(long)]
        out: PathBuf,
        #[arg(long)]
        date: Option<String>,
    },
    /// Print the report settings (issuing body, number, place, signer) as JSON, or set them
    /// from a JSON file.
    ReportSettings {
        #[arg(long)]
        set: Option<PathBuf>,
    },
    /// Write a checked copy of the database (SQLite's online backup, then an integrity check).
    Backup { out: PathBuf },
    /// Replace the database with a checked copy; the current file is kept aside first. A file
    /// that is not a Thidua database, is damaged or comes from a newer Thidua is refused.
    Restore { file: PathBuf },
    /// The automatic backups: their folder, policy and files (newest first). --now takes one,
    /// --auto takes one if it is due, --set-policy FILE.json changes the policy.
    Backups {
        #[arg(long)]
        now: bool,
        #[arg(long)]
        auto: bool,
        #[arg(long)]
        set_policy: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Merge indicator DROP into KEEP: figures move, wordings are kept as aliases (one undo step).
    MergeIndicators { keep: i64, drop: i64 },
    /// Merge code-list entry DROP into KEEP (same list): records holding DROP's code take KEEP's
    /// (one undo step). Ids are those of `thidua list code-entries`.
    MergeCodes { keep: i64, drop: i64 },
    /// The latest changes (audit log), newest first.
    History {
        #[arg(long, default_value_t = 20)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
    /// Undo the latest N changes (default 1).
    Undo {
        #[arg(default_value_t = 1)]
        steps: usize,
        #[arg(long)]
        json: bool,
    },
    /// Export the whole database to a JSON file.
    Export { out: PathBuf },
    /// Import a JSON export into an empty database.
    Import { input: PathBuf },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let path = match (&cli.db, &cli.command) {
        (Some(p), _) => p.clone(),
        (None, Command::Demo) if std::env::var_os(thidua_core::paths::DB_ENV).is_none() => {
            thidua_core::paths::sample_db_path()
        }
        (None, _) => thidua_core::paths::default_db_path(),
    };
    match run(&path, cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // The field a refusal concerns is named, as the forms show it beside the field.
            match &e.field {
                Some(f) => eprintln!("Lỗi [{}] (trường {f}): {}", e.code, e.message),
                None => eprintln!("Lỗi [{}]: {}", e.code, e.message),
            }
            ExitCode::FAILURE
        }
    }
}

fn run(path: &Path, command: Command) -> Result<(), UserError> {
    if let Command::SamplePath = command {
        out!("{}", thidua_core::paths::sample_db_path().display());
        return Ok(());
    }
    if let Command::Extract { file, json } = &command {
        return extract(file, *json);
    }
    if let Command::Gen {
        out: file,
        seed,
        years,
        provinces,
        people,
        changes,
        awards,
        figures,
        articles,
    } = &command
    {
        use thidua_core::services::synthetic;
        if file.exists() {
            return Err(UserError::new(
                "cli.exists",
                format!("Tệp {} đã có; hãy chọn một tệp mới.", file.display()),
            ));
        }
        let started = std::time::Instant::now();
        let mut store = Store::open(file)?;
        let done = synthetic::generate(
            &mut store,
            &synthetic::GenOptions {
                seed: *seed,
                years: *years,
                provinces: *provinces,
                people: *people,
                changes: *changes,
                awards: *awards,
                figures: *figures,
                articles: *articles,
            },
        )?;
        for (kind, n) in &done.counts {
            out!("{kind}: {}", print::number(*n as f64));
        }
        out!(
            "Đã tạo {} (năm {}–{}) trong {:.1} s",
            file.display(),
            done.first_year,
            done.last_year,
            started.elapsed().as_secs_f64()
        );
        return Ok(());
    }
    if let Command::Restore { file } = &command {
        let kept = thidua_core::storage::backup::restore(path, file)?;
        out!("Đã khôi phục {} từ {}", path.display(), file.display());
        if let Some(k) = kept {
            out!("Tệp cũ được giữ lại: {}", k.display());
        }
        // Opening it brings an older copy's schema up to date.
        let store = Store::open(path)?;
        out!("Phiên bản lược đồ: {}", store.schema_version()?);
        return Ok(());
    }
    // `init` makes the file on purpose; any other command refuses to recreate a lost one empty
    // while its backups are there (storage.missing, with how to restore).
    let mut store = if matches!(command, Command::Init) {
        Store::open(path)?
    } else {
        thidua_core::services::backups::open_working(path)?
    };
    match command {
        Command::SamplePath
        | Command::Extract { .. }
        | Command::Restore { .. }
        | Command::Gen { .. } => {
            unreachable!("handled before opening a database")
        }
        Command::Init => out!(
            "Đã sẵn sàng: {} (lược đồ {})",
            path.display(),
            store.schema_version()?
        ),
        Command::Demo => {
            let added = demo::load(&mut store)?;
            out!(
                "Dữ liệu mẫu: đã thêm {added} bài viết ({} bài đã có từ trước) vào {}",
                demo::ARTICLES.len() - added,
                path.display()
            );
        }
        Command::Info { json } => {
            let info = thidua_core::db_info(&store)?;
            if json {
                print::json(&info);
            } else {
                out!("Cơ sở dữ liệu: {}", info.path);
                out!("Phiên bản lược đồ: {}", info.schema_version);
                for c in &info.counts {
                    out!("{:<20} {}", c.label, print::number(c.count as f64));
                }
            }
        }
        Command::Search { query, limit, json } => {
            let hits = search::search(&store, &query, limit)?;
            if json {
                print::json(&hits);
            } else if hits.is_empty() {
                out!("Không tìm thấy kết quả cho \"{query}\".");
            } else {
                for h in &hits {
                    out!("[{}] #{} {}", h.kind_label, h.record_id, h.title);
                    out!("    {}", print::marked(&h.snippet, &h.marks));
                }
            }
        }
        Command::List { kind, year, json } => {
            let name = ListName::from_code(&kind).ok_or_else(|| {
                let names: Vec<&str> = ListName::ALL.iter().map(|l| l.code()).collect();
                UserError::new(
                    "cli.unknown_list",
                    format!(
                        "Không có danh sách \"{kind}\". Chọn một trong: {}.",
                        names.join(", ")
                    ),
                )
            })?;
            let rows = lists::list(&store, name, year)?.to_values();
            if json {
                print::json(&rows);
            } else {
                print::table(&rows);
            }
        }
        Command::Record {
            facts,
            source,
            json,
        } => {
            let text = read_file(&facts)?;
            // The text quotes count in: what `extract` reads (NFC, line ends unified).
            let article = source
                .as_deref()
                .map(read_file)
                .transpose()?
                .map(|a| thidua_core::services::extract::normalized_text(&a));
            let done = facts_file::record_json(&mut store, &text, article.as_deref())?;
            if json {
                print::json(&done);
            } else if done.already {
                out!(
                    "{} đã được ghi từ trước; không thay đổi gì.",
                    facts.display()
                );
            } else {
                let parts: Vec<String> = done
                    .records
                    .iter()
                    .map(|(k, n)| {
                        let label = RecordKind::from_code(k).map_or(k.as_str(), |k| k.label_vi());
                        format!("{label}: {n}")
                    })
                    .collect();
                out!("Đã ghi {}: {}", facts.display(), parts.join("; "));
                if done.citations > 0 {
                    out!("Trích dẫn: {}", done.citations);
                }
            }
        }
        Command::MergeIndicators { keep, drop } => {
            let moved = records::merge_indicators(&mut store, keep, drop)?;
            out!("Đã gộp chỉ tiêu #{drop} vào #{keep}: chuyển {moved} số liệu.");
        }
        Command::Attach { file, url, json } => {
            let bytes = std::fs::read(&file).map_err(|e| {
                UserError::new(
                    "cli.read",
                    format!(
                        "Không đọc được tệp {}: {reason}",
                        file.display(),
                        reason = thidua_core::error::io_reason_vi(&e)
                    ),
                )
            })?;
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            let done =
                thidua_core::services::sources::attach(&mut store, &bytes, &name, url.as_deref())?;
            if json {
                print::json(&done);
            } else if done.already {
                out!(
                    "Bài viết này đã có (nguồn #{}); không lưu thêm.",
                    done.source_id
                );
            } else {
                out!("Đã lưu bài viết: nguồn #{}", done.source_id);
            }
            if let Some(note) = &done.note {
                out!("{note}");
            }
        }
        Command::Report {
            year,
            cluster,
            unit,
            format,
            out,
            date,
            chart,
            footnotes,
        } => {
            use thidua_core::services::reports;
            let fmt = report_format(&format)?;
            let today = report_date(date)?;
            let scope = match (cluster, unit) {
                (Some(c), _) => reports::Scope::Cluster(c),
                (None, Some(u)) => reports::Scope::Unit(u),
                (None, None) => reports::Scope::All,
            };
            let started = std::time::Instant::now();
            let mut text = reports::narrative(&store, year, &scope)?;
            if let Some(codes) = chart {
                text.chart_indicators = codes;
            }
            text.footnotes |= footnotes;
            let report = reports::build_with(&store, year, &scope, &today, &text)?;
            let files = reports::render(&report, fmt)?;
            write_report(fmt, &files, &out)?;
            out!(
                "Đã ghi báo cáo năm {year} ({format}, {} tệp) vào {} trong {} ms",
                files.len(),
                out.display(),
                started.elapsed().as_millis()
            );
        }
        Command::Summary {
            of,
            name,
            year,
            id,
            format,
            out,
            date,
        } => {
            use thidua_core::services::reports::{self, summary, SummaryOf, SummaryRequest};
            let fmt = report_format(&format)?;
            let today = report_date(date)?;
            let of = match of.as_str() {
                "cluster" | "cum" => SummaryOf::Cluster,
                "unit" | "don-vi" => SummaryOf::Unit,
                "person" | "can-bo" => SummaryOf::Person,
                other => {
                    return Err(UserError::new(
                        "cli.summary",
                        format!(
                            "Không có loại tóm tắt \"{other}\". Chọn cluster, unit hoặc person."
                        ),
                    ))
                }
            };
            let id = if id {
                name.parse().map_err(|_| {
                    UserError::new("cli.id", format!("Số hồ sơ không hợp lệ: \"{name}\"."))
                })?
            } else {
                summary::find(&store, of, &name)?
            };
            let year = year.unwrap_or_else(|| today[..4].parse().unwrap_or(2025));
            let started = std::time::Instant::now();
            let report = summary::build(&store, &SummaryRequest { of, id, year }, &today)?;
            let files = reports::render(&report, fmt)?;
            write_report(fmt, &files, &out)?;
            out!(
                "Đã ghi bản tóm tắt ({format}) vào {} trong {} ms",
                out.display(),
                started.elapsed().as_millis()
            );
        }
        Command::ReportSettings { set } => {
            use thidua_core::services::reports;
            if let Some(file) = set {
                let text = read_file(&file)?;
                let s: reports::ReportSettings = serde_json::from_str(&text).map_err(|e| {
                    UserError::new(
                        "cli.json",
                        format!(
                            "Tệp cài đặt không hợp lệ: {reason}",
                            reason = json_reason(&e)
                        ),
                    )
                })?;
                reports::set_settings(&mut store, &s)?;
            }
            print::json(&reports::settings(&store)?);
        }
        Command::Backup { out } => {
            let started = std::time::Instant::now();
            let c = store.backup_to(&out)?;
            out!(
                "Đã sao lưu vào {} ({} byte, lược đồ {}, kiểm tra toàn vẹn: tốt) trong {} ms",
                c.path.display(),
                print::number(c.bytes as f64),
                c.schema_version,
                started.elapsed().as_millis()
            );
        }
        Command::Bench {
            year,
            json_out,
            facts,
        } => {
            use thidua_core::services::{bench, overview};
            let year = match year {
                Some(y) => y,
                None => overview::years(&store)?.first().copied().unwrap_or(2024) - 1,
            };
            let scratch = std::env::temp_dir().join(format!("thidua-bench-{}", std::process::id()));
            std::fs::create_dir_all(&scratch).map_err(|e| {
                UserError::new(
                    "cli.write",
                    format!(
                        "Không tạo được {}: {reason}",
                        scratch.display(),
                        reason = thidua_core::error::io_reason_vi(&e)
                    ),
                )
            })?;
            let facts_dir = facts.clone().or_else(|| {
                let d = PathBuf::from("crates/core/tests/facts");
                d.is_dir().then_some(d)
            });
            let rows = bench::run(
                &mut store,
                &bench::Inputs {
                    year,
                    path: Some(path),
                    facts_dir: facts_dir.as_deref(),
                    scratch: &scratch,
                },
            );
            let _ = std::fs::remove_dir_all(&scratch);
            let rows = rows?;
            let ms = |v: f64| format!("{} ms", print::number((v * 10.0).round() / 10.0));
            out!(
                "| Phép đo | Lần | p50 | p95 | Giới hạn (p50 / p95) | Tỷ lệ p95 | Mục tiêu | Đạt |"
            );
            out!("|---|---|---|---|---|---|---|---|");
            for r in &rows {
                out!(
                    "| {} | {} | {} | {} | {} | {} | {} | {} |",
                    r.name,
                    r.runs,
                    ms(r.p50_ms),
                    ms(r.p95_ms),
                    match (&r.limit, r.limit_p50_ms, r.limit_p95_ms) {
                        (Some(n), Some(a), Some(b)) => format!("{n}: {} / {}", ms(a), ms(b)),
                        _ => "—".into(),
                    },
                    r.ratio
                        .map(|x| format!("{}×", print::number((x * 100.0).round() / 100.0)))
                        .unwrap_or_else(|| "—".into()),
                    r.target,
                    match r.met {
                        Some(true) => "có",
                        Some(false) => "KHÔNG",
                        None => "—",
                    }
                );
            }
            for r in rows.iter().filter(|r| !r.notes.is_empty()) {
                out!("- {}: {}", r.name, r.notes.join("; "));
            }
            if let Some(file) = json_out {
                let json =
                    serde_json::to_string_pretty(&serde_json::json!({"year": year, "rows": rows}))
                        .unwrap_or_default();
                std::fs::write(&file, json).map_err(|e| {
                    UserError::new(
                        "cli.write",
                        format!(
                            "Không ghi được {}: {reason}",
                            file.display(),
                            reason = thidua_core::error::io_reason_vi(&e)
                        ),
                    )
                })?;
            }
        }
        Command::Backups {
            now,
            auto,
            set_policy,
            json,
        } => {
            use thidua_core::services::backups;
            if let Some(file) = set_policy {
                let text = read_file(&file)?;
                let p: backups::BackupPolicy = serde_json::from_str(&text).map_err(|e| {
                    UserError::new(
                        "cli.bad_json",
                        format!(
                            "Chính sách sao lưu không hợp lệ: {reason}",
                            reason = json_reason(&e)
                        ),
                    )
                })?;
                backups::set_policy(path, &p)?;
            }
            let started = std::time::Instant::now();
            let taken = if now {
                Some(backups::take(
                    &store,
                    path,
                    &backups::policy(path),
                    backups::now(),
                )?)
            } else if auto {
                backups::auto(&store, backups::now())?
            } else {
                None
            };
            let policy = backups::policy(path);
            let dir = backups::folder(path, &policy);
            let files = backups::list(path, &dir);
            if json {
                print::json(&serde_json::json!({
                    "folder": dir, "policy": policy, "taken": taken, "files": files,
                }));
            } else {
                if let Some(t) = &taken {
                    out!(
                        "Đã sao lưu {} ({} byte, kiểm tra toàn vẹn: tốt) trong {} ms",
                        t.name,
                        print::number(t.bytes as f64),
                        started.elapsed().as_millis()
                    );
                } else if auto {
                    out!("Chưa đến lúc sao lưu tự động.");
                }
                out!(
                    "Thư mục sao lưu: {} — sau {} thay đổi hoặc {} giờ; giữ {} ngày, {} tuần gần nhất",
                    dir.display(),
                    policy.every_changes,
                    policy.every_hours,
                    policy.keep_daily,
                    policy.keep_weekly
                );
                for f in &files {
                    out!(
                        "{}  {}  {} byte",
                        f.taken_at.replace('T', " "),
                        f.name,
                        print::number(f.bytes as f64)
                    );
                }
            }
        }
        Command::MergeCodes { keep, drop } => {
            let moved = records::merge_codes(&mut store, keep, drop)?;
            out!("Đã gộp mục danh mục #{drop} vào #{keep}: chuyển {moved} bản ghi.");
        }
        Command::Get { kind, id } => {
            let record = editing::get(&store, record_kind(&kind)?, id)?;
            print::json(&record.fields());
        }
        Command::Save { kind, file } => {
            let text = if file.as_os_str() == "-" {
                let mut text = String::new();
                std::io::Read::read_to_string(&mut std::io::stdin(), &mut text).map_err(|e| {
                    UserError::new(
                        "cli.read",
                        format!(
                            "Không đọc được đầu vào chuẩn: {reason}",
                            reason = thidua_core::error::io_reason_vi(&e)
                        ),
                    )
                })?;
                text
            } else {
                read_file(&file)?
            };
            let value: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
                UserError::new(
                    "cli.bad_json",
                    format!(
                        "Tệp không phải JSON hợp lệ: {reason}",
                        reason = json_reason(&e)
                    ),
                )
            })?;
            let saved = editing::save_json(&mut store, record_kind(&kind)?, value)?;
            print::json(&saved.fields());
        }
        Command::Delete { kind, id, cascade } => {
            let kind = record_kind(&kind)?;
            let removed = if cascade {
                records::delete_cascade(&mut store, kind, id)?
            } else {
                records::delete(&mut store, kind, id)?;
                1
            };
            out!("Đã chuyển {removed} bản ghi vào thùng rác (hoàn tác: thidua undo).");
        }
        Command::History { limit, json } => {
            let entries = history::history(&store, limit)?;
            if json {
                print::json(&entries);
            } else {
                for e in &entries {
                    let undone = if e.undone { " (đã hoàn tác)" } else { "" };
                    out!(
                        "#{:<5} {}  {}{undone}",
                        e.step,
                        print::timestamp(&e.at),
                        e.summary
                    );
                }
            }
        }
        Command::Undo { steps, json } => {
            let reverted = history::undo(&mut store, steps)?;
            if json {
                print::json(&reverted);
            } else if reverted.is_empty() {
                out!("Không còn thay đổi nào để hoàn tác.");
            } else {
                for e in &reverted {
                    out!("Đã hoàn tác: {}", e.summary);
                }
            }
        }
        Command::Export { out } => {
            let data = transfer::export(&store)?;
            std::fs::write(&out, transfer::to_json(&data)).map_err(|e| {
                UserError::new(
                    "cli.write",
                    format!(
                        "Không ghi được tệp {}: {reason}",
                        out.display(),
                        reason = thidua_core::error::io_reason_vi(&e)
                    ),
                )
            })?;
            out!("Đã xuất toàn bộ dữ liệu ra {}", out.display());
        }
        Command::Import { input } => {
            // The file's size is checked before it is read (`transfer::MAX_IMPORT_BYTES`).
            transfer::import_file(&mut store, &input)?;
            out!(
                "Đã nhập dữ liệu từ {} vào {}",
                input.display(),
                path.display()
            );
        }
    }
    Ok(())
}

/// Where a JSON file is broken, in Vietnamese: serde's own words are English.
fn json_reason(e: &serde_json::Error) -> String {
    let what = match e.classify() {
        serde_json::error::Category::Io => "không đọc được",
        serde_json::error::Category::Syntax => "sai cú pháp JSON",
        serde_json::error::Category::Data => "dữ liệu không đúng kiểu hoặc có trường lạ",
        serde_json::error::Category::Eof => "tệp bị cắt cụt",
    };
    format!("{what} (dòng {}, cột {})", e.line(), e.column())
}

fn read_file(path: &Path) -> Result<String, UserError> {
    std::fs::read_to_string(path).map_err(|e| {
        UserError::new(
            "cli.read",
            format!(
                "Không đọc được tệp {}: {reason}",
                path.display(),
                reason = thidua_core::error::io_reason_vi(&e)
            ),
        )
    })
}

fn record_kind(code: &str) -> Result<RecordKind, UserError> {
    RecordKind::from_code(code).ok_or_else(|| {
        let codes: Vec<&str> = RecordKind::ALL.iter().map(|k| k.code()).collect();
        UserError::new(
            "cli.unknown_kind",
            format!(
                "Không có loại bản ghi \"{code}\". Chọn một trong: {}.",
                codes.join(", ")
            ),
        )
    })
}

fn extract(file: &Path, json: bool) -> Result<(), UserError> {
    use thidua_core::services::extract;
    let bytes = std::fs::read(file).map_err(|e| {
        UserError::new(
            "cli.read",
            format!(
                "Không đọc được tệp {}: {reason}",
                file.display(),
                reason = thidua_core::error::io_reason_vi(&e)
            ),
        )
    })?;
    let name = file.file_name().map(|n| n.to_string_lossy().to_string());
    // Any format attach reads (HTML, PDF, DOCX, legacy encodings, scans): its text.
    let read = thidua_core::services::sources::read(&bytes, name.as_deref().unwrap_or_default())
        .map_err(|e| UserError::new("extract.unreadable", e.to_string()))?;
    let text = read.text.ok_or_else(|| {
        UserError::new(
            "extract.no_text",
            read.note
                .unwrap_or_else(|| "Không đọc được chữ của tệp.".into()),
        )
    })?;
    let facts = extract::extract(&text, name.as_deref());
    if json {
        print::json(&extract::to_json(&facts));
    } else {
        let e = facts.event.as_ref();
        out!(
            "Hội nghị: {} — ngày {} — năm {}",
            e.and_then(|e| e.kind.clone()).unwrap_or_default(),
            e.and_then(|e| e.date.clone()).unwrap_or_default(),
            e.and_then(|e| e.year_covered)
                .map(|y| y.to_string())
                .unwrap_or_default()
        );
        if let Some(c) = &facts.cluster {
            out!(
                "Cụm: {} ({} thành viên)",
                c.name,
                c.members.as_ref().map_or(0, Vec::len)
            );
        }
        out!(
            "Người: {}; khen thưởng: {}; số liệu: {}",
            facts.people.len(),
            facts.awards.len(),
            facts.stats.len()
        );
    }
    Ok(())
}

fn report_format(code: &str) -> Result<thidua_core::services::reports::Format, UserError> {
    thidua_core::services::reports::Format::from_code(code).ok_or_else(|| {
        UserError::new(
            "cli.format",
            format!("Không có định dạng \"{code}\". Chọn pdf, docx, xlsx, csv hoặc html."),
        )
    })
}

/// The report's date: the one given (dd/mm/yyyy or yyyy-mm-dd), else today.
fn report_date(date: Option<String>) -> Result<String, UserError> {
    match date {
        Some(d) => thidua_core::domain::date::parse_full_date(&d)
            .ok()
            .ok_or_else(|| UserError::new("cli.date", format!("Ngày không hợp lệ: \"{d}\"."))),
        None => Ok(chrono::Local::now().format("%Y-%m-%d").to_string()),
    }
}

/// A report's files: one file at OUT, or for CSV one per table in the folder OUT.
fn write_report(
    fmt: thidua_core::services::reports::Format,
    files: &[(String, Vec<u8>)],
    out: &Path,
) -> Result<(), UserError> {
    let write = |path: &Path, bytes: &[u8]| {
        std::fs::write(path, bytes).map_err(|e| {
            UserError::new(
                "cli.write",
                format!(
                    "Không ghi được {}: {reason}",
                    path.display(),
                    reason = thidua_core::error::io_reason_vi(&e)
                ),
            )
        })
    };
    if fmt == thidua_core::services::reports::Format::Csv {
        std::fs::create_dir_all(out).map_err(|e| {
            UserError::new(
                "cli.write",
                format!(
                    "Không tạo được thư mục {}: {reason}",
                    out.display(),
                    reason = thidua_core::error::io_reason_vi(&e)
                ),
            )
        })?;
        for (name, bytes) in files {
            write(&out.join(name), bytes)?;
        }
    } else if let Some((_, bytes)) = files.first() {
        write(out, bytes)?;
    }
    Ok(())
}
