import { dropMissing, requireCount, type NumericInput } from "./clean.js";
import { confLevelOf, kernelOptions } from "./options.js";
import { normalQuantile } from "./distributions.js";
import { mean, variance } from "./moments.js";
import { makeResult, type Result } from "./result.js";

export type EffectSizeResult = Result<{ pooledSd: number; correction: number }>;

function standardizedDifference(fn: string, x: NumericInput, y: NumericInput, confLevel: number, hedges: boolean): EffectSizeResult {
  const a = dropMissing(x, fn, "x");
  const b = dropMissing(y, fn, "y");
  requireCount(fn, a.values, 2, "x");
  requireCount(fn, b.values, 2, "y");
  const n1 = a.values.length;
  const n2 = b.values.length;
  const df = n1 + n2 - 2;
  const m1 = mean(a.values);
  const m2 = mean(b.values);
  const sp = Math.sqrt(((n1 - 1) * variance(a.values, m1) + (n2 - 1) * variance(b.values, m2)) / df);
  const d = (m1 - m2) / sp;
  // Hedges & Olkin's small-sample correction J ≈ 1 − 3/(4·df − 1), as most software.
  const j = hedges ? 1 - 3 / (4 * df - 1) : 1;
  const estimate = d * j;
  // Large-sample standard error of d (Hedges & Olkin 1985, eq. 5.15), scaled by J for g.
  const se = j * Math.sqrt((n1 + n2) / (n1 * n2) + (d * d) / (2 * (n1 + n2)));
  const z = normalQuantile(1 - (1 - confLevel) / 2);
  return makeResult({
    method: hedges ? "Hedges' g (pooled SD, approximate J)" : "Cohen's d (pooled SD)",
    alternative: null,
    estimate,
    stdError: se,
    statistic: null,
    df,
    pValue: null,
    ciLow: estimate - z * se,
    ciHigh: estimate + z * se,
    confLevel,
    n: n1 + n2,
    nMissing: a.nMissing + b.nMissing,
    pooledSd: sp,
    correction: j,
  });
}

/**
 * Cohen's d = (mean(x) − mean(y)) / pooled SD (n − 1 denominators), with a normal-approximation
 * interval (Hedges & Olkin's standard error).
 * @example
 * cohensD([0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0], [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4]).estimate // => -0.8321811
 */
export function cohensD(x: NumericInput, y: NumericInput, options: { confLevel?: number } = {}): EffectSizeResult {
  return standardizedDifference("cohensD", x, y, confLevelOf("cohensD", kernelOptions("cohensD", options, ["confLevel"]).confLevel ?? 0.95), false);
}

/** Hedges' g: Cohen's d times the small-sample correction 1 − 3/(4(n1 + n2) − 9). */
export function hedgesG(x: NumericInput, y: NumericInput, options: { confLevel?: number } = {}): EffectSizeResult {
  return standardizedDifference("hedgesG", x, y, confLevelOf("hedgesG", kernelOptions("hedgesG", options, ["confLevel"]).confLevel ?? 0.95), true);
}
