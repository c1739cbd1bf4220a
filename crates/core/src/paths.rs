//! Where Thidua keeps its files. The desktop app and the CLI must agree, so both ask here.

use std::path::PathBuf;

/// The application identifier, also the Tauri `identifier` (kept equal to it on purpose: Tauri's
/// own app-data directory for this id is the same folder).
pub const APP_ID: &str = "vn.thidua.desktop";

/// File name of the user's own database.
pub const DB_FILE: &str = "thidua.sqlite3";

/// File name of the sample database built from the sample articles; never the user's file.
pub const SAMPLE_DB_FILE: &str = "thidua-mau.sqlite3";

/// Environment variable that overrides the database path.
pub const DB_ENV: &str = "THIDUA_DB";

/// The OS application-data directory for Thidua (`~/.local/share/vn.thidua.desktop` on Linux,
/// `%APPDATA%\vn.thidua.desktop` on Windows). Falls back to the current directory when the OS
/// reports none, so the app still works rather than refusing to start.
pub fn app_data_dir() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join(APP_ID)
}

/// The user's database: `THIDUA_DB` when set and not empty, else the app-data file.
pub fn default_db_path() -> PathBuf {
    match std::env::var_os(DB_ENV) {
        Some(p) if !p.is_empty() => PathBuf::from(p),
        _ => app_data_dir().join(DB_FILE),
    }
}

/// The sample database, beside the user's one but a different file.
pub fn sample_db_path() -> PathBuf {
    app_data_dir().join(SAMPLE_DB_FILE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_and_user_databases_are_different_files() {
        assert_ne!(app_data_dir().join(DB_FILE), sample_db_path());
        assert!(sample_db_path().ends_with(SAMPLE_DB_FILE));
    }
}
