// The effect of taking part on an outcome by five methods (naive, regression, matching, weighting,
// doubly robust) with one result shape: a general tool any study can use.
import * as aq from "arquero";
import { z } from "zod";
import { codeColumn, designMatrix } from "./design-matrix.js";
import { clusterIds, fitLogistic, fitOls, type OlsResult } from "./regression.js";
import { columnValues } from "./column-values.js";
import { requireDistinct, requireTable, resolveColumn } from "../boundary/columns.js";
import { parseOptions } from "../boundary/options.js";
import { binaryColumn, MISSING_BINARY, numericColumn } from "../boundary/roles.js";
import { localize, warningOf, type KoeWarning } from "../errors/catalogue.js";
import { effectMessages as m } from "../errors/effect-messages.js";
import { InsufficientDataError, KoeArgumentError, KoeError } from "../errors/errors.js";
import type { Table } from "../model/table.js";
import type { EstimateFields, TidyTable } from "../stats/result.js";
import { BALANCE_THRESHOLD, balanceOf, type BalanceResult } from "./balance.js";
import { matchNearestSets, type MatchedSet } from "./matching.js";

/** The design x (row-major n × p) with a factor's dummies appended (every code but the first). */
function withFactor(x: Float64Array, n: number, p: number, terms: readonly string[], name: string, f: { ids: Int32Array; count: number }, values: (i: number) => unknown) {
  const level: unknown[] = [];
  for (let i = 0; i < n; i++) if (level[f.ids[i]!] === undefined) level[f.ids[i]!] = values(i);
  const q = p + f.count - 1;
  const out = new Float64Array(n * q);
  for (let i = 0; i < n; i++) {
    out.set(x.subarray(i * p, i * p + p), i * q);
    const g = f.ids[i]!;
    if (g > 0) out[i * q + p + g - 1] = 1;
  }
  return { x: out, p: q, terms: [...terms, ...Array.from({ length: f.count - 1 }, (_, g) => `${name}${String(level[g + 1])}`)] };
}

/** The rows that lack the treatment or the outcome (1). */
function unusable(treatment: Uint8Array, outcome: Float64Array | Float32Array): Uint8Array {
  const out = new Uint8Array(treatment.length);
  for (let i = 0; i < treatment.length; i++) if (treatment[i] === MISSING_BINARY || outcome[i] !== outcome[i]) out[i] = 1;
  return out;
}

/** The treatment (0/1) and the outcome of the rows used, and how many were treated. */
function treatmentAndOutcome(rows: Int32Array, treatment: Uint8Array, outcome: Float64Array | Float32Array): { d: Float64Array; yy: Float64Array; nTreated: number } {
  const n = rows.length;
  const d = new Float64Array(n);
  const yy = new Float64Array(n);
  let nTreated = 0;
  for (let i = 0; i < n; i++) {
    d[i] = treatment[rows[i]!]!;
    yy[i] = outcome[rows[i]!]!;
    nTreated += d[i]!;
  }
  return { d, yy, nTreated };
}

/**
 * MatchIt's weights of the rows used: 1 for a matched participant, 1/kᵢ for each of its kᵢ
 * controls, the controls' weights then scaled to sum to their number; each row's matched set
 * (−1 = none), and the matched rows set by set (the participant, then its controls).
 */
function matchWeights(sets: MatchedSet[], n: number): { weights: Float64Array; subclass: Int32Array; matchedRows: Int32Array; controls: number } {
  const weights = new Float64Array(n);
  const subclass = new Int32Array(n).fill(-1);
  let size = 0;
  for (const set of sets) size += 1 + set.controls.length;
  const matchedRows = new Int32Array(size);
  let controls = 0;
  let controlWeight = 0;
  let r = 0;
  for (let s = 0; s < sets.length; s++) {
    const set = sets[s]!;
    weights[set.treated] = 1;
    subclass[set.treated] = s;
    matchedRows[r++] = set.treated;
    for (const c of set.controls) {
      weights[c] = 1 / set.controls.length;
      subclass[c] = s;
      matchedRows[r++] = c;
      controls++;
      controlWeight += 1 / set.controls.length;
    }
  }
  for (const set of sets) for (const c of set.controls) weights[c]! *= controls / controlWeight;
  return { weights, subclass, matchedRows, controls };
}

/** The matched rows' design [1, treat, …] (row-major, p columns; the columns after the second left 0), outcomes and weights. */
function matchedDesign(matchedRows: Int32Array, p: number, d: Float64Array, yy: Float64Array, weights: Float64Array): { x: Float64Array; ym: Float64Array; wm: Float64Array } {
  const nm = matchedRows.length;
  const x = new Float64Array(nm * p);
  const ym = new Float64Array(nm);
  const wm = new Float64Array(nm);
  for (let r = 0; r < nm; r++) {
    const i = matchedRows[r]!;
    x[r * p] = 1;
    x[r * p + 1] = d[i]!;
    ym[r] = yy[i]!;
    wm[r] = weights[i]!;
  }
  return { x, ym, wm };
}

/** Each matched row's cluster (by row used) into `byRow`, and the positions 0 … into `all`. */
function matchedClusters(matchedRows: Int32Array, cluster: Int32Array, byRow: Int32Array, all: Int32Array): void {
  for (let r = 0; r < matchedRows.length; r++) {
    byRow[r] = cluster[matchedRows[r]!]!;
    all[r] = r;
  }
}

/** The table rows of the treated and of the controls, in order. */
function splitRows(rows: Int32Array, d: Float64Array, treatedRows: Int32Array, controlRows: Int32Array): void {
  for (let i = 0, a = 0, b = 0; i < rows.length; i++) {
    if (d[i] === 1) treatedRows[a++] = rows[i]!;
    else controlRows[b++] = rows[i]!;
  }
}

/** Values of the rows used put at their table rows. */
function scatterRows(out: Float64Array, rows: Int32Array, values: Float64Array): void {
  for (let i = 0; i < rows.length; i++) out[rows[i]!] = values[i]!;
}

/** The largest k that `ratio: "auto"` chooses (beyond 4–5 controls the variance gains little and the bias grows: Stuart 2010). */
export const MAX_AUTO_RATIO = 5;

export type EffectMethod = "difference" | "regression" | "matching" | "weighting" | "doubly-robust";

export const EstimateEffectOptions = z.object({
  /** The outcome column (numbers; numeric text is read as numbers, other text is an error naming it). */
  outcome: z.string(),
  /** The yes/no column of taking part: booleans, 0/1, "1"/"0", はい/いいえ, the field's own words (参加/不参加…). */
  treatment: z.string(),
  /** Covariates (a list): numeric, yes/no, or segments resolved through the model (若手 = young). Default none. */
  covariates: z.array(z.string()).default([]),
  /** "difference", "regression" (default), "matching", "weighting" or "doubly-robust". */
  method: z.enum(["difference", "regression", "matching", "weighting", "doubly-robust"]).default("regression"),
  /** "ATT" (default: the effect on those who took part) or "ATE" (the effect on everyone); matching estimates the ATT only. */
  estimand: z.enum(["ATT", "ATE"]).default("ATT"),
  /** Cluster column for the standard errors (e.g. company); else HC1 (matching: the pairs). */
  cluster: z.string().optional(),
  /**
   * Matching: match only within the values of this column (e.g. company), as MatchIt's
   * `exact = ~company`; the propensity model stays on `covariates`, and the column is added to the
   * balance table (one row per level). Weighting, doubly robust and regression: the column enters
   * the propensity and outcome models as a factor (one dummy per value but the first).
   */
  exact: z.string().optional(),
  /**
   * Matching: controls per participant (1:k nearest neighbours without replacement, MatchIt's
   * `ratio`), default 1; "auto" takes k = ⌊controls / participants⌋, at least 1 and at most
   * {@link MAX_AUTO_RATIO}. Participants left with fewer than k (controls ran out in their stratum,
   * or the caliper) keep the controls they got; controls are weighted 1/kᵢ as MatchIt's weights.
   */
  ratio: z.union([z.number().int().min(1), z.literal("auto")]).default(1),
  /**
   * Regression adjustment in the matched or weighted sample (Ho, Imai, King & Stuart 2007):
   * `true` adds every covariate to `y ~ treat` (weighted by the matching or weighting weights),
   * a list adds those named (each one of `covariates` or the `exact` column). Matching and
   * weighting: default false (the weighted difference of means); doubly robust: default true (a
   * list chooses the outcome model).
   */
  adjust: z.union([z.boolean(), z.array(z.string())]).optional(),
  /** Matching caliper in SDs of the distance (default none, as MatchIt); see `caliperScale`. */
  caliper: z.number().positive().optional(),
  /**
   * Matching: the scale of the distance units are matched on and the caliper is measured in —
   * "logit" (the linear predictor of the propensity model, as MatchIt's `link = "linear.logit"`) or
   * "score" (the fitted probability, MatchIt's default distance). Default "logit" when a caliper is
   * given (Austin 2011: 0.2 SD of the logit), else "score" (MatchIt's default matching).
   */
  caliperScale: z.enum(["logit", "score"]).optional(),
  /**
   * Weighting and doubly-robust: clip propensity scores to [trim, 1 − trim]. Default 0 = no
   * clipping, as R's usual weighting (WeightIt, a glm score and `lm(y ~ treat, weights = w)`);
   * any clipping is reported in `trimmed` and `warnings`.
   */
  trim: z.number().min(0).lt(0.5).default(0),
  /**
   * Matching, weighting and doubly robust: propensity scores already fitted, one per table row
   * (as MatchIt's `distance = <vector>`), instead of the logistic model on `covariates` (which
   * still give the rows used, the balance table and any `adjust`). Scores of the rows used must lie
   * strictly between 0 and 1; rows left out may hold anything (NaN). A study that runs several
   * methods on one group fits the score once: the first result's `propensity` belongs to its `rows`.
   */
  propensity: z.custom<ArrayLike<number>>((v) => ArrayBuffer.isView(v) || Array.isArray(v), "one number per table row").optional(),
  /** Confidence level of the interval (default 0.95). */
  confLevel: z.number().gt(0).lt(1).default(0.95),
  /** Cell texts meaning "no answer" (default "", NA, N/A, 無回答). */
  missing: z.array(z.string()).optional(),
});
export type EstimateEffectOptions = z.input<typeof EstimateEffectOptions>;

export interface EffectResult extends EstimateFields {
  estimand: "ATT" | "ATE";
  nTreated: number;
  nControl: number;
  /** Matching: participants matched (pairs, or sets of 1 + k); else null. */
  nMatched: number | null;
  /**
   * Matching: k of 1:k, the controls matched, the scale matched on, the `exact` column, and the
   * subclass (matched set, 0-based) of each row used (−1 = unmatched); else null.
   */
  matched: { ratio: number; controls: number; scale: "logit" | "score"; exact: string | null; subclass: Int32Array } | null;
  /** Weighting and doubly-robust: effective sample sizes (Kish) of the groups; else null. */
  ess: { treated: number; control: number } | null;
  /** The table rows used (0-based), in order: `propensity[i]` and `matched.subclass[i]` belong to table row `rows[i]`. */
  rows: Int32Array;
  /** Propensity scores (fitted or given, before any clipping) of the rows used, when the method needs them. */
  propensity: Float64Array | null;
  /** Weighting and doubly-robust with `trim` > 0: the bound and how many rows' scores were clipped; else null. */
  trimmed: { trim: number; rows: number } | null;
  /** Balance of the covariates after adjustment (before adjustment for difference and regression). */
  balance: BalanceResult;
  /** What the reader must know to read the estimate (clipping, a naive comparison), as data in both languages. */
  warnings: KoeWarning[];
  toTable(): TidyTable;
}

const METHOD_NAME: Record<EffectMethod, (estimand: string) => string> = {
  difference: () => "Naive difference of means",
  regression: (e) => `Regression adjustment (g-computation: fully interacted OLS, ${e})`,
  matching: () => "1:1 nearest-neighbour propensity-score matching (ATT)",
  weighting: (e) => `Inverse-probability weighting (${e})`,
  "doubly-robust": (e) => `Doubly robust: weighted regression (${e})`,
};

/**
 * The effect of taking part on an outcome, by one of five methods, with the same result shape:
 * - `difference`: the naive difference of means. It adjusts for nothing, so it is the same number
 *   for ATT and ATE (and either only if taking part was as good as random); a warning says so.
 * - `regression`: g-computation by Lin's fully interacted regression `y ~ treat * (X − x̄)`: its
 *   treat coefficient is the predicted difference averaged over the treated rows (ATT, x̄ their
 *   means) or over all rows (ATE, x̄ everyone's means) — as R's
 *   `lm(y ~ treat * Xc)` / `marginaleffects::avg_comparisons`. For the ATT, interactions with a
 *   covariate that is constant among the treated are left out (they do not change it). With
 *   `exact` the column enters as a factor; when it is also the `cluster`, its dummies are not
 *   interacted with the treatment (company fixed effects, a common effect within companies):
 *   per-company effects would be invisible to errors clustered by company.
 * - `matching`: 1:1 nearest-neighbour on a logistic propensity score without replacement, treated
 *   units from the highest score down, optional caliper (MatchIt's defaults). ATT only: `estimand:
 *   "ATE"` is an error. Options: `exact` matches within a column's values (company), `ratio` 1:k
 *   (or "auto" from the control:treated ratio) with controls weighted 1/kᵢ, `caliper` in SDs of the
 *   logit (`caliperScale`), and `adjust` fits `y ~ treat + covariates` with the matching weights
 *   (Ho, Imai, King & Stuart 2007) — as MatchIt's `matchit(exact = ~company, ratio = k, caliper =
 *   0.2, link = "linear.logit")` then `lm(y ~ treat + X, weights = weights)`. Errors are clustered
 *   by matched set (`vcovCL(cluster = ~subclass)`, CR1: Abadie & Spiess 2022) or, with `cluster`,
 *   by that column (CR2 with Satterthwaite df). A caliper is on the logit by default, unlike
 *   MatchIt's default distance (the score): the logit is where Austin (2011) found 0.2 SD to remove
 *   most bias, and SDs of a score squeezed near 0 are not comparable across its range.
 * - `weighting`: inverse-probability weights for the ATT (1; p/(1 − p)) or ATE (1/p; 1/(1 − p)),
 *   unclipped by default as R's weighting (`trim` clips, and says so), effective sample sizes.
 * - `doubly-robust`: the weighted regression on the covariates with those weights.
 *
 * Columns are read at the input boundary: the treatment as yes/no (はい/いいえ, 0/1, "1"/"0" and
 * booleans give the same answer; a value such as 2 is an error naming the column, value and
 * rows), the outcome as numbers, covariates by their role. Options are strict (an unknown key or
 * an enum value such as `estimand: "att"` is an error with "did you mean"). Standard errors are
 * cluster-robust with `cluster` (HC1 otherwise; matched pairs as clusters for matching); they
 * treat the propensity score as known. The balance table after adjustment comes with every result.
 * @example
 * const { table: lalonde } = await readCsv("packages/core/test/studies/r/lalonde.csv");
 * const covariates = ["age", "educ", "race", "married", "nodegree", "re74", "re75"];
 * estimateEffect(lalonde, { outcome: "re78", treatment: "treat", covariates, method: "weighting" }).estimate // => 1214.07
 * estimateEffect(lalonde, { outcome: "re78", treatment: "treat", covariates, estimand: "ATE" }).estimate // => 1074.91
 * estimateEffect(lalonde, { outcome: "re78", treatment: "treat", covariates, estimand: "att" }) // throws: did you mean "ATT"?
 * const within = estimateEffect(lalonde, { outcome: "re78", treatment: "treat", covariates, method: "matching", exact: "race", ratio: 3, caliper: 0.2, adjust: true });
 * [within.nMatched, within.matched.controls, within.estimate] // => [115, 171, 980.07]
 * const weighted = estimateEffect(lalonde, { outcome: "re78", treatment: "treat", covariates, method: "weighting" });
 * const propensity = new Float64Array(lalonde.numRows()).fill(NaN);
 * weighted.rows.forEach((row, i) => (propensity[row] = weighted.propensity[i]));
 * estimateEffect(lalonde, { outcome: "re78", treatment: "treat", covariates, method: "matching", propensity }).nMatched // => 185
 */
export function estimateEffect(table: Table, options: EstimateEffectOptions): EffectResult {
  const fn = "estimateEffect";
  requireTable(fn, table);
  const o = parseOptions(fn, EstimateEffectOptions, options);
  const { method, estimand, caliper, trim, confLevel } = o;
  if (estimand === "ATE" && method === "matching") throw KoeArgumentError.of(m.attOnly, { fn, method });
  const needsScore = method === "matching" || method === "weighting" || method === "doubly-robust";
  if (needsScore && o.covariates.length === 0) throw KoeArgumentError.of(m.needsCovariates, { fn, method });
  if (method !== "matching") {
    for (const option of ["ratio", "caliper", "caliperScale"] as const) {
      if (options[option] !== undefined && !(option === "ratio" && options.ratio === 1)) throw KoeArgumentError.of(m.matchingOnly, { fn, option, method });
    }
  }
  if (o.adjust !== undefined && o.adjust !== false && (method === "difference" || method === "regression")) throw KoeArgumentError.of(m.adjustNotHere, { fn, method });
  if (o.propensity !== undefined && !needsScore) throw KoeArgumentError.of(m.propensityNotHere, { fn, method });
  const base = table.isFiltered() || table.isOrdered() ? table.reify() : table;
  const total = base.numRows();
  const missing = o.missing ? { missing: o.missing } : {};
  const tr = binaryColumn(fn, base, o.treatment, { option: "treatment", ...missing });
  const y = numericColumn(fn, base, o.outcome, { option: "outcome", ...missing });
  const cluster = o.cluster ? resolveColumn(fn, base, o.cluster, "cluster") : null;
  const exact = o.exact ? resolveColumn(fn, base, o.exact, "exact") : null;
  const covariateColumns = o.covariates.map((c) => resolveColumn(fn, base, c, "covariates"));
  const adjustColumns = Array.isArray(o.adjust) ? o.adjust.map((c) => resolveColumn(fn, base, c, "adjust")) : null;
  // The exact column may also be the cluster or a covariate, never the outcome or the treatment.
  requireDistinct(fn, { outcome: y.column, treatment: tr.column, exact });
  for (const column of adjustColumns ?? []) {
    if (column !== exact && !covariateColumns.includes(column)) throw KoeArgumentError.of(m.adjustNotCovariate, { fn, column, covariates: covariateColumns });
  }
  requireDistinct(fn, {
    outcome: y.column, treatment: tr.column, cluster,
    ...Object.fromEntries(o.covariates.map((c, j) => [`covariates[${j}]`, resolveColumn(fn, base, c, "covariates")])),
  });
  // The rows every part of the analysis can use: treatment, outcome, cluster and covariates present.
  const exclude = unusable(tr.values, y.values);
  const dm = designMatrix(base, o.covariates, { fn, option: "covariates", exclude, also: [...(cluster ? [cluster] : []), ...(exact && exact !== cluster ? [exact] : [])], ...missing });
  const { rows, n } = dm;
  const { d, yy, nTreated } = treatmentAndOutcome(rows, tr.values, y.values);
  const nControl = n - nTreated;
  if (nTreated < 2 || nControl < 2) {
    const left = [
      { column: y.column, rows: y.nMissing },
      ...dm.missingBy,
    ].filter((x) => x.rows > 0);
    throw new InsufficientDataError(fn, 2, Math.min(nTreated, nControl), tr.column, localize(m.tooFewGroups, { fn, column: tr.column, treated: tr.nTrue, control: tr.nFalse, missing: tr.nMissing, needed: 2, left }));
  }
  const ids = cluster ? clusterIds(columnValues(base, cluster, fn), rows) : null;
  const exactIds = exact ? clusterIds(columnValues(base, exact, fn), rows) : null;
  const errors = cluster ? { type: "cluster" as const, clusterIds: ids, clusterName: cluster } : { type: "HC1" as const };
  const treatTerm = tr.column;
  // The covariate design: the covariates, and for the methods other than matching the `exact`
  // column as a factor (its dummies after the covariates).
  // (The design's x is read only where a method needs it by rows: the propensity model takes it by columns.)
  const factor = exactIds && method !== "matching" && !covariateColumns.includes(exact!);
  const cov = factor ? withFactor(dm.x, n, dm.p, dm.terms, exact!, exactIds, (i) => columnValues(base, exact!, fn)[rows[i]!]) : { get x() { return dm.x; }, p: dm.p, terms: dm.terms };
  const pc = cov.p; // intercept + covariate terms
  const covTerms = cov.terms.slice(1);
  // A design [1, treat, extra…] of the rows used, row-major.
  const design = (extra: { term: string; value: (i: number) => number }[]) => {
    const p = 2 + extra.length;
    const x = new Float64Array(n * p);
    for (let i = 0; i < n; i++) {
      x[i * p] = 1;
      x[i * p + 1] = d[i]!;
      for (let j = 0; j < extra.length; j++) x[i * p + 2 + j] = extra[j]!.value(i);
    }
    return { x, p, terms: ["(Intercept)", treatTerm, ...extra.map((e) => e.term)] };
  };
  const covariate = (j: number) => (i: number) => cov.x[i * pc + 1 + j]!;
  // The terms of regression adjustment (matching, weighting, doubly robust): none, all, or those named.
  const adjustTerms = (): { term: string; value: (i: number) => number }[] => {
    const all = o.adjust === true || (o.adjust === undefined && method === "doubly-robust");
    if (all) return covTerms.map((term, j) => ({ term, value: covariate(j) }));
    if (!adjustColumns) return [];
    const keep = new Uint8Array(total).fill(1);
    for (const r of rows) keep[r] = 0;
    const a = designMatrix(base, adjustColumns, { fn, option: "adjust", exclude: keep, intercept: false, ...missing });
    return a.terms.map((term, j) => ({ term, value: (i: number) => a.x[i * a.p + j]! }));
  };
  const warnings: KoeWarning[] = [];
  let propensity: Float64Array | null = null;
  let weights: Float64Array | null = null;
  let nMatched: number | null = null;
  let matched: EffectResult["matched"] = null;
  let trimmed: EffectResult["trimmed"] = null;
  let fit: OlsResult;
  if (o.propensity !== undefined) {
    const given = o.propensity;
    if (given.length !== total) throw KoeArgumentError.of(m.lengthMismatch, { fn, option: "propensity", got: given.length, rows: total });
    propensity = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = Number(given[rows[i]!]);
      if (!(v > 0 && v < 1)) throw KoeArgumentError.of(m.propensityRange, { fn, row: rows[i]! + 1, value: v });
      propensity[i] = v;
    }
  } else if (needsScore) {
    propensity = fitLogistic({ fn, get x() { return cov.x; }, ...(factor ? {} : { columns: dm.byColumn() }), y: d, n, p: pc, terms: cov.terms, confLevel, nMissing: 0, outcome: tr.column, predictors: dm.columns.map((c) => c.column) }).fitted;
  }
  if (method === "difference") {
    const { x, p, terms } = design([]);
    fit = fitOls({ fn, x, y: yy, n, p, terms, ...errors, confLevel, nMissing: 0 });
    warnings.push(warningOf(m.naiveDifference, { fn, estimand }));
  } else if (method === "regression") {
    // Lin's regression: covariates centred where the estimand averages (the treated rows for the
    // ATT, all rows for the ATE), and their interactions with the treatment.
    const centre = covTerms.map((_, j) => {
      let s = 0;
      let k = 0;
      for (let i = 0; i < n; i++) if (estimand === "ATE" || d[i] === 1) {
        s += cov.x[i * pc + 1 + j]!;
        k++;
      }
      return s / k;
    });
    const main = covTerms.map((term, j) => ({ term, value: (i: number) => covariate(j)(i) - centre[j]! }));
    // The exact column's dummies (after the covariates) are not interacted with the treatment when
    // it is also the cluster: a treatment × company term per company would make each company's
    // effect its own, and errors clustered by company could not see their noise (SE 0.003 against
    // 0.050 with company as fixed effects only, both as clubSandwich; test/stats/r/cluster-robust-cross-boundary.R).
    const firstFactorTerm = cov.p === dm.p || exact !== cluster ? Infinity : dm.p - 1;
    const interactions = covTerms
      .map((term, j) => ({ term: `${treatTerm}:${term}`, value: (i: number) => d[i]! * (covariate(j)(i) - centre[j]!), j }))
      .filter(({ j }) => {
        if (j >= firstFactorTerm) return false;
        if (estimand === "ATE") return true;
        for (let i = 0; i < n; i++) if (d[i] === 1 && Math.abs(covariate(j)(i) - centre[j]!) > 1e-12) return true;
        return false;
      });
    const { x, p, terms } = design([...main, ...interactions]);
    fit = fitOls({ fn, x, y: yy, n, p, terms, ...errors, confLevel, nMissing: 0 });
  } else if (method === "matching") {
    const scale = o.caliperScale ?? (caliper !== undefined ? "logit" : "score");
    let distance = propensity!;
    if (scale === "logit") {
      distance = new Float64Array(n);
      for (let i = 0; i < n; i++) distance[i] = Math.log(propensity![i]! / (1 - propensity![i]!));
    }
    const k = o.ratio === "auto" ? Math.max(1, Math.min(MAX_AUTO_RATIO, Math.floor(nControl / nTreated))) : o.ratio;
    const sets = matchNearestSets(distance, d, { ratio: k, ...(caliper !== undefined ? { caliper } : {}), ...(exactIds ? { exact: exactIds.ids } : {}) });
    nMatched = sets.length;
    if (nMatched < 2) throw KoeError.of(m.tooFewMatched, { fn, matched: nMatched, caliper: caliper ?? null });
    if (nMatched < nTreated) warnings.push(warningOf(m.unmatched, { fn, unmatched: nTreated - nMatched, treated: nTreated, exact, caliper: caliper ?? null }));
    const { weights: w, subclass, matchedRows, controls } = matchWeights(sets, n);
    weights = w;
    matched = { ratio: k, controls, scale, exact, subclass };
    const extra = adjustTerms();
    const pm = 2 + extra.length;
    const nm = matchedRows.length;
    const { x, ym, wm } = matchedDesign(matchedRows, pm, d, yy, w);
    for (let j = 0; j < extra.length; j++) for (let r = 0; r < nm; r++) x[r * pm + 2 + j] = extra[j]!.value(matchedRows[r]!);
    // Errors clustered by the `cluster` column, else by matched set (MatchIt's guidance:
    // vcovCL(cluster = ~subclass); Abadie & Spiess 2022). Clusters of the matched rows only.
    const byRow = new Int32Array(nm);
    const all = new Int32Array(nm);
    matchedClusters(matchedRows, ids ? ids.ids : subclass, byRow, all);
    const relabel = clusterIds(byRow, all);
    const unweighted = k === 1 && sets.every((set) => set.controls.length === 1);
    fit = fitOls({
      fn, x, y: ym, n: nm, p: pm, terms: ["(Intercept)", treatTerm, ...extra.map((e) => e.term)], ...(unweighted ? {} : { weights: wm }),
      // By matched set: CR1 as `sandwich::vcovCL(type = "HC1")`; by a cluster column: koe's cluster default (CR2).
      type: cluster ? "cluster" : "CR1", clusterIds: relabel, clusterName: cluster ?? "subclass", confLevel, nMissing: 0,
    });
  } else {
    let clipped = 0;
    weights = Float64Array.from(propensity!, (p0, i) => {
      let p = p0;
      if (trim > 0 && (p < trim || p > 1 - trim)) {
        p = Math.min(1 - trim, Math.max(trim, p));
        clipped++;
      }
      if (estimand === "ATT") return d[i] === 1 ? 1 : p / (1 - p);
      return d[i] === 1 ? 1 / p : 1 / (1 - p);
    });
    if (trim > 0) {
      trimmed = { trim, rows: clipped };
      if (clipped > 0) warnings.push(warningOf(m.trimmed, { fn, trim, rows: clipped, n }));
    }
    const { x, p, terms } = design(adjustTerms());
    fit = fitOls({ fn, x, y: yy, n, p, terms, weights, ...errors, confLevel, nMissing: 0 });
  }
  const c = fit.coefficients[1]!;
  // Balance of the rows used; without covariates, the outcome's own (the naive comparison's picture).
  // The columns as the design read them, cut to the rows used (the exact column and the outcome read alike).
  const coded = o.covariates.length > 0
    ? [...dm.columns, ...(exact && !covariateColumns.includes(exact) ? [codeColumn(fn, base, exact, "exact", o.missing)] : [])]
    : [codeColumn(fn, base, y.column, "outcome", o.missing)];
  // Indexed by table row, as the coded columns are (in the order of the rows used).
  const treatedRows = new Int32Array(nTreated);
  const controlRows = new Int32Array(nControl);
  splitRows(rows, d, treatedRows, controlRows);
  let tableWeights: Float64Array | null = null;
  if (weights) {
    tableWeights = new Float64Array(total);
    scatterRows(tableWeights, rows, weights);
  }
  const balance = balanceOf(coded, treatedRows, controlRows, tableWeights, "treated", BALANCE_THRESHOLD);
  const ess = weights && method !== "matching" ? { treated: balance.essTreated!, control: balance.essControl! } : null;
  const effectiveEstimand = method === "matching" ? "ATT" : estimand;
  const result: EffectResult = {
    method: matched
      ? `1:${matched.ratio} nearest-neighbour propensity-score matching on the ${matched.scale === "logit" ? "logit of the score" : "score"}${exact ? ` within ${exact}` : ""}${fit.coefficients.length > 2 ? ", regression-adjusted" : ""} (ATT)`
      : METHOD_NAME[method](effectiveEstimand) + (method === "weighting" && fit.coefficients.length > 2 ? ", regression-adjusted" : ""),
    alternative: "two-sided",
    estimate: c.estimate,
    stdError: c.stdError,
    statistic: c.statistic,
    // The treatment term's own df where the errors give one (Satterthwaite with CR2), else the model's.
    df: (c as { df?: number | null }).df ?? fit.df,
    pValue: c.pValue,
    ciLow: c.ciLow,
    ciHigh: c.ciHigh,
    confLevel,
    n,
    nMissing: total - n,
    estimand: effectiveEstimand,
    rows,
    nTreated,
    nControl,
    nMatched,
    matched,
    ess,
    propensity,
    trimmed,
    balance,
    warnings,
    toTable: () => aq.from([{ method, estimand: effectiveEstimand, estimate: c.estimate, stdError: c.stdError, ciLow: c.ciLow, ciHigh: c.ciHigh, pValue: c.pValue, n, nTreated, nControl, nMatched }]),
  };
  Object.defineProperty(result, "toTable", { enumerable: false });
  return result;
}
