// The reskilling cycle (リスキリング): per period, how many people reach a trigger (きっかけ), a
// place to learn (学びの場) and a success experience (成功体験), how many complete the cycle, by
// who provided the learning; whether a success feeds the next period's trigger; and the share of
// autonomous learners over time per company with its trend. A report, suppressed at its edge.
import { z } from "zod";
import { columnValues } from "../../analyze/column-values.js";
import { requireDistinct, requireTable, resolveColumn } from "../../boundary/columns.js";
import { parseOptions } from "../../boundary/options.js";
import { binaryColumn, MISSING_BINARY, numericColumn, segmentColumn } from "../../boundary/roles.js";
import { KoeArgumentError } from "../../errors/errors.js";
import { reskillingMessages as m, reskillingNotes as notes } from "../../errors/reskilling-messages.js";
import { learningSources, learningStages, type LearningStage } from "../../model/learning.js";
import type { Table } from "../../model/table.js";
import { valueKey } from "../../privacy/count-structure.js";
import { DEFAULT_MIN_GROUP_SIZE } from "../../privacy/min-group-size.js";
import type { CountTable } from "../../privacy/suppress-together.js";
import { proportionInterval } from "../../stats/proportions.js";
import { publishReport, type DraftTable, type GroupRef, type Note, type StudyReport } from "../report.js";
import { FEW_DF } from "../../analyze/regression.js";
import { periodSlope } from "./trend.js";

export const ReskillingCycleOptions = z.object({
  /** The furthest stage reached in the period (none / trigger / place / success; きっかけ, 学びの場, 成功体験 alike). Default "stage". */
  stage: z.string().default("stage"),
  /** The period (whole numbers, e.g. half-years 1–4). Default "period". */
  period: z.string().default("period"),
  /** The company (the clusters of the trend). Default "company". */
  company: z.string().default("company"),
  /** Whether the person learns autonomously in the period (yes/no). Default "autonomous". */
  autonomous: z.string().default("autonomous"),
  /** Who provided the learning: company / self (会社提供 / 自己啓発), blank when no stage was reached. Default "source". */
  source: z.string().default("source"),
  /** The person, to follow a success into the next period and to cluster each company's trend; null for none. Default "respondent_id". */
  person: z.string().nullable().default("respondent_id"),
  /** "linear" (default; a linear probability model: slope in share points per period) or "logistic" (slope in log-odds). */
  trend: z.enum(["linear", "logistic"]).default("linear"),
  /** Confidence level of the intervals (default 0.95). */
  confLevel: z.number().gt(0).lt(1).default(0.95),
  /** Smallest group shown (default 5). */
  minGroupSize: z.number().int().min(1).default(DEFAULT_MIN_GROUP_SIZE),
  /** Cell texts meaning "no answer" (default "", NA, N/A, 無回答). */
  missing: z.array(z.string()).optional(),
});
export type ReskillingCycleOptions = z.input<typeof ReskillingCycleOptions>;

/** The published columns of each table (before publishReport's `suppressed`). */
export const RESKILLING_COLUMNS = {
  stages: ["period", "stage", "n", "reached", "share_reached", "share_low", "share_high"],
  flows: ["period", "from", "to", "n", "rate", "rate_low", "rate_high"],
  completion: ["period", "source", "triggered", "success", "rate", "rate_low", "rate_high"],
  completionOverall: ["source", "triggered", "success", "rate", "rate_low", "rate_high"],
  cycle: ["from_period", "to_period", "after", "people", "trigger_next", "share", "share_low", "share_high"],
  cycleOverall: ["after", "people", "trigger_next", "share", "share_low", "share_high"],
  autonomy: ["company", "period", "people", "autonomous", "share", "share_low", "share_high"],
  autonomyOverall: ["period", "people", "autonomous", "share", "share_low", "share_high"],
  trend: ["method", "slope", "std_error", "ci_low", "ci_high", "p_value", "clusters", "n"],
  companyTrends: ["company", "slope", "std_error", "ci_low", "ci_high", "p_value", "n"],
} as const;

const STAGES = learningStages.ids;
/** Sources as counted: "none" for no stage reached, "unknown" for a stage reached without a source. */
const SOURCES = ["none", "company", "self", "unknown"] as const;
const SOURCE_NONE = 0;
const SOURCE_UNKNOWN = 3;
const YES = "yes";
const NO = "no";
const AFTER = ["success", "no_success"] as const;

const stagesTable = (period: number) => `stages@${period}`;
const autonomyTable = (period: number) => `autonomy@${period}`;
const cycleTable = (from: number) => `cycle@${from}`;

/** A share with its Wilson interval, or nulls when there is no one to divide by. */
function share(x: number, n: number, confLevel: number) {
  if (n === 0) return { share: null, low: null, high: null };
  const ci = proportionInterval(x, n, { confLevel });
  return { share: x / n, low: ci.ciLow, high: ci.ciHigh };
}

/**
 * The reskilling cycle from one row per person and period (as the bundled `learning.csv`), as a
 * report with the tables (columns in {@link RESKILLING_COLUMNS}):
 * - `stages`: per period and stage (none, trigger, place, success), `n` who stopped there (the
 *   furthest stage) and `reached` = those at that stage or beyond, with its share of the period's
 *   people and Wilson interval.
 * - `flows`: per period, start → trigger, trigger → place, trigger → stop, place → success,
 *   place → stop: the people and the rate (of those who reached `from`), for a flow chart.
 * - `completion`: per period, the completion of the cycle — success ÷ reached a trigger — for all,
 *   company-provided and self-initiated learning side by side; `completionOverall` over all periods
 *   (person-periods).
 * - `cycle`: per pair of consecutive periods, the share who reached a trigger in the later period
 *   after a success experience in the earlier one and after none (the cycle's turn; people in both
 *   periods, with a person column); `cycleOverall` pooled over the pairs.
 * - `autonomy`: the share of autonomous learners per company and period; `autonomyOverall` per period.
 * - `trend`: the common trend of the autonomous share within companies (company fixed effects; a
 *   linear probability model — share points per period — or logistic, log-odds per period),
 *   cluster-robust by company: linear CR2 (Bell & McCaffrey 2002) with Satterthwaite df, as
 *   `clubSandwich::coef_test(vcov = "CR2", test = "Satterthwaite")`, with the warning about few
 *   effective companies when it fires; logistic CR1 (`sandwich::vcovCL(type = "HC1")`) on the
 *   normal. `companyTrends`: each company's own slope, cluster-robust (the same kind) by person.
 *
 * Rows lacking the period, stage, company or autonomy are left out of every table (a warning
 * counts them). Privacy: the people per period by source × stage, per company by autonomy, and per
 * pair of periods by success × next trigger are counted groups; a group under `minGroupSize` (5),
 * and any group its totals would give away, blanks every row that describes it (`suppressed`),
 * and notes naming it are withheld. The common trend is over everyone and never blank.
 * @throws {KoeArgumentError} on a period that is not a whole number, two rows for one person and period, an unknown stage or source
 * @example
 * const rows = [];
 * for (let id = 1; id <= 40; id++) for (const period of [1, 2]) rows.push({ respondent_id: `R${id}`, company: id <= 20 ? "A" : "B", period, stage: ["none", "trigger", "place", "success"][(id + period) % 4], source: (id + period) % 4 === 0 ? "" : id % 2 ? "company" : "self", autonomous: (id + period) % 3 === 0 ? 1 : 0 });
 * const report = reskillingCycle(aq.from(rows));
 * report.tables.stages.rows.filter((r) => r.period === 1).map((r) => [r.stage, r.n, r.reached]) // => [["none", 10, 40], ["trigger", 10, 30], ["place", 10, 20], ["success", 10, 10]]
 * report.tables.completion.rows.filter((r) => r.period === 1).map((r) => [r.source, r.triggered, r.success]) // => [["all", 30, 10], ["company", 10, 0], ["self", 20, 10]]
 * report.tables.stages.columns // => ["period", "stage", "n", "reached", "share_reached", "share_low", "share_high", "suppressed"]
 */
export function reskillingCycle(table: Table, options: ReskillingCycleOptions = {}): StudyReport {
  const fn = "reskillingCycle";
  requireTable(fn, table);
  const o = parseOptions(fn, ReskillingCycleOptions, options);
  const t = table.isFiltered() || table.isOrdered() ? table.reify() : table;
  const missing = o.missing ? { missing: o.missing } : {};
  const stage = segmentColumn(fn, t, o.stage, { option: "stage", vocabulary: learningStages, ...missing });
  const source = segmentColumn(fn, t, o.source, { option: "source", vocabulary: learningSources, ...missing });
  const period = numericColumn(fn, t, o.period, { option: "period", ...missing });
  const company = segmentColumn(fn, t, o.company, { option: "company", ...missing });
  const autonomous = binaryColumn(fn, t, o.autonomous, { option: "autonomous", ...missing });
  const person = o.person === null ? null : resolveColumn(fn, t, o.person, "person");
  requireDistinct(fn, { stage: stage.column, source: source.column, period: period.column, company: company.column, autonomous: autonomous.column, person });
  const total = t.numRows();
  for (let i = 0; i < total; i++) {
    const v = period.values[i]!;
    if (v === v && !Number.isInteger(v)) throw KoeArgumentError.of(m.notWholePeriod, { fn, column: period.column, value: v, row: i + 1 });
  }
  const stageOf = Int8Array.from(stage.codes, (c) => (c < 0 ? -1 : STAGES.indexOf(stage.levels[c] as LearningStage)));
  const sourceId = source.levels.map((l) => SOURCES.indexOf(l as (typeof SOURCES)[number]));
  const used: number[] = [];
  for (let i = 0; i < total; i++) if (period.values[i] === period.values[i] && stageOf[i]! >= 0 && company.codes[i]! >= 0 && autonomous.values[i] !== MISSING_BINARY) used.push(i);
  const periods = [...new Set(used.map((i) => period.values[i]!))].sort((a, b) => a - b);
  if (periods.length < 2) throw KoeArgumentError.of(m.tooFewPeriods, { fn, column: period.column, periods });
  const at = new Map(periods.map((p, j) => [p, j]));
  const P = periods.length;
  const C = company.levels.length;
  const persons = person ? columnValues(t, person, fn) : null;

  // Counts: per period source × stage, per period company × autonomy; each person's stage per period.
  const cells = periods.map(() => SOURCES.map(() => new Array<number>(STAGES.length).fill(0)));
  const auto = periods.map(() => Array.from({ length: C }, () => ({ people: 0, yes: 0 })));
  const byPerson = new Map<unknown, Int8Array>();
  const firstRow = new Map<string, number>();
  let sourceMissing = 0;
  let sourceIgnored = 0;
  for (const i of used) {
    const j = at.get(period.values[i]!)!;
    const s = stageOf[i]!;
    const code = source.codes[i]!;
    let src = SOURCE_NONE;
    if (s > 0) {
      src = code < 0 ? SOURCE_UNKNOWN : sourceId[code]!;
      if (code < 0) sourceMissing++;
    } else if (code >= 0) sourceIgnored++;
    cells[j]![src]![s]!++;
    const a = auto[j]![company.codes[i]!]!;
    a.people++;
    a.yes += autonomous.values[i]!;
    if (persons) {
      const key = valueKey(persons[i]);
      const k = `${String(key)}\u0000${j}`;
      const seen = firstRow.get(k);
      if (seen !== undefined) throw KoeArgumentError.of(m.repeatedPeriod, { fn, person: String(persons[i]), period: periods[j]!, column: person!, first: seen + 1, again: i + 1 });
      firstRow.set(k, i);
      let row = byPerson.get(key);
      if (!row) byPerson.set(key, (row = new Int8Array(P).fill(-1)));
      row[j] = s;
    }
  }

  // The count tables and the groups each published figure describes.
  const counts: CountTable[] = [];
  periods.forEach((p, j) => {
    counts.push({ name: stagesTable(p), dims: ["source", "stage"], rows: SOURCES.flatMap((src, k) => STAGES.map((st, s) => ({ source: src, stage: st, n: cells[j]![k]![s]! }))).filter((r) => r.n > 0) });
    counts.push({ name: autonomyTable(p), dims: ["company", "autonomous"], rows: company.levels.flatMap((c, k) => [{ company: c, autonomous: YES, n: auto[j]![k]!.yes }, { company: c, autonomous: NO, n: auto[j]![k]!.people - auto[j]![k]!.yes }]).filter((r) => r.n > 0) });
  });
  const stageRefs = (p: number, from: number): GroupRef[] => STAGES.slice(from).map((st) => ({ table: stagesTable(p), key: { stage: st } }));
  const sourceRefs = (p: number, src: string): GroupRef[] => [{ table: stagesTable(p), key: { source: src } }, ...STAGES.slice(1).map((st) => ({ table: stagesTable(p), key: { source: src, stage: st } }))];
  const reachedOf = (j: number, s: number) => cells[j]!.reduce((sum, row) => sum + row.slice(s).reduce((a, b) => a + b, 0), 0);
  const exactlyOf = (j: number, s: number) => cells[j]!.reduce((sum, row) => sum + row[s]!, 0);

  const cl = o.confLevel;
  const stages: Record<string, unknown>[] = [];
  const flows: Record<string, unknown>[] = [];
  const completion: Record<string, unknown>[] = [];
  const overall = { all: [0, 0], company: [0, 0], self: [0, 0] } as Record<"all" | "company" | "self", [number, number]>;
  periods.forEach((p, j) => {
    const people = reachedOf(j, 0);
    STAGES.forEach((st, s) => {
      const r = share(reachedOf(j, s), people, cl);
      stages.push({ period: p, stage: st, n: exactlyOf(j, s), reached: reachedOf(j, s), share_reached: r.share, share_low: r.low, share_high: r.high, refs: [...stageRefs(p, s), { table: stagesTable(p), key: {} }] });
    });
    const flow = (from: string, fromStage: number, to: string, n: number) => {
      const r = share(n, reachedOf(j, fromStage), cl);
      flows.push({ period: p, from, to, n, rate: r.share, rate_low: r.low, rate_high: r.high, refs: stageRefs(p, Math.max(fromStage, 1)) });
    };
    flow("start", 0, "trigger", reachedOf(j, 1));
    flow("trigger", 1, "place", reachedOf(j, 2));
    flow("trigger", 1, "stop", exactlyOf(j, 1));
    flow("place", 2, "success", reachedOf(j, 3));
    flow("place", 2, "stop", exactlyOf(j, 2));
    const bySource: [("all" | "company" | "self"), number, number, GroupRef[]][] = [
      ["all", reachedOf(j, 1), reachedOf(j, 3), stageRefs(p, 1)],
      ...(["company", "self"] as const).map((src): ["company" | "self", number, number, GroupRef[]] => {
        const row = cells[j]![SOURCES.indexOf(src)]!;
        return [src, row[1]! + row[2]! + row[3]!, row[3]!, sourceRefs(p, src)];
      }),
    ];
    for (const [src, triggered, success, refs] of bySource) {
      const r = share(success, triggered, cl);
      completion.push({ period: p, source: src, triggered, success, rate: r.share, rate_low: r.low, rate_high: r.high, refs });
      overall[src][0] += triggered;
      overall[src][1] += success;
    }
  });
  const completionOverall = (["all", "company", "self"] as const).map((src) => {
    const [triggered, success] = overall[src];
    const r = share(success, triggered, cl);
    return { source: src, triggered, success, rate: r.share, rate_low: r.low, rate_high: r.high, refs: completion.filter((c) => c.source === src).flatMap((c) => c.refs as GroupRef[]) };
  });

  // The cycle's turn: a success in one period, a trigger in the next.
  const cycle: Record<string, unknown>[] = [];
  const pooled = AFTER.map(() => [0, 0]);
  if (persons) {
    for (let j = 0; j + 1 < P; j++) {
      const n = AFTER.map(() => [0, 0]);
      for (const row of byPerson.values()) {
        if (row[j]! < 0 || row[j + 1]! < 0) continue;
        const a = row[j] === 3 ? 0 : 1;
        n[a]![0]!++;
        if (row[j + 1]! >= 1) n[a]![1]!++;
      }
      const name = cycleTable(periods[j]!);
      counts.push({ name, dims: ["after", "next"], rows: AFTER.flatMap((after, a) => [{ after, next: "trigger", n: n[a]![1]! }, { after, next: "no_trigger", n: n[a]![0]! - n[a]![1]! }]).filter((r) => r.n > 0) });
      AFTER.forEach((after, a) => {
        const r = share(n[a]![1]!, n[a]![0]!, cl);
        pooled[a]![0]! += n[a]![0]!;
        pooled[a]![1]! += n[a]![1]!;
        cycle.push({ from_period: periods[j], to_period: periods[j + 1], after, people: n[a]![0], trigger_next: n[a]![1], share: r.share, share_low: r.low, share_high: r.high, refs: [{ table: name, key: { after } }, { table: name, key: { after, next: "trigger" } }] });
      });
    }
  }
  const cycleOverall = persons
    ? AFTER.map((after, a) => {
        const r = share(pooled[a]![1]!, pooled[a]![0]!, cl);
        return { after, people: pooled[a]![0], trigger_next: pooled[a]![1], share: r.share, share_low: r.low, share_high: r.high, refs: cycle.filter((c) => c.after === after).flatMap((c) => c.refs as GroupRef[]) };
      })
    : [];

  // Autonomous learners per company and period, and their trend.
  const autonomy: Record<string, unknown>[] = [];
  const autonomyOverall: Record<string, unknown>[] = [];
  const companyRefs = (k: number): GroupRef[] => periods.flatMap((p) => [{ table: autonomyTable(p), key: { company: company.levels[k] } }, { table: autonomyTable(p), key: { company: company.levels[k], autonomous: YES } }]);
  periods.forEach((p, j) => {
    company.levels.forEach((c, k) => {
      const a = auto[j]![k]!;
      if (a.people === 0) return;
      const r = share(a.yes, a.people, cl);
      autonomy.push({ company: c, period: p, people: a.people, autonomous: a.yes, share: r.share, share_low: r.low, share_high: r.high, refs: [{ table: autonomyTable(p), key: { company: c } }, { table: autonomyTable(p), key: { company: c, autonomous: YES } }] });
    });
    const people = auto[j]!.reduce((s, a) => s + a.people, 0);
    const yes = auto[j]!.reduce((s, a) => s + a.yes, 0);
    const r = share(yes, people, cl);
    autonomyOverall.push({ period: p, people, autonomous: yes, share: r.share, share_low: r.low, share_high: r.high, refs: [{ table: autonomyTable(p), key: {} }, { table: autonomyTable(p), key: { autonomous: YES } }] });
  });
  const trendRows = (rows: number[], fixed: boolean, clusterBy: ArrayLike<unknown>, clusterName: string) => ({
    y: Uint8Array.from(rows, (i) => autonomous.values[i]!),
    period: Float64Array.from(rows, (i) => period.values[i]!),
    group: fixed ? Int32Array.from(rows, (i) => company.codes[i]!) : new Int32Array(rows.length),
    levels: fixed ? C : 1,
    cluster: Array.from(rows, (i) => clusterBy[i]),
    clusterName,
  });
  const common = periodSlope(fn, trendRows(used, true, Array.from(company.codes), company.column), o.trend, cl);
  const method = `${o.trend === "linear" ? "linear probability" : "logistic"} trend on ${period.column} with ${company.column} fixed effects; ${o.trend === "linear" ? `cluster-robust CR2 (Bell–McCaffrey) by ${company.column}, t with Satterthwaite df` : `cluster-robust CR1 (HC1) by ${company.column}, normal`}`;
  const trend = [{ method, slope: common?.slope ?? null, std_error: common?.stdError ?? null, ci_low: common?.ciLow ?? null, ci_high: common?.ciHigh ?? null, p_value: common?.pValue ?? null, clusters: common?.clusters ?? C, n: used.length }];
  const rowsOf = company.levels.map(() => [] as number[]);
  for (const i of used) rowsOf[company.codes[i]!]!.push(i);
  const companyTrends = company.levels.map((c, k) => {
    const s = periodSlope(fn, trendRows(rowsOf[k]!, false, persons ?? Array.from({ length: total }, (_, i) => i), person ?? "row"), o.trend, cl);
    return { company: c, slope: s?.slope ?? null, std_error: s?.stdError ?? null, ci_low: s?.ciLow ?? null, ci_high: s?.ciHigh ?? null, p_value: s?.pValue ?? null, n: rowsOf[k]!.length, refs: companyRefs(k) };
  });

  // Findings and warnings.
  const findings: Note[] = [];
  const warnings: Note[] = [];
  if (common) findings.push({ code: notes.trend.code, params: { trend: o.trend, slope: common.slope, ciLow: common.ciLow, ciHigh: common.ciHigh, clusters: common.clusters, column: company.column } });
  const [, co, se] = completionOverall;
  if (co!.rate !== null && se!.rate !== null) findings.push({ code: notes.completionBySource.code, params: { company: co!.rate, self: se!.rate, groups: [...co!.refs, ...se!.refs] } });
  if (cycleOverall.length === 2 && cycleOverall[0]!.share !== null && cycleOverall[1]!.share !== null) {
    findings.push({ code: notes.carryOver.code, params: { afterSuccess: cycleOverall[0]!.share, afterNoSuccess: cycleOverall[1]!.share, groups: cycleOverall.flatMap((c) => c.refs) } });
  }
  if (used.length < total) warnings.push({ code: notes.rowsLeftOut.code, params: { rows: total, rowsUsed: used.length } });
  if (sourceMissing > 0) warnings.push({ code: notes.sourceMissing.code, params: { rows: sourceMissing, column: source.column } });
  if (sourceIgnored > 0) warnings.push({ code: notes.sourceWithoutStage.code, params: { rows: sourceIgnored, column: source.column } });
  // Linear: the CR2 fit's own warning when the effective number of companies is small; logistic
  // (CR1 on the normal): few companies make its interval optimistic.
  // (The fit warns about its worst term, which may be a company's dummy: only a warning about the
  // period is passed on, and a slope on few Satterthwaite df is said in any case.)
  for (const w of common?.warnings ?? []) warnings.push({ code: w.code, params: w.params });
  if (common && common.warnings.length === 0 && common.df !== null && common.df < FEW_DF) warnings.push({ code: notes.trendFewDf.code, params: { column: company.column, clusters: common.clusters, df: common.df } });
  if (o.trend === "logistic" && C < 30) warnings.push({ code: notes.fewClusters.code, params: { column: company.column, clusters: C } });

  const draft = (columns: readonly string[], rows: Record<string, unknown>[], dims: string[], order: Record<string, readonly unknown[]> = {}): DraftTable => ({
    columns, rows, dims, order, groups: (r) => (r.refs as GroupRef[] | undefined) ?? null,
  });
  const stageOrder = { stage: STAGES, source: ["all", "company", "self"], from: ["start", "trigger", "place"], to: ["trigger", "place", "success", "stop"], after: AFTER, company: company.levels };
  const c = RESKILLING_COLUMNS;
  return publishReport({
    study: "reskillingCycle",
    counts,
    tables: {
      stages: draft(c.stages, stages, ["period", "stage"], stageOrder),
      flows: draft(c.flows, flows, ["period", "from", "to"], stageOrder),
      completion: draft(c.completion, completion, ["period", "source"], stageOrder),
      completionOverall: draft(c.completionOverall, completionOverall, ["source"], stageOrder),
      cycle: draft(c.cycle, cycle, ["from_period", "to_period", "after"], stageOrder),
      cycleOverall: draft(c.cycleOverall, cycleOverall, ["after"], stageOrder),
      autonomy: draft(c.autonomy, autonomy, ["company", "period"], stageOrder),
      autonomyOverall: draft(c.autonomyOverall, autonomyOverall, ["period"]),
      trend: draft(c.trend, trend, ["method"]),
      companyTrends: draft(c.companyTrends, companyTrends, ["company"], stageOrder),
    },
    findings,
    warnings,
    provenance: {
      inputs: [{ name: "table", rows: total, rowsUsed: used.length }],
      wave: null,
      seed: null,
      options: { stage: o.stage, period: o.period, company: o.company, autonomous: o.autonomous, source: o.source, person: o.person, trend: o.trend, confLevel: o.confLevel, minGroupSize: o.minGroupSize },
    },
    minGroupSize: o.minGroupSize,
  });
}
