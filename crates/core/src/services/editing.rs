//! Editing records from a generic front end: a record arrives as JSON with its kind, is checked
//! and saved as its typed struct, and goes back as JSON. Plus the multi-record actions of the
//! screens (electing a cluster's leaders, deciding several award proposals), each one undo step.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use super::records::{save_in, RecordError, Validate};
use crate::domain::*;
use crate::storage::{overview as q, queries, StorageError, Store, Tx};

fn from_json<R: Validate + Default>(value: Value) -> Result<R, RecordError> {
    serde_json::from_value(value).map_err(|e| {
        RecordError::invalid(
            "validation.shape",
            "record",
            format!("Dữ liệu nhập không hợp lệ: {e}"),
        )
    })
}

fn save_as<R: Validate + Default>(store: &mut Store, value: Value) -> Result<Value, RecordError> {
    let record: R = from_json(value)?;
    let saved = super::records::save(store, &record)?;
    Ok(serde_json::to_value(saved).unwrap_or(Value::Null))
}

/// Saves a record given as JSON (no `id`: create; with `id`: update); returns it as stored.
pub fn save_json(store: &mut Store, kind: RecordKind, value: Value) -> Result<Value, RecordError> {
    match kind {
        RecordKind::Unit => save_as::<Unit>(store, value),
        RecordKind::Cluster => save_as::<Cluster>(store, value),
        RecordKind::ClusterMember => save_as::<ClusterMember>(store, value),
        RecordKind::Event => save_as::<Event>(store, value),
        RecordKind::Participant => save_as::<Participant>(store, value),
        RecordKind::Pledge => save_as::<Pledge>(store, value),
        RecordKind::PledgeSignatory => save_as::<PledgeSignatory>(store, value),
        RecordKind::Person => save_as::<Person>(store, value),
        RecordKind::Position => save_as::<Position>(store, value),
        RecordKind::PersonnelChange => save_as::<PersonnelChange>(store, value),
        RecordKind::AwardForm => save_as::<AwardForm>(store, value),
        RecordKind::Award => save_as::<Award>(store, value),
        RecordKind::Indicator => save_as::<Indicator>(store, value),
        RecordKind::Figure => save_as::<Figure>(store, value),
        RecordKind::Source => save_as::<Source>(store, value),
        RecordKind::Citation => save_as::<Citation>(store, value),
    }
}

/// A live record as JSON.
pub fn get_json(store: &Store, kind: RecordKind, id: i64) -> Result<Value, RecordError> {
    let row = crate::storage::rows::snapshot(store.conn(), store.columns(), kind, id)?
        .filter(|r| r.get("deleted_at").is_none_or(Value::is_null))
        .ok_or(StorageError::NotFound { kind, id })?;
    let mut row = row;
    row.remove("deleted_at");
    Ok(Value::Object(row))
}

/// An option of a picker.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PickOption {
    pub id: String,
    pub label: String,
    pub hint: Option<String>,
}

pub fn options(store: &Store, kind: &str) -> Result<Vec<PickOption>, RecordError> {
    let rows = q::options(store.conn(), kind)?.ok_or_else(|| {
        RecordError::invalid(
            "validation.unknown_code",
            "kind",
            format!("Không có danh mục \"{kind}\"."),
        )
    })?;
    Ok(rows
        .into_iter()
        .map(|(id, label, hint)| PickOption { id, label, hint })
        .collect())
}

pub fn codes(store: &Store, list: &str) -> Result<Vec<PickOption>, RecordError> {
    Ok(queries::codes(store.conn(), list)?
        .into_iter()
        .map(|(id, label)| PickOption {
            id,
            label,
            hint: None,
        })
        .collect())
}

/// Electing a cluster's leader and deputies for a year.
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[ts(export)]
pub struct Election {
    pub cluster_id: i64,
    pub year: i32,
    pub leader_unit_id: Option<i64>,
    pub deputy_unit_ids: Vec<i64>,
    pub event_id: Option<i64>,
}

/// Sets the year's leader and deputies (adding them as members if needed) and makes every other
/// member of that year a plain member again. One undo step.
pub fn elect(store: &mut Store, e: &Election) -> Result<(), RecordError> {
    if e.leader_unit_id
        .is_some_and(|l| e.deputy_unit_ids.contains(&l))
    {
        return Err(RecordError::invalid(
            "validation.leader_is_deputy",
            "deputy_unit_ids",
            "Một đơn vị không thể vừa là Cụm trưởng vừa là Cụm phó.",
        ));
    }
    store.transact(|tx| {
        // Demote first, so the new leader never meets the old one in validation.
        for (id, unit_id, role) in q::cluster_members_of(tx, e.cluster_id, e.year)? {
            let wanted = if Some(unit_id) == e.leader_unit_id {
                "cum_truong"
            } else if e.deputy_unit_ids.contains(&unit_id) {
                "cum_pho"
            } else {
                "thanh_vien"
            };
            if role != wanted && role != "thanh_vien" {
                let mut m: ClusterMember = tx.load(id)?;
                m.role = "thanh_vien".into();
                save_in(tx, &m)?;
            }
        }
        let wanted = e
            .leader_unit_id
            .map(|u| (u, "cum_truong"))
            .into_iter()
            .chain(e.deputy_unit_ids.iter().map(|u| (*u, "cum_pho")));
        for (unit_id, role) in wanted {
            let (id, _) = ensure_member(tx, e.cluster_id, unit_id, e.year)?;
            let mut m: ClusterMember = tx.load(id)?;
            m.role = role.into();
            m.elected_at_event_id = e.event_id;
            save_in(tx, &m)?;
        }
        Ok(())
    })
}

/// Adds units as members of a cluster for a year (those not members yet). One undo step.
pub fn add_members(
    store: &mut Store,
    cluster_id: i64,
    year: i32,
    unit_ids: &[i64],
) -> Result<usize, RecordError> {
    store.transact(|tx| {
        let mut added = 0;
        for &unit_id in unit_ids {
            if ensure_member(tx, cluster_id, unit_id, year)?.1 {
                added += 1;
            }
        }
        Ok(added)
    })
}

/// The membership row of a unit in a cluster for a year, created as a plain member when missing:
/// (its id, whether it was created).
pub(super) fn ensure_member(
    tx: &mut Tx<'_>,
    cluster_id: i64,
    unit_id: i64,
    year: i32,
) -> Result<(i64, bool), RecordError> {
    if let Some(id) = queries::find_same(
        tx,
        "cluster_members",
        &["cluster_id", "unit_id", "year"],
        &[cluster_id.into(), unit_id.into(), year.into()],
        None,
    )? {
        return Ok((id, false));
    }
    let m = save_in(
        tx,
        &ClusterMember {
            cluster_id,
            unit_id,
            year,
            role: "thanh_vien".into(),
            ..ClusterMember::default()
        },
    )?;
    Ok((m.id.unwrap_or_default(), true))
}

/// A decision on one or more award proposals.
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[ts(export)]
pub struct AwardDecision {
    pub award_ids: Vec<i64>,
    /// `da_quyet_dinh` or `khong_duyet`.
    pub status: String,
    pub decision_number: Option<String>,
    /// ISO date.
    pub decision_date: Option<String>,
    pub decision_signer: Option<String>,
}

/// Records the decision on every listed proposal, all or none. One undo step.
pub fn decide_awards(store: &mut Store, d: &AwardDecision) -> Result<(), RecordError> {
    if d.award_ids.is_empty() {
        return Err(RecordError::invalid(
            "validation.required",
            "award_ids",
            "Chưa chọn đề nghị khen thưởng nào.",
        ));
    }
    store.transact(|tx| {
        for &id in &d.award_ids {
            let mut a: Award = tx.load(id)?;
            a.status = d.status.clone();
            a.decision_number = d.decision_number.clone();
            a.decision_date = d.decision_date.clone();
            a.decision_signer = d.decision_signer.clone();
            save_in(tx, &a)?;
        }
        Ok(())
    })
}

/// A person's page: the record, posts (newest first), personnel changes, events attended.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PersonPage {
    pub person: Person,
    pub positions: Vec<serde_json::Map<String, Value>>,
    pub changes: Vec<serde_json::Map<String, Value>>,
    pub events: Vec<serde_json::Map<String, Value>>,
}

pub fn person_page(store: &Store, id: i64) -> Result<PersonPage, RecordError> {
    let person: Person = store.get(id)?.ok_or(StorageError::NotFound {
        kind: RecordKind::Person,
        id,
    })?;
    let conn = store.conn();
    let positions = queries::person_positions(conn, id)?;
    let changes = queries::list(conn, "changes", None)?
        .unwrap_or_default()
        .into_iter()
        .filter(|c| c.get("person_id").and_then(Value::as_i64) == Some(id))
        .collect();
    let events = queries::list(conn, "participants", None)?
        .unwrap_or_default()
        .into_iter()
        .filter(|p| p.get("person_id").and_then(Value::as_i64) == Some(id))
        .collect();
    Ok(PersonPage {
        person,
        positions,
        changes,
        events,
    })
}
