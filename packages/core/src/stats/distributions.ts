// Distribution functions for tests and intervals. Special functions come from the per-function
// @stdlib packages (ports of Boost/Cephes with published accuracy tests; bundled into one module,
// ./special-functions.ts, so that loading koe reads one file instead of ~480); upper tails are
// computed directly (never as 1 − CDF), so p-values stay accurate far into the tails.
import {
  betainc,
  binomialCdf as binomialCdfStd,
  binomialQuantile as binomialQuantileStd,
  chisquareQuantile as chisquareQuantileStd,
  fQuantile as fQuantileStd,
  gammainc,
  hypergeometricCdf as hypergeometricCdfStd,
  normalCdf as normalCdfStd,
  tQuantile as tQuantileStd,
} from "./special-functions.js";

/** Which tail a CDF gives: P(X ≤ x) (`lower`, default) or P(X > x). */
export interface TailOptions {
  lowerTail?: boolean;
}

/**
 * Standard normal CDF (with mean and sd), as R's `pnorm`.
 * @example
 * normalCdf(-1.959963984540054) // => 0.025
 * normalCdf(40, { lowerTail: false }) // => 0 — 3.655893540915e-350 underflows; pnorm(-37) = 5.72557122252458e-300
 */
export function normalCdf(x: number, { lowerTail = true, mean = 0, sd = 1 }: TailOptions & { mean?: number; sd?: number } = {}): number {
  const z = (x - mean) / sd;
  return lowerTail ? normalCdfStd(z, 0, 1) : normalCdfStd(-z, 0, 1);
}

/**
 * Normal quantile, as R's `qnorm`: Wichura's algorithm AS 241 (PPND16), the one R uses, accurate
 * to about 1e-16 over the whole range (also at p = 1e-300, where general-purpose inverses fail).
 */
export function normalQuantile(p: number, { mean = 0, sd = 1 }: { mean?: number; sd?: number } = {}): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return Number.NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const q = p - 0.5;
  let val: number;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    val =
      (q * (((((((r * 2509.0809287301226727 + 33430.575583588128105) * r + 67265.770927008700853) * r + 45921.953931549871457) * r + 13731.693765509461125) * r + 1971.5909503065514427) * r + 133.14166789178437745) * r + 3.387132872796366608)) /
      (((((((r * 5226.495278852545925 + 28729.085735721942674) * r + 39307.89580009271061) * r + 21213.794301586595867) * r + 5394.1960214247511077) * r + 687.1870074920579083) * r + 42.313330701600911252) * r + 1);
  } else {
    let r = q < 0 ? p : 1 - p;
    r = Math.sqrt(-Math.log(r));
    if (r <= 5) {
      r -= 1.6;
      val =
        (((((((r * 7.7454501427834140764e-4 + 0.0227238449892691845833) * r + 0.24178072517745061177) * r + 1.27045825245236838258) * r + 3.64784832476320460504) * r + 5.7694972214606914055) * r + 4.6303378461565452959) * r + 1.42343711074968357734) /
        (((((((r * 1.05075007164441684324e-9 + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r + 0.14810397642748007459) * r + 0.68976733498510000455) * r + 1.6763848301838038494) * r + 2.05319162663775882187) * r + 1);
    } else {
      r -= 5;
      val =
        (((((((r * 2.01033439929228813265e-7 + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r + 0.026532189526576123093) * r + 0.29656057182850489123) * r + 1.7848265399172913358) * r + 5.4637849111641143699) * r + 6.6579046435011037772) /
        (((((((r * 2.04426310338993978564e-15 + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r + 7.868691311456132591e-4) * r + 0.0148753612908506148525) * r + 0.13692988092273580531) * r + 0.59983220655588793769) * r + 1);
    }
    if (q < 0) val = -val;
  }
  return mean + sd * val;
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
