import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import { z } from "zod";
import { closest } from "../boundary/closest.js";
import { boundaryMessages } from "../errors/boundary-messages.js";
import { KoeArgumentError } from "../errors/errors.js";
import { optionRules, privacyMessages } from "./messages.js";
import { parseOptions, PrivacyOptions } from "./min-group-size.js";
import type { NodeStatus, SuppressionReason } from "./suppress-engine.js";
import { summarize, suppressNetwork, type SuppressionSummary } from "./suppress-matrix.js";
import { matrixNetwork, vectorNetwork } from "./table-network.js";

/**
 * Options for tidy counts (zod schema; the type of the same name is its output): the
 * {@link PrivacyOptions} plus
 * - `count` (default `"n"`): the column holding each group's size;
 * - `row` (required): the column naming the group — alone, a 1-D table published with its total;
 * - `column` (optional): a second dimension — then a cross-table with row, column and grand totals;
 * - `complete` (default `false`): also output a row (count 0) for every row × column combination
 *   absent from the input, so a chart or CSV shows the full grid.
 * Combinations absent from the input are counted as 0 either way: pass complete counts (e.g. from
 * `groupby(...).count()` on the whole population), not a filtered subset.
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
  suppressionReason: SuppressionReason | null;
};

/** A total of the tidy table: per row key, per column key, and the grand total; `count` is null where hidden. */
export interface TotalRow {
  margin: "row" | "column" | "grand";
  /** The dimension value (null for the grand total). */
  key: unknown;
  count: number | null;
  suppressed: boolean;
  suppressionReason: SuppressionReason | "unpublished" | null;
}

/** Suppressed tidy counts. */
export interface TidySuppression<T extends Record<string, unknown> = Record<string, unknown>> {
  /** The input rows (then the completed ones), with `suppressed` and `suppressionReason` added. */
  rows: SuppressedRow<T>[];
  /** The same rows as an arquero table. */
  table: ColumnTable;
  /** The totals that may be published next to the rows (1-D: only the grand total). */
  totals: TotalRow[];
  summary: SuppressionSummary;
  options: TidySuppressionOptions;
}

const ADDED = ["suppressed", "suppressionReason"] as const;

function isTable(x: unknown): x is ColumnTable {
  return x instanceof aq.ColumnTable;
}

/** A Map key for a dimension value: primitives as they are, anything else by its text. */
const keyOf = (v: unknown): unknown => (v !== null && typeof v === "object" ? String(v) : v);

/** Tidy form of {@link suppressSmallGroups} (rows of objects or an arquero table). */
export function suppressTidy(fn: string, input: readonly unknown[] | ColumnTable, options: unknown): TidySuppression {
  const opts = parseOptions(fn, TidySuppressionOptions, options);
  const { count, row, column, complete } = opts;
  let names: string[];
  let rows: Record<string, unknown>[];
  if (isTable(input)) {
    names = input.columnNames();
    rows = input.objects() as Record<string, unknown>[];
  } else {
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
  for (const name of ADDED) if (names.includes(name)) throw KoeArgumentError.of(privacyMessages.reservedColumn, { fn, column: name });

  // Index the groups and build the matrix (absent combinations are 0).
  const rowKeys: unknown[] = [];
  const colKeys: unknown[] = column === undefined ? [null] : [];
  const rowIndex = new Map<unknown, number>();
  const colIndex = new Map<unknown, number>();
  const at = (index: Map<unknown, number>, keys: unknown[], v: unknown) => {
    const k = keyOf(v);
    let i = index.get(k);
    if (i === undefined) {
      i = keys.length;
      index.set(k, i);
      keys.push(v);
    }
    return i;
  };
  const place = rows.map((x) => [at(rowIndex, rowKeys, x[row]), column === undefined ? 0 : at(colIndex, colKeys, x[column])] as const);
  const matrix = rowKeys.map(() => colKeys.map(() => 0));
  const firstRow = new Map<string, number>();
  rows.forEach((x, k) => {
    const [i, j] = place[k]!;
    const v = x[count];
    if (typeof v !== "number" || !Number.isInteger(v) || v < 0) throw KoeArgumentError.of(privacyMessages.notACountRow, { fn, row: k + 1, column: count, value: v });
    const cell = `${i},${j}`;
    const first = firstRow.get(cell);
    if (first !== undefined) {
      const group = column === undefined ? String(x[row]) : `${String(x[row])} × ${String(x[column])}`;
      throw KoeArgumentError.of(privacyMessages.repeatedGroup, { fn, first: first + 1, again: k + 1, group });
    }
    firstRow.set(cell, k);
    matrix[i]![j] = v;
  });

  // Decide, on a 1-D or 2-D network.
  const r = rowKeys.length;
  const c = colKeys.length;
  const net = column === undefined ? vectorNetwork(matrix.map((m) => m[0]!)) : matrixNetwork(matrix);
  const status = suppressNetwork(net, opts);
  const cellStatus = (i: number, j: number): NodeStatus => status[column === undefined ? i : i * c + j]!;

  // Output rows: the hidden number (and anything derived from it) never leaves this function.
  const dims = new Set(column === undefined ? [row] : [row, column]);
  const output = (x: Record<string, unknown>, s: NodeStatus): SuppressedRow => {
    const hidden = s === "primary" || s === "complementary";
    const out: Record<string, unknown> = {};
    for (const name of names) out[name] = hidden && !dims.has(name) ? null : (x[name] ?? null);
    return Object.assign(out, { suppressed: hidden, suppressionReason: hidden ? (s as SuppressionReason) : null });
  };
  const outRows = rows.map((x, k) => output(x, cellStatus(place[k]![0], place[k]![1])));
  if (complete && column !== undefined) {
    for (let i = 0; i < r; i++) {
      for (let j = 0; j < c; j++) {
        if (firstRow.has(`${i},${j}`)) continue;
        outRows.push(output({ [row]: rowKeys[i], [column]: colKeys[j], [count]: 0 }, cellStatus(i, j)));
      }
    }
  }

  const total = (margin: TotalRow["margin"], key: unknown, k: number): TotalRow => {
    const s = status[k]!;
    return { margin, key, count: s === null ? net.values[k]! : null, suppressed: s !== null, suppressionReason: s };
  };
  const totals: TotalRow[] =
    column === undefined
      ? [total("grand", null, r)]
      : [
          ...rowKeys.map((key, i) => total("row", key, r * c + i)),
          ...colKeys.map((key, j) => total("column", key, r * c + r + j)),
          total("grand", null, r * c + r + c),
        ];
  const allNames = [...names, ...ADDED];
  const table = aq.table(Object.fromEntries(allNames.map((name) => [name, outRows.map((x) => x[name])])));
  return { rows: outRows, table, totals, summary: summarize(net, status), options: opts };
}
