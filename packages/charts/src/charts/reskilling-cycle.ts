import { closest, KoeArgumentError, parseOptions, z, type StudyReport } from "@koe/core";
import type { TopLevelSpec } from "vega-lite";
import { ChartError } from "../errors.js";
import { describeValue } from "../input.js";
import { layerChartMessages as lm, layerChartWords, layerPlaces } from "../layer-messages.js";
import { chartMessages as m, type Lang } from "../messages.js";
import { koeTheme } from "../theme.js";
import { noteChart, readCodeTable, segmentKey, shown, tooltip, type CodeTable, type CodeTableInput } from "./code-tables.js";
import { requireGroupFigures, tableMin } from "./likert.js";

const CHART = "reskillingCycleChart";

/**
 * Defaults of {@link reskillingCycleChart}'s options and look (sizes in pixels).
 * @example
 * [RESKILLING_CYCLE_DEFAULTS.columnStep, RESKILLING_CYCLE_DEFAULTS.rowStep] // => [150, 86]
 */
export const RESKILLING_CYCLE_DEFAULTS = {
  lang: "ja" as Lang,
  minGroupSize: 5,
  /** The cycle: pixels between two stages, between two periods, and a stage's box. */
  columnStep: 150,
  rowStep: 86,
  nodeWidth: 96,
  nodeHeight: 36,
  fontSize: 11,
  nodeFill: "#d6e7f4",
  nodeStroke: "#0072b2",
  arrow: "#555555",
  /** The arrow from a success to the next period's trigger (the cycle's turn). */
  turn: "#d55e00",
  suppressedFill: "#eeeeee",
  suppressedText: "#555555",
  /** The autonomous share: the panel's height, each company's line, everyone's line, the trend. */
  autonomyHeight: 220,
  companyLine: "#b8b8b8",
  overallLine: "#0072b2",
  trendLine: "#d55e00",
};
const D = RESKILLING_CYCLE_DEFAULTS;

const Options = z.object({
  /** Language of the chart's words. Default "ja". */
  lang: z.enum(["ja", "en"]).default(D.lang),
  /** Chart title. Default 「リスキリングのサイクルと自律的な学び」. */
  title: z.string().optional(),
  /** Display labels of companies (in tooltips). */
  labels: z.record(z.string(), z.string()).readonly().optional(),
});

/**
 * Options of {@link reskillingCycleChart}; every one is optional, and an unknown one is an error.
 * @example
 * const options: ReskillingCycleChartOptions = { lang: "en" };
 * reskillingCycleChart({ tables: {} }, { lang: "jp" }) // throws: option "lang" must be one of "ja", "en"
 */
export type ReskillingCycleChartOptions = z.input<typeof Options>;

/** reskillingCycle's report, or its `tables` as they are (stages, flows, completion and autonomy needed; cycle, autonomyOverall and trend drawn when there). */
export type ReskillingCycleInput = StudyReport | { tables: Readonly<Record<string, CodeTableInput>> } | Readonly<Record<string, CodeTableInput>>;

const STAGES = ["trigger", "place", "success"] as const;
const REQUIRED: Record<string, readonly string[]> = {
  stages: ["period", "stage", "n", "reached", "share_reached"],
  flows: ["period", "from", "to", "n", "rate"],
  completion: ["period", "source", "triggered", "success", "rate"],
  autonomy: ["company", "period", "people", "autonomous", "share"],
  cycle: ["from_period", "to_period", "after", "people", "trigger_next", "share"],
  autonomyOverall: ["period", "people", "autonomous", "share"],
  trend: ["method", "slope", "ci_low", "ci_high"],
};
/** Per table: its count columns (each 0 or at least the minimum in a shown row), its shares, and the columns that make a row's key. */
const FIGURES: Record<string, { counts: string[]; shares: string[]; key: string[] }> = {
  stages: { counts: ["n", "reached"], shares: ["share_reached", "share_low", "share_high"], key: ["period", "stage"] },
  flows: { counts: ["n"], shares: ["rate", "rate_low", "rate_high"], key: ["period", "from", "to"] },
  completion: { counts: ["triggered", "success"], shares: ["rate", "rate_low", "rate_high"], key: ["period", "source"] },
  autonomy: { counts: ["people", "autonomous"], shares: ["share", "share_low", "share_high"], key: ["company", "period"] },
  cycle: { counts: ["people", "trigger_next"], shares: ["share", "share_low", "share_high"], key: ["from_period", "after"] },
  autonomyOverall: { counts: ["people", "autonomous"], shares: ["share", "share_low", "share_high"], key: ["period"] },
  trend: { counts: [], shares: [], key: ["method"] },
};

type Rows = readonly Record<string, unknown>[];

/** The report's tables, each checked: columns there, no key twice, shown rows' counts whole and never 1 to min − 1, shares in 0–1. */
function readTables(input: unknown): { tables: Record<string, Rows>; min: number } {
  if (input === null || typeof input !== "object" || Array.isArray(input)) throw KoeArgumentError.of(lm.notATableOrCounts, { fn: CHART, got: describeValue(input) });
  const source = ("tables" in input && typeof (input as { tables: unknown }).tables === "object" ? (input as { tables: object }).tables : input) as Record<string, CodeTableInput>;
  const names = Object.keys(source);
  const out: Record<string, Rows> = {};
  let min = D.minGroupSize;
  for (const [name, required] of Object.entries(REQUIRED)) {
    const given = source[name];
    if (given === undefined) {
      if (["cycle", "autonomyOverall", "trend"].includes(name)) continue;
      throw KoeArgumentError.of(lm.missingTable, { fn: CHART, table: name, suggestion: closest(name, names), tables: names });
    }
    const t: CodeTable = readCodeTable(CHART, given, required);
    const own = tableMin(given, D.minGroupSize);
    min = Math.max(min, own);
    const f = FIGURES[name]!;
    const seen = new Set<string>();
    t.rows.forEach((r, i) => {
      const key = JSON.stringify(f.key.map((k) => r[k] ?? null));
      if (seen.has(key)) throw ChartError.of(m.duplicateCell, { fn: CHART, row: name, column: f.key.map((k) => segmentKey(r[k])).join(" / ") });
      seen.add(key);
      if (!shown(r)) return;
      const where = layerPlaces.row(i, `${name}: ${f.key.map((k) => segmentKey(r[k])).join(" / ")}`);
      requireGroupFigures(CHART, r, where, { counts: f.counts, shares: f.shares.filter((c) => r[c] !== null), numbers: name === "trend" ? ["slope"] : [] }, own);
      for (const field of f.counts) {
        const n = r[field] as number;
        if (n > 0 && n < own) throw ChartError.of(lm.smallCellShown, { fn: CHART, where, field, n, min: own });
      }
    });
    out[name] = t.rows;
  }
  return { tables: out, min };
}

const percent = (v: unknown) => (typeof v === "number" ? `${Math.round(v * 100)}%` : null);

/** The cycle panel: per period (down) the stages (across) as boxes, arrows with the rates, the turn from a success to the next trigger, the completion at the right. */
function cyclePanel(t: Record<string, Rows>, words: (typeof layerChartWords)[Lang], lang: Lang): object {
  const periods = [...new Set(t.stages!.map((r) => r.period as number))].sort((a, b) => a - b);
  const hw = D.nodeWidth / 2 / D.columnStep;
  const hh = D.nodeHeight / 2 / D.rowStep;
  const values: object[] = [];
  const find = (rows: Rows | undefined, match: Record<string, unknown>) => rows?.find((r) => Object.entries(match).every(([k, v]) => r[k] === v));
  for (const p of periods) {
    STAGES.forEach((stage, k) => {
      const r = find(t.stages, { period: p, stage });
      const hidden = !r || !shown(r);
      values.push({
        kind: "node", period: p, x: k - hw, x2: k + hw, y: p - hh, y2: p + hh, cx: k, cy: p, stage: words.stageOf[stage], suppressed: hidden,
        reached: hidden ? null : r!.reached, share: hidden ? null : r!.share_reached,
        text: hidden ? [words.suppressed] : [words.people(r!.reached as number), percent(r!.share_reached)],
      });
      if (k === 0) return;
      const flow = find(t.flows, { period: p, from: STAGES[k - 1], to: stage });
      values.push({ kind: "arrow", x: k - 1 + hw, y: p, x2: k - hw - 0.02, y2: p, mx: k - 0.5, my: p, text: flow === undefined ? "—" : shown(flow) ? percent(flow.rate) : words.suppressed });
    });
    const all = find(t.completion, { period: p, source: "all" });
    const company = find(t.completion, { period: p, source: "company" });
    const self = find(t.completion, { period: p, source: "self" });
    const shownRate = (r: Record<string, unknown> | undefined, field = "rate") => (r === undefined ? "—" : shown(r) ? (percent(r[field]) ?? "—") : words.suppressed);
    values.push({ kind: "completion", cx: 2.7, cy: p, text: words.completion(shownRate(all), shownRate(company), shownRate(self)) });
    // The turn: from this period's success to the next period's trigger.
    if (periods.includes(p + 1)) {
      const after = find(t.cycle, { from_period: p, after: "success" });
      const without = find(t.cycle, { from_period: p, after: "no_success" });
      const [x0, y0, x1, y1] = [2 - hw * 0.6, p + hh, 0 + hw * 0.6, p + 1 - hh - 0.03];
      const angle = (Math.atan2((y1 - y0) * D.rowStep, (x1 - x0) * D.columnStep) * 180) / Math.PI;
      const text = after === undefined ? null : words.cycleTurn(shownRate(after, "share"), shownRate(without, "share"));
      values.push({ kind: "turn", x: x0, y: y0, x2: x1, y2: y1, angle, mx: (x0 + x1) / 2, my: (y0 + y1) / 2, text });
    }
  }
  const x = { field: "x", type: "quantitative", scale: { domain: [-0.5, 3.3], nice: false, zero: false }, axis: null };
  const y = { field: "y", type: "quantitative", scale: { domain: [periods[0]! - 0.55, periods.at(-1)! + 0.45], nice: false, zero: false, reverse: true }, axis: null };
  const at = (fx: string, fy: string) => ({ x: { ...x, field: fx }, y: { ...y, field: fy } });
  const only = (kind: string) => [{ filter: `datum.kind === '${kind}'` }];
  const headers = [...STAGES.map((s, k) => ({ kind: "header", cx: k, cy: periods[0]! - 0.5, text: words.stageOf[s], align: "center" })), { kind: "header", cx: 2.7, cy: periods[0]! - 0.5, text: words.completionHeader, align: "left" }];
  const periodLabels = periods.map((p) => ({ kind: "periodLabel", cx: -0.5, cy: p, text: words.period(p) }));
  return {
    width: Math.round(3.8 * D.columnStep),
    height: Math.round((periods.length + 0.1) * D.rowStep),
    data: { values: [...values, ...headers, ...periodLabels] },
    layer: [
      { transform: only("arrow"), mark: { type: "rule", color: D.arrow, strokeWidth: 1.5 }, encoding: { ...at("x", "y"), x2: { field: "x2" }, y2: { field: "y2" } } },
      { transform: only("arrow"), mark: { type: "point", shape: "triangle-right", filled: true, size: 50, color: D.arrow, opacity: 1 }, encoding: at("x2", "y2") },
      { transform: only("arrow"), mark: { type: "text", baseline: "bottom", dy: -4, fontSize: D.fontSize, color: "#333333" }, encoding: { ...at("mx", "my"), text: { field: "text", type: "nominal" } } },
      { transform: only("turn"), mark: { type: "rule", color: D.turn, strokeWidth: 1.5, strokeDash: [5, 3] }, encoding: { ...at("x", "y"), x2: { field: "x2" }, y2: { field: "y2" } } },
      { transform: only("turn"), mark: { type: "point", shape: "triangle-right", filled: true, size: 50, color: D.turn, opacity: 1 }, encoding: { ...at("x2", "y2"), angle: { field: "angle", type: "quantitative", scale: null } } },
      // The turn's label below and right of the arrow's middle: the arrow runs from upper right to lower left, so that corner is clear.
      { transform: [...only("turn"), { filter: "datum.text !== null" }], mark: { type: "text", align: "left", baseline: "top", dx: 4, dy: 3, fontSize: D.fontSize, color: D.turn, fontWeight: "bold" }, encoding: { ...at("mx", "my"), text: { field: "text", type: "nominal" } } },
      {
        transform: only("node"),
        mark: { type: "rect", cornerRadius: 4, strokeWidth: 1 },
        encoding: {
          ...at("x", "y"), x2: { field: "x2" }, y2: { field: "y2" },
          fill: { condition: { test: "datum.suppressed", value: D.suppressedFill }, value: D.nodeFill },
          stroke: { condition: { test: "datum.suppressed", value: "#b0b0b0" }, value: D.nodeStroke },
          tooltip: tooltip(lang, ["stage", "period", "reached", "share:.1%"], { stage: words.step, period: words.periodTitle, reached: words.reached, share: words.shareReached }),
        },
      },
      { transform: only("node"), mark: { type: "text", baseline: "middle", fontSize: D.fontSize, lineHeight: 14, dy: -7, aria: false }, encoding: { ...at("cx", "cy"), text: { field: "text", type: "nominal" }, color: { condition: { test: "datum.suppressed", value: D.suppressedText }, value: "#222222" } } },
      { transform: only("completion"), mark: { type: "text", align: "left", baseline: "middle", fontSize: D.fontSize, lineHeight: 14, dy: -7, color: "#222222" }, encoding: { ...at("cx", "cy"), text: { field: "text", type: "nominal" } } },
      ...(["center", "left"] as const).map((align) => ({
        transform: [...only("header"), { filter: `datum.align === '${align}'` }],
        mark: { type: "text", align, baseline: "middle", fontSize: 12, fontWeight: "bold", color: "#222222" },
        encoding: { ...at("cx", "cy"), text: { field: "text", type: "nominal" } },
      })),
      { transform: only("periodLabel"), mark: { type: "text", align: "left", baseline: "middle", fontSize: 12, color: "#333333" }, encoding: { ...at("cx", "cy"), text: { field: "text", type: "nominal" } } },
    ],
  };
}

/** The autonomy panel: each company's share over the periods (grey), everyone's (blue, labelled), the common trend (dashed) through everyone's mean. */
function autonomyPanel(t: Record<string, Rows>, words: (typeof layerChartWords)[Lang], o: z.output<typeof Options>): object {
  const periodOf = (r: Record<string, unknown>) => r.period as number;
  const companies = t.autonomy!.filter(shown).map((r) => ({ kind: "company", company: o.labels?.[String(r.company)] ?? String(r.company), period: periodOf(r), share: r.share as number, people: r.people as number }));
  const overall = (t.autonomyOverall ?? []).filter(shown).map((r) => ({ kind: "overall", period: periodOf(r), share: r.share as number, people: r.people as number, text: percent(r.share) }));
  const trendRow = t.trend?.find((r) => typeof r.slope === "number");
  const trend: object[] = [];
  let trendText: string | null = null;
  if (trendRow && overall.length > 0) {
    const slope = trendRow.slope as number;
    const logistic = String(trendRow.method).startsWith("logistic");
    const people = overall.reduce((s, r) => s + r.people, 0);
    const meanPeriod = overall.reduce((s, r) => s + r.period * r.people, 0) / people;
    const meanShare = overall.reduce((s, r) => s + r.share * r.people, 0) / people;
    const logit = (p: number) => Math.log(p / (1 - p));
    const line = (p: number) => (logistic ? 1 / (1 + Math.exp(-(logit(meanShare) + slope * (p - meanPeriod)))) : meanShare + slope * (p - meanPeriod));
    const ends = [overall[0]!.period, overall.at(-1)!.period];
    trend.push(...ends.map((p) => ({ kind: "trend", period: p, share: line(p) })));
    const f = (v: unknown, k = 1) => (typeof v === "number" ? `${v >= 0 ? "+" : "−"}${Math.abs(logistic ? v : v * 100).toFixed(logistic ? 2 : k)}` : "—");
    trendText = logistic ? words.trendLogistic(f(slope), f(trendRow.ci_low), f(trendRow.ci_high)) : words.trendLinear(f(slope), f(trendRow.ci_low), f(trendRow.ci_high));
  }
  const periods = [...new Set([...companies, ...overall].map((r) => r.period))].sort((a, b) => a - b);
  const x = { field: "period", type: "quantitative", scale: { domain: [periods[0]! - 0.2, periods.at(-1)! + 0.2], nice: false, zero: false }, axis: { values: periods, labelExpr: words.periodExpr, title: null, grid: false } };
  const y = { field: "share", type: "quantitative", scale: { domain: [0, 1] }, axis: { format: ".0%", title: null, grid: true, tickCount: 5 } };
  const only = (kind: string) => [{ filter: `datum.kind === '${kind}'` }];
  return {
    title: { text: words.autonomyTitle, subtitle: [words.autonomyNote, ...(trendText ? [trendText] : [])], fontSize: 13, anchor: "start" },
    width: Math.round(3.8 * D.columnStep),
    height: D.autonomyHeight,
    data: { values: [...companies, ...overall, ...trend] },
    encoding: { x, y },
    layer: [
      { transform: only("company"), mark: { type: "line", color: D.companyLine, strokeWidth: 1, opacity: 0.8, point: false }, encoding: { detail: { field: "company", type: "nominal" }, tooltip: tooltip(o.lang, ["company", "period", "share:.1%", "people"], { company: words.company, period: words.periodTitle, share: words.autonomousShare, people: words.respondents }) } },
      { transform: only("overall"), mark: { type: "line", color: D.overallLine, strokeWidth: 3, point: { filled: true, size: 50, color: D.overallLine } }, encoding: { tooltip: tooltip(o.lang, ["period", "share:.1%", "people"], { period: words.periodTitle, share: words.autonomousShare, people: words.respondents }) } },
      { transform: only("trend"), mark: { type: "line", color: D.trendLine, strokeWidth: 2, strokeDash: [6, 4] } },
      { transform: only("overall"), mark: { type: "text", align: "left", baseline: "bottom", dx: 4, dy: -6, fontSize: D.fontSize, fontWeight: "bold", color: D.overallLine }, encoding: { text: { field: "text", type: "nominal" } } },
    ],
  };
}

/**
 * The reskilling cycle and the growth of autonomous learning, from reskillingCycle's report (or its
 * `tables`) as it is. Above, the cycle: one row per period, the three stages across — trigger
 * (きっかけ) → place to learn (学びの場) → success experience (成功体験) — each a box with the
 * people who reached it and their share of the period, the arrows between them labelled with the
 * share who went on (`flows`); a dashed arrow from each period's success to the next period's
 * trigger, labelled with the share who found a trigger after a success against those without one
 * (`cycle`: the cycle's turn); and at the right the cycle's completion (success ÷ trigger) for all,
 * company-provided and self-initiated learning side by side (`completion`). Below, the share of
 * autonomous learners over the periods: each company's line in grey (`autonomy`), everyone's in
 * blue with its shares (`autonomyOverall`), and the common within-company trend (`trend`: company
 * fixed effects, cluster-robust by company) as a dashed line through everyone's mean, its slope and
 * interval in the panel's subtitle (share points per period, or log-odds for a logistic trend).
 * A suppressed figure says 秘匿 (boxes, arrows, completion) or is left out (a company's period), and
 * no number of it reaches the spec; a shown count of 1 to min − 1 is refused. Pure.
 * @example
 * const stages = [["trigger", 40, 0.4], ["place", 30, 0.3], ["success", 20, 0.2]].map(([stage, reached, share]) => ({ period: 1, stage, n: 10, reached, share_reached: share }));
 * const flows = [{ period: 1, from: "trigger", to: "place", n: 30, rate: 0.75 }, { period: 1, from: "place", to: "success", n: 20, rate: 2 / 3 }];
 * const completion = [{ period: 1, source: "all", triggered: 40, success: 20, rate: 0.5 }];
 * const autonomy = [{ company: "A", period: 1, people: 100, autonomous: 25, share: 0.25 }];
 * const spec = reskillingCycleChart({ stages: { rows: stages }, flows: { rows: flows }, completion: { rows: completion }, autonomy: { rows: autonomy } });
 * spec.vconcat[0].data.values.filter((v) => v.kind === "arrow").map((v) => v.text) // => ["75%", "67%"]
 * spec.vconcat[0].data.values.find((v) => v.kind === "completion").text // => ["50%", "会社提供 —・自己啓発 —"]
 * @throws {ChartError} when a shown count lies between 1 and the minimum − 1, a row appears twice, or
 *   a shown row's counts or shares are missing or out of range.
 * @throws {KoeArgumentError} when a needed table or column is not there (named with the closest one),
 *   or an option is unknown or of the wrong kind.
 */
export function reskillingCycleChart(report: ReskillingCycleInput, options: ReskillingCycleChartOptions = {}): TopLevelSpec {
  const o = parseOptions(CHART, Options, options);
  const words = layerChartWords[o.lang];
  const title = o.title ?? words.cycleTitle;
  const { tables, min } = readTables(report);
  if (tables.stages!.length === 0) return noteChart(title, words.noData);
  if (!tables.stages!.some(shown) && !tables.autonomy!.some(shown)) return noteChart(title, words.allSuppressed(min));
  const anyHidden = Object.values(tables).some((rows) => rows.some((r) => !shown(r)));
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: koeTheme,
    title: { text: title, subtitle: [words.cycleNote, ...(anyHidden ? [words.groupsHiddenTogether(min)] : [])] },
    vconcat: [cyclePanel(tables, words, o.lang), autonomyPanel(tables, words, o)],
    spacing: 24,
  } as TopLevelSpec;
}
