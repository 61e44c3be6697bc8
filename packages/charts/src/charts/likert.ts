import { careerSurveyInstrument, closest, DEFAULT_LIKERT_LABELS, DEFAULT_MIN_GROUP_SIZE, Instrument, KoeArgumentError, knownField, numericColumn, parseOptions, resolveColumn, segmentColumn, z, type Localized, type Table } from "@koe/core";
import type { TopLevelSpec } from "vega-lite";
import { ChartError } from "../errors.js";
import { describeValue } from "../input.js";
import { layerChartMessages as lm, layerChartWords, layerPlaces } from "../layer-messages.js";
import { chartMessages as m, expected, type Lang } from "../messages.js";
import { estimateTextWidth } from "../text-metrics.js";
import { koeTheme } from "../theme.js";
import { codeLabels, noteChart, readCodeTable, requireFigures, segmentKey, segmentName, segmentValues, shown, tooltip, type CodeTableInput } from "./code-tables.js";

const CHART = "likertChart";

/**
 * Defaults of {@link likertChart}'s options and look (sizes in pixels).
 * @example
 * [LIKERT_DEFAULTS.range, LIKERT_DEFAULTS.minGroupSize] // => [[1, 5], 5]
 */
export const LIKERT_DEFAULTS = {
  lang: "ja" as Lang,
  /** The answers' range when neither the option nor the instrument gives one. */
  range: [1, 5] as const,
  minGroupSize: DEFAULT_MIN_GROUP_SIZE,
  /** Width of the plot, from 100% negative (left) to 100% positive (right). */
  width: 420,
  rowHeight: 24,
  fontSize: 11,
  segmentPadding: 3,
  /** The ends of the negative (orange) and positive (blue) sides, strongest first; the neutral answer is grey. */
  negative: ["#d55e00", "#f6c6a1"] as const,
  positive: ["#0072b2", "#a9cde8"] as const,
  neutral: "#d9d9d9",
  suppressedFill: "#efefef",
  suppressedStroke: "#b0b0b0",
  suppressedText: "#555555",
};
const D = LIKERT_DEFAULTS;

const Options = z.object({
  /** Language of the chart's words, the item labels (the instrument's `ja` / `en`) and the segment labels. Default "ja". */
  lang: z.enum(["ja", "en"]).default(D.lang),
  /**
   * The items drawn, top to bottom. With the respondents' table: its item columns (required), e.g.
   * `["eng_01_pre", "eng_02_pre"]`. With a table of counts: the item ids to draw, in this order
   * (default every item, in the table's order).
   */
  items: z.array(z.string()).readonly().optional(),
  /** The segment column (e.g. "generation"): one bar per item and segment value. Default none (one bar per item). */
  by: z.string().optional(),
  /** Chart title. Default 「回答の分布」, or 「世代別の回答の分布」 with `by` (the segment's name). */
  title: z.string().optional(),
  /** Display labels by item (column or id) and by segment value; they win over the instrument's wording and the model's vocabulary. */
  labels: z.record(z.string(), z.string()).readonly().optional(),
  /** The instrument whose items' wording labels the bars and whose ranges the answers must lie in (`eng_01_pre` → item eng_01, wave pre). Default careerSurveyInstrument. */
  instrument: z.custom<Instrument>((v) => Instrument.safeParse(v).success, { message: "an instrument (see careerSurveyInstrument, Instrument.parse)" }).optional(),
  /** The answers' range [lowest, highest] (whole numbers). Default the instrument's range of the items, else [1, 5]. */
  range: z.tuple([z.number().int(), z.number().int()]).refine(([a, b]) => a < b, { message: "[lowest, highest] with lowest below highest" }).optional(),
  /** Labels of the answers, lowest first (as many as the range has points). Default 「そう思わない」…「そう思う」 on a 5-point scale, else the numbers. */
  answerLabels: z.array(z.string()).readonly().optional(),
  /** The smallest group drawn (with the respondents' table; a table of counts says its own in `privacy.params.minGroupSize`). Default 5. */
  minGroupSize: z.number().int().min(1).optional(),
  /** Cell texts meaning "no answer" in the respondents' table. Default "", "NA", "N/A", 無回答. */
  missing: z.array(z.string()).readonly().optional(),
});

/**
 * Options of {@link likertChart}; every one is optional (but `items` with the respondents' table),
 * and an unknown one is an error.
 * @example
 * const options: LikertOptions = { lang: "en", by: "generation" };
 * const counts = { rows: [{ item: "eng_01", generation: "young", answer: 5, count: 12 }] };
 * likertChart(counts, options).title.text // => "Answers by Generation"
 * likertChart(counts, { by: "generaton" }) // throws: the table has no column "generaton"; did you mean "generation"?
 */
export type LikertOptions = z.input<typeof Options>;

type O = z.output<typeof Options>;
/** One bar: an item in a group, with its answers counted from the lowest (null: hidden). */
interface Bar {
  item: string;
  group: string | null;
  counts: number[] | null;
}

// What the segment and layer charts share (likertChart, layerGradientChart, layerTransitionChart,
// penetrationFunnelChart, reskillingCycleChart): telling the respondents' table from a table of
// figures, and checking a table of figures' shown rows against the minimum group size.

/** @internal Is the input an arquero table (the respondents' rows)? */
export const isArqueroTable = (v: unknown): v is Table =>
  v !== null && typeof v === "object" && typeof (v as { columnNames?: unknown }).columnNames === "function" && typeof (v as { objects?: unknown }).objects === "function";

/** @internal Throws unless the input is an object: the respondents' arquero table, or a table of figures `{ rows }`. */
export function requireTableInput(fn: string, input: unknown): void {
  if (input === null || typeof input !== "object" || Array.isArray(input)) throw KoeArgumentError.of(lm.notATableOrCounts, { fn, got: describeValue(input) });
}

/** @internal The minimum group size a report table was published with (`privacy.params.minGroupSize`), else `fallback`. */
export function tableMin(input: unknown, fallback: number): number {
  const min = (input as { privacy?: { params?: { minGroupSize?: unknown } } }).privacy?.params?.minGroupSize;
  return typeof min === "number" ? min : fallback;
}

/**
 * @internal The figures of a shown row of a table of figures: counts whole and ≥ 0, shares in 0–1,
 * numbers finite (the shape checks of {@link requireFigures}), and no group (`groups`) under the minimum.
 * @throws {ChartError} naming the row, the field and its value.
 */
export function requireGroupFigures(fn: string, row: Readonly<Record<string, unknown>>, where: Localized, figures: { counts?: readonly string[]; groups?: readonly string[]; shares?: readonly string[]; numbers?: readonly string[] }, min: number): void {
  requireFigures(fn, row, where, { counts: [...(figures.counts ?? []), ...(figures.groups ?? [])], ...(figures.shares ? { shares: figures.shares } : {}) }, 0);
  for (const field of figures.numbers ?? []) {
    const v = row[field];
    if (!(typeof v === "number" && Number.isFinite(v))) throw ChartError.of(m.badField, { fn, where, field, value: v, expected: expected.number });
  }
  for (const field of figures.groups ?? []) {
    const n = row[field] as number;
    if (n < min) throw ChartError.of(lm.smallGroupShown, { fn, where, n, min });
  }
}

/** The instrument's item and wave behind a column or id (`eng_01_pre` → eng_01, pre), if it knows it. */
function itemOf(instrument: Instrument, name: string): { item: Instrument["items"][number]; wave: Instrument["waves"][number] | null } | null {
  const exact = instrument.items.find((i) => i.id === name);
  if (exact) return { item: exact, wave: null };
  for (const wave of instrument.waves) {
    if (!name.endsWith(`_${wave.id}`)) continue;
    const item = instrument.items.find((i) => i.id === name.slice(0, -wave.id.length - 1));
    if (item) return { item, wave };
  }
  return null;
}

/** The answers' range: the option's, else the instrument's (one for all items), else [1, 5]. */
function rangeOf(o: O, instrument: Instrument, items: readonly string[]): [number, number] {
  if (o.range) return [o.range[0], o.range[1]];
  const known = items.map((i) => itemOf(instrument, i)?.item).filter((i) => i !== undefined);
  const ranges = [...new Set(known.map((i) => `${i.min}–${i.max}`))];
  if (ranges.length > 1) throw KoeArgumentError.of(lm.itemRanges, { fn: CHART, ranges });
  return known.length > 0 ? [known[0]!.min, known[0]!.max] : [D.range[0], D.range[1]];
}

/** Counts answers in the respondents' table: per item and group (or overall), groups under the minimum hidden. */
function barsFromRespondents(table: Table, o: O, instrument: Instrument, min: number): { bars: Bar[]; by: string | null; range: [number, number] } {
  if (!o.items || o.items.length === 0) throw KoeArgumentError.of(lm.itemsNeeded, { fn: CHART });
  const columns = o.items.map((name) => resolveColumn(CHART, table, name, "items"));
  const range = rangeOf(o, instrument, columns);
  const points = range[1] - range[0] + 1;
  const marks = o.missing ? { missing: o.missing } : {};
  const segment = o.by === undefined ? null : segmentColumn(CHART, table, o.by, { option: "by", ...marks });
  const levels = segment ? segment.levels : [null];
  const bars: Bar[] = [];
  for (const column of columns) {
    const values = numericColumn(CHART, table, column, { option: "items", labels: instrument.likertLabels ?? DEFAULT_LIKERT_LABELS, ...marks }).values;
    const counts = levels.map(() => new Array<number>(points).fill(0));
    for (let r = 0; r < values.length; r++) {
      const v = values[r]!;
      if (v !== v) continue;
      if (!Number.isInteger(v) || v < range[0] || v > range[1]) throw KoeArgumentError.of(lm.answerOutOfRange, { fn: CHART, column, value: v, row: r + 1, min: range[0], max: range[1] });
      const g = segment ? segment.codes[r]! : 0;
      if (g >= 0) counts[g]![v - range[0]]!++;
    }
    levels.forEach((level, g) => {
      const n = counts[g]!.reduce((a, b) => a + b, 0);
      bars.push({ item: column, group: level === null ? null : segmentKey(level), counts: n >= min ? counts[g]! : null });
    });
  }
  return { bars, by: segment?.column ?? null, range };
}

/** Reads a table of counts (one row per item, group and answer): hidden bars where any row is suppressed. */
function barsFromCounts(input: CodeTableInput, o: O, instrument: Instrument, min: number): { bars: Bar[]; by: string | null; range: [number, number]; labelled: [string, unknown][] } {
  for (const option of ["minGroupSize", "missing"] as const) if (o[option] !== undefined) throw KoeArgumentError.of(lm.rawOnly, { fn: CHART, option });
  const by = o.by ?? null;
  const t = readCodeTable(CHART, input, ["item", "answer", "count", ...(by === null ? [] : [by])]);
  const present = [...new Set(t.rows.map((r) => String(r.item)))];
  for (const item of o.items ?? []) {
    if (!present.includes(item)) throw KoeArgumentError.of(lm.unknownItem, { fn: CHART, item, suggestion: closest(item, present), items: present });
  }
  const items = o.items ? [...o.items] : present;
  const range = rangeOf(o, instrument, items);
  const points = range[1] - range[0] + 1;
  const bars = new Map<string, Bar & { seen: Set<number> }>();
  t.rows.forEach((r, i) => {
    const item = String(r.item);
    if (!items.includes(item)) return;
    const group = by === null ? null : segmentKey(r[by]);
    const key = JSON.stringify([item, group]);
    const bar = bars.get(key) ?? { item, group, counts: new Array<number>(points).fill(0), seen: new Set<number>() };
    bars.set(key, bar);
    const where = layerPlaces.row(i, `${item}${group === null ? "" : ` / ${group}`}`);
    const answer = r.answer;
    if (!(typeof answer === "number" && Number.isInteger(answer) && answer >= range[0] && answer <= range[1])) {
      throw ChartError.of(m.badField, { fn: CHART, where, field: "answer", value: answer, expected: expected.oneOf(Array.from({ length: points }, (_, k) => String(range[0] + k))) });
    }
    if (bar.seen.has(answer)) throw ChartError.of(lm.duplicateBar, { fn: CHART, item, group, answer });
    bar.seen.add(answer);
    if (!shown(r)) bar.counts = null;
    else {
      requireGroupFigures(CHART, r, where, { counts: ["count"] }, min);
      if (bar.counts) bar.counts[answer - range[0]] = r.count as number;
    }
  });
  const out = [...bars.values()].sort((a, b) => items.indexOf(a.item) - items.indexOf(b.item));
  for (const bar of out) {
    const n = bar.counts?.reduce((a, b) => a + b, 0) ?? 0;
    if (bar.counts && n < min) throw ChartError.of(lm.smallGroupShown, { fn: CHART, where: layerPlaces.bar(bar.item, bar.group), n, min });
  }
  const labelled = t.rows.map((r) => [String(r.item), r[`item_${o.lang}`]] as [string, unknown]);
  return { bars: out.map(({ seen: _, ...b }) => b), by, range, labelled };
}

/** Colours of the answers, lowest first: strong orange → light orange, grey (the middle of an odd scale), light blue → strong blue. */
function answerColours(points: number): string[] {
  const side = Math.floor(points / 2);
  const mix = (a: string, b: string, t: number) =>
    `#${[1, 3, 5].map((i) => Math.round(parseInt(a.slice(i, i + 2), 16) * (1 - t) + parseInt(b.slice(i, i + 2), 16) * t).toString(16).padStart(2, "0")).join("")}`;
  const shades = (ends: readonly [string, string]) => Array.from({ length: side }, (_, k) => mix(ends[0], ends[1], side === 1 ? 0 : k / (side - 1)));
  return [...shades(D.negative), ...(points % 2 === 1 ? [D.neutral] : []), ...shades(D.positive).reverse()];
}

/**
 * Diverging stacked bars of answers to Likert items: per item (and per segment value with `by`),
 * the share of each answer, the negative answers to the left of 0 and the positive ones to the
 * right, the middle answer of an odd scale centred on 0 (half each side); at the right end, the
 * share of the top two answers (top-2-box) and the number answering. Missing answers are left out.
 * Takes either the respondents' table (arquero, e.g. `readRespondents(…).table`) with the item
 * columns in `items` — the answers are counted here, and a group with fewer than `minGroupSize` (5)
 * answering an item is drawn as a grey 秘匿 bar with no number (no total is drawn, so nothing is
 * revealed by subtraction) — or a table of counts `{ rows: [{ item, answer, count, [by], suppressed? }] }`
 * (a study's report table as it is: a suppressed row hides its whole bar; a shown bar under the
 * minimum is refused). Item labels come from `labels`, else the table's `item_ja` / `item_en`, else
 * the instrument's wording (`eng_01_pre` → 「仕事に誇りを感じている」, with the wave when the items
 * span several), else the column. With `by`, each item is a panel headed by its wording and the
 * segment values run down in their natural order (若手 → シニア). Pure: same input, same spec.
 * @example
 * const counts = { rows: [1, 2, 3, 4, 5].map((answer, k) => ({ item: "eng_01", answer, count: [2, 3, 5, 6, 4][k] })) };
 * const spec = likertChart(counts);
 * spec.data.values.filter((v) => v.kind === "segment").map((v) => `${v.answer} ${v.start.toFixed(3)}`)
 * // => ["そう思わない -0.375", "あまりそう思わない -0.275", "どちらともいえない -0.125", "ややそう思う 0.125", "そう思う 0.425"]
 * spec.data.values.find((v) => v.kind === "end").text // => "50%（n=20）"
 * @throws {ChartError} when a table of counts shows a bar of fewer than the minimum that is not
 *   marked suppressed, an answer is outside the range or appears twice for one bar, or two items
 *   share a label.
 * @throws {KoeArgumentError} when a column or item is not there (named with the closest one), an
 *   answer in the respondents' table is not a whole number in the range (naming the column, row and
 *   value), the items' ranges differ, `items` is missing with the respondents' table, or an option
 *   is unknown or of the wrong kind.
 */
export function likertChart(input: Table | CodeTableInput, options: LikertOptions = {}): TopLevelSpec {
  const o = parseOptions(CHART, Options, options);
  const instrument = o.instrument ?? careerSurveyInstrument;
  const words = layerChartWords[o.lang];
  requireTableInput(CHART, input);
  const raw = isArqueroTable(input);
  const min = o.minGroupSize ?? (raw ? D.minGroupSize : tableMin(input, D.minGroupSize));
  const read = raw ? { ...barsFromRespondents(input, o, instrument, min), labelled: [] as [string, unknown][] } : barsFromCounts(input as CodeTableInput, o, instrument, min);
  const { bars, by, range } = read;
  const points = range[1] - range[0] + 1;
  const answers = o.answerLabels ? [...o.answerLabels] : points === 5 ? [...words.answers5] : Array.from({ length: points }, (_, k) => String(range[0] + k));
  if (answers.length !== points) throw KoeArgumentError.of(lm.answerLabelCount, { fn: CHART, given: answers.length, points });
  const segmentTitle = by === null ? null : segmentName(by, o.lang);
  const title = o.title ?? (segmentTitle === null ? words.likertTitle : words.likertTitleBy(segmentTitle));
  if (bars.length === 0) return noteChart(title, words.noData);
  if (bars.every((b) => b.counts === null)) return noteChart(title, words.allSuppressed(min));

  const colours = answerColours(points);

  // Item labels: the caller's, the table's, the instrument's wording (with the wave when items span
  // several), the model's name of the column (aware_01_pre → キャリア意識1_事前), the id.
  const known = new Map(bars.map((b) => [b.item, itemOf(instrument, b.item)]));
  const waves = new Set([...known.values()].map((k) => k?.wave?.id ?? null));
  const wording = (id: string) => {
    const k = known.get(id);
    if (!k) return knownField(id)?.meta[o.lang] ?? null;
    return k.wave && waves.size > 1 ? words.waveSuffix(k.item[o.lang], k.wave[o.lang]) : k.item[o.lang];
  };
  const tableLabel = new Map(read.labelled.filter(([, l]) => typeof l === "string" && l.trim() !== ""));
  const items = codeLabels(CHART, bars.map((b) => [b.item, tableLabel.get(b.item) ?? wording(b.item)] as const), o.labels);
  const groups = by === null ? [] : segmentValues(by, bars.map((b) => b.group), o.lang, o.labels);
  const groupLabel = new Map(groups.map((g) => [g.key, g.label]));

  // Shares, laid out from the left end of the negative side; the middle answer straddles 0.
  const mid = (points - 1) / 2;
  // A share is printed inside its segment when it fits there (the plot is 200%, −100% to 100%, wide).
  const fits = (text: string, share: number) => estimateTextWidth(text, D.fontSize) + 2 * D.segmentPadding <= (share * D.width) / 2;
  const place = (b: Bar) => ({ item: items.get(b.item)!, group: b.group === null ? null : groupLabel.get(b.group)! });
  const segments: object[] = [];
  const ends: object[] = [];
  const hidden: object[] = [];
  for (const b of bars) {
    if (b.counts === null) {
      hidden.push({ ...place(b), text: words.suppressed });
      continue;
    }
    const n = b.counts.reduce((a, c) => a + c, 0);
    const shares = b.counts.map((c) => c / n);
    let start = -shares.reduce((a, s, k) => a + (k < mid ? s : k === mid ? s / 2 : 0), 0);
    shares.forEach((share, k) => {
      const text = `${Math.round(share * 100)}%`;
      segments.push({ ...place(b), answer: answers[k]!, count: b.counts![k]!, share, start, end: start + share, text: fits(text, share) ? text : "", light: k === 0 || k === points - 1 });
      start += share;
    });
    const top2 = shares[points - 1]! + shares[points - 2]!;
    ends.push({ ...place(b), top2, n, text: words.top2(top2, n) });
  }

  const y = by === null ? { field: "item", type: "nominal", sort: [...items.values()], title: null, axis: { domain: false, ticks: false, labelLimit: 0 } } : { field: "group", type: "nominal", sort: groups.map((g) => g.label), title: null, axis: { domain: false, ticks: false, labelLimit: 0 } };
  const x = { scale: { domain: [-1, 1] }, axis: { values: [-1, -0.5, 0, 0.5, 1], labelExpr: "format(abs(datum.value), '.0%')", title: null, grid: true } };
  const only = (kind: string, ...more: object[]) => [{ filter: `datum.kind === '${kind}'` }, ...more];
  const itemTitle = o.lang === "ja" ? "設問" : "Item";
  const layer = [
    {
      transform: only("segment"),
      mark: { type: "bar", stroke: "#ffffff", strokeWidth: 1, height: { band: 0.75 } },
      encoding: {
        y, x: { field: "start", type: "quantitative", ...x }, x2: { field: "end" },
        color: { field: "answer", type: "nominal", title: null, scale: { domain: answers, range: colours }, legend: { orient: "top", direction: "horizontal", labelLimit: 0, symbolType: "square" } },
        tooltip: tooltip(o.lang, ["item", ...(by === null ? [] : ["group"]), "answer", "count", "share:.1%"], { item: itemTitle, group: segmentTitle ?? "", answer: words.answer, count: words.respondents }),
      },
    },
    {
      transform: only("segment", { filter: "datum.text !== ''" }, { calculate: "(datum.start + datum.end) / 2", as: "middle" }),
      mark: { type: "text", aria: false, align: "center", baseline: "middle", fontSize: D.fontSize },
      encoding: { y, x: { field: "middle", type: "quantitative" }, text: { field: "text", type: "nominal" }, color: { condition: { test: "datum.light", value: "#ffffff" }, value: "#222222" } },
    },
    // 0, across each shown bar (a line through the whole panel would cross the hidden bars' word).
    { transform: only("end"), mark: { type: "tick", color: "#555555", thickness: 1, bandSize: D.rowHeight - 2, orient: "vertical", aria: false }, encoding: { y, x: { datum: 0, type: "quantitative" } } },
    {
      transform: only("end"),
      mark: { type: "text", align: "left", baseline: "middle", dx: 6, fontSize: D.fontSize, color: "#333333" },
      encoding: { y, x: { datum: 1, type: "quantitative" }, text: { field: "text", type: "nominal" } },
    },
    {
      transform: only("hidden"),
      mark: { type: "bar", color: D.suppressedFill, opacity: 1, stroke: D.suppressedStroke, strokeDash: [3, 2], height: { band: 0.75 } },
      encoding: { y, x: { datum: -1, type: "quantitative" }, x2: { datum: 1 } },
    },
    {
      transform: only("hidden"),
      mark: { type: "text", align: "center", baseline: "middle", fontSize: D.fontSize, color: D.suppressedText },
      encoding: { y, x: { datum: 0, type: "quantitative" }, text: { field: "text", type: "nominal" } },
    },
  ];
  // One data set (a faceted chart takes its data at the top): the bars' segments, their ends, the hidden bars.
  const values = [...segments.map((v) => ({ kind: "segment", ...v })), ...ends.map((v) => ({ kind: "end", ...v })), ...hidden.map((v) => ({ kind: "hidden", ...v }))];
  const subtitle = [words.likertNote(words.top2Name), ...(hidden.length > 0 ? [words.groupsHidden(min)] : [])];
  const top = { $schema: "https://vega.github.io/schema/vega-lite/v6.json", config: koeTheme, title: { text: title, subtitle }, data: { values } };
  if (by === null) return { ...top, width: D.width, height: { step: D.rowHeight }, layer } as TopLevelSpec;
  // By segment: one panel per item, headed by its wording, the segment values down each.
  return {
    ...top,
    facet: { row: { field: "item", type: "nominal", sort: [...items.values()], title: null, header: { labelOrient: "top", labelAngle: 0, labelAlign: "left", labelAnchor: "start", labelFontSize: 12, labelLimit: 0, labelPadding: 4 } } },
    spec: { width: D.width, height: { step: D.rowHeight }, layer },
  } as TopLevelSpec;
}
