// The article viewer's document: the core's sanitized HTML (sanitized again on every view) put
// into a page of its own, shown in an <iframe sandbox srcdoc> — a frame with no scripts, no
// forms, no same-origin access to the app and, by the policy below, nothing loaded from
// anywhere. The HTML never enters the main window's DOM, so a hole in one layer is not enough.

/// Stricter than the app's CSP (which the frame inherits too): nothing at all may load.
export const ARTICLE_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'";

/** The sandbox tokens the frame gets: none (no scripts, forms, popups, top navigation, origin). */
export const ARTICLE_SANDBOX = "";

export function articleDocument(html: string, lang: string): string {
  return (
    `<!DOCTYPE html><html lang="${lang === "en" ? "en" : "vi"}"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="${ARTICLE_CSP}">` +
    `</head><body>${html}</body></html>`
  );
}
