//! Provinces and centrally-run cities, with the dates they existed (the 2025 merger turned 63 into
//! 34). Reference data shipped with the app, not records the clerk edits.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Province {
    /// Stable code: "binh_dinh"; a province formed in 2025 gets "_2025" ("gia_lai_2025").
    pub id: String,
    pub name: String,
    /// `tinh` or `thanh_pho`.
    pub kind: String,
    /// Inclusive ISO dates; None means open.
    pub valid_from: Option<String>,
    pub valid_to: Option<String>,
    /// What it became part of.
    pub successor_id: Option<String>,
    pub region: Option<String>,
}

impl Province {
    pub fn valid_on(&self, iso_date: &str) -> bool {
        self.valid_from.as_deref().is_none_or(|f| f <= iso_date)
            && self.valid_to.as_deref().is_none_or(|t| t >= iso_date)
    }
}
