import * as aq from "arquero";
import { z } from "zod";
import { requireDistinct, requireTable, resolveColumn, resolveColumns } from "../../boundary/columns.js";
import { parseOptions } from "../../boundary/options.js";
import { numericColumn, segmentColumn, waveSelection, type SegmentColumn } from "../../boundary/roles.js";
import { warningOf, type KoeWarning } from "../../errors/catalogue.js";
import { ols, type Coefficient } from "../../analyze/regression.js";
import { adjustPValues, P_ADJUST_METHODS, type PAdjustMethod } from "../../stats/p-adjust.js";
import { KoeArgumentError } from "../../errors/errors.js";
import { boundaryMessages } from "../../errors/boundary-messages.js";
import { initiativeMessages as m } from "../../errors/initiative-messages.js";
import { knownField } from "../../model/known-fields.js";
import { compareNatural } from "../../model/segment-order.js";
import { initiativeOutcomeTypes as OUTCOMES } from "../../model/segments.js";
import type { Table } from "../../model/table.js";
import { mcnemarTest } from "../../stats/mcnemar.js";
import { clusteredShare } from "./clustered-share.js";
import type { TidyTable } from "../../stats/result.js";
import { rankCell } from "./top-initiatives.js";
import { CatalogueOption, completeRows, initiativeColumn, MissingOption, rowsWithoutWave, selectWave, type Part } from "./ratings-input.js";

export interface OutcomeRow {
  initiative: string;
  /** The `by` segments' values of this row. */
  segment: Record<string, unknown>;
  /** Ratings (company × cell) with an outcome; null where suppressed. */
  n: number | null;
  notPractised: number | null;
  practisedNoEffect: number | null;
  practisedEffective: number | null;
  /** The three outcomes as shares of n. */
  notPractisedShare: number | null;
  practisedNoEffectShare: number | null;
  practisedEffectiveShare: number | null;
  /** Practised / all, with a Wilson interval. */
  adoptionRate: number | null;
  adoptionLow: number | null;
  adoptionHigh: number | null;
  /** Effective / practised, with a Wilson interval. */
  effectRate: number | null;
  effectLow: number | null;
  effectHigh: number | null;
  /** Distinct companies behind the row; null where suppressed (a small number of companies is itself a small group). */
  companies: number | null;
  suppressed: boolean;
  /**
   * The most frequent coded reasons behind each outcome (at most 3 each), among reasons given by at
   * least `minCompanies` companies; a reason given by fewer is not listed. `count` (ratings) is null
   * when the ratings of that outcome left over by the listed reasons come from 1 to `minCompanies` − 1
   * companies (the rest would be a small group by subtraction). Empty where suppressed.
   */
  reasons: Record<string, { reason: string; count: number | null }[]>;
}

export interface OutcomesResult {
  method: string;
  rows: OutcomeRow[];
  /** The `by` segments, as named in the options. */
  by: string[];
  /** The wave used; null when the table has no wave column. */
  wave: number | null;
  /** The waves present in the table's wave column (empty without one). */
  waves: number[];
  /** The table's wave column (found under any of its names), or null. */
  waveColumn: string | null;
  minCompanies: number;
  /** Ratings used (of the chosen wave, complete). */
  n: number;
  /** Rows of the chosen wave left out for a missing initiative, outcome, company or segment. */
  nMissing: number;
  /** What the reader should know: the wave chosen among several, rows left out for missing values. */
  warnings: KoeWarning[];
  toTable(): TidyTable;
}

export const InitiativeOutcomesOptions = z.object({
  /** Initiative column, resolved through `catalogue` (Japanese names too). Default "initiative". */
  initiative: z.string().default("initiative"),
  /** Outcome column: not_practised / practised_no_effect / practised_effective, or their labels (実践しなかった …). Default "outcome". */
  outcome: z.string().default("outcome"),
  /** Segments to break each initiative down by (a list, e.g. ["generation"]); their labels resolve to ids. Default []. */
  by: z.array(z.string()).default([]),
  /** Column of coded reasons (default "reason_code" when the table has it; none otherwise). */
  reason: z.string().optional(),
  /** Company column (text or numbers). Default "company". */
  company: z.string().default("company"),
  /** Which survey wave to use; with several waves and none chosen, the first is used and a warning says so (never pooled). */
  wave: z.number().int().optional(),
  /** The wave column (default: the column named wave, 調査回, 回, 時点 or 調査時点, if any). */
  waveColumn: z.string().optional(),
  /** Rows resting on fewer companies are suppressed. Default 5. */
  minCompanies: z.number().int().min(1).default(5),
  /** Confidence level of the Wilson intervals. Default 0.95. */
  confLevel: z.number().gt(0).lt(1).default(0.95),
  /** The initiative vocabulary (default koe's catalogue; extend it with extendInitiativeCatalogue). */
  catalogue: CatalogueOption.optional(),
  /** Cell texts meaning "no answer" (default "", NA, N/A, 無回答). */
  missing: MissingOption.optional(),
});
export type InitiativeOutcomesOptions = z.input<typeof InitiativeOutcomesOptions>;

/** The reason column: the one named, else the model's reason_code under any of its names, else none. */
export function reasonColumn(fn: string, table: Table, reason: string | undefined): string | null {
  if (reason !== undefined) return resolveColumn(fn, table, reason, "reason");
  return table.columnNames().find((c) => knownField(c.replace(/\uFEFF/g, ""))?.id === "reason_code") ?? null;
}

/**
 * Follows each initiative to its three ends — not practised, practised with no effect, practised
 * with effect — per initiative and per segment in `by`: counts and shares, the adoption rate
 * (practised / all) and the effect rate (effective / practised) with Wilson intervals on the
 * effective sample size under company clustering (a company rates an initiative in several cells,
 * with its house tendency: see {@link clusteredShare}), and the
 * most frequent coded reasons behind each outcome. Rows resting on fewer than `minCompanies`
 * companies are suppressed (counts null). Outcomes, initiatives and segments may be given as ids
 * or as their Japanese or English labels; one wave is used (never pooled).
 * @example
 * const { table } = await readInitiativeRatings("data/initiative_ratings.csv");
 * const r = initiativeOutcomes(table, { by: ["generation"] });
 * r.rows.find((x) => x.initiative === "one_on_one" && x.segment.generation === "young")
 * // => { initiative: "one_on_one", segment: { generation: "young" }, n: 96, notPractised: 3, practisedNoEffect: 5, practisedEffective: 88, … }
 * initiativeOutcomes(table, { by: "generation" }) // throws: option "by" takes a list, e.g. ["generation"]
 * @throws {KoeArgumentError} for an unknown option, a column that is not there, or a value its role cannot take (an unknown outcome, initiative or segment)
 * @throws {InsufficientDataError} when no row of the wave used is complete
 */
export function initiativeOutcomes(table: Table, options: InitiativeOutcomesOptions = {}): OutcomesResult {
  const fn = "initiativeOutcomes";
  requireTable(fn, table);
  const o = parseOptions(fn, InitiativeOutcomesOptions, options);
  const missing = o.missing ? { missing: o.missing } : {};
  const why = reasonColumn(fn, table, o.reason);
  const byColumns = resolveColumns(fn, table, o.by, "by");
  requireDistinct(fn, {
    initiative: resolveColumn(fn, table, o.initiative, "initiative"),
    outcome: resolveColumn(fn, table, o.outcome, "outcome"),
    company: resolveColumn(fn, table, o.company, "company"),
    reason: why,
    ...Object.fromEntries(byColumns.map((c, j) => [`by[${j}]`, c])),
  });
  const { selection, warnings } = selectWave(fn, table, o.wave, o.waveColumn);
  const ini = initiativeColumn(fn, table, o.initiative, o.catalogue, o.missing);
  const out = segmentColumn(fn, table, o.outcome, { option: "outcome", vocabulary: OUTCOMES, ...missing });
  const com = segmentColumn(fn, table, o.company, { option: "company", vocabulary: null, ...missing });
  const segs = o.by.map((b) => segmentColumn(fn, table, b, { option: "by", ...missing }));
  const reasons = why === null ? null : segmentColumn(fn, table, why, { option: "reason", vocabulary: null, ...missing });
  const parts: Part[] = [
    { column: ini.column, codes: ini.codes },
    { column: out.column, codes: out.codes },
    { column: com.column, codes: com.codes },
    ...segs.map((s) => ({ column: s.column, codes: s.codes })),
  ];
  const { keep, n, nMissing } = completeRows(fn, selection.keep, selection.wave, parts, warnings);
  // Outcome k in the vocabulary's order: not_practised, practised_no_effect, practised_effective.
  const outcomeIndex = out.levels.map((l) => OUTCOMES.ids.indexOf(l as never));
  const groups = new Map<string, { initiative: string; segment: Record<string, unknown>; counts: number[]; companies: Set<number>; perCompany: Map<number, number[]>; outcomeRows: number[][]; reasons: Map<string, { count: number; companies: Set<number>; rows: Set<number> }>[] }>();
  for (let i = 0; i < keep.length; i++) {
    if (!keep[i]) continue;
    const k = outcomeIndex[out.codes[i]!]!;
    const key = [ini.codes[i], ...segs.map((s) => s.codes[i])].join("|");
    let g = groups.get(key);
    if (!g) {
      g = { initiative: String(ini.levels[ini.codes[i]!]), segment: Object.fromEntries(o.by.map((b, j) => [b, segs[j]!.levels[segs[j]!.codes[i]!]])), counts: [0, 0, 0], companies: new Set(), perCompany: new Map(), outcomeRows: [[], [], []], reasons: [new Map(), new Map(), new Map()] };
      groups.set(key, g);
    }
    g.counts[k]!++;
    g.companies.add(com.codes[i]!);
    const own = g.perCompany.get(com.codes[i]!) ?? [0, 0, 0];
    own[k]!++;
    g.perCompany.set(com.codes[i]!, own);
    g.outcomeRows[k]!.push(i);
    const rc = reasons?.codes[i] ?? -1;
    if (rc >= 0) {
      const r = String(reasons!.levels[rc]);
      const entry = g.reasons[k]!.get(r) ?? { count: 0, companies: new Set<number>(), rows: new Set<number>() };
      entry.count++;
      entry.companies.add(com.codes[i]!);
      entry.rows.add(i);
      g.reasons[k]!.set(r, entry);
    }

  }
  const rows: OutcomeRow[] = [...groups.values()].map((g) => {
    const [np, ne, pe] = g.counts as [number, number, number];
    const total = np + ne + pe;
    const practised = ne + pe;
    const suppressed = g.companies.size < o.minCompanies;
    // Intervals with companies as clusters: a company's ratings across cells share its house tendency.
    const own = [...g.perCompany].sort((a, b) => a[0] - b[0]).map(([, c]) => c); // companies in their order, not first appearance (sums in one order)
    const adoption = clusteredShare(own.map((c) => c[1]! + c[2]!), own.map((c) => c[0]! + c[1]! + c[2]!), o.confLevel)!;
    const effect = practised > 0 ? clusteredShare(own.map((c) => c[2]!), own.map((c) => c[1]! + c[2]!), o.confLevel) : null;
    // Reasons given by enough companies, most frequent first; their counts only when what they leave over is no small group.
    const top = (m: Map<string, { count: number; companies: Set<number>; rows: Set<number> }>, rowsOfOutcome: number[]) => {
      const listed = [...m].filter(([, e]) => e.companies.size >= o.minCompanies).sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1)).slice(0, 3);
      const rest = new Set(rowsOfOutcome.filter((i) => !listed.some(([, e]) => e.rows.has(i))).map((i) => com.codes[i]!));
      const countsShown = rest.size === 0 || rest.size >= o.minCompanies;
      return listed.map(([reason, e]) => ({ reason, count: countsShown ? e.count : null }));
    };
    return {
      initiative: g.initiative,
      segment: g.segment,
      n: suppressed ? null : total,
      notPractised: suppressed ? null : np,
      practisedNoEffect: suppressed ? null : ne,
      practisedEffective: suppressed ? null : pe,
      notPractisedShare: suppressed ? null : np / total,
      practisedNoEffectShare: suppressed ? null : ne / total,
      practisedEffectiveShare: suppressed ? null : pe / total,
      adoptionRate: suppressed ? null : adoption.estimate,
      adoptionLow: suppressed ? null : adoption.ciLow,
      adoptionHigh: suppressed ? null : adoption.ciHigh,
      effectRate: suppressed || effect === null ? null : effect.estimate,
      effectLow: suppressed || effect === null ? null : effect.ciLow,
      effectHigh: suppressed || effect === null ? null : effect.ciHigh,
      companies: suppressed ? null : g.companies.size,
      suppressed,
      reasons: suppressed ? {} : Object.fromEntries(OUTCOMES.ids.map((id, k) => [id, top(g.reasons[k]!, g.outcomeRows[k]!)])),
    };
  });
  // Shown rows by effect rate; suppressed rows last. Ties (and suppressed rows) in the catalogue's and the segments' natural order, never first appearance.
  const segmentOrder = (x: OutcomeRow, y: OutcomeRow) => {
    for (const [j, by] of o.by.entries()) {
      const c = (segs[j]!.vocabulary?.order(String(x.segment[by])) ?? 0) - (segs[j]!.vocabulary?.order(String(y.segment[by])) ?? 0) || compareNatural(by, x.segment[by], y.segment[by]);
      if (c !== 0) return c;
    }
    return 0;
  };
  rows.sort((a, b) => Number(a.suppressed) - Number(b.suppressed) || (b.effectRate ?? -1) - (a.effectRate ?? -1) || (ini.vocabulary?.order(a.initiative) ?? 0) - (ini.vocabulary?.order(b.initiative) ?? 0) || (a.initiative < b.initiative ? -1 : a.initiative > b.initiative ? 1 : 0) || segmentOrder(a, b));
  const result: OutcomesResult = {
    method: "Initiative outcomes (not practised / practised, no effect / practised, effective)",
    rows,
    by: [...o.by],
    wave: selection.wave,
    waves: selection.waves,
    waveColumn: selection.column,
    minCompanies: o.minCompanies,
    n,
    nMissing,
    warnings,
    toTable: () =>
      aq.from(rows.map(({ segment, reasons, ...r }) => ({ ...segment, ...r, topReasonEffective: reasons.practised_effective?.[0]?.reason ?? null, topReasonNoEffect: reasons.practised_no_effect?.[0]?.reason ?? null, topReasonNotPractised: reasons.not_practised?.[0]?.reason ?? null }))),
  };
  Object.defineProperty(result, "toTable", { enumerable: false });
  return result;
}

export interface WaveChange {
  initiative: string;
  /** Ratings present in both waves; null where suppressed (as every count below). */
  pairs: number | null;
  /** Not practised in the first wave, practised in the second. */
  takenUp: number | null;
  /** Practised in the first, not in the second. */
  dropped: number | null;
  /** Not effective in the first wave (not practised, or practised with no effect), effective in the second. */
  becameEffective: number | null;
  /** Effective in the first, not effective in the second. */
  lostEffect: number | null;
  /** Exact McNemar p (two-sided binomial on the discordant pairs, as `binom.test`) of the change in practising (dropped vs takenUp). */
  practisedPValue: number | null;
  /** Exact McNemar p of the change in the "effective" indicator (lostEffect vs becameEffective). */
  effectivePValue: number | null;
  /** The p-values adjusted across the comparison (every p-value it shows, one family), by `adjust`. */
  practisedPAdjusted: number | null;
  effectivePAdjusted: number | null;
  suppressed: boolean;
}

/** One move between outcomes of the same rating: from the first wave's outcome to the second's. */
export interface WaveTransition {
  initiative: string;
  from: string;
  to: string;
  /** Ratings that moved so; null where the initiative is suppressed. */
  n: number | null;
}

/** A difference in differences: change of the recommended ratings' "effective" minus that of the others. */
export interface ControlEstimate {
  estimate: number;
  stdError: number;
  statistic: number;
  df: number | null;
  pValue: number;
  ciLow: number;
  ciHigh: number;
}

/** The comparison with the non-recommended initiatives as a control. */
export interface WaveControl {
  /** How the recommended ratings were known: the list given, or each cell's first-wave top k. */
  recommended: { initiatives: string[] } | { top: number };
  /** Pairs (ratings in both waves) used, recommended among them, companies (clusters). */
  pairs: number;
  recommendedPairs: number;
  clusters: number;
  /** The clustered variance used (ols' default with a cluster). */
  vcov: string;
  method: string;
  /** Every recommended rating against every non-recommended one. */
  overall: ControlEstimate;
  /** Each recommended initiative's recommended ratings against every non-recommended rating; p adjusted by `adjust`. */
  perInitiative: (ControlEstimate & { initiative: string; recommendedPairs: number; pAdjusted: number })[];
  adjust: PAdjustMethod;
  notes: KoeWarning[];
}

export const CompareOutcomeWavesOptions = z.object({
  /** The two waves, first then second (default the first two present). */
  waves: z.array(z.number().int()).length(2).optional(),
  /** Initiative column, resolved through `catalogue` (Japanese names too). Default "initiative". */
  initiative: z.string().default("initiative"),
  /** Outcome column (ids or labels such as 実践しなかった). Default "outcome". */
  outcome: z.string().default("outcome"),
  /** Company column (text or numbers). Default "company". */
  company: z.string().default("company"),
  /** The segments that, with company and initiative, identify one rating across waves (a list). Default ["generation", "step"]. */
  cell: z.array(z.string()).default(["generation", "step"]),
  /** The wave column (default: the column named wave, 調査回, 回, 時点 or 調査時点). */
  waveColumn: z.string().optional(),
  /** Initiatives resting on fewer companies are suppressed: no counts, no p-values. Default 5. */
  minCompanies: z.number().int().min(1).default(5),
  /** Multiplicity adjustment across the comparison's p-values (as R's p.adjust). Default "BH" (Benjamini–Hochberg). */
  adjust: z.enum(P_ADJUST_METHODS).default("BH"),
  /**
   * Which ratings were recommended between the waves, for the comparison with the others as a control:
   * a list of initiatives (recommended in every cell), or `{ top: k }`: each cell's top k of the first
   * wave by companies rating it effective (topInitiatives' rule). Default none (no control comparison).
   */
  recommended: z.union([z.array(z.string()), z.object({ top: z.number().int().min(1) })]).optional(),
  /** Confidence level of the control comparison's intervals. Default 0.95. */
  confLevel: z.number().gt(0).lt(1).default(0.95),
  /** The initiative vocabulary (default koe's catalogue; extend it with extendInitiativeCatalogue). */
  catalogue: CatalogueOption.optional(),
  /** Cell texts meaning "no answer" (default "", NA, N/A, 無回答). */
  missing: MissingOption.optional(),
});
export type CompareOutcomeWavesOptions = z.input<typeof CompareOutcomeWavesOptions>;

export interface WaveComparison {
  /** Per initiative, sorted by takenUp + becameEffective. */
  changes: WaveChange[];
  /** Per initiative (shown ones first, as `changes`), the nine moves between the three outcomes. */
  transitions: WaveTransition[];
  /** The test behind the p-values, named. */
  test: string;
  /** The adjustment of the p-values, named (p.adjust's method). */
  adjust: PAdjustMethod;
  /** The comparison with the non-recommended initiatives as a control; null without `recommended`. */
  control: WaveControl | null;
  /** The two waves compared, first then second. */
  waves: [number, number];
  /** The waves present in the table's wave column. */
  wavesPresent: number[];
  /** The table's wave column (found under any of its names). */
  waveColumn: string;
  /** Rows of the two waves with every column needed. */
  n: number;
  /** Rows of the two waves left out for a missing initiative, outcome, company or cell segment. */
  nMissing: number;
  /** Rows left out for missing values, said in words. */
  warnings: KoeWarning[];
  toTable(): TidyTable;
}

/** Exact McNemar p-values of one initiative's moves, from the 3 × 3 table (from * 3 + to; 0 not practised, 1 no effect, 2 effective). */
export function waveTests(moves: ArrayLike<number>): { takenUp: number; dropped: number; becameEffective: number; lostEffect: number; practisedPValue: number | null; effectivePValue: number | null } {
  const at = (from: number, to: number) => moves[from * 3 + to]!;
  const takenUp = at(0, 1) + at(0, 2);
  const dropped = at(1, 0) + at(2, 0);
  const becameEffective = at(0, 2) + at(1, 2);
  const lostEffect = at(2, 0) + at(2, 1);
  const p = (b: number, c: number) => mcnemarTest(b, c, { exact: true }).pValue;
  return { takenUp, dropped, becameEffective, lostEffect, practisedPValue: p(dropped, takenUp), effectivePValue: p(lostEffect, becameEffective) };
}

/**
 * Two waves compared (before and after a recommendation): per initiative, the ratings of the same
 * company, cell and initiative in both waves, how many moved from not practised to practised (and
 * back) and from not effective — not practised or no effect — to effective (and back), with
 * McNemar's exact test (two-sided binomial on the discordant pairs, as `binom.test`; McNemar 1947) of
 * each: the "effective" indicator itself, both directions counted. Every p-value shown is adjusted as
 * one family (`adjust`, Benjamini–Hochberg by default), the raw ones kept beside. `transitions` keeps
 * the nine moves between the three outcomes. With `recommended`, the change of the recommended
 * ratings is compared with that of the others (`control`: a difference in differences across
 * initiatives, companies as clusters; when the recommended ones were chosen for their first-wave
 * effect, a note says the difference understates the recommendation's effect). An initiative
 * whose pairs come from fewer than `minCompanies` companies is suppressed: every count and p-value
 * null, listed after the others in catalogue order. The wave column
 * is found under any of its names (wave, 調査回, 回 …); outcomes, initiatives and cells may be ids or labels.
 * @example
 * const { table } = await readInitiativeRatings("data/initiative_ratings.csv");
 * const w = compareOutcomeWaves(table);
 * [w.waves, w.changes[0]]
 * // => [[1, 2], { initiative: "career_sheet_dialogue", pairs: 175, takenUp: 11, dropped: 0, becameEffective: 24, lostEffect: 3, practisedPValue: 0.000977, effectivePValue: 0.0000492, practisedPAdjusted: 0.0024, effectivePAdjusted: 0.000525, suppressed: false }]
 * @throws {KoeArgumentError} without a wave column or two waves, for conflicting ratings of one company, cell and initiative in a wave, or as {@link initiativeOutcomes}
 */
export function compareOutcomeWaves(table: Table, options: CompareOutcomeWavesOptions = {}): WaveComparison {
  const fn = "compareOutcomeWaves";
  requireTable(fn, table);
  const o = parseOptions(fn, CompareOutcomeWavesOptions, options);
  const missing = o.missing ? { missing: o.missing } : {};
  const cellColumns = resolveColumns(fn, table, o.cell, "cell");
  const found = waveSelection(fn, table, { waveColumn: o.waveColumn });
  if (found.column === null) throw KoeArgumentError.of(m.noWaveColumn, { fn, names: ["wave", "調査回", "回", "時点", "調査時点"] });
  const waveColumn = found.column;
  requireDistinct(fn, {
    wave: waveColumn,
    initiative: resolveColumn(fn, table, o.initiative, "initiative"),
    outcome: resolveColumn(fn, table, o.outcome, "outcome"),
    company: resolveColumn(fn, table, o.company, "company"),
    ...Object.fromEntries(cellColumns.map((c, j) => [`cell[${j}]`, c])),
  });
  const all = found.waves;
  let w1: number;
  let w2: number;
  if (o.waves) {
    [w1, w2] = o.waves as [number, number];
    if (w1 === w2) throw KoeArgumentError.of(m.sameWaveTwice, { fn, wave: w1 });
    for (const w of [w1, w2]) if (!all.includes(w)) throw KoeArgumentError.of(boundaryMessages.unknownWave, { fn, column: waveColumn, wave: w, waves: all.map(String) });
  } else {
    if (all.length < 2) throw KoeArgumentError.of(m.tooFewWaves, { fn, column: waveColumn, waves: all });
    [w1, w2] = [all[0]!, all[1]!];
  }
  const wv = numericColumn(fn, table, waveColumn, { option: "waveColumn" }).values;
  const inWaves = new Uint8Array(wv.length);
  for (let i = 0; i < wv.length; i++) inWaves[i] = wv[i] === w1 || wv[i] === w2 ? 1 : 0;
  const ini = initiativeColumn(fn, table, o.initiative, o.catalogue, o.missing);
  const out = segmentColumn(fn, table, o.outcome, { option: "outcome", vocabulary: OUTCOMES, ...missing });
  const com = segmentColumn(fn, table, o.company, { option: "company", vocabulary: null, ...missing });
  const cells = o.cell.map((c) => segmentColumn(fn, table, c, { option: "cell", ...missing }));
  const warnings: KoeWarning[] = rowsWithoutWave(fn, table, waveColumn);
  const { keep, n, nMissing } = completeRows(fn, inWaves, null, [
    { column: ini.column, codes: ini.codes },
    { column: out.column, codes: out.codes },
    { column: com.column, codes: com.codes },
    ...cells.map((s) => ({ column: s.column, codes: s.codes })),
  ], warnings);
  const outcomeId = (i: number) => String(out.levels[out.codes[i]!]);
  const first = new Map<string, number>();
  const second = new Map<string, number>();
  for (let i = 0; i < keep.length; i++) {
    if (!keep[i]) continue;
    const key = [ini.codes[i], com.codes[i], ...cells.map((c) => c.codes[i])].join("|");
    const map = wv[i] === w1 ? first : second;
    const before = map.get(key);
    if (before !== undefined && outcomeId(before) !== outcomeId(i)) {
      throw KoeArgumentError.of(m.conflictingRatings, { fn, wave: wv[i]!, rows: [before + 1, i + 1], company: String(com.levels[com.codes[i]!]), initiative: String(ini.levels[ini.codes[i]!]) });
    }
    if (before === undefined) map.set(key, i);
  }
  // Per initiative: the nine moves (from * 3 + to) and the companies behind its pairs.
  const outcomeOf = out.levels.map((l) => OUTCOMES.ids.indexOf(l as never));
  const by = new Map<number, { moves: number[]; companies: Set<number> }>();
  const pairs: { i1: number; i2: number; change: number }[] = [];
  for (const [key, i1] of first) {
    const i2 = second.get(key);
    if (i2 === undefined) continue;
    const id = ini.codes[i1]!;
    let g = by.get(id);
    if (!g) by.set(id, (g = { moves: new Array<number>(9).fill(0), companies: new Set() }));
    const o1 = outcomeOf[out.codes[i1]!]!;
    const o2 = outcomeOf[out.codes[i2]!]!;
    g.moves[o1 * 3 + o2]!++;
    g.companies.add(com.codes[i1]!);
    pairs.push({ i1, i2, change: Number(o2 === 2) - Number(o1 === 2) });
  }
  const changes: WaveChange[] = [...by].map(([id, g]) => {
    const suppressed = g.companies.size < o.minCompanies;
    const t = waveTests(g.moves);
    const shown = <T>(v: T) => (suppressed ? null : v);
    return {
      initiative: String(ini.levels[id]),
      pairs: shown(g.moves.reduce((a, b) => a + b, 0)),
      takenUp: shown(t.takenUp),
      dropped: shown(t.dropped),
      becameEffective: shown(t.becameEffective),
      lostEffect: shown(t.lostEffect),
      practisedPValue: shown(t.practisedPValue),
      effectivePValue: shown(t.effectivePValue),
      practisedPAdjusted: null,
      effectivePAdjusted: null,
      suppressed,
    };
  });
  // One family: every p-value the comparison shows.
  const adjusted = adjustPValues([...changes.map((c) => c.practisedPValue), ...changes.map((c) => c.effectivePValue)], o.adjust);
  changes.forEach((c, j) => {
    c.practisedPAdjusted = adjusted[j]!;
    c.effectivePAdjusted = adjusted[changes.length + j]!;
  });
  // Shown rows by change; suppressed rows last, in the catalogue's order (their place must not hint at their size).
  const moved = (c: WaveChange) => (c.suppressed ? -1 : c.takenUp! + c.becameEffective!);
  const order = (id: string) => ini.vocabulary?.order(id) ?? 0;
  changes.sort((a, b) => Number(a.suppressed) - Number(b.suppressed) || moved(b) - moved(a) || order(a.initiative) - order(b.initiative) || (a.initiative < b.initiative ? -1 : 1));
  const movesOf = new Map([...by].map(([id, g]) => [String(ini.levels[id]), g.moves]));
  const transitions: WaveTransition[] = changes.flatMap((c) =>
    OUTCOMES.ids.flatMap((from, a) => OUTCOMES.ids.map((to, b) => ({ initiative: c.initiative, from, to, n: c.suppressed ? null : movesOf.get(c.initiative)![a * 3 + b]! }))),
  );
  const control = o.recommended === undefined ? null : waveControl(fn, o, { ini, com, cells, first, pairs, isEffective: (i) => outcomeOf[out.codes[i]!] === 2, w1 });
  const result: WaveComparison = { changes, transitions, test: "Exact McNemar test (two-sided binomial on the discordant pairs, as binom.test)", adjust: o.adjust, control, waves: [w1, w2], wavesPresent: all, waveColumn, n, nMissing, warnings, toTable: () => aq.from(changes) };
  Object.defineProperty(result, "toTable", { enumerable: false });
  return result;
}

/**
 * The comparison with the non-recommended initiatives as a control: the change in "effective"
 * (second wave minus first, −1/0/1) of each pair, regressed on whether the rating was recommended,
 * companies as clusters (`ols` with `cluster`, its default clustered errors). Overall, and per
 * recommended initiative (its recommended ratings against every non-recommended one; an initiative
 * whose recommended pairs come from fewer than `minCompanies` companies is left out).
 */
function waveControl(
  fn: string,
  o: z.output<typeof CompareOutcomeWavesOptions>,
  d: { ini: SegmentColumn; com: SegmentColumn; cells: SegmentColumn[]; first: Map<string, number>; pairs: { i1: number; i2: number; change: number }[]; isEffective: (i: number) => boolean; w1: number },
): WaveControl {
  const cellKey = (i: number) => d.cells.map((c) => c.codes[i]).join("|");
  const recommended = new Set<string>();
  const notes: KoeWarning[] = [];
  const spec = o.recommended!;
  if (Array.isArray(spec)) {
    const ids = spec.map((v) => {
      const id = d.ini.vocabulary?.resolve(v);
      if (id === undefined) throw KoeArgumentError.of(m.unknownRecommended, { fn, value: v, known: [...(d.ini.vocabulary?.ids ?? [])] });
      return String(id);
    });
    for (const [j, level] of d.ini.levels.entries()) if (ids.includes(String(level))) recommended.add(`*|${j}`);
  } else {
    // Each cell's top k of the first wave: companies rating it effective, then the share (topInitiatives' rule).
    const tally = new Map<string, Map<number, { effective: Set<number>; rated: Set<number> }>>();
    for (const i of d.first.values()) {
      const cell = cellKey(i);
      const perCell = tally.get(cell) ?? new Map<number, { effective: Set<number>; rated: Set<number> }>();
      tally.set(cell, perCell);
      const e = perCell.get(d.ini.codes[i]!) ?? { effective: new Set<number>(), rated: new Set<number>() };
      perCell.set(d.ini.codes[i]!, e);
      e.rated.add(d.com.codes[i]!);
      if (d.isEffective(i)) e.effective.add(d.com.codes[i]!);
    }
    for (const [cell, perCell] of tally) {
      const ranked = rankCell([...perCell].map(([j, e]) => ({ id: String(j), companies: e.effective.size, rated: e.rated.size, practised: e.rated.size })), "count");
      for (const e of ranked) if (e.rank <= spec.top && e.companies > 0) recommended.add(`${cell}|${e.id}`);
    }
    notes.push(warningOf(m.controlSelectedOnWave1, { fn, k: spec.top }));
  }
  const isRecommended = (i: number) => recommended.has(`*|${d.ini.codes[i]}`) || recommended.has(`${cellKey(i)}|${d.ini.codes[i]}`);
  const rec = d.pairs.map((p) => isRecommended(p.i1));
  const nRec = rec.filter(Boolean).length;
  if (nRec === 0 || nRec === d.pairs.length) throw KoeArgumentError.of(m.noControl, { fn, recommended: nRec, control: d.pairs.length - nRec });
  const fit = (rows: number[], treated: (k: number) => boolean) => {
    const t = aq.table({
      change: Float64Array.from(rows, (k) => d.pairs[k]!.change),
      recommended: Float64Array.from(rows, (k) => (treated(k) ? 1 : 0)),
      company: Int32Array.from(rows, (k) => d.com.codes[d.pairs[k]!.i1]!),
    });
    const r = ols(t, { outcome: "change", predictors: ["recommended"], cluster: "company", confLevel: o.confLevel });
    const c = r.coefficients[1]! as Coefficient & { df?: number };
    return { fit: r, estimate: { estimate: c.estimate, stdError: c.stdError, statistic: c.statistic, df: c.df ?? r.df, pValue: c.pValue, ciLow: c.ciLow, ciHigh: c.ciHigh } };
  };
  const everyPair = d.pairs.map((_, k) => k);
  const overall = fit(everyPair, (k) => rec[k]!);
  const perInitiative: WaveControl["perInitiative"] = [];
  for (const j of [...new Set(everyPair.filter((k) => rec[k]).map((k) => d.ini.codes[d.pairs[k]!.i1]!))]) {
    const mine = everyPair.filter((k) => rec[k] && d.ini.codes[d.pairs[k]!.i1] === j);
    if (new Set(mine.map((k) => d.com.codes[d.pairs[k]!.i1])).size < o.minCompanies) continue;
    const rows = everyPair.filter((k) => !rec[k] || d.ini.codes[d.pairs[k]!.i1] === j);
    perInitiative.push({ initiative: String(d.ini.levels[j]), recommendedPairs: mine.length, ...fit(rows, (k) => rec[k]!).estimate, pAdjusted: 0 });
  }
  const adjusted = adjustPValues(perInitiative.map((p) => p.pValue), o.adjust);
  perInitiative.forEach((p, j) => (p.pAdjusted = adjusted[j]!));
  const order = (id: string) => d.ini.vocabulary?.order(id) ?? 0;
  perInitiative.sort((a, b) => order(a.initiative) - order(b.initiative) || (a.initiative < b.initiative ? -1 : 1));
  return {
    recommended: Array.isArray(spec) ? { initiatives: [...new Set(spec.map((v) => String(d.ini.vocabulary!.resolve(v))))] } : { top: spec.top },
    pairs: d.pairs.length,
    recommendedPairs: nRec,
    clusters: overall.fit.clusters!,
    vcov: overall.fit.vcovType,
    method: `Difference in differences across initiatives: change in "effective" (wave 2 − wave 1) of recommended minus non-recommended ratings; ${overall.fit.method}`,
    overall: overall.estimate,
    perInitiative,
    adjust: o.adjust,
    notes,
  };
}
