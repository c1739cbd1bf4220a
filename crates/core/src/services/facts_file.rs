//! Recording a facts file: everything one article states, in the shape of `facts-schema.md`
//! (what `thidua extract` prints, what the gold files hold), through the same write path as the
//! app — one file, one transaction, one undo step. A key the schema does not have is refused by
//! name (`deny_unknown_fields`), never dropped; every key lands in a column. Names resolve to the
//! store: a bare province name in an Organization-sector cluster is its Ban Tổ chức as named on
//! the event's date; other units are found by name or created with a kind read from the name;
//! people are matched by name together with their title, never by name alone.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::records::{save_in, RecordError};
use crate::domain::*;
use crate::storage::{provinces, queries, Tx};
use crate::text::{clean, fold_key};

/// The keys of `facts-schema.md`, plus a few optional ones a richer file may carry (the sample
/// database's hand-made files, and the extractor as it learns them): the source's `title`,
/// `publisher` and `author`; an event's `period_label`; a person's participant `roles`, the
/// `unit` they speak for and their `province`; a statistic's catalogue `indicator` code and its
/// `scope_unit`; and on every item a `quote` to cite.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct FactsFile {
    pub source_file: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub publisher: Option<String>,
    pub author: Option<String>,
    pub event: Option<EventIn>,
    pub cluster: Option<ClusterIn>,
    #[serde(default)]
    pub awards: Vec<AwardIn>,
    #[serde(default)]
    pub people: Vec<PersonIn>,
    #[serde(default)]
    pub stats: Vec<StatIn>,
    #[serde(default)]
    pub ranking: Vec<RankIn>,
    #[serde(default)]
    pub personnel_changes: Vec<ChangeIn>,
    #[serde(default)]
    pub documents: Vec<DocumentIn>,
}

/// Where an item was read: character offsets in the article's text and the text itself.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Quote {
    pub start: i64,
    pub end: i64,
    pub text: String,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct EventIn {
    pub kind: Option<String>,
    pub name_vi: Option<String>,
    pub date: Option<String>,
    pub date_partial: Option<String>,
    pub date_note: Option<String>,
    pub date_published: Option<String>,
    pub place: Option<String>,
    pub year_covered: Option<i32>,
    pub organizer: Option<String>,
    pub host: Option<String>,
    pub source: Option<String>,
    pub ky_giao_uoc_nam: Option<i32>,
    pub period_label: Option<String>,
    pub note: Option<String>,
    pub quote: Option<Quote>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct ClusterIn {
    pub name: String,
    /// The region as the sector names it ("Miền Trung - Tây Nguyên"); an optional extension.
    pub region: Option<String>,
    #[serde(default)]
    pub members: Option<Vec<String>>,
    pub leader_current: Option<String>,
    #[serde(default)]
    pub deputies_current: Option<Vec<String>>,
    pub leader_next_year: Option<String>,
    #[serde(default)]
    pub deputies_next_year: Option<Vec<String>>,
    pub note: Option<String>,
    pub quote: Option<Quote>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct AwardIn {
    pub form: String,
    pub form_detail: Option<String>,
    pub form_as_written: Option<String>,
    pub recipient: Option<String>,
    pub recipient_kind: Option<RecipientKind>,
    pub count: Option<i64>,
    pub status: Option<AwardStatus>,
    pub by: Option<String>,
    pub note: Option<String>,
    pub quote: Option<Quote>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct PersonIn {
    /// None: a unit speaking without a named person (`unit`).
    pub name: Option<String>,
    pub title: Option<String>,
    pub note: Option<String>,
    /// Participant role codes (`chu_tri`, `phat_bieu`…); "du" when not given.
    pub roles: Option<Vec<String>>,
    /// The unit the person speaks for, named in full ("Vụ Địa phương II").
    pub unit: Option<String>,
    /// The province whose Ban Tổ chức the person belongs to (or where `unit` is).
    pub province: Option<String>,
    pub quote: Option<Quote>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct StatIn {
    pub label_vi: String,
    /// A catalogue indicator's code, when the label alone would not find it.
    pub indicator: Option<String>,
    /// The scope as a unit to find or create (in the event host's province).
    pub scope_unit: Option<String>,
    pub value: Option<f64>,
    pub unit: Option<String>,
    pub total: Option<f64>,
    pub percent: Option<f64>,
    pub target: Option<f64>,
    pub qualifier: Option<String>,
    pub change_pct: Option<f64>,
    pub scope: Option<String>,
    pub period: Option<String>,
    pub note: Option<String>,
    pub quote: Option<Quote>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct RankIn {
    pub unit: String,
    pub rank: Option<i64>,
    pub note: Option<String>,
    pub quote: Option<Quote>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct ChangeIn {
    pub kind: String,
    pub kind_as_written: Option<String>,
    pub person: String,
    pub from: Option<String>,
    pub to: Option<String>,
    pub decision: Option<String>,
    pub effective_date: Option<String>,
    pub note: Option<String>,
    pub quote: Option<Quote>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct DocumentIn {
    pub number: Option<String>,
    pub kind: Option<String>,
    pub issuer: Option<String>,
    pub date: Option<String>,
    pub title: Option<String>,
    pub note: Option<String>,
    pub quote: Option<Quote>,
}

/// Reads a facts file; a key the schema does not have is an error naming it.
pub fn parse(json: &str) -> Result<FactsFile, RecordError> {
    serde_json::from_str(json).map_err(|e| {
        let message = e.to_string();
        let field = message
            .split('`')
            .nth(1)
            .map(str::to_string)
            .unwrap_or_else(|| "facts".into());
        let text = if message.starts_with("unknown field") {
            format!("Tệp dữ kiện có trường \"{field}\" mà Thidua chưa lưu được; chưa ghi gì. ({message})")
        } else {
            format!("Tệp dữ kiện không đúng cấu trúc: {message}")
        };
        RecordError::Input {
            code: if message.starts_with("unknown field") {
                "facts.unknown_field"
            } else {
                "facts.shape"
            },
            field,
            message: text,
        }
    })
}

/// What recording a facts file did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct RecordedFile {
    /// The file had been recorded before (same source file name); nothing was written.
    pub already: bool,
    pub source_id: Option<i64>,
    pub event_id: Option<i64>,
    pub cluster_id: Option<i64>,
    /// Records created or found, by kind code.
    pub records: std::collections::BTreeMap<String, usize>,
    pub citations: usize,
}

struct Ctx<'t, 'a> {
    tx: &'t mut Tx<'a>,
    source_id: Option<i64>,
    body: Option<String>,
    /// ISO date names resolve at (the event's date, else the end of the year under review).
    at: String,
    /// The year under review (None when the article does not say it).
    year: Option<i32>,
    people: HashMap<String, i64>,
    source_title: Option<String>,
    /// Characters trimmed from the start of the article when it was stored.
    shift: i64,
    out: RecordedFile,
}

fn err(code: &'static str, field: &'static str, message: String) -> RecordError {
    RecordError::invalid(code, field, message)
}

/// Records every fact of `facts` in the open step. `body` is the article's text (for citations
/// and the source record).
pub fn record(
    tx: &mut Tx<'_>,
    facts: &FactsFile,
    body: Option<&str>,
) -> Result<RecordedFile, RecordError> {
    record_inner(tx, facts, body, None)
}

/// Records the facts read from a source already attached (the review of "Nhập từ bài báo"):
/// every item cites that source, at its quote's offsets in the source's stored text.
pub fn record_for_source(
    tx: &mut Tx<'_>,
    facts: &FactsFile,
    source_id: i64,
) -> Result<RecordedFile, RecordError> {
    record_inner(tx, facts, None, Some(source_id))
}

fn record_inner(
    tx: &mut Tx<'_>,
    facts: &FactsFile,
    body: Option<&str>,
    existing: Option<i64>,
) -> Result<RecordedFile, RecordError> {
    if let (Some(file), None) = (&facts.source_file, existing) {
        if let Some(id) = queries::source_by_file_name(tx.db(), file)? {
            return Ok(RecordedFile {
                already: true,
                source_id: Some(id),
                ..RecordedFile::default()
            });
        }
    }
    let ev = facts.event.clone().unwrap_or_default();
    let year = ev
        .year_covered
        .or_else(|| year_of(ev.date.as_deref()))
        .or_else(|| year_of(ev.date_published.as_deref()));
    // Names resolve as they were on the event's date (else at the end of the year under review;
    // an undated article uses today's names).
    let at = ev
        .date
        .clone()
        .filter(|d| d.len() == 10)
        .or_else(|| year.map(provinces::year_end))
        .unwrap_or_else(|| chrono::Local::now().format("%Y-%m-%d").to_string());
    let mut cx = Ctx {
        tx,
        source_id: None,
        body: body.map(crate::text::nfc),
        at,
        year,
        people: HashMap::new(),
        source_title: None,
        shift: 0,
        out: RecordedFile::default(),
    };

    // The source.
    if let Some(id) = existing {
        let mut s: Source = cx.tx.load(id)?;
        // What the facts say of the article (reviewed by the clerk) wins over what was guessed
        // from its header when it was attached.
        let mut changed = false;
        if let Some(t) = facts
            .title
            .clone()
            .filter(|t| !t.trim().is_empty() && *t != s.title)
        {
            s.title = t;
            changed = true;
        }
        for (field, value) in [
            (&mut s.publisher, facts.publisher.clone()),
            (&mut s.author, facts.author.clone()),
            (&mut s.url, facts.url.clone()),
            (&mut s.published_date, ev.date_published.clone()),
        ] {
            if value.is_some() && *field != value {
                *field = value;
                changed = true;
            }
        }
        if changed {
            s = save_in(cx.tx, &s)?;
        }
        cx.source_id = Some(id);
        cx.source_title = Some(s.title.clone());
        cx.body = s.body_text.clone();
        cx.out.source_id = Some(id);
    } else if facts.source_file.is_some() || facts.url.is_some() || body.is_some() {
        let title = facts
            .title
            .clone()
            .or_else(|| ev.name_vi.clone())
            .or_else(|| body.and_then(first_line))
            .or_else(|| facts.source_file.clone())
            .unwrap_or_else(|| "Bài viết".into());
        let s = save_in(
            cx.tx,
            &Source {
                title,
                url: facts.url.clone(),
                publisher: facts.publisher.clone(),
                author: facts.author.clone(),
                published_date: ev.date_published.clone(),
                file_name: facts.source_file.clone(),
                media_type: body.map(|_| "text/plain".into()),
                body_text: cx.body.clone(),
                ..Source::default()
            },
        )?;
        cx.source_id = s.id;
        cx.source_title = Some(s.title.clone());
        // The stored text is trimmed: quotes' offsets (into the text as given) shift with it.
        if let Some(given) = &cx.body {
            cx.shift = given.chars().take_while(|c| c.is_whitespace()).count() as i64;
        }
        cx.body = s.body_text.clone();
        cx.count(RecordKind::Source);
    }

    // Documents first: events, awards and figures may cite them.
    for d in &facts.documents {
        cx.document(d)?;
    }

    let cluster_id = match &facts.cluster {
        Some(c) => Some(cx.cluster(c)?),
        None => None,
    };
    cx.out.cluster_id = cluster_id;

    let event_id = match &facts.event {
        Some(e) => Some(cx.event(e, cluster_id)?),
        None => None,
    };
    cx.out.event_id = event_id;

    if let (Some(c), Some(cid)) = (&facts.cluster, cluster_id) {
        cx.memberships(c, cid, event_id)?;
        if let Some(pledge_year) = ev.ky_giao_uoc_nam {
            cx.pledge(c, cid, pledge_year, event_id)?;
        }
    }
    for p in &facts.people {
        cx.person_at_event(p, event_id)?;
    }
    let proposed_date = ev.date.clone().filter(|d| d.len() == 10);
    for a in &facts.awards {
        cx.award(a, cluster_id, event_id, proposed_date.clone())?;
    }
    let host = ev.host.clone();
    for s in &facts.stats {
        cx.stat(s, host.as_deref())?;
    }
    for r in &facts.ranking {
        cx.rank(r, cluster_id, event_id)?;
    }
    for c in &facts.personnel_changes {
        cx.change(c)?;
    }
    cx.out.source_id = cx.source_id;
    Ok(cx.out)
}

fn year_of(date: Option<&str>) -> Option<i32> {
    date.and_then(|d| d.get(..4)).and_then(|y| y.parse().ok())
}

fn first_line(text: &str) -> Option<String> {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("URL:"))
        .map(|l| l.chars().take(200).collect())
}

/// The kind of a cluster from its name: a bloc of Party boards, a cluster of district
/// committees, or (by default) the sector's cluster of provincial Organization Committees.
fn cluster_kind(name: &str) -> &'static str {
    let k = fold_key(name);
    if k.contains("khoi") || k.contains("ban dang") || k.contains("co quan dang") {
        "khoi_ban_dang"
    } else if k.contains("huyen") || k.contains("thi uy") {
        "cum_huyen_uy"
    } else {
        "cum_btc_tinh"
    }
}

/// The kind of a unit from its name ("Huyện ủy X" is a district committee…).
pub fn unit_kind(name: &str) -> &'static str {
    let k = fold_key(name);
    let starts = |p: &str| k.starts_with(p);
    if starts("ban to chuc trung uong") {
        "btc_tw"
    } else if starts("ban to chuc huyen uy") {
        "btc_huyen_uy"
    } else if starts("ban to chuc") {
        "btc_tinh_uy"
    } else if starts("vu ") {
        "vu_btc_tw"
    } else if starts("ban tuyen giao") {
        "ban_tuyen_giao"
    } else if starts("ban dan van") {
        "ban_dan_van"
    } else if starts("ban noi chinh") {
        "ban_noi_chinh"
    } else if starts("ban bao ve") {
        "ban_bvsk"
    } else if starts("uy ban kiem tra") || starts("ubkt") {
        "ubkt"
    } else if starts("van phong") {
        "van_phong"
    } else if starts("huyen uy") || starts("thi uy") || (starts("thanh uy") && !k.contains("tinh"))
    {
        "huyen_uy"
    } else if starts("dang uy khoi") {
        "dang_uy_khoi"
    } else if starts("tinh uy") {
        "tinh_uy"
    } else if starts("dang bo") {
        "dang_bo"
    } else if starts("so ") || starts("uy ban nhan dan") || starts("cong an") {
        "co_quan_nha_nuoc"
    } else {
        "khac"
    }
}

/// A figure's scope: (unit, cluster, as written).
type Scope = (Option<i64>, Option<i64>, Option<String>);

/// A period as written → (kind, year, months, quarter, as-of date, end year).
type Period = (
    PeriodKind,
    Option<i32>,
    Option<u32>,
    Option<u32>,
    Option<String>,
    Option<i32>,
);

/// Reads "2023", "6 tháng đầu năm 2023", "9 tháng năm 2022", "quý III/2022",
/// "tính đến 31/10/2023", "2020-2025"…; what it cannot read is kept as written (`other`).
pub fn parse_period(text: Option<&str>, default_year: Option<i32>) -> Period {
    let Some(t) = text.map(str::trim).filter(|t| !t.is_empty()) else {
        return (PeriodKind::Year, default_year, None, None, None, None);
    };
    let k = fold_key(t);
    let words: Vec<&str> = k.split_whitespace().collect();
    let years: Vec<i32> = words
        .iter()
        .filter_map(|w| w.parse::<i32>().ok())
        .filter(|y| (1930..=2100).contains(y))
        .collect();
    let year = years.last().copied().or(default_year);
    if words.len() == 1 && years.len() == 1 {
        return (PeriodKind::Year, year, None, None, None, None);
    }
    if years.len() == 2 && words.len() == 2 && years[1] > years[0] {
        return (
            PeriodKind::Span,
            Some(years[0]),
            None,
            None,
            None,
            Some(years[1]),
        );
    }
    if let Some(i) = words.iter().position(|w| *w == "quy") {
        let q = words.get(i + 1).and_then(|r| match *r {
            "i" | "1" => Some(1),
            "ii" | "2" => Some(2),
            "iii" | "3" => Some(3),
            "iv" | "4" => Some(4),
            _ => None,
        });
        if q.is_some() {
            return (PeriodKind::Quarter, year, None, q, None, None);
        }
    }
    if let Some(i) = words.iter().position(|w| *w == "thang") {
        if let Some(n) = i
            .checked_sub(1)
            .and_then(|j| words.get(j))
            .and_then(|w| w.parse::<u32>().ok())
            .filter(|n| (1..=12).contains(n))
        {
            if !k.contains("den") && !k.contains("tu ngay") {
                return if n == 6 {
                    (PeriodKind::Half, year, Some(6), None, None, None)
                } else {
                    (PeriodKind::Months, year, Some(n), None, None, None)
                };
            }
        }
    }
    if k.starts_with("tinh den") || k.starts_with("den ngay") || k.starts_with("den thoi diem") {
        let date = t.split(|c: char| c.is_whitespace()).find_map(|w| {
            crate::domain::date::parse_full_date(w.trim_matches(|c: char| !c.is_ascii_digit())).ok()
        });
        if let Some(d) = date {
            let y = year_of(Some(&d)).or(year);
            return (PeriodKind::AsOf, y, None, None, Some(d), None);
        }
    }
    (PeriodKind::Other, year, None, None, None, None)
}

impl Ctx<'_, '_> {
    fn count(&mut self, kind: RecordKind) {
        *self.out.records.entry(kind.code().to_string()).or_default() += 1;
    }

    fn cite(
        &mut self,
        kind: RecordKind,
        id: i64,
        quote: Option<&Quote>,
    ) -> Result<(), RecordError> {
        let (Some(q), Some(source_id), Some(body)) = (quote, self.source_id, &self.body) else {
            return Ok(());
        };
        // The offsets are characters of the article's text; trust them only if they hold the
        // quoted text, else find the text.
        let chars: Vec<char> = body.chars().collect();
        let text = crate::text::nfc(&q.text);
        let (qs, qe) = ((q.start - self.shift).max(0), (q.end - self.shift).max(0));
        let (s, e) = (qs as usize, qe as usize);
        let at_offsets =
            s <= e && e <= chars.len() && chars[s..e].iter().collect::<String>() == text;
        let (start, end) = if at_offsets {
            (qs, qe)
        } else if let Some(b) = body.find(&text) {
            let s = body[..b].chars().count() as i64;
            (s, s + text.chars().count() as i64)
        } else {
            return Err(err(
                "facts.quote_not_found",
                "quote",
                format!("Không tìm thấy đoạn trích trong bài: \"{text}\"."),
            ));
        };
        save_in(
            self.tx,
            &Citation {
                id: None,
                record_kind: kind,
                record_id: id,
                source_id,
                passage: text,
                char_start: Some(start),
                char_end: Some(end),
            },
        )?;
        self.out.citations += 1;
        Ok(())
    }

    fn find_or_create<R: super::records::Validate + Default>(
        &mut self,
        record: R,
    ) -> Result<i64, RecordError> {
        let mut r = record;
        super::records::Validate::prepare(&mut r, self.tx)?;
        let id = match self.tx.find_same(&r)? {
            Some(id) => id,
            None => save_in(self.tx, &r)?.id().unwrap_or_default(),
        };
        self.count(R::KIND);
        Ok(id)
    }

    fn province(&self, name: &str) -> Result<Option<Province>, RecordError> {
        Ok(provinces::resolve(self.tx.db(), name, &self.at)?)
    }

    /// A province's Ban Tổ chức, as the province was named on the event's date.
    fn btc(&mut self, p: &Province) -> Result<i64, RecordError> {
        if let Some(id) = queries::btc_of_province(self.tx.db(), &p.id)? {
            return Ok(id);
        }
        let committee = if p.kind == "thanh_pho" {
            "Thành ủy"
        } else {
            "Tỉnh ủy"
        };
        self.find_or_create(Unit {
            kind: "btc_tinh_uy".into(),
            name: format!("Ban Tổ chức {committee} {}", p.name),
            province_id: Some(p.id.clone()),
            ..Unit::default()
        })
    }

    /// A unit named in the facts: a bare province name in an Organization-sector cluster is its
    /// Ban Tổ chức; any other name is found (same folded name) or created with a kind read from
    /// the name.
    fn unit(&mut self, name: &str) -> Result<i64, RecordError> {
        self.unit_in(name, None)
    }

    /// A unit by name, in `province` when given (a unit of that name elsewhere is another unit).
    /// A bare province name is that province's Ban Tổ chức.
    fn unit_in(&mut self, name: &str, province: Option<&str>) -> Result<i64, RecordError> {
        let name = clean(name);
        if let Some(p) = self.province(&name)? {
            return self.btc(&p);
        }
        let province_id = match province {
            Some(p) => self.province(p)?.map(|p| p.id),
            None => None,
        };
        let key = fold_key(&name);
        if let ListRows::Units(units) = queries::list(self.tx.db(), ListName::Units, None)? {
            if let Some(u) = units.iter().find(|u| {
                fold_key(&u.name) == key && (province_id.is_none() || u.province_id == province_id)
            }) {
                self.count(RecordKind::Unit);
                return Ok(u.id);
            }
        }
        let kind = unit_kind(&name);
        // A department of the Central Commission sits under it.
        let parent_id = if kind == "vu_btc_tw" {
            Some(self.find_or_create(Unit {
                kind: "btc_tw".into(),
                name: "Ban Tổ chức Trung ương".into(),
                ..Unit::default()
            })?)
        } else {
            None
        };
        self.find_or_create(Unit {
            kind: kind.into(),
            name,
            province_id,
            parent_id,
            ..Unit::default()
        })
    }

    fn cluster(&mut self, c: &ClusterIn) -> Result<i64, RecordError> {
        let name = clean(&c.name);
        let key = fold_key(&name);
        let existing = match queries::list(self.tx.db(), ListName::Clusters, None)? {
            ListRows::Clusters(rows) => rows.into_iter().find(|r| fold_key(&r.name) == key),
            _ => None,
        };
        let id = match existing {
            Some(r) => {
                // What this article says of a known cluster is added to its note.
                if let Some(note) = c.note.as_deref().map(clean).filter(|n| !n.is_empty()) {
                    let mut cluster: Cluster = self.tx.load(r.id)?;
                    let current = cluster.note.clone().unwrap_or_default();
                    if !current.contains(&note) {
                        cluster.note = Some(if current.is_empty() {
                            note
                        } else {
                            format!("{current}; {note}")
                        });
                        save_in(self.tx, &cluster)?;
                    }
                }
                self.count(RecordKind::Cluster);
                r.id
            }
            None => {
                let number = name
                    .split_whitespace()
                    .skip_while(|w| fold_key(w) != "so")
                    .nth(1)
                    .map(str::to_string);
                self.find_or_create(Cluster {
                    name,
                    number,
                    sector: "to_chuc_xay_dung_dang".into(),
                    kind: cluster_kind(&c.name).into(),
                    region: c.region.clone(),
                    note: c.note.clone(),
                    ..Cluster::default()
                })?
            }
        };
        self.cite(RecordKind::Cluster, id, c.quote.as_ref())?;
        Ok(id)
    }

    fn member(&mut self, cluster: i64, unit: i64, year: i32) -> Result<i64, RecordError> {
        let (id, _) = super::editing::ensure_member(self.tx, cluster, unit, year)?;
        self.count(RecordKind::ClusterMember);
        Ok(id)
    }

    /// The year under review, for facts that cannot be kept without one (memberships, results).
    fn needs_year(&self, what: &str) -> Result<i32, RecordError> {
        self.year.ok_or_else(|| {
            err(
                "facts.no_year",
                "year_covered",
                format!("Bài không cho biết năm nên chưa ghi được {what} (cần year_covered, date hoặc date_published)."),
            )
        })
    }

    fn memberships(
        &mut self,
        c: &ClusterIn,
        cluster: i64,
        event: Option<i64>,
    ) -> Result<(), RecordError> {
        let has_roles = c.members.as_ref().is_some_and(|m| !m.is_empty())
            || c.leader_current.is_some()
            || c.leader_next_year.is_some()
            || c.deputies_current.as_ref().is_some_and(|d| !d.is_empty())
            || c.deputies_next_year.as_ref().is_some_and(|d| !d.is_empty());
        if !has_roles {
            return Ok(());
        }
        let year = self.needs_year("thành viên cụm")?;
        for m in c.members.iter().flatten() {
            let u = self.unit(m)?;
            self.member(cluster, u, year)?;
        }
        let roles = [
            (
                year,
                c.leader_current.iter().cloned().collect::<Vec<_>>(),
                MemberRole::Leader,
                None,
            ),
            (
                year,
                c.deputies_current.clone().unwrap_or_default(),
                MemberRole::Deputy,
                None,
            ),
            (
                year + 1,
                c.leader_next_year.iter().cloned().collect(),
                MemberRole::Leader,
                event,
            ),
            (
                year + 1,
                c.deputies_next_year.clone().unwrap_or_default(),
                MemberRole::Deputy,
                event,
            ),
        ];
        for (year, names, role, elected_at) in roles {
            for n in names {
                let u = self.unit(&n)?;
                let id = self.member(cluster, u, year)?;
                let mut m: ClusterMember = self.tx.load(id)?;
                m.role = role;
                m.elected_at_event_id = elected_at.or(m.elected_at_event_id);
                save_in(self.tx, &m)?;
            }
        }
        Ok(())
    }

    fn pledge(
        &mut self,
        c: &ClusterIn,
        cluster: i64,
        year: i32,
        event: Option<i64>,
    ) -> Result<(), RecordError> {
        let pledge = self.find_or_create(Pledge {
            cluster_id: cluster,
            year,
            event_id: event,
            ..Pledge::default()
        })?;
        // Signing the pledge for a year is competing in the cluster that year.
        for m in c.members.iter().flatten() {
            let u = self.unit(m)?;
            self.find_or_create(PledgeSignatory {
                id: None,
                pledge_id: pledge,
                unit_id: u,
            })?;
            self.member(cluster, u, year)?;
        }
        Ok(())
    }

    fn event(&mut self, e: &EventIn, cluster: Option<i64>) -> Result<i64, RecordError> {
        let kind = e.kind.clone().unwrap_or_else(|| "hoi_nghi_khac".into());
        let (date_year, date_month, date_day) = match (&e.date, &e.date_partial) {
            (Some(d), _) => {
                let p = PartialDate::parse(d)
                    .map_err(|x| err("validation.bad_date", "date", x.to_string()))?;
                (Some(p.year), p.month, p.day)
            }
            (None, Some(p)) => {
                // "--MM-DD": day and month known, the year not.
                let parts: Vec<&str> = p.trim_start_matches('-').split('-').collect();
                match parts.as_slice() {
                    [m, d] => (None, m.parse().ok(), d.parse().ok()),
                    _ => {
                        return Err(err(
                            "validation.bad_date",
                            "date_partial",
                            format!("Ngày không hợp lệ: \"{p}\" (cần dạng --MM-DD)."),
                        ))
                    }
                }
            }
            _ => (None, None, None),
        };
        let year_inferred = e
            .date_note
            .as_deref()
            .map(fold_key)
            .is_some_and(|n| n.contains("suy ra") || n.contains("suy tu"));
        let host = match &e.host {
            Some(h) => Some(self.unit(h)?),
            None => None,
        };
        let name = e.name_vi.clone().unwrap_or_else(|| {
            let what = match kind.as_str() {
                "tong_ket" => "Hội nghị tổng kết",
                "so_ket" => "Hội nghị sơ kết",
                "giao_ban" => "Hội nghị giao ban",
                _ => "Tin, số liệu",
            };
            // Unnamed: named after the article, so two articles' unnamed events stay two.
            let from = self.source_title.clone().unwrap_or_default();
            match self.year {
                Some(y) => format!("{what} năm {y}: {from}"),
                None => format!("{what}: {from}"),
            }
        });
        let id = self.find_or_create(Event {
            kind,
            name,
            date_year,
            date_month,
            date_day,
            place: e.place.clone(),
            host_unit_id: host,
            cluster_id: cluster,
            year_covered: e.year_covered,
            period_label: e.period_label.clone(),
            note: e.note.clone(),
            year_inferred,
            date_note: e.date_note.clone(),
            organizer: e.organizer.clone(),
            released_by: e.source.clone(),
            ..Event::default()
        })?;
        self.cite(RecordKind::Event, id, e.quote.as_ref())?;
        Ok(id)
    }

    /// A person matched by name and title (within this file, by name): two people of the same
    /// name are two people unless their title says otherwise.
    fn person(&mut self, name: &str, title: Option<&str>) -> Result<i64, RecordError> {
        let name = clean(name);
        if let Some(id) = self.people.get(&name) {
            return Ok(*id);
        }
        if let Some(t) = title {
            if let Some(id) = queries::person_with_title(self.tx.db(), &name, &clean(t))? {
                self.people.insert(name, id);
                self.count(RecordKind::Person);
                return Ok(id);
            }
        }
        let p = save_in(
            self.tx,
            &Person {
                full_name: name.clone(),
                ..Person::default()
            },
        )?;
        let id = p.id.unwrap_or_default();
        self.people.insert(name, id);
        self.count(RecordKind::Person);
        Ok(id)
    }

    fn person_at_event(&mut self, p: &PersonIn, event: Option<i64>) -> Result<(), RecordError> {
        let person = match &p.name {
            Some(n) => Some(self.person(n, p.title.as_deref())?),
            None => None,
        };
        // The unit the person speaks for: named, or their province's Ban Tổ chức.
        let unit = match (&p.unit, &p.province) {
            (Some(u), province) => Some(self.unit_in(u, province.as_deref())?),
            (None, Some(province)) => Some(self.unit(province)?),
            (None, None) => None,
        };
        if person.is_none() && unit.is_none() {
            return Err(err(
                "facts.no_person",
                "people",
                "Người dự cần có họ tên hoặc đơn vị.".into(),
            ));
        }
        let Some(event_id) = event else {
            // No event: the title goes on the person's timeline.
            if let (Some(person_id), Some(t)) = (person, &p.title) {
                let id = self.find_or_create(Position {
                    person_id,
                    title: t.clone(),
                    unit_id: unit,
                    note: p.note.clone(),
                    ..Position::default()
                })?;
                self.cite(RecordKind::Position, id, p.quote.as_ref())?;
            }
            return Ok(());
        };
        let roles = p.roles.clone().unwrap_or_else(|| vec!["du".into()]);
        for role in roles {
            let id = self.find_or_create(Participant {
                event_id,
                person_id: person,
                unit_id: unit,
                title: p.title.clone(),
                role,
                note: p.note.clone(),
                ..Participant::default()
            })?;
            self.cite(RecordKind::Participant, id, p.quote.as_ref())?;
        }
        Ok(())
    }

    fn award_form(&mut self, form: &str) -> Result<i64, RecordError> {
        let key = fold_key(form);
        if let ListRows::AwardForms(forms) =
            queries::list(self.tx.db(), ListName::AwardForms, None)?
        {
            if let Some(f) = forms
                .iter()
                .find(|f| fold_key(&f.name) == key || fold_key(&f.code) == key.replace(' ', "_"))
            {
                return Ok(f.id);
            }
        }
        self.find_or_create(AwardForm {
            code: key.replace(' ', "_"),
            name: clean(form),
            recipient_kinds: "tap_the,ca_nhan".into(),
            ..AwardForm::default()
        })
    }

    fn award(
        &mut self,
        a: &AwardIn,
        cluster: Option<i64>,
        event: Option<i64>,
        proposed_date: Option<String>,
    ) -> Result<(), RecordError> {
        let form_id = self.award_form(&a.form)?;
        let recipient_kind = a.recipient_kind.unwrap_or_default();
        let (unit, person) = match (&a.recipient, recipient_kind) {
            (Some(r), RecipientKind::Individual) => (None, Some(self.person(r, None)?)),
            (Some(r), RecipientKind::Collective) => (Some(self.unit(r)?), None),
            (None, _) => (None, None),
        };
        let award = Award {
            form_id,
            form_detail: a.form_detail.clone(),
            form_as_written: a.form_as_written.clone(),
            granting_body: a.by.clone(),
            recipient_kind,
            recipient_unit_id: unit,
            recipient_person_id: person,
            recipient_count: a.count,
            achievement_year: self.year,
            status: a.status.unwrap_or_default(),
            proposed_by_cluster_id: cluster,
            proposed_at_event_id: event,
            // Proposed at the event: on its date.
            proposed_date: event.and(proposed_date),
            note: a.note.clone(),
            ..Award::default()
        };
        // Unnamed recipients ("5 tập thể", "13 cá nhân") are never "the same" award.
        let id = if unit.is_some() || person.is_some() {
            self.find_or_create(award)?
        } else {
            self.count(RecordKind::Award);
            save_in(self.tx, &award)?.id.unwrap_or_default()
        };
        self.cite(RecordKind::Award, id, a.quote.as_ref())
    }

    fn indicator(&mut self, label: &str, unit: Option<&str>) -> Result<i64, RecordError> {
        let key = fold_key(label);
        if let Some(id) = queries::indicator_by_alias(self.tx.db(), &key)? {
            return Ok(id);
        }
        let code: String = key.replace(' ', "_").chars().take(60).collect();
        let aggregation = if unit == Some("%") || key.starts_with("ty le") {
            Aggregation::Ratio
        } else {
            Aggregation::Sum
        };
        let id = self.find_or_create(Indicator {
            code,
            label: clean(label),
            unit_label: unit.map(str::to_string),
            aggregation,
            ..Indicator::default()
        })?;
        self.tx.add_indicator_alias(id, &key)?;
        Ok(id)
    }

    fn stat(&mut self, s: &StatIn, host: Option<&str>) -> Result<(), RecordError> {
        if s.value.is_none() && s.total.is_none() && s.percent.is_none() && s.target.is_none() {
            return Err(err(
                "facts.empty_stat",
                "stats",
                format!(
                    "Số liệu \"{}\" không có giá trị, tổng số, tỷ lệ hay chỉ tiêu.",
                    s.label_vi
                ),
            ));
        }
        let indicator_id = match &s.indicator {
            Some(code) => {
                queries::id_by_code(self.tx.db(), "indicators", code)?.ok_or_else(|| {
                    err(
                        "validation.unknown_code",
                        "indicator",
                        format!("Không có chỉ tiêu mã \"{code}\"."),
                    )
                })?
            }
            None => self.indicator(&s.label_vi, s.unit.as_deref())?,
        };
        let (scope_unit_id, scope_cluster_id, scope_label) = match &s.scope_unit {
            Some(u) => (Some(self.unit_in(u, host)?), None, s.scope.clone()),
            None => self.scope(s.scope.as_deref())?,
        };
        let (period_kind, period_year, months, quarter, date, end_year) =
            parse_period(s.period.as_deref(), self.year);
        let id = self.find_or_create(Figure {
            indicator_id,
            scope_unit_id,
            scope_cluster_id,
            scope_label,
            period_kind,
            period_year,
            period_months: months,
            period_date: date,
            period_quarter: quarter,
            period_end_year: end_year,
            period_label: s.period.clone(),
            value: s.value,
            denominator: s.total,
            percent: s.percent,
            target: s.target,
            qualifier: s.qualifier.clone(),
            change_pct: s.change_pct,
            label_as_written: Some(s.label_vi.clone()),
            unit_as_written: s.unit.clone(),
            note: s.note.clone(),
            ..Figure::default()
        })?;
        self.cite(RecordKind::Figure, id, s.quote.as_ref())
    }

    /// A figure's scope: the facts' cluster or another cluster by name, a known unit by name, or
    /// the scope as written.
    fn scope(&mut self, scope: Option<&str>) -> Result<Scope, RecordError> {
        let Some(s) = scope.map(clean).filter(|s| !s.is_empty()) else {
            return Ok((None, None, None));
        };
        let key = fold_key(&s);
        if let ListRows::Clusters(rows) = queries::list(self.tx.db(), ListName::Clusters, None)? {
            if let Some(c) = rows.iter().find(|c| fold_key(&c.name) == key) {
                return Ok((None, Some(c.id), None));
            }
        }
        if let ListRows::Units(rows) = queries::list(self.tx.db(), ListName::Units, None)? {
            if let Some(u) = rows.iter().find(|u| fold_key(&u.name) == key) {
                return Ok((Some(u.id), None, None));
            }
        }
        Ok((None, None, Some(s)))
    }

    fn rank(
        &mut self,
        r: &RankIn,
        cluster: Option<i64>,
        event: Option<i64>,
    ) -> Result<(), RecordError> {
        let year = self.needs_year("kết quả thi đua")?;
        let unit_id = self.unit(&r.unit)?;
        let id = self.find_or_create(EmulationResult {
            cluster_id: cluster,
            unit_id,
            year,
            rank: r.rank,
            event_id: event,
            note: r.note.clone(),
            ..EmulationResult::default()
        })?;
        self.cite(RecordKind::EmulationResult, id, r.quote.as_ref())
    }

    fn change(&mut self, c: &ChangeIn) -> Result<(), RecordError> {
        let person_id = self.person(&c.person, c.from.as_deref())?;
        let id = self.find_or_create(PersonnelChange {
            kind: c.kind.clone(),
            kind_as_written: c.kind_as_written.clone(),
            person_id,
            from_title: c.from.clone(),
            to_title: c.to.clone(),
            decision_number: c.decision.clone(),
            effective_date: c.effective_date.clone(),
            note: c.note.clone(),
            ..PersonnelChange::default()
        })?;
        self.cite(RecordKind::PersonnelChange, id, c.quote.as_ref())
    }

    fn document(&mut self, d: &DocumentIn) -> Result<(), RecordError> {
        let (kind, note) = match &d.kind {
            None => (None, d.note.clone()),
            Some(k) => match queries::code_by_label(self.tx.db(), "document_kind", k)? {
                Some(code) => (Some(code), d.note.clone()),
                // A kind the list lacks: "other", with the kind as written kept in the note.
                None => (
                    Some("khac".to_string()),
                    Some(match &d.note {
                        Some(n) => format!("{k}; {n}"),
                        None => k.clone(),
                    }),
                ),
            },
        };
        let id = self.find_or_create(Document {
            number: d.number.clone(),
            kind,
            issuer: d.issuer.clone(),
            date: d.date.clone(),
            title: d.title.clone(),
            note,
            ..Document::default()
        })?;
        self.cite(RecordKind::Document, id, d.quote.as_ref())
    }
}

/// The unit a clerk typed by name (in a picker or a pasted list): a bare province name is its
/// Ban Tổ chức; a known unit (same folded name, same province) is found; otherwise a unit is
/// created with its kind read from the name ("Huyện ủy X" is a district committee). Names
/// resolve as on `iso_date` (provinces before or after the 2025 merger).
pub fn unit_named(
    tx: &mut Tx<'_>,
    name: &str,
    province: Option<&str>,
    iso_date: &str,
) -> Result<i64, RecordError> {
    let mut cx = Ctx {
        tx,
        source_id: None,
        body: None,
        at: iso_date.to_string(),
        year: year_of(Some(iso_date)),
        people: HashMap::new(),
        source_title: None,
        shift: 0,
        out: RecordedFile::default(),
    };
    cx.unit_in(name, province)
}

/// Records a facts file given as JSON, citing `article` when given: one transaction, one undo
/// step. Recording the same file again changes nothing.
pub fn record_json(
    store: &mut crate::Store,
    json: &str,
    article: Option<&str>,
) -> Result<RecordedFile, RecordError> {
    let facts = parse(json)?;
    store.transact(|tx| record(tx, &facts, article))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_as_articles_write_them() {
        let p = |t: &str| parse_period(Some(t), Some(2020));
        assert_eq!(p("2023").0, PeriodKind::Year);
        assert_eq!(p("2023").1, Some(2023));
        assert_eq!(
            (p("6 tháng đầu năm 2023").0, p("6 tháng đầu năm 2023").1),
            (PeriodKind::Half, Some(2023))
        );
        let m = p("9 tháng năm 2022");
        assert_eq!((m.0, m.1, m.2), (PeriodKind::Months, Some(2022), Some(9)));
        let q = p("quý III/2022");
        assert_eq!((q.0, q.1, q.3), (PeriodKind::Quarter, Some(2022), Some(3)));
        let a = p("tính đến 31/10/2023");
        assert_eq!(
            (a.0, a.4.as_deref()),
            (PeriodKind::AsOf, Some("2023-10-31"))
        );
        let s = p("2020-2025");
        assert_eq!((s.0, s.1, s.5), (PeriodKind::Span, Some(2020), Some(2025)));
        assert_eq!(p("mỗi năm").0, PeriodKind::Other);
        assert_eq!(p("từ đầu năm 2017 đến nay").1, Some(2017));
        let undated = parse_period(Some("3 tháng đầu năm"), None);
        assert_eq!(
            (undated.0, undated.1, undated.2),
            (PeriodKind::Months, None, Some(3))
        );
    }

    #[test]
    fn unit_kinds_from_names() {
        assert_eq!(unit_kind("Huyện ủy Đức Trọng"), "huyen_uy");
        assert_eq!(unit_kind("Ban Dân vận Tỉnh ủy"), "ban_dan_van");
        assert_eq!(unit_kind("UBKT Tỉnh ủy"), "ubkt");
        assert_eq!(unit_kind("Ban Tổ chức Tỉnh ủy Quảng Trị"), "btc_tinh_uy");
        assert_eq!(unit_kind("Văn phòng Tỉnh ủy"), "van_phong");
        assert_eq!(cluster_kind("Khối thi đua công tác Đảng"), "khoi_ban_dang");
        assert_eq!(
            cluster_kind("Cụm thi đua các Ban Đảng thuộc Tỉnh ủy"),
            "khoi_ban_dang"
        );
        assert_eq!(cluster_kind("Cụm Thi đua số 4"), "cum_btc_tinh");
    }
}
