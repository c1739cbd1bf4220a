//! The search index: one FTS5 document per record, holding its exact text and the folded form
//! (`text::fold`), so "dak lak" finds "Đắk Lắk" — FTS5's own diacritic folding misses đ. The write
//! path calls `reindex` after every change, so the index never lags the records.

use rusqlite::{params, Connection, OptionalExtension};

use super::{Db, Result};
use crate::domain::RecordKind;
use crate::text::fold;

/// Kinds that are only links between other records; searching finds the records themselves.
fn indexed(kind: RecordKind) -> bool {
    !matches!(
        kind,
        RecordKind::PledgeSignatory | RecordKind::Citation | RecordKind::CodeEntry
    )
}

/// A stable FTS rowid per record, so replacing a document is a lookup, not a scan.
fn rowid(kind: RecordKind, id: i64) -> i64 {
    id * 32 + kind.number()
}

/// Title and text a record is found by, with the names of what it refers to; None when the
/// record is deleted or missing.
pub fn document(db: Db<'_>, kind: RecordKind, id: i64) -> Result<Option<(String, String)>> {
    document_in(db.conn, kind, id)
}

pub(super) fn document_in(
    conn: &Connection,
    kind: RecordKind,
    id: i64,
) -> Result<Option<(String, String)>> {
    // Cached: an import or a rename makes thousands of documents with the same statements.
    let q = |sql: &str| -> Result<Option<(String, String)>> {
        Ok(conn
            .prepare_cached(sql)?
            .query_row([id], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?))
            })
            .optional()?
            .map(|(title, text)| (title, text.unwrap_or_default())))
    };
    // `code(list, code)` gives a code's label; `nz` drops NULLs in concatenations.
    let sql = match kind {
        RecordKind::Unit => "SELECT u.name, concat_ws(' ', u.short_name, p.name, u.note)
             FROM units u LEFT JOIN provinces p ON p.id = u.province_id
             WHERE u.id = ?1 AND u.deleted_at IS NULL",
        RecordKind::Cluster => "SELECT c.name, concat_ws(' ', c.number, c.region, k.label, c.set_up_by, c.note)
             FROM clusters c LEFT JOIN code_lists k ON k.list = 'cluster_kind' AND k.code = c.kind
             WHERE c.id = ?1 AND c.deleted_at IS NULL",
        RecordKind::ClusterMember => "SELECT concat(u.name, ' — ', c.name, ' năm ', m.year),
                concat_ws(' ', cl.label, m.note)
             FROM cluster_members m JOIN units u ON u.id = m.unit_id
             JOIN clusters c ON c.id = m.cluster_id
             LEFT JOIN code_lists cl ON cl.list = 'cluster_role' AND cl.code = m.role
             WHERE m.id = ?1 AND m.deleted_at IS NULL",
        RecordKind::Event => "SELECT e.name, concat_ws(' ', cl.label, e.place, h.name, c.name,
                e.period_label, e.organizer, e.released_by, e.date_note, e.note)
             FROM events e LEFT JOIN units h ON h.id = e.host_unit_id
             LEFT JOIN clusters c ON c.id = e.cluster_id
             LEFT JOIN code_lists cl ON cl.list = 'event_kind' AND cl.code = e.kind
             WHERE e.id = ?1 AND e.deleted_at IS NULL",
        RecordKind::Participant => "SELECT concat(coalesce(p.full_name, u.name, ''), ' — ', e.name),
                concat_ws(' ', x.title, cl.label, x.note)
             FROM event_participants x JOIN events e ON e.id = x.event_id
             LEFT JOIN people p ON p.id = x.person_id LEFT JOIN units u ON u.id = x.unit_id
             LEFT JOIN code_lists cl ON cl.list = 'participant_role' AND cl.code = x.role
             WHERE x.id = ?1 AND x.deleted_at IS NULL",
        RecordKind::Pledge => "SELECT concat('Giao ước thi đua năm ', g.year, ' — ', c.name), g.note
             FROM pledges g JOIN clusters c ON c.id = g.cluster_id
             WHERE g.id = ?1 AND g.deleted_at IS NULL",
        RecordKind::Person => "SELECT full_name, note FROM people WHERE id = ?1 AND deleted_at IS NULL",
        RecordKind::Position => "SELECT concat(p.full_name, ' — ', x.title), concat_ws(' ', u.name, x.note)
             FROM positions x JOIN people p ON p.id = x.person_id LEFT JOIN units u ON u.id = x.unit_id
             WHERE x.id = ?1 AND x.deleted_at IS NULL",
        RecordKind::PersonnelChange => "SELECT concat(cl.label, ': ', p.full_name),
                concat_ws(' ', x.from_title, fu.name, x.to_title, tu.name, x.decision_number,
                    x.issuing_body, x.legal_basis, x.note)
             FROM personnel_changes x JOIN people p ON p.id = x.person_id
             LEFT JOIN units fu ON fu.id = x.from_unit_id LEFT JOIN units tu ON tu.id = x.to_unit_id
             LEFT JOIN code_lists cl ON cl.list = 'change_kind' AND cl.code = x.kind
             WHERE x.id = ?1 AND x.deleted_at IS NULL",
        RecordKind::AwardForm => "SELECT name, note FROM award_forms WHERE id = ?1 AND deleted_at IS NULL",
        RecordKind::Award => "SELECT concat(f.name, ' — ', coalesce(u.name, p.full_name,
                    concat(a.recipient_count, ' ', lower(rk.label)))),
                concat_ws(' ', a.form_detail, a.granting_body, st.label, a.achievement_year,
                    a.reason, a.decision_number, a.decision_signer, a.note)
             FROM awards a JOIN award_forms f ON f.id = a.form_id
             LEFT JOIN units u ON u.id = a.recipient_unit_id
             LEFT JOIN people p ON p.id = a.recipient_person_id
             LEFT JOIN code_lists rk ON rk.list = 'recipient_kind' AND rk.code = a.recipient_kind
             LEFT JOIN code_lists st ON st.list = 'award_status' AND st.code = a.status
             WHERE a.id = ?1 AND a.deleted_at IS NULL",
        RecordKind::Indicator => "SELECT label, concat_ws(' ', unit_label, note)
             FROM indicators WHERE id = ?1 AND deleted_at IS NULL",
        RecordKind::Figure => "SELECT concat_ws(' ', i.label, f.period_year),
                concat_ws(' ', coalesce(u.name, c.name, f.scope_label), f.label_as_written,
                    f.period_label, f.compared_with, f.note)
             FROM figures f JOIN indicators i ON i.id = f.indicator_id
             LEFT JOIN units u ON u.id = f.scope_unit_id LEFT JOIN clusters c ON c.id = f.scope_cluster_id
             WHERE f.id = ?1 AND f.deleted_at IS NULL",
        RecordKind::Source => "SELECT title, concat_ws(' ', publisher, author, body_text, note)
             FROM sources WHERE id = ?1 AND deleted_at IS NULL",
        RecordKind::Document => "SELECT concat_ws(' ', dk.label, d.number, d.title),
                concat_ws(' ', d.issuer, d.note)
             FROM documents d LEFT JOIN code_lists dk ON dk.list = 'document_kind' AND dk.code = d.kind
             WHERE d.id = ?1 AND d.deleted_at IS NULL",
        RecordKind::EmulationResult => "SELECT concat('Kết quả thi đua năm ', r.year, ' — ', u.name),
                concat_ws(' ', c.name, r.classification, r.note)
             FROM emulation_results r JOIN units u ON u.id = r.unit_id
             LEFT JOIN clusters c ON c.id = r.cluster_id
             WHERE r.id = ?1 AND r.deleted_at IS NULL",
        RecordKind::PledgeSignatory | RecordKind::Citation | RecordKind::CodeEntry => {
            return Ok(None)
        }
    };
    q(sql)
}

/// The name a person reads for a record: its search title, and for the link records that have
/// no search document, what they link ("Ban Tổ chức … — giao ước năm 2024, Cụm …").
pub(super) fn title_in(conn: &Connection, kind: RecordKind, id: i64) -> Result<Option<String>> {
    let sql = match kind {
        RecordKind::PledgeSignatory => {
            "SELECT concat(u.name, ' — giao ước năm ', g.year, ', ', c.name)
             FROM pledge_signatories s JOIN units u ON u.id = s.unit_id
             JOIN pledges g ON g.id = s.pledge_id JOIN clusters c ON c.id = g.cluster_id
             WHERE s.id = ?1"
        }
        RecordKind::Citation => {
            "SELECT concat('Trích dẫn: ', substr(c.passage, 1, 60)) FROM citations c WHERE c.id = ?1"
        }
        RecordKind::CodeEntry => "SELECT label FROM code_lists WHERE id = ?1",
        _ => return Ok(document_in(conn, kind, id)?.map(|(t, _)| t)),
    };
    Ok(conn.query_row(sql, [id], |r| r.get(0)).optional()?)
}

/// Brings the record's search document in line with its row.
pub fn reindex(conn: &Connection, kind: RecordKind, id: i64) -> Result<()> {
    if !indexed(kind) {
        return Ok(());
    }
    conn.prepare_cached("DELETE FROM search_index WHERE rowid = ?1")?
        .execute([rowid(kind, id)])?;
    insert(conn, kind, id)
}

/// Adds the record's search document (it has none yet).
fn insert(conn: &Connection, kind: RecordKind, id: i64) -> Result<()> {
    let rid = rowid(kind, id);
    if let Some((title, text)) = document_in(conn, kind, id)? {
        let exact = format!("{title} {text}");
        conn.prepare_cached(
            "INSERT INTO search_index (rowid, kind, record_id, title, exact, ftitle, folded)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![
            rid,
            kind.code(),
            id,
            title,
            exact,
            fold(&title),
            fold(&exact)
        ])?;
    }
    Ok(())
}

/// Rebuilds the whole index (after an import).
pub fn rebuild(conn: &Connection) -> Result<()> {
    conn.execute("DELETE FROM search_index", [])?;
    for kind in RecordKind::ALL.into_iter().filter(|k| indexed(*k)) {
        let ids: Vec<i64> = conn
            .prepare(&format!(
                "SELECT id FROM {} WHERE deleted_at IS NULL",
                kind.table()
            ))?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for id in ids {
            insert(conn, kind, id)?;
        }
    }
    Ok(())
}

/// Where a query's words were found, best first: the order `candidates` looks in, and the
/// first thing ranking sorts by after exact spellings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tier {
    /// The title holds the words in order, each a whole word.
    TitleWords,
    /// The title holds the words in order, the last one begun (typing goes on).
    TitlePhrase,
    /// The text holds the words in order, the last one begun.
    TextPhrase,
    /// The text holds every word, anywhere, each as a word's beginning.
    TextWords,
}

impl Tier {
    pub const ALL: [Tier; 4] = [
        Tier::TitleWords,
        Tier::TitlePhrase,
        Tier::TextPhrase,
        Tier::TextWords,
    ];

    /// The FTS5 expression of this tier. Tokens are folded and quoted, so no FTS5 syntax can
    /// get in.
    fn expression(self, folded_tokens: &[String]) -> String {
        let quoted: Vec<String> = folded_tokens.iter().map(|t| format!("\"{t}\"")).collect();
        let phrase = quoted.join(" + ");
        match self {
            Tier::TitleWords => format!("ftitle : ({phrase})"),
            Tier::TitlePhrase => format!("ftitle : ({phrase} *)"),
            Tier::TextPhrase => format!("folded : ({phrase} *)"),
            Tier::TextWords => {
                let all: Vec<String> = quoted.iter().map(|q| format!("{q} *")).collect();
                format!("folded : ({})", all.join(" AND "))
            }
        }
    }
}

/// A document that matched, before ranking.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub kind: RecordKind,
    pub record_id: i64,
    pub title: String,
    pub exact: String,
    /// `exact` folded, as indexed.
    pub folded: String,
    pub tier: Tier,
}

const CANDIDATE_SQL: &str = "SELECT rowid, kind, record_id, title, exact, folded
     FROM search_index WHERE search_index MATCH ?1 LIMIT ?2";

/// Up to `limit` documents holding every token, gathered tier by tier (`Tier`): a tier is asked
/// only while the better ones found fewer than `limit`, and each stops at what is still missing,
/// so a query that matches half the database reads no more than `limit` documents. Within a
/// tier, FTS5 gives documents in rowid order; ranking them is the caller's.
pub fn candidates(db: Db<'_>, folded_tokens: &[String], limit: usize) -> Result<Vec<Candidate>> {
    let mut out: Vec<Candidate> = Vec::new();
    tier_rows(db, folded_tokens, limit, |tier, r| {
        if let Some(kind) = RecordKind::from_code(&r.get::<_, String>(1)?) {
            out.push(Candidate {
                kind,
                record_id: r.get(2)?,
                title: r.get(3)?,
                exact: r.get(4)?,
                folded: r.get(5)?,
                tier,
            });
        }
        Ok(())
    })?;
    Ok(out)
}

/// The bare FTS5 queries `candidates` runs, the same statements for the same tiers, their rows
/// stepped through and their columns read, nothing else: the search benchmark's limit.
pub fn bare_match(db: Db<'_>, folded_tokens: &[String], limit: usize) -> Result<usize> {
    tier_rows(db, folded_tokens, limit, |_, r| {
        for i in 1..=5 {
            std::hint::black_box(r.get_ref(i)?);
        }
        Ok(())
    })
}

/// Runs the tiers' statements, giving each document the first time it is seen, until `limit`
/// documents; returns how many.
fn tier_rows(
    db: Db<'_>,
    folded_tokens: &[String],
    limit: usize,
    mut each: impl FnMut(Tier, &rusqlite::Row<'_>) -> Result<()>,
) -> Result<usize> {
    let tokens = usable(folded_tokens);
    let mut seen = std::collections::HashSet::new();
    if tokens.is_empty() {
        return Ok(0);
    }
    let mut stmt = db.conn.prepare_cached(CANDIDATE_SQL)?;
    for tier in Tier::ALL {
        if seen.len() >= limit {
            break;
        }
        // `limit` rows hold every document the earlier tiers gave (they match this tier too)
        // plus at least the ones still missing.
        let mut rows = stmt.query(params![tier.expression(&tokens), limit as i64])?;
        while let Some(r) = rows.next()? {
            if !seen.insert(r.get::<_, i64>(0)?) {
                continue;
            }
            each(tier, r)?;
            if seen.len() >= limit {
                break;
            }
        }
    }
    Ok(seen.len())
}

/// The tokens with something left once quotes are taken out.
fn usable(folded_tokens: &[String]) -> Vec<String> {
    folded_tokens
        .iter()
        .map(|t| t.replace('"', ""))
        .filter(|t| !t.is_empty())
        .collect()
}
