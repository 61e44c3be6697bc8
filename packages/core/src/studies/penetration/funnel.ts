// How far career ownership has spread: the share of each segment that has reached each
// penetration step (know → understand → deepen → support practice), cumulatively, with Wilson
// intervals and the biggest drop between consecutive steps marked; small groups suppressed.
import { z } from "zod";
import { groupColumn, type GroupColumn } from "../../analyze/group-column.js";
import { requireDistinct, requireTable, resolveColumn } from "../../boundary/columns.js";
import { parseOptions } from "../../boundary/options.js";
import { binaryColumn, MISSING_BINARY, segmentColumn } from "../../boundary/roles.js";
import { InsufficientDataError, KoeArgumentError } from "../../errors/errors.js";
import { penetrationMessages as m, penetrationNotes as notes } from "../../errors/penetration-messages.js";
import { knownField } from "../../model/known-fields.js";
import { penetrationSteps } from "../../model/segments.js";
import type { Table } from "../../model/table.js";
import { extendVocabulary, normalizeKey } from "../../model/vocabulary.js";
import { DEFAULT_MIN_GROUP_SIZE } from "../../privacy/min-group-size.js";
import { optionRules } from "../../privacy/messages.js";
import { proportionInterval } from "../../stats/proportions.js";
import { publishReport, type DraftTable, type GroupRef, type Note, type StudyReport } from "../report.js";

export const PenetrationFunnelOptions = z.object({
  /**
   * The step columns, in order: yes/no columns (1/0, はい/いいえ, true/false …), named as columns
   * or as steps of the model (`"know"`, `"理解"` → the column `step_understand` or 「浸透_理解」).
   * Default: the model's four steps, step_know, step_understand, step_deepen, step_practice
   * (Japanese headers 浸透_知る, 浸透_理解, 浸透_深化, 浸透_実践 too).
   */
  steps: z.array(z.string()).optional(),
  /**
   * Instead of `steps`: one column holding the furthest step each person reached (know, understand,
   * deepen, practice or their Japanese labels; none, なし, 未到達 or 0 for none). A list here is read as `steps`.
   */
  step: z.union([z.string(), z.array(z.string())]).optional(),
  /** The segments: one column or a list (e.g. ["generation", "job_type", "manager"]); their combinations are the groups. Default none: everyone. */
  by: z.union([z.string(), z.array(z.string())]).default([]),
  /**
   * How a step counts as reached: "strict" (default) — a person reached step k only when they
   * ticked it and every step before it, so shares never rise along the funnel; "as_answered" —
   * each step as ticked. Either way, answers that are not cumulative are counted in a warning.
   */
  cumulative: z.enum(["strict", "as_answered"]).default("strict"),
  /** Confidence level of the Wilson intervals (default 0.95). */
  confLevel: z.number().gt(0).lt(1).default(0.95),
  /** The smallest group shown (default 5), with complementary suppression against the overall funnel. */
  minGroupSize: z.int({ error: optionRules.wholeAtLeast1.en }).min(1, { error: optionRules.wholeAtLeast1.en }).default(DEFAULT_MIN_GROUP_SIZE),
  /** Cell texts meaning "no answer" (default "", NA, N/A, 無回答). */
  missing: z.array(z.string()).optional(),
});
export type PenetrationFunnelOptions = z.input<typeof PenetrationFunnelOptions>;

/** The columns of the `overall` table; `funnel` has the segment columns (`by`) before them. */
export const FUNNEL_COLUMNS = ["step", "step_ja", "step_en", "n", "reached", "share", "share_low", "share_high", "drop", "biggest_drop"] as const;

interface Step {
  id: string;
  ja: string;
  en: string;
  /** The yes/no column of the step (null when read from one furthest-step column). */
  column: string | null;
}

const SEGMENTS = "segments";
const PREFIX = /^(?:浸透ステップ|浸透|step)[\s_\-・]*/i;
// The furthest-step column's values: the steps, 深化 for deepen, and "none reached".
const furthest = extendVocabulary(penetrationSteps, [
  { id: "deepen", ja: penetrationSteps.label("deepen", "ja"), en: penetrationSteps.label("deepen", "en"), aliases: ["深化"] },
  { id: "none", ja: "未到達", en: "None", aliases: ["なし", "none", "0", "該当なし", "到達なし"] },
]);

/** The step of the model a column is about (step_know, 浸透_知る, 浸透_深化 …), if any. */
function stepOfColumn(column: string): string | undefined {
  const field = knownField(column.replace(/\uFEFF/g, ""))?.id;
  const fromField = field?.startsWith("step_") ? field.slice(5) : undefined;
  if (fromField !== undefined && penetrationSteps.ids.includes(fromField as never)) return fromField;
  const id = furthest.resolve(column.replace(/\uFEFF/g, "").normalize("NFKC").trim().replace(PREFIX, ""));
  return id === undefined || id === "none" ? undefined : id;
}

/** The column of a step of the model: step_<id> under any of its names, else the one column whose name, less a 浸透/step prefix, is the step. */
function columnOfStep(fn: string, table: Table, id: string): string {
  const columns = table.columnNames();
  const named = columns.filter((c) => normalizeKey(c.replace(/\uFEFF/g, "")) === normalizeKey(`step_${id}`));
  if (named.length === 1) return named[0]!;
  const matching = columns.filter((c) => stepOfColumn(c) === id);
  if (matching.length === 1) return matching[0]!;
  if (matching.length > 1) return resolveColumn(fn, table, `step_${id}`, "steps"); // several: the exact name decides, or an error naming them
  const t = penetrationSteps.terms.find((x) => x.id === id)!;
  throw KoeArgumentError.of(m.noStepColumn, { fn, step: id, names: [`step_${id}`, `浸透_${t.ja}`, ...(knownField(`step_${id}`) ? [knownField(`step_${id}`)!.meta.ja] : [])], columns });
}

const stepOfId = (id: string, column: string | null): Step => {
  const t = penetrationSteps.terms.find((x) => x.id === id)!;
  return { id, ja: t.ja, en: t.en, column };
};

/** The steps, in order, with their columns. */
function resolveSteps(fn: string, table: Table, names: readonly string[] | undefined): Step[] {
  if (names === undefined) return penetrationSteps.ids.map((id) => stepOfId(id, columnOfStep(fn, table, id)));
  if (names.length < 2) throw KoeArgumentError.of(m.tooFewSteps, { fn, found: names.length });
  const steps = names.map((name): Step => {
    let column: string | null = null;
    try {
      column = resolveColumn(fn, table, name, "steps");
    } catch (e) {
      const id = penetrationSteps.resolve(name);
      if (id === undefined || !(e instanceof KoeArgumentError)) throw e;
      return stepOfId(id, columnOfStep(fn, table, id));
    }
    const id = stepOfColumn(column);
    return id === undefined ? { id: column, ja: column, en: column, column } : stepOfId(id, column);
  });
  const seen = new Set<string>();
  for (const s of steps) {
    if (seen.has(s.id)) throw KoeArgumentError.of(m.stepTwice, { fn, step: s.id, column: s.column ?? s.id });
    seen.add(s.id);
  }
  return steps;
}

/** The answers as one byte per row and step (1/0, {@link MISSING_BINARY} for a blank), from the step columns or one furthest-step column. */
function readAnswers(fn: string, table: Table, o: { steps?: string[] | undefined; step?: string | string[] | undefined; missing?: string[] | undefined }) {
  const missing = o.missing ? { missing: o.missing } : {};
  const n = table.numRows();
  if (o.steps !== undefined && o.step !== undefined) throw KoeArgumentError.of(m.stepAndSteps, { fn });
  if (typeof o.step === "string") {
    const s = segmentColumn(fn, table, o.step, { option: "step", vocabulary: furthest, ...missing });
    const steps = penetrationSteps.ids.map((id) => stepOfId(id, null));
    const K = steps.length;
    const answers = new Uint8Array(n * K);
    const levelOf = s.levels.map((l) => (l === "none" ? 0 : penetrationSteps.order(String(l)) + 1));
    for (let i = 0; i < n; i++) {
      const c = s.codes[i]!;
      for (let k = 0; k < K; k++) answers[i * K + k] = c < 0 ? MISSING_BINARY : k < levelOf[c]! ? 1 : 0;
    }
    return { steps, answers, columns: [s.column] };
  }
  const steps = resolveSteps(fn, table, o.steps ?? (Array.isArray(o.step) ? o.step : undefined));
  const K = steps.length;
  const columns = steps.map((s) => s.column!);
  requireDistinct(fn, Object.fromEntries(columns.map((c, k) => [`steps[${k}]`, c])));
  const answers = new Uint8Array(n * K);
  columns.forEach((c, k) => {
    const v = binaryColumn(fn, table, c, { option: "steps", ...missing }).values;
    for (let i = 0; i < n; i++) answers[i * K + k] = v[i]!;
  });
  return { steps, answers, columns };
}

/**
 * The penetration funnel: per segment (the combinations of the `by` columns, e.g. generation ×
 * job type × manager), the share that has reached each step, as a report (tables `funnel` and
 * `overall`, through {@link publishReport}). Columns of `overall` ({@link FUNNEL_COLUMNS}; `funnel`
 * has the `by` columns first, holding koe's values: vocabulary ids, true/false for yes/no columns):
 * - `step`, `step_ja`, `step_en`: the step's id and labels (a column that is no step of the model is its own name);
 * - `n`: respondents of the group who answered every step; `reached`: those who reached the step;
 * - `share` = reached / n with its Wilson interval (`share_low`, `share_high`; R's `prop.test(correct = FALSE)`);
 * - `drop`: the fall in share from the step before (null at the first step);
 * - `biggest_drop`: true on the step with the group's largest drop (the first such step on a tie;
 *   none when no share falls), false on the others.
 *
 * Reached is cumulative (`cumulative: "strict"`, default): a person reached step k only when they
 * ticked it and every step before it; respondents who ticked a step after leaving an earlier one
 * unticked are counted in a warning (with `"as_answered"` each step is counted as ticked).
 * Respondents with a blank segment or step answer are left out of every table (a warning says how
 * many). Privacy: groups of fewer than `minGroupSize` (5) are hidden, with complementary
 * suppression against the overall funnel (so no hidden group can be worked out by subtraction);
 * a hidden group's rows keep their labels, every figure blank.
 * @example
 * const report = penetrationFunnel(respondents, { by: ["generation"] });
 * report.tables.funnel.columns // => ["generation", "step", "step_ja", "step_en", "n", "reached", "share", "share_low", "share_high", "drop", "biggest_drop", "suppressed"]
 * report.tables.overall.rows.map((r) => r.step) // => ["know", "understand", "deepen", "practice"]
 * const young = report.tables.funnel.rows.filter((r) => r.generation === "young");
 * young.every((r, k) => k === 0 || r.share <= young[k - 1].share) // => true
 * penetrationFunnel(aq.table({ know: [1, 1, 0], act: [1, 0, 0] }), { steps: ["know", "act"], minGroupSize: 1 }).tables.overall.rows.map((r) => r.share) // => [0.6666667, 0.3333333]
 * @throws {KoeArgumentError} for an unknown option, a step or segment column that is not there, a step answer that is not yes/no
 * @throws {InsufficientDataError} when no respondent has a segment and every step answered
 */
export function penetrationFunnel(table: Table, options: PenetrationFunnelOptions = {}): StudyReport {
  const fn = "penetrationFunnel";
  requireTable(fn, table);
  const o = parseOptions(fn, PenetrationFunnelOptions, options);
  const { steps, answers, columns } = readAnswers(fn, table, o);
  const K = steps.length;
  const byNames = typeof o.by === "string" ? [o.by] : o.by;
  const segs: GroupColumn[] = byNames.map((b) => groupColumn(fn, table, b, { option: "by", missing: o.missing }));
  const by = segs.map((s) => s.column);
  requireDistinct(fn, { ...Object.fromEntries(columns.map((c, k) => [`steps[${k}]`, c])), ...Object.fromEntries(by.map((c, j) => [`by[${j}]`, c])) });
  for (const c of by) if ((FUNNEL_COLUMNS as readonly string[]).includes(c) || c === "suppressed") throw KoeArgumentError.of(m.byIsOutput, { fn, column: c, taken: [...FUNNEL_COLUMNS, "suppressed"] });

  // One pass: each complete row to its segment (combination of the by codes), its reached steps counted.
  const n = table.numRows();
  const segmentOf = new Map<number, number>();
  const segCodes: number[][] = [];
  const counts: number[] = []; // per segment: n, then reached per step
  let leftOut = 0;
  let nonCumulative = 0;
  const strict = o.cumulative === "strict";
  rows: for (let i = 0; i < n; i++) {
    let key = 0;
    for (const s of segs) {
      const c = s.codes[i]!;
      if (c < 0) {
        leftOut++;
        continue rows;
      }
      key = key * s.levels.length + c;
    }
    for (let k = 0; k < K; k++) {
      if (answers[i * K + k] === MISSING_BINARY) {
        leftOut++;
        continue rows;
      }
    }
    let g = segmentOf.get(key);
    if (g === undefined) {
      g = segCodes.length;
      segmentOf.set(key, g);
      segCodes.push(segs.map((s) => s.codes[i]!));
      for (let k = 0; k <= K; k++) counts.push(0);
    }
    const base = g * (K + 1);
    counts[base]!++;
    let lead = true;
    let gap = false;
    let ticksAfterGap = false;
    for (let k = 0; k < K; k++) {
      const v = answers[i * K + k] === 1;
      if (!v) gap = true;
      else if (gap) ticksAfterGap = true;
      lead &&= v;
      if (strict ? lead : v) counts[base + 1 + k]!++;
    }
    if (ticksAfterGap) nonCumulative++;
  }
  const used = n - leftOut;
  if (used === 0) throw new InsufficientDataError(fn, 1, 0, [...by, ...columns].join(", "));
  return publishFunnel(fn, { steps, segs, by, segCodes, counts, used, leftOut, nonCumulative, columns, rows: n }, o);
}

interface Counted {
  steps: Step[];
  segs: GroupColumn[];
  by: string[];
  /** Per segment: its code in each by column. */
  segCodes: number[][];
  /** Per segment: n, then reached per step. */
  counts: number[];
  used: number;
  leftOut: number;
  nonCumulative: number;
  columns: string[];
  rows: number;
}

/** One group's funnel rows: counts, shares with intervals, drops, the biggest marked. */
function funnelRows(steps: readonly Step[], n: number, reached: readonly number[], confLevel: number, labels: Record<string, unknown>): Record<string, unknown>[] {
  const rows = steps.map((s, k) => {
    const ci = proportionInterval(reached[k]!, n, { confLevel });
    const share = reached[k]! / n;
    const drop = k === 0 ? null : reached[k - 1]! / n - share;
    return { ...labels, step: s.id, step_ja: s.ja, step_en: s.en, n, reached: reached[k], share, share_low: ci.ciLow, share_high: ci.ciHigh, drop, biggest_drop: false };
  });
  let best = -1;
  rows.forEach((r, k) => {
    if (r.drop !== null && r.drop > 0 && (best < 0 || r.drop > rows[best]!.drop!)) best = k;
  });
  if (best >= 0) rows[best]!.biggest_drop = true;
  return rows;
}

function publishFunnel(fn: string, c: Counted, o: z.output<typeof PenetrationFunnelOptions>): StudyReport {
  const K = c.steps.length;
  const keyOf = (codes: readonly number[]) => JSON.stringify(codes.map((code, j) => c.segs[j]!.levels[code]!.level));
  const funnel: Record<string, unknown>[] = [];
  const segmentCounts: Record<string, unknown>[] = [];
  const total = new Array<number>(K).fill(0);
  c.segCodes.forEach((codes, g) => {
    const base = g * (K + 1);
    const n = c.counts[base]!;
    const reached = c.counts.slice(base + 1, base + 1 + K);
    reached.forEach((x, k) => (total[k]! += x));
    const labels = Object.fromEntries(codes.map((code, j) => [c.by[j]!, c.segs[j]!.levels[code]!.level]));
    funnel.push(...funnelRows(c.steps, n, reached, o.confLevel, { ...labels, segment: keyOf(codes) }));
    segmentCounts.push({ segment: keyOf(codes), n });
  });
  const overall = funnelRows(c.steps, c.used, total, o.confLevel, {});
  const biggest = overall.find((r) => r.biggest_drop);

  const everyone: GroupRef = { table: SEGMENTS, key: {} };
  const warnings: Note[] = [];
  if (c.leftOut > 0) warnings.push({ code: notes.rowsLeftOut.code, params: { rows: c.leftOut, columns: [...c.by, ...c.columns] } });
  if (c.nonCumulative > 0) warnings.push({ code: notes.nonCumulative.code, params: { people: c.nonCumulative, n: c.used, share: c.nonCumulative / c.used, mode: o.cumulative, groups: [everyone] } });
  const findings: Note[] = [];
  if (biggest) {
    const k = c.steps.findIndex((s) => s.id === biggest.step);
    const [from, to] = [c.steps[k - 1]!, c.steps[k]!];
    findings.push({ code: notes.biggestDrop.code, params: { from: from.id, to: to.id, fromEn: from.en, toEn: to.en, fromJa: from.ja, toJa: to.ja, drop: biggest.drop, groups: [everyone] } });
  }

  const stepOrder = c.steps.map((s) => s.id);
  const order = { step: stepOrder, ...Object.fromEntries(c.by.map((b, j) => [b, c.segs[j]!.levels.map((l) => l.level)])) };
  const tables: Record<string, DraftTable> = {
    funnel: {
      columns: [...c.by, ...FUNNEL_COLUMNS],
      rows: c.by.length === 0 ? overall : funnel,
      dims: [...c.by, "step", "step_ja", "step_en"],
      order,
      groups: (r) => ({ table: SEGMENTS, key: c.by.length === 0 ? {} : { segment: r.segment } }),
    },
    overall: { columns: FUNNEL_COLUMNS, rows: overall, dims: ["step", "step_ja", "step_en"], order, groups: () => everyone },
  };
  return publishReport({
    study: fn,
    counts: [{ name: SEGMENTS, dims: ["segment"], rows: segmentCounts }],
    tables,
    findings,
    warnings,
    provenance: {
      inputs: [{ name: "table", rows: c.rows, rowsUsed: c.used }],
      wave: null,
      seed: null,
      options: { steps: c.steps.map((s) => s.column ?? s.id), step: typeof o.step === "string" ? o.step : null, by: c.by, cumulative: o.cumulative, confLevel: o.confLevel, minGroupSize: o.minGroupSize },
    },
    minGroupSize: o.minGroupSize,
  });
}
