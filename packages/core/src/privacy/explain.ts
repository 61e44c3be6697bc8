// Why each number is hidden: for the analyst who checks a suppression, never for publishing. A
// reason tells which hidden groups are small ("primary") and which only shield them
// ("complementary"); printed next to a published table it undoes the suppression.
import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import { KoeArgumentError } from "../errors/errors.js";
import { privacyMessages } from "./messages.js";
import { parseOptions, PrivacyOptions, type PrivacyOptionsInput } from "./min-group-size.js";
import { checkMatrix, matrixStatus } from "./suppress-matrix.js";
import { runTidy, type TidySuppressionOptionsInput, type TotalRow } from "./suppress-tidy.js";

/** Why a number is hidden: a small group itself, hidden to shield one, or a total not published at all; null when shown. */
export type SuppressionReason = "primary" | "complementary" | "unpublished" | null;

/** Counts of the reasons (for the analyst). */
export interface ExplanationSummary {
  cells: number;
  /** Cells hidden because they are small groups. */
  primary: number;
  /** Cells hidden to stop a small group being recovered or told apart. */
  complementary: number;
  /** Published totals hidden. */
  hiddenTotals: number;
}

/** The reason for every number of a matrix and its totals. */
export interface MatrixExplanation {
  cells: SuppressionReason[][];
  rowTotals: SuppressionReason[];
  columnTotals: SuppressionReason[];
  grandTotal: SuppressionReason;
  summary: ExplanationSummary;
}

/** The reason for every group of tidy counts (with its count: analyst's eyes only) and every total. */
export interface TidyExplanation {
  rows: Record<string, unknown>[];
  /** The same rows as an arquero table. */
  table: ColumnTable;
  totals: (Omit<TotalRow, "suppressed" | "count"> & { count: number; reason: SuppressionReason })[];
  summary: ExplanationSummary;
}

const reasonOf = (hidden: boolean, primary: boolean, published: boolean): SuppressionReason =>
  !published ? "unpublished" : !hidden ? null : primary ? "primary" : "complementary";

/**
 * Explains a suppression for the analyst: the same input and options as {@link suppressSmallGroups},
 * and for every number the reason it is hidden — `"primary"` (a small group), `"complementary"`
 * (hidden so that no small group can be worked out or told apart), `"unpublished"` (a total with
 * `showTotals: false`), or null (shown). Tidy input gives each row with its true count and a
 * `suppressionReason` column.
 *
 * **Never publish this.** It tells a reader exactly which hidden groups are small, and their sizes;
 * publish what {@link suppressSmallGroups} returns instead.
 * @throws {KoeArgumentError} on the same inputs {@link suppressSmallGroups} refuses
 * @example
 * explainSuppression([[12, 3, 10, 40], [20, 9, 14, 30], [30, 25, 18, 50], [22, 31, 27, 45]]).cells[0]
 * // => ["complementary", "primary", null, null]
 * explainSuppression([{ g: "young", n: 12 }, { g: "mid", n: 3 }, { g: "senior", n: 20 }], { row: "g" }).rows
 * // => [{ g: "young", n: 12, suppressionReason: "complementary" },
 * //     { g: "mid", n: 3, suppressionReason: "primary" },
 * //     { g: "senior", n: 20, suppressionReason: "complementary" }]
 */
export function explainSuppression(counts: readonly (readonly number[])[], options?: PrivacyOptionsInput): MatrixExplanation;
export function explainSuppression(counts: readonly object[] | ColumnTable, options: TidySuppressionOptionsInput): TidyExplanation;
export function explainSuppression(counts: unknown, options?: unknown): MatrixExplanation | TidyExplanation {
  const fn = "explainSuppression";
  const wantsTidy = options !== null && typeof options === "object" && "row" in options;
  if (counts instanceof aq.ColumnTable || (Array.isArray(counts) && counts.length > 0 && !counts.every((x) => Array.isArray(x))) || (Array.isArray(counts) && counts.length === 0 && wantsTidy)) {
    const run = runTidy(fn, counts, options, ["suppressionReason"]);
    const count = run.opts.count;
    const rows = run.rows.map((x, i) => {
      const k = run.nodeOfRow[i]!;
      const o: Record<string, unknown> = {};
      for (const name of run.names) o[name] = x[name] ?? null;
      o[count] = x[count] ?? 0;
      o.suppressionReason = reasonOf(run.hidden[k]!, run.primary[k]!, true);
      return o;
    });
    const totals = run.totals.map(({ margin, key, node }) => ({
      margin,
      key,
      count: run.structure.nodes[node]!.value,
      reason: reasonOf(run.hidden[node]!, run.primary[node]!, run.opts.showTotals),
    }));
    const table = aq.table(Object.fromEntries([...new Set([...run.names, count, "suppressionReason"])].map((name) => [name, rows.map((x) => x[name] ?? null)])));
    const primary = rows.filter((x) => x.suppressionReason === "primary").length;
    const complementary = rows.filter((x) => x.suppressionReason === "complementary").length;
    const hiddenTotals = totals.filter((t) => t.reason === "primary" || t.reason === "complementary").length;
    return { rows, table, totals, summary: { cells: rows.length, primary, complementary, hiddenTotals } };
  }
  if (!Array.isArray(counts)) throw KoeArgumentError.of(privacyMessages.notCountInput, { fn });
  const opts = parseOptions(fn, PrivacyOptions, options);
  const matrix = checkMatrix(fn, counts);
  const r = matrix.length;
  const c = matrix[0]?.length ?? 0;
  const s = matrixStatus(matrix, opts);
  const reason = (k: number) => reasonOf(s.hidden[k]!, s.primary[k]!, s.published[k]!);
  const cells = matrix.map((row, i) => row.map((_, j) => reason(i * c + j)));
  const flat = cells.flat();
  const totals = s.hidden.slice(r * c).map((_, k) => reason(r * c + k));
  return {
    cells,
    rowTotals: totals.slice(0, r),
    columnTotals: totals.slice(r, r + c),
    grandTotal: totals[r + c]!,
    summary: {
      cells: r * c,
      primary: flat.filter((x) => x === "primary").length,
      complementary: flat.filter((x) => x === "complementary").length,
      hiddenTotals: totals.filter((x) => x === "primary" || x === "complementary").length,
    },
  };
}
