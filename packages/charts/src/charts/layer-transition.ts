import { careerLayers, KoeArgumentError, parseOptions, z } from "@koe/core";
import type { TopLevelSpec } from "vega-lite";
import { ChartError } from "../errors.js";
import { codeChartMessages as cm } from "../interview-messages.js";
import { layerChartMessages as lm, layerChartWords, layerPlaces } from "../layer-messages.js";
import { chartMessages as m, type Lang } from "../messages.js";
import { estimateTextWidth } from "../text-metrics.js";
import { koeTheme } from "../theme.js";
import { noteChart, readCodeTable, segmentKey, segmentName, segmentValues, shown, tooltip, type CodeTableInput } from "./code-tables.js";
import { LAYER_GRADIENT_DEFAULTS } from "./layer-gradient.js";
import { requireGroupFigures, tableMin } from "./likert.js";

const CHART = "layerTransitionChart";

/**
 * Defaults of {@link layerTransitionChart}'s options and look (sizes in pixels).
 * @example
 * [LAYER_TRANSITION_DEFAULTS.mode, LAYER_TRANSITION_DEFAULTS.columns] // => ["matrix", 2]
 */
export const LAYER_TRANSITION_DEFAULTS = {
  lang: "ja" as Lang,
  mode: "matrix" as "matrix" | "flow",
  /** Panels side by side before the next row (one per value of the segment). */
  columns: 2,
  minGroupSize: 5,
  cellWidth: 84,
  cellHeight: 44,
  fontSize: 11,
  cellPadding: 6,
  suppressedFill: "#d9d9d9",
  suppressedText: "#555555",
  /** Row shares above this are printed in white (the fill is dark). */
  lightTextAbove: 0.55,
  outline: "#222222",
  /** The flows: a panel's size, the nodes' width (share of the width), the gap between nodes (share of the people), the bands' opacity. */
  flowWidth: 300,
  flowHeight: 240,
  nodeWidth: 0.06,
  nodeGap: 0.04,
  bandOpacity: 0.45,
  /** Points along each band (a smooth S from one node to the other). */
  bandSteps: 24,
  layerColours: LAYER_GRADIENT_DEFAULTS.layerColours,
};
const D = LAYER_TRANSITION_DEFAULTS;

const Options = z.object({
  /** Language of the chart's words and of the layer and segment labels. Default "ja". */
  lang: z.enum(["ja", "en"]).default(D.lang),
  /** "matrix" (row shares, layer at wave 1 down, at wave 2 across) or "flow" (bands from the wave-1 layers to the wave-2 layers). Default "matrix". */
  mode: z.enum(["matrix", "flow"]).default(D.mode),
  /** The segment column of a table by segment (e.g. "generation"): one panel per value, everyone first. Default: the one column that is not a figure. */
  by: z.string().optional(),
  /** Panels per row. Default 2. */
  columns: z.number().int().min(1).default(D.columns),
  /** Chart title. Default 「キャリア意識層の移動」. */
  title: z.string().optional(),
  /** Titles of the two waves' axes. Default 「1回目の層」 / 「2回目の層」. */
  beforeTitle: z.string().optional(),
  afterTitle: z.string().optional(),
  /** Display labels by layer id and segment value; they win over the model's vocabulary. */
  labels: z.record(z.string(), z.string()).readonly().optional(),
  /** layerTransitions' `movement` table: adds the net flow toward practice and the share who moved back (of everyone) to the subtitle. */
  movement: z.custom<{ rows: readonly Record<string, unknown>[] }>((v) => v !== null && typeof v === "object" && Array.isArray((v as { rows?: unknown }).rows), { message: "a table { rows: [...] } (layerTransitions' movement table)" }).optional(),
});

/**
 * Options of {@link layerTransitionChart}; every one is optional, and an unknown one is an error.
 * @example
 * const options: LayerTransitionOptions = { mode: "flow", lang: "en" };
 * const cell = (before, after, n, row_n) => ({ before, after, n, share: n / row_n, row_n });
 * const table = { rows: [cell("interested", "interested", 80, 100), cell("interested", "practising", 20, 100)] };
 * layerTransitionChart(table, options).title.text // => "Movement between the career-ownership layers"
 * layerTransitionChart(table, { mode: "sankey" }) // throws: option "mode" must be one of "matrix", "flow"
 */
export type LayerTransitionOptions = z.input<typeof Options>;

type O = z.output<typeof Options>;
const FIGURES = new Set(["before", "after", "n", "share", "share_low", "share_high", "row_n", "suppressed"]);

/** One cell of one panel: the layers' ids, the count and row share (null: hidden). */
interface Cell { group: string; before: string; after: string; n: number | null; share: number | null; rowN: number | null }

/** The cells of the transitions table, checked: no cell twice, shown figures whole and in range, no small cell shown. */
function readCells(input: CodeTableInput, o: O): { cells: Cell[]; by: string | null; min: number } {
  const t = readCodeTable(CHART, input, ["before", "after", "n", "share", ...(o.by ? [o.by] : [])]);
  const min = tableMin(input, D.minGroupSize);
  const candidates = t.columns.filter((c) => !FIGURES.has(c));
  if (o.by === undefined && candidates.length > 1) throw KoeArgumentError.of(cm.unclearSegmentColumn, { fn: CHART, candidates });
  const by = o.by ?? candidates[0] ?? null;
  const seen = new Set<string>();
  const cells = t.rows.map((r, i): Cell => {
    const group = by === null ? "" : segmentKey(r[by]);
    const [before, after] = [String(r.before), String(r.after)].map((v) => careerLayers.resolve(v) ?? v) as [string, string];
    const key = JSON.stringify([group, before, after]);
    if (seen.has(key)) throw ChartError.of(m.duplicateCell, { fn: CHART, row: group === "" ? before : `${group} / ${before}`, column: after });
    seen.add(key);
    if (!shown(r)) return { group, before, after, n: null, share: null, rowN: null };
    const where = layerPlaces.row(i, `${group === "" ? "" : `${group}: `}${before} → ${after}`);
    requireGroupFigures(CHART, r, where, { counts: ["n", "row_n"], groups: "row_n" in r ? ["row_n"] : [], shares: ["share", "share_low", "share_high"] }, min);
    const n = r.n as number;
    if (n > 0 && n < min) throw ChartError.of(lm.smallCellShown, { fn: CHART, where, field: "n", n, min });
    return { group, before, after, n, share: r.share as number, rowN: typeof r.row_n === "number" ? r.row_n : null };
  });
  return { cells, by, min };
}

const percent = (share: number) => `${Math.round(share * 100)}%`;
const signed = (share: number) => `${share > 0 ? "+" : share < 0 ? "−" : "±"}${(Math.abs(share) * 100).toFixed(1)}%`;

/** The subtitle's line on everyone's movement (the `movement` row without a segment), when it is shown. */
function movementLine(o: O, by: string | null): string[] {
  const row = o.movement?.rows.find((r) => by === null || !(by in r) || r[by] === null);
  if (!row || row.suppressed === true || typeof row.net_flow !== "number") return [];
  const words = layerChartWords[o.lang];
  const num = (v: unknown) => (typeof v === "number" ? v : 0);
  return [words.movement(signed(row.net_flow), signed(num(row.net_flow_low)), signed(num(row.net_flow_high)), typeof row.share_back === "number" ? `${(row.share_back * 100).toFixed(1)}%` : "—")];
}

/** The bands and nodes of one panel of flows (every cell shown): layers stacked bottom (first) to top, a smooth band per cell. */
function flowData(cells: readonly Cell[], layers: readonly { key: string; label: string }[]): object[] {
  const K = layers.length;
  const count = (b: number, a: number) => cells.find((c) => c.before === layers[b]!.key && c.after === layers[a]!.key)?.n ?? 0;
  const total = layers.reduce((s, _l, b) => s + layers.reduce((t, _m, a) => t + count(b, a), 0), 0);
  const gap = D.nodeGap * total;
  const rowN = layers.map((_, b) => layers.reduce((t, _m, a) => t + count(b, a), 0));
  const colN = layers.map((_, a) => layers.reduce((t, _m, b) => t + count(b, a), 0));
  const starts = (sizes: number[]) => sizes.map((_, k) => sizes.slice(0, k).reduce((s, x) => s + x, 0) + k * gap);
  const left = starts(rowN);
  const right = starts(colN);
  const out: object[] = [];
  const outUsed = [...left];
  const inUsed = [...right];
  const w = D.nodeWidth;
  for (let b = 0; b < K; b++) {
    out.push({ kind: "node", side: "before", layer: layers[b]!.label, x: 0, x2: w, y: left[b]!, y2: left[b]! + rowN[b]!, n: rowN[b]!, text: `${layers[b]!.label} ${rowN[b]!.toLocaleString("en-US")}` });
    out.push({ kind: "node", side: "after", layer: layers[b]!.label, x: 1 - w, x2: 1, y: right[b]!, y2: right[b]! + colN[b]!, n: colN[b]!, text: `${layers[b]!.label} ${colN[b]!.toLocaleString("en-US")}` });
  }
  for (let b = 0; b < K; b++) {
    for (let a = 0; a < K; a++) {
      const c = count(b, a);
      if (c === 0) continue;
      const [y0, y1] = [outUsed[b]!, inUsed[a]!];
      outUsed[b]! += c;
      inUsed[a]! += c;
      const band = `${layers[b]!.key}→${layers[a]!.key}`;
      for (let k = 0; k <= D.bandSteps; k++) {
        const t = k / D.bandSteps;
        const s = t * t * (3 - 2 * t);
        out.push({ kind: "band", band, layer: layers[b]!.label, from: layers[b]!.label, to: layers[a]!.label, n: c, share: c / rowN[b]!, x: w + t * (1 - 2 * w), y: y0 + (y1 - y0) * s, y2: y0 + c + (y1 - y0) * s });
      }
    }
  }
  return out;
}

/**
 * Movement between the career-ownership layers from one wave to the next, from layerTransitions'
 * `transitions` table as it is (`[by], before, after, n, share, share_low, share_high, row_n,
 * suppressed`). As a `matrix` (default): the layer at wave 1 down, at wave 2 across (traditional →
 * practising), each cell printing its row share — the share of the row's people who were in that
 * layer at wave 2 — and their number, coloured by the share; the diagonal (stayed) outlined; a
 * suppressed cell grey, saying 秘匿, with no number. As `flow`: the layers as stacked nodes at
 * each wave (traditional at the bottom, practising on top), a band from each wave-1 layer to each
 * wave-2 layer as wide as its people, coloured by the wave-1 layer — a deterministic layout, every
 * band a smooth S between its nodes; a panel with a hidden cell cannot be drawn as flows and says
 * so. A table by segment (`by`, e.g. "generation") draws one panel per value, everyone (全体) first.
 * With `movement` (the report's `movement` table), the subtitle gives everyone's net flow toward
 * practice and the share who moved back. Pure.
 * @example
 * const cell = (before, after, n, row_n) => ({ before, after, n, share: n / row_n, row_n, suppressed: false });
 * const table = { rows: [
 *   cell("traditional", "traditional", 86, 100), cell("traditional", "interested", 12, 100), cell("traditional", "practising", 2, 100),
 *   cell("interested", "traditional", 5, 100), cell("interested", "interested", 80, 100), cell("interested", "practising", 15, 100),
 *   cell("practising", "traditional", 0, 50), cell("practising", "interested", 5, 50), cell("practising", "practising", 45, 50),
 * ], privacy: { code: "report.ruleGroups", params: { minGroupSize: 2 } } };
 * layerTransitionChart(table).data.values.filter((v) => v.before === "理解/関心層").map((v) => v.text)
 * // => [["5%", "5人"], ["80%", "80人"], ["15%", "15人"]]
 * @throws {ChartError} when a cell appears twice, a shown cell's figures are missing or out of
 *   range, or a shown cell or row describes between 1 and `minGroupSize` − 1 people.
 * @throws {KoeArgumentError} when the table lacks a column (named with the closest one), its
 *   segment column cannot be told, or an option is unknown or of the wrong kind.
 */
export function layerTransitionChart(table: CodeTableInput, options: LayerTransitionOptions = {}): TopLevelSpec {
  const o = parseOptions(CHART, Options, options);
  const words = layerChartWords[o.lang];
  const title = o.title ?? words.transitionTitle;
  const { cells, by, min } = readCells(table, o);
  if (cells.length === 0) return noteChart(title, words.noData);
  if (!cells.some((c) => c.n !== null)) return noteChart(title, words.allSuppressed(min));

  const layers = segmentValues("layer", [...careerLayers.ids, ...cells.flatMap((c) => [c.before, c.after])], o.lang, o.labels);
  const layerLabel = new Map(layers.map((l) => [l.key, l.label]));
  const groups = by === null ? [{ key: "", label: words.everyone }] : segmentValues(by, cells.map((c) => (c.group === "" ? null : c.group)), o.lang, o.labels).map((g) => (g.key === "" ? { key: "", label: words.everyone } : g));
  const ordered = [...groups.filter((g) => g.key === ""), ...groups.filter((g) => g.key !== "")];
  const beforeTitle = o.beforeTitle ?? words.beforeTitle;
  const afterTitle = o.afterTitle ?? words.afterTitle;
  const subtitle = (note: string, hidden: boolean) => [note, ...movementLine(o, by), ...(hidden ? [words.groupsHiddenTogether(min)] : [])];
  const anyHidden = cells.some((c) => c.n === null);
  const faceted = ordered.length > 1 || by !== null;
  const groupTitle = by === null ? null : segmentName(by, o.lang);

  if (o.mode === "flow") {
    const layersUp = layers.filter((l) => cells.some((c) => c.before === l.key || c.after === l.key));
    // One panel per group (a panel with a hidden cell says why it has no flows); a panel is a spec of its own inside `concat`.
    const panels = ordered.map((g) => {
      const own = cells.filter((c) => c.group === g.key);
      const head = { title: { text: g.label, fontSize: 13, anchor: "start" } };
      if (own.some((c) => c.n === null)) {
        const { $schema: _s, config: _c, ...note } = noteChart(g.label, words.flowHidden(min)) as unknown as Record<string, unknown>;
        return { ...note, ...head };
      }
      return { ...(faceted ? head : {}), width: D.flowWidth, height: D.flowHeight, data: { values: flowData(own, layersUp) }, layer: flowLayers(o, words, beforeTitle, afterTitle) };
    });
    const body = panels.length === 1 && !faceted ? panels[0]! : { concat: panels, columns: o.columns };
    return { $schema: "https://vega.github.io/schema/vega-lite/v6.json", config: koeTheme, title: { text: title, subtitle: subtitle(words.flowNote, anyHidden) }, ...body } as TopLevelSpec;
  }

  // The matrix: data in the axes' order (panel, wave-1 layer, wave-2 layer), never the input's.
  const layerAt = new Map(layers.map((l, i) => [l.key, i]));
  const groupAt = new Map(ordered.map((g, i) => [g.key, i]));
  const values = [...cells]
    .sort((a, b) => groupAt.get(a.group)! - groupAt.get(b.group)! || layerAt.get(a.before)! - layerAt.get(b.before)! || layerAt.get(a.after)! - layerAt.get(b.after)!)
    .map((c) => ({
      group: ordered[groupAt.get(c.group)!]!.label, before: layerLabel.get(c.before)!, after: layerLabel.get(c.after)!,
      share: c.share, n: c.n, stayed: c.before === c.after, suppressed: c.n === null,
      text: c.n === null ? [words.suppressed] : [percent(c.share!), words.people(c.n)],
    }));
  const shownLayers = layers.filter((l) => cells.some((c) => c.before === l.key || c.after === l.key)).map((l) => l.label);
  const cellWidth = Math.max(D.cellWidth, ...shownLayers.map((l) => Math.ceil(estimateTextWidth(l, koeTheme.axis.labelFontSize)) / 2 + 2 * D.cellPadding));
  const labelsFit = shownLayers.every((l) => estimateTextWidth(l, koeTheme.axis.labelFontSize) <= cellWidth - D.cellPadding);
  const rect = { type: "rect", stroke: "#ffffff", strokeWidth: 1 } as const;
  const inner = {
    width: { step: cellWidth },
    height: { step: D.cellHeight },
    encoding: {
      x: { field: "after", type: "nominal", sort: shownLayers, title: afterTitle, axis: { orient: "top", labelAngle: labelsFit ? 0 : -30, labelAlign: labelsFit ? "center" : "left", domain: false, ticks: false, labelLimit: 0 } },
      // The row title reads horizontally, in the corner above the row labels (vertical Japanese is hard to read).
      y: { field: "before", type: "nominal", sort: shownLayers, title: beforeTitle, axis: { domain: false, ticks: false, labelLimit: 0, titleAngle: 0, titleAlign: "right", titleBaseline: "bottom", titleX: -4, titleY: -4 } },
    },
    layer: [
      {
        transform: [{ filter: "!datum.suppressed" }],
        mark: rect,
        encoding: {
          color: { field: "share", type: "quantitative", title: words.rowShare, scale: { scheme: "blues", domain: [0, 1] }, legend: { format: ".0%" } },
          tooltip: tooltip(o.lang, ["before", "after", "share:.1%", "n"], { before: beforeTitle, after: afterTitle, share: words.rowShare, n: words.respondents }),
        },
      },
      { transform: [{ filter: "datum.suppressed" }], mark: { ...rect, color: D.suppressedFill } },
      { transform: [{ filter: "datum.stayed" }], mark: { type: "rect", fillOpacity: 0, stroke: D.outline, strokeWidth: 2, aria: false } },
      {
        mark: { type: "text", fontSize: D.fontSize, lineHeight: 14, aria: false },
        encoding: {
          text: { field: "text", type: "nominal" },
          color: { condition: [{ test: "datum.suppressed", value: D.suppressedText }, { test: `datum.share > ${D.lightTextAbove}`, value: "#ffffff" }], value: "#222222" },
        },
      },
    ],
  };
  const top = { $schema: "https://vega.github.io/schema/vega-lite/v6.json", config: koeTheme, title: { text: title, subtitle: subtitle(words.matrixNote, anyHidden) }, data: { values } };
  if (!faceted) return { ...top, ...inner } as TopLevelSpec;
  return {
    ...top,
    facet: { field: "group", type: "nominal", sort: ordered.map((g) => g.label), title: groupTitle, header: { labelFontSize: 13, labelFontWeight: "bold", labelAnchor: "start", labelOrient: "top" } },
    columns: o.columns,
    spec: inner,
  } as TopLevelSpec;
}

/** The layers of a panel of flows: bands, nodes, and the nodes' labels outside them. */
function flowLayers(o: O, words: (typeof layerChartWords)[Lang], beforeTitle: string, afterTitle: string): object[] {
  const layerLabels = careerLayers.ids.map((id) => o.labels?.[id] ?? careerLayers.label(id, o.lang));
  const colour = { field: "layer", type: "nominal", scale: { domain: layerLabels, range: [...D.layerColours] }, legend: null };
  const x = { field: "x", type: "quantitative", scale: { domain: [0, 1], nice: false, zero: false }, axis: { values: [D.nodeWidth / 2, 1 - D.nodeWidth / 2], labelExpr: `datum.value < 0.5 ? ${JSON.stringify(beforeTitle)} : ${JSON.stringify(afterTitle)}`, title: null, domain: false, ticks: false, grid: false } };
  const y = { field: "y", type: "quantitative", axis: null, scale: { nice: false, zero: true } };
  return [
    {
      transform: [{ filter: "datum.kind === 'band'" }],
      mark: { type: "area", opacity: D.bandOpacity, interpolate: "linear" },
      encoding: { x, y, y2: { field: "y2" }, color: colour, detail: { field: "band" }, tooltip: tooltip(o.lang, ["from", "to", "n", "share:.1%"], { from: beforeTitle, to: afterTitle, n: words.respondents, share: words.rowShare }) },
    },
    {
      transform: [{ filter: "datum.kind === 'node'" }],
      mark: { type: "rect", opacity: 1 },
      encoding: { x, x2: { field: "x2" }, y, y2: { field: "y2" }, color: colour, tooltip: tooltip(o.lang, ["layer", "n"], { layer: words.layer, n: words.respondents }) },
    },
    ...(["before", "after"] as const).map((side) => ({
      transform: [{ filter: `datum.kind === 'node' && datum.side === '${side}'` }, { calculate: "(datum.y + datum.y2) / 2", as: "middle" }],
      mark: { type: "text", align: side === "before" ? "right" : "left", baseline: "middle", dx: side === "before" ? -4 : 4, fontSize: D.fontSize, color: "#222222", aria: false },
      encoding: { x: { ...x, field: side === "before" ? "x" : "x2" }, y: { ...y, field: "middle" }, text: { field: "text", type: "nominal" } },
    })),
  ];
}
