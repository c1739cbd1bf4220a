//! The code lists themselves: which lists exist, which of them the clerk may edit, and which
//! record columns hold their codes. Records refer to an entry by its code (`events.kind =
//! "so_ket"`), not by a foreign key, so this map is what makes renames reach every list and what
//! stops an entry in use from being deleted.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::RecordKind;

#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS,
)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum CodeList {
    #[default]
    EventKind,
    ParticipantRole,
    ChangeKind,
    UnitKind,
    Sector,
    ClusterKind,
    DocumentKind,
    // Fixed lists: their codes are Rust enums (`enums.rs`); only their labels live in the table.
    ClusterRole,
    AwardStatus,
    RecipientKind,
    PeriodKind,
    Gender,
    Aggregation,
}

impl CodeList {
    pub const ALL: [CodeList; 13] = [
        CodeList::EventKind,
        CodeList::ParticipantRole,
        CodeList::ChangeKind,
        CodeList::UnitKind,
        CodeList::Sector,
        CodeList::ClusterKind,
        CodeList::DocumentKind,
        CodeList::ClusterRole,
        CodeList::AwardStatus,
        CodeList::RecipientKind,
        CodeList::PeriodKind,
        CodeList::Gender,
        CodeList::Aggregation,
    ];

    pub fn code(self) -> &'static str {
        match self {
            CodeList::EventKind => "event_kind",
            CodeList::ParticipantRole => "participant_role",
            CodeList::ChangeKind => "change_kind",
            CodeList::UnitKind => "unit_kind",
            CodeList::Sector => "sector",
            CodeList::ClusterKind => "cluster_kind",
            CodeList::DocumentKind => "document_kind",
            CodeList::ClusterRole => "cluster_role",
            CodeList::AwardStatus => "award_status",
            CodeList::RecipientKind => "recipient_kind",
            CodeList::PeriodKind => "period_kind",
            CodeList::Gender => "gender",
            CodeList::Aggregation => "aggregation",
        }
    }

    pub fn from_code(code: &str) -> Option<CodeList> {
        CodeList::ALL.into_iter().find(|l| l.code() == code)
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            CodeList::EventKind => "Loại hội nghị",
            CodeList::ParticipantRole => "Vai trò tại hội nghị",
            CodeList::ChangeKind => "Loại công tác cán bộ",
            CodeList::UnitKind => "Loại đơn vị",
            CodeList::Sector => "Ngành",
            CodeList::ClusterKind => "Loại cụm, khối thi đua",
            CodeList::DocumentKind => "Loại văn bản",
            CodeList::ClusterRole => "Vai trò trong cụm",
            CodeList::AwardStatus => "Tình trạng khen thưởng",
            CodeList::RecipientKind => "Đối tượng khen thưởng",
            CodeList::PeriodKind => "Loại kỳ số liệu",
            CodeList::Gender => "Giới tính",
            CodeList::Aggregation => "Cách tổng hợp",
        }
    }

    /// Whether the clerk may add, rename, merge and retire entries. The fixed lists are the ones
    /// the program's rules rely on (one leader per cluster, a decided award has a number…).
    pub fn editable(self) -> bool {
        !self.uses().is_empty()
    }

    /// The record columns that hold this list's codes.
    pub fn uses(self) -> &'static [(RecordKind, &'static str)] {
        match self {
            CodeList::EventKind => &[(RecordKind::Event, "kind")],
            CodeList::ParticipantRole => &[(RecordKind::Participant, "role")],
            CodeList::ChangeKind => &[(RecordKind::PersonnelChange, "kind")],
            CodeList::UnitKind => &[(RecordKind::Unit, "kind")],
            CodeList::Sector => &[(RecordKind::Cluster, "sector")],
            CodeList::ClusterKind => &[(RecordKind::Cluster, "kind")],
            CodeList::DocumentKind => &[(RecordKind::Document, "kind")],
            CodeList::ClusterRole
            | CodeList::AwardStatus
            | CodeList::RecipientKind
            | CodeList::PeriodKind
            | CodeList::Gender
            | CodeList::Aggregation => &[],
        }
    }

    /// The editable lists, in the order the catalogue shows them.
    pub fn editable_lists() -> impl Iterator<Item = CodeList> {
        CodeList::ALL.into_iter().filter(|l| l.editable())
    }
}

/// A code made from a label: folded (no tone marks, đ → d), lower case, words joined by "_"
/// ("Hội nghị chuyên đề" → "hoi_nghi_chuyen_de").
pub fn code_from_label(label: &str) -> String {
    let folded = crate::text::fold(label);
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let code = words.join("_");
    if code.is_empty() {
        "muc".to_string()
    } else {
        code.chars().take(60).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_fixed_lists_match_the_enums() {
        for l in CodeList::ALL {
            assert_eq!(CodeList::from_code(l.code()), Some(l));
            assert_eq!(
                serde_json::to_string(&l).unwrap(),
                format!("\"{}\"", l.code())
            );
        }
        use crate::domain::enums::*;
        for fixed in [
            MemberRole::LIST,
            AwardStatus::LIST,
            RecipientKind::LIST,
            PeriodKind::LIST,
            Gender::LIST,
            Aggregation::LIST,
        ] {
            assert!(!CodeList::from_code(fixed).unwrap().editable(), "{fixed}");
        }
        assert_eq!(CodeList::editable_lists().count(), 7);
    }

    #[test]
    fn codes_from_labels_fold_vietnamese() {
        assert_eq!(code_from_label("Hội nghị chuyên đề"), "hoi_nghi_chuyen_de");
        assert_eq!(
            code_from_label("Đảng ủy Khối – cơ quan"),
            "dang_uy_khoi_co_quan"
        );
        assert_eq!(code_from_label("  "), "muc");
    }
}
