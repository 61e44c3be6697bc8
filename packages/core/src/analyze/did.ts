// Difference-in-differences from one row per person (pre and post columns), with change-score
// and ANCOVA estimates beside it and, with clusters, the wild cluster bootstrap.
import * as aq from "arquero";
import { z } from "zod";
import { columnValues } from "./column-values.js";
import { designMatrix } from "./design-matrix.js";
import { clusterIds, factorModel, fitOls, type OlsResult } from "./regression.js";
import { requireDistinct, requireTable, resolveColumn } from "../boundary/columns.js";
import { parseOptions } from "../boundary/options.js";
import { binaryColumn, MISSING_BINARY, numericColumn } from "../boundary/roles.js";
import { localize, warningOf, type KoeWarning } from "../errors/catalogue.js";
import { effectMessages as m } from "../errors/effect-messages.js";
import { InsufficientDataError, KoeArgumentError, KoeError } from "../errors/errors.js";
import type { Table } from "../model/table.js";
import { tCdf, tQuantile } from "../stats/distributions.js";
import { choleskyInverse } from "../stats/linear-algebra.js";
import type { EstimateFields, TidyTable } from "../stats/result.js";
import { bootstrapFirstTerm, BootstrapOptions, type WildBootstrapResult } from "./wild-bootstrap.js";
import { clusterMessages as cm } from "../errors/cluster-messages.js";

/** How many entries of a numeric column are missing (NaN). */
const count = (a: ArrayLike<number>) => {
  let k = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== a[i]) k++;
  return k;
};

export const DidOptions = z.object({
  /** Outcome before (column of numbers). */
  pre: z.string(),
  /** Outcome after (column of numbers). */
  post: z.string(),
  /** The yes/no column of taking part (booleans, 0/1, はい/いいえ, the field's own words). */
  treatment: z.string(),
  /**
   * Cluster column (e.g. company): standard errors CR2 with Satterthwaite df (as clubSandwich),
   * and a wild cluster bootstrap. Without one, standard errors are clustered by person (CR1).
   */
  cluster: z.string().optional(),
  /**
   * Company fixed effects: dummies of the `cluster` column in the change-score and ANCOVA
   * regressions, so that treated and controls are compared within companies (as
   * `lm(... + factor(company))`). The long-panel DiD is unchanged by them (level effects cancel
   * in the change). Needs `cluster`. Default false.
   */
  fixedEffects: z.boolean().default(false),
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
  /** The long-panel interaction model y ~ treat × post: CR2 + Satterthwaite df by cluster, or CR1 by person (df N − K). */
  did: { estimate: number; stdError: number; statistic: number; pValue: number; ciLow: number; ciHigh: number; df: number };
  /** Wild cluster bootstrap (restricted p-value, interval by inverting the restricted test); null without clusters. */
  wildBootstrap: WildBootstrapResult | null;
  /** Whether the change-score and ANCOVA regressions have company fixed effects. */
  fixedEffects: boolean;
  /** Smallest effective number of clusters (G*) of the panel model's terms; null without clusters. */
  effectiveClusters: number | null;
  /** Warnings of the cluster-robust fits (few effective clusters), in both languages. */
  warnings: KoeWarning[];
  /** Change score (post − pre) on treatment (and covariates). */
  changeScore: OlsResult;
  /** ANCOVA: post on treatment and pre (and covariates). */
  ancova: OlsResult;
  /**
   * The baseline gap of participants over the others (adjusted for the covariates, with its error)
   * and ANCOVA's slope of post on pre: ANCOVA − change score = (1 − ancovaSlope) × estimate, exactly.
   */
  baselineGap: { estimate: number; stdError: number; pValue: number; ancovaSlope: number };
  /**
   * Set when the groups differ at baseline (the gap's p < 0.05): the change score and ANCOVA then
   * differ by construction, by (1 − slope) × gap, and bracket the effect (Lord's paradox); the note
   * says so with the numbers, in both languages.
   */
  note: KoeWarning | null;
  nTreated: number;
  nControl: number;
  clusters: number;
  toTable(): TidyTable;
}

/**
 * Difference-in-differences from wide data (one row per person, pre and post columns): the
 * estimate and its standard error equal R's on the long panel `lm(y ~ treat * post)`. With
 * `cluster` (e.g. 25 companies of unequal size) the error is CR2 with Satterthwaite df, as
 * `clubSandwich::coef_test(fit, vcov = "CR2", cluster = ~company, test = "Satterthwaite")`
 * (Bell & McCaffrey 2002; Pustejovsky & Tipton 2018), and a wild cluster bootstrap is added
 * (restricted p-value, interval by test inversion, all sign vectors enumerated when they are
 * fewer than the draws; see {@link wildClusterBootstrap}). Without `cluster`, errors are
 * clustered by person (`vcovCL(cluster = ~id, type = "HC1")`, t on N − K df). `fixedEffects`
 * adds company dummies to the change-score and ANCOVA regressions. Beside it the change-score and ANCOVA
 * estimates, the baseline gap, and a note when the groups differ at baseline: then ANCOVA − change
 * score = (1 − slope of post on pre) × gap by construction, and the two bracket the effect (ANCOVA
 * assumes the groups would have regressed to the same mean; the change score assumes parallel
 * trends: Lord 1967; Maris 1998). The treatment is read as yes/no
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
  if (o.fixedEffects && !o.cluster) throw KoeArgumentError.of(cm.fixedEffectsNeedCluster, { fn });
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
  let did = { estimate: est, stdError: se, statistic: est / se, pValue: 2 * tCdf(-Math.abs(est / se), dfRes), ciLow: est - q * se, ciHigh: est + q * se, df: dfRes };
  const ids = cl ? clusterIds(cl, rows) : null;
  const warnings: KoeWarning[] = [];
  let effectiveClusters: number | null = null;
  if (ids) {
    // With clusters: CR2 + Satterthwaite on the long panel (2n rows of [1, treat, post, treat·post]).
    const lx = new Float64Array(2 * n * K);
    const ly = new Float64Array(2 * n);
    const lid = new Int32Array(2 * n);
    rows.forEach((i, r) => {
      const d = tr[i]!;
      for (const time of [0, 1]) {
        const o = (2 * r + time) * K;
        lx.set([1, d, time, d * time], o);
        ly[2 * r + time] = time === 0 ? y0[i]! : y1[i]!;
        lid[2 * r + time] = ids.ids[r]!;
      }
    });
    const panel = fitOls({ fn, x: lx, y: ly, n: N, p: K, terms: ["(Intercept)", trc.column, "post", `${trc.column}:post`], type: "CR2", clusterIds: { ids: lid, count: ids.count }, clusterName: cluster!, confLevel, nMissing: 0 });
    const c = panel.coefficients[3]!;
    did = { estimate: c.estimate, stdError: c.stdError, statistic: c.statistic, pValue: c.pValue, ciLow: c.ciLow, ciHigh: c.ciHigh, df: c.df! };
    effectiveClusters = panel.effectiveClusters ?? null;
    warnings.push(...(panel.warnings ?? []));
  }
  // Change score and ANCOVA on the same people: [1, treat, (pre,) covariates…].
  const pc = dm.p;
  const covTerms = dm.terms.slice(1);
  // Company fixed effects: a dummy per cluster but the first met.
  const fe = o.fixedEffects && ids ? ids.count - 1 : 0;
  const feTerms: string[] = [];
  if (fe > 0) {
    const label = new Array<unknown>(ids!.count);
    rows.forEach((i, r) => (label[ids!.ids[r]!] ??= cl![i]));
    for (let g = 1; g < ids!.count; g++) feTerms.push(`${cluster}${String(label[g])}`);
  }
  const design = (withPre: boolean) => {
    const p = 2 + (withPre ? 1 : 0) + covTerms.length + fe;
    const x = new Float64Array(n * p);
    rows.forEach((i, r) => {
      let j = 0;
      x[r * p + j++] = 1;
      x[r * p + j++] = tr[i]!;
      if (withPre) x[r * p + j++] = y0[i]!;
      for (let k = 0; k < covTerms.length; k++) x[r * p + j++] = dm.x[r * pc + 1 + k]!;
      const g = fe > 0 ? ids!.ids[r]! : 0;
      if (g > 0) x[r * p + j + g - 1] = 1;
    });
    return { x, p, terms: ["(Intercept)", trc.column, ...(withPre ? [o.pre] : []), ...covTerms, ...feTerms] };
  };
  const errors = ids ? { type: "CR2" as const, clusterIds: ids, clusterName: cluster! } : { type: "HC1" as const };
  const change = Float64Array.from(rows, (i) => y1[i]! - y0[i]!);
  const after = Float64Array.from(rows, (i) => y1[i]!);
  const csDesign = design(false);
  const changeScore = fitOls({ fn, ...csDesign, y: change, n, ...errors, confLevel, nMissing: total - n });
  const ancova = fitOls({ fn, ...design(true), y: after, n, ...errors, confLevel, nMissing: total - n });
  const cs = changeScore.coefficients[1]!;
  const an = ancova.coefficients[1]!;
  // ANCOVA − change score = (1 − β̂_pre) × π̂ exactly, π̂ the (covariate-adjusted) baseline gap: the
  // pre score regressed on the change score's design (omitted-variable algebra of OLS). Built in,
  // so never compared with the standard errors as if the two were independent estimates.
  const baseline = fitOls({ fn, ...csDesign, y: Float64Array.from(rows, (i) => y0[i]!), n, ...errors, confLevel, nMissing: total - n }).coefficients[1]!;
  const slope = ancova.coefficients[2]!.estimate;
  const baselineGap = { estimate: baseline.estimate, stdError: baseline.stdError, pValue: baseline.pValue, ancovaSlope: slope };
  const note = baseline.pValue < 0.05
    ? warningOf(m.changeScoreVsAncova, { fn, changeScore: cs.estimate, ancova: an.estimate, slope, baselineGap: baseline.estimate })
    : null;
  let wildBootstrap: DidResult["wildBootstrap"] = null;
  if (ids && o.bootstrap !== false) {
    const b = o.bootstrap ?? BootstrapOptions.parse({});
    wildBootstrap = bootstrapFirstTerm(fn, { ...csDesign, y: change, n }, ids, cluster!, { ...b, confLevel });
  }
  const result: DidResult = {
    method: cluster
      ? `Difference-in-differences (long panel, cluster-robust CR2 by ${cluster}, Satterthwaite df${o.fixedEffects ? `; change score and ANCOVA with ${cluster} fixed effects` : ""})`
      : "Difference-in-differences (long panel, cluster-robust CR1 by person)",
    alternative: "two-sided",
    estimate: est,
    stdError: did.stdError,
    statistic: did.statistic,
    df: did.df,
    pValue: did.pValue,
    ciLow: did.ciLow,
    ciHigh: did.ciHigh,
    confLevel,
    n,
    nMissing: total - n,
    did,
    wildBootstrap,
    fixedEffects: o.fixedEffects,
    effectiveClusters,
    warnings,
    changeScore,
    ancova,
    baselineGap,
    note,
    nTreated,
    nControl: n - nTreated,
    clusters: G,
    toTable: () =>
      aq.from([
        { method: "difference-in-differences", estimate: est, stdError: did.stdError, ciLow: did.ciLow, ciHigh: did.ciHigh, pValue: did.pValue },
        ...(wildBootstrap ? [{ method: `wild cluster bootstrap (${wildBootstrap.weights}${wildBootstrap.enumerated ? ", all sign vectors" : ""})`, estimate: est, stdError: null, ciLow: wildBootstrap.ciLow, ciHigh: wildBootstrap.ciHigh, pValue: wildBootstrap.pValue }] : []),
        { method: "change score", estimate: cs.estimate, stdError: cs.stdError, ciLow: cs.ciLow, ciHigh: cs.ciHigh, pValue: cs.pValue },
        { method: "ANCOVA", estimate: an.estimate, stdError: an.stdError, ciLow: an.ciLow, ciHigh: an.ciHigh, pValue: an.pValue },
      ]),
  };
  Object.defineProperty(result, "toTable", { enumerable: false });
  return result;
}

