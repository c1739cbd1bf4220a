import { describe, expect, it } from "vitest";
import { toUserError } from "./api";

describe("toUserError", () => {
  it("keeps the code and message of a command error", () => {
    expect(toUserError({ code: "storage.open", message: "Không mở được", field: null })).toEqual({
      code: "storage.open",
      message: "Không mở được",
      field: null,
    });
  });

  it("never shows raw text for anything else", () => {
    const e = toUserError("thread 'main' panicked");
    expect(e.code).toBe("unknown");
    expect(e.message).not.toContain("panicked");
  });
});
