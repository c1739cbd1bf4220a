//! The overview of one year: clusters with their leaders, events, awards by status, personnel
//! changes by kind, figures with the change from the year before, and the years on record.

use serde::Serialize;
use ts_rs::TS;

use crate::storage::{overview as q, queries, Result, Store};

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ClusterYear {
    pub cluster_id: i64,
    pub name: String,
    pub members: i64,
    pub leader: Option<String>,
    pub deputies: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CountByLabel {
    pub code: String,
    pub label: String,
    pub count: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct FigureChange {
    pub indicator_code: String,
    pub indicator: String,
    pub unit_label: Option<String>,
    pub scope: String,
    /// "year", "half", "months", "as_of".
    pub period_kind: String,
    pub period_months: Option<i64>,
    pub value: Option<f64>,
    pub percent: Option<f64>,
    /// The same indicator, scope and period a year earlier, when recorded.
    pub previous: Option<f64>,
    /// value − previous (positive: tăng, negative: giảm).
    pub change: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct YearPoint {
    pub year: i32,
    pub value: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Overview {
    pub year: i32,
    pub clusters: Vec<ClusterYear>,
    pub events: Vec<serde_json::Map<String, serde_json::Value>>,
    pub awards: Vec<CountByLabel>,
    pub changes: Vec<CountByLabel>,
    pub figures: Vec<FigureChange>,
}

pub fn overview(store: &Store, year: i32) -> Result<Overview> {
    let conn = store.conn();
    let clusters = q::clusters_in_year(conn, year)?
        .into_iter()
        .map(
            |(cluster_id, name, members, leader, deputies)| ClusterYear {
                cluster_id,
                name,
                members,
                leader,
                deputies,
            },
        )
        .collect();
    let awards = q::awards_by_status(conn, year)?
        .into_iter()
        .map(|(code, label, count)| CountByLabel { code, label, count })
        .collect();
    let changes = q::changes_by_kind(conn, year)?
        .into_iter()
        .map(|(label, count)| CountByLabel {
            code: label.clone(),
            label,
            count,
        })
        .collect();
    let figures = q::figures_with_previous(conn, year)?
        .into_iter()
        .map(
            |(
                indicator_code,
                indicator,
                unit_label,
                scope,
                period_kind,
                period_months,
                value,
                percent,
                previous,
            )| {
                let current = value.or(percent);
                FigureChange {
                    change: current.zip(previous).map(|(c, p)| c - p),
                    indicator_code,
                    indicator,
                    unit_label,
                    scope,
                    period_kind,
                    period_months,
                    value,
                    percent,
                    previous,
                }
            },
        )
        .collect();
    let events = queries::list(conn, "events", Some(year))?.unwrap_or_default();
    Ok(Overview {
        year,
        clusters,
        events,
        awards,
        changes,
        figures,
    })
}

/// Yearly totals of one indicator, for the chart.
pub fn series(store: &Store, indicator_code: &str) -> Result<Vec<YearPoint>> {
    Ok(q::indicator_series(store.conn(), indicator_code)?
        .into_iter()
        .map(|(year, value)| YearPoint { year, value })
        .collect())
}

/// Years with records, newest first.
pub fn years(store: &Store) -> Result<Vec<i32>> {
    q::years(store.conn())
}
