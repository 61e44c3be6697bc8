import type { TopLevelSpec } from "vega-lite";
import { furniture, koeTheme, type Lang } from "../theme.js";

/** One cell of a segment × segment count table, after small-group suppression. */
export interface HeatmapCell {
  row: string;
  column: string;
  /** The count, or null where it is suppressed. */
  n: number | null;
  suppressed: boolean;
}

export interface SegmentHeatmapOptions {
  lang?: Lang;
  title?: string;
  rowTitle?: string;
  columnTitle?: string;
  /** Natural order of row ids (e.g. young, mid, senior); others follow in first-seen order. */
  rowOrder?: readonly string[];
  columnOrder?: readonly string[];
  /** Display labels for ids (e.g. { young: "若手" }). */
  labels?: Readonly<Record<string, string>>;
  /** The minimum group size the cells were suppressed with (for the footnote). */
  minGroupSize?: number;
}

const DEFAULTS = { lang: "ja" as Lang, minGroupSize: 5, cellSize: 34 };

function ordered(values: readonly string[], order: readonly string[] | undefined): string[] {
  const seen = [...new Set(values)];
  if (!order) return seen;
  return [...order.filter((v) => seen.includes(v)), ...seen.filter((v) => !order.includes(v))];
}

/**
 * A heatmap of counts by two segments (e.g. company × generation): colour shows the count, each
 * cell prints it, suppressed cells are grey and say 秘匿 / suppressed — their counts are never in
 * the spec. A pure function: same cells, same spec.
 * @example
 * segmentHeatmapChart([{ row: "young", column: "C01", n: 42, suppressed: false }], { labels: { young: "若手" } })
 * // => { $schema: "…vega-lite…", layer: [rect, text], … }
 */
export function segmentHeatmapChart(cells: readonly HeatmapCell[], options: SegmentHeatmapOptions = {}): TopLevelSpec {
  const lang = options.lang ?? DEFAULTS.lang;
  const words = furniture[lang];
  const label = (id: string) => options.labels?.[id] ?? id;
  const rows = ordered(cells.map((c) => c.row), options.rowOrder);
  const columns = ordered(cells.map((c) => c.column), options.columnOrder);
  const values = cells.map((c) => ({
    row: label(c.row),
    column: label(c.column),
    n: c.suppressed ? null : c.n,
    suppressed: c.suppressed,
    text: c.suppressed ? words.suppressed : String(c.n ?? ""),
  }));
  const max = Math.max(0, ...values.map((v) => v.n ?? 0));
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: koeTheme,
    title: {
      text: options.title ?? (lang === "ja" ? "回答者数" : "Respondents"),
      subtitle: words.suppressedNote(options.minGroupSize ?? DEFAULTS.minGroupSize),
    },
    data: { values },
    width: { step: DEFAULTS.cellSize + 8 },
    height: { step: DEFAULTS.cellSize },
    encoding: {
      x: { field: "column", type: "nominal", sort: columns.map(label), title: options.columnTitle ?? null, axis: { labelAngle: 0, orient: "top" } },
      y: { field: "row", type: "nominal", sort: rows.map(label), title: options.rowTitle ?? null },
    },
    layer: [
      {
        transform: [{ filter: "!datum.suppressed" }],
        mark: { type: "rect", stroke: "#ffffff", strokeWidth: 1 },
        encoding: { color: { field: "n", type: "quantitative", title: words.count, scale: { scheme: "blues", domainMin: 0 } } },
      },
      {
        // Suppressed cells: a grey rect with no count behind it.
        transform: [{ filter: "datum.suppressed" }],
        mark: { type: "rect", stroke: "#ffffff", strokeWidth: 1, color: "#d9d9d9" },
      },
      {
        mark: { type: "text", fontSize: 10 },
        encoding: {
          text: { field: "text", type: "nominal" },
          color: { condition: { test: `datum.n !== null && datum.n > ${max * 0.6}`, value: "#ffffff" }, value: "#222222" },
        },
      },
    ],
  };
}
