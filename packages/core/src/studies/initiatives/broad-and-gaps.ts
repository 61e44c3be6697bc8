import * as aq from "arquero";
import type { TidyTable } from "../../stats/result.js";
import type { TopInitiativesResult } from "./top-initiatives.js";

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
 */
export function broadInitiatives(result: TopInitiativesResult): { initiatives: BroadInitiative[]; toTable(): TidyTable } {
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
  /** Companies that tried (rated) it in this cell. */
  tried: number;
  /** Companies rating anything in this cell. */
  of: number;
  share: number;
}

/**
 * "Gaps": cells where an initiative is rarely even tried — the share of the cell's rating
 * companies that rated it is below `below` (default 0.1) while it is tried more widely elsewhere
 * (at least `elsewhere`, default 0.3, of companies in some other cell). The consortium found
 * mandatory training rare for people in their 30s–40s. Suppressed cells are left out.
 */
export function initiativeGaps(result: TopInitiativesResult, { below = 0.1, elsewhere = 0.3 }: { below?: number; elsewhere?: number } = {}): { gaps: InitiativeGap[]; toTable(): TidyTable } {
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
      if (tried / of < below) gaps.push({ row, column, initiative, tried, of, share: tried / of });
    }
  }
  gaps.sort((a, b) => a.share - b.share || (a.initiative < b.initiative ? -1 : 1));
  return { gaps, toTable: () => aq.from(gaps) };
}
