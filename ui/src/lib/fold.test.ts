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

import { pickRank } from "./fold";

describe("picker ranking", () => {
  it("puts the same name before names that start with it, before other matches", () => {
    expect(pickRank("Quảng Nam", "quang nam")).toBe(0);
    expect(pickRank("Quảng Nam", "quang")).toBe(1);
    expect(pickRank("Ban Tổ chức Tỉnh ủy Quảng Nam", "quang nam")).toBe(2);
    expect(pickRank("Quảng Trị", "nam")).toBeNull();
  });

  it("understands the abbreviations clerks type", () => {
    for (const q of ["tp hcm", "hcm", "tphcm", "TP HCM"]) {
      expect(pickRank("Thành phố Hồ Chí Minh", q), q).not.toBeNull();
    }
    expect(pickRank("TP. Hồ Chí Minh", "hcm")).not.toBeNull();
    expect(pickRank("Huyện ủy Đắk R’lấp", "rlap")).not.toBeNull();
    expect(pickRank("Thừa Thiên Huế", "TT Huế")).not.toBeNull();
    expect(pickRank("Hà Nội", "hcm")).toBeNull();
  });
});
