// Issue "honest inputs", walked through as the reviewers did: each natural input either gives the
// clean answer or a KoeError naming the column; each "also seen" slip is a clear KoeError.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as aq from "arquero";
import { describe, expect, it } from "vitest";
import {
  KoeError, careerSurveyInstrument, chiSquareTest, crossBoundaryReport, cronbachAlpha, describe as describeValues, differenceInDifferences,
  estimateEffect, initiativeOutcomes, initiativeReport, permutationTest, readCsv, readInitiativeRatings, readRespondents, scoreScales, topInitiatives, welchTest, balanceTable,
} from "@koe/core";
import { initiativeMatrixChart } from "@koe/charts";
import { thrown, thrownAsync } from "./helpers/koe-error.js";

const data = join(import.meta.dirname, "..", "data");
const ratings = (await readInitiativeRatings(join(data, "initiative_ratings.csv"))).table;
const respondents = (await readRespondents(join(data, "respondents.csv"))).table;

const recode = (t: aq.ColumnTable, column: string, f: (v: unknown) => unknown) => t.assign({ [column]: Array.from(t.array(column) as ArrayLike<unknown>, f) });

describe("1–2, 11–12: the initiative matrix", () => {
  const clean = topInitiatives(ratings, { wave: 1 }).cells;
  it.each([
    ["0/1", (v: unknown) => (v === null ? null : v ? 1 : 0)],
    ['"1"/"0"', (v: unknown) => (v === null ? null : v ? "1" : "0")],
    ["はい/いいえ", (v: unknown) => (v === null ? null : v ? "はい" : "いいえ")],
    ['"true"/"false"', (v: unknown) => (v === null ? null : String(v))],
    ["効果あり/効果なし", (v: unknown) => (v === null ? null : v ? "効果あり" : "効果なし")],
  ])("effective as %s gives the same cells as booleans", (_, f) => {
    expect(clean.length).toBeGreaterThanOrEqual(36);
    expect(topInitiatives(recode(ratings, "effective", f), { wave: 1 }).cells).toEqual(clean);
  });
  it("a wave column called 調査回 is never pooled", () => {
    const renamed = ratings.rename({ wave: "調査回" });
    expect(topInitiatives(renamed, { wave: 1 }).cells).toEqual(clean);
    expect(topInitiatives(renamed).cells).toEqual(clean); // the first wave, reported
    expect(topInitiatives(renamed).wave).toBe(1);
  });
  it("Japanese labels in segment columns keep ids and natural order", () => {
    const ja = recode(recode(ratings, "generation", (g) => ({ young: "若手", mid: "中堅", senior: "シニア" })[g as string]), "step", (s) =>
      ({ know: "知る", understand: "理解を深める", deepen: "さらに理解を深める", practice: "実践を支援する" })[s as string]);
    const r = topInitiatives(ja, { wave: 1 });
    expect(r.rows).toEqual(["young", "mid", "senior"]);
    expect(r.columns).toEqual(["know", "understand", "deepen", "practice"]);
    expect(r.cells).toEqual(clean);
  });
  it("misspelt option keys are errors with the closest key", () => {
    expect(thrown(() => topInitiatives(ratings, { waves: 2 } as never)).message).toContain('did you mean "wave"');
    expect(thrown(() => topInitiatives(ratings, { minCompanys: 30 } as never)).message).toContain('did you mean "minCompanies"');
    expect(thrown(() => initiativeOutcomes(ratings, { by: "generation" } as never)).message).toContain("takes a list");
  });
});

describe("3–5, 9: the cross-boundary study and its estimators", () => {
  const small = respondents;
  it("a misspelt covariate is an error, not dropped", () => {
    expect(thrown(() => crossBoundaryReport(small, { covariates: ["generaton"], resamples: 99 } as never)).message).toContain('did you mean "generation"');
  });
  it("treatment as はい/いいえ and kinds as 社内/社外 give the clean estimates", () => {
    const clean = crossBoundaryReport(small, { resamples: 99 });
    const natural = recode(recode(small, "cross_boundary", (v) => (v === null ? null : v ? "はい" : "いいえ")), "cb_kind", (k) => (k === null ? null : k === "internal" ? "社内" : "社外"));
    const got = crossBoundaryReport(natural, { resamples: 99 });
    expect(got.tables.effects).toEqual(clean.tables.effects);
    expect(clean.tables.effects!.rows.filter((e) => e.status === "ok").length).toBeGreaterThan(20);
  });
  it("enum options are exact", () => {
    const scored = scoreScales(small, careerSurveyInstrument).table;
    const base = { outcome: "engagement_post", treatment: "cross_boundary", covariates: ["engagement_pre", "generation"] };
    expect(thrown(() => estimateEffect(scored, { ...base, method: "weighting", estimand: "att" } as never)).message).toContain('did you mean "ATT"');
    expect(thrown(() => balanceTable(scored, { treatment: "cross_boundary", covariates: ["engagement_pre"], sd: "pool" } as never)).message).toContain('did you mean "pooled"');
    expect(thrown(() => cronbachAlpha(scored, { items: ["eng_01_pre", "eng_02_pre"], missing: "listwize" } as never)).message).toContain('did you mean "listwise"');
    const att = estimateEffect(scored, { ...base, method: "regression", estimand: "ATT" });
    const ate = estimateEffect(scored, { ...base, method: "regression", estimand: "ATE" });
    expect(ate.estimand).toBe("ATE");
    expect(ate.estimate).not.toBe(att.estimate);
  });
  it("a treatment of 2 is the same error in DiD and estimateEffect", () => {
    const scored = scoreScales(small, careerSurveyInstrument).table;
    const bad = recode(scored, "cross_boundary", (v) => (v ? 2 : 0));
    const a = thrown(() => differenceInDifferences(bad, { pre: "engagement_pre", post: "engagement_post", treatment: "cross_boundary" }));
    const b = thrown(() => estimateEffect(bad, { outcome: "engagement_post", treatment: "cross_boundary" }));
    expect(a.code).toBe(b.code);
    expect(a.message).toContain('"2"');
    expect(b.message).toContain('column "cross_boundary"');
  });
  it("IPW is unclipped by default, as R's weighting (lalonde ATT 1214.07)", () => {
    const lalonde = aq.fromCSV(readFileSync(join(import.meta.dirname, "..", "packages/core/test/studies/r/lalonde.csv"), "utf8"));
    const r = estimateEffect(lalonde, { outcome: "re78", treatment: "treat", covariates: ["age", "educ", "race", "married", "nodegree", "re74", "re75"], method: "weighting" });
    expect(r.estimate).toBeCloseTo(1214.07, 1);
  });
});

describe("6–8: comparisons and kernels", () => {
  const t = aq.table({ y: [1, 2, 3, 4, 10, 12, 14, 15], g: [true, true, true, true, false, false, false, false] });
  it("welchTest's sign does not depend on the group's type or the row order; groups are named", () => {
    const boolean = welchTest(t, { outcome: "y", group: "g" });
    const zeroOne = welchTest(aq.fromCSV("y,g\n1,1\n2,1\n3,1\n4,1\n10,0\n12,0\n14,0\n15,0"), { outcome: "y", group: "g" });
    const ordered = welchTest(t.orderby("y"), { outcome: "y", group: "g" });
    expect(boolean.estimate).toBeCloseTo(zeroOne.estimate!, 12);
    expect(ordered.estimate).toBeCloseTo(boolean.estimate!, 12);
    expect(boolean.estimate).toBeCloseTo(12.75 - 2.5, 12); // R: FALSE first
    expect(JSON.stringify(boolean.groups)).toContain("false");
  });
  it("errors name the user's column and group", () => {
    const e = thrown(() => welchTest(aq.table({ post_score: [1, 2, 3], g: ["a", "a", "b"] }), { outcome: "post_score", group: "g" }));
    expect(e.message).toContain('column "post_score"');
    expect(e.message).toContain('"b"');
  });
  it("describe refuses text and reads numeric text, as welchTest does", () => {
    expect(thrown(() => describeValues([1, 2, 3, "x"] as never)).message).toContain('"x"');
    expect(describeValues(["1", "2", "3"] as never).mean).toBe(2);
    expect(welchTest(aq.table({ y: ["1", "2", "3", "7", "8", "9"], g: [0, 0, 0, 1, 1, 1] }), { outcome: "y", group: "g" }).estimate).toBeCloseTo(-6, 12);
  });
  it("a text item column scores as the numbers it holds", () => {
    const few = respondents.slice(0, 200);
    const asText = recode(few, "eng_01_pre", (v) => (typeof v === "number" && !Number.isNaN(v) ? String(v) : ""));
    const a = scoreScales(few, careerSurveyInstrument);
    const b = scoreScales(asText, careerSurveyInstrument);
    expect(Array.from(b.table.array("engagement_pre") as ArrayLike<number>)).toEqual(Array.from(a.table.array("engagement_pre") as ArrayLike<number>));
    expect(b.reliability).toEqual(a.reliability);
  });
  it("chiSquareTest on text, and permutationTest on null", () => {
    expect(thrown(() => chiSquareTest("1" as never)).message).toContain("matrix of counts");
    const withNull = permutationTest([1, 2, null, 4, 5], [6, 7, 8, 9, 10], { resamples: 999, seed: 1 });
    const without = permutationTest([1, 2, 4, 5], [6, 7, 8, 9, 10], { resamples: 999, seed: 1 });
    expect(withNull.estimate).toBe(without.estimate);
    expect(withNull.nMissing).toBe(1);
  });
});

describe("10, also seen: readers and charts", () => {
  it('schema-less "-" in Q2 is reported, naming Q2 and the missing option', async () => {
    const { issues } = await readCsv("id,Q1,Q2\nA,1,2\nB,2,-\nC,3,4\n");
    const issue = issues.find((i) => i.column === "Q2");
    expect(issue?.message).toContain("missing");
    expect(Array.from((await readCsv("id,Q1,Q2\nA,1,2\nB,2,-\nC,3,4\n", { missing: ["", "-"] })).table.array("Q2") as ArrayLike<number>)).toEqual([2, NaN, 4]);
  });
  it("readCsv(42), a misspelt reader option, and a chart's lang", async () => {
    expect((await thrownAsync(() => readCsv(42 as never))).code).toBeTruthy();
    expect((await thrownAsync(() => readCsv("a\n1\n", { uniqe: ["a"] } as never))).message).toContain('did you mean "unique"');
    const m = initiativeReport(ratings, { wave: 1, resamples: 0 }).tables.matrix!;
    expect(thrown(() => initiativeMatrixChart(m, { lang: "jp" } as never)).message).toContain('did you mean "ja"');
  });
  it("a BOM in a header is never shown to the user", () => {
    const t = aq.table({ "\uFEFF会社": ["A", "B"], y: [1, 2], g: [true, false] });
    const e = thrown(() => welchTest(t, { outcome: "y", group: "会社x" }));
    expect(e.message).not.toContain("\uFEFF");
    expect(e.message).toContain('did you mean "会社"?');
    expect(e.message).toContain('"<BOM>会社"');
  });
});
