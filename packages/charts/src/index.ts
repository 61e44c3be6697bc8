/**
 * @koe/charts: pure builders of vega-lite specs, the koe theme, and rendering to SVG, PNG (with a
 * bundled Japanese font) and a self-contained HTML page. Every export is documented where it is
 * declared, with an example.
 * @example
 * import { segmentHeatmapChart, writeChart } from "@koe/charts";
 * await writeChart(segmentHeatmapChart(cells, { labels, rowOrder: ["young", "mid", "senior"] }), "out/heatmap");
 * // => { spec: "out/heatmap.vl.json", svg: "out/heatmap.svg", png: "out/heatmap.png" }
 * @module
 */

// Charts
export { segmentHeatmapChart, SEGMENT_HEATMAP_DEFAULTS, type HeatmapCell, type SegmentHeatmapOptions } from "./charts/segment-heatmap.js";
/**
 * The top-k initiative matrix: penetration steps across, generations down, ranked initiatives in each cell.
 * @example
 * await writeChart(initiativeMatrixChart(topMatrix, { showStability: true }), "out/initiatives");
 */
export { initiativeMatrixChart, INITIATIVE_MATRIX_DEFAULTS, type InitiativeMatrixInput, type InitiativeMatrixOptions } from "./charts/initiative-matrix.js";
/**
 * Per initiative, a 100% bar of not practised / practised with no effect / practised with effect.
 * @example
 * await writeChart(outcomeFunnelChart(outcomes, { lang: "en" }), "out/outcomes");
 */
export { outcomeFunnelChart, OUTCOME_FUNNEL_DEFAULTS, type OutcomeFunnelInput, type OutcomeFunnelOptions } from "./charts/outcome-funnel.js";

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
  type PrePostInput, type BalanceInput, type EffectForestInput, type CrossBoundaryChartOptions,
} from "./charts/cross-boundary.js";
