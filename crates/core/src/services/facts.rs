//! Recording the facts one source states: a cluster's members and elected leaders, an event and
//! who took part, pledges, award proposals and figures, each cited to its passage. Names in the
//! facts (provinces, units, people) are resolved to existing records or created. The sample
//! database is built this way, and so will be the records accepted from an article's extraction.

use serde::Deserialize;

use super::records::{save_in, RecordError};
use crate::domain::*;
use crate::storage::{provinces, queries, Tx};

#[derive(Debug, Clone, Deserialize)]
pub struct Facts {
    pub source: SourceFacts,
    pub cluster: Option<ClusterFacts>,
    pub event: Option<EventFacts>,
    pub members: Option<MemberFacts>,
    pub pledge: Option<PledgeFacts>,
    pub roles: Option<RoleFacts>,
    #[serde(default)]
    pub participants: Vec<ParticipantFacts>,
    #[serde(default)]
    pub awards: Vec<AwardFacts>,
    #[serde(default)]
    pub figures: Vec<FigureFacts>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct SourceFacts {
    pub file: String,
    pub title: String,
    pub publisher: Option<String>,
    pub author: Option<String>,
    pub published_date: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ClusterFacts {
    pub name: String,
    pub number: Option<String>,
    pub region: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct EventFacts {
    pub kind: String,
    pub name: String,
    /// ISO, when the full date is known.
    pub date: Option<String>,
    pub place: Option<String>,
    /// The province whose committee hosted.
    pub host: Option<String>,
    pub year_covered: Option<i32>,
    pub period_label: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct MemberFacts {
    pub year: i32,
    pub provinces: Vec<String>,
    pub passage: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct PledgeFacts {
    pub year: i32,
    /// "members": the members named in these facts signed.
    pub signatories: String,
    pub passage: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct RoleFacts {
    pub year: i32,
    pub leader: Option<String>,
    #[serde(default)]
    pub deputies: Vec<String>,
    /// Who the members that year are: "members" (the member list) or "pledge" (its signatories).
    pub members: String,
    /// False when the source only says who leads, not that this event elected them.
    pub elected_here: Option<bool>,
    pub passage: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ParticipantFacts {
    pub name: Option<String>,
    pub title: Option<String>,
    /// A named unit (e.g. "Vụ Địa phương II", under the Central Commission).
    pub unit: Option<String>,
    /// The province whose Organization Committee the person or unit belongs to.
    pub province: Option<String>,
    /// A unit speaking without a named person.
    pub unit_name: Option<String>,
    pub unit_kind: Option<String>,
    pub roles: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct AwardFacts {
    /// Award form code.
    pub form: String,
    pub detail: Option<String>,
    pub recipient_province: Option<String>,
    pub count: Option<i64>,
    pub recipient_kind: RecipientKind,
    pub granting_body: Option<String>,
    pub year: Option<i32>,
    pub note: Option<String>,
    pub passage: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct FigureFacts {
    pub indicator: String,
    pub value: Option<f64>,
    pub denominator: Option<f64>,
    pub percent: Option<f64>,
    /// "cluster", "host" (the host committee) or "province" (the whole provincial Party
    /// organization); or `scope_unit` / `scope_label`.
    pub scope: Option<String>,
    pub scope_unit: Option<String>,
    pub scope_label: Option<String>,
    /// "year", "half", "months", "as_of".
    pub period: String,
    pub year: i32,
    pub months: Option<u32>,
    pub date: Option<String>,
    pub as_written: Option<String>,
    pub note: Option<String>,
    pub passage: Option<String>,
}

/// What recording a source's facts created.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Recorded {
    pub source_id: i64,
    pub event_id: Option<i64>,
    pub cluster_id: Option<i64>,
    pub citations: usize,
}

struct Ctx<'t, 'a> {
    tx: &'t mut Tx<'a>,
    source_id: i64,
    body: String,
    citations: usize,
}

impl Ctx<'_, '_> {
    /// Cites `passage` of the source for a record; the passage must occur in the text.
    fn cite(
        &mut self,
        kind: RecordKind,
        id: i64,
        passage: Option<&str>,
    ) -> Result<(), RecordError> {
        let Some(passage) = passage else {
            return Ok(());
        };
        let (start, end) = match self.body.find(passage) {
            Some(b) => {
                let s = self.body[..b].chars().count() as i64;
                (Some(s), Some(s + passage.chars().count() as i64))
            }
            None => {
                return Err(RecordError::invalid(
                    "facts.passage_not_found",
                    "passage",
                    format!("Không tìm thấy đoạn trích trong bài: \"{passage}\"."),
                ))
            }
        };
        save_in(
            self.tx,
            &Citation {
                id: None,
                record_kind: kind,
                record_id: id,
                source_id: self.source_id,
                passage: passage.to_string(),
                char_start: start,
                char_end: end,
            },
        )?;
        self.citations += 1;
        Ok(())
    }

    fn province(&self, name: &str, iso_date: &str) -> Result<Province, RecordError> {
        provinces::resolve(self.tx.db(), name, iso_date)?.ok_or_else(|| {
            RecordError::invalid(
                "validation.unknown_province",
                "province",
                format!(
                    "Không có tỉnh, thành phố \"{name}\" vào ngày {}.",
                    date::iso_to_vn(iso_date)
                ),
            )
        })
    }

    fn find_or_create_unit(&mut self, unit: Unit) -> Result<i64, RecordError> {
        let existing = self.tx.find_same(&unit)?;
        match existing {
            Some(id) => Ok(id),
            None => Ok(save_in(self.tx, &unit)?.id.unwrap_or_default()),
        }
    }

    /// The Organization Committee of the province `name` as it was on `iso_date`.
    fn btc(&mut self, name: &str, iso_date: &str) -> Result<i64, RecordError> {
        let p = self.province(name, iso_date)?;
        if let Some(id) = queries::btc_of_province(self.tx.db(), &p.id)? {
            return Ok(id);
        }
        let committee = if p.kind == "thanh_pho" {
            "Thành ủy"
        } else {
            "Tỉnh ủy"
        };
        self.find_or_create_unit(Unit {
            kind: "btc_tinh_uy".into(),
            name: format!("Ban Tổ chức {committee} {}", p.name),
            province_id: Some(p.id),
            ..Unit::default()
        })
    }

    /// The provincial Party organization as a whole ("toàn tỉnh").
    fn party_of_province(&mut self, name: &str, iso_date: &str) -> Result<i64, RecordError> {
        let p = self.province(name, iso_date)?;
        let what = if p.kind == "thanh_pho" {
            "thành phố"
        } else {
            "tỉnh"
        };
        self.find_or_create_unit(Unit {
            kind: "dang_bo".into(),
            name: format!("Đảng bộ {what} {}", p.name),
            province_id: Some(p.id),
            ..Unit::default()
        })
    }

    fn central_commission(&mut self) -> Result<i64, RecordError> {
        self.find_or_create_unit(Unit {
            kind: "btc_tw".into(),
            name: "Ban Tổ chức Trung ương".into(),
            ..Unit::default()
        })
    }

    fn person(&mut self, full_name: &str) -> Result<i64, RecordError> {
        if let Some(id) = queries::person_by_name(self.tx.db(), full_name)? {
            return Ok(id);
        }
        let p = save_in(
            self.tx,
            &Person {
                full_name: full_name.to_string(),
                ..Person::default()
            },
        )?;
        Ok(p.id.unwrap_or_default())
    }

    fn member(&mut self, cluster_id: i64, unit_id: i64, year: i32) -> Result<i64, RecordError> {
        Ok(super::editing::ensure_member(self.tx, cluster_id, unit_id, year)?.0)
    }
}

fn required_cluster(c: Option<i64>) -> Result<i64, RecordError> {
    c.ok_or_else(|| {
        RecordError::invalid(
            "facts.no_cluster",
            "cluster",
            "Dữ kiện về thành viên, giao ước hay cụm trưởng cần có cụm thi đua.",
        )
    })
}

/// Records everything `facts` state, citing `body` (the source's text). Runs inside one step.
pub fn record(tx: &mut Tx<'_>, facts: &Facts, body: &str) -> Result<Recorded, RecordError> {
    let f = facts;
    let source = save_in(
        tx,
        &Source {
            title: f.source.title.clone(),
            publisher: f.source.publisher.clone(),
            author: f.source.author.clone(),
            published_date: f.source.published_date.clone(),
            media_type: Some("text/plain".into()),
            file_name: Some(f.source.file.clone()),
            body_text: Some(body.to_string()),
            note: f.source.note.clone(),
            ..Source::default()
        },
    )?;
    let mut cx = Ctx {
        tx,
        source_id: source.id.unwrap_or_default(),
        body: crate::text::nfc(body.trim()),
        citations: 0,
    };
    // The date names are resolved at: the event's, else the end of the year under review.
    let ref_year = f
        .event
        .as_ref()
        .and_then(|e| e.year_covered)
        .or(f.members.as_ref().map(|m| m.year))
        .unwrap_or(2000);
    let ref_date = f
        .event
        .as_ref()
        .and_then(|e| e.date.clone())
        .unwrap_or_else(|| provinces::year_end(ref_year));

    let cluster_id = match &f.cluster {
        Some(c) => Some(match queries::cluster_by_name(cx.tx.db(), &c.name)? {
            Some(id) => id,
            None => save_in(
                cx.tx,
                &Cluster {
                    name: c.name.clone(),
                    number: c.number.clone(),
                    sector: "to_chuc_xay_dung_dang".into(),
                    region: c.region.clone(),
                    note: c.note.clone(),
                    ..Cluster::default()
                },
            )?
            .id
            .unwrap_or_default(),
        }),
        None => None,
    };

    let event_id = match &f.event {
        Some(e) => {
            let date = e
                .date
                .as_deref()
                .map(PartialDate::parse)
                .transpose()
                .map_err(|err| {
                    RecordError::invalid("validation.bad_date", "date", err.to_string())
                })?;
            let host = match &e.host {
                Some(h) => Some(cx.btc(h, &ref_date)?),
                None => None,
            };
            let ev = save_in(
                cx.tx,
                &Event {
                    kind: e.kind.clone(),
                    name: e.name.clone(),
                    date_year: date.map(|d| d.year),
                    date_month: date.and_then(|d| d.month),
                    date_day: date.and_then(|d| d.day),
                    place: e.place.clone(),
                    host_unit_id: host,
                    cluster_id,
                    year_covered: e.year_covered,
                    period_label: e.period_label.clone(),
                    note: e.note.clone(),
                    ..Event::default()
                },
            )?;
            ev.id
        }
        None => None,
    };

    let mut member_units = Vec::new();
    if let Some(m) = &f.members {
        let cid = required_cluster(cluster_id)?;
        let at = provinces::year_end(m.year);
        for p in &m.provinces {
            let unit = cx.btc(p, &at)?;
            let mid = cx.member(cid, unit, m.year)?;
            cx.cite(RecordKind::ClusterMember, mid, m.passage.as_deref())?;
            member_units.push(unit);
        }
    }

    let mut signatories = Vec::new();
    if let Some(pl) = &f.pledge {
        let cid = required_cluster(cluster_id)?;
        let pledge = save_in(
            cx.tx,
            &Pledge {
                cluster_id: cid,
                year: pl.year,
                event_id,
                ..Pledge::default()
            },
        )?;
        let pid = pledge.id.unwrap_or_default();
        cx.cite(RecordKind::Pledge, pid, pl.passage.as_deref())?;
        if pl.signatories == "members" {
            for &unit_id in &member_units {
                save_in(
                    cx.tx,
                    &PledgeSignatory {
                        id: None,
                        pledge_id: pid,
                        unit_id,
                    },
                )?;
            }
            signatories = member_units.clone();
        }
    }

    if let Some(r) = &f.roles {
        let cid = required_cluster(cluster_id)?;
        let units = if r.members == "pledge" {
            &signatories
        } else {
            &member_units
        };
        for &u in units {
            cx.member(cid, u, r.year)?;
        }
        let at = provinces::year_end(r.year);
        let elected = if r.elected_here.unwrap_or(true) {
            event_id
        } else {
            None
        };
        let assignments = r
            .leader
            .iter()
            .map(|p| (p, MemberRole::Leader))
            .chain(r.deputies.iter().map(|p| (p, MemberRole::Deputy)));
        for (province, role) in assignments {
            let unit = cx.btc(province, &at)?;
            let mid = cx.member(cid, unit, r.year)?;
            let mut m: ClusterMember = cx.tx.load(mid)?;
            m.role = role;
            m.elected_at_event_id = elected;
            save_in(cx.tx, &m)?;
            cx.cite(RecordKind::ClusterMember, mid, r.passage.as_deref())?;
        }
    }

    if let Some(eid) = event_id {
        for p in &f.participants {
            let person = match &p.name {
                Some(n) => Some(cx.person(n)?),
                None => None,
            };
            let unit = if let Some(u) = &p.unit {
                let parent = cx.central_commission()?;
                Some(cx.find_or_create_unit(Unit {
                    kind: "vu_btc_tw".into(),
                    name: u.clone(),
                    parent_id: Some(parent),
                    ..Unit::default()
                })?)
            } else if let Some(name) = &p.unit_name {
                let province = match &p.province {
                    Some(pr) => Some(cx.province(pr, &ref_date)?.id),
                    None => None,
                };
                Some(cx.find_or_create_unit(Unit {
                    kind: p.unit_kind.clone().unwrap_or_else(|| "khac".into()),
                    name: name.clone(),
                    province_id: province,
                    ..Unit::default()
                })?)
            } else if let Some(pr) = &p.province {
                Some(cx.btc(pr, &ref_date)?)
            } else {
                None
            };
            for role in &p.roles {
                save_in(
                    cx.tx,
                    &Participant {
                        event_id: eid,
                        person_id: person,
                        unit_id: unit,
                        title: p.title.clone(),
                        role: role.clone(),
                        ..Participant::default()
                    },
                )?;
            }
        }
    }

    let event_date = f.event.as_ref().and_then(|e| e.date.clone());
    for a in &f.awards {
        let form_id =
            queries::id_by_code(cx.tx.db(), "award_forms", &a.form)?.ok_or_else(|| {
                RecordError::invalid(
                    "validation.unknown_code",
                    "form",
                    format!("Không có hình thức khen thưởng \"{}\".", a.form),
                )
            })?;
        let recipient = match &a.recipient_province {
            Some(p) => Some(cx.btc(p, &ref_date)?),
            None => None,
        };
        let award = save_in(
            cx.tx,
            &Award {
                form_id,
                form_detail: a.detail.clone(),
                granting_body: a.granting_body.clone(),
                recipient_kind: a.recipient_kind,
                recipient_unit_id: recipient,
                recipient_count: a.count,
                achievement_year: a.year,
                status: AwardStatus::Proposed,
                proposed_by_cluster_id: cluster_id,
                proposed_at_event_id: event_id,
                proposed_date: event_date.clone(),
                note: a.note.clone(),
                ..Award::default()
            },
        )?;
        cx.cite(
            RecordKind::Award,
            award.id.unwrap_or_default(),
            a.passage.as_deref(),
        )?;
    }

    let host = f.event.as_ref().and_then(|e| e.host.clone());
    for g in &f.figures {
        let indicator_id = queries::id_by_code(cx.tx.db(), "indicators", &g.indicator)?
            .ok_or_else(|| {
                RecordError::invalid(
                    "validation.unknown_code",
                    "indicator",
                    format!("Không có chỉ tiêu \"{}\".", g.indicator),
                )
            })?;
        let at = provinces::year_end(g.year);
        let (mut scope_unit_id, mut scope_cluster_id) = (None, None);
        match (g.scope.as_deref(), &g.scope_unit, &host) {
            (Some("cluster"), _, _) => scope_cluster_id = Some(required_cluster(cluster_id)?),
            (Some("host"), _, Some(h)) => scope_unit_id = Some(cx.btc(h, &at)?),
            (Some("province"), _, Some(h)) => scope_unit_id = Some(cx.party_of_province(h, &at)?),
            (_, Some(name), h) => {
                let (province, parent) = match h {
                    Some(h) => (
                        Some(cx.province(h, &at)?.id),
                        Some(cx.party_of_province(h, &at)?),
                    ),
                    None => (None, None),
                };
                scope_unit_id = Some(cx.find_or_create_unit(Unit {
                    kind: "dang_bo".into(),
                    name: name.clone(),
                    province_id: province,
                    parent_id: parent,
                    ..Unit::default()
                })?);
            }
            _ => {}
        }
        let period_kind = PeriodKind::from_code(&g.period).ok_or_else(|| {
            RecordError::invalid(
                "validation.unknown_code",
                "period",
                format!("Kỳ số liệu không hợp lệ: \"{}\".", g.period),
            )
        })?;
        let months = match period_kind {
            PeriodKind::Half => Some(6),
            PeriodKind::Months => g.months,
            _ => None,
        };
        let fig = save_in(
            cx.tx,
            &Figure {
                indicator_id,
                scope_unit_id,
                scope_cluster_id,
                scope_label: g.scope_label.clone(),
                period_kind,
                period_year: Some(g.year),
                period_months: months,
                period_date: g.date.clone(),
                value: g.value,
                denominator: g.denominator,
                percent: g.percent,
                label_as_written: g.as_written.clone(),
                note: g.note.clone(),
                ..Figure::default()
            },
        )?;
        cx.cite(
            RecordKind::Figure,
            fig.id.unwrap_or_default(),
            g.passage.as_deref(),
        )?;
    }

    Ok(Recorded {
        source_id: cx.source_id,
        event_id,
        cluster_id,
        citations: cx.citations,
    })
}
