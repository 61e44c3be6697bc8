// The test of one code across groups: a 2 × k table (texts with / without the code × group).
// Pearson's chi-square as R's chisq.test; where an expected count is below 5, Fisher's exact test —
// by enumeration when the tables with the same margins are few, else by Monte-Carlo simulation of
// tables with those margins, as R's fisher.test(simulate.p.value = TRUE, B = resamples).
import { gammaln } from "../../stats/special-functions.js";
import { chiSquareTest } from "../../stats/chi-square.js";
import { fisherExact } from "../../stats/fisher.js";
import type { Random } from "../../stats/random.js";

/** How a code was tested (the `method` column of codeFrequencies' `tests`). */
export type CodeTestMethod = "chisq" | "fisher" | "fisher_simulated" | "none";

export interface CodeTest {
  method: CodeTestMethod;
  statistic: number | null;
  df: number | null;
  pValue: number | null;
  /** Adjusted standardised residual of the code-present cell, per group (null when the test is "none"). */
  residuals: (number | null)[];
}

/** Tables with these margins above which Fisher's test is simulated rather than enumerated. */
export const MAX_ENUMERATED_TABLES = 200_000;

/** Number of 2 × k tables with row sum `a` in the first row and column sums `cols` (capped at cap + 1). */
function tablesWithMargins(a: number, cols: readonly number[], cap: number): number {
  let ways = new Float64Array(a + 1);
  ways[0] = 1;
  for (const c of cols) {
    const next = new Float64Array(a + 1);
    for (let s = 0; s <= a; s++) {
      const w = ways[s]!;
      if (w === 0) continue;
      for (let x = 0; x <= c && s + x <= a; x++) next[s + x]! += w;
    }
    ways = next;
  }
  return Math.min(ways[a]!, cap + 1);
}

/** One draw of X ~ hypergeometric(draw `n` from `total` of which `good` are good), by inversion. */
function hypergeometric(random: Random, total: number, good: number, n: number): number {
  const lo = Math.max(0, n - (total - good));
  const hi = Math.min(n, good);
  if (lo === hi) return lo;
  const logChoose = (a: number, b: number) => gammaln(a + 1) - gammaln(b + 1) - gammaln(a - b + 1);
  let p = Math.exp(logChoose(good, lo) + logChoose(total - good, n - lo) - logChoose(total, n));
  let u = random.next();
  for (let x = lo; x < hi; x++) {
    if (u < p) return x;
    u -= p;
    // P(x + 1) / P(x)
    p *= ((good - x) * (n - x)) / ((x + 1) * (total - good - n + x + 1));
  }
  return hi;
}

/**
 * Fisher's test of a 2 × k table by simulation, as R's `fisher.test(x, simulate.p.value = TRUE, B)`:
 * tables with the observed margins are drawn at random (column by column, hypergeometric), and the
 * p-value is (1 + the number at most as probable as the observed) / (B + 1).
 */
export function fisherSimulated(present: readonly number[], totals: readonly number[], resamples: number, random: Random): number {
  const k = totals.length;
  const lf = (x: number) => gammaln(x + 1);
  const statistic = (xs: ArrayLike<number>) => {
    let s = 0;
    for (let j = 0; j < k; j++) s -= lf(xs[j]!) + lf(totals[j]! - xs[j]!);
    return s;
  };
  const observed = statistic(present);
  const almostOne = 1 + 64 * Number.EPSILON;
  const n = totals.reduce((a, b) => a + b, 0);
  const a = present.reduce((s, b) => s + b, 0);
  const xs = new Float64Array(k);
  let atMost = 0;
  for (let b = 0; b < resamples; b++) {
    let left = n;
    let good = a;
    for (let j = 0; j < k; j++) {
      const x = j === k - 1 ? good : hypergeometric(random, left, good, totals[j]!);
      xs[j] = x;
      good -= x;
      left -= totals[j]!;
    }
    if (statistic(xs) <= observed / almostOne) atMost++;
  }
  return (1 + atMost) / (resamples + 1);
}

/**
 * Tests whether a code's share differs between groups: `present[j]` texts with the code out of
 * `totals[j]` in group j. "none" when fewer than two groups or the code is in none or all of the
 * texts (the table has an empty margin).
 */
export function testCode(present: readonly number[], totals: readonly number[], resamples: number, random: Random): CodeTest {
  const k = totals.length;
  const a = present.reduce((s, b) => s + b, 0);
  const n = totals.reduce((s, b) => s + b, 0);
  if (k < 2 || a === 0 || a === n) return { method: "none", statistic: null, df: null, pValue: null, residuals: new Array<number | null>(k).fill(null) };
  const counts = [present.slice(), present.map((x, j) => totals[j]! - x)];
  const chi = chiSquareTest(counts);
  const residuals = chi.stdResiduals[0]!.slice();
  if (chi.warnings.length === 0) return { method: "chisq", statistic: chi.statistic, df: chi.df, pValue: chi.pValue, residuals };
  const few = Math.min(a, n - a);
  if (tablesWithMargins(few, totals, MAX_ENUMERATED_TABLES) <= MAX_ENUMERATED_TABLES) {
    return { method: "fisher", statistic: null, df: null, pValue: fisherExact(counts).pValue, residuals };
  }
  return { method: "fisher_simulated", statistic: null, df: null, pValue: fisherSimulated(present, totals, resamples, random), residuals };
}
