//! The article as the rules read it: NFC text with look-alike letters mended, its sentences,
//! and quotes given as character offsets into that text (what citations store).

use crate::services::facts_file::Quote;

pub struct Doc {
    pub text: String,
    /// Byte ranges of sentences (split at line ends and at ". " before a capital).
    pub sentences: Vec<(usize, usize)>,
    /// Where the body starts (after the header lines: URL, site name, title, date).
    pub body_start: usize,
}

/// Letters that look like Vietnamese ones but are not: the Icelandic eth "Ð" typed for "Đ".
/// Invisible and control characters go the way the stored article's do (`text::article_text`),
/// so quotes count characters in exactly the text a source keeps.
fn mend(text: &str) -> String {
    crate::text::article_text(text)
        .replace('\u{00D0}', "Đ")
        .replace('\u{00F0}', "đ")
        .replace('\u{00A0}', " ")
}

impl Doc {
    pub fn new(raw: &str) -> Doc {
        let text = mend(raw);
        let sentences = split_sentences(&text);
        let body_start = super::header::body_start(&text);
        Doc {
            text,
            sentences,
            body_start,
        }
    }

    pub fn quote(&self, start: usize, end: usize) -> Quote {
        let start = floor_char(&self.text, start);
        let end = floor_char(&self.text, end.max(start));
        let chars_before = self.text[..start].chars().count() as i64;
        let piece = &self.text[start..end];
        Quote {
            start: chars_before,
            end: chars_before + piece.chars().count() as i64,
            text: piece.to_string(),
        }
    }

    /// The sentence holding byte `at`.
    pub fn sentence_at(&self, at: usize) -> (usize, usize) {
        self.sentences
            .iter()
            .copied()
            .find(|(s, e)| *s <= at && at < *e)
            .unwrap_or((at, at))
    }

    pub fn body_sentences(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.sentences
            .iter()
            .copied()
            .filter(move |(s, _)| *s >= self.body_start)
    }
}

pub fn floor_char(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn split_sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        let end_here = if c == '\n' {
            Some(at)
        } else if matches!(c, '.' | '!' | '?' | '…') {
            // ". X" with X a capital (or an opening quote) ends a sentence; "T.Ư", "TP. Hồ Chí
            // Minh" and "41-QĐ/TW." inside a line are not ends when the next word is a name
            // part of the same unit, which a short run before the dot shows.
            let next_space = chars.get(i + 1).is_some_and(|(_, n)| *n == ' ');
            let next_cap = chars
                .get(i + 2)
                .is_some_and(|(_, n)| n.is_uppercase() || *n == '"' || *n == '“');
            let before: String = chars[i.saturating_sub(3)..i]
                .iter()
                .map(|(_, c)| c)
                .collect();
            let abbreviation =
                before.ends_with("TP") || before.ends_with("Tp") || before.ends_with(" T");
            if next_space && next_cap && !abbreviation {
                Some(at + c.len_utf8())
            } else {
                None
            }
        } else {
            None
        };
        if let Some(end) = end_here {
            if !text[start..end].trim().is_empty() {
                out.push((start, end));
            }
            start = end;
            if c == '\n' {
                start = at + 1;
            }
        }
        i += 1;
    }
    if start < text.len() && !text[start..].trim().is_empty() {
        out.push((start, text.len()));
    }
    // Trim white space off each range.
    out.into_iter()
        .map(|(s, e)| {
            let piece = &text[s..e];
            let lead = piece.len() - piece.trim_start().len();
            let trail = piece.len() - piece.trim_end().len();
            (s + lead, e - trail)
        })
        .filter(|(s, e)| s < e)
        .collect()
}
