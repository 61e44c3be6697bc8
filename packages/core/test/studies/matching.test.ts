import { readFileSync } from "node:fs";
import { join } from "node:path";
import { estimateEffect, logisticRegression, matchNearest, readCsv } from "@koe/core";
import * as aq from "arquero";
import { beforeAll, describe, expect, it } from "vitest";

// Expected: r/matching.R — an independent greedy matcher in R on glm propensity scores (Debian 12's
// MatchIt 4.5.1 matches wrongly; the script records whether it agrees: matchit_same_controls).
const R = JSON.parse(readFileSync(join(import.meta.dirname, "r", "matching.json"), "utf8"));
const covariates = ["age", "educ", "race", "married", "nodegree", "re74", "re75"];
let lalonde: ReturnType<typeof aq.table>;
beforeAll(async () => {
  lalonde = (await readCsv(join(import.meta.dirname, "r", "lalonde.csv"))).table;
});

describe("matching as MatchIt's defaults (checked against an independent greedy matcher in R)", () => {
  for (const [key, caliper] of [["no_caliper", undefined], ["caliper_0.2", 0.2]] as const) {
    it(key, () => {
      const ps = logisticRegression(lalonde, { outcome: "treat", predictors: covariates }).fitted;
      const pairs = matchNearest(ps, lalonde.array("treat") as ArrayLike<number>, caliper);
      const e = R[key];
      expect(pairs.length).toBe(e.pairs);
      expect(pairs.map((p) => p[0])).toEqual(e.treated);
      expect(pairs.map((p) => p[1])).toEqual(e.controls);
      const r = estimateEffect(lalonde, { outcome: "re78", treatment: "treat", covariates, method: "matching", ...(caliper ? { caliper, caliperScale: "score" as const } : {}) });
      expect(r.nMatched).toBe(e.pairs);
      expect(r.estimate).toBeCloseTo(e.estimate, 8);
      expect(Math.abs(r.stdError! - e.stdError) / e.stdError).toBeLessThan(1e-8);
      expect(r.balance.rows.find((b) => b.covariate === "age")!.smdAdjusted).not.toBeNull();
    });
  }
});

describe("estimateEffect's other methods", () => {
  it("difference and regression equal Welch-free OLS; weighting gives ESS and better balance; results share their keys", () => {
    const d = estimateEffect(lalonde, { outcome: "re78", treatment: "treat", method: "difference" });
    const means = lalonde.groupby("treat").rollup({ m: aq.op.mean("re78") }).objects() as { treat: number; m: number }[];
    expect(d.estimate).toBeCloseTo(means.find((x) => x.treat === 1)!.m - means.find((x) => x.treat === 0)!.m, 8);
    const w = estimateEffect(lalonde, { outcome: "re78", treatment: "treat", covariates, method: "weighting" });
    expect(w.ess!.treated).toBeCloseTo(185, 8);
    expect(w.ess!.control).toBeLessThan(429);
    const before = w.balance.rows.map((r) => Math.abs(r.smd));
    const after = w.balance.rows.map((r) => Math.abs(r.smdAdjusted!));
    expect(after.reduce((a, b) => a + b, 0)).toBeLessThan(before.reduce((a, b) => a + b, 0) / 2);
    const dr = estimateEffect(lalonde, { outcome: "re78", treatment: "treat", covariates, method: "doubly-robust" });
    for (const r of [d, w, dr]) expect(Object.keys(r).sort()).toEqual(Object.keys(d).sort());
    expect(() => estimateEffect(lalonde, { outcome: "re78", treatment: "treat", method: "matching" })).toThrow(/needs covariates/);
  });
});
