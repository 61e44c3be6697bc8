import { localize } from "../errors/catalogue.js";
import { InsufficientDataError, KoeArgumentError } from "../errors/errors.js";
import { statsMessages as m, type Counted } from "../errors/stats-messages.js";

/**
 * Numbers as koe's kernels take them: plain arrays or typed arrays. One rule for every kernel:
 * numbers are numbers; `NaN`, `null`, `undefined`, blank text and the missing markers "NA",
 * "N/A" and 「無回答」 are missing (counted in `nMissing`); numeric text ("3", "３", " 2.5 ",
 * "1,200") is the number; booleans are 1 and 0; any other text is a {@link KoeArgumentError}
 * naming the value and its position.
 */
export type NumericInput = ArrayLike<number | string | boolean | null | undefined>;

const NUMBER_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const MISSING_TEXT = new Set(["", "na", "n/a", "無回答"]);

/**
 * A cell's number under the kernels' rule: the number, NaN for missing, or null when the value
 * cannot be a number. The same reading of text as the input boundary's (full-width digits,
 * spaces, a thousands comma).
 */
export function numberOf(v: unknown): number | null {
  if (typeof v === "number") return v;
  if (v === null || v === undefined) return Number.NaN;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "bigint") return Number(v);
  if (typeof v !== "string") return null;
  const t = v.normalize("NFKC").trim();
  if (MISSING_TEXT.has(t.toLowerCase())) return Number.NaN;
  const u = t.replace(/(?<=\d),(?=\d{3}(?:\D|$))/g, "");
  return NUMBER_RE.test(u) ? Number(u) : null;
}

const describeInput = (v: unknown) =>
  v === null ? "null" : v === undefined ? "undefined" : typeof v === "string" ? `the text ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}` : typeof v === "object" ? "an object" : `${typeof v} ${String(v)}`;

/** Throws unless `x` is a list (an array or a typed array); a string, a number or an object is refused by name. */
export function requireList(fn: string, x: unknown, argument = "x"): asserts x is ArrayLike<unknown> {
  const ok = Array.isArray(x) || (ArrayBuffer.isView(x) && !(x instanceof DataView));
  if (!ok) throw KoeArgumentError.of(m.notAList, { fn, argument, got: describeInput(x) });
}

/**
 * The values of a kernel's argument as numbers under the one input rule ({@link NumericInput}):
 * typed arrays and arrays of plain numbers (and null) are returned as they are, without a copy;
 * anything else is read cell by cell. Non-numeric text is a {@link KoeArgumentError} naming the
 * function, the argument, the value and its position (counted from 1).
 * @example
 * // Every kernel reads its arrays through numericValues:
 * describe(["1", "２", null]).mean // => 1.5
 * describe([1, 2, "x"]) // throws: describe: x holds "x" at position 3, which is not a number …
 */
export function numericValues(fn: string, x: unknown, argument = "x"): ArrayLike<number | null | undefined> {
  requireList(fn, x, argument);
  if (ArrayBuffer.isView(x)) {
    if (x instanceof BigInt64Array || x instanceof BigUint64Array) return Float64Array.from(x, Number);
    return x as unknown as ArrayLike<number>;
  }
  const n = x.length;
  let plain = true;
  for (let i = 0; i < n; i++) {
    const v = x[i];
    if (typeof v !== "number" && v !== null && v !== undefined) {
      plain = false;
      break;
    }
  }
  if (plain) return x as ArrayLike<number | null | undefined>;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = numberOf(x[i]);
    if (v === null) throw KoeArgumentError.of(m.notANumber, { fn, argument, value: x[i], position: i + 1 });
    out[i] = v;
  }
  return out;
}

/** The present values as a Float64Array, and how many were missing (input read by {@link numericValues}). */
export function dropMissing(input: NumericInput, fn = "koe", argument = "x"): { values: Float64Array; nMissing: number } {
  const x = numericValues(fn, input, argument);
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

/**
 * The house's InsufficientDataError with its message from the catalogue, in both languages:
 * `welchTest needs at least 2 values in column "post_score" for group "true" (found 1)`.
 */
export function insufficientData(fn: string, needed: number, found: number, { column = null, what = null, group = null }: { column?: string | null; what?: Counted; group?: string | null } = {}): InsufficientDataError {
  const e = new InsufficientDataError(fn, needed, found, column, localize(m.needAtLeast, { fn, needed, found, what, column, group }));
  Object.assign(e.params as Record<string, unknown>, { what: what?.en ?? null, group });
  return e;
}

/** Throws the house's InsufficientDataError when fewer than `needed` values remain. */
export function requireCount(fn: string, values: ArrayLike<number>, needed: number, column: string | null = null, what: Counted = null): void {
  if (values.length < needed) throw insufficientData(fn, needed, values.length, { column, what });
}

/** n, mean and (n − 1) variance of the present values, without copying them (two passes, corrected). */
export function presentMoments(input: NumericInput, fn = "koe", argument = "x"): { n: number; nMissing: number; mean: number; variance: number } {
  const x = numericValues(fn, input, argument);
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
