import { warningOf, type KoeWarning } from "../errors/catalogue.js";
import { KoeArgumentError } from "../errors/errors.js";
import { statsMessages as m } from "../errors/stats-messages.js";
import { numberOf } from "./clean.js";
import { chiSquareCdf } from "./distributions.js";
import { flagOf, kernelOptions } from "./options.js";
import { makeResult, type Result } from "./result.js";

export type ChiSquareResult = Result<{
  observed: number[][];
  expected: number[][];
  /** Pearson residuals (O − E) / √E. */
  residuals: number[][];
  /** Standardised (adjusted) residuals: (O − E) / √(E (1 − row share)(1 − column share)), as R's `stdres`. */
  stdResiduals: number[][];
  /** Whether Yates' continuity correction was applied (2×2 only). */
  correct: boolean;
  /** Likelihood-ratio G² over non-zero cells. */
  gSquared: number;
  /** Warnings as data (always present, often empty): expected counts below 5, as R's `chisq.test` warns. */
  warnings: KoeWarning[];
}>;

const describeCounts = (v: unknown) =>
  v === null ? "null" : v === undefined ? "undefined" : typeof v === "string" ? `the text ${JSON.stringify(v)}` : Array.isArray(v) ? "a list that is not a list of rows" : typeof v === "object" ? "an object" : `${typeof v} ${String(v)}`;

/**
 * Checks a counts matrix and reads it under the kernels' input rule: a list of rows of equal
 * length; cells are non-negative finite numbers (numeric text such as "12" is the number; with
 * `whole`, whole numbers). Anything else — a string, a flat list, a missing cell — is a
 * KoeArgumentError saying what a matrix of counts looks like.
 */
export function checkCounts(fn: string, counts: unknown, { whole = false }: { whole?: boolean } = {}): { counts: number[][]; r: number; c: number; n: number; rowSums: number[]; colSums: number[] } {
  if (!Array.isArray(counts) || counts.length < 1 || !counts.every((row) => Array.isArray(row) || (ArrayBuffer.isView(row) && !(row instanceof DataView)))) {
    throw KoeArgumentError.of(m.notCounts, { fn, got: describeCounts(counts) });
  }
  const rows = counts as ArrayLike<unknown>[];
  const r = rows.length;
  const c = rows[0]!.length;
  if (c < 1) throw KoeArgumentError.of(m.notCounts, { fn, got: "an empty row" });
  const rowSums = new Array<number>(r).fill(0);
  const colSums = new Array<number>(c).fill(0);
  const clean = rows.map((row, i) => {
    if (row.length !== c) throw KoeArgumentError.of(m.raggedCounts, { fn, row: i + 1, cells: row.length, first: c });
    return Array.from(row, (cell, j) => {
      const v = numberOf(cell);
      if (v === null || !(v >= 0) || !Number.isFinite(v) || (whole && !Number.isInteger(v))) throw KoeArgumentError.of(m.badCount, { fn, row: i + 1, column: j + 1, value: cell, whole });
      rowSums[i]! += v;
      colSums[j]! += v;
      return v;
    });
  });
  return { counts: clean, r, c, n: rowSums.reduce((a, b) => a + b, 0), rowSums, colSums };
}

/**
 * Pearson's chi-square test of independence for an r × c table of counts, as R's `chisq.test`:
 * Yates' continuity correction on 2×2 tables by default (`correct`), expected counts, Pearson and
 * standardised residuals (KH Coder users read the latter), and G². When an expected count is
 * below 5 the result's `warnings` say so, as R warns "Chi-squared approximation may be incorrect".
 * @example
 * chiSquareTest([[1198, 557], [1493, 1278]]).statistic // => 91.6096 (Yates)
 * chiSquareTest([[3, 1], [1, 3]]).warnings[0].code // => "stats.smallExpected"
 */
export function chiSquareTest(counts: readonly (readonly (number | string)[])[], options: { correct?: boolean } = {}): ChiSquareResult {
  const fn = "chiSquareTest";
  const correct = flagOf(fn, "correct", kernelOptions(fn, options, ["correct"]).correct ?? true);
  const checked = checkCounts(fn, counts);
  const { r, c, n, rowSums, colSums, counts: obs } = checked;
  if (r < 2 || c < 2) throw KoeArgumentError.of(m.tableTooSmall, { fn, rows: r, columns: c });
  const zeroRow = rowSums.findIndex((s) => s === 0);
  if (zeroRow >= 0) throw KoeArgumentError.of(m.zeroMargin, { fn, which: "row", index: zeroRow + 1 });
  const zeroColumn = colSums.findIndex((s) => s === 0);
  if (zeroColumn >= 0) throw KoeArgumentError.of(m.zeroMargin, { fn, which: "column", index: zeroColumn + 1 });
  const yates = correct && r === 2 && c === 2;
  const expected = obs.map((_, i) => colSums.map((cs) => (rowSums[i]! * cs) / n));
  const small = expected.flat().filter((e) => e < 5);
  const warnings = small.length > 0 ? [warningOf(m.smallExpected, { fn, cells: small.length, total: r * c, minExpected: Math.min(...small) })] : [];
  let statistic = 0;
  let g = 0;
  let yatesTerm = 0;
  if (yates) {
    let minAbs = Infinity;
    for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) minAbs = Math.min(minAbs, Math.abs(obs[i]![j]! - expected[i]![j]!));
    yatesTerm = Math.min(0.5, minAbs);
  }
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < c; j++) {
      const o = obs[i]![j]!;
      const e = expected[i]![j]!;
      statistic += (Math.abs(o - e) - yatesTerm) ** 2 / e;
      if (o > 0) g += 2 * o * Math.log(o / e);
    }
  }
  const df = (r - 1) * (c - 1);
  return makeResult({
    method: yates ? "Pearson's Chi-squared test with Yates' continuity correction" : "Pearson's Chi-squared test",
    alternative: null,
    estimate: null,
    stdError: null,
    statistic,
    df,
    pValue: chiSquareCdf(statistic, df, { lowerTail: false }),
    ciLow: null,
    ciHigh: null,
    confLevel: null,
    n,
    nMissing: 0,
    observed: obs.map((row) => [...row]),
    expected,
    residuals: obs.map((row, i) => row.map((o, j) => (o - expected[i]![j]!) / Math.sqrt(expected[i]![j]!))),
    stdResiduals: obs.map((row, i) =>
      row.map((o, j) => (o - expected[i]![j]!) / Math.sqrt(expected[i]![j]! * (1 - rowSums[i]! / n) * (1 - colSums[j]! / n))),
    ),
    correct: yates,
    gSquared: g,
    warnings,
  });
}

/**
 * Cramér's V = √(X² / (n (min(r, c) − 1))) with the uncorrected Pearson X² (also for 2×2).
 * @example
 * cramersV([[1198, 557], [1493, 1278]]).estimate // => 0.1427…
 */
export function cramersV(counts: readonly (readonly (number | string)[])[]): Result {
  const x2 = chiSquareTest(counts, { correct: false });
  const k = Math.min(x2.observed.length, x2.observed[0]!.length) - 1;
  return makeResult({ ...x2, method: "Cramér's V", estimate: Math.sqrt(x2.statistic! / (x2.n * k)) });
}
