// What each record kind's form shows. The core validates again; these specs only make typing fast
// and catch format mistakes (dates, numbers) before anything is sent.
import type { RecordKind } from "./bindings/RecordKind";
import { formatNumber, parseNumber, toIsoDate, formatIsoDate, formatPartialDate } from "./format";
import type { RecordOf } from "./api";
import type { PartialDate } from "./bindings/PartialDate";

export type FieldType =
  | "text"
  | "textarea"
  | "number"
  | "integer"
  | "year"
  | "date" // a full date, stored ISO
  | "partial-date" // year, month/year or full date, stored as date_year/date_month/date_day
  | "code" // from a code list
  | "bool" // a checkbox
  | "ref"; // another record, picked by name

/** One field of a form for records of type `R`: its key is a field of the generated record
 * type, so a field renamed in Rust fails the UI's type check. */
export interface Field<R> {
  key: keyof R & string;
  label: string;
  type: FieldType;
  required?: boolean;
  /** Code list (type "code") or option kind (type "ref"). */
  source?: string;
  /** Refs to provinces and award forms hold text ids or numbers; everything else numbers. */
  textId?: boolean;
  wide?: boolean;
  /** A year field of a new record that follows a date field as the date is typed (until the
   * clerk changes the year itself). */
  follows?: string;
  /** Kept for the next record by "Lưu và thêm tiếp" (the form, the granting body, the event…). */
  keep?: boolean;
  /** Shown but not editable once the record exists (a code records refer to). */
  lockedOnceSaved?: boolean;
}

type Forms = { [K in RecordKind]?: Field<RecordOf<K>>[] };

/** The element id and error key of a field: a partial date is one input for three columns. */
export function fieldId(f: { key: string; type: FieldType }): string {
  return f.type === "partial-date" ? "date" : f.key;
}

export const FORMS: Forms = {
  cluster: [
    { key: "name", label: "Tên cụm", type: "text", required: true, wide: true },
    { key: "number", label: "Số hiệu", type: "text" },
    { key: "sector", label: "Ngành", type: "code", source: "sector", required: true },
    { key: "kind", label: "Loại cụm, khối", type: "code", source: "cluster_kind", required: true },
    { key: "region", label: "Khu vực", type: "text" },
    { key: "set_up_by", label: "Cơ quan thành lập", type: "text" },
    { key: "province_id", label: "Của tỉnh (khối, cụm trong tỉnh)", type: "ref", source: "province", textId: true },
    { key: "note", label: "Ghi chú", type: "textarea", wide: true },
  ],
  unit: [
    { key: "name", label: "Tên đơn vị", type: "text", required: true, wide: true },
    { key: "kind", label: "Loại đơn vị", type: "code", source: "unit_kind", required: true },
    { key: "short_name", label: "Tên viết tắt", type: "text" },
    { key: "province_id", label: "Tỉnh, thành phố", type: "ref", source: "province", textId: true },
    { key: "parent_id", label: "Trực thuộc", type: "ref", source: "unit" },
    { key: "note", label: "Ghi chú", type: "textarea", wide: true },
  ],
  event: [
    { key: "name", label: "Tên hội nghị", type: "text", required: true, wide: true },
    { key: "kind", label: "Loại hội nghị", type: "code", source: "event_kind", required: true },
    { key: "date_year", label: "Ngày (dd/mm/yyyy, mm/yyyy hoặc yyyy)", type: "partial-date" },
    { key: "place", label: "Địa điểm", type: "text" },
    { key: "host_unit_id", label: "Đơn vị đăng cai", type: "ref", source: "unit" },
    { key: "cluster_id", label: "Cụm thi đua", type: "ref", source: "cluster" },
    { key: "year_covered", label: "Năm được đánh giá", type: "year", follows: "date" },
    { key: "period_label", label: "Kỳ đánh giá (như bài viết)", type: "text" },
    { key: "year_inferred", label: "Năm suy ra (bài không ghi)", type: "bool" },
    { key: "date_note", label: "Cách đọc ngày", type: "text", wide: true },
    { key: "organizer", label: "Đơn vị tổ chức (như bài viết)", type: "text" },
    { key: "released_by", label: "Cơ quan công bố số liệu", type: "text" },
    { key: "document_id", label: "Văn bản liên quan", type: "ref", source: "document", wide: true },
    { key: "note", label: "Ghi chú", type: "textarea", wide: true },
  ],
  participant: [
    { key: "event_id", label: "Hội nghị", type: "ref", source: "event", required: true, wide: true, keep: true },
    { key: "person_id", label: "Người dự", type: "ref", source: "person" },
    { key: "unit_id", label: "Đơn vị", type: "ref", source: "unit" },
    { key: "title", label: "Chức vụ lúc đó", type: "text", wide: true },
    { key: "role", label: "Vai trò", type: "code", source: "participant_role", required: true, keep: true },
    { key: "note", label: "Ghi chú", type: "textarea", wide: true },
  ],
  pledge: [
    { key: "cluster_id", label: "Cụm thi đua", type: "ref", source: "cluster", required: true },
    { key: "year", label: "Năm giao ước", type: "year", required: true },
    { key: "event_id", label: "Ký tại hội nghị", type: "ref", source: "event", wide: true },
    { key: "note", label: "Ghi chú", type: "textarea", wide: true },
  ],
  cluster_member: [
    { key: "cluster_id", label: "Cụm thi đua", type: "ref", source: "cluster", required: true, keep: true },
    { key: "unit_id", label: "Đơn vị", type: "ref", source: "unit", required: true },
    { key: "year", label: "Năm", type: "year", required: true, keep: true },
    { key: "role", label: "Vai trò", type: "code", source: "cluster_role", required: true, keep: true },
    { key: "elected_at_event_id", label: "Bầu tại hội nghị", type: "ref", source: "event", wide: true, keep: true },
  ],
  person: [
    { key: "full_name", label: "Họ và tên", type: "text", required: true, wide: true },
    { key: "family_name", label: "Họ", type: "text" },
    { key: "middle_name", label: "Tên đệm", type: "text" },
    { key: "given_name", label: "Tên", type: "text" },
    { key: "gender", label: "Giới tính", type: "code", source: "gender" },
    { key: "birth_year", label: "Năm sinh", type: "year" },
    { key: "note", label: "Ghi chú", type: "textarea", wide: true },
  ],
  personnel_change: [
    { key: "person_id", label: "Cán bộ", type: "ref", source: "person", required: true },
    { key: "kind", label: "Hình thức", type: "code", source: "change_kind", required: true, keep: true },
    { key: "from_title", label: "Từ chức vụ", type: "text" },
    { key: "from_unit_id", label: "Từ đơn vị", type: "ref", source: "unit" },
    { key: "to_title", label: "Đến chức vụ", type: "text" },
    { key: "to_unit_id", label: "Đến đơn vị", type: "ref", source: "unit" },
    { key: "decision_number", label: "Số quyết định", type: "text", keep: true },
    { key: "decision_date", label: "Ngày quyết định", type: "date", keep: true },
    { key: "effective_date", label: "Ngày hiệu lực", type: "date", keep: true },
    { key: "issuing_body", label: "Cơ quan ban hành", type: "text", keep: true },
    { key: "legal_basis", label: "Căn cứ (quy định)", type: "text", keep: true },
    { key: "kind_as_written", label: "Hình thức (như bài viết)", type: "text" },
    { key: "document_id", label: "Văn bản quyết định", type: "ref", source: "document", keep: true },
    { key: "note", label: "Ghi chú", type: "textarea", wide: true },
  ],
  award: [
    { key: "form_id", label: "Hình thức khen thưởng", type: "ref", source: "award_form", required: true, keep: true },
    { key: "form_detail", label: "Nội dung (sau hình thức)", type: "text", wide: true, keep: true },
    { key: "recipient_kind", label: "Tập thể / cá nhân", type: "code", source: "recipient_kind", required: true, keep: true },
    { key: "recipient_unit_id", label: "Đơn vị được khen", type: "ref", source: "unit" },
    { key: "recipient_person_id", label: "Cá nhân được khen", type: "ref", source: "person" },
    { key: "recipient_count", label: "Số lượng (khi không nêu tên)", type: "integer" },
    { key: "achievement_year", label: "Năm thành tích", type: "year", follows: "proposed_date", keep: true },
    { key: "granting_body", label: "Cấp khen", type: "text", keep: true },
    { key: "status", label: "Trạng thái", type: "code", source: "award_status", required: true, keep: true },
    { key: "proposed_by_cluster_id", label: "Cụm đề nghị", type: "ref", source: "cluster", keep: true },
    { key: "proposed_by_unit_id", label: "Đơn vị đề nghị", type: "ref", source: "unit", keep: true },
    { key: "proposed_at_event_id", label: "Đề nghị tại hội nghị", type: "ref", source: "event", wide: true, keep: true },
    { key: "proposed_date", label: "Ngày đề nghị", type: "date", keep: true },
    { key: "decision_number", label: "Số quyết định", type: "text" },
    { key: "decision_date", label: "Ngày quyết định", type: "date" },
    { key: "decision_signer", label: "Người ký", type: "text" },
    { key: "form_as_written", label: "Hình thức (như bài viết)", type: "text" },
    { key: "document_id", label: "Văn bản quyết định", type: "ref", source: "document" },
    { key: "reason", label: "Thành tích", type: "textarea", wide: true },
    { key: "note", label: "Ghi chú", type: "textarea", wide: true },
  ],
  figure: [
    { key: "indicator_id", label: "Chỉ tiêu", type: "ref", source: "indicator", required: true, wide: true },
    { key: "scope_unit_id", label: "Đơn vị", type: "ref", source: "unit", keep: true },
    { key: "scope_cluster_id", label: "Cụm thi đua", type: "ref", source: "cluster", keep: true },
    { key: "scope_label", label: "Phạm vi khác (như bài viết)", type: "text", keep: true },
    { key: "period_kind", label: "Kỳ", type: "code", source: "period_kind", required: true, keep: true },
    { key: "period_year", label: "Năm (để trống nếu bài không ghi)", type: "year", follows: "period_date", keep: true },
    { key: "period_months", label: "Số tháng", type: "integer", keep: true },
    { key: "period_quarter", label: "Quý", type: "integer" },
    { key: "period_end_year", label: "Đến năm (giai đoạn)", type: "year" },
    { key: "period_date", label: "Tại ngày", type: "date", keep: true },
    { key: "period_label", label: "Kỳ (như bài viết)", type: "text", keep: true },
    { key: "value", label: "Giá trị", type: "number" },
    { key: "denominator", label: "Trên tổng số", type: "number" },
    { key: "percent", label: "Tỷ lệ (%)", type: "number" },
    { key: "percent_base", label: "Tỷ lệ so với (dân số, tổng số đảng viên…)", type: "text" },
    { key: "target", label: "Chỉ tiêu đề ra", type: "number" },
    { key: "document_id", label: "Văn bản giao chỉ tiêu", type: "ref", source: "document" },
    { key: "qualifier", label: "Ước lượng (gần, trên…)", type: "text" },
    { key: "change_pct", label: "Tăng (+) / giảm (−) %", type: "number" },
    { key: "change_value", label: "Tăng (+) / giảm (−) số", type: "number" },
    { key: "compared_with", label: "So với (cùng kỳ, năm trước…)", type: "text" },
    { key: "parent_id", label: "Là phần của số liệu (trong đó…)", type: "ref", source: "figure", wide: true },
    { key: "unit_as_written", label: "Đơn vị tính (như bài viết)", type: "text" },
    { key: "label_as_written", label: "Nguyên văn", type: "text", wide: true },
    { key: "note", label: "Ghi chú", type: "textarea", wide: true },
  ],
  indicator: [
    { key: "label", label: "Tên chỉ tiêu", type: "text", required: true, wide: true },
    { key: "code", label: "Mã chỉ tiêu", type: "text", required: true },
    { key: "unit_label", label: "Đơn vị tính", type: "text" },
    { key: "aggregation", label: "Cách tổng hợp", type: "code", source: "aggregation", required: true },
    { key: "note", label: "Ghi chú", type: "textarea", wide: true },
  ],
  award_form: [
    { key: "name", label: "Tên hình thức khen thưởng", type: "text", required: true, wide: true },
    { key: "code", label: "Mã hình thức", type: "text", required: true },
    { key: "recipient_kinds", label: "Đối tượng (tap_the, ca_nhan)", type: "text", required: true },
    { key: "note", label: "Ghi chú", type: "textarea", wide: true },
  ],
  source: [
    { key: "title", label: "Tiêu đề", type: "text", required: true, wide: true },
    { key: "publisher", label: "Nơi đăng", type: "text" },
    { key: "author", label: "Tác giả", type: "text" },
    { key: "published_date", label: "Ngày đăng", type: "text" },
    { key: "url", label: "Địa chỉ bài viết (URL)", type: "text", wide: true },
    { key: "body_text", label: "Nội dung", type: "textarea", wide: true },
    { key: "note", label: "Ghi chú", type: "textarea", wide: true },
  ],
  code_entry: [
    { key: "label", label: "Tên mục", type: "text", required: true, wide: true },
    { key: "code", label: "Mã (để trống: tự đặt theo tên)", type: "text", lockedOnceSaved: true },
    { key: "retired", label: "Ngừng dùng (không đưa vào lựa chọn cho bản ghi mới)", type: "bool", wide: true },
    { key: "note", label: "Ghi chú", type: "textarea", wide: true },
  ],
  document: [
    { key: "number", label: "Số, ký hiệu (như văn bản: 41-QĐ/TW)", type: "text" },
    { key: "kind", label: "Loại văn bản", type: "code", source: "document_kind" },
    { key: "issuer", label: "Cơ quan ban hành", type: "text" },
    { key: "date", label: "Ngày ban hành", type: "date" },
    { key: "title", label: "Trích yếu", type: "text", wide: true },
    { key: "note", label: "Ghi chú", type: "textarea", wide: true },
  ],
  emulation_result: [
    { key: "cluster_id", label: "Cụm, khối thi đua", type: "ref", source: "cluster", keep: true },
    { key: "unit_id", label: "Đơn vị", type: "ref", source: "unit", required: true },
    { key: "year", label: "Năm", type: "year", required: true, keep: true },
    { key: "rank", label: "Xếp thứ", type: "integer" },
    { key: "classification", label: "Xếp loại (như: hoàn thành xuất sắc nhiệm vụ)", type: "text", wide: true },
    { key: "score", label: "Điểm", type: "number" },
    { key: "leading", label: "Đơn vị dẫn đầu", type: "bool" },
    { key: "event_id", label: "Công bố tại hội nghị", type: "ref", source: "event", wide: true, keep: true },
    { key: "note", label: "Ghi chú", type: "textarea", wide: true },
  ],
};

type Json = Record<string, unknown>;

/** Form text for each field from a record (numbers 20.777, dates dd/mm/yyyy), by `fieldId`. */
export function toFormValues<R>(fields: Field<R>[], record: R): Record<string, string> {
  const r = record as Json;
  const out: Record<string, string> = {};
  for (const f of fields) {
    const v = r[f.key];
    const id = fieldId(f);
    switch (f.type) {
      case "partial-date": {
        const y = r.date_year as number | null;
        out[id] = y ? formatPartialDate({ year: y, month: (r.date_month as number) ?? null, day: (r.date_day as number) ?? null }) : "";
        break;
      }
      case "date":
        out[id] = typeof v === "string" ? formatIsoDate(v) : "";
        break;
      case "number":
        out[id] = typeof v === "number" ? formatNumber(v) : "";
        break;
      case "bool":
        out[id] = v ? "true" : "";
        break;
      default:
        out[id] = v == null ? "" : String(v);
    }
  }
  return out;
}

function neg(n: number | null): number | null {
  return n == null ? null : -n;
}

export type Parsed<R> = { ok: true; record: R } | { ok: false; errors: Record<string, string> };

/** Dates are parsed by the core (one parser, one set of year limits for forms and validation). */
export type DateParser = (text: string, partial: boolean) => Promise<PartialDate>;

/** Parses the form back into a record; format errors come back per field, in Vietnamese. */
export async function fromFormValues<R>(
  fields: Field<R>[],
  values: Record<string, string>,
  base: R,
  parseDate: DateParser,
): Promise<Parsed<R>> {
  const record: Json = { ...(base as Json) };
  const errors: Record<string, string> = {};
  for (const f of fields) {
    const id = fieldId(f);
    const text = (values[id] ?? "").trim();
    if (f.type === "bool") {
      record[f.key] = text === "true";
      continue;
    }
    if (!text) {
      if (f.required) errors[id] = `Chưa nhập ${f.label.toLowerCase()}.`;
      if (f.type === "partial-date") {
        record.date_year = null;
        record.date_month = null;
        record.date_day = null;
      } else {
        record[f.key] = null;
      }
      continue;
    }
    switch (f.type) {
      case "partial-date":
      case "date": {
        try {
          const d = await parseDate(text, f.type === "partial-date");
          if (f.type === "date") record[f.key] = toIsoDate(d);
          else {
            record.date_year = d.year;
            record.date_month = d.month;
            record.date_day = d.day;
          }
        } catch (e) {
          errors[id] = (e as { message?: string }).message ?? String(e);
        }
        break;
      }
      case "number": {
        // A sign is allowed (changes are signed); the core refuses negative counts.
        const n = text.startsWith("-") || text.startsWith("−") ? neg(parseNumber(text.replace(/^[-−]/, ""))) : parseNumber(text);
        if (n == null) errors[id] = "Số không hợp lệ: dùng dấu chấm ngăn hàng nghìn, dấu phẩy cho phần thập phân (20.777; 60,52).";
        else record[f.key] = n;
        break;
      }
      case "integer":
      case "year": {
        if (!/^-?\d+$/.test(text.replace(/\./g, ""))) errors[id] = f.type === "year" ? "Năm phải là số có 4 chữ số." : "Phải là số nguyên.";
        else record[f.key] = Number(text.replace(/\./g, ""));
        break;
      }
      case "ref":
        record[f.key] = f.textId ? text : Number(text);
        break;
      default:
        record[f.key] = text;
    }
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, record: record as R };
}

/** The year a date typed in a form names ("20/05/2020", "5/2020", "2020"), or null. */
export function yearOfTyped(text: string): number | null {
  const m = /(\d{4})\s*$/.exec(text.trim());
  return m ? Number(m[1]) : null;
}
