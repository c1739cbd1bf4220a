//! Personnel changes an article reports: people with their titles in a sentence naming a change
//! ("… cho nghỉ hưu trước tuổi Giám đốc Sở … Nguyễn Bá Luân"), or listed right after one
//! ("… 5 cán bộ … nghỉ hưu trước tuổi. Theo văn bản, các cán bộ gồm có: Bà …, Giám đốc …;
//! ông …"). The one who signs or announces ("… Lê Thanh Nghiêm vừa ký văn bản") is not changed.

use super::doc::Doc;
use crate::services::facts_file::{ChangeIn, PersonIn};
use crate::text::fold;

/// Words naming a change, with its `change_kind` code; longer phrases first.
const KINDS: &[(&str, &str)] = &[
    ("bổ nhiệm lại", "bo_nhiem_lai"),
    ("cho thôi giữ chức vụ", "cho_thoi_giu_chuc_vu"),
    ("thôi cấp ủy viên", "thoi_cap_uy_vien"),
    ("giới thiệu ứng cử", "gioi_thieu_ung_cu"),
    ("nghỉ hưu", "nghi_huu"),
    ("bổ nhiệm", "bo_nhiem"),
    ("luân chuyển", "luan_chuyen"),
    ("điều động", "dieu_dong"),
    ("miễn nhiệm", "mien_nhiem"),
    ("từ chức", "tu_chuc"),
    ("chỉ định", "chi_dinh"),
    ("hiệp y", "hiep_y"),
    ("kỷ luật", "ky_luat"),
];

/// What the one acting does, right after their name.
const ACTS: &[&str] = &[
    " vừa ký",
    " ký ",
    " trao ",
    " công bố",
    " chủ trì",
    " phát biểu",
    " cũng thông báo",
];

fn kind_in(text: &str) -> Option<(&'static str, &'static str)> {
    let lower = text.to_lowercase();
    KINDS
        .iter()
        .find(|(w, _)| lower.contains(w))
        .map(|(w, k)| (*w, *k))
}

pub fn find(doc: &Doc, people: &[PersonIn]) -> Vec<ChangeIn> {
    let text = &doc.text;
    let mut out: Vec<ChangeIn> = Vec::new();
    let sentences: Vec<(usize, usize)> = doc.body_sentences().collect();
    for (i, (s, e)) in sentences.iter().copied().enumerate() {
        let sentence = &text[s..e];
        let lower = sentence.to_lowercase();
        // The change is named here, or this sentence lists those the previous one named.
        let here = kind_in(sentence);
        let listed = (lower.contains("gồm") || lower.contains("sau:"))
            .then(|| {
                i.checked_sub(1)
                    .and_then(|p| kind_in(&text[sentences[p].0..sentences[p].1]))
            })
            .flatten();
        let Some((written, kind)) = here.or(listed) else {
            continue;
        };
        for p in people {
            let (Some(name), Some(title)) = (&p.name, &p.title) else {
                continue;
            };
            let Some(at) = sentence.find(name.as_str()) else {
                continue;
            };
            let after = &sentence[at + name.len()..];
            if ACTS.iter().any(|a| after.starts_with(a)) {
                continue;
            }
            if out.iter().any(|c| fold(&c.person) == fold(name)) {
                continue;
            }
            let appointed = matches!(
                kind,
                "bo_nhiem" | "bo_nhiem_lai" | "chi_dinh" | "dieu_dong" | "luan_chuyen"
            );
            out.push(ChangeIn {
                kind: kind.to_string(),
                kind_as_written: Some(written.to_string()),
                person: name.clone(),
                from: (!appointed).then(|| title.clone()),
                to: appointed.then(|| title.clone()),
                quote: Some(doc.quote(s, e)),
                ..ChangeIn::default()
            });
        }
    }
    out
}
