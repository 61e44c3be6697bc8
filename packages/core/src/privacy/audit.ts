import { z } from "zod";
import { getLanguage, localize, type Localized, type Message } from "../errors/catalogue.js";
import { KoeArgumentError } from "../errors/errors.js";
import { keyOf } from "./count-structure.js";
import { feasibleInterval } from "./intervals.js";
import { optionRules, patternParts, privacyMessages } from "./messages.js";
import { parseOptions, PrivacyOptions, type PrivacyOptionsInput } from "./min-group-size.js";
import { publicationOf, witnessRanges } from "./reader-check.js";
import { isSensitive, SUPPRESSION_RULE } from "./suppress-blocks.js";
import { checkMatrix, matrixStructure } from "./suppress-matrix.js";
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
  /** The rule that made it (`"blocks"` for {@link suppressSmallGroups}): the default reader knows it. */
  rule?: string;
}

/**
 * What the reader knows besides the published numbers and the sums between them (counts are whole
 * and ≥ 0 for all readers):
 * - `"sums"`: nothing more;
 * - `"zeros"`: the rule never hides a zero, so every hidden cell is ≥ 1 (true of most greedy rules,
 *   and of the one koe used before; a hidden cell that is in fact 0 gets no such bound);
 * - `"rule"`: the rule is koe's ({@link suppressSmallGroups}); the reader keeps only the tables on
 *   which it would hide exactly these numbers.
 */
export type AuditReader = "sums" | "zeros" | "rule";

/**
 * Options of {@link auditSuppression}: the {@link PrivacyOptions} (default: the pattern's own) and
 * `reader` (default `"rule"` for a pattern made by {@link suppressSmallGroups}, else `"zeros"`, or
 * `"sums"` with `suppressZeros`).
 * @example
 * AuditOptions.parse({ reader: "sums" }).reader // => "sums"
 */
export const AuditOptions = z.strictObject({
  minSize: z.int({ error: optionRules.wholeAtLeast1.en }).min(1, { error: optionRules.wholeAtLeast1.en }).optional(),
  showTotals: z.boolean({ error: optionRules.trueOrFalse.en }).optional(),
  suppressZeros: z.boolean({ error: optionRules.trueOrFalse.en }).optional(),
  reader: z.enum(["sums", "zeros", "rule"], { error: optionRules.reader.en }).optional(),
});
export type AuditOptionsInput = z.input<typeof AuditOptions>;

/** What a reader can work out about one hidden number. Rows and columns are 0-based (null for totals that have none). */
export interface HiddenInterval {
  node: NodeKind;
  row: number | null;
  column: number | null;
  /** The true value (the report is for the analyst: never publish it). */
  value: number;
  /** Whether the rule protects this value (0 < value < minSize, or 0 with `suppressZeros`). */
  sensitive: boolean;
  /** Smallest and largest value the reader cannot rule out; `high` is null when unbounded. */
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
  /** The reader the audit assumed. */
  reader: AuditReader;
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
 * can deduce. For each hidden number it finds the interval of values the reader cannot rule out,
 * given every published number — shown cells, shown totals, the fact that rows and columns add up,
 * counts ≥ 0 and whole — and what the reader knows about the rule (`reader`):
 * - `"sums"` and `"zeros"` (hidden cells ≥ 1, because the rule shows zeros): exact intervals by
 *   maximum flow on the table's network (the constraints are totally unimodular, so the bounds are
 *   reached by whole-number tables; checked against enumeration in the tests);
 * - `"rule"` (the default for what {@link suppressSmallGroups} returns): the reader also re-runs koe's
 *   rule on every candidate table and keeps those that give this pattern. The interval is taken over
 *   the tables the rule provably maps to this pattern (integer programming), which the reader must all
 *   keep: his true interval is at least as wide, so a pattern found safe is safe. (A pattern the rule
 *   could not have produced from any table is audited as by the `"sums"` reader.)
 *
 * Definition of safe used here: (1) no sensitive number (0 < n < minSize; also 0 with
 * `suppressZeros`) is shown; (2) no hidden non-zero number is determined exactly (a hidden number
 * known to be 0 reveals nobody, unless `suppressZeros`); (3) every hidden sensitive number could be
 * as large as `minSize`. Rule (3) is stricter than "the exact value cannot be recovered": knowing
 * that a group has "1 or 2 people" already shows a group below the minimum, so the reader must not be
 * able to tell a hidden small group from a group that could be shown. Totals not published
 * (`showTotals: false`) count as hidden and are never "determined" findings.
 *
 * Limits: it audits one table; several tables cut from the same people are suppressed and checked
 * together by {@link suppressTogether}. It cannot know what a reader knows from elsewhere.
 *
 * @param matrix the true counts (rows × columns)
 * @param result which numbers are hidden, e.g. the output of {@link suppressSmallGroups}
 * @param options `minSize`, `showTotals`, `suppressZeros` (default to `result.options`, then 5 / true / false) and `reader`
 * @throws {KoeArgumentError} when the pattern is not a pattern or its shape does not match the matrix, or on a bad option
 * @example
 * const counts = [[12, 3], [20, 9]];
 * const s = suppressSmallGroups(counts); // hides all four cells: the 3's block
 * auditSuppression(counts, s).safe // => true
 * s.cells[0][0] = { suppressed: false }; // show the 12 after all
 * auditSuppression(counts, s, { reader: "sums" }).findings.map((f) => f.message)
 * // => ["cell [1, 2] (3) is determined by the published numbers: it can only be 3",
 * //     "cell [2, 1] (20) is determined by the published numbers: it can only be 20",
 * //     "cell [2, 2] (9) is determined by the published numbers: it can only be 9"]
 * const t = [[2, 3, 20], [15, 9, 30], [40, 22, 18]];
 * // What "zeros are shown" gives a reader: the old rule hid the 2 and 3 with the 15 and 9, so the
 * // hidden pair of row 1 sums to 25 − 20 = 5, and with both ≥ 1 each is at most 4.
 * const old = { cells: [[{ suppressed: true }, { suppressed: true }, { suppressed: false }], [{ suppressed: true }, { suppressed: true }, { suppressed: false }],
 *   [{ suppressed: false }, { suppressed: false }, { suppressed: false }]], rowTotals: [{ suppressed: false }, { suppressed: false }, { suppressed: false }],
 *   columnTotals: [{ suppressed: false }, { suppressed: false }, { suppressed: false }], grandTotal: { suppressed: false } };
 * auditSuppression(t, old, { reader: "sums" }).safe // => true
 * auditSuppression(t, old).findings.map((f) => [f.kind, f.low, f.high]) // => [["narrowed_small", 1, 4], ["narrowed_small", 1, 4]]
 */
export function auditSuppression(matrix: readonly (readonly number[])[], result: SuppressionPattern, options: AuditOptionsInput = {}): AuditReport {
  const fn = "auditSuppression";
  checkPattern(fn, result);
  const own = parseOptions(fn, AuditOptions, options); // the caller's own options, named as given
  const { reader: asked, ...privacy } = own;
  const given = Object.fromEntries(Object.entries(privacy).filter(([, v]) => v !== undefined));
  const opts = parseOptions(fn, PrivacyOptions, { ...(result.options ?? {}), ...given });
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
  let reader: AuditReader = asked ?? (result.rule === SUPPRESSION_RULE ? "rule" : opts.suppressZeros ? "sums" : "zeros");

  // The interval of each hidden number, as the reader sees it.
  let intervalOf: (k: number) => { low: number; high: number };
  const ranges = reader === "rule" ? ruleRanges(counts, hidden, unpublished, opts) : null;
  if (reader === "rule" && ranges === null) reader = "sums";
  if (ranges) {
    intervalOf = (k) => ranges.get(k) ?? { low: net.values[k]!, high: net.values[k]! };
  } else {
    const low = net.values.map((v, k) => (reader === "zeros" && !opts.suppressZeros && hidden[k] && net.kind[k] === "cell" && v > 0 ? 1 : 0));
    intervalOf = (k) => feasibleInterval(net, hidden, k, low);
  }

  const findings: AuditFinding[] = [];
  const intervals: HiddenInterval[] = [];
  net.values.forEach((value, k) => {
    const sensitive = isSensitive(value, opts);
    const name = nodeName(net, k);
    if (!hidden[k]) {
      if (sensitive) findings.push({ kind: "small_visible", ...place(k), value, low: value, high: value, ...text(privacyMessages.auditSmallVisible, { name, value, minSize: opts.minSize }) });
      return;
    }
    const { low, high } = intervalOf(k);
    const highOrNull = high === Infinity ? null : high;
    intervals.push({ ...place(k), value, sensitive, low, high: highOrNull });
    if (low === high && !unpublished[k] && (value > 0 || opts.suppressZeros)) {
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
  return { safe: findings.length === 0, reader, findings, intervals };
}

/**
 * The rule-aware reader's intervals, by network index (cells row-major, row totals, column totals,
 * grand total), over the tables koe's rule maps to this pattern; null when there is none.
 */
function ruleRanges(counts: readonly (readonly number[])[], hidden: readonly boolean[], unpublished: readonly boolean[], opts: PrivacyOptions): Map<number, { low: number; high: number }> | null {
  const r = counts.length;
  const c = counts[0]?.length ?? 0;
  if (r === 0 || c === 0) return new Map();
  const s = matrixStructure(counts, opts.showTotals);
  const ids = s.index.get("matrix")!;
  const keys: Record<string, unknown>[] = [
    ...counts.flatMap((row, i) => row.map((_, j) => ({ row: i, column: j }))),
    ...counts.map((_, i) => ({ row: i })),
    ...Array.from({ length: c }, (_, j) => ({ column: j })),
    {},
  ];
  // A node is hidden when every published place of it is.
  const nodeHidden = s.nodes.map(() => true);
  keys.forEach((key, k) => {
    if (!unpublished[k] && !hidden[k]) nodeHidden[ids.get(keyOf(key))!] = false;
  });
  s.nodes.forEach((node, k) => {
    if (!node.published) nodeHidden[k] = false;
  });
  const ranges = witnessRanges(s, publicationOf(s, nodeHidden), { minSize: opts.minSize, suppressZeros: opts.suppressZeros });
  if (ranges === null) return null;
  const out = new Map<number, { low: number; high: number }>();
  keys.forEach((key, k) => {
    const range = ranges.get(ids.get(keyOf(key))!);
    if (range) out.set(k, { low: range[0], high: range[1] });
  });
  return out;
}
