import * as aq from "arquero";
import { KoeArgumentError } from "../../errors/errors.js";
import type { Table } from "../../model/table.js";
import { columnValues } from "../../analyze/column-values.js";
import { designMatrix } from "../../analyze/design-matrix.js";
import { ols, type OlsResult } from "../../analyze/regression.js";
import { tCdf, tQuantile } from "../../stats/distributions.js";
import { cholesky, choleskyInverse } from "../../stats/linear-algebra.js";
import { createRandom } from "../../stats/random.js";
import type { EstimateFields, TidyTable } from "../../stats/result.js";

export interface DidOptions {
  /** Outcome before (column). */
  pre: string;
  /** Outcome after (column). */
  post: string;
  /** Boolean (or 0/1) treatment column: took part. */
  treatment: string;
  /** Cluster column (e.g. company); without one, standard errors are clustered by person. */
  cluster?: string;
  /** Time-invariant covariates for the change-score and ANCOVA estimates. */
  covariates?: string[];
  confLevel?: number;
  /** Wild cluster bootstrap when `cluster` is given (few clusters): draws, weights, seed. */
  bootstrap?: { draws?: number; weights?: "rademacher" | "webb"; seed?: number | string } | false;
}

export interface DidResult extends EstimateFields {
  /** The long-panel interaction model y ~ treat × post, with vcovCL(HC1) by person or cluster. */
  did: { estimate: number; stdError: number; statistic: number; pValue: number; ciLow: number; ciHigh: number; df: number };
  /** Wild cluster bootstrap (restricted p-value, unrestricted bootstrap-t interval); null without clusters. */
  wildBootstrap: { pValue: number; ciLow: number; ciHigh: number; draws: number; weights: "rademacher" | "webb"; clusters: number } | null;
  /** Change score (post − pre) on treatment (and covariates). */
  changeScore: OlsResult;
  /** ANCOVA: post on treatment and pre (and covariates). */
  ancova: OlsResult;
  /** Set when the change-score and ANCOVA estimates disagree beyond their standard errors. */
  note: string | null;
  nTreated: number;
  nControl: number;
  clusters: number;
  toTable(): TidyTable;
}

const num = (v: unknown) => (typeof v === "number" ? v : typeof v === "boolean" ? (v ? 1 : 0) : Number.NaN);

/**
 * Difference-in-differences from wide data (one row per person, pre and post columns): the
 * estimate and its cluster-robust standard error equal R's on the long panel —
 * `lm(y ~ treat * post)` with `sandwich::vcovCL(cluster = ~id or ~company, type = "HC1")`, whose
 * small-sample factor is G/(G−1)·(N−1)/(N−K) with N the panel's rows. With `cluster` (e.g. 25
 * companies, few clusters) also a seeded wild cluster bootstrap (Rademacher or Webb weights):
 * restricted p-value, unrestricted bootstrap-t interval. Beside it the change-score and ANCOVA
 * estimates, and a note when they disagree (ANCOVA assumes the groups would have regressed to the
 * same mean; the change score assumes parallel trends).
 * @example
 * differenceInDifferences(scored, { pre: "engagement_pre", post: "engagement_post", treatment: "cross_boundary", cluster: "company" }).did
 */
export function differenceInDifferences(table: Table, options: DidOptions): DidResult {
  const { pre, post, treatment, cluster, covariates = [], confLevel = 0.95 } = options;
  const t = table.isFiltered() || table.isOrdered() ? table.reify() : table;
  const y0 = columnValues(t, pre, "differenceInDifferences");
  const y1 = columnValues(t, post, "differenceInDifferences");
  const tr = columnValues(t, treatment, "differenceInDifferences");
  const cl = cluster ? columnValues(t, cluster, "differenceInDifferences") : null;
  const covs = covariates.map((c) => columnValues(t, c, "differenceInDifferences"));
  const total = t.numRows();
  const rows: number[] = [];
  for (let i = 0; i < total; i++) {
    const a = num(y0[i]);
    const b = num(y1[i]);
    const d = num(tr[i]);
    if (Number.isNaN(a) || Number.isNaN(b) || (d !== 0 && d !== 1) || (cl && (cl[i] === null || cl[i] === undefined)) || covs.some((c) => c[i] === null || c[i] === undefined || (typeof c[i] === "number" && Number.isNaN(c[i] as number)))) continue;
    rows.push(i);
  }
  const n = rows.length;
  const nTreated = rows.reduce((s, i) => s + num(tr[i]), 0);
  if (nTreated < 2 || n - nTreated < 2) throw new KoeArgumentError(`differenceInDifferences needs at least 2 treated and 2 untreated people with both measurements (found ${nTreated} and ${n - nTreated})`);
  // Long panel, never materialised: rows (i, t) with x = [1, treat, t, treat·t].
  const K = 4;
  const xtx = new Float64Array(K * K);
  const xty = new Float64Array(K);
  const x = new Float64Array(K);
  const fill = (d: number, time: number) => {
    x[0] = 1;
    x[1] = d;
    x[2] = time;
    x[3] = d * time;
  };
  for (const i of rows) {
    const d = num(tr[i]);
    for (const time of [0, 1]) {
      fill(d, time);
      const y = time === 0 ? num(y0[i]) : num(y1[i]);
      for (let a = 0; a < K; a++) {
        xty[a]! += x[a]! * y;
        for (let b = 0; b < K; b++) xtx[a * K + b]! += x[a]! * x[b]!;
      }
    }
  }
  const bread = choleskyInverse(cholesky(xtx, K, "differenceInDifferences: the panel design"), K);
  const beta = new Float64Array(K);
  for (let a = 0; a < K; a++) for (let b = 0; b < K; b++) beta[a]! += bread[a * K + b]! * xty[b]!;
  // Cluster scores: by cluster column, else by person.
  const ids = new Map<unknown, number>();
  const clusterOf = (i: number) => {
    const key = cl ? cl[i] : i;
    let g = ids.get(key);
    if (g === undefined) ids.set(key, (g = ids.size));
    return g;
  };
  const scores: number[][] = [];
  for (const i of rows) {
    const g = clusterOf(i);
    if (!scores[g]) scores[g] = [0, 0, 0, 0];
    const d = num(tr[i]);
    for (const time of [0, 1]) {
      fill(d, time);
      const y = time === 0 ? num(y0[i]) : num(y1[i]);
      let e = y;
      for (let a = 0; a < K; a++) e -= x[a]! * beta[a]!;
      for (let a = 0; a < K; a++) scores[g]![a]! += x[a]! * e;
    }
  }
  const G = ids.size;
  const N = 2 * n;
  const meat = new Float64Array(K * K);
  for (const s of scores) for (let a = 0; a < K; a++) for (let b = 0; b < K; b++) meat[a * K + b]! += s[a]! * s[b]!;
  const adj = (G / (G - 1)) * ((N - 1) / (N - K));
  let v33 = 0;
  for (let a = 0; a < K; a++) for (let b = 0; b < K; b++) v33 += bread[3 * K + a]! * meat[a * K + b]! * bread[b * K + 3]!;
  const se = Math.sqrt(v33 * adj);
  const est = beta[3]!;
  const dfRes = N - K;
  const q = tQuantile(1 - (1 - confLevel) / 2, dfRes);
  const did = { estimate: est, stdError: se, statistic: est / se, pValue: 2 * tCdf(-Math.abs(est / se), dfRes), ciLow: est - q * se, ciHigh: est + q * se, df: dfRes };
  // Change score and ANCOVA on the same people.
  const cols: Record<string, unknown[]> = {
    change: rows.map((i) => num(y1[i]) - num(y0[i])),
    post: rows.map((i) => num(y1[i])),
    pre: rows.map((i) => num(y0[i])),
    treat: rows.map((i) => num(tr[i])),
    ...(cl ? { cluster: rows.map((i) => cl[i]) } : {}),
    ...Object.fromEntries(covariates.map((c, j) => [c, rows.map((i) => covs[j]![i])])),
  };
  const small = aq.table(cols);
  const vcov = cl ? { cluster: "cluster" } : { vcov: "HC1" as const };
  const changeScore = ols(small, { outcome: "change", predictors: ["treat", ...covariates], confLevel, ...vcov });
  const ancova = ols(small, { outcome: "post", predictors: ["treat", "pre", ...covariates], confLevel, ...vcov });
  const cs = changeScore.coefficients[1]!;
  const an = ancova.coefficients[1]!;
  const gap = Math.abs(cs.estimate - an.estimate);
  const note =
    gap > Math.sqrt(cs.stdError ** 2 + an.stdError ** 2)
      ? `The change-score (${cs.estimate.toFixed(3)}) and ANCOVA (${an.estimate.toFixed(3)}) estimates differ by more than their standard errors: the groups differ at baseline, and the two rest on different assumptions (parallel trends vs. a common regression to the mean).`
      : null;
  let wildBootstrap: DidResult["wildBootstrap"] = null;
  if (cl && options.bootstrap !== false) {
    const b = options.bootstrap ?? {};
    wildBootstrap = wildClusterBootstrap(small, ["treat", ...covariates], "change", "cluster", { draws: b.draws ?? 999, weights: b.weights ?? "webb", seed: b.seed ?? 1, confLevel });
  }
  const result: DidResult = {
    method: `Difference-in-differences (long panel, cluster-robust HC1 by ${cluster ?? "person"})`,
    alternative: "two-sided",
    estimate: est,
    stdError: se,
    statistic: est / se,
    df: dfRes,
    pValue: did.pValue,
    ciLow: did.ciLow,
    ciHigh: did.ciHigh,
    confLevel,
    n,
    nMissing: total - n,
    did,
    wildBootstrap,
    changeScore,
    ancova,
    note,
    nTreated,
    nControl: n - nTreated,
    clusters: G,
    toTable: () =>
      aq.from([
        { method: "difference-in-differences", estimate: est, stdError: se, ciLow: did.ciLow, ciHigh: did.ciHigh, pValue: did.pValue },
        ...(wildBootstrap ? [{ method: `wild cluster bootstrap (${wildBootstrap.weights})`, estimate: est, stdError: null, ciLow: wildBootstrap.ciLow, ciHigh: wildBootstrap.ciHigh, pValue: wildBootstrap.pValue }] : []),
        { method: "change score", estimate: cs.estimate, stdError: cs.stdError, ciLow: cs.ciLow, ciHigh: cs.ciHigh, pValue: cs.pValue },
        { method: "ANCOVA", estimate: an.estimate, stdError: an.stdError, ciLow: an.ciLow, ciHigh: an.ciHigh, pValue: an.pValue },
      ]),
  };
  Object.defineProperty(result, "toTable", { enumerable: false });
  return result;
}

const WEBB = [-Math.sqrt(1.5), -1, -Math.sqrt(0.5), Math.sqrt(0.5), 1, Math.sqrt(1.5)];

/**
 * Wild cluster bootstrap for the first predictor of a linear model (Cameron, Gelbach & Miller
 * 2008): the restricted bootstrap (null imposed) for the p-value, the unrestricted bootstrap-t for
 * the interval. Everything is aggregated per cluster first, so a draw costs O(G·p²), not O(n).
 */
export function wildClusterBootstrap(
  table: Table,
  predictors: string[],
  outcome: string,
  cluster: string,
  { draws = 999, weights = "webb", seed = 1, confLevel = 0.95 }: { draws?: number; weights?: "rademacher" | "webb"; seed?: number | string; confLevel?: number } = {},
): { pValue: number; ciLow: number; ciHigh: number; draws: number; weights: "rademacher" | "webb"; clusters: number } {
  const full = ols(table, { outcome, predictors, cluster });
  const restricted = predictors.length > 1 ? ols(table, { outcome, predictors: predictors.slice(1), cluster }) : null;
  // The same design (dummy-coded, listwise) as the fits, so residuals line up row by row.
  const design = designMatrix(table, predictors, { also: [outcome, cluster], fn: "wildClusterBootstrap" });
  const { x: X, n, p } = design;
  const yAll = columnValues(table, outcome) as ArrayLike<number>;
  const y = Float64Array.from(design.rows, (r) => yAll[r]!);
  const row = (i: number) => X.subarray(i * p, i * p + p);
  const cl = columnValues(table, cluster);
  const ids = new Map<unknown, number>();
  const g = Int32Array.from(design.rows, (r) => {
    let id = ids.get(cl[r]);
    if (id === undefined) ids.set(cl[r], (id = ids.size));
    return id;
  });
  const G = ids.size;
  const xtx = new Float64Array(p * p);
  for (let i = 0; i < n; i++) {
    const x = row(i);
    for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) xtx[a * p + b]! += x[a]! * x[b]!;
  }
  const bread = choleskyInverse(cholesky(xtx, p), p);
  // Residuals of the unrestricted fit and of the fit with the null imposed (first predictor dropped).
  const residU = full.residuals;
  let residR: Float64Array;
  if (restricted) residR = restricted.residuals;
  else {
    let m = 0;
    for (let i = 0; i < n; i++) m += y[i]!;
    m /= n;
    residR = Float64Array.from({ length: n }, (_, i) => y[i]! - m);
  }
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
