// The wild cluster bootstrap against an independent, straightforward implementation: every sign
// vector, a full refit per vector, CR1 standard errors from the rows (no per-cluster algebra).
import * as aq from "arquero";
import { describe, expect, it } from "vitest";
import { wildClusterBootstrap } from "../../src/analyze/wild-bootstrap.js";

// 8 companies of unequal size; x varies within companies, z is a covariate.
let s = 11;
const rnd = () => ((s = (s * 16807) % 2147483647) / 2147483647);
const sizes = [14, 11, 9, 7, 5, 4, 4, 3];
const rows = sizes.flatMap((m, g) =>
  Array.from({ length: m }, (_, i) => {
    const x = (i + g) % 2;
    const z = Math.round(rnd() * 100) / 10;
    return { firm: `f${g}`, x, z, y: 1 + 0.9 * x + 0.1 * z + (g % 3) * 0.4 + (rnd() - 0.5) * 1.6 };
  }),
);
const table = aq.from(rows);

/** Solves the normal equations of y on the columns of X (rows of arrays) by Gauss–Jordan elimination. */
function lsq(X: number[][], y: number[]): { beta: number[]; resid: number[]; inv: number[][] } {
  const p = X[0]!.length;
  const A = Array.from({ length: p }, (_, a) => [...Array.from({ length: p }, (_, b) => X.reduce((t, r) => t + r[a]! * r[b]!, 0)), ...Array.from({ length: p }, (_, b) => (a === b ? 1 : 0))]);
  for (let c = 0; c < p; c++) {
    const piv = A[c]![c]!;
    for (let k = 0; k < 2 * p; k++) A[c]![k]! /= piv;
    for (let r = 0; r < p; r++) if (r !== c) { const f = A[r]![c]!; for (let k = 0; k < 2 * p; k++) A[r]![k]! -= f * A[c]![k]!; }
  }
  const inv = A.map((r) => r.slice(p));
  const xty = Array.from({ length: p }, (_, a) => X.reduce((t, r, i) => t + r[a]! * y[i]!, 0));
  const beta = inv.map((r) => r.reduce((t, v, b) => t + v * xty[b]!, 0));
  const resid = y.map((v, i) => v - X[i]!.reduce((t, xv, a) => t + xv * beta[a]!, 0));
  return { beta, resid, inv };
}

/** t of coefficient 1 − beta0 with CR1 (G/(G−1)·(N−1)/(N−K)), from the rows. */
function tStat(X: number[][], y: number[], g: number[], beta0: number): number {
  const { beta, resid, inv } = lsq(X, y);
  const p = X[0]!.length, n = y.length, G = new Set(g).size;
  const scores = new Map<number, number[]>();
  X.forEach((r, i) => { const sc = scores.get(g[i]!) ?? new Array(p).fill(0); r.forEach((v, a) => (sc[a] += v * resid[i]!)); scores.set(g[i]!, sc); });
  let v11 = 0;
  for (const sc of scores.values()) { const proj = inv[1]!.reduce((t, b, a) => t + b * sc[a]!, 0); v11 += proj * proj; }
  return (beta[1]! - beta0) / Math.sqrt(v11 * (G / (G - 1)) * ((n - 1) / (n - p)));
}

/** The restricted wild bootstrap p-value of H0: β1 = beta0 over every weight vector. */
function bruteForce(beta0: number, support: number[], data = rows): number {
  const X = data.map((r) => [1, r.x, r.z]);
  const y = data.map((r) => r.y);
  const g = data.map((r) => Number(r.firm.slice(1)));
  const G = new Set(g).size;
  const tObs = Math.abs(tStat(X, y, g, beta0));
  const restricted = lsq(data.map((r) => [1, r.z]), y.map((v, i) => v - beta0 * data[i]!.x));
  const fitted = y.map((v, i) => v - restricted.resid[i]!);
  let extreme = 0, total = 0;
  const w = new Array(G).fill(0);
  const visit = (k: number): void => {
    if (k === G) {
      const ys = fitted.map((f, i) => f + w[g[i]!]! * restricted.resid[i]!);
      if (Math.abs(tStat(X, ys, g, beta0)) >= tObs * (1 - 1e-10)) extreme++;
      total++;
      return;
    }
    for (const v of support) { w[k] = v; visit(k + 1); }
  };
  visit(0);
  return extreme / total;
}

describe("wild cluster bootstrap: enumeration, Webb weights, test inversion", () => {
  it("enumerates all 2^8 Rademacher sign vectors when they are fewer than the draws: the exact p-value of an independent brute force", () => {
    const r = wildClusterBootstrap(table, ["x", "z"], "y", "firm", { draws: 9999, weights: "rademacher" });
    expect(r.enumerated).toBe(true);
    expect(r.draws).toBe(256);
    const exact = bruteForce(0, [-1, 1]);
    expect(r.pValue).toBe(exact);
    // The observed vector and its mirror are the most extreme: p = 2/256 = 0.0078, not (1 + k)/(9999 + 1).
    expect(exact).toBe(2 / 256);
    // Deterministic: the seed plays no part.
    expect(JSON.stringify(wildClusterBootstrap(table, ["x", "z"], "y", "firm", { draws: 9999, weights: "rademacher", seed: 99 }))).toBe(JSON.stringify(r));
  });
  it("the interval inverts the restricted test: it holds the estimate, and the brute-force p-value crosses α at its ends", () => {
    const r = wildClusterBootstrap(table, ["x", "z"], "y", "firm", { draws: 9999, weights: "rademacher", confLevel: 0.9 });
    const est = lsq(rows.map((q) => [1, q.x, q.z]), rows.map((q) => q.y)).beta[1]!;
    expect(r.ciLow).toBeLessThan(est);
    expect(r.ciHigh).toBeGreaterThan(est);
    const eps = 1e-7;
    expect(bruteForce(r.ciLow + eps, [-1, 1])).toBeGreaterThanOrEqual(0.1);
    expect(bruteForce(r.ciLow - eps, [-1, 1])).toBeLessThan(0.1);
    expect(bruteForce(r.ciHigh - eps, [-1, 1])).toBeGreaterThanOrEqual(0.1);
    expect(bruteForce(r.ciHigh + eps, [-1, 1])).toBeLessThan(0.1);
    expect(r.interval).toBe("inverted restricted test");
  });
  it("Webb's six-point weights by default below 12 clusters; with 4 clusters all 6^4 vectors are enumerated", () => {
    const auto = wildClusterBootstrap(table, ["x", "z"], "y", "firm", { draws: 999, seed: 3 });
    expect(auto.weights).toBe("webb");
    expect(auto.enumerated).toBe(false);
    expect(auto.draws).toBe(999);
    expect(JSON.stringify(wildClusterBootstrap(table, ["x", "z"], "y", "firm", { draws: 999, seed: 3 }))).toBe(JSON.stringify(auto));
    expect(auto.pValue).toBeLessThan(0.05);
    const fourRows = rows.filter((q) => Number(q.firm.slice(1)) < 4);
    const r = wildClusterBootstrap(aq.from(fourRows), ["x", "z"], "y", "firm", { draws: 1999 });
    const webb = [-Math.sqrt(1.5), -1, -Math.sqrt(0.5), Math.sqrt(0.5), 1, Math.sqrt(1.5)];
    expect(r.pValue).toBeCloseTo(bruteForce(0, webb, fourRows), 12);
    expect(r.weights).toBe("webb");
    expect(r.enumerated).toBe(true);
    expect(r.draws).toBe(1296);
  });
  it("Rademacher by default from 12 clusters on (random draws, seeded)", () => {
    const many = aq.from(Array.from({ length: 12 }, (_, g) => rows.slice(0, 6).map((q, i) => ({ ...q, firm: `g${g}`, y: q.y + ((i * g) % 5) / 10 }))).flat());
    const r = wildClusterBootstrap(many, ["x", "z"], "y", "firm", { draws: 999 });
    expect(r.weights).toBe("rademacher");
    expect(r.enumerated).toBe(false);
  });
});
