//! A cluster's members stay true to their year across the 1 July 2025 merger: Cụm thi đua số 2
//! had 14 members in 2023 and 9 after the merger.

mod common;

use common::*;
use thidua_core::services::facts_file;
use thidua_core::storage::provinces;

const AFTER_MERGER: &str = r#"{
 "source_file": "cum2-2025.txt",
 "title": "Cụm thi đua số 2 năm 2025",
 "event": {"kind": "so_ket", "name_vi": "Hội nghị sơ kết Cụm thi đua số 2", "date": "2025-07-20", "year_covered": 2025},
 "cluster": {"name": "Cụm thi đua số 2", "members": ["Lạng Sơn", "Quảng Ninh", "Hải Phòng", "Hưng Yên", "Bắc Ninh", "Ninh Bình", "Thanh Hóa", "Nghệ An", "Hà Tĩnh"]}
}"#;

#[test]
fn cluster_two_has_14_members_in_2023_and_9_in_2025() {
    let mut store = demo_store();
    facts_file::record_json(&mut store, AFTER_MERGER, None).unwrap();

    let count = |year| {
        list(&store, "members", Some(year))
            .iter()
            .filter(|m| s(m, "cluster") == "Cụm thi đua số 2")
            .count()
    };
    assert_eq!(count(2023), 14);
    assert_eq!(count(2025), 9);

    // 2025's Hải Phòng is the merged city (Hải Phòng + Hải Dương), a different province record.
    let conn = store.db();
    let units = list_all(&store, "units");
    let ids = |year: i32| -> Vec<String> {
        list(&store, "members", Some(year))
            .iter()
            .filter(|m| m["cluster"] == "Cụm thi đua số 2")
            .filter_map(|m| units.iter().find(|u| u["id"] == m["unit_id"]))
            .map(|u| u["province_id"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(ids(2023).contains(&"hai_phong".to_string()));
    assert!(ids(2025).contains(&"hai_phong_2025".to_string()));
    assert!(
        ids(2025).contains(&"ha_tinh".to_string()),
        "unchanged provinces keep their record"
    );
    // Every 2023 member province has a successor among 2025's members.
    for id in ids(2023) {
        let s = provinces::successor_on(conn, &id, "2025-12-31")
            .unwrap()
            .unwrap();
        assert!(ids(2025).contains(&s.id), "{id} → {}", s.id);
    }
}
