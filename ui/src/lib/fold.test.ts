import { describe, expect, it } from "vitest";
import { compareVi, fold, matches } from "./fold";

describe("fold", () => {
  it("drops marks and đ like the core does", () => {
    expect(fold("Đắk Lắk")).toBe("dak lak");
    expect(fold("Khánh Hoà")).toBe(fold("Khánh Hòa"));
    expect(fold("BÌNH ĐỊNH")).toBe("binh dinh");
  });

  it("matches word prefixes without diacritics", () => {
    expect(matches("Ban Tổ chức Tỉnh ủy Khánh Hòa", "khanh hoa")).toBe(true);
    expect(matches("Quảng Trị", "quang")).toBe(true);
    expect(matches("Quảng Trị", "uang")).toBe(false);
  });

  it("sorts in Vietnamese order", () => {
    const names = ["Đà Nẵng", "Yên Bái", "An Giang", "Dung", "Bắc Ninh"];
    expect([...names].sort(compareVi)).toEqual(["An Giang", "Bắc Ninh", "Dung", "Đà Nẵng", "Yên Bái"]);
  });
});
