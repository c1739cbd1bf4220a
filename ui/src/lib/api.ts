// The UI's only door to the data: typed wrappers over the app's Tauri commands.
// Types come from Rust (ts-rs, in ./bindings); nothing here touches SQL.
import { invoke } from "@tauri-apps/api/core";
import type { AnyRecord } from "./bindings/AnyRecord";
import type { Attached } from "./bindings/Attached";
import type { Citation } from "./bindings/Citation";
import type { CitationView } from "./bindings/CitationView";
import type { FactsFile } from "./bindings/FactsFile";
import type { RecordedFile } from "./bindings/RecordedFile";
import type { SourceView } from "./bindings/SourceView";
import type { Suggestions } from "./bindings/Suggestions";
import type { AwardDecision } from "./bindings/AwardDecision";
import type { DbInfo } from "./bindings/DbInfo";
import type { Election } from "./bindings/Election";
import type { HistoryEntry } from "./bindings/HistoryEntry";
import type { KindLabel } from "./bindings/KindLabel";
import type { Narrative } from "./bindings/Narrative";
import type { Scope } from "./bindings/Scope";
import type { SummaryRequest } from "./bindings/SummaryRequest";
import type { BackupPolicy } from "./bindings/BackupPolicy";
import type { BackupStatus } from "./bindings/BackupStatus";
import type { Recovery } from "./bindings/Recovery";
import type { Format as ReportFormat } from "./bindings/Format";
import type { ListDependency } from "./bindings/ListDependency";
import type { ListName } from "./bindings/ListName";
import type { ListRows } from "./bindings/ListRows";
import type { MembershipGrid } from "./bindings/MembershipGrid";
import type { PartialDate } from "./bindings/PartialDate";
import type { Overview } from "./bindings/Overview";
import type { PersonPage } from "./bindings/PersonPage";
import type { PickOption } from "./bindings/PickOption";
import type { Position } from "./bindings/Position";
import type { RecordKind } from "./bindings/RecordKind";
import type { ResolvedName } from "./bindings/ResolvedName";
import type { ResolvedPerson } from "./bindings/ResolvedPerson";
import type { Saved } from "./bindings/Saved";
import type { SearchHit } from "./bindings/SearchHit";
import type { Series } from "./bindings/Series";
import type { TrashEntry } from "./bindings/TrashEntry";
import type { Unit } from "./bindings/Unit";
import type { UserError } from "./bindings/UserError";
import type { Written } from "./bindings/Written";

/** The row type of a list, from the generated `ListRows`. */
export type RowOf<N extends ListName> = Extract<ListRows, { list: N }>["rows"][number];
/** The record struct of a kind, from the generated `AnyRecord`. */
export type RecordOf<K extends RecordKind> = Extract<AnyRecord, { kind: K }>["record"];

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

/** Told the kinds every write changed (state.svelte.ts reloads what shows them). */
let onChanged: (kinds: RecordKind[]) => void = () => {};
export function setChangeListener(f: (kinds: RecordKind[]) => void) {
  onChanged = f;
}

async function write<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  const w = await call<Written<T>>(cmd, args);
  onChanged(w.changed);
  return w.value;
}

export const api = {
  dbInfo: () => call<DbInfo>("db_info"),
  list: async <N extends ListName>(name: N, year: number | null = null): Promise<RowOf<N>[]> =>
    (await call<ListRows>("list_rows", { name, year })).rows as RowOf<N>[],
  listDependencies: () => call<ListDependency[]>("list_dependencies"),
  get: (kind: RecordKind, id: number) => call<AnyRecord>("get_record", { kind, id }),
  newRecord: (kind: RecordKind, year: number) => call<AnyRecord>("new_record", { kind, year }),
  parseDate: (text: string, partial: boolean) => call<PartialDate>("parse_date", { text, partial }),
  membershipGrid: (clusterId: number) => call<MembershipGrid>("membership_grid", { clusterId }),
  previewMembers: (clusterId: number, year: number, text: string) =>
    call<ResolvedName[]>("preview_members", { clusterId, year, text }),
  addMembersByName: (clusterId: number, year: number, text: string) =>
    write<ResolvedName[]>("add_members_by_name", { clusterId, year, text }),
  mergeIndicators: (keep: number, drop: number) => write<number>("merge_indicators", { keep, drop }),
  mergeCodes: (keep: number, drop: number) => write<number>("merge_codes", { keep, drop }),
  positionFromParticipant: (participantId: number) =>
    write<Position>("position_from_participant", { participantId }),
  previewParticipants: (eventId: number, text: string) =>
    call<ResolvedPerson[]>("preview_participants", { eventId, text }),
  addParticipantsByText: (eventId: number, text: string) =>
    write<ResolvedPerson[]>("add_participants_by_text", { eventId, text }),
  addSignatoriesByName: (clusterId: number, year: number, text: string) =>
    write<ResolvedName[]>("add_signatories_by_name", { clusterId, year, text }),
  unitFromName: (name: string, provinceId: string | null, year: number) =>
    write<Unit>("unit_from_name", { name, provinceId, year }),
  save: (r: AnyRecord) => write<Saved>("save_record", { kind: r.kind, record: r.record }),
  remove: (kind: RecordKind, id: number, cascade = false) => write<number>("delete_record", { kind, id, cascade }),
  restore: (kind: RecordKind, id: number) => write<null>("restore_record", { kind, id }),
  search: (query: string, limit = 30) => call<SearchHit[]>("search", { query, limit }),
  history: (limit = 300) => call<HistoryEntry[]>("history", { limit }),
  undo: (steps = 1) => write<HistoryEntry[]>("undo", { steps }),
  trash: () => call<TrashEntry[]>("trash"),
  options: (kind: string) => call<PickOption[]>("options", { kind }),
  codes: (list: string) => call<PickOption[]>("codes", { list }),
  overview: (year: number) => call<Overview>("overview", { year }),
  series: (code: string) => call<Series[]>("indicator_series", { code }),
  years: () => call<number[]>("years"),
  elect: (election: Election) => write<null>("elect_leaders", { election }),
  addMembers: (clusterId: number, year: number, unitIds: number[]) =>
    write<number>("add_members", { clusterId, year, unitIds }),
  decideAwards: (decision: AwardDecision) => write<null>("decide_awards", { decision }),
  personPage: (id: number) => call<PersonPage>("person_page", { id }),
  /** The system's file dialog, on the Rust side; null when the user cancels. */
  chooseDatabase: (create: boolean) => call<DbInfo | null>("choose_database", { create }),
  openSample: () => call<DbInfo>("open_sample_database"),
  /** Picks a file in the system's dialog (Rust side) and attaches it; null when cancelled. */
  attachFile: () => write<Attached | null>("attach_file"),
  attachText: (text: string, url: string | null) => write<Attached>("attach_text", { text, url }),
  /** A dropped file's bytes (the page reads them; no path crosses IPC). */
  attachBytes: (name: string, bytes: Uint8Array) => write<Attached>("attach_bytes", { name, bytes: Array.from(bytes) }),
  /** Saves a copy of the original file through the system's dialog; false when cancelled. */
  saveOriginal: (sourceId: number) => call<boolean>("save_original", { sourceId }),
  kindLabels: () => call<KindLabel[]>("kind_labels"),
  reportNarrative: (year: number, scope: Scope) => call<Narrative>("report_narrative", { year, scope }),
  saveReportNarrative: (year: number, scope: Scope, narrative: Narrative) =>
    call<null>("save_report_narrative", { year, scope, narrative }),
  /** The report's pages as PNG bytes, laid out as the PDF prints them. */
  reportPreview: (year: number, scope: Scope, today: string) => call<number[][]>("report_preview", { year, scope, today }),
  /** Exports through the system's save dialog (a folder for CSV); false when cancelled. */
  exportReport: (year: number, scope: Scope, format: ReportFormat, today: string) =>
    call<boolean>("export_report", { year, scope, format, today }),
  /** A one-page summary's page as PNG bytes, laid out as the PDF prints it. */
  summaryPreview: (request: SummaryRequest, today: string) => call<number[][]>("summary_preview", { request, today }),
  exportSummary: (request: SummaryRequest, format: ReportFormat, today: string) =>
    call<boolean>("export_summary", { request, format, today }),
  /** Why the database could not be opened at start-up, with the backup to offer; null when it opened. */
  startupRecovery: () => call<Recovery | null>("startup_recovery"),
  restoreNewestBackup: () => call<DbInfo>("restore_newest_backup"),
  backupStatus: () => call<BackupStatus>("backup_status"),
  backupNow: () => call<BackupStatus>("backup_now"),
  setBackupPolicy: (policy: BackupPolicy) => call<BackupStatus>("set_backup_policy", { policy }),
  /** The system's folder dialog, on the Rust side; null when cancelled. */
  chooseBackupFolder: () => call<BackupStatus | null>("choose_backup_folder"),
  restoreBackup: (name: string) => call<DbInfo>("restore_backup", { name }),
  /** Why the last automatic backup failed, until one succeeds; null when it did not. */
  backupWarning: () => call<UserError | null>("backup_warning"),
  sourceView: (sourceId: number) => call<SourceView>("source_view", { sourceId }),
  suggestFacts: (sourceId: number) => call<Suggestions>("suggest_facts", { sourceId }),
  recordFacts: (sourceId: number, facts: FactsFile) => write<RecordedFile>("record_facts", { sourceId, facts }),
  citePassage: (sourceId: number, start: number, end: number, kind: RecordKind, recordId: number) =>
    write<Citation>("cite_passage", { sourceId, start, end, kind, recordId }),
  recordCitations: (kind: RecordKind, id: number) => call<CitationView[]>("record_citations", { kind, id }),
};
