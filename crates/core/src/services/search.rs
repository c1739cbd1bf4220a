//! Search across every record: case- and diacritic-insensitive (đ included), word-prefix matching,
//! ranked so that exact matches come first ("Đà" before "Da"), with a snippet around the match.

use serde::Serialize;
use ts_rs::TS;

use crate::domain::RecordKind;
use crate::storage::{search as index, Result, Store};
use crate::text::{fold_key, nfc};

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
            let mut exact_word_hits = vec![false; exact_words.len()];
            for w in words(&exact_l) {
                for (hit, q) in exact_word_hits.iter_mut().zip(&exact_words) {
                    *hit |= w.starts_with(q.as_str());
                }
            }
            // Whole words before prefixes: "khanh hoa" is Khánh Hòa, not "Khánh … Hoàng".
            let mut whole = vec![false; tokens.len()];
            for w in words(&c.folded) {
                for (hit, t) in whole.iter_mut().zip(&tokens) {
                    *hit |= w == t;
                }
            }
            let count = |v: &[bool]| v.iter().filter(|x| **x).count();
            // The tier a document came from tells whether its title and text hold the words
            // in order: a tier is asked only once the ones before it were read to the end.
            let key = (
                !title_l.contains(&exact_query),
                !exact_l.contains(&exact_query),
                c.tier > index::Tier::TitlePhrase,
                c.tier > index::Tier::TextPhrase,
                std::cmp::Reverse(count(&whole)),
                std::cmp::Reverse(count(&exact_word_hits)),
                c.tier,
                c.exact.len(),
            );
            (key, c)
        })
        .collect();
    ranked.sort_by_key(|(k, _)| *k);
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

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// The folded text with, for each folded char, the index of the original char it came from.
fn folded_with_map(text: &[char]) -> (Vec<char>, Vec<usize>) {
    let mut folded = Vec::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len());
    for (i, &c) in text.iter().enumerate() {
        // `text::fold`, a character at a time without allocating one string per character.
        unicode_normalization::char::decompose_canonical(c, |d| match d {
            '\u{0300}'..='\u{036f}' => {}
            'đ' | 'Đ' => {
                folded.push('d');
                map.push(i);
            }
            d => {
                for l in d.to_lowercase() {
                    folded.push(l);
                    map.push(i);
                }
            }
        });
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
