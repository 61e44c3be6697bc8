import * as aq from "arquero";
import { z } from "zod";
import { requireDistinct, requireTable, resolveColumn } from "../../boundary/columns.js";
import { parseOptions } from "../../boundary/options.js";
import { binaryColumn, MISSING_BINARY, segmentColumn, type SegmentColumn } from "../../boundary/roles.js";
import { warningOf, type KoeWarning } from "../../errors/catalogue.js";
import { KoeArgumentError } from "../../errors/errors.js";
import { initiativeMessages as im } from "../../errors/initiative-messages.js";
import { knownField } from "../../model/known-fields.js";
import { initiativeOutcomeTypes as OUTCOMES } from "../../model/segments.js";
import { quantileSorted } from "../../stats/describe.js";
import type { Table } from "../../model/table.js";
import { normalQuantile } from "../../stats/distributions.js";
import { wilsonBound } from "../../stats/proportions.js";
import { createRandom } from "../../stats/random.js";
import type { TidyTable } from "../../stats/result.js";
import { CatalogueOption, compact, completeRows, initiativeColumn, MissingOption, selectWave } from "./ratings-input.js";

export const RANK_BY = ["count", "share", "shrunken"] as const;
export type RankBy = (typeof RANK_BY)[number];

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
  /** Outcome column (not_practised / practised_no_effect / practised_effective or their labels): who practised, the effect rate's denominator. Default: the column named outcome or 結果, if any. */
  outcome: z.string().optional(),
  /**
   * Rank by the number of companies rating it effective (default "count": adoption × effect, the
   * consortium's rule), by the effect rate among the companies that practised it ("share"), or by
   * that rate shrunken toward the consortium-wide rate by an empirical-Bayes beta-binomial prior ("shrunken").
   */
  rankBy: z.enum(RANK_BY).default("count"),
  /** Which survey wave to use; with several waves and none chosen, the first is used and a warning says so (never pooled). */
  wave: z.number().int().optional(),
  /** The wave column (default: the column named wave, 調査回, 回, 時点 or 調査時点, if any). */
  waveColumn: z.string().optional(),
  /**
   * Bootstrap over whole companies (all their cells together): how often each initiative stays in
   * its cell's top k (its inclusion frequency, "stability"), and percentile intervals of the effect
   * rate and the shrunken rate in place of Wilson's (defaults: 1000 resamples, seed 1).
   */
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
  /** Companies that rated it in this cell (practised or not). */
  rated: number;
  /** Companies that practised it (effective or not); equal to `rated` without an outcome column. */
  practised: number;
  /** Adoption: practised / rated; null without an outcome column. */
  adoption: number | null;
  /** The effect rate: companies rating it effective / companies that practised it ("not practised" is not in the denominator). */
  share: number;
  /** Interval of the effect rate: Wilson over companies, or with `stability` the company-bootstrap percentiles. */
  ciLow: number;
  ciHigh: number;
  /** The effect rate shrunken toward the consortium-wide rate: (companies + α) / (practised + α + β), the beta prior estimated across every cell × initiative. */
  shrunken: number;
  /** Company-bootstrap percentile interval of the shrunken rate (prior re-estimated per resample); null without `stability`. */
  shrunkenLow: number | null;
  shrunkenHigh: number | null;
  /** Shares its rank with another initiative. */
  tied: boolean;
  /**
   * Bootstrap inclusion frequency: the share of company resamples in which it stays in its cell's
   * top k (null without `stability`). Not the probability that it truly belongs in the top k. The
   * name is kept for the report's matrix table and its chart.
   */
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
  rankBy: RankBy;
  /** The intervals' method: "Wilson over companies" or "company bootstrap percentiles". */
  intervals: string;
  /** The beta prior of the shrunken rate (method of moments across cells × initiatives, see {@link betaPrior}). */
  prior: BetaPrior;
  /** The outcome column used, or null (then "practised" is unknown: see the warnings). */
  outcomeColumn: string | null;
  /** What the reader should know about the figures: the population the intervals describe, the winners' inflation, what stability is. */
  notes: KoeWarning[];
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
  all: { row: string; column: string; initiative: string; companies: number; rated: number; practised: number; shrunken: number; ratingCompanies: number }[];
  /** What the reader should know: the wave chosen among several, rows left out for missing values. */
  warnings: KoeWarning[];
  toTable(): TidyTable;
}

/** An entry of a cell to rank: companies rating it effective, that rated it, that practised it; its shrunken rate. */
interface Entry {
  id: string;
  companies: number;
  rated: number;
  practised: number;
  shrunken?: number;
}

/**
 * Ranks (1 = best; equal keys share the best rank): by companies then effect rate ("count"), effect
 * rate then companies ("share"), or shrunken rate then companies ("shrunken"); ties broken by id only
 * for order. The effect rate is companies / practised ("not practised" is not in its denominator).
 */
export function rankCell<E extends Entry>(entries: E[], rankBy: RankBy): (E & { rank: number; tied: boolean })[] {
  const rate = (e: Entry) => (e.practised === 0 ? 0 : e.companies / e.practised);
  const key = (e: Entry): [number, number] => (rankBy === "count" ? [e.companies, rate(e)] : rankBy === "share" ? [rate(e), e.companies] : [e.shrunken ?? rate(e), e.companies]);
  const sorted = entries.map((e) => ({ e, k: key(e) })).sort((a, b) => b.k[0] - a.k[0] || b.k[1] - a.k[1] || (a.e.id < b.e.id ? -1 : a.e.id > b.e.id ? 1 : 0));
  const out: (E & { rank: number; tied: boolean })[] = [];
  sorted.forEach(({ e, k }, i) => {
    const prev = sorted[i - 1];
    const same = prev !== undefined && prev.k[0] === k[0] && prev.k[1] === k[1];
    out.push({ ...e, rank: same ? out[i - 1]!.rank : i + 1, tied: false });
    if (same) {
      out[i - 1]!.tied = true;
      out[i]!.tied = true;
    }
  });
  return out;
}

/** A beta prior of effect rates: mean, intra-class correlation rho = 1 / (α + β + 1), and α, β (Infinity when rho is 0). */
export interface BetaPrior {
  alpha: number;
  beta: number;
  mean: number;
  rho: number;
  /** Rates (cell × initiative, with at least one company practising) it was estimated from. */
  rates: number;
}

/**
 * The beta prior of a set of binomial rates x_i / n_i by the method of moments corrected for
 * binomial noise (Kleinman 1973): mean μ = Σx / Σn; with S = Σ n_i (x_i/n_i − μ)², E[S] =
 * μ(1 − μ)[(k − 1) + ρ(N − Σn_i² / N)], solved for the intra-class correlation ρ and clamped to
 * [0, 1) (ρ = 0: no spread beyond binomial noise, every rate shrinks to μ); α + β = 1/ρ − 1.
 * The empirical-Bayes (beta-binomial) shrunken rate is (x + α) / (n + α + β) (Efron & Morris 1975).
 * @example
 * betaPrior([6, 7, 2, 9], [11, 10, 8, 9]).rho // => 0.2752  (R: test/studies/r/initiatives-prior.R)
 */
export function betaPrior(x: ArrayLike<number>, n: ArrayLike<number>): BetaPrior {
  let sx = 0;
  let sn = 0;
  let sn2 = 0;
  let k = 0;
  for (let i = 0; i < n.length; i++) {
    if (!(n[i]! > 0)) continue;
    sx += x[i]!;
    sn += n[i]!;
    sn2 += n[i]! * n[i]!;
    k++;
  }
  const mean = sn > 0 ? sx / sn : NaN;
  let s = 0;
  for (let i = 0; i < n.length; i++) if (n[i]! > 0) s += n[i]! * (x[i]! / n[i]! - mean) ** 2;
  const spread = sn - sn2 / sn;
  const v = mean * (1 - mean);
  let rho = k > 1 && v > 0 && spread > 0 ? (s / v - (k - 1)) / spread : 0;
  rho = Math.min(Math.max(rho, 0), 1 - 1e-9);
  const total = rho === 0 ? Infinity : 1 / rho - 1;
  return { alpha: mean * total, beta: (1 - mean) * total, mean, rho, rates: k };
}

/** The shrunken rate of x of n under a beta prior (the prior mean when the prior is a point). */
export function shrink(x: number, n: number, prior: BetaPrior): number {
  return prior.rho === 0 ? prior.mean : (x + prior.alpha) / (n + prior.alpha + prior.beta);
}

/** The codes of one column over the rows kept (see {@link compact}). */
type Codes = ReturnType<typeof compact>;

/** One cell of the matrix as computed, before any suppression: every rated initiative and the top k. */
export interface MatrixCell {
  row: string;
  column: string;
  /** Companies rating anything in the cell. */
  ratingCompanies: number;
  /** Every initiative rated in the cell: companies rating it effective, that rated it, that practised it; its shrunken rate. */
  entries: { initiative: string; companies: number; rated: number; practised: number; shrunken: number }[];
  /** The top k (ties at the k-th place kept) among the initiatives at least `minEffective` companies rated effective. */
  top: TopInitiativeCell[];
}

/**
 * The matrix from the codes of rows already read and checked (the shared core of topInitiatives and
 * initiativeReport): per cell, the companies rating each initiative effective, practising it and
 * rating it at all, the effect rate's empirical-Bayes shrinkage (one beta prior across every cell ×
 * initiative), the top k with Wilson intervals over companies; with `stability` a seeded bootstrap
 * over whole companies (in their sorted order; the prior re-estimated in each resample) of how often
 * each listed initiative stays listed, and percentile intervals in place of Wilson's.
 * `practised` per row: 1 practised, 0 not; null when unknown (every rating counts as practised).
 * @internal
 */
export function _matrix(
  d: { row: Codes; column: Codes; initiative: Codes; company: Codes; effective: Uint8Array; practised: Uint8Array | null; keep: Uint8Array },
  o: { k: number; rankBy: RankBy; confLevel: number; minEffective: number; stability?: { resamples: number; seed: number | string } },
): { rows: string[]; columns: string[]; companies: number; prior: BetaPrior; cells: MatrixCell[] } {
  const rows = d.row.levels.map(String);
  const columns = d.column.levels.map(String);
  const nR = rows.length;
  const nC = columns.length;
  const nI = d.initiative.levels.length;
  const nCo = d.company.levels.length;
  const nG = nR * nC * nI;
  // Per (cell, initiative, company): 1 = rated, not practised; 2 = practised, no effect; 3 = effective (the best any row of that company says).
  const flags = new Uint8Array(nG * nCo);
  const cellRated = new Uint8Array(nR * nC * nCo);
  // One pass over the rows, every array in a local (the loop mostly runs before it is optimised).
  const { keep, effective, practised: practisedRow } = d;
  const rowCode = d.row.code;
  const columnCode = d.column.code;
  const initiativeCode = d.initiative.code;
  const companyCode = d.company.code;
  // The observed counts are kept in the same pass, as a company's flag rises (no second pass over
  // every cell × initiative × company: in a fresh process that loop cost more than the rows).
  const eff0 = new Float64Array(nG);
  const practised0 = new Float64Array(nG);
  const rated0 = new Float64Array(nG);
  for (let i = 0; i < keep.length; i++) {
    if (keep[i] === 0) continue;
    const cell = rowCode[i]! * nC + columnCode[i]!;
    const company = companyCode[i]!;
    const g = cell * nI + initiativeCode[i]!;
    const at = g * nCo + company;
    const f = effective[i] === 1 ? 3 : practisedRow === null || practisedRow[i] === 1 ? 2 : 1;
    const was = flags[at]!;
    if (f > was) {
      flags[at] = f;
      if (was === 0) rated0[g]!++;
      if (f >= 2 && was < 2) practised0[g]!++;
      if (f === 3) eff0[g]!++;
    }
    cellRated[cell * nCo + company] = 1;
  }
  /** Effective, practised and rated companies per cell × initiative: observed, or weighted by a company resample. */
  const tally = (weights: Float64Array | null) => {
    if (weights === null) return rates(eff0, practised0, rated0);
    const eff = new Float64Array(nG);
    const practised = new Float64Array(nG);
    const rated = new Float64Array(nG);
    for (let g = 0; g < nG; g++) {
      let e = 0;
      let p = 0;
      let t = 0;
      const base = g * nCo;
      for (let k = 0; k < nCo; k++) {
        const f = flags[base + k]!;
        if (f === 0) continue;
        const w = weights[k]!;
        t += w;
        if (f >= 2) p += w;
        if (f === 3) e += w;
      }
      eff[g] = e;
      practised[g] = p;
      rated[g] = t;
    }
    return rates(eff, practised, rated);
  };
  /** The counts with the beta prior estimated from them and each shrunken rate. */
  const rates = (eff: Float64Array, practised: Float64Array, rated: Float64Array) => {
    const prior = betaPrior(eff, practised);
    const shrunken = new Float64Array(nG);
    for (let g = 0; g < nG; g++) shrunken[g] = practised[g]! > 0 ? shrink(eff[g]!, practised[g]!, prior) : NaN;
    return { eff, practised, rated, shrunken, prior };
  };
  // The cell's top k as rankCell ranks them (rank = 1 + the entries with a greater key; ties in id
  // order, the id being the initiative's index as text), from typed keys.
  const first = new Float64Array(nI);
  const second = new Float64Array(nI);
  const at = new Int32Array(nI);
  const topOf = (t: ReturnType<typeof tally>, cell: number): Ranked[] => {
    let m = 0;
    for (let j = 0; j < nI; j++) {
      const g = cell * nI + j;
      const e = t.eff[g]!;
      const p = t.practised[g]!;
      if (!(p > 0 && e >= o.minEffective)) continue;
      const rate = e / p;
      first[m] = o.rankBy === "count" ? e : o.rankBy === "share" ? rate : t.shrunken[g]!;
      second[m] = o.rankBy === "count" ? rate : e;
      at[m++] = j;
    }
    // Sorted by key, greatest first: an entry's rank is 1 + its position unless it ties the one
    // before (1 + the entries with a greater key); tied when the key before or after is the same.
    // (A sort, not a count over every pair: that loop made the engine optimise in the middle of a
    // call that runs once.)
    const byKey = Array.from({ length: m }, (_, a) => a).sort((a, b) => first[b]! - first[a]! || second[b]! - second[a]!);
    const same = (a: number, b: number | undefined) => b !== undefined && first[a] === first[b] && second[a] === second[b];
    const top: Ranked[] = [];
    let rank = 0;
    for (let q = 0; q < m; q++) {
      const a = byKey[q]!;
      const tiesBefore = same(a, byKey[q - 1]);
      if (!tiesBefore) rank = q + 1;
      if (rank > o.k) break;
      top.push({ j: at[a]!, rank, tied: tiesBefore || same(a, byKey[q + 1]) });
    }
    return top.sort((x, y) => x.rank - y.rank || (String(x.j) < String(y.j) ? -1 : 1));
  };
  const observed = tally(null);
  const observedTop = Array.from({ length: nR * nC }, (_, cell) => topOf(observed, cell));
  let stability: Float64Array | null = null;
  // Per listed (cell, initiative): the resampled effect rates and shrunken rates, for percentile intervals.
  const listed = new Map<number, { rates: number[]; shrunken: number[] }>();
  if (o.stability) {
    stability = new Float64Array(nG);
    for (const [cell, top] of observedTop.entries()) for (const e of top) listed.set(cell * nI + e.j, { rates: [], shrunken: [] });
    const random = createRandom(o.stability.seed);
    const draws = new Int32Array(nCo);
    const weights = new Float64Array(nCo);
    for (let b = 0; b < o.stability.resamples; b++) {
      random.fillInts(draws, nCo);
      weights.fill(0);
      for (const x of draws) weights[x]!++;
      const t = tally(weights);
      for (let cell = 0; cell < nR * nC; cell++) for (const e of topOf(t, cell)) stability[cell * nI + e.j]!++;
      for (const [g, r] of listed) {
        if (t.practised[g]! > 0) {
          r.rates.push(t.eff[g]! / t.practised[g]!);
          r.shrunken.push(t.shrunken[g]!);
        }
      }
    }
  }
  const percentile = (values: number[], p: number) => quantileSorted(Float64Array.from(values).sort(), p);
  const alpha = (1 - o.confLevel) / 2;
  const z = normalQuantile(1 - (1 - o.confLevel) / 2);
  const names = d.initiative.levels.map(String);
  const cells: MatrixCell[] = [];
  for (let ri = 0; ri < nR; ri++) {
    for (let ci = 0; ci < nC; ci++) {
      const row = rows[ri]!;
      const column = columns[ci]!;
      const cell = ri * nC + ci;
      const entries: MatrixCell["entries"] = [];
      for (let j = 0; j < nI; j++) {
        const g = cell * nI + j;
        if (observed.rated[g]! > 0) entries.push({ initiative: names[j]!, companies: observed.eff[g]!, rated: observed.rated[g]!, practised: observed.practised[g]!, shrunken: observed.shrunken[g]! });
      }
      const top = observedTop[cell]!.map((e): TopInitiativeCell => {
        const g = cell * nI + e.j;
        const boot = listed.get(g);
        const rates = boot !== undefined && boot.rates.length > 0 ? boot : null;
        const companies = observed.eff[g]!;
        const practised = observed.practised[g]!;
        const rated = observed.rated[g]!;
        // Wilson over companies, as proportionInterval(companies, practised): exact 0 and 1 at the edges.
        const share = companies / practised;
        return {
          row, column, rank: e.rank, initiative: names[e.j]!, companies, rated, practised,
          adoption: d.practised === null ? null : practised / rated, share,
          ciLow: rates ? percentile(rates.rates, alpha) : companies === 0 ? 0 : wilsonBound(share, practised, z, -1),
          ciHigh: rates ? percentile(rates.rates, 1 - alpha) : companies === practised ? 1 : wilsonBound(share, practised, z, 1),
          shrunken: observed.shrunken[g]!, shrunkenLow: rates ? percentile(rates.shrunken, alpha) : null, shrunkenHigh: rates ? percentile(rates.shrunken, 1 - alpha) : null,
          tied: e.tied, stability: stability === null ? null : stability[g]! / o.stability!.resamples,
        };
      });
      cells.push({ row, column, ratingCompanies: nCo === 0 ? 0 : countCell(cellRated, cell, nCo), entries, top });
    }
  }
  return { rows, columns, companies: nCo, prior: observed.prior, cells };
}

/** An initiative of a cell's top k: its index, rank and whether another shares the rank. */
interface Ranked {
  j: number;
  rank: number;
  tied: boolean;
}

/** Companies rating anything in a cell. */
function countCell(cellRated: Uint8Array, cell: number, nCo: number): number {
  let s = 0;
  for (let k = 0; k < nCo; k++) s += cellRated[cell * nCo + k]!;
  return s;
}

const RANKED: Record<RankBy, string> = {
  count: "companies rating them effective",
  share: "effect rate (effective / practised)",
  shrunken: "empirical-Bayes shrunken effect rate (beta-binomial prior, method of moments)",
};

/** The notes every matrix carries: what population its intervals describe, and the winners' inflation and what stability is. */
export function notesOf(companies: number, resamples: number | null, rates: number, k: number): KoeWarning[] {
  return [warningOf(im.topPopulation, { companies, resamples }), warningOf(im.topSelection, { cells: rates, k })];
}

/**
 * Per row, 1 when the outcome says practised (with or without effect); a row whose `effective` does
 * not say yes exactly when its outcome is practised_effective is an error naming the first.
 */
export function practisedOf(fn: string, out: SegmentColumn, eff: { column: string; values: Uint8Array }, keep: Uint8Array): Uint8Array {
  const kind = out.levels.map((l) => OUTCOMES.ids.indexOf(l as never));
  const practised = new Uint8Array(keep.length);
  let disagree = 0;
  let firstRow = 0;
  for (let i = 0; i < keep.length; i++) {
    if (!keep[i]) continue;
    const k = kind[out.codes[i]!]!;
    practised[i] = k > 0 ? 1 : 0;
    if ((eff.values[i] === 1) !== (k === 2) && disagree++ === 0) firstRow = i + 1;
  }
  if (disagree > 0) throw KoeArgumentError.of(im.effectiveDisagrees, { fn, effective: eff.column, outcome: out.column, rows: disagree, firstRow });
  return practised;
}

/**
 * The top-k initiatives in each cell of a segment × segment matrix (default generation × step):
 * ranked by the number of companies rating an initiative effective (adoption × effect), then by its
 * effect rate, then by id; or by the effect rate (`rankBy: "share"`: effective / practised, "not
 * practised" out of the denominator), or by the empirical-Bayes shrunken effect rate (`"shrunken"`,
 * see {@link betaPrior}), the remedy for winners picked from many noisy rates looking better than
 * they are. Adoption (practised / rated) and the effect rate are separate fields. Ties at the k-th
 * place are all kept. Intervals are over companies (Wilson; with `stability`, percentiles of a
 * bootstrap over whole companies); the notes say that the consortium's companies are the whole
 * consortium, so an interval describes a wider population of similar companies. Cells rated by fewer than
 * `minCompanies` companies are suppressed. With `stability`, a seeded bootstrap over companies
 * (in the companies' sorted order, so row order does not matter) says how often each listed
 * initiative stays in its cell's top k: a bootstrap inclusion frequency, not the probability that
 * it truly belongs there (the field keeps the name `stability` for the report and its chart).
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
 * // => { row: "young", column: "know", rank: 1, initiative: "career_training", companies: 22, rated: 24, practised: 24, adoption: 1, share: 0.917, ciLow: 0.783, ciHigh: 1, shrunken: 0.889, shrunkenLow: 0.768, shrunkenHigh: 0.976, tied: false, stability: 1 }
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
  const outName = o.outcome !== undefined ? resolveColumn(fn, table, o.outcome, "outcome") : (table.columnNames().find((c) => knownField(c.replace(/\uFEFF/g, ""))?.id === "outcome") ?? null);
  const outS = outName === null ? null : segmentColumn(fn, table, outName, { option: "outcome", vocabulary: OUTCOMES, ...missing });
  const { keep, n: used, nMissing } = completeRows(fn, selection.keep, selection.wave, [
    rowS,
    colS,
    iniS,
    comS,
    { column: effB.column, missing: (i) => effV[i] === MISSING_BINARY, nMissing: effB.nMissing },
    ...(outS ? [outS] : []),
  ], warnings);
  const practised = outS === null ? null : practisedOf(fn, outS, effB, keep);
  if (outS === null) warnings.push(warningOf(im.noOutcomeColumn, { fn }));
  const m = _matrix({ row: compact(rowS, keep, used), column: compact(colS, keep, used), initiative: compact(iniS, keep, used), company: compact(comS, keep, used), effective: effV, practised, keep }, {
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
    for (const e of cell.entries) all.push({ row: cell.row, column: cell.column, initiative: e.initiative, companies: e.companies, rated: e.rated, practised: e.practised, shrunken: e.shrunken, ratingCompanies: cell.ratingCompanies });
    cells.push(...cell.top);
  }
  const nCo = m.companies;
  const result: TopInitiativesResult = {
    method: `Top ${o.k} initiatives by ${RANKED[o.rankBy]}${o.stability ? `; bootstrap inclusion frequency ("stability") and percentile intervals from ${o.stability.resamples} resamples of whole companies` : ""}`,
    rows,
    columns,
    cells,
    suppressedCells,
    k: o.k,
    minCompanies: o.minCompanies,
    rankBy: o.rankBy,
    intervals: o.stability ? "company bootstrap percentiles" : "Wilson over companies",
    prior: m.prior,
    outcomeColumn: outS?.column ?? null,
    notes: notesOf(nCo, o.stability?.resamples ?? null, m.prior.rates, o.k),
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
