// How the initiative study reads a ratings table through the input boundary: the wave, segment,
// initiative, company, yes/no and outcome columns, once, as codes; then which rows are complete.
import { z } from "zod";
import { numericColumn, segmentColumn, waveSelection, type SegmentColumn, type WaveSelection } from "../../boundary/roles.js";
import { warningOf, type KoeWarning } from "../../errors/catalogue.js";
import { InsufficientDataError, KoeArgumentError, KoeError } from "../../errors/errors.js";
import { boundaryMessages } from "../../errors/boundary-messages.js";
import { initiativeMessages as m } from "../../errors/initiative-messages.js";
import { initiativeCatalogue } from "../../model/initiatives.js";
import type { Table } from "../../model/table.js";
import type { Vocabulary } from "../../model/vocabulary.js";

/** The `catalogue` option: the initiative vocabulary (koe's catalogue, or one extended with a company's own). */
export const CatalogueOption = z.custom<Vocabulary>(
  (v) => v !== null && typeof v === "object" && typeof (v as Vocabulary).resolve === "function" && Array.isArray((v as Vocabulary).ids),
  "an initiative catalogue (initiativeCatalogue or extendInitiativeCatalogue([...]))",
);

/** The `missing` option: cell texts meaning "no answer" (default "", NA, N/A, 無回答). */
export const MissingOption = z.array(z.string());

/**
 * The initiative column resolved through the catalogue (ids, Japanese and English names and the
 * spellings users type); an initiative the catalogue does not know is an error that says how to add it.
 */
export function initiativeColumn(fn: string, table: Table, name: string, catalogue: Vocabulary = initiativeCatalogue, missing?: readonly string[]): SegmentColumn {
  try {
    return segmentColumn(fn, table, name, { option: "initiative", vocabulary: catalogue, ...(missing ? { missing } : {}) });
  } catch (e) {
    if (e instanceof KoeError && e.code === boundaryMessages.unknownSegmentValue.code) {
      const p = e.params as { column: string; values: { value: string; rows: number; firstRow: number }[] };
      throw KoeArgumentError.of(m.unknownInitiative, { fn, column: p.column, values: p.values, known: [...catalogue.ids], knownJa: catalogue.terms.map((t) => t.ja) });
    }
    throw e;
  }
}

/** The wave used, with a warning when the table holds several and none was chosen (never pooled). */
export function selectWave(fn: string, table: Table, wave: number | undefined, waveColumn: string | undefined): { selection: WaveSelection; warnings: KoeWarning[] } {
  const selection = waveSelection(fn, table, { wave, waveColumn });
  const warnings: KoeWarning[] = [];
  if (selection.column !== null) warnings.push(...rowsWithoutWave(fn, table, selection.column));
  if (wave === undefined && selection.column !== null && selection.waves.length > 1) {
    warnings.push(warningOf(m.firstWaveUsed, { fn, column: selection.column, waves: selection.waves, wave: selection.wave! }));
  }
  return { selection, warnings };
}

/** A warning for rows whose wave is blank: they belong to no wave, so no wave's analysis counts them. */
export function rowsWithoutWave(fn: string, table: Table, column: string): KoeWarning[] {
  const values = numericColumn(fn, table, column, { option: "waveColumn" }).values;
  let rows = 0;
  let firstRow = 0;
  for (let i = 0; i < values.length; i++) {
    if (values[i] === values[i]) continue;
    if (rows++ === 0) firstRow = i + 1;
  }
  return rows === 0 ? [] : [warningOf(m.rowsWithoutWave, { fn, column, rows, firstRow })];
}

/**
 * A column's per-row "is missing" test, under the name the table gives it: a function, or the
 * column's codes (missing where negative), which are checked column by column in one tight loop.
 * `nMissing`, when known, is the count of missing rows in the whole column: 0 skips the column's pass.
 */
export type Part = ({ column: string; missing: (i: number) => boolean } | { column: string; codes: ArrayLike<number> }) & { nMissing?: number };

/**
 * Keeps the rows of the wave used that have every part; counts what was left out per column and
 * says so in a warning. None complete is an {@link InsufficientDataError} naming the columns.
 */
export function completeRows(fn: string, waveKeep: Uint8Array, wave: number | null, parts: readonly Part[], warnings: KoeWarning[]): { keep: Uint8Array; n: number; nMissing: number } {
  const keep = waveKeep.slice();
  const gone = new Uint8Array(keep.length);
  const perPart = new Array<number>(parts.length).fill(0);
  let anyGone = false;
  for (let j = 0; j < parts.length; j++) {
    const part = parts[j]!;
    let count = 0;
    if (part.nMissing === 0) continue;
    if ("codes" in part) {
      const codes = part.codes;
      for (let i = 0; i < keep.length; i++) {
        if (keep[i] && codes[i]! < 0) {
          count++;
          gone[i] = 1;
        }
      }
    } else {
      for (let i = 0; i < keep.length; i++) {
        if (keep[i] && part.missing(i)) {
          count++;
          gone[i] = 1;
        }
      }
    }
    perPart[j] = count;
    if (count > 0) anyGone = true;
  }
  let rows = 0;
  let nMissing = 0;
  if (anyGone) {
    for (let i = 0; i < keep.length; i++) {
      if (!keep[i]) continue;
      rows++;
      if (gone[i]) {
        keep[i] = 0;
        nMissing++;
      }
    }
  } else for (let i = 0; i < keep.length; i++) rows += keep[i]!;
  const missing = parts.map((p, j) => ({ column: p.column, rows: perPart[j]! })).filter((x) => x.rows > 0);
  if (rows - nMissing === 0) {
    const localized = { en: m.noCompleteRows.en({ fn, wave, rows, missing }), ja: m.noCompleteRows.ja({ fn, wave, rows, missing }) };
    throw new InsufficientDataError(fn, 1, 0, missing[0]?.column ?? null, localized);
  }
  if (nMissing > 0) warnings.push(warningOf(m.rowsLeftOut, { fn, wave, dropped: nMissing, rows, missing }));
  return { keep, n: rows - nMissing, nMissing };
}

/**
 * Codes of a segment renumbered over the rows kept, in the segment's natural order, so that levels
 * present only in rows left out (another wave, a missing value) do not appear. With `kept` (the
 * number of rows kept, by {@link completeRows} with this segment among its parts) equal to every row,
 * nothing is left out: the segment's own codes and levels are returned as they are.
 */
export function compact(seg: SegmentColumn, keep: Uint8Array, kept?: number): { code: Int32Array; levels: unknown[] } {
  if (kept === keep.length) return { code: seg.codes, levels: seg.levels };
  const used = new Uint8Array(seg.levels.length);
  for (let i = 0; i < keep.length; i++) if (keep[i]) used[seg.codes[i]!] = 1;
  const to = new Int32Array(seg.levels.length).fill(-1);
  const levels: unknown[] = [];
  for (let j = 0; j < seg.levels.length; j++) if (used[j]) to[j] = levels.push(seg.levels[j]) - 1;
  const code = new Int32Array(keep.length).fill(-1);
  for (let i = 0; i < keep.length; i++) if (keep[i]) code[i] = to[seg.codes[i]!]!;
  return { code, levels };
}

/** Where a value in a message comes from: a short description of what was passed. */
export function describeValue(v: unknown): string {
  return v === null ? "null" : v === undefined ? "undefined" : Array.isArray(v) ? "an array" : typeof v === "object" ? "an object" : `${typeof v} ${JSON.stringify(v)}`;
}
