import { EN } from "./en";

// UI strings for the frame of the app, Vietnamese first; English as the second language.
export type Lang = "vi" | "en";

const strings = {
  vi: {
    appTitle: "Sổ thi đua",
    overview: "Tổng quan",
    clusters: "Cụm thi đua",
    units: "Đơn vị",
    catalogue: "Danh mục",
    events: "Hội nghị",
    awards: "Khen thưởng",
    people: "Cán bộ",
    figures: "Số liệu",
    sources: "Bài viết nguồn",
    reports: "Báo cáo",
    history: "Lịch sử",
    settings: "Cài đặt",
    year: "Năm",
    search: "Tìm kiếm (Ctrl+K)",
    searchPlaceholder: "Tìm mọi hồ sơ — gõ không dấu cũng được…",
    noResults: "Không tìm thấy kết quả.",
    comingSoon: "Màn hình này sẽ có trong bản sau.",
    dbPath: "Tệp dữ liệu",
    schemaVersion: "Phiên bản lược đồ",
    recordCounts: "Số bản ghi",
  },
  en: {
    appTitle: "Emulation records",
    overview: "Overview",
    clusters: "Clusters",
    units: "Units",
    catalogue: "Reference lists",
    events: "Conferences",
    awards: "Awards",
    people: "People",
    figures: "Statistics",
    sources: "Sources",
    reports: "Reports",
    history: "History",
    settings: "Settings",
    year: "Year",
    search: "Search (Ctrl+K)",
    searchPlaceholder: "Search every record — diacritics optional…",
    noResults: "No results.",
    comingSoon: "This screen comes in a later version.",
    dbPath: "Database file",
    schemaVersion: "Schema version",
    recordCounts: "Records",
  },
} as const;

/** A Vietnamese label in the chosen language (itself when no English is known). */
export function tr(lang: Lang, vietnamese: string): string {
  return lang === "en" ? (EN[vietnamese] ?? vietnamese) : vietnamese;
}

export type StringKey = keyof (typeof strings)["vi"];

export function t(lang: Lang, key: StringKey): string {
  return strings[lang][key];
}
