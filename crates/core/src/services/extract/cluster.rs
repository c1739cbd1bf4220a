//! The emulation cluster an article is about: its name ("Cụm thi đua số III", "Khối thi đua
//! công tác Đảng"), its members as listed ("gồm …: Quảng Bình, Quảng Trị, …, Đắk Nông"), and its
//! leader and deputies — elected ("bầu X làm Cụm trưởng; A, B, C làm Cụm phó … năm 2024") or
//! named in passing ("Ban Tổ chức Tỉnh ủy Kon Tum (Cụm trưởng …)").

use regex::Regex;
use std::sync::LazyLock;

use super::doc::Doc;
use super::places;
use crate::services::facts_file::ClusterIn;

static NUMBERED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(cụm|khối)\s+thi\s+đua\s+số\s+([IVXLC]+|\d+)\b").unwrap());
static NAMED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(Cụm|Khối)\s+thi\s+đua\s+((?:các|công tác|khối)\s[^,.;()]+?)(?:\s+gồm|\s+đã|\s+tổ chức|\s+năm|\s*[,.;(]|$)").unwrap()
});
static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"năm\s+(\d{4})").unwrap());

pub fn find(doc: &Doc, year_covered: Option<i32>, kind: &str) -> Option<ClusterIn> {
    let text = &doc.text;
    let name = NUMBERED
        .captures(text)
        .map(|c| format!("{} thi đua số {}", capitalize(&c[1]), &c[2]))
        .or_else(|| {
            NAMED
                .captures(text)
                .map(|c| format!("{} thi đua {}", &c[1], c[2].trim()))
        })?;
    let mut cluster = ClusterIn {
        name,
        ..ClusterIn::default()
    };
    let (members, quote) = members(doc);
    if !members.is_empty() {
        cluster.members = Some(members);
        cluster.quote = quote;
    }
    elections(doc, &mut cluster, year_covered, kind);
    current_roles(doc, &mut cluster);
    Some(cluster)
}

fn capitalize(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f
            .to_uppercase()
            .chain(c.flat_map(|c| c.to_lowercase()))
            .collect(),
        None => String::new(),
    }
}

/// The longest run of three or more province names written as a list, in a sentence about the
/// cluster's members.
fn members(doc: &Doc) -> (Vec<String>, Option<crate::services::facts_file::Quote>) {
    let text = &doc.text;
    let mut best: Vec<String> = Vec::new();
    let mut quote = None;
    for (s, e) in doc.body_sentences() {
        let sentence = &text[s..e];
        let lower = sentence.to_lowercase();
        if !(lower.contains("gồm")
            || lower.contains("cụm")
            || lower.contains("khối")
            || lower.contains("thuộc"))
        {
            continue;
        }
        // Lists sit after ":" or "(" or "gồm"; read each such tail.
        for (i, _) in sentence
            .match_indices([':', '('])
            .chain(sentence.match_indices("gồm"))
        {
            let tail = &sentence[i + 1..];
            let tail = tail.split(')').next().unwrap_or("");
            let items = places::split_list(tail);
            let mut run: Vec<String> = Vec::new();
            for item in items {
                let cleaned = item
                    .trim_start_matches("gồm")
                    .trim()
                    .trim_start_matches(':')
                    .trim();
                match places::province(cleaned) {
                    Some(_) => run.push(strip_tail_words(cleaned)),
                    // The last item runs into the sentence ("… Lạng Sơn tham dự hội nghị").
                    None if run.len() >= 2 && leading_province(cleaned).is_some() => {
                        run.push(leading_province(cleaned).unwrap_or_default());
                        break;
                    }
                    None => {
                        if run.len() >= 3 {
                            break;
                        }
                        run.clear();
                    }
                }
            }
            if run.len() >= 3 && run.len() > best.len() {
                best = run;
                quote = Some(doc.quote(s, e));
            }
        }
    }
    (best, quote)
}

/// The province named by the first words of a text, as written.
fn leading_province(s: &str) -> Option<String> {
    let words: Vec<&str> = s.split_whitespace().collect();
    (1..=words.len().min(5))
        .rev()
        .map(|n| words[..n].join(" "))
        .find(|w| places::province(w).is_some())
}

fn strip_tail_words(s: &str) -> String {
    s.trim().trim_end_matches(['.', ',']).trim().to_string()
}

/// "bầu X làm Cụm trưởng; A, B, C làm Cụm phó … năm 2024" (or "đảm nhiệm vai trò Cụm trưởng").
fn elections(doc: &Doc, cluster: &mut ClusterIn, year_covered: Option<i32>, kind: &str) {
    let text = &doc.text;
    for (s, e) in doc.body_sentences() {
        let sentence = &text[s..e];
        let Some(at) = sentence.find("bầu ") else {
            continue;
        };
        let after = &sentence[at + "bầu ".len()..];
        let year = YEAR.captures(after).and_then(|c| c[1].parse::<i32>().ok());
        // An election at a year-end review is for the coming year unless it names this year.
        let next_year = match (year, year_covered) {
            (Some(y), Some(yc)) => y > yc,
            (Some(_), None) => true,
            (None, _) => kind == "tong_ket",
        };
        for part in after.split(';') {
            let (role_at, role) = match find_role(part) {
                Some(r) => r,
                None => continue,
            };
            let who = part[..role_at]
                .trim()
                .trim_end_matches("làm")
                .trim_end_matches("đảm nhiệm vai trò")
                .trim_end_matches("giữ vai trò")
                .trim_end_matches("là")
                .trim();
            let who = who.strip_prefix("đồng thời").unwrap_or(who).trim();
            let units = unit_list(who);
            if units.is_empty() {
                continue;
            }
            match (role, next_year) {
                (Role::Leader, true) => cluster.leader_next_year = units.first().cloned(),
                (Role::Leader, false) => cluster.leader_current = units.first().cloned(),
                (Role::Deputy, true) => cluster.deputies_next_year = Some(units),
                (Role::Deputy, false) => cluster.deputies_current = Some(units),
            }
        }
    }
}

#[derive(Clone, Copy)]
enum Role {
    Leader,
    Deputy,
}

fn find_role(part: &str) -> Option<(usize, Role)> {
    let lower = part.to_lowercase();
    let mut found: Option<(usize, Role)> = None;
    for (w, r) in [
        ("cụm trưởng", Role::Leader),
        ("trưởng khối", Role::Leader),
        ("cụm phó", Role::Deputy),
        ("phó khối", Role::Deputy),
    ] {
        if let Some(i) = lower.find(w) {
            if found.is_none_or(|(j, _)| i < j) {
                found = Some((i, r));
            }
        }
    }
    found
}

/// "Ban Tổ chức các tỉnh ủy Bình Định, Thừa Thiên Huế, Đắk Nông" → the three provinces;
/// "Ban Tổ chức Tỉnh ủy Quảng Trị" → "Quảng Trị".
fn unit_list(text: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    let mut body = text;
    for prefix in [
        "ban tổ chức các tỉnh ủy, thành ủy ",
        "ban tổ chức các tỉnh, thành ủy ",
        "ban tổ chức các tỉnh ủy ",
        "ban tổ chức các thành ủy ",
        "ban tổ chức tỉnh ủy các tỉnh ",
    ] {
        if lower.starts_with(prefix) {
            body = &text[prefix.len()..];
            break;
        }
    }
    places::split_list(body)
        .into_iter()
        .map(|u| places::unit_name(&u))
        .filter(|u| !u.is_empty() && u.split_whitespace().count() <= 12)
        .collect()
}

/// Leaders and deputies named in passing: "X (Cụm trưởng …)", "X (Cụm phó)", "(Đơn vị Cụm
/// trưởng)", "… Tỉnh ủy Hà Tĩnh Võ Hồng Hải - Cụm trưởng Cụm …", "vai trò là Cụm trưởng …
/// năm 2022, Ban Tổ chức Tỉnh ủy Cà Mau".
fn current_roles(doc: &Doc, cluster: &mut ClusterIn) {
    static PAREN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"([^,;:()]+?)\s*\((?:[Đđ]ơn vị\s+|là\s+)?(Cụm trưởng|Cụm phó)[^)]*\)").unwrap()
    });
    static ROLE_FIRST: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"vai trò (?:là )?(Cụm trưởng|Cụm phó)[^,;]*,\s*(Ban Tổ chức (?:Tỉnh|Thành) ủy [^,;.]+?)(?:\s+tích cực|\s+đã|\s+chủ động|,|;|\.)").unwrap()
    });
    static PERSON_ROLE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:Tỉnh|Thành) ủy ((?:\p{Lu}[\p{Ll}\p{M}]*\s?){1,4})\s+[\p{Lu}][^-–]*?\s[-–]\s(Cụm trưởng|Cụm phó)").unwrap()
    });
    let text = &doc.text;
    let mut set = |role: &str, unit: String| {
        if unit.is_empty() || unit.split_whitespace().count() > 12 {
            return;
        }
        if role == "Cụm trưởng" {
            if cluster.leader_current.is_none() && cluster.leader_next_year.as_ref() != Some(&unit)
            {
                cluster.leader_current = Some(unit);
            }
        } else {
            let list = cluster.deputies_current.get_or_insert_with(Vec::new);
            let next = cluster.deputies_next_year.clone().unwrap_or_default();
            if !list.contains(&unit) && !next.contains(&unit) {
                list.push(unit);
            }
        }
    };
    for (s, e) in doc.body_sentences() {
        let sentence = &text[s..e];
        if sentence.contains("bầu ") {
            continue;
        }
        for c in PAREN.captures_iter(sentence) {
            let paren = c.get(0).unwrap().start() + c[0].find('(').unwrap_or(0);
            let before = sentence[..paren].trim();
            // The unit is the tail of the text before "(": after "tại", "với", "phối hợp" (its
            // name may hold commas: "Ban Bảo vệ, chăm sóc sức khỏe cán bộ tỉnh"), else after
            // the last comma.
            let unit = ["tại ", "với ", "hợp ", "của "]
                .iter()
                .filter_map(|w| before.rfind(w).map(|i| &before[i + w.len()..]))
                .filter(|u| u.split_whitespace().count() <= 12)
                .min_by_key(|u| u.len())
                .or_else(|| before.rfind(", ").map(|i| &before[i + 2..]))
                .unwrap_or(before);
            let unit = unit.trim_start_matches(|c: char| c.is_lowercase() || c == ' ');
            set(&c[2], places::unit_name(unit));
        }
        for c in ROLE_FIRST.captures_iter(sentence) {
            set(&c[1], places::unit_name(&c[2]));
        }
        for c in PERSON_ROLE.captures_iter(sentence) {
            let words: Vec<&str> = c[1].split_whitespace().collect();
            // The province is the first words of the run, before the person's name.
            for n in (1..=words.len()).rev() {
                let candidate = words[..n].join(" ");
                if places::is_province(&candidate) {
                    set(&c[2], places::unit_name(&candidate));
                    break;
                }
            }
        }
    }
    if cluster.deputies_current.as_ref().is_some_and(Vec::is_empty) {
        cluster.deputies_current = None;
    }
}
