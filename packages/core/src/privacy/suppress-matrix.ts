import { KoeArgumentError } from "../errors/errors.js";
import { privacyMessages } from "./messages.js";
import { parseOptions, PrivacyOptions, type PrivacyOptionsInput } from "./min-group-size.js";
import { chooseSuppression, type NodeStatus, type SuppressionReason } from "./suppress-engine.js";
import { matrixNetwork, type TableNetwork } from "./table-network.js";

/** Whether a cell must be hidden, and why (`null` when shown). */
export interface CellMark {
  suppressed: boolean;
  reason: SuppressionReason | null;
}

/**
 * Whether a total must be hidden, and why. `"unpublished"` (with `suppressed: true`) marks every
 * total when `showTotals` is false: the suppression assumed it is not shown, so it must not be.
 */
export interface TotalMark {
  suppressed: boolean;
  reason: SuppressionReason | "unpublished" | null;
}

/** Counts of hidden cells (and totals) in a suppression. */
export interface SuppressionSummary {
  /** Number of cells in the table. */
  cells: number;
  /** Cells hidden because they are small groups. */
  primary: number;
  /** Cells hidden to stop a small group being recovered by subtraction. */
  complementary: number;
  /** Published totals (row, column, grand) that must be hidden too; unpublished ones are not counted. */
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

const cellMark = (s: NodeStatus): CellMark => (s === null || s === "unpublished" ? { suppressed: false, reason: null } : { suppressed: true, reason: s });
const totalMark = (s: NodeStatus): TotalMark => ({ suppressed: s !== null, reason: s });

/** Runs the rule on a network whose first `cells` arcs are the cells and the rest are totals. */
export function suppressNetwork(net: TableNetwork, options: PrivacyOptions): NodeStatus[] {
  const unpublished = net.kind.map((kind) => !options.showTotals && kind !== "cell");
  return chooseSuppression(net, unpublished, options);
}

/** Summary of the statuses of a network's arcs. */
export function summarize(net: TableNetwork, status: readonly NodeStatus[]): SuppressionSummary {
  let cells = 0;
  let primary = 0;
  let complementary = 0;
  let hiddenTotals = 0;
  status.forEach((s, k) => {
    if (net.kind[k] === "cell") {
      cells++;
      if (s === "primary") primary++;
      if (s === "complementary") complementary++;
    } else if (s === "primary" || s === "complementary") hiddenTotals++;
  });
  return { cells, primary, complementary, hiddenTotals };
}

/**
 * Small-group suppression of a count matrix (rows × columns) published with its row totals,
 * column totals and grand total: which cells and totals must be hidden so that no group under
 * `minSize` is shown, directly or by subtracting shown numbers from shown totals. The rule and its
 * limits are described at {@link suppressSmallGroups}; this is its matrix form.
 * @param counts whole numbers ≥ 0, every row the same length
 * @param options `minSize` (default 5), `showTotals` (default true), `suppressZeros` (default false)
 * @returns a mark per cell and per total, and a summary
 * @throws {KoeArgumentError} on a ragged matrix, a value that is not a count, or a bad option
 * @example
 * const s = suppressMatrix([[12, 3, 10], [20, 9, 14], [30, 25, 18]]);
 * s.cells.map((row) => row.map((m) => (m.reason ?? ".")[0]).join(""))
 * // => [".pc", ".cc", "..."]   (the 3 is primary; 10, 9 and 14 shield it in its row and column)
 * s.summary // => { cells: 9, primary: 1, complementary: 3, hiddenTotals: 0 }
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
  const net = matrixNetwork(matrix);
  const status = suppressNetwork(net, options);
  return {
    cells: matrix.map((row, i) => row.map((_, j) => cellMark(status[i * c + j]!))),
    rowTotals: Array.from({ length: r }, (_, i) => totalMark(status[r * c + i]!)),
    columnTotals: Array.from({ length: c }, (_, j) => totalMark(status[r * c + r + j]!)),
    grandTotal: totalMark(status[r * c + r + c]!),
    summary: summarize(net, status),
    options,
  };
}
