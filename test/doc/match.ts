// Compares a value with the output an example shows: both are written as tokens (numbers,
// strings, words, punctuation); `…` in the shown output matches anything; a number matches at the
// precision it is shown with; a string with `…` matches its pieces in order.

/** A value written the way the examples show values. */
export function show(v: unknown, depth = 0): string {
  if (depth > 6) return "…";
  if (v === null) return "null";
  if (v === undefined) return "undefined";
  if (typeof v === "number") return Object.is(v, -0) ? "0" : String(v);
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "boolean" || typeof v === "bigint") return String(v);
  if (typeof v === "function") return "[function]";
  if (v instanceof Error) return `${v.name}: ${v.message}`;
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return `${v.constructor.name} [${Array.from(v as unknown as ArrayLike<number>, (x) => show(x)).join(", ")}]`;
  if (Array.isArray(v)) return `[${v.map((x) => show(x, depth + 1)).join(", ")}]`;
  if (v instanceof Map) return `Map {${[...v].map(([k, x]) => `${show(k)} => ${show(x, depth + 1)}`).join(", ")}}`;
  if (v instanceof Set) return `Set {${[...v].map((x) => show(x, depth + 1)).join(", ")}}`;
  const o = v as Record<string, unknown> & { objects?: () => unknown[]; numRows?: () => number };
  if (typeof o.objects === "function" && typeof o.numRows === "function") return `Table ${show(o.objects(), depth + 1)}`;
  return `{ ${Object.keys(o).map((k) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${show(o[k], depth + 1)}`).join(", ")} }`;
}

type Token = { kind: "num"; text: string; value: number } | { kind: "str"; value: string } | { kind: "word" | "punct"; value: string } | { kind: "any" };

const TOKEN = /\s+|(…|\.\.\.)|(-?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)|("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|([A-Za-z_$][\w$]*)|(.)/gsu;

export function tokens(s: string): Token[] {
  const out: Token[] = [];
  for (const m of s.matchAll(TOKEN)) {
    if (m[1]) out.push({ kind: "any" });
    else if (m[2]) out.push({ kind: "num", text: m[2], value: Number(m[2]) });
    else if (m[3]) out.push({ kind: "str", value: m[3].startsWith('"') ? JSON.parse(m[3]) : m[3].slice(1, -1).replace(/\\'/g, "'") });
    else if (m[4]) out.push({ kind: "word", value: m[4] });
    else if (m[5]) out.push({ kind: "punct", value: m[5] });
  }
  return out;
}

/** Does an actual number match one shown with this text (at the precision shown)? */
function numberMatches(actual: number, shown: string): boolean {
  const expected = Number(shown);
  if (actual === expected) return true;
  const [mantissa, exponent] = shown.toLowerCase().split("e");
  const decimals = mantissa!.includes(".") ? mantissa!.split(".")[1]!.length : 0;
  const tol = 10 ** (Number(exponent ?? 0) - decimals);
  return decimals === 0 && exponent === undefined ? Math.abs(actual - expected) < 0.5 && !Number.isInteger(actual) : Math.abs(actual - expected) <= tol * (1 + 1e-9);
}

function stringMatches(actual: string, shown: string): boolean {
  if (!shown.includes("…")) return actual === shown;
  const pieces = shown.split("…");
  let at = 0;
  for (const [i, p] of pieces.entries()) {
    const k = i === 0 ? (actual.startsWith(p) ? 0 : -1) : actual.indexOf(p, at);
    if (k < 0) return false;
    at = k + p.length;
  }
  return pieces[pieces.length - 1] === "" || actual.endsWith(pieces[pieces.length - 1]!);
}

function tokenMatches(a: Token, e: Token): boolean {
  if (e.kind === "num") return a.kind === "num" && numberMatches(a.value, e.text);
  if (e.kind === "str") return a.kind === "str" && stringMatches(a.value, e.value);
  if (a.kind === "num" || a.kind === "str" || a.kind === "any" || e.kind === "any") return false;
  return a.value === e.value;
}

/**
 * The value part of what an example shows, without the words after it: a remark follows two or
 * more spaces, " — ", or stands in parentheses at the end ("91.6096 (Yates)").
 */
export function valuePart(shown: string): string {
  const cut = /\s{2,}|\s—\s|\s\((?:[^()]|\([^()]*\))*\)\s*$/.exec(shown);
  return (cut ? shown.slice(0, cut.index) : shown).trim();
}

/** Does the shown text match the value? (wildcards by backtracking; examples are short) */
export function matches(actual: unknown, shown: string): boolean {
  const a = tokens(show(actual));
  const e = tokens(valuePart(shown));
  const memo = new Map<number, boolean>();
  const go = (i: number, j: number): boolean => {
    const key = i * 100003 + j;
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    let r: boolean;
    if (j === e.length) r = i === a.length;
    else if (e[j]!.kind === "any") r = go(i, j + 1) || (i < a.length && go(i + 1, j));
    else r = i < a.length && tokenMatches(a[i]!, e[j]!) && go(i + 1, j + 1);
    memo.set(key, r);
    return r;
  };
  return go(0, 0);
}
