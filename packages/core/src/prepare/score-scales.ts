import { z } from "zod";
import { warningOf, type KoeWarning } from "../errors/catalogue.js";
import { KoeArgumentError, KoeError } from "../errors/errors.js";
import { analyzeMessages as am } from "../errors/analyze-messages.js";
import { boundaryMessages as bm } from "../errors/boundary-messages.js";
import { parseOptions } from "../boundary/options.js";
import { resolveColumn, requireTable } from "../boundary/columns.js";
import { numericColumn } from "../boundary/roles.js";
import { columnValues } from "../analyze/column-values.js";
import type { Table } from "../model/table.js";
import { alphaFromMoments, ItemMomentSums, omegaFromMoments, type ItemMoments } from "../analyze/reliability.js";
import { DEFAULT_LIKERT_LABELS, Instrument, itemColumn } from "../model/instrument.js";

export interface ScaleReliability {
  scale: string;
  wave: string | null;
  items: number;
  /** Cronbach's alpha; null when it could not be computed (the reason is in the result's `warnings`). */
  alpha: number | null;
  /** McDonald's omega total (3 items or more); null when it could not be computed (reason in `warnings`). */
  omega: number | null;
}

export interface ScoredScales {
  /** The input table with one score column per scale and wave (`engagement_pre`, …; NaN where too few items were answered). */
  table: Table;
  /** The score columns added, by scale and wave: `scored` rows have a score, `missing` rows answered too few items. */
  scores: { scale: string; wave: string | null; column: string; items: string[]; scored: number; missing: number }[];
  reliability: ScaleReliability[];
  /**
   * Warnings as data (always present, often empty): rows left without a score because they
   * answered too few items, a scale or wave without reliability and why, an item correlating
   * negatively with the rest of its scale.
   */
  warnings: KoeWarning[];
}

export const ScoreScalesOptions = z.object({
  /** The share of a scale's items a person must have answered to get a score (default 0.5, in (0, 1]). */
  minAnswered: z.number().gt(0).lte(1).default(0.5),
  /** Compute each scale's alpha and omega beside the scores (default true). */
  reliability: z.boolean().default(true),
  /** Cell texts that mean "no answer" in item columns (default "", NA, N/A, 無回答). */
  missing: z.array(z.string()).optional(),
});
export type ScoreScalesOptions = z.input<typeof ScoreScalesOptions>;

/** The table's column for an item (exact, or differing only by BOM, width, case or spaces); null when the table has none. */
function findColumn(fn: string, table: Table, own: ReadonlySet<string>, name: string): string | null {
  if (own.has(name)) return name;
  try {
    return resolveColumn(fn, table, name);
  } catch (e) {
    if (e instanceof KoeArgumentError) return null;
    throw e;
  }
}

/**
 * A plain array of numbers and nulls (an item column built by hand) as a Float64Array (NaN =
 * missing) when every number lies within [min, max]; null when there is anything else (text, an
 * answer out of range), which the validating path reads, or refuses with its error.
 */
function numbersInRange(values: unknown[], min: number, max: number): Float64Array | null {
  const n = values.length;
  const out = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    const v: unknown = values[r];
    if (typeof v === "number") {
      if (v < min || v > max) return null;
      out[r] = v;
    } else if (v === null || v === undefined) out[r] = Number.NaN;
    else return null;
  }
  return out;
}

/** Rows taken per block by {@link scoreRows}: a block of every item column stays in cache for the reliability sums. */
const SCORE_BLOCK = 1024;

/**
 * For each of the `n` rows, the mean of its answered items (a reverse-keyed one as min + max − x),
 * or NaN when fewer than `need` (or none) were answered: summed in the order of `items`, the same
 * sums, to the last bit, as row by row. One pass a block of rows at a time, which also checks that
 * every answer lies in its item's range (null when one does not: the caller then reads the columns
 * through the validating path for its error) and hands each block to `sums` (the reliability's
 * sums), saying whether all its answers were whole numbers; when `sums` can pack whole answers the
 * pass is its own (ItemMomentSums.scoreAndAdd: scores and sums from one read of each block).
 */
function scoreRows(n: number, arrays: readonly Float64Array[], items: readonly { reverse?: boolean | undefined; min: number; max: number }[], need: number, sums: ItemMomentSums | null): { score: Float64Array; scored: number } | null {
  const score = new Float64Array(n); // the sums, then the means
  const scoring = {
    min: Float64Array.from(items, (i) => i.min),
    max: Float64Array.from(items, (i) => i.max),
    // flip + sign·x is x, or min + max − x, to the last bit
    flip: Float64Array.from(items, (i) => (i.reverse ? i.min + i.max : 0)),
    sign: Float64Array.from(items, (i) => (i.reverse ? -1 : 1)),
  };
  if (sums?.packs) {
    const scored = sums.scoreAndAdd(0, n, scoring.flip, scoring.sign, need, score);
    return scored < 0 ? null : { score, scored };
  }
  const answered = new Uint32Array(n);
  for (let start = 0; start < n; start += SCORE_BLOCK) {
    const end = Math.min(n, start + SCORE_BLOCK);
    let whole = true;
    for (let j = 0; j < arrays.length; j++) {
      const values = arrays[j]!;
      const min = scoring.min[j]!;
      const max = scoring.max[j]!;
      const flip = scoring.flip[j]!;
      const sign = scoring.sign[j]!;
      for (let r = start; r < end; r++) {
        const v = values[r]!;
        if (v === v) {
          if (v < min || v > max) return null;
          if (Math.floor(v) !== v) whole = false;
          score[r] = score[r]! + (flip + sign * v);
          answered[r] = answered[r]! + 1;
        }
      }
    }
    sums?.add(start, end, whole, answered);
  }
  let scored = 0;
  for (let r = 0; r < n; r++) {
    const k = answered[r]!;
    if (k >= need && k > 0) {
      score[r] = score[r]! / k;
      scored++;
    } else score[r] = Number.NaN;
  }
  return { score, scored };
}

/**
 * Scale scores: the mean of a scale's items per person and wave, reverse-keyed items scored as
 * min + max − x of their range, and missing when fewer than `minAnswered` (default half) of the
 * items were answered. Item columns are read through the boundary: numbers, numeric text,
 * full-width digits and the instrument's answer labels (「そう思う」 = 5) are answers; blanks and
 * missing markers are no answer; any other text, or a number outside the item's range, is a
 * KoeError naming the column — never a silent gap. Each scale's Cronbach's alpha and omega are
 * reported beside the scores; when they cannot be computed, `warnings` says which and why.
 * @example
 * const { table: scored, reliability, warnings } = scoreScales(respondents, careerSurveyInstrument);
 * scored.array("engagement_pre").slice(0, 3) // => [1.8, 3.7, 2.8]
 * reliability[0] // => { scale: "engagement", wave: "pre", items: 10, alpha: 0.961, omega: 0.961 }
 * warnings // => []
 */
export function scoreScales(table: Table, instrument: Instrument, options: ScoreScalesOptions = {}): ScoredScales {
  const fn = "scoreScales";
  requireTable(fn, table);
  if (!Instrument.safeParse(instrument).success) throw KoeArgumentError.of(bm.badOption, { fn, key: "instrument", value: instrument, detail: "an instrument is needed (see careerSurveyInstrument, Instrument.parse)", detailJa: "調査票（instrument）が必要です（careerSurveyInstrument や Instrument.parse を参照）" });
  const o = parseOptions(fn, ScoreScalesOptions, options);
  const t = table.isFiltered() || table.isOrdered() ? table.reify() : table;
  const n = t.numRows();
  const labels = instrument.likertLabels ?? DEFAULT_LIKERT_LABELS;
  const markers = o.missing === undefined ? {} : { missing: o.missing };
  const waves = instrument.waves.length > 0 ? instrument.waves.map((w) => w.id) : [null];
  const added: Record<string, Float64Array> = {};
  const scores: ScoredScales["scores"] = [];
  const rel: ScaleReliability[] = [];
  const warnings: KoeWarning[] = [];
  const own = new Set(t.columnNames());
  for (const scale of instrument.scales) {
    const items = instrument.items.filter((i) => i.scale === scale.id);
    for (const wave of waves) {
      const names = items.map((i) => itemColumn(i.id, wave ?? undefined));
      const found = names.map((c) => findColumn(fn, t, own, c));
      const lacking = names.filter((_, j) => found[j] === null);
      if (lacking.length === names.length) continue; // this wave of this scale is not in the table
      if (lacking.length > 0) throw KoeArgumentError.of(am.scaleLacksColumns, { fn, scale: scale.id, wave, missing: lacking });
      const columns = found as string[];
      const need = Math.ceil(o.minAnswered * items.length - 1e-9);
      const range: [number, number] = [Math.min(...items.map((i) => i.min)), Math.max(...items.map((i) => i.max))];
      const flips = items.map((i) => (i.reverse ? range[0] + range[1] : null));
      const spans = items.map((i) => [i.min, i.max] as const);
      const score = (arrays: Float64Array[]) => {
        const sums = o.reliability ? new ItemMomentSums(arrays, flips, spans) : null;
        const scored = scoreRows(n, arrays, items, need, sums);
        return scored && { ...scored, sums };
      };
      // Typed item columns (as the readers make them) and plain arrays of numbers are scored as
      // they are; anything else, or an answer out of range, goes through the validating path.
      const given = columns.map((c, j) => {
        const raw = columnValues(t, c, fn);
        return raw instanceof Float64Array ? raw : Array.isArray(raw) ? numbersInRange(raw, items[j]!.min, items[j]!.max) : null;
      });
      const fast = given.every((a) => a !== null) ? score(given as Float64Array[]) : null;
      const { score: values, scored, sums: gathered } = fast ?? score(columns.map((c, j) => {
        const { min, max } = items[j]!;
        const answers = numericColumn(fn, t, c, { option: "instrument", labels, ...markers }).values;
        for (let r = 0; r < answers.length; r++) {
          const v = answers[r]!;
          if (v === v && (v < min || v > max)) throw KoeArgumentError.of(bm.outOfRange, { fn, column: c, value: v, row: r + 1, min, max });
        }
        return answers instanceof Float64Array ? answers : Float64Array.from(answers);
      }))!;
      const column = wave ? `${scale.id}_${wave}` : scale.id;
      added[column] = values;
      scores.push({ scale: scale.id, wave, column, items: columns, scored, missing: n - scored });
      if (n - scored > 0) warnings.push(warningOf(am.unscored, { fn, scale: scale.id, wave, column, rows: n - scored, total: n, minAnswered: o.minAnswered }));
      if (o.reliability) {
        const moments = gathered!.result();
        const sums = (): ItemMoments => {
          const twice = columns.find((c, j) => columns.indexOf(c) !== j);
          if (twice !== undefined) throw KoeArgumentError.of(am.itemTwice, { fn: "cronbachAlpha", column: twice });
          return moments;
        };
        const attempt = <R extends { warnings: KoeWarning[] }>(run: () => R, relay: boolean): R | null => {
          try {
            const r = run();
            if (relay) for (const w of r.warnings) warnings.push(warningOf(am.reliabilityWarning, { fn, scale: scale.id, wave, warning: w.localized.en, warningJa: w.localized.ja }));
            return r;
          } catch (e) {
            if (!(e instanceof KoeError)) throw e;
            warnings.push(warningOf(am.noReliability, { fn, scale: scale.id, wave, reason: e.localized.en, reasonJa: e.localized.ja }));
            return null;
          }
        };
        const alpha = attempt(() => alphaFromMoments(columns, sums(), "pairwise"), true)?.alpha ?? null;
        const omega = columns.length >= 3 ? (attempt(() => omegaFromMoments(columns, sums()), false)?.estimate ?? null) : null;
        rel.push({ scale: scale.id, wave, items: columns.length, alpha, omega });
      }
    }
  }
  return { table: t.assign(added), scores, reliability: rel, warnings };
}
