import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as aq from "arquero";
import { describe, expect, it } from "vitest";
import { logisticRegression, ols, type Coefficient } from "../../src/analyze/regression.js";

// Expected values: r/regression.R (R 4.2.2, sandwich, lmtest), output in r/regression.json.
const R = JSON.parse(readFileSync(join(import.meta.dirname, "r", "regression.json"), "utf8"));
const lines = readFileSync(join(import.meta.dirname, "r", "mtcars.csv"), "utf8").trim().split("\n");
const head = lines[0]!.split(",").map((h) => h.replaceAll('"', ""));
const rows = lines.slice(1).map((l) => {
  const cells = l.split(",");
  return Object.fromEntries(head.map((h, i) => [h, h === "model" ? cells[i]!.replaceAll('"', "") : Number(cells[i])]));
});
const mt = aq.from(rows.map((r) => ({ ...r, cyl_f: `c${r.cyl}` })));

function expectCoefficients(got: Coefficient[], expected: Coefficient[], rel = 1e-8) {
  expect(got.map((c) => c.term)).toEqual(expected.map((c) => c.term));
  got.forEach((c, i) => {
    for (const k of ["estimate", "stdError", "statistic", "pValue", "ciLow", "ciHigh"] as const) {
      const e = expected[i]![k];
      expect(Math.abs(c[k] - e), `${c.term}.${k}: ${c[k]} vs R ${e}`).toBeLessThanOrEqual(1e-12 + rel * Math.abs(e));
    }
  });
}

describe("ols as lm + sandwich", () => {
  it("classical standard errors, R², factor coding", () => {
    const r = ols(mt, { outcome: "mpg", predictors: ["wt", "hp", "cyl_f"] });
    expectCoefficients(r.coefficients, R.ols_classical.coefficients);
    expect(r.rSquared).toBeCloseTo(R.ols_classical.r_squared, 12);
    expect(r.sigma).toBeCloseTo(R.ols_classical.sigma, 12);
  });
  it("HC1", () => expectCoefficients(ols(mt, { outcome: "mpg", predictors: ["wt", "hp", "cyl_f"], vcov: "HC1" }).coefficients, R.ols_hc1.coefficients));
  it("cluster-robust (vcovCL, HC1)", () => {
    const r = ols(mt, { outcome: "mpg", predictors: ["wt", "hp", "cyl_f"], cluster: "gear" });
    expectCoefficients(r.coefficients, R.ols_cluster_gear.coefficients);
    expect(r.clusters).toBe(3);
  });
  it("drops incomplete rows, names unknown columns, refuses singular designs", () => {
    const t = aq.table({ y: [1, 2, 3, 4, Number.NaN], x: [1, 3, 2, 5, 4] });
    expect(ols(t, { outcome: "y", predictors: ["x"] }).nMissing).toBe(1);
    expect(() => ols(t, { outcome: "y", predictors: ["z"] })).toThrow(/no column "z"/);
    const s = aq.table({ y: [1, 2, 3, 4], x: [1, 2, 3, 4], x2: [2, 4, 6, 8] });
    expect(() => ols(s, { outcome: "y", predictors: ["x", "x2"] })).toThrow(/singular/);
  });
});

describe("logisticRegression as glm(binomial)", () => {
  it("numeric predictors, deviance, AIC", () => {
    const r = logisticRegression(mt, { outcome: "am", predictors: ["wt", "hp"] });
    expectCoefficients(r.coefficients, R.logistic.coefficients, 1e-6);
    expect(r.deviance).toBeCloseTo(R.logistic.deviance, 8);
    expect(r.nullDeviance).toBeCloseTo(R.logistic.null_deviance, 10);
    expect(r.aic).toBeCloseTo(R.logistic.aic, 8);
  });
  it("a factor predictor", () => expectCoefficients(logisticRegression(mt, { outcome: "vs", predictors: ["mpg", "cyl_f"] }).coefficients, R.logistic_factor.coefficients, 1e-6));
  it("perfect separation is a clear error, not a hang (R only warns: fitted probabilities numerically 0 or 1)", () => {
    const sep = aq.table({ x: [1, 2, 3, 4, 5, 6], y: [0, 0, 0, 1, 1, 1] });
    expect(() => logisticRegression(sep, { outcome: "y", predictors: ["x"] })).toThrow(/separation/);
  });
});
