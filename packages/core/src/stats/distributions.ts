// Distribution functions for tests and intervals. Special functions come from the per-function
// @stdlib packages (ports of Boost/Cephes with published accuracy tests); upper tails are
// computed directly (never as 1 − CDF), so p-values stay accurate far into the tails.
import betainc from "@stdlib/math-base-special-betainc";
import gammainc from "@stdlib/math-base-special-gammainc";
import binomialCdfStd from "@stdlib/stats-base-dists-binomial-cdf";
import binomialQuantileStd from "@stdlib/stats-base-dists-binomial-quantile";
import chisquareQuantileStd from "@stdlib/stats-base-dists-chisquare-quantile";
import fQuantileStd from "@stdlib/stats-base-dists-f-quantile";
import hypergeometricCdfStd from "@stdlib/stats-base-dists-hypergeometric-cdf";
import normalCdfStd from "@stdlib/stats-base-dists-normal-cdf";
import normalQuantileStd from "@stdlib/stats-base-dists-normal-quantile";
import tQuantileStd from "@stdlib/stats-base-dists-t-quantile";

/** Which tail a CDF gives: P(X ≤ x) (`lower`, default) or P(X > x). */
export interface TailOptions {
  lowerTail?: boolean;
}

/**
 * Standard normal CDF (with mean and sd), as R's `pnorm`.
 * @example
 * normalCdf(-1.959963984540054) // => 0.025
 * normalCdf(40, { lowerTail: false }) // => 3.655893540915e-350 underflows to 0; pnorm(-37) = 5.72557122252458e-300
 */
export function normalCdf(x: number, { lowerTail = true, mean = 0, sd = 1 }: TailOptions & { mean?: number; sd?: number } = {}): number {
  const z = (x - mean) / sd;
  return lowerTail ? normalCdfStd(z, 0, 1) : normalCdfStd(-z, 0, 1);
}

/** Standard normal quantile, as R's `qnorm`. */
export function normalQuantile(p: number, { mean = 0, sd = 1 }: { mean?: number; sd?: number } = {}): number {
  return normalQuantileStd(p, mean, sd);
}

/** Student t CDF with `df` degrees of freedom (df may be fractional, as in Welch's test), as R's `pt`. */
export function tCdf(t: number, df: number, { lowerTail = true }: TailOptions = {}): number {
  if (Number.isNaN(t) || !(df > 0)) return Number.NaN;
  if (!Number.isFinite(df)) return normalCdf(t, { lowerTail });
  if (t === 0) return 0.5;
  // P(T > |t|) = I_{df/(df+t²)}(df/2, 1/2) / 2: exact in the far tails, where 1 − CDF would be 0.
  const tail = 0.5 * betainc(df / (df + t * t), df / 2, 0.5, true, false);
  const small = t < 0 === lowerTail;
  return small ? tail : 1 - tail;
}

/** Student t quantile, as R's `qt`. */
export function tQuantile(p: number, df: number): number {
  if (!Number.isFinite(df)) return normalQuantile(p);
  return tQuantileStd(p, df);
}

/** Chi-square CDF, as R's `pchisq`; the upper tail via the regularised upper incomplete gamma function. */
export function chiSquareCdf(x: number, df: number, { lowerTail = true }: TailOptions = {}): number {
  if (Number.isNaN(x) || !(df > 0)) return Number.NaN;
  if (x <= 0) return lowerTail ? 0 : 1;
  if (x === Infinity) return lowerTail ? 1 : 0;
  return gammainc(x / 2, df / 2, true, !lowerTail);
}

/** Chi-square quantile, as R's `qchisq`. */
export function chiSquareQuantile(p: number, df: number): number {
  return chisquareQuantileStd(p, df);
}

/** F CDF, as R's `pf`; both tails via the regularised incomplete beta function. */
export function fCdf(f: number, df1: number, df2: number, { lowerTail = true }: TailOptions = {}): number {
  if (Number.isNaN(f) || !(df1 > 0) || !(df2 > 0)) return Number.NaN;
  if (f <= 0) return lowerTail ? 0 : 1;
  if (f === Infinity) return lowerTail ? 1 : 0;
  const x = (df1 * f) / (df1 * f + df2);
  // P(F ≤ f) = I_x(df1/2, df2/2); the upper tail as I_{1−x}(df2/2, df1/2) to keep precision.
  return lowerTail ? betainc(x, df1 / 2, df2 / 2, true, false) : betainc(df2 / (df1 * f + df2), df2 / 2, df1 / 2, true, false);
}

/** F quantile, as R's `qf`. */
export function fQuantile(p: number, df1: number, df2: number): number {
  return fQuantileStd(p, df1, df2);
}

/** Binomial CDF P(X ≤ k), as R's `pbinom`; the upper tail P(X > k) via the incomplete beta function. */
export function binomialCdf(k: number, n: number, p: number, { lowerTail = true }: TailOptions = {}): number {
  if (lowerTail) return binomialCdfStd(k, n, p);
  const kk = Math.floor(k);
  if (kk < 0) return 1;
  if (kk >= n) return 0;
  // P(X > k) = P(X ≥ k+1) = I_p(k+1, n−k).
  return betainc(p, kk + 1, n - kk, true, false);
}

/** Binomial quantile, as R's `qbinom`. */
export function binomialQuantile(prob: number, n: number, p: number): number {
  return binomialQuantileStd(prob, n, p);
}

/**
 * Hypergeometric CDF P(X ≤ k) for X white balls among `draws` from `white` white and `black` black,
 * in R's parametrisation `phyper(k, m = white, n = black, k = draws)`.
 */
export function hypergeometricCdf(k: number, white: number, black: number, draws: number, { lowerTail = true }: TailOptions = {}): number {
  // stdlib: (x, N, K, n) = (k, population, successes, draws).
  if (lowerTail) return hypergeometricCdfStd(k, white + black, white, draws);
  // P(X > k) = P(Y ≤ draws − k − 1) for Y the number of black balls: same precision in the upper tail.
  return hypergeometricCdfStd(draws - Math.floor(k) - 1, white + black, black, draws);
}
