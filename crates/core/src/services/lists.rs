//! The lists the screens and `thidua list` show.

use crate::domain::{ListName, ListRows};
use crate::storage::{queries, Result, Store};

/// A list's rows, for one year or all years.
pub fn list(store: &Store, name: ListName, year: Option<i32>) -> Result<ListRows> {
    queries::list(store.db(), name, year)
}
