// How initiativeReport reads a ratings table, once, through the input boundary: every column it
// needs (segments, initiative, company, effective, outcome, reason, wave) as codes, the rows of the
// waves it uses that are complete, each rating once, and effective agreeing with the outcome.
import { requireDistinct, resolveColumn } from "../../boundary/columns.js";
import { binaryColumn, MISSING_BINARY, numericColumn, segmentColumn, type SegmentColumn } from "../../boundary/roles.js";
import { boundaryMessages } from "../../errors/boundary-messages.js";
import type { KoeWarning } from "../../errors/catalogue.js";
import { KoeArgumentError } from "../../errors/errors.js";
import { initiativeMessages as m } from "../../errors/initiative-messages.js";
import { initiativeOutcomeTypes as OUTCOMES } from "../../model/segments.js";
import type { Table } from "../../model/table.js";
import type { Vocabulary } from "../../model/vocabulary.js";
import { reasonColumn } from "./outcomes.js";
import { completeRows, initiativeColumn, selectWave } from "./ratings-input.js";

export interface ReportInputOptions {
  row: string;
  column: string;
  initiative: string;
  effective: string;
  outcome: string;
  reason?: string | undefined;
  company: string;
  wave?: number | undefined;
  waveColumn?: string | undefined;
  waves?: number[] | undefined;
  catalogue?: Vocabulary | undefined;
  missing?: string[] | undefined;
}

/** The ratings as the report uses them. */
export interface ReportRatings {
  row: SegmentColumn;
  column: SegmentColumn;
  initiative: SegmentColumn;
  company: SegmentColumn;
  /** Per row: 0 not practised, 1 practised with no effect, 2 practised and effective (-1 missing). */
  outcome: Int8Array;
  effective: Uint8Array;
  reason: SegmentColumn | null;
  /** Per row: 1 when the row is a complete rating of a wave used (each rating once). */
  keep: Uint8Array;
  /** Per row: 1 for the rows of `keep` in the wave of the matrix and outcomes. */
  inWave: Uint8Array;
  /** The wave of the matrix and outcomes; null without a wave column. */
  wave: number | null;
  /** The waves present. */
  waves: number[];
  waveColumn: string | null;
  /** The two waves compared (first, second), or null when the table has fewer than two and none were asked for. */
  compared: [number, number] | null;
  /** Per row, its wave (NaN without a wave column). */
  waveOf: Float64Array;
  /** Complete ratings used, in all the waves used. */
  rowsUsed: number;
  warnings: KoeWarning[];
}

/**
 * Reads the table for initiativeReport. A rating given twice (same wave, company, cell and
 * initiative) with the same outcome counts once; with different outcomes it is an error naming both
 * rows, as is a row whose `effective` does not say "effective" exactly when its outcome is
 * practised_effective (the matrix and the outcomes must count the same companies).
 */
export function readReportRatings(fn: string, table: Table, o: ReportInputOptions): ReportRatings {
  const missing = o.missing ? { missing: o.missing } : {};
  const why = reasonColumn(fn, table, o.reason);
  requireDistinct(fn, {
    row: resolveColumn(fn, table, o.row, "row"),
    column: resolveColumn(fn, table, o.column, "column"),
    initiative: resolveColumn(fn, table, o.initiative, "initiative"),
    effective: resolveColumn(fn, table, o.effective, "effective"),
    outcome: resolveColumn(fn, table, o.outcome, "outcome"),
    company: resolveColumn(fn, table, o.company, "company"),
    reason: why,
    ...(o.waveColumn !== undefined ? { waveColumn: resolveColumn(fn, table, o.waveColumn, "waveColumn") } : {}),
  });
  const { selection, warnings } = selectWave(fn, table, o.wave, o.waveColumn);
  let compared: [number, number] | null = null;
  if (o.waves !== undefined) {
    if (selection.column === null) throw KoeArgumentError.of(m.noWaveColumn, { fn, names: ["wave", "調査回", "回", "時点", "調査時点"] });
    const [w1, w2] = o.waves as [number, number];
    if (w1 === w2) throw KoeArgumentError.of(m.sameWaveTwice, { fn, wave: w1 });
    for (const w of [w1, w2]) if (!selection.waves.includes(w)) throw KoeArgumentError.of(boundaryMessages.unknownWave, { fn, column: selection.column, wave: w, waves: selection.waves.map(String) });
    compared = [w1, w2];
  } else if (selection.waves.length >= 2) {
    compared = [selection.waves[0]!, selection.waves[1]!];
  }
  const n = table.numRows();
  const waveOf = selection.column === null ? new Float64Array(n).fill(NaN) : Float64Array.from(numericColumn(fn, table, selection.column, { option: "waveColumn" }).values);
  const scope = Uint8Array.from(selection.keep);
  if (compared) for (let i = 0; i < n; i++) if (waveOf[i] === compared[0] || waveOf[i] === compared[1]) scope[i] = 1;

  const row = segmentColumn(fn, table, o.row, { option: "row", ...missing });
  const column = segmentColumn(fn, table, o.column, { option: "column", ...missing });
  const initiative = initiativeColumn(fn, table, o.initiative, o.catalogue, o.missing);
  const company = segmentColumn(fn, table, o.company, { option: "company", vocabulary: null, ...missing });
  const eff = binaryColumn(fn, table, o.effective, { option: "effective", ...missing });
  const out = segmentColumn(fn, table, o.outcome, { option: "outcome", vocabulary: OUTCOMES, ...missing });
  const reason = why === null ? null : segmentColumn(fn, table, why, { option: "reason", vocabulary: null, ...missing });
  const outcomeIndex = out.levels.map((l) => OUTCOMES.ids.indexOf(l as never));
  const outcome = new Int8Array(n);
  for (let i = 0; i < n; i++) outcome[i] = out.codes[i]! < 0 ? -1 : outcomeIndex[out.codes[i]!]!;

  const single = compared === null;
  const { keep } = completeRows(fn, scope, single ? selection.wave : null, [
    { column: row.column, codes: row.codes },
    { column: column.column, codes: column.codes },
    { column: initiative.column, codes: initiative.codes },
    { column: company.column, codes: company.codes },
    { column: eff.column, missing: (i) => eff.values[i] === MISSING_BINARY },
    { column: out.column, codes: outcome },
  ], warnings);

  let disagree = 0;
  let firstDisagree = 0;
  const seen = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    if (!keep[i]) continue;
    if ((eff.values[i] === 1) !== (outcome[i] === 2) && disagree++ === 0) firstDisagree = i + 1;
    const key = `${waveOf[i]}|${company.codes[i]}|${row.codes[i]}|${column.codes[i]}|${initiative.codes[i]}`;
    const before = seen.get(key);
    if (before === undefined) {
      seen.set(key, i);
      continue;
    }
    if (outcome[before] !== outcome[i]) {
      throw KoeArgumentError.of(m.conflictingRatings, {
        fn, wave: waveOf[i]!, rows: [before + 1, i + 1], company: String(company.levels[company.codes[i]!]), initiative: String(initiative.levels[initiative.codes[i]!]),
      });
    }
    keep[i] = 0; // the same rating again: counted once
  }
  if (disagree > 0) throw KoeArgumentError.of(m.effectiveDisagrees, { fn, effective: eff.column, outcome: out.column, rows: disagree, firstRow: firstDisagree });
  const inWave = new Uint8Array(n);
  let rowsUsed = 0;
  for (let i = 0; i < n; i++) {
    if (!keep[i]) continue;
    rowsUsed++;
    inWave[i] = selection.keep[i]!;
  }
  return {
    row, column, initiative, company, outcome, effective: eff.values, reason, keep, inWave,
    wave: selection.wave, waves: selection.waves, waveColumn: selection.column, compared, waveOf, rowsUsed, warnings,
  };
}
