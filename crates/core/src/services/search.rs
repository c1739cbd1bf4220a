//! Search across every record: case- and diacritic-insensitive (đ included), word-prefix matching,
//! ranked so that exact matches come first ("Đà" before "Da"), with a snippet around the match.

use serde::Serialize;
use ts_rs::TS;

use crate::domain::RecordKind;
use crate::storage::{search as index, Result, Store};
use crate::text::{fold, fold_key, nfc};

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SearchHit {
    pub kind: RecordKind,
    pub kind_label: String,
    pub record_id: i64,
    pub title: String,
    /// Text around the first match.
    pub snippet: String,
    /// Character ranges [start, end) of the matches within `snippet`.
    pub marks: Vec<[usize; 2]>,
}

/// How many candidates FTS gives before re-ranking; enough for any page a person reads.
pub const CANDIDATES: usize = 400;
const SNIPPET_CONTEXT: usize = 60;

pub fn search(store: &Store, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
    let tokens: Vec<String> = fold_key(query)
        .split_whitespace()
        .map(str::to_string)
        .collect();
    if tokens.is_empty() {
        return Ok(Vec::new());
    }
    let exact_query = nfc(query.trim()).to_lowercase();
    let exact_words: Vec<String> = exact_query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    let mut ranked: Vec<_> = index::candidates(store.db(), &tokens, CANDIDATES)?
        .into_iter()
        .map(|c| {
            let title_l = c.title.to_lowercase();
            let exact_l = c.exact.to_lowercase();
            let words_l: Vec<&str> = exact_l.split(|ch: char| !ch.is_alphanumeric()).collect();
            let exact_word_hits = exact_words
                .iter()
                .filter(|q| words_l.iter().any(|w| w.starts_with(q.as_str())))
                .count();
            let folded_title = words(&fold(&c.title));
            let folded_text = words(&fold(&c.exact));
            // Whole words before prefixes: "khanh hoa" is Khánh Hòa, not "Khánh … Hoàng".
            let whole_hits = tokens
                .iter()
                .filter(|t| folded_text.iter().any(|w| w == *t))
                .count();
            let key = (
                !title_l.contains(&exact_query),
                !exact_l.contains(&exact_query),
                !has_phrase(&folded_title, &tokens),
                !has_phrase(&folded_text, &tokens),
                std::cmp::Reverse(whole_hits),
                std::cmp::Reverse(exact_word_hits),
            );
            (key, c)
        })
        .collect();
    ranked.sort_by(|(ka, a), (kb, b)| ka.cmp(kb).then(a.bm25.total_cmp(&b.bm25)));
    Ok(ranked
        .into_iter()
        .take(limit)
        .map(|(_, c)| {
            let (snippet, marks) = snippet(&c.exact, &tokens);
            SearchHit {
                kind: c.kind,
                kind_label: c.kind.label_vi().to_string(),
                record_id: c.record_id,
                title: c.title,
                snippet,
                marks,
            }
        })
        .collect())
}

fn words(folded: &str) -> Vec<String> {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether `tokens` occur as consecutive whole words (the last may be a prefix: typing goes on).
fn has_phrase(words: &[String], tokens: &[String]) -> bool {
    let n = tokens.len();
    n > 0
        && words.windows(n).any(|w| {
            w.iter().zip(tokens).enumerate().all(|(i, (word, t))| {
                if i + 1 == n {
                    word.starts_with(t.as_str())
                } else {
                    word == t
                }
            })
        })
}

/// The folded text with, for each folded char, the index of the original char it came from.
fn folded_with_map(text: &[char]) -> (Vec<char>, Vec<usize>) {
    let mut folded = Vec::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len());
    for (i, c) in text.iter().enumerate() {
        for f in fold(&c.to_string()).chars() {
            folded.push(f);
            map.push(i);
        }
    }
    (folded, map)
}

/// Finds each token as a word prefix in the folded text and maps the hits back to the original.
fn snippet(exact: &str, tokens: &[String]) -> (String, Vec<[usize; 2]>) {
    let chars: Vec<char> = exact.chars().collect();
    let (folded, map) = folded_with_map(&chars);
    let mut hits: Vec<[usize; 2]> = Vec::new();
    for t in tokens {
        let t: Vec<char> = t.chars().collect();
        let found = |whole: bool| {
            (0..(folded.len() + 1).saturating_sub(t.len())).find(|&i| {
                let starts = i == 0 || !folded[i - 1].is_alphanumeric();
                let end = i + t.len();
                let ends = end == folded.len() || !folded[end].is_alphanumeric();
                starts && folded[i..end] == t[..] && (!whole || ends)
            })
        };
        // A whole-word occurrence is marked before any word that merely starts with the token.
        if let Some(i) = found(true).or_else(|| found(false)) {
            if !t.is_empty() {
                hits.push([map[i], map[i + t.len() - 1] + 1]);
            }
        }
    }
    hits.sort();
    let first = hits.first().map(|h| h[0]).unwrap_or(0);
    let from = first.saturating_sub(SNIPPET_CONTEXT);
    let to = (first + SNIPPET_CONTEXT * 2).min(chars.len());
    let mut text: String = chars[from..to].iter().collect();
    let mut offset = 0;
    if from > 0 {
        text.insert(0, '…');
        offset = 1;
    }
    if to < chars.len() {
        text.push('…');
    }
    let marks = hits
        .into_iter()
        .filter(|h| h[0] >= from && h[1] <= to)
        .map(|h| [h[0] - from + offset, h[1] - from + offset])
        .collect();
    (text, marks)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippet_marks_the_original_characters() {
        let (s, marks) = snippet("Ban Tổ chức Tỉnh ủy Đắk Lắk", &["dak".into(), "lak".into()]);
        let chars: Vec<char> = s.chars().collect();
        let marked: Vec<String> = marks
            .iter()
            .map(|m| chars[m[0]..m[1]].iter().collect())
            .collect();
        assert_eq!(marked, vec!["Đắk", "Lắk"]);
    }

    #[test]
    fn whole_words_are_marked_before_prefixes() {
        let text = "Đồng chí Hoàng Văn A dự hội nghị tại Khánh Hòa";
        let (s, marks) = snippet(text, &["khanh".into(), "hoa".into()]);
        let chars: Vec<char> = s.chars().collect();
        let marked: Vec<String> = marks
            .iter()
            .map(|m| chars[m[0]..m[1]].iter().collect())
            .collect();
        assert_eq!(marked, vec!["Khánh", "Hòa"]);
    }
}
