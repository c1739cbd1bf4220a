//! `#[tauri::command]`s: one line each over core. Errors cross IPC as `{code, message}`.

use tauri::State;
use thidua_core::{DbInfo, UserError};

use crate::AppState;

fn with_store<T>(
    state: &State<'_, AppState>,
    f: impl FnOnce(&thidua_core::Store) -> Result<T, UserError>,
) -> Result<T, UserError> {
    let store = state.store.lock().map_err(|_| UserError::internal())?;
    f(&store)
}

#[tauri::command]
pub fn db_info(state: State<'_, AppState>) -> Result<DbInfo, UserError> {
    with_store(&state, |s| Ok(thidua_core::db_info(s)?))
}
