import { InsufficientDataError, KoeArgumentError } from "../errors/errors.js";
import { dropMissing, presentMoments, requireCount, type NumericInput } from "./clean.js";
import { tCdf, tQuantile } from "./distributions.js";
import { mean, variance } from "./moments.js";
import { makeResult, type Alternative, type Result } from "./result.js";

export interface TTestOptions {
  /** "two-sided" (default), "less" or "greater": the alternative for (estimate − mu). */
  alternative?: Alternative;
  /** Confidence level of the interval (default 0.95). */
  confLevel?: number;
  /** The hypothesised mean or difference (default 0). */
  mu?: number;
}

export type TTestResult = Result<{ estimates: number[] }>;

function checkOptions(fn: string, { alternative = "two-sided", confLevel = 0.95, mu = 0 }: TTestOptions) {
  if (!["two-sided", "less", "greater"].includes(alternative)) {
    throw new KoeArgumentError(`${fn}: alternative must be "two-sided", "less" or "greater" (got "${alternative}")`);
  }
  if (!(confLevel > 0 && confLevel < 1)) throw new KoeArgumentError(`${fn}: confLevel must be between 0 and 1 (got ${confLevel})`);
  if (!Number.isFinite(mu)) throw new KoeArgumentError(`${fn}: mu must be a finite number (got ${mu})`);
  return { alternative, confLevel, mu };
}

/** p-value and interval of a t statistic, as R's t.test computes them. */
function tInference(estimate: number, se: number, df: number, opts: Required<TTestOptions>) {
  const statistic = (estimate - opts.mu) / se;
  const { alternative, confLevel } = opts;
  let pValue: number;
  let ciLow: number;
  let ciHigh: number;
  if (alternative === "less") {
    pValue = tCdf(statistic, df);
    ciLow = -Infinity;
    ciHigh = estimate + tQuantile(confLevel, df) * se;
  } else if (alternative === "greater") {
    pValue = tCdf(statistic, df, { lowerTail: false });
    ciLow = estimate - tQuantile(confLevel, df) * se;
    ciHigh = Infinity;
  } else {
    pValue = 2 * tCdf(-Math.abs(statistic), df);
    const q = tQuantile(1 - (1 - confLevel) / 2, df);
    ciLow = estimate - q * se;
    ciHigh = estimate + q * se;
  }
  return { statistic, pValue: Math.min(1, pValue), ciLow, ciHigh };
}

function constant(fn: string): never {
  throw new InsufficientDataError(fn, 2, 0, null, `${fn}: the data are essentially constant (zero variance), so t is undefined`);
}

/**
 * One-sample t-test of the mean against `mu`, as R's `t.test(x, mu = mu)`.
 * @example
 * oneSampleTTest([5.1, 4.9, 5.6, 5.8, 6.0], { mu: 5 }).pValue // => 0.1387…
 */
export function oneSampleTTest(x: NumericInput, options: TTestOptions = {}): TTestResult {
  const opts = checkOptions("oneSampleTTest", options);
  const { values, nMissing } = dropMissing(x);
  requireCount("oneSampleTTest", values, 2);
  const m = mean(values);
  const v = variance(values, m);
  const se = Math.sqrt(v / values.length);
  if (!(se > 0)) constant("oneSampleTTest");
  const df = values.length - 1;
  return makeResult({
    method: "One Sample t-test",
    alternative: opts.alternative,
    estimate: m,
    stdError: se,
    df,
    ...tInference(m, se, df, opts),
    confLevel: opts.confLevel,
    n: values.length,
    nMissing,
    estimates: [m],
  });
}

function twoSample(fn: string, x: NumericInput, y: NumericInput, options: TTestOptions, pooled: boolean): TTestResult {
  const opts = checkOptions(fn, options);
  const a = presentMoments(x);
  const b = presentMoments(y);
  if (a.n < (pooled ? 1 : 2)) throw new InsufficientDataError(fn, pooled ? 1 : 2, a.n, "x");
  if (b.n < (pooled ? 1 : 2)) throw new InsufficientDataError(fn, pooled ? 1 : 2, b.n, "y");
  const nx = a.n;
  const ny = b.n;
  if (pooled && nx + ny < 3) throw new InsufficientDataError(fn, 3, nx + ny, null, `${fn} needs at least 3 values in x and y together (found ${nx + ny})`);
  const mx = a.mean;
  const my = b.mean;
  const vx = nx > 1 ? a.variance : 0;
  const vy = ny > 1 ? b.variance : 0;
  let se: number;
  let df: number;
  if (pooled) {
    df = nx + ny - 2;
    const v = ((nx - 1) * vx + (ny - 1) * vy) / df;
    se = Math.sqrt(v * (1 / nx + 1 / ny));
  } else {
    const sx = vx / nx;
    const sy = vy / ny;
    se = Math.sqrt(sx + sy);
    df = (sx + sy) ** 2 / (sx ** 2 / (nx - 1) + sy ** 2 / (ny - 1));
  }
  if (!(se > 0)) constant(fn);
  const estimate = mx - my;
  return makeResult({
    method: pooled ? "Two Sample t-test" : "Welch Two Sample t-test",
    alternative: opts.alternative,
    estimate,
    stdError: se,
    df,
    ...tInference(estimate, se, df, opts),
    confLevel: opts.confLevel,
    n: nx + ny,
    nMissing: a.nMissing + b.nMissing,
    estimates: [mx, my],
  });
}

/**
 * Welch's two-sample t-test (unequal variances) of mean(x) − mean(y), as R's `t.test(x, y)`.
 * `estimates` holds both group means.
 * @example
 * welchTTest([0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0], [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4]).pValue // => 0.07939414
 */
export function welchTTest(x: NumericInput, y: NumericInput, options: TTestOptions = {}): TTestResult {
  return twoSample("welchTTest", x, y, options, false);
}

/** Student's two-sample t-test (pooled variance), as R's `t.test(x, y, var.equal = TRUE)`. */
export function studentTTest(x: NumericInput, y: NumericInput, options: TTestOptions = {}): TTestResult {
  return twoSample("studentTTest", x, y, options, true);
}

/**
 * Paired t-test of the mean difference x − y, as R's `t.test(x, y, paired = TRUE)`; pairs with a
 * missing side are dropped (counted in nMissing).
 */
export function pairedTTest(x: NumericInput, y: NumericInput, options: TTestOptions = {}): TTestResult {
  if (x.length !== y.length) throw new KoeArgumentError(`pairedTTest: x and y must have the same length (got ${x.length} and ${y.length})`);
  const d = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const a = x[i];
    const b = y[i];
    d[i] = a === null || a === undefined || b === null || b === undefined ? Number.NaN : a - b;
  }
  const r = oneSampleTTest(d, options);
  return makeResult({ ...r, method: "Paired t-test", estimates: r.estimates });
}
