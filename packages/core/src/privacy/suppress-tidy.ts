import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import { z } from "zod";
import { closest } from "../boundary/closest.js";
import { boundaryMessages } from "../errors/boundary-messages.js";
import { KoeArgumentError } from "../errors/errors.js";
import { compareNatural } from "../model/segment-order.js";
import { buildStructure, keyOf, valueKey, type CountStructure } from "./count-structure.js";
import { optionRules, privacyMessages } from "./messages.js";
import { parseOptions, PrivacyOptions } from "./min-group-size.js";
import { SUPPRESSION_RULE, suppressBlocks } from "./suppress-blocks.js";
import type { SuppressionSummary } from "./suppress-matrix.js";

/**
 * Options for tidy counts (zod schema; the type of the same name is its output): the
 * {@link PrivacyOptions} plus
 * - `count` (default `"n"`): the column holding each group's size;
 * - `row` (required): the column naming the group — alone, a 1-D table published with its total;
 * - `column` (optional): a second dimension — then a cross-table with row, column and grand totals;
 * - `complete` (default `false`): also output a row (count 0) for every row × column combination
 *   absent from the input, so a chart or CSV shows the full grid.
 * Combinations absent from the input are counted as 0 either way: pass complete counts (e.g. from
 * `groupby(...).count()` on the whole population), not a filtered subset. Without `complete`, an
 * absent combination has no row to hide, so it counts as a published 0.
 * @example
 * TidySuppressionOptions.parse({ row: "generation" }).count // => "n"
 */
export const TidySuppressionOptions = PrivacyOptions.extend({
  count: z.string({ error: optionRules.column.en }).min(1, { error: optionRules.column.en }).default("n"),
  row: z.string({ error: optionRules.rowColumn.en }).min(1, { error: optionRules.column.en }),
  column: z.string({ error: optionRules.column.en }).min(1, { error: optionRules.column.en }).optional(),
  complete: z.boolean({ error: optionRules.trueOrFalse.en }).default(false),
});
export type TidySuppressionOptions = z.output<typeof TidySuppressionOptions>;
export type TidySuppressionOptionsInput = z.input<typeof TidySuppressionOptions>;

/** An input row after suppression: where hidden, every column but the dimensions is null. */
export type SuppressedRow<T extends Record<string, unknown> = Record<string, unknown>> = { [K in keyof T]: T[K] | null } & {
  suppressed: boolean;
};

/** A total of the tidy table: per row key, per column key, and the grand total; `count` is null where hidden (or not published). */
export interface TotalRow {
  margin: "row" | "column" | "grand";
  /** The dimension value (null for the grand total). */
  key: unknown;
  count: number | null;
  suppressed: boolean;
}

/** Suppressed tidy counts: what may be published. */
export interface TidySuppression<T extends Record<string, unknown> = Record<string, unknown>> {
  /** The input rows (and, with `complete`, the absent combinations), with `suppressed` added, in the dimensions' natural order. */
  rows: SuppressedRow<T>[];
  /** The same rows as an arquero table. */
  table: ColumnTable;
  /** The totals that may be published next to the rows (1-D: only the grand total), in natural order. */
  totals: TotalRow[];
  summary: SuppressionSummary;
  options: TidySuppressionOptions;
  rule: typeof SUPPRESSION_RULE;
}

const ADDED = "suppressed";

function isTable(x: unknown): x is ColumnTable {
  return x instanceof aq.ColumnTable;
}

/** Tidy counts read and checked, the rule applied: the common part of suppression and its explanation. */
export interface TidyRun {
  opts: TidySuppressionOptions;
  names: string[];
  dims: string[];
  /** Output rows before blanking: the input rows, then the completed ones, in natural order. */
  rows: Record<string, unknown>[];
  structure: CountStructure;
  hidden: boolean[];
  primary: boolean[];
  /** Node of each output row. */
  nodeOfRow: number[];
  /** Totals: margin, key, node (or null for a total of an empty table). */
  totals: { margin: TotalRow["margin"]; key: unknown; node: number }[];
}

/** Reads tidy counts (rows of objects or an arquero table) and applies the rule. */
export function runTidy(fn: string, input: unknown, options: unknown, reserved: readonly string[]): TidyRun {
  const opts = parseOptions(fn, TidySuppressionOptions, options);
  const { count, row, column, complete } = opts;
  let names: string[];
  let rows: Record<string, unknown>[];
  if (isTable(input)) {
    names = input.columnNames();
    rows = input.objects() as Record<string, unknown>[];
  } else {
    if (!Array.isArray(input)) throw KoeArgumentError.of(privacyMessages.notCountInput, { fn });
    rows = input.map((x, i) => {
      if (x === null || typeof x !== "object" || Array.isArray(x)) throw KoeArgumentError.of(privacyMessages.notARow, { fn, row: i + 1 });
      return x as Record<string, unknown>;
    });
    const seen = new Set<string>();
    for (const x of rows) for (const k of Object.keys(x)) seen.add(k);
    names = [...seen];
  }
  const roles: [option: string, column: string][] = [["count", count], ["row", row], ...(column === undefined ? [] : [["column", column] as [string, string]])];
  for (const [option, name] of roles) {
    const same = roles.filter(([, other]) => other === name);
    if (same.length > 1) throw KoeArgumentError.of(boundaryMessages.sameColumnTwice, { fn, column: name, roles: same.map(([o]) => o) });
    if ((rows.length > 0 || isTable(input)) && !names.includes(name)) {
      throw KoeArgumentError.of(boundaryMessages.noColumn, { fn, column: name, option, suggestion: closest(name, names), columns: names });
    }
  }
  for (const name of reserved) if (names.includes(name)) throw KoeArgumentError.of(privacyMessages.reservedColumn, { fn, column: name });

  const dims = column === undefined ? [row] : [row, column];
  const counts = new Map<string, number>();
  const groups = new Map<string, Record<string, unknown>>();
  const firstRow = new Map<string, number>();
  rows.forEach((x, k) => {
    const v = x[count];
    if (typeof v !== "number" || !Number.isInteger(v) || v < 0) throw KoeArgumentError.of(privacyMessages.notACountRow, { fn, row: k + 1, column: count, value: v });
    const g = Object.fromEntries(dims.map((d) => [d, x[d] ?? null]));
    const key = keyOf(g);
    const first = firstRow.get(key);
    if (first !== undefined) {
      const group = dims.map((d) => String(x[d])).join(" × ");
      throw KoeArgumentError.of(privacyMessages.repeatedGroup, { fn, first: first + 1, again: k + 1, group });
    }
    firstRow.set(key, k);
    counts.set(key, v);
    groups.set(key, g);
  });
  const structure = buildStructure([{ name: "t", dims, counts, groups, totals: opts.showTotals, complete }]);
  const result = suppressBlocks(structure, { minSize: opts.minSize, suppressZeros: opts.suppressZeros });
  const ids = structure.index.get("t")!;

  // Output rows: the input's, then (complete) one per absent combination; natural order, never input order.
  const out = [...rows];
  if (complete && column !== undefined) {
    const values = (d: string) => [...new Map(rows.map((x) => [valueKey(x[d] ?? null), x[d] ?? null])).values()];
    for (const a of values(row)) for (const b of values(column)) if (!counts.has(keyOf({ [row]: a, [column]: b }))) out.push({ [row]: a, [column]: b, [count]: 0 });
  }
  out.sort((a, b) => {
    for (const d of dims) {
      const c = compareNatural(d, a[d], b[d]);
      if (c !== 0) return c;
    }
    return 0;
  });
  const nodeOfRow = out.map((x) => ids.get(keyOf(Object.fromEntries(dims.map((d) => [d, x[d] ?? null]))))!);

  const sorted = (d: string) => [...new Map(rows.map((x) => [valueKey(x[d] ?? null), x[d] ?? null])).values()].sort((a, b) => compareNatural(d, a, b));
  const totals: TidyRun["totals"] = [];
  if (rows.length > 0) {
    if (column !== undefined) {
      for (const key of sorted(row)) totals.push({ margin: "row", key, node: ids.get(keyOf({ [row]: key }))! });
      for (const key of sorted(column)) totals.push({ margin: "column", key, node: ids.get(keyOf({ [column]: key }))! });
    }
    totals.push({ margin: "grand", key: null, node: ids.get(keyOf({}))! });
  }
  return { opts, names, dims, rows: out, structure, hidden: result.hidden, primary: result.primary, nodeOfRow, totals };
}

/** Tidy form of {@link suppressSmallGroups} (rows of objects or an arquero table). */
export function suppressTidy(fn: string, input: unknown, options: unknown): TidySuppression {
  const run = runTidy(fn, input, options, [ADDED]);
  const { opts, names, dims, structure, hidden } = run;
  // The hidden number (and anything derived from it) never leaves this function.
  const outRows = run.rows.map((x, i): SuppressedRow => {
    const h = hidden[run.nodeOfRow[i]!]!;
    const o: Record<string, unknown> = {};
    for (const name of names) o[name] = h && !dims.includes(name) ? null : (x[name] ?? null);
    o[ADDED] = h;
    return o as SuppressedRow;
  });
  const totals: TotalRow[] = run.totals.map(({ margin, key, node }) => {
    const shown = opts.showTotals && !hidden[node];
    return { margin, key, count: shown ? structure.nodes[node]!.value : null, suppressed: !shown };
  });
  if (run.rows.length === 0) totals.push({ margin: "grand", key: null, count: opts.showTotals ? 0 : null, suppressed: !opts.showTotals });
  const allNames = [...names, ADDED];
  const table = aq.table(Object.fromEntries(allNames.map((name) => [name, outRows.map((x) => x[name])])));
  const cells = run.nodeOfRow.length;
  const hiddenCells = run.nodeOfRow.filter((k) => hidden[k]).length;
  const hiddenTotals = opts.showTotals ? run.totals.filter(({ node }) => hidden[node]).length : 0;
  return { rows: outRows, table, totals, summary: { cells, hiddenCells, hiddenTotals }, options: opts, rule: SUPPRESSION_RULE };
}
