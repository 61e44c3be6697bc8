import { KoeArgumentError, compareNatural, parseOptions, vocabularyFor, z, type ReportTable } from "@koe/core";
import type { TopLevelSpec } from "vega-lite";
import { ChartError } from "../errors.js";
import { checkList, fields, type Shape } from "../input.js";
import { codeChartWords } from "../interview-messages.js";
import { layerChartMessages as lm } from "../layer-messages.js";
import { chartMessages as m, furniture, places, type Lang } from "../messages.js";
import { noteChart } from "./code-tables.js";
import { estimateTextWidth } from "../text-metrics.js";
import { koeTheme } from "../theme.js";

const CHART = "segmentHeatmapChart";

/**
 * Defaults of {@link segmentHeatmapChart}'s options and look (sizes in pixels).
 * @example
 * SEGMENT_HEATMAP_DEFAULTS.minGroupSize // => 5
 */
export const SEGMENT_HEATMAP_DEFAULTS = {
  lang: "ja" as Lang,
  minGroupSize: 5,
  cellWidth: 44,
  cellHeight: 32,
  countFontSize: 11,
  labelPadding: 4,
  cellPadding: 6,
  suppressedFill: "#d9d9d9",
  suppressedText: "#555555",
  /** Counts above this share of the largest shown count are printed in white (the fill is dark). */
  lightTextAbove: 0.6,
};
const D = SEGMENT_HEATMAP_DEFAULTS;

/**
 * One cell of a segment × segment count table, after small-group suppression (e.g. a row of
 * `suppressSmallGroups(…).rows` from @koe/core).
 * @example
 * const shown: HeatmapCell = { row: "young", column: "C01", n: 42, suppressed: false };
 * const hidden: HeatmapCell = { row: "mid", column: "C01", n: null, suppressed: true };
 * segmentHeatmapChart([shown, hidden]).data
 * // => { values: [{ row: "young", column: "C01", n: 42, text: "42", suppressed: false }, { row: "mid", column: "C01", n: null, text: "秘匿", suppressed: true }] }
 */
export interface HeatmapCell {
  /** Row id (e.g. a generation id, "young"). */
  row: string;
  /** Column id (e.g. a company id, "C01"). */
  column: string;
  /** The count; `null` where it is suppressed (a count given for a suppressed cell is ignored, never drawn). */
  n: number | null;
  /** Whether the count is hidden (a small group, or one subtraction would reveal). */
  suppressed: boolean;
}

const Options = z.object({
  /** Language of the chart's own words (秘匿 / suppressed, the note, the legend). Default "ja". */
  lang: z.enum(["ja", "en"]).default(D.lang),
  /** Chart title. Default "回答者数" / "Respondents". */
  title: z.string().optional(),
  /** Title of the row axis. Default none. */
  rowTitle: z.string().optional(),
  /** Title of the column axis. Default none. */
  columnTitle: z.string().optional(),
  /** Order of row ids (e.g. ["young", "mid", "senior"]); ids not listed follow in natural order. Default the natural order (a vocabulary's, else numbers ascending, else text sorted) — never the input's order, which could tell a reader something. */
  rowOrder: z.array(z.string()).readonly().optional(),
  /** Natural order of column ids, as `rowOrder`. */
  columnOrder: z.array(z.string()).readonly().optional(),
  /** Display labels by id (e.g. { young: "若手" }); ids without a label show as they are. */
  labels: z.record(z.string(), z.string()).readonly().optional(),
  /** The minimum group size the caller suppressed with: printed in the note, and a shown count from 1 to one under it is refused. Default 5 (a report table's own, when given one). */
  minGroupSize: z.number().optional(),
  /**
   * Draw every id of `rowOrder` and `columnOrder`, even one no cell names (a company with no
   * participants), and every row × column without a cell as a count of 0 — as the core's
   * `suppressSmallGroups(…, { complete: true })` counts an absent combination (pass complete counts).
   * Default false: only ids the cells name, and a combination without a cell left blank.
   */
  complete: z.boolean().default(false),
  /** With a report table: the columns holding the row id, the column id and the count (default "n"). */
  row: z.string().optional(),
  column: z.string().optional(),
  count: z.string().default("n"),
});

/**
 * Options of {@link segmentHeatmapChart}; every one is optional, and an unknown one is an error.
 * @example
 * const options: SegmentHeatmapOptions = { lang: "en", rowOrder: ["young", "mid", "senior"], labels: { young: "Young" } };
 * const cells = [{ row: "mid", column: "C01", n: 12, suppressed: false }, { row: "young", column: "C01", n: null, suppressed: true }];
 * segmentHeatmapChart(cells, options).encoding.y.sort // => ["Young", "mid"]
 * segmentHeatmapChart(cells, options).data.values[0].text // => "suppressed" (rows in their order: young first)
 * segmentHeatmapChart(cells, { rowOrder: "young" }) // throws: option "rowOrder" takes a list
 */
export type SegmentHeatmapOptions = z.input<typeof Options>;

const CELL: Shape<HeatmapCell> = { row: fields.text, column: fields.text, n: fields.numberOrNull, suppressed: fields.boolean };

/** Ids in order: those in `order` first (as listed; with `complete`, also those no cell names), then the rest in their natural order (never as first seen). */
function ordered(ids: readonly string[], order: readonly string[] | undefined, complete: boolean): string[] {
  const all = complete && order ? [...ids, ...order] : ids;
  const vocabulary = vocabularyFor("", undefined, all);
  const seen = [...new Set(all)].sort((a, b) => (vocabulary ? vocabulary.order(a) - vocabulary.order(b) : 0) || compareNatural("", a, b));
  if (!order) return seen;
  const present = new Set(seen);
  const listed = new Set(order);
  return [...new Set(order.filter((id) => present.has(id))), ...seen.filter((id) => !listed.has(id))];
}

/** The cells of a report table (rows with the row id, column id, count and `suppressed`). */
function cellsOfReport(table: ReportTable, o: { row?: string | undefined; column?: string | undefined; count: string }): HeatmapCell[] {
  for (const [key, name] of [["row", o.row], ["column", o.column], ["count", o.count]] as const) {
    if (name === undefined || !table.columns.includes(name)) throw KoeArgumentError.of(m.reportColumn, { fn: CHART, key, name: name ?? null, columns: table.columns });
  }
  return table.rows.map((r) => ({ row: String(r[o.row!]), column: String(r[o.column!]), n: r.suppressed === true ? null : (r[o.count] as number | null), suppressed: r.suppressed === true }));
}

/** Display labels of ids, checked to be distinct (else two cells would share one place). */
function displayLabels(ids: readonly string[], labels: Readonly<Record<string, string>> | undefined, axis: "row" | "column"): string[] {
  const owner = new Map<string, string>();
  return ids.map((id) => {
    const label = labels?.[id] ?? id;
    const other = owner.get(label);
    if (other !== undefined) throw ChartError.of(m.labelCollision, { fn: CHART, axis, a: other, b: id, label });
    owner.set(label, id);
    return label;
  });
}

/** No cell twice; a shown cell has a count ≥ 0 and is not a small group (1 to `min` − 1: a published 0 is allowed). */
function checkCells(cells: readonly HeatmapCell[], min: number): void {
  const seen = new Set<string>();
  for (const c of cells) {
    const key = JSON.stringify([c.row, c.column]);
    if (seen.has(key)) throw ChartError.of(m.duplicateCell, { fn: CHART, row: c.row, column: c.column });
    seen.add(key);
    if (c.suppressed) continue;
    if (!(typeof c.n === "number" && Number.isFinite(c.n) && c.n >= 0)) throw ChartError.of(m.cellWithoutCount, { fn: CHART, row: c.row, column: c.column, n: c.n });
    if (c.n > 0 && c.n < min) throw ChartError.of(lm.smallCellShown, { fn: CHART, where: places.cell(c.row, c.column), field: "n", n: c.n, min });
  }
}

/**
 * A heatmap of counts by two segments (e.g. generation × company). Colour shows the count and each
 * cell prints it; suppressed cells are grey and say 秘匿 / suppressed, and their counts are not in
 * the spec at all. Rows and columns keep the natural order given, never alphabetical. A subtitle
 * says groups under `minGroupSize` are not shown, and the chart holds to it: a shown count from 1 to
 * `minGroupSize` − 1 is refused. With `complete`, every id of the orders is drawn, absent cells as 0.
 * No cells, or every cell hidden, draw the title and a note saying so. Pure: same cells and options, same spec.
 * @example
 * segmentHeatmapChart(
 *   [{ row: "young", column: "C01", n: 42, suppressed: false }, { row: "mid", column: "C01", n: null, suppressed: true }],
 *   { labels: { young: "若手", mid: "中堅", C01: "A社" }, rowOrder: ["young", "mid", "senior"] },
 * ).data
 * // => { values: [{ row: "若手", column: "A社", n: 42, text: "42", suppressed: false },
 * //               { row: "中堅", column: "A社", n: null, text: "秘匿", suppressed: true }] }
 * segmentHeatmapChart([{ row: "young", column: "C13", n: 12, suppressed: false }], { columnOrder: ["C13", "C14"], complete: true }).data.values.map((v) => `${v.column} ${v.text}`)
 * // => ["C13 12", "C14 0"]
 * segmentHeatmapChart([{ row: "young", column: "C01", n: 2, suppressed: false }]) // throws: the cell for row "young", column "C01" shows n = 2, between 1 and 4, but is not marked suppressed
 * @throws {ChartError} when a shown cell has no count or a count from 1 to `minGroupSize` − 1 (not
 *   marked suppressed), a cell appears twice, or two ids share a label.
 * @throws {KoeArgumentError} when `cells` is not a list of cells { row, column, n, suppressed }, an
 *   option is unknown or of the wrong kind (`lang: "jp"`), or `minGroupSize` is not a positive integer.
 */
export function segmentHeatmapChart(input: readonly HeatmapCell[] | ReportTable, options: SegmentHeatmapOptions = {}): TopLevelSpec {
  const o = parseOptions(CHART, Options, options);
  const fromReport = !Array.isArray(input) && input !== null && typeof input === "object" && "rows" in input && "columns" in input;
  const cells: readonly HeatmapCell[] = fromReport ? cellsOfReport(input as ReportTable, o) : (input as readonly HeatmapCell[]);
  const reportMin = fromReport ? (input as ReportTable).privacy.params.minGroupSize : undefined;
  const minGroupSize = o.minGroupSize ?? (typeof reportMin === "number" ? reportMin : D.minGroupSize);
  const { lang } = o;
  if (!(Number.isInteger(minGroupSize) && minGroupSize > 0)) throw KoeArgumentError.of(m.badMinGroupSize, { fn: CHART, value: minGroupSize });
  checkList<HeatmapCell>(CHART, cells, "cells", CELL);
  checkCells(cells, minGroupSize);
  const words = furniture[lang];
  const title = o.title ?? words.respondents;
  if (cells.length === 0) return noteChart(title, codeChartWords[lang].noData);
  if (cells.every((c) => c.suppressed)) return noteChart(title, codeChartWords[lang].allSuppressed(minGroupSize));
  const label = (id: string) => o.labels?.[id] ?? id;
  const rowIds = ordered(cells.map((c) => c.row), o.rowOrder, o.complete);
  const columnIds = ordered(cells.map((c) => c.column), o.columnOrder, o.complete);
  const rows = displayLabels(rowIds, o.labels, "row");
  const columns = displayLabels(columnIds, o.labels, "column");
  // With `complete`, a row × column without a cell is a published 0.
  const given = new Set(cells.map((c) => JSON.stringify([c.row, c.column])));
  const zeros: HeatmapCell[] = o.complete
    ? rowIds.flatMap((row) => columnIds.filter((column) => !given.has(JSON.stringify([row, column]))).map((column) => ({ row, column, n: 0, suppressed: false })))
    : [];

  // Only shown counts enter the data; a suppressed cell carries its place and the word, no number.
  // The data (and so the drawing order of the SVG) follow the axes' order, never the input's.
  const rowAt = new Map(rows.map((r, i) => [r, i]));
  const columnAt = new Map(columns.map((c, i) => [c, i]));
  const inOrder = [...cells, ...zeros].sort((a, b) => rowAt.get(label(a.row))! - rowAt.get(label(b.row))! || columnAt.get(label(a.column))! - columnAt.get(label(b.column))!);
  const values = inOrder.map((c) =>
    c.suppressed
      ? { row: label(c.row), column: label(c.column), n: null, text: words.suppressed, suppressed: true }
      : { row: label(c.row), column: label(c.column), n: c.n, text: String(c.n), suppressed: false },
  );
  const max = Math.max(0, ...values.map((v) => v.n ?? 0));
  // Cells widen to fit their widest text (e.g. "suppressed"); column labels turn when they do not fit.
  const cellWidth = Math.max(D.cellWidth, ...values.map((v) => Math.ceil(estimateTextWidth(v.text, D.countFontSize)) + 2 * D.cellPadding));
  const labelsFit = columns.every((c) => estimateTextWidth(c, koeTheme.axis.labelFontSize) <= cellWidth - D.cellPadding);

  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: koeTheme,
    title: { text: title, subtitle: words.suppressedNote(minGroupSize) },
    data: { values },
    width: { step: cellWidth },
    height: { step: D.cellHeight },
    encoding: {
      x: { field: "column", type: "nominal", sort: columns, title: o.columnTitle ?? null, axis: { orient: "top", labelAngle: labelsFit ? 0 : -45, domain: false, ticks: false, labelPadding: D.labelPadding } },
      // The row title reads horizontally, in the corner above the row labels (vertical Japanese is hard to read).
      y: {
        field: "row", type: "nominal", sort: rows, title: o.rowTitle ?? null,
        axis: { domain: false, ticks: false, titleAngle: 0, titleAlign: "right", titleBaseline: "bottom", titleX: -D.labelPadding, titleY: -D.labelPadding },
      },
    },
    layer: [
      {
        transform: [{ filter: "!datum.suppressed" }],
        mark: { type: "rect", stroke: "#ffffff", strokeWidth: 1 },
        encoding: { color: { field: "n", type: "quantitative", title: words.count, scale: { scheme: "blues", domainMin: 0 } } },
      },
      {
        transform: [{ filter: "datum.suppressed" }],
        mark: { type: "rect", stroke: "#ffffff", strokeWidth: 1, color: D.suppressedFill },
      },
      {
        mark: { type: "text", fontSize: D.countFontSize },
        encoding: {
          text: { field: "text", type: "nominal" },
          color: {
            condition: [
              { test: "datum.suppressed", value: D.suppressedText },
              { test: `datum.n > ${+(max * D.lightTextAbove).toFixed(2)}`, value: "#ffffff" },
            ],
            value: "#222222",
          },
        },
      },
    ],
  };
}
