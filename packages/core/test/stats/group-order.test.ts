// Repro 6 of issue 8: the group order of two-group tests is defined once, as R's for t.test(y ~ g),
// and never depends on the column's type or the table's row order.
// Expected values: r/group-order.R (R 4.2.2) → r/group-order.json, data r/group-order.csv.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { InsufficientDataError, KoeArgumentError, crossTab, groupsTest, independenceTest, mannWhitneyTest, readRespondents, standardizedDifference, studentTest, welchTest, hedgesG } from "@koe/core";
import * as aq from "arquero";
import { describe, expect, it } from "vitest";

type T = { estimate: number; statistic: number; df: number; p_value: number; conf_low: number; conf_high: number; std_error: number; estimates: number[]; groups: string[] };
type Case = { column: string; welch: T; student: T; wilcox: { statistic: number; p_value: number; method: string } };
const R = JSON.parse(readFileSync(join(import.meta.dirname, "r", "group-order.json"), "utf8")) as { cases: Case[] };
const csv = aq.fromCSV(readFileSync(join(import.meta.dirname, "r", "group-order.csv"), "utf8"));
const logical = Array.from(csv.array("g_logical") as ArrayLike<string>, (v) => v === "TRUE");

/** The same groups as analysts pass them: every form of one yes/no column, and the R columns as read from the CSV. */
const forms: [string, Case["column"], aq.ColumnTable][] = [
  ["booleans", "g_logical", csv.assign({ g: logical })],
  ["TRUE/FALSE text (R's write.csv, aq.fromCSV)", "g_logical", csv.derive({ g: (d: { g_logical: string }) => d.g_logical })],
  ["0/1 numbers (aq.fromCSV)", "g_01", csv.derive({ g: (d: { g_01: number }) => d.g_01 })],
  ['"0"/"1" text', "g_01", csv.assign({ g: logical.map((b) => (b ? "1" : "0")) })],
  ["はい/いいえ", "g_logical", csv.assign({ g: logical.map((b) => (b ? "はい" : "いいえ")) })],
  ["factor levels no/yes", "g_factor", csv.derive({ g: (d: { g_factor: string }) => d.g_factor })],
  ["character no/yes", "g_character", csv.derive({ g: (d: { g_character: string }) => d.g_character })],
  ["character B/A (sorted text: A first)", "g_letters", csv.derive({ g: (d: { g_letters: string }) => d.g_letters })],
  ["booleans after orderby(desc)", "g_logical", csv.assign({ g: logical }).orderby(aq.desc("g"))],
  ["0/1 after orderby(y)", "g_01", csv.derive({ g: (d: { g_01: number }) => d.g_01 }).orderby("y")],
];

const near = (a: number | null | undefined, e: number, what: string) => expect(Math.abs(a! - e), `${what}: ${a} vs R ${e}`).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(e)));

describe("two-group tests agree with R's t.test(y ~ g) and wilcox.test(y ~ g) whatever the group column's type or row order", () => {
  for (const [name, column, table] of forms) {
    const ref = R.cases.find((c) => c.column === column)!;
    it(name, () => {
      for (const [fn, expected] of [[welchTest, ref.welch], [studentTest, ref.student]] as const) {
        const r = fn(table, { outcome: "y", group: "g" });
        near(r.estimate, expected.estimate, "estimate");
        near(r.statistic, expected.statistic, "t");
        near(r.df, expected.df, "df");
        near(r.pValue, expected.p_value, "p");
        near(r.ciLow, expected.conf_low, "conf.low");
        near(r.ciHigh, expected.conf_high, "conf.high");
        near(r.stdError, expected.std_error, "stderr");
        near(r.groups[0]!.mean, expected.estimates[0]!, "mean of group 1");
        near(r.groups[1]!.mean, expected.estimates[1]!, "mean of group 2");
        expect(r.estimates).toEqual(r.groups.map((g) => g.mean));
      }
      const w = mannWhitneyTest(table, { outcome: "y", group: "g" });
      near(w.statistic, ref.wilcox.statistic, "W");
      near(w.pValue, ref.wilcox.p_value, "wilcox p");
      expect(w.method).toBe(ref.wilcox.method);
    });
  }

  it("the result names its groups: the user's values, koe's levels, and group1/group2 in the tidy table", () => {
    const ja = forms.find(([n]) => n === "はい/いいえ")![2];
    const r = welchTest(ja, { outcome: "y", group: "g" });
    expect(r.groups.map((g) => [g.level, g.label, g.n])).toEqual([[false, "いいえ", 10], [true, "はい", 14]]);
    const row = r.toTable().objects()[0] as Record<string, unknown>;
    expect(row).toMatchObject({ group1: "いいえ", group2: "はい", estimate: r.estimate });
    expect(r.groupTable().objects()).toEqual(r.groups);
    const letters = welchTest(forms.find(([n]) => n.startsWith("character B/A"))![2], { outcome: "y", group: "g" });
    expect(letters.groups.map((g) => g.label)).toEqual(R.cases.find((c) => c.column === "g_letters")!.welch.groups);
  });

  it("order is read as the column's values are: [true, false], [1, 0] and [\"はい\", \"いいえ\"] mean the same on any yes/no column", () => {
    const expected = -R.cases[0]!.welch.estimate;
    for (const [name, column, table] of forms) {
      if (column === "g_factor" || column === "g_character" || column === "g_letters") continue;
      for (const order of [[true, false], [1, 0], ["1", "0"], ["はい", "いいえ"], ["yes", "no"]]) {
        near(welchTest(table, { outcome: "y", group: "g", order }).estimate, expected, `${name} with order ${JSON.stringify(order)}`);
      }
    }
    near(welchTest(forms[5]![2], { outcome: "y", group: "g", order: ["yes", "no"] }).estimate, expected, "factor with order yes, no");
    expect(() => welchTest(forms[0]![2], { outcome: "y", group: "g", order: [true, true] })).toThrow(/order names group "true" of column "g" twice/);
    expect(() => welchTest(forms[0]![2], { outcome: "y", group: "g", order: [true, 2] })).toThrow(/group "2" does not occur in column "g"/);
    expect(() => welchTest(forms[0]![2], { outcome: "y", group: "g", order: true } as never)).toThrow(/option "order" takes a list/);
  });

  it("the model's segments keep their natural order whatever the user typed (young, mid, senior)", () => {
    const t = aq.table({ y: [1, 2, 3, 4, 5, 6, 2, 3, 4], 年代: ["シニア", "若手", "中堅", "シニア", "若手", "中堅", "Senior", "Young", "Mid"] });
    const g = groupsTest(t, { outcome: "y", group: "年代", method: "anova" });
    expect(g.groups.map((x) => x.level)).toEqual(["young", "mid", "senior"]);
    expect(g.groups.map((x) => x.label)).toEqual(["若手", "中堅", "シニア"]);
    const w = welchTest(t, { outcome: "y", group: "年代", order: ["若手", "senior"] });
    expect(w.groups.map((x) => x.level)).toEqual(["young", "senior"]);
    expect(crossTab(t, { row: "年代", column: "y" }).rows).toEqual(["young", "mid", "senior"]);
  });

  it("crossTab and independenceTest order levels as R's table(): FALSE before TRUE, numbers ascending", () => {
    const t = aq.table({ a: [true, false, true, true, false, null], b: [2, 10, 2, 1, 1, 10] });
    const x = crossTab(t, { row: "a", column: "b" });
    expect(x).toMatchObject({ rows: [false, true], columns: [1, 2, 10], counts: [[1, 0, 1], [1, 2, 0]], nMissing: 1 });
    expect(crossTab(t, { row: "a", column: "b", rowOrder: [true] }).rows).toEqual([true, false]);
    const chi = independenceTest(t, { row: "a", column: "b" });
    expect(chi.nMissing).toBe(1);
    expect(chi.warnings[0]!.params.fn).toBe("independenceTest");
  });
});

describe("errors name the user's function, column and group (not the kernel's x)", () => {
  const t = aq.table({ post_score: [3, 4, 5, 2, 4], g: ["a", "a", "a", "b", null] });
  it("one value in a group", () => {
    let err: unknown;
    try {
      welchTest(t, { outcome: "post_score", group: "g" });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InsufficientDataError);
    const e = err as InsufficientDataError;
    expect(e.message).toBe('welchTest needs at least 2 values in column "post_score" for group "b" (found 1)');
    expect(e.localized.ja).toBe("welchTest: 列「post_score」のグループ「b」に値が少なくとも2個必要です（1個しかありません）");
    expect(e.params).toMatchObject({ fn: "welchTest", column: "post_score", group: "b", found: 1, needed: 2 });
    expect(() => standardizedDifference(t, { outcome: "post_score", group: "g" })).toThrow(/standardizedDifference needs at least 2 values in column "post_score" for group "b" \(found 1\)/);
  });

  it("constant data, one group, a typo, a bad option", () => {
    const flat = aq.table({ score: [2, 2, 2, 2], g: [0, 0, 1, 1] });
    expect(() => welchTest(flat, { outcome: "score", group: "g" })).toThrow(/welchTest: the data in column "score" are essentially constant/);
    expect(() => welchTest(aq.table({ y: [1, 2, 3], g: [1, 1, 1] }), { outcome: "y", group: "g" })).toThrow(/column "g" must have 2 groups to compare \(found 1: "1"\)/);
    expect(() => welchTest(t, { outcome: "post_scor", group: "g" })).toThrow(/no column "post_scor" \(option outcome\); did you mean "post_score"\?/);
    expect(() => welchTest(t, { outcome: "post_score", group: "g", alternative: "greter" as never })).toThrow(/did you mean "greater"\?/);
    expect(() => welchTest(t, { outcome: "post_score", group: "g", confLevel: 95 })).toThrow(KoeArgumentError);
    expect(() => welchTest(t, { outcome: "post_score", group: "post_score" })).toThrow(/column "post_score" is given for two roles/);
    expect(() => groupsTest(t, { outcome: "post_score", group: "g", method: "anov" as never })).toThrow(/did you mean "anova"\?/);
  });

  it("a stray value in a yes/no column is an error naming it, not a group of its own", () => {
    const u = aq.table({ y: [1, 2, 3, 4, 5], g: [true, false, "たぶん", true, false] });
    expect(() => welchTest(u, { outcome: "y", group: "g" })).toThrow(/column "g" must be yes\/no .* it also holds "たぶん" \(1 row, first at table row 3\)/);
    expect(() => groupsTest(u, { outcome: "y", group: "g" })).toThrow(KoeArgumentError);
    expect(() => welchTest(aq.table({ y: [1, 2, 3, 4], cross_boundary: ["はい", "いいえ", "2", "はい"] }), { outcome: "y", group: "cross_boundary" })).toThrow(/column "cross_boundary" must be yes\/no/);
  });

  it("an outcome with text that is not a number is refused, naming the column (it was read as missing before)", () => {
    const u = aq.table({ score: ["3", "４", "x", "2", "5", "4"], g: [0, 0, 0, 1, 1, 1] });
    expect(() => welchTest(u, { outcome: "score", group: "g" })).toThrow(/column "score" must hold numbers; it holds text that is not a number: "x"/);
    const ok = welchTest(u, { outcome: "score", group: "g", missing: ["x"] });
    expect(ok.nMissing).toBe(1);
    expect(ok.estimate).toBe(welchTest(aq.table({ score: [3, 4, 2, 5, 4], g: [0, 0, 1, 1, 1] }), { outcome: "score", group: "g" }).estimate);
  });
});

describe("on the bundled respondents", () => {
  it("Hedges' g from the table equals the kernel on the groups in R's order", async () => {
    const { table } = await readRespondents("data/respondents.csv");
    const d = standardizedDifference(table, { outcome: "eng_01_post", group: "cross_boundary" });
    const y = table.array("eng_01_post") as ArrayLike<number>;
    const g = table.array("cross_boundary") as ArrayLike<boolean>;
    const pick = (b: boolean) => Array.from(y).filter((v, i) => g[i] === b && v === v);
    expect(d.estimate).toBe(hedgesG(pick(false), pick(true)).estimate);
    expect(d.groups.map((x) => x.n)).toEqual([pick(false).length, pick(true).length]);
  });
});
