//! Helpers shared by the integration tests.
#![allow(dead_code)]

use serde_json::{Map, Value};
use thidua_core::domain::ListName;
use thidua_core::services::{demo, lists, transfer};
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
    let name = ListName::from_code(name).expect("a list name");
    lists::list(store, name, year).unwrap().to_values()
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

/// The id of the first row of `list` whose `key` equals `value` (text or number).
pub fn id_where(store: &Store, list: &str, pairs: &[(&str, Value)]) -> i64 {
    list_all(store, list)
        .into_iter()
        .find(|r| pairs.iter().all(|(k, v)| r.get(*k) == Some(v)))
        .and_then(|r| r.get("id").and_then(Value::as_i64))
        .unwrap_or_else(|| panic!("no row of {list} with {pairs:?}"))
}

pub fn list_all(store: &Store, list: &str) -> Vec<Map<String, Value>> {
    self::list(store, list, None)
}

pub fn unit_id(store: &Store, name: &str) -> i64 {
    id_where(store, "units", &[("name", name.into())])
}

pub fn cluster_id(store: &Store, name: &str) -> i64 {
    id_where(store, "clusters", &[("name", name.into())])
}

/// The records of an export (audit left out), one line per table, for "back as before" checks.
pub fn records_of(export_json: &str) -> Vec<String> {
    let v: Value = serde_json::from_str(export_json).unwrap();
    v["records"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, rows)| format!("{k}: {rows}"))
        .collect()
}
