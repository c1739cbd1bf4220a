//! Services: the operations the adapters call, built on domain types and storage.

pub mod backups;
pub mod bench;
pub mod demo;
pub mod editing;
pub mod extract;
pub mod facts_file;
pub mod history;
pub mod lists;
pub mod overview;
pub mod records;
pub mod reports;
pub mod search;
pub mod sources;
pub mod synthetic;
pub mod transfer;
mod validate;
