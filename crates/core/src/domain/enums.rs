//! The fixed value lists: values the code relies on (a leader is unique, a decided award has a
//! number…), so they are Rust enums, not editable code lists. They are stored as their snake_case
//! codes (the same text the `code_lists` table labels) and exported to TypeScript, so a screen
//! compares `"cum_truong"`, never the label "Cụm trưởng".

use serde::{Deserialize, Serialize};
use ts_rs::TS;

macro_rules! fixed_list {
    // The first value is the default (a new record's starting value).
    ($(#[$doc:meta])* $name:ident, $list:literal {
        $first:ident = $first_code:literal, $first_label:literal;
        $($variant:ident = $code:literal, $label:literal;)*
    }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
        #[ts(export)]
        pub enum $name {
            #[default]
            #[serde(rename = $first_code)]
            $first,
            $(#[serde(rename = $code)] $variant,)*
        }

        impl $name {
            /// The `code_lists.list` that labels these codes.
            pub const LIST: &'static str = $list;
            pub const ALL: &'static [$name] = &[$name::$first, $($name::$variant,)*];

            pub fn code(self) -> &'static str {
                match self {
                    $name::$first => $first_code,
                    $($name::$variant => $code,)*
                }
            }

            pub fn from_code(code: &str) -> Option<$name> {
                match code {
                    $first_code => Some($name::$first),
                    $($code => Some($name::$variant),)*
                    _ => None,
                }
            }

            pub fn label_vi(self) -> &'static str {
                match self {
                    $name::$first => $first_label,
                    $($name::$variant => $label,)*
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label_vi())
            }
        }
    };
}

fixed_list!(
    /// A unit's role in its cluster for a year.
    MemberRole, "cluster_role" {
        Member = "thanh_vien", "Thành viên";
        Leader = "cum_truong", "Cụm trưởng";
        Deputy = "cum_pho", "Cụm phó";
    }
);

fixed_list!(
    /// Where an award stands: proposed, decided, or not approved.
    AwardStatus, "award_status" {
        Proposed = "de_nghi", "Đề nghị";
        Decided = "da_quyet_dinh", "Đã quyết định";
        Rejected = "khong_duyet", "Không được duyệt";
    }
);

fixed_list!(
    /// Who receives an award: a collective or an individual.
    RecipientKind, "recipient_kind" {
        Collective = "tap_the", "Tập thể";
        Individual = "ca_nhan", "Cá nhân";
    }
);

fixed_list!(
    /// The period a figure covers.
    PeriodKind, "period_kind" {
        Year = "year", "Cả năm";
        Half = "half", "6 tháng đầu năm";
        Quarter = "quarter", "Quý";
        Months = "months", "Từ đầu năm";
        AsOf = "as_of", "Tại thời điểm";
        Span = "span", "Nhiều năm";
        Other = "other", "Kỳ khác (như bài viết)";
    }
);

fixed_list!(
    Gender, "gender" {
        Male = "nam", "Nam";
        Female = "nu", "Nữ";
    }
);

fixed_list!(
    /// How an indicator's values combine over scopes (a cluster's total from its members).
    Aggregation, "aggregation" {
        Sum = "sum", "Cộng dồn";
        Latest = "latest", "Lấy số mới nhất";
        Max = "max", "Lấy số lớn nhất";
        Ratio = "ratio", "Tỷ lệ (không cộng)";
        None = "none", "Không tổng hợp";
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip<T: Serialize + for<'a> Deserialize<'a> + PartialEq + std::fmt::Debug + Copy>(
        all: &[T],
        code: impl Fn(T) -> &'static str,
    ) {
        for v in all {
            let json = serde_json::to_string(v).unwrap();
            assert_eq!(json, format!("\"{}\"", code(*v)));
            assert_eq!(serde_json::from_str::<T>(&json).unwrap(), *v);
        }
    }

    #[test]
    fn codes_are_the_serialized_form() {
        round_trip(MemberRole::ALL, MemberRole::code);
        round_trip(AwardStatus::ALL, AwardStatus::code);
        round_trip(RecipientKind::ALL, RecipientKind::code);
        round_trip(PeriodKind::ALL, PeriodKind::code);
        round_trip(Gender::ALL, Gender::code);
        round_trip(Aggregation::ALL, Aggregation::code);
        assert_eq!(MemberRole::from_code("cum_pho"), Some(MemberRole::Deputy));
        assert!(serde_json::from_str::<MemberRole>("\"Cụm trưởng\"").is_err());
    }
}
