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
    thidua_core::text::vn_number(v)
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
        // Years and ids are never grouped ("2015", not "2.015").
        Value::Number(n) if key == "id" || key.contains("year") || key == "step" => n.to_string(),
        Value::Number(n) => number(n.as_f64().unwrap_or_default()),
        Value::String(s) if key.ends_with("date") || key.starts_with("valid_") => {
            thidua_core::domain::date::iso_to_vn(s)
        }
        Value::String(s) => s.clone(),
        Value::Bool(true) => "có".to_string(),
        Value::Bool(false) => "không".to_string(),
        other => other.to_string(),
    }
}

/// Vietnamese column names for the text output (JSON keeps the stable keys).
fn label(key: &str) -> &str {
    match key {
        "id" => "#",
        "name" => "Tên",
        "number" => "Số hiệu",
        "sector" => "Ngành",
        "region" => "Khu vực",
        "member_rows" => "Số thành viên",
        "cluster" => "Cụm",
        "year" => "Năm",
        "unit" => "Đơn vị",
        "province" => "Tỉnh, thành phố",
        "role" => "Vai trò",
        "elected_at" => "Bầu tại",
        "note" => "Ghi chú",
        "date_year" => "Năm",
        "date_month" => "Tháng",
        "date_day" => "Ngày",
        "kind" => "Loại",
        "place" => "Địa điểm",
        "host" => "Đăng cai",
        "year_covered" => "Năm được đánh giá",
        "period_label" => "Kỳ (như bài viết)",
        "participants" => "Số người dự",
        "event" => "Hội nghị",
        "event_id" => "Mã hội nghị",
        "person" => "Cán bộ",
        "person_id" => "Mã cán bộ",
        "title" => "Chức vụ / tiêu đề",
        "signed_at" => "Ký tại",
        "signatories" => "Đơn vị ký",
        "signatory_count" => "Số đơn vị ký",
        "form" => "Hình thức",
        "form_detail" => "Nội dung",
        "granting_body" => "Cấp khen",
        "recipient_kind" => "Tập thể / cá nhân",
        "recipient" => "Người/đơn vị nhận",
        "recipient_count" => "Số lượng",
        "achievement_year" => "Năm thành tích",
        "status" => "Trạng thái",
        "proposed_by" => "Đề nghị bởi",
        "proposed_at" => "Đề nghị tại",
        "proposed_date" => "Ngày đề nghị",
        "decision_number" => "Số quyết định",
        "decision_date" => "Ngày quyết định",
        "decision_signer" => "Người ký",
        "reason" => "Thành tích",
        "full_name" => "Họ và tên",
        "family_name" => "Họ",
        "middle_name" => "Tên đệm",
        "given_name" => "Tên",
        "gender" => "Giới tính",
        "birth_year" => "Năm sinh",
        "latest_title" => "Chức vụ gần nhất",
        "from_date" => "Từ ngày",
        "to_date" => "Đến ngày",
        "from_title" => "Từ chức vụ",
        "from_unit" => "Từ đơn vị",
        "to_title" => "Đến chức vụ",
        "to_unit" => "Đến đơn vị",
        "effective_date" => "Ngày hiệu lực",
        "issuing_body" => "Cơ quan ban hành",
        "legal_basis" => "Căn cứ",
        "indicator_code" => "Mã chỉ tiêu",
        "indicator" => "Chỉ tiêu",
        "scope" => "Phạm vi",
        "period_kind" => "Kỳ",
        "period_year" => "Năm",
        "period_months" => "Số tháng",
        "period_date" => "Tại ngày",
        "value" => "Giá trị",
        "denominator" => "Trên tổng số",
        "percent" => "Tỷ lệ (%)",
        "target" => "Chỉ tiêu đề ra",
        "qualifier" => "Ước lượng",
        "unit_label" => "Đơn vị tính",
        "label_as_written" => "Nguyên văn",
        "short_name" => "Tên viết tắt",
        "parent" => "Trực thuộc",
        "code" => "Mã",
        "label" => "Tên",
        "aggregation" => "Cách tổng hợp",
        "recipient_kinds" => "Đối tượng",
        "publisher" => "Nơi đăng",
        "author" => "Tác giả",
        "published_date" => "Ngày đăng",
        "media_type" => "Định dạng",
        "file_name" => "Tệp",
        "characters" => "Số ký tự",
        "valid_from" => "Hiệu lực từ",
        "valid_to" => "Hiệu lực đến",
        "successor" => "Sáp nhập vào",
        "set_up_by" => "Cơ quan thành lập",
        "year_inferred" => "Năm suy ra",
        "date_note" => "Cách đọc ngày",
        "organizer" => "Đơn vị tổ chức",
        "form_as_written" => "Hình thức (như bài viết)",
        "kind_as_written" => "Hình thức (như bài viết)",
        "period_quarter" => "Quý",
        "period_end_year" => "Đến năm",
        "percent_base" => "Tỷ lệ so với",
        "percent_of_target" => "% chỉ tiêu",
        "change_pct" => "Tăng/giảm (%)",
        "change_value" => "Tăng/giảm",
        "compared_with" => "So với",
        "unit_as_written" => "Đơn vị tính (như bài viết)",
        "issuer" => "Cơ quan ban hành",
        "date" => "Ngày",
        "rank" => "Xếp thứ",
        "classification" => "Xếp loại",
        "score" => "Điểm",
        "leading" => "Dẫn đầu",
        "list" => "Danh mục",
        "retired" => "Ngừng dùng",
        "builtin" => "Có sẵn",
        "status_label" => "Tình trạng",
        "uses" => "Số bản ghi dùng",
        other => other,
    }
}

/// One block per row: "column: value" pairs, skipping empty values.
pub fn table(rows: &[Map<String, Value>]) {
    if rows.is_empty() {
        out!("(không có bản ghi)");
        return;
    }
    for row in rows {
        let mut parts = Vec::new();
        for (k, v) in row {
            // Ids of referenced records and codes that have a label beside them are for
            // machines (`--json`); people read the names and labels.
            if (k.ends_with("_id") && k != "id") || row.contains_key(&format!("{k}_label")) {
                continue;
            }
            let base = k.strip_suffix("_label").filter(|b| row.contains_key(*b));
            let k = base.unwrap_or(k);
            let c = cell(k, v);
            if !c.is_empty() {
                parts.push(format!("{}: {c}", label(k)));
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

    #[test]
    fn years_are_never_grouped() {
        assert_eq!(cell("year_covered", &serde_json::json!(2015)), "2015");
        assert_eq!(cell("period_end_year", &serde_json::json!(2025)), "2025");
        assert_eq!(cell("value", &serde_json::json!(20777)), "20.777");
    }
}
