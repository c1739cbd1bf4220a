//! Helpers shared by the integration tests.
#![allow(dead_code)]

use serde_json::{Map, Value};
use thidua_core::services::{demo, transfer};
use thidua_core::storage::queries;
use thidua_core::Store;

pub fn store() -> Store {
    Store::open_in_memory().unwrap()
}

pub fn demo_store() -> Store {
    let mut s = store();
    demo::load(&mut s).unwrap();
    s
}

pub fn list(store: &Store, name: &str, year: Option<i32>) -> Vec<Map<String, Value>> {
    queries::list(store.conn(), name, year).unwrap().unwrap()
}

pub fn s(row: &Map<String, Value>, key: &str) -> String {
    row.get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

pub fn n(row: &Map<String, Value>, key: &str) -> Option<f64> {
    row.get(key).and_then(Value::as_f64)
}

/// Everything in the database, for "nothing changed" checks.
pub fn everything(store: &Store) -> String {
    let mut e = transfer::export(store).unwrap();
    e.schema_version = 0;
    transfer::to_json(&e)
}
