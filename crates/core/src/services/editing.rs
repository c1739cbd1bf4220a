//! Editing records from a generic front end: a record arrives as JSON with its kind, is checked
//! and saved as its typed struct, and goes back as JSON. Plus the multi-record actions of the
//! screens (electing a cluster's leaders, deciding several award proposals), each one undo step.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use super::records::{save_in, RecordError};
use crate::domain::lists::{ChangeRow, ParticipantRow, PositionRow};
use crate::domain::*;
use crate::storage::{overview as q, queries, StorageError, Store, Tx};

/// Reads a record of `kind` from JSON. A key the kind does not have, a wrong type or an unknown
/// fixed value is refused with the field it concerns (`validation.unknown_field`,
/// `validation.shape`), never dropped.
pub fn parse_record(kind: RecordKind, value: Value) -> Result<AnyRecord, RecordError> {
    let tagged = serde_json::json!({ "kind": kind, "record": value });
    match serde_json::from_value(tagged.clone()) {
        Ok(r) => Ok(r),
        Err(e) => {
            let mut err = shape_error(kind, &e.to_string());
            // serde does not say which key a wrong type or an unknown fixed value was in: find it.
            if let RecordError::Input {
                code,
                field,
                message,
            } = &mut err
            {
                if *code != "validation.unknown_field" && field.as_str() == "record" {
                    if let Some(key) = offending_key(kind, &tagged["record"]) {
                        *message = format!("«{}»: {message}", field_label_vi(&key));
                        *field = key;
                    }
                }
            }
            Err(err)
        }
    }
}

/// The key whose value a record of `kind` cannot take: the first one that, given its default
/// instead, makes the record readable (serde does not say which key a wrong type was in).
fn offending_key(kind: RecordKind, value: &Value) -> Option<String> {
    let defaults = crate::with_kind!(kind, T => serde_json::to_value(T::default()).ok())?;
    let obj = value.as_object()?;
    obj.keys()
        .find(|key| {
            let mut probe = obj.clone();
            probe.insert(
                (*key).clone(),
                defaults.get(key.as_str()).cloned().unwrap_or(Value::Null),
            );
            serde_json::from_value::<AnyRecord>(
                serde_json::json!({ "kind": kind, "record": Value::Object(probe) }),
            )
            .is_ok()
        })
        .cloned()
}

/// What serde's "expected …" names, in Vietnamese.
fn expected_vi(message: &str) -> &'static str {
    let expected = message.split_once("expected").map_or("", |(_, e)| e);
    if ["i64", "i32", "u32", "u64", "integer"]
        .iter()
        .any(|t| expected.contains(t))
    {
        "một số nguyên"
    } else if expected.contains("f64") || expected.contains("float") {
        "một số"
    } else if expected.contains("string") {
        "chữ"
    } else if expected.contains("bool") {
        "có hoặc không (true/false)"
    } else {
        "một giá trị khác"
    }
}

fn shape_error(kind: RecordKind, message: &str) -> RecordError {
    // serde names the offending key between backticks: "unknown field `foo`, expected one of …".
    let quoted = |text: &str| text.split('`').nth(1).map(str::to_string);
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let field = quoted(rest).unwrap_or_default();
        let message = format!(
            "{} không có trường \"{field}\"; dữ liệu chưa được lưu.",
            kind.label_vi()
        );
        return RecordError::Input {
            code: "validation.unknown_field",
            field,
            message,
        };
    }
    // A value outside a fixed list: "unknown variant `x`, expected one of `a`, `b`".
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let value = quoted(rest).unwrap_or_default();
        let allowed: Vec<&str> = rest
            .split_once("expected")
            .map(|(_, list)| list.split('`').skip(1).step_by(2).collect())
            .unwrap_or_default();
        return RecordError::Input {
            code: "validation.not_in_list",
            field: "record".into(),
            message: format!(
                "{}: giá trị \"{value}\" không có trong danh sách cho phép ({}); dữ liệu chưa được lưu.",
                kind.label_vi(),
                allowed.join(", ")
            ),
        };
    }
    let field = message
        .strip_prefix("missing field ")
        .and_then(quoted)
        .unwrap_or_else(|| "record".into());
    // serde's own words are English: only what was expected is told, in Vietnamese.
    let why = if message.starts_with("missing field") {
        format!("thiếu trường \"{field}\"")
    } else {
        format!(
            "một trường có giá trị không đúng kiểu (cần {})",
            expected_vi(message)
        )
    };
    RecordError::Input {
        code: "validation.shape",
        field,
        message: format!(
            "Dữ liệu nhập không hợp lệ ({}): {why}; dữ liệu chưa được lưu.",
            kind.label_vi()
        ),
    }
}

/// Creates (no `id`) or updates (with `id`) a record; returns it as stored. One undo step.
pub fn save_any(store: &mut Store, record: AnyRecord) -> Result<AnyRecord, RecordError> {
    crate::with_record!(record, r => Ok(super::records::save(store, &r)?.into()))
}

/// Saves a record given as JSON with its kind; returns it as stored.
pub fn save_json(
    store: &mut Store,
    kind: RecordKind,
    value: Value,
) -> Result<AnyRecord, RecordError> {
    save_any(store, parse_record(kind, value)?)
}

/// A live record.
pub fn get(store: &Store, kind: RecordKind, id: i64) -> Result<AnyRecord, RecordError> {
    crate::with_kind!(kind, T => {
        let r: T = store.get(id)?.ok_or(StorageError::NotFound { kind, id })?;
        Ok(r.into())
    })
}

/// An option of a picker.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PickOption {
    pub id: String,
    pub label: String,
    pub hint: Option<String>,
    /// A retired code-list entry: offered only where a record already holds it.
    pub retired: bool,
}

pub fn options(store: &Store, kind: &str) -> Result<Vec<PickOption>, RecordError> {
    let rows = q::options(store.db(), kind)?.ok_or_else(|| {
        RecordError::invalid(
            "validation.unknown_code",
            "kind",
            format!("Không có danh mục \"{kind}\"."),
        )
    })?;
    Ok(rows
        .into_iter()
        .map(|(id, label, hint)| PickOption {
            id,
            label,
            hint,
            retired: false,
        })
        .collect())
}

pub fn codes(store: &Store, list: &str) -> Result<Vec<PickOption>, RecordError> {
    Ok(queries::codes(store.db(), list)?
        .into_iter()
        .map(|(id, label, retired)| PickOption {
            id,
            label,
            hint: None,
            retired,
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
        for (id, unit_id, role) in q::cluster_members_of(tx.db(), e.cluster_id, e.year)? {
            let wanted = if Some(unit_id) == e.leader_unit_id {
                MemberRole::Leader
            } else if e.deputy_unit_ids.contains(&unit_id) {
                MemberRole::Deputy
            } else {
                MemberRole::Member
            };
            if role != wanted && role != MemberRole::Member {
                let mut m: ClusterMember = tx.load(id)?;
                m.role = MemberRole::Member;
                save_in(tx, &m)?;
            }
        }
        let wanted = e
            .leader_unit_id
            .map(|u| (u, MemberRole::Leader))
            .into_iter()
            .chain(e.deputy_unit_ids.iter().map(|u| (*u, MemberRole::Deputy)));
        for (unit_id, role) in wanted {
            let (id, _) = ensure_member(tx, e.cluster_id, unit_id, e.year)?;
            let mut m: ClusterMember = tx.load(id)?;
            m.role = role;
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
    let member = ClusterMember {
        cluster_id,
        unit_id,
        year,
        ..ClusterMember::default()
    };
    if let Some(id) = tx.find_same(&member)? {
        return Ok((id, false));
    }
    let m = save_in(tx, &member)?;
    Ok((m.id.unwrap_or_default(), true))
}

/// A decision on one or more award proposals.
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[ts(export)]
pub struct AwardDecision {
    pub award_ids: Vec<i64>,
    pub status: AwardStatus,
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
            a.status = d.status;
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
    pub positions: Vec<PositionRow>,
    pub changes: Vec<ChangeRow>,
    pub events: Vec<ParticipantRow>,
}

pub fn person_page(store: &Store, id: i64) -> Result<PersonPage, RecordError> {
    let person: Person = store.get(id)?.ok_or(StorageError::NotFound {
        kind: RecordKind::Person,
        id,
    })?;
    let db = store.db();
    let positions = queries::person_positions(db, id)?;
    let of = queries::Of::Person(id);
    let (ListRows::Changes(changes), ListRows::Participants(events)) = (
        queries::list_of(db, ListName::Changes, of)?,
        queries::list_of(db, ListName::Participants, of)?,
    ) else {
        return Err(StorageError::Schema("person page lists".into()).into());
    };
    Ok(PersonPage {
        person,
        positions,
        changes,
        events,
    })
}

/// What a write returns to a screen: its result and the kinds of record it changed, so the
/// screen reloads the lists that show them and nothing else.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Written<T> {
    pub value: T,
    pub changed: Vec<RecordKind>,
}

impl<T> Written<T> {
    pub fn after(store: &Store, value: T) -> Self {
        Written {
            value,
            changed: store.last_changed().to_vec(),
        }
    }
}

/// Which record kinds each list shows (a screen reloads a list when a write changed one).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ListDependency {
    pub list: ListName,
    pub kinds: Vec<RecordKind>,
}

pub fn list_dependencies() -> Vec<ListDependency> {
    ListName::ALL
        .iter()
        .map(|l| ListDependency {
            list: *l,
            kinds: l.depends_on().to_vec(),
        })
        .collect()
}

/// A date typed in a form: "08/12/2023", "12/2023" or "2023" (with `partial`), else a full
/// date only. The one parser the forms use, with the same year limits as validation.
pub fn parse_date(text: &str, partial: bool) -> Result<PartialDate, RecordError> {
    let invalid = |message: String| RecordError::invalid("validation.bad_date", "date", message);
    let d = PartialDate::parse(text).map_err(|e| invalid(e.to_string()))?;
    if !partial && d.day.is_none() {
        return Err(invalid(
            date::DateError::Format(text.trim().to_string()).to_string(),
        ));
    }
    Ok(d)
}

/// A new record of `kind` with the starting values a form shows (the year in view where the
/// kind has one).
pub fn new_record(kind: RecordKind, year: i32) -> AnyRecord {
    match kind {
        RecordKind::Cluster => Cluster {
            sector: "to_chuc_xay_dung_dang".into(),
            kind: "cum_btc_tinh".into(),
            ..Cluster::default()
        }
        .into(),
        RecordKind::ClusterMember => ClusterMember {
            year,
            ..ClusterMember::default()
        }
        .into(),
        RecordKind::Award => Award {
            achievement_year: Some(year),
            ..Award::default()
        }
        .into(),
        RecordKind::Figure => Figure {
            period_year: Some(year),
            ..Figure::default()
        }
        .into(),
        RecordKind::Participant => Participant {
            role: "du".into(),
            ..Participant::default()
        }
        .into(),
        RecordKind::Unit => Unit {
            kind: "btc_tinh_uy".into(),
            ..Unit::default()
        }
        .into(),
        RecordKind::Event => Event {
            kind: "tong_ket".into(),
            year_covered: Some(year),
            ..Event::default()
        }
        .into(),
        RecordKind::Pledge => Pledge {
            year,
            ..Pledge::default()
        }
        .into(),
        RecordKind::Indicator => Indicator::default().into(),
        RecordKind::PledgeSignatory => PledgeSignatory::default().into(),
        RecordKind::Person => Person::default().into(),
        RecordKind::Position => Position::default().into(),
        RecordKind::PersonnelChange => PersonnelChange::default().into(),
        RecordKind::AwardForm => AwardForm {
            recipient_kinds: "tap_the,ca_nhan".into(),
            ..AwardForm::default()
        }
        .into(),
        RecordKind::Source => Source::default().into(),
        RecordKind::Citation => Citation::default().into(),
        RecordKind::Document => Document::default().into(),
        RecordKind::EmulationResult => EmulationResult {
            year,
            ..EmulationResult::default()
        }
        .into(),
        RecordKind::CodeEntry => CodeEntry::default().into(),
    }
}

/// A cluster's membership over the years: one row per unit, one cell per year.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct MembershipGrid {
    pub cluster_id: i64,
    pub years: Vec<i32>,
    pub units: Vec<GridUnit>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct GridUnit {
    pub unit_id: i64,
    pub unit: String,
    /// One per year of `years`: the role that year, or none when not a member.
    pub roles: Vec<Option<MemberRole>>,
}

pub fn membership_grid(store: &Store, cluster_id: i64) -> Result<MembershipGrid, RecordError> {
    let ListRows::Members(rows) = queries::list(store.db(), ListName::Members, None)? else {
        return Err(StorageError::Schema("members list".into()).into());
    };
    let mine: Vec<_> = rows
        .into_iter()
        .filter(|m| m.cluster_id == cluster_id)
        .collect();
    let mut years: Vec<i32> = mine.iter().map(|m| m.year).collect();
    years.sort_unstable();
    years.dedup();
    let mut units: Vec<GridUnit> = Vec::new();
    for m in &mine {
        let col = years.iter().position(|y| *y == m.year).unwrap_or_default();
        let row = match units.iter_mut().position(|u| u.unit_id == m.unit_id) {
            Some(i) => &mut units[i],
            None => {
                units.push(GridUnit {
                    unit_id: m.unit_id,
                    unit: m.unit.clone(),
                    roles: vec![None; years.len()],
                });
                units.last_mut().expect("just pushed")
            }
        };
        row.roles[col] = Some(m.role);
    }
    units.sort_by(|a, b| crate::storage::compare_vi(&a.unit, &b.unit));
    Ok(MembershipGrid {
        cluster_id,
        years,
        units,
    })
}

/// Finds or creates the unit a clerk typed by name (see `facts_file::unit_named`), as one undo
/// step; returns it.
pub fn unit_from_name(
    store: &mut Store,
    name: &str,
    province_id: Option<&str>,
    year: i32,
) -> Result<Unit, RecordError> {
    if crate::text::clean(name).is_empty() {
        return Err(RecordError::invalid(
            "validation.required",
            "name",
            "Chưa nhập tên đơn vị.",
        ));
    }
    let at = crate::storage::provinces::year_end(year);
    store.transact(|tx| {
        let id = super::facts_file::unit_named(tx, name, province_id, &at)?;
        Ok(tx.load(id)?)
    })
}

/// A saved record and the year the lists file it under (None: lists of every year show it), so
/// a screen filtered by year can switch to it instead of losing it from view.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Saved {
    pub record: AnyRecord,
    pub year: Option<i32>,
}

/// The year a record is listed under, as the list queries filter: an event by its date's year
/// (else the year under review), a figure by its period, an award by its achievement year…
pub fn listed_year(store: &Store, record: &AnyRecord) -> Result<Option<i32>, RecordError> {
    let year_of = |d: &Option<String>| d.as_deref().and_then(|d| d.get(..4)?.parse().ok());
    Ok(match record {
        AnyRecord::Event(e) => e.date_year.or(e.year_covered),
        AnyRecord::ClusterMember(m) => Some(m.year),
        AnyRecord::Pledge(p) => Some(p.year),
        AnyRecord::Award(a) => a.achievement_year,
        AnyRecord::Figure(f) => f.period_year,
        AnyRecord::EmulationResult(r) => Some(r.year),
        AnyRecord::PersonnelChange(c) => year_of(&c.decision_date).or(year_of(&c.effective_date)),
        AnyRecord::Position(p) => year_of(&p.from_date),
        AnyRecord::Source(s) => year_of(&s.published_date),
        AnyRecord::Participant(p) => {
            let e: Option<Event> = store.get(p.event_id)?;
            e.and_then(|e| e.date_year.or(e.year_covered))
        }
        _ => None,
    })
}

/// Saves a record given as JSON with its kind; returns it with the year it is listed under.
pub fn save_listed(
    store: &mut Store,
    kind: RecordKind,
    value: Value,
) -> Result<Saved, RecordError> {
    let record = save_json(store, kind, value)?;
    let year = listed_year(store, &record)?;
    Ok(Saved { record, year })
}

/// Splits a list as an article or a spreadsheet writes it: one per line, or separated by commas,
/// semicolons and "và"; a lead-in up to a colon ("gồm: …") and list marks are dropped.
pub fn split_names(text: &str) -> Vec<String> {
    let text = crate::text::nfc(text);
    let mut out = Vec::new();
    for line in text.lines() {
        let line = match line.rfind(':') {
            Some(i) if line[i + 1..].contains(',') || line[i + 1..].contains(" và ") => {
                &line[i + 1..]
            }
            _ => line,
        };
        for part in line.split([',', ';']) {
            for piece in part.split(" và ") {
                let name = piece
                    .trim()
                    .trim_start_matches(['-', '•', '*', '+'])
                    .trim_end_matches(['.', ';'])
                    .trim();
                let name = crate::text::clean(name);
                if !name.is_empty() && !out.contains(&name) {
                    out.push(name);
                }
            }
        }
    }
    out
}

/// One name of a pasted list and the unit it means.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ResolvedName {
    /// As pasted.
    pub text: String,
    /// The unit it is (after confirming: its id; in a preview, None for a unit to create).
    pub unit_id: Option<i64>,
    pub unit: String,
    /// No such unit yet: confirming creates it (kind read from the name).
    pub new: bool,
    /// Already a member of the cluster that year.
    pub member: bool,
}

fn resolve_into(
    tx: &mut Tx<'_>,
    cluster_id: i64,
    year: i32,
    names: &[String],
    add: bool,
) -> Result<Vec<ResolvedName>, RecordError> {
    let at = crate::storage::provinces::year_end(year);
    let mut out = Vec::new();
    for text in names {
        let known = queries::unit_count(tx.db())?;
        let id = super::facts_file::unit_named(tx, text, None, &at)?;
        let new = queries::unit_count(tx.db())? > known;
        let unit: Unit = tx.load(id)?;
        let probe = ClusterMember {
            cluster_id,
            unit_id: id,
            year,
            ..ClusterMember::default()
        };
        let member = tx.find_same(&probe)?.is_some();
        if add {
            ensure_member(tx, cluster_id, id, year)?;
        }
        out.push(ResolvedName {
            text: text.clone(),
            unit_id: (add || !new).then_some(id),
            unit: unit.name,
            new,
            member,
        });
    }
    Ok(out)
}

/// What a pasted list of members would record, without recording it.
pub fn preview_members(
    store: &mut Store,
    cluster_id: i64,
    year: i32,
    text: &str,
) -> Result<Vec<ResolvedName>, RecordError> {
    let names = split_names(text);
    store.preview(|tx| resolve_into(tx, cluster_id, year, &names, false))
}

/// Records a pasted list of members (creating the units it names that do not exist yet) in one
/// undo step.
pub fn add_members_by_name(
    store: &mut Store,
    cluster_id: i64,
    year: i32,
    text: &str,
) -> Result<Vec<ResolvedName>, RecordError> {
    let names = split_names(text);
    if names.is_empty() {
        return Err(RecordError::invalid(
            "validation.required",
            "names",
            "Danh sách trống: dán tên các đơn vị, mỗi dòng một tên hoặc cách nhau bằng dấu phẩy.",
        ));
    }
    store.transact(|tx| resolve_into(tx, cluster_id, year, &names, true))
}

/// Puts the title a person held at an event on their position timeline (from the event's date),
/// in one undo step; an entry already there is not added twice.
pub fn position_from_participant(
    store: &mut Store,
    participant_id: i64,
) -> Result<Position, RecordError> {
    store.transact(|tx| {
        let p: Participant = tx.load(participant_id)?;
        let (Some(person_id), Some(title)) = (p.person_id, p.title.clone()) else {
            return Err(RecordError::invalid(
                "validation.required",
                "title",
                "Người dự này chưa có họ tên hoặc chức vụ để ghi vào quá trình công tác.",
            ));
        };
        let from_date = queries::event_date_iso(tx.db(), p.event_id)?;
        let position = Position {
            person_id,
            title,
            unit_id: p.unit_id,
            from_date,
            note: Some("Theo chức vụ ghi tại hội nghị".into()),
            ..Position::default()
        };
        if let Some(id) = queries::position_like(tx.db(), &position)? {
            return Ok(tx.load(id)?);
        }
        save_in(tx, &position)
    })
}

/// Vietnamese family names, to find a person's name in a line that also holds a title.
const FAMILY_NAMES: &[&str] = &[
    "nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang", "bui", "do",
    "ho", "ngo", "duong", "ly", "dao", "dinh", "trinh", "lu", "cao", "lam", "mai", "to", "ha",
    "truong", "thai", "luu", "chu", "ta", "quach", "trieu", "luong", "doan", "kieu", "nghiem",
    "thach", "lai", "la", "tong", "vuong", "tieu", "khuc", "phung", "van", "giang", "au",
];

/// A line of a pasted list of attendees → (name, title): "Phạm Văn Cành, Phó Bí thư…",
/// "Phạm Văn Cành - Phó Bí thư…" or "Phó Bí thư… Phạm Văn Cành" (the name is 2–4 capitalized
/// words starting with a family name).
pub fn split_person_line(line: &str) -> Option<(String, Option<String>)> {
    let line = crate::text::clean(line.trim_start_matches(['-', '•', '*', '+']).trim());
    if line.is_empty() {
        return None;
    }
    let is_name = |s: &str| {
        let words: Vec<&str> = s.split_whitespace().collect();
        (2..=4).contains(&words.len())
            && words
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
            && FAMILY_NAMES.contains(&crate::text::fold_key(words[0]).as_str())
    };
    for sep in [" - ", " – ", " — ", ", ", ": "] {
        if let Some((a, b)) = line.split_once(sep) {
            if is_name(a.trim()) {
                return Some((a.trim().to_string(), Some(b.trim().to_string())));
            }
            if is_name(b.trim()) {
                return Some((b.trim().to_string(), Some(a.trim().to_string())));
            }
        }
    }
    // A title before the name: the longest name-looking run at the end.
    let words: Vec<&str> = line.split_whitespace().collect();
    for n in (2..=4).rev() {
        if words.len() > n {
            let name = words[words.len() - n..].join(" ");
            if is_name(&name) {
                return Some((name, Some(words[..words.len() - n].join(" "))));
            }
        }
    }
    is_name(&line).then(|| (line.clone(), None))
}

/// One line of a pasted attendee list and what it becomes.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ResolvedPerson {
    pub text: String,
    /// None: no name found in the line (it is not recorded).
    pub name: Option<String>,
    pub title: Option<String>,
    /// A person of that name and title is not on record yet.
    pub new: bool,
}

fn participants_into(
    tx: &mut Tx<'_>,
    event_id: i64,
    text: &str,
    add: bool,
) -> Result<Vec<ResolvedPerson>, RecordError> {
    let mut out = Vec::new();
    for line in crate::text::nfc(text)
        .lines()
        .filter(|l| !l.trim().is_empty())
    {
        let Some((name, title)) = split_person_line(line) else {
            out.push(ResolvedPerson {
                text: line.trim().to_string(),
                name: None,
                title: None,
                new: false,
            });
            continue;
        };
        // The same person: same name and title anywhere, or same name at this very event.
        let at_event = match queries::list(tx.db(), ListName::Participants, None)? {
            ListRows::Participants(rows) => rows
                .into_iter()
                .find(|r| r.event_id == event_id && r.person.as_deref() == Some(name.as_str()))
                .and_then(|r| r.person_id),
            _ => None,
        };
        let existing = match &title {
            Some(t) => queries::person_with_title(tx.db(), &name, t)?,
            None => None,
        }
        .or(at_event);
        if add {
            let person_id = match existing {
                Some(id) => id,
                None => save_in(
                    tx,
                    &Person {
                        full_name: name.clone(),
                        ..Person::default()
                    },
                )?
                .id
                .unwrap_or_default(),
            };
            let p = Participant {
                event_id,
                person_id: Some(person_id),
                title: title.clone(),
                role: "du".into(),
                ..Participant::default()
            };
            // Already there for this event (whatever unit it was recorded with): not again.
            let attends = match queries::list(tx.db(), ListName::Participants, None)? {
                ListRows::Participants(rows) => rows
                    .iter()
                    .any(|r| r.event_id == event_id && r.person_id == Some(person_id)),
                _ => false,
            };
            if !attends {
                save_in(tx, &p)?;
            }
        }
        out.push(ResolvedPerson {
            text: line.trim().to_string(),
            name: Some(name),
            title,
            new: existing.is_none(),
        });
    }
    Ok(out)
}

/// What a pasted list of attendees would record (nothing written).
pub fn preview_participants(
    store: &mut Store,
    event_id: i64,
    text: &str,
) -> Result<Vec<ResolvedPerson>, RecordError> {
    store.preview(|tx| participants_into(tx, event_id, text, false))
}

/// Records a pasted list of attendees (people matched by name and title, else created) in one
/// undo step.
pub fn add_participants_by_text(
    store: &mut Store,
    event_id: i64,
    text: &str,
) -> Result<Vec<ResolvedPerson>, RecordError> {
    store.transact(|tx| {
        let _: Event = tx.load(event_id)?;
        participants_into(tx, event_id, text, true)
    })
}

/// Records a pasted list of pledge signatories for a cluster's pledge of `year` (created when
/// missing); they are the cluster's members that year too. One undo step.
pub fn add_signatories_by_name(
    store: &mut Store,
    cluster_id: i64,
    year: i32,
    text: &str,
) -> Result<Vec<ResolvedName>, RecordError> {
    let names = split_names(text);
    store.transact(|tx| {
        let pledge = Pledge {
            cluster_id,
            year,
            ..Pledge::default()
        };
        let pledge_id = match tx.find_same(&pledge)? {
            Some(id) => id,
            None => save_in(tx, &pledge)?.id.unwrap_or_default(),
        };
        let resolved = resolve_into(tx, cluster_id, year, &names, true)?;
        for r in &resolved {
            let s = PledgeSignatory {
                id: None,
                pledge_id,
                unit_id: r.unit_id.unwrap_or_default(),
            };
            if tx.find_same(&s)?.is_none() {
                save_in(tx, &s)?;
            }
        }
        Ok(resolved)
    })
}

/// A kind of record with its Vietnamese name, for screens that let the clerk pick a kind.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct KindLabel {
    pub kind: RecordKind,
    pub label: String,
}

pub fn kind_labels() -> Vec<KindLabel> {
    RecordKind::ALL
        .iter()
        .map(|k| KindLabel {
            kind: *k,
            label: k.label_vi().to_string(),
        })
        .collect()
}
