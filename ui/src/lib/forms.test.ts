import { describe, expect, it } from "vitest";
import { FORMS, fromFormValues, toFormValues } from "./forms";

describe("record forms", () => {
  const event = FORMS.event!;

  it("parses a partial date into year/month/day", () => {
    const r = fromFormValues(event, { name: "Sơ kết", kind: "so_ket", date: "7/2023" }, {});
    expect(r.ok).toBe(true);
    if (r.ok) expect([r.record.date_year, r.record.date_month, r.record.date_day]).toEqual([2023, 7, null]);
  });

  it("reports an invalid date in Vietnamese and does not build a record", () => {
    const r = fromFormValues(event, { name: "Sơ kết", kind: "so_ket", date: "31/02/2023" }, {});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.date).toBe("Tháng 2/2023 không có ngày 31.");
  });

  it("requires required fields", () => {
    const r = fromFormValues(event, { name: "", kind: "so_ket" }, {});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.name).toBe("Chưa nhập tên hội nghị.");
  });

  it("round-trips numbers and dates in Vietnamese format", () => {
    const figure = FORMS.figure!;
    const values = toFormValues(figure, { indicator_id: 1, period_kind: "year", period_year: 2023, value: 20777, percent: 60.52 });
    expect(values.value).toBe("20.777");
    expect(values.percent).toBe("60,52");
    const r = fromFormValues(figure, values, {});
    expect(r.ok && r.record.value).toBe(20777);
    const change = FORMS.personnel_change!;
    const v2 = toFormValues(change, { person_id: 3, kind: "bo_nhiem", decision_date: "2023-12-08" });
    expect(v2.decision_date).toBe("08/12/2023");
    const r2 = fromFormValues(change, v2, {});
    expect(r2.ok && r2.record.decision_date).toBe("2023-12-08");
  });
});
