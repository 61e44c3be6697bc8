import { KoeArgumentError } from "../errors/errors.js";
import { statsMessages as m } from "../errors/stats-messages.js";
import { numberOf } from "./clean.js";
import { flagOf, kernelOptions } from "./options.js";
import { binomialCdf, chiSquareCdf } from "./distributions.js";
import { makeResult, type Result } from "./result.js";

/**
 * McNemar's test of paired change from the discordant counts b (yes → no) and c (no → yes):
 * the chi-square version with continuity correction as R's `mcnemar.test` (default), or the
 * exact binomial version (`exact: true`, two-sided, as `binom.test(c, b + c)`).
 * @example
 * mcnemarTest(3, 12).pValue // => 0.0389  R: mcnemar.test(matrix(c(10, 12, 3, 20), 2))
 */
export function mcnemarTest(yesToNo: number, noToYes: number, options: { correct?: boolean; exact?: boolean } = {}): Result<{ yesToNo: number; noToYes: number }> {
  const fn = "mcnemarTest";
  const o = kernelOptions(fn, options, ["correct", "exact"]);
  const correct = flagOf(fn, "correct", o.correct ?? true);
  const exact = flagOf(fn, "exact", o.exact ?? false);
  const [b, c] = [yesToNo, noToYes].map((v, i) => {
    const x = numberOf(v);
    if (x === null || !Number.isInteger(x) || x < 0) throw KoeArgumentError.of(m.badCount, { fn, row: 1, column: i + 1, value: v, whole: true });
    return x;
  }) as [number, number];
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
