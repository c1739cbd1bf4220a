//! `#[tauri::command]`s: each a one-line delegation into core. Errors cross IPC as
//! `{code, message, field}` (`UserError`), never as raw text.

use serde_json::{Map, Value};
use tauri::State;
use thidua_core::domain::RecordKind;
use thidua_core::services::editing::{AwardDecision, Election, PersonPage, PickOption};
use thidua_core::services::history::{HistoryEntry, TrashEntry};
use thidua_core::services::overview::{Overview, YearPoint};
use thidua_core::services::search::SearchHit;
use thidua_core::services::{demo, editing, history, overview, records, search};
use thidua_core::storage::queries;
use thidua_core::{DbInfo, Store, UserError};

use crate::AppState;

type Res<T> = Result<T, UserError>;

fn read<T>(state: &State<'_, AppState>, f: impl FnOnce(&Store) -> Res<T>) -> Res<T> {
    let store = state.store.lock().map_err(|_| UserError::internal())?;
    f(&store)
}

fn write<T>(state: &State<'_, AppState>, f: impl FnOnce(&mut Store) -> Res<T>) -> Res<T> {
    let mut store = state.store.lock().map_err(|_| UserError::internal())?;
    f(&mut store)
}

fn kind(code: &str) -> Res<RecordKind> {
    RecordKind::from_code(code).ok_or_else(|| {
        UserError::new(
            "app.unknown_kind",
            format!("Loại bản ghi không hợp lệ: {code}"),
        )
    })
}

#[tauri::command]
pub fn db_info(state: State<'_, AppState>) -> Res<DbInfo> {
    read(&state, |s| Ok(thidua_core::db_info(s)?))
}

#[tauri::command]
pub fn list_rows(
    state: State<'_, AppState>,
    name: String,
    year: Option<i32>,
) -> Res<Vec<Map<String, Value>>> {
    read(&state, |s| {
        queries::list(s.conn(), &name, year)?
            .ok_or_else(|| UserError::new("app.unknown_list", format!("Không có danh sách {name}")))
    })
}

#[tauri::command]
pub fn get_record(state: State<'_, AppState>, kind: String, id: i64) -> Res<Value> {
    read(&state, |s| {
        Ok(editing::get_json(s, self::kind(&kind)?, id)?)
    })
}

#[tauri::command]
pub fn save_record(state: State<'_, AppState>, kind: String, record: Value) -> Res<Value> {
    write(&state, |s| {
        Ok(editing::save_json(s, self::kind(&kind)?, record)?)
    })
}

#[tauri::command]
pub fn delete_record(state: State<'_, AppState>, kind: String, id: i64) -> Res<()> {
    write(&state, |s| Ok(records::delete(s, self::kind(&kind)?, id)?))
}

#[tauri::command]
pub fn restore_record(state: State<'_, AppState>, kind: String, id: i64) -> Res<()> {
    write(&state, |s| Ok(records::restore(s, self::kind(&kind)?, id)?))
}

#[tauri::command]
pub fn search(
    state: State<'_, AppState>,
    query: String,
    limit: Option<usize>,
) -> Res<Vec<SearchHit>> {
    read(&state, |s| {
        Ok(search::search(s, &query, limit.unwrap_or(30))?)
    })
}

#[tauri::command]
pub fn history(state: State<'_, AppState>, limit: Option<usize>) -> Res<Vec<HistoryEntry>> {
    read(&state, |s| Ok(history::history(s, limit.unwrap_or(200))?))
}

#[tauri::command]
pub fn undo(state: State<'_, AppState>, steps: Option<usize>) -> Res<Vec<HistoryEntry>> {
    write(&state, |s| Ok(history::undo(s, steps.unwrap_or(1))?))
}

#[tauri::command]
pub fn trash(state: State<'_, AppState>) -> Res<Vec<TrashEntry>> {
    read(&state, |s| Ok(history::trash(s)?))
}

#[tauri::command]
pub fn options(state: State<'_, AppState>, kind: String) -> Res<Vec<PickOption>> {
    read(&state, |s| Ok(editing::options(s, &kind)?))
}

#[tauri::command]
pub fn codes(state: State<'_, AppState>, list: String) -> Res<Vec<PickOption>> {
    read(&state, |s| Ok(editing::codes(s, &list)?))
}

#[tauri::command]
pub fn overview(state: State<'_, AppState>, year: i32) -> Res<Overview> {
    read(&state, |s| Ok(overview::overview(s, year)?))
}

#[tauri::command]
pub fn indicator_series(state: State<'_, AppState>, code: String) -> Res<Vec<YearPoint>> {
    read(&state, |s| Ok(overview::series(s, &code)?))
}

#[tauri::command]
pub fn years(state: State<'_, AppState>) -> Res<Vec<i32>> {
    read(&state, |s| Ok(overview::years(s)?))
}

#[tauri::command]
pub fn elect_leaders(state: State<'_, AppState>, election: Election) -> Res<()> {
    write(&state, |s| Ok(editing::elect(s, &election)?))
}

#[tauri::command]
pub fn add_members(
    state: State<'_, AppState>,
    cluster_id: i64,
    year: i32,
    unit_ids: Vec<i64>,
) -> Res<usize> {
    write(&state, |s| {
        Ok(editing::add_members(s, cluster_id, year, &unit_ids)?)
    })
}

#[tauri::command]
pub fn decide_awards(state: State<'_, AppState>, decision: AwardDecision) -> Res<()> {
    write(&state, |s| Ok(editing::decide_awards(s, &decision)?))
}

#[tauri::command]
pub fn person_page(state: State<'_, AppState>, id: i64) -> Res<PersonPage> {
    read(&state, |s| Ok(editing::person_page(s, id)?))
}

/// Opens (or creates) another database file and makes it the current one.
#[tauri::command]
pub fn open_database(state: State<'_, AppState>, path: String) -> Res<DbInfo> {
    let store = Store::open(std::path::Path::new(&path))?;
    write(&state, |s| {
        *s = store;
        Ok(thidua_core::db_info(s)?)
    })
}

/// Opens the sample database, loading the sample articles into it if needed.
#[tauri::command]
pub fn open_sample_database(state: State<'_, AppState>) -> Res<DbInfo> {
    let mut store = Store::open(&thidua_core::paths::sample_db_path())?;
    demo::load(&mut store)?;
    write(&state, |s| {
        *s = store;
        Ok(thidua_core::db_info(s)?)
    })
}
