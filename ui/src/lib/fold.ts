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

/** Folded words of a name, apostrophes dropped ("Đắk R’lấp" → dak, rlap). */
function nameWords(s: string): string[] {
  return fold(s)
    .replace(/['’ʼ`]/g, "")
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Whether query token `q` is a prefix of a word, or the initials of consecutive words
 * ("hcm" → Hồ Chí Minh, "tphcm" → Thành phố Hồ Chí Minh, "tt" → Thừa Thiên). Linear in the
 * label's length: pickers rank every option on each keystroke. */
function tokenMatches(words: string[], q: string): boolean {
  if (words.some((w) => w.startsWith(q))) return true;
  if (q.length < 2) return false;
  const initials = words.map((w) => w[0]).join("");
  return initials.includes(q);
}

/** How well a picker option's label answers what was typed: 0 the same name, 1 it starts with
 * it, 2 every word is a word prefix, 3 an abbreviation ("tp hcm", "hcm", "rlap", "TT Huế");
 * null: no match. Lower comes first, so Enter takes the right one. */
export function pickRank(label: string, query: string): number | null {
  const q = nameWords(query);
  if (!q.length) return 2;
  const words = nameWords(label);
  const l = words.join(" ");
  const qq = q.join(" ");
  if (l === qq) return 0;
  if (l.startsWith(qq)) return 1;
  if (q.every((t) => words.some((w) => w.startsWith(t)))) return 2;
  if (q.every((t) => tokenMatches(words, t))) return 3;
  return null;
}
