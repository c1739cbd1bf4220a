//! The single write path. `Store::transact` opens one IMMEDIATE transaction per user action (a
//! "step"); every create, update, delete and restore inside it records the whole row before and
//! after in `audit` and refreshes the search index. If the closure fails, nothing is written.

use rusqlite::{params, Connection, Transaction, TransactionBehavior};
use serde_json::{Map, Value};

use super::rows::{self, Columns};
use super::{search, Db, Result, StorageError, Store};
use crate::domain::{Record, RecordKind};

/// What one audit row did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Create,
    Update,
    Delete,
    Restore,
}

impl Action {
    pub fn code(self) -> &'static str {
        match self {
            Action::Create => "create",
            Action::Update => "update",
            Action::Delete => "delete",
            Action::Restore => "restore",
        }
    }

    pub fn label_vi(code: &str) -> &'static str {
        match code {
            "create" => "Thêm",
            "update" => "Sửa",
            "delete" => "Xóa",
            "restore" => "Khôi phục",
            _ => "Thay đổi",
        }
    }
}

/// A transaction of the write path.
pub struct Tx<'a> {
    pub(super) tx: Transaction<'a>,
    columns: &'a Columns,
    step: i64,
    at: String,
    touched: Vec<RecordKind>,
    /// Natural keys of the live records by kind, once a whole-file check asked for them: a
    /// duplicate is then a lookup, not a scan of the table per row (an import of 4.000 units
    /// took 8 s instead of 0,7 s without it). Only read-only checks run while it is kept.
    same_keys: std::cell::RefCell<Option<SameKeys>>,
}

type SameKeys = std::collections::HashMap<RecordKind, std::collections::HashMap<String, Vec<i64>>>;

/// A natural key as text, the same for a value read from the table and one of a record (an
/// integer column and a float field holding it give one key).
fn key_text(values: impl Iterator<Item = Value>) -> String {
    let parts: Vec<String> = values
        .map(|v| match v {
            Value::Number(n) => n.as_f64().map_or_else(|| n.to_string(), |f| f.to_string()),
            Value::Bool(b) => (b as i64).to_string(),
            other => other.to_string(),
        })
        .collect();
    parts.join("\u{1F}")
}

pub(super) fn now_stamp() -> String {
    chrono::Local::now()
        .format("%Y-%m-%dT%H:%M:%S%.3f")
        .to_string()
}

/// Opens an IMMEDIATE transaction of the write path, numbered as the next step.
pub(super) fn begin<'a>(conn: &'a mut Connection, columns: &'a Columns) -> Result<Tx<'a>> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let step: i64 = tx.query_row("SELECT coalesce(max(step), 0) + 1 FROM audit", [], |r| {
        r.get(0)
    })?;
    Ok(Tx {
        tx,
        columns,
        step,
        at: now_stamp(),
        touched: Vec::new(),
        same_keys: std::cell::RefCell::new(None),
    })
}

impl Store {
    /// Runs `f` as one step of the write path: all of it is committed, or none of it.
    pub fn transact<T, E>(&mut self, f: impl FnOnce(&mut Tx<'_>) -> Result<T, E>) -> Result<T, E>
    where
        E: From<StorageError>,
    {
        self.writable()?;
        let mut tx = begin(&mut self.conn, &self.columns)?;
        let out = f(&mut tx)?;
        let touched = std::mem::take(&mut tx.touched);
        tx.tx.commit().map_err(StorageError::from)?;
        self.changed = touched;
        Ok(out)
    }

    /// Runs `f` as a write step and then rolls it back: what it would do, nothing written (a
    /// pasted list shown for a check before it is recorded).
    pub fn preview<T, E>(&mut self, f: impl FnOnce(&mut Tx<'_>) -> Result<T, E>) -> Result<T, E>
    where
        E: From<StorageError>,
    {
        self.writable()?;
        let mut tx = begin(&mut self.conn, &self.columns)?;
        let out = f(&mut tx);
        tx.tx.rollback().map_err(StorageError::from)?;
        out
    }
}

impl Tx<'_> {
    /// Reads inside this transaction: they see the writes made so far in it.
    pub fn db(&self) -> Db<'_> {
        Db {
            conn: &self.tx,
            columns: self.columns,
        }
    }

    /// A live record that must exist (NotFound otherwise).
    pub fn load<R: Record>(&self, id: i64) -> Result<R> {
        super::get_live(self.db(), id)?.ok_or(StorageError::NotFound { kind: R::KIND, id })
    }

    /// Another live record equal to `record` on its kind's `SAME_KEY` (None when the kind has no
    /// natural key). Text compares exactly: values are already normalized on the way in.
    pub fn find_same<R: Record>(&self, record: &R) -> Result<Option<i64>> {
        if self.same_keys.borrow().is_none() || R::SAME_KEY.is_empty() {
            return find_same(&self.tx, record);
        }
        let obj = match serde_json::to_value(record) {
            Ok(Value::Object(m)) => m,
            _ => return Err(StorageError::Schema("record is not an object".into())),
        };
        let key = key_text(
            R::SAME_KEY
                .iter()
                .map(|k| obj.get(*k).cloned().unwrap_or(Value::Null)),
        );
        let mut cache = self.same_keys.borrow_mut();
        let by_kind = cache.get_or_insert_with(Default::default);
        if let std::collections::hash_map::Entry::Vacant(slot) = by_kind.entry(R::KIND) {
            let sql = format!(
                "SELECT id, {} FROM {} WHERE deleted_at IS NULL",
                R::SAME_KEY.join(", "),
                R::KIND.table()
            );
            let mut map: std::collections::HashMap<String, Vec<i64>> = Default::default();
            let mut stmt = self.tx.prepare(&sql)?;
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                let id: i64 = row.get(0)?;
                let mut values = Vec::new();
                for i in 0..R::SAME_KEY.len() {
                    values.push(row.get::<_, rows::Sql>(i + 1)?.0);
                }
                map.entry(key_text(values.into_iter()))
                    .or_default()
                    .push(id);
            }
            slot.insert(map);
        }
        Ok(by_kind[&R::KIND]
            .get(&key)
            .and_then(|ids| ids.iter().copied().find(|id| Some(*id) != record.id())))
    }

    /// Keeps the natural keys of the live records for the checks that follow, which must not
    /// write (a check of a whole imported file, or of what an undo wrote back).
    pub fn keep_same_keys(&self) {
        self.same_keys
            .borrow_mut()
            .get_or_insert_with(Default::default);
    }

    /// Records another wording of an indicator (a folded label), so later articles find it.
    /// Aliases are lookup data kept with the indicator, not records of their own.
    pub fn add_indicator_alias(&mut self, indicator_id: i64, alias_key: &str) -> Result<()> {
        self.tx.execute(
            "INSERT OR IGNORE INTO indicator_aliases (alias_key, indicator_id) VALUES (?1, ?2)",
            params![alias_key, indicator_id],
        )?;
        Ok(())
    }

    /// Moves every alias of `from` to `to` (merging two indicators).
    pub fn move_indicator_aliases(&mut self, from: i64, to: i64) -> Result<()> {
        self.tx.execute(
            "INSERT OR IGNORE INTO indicator_aliases (alias_key, indicator_id)
             SELECT alias_key, ?2 FROM indicator_aliases WHERE indicator_id = ?1",
            params![from, to],
        )?;
        self.tx.execute(
            "DELETE FROM indicator_aliases WHERE indicator_id = ?1",
            params![from],
        )?;
        Ok(())
    }

    /// The live records that refer to this one (through a foreign key or a citation).
    pub fn referrers(&self, kind: RecordKind, id: i64) -> Result<Vec<(RecordKind, i64)>> {
        referrers(&self.tx, self.columns, kind, id)
    }

    /// The title search shows for a live record ("#id" when it has none).
    pub fn title(&self, kind: RecordKind, id: i64) -> Result<String> {
        Ok(search::title_in(&self.tx, kind, id)?
            .or_else(|| {
                self.snapshot(kind, id)
                    .ok()
                    .flatten()
                    .and_then(|row| title_from_row(&row))
            })
            .unwrap_or_else(|| format!("#{id}")))
    }

    fn snapshot(&self, kind: RecordKind, id: i64) -> Result<Option<Map<String, Value>>> {
        rows::snapshot(&self.tx, self.columns, kind, id)
    }

    fn live_snapshot(&self, kind: RecordKind, id: i64) -> Result<Map<String, Value>> {
        match self.snapshot(kind, id)? {
            Some(row) if row.get("deleted_at").is_none_or(Value::is_null) => Ok(row),
            _ => Err(StorageError::NotFound { kind, id }),
        }
    }

    fn audit(
        &mut self,
        action: Action,
        kind: RecordKind,
        id: i64,
        before: Option<&Map<String, Value>>,
        after: Option<&Map<String, Value>>,
        title: Option<String>,
    ) -> Result<()> {
        // The summary names the record as a person reads it (for a deletion: as it was, read
        // before it went to the trash).
        let title = match title {
            Some(t) => t,
            None => match search::title_in(&self.tx, kind, id)? {
                Some(t) => t,
                None => before
                    .and_then(title_from_row)
                    .unwrap_or_else(|| format!("#{id}")),
            },
        };
        let summary = format!(
            "{} {}: {}",
            Action::label_vi(action.code()),
            kind.label_vi().to_lowercase(),
            title
        );
        if !self.touched.contains(&kind) {
            self.touched.push(kind);
        }
        self.tx.execute(
            "INSERT INTO audit (step, at, action, kind, record_id, summary, before, after)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                self.step,
                self.at,
                action.code(),
                kind.code(),
                id,
                summary,
                before.map(|b| Value::Object(b.clone()).to_string()),
                after.map(|a| Value::Object(a.clone()).to_string()),
            ],
        )?;
        Ok(())
    }

    /// Inserts a new record; returns its id.
    pub fn create(&mut self, kind: RecordKind, obj: &Map<String, Value>) -> Result<i64> {
        let id = rows::insert(&self.tx, self.columns, kind, obj)?;
        search::reindex(&self.tx, kind, id)?;
        let after = self.snapshot(kind, id)?;
        self.audit(Action::Create, kind, id, None, after.as_ref(), None)?;
        Ok(id)
    }

    /// Replaces a live record's fields. A write that changes nothing leaves no audit entry.
    pub fn update(&mut self, kind: RecordKind, id: i64, obj: &Map<String, Value>) -> Result<()> {
        let before = self.live_snapshot(kind, id)?;
        rows::replace(&self.tx, self.columns, kind, id, obj, false)?;
        let after = self.live_snapshot(kind, id)?;
        if before != after {
            reindex_with_referrers(&self.tx, self.columns, kind, id)?;
            self.audit(Action::Update, kind, id, Some(&before), Some(&after), None)?;
        }
        Ok(())
    }

    /// Moves a record to the trash.
    pub fn delete(&mut self, kind: RecordKind, id: i64) -> Result<()> {
        let before = self.live_snapshot(kind, id)?;
        let title = search::title_in(&self.tx, kind, id)?;
        rows::set_deleted(&self.tx, kind, id, Some(&self.at))?;
        let after = self.snapshot(kind, id)?;
        search::reindex(&self.tx, kind, id)?;
        self.audit(
            Action::Delete,
            kind,
            id,
            Some(&before),
            after.as_ref(),
            title,
        )?;
        Ok(())
    }

    /// Brings a record back from the trash.
    pub fn restore(&mut self, kind: RecordKind, id: i64) -> Result<()> {
        let before = self
            .snapshot(kind, id)?
            .filter(|b| b.get("deleted_at").is_some_and(|v| !v.is_null()))
            .ok_or(StorageError::NotFound { kind, id })?;
        rows::set_deleted(&self.tx, kind, id, None)?;
        let after = self.snapshot(kind, id)?;
        search::reindex(&self.tx, kind, id)?;
        self.audit(
            Action::Restore,
            kind,
            id,
            Some(&before),
            after.as_ref(),
            None,
        )?;
        Ok(())
    }
}

fn title_from_row(row: &Map<String, Value>) -> Option<String> {
    ["name", "full_name", "title", "label"]
        .iter()
        .find_map(|k| row.get(*k).and_then(Value::as_str).map(str::to_string))
}

/// One row of the history.
#[derive(Debug, Clone)]
pub struct AuditRow {
    pub id: i64,
    pub step: i64,
    pub at: String,
    pub action: String,
    pub kind: String,
    pub record_id: i64,
    pub summary: String,
    pub before: Option<String>,
    pub after: Option<String>,
    pub undone_at: Option<String>,
}

fn audit_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<AuditRow> {
    Ok(AuditRow {
        id: r.get(0)?,
        step: r.get(1)?,
        at: r.get(2)?,
        action: r.get(3)?,
        kind: r.get(4)?,
        record_id: r.get(5)?,
        summary: r.get(6)?,
        before: r.get(7)?,
        after: r.get(8)?,
        undone_at: r.get(9)?,
    })
}

const AUDIT_COLS: &str = "id, step, at, action, kind, record_id, summary, before, after, undone_at";

impl Store {
    /// The latest audit rows, newest first.
    pub fn history(&self, limit: usize) -> Result<Vec<AuditRow>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {AUDIT_COLS} FROM audit ORDER BY id DESC LIMIT ?1"
        ))?;
        let rows = stmt
            .query_map([limit as i64], audit_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Reverts the latest `steps` steps not yet undone, newest first, in one transaction.
    /// Returns the rows reverted. Creations are removed, other changes get their before state back.
    /// `check` then sees each record the undo wrote back, in the state the whole undo leaves
    /// (an audit row may come from an imported file: its before-image is checked as a save
    /// would be); an error rolls the whole undo back.
    pub fn undo<E: From<StorageError>>(
        &mut self,
        steps: usize,
        mut check: impl FnMut(&Tx<'_>, RecordKind, i64) -> Result<(), E>,
    ) -> Result<Vec<AuditRow>, E> {
        self.writable()?;
        let tx = begin(&mut self.conn, &self.columns)?;
        let step_ids: Vec<i64> = tx
            .tx
            .prepare(
                "SELECT DISTINCT step FROM audit WHERE undone_at IS NULL ORDER BY step DESC LIMIT ?1",
            )
            .map_err(StorageError::from)?
            .query_map([steps as i64], |r| r.get(0))
            .map_err(StorageError::from)?
            .collect::<rusqlite::Result<_>>()
            .map_err(StorageError::from)?;
        let at = now_stamp();
        let mut reverted = Vec::new();
        let mut written: Vec<(RecordKind, i64)> = Vec::new();
        for step in step_ids {
            let rows: Vec<AuditRow> = tx
                .tx
                .prepare(&format!(
                    "SELECT {AUDIT_COLS} FROM audit WHERE step = ?1 AND undone_at IS NULL ORDER BY id DESC"
                ))
                .map_err(StorageError::from)?
                .query_map([step], audit_row)
                .map_err(StorageError::from)?
                .collect::<rusqlite::Result<_>>()
                .map_err(StorageError::from)?;
            for row in rows {
                undo_row(&tx.tx, &self.columns, &row, &at)?;
                if let Some(kind) = RecordKind::from_code(&row.kind) {
                    if row.before.is_some() && !written.contains(&(kind, row.record_id)) {
                        written.push((kind, row.record_id));
                    }
                }
                reverted.push(row);
            }
        }
        tx.keep_same_keys();
        for (kind, id) in written {
            check(&tx, kind, id)?;
        }
        tx.tx.commit().map_err(StorageError::from)?;
        let mut changed: Vec<RecordKind> = Vec::new();
        for kind in reverted
            .iter()
            .filter_map(|r| RecordKind::from_code(&r.kind))
        {
            if !changed.contains(&kind) {
                changed.push(kind);
            }
        }
        self.changed = changed;
        Ok(reverted)
    }

    /// Records in the trash, newest first: (kind, id, audit summary of the deletion, when).
    pub fn trash(&self) -> Result<Vec<(RecordKind, i64, String, String)>> {
        let mut out = Vec::new();
        for kind in RecordKind::ALL {
            let sql = format!(
                "SELECT t.id, t.deleted_at, coalesce((SELECT summary FROM audit a
                    WHERE a.kind = ?1 AND a.record_id = t.id AND a.action = 'delete'
                    ORDER BY a.id DESC LIMIT 1), '')
                 FROM {} t WHERE t.deleted_at IS NOT NULL",
                kind.table()
            );
            let mut stmt = self.conn.prepare(&sql)?;
            let rows = stmt.query_map([kind.code()], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })?;
            for row in rows {
                let (id, at, summary) = row?;
                out.push((kind, id, summary, at));
            }
        }
        out.sort_by(|a, b| b.3.cmp(&a.3));
        Ok(out)
    }
}

/// Reverts one audit row: a creation is removed, any other change gets its before state back.
fn undo_row(tx: &Transaction<'_>, columns: &Columns, row: &AuditRow, at: &str) -> Result<()> {
    let kind = RecordKind::from_code(&row.kind)
        .ok_or_else(|| StorageError::Schema(format!("unknown kind {}", row.kind)))?;
    match &row.before {
        None => rows::hard_delete(tx, kind, row.record_id)?,
        Some(before) => {
            let obj: Map<String, Value> =
                serde_json::from_str(before).map_err(|e| StorageError::Schema(e.to_string()))?;
            rows::replace(tx, columns, kind, row.record_id, &obj, true)?;
        }
    }
    reindex_with_referrers(tx, columns, kind, row.record_id)?;
    tx.execute(
        "UPDATE audit SET undone_at = ?2 WHERE id = ?1",
        params![row.id, at],
    )?;
    Ok(())
}

/// See `Tx::find_same`.
fn find_same<R: Record>(conn: &Connection, record: &R) -> Result<Option<i64>> {
    if R::SAME_KEY.is_empty() {
        return Ok(None);
    }
    let obj = match serde_json::to_value(record) {
        Ok(Value::Object(m)) => m,
        _ => return Err(StorageError::Schema("record is not an object".into())),
    };
    let conds: Vec<String> = R::SAME_KEY
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{c} IS ?{}", i + 2))
        .collect();
    let sql = format!(
        "SELECT id FROM {} WHERE deleted_at IS NULL AND id IS NOT ?1 AND {} LIMIT 1",
        R::KIND.table(),
        conds.join(" AND ")
    );
    let mut values = vec![record.id().map(Value::from).unwrap_or(Value::Null)];
    values.extend(
        R::SAME_KEY
            .iter()
            .map(|k| obj.get(*k).cloned().unwrap_or(Value::Null)),
    );
    use rusqlite::OptionalExtension;
    Ok(conn
        .query_row(&sql, rows::params(values), |r| r.get(0))
        .optional()?)
}

/// See `Tx::referrers`.
fn referrers(
    conn: &Connection,
    columns: &Columns,
    kind: RecordKind,
    id: i64,
) -> Result<Vec<(RecordKind, i64)>> {
    let mut out = code_users(conn, kind, id)?;
    for r in columns.references_to(kind) {
        let sql = format!(
            "SELECT id FROM {} WHERE {} = ?1 AND deleted_at IS NULL ORDER BY id",
            r.from.table(),
            r.column
        );
        let ids = conn
            .prepare(&sql)?
            .query_map([id], |row| row.get::<_, i64>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        out.extend(ids.into_iter().map(|i| (r.from, i)));
    }
    let cites = conn
        .prepare(
            "SELECT id FROM citations WHERE record_kind = ?1 AND record_id = ?2
             AND deleted_at IS NULL ORDER BY id",
        )?
        .query_map(params![kind.code(), id], |row| row.get::<_, i64>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    out.extend(cites.into_iter().map(|i| (RecordKind::Citation, i)));
    Ok(out)
}

/// The live records holding a code-list entry's code (an event kind's events…): records name
/// an entry by its code, not by a foreign key.
fn code_users(conn: &Connection, kind: RecordKind, id: i64) -> Result<Vec<(RecordKind, i64)>> {
    if kind != RecordKind::CodeEntry {
        return Ok(Vec::new());
    }
    use rusqlite::OptionalExtension;
    let Some((list, code)) = conn
        .query_row(
            "SELECT list, code FROM code_lists WHERE id = ?1",
            [id],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
        )
        .optional()?
    else {
        return Ok(Vec::new());
    };
    let Some(list) = crate::domain::CodeList::from_code(&list) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for (user, column) in list.uses() {
        let sql = format!(
            "SELECT id FROM {} WHERE {column} = ?1 AND deleted_at IS NULL ORDER BY id",
            user.table()
        );
        let ids = conn
            .prepare(&sql)?
            .query_map([&code], |row| row.get::<_, i64>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        out.extend(ids.into_iter().map(|i| (*user, i)));
    }
    Ok(out)
}

/// Refreshes a record's search document and those of the records that show its name (a unit's
/// memberships, awards, figures…), so a rename is found under the new name everywhere at once.
fn reindex_with_referrers(
    conn: &Connection,
    columns: &Columns,
    kind: RecordKind,
    id: i64,
) -> Result<()> {
    search::reindex(conn, kind, id)?;
    for (k, i) in referrers(conn, columns, kind, id)? {
        search::reindex(conn, k, i)?;
    }
    Ok(())
}
