import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import { KoeArgumentError } from "../errors/errors.js";
import { privacyMessages } from "./messages.js";
import type { PrivacyOptionsInput } from "./min-group-size.js";
import { suppressMatrixAs, type MatrixSuppression } from "./suppress-matrix.js";
import { suppressTidy, type TidySuppression, type TidySuppressionOptionsInput } from "./suppress-tidy.js";

/**
 * Small-group suppression: decides which counts of a table may be shown so that no group smaller
 * than `minSize` is shown — neither directly, nor by subtracting shown numbers from shown totals,
 * nor by a reader who knows this rule and re-runs it on every table that could lie behind what is
 * published.
 *
 * **Input.** (a) A matrix `number[][]` (rows × columns), published with its row totals, column
 * totals and grand total. (b) Tidy counts — rows of objects or an arquero table — with
 * `{ count: "n", row: "generation" }` (a 1-D table published with its total) or
 * `{ count: "n", row: "generation", column: "company" }` (a cross-table with its totals). Several
 * tables cut from the same people are suppressed together with {@link suppressTogether}.
 *
 * **Options** (defaults): `minSize` 5 ({@link DEFAULT_MIN_GROUP_SIZE}; free texts go through
 * {@link gateTexts}, whose minimum is 10); `showTotals` true (the totals are published, so
 * subtraction must be prevented; false = only cells are published); `suppressZeros` false (a 0
 * reveals nobody; true = a 0 is protected like a small group). Tidy input adds `count` ("n"), `row`,
 * `column` and `complete` (false); see {@link TidySuppressionOptions}.
 *
 * **Rule** ("blocks").
 * 1. *Small*: every published number with 0 < n < minSize (with `suppressZeros`, also 0) — cells and
 *    totals alike.
 * 2. *Blocks*: the values of each dimension, in their natural order (generations young → senior,
 *    numbers ascending, text sorted), are cut into consecutive pairs — the last three together when
 *    there is an odd number of them. A small cell hides its whole block: the rectangle of its pair of
 *    rows × its pair of columns (2 × 2, 2 × 3 or 3 × 3 cells); a small total hides its pair of totals.
 *    Blocks depend only on the table's shape, never on a count, so the cells hidden beside a small
 *    one say nothing about their sizes, and any cell of a hidden block could be the small one.
 * 3. *Check*: a reader who knows this rule keeps only the tables on which it would hide the same
 *    numbers. The rule proves (by integer programming, exactly) that among those tables every hidden
 *    number can be ≥ minSize (or 0) and takes at least two values; while that fails it hides one more
 *    block next to the number in question, and checks again.
 *
 * **What a reader can learn.** That each hidden block holds at least one small group (that is what
 * hiding says), and the sums of hidden numbers that the shown totals imply. **Not** which number of a
 * block is small, nor that any hidden number is below minSize, nor any hidden number exactly (a
 * hidden number may be known to be 0, which reveals nobody) — whatever he reasons about the rule,
 * including which blocks it did not hide, that zeros are shown, or the rows' order. The tests attack
 * the rule with a reader that enumerates every candidate table and re-runs this function.
 *
 * **Limits.** It costs more hidden cells than a greedy choice of the smallest neighbours (which let a
 * reader who knew the rule narrow hidden groups), and a table of 2–3 rows × 2–3 columns is one block.
 * It knows nothing a reader knows from elsewhere (e.g. the size of a team). What it returns is what
 * may be published; {@link explainSuppression} tells the analyst which hidden groups are small, and
 * must not be published.
 *
 * **Output.** For a matrix: a mark `{ suppressed }` per cell and per total (every total is marked
 * hidden when `showTotals` is false), a summary (how many hidden) and the rule's name. For tidy
 * input: the same rows with `suppressed` added and, where hidden, the count *and every other
 * non-dimension column* (shares, means…) set to null — the hidden number never stays in the output;
 * rows in the dimensions' natural order (never input order or size; with `complete`, the added zeros
 * in their place); the totals as rows (`count` null where hidden); the same rows as an arquero table.
 *
 * @throws {KoeArgumentError} on counts that are not whole numbers ≥ 0, a ragged matrix, an unknown
 * column (the message lists the table's columns), a group that appears twice, or a bad option
 * @example
 * suppressSmallGroups([{ g: "young", n: 12 }, { g: "mid", n: 3 }, { g: "senior", n: 20 }], { row: "g" }).rows
 * // => [{ g: "young", n: null, suppressed: true },
 * //     { g: "mid", n: null, suppressed: true },
 * //     { g: "senior", n: null, suppressed: true }]   (three groups are one block; the total 35 is shown)
 * suppressSmallGroups([{ g: "A", n: 12 }, { g: "B", n: 3 }, { g: "C", n: 20 }, { g: "D", n: 31 }], { row: "g" }).rows.map((r) => r.n)
 * // => [null, null, 20, 31]
 * suppressSmallGroups([[12, 3, 10, 40], [20, 9, 14, 30], [30, 25, 18, 50], [22, 31, 27, 45]]).summary
 * // => { cells: 16, hiddenCells: 4, hiddenTotals: 0 }
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
