//! The rows of the lists screens and the CLI show: display values (names resolved, codes
//! labelled) beside the codes and ids a screen decides from. One struct per list, generated into
//! TypeScript, so a screen reading a column the list does not have fails the UI's type check.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::enums::{Aggregation, AwardStatus, Gender, MemberRole, PeriodKind, RecipientKind};
use super::RecordKind;

/// What `list` can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum ListName {
    Clusters,
    Members,
    Events,
    Participants,
    Pledges,
    Awards,
    People,
    Positions,
    Changes,
    Figures,
    Units,
    Indicators,
    AwardForms,
    Sources,
    Provinces,
    Documents,
    Results,
    CodeEntries,
}

impl ListName {
    pub const ALL: [ListName; 18] = [
        ListName::Clusters,
        ListName::Members,
        ListName::Events,
        ListName::Participants,
        ListName::Pledges,
        ListName::Awards,
        ListName::People,
        ListName::Positions,
        ListName::Changes,
        ListName::Figures,
        ListName::Units,
        ListName::Indicators,
        ListName::AwardForms,
        ListName::Sources,
        ListName::Provinces,
        ListName::Documents,
        ListName::Results,
        ListName::CodeEntries,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ListName::Clusters => "clusters",
            ListName::Members => "members",
            ListName::Events => "events",
            ListName::Participants => "participants",
            ListName::Pledges => "pledges",
            ListName::Awards => "awards",
            ListName::People => "people",
            ListName::Positions => "positions",
            ListName::Changes => "changes",
            ListName::Figures => "figures",
            ListName::Units => "units",
            ListName::Indicators => "indicators",
            ListName::AwardForms => "award-forms",
            ListName::Sources => "sources",
            ListName::Provinces => "provinces",
            ListName::Documents => "documents",
            ListName::Results => "results",
            ListName::CodeEntries => "code-entries",
        }
    }

    pub fn from_code(code: &str) -> Option<ListName> {
        ListName::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The record kinds whose changes can change this list's rows (what a screen reloads after
    /// a write that touched them).
    pub fn depends_on(self) -> &'static [RecordKind] {
        use RecordKind as K;
        match self {
            ListName::Clusters => &[K::Cluster, K::ClusterMember, K::CodeEntry],
            ListName::Members => &[K::ClusterMember, K::Cluster, K::Unit, K::Event],
            ListName::Events => &[K::Event, K::Unit, K::Cluster, K::Participant, K::CodeEntry],
            ListName::Participants => &[K::Participant, K::Event, K::Person, K::Unit, K::CodeEntry],
            ListName::Pledges => &[K::Pledge, K::PledgeSignatory, K::Cluster, K::Event, K::Unit],
            ListName::Awards => &[
                K::Award,
                K::AwardForm,
                K::Unit,
                K::Person,
                K::Cluster,
                K::Event,
            ],
            ListName::People => &[K::Person, K::Participant, K::Event],
            ListName::Positions => &[K::Position, K::Person, K::Unit],
            ListName::Changes => &[K::PersonnelChange, K::Person, K::Unit, K::CodeEntry],
            ListName::Figures => &[K::Figure, K::Indicator, K::Unit, K::Cluster],
            ListName::Units => &[K::Unit, K::CodeEntry],
            ListName::Indicators => &[K::Indicator],
            ListName::AwardForms => &[K::AwardForm],
            ListName::Sources => &[K::Source],
            ListName::Provinces => &[],
            ListName::Documents => &[K::Document, K::CodeEntry],
            ListName::Results => &[K::EmulationResult, K::Unit, K::Cluster, K::Event],
            // Entries are counted by the records using them.
            ListName::CodeEntries => &[
                K::CodeEntry,
                K::Event,
                K::Participant,
                K::PersonnelChange,
                K::Unit,
                K::Cluster,
                K::Document,
            ],
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct ClusterRow {
    pub id: i64,
    pub name: String,
    pub number: Option<String>,
    pub sector: String,
    pub sector_label: Option<String>,
    pub region: Option<String>,
    pub kind: String,
    pub kind_label: Option<String>,
    pub set_up_by: Option<String>,
    /// Membership rows (of the year asked, or of all years).
    pub member_rows: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct MemberRow {
    pub id: i64,
    pub cluster_id: i64,
    pub cluster: String,
    pub year: i32,
    pub unit_id: i64,
    pub unit: String,
    pub province: Option<String>,
    pub role: MemberRole,
    pub role_label: String,
    pub elected_at_event_id: Option<i64>,
    pub elected_at: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct EventRow {
    pub id: i64,
    pub date_year: Option<i32>,
    pub date_month: Option<u32>,
    pub date_day: Option<u32>,
    /// The date as a person reads it: "08/12/2023", "12/2023", "2023", "15/07" (year unknown).
    pub date_label: Option<String>,
    pub kind: String,
    pub kind_label: Option<String>,
    pub name: String,
    pub place: Option<String>,
    pub host_unit_id: Option<i64>,
    pub host: Option<String>,
    pub cluster_id: Option<i64>,
    pub cluster: Option<String>,
    pub year_covered: Option<i32>,
    pub period_label: Option<String>,
    pub organizer: Option<String>,
    pub year_inferred: i64,
    pub date_note: Option<String>,
    pub note: Option<String>,
    pub participants: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct ParticipantRow {
    pub id: i64,
    pub event_id: i64,
    pub event: String,
    pub year: Option<i32>,
    pub person_id: Option<i64>,
    pub person: Option<String>,
    pub unit_id: Option<i64>,
    pub unit: Option<String>,
    pub title: Option<String>,
    pub role: String,
    pub role_label: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct PledgeRow {
    pub id: i64,
    pub cluster_id: i64,
    pub cluster: String,
    pub year: i32,
    pub event_id: Option<i64>,
    pub signed_at: Option<String>,
    /// Signatory names, "; "-separated, in Vietnamese order.
    pub signatories: Option<String>,
    pub signatory_count: i64,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct AwardRow {
    pub id: i64,
    pub form_id: i64,
    pub form: String,
    pub form_detail: Option<String>,
    pub form_as_written: Option<String>,
    pub granting_body: Option<String>,
    pub recipient_kind: RecipientKind,
    pub recipient_kind_label: Option<String>,
    pub recipient_unit_id: Option<i64>,
    pub recipient_person_id: Option<i64>,
    pub recipient: Option<String>,
    pub recipient_count: Option<i64>,
    pub achievement_year: Option<i32>,
    pub status: AwardStatus,
    pub status_label: Option<String>,
    pub proposed_by: Option<String>,
    pub proposed_at: Option<String>,
    pub proposed_date: Option<String>,
    pub decision_number: Option<String>,
    pub decision_date: Option<String>,
    pub decision_signer: Option<String>,
    pub reason: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct PersonRow {
    pub id: i64,
    pub full_name: String,
    pub family_name: Option<String>,
    pub middle_name: Option<String>,
    pub given_name: Option<String>,
    pub gender: Option<Gender>,
    pub birth_year: Option<i32>,
    /// The title written at the person's latest event.
    pub latest_title: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct PositionRow {
    pub id: i64,
    pub person_id: i64,
    pub person: String,
    pub title: String,
    pub unit_id: Option<i64>,
    pub unit: Option<String>,
    pub from_date: Option<String>,
    pub to_date: Option<String>,
    pub change_id: Option<i64>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct ChangeRow {
    pub id: i64,
    pub person_id: i64,
    pub kind: String,
    pub kind_label: Option<String>,
    pub kind_as_written: Option<String>,
    pub person: String,
    pub from_title: Option<String>,
    pub from_unit: Option<String>,
    pub to_title: Option<String>,
    pub to_unit: Option<String>,
    pub decision_number: Option<String>,
    pub decision_date: Option<String>,
    pub effective_date: Option<String>,
    pub issuing_body: Option<String>,
    pub legal_basis: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct FigureRow {
    pub id: i64,
    pub indicator_id: i64,
    pub indicator_code: String,
    pub indicator: String,
    pub scope_unit_id: Option<i64>,
    pub scope_cluster_id: Option<i64>,
    pub scope: Option<String>,
    pub period_kind: PeriodKind,
    pub period_kind_label: Option<String>,
    pub period_year: Option<i32>,
    pub period_months: Option<u32>,
    pub period_date: Option<String>,
    pub period_quarter: Option<u32>,
    pub period_end_year: Option<i32>,
    pub period_label: Option<String>,
    pub value: Option<f64>,
    pub denominator: Option<f64>,
    pub percent: Option<f64>,
    pub percent_base: Option<String>,
    pub target: Option<f64>,
    /// value ÷ target, in percent, when both are recorded.
    pub percent_of_target: Option<f64>,
    pub qualifier: Option<String>,
    pub change_pct: Option<f64>,
    pub change_value: Option<f64>,
    pub compared_with: Option<String>,
    pub parent_id: Option<i64>,
    pub unit_label: Option<String>,
    pub unit_as_written: Option<String>,
    pub label_as_written: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct DocumentRow {
    pub id: i64,
    pub number: Option<String>,
    pub kind: Option<String>,
    pub kind_label: Option<String>,
    pub issuer: Option<String>,
    pub date: Option<String>,
    pub title: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct ResultRow {
    pub id: i64,
    pub cluster_id: Option<i64>,
    pub cluster: Option<String>,
    pub unit_id: i64,
    pub unit: String,
    pub year: i32,
    pub rank: Option<i64>,
    pub classification: Option<String>,
    pub score: Option<f64>,
    pub leading: i64,
    pub event_id: Option<i64>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct UnitRow {
    pub id: i64,
    pub kind: String,
    pub kind_label: Option<String>,
    pub name: String,
    pub short_name: Option<String>,
    pub province_id: Option<String>,
    pub province: Option<String>,
    pub parent_id: Option<i64>,
    pub parent: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct IndicatorRow {
    pub id: i64,
    pub code: String,
    pub label: String,
    pub unit_label: Option<String>,
    pub aggregation: Aggregation,
    pub aggregation_label: Option<String>,
    /// Figures recorded under it.
    pub figures: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct AwardFormRow {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub recipient_kinds: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct SourceRow {
    pub id: i64,
    pub title: String,
    pub publisher: Option<String>,
    pub author: Option<String>,
    pub published_date: Option<String>,
    pub media_type: Option<String>,
    pub file_name: Option<String>,
    pub characters: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct ProvinceRow {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub valid_from: Option<String>,
    pub valid_to: Option<String>,
    pub successor: Option<String>,
    pub region: Option<String>,
}

/// An entry of an editable code list, with how many live records use it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct CodeEntryRow {
    pub id: i64,
    pub list: super::CodeList,
    pub list_label: String,
    pub code: String,
    pub label: String,
    #[serde(deserialize_with = "super::records::int_bool::deserialize")]
    #[ts(type = "boolean")]
    pub retired: bool,
    #[serde(deserialize_with = "super::records::int_bool::deserialize")]
    #[ts(type = "boolean")]
    pub builtin: bool,
    /// "Có sẵn", "Tự thêm" or "Ngừng dùng".
    pub status_label: String,
    pub note: Option<String>,
    pub uses: i64,
}

/// A list's rows, tagged with the list: `{"list": "members", "rows": [...]}`.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "list", content = "rows", rename_all = "kebab-case")]
#[ts(export)]
pub enum ListRows {
    Clusters(Vec<ClusterRow>),
    Members(Vec<MemberRow>),
    Events(Vec<EventRow>),
    Participants(Vec<ParticipantRow>),
    Pledges(Vec<PledgeRow>),
    Awards(Vec<AwardRow>),
    People(Vec<PersonRow>),
    Positions(Vec<PositionRow>),
    Changes(Vec<ChangeRow>),
    Figures(Vec<FigureRow>),
    Units(Vec<UnitRow>),
    Indicators(Vec<IndicatorRow>),
    AwardForms(Vec<AwardFormRow>),
    Sources(Vec<SourceRow>),
    Provinces(Vec<ProvinceRow>),
    Documents(Vec<DocumentRow>),
    Results(Vec<ResultRow>),
    CodeEntries(Vec<CodeEntryRow>),
}

impl ListRows {
    pub fn len(&self) -> usize {
        self.to_values().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The rows as JSON objects, for generic printing (CLI tables, exports).
    pub fn to_values(&self) -> Vec<serde_json::Map<String, serde_json::Value>> {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::Object(mut m)) => match m.remove("rows") {
                Some(serde_json::Value::Array(rows)) => rows
                    .into_iter()
                    .filter_map(|r| match r {
                        serde_json::Value::Object(o) => Some(o),
                        _ => None,
                    })
                    .collect(),
                _ => Vec::new(),
            },
            _ => Vec::new(),
        }
    }
}
