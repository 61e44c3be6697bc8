// The input boundary: a column read in the role a function needs (binary, numeric, segment, wave),
// coerced once to what the user meant or refused with a KoeError naming the column, the values and
// their rows. Functions then work on the clean typed arrays returned here.
import { columnValues } from "../analyze/column-values.js";
import { KoeArgumentError } from "../errors/errors.js";
import { boundaryMessages as m } from "../errors/boundary-messages.js";
import { DEFAULT_FALSE_WORDS, DEFAULT_TRUE_WORDS } from "../model/field.js";
import { knownField } from "../model/known-fields.js";
import { vocabularyOfColumn } from "../model/segment-order.js";
import type { Table } from "../model/table.js";
import { normalizeKey, type Vocabulary } from "../model/vocabulary.js";
import { resolveColumn } from "./columns.js";

/** Cell texts that mean "no answer" unless a function is told otherwise (as the readers' default). */
export const DEFAULT_MISSING: readonly string[] = ["", "NA", "N/A", "無回答"];

/** Marks a missing value in a {@link BinaryColumn}. */
export const MISSING_BINARY = 255;

const NUMBER_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A number from what a person typed (full-width digits, spaces, a thousands comma), or NaN. */
export function numberFromText(text: string): number {
  const t = text.normalize("NFKC").trim().replace(/(?<=\d),(?=\d{3}(?:\D|$))/g, "");
  return NUMBER_RE.test(t) ? Number(t) : Number.NaN;
}

const isBlank = (v: unknown) => v === null || v === undefined || (typeof v === "number" && Number.isNaN(v));

/** Collects values a role does not accept, with how many rows hold each and the first (the table's rows counted from 1). */
class Rejects {
  private readonly seen = new Map<string, { value: string; rows: number; firstRow: number }>();
  add(value: unknown, index: number): void {
    const key = typeof value === "string" ? value : String(value);
    const r = this.seen.get(key);
    if (r) r.rows++;
    else this.seen.set(key, { value: key, rows: 1, firstRow: index + 1 });
  }
  get size(): number {
    return this.seen.size;
  }
  list() {
    return [...this.seen.values()].sort((a, b) => a.firstRow - b.firstRow);
  }
}

export interface RoleOptions {
  /** The option that named the column, for messages (e.g. "treatment"). */
  option?: string;
  /** Cell texts meaning "no answer" (default {@link DEFAULT_MISSING}). */
  missing?: readonly string[];
}

/** How a cell is compared with missing markers: NFKC, trimmed, case-folded (separators kept: "-" is not "", nor missing unless declared). */
const markerKey = (s: string) => s.normalize("NFKC").trim().toLowerCase();
const missingSet = (missing: readonly string[] | undefined) => new Set((missing ?? DEFAULT_MISSING).map(markerKey));

export interface BinaryColumn {
  /** The table's column (resolved from the name given). */
  column: string;
  /** 1 = yes, 0 = no, {@link MISSING_BINARY} = missing. */
  values: Uint8Array;
  nMissing: number;
  nTrue: number;
  nFalse: number;
}

/** Words for yes and no in a column: the defaults plus the field's own (e.g. 管理職 / 非管理職, 効果あり / 効果なし). */
function binaryWords(column: string, extra?: { trueWords?: readonly string[]; falseWords?: readonly string[] }) {
  const meta = knownField(column)?.meta;
  const yes = [...new Set([...(extra?.trueWords ?? []), ...(meta?.trueWords ?? []), ...DEFAULT_TRUE_WORDS])];
  const no = [...new Set([...(extra?.falseWords ?? []), ...(meta?.falseWords ?? []), ...DEFAULT_FALSE_WORDS])];
  return { yes, no, yesSet: new Set(yes.map(normalizeKey)), noSet: new Set(no.map(normalizeKey)) };
}

/**
 * A yes/no column as 1/0: booleans, 0/1 (numbers or text), true/false, はい/いいえ, あり/なし,
 * yes/no and the field's own words (管理職/非管理職, 効果あり/効果なし, 参加/不参加). Blank and
 * missing markers are missing; any other value is a {@link KoeArgumentError} naming the column,
 * the values and their rows — never silently missing.
 * @example
 * binaryColumn("welchTest", aq.table({ p: ["はい", "いいえ", 1, null] }), "p").values // => Uint8Array [1, 0, 1, 255]
 */
export function binaryColumn(fn: string, table: Table, name: string, options: RoleOptions & { trueWords?: readonly string[]; falseWords?: readonly string[] } = {}): BinaryColumn {
  const column = resolveColumn(fn, table, name, options.option ?? null);
  const raw = columnValues(table, column, fn);
  const n = raw.length;
  const values = new Uint8Array(n);
  // The words and markers are needed only for text cells (a typed 0/1 column has none).
  let words: ReturnType<typeof binaryWords> | null = null;
  let missing: Set<string> | null = null;
  const cache = new Map<unknown, number>();
  const rejects = new Rejects();
  let nMissing = 0;
  let nTrue = 0;
  // A typed column (as the readers make a 0/1 column): 1, 0 and NaN in a tight loop, to the first other number.
  let i = 0;
  if (raw instanceof Float64Array || raw instanceof Float32Array) {
    for (; i < n; i++) {
      const v = raw[i]!;
      if (v === 1) nTrue++;
      else if (v === 0) continue;
      else if (v !== v) nMissing++;
      else break;
      values[i] = v === 1 ? 1 : MISSING_BINARY;
    }
  }
  for (; i < n; i++) {
    const v = raw[i];
    let code: number | undefined;
    // Numbers first (a typed 0/1 column is the common case): no call per row.
    if (typeof v === "number") code = v === 1 ? 1 : v === 0 ? 0 : v !== v ? MISSING_BINARY : -1;
    else if (v === true) code = 1;
    else if (v === false) code = 0;
    else if (isBlank(v)) code = MISSING_BINARY;
    else {
      code = cache.get(v);
      if (code === undefined) {
        words ??= binaryWords(column, options);
        missing ??= missingSet(options.missing);
        const k = normalizeKey(String(v));
        const asNumber = numberFromText(String(v));
        code = missing.has(markerKey(String(v))) ? MISSING_BINARY : words.yesSet.has(k) || asNumber === 1 ? 1 : words.noSet.has(k) || asNumber === 0 ? 0 : -1;
        cache.set(v, code);
      }
    }
    if (code < 0) rejects.add(v, i);
    else {
      values[i] = code;
      if (code === MISSING_BINARY) nMissing++;
      else nTrue += code;
    }
  }
  if (rejects.size > 0) {
    words ??= binaryWords(column, options);
    throw KoeArgumentError.of(m.notBinary, { fn, column, values: rejects.list(), yes: words.yes, no: words.no });
  }
  return { column, values, nMissing, nTrue, nFalse: n - nMissing - nTrue };
}

export interface NumericColumn {
  column: string;
  /** NaN = missing. Typed columns (as the readers make them) are returned without a copy. */
  values: Float64Array | Float32Array;
  nMissing: number;
}

/**
 * A numeric column: numbers, numeric text (full-width digits too), booleans as 1/0, and — with
 * `labels` — answer labels such as 「そう思う」. Blank and missing markers are NaN; any other text
 * is a {@link KoeArgumentError} naming the column, the values and their first rows, never a NaN in silence.
 * @example
 * numericColumn("describe", aq.table({ x: ["１", "2", "NA"] }), "x").values // => Float64Array [1, 2, NaN]
 */
export function numericColumn(fn: string, table: Table, name: string, options: RoleOptions & { labels?: Readonly<Record<string, number>> } = {}): NumericColumn {
  const column = resolveColumn(fn, table, name, options.option ?? null);
  const raw = columnValues(table, column, fn);
  const n = raw.length;
  if (raw instanceof Float64Array || raw instanceof Float32Array) {
    let nMissing = 0;
    for (let i = 0; i < n; i++) if (raw[i] !== raw[i]) nMissing++;
    return { column, values: raw, nMissing };
  }
  const values = new Float64Array(n);
  const missing = missingSet(options.missing);
  const labels = options.labels ? new Map(Object.entries(options.labels).map(([k, v]) => [normalizeKey(k), v])) : null;
  const cache = new Map<string, number | null>();
  const rejects = new Rejects();
  let nMissing = 0;
  for (let i = 0; i < n; i++) {
    const v = raw[i];
    let x: number | null;
    if (typeof v === "number") x = v;
    else if (isBlank(v)) x = Number.NaN;
    else if (typeof v === "boolean") x = v ? 1 : 0;
    else if (typeof v === "bigint") x = Number(v);
    else {
      const s = String(v);
      x = cache.get(s) ?? null;
      if (!cache.has(s)) {
        const parsed = numberFromText(s);
        x = missing.has(markerKey(s)) ? Number.NaN : !Number.isNaN(parsed) ? parsed : (labels?.get(normalizeKey(s)) ?? null);
        cache.set(s, x);
      }
    }
    if (x === null) {
      rejects.add(v, i);
      continue;
    }
    values[i] = x;
    if (x !== x) nMissing++;
  }
  if (rejects.size > 0) throw KoeArgumentError.of(m.notNumeric, { fn, column, values: rejects.list() });
  return { column, values, nMissing };
}

export interface SegmentColumn {
  column: string;
  /** Index into `levels` per row; -1 = missing. */
  codes: Int32Array;
  /** The values present, in natural order: vocabulary ids in the vocabulary's order (young → senior), else numbers ascending, else text sorted. */
  levels: unknown[];
  /** The vocabulary the values were resolved through, if any. */
  vocabulary: Vocabulary | null;
  nMissing: number;
}

/**
 * The vocabulary that a column's values belong to: the field's (by the column's name or the
 * option's), else the one vocabulary of the model in which every text value is a label, id or
 * alias (a column 「年代」 holding 若手/中堅/シニア is generations).
 */
export function vocabularyFor(column: string, name?: string, values?: ArrayLike<unknown>): Vocabulary | null {
  for (const c of [column, name]) {
    if (c === undefined) continue;
    const f = knownField(c.replace(/\uFEFF/g, ""));
    if (f?.meta.vocabulary) return f.meta.vocabulary;
    const v = vocabularyOfColumn[c];
    if (v) return v;
  }
  if (!values) return null;
  const distinct = new Set<string>();
  for (let i = 0; i < values.length && distinct.size <= 64; i++) {
    const v = values[i];
    if (typeof v === "string" && v.trim() !== "") distinct.add(v);
    else if (!isBlank(v)) return null;
  }
  if (distinct.size === 0 || distinct.size > 64) return null;
  const fits = Object.values(vocabularyOfColumn).filter((voc, i, all) => all.indexOf(voc) === i && [...distinct].every((d) => voc.resolve(d) !== undefined || missingSet(undefined).has(markerKey(d))));
  return fits.length === 1 ? fits[0]! : null;
}

function naturalOrder(values: unknown[]): unknown[] {
  if (values.every((v) => typeof v === "boolean")) return values.sort((a, b) => Number(a) - Number(b));
  if (values.every((v) => typeof v === "number")) return (values as number[]).sort((a, b) => a - b);
  if (values.every((v) => typeof v === "string" && !Number.isNaN(numberFromText(v)))) return values.sort((a, b) => numberFromText(a as string) - numberFromText(b as string));
  return values.sort((a, b) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0));
}

/**
 * A segment column (generation, step, job type, company, …) as codes and levels. Values of a
 * vocabulary resolve through it whatever the user typed (若手, 中堅, "Young", ベテラン → ids), so
 * natural order and ids hold; values it does not know are a {@link KoeArgumentError} listing them
 * with their rows and the known values. Other columns keep their values in natural order.
 * @example
 * segmentColumn("topInitiatives", aq.table({ 世代: ["シニア", "若手", "中堅"] }), "generation").levels // => ["young", "mid", "senior"]
 */
export function segmentColumn(fn: string, table: Table, name: string, options: RoleOptions & { vocabulary?: Vocabulary | null } = {}): SegmentColumn {
  const column = resolveColumn(fn, table, name, options.option ?? null);
  const raw = columnValues(table, column, fn);
  const n = raw.length;
  const vocabulary = options.vocabulary === undefined ? vocabularyFor(column, name, raw) : options.vocabulary;
  const missing = missingSet(options.missing);
  // One pass: each distinct raw value resolved once to a code in order of first appearance (-1
  // missing, -2 unknown to the vocabulary); the codes are renumbered to the levels' natural order after.
  const codeOf = new Map<unknown, number>();
  const codeOfKey = new Map<unknown, number>(); // its keys, in order of first appearance, are the levels (-0 kept as 0)
  const rejects = new Rejects();
  const codes = new Int32Array(n);
  let nMissing = 0;
  for (let i = 0; i < n; i++) {
    const v = raw[i];
    let c = codeOf.get(v);
    if (c === undefined) {
      let k: unknown;
      if (isBlank(v) || (typeof v === "string" && missing.has(markerKey(v)))) k = null;
      else if (vocabulary) k = vocabulary.resolve(String(v));
      else k = typeof v === "string" ? v.normalize("NFKC").trim() : v;
      if (k === null) c = -1;
      else if (k === undefined) c = -2;
      else {
        c = codeOfKey.get(k);
        if (c === undefined) codeOfKey.set(k, (c = codeOfKey.size));
      }
      codeOf.set(v, c);
    }
    if (c === -2) rejects.add(v, i);
    else if (c === -1) nMissing++;
    codes[i] = c;
    // The rows repeating a value (sorted or grouped data) take its code in a tight loop, without a lookup.
    if (c >= 0) while (i + 1 < n && raw[i + 1] === v) codes[++i] = c;
  }
  if (rejects.size > 0 && vocabulary) {
    throw KoeArgumentError.of(m.unknownSegmentValue, { fn, column, vocabulary: vocabulary.name, values: rejects.list(), known: [...vocabulary.ids], knownJa: vocabulary.terms.map((t) => t.ja) });
  }
  const present = [...codeOfKey.keys()];
  const levels = vocabulary ? [...present].sort((a, b) => vocabulary.order(String(a)) - vocabulary.order(String(b))) : naturalOrder([...present]);
  const renumber = Int32Array.from(present, (_, j) => j);
  levels.forEach((l, j) => (renumber[codeOfKey.get(l)!] = j));
  if (renumber.some((to, from) => to !== from)) for (let i = 0; i < n; i++) if (codes[i]! >= 0) codes[i] = renumber[codes[i]!]!;
  return { column, codes, levels, vocabulary, nMissing };
}

export interface WaveSelection {
  /** The wave column found (by the name given, or any of the field's names: wave, 調査回, 回, 時点 …); null when the table has none. */
  column: string | null;
  /** The waves present, in order. */
  waves: number[];
  /** The wave used; null without a wave column. */
  wave: number | null;
  /** 1 for rows of the wave used (all rows without a wave column). */
  keep: Uint8Array;
}

/**
 * Which rows belong to the wave a function is asked for. The wave column is found by the name
 * given or any name of the model's wave field (「調査回」, 「回」, 「時点」…), so a renamed column
 * is never pooled by accident. With several waves and none chosen, the first is used and reported
 * (`wave`, `waves`) — or, with `require: true`, it is an error.
 * @example
 * waveSelection("topInitiatives", aq.table({ 調査回: [1, 2, 2] }), { wave: 2 }).keep // => Uint8Array [0, 1, 1]
 */
export function waveSelection(fn: string, table: Table, { wave, waveColumn, require = false }: { wave?: number | undefined; waveColumn?: string | undefined; require?: boolean } = {}): WaveSelection {
  const n = table.numRows();
  let column: string | null = null;
  if (waveColumn !== undefined) column = resolveColumn(fn, table, waveColumn, "waveColumn");
  else column = table.columnNames().find((c) => knownField(c.replace(/\uFEFF/g, ""))?.id === "wave") ?? null;
  if (column === null) {
    if (wave !== undefined) throw KoeArgumentError.of(m.noWaveColumn, { fn, wave, names: ["wave", "調査回", "回", "時点", "調査時点"] });
    return { column: null, waves: [], wave: null, keep: new Uint8Array(n).fill(1) };
  }
  const values = numericColumn(fn, table, column, { option: "waveColumn" }).values;
  const waves = [...new Set(Array.from(values).filter((v) => v === v))].sort((a, b) => a - b);
  if (wave !== undefined && !waves.includes(wave)) throw KoeArgumentError.of(m.unknownWave, { fn, column, wave, waves: waves.map(String) });
  if (wave === undefined && require && waves.length > 1) throw KoeArgumentError.of(m.severalWaves, { fn, column, waves: waves.map(String) });
  const chosen = wave ?? waves[0] ?? null;
  const keep = new Uint8Array(n);
  for (let i = 0; i < n; i++) keep[i] = values[i] === chosen ? 1 : 0;
  return { column, waves, wave: chosen, keep };
}
