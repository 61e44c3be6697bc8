// Issue 8's property for the table-level comparisons: on random tables, a column typed another
// honest way (0/1, "0"/"1", はい/いいえ, TRUE/FALSE, numeric text, full-width digits, blanks for
// missing) or rows in another order give the result of the clean table; a bad input (typo, unknown
// option, junk value, lone string) throws a KoeError — never another error, never rows dropped in silence.
import {
  correlationTest, cronbachAlpha, crossTab, groupsTest, independenceTest, KoeError, mannWhitneyTest, pairedTest, standardizedDifference, studentTest, welchTest,
} from "@koe/core";
import * as aq from "arquero";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

type Row = { y: number; x: number; g: boolean | null; h: string };
const row = fc.record({
  y: fc.oneof({ weight: 5, arbitrary: fc.integer({ min: -40, max: 40 }).map((v) => v / 4) }, { weight: 1, arbitrary: fc.constant(Number.NaN) }),
  x: fc.integer({ min: 0, max: 20 }).map((v) => v / 2),
  g: fc.oneof({ weight: 6, arbitrary: fc.boolean() }, { weight: 1, arbitrary: fc.constant(null) }),
  h: fc.constantFrom("a", "b", "c"),
});
const rows = fc.array(row, { minLength: 0, maxLength: 24 });

const yes = ["1", "はい", "TRUE", "yes", "あり"] as const;
const no = ["0", "いいえ", "FALSE", "no", "なし"] as const;
const wide = (s: string) => s.replace(/[0-9.\-]/g, (c) => (c === "." ? "．" : c === "-" ? "－" : String.fromCharCode(c.charCodeAt(0) + 0xfee0)));

/** The same data as an analyst might have typed it. */
const encoding = fc.record({
  g: fc.constantFrom<"bool" | "01" | number>("bool", "01", 0, 1, 2, 3, 4),
  y: fc.constantFrom("number", "text", "wide"),
  blank: fc.constantFrom<unknown>(null, "", "NA", "無回答"),
  shuffle: fc.boolean(),
});

function encode(data: Row[], e: { g: "bool" | "01" | number; y: string; blank: unknown; shuffle: boolean }): aq.ColumnTable {
  const order = data.map((_, i) => i);
  if (e.shuffle) order.reverse();
  const g = order.map((i) => {
    const v = data[i]!.g;
    if (v === null) return null;
    if (e.g === "bool") return v;
    if (e.g === "01") return v ? 1 : 0;
    return v ? yes[e.g as number] : no[e.g as number];
  });
  const y = order.map((i) => {
    const v = data[i]!.y;
    if (v !== v) return e.blank;
    return e.y === "number" ? v : e.y === "text" ? String(v) : wide(String(v));
  });
  return aq.table({ y, g, x: order.map((i) => data[i]!.x), h: order.map((i) => data[i]!.h) });
}

const clean = (data: Row[]) => aq.table({ y: data.map((r) => r.y), g: data.map((r) => r.g), x: data.map((r) => r.x), h: data.map((r) => r.h) });

type Outcome = { ok: true; value: Record<string, unknown> } | { ok: false; error: unknown };
function attempt(f: () => unknown): Outcome {
  try {
    return { ok: true, value: f() as Record<string, unknown> };
  } catch (error) {
    return { ok: false, error };
  }
}

const KEYS = ["estimate", "statistic", "df", "pValue", "ciLow", "ciHigh", "n", "nMissing"] as const;
function expectSame(a: Outcome, b: Outcome, what: string): void {
  if (!a.ok) {
    expect(a.error, `${what}: clean input threw a non-koe error`).toBeInstanceOf(KoeError);
    expect(b.ok, `${what}: clean input threw ${(a.error as Error).message}; re-typed input did not`).toBe(false);
    expect((b as { error: KoeError }).error.code, what).toBe((a.error as KoeError).code);
    return;
  }
  if (!b.ok) throw new Error(`${what}: re-typed input threw ${(b.error as Error).message}`);
  for (const k of KEYS) {
    const u = a.value[k] as number | null;
    const v = b.value[k] as number | null;
    if (u === null || v === null || !Number.isFinite(u)) expect(v, `${what}.${k}`).toBe(u);
    else expect(Math.abs(u - v), `${what}.${k}: ${u} vs ${v}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(u)));
  }
  if ("groups" in a.value) expect((b.value.groups as { level: unknown; n: number }[]).map((g) => [g.level, g.n]), `${what}.groups`).toEqual((a.value.groups as { level: unknown; n: number }[]).map((g) => [g.level, g.n]));
}

const twoGroup = { welchTest, studentTest, mannWhitneyTest, standardizedDifference } as const;
const calls: [string, (t: aq.ColumnTable) => unknown][] = [
  ...Object.entries(twoGroup).map(([name, f]) => [name, (t: aq.ColumnTable) => (f as (t: aq.ColumnTable, o: object) => unknown)(t, { outcome: "y", group: "g" })] as [string, (t: aq.ColumnTable) => unknown]),
  ["welchTest order [true, false]", (t) => welchTest(t, { outcome: "y", group: "g", order: [true, false] })],
  ["groupsTest", (t) => groupsTest(t, { outcome: "y", group: "g", method: "anova" })],
  ["correlationTest", (t) => correlationTest(t, { x: "x", y: "y", method: "spearman" })],
  ["pairedTest", (t) => pairedTest(t, { x: "x", y: "y" })],
  ["independenceTest", (t) => independenceTest(t, { row: "g", column: "h" })],
];

describe("table-level comparisons on random tables (fast-check)", () => {
  it("an honest re-typing or re-ordering of the columns gives the clean table's result (or the same KoeError)", () => {
    fc.assert(
      fc.property(rows, encoding, (data, e) => {
        const a = clean(data);
        const b = encode(data, e);
        for (const [name, f] of calls) expectSame(attempt(() => f(a)), attempt(() => f(b)), `${name} with ${JSON.stringify(e)}`);
        const ta = attempt(() => crossTab(a, { row: "g", column: "h" }));
        const tb = attempt(() => crossTab(b, { row: "g", column: "h" }));
        if (ta.ok && tb.ok) expect([tb.value.rows, tb.value.counts, tb.value.nMissing]).toEqual([ta.value.rows, ta.value.counts, ta.value.nMissing]);
        else expect(ta.ok || tb.ok).toBe(false);
      }),
      { numRuns: 150 },
    );
  });

  it("bad inputs throw a KoeError; a result never drops rows in silence", () => {
    const bad = fc.constantFrom("typo", "unknownOption", "junkOutcome", "junkGroup", "loneString", "notATable");
    fc.assert(
      fc.property(rows.filter((r) => r.length > 0), bad, fc.nat(), (data, kind, at) => {
        let t = clean(data);
        const i = at % data.length;
        let options: Record<string, unknown> = { outcome: "y", group: "g" };
        if (kind === "typo") options = { outcome: "yy_score", group: "g" };
        if (kind === "unknownOption") options = { ...options, oder: [true, false] };
        if (kind === "loneString") options = { ...options, order: "true" };
        if (kind === "junkOutcome") t = t.assign({ y: data.map((r, k) => (k === i ? "x?" : r.y)) });
        if (kind === "junkGroup") t = t.assign({ g: data.map((r, k) => (k === i ? "たぶん" : r.g)) });
        const input = kind === "notATable" ? (data as unknown as aq.ColumnTable) : t;
        for (const [name, f] of Object.entries(twoGroup)) {
          const r = attempt(() => (f as (t: aq.ColumnTable, o: object) => unknown)(input, options));
          if (r.ok) throw new Error(`${name} accepted ${kind}`);
          expect(r.error, `${name} on ${kind}: ${(r.error as Error).message}`).toBeInstanceOf(KoeError);
        }
        const g = attempt(() => groupsTest(input, { ...options, method: "anova" } as never));
        if (g.ok) {
          // A stray value in a general group column is a group of its own: every row still accounted for.
          expect(kind).toBe("junkGroup");
          expect((g.value.n as number) + (g.value.nMissing as number)).toBe(data.length);
        } else expect(g.error).toBeInstanceOf(KoeError);
        const items = kind === "typo" ? ["x", "yy"] : kind === "loneString" ? "x" : ["x", "y"];
        const alpha = attempt(() => cronbachAlpha(input, { items, ...(kind === "unknownOption" ? { revrse: [] } : {}) } as never));
        if (kind !== "junkGroup") {
          expect(alpha.ok).toBe(false);
          if (!alpha.ok) expect(alpha.error).toBeInstanceOf(KoeError);
        }
      }),
      { numRuns: 150 },
    );
  });
});
