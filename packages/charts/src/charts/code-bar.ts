import { closest, KoeArgumentError, parseOptions, vocabularyFor, z } from "@koe/core";
import type { TopLevelSpec } from "vega-lite";
import { ChartError } from "../errors.js";
import { codeChartMessages as cm, codeChartWords, codePlaces } from "../interview-messages.js";
import type { Lang } from "../messages.js";
import { koeTheme } from "../theme.js";
import { codeLabels, noteChart, tooltip, readCodeTable, requireFigures, segmentColumnOf, segmentKey, segmentValues, shown, type CodeTable, type CodeTableInput } from "./code-tables.js";

const CHART = "codeBarChart";

/**
 * Defaults of {@link codeBarChart}'s options and look (sizes in pixels).
 * @example
 * CODE_BAR_DEFAULTS.sort // => "share"
 */
export const CODE_BAR_DEFAULTS = {
  lang: "ja" as Lang,
  sort: "share" as "share" | "codebook",
  width: 300,
  rowHeight: 24,
  fontSize: 11,
  bar: "#0072b2",
  interval: "#222222",
  suppressedText: "#555555",
};
const D = CODE_BAR_DEFAULTS;

const Options = z.object({
  /** Language of the chart's words, the code labels (`code_ja` / `code_en`) and the group's label. Default "ja". */
  lang: z.enum(["ja", "en"]).default(D.lang),
  /** Chart title. Default 「コードの出現割合」 / "Share of texts with each code" (with the group's name when one is drawn). */
  title: z.string().optional(),
  /** Order of the bars: "share" (highest first; hidden codes last) or "codebook" (the table's order). Default "share". */
  sort: z.enum(["share", "codebook"]).default(D.sort),
  /** With a table by segment (`frequencies`): its segment column. Default: the one column that is not the code, its labels or a figure. */
  by: z.string().optional(),
  /** With a table by segment: the group drawn (a value of `by`, or its label: "young", 若手). */
  group: z.union([z.string(), z.boolean(), z.number()]).optional(),
  /** Display labels by code id (and segment value); they win over the table's code labels. */
  labels: z.record(z.string(), z.string()).readonly().optional(),
});

/**
 * Options of {@link codeBarChart}; every one is optional, and an unknown one is an error.
 * @example
 * const options: CodeBarOptions = { lang: "en", sort: "codebook" };
 * const table = { rows: [{ code: "network", code_ja: "人脈", code_en: "Network", people: 120, texts: 120, with_code: 30, share: 0.25, share_low: 0.181, share_high: 0.334 }] };
 * codeBarChart(table, options).layer[0].data.values[0].code // => "Network"
 * codeBarChart(table, { sort: "alphabetical" }) // throws: option "sort" must be one of "share", "codebook"
 */
export type CodeBarOptions = z.input<typeof Options>;

const REQUIRED = ["code", "texts", "with_code", "share", "share_low", "share_high"];

/** The rows of the one group asked for, when the table is by segment; the group's label, if any. */
function oneGroup(t: CodeTable, o: { by?: string | undefined; group?: string | boolean | number | undefined; lang: Lang; labels?: Readonly<Record<string, string>> | undefined }): { rows: readonly Record<string, unknown>[]; label: string | null } {
  if (o.by === undefined && o.group === undefined) return { rows: t.rows, label: null };
  const by = segmentColumnOf(CHART, t, o.by);
  const values = segmentValues(by, t.rows.map((r) => r[by]), o.lang, o.labels);
  if (o.group === undefined) throw KoeArgumentError.of(cm.groupNeeded, { fn: CHART, by, values: values.map((v) => v.key) });
  // The group as a value of the column, its label, or any name of it in the model's vocabulary (若手, Young, young).
  const wanted = String(o.group);
  const vocabulary = vocabularyFor(by, undefined, values.map((v) => v.key));
  const id = vocabulary?.resolve(wanted);
  const match = values.find((v) => v.key === wanted) ?? values.find((v) => v.label === wanted || (id !== undefined && vocabulary!.resolve(v.key) === id));
  if (!match) throw KoeArgumentError.of(cm.unknownGroup, { fn: CHART, by, group: wanted, suggestion: closest(wanted, values.map((v) => v.key)), values: values.map((v) => v.key) });
  return { rows: t.rows.filter((r) => segmentKey(r[by]) === match.key), label: match.label };
}

/**
 * The share of texts carrying each code, with its 95% Wilson interval as an error bar and the counts
 * behind it printed at the bar's end (「25%（30/120）」): `codeBarChart(report.tables.overall)` from
 * `codeFrequencies`, or one group of `report.tables.frequencies` with `{ by, group }`. Bars are sorted
 * by share (highest first) or kept in the codebook's order (`sort: "codebook"`). A suppressed code
 * says 秘匿 / suppressed at the bottom (its place must not hint at its share) and carries no number
 * into the spec. No rows, or every row hidden, draws a note saying so. Pure.
 * @example
 * const overall = { rows: [
 *   { code: "learning", code_ja: "学びの場", code_en: "Places to learn", people: 120, texts: 120, with_code: 12, share: 0.1, share_low: 0.058, share_high: 0.167 },
 *   { code: "network", code_ja: "人脈・つながり", code_en: "Network", people: 120, texts: 120, with_code: 30, share: 0.25, share_low: 0.181, share_high: 0.334 },
 * ] };
 * codeBarChart(overall).layer[2].data.values.map((v) => `${v.code} ${v.text}`) // => ["人脈・つながり 25%（30/120）", "学びの場 10%（12/120）"]
 * @throws {ChartError} when a shown row describes a group under the free-text minimum (10, or the
 *   report's own), its counts or shares are missing or out of range, a code appears twice (a table by
 *   segment drawn without `by` and `group`), or two codes share a label.
 * @throws {KoeArgumentError} when the table lacks a column (named with the closest one there is), the
 *   group is not in the table, a value is of the wrong kind, or an option is unknown or of the wrong kind.
 */
export function codeBarChart(table: CodeTableInput, options: CodeBarOptions = {}): TopLevelSpec {
  const o = parseOptions(CHART, Options, options);
  const t = readCodeTable(CHART, table, REQUIRED);
  const { lang } = o;
  const words = codeChartWords[lang];
  const group = oneGroup(t, o);
  const title = o.title ?? (group.label === null ? words.barTitle : words.barTitleOf(group.label));

  const seen = new Set<string>();
  for (const r of group.rows) {
    if (seen.has(r.code as string)) throw ChartError.of(cm.duplicateCode, { fn: CHART, code: r.code as string });
    seen.add(r.code as string);
    if (shown(r)) requireFigures(CHART, r, codePlaces.row(t.rows.indexOf(r), r.code as string), { counts: ["people", "texts", "with_code"], groups: ["people", "texts"], shares: ["share", "share_low", "share_high"] }, t.min);
  }
  if (group.rows.length === 0) return noteChart(title, words.noData);
  if (!group.rows.some(shown)) return noteChart(title, words.allSuppressed(t.min));

  const codes = codeLabels(CHART, group.rows.map((r) => [r.code as string, r[`code_${lang}`]] as const), o.labels);
  // Shown codes by share (stable: ties keep the codebook's order) or in the codebook's order; hidden codes last.
  const visible = group.rows.filter(shown);
  const ordered = o.sort === "share" ? [...visible].sort((a, b) => (b.share as number) - (a.share as number)) : visible;
  const hiddenRows = group.rows.filter((r) => !shown(r));
  const order = [...ordered, ...hiddenRows].map((r) => codes.get(r.code as string)!);
  const bars = ordered.map((r) => ({
    code: codes.get(r.code as string)!, share: r.share as number, low: r.share_low as number, high: r.share_high as number,
    withCode: r.with_code as number, texts: r.texts as number,
  }));
  const ends = bars.map((b) => ({ code: b.code, high: b.high, text: words.shareWithCounts(b.share, b.withCode, b.texts) }));
  const hidden = hiddenRows.map((r) => ({ code: codes.get(r.code as string)!, text: words.suppressed }));
  const notes = hiddenRows.length > 0 ? [words.barNote, words.groupsHidden(t.min)] : [words.barNote];

  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: koeTheme,
    title: { text: title, subtitle: notes },
    width: D.width,
    height: { step: D.rowHeight },
    encoding: { y: { field: "code", type: "nominal", sort: order, title: words.fieldTitles.code!, axis: { title: null, domain: false, ticks: false, labelLimit: 0 } } },
    layer: [
      {
        data: { values: bars },
        mark: { type: "bar", color: D.bar, height: { band: 0.7 } },
        encoding: {
          x: { field: "share", type: "quantitative", title: words.share, scale: { domainMin: 0 }, axis: { format: ".0%", grid: true, tickCount: 5 } },
          tooltip: tooltip(lang, ["code", "share:.1%", "low:.1%", "high:.1%", "withCode", "texts"]),
        },
      },
      {
        data: { values: bars },
        mark: { type: "rule", color: D.interval, strokeWidth: 1.5 },
        encoding: { x: { field: "low", type: "quantitative" }, x2: { field: "high" } },
      },
      {
        data: { values: ends },
        mark: { type: "text", align: "left", baseline: "middle", dx: 4, fontSize: D.fontSize, color: "#333333", aria: false },
        encoding: { x: { field: "high", type: "quantitative" }, text: { field: "text", type: "nominal" } },
      },
      {
        data: { values: hidden },
        mark: { type: "text", align: "left", baseline: "middle", fontSize: D.fontSize, color: D.suppressedText },
        encoding: { x: { datum: 0, type: "quantitative" }, text: { field: "text", type: "nominal" } },
      },
    ],
  } as TopLevelSpec;
}
