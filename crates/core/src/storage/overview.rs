//! Queries behind the overview screen: a year's clusters and their leaders, events, awards by
//! status, personnel changes by kind, and figures with the year before.

use rusqlite::params;

use super::{Db, Result};

/// (cluster id, name, members that year, leader unit, deputy units).
pub type ClusterYearRow = (i64, String, i64, Option<String>, Vec<String>);
/// (indicator code, label, unit label, scope, period kind, months, value, percent, previous).
pub type FigureRow = (
    String,
    String,
    Option<String>,
    String,
    crate::domain::PeriodKind,
    Option<i64>,
    Option<f64>,
    Option<f64>,
    Option<f64>,
    Option<String>,
    Option<String>,
);
/// (id, label, hint) of a picker option.
pub type OptionRow = (String, String, Option<String>);

/// (cluster id, name, members that year, leader unit, deputy units).
pub fn clusters_in_year(db: Db<'_>, year: i32) -> Result<Vec<ClusterYearRow>> {
    let conn = db.conn;
    let mut stmt = conn.prepare(
        "SELECT c.id, c.name, count(m.id),
            (SELECT u.name FROM cluster_members x JOIN units u ON u.id = x.unit_id
              WHERE x.cluster_id = c.id AND x.year = ?1 AND x.role = 'cum_truong' AND x.deleted_at IS NULL LIMIT 1),
            (SELECT group_concat(name, '|') FROM (SELECT u.name FROM cluster_members x JOIN units u ON u.id = x.unit_id
              WHERE x.cluster_id = c.id AND x.year = ?1 AND x.role = 'cum_pho' AND x.deleted_at IS NULL
              ORDER BY u.name COLLATE vi))
         FROM clusters c JOIN cluster_members m ON m.cluster_id = c.id AND m.year = ?1 AND m.deleted_at IS NULL
         WHERE c.deleted_at IS NULL GROUP BY c.id ORDER BY c.name COLLATE vi",
    )?;
    let rows = stmt
        .query_map([year], |r| {
            let deputies: Option<String> = r.get(4)?;
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                deputies
                    .map(|d| d.split('|').map(str::to_string).collect())
                    .unwrap_or_default(),
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Award counts by status for an achievement year: (status code, label, count).
pub fn awards_by_status(db: Db<'_>, year: i32) -> Result<Vec<(String, String, i64)>> {
    let conn = db.conn;
    let mut stmt = conn.prepare(
        "SELECT s.code, s.label, count(a.id) FROM code_lists s
         LEFT JOIN awards a ON a.status = s.code AND a.deleted_at IS NULL AND a.achievement_year = ?1
         WHERE s.list = 'award_status' GROUP BY s.code ORDER BY s.position",
    )?;
    let rows = stmt
        .query_map([year], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Personnel changes decided (or effective) in a year, by kind: (code, label, count).
pub fn changes_by_kind(db: Db<'_>, year: i32) -> Result<Vec<(String, String, i64)>> {
    let conn = db.conn;
    let mut stmt = conn.prepare(
        "SELECT k.code, k.label, count(x.id) FROM personnel_changes x
         JOIN code_lists k ON k.list = 'change_kind' AND k.code = x.kind
         WHERE x.deleted_at IS NULL
           AND CAST(substr(coalesce(x.decision_date, x.effective_date, ''), 1, 4) AS INTEGER) = ?1
         GROUP BY k.code ORDER BY k.position",
    )?;
    let rows = stmt
        .query_map([year], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// A year's figures with the value of the same indicator, scope and period a year earlier:
/// (indicator code, label, unit label, scope, period kind, months, value, percent, previous value).
pub fn figures_with_previous(db: Db<'_>, year: i32) -> Result<Vec<FigureRow>> {
    let conn = db.conn;
    let mut stmt = conn.prepare(
        "SELECT i.code, i.label, i.unit_label, coalesce(u.name, c.name, f.scope_label, ''), f.period_kind,
            f.period_months, f.value, f.percent,
            (SELECT coalesce(p.value, p.percent) FROM figures p WHERE p.deleted_at IS NULL
               AND p.indicator_id = f.indicator_id AND p.period_year = ?1 - 1 AND p.period_kind = f.period_kind
               AND p.period_months IS f.period_months
               AND p.scope_unit_id IS f.scope_unit_id AND p.scope_cluster_id IS f.scope_cluster_id
               AND p.scope_label IS f.scope_label LIMIT 1),
            f.period_date, f.period_label
         FROM figures f JOIN indicators i ON i.id = f.indicator_id
         LEFT JOIN units u ON u.id = f.scope_unit_id LEFT JOIN clusters c ON c.id = f.scope_cluster_id
         WHERE f.deleted_at IS NULL AND f.period_year = ?1
         ORDER BY i.label COLLATE vi, coalesce(u.name, c.name, f.scope_label) COLLATE vi",
    )?;
    let rows = stmt
        .query_map(params![year], |r| {
            let period: String = r.get(4)?;
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                crate::domain::PeriodKind::from_code(&period).unwrap_or_default(),
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
                r.get(9)?,
                r.get(10)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Whole-year figures of an indicator, one row per scope and year: (scope key, scope name,
/// year, value). Scopes are never added together: a province and its cluster are two series.
pub fn indicator_series(db: Db<'_>, code: &str) -> Result<Vec<(String, String, i32, f64)>> {
    let conn = db.conn;
    let mut stmt = conn.prepare(
        "SELECT CASE WHEN f.scope_unit_id IS NOT NULL THEN 'unit:' || f.scope_unit_id
                     WHEN f.scope_cluster_id IS NOT NULL THEN 'cluster:' || f.scope_cluster_id
                     ELSE 'label:' || coalesce(f.scope_label, '') END,
                coalesce(u.name, c.name, f.scope_label, 'Toàn ngành'),
                f.period_year, coalesce(f.value, f.percent)
         FROM figures f JOIN indicators i ON i.id = f.indicator_id
         LEFT JOIN units u ON u.id = f.scope_unit_id LEFT JOIN clusters c ON c.id = f.scope_cluster_id
         WHERE f.deleted_at IS NULL AND i.code = ?1 AND f.period_kind = 'year' AND f.period_year IS NOT NULL
           AND coalesce(f.value, f.percent) IS NOT NULL
         ORDER BY 2 COLLATE vi, f.period_year",
    )?;
    let rows = stmt
        .query_map([code], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Years that have any dated record, newest first (the year picker).
pub fn years(db: Db<'_>) -> Result<Vec<i32>> {
    let conn = db.conn;
    let mut stmt = conn.prepare(
        "SELECT y FROM (
            SELECT year AS y FROM cluster_members WHERE deleted_at IS NULL
            UNION SELECT coalesce(date_year, year_covered) FROM events WHERE deleted_at IS NULL
            UNION SELECT achievement_year FROM awards WHERE deleted_at IS NULL
            UNION SELECT period_year FROM figures WHERE deleted_at IS NULL
            UNION SELECT CAST(substr(coalesce(decision_date, effective_date), 1, 4) AS INTEGER)
              FROM personnel_changes WHERE deleted_at IS NULL)
         WHERE y IS NOT NULL ORDER BY y DESC",
    )?;
    let rows = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Options for pickers: (id, label, hint) of live records of a kind, in Vietnamese order.
pub fn options(db: Db<'_>, kind: &str) -> Result<Option<Vec<OptionRow>>> {
    let conn = db.conn;
    let sql = match kind {
        "unit" => "SELECT CAST(u.id AS TEXT), u.name, p.name FROM units u LEFT JOIN provinces p ON p.id = u.province_id
                   WHERE u.deleted_at IS NULL ORDER BY u.name COLLATE vi",
        "person" => "SELECT CAST(id AS TEXT), full_name, CAST(birth_year AS TEXT) FROM people WHERE deleted_at IS NULL
                     ORDER BY given_name COLLATE vi, family_name COLLATE vi, middle_name COLLATE vi",
        "cluster" => "SELECT CAST(id AS TEXT), name, region FROM clusters WHERE deleted_at IS NULL ORDER BY name COLLATE vi",
        "event" => "SELECT CAST(id AS TEXT), name, CASE WHEN date_day IS NOT NULL THEN printf('%02d/%02d/%04d', date_day, date_month, date_year)
                      ELSE CAST(coalesce(date_year, year_covered) AS TEXT) END
                    FROM events WHERE deleted_at IS NULL ORDER BY coalesce(date_year, year_covered) DESC, name COLLATE vi",
        "award_form" => "SELECT CAST(id AS TEXT), name, NULL FROM award_forms WHERE deleted_at IS NULL ORDER BY name COLLATE vi",
        "indicator" => "SELECT CAST(id AS TEXT), label, unit_label FROM indicators WHERE deleted_at IS NULL ORDER BY label COLLATE vi",
        "pledge" => "SELECT CAST(g.id AS TEXT), c.name || ' — ' || g.year, NULL FROM pledges g JOIN clusters c ON c.id = g.cluster_id
                     WHERE g.deleted_at IS NULL ORDER BY g.year DESC",
        "source" => "SELECT CAST(id AS TEXT), title, published_date FROM sources WHERE deleted_at IS NULL ORDER BY title COLLATE vi",
        "document" => "SELECT CAST(id AS TEXT), concat_ws(' ', number, title), date FROM documents WHERE deleted_at IS NULL
                       ORDER BY coalesce(date, '') DESC, number COLLATE vi",
        "figure" => "SELECT CAST(f.id AS TEXT), concat(i.label, ' ', f.period_year), coalesce(u.name, c.name, f.scope_label)
                     FROM figures f JOIN indicators i ON i.id = f.indicator_id
                     LEFT JOIN units u ON u.id = f.scope_unit_id LEFT JOIN clusters c ON c.id = f.scope_cluster_id
                     WHERE f.deleted_at IS NULL ORDER BY f.period_year DESC, i.label COLLATE vi",
        "province" => "SELECT id, name, CASE WHEN valid_to IS NOT NULL THEN 'đến ' || strftime('%d/%m/%Y', valid_to)
                         WHEN valid_from IS NOT NULL THEN 'từ ' || strftime('%d/%m/%Y', valid_from) END
                       FROM provinces ORDER BY name COLLATE vi, coalesce(valid_from, '')",
        _ => return Ok(None),
    };
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Some(rows))
}

/// Member rows of a cluster in a year: (member id, unit id, role).
pub fn cluster_members_of(
    db: Db<'_>,
    cluster_id: i64,
    year: i32,
) -> Result<Vec<(i64, i64, crate::domain::MemberRole)>> {
    let conn = db.conn;
    let mut stmt = conn.prepare(
        "SELECT id, unit_id, role FROM cluster_members WHERE cluster_id = ?1 AND year = ?2 AND deleted_at IS NULL",
    )?;
    let rows = stmt
        .query_map(params![cluster_id, year], |r| {
            let role: String = r.get(2)?;
            let role = crate::domain::MemberRole::from_code(&role).unwrap_or_default();
            Ok((r.get(0)?, r.get(1)?, role))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
