import { KoeArgumentError } from "../errors/errors.js";
import type { Table } from "../model/table.js";
import { columnValues } from "./column-values.js";

export interface DesignMatrix {
  /** Row-major n × p. */
  x: Float64Array;
  n: number;
  p: number;
  /** Term names as R prints them: "(Intercept)", numeric columns by name, factor levels as name + level ("groupb"). */
  terms: string[];
  /** Index (into the table) of each row used. */
  rows: Int32Array;
  /** Rows dropped for a missing value in any column used. */
  nMissing: number;
}

const isMissing = (v: unknown) => v === null || v === undefined || (typeof v === "number" && Number.isNaN(v));

/**
 * Builds a design matrix from table columns as R's `model.matrix` does with treatment contrasts:
 * an intercept, numeric columns as they are, text columns as dummies for every level but the
 * first (levels sorted), booleans as `nameTRUE`. Rows with a missing value in any column used
 * (including `also`, e.g. the outcome or cluster) are dropped listwise and counted.
 */
export function designMatrix(table: Table, predictors: readonly string[], { intercept = true, also = [], fn = "designMatrix" }: { intercept?: boolean; also?: readonly string[]; fn?: string } = {}): DesignMatrix {
  const names = table.columnNames();
  for (const c of [...predictors, ...also]) {
    if (!names.includes(c)) throw new KoeArgumentError(`${fn}: no column "${c}" (columns: ${names.join(", ")})`);
  }
  const t = table.isFiltered() || table.isOrdered() ? table.reify() : table;
  const total = t.numRows();
  const cols = new Map([...predictors, ...also].map((c) => [c, columnValues(t, c, fn)]));
  // One pass per column marks rows with a missing value (typed columns: only NaN can be missing).
  const bad = new Uint8Array(total);
  for (const a of cols.values()) {
    if (a instanceof Float64Array || a instanceof Float32Array) {
      for (let i = 0; i < total; i++) if (a[i] !== a[i]) bad[i] = 1;
    } else for (let i = 0; i < total; i++) if (isMissing(a[i])) bad[i] = 1;
  }
  const keep: number[] = [];
  for (let i = 0; i < total; i++) if (bad[i] === 0) keep.push(i);
  // Each term fills its column of x in one loop (numeric columns copied, factors as 0/1).
  const parts: { term: string; value: (i: number) => number; numeric?: ArrayLike<unknown> }[] = [];
  if (intercept) parts.push({ term: "(Intercept)", value: () => 1 });
  for (const c of predictors) {
    const a = cols.get(c)!;
    const sample = keep.length > 0 ? a[keep[0]!] : undefined;
    if (typeof sample === "number") {
      if (!ArrayBuffer.isView(a)) for (const i of keep) if (typeof a[i] !== "number") throw new KoeArgumentError(`${fn}: column "${c}" mixes numbers and other values (row ${i + 1}: ${String(a[i])})`);
      parts.push({ term: c, value: (i) => a[i] as number, numeric: a });
    } else if (typeof sample === "boolean") {
      parts.push({ term: `${c}TRUE`, value: (i) => (a[i] ? 1 : 0) });
    } else {
      const levels = [...new Set(keep.map((i) => String(a[i])))].sort();
      for (const level of levels.slice(1)) parts.push({ term: `${c}${level}`, value: (i) => (String(a[i]) === level ? 1 : 0) });
    }
  }
  const n = keep.length;
  const p = parts.length;
  const x = new Float64Array(n * p);
  parts.forEach((part, j) => {
    const a = part.numeric as ArrayLike<number> | undefined;
    if (a) for (let r = 0; r < n; r++) x[r * p + j] = a[keep[r]!]!;
    else for (let r = 0; r < n; r++) x[r * p + j] = part.value(keep[r]!);
  });
  return { x, n, p, terms: parts.map((q) => q.term), rows: Int32Array.from(keep), nMissing: total - n };
}
