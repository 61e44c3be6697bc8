// Issue 14, finding 4 (the estimator kernels): matching was 1:1 across companies with a plain
// difference of means, its errors clustered by company 2.7 times those by pair; the caliper was in
// SDs of the score. Now estimateEffect matches within company (`exact`), 1:k (`ratio`), adjusts by
// regression in the matched sample (`adjust`), puts the caliper on the logit (`caliperScale`), and
// clusters by matched set or by `cluster` (CR2). Expected numbers: r/matching-within.R (an
// independent greedy matcher; sandwich vcovCL by subclass, clubSandwich CR2 + Satterthwaite by
// company) → r/matching-within.json. Debian's MatchIt 4.5.1 matches wrongly (integer abs() of the
// distances; fixed in 4.5.4), so it is run only to record that it disagrees (matchit_same_rows).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { careerSurveyInstrument, estimateEffect, KoeArgumentError, matchNearestSets, readCsv, readRespondents, scoreScales } from "@koe/core";
import * as aq from "arquero";
import { beforeAll, describe, expect, it } from "vitest";
import { thrown } from "../../../../test/helpers/koe-error.js";

const R = JSON.parse(readFileSync(join(import.meta.dirname, "r", "matching-within.json"), "utf8"));
const root = join(import.meta.dirname, "..", "..", "..", "..");
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
const lalondeCovariates = ["age", "educ", "race", "married", "nodegree", "re74", "re75"];
const surveyCovariates = ["engagement_pre", "generation", "job_type", "manager"];
let lalonde: ReturnType<typeof aq.table>;
let survey: ReturnType<typeof aq.table>;
beforeAll(async () => {
  lalonde = (await readCsv(join(import.meta.dirname, "r", "lalonde.csv"))).table;
  // The engagement scores as the cross-boundary study computes them from the bundled data.
  const { table } = await readRespondents(join(root, "data", "respondents.csv"));
  survey = scoreScales(table, careerSurveyInstrument, { reliability: false }).table;
});

/** Rows of the matched sets, treated first then its controls (as the R script lists them). */
const rowsOf = (subclass: Int32Array) => {
  const sets: number[][] = [];
  subclass.forEach((s, i) => {
    if (s >= 0) (sets[s] ??= []).push(i);
  });
  return sets.flat();
};

describe("1:k matching within strata, caliper on the logit, regression adjustment (lalonde, against R)", () => {
  const opts = { outcome: "re78", treatment: "treat", covariates: lalondeCovariates, method: "matching" as const, exact: "race", ratio: 3, caliper: 0.2 };
  it("the matched sets, weights 1/k_i, estimate and subclass-clustered SE equal the independent matcher", () => {
    const e = R.lalonde.plain;
    const r = estimateEffect(lalonde, opts);
    expect(r.matched!.scale).toBe("logit");
    expect(r.nMatched).toBe(e.treated);
    expect(r.matched!.controls).toBe(e.controls);
    expect(new Set(rowsOf(r.matched!.subclass))).toEqual(new Set(e.rows));
    const sizes = new Map<number, number>();
    r.matched!.subclass.forEach((s) => sizes.set(s, (sizes.get(s) ?? 0) + 1));
    expect([1, 2, 3].map((k) => [...sizes.values()].filter((v) => v === k + 1).length)).toEqual([e.sizes["1"], e.sizes["2"], e.sizes["3"]]);
    expect(r.estimate).toBeCloseTo(e.estimate, 6);
    expect(rel(r.stdError!, e.se_subclass)).toBeLessThan(1e-8);
    expect(r.method).toBe("1:3 nearest-neighbour propensity-score matching on the logit of the score within race (ATT)");
    // Units matched only within their race.
    const race = lalonde.array("race") as string[];
    r.matched!.subclass.forEach((s, i) => {
      if (s >= 0) expect(race[i]).toBe(race[rowsOf(r.matched!.subclass.map((x) => (x === s ? s : -1)))[0]!]);
    });
    expect(R.lalonde.matchit_same_rows).toBe(false);
  });

  it("adjust: true is lm(y ~ treat + covariates, weights) in the matched sample", () => {
    const r = estimateEffect(lalonde, { ...opts, adjust: true });
    expect(r.estimate).toBeCloseTo(R.lalonde.adjusted.estimate, 6);
    expect(rel(r.stdError!, R.lalonde.adjusted.se_subclass)).toBeLessThan(1e-8);
    expect(r.method).toMatch(/regression-adjusted/);
  });

  it("matchNearestSets: every treated unit gets its first control before any gets a second", () => {
    // Treated 0 (0.9) and 1 (0.88); the nearest controls 2 (0.89) and 3 (0.87). Greedy per unit
    // would give unit 0 both; rounds give each one.
    const sets = matchNearestSets([0.9, 0.88, 0.89, 0.87, 0.1], [1, 1, 0, 0, 0], { ratio: 2 });
    expect(sets).toEqual([{ treated: 0, controls: [2, 4] }, { treated: 1, controls: [3] }]);
    expect(matchNearestSets([0.9, 0.88, 0.89, 0.87], [1, 1, 0, 0], { exact: [0, 1, 1, 0] })).toEqual([{ treated: 0, controls: [3] }, { treated: 1, controls: [2] }]);
  });
});

describe("finding 4 on the bundled data: matching within company with adjustment is as precise as the doubly robust estimate", () => {
  const base = { outcome: "engagement_post", treatment: "cross_boundary", covariates: surveyCovariates };
  it("1:1 across companies: the SE clustered by company is 2.7 × the one by pair (the finding)", () => {
    const e = R.survey.across_1to1;
    const byPair = estimateEffect(survey, { ...base, method: "matching" });
    const byCompany = estimateEffect(survey, { ...base, method: "matching", cluster: "company" });
    expect(byPair.estimate).toBeCloseTo(e.estimate, 8);
    expect(rel(byPair.stdError!, e.se_subclass)).toBeLessThan(1e-8);
    expect(rel(byCompany.stdError!, e.se_company_cr2)).toBeLessThan(1e-6);
    expect(byCompany.df).toBeCloseTo(e.df_company_cr2, 4);
    expect(byCompany.stdError! / byPair.stdError!).toBeGreaterThan(2.5);
  });

  it("within company, 1:auto, caliper 0.2 SD of the logit, adjusted: estimate and SEs as R; SE by company within 15% of the doubly robust one", () => {
    const opts = { ...base, method: "matching" as const, exact: "company", ratio: "auto" as const, caliper: 0.2, adjust: true };
    const e = R.survey.within_adjusted;
    const r = estimateEffect(survey, { ...opts, cluster: "company" });
    expect(r.matched!.ratio).toBe(R.survey.ratio_auto);
    expect(r.nMatched).toBe(e.treated);
    expect(r.matched!.controls).toBe(e.controls);
    expect(r.warnings.map((w) => w.code)).toEqual(["effect.unmatched"]);
    expect(r.warnings[0]!.localized.en).toBe('estimateEffect: 3 of 250 participants found no control in their own "company" within the caliper of 0.2 SD; the estimate is the effect on the 247 matched participants');
    expect(r.warnings[0]!.localized.ja).toMatch(/参加者250人のうち3人は同じ「company」の中に/);
    expect(r.estimate).toBeCloseTo(e.estimate, 8);
    expect(rel(r.stdError!, e.se_company_cr2)).toBeLessThan(1e-6);
    expect(r.df).toBeCloseTo(e.df_company_cr2, 4);
    expect(rel(estimateEffect(survey, opts).stdError!, e.se_subclass)).toBeLessThan(1e-8);
    const dr = estimateEffect(survey, { ...base, method: "doubly-robust", cluster: "company" });
    expect(dr.estimate).toBeCloseTo(R.survey.doubly_robust.estimate, 8);
    expect(rel(dr.stdError!, R.survey.doubly_robust.se_company_cr2)).toBeLessThan(1e-6);
    expect(Math.abs(r.stdError! - dr.stdError!) / dr.stdError!).toBeLessThan(0.15);
    // Without adjustment the matched difference is less precise, but still well below 1:1 across companies.
    const plain = estimateEffect(survey, { ...opts, adjust: false, cluster: "company" });
    expect(plain.estimate).toBeCloseTo(R.survey.within_plain.estimate, 8);
    expect(rel(plain.stdError!, R.survey.within_plain.se_company_cr2)).toBeLessThan(1e-6);
    expect(plain.stdError!).toBeLessThan(R.survey.across_1to1.se_company_cr2 / 2);
  });

  it("the balance table shows company per level after matching within it (balanced exactly up to the 1/k weights)", () => {
    const r = estimateEffect(survey, { ...base, method: "matching", exact: "company", ratio: "auto", caliper: 0.2, cluster: "company" });
    const company = r.balance.rows.filter((b) => b.covariate === "company");
    expect(company.length).toBe(25);
    for (const row of company) expect(Math.abs(row.smdAdjusted!)).toBeLessThan(Math.abs(row.smd) + 0.05);
    const max = Math.max(...company.map((b) => Math.abs(b.smdAdjusted!)));
    expect(max).toBeLessThan(0.1);
    const summary = r.balance.byCovariate.find((c) => c.covariate === "company")!;
    expect(summary.levels).toBe(25);
    expect(summary.maxAbsSmdAdjusted).toBeCloseTo(max, 12);
    expect(summary.maxAbsSmd).toBeCloseTo(Math.max(...company.map((b) => Math.abs(b.smd))), 12);
  });

  it("weighting and doubly robust with exact: company as a factor in the propensity (and outcome) model, as R", () => {
    const w = estimateEffect(survey, { ...base, method: "weighting", exact: "company", cluster: "company" });
    expect(w.estimate).toBeCloseTo(R.survey.weighting_company_factor.estimate, 7);
    expect(rel(w.stdError!, R.survey.weighting_company_factor.se_company_cr2)).toBeLessThan(1e-6);
    const dr = estimateEffect(survey, { ...base, method: "doubly-robust", exact: "company", cluster: "company" });
    expect(dr.estimate).toBeCloseTo(R.survey.doubly_robust_company_factor.estimate, 7);
    expect(rel(dr.stdError!, R.survey.doubly_robust_company_factor.se_company_cr2)).toBeLessThan(1e-6);
    expect(w.balance.rows.filter((b) => b.covariate === "company").length).toBe(25);
  });
});

describe("the new options are strict", () => {
  const base = { outcome: "re78", treatment: "treat", covariates: lalondeCovariates };
  it.each([
    [{ method: "weighting", ratio: 2 }, /option ratio applies to method "matching" only/],
    [{ method: "doubly-robust", caliper: 0.2 }, /option caliper applies to method "matching" only/],
    [{ method: "regression", adjust: true }, /option adjust applies to methods "matching", "weighting" and "doubly-robust"/],
    [{ method: "matching", adjust: ["u74"] }, /no column "u74"/],
    [{ method: "matching", ratio: 0 }, /option "ratio"/],
    [{ method: "matching", ratio: "many" }, /option "ratio"/],
    [{ method: "matching", caliper: 0.2, caliperScale: "logt" }, /did you mean "logit"\?/],
    [{ method: "matching", exact: "rac" }, /no column "rac" \(option exact\); did you mean "race"\?/],
  ])("%o", (extra, message) => {
    const e = thrown(() => estimateEffect(lalonde, { ...base, ...extra } as never));
    expect(e).toBeInstanceOf(KoeArgumentError);
    expect(e.message).toMatch(message);
    expect(e.localized.ja).not.toBe(e.localized.en);
  });

  it("adjust names a column that is not a covariate: an error naming it", () => {
    const e = thrown(() => estimateEffect(lalonde, { ...base, covariates: ["age"], method: "matching", adjust: ["educ"] }));
    expect(e.message).toMatch(/adjust names column "educ", which is neither a covariate \("age"\) nor the exact column/);
    expect(e.localized.ja).toMatch(/adjust に指定した列「educ」/);
  });

  it("ratio \"auto\" is ⌊controls / treated⌋ capped at 5; the default matching is unchanged (1:1 on the score)", () => {
    expect(estimateEffect(lalonde, { ...base, method: "matching", ratio: "auto" }).matched!.ratio).toBe(2); // 429 / 185
    const small = lalonde.filter((d: { treat: number }, $: { i: number }) => d.treat === 1 || aq.op.row_number() < 300);
    expect(estimateEffect(small, { ...base, method: "matching", ratio: "auto" }).matched!.ratio).toBe(1);
    const def = estimateEffect(lalonde, { ...base, method: "matching" });
    expect(def.matched).toMatchObject({ ratio: 1, scale: "score", exact: null, controls: def.nMatched });
    expect(def.method).toBe("1:1 nearest-neighbour propensity-score matching on the score (ATT)");
  });
});
