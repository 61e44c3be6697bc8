// estimateEffect's `propensity` option: scores fitted once and given back give the same result as
// fitting them (matching, weighting, doubly robust), and bad scores are errors naming the row.
import { join } from "node:path";
import { careerSurveyInstrument, estimateEffect, KoeArgumentError, readRespondents, scoreScales, type EffectResult } from "@koe/core";
import { beforeAll, describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..", "..", "..");
let survey: Awaited<ReturnType<typeof readRespondents>>["table"];
beforeAll(async () => {
  const { table } = await readRespondents(join(root, "data", "respondents.csv"));
  survey = scoreScales(table, careerSurveyInstrument, { reliability: false }).table;
});
const base = { outcome: "engagement_post", treatment: "cross_boundary", covariates: ["engagement_pre", "age", "generation", "job_type", "manager"] };
/** The result's scores spread back to the table's rows (NaN elsewhere). */
const perRow = (r: EffectResult, total: number) => {
  const full = new Float64Array(total).fill(NaN);
  r.rows.forEach((row, i) => (full[row] = r.propensity![i]!));
  return full;
};
const same = (a: EffectResult, b: EffectResult) => {
  expect(b.estimate).toBe(a.estimate);
  expect(b.stdError).toBe(a.stdError);
  expect(b.propensity).toEqual(a.propensity);
  expect(b.matched?.subclass ?? null).toEqual(a.matched?.subclass ?? null);
  expect(b.balance.rows).toEqual(a.balance.rows);
};

describe("estimateEffect with propensity scores given", () => {
  it("fitted once, then given to every method: the same results as fitting them each time", () => {
    const first = estimateEffect(survey, { ...base, method: "weighting" });
    expect(first.rows.length).toBe(first.n);
    const propensity = perRow(first, survey.numRows());
    for (const options of [
      { ...base, method: "matching" as const },
      { ...base, method: "matching" as const, exact: "company", ratio: 2, caliper: 0.2, adjust: true },
      { ...base, method: "weighting" as const, estimand: "ATE" as const },
      { ...base, method: "doubly-robust" as const, cluster: "company" },
    ]) {
      same(estimateEffect(survey, options), estimateEffect(survey, { ...options, propensity }));
    }
    // A plain array of numbers works as well.
    same(estimateEffect(survey, { ...base, method: "matching" }), estimateEffect(survey, { ...base, method: "matching", propensity: Array.from(propensity) }));
  });
  it("other scores change the matching; rows left out may hold NaN", () => {
    const first = estimateEffect(survey, { ...base, method: "weighting" });
    const flat = perRow(first, survey.numRows()).map((p) => (p === p ? 0.5 + (p - 0.5) / 2 : NaN));
    const r = estimateEffect(survey, { ...base, method: "matching", propensity: flat });
    expect(r.propensity![0]).toBeCloseTo(0.5 + (first.propensity![0]! - 0.5) / 2, 15);
  });
  it("wrong length, a score out of (0, 1) on a row used, or a method without scores: errors naming it", () => {
    const total = survey.numRows();
    const first = estimateEffect(survey, { ...base, method: "weighting" });
    expect(() => estimateEffect(survey, { ...base, method: "matching", propensity: new Float64Array(total - 1).fill(0.5) })).toThrow(/propensity has 4999 values for a table of 5000 rows/);
    const bad = perRow(first, total);
    bad[first.rows[3]!] = 1;
    expect(() => estimateEffect(survey, { ...base, method: "matching", propensity: bad })).toThrow(KoeArgumentError);
    expect(() => estimateEffect(survey, { ...base, method: "matching", propensity: bad })).toThrow(new RegExp(`table row ${first.rows[3]! + 1}: 1\\)`));
    bad[first.rows[3]!] = NaN;
    expect(() => estimateEffect(survey, { ...base, method: "weighting", propensity: bad })).toThrow(/strictly between 0 and 1/);
    expect(() => estimateEffect(survey, { ...base, method: "regression", propensity: perRow(first, total) })).toThrow(/option propensity applies to methods "matching", "weighting" and "doubly-robust"/);
  });
});
