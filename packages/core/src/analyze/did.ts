import * as aq from "arquero";
import { z } from "zod";
import { columnValues } from "../../analyze/column-values.js";
import { designMatrix } from "../../analyze/design-matrix.js";
import { clusterIds, factorModel, fitOls, type OlsResult } from "../../analyze/regression.js";
import { requireDistinct, requireTable, resolveColumn } from "../../boundary/columns.js";
import { parseOptions } from "../../boundary/options.js";
import { binaryColumn, MISSING_BINARY, numericColumn } from "../../boundary/roles.js";
import { localize, warningOf, type KoeWarning } from "../../errors/catalogue.js";
import { effectMessages as m } from "../../errors/effect-messages.js";
import { InsufficientDataError, KoeError } from "../../errors/errors.js";
import type { Table } from "../../model/table.js";
import { tCdf, tQuantile } from "../../stats/distributions.js";
import { choleskyInverse } from "../../stats/linear-algebra.js";
import { createRandom } from "../../stats/random.js";
import type { EstimateFields, TidyTable } from "../../stats/result.js";

/** How many entries of a numeric column are missing (NaN). */
const count = (a: ArrayLike<number>) => {
  let k = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== a[i]) k++;
  return k;
};

const BootstrapOptions = z.object({
  /** Bootstrap draws (default 999). */
  draws: z.number().int().min(19).default(999),
  /** "webb" (default: six-point, better with few clusters) or "rademacher". */
  weights: z.enum(["rademacher", "webb"]).default("webb"),
  /** Seed of the draws (default 1). */
  seed: z.union([z.number(), z.string()]).default(1),
});

export const DidOptions = z.object({
  /** Outcome before (column of numbers). */
  pre: z.string(),
  /** Outcome after (column of numbers). */
  post: z.string(),
  /** The yes/no column of taking part (booleans, 0/1, はい/いいえ, the field's own words). */
  treatment: z.string(),
  /** Cluster column (e.g. company); without one, standard errors are clustered by person. */
  cluster: z.string().optional(),
  /** Time-invariant covariates for the change-score and ANCOVA estimates (a list). */
  covariates: z.array(z.string()).default([]),
  /** Confidence level (default 0.95). */
  confLevel: z.number().gt(0).lt(1).default(0.95),
  /** Wild cluster bootstrap when `cluster` is given (few clusters): `{ draws, weights, seed }`, or false for none. */
  bootstrap: z.union([z.literal(false), BootstrapOptions]).optional(),
  /** Cell texts meaning "no answer" (default "", NA, N/A, 無回答). */
  missing: z.array(z.string()).optional(),
});
export type DidOptions = z.input<typeof DidOptions>;

export interface DidResult extends EstimateFields {
  /** The long-panel interaction model y ~ treat × post, with vcovCL(HC1) by person or cluster. */
  did: { estimate: number; stdError: number; statistic: number; pValue: number; ciLow: number; ciHigh: number; df: number };
  /** Wild cluster bootstrap (restricted p-value, unrestricted bootstrap-t interval); null without clusters. */
  wildBootstrap: { pValue: number; ciLow: number; ciHigh: number; draws: number; weights: "rademacher" | "webb"; clusters: number } | null;
  /** Change score (post − pre) on treatment (and covariates). */
  changeScore: OlsResult;
  /** ANCOVA: post on treatment and pre (and covariates). */
  ancova: OlsResult;
  /** Set when the change-score and ANCOVA estimates disagree beyond their standard errors (a warning in both languages). */
  note: KoeWarning | null;
  nTreated: number;
  nControl: number;
  clusters: number;
  toTable(): TidyTable;
}

/**
 * Difference-in-differences from wide data (one row per person, pre and post columns): the
 * estimate and its cluster-robust standard error equal R's on the long panel —
 * `lm(y ~ treat * post)` with `sandwich::vcovCL(cluster = ~id or ~company, type = "HC1")`, whose
 * small-sample factor is G/(G−1)·(N−1)/(N−K) with N the panel's rows. With `cluster` (e.g. 25
 * companies, few clusters) also a seeded wild cluster bootstrap (Rademacher or Webb weights):
 * restricted p-value, unrestricted bootstrap-t interval. Beside it the change-score and ANCOVA
 * estimates, and a note when they disagree (ANCOVA assumes the groups would have regressed to the
 * same mean; the change score assumes parallel trends). The treatment is read as yes/no
 * (はい/いいえ, 0/1 and booleans alike; a value such as 2 is an error naming it, as in
 * estimateEffect), pre and post as numbers; options are strict.
 * @example
 * const t = aq.table({ pre: [3, 2, 4, 3, 2, 3], post: [4, 3, 5, 3, 2, 3], 越境: ["はい", "はい", "はい", "いいえ", "いいえ", "いいえ"] });
 * differenceInDifferences(t, { pre: "pre", post: "post", treatment: "越境" }).estimate // => 1
 * differenceInDifferences(t, { pre: "pre", post: "post", treatment: "越境", covariate: [] }) // throws: did you mean "covariates"?
 */
export function differenceInDifferences(table: Table, options: DidOptions): DidResult {
  const fn = "differenceInDifferences";
  requireTable(fn, table);
  const raw = options as { bootstrap?: unknown } | undefined;
  // Keys inside `bootstrap` are checked with "did you mean" too.
  if (raw && typeof raw === "object" && raw.bootstrap !== null && typeof raw.bootstrap === "object") parseOptions(fn, z.object({ bootstrap: BootstrapOptions }), { bootstrap: raw.bootstrap });
  const o = parseOptions(fn, DidOptions, options);
  const { confLevel } = o;
  const t = table.isFiltered() || table.isOrdered() ? table.reify() : table;
  const missing = o.missing ? { missing: o.missing } : {};
  const y0 = numericColumn(fn, t, o.pre, { option: "pre", ...missing }).values;
  const y1 = numericColumn(fn, t, o.post, { option: "post", ...missing }).values;
  const trc = binaryColumn(fn, t, o.treatment, { option: "treatment", ...missing });
  const tr = trc.values;
  const cluster = o.cluster ? resolveColumn(fn, t, o.cluster, "cluster") : null;
  requireDistinct(fn, {
    pre: resolveColumn(fn, t, o.pre, "pre"), post: resolveColumn(fn, t, o.post, "post"), treatment: trc.column, cluster,
    ...Object.fromEntries(o.covariates.map((c, j) => [`covariates[${j}]`, resolveColumn(fn, t, c, "covariates")])),
  });
  const exclude = new Uint8Array(t.numRows());
  for (let i = 0; i < exclude.length; i++) if (tr[i] === MISSING_BINARY || y0[i] !== y0[i] || y1[i] !== y1[i]) exclude[i] = 1;
  // The people with both measurements, the treatment, the cluster and every covariate.
  const dm = designMatrix(t, o.covariates, { fn, option: "covariates", exclude, also: cluster ? [cluster] : [], ...missing });
  const rows = Array.from(dm.rows);
  const cl = cluster ? columnValues(t, cluster, fn) : null;
  const total = t.numRows();
  const n = rows.length;
  const nTreated = rows.reduce((s, i) => s + tr[i]!, 0);
  if (nTreated < 2 || n - nTreated < 2) {
    const left = [{ column: o.pre, rows: count(y0) }, { column: o.post, rows: count(y1) }, ...dm.missingBy].filter((x) => x.rows > 0);
    throw new InsufficientDataError(fn, 2, Math.min(nTreated, n - nTreated), trc.column, localize(m.tooFewGroups, { fn, column: trc.column, treated: trc.nTrue, control: trc.nFalse, missing: trc.nMissing, needed: 2, left }));
  }
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
    const d = tr[i]!;
    for (const time of [0, 1]) {
      fill(d, time);
      const y = time === 0 ? y0[i]! : y1[i]!;
      for (let a = 0; a < K; a++) {
        xty[a]! += x[a]! * y;
        for (let b = 0; b < K; b++) xtx[a * K + b]! += x[a]! * x[b]!;
      }
    }
  }
  const bread = choleskyInverse(factorModel(fn, xtx, K, ["(Intercept)", trc.column, "post", `${trc.column}:post`]), K);
  const beta = new Float64Array(K);
  for (let a = 0; a < K; a++) for (let b = 0; b < K; b++) beta[a]! += bread[a * K + b]! * xty[b]!;
  // Cluster scores: by cluster column, else by person.
  const panelIds = new Map<unknown, number>();
  const clusterOf = (i: number) => {
    const key = cl ? cl[i] : i;
    let g = panelIds.get(key);
    if (g === undefined) panelIds.set(key, (g = panelIds.size));
    return g;
  };
  const scores: number[][] = [];
  for (const i of rows) {
    const g = clusterOf(i);
    if (!scores[g]) scores[g] = [0, 0, 0, 0];
    const d = tr[i]!;
    for (const time of [0, 1]) {
      fill(d, time);
      const y = time === 0 ? y0[i]! : y1[i]!;
      let e = y;
      for (let a = 0; a < K; a++) e -= x[a]! * beta[a]!;
      for (let a = 0; a < K; a++) scores[g]![a]! += x[a]! * e;
    }
  }
  const G = panelIds.size;
  if (G < 2) throw KoeError.of(m.tooFewClusters, { fn, column: cluster ?? "person", found: G });
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
  // Change score and ANCOVA on the same people: [1, treat, (pre,) covariates…].
  const pc = dm.p;
  const covTerms = dm.terms.slice(1);
  const design = (withPre: boolean) => {
    const p = 2 + (withPre ? 1 : 0) + covTerms.length;
    const x = new Float64Array(n * p);
    rows.forEach((i, r) => {
      let j = 0;
      x[r * p + j++] = 1;
      x[r * p + j++] = tr[i]!;
      if (withPre) x[r * p + j++] = y0[i]!;
      for (let k = 0; k < covTerms.length; k++) x[r * p + j++] = dm.x[r * pc + 1 + k]!;
    });
    return { x, p, terms: ["(Intercept)", trc.column, ...(withPre ? [o.pre] : []), ...covTerms] };
  };
  const ids = cl ? clusterIds(cl, rows) : null;
  const errors = ids ? { type: "cluster" as const, clusterIds: ids, clusterName: cluster! } : { type: "HC1" as const };
  const change = Float64Array.from(rows, (i) => y1[i]! - y0[i]!);
  const after = Float64Array.from(rows, (i) => y1[i]!);
  const csDesign = design(false);
  const changeScore = fitOls({ fn, ...csDesign, y: change, n, ...errors, confLevel, nMissing: total - n });
  const ancova = fitOls({ fn, ...design(true), y: after, n, ...errors, confLevel, nMissing: total - n });
  const cs = changeScore.coefficients[1]!;
  const an = ancova.coefficients[1]!;
  const gap = Math.abs(cs.estimate - an.estimate);
  const note = gap > Math.sqrt(cs.stdError ** 2 + an.stdError ** 2) ? warningOf(m.changeScoreVsAncova, { fn, changeScore: cs.estimate, ancova: an.estimate }) : null;
  let wildBootstrap: DidResult["wildBootstrap"] = null;
  if (ids && o.bootstrap !== false) {
    const b = o.bootstrap ?? BootstrapOptions.parse({});
    wildBootstrap = bootstrapFirstTerm(fn, { ...csDesign, y: change, n }, ids, cluster!, { ...b, confLevel });
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
function bootstrapFirstTerm(
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
