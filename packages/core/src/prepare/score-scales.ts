import { KoeArgumentError } from "../errors/errors.js";
import type { Table } from "../model/table.js";
import { cronbachAlpha, mcdonaldsOmega } from "../analyze/reliability.js";
import { columnValues } from "../analyze/column-values.js";
import { itemColumn, type Instrument } from "../model/instrument.js";

export interface ScaleReliability {
  scale: string;
  wave: string | null;
  items: number;
  alpha: number | null;
  omega: number | null;
}

export interface ScoredScales {
  /** The input table with one score column per scale and wave (`engagement_pre`, …; NaN where too few items were answered). */
  table: Table;
  /** The score columns added, by scale and wave. */
  scores: { scale: string; wave: string | null; column: string; items: string[]; scored: number; missing: number }[];
  reliability: ScaleReliability[];
}

/**
 * Scale scores: the mean of a scale's items per person and wave, reverse-keyed items scored as
 * min + max − x of their range, and missing when fewer than `minAnswered` (default half) of the
 * items were answered. Each scale's Cronbach's alpha and omega are reported beside the scores.
 * @example
 * const { table: scored, reliability } = scoreScales(respondents, careerSurveyInstrument);
 * scored.array("engagement_pre") // => Float64Array [3.2, 2.9, …]
 */
export function scoreScales(table: Table, instrument: Instrument, { minAnswered = 0.5, reliability = true }: { minAnswered?: number; reliability?: boolean } = {}): ScoredScales {
  if (!(minAnswered > 0 && minAnswered <= 1)) throw new KoeArgumentError(`scoreScales: minAnswered must be a share in (0, 1] (got ${minAnswered})`);
  const t = table.isFiltered() || table.isOrdered() ? table.reify() : table;
  const n = t.numRows();
  const waves = instrument.waves.length > 0 ? instrument.waves.map((w) => w.id) : [null];
  const added: Record<string, Float64Array> = {};
  const scores: ScoredScales["scores"] = [];
  const rel: ScaleReliability[] = [];
  for (const scale of instrument.scales) {
    const items = instrument.items.filter((i) => i.scale === scale.id);
    for (const wave of waves) {
      const columns = items.map((i) => itemColumn(i.id, wave ?? undefined));
      const missingCols = columns.filter((c) => !t.columnNames().includes(c));
      if (missingCols.length === columns.length) continue; // this wave of this scale is not in the table
      if (missingCols.length > 0) throw new KoeArgumentError(`scoreScales: scale "${scale.id}"${wave ? ` (${wave})` : ""} lacks columns ${missingCols.join(", ")}`);
      const arrays = columns.map((c) => columnValues(t, c));
      const score = new Float64Array(n);
      const need = Math.ceil(minAnswered * items.length - 1e-9);
      let scored = 0;
      for (let r = 0; r < n; r++) {
        let s = 0;
        let k = 0;
        items.forEach((item, j) => {
          const v = arrays[j]![r];
          if (typeof v === "number" && !Number.isNaN(v)) {
            s += item.reverse ? item.min + item.max - v : v;
            k++;
          }
        });
        score[r] = k >= need && k > 0 ? s / k : Number.NaN;
        if (k >= need && k > 0) scored++;
      }
      const column = wave ? `${scale.id}_${wave}` : scale.id;
      added[column] = score;
      scores.push({ scale: scale.id, wave, column, items: columns, scored, missing: n - scored });
      if (reliability) {
        const reverse = items.filter((i) => i.reverse).map((i) => itemColumn(i.id, wave ?? undefined));
        const range: [number, number] = [Math.min(...items.map((i) => i.min)), Math.max(...items.map((i) => i.max))];
        let alpha: number | null = null;
        let omega: number | null = null;
        try {
          alpha = cronbachAlpha(t, { items: columns, reverse, range }).alpha;
          omega = columns.length >= 3 ? mcdonaldsOmega(t, { items: columns, reverse, range }).estimate : null;
        } catch {
          // Too few answers for reliability: reported as null, the scores stand.
        }
        rel.push({ scale: scale.id, wave, items: columns.length, alpha, omega });
      }
    }
  }
  return { table: t.assign(added), scores, reliability: rel };
}
