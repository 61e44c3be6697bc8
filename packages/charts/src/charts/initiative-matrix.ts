import { parseOptions, z, type ReportTable } from "@koe/core";
import type { TopLevelSpec } from "vega-lite";
import { ChartError } from "../errors.js";
import { checkList, checkObject, fields, type Shape } from "../input.js";
import { codeChartWords } from "../interview-messages.js";
import { chartMessages as m, expected, furniture, places, vocabulary, type Lang } from "../messages.js";
import { estimateTextWidth } from "../text-metrics.js";
import { koeTheme } from "../theme.js";
import { noteChart } from "./code-tables.js";

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
  colourRange: ["#f4f8fc", "#6aaed6"],
  emptyFill: "#f7f7f7",
};
const D = INITIATIVE_MATRIX_DEFAULTS;

/**
 * The `matrix` table of @koe/core's `initiativeReport` (`report.tables.matrix`), as published: one
 * row per listed initiative of a cell (rank, initiative, companies rating it effective, companies
 * that rated it — null where too few found it not effective —, share, tie, stability), one blank
 * row for a hidden cell (`suppressed`) or a cell with nothing listed. Declared here structurally:
 * charts depend on what they draw, not on the study's result type. Other columns are ignored.
 * Or the whole report (`initiativeReport(…)`): its `matrix` table, and from its provenance the wave
 * and k the title names and the resamples the stability note names.
 * @example
 * const table: InitiativeMatrixInput = { rows: [
 *   { row: "young", column: "know", rank: 1, initiative: "one_on_one", companies: 20, rated: 26, share: 0.77, tied: false, stability: 0.92, suppressed: false },
 * ] };
 * initiativeMatrixChart(table).data // => { values: [{ row: "若手", column: "知る", companies: 20, suppressed: false, lines: ["1. キャリア1on1 (20/26)"], note: null }] }
 */
export type InitiativeMatrixInput = ReportTable | InitiativeMatrixTable | InitiativeMatrixReport;

/**
 * An initiative report as the chart reads it (`initiativeReport`'s result fits): the `matrix` table,
 * and the provenance's `wave` and `options.k` / `options.resamples`.
 * @example
 * const report: InitiativeMatrixReport = { tables: { matrix: { rows: [] } }, provenance: { wave: 2, options: { k: 3, resamples: 1000 } } };
 * initiativeMatrixChart(report, { lang: "en" }).title.text // => "Initiatives that worked, by penetration step and generation (top 3, wave 2)"
 */
export interface InitiativeMatrixReport {
  tables: Readonly<Record<string, ReportTable | InitiativeMatrixTable>>;
  provenance: { wave: number | string | null; options: Readonly<Record<string, unknown>> };
}

/** The matrix table as a caller may write it: rows, and optionally the privacy rule whose `minGroupSize` the note prints (option `minGroupSize` wins). */
export interface InitiativeMatrixTable {
  /** In the order the chart draws: rows and columns in order of first appearance (the report's natural order). */
  rows: readonly InitiativeMatrixRow[];
  privacy?: { params: Readonly<Record<string, unknown>> };
}

/** One row of the matrix table. */
export interface InitiativeMatrixRow {
  row: string;
  column: string;
  rank: number | null;
  initiative: string | null;
  /** Companies rating it effective. */
  companies: number | null;
  /** Companies that rated it; null where fewer than the minimum found it not effective. */
  rated: number | null;
  share: number | null;
  tied: boolean | null;
  stability: number | null;
  /** The cell is hidden: nothing of the row is drawn, whatever it holds. */
  suppressed: boolean;
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
  /** The minimum number of companies printed in the note. Default the table's privacy rule's, else 5. */
  minGroupSize: z.number().int().min(1).optional(),
  /** The survey wave the matrix is of, named in the title ("第2回調査" / "wave 2"). Default the report's provenance's, when given the report; else none. */
  wave: z.union([z.number(), z.string()]).optional(),
});

/**
 * Options of {@link initiativeMatrixChart}; every one is optional, and an unknown one is an error.
 * @example
 * const options: InitiativeMatrixOptions = { lang: "en", showStability: true, labels: { one_on_one: "1on1" } };
 * const table = { rows: [{ row: "young", column: "know", rank: 1, initiative: "one_on_one", companies: 20, rated: null, share: null, tied: false, stability: 0.92, suppressed: false }] };
 * initiativeMatrixChart(table, options).data.values[0].lines // => ["1. 1on1 (20) · stability 0.92"]
 * initiativeMatrixChart(table, { lang: "jp" }) // throws: option "lang" must be one of "ja", "en" (got "jp"); did you mean "ja"?
 */
export type InitiativeMatrixOptions = z.input<typeof Options>;

type Listed = InitiativeMatrixRow & { rank: number; initiative: string; companies: number };
const key = (row: string, column: string) => JSON.stringify([row, column]);
const isCount = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 0;
const booleanOrNull = { ok: (v: unknown) => v === null || typeof v === "boolean", expected: { en: "true, false or null", ja: "true、false または null" } };

const ROW: Shape<InitiativeMatrixRow> = {
  row: fields.text, column: fields.text, rank: fields.numberOrNull, initiative: fields.textOrNull, companies: fields.numberOrNull, rated: fields.numberOrNull,
  share: fields.numberOrNull, tied: booleanOrNull, stability: fields.numberOrNull, suppressed: fields.boolean,
};

/** The shape first (KoeArgumentError), then whether it holds together (ChartError); the rows listing an initiative in a cell that is shown. */
function check(input: unknown): asserts input is InitiativeMatrixTable {
  checkObject<InitiativeMatrixTable>(CHART, input, places.argument("table"), { rows: fields.list, privacy: fields.optional(fields.object) });
  checkList<InitiativeMatrixRow>(CHART, input.rows, "table.rows", ROW);
  const bad = (where: { en: string; ja: string }, field: string, value: unknown, expect: { en: string; ja: string }) =>
    ChartError.of(m.badField, { fn: CHART, where, field, value, expected: expect });
  const hidden = new Set(input.rows.filter((r) => r.suppressed).map((r) => key(r.row, r.column)));
  const seen = new Set<string>();
  for (const r of input.rows) {
    if (hidden.has(key(r.row, r.column)) || r.initiative === null) continue; // a hidden cell shows nothing it was given
    const id = JSON.stringify([r.row, r.column, r.initiative]);
    if (seen.has(id)) throw ChartError.of(m.duplicateRankedCell, { fn: CHART, row: r.row, column: r.column, initiative: r.initiative });
    seen.add(id);
    const at = places.rankedCell(r.row, r.column, r.initiative);
    if (!(Number.isInteger(r.rank) && r.rank! > 0)) throw bad(at, "rank", r.rank, expected.positiveInteger);
    if (!isCount(r.companies)) throw bad(at, "companies", r.companies, expected.count);
    if (r.rated !== null && !(isCount(r.rated) && r.rated >= r.companies)) throw bad(at, "rated", r.rated, expected.count);
    if (r.share !== null && !(r.share >= 0 && r.share <= 1)) throw bad(at, "share", r.share, expected.shareOrNull);
  }
}

const isReport = (v: unknown): v is InitiativeMatrixReport => v !== null && typeof v === "object" && "tables" in v && "provenance" in v;
const whole = (v: unknown): number | null => (typeof v === "number" && Number.isInteger(v) && v > 0 ? v : null);

/** The matrix table, and the wave, k and resamples the report's provenance gives (null when not given a report). */
function readInput(input: unknown): { table: unknown; wave: number | string | null; k: number | null; resamples: number | null } {
  if (!isReport(input)) return { table: input, wave: null, k: null, resamples: null };
  checkObject<{ matrix: unknown }>(CHART, input.tables, places.argument("report.tables"), { matrix: fields.object });
  checkObject<{ wave: unknown; options: Record<string, unknown> }>(CHART, input.provenance, places.argument("report.provenance"), { wave: fields.optional({ ok: (v) => v === null || typeof v === "number" || typeof v === "string", expected: expected.textOrNull }), options: fields.object });
  const { wave, options } = input.provenance;
  return { table: input.tables.matrix, wave: typeof wave === "number" || typeof wave === "string" ? wave : null, k: whole(options.k), resamples: whole(options.resamples) };
}

/** The rows listing an initiative in a cell that is shown. */
const listedOf = (table: InitiativeMatrixTable): Listed[] =>
  table.rows.filter((r): r is Listed => r.initiative !== null && !table.rows.some((h) => h.suppressed && h.row === r.row && h.column === r.column));

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

/** One line of a cell: "1. キャリア1on1 (20/24)", "2= 社内公募 (10)" (raters not shown), optionally with stability. */
function lineOf(c: Listed, name: string, lang: Lang, showStability: boolean): string {
  const stability = showStability && c.stability !== null ? furniture[lang].stability(c.stability.toFixed(2)) : "";
  return `${c.rank}${c.tied ? "=" : "."} ${name} (${c.companies}${c.rated === null ? "" : `/${c.rated}`})${stability}`;
}

/**
 * The consortium's top-k matrix, drawn from `initiativeReport`'s `matrix` table as it is: penetration
 * steps across, generations down (in the table's order, which is their natural order), each cell
 * listing its initiatives one per line as "1. キャリア1on1 (20/24)" (companies rating it effective /
 * companies that rated it) or "1. キャリア1on1 (22)" where the report withholds the raters; tied
 * ranks show "=" ("2= …"). The cell's colour is the number of companies rating its first initiative
 * effective. A hidden cell is grey and says 秘匿; nothing it holds enters the spec. Cells widen to
 * their longest line, so no text is clipped. The title names the wave (option `wave`, else the
 * report's) and, given the report, the k of its top k; with `showStability` a second subtitle line
 * says what 安定度 is. An empty table, or every cell hidden, draws the title and a note instead.
 * Pure: same table and options, same spec.
 * @example
 * const spec = initiativeMatrixChart({ rows: [
 *   { row: "young", column: "know", rank: 1, initiative: "one_on_one", companies: 20, rated: 26, share: 0.77, tied: false, stability: null, suppressed: false },
 *   { row: "young", column: "practice", rank: null, initiative: null, companies: null, rated: null, share: null, tied: null, stability: null, suppressed: false },
 *   { row: "mid", column: "know", rank: null, initiative: null, companies: null, rated: null, share: null, tied: null, stability: null, suppressed: true },
 * ] });
 * spec.data
 * // => { values: [{ row: "若手", column: "知る", companies: 20, suppressed: false, lines: ["1. キャリア1on1 (20/26)"], note: null },
 * //               { row: "若手", column: "実践を支援する", companies: null, suppressed: false, lines: [], note: "5社以上が効果ありとした施策なし" },
 * //               { row: "中堅", column: "知る", companies: null, suppressed: true, lines: [], note: "秘匿" },
 * //               { row: "中堅", column: "実践を支援する", companies: null, suppressed: false, lines: [], note: "5社以上が効果ありとした施策なし" }] }
 * @throws {ChartError} when an initiative appears twice in a cell, or a rank or count is out of range
 *   (companies above rated, a share outside 0–1), or two rows (columns) share a label.
 * @throws {KoeArgumentError} when the table is not `{ rows: [...] }` with rows of the shape above
 *   (a field missing or of the wrong kind), or an option is unknown or of the wrong kind (`lang: "jp"`).
 */
export function initiativeMatrixChart(input: InitiativeMatrixInput, options: InitiativeMatrixOptions = {}): TopLevelSpec {
  const o = parseOptions(CHART, Options, options);
  const { lang, showStability, labels } = o;
  const { table, k, resamples, ...given } = readInput(input);
  check(table);
  const listed = listedOf(table);
  const min = o.minGroupSize ?? whole(table.privacy?.params.minGroupSize) ?? 5;
  const words = furniture[lang];
  const title = o.title ?? words.initiativeMatrix(k, o.wave ?? given.wave);
  if (table.rows.length === 0) return noteChart(title, codeChartWords[lang].noData);
  const hidden = new Set(table.rows.filter((r) => r.suppressed).map((r) => key(r.row, r.column)));
  if (table.rows.every((r) => hidden.has(key(r.row, r.column)))) return noteChart(title, words.allHiddenCompanies(min));
  const explainStability = showStability && listed.some((c) => c.stability !== null);
  const label = (id: string) => labels?.[id] ?? vocabulary[lang][id] ?? id;
  const rowIds = [...new Set(table.rows.map((r) => r.row))];
  const columnIds = [...new Set(table.rows.map((r) => r.column))];
  const rows = displayLabels(rowIds, label, "row");
  const columns = displayLabels(columnIds, label, "column");
  const ranked = new Map<string, Listed[]>();
  for (const c of listed) ranked.set(key(c.row, c.column), [...(ranked.get(key(c.row, c.column)) ?? []), c]);

  const values = rowIds.flatMap((row, i) =>
    columnIds.map((column, j) => {
      const place = { row: rows[i]!, column: columns[j]! };
      if (hidden.has(key(row, column))) return { ...place, companies: null, suppressed: true, lines: [], note: words.suppressed };
      const list = [...(ranked.get(key(row, column)) ?? [])].sort((a, b) => a.rank - b.rank); // stable: ties keep the table's order
      if (list.length === 0) return { ...place, companies: null, suppressed: false, lines: [], note: words.noneListed(min) };
      return { ...place, companies: list[0]!.companies, suppressed: false, lines: list.map((c) => lineOf(c, label(c.initiative), lang, showStability)), note: null };
    }),
  );
  const most = Math.max(1, ...listed.map((c) => c.companies));

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
    title: { text: title, subtitle: [words.initiativeMatrixNote(min), ...(explainStability ? [words.stabilityNote(resamples, k)] : [])] },
    data: { values },
    width: { step: cellWidth },
    height: { step: cellHeight },
    encoding: {
      x: { field: "column", type: "nominal", sort: columns, title: null, axis: { orient: "top", labelAngle: 0, domain: false, ticks: false, labelPadding: D.labelPadding, labelFontSize: D.fontSize + 1 } },
      y: { field: "row", type: "nominal", sort: rows, title: null, axis: { domain: false, ticks: false, labelPadding: D.labelPadding, labelFontSize: D.fontSize + 1 } },
    },
    layer: [
      {
        transform: [{ filter: "datum.companies !== null" }],
        mark: { type: "rect", stroke: "#ffffff", strokeWidth: 2 },
        encoding: {
          color: {
            field: "companies", type: "quantitative", title: words.topCompanies,
            scale: { domain: [0, most], range: D.colourRange }, legend: { format: "d", values: [0, most], orient: "bottom", gradientLength: 200, titleLimit: 0 },
          },
        },
      },
      {
        transform: [{ filter: "datum.suppressed" }],
        mark: { type: "rect", stroke: "#ffffff", strokeWidth: 2, color: D.suppressedFill },
      },
      {
        transform: [{ filter: "datum.companies === null && !datum.suppressed" }],
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
      // Hidden and empty cells: one centred note, in grey.
      {
        transform: [{ filter: "datum.note !== null" }],
        mark: { type: "text", aria: false, align: "center", baseline: "middle", fontSize: D.fontSize, color: D.suppressedText },
        encoding: { text: { field: "note", type: "nominal" } },
      },
    ],
  };
}
