import * as aq from "arquero";
import { z } from "zod";
import { requireDistinct, requireTable, resolveColumn, resolveColumns } from "../../boundary/columns.js";
import { parseOptions } from "../../boundary/options.js";
import { numericColumn, segmentColumn, waveSelection } from "../../boundary/roles.js";
import type { KoeWarning } from "../../errors/catalogue.js";
import { KoeArgumentError } from "../../errors/errors.js";
import { boundaryMessages } from "../../errors/boundary-messages.js";
import { initiativeMessages as m } from "../../errors/initiative-messages.js";
import { knownField } from "../../model/known-fields.js";
import { compareNatural } from "../../model/segment-order.js";
import { initiativeOutcomeTypes as OUTCOMES } from "../../model/segments.js";
import type { Table } from "../../model/table.js";
import { mcnemarTest } from "../../stats/mcnemar.js";
import { proportionInterval } from "../../stats/proportions.js";
import type { TidyTable } from "../../stats/result.js";
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
 * (practised / all) and the effect rate (effective / practised) with Wilson intervals, and the
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
    { column: ini.column, missing: (i) => ini.codes[i]! < 0 },
    { column: out.column, missing: (i) => out.codes[i]! < 0 },
    { column: com.column, missing: (i) => com.codes[i]! < 0 },
    ...segs.map((s) => ({ column: s.column, missing: (i: number) => s.codes[i]! < 0 })),
  ];
  const { keep, n, nMissing } = completeRows(fn, selection.keep, selection.wave, parts, warnings);
  // Outcome k in the vocabulary's order: not_practised, practised_no_effect, practised_effective.
  const outcomeIndex = out.levels.map((l) => OUTCOMES.ids.indexOf(l as never));
  const groups = new Map<string, { initiative: string; segment: Record<string, unknown>; counts: number[]; companies: Set<number>; outcomeRows: number[][]; reasons: Map<string, { count: number; companies: Set<number>; rows: Set<number> }>[] }>();
  for (let i = 0; i < keep.length; i++) {
    if (!keep[i]) continue;
    const k = outcomeIndex[out.codes[i]!]!;
    const key = [ini.codes[i], ...segs.map((s) => s.codes[i])].join("|");
    let g = groups.get(key);
    if (!g) {
      g = { initiative: String(ini.levels[ini.codes[i]!]), segment: Object.fromEntries(o.by.map((b, j) => [b, segs[j]!.levels[segs[j]!.codes[i]!]])), counts: [0, 0, 0], companies: new Set(), outcomeRows: [[], [], []], reasons: [new Map(), new Map(), new Map()] };
      groups.set(key, g);
    }
    g.counts[k]!++;
    g.companies.add(com.codes[i]!);
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
    const adoption = proportionInterval(practised, total, { confLevel: o.confLevel });
    const effect = practised > 0 ? proportionInterval(pe, practised, { confLevel: o.confLevel }) : null;
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
  /** Practised without effect in the first wave, effective in the second. */
  becameEffective: number | null;
  /** Effective in the first, not effective in the second. */
  lostEffect: number | null;
  /** McNemar's test of the change in practising, and of the change in being effective. */
  practisedPValue: number | null;
  effectivePValue: number | null;
  suppressed: boolean;
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
  /** The initiative vocabulary (default koe's catalogue; extend it with extendInitiativeCatalogue). */
  catalogue: CatalogueOption.optional(),
  /** Cell texts meaning "no answer" (default "", NA, N/A, 無回答). */
  missing: MissingOption.optional(),
});
export type CompareOutcomeWavesOptions = z.input<typeof CompareOutcomeWavesOptions>;

export interface WaveComparison {
  /** Per initiative, sorted by takenUp + becameEffective. */
  changes: WaveChange[];
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

/**
 * Two waves compared (before and after a recommendation): per initiative, the ratings of the same
 * company, cell and initiative in both waves, how many moved from not practised to practised and
 * from no effect to effect (and back), with McNemar's exact test of each change. An initiative
 * whose pairs come from fewer than `minCompanies` companies is suppressed: every count and p-value
 * null, listed after the others in catalogue order. The wave column
 * is found under any of its names (wave, 調査回, 回 …); outcomes, initiatives and cells may be ids or labels.
 * @example
 * const { table } = await readInitiativeRatings("data/initiative_ratings.csv");
 * const w = compareOutcomeWaves(table);
 * [w.waves, w.changes[0]]
 * // => [[1, 2], { initiative: "career_sheet_dialogue", pairs: 175, takenUp: 11, dropped: 0, becameEffective: 18, lostEffect: 3, practisedPValue: 0.000977, effectivePValue: 0.00149, suppressed: false }]
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
    { column: ini.column, missing: (i) => ini.codes[i]! < 0 },
    { column: out.column, missing: (i) => out.codes[i]! < 0 },
    { column: com.column, missing: (i) => com.codes[i]! < 0 },
    ...cells.map((s) => ({ column: s.column, missing: (i: number) => s.codes[i]! < 0 })),
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
  const by = new Map<number, { pairs: number; takenUp: number; dropped: number; becameEffective: number; lostEffect: number; companies: Set<number> }>();
  for (const [key, i1] of first) {
    const i2 = second.get(key);
    if (i2 === undefined) continue;
    const id = ini.codes[i1]!;
    let g = by.get(id);
    if (!g) by.set(id, (g = { pairs: 0, takenUp: 0, dropped: 0, becameEffective: 0, lostEffect: 0, companies: new Set() }));
    g.pairs++;
    g.companies.add(com.codes[i1]!);
    const o1 = outcomeId(i1);
    const o2 = outcomeId(i2);
    const p1 = o1 !== "not_practised";
    const p2 = o2 !== "not_practised";
    if (!p1 && p2) g.takenUp++;
    if (p1 && !p2) g.dropped++;
    if (o1 === "practised_no_effect" && o2 === "practised_effective") g.becameEffective++;
    if (o1 === "practised_effective" && o2 !== "practised_effective") g.lostEffect++;
  }
  const changes: WaveChange[] = [...by].map(([id, g]) => {
    const suppressed = g.companies.size < o.minCompanies;
    return {
      initiative: String(ini.levels[id]),
      pairs: suppressed ? null : g.pairs,
      takenUp: suppressed ? null : g.takenUp,
      dropped: suppressed ? null : g.dropped,
      becameEffective: suppressed ? null : g.becameEffective,
      lostEffect: suppressed ? null : g.lostEffect,
      practisedPValue: suppressed ? null : mcnemarTest(g.dropped, g.takenUp, { exact: true }).pValue,
      effectivePValue: suppressed ? null : mcnemarTest(g.lostEffect, g.becameEffective, { exact: true }).pValue,
      suppressed,
    };
  });
  // Shown rows by change; suppressed rows last, in the catalogue's order (their place must not hint at their size).
  const moved = (c: WaveChange) => (c.suppressed ? -1 : c.takenUp! + c.becameEffective!);
  const order = (id: string) => ini.vocabulary?.order(id) ?? 0;
  changes.sort((a, b) => Number(a.suppressed) - Number(b.suppressed) || moved(b) - moved(a) || order(a.initiative) - order(b.initiative) || (a.initiative < b.initiative ? -1 : 1));
  const result: WaveComparison = { changes, waves: [w1, w2], wavesPresent: all, waveColumn, n, nMissing, warnings, toTable: () => aq.from(changes) };
  Object.defineProperty(result, "toTable", { enumerable: false });
  return result;
}
