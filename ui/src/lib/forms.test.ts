import { describe, expect, it } from "vitest";
import type { Event } from "./bindings/Event";
import type { Figure } from "./bindings/Figure";
import type { PartialDate } from "./bindings/PartialDate";
import type { PersonnelChange } from "./bindings/PersonnelChange";
import { FORMS, fromFormValues, toFormValues, yearOfTyped } from "./forms";

// The real parser is the core's (`parse_date` command, tested in Rust); here a fixture that
// reads d/m/yyyy and m/yyyy and refuses anything else, as the core does, so these tests cover
// only the form's conversion between text and record.
async function parseDate(text: string, partial: boolean): Promise<PartialDate> {
  const n = text.split("/").map(Number);
  if (n.length === 3) {
    const [day, month, year] = n;
    if (new Date(Date.UTC(year, month, 0)).getUTCDate() < day) throw { message: `Tháng ${month}/${year} không có ngày ${day}.` };
    return { year, month, day };
  }
  if (n.length === 2 && partial) return { year: n[1], month: n[0], day: null };
  throw { message: `Ngày không hợp lệ: "${text}".` };
}

const event = {} as Event;
const figure = {} as Figure;
const change = {} as PersonnelChange;

describe("record forms", () => {
  const eventForm = FORMS.event!;

  it("parses a partial date into year/month/day", async () => {
    const r = await fromFormValues(eventForm, { name: "Sơ kết", kind: "so_ket", date: "7/2023" }, event, parseDate);
    expect(r.ok).toBe(true);
    if (r.ok) expect([r.record.date_year, r.record.date_month, r.record.date_day]).toEqual([2023, 7, null]);
  });

  it("puts the parser's message beside the date field and builds no record", async () => {
    const r = await fromFormValues(eventForm, { name: "Sơ kết", kind: "so_ket", date: "31/02/2023" }, event, parseDate);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.date).toBe("Tháng 2/2023 không có ngày 31.");
  });

  it("requires required fields", async () => {
    const r = await fromFormValues(eventForm, { name: "", kind: "so_ket" }, event, parseDate);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.name).toBe("Chưa nhập tên hội nghị.");
  });

  it("round-trips numbers and dates in Vietnamese format", async () => {
    const figureForm = FORMS.figure!;
    const values = toFormValues(figureForm, { ...figure, indicator_id: 1, period_kind: "year", period_year: 2023, value: 20777, percent: 60.52 });
    expect(values.value).toBe("20.777");
    expect(values.percent).toBe("60,52");
    const r = await fromFormValues(figureForm, values, figure, parseDate);
    expect(r.ok && r.record.value).toBe(20777);
    const changeForm = FORMS.personnel_change!;
    const v2 = toFormValues(changeForm, { ...change, person_id: 3, kind: "bo_nhiem", decision_date: "2023-12-08" });
    expect(v2.decision_date).toBe("08/12/2023");
    const r2 = await fromFormValues(changeForm, v2, change, parseDate);
    expect(r2.ok && r2.record.decision_date).toBe("2023-12-08");
  });

  it("every field key is a field of its record type", () => {
    // Checked by the compiler (Field<R>.key is keyof R); here: no key is listed twice.
    for (const fields of Object.values(FORMS)) {
      const keys = fields!.map((f) => f.key);
      expect(new Set(keys).size).toBe(keys.length);
    }
  });
});

describe("year fields following a date", () => {
  it("reads the year a typed date names", () => {
    expect(yearOfTyped("20/05/2020")).toBe(2020);
    expect(yearOfTyped("5/2019")).toBe(2019);
    expect(yearOfTyped("2018")).toBe(2018);
    expect(yearOfTyped("20/05/20")).toBeNull();
    expect(FORMS.event!.find((f) => f.key === "year_covered")?.follows).toBe("date");
  });
});
