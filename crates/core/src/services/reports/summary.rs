//! One-page summaries, from the same engine as the yearly report: a cluster's year, a unit's
//! record across the years, a person's positions, events and awards. Each is a `Report` of kind
//! `Summary`, so every format renders it.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::content::{
    award_form, awards_section, cols, composition_section, events_section, figures_section,
    place_date, rows, settings, Cell, Filter, Report, ReportKind, Scope, Section, Table, YearData,
};
use super::ReportError;
use crate::domain::date::iso_to_vn;
use crate::domain::{ListName, ListRows};
use crate::services::lists;
use crate::storage::Store;
use crate::text::fold_key;

/// What a summary is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SummaryOf {
    /// A cluster's year: members, leaders, events, awards, figures.
    Cluster,
    /// A unit across the years: memberships and results, awards, events, figures.
    Unit,
    /// A person: positions, personnel changes, events, awards.
    Person,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SummaryRequest {
    pub of: SummaryOf,
    /// The cluster's, unit's or person's id.
    pub id: i64,
    /// The cluster's year; for a unit or a person, the last year shown.
    pub year: i32,
}

/// The most years a unit's figures span in its summary (the page's width).
const FIGURE_YEARS: i32 = 6;

/// The id of the cluster, unit or person named `name` (case and diacritics ignored); two people
/// of the same name are told apart by their ids.
pub fn find(store: &Store, of: SummaryOf, name: &str) -> Result<i64, ReportError> {
    let want = fold_key(name);
    let found: Vec<(i64, String)> = match of {
        SummaryOf::Cluster => rows!(store, Clusters, None)
            .into_iter()
            .filter(|c| fold_key(&c.name) == want)
            .map(|c| (c.id, c.name))
            .collect(),
        SummaryOf::Unit => rows!(store, Units, None)
            .into_iter()
            .filter(|u| fold_key(&u.name) == want)
            .map(|u| (u.id, u.name))
            .collect(),
        SummaryOf::Person => rows!(store, People, None)
            .into_iter()
            .filter(|p| fold_key(&p.full_name) == want)
            .map(|p| {
                let title = p.latest_title.map(|t| format!(", {t}")).unwrap_or_default();
                (p.id, format!("{} (số {}{title})", p.full_name, p.id))
            })
            .collect(),
    };
    match found.as_slice() {
        [(id, _)] => Ok(*id),
        [] => Err(ReportError::UnknownScope(name.to_string())),
        many => Err(ReportError::Ambiguous(
            many.iter()
                .map(|(_, n)| n.clone())
                .collect::<Vec<_>>()
                .join("; "),
        )),
    }
}

/// The summary asked for, dated `today` (ISO).
pub fn build(store: &Store, req: &SummaryRequest, today: &str) -> Result<Report, ReportError> {
    let (subject, scope, name, sections) = match req.of {
        SummaryOf::Cluster => cluster_year(store, req.id, req.year)?,
        SummaryOf::Unit => unit(store, req.id, req.year)?,
        SummaryOf::Person => person(store, req.id, req.year)?,
    };
    let settings = settings(store)?;
    Ok(Report {
        kind: ReportKind::Summary,
        year: req.year,
        file_stem: format!("tom-tat-{}-{}", super::csv::slug(&name), req.year),
        scope,
        place_date: place_date(&settings.place, today),
        settings,
        title: "TÓM TẮT".into(),
        subject,
        sections,
    })
}

/// The subject line, the scope (a person's summary has none of its own), the name for the file
/// and the sections.
type Parts = (String, Scope, String, Vec<Section>);

fn cluster_year(store: &Store, id: i64, year: i32) -> Result<Parts, ReportError> {
    let cluster = rows!(store, Clusters, None)
        .into_iter()
        .find(|c| c.id == id)
        .ok_or_else(|| ReportError::UnknownScope(format!("cụm số {id}")))?;
    let scope = Scope::Cluster(cluster.name.clone());
    let data = YearData::load(store, year)?;
    let filter = Filter::new(store, &scope, &data)?;
    let sections = vec![
        composition_section("1. Thành viên và lãnh đạo cụm", &data, &filter).section,
        events_section("2. Hội nghị, hoạt động", &data, &filter).section,
        awards_section("3. Khen thưởng", &data, &filter).section,
        figures_section("4. Số liệu", &data, &filter, None).section,
    ];
    Ok((
        format!("{} năm {year}", cluster.name),
        scope,
        cluster.name,
        sections,
    ))
}

fn unit(store: &Store, id: i64, year: i32) -> Result<Parts, ReportError> {
    let unit = rows!(store, Units, None)
        .into_iter()
        .find(|u| u.id == id)
        .ok_or_else(|| ReportError::UnknownScope(format!("đơn vị số {id}")))?;
    let results = rows!(store, Results, None);
    let members: Vec<_> = rows!(store, Members, None)
        .into_iter()
        .filter(|m| m.unit_id == id && m.year <= year)
        .collect();
    let mut s1 = Section::new("1. Tham gia cụm thi đua");
    s1.tables.push(Table::new(
        "Cụm thi đua",
        cols(&["Năm", "Cụm thi đua", "Vai trò", "Xếp thứ", "Xếp loại"]),
        members
            .iter()
            .map(|m| {
                let r = results.iter().find(|r| r.unit_id == id && r.year == m.year);
                vec![
                    Cell::text(m.year.to_string()),
                    Cell::text(m.cluster.clone()),
                    Cell::text(m.role_label.clone()),
                    Cell::num(r.and_then(|r| r.rank).map(|x| x as f64)),
                    Cell::opt(r.and_then(|r| r.classification.clone())),
                ]
            })
            .collect(),
    ));

    let mut s2 = Section::new("2. Khen thưởng");
    s2.tables.push(awards_table(
        rows!(store, Awards, None)
            .into_iter()
            .filter(|a| a.recipient_unit_id == Some(id))
            .filter(|a| a.achievement_year.is_none_or(|y| y <= year))
            .collect(),
    ));

    let participants = rows!(store, Participants, None);
    let mut s3 = Section::new("3. Hội nghị đăng cai, tham dự");
    s3.tables.push(Table::new(
        "Hội nghị",
        cols(&["Ngày", "Hội nghị", "Vai trò"]),
        rows!(store, Events, None)
            .into_iter()
            .filter(|e| e.date_year.or(e.year_covered).is_none_or(|y| y <= year))
            .filter_map(|e| {
                let role = if e.host_unit_id == Some(id) {
                    Some("Đăng cai".to_string())
                } else {
                    participants
                        .iter()
                        .find(|p| p.event_id == e.id && p.unit_id == Some(id))
                        .map(|p| p.role_label.clone().unwrap_or_else(|| p.role.clone()))
                };
                role.map(|r| {
                    vec![
                        Cell::opt(e.date_label.clone()),
                        Cell::text(e.name.clone()),
                        Cell::text(r),
                    ]
                })
            })
            .collect(),
    ));

    // Whole-year figures of the unit, one row per indicator, one column per year.
    let figures: Vec<_> = rows!(store, Figures, None)
        .into_iter()
        .filter(|f| {
            f.scope_unit_id == Some(id)
                && f.parent_id.is_none()
                && f.period_year
                    .is_some_and(|y| y <= year && y > year - FIGURE_YEARS)
        })
        .collect();
    let mut years: Vec<i32> = figures.iter().filter_map(|f| f.period_year).collect();
    years.sort_unstable();
    years.dedup();
    let mut indicators: Vec<(i64, String)> = Vec::new();
    for f in &figures {
        if !indicators.iter().any(|(i, _)| *i == f.indicator_id) {
            indicators.push((f.indicator_id, f.indicator.clone()));
        }
    }
    let mut s4 = Section::new("4. Số liệu qua các năm");
    let mut columns = vec!["Chỉ tiêu".to_string()];
    columns.extend(years.iter().map(|y| y.to_string()));
    s4.tables.push(Table::new(
        "Số liệu qua các năm",
        columns,
        indicators
            .iter()
            .map(|(ind, label)| {
                let mut row = vec![Cell::text(label.clone())];
                row.extend(years.iter().map(|y| {
                    Cell::num(
                        figures
                            .iter()
                            .find(|f| f.indicator_id == *ind && f.period_year == Some(*y))
                            .and_then(|f| f.value.or(f.percent)),
                    )
                }));
                row
            })
            .collect(),
    ));
    let sections = with_empty_notes(vec![s1, s2, s3, s4]);
    Ok((
        format!("Quá trình thi đua của {} đến năm {year}", unit.name),
        Scope::Unit(unit.name.clone()),
        unit.name,
        sections,
    ))
}

fn person(store: &Store, id: i64, year: i32) -> Result<Parts, ReportError> {
    let person = rows!(store, People, None)
        .into_iter()
        .find(|p| p.id == id)
        .ok_or_else(|| ReportError::UnknownScope(format!("cán bộ số {id}")))?;
    let mut s1 = Section::new("1. Quá trình công tác");
    s1.tables.push(Table::new(
        "Chức vụ",
        cols(&["Từ", "Đến", "Chức vụ", "Đơn vị"]),
        rows!(store, Positions, None)
            .into_iter()
            .filter(|p| p.person_id == id)
            .map(|p| {
                vec![
                    Cell::opt(p.from_date.as_deref().map(iso_to_vn)),
                    Cell::opt(p.to_date.as_deref().map(iso_to_vn)),
                    Cell::text(p.title),
                    Cell::opt(p.unit),
                ]
            })
            .collect(),
    ));
    let mut s2 = Section::new("2. Công tác cán bộ");
    s2.tables.push(Table::new(
        "Công tác cán bộ",
        cols(&["Ngày", "Loại", "Từ chức vụ", "Đến chức vụ", "Số quyết định"]),
        rows!(store, Changes, None)
            .into_iter()
            .filter(|c| c.person_id == id)
            .map(|c| {
                vec![
                    Cell::opt(
                        c.effective_date
                            .or(c.decision_date)
                            .as_deref()
                            .map(iso_to_vn),
                    ),
                    Cell::opt(c.kind_label),
                    Cell::opt(c.from_title),
                    Cell::opt(c.to_title),
                    Cell::opt(c.decision_number),
                ]
            })
            .collect(),
    ));
    let mut s3 = Section::new("3. Hội nghị");
    s3.tables.push(Table::new(
        "Hội nghị",
        cols(&["Năm", "Hội nghị", "Vai trò", "Chức danh"]),
        rows!(store, Participants, None)
            .into_iter()
            .filter(|p| p.person_id == Some(id) && p.year.is_none_or(|y| y <= year))
            .map(|p| {
                vec![
                    Cell::opt(p.year.map(|y| y.to_string())),
                    Cell::text(p.event),
                    Cell::opt(p.role_label),
                    Cell::opt(p.title),
                ]
            })
            .collect(),
    ));
    let mut s4 = Section::new("4. Khen thưởng");
    s4.tables.push(awards_table(
        rows!(store, Awards, None)
            .into_iter()
            .filter(|a| a.recipient_person_id == Some(id))
            .filter(|a| a.achievement_year.is_none_or(|y| y <= year))
            .collect(),
    ));
    let title = person
        .latest_title
        .as_deref()
        .map(|t| format!(", {t}"))
        .unwrap_or_default();
    Ok((
        format!("Đồng chí {}{title}", person.full_name),
        Scope::All,
        person.full_name,
        with_empty_notes(vec![s1, s2, s3, s4]),
    ))
}

fn awards_table(awards: Vec<crate::domain::lists::AwardRow>) -> Table {
    Table::new(
        "Khen thưởng",
        cols(&[
            "Năm",
            "Hình thức",
            "Tình trạng",
            "Cơ quan khen",
            "Số quyết định",
        ]),
        awards
            .iter()
            .map(|a| {
                vec![
                    Cell::opt(a.achievement_year.map(|y| y.to_string())),
                    Cell::text(award_form(a)),
                    Cell::opt(a.status_label.clone()),
                    Cell::opt(a.granting_body.clone()),
                    Cell::opt(a.decision_number.clone()),
                ]
            })
            .collect(),
    )
}

/// A part with nothing recorded says so instead of printing an empty table.
fn with_empty_notes(mut sections: Vec<Section>) -> Vec<Section> {
    for s in &mut sections {
        if s.tables.iter().all(|t| t.rows.is_empty()) {
            s.paragraphs.push("Chưa ghi nhận.".into());
        }
    }
    sections
}
