//! The record structs. Field names are the storage columns (the storage layer maps them 1:1), and
//! `id: None` means "not saved yet". Codes (`kind`, `role`, `status`…) come from the code lists.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::enums::{Aggregation, AwardStatus, Gender, MemberRole, PeriodKind, RecipientKind};
use super::RecordKind;

/// Implemented by every record struct; lets storage and services treat records generically.
pub trait Record: Serialize + serde::de::DeserializeOwned + Clone + std::fmt::Debug {
    const KIND: RecordKind;
    /// The fields that make two records "the same" (duplicates are refused, facts find the
    /// existing record by them). Empty: no natural key. A test checks they are fields.
    const SAME_KEY: &'static [&'static str];
    fn id(&self) -> Option<i64>;
    fn set_id(&mut self, id: i64);
}

macro_rules! record {
    ($ty:ident, $kind:ident, [$($key:literal),*]) => {
        impl From<$ty> for AnyRecord {
            fn from(r: $ty) -> AnyRecord {
                AnyRecord::$kind(r)
            }
        }

        impl Record for $ty {
            const KIND: RecordKind = RecordKind::$kind;
            const SAME_KEY: &'static [&'static str] = &[$($key),*];
            fn id(&self) -> Option<i64> {
                self.id
            }
            fn set_id(&mut self, id: i64) {
                self.id = Some(id);
            }
        }
    };
}

/// A body: a provincial Organization Committee, a department of the Central Commission, a
/// district committee… `kind` is from the `unit_kind` code list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Unit {
    pub id: Option<i64>,
    pub kind: String,
    pub name: String,
    pub short_name: Option<String>,
    pub province_id: Option<String>,
    pub parent_id: Option<i64>,
    pub note: Option<String>,
}
record!(Unit, Unit, ["kind", "name", "province_id"]);

/// An emulation cluster (Cụm thi đua), numbered with Roman or Arabic numerals as written.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Cluster {
    pub id: Option<i64>,
    pub name: String,
    pub number: Option<String>,
    pub sector: String,
    pub region: Option<String>,
    pub note: Option<String>,
    /// From the `cluster_kind` code list: the sector's regional clusters of provincial
    /// Organization Committees, a province's bloc of Party boards, its clusters of district
    /// committees… A unit is in at most one cluster of each kind in a year. Empty (or missing)
    /// means the sector's regional cluster, the kind every cluster had before there were kinds.
    #[serde(default)]
    pub kind: String,
    /// The body that set the cluster up ("Ban Tổ chức Trung ương", "Tỉnh ủy Lâm Đồng").
    pub set_up_by: Option<String>,
    /// The province whose own clusters these are (blocs and district clusters).
    pub province_id: Option<String>,
}
record!(Cluster, Cluster, ["name", "sector"]);

/// A unit's membership of a cluster in one year, with its role that year (leader, deputy).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct ClusterMember {
    pub id: Option<i64>,
    pub cluster_id: i64,
    pub unit_id: i64,
    pub year: i32,
    pub role: MemberRole,
    /// The conference that elected the leader or deputy.
    pub elected_at_event_id: Option<i64>,
    pub note: Option<String>,
}
record!(
    ClusterMember,
    ClusterMember,
    ["cluster_id", "unit_id", "year"]
);

/// A conference or meeting (hội nghị). The date may be partial.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Event {
    pub id: Option<i64>,
    /// From the `event_kind` code list: `so_ket`, `tong_ket`, `giao_ban`, …
    pub kind: String,
    pub name: String,
    pub date_year: Option<i32>,
    pub date_month: Option<u32>,
    pub date_day: Option<u32>,
    pub place: Option<String>,
    pub host_unit_id: Option<i64>,
    pub cluster_id: Option<i64>,
    /// The year under review.
    pub year_covered: Option<i32>,
    /// The period reviewed as written: "6 tháng đầu năm 2023".
    pub period_label: Option<String>,
    pub note: Option<String>,
    /// The year was not written but inferred (from the year under review, the publication).
    #[serde(default, deserialize_with = "int_bool::deserialize")]
    #[ts(type = "boolean")]
    pub year_inferred: bool,
    /// How the date was read: "bài ghi 'Chiều 6/12'; năm suy ra từ năm tổng kết".
    pub date_note: Option<String>,
    /// Who held it, as written (may differ from the host).
    pub organizer: Option<String>,
    /// For a statistics release: the body that released the figures.
    pub released_by: Option<String>,
    pub document_id: Option<i64>,
}
record!(
    Event,
    Event,
    ["kind", "name", "date_year", "date_month", "date_day"]
);

/// Someone (or a unit's representative) at an event, with the title written at that time.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Participant {
    pub id: Option<i64>,
    pub event_id: i64,
    pub person_id: Option<i64>,
    pub unit_id: Option<i64>,
    pub title: Option<String>,
    /// From the `participant_role` code list: `chu_tri`, `du`, `phat_bieu`, `bao_cao`, `ket_luan`.
    pub role: String,
    pub note: Option<String>,
}
record!(
    Participant,
    Participant,
    ["event_id", "person_id", "unit_id", "role"]
);

/// An emulation pledge (giao ước thi đua) of a cluster for a year.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Pledge {
    pub id: Option<i64>,
    pub cluster_id: i64,
    pub year: i32,
    pub event_id: Option<i64>,
    pub note: Option<String>,
}
record!(Pledge, Pledge, ["cluster_id", "year"]);

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct PledgeSignatory {
    pub id: Option<i64>,
    pub pledge_id: i64,
    pub unit_id: i64,
}
record!(PledgeSignatory, PledgeSignatory, ["pledge_id", "unit_id"]);

/// A named person. The name parts are stored because sorting is by given name.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Person {
    pub id: Option<i64>,
    pub full_name: String,
    pub family_name: Option<String>,
    pub middle_name: Option<String>,
    pub given_name: Option<String>,
    pub gender: Option<Gender>,
    pub birth_year: Option<i32>,
    pub note: Option<String>,
}
record!(Person, Person, ["full_name", "birth_year"]);

/// One line of a person's position history.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Position {
    pub id: Option<i64>,
    pub person_id: i64,
    pub title: String,
    pub unit_id: Option<i64>,
    /// ISO dates.
    pub from_date: Option<String>,
    pub to_date: Option<String>,
    /// The personnel change that opened this position, if any.
    pub change_id: Option<i64>,
    pub note: Option<String>,
}
record!(Position, Position, []);

/// A personnel action on a named person (appointment, rotation, dismissal…).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct PersonnelChange {
    pub id: Option<i64>,
    /// From the `change_kind` code list: `bo_nhiem`, `luan_chuyen`, `mien_nhiem`, …
    pub kind: String,
    pub person_id: i64,
    pub from_title: Option<String>,
    pub from_unit_id: Option<i64>,
    pub to_title: Option<String>,
    pub to_unit_id: Option<i64>,
    /// As written, e.g. "123-QĐ/TU"; never renumbered.
    pub decision_number: Option<String>,
    /// ISO dates.
    pub decision_date: Option<String>,
    pub effective_date: Option<String>,
    pub issuing_body: Option<String>,
    /// The regulation cited, e.g. "Quy định 41-QĐ/TW".
    pub legal_basis: Option<String>,
    pub note: Option<String>,
    /// The kind as written: "điều động, bổ nhiệm".
    pub kind_as_written: Option<String>,
    /// The decision as a document.
    pub document_id: Option<i64>,
}
record!(
    PersonnelChange,
    PersonnelChange,
    ["person_id", "kind", "decision_number"]
);

/// A form of award (Cờ thi đua, Bằng khen…): a code list the clerk edits.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct AwardForm {
    pub id: Option<i64>,
    pub code: String,
    pub name: String,
    /// Comma-separated `tap_the`, `ca_nhan`.
    pub recipient_kinds: String,
    pub note: Option<String>,
}
record!(AwardForm, AwardForm, ["code"]);

/// An award from proposal to decision. The recipient is a unit, a person, or an unnamed count
/// ("5 tập thể").
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Award {
    pub id: Option<i64>,
    pub form_id: i64,
    /// The wording after the form: "đơn vị xuất sắc ngành tổ chức xây dựng Đảng".
    pub form_detail: Option<String>,
    /// Who grants (or is asked to grant) it: "Ban Tổ chức Trung ương".
    pub granting_body: Option<String>,
    pub recipient_kind: RecipientKind,
    pub recipient_unit_id: Option<i64>,
    pub recipient_person_id: Option<i64>,
    /// For unnamed recipients: how many.
    pub recipient_count: Option<i64>,
    pub achievement_year: Option<i32>,
    pub reason: Option<String>,
    pub status: AwardStatus,
    pub proposed_by_unit_id: Option<i64>,
    pub proposed_by_cluster_id: Option<i64>,
    pub proposed_at_event_id: Option<i64>,
    /// ISO date.
    pub proposed_date: Option<String>,
    pub decision_number: Option<String>,
    pub decision_date: Option<String>,
    pub decision_signer: Option<String>,
    pub note: Option<String>,
    /// The form as the source names it loosely ("cờ").
    pub form_as_written: Option<String>,
    /// The decision (or the proposal) as a document.
    pub document_id: Option<i64>,
}
record!(
    Award,
    Award,
    [
        "form_id",
        "recipient_unit_id",
        "recipient_person_id",
        "achievement_year",
        "form_detail"
    ]
);

/// A statistic tracked over years (the indicator catalogue).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Indicator {
    pub id: Option<i64>,
    pub code: String,
    pub label: String,
    /// What is counted: "đảng viên", "lượt", "%".
    pub unit_label: Option<String>,
    pub aggregation: Aggregation,
    pub note: Option<String>,
}
record!(Indicator, Indicator, ["code"]);

/// One value of an indicator for a scope and a period.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Figure {
    pub id: Option<i64>,
    pub indicator_id: i64,
    pub scope_unit_id: Option<i64>,
    pub scope_cluster_id: Option<i64>,
    /// The scope as written when it is neither a unit nor a cluster ("toàn tỉnh").
    pub scope_label: Option<String>,
    pub period_kind: PeriodKind,
    /// None when the source does not say the year ("trong 3 tháng đầu năm", undated).
    pub period_year: Option<i32>,
    pub period_months: Option<u32>,
    pub period_date: Option<String>,
    pub value: Option<f64>,
    /// "933/954": value 933, denominator 954.
    pub denominator: Option<f64>,
    pub percent: Option<f64>,
    pub target: Option<f64>,
    /// "gần", "trên", "khoảng" as written.
    pub qualifier: Option<String>,
    /// The indicator as the source words it.
    pub label_as_written: Option<String>,
    pub note: Option<String>,
    /// Quarter 1–4 (`quarter` periods).
    pub period_quarter: Option<u32>,
    /// The last year of a `span` period ("2020–2025").
    pub period_end_year: Option<i32>,
    /// The period as written: "9 tháng năm 2022", "từ đầu năm đến nay".
    pub period_label: Option<String>,
    /// What the percent is of when not the denominator or the target ("dân số", "tổng số đảng
    /// viên").
    pub percent_base: Option<String>,
    /// Signed change against `compared_with`, in percent ("tăng 12,5%" → 12.5; "giảm" negative).
    pub change_pct: Option<f64>,
    /// Signed change in the figure's own unit.
    pub change_value: Option<f64>,
    /// The period compared with: "cùng kỳ năm trước", "năm 2022".
    pub compared_with: Option<String>,
    /// The figure this one is a part of ("trong đó 201 nữ").
    pub parent_id: Option<i64>,
    /// What is counted, as written ("đảng viên", "lượt").
    pub unit_as_written: Option<String>,
    /// The document that set the target.
    pub document_id: Option<i64>,
}
record!(
    Figure,
    Figure,
    [
        "indicator_id",
        "scope_unit_id",
        "scope_cluster_id",
        "scope_label",
        "period_kind",
        "period_year",
        "period_months",
        "period_date",
        "period_quarter",
        "period_end_year",
        "period_label",
        "parent_id"
    ]
);

/// A document (văn bản): a resolution, decision, regulation… cited by records.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Document {
    pub id: Option<i64>,
    /// Number and symbol as written: "41-QĐ/TW", "05-NQ/TU", "178/2024/NĐ-CP".
    pub number: Option<String>,
    /// From the `document_kind` code list.
    pub kind: Option<String>,
    pub issuer: Option<String>,
    /// ISO date, or "yyyy-mm" / "yyyy" when partial.
    pub date: Option<String>,
    pub title: Option<String>,
    pub note: Option<String>,
}
record!(Document, Document, ["number", "issuer", "date"]);

/// A member's result for a year in its cluster, from the cluster's evaluation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct EmulationResult {
    pub id: Option<i64>,
    pub cluster_id: Option<i64>,
    pub unit_id: i64,
    pub year: i32,
    pub rank: Option<i64>,
    /// As written: "hoàn thành xuất sắc nhiệm vụ".
    pub classification: Option<String>,
    pub score: Option<f64>,
    /// "đơn vị dẫn đầu".
    #[serde(default, deserialize_with = "int_bool::deserialize")]
    #[ts(type = "boolean")]
    pub leading: bool,
    /// The conference that announced it.
    pub event_id: Option<i64>,
    pub note: Option<String>,
}
record!(
    EmulationResult,
    EmulationResult,
    ["cluster_id", "unit_id", "year"]
);

fn null_as_empty<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(d)?.unwrap_or_default())
}

/// Booleans are stored as SQLite integers (0/1); they read back as numbers.
pub(crate) mod int_bool {
    use serde::{Deserialize, Deserializer};

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum IntOrBool {
            Bool(bool),
            Int(i64),
        }
        Ok(match IntOrBool::deserialize(d)? {
            IntOrBool::Bool(b) => b,
            IntOrBool::Int(i) => i != 0,
        })
    }
}

/// A source document (news article, report…).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Source {
    pub id: Option<i64>,
    pub title: String,
    pub publisher: Option<String>,
    pub author: Option<String>,
    pub url: Option<String>,
    pub published_date: Option<String>,
    pub media_type: Option<String>,
    pub file_name: Option<String>,
    pub body_text: Option<String>,
    pub note: Option<String>,
}
record!(Source, Source, []);

/// The passage of a source that supports a record.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Citation {
    pub id: Option<i64>,
    pub record_kind: RecordKind,
    pub record_id: i64,
    pub source_id: i64,
    pub passage: String,
    /// Character offsets of the passage in the source's text.
    pub char_start: Option<i64>,
    pub char_end: Option<i64>,
}
record!(
    Citation,
    Citation,
    ["record_kind", "record_id", "source_id", "passage"]
);

/// An entry of an editable code list (an event kind, a unit kind…). Records hold its `code`;
/// the clerk renames the label, retires an entry no longer offered, or merges two. Built-in
/// entries (those the program's rules name) can be renamed and retired but not deleted.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct CodeEntry {
    pub id: Option<i64>,
    pub list: crate::domain::CodeList,
    /// Made from the label when left empty (or null, as a form sends it); never changes once
    /// saved.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub code: String,
    pub label: String,
    /// Made last in the list when left empty.
    #[serde(default)]
    pub position: i64,
    /// No longer offered for new records; old records keep showing it.
    #[serde(default, deserialize_with = "int_bool::deserialize")]
    #[ts(type = "boolean")]
    pub retired: bool,
    #[serde(default, deserialize_with = "int_bool::deserialize")]
    #[ts(type = "boolean")]
    pub builtin: bool,
    pub note: Option<String>,
}
record!(CodeEntry, CodeEntry, ["list", "code"]);

/// Any record with its kind: what crosses IPC and the CLI (`{"kind": "unit", "record": {…}}`).
/// Each variant's struct refuses fields it does not have, so a misspelled key is an error, never
/// a silent drop.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "record", rename_all = "snake_case")]
#[ts(export)]
pub enum AnyRecord {
    Unit(Unit),
    Cluster(Cluster),
    ClusterMember(ClusterMember),
    Event(Event),
    Participant(Participant),
    Pledge(Pledge),
    PledgeSignatory(PledgeSignatory),
    Person(Person),
    Position(Position),
    PersonnelChange(PersonnelChange),
    AwardForm(AwardForm),
    Award(Award),
    Indicator(Indicator),
    Figure(Figure),
    Source(Source),
    Citation(Citation),
    Document(Document),
    EmulationResult(EmulationResult),
    CodeEntry(CodeEntry),
}

/// Calls `$body` with `$r` bound to the typed record inside an `AnyRecord`.
#[macro_export]
macro_rules! with_record {
    ($any:expr, $r:ident => $body:expr) => {
        match $any {
            $crate::domain::AnyRecord::Unit($r) => $body,
            $crate::domain::AnyRecord::Cluster($r) => $body,
            $crate::domain::AnyRecord::ClusterMember($r) => $body,
            $crate::domain::AnyRecord::Event($r) => $body,
            $crate::domain::AnyRecord::Participant($r) => $body,
            $crate::domain::AnyRecord::Pledge($r) => $body,
            $crate::domain::AnyRecord::PledgeSignatory($r) => $body,
            $crate::domain::AnyRecord::Person($r) => $body,
            $crate::domain::AnyRecord::Position($r) => $body,
            $crate::domain::AnyRecord::PersonnelChange($r) => $body,
            $crate::domain::AnyRecord::AwardForm($r) => $body,
            $crate::domain::AnyRecord::Award($r) => $body,
            $crate::domain::AnyRecord::Indicator($r) => $body,
            $crate::domain::AnyRecord::Figure($r) => $body,
            $crate::domain::AnyRecord::Source($r) => $body,
            $crate::domain::AnyRecord::Citation($r) => $body,
            $crate::domain::AnyRecord::Document($r) => $body,
            $crate::domain::AnyRecord::EmulationResult($r) => $body,
            $crate::domain::AnyRecord::CodeEntry($r) => $body,
        }
    };
}

/// Calls `$body` with the type alias `$T` set to the record struct of a `RecordKind`.
#[macro_export]
macro_rules! with_kind {
    ($kind:expr, $T:ident => $body:expr) => {{
        use $crate::domain::RecordKind as K;
        match $kind {
            K::Unit => {
                type $T = $crate::domain::Unit;
                $body
            }
            K::Cluster => {
                type $T = $crate::domain::Cluster;
                $body
            }
            K::ClusterMember => {
                type $T = $crate::domain::ClusterMember;
                $body
            }
            K::Event => {
                type $T = $crate::domain::Event;
                $body
            }
            K::Participant => {
                type $T = $crate::domain::Participant;
                $body
            }
            K::Pledge => {
                type $T = $crate::domain::Pledge;
                $body
            }
            K::PledgeSignatory => {
                type $T = $crate::domain::PledgeSignatory;
                $body
            }
            K::Person => {
                type $T = $crate::domain::Person;
                $body
            }
            K::Position => {
                type $T = $crate::domain::Position;
                $body
            }
            K::PersonnelChange => {
                type $T = $crate::domain::PersonnelChange;
                $body
            }
            K::AwardForm => {
                type $T = $crate::domain::AwardForm;
                $body
            }
            K::Award => {
                type $T = $crate::domain::Award;
                $body
            }
            K::Indicator => {
                type $T = $crate::domain::Indicator;
                $body
            }
            K::Figure => {
                type $T = $crate::domain::Figure;
                $body
            }
            K::Source => {
                type $T = $crate::domain::Source;
                $body
            }
            K::Citation => {
                type $T = $crate::domain::Citation;
                $body
            }
            K::Document => {
                type $T = $crate::domain::Document;
                $body
            }
            K::EmulationResult => {
                type $T = $crate::domain::EmulationResult;
                $body
            }
            K::CodeEntry => {
                type $T = $crate::domain::CodeEntry;
                $body
            }
        }
    }};
}

impl AnyRecord {
    pub fn kind(&self) -> RecordKind {
        with_record!(self, r => record_kind_of(r))
    }

    pub fn id(&self) -> Option<i64> {
        with_record!(self, r => r.id())
    }

    /// The record's fields as a JSON object (what `thidua get` prints and `thidua save` takes).
    pub fn fields(&self) -> serde_json::Value {
        with_record!(self, r => serde_json::to_value(r).unwrap_or(serde_json::Value::Null))
    }
}

fn record_kind_of<R: Record>(_: &R) -> RecordKind {
    R::KIND
}

/// The field names of a kind's struct, in declaration order.
pub fn field_names(kind: RecordKind) -> Vec<String> {
    with_kind!(kind, T => match serde_json::to_value(T::default()) {
        Ok(serde_json::Value::Object(m)) => m.keys().cloned().collect(),
        _ => Vec::new(),
    })
}
