import * as aq from "arquero";
import { KoeArgumentError } from "../errors/errors.js";
import type { Table } from "../ingest/read-csv.js";
import { DEFAULT_MIN_GROUP_SIZE } from "./min-group-size.js";
import { suppressNodes, type Line, type SuppressionReason } from "./suppress-engine.js";

export interface SuppressionOptions {
  /** Smallest group that may be shown (default 5; use 10 for free-text comments). */
  minSize?: number;
  /** Row, column and grand totals are published (default true), so subtraction must be prevented. */
  showTotals?: boolean;
  /** Hide zero counts too (default false: a zero reveals nobody). */
  suppressZeros?: boolean;
}

export interface CellMark {
  suppressed: boolean;
  reason: SuppressionReason | null;
}

export interface MatrixSuppression {
  /** One mark per cell, rows × columns. */
  cells: CellMark[][];
  rowTotals: CellMark[];
  columnTotals: CellMark[];
  grandTotal: CellMark;
  summary: { cells: number; primary: number; complementary: number };
}

const mark = (reason: SuppressionReason | null): CellMark => ({ suppressed: reason !== null, reason });

function checkOptions(fn: string, options: SuppressionOptions) {
  const { minSize = DEFAULT_MIN_GROUP_SIZE, showTotals = true, suppressZeros = false } = options;
  if (!Number.isInteger(minSize) || minSize < 1) throw new KoeArgumentError(`${fn}: minSize must be a whole number ≥ 1 (got ${minSize})`);
  return { minSize, showTotals, suppressZeros };
}

/** The nodes and published lines of a rows × columns table with its margins. */
export function tableLines(counts: readonly (readonly number[])[]): { values: number[]; lines: Line[]; r: number; c: number } {
  const r = counts.length;
  const c = counts[0]?.length ?? 0;
  const values: number[] = [];
  for (const row of counts) values.push(...row);
  const rowTotal = (i: number) => r * c + i;
  const colTotal = (j: number) => r * c + r + j;
  const grand = r * c + r + c;
  for (let i = 0; i < r; i++) values.push(counts[i]!.reduce((a, b) => a + b, 0));
  for (let j = 0; j < c; j++) values.push(counts.reduce((a, row) => a + row[j]!, 0));
  values.push(values.slice(0, r * c).reduce((a, b) => a + b, 0));
  const lines: Line[] = [];
  for (let i = 0; i < r; i++) lines.push({ members: Array.from({ length: c }, (_, j) => i * c + j), total: rowTotal(i) });
  for (let j = 0; j < c; j++) lines.push({ members: Array.from({ length: r }, (_, i) => i * c + j), total: colTotal(j) });
  lines.push({ members: Array.from({ length: r }, (_, i) => rowTotal(i)), total: grand });
  lines.push({ members: Array.from({ length: c }, (_, j) => colTotal(j)), total: grand });
  return { values, lines, r, c };
}

/**
 * Decides which cells of a count matrix (rows × columns) to hide so that no group under
 * `minSize` is shown, directly or by subtracting shown cells from shown totals.
 * @example
 * suppressMatrix([[12, 3], [20, 9]]).cells // => [[{suppressed:true,reason:"complementary"}?…]] — the 3 (primary) and cells that shield it
 */
export function suppressMatrix(counts: readonly (readonly number[])[], options: SuppressionOptions = {}): MatrixSuppression {
  const { minSize, showTotals, suppressZeros } = checkOptions("suppressMatrix", options);
  const c = counts[0]?.length ?? 0;
  counts.forEach((row, i) => {
    if (row.length !== c) throw new KoeArgumentError(`suppressMatrix: row ${i + 1} has ${row.length} cells, row 1 has ${c}`);
    row.forEach((v, j) => {
      if (!Number.isInteger(v) || v < 0) throw new KoeArgumentError(`suppressMatrix: cell [${i + 1}, ${j + 1}] is ${v}; counts must be whole numbers ≥ 0`);
    });
  });
  const { values, lines, r } = tableLines(counts);
  // Without published totals there is nothing to subtract from: only primary suppression applies.
  const reasons = suppressNodes(values, showTotals ? lines : [], minSize, suppressZeros);
  if (!showTotals) for (let k = r * c; k < reasons.length; k++) reasons[k] = null;
  const cells = counts.map((row, i) => row.map((_, j) => mark(reasons[i * c + j]!)));
  const flat = reasons.slice(0, r * c);
  return {
    cells,
    rowTotals: Array.from({ length: r }, (_, i) => mark(reasons[r * c + i]!)),
    columnTotals: Array.from({ length: c }, (_, j) => mark(reasons[r * c + r + j]!)),
    grandTotal: mark(reasons[r * c + r + c]!),
    summary: {
      cells: r * c,
      primary: flat.filter((x) => x === "primary").length,
      complementary: flat.filter((x) => x === "complementary").length,
    },
  };
}

export interface TidySuppressionOptions extends SuppressionOptions {
  /** Column holding the group size (default "n"). */
  count?: string;
  /** The dimension(s): one for a 1-D table with its total, two for a cross-table with margins. */
  row: string;
  column?: string;
  /** Other columns derived from the count (shares, means) that must be hidden with it. */
  alsoHide?: string[];
  /** Add a row with count 0 for every row × column combination absent from the input (default false). */
  complete?: boolean;
}

export interface TidySuppression {
  rows: SuppressedRow[];
  table: Table;
  summary: MatrixSuppression["summary"];
  /** Whether any published total must be hidden too (then show it as suppressed, not as a number). */
  totalsSuppressed: boolean;
  /** The marks on the underlying matrix (rows × columns in the order of `rowKeys` × `columnKeys`), with margins. */
  marks: MatrixSuppression;
  rowKeys: string[];
  columnKeys: string[];
}

export type SuppressedRow = Record<string, unknown> & { suppressed: boolean; suppressionReason: SuppressionReason | null };

/**
 * Small-group suppression for tidy counts (rows of objects or an arquero table): each row gets
 * `suppressed` and `suppressionReason`, and the count (and `alsoHide` columns) become null where
 * hidden — the hidden number is never left in the output. Combinations absent from the rows
 * count as 0. Also takes a plain matrix (see {@link suppressMatrix}).
 * @example
 * suppressSmallGroups([{ g: "young", n: 12 }, { g: "mid", n: 3 }, { g: "senior", n: 20 }], { row: "g" }).rows
 * // => the 3 is primary, and the 12 (smallest other) complementary, since the total 35 is published
 */
export function suppressSmallGroups(counts: readonly (readonly number[])[], options?: SuppressionOptions): MatrixSuppression;
export function suppressSmallGroups(
  counts: readonly object[] | Table,
  options: TidySuppressionOptions,
): TidySuppression;
export function suppressSmallGroups(counts: unknown, options: SuppressionOptions | TidySuppressionOptions = {}): unknown {
  if (Array.isArray(counts) && (counts.length === 0 || Array.isArray(counts[0]))) return suppressMatrix(counts as number[][], options);
  const opts = options as TidySuppressionOptions;
  const rows: Record<string, unknown>[] = Array.isArray(counts) ? (counts as Record<string, unknown>[]) : ((counts as Table).objects() as Record<string, unknown>[]);
  const { count = "n", row, column, alsoHide = [] } = opts;
  if (typeof row !== "string") throw new KoeArgumentError('suppressSmallGroups: tidy counts need { row: "<column>" } (and optionally column)');
  const known = rows.length > 0 ? Object.keys(rows[0]!) : [];
  for (const name of [count, row, ...(column ? [column] : []), ...alsoHide]) {
    if (rows.length > 0 && !(name in rows[0]!)) throw new KoeArgumentError(`suppressSmallGroups: no column "${name}" (columns: ${known.join(", ")})`);
  }
  const rowKeys = [...new Set(rows.map((x) => String(x[row])))];
  const colKeys = column ? [...new Set(rows.map((x) => String(x[column])))] : ["(all)"];
  const matrix = rowKeys.map(() => colKeys.map(() => 0));
  const where = new Map<string, [number, number]>();
  rows.forEach((x, k) => {
    const i = rowKeys.indexOf(String(x[row]));
    const j = column ? colKeys.indexOf(String(x[column])) : 0;
    const key = `${i}\u0000${j}`;
    if (where.has(key)) throw new KoeArgumentError(`suppressSmallGroups: rows ${where.get(key)![0] + 1} and ${k + 1} are the same group (${String(x[row])}${column ? ` × ${String(x[column])}` : ""}); aggregate first`);
    where.set(key, [k, 0]);
    const v = x[count];
    if (typeof v !== "number" || !Number.isInteger(v) || v < 0) throw new KoeArgumentError(`suppressSmallGroups: row ${k + 1}, column "${count}": ${String(v)} is not a count`);
    matrix[i]![j] = v;
  });
  let result: MatrixSuppression;
  let totalsSuppressed: boolean;
  if (column) {
    result = suppressMatrix(matrix, opts);
    totalsSuppressed = result.grandTotal.suppressed || result.rowTotals.some((m) => m.suppressed) || result.columnTotals.some((m) => m.suppressed);
  } else {
    // A 1-D table: the cells and their one total.
    const { minSize, showTotals, suppressZeros } = checkOptions("suppressSmallGroups", opts);
    const values = [...matrix.map((m) => m[0]!), matrix.reduce((a, m) => a + m[0]!, 0)];
    const reasons = suppressNodes(values, showTotals ? [{ members: rowKeys.map((_, i) => i), total: rowKeys.length }] : [], minSize, suppressZeros);
    const cells = rowKeys.map((_, i) => [mark(reasons[i]!)]);
    const flat = reasons.slice(0, rowKeys.length);
    result = {
      cells,
      rowTotals: cells.map((c) => c[0]!),
      columnTotals: [mark(reasons[rowKeys.length]!)],
      grandTotal: mark(reasons[rowKeys.length]!),
      summary: { cells: rowKeys.length, primary: flat.filter((x) => x === "primary").length, complementary: flat.filter((x) => x === "complementary").length },
    };
    totalsSuppressed = showTotals && result.grandTotal.suppressed;
  }
  const present = new Set(rows.map((x) => `${String(x[row])}\u0000${column ? String(x[column]) : ""}`));
  const completed =
    opts.complete && column
      ? [...rows, ...rowKeys.flatMap((rk) => colKeys.filter((ck) => !present.has(`${rk}\u0000${ck}`)).map((ck) => ({ [row]: rk, [column]: ck, [count]: 0 })))]
      : rows;
  const out: SuppressedRow[] = completed.map((x) => {
    const i = rowKeys.indexOf(String(x[row]));
    const j = column ? colKeys.indexOf(String(x[column])) : 0;
    const m = result.cells[i]![j]!;
    const copy: Record<string, unknown> = { ...x };
    if (m.suppressed) for (const name of [count, ...alsoHide]) copy[name] = null;
    return { ...copy, suppressed: m.suppressed, suppressionReason: m.reason };
  });
  return { rows: out, table: aq.from(out), summary: result.summary, totalsSuppressed, marks: result, rowKeys, columnKeys: colKeys };
}
