//! Domain types: the records Thidua keeps, their kinds and code lists. Plain data with serde and
//! ts-rs derives; no SQL and no I/O here.

pub mod codes;
pub mod date;
pub mod kind;
pub mod name;
pub mod province;
pub mod records;

pub use date::PartialDate;
pub use kind::RecordKind;
pub use province::Province;
pub use records::*;
