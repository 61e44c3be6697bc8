import { InsufficientDataError, KoeArgumentError } from "../errors/errors.js";
import { localize } from "../errors/catalogue.js";
import { counted, statsMessages as m } from "../errors/stats-messages.js";
import { dropMissing, insufficientData, numericValues, presentMoments, requireCount, type NumericInput } from "./clean.js";
import { ALTERNATIVES, choice, confLevelOf, finiteOf, kernelOptions } from "./options.js";
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

export const T_TEST_OPTIONS = ["alternative", "confLevel", "mu"] as const;

function checkOptions(fn: string, options: TTestOptions | undefined) {
  const { alternative = "two-sided", confLevel = 0.95, mu = 0 } = kernelOptions(fn, options, T_TEST_OPTIONS);
  return { alternative: choice(fn, "alternative", alternative, ALTERNATIVES), confLevel: confLevelOf(fn, confLevel), mu: finiteOf(fn, "mu", mu) };
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
  const e = new InsufficientDataError(fn, 2, 0, null, localize(m.constant, { fn }));
  Object.assign(e.params as Record<string, unknown>, { reason: "constant" });
  throw e;
}

/**
 * One-sample t-test of the mean against `mu`, as R's `t.test(x, mu = mu)`.
 * @example
 * oneSampleTTest([5.1, 4.9, 5.6, 5.8, 6.0], { mu: 5 }).pValue // => 0.08256830 (R: t.test(x, mu = 5))
 */
export function oneSampleTTest(x: NumericInput, options: TTestOptions = {}): TTestResult {
  const fn = "oneSampleTTest";
  return oneSample(fn, "One Sample t-test", dropMissing(x, fn), checkOptions(fn, options));
}

function oneSample(fn: string, method: string, { values, nMissing }: { values: Float64Array; nMissing: number }, opts: Required<TTestOptions>): TTestResult {
  requireCount(fn, values, 2);
  const m = mean(values);
  const v = variance(values, m);
  const se = Math.sqrt(v / values.length);
  if (!(se > 0)) constant(fn);
  const df = values.length - 1;
  return makeResult({
    method,
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
  const a = presentMoments(x, fn, "x");
  const b = presentMoments(y, fn, "y");
  if (a.n < (pooled ? 1 : 2)) throw insufficientData(fn, pooled ? 1 : 2, a.n, { column: "x" });
  if (b.n < (pooled ? 1 : 2)) throw insufficientData(fn, pooled ? 1 : 2, b.n, { column: "y" });
  const nx = a.n;
  const ny = b.n;
  if (pooled && nx + ny < 3) throw insufficientData(fn, 3, nx + ny, { what: counted.valuesTogether });
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
  const fn = "pairedTTest";
  const opts = checkOptions(fn, options);
  const a = numericValues(fn, x, "x");
  const b = numericValues(fn, y, "y");
  if (a.length !== b.length) throw KoeArgumentError.of(m.sameLength, { fn, a: "x", b: "y", na: a.length, nb: b.length });
  const d = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const u = a[i];
    const v = b[i];
    d[i] = u === null || u === undefined || v === null || v === undefined ? Number.NaN : u - v;
  }
  return oneSample(fn, "Paired t-test", dropMissing(d, fn), opts);
}
