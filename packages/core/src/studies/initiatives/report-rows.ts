// The rows of initiativeReport's outcomes and waveChanges tables, each with the smallest group of
// companies a reader could single out from it (and from the matrix beside it), which the report's
// edge hides when it is under the minimum; and the grid every table is laid on.
import { initiativeCatalogue } from "../../model/initiatives.js";
import type { Vocabulary } from "../../model/vocabulary.js";
import { groupKey } from "../../privacy/suppress-together.js";
import { waveTests } from "./outcomes.js";
import { clusteredShare } from "./clustered-share.js";
import { smallestDerivableGroup } from "./derivable.js";
import type { ReportRatings } from "./report-input.js";
import { compact } from "./ratings-input.js";

/** The options these rows depend on. */
interface RowOptions {
  outcomesBy: "none" | "row" | "column";
  minGroupSize: number;
  confLevel: number;
  catalogue?: Vocabulary | undefined;
}

export const catalogueOf = (o: { catalogue?: Vocabulary | undefined }): Vocabulary => o.catalogue ?? (initiativeCatalogue as Vocabulary);
/** The ids of a segment's grid (see {@link onGrid}). */
const gridOf = (seg: ReportRatings["row"], keep: Uint8Array) => onGrid(seg, keep).levels.map(String);

/**
 * The count a row on no rating at all stands for in a count table: hidden like a small group, so
 * that a blank row never tells "nobody" from "a few" (the rule a reader knows must not sort them).
 */
export const EMPTY = 1;
/** The smallest group of companies among several (empty ones left out; 0 when all are empty). */
function smallest(sets: readonly Set<number>[]): number {
  const sizes = sets.map((s) => s.size).filter((x) => x > 0);
  return sizes.length === 0 ? 0 : Math.min(...sizes);
}

/**
 * A segment's codes over the rows kept, on the whole of its vocabulary when it has one (every
 * generation, every step, rated or not): which cells exist must not tell that a few companies rated
 * one. A segment outside the model's vocabularies has the values present.
 */
export function onGrid(seg: ReportRatings["row"], keep: Uint8Array): ReturnType<typeof compact> {
  if (!seg.vocabulary) return compact(seg, keep);
  const levels = [...seg.vocabulary.ids];
  const to = seg.levels.map((l) => levels.indexOf(String(l)));
  const code = new Int32Array(keep.length).fill(-1);
  for (let i = 0; i < keep.length; i++) if (keep[i]) code[i] = to[seg.codes[i]!]!;
  return { code, levels };
}

/** Per cell and listed initiative: is its count of effective companies shown, and its count of raters (so of not-effective ones)? */
export type Published = Map<string, { effective: boolean; rated: boolean }>;

/**
 * The outcomes per initiative (and segment) of the wave used, with the smallest group of companies
 * behind each row: its companies, each outcome's, and what it adds to the matrix (effective ratings
 * in cells where the matrix does not list the initiative; other ratings where it does not show how
 * many companies rated it).
 */
export function outcomesOf(o: RowOptions, d: ReportRatings, published: Published, hidden: Set<string>) {
  const segmentOf = (i: number): string | null =>
    o.outcomesBy === "row" ? String(d.row.levels[d.row.codes[i]!]) : o.outcomesBy === "column" ? String(d.column.levels[d.column.codes[i]!]) : null;
  type Acc = { counts: number[]; perCompany: Map<number, number[]>; companies: Set<number>; byOutcome: Set<number>[]; addsEffective: Set<number>; addsOther: Set<number>; reasons: Map<string, { count: number; companies: Set<number> }>[] };
  const acc = new Map<string, Acc>();
  // Every initiative of the catalogue × every segment of the grid: a row's presence says nothing.
  const initiatives = catalogueOf(o).ids;
  const segments: (string | null)[] = o.outcomesBy === "none" ? [null] : gridOf(o.outcomesBy === "row" ? d.row : d.column, d.inWave);
  const keyOf = (initiative: string, segment: string | null) => JSON.stringify([initiative, segment]);
  for (const initiative of initiatives) for (const segment of segments) {
    acc.set(keyOf(initiative, segment), { counts: [0, 0, 0], perCompany: new Map(), companies: new Set(), byOutcome: [new Set(), new Set(), new Set()], addsEffective: new Set(), addsOther: new Set(), reasons: [new Map(), new Map(), new Map()] });
  }
  for (let i = 0; i < d.inWave.length; i++) {
    if (!d.inWave[i]) continue;
    const initiative = String(d.initiative.levels[d.initiative.codes[i]!]);
    const row = String(d.row.levels[d.row.codes[i]!]);
    const column = String(d.column.levels[d.column.codes[i]!]);
    const a = acc.get(keyOf(initiative, segmentOf(i)))!;
    const k = d.outcome[i]!;
    const company = d.company.codes[i]!;
    a.counts[k]!++;
    const own = a.perCompany.get(company) ?? [0, 0, 0];
    own[k]!++;
    a.perCompany.set(company, own);
    a.companies.add(company);
    a.byOutcome[k]!.add(company);
    const shown = hidden.has(groupKey({ row, column })) ? undefined : published.get(JSON.stringify([row, column, initiative]));
    if (k === 2 && !shown?.effective) a.addsEffective.add(company);
    if (k !== 2 && !shown?.rated) a.addsOther.add(company);
    if (d.reason && d.reason.codes[i]! >= 0) {
      const reason = String(d.reason.levels[d.reason.codes[i]!]);
      const r = a.reasons[k]!.get(reason) ?? { count: 0, companies: new Set<number>() };
      r.count++;
      r.companies.add(company);
      a.reasons[k]!.set(reason, r);
    }
  }
  const topReason = (reasons: Map<string, { count: number; companies: Set<number> }>) =>
    [...reasons].filter(([, r]) => r.companies.size >= o.minGroupSize).sort((x, y) => y[1].count - x[1].count || (x[0] < y[0] ? -1 : 1))[0]?.[0] ?? null;
  const rows = [...acc].map(([key, a]) => {
    const [initiative, segment] = JSON.parse(key) as [string, string | null];
    const [np, ne, pe] = a.counts as [number, number, number];
    const n = np + ne + pe;
    const practised = ne + pe;
    // Intervals with companies as clusters (as initiativeOutcomes).
    const own = [...a.perCompany].sort((x, y) => x[0] - y[0]).map(([, c]) => c); // companies in their order, not first appearance
    const adoption = n > 0 ? clusteredShare(own.map((c) => c[1]! + c[2]!), own.map((c) => c[0]! + c[1]! + c[2]!), o.confLevel) : null;
    const effect = practised > 0 ? clusteredShare(own.map((c) => c[2]!), own.map((c) => c[1]! + c[2]!), o.confLevel) : null;
    return {
      initiative, segment, n, notPractised: np, practisedNoEffect: ne, practisedEffective: pe,
      notPractisedShare: n > 0 ? np / n : null, practisedNoEffectShare: n > 0 ? ne / n : null, practisedEffectiveShare: n > 0 ? pe / n : null,
      adoptionRate: adoption?.estimate ?? null, adoptionLow: adoption?.ciLow ?? null, adoptionHigh: adoption?.ciHigh ?? null,
      effectRate: effect?.estimate ?? null, effectLow: effect?.ciLow ?? null, effectHigh: effect?.ciHigh ?? null,
      topReasonNotPractised: topReason(a.reasons[0]!), topReasonNoEffect: topReason(a.reasons[1]!), topReasonEffective: topReason(a.reasons[2]!),
      smallest: n === 0 ? EMPTY : smallest([a.companies, ...a.byOutcome, a.addsEffective, a.addsOther]),
    };
  });
  return { rows };
}

/**
 * Per initiative, the ratings of the same company, cell and initiative in both waves compared: the
 * moves between outcomes with McNemar's exact tests of practising and of the effective indicator (both directions), and the smallest group of companies a reader can
 * single out from them together with the outcomes of the wave the report shows. The atoms are the
 * nine moves (from × to) and the ratings present in one wave only, by outcome; pairs, taken up,
 * dropped, became effective, lost effect and the outcome counts are sums of them.
 */
export function waveChangesOf(d: ReportRatings, catalogue: Vocabulary) {
  const [w1, w2] = d.compared!;
  const first = new Map<string, number>();
  const second = new Map<string, number>();
  for (let i = 0; i < d.keep.length; i++) {
    if (!d.keep[i] || (d.waveOf[i] !== w1 && d.waveOf[i] !== w2)) continue;
    const key = `${d.initiative.codes[i]}|${d.company.codes[i]}|${d.row.codes[i]}|${d.column.codes[i]}`;
    (d.waveOf[i] === w1 ? first : second).set(key, i);
  }
  type Acc = { pairs: number; counts: number[]; moves: Set<number>[]; onlyFirst: Set<number>[]; onlySecond: Set<number>[] };
  // Every initiative of the catalogue has a row (one rated by nobody is blank, as a small one).
  const acc = new Map<string, Acc>();
  const idOf = (i: number) => String(d.initiative.levels[d.initiative.codes[i]!]);
  for (const id of catalogue.ids) acc.set(id, { pairs: 0, counts: new Array<number>(9).fill(0), moves: Array.from({ length: 9 }, () => new Set()), onlyFirst: [new Set(), new Set(), new Set()], onlySecond: [new Set(), new Set(), new Set()] });
  for (const [key, i1] of first) {
    const a = acc.get(idOf(i1))!;
    const i2 = second.get(key);
    if (i2 === undefined) {
      a.onlyFirst[d.outcome[i1]!]!.add(d.company.codes[i1]!);
      continue;
    }
    const o1 = d.outcome[i1]!;
    const o2 = d.outcome[i2]!;
    a.pairs++;
    a.moves[o1 * 3 + o2]!.add(d.company.codes[i1]!);
    a.counts[o1 * 3 + o2]!++;
  }
  for (const [key, i2] of second) if (!first.has(key)) acc.get(idOf(i2))!.onlySecond[d.outcome[i2]!]!.add(d.company.codes[i2]!);
  // Atoms: moves 0–8 (from * 3 + to), then one wave only: first wave 9–11, second 12–14 (by outcome).
  const sumOf = (...atoms: number[]) => Array.from({ length: 15 }, (_, j) => (atoms.includes(j) ? 1 : 0));
  const sums = [sumOf(0, 1, 2, 3, 4, 5, 6, 7, 8), sumOf(1, 2), sumOf(3, 6), sumOf(2, 5), sumOf(6, 7)];
  if (d.wave === w1) sums.push(sumOf(0, 1, 2, 9), sumOf(3, 4, 5, 10), sumOf(6, 7, 8, 11));
  if (d.wave === w2) sums.push(sumOf(0, 3, 6, 12), sumOf(1, 4, 7, 13), sumOf(2, 5, 8, 14));
  const rows = [...acc].map(([initiative, a]) => {
    const t = waveTests(a.counts);
    return {
      initiative,
      pairs: a.pairs, takenUp: t.takenUp, dropped: t.dropped, becameEffective: t.becameEffective, lostEffect: t.lostEffect,
      practisedPValue: a.pairs > 0 ? t.practisedPValue : null,
      effectivePValue: a.pairs > 0 ? t.effectivePValue : null,
      practisedPAdjusted: null as number | null,
      effectivePAdjusted: null as number | null,
      smallest: [...a.moves, ...a.onlyFirst, ...a.onlySecond].every((x) => x.size === 0) ? EMPTY : smallestDerivableGroup([...a.moves, ...a.onlyFirst, ...a.onlySecond], sums),
    };
  });
  // The adjusted p-values are filled in after the edge, over the rows it shows (initiativeReport).
  return { rows };
}
