import { KoeArgumentError } from "../errors/errors.js";
import { statsMessages as msg } from "../errors/stats-messages.js";
import { checkCounts } from "./chi-square.js";
import { ALTERNATIVES, choice, confLevelOf, kernelOptions } from "./options.js";
import { makeResult, type Alternative, type Result } from "./result.js";
import { gammaln } from "./special-functions.js";

const logChoose = (n: number, k: number) => gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1);

/** The support and log-densities of the 2×2 conditional (hypergeometric) distribution of cell [0][0]. */
function hypergeometric(m: number, n: number, k: number) {
  const lo = Math.max(0, k - n);
  const hi = Math.min(k, m);
  const support: number[] = [];
  const logd: number[] = [];
  for (let x = lo; x <= hi; x++) {
    support.push(x);
    logd.push(logChoose(m, x) + logChoose(n, k - x) - logChoose(m + n, k));
  }
  return { lo, hi, support, logd };
}

/** Noncentral hypergeometric density of the support for odds ratio `or` (normalised, computed in logs). */
function ncDensity(support: number[], logd: number[], or: number): number[] {
  const l = logd.map((d, i) => d + support[i]! * Math.log(or));
  const max = Math.max(...l);
  const e = l.map((v) => Math.exp(v - max));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

function pnhyper(support: number[], logd: number[], q: number, or: number, upper: boolean): number {
  if (or === 0) return upper ? (q <= support[0]! ? 1 : 0) : q >= support[0]! ? 1 : 0;
  if (or === Infinity) return upper ? (q <= support[support.length - 1]! ? 1 : 0) : q >= support[support.length - 1]! ? 1 : 0;
  const d = ncDensity(support, logd, or);
  let s = 0;
  support.forEach((x, i) => {
    if (upper ? x >= q : x <= q) s += d[i]!;
  });
  return s;
}

function mnhyper(support: number[], logd: number[], or: number): number {
  if (or === 0) return support[0]!;
  if (or === Infinity) return support[support.length - 1]!;
  const d = ncDensity(support, logd, or);
  return support.reduce((s, x, i) => s + x * d[i]!, 0);
}

/** Root of a monotone function on the log scale by bisection to ~1e-13 relative. */
function solveLog(f: (or: number) => number, target: number, increasing: boolean): number {
  let lo = -50;
  let hi = 50;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    const v = f(Math.exp(mid));
    if ((v < target) === increasing) lo = mid;
    else hi = mid;
    if (hi - lo < 1e-14) break;
  }
  return Math.exp((lo + hi) / 2);
}

export type FisherResult = Result<{ oddsRatio: number | null }>;

/**
 * Fisher's exact test. For 2×2 tables as R's `fisher.test`: the p-value, the conditional
 * maximum-likelihood odds ratio (solved precisely; R's own solver is only good to ~1e-4) and its
 * exact interval. For r×c tables the two-sided p-value by enumerating every table with the same
 * margins (feasible for small tables; larger ones throw a clear error rather than hang).
 * @example
 * fisherExact([[3, 1], [1, 3]]).pValue // => 0.4857143
 */
export function fisherExact(table: readonly (readonly (number | string)[])[], options: { alternative?: Alternative; confLevel?: number } = {}): FisherResult {
  const fn = "fisherExact";
  const o = kernelOptions(fn, options, ["alternative", "confLevel"]);
  const alternative = choice(fn, "alternative", o.alternative ?? "two-sided", ALTERNATIVES);
  const confLevel = confLevelOf(fn, o.confLevel ?? 0.95);
  const { counts, r, c, n, rowSums, colSums } = checkCounts(fn, table, { whole: true });
  if (r < 2 || c < 2) throw KoeArgumentError.of(msg.tableTooSmall, { fn, rows: r, columns: c });
  const base = { stdError: null, statistic: null, df: null, n, nMissing: 0 };
  if (r === 2 && c === 2) {
    const x = counts[0]![0]!;
    const m = rowSums[0]!; // the first row's total: "white balls"
    const nn = rowSums[1]!;
    const k = colSums[0]!;
    const { support, logd } = hypergeometric(m, nn, k);
    const d = logd.map(Math.exp);
    const dx = d[support.indexOf(x)]!;
    let pValue: number;
    if (alternative === "less") pValue = pnhyper(support, logd, x, 1, false);
    else if (alternative === "greater") pValue = pnhyper(support, logd, x, 1, true);
    else pValue = Math.min(1, d.reduce((s, v) => (v <= dx * (1 + 1e-7) ? s + v : s), 0));
    const lo = support[0]!;
    const hi = support[support.length - 1]!;
    const mle = x === lo ? 0 : x === hi ? Infinity : solveLog((or) => mnhyper(support, logd, or), x, true);
    const alpha = 1 - confLevel;
    const ncpU = (a: number) => (x === hi ? Infinity : solveLog((or) => pnhyper(support, logd, x, or, false), a, false));
    const ncpL = (a: number) => (x === lo ? 0 : solveLog((or) => pnhyper(support, logd, x, or, true), a, true));
    const [ciLow, ciHigh] =
      alternative === "less" ? [0, ncpU(alpha)] : alternative === "greater" ? [ncpL(alpha), Infinity] : [ncpL(alpha / 2), ncpU(alpha / 2)];
    return makeResult({ ...base, method: "Fisher's Exact Test for Count Data", alternative, estimate: mle, pValue, ciLow, ciHigh, confLevel, oddsRatio: mle });
  }
  if (alternative !== "two-sided") throw KoeArgumentError.of(msg.oneSidedTwoByTwo, { fn });
  return makeResult({ ...base, method: "Fisher's Exact Test for Count Data", alternative, estimate: null, pValue: rxcPValue(counts, rowSums, colSums, n), ciLow: null, ciHigh: null, confLevel: null, oddsRatio: null });
}

const MAX_TABLES = 5_000_000;

/** Sums the probabilities of all tables with the observed margins that are no more probable than the observed one. */
function rxcPValue(counts: readonly (readonly number[])[], rowSums: number[], colSums: number[], n: number): number {
  const r = rowSums.length;
  const c = colSums.length;
  const logConst = rowSums.reduce((s, v) => s + gammaln(v + 1), 0) + colSums.reduce((s, v) => s + gammaln(v + 1), 0) - gammaln(n + 1);
  const logProb = (t: number[][]) => logConst - t.flat().reduce((s, v) => s + gammaln(v + 1), 0);
  const observed = logProb(counts.map((row) => [...row]));
  const threshold = observed + Math.log1p(1e-7);
  let total = 0;
  let visited = 0;
  const table = Array.from({ length: r }, () => new Array<number>(c).fill(0));
  const colLeft = [...colSums];
  const fillRow = (i: number, j: number, rowLeft: number): void => {
    if (i === r - 1) {
      // The last row is determined by the columns.
      for (let jj = 0; jj < c; jj++) table[i]![jj] = colLeft[jj]!;
      if (++visited > MAX_TABLES) throw KoeArgumentError.of(msg.tooManyTables, { fn: "fisherExact", max: MAX_TABLES });
      const lp = logProb(table);
      if (lp <= threshold) total += Math.exp(lp);
      return;
    }
    if (j === c - 1) {
      if (rowLeft > colLeft[j]!) return;
      table[i]![j] = rowLeft;
      colLeft[j]! -= rowLeft;
      fillRow(i + 1, 0, rowSums[i + 1]!);
      colLeft[j]! += rowLeft;
      return;
    }
    for (let v = Math.min(rowLeft, colLeft[j]!); v >= 0; v--) {
      table[i]![j] = v;
      colLeft[j]! -= v;
      fillRow(i, j + 1, rowLeft - v);
      colLeft[j]! += v;
    }
  };
  fillRow(0, 0, rowSums[0]!);
  return Math.min(1, total);
}
