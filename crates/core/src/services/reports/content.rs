//! What a yearly report says, computed from the records: the cluster's composition and
//! leadership, the events held, the awards, the personnel work, the figures against last year
//! and their targets, and the articles the facts come from. Every format renders this one model.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::{date::iso_to_vn, ListName, ListRows, MemberRole};
use crate::services::lists;
use crate::storage::{StorageError, Store};
use crate::text::vn_number;

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
    fn text(s: impl Into<String>) -> Cell {
        let s = s.into();
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s)
        }
    }
    fn opt(s: Option<String>) -> Cell {
        s.map(Cell::text).unwrap_or(Cell::Empty)
    }
    fn num(n: Option<f64>) -> Cell {
        n.map(Cell::Number).unwrap_or(Cell::Empty)
    }
    fn pct(n: Option<f64>) -> Cell {
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
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Section {
    pub heading: String,
    pub paragraphs: Vec<String>,
    pub tables: Vec<Table>,
}

/// What the report covers: the whole store, or one cluster (the Cụm trưởng's report).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "name", rename_all = "snake_case")]
#[ts(export)]
pub enum Scope {
    All,
    Cluster(String),
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

pub fn set_settings(store: &mut Store, s: &ReportSettings) -> Result<(), StorageError> {
    let json = serde_json::to_string(s).map_err(|e| StorageError::Schema(e.to_string()))?;
    store.set_setting(SETTINGS_KEY, &json)
}

/// What the clerk writes around the generated sections; kept with the report's year and scope.
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
}

impl Scope {
    /// The key its narrative is kept under.
    pub fn key(&self) -> String {
        match self {
            Scope::All => "all".into(),
            Scope::Cluster(n) => format!("cluster:{}", crate::text::fold_key(n)),
        }
    }
}

pub fn narrative(store: &Store, year: i32, scope: &Scope) -> Result<Narrative, StorageError> {
    Ok(store
        .report_text(year, &scope.key())?
        .and_then(|v| serde_json::from_str(&v).ok())
        .unwrap_or_default())
}

pub fn set_narrative(
    store: &mut Store,
    year: i32,
    scope: &Scope,
    n: &Narrative,
) -> Result<(), StorageError> {
    let json = serde_json::to_string(n).map_err(|e| StorageError::Schema(e.to_string()))?;
    store.set_report_text(year, &scope.key(), &json)
}

/// Paragraphs of a text typed with line breaks.
fn paragraphs(text: &str) -> Vec<String> {
    text.lines()
        .map(crate::text::clean)
        .filter(|l| !l.is_empty())
        .collect()
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Report {
    pub year: i32,
    pub scope: Scope,
    pub settings: ReportSettings,
    /// "BÁO CÁO" subject line: "Kết quả công tác thi đua năm 2023 …".
    pub subject: String,
    /// "Quy Nhơn, ngày 08 tháng 12 năm 2023".
    pub place_date: String,
    pub sections: Vec<Section>,
}

macro_rules! rows {
    ($store:expr, $name:ident, $year:expr) => {
        match lists::list($store, ListName::$name, $year)? {
            ListRows::$name(r) => r,
            _ => Vec::new(),
        }
    };
}

/// The report of `year` for `scope`, dated `today` (ISO).
pub fn build(store: &Store, year: i32, scope: &Scope, today: &str) -> Result<Report, StorageError> {
    let settings = settings(store)?;
    let cluster_name = match scope {
        Scope::All => None,
        Scope::Cluster(n) => Some(crate::text::fold_key(n)),
    };
    let in_scope = |cluster: Option<&str>| match (&cluster_name, cluster) {
        (None, _) => true,
        (Some(want), Some(c)) => crate::text::fold_key(c) == *want,
        (Some(_), None) => false,
    };

    // 1. Composition and leadership, with each member's result.
    let members = rows!(store, Members, Some(year));
    let next = rows!(store, Members, Some(year + 1));
    let results = rows!(store, Results, Some(year));
    let mut clusters: Vec<String> = Vec::new();
    for m in &members {
        if in_scope(Some(&m.cluster)) && !clusters.contains(&m.cluster) {
            clusters.push(m.cluster.clone());
        }
    }
    let mut s1 = Section {
        heading: "I. TỔ CHỨC CỤM THI ĐUA".into(),
        paragraphs: Vec::new(),
        tables: Vec::new(),
    };
    for c in &clusters {
        let of: Vec<_> = members.iter().filter(|m| &m.cluster == c).collect();
        s1.paragraphs
            .push(format!("{c} năm {year} gồm {} đơn vị.", of.len()));
        let leaders =
            |rows: &[&crate::domain::lists::MemberRow], role: MemberRole| -> Vec<String> {
                rows.iter()
                    .filter(|m| m.role == role)
                    .map(|m| m.unit.clone())
                    .collect()
            };
        let lead = leaders(&of, MemberRole::Leader);
        let dep = leaders(&of, MemberRole::Deputy);
        if !lead.is_empty() || !dep.is_empty() {
            s1.paragraphs.push(format!(
                "Năm {year}: Cụm trưởng {}; Cụm phó {}.",
                or_dash(&lead),
                or_dash(&dep)
            ));
        }
        let of_next: Vec<_> = next.iter().filter(|m| &m.cluster == c).collect();
        let lead_n = leaders(&of_next, MemberRole::Leader);
        let dep_n = leaders(&of_next, MemberRole::Deputy);
        if !lead_n.is_empty() || !dep_n.is_empty() {
            s1.paragraphs.push(format!(
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
                let r = results.iter().find(|r| r.unit_id == m.unit_id);
                vec![
                    Cell::Number((i + 1) as f64),
                    Cell::text(m.unit.clone()),
                    Cell::text(m.role_label.clone()),
                    Cell::num(r.and_then(|r| r.rank).map(|x| x as f64)),
                    Cell::opt(r.and_then(|r| r.classification.clone())),
                ]
            })
            .collect();
        s1.tables.push(Table {
            name: short_name(&format!("Thành viên {c}")),
            columns: cols(&["STT", "Đơn vị", "Vai trò", "Xếp thứ", "Xếp loại"]),
            rows,
        });
    }
    if clusters.is_empty() {
        s1.paragraphs
            .push(format!("Chưa ghi thành viên cụm thi đua năm {year}."));
    }

    // 2. Events.
    let events: Vec<_> = rows!(store, Events, Some(year))
        .into_iter()
        .filter(|e| in_scope(e.cluster.as_deref()))
        .collect();
    let participants = rows!(store, Participants, Some(year));
    let s2 = Section {
        heading: "II. HỘI NGHỊ, HOẠT ĐỘNG".into(),
        paragraphs: vec![format!(
            "Trong năm {year} có {} hội nghị, hoạt động được ghi nhận.",
            events.len()
        )],
        tables: vec![Table {
            name: "Hội nghị".into(),
            columns: cols(&[
                "Ngày",
                "Loại",
                "Tên hội nghị",
                "Địa điểm",
                "Đơn vị đăng cai",
                "Chủ trì",
            ]),
            rows: events
                .iter()
                .map(|e| {
                    let chairs: Vec<String> = participants
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
        }],
    };

    // 3. Awards.
    let member_units: Vec<String> = members
        .iter()
        .filter(|m| in_scope(Some(&m.cluster)))
        .map(|m| m.unit.clone())
        .collect();
    let awards: Vec<_> = rows!(store, Awards, Some(year))
        .into_iter()
        .filter(|a| {
            cluster_name.is_none()
                || a.recipient
                    .as_ref()
                    .is_none_or(|r| member_units.contains(r))
        })
        .collect();
    let s3 =
        Section {
            heading: "III. KHEN THƯỞNG".into(),
            paragraphs: vec![format!(
                "Khen thưởng thành tích năm {year}: {} mục đề nghị hoặc quyết định.",
                awards.len()
            )],
            tables: vec![Table {
                name: "Khen thưởng".into(),
                columns: cols(&[
                    "Hình thức",
                    "Đối tượng",
                    "Số lượng",
                    "Tình trạng",
                    "Cơ quan khen",
                    "Số quyết định",
                    "Ngày quyết định",
                ]),
                rows: awards
                    .iter()
                    .map(|a| {
                        let form = match &a.form_detail {
                            Some(d) => format!("{} {d}", a.form),
                            None => a.form.clone(),
                        };
                        vec![
                            Cell::text(form),
                            Cell::text(a.recipient.clone().unwrap_or_else(|| {
                                a.recipient_kind_label.clone().unwrap_or_default()
                            })),
                            Cell::num(a.recipient_count.map(|c| c as f64)),
                            Cell::opt(a.status_label.clone()),
                            Cell::opt(a.granting_body.clone()),
                            Cell::opt(a.decision_number.clone()),
                            Cell::opt(a.decision_date.as_deref().map(iso_to_vn)),
                        ]
                    })
                    .collect(),
            }],
        };

    // 4. Personnel work: counts by kind, then the named changes.
    let changes = rows!(store, Changes, Some(year));
    let mut by_kind: Vec<(String, f64)> = Vec::new();
    for c in &changes {
        let label = c.kind_label.clone().unwrap_or_else(|| c.kind.clone());
        match by_kind.iter_mut().find(|(k, _)| *k == label) {
            Some((_, n)) => *n += 1.0,
            None => by_kind.push((label, 1.0)),
        }
    }
    let s4 = Section {
        heading: "IV. CÔNG TÁC CÁN BỘ".into(),
        paragraphs: vec![format!(
            "Năm {year} ghi nhận {} lượt công tác cán bộ có tên.",
            changes.len()
        )],
        tables: vec![
            Table {
                name: "Công tác cán bộ - số lượt".into(),
                columns: cols(&["Loại", "Số lượt"]),
                rows: by_kind
                    .iter()
                    .map(|(k, n)| vec![Cell::text(k.clone()), Cell::Number(*n)])
                    .collect(),
            },
            Table {
                name: "Công tác cán bộ".into(),
                columns: cols(&[
                    "Họ và tên",
                    "Loại",
                    "Từ chức vụ",
                    "Đến chức vụ",
                    "Số quyết định",
                    "Ngày",
                ]),
                rows: changes
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
            },
        ],
    };

    // 5. Figures against last year and their targets.
    let figures = rows!(store, Figures, Some(year));
    let last = rows!(store, Figures, Some(year - 1));
    let scope_ok = |scope: Option<&str>| match &cluster_name {
        None => true,
        Some(_) => scope.is_some_and(|s| in_scope(Some(s)) || member_units.iter().any(|u| u == s)),
    };
    let s5 = Section {
        heading: "V. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU".into(),
        paragraphs: Vec::new(),
        tables: vec![Table {
            name: "Số liệu".into(),
            columns: vec![
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
            ],
            rows: figures
                .iter()
                .filter(|f| scope_ok(f.scope.as_deref()))
                .map(|f| {
                    let before = last.iter().find(|l| {
                        l.indicator_id == f.indicator_id
                            && l.scope == f.scope
                            && l.period_kind == f.period_kind
                    });
                    let prev = before.and_then(|b| b.value);
                    let change = match (f.value, prev) {
                        (Some(v), Some(p)) => Some(v - p),
                        _ => f.change_value,
                    };
                    let change_pct = match (f.value, prev) {
                        (Some(v), Some(p)) if p != 0.0 => {
                            Some(((v - p) / p * 10000.0).round() / 100.0)
                        }
                        _ => f.change_pct,
                    };
                    let label = if f.parent_id.is_some() {
                        format!("  trong đó: {}", f.indicator)
                    } else {
                        f.indicator.clone()
                    };
                    vec![
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
                    ]
                })
                .collect(),
        }],
    };

    // For a cluster: each indicator with one column per member and the cluster's total where
    // the indicator adds up.
    let mut s5 = s5;
    if cluster_name.is_some() {
        let indicators = rows!(store, Indicators, None);
        let of_members: Vec<_> = figures
            .iter()
            .filter(|f| {
                f.parent_id.is_none() && f.scope.as_ref().is_some_and(|s| member_units.contains(s))
            })
            .collect();
        let mut order: Vec<(i64, String)> = Vec::new();
        for f in &of_members {
            if !order.iter().any(|(id, _)| *id == f.indicator_id) {
                order.push((f.indicator_id, f.indicator.clone()));
            }
        }
        if !order.is_empty() {
            let mut columns = vec!["Chỉ tiêu".to_string()];
            columns.extend(member_units.iter().cloned());
            columns.push("Cả cụm".into());
            let rows = order
                .iter()
                .map(|(id, label)| {
                    let values: Vec<Option<f64>> = member_units
                        .iter()
                        .map(|u| {
                            of_members
                                .iter()
                                .find(|f| {
                                    f.indicator_id == *id && f.scope.as_deref() == Some(u.as_str())
                                })
                                .and_then(|f| f.value)
                        })
                        .collect();
                    let adds_up = indicators
                        .iter()
                        .any(|i| i.id == *id && i.aggregation == crate::domain::Aggregation::Sum);
                    let total = (adds_up && values.iter().any(Option::is_some))
                        .then(|| values.iter().flatten().sum::<f64>());
                    let mut row = vec![Cell::text(label.clone())];
                    row.extend(values.into_iter().map(Cell::num));
                    row.push(Cell::num(total));
                    row
                })
                .collect();
            s5.tables.push(Table {
                name: "Số liệu theo đơn vị".into(),
                columns,
                rows,
            });
        }
    }

    // 6. Sources: the articles of the year.
    let sources = rows!(store, Sources, Some(year));
    let s6 = Section {
        heading: "VI. NGUỒN TƯ LIỆU".into(),
        paragraphs: Vec::new(),
        tables: vec![Table {
            name: "Nguồn".into(),
            columns: cols(&["Bài viết", "Nơi đăng", "Tác giả", "Ngày đăng"]),
            rows: sources
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
        }],
    };

    // The clerk's text around the generated sections.
    let text = narrative(store, year, scope)?;
    let mut sections = Vec::new();
    if !text.opening.trim().is_empty() {
        sections.push(Section {
            heading: String::new(),
            paragraphs: paragraphs(&text.opening),
            tables: Vec::new(),
        });
    }
    sections.extend([s1, s2, s3, s4, s5]);
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
    let mut s6 = s6;
    s6.heading = "NGUỒN TƯ LIỆU".into();
    sections.push(s6);

    let subject = match scope {
        Scope::All => format!("Kết quả công tác thi đua, khen thưởng năm {year}"),
        Scope::Cluster(n) => format!("Kết quả công tác thi đua, khen thưởng năm {year} của {n}"),
    };
    Ok(Report {
        year,
        scope: scope.clone(),
        place_date: place_date(&settings.place, today),
        settings,
        subject,
        sections,
    })
}

fn or_dash(v: &[String]) -> String {
    if v.is_empty() {
        "—".into()
    } else {
        v.join(", ")
    }
}

fn cols(names: &[&str]) -> Vec<String> {
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
