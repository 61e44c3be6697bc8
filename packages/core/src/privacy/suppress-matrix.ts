import { buildStructure, keyOf, type CountStructure } from "./count-structure.js";
import { KoeArgumentError } from "../errors/errors.js";
import { privacyMessages } from "./messages.js";
import { parseOptions, PrivacyOptions, type PrivacyOptionsInput } from "./min-group-size.js";
import { SUPPRESSION_RULE, suppressBlocks } from "./suppress-blocks.js";

/** Whether a cell must be hidden. */
export interface CellMark {
  suppressed: boolean;
}

/**
 * Whether a total must be hidden. With `showTotals: false` every total is marked hidden: the
 * suppression assumed it is not published, so it must not be.
 */
export interface TotalMark {
  suppressed: boolean;
}

/** How many numbers a suppression hides (it does not say which hidden ones are small: see {@link explainSuppression}). */
export interface SuppressionSummary {
  /** Number of cells in the table. */
  cells: number;
  /** Cells hidden. */
  hiddenCells: number;
  /** Published totals (row, column, grand) hidden; unpublished ones are not counted. */
  hiddenTotals: number;
}

/** Which numbers of a count matrix and its totals may be shown. */
export interface MatrixSuppression {
  /** One mark per cell, rows × columns like the input. */
  cells: CellMark[][];
  rowTotals: TotalMark[];
  columnTotals: TotalMark[];
  grandTotal: TotalMark;
  summary: SuppressionSummary;
  /** The options used, defaults filled in (the audit reads them). */
  options: PrivacyOptions;
  /** The rule that chose the pattern (the audit reads it with a reader who knows that rule). */
  rule: typeof SUPPRESSION_RULE;
}

/** Checks that `counts` is a rectangular matrix of whole numbers ≥ 0. */
export function checkMatrix(fn: string, counts: unknown): number[][] {
  if (!Array.isArray(counts) || !counts.every((row) => Array.isArray(row))) throw KoeArgumentError.of(privacyMessages.notCountInput, { fn });
  const rows = counts as unknown[][];
  const c = rows[0]?.length ?? 0;
  rows.forEach((row, i) => {
    if (row.length !== c) throw KoeArgumentError.of(privacyMessages.raggedMatrix, { fn, row: i + 1, found: row.length, expected: c });
    row.forEach((v, j) => {
      if (typeof v !== "number" || !Number.isInteger(v) || v < 0) throw KoeArgumentError.of(privacyMessages.notACountCell, { fn, row: i + 1, column: j + 1, value: v });
    });
  });
  return rows as number[][];
}

/** A matrix as a one-table structure: dimensions "row" and "column" numbered from 0. */
export function matrixStructure(matrix: readonly (readonly number[])[], showTotals: boolean): CountStructure {
  const counts = new Map<string, number>();
  const groups = new Map<string, Record<string, unknown>>();
  matrix.forEach((row, i) =>
    row.forEach((v, j) => {
      const g = { row: i, column: j };
      counts.set(keyOf(g), v);
      groups.set(keyOf(g), g);
    }),
  );
  return buildStructure([{ name: "matrix", dims: ["row", "column"], counts, groups, totals: showTotals, complete: true }]);
}

/** Status of every number of a matrix, in the order cells (row-major), row totals, column totals, grand total. */
export interface MatrixStatus {
  hidden: boolean[];
  primary: boolean[];
  published: boolean[];
}

/** Runs the rule on an already checked matrix. */
export function matrixStatus(matrix: readonly (readonly number[])[], options: PrivacyOptions): MatrixStatus {
  const r = matrix.length;
  const c = matrix[0]?.length ?? 0;
  const out: MatrixStatus = { hidden: [], primary: [], published: [] };
  if (r === 0 || c === 0) {
    const n = r * c + r + c + 1;
    return { hidden: new Array(n).fill(!options.showTotals), primary: new Array(n).fill(false), published: new Array(n).fill(options.showTotals) };
  }
  const s = matrixStructure(matrix, options.showTotals);
  const result = suppressBlocks(s, { minSize: options.minSize, suppressZeros: options.suppressZeros });
  const ids = s.index.get("matrix")!;
  const keys: Record<string, unknown>[] = [
    ...matrix.flatMap((row, i) => row.map((_, j) => ({ row: i, column: j }))),
    ...matrix.map((_, i) => ({ row: i })),
    ...Array.from({ length: c }, (_, j) => ({ column: j })),
    {},
  ];
  for (const key of keys) {
    const k = ids.get(keyOf(key))!;
    const published = Object.keys(key).length === 2 || options.showTotals;
    out.published.push(published);
    out.hidden.push(!published || result.hidden[k]!);
    out.primary.push(published && result.primary[k]!);
  }
  return out;
}

/** The summary of a matrix's status. */
export function summarize(status: MatrixStatus, cells: number): SuppressionSummary {
  let hiddenCells = 0;
  let hiddenTotals = 0;
  status.hidden.forEach((h, k) => {
    if (k < cells) hiddenCells += h ? 1 : 0;
    else if (h && status.published[k]) hiddenTotals++;
  });
  return { cells, hiddenCells, hiddenTotals };
}

/**
 * Small-group suppression of a count matrix (rows × columns) published with its row totals,
 * column totals and grand total: which cells and totals must be hidden so that no group under
 * `minSize` is shown, worked out by subtraction, or told apart by a reader who knows the rule. The
 * rule and what it guarantees are described at {@link suppressSmallGroups}; this is its matrix form.
 * @param counts whole numbers ≥ 0, every row the same length
 * @param options `minSize` (default 5), `showTotals` (default true), `suppressZeros` (default false)
 * @returns a mark `{ suppressed }` per cell and per total, and a summary
 * @throws {KoeArgumentError} on a ragged matrix, a value that is not a count, or a bad option
 * @example
 * const s = suppressMatrix([[12, 3, 10, 40], [20, 9, 14, 30], [30, 25, 18, 50], [22, 31, 27, 45]]);
 * s.cells.map((row) => row.map((m) => (m.suppressed ? "h" : ".")).join(""))
 * // => ["hh..", "hh..", "....", "...."]   (the 3's block: the first two rows × the first two columns)
 * s.summary // => { cells: 16, hiddenCells: 4, hiddenTotals: 0 }
 */
export function suppressMatrix(counts: readonly (readonly number[])[], options: PrivacyOptionsInput = {}): MatrixSuppression {
  return suppressMatrixAs("suppressMatrix", counts, options);
}

/** {@link suppressMatrix}, with messages naming the public function `fn` that was called. */
export function suppressMatrixAs(fn: string, counts: unknown, options: unknown): MatrixSuppression {
  const opts = parseOptions(fn, PrivacyOptions, options);
  const matrix = checkMatrix(fn, counts);
  return marksOf(matrix, opts);
}

/** The marks of an already checked matrix. */
export function marksOf(matrix: readonly (readonly number[])[], options: PrivacyOptions): MatrixSuppression {
  const r = matrix.length;
  const c = matrix[0]?.length ?? 0;
  const status = matrixStatus(matrix, options);
  const mark = (k: number) => ({ suppressed: status.hidden[k]! });
  return {
    cells: matrix.map((row, i) => row.map((_, j) => mark(i * c + j))),
    rowTotals: Array.from({ length: r }, (_, i) => mark(r * c + i)),
    columnTotals: Array.from({ length: c }, (_, j) => mark(r * c + r + j)),
    grandTotal: mark(r * c + r + c),
    summary: summarize(status, r * c),
    options,
    rule: SUPPRESSION_RULE,
  };
}
