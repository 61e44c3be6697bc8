import { careerLayers, closest, createRandom, DEFAULT_LIKERT_LABELS, DEFAULT_MIN_GROUP_SIZE, KoeArgumentError, numericColumn, parseOptions, resolveColumn, segmentColumn, z, type Table } from "@koe/core";
import type { TopLevelSpec } from "vega-lite";
import { ChartError } from "../errors.js";
import { codeChartMessages as cm } from "../interview-messages.js";
import { layerChartMessages as lm, layerChartWords, layerPlaces } from "../layer-messages.js";
import { type Lang } from "../messages.js";
import { koeTheme } from "../theme.js";
import { isArqueroTable, requireGroupFigures, requireTableInput, tableMin } from "./likert.js";
import { noteChart, readCodeTable, segmentKey, segmentName, segmentValues, shown, tooltip, type CodeTable, type CodeTableInput } from "./code-tables.js";

const CHART = "layerGradientChart";

/**
 * Defaults of {@link layerGradientChart}'s options and look (sizes in pixels).
 * @example
 * [LAYER_GRADIENT_DEFAULTS.bands, LAYER_GRADIENT_DEFAULTS.jitter] // => [[2.5, 3.5], 0.1]
 */
export const LAYER_GRADIENT_DEFAULTS = {
  lang: "ja" as Lang,
  wave: "pre" as "pre" | "post",
  /** The scores' range (both axes). */
  range: [1, 5] as const,
  /**
   * Where the bands meet, on the mean of the two scores ((awareness + action) / 2): below 2.5 the
   * traditional band, 2.5–3.5 interested / understanding, above 3.5 practising — lines from upper
   * left to lower right, so the bands run from lower left to upper right. On the bundled data the
   * layers' means lie near 2.1, 3.0 and 3.9.
   */
  bands: [2.5, 3.5] as const,
  /** How far a respondent's dot is shifted at most, in score units, each way (the scores of 3 items fall on thirds). */
  jitter: 0.1,
  seed: 1,
  minGroupSize: DEFAULT_MIN_GROUP_SIZE,
  size: 380,
  fontSize: 11,
  /** The layers' colours (traditional, interested, practising): dots and group means; their bands are lighter. */
  layerColours: ["#d55e00", "#009e73", "#0072b2"] as const,
  bandColours: ["#fbe5d6", "#dcf0e8", "#d6e7f4"] as const,
  /** Dots of a layer with fewer people than the minimum: drawn without its colour. */
  hiddenLayerColour: "#9a9a9a",
  pointSize: 12,
  pointOpacity: 0.45,
  meanSize: 170,
  /** How far right of its dot a mean's label starts. */
  labelOffset: 14,
  meanColour: "#222222",
};
const D = LAYER_GRADIENT_DEFAULTS;

const Columns = z.union([z.string(), z.array(z.string()).min(1).readonly()]);

const Options = z.object({
  /** Language of the chart's words and of the layer and segment labels. Default "ja". */
  lang: z.enum(["ja", "en"]).default(D.lang),
  /**
   * Career awareness (x): one column of scores, or the item columns whose mean it is (per person,
   * with at least half of them answered). Default `aware_01_<wave>` … `aware_03_<wave>`; with a table
   * of group means, the column of means, default "awareness".
   */
  awareness: Columns.optional(),
  /** Career action (y), as `awareness`. Default `action_01_<wave>` … `action_03_<wave>`, or "action". */
  action: Columns.optional(),
  /** The wave whose items are the default columns and whose layer colours the dots ("pre": `layer`, "post": `layer_post`). Default "pre". */
  wave: z.enum(["pre", "post"]).default(D.wave),
  /** The layer column colouring dots and means. Default `layer` (`layer_post` for wave "post") when the table has it, else none. */
  layer: z.string().optional(),
  /** The segment whose means are drawn and labelled (e.g. "generation"); with a table of group means, its label column. Default none. */
  by: z.string().optional(),
  /** Draw each respondent as a dot (never labelled). Default true; with a table of group means there are none. */
  points: z.boolean().optional(),
  /** Seed of the dots' small shifts (the same seed, the same picture). Default 1. */
  seed: z.union([z.number(), z.string()]).default(D.seed),
  /** How far a dot may shift each way, in score units (0: none). Default 0.1. */
  jitter: z.number().min(0).max(0.5).default(D.jitter),
  /** Where the bands meet on (awareness + action) / 2, lower then upper. Default [2.5, 3.5]. */
  bands: z.tuple([z.number(), z.number()]).optional(),
  /** The scores' range, both axes. Default [1, 5]. */
  range: z.tuple([z.number(), z.number()]).refine(([a, b]) => a < b, { message: "[lowest, highest] with lowest below highest" }).optional(),
  /** With the respondents' table: the smallest group whose mean is drawn, and the smallest layer whose dots are coloured. Default 5 (a table of means says its own). */
  minGroupSize: z.number().int().min(1).optional(),
  /** With a table of group means: the column of group sizes. Default "n". */
  n: z.string().default("n"),
  /** Chart title. Default 「キャリア意識とキャリア行動：3つの層」. */
  title: z.string().optional(),
  /** Display labels by segment value and by layer id; they win over the model's vocabulary. */
  labels: z.record(z.string(), z.string()).readonly().optional(),
  /** Cell texts meaning "no answer" in the respondents' table. Default "", "NA", "N/A", 無回答. */
  missing: z.array(z.string()).readonly().optional(),
});

/**
 * Options of {@link layerGradientChart}; every one is optional, and an unknown one is an error.
 * @example
 * const options: LayerGradientOptions = { lang: "en", by: "generation", points: false };
 * const means = { rows: [{ generation: "young", awareness: 3.1, action: 2.8, n: 1500 }] };
 * layerGradientChart(means, options).title.text // => "Career awareness and career action: the three layers"
 * layerGradientChart(means, { bands: [3.5, 2.5] }) // throws: option "bands" must be two increasing numbers inside 1–5
 */
export type LayerGradientOptions = z.input<typeof Options>;

type O = z.output<typeof Options>;
interface Point { x: number; y: number; layer: string | null }
interface Mean { group: string; x: number | null; y: number | null; n: number | null; layer: string | null; hidden: boolean }

/** Per row, the score of one column or the mean of the item columns answered (at least half), NaN otherwise. */
function scores(table: Table, spec: string | readonly string[], option: string, o: O, range: readonly [number, number]): Float64Array {
  const names = typeof spec === "string" ? [spec] : spec;
  const marks = o.missing ? { missing: o.missing } : {};
  const columns = names.map((name) => {
    const column = resolveColumn(CHART, table, name, option);
    const values = numericColumn(CHART, table, column, { option, labels: DEFAULT_LIKERT_LABELS, ...marks }).values;
    values.forEach((v, r) => {
      if (v === v && (v < range[0] || v > range[1])) throw KoeArgumentError.of(lm.scoreOutOfRange, { fn: CHART, where: layerPlaces.row(r), field: column, value: v, min: range[0], max: range[1] });
    });
    return values;
  });
  const need = Math.ceil(columns.length / 2);
  const out = new Float64Array(table.numRows());
  for (let r = 0; r < out.length; r++) {
    let sum = 0;
    let k = 0;
    for (const c of columns) if (c[r]! === c[r]!) (sum += c[r]!), k++;
    out[r] = k >= need && k > 0 ? sum / k : Number.NaN;
  }
  return out;
}

const defaultItems = (kind: "aware" | "action", wave: string) => [1, 2, 3].map((i) => `${kind}_0${i}_${wave}`);

/** The respondents' dots (sorted by position, never by row) and the groups' means, groups under the minimum hidden. */
function fromRespondents(table: Table, o: O, range: readonly [number, number], min: number): { points: Point[]; means: Mean[]; by: string | null; layerColumn: string | null } {
  const x = scores(table, o.awareness ?? defaultItems("aware", o.wave), "awareness", o, range);
  const y = scores(table, o.action ?? defaultItems("action", o.wave), "action", o, range);
  const marks = o.missing ? { missing: o.missing } : {};
  const defaultLayer = o.wave === "pre" ? "layer" : "layer_post";
  const layerName = o.layer ?? (table.columnNames().includes(defaultLayer) ? defaultLayer : null);
  const layer = layerName === null ? null : segmentColumn(CHART, table, layerName, { option: "layer", vocabulary: careerLayers, ...marks });
  const segment = o.by === undefined ? null : segmentColumn(CHART, table, o.by, { option: "by", ...marks });
  const layerOf = (r: number) => (layer && layer.codes[r]! >= 0 ? String(layer.levels[layer.codes[r]!]) : null);
  // People in order of position (then layer and group), never of rows: the dots, their shifts and
  // even the last digit of a group's mean are the same whatever order the rows came in.
  const people: (Point & { g: number })[] = [];
  for (let r = 0; r < x.length; r++) {
    if (x[r]! === x[r]! && y[r]! === y[r]!) people.push({ x: x[r]!, y: y[r]!, layer: layerOf(r), g: segment ? segment.codes[r]! : -1 });
  }
  people.sort((a, b) => a.x - b.x || a.y - b.y || String(a.layer).localeCompare(String(b.layer)) || a.g - b.g);
  const sums = (segment?.levels ?? []).map(() => ({ x: 0, y: 0, n: 0 }));
  for (const p of people) if (p.g >= 0) (sums[p.g]!.x += p.x), (sums[p.g]!.y += p.y), sums[p.g]!.n++;
  const points = people.map(({ g: _, ...p }) => p);
  const means = (segment?.levels ?? []).map((level, g) => {
    const s = sums[g]!;
    const hidden = s.n < min;
    return { group: segmentKey(level), x: hidden ? null : s.x / s.n, y: hidden ? null : s.y / s.n, n: hidden ? null : s.n, layer: null, hidden };
  });
  return { points, means, by: segment?.column ?? null, layerColumn: layer?.column ?? null };
}

/**
 * segmentProfile's `means` table is long (a row per group and score: `score`, `mean`): one row per
 * group with the two scores' means as columns `xName` and `yName`, hidden when either is.
 */
function widen(t: CodeTable, xName: string, yName: string): CodeTable {
  const scores = [...new Set(t.rows.map((r) => String(r.score)))];
  for (const name of [xName, yName]) {
    if (!scores.includes(name)) throw KoeArgumentError.of(lm.unknownScore, { fn: CHART, score: name, suggestion: closest(name, scores), scores });
  }
  const keys = t.columns.filter((c) => !["score", "mean", "mean_low", "mean_high", "suppressed"].includes(c));
  const groups = new Map<string, Record<string, unknown>>();
  for (const r of t.rows) {
    if (r.score !== xName && r.score !== yName) continue;
    const key = JSON.stringify(keys.map((k) => r[k] ?? null));
    const row = groups.get(key) ?? { ...Object.fromEntries(keys.map((k) => [k, r[k] ?? null])), [xName]: null, [yName]: null, suppressed: false };
    groups.set(key, row);
    if (row[r.score as string] !== null) throw ChartError.of(lm.duplicateGroup, { fn: CHART, group: `${keys.map((k) => segmentKey(r[k])).join(" / ")} / ${String(r.score)}` });
    row[r.score as string] = r.mean ?? null;
    if (!shown(r)) row.suppressed = true;
  }
  return { columns: [...keys, xName, yName, "suppressed"], rows: [...groups.values()].map((r) => (r.suppressed === true ? { ...r, [xName]: null, [yName]: null } : r)), min: t.min };
}

/**
 * A table of group means (a study's report table as it is): the label column, the two means (as
 * columns, or segmentProfile's long `means` table with its `score` and `mean`), the group's size
 * when the table has it, an optional layer.
 */
function fromMeans(input: CodeTableInput, o: O, range: readonly [number, number]): { means: Mean[]; by: string; layerColumn: string | null; min: number } {
  for (const option of ["minGroupSize", "missing", "points"] as const) if (o[option] !== undefined && !(option === "points" && o.points === false)) throw KoeArgumentError.of(lm.rawOnly, { fn: CHART, option });
  const xName = typeof o.awareness === "string" ? o.awareness : "awareness";
  const yName = typeof o.action === "string" ? o.action : "action";
  const given = [...(o.by ? [o.by] : []), ...(o.layer ? [o.layer] : [])];
  const shape = readCodeTable(CHART, input, given);
  const long = shape.columns.includes("score") && shape.columns.includes("mean");
  const t = long ? widen(shape, xName, yName) : readCodeTable(CHART, input, [xName, yName, ...given]);
  const hasN = t.columns.includes(o.n);
  const min = tableMin(input, D.minGroupSize);
  const layerColumn = o.layer ?? (t.columns.includes("layer") && o.by !== "layer" ? "layer" : null);
  const figures = new Set([xName, yName, o.n, "suppressed", "share", "share_low", "share_high", "group_n", ...(layerColumn ? [layerColumn] : [])]);
  const candidates = t.columns.filter((c) => !figures.has(c) && t.rows.every((r) => r[c] === null || typeof r[c] !== "number"));
  const by = o.by ?? (candidates.length === 1 ? candidates[0]! : null);
  if (by === null) throw KoeArgumentError.of(cm.unclearSegmentColumn, { fn: CHART, candidates });
  const seen = new Set<string>();
  const means = t.rows.map((r, i): Mean => {
    const group = segmentKey(r[by]);
    const layer = layerColumn === null || r[layerColumn] === null ? null : (careerLayers.resolve(String(r[layerColumn])) ?? String(r[layerColumn]));
    const key = JSON.stringify([group, layer]);
    if (seen.has(key)) throw ChartError.of(lm.duplicateGroup, { fn: CHART, group: layer === null ? group : `${group} / ${layer}` });
    seen.add(key);
    if (!shown(r)) return { group, x: null, y: null, n: null, layer, hidden: true };
    const where = layerPlaces.row(i, group);
    requireGroupFigures(CHART, r, where, { counts: hasN ? [o.n] : [], groups: hasN ? [o.n] : [], numbers: [xName, yName] }, min);
    for (const field of [xName, yName]) {
      const v = r[field] as number;
      if (v < range[0] || v > range[1]) throw ChartError.of(lm.scoreOutOfRange, { fn: CHART, where, field, value: v, min: range[0], max: range[1] });
    }
    return { group, x: r[xName] as number, y: r[yName] as number, n: hasN ? (r[o.n] as number) : null, layer, hidden: false };
  });
  return { means, by, layerColumn, min };
}

/** The three bands as areas: y from the lower line to the upper one along x (lines x + y = 2c, clipped to the range). */
function bandAreas(range: readonly [number, number], bands: readonly [number, number], names: readonly string[]): object[] {
  const [lo, hi] = range;
  const clip = (v: number) => Math.min(hi, Math.max(lo, v));
  const cuts = [lo, hi, ...bands.flatMap((c) => [2 * c - hi, 2 * c - lo])].filter((v) => v >= lo && v <= hi);
  const xs = [...new Set(cuts)].sort((a, b) => a - b);
  const lines = [-Infinity, ...bands.map((c) => 2 * c), Infinity];
  return names.flatMap((band, k) => xs.map((x) => ({ kind: "band", band, fill: D.bandColours[k], x, y: clip(lines[k]! - x), y2: clip(lines[k + 1]! - x) })));
}

/**
 * Where the means' labels go: right of their dot, moved up or down (in order of height) just enough
 * that no two overlap; `lx`, `ly` in score units, `moved` when a leader line is needed.
 */
function placeLabels<T extends { x: number; y: number }>(means: readonly T[], range: readonly [number, number]): (T & { lx: number; ly: number; moved: boolean })[] {
  const perPixel = (range[1] - range[0]) / D.size;
  const gap = (D.fontSize + 3) * perPixel;
  const byHeight = [...means.keys()].sort((a, b) => means[b]!.y - means[a]!.y || means[a]!.x - means[b]!.x);
  const ly = new Array<number>(means.length);
  // Top down, each label at most at its dot and at least a gap below the one above; then back up from the bottom edge.
  byHeight.forEach((i, k) => (ly[i] = k === 0 ? Math.min(means[i]!.y, range[1]) : Math.min(means[i]!.y, ly[byHeight[k - 1]!]! - gap)));
  for (let k = byHeight.length - 1; k >= 0; k--) {
    const i = byHeight[k]!;
    const floor = k === byHeight.length - 1 ? range[0] + gap / 2 : ly[byHeight[k + 1]!]! + gap;
    if (ly[i]! < floor) ly[i] = floor;
  }
  return means.map((m, i) => ({ ...m, lx: m.x + D.labelOffset * perPixel, ly: ly[i]!, moved: Math.abs(ly[i]! - m.y) > 2 * perPixel }));
}

/**
 * The working group's picture of the three career-ownership layers: career awareness across (the
 * mean of the `aware_*` items), career action up (the mean of the `action_*` items), on three bands
 * from lower left to upper right — 伝統的なキャリア意識層, 理解/関心層, 実践層 — that meet where
 * (awareness + action) / 2 is 2.5 and 3.5 (`bands`). Takes the respondents' table (arquero, e.g.
 * `readRespondents(…).table`): each respondent is a small dot coloured by layer (`layer`, or
 * `layer_post` for `wave: "post"`), shifted by a seeded amount (≤ 0.1) so that equal scores do not
 * hide each other, never labelled, and drawn in order of position, not of rows; a layer with fewer
 * than `minGroupSize` (5) people is drawn grey. With `by`, each group's mean is a large dot labelled
 * with the group and its size (若手（n=1515）), a group under the minimum left out and named in the
 * note. Or takes a table of group means (a study's report table as it is: label column, `awareness`,
 * `action`, `n`, `suppressed`, and an optional `layer`; or segmentProfile's long `means` table, its
 * `score` and `mean` columns, with the two scores named in `awareness` and `action`): the means
 * only, coloured by layer when the table has one; a row marked suppressed is named as hidden, a
 * shown row under the minimum is refused. Pure: same input and seed, same spec.
 * @example
 * const means = { rows: [
 *   { generation: "young", awareness: 3.2, action: 2.9, n: 1515 },
 *   { generation: "senior", awareness: null, action: null, n: null, suppressed: true },
 * ] };
 * const spec = layerGradientChart(means);
 * spec.data.values.filter((v) => v.kind === "mean").map((v) => v.label) // => ["若手（n=1515）"]
 * spec.title.subtitle.at(-1) // => "秘匿: 5人未満のグループ（シニア）"
 * @throws {ChartError} when a table of means shows a group under the minimum that is not marked
 *   suppressed, a mean lies outside the range, its size is missing, or a group appears twice.
 * @throws {KoeArgumentError} when a column is not there (named with the closest one), a score or
 *   answer lies outside the range (naming the row), `bands` are not increasing inside the range, or
 *   an option is unknown or of the wrong kind.
 */
export function layerGradientChart(input: Table | CodeTableInput, options: LayerGradientOptions = {}): TopLevelSpec {
  const o = parseOptions(CHART, Options, options);
  const range = o.range ?? D.range;
  const bands = o.bands ?? D.bands;
  if (!(bands[0] < bands[1] && bands[0] > range[0] && bands[1] < range[1])) throw KoeArgumentError.of(lm.badBands, { fn: CHART, bands, min: range[0], max: range[1] });
  requireTableInput(CHART, input);
  const raw = isArqueroTable(input);
  const words = layerChartWords[o.lang];
  const title = o.title ?? words.gradientTitle;
  const min = o.minGroupSize ?? D.minGroupSize;
  const read = raw ? { ...fromRespondents(input, o, range, min), min } : { points: [] as Point[], ...fromMeans(input as CodeTableInput, o, range) };
  const { means, by } = read;
  const points = o.points === false ? [] : read.points;
  const shownMin = read.min;
  if (points.length === 0 && means.length === 0) return noteChart(title, words.noData);
  const enoughPoints = points.length >= shownMin;
  if (!enoughPoints && means.every((m) => m.hidden)) return noteChart(title, words.allSuppressed(shownMin));

  // Layers: the vocabulary's labels, in its order; a layer with too few dots loses its colour.
  const layerIds = careerLayers.ids as readonly string[];
  const layerName = (id: string) => o.labels?.[id] ?? (layerIds.includes(id) ? careerLayers.label(id as (typeof careerLayers.ids)[number], o.lang) : id);
  const perLayer = new Map<string, number>();
  for (const p of points) if (p.layer !== null) perLayer.set(p.layer, (perLayer.get(p.layer) ?? 0) + 1);
  const colourOf = (layer: string | null, count: boolean) => (layer === null ? null : count && (perLayer.get(layer) ?? 0) < shownMin ? words.layerHidden : layerName(layer));

  // Dots in order of position (as read), shifted by the seeded generator in that order.
  const random = createRandom(o.seed);
  const clip = (v: number) => Math.min(range[1], Math.max(range[0], v));
  const dots = enoughPoints
    ? points.map((p) => ({ kind: "point", x: clip(p.x + (random.next() * 2 - 1) * o.jitter), y: clip(p.y + (random.next() * 2 - 1) * o.jitter), layer: colourOf(p.layer, true) }))
    : [];
  const groups = by === null ? [] : segmentValues(by, means.map((m) => m.group), o.lang, o.labels);
  const groupLabel = new Map(groups.map((g) => [g.key, g.label]));
  const order = new Map(groups.map((g, i) => [g.key, i]));
  const sorted = [...means].sort((a, b) => order.get(a.group)! - order.get(b.group)! || layerIds.indexOf(a.layer ?? "") - layerIds.indexOf(b.layer ?? ""));
  const shownMeans = placeLabels(
    sorted.filter((m) => !m.hidden).map((m) => ({ kind: "mean", group: groupLabel.get(m.group)!, x: m.x!, y: m.y!, n: m.n, layer: colourOf(m.layer, false), label: m.n === null ? groupLabel.get(m.group)! : words.meanLabel(groupLabel.get(m.group)!, m.n) })),
    range,
  );
  const hiddenGroups = [...new Set(sorted.filter((m) => m.hidden).map((m) => groupLabel.get(m.group)!))];

  const bandNames = layerIds.map(layerName);
  const coloured = [...new Set([...dots, ...shownMeans].map((d) => d.layer).filter((l): l is string => l !== null))];
  const legendDomain = [...bandNames.filter((b) => coloured.includes(b)), ...(coloured.includes(words.layerHidden) ? [words.layerHidden] : [])];
  const legendRange = legendDomain.map((l) => (l === words.layerHidden ? D.hiddenLayerColour : D.layerColours[bandNames.indexOf(l)]!));
  const pad = 0.02 * (range[1] - range[0]);
  const labelsOfBands = [
    { kind: "bandLabel", text: bandNames[0]!, x: range[0] + pad, y: range[0] + pad, align: "left", baseline: "bottom" },
    { kind: "bandLabel", text: bandNames[1]!, x: range[0] + pad, y: clip(bands[0] + bands[1] - range[0] - pad), align: "left", baseline: "top" },
    { kind: "bandLabel", text: bandNames[2]!, x: range[1] - pad, y: range[1] - pad, align: "right", baseline: "top" },
  ];
  const scale = { domain: [range[0], range[1]], nice: false, zero: false };
  const x = { field: "x", type: "quantitative", scale, title: words.awareness, axis: { grid: false, tickCount: range[1] - range[0] } };
  const y = { field: "y", type: "quantitative", scale, title: words.action, axis: { grid: false, tickCount: range[1] - range[0] } };
  const only = (kind: string) => [{ filter: `datum.kind === '${kind}'` }];
  const colour = (legend: boolean) => ({ field: "layer", type: "nominal", title: words.layer, scale: { domain: legendDomain, range: legendRange }, legend: legend ? { orient: "bottom", direction: "horizontal", labelLimit: 0 } : null });
  const subtitle = [
    words.gradientNote,
    ...(dots.length > 0 ? [words.gradientPoints(dots.length)] : []),
    ...(shownMeans.length > 0 ? [words.gradientMeans] : []),
    ...(hiddenGroups.length > 0 ? [words.groupsHiddenNamed(shownMin, hiddenGroups)] : []),
  ];

  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: koeTheme,
    title: { text: title, subtitle },
    width: D.size,
    height: D.size,
    data: { values: [...bandAreas(range, bands, bandNames), ...labelsOfBands, ...dots, ...shownMeans] },
    layer: [
      {
        transform: only("band"),
        mark: { type: "area", opacity: 1, aria: false },
        // The bands' own colours (no scale): the colour scale is the layers' legend, for dots and means.
        encoding: { x, y: { ...y, field: "y" }, y2: { field: "y2" }, color: { field: "fill", type: "nominal", scale: null }, detail: { field: "band" } },
      },
      ...(["left", "right"] as const).map((align) => ({
        transform: [...only("bandLabel"), { filter: `datum.align === '${align}'` }],
        mark: { type: "text", align, baseline: align === "left" ? { expr: "datum.baseline" } : "top", dx: 0, fontSize: D.fontSize, color: "#555555", aria: false },
        encoding: { x, y, text: { field: "text", type: "nominal" } },
      })),
      ...(dots.length === 0 ? [] : [{
        transform: only("point"),
        mark: { type: "circle", size: D.pointSize, opacity: D.pointOpacity, aria: false },
        encoding: { x, y, ...(coloured.length > 0 ? { color: colour(true) } : { color: { value: D.hiddenLayerColour } }) },
      }]),
      {
        transform: only("mean"),
        mark: { type: "circle", size: D.meanSize, opacity: 1, stroke: "#ffffff", strokeWidth: 1.5 },
        encoding: { x, y, ...(coloured.length > 0 && shownMeans.some((m) => m.layer !== null) ? { color: colour(dots.length === 0) } : { color: { value: D.meanColour } }), tooltip: tooltip(o.lang, ["group", "x:.2f", "y:.2f", "n"], { group: by === null ? "" : segmentName(by, o.lang), x: words.awareness, y: words.action, n: words.respondents }) },
      },
      {
        transform: [...only("mean"), { filter: "datum.moved" }],
        mark: { type: "rule", color: "#555555", strokeWidth: 0.75, aria: false },
        encoding: { x, y, x2: { field: "lx" }, y2: { field: "ly" } },
      },
      {
        transform: only("mean"),
        mark: { type: "text", align: "left", baseline: "middle", dx: 2, fontSize: D.fontSize, fontWeight: "bold", color: "#222222", aria: false },
        encoding: { x: { ...x, field: "lx" }, y: { ...y, field: "ly" }, text: { field: "label", type: "nominal" } },
      },
    ],
  } as TopLevelSpec;
}
