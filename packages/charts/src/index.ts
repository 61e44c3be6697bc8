/**
 * @koe/charts: pure builders of vega-lite specs, the koe theme, and rendering to SVG, PNG (with a
 * bundled Japanese font) and a self-contained HTML page. Every export is documented where it is
 * declared, with an example.
 * @example
 * // import { segmentHeatmapChart, writeChart } from "@koe/charts";
 * const cells = [{ row: "young", column: "C01", n: 42, suppressed: false }, { row: "mid", column: "C01", n: null, suppressed: true }];
 * await writeChart(segmentHeatmapChart(cells, { labels: { young: "若手", mid: "中堅" }, rowOrder: ["young", "mid", "senior"] }), "out/examples/heatmap");
 * // => { spec: "out/examples/heatmap.vl.json", svg: "out/examples/heatmap.svg", png: "out/examples/heatmap.png" }
 * @module
 */

// Charts
export { segmentHeatmapChart, SEGMENT_HEATMAP_DEFAULTS, type HeatmapCell, type SegmentHeatmapOptions } from "./charts/segment-heatmap.js";
/**
 * The top-k initiative matrix of initiativeReport (`report.tables.matrix`): penetration steps across,
 * generations down, each cell's listed initiatives.
 * @example
 * const table = { rows: [{ row: "young", column: "know", rank: 1, initiative: "one_on_one", companies: 20, rated: 26, share: 0.77, tied: false, stability: 0.92, suppressed: false }] };
 * initiativeMatrixChart(table, { showStability: true }).data.values[0].lines // => ["1. キャリア1on1 (20/26) ·安定度 0.92"]
 */
export { initiativeMatrixChart, INITIATIVE_MATRIX_DEFAULTS, type InitiativeMatrixInput, type InitiativeMatrixTable, type InitiativeMatrixRow, type InitiativeMatrixReport, type InitiativeMatrixOptions } from "./charts/initiative-matrix.js";
/**
 * Per initiative, a 100% bar of not practised / practised with no effect / practised with effect
 * (initiativeReport's `report.tables.outcomes` as it is, or rows like these).
 * @example
 * const result = { rows: [{ initiative: "one_on_one", n: 20, notPractised: 2, practisedNoEffect: 6, practisedEffective: 12, effectRate: 0.6, suppressed: false }] };
 * outcomeFunnelChart(result, { lang: "en" }).layer[0].data.values.map((v) => `${v.outcome}: ${v.count}`)
 * // => ["Not practised: 2", "Practised, no effect: 6", "Practised, effective: 12"]
 */
export { outcomeFunnelChart, OUTCOME_FUNNEL_DEFAULTS, type OutcomeFunnelInput, type OutcomeFunnelTable, type OutcomeFunnelOptions } from "./charts/outcome-funnel.js";

// Rendering
export { compileSpec, renderSvg, renderPng, renderHtml, writeChart, type PngOptions, type HtmlOptions } from "./render.js";

// Look and words
export { koeTheme, withTheme } from "./theme.js";
export { furniture, vocabulary, type Lang } from "./messages.js";

// Text and fonts
export { estimateTextWidth, measureTextWidth, installTextMetrics, textMetricsSource, vegaTextMetrics, type TextStyle } from "./text-metrics.js";
export { bundledFontFiles, packageDir, FONT_FAMILY } from "./fonts.js";

// Errors: ChartError (a KoeError, codes chart.*) and the messages' catalogue, in Japanese and English
export { ChartError } from "./errors.js";
export { chartMessages } from "./messages.js";
export {
  prePostChart, balanceChart, effectForestChart,
  type PrePostInput, type BalanceInput, type EffectForestInput, type PrePostRow, type BalanceChartRow, type EffectChartRow,
  type CrossBoundaryChartOptions, type BalanceChartOptions, type EffectForestChartOptions,
} from "./charts/cross-boundary.js";
// The interview study's code charts (codeFrequencies / codeCooccurrence tables as they are), their words and messages
export { codeHeatmapChart, CODE_HEATMAP_DEFAULTS, type CodeHeatmapOptions } from "./charts/code-heatmap.js";
export type { CodeTableInput } from "./charts/code-tables.js";
export { codeChartWords, codeChartMessages } from "./interview-messages.js";
export { codeBarChart, CODE_BAR_DEFAULTS, type CodeBarOptions } from "./charts/code-bar.js";
export { cooccurrenceChart, COOCCURRENCE_DEFAULTS, type CooccurrenceOptions } from "./charts/cooccurrence.js";
// The segment and layer charts (issue 11): Likert items, the layers' gradient, movement between waves, the penetration funnel, the reskilling cycle
export { likertChart, LIKERT_DEFAULTS, type LikertOptions } from "./charts/likert.js";
export { layerChartWords, layerChartMessages } from "./layer-messages.js";
export { layerGradientChart, LAYER_GRADIENT_DEFAULTS, type LayerGradientOptions } from "./charts/layer-gradient.js";
export { layerTransitionChart, LAYER_TRANSITION_DEFAULTS, type LayerTransitionOptions } from "./charts/layer-transition.js";
export { penetrationFunnelChart, PENETRATION_FUNNEL_DEFAULTS, type PenetrationFunnelOptions } from "./charts/penetration-funnel.js";
export { reskillingCycleChart, RESKILLING_CYCLE_DEFAULTS, type ReskillingCycleChartOptions, type ReskillingCycleInput } from "./charts/reskilling-cycle.js";
// The report colleagues open anywhere: the studies' reports as one self-contained HTML page (readable without JavaScript, printable on A4)
export { buildReport, BUILD_REPORT_DEFAULTS, ReportSection, type BuildReportOptions } from "./report/build-report.js";
export { reportWords, reportMessages } from "./report-messages.js";
// Notebooks: the mime bundle a notebook shows for a report, a table, a result or a chart, and show() for Deno's Jupyter kernel
export { display, show, DISPLAY_DEFAULTS, VEGALITE_MIME, VEGALITE_V5_SCHEMA, type DisplayOptions, type MimeBundle } from "./notebook/display.js";
export { notebookWords, notebookMessages } from "./notebook/words.js";
