//! The Tauri shell: opens the database through core and exposes thin commands to the UI. No
//! logic lives here; each command delegates to one core function.

#[allow(dead_code)]
mod command_names;
mod commands;

use std::path::PathBuf;
use std::sync::Mutex;

use thidua_core::services::backups;
use thidua_core::Store;

/// The open database, shared by the commands.
pub struct AppState {
    pub store: Mutex<Store>,
    /// The database file asked for at start-up (a damaged one is never opened, so the store
    /// does not hold its path).
    pub db_path: Mutex<PathBuf>,
    /// Why that file could not be opened, with the backup to offer; the window asks at start.
    pub recovery: Mutex<Option<backups::Recovery>>,
}

/// The database the window opens: `--db PATH` on the command line, else `THIDUA_DB`, else the
/// user's file in the OS app-data folder (the same rule as the CLI).
fn db_path_from_args() -> PathBuf {
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--db" {
            if let Some(p) = args.next() {
                return PathBuf::from(p);
            }
        } else if let Some(p) = arg.strip_prefix("--db=") {
            return PathBuf::from(p);
        }
    }
    thidua_core::paths::default_db_path()
}

/// Where a panic happened, never its payload: the payload can quote a record's text (a name
/// in an assertion message), and the log must hold codes and places only.
pub(crate) fn panic_hook(info: &std::panic::PanicHookInfo<'_>) {
    let at = info
        .location()
        .map(|l| format!("{}:{}", l.file(), l.line()))
        .unwrap_or_default();
    eprintln!("Thidua: lỗi nội bộ (panic) tại {at}");
    log::error!("lỗi nội bộ (panic) tại {at}");
}

pub fn run() {
    let path = db_path_from_args();
    // A file that cannot be opened (damaged, another program's, from a newer Thidua) is left
    // untouched: the window opens on an empty store in memory and offers the newest good backup.
    // Where a panic happened, never its payload (which can quote a record's text).
    std::panic::set_hook(Box::new(panic_hook));
    // A lost file whose backups are beside it is offered them, not recreated empty.
    let (store, recovery) = match backups::open_working(&path) {
        Ok(store) => {
            // Before the start-up backup: the rotation keeps the copies around this moment.
            if let Err(e) = backups::started(&path, backups::now()) {
                eprintln!("Thidua: {e}");
            }
            (store, None)
        }
        Err(e) => {
            eprintln!("Thidua: {e}");
            let error = thidua_core::UserError::from(e);
            match Store::open_in_memory() {
                Ok(placeholder) => (placeholder, Some(backups::Recovery::of(&path, &error))),
                Err(e) => {
                    eprintln!("Thidua: {e}");
                    std::process::exit(1);
                }
            }
        }
    };
    tauri::Builder::default()
        // First: a second start brings this window to the front instead of opening the same
        // file twice (without a session bus, as in some test setups, it starts normally).
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            use tauri::Manager;
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.show();
                let _ = window.set_focus();
            }
        }))
        // A log in the app's data folder (`logs/thidua.log`, 1 MB a file, the last 5 kept):
        // what happened and its codes, never the contents of a record.
        .plugin(
            tauri_plugin_log::Builder::new()
                .clear_targets()
                .target(tauri_plugin_log::Target::new(
                    tauri_plugin_log::TargetKind::LogDir {
                        file_name: Some("thidua".into()),
                    },
                ))
                .target(tauri_plugin_log::Target::new(
                    tauri_plugin_log::TargetKind::Stderr,
                ))
                .level(log::LevelFilter::Warn)
                .level_for("thidua_app_lib", log::LevelFilter::Info)
                .max_file_size(1_000_000)
                .rotation_strategy(tauri_plugin_log::RotationStrategy::KeepSome(5))
                .build(),
        )
        .plugin(tauri_plugin_dialog::init())
        .manage(AppState {
            store: Mutex::new(store),
            db_path: Mutex::new(path),
            recovery: Mutex::new(recovery),
        })
        .setup(|app| {
            use tauri::Manager;
            let state = app.state::<AppState>();
            let path = state.db_path.lock().map(|p| p.clone()).unwrap_or_default();
            log::info!(
                "Thidua {} khởi động; cơ sở dữ liệu {}",
                env!("CARGO_PKG_VERSION"),
                path.display()
            );
            if let Some(r) = state.recovery.lock().ok().and_then(|r| r.clone()) {
                log::error!("không mở được cơ sở dữ liệu: {}", r.code);
            } else {
                // Off the launch path and off the window's connection: on a large database the
                // copy takes seconds.
                commands::auto_backup_in_background(path.clone());
            }
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::db_info,
            commands::list_rows,
            commands::get_record,
            commands::save_record,
            commands::delete_record,
            commands::restore_record,
            commands::search,
            commands::history,
            commands::undo,
            commands::trash,
            commands::options,
            commands::codes,
            commands::overview,
            commands::indicator_series,
            commands::years,
            commands::elect_leaders,
            commands::add_members,
            commands::decide_awards,
            commands::person_page,
            commands::choose_database,
            commands::list_dependencies,
            commands::new_record,
            commands::parse_date,
            commands::membership_grid,
            commands::unit_from_name,
            commands::preview_members,
            commands::add_members_by_name,
            commands::merge_indicators,
            commands::merge_codes,
            commands::attach_file,
            commands::attach_text,
            commands::suggest_facts,
            commands::record_facts,
            commands::source_view,
            commands::cite_passage,
            commands::record_citations,
            commands::attach_bytes,
            commands::save_original,
            commands::kind_labels,
            commands::report_narrative,
            commands::save_report_narrative,
            commands::report_preview,
            commands::export_report,
            commands::summary_preview,
            commands::export_summary,
            commands::startup_recovery,
            commands::restore_newest_backup,
            commands::backup_status,
            commands::backup_now,
            commands::set_backup_policy,
            commands::choose_backup_folder,
            commands::restore_backup,
            commands::backup_warning,
            commands::position_from_participant,
            commands::preview_participants,
            commands::add_participants_by_text,
            commands::add_signatories_by_name,
            commands::open_sample_database,
        ])
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("Thidua: không khởi động được cửa sổ: {e}");
            std::process::exit(1);
        });
}

#[cfg(test)]
mod tests {
    /// The main window is granted exactly the app's commands: one forgotten in the capability
    /// would fail at run time, one extra would widen what the page may call.
    #[test]
    fn capability_grants_exactly_the_commands() {
        let text = include_str!("../capabilities/main.json");
        let cap: serde_json::Value = serde_json::from_str(text).unwrap();
        let mut granted: Vec<String> = cap["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap().to_string())
            .collect();
        let mut wanted: Vec<String> = crate::command_names::COMMANDS
            .iter()
            .map(|c| format!("allow-{}", c.replace('_', "-")))
            .collect();
        granted.sort();
        wanted.sort();
        assert_eq!(granted, wanted);
    }

    #[test]
    fn csp_allows_nothing_remote() {
        let conf: serde_json::Value =
            serde_json::from_str(include_str!("../tauri.conf.json")).unwrap();
        let csp = conf["app"]["security"]["csp"].as_str().unwrap();
        assert!(csp.starts_with("default-src 'self'"));
        assert!(!csp.contains("https:") && !csp.contains("*"), "{csp}");
        // An article's <base> cannot rebase the app's addresses, and no form posts anywhere.
        let directives: Vec<&str> = csp.split(';').map(str::trim).collect();
        assert!(directives.contains(&"base-uri 'none'"), "{csp}");
        assert!(directives.contains(&"form-action 'none'"), "{csp}");
    }
}
