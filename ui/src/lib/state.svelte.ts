// Shared UI state: the current screen, the year under view, the language, and a revision number
// that every write bumps so lists reload.
import type { Lang } from "./i18n";
import { api } from "./api";
import type { PickOption } from "./bindings/PickOption";

export type Screen =
  | "overview"
  | "clusters"
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
  revision: 0,
  /** Bumped by Ctrl+N: the current screen opens a new record form. */
  newRequest: 0,
  /** A record to open after a search jump. */
  focus: null as null | { kind: string; id: number },
  toast: "" as string,
});

export function setLang(lang: Lang) {
  app.lang = lang;
  localStorage.setItem("thidua.lang", lang);
}

/** After any write: reload lists and drop cached picker options. */
export function changed(message?: string) {
  app.revision++;
  optionCache.clear();
  if (message) toast(message);
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
