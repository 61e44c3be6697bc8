import { readFileSync } from "node:fs";
import { join } from "node:path";
import { careerSurveyInstrument, differenceInDifferences, readRespondents, scoreScales } from "@koe/core";
import * as aq from "arquero";
import { beforeAll, describe, expect, it } from "vitest";

// Expected: r/did.R (R 4.2.2, sandwich 3.0.2) → r/did.json, on the bundled data's engagement scores.
const R = JSON.parse(readFileSync(join(import.meta.dirname, "r", "did.json"), "utf8"));
// With cluster = company: CR2 + Satterthwaite (clubSandwich), the `cr2` part of the same file.
const R2 = R.cr2;
const root = join(import.meta.dirname, "..", "..", "..", "..");
const truth = JSON.parse(readFileSync(join(root, "data", "truth.json"), "utf8")).respondents;
let scored: ReturnType<typeof aq.table>;
beforeAll(async () => {
  scored = scoreScales((await readRespondents(join(root, "data", "respondents.csv"))).table, careerSurveyInstrument, { reliability: false }).table;
});

describe("differenceInDifferences from wide data equals R on the long panel", () => {
  for (const [key, cluster, e] of [["by person (CR1, vcovCL HC1)", undefined, R.by_person], ["by company (CR2 + Satterthwaite, clubSandwich)", "company", R2.panel]] as const) {
    it(key, () => {
      const r = differenceInDifferences(scored, { pre: "engagement_pre", post: "engagement_post", treatment: "cross_boundary", ...(cluster ? { cluster } : {}), bootstrap: false });
      if (cluster) {
        expect(Math.abs(r.df! - e.df) / e.df).toBeLessThan(1e-8);
        expect(r.method).toMatch(/CR2 by company, Satterthwaite df/);
        expect(r.clusters).toBe(25);
        expect(r.effectiveClusters).toBeGreaterThan(0);
      }
      expect(r.estimate).toBeCloseTo(e.estimate, 12);
      expect(Math.abs(r.stdError! - e.stdError) / e.stdError).toBeLessThan(1e-10);
      expect(Math.abs(r.pValue! - e.pValue) / e.pValue).toBeLessThan(1e-6);
      expect(r.ciLow).toBeCloseTo(e.ciLow, 12);
      expect(r.ciHigh).toBeCloseTo(e.ciHigh, 12);
      expect(r.n).toBe(R.n_people);
    });
  }

  it("change-score and ANCOVA beside it, CR2 + Satterthwaite by company as clubSandwich; recovers the naive DiD the generator recorded", () => {
    const r = differenceInDifferences(scored, { pre: "engagement_pre", post: "engagement_post", treatment: "cross_boundary", cluster: "company", bootstrap: false });
    for (const [fit, e] of [[r.changeScore, R2.change_score], [r.ancova, R2.ancova]] as const) {
      const c = fit.coefficients[1]!;
      expect(c.estimate).toBeCloseTo(e.estimate, 12);
      expect(c.stdError).toBeCloseTo(e.stdError, 12);
      expect(Math.abs(c.df! - e.df) / e.df).toBeLessThan(1e-8);
      expect(Math.abs(c.pValue - e.pValue) / e.pValue).toBeLessThan(1e-6);
    }
    // The CR1 SEs (vcovCL HC1) are what CR2 adjusts: slightly smaller here.
    expect(r.changeScore.coefficients[1]!.stdError).toBeGreaterThan(R.change_score_company.stdError);
    expect(r.estimate).toBeCloseTo(truth.engagement.naiveDid, 5);
    // The true effect lies inside the interval.
    expect(r.ciLow!).toBeLessThan(truth.engagement.trueAtt);
    expect(r.ciHigh!).toBeGreaterThan(truth.engagement.trueAtt);
  });

  it("company fixed effects in the change-score and ANCOVA regressions, as lm(... + factor(company)) with clubSandwich CR2", () => {
    const r = differenceInDifferences(scored, { pre: "engagement_pre", post: "engagement_post", treatment: "cross_boundary", cluster: "company", fixedEffects: true, bootstrap: false });
    expect(r.fixedEffects).toBe(true);
    expect(r.changeScore.coefficients).toHaveLength(2 + 24);
    for (const [fit, e] of [[r.changeScore, R2.change_score_fe], [r.ancova, R2.ancova_fe]] as const) {
      const c = fit.coefficients[1]!;
      expect(c.estimate).toBeCloseTo(e.estimate, 12);
      expect(c.stdError).toBeCloseTo(e.stdError, 12);
      expect(Math.abs(c.df! - e.df) / e.df).toBeLessThan(1e-8);
      expect(c.ciLow).toBeCloseTo(e.ciLow, 10);
    }
    // The long-panel DiD is unchanged by level effects.
    expect(r.estimate).toBeCloseTo(R2.panel.estimate, 12);
    expect(() => differenceInDifferences(scored, { pre: "engagement_pre", post: "engagement_post", treatment: "cross_boundary", fixedEffects: true })).toThrow(/fixedEffects needs the cluster column/);
  });

  it("wild cluster bootstrap: seeded, a sensible p-value and an interval around the estimate, for both weight types", () => {
    const run = (weights: "webb" | "rademacher", seed = 5) =>
      differenceInDifferences(scored, { pre: "engagement_pre", post: "engagement_post", treatment: "cross_boundary", cluster: "company", bootstrap: { draws: 399, weights, seed } }).wildBootstrap!;
    const a = run("webb");
    expect(run("webb")).toEqual(a);
    expect(a.clusters).toBe(25);
    expect(a.pValue).toBeLessThan(0.01);
    expect(a.ciLow).toBeLessThan(R.by_company.estimate);
    expect(a.ciHigh).toBeGreaterThan(R.by_company.estimate);
    expect(a.enumerated).toBe(false);
    expect(a.interval).toBe("inverted restricted test");
    const b = run("rademacher");
    expect(b.weights).toBe("rademacher");
    expect(b.ciHigh - b.ciLow).toBeGreaterThan(0);
    // Under no effect (a placebo: pre vs itself shifted by nothing) the p-value is not small.
    const placebo = aq.table({ pre: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], post: [1.2, 2.1, 2.8, 4.3, 5.1, 5.7, 7.2, 8.1, 8.9, 10.2, 11.1, 11.9], treat: [1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0], firm: ["a", "a", "b", "b", "c", "c", "d", "d", "e", "e", "f", "f"] });
    const p = differenceInDifferences(placebo, { pre: "pre", post: "post", treatment: "treat", cluster: "firm", bootstrap: { draws: 199, seed: 1, weights: "webb" } });
    expect(p.wildBootstrap!.pValue).toBeGreaterThan(0.05);
  });

  it("rows missing a measurement are dropped and counted; too few treated is a clear error", () => {
    const t = aq.table({ pre: [1, 2, Number.NaN, 4, 5], post: [2, 3, 4, 5, 6], treat: [true, false, true, true, false] });
    const r = differenceInDifferences(t, { pre: "pre", post: "post", treatment: "treat" });
    expect(r.nMissing).toBe(1);
    expect(() => differenceInDifferences(aq.table({ pre: [1, 2, 3], post: [1, 2, 3], treat: [1, 0, 0] }), { pre: "pre", post: "post", treatment: "treat" })).toThrow(/at least 2 treated/);
  });
});

describe("the change score and ANCOVA: a bracket built in, not two independent estimates (issue 14, finding 5)", () => {
  it("ANCOVA − change score = (1 − slope) × baseline gap exactly, and the note says so on the bundled data", () => {
    const r = differenceInDifferences(scored, { pre: "engagement_pre", post: "engagement_post", treatment: "cross_boundary", covariates: ["generation", "manager"], cluster: "company", bootstrap: false });
    const cs = r.changeScore.coefficients[1]!.estimate;
    const an = r.ancova.coefficients[1]!.estimate;
    expect(an - cs).toBeCloseTo((1 - r.baselineGap.ancovaSlope) * r.baselineGap.estimate, 12);
    expect(r.baselineGap.ancovaSlope).toBe(r.ancova.coefficients[2]!.estimate);
    // The old rule (gap beyond √(se₁² + se₂²), as if independent) stayed silent on these data.
    const se = Math.hypot(r.changeScore.coefficients[1]!.stdError, r.ancova.coefficients[1]!.stdError);
    expect(Math.abs(an - cs)).toBeLessThan(se);
    expect(r.baselineGap.pValue).toBeLessThan(0.05);
    expect(r.note?.localized.en).toContain(`(1 − ${r.baselineGap.ancovaSlope.toFixed(3)}) × ${r.baselineGap.estimate.toFixed(3)} = ${(an - cs).toFixed(3)}`);
    expect(r.note?.localized.ja).toContain("ロードのパラドックス");
  });

  it("no note when the groups do not differ at baseline", () => {
    const t = aq.table({ pre: [1, 2, 3, 4, 1, 2, 3, 4], post: [2, 2, 4, 5, 1, 3, 3, 4], g: [1, 1, 1, 1, 0, 0, 0, 0] });
    const r = differenceInDifferences(t, { pre: "pre", post: "post", treatment: "g", bootstrap: false });
    expect(r.baselineGap.estimate).toBeCloseTo(0, 12);
    expect(r.note).toBeNull();
  });
});
