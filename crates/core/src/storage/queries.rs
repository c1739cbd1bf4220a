//! Read queries for lists and for validation. Lists come back as rows of display values (names
//! resolved, codes labelled), sorted in Vietnamese order; the services decide what to show.

use rusqlite::{params, Connection, OptionalExtension, ToSql};
use serde_json::{Map, Value};

use super::{Db, Result, StorageError};
use crate::domain::{ListName, ListRows};

/// A list's rows, each read straight into its row type.
fn typed<T: serde::de::DeserializeOwned>(
    conn: &Connection,
    name: ListName,
    sql: &str,
    params: &[&dyn ToSql],
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare_cached(sql)?;
    // Lists that ignore the year have no parameter to bind.
    let params = &params[..params.len().min(stmt.parameter_count())];
    let names: Vec<String> = stmt.column_names().map(|s| s.to_string()).collect();
    let mut rows = stmt.query(params)?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(
            super::row_de::from_row(r, &names)
                .map_err(|e| StorageError::Schema(format!("{}: {e}", name.code())))?,
        );
    }
    Ok(out)
}

/// The SQL of a list (its one parameter: the year, or NULL for every year). With a year the
/// "?1 IS NULL OR" alternatives are dropped: SQLite plans before it sees the parameter, and an
/// OR with it would keep the year's index unused.
fn list_sql(name: ListName, year: Option<i32>) -> String {
    let sql = every_year_sql(name);
    match year {
        Some(_) => sql.replace("?1 IS NULL OR ", ""),
        None => sql,
    }
}

fn every_year_sql(name: ListName) -> String {
    let code_entries_sql;
    let sql = match name {
        ListName::Clusters => "SELECT c.id, c.name, c.number, c.sector, s.label AS sector_label, c.region,
                c.kind, ck.label AS kind_label, c.set_up_by,
                (SELECT count(*) FROM cluster_members m WHERE m.cluster_id = c.id AND m.deleted_at IS NULL
                   AND (?1 IS NULL OR m.year = ?1)) AS member_rows
             FROM clusters c LEFT JOIN code_lists s ON s.list = 'sector' AND s.code = c.sector
             LEFT JOIN code_lists ck ON ck.list = 'cluster_kind' AND ck.code = c.kind
             WHERE c.deleted_at IS NULL ORDER BY c.name COLLATE vi",
        ListName::Members => "SELECT m.id, m.cluster_id, c.name AS cluster, m.year, m.unit_id, u.name AS unit,
                p.name AS province, m.role, coalesce(r.label, m.role) AS role_label,
                m.elected_at_event_id, e.name AS elected_at, m.note
             FROM cluster_members m JOIN clusters c ON c.id = m.cluster_id JOIN units u ON u.id = m.unit_id
             LEFT JOIN provinces p ON p.id = u.province_id
             LEFT JOIN code_lists r ON r.list = 'cluster_role' AND r.code = m.role
             LEFT JOIN events e ON e.id = m.elected_at_event_id
             WHERE m.deleted_at IS NULL AND c.deleted_at IS NULL AND u.deleted_at IS NULL
               AND (?1 IS NULL OR m.year = ?1)
             ORDER BY c.name COLLATE vi, m.year,
                CASE m.role WHEN 'cum_truong' THEN 0 WHEN 'cum_pho' THEN 1 ELSE 2 END,
                coalesce(p.name, u.name) COLLATE vi",
        ListName::Events => "SELECT e.id, e.date_year, e.date_month, e.date_day,
                CASE WHEN e.date_day IS NOT NULL AND e.date_year IS NOT NULL
                        THEN printf('%02d/%02d/%04d', e.date_day, e.date_month, e.date_year)
                     WHEN e.date_day IS NOT NULL THEN printf('%02d/%02d', e.date_day, e.date_month)
                     WHEN e.date_month IS NOT NULL THEN printf('%02d/%04d', e.date_month, e.date_year)
                     WHEN e.date_year IS NOT NULL THEN CAST(e.date_year AS TEXT) END AS date_label,
                e.kind, k.label AS kind_label,
                e.name, e.place, e.host_unit_id, h.name AS host, e.cluster_id, c.name AS cluster,
                e.year_covered, e.period_label, e.organizer, e.year_inferred, e.date_note, e.note,
                (SELECT count(*) FROM event_participants x WHERE x.event_id = e.id AND x.deleted_at IS NULL) AS participants
             FROM events e LEFT JOIN code_lists k ON k.list = 'event_kind' AND k.code = e.kind
             LEFT JOIN units h ON h.id = e.host_unit_id LEFT JOIN clusters c ON c.id = e.cluster_id
             WHERE e.deleted_at IS NULL AND (?1 IS NULL OR coalesce(e.date_year, e.year_covered) = ?1
                OR e.year_covered = ?1)
             ORDER BY coalesce(e.date_year, e.year_covered), e.date_month, e.date_day, e.name COLLATE vi",
        ListName::Participants => "SELECT x.id, x.event_id, e.name AS event, coalesce(e.date_year, e.year_covered) AS year,
                x.person_id, p.full_name AS person, x.unit_id, u.name AS unit, x.title, x.role,
                r.label AS role_label, x.note
             FROM event_participants x JOIN events e ON e.id = x.event_id
             LEFT JOIN people p ON p.id = x.person_id LEFT JOIN units u ON u.id = x.unit_id
             LEFT JOIN code_lists r ON r.list = 'participant_role' AND r.code = x.role
             WHERE x.deleted_at IS NULL AND e.deleted_at IS NULL
               AND (?1 IS NULL OR coalesce(e.date_year, e.year_covered) = ?1)
             ORDER BY coalesce(e.date_year, e.year_covered), e.date_month, e.date_day, e.id, r.position, x.id",
        ListName::Pledges => "SELECT g.id, g.cluster_id, c.name AS cluster, g.year, g.event_id, e.name AS signed_at,
                (SELECT group_concat(name, '; ') FROM (SELECT u.name FROM pledge_signatories s
                    JOIN units u ON u.id = s.unit_id WHERE s.pledge_id = g.id AND s.deleted_at IS NULL
                    ORDER BY u.name COLLATE vi)) AS signatories,
                (SELECT count(*) FROM pledge_signatories s WHERE s.pledge_id = g.id AND s.deleted_at IS NULL) AS signatory_count,
                g.note
             FROM pledges g JOIN clusters c ON c.id = g.cluster_id LEFT JOIN events e ON e.id = g.event_id
             WHERE g.deleted_at IS NULL AND (?1 IS NULL OR g.year = ?1)
             ORDER BY g.year, c.name COLLATE vi",
        ListName::Awards => "SELECT a.id, a.form_id, f.name AS form, a.form_detail, a.form_as_written, a.granting_body,
                a.recipient_kind, rk.label AS recipient_kind_label, a.recipient_unit_id, a.recipient_person_id,
                coalesce(u.name, p.full_name) AS recipient, a.recipient_count, a.achievement_year,
                a.status, st.label AS status_label, coalesce(pu.name, pc.name) AS proposed_by, pe.name AS proposed_at,
                a.proposed_date, a.decision_number, a.decision_date, a.decision_signer, a.reason, a.note
             FROM awards a JOIN award_forms f ON f.id = a.form_id
             LEFT JOIN units u ON u.id = a.recipient_unit_id LEFT JOIN people p ON p.id = a.recipient_person_id
             LEFT JOIN code_lists rk ON rk.list = 'recipient_kind' AND rk.code = a.recipient_kind
             LEFT JOIN code_lists st ON st.list = 'award_status' AND st.code = a.status
             LEFT JOIN units pu ON pu.id = a.proposed_by_unit_id LEFT JOIN clusters pc ON pc.id = a.proposed_by_cluster_id
             LEFT JOIN events pe ON pe.id = a.proposed_at_event_id
             WHERE a.deleted_at IS NULL AND (?1 IS NULL OR a.achievement_year = ?1)
             ORDER BY a.achievement_year, st.position, f.name COLLATE vi, coalesce(u.name, p.full_name) COLLATE vi",
        ListName::People => "SELECT p.id, p.full_name, p.family_name, p.middle_name, p.given_name, p.gender, p.birth_year,
                (SELECT x.title FROM event_participants x JOIN events e ON e.id = x.event_id
                   WHERE x.person_id = p.id AND x.deleted_at IS NULL AND x.title IS NOT NULL
                   ORDER BY e.date_year DESC, e.date_month DESC, e.date_day DESC LIMIT 1) AS latest_title,
                p.note
             FROM people p WHERE p.deleted_at IS NULL
               AND (?1 IS NULL OR EXISTS (SELECT 1 FROM event_participants x JOIN events e ON e.id = x.event_id
                    WHERE x.person_id = p.id AND coalesce(e.date_year, e.year_covered) = ?1))
             ORDER BY p.given_name COLLATE vi, p.family_name COLLATE vi, p.middle_name COLLATE vi",
        ListName::Positions => "SELECT x.id, x.person_id, p.full_name AS person, x.title, x.unit_id, u.name AS unit,
                x.from_date, x.to_date, x.change_id, x.note
             FROM positions x JOIN people p ON p.id = x.person_id LEFT JOIN units u ON u.id = x.unit_id
             WHERE x.deleted_at IS NULL AND (?1 IS NULL OR CAST(substr(coalesce(x.from_date, ''), 1, 4) AS INTEGER) = ?1)
             ORDER BY p.given_name COLLATE vi, p.family_name COLLATE vi, coalesce(x.from_date, '')",
        ListName::Changes => "SELECT x.id, x.person_id, x.kind, k.label AS kind_label, x.kind_as_written,
                p.full_name AS person,
                x.from_title, fu.name AS from_unit, x.to_title, tu.name AS to_unit, x.decision_number,
                x.decision_date, x.effective_date, x.issuing_body, x.legal_basis, x.note
             FROM personnel_changes x JOIN people p ON p.id = x.person_id
             LEFT JOIN units fu ON fu.id = x.from_unit_id LEFT JOIN units tu ON tu.id = x.to_unit_id
             LEFT JOIN code_lists k ON k.list = 'change_kind' AND k.code = x.kind
             WHERE x.deleted_at IS NULL AND (?1 IS NULL OR
                CAST(substr(coalesce(x.decision_date, x.effective_date, ''), 1, 4) AS INTEGER) = ?1)
             ORDER BY coalesce(x.decision_date, x.effective_date), p.given_name COLLATE vi",
        ListName::Figures => "SELECT f.id, f.indicator_id, i.code AS indicator_code, i.label AS indicator,
                f.scope_unit_id, f.scope_cluster_id, coalesce(u.name, c.name, f.scope_label) AS scope,
                f.period_kind, pk.label AS period_kind_label, f.period_year, f.period_months, f.period_date,
                f.period_quarter, f.period_end_year, f.period_label,
                f.value, f.denominator, f.percent, f.percent_base, f.target,
                CASE WHEN f.value IS NOT NULL AND f.target > 0 THEN round(f.value * 100.0 / f.target, 2) END
                    AS percent_of_target,
                f.qualifier, f.change_pct, f.change_value, f.compared_with, f.parent_id,
                i.unit_label, f.unit_as_written, f.label_as_written, f.note
             FROM figures f JOIN indicators i ON i.id = f.indicator_id
             LEFT JOIN units u ON u.id = f.scope_unit_id LEFT JOIN clusters c ON c.id = f.scope_cluster_id
             LEFT JOIN code_lists pk ON pk.list = 'period_kind' AND pk.code = f.period_kind
             WHERE f.deleted_at IS NULL AND (?1 IS NULL OR f.period_year = ?1)
             ORDER BY f.period_year, i.label COLLATE vi, coalesce(u.name, c.name, f.scope_label) COLLATE vi",
        ListName::Units => "SELECT u.id, u.kind, k.label AS kind_label, u.name, u.short_name, u.province_id,
                p.name AS province, u.parent_id, pu.name AS parent, u.note
             FROM units u LEFT JOIN provinces p ON p.id = u.province_id LEFT JOIN units pu ON pu.id = u.parent_id
             LEFT JOIN code_lists k ON k.list = 'unit_kind' AND k.code = u.kind
             WHERE u.deleted_at IS NULL ORDER BY u.name COLLATE vi",
        ListName::Indicators => "SELECT i.id, i.code, i.label, i.unit_label, i.aggregation, a.label AS aggregation_label,
                (SELECT count(*) FROM figures f WHERE f.indicator_id = i.id AND f.deleted_at IS NULL) AS figures
             FROM indicators i LEFT JOIN code_lists a ON a.list = 'aggregation' AND a.code = i.aggregation
             WHERE i.deleted_at IS NULL ORDER BY i.label COLLATE vi",
        ListName::AwardForms => "SELECT id, code, name, recipient_kinds FROM award_forms
             WHERE deleted_at IS NULL ORDER BY name COLLATE vi",
        ListName::Sources => "SELECT id, title, publisher, author, published_date, media_type, file_name,
                length(body_text) AS characters
             FROM sources WHERE deleted_at IS NULL
               AND (?1 IS NULL OR CAST(substr(coalesce(published_date, ''), 1, 4) AS INTEGER) = ?1)
             ORDER BY published_date, title COLLATE vi",
        ListName::Provinces => "SELECT p.id, p.name, p.kind, p.valid_from, p.valid_to, s.name AS successor, p.region
             FROM provinces p LEFT JOIN provinces s ON s.id = p.successor_id
             WHERE ?1 IS NULL OR ((p.valid_from IS NULL OR p.valid_from <= printf('%04d-12-31', ?1))
                AND (p.valid_to IS NULL OR p.valid_to >= printf('%04d-12-31', ?1)))
             ORDER BY p.name COLLATE vi, coalesce(p.valid_from, '')",
        ListName::Documents => "SELECT d.id, d.number, d.kind, dk.label AS kind_label, d.issuer, d.date, d.title, d.note
             FROM documents d LEFT JOIN code_lists dk ON dk.list = 'document_kind' AND dk.code = d.kind
             WHERE d.deleted_at IS NULL
               AND (?1 IS NULL OR CAST(substr(coalesce(d.date, ''), 1, 4) AS INTEGER) = ?1)
             ORDER BY coalesce(d.date, ''), d.number COLLATE vi",
        ListName::Results => "SELECT r.id, r.cluster_id, c.name AS cluster, r.unit_id, u.name AS unit, r.year,
                r.rank, r.classification, r.score, r.leading, r.event_id, r.note
             FROM emulation_results r JOIN units u ON u.id = r.unit_id
             LEFT JOIN clusters c ON c.id = r.cluster_id
             WHERE r.deleted_at IS NULL AND (?1 IS NULL OR r.year = ?1)
             ORDER BY r.year, c.name COLLATE vi, coalesce(r.rank, 999), u.name COLLATE vi",
        ListName::CodeEntries => {
            code_entries_sql = code_entries_list_sql();
            &code_entries_sql
        }
    };
    sql.to_string()
}

/// A list's query run bare, its rows stepped through and nothing built from them: what the
/// benchmark measures the list against. Returns the number of rows.
pub fn list_bare(db: Db<'_>, name: ListName, year: Option<i32>) -> Result<usize> {
    let sql = list_sql(name, year);
    let mut stmt = db.conn.prepare_cached(&sql)?;
    let y: &dyn ToSql = &year;
    let params = &[y][..1.min(stmt.parameter_count())];
    let mut rows = stmt.query(params)?;
    let mut n = 0;
    while rows.next()?.is_some() {
        n += 1;
    }
    Ok(n)
}

/// A list's rows, optionally for one year, with codes beside their labels.
pub fn list(db: Db<'_>, name: ListName, year: Option<i32>) -> Result<ListRows> {
    let y: &dyn ToSql = &year;
    let sql = list_sql(name, year);
    typed_list(db.conn, name, &sql, &[y])
}

/// Which record a list's rows are filtered to (`list_of`): the columns are fixed, never text
/// from outside.
#[derive(Debug, Clone, Copy)]
pub enum Of {
    Person(i64),
}

/// A list's rows (every year) of one record, filtered in SQL: a person's changes and
/// conferences without reading everyone's.
pub fn list_of(db: Db<'_>, name: ListName, of: Of) -> Result<ListRows> {
    let (column, id) = match of {
        Of::Person(id) => ("person_id", id),
    };
    // SQLite flattens the subquery, so the filter reaches the person_id index.
    let sql = format!(
        "SELECT * FROM ({}) WHERE {column} = ?2",
        list_sql(name, None)
    );
    let none: Option<i32> = None;
    typed_list(db.conn, name, &sql, &[&none, &id])
}

fn typed_list(
    conn: &Connection,
    name: ListName,
    sql: &str,
    params: &[&dyn ToSql],
) -> Result<ListRows> {
    Ok(match name {
        ListName::Clusters => ListRows::Clusters(typed(conn, name, sql, params)?),
        ListName::Members => ListRows::Members(typed(conn, name, sql, params)?),
        ListName::Events => ListRows::Events(typed(conn, name, sql, params)?),
        ListName::Participants => ListRows::Participants(typed(conn, name, sql, params)?),
        ListName::Pledges => ListRows::Pledges(typed(conn, name, sql, params)?),
        ListName::Awards => ListRows::Awards(typed(conn, name, sql, params)?),
        ListName::People => ListRows::People(typed(conn, name, sql, params)?),
        ListName::Positions => ListRows::Positions(typed(conn, name, sql, params)?),
        ListName::Changes => ListRows::Changes(typed(conn, name, sql, params)?),
        ListName::Figures => ListRows::Figures(typed(conn, name, sql, params)?),
        ListName::Units => ListRows::Units(typed(conn, name, sql, params)?),
        ListName::Indicators => ListRows::Indicators(typed(conn, name, sql, params)?),
        ListName::AwardForms => ListRows::AwardForms(typed(conn, name, sql, params)?),
        ListName::Sources => ListRows::Sources(typed(conn, name, sql, params)?),
        ListName::Provinces => ListRows::Provinces(typed(conn, name, sql, params)?),
        ListName::Documents => ListRows::Documents(typed(conn, name, sql, params)?),
        ListName::Results => ListRows::Results(typed(conn, name, sql, params)?),
        ListName::CodeEntries => ListRows::CodeEntries(typed(conn, name, sql, params)?),
    })
}

/// The editable code lists' entries, with their list's label and how many live records hold
/// each code; built from `CodeList`'s map of which columns use which list. `?1` (the year) is
/// unused: entries are not by year.
fn code_entries_list_sql() -> String {
    use crate::domain::CodeList;
    let quote = |s: &str| format!("'{}'", s.replace('\'', "''"));
    let mut label = String::from("CASE c.list");
    let mut order = String::from("CASE c.list");
    let mut uses = String::from("CASE c.list");
    for (i, list) in CodeList::editable_lists().enumerate() {
        let code = quote(list.code());
        label.push_str(&format!(" WHEN {code} THEN {}", quote(list.label_vi())));
        order.push_str(&format!(" WHEN {code} THEN {i}"));
        let counts: Vec<String> = list
            .uses()
            .iter()
            .map(|(kind, column)| {
                format!(
                    "(SELECT count(*) FROM {} x WHERE x.{column} = c.code AND x.deleted_at IS NULL)",
                    kind.table()
                )
            })
            .collect();
        uses.push_str(&format!(" WHEN {code} THEN {}", counts.join(" + ")));
    }
    let lists: Vec<String> = CodeList::editable_lists()
        .map(|l| quote(l.code()))
        .collect();
    format!(
        "SELECT c.id, c.list, {label} END AS list_label, c.code, c.label, c.retired, c.builtin,
            CASE WHEN c.retired THEN 'Ngừng dùng' WHEN c.builtin THEN 'Có sẵn' ELSE 'Tự thêm' END
                AS status_label,
            c.note, {uses} ELSE 0 END AS uses
         FROM code_lists c
         WHERE c.deleted_at IS NULL AND c.list IN ({}) AND (?1 IS NULL OR 1)
         ORDER BY {order} END, c.retired, c.position, c.id",
        lists.join(", ")
    )
}

/// Whether a live record with this id exists in `table`.
pub fn exists(db: Db<'_>, table: &str, id: i64) -> Result<bool> {
    let conn = db.conn;
    let sql = format!("SELECT 1 FROM {table} WHERE id = ?1 AND deleted_at IS NULL");
    Ok(conn.query_row(&sql, [id], |_| Ok(())).optional()?.is_some())
}

/// Whether a live indicator has this code.
pub fn indicator_code_exists(db: Db<'_>, code: &str) -> Result<bool> {
    Ok(db
        .conn
        .query_row(
            "SELECT 1 FROM indicators WHERE code = ?1 AND deleted_at IS NULL",
            [code],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// Whether `code` is a live entry of code list `list` (retired entries count: old records keep
/// them).
pub fn code_exists(db: Db<'_>, list: &str, code: &str) -> Result<bool> {
    let conn = db.conn;
    Ok(conn
        .query_row(
            "SELECT 1 FROM code_lists WHERE list = ?1 AND code = ?2 AND deleted_at IS NULL",
            params![list, code],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// Live entries of a list, in order: (code, label, retired).
pub fn codes(db: Db<'_>, list: &str) -> Result<Vec<(String, String, bool)>> {
    let conn = db.conn;
    let mut stmt = conn.prepare(
        "SELECT code, label, retired FROM code_lists WHERE list = ?1 AND deleted_at IS NULL
         ORDER BY retired, position, id",
    )?;
    let out = stmt
        .query_map([list], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(out)
}

/// Whether another entry of `list` (trashed ones too: the code stays theirs for undo) has `code`.
pub fn code_taken(db: Db<'_>, list: &str, code: &str, except: Option<i64>) -> Result<bool> {
    Ok(db
        .conn
        .query_row(
            "SELECT 1 FROM code_lists WHERE list = ?1 AND code = ?2 AND id IS NOT ?3",
            params![list, code, except],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// Live entries of a list other than `except`: (id, label), to compare labels.
pub fn code_labels(db: Db<'_>, list: &str, except: Option<i64>) -> Result<Vec<(i64, String)>> {
    let mut stmt = db.conn.prepare(
        "SELECT id, label FROM code_lists WHERE list = ?1 AND id IS NOT ?2 AND deleted_at IS NULL",
    )?;
    let out = stmt
        .query_map(params![list, except], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(out)
}

/// The position after every entry's, so a new entry is listed last.
pub fn next_code_position(db: Db<'_>) -> Result<i64> {
    Ok(db.conn.query_row(
        "SELECT coalesce(max(position), 0) + 1 FROM code_lists",
        [],
        |r| r.get(0),
    )?)
}

/// A live source by the file name it was recorded from.
pub fn source_by_file_name(db: Db<'_>, file_name: &str) -> Result<Option<i64>> {
    Ok(db
        .conn
        .query_row(
            "SELECT id FROM sources WHERE deleted_at IS NULL AND file_name = ?1 LIMIT 1",
            [file_name],
            |r| r.get(0),
        )
        .optional()?)
}

/// Other clusters of the same kind that `unit_id` belongs to in `year`: (cluster id, name).
pub fn unit_other_clusters(
    db: Db<'_>,
    unit_id: i64,
    year: i32,
    cluster_id: i64,
) -> Result<Vec<(i64, String)>> {
    let conn = db.conn;
    let mut stmt = conn.prepare(
        "SELECT DISTINCT c.id, c.name FROM cluster_members m JOIN clusters c ON c.id = m.cluster_id
         WHERE m.unit_id = ?1 AND m.year = ?2 AND m.cluster_id <> ?3 AND m.deleted_at IS NULL
           AND c.deleted_at IS NULL
           AND c.kind = (SELECT kind FROM clusters WHERE id = ?3)",
    )?;
    let out = stmt
        .query_map(params![unit_id, year, cluster_id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(out)
}

/// The unit holding `role` in a cluster in a year, other than `except_member`.
pub fn role_holder(
    db: Db<'_>,
    cluster_id: i64,
    year: i32,
    role: crate::domain::MemberRole,
    except_member: Option<i64>,
) -> Result<Option<String>> {
    let conn = db.conn;
    Ok(conn
        .query_row(
            "SELECT u.name FROM cluster_members m JOIN units u ON u.id = m.unit_id
             WHERE m.cluster_id = ?1 AND m.year = ?2 AND m.role = ?3 AND m.deleted_at IS NULL
               AND m.id IS NOT ?4 LIMIT 1",
            params![cluster_id, year, role.code(), except_member],
            |r| r.get(0),
        )
        .optional()?)
}

/// A live unit's id by exact (case-insensitive) name.
pub fn unit_by_name(db: Db<'_>, name: &str) -> Result<Option<i64>> {
    let conn = db.conn;
    Ok(conn
        .query_row(
            "SELECT id FROM units WHERE deleted_at IS NULL AND lower(name) = lower(?1) ORDER BY id LIMIT 1",
            [name],
            |r| r.get(0),
        )
        .optional()?)
}

/// The Organization Committee unit of a province (kind `btc_tinh_uy`).
pub fn btc_of_province(db: Db<'_>, province_id: &str) -> Result<Option<i64>> {
    let conn = db.conn;
    Ok(conn
        .query_row(
            "SELECT id FROM units WHERE deleted_at IS NULL AND kind = 'btc_tinh_uy' AND province_id = ?1
             ORDER BY id LIMIT 1",
            [province_id],
            |r| r.get(0),
        )
        .optional()?)
}

pub fn cluster_by_name(db: Db<'_>, name: &str) -> Result<Option<i64>> {
    let conn = db.conn;
    Ok(conn
        .query_row(
            "SELECT id FROM clusters WHERE deleted_at IS NULL AND lower(name) = lower(?1) LIMIT 1",
            [name],
            |r| r.get(0),
        )
        .optional()?)
}

pub fn person_by_name(db: Db<'_>, full_name: &str) -> Result<Option<i64>> {
    let conn = db.conn;
    Ok(conn
        .query_row(
            "SELECT id FROM people WHERE deleted_at IS NULL AND full_name = ?1 ORDER BY id LIMIT 1",
            [full_name],
            |r| r.get(0),
        )
        .optional()?)
}

/// Id of a code-list-like table's row by `code` (award forms, indicators).
pub fn id_by_code(db: Db<'_>, table: &str, code: &str) -> Result<Option<i64>> {
    let conn = db.conn;
    let sql = format!("SELECT id FROM {table} WHERE deleted_at IS NULL AND code = ?1");
    Ok(conn.query_row(&sql, [code], |r| r.get(0)).optional()?)
}

pub fn event_date_iso(db: Db<'_>, event_id: i64) -> Result<Option<String>> {
    let conn = db.conn;
    Ok(conn
        .query_row(
            "SELECT CASE WHEN date_day IS NOT NULL THEN printf('%04d-%02d-%02d', date_year, date_month, date_day) END
             FROM events WHERE id = ?1",
            [event_id],
            |r| r.get(0),
        )
        .optional()?
        .flatten())
}

/// The whole audit as JSON objects (the export carries it as it is).
pub fn audit_rows(db: Db<'_>) -> Result<Vec<Map<String, Value>>> {
    let mut stmt = db.conn.prepare(
        "SELECT id, step, at, action, kind, record_id, summary, before, after, undone_at FROM audit ORDER BY id",
    )?;
    let names: Vec<String> = stmt.column_names().map(|s| s.to_string()).collect();
    let out = stmt
        .query_map([], |r| {
            let mut obj = Map::new();
            for (i, n) in names.iter().enumerate() {
                obj.insert(n.clone(), r.get::<_, super::rows::Sql>(i)?.0);
            }
            Ok(obj)
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(out)
}

/// A person's posts with no end date, oldest first.
pub fn open_positions(db: Db<'_>, person_id: i64) -> Result<Vec<crate::domain::Position>> {
    let conn = db.conn;
    let ids: Vec<i64> = conn
        .prepare(
            "SELECT id FROM positions WHERE person_id = ?1 AND to_date IS NULL AND deleted_at IS NULL
             ORDER BY coalesce(from_date, ''), id",
        )?
        .query_map([person_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::new();
    for id in ids {
        if let Some(p) = super::get_live(db, id)? {
            out.push(p);
        }
    }
    Ok(out)
}

/// A person's timeline: posts, newest first.
pub fn person_positions(
    db: Db<'_>,
    person_id: i64,
) -> Result<Vec<crate::domain::lists::PositionRow>> {
    typed(
        db.conn,
        ListName::Positions,
        "SELECT x.id, x.person_id, p.full_name AS person, x.title, x.unit_id, u.name AS unit,
                x.from_date, x.to_date, x.change_id, x.note
         FROM positions x JOIN people p ON p.id = x.person_id LEFT JOIN units u ON u.id = x.unit_id
         WHERE x.person_id = ?1 AND x.deleted_at IS NULL
         ORDER BY coalesce(x.from_date, '') DESC, x.id DESC",
        &[&person_id],
    )
}

/// A live person of this name who held this title (at an event or on the position timeline).
pub fn person_with_title(db: Db<'_>, full_name: &str, title: &str) -> Result<Option<i64>> {
    Ok(db
        .conn
        .query_row(
            "SELECT p.id FROM people p WHERE p.deleted_at IS NULL AND p.full_name = ?1 AND (
                EXISTS (SELECT 1 FROM event_participants x WHERE x.person_id = p.id
                        AND x.deleted_at IS NULL AND x.title = ?2)
                OR EXISTS (SELECT 1 FROM positions x WHERE x.person_id = p.id
                        AND x.deleted_at IS NULL AND x.title = ?2)
                OR EXISTS (SELECT 1 FROM personnel_changes x WHERE x.person_id = p.id
                        AND x.deleted_at IS NULL AND (x.from_title = ?2 OR x.to_title = ?2)))
             ORDER BY p.id LIMIT 1",
            params![full_name, title],
            |r| r.get(0),
        )
        .optional()?)
}

/// A live indicator one of whose aliases (folded labels) is `key`.
pub fn indicator_by_alias(db: Db<'_>, key: &str) -> Result<Option<i64>> {
    Ok(db
        .conn
        .query_row(
            "SELECT i.id FROM indicator_aliases a JOIN indicators i ON i.id = a.indicator_id
             WHERE a.alias_key = ?1 AND i.deleted_at IS NULL ORDER BY i.id LIMIT 1",
            [key],
            |r| r.get(0),
        )
        .optional()?)
}

/// The aliases (folded labels) of an indicator.
pub fn indicator_aliases(db: Db<'_>, indicator_id: i64) -> Result<Vec<String>> {
    let mut stmt = db.conn.prepare(
        "SELECT alias_key FROM indicator_aliases WHERE indicator_id = ?1 ORDER BY alias_key",
    )?;
    let out = stmt
        .query_map([indicator_id], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(out)
}

/// The code of `list` whose label folds to the same text as `label`.
pub fn code_by_label(db: Db<'_>, list: &str, label: &str) -> Result<Option<String>> {
    let key = crate::text::fold_key(label);
    Ok(codes(db, list)?
        .into_iter()
        .find(|(code, l, _)| crate::text::fold_key(l) == key || code == label)
        .map(|(code, _, _)| code))
}

/// How many units there are (live or not): a look-up that tells whether one was just created.
pub fn unit_count(db: Db<'_>) -> Result<i64> {
    Ok(db
        .conn
        .query_row("SELECT count(*) FROM units", [], |r| r.get(0))?)
}

/// A live position of the same person with the same title and start.
pub fn position_like(db: Db<'_>, p: &crate::domain::Position) -> Result<Option<i64>> {
    Ok(db
        .conn
        .query_row(
            "SELECT id FROM positions WHERE deleted_at IS NULL AND person_id = ?1 AND title = ?2
               AND from_date IS ?3 LIMIT 1",
            params![p.person_id, p.title, p.from_date],
            |r| r.get(0),
        )
        .optional()?)
}

/// How many user actions (undo steps) are numbered after `step`: the changes since a backup
/// whose last step that was.
pub fn steps_after(db: Db<'_>, step: i64) -> Result<i64> {
    Ok(db.conn.query_row(
        "SELECT count(DISTINCT step) FROM audit WHERE step > ?1",
        [step],
        |r| r.get(0),
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    #[test]
    fn every_list_answers_with_and_without_a_year() {
        let store = Store::open_in_memory().unwrap();
        for name in ListName::ALL {
            for year in [None, Some(2023)] {
                list(store.db(), name, year).unwrap();
            }
        }
        assert_eq!(
            list(store.db(), ListName::Indicators, None).unwrap().len(),
            16
        );
    }
}
