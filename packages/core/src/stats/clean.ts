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
