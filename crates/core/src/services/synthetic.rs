//! A deterministic synthetic database at realistic scale, for benchmarks (`thidua gen`): real
//! provinces (the 63 before the 2025 merger, the 34 after) and their Organization Committees,
//! regional clusters with members, leaders and results every year, conferences with chairs,
//! people with Vietnamese names and position histories, personnel changes with decisions,
//! awards from proposal to decision, figures of every indicator and period, and articles of a
//! few KB of Vietnamese text citing the figures. The same seed gives the same database.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::domain::*;
use crate::services::lists;
use crate::storage::{StorageError, Store};

#[derive(Debug, Clone, Serialize)]
pub struct GenOptions {
    pub seed: u64,
    pub years: i32,
    /// How many of the 63 provinces (before 2025) take part.
    pub provinces: usize,
    pub people: usize,
    pub changes: usize,
    pub awards: usize,
    pub figures: usize,
    pub articles: usize,
}

impl Default for GenOptions {
    fn default() -> Self {
        GenOptions {
            seed: 1,
            years: 20,
            provinces: 63,
            people: 50_000,
            changes: 100_000,
            awards: 20_000,
            figures: 200_000,
            articles: 10_000,
        }
    }
}

/// What was made, by kind.
#[derive(Debug, Clone, Serialize)]
pub struct Generated {
    pub counts: Vec<(String, usize)>,
    pub first_year: i32,
    pub last_year: i32,
}

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        // splitmix64: fast, and the same sequence for a seed on every machine.
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }
}

const FAMILY: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Lâm", "Trương", "Mai", "Cao", "Lữ", "Hà", "Tạ",
];
const MIDDLE: &[&str] = &[
    "Văn", "Thị", "Hữu", "Đức", "Minh", "Quốc", "Thanh", "Ngọc", "Hồng", "Xuân", "Thu", "Kim",
    "Công", "Đình", "Hoàng", "Quang", "Thành", "Mạnh", "Bảo", "Anh",
];
const GIVEN: &[&str] = &[
    "An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hòa", "Hùng", "Hương",
    "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Nghĩa", "Phong", "Phúc", "Quân", "Quỳnh",
    "Sơn", "Tâm", "Thắng", "Thảo", "Thủy", "Trang", "Trung", "Tuấn", "Vân", "Việt", "Vinh", "Yến",
    "Giờ", "Ánh", "Đạt", "Ơn",
];
const TITLES: &[&str] = &[
    "Trưởng ban Tổ chức Tỉnh ủy",
    "Phó Trưởng ban Tổ chức Tỉnh ủy",
    "Trưởng phòng Tổ chức cán bộ",
    "Phó Trưởng phòng",
    "Chuyên viên",
    "Bí thư Huyện ủy",
    "Phó Bí thư Huyện ủy",
    "Chủ tịch UBND huyện",
    "Ủy viên Ban Thường vụ Tỉnh ủy",
    "Vụ trưởng Vụ Địa phương",
];
const CHANGES: &[&str] = &[
    "bo_nhiem",
    "bo_nhiem_lai",
    "luan_chuyen",
    "dieu_dong",
    "hiep_y",
    "gioi_thieu_ung_cu",
    "chi_dinh",
    "mien_nhiem",
    "tu_chuc",
    "nghi_huu",
];
const ROMAN: &[&str] = &["I", "II", "III", "IV", "V", "VI"];

fn row<R: Serialize>(id: i64, r: &R) -> Map<String, Value> {
    let mut m = match serde_json::to_value(r) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    };
    m.insert("id".into(), Value::from(id));
    m
}

/// Fills an empty database (only its seeded lists) with the synthetic records, in one
/// transaction, then rebuilds the search index.
pub fn generate(store: &mut Store, o: &GenOptions) -> Result<Generated, StorageError> {
    let mut rng = Rng(o.seed);
    let last_year = 2025;
    let first_year = last_year - o.years + 1;
    let ListRows::Provinces(provinces) = lists::list(store, ListName::Provinces, None)? else {
        return Err(StorageError::Schema("provinces".into()));
    };
    let old: Vec<_> = provinces
        .iter()
        .filter(|p| p.valid_to.is_some())
        .take(o.provinces)
        .collect();
    let new: Vec<_> = provinces
        .iter()
        .filter(|p| p.valid_to.is_none() && p.valid_from.is_some())
        .collect();
    let unchanged: Vec<_> = provinces
        .iter()
        .filter(|p| p.valid_to.is_none() && p.valid_from.is_none())
        .collect();
    let ListRows::Indicators(indicators) = lists::list(store, ListName::Indicators, None)? else {
        return Err(StorageError::Schema("indicators".into()));
    };
    let ListRows::AwardForms(forms) = lists::list(store, ListName::AwardForms, None)? else {
        return Err(StorageError::Schema("award forms".into()));
    };

    let mut out: Vec<(RecordKind, Vec<Map<String, Value>>)> = Vec::new();
    let mut id = 1_000_000i64;
    let mut next = || {
        id += 1;
        id
    };

    // Units: each province's Organization Committee, before and after the merger.
    let mut units = Vec::new();
    let mut before: Vec<i64> = Vec::new();
    let mut after: Vec<i64> = Vec::new();
    for (list, keep) in [
        (&old, &mut before),
        (&unchanged, &mut Vec::new()),
        (&new, &mut after),
    ] {
        for p in list.iter() {
            let uid = next();
            let city = p.kind == "thanh_pho";
            units.push(row(
                uid,
                &Unit {
                    kind: "btc_tinh_uy".into(),
                    name: format!(
                        "Ban Tổ chức {} {}",
                        if city { "Thành ủy" } else { "Tỉnh ủy" },
                        p.name
                    ),
                    province_id: Some(p.id.clone()),
                    ..Unit::default()
                },
            ));
            keep.push(uid);
        }
    }
    let stable: Vec<i64> = units
        .iter()
        .filter(|u| {
            unchanged
                .iter()
                .any(|p| Some(&p.id) == u["province_id"].as_str().map(str::to_string).as_ref())
        })
        .filter_map(|u| u["id"].as_i64())
        .collect();
    before.extend(&stable);
    after.extend(&stable);

    // Clusters: five regional ones before 2025, four after.
    let mut clusters = Vec::new();
    let mut cluster_ids = Vec::new();
    for (i, n) in ROMAN.iter().enumerate().take(5) {
        let cid = next();
        clusters.push(row(
            cid,
            &Cluster {
                name: format!("Cụm thi đua số {n}"),
                number: Some(n.to_string()),
                sector: "to_chuc_xay_dung_dang".into(),
                kind: "cum_btc_tinh".into(),
                region: Some(
                    [
                        "Miền núi phía Bắc",
                        "Đồng bằng sông Hồng",
                        "Miền Trung - Tây Nguyên",
                        "Đông Nam Bộ",
                        "Tây Nam Bộ",
                    ][i]
                        .into(),
                ),
                ..Cluster::default()
            },
        ));
        cluster_ids.push(cid);
    }
    let mut members = Vec::new();
    let mut results = Vec::new();
    let mut events = Vec::new();
    let mut participants = Vec::new();
    let mut member_of: Vec<(i32, i64, i64)> = Vec::new(); // (year, unit, cluster)
    for year in first_year..=last_year {
        let (pool, groups) = if year >= 2025 {
            (&after, 4)
        } else {
            (&before, 5)
        };
        for (k, cid) in cluster_ids.iter().enumerate().take(groups) {
            let of: Vec<i64> = pool
                .iter()
                .enumerate()
                .filter(|(i, _)| i % groups == k)
                .map(|(_, u)| *u)
                .collect();
            let leader = rng.below(of.len());
            for (j, u) in of.iter().enumerate() {
                let role = if j == leader {
                    MemberRole::Leader
                } else if j == (leader + 1) % of.len() || j == (leader + 2) % of.len() {
                    MemberRole::Deputy
                } else {
                    MemberRole::Member
                };
                members.push(row(
                    next(),
                    &ClusterMember {
                        cluster_id: *cid,
                        unit_id: *u,
                        year,
                        role,
                        ..ClusterMember::default()
                    },
                ));
                results.push(row(
                    next(),
                    &EmulationResult {
                        cluster_id: Some(*cid),
                        unit_id: *u,
                        year,
                        rank: Some(j as i64 + 1),
                        classification: Some(
                            if j < 3 {
                                "Hoàn thành xuất sắc nhiệm vụ"
                            } else {
                                "Hoàn thành tốt nhiệm vụ"
                            }
                            .into(),
                        ),
                        score: Some(1000.0 - 7.5 * j as f64),
                        ..EmulationResult::default()
                    },
                ));
                member_of.push((year, *u, *cid));
            }
            for (kind, month, name) in [
                ("so_ket", 7, "sơ kết công tác thi đua 6 tháng đầu năm"),
                ("tong_ket", 12, "tổng kết công tác thi đua năm"),
            ] {
                let eid = next();
                let host = of[leader];
                events.push(row(
                    eid,
                    &Event {
                        kind: kind.into(),
                        name: format!("Hội nghị {name} {year} của Cụm thi đua số {}", ROMAN[k]),
                        date_year: Some(year),
                        date_month: Some(month),
                        date_day: Some(1 + rng.below(27) as u32),
                        place: Some(format!("Hội trường Tỉnh ủy, đơn vị #{host}")),
                        host_unit_id: Some(host),
                        cluster_id: Some(*cid),
                        year_covered: Some(year),
                        ..Event::default()
                    },
                ));
                participants.push((eid, host));
            }
        }
    }

    // People, their positions, and the changes that moved them.
    let mut people = Vec::new();
    let mut positions = Vec::new();
    let mut person_ids = Vec::with_capacity(o.people);
    for _ in 0..o.people {
        let pid = next();
        let (f, m, g) = (*rng.pick(FAMILY), *rng.pick(MIDDLE), *rng.pick(GIVEN));
        people.push(row(
            pid,
            &Person {
                full_name: format!("{f} {m} {g}"),
                family_name: Some(f.into()),
                middle_name: Some(m.into()),
                given_name: Some(g.into()),
                gender: Some(if m == "Thị" {
                    Gender::Female
                } else {
                    Gender::Male
                }),
                birth_year: Some(1955 + rng.below(40) as i32),
                ..Person::default()
            },
        ));
        for k in 0..1 + rng.below(3) {
            let from = first_year + rng.below(o.years as usize) as i32;
            positions.push(row(
                next(),
                &Position {
                    person_id: pid,
                    title: rng.pick(TITLES).to_string(),
                    unit_id: Some(*rng.pick(&before)),
                    from_date: Some(format!("{from}-{:02}-01", 1 + k * 3)),
                    ..Position::default()
                },
            ));
        }
        person_ids.push(pid);
    }
    let mut participant_rows = Vec::new();
    for (eid, host) in &participants {
        participant_rows.push(row(
            next(),
            &Participant {
                event_id: *eid,
                person_id: Some(*rng.pick(&person_ids)),
                unit_id: Some(*host),
                title: Some("Trưởng ban Tổ chức Tỉnh ủy, Cụm trưởng".into()),
                role: "chu_tri".into(),
                ..Participant::default()
            },
        ));
    }
    let mut documents = Vec::new();
    let mut changes = Vec::new();
    for n in 0..o.changes {
        let year = first_year + rng.below(o.years as usize) as i32;
        let number = format!("{}-QĐ/TU", 100 + n % 900);
        let date = format!("{year}-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28));
        let doc = if n % 10 == 0 {
            let did = next();
            documents.push(row(
                did,
                &Document {
                    number: Some(number.clone()),
                    kind: Some("quyet_dinh".into()),
                    issuer: Some("Ban Thường vụ Tỉnh ủy".into()),
                    date: Some(date.clone()),
                    title: Some("Quyết định về công tác cán bộ".into()),
                    ..Document::default()
                },
            ));
            Some(did)
        } else {
            None
        };
        changes.push(row(
            next(),
            &PersonnelChange {
                kind: rng.pick(CHANGES).to_string(),
                person_id: *rng.pick(&person_ids),
                from_title: Some(rng.pick(TITLES).to_string()),
                to_title: Some(rng.pick(TITLES).to_string()),
                to_unit_id: Some(*rng.pick(&before)),
                decision_number: Some(number),
                decision_date: Some(date),
                issuing_body: Some("Ban Thường vụ Tỉnh ủy".into()),
                legal_basis: Some(
                    if year >= 2025 {
                        "Quy định 377-QĐ/TW"
                    } else {
                        "Quy định 80-QĐ/TW"
                    }
                    .into(),
                ),
                document_id: doc,
                ..PersonnelChange::default()
            },
        ));
    }
    let mut awards = Vec::new();
    for n in 0..o.awards {
        let (year, unit, cluster) = *rng.pick(&member_of);
        let form = rng.pick(&forms);
        let individual = n % 3 == 0;
        let decided = n % 4 != 0;
        awards.push(row(
            next(),
            &Award {
                form_id: form.id,
                granting_body: Some("Ban Tổ chức Trung ương".into()),
                recipient_kind: if individual {
                    RecipientKind::Individual
                } else {
                    RecipientKind::Collective
                },
                recipient_unit_id: (!individual).then_some(unit),
                recipient_person_id: individual.then(|| *rng.pick(&person_ids)),
                recipient_count: Some(1),
                achievement_year: Some(year),
                reason: Some(format!("có thành tích xuất sắc năm {year}")),
                status: if decided {
                    AwardStatus::Decided
                } else {
                    AwardStatus::Proposed
                },
                proposed_by_cluster_id: Some(cluster),
                proposed_date: Some(format!("{year}-12-{:02}", 1 + rng.below(20))),
                decision_number: decided.then(|| format!("{}-QĐ/BTCTW", 1000 + n % 9000)),
                decision_date: decided.then(|| format!("{}-01-{:02}", year + 1, 1 + rng.below(28))),
                ..Award::default()
            },
        ));
    }
    // Figures: each member's indicators by year, then halves, quarters and dates until the
    // count is reached.
    let mut figures = Vec::new();
    // (kind, months or quarter, as-of date): the whole year, the half, each quarter, the months
    // from the year's start and dates, as articles report them.
    let periods: [(PeriodKind, Option<u32>, Option<&str>); 11] = [
        (PeriodKind::Year, None, None),
        (PeriodKind::Half, Some(6), None),
        (PeriodKind::Quarter, Some(1), None),
        (PeriodKind::Quarter, Some(2), None),
        (PeriodKind::Quarter, Some(3), None),
        (PeriodKind::Quarter, Some(4), None),
        (PeriodKind::Months, Some(3), None),
        (PeriodKind::Months, Some(9), None),
        (PeriodKind::AsOf, None, Some("03-31")),
        (PeriodKind::AsOf, None, Some("09-30")),
        (PeriodKind::AsOf, None, Some("12-31")),
    ];
    'fill: for (period, part, date) in periods {
        for &(year, unit, _) in &member_of {
            for ind in &indicators {
                if figures.len() >= o.figures {
                    break 'fill;
                }
                let base = 200.0 + (unit % 97) as f64 * 13.0 + (year - first_year) as f64 * 21.0;
                let percent = ind.aggregation == Aggregation::Ratio;
                figures.push(row(
                    next(),
                    &Figure {
                        indicator_id: ind.id,
                        scope_unit_id: Some(unit),
                        period_kind: period,
                        period_year: Some(year),
                        period_months: matches!(period, PeriodKind::Half | PeriodKind::Months)
                            .then_some(part.unwrap_or(6)),
                        period_quarter: matches!(period, PeriodKind::Quarter)
                            .then_some(part.unwrap_or(1)),
                        period_date: date.map(|d| format!("{year}-{d}")),
                        value: (!percent)
                            .then_some((base * (0.8 + rng.below(40) as f64 / 100.0)).round()),
                        percent: percent.then_some(50.0 + rng.below(5000) as f64 / 100.0),
                        target: (period == PeriodKind::Year && !percent)
                            .then_some((base * 1.1).round()),
                        ..Figure::default()
                    },
                ));
            }
        }
    }
    // Articles of a few KB each, citing a figure.
    let mut sources = Vec::new();
    let mut citations = Vec::new();
    for n in 0..o.articles {
        let f = &figures[rng.below(figures.len())];
        let year = f["period_year"].as_i64().unwrap_or(2020);
        let value = f["value"].as_f64().unwrap_or(0.0);
        let quote = format!(
            "kết nạp được {} đảng viên mới",
            crate::text::vn_number(value)
        );
        let mut body = format!(
            "Ngày {}/12/{year}, Ban Tổ chức Tỉnh ủy tổ chức hội nghị tổng kết công tác tổ chức xây dựng Đảng năm {year}. ",
            1 + n % 28
        );
        body.push_str(&format!(
            "Năm {year}, toàn Đảng bộ {quote}, đạt {},{}% chỉ tiêu. ",
            90 + n % 10,
            n % 100
        ));
        for s in 0..12 {
            body.push_str(&format!(
                "Đồng chí {} {} {}, {}, phát biểu chỉ đạo; công tác cán bộ được thực hiện chặt chẽ, đúng quy trình, quy định (đoạn {s}). ",
                rng.pick(FAMILY), rng.pick(MIDDLE), rng.pick(GIVEN), rng.pick(TITLES)
            ));
        }
        let start = body.find(&quote).map(|b| body[..b].chars().count() as i64);
        let sid = next();
        sources.push(row(
            sid,
            &Source {
                title: format!("Tổng kết công tác tổ chức xây dựng Đảng năm {year} (bài {n})"),
                publisher: Some("Báo Đảng bộ tỉnh".into()),
                author: Some(format!("{} {}", rng.pick(MIDDLE), rng.pick(GIVEN))),
                published_date: Some(format!("{year}-12-{:02}", 1 + n % 28)),
                media_type: Some("text/plain".into()),
                body_text: Some(body),
                ..Source::default()
            },
        ));
        citations.push(row(
            next(),
            &Citation {
                id: None,
                record_kind: RecordKind::Figure,
                record_id: f["id"].as_i64().unwrap_or(0),
                source_id: sid,
                char_start: start,
                char_end: start.map(|s| s + quote.chars().count() as i64),
                passage: quote,
            },
        ));
    }
    out.push((RecordKind::Unit, units));
    out.push((RecordKind::Cluster, clusters));
    out.push((RecordKind::ClusterMember, members));
    out.push((RecordKind::EmulationResult, results));
    out.push((RecordKind::Event, events));
    out.push((RecordKind::Person, people));
    out.push((RecordKind::Position, positions));
    out.push((RecordKind::Participant, participant_rows));
    out.push((RecordKind::Document, documents));
    out.push((RecordKind::PersonnelChange, changes));
    out.push((RecordKind::Award, awards));
    out.push((RecordKind::Figure, figures));
    out.push((RecordKind::Source, sources));
    out.push((RecordKind::Citation, citations));
    let counts = out
        .iter()
        .map(|(k, r)| (k.code().to_string(), r.len()))
        .collect();
    store.append_all(&out)?;
    Ok(Generated {
        counts,
        first_year,
        last_year,
    })
}
