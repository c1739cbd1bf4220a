// UI strings, Vietnamese first; English as the second language.
export type Lang = "vi" | "en";

const strings = {
  vi: {
    appTitle: "Sổ thi đua",
    startHeading: "Tổng quan cơ sở dữ liệu",
    dbPath: "Tệp dữ liệu",
    schemaVersion: "Phiên bản lược đồ",
    recordCounts: "Số bản ghi",
    kind: "Loại",
    count: "Số lượng",
    loading: "Đang tải…",
    errorTitle: "Không đọc được cơ sở dữ liệu",
  },
  en: {
    appTitle: "Emulation records",
    startHeading: "Database overview",
    dbPath: "Database file",
    schemaVersion: "Schema version",
    recordCounts: "Records",
    kind: "Kind",
    count: "Count",
    loading: "Loading…",
    errorTitle: "Could not read the database",
  },
} as const;

export type StringKey = keyof (typeof strings)["vi"];

export function t(lang: Lang, key: StringKey): string {
  return strings[lang][key];
}
