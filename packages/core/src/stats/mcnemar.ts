import { KoeArgumentError } from "../errors/errors.js";
import { binomialCdf, chiSquareCdf } from "./distributions.js";
import { makeResult, type Result } from "./result.js";

/**
 * McNemar's test of paired change from the discordant counts b (yes → no) and c (no → yes):
 * the chi-square version with continuity correction as R's `mcnemar.test` (default), or the
 * exact binomial version (`exact: true`, two-sided, as `binom.test(c, b + c)`).
 * @example
 * mcnemarTest(3, 12).pValue // => 0.0389… (R: mcnemar.test(matrix(c(10, 12, 3, 20), 2)))
 */
export function mcnemarTest(b: number, c: number, { correct = true, exact = false }: { correct?: boolean; exact?: boolean } = {}): Result<{ yesToNo: number; noToYes: number }> {
  for (const v of [b, c]) if (!Number.isInteger(v) || v < 0) throw new KoeArgumentError(`mcnemarTest: counts must be whole numbers ≥ 0 (got ${v})`);
  const n = b + c;
  let statistic: number | null = null;
  let pValue: number | null = null;
  if (n > 0) {
    if (exact) {
      const k = Math.min(b, c);
      pValue = Math.min(1, 2 * binomialCdf(k, n, 0.5));
    } else {
      statistic = ((correct ? Math.max(0, Math.abs(c - b) - 1) : Math.abs(c - b)) ** 2) / n;
      pValue = chiSquareCdf(statistic, 1, { lowerTail: false });
    }
  }
  return makeResult({
    method: exact ? "Exact McNemar test (binomial)" : correct ? "McNemar's Chi-squared test with continuity correction" : "McNemar's Chi-squared test",
    alternative: "two-sided",
    estimate: n > 0 ? c / n : null,
    stdError: null,
    statistic,
    df: exact ? null : 1,
    pValue,
    ciLow: null,
    ciHigh: null,
    confLevel: null,
    n,
    nMissing: 0,
    yesToNo: b,
    noToYes: c,
  });
}
