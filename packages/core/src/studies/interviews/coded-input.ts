// What the interview study's tables read from coded texts: checked once, then typed arrays — the
// 0/1 values of each code, and who wrote each text (people are what groups are counted in).
import * as aq from "arquero";
import { closest } from "../../boundary/closest.js";
import { KoeArgumentError } from "../../errors/errors.js";
import { interviewMessages as m } from "../../errors/interview-messages.js";
import type { CodedTexts } from "../../analyze/coding/coded-texts.js";
import type { CodingCode } from "../../analyze/coding/read-codebook.js";
import { columnValues } from "../../analyze/column-values.js";

const describe = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "an array" : typeof v === "object" ? "an object" : `${typeof v} ${JSON.stringify(v)}`);

/** Throws unless `coded` has the shape codeTexts returns. */
export function requireCoded(fn: string, coded: unknown): asserts coded is CodedTexts {
  const c = coded as Partial<CodedTexts> | null;
  const ok =
    c !== null &&
    typeof c === "object" &&
    c.table instanceof aq.ColumnTable &&
    Array.isArray(c.codes) &&
    c.codebook !== undefined &&
    Array.isArray(c.codebook.codes) &&
    c.codes.every((k) => c.table!.columnNames().includes(k)) &&
    (c.person === null || (typeof c.person === "string" && c.table.columnNames().includes(c.person)));
  if (!ok) throw KoeArgumentError.of(m.notCoded, { fn, got: describe(coded) });
}

/** The codes asked for (ids, or the codes' Japanese or English labels), in codebook order; all by default. */
export function selectCodes(fn: string, coded: CodedTexts, asked: readonly string[] | undefined): CodingCode[] {
  const byId = new Map(coded.codebook.codes.map((c) => [c.id, c]));
  const all = coded.codes.map((id) => byId.get(id)!);
  if (asked === undefined) return all;
  const chosen = new Set<string>();
  for (const a of asked) {
    const hit = all.find((c) => c.id === a) ?? all.find((c) => c.ja === a || c.en === a);
    if (!hit) throw KoeArgumentError.of(m.unknownCode, { fn, code: a, suggestion: closest(a, coded.codes), codes: coded.codes });
    chosen.add(hit.id);
  }
  return all.filter((c) => chosen.has(c.id));
}

/** Each code's 0/1 values as a typed array (no copy when the column is one). */
export function codeValues(fn: string, coded: CodedTexts, code: string): ArrayLike<number> {
  return columnValues(coded.table, code, fn) as ArrayLike<number>;
}

/** Who wrote each text, as small integers (0, 1, …); each text its own person when `coded.person` is null. */
export function personIndex(fn: string, coded: CodedTexts): { of: Int32Array; people: number } {
  const n = coded.table.numRows();
  const of = new Int32Array(n);
  if (coded.person === null) {
    for (let i = 0; i < n; i++) of[i] = i;
    return { of, people: n };
  }
  const who = columnValues(coded.table, coded.person, fn);
  const index = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const key = String(who[i]);
    let k = index.get(key);
    if (k === undefined) index.set(key, (k = index.size));
    of[i] = k;
  }
  return { of, people: index.size };
}

/** Distinct people among the texts `rows` (indices). */
export function countPeople(person: Int32Array, rows: Iterable<number>, seen: Int32Array, stamp: number): number {
  let count = 0;
  for (const i of rows) {
    const p = person[i]!;
    if (seen[p] !== stamp) {
      seen[p] = stamp;
      count++;
    }
  }
  return count;
}
