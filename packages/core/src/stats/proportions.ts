import { betaincinv } from "./special-functions.js";
import { KoeArgumentError } from "../errors/errors.js";
import { statsMessages as m } from "../errors/stats-messages.js";
import { choice, confLevelOf, kernelOptions, wholeOf } from "./options.js";
import { normalQuantile } from "./distributions.js";
import { makeResult, type Result } from "./result.js";

export const PROPORTION_METHODS = ["wilson", "wilson-cc", "clopper-pearson", "jeffreys", "agresti-coull", "wald"] as const;
export type ProportionMethod = (typeof PROPORTION_METHODS)[number];

/** Beta quantile via the inverse regularised incomplete beta function (R's qbeta). */
function qbeta(p: number, a: number, b: number): number {
  return betaincinv(p, a, b, false);
}

/** A bound of Wilson's interval for a proportion p of n, z the normal quantile (sign −1 lower, 1 upper). @internal */
export function wilsonBound(p: number, n: number, z: number, sign: 1 | -1): number {
  return (p + (z * z) / (2 * n) + sign * z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
}

/**
 * A confidence interval for a proportion x / n. Methods: `wilson` (default; R's
 * `prop.test(x, n, correct = FALSE)`), `wilson-cc` (R's `prop.test` default), `clopper-pearson`
 * (`binom.test`), `jeffreys`, `agresti-coull`, `wald`. Exact at x = 0 and x = n (the bound at the
 * edge is 0 or 1 exactly; Agresti–Coull and Wald are left unclipped as their formulas give).
 * @example
 * proportionInterval(1, 10).ciHigh // => 0.4041500 (Wilson)
 */
export function proportionInterval(x: number, n: number, options: { method?: ProportionMethod; confLevel?: number } = {}): Result<{ x: number; method: string }> {
  const fn = "proportionInterval";
  const o = kernelOptions(fn, options, ["method", "confLevel"]);
  const method = choice(fn, "method", o.method ?? "wilson", PROPORTION_METHODS);
  const confLevel = confLevelOf(fn, o.confLevel ?? 0.95);
  wholeOf(fn, "n", n, 1);
  if (!Number.isInteger(x) || x < 0 || x > n) throw KoeArgumentError.of(m.badSuccesses, { fn, x, n });
  const alpha = 1 - confLevel;
  const z = normalQuantile(1 - alpha / 2);
  const p = x / n;
  let lo: number;
  let hi: number;
  switch (method) {
    case "wilson":
      lo = x === 0 ? 0 : wilsonBound(p, n, z, -1);
      hi = x === n ? 1 : wilsonBound(p, n, z, 1);
      break;
    case "wilson-cc": {
      // As R's prop.test: the bounds use p ∓ c/n, clipped at 0 and 1, with c = min(0.5, |x − n/2|)
      // (R shrinks the correction by the distance to its null p = 0.5; at x = n/2 it vanishes).
      const cc = Math.min(0.5, Math.abs(x - n / 2));
      const pl = p - cc / n;
      const pu = p + cc / n;
      lo = pl <= 0 ? 0 : wilsonBound(pl, n, z, -1);
      hi = pu >= 1 ? 1 : wilsonBound(pu, n, z, 1);
      break;
    }
    case "clopper-pearson":
      lo = x === 0 ? 0 : qbeta(alpha / 2, x, n - x + 1);
      hi = x === n ? 1 : qbeta(1 - alpha / 2, x + 1, n - x);
      break;
    case "jeffreys":
      lo = x === 0 ? 0 : qbeta(alpha / 2, x + 0.5, n - x + 0.5);
      hi = x === n ? 1 : qbeta(1 - alpha / 2, x + 0.5, n - x + 0.5);
      break;
    case "agresti-coull": {
      const nt = n + z * z;
      const pt = (x + (z * z) / 2) / nt;
      const h = z * Math.sqrt((pt * (1 - pt)) / nt);
      lo = pt - h;
      hi = pt + h;
      break;
    }
    case "wald": {
      const h = z * Math.sqrt((p * (1 - p)) / n);
      lo = p - h;
      hi = p + h;
      break;
    }
  }
  return makeResult({
    method,
    alternative: null,
    estimate: p,
    stdError: Math.sqrt((p * (1 - p)) / n),
    statistic: null,
    df: null,
    pValue: null,
    ciLow: lo,
    ciHigh: hi,
    confLevel,
    n,
    nMissing: 0,
    x,
  });
}
