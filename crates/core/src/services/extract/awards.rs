//! Awards an article states: "đề nghị Ban Tổ chức Trung ương tặng Cờ Thi đua … cho Ban Tổ chức
//! Tỉnh ủy Khánh Hòa; tặng Bằng khen cho 5 tập thể (…), 13 cá nhân …", a list of recipients
//! after "gồm:", or a headline "Văn phòng Tỉnh ủy được đề nghị tặng Cờ thi đua của Chính phủ".

use regex::Regex;
use std::sync::LazyLock;

use super::doc::Doc;
use crate::domain::{AwardStatus, RecipientKind};
use crate::services::facts_file::AwardIn;
use crate::text::fold_key;

static FORM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(cờ thi đua|bằng khen|giấy khen|huân chương [\p{L}]+(?:\s(?:hạng\s)?(?:nhất|nhì|ba|I{1,3}))?|kỷ niệm chương|danh hiệu [^,.;]+)").unwrap()
});
static COUNTED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d+)\s+(tập thể|cá nhân)").unwrap());
static BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:của|đề nghị)\s+(Thủ tướng Chính phủ|Thủ tướng Chỉnh phủ|Chính phủ|Chủ tịch nước|Ban Tổ chức Trung ương|Ban Chấp hành Trung ương|UBND tỉnh|Ủy ban nhân dân tỉnh|Tỉnh ủy|Bộ trưởng [^,.;]+|Ban Thường vụ Tỉnh ủy)").unwrap()
});
static PASSIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(.+?)\s+(?:được|đã được)\s+(?:đề nghị\s+)?(?:tặng|trao tặng|khen thưởng)")
        .unwrap()
});

pub fn find(doc: &Doc, title: Option<&str>) -> Vec<AwardIn> {
    let text = &doc.text;
    let mut out: Vec<AwardIn> = Vec::new();
    let lines: Vec<(usize, &str)> = text
        .split_inclusive('\n')
        .scan(0, |at, l| {
            let start = *at;
            *at += l.len();
            Some((start, l))
        })
        .collect();
    for (s, e) in doc.sentences.iter().copied() {
        let sentence = &text[s..e];
        if !FORM.is_match(sentence) {
            continue;
        }
        let is_title = title.is_some_and(|t| t.trim() == sentence.trim());
        let body_or_title = s >= doc.body_start || is_title;
        if !body_or_title {
            continue;
        }
        // An award is proposed until the clerk records its decision: the facts schema carries
        // no decision number, and a decided award without one is not a record the store takes.
        let status = AwardStatus::Proposed;
        let by = BY.captures(sentence).map(|c| c[1].to_string());
        // Each form in the sentence, with what follows it up to the next form.
        let forms: Vec<regex::Match> = FORM.find_iter(sentence).collect();
        for (i, f) in forms.iter().enumerate() {
            let seg_end = forms
                .get(i + 1)
                .map(|n| n.start())
                .unwrap_or(sentence.len());
            let seg = &sentence[f.end()..seg_end];
            let form = f.as_str().to_string();
            let (detail, recipients) = match seg.find(" cho ") {
                Some(c) => (seg[..c].trim(), &seg[c + " cho ".len()..]),
                None => (seg.trim(), ""),
            };
            let detail = detail.trim_matches([',', ';', ':']).trim();
            let base = AwardIn {
                form: form.clone(),
                form_detail: (!detail.is_empty() && detail.split_whitespace().count() <= 14)
                    .then(|| detail.to_string()),
                status: Some(status),
                by: by.clone(),
                quote: Some(doc.quote(s, e)),
                ..AwardIn::default()
            };
            let counted: Vec<regex::Captures> = COUNTED.captures_iter(recipients).collect();
            let list_follows =
                recipients.trim_end().ends_with("gồm:") || recipients.contains(" gồm:");
            if list_follows {
                // Recipients listed one per line after the sentence.
                let mut after = lines.iter().skip_while(|(ls, _)| *ls < e);
                for (ls, l) in after.by_ref() {
                    let item = l
                        .trim()
                        .trim_start_matches(['-', '–', '+', '•'])
                        .trim()
                        .trim_end_matches(['.', ';']);
                    if !l.trim_start().starts_with(['-', '–', '+', '•']) || item.is_empty() {
                        break;
                    }
                    out.push(AwardIn {
                        recipient: Some(item.to_string()),
                        recipient_kind: Some(RecipientKind::Collective),
                        count: Some(1),
                        quote: Some(doc.quote(*ls, ls + l.trim_end().len())),
                        ..base.clone()
                    });
                }
            } else if !counted.is_empty() {
                for c in counted {
                    out.push(AwardIn {
                        recipient_kind: Some(if &c[2] == "cá nhân" {
                            RecipientKind::Individual
                        } else {
                            RecipientKind::Collective
                        }),
                        count: c[1].parse().ok(),
                        ..base.clone()
                    });
                }
            } else if !recipients.trim().is_empty() {
                let who = recipients
                    .split([';', '.'])
                    .next()
                    .unwrap_or("")
                    .split(" có thành tích")
                    .next()
                    .unwrap_or("")
                    .trim();
                if !who.is_empty() && who.split_whitespace().count() <= 25 {
                    out.push(AwardIn {
                        recipient: Some(who.to_string()),
                        recipient_kind: Some(RecipientKind::Collective),
                        count: Some(1),
                        ..base.clone()
                    });
                }
            } else if let Some(c) = PASSIVE.captures(sentence) {
                let who = c[1].trim();
                if who.split_whitespace().count() <= 10 {
                    out.push(AwardIn {
                        recipient: Some(who.to_string()),
                        recipient_kind: Some(RecipientKind::Collective),
                        count: Some(1),
                        ..base.clone()
                    });
                }
            }
        }
    }
    // The same award stated twice (headline and body) once.
    let mut seen = std::collections::HashSet::new();
    out.retain(|a| {
        seen.insert((
            fold_key(&a.form),
            a.recipient.as_deref().map(fold_key),
            a.count,
            a.recipient_kind,
        ))
    });
    out
}
