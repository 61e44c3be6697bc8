import * as aq from "arquero";
import { z } from "zod";
import { KoeArgumentError } from "../../errors/errors.js";
import type { Table } from "../../model/table.js";
import { columnValues } from "../../analyze/column-values.js";
import { orderSegmentValues, vocabularyOfColumn } from "../../model/segment-order.js";
import { proportionInterval } from "../../stats/proportions.js";
import { createRandom } from "../../stats/random.js";
import type { TidyTable } from "../../stats/result.js";

export const TopInitiativesOptions = z.object({
  /** Segment down the matrix (default generation). */
  row: z.string().default("generation"),
  /** Segment across (default the penetration step). */
  column: z.string().default("step"),
  initiative: z.string().default("initiative"),
  /** Boolean column: the company rated the initiative effective. */
  effective: z.string().default("effective"),
  company: z.string().default("company"),
  /** How many initiatives per cell (ties at the k-th place are all shown). */
  k: z.number().int().min(1).default(3),
  /** Cells rated by fewer companies are suppressed, as any small group. */
  minCompanies: z.number().int().min(1).default(5),
  /** Rank by the number of companies rating it effective (default) or by the share of those that rated it. */
  rankBy: z.enum(["count", "share"]).default("count"),
  /** Which survey wave to use when the table has a wave column with several waves (default: the first). */
  wave: z.number().int().optional(),
  waveColumn: z.string().default("wave"),
  /** Bootstrap over companies: how often each initiative stays in its cell's top k. */
  stability: z.object({ resamples: z.number().int().min(10).default(1000), seed: z.union([z.number(), z.string()]).default(1) }).optional(),
  confLevel: z.number().gt(0).lt(1).default(0.95),
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
  rows: string[];
  columns: string[];
  cells: TopInitiativeCell[];
  suppressedCells: { row: string; column: string; ratingCompanies: number }[];
  k: number;
  minCompanies: number;
  rankBy: "count" | "share";
  wave: number | null;
  companies: number;
  /** Rating rows used (of the chosen wave, complete). */
  n: number;
  /** Rows of the chosen wave dropped for a missing segment, initiative, company or rating. */
  nMissing: number;
  /** Per cell and initiative, every rated one (not only the top k): for gaps and further study. */
  all: { row: string; column: string; initiative: string; companies: number; rated: number; ratingCompanies: number }[];
  toTable(): TidyTable;
}

/** Integer codes for the distinct values of a column, in first-seen order. */
function codes(values: ArrayLike<unknown>, keep: Uint8Array): { code: Int32Array; levels: unknown[] } {
  const map = new Map<unknown, number>();
  const code = new Int32Array(values.length).fill(-1);
  for (let i = 0; i < values.length; i++) {
    if (!keep[i]) continue;
    const v = values[i];
    let c = map.get(v);
    if (c === undefined) map.set(v, (c = map.size));
    code[i] = c;
  }
  return { code, levels: [...map.keys()] };
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

/**
 * The top-k initiatives in each cell of a segment × segment matrix (default generation × step):
 * ranked by the number of companies rating an initiative effective, then by the share of those
 * that rated it, then by id; ties at the k-th place are all kept. Cells rated by fewer than
 * `minCompanies` companies are suppressed. With `stability`, a seeded bootstrap over companies
 * says how often each listed initiative stays in its cell's top k.
 * @example
 * const { table } = await readInitiativeRatings("data/initiative_ratings.csv");
 * topInitiatives(table, { stability: { resamples: 1000, seed: 1 } }).cells[0]
 * // => { row: "young", column: "know", rank: 1, initiative: "one_on_one", companies: 22, rated: 24, share: 0.917, … }
 */
export function topInitiatives(table: Table, options: TopInitiativesOptions = {}): TopInitiativesResult {
  const parsed = TopInitiativesOptions.safeParse(options);
  if (!parsed.success) throw new KoeArgumentError(`topInitiatives: ${z.prettifyError(parsed.error)}`);
  const o = parsed.data;
  const rowV = columnValues(table, o.row, "topInitiatives");
  const colV = columnValues(table, o.column, "topInitiatives");
  const iniV = columnValues(table, o.initiative, "topInitiatives");
  const effV = columnValues(table, o.effective, "topInitiatives");
  const comV = columnValues(table, o.company, "topInitiatives");
  const n = rowV.length;
  // The wave: the one asked for, else the first of several.
  let wave: number | null = null;
  const keep = new Uint8Array(n).fill(1);
  if (table.columnNames().includes(o.waveColumn)) {
    const w = columnValues(table, o.waveColumn);
    const waves = orderSegmentValues(o.waveColumn, Array.from(w)) as number[];
    if (o.wave !== undefined && !waves.includes(o.wave)) throw new KoeArgumentError(`topInitiatives: wave ${o.wave} is not in column "${o.waveColumn}" (waves: ${waves.join(", ")})`);
    wave = o.wave ?? waves[0] ?? null;
    if (wave !== null) for (let i = 0; i < n; i++) if (w[i] !== wave) keep[i] = 0;
  } else if (o.wave !== undefined) throw new KoeArgumentError(`topInitiatives: wave ${o.wave} asked for, but there is no column "${o.waveColumn}"`);
  let nMissing = 0;
  for (let i = 0; i < n; i++) {
    if (!keep[i]) continue;
    const missing = [rowV[i], colV[i], iniV[i], comV[i]].some((v) => v === null || v === undefined || v === "") || typeof effV[i] !== "boolean";
    if (missing) {
      keep[i] = 0;
      nMissing++;
    }
  }
  // Known vocabularies: unknown values are an error that lists the known ones.
  for (const [name, values] of [[o.row, rowV], [o.column, colV]] as const) {
    const vocab = vocabularyOfColumn[name];
    if (!vocab) continue;
    for (let i = 0; i < n; i++) {
      if (keep[i] && !vocab.ids.includes(String(values[i]))) {
        throw new KoeArgumentError(`topInitiatives: "${String(values[i])}" in column "${name}" (row ${i + 1}) is not a known ${vocab.name} (known: ${vocab.ids.join(", ")})`);
      }
    }
  }
  const r = codes(rowV, keep);
  const c = codes(colV, keep);
  const ini = codes(iniV, keep);
  const com = codes(comV, keep);
  const rows = orderSegmentValues(o.row, r.levels).map(String);
  const columns = orderSegmentValues(o.column, c.levels).map(String);
  const nR = r.levels.length;
  const nC = c.levels.length;
  const nI = ini.levels.length;
  const nCo = com.levels.length;
  // Per (cell, initiative, company): 1 = rated, 2 = rated effective (any row of that company says so).
  const flags = new Uint8Array(nR * nC * nI * nCo);
  const cellRated = new Uint8Array(nR * nC * nCo);
  for (let i = 0; i < n; i++) {
    if (!keep[i]) continue;
    const cell = r.code[i]! * nC + c.code[i]!;
    const at = (cell * nI + ini.code[i]!) * nCo + com.code[i]!;
    flags[at] = Math.max(flags[at]!, effV[i] === true ? 2 : 1);
    cellRated[cell * nCo + com.code[i]!] = 1;
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
      Array.from({ length: nI }, (_, j) => ({ id: String(ini.levels[j]), companies: t.eff[cell * nI + j]!, rated: t.rated[cell * nI + j]! })).filter((e) => e.rated > 0),
      o.rankBy,
    ).filter((e) => e.rank <= o.k);
  const observed = tally(null);
  const cellIndex = (rowId: string, colId: string) => r.levels.findIndex((v) => String(v) === rowId) * nC + c.levels.findIndex((v) => String(v) === colId);
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
      for (const d of draws) weights[d]!++;
      const t = tally(weights);
      for (let cell = 0; cell < nR * nC; cell++) for (const e of topOf(t, cell)) counts.set(`${cell}|${e.id}`, (counts.get(`${cell}|${e.id}`) ?? 0) + 1);
    }
    for (const [key, v] of counts) stability.set(key, v / o.stability.resamples);
  }
  const cells: TopInitiativeCell[] = [];
  const suppressedCells: TopInitiativesResult["suppressedCells"] = [];
  const all: TopInitiativesResult["all"] = [];
  for (const rowId of rows) {
    for (const colId of columns) {
      const cell = cellIndex(rowId, colId);
      const ratingCompanies = observed.ratingCompanies[cell]!;
      for (let j = 0; j < nI; j++) {
        const rated = observed.rated[cell * nI + j]!;
        if (rated > 0) all.push({ row: rowId, column: colId, initiative: String(ini.levels[j]), companies: observed.eff[cell * nI + j]!, rated, ratingCompanies });
      }
      if (ratingCompanies < o.minCompanies) {
        suppressedCells.push({ row: rowId, column: colId, ratingCompanies });
        continue;
      }
      for (const e of topOf(observed, cell)) {
        const ci = proportionInterval(e.companies, e.rated, { confLevel: o.confLevel });
        cells.push({
          row: rowId,
          column: colId,
          rank: e.rank,
          initiative: e.id,
          companies: e.companies,
          rated: e.rated,
          share: e.companies / e.rated,
          ciLow: ci.ciLow!,
          ciHigh: ci.ciHigh!,
          tied: e.tied,
          stability: stability === null ? null : (stability.get(`${cell}|${e.id}`) ?? 0),
        });
      }
    }
  }
  const result: TopInitiativesResult = {
    method: `Top ${o.k} initiatives by ${o.rankBy === "count" ? "companies rating them effective" : "share rating them effective"}${o.stability ? `, stability from ${o.stability.resamples} company resamples` : ""}`,
    rows,
    columns,
    cells,
    suppressedCells,
    k: o.k,
    minCompanies: o.minCompanies,
    rankBy: o.rankBy,
    wave,
    companies: nCo,
    n: keep.reduce((s, v) => s + v, 0),
    nMissing,
    all,
    toTable: () => aq.from(cells),
  };
  Object.defineProperty(result, "toTable", { enumerable: false });
  return result;
}
