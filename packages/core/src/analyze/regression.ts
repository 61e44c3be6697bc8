import * as aq from "arquero";
import { KoeArgumentError } from "../errors/errors.js";
import type { Table } from "../model/table.js";
import { fCdf, normalCdf, normalQuantile, tCdf, tQuantile } from "../stats/distributions.js";
import { cholesky, choleskyInverse, choleskySolve, sandwich } from "../stats/linear-algebra.js";
import type { EstimateFields, TidyTable } from "../stats/result.js";
import { columnValues } from "./column-values.js";
import { designMatrix } from "./design-matrix.js";

export interface Coefficient {
  term: string;
  estimate: number;
  stdError: number;
  statistic: number;
  pValue: number;
  ciLow: number;
  ciHigh: number;
}

export type VcovType = "classical" | "HC1" | "cluster";

export interface ModelResult extends EstimateFields {
  coefficients: Coefficient[];
  /** Variance–covariance matrix of the estimates (row-major, terms × terms), of the kind used. */
  vcov: number[][];
  vcovType: VcovType;
  /** Number of clusters when cluster-robust. */
  clusters: number | null;
  /** The coefficient table (term, estimate, stdError, statistic, pValue, ciLow, ciHigh). */
  toTable(): TidyTable;
}

export interface OlsResult extends ModelResult {
  rSquared: number;
  adjRSquared: number;
  sigma: number;
  residuals: Float64Array;
  fitted: Float64Array;
}

function coefficientTable(terms: string[], beta: Float64Array, v: Float64Array, p: number, dist: { t: number } | "normal", confLevel: number): Coefficient[] {
  const q = dist === "normal" ? normalQuantile(1 - (1 - confLevel) / 2) : tQuantile(1 - (1 - confLevel) / 2, dist.t);
  return terms.map((term, j) => {
    const se = Math.sqrt(v[j * p + j]!);
    const stat = beta[j]! / se;
    const pValue = dist === "normal" ? 2 * normalCdf(-Math.abs(stat)) : 2 * tCdf(-Math.abs(stat), dist.t);
    return { term, estimate: beta[j]!, stdError: se, statistic: stat, pValue, ciLow: beta[j]! - q * se, ciHigh: beta[j]! + q * se };
  });
}

function toRows(v: Float64Array, p: number): number[][] {
  return Array.from({ length: p }, (_, i) => Array.from(v.subarray(i * p, i * p + p)));
}

function clusterIds(values: ArrayLike<unknown>, rows: Int32Array): { ids: Int32Array; count: number } {
  // Keys as they are (numbers stay numbers: no string per row); "1" and 1 are one cluster only if
  // the column mixes them, which a typed or text column does not.
  const map = new Map<unknown, number>();
  const ids = new Int32Array(rows.length);
  for (let k = 0; k < rows.length; k++) {
    const key = values[rows[k]!];
    let id = map.get(key);
    if (id === undefined) map.set(key, (id = map.size));
    ids[k] = id;
  }
  return { ids, count: map.size };
}

/**
 * Ordinary least squares, as R's `lm(outcome ~ predictors)`, with classical, heteroskedasticity-
 * robust (HC1) or cluster-robust standard errors (as `sandwich::vcovCL(fit, cluster = ~cluster,
 * type = "HC1")`: G/(G−1)·(N−1)/(N−K)). Tests and intervals use t with the residual df, as
 * `lmtest::coeftest`. Text columns are dummy-coded (first level sorted is the reference).
 * @example
 * ols(table, { outcome: "eng_post", predictors: ["eng_pre", "cross_boundary"], cluster: "company" }).coefficients
 */
export function ols(table: Table, { outcome, predictors, cluster, vcov, confLevel = 0.95, weights }: { outcome: string; predictors: readonly string[]; cluster?: string; vcov?: VcovType; confLevel?: number; weights?: string }): OlsResult {
  const type: VcovType = vcov ?? (cluster ? "cluster" : "classical");
  if (type === "cluster" && !cluster) throw new KoeArgumentError('ols: vcov "cluster" needs a cluster column');
  const d = designMatrix(table, predictors, { also: [outcome, ...(cluster ? [cluster] : []), ...(weights ? [weights] : [])], fn: "ols" });
  const { x, n, p, terms, rows } = d;
  if (n <= p) throw new KoeArgumentError(`ols: ${n} complete rows for ${p} coefficients`);
  const yAll = columnValues(table, outcome);
  const y = Float64Array.from(rows, (r) => {
    const v = yAll[r];
    if (typeof v !== "number") throw new KoeArgumentError(`ols: outcome "${outcome}" must be numeric (row ${r + 1}: ${String(v)})`);
    return v;
  });
  const wAll = weights ? (columnValues(table, weights) as ArrayLike<number>) : null;
  const w = wAll ? Float64Array.from(rows, (r) => wAll[r]!) : null;
  const xtx = new Float64Array(p * p);
  const xty = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    const wi = w ? w[i]! : 1;
    const o = i * p;
    for (let a = 0; a < p; a++) {
      const xa = x[o + a]! * wi;
      xty[a]! += xa * y[i]!;
      for (let b = 0; b <= a; b++) xtx[a * p + b]! += xa * x[o + b]!;
    }
  }
  for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) xtx[b * p + a] = xtx[a * p + b]!;
  const l = cholesky(xtx, p, "ols: the design matrix");
  const beta = choleskySolve(l, p, xty);
  const bread = choleskyInverse(l, p);
  const fitted = new Float64Array(n);
  const resid = new Float64Array(n);
  let rss = 0;
  let ybar = 0;
  let wsum = 0;
  for (let i = 0; i < n; i++) {
    let f = 0;
    for (let a = 0; a < p; a++) f += x[i * p + a]! * beta[a]!;
    fitted[i] = f;
    resid[i] = y[i]! - f;
    const wi = w ? w[i]! : 1;
    rss += wi * resid[i]! ** 2;
    ybar += wi * y[i]!;
    wsum += wi;
  }
  ybar /= wsum;
  let tss = 0;
  for (let i = 0; i < n; i++) tss += (w ? w[i]! : 1) * (y[i]! - ybar) ** 2;
  const dfRes = n - p;
  const sigma2 = rss / dfRes;
  let v: Float64Array;
  let clusters: number | null = null;
  if (type === "classical") {
    v = bread.map((b) => b * sigma2);
  } else {
    const meat = new Float64Array(p * p);
    if (type === "HC1") {
      for (let i = 0; i < n; i++) {
        const e = resid[i]! * (w ? w[i]! : 1);
        const o = i * p;
        for (let a = 0; a < p; a++) for (let b = 0; b <= a; b++) meat[a * p + b]! += e * e * x[o + a]! * x[o + b]!;
      }
      for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) meat[b * p + a] = meat[a * p + b]!;
      v = sandwich(bread, meat, p).map((m) => (m * n) / dfRes);
    } else {
      const { ids, count } = clusterIds(columnValues(table, cluster!), rows);
      if (count < 2) throw new KoeArgumentError(`ols: cluster-robust errors need at least 2 clusters in "${cluster}" (found ${count})`);
      clusters = count;
      const scores = new Float64Array(count * p);
      for (let i = 0; i < n; i++) {
        const e = resid[i]! * (w ? w[i]! : 1);
        const o = i * p;
        const g = ids[i]! * p;
        for (let a = 0; a < p; a++) scores[g + a]! += e * x[o + a]!;
      }
      for (let g = 0; g < count; g++) for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) meat[a * p + b]! += scores[g * p + a]! * scores[g * p + b]!;
      const adj = (count / (count - 1)) * ((n - 1) / dfRes);
      v = sandwich(bread, meat, p).map((m) => m * adj);
    }
  }
  const coefficients = coefficientTable(terms, beta, v, p, { t: dfRes }, confLevel);
  const k = terms[0] === "(Intercept)" ? p - 1 : p;
  const F = k > 0 ? ((tss - rss) / k) / sigma2 : Number.NaN;
  const out: OlsResult = {
    method: `Linear regression (OLS, ${type === "cluster" ? `cluster-robust HC1 by ${cluster}` : type === "HC1" ? "HC1 robust" : "classical"} standard errors)`,
    alternative: "two-sided",
    estimate: null,
    stdError: null,
    statistic: F,
    df: dfRes,
    pValue: k > 0 ? fCdf(F, k, dfRes, { lowerTail: false }) : null,
    ciLow: null,
    ciHigh: null,
    confLevel,
    n,
    nMissing: d.nMissing,
    coefficients,
    vcov: toRows(v, p),
    vcovType: type,
    clusters,
    rSquared: 1 - rss / tss,
    adjRSquared: 1 - (rss / dfRes) / (tss / (n - 1)),
    sigma: Math.sqrt(sigma2),
    residuals: resid,
    fitted,
    toTable: () => aq.from(coefficients),
  };
  Object.defineProperty(out, "toTable", { enumerable: false });
  return out;
}

export interface LogisticResult extends ModelResult {
  deviance: number;
  nullDeviance: number;
  aic: number;
  iterations: number;
  fitted: Float64Array;
}

/**
 * Logistic regression by iteratively reweighted least squares, as R's `glm(y ~ …, family =
 * binomial)` (same start, same convergence rule: relative deviance change < 1e-8, at most 25
 * iterations). Wald z tests and intervals, as `confint.default`. The outcome may be 0/1 or
 * boolean. Perfect separation is reported as a clear error instead of drifting estimates.
 */
export function logisticRegression(table: Table, { outcome, predictors, confLevel = 0.95, weights }: { outcome: string; predictors: readonly string[]; confLevel?: number; weights?: string }): LogisticResult {
  const d = designMatrix(table, predictors, { also: [outcome, ...(weights ? [weights] : [])], fn: "logisticRegression" });
  const { x, n, p, terms, rows } = d;
  if (n <= p) throw new KoeArgumentError(`logisticRegression: ${n} complete rows for ${p} coefficients`);
  const yAll = columnValues(table, outcome);
  const y = Float64Array.from(rows, (r) => {
    const v = yAll[r];
    const num = typeof v === "boolean" ? (v ? 1 : 0) : v;
    if (num !== 0 && num !== 1) throw new KoeArgumentError(`logisticRegression: outcome "${outcome}" must be 0/1 or true/false (row ${r + 1}: ${String(v)})`);
    return num;
  });
  const wAll = weights ? (columnValues(table, weights) as ArrayLike<number>) : null;
  const pw = wAll ? Float64Array.from(rows, (r) => wAll[r]!) : new Float64Array(n).fill(1);
  const mu = Float64Array.from(y, (v) => (v + 0.5) / 2);
  const eta = Float64Array.from(mu, (m) => Math.log(m / (1 - m)));
  const dev = () => {
    let s = 0;
    for (let i = 0; i < n; i++) s += -2 * pw[i]! * (y[i]! === 1 ? Math.log(mu[i]!) : Math.log(1 - mu[i]!));
    return s;
  };
  let devOld = dev();
  let beta: Float64Array = new Float64Array(p);
  let l: Float64Array = new Float64Array(0);
  let iterations = 0;
  let converged = false;
  for (iterations = 1; iterations <= 25; iterations++) {
    const xtwx = new Float64Array(p * p);
    const xtwz = new Float64Array(p);
    for (let i = 0; i < n; i++) {
      const m = mu[i]!;
      const wi = pw[i]! * m * (1 - m);
      const z = eta[i]! + (y[i]! - m) / (m * (1 - m));
      const o = i * p;
      for (let a = 0; a < p; a++) {
        const xa = x[o + a]! * wi;
        xtwz[a]! += xa * z;
        for (let b = 0; b <= a; b++) xtwx[a * p + b]! += xa * x[o + b]!;
      }
    }
    for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) xtwx[b * p + a] = xtwx[a * p + b]!;
    l = cholesky(xtwx, p, "logisticRegression: the weighted design matrix");
    beta = choleskySolve(l, p, xtwz);
    let extreme = 0;
    for (let i = 0; i < n; i++) {
      let e = 0;
      for (let a = 0; a < p; a++) e += x[i * p + a]! * beta[a]!;
      eta[i] = e;
      mu[i] = 1 / (1 + Math.exp(-e));
      if (Math.abs(e) > 30) extreme++;
    }
    const devNew = dev();
    if (extreme > 0 && iterations >= 8) {
      throw new KoeArgumentError(
        `logisticRegression: perfect (or quasi-complete) separation — the predictors (${predictors.join(", ")}) predict "${outcome}" exactly for ${extreme} of ${n} rows, so the estimates run to infinity; remove or merge the predictor that separates, or use a penalised model`,
      );
    }
    if (Math.abs(devNew - devOld) / (Math.abs(devNew) + 0.1) < 1e-8) {
      converged = true;
      devOld = devNew;
      break;
    }
    devOld = devNew;
  }
  if (!converged) throw new KoeArgumentError(`logisticRegression: IRLS did not converge in 25 iterations (deviance ${devOld.toFixed(6)}); check for separation or collinearity`);
  const v = choleskyInverse(l, p);
  const coefficients = coefficientTable(terms, beta, v, p, "normal", confLevel);
  let ybar = 0;
  let wsum = 0;
  for (let i = 0; i < n; i++) {
    ybar += pw[i]! * y[i]!;
    wsum += pw[i]!;
  }
  ybar /= wsum;
  let nullDev = 0;
  for (let i = 0; i < n; i++) nullDev += -2 * pw[i]! * (y[i]! === 1 ? Math.log(ybar) : Math.log(1 - ybar));
  const out: LogisticResult = {
    method: "Logistic regression (binomial GLM, IRLS)",
    alternative: "two-sided",
    estimate: null,
    stdError: null,
    statistic: nullDev - devOld,
    df: p - 1,
    pValue: null,
    ciLow: null,
    ciHigh: null,
    confLevel,
    n,
    nMissing: d.nMissing,
    coefficients,
    vcov: toRows(v, p),
    vcovType: "classical",
    clusters: null,
    deviance: devOld,
    nullDeviance: nullDev,
    aic: devOld + 2 * p,
    iterations,
    fitted: mu,
    toTable: () => aq.from(coefficients),
  };
  Object.defineProperty(out, "toTable", { enumerable: false });
  return out;
}
