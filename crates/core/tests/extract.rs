//! `thidua extract` on the real articles of the fixtures: what it proposes is what `thidua
//! record` takes (every article's facts record into one store, citing their passages), and each
//! quote's offsets find its text in the article even when the article was not NFC or used
//! look-alike letters.

mod common;

use std::path::Path;

use thidua_core::services::{extract, facts_file, lists};
use unicode_normalization::UnicodeNormalization;

fn articles() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for dir in ["seeds", "dev"] {
        let base = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/facts")
            .join(dir);
        let mut names: Vec<_> = std::fs::read_dir(&base)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        names.sort();
        for p in names {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            out.push((name, std::fs::read_to_string(&p).unwrap()));
        }
    }
    out
}

fn quotes(v: &serde_json::Value, out: &mut Vec<(i64, i64, String)>) {
    match v {
        serde_json::Value::Object(m) => {
            if let Some(q) = m.get("quote") {
                out.push((
                    q["start"].as_i64().unwrap(),
                    q["end"].as_i64().unwrap(),
                    q["text"].as_str().unwrap().to_string(),
                ));
            }
            m.values().for_each(|x| quotes(x, out));
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| quotes(x, out)),
        _ => {}
    }
}

#[test]
fn every_quote_points_at_its_text() {
    for (name, raw) in articles() {
        // Decomposed input and the eth look-alike must not shift offsets.
        let raw: String = raw.nfd().collect::<String>().replace('Đ', "Ð");
        let facts = extract::extract(&raw, Some(&name));
        let json = extract::to_json(&facts);
        let text: Vec<char> = extract::normalized_text(&raw).chars().collect();
        let mut qs = Vec::new();
        quotes(&json, &mut qs);
        assert!(!qs.is_empty(), "{name}");
        for (s, e, t) in qs {
            let slice: String = text[s as usize..e as usize].iter().collect();
            assert_eq!(slice, t, "{name}");
        }
    }
}

#[test]
fn what_extract_proposes_records_through_thidua_record() {
    let mut store = common::store();
    for (name, raw) in articles() {
        let facts = extract::extract(&raw, Some(&name));
        let json = extract::to_json(&facts).to_string();
        let body = extract::normalized_text(&raw);
        let done = facts_file::record_json(&mut store, &json, Some(&body))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(done.citations > 0, "{name}");
    }
    let events = lists::list(&store, thidua_core::domain::ListName::Events, None)
        .unwrap()
        .len();
    assert!(events >= 15, "{events}");
    // A cluster's members as the seed lists them.
    let members = common::list(&store, "members", Some(2023));
    assert!(members
        .iter()
        .any(|m| common::s(m, "unit") == "Ban Tổ chức Tỉnh ủy Đắk Nông"));
}

#[test]
fn the_proposals_of_one_seed_are_those_its_text_states() {
    let (_, raw) = articles()
        .into_iter()
        .find(|(n, _)| n.starts_with("000_"))
        .unwrap();
    let f = extract::extract(&raw, None);
    let e = f.event.unwrap();
    assert_eq!(e.kind.as_deref(), Some("tong_ket"));
    assert_eq!(e.date.as_deref(), Some("2023-12-08"));
    assert!(e.date_note.unwrap().contains("Sáng ngày 8/12"));
    assert_eq!(e.year_covered, Some(2023));
    assert_eq!(e.ky_giao_uoc_nam, Some(2024));
    let c = f.cluster.unwrap();
    assert_eq!(c.name, "Cụm thi đua số III");
    assert_eq!(c.members.unwrap().len(), 13);
    assert_eq!(c.leader_next_year.as_deref(), Some("Quảng Trị"));
    assert_eq!(
        c.deputies_next_year.unwrap(),
        ["Bình Định", "Thừa Thiên Huế", "Đắk Nông"]
    );
    let values: Vec<f64> = f.stats.iter().filter_map(|s| s.value).collect();
    for v in [757.0, 20.0, 1722.0, 20777.0, 1825.0, 13.0] {
        assert!(values.contains(&v), "{v} in {values:?}");
    }
    let counted: Vec<(String, Option<i64>)> =
        f.awards.iter().map(|a| (a.form.clone(), a.count)).collect();
    assert!(counted.contains(&("Bằng khen".to_string(), Some(5))));
    assert!(counted.contains(&("Bằng khen".to_string(), Some(13))));
    let giờ = f
        .people
        .iter()
        .find(|p| p.name.as_deref() == Some("Nguyễn Giờ"))
        .unwrap();
    assert!(giờ
        .title
        .as_deref()
        .unwrap()
        .starts_with("Ủy viên Ban Thường vụ Tỉnh ủy"));
}

#[test]
fn retirements_listed_after_the_sentence_naming_them_are_changes_not_the_signer() {
    let (_, raw) = articles()
        .into_iter()
        .find(|(n, _)| n == "d21.txt")
        .unwrap();
    let f = extract::extract(&raw, None);
    let gold: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/facts/dev/d21.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let mut want: Vec<(String, String)> = gold["personnel_changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["person"].as_str().unwrap().to_string(),
                c["from"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let mut got: Vec<(String, String)> = f
        .personnel_changes
        .iter()
        .map(|c| (c.person.clone(), c.from.clone().unwrap_or_default()))
        .collect();
    want.sort();
    got.sort();
    assert_eq!(got, want);
    assert!(f.personnel_changes.iter().all(|c| c.kind == "nghi_huu"));
    // The numbered decrees the article cites, dated by the year in their number.
    let numbers: Vec<&str> = f
        .documents
        .iter()
        .filter_map(|d| d.number.as_deref())
        .collect();
    assert_eq!(numbers, ["178/2024/NĐ-CP", "177/2024/NĐ-CP"]);
}
