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
  /** Bootstrap draws (default 999); when all weight vectors are fewer (2^G Rademacher, 6^G Webb), they are enumerated instead. */
  draws: z.number().int().min(19).default(999),
  /**
   * "auto" (default): Webb's six-point weights below 12 clusters (MacKinnon & Webb 2017: with
   * few clusters Rademacher gives too few distinct statistics), Rademacher otherwise; or
   * "rademacher" / "webb".
   */
  weights: z.enum(["auto", "rademacher", "webb"]).default("auto"),
  /** Seed of the draws (default 1); irrelevant when the weight vectors are enumerated. */
  seed: z.union([z.number(), z.string()]).default(1),
});

/** Below this many clusters "auto" weights are Webb's six-point ones. */
export const WEBB_BELOW = 12;
const WEBB = [-Math.sqrt(1.5), -1, -Math.sqrt(0.5), Math.sqrt(0.5), 1, Math.sqrt(1.5)];

export const WildBootstrapOptions = BootstrapOptions.extend({
  /** Confidence level (default 0.95). */
  confLevel: z.number().gt(0).lt(1).default(0.95),
});
export type WildBootstrapOptions = z.input<typeof WildBootstrapOptions>;

/**
 * Wild cluster bootstrap for the first predictor of a linear model (Cameron, Gelbach & Miller
 * 2008), as Stata's `boottest` and R's `fwildclusterboot::boottest` (Roodman, Nielsen, MacKinnon
 * & Webb 2019): the restricted bootstrap (null imposed, WCR) for the p-value, and the interval
 * by inverting that test — the values β0 whose restricted bootstrap p-value is at least α, the
 * ends found by root finding. When all weight vectors are no more than the draws (2^G for
 * Rademacher, 6^G for Webb) they are enumerated: the p-value is exact and the seed irrelevant
 * (`enumerated: true`). Weights: Webb's six-point below 12 clusters, Rademacher otherwise (option
 * `weights`). The t statistics use CR1 (G/(G−1)·(N−1)/(N−K)), as boottest. Everything is
 * aggregated per cluster first, and the statistic is linear (numerator) and quadratic (variance)
 * in β0, so a draw costs O(G·p²) once and each β0 tried O(1) per draw. Columns are read at the
 * input boundary as in {@link ols}; options are strict.
 * @example
 * const t = aq.table({ y: [1, 2, 2, 4, 3, 5, 4, 6, 5, 7, 6, 8], x: [0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1], firm: ["a", "a", "b", "b", "c", "c", "d", "d", "e", "e", "f", "f"] });
 * wildClusterBootstrap(t, ["x"], "y", "firm", { draws: 99, seed: 1 }).clusters // => 6
 * wildClusterBootstrap(t, ["x"], "y", "firm", { draws: 99, weights: "rademacher" }).enumerated // => true
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
  /** The restricted (null β = 0 imposed) bootstrap p-value. */
  pValue: number;
  /** The interval: the values β0 not rejected by the restricted test at 1 − confLevel (test inversion). */
  ciLow: number;
  ciHigh: number;
  /** Weight vectors used (2^G or 6^G when enumerated). */
  draws: number;
  weights: "rademacher" | "webb";
  /** True when every weight vector was used: exact, deterministic, the seed irrelevant. */
  enumerated: boolean;
  clusters: number;
  /** How the interval was found. */
  interval: "inverted restricted test";
}

/** The bootstrap of {@link wildClusterBootstrap} on a design already read (column 1 is the term tested). */
export function bootstrapFirstTerm(
  fn: string,
  model: { x: Float64Array; y: Float64Array; n: number; p: number; terms: readonly string[] },
  clusters: { ids: Int32Array; count: number },
  clusterName: string,
  { draws: asked, weights: kind, seed, confLevel }: { draws: number; weights: "auto" | "rademacher" | "webb"; seed: number | string; confLevel: number },
): WildBootstrapResult {
  const { x: X, y, n, p, terms } = model;
  const G = clusters.count;
  const weights = kind === "auto" ? (G < WEBB_BELOW ? "webb" : "rademacher") : kind;
  const full = fitOls({ fn, x: X, y, n, p, terms, type: "CR1", clusterIds: clusters, clusterName, confLevel, nMissing: 0 });
  // The restricted fit: the same design without the tested term (the null imposed). Its
  // residuals for β1 = β0 are r0 − β0·r1, with r1 the residual of x1 on the other columns.
  const pr = p - 1;
  const xr = new Float64Array(n * pr);
  const x1 = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x1[i] = X[i * p + 1]!;
    for (let a = 0, b = 0; a < p; a++) if (a !== 1) xr[i * pr + b++] = X[i * p + a]!;
  }
  const restrictedTerms = terms.filter((_, a) => a !== 1);
  const r0 = fitOls({ fn, x: xr, y, n, p: pr, terms: restrictedTerms, type: "classical", confLevel, nMissing: 0 }).residuals;
  const r1 = fitOls({ fn, x: xr, y: x1, n, p: pr, terms: restrictedTerms, type: "classical", confLevel, nMissing: 0 }).residuals;
  const g = clusters.ids;
  const xtx = new Float64Array(p * p);
  // Per cluster: a_g = X_g'r0, c_g = X_g'r1, M_g = X_g'X_g.
  const a0 = new Float64Array(G * p);
  const a1 = new Float64Array(G * p);
  const Mg = new Float64Array(G * p * p);
  for (let i = 0; i < n; i++) {
    const k = g[i]!;
    for (let u = 0; u < p; u++) {
      const xu = X[i * p + u]!;
      a0[k * p + u]! += xu * r0[i]!;
      a1[k * p + u]! += xu * r1[i]!;
      for (let v = 0; v < p; v++) {
        const xuv = xu * X[i * p + v]!;
        Mg[(k * p + u) * p + v]! += xuv;
        xtx[u * p + v]! += xuv;
      }
    }
  }
  const bread = choleskyInverse(factorModel(fn, xtx, p, terms), p);
  // With b = bread row 1: the numerator δ = Σ_g w_g b·a_g(β0) and the cluster terms
  // proj_g = w_g b·a_g − (b M_g bread)·Σ_h w_h a_h are linear in β0 (a_g(β0) = a0_g − β0 c_g).
  const b1 = bread.subarray(p, 2 * p);
  const ba0 = new Float64Array(G);
  const ba1 = new Float64Array(G);
  const bm = new Float64Array(G * p); // b · M_g · bread
  for (let k = 0; k < G; k++) {
    for (let u = 0; u < p; u++) {
      ba0[k]! += b1[u]! * a0[k * p + u]!;
      ba1[k]! += b1[u]! * a1[k * p + u]!;
    }
    const tmp = new Float64Array(p);
    for (let u = 0; u < p; u++) for (let v = 0; v < p; v++) tmp[v]! += b1[u]! * Mg[(k * p + u) * p + v]!;
    for (let v = 0; v < p; v++) for (let s = 0; s < p; s++) bm[k * p + s]! += tmp[v]! * bread[v * p + s]!;
  }
  const adj = (G / (G - 1)) * ((n - 1) / (n - p));
  const support = weights === "rademacher" ? 2 : 6;
  const enumerated = support ** G <= asked;
  const B = enumerated ? support ** G : asked;
  // The weights, one row of G per draw: every vector when enumerated, else seeded draws.
  const W = new Float64Array(B * G);
  if (enumerated) {
    for (let b = 0; b < B; b++) for (let k = 0, r = b; k < G; k++, r = Math.floor(r / support)) W[b * G + k] = weights === "rademacher" ? (r % 2 === 0 ? 1 : -1) : WEBB[r % 6]!;
  } else {
    const rng = createRandom(seed);
    for (let b = 0; b < B; b++) for (let k = 0; k < G; k++) W[b * G + k] = weights === "rademacher" ? (rng.next() < 0.5 ? -1 : 1) : WEBB[rng.int(6)]!;
  }
  // Per draw: δ = d0 − β0 d1, se*² = adj (q0 − 2 β0 q1 + β0² q2).
  const d0 = new Float64Array(B);
  const d1 = new Float64Array(B);
  const q0 = new Float64Array(B);
  const q1 = new Float64Array(B);
  const q2 = new Float64Array(B);
  const s0 = new Float64Array(p);
  const s1 = new Float64Array(p);
  for (let b = 0; b < B; b++) {
    s0.fill(0);
    s1.fill(0);
    let n0 = 0;
    let n1 = 0;
    for (let k = 0; k < G; k++) {
      const w = W[b * G + k]!;
      n0 += w * ba0[k]!;
      n1 += w * ba1[k]!;
      for (let u = 0; u < p; u++) {
        s0[u]! += w * a0[k * p + u]!;
        s1[u]! += w * a1[k * p + u]!;
      }
    }
    let e0 = 0;
    let e1 = 0;
    let e2 = 0;
    for (let k = 0; k < G; k++) {
      const w = W[b * G + k]!;
      let m0 = w * ba0[k]!;
      let m1 = w * ba1[k]!;
      for (let s = 0; s < p; s++) {
        m0 -= bm[k * p + s]! * s0[s]!;
        m1 -= bm[k * p + s]! * s1[s]!;
      }
      e0 += m0 * m0;
      e1 += m0 * m1;
      e2 += m1 * m1;
    }
    d0[b] = n0;
    d1[b] = n1;
    q0[b] = e0;
    q1[b] = e1;
    q2[b] = e2;
  }
  const est = full.coefficients[1]!.estimate;
  const se = full.coefficients[1]!.stdError;
  // The restricted bootstrap p-value of H0: β1 = β0 (ties within rounding count as extreme).
  const pAt = (beta0: number) => {
    const tObs = Math.abs((est - beta0) / se) * (1 - 1e-10);
    let extreme = 0;
    for (let b = 0; b < B; b++) {
      const num = d0[b]! - beta0 * d1[b]!;
      const v = adj * (q0[b]! - 2 * beta0 * q1[b]! + beta0 * beta0 * q2[b]!);
      if (num * num >= tObs * tObs * v) extreme++;
    }
    return enumerated ? extreme / B : (extreme + 1) / (B + 1);
  };
  const alpha = 1 - confLevel;
  // Each end: step out from the estimate until rejected, then bisect the crossing.
  const end = (dir: 1 | -1) => {
    let inside = est;
    let step = se;
    let outside = est + dir * step;
    for (let k = 0; pAt(outside) >= alpha; k++) {
      if (k > 60) return dir * Number.POSITIVE_INFINITY;
      inside = outside;
      step *= 2;
      outside = est + dir * step;
    }
    for (let k = 0; k < 100 && Math.abs(outside - inside) > 1e-12 * (Math.abs(est) + se); k++) {
      const mid = (inside + outside) / 2;
      if (pAt(mid) >= alpha) inside = mid;
      else outside = mid;
    }
    return inside;
  };
  return { pValue: pAt(0), ciLow: end(-1), ciHigh: end(1), draws: B, weights, enumerated, clusters: G, interval: "inverted restricted test" };
}
