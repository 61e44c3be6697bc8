import * as aq from "arquero";
import { InsufficientDataError, KoeArgumentError } from "../errors/errors.js";
import type { Table } from "../model/table.js";
import { makeResult, type Result } from "../stats/result.js";

export interface ItemStat {
  item: string;
  n: number;
  mean: number;
  sd: number;
  /** Raw alpha of the scale without this item. */
  alphaIfDropped: number;
  /** Corrected item–total correlation: the item against the sum of the other items (psych's r.drop). */
  correctedItemTotal: number;
}

export type AlphaResult = Result<{ alpha: number; standardizedAlpha: number; itemStats: ItemStat[]; items: string[]; missing: "pairwise" | "listwise" }>;

const present = (v: unknown): v is number => typeof v === "number" && !Number.isNaN(v);

/** Item columns as arrays with reverse keys applied ((min + max − x) of the scale range). */
function itemColumns(fn: string, table: Table, items: readonly string[], reverse: readonly string[], range: readonly [number, number] | undefined): Float64Array[] {
  const names = table.columnNames();
  for (const c of [...items, ...reverse]) if (!names.includes(c)) throw new KoeArgumentError(`${fn}: no column "${c}" (columns: ${names.join(", ")})`);
  for (const c of reverse) if (!items.includes(c)) throw new KoeArgumentError(`${fn}: reverse-keyed "${c}" is not among the items`);
  const t = table.isFiltered() || table.isOrdered() ? table.reify() : table;
  const cols = items.map((c) => Float64Array.from(t.array(c) as ArrayLike<unknown>, (v) => (present(v) ? v : Number.NaN)));
  let [lo, hi] = range ?? [Infinity, -Infinity];
  if (!range) for (const col of cols) for (const v of col) if (!Number.isNaN(v)) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  items.forEach((c, j) => {
    if (reverse.includes(c)) cols[j] = cols[j]!.map((v) => lo + hi - v);
  });
  return cols;
}

/** Covariance matrix, pairwise-complete (each pair's own rows and means, as R's cov(use = "pairwise")). */
function covariances(cols: Float64Array[], listwise: boolean): { c: number[][]; n: number[]; rowsUsed: number } {
  const k = cols.length;
  const rows = cols[0]!.length;
  let keep: Uint8Array | null = null;
  let rowsUsed = rows;
  if (listwise) {
    keep = new Uint8Array(rows);
    rowsUsed = 0;
    for (let i = 0; i < rows; i++) if (cols.every((c) => !Number.isNaN(c[i]!))) {
      keep[i] = 1;
      rowsUsed++;
    }
  }
  const c = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const nPair: number[] = new Array<number>(k).fill(0);
  for (let a = 0; a < k; a++) for (let b = 0; b <= a; b++) {
    let n = 0;
    let ma = 0;
    let mb = 0;
    const x = cols[a]!;
    const y = cols[b]!;
    for (let i = 0; i < rows; i++) if ((keep === null || keep[i]) && !Number.isNaN(x[i]!) && !Number.isNaN(y[i]!)) {
      n++;
      ma += x[i]!;
      mb += y[i]!;
    }
    ma /= n;
    mb /= n;
    let s = 0;
    for (let i = 0; i < rows; i++) if ((keep === null || keep[i]) && !Number.isNaN(x[i]!) && !Number.isNaN(y[i]!)) s += (x[i]! - ma) * (y[i]! - mb);
    c[a]![b] = c[b]![a] = s / (n - 1);
    if (a === b) nPair[a] = n;
  }
  return { c, n: nPair, rowsUsed };
}

const sumAll = (m: number[][], skip = -1) => m.reduce((s, row, i) => (i === skip ? s : s + row.reduce((t, v, j) => (j === skip ? t : t + v), 0)), 0);
const trace = (m: number[][], skip = -1) => m.reduce((s, row, i) => (i === skip ? s : s + row[i]!), 0);

/**
 * Cronbach's alpha with standardised alpha, alpha if an item is dropped and corrected item–total
 * correlations, as `psych::alpha`: missing values pairwise by default (each covariance from the
 * rows answering both items), listwise on request; reverse-keyed items scored as min + max − x of
 * the scale range (given, or the items' observed range as psych does).
 * @example
 * cronbachAlpha(table, { items: ["eng_01_pre", "eng_02_pre", "eng_06_pre"], reverse: ["eng_06_pre"], range: [1, 5] }).alpha
 */
export function cronbachAlpha(
  table: Table,
  { items, reverse = [], missing = "pairwise", range }: { items: readonly string[]; reverse?: readonly string[]; missing?: "pairwise" | "listwise"; range?: readonly [number, number] },
): AlphaResult {
  if (items.length < 2) throw new InsufficientDataError("cronbachAlpha", 2, items.length, null, `cronbachAlpha needs at least 2 items (got ${items.length})`);
  const cols = itemColumns("cronbachAlpha", table, items, reverse, range);
  const { c, n, rowsUsed } = covariances(cols, missing === "listwise");
  if (Math.min(...n) < 2) throw new InsufficientDataError("cronbachAlpha", 2, Math.min(...n), null, "cronbachAlpha needs at least 2 answers to every item");
  const k = items.length;
  const alphaOf = (skip: number) => {
    const kk = skip < 0 ? k : k - 1;
    return (1 - trace(c, skip) / sumAll(c, skip)) * (kk / (kk - 1));
  };
  const r = c.map((row, i) => row.map((v, j) => v / Math.sqrt(c[i]![i]! * c[j]![j]!)));
  const standardized = (1 - k / sumAll(r)) * (k / (k - 1));
  const alpha = alphaOf(-1);
  const itemStats: ItemStat[] = items.map((item, i) => {
    const col = cols[i]!;
    let s = 0;
    let m = 0;
    let cnt = 0;
    for (const v of col) if (!Number.isNaN(v)) {
      m += v;
      cnt++;
    }
    m /= cnt;
    for (const v of col) if (!Number.isNaN(v)) s += (v - m) ** 2;
    const covWithRest = c[i]!.reduce((t, v, j) => (j === i ? t : t + v), 0);
    return {
      item,
      n: n[i]!,
      mean: m,
      sd: Math.sqrt(s / (cnt - 1)),
      alphaIfDropped: k > 2 ? alphaOf(i) : Number.NaN,
      correctedItemTotal: covWithRest / Math.sqrt(c[i]![i]! * sumAll(c, i)),
    };
  });
  const rows = cols[0]!.length;
  let incomplete = 0;
  for (let i = 0; i < rows; i++) if (cols.some((col) => Number.isNaN(col[i]!))) incomplete++;
  return makeResult({
    method: `Cronbach's alpha (${missing})`,
    alternative: null,
    estimate: alpha,
    stdError: null,
    statistic: null,
    df: null,
    pValue: null,
    ciLow: null,
    ciHigh: null,
    confLevel: null,
    n: missing === "listwise" ? rowsUsed : rows,
    nMissing: missing === "listwise" ? rows - rowsUsed : incomplete,
    alpha,
    standardizedAlpha: standardized,
    itemStats,
    items: [...items],
    missing,
  });
}

/**
 * McDonald's omega total from a one-factor maximum-likelihood factor analysis of the items'
 * correlation matrix (EM to convergence): (Σλ)² / ((Σλ)² + Σψ). Complete cases only.
 */
export function mcdonaldsOmega(table: Table, { items, reverse = [], range }: { items: readonly string[]; reverse?: readonly string[]; range?: readonly [number, number] }): Result<{ loadings: { item: string; loading: number; uniqueness: number }[] }> {
  if (items.length < 3) throw new InsufficientDataError("mcdonaldsOmega", 3, items.length, null, `mcdonaldsOmega needs at least 3 items for a one-factor model (got ${items.length})`);
  const cols = itemColumns("mcdonaldsOmega", table, items, reverse, range);
  const { c, rowsUsed } = covariances(cols, true);
  const k = items.length;
  const s = c.map((row, i) => row.map((v, j) => v / Math.sqrt(c[i]![i]! * c[j]![j]!)));
  // EM for the one-factor model Σ = λλᵀ + Ψ (Rubin & Thayer 1982), started from the first principal axis.
  let lambda = s.map((row) => Math.sqrt(Math.max(0.01, (row.reduce((a, v) => a + Math.abs(v), 0) - 1) / (k - 1))));
  let psi = lambda.map((l) => Math.max(0.005, 1 - l * l));
  for (let iter = 0; iter < 100000; iter++) {
    // β = λᵀ Σ⁻¹ via Woodbury: Σ⁻¹λ = Ψ⁻¹λ / (1 + λᵀΨ⁻¹λ).
    const pl = lambda.map((l, i) => l / psi[i]!);
    const q = 1 + lambda.reduce((a, l, i) => a + l * pl[i]!, 0);
    const beta = pl.map((v) => v / q);
    const sb = s.map((row) => row.reduce((a, v, j) => a + v * beta[j]!, 0));
    const ezz = 1 - beta.reduce((a, b, i) => a + b * lambda[i]!, 0) + beta.reduce((a, b, i) => a + b * sb[i]!, 0);
    const next = sb.map((v) => v / ezz);
    const nextPsi = next.map((l, i) => Math.max(0.005, s[i]![i]! - l * sb[i]!));
    const change = Math.max(...next.map((l, i) => Math.abs(l - lambda[i]!)), ...nextPsi.map((p, i) => Math.abs(p - psi[i]!)));
    lambda = next;
    psi = nextPsi;
    if (change < 1e-12) break;
  }
  const sl = lambda.reduce((a, b) => a + b, 0);
  const omega = (sl * sl) / (sl * sl + psi.reduce((a, b) => a + b, 0));
  const rows = cols[0]!.length;
  return makeResult({
    method: "McDonald's omega total (one-factor ML)",
    alternative: null,
    estimate: omega,
    stdError: null,
    statistic: null,
    df: null,
    pValue: null,
    ciLow: null,
    ciHigh: null,
    confLevel: null,
    n: rowsUsed,
    nMissing: rows - rowsUsed,
    loadings: items.map((item, i) => ({ item, loading: lambda[i]!, uniqueness: psi[i]! })),
  });
}

export const reliabilityTable = (r: AlphaResult) => aq.from(r.itemStats);
