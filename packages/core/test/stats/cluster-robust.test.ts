// CR2 + Satterthwaite and CR1 with G − 1 df against clubSandwich / estimatr / sandwich on a
// fixed panel of 25 companies of very unequal size (r/cluster-robust.R, r/cluster-robust.json).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as aq from "arquero";
import { describe, expect, it } from "vitest";
import { ols, fitOls, type Coefficient } from "../../src/analyze/regression.js";
import { clusterRobustCR2 } from "../../src/analyze/cluster-robust.js";
import { tCdf } from "../../src/stats/distributions.js";

const dir = join(import.meta.dirname, "r");
const R = JSON.parse(readFileSync(join(dir, "cluster-robust.json"), "utf8"));
const d = aq.fromCSV(readFileSync(join(dir, "cluster-robust.csv"), "utf8"));
type Ref = { term: string; estimate?: number; stdError: number; statistic?: number; df: number; pValue: number; ciLow?: number; ciHigh?: number };
const koeTerm = (t: string) => t.replace(/^seg(b|c)$/, "seg$1");

function expectTable(got: Coefficient[], ref: Ref[], tol = 1e-8) {
  for (const r of ref) {
    const c = got.find((g) => g.term === koeTerm(r.term));
    expect(c, r.term).toBeDefined();
    expect(c!.stdError).toBeCloseTo(r.stdError, 10);
    expect(Math.abs(c!.df! - r.df) / r.df, `${r.term} df`).toBeLessThan(tol);
    expect(Math.abs(c!.pValue - r.pValue), `${r.term} p`).toBeLessThan(tol);
    if (r.ciLow !== undefined) {
      expect(c!.ciLow).toBeCloseTo(r.ciLow, 8);
      expect(c!.ciHigh).toBeCloseTo(r.ciHigh!, 8);
    }
  }
}

describe("CR2 with Satterthwaite df (clubSandwich, estimatr)", () => {
  it("is the default with a cluster: SEs, df, p-values and intervals as coef_test(vcov = 'CR2', test = 'Satterthwaite')", () => {
    const r = ols(d, { outcome: "y", predictors: ["zc", "x1", "x2", "seg"], cluster: "company" });
    expect(r.vcovType).toBe("CR2");
    expect(r.test).toBe("Satterthwaite");
    expect(r.clusters).toBe(25);
    expect(r.method).toMatch(/CR2 by company, Satterthwaite df/);
    expectTable(r.coefficients, R.ols.cr2);
    // estimatr::lm_robust(se_type = "CR2") gives the same SEs and df.
    expectTable(r.coefficients, R.ols.estimatr);
  });
  it("weighted OLS (working model Φ = I, as clubSandwich; estimatr agrees)", () => {
    const r = ols(d, { outcome: "y", predictors: ["x1", "x2", "seg"], cluster: "company", weights: "w" });
    expectTable(r.coefficients, R.weighted.cr2);
    expectTable(r.coefficients, R.weighted.estimatr);
  });
  it("CR1 on request: vcovCL(type = 'HC1') with t on G − 1 df ('cluster' means koe's default, CR2)", () => {
    expect(ols(d, { outcome: "y", predictors: ["x1"], cluster: "company", vcov: "cluster" }).vcovType).toBe("CR2");
    for (const vcov of ["CR1"] as const) {
      const r = ols(d, { outcome: "y", predictors: ["zc", "x1", "x2", "seg"], cluster: "company", vcov });
      expect(r.vcovType).toBe("CR1");
      expect(r.test).toBe("naive-t");
      expectTable(r.coefficients, R.ols.cr1);
    }
    const w = ols(d, { outcome: "y", predictors: ["x1", "x2", "seg"], cluster: "company", weights: "w", vcov: "CR1" });
    expectTable(w.coefficients, R.weighted.cr1);
  });
  it("CR2 with test 'naive-t': the CR2 SE with t on G − 1 df", () => {
    const r = ols(d, { outcome: "y", predictors: ["zc", "x1", "x2", "seg"], cluster: "company", test: "naive-t" });
    const zc = r.coefficients.find((c) => c.term === "zc")!;
    const ref = R.ols.cr2.find((c: Ref) => c.term === "zc");
    expect(zc.stdError).toBeCloseTo(ref.stdError, 10);
    expect(zc.df).toBe(24);
    expect(zc.pValue).toBeCloseTo(2 * tCdf(-Math.abs(ref.statistic), 24), 12);
  });
  it("the finding: a company-level term with t = 2.2 had p = 0.027 (CR1, t on N − K df); CR2 + Satterthwaite gives 0.081", () => {
    const old = R.ols.cr1_residual_df.find((c: Ref) => c.term === "zc");
    expect(old.statistic).toBeCloseTo(2.22, 2);
    expect(old.pValue).toBeLessThan(0.03);
    const zc = ols(d, { outcome: "y", predictors: ["zc", "x1", "x2", "seg"], cluster: "company" }).coefficients.find((c) => c.term === "zc")!;
    expect(zc.df!).toBeLessThan(10);
    expect(zc.pValue).toBeGreaterThan(0.05);
    expect(zc.pValue).toBeCloseTo(R.ols.cr2.find((c: Ref) => c.term === "zc").pValue, 10);
  });
  it("names the effective number of clusters G* and warns (ja + en) when it is small", () => {
    const r = ols(d, { outcome: "y", predictors: ["zc", "x1", "x2", "seg"], cluster: "company" });
    const g = R.ols.gstar as Record<string, number>;
    const smallest = Math.min(...Object.entries(g).filter(([k]) => k !== "(Intercept)").map(([, v]) => v));
    expect(r.effectiveClusters).toBeCloseTo(smallest, 10);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings![0]!.code).toBe("cluster.fewEffectiveClusters");
    expect(r.warnings![0]!.localized.en).toMatch(/effective number is 4\.4/);
    expect(r.warnings![0]!.localized.ja).toMatch(/実効クラスター数は4\.4/);
    // Weighted: G* with the weights.
    const w = ols(d, { outcome: "y", predictors: ["x1", "x2", "seg"], cluster: "company", weights: "w" });
    expect(w.effectiveClusters).toBeCloseTo(Math.min(...Object.entries(R.weighted.gstar as Record<string, number>).filter(([k]) => k !== "(Intercept)").map(([, v]) => v)), 10);
  });
  it("the DiD-like long panel y ~ treat * post: CR2 + Satterthwaite as clubSandwich", () => {
    const rows = d.objects() as { company: string; treat: number; pre: number; post: number }[];
    const long = aq.from(rows.flatMap((r) => [0, 1].map((t) => ({ company: r.company, treat: r.treat, post: t, tp: r.treat * t, y: t ? r.post : r.pre }))));
    const r = ols(long, { outcome: "y", predictors: ["treat", "post", "tp"], cluster: "company" });
    const ref = R.did_panel.cr2 as Ref[];
    expectTable(r.coefficients, ref.map((c) => ({ ...c, term: c.term === "treat:post" ? "tp" : c.term })));
  });
  it("argument errors: CR2/CR1 need a cluster; tests are for cluster-robust errors; Satterthwaite is for CR2", () => {
    expect(() => ols(d, { outcome: "y", predictors: ["x1"], vcov: "CR2" })).toThrow(/vcov "CR2" needs a cluster column/);
    expect(() => ols(d, { outcome: "y", predictors: ["x1"], vcov: "HC1", test: "naive-t" })).toThrow(/test "naive-t" is for cluster-robust errors/);
    expect(() => ols(d, { outcome: "y", predictors: ["x1"], cluster: "company", vcov: "CR1", test: "Satterthwaite" })).toThrow(/Satterthwaite degrees of freedom are derived for CR2/);
  });
});

describe("CR2 at scale", () => {
  it("matches the dense formula (n_g × n_g matrices) on a small random weighted design", () => {
    // Dense: A_g = B_g^(-1/2), B_g = (I − H)_g· (I − H)_g·', H = X M X'W; V = M Σ X_g'W_g A_g e_g e_g'A_g W_g X_g M.
    let s = 7;
    const rnd = () => ((s = (s * 16807) % 2147483647) / 2147483647);
    const n = 30, p = 3, G = 4;
    const x = Float64Array.from({ length: n * p }, (_, k) => (k % p === 0 ? 1 : rnd() * 4));
    const ids = Int32Array.from({ length: n }, (_, i) => (i < 12 ? 0 : i < 20 ? 1 : i < 26 ? 2 : 3));
    const w = Float64Array.from({ length: n }, () => 0.5 + rnd());
    const y = Float64Array.from({ length: n }, (_, i) => x[i * p + 1]! - x[i * p + 2]! + rnd() * 2 + ids[i]!);
    const fit = fitOls({ fn: "t", x, y, n, p, terms: ["(Intercept)", "a", "b"], weights: w, type: "classical", confLevel: 0.95, nMissing: 0 });
    const sigma2 = fit.sigma ** 2;
    const M = fit.vcov.flat().map((v) => v / sigma2);
    const H = (i: number, j: number) => { let h = 0; for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) h += x[i * p + a]! * M[a * p + b]! * x[j * p + b]!; return h * w[j]!; };
    const IH = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0) - H(i, j)));
    const meat = Array.from({ length: p }, () => new Array(p).fill(0));
    for (let g = 0; g < G; g++) {
      const rows = [...ids.keys()].filter((i) => ids[i] === g);
      const k = rows.length;
      const B = rows.map((i) => rows.map((j) => IH[i]!.reduce((acc, v, c) => acc + v * IH[j]![c]!, 0)));
      const A = inverseSqrt(B, k);
      const ae = rows.map((_, a) => rows.reduce((acc, j, b) => acc + A[a]![b]! * fit.residuals[j]!, 0));
      const sc = Array.from({ length: p }, (_, c) => rows.reduce((acc, i, a) => acc + x[i * p + c]! * w[i]! * ae[a]!, 0));
      for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) meat[a]![b] += sc[a]! * sc[b]!;
    }
    const r = clusterRobustCR2(x, n, p, fit.residuals, w, ids, G, Float64Array.from(M));
    for (let a = 0; a < p; a++)
      for (let b = 0; b < p; b++) {
        let v = 0;
        for (let c = 0; c < p; c++) for (let e = 0; e < p; e++) v += M[a * p + c]! * meat[c]![e]! * M[e * p + b]!;
        expect(r.vcov[a * p + b]!).toBeCloseTo(v, 12);
      }
  });
});

/** Symmetric inverse square root by power-free Jacobi (test-local, independent of the code under test). */
function inverseSqrt(B: number[][], k: number): number[][] {
  const m = B.map((r) => r.slice());
  const v: number[][] = Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 60; sweep++)
    for (let p = 0; p < k; p++)
      for (let q = p + 1; q < k; q++) {
        if (Math.abs(m[p]![q]!) < 1e-300) continue;
        const th = 0.5 * Math.atan2(2 * m[p]![q]!, m[q]![q]! - m[p]![p]!);
        const c = Math.cos(th), s = Math.sin(th);
        for (let r = 0; r < k; r++) { const a = m[r]![p]!, b = m[r]![q]!; m[r]![p] = c * a - s * b; m[r]![q] = s * a + c * b; }
        for (let r = 0; r < k; r++) { const a = m[p]![r]!, b = m[q]![r]!; m[p]![r] = c * a - s * b; m[q]![r] = s * a + c * b; }
        for (let r = 0; r < k; r++) { const a = v[r]![p]!, b = v[r]![q]!; v[r]![p] = c * a - s * b; v[r]![q] = s * a + c * b; }
      }
  const f = m.map((r, i) => (r[i]! > 1e-12 ? 1 / Math.sqrt(r[i]!) : 0));
  return v.map((_, i) => v.map((__, j) => v[i]!.reduce((acc, vi, l) => acc + vi * f[l]! * v[j]![l]!, 0)));
}

describe("CR2 on degenerate designs: cluster dummies, weights near and at zero (issue 14)", () => {
  const dg = JSON.parse(readFileSync(join(dir, "cluster-robust-degenerate.json"), "utf8"));
  const rows = aq.fromCSV(readFileSync(join(dir, "cluster-robust-degenerate.csv"), "utf8")).objects() as { company: string; x: number; treat: number; w: number; y: number }[];
  it("company fixed effects with weights spanning orders of magnitude and exact zeros: as clubSandwich (zero weights count as dropped rows)", () => {
    const table = aq.from(rows);
    const r = ols(table, { outcome: "y", predictors: ["treat", "x", "company"], weights: "w", cluster: "company" });
    // The intercept depends on the reference company; treat and x do not.
    expectTable(r.coefficients, dg.cr2.slice(1), 1e-6);
    expectTable(r.coefficients, dg.cr2_positive_weights.slice(1), 1e-6);
  });
  it("the cross-boundary doubly robust fit within company (appointed vs non-participants, innovation): df > 0 and as clubSandwich (was −0.076)", async () => {
    const { readRespondents } = await import("../../src/ingest/readers.js");
    const { scoreScales } = await import("../../src/prepare/score-scales.js");
    const { careerSurveyInstrument } = await import("../../src/index.js");
    const { estimateEffect } = await import("../../src/analyze/estimate-effect.js");
    const ref = JSON.parse(readFileSync(join(dir, "cluster-robust-cross-boundary.json"), "utf8"));
    const ids = new Set((aq.fromCSV(readFileSync(join(dir, "cluster-robust-cross-boundary.csv"), "utf8")).array("respondent_id") as string[]));
    const { table } = await readRespondents(join(import.meta.dirname, "../../../../data/respondents.csv"));
    const scored = scoreScales(table, careerSurveyInstrument).table;
    const keep = (scored.array("respondent_id") as string[]).flatMap((id, i) => (ids.has(id) ? [i] : []));
    const within = scored.reify(keep);
    expect(within.numRows()).toBe(ref.n);
    const opts = { outcome: "innovation_post", treatment: "cross_boundary", covariates: ["innovation_pre", "generation", "job_type", "manager"], cluster: "company", exact: "company" };
    const dr = estimateEffect(within, { ...opts, method: "doubly-robust" });
    expect(dr.df!).toBeGreaterThan(0);
    expect(dr.estimate).toBeCloseTo(ref.doublyRobust.estimate, 10);
    expect(Math.abs(dr.stdError! / ref.doublyRobust.stdError - 1)).toBeLessThan(1e-6);
    expect(Math.abs(dr.df! / ref.doublyRobust.df - 1)).toBeLessThan(1e-6);
    // Lin's regression with treatment × company interactions would give SE 0.0033 (clubSandwich too):
    // each company's effect its own, invisible to errors clustered by company. With the exact column
    // as the cluster, estimateEffect keeps company as fixed effects only: R's 0.050 on 9.9 df.
    const lin = estimateEffect(within, { ...opts, method: "regression" });
    expect(lin.estimate).toBeCloseTo(ref.regressionNoCompanyInteractions.estimate, 10);
    expect(Math.abs(lin.stdError! / ref.regressionNoCompanyInteractions.stdError - 1)).toBeLessThan(1e-6);
    expect(Math.abs(lin.df! / ref.regressionNoCompanyInteractions.df - 1)).toBeLessThan(1e-6);
    expect(lin.stdError! / ref.regression.stdError).toBeGreaterThan(10);
  }, 60_000);
});
