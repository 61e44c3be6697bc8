import { parseOptions, z } from "@koe/core";
import type { TopLevelSpec } from "vega-lite";
import { ChartError } from "../errors.js";
import { checkList, checkObject, fields, type Shape } from "../input.js";
import { chartMessages as m, expected, furniture, places, vocabulary, type Lang } from "../messages.js";
import { estimateTextWidth } from "../text-metrics.js";
import { koeTheme } from "../theme.js";

const CHART = "initiativeMatrixChart";

/**
 * Defaults of {@link initiativeMatrixChart}'s options and look (sizes in pixels).
 * @example
 * INITIATIVE_MATRIX_DEFAULTS.showStability // => false
 */
export const INITIATIVE_MATRIX_DEFAULTS = {
  lang: "ja" as Lang,
  showStability: false,
  /** Narrowest cell; cells widen to their longest line (estimated generously: CJK 1 em, others 0.6 em). */
  minCellWidth: 120,
  fontSize: 11,
  lineHeight: 16,
  cellPadding: 8,
  labelPadding: 4,
  suppressedFill: "#d9d9d9",
  suppressedText: "#555555",
  /** Light blues only, so the dark text stays readable on every cell. */
  shareRange: ["#f4f8fc", "#6aaed6"],
  emptyFill: "#f7f7f7",
};
const D = INITIATIVE_MATRIX_DEFAULTS;

/**
 * The top-k initiative matrix (rows × columns, each cell its ranked initiatives), as @koe/core's
 * studies compute it. Declared here structurally: charts depend on what they draw, not on the study's result type.
 * @example
 * const result: InitiativeMatrixInput = {
 *   rows: ["young"], columns: ["know"], minCompanies: 5, k: 3, suppressedCells: [],
 *   cells: [{ row: "young", column: "know", rank: 1, initiative: "one_on_one", companies: 20, rated: 24, share: 0.83, tied: false, stability: 0.92 }],
 * };
 * initiativeMatrixChart(result).data // => { values: [{ row: "若手", column: "知る", share: 0.83, suppressed: false, lines: ["1. キャリア1on1 (20/24)"], note: null }] }
 */
export interface InitiativeMatrixInput {
  /** Ordered row ids, e.g. ["young", "mid", "senior"]; drawn top to bottom in this order. */
  rows: readonly string[];
  /** Ordered column ids, e.g. ["know", "understand", "deepen", "practice"]; drawn left to right. */
  columns: readonly string[];
  /** Ranked initiatives: `companies` of `rated` companies rated it effective, `share` = companies / rated. */
  cells: readonly { row: string; column: string; rank: number; initiative: string; companies: number; rated: number; share: number; tied: boolean; stability: number | null }[];
  /** Cells rated by fewer than `minCompanies` companies; `ratingCompanies` is never drawn. */
  suppressedCells: readonly { row: string; column: string; ratingCompanies: number }[];
  /** The minimum number of rating companies the result was suppressed with (printed in the note). */
  minCompanies: number;
  /** How many ranks were kept (ties may add lines). */
  k: number;
}

const Options = z.object({
  /** Language of the chart's words and of the built-in labels. Default "ja". */
  lang: z.enum(["ja", "en"]).default(D.lang),
  /** Chart title. Default "浸透ステップ×世代で効果のあった施策（上位）" / "Initiatives that worked, by penetration step and generation (top ranks)". */
  title: z.string().optional(),
  /** Display labels by id (rows, columns and initiatives); they win over the built-in labels of koe's vocabulary ({@link vocabulary}). Ids with neither show as they are. */
  labels: z.record(z.string(), z.string()).readonly().optional(),
  /** Append each initiative's rank stability (e.g. " ·安定度 0.92") where it is not null. Default false. */
  showStability: z.boolean().default(D.showStability),
});

/**
 * Options of {@link initiativeMatrixChart}; every one is optional, and an unknown one is an error.
 * @example
 * const options: InitiativeMatrixOptions = { lang: "en", showStability: true, labels: { one_on_one: "1on1" } };
 * const result = { rows: ["young"], columns: ["know"], minCompanies: 5, k: 3, suppressedCells: [],
 *   cells: [{ row: "young", column: "know", rank: 1, initiative: "one_on_one", companies: 20, rated: 24, share: 0.83, tied: false, stability: 0.92 }] };
 * initiativeMatrixChart(result, options).data.values[0].lines // => ["1. 1on1 (20/24) · stability 0.92"]
 * initiativeMatrixChart(result, { lang: "jp" }) // throws: option "lang" must be one of "ja", "en" (got "jp"); did you mean "ja"?
 */
export type InitiativeMatrixOptions = z.input<typeof Options>;

type Ranked = InitiativeMatrixInput["cells"][number];
const key = (row: string, column: string) => JSON.stringify([row, column]);
const isCount = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 0;

const RESULT: Shape<InitiativeMatrixInput> = {
  rows: fields.textList, columns: fields.textList, cells: fields.list, suppressedCells: fields.list, minCompanies: fields.anyNumber, k: fields.anyNumber,
};
const CELL: Shape<Ranked> = {
  row: fields.text, column: fields.text, rank: fields.anyNumber, initiative: fields.text, companies: fields.anyNumber, rated: fields.anyNumber,
  share: fields.anyNumber, tied: fields.boolean, stability: fields.numberOrNull,
};
const SUPPRESSED: Shape<InitiativeMatrixInput["suppressedCells"][number]> = { row: fields.text, column: fields.text, ratingCompanies: fields.anyNumber };

/** The shape first (KoeArgumentError), then whether it holds together (ChartError). */
function check(result: unknown): asserts result is InitiativeMatrixInput {
  checkObject<InitiativeMatrixInput>(CHART, result, places.argument("result"), RESULT);
  checkList<Ranked>(CHART, result.cells, "result.cells", CELL);
  checkList(CHART, result.suppressedCells, "result.suppressedCells", SUPPRESSED);
  const bad = (where: { en: string; ja: string }, field: string, value: unknown, expect: { en: string; ja: string }) =>
    ChartError.of(m.badField, { fn: CHART, where, field, value, expected: expect });
  if (!(Number.isInteger(result.minCompanies) && result.minCompanies > 0)) throw bad(places.result, "minCompanies", result.minCompanies, expected.positiveInteger);
  const rows = new Set(result.rows);
  const columns = new Set(result.columns);
  const place = (c: { row: string; column: string }, where: { en: string; ja: string }) => {
    if (!rows.has(c.row)) throw ChartError.of(m.unknownId, { fn: CHART, axis: "row", id: c.row, where });
    if (!columns.has(c.column)) throw ChartError.of(m.unknownId, { fn: CHART, axis: "column", id: c.column, where });
  };
  const seen = new Set<string>();
  for (const c of result.cells) {
    place(c, places.cell(c.row, c.column));
    const id = JSON.stringify([c.row, c.column, c.initiative]);
    if (seen.has(id)) throw ChartError.of(m.duplicateRankedCell, { fn: CHART, row: c.row, column: c.column, initiative: c.initiative });
    seen.add(id);
    const at = places.rankedCell(c.row, c.column, c.initiative);
    if (!(Number.isInteger(c.rank) && c.rank > 0)) throw bad(at, "rank", c.rank, expected.positiveInteger);
    if (!isCount(c.rated)) throw bad(at, "rated", c.rated, expected.count);
    if (!(isCount(c.companies) && c.companies <= c.rated)) throw bad(at, "companies", c.companies, expected.countUpTo(c.rated));
    if (!(c.share >= 0 && c.share <= 1)) throw bad(at, "share", c.share, expected.share);
  }
  for (const s of result.suppressedCells) place(s, places.suppressedCell);
}

/** Display labels of ids, checked to be distinct (else two rows or columns would share one place). */
function displayLabels(ids: readonly string[], label: (id: string) => string, axis: "row" | "column"): string[] {
  const owner = new Map<string, string>();
  return ids.map((id) => {
    const text = label(id);
    const other = owner.get(text);
    if (other !== undefined) throw ChartError.of(m.labelCollision, { fn: CHART, axis, a: other, b: id, label: text });
    owner.set(text, id);
    return text;
  });
}

/** One line of a cell: "1. キャリア1on1 (20/24)", "2= 社内公募 (10/24)", optionally with stability. */
function lineOf(c: Ranked, name: string, lang: Lang, showStability: boolean): string {
  const stability = showStability && c.stability !== null ? furniture[lang].stability(c.stability.toFixed(2)) : "";
  return `${c.rank}${c.tied ? "=" : "."} ${name} (${c.companies}/${c.rated})${stability}`;
}

/**
 * The consortium's top-k matrix: penetration steps across (in the result's column order), generations
 * down (in its row order), each cell listing its ranked initiatives one per line as
 * "1. キャリア1on1 (20/24)" (companies rating it effective / companies that rated it); tied ranks
 * show "=" ("2= …"). The cell's colour is the first-ranked initiative's share (0–1). Suppressed
 * cells are grey and say 秘匿（回答企業が5社未満）; neither their rating count nor any initiative
 * listed for them enters the spec. Cells widen to their longest line, so no text is clipped.
 * Pure: same result and options, same spec.
 * @example
 * const spec = initiativeMatrixChart({
 *   rows: ["young", "mid"], columns: ["know", "practice"], minCompanies: 5, k: 3,
 *   cells: [{ row: "young", column: "know", rank: 1, initiative: "one_on_one", companies: 20, rated: 24, share: 0.83, tied: false, stability: 0.92 }],
 *   suppressedCells: [{ row: "mid", column: "practice", ratingCompanies: 3 }],
 * });
 * spec.data
 * // => { values: [{ row: "若手", column: "知る", share: 0.83, suppressed: false, lines: ["1. キャリア1on1 (20/24)"], note: null },
 * //               { row: "若手", column: "実践を支援する", share: null, suppressed: false, lines: [], note: "評価なし" },
 * //               { row: "中堅", column: "知る", share: null, suppressed: false, lines: [], note: "評価なし" },
 * //               { row: "中堅", column: "実践を支援する", share: null, suppressed: true, lines: [], note: "秘匿（回答企業が5社未満）" }] }
 * @throws {ChartError} when a cell names a row or column not in the result, an initiative appears
 *   twice in a cell, a rank, count or share is out of range, or two rows (columns) share a label.
 * @throws {KoeArgumentError} when the result is not of the shape above (a field missing or of the
 *   wrong kind, e.g. a table), or an option is unknown or of the wrong kind (`lang: "jp"`).
 */
export function initiativeMatrixChart(result: InitiativeMatrixInput, options: InitiativeMatrixOptions = {}): TopLevelSpec {
  const { lang, showStability, title, labels } = parseOptions(CHART, Options, options);
  check(result);
  const words = furniture[lang];
  const label = (id: string) => labels?.[id] ?? vocabulary[lang][id] ?? id;
  const rowIds = [...new Set(result.rows)];
  const columnIds = [...new Set(result.columns)];
  const rows = displayLabels(rowIds, label, "row");
  const columns = displayLabels(columnIds, label, "column");

  const suppressed = new Set(result.suppressedCells.map((s) => key(s.row, s.column)));
  const ranked = new Map<string, Ranked[]>();
  for (const c of result.cells) {
    if (suppressed.has(key(c.row, c.column))) continue; // a suppressed cell shows nothing it was given
    const list = ranked.get(key(c.row, c.column)) ?? [];
    list.push(c);
    ranked.set(key(c.row, c.column), list);
  }

  const values = rowIds.flatMap((row, i) =>
    columnIds.map((column, j) => {
      const place = { row: rows[i]!, column: columns[j]! };
      if (suppressed.has(key(row, column))) return { ...place, share: null, suppressed: true, lines: [], note: words.suppressedCompanies(result.minCompanies) };
      const list = [...(ranked.get(key(row, column)) ?? [])].sort((a, b) => a.rank - b.rank); // stable: ties keep input order
      if (list.length === 0) return { ...place, share: null, suppressed: false, lines: [], note: words.noRatings };
      return { ...place, share: list[0]!.share, suppressed: false, lines: list.map((c) => lineOf(c, label(c.initiative), lang, showStability)), note: null };
    }),
  );

  const lineCount = Math.max(1, ...values.map((v) => v.lines.length));
  const texts = values.flatMap((v) => (v.note === null ? v.lines : [v.note]));
  const widest = Math.max(...texts.map((t) => estimateTextWidth(t, D.fontSize)), ...columns.map((c) => estimateTextWidth(c, D.fontSize)));
  const cellWidth = Math.max(D.minCellWidth, Math.ceil(widest) + 2 * D.cellPadding);
  const cellHeight = lineCount * D.lineHeight + 2 * D.cellPadding;
  // Line i sits i line-heights below the first; the block is centred in the cell.
  const dy = (i: number) => (i - (lineCount - 1) / 2) * D.lineHeight;

  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: koeTheme,
    title: { text: title ?? words.initiativeMatrix, subtitle: words.initiativeMatrixNote(result.minCompanies) },
    data: { values },
    width: { step: cellWidth },
    height: { step: cellHeight },
    encoding: {
      x: { field: "column", type: "nominal", sort: columns, title: null, axis: { orient: "top", labelAngle: 0, domain: false, ticks: false, labelPadding: D.labelPadding, labelFontSize: D.fontSize + 1 } },
      y: { field: "row", type: "nominal", sort: rows, title: null, axis: { domain: false, ticks: false, labelPadding: D.labelPadding, labelFontSize: D.fontSize + 1 } },
    },
    layer: [
      {
        transform: [{ filter: "!datum.suppressed" }],
        mark: { type: "rect", stroke: "#ffffff", strokeWidth: 2 },
        encoding: {
          color: {
            field: "share", type: "quantitative", title: words.topShare,
            scale: { domain: [0, 1], range: D.shareRange }, legend: { format: ".0%", values: [0, 0.5, 1], orient: "bottom", gradientLength: 200, titleLimit: 0 },
          },
        },
      },
      {
        transform: [{ filter: "datum.suppressed" }],
        mark: { type: "rect", stroke: "#ffffff", strokeWidth: 2, color: D.suppressedFill },
      },
      {
        transform: [{ filter: "datum.share === null && !datum.suppressed" }],
        mark: { type: "rect", stroke: "#ffffff", strokeWidth: 2, color: D.emptyFill },
      },
      ...Array.from({ length: lineCount }, (_, i) => ({
        transform: [{ filter: `datum.lines.length > ${i}` }, { calculate: `datum.lines[${i}]`, as: "text" }],
        mark: { type: "text" as const, aria: false, align: "left" as const, baseline: "middle" as const, fontSize: D.fontSize, dx: -cellWidth / 2 + D.cellPadding, dy: dy(i) },
        encoding: {
          text: { field: "text", type: "nominal" as const },
          color: { value: "#222222" },
        },
      })),
      // Suppressed and empty cells: one centred note, in grey.
      {
        transform: [{ filter: "datum.note !== null" }],
        mark: { type: "text", aria: false, align: "center", baseline: "middle", fontSize: D.fontSize, color: D.suppressedText },
        encoding: { text: { field: "note", type: "nominal" } },
      },
    ],
  };
}
