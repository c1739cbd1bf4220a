// Vietnamese formatting and parsing: dates dd/mm/yyyy, numbers 20.777 and 60,52%.
// Pure functions, no Intl locale data assumed (WebKitGTK builds vary in the locales they ship).

/** A date that may be partial, as articles often give: year only, month/year, or a full date. */
export interface PartialDate {
  year: number;
  month: number | null;
  day: number | null;
}

/** 20777 → "20.777"; 1722.5 → "1.722,5". */
export function formatNumber(value: number, maxFractionDigits = 2): string {
  if (!Number.isFinite(value)) return "";
  const negative = value < 0;
  const fixed = Math.abs(value).toFixed(maxFractionDigits);
  let [int, frac = ""] = fixed.split(".");
  frac = frac.replace(/0+$/, "");
  int = int.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return (negative ? "-" : "") + int + (frac ? "," + frac : "");
}

/** 60.52 → "60,52%". */
export function formatPercent(value: number, maxFractionDigits = 2): string {
  const s = formatNumber(value, maxFractionDigits);
  return s === "" ? "" : s + "%";
}

/** Parses "20.777", "1.722,5", "60,52" (Vietnamese) → number; null when not a number. */
export function parseNumber(text: string): number | null {
  const t = text.trim().replace(/\s/g, "").replace(/%$/, "");
  if (!/^-?\d{1,3}(\.\d{3})*(,\d+)?$|^-?\d+(,\d+)?$/.test(t)) return null;
  return Number(t.replace(/\./g, "").replace(",", "."));
}

function pad2(n: number): string {
  return n < 10 ? "0" + n : String(n);
}

/** A partial date as the clerk writes it: "08/12/2023", "12/2023", "2023". */
export function formatPartialDate(d: PartialDate | null | undefined): string {
  if (!d) return "";
  if (d.month == null) return String(d.year);
  if (d.day == null) return `${pad2(d.month)}/${d.year}`;
  return `${pad2(d.day)}/${pad2(d.month)}/${d.year}`;
}

/** ISO "2023-12-08" → "08/12/2023"; passes through anything else unchanged. */
export function formatIsoDate(iso: string | null | undefined): string {
  if (!iso) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export type DateParse =
  | { ok: true; date: PartialDate }
  | { ok: false; message: string };

const INVALID_DATE = "Ngày không hợp lệ: hãy nhập theo dạng dd/mm/yyyy (hoặc mm/yyyy, yyyy).";

/**
 * Parses "8/12/2023", "08/12/2023", "12/2023" or "2023" (also with "-" or "." between parts).
 * With `allowPartial` false only a full date is accepted.
 */
export function parsePartialDate(text: string, allowPartial = true): DateParse {
  const parts = text.trim().split(/[/.-]/).map((p) => p.trim());
  if (parts.some((p) => !/^\d+$/.test(p))) return { ok: false, message: INVALID_DATE };
  const nums = parts.map(Number);
  let day: number | null = null;
  let month: number | null = null;
  let year: number;
  if (nums.length === 3) [day, month, year] = nums;
  else if (nums.length === 2 && allowPartial) [month, year] = nums;
  else if (nums.length === 1 && allowPartial) [year] = nums;
  else return { ok: false, message: INVALID_DATE };
  if (parts[parts.length - 1].length !== 4 || year < 1900 || year > 2100) {
    return { ok: false, message: "Năm phải có 4 chữ số, trong khoảng 1900–2100." };
  }
  if (month != null && (month < 1 || month > 12)) {
    return { ok: false, message: "Tháng phải từ 1 đến 12." };
  }
  if (day != null && month != null && (day < 1 || day > daysInMonth(year, month))) {
    return { ok: false, message: `Tháng ${month}/${year} không có ngày ${day}.` };
  }
  return { ok: true, date: { year, month, day } };
}

/** A full PartialDate → ISO "yyyy-mm-dd"; partial ones give null. */
export function toIsoDate(d: PartialDate): string | null {
  if (d.month == null || d.day == null) return null;
  return `${d.year}-${pad2(d.month)}-${pad2(d.day)}`;
}
