//! The kinds of record, with their stable codes (used in the audit log, search index, citations,
//! exports and the CLI) and Vietnamese labels.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS,
)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RecordKind {
    #[default]
    Unit,
    Cluster,
    ClusterMember,
    Event,
    Participant,
    Pledge,
    PledgeSignatory,
    Person,
    Position,
    PersonnelChange,
    AwardForm,
    Award,
    Indicator,
    Figure,
    Source,
    Citation,
    Document,
    EmulationResult,
    CodeEntry,
}

impl RecordKind {
    /// Every kind, in dependency order: a kind only refers to kinds before it (citations refer to
    /// any record, so they come last). Imports insert in this order.
    pub const ALL: [RecordKind; 19] = [
        RecordKind::CodeEntry,
        RecordKind::Unit,
        RecordKind::Cluster,
        RecordKind::Person,
        RecordKind::Document,
        RecordKind::Event,
        RecordKind::EmulationResult,
        RecordKind::ClusterMember,
        RecordKind::Participant,
        RecordKind::Pledge,
        RecordKind::PledgeSignatory,
        RecordKind::PersonnelChange,
        RecordKind::Position,
        RecordKind::AwardForm,
        RecordKind::Award,
        RecordKind::Indicator,
        RecordKind::Figure,
        RecordKind::Source,
        RecordKind::Citation,
    ];

    /// A number per kind that never changes (the search index derives row ids from it), unlike
    /// the position in `ALL`, which follows dependencies.
    pub fn number(self) -> i64 {
        match self {
            RecordKind::Unit => 0,
            RecordKind::Cluster => 1,
            RecordKind::Person => 2,
            RecordKind::Event => 3,
            RecordKind::ClusterMember => 4,
            RecordKind::Participant => 5,
            RecordKind::Pledge => 6,
            RecordKind::PledgeSignatory => 7,
            RecordKind::PersonnelChange => 8,
            RecordKind::Position => 9,
            RecordKind::AwardForm => 10,
            RecordKind::Award => 11,
            RecordKind::Indicator => 12,
            RecordKind::Figure => 13,
            RecordKind::Source => 14,
            RecordKind::Citation => 15,
            RecordKind::Document => 16,
            RecordKind::EmulationResult => 17,
            RecordKind::CodeEntry => 18,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            RecordKind::Unit => "unit",
            RecordKind::Cluster => "cluster",
            RecordKind::ClusterMember => "cluster_member",
            RecordKind::Event => "event",
            RecordKind::Participant => "participant",
            RecordKind::Pledge => "pledge",
            RecordKind::PledgeSignatory => "pledge_signatory",
            RecordKind::Person => "person",
            RecordKind::Position => "position",
            RecordKind::PersonnelChange => "personnel_change",
            RecordKind::AwardForm => "award_form",
            RecordKind::Award => "award",
            RecordKind::Indicator => "indicator",
            RecordKind::Figure => "figure",
            RecordKind::Source => "source",
            RecordKind::Citation => "citation",
            RecordKind::Document => "document",
            RecordKind::EmulationResult => "emulation_result",
            RecordKind::CodeEntry => "code_entry",
        }
    }

    pub fn from_code(code: &str) -> Option<RecordKind> {
        RecordKind::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            RecordKind::Unit => "Đơn vị",
            RecordKind::Cluster => "Cụm thi đua",
            RecordKind::ClusterMember => "Thành viên cụm",
            RecordKind::Event => "Hội nghị",
            RecordKind::Participant => "Người dự hội nghị",
            RecordKind::Pledge => "Giao ước thi đua",
            RecordKind::PledgeSignatory => "Đơn vị ký giao ước",
            RecordKind::Person => "Cán bộ",
            RecordKind::Position => "Chức vụ",
            RecordKind::PersonnelChange => "Công tác cán bộ",
            RecordKind::AwardForm => "Hình thức khen thưởng",
            RecordKind::Award => "Khen thưởng",
            RecordKind::Indicator => "Chỉ tiêu thống kê",
            RecordKind::Figure => "Số liệu",
            RecordKind::Source => "Bài viết nguồn",
            RecordKind::Citation => "Trích dẫn",
            RecordKind::Document => "Văn bản",
            RecordKind::EmulationResult => "Kết quả thi đua",
            RecordKind::CodeEntry => "Mục danh mục",
        }
    }

    /// The SQLite table holding this kind.
    pub fn table(self) -> &'static str {
        match self {
            RecordKind::Unit => "units",
            RecordKind::Cluster => "clusters",
            RecordKind::ClusterMember => "cluster_members",
            RecordKind::Event => "events",
            RecordKind::Participant => "event_participants",
            RecordKind::Pledge => "pledges",
            RecordKind::PledgeSignatory => "pledge_signatories",
            RecordKind::Person => "people",
            RecordKind::Position => "positions",
            RecordKind::PersonnelChange => "personnel_changes",
            RecordKind::AwardForm => "award_forms",
            RecordKind::Award => "awards",
            RecordKind::Indicator => "indicators",
            RecordKind::Figure => "figures",
            RecordKind::Source => "sources",
            RecordKind::Citation => "citations",
            RecordKind::Document => "documents",
            RecordKind::EmulationResult => "emulation_results",
            RecordKind::CodeEntry => "code_lists",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for k in RecordKind::ALL {
            assert_eq!(RecordKind::from_code(k.code()), Some(k));
            assert!(seen.insert(k.code()));
            let json = serde_json::to_string(&k).unwrap();
            assert_eq!(json, format!("\"{}\"", k.code()));
        }
    }
}
