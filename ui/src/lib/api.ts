// The UI's only door to the data: typed wrappers over the app's Tauri commands.
// Types come from Rust (ts-rs, in ./bindings); nothing here touches SQL.
import { invoke } from "@tauri-apps/api/core";
import type { AwardDecision } from "./bindings/AwardDecision";
import type { DbInfo } from "./bindings/DbInfo";
import type { Election } from "./bindings/Election";
import type { HistoryEntry } from "./bindings/HistoryEntry";
import type { Overview } from "./bindings/Overview";
import type { PersonPage } from "./bindings/PersonPage";
import type { PickOption } from "./bindings/PickOption";
import type { RecordKind } from "./bindings/RecordKind";
import type { SearchHit } from "./bindings/SearchHit";
import type { TrashEntry } from "./bindings/TrashEntry";
import type { UserError } from "./bindings/UserError";
import type { YearPoint } from "./bindings/YearPoint";

/** A list row: display values by column, names already resolved by the core. */
export type Row = Record<string, unknown> & { id: number };
export type RecordJson = Record<string, unknown>;

/** Every command error arrives as {code, message}; anything else becomes a generic message. */
export function toUserError(e: unknown): UserError {
  if (e && typeof e === "object" && "code" in e && "message" in e) {
    const o = e as Record<string, unknown>;
    return {
      code: String(o.code),
      message: String(o.message),
      field: typeof o.field === "string" ? o.field : null,
    };
  }
  return { code: "unknown", message: "Đã xảy ra lỗi không xác định. Dữ liệu đã lưu không bị ảnh hưởng.", field: null };
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw toUserError(e);
  }
}

export const api = {
  dbInfo: () => call<DbInfo>("db_info"),
  list: (name: string, year: number | null = null) => call<Row[]>("list_rows", { name, year }),
  get: (kind: RecordKind, id: number) => call<RecordJson>("get_record", { kind, id }),
  save: (kind: RecordKind, record: RecordJson) => call<RecordJson>("save_record", { kind, record }),
  remove: (kind: RecordKind, id: number) => call<void>("delete_record", { kind, id }),
  restore: (kind: RecordKind, id: number) => call<void>("restore_record", { kind, id }),
  search: (query: string, limit = 30) => call<SearchHit[]>("search", { query, limit }),
  history: (limit = 300) => call<HistoryEntry[]>("history", { limit }),
  undo: (steps = 1) => call<HistoryEntry[]>("undo", { steps }),
  trash: () => call<TrashEntry[]>("trash"),
  options: (kind: string) => call<PickOption[]>("options", { kind }),
  codes: (list: string) => call<PickOption[]>("codes", { list }),
  overview: (year: number) => call<Overview>("overview", { year }),
  series: (code: string) => call<YearPoint[]>("indicator_series", { code }),
  years: () => call<number[]>("years"),
  elect: (election: Election) => call<void>("elect_leaders", { election }),
  addMembers: (clusterId: number, year: number, unitIds: number[]) =>
    call<number>("add_members", { clusterId, year, unitIds }),
  decideAwards: (decision: AwardDecision) => call<void>("decide_awards", { decision }),
  personPage: (id: number) => call<PersonPage>("person_page", { id }),
  openDatabase: (path: string) => call<DbInfo>("open_database", { path }),
  openSample: () => call<DbInfo>("open_sample_database"),
};
