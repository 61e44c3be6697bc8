// The trend of a yes/no outcome over periods: the common slope within companies (company fixed
// effects, cluster-robust by company) and each company's own slope (cluster-robust by person),
// as a linear probability model (CR2 with Satterthwaite df) or a logistic one (CR1, normal). Designs are built here; the fitting is
// analyze/regression.ts's (fitOls, fitLogistic).
import { clusterIds, fitLogistic, fitOls, type Coefficient } from "../../analyze/regression.js";
import type { KoeWarning } from "../../errors/catalogue.js";
import { KoeError } from "../../errors/errors.js";
import { sandwich } from "../../stats/linear-algebra.js";
import { normalCdf, normalQuantile } from "../../stats/distributions.js";

/** A slope on the period with its interval, from one fit. */
export interface Slope {
  slope: number;
  stdError: number;
  ciLow: number;
  ciHigh: number;
  pValue: number;
  n: number;
  clusters: number;
  /** Satterthwaite df of the slope (linear, CR2); null on the normal (logistic). */
  df: number | null;
  /** The cluster-robust fit's warning when it is about the period (few effective clusters; linear fits), not about a company's dummy. */
  warnings: KoeWarning[];
}

/** The rows of one fit: the outcome (0/1), the period, the fixed-effect level (or -1 for none) and the cluster key. */
export interface TrendRows {
  y: Uint8Array;
  period: Float64Array;
  /** Company code per row (for fixed effects); levels 0 … levels − 1. */
  group: Int32Array;
  levels: number;
  cluster: ArrayLike<unknown>;
  /** The cluster column's name, for the fit's warnings (default "cluster"). */
  clusterName?: string;
}

/**
 * Logistic regression with cluster-robust (HC1) errors, as R's
 * `sandwich::vcovCL(glm(..., family = binomial), cluster = ~g, type = "HC1")`: the bread is the
 * inverse Fisher information, the meat the sum over clusters of the score (y − μ)·x summed within
 * the cluster, times G/(G − 1)·(N − 1)/(N − K); tests and intervals on the normal.
 */
function logisticSlope(fn: string, x: Float64Array, y: Float64Array, n: number, p: number, terms: string[], ids: { ids: Int32Array; count: number }, confLevel: number, term: number): Coefficient {
  const fit = fitLogistic({ fn, x, y, n, p, terms, confLevel, nMissing: 0, outcome: terms[0]!, predictors: terms.slice(1) });
  const bread = Float64Array.from(fit.vcov.flat());
  const scores = new Float64Array(ids.count * p);
  for (let i = 0; i < n; i++) {
    const e = y[i]! - fit.fitted[i]!;
    for (let a = 0; a < p; a++) scores[ids.ids[i]! * p + a]! += e * x[i * p + a]!;
  }
  const meat = new Float64Array(p * p);
  for (let g = 0; g < ids.count; g++) for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) meat[a * p + b]! += scores[g * p + a]! * scores[g * p + b]!;
  const adj = (ids.count / (ids.count - 1)) * ((n - 1) / (n - p));
  const v = sandwich(bread, meat, p);
  const se = Math.sqrt(v[term * p + term]! * adj);
  const est = fit.coefficients[term]!.estimate;
  const q = normalQuantile(1 - (1 - confLevel) / 2);
  return { term: terms[term]!, estimate: est, stdError: se, statistic: est / se, pValue: 2 * normalCdf(-Math.abs(est / se)), ciLow: est - q * se, ciHigh: est + q * se };
}

/**
 * The slope on the period: `y ~ period (+ group dummies)`, linear (OLS, cluster-robust CR2 with
 * Satterthwaite df, as `clubSandwich::coef_test(vcov = "CR2", test = "Satterthwaite")`) or
 * logistic (binomial GLM, cluster-robust HC1 as `vcovCL`, normal), with clusters given by
 * `rows.cluster`. Null when the model cannot be fitted on these rows (e.g. the
 * outcome never varies in a logistic fit); a bad argument still throws.
 */
export function periodSlope(fn: string, rows: TrendRows, trend: "linear" | "logistic", confLevel: number): Slope | null {
  const n = rows.y.length;
  const dummies = Math.max(0, rows.levels - 1);
  const p = 2 + dummies;
  const x = new Float64Array(n * p);
  const y = Float64Array.from(rows.y);
  for (let i = 0; i < n; i++) {
    x[i * p] = 1;
    x[i * p + 1] = rows.period[i]!;
    const g = rows.group[i]!;
    if (g > 0) x[i * p + 1 + g] = 1;
  }
  const terms = ["(Intercept)", "period", ...Array.from({ length: dummies }, (_, k) => `group${k + 2}`)];
  const ids = clusterIds(rows.cluster, Int32Array.from({ length: n }, (_, i) => i));
  try {
    const linear = trend === "linear" ? fitOls({ fn, x, y, n, p, terms, type: "CR2", clusterIds: ids, clusterName: rows.clusterName ?? "cluster", confLevel, nMissing: 0 }) : null;
    const c = linear ? linear.coefficients[1]! : logisticSlope(fn, x, y, n, p, terms, ids, confLevel, 1);
    if (!Number.isFinite(c.stdError) || c.stdError === 0) return null;
    return { slope: c.estimate, stdError: c.stdError, ciLow: c.ciLow, ciHigh: c.ciHigh, pValue: c.pValue, n, clusters: ids.count, df: linear ? (c.df ?? null) : null, warnings: (linear?.warnings ?? []).filter((w) => w.params.term === "period") };
  } catch (e) {
    if (e instanceof KoeError && e.name === "KoeError") return null;
    if (e instanceof KoeError && e.code === "insufficient_data") return null;
    throw e;
  }
}
