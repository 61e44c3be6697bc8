import * as aq from "arquero";
import { KoeArgumentError } from "../../errors/errors.js";
import type { Table } from "../../model/table.js";
import { columnValues } from "../../analyze/column-values.js";
import { logisticRegression, ols } from "../../analyze/regression.js";
import type { EstimateFields, TidyTable } from "../../stats/result.js";
import { balanceTable, type BalanceResult } from "./balance.js";

export type EffectMethod = "difference" | "regression" | "matching" | "weighting" | "doubly-robust";

export interface EstimateEffectOptions {
  outcome: string;
  /** Boolean or 0/1: took part. */
  treatment: string;
  covariates?: string[];
  method?: EffectMethod;
  /** "ATT" (default: the effect on those who took part) or "ATE" (weighting and doubly-robust only). */
  estimand?: "ATT" | "ATE";
  /** Cluster column for the standard errors (e.g. company); else HC1 (matching: pairs). */
  cluster?: string;
  /** Matching caliper in SDs of the propensity score (none by default, as MatchIt). */
  caliper?: number;
  /** Weighting: propensity scores are clipped to [trim, 1 − trim] (default 0.01). */
  trim?: number;
  confLevel?: number;
}

export interface EffectResult extends EstimateFields {
  estimand: "ATT" | "ATE";
  nTreated: number;
  nControl: number;
  /** Matching: matched pairs; else null. */
  nMatched: number | null;
  /** Weighting and doubly-robust: effective sample sizes (Kish) of the groups; else null. */
  ess: { treated: number; control: number } | null;
  /** Propensity scores (fitted, before clipping) of the rows used, when the method needs them. */
  propensity: Float64Array | null;
  /** Balance of the covariates after adjustment (before adjustment for difference and regression). */
  balance: BalanceResult;
  toTable(): TidyTable;
}

const toNum = (v: unknown) => (v === true ? 1 : v === false ? 0 : typeof v === "number" ? v : Number.NaN);

/**
 * The effect of taking part on an outcome, by one of five methods, with the same result shape:
 * `difference` (naive difference of means), `regression` (OLS adjustment), `matching` (1:1
 * nearest-neighbour on a logistic propensity score without replacement, treated units from the
 * highest score down, optional caliper — MatchIt's defaults), `weighting` (inverse-probability
 * weights for the ATT or ATE, clipped scores, effective sample sizes) and `doubly-robust` (the
 * weighted regression). Standard errors are cluster-robust with `cluster` (HC1 otherwise; matched
 * pairs as clusters for matching); they treat the propensity score as known. The balance table
 * after adjustment comes with every result.
 * @example
 * estimateEffect(scored, { outcome: "engagement_post", treatment: "cross_boundary", covariates: ["engagement_pre", "generation"], method: "matching" })
 */
export function estimateEffect(table: Table, options: EstimateEffectOptions): EffectResult {
  const { outcome, treatment, covariates = [], method = "regression", estimand = "ATT", cluster, caliper, trim = 0.01, confLevel = 0.95 } = options;
  if (!["difference", "regression", "matching", "weighting", "doubly-robust"].includes(method)) {
    throw new KoeArgumentError(`estimateEffect: method must be difference, regression, matching, weighting or doubly-robust (got "${method}")`);
  }
  if (estimand === "ATE" && !["weighting", "doubly-robust", "difference", "regression"].includes(method)) throw new KoeArgumentError(`estimateEffect: ${method} estimates the ATT only`);
  if (["matching", "weighting", "doubly-robust"].includes(method) && covariates.length === 0) throw new KoeArgumentError(`estimateEffect: ${method} needs covariates for the propensity score`);
  // The rows every part of the analysis can use.
  const base = table.isFiltered() || table.isOrdered() ? table.reify() : table;
  const need = [outcome, treatment, ...covariates, ...(cluster ? [cluster] : [])];
  const cols = need.map((c) => columnValues(base, c, "estimateEffect"));
  const keep: number[] = [];
  for (let i = 0; i < base.numRows(); i++) {
    if (cols.some((c) => c[i] === null || c[i] === undefined || (typeof c[i] === "number" && Number.isNaN(c[i] as number)))) continue;
    const d = toNum(cols[1]![i]);
    if (d !== 0 && d !== 1) throw new KoeArgumentError(`estimateEffect: treatment "${treatment}" must be true/false or 0/1 (row ${i + 1}: ${String(cols[1]![i])})`);
    keep.push(i);
  }
  const data: Record<string, unknown[]> = Object.fromEntries(need.map((c, j) => [c, keep.map((i) => cols[j]![i])]));
  data.__treat = keep.map((i) => toNum(cols[1]![i]));
  const t = aq.table(data);
  const d = data.__treat as number[];
  const nTreated = d.reduce((s, v) => s + v, 0);
  const nControl = d.length - nTreated;
  if (nTreated < 2 || nControl < 2) throw new KoeArgumentError(`estimateEffect needs at least 2 treated and 2 control rows (found ${nTreated} and ${nControl})`);
  const vcov = cluster ? { cluster } : { vcov: "HC1" as const };
  let propensity: Float64Array | null = null;
  let weights: Float64Array | null = null;
  let nMatched: number | null = null;
  let fit;
  if (method !== "difference" && method !== "regression") {
    propensity = logisticRegression(t, { outcome: "__treat", predictors: covariates }).fitted;
  }
  if (method === "difference") fit = ols(t, { outcome, predictors: ["__treat"], ...vcov, confLevel });
  else if (method === "regression") fit = ols(t, { outcome, predictors: ["__treat", ...covariates], ...vcov, confLevel });
  else if (method === "matching") {
    const pairs = matchNearest(propensity!, d, caliper);
    nMatched = pairs.length;
    if (nMatched < 2) throw new KoeArgumentError(`estimateEffect: only ${nMatched} treated units could be matched (caliper ${caliper})`);
    weights = new Float64Array(d.length);
    const pairOf = new Array<string | null>(d.length).fill(null);
    pairs.forEach(([a, b], k) => {
      weights![a] = 1;
      weights![b] = 1;
      pairOf[a] = pairOf[b] = `pair${k}`;
    });
    const matched = t.assign({ __w: Array.from(weights), __pair: pairOf }).filter((r: { __w: number }) => r.__w > 0).reify();
    fit = ols(matched, { outcome, predictors: ["__treat"], cluster: cluster ?? "__pair", confLevel });
  } else {
    const lo = trim;
    const hi = 1 - trim;
    weights = Float64Array.from(propensity!, (p0, i) => {
      const p = Math.min(hi, Math.max(lo, p0));
      if (estimand === "ATT") return d[i] === 1 ? 1 : p / (1 - p);
      return d[i] === 1 ? 1 / p : 1 / (1 - p);
    });
    const weighted = t.assign({ __w: Array.from(weights) });
    fit = ols(weighted, { outcome, predictors: method === "weighting" ? ["__treat"] : ["__treat", ...covariates], weights: "__w", ...vcov, confLevel });
  }
  const c = fit.coefficients[1]!;
  // Without covariates the balance shown is the outcome's own (the naive comparison's picture).
  const balance = balanceTable(t, { treatment: "__treat", covariates: covariates.length > 0 ? covariates : [outcome], ...(weights ? { weights } : {}) });
  const ess = weights && method !== "matching" ? { treated: balance.essTreated!, control: balance.essControl! } : null;
  const result: EffectResult = {
    method: { difference: "Naive difference of means", regression: "Regression adjustment (OLS)", matching: "1:1 nearest-neighbour propensity-score matching", weighting: `Inverse-probability weighting (${estimand})`, "doubly-robust": `Doubly robust: weighted regression (${estimand})` }[method],
    alternative: "two-sided",
    estimate: c.estimate,
    stdError: c.stdError,
    statistic: c.statistic,
    df: fit.df,
    pValue: c.pValue,
    ciLow: c.ciLow,
    ciHigh: c.ciHigh,
    confLevel,
    n: keep.length,
    nMissing: base.numRows() - keep.length,
    estimand: method === "matching" ? "ATT" : estimand,
    nTreated,
    nControl,
    nMatched,
    ess,
    propensity,
    balance,
    toTable: () => aq.from([{ method, estimate: c.estimate, stdError: c.stdError, ciLow: c.ciLow, ciHigh: c.ciHigh, pValue: c.pValue, n: keep.length, nTreated, nControl, nMatched }]),
  };
  Object.defineProperty(result, "toTable", { enumerable: false });
  return result;
}

/**
 * Greedy 1:1 nearest-neighbour matching without replacement on the propensity score, as MatchIt's
 * defaults (m.order = "largest"): treated units from the highest score down each take the nearest
 * unmatched control (ties: the lowest row); a caliper (in SDs of the score over all units) leaves
 * a treated unit unmatched when no control is close enough. Returns [treated, control] row pairs.
 */
export function matchNearest(score: ArrayLike<number>, treated: ArrayLike<number>, caliper?: number): [number, number][] {
  const n = score.length;
  const t: number[] = [];
  const c: number[] = [];
  for (let i = 0; i < n; i++) (treated[i] === 1 ? t : c).push(i);
  let limit = Infinity;
  if (caliper !== undefined) {
    let m = 0;
    for (let i = 0; i < n; i++) m += score[i]!;
    m /= n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (score[i]! - m) ** 2;
    limit = caliper * Math.sqrt(ss / (n - 1));
  }
  t.sort((a, b) => score[b]! - score[a]! || a - b);
  // Controls sorted by score; a matched one is removed (linked list over the sorted order).
  const cs = [...c].sort((a, b) => score[a]! - score[b]! || a - b);
  const prev = Int32Array.from({ length: cs.length }, (_, k) => k - 1);
  const next = Int32Array.from({ length: cs.length }, (_, k) => (k + 1 < cs.length ? k + 1 : -1));
  let head = cs.length > 0 ? 0 : -1;
  const pairs: [number, number][] = [];
  const positionOf = (x: number) => {
    // First sorted position with score ≥ x (binary search over all, then skip removed).
    let lo = 0;
    let hi = cs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (score[cs[mid]!]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const removed = new Uint8Array(cs.length);
  for (const i of t) {
    if (head < 0) break;
    const x = score[i]!;
    let k = positionOf(x);
    // Nearest alive to the right and to the left of position k.
    let right = k;
    while (right < cs.length && removed[right]) right = next[right]! === -1 ? cs.length : next[right]!;
    let left = k - 1;
    while (left >= 0 && removed[left]) left = prev[left]!;
    let best = -1;
    let bestD = Infinity;
    for (const cand of [left, right]) {
      if (cand < 0 || cand >= cs.length || removed[cand]) continue;
      const dist = Math.abs(score[cs[cand]!]! - x);
      if (dist < bestD || (dist === bestD && cs[cand]! < cs[best]!)) {
        best = cand;
        bestD = dist;
      }
    }
    // Equal distances further out on the same side (tied scores) may hold a lower row index.
    if (best >= 0) {
      for (let j = best; j >= 0; j = prev[j]!) {
        if (removed[j] || Math.abs(score[cs[j]!]! - x) !== bestD) break;
        if (cs[j]! < cs[best]!) best = j;
      }
      for (let j = best; j !== -1 && j < cs.length; j = next[j]!) {
        if (removed[j] || Math.abs(score[cs[j]!]! - x) !== bestD) break;
        if (cs[j]! < cs[best]!) best = j;
      }
    }
    if (best < 0 || bestD > limit) continue;
    pairs.push([i, cs[best]!]);
    removed[best] = 1;
    if (prev[best]! >= 0) next[prev[best]!] = next[best]!;
    else head = next[best]!;
    if (next[best]! >= 0) prev[next[best]!] = prev[best]!;
    k = 0;
  }
  return pairs;
}
