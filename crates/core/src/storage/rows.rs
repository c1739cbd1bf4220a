//! Generic row access: a record is a JSON object whose keys are its table's columns. Record
//! structs map to it with serde, so adding a field is a migration plus a struct field, nothing more.

use std::collections::HashMap;

use rusqlite::types::{FromSql, FromSqlResult, ToSqlOutput, ValueRef};
use rusqlite::{params_from_iter, Connection, OptionalExtension, ToSql};
use serde_json::{Map, Number, Value};

use super::{Result, StorageError};
use crate::domain::RecordKind;

/// A JSON value bound as a plain SQL value: strings as TEXT (rusqlite's own impl stores them
/// JSON-quoted), numbers as INTEGER or REAL, null as NULL.
pub struct Sql(pub Value);

impl ToSql for Sql {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(bind(&self.0))
    }
}

/// `Sql` without owning the value: binding a row that stays where it is.
pub struct SqlRef<'a>(pub &'a Value);

impl ToSql for SqlRef<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(bind(self.0))
    }
}

fn bind(value: &Value) -> ToSqlOutput<'_> {
    match value {
        Value::Null => ToSqlOutput::Borrowed(ValueRef::Null),
        Value::Bool(b) => ToSqlOutput::from(*b),
        Value::Number(n) => match n.as_i64() {
            Some(i) => ToSqlOutput::from(i),
            None => ToSqlOutput::from(n.as_f64().unwrap_or_default()),
        },
        Value::String(s) => ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes())),
        other => ToSqlOutput::from(other.to_string()),
    }
}

impl FromSql for Sql {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        Ok(Sql(match value {
            ValueRef::Null => Value::Null,
            ValueRef::Integer(i) => Value::from(i),
            ValueRef::Real(f) => Number::from_f64(f)
                .map(Value::Number)
                .unwrap_or(Value::Null),
            ValueRef::Text(t) => Value::String(String::from_utf8_lossy(t).into_owned()),
            ValueRef::Blob(b) => Value::String(String::from_utf8_lossy(b).into_owned()),
        }))
    }
}

/// Binds JSON values as SQL parameters.
pub fn params(values: impl IntoIterator<Item = Value>) -> impl rusqlite::Params {
    params_from_iter(values.into_iter().map(Sql))
}

/// The columns of each record table (read from the schema at open), except `id`, and the
/// references between record tables (its foreign keys).
#[derive(Debug, Clone, Default)]
pub struct Columns(HashMap<RecordKind, Vec<String>>, Vec<Reference>);

/// `from.column` refers to a record of `to`.
#[derive(Debug, Clone)]
pub(super) struct Reference {
    pub from: RecordKind,
    pub column: String,
    pub to: RecordKind,
}

impl Columns {
    pub(super) fn load(conn: &Connection) -> Result<Columns> {
        let mut map = HashMap::new();
        let mut refs = Vec::new();
        for kind in RecordKind::ALL {
            let mut stmt = conn.prepare(&format!("PRAGMA foreign_key_list({})", kind.table()))?;
            let fks = stmt
                .query_map([], |r| Ok((r.get::<_, String>(2)?, r.get::<_, String>(3)?)))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            for (table, column) in fks {
                if let Some(to) = RecordKind::ALL.into_iter().find(|k| k.table() == table) {
                    refs.push(Reference {
                        from: kind,
                        column,
                        to,
                    });
                }
            }
            let mut stmt = conn.prepare(&format!("PRAGMA table_info({})", kind.table()))?;
            let cols = stmt
                .query_map([], |r| r.get::<_, String>(1))?
                .collect::<rusqlite::Result<Vec<_>>>()?
                .into_iter()
                .filter(|c| c != "id")
                .collect();
            map.insert(kind, cols);
        }
        Ok(Columns(map, refs))
    }

    /// The references that point at records of `kind`.
    pub(super) fn references_to(&self, kind: RecordKind) -> impl Iterator<Item = &Reference> {
        self.1.iter().filter(move |r| r.to == kind)
    }

    pub fn of(&self, kind: RecordKind) -> &[String] {
        self.0.get(&kind).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The columns a record struct writes: all but `deleted_at`, which only the write path sets.
    fn writable(&self, kind: RecordKind) -> impl Iterator<Item = &String> {
        self.of(kind).iter().filter(|c| *c != "deleted_at")
    }
}

/// A record object must have exactly its table's columns: an unknown key would be dropped, a
/// missing one would be written as NULL over what the row holds.
fn check_keys(columns: &Columns, kind: RecordKind, obj: &Map<String, Value>) -> Result<()> {
    for key in obj.keys() {
        if key != "id" && key != "deleted_at" && !columns.of(kind).iter().any(|c| c == key) {
            return Err(StorageError::Schema(format!(
                "{}.{key} has no column",
                kind.table()
            )));
        }
    }
    if let Some(missing) = columns.writable(kind).find(|c| !obj.contains_key(*c)) {
        return Err(StorageError::Schema(format!(
            "{}.{missing} is missing from the record",
            kind.table()
        )));
    }
    Ok(())
}

/// The whole row (all columns, `deleted_at` included) as a JSON object, or None.
pub(super) fn snapshot(
    conn: &Connection,
    columns: &Columns,
    kind: RecordKind,
    id: i64,
) -> Result<Option<Map<String, Value>>> {
    let cols = columns.of(kind);
    let sql = format!(
        "SELECT id, {} FROM {} WHERE id = ?1",
        cols.join(", "),
        kind.table()
    );
    Ok(conn
        .query_row(&sql, [id], |row| {
            let mut obj = Map::new();
            obj.insert("id".into(), Value::from(row.get::<_, i64>(0)?));
            for (i, c) in cols.iter().enumerate() {
                obj.insert(c.clone(), row.get::<_, Sql>(i + 1)?.0);
            }
            Ok(obj)
        })
        .optional()?)
}

pub(super) fn insert(
    conn: &Connection,
    columns: &Columns,
    kind: RecordKind,
    obj: &Map<String, Value>,
) -> Result<i64> {
    check_keys(columns, kind, obj)?;
    let cols: Vec<&String> = columns.writable(kind).collect();
    let placeholders: Vec<String> = (1..=cols.len()).map(|i| format!("?{i}")).collect();
    let sql = format!(
        "INSERT INTO {} ({}) VALUES ({})",
        kind.table(),
        cols.iter()
            .map(|c| c.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        placeholders.join(", ")
    );
    let values = cols
        .iter()
        .map(|c| obj.get(*c).cloned().unwrap_or(Value::Null));
    conn.execute(&sql, params(values))?;
    Ok(conn.last_insert_rowid())
}

/// Replaces the writable columns of row `id` (or, with `with_deleted`, `deleted_at` too).
pub(super) fn replace(
    conn: &Connection,
    columns: &Columns,
    kind: RecordKind,
    id: i64,
    obj: &Map<String, Value>,
    with_deleted: bool,
) -> Result<()> {
    check_keys(columns, kind, obj)?;
    let cols: Vec<&String> = columns
        .of(kind)
        .iter()
        .filter(|c| with_deleted || *c != "deleted_at")
        .collect();
    let sets: Vec<String> = cols
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{c} = ?{}", i + 2))
        .collect();
    let sql = format!(
        "UPDATE {} SET {} WHERE id = ?1",
        kind.table(),
        sets.join(", ")
    );
    let mut values = vec![Value::from(id)];
    values.extend(
        cols.iter()
            .map(|c| obj.get(*c).cloned().unwrap_or(Value::Null)),
    );
    // Cached: an import inserts thousands of rows with the same statement.
    conn.prepare_cached(&sql)?.execute(params(values))?;
    Ok(())
}

pub(super) fn set_deleted(
    conn: &Connection,
    kind: RecordKind,
    id: i64,
    at: Option<&str>,
) -> Result<()> {
    let sql = format!("UPDATE {} SET deleted_at = ?2 WHERE id = ?1", kind.table());
    conn.execute(&sql, rusqlite::params![id, at])?;
    Ok(())
}

pub(super) fn hard_delete(conn: &Connection, kind: RecordKind, id: i64) -> Result<()> {
    let sql = format!("DELETE FROM {} WHERE id = ?1", kind.table());
    conn.execute(&sql, [id])?;
    Ok(())
}

/// Every row of a kind (deleted ones too), in id order: for export.
pub fn all_rows(db: super::Db<'_>, kind: RecordKind) -> Result<Vec<Map<String, Value>>> {
    let conn = db.conn;
    let cols = db.columns.of(kind);
    let sql = format!(
        "SELECT id, {} FROM {} ORDER BY id",
        cols.join(", "),
        kind.table()
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt
        .query_map([], |row| {
            let mut obj = Map::new();
            obj.insert("id".into(), Value::from(row.get::<_, i64>(0)?));
            for (i, c) in cols.iter().enumerate() {
                obj.insert(c.clone(), row.get::<_, Sql>(i + 1)?.0);
            }
            Ok(obj)
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Rows of one kind written as they are (ids and all), with one statement: an import writes
/// thousands.
pub(super) fn insert_all_exact(
    conn: &Connection,
    columns: &Columns,
    kind: RecordKind,
    objs: &[Map<String, Value>],
) -> Result<()> {
    let mut stmt = conn.prepare_cached(&insert_sql(columns, kind))?;
    for obj in objs {
        check_keys(columns, kind, obj)?;
        stmt.execute(params_from_iter(row_values(columns, kind, obj)))?;
    }
    Ok(())
}

/// `INSERT INTO table (id, every column) VALUES (?1, …)`.
pub(super) fn insert_sql(columns: &Columns, kind: RecordKind) -> String {
    let cols = columns.of(kind);
    let placeholders: Vec<String> = (1..=cols.len() + 1).map(|i| format!("?{i}")).collect();
    format!(
        "INSERT INTO {} (id, {}) VALUES ({})",
        kind.table(),
        cols.join(", "),
        placeholders.join(", ")
    )
}

/// A row's values in `insert_sql`'s order (a missing column is NULL), bound as they are.
pub(super) fn row_values<'a>(
    columns: &'a Columns,
    kind: RecordKind,
    obj: &'a Map<String, Value>,
) -> impl Iterator<Item = SqlRef<'a>> {
    let id = std::iter::once(obj.get("id").unwrap_or(&Value::Null));
    id.chain(
        columns
            .of(kind)
            .iter()
            .map(|c| obj.get(c).unwrap_or(&Value::Null)),
    )
    .map(SqlRef)
}
