import * as aq from "arquero";
import { z } from "zod";
import { parseOptions } from "../../boundary/options.js";
import { KoeArgumentError } from "../../errors/errors.js";
import { initiativeMessages as m } from "../../errors/initiative-messages.js";
import type { TidyTable } from "../../stats/result.js";
import { initiativeCatalogue } from "../../model/initiatives.js";
import { describeValue } from "./ratings-input.js";
import type { TopInitiativesResult } from "./top-initiatives.js";

/** Throws unless `result` is what topInitiatives returns (a table or a list of cells is the usual slip). */
function requireResult(fn: string, result: unknown): asserts result is TopInitiativesResult {
  const r = result as Partial<Record<keyof TopInitiativesResult, unknown>> | null;
  const ok = r !== null && typeof r === "object" && !Array.isArray(r) && ["rows", "columns", "cells", "suppressedCells", "all"].every((k) => Array.isArray(r[k as keyof TopInitiativesResult])) && typeof r.minCompanies === "number";
  if (!ok) throw KoeArgumentError.of(m.notAResult, { fn, got: describeValue(result) });
}

export interface BroadInitiative {
  initiative: string;
  /** Cells (not suppressed) in whose top k it is. */
  cells: number;
  of: number;
  /** In the top k of at least one cell of every row (e.g. every generation). */
  everyRow: boolean;
  /** In the top k of at least one cell of every column (e.g. every step). */
  everyColumn: boolean;
  /** In the top k of every cell. */
  everyCell: boolean;
}

/**
 * "Broad" initiatives: those in the top k across the matrix — in every row, every column or every
 * cell (the consortium found 1on1 supported in every generation and step). Sorted by cells.
 * @example
 * const { table } = await readInitiativeRatings("data/initiative_ratings.csv");
 * broadInitiatives(topInitiatives(table, { wave: 1 })).initiatives[0]
 * // => { initiative: "one_on_one", cells: 12, of: 12, everyRow: true, everyColumn: true, everyCell: true }
 */
export function broadInitiatives(result: TopInitiativesResult): { initiatives: BroadInitiative[]; toTable(): TidyTable } {
  requireResult("broadInitiatives", result);
  const shown = new Set(result.cells.map((c) => `${c.row}|${c.column}`));
  const ids = [...new Set(result.cells.map((c) => c.initiative))];
  const initiatives = ids
    .map((id) => {
      const mine = result.cells.filter((c) => c.initiative === id);
      return {
        initiative: id,
        cells: mine.length,
        of: shown.size,
        everyRow: result.rows.every((r) => mine.some((c) => c.row === r)),
        everyColumn: result.columns.every((col) => mine.some((c) => c.column === col)),
        everyCell: mine.length === shown.size && shown.size > 0,
      };
    })
    .filter((b) => b.everyRow || b.everyColumn)
    .sort((a, b) => b.cells - a.cells || (a.initiative < b.initiative ? -1 : 1));
  return { initiatives, toTable: () => aq.from(initiatives) };
}

export interface InitiativeGap {
  row: string;
  column: string;
  initiative: string;
  /**
   * Companies that tried (rated) it in this cell; null when fewer than `minCompanies` did (possibly
   * none): a count of 1–4 companies is a small group, and showing 0 exactly would tell a blank apart.
   */
  tried: number | null;
  /** Companies rating anything in this cell (at least `minCompanies`: suppressed cells are left out). */
  of: number;
  /** tried / of; null with `tried`. */
  share: number | null;
}

export const InitiativeGapsOptions = z.object({
  /** A cell's share of rating companies that tried the initiative below which it is a gap. Default 0.1. */
  below: z.number().min(0).max(1).default(0.1),
  /** The share it must reach in some other cell to count (tried widely elsewhere). Default 0.3. */
  elsewhere: z.number().min(0).max(1).default(0.3),
});
export type InitiativeGapsOptions = z.input<typeof InitiativeGapsOptions>;

/**
 * "Gaps": cells where an initiative is rarely even tried — the share of the cell's rating
 * companies that rated it is below `below` (default 0.1) while it is tried more widely elsewhere
 * (at least `elsewhere`, default 0.3, of companies in some other cell). The consortium found
 * mandatory training rare for people in their 30s–40s. Suppressed cells are left out, and a count
 * of companies below `minCompanies` is not shown (`tried` and `share` null, whether it is 0 or 4).
 * Gaps are listed rarest first; those without a count first, in the natural order of row, column
 * and initiative (never by their hidden size).
 * @example
 * const { table } = await readInitiativeRatings("data/initiative_ratings.csv");
 * initiativeGaps(topInitiatives(table, { wave: 1 })).gaps[0]
 * // => { row: "mid", column: "know", initiative: "mandatory_training", tried: null, of: 25, share: null }
 */
export function initiativeGaps(result: TopInitiativesResult, options: InitiativeGapsOptions = {}): { gaps: InitiativeGap[]; toTable(): TidyTable } {
  const fn = "initiativeGaps";
  requireResult(fn, result);
  const { below, elsewhere } = parseOptions(fn, InitiativeGapsOptions, options);
  const suppressed = new Set(result.suppressedCells.map((c) => `${c.row}|${c.column}`));
  const byInitiative = new Map<string, typeof result.all>();
  for (const a of result.all) {
    if (!byInitiative.has(a.initiative)) byInitiative.set(a.initiative, []);
    byInitiative.get(a.initiative)!.push(a);
  }
  const gaps: InitiativeGap[] = [];
  const cellCompanies = new Map(result.all.map((a) => [`${a.row}|${a.column}`, a.ratingCompanies]));
  for (const [initiative, rows] of byInitiative) {
    const best = Math.max(...rows.map((a) => a.rated / a.ratingCompanies));
    if (best < elsewhere) continue;
    for (const row of result.rows) for (const column of result.columns) {
      const key = `${row}|${column}`;
      if (suppressed.has(key) || !cellCompanies.has(key)) continue;
      const of = cellCompanies.get(key)!;
      const tried = rows.find((a) => a.row === row && a.column === column)?.rated ?? 0;
      if (tried / of >= below) continue;
      const shown = tried >= result.minCompanies;
      gaps.push({ row, column, initiative, tried: shown ? tried : null, of, share: shown ? tried / of : null });
    }
  }
  const place = (g: InitiativeGap) => [result.rows.indexOf(g.row), result.columns.indexOf(g.column), initiativeCatalogue.order(g.initiative)];
  gaps.sort((a, b) => (a.share ?? -1) - (b.share ?? -1) || place(a).map((x, j) => x - place(b)[j]!).find((x) => x !== 0) || (a.initiative < b.initiative ? -1 : a.initiative > b.initiative ? 1 : 0));
  return { gaps, toTable: () => aq.from(gaps) };
}
