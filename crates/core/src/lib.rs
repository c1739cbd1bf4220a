//! Thidua's core: domain types, storage (the only place SQL runs), and the services built on them.
//! No GUI dependency: the CLI and the Tauri shell are thin adapters over this crate.

pub mod domain;
pub mod error;
pub mod info;
pub mod paths;
pub mod services;
pub mod storage;
pub mod text;

pub use error::UserError;
pub use info::{db_info, DbInfo, RecordCount};
pub use storage::{StorageError, Store};
