// Covariate balance between participants and non-participants, before and after weighting.
import * as aq from "arquero";
import { z } from "zod";
import { codeColumn, codedMissing, type CodedColumn } from "./design-matrix.js";
import { requireDistinct, requireTable } from "../boundary/columns.js";
import { parseOptions } from "../boundary/options.js";
import { binaryColumn, MISSING_BINARY, numericColumn } from "../boundary/roles.js";
import { localize } from "../errors/catalogue.js";
import { effectMessages as m } from "../errors/effect-messages.js";
import { InsufficientDataError, KoeArgumentError } from "../errors/errors.js";
import type { Table } from "../model/table.js";
import type { TidyTable } from "../stats/result.js";

export interface BalanceRow {
  covariate: string;
  /** For a categorical covariate, the level whose share is compared; null for numeric ones. */
  level: string | null;
  meanTreated: number;
  meanControl: number;
  smd: number;
  varianceRatio: number | null;
  /** The same after adjustment (weights); null without weights. */
  meanTreatedAdjusted: number | null;
  meanControlAdjusted: number | null;
  smdAdjusted: number | null;
  varianceRatioAdjusted: number | null;
  /** |SMD| > threshold before (or, with weights, after) adjustment. */
  imbalanced: boolean;
}

/**
 * One line per covariate: for a categorical one (e.g. 25 companies) its levels summarised by the
 * largest |SMD| over the levels (cobalt's "maximum" summary; the level rows stay in `rows`).
 */
export interface BalanceSummary {
  covariate: string;
  /** Levels compared (1 for a numeric or yes/no covariate). */
  levels: number;
  /** The largest |SMD| over the covariate's rows, before and (with weights) after adjustment. */
  maxAbsSmd: number;
  maxAbsSmdAdjusted: number | null;
  /** The level with the largest |SMD| after adjustment (before without weights); null for a numeric covariate. */
  worstLevel: string | null;
  /** Whether any of its rows is imbalanced. */
  imbalanced: boolean;
}

export interface BalanceResult {
  rows: BalanceRow[];
  /** One line per covariate (categorical ones by their worst level), in the order given. */
  byCovariate: BalanceSummary[];
  /** Which SD standardises the differences: "treated" (the ATT convention of MatchIt/cobalt) or "pooled" √((s²t + s²c)/2), always from the unadjusted sample. */
  sd: "treated" | "pooled";
  threshold: number;
  nTreated: number;
  nControl: number;
  /** Effective sample sizes with the weights (Kish): (Σw)² / Σw². */
  essTreated: number | null;
  essControl: number | null;
  toTable(): TidyTable;
}

/** Row indices into the coded columns (and the weights). */
type Rows = readonly number[] | Int32Array;

function wstats(values: ArrayLike<number>, idx: Rows, w: ArrayLike<number> | null): { mean: number; variance: number } {
  if (!w) return unweightedStats(values, idx);
  let sw = 0;
  for (let k = 0; k < idx.length; k++) sw += w ? w[idx[k]!]! : 1;
  const m = wmean(values, idx, w);
  let ss = 0;
  let sw2 = 0;
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k]!;
    const wi = w ? w[i]! : 1;
    ss += wi * (values[i]! - m) ** 2;
    sw2 += wi * wi;
  }
  // Unbiased weighted variance with frequency-like normalisation (equals var() when all weights are 1).
  const variance = ss / (sw - sw2 / sw);
  return { mean: m, variance };
}

/**
 * {@link wstats} without weights: the same numbers (a weight of 1 multiplies exactly, and a count
 * of ones is exact), without reading a weight per row.
 */
function unweightedStats(values: ArrayLike<number>, idx: Rows): { mean: number; variance: number } {
  const n = idx.length;
  const m = plainMean(values, idx);
  let ss = 0;
  for (let k = 0; k < n; k++) ss += (values[idx[k]!]! - m) ** 2;
  return { mean: m, variance: ss / (n - n / n) };
}

/** The mean at idx without weights, as {@link wmean}'s with weights 1. */
function plainMean(values: ArrayLike<number>, idx: Rows): number {
  let s = 0;
  for (let k = 0; k < idx.length; k++) s += values[idx[k]!]!;
  return s / idx.length;
}

/** |SMD| above which a covariate is flagged by default (Austin 2009; cobalt's and MatchIt's usual 0.1). */
export const BALANCE_THRESHOLD = 0.1;

/** The weighted mean at idx (as {@link wstats}' mean, without the variance). */
function wmean(values: ArrayLike<number>, idx: Rows, w: ArrayLike<number> | null): number {
  if (!w) return plainMean(values, idx);
  let sw = 0;
  let s = 0;
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k]!;
    const wi = w ? w[i]! : 1;
    sw += wi;
    s += wi * values[i]!;
  }
  return s / sw;
}

/** Whether every value at idx is 0 or 1. */
function zeroOne(values: ArrayLike<number>, idx: Rows): boolean {
  for (let k = 0; k < idx.length; k++) if (values[idx[k]!] !== 0 && values[idx[k]!] !== 1) return false;
  return true;
}

export const BalanceOptions = z.object({
  /** The yes/no column of taking part (booleans, 0/1, はい/いいえ, the field's own words). */
  treatment: z.string(),
  /** Covariates: numeric, yes/no, or segments (one row per level, in natural order). */
  covariates: z.array(z.string()),
  /** Weights after adjustment: a column name or one number per row (e.g. from estimateEffect). */
  weights: z.union([z.string(), z.custom<ArrayLike<number>>((v) => ArrayBuffer.isView(v) || Array.isArray(v), "a column name or one number per row")]).optional(),
  /** Which SD standardises the differences: "treated" (default, MatchIt/cobalt's ATT convention) or "pooled". */
  sd: z.enum(["treated", "pooled"]).default("treated"),
  /** |SMD| above which a covariate is flagged (default 0.1). */
  threshold: z.number().positive().default(BALANCE_THRESHOLD),
  /** Cell texts meaning "no answer" (default "", NA, N/A, 無回答). */
  missing: z.array(z.string()).optional(),
});
export type BalanceOptions = z.input<typeof BalanceOptions>;

/**
 * Covariate balance between treated and control: for each numeric covariate and each level of
 * a categorical one, the means (shares) in both groups, the standardised mean difference and the
 * variance ratio — before and, with `weights`, after adjustment — flagging |SMD| > 0.1. The SD in
 * the denominator is stated (`sd`) and comes from the unadjusted sample, so the SMD after
 * adjustment moves only with the means. The treatment is read as yes/no (はい/いいえ, 0/1 and
 * booleans alike; any other value is an error naming it); yes/no covariates give one row (level
 * "true"), segment covariates one row per level in natural order (若手 and young alike), and
 * `byCovariate` sums each covariate up in one line — a 25-level company by its worst level.
 * @example
 * const t = aq.table({ 越境: ["はい", "はい", "はい", "いいえ", "いいえ", "いいえ"], age: [30, 40, 50, 20, 30, 40] });
 * balanceTable(t, { treatment: "越境", covariates: ["age"] }).rows[0].smd // => 1
 * balanceTable(t, { treatment: "越境", covariates: ["age"], sd: "pool" }) // throws: did you mean "pooled"?
 * const g = aq.table({ d: [1, 1, 0, 0, 0, 0], 会社: ["A", "B", "A", "A", "B", "C"] });
 * balanceTable(g, { treatment: "d", covariates: ["会社"] }).byCovariate[0] // => { covariate: "会社", levels: 3, maxAbsSmd: 0.5, maxAbsSmdAdjusted: null, worstLevel: "B", imbalanced: true }
 */
export function balanceTable(table: Table, options: BalanceOptions): BalanceResult {
  const fn = "balanceTable";
  requireTable(fn, table);
  const o = parseOptions(fn, BalanceOptions, options);
  const { sd, threshold } = o;
  if (o.covariates.length === 0) throw KoeArgumentError.of(m.noCovariates, { fn });
  const t = table.isFiltered() || table.isOrdered() ? table.reify() : table;
  const n = t.numRows();
  const missing = o.missing ? { missing: o.missing } : {};
  const tr = binaryColumn(fn, t, o.treatment, { option: "treatment", ...missing });
  const covs = o.covariates.map((c) => codeColumn(fn, t, c, "covariates", o.missing));
  requireDistinct(fn, { treatment: tr.column, ...Object.fromEntries(covs.map((c, j) => [`covariates[${j}]`, c.column])) });
  let w: ArrayLike<number> | null = null;
  if (typeof o.weights === "string") w = numericColumn(fn, t, o.weights, { option: "weights", ...missing }).values;
  else if (o.weights !== undefined) {
    w = o.weights;
    if (w.length !== n) throw KoeArgumentError.of(m.lengthMismatch, { fn, option: "weights", got: w.length, rows: n });
  }
  const treated: number[] = [];
  const control: number[] = [];
  const left = covs.map((c) => ({ column: c.column, rows: 0 }));
  for (let i = 0; i < n; i++) {
    const d = tr.values[i];
    if (d === MISSING_BINARY) continue;
    let complete = true;
    covs.forEach((c, j) => {
      if (codedMissing(c, i)) {
        left[j]!.rows++;
        complete = false;
      }
    });
    if (w && w[i]! < 0) throw KoeArgumentError.of(m.negativeWeight, { fn, column: typeof o.weights === "string" ? o.weights : "weights", row: i + 1, value: w[i]! });
    if (!complete || (w && w[i] !== w[i])) continue;
    (d === 1 ? treated : control).push(i);
  }
  if (treated.length < 2 || control.length < 2) {
    const params = { fn, column: tr.column, treated: tr.nTrue, control: tr.nFalse, missing: tr.nMissing, needed: 2, left: left.filter((x) => x.rows > 0) };
    throw new InsufficientDataError(fn, 2, Math.min(treated.length, control.length), tr.column, localize(m.tooFewGroups, params));
  }
  return balanceOf(covs, treated, control, w, sd, threshold);
}

/**
 * The balance table of covariates already coded (the computation behind {@link balanceTable}, for
 * estimators that hold the coded columns of the rows they used): `treated` and `control` index
 * the columns and `w`, and are complete.
 */
export function balanceOf(covs: readonly CodedColumn[], treated: Rows, control: Rows, w: ArrayLike<number> | null, sd: "treated" | "pooled", threshold: number): BalanceResult {
  const rows: BalanceRow[] = [];
  // Rows of weight 0 (the unmatched) add exact zeros to the weighted sums: leave them out of those.
  const nonzero = (idx: Rows) => {
    const out: number[] = [];
    for (let k = 0; k < idx.length; k++) if (w![idx[k]!] !== 0) out.push(idx[k]!);
    return out;
  };
  const tw = w ? nonzero(treated) : null;
  const cw = w ? nonzero(control) : null;
  type Stats = { mean: number; variance: number };
  const push = (covariate: string, level: string | null, binary: boolean, a: Stats, b: Stats, aw: Stats | null, bw: Stats | null) => {
    // Binary variables (levels, booleans, 0/1 numbers) use √(p(1 − p)), as MatchIt and cobalt do
    // (their variances are not used).
    const varT = binary ? a.mean * (1 - a.mean) : a.variance;
    const varC = binary ? b.mean * (1 - b.mean) : b.variance;
    const denom = sd === "treated" ? Math.sqrt(varT) : Math.sqrt((varT + varC) / 2);
    const smd = denom > 0 ? (a.mean - b.mean) / denom : 0;
    const adj = aw && bw ? { mt: aw.mean, mc: bw.mean, smd: denom > 0 ? (aw.mean - bw.mean) / denom : 0, vr: bw.variance > 0 ? aw.variance / bw.variance : null } : null;
    rows.push({
      covariate,
      level,
      meanTreated: a.mean,
      meanControl: b.mean,
      smd,
      varianceRatio: binary ? null : b.variance > 0 ? a.variance / b.variance : null,
      meanTreatedAdjusted: adj?.mt ?? null,
      meanControlAdjusted: adj?.mc ?? null,
      smdAdjusted: adj?.smd ?? null,
      varianceRatioAdjusted: binary ? null : (adj?.vr ?? null),
      imbalanced: Math.abs(adj ? adj.smd : smd) > threshold,
    });
  };
  const compare = (covariate: string, level: string | null, values: ArrayLike<number>) => {
    const binary = level !== null || (zeroOne(values, treated) && zeroOne(values, control));
    const a = binary ? { mean: wmean(values, treated, null), variance: NaN } : wstats(values, treated, null);
    const b = binary ? { mean: wmean(values, control, null), variance: NaN } : wstats(values, control, null);
    // Zero weights may be left out only where the values are finite (0 × ∞ is not 0).
    const finite = a.mean - a.mean === 0 && b.mean - b.mean === 0;
    const weighted = (idx: Rows, positive: Rows | null) => (binary ? { mean: wmean(values, finite ? positive! : idx, w), variance: NaN } : wstats(values, finite ? positive! : idx, w));
    push(covariate, level, binary, a, b, w ? weighted(treated, tw) : null, w ? weighted(control, cw) : null);
  };
  for (const c of covs) {
    if (c.kind === "numeric") compare(c.column, null, c.values);
    else if (c.kind === "binary") compare(c.column, "true", c.values);
    else {
      // One row per level present among the rows compared, in natural order: shares of each level
      // summed in one pass (row order, as the sums of a 0/1 column of the level).
      const codes = c.codes;
      const shares = (idx: Rows, weights: ArrayLike<number> | null): Stats[] => {
        const s = new Float64Array(c.levels.length);
        let sw = 0;
        for (let k = 0; k < idx.length; k++) {
          const i = idx[k]!;
          const wi = weights ? weights[i]! : 1;
          sw += wi;
          s[codes[i]!]! += wi;
        }
        return Array.from(s, (x) => ({ mean: x / sw, variance: NaN }));
      };
      const count = (idx: Rows) => {
        const k = new Float64Array(c.levels.length);
        for (let j = 0; j < idx.length; j++) k[codes[idx[j]!]!]!++;
        return k;
      };
      const [nt, nc] = [count(treated), count(control)];
      const a = Array.from(nt, (x) => ({ mean: x / treated.length, variance: NaN }));
      const b = Array.from(nc, (x) => ({ mean: x / control.length, variance: NaN }));
      const aw = w ? shares(tw!, w) : null;
      const bw = w ? shares(cw!, w) : null;
      c.levels.forEach((level, k) => {
        if (nt[k] === 0 && nc[k] === 0) return;
        push(c.column, String(level), true, a[k]!, b[k]!, aw?.[k] ?? null, bw?.[k] ?? null);
      });
    }
  }
  const ess = (idx: Rows) => {
    if (!w) return null;
    let s = 0;
    let s2 = 0;
    for (let k = 0; k < idx.length; k++) {
      const i = idx[k]!;
      s += w[i]!;
      s2 += w[i]! ** 2;
    }
    return (s * s) / s2;
  };
  const byCovariate = covs.map((c): BalanceSummary => {
    const own = rows.filter((r) => r.covariate === c.column);
    const key = (r: BalanceRow) => Math.abs(w ? r.smdAdjusted! : r.smd);
    const worst = own.reduce((a, b) => (key(b) > key(a) ? b : a), own[0]!);
    return {
      covariate: c.column,
      levels: own.length,
      maxAbsSmd: Math.max(...own.map((r) => Math.abs(r.smd))),
      maxAbsSmdAdjusted: w ? Math.max(...own.map((r) => Math.abs(r.smdAdjusted!))) : null,
      worstLevel: c.kind === "segment" ? worst.level : null,
      imbalanced: own.some((r) => r.imbalanced),
    };
  });
  const result: BalanceResult = {
    rows,
    byCovariate,
    sd,
    threshold,
    nTreated: treated.length,
    nControl: control.length,
    essTreated: ess(tw ?? treated),
    essControl: ess(cw ?? control),
    toTable: () => aq.from(rows),
  };
  Object.defineProperty(result, "toTable", { enumerable: false });
  return result;
}
