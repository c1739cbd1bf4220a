import { describe, expect, it } from "vitest";
import { latest } from "./latest";

describe("latest", () => {
  it("applies only the newest answer, whatever order they arrive in", async () => {
    const load = latest();
    let shown = "";
    let resolveOld!: (v: string) => void;
    const old = new Promise<string>((r) => (resolveOld = r));
    load(old, (v) => (shown = v));
    load(Promise.resolve("2020"), (v) => (shown = v));
    await Promise.resolve();
    await Promise.resolve();
    resolveOld("2015");
    await old;
    await Promise.resolve();
    expect(shown).toBe("2020");
  });
});
