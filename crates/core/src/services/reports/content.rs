//! What a yearly report says, computed from the records: the cluster's composition and
//! leadership, the events held, the awards, the personnel work, the figures against last year
//! and their targets (with the charts the clerk picks), and the articles the facts come from.
//! Every format renders this one model; the one-page summaries (`summary.rs`) are built from
//! the same sections.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::lists::{
    AwardRow, ChangeRow, EventRow, FigureRow, MemberRow, ParticipantRow, ResultRow, SourceRow,
};
use crate::domain::{date::iso_to_vn, Aggregation, ListName, ListRows, MemberRole, RecordKind};
use crate::domain::{field_label_vi, FieldShape};
use crate::services::lists;
use crate::services::records::RecordError;
use crate::services::validate::shaped_text;
use crate::storage::{queries, source_files, Db, StorageError, Store};
use crate::text::{fold_key, vn_number};

use super::ReportError;

/// A cell of a report table: numbers stay numbers (so spreadsheets can add them).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "t", content = "v", rename_all = "snake_case")]
#[ts(export)]
pub enum Cell {
    Text(String),
    Number(f64),
    /// A percentage, as the number of percent (60.52 for 60,52%).
    Percent(f64),
    Empty,
}

impl Cell {
    pub(super) fn text(s: impl Into<String>) -> Cell {
        let s = s.into();
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s)
        }
    }
    pub(super) fn opt(s: Option<String>) -> Cell {
        s.map(Cell::text).unwrap_or(Cell::Empty)
    }
    pub(super) fn num(n: Option<f64>) -> Cell {
        n.map(Cell::Number).unwrap_or(Cell::Empty)
    }
    pub(super) fn pct(n: Option<f64>) -> Cell {
        n.map(Cell::Percent).unwrap_or(Cell::Empty)
    }

    /// As printed: "20.777", "60,52%", text as is.
    pub fn display(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Number(n) => vn_number(*n),
            Cell::Percent(p) => format!("{}%", vn_number(*p)),
            Cell::Empty => String::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Table {
    /// Short name (a spreadsheet's sheet, a CSV file's name).
    pub name: String,
    /// Printed above the table or chart; empty for none.
    pub caption: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// How the printed formats show it; spreadsheets always get the numbers.
    pub view: TableView,
    /// A column whose text the printed formats turn into a footnote on the row's first cell
    /// (spreadsheets keep it as a column).
    pub footnotes: Option<usize>,
}

/// A table is printed as rows, or as a line chart of its rows: the first column names each
/// line, the others are the years.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum TableView {
    Rows,
    LineChart,
}

impl Table {
    pub(super) fn new(name: &str, columns: Vec<String>, rows: Vec<Vec<Cell>>) -> Table {
        Table {
            name: short_name(name),
            caption: String::new(),
            columns,
            rows,
            view: TableView::Rows,
            footnotes: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Section {
    pub heading: String,
    pub paragraphs: Vec<String>,
    pub tables: Vec<Table>,
}

impl Section {
    pub(super) fn new(heading: &str) -> Section {
        Section {
            heading: heading.into(),
            paragraphs: Vec::new(),
            tables: Vec::new(),
        }
    }
}

/// What the report covers: the whole store, one cluster (the Cụm trưởng's report) or one unit
/// (the committee's own report).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "name", rename_all = "snake_case")]
#[ts(export)]
pub enum Scope {
    All,
    Cluster(String),
    Unit(String),
}

/// Settings printed on every report, asked for once (stored in the database).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct ReportSettings {
    /// Lines of the issuing body at the top left ("TỈNH ỦY BÌNH ĐỊNH", "BAN TỔ CHỨC").
    pub issuer_lines: Vec<String>,
    /// Printed before "-BC/…": the number is filled in by hand when left empty.
    pub number: String,
    /// "-BC/BTCTU".
    pub symbol: String,
    pub place: String,
    /// "T/M BAN TỔ CHỨC".
    pub on_behalf: String,
    /// "TRƯỞNG BAN".
    pub signer_title: String,
    pub signer_name: String,
    pub recipients: Vec<String>,
    /// Page margins in millimetres: top, bottom, left, right.
    pub margins_mm: [f64; 4],
}

impl Default for ReportSettings {
    fn default() -> Self {
        ReportSettings {
            issuer_lines: vec!["TỈNH ỦY BÌNH ĐỊNH".into(), "BAN TỔ CHỨC".into()],
            number: String::new(),
            symbol: "-BC/BTCTU".into(),
            place: "Quy Nhơn".into(),
            on_behalf: "T/M BAN TỔ CHỨC".into(),
            signer_title: "TRƯỞNG BAN".into(),
            signer_name: String::new(),
            recipients: vec!["Ban Tổ chức Trung ương (để b/c),".into(), "Lưu VT.".into()],
            margins_mm: [20.0, 20.0, 30.0, 15.0],
        }
    }
}

pub const SETTINGS_KEY: &str = "report";

pub fn settings(store: &Store) -> Result<ReportSettings, StorageError> {
    Ok(store
        .setting(SETTINGS_KEY)?
        .and_then(|v| serde_json::from_str(&v).ok())
        .unwrap_or_default())
}

/// Lines of the issuing body and recipients a report can print.
const MAX_SETTING_LINES: usize = 20;

/// The settings as stored (each text one line, normalized), or the first value refused: the
/// settings are printed on every report, so they meet the rules of a record's one-line fields.
pub fn checked_settings(s: &ReportSettings) -> Result<ReportSettings, RecordError> {
    let line = |key: &str, v: &str| shaped_text(FieldShape::Line, key, v);
    let lines = |key: &'static str, list: &[String]| -> Result<Vec<String>, RecordError> {
        if list.len() > MAX_SETTING_LINES {
            return Err(RecordError::invalid(
                "validation.too_many",
                key,
                format!(
                    "«{}»: có {} dòng, tối đa {MAX_SETTING_LINES}.",
                    field_label_vi(key),
                    list.len()
                ),
            ));
        }
        list.iter().map(|v| line(key, v)).collect()
    };
    for m in s.margins_mm {
        if !m.is_finite() || !(0.0..=100.0).contains(&m) {
            return Err(RecordError::invalid(
                "validation.bad_margin",
                "margins_mm",
                format!(
                    "Lề trang phải từ 0 đến 100 mm (đang là {}).",
                    vn_number(if m.is_finite() { m } else { -1.0 })
                ),
            ));
        }
    }
    Ok(ReportSettings {
        issuer_lines: lines("issuer_lines", &s.issuer_lines)?,
        number: line("number", &s.number)?,
        symbol: line("symbol", &s.symbol)?,
        place: line("place", &s.place)?,
        on_behalf: line("on_behalf", &s.on_behalf)?,
        signer_title: line("signer_title", &s.signer_title)?,
        signer_name: line("signer_name", &s.signer_name)?,
        recipients: lines("recipients", &s.recipients)?,
        margins_mm: s.margins_mm,
    })
}

pub fn set_settings(store: &mut Store, s: &ReportSettings) -> Result<(), RecordError> {
    let s = checked_settings(s)?;
    let json = serde_json::to_string(&s).map_err(|e| StorageError::Schema(e.to_string()))?;
    Ok(store.set_setting(SETTINGS_KEY, &json)?)
}

/// What the clerk writes around the generated sections, and what the clerk chooses to show;
/// kept with the report's year and scope, so a regenerated report keeps it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct Narrative {
    /// Before section I: the situation, the year's context.
    pub opening: String,
    pub achievements: String,
    pub shortcomings: String,
    /// Directions and tasks for next year.
    pub directions: String,
    /// Indicators (codes) drawn as a multi-year chart under the figures.
    pub chart_indicators: Vec<String>,
    /// Each figure's sources as a footnote (the passage and the article).
    pub footnotes: bool,
}

impl Scope {
    /// The key its narrative is kept under.
    pub fn key(&self) -> String {
        match self {
            Scope::All => "all".into(),
            Scope::Cluster(n) => format!("cluster:{}", fold_key(n)),
            Scope::Unit(n) => format!("unit:{}", fold_key(n)),
        }
    }
}

pub fn narrative(store: &Store, year: i32, scope: &Scope) -> Result<Narrative, StorageError> {
    Ok(store
        .report_text(year, &scope.key())?
        .and_then(|v| serde_json::from_str(&v).ok())
        .unwrap_or_default())
}

/// The most indicators drawn as charts under one report's figures.
const MAX_CHARTS: usize = 20;

/// The narrative as stored (each text a note: line breaks kept, markup refused, a length
/// limit), or the first value refused; a chart names a live indicator by its code.
pub fn checked_narrative(db: Db<'_>, n: &Narrative) -> Result<Narrative, RecordError> {
    let note = |key: &str, v: &str| shaped_text(FieldShape::Note, key, v);
    if n.chart_indicators.len() > MAX_CHARTS {
        return Err(RecordError::invalid(
            "validation.too_many",
            "chart_indicators",
            format!("Chỉ vẽ được tối đa {MAX_CHARTS} biểu đồ trong một báo cáo."),
        ));
    }
    for code in &n.chart_indicators {
        if !queries::indicator_code_exists(db, code)? {
            return Err(RecordError::invalid(
                "validation.unknown_code",
                "chart_indicators",
                format!("Không có chỉ tiêu mã \"{code}\" để vẽ biểu đồ."),
            ));
        }
    }
    Ok(Narrative {
        opening: note("opening", &n.opening)?,
        achievements: note("achievements", &n.achievements)?,
        shortcomings: note("shortcomings", &n.shortcomings)?,
        directions: note("directions", &n.directions)?,
        chart_indicators: n.chart_indicators.clone(),
        footnotes: n.footnotes,
    })
}

/// The years a report (and its narrative) may be kept for.
pub fn check_report_year(year: i32) -> Result<(), RecordError> {
    if !crate::domain::date::year_in_range(year) {
        return Err(RecordError::invalid(
            "validation.year_out_of_range",
            "year",
            crate::domain::date::DateError::Year { year }.to_string(),
        ));
    }
    Ok(())
}

pub fn set_narrative(
    store: &mut Store,
    year: i32,
    scope: &Scope,
    n: &Narrative,
) -> Result<(), RecordError> {
    check_report_year(year)?;
    let n = checked_narrative(store.db(), n)?;
    let json = serde_json::to_string(&n).map_err(|e| StorageError::Schema(e.to_string()))?;
    Ok(store.set_report_text(year, &scope.key(), &json)?)
}

/// Paragraphs of a text typed with line breaks.
fn paragraphs(text: &str) -> Vec<String> {
    text.lines()
        .map(crate::text::clean)
        .filter(|l| !l.is_empty())
        .collect()
}

/// A yearly report, or a one-page summary: the summary leaves out the number, the signature
/// and the recipients, and is set smaller to fit its page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ReportKind {
    Yearly,
    Summary,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Report {
    pub kind: ReportKind,
    pub year: i32,
    pub scope: Scope,
    pub settings: ReportSettings,
    /// "BÁO CÁO" or "TÓM TẮT".
    pub title: String,
    /// The subject line: "Kết quả công tác thi đua năm 2023 …".
    pub subject: String,
    /// "Quy Nhơn, ngày 08 tháng 12 năm 2023".
    pub place_date: String,
    pub sections: Vec<Section>,
    /// For file names: "bao-cao-2023", "tom-tat-cum-thi-dua-so-iii-2023".
    pub file_stem: String,
}

macro_rules! rows {
    ($store:expr, $name:ident, $year:expr) => {
        match lists::list($store, ListName::$name, $year)? {
            ListRows::$name(r) => r,
            _ => Vec::new(),
        }
    };
}
pub(super) use rows;

/// The records of one year a report draws on, read once.
pub(super) struct YearData {
    pub year: i32,
    pub members: Vec<MemberRow>,
    pub next_members: Vec<MemberRow>,
    pub results: Vec<ResultRow>,
    pub events: Vec<EventRow>,
    pub participants: Vec<ParticipantRow>,
    pub awards: Vec<AwardRow>,
    pub changes: Vec<ChangeRow>,
    pub figures: Vec<FigureRow>,
    pub last_figures: Vec<FigureRow>,
}

impl YearData {
    pub fn load(store: &Store, year: i32) -> Result<YearData, StorageError> {
        Ok(YearData {
            year,
            members: rows!(store, Members, Some(year)),
            next_members: rows!(store, Members, Some(year + 1)),
            results: rows!(store, Results, Some(year)),
            events: rows!(store, Events, Some(year)),
            participants: rows!(store, Participants, Some(year)),
            awards: rows!(store, Awards, Some(year)),
            changes: rows!(store, Changes, Some(year)),
            figures: rows!(store, Figures, Some(year)),
            last_figures: rows!(store, Figures, Some(year - 1)),
        })
    }
}

/// Which records of the year belong to the report's scope.
pub(super) struct Filter {
    /// The cluster's folded name, for a cluster's report.
    cluster: Option<String>,
    /// The unit, for a unit's report.
    unit: Option<(i64, String)>,
    /// The cluster's members that year (id, name), in list order.
    pub member_units: Vec<(i64, String)>,
    /// Their names folded (`fold_key`), to match records that name a unit.
    member_keys: std::collections::HashSet<String>,
}

impl Filter {
    pub fn new(store: &Store, scope: &Scope, data: &YearData) -> Result<Filter, ReportError> {
        let (cluster, unit) = match scope {
            Scope::All => (None, None),
            Scope::Cluster(n) => (Some(fold_key(n)), None),
            Scope::Unit(n) => {
                let want = fold_key(n);
                let unit = rows!(store, Units, None)
                    .into_iter()
                    .find(|u| fold_key(&u.name) == want)
                    .ok_or_else(|| ReportError::UnknownScope(n.clone()))?;
                (None, Some((unit.id, unit.name)))
            }
        };
        let member_units = match &cluster {
            Some(c) => data
                .members
                .iter()
                .filter(|m| fold_key(&m.cluster) == *c)
                .map(|m| (m.unit_id, m.unit.clone()))
                .collect(),
            None => Vec::new(),
        };
        let member_keys = member_units.iter().map(|(_, n)| fold_key(n)).collect();
        Ok(Filter {
            cluster,
            unit,
            member_units,
            member_keys,
        })
    }

    pub fn is_cluster(&self) -> bool {
        self.cluster.is_some()
    }

    /// The scope's name as the records spell it (the clerk may have typed it otherwise).
    fn name(&self, data: &YearData, typed: &str) -> String {
        if let Some((_, u)) = &self.unit {
            return u.clone();
        }
        data.members
            .iter()
            .find(|m| self.cluster_ok(Some(&m.cluster)))
            .map_or_else(|| typed.to_string(), |m| m.cluster.clone())
    }

    fn cluster_ok(&self, name: Option<&str>) -> bool {
        match (&self.cluster, name) {
            (None, _) => true,
            (Some(want), Some(c)) => fold_key(c) == *want,
            (Some(_), None) => false,
        }
    }

    fn unit_ok(&self, id: Option<i64>) -> bool {
        match (&self.unit, &self.cluster) {
            (Some((u, _)), _) => id == Some(*u),
            (None, Some(_)) => id.is_some_and(|id| self.member_units.iter().any(|(m, _)| *m == id)),
            (None, None) => true,
        }
    }

    fn unit_named(&self, name: Option<&str>) -> bool {
        match &self.unit {
            Some((_, u)) => name.is_some_and(|n| fold_key(n) == fold_key(u)),
            None => true,
        }
    }

    pub fn member(&self, m: &MemberRow) -> bool {
        self.cluster_ok(Some(&m.cluster)) && (self.unit.is_none() || self.unit_ok(Some(m.unit_id)))
    }

    fn event(&self, e: &EventRow, participants: &[ParticipantRow]) -> bool {
        if self.unit.is_some() {
            return self.unit_ok(e.host_unit_id)
                || participants
                    .iter()
                    .any(|p| p.event_id == e.id && self.unit_ok(p.unit_id));
        }
        self.cluster_ok(e.cluster.as_deref())
    }

    pub fn award(&self, a: &AwardRow) -> bool {
        if self.unit.is_some() {
            return self.unit_ok(a.recipient_unit_id);
        }
        // A cluster's awards: those to its members, and counts of unnamed recipients (a
        // named person's unit is not known).
        self.cluster.is_none()
            || a.recipient_unit_id
                .map_or(a.recipient_person_id.is_none(), |id| self.unit_ok(Some(id)))
    }

    /// A unit's changes are those to or from it; a cluster's, those to or from its members.
    fn change(&self, c: &ChangeRow) -> bool {
        match (&self.unit, &self.cluster) {
            (Some(_), _) => {
                self.unit_named(c.from_unit.as_deref()) || self.unit_named(c.to_unit.as_deref())
            }
            (None, Some(_)) => [c.from_unit.as_deref(), c.to_unit.as_deref()]
                .into_iter()
                .flatten()
                .any(|n| self.member_keys.contains(&fold_key(n))),
            (None, None) => true,
        }
    }

    pub fn figure(&self, f: &FigureRow) -> bool {
        match (&self.unit, &self.cluster) {
            (Some(_), _) => self.unit_ok(f.scope_unit_id),
            (None, Some(_)) => {
                (f.scope_cluster_id.is_some() && self.cluster_ok(f.scope.as_deref()))
                    || self.unit_ok(f.scope_unit_id)
            }
            (None, None) => true,
        }
    }

    /// A chart's line: its scope key is "unit:ID", "cluster:ID" or "label:…".
    fn series(&self, scope_key: &str, scope_name: &str) -> bool {
        let unit_id = scope_key
            .strip_prefix("unit:")
            .and_then(|id| id.parse::<i64>().ok());
        match (&self.unit, &self.cluster) {
            (Some(_), _) => self.unit_ok(unit_id),
            (None, Some(_)) => match unit_id {
                Some(id) => self.unit_ok(Some(id)),
                None => scope_key.starts_with("cluster:") && self.cluster_ok(Some(scope_name)),
            },
            (None, None) => true,
        }
    }
}

/// The report of `year` for `scope`, dated `today` (ISO), with the narrative kept for it.
pub fn build(store: &Store, year: i32, scope: &Scope, today: &str) -> Result<Report, ReportError> {
    build_with(store, year, scope, today, &narrative(store, year, scope)?)
}

/// The report with the given narrative and choices (the CLI's flags change them for one run).
pub fn build_with(
    store: &Store,
    year: i32,
    scope: &Scope,
    today: &str,
    text: &Narrative,
) -> Result<Report, ReportError> {
    let settings = settings(store)?;
    let data = YearData::load(store, year)?;
    let filter = Filter::new(store, scope, &data)?;
    let cites = Citations::load(store)?;

    let s1 = composition_section("I. TỔ CHỨC CỤM THI ĐUA", &data, &filter);
    let s2 = events_section("II. HỘI NGHỊ, HOẠT ĐỘNG", &data, &filter);
    let s3 = awards_section("III. KHEN THƯỞNG", &data, &filter);
    let s4 = changes_section("IV. CÔNG TÁC CÁN BỘ", &data, &filter);
    let mut s5 = figures_section(
        "V. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
        &data,
        &filter,
        text.footnotes.then_some(&cites),
    );
    if filter.is_cluster() {
        if let Some(t) = member_figures_table(store, &data, &filter)? {
            s5.section.tables.push(t);
        }
    }
    for (i, code) in text.chart_indicators.iter().enumerate() {
        if let Some(t) = chart_table(store, code, year, &filter, i + 1)? {
            s5.section.tables.push(t);
        }
    }

    let mut sections = Vec::new();
    if !text.opening.trim().is_empty() {
        sections.push(Section {
            heading: String::new(),
            paragraphs: paragraphs(&text.opening),
            tables: Vec::new(),
        });
    }
    let sources = sources_section("NGUỒN TƯ LIỆU", store, &cites, &[&s1, &s2, &s3, &s4, &s5])?;
    sections.extend([s1.section, s2.section, s3.section, s4.section, s5.section]);
    for (heading, body) in [
        ("VI. ƯU ĐIỂM", &text.achievements),
        ("VII. HẠN CHẾ, KHUYẾT ĐIỂM", &text.shortcomings),
        (
            &*format!("VIII. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {}", year + 1),
            &text.directions,
        ),
    ] {
        if !body.trim().is_empty() {
            sections.push(Section {
                heading: heading.to_string(),
                paragraphs: paragraphs(body),
                tables: Vec::new(),
            });
        }
    }
    sections.push(sources);

    let subject = match scope {
        Scope::All => format!("Kết quả công tác thi đua, khen thưởng năm {year}"),
        Scope::Cluster(n) | Scope::Unit(n) => format!(
            "Kết quả công tác thi đua, khen thưởng năm {year} của {}",
            filter.name(&data, n)
        ),
    };
    let file_stem = match scope {
        Scope::All => format!("bao-cao-{year}"),
        Scope::Cluster(n) | Scope::Unit(n) => {
            format!("bao-cao-{year}-{}", super::csv::slug(n))
        }
    };
    Ok(Report {
        kind: ReportKind::Yearly,
        year,
        scope: scope.clone(),
        place_date: place_date(&settings.place, today),
        settings,
        title: "BÁO CÁO".into(),
        subject,
        sections,
        file_stem,
    })
}

/// A section with the records it shows (their citations make the sources section).
pub(super) struct Built {
    pub section: Section,
    pub cited: Vec<(RecordKind, i64)>,
}

impl std::ops::Deref for Built {
    type Target = Section;
    fn deref(&self) -> &Section {
        &self.section
    }
}

/// Section 1: Composition and leadership, with each member's result and next year's election.
pub(super) fn composition_section(heading: &str, data: &YearData, filter: &Filter) -> Built {
    let year = data.year;
    let mut s = Section::new(heading);
    let mut cited = Vec::new();
    let mut clusters: Vec<&str> = Vec::new();
    for m in data.members.iter().filter(|m| filter.member(m)) {
        if !clusters.contains(&m.cluster.as_str()) {
            clusters.push(&m.cluster);
        }
    }
    for c in &clusters {
        let of: Vec<&MemberRow> = data.members.iter().filter(|m| m.cluster == *c).collect();
        cited.extend(of.iter().map(|m| (RecordKind::ClusterMember, m.id)));
        s.paragraphs
            .push(format!("{c} năm {year} gồm {} đơn vị.", of.len()));
        let leaders = |rows: &[&MemberRow], role: MemberRole| -> Vec<String> {
            rows.iter()
                .filter(|m| m.role == role)
                .map(|m| m.unit.clone())
                .collect()
        };
        let lead = leaders(&of, MemberRole::Leader);
        let dep = leaders(&of, MemberRole::Deputy);
        if !lead.is_empty() || !dep.is_empty() {
            s.paragraphs.push(format!(
                "Năm {year}: Cụm trưởng {}; Cụm phó {}.",
                or_dash(&lead),
                or_dash(&dep)
            ));
        }
        let of_next: Vec<&MemberRow> = data
            .next_members
            .iter()
            .filter(|m| m.cluster == *c)
            .collect();
        cited.extend(of_next.iter().map(|m| (RecordKind::ClusterMember, m.id)));
        let lead_n = leaders(&of_next, MemberRole::Leader);
        let dep_n = leaders(&of_next, MemberRole::Deputy);
        if !lead_n.is_empty() || !dep_n.is_empty() {
            s.paragraphs.push(format!(
                "Bầu cho năm {}: Cụm trưởng {}; Cụm phó {}.",
                year + 1,
                or_dash(&lead_n),
                or_dash(&dep_n)
            ));
        }
        let rows = of
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let r = data.results.iter().find(|r| r.unit_id == m.unit_id);
                vec![
                    Cell::Number((i + 1) as f64),
                    Cell::text(m.unit.clone()),
                    Cell::text(m.role_label.clone()),
                    Cell::num(r.and_then(|r| r.rank).map(|x| x as f64)),
                    Cell::opt(r.and_then(|r| r.classification.clone())),
                ]
            })
            .collect();
        s.tables.push(Table::new(
            &format!("Thành viên {c}"),
            cols(&["STT", "Đơn vị", "Vai trò", "Xếp thứ", "Xếp loại"]),
            rows,
        ));
    }
    if clusters.is_empty() {
        s.paragraphs
            .push(format!("Chưa ghi thành viên cụm thi đua năm {year}."));
    }
    Built { section: s, cited }
}

/// Section 2: Events held, with their chairs.
pub(super) fn events_section(heading: &str, data: &YearData, filter: &Filter) -> Built {
    let events: Vec<&EventRow> = data
        .events
        .iter()
        .filter(|e| filter.event(e, &data.participants))
        .collect();
    let mut s = Section::new(heading);
    s.paragraphs.push(format!(
        "Trong năm {} có {} hội nghị, hoạt động được ghi nhận.",
        data.year,
        events.len()
    ));
    s.tables.push(Table::new(
        "Hội nghị",
        cols(&[
            "Ngày",
            "Loại",
            "Tên hội nghị",
            "Địa điểm",
            "Đơn vị đăng cai",
            "Chủ trì",
        ]),
        events
            .iter()
            .map(|e| {
                let chairs: Vec<String> = data
                    .participants
                    .iter()
                    .filter(|p| p.event_id == e.id && p.role == "chu_tri")
                    .filter_map(|p| p.person.clone().or(p.unit.clone()))
                    .collect();
                vec![
                    Cell::opt(e.date_label.clone()),
                    Cell::opt(e.kind_label.clone()),
                    Cell::text(e.name.clone()),
                    Cell::opt(e.place.clone()),
                    Cell::opt(e.host.clone()),
                    Cell::text(chairs.join("; ")),
                ]
            })
            .collect(),
    ));
    Built {
        section: s,
        cited: events.iter().map(|e| (RecordKind::Event, e.id)).collect(),
    }
}

/// Section 3: Awards, proposed and decided.
pub(super) fn awards_section(heading: &str, data: &YearData, filter: &Filter) -> Built {
    let awards: Vec<&AwardRow> = data.awards.iter().filter(|a| filter.award(a)).collect();
    let mut s = Section::new(heading);
    s.paragraphs.push(format!(
        "Khen thưởng thành tích năm {}: {} mục đề nghị hoặc quyết định.",
        data.year,
        awards.len()
    ));
    s.tables.push(Table::new(
        "Khen thưởng",
        cols(&[
            "Hình thức",
            "Đối tượng",
            "Số lượng",
            "Tình trạng",
            "Cơ quan khen",
            "Số quyết định",
            "Ngày quyết định",
        ]),
        awards.iter().map(|a| award_row(a)).collect(),
    ));
    Built {
        section: s,
        cited: awards.iter().map(|a| (RecordKind::Award, a.id)).collect(),
    }
}

pub(super) fn award_form(a: &AwardRow) -> String {
    match &a.form_detail {
        Some(d) => format!("{} {d}", a.form),
        None => a.form.clone(),
    }
}

fn award_row(a: &AwardRow) -> Vec<Cell> {
    vec![
        Cell::text(award_form(a)),
        Cell::text(
            a.recipient
                .clone()
                .unwrap_or_else(|| a.recipient_kind_label.clone().unwrap_or_default()),
        ),
        Cell::num(a.recipient_count.map(|c| c as f64)),
        Cell::opt(a.status_label.clone()),
        Cell::opt(a.granting_body.clone()),
        Cell::opt(a.decision_number.clone()),
        Cell::opt(a.decision_date.as_deref().map(iso_to_vn)),
    ]
}

/// Section 4: Personnel work: counts by kind, then the named changes.
pub(super) fn changes_section(heading: &str, data: &YearData, filter: &Filter) -> Built {
    let changes: Vec<&ChangeRow> = data.changes.iter().filter(|c| filter.change(c)).collect();
    let mut by_kind: Vec<(String, f64)> = Vec::new();
    for c in &changes {
        let label = c.kind_label.clone().unwrap_or_else(|| c.kind.clone());
        match by_kind.iter_mut().find(|(k, _)| *k == label) {
            Some((_, n)) => *n += 1.0,
            None => by_kind.push((label, 1.0)),
        }
    }
    let mut s = Section::new(heading);
    s.paragraphs.push(format!(
        "Năm {} ghi nhận {} lượt công tác cán bộ có tên.",
        data.year,
        changes.len()
    ));
    s.tables.push(Table::new(
        "Công tác cán bộ - số lượt",
        cols(&["Loại", "Số lượt"]),
        by_kind
            .iter()
            .map(|(k, n)| vec![Cell::text(k.clone()), Cell::Number(*n)])
            .collect(),
    ));
    s.tables.push(Table::new(
        "Công tác cán bộ",
        cols(&[
            "Họ và tên",
            "Loại",
            "Từ chức vụ",
            "Đến chức vụ",
            "Số quyết định",
            "Ngày",
        ]),
        changes
            .iter()
            .map(|c| {
                vec![
                    Cell::text(c.person.clone()),
                    Cell::opt(c.kind_label.clone()),
                    Cell::opt(c.from_title.clone()),
                    Cell::opt(c.to_title.clone()),
                    Cell::opt(c.decision_number.clone()),
                    Cell::opt(
                        c.effective_date
                            .clone()
                            .or(c.decision_date.clone())
                            .as_deref()
                            .map(iso_to_vn),
                    ),
                ]
            })
            .collect(),
    ));
    Built {
        section: s,
        cited: changes
            .iter()
            .map(|c| (RecordKind::PersonnelChange, c.id))
            .collect(),
    }
}

/// Figures in list order, each sub-count right under the figure it is part of.
fn parents_first<'a>(figures: &[&'a FigureRow]) -> Vec<(&'a FigureRow, usize)> {
    use std::collections::{HashMap, HashSet};
    fn push<'a>(
        f: &'a FigureRow,
        depth: usize,
        children: &HashMap<i64, Vec<&'a FigureRow>>,
        placed: &mut HashSet<i64>,
        out: &mut Vec<(&'a FigureRow, usize)>,
    ) {
        if depth > 8 || !placed.insert(f.id) {
            return;
        }
        out.push((f, depth));
        for c in children.get(&f.id).into_iter().flatten() {
            push(c, depth + 1, children, placed, out);
        }
    }
    // Looked up by id, not searched for: a year of a province's records holds thousands.
    let here: HashSet<i64> = figures.iter().map(|f| f.id).collect();
    let mut children: HashMap<i64, Vec<&'a FigureRow>> = HashMap::new();
    for f in figures {
        if let Some(p) = f.parent_id {
            children.entry(p).or_default().push(f);
        }
    }
    let mut placed = HashSet::new();
    let mut out = Vec::new();
    for f in figures {
        if !f.parent_id.is_some_and(|p| here.contains(&p)) {
            push(f, 0, &children, &mut placed, &mut out);
        }
    }
    out
}

/// Section 5: Figures against last year and their targets; sub-counts under their figure; each
/// figure's sources as footnotes when the clerk asks for them.
pub(super) fn figures_section(
    heading: &str,
    data: &YearData,
    filter: &Filter,
    footnotes: Option<&Citations>,
) -> Built {
    let year = data.year;
    let figures: Vec<&FigureRow> = data.figures.iter().filter(|f| filter.figure(f)).collect();
    let mut columns = vec![
        "Chỉ tiêu".into(),
        "Phạm vi".into(),
        "Kỳ".into(),
        format!("Năm {year}"),
        format!("Năm {}", year - 1),
        "Tăng/giảm".into(),
        "Tăng/giảm (%)".into(),
        "Tỷ lệ".into(),
        "Chỉ tiêu giao".into(),
        "% chỉ tiêu".into(),
        "Đơn vị tính".into(),
    ];
    if footnotes.is_some() {
        columns.push("Nguồn".into());
    }
    // Last year's figure of the same indicator, scope and period, the first one listed.
    let mut last_year: std::collections::HashMap<_, &FigureRow> = std::collections::HashMap::new();
    for l in &data.last_figures {
        last_year
            .entry((l.indicator_id, l.scope.as_deref(), l.period_kind))
            .or_insert(l);
    }
    let rows = parents_first(&figures)
        .into_iter()
        .map(|(f, depth)| {
            let before = last_year.get(&(f.indicator_id, f.scope.as_deref(), f.period_kind));
            let prev = before.and_then(|b| b.value);
            let change = match (f.value, prev) {
                (Some(v), Some(p)) => Some(v - p),
                _ => f.change_value,
            };
            let change_pct = match (f.value, prev) {
                (Some(v), Some(p)) if p != 0.0 => Some(((v - p) / p * 10000.0).round() / 100.0),
                _ => f.change_pct,
            };
            let label = if depth > 0 || f.parent_id.is_some() {
                format!("{}trong đó: {}", "  ".repeat(depth.max(1)), f.indicator)
            } else {
                f.indicator.clone()
            };
            let mut row = vec![
                Cell::text(label),
                Cell::opt(f.scope.clone()),
                Cell::opt(f.period_label.clone().or(f.period_kind_label.clone())),
                Cell::num(f.value),
                Cell::num(prev),
                Cell::num(change),
                Cell::pct(change_pct),
                Cell::pct(f.percent),
                Cell::num(f.target),
                Cell::pct(f.percent_of_target),
                Cell::opt(f.unit_label.clone()),
            ];
            if let Some(c) = footnotes {
                row.push(Cell::text(c.note(RecordKind::Figure, f.id)));
            }
            row
        })
        .collect();
    let mut table = Table::new("Số liệu", columns, rows);
    if footnotes.is_some() {
        table.footnotes = Some(table.columns.len() - 1);
    }
    let mut s = Section::new(heading);
    s.tables.push(table);
    Built {
        section: s,
        cited: figures.iter().map(|f| (RecordKind::Figure, f.id)).collect(),
    }
}

/// For a cluster: each indicator with one column per member and the cluster's total where the
/// indicator adds up.
pub(super) fn member_figures_table(
    store: &Store,
    data: &YearData,
    filter: &Filter,
) -> Result<Option<Table>, StorageError> {
    let indicators = rows!(store, Indicators, None);
    let of_members: Vec<&FigureRow> = data
        .figures
        .iter()
        .filter(|f| {
            f.parent_id.is_none()
                && f.scope_unit_id
                    .is_some_and(|u| filter.member_units.iter().any(|(m, _)| *m == u))
        })
        .collect();
    let mut order: Vec<(i64, String)> = Vec::new();
    for f in &of_members {
        if !order.iter().any(|(id, _)| *id == f.indicator_id) {
            order.push((f.indicator_id, f.indicator.clone()));
        }
    }
    if order.is_empty() {
        return Ok(None);
    }
    let mut columns = vec!["Chỉ tiêu".to_string()];
    columns.extend(filter.member_units.iter().map(|(_, n)| n.clone()));
    columns.push("Cả cụm".into());
    let rows = order
        .iter()
        .map(|(id, label)| {
            let values: Vec<Option<f64>> = filter
                .member_units
                .iter()
                .map(|(u, _)| {
                    of_members
                        .iter()
                        .find(|f| f.indicator_id == *id && f.scope_unit_id == Some(*u))
                        .and_then(|f| f.value)
                })
                .collect();
            let adds_up = indicators
                .iter()
                .any(|i| i.id == *id && i.aggregation == Aggregation::Sum);
            let total = (adds_up && values.iter().any(Option::is_some))
                .then(|| values.iter().flatten().sum::<f64>());
            let mut row = vec![Cell::text(label.clone())];
            row.extend(values.into_iter().map(Cell::num));
            row.push(Cell::num(total));
            row
        })
        .collect();
    Ok(Some(Table::new("Số liệu theo đơn vị", columns, rows)))
}

/// A page has no room for columns nothing was recorded in (last year's figures before they
/// exist): printed tables leave them out; spreadsheets keep every column.
pub(super) fn without_empty_columns(table: &Table) -> Table {
    let keep: Vec<usize> = (0..table.columns.len())
        .filter(|i| {
            table
                .rows
                .iter()
                .any(|r| !matches!(r.get(*i), None | Some(Cell::Empty)))
        })
        .collect();
    Table {
        columns: keep.iter().map(|i| table.columns[*i].clone()).collect(),
        rows: table
            .rows
            .iter()
            .map(|r| {
                keep.iter()
                    .map(|i| r.get(*i).cloned().unwrap_or(Cell::Empty))
                    .collect()
            })
            .collect(),
        footnotes: None,
        ..table.clone()
    }
}

/// A table without its footnote column, and each row's footnote ("" for none).
pub(super) fn split_footnotes(table: &Table) -> (Table, Vec<String>) {
    let Some(col) = table.footnotes else {
        return (table.clone(), Vec::new());
    };
    let mut t = table.clone();
    t.footnotes = None;
    if col < t.columns.len() {
        t.columns.remove(col);
    }
    let notes = t
        .rows
        .iter_mut()
        .map(|r| {
            if col < r.len() {
                r.remove(col).display()
            } else {
                String::new()
            }
        })
        .collect();
    (t, notes)
}

/// The most lines a chart draws: more cannot be told apart on a printed page.
const CHART_LINES: usize = 8;
/// The most years a chart spans, ending at the report's year.
const CHART_YEARS: i32 = 10;

/// One indicator's whole-year values over the years up to `year`, one line per scope in the
/// report's scope, as a table printed as a line chart.
pub(super) fn chart_table(
    store: &Store,
    code: &str,
    year: i32,
    filter: &Filter,
    number: usize,
) -> Result<Option<Table>, StorageError> {
    let Some(indicator) = rows!(store, Indicators, None)
        .into_iter()
        .find(|i| i.code == *code)
    else {
        return Ok(None);
    };
    let mut series: Vec<_> = crate::services::overview::series(store, code)?
        .into_iter()
        .filter(|s| filter.series(&s.scope_key, &s.scope))
        .map(|mut s| {
            s.points
                .retain(|p| p.year <= year && p.year > year - CHART_YEARS);
            s
        })
        .filter(|s| !s.points.is_empty())
        .collect();
    if series.is_empty() {
        return Ok(None);
    }
    // The lines with the most years come first; the rest are left out past the limit.
    series.sort_by_key(|s| std::cmp::Reverse(s.points.len()));
    series.truncate(CHART_LINES);
    let first = series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.year))
        .min()
        .unwrap_or(year);
    let last = series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.year))
        .max()
        .unwrap_or(year);
    let years: Vec<i32> = (first..=last).collect();
    let mut columns = vec!["Phạm vi".to_string()];
    columns.extend(years.iter().map(|y| y.to_string()));
    let rows = series
        .iter()
        .map(|s| {
            let mut row = vec![Cell::text(s.scope.clone())];
            row.extend(
                years
                    .iter()
                    .map(|y| Cell::num(s.points.iter().find(|p| p.year == *y).map(|p| p.value))),
            );
            row
        })
        .collect();
    let mut t = Table::new(&format!("Biểu đồ {}", indicator.label), columns, rows);
    let span = if first == last {
        first.to_string()
    } else {
        format!("{first}–{last}")
    };
    t.caption = format!(
        "Biểu đồ {number}. {}{}, {span}",
        indicator.label,
        indicator
            .unit_label
            .as_deref()
            .map(|u| format!(" ({u})"))
            .unwrap_or_default()
    );
    t.view = TableView::LineChart;
    Ok(Some(t))
}

/// The store's citations, read once per report: (record kind, record id) → (source, passage).
pub(super) struct Citations {
    /// (source, passage) by the record citing it.
    by_record: std::collections::HashMap<(RecordKind, i64), Vec<(i64, String)>>,
    sources: Vec<SourceRow>,
}

impl Citations {
    pub fn load(store: &Store) -> Result<Citations, StorageError> {
        let mut by_record: std::collections::HashMap<_, Vec<_>> = Default::default();
        for kind in [
            RecordKind::ClusterMember,
            RecordKind::Event,
            RecordKind::Award,
            RecordKind::PersonnelChange,
            RecordKind::Figure,
            RecordKind::Position,
            RecordKind::Participant,
            RecordKind::EmulationResult,
        ] {
            for (record, source, passage) in
                source_files::citations_by_kind(store.db(), kind.code())?
            {
                by_record
                    .entry((kind, record))
                    .or_default()
                    .push((source, passage));
            }
        }
        Ok(Citations {
            by_record,
            sources: rows!(store, Sources, None),
        })
    }

    fn of(&self, kind: RecordKind, id: i64) -> impl Iterator<Item = (i64, &str)> {
        self.by_record
            .get(&(kind, id))
            .into_iter()
            .flatten()
            .map(|(s, p)| (*s, p.as_str()))
    }

    /// A footnote: «the passage» — the article (publisher, date); several joined by "; ".
    pub fn note(&self, kind: RecordKind, id: i64) -> String {
        self.of(kind, id)
            .map(|(source, passage)| {
                let s = self.sources.iter().find(|s| s.id == source);
                let mut article = s.map(|s| s.title.clone()).unwrap_or_default();
                let detail: Vec<String> = s
                    .into_iter()
                    .flat_map(|s| {
                        [
                            s.publisher.clone(),
                            s.published_date.as_deref().map(iso_to_vn),
                        ]
                    })
                    .flatten()
                    .collect();
                if !detail.is_empty() {
                    article.push_str(&format!(" ({})", detail.join(", ")));
                }
                format!("«{}» — {article}", crate::text::clean(passage))
            })
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// The articles the report's facts cite, in the order of their publication.
pub(super) fn sources_section(
    heading: &str,
    _store: &Store,
    cites: &Citations,
    built: &[&Built],
) -> Result<Section, StorageError> {
    let mut ids: Vec<i64> = Vec::new();
    for b in built {
        for (kind, id) in &b.cited {
            for (source, _) in cites.of(*kind, *id) {
                if !ids.contains(&source) {
                    ids.push(source);
                }
            }
        }
    }
    let mut s = Section::new(heading);
    let cited: Vec<&SourceRow> = cites
        .sources
        .iter()
        .filter(|s| ids.contains(&s.id))
        .collect();
    s.tables.push(Table::new(
        "Nguồn",
        cols(&["Bài viết", "Nơi đăng", "Tác giả", "Ngày đăng"]),
        cited
            .iter()
            .map(|s| {
                vec![
                    Cell::text(s.title.clone()),
                    Cell::opt(s.publisher.clone()),
                    Cell::opt(s.author.clone()),
                    Cell::opt(s.published_date.as_deref().map(iso_to_vn)),
                ]
            })
            .collect(),
    ));
    Ok(s)
}

fn or_dash(v: &[String]) -> String {
    if v.is_empty() {
        "—".into()
    } else {
        v.join(", ")
    }
}

pub(super) fn cols(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| s.to_string()).collect()
}

/// Spreadsheet sheet names hold at most 31 characters and no []:*?/\.
fn short_name(s: &str) -> String {
    let cleaned: String = s
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
        .collect();
    cleaned.chars().take(31).collect()
}

/// "Quy Nhơn, ngày 08 tháng 12 năm 2023".
pub fn place_date(place: &str, iso: &str) -> String {
    let (y, m, d) = (
        iso.get(..4).unwrap_or(""),
        iso.get(5..7).unwrap_or(""),
        iso.get(8..10).unwrap_or(""),
    );
    format!("{place}, ngày {d} tháng {m} năm {y}")
}
