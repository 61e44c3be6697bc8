// A share over ratings that come in companies (a company rates an initiative in several cells, with
// its house tendency): the Wilson interval on the effective sample size, the design effect taken
// from the companies' cluster-robust variance of the share.
import { normalQuantile } from "../../stats/distributions.js";
import { wilsonBound } from "../../stats/proportions.js";

export interface ClusteredShare {
  estimate: number;
  ciLow: number;
  ciHigh: number;
  /** Variance of the share with companies as clusters over its variance as independent ratings (at least 1). */
  designEffect: number;
  /** Ratings / design effect: the n of the Wilson interval. */
  nEffective: number;
}

/**
 * The share Σhits / Σtotals over companies (hits and totals per company, companies with no total
 * left out), with a Wilson interval on the effective sample size n / deff (Kish 1965), where the
 * design effect deff is the cluster-robust variance of the ratio, G/(G − 1) · Σ_g (hits_g − p ·
 * totals_g)² / N², over p(1 − p)/N, floored at 1 (clustering never narrows the interval). With one
 * company, or p at 0 or 1, deff is 1. Null without any total.
 * @example
 * clusteredShare([9, 1, 5], [10, 10, 10]).designEffect // => 6.4
 */
export function clusteredShare(hits: ArrayLike<number>, totals: ArrayLike<number>, confLevel = 0.95): ClusteredShare | null {
  let x = 0;
  let n = 0;
  let g = 0;
  for (let k = 0; k < totals.length; k++) {
    if (!(totals[k]! > 0)) continue;
    x += hits[k]!;
    n += totals[k]!;
    g++;
  }
  if (n === 0) return null;
  const p = x / n;
  let ss = 0;
  for (let k = 0; k < totals.length; k++) if (totals[k]! > 0) ss += (hits[k]! - p * totals[k]!) ** 2;
  const robust = g > 1 ? ((g / (g - 1)) * ss) / (n * n) : 0;
  const independent = (p * (1 - p)) / n;
  const designEffect = independent > 0 && robust > independent ? robust / independent : 1;
  const m = n / designEffect;
  const z = normalQuantile(1 - (1 - confLevel) / 2);
  return { estimate: p, ciLow: x === 0 ? 0 : wilsonBound(p, m, z, -1), ciHigh: x === n ? 1 : wilsonBound(p, m, z, 1), designEffect, nEffective: m };
}
