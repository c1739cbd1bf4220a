//! People named with their titles, before the name ("Vụ trưởng Vụ Địa phương II (Ban Tổ chức
//! Trung ương) Cao Hoàng Sơn"), after it ("Nguyễn Giờ - Ủy viên Ban Thường vụ Tỉnh ủy, …";
//! "Trần Lưu Hải, Ủy viên T.Ư Đảng, …") or both. A name is two to four capitalized syllables
//! starting with a Vietnamese family name (or an ethnic minority's name particle); a run that
//! starts with a place ("Hà Tĩnh Võ Hồng Hải") is split after the place. Only people given a
//! title are kept: a bare capitalized run is too often a place or a slogan.

use regex::Regex;
use std::sync::LazyLock;

use super::doc::Doc;
use super::places;
use crate::services::facts_file::PersonIn;
use crate::text::fold_key;

const FAMILY_NAMES: &[&str] = &[
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Đào",
    "Đinh",
    "Cao",
    "Trịnh",
    "Lâm",
    "Mai",
    "Tô",
    "Hà",
    "Lưu",
    "Châu",
    "Tạ",
    "Thái",
    "Phùng",
    "Quách",
    "Lương",
    "La",
    "Kiều",
    "Triệu",
    "Âu",
    "Chu",
    "Tăng",
    "Lại",
    "Nông",
    "Kim",
    "Từ",
    "Khổng",
    "Trương",
    "Văn",
    "Đoàn",
    "Vương",
    "Hầu",
    "Mạc",
    "Thân",
    "Tống",
    "Doãn",
    "Lục",
    "Tôn",
    "Ông",
    "Giang",
    "Lữ",
    "Diệp",
    "Quan",
    "Bế",
    "Lò",
    "Sùng",
    "Giàng",
    "Vàng",
    "Thào",
    "Hứa",
    "Ma",
    "Lầu",
    "Mùa",
    "Quàng",
    "Ksor",
    "Siu",
    "Rơ",
    "Nay",
    "Y",
    "A",
    "H",
    "Bạch",
    "Nghiêm",
    "Đàm",
    "Đồng",
    "Ninh",
    "Khúc",
    "Thạch",
    "Danh",
    "Sơn",
    "Kha",
    "Mã",
    "Phí",
    "Cù",
    "Lã",
    "Vi",
    "Hoàng",
    "Tiêu",
    "Biện",
    "Chế",
    "Đường",
    "Yên",
];

/// Words a title starts with.
const TITLE_STARTS: &[&str] = &[
    "Phó Bí thư",
    "Bí thư",
    "Phó Trưởng ban",
    "Phó Trưởng Ban",
    "Trưởng ban",
    "Trưởng Ban",
    "Phó Vụ trưởng",
    "Vụ trưởng",
    "Phó Chủ tịch",
    "Chủ tịch",
    "Phó Chủ nhiệm",
    "Chủ nhiệm",
    "Phó Giám đốc",
    "Giám đốc",
    "Ủy viên",
    "Uỷ viên",
    "Thứ trưởng",
    "Bộ trưởng",
    "Tổng Bí thư",
    "Chánh Văn phòng",
    "Chánh văn phòng",
    "Phó Chánh",
    "Chánh Thanh tra",
    "Chánh",
    "Trưởng đoàn",
    "Phó Trưởng đoàn",
    "Trưởng phòng",
    "Phó Trưởng phòng",
    "Phó trưởng phòng",
    "Tỉnh ủy viên",
    "Thành ủy viên",
    "Trưởng Khối",
    "Phó Khối",
    "Cụm trưởng",
    "Cụm phó",
    "Phó Tổng",
    "Tổng",
    "Đại tướng",
    "Thượng tướng",
    "Trung tướng",
    "Thiếu tướng",
    "Đại tá",
    "Thượng tá",
    "Phó Văn phòng",
    "Phó Trưởng",
    "Trưởng",
    "Phó Bí Thư",
    "Bí Thư",
    "Giám đốc Sở",
    "Phó Thủ tướng",
    "Thủ tướng",
];

/// Where a title written after the name stops.
const TITLE_ENDS: &[&str] = &[
    " phát biểu",
    " trình bày",
    " cho biết",
    " tới dự",
    " cùng dự",
    " chủ trì",
    " đã ",
    " khẳng định",
    " nhấn mạnh",
    " ghi nhận",
    " tiếp thu",
    " điều hành",
    " (số điện thoại",
    " (điện thoại",
    " được ",
    " làm ",
    " vừa ",
    " dự ",
    " và ông",
    " và bà",
    " và đồng chí",
    " và các",
    " và lãnh đạo",
    " và đại diện",
    " cùng ",
    " đánh giá",
    " báo cáo",
    " kết luận",
    " chúc mừng",
    " trao ",
    " tặng ",
    " thông tin",
    " nghỉ hưu",
    " do ",
    " không ",
    " về ",
];

/// Words before a capitalized run that make it a place or a name of a thing, not a person.
const NOT_PERSON_BEFORE: &[&str] = &[
    "huyện",
    "tỉnh",
    "xã",
    "thị trấn",
    "thị xã",
    "phường",
    "quận",
    "thành phố",
    "TP.",
    "TP",
    "tư tưởng",
    "gương",
    "Đoàn",
    "Cộng sản",
    "đường",
    "trường",
    "cầu",
];

static CAP_RUN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\p{Lu}[\p{Ll}\p{M}’']*(?:\s\p{Lu}[\p{Ll}\p{M}’']*)+").unwrap());

pub struct Found {
    pub person: PersonIn,
    pub start: usize,
}

pub fn find(doc: &Doc) -> Vec<PersonIn> {
    let mut out: Vec<Found> = Vec::new();
    let text = &doc.text;
    for m in CAP_RUN.find_iter(text) {
        let words: Vec<&str> = m.as_str().split_whitespace().collect();
        let Some((skip, len)) = name_span(&words) else {
            continue;
        };
        let name = words[skip..skip + len].join(" ");
        // Byte offsets of the name within the text.
        let offset = m.as_str().find(&name).unwrap_or(0);
        let start = m.start() + offset;
        let end = start + name.len();
        let preceding = &text[..m.start()];
        if NOT_PERSON_BEFORE
            .iter()
            .any(|w| preceding.trim_end().ends_with(w))
            && skip == 0
        {
            continue;
        }
        let (s_start, s_end) = doc.sentence_at(start);
        let before = title_before(&text[s_start.min(start)..start]);
        let after = title_after(&text[end..s_end.max(end)]);
        let title = match (before, after) {
            (Some(b), Some(a)) => Some(format!("{b}, {a}")),
            (b, a) => b.or(a),
        };
        let Some(title) = title else { continue };
        let title = title
            .trim()
            .trim_end_matches([',', ';', '-', '–', '.'])
            .trim()
            .to_string();
        if title.is_empty() {
            continue;
        }
        out.push(Found {
            person: PersonIn {
                name: Some(name),
                title: Some(title),
                quote: Some(doc.quote(s_start, s_end)),
                ..PersonIn::default()
            },
            start,
        });
    }
    // One entry per name, with its longest title.
    let mut merged: Vec<PersonIn> = Vec::new();
    out.sort_by_key(|f| f.start);
    for f in out {
        let key = fold_key(f.person.name.as_deref().unwrap_or_default());
        match merged
            .iter_mut()
            .find(|p| fold_key(p.name.as_deref().unwrap_or_default()) == key)
        {
            Some(p) => {
                let longer =
                    f.person.title.as_ref().map(|t| t.len()) > p.title.as_ref().map(|t| t.len());
                if longer {
                    p.title = f.person.title;
                }
            }
            None => merged.push(f.person),
        }
    }
    merged
}

/// Which words of a capitalized run are a person's name: (first word, length).
fn name_span(words: &[&str]) -> Option<(usize, usize)> {
    for skip in 0..words.len() {
        let rest = &words[skip..];
        if !(2..=4).contains(&rest.len()) {
            continue;
        }
        if !FAMILY_NAMES.contains(&rest[0]) {
            continue;
        }
        // Words before the name must be a place (the title's end: "… Tỉnh ủy Hà Tĩnh") or an
        // honorific ("Bà Nguyễn Hồng Mai").
        let prefix = words[..skip].join(" ");
        let honorific = matches!(prefix.as_str(), "Ông" | "Bà" | "Đồng chí" | "Anh" | "Chị");
        if skip > 0 && !honorific && !places::is_province(&prefix) {
            continue;
        }
        let candidate = rest.join(" ");
        if places::is_province(&candidate) || words.len() > 5 {
            return None;
        }
        if rest.iter().any(|w| w.chars().count() > 7) {
            continue;
        }
        return Some((skip, rest.len()));
    }
    None
}

/// Words that make a run of text a clause, not a title.
const CLAUSE_VERBS: &[&str] = &[
    " cũng ",
    " thông báo",
    " vừa ",
    " đã ",
    " được ",
    " phát biểu",
    " cho biết",
    " ký ",
    " trao ",
    " tặng ",
    " nghỉ hưu",
    " khẳng định",
    " nhấn mạnh",
];

/// The title written just before a name, back to where the clause starts.
fn title_before(window: &str) -> Option<String> {
    // The clause: after the last ";", ":", "có", "gồm" or "đồng chí".
    let mut cut = 0;
    for stop in [
        ";",
        ":",
        " có ",
        " gồm ",
        "đồng chí",
        "Đồng chí",
        " và ông",
        " và bà",
        " với ",
        " dự ",
        "Dự ",
        " của ông",
        " ông ",
        " bà ",
        "Ông ",
        "Bà ",
    ] {
        if let Some(i) = window.rfind(stop) {
            cut = cut.max(i + stop.len());
        }
    }
    let clause = &window[cut..];
    // The earliest title start whose words run to the name without a verb ("Trưởng ban … cũng
    // thông báo cho nghỉ hưu … Giám đốc Sở X Nguyễn Bá Luân": the title is "Giám đốc Sở X").
    let first = TITLE_STARTS
        .iter()
        .flat_map(|t| clause.match_indices(t).map(|(i, _)| (i, *t)))
        .filter(|(i, _)| *i == 0 || clause[..*i].ends_with(' ') || clause[..*i].ends_with('('))
        .filter(|(i, _)| !CLAUSE_VERBS.iter().any(|v| clause[*i..].contains(v)))
        .min_by_key(|(i, _)| *i)?;
    let title = clause[first.0..].trim().trim_end_matches(',').trim();
    if title.split_whitespace().count() < 2 {
        return None;
    }
    Some(title.to_string())
}

/// The title written just after a name: ", Phó Bí thư …", " - Ủy viên …", " – Trưởng …".
fn title_after(rest: &str) -> Option<String> {
    let r = rest
        .strip_prefix(" - ")
        .or_else(|| rest.strip_prefix(" – "))
        .or_else(|| rest.strip_prefix(", "))
        .or_else(|| rest.strip_prefix(" ("))?;
    if !TITLE_STARTS.iter().any(|t| r.starts_with(t)) {
        return None;
    }
    let mut end = r.len();
    for stop in TITLE_ENDS.iter().chain(&[";", ". ", "\n", ": "]) {
        if let Some(i) = r.find(stop) {
            end = end.min(i);
        }
    }
    // A list of people: "…, Trưởng Ban Tổ chức T.Ư; Nguyễn Quang Dương, …" stops at the next
    // person, which a capitalized family name after a comma shows.
    let mut title = r[..end].trim().to_string();
    if let Some(open) = title.rfind('(') {
        if !title[open..].contains(')') {
            title.truncate(open);
        }
    }
    if title.ends_with(')') && !title.contains('(') {
        title.pop();
    }
    Some(title.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people(text: &str) -> Vec<(String, String)> {
        find(&Doc::new(text))
            .into_iter()
            .map(|p| (p.name.unwrap(), p.title.unwrap()))
            .collect()
    }

    #[test]
    fn titles_before_and_after_names() {
        assert_eq!(
            people("Dự hội nghị có Vụ trưởng Vụ Địa phương II (Ban Tổ chức Trung ương) Cao Hoàng Sơn; đại diện Thường trực."),
            [("Cao Hoàng Sơn".to_string(), "Vụ trưởng Vụ Địa phương II (Ban Tổ chức Trung ương)".to_string())]
        );
        assert_eq!(
            people("Về phía Ban Tổ chức Tỉnh ủy Bình Định có đồng chí Nguyễn Giờ - Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Ban Tổ chức Tỉnh ủy cùng đại diện lãnh đạo."),
            [("Nguyễn Giờ".to_string(), "Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Ban Tổ chức Tỉnh ủy".to_string())]
        );
        assert_eq!(
            people("Trưởng ban Tổ chức Tỉnh ủy Hà Tĩnh Võ Hồng Hải phát biểu tại hội nghị."),
            [(
                "Võ Hồng Hải".to_string(),
                "Trưởng ban Tổ chức Tỉnh ủy Hà Tĩnh".to_string()
            )]
        );
        assert!(people("Nhân dân và cán bộ huyện Dương Minh Châu tỉnh Tây Ninh.").is_empty());
    }
}
