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
 * last; a known vocabulary's order; booleans false first; numbers ascending; text by code point.
 * @example
 * ["senior", "young", "mid"].sort((a, b) => compareNatural("generation", a, b)) // => ["young", "mid", "senior"]
 */
export function compareNatural(column: string, a: unknown, b: unknown): number {
  const missing = (v: unknown) => v === null || v === undefined || (typeof v === "number" && Number.isNaN(v));
  if (missing(a) || missing(b)) return missing(a) === missing(b) ? 0 : missing(a) ? 1 : -1;
  // A column named by its role (a matrix's "row", "segment") holds ids of some vocabulary: use the one that knows both.
  const vocab = vocabularyOfColumn[column] ?? (typeof a === "string" && typeof b === "string" ? Object.values(vocabularyOfColumn).find((v) => v.order(a) >= 0 && v.order(b) >= 0) : undefined);
  if (vocab) {
    const d = vocab.order(String(a)) - vocab.order(String(b));
    if (d !== 0) return d;
  }
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
