import { z } from "zod";
import { columnValues } from "./column-values.js";
import { designColumnsOf, type DesignColumns } from "./logistic-columns.js";
import { parseOptions } from "../boundary/options.js";
import { requireTable, resolveColumn } from "../boundary/columns.js";
import { binaryColumn, DEFAULT_MISSING, MISSING_BINARY, numberFromText, numericColumn, segmentColumn } from "../boundary/roles.js";
import { boundaryMessages } from "../errors/boundary-messages.js";
import { effectMessages as m } from "../errors/effect-messages.js";
import { KoeArgumentError } from "../errors/errors.js";
import { knownField } from "../model/known-fields.js";
import type { Table } from "../model/table.js";

/**
 * A predictor column read once at the boundary, in the role its field or its values give it:
 * `numeric` (numbers, numeric text; NaN = missing), `binary` (booleans, はい/いいえ, the field's own
 * words; 1/0, 255 = missing) or `segment` (text levels, resolved through the model's vocabularies
 * so 若手 and young are one level; codes into `levels`, −1 = missing).
 */
export type CodedColumn =
  | { column: string; kind: "numeric"; values: Float64Array | Float32Array; nMissing: number }
  | { column: string; kind: "binary"; values: Uint8Array; nMissing: number }
  | { column: string; kind: "segment"; codes: Int32Array; levels: unknown[]; nMissing: number };

const isBlank = (v: unknown) => v === null || v === undefined || (typeof v === "number" && Number.isNaN(v));

/** Whether row i of a coded column is missing. */
export function codedMissing(c: CodedColumn, i: number): boolean {
  if (c.kind === "numeric") return c.values[i] !== c.values[i];
  if (c.kind === "binary") return c.values[i] === MISSING_BINARY;
  return c.codes[i]! < 0;
}

/** A coded column cut to some of its rows (rows[i] becomes row i), in the same role and levels. */
export function codedRows(c: CodedColumn, rows: Int32Array): CodedColumn {
  const n = rows.length;
  if (c.kind === "segment") {
    const codes = new Int32Array(n);
    for (let i = 0; i < n; i++) codes[i] = c.codes[rows[i]!]!;
    return { ...c, codes, nMissing: 0 };
  }
  const values = c.kind === "binary" ? new Uint8Array(n) : new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = c.values[rows[i]!]!;
  return c.kind === "binary" ? { ...c, values: values as Uint8Array, nMissing: 0 } : { ...c, values: values as Float64Array, nMissing: 0 };
}

/**
 * Reads a predictor (covariate) column in the role it has: the model's field decides when the
 * column is one of koe's fields (`manager` binary, `generation` a segment, `age` numeric); else its
 * values do — numbers or numeric text are numeric, booleans and yes/no words binary, other text a
 * segment. Numbers mixed with text that is not a number or a missing marker are a
 * {@link KoeArgumentError} naming the column and the values.
 * @example
 * codeColumn("ols", aq.table({ 世代: ["シニア", "若手", "中堅"] }), "世代", "predictors").levels // => ["young", "mid", "senior"]
 */
export function codeColumn(fn: string, table: Table, name: string, option: string, missing?: readonly string[]): CodedColumn {
  const column = resolveColumn(fn, table, name, option);
  const roleOptions = { option, ...(missing ? { missing } : {}) };
  const role = knownField(column.replace(/\uFEFF/g, ""))?.role;
  const asNumeric = (): CodedColumn => ({ kind: "numeric", ...numericColumn(fn, table, column, roleOptions) });
  const asBinary = (): CodedColumn => ({ kind: "binary", ...binaryColumn(fn, table, column, roleOptions) });
  const asSegment = (): CodedColumn => ({ kind: "segment", ...segmentColumn(fn, table, column, roleOptions) });
  if (role === "numeric") return asNumeric();
  if (role === "binary") return asBinary();
  if (role === "segment") return asSegment();
  const raw = columnValues(table, column, fn);
  if (ArrayBuffer.isView(raw)) return asNumeric();
  const markers = new Set((missing ?? DEFAULT_MISSING).map((s) => s.normalize("NFKC").trim().toLowerCase()));
  let numbers = 0;
  let booleans = 0;
  let numericText = 0;
  let text = 0;
  const seen = new Set<unknown>();
  for (let i = 0; i < raw.length; i++) {
    const v = raw[i];
    if (isBlank(v) || seen.has(v)) continue;
    seen.add(v);
    if (typeof v === "number") numbers++;
    else if (typeof v === "boolean") booleans++;
    else if (typeof v === "string" && markers.has(v.normalize("NFKC").trim().toLowerCase())) continue;
    else if (typeof v === "string" && !Number.isNaN(numberFromText(v))) numericText++;
    else text++;
  }
  if (text === 0 && booleans === 0) return asNumeric();
  if (text === 0 && numbers === 0 && numericText === 0) return asBinary();
  // Numbers beside text: read as numbers, so the text is named (never a silent level "x").
  if (numbers > 0) return asNumeric();
  try {
    return asBinary();
  } catch (e) {
    if (!(e instanceof KoeArgumentError)) throw e;
    return asSegment();
  }
}

// Small loops of their own (each sees one kind of array, and is compiled once for every call).
/** Marks (1) the rows whose code is below `least`; returns how many. */
function markBelow(bad: Uint8Array, codes: Int32Array, least: number): number {
  let k = 0;
  for (let i = 0; i < codes.length; i++) if (codes[i]! < least) {
    bad[i] = 1;
    k++;
  }
  return k;
}

/** Marks the rows of a yes/no column with no value; returns how many. */
function markMissingBinary(bad: Uint8Array, values: Uint8Array): number {
  let k = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === MISSING_BINARY) {
    bad[i] = 1;
    k++;
  }
  return k;
}

/** Marks the rows of a numeric column with no value (NaN); returns how many. */
function markNaN(bad: Uint8Array, values: Float64Array | Float32Array): number {
  let k = 0;
  for (let i = 0; i < values.length; i++) if (values[i] !== values[i]) {
    bad[i] = 1;
    k++;
  }
  return k;
}

/** Counts each code's rows among the rows kept. */
function countCodes(count: Int32Array, codes: Int32Array, keep: Int32Array): void {
  for (let r = 0; r < keep.length; r++) count[codes[keep[r]!]!]!++;
}

/** Fills each code's list (sized by countCodes) with its positions among the rows kept, ascending. */
function fillCodeRows(out: Int32Array[], codes: Int32Array, keep: Int32Array): void {
  const fill = new Int32Array(out.length);
  for (let r = 0; r < keep.length; r++) {
    const g = codes[keep[r]!]!;
    out[g]![fill[g]!++] = r;
  }
}

/** How many of the rows kept hold 1 in a yes/no column (no missing among them). */
function countOnes(a: Uint8Array, keep: Int32Array): number {
  let k = 0;
  for (let r = 0; r < keep.length; r++) k += a[keep[r]!]!;
  return k;
}

/** The positions among the rows kept where a yes/no column is 1, into `at` (sized by countOnes). */
function rowsOfOnes(at: Int32Array, a: Uint8Array, keep: Int32Array): Int32Array {
  for (let r = 0, q = 0; r < keep.length; r++) if (a[keep[r]!] === 1) at[q++] = r;
  return at;
}

/** The values of the rows kept, in order. */
function gatherRows(column: Float64Array, a: Float64Array | Float32Array | Uint8Array, keep: Int32Array): void {
  for (let r = 0; r < keep.length; r++) column[r] = a[keep[r]!]!;
}

/** The rows (ascending) not marked. */
function unmarked(bad: Uint8Array): Int32Array {
  let kept = 0;
  for (let i = 0; i < bad.length; i++) if (bad[i] === 0) kept++;
  const keep = new Int32Array(kept);
  for (let i = 0, r = 0; i < bad.length; i++) if (bad[i] === 0) keep[r++] = i;
  return keep;
}

export interface DesignMatrix {
  /** Row-major n × p (built when first read). */
  x: Float64Array;
  /** The same design held by columns (numeric values, or the rows where a level is 1), built once when first asked for, without x. */
  byColumn(): DesignColumns;
  n: number;
  p: number;
  /** Term names as R prints them: "(Intercept)", numeric columns by name, yes/no columns as name + "TRUE", segment levels as name + level ("generationmid"). */
  terms: string[];
  /** Index (into the table) of each row used. */
  rows: Int32Array;
  /** Rows dropped for a missing value in any column used. */
  nMissing: number;
  /** Per column used, how many of the table's rows have no value in it (a row may count in several). */
  missingBy: { column: string; rows: number }[];
  /** The predictors as read (resolved column names and roles), in the order given. */
  columns: CodedColumn[];
}

export const DesignMatrixOptions = z.object({
  /** Add an intercept column (default true). */
  intercept: z.boolean().default(true),
  /** Further columns (e.g. the outcome, the cluster) whose blank cells also drop a row. */
  also: z.array(z.string()).default([]),
  /** The function named in messages (default "designMatrix"). */
  fn: z.string().default("designMatrix"),
  /** The option named in messages for a predictor (default "predictors"). */
  option: z.string().default("predictors"),
  /** Cell texts meaning "no answer" (default "", NA, N/A, 無回答). */
  missing: z.array(z.string()).optional(),
  /** Rows to leave out (1 = leave out), e.g. where the outcome is missing; one entry per table row. */
  exclude: z.custom<Uint8Array>((v) => v instanceof Uint8Array, "a Uint8Array with one entry per row").optional(),
});
export type DesignMatrixOptions = z.input<typeof DesignMatrixOptions>;

/**
 * Builds a design matrix from table columns as R's `model.matrix` does with treatment contrasts:
 * an intercept, numeric columns as they are, yes/no columns as `nameTRUE` (booleans, 0/1 text,
 * はい/いいえ alike), segment columns as dummies for every level but the first — levels in their
 * natural order (the model's vocabulary order: young → mid → senior, whatever language the cells
 * are in; else sorted). Rows with a missing value in any column used (including `also`) are
 * dropped listwise and counted. Columns are read through the input boundary, so a typo is an
 * error with "did you mean", and text in a numeric column is an error naming it. The row-major
 * `x` is built when first read; `byColumn()` gives the same design by columns (each numeric column's
 * values, and for a level or a yes/no column true in at most half of the rows the rows where it is
 * 1), as the propensity model of {@link estimateEffect} reads it.
 * @example
 * designMatrix(aq.table({ y: [1, 2, 3], 世代: ["若手", "シニア", "若手"] }), ["世代"]).terms // => ["(Intercept)", "世代senior"]
 * Array.from(designMatrix(aq.table({ 世代: ["若手", "シニア", "若手"] }), ["世代"]).byColumn().ones[1]) // => [1]
 */
export function designMatrix(table: Table, predictors: readonly string[], options: DesignMatrixOptions = {}): DesignMatrix {
  const o = parseOptions("designMatrix", DesignMatrixOptions, options);
  const fn = o.fn;
  requireTable(fn, table);
  if (!Array.isArray(predictors)) throw KoeArgumentError.of(boundaryMessages.optionNotList, { fn, key: o.option, value: predictors });
  const t = table.isFiltered() || table.isOrdered() ? table.reify() : table;
  const total = t.numRows();
  const columns = predictors.map((c) => codeColumn(fn, t, c, o.option, o.missing));
  const also = o.also.map((c) => resolveColumn(fn, t, c, null));
  if (o.exclude && o.exclude.length !== total) throw KoeArgumentError.of(m.lengthMismatch, { fn, option: "exclude", got: o.exclude.length, rows: total });
  // One pass per column marks rows with a missing value.
  const bad = o.exclude ? o.exclude.slice() : new Uint8Array(total);
  const missingBy: DesignMatrix["missingBy"] = [];
  for (const c of columns) {
    const k = c.kind === "segment" ? markBelow(bad, c.codes, 0) : c.kind === "binary" ? markMissingBinary(bad, c.values) : markNaN(bad, c.values);
    missingBy.push({ column: c.column, rows: k });
  }
  const markers = new Set((o.missing ?? DEFAULT_MISSING).map((s) => s.normalize("NFKC").trim().toLowerCase()));
  for (const name of also) {
    const a = columnValues(t, name, fn);
    let k = 0;
    for (let i = 0; i < total; i++) {
      const v = a[i];
      if (isBlank(v) || (typeof v === "string" && markers.has(v.normalize("NFKC").trim().toLowerCase()))) {
        bad[i] = 1;
        k++;
      }
    }
    missingBy.push({ column: name, rows: k });
  }
  const keep = unmarked(bad);
  // Each term fills its column of x (numeric columns copied, yes/no and levels as 0/1), a block of
  // rows at a time so the rows being written stay in cache; and gives its column on its own (the
  // values, or for a segment's level the rows where it is 1).
  type Part = { term: string; fill: (x: Float64Array, p: number, j: number, from: number, to: number) => void; values: Float64Array | Float32Array | Uint8Array | null; level: { codes: Int32Array; code: number } | null };
  const parts: Part[] = [];
  const n = keep.length;
  if (o.intercept) parts.push({ term: "(Intercept)", fill: (x, p, j, from, to) => { for (let r = from; r < to; r++) x[r * p + j] = 1; }, values: null, level: null });
  for (const c of columns) {
    if (c.kind === "numeric" || c.kind === "binary") {
      const a = c.values;
      parts.push({ term: c.kind === "numeric" ? c.column : `${c.column}TRUE`, fill: (x, p, j, from, to) => { for (let r = from; r < to; r++) x[r * p + j] = a[keep[r]!]!; }, values: a, level: null });
    } else {
      // Levels present among the rows used, in natural order; the first is the reference.
      const present = new Uint8Array(c.levels.length);
      for (let r = 0; r < n; r++) present[c.codes[keep[r]!]!] = 1;
      const levels = c.levels.map((l, k) => ({ l, k })).filter((x) => present[x.k] === 1);
      const codes = c.codes;
      // All the column's dummies in one loop: x is zero, so only the row's own level is set.
      const first = parts.length;
      const column = new Int32Array(c.levels.length).fill(-1);
      levels.slice(1).forEach(({ l, k }, h) => {
        column[k] = h;
        parts.push({ term: `${c.column}${String(l)}`, fill: () => {}, values: null, level: { codes, code: k } });
      });
      if (levels.length > 1) {
        parts[first]!.fill = (x, p, j, from, to) => {
          for (let r = from; r < to; r++) {
            const h = column[codes[keep[r]!]!]!;
            if (h >= 0) x[r * p + j + h] = 1;
          }
        };
      }
    }
  }
  const p = parts.length;
  const rowMajor = () => {
    const x = new Float64Array(n * p);
    for (let from = 0; from < n; from += 4096) {
      const to = Math.min(n, from + 4096);
      parts.forEach((part, j) => part.fill(x, p, j, from, to));
    }
    return x;
  };
  const byColumn = () => {
    const dense: (Float64Array | null)[] = [];
    const ones: (Int32Array | null)[] = [];
    // Each segment's codes of the rows used, and the rows of each code (counted, then filled in one pass).
    const rowsByCode = new Map<Int32Array, Int32Array[]>();
    const levelRows = (codes: Int32Array, levels: number) => {
      let out = rowsByCode.get(codes);
      if (!out) {
        const count = new Int32Array(levels);
        countCodes(count, codes, keep);
        out = Array.from(count, (k) => new Int32Array(k));
        fillCodeRows(out, codes, keep);
        rowsByCode.set(codes, out);
      }
      return out;
    };
    columns.forEach((c) => c.kind === "segment" && levelRows(c.codes, c.levels.length));
    for (const part of parts) {
      let at: Int32Array | null = null;
      if (part.level) at = rowsByCode.get(part.level.codes)![part.level.code]!;
      else if (part.values instanceof Uint8Array) {
        // A yes/no column true in at most half of the rows: the rows where it is 1.
        const a = part.values;
        const k = countOnes(a, keep);
        if (k <= n / 2) at = rowsOfOnes(new Int32Array(k), a, keep);
      }
      if (at && at.length <= n / 2) {
        dense.push(null);
        ones.push(at);
        continue;
      }
      const column = new Float64Array(n);
      const a = part.values;
      if (a) gatherRows(column, a, keep);
      else if (at) for (let k = 0; k < at.length; k++) column[at[k]!] = 1;
      else column.fill(1);
      dense.push(column);
      ones.push(null);
    }
    return designColumnsOf(n, dense, ones);
  };
  let x: Float64Array | null = null;
  let cols: DesignColumns | null = null;
  const out = { n, p, terms: parts.map((q) => q.term), rows: keep, nMissing: total - n, missingBy, columns } as Omit<DesignMatrix, "x" | "byColumn">;
  Object.defineProperty(out, "x", { enumerable: true, get: () => (x ??= rowMajor()) });
  Object.defineProperty(out, "byColumn", { enumerable: false, value: () => (cols ??= byColumn()) });
  return out as DesignMatrix;
}
