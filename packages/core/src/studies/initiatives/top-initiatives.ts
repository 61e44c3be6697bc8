import * as aq from "arquero";
import { z } from "zod";
import { requireDistinct, requireTable, resolveColumn } from "../../boundary/columns.js";
import { parseOptions } from "../../boundary/options.js";
import { binaryColumn, MISSING_BINARY, segmentColumn } from "../../boundary/roles.js";
import type { KoeWarning } from "../../errors/catalogue.js";
import type { Table } from "../../model/table.js";
import { proportionInterval } from "../../stats/proportions.js";
import { createRandom } from "../../stats/random.js";
import type { TidyTable } from "../../stats/result.js";
import { CatalogueOption, compact, completeRows, initiativeColumn, MissingOption, selectWave } from "./ratings-input.js";

export const TopInitiativesOptions = z.object({
  /** Segment down the matrix (default generation; 若手/中堅/シニア and other labels resolve to ids). */
  row: z.string().default("generation"),
  /** Segment across (default the penetration step; 知る/理解を深める/… resolve to ids). */
  column: z.string().default("step"),
  /** Initiative column, resolved through `catalogue` (Japanese names such as キャリア1on1 too). Default "initiative". */
  initiative: z.string().default("initiative"),
  /** Yes/no column: the company rated the initiative effective (booleans, 1/0, はい/いいえ, 効果あり/効果なし …). Default "effective". */
  effective: z.string().default("effective"),
  /** Company column (text or numbers). Default "company". */
  company: z.string().default("company"),
  /** How many initiatives per cell (ties at the k-th place are all shown). Default 3. */
  k: z.number().int().min(1).default(3),
  /** Cells rated by fewer companies are suppressed, as any small group. Default 5. */
  minCompanies: z.number().int().min(1).default(5),
  /** Rank by the number of companies rating it effective (default "count") or by the share of those that rated it ("share"). */
  rankBy: z.enum(["count", "share"]).default("count"),
  /** Which survey wave to use; with several waves and none chosen, the first is used and a warning says so (never pooled). */
  wave: z.number().int().optional(),
  /** The wave column (default: the column named wave, 調査回, 回, 時点 or 調査時点, if any). */
  waveColumn: z.string().optional(),
  /** Bootstrap over companies: how often each initiative stays in its cell's top k (defaults: 1000 resamples, seed 1). */
  stability: z.object({ resamples: z.number().int().min(10).default(1000), seed: z.union([z.number(), z.string()]).default(1) }).optional(),
  /** Confidence level of the share's Wilson interval. Default 0.95. */
  confLevel: z.number().gt(0).lt(1).default(0.95),
  /** The initiative vocabulary (default koe's catalogue; extend it with extendInitiativeCatalogue). */
  catalogue: CatalogueOption.optional(),
  /** Cell texts meaning "no answer" (default "", NA, N/A, 無回答). */
  missing: MissingOption.optional(),
});
export type TopInitiativesOptions = z.input<typeof TopInitiativesOptions>;

export interface TopInitiativeCell {
  row: string;
  column: string;
  rank: number;
  initiative: string;
  /** Companies rating it effective in this cell. */
  companies: number;
  /** Companies that rated it in this cell. */
  rated: number;
  share: number;
  ciLow: number;
  ciHigh: number;
  /** Shares its rank with another initiative. */
  tied: boolean;
  /** Share of bootstrap resamples (over companies) in which it stays in the top k; null without `stability`. */
  stability: number | null;
}

export interface TopInitiativesResult {
  method: string;
  /** Row ids present (e.g. young, mid, senior), in natural order. */
  rows: string[];
  /** Column ids present (e.g. know … practice), in natural order. */
  columns: string[];
  cells: TopInitiativeCell[];
  /** Cells rated by fewer than `minCompanies` companies: where they are, and nothing else (not even how many companies rated them). */
  suppressedCells: { row: string; column: string }[];
  k: number;
  minCompanies: number;
  rankBy: "count" | "share";
  /** The wave used; null when the table has no wave column. */
  wave: number | null;
  /** The waves present in the table's wave column (empty without one). */
  waves: number[];
  /** The table's wave column (found under any of its names), or null. */
  waveColumn: string | null;
  companies: number;
  /** Rating rows used (of the chosen wave, complete). */
  n: number;
  /** Rows of the chosen wave dropped for a missing segment, initiative, company or rating. */
  nMissing: number;
  /** Per published cell (not suppressed) and initiative, every rated one (not only the top k): for gaps and further study. */
  all: { row: string; column: string; initiative: string; companies: number; rated: number; ratingCompanies: number }[];
  /** What the reader should know: the wave chosen among several, rows left out for missing values. */
  warnings: KoeWarning[];
  toTable(): TidyTable;
}

/** Ranks (1 = best; equal keys share the best rank) by companies then share (or share then companies), ties broken by id only for order. */
function rankCell(
  entries: { id: string; companies: number; rated: number }[],
  rankBy: "count" | "share",
): { id: string; companies: number; rated: number; rank: number; tied: boolean }[] {
  const share = (e: { companies: number; rated: number }) => (e.rated === 0 ? 0 : e.companies / e.rated);
  const key = (e: { companies: number; rated: number }): [number, number] => (rankBy === "count" ? [e.companies, share(e)] : [share(e), e.companies]);
  const sorted = [...entries].sort((a, b) => {
    const [a1, a2] = key(a);
    const [b1, b2] = key(b);
    return b1 - a1 || b2 - a2 || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  });
  const out: { id: string; companies: number; rated: number; rank: number; tied: boolean }[] = [];
  sorted.forEach((e, i) => {
    const prev = out[i - 1];
    const same = prev !== undefined && key(prev)[0] === key(e)[0] && key(prev)[1] === key(e)[1];
    out.push({ ...e, rank: same ? prev.rank : i + 1, tied: false });
    if (same) {
      prev.tied = true;
      out[i]!.tied = true;
    }
  });
  return out;
}

/** The codes of one column over the rows kept (see {@link compact}). */
type Codes = ReturnType<typeof compact>;

/** One cell of the matrix as computed, before any suppression: every rated initiative and the top k. */
export interface MatrixCell {
  row: string;
  column: string;
  /** Companies rating anything in the cell. */
  ratingCompanies: number;
  /** Every initiative rated in the cell: companies rating it effective, companies that rated it. */
  entries: { initiative: string; companies: number; rated: number }[];
  /** The top k (ties at the k-th place kept) among the initiatives at least `minEffective` companies rated effective. */
  top: TopInitiativeCell[];
}

/**
 * The matrix from the codes of rows already read and checked (the shared core of topInitiatives and
 * initiativeReport): per cell, the companies rating each initiative effective and rating it at all,
 * the top k with Wilson intervals, and with `stability` a seeded bootstrap over companies (in their
 * sorted order) of how often each listed initiative stays listed.
 * @internal
 */
export function _matrix(
  d: { row: Codes; column: Codes; initiative: Codes; company: Codes; effective: Uint8Array; keep: Uint8Array },
  o: { k: number; rankBy: "count" | "share"; confLevel: number; minEffective: number; stability?: { resamples: number; seed: number | string } },
): { rows: string[]; columns: string[]; companies: number; cells: MatrixCell[] } {
  const rows = d.row.levels.map(String);
  const columns = d.column.levels.map(String);
  const nR = rows.length;
  const nC = columns.length;
  const nI = d.initiative.levels.length;
  const nCo = d.company.levels.length;
  // Per (cell, initiative, company): 1 = rated, 2 = rated effective (any row of that company says so).
  const flags = new Uint8Array(nR * nC * nI * nCo);
  const cellRated = new Uint8Array(nR * nC * nCo);
  for (let i = 0; i < d.keep.length; i++) {
    if (!d.keep[i]) continue;
    const cell = d.row.code[i]! * nC + d.column.code[i]!;
    const at = (cell * nI + d.initiative.code[i]!) * nCo + d.company.code[i]!;
    flags[at] = Math.max(flags[at]!, d.effective[i] === 1 ? 2 : 1);
    cellRated[cell * nCo + d.company.code[i]!] = 1;
  }
  const tally = (weights: Float64Array | null) => {
    const eff = new Float64Array(nR * nC * nI);
    const rated = new Float64Array(nR * nC * nI);
    const ratingCompanies = new Float64Array(nR * nC);
    for (let g = 0; g < nR * nC * nI; g++) {
      let e = 0;
      let t = 0;
      const base = g * nCo;
      for (let k = 0; k < nCo; k++) {
        const f = flags[base + k]!;
        if (f === 0) continue;
        const w = weights === null ? 1 : weights[k]!;
        t += w;
        if (f === 2) e += w;
      }
      eff[g] = e;
      rated[g] = t;
    }
    for (let cell = 0; cell < nR * nC; cell++) {
      let s = 0;
      for (let k = 0; k < nCo; k++) if (cellRated[cell * nCo + k]) s += weights === null ? 1 : weights[k]!;
      ratingCompanies[cell] = s;
    }
    return { eff, rated, ratingCompanies };
  };
  const topOf = (t: ReturnType<typeof tally>, cell: number) =>
    rankCell(
      Array.from({ length: nI }, (_, j) => ({ id: String(d.initiative.levels[j]), companies: t.eff[cell * nI + j]!, rated: t.rated[cell * nI + j]! }))
        .filter((e) => e.rated > 0 && e.companies >= o.minEffective),
      o.rankBy,
    ).filter((e) => e.rank <= o.k);
  const observed = tally(null);
  let stability: Map<string, number> | null = null;
  if (o.stability) {
    stability = new Map();
    const random = createRandom(o.stability.seed);
    const draws = new Int32Array(nCo);
    const weights = new Float64Array(nCo);
    const counts = new Map<string, number>();
    for (let b = 0; b < o.stability.resamples; b++) {
      random.fillInts(draws, nCo);
      weights.fill(0);
      for (const x of draws) weights[x]!++;
      const t = tally(weights);
      for (let cell = 0; cell < nR * nC; cell++) for (const e of topOf(t, cell)) counts.set(`${cell}|${e.id}`, (counts.get(`${cell}|${e.id}`) ?? 0) + 1);
    }
    for (const [key, v] of counts) stability.set(key, v / o.stability.resamples);
  }
  const cells: MatrixCell[] = [];
  for (let ri = 0; ri < nR; ri++) {
    for (let ci = 0; ci < nC; ci++) {
      const row = rows[ri]!;
      const column = columns[ci]!;
      const cell = ri * nC + ci;
      const entries: MatrixCell["entries"] = [];
      for (let j = 0; j < nI; j++) {
        const rated = observed.rated[cell * nI + j]!;
        if (rated > 0) entries.push({ initiative: String(d.initiative.levels[j]), companies: observed.eff[cell * nI + j]!, rated });
      }
      const top = topOf(observed, cell).map((e): TopInitiativeCell => {
        const interval = proportionInterval(e.companies, e.rated, { confLevel: o.confLevel });
        return {
          row, column, rank: e.rank, initiative: e.id, companies: e.companies, rated: e.rated, share: e.companies / e.rated,
          ciLow: interval.ciLow!, ciHigh: interval.ciHigh!, tied: e.tied,
          stability: stability === null ? null : (stability.get(`${cell}|${e.id}`) ?? 0),
        };
      });
      cells.push({ row, column, ratingCompanies: observed.ratingCompanies[cell]!, entries, top });
    }
  }
  return { rows, columns, companies: nCo, cells };
}

/**
 * The top-k initiatives in each cell of a segment × segment matrix (default generation × step):
 * ranked by the number of companies rating an initiative effective, then by the share of those
 * that rated it, then by id; ties at the k-th place are all kept. Cells rated by fewer than
 * `minCompanies` companies are suppressed. With `stability`, a seeded bootstrap over companies
 * (in the companies' sorted order, so row order does not matter) says how often each listed
 * initiative stays in its cell's top k.
 *
 * Inputs are read through koe's input boundary: `effective` may be booleans, 1/0, "1"/"0",
 * true/false, はい/いいえ or 効果あり/効果なし; segments, steps and initiatives may be ids or their
 * Japanese/English labels (若手, 知る, キャリア1on1 …) and results use the ids in natural order; the
 * wave column is found under any of its names (wave, 調査回, 回 …) and one wave is used, never
 * pooled (the first of several, with a warning, unless `wave` is given). Any other value, an unknown
 * option or a missing column is a {@link KoeArgumentError} naming it.
 * @example
 * const { table } = await readInitiativeRatings("data/initiative_ratings.csv");
 * topInitiatives(table, { stability: { resamples: 1000, seed: 1 } }).cells[0]
 * // => { row: "young", column: "know", rank: 1, initiative: "career_training", companies: 22, rated: 24, share: 0.917, ciLow: 0.742, ciHigh: 0.977, tied: false, stability: 1 }
 * topInitiatives(table, { minCompanys: 30 }) // throws: unknown option "minCompanys"; did you mean "minCompanies"?
 * @throws {KoeArgumentError} for an unknown option ("did you mean"), a column that is not there, or a value its role cannot take
 * @throws {InsufficientDataError} when no row of the wave used is complete
 */
export function topInitiatives(table: Table, options: TopInitiativesOptions = {}): TopInitiativesResult {
  const fn = "topInitiatives";
  requireTable(fn, table);
  const o = parseOptions(fn, TopInitiativesOptions, options);
  const missing = o.missing ? { missing: o.missing } : {};
  requireDistinct(fn, {
    row: resolveColumn(fn, table, o.row, "row"),
    column: resolveColumn(fn, table, o.column, "column"),
    initiative: resolveColumn(fn, table, o.initiative, "initiative"),
    effective: resolveColumn(fn, table, o.effective, "effective"),
    company: resolveColumn(fn, table, o.company, "company"),
  });
  const { selection, warnings } = selectWave(fn, table, o.wave, o.waveColumn);
  const rowS = segmentColumn(fn, table, o.row, { option: "row", ...missing });
  const colS = segmentColumn(fn, table, o.column, { option: "column", ...missing });
  const iniS = initiativeColumn(fn, table, o.initiative, o.catalogue, o.missing);
  const comS = segmentColumn(fn, table, o.company, { option: "company", vocabulary: null, ...missing });
  const effB = binaryColumn(fn, table, o.effective, { option: "effective", ...missing });
  const effV = effB.values;
  const { keep, n: used, nMissing } = completeRows(fn, selection.keep, selection.wave, [
    { column: rowS.column, missing: (i) => rowS.codes[i]! < 0 },
    { column: colS.column, missing: (i) => colS.codes[i]! < 0 },
    { column: iniS.column, missing: (i) => iniS.codes[i]! < 0 },
    { column: comS.column, missing: (i) => comS.codes[i]! < 0 },
    { column: effB.column, missing: (i) => effV[i] === MISSING_BINARY },
  ], warnings);
  const m = _matrix({ row: compact(rowS, keep), column: compact(colS, keep), initiative: compact(iniS, keep), company: compact(comS, keep), effective: effV, keep }, {
    k: o.k, rankBy: o.rankBy, confLevel: o.confLevel, minEffective: 0, ...(o.stability ? { stability: o.stability } : {}),
  });
  const { rows, columns } = m;
  const cells: TopInitiativeCell[] = [];
  const suppressedCells: TopInitiativesResult["suppressedCells"] = [];
  const all: TopInitiativesResult["all"] = [];
  for (const cell of m.cells) {
    // A cell below the minimum shows nothing: not its ratings, not its count of rating companies.
    if (cell.ratingCompanies < o.minCompanies) {
      suppressedCells.push({ row: cell.row, column: cell.column });
      continue;
    }
    for (const e of cell.entries) all.push({ row: cell.row, column: cell.column, initiative: e.initiative, companies: e.companies, rated: e.rated, ratingCompanies: cell.ratingCompanies });
    cells.push(...cell.top);
  }
  const nCo = m.companies;
  const result: TopInitiativesResult = {
    method: `Top ${o.k} initiatives by ${o.rankBy === "count" ? "companies rating them effective" : "share rating them effective"}${o.stability ? `, stability from ${o.stability.resamples} company resamples` : ""}`,
    rows,
    columns,
    cells,
    suppressedCells,
    k: o.k,
    minCompanies: o.minCompanies,
    rankBy: o.rankBy,
    wave: selection.wave,
    waves: selection.waves,
    waveColumn: selection.column,
    companies: nCo,
    n: used,
    nMissing,
    all,
    warnings,
    toTable: () => aq.from(cells),
  };
  Object.defineProperty(result, "toTable", { enumerable: false });
  return result;
}
