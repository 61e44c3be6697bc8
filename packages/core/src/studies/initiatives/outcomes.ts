import * as aq from "arquero";
import { KoeArgumentError } from "../../errors/errors.js";
import type { Table } from "../../model/table.js";
import { columnValues } from "../../analyze/column-values.js";
import { orderSegmentValues } from "../../model/segment-order.js";
import { initiativeOutcomeTypes as OUTCOMES } from "../../model/segments.js";
import { mcnemarTest } from "../../stats/mcnemar.js";
import { proportionInterval } from "../../stats/proportions.js";
import type { TidyTable } from "../../stats/result.js";

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
  /** Distinct companies behind the row. */
  companies: number;
  suppressed: boolean;
  /** The most frequent coded reasons behind each outcome (at most 3 each). */
  reasons: Record<string, { reason: string; count: number }[]>;
}

export interface OutcomesResult {
  method: string;
  rows: OutcomeRow[];
  by: string[];
  wave: number | null;
  minCompanies: number;
  n: number;
  nMissing: number;
  toTable(): TidyTable;
}

const isMissing = (v: unknown) => v === null || v === undefined || v === "" || (typeof v === "number" && Number.isNaN(v));

/** Rows of one wave (the given one, else the first of several) that have what `need` names. */
function waveRows(fn: string, table: Table, waveColumn: string, wave: number | undefined): { keep: Uint8Array; wave: number | null } {
  const n = table.numRows();
  const keep = new Uint8Array(n).fill(1);
  if (!table.columnNames().includes(waveColumn)) {
    if (wave !== undefined) throw new KoeArgumentError(`${fn}: wave ${wave} asked for, but there is no column "${waveColumn}"`);
    return { keep, wave: null };
  }
  const w = columnValues(table, waveColumn);
  const waves = orderSegmentValues(waveColumn, Array.from(w)) as number[];
  if (wave !== undefined && !waves.includes(wave)) throw new KoeArgumentError(`${fn}: wave ${wave} is not in column "${waveColumn}" (waves: ${waves.join(", ")})`);
  const chosen = wave ?? waves[0] ?? null;
  for (let i = 0; i < n; i++) if (w[i] !== chosen) keep[i] = 0;
  return { keep, wave: chosen };
}

/**
 * Follows each initiative to its three ends — not practised, practised with no effect, practised
 * with effect — per initiative and per segment in `by`: counts and shares, the adoption rate
 * (practised / all) and the effect rate (effective / practised) with Wilson intervals, and the
 * most frequent coded reasons behind each outcome. Rows resting on fewer than `minCompanies`
 * companies are suppressed (counts null).
 * @example
 * initiativeOutcomes(table, { by: ["generation"] }).rows.find((r) => r.initiative === "one_on_one")
 */
export function initiativeOutcomes(
  table: Table,
  { initiative = "initiative", outcome = "outcome", by = [], reason = "reason_code", company = "company", wave, waveColumn = "wave", minCompanies = 5, confLevel = 0.95 }: {
    initiative?: string; outcome?: string; by?: string[]; reason?: string; company?: string; wave?: number; waveColumn?: string; minCompanies?: number; confLevel?: number;
  } = {},
): OutcomesResult {
  const ini = columnValues(table, initiative, "initiativeOutcomes");
  const out = columnValues(table, outcome, "initiativeOutcomes");
  const com = columnValues(table, company, "initiativeOutcomes");
  const segs = by.map((b) => columnValues(table, b, "initiativeOutcomes"));
  const why = table.columnNames().includes(reason) ? columnValues(table, reason) : null;
  const { keep, wave: chosen } = waveRows("initiativeOutcomes", table, waveColumn, wave);
  const groups = new Map<string, { initiative: string; segment: Record<string, unknown>; counts: number[]; companies: Set<unknown>; reasons: Map<string, number>[] }>();
  let nMissing = 0;
  let n = 0;
  for (let i = 0; i < ini.length; i++) {
    if (!keep[i]) continue;
    const o = out[i];
    if (isMissing(ini[i]) || isMissing(o) || segs.some((s) => isMissing(s[i]))) {
      nMissing++;
      continue;
    }
    const k = OUTCOMES.ids.indexOf(String(o) as never);
    if (k < 0) throw new KoeArgumentError(`initiativeOutcomes: "${String(o)}" in column "${outcome}" (row ${i + 1}) is not an outcome (known: ${OUTCOMES.ids.join(", ")})`);
    n++;
    const key = [String(ini[i]), ...segs.map((s) => String(s[i]))].join("\u0000");
    let g = groups.get(key);
    if (!g) {
      g = { initiative: String(ini[i]), segment: Object.fromEntries(by.map((b, j) => [b, segs[j]![i]])), counts: [0, 0, 0], companies: new Set(), reasons: [new Map(), new Map(), new Map()] };
      groups.set(key, g);
    }
    g.counts[k]!++;
    g.companies.add(com[i]);
    const r = why?.[i];
    if (!isMissing(r)) g.reasons[k]!.set(String(r), (g.reasons[k]!.get(String(r)) ?? 0) + 1);
  }
  const rows: OutcomeRow[] = [...groups.values()].map((g) => {
    const [np, ne, pe] = g.counts as [number, number, number];
    const total = np + ne + pe;
    const practised = ne + pe;
    const suppressed = g.companies.size < minCompanies;
    const adoption = proportionInterval(practised, total, { confLevel });
    const effect = practised > 0 ? proportionInterval(pe, practised, { confLevel }) : null;
    const top = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 3).map(([reason, count]) => ({ reason, count }));
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
      companies: g.companies.size,
      suppressed,
      reasons: suppressed ? {} : Object.fromEntries(OUTCOMES.ids.map((id, k) => [id, top(g.reasons[k]!)])),
    };
  });
  rows.sort((a, b) => (b.effectRate ?? -1) - (a.effectRate ?? -1) || (a.initiative < b.initiative ? -1 : 1));
  const result: OutcomesResult = {
    method: "Initiative outcomes (not practised / practised, no effect / practised, effective)",
    rows,
    by: [...by],
    wave: chosen,
    minCompanies,
    n,
    nMissing,
    toTable: () =>
      aq.from(rows.map(({ segment, reasons, ...r }) => ({ ...segment, ...r, topReasonEffective: reasons.practised_effective?.[0]?.reason ?? null, topReasonNoEffect: reasons.practised_no_effect?.[0]?.reason ?? null, topReasonNotPractised: reasons.not_practised?.[0]?.reason ?? null }))),
  };
  Object.defineProperty(result, "toTable", { enumerable: false });
  return result;
}

export interface WaveChange {
  initiative: string;
  /** Ratings present in both waves. */
  pairs: number;
  /** Not practised in the first wave, practised in the second. */
  takenUp: number;
  /** Practised in the first, not in the second. */
  dropped: number;
  /** Practised without effect in the first wave, effective in the second. */
  becameEffective: number;
  /** Effective in the first, not effective in the second. */
  lostEffect: number;
  /** McNemar's test of the change in practising, and of the change in being effective. */
  practisedPValue: number | null;
  effectivePValue: number | null;
  suppressed: boolean;
}

/**
 * Two waves compared (before and after a recommendation): per initiative, the ratings of the same
 * company, cell and initiative in both waves, how many moved from not practised to practised and
 * from no effect to effect (and back), with McNemar's exact test of each change.
 */
export function compareOutcomeWaves(
  table: Table,
  { waves, initiative = "initiative", outcome = "outcome", company = "company", cell = ["generation", "step"], waveColumn = "wave", minCompanies = 5 }: {
    waves?: [number, number]; initiative?: string; outcome?: string; company?: string; cell?: string[]; waveColumn?: string; minCompanies?: number;
  } = {},
): { changes: WaveChange[]; waves: [number, number]; toTable(): TidyTable } {
  const w = columnValues(table, waveColumn, "compareOutcomeWaves");
  const all = orderSegmentValues(waveColumn, Array.from(w)) as number[];
  const [w1, w2] = waves ?? [all[0]!, all[1]!];
  if (w1 === undefined || w2 === undefined || !all.includes(w1) || !all.includes(w2)) throw new KoeArgumentError(`compareOutcomeWaves needs two waves in column "${waveColumn}" (found: ${all.join(", ")})`);
  const ini = columnValues(table, initiative, "compareOutcomeWaves");
  const out = columnValues(table, outcome, "compareOutcomeWaves");
  const com = columnValues(table, company, "compareOutcomeWaves");
  const cells = cell.map((c) => columnValues(table, c, "compareOutcomeWaves"));
  const first = new Map<string, string>();
  const second = new Map<string, string>();
  for (let i = 0; i < ini.length; i++) {
    if (isMissing(out[i])) continue;
    const key = [ini[i], com[i], ...cells.map((c) => c[i])].map(String).join("\u0000");
    if (w[i] === w1) first.set(key, String(out[i]));
    else if (w[i] === w2) second.set(key, String(out[i]));
  }
  const by = new Map<string, { pairs: number; takenUp: number; dropped: number; becameEffective: number; lostEffect: number; companies: Set<string> }>();
  for (const [key, o1] of first) {
    const o2 = second.get(key);
    if (o2 === undefined) continue;
    const [id, co] = key.split("\u0000") as [string, string];
    let g = by.get(id);
    if (!g) by.set(id, (g = { pairs: 0, takenUp: 0, dropped: 0, becameEffective: 0, lostEffect: 0, companies: new Set() }));
    g.pairs++;
    g.companies.add(co);
    const p1 = o1 !== "not_practised";
    const p2 = o2 !== "not_practised";
    if (!p1 && p2) g.takenUp++;
    if (p1 && !p2) g.dropped++;
    if (o1 === "practised_no_effect" && o2 === "practised_effective") g.becameEffective++;
    if (o1 === "practised_effective" && o2 !== "practised_effective") g.lostEffect++;
  }
  const changes: WaveChange[] = [...by].map(([id, g]) => {
    const suppressed = g.companies.size < minCompanies;
    return {
      initiative: id,
      pairs: g.pairs,
      takenUp: g.takenUp,
      dropped: g.dropped,
      becameEffective: g.becameEffective,
      lostEffect: g.lostEffect,
      practisedPValue: suppressed ? null : mcnemarTest(g.dropped, g.takenUp, { exact: true }).pValue,
      effectivePValue: suppressed ? null : mcnemarTest(g.lostEffect, g.becameEffective, { exact: true }).pValue,
      suppressed,
    };
  });
  changes.sort((a, b) => b.takenUp + b.becameEffective - (a.takenUp + a.becameEffective) || (a.initiative < b.initiative ? -1 : 1));
  return { changes, waves: [w1, w2], toTable: () => aq.from(changes) };
}
