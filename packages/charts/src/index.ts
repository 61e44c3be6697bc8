// Public API of @koe/charts: pure vega-lite spec builders, the theme, and rendering to SVG/PNG/HTML.
export { segmentHeatmapChart, type HeatmapCell, type SegmentHeatmapOptions } from "./charts/segment-heatmap.js";
export { koeTheme, furniture, type Lang } from "./theme.js";
export { compileSpec, renderSvg, renderPng, renderHtml, writeChart, ChartError } from "./render.js";
export { estimateTextWidth, installTextMetrics } from "./text-metrics.js";
export { bundledFontFiles, FONT_FAMILY } from "./fonts.js";
