// The same search fold as the Rust core (text::fold): lowercase, no tone or vowel marks, đ → d.
export function fold(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase();
}

/** Every word of the query is a prefix of some word of the text (both folded). */
export function matches(text: string, query: string): boolean {
  const words = fold(text).split(/[^\p{L}\p{N}]+/u);
  return fold(query)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .every((q) => words.some((w) => w.startsWith(q)));
}

const collator = new Intl.Collator("vi", { sensitivity: "variant", numeric: true });

/** Vietnamese alphabetical comparison (a ă â b c d đ …). */
export function compareVi(a: unknown, b: unknown): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (a == null) return b == null ? 0 : 1;
  if (b == null) return -1;
  return collator.compare(String(a), String(b));
}
