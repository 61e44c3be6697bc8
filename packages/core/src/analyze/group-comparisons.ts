import { KoeArgumentError } from "../errors/errors.js";
import type { Table } from "../model/table.js";
import { columnValues } from "./column-values.js";
import { kruskalWallis, oneWayAnova, welchAnova } from "../stats/anova.js";
import { chiSquareTest, type ChiSquareResult } from "../stats/chi-square.js";
import { pearson, spearman, kendall, type CorrelationOptions } from "../stats/correlation.js";
import { cohensD, hedgesG } from "../stats/effect-sizes.js";
import { mannWhitneyU, type RankTestOptions } from "../stats/rank-tests.js";
import type { Result } from "../stats/result.js";
import { pairedTTest, studentTTest, welchTTest, type TTestOptions } from "../stats/t-tests.js";

function column(fn: string, table: Table, name: string): ArrayLike<unknown> {
  return columnValues(table, name, fn);
}

const num = (v: unknown) => (typeof v === "number" ? v : Number.NaN);
const missingGroup = (v: unknown) => v === null || v === undefined || (typeof v === "number" && Number.isNaN(v));

/**
 * The outcome split by a group column, in the order given (default: the groups' first appearance;
 * booleans true before false). Rows with a missing group are dropped and counted.
 */
export function splitByGroup(fn: string, table: Table, outcome: string, group: string, order?: readonly unknown[]): { levels: unknown[]; values: number[][]; nMissingGroup: number } {
  const y = column(fn, table, outcome);
  const g = column(fn, table, group);
  const seen: unknown[] = [];
  let nMissingGroup = 0;
  for (let i = 0; i < g.length; i++) {
    const v = g[i];
    if (missingGroup(v)) nMissingGroup++;
    else if (!seen.includes(v)) seen.push(v);
  }
  const levels = order ? [...order] : seen.every((v) => typeof v === "boolean") ? [true, false].filter((b) => seen.includes(b)) : seen;
  for (const l of levels) if (!seen.includes(l)) throw new KoeArgumentError(`${fn}: group "${String(l)}" does not occur in column "${group}" (values: ${seen.map(String).join(", ")})`);
  const values = levels.map(() => [] as number[]);
  for (let i = 0; i < g.length; i++) {
    const k = levels.indexOf(g[i]);
    if (k >= 0) values[k]!.push(num(y[i]));
  }
  return { levels, values, nMissingGroup };
}

function twoGroups(fn: string, table: Table, outcome: string, group: string, order?: readonly unknown[]) {
  const s = splitByGroup(fn, table, outcome, group, order);
  if (s.levels.length !== 2) throw new KoeArgumentError(`${fn}: column "${group}" must have exactly 2 groups to compare (found ${s.levels.length}: ${s.levels.map(String).join(", ")}); pass order: [a, b]`);
  return s;
}

export interface TwoGroupOptions {
  outcome: string;
  group: string;
  /** Which group comes first: the estimate is first − second. */
  order?: readonly unknown[];
}

/**
 * Welch's t-test of `outcome` between the two groups of `group`, as R's `t.test(outcome ~ group)`.
 * @example
 * welchTest(table, { outcome: "engagement_post", group: "cross_boundary", order: [true, false] })
 */
export function welchTest(table: Table, { outcome, group, order, ...options }: TwoGroupOptions & TTestOptions) {
  const { values } = twoGroups("welchTest", table, outcome, group, order);
  return welchTTest(values[0]!, values[1]!, options);
}

/** Student's t-test (pooled variance) between two groups of a table. */
export function studentTest(table: Table, { outcome, group, order, ...options }: TwoGroupOptions & TTestOptions) {
  const { values } = twoGroups("studentTest", table, outcome, group, order);
  return studentTTest(values[0]!, values[1]!, options);
}

/** Paired t-test of two columns of the same people (e.g. before and after): after − before when given as `{ x: after, y: before }`. */
export function pairedTest(table: Table, { x, y, ...options }: { x: string; y: string } & TTestOptions) {
  return pairedTTest(Array.from(column("pairedTest", table, x), num), Array.from(column("pairedTest", table, y), num), options);
}

/** Wilcoxon rank-sum (Mann–Whitney) test between two groups of a table. */
export function mannWhitneyTest(table: Table, { outcome, group, order, ...options }: TwoGroupOptions & RankTestOptions) {
  const { values } = twoGroups("mannWhitneyTest", table, outcome, group, order);
  return mannWhitneyU(values[0]!, values[1]!, options);
}

/** Standardised mean difference between two groups of a table: Cohen's d or Hedges' g. */
export function standardizedDifference(table: Table, { outcome, group, order, kind = "hedges", confLevel }: TwoGroupOptions & { kind?: "cohen" | "hedges"; confLevel?: number }) {
  const { values } = twoGroups("standardizedDifference", table, outcome, group, order);
  const opts = confLevel === undefined ? {} : { confLevel };
  return kind === "cohen" ? cohensD(values[0]!, values[1]!, opts) : hedgesG(values[0]!, values[1]!, opts);
}

/** Compares several groups: one-way ANOVA, Welch's ANOVA (default) or Kruskal–Wallis. */
export function groupsTest(table: Table, { outcome, group, order, method = "welch" }: TwoGroupOptions & { method?: "anova" | "welch" | "kruskal" }): Result {
  const { values } = splitByGroup("groupsTest", table, outcome, group, order);
  return method === "anova" ? oneWayAnova(values) : method === "kruskal" ? kruskalWallis(values) : welchAnova(values);
}

/** Correlation of two columns (complete pairs): Pearson, Spearman or Kendall. */
export function correlationTest(table: Table, { x, y, method = "pearson", ...options }: { x: string; y: string; method?: "pearson" | "spearman" | "kendall" } & CorrelationOptions): Result {
  const a = Array.from(column("correlationTest", table, x), num);
  const b = Array.from(column("correlationTest", table, y), num);
  return method === "spearman" ? spearman(a, b, options) : method === "kendall" ? kendall(a, b, options) : pearson(a, b, options);
}

/** Counts of two categorical columns as a matrix (rows × columns, levels in first-seen order or as given). */
export function crossTab(table: Table, { row, column: col, rowOrder, columnOrder }: { row: string; column: string; rowOrder?: readonly unknown[]; columnOrder?: readonly unknown[] }): { rows: unknown[]; columns: unknown[]; counts: number[][] } {
  const r = column("crossTab", table, row);
  const c = column("crossTab", table, col);
  const levels = (a: ArrayLike<unknown>, order?: readonly unknown[]) => {
    const seen = [...new Set(Array.from(a).filter((v) => !missingGroup(v)))];
    return order ? [...order, ...seen.filter((v) => !order.includes(v))] : seen;
  };
  const rows = levels(r, rowOrder);
  const columns = levels(c, columnOrder);
  const counts = rows.map(() => columns.map(() => 0));
  for (let i = 0; i < r.length; i++) {
    const a = rows.indexOf(r[i]);
    const b = columns.indexOf(c[i]);
    if (a >= 0 && b >= 0) counts[a]![b]!++;
  }
  return { rows, columns, counts };
}

/** Chi-square test of independence of two categorical columns of a table. */
export function independenceTest(table: Table, options: { row: string; column: string; correct?: boolean }): ChiSquareResult & { rowLevels: unknown[]; columnLevels: unknown[] } {
  const t = crossTab(table, options);
  return Object.assign(chiSquareTest(t.counts, options.correct === undefined ? {} : { correct: options.correct }), { rowLevels: t.rows, columnLevels: t.columns });
}
