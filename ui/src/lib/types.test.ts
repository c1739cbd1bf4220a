// The UI's types come from Rust (ts-rs): these lines must fail the type check, and do — each
// `@ts-expect-error` below is itself an error ("unused directive") the day a Rust rename or a
// loosened type lets the wrong line through, so `npm run check` (svelte-check) catches drift.
import { describe, expect, it } from "vitest";
import type { RowOf, RecordOf } from "./api";
import type { Field } from "./forms";
import type { Column } from "./table";
import type { AnyRecord } from "./bindings/AnyRecord";

describe("generated types guard the screens", () => {
  it("refuses a column the list does not have", () => {
    // @ts-expect-error "rol" is not a field of MemberRow
    const bad: Column<RowOf<"members">> = { key: "rol", label: "Vai trò" };
    const good: Column<RowOf<"members">> = { key: "role_label", label: "Vai trò" };
    expect([bad.key, good.key]).toEqual(["rol", "role_label"]);
  });

  it("refuses a form field the record does not have", () => {
    // @ts-expect-error "provnce_id" is not a field of Unit
    const bad: Field<RecordOf<"unit">> = { key: "provnce_id", label: "Tỉnh", type: "ref" };
    expect(bad.key).toBe("provnce_id");
  });

  it("refuses a label where a fixed code belongs", () => {
    const member = { cluster_id: 1, unit_id: 2, year: 2024, elected_at_event_id: null, note: null, id: null };
    // @ts-expect-error "Cụm trưởng" is a label, not a MemberRole code
    const bad: AnyRecord = { kind: "cluster_member", record: { ...member, role: "Cụm trưởng" } };
    const good: AnyRecord = { kind: "cluster_member", record: { ...member, role: "cum_truong" } };
    expect([bad.kind, good.kind]).toEqual(["cluster_member", "cluster_member"]);
  });
});
