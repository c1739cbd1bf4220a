// Vietnamese formatting and parsing: dates dd/mm/yyyy, numbers 20.777 and 60,52%.
// Pure functions, no Intl locale data assumed (WebKitGTK builds vary in the locales they ship).

import type { PartialDate } from "./bindings/PartialDate";

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

/** ISO "2023-12-08" → "08/12/2023", a month "2023-07" → "07/2023"; anything else unchanged. */
export function formatIsoDate(iso: string | null | undefined): string {
  if (!iso) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (m) return `${m[3]}/${m[2]}/${m[1]}`;
  const month = /^(\d{4})-(\d{2})$/.exec(iso);
  return month ? `${month[2]}/${month[1]}` : iso;
}

/** A local ISO date and time ("2026-12-04T01:30:00") → "04/12/2026 01:30". */
export function formatIsoDateTime(iso: string): string {
  const [date, time = ""] = iso.split("T");
  return `${formatIsoDate(date)} ${time.slice(0, 5)}`.trim();
}

/** A full PartialDate → ISO "yyyy-mm-dd"; partial ones give null. */
export function toIsoDate(d: PartialDate): string | null {
  if (d.month == null || d.day == null) return null;
  return `${d.year}-${pad2(d.month)}-${pad2(d.day)}`;
}
