import { describe, expect, it } from "vitest";
import {
  formatIsoDate,
  formatIsoDateTime,
  formatNumber,
  formatPartialDate,
  formatPercent,
  parseNumber,
  toIsoDate,
} from "./format";

describe("numbers", () => {
  it.each([
    [20777, "20.777"],
    [1722, "1.722"],
    [757, "757"],
    [0, "0"],
    [1234567.5, "1.234.567,5"],
    [-1666, "-1.666"],
  ])("formatNumber(%d) = %s", (n, s) => expect(formatNumber(n)).toBe(s));

  it("formats percentages with a decimal comma", () => {
    expect(formatPercent(60.52)).toBe("60,52%");
    expect(formatPercent(80)).toBe("80%");
  });

  it.each([
    ["20.777", 20777],
    ["1.722,5", 1722.5],
    ["60,52", 60.52],
    ["60,52%", 60.52],
    ["933", 933],
    ["12.34", null],
    ["abc", null],
    ["", null],
  ])("parseNumber(%s) = %s", (s, n) => expect(parseNumber(s)).toBe(n));

  it("round-trips formatted numbers", () => {
    for (const n of [0, 7, 20777, 1234567.25, 16542]) {
      expect(parseNumber(formatNumber(n))).toBe(n);
    }
  });
});

describe("dates", () => {
  it("formats dates as dd/mm/yyyy", () => {
    expect(formatPartialDate({ year: 2023, month: 12, day: 8 })).toBe("08/12/2023");
    expect(formatPartialDate({ year: 2023, month: 7, day: null })).toBe("07/2023");
    expect(formatPartialDate({ year: 2017, month: null, day: null })).toBe("2017");
    expect(formatIsoDate("2023-12-08")).toBe("08/12/2023");
    expect(formatIsoDate("2023-07")).toBe("07/2023");
    expect(formatIsoDateTime("2026-12-04T01:30:59")).toBe("04/12/2026 01:30");
    expect(toIsoDate({ year: 2023, month: 1, day: 6 })).toBe("2023-01-06");
    expect(toIsoDate({ year: 2023, month: 1, day: null })).toBeNull();
  });
});
