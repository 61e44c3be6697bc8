import { knownField, managerStatus, parseOptions, penetrationSteps, z } from "@koe/core";
import type { TopLevelSpec } from "vega-lite";
import { ChartError } from "../errors.js";
import { checkObject, fields } from "../input.js";
import { layerChartMessages as lm, layerChartWords, layerPlaces } from "../layer-messages.js";
import { chartMessages as m, type Lang } from "../messages.js";
import { estimateTextWidth } from "../text-metrics.js";
import { koeTheme } from "../theme.js";
import { codeLabels, noteChart, readCodeTable, segmentKey, segmentValues, shown, tooltip, type CodeTable, type CodeTableInput } from "./code-tables.js";
import { requireGroupFigures, tableMin } from "./likert.js";

const CHART = "penetrationFunnelChart";

/**
 * Defaults of {@link penetrationFunnelChart}'s options and look (sizes in pixels).
 * @example
 * PENETRATION_FUNNEL_DEFAULTS.insideFrom // => 0.5
 */
export const PENETRATION_FUNNEL_DEFAULTS = {
  lang: "ja" as Lang,
  minGroupSize: 5,
  /** Width of one step's panel (0–100%). */
  stepWidth: 140,
  rowHeight: 22,
  fontSize: 11,
  /** Shares from this one up are printed inside their bar (white) when the text fits left of the interval; others after the interval. */
  insideFrom: 0.5,
  bar: "#0072b2",
  /** The bar of the step with the segment's biggest drop. */
  dropBar: "#d55e00",
  interval: "#222222",
  suppressedText: "#555555",
};
const D = PENETRATION_FUNNEL_DEFAULTS;

const TableOption = z.custom<CodeTableInput>((v) => v !== null && typeof v === "object" && Array.isArray((v as { rows?: unknown }).rows), { message: "a table { rows: [...] } (penetrationFunnel's overall table)" });

const Options = z.object({
  /** Language of the chart's words, the step labels (`step_ja` / `step_en`) and the segment labels. Default "ja". */
  lang: z.enum(["ja", "en"]).default(D.lang),
  /** The segment columns of the table (e.g. ["generation", "job_type", "manager"]); their values joined label a row. Default: every column that is not the step, its labels or a figure. */
  by: z.union([z.string(), z.array(z.string()).readonly()]).optional(),
  /** penetrationFunnel's `overall` table: everyone's funnel as the first row (全体). */
  overall: TableOption.optional(),
  /** Chart title. Default 「浸透ステップの到達率」. */
  title: z.string().optional(),
  /** Display labels by step id and by segment value; they win over the table's step labels and the model's vocabulary. */
  labels: z.record(z.string(), z.string()).readonly().optional(),
});

/**
 * Options of {@link penetrationFunnelChart}; every one is optional, and an unknown one is an error.
 * @example
 * const options: PenetrationFunnelOptions = { lang: "en", by: ["generation"] };
 * const table = { rows: [{ generation: "young", step: "know", n: 40, reached: 30, share: 0.75, drop: null, biggest_drop: false }] };
 * penetrationFunnelChart(table, options).title.text // => "Reaching the penetration steps"
 * penetrationFunnelChart(table, { by: "generaton" }) // throws: the table has no column "generaton"; did you mean "generation"?
 */
export type PenetrationFunnelOptions = z.input<typeof Options>;

type O = z.output<typeof Options>;
/** Columns of the funnel tables that are not a segment. */
const FIGURES = new Set(["step", "step_ja", "step_en", "n", "reached", "share", "share_low", "share_high", "drop", "biggest_drop", "suppressed"]);
const REQUIRED = ["step", "n", "reached", "share"];

interface Row { segment: string; step: string; n: number | null; reached: number | null; share: number | null; low: number | null; high: number | null; drop: number | null; biggest: boolean }

/** The rows of a funnel table, checked (no segment × step twice; shown figures whole, in range, no group under the minimum), each with its segment's key. */
function readRows(t: CodeTable, by: readonly string[], min: number, segmentOf: (r: Readonly<Record<string, unknown>>) => string): Row[] {
  const seen = new Set<string>();
  return t.rows.map((r, i): Row => {
    const segment = segmentOf(r);
    const step = String(r.step);
    const key = JSON.stringify([segment, step]);
    if (seen.has(key)) throw ChartError.of(m.duplicateCell, { fn: CHART, row: segment === "" ? "—" : segment, column: step });
    seen.add(key);
    if (!shown(r)) return { segment, step, n: null, reached: null, share: null, low: null, high: null, drop: null, biggest: false };
    const where = layerPlaces.row(i, [...by.map((b) => String(r[b])), step].join(" / "));
    requireGroupFigures(CHART, r, where, { counts: ["reached"], groups: ["n"], shares: ["share", "share_low", "share_high"] }, min);
    const kinds: unknown = r; // checked apart, so that `r` keeps its type
    checkObject(CHART, kinds, where, { drop: fields.optional(fields.numberOrNull), biggest_drop: fields.optional(fields.boolean) });
    if ((r.reached as number) > (r.n as number)) throw ChartError.of(m.badField, { fn: CHART, where, field: "reached", value: r.reached, expected: { en: `at most n (${String(r.n)})`, ja: `n（${String(r.n)}）以下` } });
    const num = (v: unknown) => (typeof v === "number" ? v : null);
    return { segment, step, n: r.n as number, reached: r.reached as number, share: r.share as number, low: num(r.share_low), high: num(r.share_high), drop: num(r.drop), biggest: r.biggest_drop === true };
  });
}

/** Labels of a segment column's values: managers as 管理職 / 非管理職, else the model's vocabulary (若手, 技術系) or the caller's. */
function valueLabels(by: string, values: readonly unknown[], o: O): Map<string, string> {
  if (knownField(by)?.id === "manager") {
    return new Map(values.map((v) => [segmentKey(v), o.labels?.[segmentKey(v)] ?? (v === null || v === undefined ? layerChartWords[o.lang].noData : managerStatus.label(v === true || v === "true" ? "manager" : "non_manager", o.lang))]));
  }
  return new Map(segmentValues(by, values, o.lang, o.labels).map((s) => [s.key, s.label]));
}

/**
 * How far career ownership has spread: per segment (a row, e.g. 若手・技術系・非管理職 with its
 * size), the share that has reached each penetration step — cumulatively — as a bar in the step's
 * panel (知る → 理解を深める → さらに理解を深める → 実践を支援する), with its 95% interval;
 * the step with the segment's biggest drop from the step before is orange and says how far it fell
 * (▼28pt). Takes penetrationFunnel's `funnel` table as it is (or its `overall` table), with the
 * `overall` table as everyone's first row when given. Segments keep the table's order (the natural
 * order of generation, job type, role); a hidden segment says 秘匿 in every step, with no figure. A
 * shown row of a group under the minimum is refused. Pure.
 * @example
 * const row = (generation, step, reached, drop, biggest_drop = false) => ({ generation, step, n: 40, reached, share: reached / 40, drop, biggest_drop, suppressed: false });
 * const table = { rows: [row("young", "know", 36, null), row("young", "understand", 30, 0.15), row("young", "deepen", 14, 0.4, true), row("young", "practice", 8, 0.15)] };
 * const spec = penetrationFunnelChart(table);
 * spec.data.values.map((v) => v.text) // => ["90%", "75%", "35% ▼40pt", "20%"]
 * spec.facet.column.sort // => ["知る", "理解を深める", "さらに理解を深める", "実践を支援する"]
 * @throws {ChartError} when a segment × step appears twice, a shown row describes a group under the
 *   minimum, or its counts or shares are missing or out of range.
 * @throws {KoeArgumentError} when the table lacks a column (named with the closest one), a value is
 *   of the wrong kind, or an option is unknown or of the wrong kind.
 */
export function penetrationFunnelChart(table: CodeTableInput, options: PenetrationFunnelOptions = {}): TopLevelSpec {
  const o = parseOptions(CHART, Options, options);
  const words = layerChartWords[o.lang];
  const title = o.title ?? words.funnelTitle;
  const given = o.by === undefined ? undefined : typeof o.by === "string" ? [o.by] : [...o.by];
  const t = readCodeTable(CHART, table, [...REQUIRED, ...(given ?? [])]);
  const min = tableMin(table, D.minGroupSize);
  const by = given ?? t.columns.filter((c) => !FIGURES.has(c));
  const labelsOf = by.map((b) => valueLabels(b, t.rows.map((r) => r[b]), o));
  const segmentOf = (r: Readonly<Record<string, unknown>>) => by.map((b, j) => labelsOf[j]!.get(segmentKey(r[b]))!).join(words.segmentJoin);
  const overall = o.overall === undefined ? null : readCodeTable(CHART, o.overall, REQUIRED);
  const rows = [...(overall ? readRows(overall, [], tableMin(o.overall, D.minGroupSize), () => words.everyone) : []), ...readRows(t, by, min, (r) => (by.length === 0 ? words.everyone : segmentOf(r)))];
  if (rows.length === 0) return noteChart(title, words.noData);
  if (!rows.some((r) => r.n !== null)) return noteChart(title, words.allSuppressed(min));

  // Steps in the model's order (know → practice), others after in the table's; labelled by the table, the model or the caller.
  const stepIds = [...new Set(rows.map((r) => r.step))].sort((a, b) => rank(a) - rank(b));
  const tableLabel = new Map([...(overall?.rows ?? []), ...t.rows].map((r) => [String(r.step), r[`step_${o.lang}`]] as const));
  const steps = codeLabels(CHART, stepIds.map((s) => [s, tableLabel.get(s) ?? (penetrationSteps.order(s) >= 0 ? penetrationSteps.label(s as never, o.lang) : null)] as const), o.labels);
  // Segments in the table's order, each labelled once with its size (the n of its shown rows).
  const segments = [...new Set(rows.map((r) => r.segment))];
  const sizeOf = new Map(rows.filter((r) => r.n !== null).map((r) => [r.segment, r.n!]));
  const rowLabel = new Map(segments.map((s) => [s, sizeOf.has(s) ? words.meanLabel(s, sizeOf.get(s)!) : s]));
  const values = [...rows]
    .sort((a, b) => segments.indexOf(a.segment) - segments.indexOf(b.segment) || stepIds.indexOf(a.step) - stepIds.indexOf(b.step))
    .map((r) => {
      const place = { segment: rowLabel.get(r.segment)!, step: steps.get(r.step)! };
      if (r.share === null) return { ...place, share: null, low: null, high: null, n: null, reached: null, biggest: false, inside: false, text: words.suppressed, suppressed: true };
      const text = r.biggest && r.drop !== null ? `${Math.round(r.share * 100)}% ${words.drop(r.drop)}` : `${Math.round(r.share * 100)}%`;
      const low = r.low ?? r.share;
      // Inside the bar (left of its interval) when the bar is long and the text fits there; else after the interval.
      const inside = r.share >= D.insideFrom && estimateTextWidth(text, D.fontSize) + 6 <= low * D.stepWidth;
      return { ...place, share: r.share, low, high: r.high ?? r.share, n: r.n, reached: r.reached, biggest: r.biggest, inside, text, suppressed: false };
    });
  const x = { type: "quantitative", scale: { domain: [0, 1], nice: false }, axis: { values: [0, 0.5, 1], format: ".0%", title: null, grid: true } };
  const y = { field: "segment", type: "nominal", sort: segments.map((s) => rowLabel.get(s)!), title: null, axis: { domain: false, ticks: false, labelLimit: 0 } };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: koeTheme,
    title: { text: title, subtitle: [words.funnelNote, ...(rows.some((r) => r.n === null) ? [words.groupsHiddenTogether(min)] : [])] },
    data: { values },
    facet: { column: { field: "step", type: "nominal", sort: [...steps.values()], title: null, header: { labelFontSize: 12, labelAnchor: "start", labelOrient: "top" } } },
    spacing: 12,
    spec: {
      width: D.stepWidth,
      height: { step: D.rowHeight },
      encoding: { y },
      layer: [
        {
          transform: [{ filter: "!datum.suppressed" }],
          mark: { type: "bar", height: { band: 0.7 } },
          encoding: {
            x: { field: "share", ...x },
            color: { condition: { test: "datum.biggest", value: D.dropBar }, value: D.bar },
            tooltip: tooltip(o.lang, ["segment", "step", "share:.1%", "low:.1%", "high:.1%", "reached", "n"], { segment: "", step: words.step, share: words.shareReached, low: words.lowHigh[0], high: words.lowHigh[1], reached: words.reached, n: words.respondents }),
          },
        },
        { transform: [{ filter: "!datum.suppressed" }], mark: { type: "rule", color: D.interval, strokeWidth: 1, opacity: 0.7 }, encoding: { x: { field: "low", ...x }, x2: { field: "high" } } },
        {
          transform: [{ filter: "!datum.suppressed && datum.inside" }],
          mark: { type: "text", align: "right", baseline: "middle", dx: -3, fontSize: D.fontSize, color: "#ffffff", aria: false },
          encoding: { x: { field: "low", ...x }, text: { field: "text", type: "nominal" } },
        },
        {
          transform: [{ filter: "!datum.suppressed && !datum.inside" }],
          mark: { type: "text", align: "left", baseline: "middle", dx: 3, fontSize: D.fontSize, aria: false },
          encoding: { x: { field: "high", ...x }, text: { field: "text", type: "nominal" }, color: { condition: { test: "datum.biggest", value: D.dropBar }, value: "#222222" } },
        },
        {
          transform: [{ filter: "datum.suppressed" }],
          mark: { type: "text", align: "left", baseline: "middle", fontSize: D.fontSize, color: D.suppressedText },
          encoding: { x: { datum: 0, ...x }, text: { field: "text", type: "nominal" } },
        },
      ],
    },
  } as TopLevelSpec;
}

/** A step's place: the model's steps in order, any other after them. */
const rank = (step: string) => {
  const k = penetrationSteps.order(step);
  return k < 0 ? penetrationSteps.ids.length : k;
};
