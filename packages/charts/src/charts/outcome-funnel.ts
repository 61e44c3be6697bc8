import { parseOptions, z, type ReportTable } from "@koe/core";
import type { TopLevelSpec } from "vega-lite";
import { ChartError } from "../errors.js";
import { checkList, checkObject, fields, type Shape } from "../input.js";
import { codeChartWords } from "../interview-messages.js";
import { chartMessages as m, expected, furniture, places, vocabulary, type Lang } from "../messages.js";
import { estimateTextWidth } from "../text-metrics.js";
import { koeTheme } from "../theme.js";
import { noteChart } from "./code-tables.js";
import { tableMin } from "./likert.js";

const CHART = "outcomeFunnelChart";

/**
 * Defaults of {@link outcomeFunnelChart}'s options and look (sizes in pixels).
 * @example
 * OUTCOME_FUNNEL_DEFAULTS.barWidth // => 360
 */
export const OUTCOME_FUNNEL_DEFAULTS = {
  lang: "ja" as Lang,
  /** Width of a 100% bar. */
  barWidth: 360,
  rowHeight: 26,
  fontSize: 11,
  /** Space either side of a share printed inside its segment; narrower segments print nothing. */
  segmentPadding: 3,
  /** Colours of not practised (grey), practised with no effect (light), practised with effect (strong). */
  outcomeColours: ["#c4c4c4", "#a6cde8", "#0072b2"],
  suppressedFill: "#efefef",
  suppressedStroke: "#b0b0b0",
  suppressedText: "#555555",
};
const D = OUTCOME_FUNNEL_DEFAULTS;

/**
 * Outcomes of each initiative, as @koe/core's studies compute them — `initiativeReport`'s `outcomes`
 * table (`report.tables.outcomes`) is taken as it is: of the `n` ratings of companies that tried it,
 * how many did not practise it, practised it with no effect, and practised it with effect; with a
 * `segment` (e.g. a generation) when the table breaks initiatives down. Declared here structurally:
 * charts depend on what they draw, not on the study's result type. Other columns are ignored.
 * @example
 * const result: OutcomeFunnelInput = { rows: [
 *   { initiative: "one_on_one", n: 20, notPractised: 2, practisedNoEffect: 6, practisedEffective: 12, effectRate: 0.6, suppressed: false },
 *   { initiative: "side_jobs", n: null, notPractised: null, practisedNoEffect: null, practisedEffective: null, effectRate: null, suppressed: true },
 * ] };
 * outcomeFunnelChart(result).layer[2].data // => { values: [{ initiative: "キャリア1on1", text: "20件" }] }
 * outcomeFunnelChart(result).layer[3].data // => { values: [{ initiative: "副業・兼業", text: "秘匿" }] }
 */
export type OutcomeFunnelInput = ReportTable | OutcomeFunnelTable;

/** The outcomes table as a caller may write it, optionally with the privacy rule whose `minGroupSize` (companies) a fully hidden table's note prints (default 5). */
export interface OutcomeFunnelTable {
  /** One row per initiative (and segment); counts are `null` where suppressed. */
  rows: readonly { initiative: string; segment?: string | null; n: number | null; notPractised: number | null; practisedNoEffect: number | null; practisedEffective: number | null; effectRate: number | null; suppressed: boolean }[];
  privacy?: { params: Readonly<Record<string, unknown>> };
}

const Options = z.object({
  /** Language of the chart's words and of the built-in labels. Default "ja". */
  lang: z.enum(["ja", "en"]).default(D.lang),
  /** Chart title. Default "施策の実践と効果" / "Initiatives: practice and effect". */
  title: z.string().optional(),
  /** Display labels of initiative ids; they win over the built-in labels ({@link vocabulary}). Ids with neither show as they are. */
  labels: z.record(z.string(), z.string()).readonly().optional(),
});

/**
 * Options of {@link outcomeFunnelChart}; every one is optional, and an unknown one is an error.
 * @example
 * const options: OutcomeFunnelOptions = { lang: "en", labels: { one_on_one: "1on1 with manager" } };
 * const result = { rows: [{ initiative: "one_on_one", n: 20, notPractised: 2, practisedNoEffect: 6, practisedEffective: 12, effectRate: 0.6, suppressed: false }] };
 * outcomeFunnelChart(result, options).layer[2].data // => { values: [{ initiative: "1on1 with manager", text: "n = 20" }] }
 * outcomeFunnelChart(result, { lables: {} }) // throws: unknown option "lables"; did you mean "labels"?
 */
export type OutcomeFunnelOptions = z.input<typeof Options>;

type Row = OutcomeFunnelTable["rows"][number];
const OUTCOMES = ["notPractised", "practisedNoEffect", "practisedEffective"] as const;
const isCount = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 0;

const ROW: Shape<Row> = {
  initiative: fields.text, segment: fields.optional(fields.textOrNull), n: fields.numberOrNull, notPractised: fields.numberOrNull, practisedNoEffect: fields.numberOrNull,
  practisedEffective: fields.numberOrNull, effectRate: fields.numberOrNull, suppressed: fields.boolean,
};

/** The shape first (KoeArgumentError), then whether it holds together (ChartError). */
function check(result: unknown): asserts result is OutcomeFunnelTable {
  checkObject<OutcomeFunnelTable>(CHART, result, places.argument("result"), { rows: fields.list, privacy: fields.optional(fields.object) });
  checkList<Row>(CHART, result.rows, "result.rows", ROW);
  const seen = new Set<string>();
  for (const r of result.rows) {
    const id = JSON.stringify([r.initiative, r.segment ?? null]);
    if (seen.has(id)) throw ChartError.of(m.duplicateRow, { fn: CHART, initiative: r.segment ? `${r.initiative} (${r.segment})` : r.initiative });
    seen.add(id);
    if (r.suppressed) continue; // its counts are ignored, never drawn
    const where = places.initiative(r.initiative);
    for (const field of ["n", ...OUTCOMES] as const) {
      if (!isCount(r[field])) throw ChartError.of(m.badField, { fn: CHART, where, field, value: r[field], expected: expected.shownCount });
    }
    const sum = r.notPractised! + r.practisedNoEffect! + r.practisedEffective!;
    if (sum !== r.n) throw ChartError.of(m.outcomesDoNotSum, { fn: CHART, initiative: r.initiative, n: r.n!, sum });
    if (r.effectRate !== null && !(r.effectRate >= 0 && r.effectRate <= 1)) {
      throw ChartError.of(m.badField, { fn: CHART, where, field: "effectRate", value: r.effectRate, expected: expected.shareOrNull });
    }
  }
}

const percent = (share: number) => `${Math.round(share * 100)}%`;

/**
 * Per initiative (and segment, labelled "キャリア1on1（若手）" or "Career 1on1 (Young)"), a 100% bar of what became of it in
 * the companies that tried it — `outcomeFunnelChart(report.tables.outcomes)`: not practised
 * (grey), practised with no effect (light), practised with effect (strong colour). Rows are sorted by
 * the share of all their ratings practised with effect — the strong segment, as the subtitle says —
 * highest first (ties keep input order; a row with no ratings goes last). Not by `effectRate`
 * (effective among those practised), which would rank an initiative tried twice and effective twice
 * above one tried ten times and effective five times.
 * Shares are printed inside segments wide enough for them, and each bar's number of companies at its
 * right. A suppressed row is a grey bar saying 秘匿 at the bottom (its place must not hint at its
 * rate), and none of its numbers enters the spec. No rows, or every row hidden, draw the title and a
 * note saying so. Pure: same result and options, same spec.
 * @example
 * const spec = outcomeFunnelChart({ rows: [
 *   { initiative: "mandatory_training", n: 10, notPractised: 5, practisedNoEffect: 3, practisedEffective: 2, effectRate: 0.2, suppressed: false },
 *   { initiative: "one_on_one", n: 20, notPractised: 2, practisedNoEffect: 6, practisedEffective: 12, effectRate: 0.6, suppressed: false },
 * ] });
 * (spec.encoding as { y: { sort: string[] } }).y.sort // => ["キャリア1on1", "強制的な研修"]
 * @throws {ChartError} when an initiative appears twice, a shown row has a missing or negative count,
 *   its outcomes do not add up to n, its effect rate is outside 0–1, or two initiatives share a label.
 * @throws {KoeArgumentError} when the result is not `{ rows: [...] }` with rows of the shape above,
 *   or an option is unknown or of the wrong kind (`lang: "jp"`).
 */
export function outcomeFunnelChart(result: OutcomeFunnelInput, options: OutcomeFunnelOptions = {}): TopLevelSpec {
  const { lang, title, labels } = parseOptions(CHART, Options, options);
  check(result);
  const words = furniture[lang];
  const chartTitle = title ?? words.outcomeFunnel;
  if (result.rows.length === 0) return noteChart(chartTitle, codeChartWords[lang].noData);
  if (result.rows.every((r) => r.suppressed)) return noteChart(chartTitle, words.allHiddenCompanies(tableMin(result, 5)));
  const name = (id: string) => labels?.[id] ?? vocabulary[lang][id] ?? id;
  const label = (r: Row) => (!r.segment ? name(r.initiative) : lang === "ja" ? `${name(r.initiative)}（${name(r.segment)}）` : `${name(r.initiative)} (${name(r.segment)})`);
  const owner = new Map<string, string>();
  for (const r of result.rows) {
    const id = r.segment ? `${r.initiative} (${r.segment})` : r.initiative;
    const other = owner.get(label(r));
    if (other !== undefined) throw ChartError.of(m.labelCollision, { fn: CHART, axis: "row", a: other, b: id, label: label(r) });
    owner.set(label(r), id);
  }

  // Shown rows by the share of their ratings practised with effect (stable), then shown rows with no ratings, then suppressed rows.
  const rank = (r: Row) => (r.suppressed ? 2 : r.n === 0 ? 1 : 0);
  const effective = (r: Row) => r.practisedEffective! / r.n!;
  const rows = [...result.rows].sort((a, b) => rank(a) - rank(b) || (rank(a) === 0 ? effective(b) - effective(a) : 0));
  const order = rows.map(label);
  const outcomeLabels = OUTCOMES.map((o) => words.outcomes[o]);
  const minWidth = estimateTextWidth("100%", D.fontSize) + 2 * D.segmentPadding;

  const segments = rows.filter((r) => !r.suppressed).flatMap((r) => {
    let start = 0;
    return OUTCOMES.map((o, i) => {
      const share = r.n === 0 ? 0 : r[o]! / r.n!;
      const segment = { initiative: label(r), outcome: outcomeLabels[i]!, count: r[o]!, share, start, end: start + share, text: share * D.barWidth >= minWidth ? percent(share) : "" };
      start += share;
      return segment;
    });
  });
  const totals = rows.filter((r) => !r.suppressed).map((r) => ({ initiative: label(r), text: words.companies(r.n!) }));
  const hidden = rows.filter((r) => r.suppressed).map((r) => ({ initiative: label(r), text: words.suppressed }));
  const x = { scale: { domain: [0, 1] }, axis: { format: ".0%", values: [0, 0.25, 0.5, 0.75, 1], title: null, grid: false } };

  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: koeTheme,
    title: { text: chartTitle, subtitle: [...words.outcomeFunnelNote] },
    width: D.barWidth,
    height: { step: D.rowHeight },
    encoding: { y: { field: "initiative", type: "nominal", sort: order, title: null, axis: { domain: false, ticks: false, labelLimit: 0 } } },
    layer: [
      {
        data: { values: segments },
        mark: { type: "bar", stroke: "#ffffff", strokeWidth: 1 },
        encoding: {
          x: { field: "start", type: "quantitative", ...x },
          x2: { field: "end" },
          color: {
            field: "outcome", type: "nominal", title: null,
            scale: { domain: outcomeLabels, range: D.outcomeColours },
            legend: { orient: "top", direction: "horizontal", labelLimit: 0, symbolType: "square" },
          },
          tooltip: [{ field: "initiative", type: "nominal" }, { field: "outcome", type: "nominal" }, { field: "count", type: "quantitative" }, { field: "share", type: "quantitative", format: ".0%" }],
        },
      },
      {
        data: { values: segments },
        transform: [{ filter: "datum.text !== ''" }, { calculate: "(datum.start + datum.end) / 2", as: "middle" }],
        mark: { type: "text", aria: false, align: "center", baseline: "middle", fontSize: D.fontSize },
        encoding: {
          x: { field: "middle", type: "quantitative" },
          text: { field: "text", type: "nominal" },
          color: { condition: { test: `datum.outcome === ${JSON.stringify(outcomeLabels[2])}`, value: "#ffffff" }, value: "#222222" },
        },
      },
      {
        data: { values: totals },
        mark: { type: "text", aria: false, align: "left", baseline: "middle", dx: 6, fontSize: D.fontSize, color: "#333333" },
        encoding: { x: { datum: 1, type: "quantitative" }, text: { field: "text", type: "nominal" } },
      },
      {
        data: { values: hidden },
        mark: { type: "bar", color: D.suppressedFill, stroke: D.suppressedStroke, strokeDash: [3, 2] },
        encoding: { x: { datum: 0, type: "quantitative" }, x2: { datum: 1 } },
      },
      {
        data: { values: hidden },
        mark: { type: "text", aria: false, align: "center", baseline: "middle", fontSize: D.fontSize, color: D.suppressedText },
        encoding: { x: { datum: 0.5, type: "quantitative" }, text: { field: "text", type: "nominal" } },
      },
    ],
  };
}
