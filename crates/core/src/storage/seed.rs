//! Migration 2's data: the starting code lists, award forms, indicators and the provinces (63
//! before and 34 after the 1 July 2025 merger) from `assets/data/provinces.json`.

use rusqlite::{params, Transaction};
use serde::Deserialize;

use crate::domain::codes;
use crate::text::fold_key;

const PROVINCES_JSON: &str = include_str!("../../../../assets/data/provinces.json");

#[derive(Deserialize)]
struct ProvinceFile {
    provinces: Vec<ProvinceEntry>,
}

#[derive(Deserialize)]
struct ProvinceEntry {
    id: String,
    name: String,
    kind: String,
    region: Option<String>,
    valid_from: Option<String>,
    valid_to: Option<String>,
    successor: Option<String>,
    aliases: Vec<String>,
}

pub(super) fn seed_v2(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    for (pos, (list, code, label)) in codes::SEED.iter().enumerate() {
        tx.execute(
            "INSERT INTO code_lists (list, code, label, position) VALUES (?1, ?2, ?3, ?4)",
            params![list, code, label, pos as i64],
        )?;
    }
    for (code, name, kinds) in codes::AWARD_FORMS {
        tx.execute(
            "INSERT INTO award_forms (code, name, recipient_kinds) VALUES (?1, ?2, ?3)",
            params![code, name, kinds],
        )?;
    }
    for (code, label, unit, agg) in codes::INDICATORS {
        tx.execute(
            "INSERT INTO indicators (code, label, unit_label, aggregation) VALUES (?1, ?2, ?3, ?4)",
            params![code, label, unit, agg],
        )?;
    }
    let file: ProvinceFile = serde_json::from_str(PROVINCES_JSON)
        .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
    // Successors refer forward; insert all rows first, then link them.
    for p in &file.provinces {
        tx.execute(
            "INSERT INTO provinces (id, name, kind, valid_from, valid_to, region) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![p.id, p.name, p.kind, p.valid_from, p.valid_to, p.region],
        )?;
    }
    for p in &file.provinces {
        if let Some(s) = &p.successor {
            tx.execute(
                "UPDATE provinces SET successor_id = ?2 WHERE id = ?1",
                params![p.id, s],
            )?;
        }
        for alias in std::iter::once(&p.name).chain(&p.aliases) {
            tx.execute(
                "INSERT OR IGNORE INTO province_aliases (alias_key, province_id) VALUES (?1, ?2)",
                params![fold_key(alias), p.id],
            )?;
        }
    }
    Ok(())
}

/// Schema version 3 and the code-list entries it needs.
pub(super) fn model_v3(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    tx.execute_batch(include_str!("migrations/0003_model.sql"))?;
    let next: i64 = tx.query_row(
        "SELECT coalesce(max(position), 0) + 1 FROM code_lists",
        [],
        |r| r.get(0),
    )?;
    for (i, (list, code, label)) in codes::SEED_V3.iter().enumerate() {
        tx.execute(
            "INSERT OR IGNORE INTO code_lists (list, code, label, position) VALUES (?1, ?2, ?3, ?4)",
            params![list, code, label, next + i as i64],
        )?;
    }
    // Every indicator's own label is an alias of it.
    let labels: Vec<(i64, String)> = tx
        .prepare("SELECT id, label FROM indicators")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, label) in labels {
        tx.execute(
            "INSERT OR IGNORE INTO indicator_aliases (alias_key, indicator_id) VALUES (?1, ?2)",
            params![fold_key(&label), id],
        )?;
    }
    Ok(())
}
