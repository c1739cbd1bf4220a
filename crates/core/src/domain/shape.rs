//! What each text field of a record may hold. Whether text may span lines is a property of the
//! field, never of the value: a name that arrives with a line break is refused, it does not
//! become a note (a value could otherwise choose its own, looser rules).

use super::RecordKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldShape {
    /// One line: a name, a title, a number, a code. No line breaks, no markup, at most
    /// `MAX_LINE` characters.
    Line,
    /// Several lines typed by the clerk (a note, an award's achievements): line breaks kept,
    /// markup still refused, at most `MAX_NOTE` characters.
    Note,
    /// An article's own text or a passage quoted from it: kept as read, with no length limit
    /// short of the attached file's; invisible and control characters are normalized, never a
    /// reason to refuse the article.
    ArticleText,
}

/// The most characters of a one-line field and of a note.
pub const MAX_LINE: usize = 2_000;
pub const MAX_NOTE: usize = 20_000;

/// The shape of field `key` of a `kind` record. Multi-line fields are listed; every other text
/// field is one line (the forms show exactly these as text areas).
pub fn field_shape(kind: RecordKind, key: &str) -> FieldShape {
    match (kind, key) {
        (RecordKind::Source, "body_text") | (RecordKind::Citation, "passage") => {
            FieldShape::ArticleText
        }
        (_, "note") | (RecordKind::Award, "reason") => FieldShape::Note,
        _ => FieldShape::Line,
    }
}

/// The Vietnamese name of a field, for messages (the forms' labels); the key itself when it has
/// none.
pub fn field_label_vi(key: &str) -> &str {
    match key {
        "name" => "Tên",
        "short_name" => "Tên viết tắt",
        "full_name" => "Họ và tên",
        "family_name" => "Họ",
        "middle_name" => "Tên đệm",
        "given_name" => "Tên",
        "number" => "Số hiệu",
        "title" => "Tiêu đề, chức vụ",
        "label" => "Tên",
        "code" => "Mã",
        "kind" => "Loại",
        "note" => "Ghi chú",
        "reason" => "Thành tích",
        "place" => "Địa điểm",
        "period_label" => "Kỳ (như bài viết)",
        "date_note" => "Ghi chú ngày",
        "organizer" => "Đơn vị tổ chức",
        "released_by" => "Nơi đưa tin",
        "publisher" => "Nơi đăng",
        "author" => "Tác giả",
        "url" => "Địa chỉ bài viết",
        "file_name" => "Tên tệp",
        "body_text" => "Nội dung bài viết",
        "passage" => "Đoạn trích",
        "issuer" => "Cơ quan ban hành",
        "issuing_body" => "Cơ quan ban hành",
        "legal_basis" => "Căn cứ",
        "decision_number" => "Số quyết định",
        "decision_signer" => "Người ký",
        "form_detail" => "Nội dung khen thưởng",
        "granting_body" => "Cấp khen",
        "from_title" => "Từ chức vụ",
        "to_title" => "Đến chức vụ",
        "set_up_by" => "Cấp thành lập",
        "region" => "Khu vực",
        "scope_label" => "Phạm vi",
        "qualifier" => "Ước lượng",
        "unit_label" => "Đơn vị tính",
        "label_as_written" => "Nguyên văn",
        "kind_as_written" => "Loại (như bài viết)",
        "form_as_written" => "Hình thức (như bài viết)",
        "unit_as_written" => "Đơn vị (như bài viết)",
        "compared_with" => "So với",
        "percent_base" => "Tỷ lệ trên",
        "classification" => "Xếp loại",
        "opening" => "Mở đầu",
        "achievements" => "Kết quả đạt được",
        "shortcomings" => "Hạn chế",
        "directions" => "Phương hướng, nhiệm vụ",
        "issuer_lines" => "Tên cơ quan ban hành",
        "symbol" => "Ký hiệu",
        "on_behalf" => "Thay mặt",
        "signer_title" => "Chức vụ người ký",
        "signer_name" => "Người ký",
        "recipients" => "Nơi nhận",
        other => other,
    }
}
