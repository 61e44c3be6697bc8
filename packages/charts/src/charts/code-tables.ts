// What the code charts (codeHeatmapChart, codeBarChart, cooccurrenceChart) share: reading a table of
// the interview study (`codeFrequencies` / `codeCooccurrence` report tables as they are, or rows made
// by hand) by its column names, the free-text minimum its shown rows must respect, labels of codes
// and segment values in the chart's language, and the chart drawn when there is nothing to show.
import { closest, compareNatural, DEFAULT_MIN_COMMENT_GROUP_SIZE, KoeArgumentError, knownField, vocabularyFor, type ReportTable } from "@koe/core";
import type { TopLevelSpec } from "vega-lite";
import { ChartError } from "../errors.js";
import { checkObject, fields, type FieldCheck, type Shape } from "../input.js";
import { codeChartMessages as cm, codeChartWords } from "../interview-messages.js";
import { chartMessages as m, expected, places, type Lang } from "../messages.js";
import { estimateTextWidth } from "../text-metrics.js";
import { koeTheme } from "../theme.js";

/**
 * A table of the interview study as the code charts take it: a report table (`report.tables.frequencies`,
 * `.overall`, `.cooccurrence`) as it is, or `{ rows }` made by hand (the columns are then the rows'
 * fields). `privacy.params.minGroupSize`, when given, raises the free-text minimum (10) the charts check.
 */
export type CodeTableInput = ReportTable | { columns?: readonly string[]; rows: readonly Record<string, unknown>[]; privacy?: { params: Readonly<Record<string, unknown>> } };

/** A checked table: its columns, rows, and the smallest group its shown rows may describe. */
export interface CodeTable {
  columns: readonly string[];
  rows: readonly Record<string, unknown>[];
  min: number;
}

/** Is a row shown (not marked suppressed)? */
export const shown = (row: Readonly<Record<string, unknown>>) => row.suppressed !== true;

const isCount = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 0;

/** Field checks of the columns the code charts read (kinds only; whether a shown row has its figures is {@link requireFigures}). */
export const columnChecks: Readonly<Record<string, FieldCheck>> = {
  code: fields.text, code_a: fields.text, code_b: fields.text,
  code_ja: fields.textOrNull, code_en: fields.textOrNull, code_a_ja: fields.textOrNull, code_b_ja: fields.textOrNull, code_a_en: fields.textOrNull, code_b_en: fields.textOrNull,
  people: fields.numberOrNull, texts: fields.numberOrNull, with_code: fields.numberOrNull, share: fields.numberOrNull, share_low: fields.numberOrNull, share_high: fields.numberOrNull,
  residual: fields.numberOrNull, both: fields.numberOrNull, either: fields.numberOrNull, jaccard: fields.numberOrNull, suppressed: fields.boolean,
};

/**
 * Checks the table's shape: `{ rows: [...] }` of objects, with every `required` column (a missing one
 * is named with the closest column there is), and each known column's values of the right kind.
 * @throws {KoeArgumentError} naming the table, the row and the field.
 */
export function readCodeTable(fn: string, input: unknown, required: readonly string[]): CodeTable {
  checkObject<{ rows: unknown; columns?: unknown; privacy?: unknown }>(fn, input, places.argument("table"), { rows: fields.list, columns: fields.optional(fields.textList), privacy: fields.optional(fields.object) });
  const rows = input.rows as readonly unknown[];
  rows.forEach((row, i) => checkObject(fn, row, places.item("table.rows", i), {}));
  const objects = rows as readonly Record<string, unknown>[];
  const columns = (input.columns as readonly string[] | undefined) ?? [...new Set(objects.flatMap((r) => Object.keys(r)))];
  // `{ rows: [] }` made by hand names no columns: nothing to check (a report table's are checked even when empty).
  if (input.columns !== undefined || objects.length > 0) for (const column of required) {
    if (!columns.includes(column)) throw KoeArgumentError.of(cm.missingColumn, { fn, column, suggestion: closest(column, columns), columns });
  }
  const shape: Record<string, FieldCheck> = {};
  for (const c of columns) if (columnChecks[c]) shape[c] = required.includes(c) ? columnChecks[c] : fields.optional(columnChecks[c]);
  objects.forEach((row, i) => checkObject(fn, row, places.item("table.rows", i), shape as Shape<unknown>));
  const reportMin = (input.privacy as { params?: { minGroupSize?: unknown } } | undefined)?.params?.minGroupSize;
  return { columns, rows: objects, min: Math.max(DEFAULT_MIN_COMMENT_GROUP_SIZE, typeof reportMin === "number" ? reportMin : 0) };
}

/**
 * The figures of a shown row hold together: counts are integers ≥ 0, shares lie in 0–1, and no group
 * is smaller than the free-text minimum (a table that was not published through the study).
 * @throws {ChartError} naming the row, the field and its value.
 */
export function requireFigures(fn: string, row: Readonly<Record<string, unknown>>, where: { en: string; ja: string }, figures: { counts?: readonly string[]; groups?: readonly string[]; shares?: readonly string[] }, min: number): void {
  for (const field of figures.counts ?? []) {
    if (field in row && !isCount(row[field])) throw ChartError.of(m.badField, { fn, where, field, value: row[field], expected: expected.shownCount });
  }
  for (const field of figures.shares ?? []) {
    const v = row[field];
    if (field in row && !(typeof v === "number" && v >= 0 && v <= 1)) throw ChartError.of(m.badField, { fn, where, field, value: v, expected: expected.share });
  }
  for (const field of figures.groups ?? []) {
    const v = row[field];
    if (typeof v === "number" && v < min) throw ChartError.of(cm.smallGroupShown, { fn, where, field, value: v, min });
  }
}

/** Columns of the frequencies tables that are not a segment (the code, its labels and figures, the tests' columns). */
const NOT_SEGMENTS = new Set([
  "code", "code_ja", "code_en", "people", "texts", "with_code", "share", "share_low", "share_high", "residual", "suppressed",
  "expected", "statistic", "df", "p_value", "p_adjusted", "method", "groups",
]);

/**
 * The segment column of a frequencies table: `by` when given (a column of the table), else the one
 * column that is neither the code, its labels nor a figure.
 * @throws {KoeArgumentError} when `by` is not a column (with the closest one), or no single column is left.
 */
export function segmentColumnOf(fn: string, table: CodeTable, by: string | undefined): string {
  if (by !== undefined) {
    if (!table.columns.includes(by)) throw KoeArgumentError.of(cm.missingColumn, { fn, column: by, suggestion: closest(by, table.columns), columns: table.columns });
    return by;
  }
  const candidates = table.columns.filter((c) => !NOT_SEGMENTS.has(c));
  if (candidates.length !== 1) throw KoeArgumentError.of(cm.unclearSegmentColumn, { fn, candidates });
  return candidates[0]!;
}

/**
 * Display labels of code ids: the caller's `labels`, else the first label the rows give (`code_ja` /
 * `code_en`; a hidden row's may be blank), else the id. Two codes with one label are an error.
 * @throws {ChartError} when two ids share a label (their marks would be drawn on top of each other).
 */
export function codeLabels(fn: string, pairs: Iterable<readonly [string, unknown]>, labels: Readonly<Record<string, string>> | undefined): Map<string, string> {
  const found = new Map<string, string | null>();
  for (const [id, label] of pairs) {
    const given = typeof label === "string" && label.trim() !== "" ? label : null;
    if (!found.has(id) || (found.get(id) === null && given !== null)) found.set(id, given);
  }
  const out = new Map<string, string>();
  const owner = new Map<string, string>();
  for (const [id, label] of found) {
    const text = labels?.[id] ?? label ?? id;
    const other = owner.get(text);
    if (other !== undefined) throw ChartError.of(m.labelCollision, { fn, axis: "row", a: other, b: id, label: text });
    owner.set(text, id);
    out.set(id, text);
  }
  return out;
}

/** A segment value's key (values may be text, numbers or booleans). */
export const segmentKey = (v: unknown) => (v === null || v === undefined ? "" : String(v));

/**
 * The values of a segment column in natural order (a vocabulary's, else booleans, numbers, text) with
 * their labels in the language: the caller's `labels`, else the model's vocabulary (若手 / Young),
 * else あり / なし for booleans, else the value.
 */
export function segmentValues(by: string, values: readonly unknown[], lang: Lang, labels: Readonly<Record<string, string>> | undefined): { key: string; label: string }[] {
  const distinct = [...new Map(values.map((v) => [segmentKey(v), v])).values()].sort((a, b) => compareNatural(by, a, b));
  const vocabulary = vocabularyFor(by, undefined, distinct.filter((v) => typeof v === "string"));
  const words = codeChartWords[lang];
  return distinct.map((v) => {
    const key = segmentKey(v);
    const id = typeof v === "string" && vocabulary ? vocabulary.resolve(v) : undefined;
    const label = labels?.[key] ?? (id !== undefined ? vocabulary!.label(id, lang) : typeof v === "boolean" ? (v ? words.yes : words.no) : v === null || v === undefined ? words.missing : key);
    return { key, label };
  });
}

/** The name of a segment column in the language: the model's label of a known field (generation → 世代), else the name. */
export const segmentName = (by: string, lang: Lang) => knownField(by)?.meta[lang] ?? by;

/**
 * The chart drawn instead of an empty one: the title, and the note saying why there is nothing
 * (no rows at all, or every row hidden).
 */
export function noteChart(title: string, note: string): TopLevelSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: koeTheme,
    title: { text: title },
    width: Math.max(240, Math.ceil(estimateTextWidth(note, 13))),
    height: 40,
    data: { values: [{ note }] },
    mark: { type: "text", fontSize: 13, color: "#555555", align: "left", baseline: "middle" },
    encoding: { text: { field: "note", type: "nominal" }, x: { value: 0 }, y: { value: 20 } },
  };
}

/** Tooltip entries of the given data fields (`"share:.1%"`: with a format), titled in the language (the SVG's screen-reader labels read them). */
export function tooltip(lang: Lang, entries: readonly string[], titles: Readonly<Record<string, string>> = {}): object[] {
  const names = codeChartWords[lang].fieldTitles;
  return entries.map((entry) => {
    const [field, format] = entry.split(":") as [string, string | undefined];
    const nominal = ["code", "segment", "row", "column", "a", "b"].includes(field);
    return { field, type: nominal ? "nominal" : "quantitative", title: titles[field] ?? names[field] ?? field, ...(format ? { format } : {}) };
  });
}

/**
 * The text layer of a grid of cells (each datum's `text`): grey on a suppressed cell, white where
 * `lightWhen` holds (a dark fill), else dark.
 */
export function cellTextLayer(look: { fontSize: number; suppressedText: string }, lightWhen: string, encoding: object = {}): object {
  return {
    mark: { type: "text", fontSize: look.fontSize, aria: false },
    encoding: {
      text: { field: "text", type: "nominal" },
      color: { condition: [{ test: "datum.suppressed", value: look.suppressedText }, { test: lightWhen, value: "#ffffff" }], value: "#222222" },
      ...encoding,
    },
  };
}
