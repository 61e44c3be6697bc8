import { parseOptions, z } from "@koe/core";
import type { TopLevelSpec } from "vega-lite";
import { ChartError } from "../errors.js";
import { codeChartMessages as cm, codeChartWords, codePlaces } from "../interview-messages.js";
import { chartMessages as m, type Lang } from "../messages.js";
import { estimateTextWidth } from "../text-metrics.js";
import { koeTheme } from "../theme.js";
import { cellTextLayer, codeLabels, noteChart, tooltip, readCodeTable, requireFigures, shown, type CodeTableInput } from "./code-tables.js";

const CHART = "cooccurrenceChart";

/**
 * Defaults of {@link cooccurrenceChart}'s options and look (sizes in pixels).
 * @example
 * [COOCCURRENCE_DEFAULTS.mode, COOCCURRENCE_DEFAULTS.minJaccard.network] // => ["matrix", 0.05]
 */
export const COOCCURRENCE_DEFAULTS = {
  lang: "ja" as Lang,
  mode: "matrix" as "matrix" | "network",
  measure: "jaccard" as "jaccard" | "both",
  /** Pairs below this Jaccard coefficient are left out: no line in a network, a blank cell in a matrix. */
  minJaccard: { network: 0.05, matrix: 0 },
  cellWidth: 44,
  cellHeight: 30,
  fontSize: 11,
  cellPadding: 6,
  labelPadding: 4,
  diagonalFill: "#eeeeee",
  suppressedFill: "#d9d9d9",
  suppressedText: "#555555",
  /** Values above this share of the largest are printed in white (the fill is dark). */
  lightTextAbove: 0.6,
  /** The network: its side, the node areas (0 texts → 0) and the lines' widths and opacities. */
  networkSize: 360,
  nodeArea: [0, 1000] as const,
  nodeColour: "#0072b2",
  /** Area of a node whose number of texts is hidden (grey, dashed). */
  hiddenNodeArea: 120,
  edgeWidth: [0.5, 8] as const,
  edgeOpacity: [0.25, 0.85] as const,
  edgeColour: "#555555",
};
const D = COOCCURRENCE_DEFAULTS;

const Options = z.object({
  /** "matrix" (code × code cells) or "network" (codes on a circle, lines between codes used together). Default "matrix". */
  mode: z.enum(["matrix", "network"]).default(D.mode),
  /** What colours the cells and weighs the lines: "jaccard" (both / either) or "both" (texts with both codes). Default "jaccard". */
  measure: z.enum(["jaccard", "both"]).default(D.measure),
  /** Language of the chart's words and the code labels (`code_a_ja` / `code_a_en`…). Default "ja". */
  lang: z.enum(["ja", "en"]).default(D.lang),
  /** Chart title. Default by mode and measure, in the language. */
  title: z.string().optional(),
  /** Pairs with a smaller Jaccard coefficient are left out. Default 0.05 for a network, 0 (none left out) for a matrix. */
  minJaccard: z.number().min(0).max(1).optional(),
  /** Display labels by code id; they win over the table's labels. */
  labels: z.record(z.string(), z.string()).readonly().optional(),
});

/**
 * Options of {@link cooccurrenceChart}; every one is optional, and an unknown one is an error.
 * @example
 * const options: CooccurrenceOptions = { mode: "network", minJaccard: 0.1, lang: "en" };
 * const table = { rows: [{ code_a: "network", code_b: "network", code_a_ja: "人脈", code_b_ja: "人脈", both: 30, either: 30, jaccard: 1 }] };
 * cooccurrenceChart(table, options).title.text // => "Network of codes used together"
 * cooccurrenceChart(table, { mode: "graph" }) // throws: option "mode" must be one of "matrix", "network" (got "graph")
 */
export type CooccurrenceOptions = z.input<typeof Options>;

const REQUIRED = ["code_a", "code_b", "both", "jaccard"];
type Row = Readonly<Record<string, unknown>> & { code_a: string; code_b: string };
const pairKey = (a: string, b: string) => JSON.stringify([a, b]);

/** Checks the rows (no pair twice, figures of shown pairs in range, a–b and b–a alike) and returns them by pair. */
function pairsOf(rows: readonly Row[], min: number): Map<string, Row> {
  const byPair = new Map<string, Row>();
  rows.forEach((r, i) => {
    const key = pairKey(r.code_a, r.code_b);
    if (byPair.has(key)) throw ChartError.of(m.duplicateCell, { fn: CHART, row: r.code_a, column: r.code_b });
    byPair.set(key, r);
    if (shown(r)) requireFigures(CHART, r, codePlaces.pair(i, r.code_a, r.code_b), { counts: ["both", "either", "texts"], groups: ["texts"], shares: ["jaccard"] }, min);
  });
  for (const r of rows) {
    const mirror = byPair.get(pairKey(r.code_b, r.code_a));
    if (!mirror || mirror === r || !shown(r) || !shown(mirror)) continue;
    for (const field of ["both", "jaccard"]) {
      if (Math.abs((r[field] as number) - (mirror[field] as number)) > 1e-9) throw ChartError.of(cm.asymmetricPair, { fn: CHART, a: r.code_a, b: r.code_b, field, ab: r[field], ba: mirror[field] });
    }
  }
  return byPair;
}

/**
 * Which codes are used together in the same texts: `cooccurrenceChart(report.tables.cooccurrence)`
 * from `codeCooccurrence(coded)` (one row per ordered pair, the diagonal included). As a `matrix`
 * (default): code × code cells coloured and printed with the Jaccard coefficient (or, with
 * `measure: "both"`, the number of texts with both codes), the diagonal printing each code's number of
 * texts on grey. As a `network`: the codes on a circle in the table's order (first at the top, then
 * clockwise — a deterministic layout, no force simulation), each circle's area the code's number of
 * texts, a line between two codes whose width and strength grow with the measure, for pairs with a
 * Jaccard coefficient of at least `minJaccard` (0.05). Codes keep the table's order (the codebook's).
 * A suppressed pair says 秘匿 and carries no number; no rows, or all hidden, draws a note. Pure.
 * @example
 * const table = { rows: [
 *   { code_a: "network", code_b: "network", code_a_ja: "人脈", code_b_ja: "人脈", both: 30, either: 30, jaccard: 1 },
 *   { code_a: "network", code_b: "learning", code_a_ja: "人脈", code_b_ja: "学び", both: 6, either: 40, jaccard: 0.15 },
 *   { code_a: "learning", code_b: "network", code_a_ja: "学び", code_b_ja: "人脈", both: 6, either: 40, jaccard: 0.15 },
 *   { code_a: "learning", code_b: "learning", code_a_ja: "学び", code_b_ja: "学び", both: 16, either: 16, jaccard: 1 },
 * ] };
 * cooccurrenceChart(table).data.values.map((v) => v.text) // => ["30", "0.15", "0.15", "16"]
 * cooccurrenceChart(table, { mode: "network" }).layer[1].data.values.map((v) => [v.code, v.x, v.y, v.texts])
 * // => [["人脈", 0, 1, 30], ["学び", 0, -1, 16]]
 * @throws {ChartError} when a pair appears twice, a shown pair's counts or coefficient are missing or
 *   out of range, a–b and b–a differ, or two codes share a label.
 * @throws {KoeArgumentError} when the table lacks a column (named with the closest one there is), a
 *   value is of the wrong kind, or an option is unknown or of the wrong kind.
 */
export function cooccurrenceChart(table: CodeTableInput, options: CooccurrenceOptions = {}): TopLevelSpec {
  const o = parseOptions(CHART, Options, options);
  const t = readCodeTable(CHART, table, REQUIRED);
  const rows = t.rows as readonly Row[];
  const words = codeChartWords[o.lang];
  const title = o.title ?? (o.mode === "network" ? words.networkTitle : o.measure === "both" ? words.matrixTitleBoth : words.matrixTitle);
  const byPair = pairsOf(rows, t.min);
  if (rows.length === 0) return noteChart(title, words.noData);
  if (!rows.some(shown)) return noteChart(title, words.allSuppressed(t.min));

  const codes = codeLabels(CHART, rows.flatMap((r) => [[r.code_a, r[`code_a_${o.lang}`]], [r.code_b, r[`code_b_${o.lang}`]]] as const), o.labels);
  const ids = [...codes.keys()];
  const pair = (a: string, b: string) => byPair.get(pairKey(a, b)) ?? byPair.get(pairKey(b, a));
  const minJaccard = o.minJaccard ?? D.minJaccard[o.mode];
  const measureTitle = o.measure === "both" ? words.both : words.jaccard;
  const drawing: Drawing = { title, min: t.min, minJaccard, measure: o.measure, measureTitle, lang: o.lang };
  return o.mode === "network"
    ? network(ids, codes, pair, drawing)
    : matrix(ids, codes, pair, drawing);
}

interface Drawing {
  title: string;
  /** The free-text minimum, for the note on hidden pairs. */
  min: number;
  minJaccard: number;
  measure: "jaccard" | "both";
  measureTitle: string;
  lang: Lang;
}
type PairOf = (a: string, b: string) => Row | undefined;

/** One cell of the matrix: hidden cells carry their place and the word only. */
interface Cell { row: string; column: string; diagonal: boolean; value: number | null; jaccard: number | null; both: number | null; text: string; suppressed: boolean }

function matrix(ids: readonly string[], codes: ReadonlyMap<string, string>, pair: PairOf, d: Drawing): TopLevelSpec {
  const words = codeChartWords[d.lang];
  const values = ids.flatMap((a) =>
    ids.flatMap((b): Cell[] => {
      const r = pair(a, b);
      if (!r) return [];
      const place = { row: codes.get(a)!, column: codes.get(b)!, diagonal: a === b };
      if (!shown(r)) return [{ ...place, value: null, jaccard: null, both: null, text: words.suppressed, suppressed: true }];
      if (a === b) return [{ ...place, value: null, jaccard: null, both: r.both as number, text: String(r.both), suppressed: false }];
      const kept = (r.jaccard as number) >= d.minJaccard;
      const value = d.measure === "both" ? (r.both as number) : (r.jaccard as number);
      return [{ ...place, value: kept ? value : null, jaccard: r.jaccard as number, both: r.both as number, text: !kept ? "" : d.measure === "both" ? String(value) : value.toFixed(2), suppressed: false }];
    }),
  );
  const max = Math.max(0, ...values.filter((v) => !v.diagonal).map((v) => v.value ?? 0));
  const labels = [...codes.values()];
  const cellWidth = Math.max(D.cellWidth, ...values.map((v) => Math.ceil(estimateTextWidth(v.text, D.fontSize)) + 2 * D.cellPadding));
  const labelsFit = labels.every((c) => estimateTextWidth(c, koeTheme.axis.labelFontSize) <= cellWidth - D.cellPadding);
  const rect = { type: "rect", stroke: "#ffffff", strokeWidth: 1 } as const;
  const notes = [words.matrixNote, ...(values.some((v) => v.suppressed) ? [words.groupsHidden(d.min)] : [])];
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: koeTheme,
    title: { text: d.title, subtitle: notes },
    data: { values },
    width: { step: cellWidth },
    height: { step: D.cellHeight },
    encoding: {
      x: { field: "column", type: "nominal", sort: labels, title: words.fieldTitles.column!, axis: { title: null, orient: "top", labelAngle: labelsFit ? 0 : -45, domain: false, ticks: false, labelPadding: D.labelPadding, labelLimit: 0 } },
      y: { field: "row", type: "nominal", sort: labels, title: words.fieldTitles.row!, axis: { title: null, domain: false, ticks: false, labelLimit: 0 } },
    },
    layer: [
      {
        transform: [{ filter: "!datum.suppressed && !datum.diagonal && datum.value !== null" }],
        mark: rect,
        encoding: {
          color: { field: "value", type: "quantitative", title: d.measureTitle, scale: { scheme: "blues", domainMin: 0 } },
          tooltip: tooltip(d.lang, ["row", "column", "jaccard:.3f", "both"]),
        },
      },
      { transform: [{ filter: "datum.diagonal && !datum.suppressed" }], mark: { ...rect, color: D.diagonalFill } },
      { transform: [{ filter: "datum.suppressed" }], mark: { ...rect, color: D.suppressedFill } },
      cellTextLayer(D, `!datum.diagonal && datum.value > ${+(max * D.lightTextAbove).toFixed(4)}`, { fontWeight: { condition: { test: "datum.diagonal", value: "bold" }, value: "normal" } }),
    ],
  } as TopLevelSpec;
}

const round = (x: number) => Math.round(x * 1e4) / 1e4 + 0; // + 0: no -0

/** Where a label goes beside its node: the side facing away from the circle's centre. */
const SIDES = [
  { side: "right", align: "left", baseline: "middle", dx: 1, dy: 0 },
  { side: "left", align: "right", baseline: "middle", dx: -1, dy: 0 },
  { side: "top", align: "center", baseline: "bottom", dx: 0, dy: -1 },
  { side: "bottom", align: "center", baseline: "top", dx: 0, dy: 1 },
] as const;

function network(ids: readonly string[], codes: ReadonlyMap<string, string>, pair: PairOf, d: Drawing): TopLevelSpec {
  const words = codeChartWords[d.lang];
  // Codes on the unit circle, the first at the top, then clockwise (y grows upwards).
  const nodes = ids.map((id, i) => {
    const angle = Math.PI / 2 - (2 * Math.PI * i) / ids.length;
    const x = round(Math.cos(angle));
    const y = round(Math.sin(angle));
    const own = pair(id, id);
    const texts = own && shown(own) ? (own.both as number) : null;
    const side = x > 0.3 ? "right" : x < -0.3 ? "left" : y > 0 ? "top" : "bottom";
    return { id, code: codes.get(id)!, x, y, texts, side };
  });
  const edges = nodes.flatMap((a, i) =>
    nodes.slice(i + 1).flatMap((b) => {
      const r = pair(a.id, b.id);
      if (!r || !shown(r) || (r.both as number) === 0 || (r.jaccard as number) < d.minJaccard) return [];
      const value = d.measure === "both" ? (r.both as number) : (r.jaccard as number);
      return [{ a: a.code, b: b.code, x: a.x, y: a.y, x2: b.x, y2: b.y, value, jaccard: r.jaccard as number, both: r.both as number }];
    }),
  );
  const offset = Math.sqrt(D.nodeArea[1] / Math.PI) + D.labelPadding;
  const hidden = { domain: [-1.15, 1.15], nice: false, zero: false };
  const position = { x: { field: "x", type: "quantitative", scale: hidden, axis: null }, y: { field: "y", type: "quantitative", scale: hidden, axis: null } };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: koeTheme,
    title: { text: d.title, subtitle: [...words.networkNote(String(d.minJaccard), d.measureTitle), ...(nodes.some((n) => n.texts === null) ? [words.groupsHidden(d.min)] : [])] },
    width: D.networkSize,
    height: D.networkSize,
    layer: [
      {
        data: { values: edges },
        mark: { type: "rule", color: D.edgeColour, strokeCap: "round" },
        encoding: {
          ...position, x2: { field: "x2" }, y2: { field: "y2" },
          // No legend: a size legend draws dots, not lines; the subtitle says what the width shows.
          size: { field: "value", type: "quantitative", scale: { domainMin: 0, range: [...D.edgeWidth] }, legend: null },
          opacity: { field: "value", type: "quantitative", scale: { domainMin: 0, range: [...D.edgeOpacity] }, legend: null },
          tooltip: tooltip(d.lang, ["a", "b", "jaccard:.3f", "both"]),
        },
      },
      {
        data: { values: nodes },
        transform: [{ filter: "datum.texts !== null" }],
        mark: { type: "circle", color: D.nodeColour, opacity: 1, stroke: "#ffffff", strokeWidth: 1 },
        encoding: {
          ...position,
          size: { field: "texts", type: "quantitative", title: words.texts, scale: { domainMin: 0, range: [...D.nodeArea] }, legend: { orient: "bottom", direction: "horizontal" } },
          tooltip: tooltip(d.lang, ["code", "texts"], { texts: words.texts }),
        },
      },
      {
        data: { values: nodes },
        transform: [{ filter: "datum.texts === null" }],
        mark: { type: "circle", color: D.suppressedFill, stroke: D.suppressedText, strokeDash: [2, 2], size: D.hiddenNodeArea },
        encoding: { ...position },
      },
      ...SIDES.map((s) => ({
        data: { values: nodes },
        transform: [{ filter: `datum.side === "${s.side}"` }],
        mark: { type: "text", align: s.align, baseline: s.baseline, dx: s.dx * offset, dy: s.dy * offset, fontSize: D.fontSize, color: "#222222" },
        encoding: { ...position, text: { field: "code", type: "nominal" } },
      })),
    ],
    resolve: { scale: { size: "independent" }, legend: { size: "independent" } },
  } as TopLevelSpec;
}
