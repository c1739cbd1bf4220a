//! The names of the app's Tauri commands, shared by build.rs (permissions) and lib.rs.
pub const COMMANDS: &[&str] = &["db_info"];
