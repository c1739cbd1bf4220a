//! `#[tauri::command]`s: each a one-line delegation into core. Errors cross IPC as
//! `{code, message, field}` (`UserError`), never as raw text. Commands are `async`, so Tauri runs
//! them off the main thread and a long query never freezes the window; writes return the kinds
//! of record they changed (`Written`).

use serde_json::Value;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;
use thidua_core::domain::{AnyRecord, ListName, ListRows, PartialDate, Position, RecordKind, Unit};
use thidua_core::services::editing::{
    AwardDecision, Election, ListDependency, MembershipGrid, PersonPage, PickOption, ResolvedName,
    ResolvedPerson, Saved, Written,
};
use thidua_core::services::facts_file::{FactsFile, RecordedFile};
use thidua_core::services::history::{HistoryEntry, TrashEntry};
use thidua_core::services::overview::{Overview, Series};
use thidua_core::services::search::SearchHit;
use thidua_core::services::{
    backups, demo, editing, history, lists, overview, records, reports, search, sources,
};
use thidua_core::{DbInfo, Store, UserError};

use crate::AppState;

type Res<T> = Result<T, UserError>;

/// The store, even after a command panicked while holding it: SQLite rolled back whatever that
/// command had not committed, so the store is consistent and the app stays usable.
fn lock<'a>(state: &'a State<'_, AppState>) -> std::sync::MutexGuard<'a, Store> {
    state.store.lock().unwrap_or_else(|poisoned| {
        state.store.clear_poison();
        poisoned.into_inner()
    })
}

/// Runs a command's work with panics contained: a bug becomes an error message, logged, never a
/// dead window. A transaction left open by the panic is rolled back when its guard drops.
fn guarded<T>(f: impl FnOnce() -> Res<T>) -> Res<T> {
    // Where it happened is logged by the panic hook (lib.rs); the payload never is: it can
    // quote a record's text.
    let out = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|_| {
        log::error!("lỗi nội bộ (panic) trong một lệnh");
        Err(UserError::internal())
    });
    // The code only: a message may quote what the clerk typed.
    if let Err(e) = &out {
        log::warn!("lệnh bị từ chối: {}", e.code);
    }
    out
}

/// The last automatic backup's failure, until one succeeds: the window shows it in a banner
/// (a failed backup the clerk does not know about is a backup they believe they have).
static BACKUP_FAILURE: std::sync::Mutex<Option<UserError>> = std::sync::Mutex::new(None);

fn backup_failed(e: Option<UserError>) {
    *BACKUP_FAILURE.lock().unwrap_or_else(|p| p.into_inner()) = e;
}

/// The automatic backup when one is due, on a thread with its own read-only connection: copying
/// a large database takes seconds and the window's connection is not held meanwhile. One at a
/// time; a write made while one runs asks again next time. Its failure never fails the write;
/// it is shown by `backup_warning`.
pub fn auto_backup_in_background(path: std::path::PathBuf) {
    use std::sync::atomic::{AtomicBool, Ordering};
    static RUNNING: AtomicBool = AtomicBool::new(false);
    if RUNNING.swap(true, Ordering::SeqCst) {
        return;
    }
    std::thread::spawn(move || {
        match Store::open_read_only(&path) {
            Ok(store) => auto_backup(&store),
            Err(e) => {
                log::warn!("sao lưu tự động không mở được cơ sở dữ liệu: {}", e.code());
                backup_failed(Some(e.into()));
            }
        }
        RUNNING.store(false, Ordering::SeqCst);
    });
}

fn auto_backup(store: &Store) {
    match backups::auto(store, backups::now()) {
        Ok(Some(b)) => {
            log::info!("sao lưu tự động: {} ({} byte)", b.name, b.bytes);
            backup_failed(None);
        }
        Ok(None) => {}
        Err(e) => {
            log::warn!("sao lưu tự động không thành công: {}", e.code());
            backup_failed(Some(e.into()));
        }
    }
}

/// Why the last automatic backup failed, if it did and none has succeeded since.
#[tauri::command]
pub async fn backup_warning() -> Res<Option<UserError>> {
    Ok(BACKUP_FAILURE
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .clone())
}

fn read<T>(state: &State<'_, AppState>, f: impl FnOnce(&Store) -> Res<T>) -> Res<T> {
    let store = lock(state);
    guarded(|| f(&store))
}

fn write<T>(state: &State<'_, AppState>, f: impl FnOnce(&mut Store) -> Res<T>) -> Res<Written<T>> {
    let mut store = lock(state);
    let value = match guarded(|| f(&mut store)) {
        Ok(value) => value,
        Err(e) => {
            // A large file's background check found it damaged at its first write: the same
            // recovery as at start-up is offered, and the file is never written.
            if e.code == "storage.damaged" {
                if let Some(path) = store.path().map(|p| p.to_path_buf()) {
                    offer_recovery(state, &path, &e);
                }
            }
            return Err(e);
        }
    };
    let written = Written::after(&store, value);
    log::info!("đã ghi: {:?}", written.changed);
    // After the set number of changes, a checked copy (never a reason for the write to fail).
    if let Some(path) = store.path() {
        auto_backup_in_background(path.to_path_buf());
    }
    Ok(written)
}

/// The window shows the recovery dialog for the file at `path` (it asks `startup_recovery`).
fn offer_recovery(state: &State<'_, AppState>, path: &std::path::Path, e: &UserError) {
    *state.db_path.lock().unwrap_or_else(|p| p.into_inner()) = path.to_path_buf();
    *state.recovery.lock().unwrap_or_else(|p| p.into_inner()) =
        Some(backups::Recovery::of(path, e));
}

/// A write that is rolled back (`Store::preview`): it changes nothing, so no change set.
fn preview<T>(state: &State<'_, AppState>, f: impl FnOnce(&mut Store) -> Res<T>) -> Res<T> {
    let mut store = lock(state);
    guarded(|| f(&mut store))
}

#[tauri::command]
pub async fn db_info(state: State<'_, AppState>) -> Res<DbInfo> {
    read(&state, |s| Ok(thidua_core::db_info(s)?))
}

#[tauri::command]
pub async fn list_rows(
    state: State<'_, AppState>,
    name: ListName,
    year: Option<i32>,
) -> Res<ListRows> {
    read(&state, |s| Ok(lists::list(s, name, year)?))
}

#[tauri::command]
pub async fn list_dependencies() -> Res<Vec<ListDependency>> {
    Ok(editing::list_dependencies())
}

#[tauri::command]
pub async fn new_record(kind: RecordKind, year: i32) -> Res<AnyRecord> {
    Ok(editing::new_record(kind, year))
}

#[tauri::command]
pub async fn parse_date(text: String, partial: bool) -> Res<PartialDate> {
    Ok(editing::parse_date(&text, partial)?)
}

/// The unit a clerk typed by name, found or created with its kind read from the name.
#[tauri::command]
pub async fn unit_from_name(
    state: State<'_, AppState>,
    name: String,
    province_id: Option<String>,
    year: i32,
) -> Res<Written<Unit>> {
    write(&state, |s| {
        Ok(editing::unit_from_name(
            s,
            &name,
            province_id.as_deref(),
            year,
        )?)
    })
}

/// What a pasted list of members would record (nothing written).
#[tauri::command]
pub async fn preview_members(
    state: State<'_, AppState>,
    cluster_id: i64,
    year: i32,
    text: String,
) -> Res<Vec<ResolvedName>> {
    preview(&state, |s| {
        Ok(editing::preview_members(s, cluster_id, year, &text)?)
    })
}

/// Records a pasted list of members in one undo step.
#[tauri::command]
pub async fn add_members_by_name(
    state: State<'_, AppState>,
    cluster_id: i64,
    year: i32,
    text: String,
) -> Res<Written<Vec<ResolvedName>>> {
    write(&state, |s| {
        Ok(editing::add_members_by_name(s, cluster_id, year, &text)?)
    })
}

/// Merges indicator `drop` into `keep` (figures move, wordings kept as aliases).
#[tauri::command]
pub async fn merge_indicators(
    state: State<'_, AppState>,
    keep: i64,
    drop: i64,
) -> Res<Written<usize>> {
    write(&state, |s| Ok(records::merge_indicators(s, keep, drop)?))
}

/// Merges code-list entry `drop` into `keep` (records holding its code take `keep`'s).
#[tauri::command]
pub async fn merge_codes(state: State<'_, AppState>, keep: i64, drop: i64) -> Res<Written<usize>> {
    write(&state, |s| Ok(records::merge_codes(s, keep, drop)?))
}

/// Puts a title held at an event on the person's timeline.
#[tauri::command]
pub async fn position_from_participant(
    state: State<'_, AppState>,
    participant_id: i64,
) -> Res<Written<Position>> {
    write(&state, |s| {
        Ok(editing::position_from_participant(s, participant_id)?)
    })
}

/// What a pasted list of attendees would record (nothing written).
#[tauri::command]
pub async fn preview_participants(
    state: State<'_, AppState>,
    event_id: i64,
    text: String,
) -> Res<Vec<ResolvedPerson>> {
    preview(&state, |s| {
        Ok(editing::preview_participants(s, event_id, &text)?)
    })
}

/// Records a pasted list of attendees in one undo step.
#[tauri::command]
pub async fn add_participants_by_text(
    state: State<'_, AppState>,
    event_id: i64,
    text: String,
) -> Res<Written<Vec<ResolvedPerson>>> {
    write(&state, |s| {
        Ok(editing::add_participants_by_text(s, event_id, &text)?)
    })
}

/// Records a pasted list of pledge signatories in one undo step.
#[tauri::command]
pub async fn add_signatories_by_name(
    state: State<'_, AppState>,
    cluster_id: i64,
    year: i32,
    text: String,
) -> Res<Written<Vec<ResolvedName>>> {
    write(&state, |s| {
        Ok(editing::add_signatories_by_name(
            s, cluster_id, year, &text,
        )?)
    })
}

#[tauri::command]
pub async fn membership_grid(state: State<'_, AppState>, cluster_id: i64) -> Res<MembershipGrid> {
    read(&state, |s| Ok(editing::membership_grid(s, cluster_id)?))
}

#[tauri::command]
pub async fn get_record(state: State<'_, AppState>, kind: RecordKind, id: i64) -> Res<AnyRecord> {
    read(&state, |s| Ok(editing::get(s, kind, id)?))
}

/// The record arrives as JSON so that a field the kind lacks is refused by core with its name
/// (`validation.unknown_field`), not as an IPC deserialization error.
#[tauri::command]
pub async fn save_record(
    state: State<'_, AppState>,
    kind: RecordKind,
    record: Value,
) -> Res<Written<Saved>> {
    write(&state, |s| Ok(editing::save_listed(s, kind, record)?))
}

#[tauri::command]
pub async fn delete_record(
    state: State<'_, AppState>,
    kind: RecordKind,
    id: i64,
    cascade: Option<bool>,
) -> Res<Written<usize>> {
    write(&state, |s| {
        if cascade.unwrap_or(false) {
            Ok(records::delete_cascade(s, kind, id)?)
        } else {
            records::delete(s, kind, id)?;
            Ok(1)
        }
    })
}

#[tauri::command]
pub async fn restore_record(
    state: State<'_, AppState>,
    kind: RecordKind,
    id: i64,
) -> Res<Written<()>> {
    write(&state, |s| Ok(records::restore(s, kind, id)?))
}

#[tauri::command]
pub async fn search(
    state: State<'_, AppState>,
    query: String,
    limit: Option<usize>,
) -> Res<Vec<SearchHit>> {
    read(&state, |s| {
        Ok(search::search(s, &query, limit.unwrap_or(30))?)
    })
}

#[tauri::command]
pub async fn history(state: State<'_, AppState>, limit: Option<usize>) -> Res<Vec<HistoryEntry>> {
    read(&state, |s| Ok(history::history(s, limit.unwrap_or(200))?))
}

#[tauri::command]
pub async fn undo(
    state: State<'_, AppState>,
    steps: Option<usize>,
) -> Res<Written<Vec<HistoryEntry>>> {
    write(&state, |s| Ok(history::undo(s, steps.unwrap_or(1))?))
}

#[tauri::command]
pub async fn trash(state: State<'_, AppState>) -> Res<Vec<TrashEntry>> {
    read(&state, |s| Ok(history::trash(s)?))
}

#[tauri::command]
pub async fn options(state: State<'_, AppState>, kind: String) -> Res<Vec<PickOption>> {
    read(&state, |s| Ok(editing::options(s, &kind)?))
}

#[tauri::command]
pub async fn codes(state: State<'_, AppState>, list: String) -> Res<Vec<PickOption>> {
    read(&state, |s| Ok(editing::codes(s, &list)?))
}

#[tauri::command]
pub async fn overview(state: State<'_, AppState>, year: i32) -> Res<Overview> {
    read(&state, |s| Ok(overview::overview(s, year)?))
}

#[tauri::command]
pub async fn indicator_series(state: State<'_, AppState>, code: String) -> Res<Vec<Series>> {
    read(&state, |s| Ok(overview::series(s, &code)?))
}

#[tauri::command]
pub async fn years(state: State<'_, AppState>) -> Res<Vec<i32>> {
    read(&state, |s| Ok(overview::years(s)?))
}

#[tauri::command]
pub async fn elect_leaders(state: State<'_, AppState>, election: Election) -> Res<Written<()>> {
    write(&state, |s| Ok(editing::elect(s, &election)?))
}

#[tauri::command]
pub async fn add_members(
    state: State<'_, AppState>,
    cluster_id: i64,
    year: i32,
    unit_ids: Vec<i64>,
) -> Res<Written<usize>> {
    write(&state, |s| {
        Ok(editing::add_members(s, cluster_id, year, &unit_ids)?)
    })
}

#[tauri::command]
pub async fn decide_awards(
    state: State<'_, AppState>,
    decision: AwardDecision,
) -> Res<Written<()>> {
    write(&state, |s| Ok(editing::decide_awards(s, &decision)?))
}

#[tauri::command]
pub async fn person_page(state: State<'_, AppState>, id: i64) -> Res<PersonPage> {
    read(&state, |s| Ok(editing::person_page(s, id)?))
}

/// Asks for a database file in the system's own dialog (the web side never sends a path), opens
/// or creates it, and makes it the current one. `None`: the user cancelled.
#[tauri::command]
pub async fn choose_database(
    app: AppHandle,
    state: State<'_, AppState>,
    create: bool,
) -> Res<Option<DbInfo>> {
    let dialog = app
        .dialog()
        .file()
        .set_title(if create {
            "Tạo cơ sở dữ liệu Thidua mới"
        } else {
            "Mở cơ sở dữ liệu Thidua"
        })
        .add_filter("Cơ sở dữ liệu Thidua", &["sqlite3", "db", "sqlite"]);
    let picked = if create {
        dialog.set_file_name("thidua.sqlite3").blocking_save_file()
    } else {
        dialog.blocking_pick_file()
    };
    let Some(path) = picked.and_then(|p| p.into_path().ok()) else {
        return Ok(None);
    };
    let store = Store::open(&path)?;
    let mut current = lock(&state);
    *current = store;
    opened(&state, path);
    Ok(Some(thidua_core::db_info(&current)?))
}

/// Another database is open now: the start-up problem, if any, is behind.
fn opened(state: &State<'_, AppState>, path: std::path::PathBuf) {
    *state.db_path.lock().unwrap_or_else(|p| p.into_inner()) = path;
    *state.recovery.lock().unwrap_or_else(|p| p.into_inner()) = None;
}

/// Why the database could not be opened at start-up, with the newest good backup; None when it
/// opened.
#[tauri::command]
pub async fn startup_recovery(state: State<'_, AppState>) -> Res<Option<backups::Recovery>> {
    Ok(state
        .recovery
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .clone())
}

/// Puts the newest good backup in place of the database that could not be opened (kept aside),
/// and opens it.
#[tauri::command]
pub async fn restore_newest_backup(state: State<'_, AppState>) -> Res<DbInfo> {
    let path = state
        .db_path
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .clone();
    let (_, file) = backups::newest_good(&path).ok_or_else(|| {
        UserError::new(
            "backup.none",
            "Không có bản sao lưu nào dùng được cho tệp này.".to_string(),
        )
    })?;
    restore_by_name(&state, &path, &file.name)
}

/// Restores the backup `name` over the database at `path` (the current file kept aside) and
/// reopens it. The copy is checked while the current file is still open, so a bad copy changes
/// nothing; whatever happens after, the window ends on a file, never on a store in memory
/// whose edits would vanish at exit: the restored one, the untouched original when the restore
/// failed, or (when even that cannot be opened) the recovery dialog.
fn restore_by_name(state: &State<'_, AppState>, path: &std::path::Path, name: &str) -> Res<DbInfo> {
    backups::check_named(path, name)?;
    let mut current = lock(state);
    // Every connection of this process to the file is closed while it is replaced (the restore
    // waits for the automatic backup's, and refuses while another program holds it).
    *current = Store::open_in_memory()?;
    let restored = backups::restore_named(path, name);
    match backups::open_working(path) {
        Ok(store) => {
            *current = store;
            opened(state, path.to_path_buf());
            restored?;
            log::info!("đã khôi phục từ bản sao lưu {name}");
            Ok(thidua_core::db_info(&current)?)
        }
        Err(e) => {
            let e = UserError::from(e);
            offer_recovery(state, path, &e);
            // The restore's own error first: it says why.
            Err(restored.err().map(UserError::from).unwrap_or(e))
        }
    }
}

/// The open database's file (a database in memory has none).
fn db_file(state: &State<'_, AppState>) -> Res<std::path::PathBuf> {
    lock(state).path().map(|p| p.to_path_buf()).ok_or_else(|| {
        UserError::new(
            "backup.no_file",
            "Cơ sở dữ liệu đang mở không nằm trong một tệp nên không sao lưu được.".to_string(),
        )
    })
}

/// The automatic backups' folder, policy and files.
#[tauri::command]
pub async fn backup_status(state: State<'_, AppState>) -> Res<backups::BackupStatus> {
    Ok(backups::status(&db_file(&state)?))
}

/// A checked backup now, into the backups' folder.
#[tauri::command]
pub async fn backup_now(state: State<'_, AppState>) -> Res<backups::BackupStatus> {
    let path = db_file(&state)?;
    read(&state, |s| {
        let b = backups::take(s, &path, &backups::policy(&path), backups::now())?;
        log::info!("sao lưu theo yêu cầu: {} ({} byte)", b.name, b.bytes);
        Ok(())
    })?;
    Ok(backups::status(&path))
}

#[tauri::command]
pub async fn set_backup_policy(
    state: State<'_, AppState>,
    policy: backups::BackupPolicy,
) -> Res<backups::BackupStatus> {
    let path = db_file(&state)?;
    backups::set_schedule(&path, &policy)?;
    Ok(backups::status(&path))
}

/// The backups' folder picked in the system's dialog (a USB stick); None when cancelled.
#[tauri::command]
pub async fn choose_backup_folder(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Res<Option<backups::BackupStatus>> {
    let path = db_file(&state)?;
    let Some(dir) = app
        .dialog()
        .file()
        .set_title("Chọn thư mục chứa bản sao lưu")
        .blocking_pick_folder()
        .and_then(|p| p.into_path().ok())
    else {
        return Ok(None);
    };
    let mut policy = backups::policy(&path);
    policy.folder = dir.display().to_string();
    backups::set_policy(&path, &policy)?;
    Ok(Some(backups::status(&path)))
}

/// Restores one of the listed backups (by its name) over the open database.
#[tauri::command]
pub async fn restore_backup(state: State<'_, AppState>, name: String) -> Res<DbInfo> {
    let path = db_file(&state)?;
    restore_by_name(&state, &path, &name)
}

/// Opens the sample database, loading the sample articles into it if needed.
#[tauri::command]
pub async fn open_sample_database(state: State<'_, AppState>) -> Res<DbInfo> {
    let path = thidua_core::paths::sample_db_path();
    let mut store = Store::open(&path)?;
    demo::load(&mut store)?;
    let mut current = lock(&state);
    *current = store;
    opened(&state, path);
    Ok(thidua_core::db_info(&current)?)
}

/// Attaches an article picked in the system's file dialog (the path never crosses IPC).
/// None when the clerk cancels.
#[tauri::command]
pub async fn attach_file(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Res<Written<Option<sources::Attached>>> {
    let picked = app
        .dialog()
        .file()
        .set_title("Chọn bài viết để lưu")
        .add_filter(
            "Bài viết (HTML, PDF, DOCX, văn bản, ảnh)",
            &["html", "htm", "pdf", "docx", "txt", "png", "jpg", "jpeg"],
        )
        .blocking_pick_file();
    let Some(path) = picked.and_then(|p| p.into_path().ok()) else {
        return write(&state, |_| Ok(None));
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let bytes = tauri::async_runtime::spawn_blocking(move || read_picked(&path))
        .await
        .map_err(|_| UserError::internal())??;
    attach_off_lock(&state, bytes, name, None)
        .await
        .map(|w| Written {
            changed: w.changed,
            value: Some(w.value),
        })
}

/// A picked file's bytes; one larger than an article may be is refused from its size, unread.
fn read_picked(path: &std::path::Path) -> Res<Vec<u8>> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let failed = |e: std::io::Error| {
        UserError::new(
            "attach.read",
            format!(
                "Không đọc được tệp {}: {}",
                path.display(),
                thidua_core::error::io_reason_vi(&e)
            ),
        )
    };
    let len = std::fs::metadata(path).map_err(failed)?.len();
    if len > sources::MAX_BYTES as u64 {
        return Err(sources::AttachError::TooLarge {
            name,
            mb: format!("{:.1}", len as f64 / 1024.0 / 1024.0).replace('.', ","),
        }
        .into());
    }
    std::fs::read(path).map_err(failed)
}

/// Attaches untrusted bytes without holding the store while they are read: the reading (OCR,
/// a hostile file up to its limits) runs on a blocking thread with no lock, and only the short
/// transaction that stores the result takes the store's lock, so every other screen keeps
/// answering meanwhile. The same file again is answered from the store, unread.
async fn attach_off_lock(
    state: &State<'_, AppState>,
    bytes: Vec<u8>,
    name: String,
    url: Option<String>,
) -> Res<Written<sources::Attached>> {
    if let Some(found) = read(state, |s| Ok(sources::known(s, &bytes)?))? {
        return write(state, |s| Ok(sources::store_known(s, found)?));
    }
    let prepared = tauri::async_runtime::spawn_blocking(move || {
        guarded(|| Ok(sources::prepare(&bytes, &name, url.as_deref())?))
    })
    .await
    .map_err(|_| UserError::internal())??;
    write(state, |s| Ok(sources::commit(s, prepared)?))
}

/// Attaches text the clerk pasted (an article copied from a web page).
#[tauri::command]
pub async fn attach_text(
    state: State<'_, AppState>,
    text: String,
    url: Option<String>,
) -> Res<Written<sources::Attached>> {
    attach_off_lock(&state, text.into_bytes(), sources::PASTED.to_string(), url).await
}

/// The facts an attached article states, for review. Writes nothing.
#[tauri::command]
pub async fn suggest_facts(
    state: State<'_, AppState>,
    source_id: i64,
) -> Res<sources::review::Suggestions> {
    preview(&state, |s| Ok(sources::review::suggest(s, source_id)?))
}

/// Records the reviewed facts, citing the article, in one undoable step.
#[tauri::command]
pub async fn record_facts(
    state: State<'_, AppState>,
    source_id: i64,
    facts: FactsFile,
) -> Res<Written<RecordedFile>> {
    write(&state, |s| {
        Ok(sources::review::record(s, source_id, &facts)?)
    })
}

/// An article for the viewer: its record and its sanitized HTML (web pages).
#[tauri::command]
pub async fn source_view(state: State<'_, AppState>, source_id: i64) -> Res<sources::SourceView> {
    read(&state, |s| Ok(sources::view(s, source_id)?))
}

/// Links a selected passage of an article to a record (one undoable step).
#[tauri::command]
pub async fn cite_passage(
    state: State<'_, AppState>,
    source_id: i64,
    start: i64,
    end: i64,
    kind: RecordKind,
    record_id: i64,
) -> Res<Written<thidua_core::domain::Citation>> {
    write(&state, |s| {
        Ok(sources::cite(s, source_id, start, end, kind, record_id)?)
    })
}

/// The passages of articles that support a record.
#[tauri::command]
pub async fn record_citations(
    state: State<'_, AppState>,
    kind: RecordKind,
    id: i64,
) -> Res<Vec<sources::CitationView>> {
    read(&state, |s| Ok(sources::citations_of(s, kind, id)?))
}

/// Attaches a file dropped on the window: its bytes, read by the page from the dropped file.
#[tauri::command]
pub async fn attach_bytes(
    state: State<'_, AppState>,
    name: String,
    bytes: Vec<u8>,
) -> Res<Written<sources::Attached>> {
    attach_off_lock(&state, bytes, name, None).await
}

/// Saves a copy of an article's original file where the clerk picks (system dialog, Rust side).
/// Returns whether a copy was written (false when cancelled).
#[tauri::command]
pub async fn save_original(
    app: AppHandle,
    state: State<'_, AppState>,
    source_id: i64,
) -> Res<bool> {
    let (bytes, name) = read(&state, |s| {
        let view = sources::view(s, source_id)?;
        let file = sources::original(s, source_id)?.ok_or_else(|| {
            UserError::new(
                "attach.no_original",
                "Bài viết này được nhập tay, không có tệp gốc.",
            )
        })?;
        Ok((
            file.0,
            view.source.file_name.unwrap_or_else(|| "bai-viet".into()),
        ))
    })?;
    let Some(path) = app
        .dialog()
        .file()
        .set_title("Lưu bản sao tệp gốc")
        .set_file_name(&name)
        .blocking_save_file()
        .and_then(|p| p.into_path().ok())
    else {
        return Ok(false);
    };
    std::fs::write(&path, bytes).map_err(|e| {
        UserError::new(
            "attach.write",
            format!(
                "Không ghi được tệp {}: {}",
                path.display(),
                thidua_core::error::io_reason_vi(&e)
            ),
        )
    })?;
    Ok(true)
}

/// Every kind of record with its Vietnamese name.
#[tauri::command]
pub async fn kind_labels() -> Res<Vec<editing::KindLabel>> {
    Ok(editing::kind_labels())
}

/// The narrative kept for a report.
#[tauri::command]
pub async fn report_narrative(
    state: State<'_, AppState>,
    year: i32,
    scope: reports::Scope,
) -> Res<reports::Narrative> {
    read(&state, |s| Ok(reports::narrative(s, year, &scope)?))
}

/// Keeps the narrative the clerk wrote for a report.
#[tauri::command]
pub async fn save_report_narrative(
    state: State<'_, AppState>,
    year: i32,
    scope: reports::Scope,
    narrative: reports::Narrative,
) -> Res<()> {
    let mut store = lock(&state);
    Ok(reports::set_narrative(
        &mut store, year, &scope, &narrative,
    )?)
}

/// The report's pages as PNG images: the PDF's own layout.
#[tauri::command]
pub async fn report_preview(
    state: State<'_, AppState>,
    year: i32,
    scope: reports::Scope,
    today: String,
) -> Res<Vec<Vec<u8>>> {
    let report = read(&state, |s| Ok(reports::build(s, year, &scope, &today)?))?;
    Ok(reports::preview(&report, 1.4)?)
}

/// Exports the report where the clerk picks (a file; a folder for CSV). False when cancelled.
#[tauri::command]
pub async fn export_report(
    app: AppHandle,
    state: State<'_, AppState>,
    year: i32,
    scope: reports::Scope,
    format: reports::Format,
    today: String,
) -> Res<bool> {
    let report = read(&state, |s| Ok(reports::build(s, year, &scope, &today)?))?;
    save_report(&app, &report, format)
}

/// A one-page summary's page as PNG images: the PDF's own layout.
#[tauri::command]
pub async fn summary_preview(
    state: State<'_, AppState>,
    request: reports::SummaryRequest,
    today: String,
) -> Res<Vec<Vec<u8>>> {
    let report = read(&state, |s| {
        Ok(reports::summary::build(s, &request, &today)?)
    })?;
    Ok(reports::preview(&report, 1.4)?)
}

/// Exports a one-page summary where the clerk picks. False when cancelled.
#[tauri::command]
pub async fn export_summary(
    app: AppHandle,
    state: State<'_, AppState>,
    request: reports::SummaryRequest,
    format: reports::Format,
    today: String,
) -> Res<bool> {
    let report = read(&state, |s| {
        Ok(reports::summary::build(s, &request, &today)?)
    })?;
    save_report(&app, &report, format)
}

/// Writes a report's files where the clerk picks in the system's dialog (a folder for CSV).
fn save_report(app: &AppHandle, report: &reports::Report, format: reports::Format) -> Res<bool> {
    let files = reports::render(report, format)?;
    let dialog = app.dialog().file().set_title("Lưu báo cáo");
    let write = |path: &std::path::Path, bytes: &[u8]| {
        std::fs::write(path, bytes).map_err(|e| {
            UserError::new(
                "report.write",
                format!(
                    "Không ghi được {}: {}",
                    path.display(),
                    thidua_core::error::io_reason_vi(&e)
                ),
            )
        })
    };
    if format == reports::Format::Csv {
        let Some(dir) = dialog
            .blocking_pick_folder()
            .and_then(|p| p.into_path().ok())
        else {
            return Ok(false);
        };
        for (name, bytes) in &files {
            write(&dir.join(name), bytes)?;
        }
        return Ok(true);
    }
    let Some((name, bytes)) = files.first() else {
        return Ok(false);
    };
    let Some(path) = dialog
        .set_file_name(name)
        .blocking_save_file()
        .and_then(|p| p.into_path().ok())
    else {
        return Ok(false);
    };
    write(&path, bytes)?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    /// Every line logged during the test.
    static LINES: Mutex<Vec<String>> = Mutex::new(Vec::new());

    struct Capture;

    impl log::Log for Capture {
        fn enabled(&self, _: &log::Metadata) -> bool {
            true
        }
        fn log(&self, record: &log::Record) {
            LINES.lock().unwrap().push(record.args().to_string());
        }
        fn flush(&self) {}
    }

    /// A panic inside a command becomes `internal`, and neither the log nor the hook's line
    /// quotes its payload (which can hold what the clerk typed); where it happened is logged.
    #[test]
    fn a_panic_is_logged_by_place_never_by_payload() {
        log::set_logger(&Capture).unwrap();
        log::set_max_level(log::LevelFilter::Trace);
        std::panic::set_hook(Box::new(crate::panic_hook));
        let out: super::Res<()> =
            super::guarded(|| panic!("họ tên Nguyễn Văn Bí Mật không hợp lệ"));
        let _ = std::panic::take_hook();
        assert_eq!(out.unwrap_err().code, "internal");
        let lines = LINES.lock().unwrap().clone();
        assert!(
            lines.iter().any(|l| l.contains("commands.rs:")),
            "{lines:?}"
        );
        assert!(
            lines.iter().all(|l| !l.contains("Bí Mật")),
            "the payload reached the log: {lines:?}"
        );
    }
}
