// How many people a survey needs to estimate a share to within a margin, and the margin a given
// number of answers gives: the normal approximation with the finite-population correction (a
// company's staff is a finite population, and a survey often asks a good part of it).
import { KoeArgumentError } from "../errors/errors.js";
import { powerMessages as m } from "../errors/power-messages.js";
import { normalQuantile } from "./distributions.js";
import { confLevelOf, kernelOptions } from "./options.js";
import type { TidyTable } from "./result.js";
import { withTable } from "./power.js";

/**
 * The fixed keys of a survey-size result, whichever was solved for (`population` is null without one):
 * - `method`: "share, normal approximation" (with ", finite population correction" when a population is given);
 * - `solvedFor`: "n" ({@link surveySampleSize}) or "marginOfError" ({@link surveyMarginOfError});
 * - `n`: answers needed, rounded up (or the n given); `nExact`: before rounding; `nInfinite`: n0 = z²p(1 − p)/e², the size without the correction;
 * - `marginOfError`: the half-width e of the interval; `confLevel`, `z` (its normal quantile); `expectedShare` p; `population` N.
 */
export interface SurveySizeFields {
  method: string;
  solvedFor: "n" | "marginOfError";
  n: number;
  nExact: number;
  nInfinite: number;
  marginOfError: number;
  confLevel: number;
  z: number;
  expectedShare: number;
  population: number | null;
}

export const SURVEY_SIZE_KEYS = [
  "method", "solvedFor", "n", "nExact", "nInfinite", "marginOfError", "confLevel", "z", "expectedShare", "population",
] as const satisfies readonly (keyof SurveySizeFields)[];

export type SurveySizeResult = SurveySizeFields & { toTable(): TidyTable };

export interface SurveySampleSizeOptions {
  /** Half-width of the interval wanted, as a share (0.03 for ±3 points). */
  marginOfError: number;
  /** Default 0.95. */
  confLevel?: number;
  /** People the survey is about (the finite-population correction; default none: an infinite population). */
  population?: number;
  /** The share expected (default 0.5, the most demanding). */
  expectedShare?: number;
}

interface Checked {
  confLevel: number;
  z: number;
  p: number;
  population: number | null;
}

function checked(fn: string, o: { confLevel?: unknown; expectedShare?: unknown; population?: unknown }): Checked {
  const confLevel = confLevelOf(fn, o.confLevel ?? 0.95);
  const p = o.expectedShare ?? 0.5;
  if (!(typeof p === "number" && p > 0 && p < 1)) throw KoeArgumentError.of(m.notShare, { fn, option: "expectedShare", value: p });
  const N = o.population;
  if (N !== undefined && !(typeof N === "number" && Number.isInteger(N) && N >= 2)) throw KoeArgumentError.of(m.notWhole, { fn, option: "population", value: N, min: 2 });
  return { confLevel, z: normalQuantile(1 - (1 - confLevel) / 2), p, population: N ?? null };
}

const methodOf = (population: number | null) => (population === null ? "share, normal approximation" : "share, normal approximation, finite population correction");

/**
 * Answers needed to estimate a share to within ± `marginOfError` at `confLevel`:
 * n0 = z²p(1 − p)/e², and with a `population` N the finite-population correction
 * n = n0 / (1 + (n0 − 1)/N), rounded up (checked against R: r-oracle/power.R).
 * @example
 * surveySampleSize({ marginOfError: 0.03 }).n // => 1068
 * surveySampleSize({ marginOfError: 0.05, population: 1000 }).n // => 278
 * surveySampleSize({ marginOfError: 3 }) // throws: write 3% as 0.03
 */
export function surveySampleSize(options: SurveySampleSizeOptions): SurveySizeResult {
  const fn = "surveySampleSize";
  const o = kernelOptions(fn, options, ["marginOfError", "confLevel", "population", "expectedShare"]);
  if (o.marginOfError === undefined) throw KoeArgumentError.of(m.missingOption, { fn, option: "marginOfError", example: "marginOfError: 0.05" });
  const e = o.marginOfError;
  if (!(typeof e === "number" && e > 0 && e < 1)) throw KoeArgumentError.of(m.notShare, { fn, option: "marginOfError", value: e });
  const c = checked(fn, o);
  const n0 = (c.z * c.z * c.p * (1 - c.p)) / (e * e);
  const nExact = c.population === null ? n0 : n0 / (1 + (n0 - 1) / c.population);
  return withTable(
    { method: methodOf(c.population), solvedFor: "n" as const, n: Math.ceil(nExact * (1 - 1e-12)), nExact, nInfinite: n0, marginOfError: e, confLevel: c.confLevel, z: c.z, expectedShare: c.p, population: c.population },
    SURVEY_SIZE_KEYS,
  );
}

export interface SurveyMarginOfErrorOptions {
  /** Answers (whole, ≥ 1; at most the population). */
  n: number;
  /** Default 0.95. */
  confLevel?: number;
  /** People the survey is about (default none). */
  population?: number;
  /** Default 0.5 (the widest margin). */
  expectedShare?: number;
}

/**
 * The margin of error (half-width of the interval of a share) that `n` answers give:
 * e = z·√(p(1 − p)/n · (N − n)/(N − 1)), without the last factor when no population is given —
 * the inverse of {@link surveySampleSize} (`nInfinite` is the n0 that gives the same margin).
 * @example
 * surveyMarginOfError({ n: 400 }).marginOfError // => 0.04899910
 * surveyMarginOfError({ n: 300, population: 2000 }).marginOfError // => 0.05217657
 * surveyMarginOfError({ n: 300, population: 200 }) // throws: the sample (n = 300) cannot be larger than the population (200)
 */
export function surveyMarginOfError(options: SurveyMarginOfErrorOptions): SurveySizeResult {
  const fn = "surveyMarginOfError";
  const o = kernelOptions(fn, options, ["n", "confLevel", "population", "expectedShare"]);
  if (o.n === undefined) throw KoeArgumentError.of(m.missingOption, { fn, option: "n", example: "n: 400" });
  const n = o.n;
  if (!(typeof n === "number" && Number.isInteger(n) && n >= 1)) throw KoeArgumentError.of(m.notWhole, { fn, option: "n", value: n, min: 1 });
  const c = checked(fn, o);
  if (c.population !== null && n > c.population) throw KoeArgumentError.of(m.sampleAbovePopulation, { fn, n, population: c.population });
  const fpc = c.population === null ? 1 : (c.population - n) / (c.population - 1);
  const marginOfError = c.z * Math.sqrt(((c.p * (1 - c.p)) / n) * fpc);
  return withTable(
    { method: methodOf(c.population), solvedFor: "marginOfError" as const, n, nExact: n, nInfinite: fpc === 0 ? Infinity : n / fpc, marginOfError, confLevel: c.confLevel, z: c.z, expectedShare: c.p, population: c.population },
    SURVEY_SIZE_KEYS,
  );
}
