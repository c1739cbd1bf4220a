//! The rules each kind of record must meet before it is written. Checks run inside the write's
//! transaction, so they see exactly the state the write will change.

use super::records::RecordError;
use crate::domain::shape::{MAX_LINE, MAX_NOTE};
use crate::domain::*;
use crate::storage::{provinces, queries, Tx};

type Check = Result<(), RecordError>;

pub trait Validate: Record {
    /// Fills in what can be derived before validation (a person's name parts, a new code-list
    /// entry's code).
    fn prepare(&mut self, _tx: &Tx<'_>) -> Check {
        Ok(())
    }
    fn validate(&self, tx: &Tx<'_>) -> Check;
    /// What a new record changes elsewhere, in the same step (a personnel change moves the
    /// person's position history).
    fn after_create(&self, _tx: &mut Tx<'_>) -> Check {
        Ok(())
    }
}

/// Characters that change how text around them is shown without being seen: direction
/// overrides and isolates, zero-width spaces and joiners, the byte-order mark.
fn invisible(c: char) -> bool {
    crate::text::invisible(c)
}

/// A line break of any kind: what a one-line field may not hold.
fn line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

/// The value field `key` of a `kind` record is stored as, or why it is refused. What the text
/// may hold depends on the field's shape (`domain::field_shape`), never on the value: a name
/// holding a line break is refused, not treated as a note.
pub fn text_value(kind: RecordKind, key: &str, value: &str) -> Result<String, RecordError> {
    shaped_text(field_shape(kind, key), key, value)
}

/// `value` as a text of `shape` is stored, or why it is refused; `key` names the field (its
/// Vietnamese label leads the message).
pub fn shaped_text(shape: FieldShape, key: &str, value: &str) -> Result<String, RecordError> {
    let label = field_label_vi(key);
    let bad = |code: &'static str, message: String| {
        Err(RecordError::Input {
            code,
            field: key.to_string(),
            message: format!("«{label}»: {message}"),
        })
    };
    let value = match shape {
        // An article's text is what the file held: invisible and control characters are
        // normalized (they come with real pages and scans), never a reason to refuse it.
        FieldShape::ArticleText => {
            let t = crate::text::article_text(value);
            let t = if t.contains('\n') {
                t.trim().to_string()
            } else {
                crate::text::clean(&t)
            };
            if t.len() > crate::services::sources::MAX_BYTES {
                return bad(
                    "validation.too_long",
                    "nội dung bài viết dài hơn giới hạn 50 MB của một bài viết.".into(),
                );
            }
            return Ok(t);
        }
        FieldShape::Note => {
            let t = crate::text::nfc(value.trim());
            if t.contains('\n') {
                t
            } else {
                crate::text::clean(&t)
            }
        }
        FieldShape::Line => {
            let t = crate::text::nfc(value.trim());
            if t.chars().any(line_break) {
                return bad(
                    "validation.multi_line",
                    "trường này chỉ có một dòng; hãy bỏ dấu xuống dòng (hoặc ghi phần còn lại vào «Ghi chú»).".into(),
                );
            }
            crate::text::clean(&t)
        }
    };
    if value
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\t'))
    {
        return bad(
            "validation.control_chars",
            "nội dung có ký tự điều khiển không in được; hãy gõ lại đoạn này.".into(),
        );
    }
    if value.chars().any(invisible) {
        return bad(
            "validation.invisible_chars",
            "nội dung có ký tự ẩn (đổi chiều viết hoặc không có độ rộng), thường lẫn vào khi dán từ nơi khác; hãy gõ lại đoạn này.".into(),
        );
    }
    let limit = if shape == FieldShape::Line {
        MAX_LINE
    } else {
        MAX_NOTE
    };
    let n = value.chars().count();
    if n > limit {
        return bad(
            "validation.too_long",
            format!(
                "nội dung quá dài ({} ký tự, tối đa {}).",
                crate::text::vn_number(n as f64),
                crate::text::vn_number(limit as f64)
            ),
        );
    }
    let lower = value.to_lowercase();
    if markup_tag(&value) || lower.contains("<script") || lower.contains("javascript:") {
        return bad(
            "validation.markup",
            "nội dung có thẻ HTML hoặc mã lệnh; Thidua chỉ lưu chữ thường, hãy bỏ các thẻ «<…>»."
                .into(),
        );
    }
    Ok(value)
}

/// Every text field of `record` as stored, or the first one refused (what a save checks, and an
/// import and an undo check the same way).
pub fn text_fields<R: Record>(record: &R) -> Check {
    if let Ok(serde_json::Value::Object(m)) = serde_json::to_value(record) {
        for (key, value) in &m {
            if let serde_json::Value::String(s) = value {
                text_value(R::KIND, key, s)?;
            }
        }
    }
    Ok(())
}

/// "<b>", "</p>", "<img src=…>": a '<' followed by a letter or '/', closed by '>'.
fn markup_tag(s: &str) -> bool {
    let b = s.as_bytes();
    b.iter().enumerate().any(|(i, c)| {
        *c == b'<'
            && b.get(i + 1)
                .is_some_and(|n| n.is_ascii_alphabetic() || *n == b'/' || *n == b'!')
            && s[i..].contains('>')
    })
}

fn invalid(code: &'static str, field: &'static str, message: impl Into<String>) -> RecordError {
    RecordError::invalid(code, field, message)
}

fn required(field: &'static str, label: &str, value: &str) -> Check {
    if value.trim().is_empty() {
        return Err(invalid(
            "validation.required",
            field,
            format!("Chưa nhập {label}."),
        ));
    }
    Ok(())
}

/// Years a record may refer to (`date::year_in_range`, the same limits the forms' date parser
/// applies).
fn year(field: &'static str, value: Option<i32>) -> Check {
    match value {
        Some(y) if !date::year_in_range(y) => Err(invalid(
            "validation.year_out_of_range",
            field,
            date::DateError::Year { year: y }.to_string(),
        )),
        _ => Ok(()),
    }
}

fn not_negative(field: &'static str, label: &str, value: Option<f64>) -> Check {
    match value {
        Some(v) if v < 0.0 || !v.is_finite() => Err(invalid(
            "validation.negative",
            field,
            format!("{label} không được là số âm."),
        )),
        _ => Ok(()),
    }
}

fn iso_date(field: &'static str, value: Option<&str>) -> Check {
    if let Some(v) = value {
        let ok = chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").is_ok();
        if !ok {
            return Err(invalid(
                "validation.bad_date",
                field,
                format!("Ngày không hợp lệ: \"{v}\" (cần dạng dd/mm/yyyy)."),
            ));
        }
        year(field, v.get(..4).and_then(|y| y.parse().ok()))?;
    }
    Ok(())
}

/// "2023-12-08", "2023-12" or "2023": a date known to the day, the month or the year.
fn partial_iso_date(field: &'static str, value: Option<&str>) -> Check {
    let Some(v) = value else { return Ok(()) };
    let parts: Vec<&str> = v.split('-').collect();
    let ok = match parts.as_slice() {
        [y] => y.len() == 4 && y.parse::<i32>().is_ok_and(date::year_in_range),
        [y, m] => {
            y.len() == 4
                && y.parse::<i32>().is_ok_and(date::year_in_range)
                && m.parse::<u32>().is_ok_and(|m| (1..=12).contains(&m))
        }
        _ => return iso_date(field, Some(v)),
    };
    if ok {
        Ok(())
    } else {
        Err(invalid(
            "validation.bad_date",
            field,
            format!("Ngày không hợp lệ: \"{v}\"."),
        ))
    }
}

fn province(tx: &Tx<'_>, field: &'static str, id: Option<&str>) -> Check {
    if let Some(p) = id {
        if provinces::get(tx.db(), p)?.is_none() {
            return Err(invalid(
                "validation.unknown_province",
                field,
                format!("Không có tỉnh, thành phố mã \"{p}\"."),
            ));
        }
    }
    Ok(())
}

fn code(tx: &Tx<'_>, list: &str, field: &'static str, value: &str) -> Check {
    if !queries::code_exists(tx.db(), list, value)? {
        return Err(invalid(
            "validation.unknown_code",
            field,
            format!("Mã \"{value}\" không có trong danh mục."),
        ));
    }
    Ok(())
}

/// A reference must point at a live record of the right kind.
fn reference(tx: &Tx<'_>, kind: RecordKind, field: &'static str, id: Option<i64>) -> Check {
    if let Some(id) = id {
        if !queries::exists(tx.db(), kind.table(), id)? {
            let code = if kind == RecordKind::Unit {
                "validation.unknown_unit"
            } else {
                "validation.unknown_reference"
            };
            return Err(invalid(
                code,
                field,
                format!(
                    "Không có {} #{id} (chưa tạo hoặc đã bị xóa).",
                    kind.label_vi().to_lowercase()
                ),
            ));
        }
    }
    Ok(())
}

/// No other live record has the same `SAME_KEY` values.
fn unique<R: Record>(tx: &Tx<'_>, record: &R, what: &str) -> Check {
    if let Some(other) = tx.find_same(record)? {
        return Err(invalid(
            "validation.duplicate",
            R::SAME_KEY.first().copied().unwrap_or("id"),
            format!("Đã có {what} này (bản ghi #{other})."),
        ));
    }
    Ok(())
}

impl Validate for Unit {
    fn validate(&self, tx: &Tx<'_>) -> Check {
        required("name", "tên đơn vị", &self.name)?;
        code(tx, "unit_kind", "kind", &self.kind)?;
        if let Some(p) = &self.province_id {
            if provinces::get(tx.db(), p)?.is_none() {
                return Err(invalid(
                    "validation.unknown_province",
                    "province_id",
                    format!("Không có tỉnh, thành phố mã \"{p}\"."),
                ));
            }
        }
        reference(tx, RecordKind::Unit, "parent_id", self.parent_id)?;
        if self.parent_id.is_some() && self.parent_id == self.id {
            return Err(invalid(
                "validation.cycle",
                "parent_id",
                "Đơn vị không thể trực thuộc chính nó.",
            ));
        }
        unique(tx, self, "đơn vị")
    }
}

impl Validate for Cluster {
    fn prepare(&mut self, _tx: &Tx<'_>) -> Check {
        if self.kind.trim().is_empty() {
            self.kind = "cum_btc_tinh".into();
        }
        Ok(())
    }

    fn validate(&self, tx: &Tx<'_>) -> Check {
        required("name", "tên cụm thi đua", &self.name)?;
        code(tx, "sector", "sector", &self.sector)?;
        code(tx, "cluster_kind", "kind", &self.kind)?;
        province(tx, "province_id", self.province_id.as_deref())?;
        unique(tx, self, "cụm thi đua")
    }
}

impl Validate for ClusterMember {
    fn validate(&self, tx: &Tx<'_>) -> Check {
        reference(tx, RecordKind::Cluster, "cluster_id", Some(self.cluster_id))?;
        reference(tx, RecordKind::Unit, "unit_id", Some(self.unit_id))?;
        year("year", Some(self.year))?;
        reference(
            tx,
            RecordKind::Event,
            "elected_at_event_id",
            self.elected_at_event_id,
        )?;
        unique(tx, self, "thành viên cụm trong năm")?;
        if let Some((_, other)) =
            queries::unit_other_clusters(tx.db(), self.unit_id, self.year, self.cluster_id)?.first()
        {
            return Err(invalid(
                "validation.unit_in_two_clusters",
                "unit_id",
                format!("Đơn vị này đã thuộc {other} trong năm {}; mỗi đơn vị chỉ thuộc một cụm, khối của mỗi loại trong một năm.", self.year),
            ));
        }
        if self.role == MemberRole::Leader {
            if let Some(holder) = queries::role_holder(
                tx.db(),
                self.cluster_id,
                self.year,
                MemberRole::Leader,
                self.id,
            )? {
                return Err(invalid(
                    "validation.two_leaders",
                    "role",
                    format!("Cụm đã có Cụm trưởng năm {}: {holder}.", self.year),
                ));
            }
        }
        Ok(())
    }
}

impl Validate for Event {
    fn validate(&self, tx: &Tx<'_>) -> Check {
        required("name", "tên hội nghị", &self.name)?;
        code(tx, "event_kind", "kind", &self.kind)?;
        year("date_year", self.date_year)?;
        year("year_covered", self.year_covered)?;
        match (self.date_year, self.date_month, self.date_day) {
            (Some(y), month, day) => PartialDate {
                year: y,
                month,
                day,
            }
            .check()
            .map_err(|e| invalid("validation.bad_date", "date", e.to_string()))?,
            // Known only by day and month ("15/7"): the day must exist in some year.
            (None, Some(month), Some(day)) => PartialDate {
                year: 2024,
                month: Some(month),
                day: Some(day),
            }
            .check()
            .map_err(|e| invalid("validation.bad_date", "date", e.to_string()))?,
            (None, None, None) => {}
            _ => {
                return Err(invalid(
                    "validation.bad_date",
                    "date",
                    "Ngày tháng thiếu năm phải có cả ngày và tháng.",
                ))
            }
        }
        reference(tx, RecordKind::Document, "document_id", self.document_id)?;
        reference(tx, RecordKind::Unit, "host_unit_id", self.host_unit_id)?;
        reference(tx, RecordKind::Cluster, "cluster_id", self.cluster_id)?;
        unique(tx, self, "hội nghị")
    }
}

impl Validate for Participant {
    fn validate(&self, tx: &Tx<'_>) -> Check {
        reference(tx, RecordKind::Event, "event_id", Some(self.event_id))?;
        if self.person_id.is_none() && self.unit_id.is_none() {
            return Err(invalid(
                "validation.required",
                "person_id",
                "Chưa chọn người hoặc đơn vị dự hội nghị.",
            ));
        }
        reference(tx, RecordKind::Person, "person_id", self.person_id)?;
        reference(tx, RecordKind::Unit, "unit_id", self.unit_id)?;
        code(tx, "participant_role", "role", &self.role)?;
        unique(tx, self, "người dự với vai trò")
    }
}

impl Validate for Pledge {
    fn validate(&self, tx: &Tx<'_>) -> Check {
        reference(tx, RecordKind::Cluster, "cluster_id", Some(self.cluster_id))?;
        year("year", Some(self.year))?;
        reference(tx, RecordKind::Event, "event_id", self.event_id)?;
        unique(tx, self, "giao ước thi đua của cụm trong năm")
    }
}

impl Validate for PledgeSignatory {
    fn validate(&self, tx: &Tx<'_>) -> Check {
        reference(tx, RecordKind::Pledge, "pledge_id", Some(self.pledge_id))?;
        reference(tx, RecordKind::Unit, "unit_id", Some(self.unit_id))?;
        unique(tx, self, "đơn vị ký giao ước")
    }
}

impl Validate for Person {
    fn prepare(&mut self, _tx: &Tx<'_>) -> Check {
        let blank = |o: &Option<String>| o.as_deref().is_none_or(|s| s.trim().is_empty());
        if blank(&self.given_name) && blank(&self.family_name) {
            let (f, m, g) = name::split(&crate::text::clean(&self.full_name));
            self.family_name = Some(f);
            self.middle_name = Some(m);
            self.given_name = Some(g);
        }
        Ok(())
    }

    fn validate(&self, tx: &Tx<'_>) -> Check {
        required("full_name", "họ và tên", &self.full_name)?;
        year("birth_year", self.birth_year)?;
        if self.birth_year.is_some() {
            unique(tx, self, "người cùng họ tên và năm sinh")?;
        }
        Ok(())
    }
}

impl Validate for Position {
    fn validate(&self, tx: &Tx<'_>) -> Check {
        reference(tx, RecordKind::Person, "person_id", Some(self.person_id))?;
        required("title", "chức vụ", &self.title)?;
        reference(tx, RecordKind::Unit, "unit_id", self.unit_id)?;
        iso_date("from_date", self.from_date.as_deref())?;
        iso_date("to_date", self.to_date.as_deref())?;
        if let (Some(f), Some(t)) = (&self.from_date, &self.to_date) {
            if t < f {
                return Err(invalid(
                    "validation.date_order",
                    "to_date",
                    "Ngày kết thúc trước ngày bắt đầu.",
                ));
            }
        }
        reference(tx, RecordKind::PersonnelChange, "change_id", self.change_id)
    }
}

/// Change kinds that end the person's current post without giving a new one.
const ENDING_KINDS: &[&str] = &[
    "mien_nhiem",
    "tu_chuc",
    "cho_thoi_giu_chuc_vu",
    "thoi_cap_uy_vien",
    "nghi_huu",
];

impl Validate for PersonnelChange {
    fn after_create(&self, tx: &mut Tx<'_>) -> Check {
        let Some(id) = self.id else { return Ok(()) };
        let date = self.effective_date.clone().or(self.decision_date.clone());
        let ends = ENDING_KINDS.contains(&self.kind.as_str()) || self.to_title.is_some();
        if ends {
            // Close the open posts this change ends: the one named as "from", else all open ones
            // when the person takes a new post or leaves.
            for mut pos in queries::open_positions(tx.db(), self.person_id)? {
                let named = self.from_title.as_deref().is_none_or(|t| t == pos.title);
                let moving_on = self.to_title.is_some()
                    && self.kind != "hiep_y"
                    && self.kind != "gioi_thieu_ung_cu";
                if named && (moving_on || ENDING_KINDS.contains(&self.kind.as_str())) {
                    pos.to_date = date.clone().or(pos.to_date);
                    super::records::save_in(tx, &pos)?;
                }
            }
        }
        if let Some(title) = &self.to_title {
            if !matches!(self.kind.as_str(), "hiep_y" | "gioi_thieu_ung_cu") {
                super::records::save_in(
                    tx,
                    &Position {
                        id: None,
                        person_id: self.person_id,
                        title: title.clone(),
                        unit_id: self.to_unit_id,
                        from_date: date,
                        to_date: None,
                        change_id: Some(id),
                        note: self
                            .decision_number
                            .as_ref()
                            .map(|n| format!("Theo quyết định {n}")),
                    },
                )?;
            }
        }
        Ok(())
    }

    fn validate(&self, tx: &Tx<'_>) -> Check {
        code(tx, "change_kind", "kind", &self.kind)?;
        reference(tx, RecordKind::Person, "person_id", Some(self.person_id))?;
        reference(tx, RecordKind::Unit, "from_unit_id", self.from_unit_id)?;
        reference(tx, RecordKind::Unit, "to_unit_id", self.to_unit_id)?;
        reference(tx, RecordKind::Document, "document_id", self.document_id)?;
        iso_date("decision_date", self.decision_date.as_deref())?;
        iso_date("effective_date", self.effective_date.as_deref())?;
        if self.decision_number.is_some() {
            unique(tx, self, "quyết định này cho người này")?;
        }
        Ok(())
    }
}

impl Validate for AwardForm {
    fn validate(&self, tx: &Tx<'_>) -> Check {
        required("code", "mã hình thức", &self.code)?;
        required("name", "tên hình thức", &self.name)?;
        for k in self.recipient_kinds.split(',').map(str::trim) {
            code(tx, "recipient_kind", "recipient_kinds", k)?;
        }
        unique(tx, self, "hình thức khen thưởng có mã")
    }
}

impl Validate for Award {
    fn validate(&self, tx: &Tx<'_>) -> Check {
        reference(tx, RecordKind::AwardForm, "form_id", Some(self.form_id))?;
        reference(tx, RecordKind::Document, "document_id", self.document_id)?;
        reference(
            tx,
            RecordKind::Unit,
            "recipient_unit_id",
            self.recipient_unit_id,
        )?;
        reference(
            tx,
            RecordKind::Person,
            "recipient_person_id",
            self.recipient_person_id,
        )?;
        let named = self.recipient_unit_id.is_some() || self.recipient_person_id.is_some();
        match self.recipient_count {
            Some(n) if n < 0 => {
                return Err(invalid(
                    "validation.negative",
                    "recipient_count",
                    "Số lượng không được là số âm.",
                ))
            }
            Some(0) => {
                return Err(invalid(
                    "validation.required",
                    "recipient_count",
                    "Số lượng phải lớn hơn 0.",
                ))
            }
            None if !named => {
                return Err(invalid(
                    "validation.required",
                    "recipient_unit_id",
                    "Chưa chọn đơn vị, cá nhân được khen thưởng hoặc số lượng.",
                ))
            }
            _ => {}
        }
        year("achievement_year", self.achievement_year)?;
        reference(
            tx,
            RecordKind::Unit,
            "proposed_by_unit_id",
            self.proposed_by_unit_id,
        )?;
        reference(
            tx,
            RecordKind::Cluster,
            "proposed_by_cluster_id",
            self.proposed_by_cluster_id,
        )?;
        reference(
            tx,
            RecordKind::Event,
            "proposed_at_event_id",
            self.proposed_at_event_id,
        )?;
        iso_date("proposed_date", self.proposed_date.as_deref())?;
        iso_date("decision_date", self.decision_date.as_deref())?;
        if self.status == AwardStatus::Decided && self.decision_number.is_none() {
            return Err(invalid(
                "validation.required",
                "decision_number",
                "Chưa nhập số quyết định khen thưởng.",
            ));
        }
        let proposed = match (&self.proposed_date, self.proposed_at_event_id) {
            (Some(d), _) => Some(d.clone()),
            (None, Some(e)) => queries::event_date_iso(tx.db(), e)?,
            _ => None,
        };
        if let (Some(p), Some(d)) = (proposed, &self.decision_date) {
            if d < &p {
                return Err(invalid(
                    "validation.decision_before_proposal",
                    "decision_date",
                    format!(
                        "Ngày quyết định ({}) trước ngày đề nghị ({}).",
                        date::iso_to_vn(d),
                        date::iso_to_vn(&p)
                    ),
                ));
            }
        }
        if named {
            unique(tx, self, "khen thưởng này cho người nhận này trong năm")?;
        }
        Ok(())
    }
}

impl Validate for Indicator {
    fn validate(&self, tx: &Tx<'_>) -> Check {
        required("code", "mã chỉ tiêu", &self.code)?;
        required("label", "tên chỉ tiêu", &self.label)?;
        unique(tx, self, "chỉ tiêu có mã")
    }
}

impl Validate for Figure {
    fn validate(&self, tx: &Tx<'_>) -> Check {
        reference(
            tx,
            RecordKind::Indicator,
            "indicator_id",
            Some(self.indicator_id),
        )?;
        reference(tx, RecordKind::Unit, "scope_unit_id", self.scope_unit_id)?;
        reference(
            tx,
            RecordKind::Cluster,
            "scope_cluster_id",
            self.scope_cluster_id,
        )?;
        year("period_year", self.period_year)?;
        iso_date("period_date", self.period_date.as_deref())?;
        if let Some(m) = self.period_months {
            if !(1..=12).contains(&m) {
                return Err(invalid(
                    "validation.bad_period",
                    "period_months",
                    "Số tháng phải từ 1 đến 12.",
                ));
            }
        }
        if self.value.is_none()
            && self.denominator.is_none()
            && self.percent.is_none()
            && self.target.is_none()
        {
            return Err(invalid(
                "validation.required",
                "value",
                "Chưa nhập giá trị, tổng số, tỷ lệ hoặc chỉ tiêu đề ra.",
            ));
        }
        not_negative("value", "Giá trị", self.value)?;
        not_negative("denominator", "Tổng số", self.denominator)?;
        not_negative("percent", "Tỷ lệ", self.percent)?;
        not_negative("target", "Chỉ tiêu đề ra", self.target)?;
        if self.target == Some(0.0) {
            return Err(invalid(
                "validation.zero_target",
                "target",
                "Chỉ tiêu đề ra phải lớn hơn 0.",
            ));
        }
        for (field, v) in [
            ("change_pct", self.change_pct),
            ("change_value", self.change_value),
        ] {
            if v.is_some_and(|v| !v.is_finite()) {
                return Err(invalid("validation.bad_number", field, "Số không hợp lệ."));
            }
        }
        match self.period_kind {
            PeriodKind::Quarter if !self.period_quarter.is_some_and(|q| (1..=4).contains(&q)) => {
                return Err(invalid(
                    "validation.bad_period",
                    "period_quarter",
                    "Quý phải từ 1 đến 4.",
                ))
            }
            PeriodKind::Span
                if self.period_year.is_none()
                    || self
                        .period_end_year
                        .is_none_or(|y| Some(y) <= self.period_year) =>
            {
                return Err(invalid(
                    "validation.bad_period",
                    "period_end_year",
                    "Năm kết thúc của giai đoạn phải sau năm bắt đầu.",
                ))
            }
            _ => {}
        }
        year("period_end_year", self.period_end_year)?;
        reference(tx, RecordKind::Figure, "parent_id", self.parent_id)?;
        if self.parent_id.is_some() && self.parent_id == self.id {
            return Err(invalid(
                "validation.cycle",
                "parent_id",
                "Số liệu không thể là phần của chính nó.",
            ));
        }
        reference(tx, RecordKind::Document, "document_id", self.document_id)?;
        unique(tx, self, "số liệu của chỉ tiêu, phạm vi và kỳ")
    }
}

impl Validate for Source {
    fn validate(&self, _tx: &Tx<'_>) -> Check {
        required("title", "tiêu đề", &self.title)?;
        partial_iso_date("published_date", self.published_date.as_deref())
    }
}

impl Validate for Document {
    fn validate(&self, tx: &Tx<'_>) -> Check {
        if self.number.is_none() && self.title.is_none() {
            return Err(invalid(
                "validation.required",
                "number",
                "Chưa nhập số, ký hiệu hoặc trích yếu của văn bản.",
            ));
        }
        if let Some(k) = &self.kind {
            code(tx, "document_kind", "kind", k)?;
        }
        partial_iso_date("date", self.date.as_deref())?;
        unique(tx, self, "văn bản")
    }
}

impl Validate for EmulationResult {
    fn validate(&self, tx: &Tx<'_>) -> Check {
        reference(tx, RecordKind::Cluster, "cluster_id", self.cluster_id)?;
        reference(tx, RecordKind::Unit, "unit_id", Some(self.unit_id))?;
        reference(tx, RecordKind::Event, "event_id", self.event_id)?;
        year("year", Some(self.year))?;
        if self.rank.is_some_and(|r| r < 1) {
            return Err(invalid(
                "validation.bad_rank",
                "rank",
                "Thứ hạng phải từ 1 trở lên.",
            ));
        }
        not_negative("score", "Điểm", self.score)?;
        unique(tx, self, "kết quả thi đua của đơn vị trong năm")
    }
}

impl Validate for Citation {
    fn validate(&self, tx: &Tx<'_>) -> Check {
        reference(tx, self.record_kind, "record_id", Some(self.record_id))?;
        reference(tx, RecordKind::Source, "source_id", Some(self.source_id))?;
        required("passage", "đoạn trích", &self.passage)?;
        if let (Some(s), Some(e)) = (self.char_start, self.char_end) {
            if s < 0 || e < s {
                return Err(invalid(
                    "validation.bad_range",
                    "char_start",
                    "Vị trí đoạn trích không hợp lệ.",
                ));
            }
        }
        Ok(())
    }
}

impl Validate for CodeEntry {
    /// A new entry gets a code made from its label (made unique with a number) and is listed
    /// last.
    fn prepare(&mut self, tx: &Tx<'_>) -> Check {
        if self.id.is_none() {
            if self.code.trim().is_empty() && !self.label.trim().is_empty() {
                let base = code_list::code_from_label(&self.label);
                let mut candidate = base.clone();
                let mut n = 2;
                while queries::code_taken(tx.db(), self.list.code(), &candidate, None)? {
                    candidate = format!("{base}_{n}");
                    n += 1;
                }
                self.code = candidate;
            }
            if self.position == 0 {
                self.position = queries::next_code_position(tx.db())?;
            }
        }
        Ok(())
    }

    fn validate(&self, tx: &Tx<'_>) -> Check {
        fixed_list(self.list)?;
        required("label", "tên mục", &self.label)?;
        let stored: Option<CodeEntry> = match self.id {
            Some(id) => Some(tx.load(id)?),
            None => None,
        };
        match &stored {
            None if self.builtin => {
                return Err(invalid(
                    "validation.builtin",
                    "builtin",
                    "Chỉ chương trình mới tạo được mục có sẵn.",
                ))
            }
            Some(old) if old.builtin != self.builtin || old.list != self.list => {
                return Err(invalid(
                    "validation.builtin",
                    "list",
                    "Không đổi được danh mục hoặc tính chất có sẵn của một mục.",
                ))
            }
            Some(old) if old.code != self.code => {
                return Err(invalid(
                    "validation.code_fixed",
                    "code",
                    "Không đổi được mã của mục đã có (các bản ghi đang dùng mã này). Muốn thay, hãy thêm mục mới rồi gộp mục cũ vào.",
                ))
            }
            _ => {}
        }
        self.entry_rules(tx)
    }
}

impl CodeEntry {
    /// What any stored entry must be, however it got there: the rules above are about who may
    /// change an entry (the program's fixed lists and built-in entries are its own), these
    /// about the entry itself. An import and an undo bring the program's entries too, so they
    /// check only these.
    fn entry_rules(&self, tx: &Tx<'_>) -> Check {
        required("label", "tên mục", &self.label)?;
        let well_formed = !self.code.is_empty()
            && self.code.len() <= 60
            && self
                .code
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !well_formed {
            return Err(invalid(
                "validation.bad_code",
                "code",
                "Mã chỉ gồm chữ thường không dấu, chữ số và dấu gạch dưới (như \"hoi_nghi_chuyen_de\"); để trống để chương trình tự đặt.",
            ));
        }
        if queries::code_taken(tx.db(), self.list.code(), &self.code, self.id)? {
            return Err(invalid(
                "validation.duplicate",
                "code",
                format!(
                    "Danh mục «{}» đã có mã \"{}\".",
                    self.list.label_vi(),
                    self.code
                ),
            ));
        }
        let key = crate::text::fold_key(&self.label);
        for (other, label) in queries::code_labels(tx.db(), self.list.code(), self.id)? {
            if crate::text::fold_key(&label) == key {
                return Err(invalid(
                    "validation.duplicate",
                    "label",
                    format!(
                        "Danh mục «{}» đã có mục «{label}» (#{other}).",
                        self.list.label_vi()
                    ),
                ));
            }
        }
        Ok(())
    }
}

/// The fixed lists' entries are the program's: the rules name their codes.
fn fixed_list(list: CodeList) -> Check {
    if list.editable() {
        return Ok(());
    }
    Err(invalid(
        "validation.fixed_list",
        "list",
        format!(
            "Danh mục «{}» là danh mục cố định của chương trình, không thêm, sửa, xóa được.",
            list.label_vi()
        ),
    ))
}

/// Whether a record may go to the trash, beyond what refers to it: built-in code-list entries
/// stay (retire them instead).
pub fn deletable(tx: &Tx<'_>, kind: RecordKind, id: i64) -> Check {
    if kind == RecordKind::CodeEntry {
        let entry: CodeEntry = tx.load(id)?;
        fixed_list(entry.list)?;
        if entry.builtin {
            return Err(invalid(
                "validation.builtin",
                "builtin",
                format!(
                    "«{}» là mục có sẵn của chương trình nên không xóa được; có thể đổi tên hoặc cho ngừng dùng.",
                    entry.label
                ),
            ));
        }
    }
    Ok(())
}

/// Checks a record as it now stands in the file, the way a save would check it: its shape (an
/// unknown value of a fixed list, a wrong type), every text field, and, while it is live, its
/// kind's rules (codes, references, duplicates). What an import and an undo run on each row they
/// wrote, since neither goes through `save`. No row (an undone creation): nothing to check.
pub fn stored_row(tx: &Tx<'_>, kind: RecordKind, id: i64) -> Check {
    let Some((row, deleted)) = crate::storage::any_row(tx.db(), kind, id)? else {
        return Ok(());
    };
    let any = super::editing::parse_record(kind, serde_json::Value::Object(row))?;
    if let AnyRecord::CodeEntry(entry) = &any {
        text_fields(entry)?;
        return if deleted {
            Ok(())
        } else {
            entry.entry_rules(tx)
        };
    }
    crate::with_record!(any, r => {
        text_fields(&r)?;
        if !deleted {
            r.validate(tx)?;
        }
        Ok(())
    })
}

/// The same error with `context` before its message ("bảng units, bản ghi #5: …"), its code
/// and field kept.
pub fn in_context(e: RecordError, context: &str) -> RecordError {
    match e {
        RecordError::Invalid {
            code,
            field,
            message,
        } => RecordError::Invalid {
            code,
            field,
            message: format!("{context}: {message}"),
        },
        RecordError::Input {
            code,
            field,
            message,
        } => RecordError::Input {
            code,
            field,
            message: format!("{context}: {message}"),
        },
        other => other,
    }
}
