// The values segmentRespondents writes — the model's vocabularies plus "unclassified" (and
// "not_immobile" for the immobile sub-type) — and how the layer and profile reports read a segment
// column that may hold them.
import { resolveColumn } from "../boundary/columns.js";
import { DEFAULT_MISSING, segmentColumn, vocabularyFor, type SegmentColumn } from "../boundary/roles.js";
import { columnValues } from "../analyze/column-values.js";
import { careerLayers, generations, immobileTypes, jobTypes, managerStatus } from "../model/segments.js";
import type { Table } from "../model/table.js";
import { extendVocabulary, type Vocabulary } from "../model/vocabulary.js";

/** The value of a segment a respondent could not be given (the `reasons` column says why). */
export const UNCLASSIFIED = "unclassified";

const unclassified = { id: UNCLASSIFIED, ja: "未分類", en: "Unclassified", aliases: ["分類不能"] };

/**
 * The values of each derived segment, in order, "unclassified" last: generations, roles
 * (manager / non_manager), job types, layers, and immobile sub-types with "not_immobile".
 * @example
 * segmentValues.immobile.ids // => ["unaware", "never_positive", "gave_up", "not_immobile", "unclassified"]
 */
export const segmentValues = {
  generation: extendVocabulary(generations, [unclassified]),
  role: extendVocabulary(managerStatus, [unclassified]),
  jobType: extendVocabulary(jobTypes, [unclassified]),
  layer: extendVocabulary(careerLayers, [unclassified]),
  immobile: extendVocabulary(immobileTypes, [{ id: "not_immobile", ja: "不動層ではない", en: "Not immobile", aliases: ["非該当"] }, unclassified]),
} as const;

const extended: readonly Vocabulary[] = Object.values(segmentValues);

const isText = (v: unknown): v is string => typeof v === "string" && v.trim() !== "";

/**
 * The vocabulary a segment column is read with: its field's (by name) with "unclassified" added,
 * else the one derived segment's values every text of the column belongs to, else none.
 */
function vocabularyOf(column: string, name: string, raw: ArrayLike<unknown>, missing: ReadonlySet<string>): Vocabulary | null {
  const own = vocabularyFor(column, name);
  if (own) return extended.find((v) => v.name === own.name) ?? extendVocabulary(own, [unclassified]);
  const distinct = new Set<string>();
  for (let i = 0; i < raw.length && distinct.size <= 64; i++) {
    const v = raw[i];
    if (isText(v) && !missing.has(v.normalize("NFKC").trim().toLowerCase())) distinct.add(v);
    else if (typeof v === "number" || typeof v === "boolean") return null;
  }
  const fits = extended.filter((voc) => [...distinct].every((d) => voc.resolve(d) !== undefined));
  return distinct.size > 0 && fits.length === 1 ? fits[0]! : null;
}

/**
 * A segment column read for a report: values of a known segment resolve through its vocabulary
 * (natural order, "unclassified" last); with `dropUnclassified`, "unclassified" (or 未分類) counts
 * as missing, as blanks and the missing markers do.
 */
export function readSegment(fn: string, table: Table, name: string, options: { option: string; missing?: readonly string[] | undefined; dropUnclassified: boolean }): SegmentColumn {
  const column = resolveColumn(fn, table, name, options.option);
  const markers = [...(options.missing ?? DEFAULT_MISSING), ...(options.dropUnclassified ? [UNCLASSIFIED, "未分類"] : [])];
  const keys = new Set(markers.map((s) => s.normalize("NFKC").trim().toLowerCase()));
  const vocabulary = vocabularyOf(column, name, columnValues(table, column, fn), keys);
  return segmentColumn(fn, table, column, { option: options.option, missing: markers, vocabulary });
}

/** A layer column read for a report: traditional / interested / practising; blanks, the missing markers and "unclassified" are missing; any other value is an error naming it. */
export function readLayer(fn: string, table: Table, name: string, option: string, missing: readonly string[] | undefined): SegmentColumn {
  return segmentColumn(fn, table, name, { option, missing: [...(missing ?? DEFAULT_MISSING), UNCLASSIFIED, "未分類"], vocabulary: segmentValues.layer });
}
