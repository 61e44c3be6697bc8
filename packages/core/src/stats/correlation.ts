import { KoeArgumentError } from "../errors/errors.js";
import { counted, statsMessages as m } from "../errors/stats-messages.js";
import { numericValues, requireCount, type NumericInput } from "./clean.js";
import { ALTERNATIVES, choice, confLevelOf, flagOf, kernelOptions } from "./options.js";
import { normalCdf, normalQuantile, tCdf } from "./distributions.js";
import { averageRanks } from "./ranks.js";
import { makeResult, type Alternative, type Result } from "./result.js";

export interface CorrelationOptions {
  alternative?: Alternative;
  confLevel?: number;
  /** Exact p-value (Spearman: n ≤ 9 without ties; Kendall: n < 50 without ties, as R). */
  exact?: boolean;
}

/** Complete pairs of x and y (a pair with either side missing is dropped and counted). */
export const CORRELATION_OPTIONS = ["alternative", "confLevel", "exact"] as const;

function checkOptions(fn: string, options: CorrelationOptions | undefined): { alternative: Alternative; confLevel: number; exact: boolean | undefined } {
  const o = kernelOptions(fn, options, CORRELATION_OPTIONS);
  return {
    alternative: choice(fn, "alternative", o.alternative ?? "two-sided", ALTERNATIVES),
    confLevel: confLevelOf(fn, o.confLevel ?? 0.95),
    exact: o.exact === undefined ? undefined : flagOf(fn, "exact", o.exact),
  };
}

function pairs(fn: string, xIn: NumericInput, yIn: NumericInput, names: readonly [string, string] = ["x", "y"]): { a: Float64Array; b: Float64Array; nMissing: number } {
  const x = numericValues(fn, xIn, names[0]);
  const y = numericValues(fn, yIn, names[1]);
  if (x.length !== y.length) throw KoeArgumentError.of(m.sameLength, { fn, a: names[0], b: names[1], na: x.length, nb: y.length });
  const keep: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const u = x[i];
    const v = y[i];
    if (u != null && v != null && !Number.isNaN(u) && !Number.isNaN(v)) keep.push(i);
  }
  const a = Float64Array.from(keep, (i) => x[i]!);
  const b = Float64Array.from(keep, (i) => y[i]!);
  return { a, b, nMissing: x.length - keep.length };
}

function pearsonR(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i]!;
    mb += b[i]!;
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i]! - ma;
    const db = b[i]! - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return sab / Math.sqrt(saa * sbb);
}

function tailP(statisticCdfLower: number, statisticCdfUpper: number, alternative: Alternative): number {
  return alternative === "less" ? statisticCdfLower : alternative === "greater" ? statisticCdfUpper : Math.min(1, 2 * Math.min(statisticCdfLower, statisticCdfUpper));
}

/**
 * Pearson's correlation with its t-test and Fisher-z interval, as R's `cor.test(x, y)`.
 * @example
 * pearson([1, 2, 3, 4, 5], [2, 4, 5, 4, 5]).estimate // => 0.7745967
 */
export function pearson(x: NumericInput, y: NumericInput, options: CorrelationOptions = {}): Result {
  const { alternative, confLevel } = checkOptions("pearson", options);
  const { a, b, nMissing } = pairs("pearson", x, y);
  requireCount("pearson", a, 3, null, counted.completePairs);
  const n = a.length;
  const r = pearsonR(a, b);
  if (Number.isNaN(r)) throw KoeArgumentError.of(m.constantVariable, { fn: "pearson" });
  const df = n - 2;
  const t = (r * Math.sqrt(df)) / Math.sqrt(1 - r * r);
  const pValue = tailP(tCdf(t, df), tCdf(t, df, { lowerTail: false }), alternative);
  let ciLow: number | null = null;
  let ciHigh: number | null = null;
  if (n > 3) {
    const z = Math.atanh(r);
    const se = 1 / Math.sqrt(n - 3);
    if (alternative === "less") {
      ciLow = -1;
      ciHigh = Math.tanh(z + normalQuantile(confLevel) * se);
    } else if (alternative === "greater") {
      ciLow = Math.tanh(z - normalQuantile(confLevel) * se);
      ciHigh = 1;
    } else {
      const q = normalQuantile(1 - (1 - confLevel) / 2);
      ciLow = Math.tanh(z - q * se);
      ciHigh = Math.tanh(z + q * se);
    }
  }
  return makeResult({ method: "Pearson's product-moment correlation", alternative, estimate: r, stdError: null, statistic: t, df, pValue, ciLow, ciHigh, confLevel: ciLow === null ? null : confLevel, n, nMissing });
}

function* permutations(n: number): Generator<Int32Array> {
  const p = Int32Array.from({ length: n }, (_, i) => i);
  const c = new Int32Array(n);
  yield p;
  let i = 0;
  while (i < n) {
    if (c[i]! < i) {
      const k = i % 2 === 0 ? 0 : c[i]!;
      [p[k], p[i]] = [p[i]!, p[k]!];
      yield p;
      c[i]!++;
      i = 0;
    } else {
      c[i] = 0;
      i++;
    }
  }
}

/**
 * P[S ≥ is] (upper) or P[S < is] (lower) for Spearman's S = Σ (i − p_i)² under independence:
 * R's prho (AS 89) — all n! permutations for n ≤ 9, the Edgeworth series expansion above.
 */
function prho(n: number, is: number, lowerTail: boolean): number {
  const n3 = (n * (n * n - 1)) / 3;
  if (is <= 0) return lowerTail ? 0 : 1;
  if (is > n3) return lowerTail ? 1 : 0;
  if (n <= 9) {
    let count = 0;
    let total = 0;
    for (const p of permutations(n)) {
      let ss = 0;
      for (let i = 0; i < n; i++) ss += (i - p[i]!) ** 2;
      total++;
      if (ss >= is) count++;
    }
    const upper = count / total;
    return lowerTail ? 1 - upper : upper;
  }
  const [c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12] = [0.2274, 0.2531, 0.1745, 0.0758, 0.1033, 0.3932, 0.0879, 0.0151, 0.0072, 0.0831, 0.0131, 4.6e-4];
  const b = 1 / n;
  const x = ((6 * (is - 1) * b) / (n * n - 1) - 1) * Math.sqrt(1 / b - 1);
  let y = x * x;
  const u = x * b * (c1 + b * (c2 + c3 * b) + y * (-c4 + b * (c5 + c6 * b) - y * b * (c7 + c8 * b - y * (c9 - c10 * b + y * b * (c11 - c12 * y)))));
  y = u / Math.exp(y / 2);
  const pv = (lowerTail ? -y : y) + normalCdf(x, { lowerTail });
  return Math.min(1, Math.max(0, pv));
}

/**
 * Spearman's rank correlation, as R's `cor.test(x, y, method = "spearman")`: `statistic` is R's
 * S = (n³ − n)(1 − ρ)/6; without ties the p-value is R's exact one (all permutations for n ≤ 9, the
 * AS 89 Edgeworth series up to n = 1290), otherwise the t approximation R uses with `exact = FALSE`.
 */
export function spearman(x: NumericInput, y: NumericInput, options: CorrelationOptions = {}): Result<{ exact: boolean }> {
  const { alternative, exact } = checkOptions("spearman", options);
  const { a, b, nMissing } = pairs("spearman", x, y);
  requireCount("spearman", a, 3, null, counted.completePairs);
  const n = a.length;
  const ra = averageRanks(a);
  const rb = averageRanks(b);
  const rho = pearsonR(ra.ranks, rb.ranks);
  const s = ((n * n * n - n) * (1 - rho)) / 6;
  const ties = ra.tieSizes.length > 0 || rb.tieSizes.length > 0;
  // As R: exact null distribution (all permutations) for n ≤ 9, the AS 89 Edgeworth series up to
  // n = 1290, both only without ties; otherwise the t approximation (R's exact = FALSE).
  const useExact = (exact ?? true) && !ties && n <= 1290;
  let pValue: number;
  if (useExact) {
    const q = Math.round(s);
    const lower = (tail: boolean) => prho(n, q + (tail ? 2 : 0), tail);
    pValue =
      alternative === "greater" ? lower(true) : alternative === "less" ? lower(false) : Math.min(1, 2 * (q > (n * n * n - n) / 6 ? lower(false) : lower(true)));
  } else {
    const t = rho / Math.sqrt((1 - rho * rho) / (n - 2));
    pValue = tailP(tCdf(t, n - 2), tCdf(t, n - 2, { lowerTail: false }), alternative);
  }
  return makeResult({ method: "Spearman's rank correlation rho", alternative, estimate: rho, stdError: null, statistic: s, df: null, pValue, ciLow: null, ciHigh: null, confLevel: null, n, nMissing, exact: useExact });
}

/**
 * Kendall's tau-b, as R's `cor.test(x, y, method = "kendall")`: exact p for n < 50 without ties
 * (statistic T, the number of concordant pairs), otherwise the normal approximation with the
 * tie-corrected variance (statistic z).
 */
export function kendall(x: NumericInput, y: NumericInput, options: CorrelationOptions = {}): Result<{ exact: boolean }> {
  const { alternative, exact } = checkOptions("kendall", options);
  const { a, b, nMissing } = pairs("kendall", x, y);
  requireCount("kendall", a, 2, null, counted.completePairs);
  const n = a.length;
  let concordant = 0;
  let discordant = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const s = Math.sign(a[i]! - a[j]!) * Math.sign(b[i]! - b[j]!);
      if (s > 0) concordant++;
      else if (s < 0) discordant++;
    }
  }
  const tiesOf = (v: Float64Array) => averageRanks(v).tieSizes;
  const tx = tiesOf(a);
  const ty = tiesOf(b);
  const t0 = (n * (n - 1)) / 2;
  const t1 = tx.reduce((s, t) => s + (t * (t - 1)) / 2, 0);
  const t2 = ty.reduce((s, t) => s + (t * (t - 1)) / 2, 0);
  const tau = (concordant - discordant) / Math.sqrt((t0 - t1) * (t0 - t2));
  const ties = tx.length > 0 || ty.length > 0;
  const useExact = (exact ?? n < 50) && !ties;
  let statistic: number;
  let pValue: number;
  if (useExact) {
    // Distribution of concordant pairs = number of non-inversions of a random permutation (Mahonian numbers).
    const max = t0;
    let counts = new Float64Array(max + 1);
    counts[0] = 1;
    for (let k = 2; k <= n; k++) {
      const next = new Float64Array(max + 1);
      for (let s = 0; s <= max; s++) {
        if (counts[s] === 0) continue;
        for (let add = 0; add < k && s + add <= max; add++) next[s + add]! += counts[s]!;
      }
      counts = next;
    }
    let total = 0;
    let le = 0;
    let ge = 0;
    for (let s = 0; s <= max; s++) {
      total += counts[s]!;
      if (s <= concordant) le += counts[s]!;
      if (s >= concordant) ge += counts[s]!;
    }
    statistic = concordant;
    pValue = tailP(le / total, ge / total, alternative);
  } else {
    const sumT = (ts: number[], f: (t: number) => number) => ts.reduce((s, t) => s + f(t), 0);
    const v0 = n * (n - 1) * (2 * n + 5);
    const vt = sumT(tx, (t) => t * (t - 1) * (2 * t + 5));
    const vu = sumT(ty, (t) => t * (t - 1) * (2 * t + 5));
    const v1 = sumT(tx, (t) => t * (t - 1)) * sumT(ty, (t) => t * (t - 1));
    const v2 = sumT(tx, (t) => t * (t - 1) * (t - 2)) * sumT(ty, (t) => t * (t - 1) * (t - 2));
    const varS = (v0 - vt - vu) / 18 + v1 / (2 * n * (n - 1)) + v2 / (9 * n * (n - 1) * (n - 2));
    statistic = (concordant - discordant) / Math.sqrt(varS);
    pValue = tailP(normalCdf(statistic), normalCdf(statistic, { lowerTail: false }), alternative);
  }
  return makeResult({ method: "Kendall's rank correlation tau", alternative, estimate: tau, stdError: null, statistic, df: null, pValue, ciLow: null, ciHigh: null, confLevel: null, n, nMissing, exact: useExact });
}

/**
 * The correlation matrix of several variables (pairwise-complete pairs), as R's `cor(x, method,
 * use = "pairwise.complete.obs")`; Pearson or Spearman.
 */
export function correlationMatrix(variables: Readonly<Record<string, NumericInput>>, options: { method?: "pearson" | "spearman" } = {}): { variables: string[]; matrix: number[][] } {
  const fn = "correlationMatrix";
  const method = choice(fn, "method", kernelOptions(fn, options, ["method"]).method ?? "pearson", ["pearson", "spearman"]);
  if (variables === null || typeof variables !== "object" || Array.isArray(variables)) throw KoeArgumentError.of(m.notVariables, { fn, got: Array.isArray(variables) ? "an array" : String(variables) });
  const names = Object.keys(variables);
  const matrix = names.map((a, i) =>
    names.map((b, j) => {
      if (i === j) return 1;
      const { a: x, b: y } = pairs(fn, variables[a]!, variables[b]!, [a, b]);
      return method === "spearman" ? pearsonR(averageRanks(x).ranks, averageRanks(y).ranks) : pearsonR(x, y);
    }),
  );
  return { variables: names, matrix };
}
