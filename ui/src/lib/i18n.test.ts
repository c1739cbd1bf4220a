import { describe, expect, it } from "vitest";
import { EN } from "./en";
import { t, tr } from "./i18n";
import { FORMS } from "./forms";

describe("languages", () => {
  it("speaks Vietnamese first and English when chosen", () => {
    expect(t("vi", "awards")).toBe("Khen thưởng");
    expect(t("en", "awards")).toBe("Awards");
    expect(tr("vi", "Số quyết định")).toBe("Số quyết định");
    expect(tr("en", "Số quyết định")).toBe("Decision number");
    expect(tr("en", "chưa dịch")).toBe("chưa dịch");
  });

  it("has English for every form label", () => {
    const missing = Object.values(FORMS).flatMap((fields) => fields!.map((f) => f.label)).filter((l) => !(l in EN));
    expect(missing).toEqual([]);
  });
});
