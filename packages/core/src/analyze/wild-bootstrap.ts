// The wild cluster bootstrap (Cameron, Gelbach & Miller 2008) for one coefficient of a linear
// model with few clusters: a general tool, used by differenceInDifferences and by any study.
import { z } from "zod";
import { columnValues } from "./column-values.js";
import { designMatrix } from "./design-matrix.js";
import { clusterIds, factorModel, fitOls } from "./regression.js";
import { requireTable, resolveColumn } from "../boundary/columns.js";
import { parseOptions } from "../boundary/options.js";
import { numericColumn } from "../boundary/roles.js";
import type { Table } from "../model/table.js";
import { choleskyInverse } from "../stats/linear-algebra.js";
import { createRandom } from "../stats/random.js";

/** Options of the bootstrap itself (draws, weights, seed), as `differenceInDifferences` takes them under `bootstrap`. */
export const BootstrapOptions = z.object({
  /** Bootstrap draws (default 999). */
  draws: z.number().int().min(19).default(999),
  /** "webb" (default: six-point, better with few clusters) or "rademacher". */
  weights: z.enum(["rademacher", "webb"]).default("webb"),
  /** Seed of the draws (default 1). */
  seed: z.union([z.number(), z.string()]).default(1),
});


const WEBB = [-Math.sqrt(1.5), -1, -Math.sqrt(0.5), Math.sqrt(0.5), 1, Math.sqrt(1.5)];

export const WildBootstrapOptions = BootstrapOptions.extend({
  /** Confidence level (default 0.95). */
  confLevel: z.number().gt(0).lt(1).default(0.95),
});
export type WildBootstrapOptions = z.input<typeof WildBootstrapOptions>;

/**
 * Wild cluster bootstrap for the first predictor of a linear model (Cameron, Gelbach & Miller
 * 2008): the restricted bootstrap (null imposed) for the p-value, the unrestricted bootstrap-t for
 * the interval. Everything is aggregated per cluster first, so a draw costs O(G·p²), not O(n).
 * Columns are read at the input boundary as in {@link ols}; options are strict.
 * @example
 * const t = aq.table({ y: [1, 2, 2, 4, 3, 5, 4, 6, 5, 7, 6, 8], x: [0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1], firm: ["a", "a", "b", "b", "c", "c", "d", "d", "e", "e", "f", "f"] });
 * wildClusterBootstrap(t, ["x"], "y", "firm", { draws: 99, seed: 1 }).clusters // => 6
 */
export function wildClusterBootstrap(table: Table, predictors: readonly string[], outcome: string, cluster: string, options: WildBootstrapOptions = {}): WildBootstrapResult {
  const fn = "wildClusterBootstrap";
  requireTable(fn, table);
  const o = parseOptions(fn, WildBootstrapOptions, options);
  const t = table.isFiltered() || table.isOrdered() ? table.reify() : table;
  const yCol = numericColumn(fn, t, outcome, { option: "outcome" });
  const cl = resolveColumn(fn, t, cluster, "cluster");
  const exclude = new Uint8Array(t.numRows());
  for (let i = 0; i < exclude.length; i++) if (yCol.values[i] !== yCol.values[i]) exclude[i] = 1;
  const d = designMatrix(t, predictors, { fn, also: [cl], exclude });
  const ids = clusterIds(columnValues(t, cl, fn), d.rows);
  return bootstrapFirstTerm(fn, { x: d.x, y: Float64Array.from(d.rows, (r) => yCol.values[r]!), n: d.n, p: d.p, terms: d.terms }, ids, cl, o);
}

export interface WildBootstrapResult {
  pValue: number;
  ciLow: number;
  ciHigh: number;
  draws: number;
  weights: "rademacher" | "webb";
  clusters: number;
}

/** The bootstrap of {@link wildClusterBootstrap} on a design already read (column 1 is the term tested). */
export function bootstrapFirstTerm(
  fn: string,
  model: { x: Float64Array; y: Float64Array; n: number; p: number; terms: readonly string[] },
  clusters: { ids: Int32Array; count: number },
  clusterName: string,
  { draws, weights, seed, confLevel }: { draws: number; weights: "rademacher" | "webb"; seed: number | string; confLevel: number },
): WildBootstrapResult {
  const { x: X, y, n, p, terms } = model;
  const full = fitOls({ fn, x: X, y, n, p, terms, type: "cluster", clusterIds: clusters, clusterName, confLevel, nMissing: 0 });
  // The restricted fit: the same design without the tested term (the null imposed).
  const pr = p - 1;
  const xr = new Float64Array(n * pr);
  for (let i = 0; i < n; i++) for (let a = 0, b = 0; a < p; a++) if (a !== 1) xr[i * pr + b++] = X[i * p + a]!;
  const restricted = fitOls({ fn, x: xr, y, n, p: pr, terms: terms.filter((_, a) => a !== 1), type: "cluster", clusterIds: clusters, clusterName, confLevel, nMissing: 0 });
  const row = (i: number) => X.subarray(i * p, i * p + p);
  const g = clusters.ids;
  const G = clusters.count;
  const xtx = new Float64Array(p * p);
  for (let i = 0; i < n; i++) {
    const x = row(i);
    for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) xtx[a * p + b]! += x[a]! * x[b]!;
  }
  const bread = choleskyInverse(factorModel(fn, xtx, p, terms), p);
  // Residuals of the unrestricted fit and of the fit with the null imposed (the tested term dropped).
  const residU = full.residuals;
  const residR = restricted.residuals;
  const perCluster = (resid: Float64Array) => {
    const a = Array.from({ length: G }, () => new Float64Array(p));
    const M = Array.from({ length: G }, () => new Float64Array(p * p));
    for (let i = 0; i < n; i++) {
      const x = row(i);
      const k = g[i]!;
      for (let u = 0; u < p; u++) {
        a[k]![u]! += x[u]! * resid[i]!;
        for (let v = 0; v < p; v++) M[k]![u * p + v]! += x[u]! * x[v]!;
      }
    }
    return { a, M };
  };
  const adj = (G / (G - 1)) * ((n - 1) / (n - p));
  const rng = createRandom(seed);
  const draw = () => (weights === "rademacher" ? (rng.next() < 0.5 ? -1 : 1) : WEBB[rng.int(6)]!);
  // β* − β_base = bread · Σ w_g a_g; scores s*_g = w_g a_g − M_g · bread · Σ w_h a_h.
  const tStats = (resid: Float64Array) => {
    const { a, M } = perCluster(resid);
    const out = new Float64Array(draws);
    const w = new Float64Array(G);
    const sum = new Float64Array(p);
    const delta = new Float64Array(p);
    for (let b = 0; b < draws; b++) {
      for (let k = 0; k < G; k++) w[k] = draw();
      sum.fill(0);
      for (let k = 0; k < G; k++) for (let u = 0; u < p; u++) sum[u]! += w[k]! * a[k]![u]!;
      delta.fill(0);
      for (let u = 0; u < p; u++) for (let v = 0; v < p; v++) delta[u]! += bread[u * p + v]! * sum[v]!;
      let meat11 = 0;
      // Variance of coefficient 1 (the first predictor): bread row 1 · Σ s s' · bread column 1.
      for (let k = 0; k < G; k++) {
        let proj = 0;
        for (let u = 0; u < p; u++) {
          let s = w[k]! * a[k]![u]!;
          for (let v = 0; v < p; v++) s -= M[k]![u * p + v]! * delta[v]!;
          proj += bread[1 * p + u]! * s;
        }
        meat11 += proj * proj;
      }
      // Restricted or not, the fitted part is reproduced exactly, so t* = δ₁ / se*.
      out[b] = delta[1]! / Math.sqrt(meat11 * adj);
    }
    return out;
  };
  const est = full.coefficients[1]!.estimate;
  const tObs = full.coefficients[1]!.statistic;
  // Restricted: y* = fittedR + w·residR, whose coefficient of interest is 0 + δ under the null.
  const tR = tStats(residR);
  let extreme = 0;
  for (const v of tR) if (Math.abs(v) >= Math.abs(tObs)) extreme++;
  // Unrestricted bootstrap-t: t* = δ / se*, interval est − q·se.
  const tU = tStats(residU);
  const sorted = tU.slice().sort();
  const alpha = 1 - confLevel;
  const qLo = sorted[Math.floor((alpha / 2) * (draws + 1)) - 1] ?? sorted[0]!;
  const qHi = sorted[Math.ceil((1 - alpha / 2) * (draws + 1)) - 1] ?? sorted[draws - 1]!;
  const se = full.coefficients[1]!.stdError;
  return { pValue: (extreme + 1) / (draws + 1), ciLow: est - qHi * se, ciHigh: est - qLo * se, draws, weights, clusters: G };
}
