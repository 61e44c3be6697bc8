import * as aq from "arquero";
import { z } from "zod";
import { requireDistinct, requireTable, resolveColumn } from "../boundary/columns.js";
import { parseOptions } from "../boundary/options.js";
import { binaryColumn, MISSING_BINARY, numericColumn } from "../boundary/roles.js";
import { localize, warningOf, type KoeWarning } from "../errors/catalogue.js";
import { clusterMessages as cm } from "../errors/cluster-messages.js";
import { effectMessages as m } from "../errors/effect-messages.js";
import { InsufficientDataError, KoeArgumentError, KoeError } from "../errors/errors.js";
import type { Table } from "../model/table.js";
import { fCdf, normalCdf, normalQuantile, tCdf, tQuantile } from "../stats/distributions.js";
import { cholesky, choleskyInverse, choleskySolve, sandwich } from "../stats/linear-algebra.js";
import type { EstimateFields, TidyTable } from "../stats/result.js";
import { clusterRobustCR2 } from "./cluster-robust.js";
import { columnValues } from "./column-values.js";
import { designMatrix } from "./design-matrix.js";
import { columnCrossProducts, columnLinearPredictor, designColumns, type DesignColumns } from "./logistic-columns.js";

export interface Coefficient {
  term: string;
  estimate: number;
  stdError: number;
  statistic: number;
  pValue: number;
  ciLow: number;
  ciHigh: number;
  /** Degrees of freedom of the t test and interval of this term (Satterthwaite with CR2; null for a normal (z) test). Always set by ols/fitOls/logisticRegression; optional only for tables built elsewhere. */
  df?: number | null;
}

/**
 * Kinds of standard errors: "classical", "HC1" (heteroskedasticity-robust), "CR1" (cluster-robust,
 * `sandwich::vcovCL(type = "HC1")`), "CR2" (Bell–McCaffrey, `clubSandwich::vcovCR(type = "CR2")`).
 * "cluster" means "cluster-robust, koe's default", i.e. CR2 with Satterthwaite df, everywhere
 * ({@link ols}, {@link fitOls}, the studies); CR1 only by its name.
 */
export type VcovType = "classical" | "HC1" | "CR1" | "CR2" | "cluster";

/** Tests of cluster-robust estimates: t with Satterthwaite df per coefficient (CR2), or t on G − 1 df ("naive-t", as clubSandwich and Stata). */
export type ClusterTest = "Satterthwaite" | "naive-t";

export interface ModelResult extends EstimateFields {
  coefficients: Coefficient[];
  /** Variance–covariance matrix of the estimates (row-major, terms × terms), of the kind used. */
  vcov: number[][];
  vcovType: VcovType;
  /** Number of clusters when cluster-robust. */
  clusters: number | null;
  /** The test of cluster-robust estimates ("Satterthwaite" or "naive-t"); null otherwise. */
  test?: ClusterTest | null;
  /** Smallest effective number of clusters G* (ρ = 1, Carter, Schnepel & Steigerwald 2017) over the terms other than the intercept; null without clusters. */
  effectiveClusters?: number | null;
  /** Warnings (few effective clusters), in both languages. */
  warnings?: KoeWarning[];
  /** The coefficient table (term, estimate, stdError, statistic, pValue, ciLow, ciHigh). */
  toTable(): TidyTable;
}

/** Effective clusters G* below which a cluster-robust fit warns (MacKinnon & Webb 2017; Carter, Schnepel & Steigerwald 2017). */
export const FEW_EFFECTIVE_CLUSTERS = 20;
/** Satterthwaite df below which a CR2 fit warns (Imbens & Kolesár 2016; Pustejovsky & Tipton 2018 flag df < 4 as unreliable). */
export const FEW_DF = 10;

export interface OlsResult extends ModelResult {
  rSquared: number;
  adjRSquared: number;
  sigma: number;
  residuals: Float64Array;
  fitted: Float64Array;
}

/** The coefficient table: t on `dist.t` df (one number, or one per term), or normal. */
function coefficientTable(terms: string[], beta: Float64Array, v: Float64Array, p: number, dist: { t: number | ArrayLike<number> } | "normal", confLevel: number): Coefficient[] {
  return terms.map((term, j) => {
    const df = dist === "normal" ? null : typeof dist.t === "number" ? dist.t : dist.t[j]!;
    const q = df === null ? normalQuantile(1 - (1 - confLevel) / 2) : tQuantile(1 - (1 - confLevel) / 2, df);
    const se = Math.sqrt(v[j * p + j]!);
    const stat = beta[j]! / se;
    const pValue = df === null ? 2 * normalCdf(-Math.abs(stat)) : 2 * tCdf(-Math.abs(stat), df);
    return { term, estimate: beta[j]!, stdError: se, statistic: stat, pValue, ciLow: beta[j]! - q * se, ciHigh: beta[j]! + q * se, df };
  });
}

function toRows(v: Float64Array, p: number): number[][] {
  return Array.from({ length: p }, (_, i) => Array.from(v.subarray(i * p, i * p + p)));
}

/** Cluster ids (0 … count − 1) of the rows used, from the cluster column's values. */
export function clusterIds(values: ArrayLike<unknown>, rows: ArrayLike<number>): { ids: Int32Array; count: number } {
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

export const OlsOptions = z.object({
  /** The outcome column (numbers; numeric text and full-width digits are read as numbers). */
  outcome: z.string(),
  /** Predictor columns: numeric, yes/no (`nameTRUE`) or segments (dummies, natural order). */
  predictors: z.array(z.string()),
  /** Cluster column for cluster-robust errors (e.g. company). */
  cluster: z.string().optional(),
  /**
   * "classical" (default without `cluster`), "HC1", "CR2" (default with `cluster`: Bell–McCaffrey,
   * as clubSandwich and `estimatr::lm_robust`), "CR1" (`sandwich::vcovCL(type = "HC1")`, as
   * Stata's `vce(cluster)`, with t on G − 1 df); "cluster" means koe's cluster-robust default, CR2.
   */
  vcov: z.enum(["classical", "HC1", "CR1", "CR2", "cluster"]).optional(),
  /**
   * Test of cluster-robust estimates: "Satterthwaite" (default with CR2: t with Bell–McCaffrey/
   * Satterthwaite df per coefficient, as `clubSandwich::coef_test(test = "Satterthwaite")`) or
   * "naive-t" (t on G − 1 df; default with CR1, as Stata and clubSandwich's "naive-t").
   */
  test: z.enum(["Satterthwaite", "naive-t"]).optional(),
  /** Confidence level of the intervals (default 0.95). */
  confLevel: z.number().gt(0).lt(1).default(0.95),
  /** Column of case weights (zero or positive). */
  weights: z.string().optional(),
  /** Cell texts meaning "no answer" (default "", NA, N/A, 無回答). */
  missing: z.array(z.string()).optional(),
});
export type OlsOptions = z.input<typeof OlsOptions>;

export const LogisticOptions = OlsOptions.omit({ cluster: true, vcov: true, test: true });
export type LogisticOptions = z.input<typeof LogisticOptions>;

/**
 * The Cholesky factor of a model's cross-product matrix; when it is singular, a KoeError naming
 * the first term that is constant or a combination of the terms before it (an estimation failure
 * on this data, not a bad argument).
 */
export function factorModel(fn: string, a: Float64Array, p: number, terms: readonly string[]): Float64Array {
  try {
    return cholesky(a, p);
  } catch (e) {
    if (!(e instanceof KoeError)) throw e;
    for (let k = 1; k <= p; k++) {
      const sub = new Float64Array(k * k);
      for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) sub[i * k + j] = a[i * p + j]!;
      try {
        cholesky(sub, k);
      } catch {
        throw KoeError.of(m.singular, { fn, term: terms[k - 1] ?? String(k), terms: [...terms] });
      }
    }
    throw KoeError.of(m.singular, { fn, term: terms[p - 1] ?? String(p), terms: [...terms] });
  }
}

/** Weights read at the boundary: numbers, NaN = missing; a negative weight is an error naming its row. */
function weightColumn(fn: string, table: Table, name: string, missing: readonly string[] | undefined): Float64Array | Float32Array {
  const w = numericColumn(fn, table, name, { option: "weights", ...(missing ? { missing } : {}) });
  for (let i = 0; i < w.values.length; i++) if (w.values[i]! < 0) throw KoeArgumentError.of(m.negativeWeight, { fn, column: w.column, row: i + 1, value: w.values[i]! });
  return w.values;
}

/** The rows the outcome and weights leave out (missing), for the design matrix. */
function excluded(n: number, ...columns: (ArrayLike<number> | null)[]): Uint8Array {
  const out = new Uint8Array(n);
  for (const c of columns) if (c) for (let i = 0; i < n; i++) if (c[i] !== c[i]) out[i] = 1;
  return out;
}

/**
 * Ordinary least squares, as R's `lm(outcome ~ predictors)`, with classical, heteroskedasticity-
 * robust (HC1) or cluster-robust standard errors. With `cluster` the default is CR2 (Bell &
 * McCaffrey 2002) with Satterthwaite degrees of freedom per coefficient, as
 * `clubSandwich::coef_test(fit, vcov = "CR2", cluster = ~cluster, test = "Satterthwaite")` and
 * `estimatr::lm_robust(se_type = "CR2")` (weighted fits too): with 25 companies of very unequal
 * size, CR1 with t on N − K df rejects far too often (Cameron & Miller 2015; Imbens & Kolesár
 * 2016; Pustejovsky & Tipton 2018). `vcov: "CR1"` gives `sandwich::vcovCL(type = "HC1")`
 * (G/(G−1)·(N−1)/(N−K)) with t on G − 1 df (`test: "naive-t"`, as Stata). The result names the
 * method, the clusters and the smallest effective number of clusters G* (Carter, Schnepel &
 * Steigerwald 2017), with a warning when G* < 20 or a Satterthwaite df < 10. Without clusters,
 * tests and intervals use t with the residual df, as `lmtest::coeftest`. Columns are read at the input boundary: numeric text is a number, yes/no
 * columns (booleans, 0/1 text, はい/いいえ) are `nameTRUE`, segment columns are dummies with the
 * first level in natural order as reference (若手 and young alike); a typo in a column name is an
 * error with "did you mean"; text in the outcome is an error naming it. Options are strict.
 * @example
 * const t = aq.table({ y: [1, 3, 2, 5, 4, 6], x: [1, 2, 3, 4, 5, 6] });
 * ols(t, { outcome: "y", predictors: ["x"] }).coefficients[1].estimate // => 0.8857
 * ols(t, { outcome: "y", predictors: ["xx"] }) // throws: no column "xx"
 * const f = aq.table({ y: [1, 3, 2, 5, 4, 6, 5, 8], x: [1, 2, 3, 4, 5, 6, 7, 8], firm: ["a", "a", "b", "b", "c", "c", "d", "d"] });
 * ols(f, { outcome: "y", predictors: ["x"], cluster: "firm" }).vcovType // => "CR2"
 */
export function ols(table: Table, options: OlsOptions): OlsResult {
  const fn = "ols";
  requireTable(fn, table);
  const o = parseOptions(fn, OlsOptions, options);
  const { confLevel } = o;
  const type: VcovType = o.vcov === "cluster" ? "CR2" : (o.vcov ?? (o.cluster ? "CR2" : "classical"));
  if ((type === "CR1" || type === "CR2") && !o.cluster) throw KoeArgumentError.of(cm.needsCluster, { fn, vcov: o.vcov! });
  if (o.test && type !== "CR1" && type !== "CR2") throw KoeArgumentError.of(cm.testNeedsCluster, { fn, test: o.test, vcov: type });
  if (o.test === "Satterthwaite" && type === "CR1") throw KoeArgumentError.of(cm.satterthwaiteNeedsCR2, { fn });
  const t = table.isFiltered() || table.isOrdered() ? table.reify() : table;
  const missing = o.missing ? { missing: o.missing } : {};
  const yCol = numericColumn(fn, t, o.outcome, { option: "outcome", ...missing });
  const cluster = o.cluster ? resolveColumn(fn, t, o.cluster, "cluster") : null;
  const weights = o.weights ? weightColumn(fn, t, o.weights, o.missing) : null;
  requireDistinct(fn, { outcome: yCol.column, ...Object.fromEntries(o.predictors.map((c, j) => [`predictors[${j}]`, resolveColumn(fn, t, c, "predictors")])) });
  const d = designMatrix(t, o.predictors, { also: cluster ? [cluster] : [], fn, exclude: excluded(t.numRows(), yCol.values, weights), ...missing });
  const { rows } = d;
  const y = Float64Array.from(rows, (r) => yCol.values[r]!);
  const w = weights ? Float64Array.from(rows, (r) => weights[r]!) : null;
  const ids = cluster ? clusterIds(columnValues(t, cluster, fn), rows) : null;
  return fitOls({ fn, x: d.x, y, n: d.n, p: d.p, terms: d.terms, weights: w, type, ...(o.test ? { test: o.test } : {}), clusterIds: ids, clusterName: cluster, confLevel, nMissing: d.nMissing });
}

/** A complete design (row-major n × p) and its outcome, as both fitters take them. */
interface DesignFit {
  fn: string;
  x: Float64Array;
  y: Float64Array;
  n: number;
  p: number;
  terms: readonly string[];
  weights?: Float64Array | null;
  confLevel: number;
  nMissing: number;
}

/** What {@link fitOls} needs: the design, the outcome, and how to compute the errors. */
export interface OlsFit extends DesignFit {
  /** Kind of errors; "cluster" here means koe's cluster-robust default, CR2. */
  type: VcovType;
  /** Test of cluster-robust estimates (default: "Satterthwaite" with CR2, "naive-t" with CR1). */
  test?: ClusterTest;
  clusterIds?: { ids: Int32Array; count: number } | null;
  clusterName?: string | null;
}

/**
 * The computation behind {@link ols} on a design already checked at the boundary (arquero's
 * `filter` → `_filter`): estimators that build their own design (g-computation, weighting) call
 * it directly. `type: "cluster"` (or "CR2") with `clusterIds` gives CR2 + Satterthwaite, the
 * default of koe with clusters; "CR1" the old `vcovCL(type = "HC1")` with t on G − 1 df.
 * Collinear terms and too few rows or clusters are KoeErrors naming them.
 */
export function fitOls({ fn, x, y, n, p, terms: termList, weights: w = null, type: asked, test: askedTest, clusterIds: cl = null, clusterName = null, confLevel, nMissing }: OlsFit): OlsResult {
  const type: VcovType = asked === "cluster" ? "CR2" : asked;
  const terms = [...termList];
  if (n <= p) throw new InsufficientDataError(fn, p + 1, n, null, localize(m.tooFewRows, { fn, n, p }));
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
  const l = factorModel(fn, xtx, p, terms);
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
  let dist: { t: number | ArrayLike<number> } = { t: dfRes };
  let test: ClusterTest | null = null;
  let effectiveClusters: number | null = null;
  const warnings: KoeWarning[] = [];
  if (type === "CR2") {
    const { ids, count } = cl!;
    if (count < 2) throw KoeError.of(m.tooFewClusters, { fn, column: clusterName ?? "cluster", found: count });
    clusters = count;
    const r = clusterRobustCR2(x, n, p, resid, w, ids, count, bread);
    v = r.vcov;
    test = askedTest ?? "Satterthwaite";
    dist = { t: test === "Satterthwaite" ? r.df : count - 1 };
    // The smallest G* and df over the terms other than the intercept, and the warning.
    const slopes = terms.flatMap((term, j) => (term === "(Intercept)" ? [] : [j]));
    if (slopes.length > 0) {
      const worst = slopes.reduce((a, j) => (r.effectiveClusters[j]! < r.effectiveClusters[a]! ? j : a));
      const minDf = slopes.reduce((a, j) => (r.df[j]! < r.df[a]! ? j : a));
      effectiveClusters = r.effectiveClusters[worst]!;
      if (effectiveClusters < FEW_EFFECTIVE_CLUSTERS || r.df[minDf]! < FEW_DF) {
        const j = effectiveClusters < FEW_EFFECTIVE_CLUSTERS ? worst : minDf;
        warnings.push(warningOf(cm.fewEffectiveClusters, { fn, column: clusterName ?? "cluster", clusters: count, term: terms[j]!, effective: r.effectiveClusters[j]!, df: r.df[j]! }));
      }
    }
  } else if (type === "classical") {
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
      const { ids, count } = cl!;
      if (count < 2) throw KoeError.of(m.tooFewClusters, { fn, column: clusterName ?? "cluster", found: count });
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
      test = askedTest ?? "naive-t";
      dist = { t: count - 1 };
    }
  }
  const coefficients = coefficientTable(terms, beta, v, p, dist, confLevel);
  const k = terms[0] === "(Intercept)" ? p - 1 : p;
  const F = k > 0 ? ((tss - rss) / k) / sigma2 : Number.NaN;
  const out: OlsResult = {
    method: `Linear regression (OLS, ${
      type === "CR2" ? `cluster-robust CR2 by ${clusterName}, ${test === "Satterthwaite" ? "Satterthwaite df" : `t on ${clusters! - 1} df`}` : type === "CR1" ? `cluster-robust CR1 by ${clusterName}, t on ${clusters! - 1} df` : type === "HC1" ? "HC1 robust" : "classical"
    } standard errors)`,
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
    nMissing,
    coefficients,
    vcov: toRows(v, p),
    vcovType: type,
    clusters,
    test,
    effectiveClusters,
    warnings,
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
 * iterations). Wald z tests and intervals, as `confint.default`. The outcome is a yes/no column
 * (booleans, 0/1, はい/いいえ, the field's own words); any other value is an error naming it.
 * Predictors as in {@link ols}. Perfect separation is reported as a clear error (a KoeError, not
 * an argument error: the data cannot give finite estimates) instead of drifting estimates.
 * @example
 * const t = aq.table({ y: ["はい", "いいえ", "はい", "はい", "いいえ", "いいえ", "はい", "いいえ"], x: [1, 2, 3, 4, 5, 6, 7, 8] });
 * logisticRegression(t, { outcome: "y", predictors: ["x"] }).coefficients[1].estimate // => -0.3057
 */
export function logisticRegression(table: Table, options: LogisticOptions): LogisticResult {
  const fn = "logisticRegression";
  requireTable(fn, table);
  const o = parseOptions(fn, LogisticOptions, options);
  const { confLevel } = o;
  const t = table.isFiltered() || table.isOrdered() ? table.reify() : table;
  const missing = o.missing ? { missing: o.missing } : {};
  const yCol = binaryColumn(fn, t, o.outcome, { option: "outcome", ...missing });
  const weights = o.weights ? weightColumn(fn, t, o.weights, o.missing) : null;
  requireDistinct(fn, { outcome: yCol.column, ...Object.fromEntries(o.predictors.map((c, j) => [`predictors[${j}]`, resolveColumn(fn, t, c, "predictors")])) });
  const exclude = excluded(t.numRows(), weights);
  for (let i = 0; i < exclude.length; i++) if (yCol.values[i] === MISSING_BINARY) exclude[i] = 1;
  const d = designMatrix(t, o.predictors, { fn, exclude, ...missing });
  const y = Float64Array.from(d.rows, (r) => yCol.values[r]!);
  const pw = weights ? Float64Array.from(d.rows, (r) => weights[r]!) : null;
  return fitLogistic({ fn, x: d.x, y, n: d.n, p: d.p, terms: d.terms, weights: pw, confLevel, nMissing: d.nMissing, outcome: yCol.column, predictors: d.columns.map((c) => c.column) });
}

/** One IRLS step's X'WX and X'Wz (lower triangle), accumulated row by row over each row's nonzero cells. */
function irlsCrossProducts(x: Float64Array, p: number, n: number, start: Int32Array, col: Int32Array, y: Float64Array, pw: Float64Array, mu: Float64Array, eta: Float64Array, xtwx: Float64Array, xtwz: Float64Array): void {
  const cells = new Int32Array(p); // a row's nonzero columns
  const values = new Float64Array(p); // and their values
  xtwx.fill(0);
  xtwz.fill(0);
  for (let i = 0; i < n; i++) {
    const m = mu[i]!;
    const wi = pw[i]! * m * (1 - m);
    const z = eta[i]! + (y[i]! - m) / (m * (1 - m));
    const o = i * p;
    if (wi > 0 && wi < Infinity && z - z === 0) {
      let q = 0;
      for (let k = start[i]!, end = start[i + 1]!; k < end; k++, q++) {
        cells[q] = col[k]!;
        values[q] = x[o + col[k]!]!;
      }
      for (let u = 0; u < q; u++) {
        const a = cells[u]!;
        const xa = values[u]! * wi;
        xtwz[a]! += xa * z;
        const row = a * p;
        for (let h = 0; h <= u; h++) xtwx[row + cells[h]!]! += xa * values[h]!;
      }
    } else {
      for (let a = 0; a < p; a++) {
        const xa = x[o + a]! * wi;
        xtwz[a]! += xa * z;
        for (let b = 0; b <= a; b++) xtwx[a * p + b]! += xa * x[o + b]!;
      }
    }
  }
}

/**
 * The nonzero cells of each row (dummies are mostly 0), their columns at `col[start[i] … start[i + 1])`:
 * a zero cell adds an exact ±0 to every sum it enters, so leaving it out gives the same sums bit
 * for bit (a sum never holds −0), while the work per row falls from p² / 2 to (its nonzeros)² / 2.
 */
function nonzeroCells(x: Float64Array, n: number, p: number): { start: Int32Array; col: Int32Array } {
  const start = new Int32Array(n + 1);
  let nonzero = 0;
  for (let i = 0; i < n * p; i++) if (x[i] !== 0) nonzero++;
  const col = new Int32Array(nonzero);
  for (let i = 0, k = 0; i < n; i++) {
    const o = i * p;
    for (let a = 0; a < p; a++) if (x[o + a] !== 0) col[k++] = a;
    start[i + 1] = k;
  }
  return { start, col };
}

/**
 * Each row's IRLS weight wᵢ = πᵢ·μᵢ(1 − μᵢ) (πᵢ = 1 without `pw`) and working response zᵢ = ηᵢ + (yᵢ − μᵢ)/(μᵢ(1 − μᵢ)),
 * as the row-wise loop computes them; false when a weight is not positive and finite or a
 * response not finite (that loop then takes every cell of the row).
 */
function irlsWeights(n: number, y: Float64Array, pw: Float64Array | null, mu: Float64Array, eta: Float64Array, w: Float64Array, z: Float64Array): boolean {
  let regular = true;
  for (let i = 0; i < n; i++) {
    const m = mu[i]!;
    const wi = (pw ? pw[i]! : 1) * m * (1 - m);
    const zi = eta[i]! + (y[i]! - m) / (m * (1 - m));
    w[i] = wi;
    z[i] = zi;
    if (!(wi > 0 && wi < Infinity && zi - zi === 0)) regular = false;
  }
  return regular;
}

/** The fitted probabilities from the linear predictor, the deviance (prior weights πᵢ, 1 without `pw`), and the count of extreme predictors (|η| > 30). */
function irlsFitted(n: number, y: Float64Array, pw: Float64Array | null, mu: Float64Array, eta: Float64Array): { extreme: number; deviance: number } {
  let extreme = 0;
  let deviance = 0;
  for (let i = 0; i < n; i++) {
    const e = eta[i]!;
    const mi = 1 / (1 + Math.exp(-e));
    mu[i] = mi;
    if (Math.abs(e) > 30) extreme++;
    deviance += -2 * (pw ? pw[i]! : 1) * (y[i]! === 1 ? Math.log(mi) : Math.log(1 - mi));
  }
  return { extreme, deviance };
}

/** The linear predictor over every cell of each row (β not finite: NaN and ±∞ spread as they do). */
function denseLinearPredictor(x: Float64Array, p: number, n: number, beta: Float64Array, eta: Float64Array): void {
  for (let i = 0; i < n; i++) {
    let e = 0;
    const o = i * p;
    for (let a = 0; a < p; a++) e += x[o + a]! * beta[a]!;
    eta[i] = e;
  }
}

/** What {@link fitLogistic} needs: a complete design, the 0/1 outcome, and the names for messages. */
export interface LogisticFit extends DesignFit {
  outcome: string;
  predictors: readonly string[];
  /** The design by columns, when the caller holds it (then `x` is read only if a step needs the row-wise loop, so it may be a getter that builds it). */
  columns?: DesignColumns;
}

/** The computation behind {@link logisticRegression} on a design already checked at the boundary. */
export function fitLogistic(fit: LogisticFit): LogisticResult {
  const { fn, y, n, p, terms: termList, weights = null, confLevel, nMissing, outcome, predictors } = fit;
  const terms = [...termList];
  if (n <= p) throw new InsufficientDataError(fn, p + 1, n, null, localize(m.tooFewRows, { fn, n, p }));
  // Prior weights πᵢ: 1 without weights (a product with 1 is the same number, so the passes skip them).
  let ones: Float64Array | null = null;
  const pwAll = () => weights ?? (ones ??= new Float64Array(n).fill(1));
  const mu = new Float64Array(n);
  const eta = new Float64Array(n);
  let devOld = 0;
  // R's start μ = (y + 1/2)/2: for y = 0 and y = 1 its logit and log terms once, not per row.
  const start = (yi: number) => {
    const m0 = (yi + 0.5) / 2;
    return { m0, eta: Math.log(m0 / (1 - m0)), log: yi === 1 ? Math.log(m0) : Math.log(1 - m0) };
  };
  const [start0, start1] = [start(0), start(1)];
  for (let i = 0; i < n; i++) {
    const yi = y[i]!;
    const s0 = yi === 1 ? start1 : yi === 0 ? start0 : start(yi);
    mu[i] = s0.m0;
    eta[i] = s0.eta;
    devOld += -2 * (weights ? weights[i]! : 1) * s0.log;
  }
  let beta: Float64Array = new Float64Array(p);
  let l: Float64Array = new Float64Array(0);
  let iterations = 0;
  let converged = false;
  // Each step's sums column by column (logistic-columns.ts): the same sums, bit for bit, as the
  // row-wise loop over each row's nonzero cells, which still decides when a row's weight or
  // working response is not a positive finite number, a sum is not finite, or β is not finite.
  const columns = fit.columns ?? designColumns(fit.x, n, p);
  let cells: { start: Int32Array; col: Int32Array } | null = null;
  const nonzero = () => (cells ??= nonzeroCells(fit.x, n, p));
  const w = new Float64Array(n);
  const z = new Float64Array(n);
  const xtwx = new Float64Array(p * p);
  const xtwz = new Float64Array(p);
  for (iterations = 1; iterations <= 25; iterations++) {
    const regular = irlsWeights(n, y, weights, mu, eta, w, z);
    if (!regular || !columnCrossProducts(columns, w, z, xtwx, xtwz)) {
      const { start: rowStart, col } = nonzero();
      irlsCrossProducts(fit.x, p, n, rowStart, col, y, pwAll(), mu, eta, xtwx, xtwz);
    }
    for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) xtwx[b * p + a] = xtwx[a * p + b]!;
    l = factorModel(fn, xtwx, p, terms);
    beta = choleskySolve(l, p, xtwz);
    let finite = true;
    for (let a = 0; a < p; a++) if (!(beta[a]! - beta[a]! === 0)) finite = false;
    if (finite) columnLinearPredictor(columns, beta, eta);
    else denseLinearPredictor(fit.x, p, n, beta, eta);
    const { extreme, deviance: devNew } = irlsFitted(n, y, weights, mu, eta);
    if (extreme > 0 && iterations >= 8) {
      throw KoeError.of(m.separation, { fn, outcome, predictors: [...predictors], rows: extreme, n });
    }
    if (Math.abs(devNew - devOld) / (Math.abs(devNew) + 0.1) < 1e-8) {
      converged = true;
      devOld = devNew;
      break;
    }
    devOld = devNew;
  }
  if (!converged) {
    // Not converged with fitted probabilities within 1e-8 of 0 or 1: the estimates are running to
    // infinity (separation), which R reports only as warnings.
    const eps = 1e-8;
    let extreme = 0;
    for (let i = 0; i < n; i++) if (mu[i]! < eps || mu[i]! > 1 - eps) extreme++;
    if (extreme > 0) throw KoeError.of(m.separation, { fn, outcome, predictors: [...predictors], rows: extreme, n });
    throw KoeError.of(m.notConverged, { fn, iterations: 25, deviance: devOld });
  }
  const v = choleskyInverse(l, p);
  const coefficients = coefficientTable(terms, beta, v, p, "normal", confLevel);
  let ybar = 0;
  let wsum = 0;
  for (let i = 0; i < n; i++) {
    const wi = weights ? weights[i]! : 1;
    ybar += wi * y[i]!;
    wsum += wi;
  }
  ybar /= wsum;
  let nullDev = 0;
  const [log1, log0] = [Math.log(ybar), Math.log(1 - ybar)];
  for (let i = 0; i < n; i++) nullDev += -2 * (weights ? weights[i]! : 1) * (y[i]! === 1 ? log1 : log0);
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
    nMissing,
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
