//! The overview of one year: clusters with their leaders, events, awards by status, personnel
//! changes by kind, figures with the change from the year before, and the years on record.

use serde::Serialize;
use ts_rs::TS;

use crate::domain::{ListName, ListRows};
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
    pub period_kind: crate::domain::PeriodKind,
    pub period_months: Option<i64>,
    /// ISO date of an "as of" figure.
    pub period_date: Option<String>,
    /// The period as the source words it.
    pub period_label: Option<String>,
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

/// One scope's values of an indicator over the years (one line or bar series of the chart).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Series {
    /// Stable: "unit:12", "cluster:3" or "label:toàn tỉnh".
    pub scope_key: String,
    pub scope: String,
    pub points: Vec<YearPoint>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Overview {
    pub year: i32,
    pub clusters: Vec<ClusterYear>,
    pub events: Vec<crate::domain::lists::EventRow>,
    pub awards: Vec<CountByLabel>,
    pub changes: Vec<CountByLabel>,
    pub figures: Vec<FigureChange>,
}

pub fn overview(store: &Store, year: i32) -> Result<Overview> {
    let conn = store.db();
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
        .map(|(code, label, count)| CountByLabel { code, label, count })
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
                period_date,
                period_label,
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
                    period_date,
                    period_label,
                    value,
                    percent,
                    previous,
                }
            },
        )
        .collect();
    let events = match queries::list(conn, ListName::Events, Some(year))? {
        ListRows::Events(rows) => rows,
        _ => Vec::new(),
    };
    Ok(Overview {
        year,
        clusters,
        events,
        awards,
        changes,
        figures,
    })
}

/// One indicator's whole-year values, one series per scope, for the chart.
pub fn series(store: &Store, indicator_code: &str) -> Result<Vec<Series>> {
    let mut out: Vec<Series> = Vec::new();
    for (scope_key, scope, year, value) in q::indicator_series(store.db(), indicator_code)? {
        match out.iter_mut().find(|s| s.scope_key == scope_key) {
            Some(s) => s.points.push(YearPoint { year, value }),
            None => out.push(Series {
                scope_key,
                scope,
                points: vec![YearPoint { year, value }],
            }),
        }
    }
    Ok(out)
}

/// Years with records, newest first.
pub fn years(store: &Store) -> Result<Vec<i32>> {
    q::years(store.db())
}
