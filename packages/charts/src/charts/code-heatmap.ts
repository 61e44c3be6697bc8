import { parseOptions, z } from "@koe/core";
import type { TopLevelSpec } from "vega-lite";
import { ChartError } from "../errors.js";
import { codeChartWords, codePlaces } from "../interview-messages.js";
import { chartMessages as m, type Lang } from "../messages.js";
import { estimateTextWidth } from "../text-metrics.js";
import { koeTheme } from "../theme.js";
import { cellTextLayer, codeLabels, noteChart, tooltip, readCodeTable, requireFigures, segmentColumnOf, segmentKey, segmentName, segmentValues, shown, type CodeTableInput } from "./code-tables.js";

const CHART = "codeHeatmapChart";

/**
 * Defaults of {@link codeHeatmapChart}'s options and look (sizes in pixels).
 * @example
 * CODE_HEATMAP_DEFAULTS.residualDomain // => [-3, 3]
 */
export const CODE_HEATMAP_DEFAULTS = {
  lang: "ja" as Lang,
  /** The colour scale's ends: residuals beyond them take the end colours. */
  residualDomain: [-3, 3] as const,
  /** |residual| at which a cell is outlined: the two-sided 5% point of the standard normal. */
  significant: 1.96,
  /** |residual| from which the share is printed in white (the fill is dark). */
  lightTextFrom: 2.5,
  cellWidth: 56,
  cellHeight: 30,
  fontSize: 11,
  cellPadding: 6,
  labelPadding: 4,
  suppressedFill: "#d9d9d9",
  suppressedText: "#555555",
  /** Fill of a shown cell without a residual (a group the test left out). */
  untestedFill: "#f2f2f2",
  outline: "#222222",
};
const D = CODE_HEATMAP_DEFAULTS;

const Options = z.object({
  /** Language of the chart's words, the code labels (`code_ja` / `code_en`) and the segment labels. Default "ja". */
  lang: z.enum(["ja", "en"]).default(D.lang),
  /** The segment column (e.g. "generation"). Default: the one column of the table that is not the code, its labels or a figure. */
  by: z.string().optional(),
  /** Chart title. Default 「世代別のコードの出現割合」 / "Codes by Generation: share of texts" (the segment's name). */
  title: z.string().optional(),
  /** Title of the segment axis. Default the segment column's name in the language (世代 / Generation), else the column. */
  segmentTitle: z.string().optional(),
  /** Display labels by code id and by segment value; they win over the table's code labels and the model's vocabulary. */
  labels: z.record(z.string(), z.string()).readonly().optional(),
});

/**
 * Options of {@link codeHeatmapChart}; every one is optional, and an unknown one is an error.
 * @example
 * const options: CodeHeatmapOptions = { lang: "en", by: "generation" };
 * const table = { rows: [{ code: "network", code_ja: "人脈", code_en: "Network", generation: "young", people: 40, texts: 40, with_code: 17, share: 0.425, residual: 2.3, suppressed: false }] };
 * codeHeatmapChart(table, options).encoding.x.sort // => ["Young"]
 * codeHeatmapChart(table, { by: "generaton" }) // throws: the table has no column "generaton"; did you mean "generation"?
 */
export type CodeHeatmapOptions = z.input<typeof Options>;

const REQUIRED = ["code", "texts", "with_code", "share", "residual"];
const percent = (share: number) => `${Math.round(share * 100)}%`;

/**
 * The code × segment heatmap of the interview study: `codeHeatmapChart(report.tables.frequencies)`
 * from `codeFrequencies(coded, { by })`. Codes run down in the table's order (the codebook's),
 * segment values across in their natural order (若手 → シニア; labels from the model's vocabulary).
 * Each cell prints the share of the group's texts that carry the code; its colour is the adjusted
 * standardised residual on a diverging scale (−3 to 3: orange where the group says it more than the
 * rest, blue where less), and cells with |r| ≥ 1.96 (significant at 5%) are outlined. Suppressed
 * cells are grey, say 秘匿 / suppressed, and carry no number into the spec; the subtitle explains
 * both. No rows, or every row hidden, draws a note saying so instead of an empty grid. Pure.
 * @example
 * const table = { rows: [
 *   { code: "network", code_ja: "人脈・つながり", code_en: "Network", generation: "senior", people: 30, texts: 30, with_code: 3, share: 0.1, residual: -2.4, suppressed: false },
 *   { code: "network", code_ja: "人脈・つながり", code_en: "Network", generation: "young", people: 40, texts: 40, with_code: 17, share: 0.425, residual: 2.4, suppressed: false },
 *   { code: "network", code_ja: null, code_en: null, generation: "mid", people: null, texts: null, with_code: null, share: null, residual: null, suppressed: true },
 * ] };
 * codeHeatmapChart(table).data.values.map((v) => `${v.segment} ${v.text}`) // => ["若手 43%", "中堅 秘匿", "シニア 10%"]
 * codeHeatmapChart(table).title.text // => "世代別のコードの出現割合"
 * @throws {ChartError} when a shown row describes a group under the free-text minimum (10, or the
 *   report's own) — the table did not come through the study's privacy edge —, a shown row's counts
 *   or share are missing or out of range, a code × segment cell appears twice, or two codes share a label.
 * @throws {KoeArgumentError} when the table lacks a column (named with the closest one there is), the
 *   segment column cannot be told, a value is of the wrong kind, or an option is unknown or of the wrong kind.
 */
export function codeHeatmapChart(table: CodeTableInput, options: CodeHeatmapOptions = {}): TopLevelSpec {
  const o = parseOptions(CHART, Options, options);
  const t = readCodeTable(CHART, table, REQUIRED);
  // `{ rows: [] }` made by hand has no columns to find the segment in: the title then names none.
  const by = t.columns.length > 0 ? segmentColumnOf(CHART, t, o.by) : (o.by ?? null);
  const { lang } = o;
  const words = codeChartWords[lang];
  const axisTitle = o.segmentTitle ?? (by === null ? null : segmentName(by, lang));
  const title = o.title ?? (axisTitle === null ? words.barTitle : words.heatmapTitle(axisTitle));
  if (t.rows.length === 0 || by === null) return noteChart(title, words.noData);

  const seen = new Set<string>();
  t.rows.forEach((r, i) => {
    const key = JSON.stringify([r.code, segmentKey(r[by])]);
    if (seen.has(key)) throw ChartError.of(m.duplicateCell, { fn: CHART, row: String(r.code), column: segmentKey(r[by]) });
    seen.add(key);
    if (shown(r)) requireFigures(CHART, r, codePlaces.row(i, String(r.code), by, r[by]), { counts: ["people", "texts", "with_code"], groups: ["people", "texts"], shares: ["share"] }, t.min);
  });
  if (!t.rows.some(shown)) return noteChart(title, words.allSuppressed(t.min));

  const codes = codeLabels(CHART, t.rows.map((r) => [r.code as string, r[`code_${lang}`]] as const), o.labels);
  const segments = segmentValues(by, t.rows.map((r) => r[by]), lang, o.labels);
  const segmentLabel = new Map(segments.map((s) => [s.key, s.label]));
  const codeAt = new Map([...codes.keys()].map((c, i) => [c, i]));
  const segmentAt = new Map(segments.map((s, i) => [s.key, i]));

  // The data follow the axes' order (codes, then segments), never the input's; a hidden cell carries
  // its place and the word only.
  const inOrder = [...t.rows].sort((a, b) => codeAt.get(a.code as string)! - codeAt.get(b.code as string)! || segmentAt.get(segmentKey(a[by]))! - segmentAt.get(segmentKey(b[by]))!);
  const values = inOrder.map((r) => {
    const place = { code: codes.get(r.code as string)!, segment: segmentLabel.get(segmentKey(r[by]))! };
    if (!shown(r)) return { ...place, share: null, residual: null, significant: false, withCode: null, texts: null, text: words.suppressed, suppressed: true };
    const residual = typeof r.residual === "number" && Number.isFinite(r.residual) ? r.residual : null;
    return {
      ...place, share: r.share as number, residual, significant: residual !== null && Math.abs(residual) >= D.significant,
      withCode: r.with_code as number, texts: r.texts as number, text: percent(r.share as number), suppressed: false,
    };
  });
  const columns = segments.map((s) => s.label);
  const cellWidth = Math.max(D.cellWidth, ...values.map((v) => Math.ceil(estimateTextWidth(v.text, D.fontSize)) + 2 * D.cellPadding));
  const labelsFit = columns.every((c) => estimateTextWidth(c, koeTheme.axis.labelFontSize) <= cellWidth - D.cellPadding);
  const rect = { type: "rect", stroke: "#ffffff", strokeWidth: 1 } as const;

  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: koeTheme,
    title: { text: title, subtitle: [...words.heatmapNote, ...(values.some((v) => !v.suppressed && v.residual === null) ? [words.noResidual] : []), words.groupsHidden(t.min)] },
    data: { values },
    width: { step: cellWidth },
    height: { step: D.cellHeight },
    encoding: {
      x: { field: "segment", type: "nominal", sort: columns, title: axisTitle ?? by, axis: { orient: "top", labelAngle: labelsFit ? 0 : -45, domain: false, ticks: false, labelPadding: D.labelPadding } },
      y: { field: "code", type: "nominal", sort: [...codes.values()], title: words.fieldTitles.code!, axis: { title: null, domain: false, ticks: false, labelLimit: 0 } },
    },
    layer: [
      {
        transform: [{ filter: "!datum.suppressed && datum.residual !== null" }],
        mark: rect,
        encoding: {
          color: {
            field: "residual", type: "quantitative", title: [...words.residual],
            scale: { scheme: "blueorange", domain: [...D.residualDomain], domainMid: 0, clamp: true },
            legend: { values: [-3, -1.96, 0, 1.96, 3], format: ".2~f" },
          },
          tooltip: tooltip(lang, ["code", "segment", "share:.1%", "withCode", "texts", "residual:.2f"], { segment: axisTitle ?? by }),
        },
      },
      { transform: [{ filter: "!datum.suppressed && datum.residual === null" }], mark: { ...rect, color: D.untestedFill } },
      { transform: [{ filter: "datum.suppressed" }], mark: { ...rect, color: D.suppressedFill } },
      { transform: [{ filter: "datum.significant" }], mark: { type: "rect", fillOpacity: 0, stroke: D.outline, strokeWidth: 2, aria: false } },
      cellTextLayer(D, `datum.residual !== null && abs(datum.residual) >= ${D.lightTextFrom}`),
    ],
  } as TopLevelSpec;
}
