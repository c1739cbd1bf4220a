//! `thidua demo` records every fact of the five sample articles: checked against the hand-made
//! gold files (copied from shared/seeds-gold into tests/facts/seeds).

mod common;

use common::*;
use serde_json::Value;
use thidua_core::text::fold_key;

fn gold(name: &str) -> Value {
    let path = format!(
        "{}/tests/facts/seeds/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

const ARTICLES: &[&str] = &[
    "000_ccbdce8a16f58e3b",
    "001_3c50e1bd063046b6",
    "002_66334c12e1a1c957",
    "003_873eefc0bbf7d54e",
    "004_2bc2382ec64f120d",
];

fn strs(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn every_gold_fact_is_recorded() {
    let store = demo_store();
    let events = list(&store, "events", None);
    let members = list(&store, "members", None);
    let participants = list(&store, "participants", None);
    let awards = list(&store, "awards", None);
    let figures = list(&store, "figures", None);

    for name in ARTICLES {
        let g = gold(name);
        let ev = &g["event"];
        // The event, with its kind, date and year under review.
        let kind = ev["kind"].as_str().unwrap();
        let found = events.iter().find(|e| {
            s(e, "kind") == kind
                && n(e, "year_covered") == ev["year_covered"].as_f64()
                && match ev["date"].as_str() {
                    Some(d) => {
                        format!(
                            "{:04}-{:02}-{:02}",
                            n(e, "date_year").unwrap_or(0.0) as i32,
                            n(e, "date_month").unwrap_or(0.0) as i32,
                            n(e, "date_day").unwrap_or(0.0) as i32
                        ) == d
                    }
                    None => e.get("date_day").is_none_or(Value::is_null),
                }
        });
        assert!(found.is_some(), "{name}: event not recorded");

        if let Some(c) = g.get("cluster") {
            let cluster_key = fold_key(c["name"].as_str().unwrap());
            let year = ev["year_covered"].as_i64().unwrap() as i32;
            let in_year: Vec<_> = members
                .iter()
                .filter(|m| {
                    fold_key(&s(m, "cluster")) == cluster_key && n(m, "year") == Some(year as f64)
                })
                .collect();
            let mut provinces: Vec<String> = in_year
                .iter()
                .map(|m| fold_key(&s(m, "province")))
                .collect();
            provinces.sort();
            let mut want: Vec<String> = strs(&c["members"]).iter().map(|p| fold_key(p)).collect();
            want.sort();
            assert_eq!(provinces, want, "{name}: members of {year}");

            let role_of = |year: f64, province: &str| {
                members
                    .iter()
                    .find(|m| {
                        fold_key(&s(m, "cluster")) == cluster_key
                            && n(m, "year") == Some(year)
                            && fold_key(&s(m, "province")) == fold_key(province)
                    })
                    .map(|m| s(m, "role_label"))
            };
            if let Some(l) = c["leader_next_year"].as_str() {
                assert_eq!(
                    role_of((year + 1) as f64, l).as_deref(),
                    Some("Cụm trưởng"),
                    "{name}"
                );
            }
            if let Some(l) = c["leader_current"].as_str() {
                assert_eq!(
                    role_of(year as f64, l).as_deref(),
                    Some("Cụm trưởng"),
                    "{name}"
                );
            }
            for d in strs(&c["deputies_next_year"]) {
                assert_eq!(
                    role_of((year + 1) as f64, &d).as_deref(),
                    Some("Cụm phó"),
                    "{name}: {d}"
                );
            }
        }

        for p in g["people"].as_array().into_iter().flatten() {
            let person = p["name"].as_str().unwrap();
            let title = p["title"].as_str().unwrap();
            assert!(
                participants
                    .iter()
                    .any(|x| s(x, "person") == person && s(x, "title") == title),
                "{name}: {person} — {title}"
            );
        }

        for a in g["awards"].as_array().into_iter().flatten() {
            let form = a["form"].as_str().unwrap();
            let ok = awards.iter().any(|x| {
                fold_key(&s(x, "form")) == fold_key(form)
                    && s(x, "status") == "de_nghi"
                    && match a["recipient"].as_str() {
                        Some(r) => s(x, "recipient") == r,
                        None => n(x, "recipient_count") == a["count"].as_f64(),
                    }
            });
            assert!(ok, "{name}: award {a}");
        }

        for st in g["stats"].as_array().into_iter().flatten() {
            let ok = figures.iter().any(|f| match st["value"].as_f64() {
                Some(v) => {
                    n(f, "value") == Some(v)
                        && st["total"]
                            .as_f64()
                            .is_none_or(|t| n(f, "denominator") == Some(t))
                }
                None => n(f, "percent") == st["percent"].as_f64(),
            });
            assert!(ok, "{name}: figure {st}");
        }
    }
}

#[test]
fn every_figure_cites_its_exact_passage() {
    let store = demo_store();
    let export = thidua_core::services::transfer::export(&store).unwrap();
    let table = |kind: &str| -> Vec<serde_json::Map<String, Value>> {
        export.records[kind]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_object().unwrap().clone())
            .collect()
    };
    let citations = table("citations");
    let sources = table("sources");
    let uncited = table("figures")
        .iter()
        .filter(|f| {
            !citations
                .iter()
                .any(|c| c["record_kind"] == "figure" && c["record_id"] == f["id"])
        })
        .count();
    assert_eq!(uncited, 0, "figures without a citation");
    let rows: Vec<(String, i64, i64, String)> = citations
        .iter()
        .map(|c| {
            let body = sources
                .iter()
                .find(|s| s["id"] == c["source_id"])
                .and_then(|s| s["body_text"].as_str())
                .unwrap_or_default()
                .to_string();
            (
                c["passage"].as_str().unwrap().to_string(),
                c["char_start"].as_i64().unwrap(),
                c["char_end"].as_i64().unwrap(),
                body,
            )
        })
        .collect();
    assert!(rows.len() >= 24);
    for (passage, start, end, body) in rows {
        let slice: String = body
            .chars()
            .skip(start as usize)
            .take((end - start) as usize)
            .collect();
        assert_eq!(slice, passage);
    }
}

#[test]
fn demo_is_idempotent() {
    let mut store = demo_store();
    let before = everything(&store);
    assert_eq!(thidua_core::services::demo::load(&mut store).unwrap(), 0);
    assert_eq!(everything(&store), before);
}
