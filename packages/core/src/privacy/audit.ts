import { getLanguage, localize, type Localized, type Message } from "../errors/catalogue.js";
import { KoeArgumentError } from "../errors/errors.js";
import { feasibleInterval } from "./intervals.js";
import { patternParts, privacyMessages } from "./messages.js";
import { parseOptions, PrivacyOptions, type PrivacyOptionsInput } from "./min-group-size.js";
import { isSensitive } from "./suppress-engine.js";
import { checkMatrix } from "./suppress-matrix.js";
import { matrixNetwork, nodeName, type NodeKind } from "./table-network.js";

interface Mark {
  suppressed: boolean;
  reason?: string | null;
}

/** Which numbers are hidden: a {@link MatrixSuppression}, or any object of the same shape. */
export interface SuppressionPattern {
  cells: readonly (readonly Mark[])[];
  rowTotals: readonly Mark[];
  columnTotals: readonly Mark[];
  grandTotal: Mark;
  /** The options the pattern was made with; {@link auditSuppression}'s own options override them. */
  options?: PrivacyOptionsInput;
}

/** What a reader can work out about one hidden number. Rows and columns are 0-based (null for totals that have none). */
export interface HiddenInterval {
  node: NodeKind;
  row: number | null;
  column: number | null;
  /** The true value (the report is for the analyst: never publish it). */
  value: number;
  /** Whether the rule protects this value (0 < value < minSize, or 0 with `suppressZeros`). */
  sensitive: boolean;
  /** Smallest and largest value consistent with everything published; `high` is null when unbounded. */
  low: number;
  high: number | null;
}

/**
 * One way the published numbers give a small group away:
 * - `small_visible`: a sensitive number is shown;
 * - `determined`: a hidden number follows exactly from the published ones (interval width 0);
 * - `narrowed_small`: a hidden sensitive number cannot reach `minSize`, so a reader learns it is a
 *   small group (and how small, within the interval).
 */
export interface AuditFinding {
  kind: "small_visible" | "determined" | "narrowed_small";
  node: NodeKind;
  row: number | null;
  column: number | null;
  value: number;
  low: number | null;
  high: number | null;
  /** What it gives away, in the language set by `setLanguage` (default English). */
  message: string;
  /** The same in Japanese and English. */
  localized: Localized;
}

/** The result of {@link auditSuppression}: `safe` exactly when `findings` is empty. */
export interface AuditReport {
  safe: boolean;
  findings: AuditFinding[];
  /** One entry per hidden or unpublished number, in the order cells (row-major), row totals, column totals, grand total. */
  intervals: HiddenInterval[];
}

/** A finding's text: in the current language, and in both. */
function text<P>(message: Message<P>, params: P): { message: string; localized: Localized } {
  const localized = localize(message, params);
  return { message: localized[getLanguage()], localized };
}

const isMark = (m: unknown) => m !== null && typeof m === "object" && typeof (m as Mark).suppressed === "boolean";

/** The pattern is an object of marks, cells as rows of marks. */
function checkPattern(fn: string, result: unknown): asserts result is SuppressionPattern {
  const p = result as Partial<SuppressionPattern> | null;
  const ok =
    p !== null && typeof p === "object" &&
    Array.isArray(p.cells) && p.cells.every((row) => Array.isArray(row) && row.every(isMark)) &&
    Array.isArray(p.rowTotals) && p.rowTotals.every(isMark) &&
    Array.isArray(p.columnTotals) && p.columnTotals.every(isMark) &&
    isMark(p.grandTotal) &&
    (p.options === undefined || (p.options !== null && typeof p.options === "object"));
  if (!ok) throw KoeArgumentError.of(privacyMessages.notAPattern, { fn });
}

/**
 * Proves (or refutes) that a suppression keeps every small group hidden, by computing what a reader
 * can deduce. For each hidden number it finds the exact interval of values consistent with every
 * published number — shown cells, shown totals, the fact that rows and columns add up, counts ≥ 0
 * and whole — as a maximum-flow problem on the table's network (exact, not a heuristic: the
 * constraints are totally unimodular, so the bounds are reached by whole-number tables).
 *
 * Definition of safe used here: (1) no sensitive number (0 < n < minSize; also 0 with
 * `suppressZeros`) is shown; (2) no hidden number is determined exactly; (3) every hidden sensitive
 * number could be as large as `minSize`. Rule (3) is stricter than "the exact value cannot be
 * recovered": knowing that a group has "1 or 2 people" already shows a group below the minimum, so
 * the reader must not be able to tell a hidden small group from a group that could be shown.
 * Hidden non-sensitive numbers (complementary cells) only need (2). Totals not published
 * (`showTotals: false`, or marked "unpublished") count as hidden and are never "determined" findings.
 *
 * Limits: it audits one table. Several tables cut from the same data (by company, by generation, and
 * by company × generation) can be combined by a reader; audit them as one table, or suppress them
 * together. It also cannot know what a reader knows from elsewhere (e.g. the size of a team).
 *
 * @param matrix the true counts (rows × columns)
 * @param result which numbers are hidden, e.g. the output of {@link suppressSmallGroups}
 * @param options `minSize`, `showTotals`, `suppressZeros`; default to `result.options`, then 5 / true / false
 * @throws {KoeArgumentError} when the pattern is not a pattern or its shape does not match the matrix, or on a bad option
 * @example
 * const counts = [[12, 3], [20, 9]];
 * const s = suppressSmallGroups(counts); // hides all four cells: the 3 and the three that shield it
 * auditSuppression(counts, s).safe // => true
 * s.cells[0][0] = { suppressed: false, reason: null }; // show the 12 after all
 * auditSuppression(counts, s).findings.map((f) => f.message)
 * // => ["cell [1, 2] (3) is determined by the published numbers: it can only be 3",
 * //     "cell [2, 1] (20) is determined by the published numbers: it can only be 20",
 * //     "cell [2, 2] (9) is determined by the published numbers: it can only be 9"]
 */
export function auditSuppression(matrix: readonly (readonly number[])[], result: SuppressionPattern, options: PrivacyOptionsInput = {}): AuditReport {
  const fn = "auditSuppression";
  checkPattern(fn, result);
  parseOptions(fn, PrivacyOptions, options); // the caller's own options, named as given
  const opts = parseOptions(fn, PrivacyOptions, { ...(result.options ?? {}), ...options });
  const counts = checkMatrix(fn, matrix);
  const r = counts.length;
  const c = counts[0]?.length ?? 0;
  const shape: [Localized, number, number][] = [
    [patternParts.cellRows, result.cells.length, r],
    [patternParts.rowTotals, result.rowTotals.length, r],
    [patternParts.columnTotals, result.columnTotals.length, c],
    ...result.cells.map((row, i): [Localized, number, number] => [patternParts.cellsInRow(i + 1), row.length, c]),
  ];
  for (const [what, found, expected] of shape) if (found !== expected) throw KoeArgumentError.of(privacyMessages.patternShape, { fn, what, found, expected });

  const net = matrixNetwork(counts);
  const marks: Mark[] = [...result.cells.flat(), ...result.rowTotals, ...result.columnTotals, result.grandTotal];
  const unpublished = marks.map((m, k) => net.kind[k] !== "cell" && (!opts.showTotals || m.reason === "unpublished"));
  const hidden = marks.map((m, k) => m.suppressed || unpublished[k]!);
  const place = (k: number) => ({ node: net.kind[k]!, row: net.row[k]!, column: net.column[k]! });

  const findings: AuditFinding[] = [];
  const intervals: HiddenInterval[] = [];
  net.values.forEach((value, k) => {
    const sensitive = isSensitive(value, opts);
    const name = nodeName(net, k);
    if (!hidden[k]) {
      if (sensitive) findings.push({ kind: "small_visible", ...place(k), value, low: value, high: value, ...text(privacyMessages.auditSmallVisible, { name, value, minSize: opts.minSize }) });
      return;
    }
    const { low, high } = feasibleInterval(net, hidden, k);
    const highOrNull = high === Infinity ? null : high;
    intervals.push({ ...place(k), value, sensitive, low, high: highOrNull });
    if (low === high && !unpublished[k]) {
      findings.push({ kind: "determined", ...place(k), value, low, high: highOrNull, ...text(privacyMessages.auditDetermined, { name, value }) });
    } else if (sensitive && high < opts.minSize) {
      findings.push({
        kind: "narrowed_small",
        ...place(k),
        value,
        low,
        high: highOrNull,
        ...text(privacyMessages.auditNarrowed, { name, value, low, high, minSize: opts.minSize }),
      });
    }
  });
  return { safe: findings.length === 0, findings, intervals };
}
