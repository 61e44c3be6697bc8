// Comparisons of groups of a table: options parsed strictly, the outcome read as numbers and the
// group column read once with one order rule (see group-column.ts), then the numeric kernels.
import * as aq from "arquero";
import { z } from "zod";
import { localize, warningOf, type KoeWarning } from "../errors/catalogue.js";
import { InsufficientDataError, KoeArgumentError, KoeError } from "../errors/errors.js";
import { analyzeMessages as am } from "../errors/analyze-messages.js";
import { statsMessages as sm } from "../errors/stats-messages.js";
import { parseOptions } from "../boundary/options.js";
import { requireDistinct, requireTable } from "../boundary/columns.js";
import { numericColumn, type NumericColumn } from "../boundary/roles.js";
import type { Table } from "../model/table.js";
import { kruskalWallis, oneWayAnova, welchAnova } from "../stats/anova.js";
import { chiSquareTest, type ChiSquareResult } from "../stats/chi-square.js";
import { insufficientData } from "../stats/clean.js";
import { kendall, pearson, spearman } from "../stats/correlation.js";
import { cohensD, hedgesG } from "../stats/effect-sizes.js";
import { mean, variance } from "../stats/moments.js";
import { mannWhitneyU } from "../stats/rank-tests.js";
import { ESTIMATE_KEYS, makeResult, type Result, type TidyTable } from "../stats/result.js";
import { pairedTTest, studentTTest, welchTTest } from "../stats/t-tests.js";
import { chooseGroups, groupColumn, resolveLevel, type GroupColumn } from "./group-column.js";

const GroupValue = z.union([z.string(), z.number(), z.boolean()]);
const Alternative = z.enum(["two-sided", "less", "greater"]);
const ConfLevel = z.number().gt(0).lt(1);
/** Cell texts meaning "no answer" in the outcome and group columns (default "", NA, N/A, 無回答). */
const Missing = z.array(z.string()).optional();

const twoGroupShape = {
  /** The numeric column compared (numbers, numeric text, answer labels are refused unless numbers). */
  outcome: z.string(),
  /** The column whose two groups are compared. */
  group: z.string(),
  /** Which group comes first (the estimate is first − second); values as in the column or as koe reads them (`[true, false]`, `[1, 0]`, `["はい", "いいえ"]`). Default: false/0/いいえ first, vocabulary order, numbers ascending, text sorted. */
  order: z.array(GroupValue).length(2).optional(),
  missing: Missing,
};
export const TwoGroupOptions = z.object(twoGroupShape);
export type TwoGroupOptions = z.input<typeof TwoGroupOptions>;

export const TTestTableOptions = z.object({ ...twoGroupShape, alternative: Alternative.optional(), confLevel: ConfLevel.optional(), mu: z.number().optional() });
export type TTestTableOptions = z.input<typeof TTestTableOptions>;

export const RankTestTableOptions = z.object({ ...twoGroupShape, alternative: Alternative.optional(), mu: z.number().optional(), exact: z.boolean().optional(), correct: z.boolean().optional() });
export type RankTestTableOptions = z.input<typeof RankTestTableOptions>;

export const StandardizedDifferenceOptions = z.object({ ...twoGroupShape, kind: z.enum(["cohen", "hedges"]).default("hedges"), confLevel: ConfLevel.optional() });
export type StandardizedDifferenceOptions = z.input<typeof StandardizedDifferenceOptions>;

export const GroupsTestOptions = z.object({
  outcome: z.string(),
  group: z.string(),
  /** The groups to compare, in this order (default: every group, in the column's order). */
  order: z.array(GroupValue).min(2).optional(),
  method: z.enum(["anova", "welch", "kruskal"]).default("welch"),
  missing: Missing,
});
export type GroupsTestOptions = z.input<typeof GroupsTestOptions>;

export const PairedTestOptions = z.object({ x: z.string(), y: z.string(), alternative: Alternative.optional(), confLevel: ConfLevel.optional(), mu: z.number().optional(), missing: Missing });
export type PairedTestOptions = z.input<typeof PairedTestOptions>;

export const CorrelationTestOptions = z.object({
  x: z.string(),
  y: z.string(),
  method: z.enum(["pearson", "spearman", "kendall"]).default("pearson"),
  alternative: Alternative.optional(),
  confLevel: ConfLevel.optional(),
  exact: z.boolean().optional(),
  missing: Missing,
});
export type CorrelationTestOptions = z.input<typeof CorrelationTestOptions>;

export const CrossTabOptions = z.object({
  row: z.string(),
  column: z.string(),
  /** Levels to put first (the rest follow in the column's order). */
  rowOrder: z.array(GroupValue).optional(),
  columnOrder: z.array(GroupValue).optional(),
  missing: Missing,
});
export type CrossTabOptions = z.input<typeof CrossTabOptions>;

export const IndependenceTestOptions = CrossTabOptions.extend({ correct: z.boolean().optional() });
export type IndependenceTestOptions = z.input<typeof IndependenceTestOptions>;

/** One group of a comparison: how koe reads it, the user's own value, and its outcome's summary. */
export interface GroupSummary {
  /** `false`/`true` for yes/no columns, the vocabulary id, the number or the text. */
  level: unknown;
  /** The user's value for the group as first seen in the column, as text. */
  label: string;
  /** Rows of the group with an outcome. */
  n: number;
  /** Rows of the group without one. */
  nMissing: number;
  mean: number | null;
  sd: number | null;
}

/** A comparison's result with its groups named: `groups` in order (the estimate is first − second) and `groupTable()`. */
export type GroupedResult<R> = R & { groups: GroupSummary[]; groupTable(): TidyTable };

const drop = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };

interface Split {
  y: NumericColumn;
  g: GroupColumn;
  chosen: number[];
  values: Float64Array[];
  groups: GroupSummary[];
  /** Rows dropped: a missing group, or a missing outcome in a compared group. */
  nMissing: number;
}

/** The outcome's present values by chosen group, their summaries, and the rows dropped. */
function split(fn: string, table: Table, o: { outcome: string; group: string; order?: readonly unknown[] | undefined; missing?: string[] | undefined }, exactly?: number): Split {
  requireTable(fn, table);
  const missing = o.missing === undefined ? {} : { missing: o.missing };
  const y = numericColumn(fn, table, o.outcome, { option: "outcome", ...missing });
  const g = groupColumn(fn, table, o.group, { option: "group", missing: o.missing });
  requireDistinct(fn, { outcome: y.column, group: g.column });
  const chosen = chooseGroups(fn, g, o.order, exactly);
  const slot = new Int32Array(g.levels.length).fill(-1);
  chosen.forEach((c, k) => (slot[c] = k));
  const present = new Int32Array(chosen.length);
  const absent = new Int32Array(chosen.length);
  const codes = g.codes;
  const yv = y.values;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    if (c < 0) continue;
    const k = slot[c]!;
    if (k < 0) continue;
    if (yv[i] === yv[i]) present[k]!++;
    else absent[k]!++;
  }
  const values = chosen.map((_, k) => new Float64Array(present[k]!));
  const fill = new Int32Array(chosen.length);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    if (c < 0) continue;
    const k = slot[c]!;
    const v = yv[i]!;
    if (k >= 0 && v === v) values[k]![fill[k]!++] = v;
  }
  const groups = chosen.map((c, k): GroupSummary => {
    const xs = values[k]!;
    const mu = xs.length > 0 ? mean(xs) : null;
    return { level: g.levels[c]!.level, label: g.levels[c]!.label, n: xs.length, nMissing: absent[k]!, mean: mu, sd: xs.length > 1 ? Math.sqrt(variance(xs, mu!)) : null };
  });
  const nMissing = g.nMissing + absent.reduce((a, b) => a + b, 0);
  return { y, g, chosen, values, groups, nMissing };
}

/** Runs a kernel on the groups; its too-little-data and constant-data errors are rethrown in the user's terms (function, column, group). */
function inTermsOf<R>(fn: string, column: string, labels: readonly string[], kernel: () => R): R {
  try {
    return kernel();
  } catch (e) {
    if (!(e instanceof KoeError)) throw e;
    if (e instanceof InsufficientDataError && e.params.reason === "constant") {
      const err = new InsufficientDataError(fn, 2, 0, column, localize(sm.constant, { fn, column }));
      Object.assign(err.params as Record<string, unknown>, { reason: "constant" });
      throw err;
    }
    if (e instanceof InsufficientDataError) {
      const k = e.column === "x" ? 0 : e.column === "y" ? 1 : typeof e.params.group === "string" ? Number(e.params.group) - 1 : -1;
      throw insufficientData(fn, e.needed, e.found, { column, group: labels[k] ?? null });
    }
    if (e.code === sm.zeroVarianceGroup.code) throw KoeArgumentError.of(sm.zeroVarianceGroup, { fn, group: labels[Number(e.params.group) - 1] ?? String(e.params.group) });
    throw e;
  }
}

/** The kernel's result with the table's missing count, the named groups, and a tidy table naming them (`group1`, `group2`). */
function grouped<R extends Result>(result: R, s: Split, withLabels: boolean): GroupedResult<R> {
  const fields = { ...result, nMissing: s.nMissing, groups: s.groups } as GroupedResult<R>;
  Object.defineProperty(fields, "toTable", {
    enumerable: false,
    value: () =>
      aq.table({
        ...Object.fromEntries(ESTIMATE_KEYS.map((k) => [k, [fields[k]]])),
        ...(withLabels ? { group1: [s.groups[0]!.label], group2: [s.groups[1]!.label] } : {}),
      }),
  });
  Object.defineProperty(fields, "groupTable", {
    enumerable: false,
    value: () => aq.table({
      level: s.groups.map((g) => g.level),
      label: s.groups.map((g) => g.label),
      n: s.groups.map((g) => g.n),
      nMissing: s.groups.map((g) => g.nMissing),
      mean: s.groups.map((g) => g.mean),
      sd: s.groups.map((g) => g.sd),
    }),
  });
  return fields;
}

const labelsOf = (s: Split) => s.groups.map((g) => g.label);

/**
 * Welch's t-test of `outcome` between the two groups of `group`, as R's `t.test(outcome ~ group)`:
 * the estimate is mean(first) − mean(second), the groups in R's order (false/0/いいえ first; the
 * model's segments in natural order; numbers ascending; text sorted) unless `order` says otherwise.
 * The result names its groups (`groups`, `groupTable()`, `group1`/`group2` in `toTable()`); rows
 * with a missing group or outcome are dropped and counted in `nMissing`.
 * @example
 * welchTest(respondents, { outcome: "eng_01_post", group: "cross_boundary" }).groups.map((g) => g.level) // => [false, true]
 * welchTest(respondents, { outcome: "eng_01_post", group: "cross_boundary" }).estimate // => -0.560  (others − participants, as R)
 * welchTest(respondents, { outcome: "eng_01_post", group: "cross_boundary", order: [true, false] }).estimate // => 0.560
 */
export function welchTest(table: Table, options: TTestTableOptions): GroupedResult<ReturnType<typeof welchTTest>> {
  const fn = "welchTest";
  const o = parseOptions(fn, TTestTableOptions, options);
  const s = split(fn, table, o, 2);
  return grouped(inTermsOf(fn, s.y.column, labelsOf(s), () => welchTTest(s.values[0]!, s.values[1]!, drop({ alternative: o.alternative, confLevel: o.confLevel, mu: o.mu }))), s, true);
}

/** Student's t-test (pooled variance) between two groups of a table, as R's `t.test(y ~ g, var.equal = TRUE)`; groups as {@link welchTest}. */
export function studentTest(table: Table, options: TTestTableOptions): GroupedResult<ReturnType<typeof studentTTest>> {
  const fn = "studentTest";
  const o = parseOptions(fn, TTestTableOptions, options);
  const s = split(fn, table, o, 2);
  return grouped(inTermsOf(fn, s.y.column, labelsOf(s), () => studentTTest(s.values[0]!, s.values[1]!, drop({ alternative: o.alternative, confLevel: o.confLevel, mu: o.mu }))), s, true);
}

/**
 * Paired t-test of two columns of the same people (e.g. after and before): the mean of x − y, as
 * R's `t.test(x, y, paired = TRUE)`; rows missing either side are dropped and counted.
 */
export function pairedTest(table: Table, options: PairedTestOptions): ReturnType<typeof pairedTTest> {
  const fn = "pairedTest";
  const o = parseOptions(fn, PairedTestOptions, options);
  const [x, y] = twoColumns(fn, table, o);
  return inPairs(fn, x.column, y.column, () => pairedTTest(x.values, y.values, drop({ alternative: o.alternative, confLevel: o.confLevel, mu: o.mu })));
}

/** Wilcoxon rank-sum (Mann–Whitney) test between two groups of a table, as R's `wilcox.test(y ~ g)`; groups as {@link welchTest}. */
export function mannWhitneyTest(table: Table, options: RankTestTableOptions): GroupedResult<ReturnType<typeof mannWhitneyU>> {
  const fn = "mannWhitneyTest";
  const o = parseOptions(fn, RankTestTableOptions, options);
  const s = split(fn, table, o, 2);
  return grouped(inTermsOf(fn, s.y.column, labelsOf(s), () => mannWhitneyU(s.values[0]!, s.values[1]!, drop({ alternative: o.alternative, mu: o.mu, exact: o.exact, correct: o.correct }))), s, true);
}

/** Standardised mean difference (first − second) between two groups of a table: Cohen's d or Hedges' g (default); groups as {@link welchTest}. */
export function standardizedDifference(table: Table, options: StandardizedDifferenceOptions): GroupedResult<ReturnType<typeof cohensD>> {
  const fn = "standardizedDifference";
  const o = parseOptions(fn, StandardizedDifferenceOptions, options);
  const s = split(fn, table, o, 2);
  const opts = drop({ confLevel: o.confLevel });
  return grouped(inTermsOf(fn, s.y.column, labelsOf(s), () => (o.kind === "cohen" ? cohensD(s.values[0]!, s.values[1]!, opts) : hedgesG(s.values[0]!, s.values[1]!, opts))), s, true);
}

/** Compares several groups: one-way ANOVA, Welch's ANOVA (default) or Kruskal–Wallis; `groups` names them in the column's order. */
export function groupsTest(table: Table, options: GroupsTestOptions): GroupedResult<Result> {
  const fn = "groupsTest";
  const o = parseOptions(fn, GroupsTestOptions, options);
  const s = split(fn, table, o);
  const r = inTermsOf(fn, s.y.column, labelsOf(s), () => (o.method === "anova" ? oneWayAnova(s.values) : o.method === "kruskal" ? kruskalWallis(s.values) : welchAnova(s.values)));
  return grouped(r, s, false);
}

function twoColumns(fn: string, table: Table, o: { x: string; y: string; missing?: string[] | undefined }): [NumericColumn, NumericColumn] {
  requireTable(fn, table);
  const missing = o.missing === undefined ? {} : { missing: o.missing };
  const x = numericColumn(fn, table, o.x, { option: "x", ...missing });
  const y = numericColumn(fn, table, o.y, { option: "y", ...missing });
  requireDistinct(fn, { x: x.column, y: y.column });
  return [x, y];
}

function inPairs<R>(fn: string, x: string, y: string, kernel: () => R): R {
  try {
    return kernel();
  } catch (e) {
    if (e instanceof InsufficientDataError) {
      if (e.params.reason === "constant") {
        const err = new InsufficientDataError(fn, 2, 0, null, localize(sm.constant, { fn, column: `${x} − ${y}` }));
        Object.assign(err.params as Record<string, unknown>, { reason: "constant" });
        throw err;
      }
      throw insufficientData(fn, e.needed, e.found, { what: localize(am.completePairsOf, { x, y }) });
    }
    if (e instanceof KoeError && e.code === sm.constantVariable.code) throw KoeArgumentError.of(sm.constantVariable, { fn, column: `${x}" or "${y}` });
    throw e;
  }
}

/** Correlation of two columns (complete pairs): Pearson (default), Spearman or Kendall, as R's `cor.test(x, y, method)`. */
export function correlationTest(table: Table, options: CorrelationTestOptions): Result {
  const fn = "correlationTest";
  const o = parseOptions(fn, CorrelationTestOptions, options);
  const [x, y] = twoColumns(fn, table, o);
  const opts = drop({ alternative: o.alternative, confLevel: o.confLevel, exact: o.exact });
  return inPairs(fn, x.column, y.column, () => (o.method === "spearman" ? spearman(x.values, y.values, opts) : o.method === "kendall" ? kendall(x.values, y.values, opts) : pearson(x.values, y.values, opts)));
}

/** The levels of a group column, those in `first` leading and the rest in the column's order. */
function orderedLevels(fn: string, g: GroupColumn, first: readonly unknown[] | undefined): number[] {
  const lead = (first ?? []).map((v) => resolveLevel(fn, g, v));
  return [...new Set([...lead, ...g.levels.map((_, i) => i)])];
}

export interface CrossTab {
  /** Row levels as koe reads them (false/true, vocabulary ids, numbers, text), in order. */
  rows: unknown[];
  columns: unknown[];
  /** The user's own values for the levels, as first seen. */
  rowLabels: string[];
  columnLabels: string[];
  counts: number[][];
  /** Rows with either value missing (not counted). */
  nMissing: number;
}

/**
 * Counts of two categorical columns as a matrix, as R's `table(row, column)`: levels in the
 * columns' order (false before true; the model's segments in natural order; numbers ascending;
 * text sorted), with `rowOrder` / `columnOrder` put first; rows with a missing value are counted
 * in `nMissing`.
 * @example
 * crossTab(aq.table({ g: ["a", "b", "a"], h: [1, 0, 1] }), { row: "g", column: "h" }).counts // => [[0, 2], [1, 0]]
 */
export function crossTab(table: Table, options: CrossTabOptions): CrossTab {
  const fn = "crossTab";
  return tabulate(fn, table, parseOptions(fn, CrossTabOptions, options));
}

function tabulate(fn: string, table: Table, o: z.output<typeof CrossTabOptions>): CrossTab {
  requireTable(fn, table);
  const r = groupColumn(fn, table, o.row, { option: "row", missing: o.missing });
  const c = groupColumn(fn, table, o.column, { option: "column", missing: o.missing });
  requireDistinct(fn, { row: r.column, column: c.column });
  const ri = orderedLevels(fn, r, o.rowOrder);
  const ci = orderedLevels(fn, c, o.columnOrder);
  const rPos = new Int32Array(r.levels.length);
  ri.forEach((l, k) => (rPos[l] = k));
  const cPos = new Int32Array(c.levels.length);
  ci.forEach((l, k) => (cPos[l] = k));
  const counts = ri.map(() => new Array<number>(ci.length).fill(0));
  let nMissing = 0;
  for (let i = 0; i < r.codes.length; i++) {
    const a = r.codes[i]!;
    const b = c.codes[i]!;
    if (a < 0 || b < 0) nMissing++;
    else counts[rPos[a]!]![cPos[b]!]!++;
  }
  return {
    rows: ri.map((l) => r.levels[l]!.level),
    columns: ci.map((l) => c.levels[l]!.level),
    rowLabels: ri.map((l) => r.levels[l]!.label),
    columnLabels: ci.map((l) => c.levels[l]!.label),
    counts,
    nMissing,
  };
}

/**
 * Chi-square test of independence of two categorical columns of a table (as R's
 * `chisq.test(table(row, column))`), with the levels as {@link crossTab} orders them, rows with a
 * missing value counted in `nMissing`, and `warnings` when expected counts fall below 5.
 */
export function independenceTest(table: Table, options: IndependenceTestOptions): ChiSquareResult & { rowLevels: unknown[]; columnLevels: unknown[]; rowLabels: string[]; columnLabels: string[] } {
  const fn = "independenceTest";
  const o = parseOptions(fn, IndependenceTestOptions, options);
  const t = tabulate(fn, table, o);
  const chi = chiSquareTest(t.counts, drop({ correct: o.correct }));
  const warnings: KoeWarning[] = chi.warnings.map((w) => (w.code === sm.smallExpected.code ? warningOf(sm.smallExpected, { ...(w.params as { cells: number; total: number; minExpected: number }), fn }) : w));
  return makeResult({ ...chi, nMissing: t.nMissing, warnings, rowLevels: t.rows, columnLevels: t.columns, rowLabels: t.rowLabels, columnLabels: t.columnLabels });
}
