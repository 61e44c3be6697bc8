import { KoeArgumentError } from "../errors/errors.js";
import { counted, statsMessages as m } from "../errors/stats-messages.js";
import { dropMissing, numericValues, requireCount, type NumericInput } from "./clean.js";
import { ALTERNATIVES, choice, finiteOf, flagOf, kernelOptions } from "./options.js";
import { normalCdf } from "./distributions.js";
import { averageRanks, tieSum } from "./ranks.js";
import { makeResult, type Alternative, type Result } from "./result.js";

export interface RankTestOptions {
  alternative?: Alternative;
  /** Location shift under the null hypothesis (default 0). */
  mu?: number;
  /** Exact p-value: default as R, exact when both samples are under 50 and there are no ties (or zeros). */
  exact?: boolean;
  /** Continuity correction in the normal approximation (default true, as R). */
  correct?: boolean;
}

export type RankTestResult = Result<{ exact: boolean; correct: boolean }>;

export const RANK_TEST_OPTIONS = ["alternative", "mu", "exact", "correct"] as const;

function checkOptions(fn: string, options: RankTestOptions | undefined): { alternative: Alternative; mu: number; exact: boolean | undefined; correct: boolean } {
  const o = kernelOptions(fn, options, RANK_TEST_OPTIONS);
  return {
    alternative: choice(fn, "alternative", o.alternative ?? "two-sided", ALTERNATIVES),
    mu: finiteOf(fn, "mu", o.mu ?? 0),
    exact: o.exact === undefined ? undefined : flagOf(fn, "exact", o.exact),
    correct: flagOf(fn, "correct", o.correct ?? true),
  };
}

/** Counts of the Wilcoxon rank-sum statistic W = 0…m·n over all arrangements (R's dwilcox × choose(m+n, n)). */
function rankSumCounts(m: number, n: number): Float64Array {
  // f[k][w]: number of k-subsets of {1..m+n} … built by the standard recursion on the largest element.
  // Uses the generating function Π_{i=1..m} (1 − q^{n+i}) / (1 − q^i) via dynamic programming over items.
  const max = m * n;
  let prev: Float64Array[] = [];
  // counts[j][w] for samples of size j drawn among the first t values, w = rank sum − j(j+1)/2.
  for (let j = 0; j <= m; j++) prev.push(new Float64Array(max + 1));
  prev[0]![0] = 1;
  for (let t = 1; t <= m + n; t++) {
    const next = prev.map((a) => a.slice());
    for (let j = 1; j <= Math.min(m, t); j++) {
      const shift = t - j; // adding value t as the j-th smallest raises W by t − j
      const src = prev[j - 1]!;
      const dst = next[j]!;
      for (let w = 0; w + shift <= max; w++) if (src[w] !== 0) dst[w + shift]! += src[w]!;
    }
    prev = next;
  }
  return prev[m]!;
}

function exactTailProbabilities(counts: Float64Array, w: number): { le: number; ge: number } {
  let total = 0;
  let le = 0;
  let ge = 0;
  for (let k = 0; k < counts.length; k++) {
    total += counts[k]!;
    if (k <= w) le += counts[k]!;
    if (k >= w) ge += counts[k]!;
  }
  return { le: le / total, ge: ge / total };
}

function normalP(z: number, sigma: number, alternative: Alternative, correct: boolean): { statisticZ: number; pValue: number } {
  const correction = correct ? (alternative === "two-sided" ? Math.sign(z) * 0.5 : alternative === "greater" ? 0.5 : -0.5) : 0;
  const zz = (z - correction) / sigma;
  const pValue =
    alternative === "less" ? normalCdf(zz) : alternative === "greater" ? normalCdf(zz, { lowerTail: false }) : 2 * Math.min(normalCdf(zz), normalCdf(zz, { lowerTail: false }));
  return { statisticZ: zz, pValue: Math.min(1, pValue) };
}

/**
 * Wilcoxon rank-sum (Mann–Whitney U) test, as R's `wilcox.test(x, y)`: `statistic` is R's W
 * (the U of x); exact p for small samples without ties, otherwise the normal approximation with
 * tie and continuity correction.
 * @example
 * mannWhitneyU([0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46], [1.15, 0.88, 0.90, 0.74, 1.21], { alternative: "greater" }).pValue // => 0.1272061
 */
export function mannWhitneyU(x: NumericInput, y: NumericInput, options: RankTestOptions = {}): RankTestResult {
  const fn = "mannWhitneyU";
  const { alternative, mu, exact: exactOption, correct } = checkOptions(fn, options);
  const a = dropMissing(x, fn, "x");
  const b = dropMissing(y, fn, "y");
  requireCount(fn, a.values, 1, "x");
  requireCount(fn, b.values, 1, "y");
  const nx = a.values.length;
  const ny = b.values.length;
  const all = new Float64Array(nx + ny);
  for (let i = 0; i < nx; i++) all[i] = a.values[i]! - mu;
  all.set(b.values, nx);
  const { ranks, tieSizes } = averageRanks(all);
  let rx = 0;
  for (let i = 0; i < nx; i++) rx += ranks[i]!;
  const w = rx - (nx * (nx + 1)) / 2;
  const exact = exactOption ?? (nx < 50 && ny < 50 && tieSizes.length === 0);
  let pValue: number;
  if (exact && tieSizes.length === 0) {
    const { le, ge } = exactTailProbabilities(rankSumCounts(nx, ny), w);
    pValue = alternative === "less" ? le : alternative === "greater" ? ge : Math.min(1, 2 * Math.min(le, ge));
  } else {
    const n = nx + ny;
    const sigma = Math.sqrt((nx * ny / 12) * (n + 1 - tieSum(tieSizes) / (n * (n - 1))));
    pValue = normalP(w - (nx * ny) / 2, sigma, alternative, correct).pValue;
  }
  const usedExact = exact && tieSizes.length === 0;
  return makeResult({
    method: usedExact ? "Wilcoxon rank sum exact test" : correct ? "Wilcoxon rank sum test with continuity correction" : "Wilcoxon rank sum test",
    alternative,
    estimate: null,
    stdError: null,
    statistic: w,
    df: null,
    pValue,
    ciLow: null,
    ciHigh: null,
    confLevel: null,
    n: nx + ny,
    nMissing: a.nMissing + b.nMissing,
    exact: usedExact,
    correct: !usedExact && correct,
  });
}

/** Counts of the signed-rank statistic V = 0…n(n+1)/2 over the 2^n sign patterns (R's dsignrank × 2^n). */
function signedRankCounts(n: number): Float64Array {
  const max = (n * (n + 1)) / 2;
  const c = new Float64Array(max + 1);
  c[0] = 1;
  for (let k = 1; k <= n; k++) for (let v = max; v >= k; v--) c[v]! += c[v - k]!;
  return c;
}

/**
 * Wilcoxon signed-rank test, as R's `wilcox.test(x, mu = mu)` or, with `y`, `wilcox.test(x, y, paired = TRUE)`.
 * Zero differences are dropped (as R); exact p for n < 50 without ties or zeros, otherwise the
 * normal approximation with tie and continuity correction.
 * @example
 * wilcoxonSignedRank([1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30], [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29], { alternative: "greater" }).pValue // => 0.01953125
 */
export function wilcoxonSignedRank(x: NumericInput, y?: NumericInput | null, options: RankTestOptions = {}): RankTestResult {
  const fn = "wilcoxonSignedRank";
  const { alternative, mu, exact: exactOption, correct } = checkOptions(fn, options);
  const xs = numericValues(fn, x, "x");
  const ys = y == null ? null : numericValues(fn, y, "y");
  if (ys !== null && ys.length !== xs.length) throw KoeArgumentError.of(m.sameLength, { fn, a: "x", b: "y", na: xs.length, nb: ys.length });
  const raw = new Float64Array(xs.length);
  for (let i = 0; i < xs.length; i++) {
    const a = xs[i];
    const b = ys === null ? 0 : ys[i];
    raw[i] = a == null || b == null ? Number.NaN : a - b - mu;
  }
  const { values, nMissing } = dropMissing(raw, fn);
  const nonzero = values.filter((d) => d !== 0);
  const zeros = values.length - nonzero.length;
  requireCount(fn, nonzero, 1, null, counted.nonZeroDifferences);
  const n = nonzero.length;
  const abs = nonzero.map(Math.abs);
  const { ranks, tieSizes } = averageRanks(abs);
  let v = 0;
  for (let i = 0; i < n; i++) if (nonzero[i]! > 0) v += ranks[i]!;
  const exact = (exactOption ?? n < 50) && tieSizes.length === 0 && zeros === 0;
  let pValue: number;
  if (exact) {
    const { le, ge } = exactTailProbabilities(signedRankCounts(n), v);
    pValue = alternative === "less" ? le : alternative === "greater" ? ge : Math.min(1, 2 * Math.min(le, ge));
  } else {
    const sigma = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24 - tieSum(tieSizes) / 48);
    pValue = normalP(v - (n * (n + 1)) / 4, sigma, alternative, correct).pValue;
  }
  return makeResult({
    method: exact ? "Wilcoxon signed rank exact test" : correct ? "Wilcoxon signed rank test with continuity correction" : "Wilcoxon signed rank test",
    alternative,
    estimate: null,
    stdError: null,
    statistic: v,
    df: null,
    pValue,
    ciLow: null,
    ciHigh: null,
    confLevel: null,
    n: values.length,
    nMissing,
    exact,
    correct: !exact && correct,
  });
}
