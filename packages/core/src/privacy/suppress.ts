import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import { KoeArgumentError } from "../errors/errors.js";
import { privacyMessages } from "./messages.js";
import type { PrivacyOptionsInput } from "./min-group-size.js";
import { suppressMatrixAs, type MatrixSuppression } from "./suppress-matrix.js";
import { suppressTidy, type TidySuppression, type TidySuppressionOptionsInput } from "./suppress-tidy.js";

/**
 * Small-group suppression: decides which counts of a table may be shown so that no group smaller
 * than `minSize` is shown — neither directly nor by subtracting shown numbers from shown totals.
 *
 * **Input.** (a) A matrix `number[][]` (rows × columns), published with its row totals, column
 * totals and grand total. (b) Tidy counts — rows of objects or an arquero table — with
 * `{ count: "n", row: "generation" }` (a 1-D table published with its total) or
 * `{ count: "n", row: "generation", column: "company" }` (a cross-table with its totals).
 *
 * **Options** (defaults): `minSize` 5 ({@link DEFAULT_MIN_GROUP_SIZE}; use
 * {@link DEFAULT_MIN_COMMENT_GROUP_SIZE} = 10 for counts of free-text comments); `showTotals` true
 * (the totals are published, so subtraction must be prevented; false = only cells are published);
 * `suppressZeros` false (a 0 reveals nobody; true = a 0 is protected like a small group).
 * Tidy input adds `count` ("n"), `row`, `column` and `complete` (false); see {@link TidySuppressionOptions}.
 *
 * **Rule.**
 * 1. *Primary*: hide every cell with 0 < n < minSize, and every total below minSize.
 * 2. *Complementary*: in every published line (a row or column whose total is shown, and the lines of
 *    totals that add up to the grand total), hidden cells must be at least two — one alone is the
 *    total minus the shown cells — and, if any is a small group, must add up to at least minSize, or
 *    their sum (itself a small group) is shown. While a line breaks this, hide its smallest non-zero
 *    shown cell (ties: the first in row-major order), else its total. Repeat over rows and columns to
 *    a fixed point.
 * 3. *Exact check*: lines can each pass and still pin a small cell through a chain of other lines. So
 *    the feasible interval of every hidden number is computed exactly (see {@link auditSuppression});
 *    while one is determined, or a hidden small group could not be as large as minSize, one more
 *    number on the bottleneck is hidden (smallest non-zero cell first) and step 2 runs again.
 * The result passes {@link auditSuppression} by construction (and the tests check it on random tables).
 *
 * **Limits.** This is the standard greedy heuristic with an exact safety check, not an optimal
 * (fewest cells or least information lost) solution, which needs integer programming (as in
 * τ-ARGUS or R's sdcTable). It protects one table with its totals: several tables cut from the same
 * data must be suppressed as one table, or a reader can combine them. It knows nothing a reader knows
 * from elsewhere. The `suppressionReason` output is for the analyst: publishing it (or any pattern
 * that tells primary from complementary cells) tells a reader which hidden groups are small.
 *
 * **Output.** For a matrix: a mark `{ suppressed, reason: "primary" | "complementary" | null }` per
 * cell, marks for the row totals, column totals and grand total (with reason `"unpublished"` on every
 * total when `showTotals` is false), and a summary. For tidy input: the same rows with `suppressed`
 * and `suppressionReason` added and, where hidden, the count *and every other non-dimension column*
 * (shares, means…) set to null — the hidden number never stays in the output; the totals as rows
 * (`count` null where hidden); the same rows as an arquero table; the summary.
 *
 * @throws {KoeArgumentError} on counts that are not whole numbers ≥ 0, a ragged matrix, an unknown
 * column (the message lists the table's columns), a group that appears twice, or a bad option
 * @example
 * suppressSmallGroups([{ g: "young", n: 12 }, { g: "mid", n: 3 }, { g: "senior", n: 20 }], { row: "g" }).rows
 * // => [{ g: "young", n: null, suppressed: true, suppressionReason: "complementary" },
 * //     { g: "mid", n: null, suppressed: true, suppressionReason: "primary" },
 * //     { g: "senior", n: 20, suppressed: false, suppressionReason: null }]   (total 35 shown)
 * suppressSmallGroups([[12, 3], [20, 9]]).summary
 * // => { cells: 4, primary: 1, complementary: 3, hiddenTotals: 0 }
 */
export function suppressSmallGroups(counts: readonly (readonly number[])[], options?: PrivacyOptionsInput): MatrixSuppression;
export function suppressSmallGroups<T extends Record<string, unknown>>(counts: readonly T[], options: TidySuppressionOptionsInput): TidySuppression<T>;
export function suppressSmallGroups(counts: readonly object[] | ColumnTable, options: TidySuppressionOptionsInput): TidySuppression;
export function suppressSmallGroups(counts: unknown, options?: unknown): MatrixSuppression | TidySuppression {
  const fn = "suppressSmallGroups";
  if (counts instanceof aq.ColumnTable) return suppressTidy(fn, counts, options);
  if (!Array.isArray(counts)) throw KoeArgumentError.of(privacyMessages.notCountInput, { fn });
  const wantsTidy = options !== null && typeof options === "object" && "row" in options;
  const isMatrix = counts.length > 0 ? counts.every((x) => Array.isArray(x)) : !wantsTidy;
  if (isMatrix) return suppressMatrixAs(fn, counts, options);
  return suppressTidy(fn, counts as Record<string, unknown>[], options);
}
