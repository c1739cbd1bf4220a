import { describe, expect, it } from "vitest";
import conf from "../../../src-tauri/tauri.conf.json";
import { ARTICLE_CSP, ARTICLE_SANDBOX, articleDocument } from "./article";

const screens = import.meta.glob("../screens/*.svelte", { query: "?raw", import: "default", eager: true }) as Record<string, string>;

/** A CSP string as directive → sources. */
function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name, values]),
  );
}

describe("the app's content security policy", () => {
  const csp = directives(conf.app.security.csp);
  it("lets no <base> rebase addresses and no form submit anywhere", () => {
    expect(csp.get("base-uri")).toEqual(["'none'"]);
    expect(csp.get("form-action")).toEqual(["'none'"]);
  });
  it("keeps scripts to the app itself", () => {
    expect(csp.get("default-src")).toContain("'self'");
    expect(csp.has("script-src")).toBe(false);
    expect(conf.app.security.csp).not.toContain("unsafe-inline");
    expect(conf.app.security.csp).not.toContain("unsafe-eval");
  });
});

describe("the article viewer", () => {
  it("shows HTML only inside a sandboxed frame, never with {@html}", () => {
    for (const [name, text] of Object.entries(screens)) {
      expect(text.includes("{@html"), name).toBe(false);
    }
    const sources = screens["../screens/Sources.svelte"];
    expect(sources).toMatch(/<iframe[^>]*\bsandbox=\{ARTICLE_SANDBOX\}/);
    expect(sources).toMatch(/<iframe[^>]*\bsrcdoc=\{articleDocument\(/);
    // An empty sandbox grants nothing: no allow-scripts, no allow-same-origin.
    expect(ARTICLE_SANDBOX).toBe("");
  });
  it("wraps the article in a page that may load nothing", () => {
    const doc = articleDocument("<p>Cụm thi đua số III</p>", "vi");
    expect(doc).toContain(`content="${ARTICLE_CSP}"`);
    expect(directives(ARTICLE_CSP).get("default-src")).toEqual(["'none'"]);
    expect(doc).toContain("<body><p>Cụm thi đua số III</p></body>");
    expect(doc.indexOf("Content-Security-Policy")).toBeLessThan(doc.indexOf("<body>"));
  });
});
