import { KoeArgumentError } from "../errors/errors.js";
import { chiSquareCdf } from "./distributions.js";
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
}>;

/** Checks a counts matrix: rows of equal length, non-negative finite numbers. */
export function checkCounts(fn: string, counts: readonly (readonly number[])[]): { r: number; c: number; n: number; rowSums: number[]; colSums: number[] } {
  const r = counts.length;
  const c = counts[0]?.length ?? 0;
  if (r < 1 || c < 1) throw new KoeArgumentError(`${fn}: counts must be a matrix with at least one row and column`);
  const rowSums = new Array<number>(r).fill(0);
  const colSums = new Array<number>(c).fill(0);
  counts.forEach((row, i) => {
    if (row.length !== c) throw new KoeArgumentError(`${fn}: row ${i + 1} has ${row.length} cells, row 1 has ${c}`);
    row.forEach((v, j) => {
      if (!(v >= 0) || !Number.isFinite(v)) throw new KoeArgumentError(`${fn}: cell [${i + 1}, ${j + 1}] is ${v}; counts must be finite and ≥ 0`);
      rowSums[i]! += v;
      colSums[j]! += v;
    });
  });
  return { r, c, n: rowSums.reduce((a, b) => a + b, 0), rowSums, colSums };
}

/**
 * Pearson's chi-square test of independence for an r × c table of counts, as R's `chisq.test`:
 * Yates' continuity correction on 2×2 tables by default (`correct`), expected counts, Pearson and
 * standardised residuals (KH Coder users read the latter), and G².
 * @example
 * chiSquareTest([[1198, 557], [1493, 1278]]).statistic // => 91.6096 (Yates)
 */
export function chiSquareTest(counts: readonly (readonly number[])[], { correct = true }: { correct?: boolean } = {}): ChiSquareResult {
  const { r, c, n, rowSums, colSums } = checkCounts("chiSquareTest", counts);
  if (r < 2 || c < 2) throw new KoeArgumentError("chiSquareTest: the table needs at least 2 rows and 2 columns");
  if (rowSums.some((s) => s === 0) || colSums.some((s) => s === 0)) throw new KoeArgumentError("chiSquareTest: a row or column sums to 0, so expected counts are 0");
  const yates = correct && r === 2 && c === 2;
  const expected = counts.map((_, i) => colSums.map((cs) => (rowSums[i]! * cs) / n));
  let statistic = 0;
  let g = 0;
  let yatesTerm = 0;
  if (yates) {
    let minAbs = Infinity;
    for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) minAbs = Math.min(minAbs, Math.abs(counts[i]![j]! - expected[i]![j]!));
    yatesTerm = Math.min(0.5, minAbs);
  }
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < c; j++) {
      const o = counts[i]![j]!;
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
    observed: counts.map((row) => [...row]),
    expected,
    residuals: counts.map((row, i) => row.map((o, j) => (o - expected[i]![j]!) / Math.sqrt(expected[i]![j]!))),
    stdResiduals: counts.map((row, i) =>
      row.map((o, j) => (o - expected[i]![j]!) / Math.sqrt(expected[i]![j]! * (1 - rowSums[i]! / n) * (1 - colSums[j]! / n))),
    ),
    correct: yates,
    gSquared: g,
  });
}

/**
 * Cramér's V = √(X² / (n (min(r, c) − 1))) with the uncorrected Pearson X² (also for 2×2).
 * @example
 * cramersV([[1198, 557], [1493, 1278]]).estimate // => 0.1427…
 */
export function cramersV(counts: readonly (readonly number[])[]): Result {
  const x2 = chiSquareTest(counts, { correct: false });
  const k = Math.min(counts.length, counts[0]!.length) - 1;
  return makeResult({ ...x2, method: "Cramér's V", estimate: Math.sqrt(x2.statistic! / (x2.n * k)) });
}
