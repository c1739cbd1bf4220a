//! Text output in Vietnamese conventions: numbers 20.777 and 60,52, dates dd/mm/yyyy.

use std::io::Write;

use serde::Serialize;

/// Like `println!`, but a closed pipe (`thidua list … | head`) ends the program quietly instead of
/// panicking.
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::print::line(&format!($($arg)*))
    };
}

pub fn line(text: &str) {
    let mut stdout = std::io::stdout().lock();
    if writeln!(stdout, "{text}").is_err() {
        std::process::exit(0);
    }
}
use serde_json::{Map, Value};

pub fn json<T: Serialize>(value: &T) {
    out!(
        "{}",
        serde_json::to_string_pretty(value).expect("DTOs always serialize")
    );
}

/// 20777 → "20.777"; 60.52 → "60,52".
pub fn number(v: f64) -> String {
    let neg = v < 0.0;
    let s = format!("{:.2}", v.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let frac = frac.trim_end_matches('0');
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    format!(
        "{}{grouped}{}",
        if neg { "-" } else { "" },
        if frac.is_empty() {
            String::new()
        } else {
            format!(",{frac}")
        }
    )
}

/// "2023-12-08T10:00:00.000" → "08/12/2023 10:00".
pub fn timestamp(at: &str) -> String {
    match chrono::NaiveDateTime::parse_from_str(at, "%Y-%m-%dT%H:%M:%S%.f") {
        Ok(t) => t.format("%d/%m/%Y %H:%M").to_string(),
        Err(_) => at.to_string(),
    }
}

fn cell(key: &str, v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::Number(n) if key == "id" || key.ends_with("year") || key == "step" => n.to_string(),
        Value::Number(n) => number(n.as_f64().unwrap_or_default()),
        Value::String(s) if key.ends_with("date") || key.starts_with("valid_") => {
            thidua_core::domain::date::iso_to_vn(s)
        }
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// One block per row: "key: value" lines, skipping empty values.
pub fn table(rows: &[Map<String, Value>]) {
    if rows.is_empty() {
        out!("(không có bản ghi)");
        return;
    }
    for row in rows {
        let mut parts = Vec::new();
        for (k, v) in row {
            let c = cell(k, v);
            if !c.is_empty() {
                parts.push(format!("{k}: {c}"));
            }
        }
        out!("{}", parts.join(" | "));
    }
    out!("({} bản ghi)", number(rows.len() as f64));
}

/// The snippet with its matches in [brackets].
pub fn marked(snippet: &str, marks: &[[usize; 2]]) -> String {
    let chars: Vec<char> = snippet.chars().collect();
    let mut out = String::new();
    for (i, c) in chars.iter().enumerate() {
        if marks.iter().any(|m| m[0] == i) {
            out.push('[');
        }
        out.push(*c);
        if marks.iter().any(|m| m[1] == i + 1) {
            out.push(']');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_numbers() {
        assert_eq!(number(20777.0), "20.777");
        assert_eq!(number(60.52), "60,52");
        assert_eq!(number(757.0), "757");
        assert_eq!(number(1234567.0), "1.234.567");
    }
}
