//! Province look-ups: by any spelling, at a date, and along the merger's successor links.

use rusqlite::OptionalExtension;

use super::{Db, Result};
use crate::domain::Province;
use crate::text::fold_key;

const COLS: &str = "id, name, kind, valid_from, valid_to, successor_id, region";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Province> {
    Ok(Province {
        id: r.get(0)?,
        name: r.get(1)?,
        kind: r.get(2)?,
        valid_from: r.get(3)?,
        valid_to: r.get(4)?,
        successor_id: r.get(5)?,
        region: r.get(6)?,
    })
}

pub fn get(db: Db<'_>, id: &str) -> Result<Option<Province>> {
    let conn = db.conn;
    Ok(conn
        .query_row(
            &format!("SELECT {COLS} FROM provinces WHERE id = ?1"),
            [id],
            row,
        )
        .optional()?)
}

/// The last day of `year`, the date a year-only reference is resolved at: a unit named in a 2025
/// record is the post-merger one.
pub fn year_end(year: i32) -> String {
    format!("{year:04}-12-31")
}

/// Words that may precede a province's name ("tỉnh Đắk Lắk", "TP. Đà Nẵng").
const PREFIXES: &[&str] = &["tinh ", "thanh pho ", "tp "];

/// Every province a spelling may mean (several when the name existed before and after 2025).
pub fn by_name(db: Db<'_>, name: &str) -> Result<Vec<Province>> {
    let conn = db.conn;
    let key = fold_key(name);
    let mut keys = vec![key.clone()];
    for p in PREFIXES {
        if let Some(rest) = key.strip_prefix(p) {
            keys.push(rest.to_string());
        }
    }
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLS} FROM provinces WHERE id IN
           (SELECT province_id FROM province_aliases WHERE alias_key = ?1)
         ORDER BY coalesce(valid_from, '')"
    ))?;
    for k in keys {
        let found = stmt
            .query_map([k], row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        if !found.is_empty() {
            return Ok(found);
        }
    }
    Ok(Vec::new())
}

/// The province a spelling means on `iso_date`.
pub fn resolve(db: Db<'_>, name: &str, iso_date: &str) -> Result<Option<Province>> {
    Ok(by_name(db, name)?
        .into_iter()
        .find(|p| p.valid_on(iso_date)))
}

/// The province that `id` had become by `iso_date` (itself when still valid then).
pub fn successor_on(db: Db<'_>, id: &str, iso_date: &str) -> Result<Option<Province>> {
    let mut current = get(db, id)?;
    for _ in 0..4 {
        match current {
            Some(p) if !p.valid_on(iso_date) && p.successor_id.is_some() => {
                current = get(db, p.successor_id.as_deref().unwrap_or_default())?;
            }
            other => return Ok(other),
        }
    }
    Ok(current)
}

/// Provinces valid on a date (all of them when None), in Vietnamese order.
pub fn list(db: Db<'_>, iso_date: Option<&str>) -> Result<Vec<Province>> {
    let conn = db.conn;
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLS} FROM provinces ORDER BY name COLLATE vi, coalesce(valid_from, '')"
    ))?;
    let all = stmt
        .query_map([], row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(match iso_date {
        Some(d) => all.into_iter().filter(|p| p.valid_on(d)).collect(),
        None => all,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    #[test]
    fn sixty_three_before_and_thirty_four_after_the_merger() {
        let store = Store::open_in_memory().unwrap();
        assert_eq!(list(store.db(), Some("2023-12-31")).unwrap().len(), 63);
        assert_eq!(list(store.db(), Some("2025-07-01")).unwrap().len(), 34);
        assert_eq!(list(store.db(), Some("2026-01-01")).unwrap().len(), 34);
    }

    #[test]
    fn merger_successors_follow_the_resolution() {
        let store = Store::open_in_memory().unwrap();
        let c = store.db();
        let cases = [
            ("Bình Định", "Gia Lai"),
            ("Quảng Bình", "Quảng Trị"),
            ("Đắk Nông", "Lâm Đồng"),
            ("Bà Rịa - Vũng Tàu", "TP. Hồ Chí Minh"),
            ("Thừa Thiên Huế", "Huế"),
            ("Hà Giang", "Tuyên Quang"),
            ("Kon Tum", "Quảng Ngãi"),
            ("Hà Nội", "Hà Nội"),
        ];
        for (old, new) in cases {
            let p = resolve(c, old, "2023-12-31").unwrap().unwrap();
            let s = successor_on(c, &p.id, "2025-12-31").unwrap().unwrap();
            assert_eq!(s.name, new, "{old}");
            assert!(s.valid_on("2025-12-31"));
        }
    }

    #[test]
    fn spelling_variants_resolve_to_one_province() {
        let store = Store::open_in_memory().unwrap();
        let c = store.db();
        let same = [
            ("Đắk Nông", "Đăk Nông"),
            ("Đắk Lắk", "Đăk Lăk"),
            ("Thừa Thiên Huế", "Thừa Thiên - Huế"),
            ("TP. Hồ Chí Minh", "Thành phố Hồ Chí Minh"),
            ("Bà Rịa - Vũng Tàu", "Bà Rịa–Vũng Tàu"),
            ("Khánh Hòa", "Khánh Hoà"),
            ("Thanh Hóa", "Thanh Hoá"),
            ("Đắk Lắk", "tỉnh Đắk Lắk"),
        ];
        for (a, b) in same {
            let pa = resolve(c, a, "2023-06-01").unwrap().unwrap();
            let pb = resolve(c, b, "2023-06-01").unwrap().unwrap();
            assert_eq!(pa.id, pb.id, "{a} / {b}");
        }
        assert!(resolve(c, "Atlantis", "2023-06-01").unwrap().is_none());
    }

    #[test]
    fn a_name_means_the_unit_valid_at_the_date() {
        let store = Store::open_in_memory().unwrap();
        let c = store.db();
        assert_eq!(
            resolve(c, "Gia Lai", "2023-12-31").unwrap().unwrap().id,
            "gia_lai"
        );
        assert_eq!(
            resolve(c, "Gia Lai", "2025-12-31").unwrap().unwrap().id,
            "gia_lai_2025"
        );
        assert_eq!(
            resolve(c, "Hà Tĩnh", "2025-12-31").unwrap().unwrap().id,
            "ha_tinh"
        );
        assert!(resolve(c, "Bình Định", "2025-12-31").unwrap().is_none());
    }
}
