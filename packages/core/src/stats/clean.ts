import { InsufficientDataError } from "../errors/errors.js";

/** Numbers as koe's kernels take them: plain arrays or typed arrays; `NaN`, `null` and `undefined` are missing. */
export type NumericInput = ArrayLike<number | null | undefined>;

/** The present values as a Float64Array, and how many were missing. */
export function dropMissing(x: NumericInput): { values: Float64Array; nMissing: number } {
  let n = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (v !== null && v !== undefined && !Number.isNaN(v)) n++;
  }
  const values = new Float64Array(n);
  let j = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (v !== null && v !== undefined && !Number.isNaN(v)) values[j++] = v;
  }
  return { values, nMissing: x.length - n };
}

/** Throws the house's InsufficientDataError when fewer than `needed` values remain. */
export function requireCount(fn: string, values: ArrayLike<number>, needed: number, what: string | null = null): void {
  if (values.length < needed) throw new InsufficientDataError(fn, needed, values.length, what);
}

/** n, mean and (n − 1) variance of the present values, without copying them (two passes, corrected). */
export function presentMoments(x: NumericInput): { n: number; nMissing: number; mean: number; variance: number } {
  if (x instanceof Float64Array || x instanceof Float32Array) return typedMoments(x);
  let n = 0;
  let sum = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (v !== null && v !== undefined && !Number.isNaN(v)) {
      n++;
      sum += v;
    }
  }
  let m = sum / n;
  let r = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (v !== null && v !== undefined && !Number.isNaN(v)) r += v - m;
  }
  m += r / n;
  let ss = 0;
  let comp = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (v !== null && v !== undefined && !Number.isNaN(v)) {
      const d = v - m;
      ss += d * d;
      comp += d;
    }
  }
  return { n, nMissing: x.length - n, mean: m, variance: n > 1 ? (ss - (comp * comp) / n) / (n - 1) : Number.NaN };
}

/**
 * presentMoments for typed arrays: only NaN can be missing. Two passes (count and sum; then the
 * squared and plain deviations, which also correct the mean), run in chunks through small
 * functions that V8 optimises after a few calls (one long loop run once stays in a slow tier).
 */
function typedMoments(x: Float64Array | Float32Array): { n: number; nMissing: number; mean: number; variance: number } {
  const len = x.length;
  const CHUNK = 16384;
  const acc = new Float64Array(2);
  for (let i = 0; i < len; i += CHUNK) countAndSum(x, i, Math.min(len, i + CHUNK), acc);
  const n = acc[0]!;
  const m = acc[1]! / n;
  acc.fill(0);
  for (let i = 0; i < len; i += CHUNK) deviations(x, i, Math.min(len, i + CHUNK), m, acc);
  const [ss, comp] = [acc[0]!, acc[1]!];
  return { n, nMissing: len - n, mean: m + comp / n, variance: n > 1 ? (ss - (comp * comp) / n) / (n - 1) : Number.NaN };
}

function countAndSum(x: Float64Array | Float32Array, from: number, to: number, acc: Float64Array): void {
  let n = 0;
  let s = 0;
  for (let i = from; i < to; i++) {
    const v = x[i]!;
    if (v === v) {
      n++;
      s += v;
    }
  }
  acc[0]! += n;
  acc[1]! += s;
}

/** Σ (x − m)² and Σ (x − m) over present values. */
function deviations(x: Float64Array | Float32Array, from: number, to: number, m: number, acc: Float64Array): void {
  let ss = 0;
  let c = 0;
  for (let i = from; i < to; i++) {
    const v = x[i]!;
    if (v === v) {
      const d = v - m;
      ss += d * d;
      c += d;
    }
  }
  acc[0]! += ss;
  acc[1]! += c;
}
