//! `thidua extract`: reads an article's text and proposes the facts it states, in the shape of
//! `facts-schema.md` (what `thidua record` takes), each item with the passage it was read from.
//! Deterministic rules written for Vietnamese news about the Organization sector's emulation
//! work, offline and explainable: every item carries its quote. Nothing is written.

mod awards;
mod changes;
mod cluster;
mod doc;
mod documents;
mod event;
pub(crate) mod header;
mod numbers;
mod people;
mod places;
mod stats;

use crate::services::facts_file::FactsFile;

/// The article's text as the rules read it and quotes count in (NFC, look-alike letters mended,
/// line ends unified): what a source should store so citations point at the right characters.
pub fn normalized_text(raw: &str) -> String {
    doc::Doc::new(raw).text
}

/// The facts an article states. `file_name` is recorded as the facts file's `source_file`.
pub fn extract(text: &str, file_name: Option<&str>) -> FactsFile {
    let doc = doc::Doc::new(text);
    let published = header::published(&doc.text);
    let title = header::title(&doc.text, doc.body_start);
    let found = event::find(&doc, title.as_deref(), published.as_deref());
    let event = found.event;
    let kind = event.kind.clone().unwrap_or_default();
    let cluster = cluster::find(&doc, event.year_covered, &kind);
    let period = event.year_covered.map(|y| y.to_string());
    let people = people::find(&doc);
    let personnel_changes = changes::find(&doc, &people);
    FactsFile {
        source_file: file_name.map(str::to_string),
        url: header::url(&doc.text),
        title: title.clone(),
        author: header::author(&doc.text),
        awards: awards::find(&doc, title.as_deref()),
        people,
        personnel_changes,
        documents: documents::find(&doc),
        stats: stats::find(&doc, period),
        cluster,
        event: Some(event),
        ..FactsFile::default()
    }
}

/// The facts as JSON without empty keys (what `thidua extract --json` prints).
pub fn to_json(facts: &FactsFile) -> serde_json::Value {
    fn strip(v: serde_json::Value) -> serde_json::Value {
        match v {
            serde_json::Value::Object(m) => serde_json::Value::Object(
                m.into_iter()
                    .filter(|(_, v)| !v.is_null() && !v.as_array().is_some_and(Vec::is_empty))
                    .map(|(k, v)| (k, strip(v)))
                    .collect(),
            ),
            serde_json::Value::Array(a) => {
                serde_json::Value::Array(a.into_iter().map(strip).collect())
            }
            other => other,
        }
    }
    strip(serde_json::to_value(facts).unwrap_or_default())
}
