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

// Every Vietnamese string a screen passes through `tr` (directly, or as a list title, a column
// label, a "new" button) has its English: a missing key fails here, not in front of a user.
const sources = import.meta.glob("../**/*.svelte", { query: "?raw", import: "default", eager: true }) as Record<string, string>;

describe("the English catalogue", () => {
  it("is complete for every screen string", () => {
    const found = new Set<string>();
    const patterns = [
      /tr\((?:app|ui)\.lang,\s*"([^"]+)"\)/g,
      /\blabel:\s*"([^"]+)"/g,
      /\btitle="([^"{}]+)"/g,
      /\bnewLabel="([^"{}]+)"/g,
    ];
    for (const text of Object.values(sources)) {
      for (const re of patterns) for (const m of text.matchAll(re)) found.add(m[1]);
    }
    expect(found.size).toBeGreaterThan(50);
    const missing = [...found].filter((s) => !(s in EN));
    expect(missing).toEqual([]);
  });
});
