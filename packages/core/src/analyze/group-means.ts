// Group means with the estimand made explicit (each employee once, each company once, or by a
// weight column) and intervals that respect the clustering of people in companies.
import * as aq from "arquero";
import { z } from "zod";
import { requireDistinct, requireTable, resolveColumn } from "../boundary/columns.js";
import { parseOptions } from "../boundary/options.js";
import { numericColumn } from "../boundary/roles.js";
import { effectMessages } from "../errors/effect-messages.js";
import { KoeArgumentError, KoeError } from "../errors/errors.js";
import { groupMeansMessages as m } from "../errors/group-means-messages.js";
import type { Table } from "../model/table.js";
import type { TidyTable } from "../stats/result.js";
import { closest } from "../boundary/closest.js";
import { boundaryMessages } from "../errors/boundary-messages.js";
import { columnValues } from "./column-values.js";
import { groupColumn } from "./group-column.js";
import { clusterIds, fitOls, type VcovType } from "./regression.js";

export const GroupMeansOptions = z.object({
  /** The column averaged (numbers; numeric text is read as numbers). */
  outcome: z.string(),
  /** The column of groups (yes/no, a segment, numbers or text; groups in koe's one order). Default: one group, everyone. */
  by: z.string().optional(),
  /** The column of clusters (e.g. company): intervals cluster-robust by it. Default none (people independent). */
  cluster: z.string().optional(),
  /**
   * Whom the mean describes: "person" (default: each employee counts once, the pooled mean),
   * "company" (each value of `cluster` counts once: the mean of the company means within the
   * group), or `{ column }`, a column of weights (e.g. a headcount weight per respondent). A
   * column is given as `{ column }` so that a column named "company" is never read as the mode.
   */
  weights: z.union([z.enum(["person", "company"]), z.object({ column: z.string() }).strict()]).default("person"),
  /** Confidence level of the intervals (default 0.95). */
  confLevel: z.number().gt(0).lt(1).default(0.95),
  /** Cell texts meaning "no answer" (default "", NA, N/A, 無回答). */
  missing: z.array(z.string()).optional(),
});
export type GroupMeansOptions = z.input<typeof GroupMeansOptions>;

/** One group's mean. */
export interface GroupMean {
  /** The group as koe reads it (false/true, the vocabulary id, the number or the text); null without `by`. */
  group: unknown;
  /** The user's own value for the group, as text; null without `by`. */
  label: string | null;
  /** Rows averaged. */
  n: number;
  /** Clusters among them (null without `cluster`). */
  clusters: number | null;
  /** The mean; NaN for a group with no usable row (its `n` is 0, and every other figure null). */
  mean: number;
  /** Standard error; null when it cannot be estimated (one row, or one cluster). */
  stdError: number | null;
  /** Degrees of freedom of the interval (Satterthwaite with clusters; n − 1 without). */
  df: number | null;
  ciLow: number | null;
  ciHigh: number | null;
}

/**
 * The difference of two groups' means (second minus first in koe's order of `by`: for yes/no,
 * yes − no), with the same weights and the same variance estimator as the means: the group
 * coefficient of the weighted regression `y ~ group` on both groups' rows, clustered by `cluster`
 * across both groups (a company with people in both groups is one cluster).
 */
export interface MeanDifference {
  /** The group subtracted from (koe's second) and the group subtracted (koe's first). */
  second: unknown;
  first: unknown;
  estimate: number;
  /** Standard error; null when it cannot be estimated (fewer than three rows, or one cluster). */
  stdError: number | null;
  /** Degrees of freedom (Satterthwaite with clusters; n − 2 without). */
  df: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  pValue: number | null;
}

export interface GroupMeansResult {
  /** How the means and their errors were computed, in words. */
  method: string;
  weights: "person" | "company" | "column";
  /** The variance estimator of the intervals. */
  vcov: VcovType;
  confLevel: number;
  /** One row per group, in koe's order of the `by` column. */
  groups: GroupMean[];
  /** Rows left out: the outcome, the group, the cluster or the weight missing. */
  nMissing: number;
  /** With exactly two groups in `by` (both with rows): their difference, second minus first; else null. */
  difference: MeanDifference | null;
  /** The groups as a tidy table (group, label, n, clusters, mean, stdError, df, ciLow, ciHigh). */
  toTable(): TidyTable;
}

/** The variance estimator for clustered errors: CR2 (Bell–McCaffrey), with Satterthwaite df per coefficient. */
const CLUSTERED: VcovType = "CR2";

const blank = (v: unknown) => v === null || v === undefined || v === "" || (typeof v === "number" && Number.isNaN(v));

/**
 * Means of a column by group, with the estimand said out loud and intervals that respect clusters.
 * With 25 companies of very unequal size "the mean" is three different numbers: each employee
 * counts once (`weights: "person"`, the pooled mean: large companies dominate), each company counts
 * once (`"company"`: the mean of the company means in the group), or weights from a column
 * (`{ column }`, e.g. headcount weights). Each group's mean is the intercept of a weighted
 * intercept-only regression on the group's rows, and with `cluster` its interval is cluster-robust
 * by that column — the default variance estimator of {@link ols} with a cluster (people of one
 * company answer alike: an i.i.d. interval of a pooled mean over 25 companies is several times too
 * narrow) — as R's `lm(y ~ 1, weights = w)` with `clubSandwich::coef_test(vcov = "CR2", test =
 * "Satterthwaite")`. Without `cluster` the interval is the HC1 one (for unweighted means the
 * classical t interval, sd/√n on n − 1 df). A group with one row, or with one cluster, has a mean
 * but no interval (null). Columns are read at the boundary (numbers, groups in koe's one order,
 * weights zero or positive); options are strict.
 *
 * With exactly two groups in `by`, `difference` is the second group's mean minus the first's
 * (koe's order: for yes/no, yes − no) under the same weights, with its error from one regression
 * `y ~ group` on both groups' rows (R: `lm(y ~ g, weights = w)` with `coef_test(vcov = "CR2",
 * test = "Satterthwaite")`), clustered across both groups — a company with people in both is one
 * cluster, which two separate means' errors cannot account for. With `weights: "company"` each
 * row weighs 1/(rows of its company in its group), so the difference is that of the two groups'
 * means of company means. Without `cluster` the error is HC1 on n − 2 df (for Welch's test see
 * `welchTest`).
 * @example
 * const t = aq.table({ y: [1, 2, 3, 10, 12], co: ["a", "a", "a", "b", "b"] });
 * groupMeans(t, { outcome: "y" }).groups[0].mean // => 5.6
 * groupMeans(t, { outcome: "y", cluster: "co", weights: "company" }).groups[0].mean // => 6.5
 * groupMeans(t, { outcome: "y", weights: "company" }) // throws: pass cluster: "company"
 * const two = aq.table({ y: [1, 2, 3, 4, 10, 12, 6, 9], g: [0, 0, 0, 0, 1, 1, 1, 1], co: ["a", "a", "a", "b", "a", "b", "b", "b"] });
 * groupMeans(two, { outcome: "y", by: "g", cluster: "co", weights: "company" }).difference.estimate.toFixed(2) // => "6.50"
 */
export function groupMeans(table: Table, options: GroupMeansOptions): GroupMeansResult {
  const fn = "groupMeans";
  requireTable(fn, table);
  // A misspelt mode ("compnay") names the two modes and the nearest, as every other choice does;
  // the union with `{ column }` would otherwise only say "invalid input".
  const mode = (options as { weights?: unknown } | undefined)?.weights;
  const modes = ["person", "company"];
  if (typeof mode === "string" && !modes.includes(mode)) throw KoeArgumentError.of(boundaryMessages.badOptionEnum, { fn, key: "weights", value: mode, allowed: modes, suggestion: closest(mode, modes) });
  const o = parseOptions(fn, GroupMeansOptions, options);
  const { confLevel } = o;
  if (o.weights === "company" && o.cluster === undefined) throw KoeArgumentError.of(m.companyWeightsNeedCluster, { fn });
  const t = table.isFiltered() || table.isOrdered() ? table.reify() : table;
  const missing = o.missing ? { missing: o.missing } : {};
  const y = numericColumn(fn, t, o.outcome, { option: "outcome", ...missing });
  const cluster = o.cluster !== undefined ? resolveColumn(fn, t, o.cluster, "cluster") : null;
  const by = o.by !== undefined ? groupColumn(fn, t, o.by, { option: "by", ...missing }) : null;
  const weightColumn = typeof o.weights === "object" ? numericColumn(fn, t, o.weights.column, { option: "weights", ...missing }) : null;
  requireDistinct(fn, { outcome: y.column, by: by?.column ?? null, cluster, weights: weightColumn?.column ?? null });
  const w = weightColumn?.values ?? null;
  if (w) for (let i = 0; i < w.length; i++) if (w[i]! < 0) throw KoeArgumentError.of(effectMessages.negativeWeight, { fn, column: weightColumn!.column, row: i + 1, value: w[i]! });
  const cl = cluster ? columnValues(t, cluster, fn) : null;
  const total = t.numRows();
  const levels = by ? by.levels : [{ level: null, label: null }];
  const rowsOf: number[][] = levels.map(() => []);
  for (let i = 0; i < total; i++) {
    if (y.values[i] !== y.values[i]) continue;
    if (w && w[i] !== w[i]) continue;
    if (cl && blank(cl[i])) continue;
    const g = by ? by.codes[i]! : 0;
    if (g < 0) continue;
    rowsOf[g]!.push(i);
  }
  // Nothing to average at all is an error naming the column, never a table of empty groups.
  if (rowsOf.every((r) => r.length === 0)) throw KoeError.of(m.noRows, { fn, column: y.column });
  let vcov: VcovType = cluster ? CLUSTERED : "HC1";
  /** The weights of one group's rows: the column's, or 1/(rows of the person's cluster in the group) for "company"; null for "person". */
  const weightsOf = (rows: readonly number[], ids: { ids: Int32Array; count: number } | null): Float64Array | null => {
    if (o.weights !== "company") return w ? Float64Array.from(rows, (i) => w[i]!) : null;
    const size = new Float64Array(ids!.count);
    for (const id of ids!.ids) size[id]!++;
    return Float64Array.from(ids!.ids, (id) => 1 / size[id]!);
  };
  const groups = levels.map((lv, g): GroupMean => {
    const rows = rowsOf[g]!;
    const n = rows.length;
    const ids = cl ? clusterIds(cl, rows) : null;
    const weights = weightsOf(rows, ids);
    const yy = Float64Array.from(rows, (i) => y.values[i]!);
    const head = { group: lv.level, label: by ? lv.label : null, n, clusters: ids ? ids.count : null };
    let sw = 0;
    let sy = 0;
    for (let k = 0; k < n; k++) {
      const wk = weights ? weights[k]! : 1;
      sw += wk;
      sy += wk * yy[k]!;
    }
    const mean = sy / sw;
    if (n < 2 || (ids && ids.count < 2) || !(sw > 0)) return { ...head, mean: n === 0 ? Number.NaN : mean, stdError: null, df: null, ciLow: null, ciHigh: null };
    const fit = fitOls({
      fn, x: new Float64Array(n).fill(1), y: yy, n, p: 1, terms: ["(Intercept)"], weights, type: vcov,
      ...(ids ? { clusterIds: ids, clusterName: cluster } : {}), confLevel, nMissing: total - n,
    });
    vcov = fit.vcovType;
    const c = fit.coefficients[0]!;
    const df = (c as { df?: number }).df ?? fit.df;
    return { ...head, mean: c.estimate, stdError: c.stdError, df, ciLow: c.ciLow, ciHigh: c.ciHigh };
  });
  const used = rowsOf.reduce((s, r) => s + r.length, 0);
  let difference: MeanDifference | null = null;
  if (by && levels.length === 2 && rowsOf.every((r) => r.length > 0)) {
    // y ~ group on both groups' rows: each group's weights as for its mean, so the coefficient is the difference of the two means.
    const [a, b] = rowsOf as [number[], number[]];
    const rows = [...a, ...b];
    const n = rows.length;
    const x = new Float64Array(2 * n);
    for (let k = 0; k < n; k++) {
      x[2 * k] = 1;
      x[2 * k + 1] = k < a.length ? 0 : 1;
    }
    const part = (r: number[]) => weightsOf(r, cl ? clusterIds(cl, r) : null);
    const wa = part(a);
    const wb = part(b);
    let weights: Float64Array | null = null;
    if (wa && wb) {
      weights = new Float64Array(n);
      weights.set(wa);
      weights.set(wb, a.length);
    }
    const ids = cl ? clusterIds(cl, rows) : null;
    const head = { second: levels[1]!.level, first: levels[0]!.level };
    const fit = n > 2 && (!ids || ids.count >= 2)
      ? fitOls({
        fn, x, y: Float64Array.from(rows, (i) => y.values[i]!), n, p: 2, terms: ["(Intercept)", "group"], weights, type: vcov,
        ...(ids ? { clusterIds: ids, clusterName: cluster } : {}), confLevel, nMissing: total - n,
      })
      : null;
    const c = fit?.coefficients[1];
    const estimate = groups[1]!.mean - groups[0]!.mean;
    difference = c
      ? { ...head, estimate: c.estimate, stdError: c.stdError, df: (c as { df?: number }).df ?? fit!.df, ciLow: c.ciLow, ciHigh: c.ciHigh, pValue: c.pValue }
      : { ...head, estimate, stdError: null, df: null, ciLow: null, ciHigh: null, pValue: null };
  }
  const who = o.weights === "person" ? "each person once" : o.weights === "company" ? `each ${cluster} once (mean of ${cluster} means)` : `weighted by ${weightColumn!.column}`;
  const result: GroupMeansResult = {
    method: `Group means (${who}; ${cluster ? `cluster-robust by ${cluster}` : "HC1"} intervals)`,
    weights: typeof o.weights === "object" ? "column" : o.weights,
    vcov,
    confLevel,
    groups,
    difference,
    nMissing: total - used,
    toTable: () => aq.from(groups),
  };
  Object.defineProperty(result, "toTable", { enumerable: false });
  return result;
}
