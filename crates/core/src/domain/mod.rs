//! Domain types: the records Thidua keeps, their kinds and code lists. Plain data with serde and
//! ts-rs derives; no SQL and no I/O here.

pub mod code_list;
pub mod codes;
pub mod date;
pub mod enums;
pub mod kind;
pub mod lists;
pub mod name;
pub mod province;
pub mod records;
pub mod shape;

pub use code_list::CodeList;
pub use date::PartialDate;
pub use enums::{Aggregation, AwardStatus, Gender, MemberRole, PeriodKind, RecipientKind};
pub use kind::RecordKind;
pub use lists::{ListName, ListRows};
pub use province::Province;
pub use records::*;
pub use shape::{field_label_vi, field_shape, FieldShape};
