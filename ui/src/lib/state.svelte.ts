// Shared UI state: the current screen, the year under view, the language, and a revision number
// that every write bumps so lists reload.
import type { Lang } from "./i18n";
import { api, setChangeListener } from "./api";
import type { ListName } from "./bindings/ListName";
import type { PickOption } from "./bindings/PickOption";
import type { RecordKind } from "./bindings/RecordKind";

export type Screen =
  | "overview"
  | "clusters"
  | "units"
  | "catalogue"
  | "events"
  | "awards"
  | "people"
  | "figures"
  | "sources"
  | "reports"
  | "history"
  | "settings";

const savedLang = (typeof localStorage !== "undefined" && localStorage.getItem("thidua.lang")) as Lang | null;

export const app = $state({
  screen: "overview" as Screen,
  year: new Date().getFullYear(),
  lang: (savedLang ?? "vi") as Lang,
  /** Bumped when everything may have changed (another database opened). */
  revision: 0,
  /** Bumped per record kind when a write changed records of that kind. */
  kindRevision: {} as Partial<Record<RecordKind, number>>,
  /** Bumped by Ctrl+N: the current screen opens a new record form. */
  newRequest: 0,
  /** A record to open after a search jump. */
  focus: null as null | { kind: RecordKind; id: number },
  /** An article to open at a passage (from a record's list of sources). */
  sourceFocus: null as null | { sourceId: number; start: number | null; end: number | null; text: string },
  toast: "" as string,
});

export function setLang(lang: Lang) {
  app.lang = lang;
  localStorage.setItem("thidua.lang", lang);
}

/** Which kinds each list shows, from the core (`list_dependencies`). */
const listKinds = $state({} as Partial<Record<ListName, RecordKind[]>>);
api
  .listDependencies()
  .then((deps) => {
    for (const d of deps) listKinds[d.list] = d.kinds;
  })
  .catch(() => {});

/** A number that changes whenever a write changed a kind of record `list` shows: read it in an
 * effect to reload the list then, and only then. */
export function listRevision(list: ListName): number {
  let n = app.revision;
  for (const k of listKinds[list] ?? []) n += app.kindRevision[k] ?? 0;
  return n;
}

/** Reloads what shows the changed kinds and drops their cached picker options. */
export function kindsChanged(kinds: RecordKind[]) {
  for (const k of kinds) {
    app.kindRevision[k] = (app.kindRevision[k] ?? 0) + 1;
    optionCache.delete("ref:" + k);
    if (k === "code_entry") {
      for (const key of [...optionCache.keys()]) if (key.startsWith("code:")) optionCache.delete(key);
    }
  }
}
setChangeListener(kindsChanged);

/** After something that may change everything (another database opened): reload all. */
export function reloadAll(message?: string) {
  app.revision++;
  optionCache.clear();
  if (message) toast(message);
}

/** A revision for screens that show a bit of everything (overview, year list). */
export function anyRevision(): number {
  let n = app.revision;
  for (const v of Object.values(app.kindRevision)) n += v ?? 0;
  return n;
}

let toastTimer: ReturnType<typeof setTimeout> | undefined;
export function toast(message: string) {
  app.toast = message;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (app.toast = ""), 4000);
}

const optionCache = new Map<string, Promise<PickOption[]>>();

/** Picker options (records) or code-list entries, cached until the next write. */
export function optionsFor(source: string, codeList = false): Promise<PickOption[]> {
  const key = (codeList ? "code:" : "ref:") + source;
  let p = optionCache.get(key);
  if (!p) {
    p = codeList ? api.codes(source) : api.options(source);
    optionCache.set(key, p);
    p.catch(() => optionCache.delete(key));
  }
  return p;
}
