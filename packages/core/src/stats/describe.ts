import * as aq from "arquero";
import { dropMissing, type NumericInput } from "./clean.js";
import { mean, variance } from "./moments.js";
import type { TidyTable } from "./result.js";

export interface Description {
  n: number;
  nMissing: number;
  mean: number | null;
  sd: number | null;
  variance: number | null;
  se: number | null;
  min: number | null;
  q1: number | null;
  median: number | null;
  q3: number | null;
  max: number | null;
  toTable(): TidyTable;
}

/** Quantile of sorted values as R's default `quantile(type = 7)`. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/**
 * n, missing, mean, sd, variance, standard error, min, quartiles (R's type 7) and max.
 * Missing values (NaN, null, blank) are counted and dropped; numeric text ("3", "３") is the
 * number; other text is a KoeArgumentError naming it and its position. With no values the
 * statistics are null.
 * @example
 * describe([1, 2, 3, 4, null]) // => { n: 4, nMissing: 1, mean: 2.5, sd: 1.2909944487358056, … q1: 1.75, … }
 * describe([1, 2, 3, "x"]) // throws: describe: x holds "x" at position 4, which is not a number …
 */
export function describe(x: NumericInput): Description {
  const { values, nMissing } = dropMissing(x, "describe");
  const n = values.length;
  const sorted = values.slice().sort();
  const m = n > 0 ? mean(values) : null;
  const v = n > 1 ? variance(values, m!) : null;
  const fields = {
    n,
    nMissing,
    mean: m,
    sd: v === null ? null : Math.sqrt(v),
    variance: v,
    se: v === null ? null : Math.sqrt(v / n),
    min: n > 0 ? sorted[0]! : null,
    q1: n > 0 ? quantileSorted(sorted, 0.25) : null,
    median: n > 0 ? quantileSorted(sorted, 0.5) : null,
    q3: n > 0 ? quantileSorted(sorted, 0.75) : null,
    max: n > 0 ? sorted[n - 1]! : null,
  };
  const out = { ...fields } as Description;
  Object.defineProperty(out, "toTable", { enumerable: false, value: () => aq.table(Object.fromEntries(Object.entries(fields).map(([k, val]) => [k, [val]]))) });
  return out;
}
