import { careerLayers, crossBoundaryKinds, crossBoundarySelections, generations, immobileTypes, initiativeOutcomeTypes, jobTypes, penetrationSteps } from "./segments.js";
import { initiativeCatalogue } from "./initiatives.js";
import type { Vocabulary } from "./vocabulary.js";

/** The vocabulary behind a standard column, so that its values sort in their natural order. */
export const vocabularyOfColumn: Readonly<Record<string, Vocabulary>> = {
  generation: generations,
  step: penetrationSteps,
  job_type: jobTypes,
  layer: careerLayers,
  immobile_type: immobileTypes,
  outcome: initiativeOutcomeTypes,
  cb_kind: crossBoundaryKinds,
  cb_selection: crossBoundarySelections,
  initiative: initiativeCatalogue,
};

/**
 * The values of a segment column in natural order: a known vocabulary's order (generations young →
 * senior, steps know → practice, …), booleans true first, numbers ascending, other text sorted.
 */
export function orderSegmentValues(column: string, values: Iterable<unknown>): unknown[] {
  const distinct = [...new Set(values)].filter((v) => v !== null && v !== undefined && !(typeof v === "number" && Number.isNaN(v)));
  const vocab = vocabularyOfColumn[column];
  if (vocab) return distinct.sort((a, b) => vocab.order(String(a)) - vocab.order(String(b)) || String(a).localeCompare(String(b)));
  if (distinct.every((v) => typeof v === "boolean")) return distinct.sort((a, b) => Number(b) - Number(a));
  if (distinct.every((v) => typeof v === "number")) return (distinct as number[]).sort((a, b) => a - b);
  return distinct.map(String).sort();
}

/**
 * Compares two values of a column in its natural order (for sorting published rows): missing
 * last; ids of the column's vocabulary in its order; otherwise ids of any of the model's
 * vocabularies grouped by vocabulary, each in its order (a column of "row" ids holding generations
 * sorts young, mid, senior); then booleans false first, numbers ascending, other text by code point.
 * Each value gets a key of its own, so the order is a total order whatever values are mixed.
 * @example
 * ["senior", "young", "mid"].sort((a, b) => compareNatural("generation", a, b)) // => ["young", "mid", "senior"]
 * ["appointed", "external", "internal", "self_nominated"].sort((a, b) => compareNatural("kind", a, b)) // => ["internal", "external", "self_nominated", "appointed"]
 */
export function compareNatural(column: string, a: unknown, b: unknown): number {
  const ka = naturalKey(column, a);
  const kb = naturalKey(column, b);
  for (let i = 0; i < ka.length; i++) {
    const x = ka[i]!;
    const y = kb[i]!;
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return 0;
}

const vocabularies = [...new Set(Object.values(vocabularyOfColumn))];

/** [missing?, vocabulary position, position in it, kind, value]: compared element by element. */
function naturalKey(column: string, v: unknown): (number | string)[] {
  if (v === null || v === undefined || (typeof v === "number" && Number.isNaN(v))) return [1, 0, 0, 0, ""];
  if (typeof v === "string") {
    const own = vocabularyOfColumn[column];
    if (own && own.order(v) >= 0) return [0, -1, own.order(v), 0, ""];
    const at = vocabularies.findIndex((voc) => voc.order(v) >= 0);
    if (at >= 0) return [0, at, vocabularies[at]!.order(v), 0, ""];
    return [0, vocabularies.length, 0, 3, v];
  }
  if (typeof v === "boolean") return [0, vocabularies.length, 0, 1, Number(v)];
  if (typeof v === "number") return [0, vocabularies.length, 0, 2, v];
  return [0, vocabularies.length, 0, 3, String(v)];
}
