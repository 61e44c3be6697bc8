import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as aq from "arquero";
import { describe, expect, it } from "vitest";
import { logisticRegression, ols, type Coefficient } from "../../src/analyze/regression.js";
import { KoeArgumentError, KoeError } from "../../src/errors/errors.js";

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
  it("cluster-robust CR1 on request (vcovCL, HC1) with t on G − 1 df", () => {
    const r = ols(mt, { outcome: "mpg", predictors: ["wt", "hp", "cyl_f"], cluster: "gear", vcov: "CR1" });
    expectCoefficients(r.coefficients, R.ols_cr1_gear.coefficients);
    expect(r.clusters).toBe(3);
    expect(r.coefficients.every((c) => c.df === 2)).toBe(true);
    // The SEs are vcovCL's, whatever the df.
    r.coefficients.forEach((c, i) => expect(c.stdError).toBeCloseTo(R.ols_cluster_gear.coefficients[i].stdError, 12));
  });
  it('vcov "cluster" is the cluster-robust default, CR2 with Satterthwaite df, as in fitOls (not CR1)', () => {
    const options = { outcome: "mpg", predictors: ["wt", "hp", "cyl_f"], cluster: "gear" };
    const named = ols(mt, { ...options, vcov: "cluster" });
    const cr2 = ols(mt, { ...options, vcov: "CR2" });
    expect([named.vcovType, named.test]).toEqual(["CR2", "Satterthwaite"]);
    expect(named.coefficients).toEqual(cr2.coefficients);
    expect(named.coefficients).toEqual(ols(mt, options).coefficients);
    // Not CR1: vcovCL's SEs differ.
    expect(named.coefficients[1]!.stdError).not.toBeCloseTo(R.ols_cluster_gear.coefficients[1].stdError, 6);
  });
  it("drops incomplete rows, names unknown columns, refuses singular designs", () => {
    const t = aq.table({ y: [1, 2, 3, 4, Number.NaN], x: [1, 3, 2, 5, 4] });
    expect(ols(t, { outcome: "y", predictors: ["x"] }).nMissing).toBe(1);
    expect(() => ols(t, { outcome: "y", predictors: ["z"] })).toThrow(/no column "z"/);
    const s = aq.table({ y: [1, 2, 3, 4], x: [1, 2, 3, 4], x2: [2, 4, 6, 8] });
    // A collinear term is named (an estimation failure on this data: a KoeError, not an argument error).
    expect(() => ols(s, { outcome: "y", predictors: ["x", "x2"] })).toThrow(/term "x2" is constant or a combination of the other terms/);
    try {
      ols(s, { outcome: "y", predictors: ["x", "x2"] });
    } catch (e) {
      expect(e).toBeInstanceOf(KoeError);
      expect(e).not.toBeInstanceOf(KoeArgumentError);
      expect((e as KoeError).localized.ja).toMatch(/項「x2」が一定か/);
    }
  });
});

describe("ols and logisticRegression at the input boundary", () => {
  const base = { y: [3.1, 2.4, 4.8, 3.9, 5.2, 2.2, 4.1, 3.3, 4.4, 2.9], x: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] };
  const gen = ["young", "mid", "senior", "young", "mid", "senior", "young", "mid", "senior", "young"];
  const ja = { young: "若手", mid: "中堅", senior: "シニア" } as const;
  const mgr = [true, false, true, false, false, true, true, false, true, false];

  it("Japanese labels, はい/いいえ and 0/1 text give the coefficients of the clean table, with the natural reference level", () => {
    const clean = ols(aq.table({ ...base, generation: gen, manager: mgr }), { outcome: "y", predictors: ["x", "generation", "manager"] });
    expect(clean.coefficients.map((c) => c.term)).toEqual(["(Intercept)", "x", "generationmid", "generationsenior", "managerTRUE"]);
    const natural = ols(
      aq.table({ ...base, generation: gen.map((g) => ja[g as keyof typeof ja]), manager: mgr.map((m) => (m ? "はい" : "いいえ")), y: base.y.map(String) }),
      { outcome: "y", predictors: ["x", "generation", "manager"] },
    );
    expect(natural.coefficients).toEqual(clean.coefficients);
    const zeroOne = ols(aq.table({ ...base, generation: gen, manager: mgr.map((m) => (m ? "1" : "0")) }), { outcome: "y", predictors: ["x", "generation", "manager"] });
    expect(zeroOne.coefficients.map((c) => c.estimate)).toEqual(clean.coefficients.map((c) => c.estimate));
  });

  it("logistic regression: a はい/いいえ outcome equals the 0/1 one; a value that is not yes/no is named", () => {
    const yes = [1, 0, 1, 1, 0, 0, 1, 0, 0, 1];
    const a = logisticRegression(aq.table({ x: base.x, d: yes }), { outcome: "d", predictors: ["x"] });
    const b = logisticRegression(aq.table({ x: base.x, d: yes.map((v) => (v ? "はい" : "いいえ")) }), { outcome: "d", predictors: ["x"] });
    expect(b.coefficients).toEqual(a.coefficients);
    expect(() => logisticRegression(aq.table({ x: base.x, d: [...yes.slice(0, 9), 2] }), { outcome: "d", predictors: ["x"] })).toThrow(/column "d" must be yes\/no.*"2" \(1 row, first at table row 10\)/);
  });

  it("strict options, lists, column typos and text in the outcome are KoeArgumentErrors in both languages", () => {
    const t = aq.table({ ...base, generation: gen });
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e as KoeArgumentError;
      }
      throw new Error("did not throw");
    };
    expect(err(() => ols(t, { outcome: "y", predictors: ["x"], vcov: "hc1" as "HC1" })).message).toMatch(/option "vcov" must be one of .*did you mean "HC1"\?/);
    expect(err(() => ols(t, { outcome: "y", predictor: ["x"] } as never)).message).toMatch(/unknown option "predictor"; did you mean "predictors"\?/);
    expect(err(() => ols(t, { outcome: "y", predictors: "generation" as never })).message).toMatch(/option "predictors" takes a list/);
    const typo = err(() => ols(t, { outcome: "y", predictors: ["generaton"] }));
    expect(typo).toBeInstanceOf(KoeArgumentError);
    expect(typo.message).toMatch(/no column "generaton" \(option predictors\); did you mean "generation"\?/);
    expect(typo.localized.ja).toMatch(/列「generaton」がありません/);
    const text = err(() => ols(aq.table({ ...base, y: [...base.y.slice(0, 9).map(String), "x"] }), { outcome: "y", predictors: ["x"] }));
    expect(text.message).toMatch(/column "y" must hold numbers.*"x" \(1 row, first at table row 10\)/);
    expect(err(() => ols(t, { outcome: "y", predictors: ["x"], vcov: "cluster" })).message).toMatch(/vcov "cluster" needs a cluster column/);
    expect(err(() => ols([1, 2] as never, { outcome: "y", predictors: ["x"] }))).toBeInstanceOf(KoeArgumentError);
    expect(err(() => ols(t, undefined as never))).toBeInstanceOf(KoeArgumentError);
    expect(err(() => ols(t, { outcome: "y", predictors: ["y"] })).message).toMatch(/column "y" is given for two roles/);
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
