// What a notebook shows for koe's objects: a mime bundle (the richest form a frontend renders, with
// fallbacks), and show(), which hands it to Deno's Jupyter kernel when running in one.
import { formatResult, getLanguage, parseOptions, renderNote, reportText, ReportTable, StudyReport, z, KoeArgumentError } from "@koe/core";
import type { TopLevelSpec } from "vega-lite";
import { describeValue } from "../input.js";
import type { Lang } from "../messages.js";
import { escapeHtml, renderSvg } from "../render.js";
import { withTheme } from "../theme.js";
import { rowsHtml, rowsText, type Rows } from "./table.js";
import { notebookMessages as m, notebookWords } from "./words.js";

/** The mime type of a vega-lite chart that JupyterLab, Notebook 7 and VS Code render (v5: none renders v6 yet). */
export const VEGALITE_MIME = "application/vnd.vegalite.v5+json";
/** The vega-lite schema the notebook's chart carries (koe's specs are v6; they compile under v5 too). */
export const VEGALITE_V5_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";

/**
 * A mime bundle: what a notebook shows, by mime type; the frontend picks the richest it renders.
 * `text/plain` is always there.
 */
export interface MimeBundle {
  "text/plain": string;
  "text/html"?: string;
  "image/svg+xml"?: string;
  "application/vnd.vegalite.v5+json"?: TopLevelSpec;
}

/**
 * Defaults of {@link display}'s options.
 * @example
 * DISPLAY_DEFAULTS // => { rows: 50, svg: true }
 */
export const DISPLAY_DEFAULTS = { rows: 50, svg: true };

const DisplayOptions = z.object({
  /** The language of the words around the figures (findings, notes, 秘匿 / suppressed). Default: @koe/core's `getLanguage()`. */
  lang: z.enum(["ja", "en"]).optional(),
  /** The most rows of a table shown (the rest are counted). Default 50. */
  rows: z.number().int().positive().default(DISPLAY_DEFAULTS.rows),
  /** Also draw a chart as SVG, the fallback for frontends without vega-lite (GitHub, nbconvert's HTML). Default true. */
  svg: z.boolean().default(DISPLAY_DEFAULTS.svg),
});

/**
 * Options of {@link display} and {@link show}; an unknown one is an error.
 * @example
 * const options: DisplayOptions = { lang: "en", rows: 10 };
 * options.rows // => 10
 */
export type DisplayOptions = z.input<typeof DisplayOptions>;

type Parsed = { lang: Lang; rows: number; svg: boolean };

/** How long show() waits after handing a display to Deno's kernel, so that it is published before the cell ends. */
const SETTLE_MS = 100;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
const isArquero = (v: Record<string, unknown>) => typeof v.columnNames === "function" && typeof v.objects === "function" && typeof v.numRows === "function";
const VIEW_KEYS = ["mark", "layer", "concat", "hconcat", "vconcat", "facet", "repeat"];
const isVegaLite = (v: Record<string, unknown>) => (typeof v.$schema === "string" && v.$schema.includes("/vega-lite/")) || VIEW_KEYS.some((k) => k in v);
const isResult = (v: Record<string, unknown>) => typeof v.method === "string";

/** Deno's Jupyter API when running in its kernel (outside it, reading `Deno.jupyter` throws). */
function denoJupyter(): { display(bundle: object, options: { raw: boolean }): unknown } | null {
  const deno = (globalThis as { Deno?: { jupyter?: unknown } }).Deno;
  if (!deno) return null;
  try {
    const jupyter = deno.jupyter as { display?: unknown } | undefined;
    return jupyter && typeof jupyter.display === "function" ? (jupyter as ReturnType<typeof denoJupyter>) : null;
  } catch {
    return null;
  }
}

/** A bundle that also shows itself when it is a cell's value in Deno's kernel (its `Jupyter.display` symbol). */
function bundleOf(bundle: MimeBundle): MimeBundle {
  Object.defineProperty(bundle, Symbol.for("Jupyter.display"), { enumerable: false, value: () => ({ ...bundle }) });
  return bundle;
}

function titleText(spec: Record<string, unknown>): string | null {
  const t = spec.title;
  const text = isObject(t) ? t.text : t;
  return Array.isArray(text) ? text.join(" ") : typeof text === "string" ? text : null;
}

function dataRows(spec: unknown): number {
  if (!isObject(spec)) return 0;
  const own = isObject(spec.data) && Array.isArray(spec.data.values) ? spec.data.values.length : 0;
  return own + ["layer", "concat", "hconcat", "vconcat"].reduce((n, k) => n + (Array.isArray(spec[k]) ? (spec[k] as unknown[]).reduce((s: number, v) => s + dataRows(v), 0) : 0), 0) + (isObject(spec.spec) ? dataRows(spec.spec) : 0);
}

async function chartBundle(x: Record<string, unknown>, o: Parsed): Promise<MimeBundle> {
  const spec = x as unknown as TopLevelSpec;
  const themed = withTheme(spec);
  const bundle: MimeBundle = {
    "text/plain": notebookWords[o.lang].chart(titleText(x) ?? notebookWords[o.lang].untitled, dataRows(x)),
    [VEGALITE_MIME]: { ...themed, $schema: VEGALITE_V5_SCHEMA } as TopLevelSpec,
  };
  if (o.svg) bundle["image/svg+xml"] = await renderSvg(spec);
  return bundle;
}

function rowsOf(columns: readonly string[], rows: readonly Readonly<Record<string, unknown>>[], limit: number): Rows {
  return { columns, rows: rows.slice(0, limit), more: Math.max(0, rows.length - limit) };
}

function hiddenRows(t: ReportTable): number {
  return t.rows.filter((r) => r.suppressed === true).length;
}

function reportTableBundle(t: ReportTable, o: Parsed): MimeBundle {
  const rows = rowsOf(t.columns, t.rows, o.rows);
  const note = renderNote(t.privacy, o.lang);
  return {
    "text/plain": `${rowsText(rows, o.lang)}\n${note}`,
    "text/html": `${rowsHtml(rows, o.lang)}\n<p><small>${escapeHtml(note)}</small></p>`,
  };
}

function reportBundle(report: StudyReport, o: Parsed): MimeBundle {
  const words = notebookWords[o.lang];
  const text = reportText(report, o.lang);
  const p = report.provenance;
  const provenance = words.provenance({ ...p, rows: p.inputs.map((i) => `${i.name} ${i.rowsUsed}/${i.rows}`).join(", ") });
  const tables = Object.entries(report.tables);
  const plain = [
    provenance,
    ...(text.findings.length > 0 ? ["", `${words.findings}:`, ...text.findings.map((f) => `- ${f}`)] : []),
    ...(text.warnings.length > 0 ? ["", `${words.warnings}:`, ...text.warnings.map((w) => `! ${w}`)] : []),
    "",
    `${words.tables}: ${tables.map(([name, t]) => `${name} (${words.rows(t.rows.length, hiddenRows(t))})`).join(", ")}`,
  ];
  const list = (items: string[]) => `<ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join("")}</ul>`;
  const html = [
    `<div class="koe-report"><p><strong>${escapeHtml(provenance)}</strong></p>`,
    text.findings.length > 0 ? `<h4>${escapeHtml(words.findings)}</h4>${list(text.findings)}` : "",
    text.warnings.length > 0 ? `<h4>${escapeHtml(words.warnings)}</h4>${list(text.warnings)}` : "",
    `<h4>${escapeHtml(words.tables)}</h4>`,
    ...tables.map(([name, t]) => `<details><summary>${escapeHtml(name)} (${escapeHtml(words.rows(t.rows.length, hiddenRows(t)))})</summary>\n${reportTableBundle(t, o)["text/html"]}\n</details>`),
    "</div>",
  ];
  return { "text/plain": plain.join("\n"), "text/html": html.filter((s) => s !== "").join("\n") };
}

function arqueroBundle(table: { columnNames(): string[]; objects(options?: { limit?: number }): object[]; numRows(): number }, o: Parsed): MimeBundle {
  const rows: Rows = { columns: table.columnNames(), rows: table.objects({ limit: o.rows }) as Record<string, unknown>[], more: Math.max(0, table.numRows() - o.rows) };
  return { "text/plain": rowsText(rows, o.lang), "text/html": rowsHtml(rows, o.lang) };
}

function resultBundle(result: Parameters<typeof formatResult>[0], o: Parsed): MimeBundle {
  const text = formatResult(result, o.lang);
  return { "text/plain": text, "text/html": `<pre>${escapeHtml(text)}</pre>` };
}

/**
 * What a notebook shows for a koe object, as a mime bundle (`text/plain` always):
 * - a vega-lite spec (from any chart builder): `application/vnd.vegalite.v5+json` (the spec with
 *   koe's theme, under the v5 schema that JupyterLab, Notebook 7 and VS Code render), an
 *   `image/svg+xml` fallback drawn headless with the bundled font's metrics, and its title as text;
 * - a study's report: its provenance, findings and warnings in words, and every table (HTML, folded);
 * - a report's table (`report.tables.matrix`): the rows, a hidden figure as 秘匿 / suppressed, and
 *   the privacy rule applied in words;
 * - an arquero table: its first `rows` rows;
 * - an estimator's result (welchTest, estimateEffect, ols…): {@link formatResult}'s text, as R prints a test.
 * The bundle also shows itself when it is a cell's value in Deno's Jupyter kernel; {@link show}
 * displays it from anywhere in a cell.
 * @example
 * const bundle = await display(segmentHeatmapChart([{ row: "young", column: "C01", n: 42, suppressed: false }, { row: "mid", column: "C01", n: null, suppressed: true }]));
 * Object.keys(bundle) // => ["text/plain", "application/vnd.vegalite.v5+json", "image/svg+xml"]
 * bundle["application/vnd.vegalite.v5+json"].$schema // => "https://vega.github.io/schema/vega-lite/v5.json"
 * (await display(welchTTest([1, 2, 3, 4], [2, 4, 6, 9]), { lang: "en" }))["text/plain"].split("\n")[0] // => "Welch Two Sample t-test"
 * await display(3) // throws: display cannot show the number 3
 * @throws {KoeArgumentError} when `x` is none of these, or an option is unknown or of the wrong kind.
 * @throws {ChartError} when a chart does not compile or cannot be drawn.
 */
export async function display(x: unknown, options: DisplayOptions = {}): Promise<MimeBundle> {
  return bundleOf(await bundle("display", x, options));
}

async function bundle(fn: string, x: unknown, options: DisplayOptions): Promise<MimeBundle> {
  const parsed = parseOptions(fn, DisplayOptions, options);
  const o: Parsed = { lang: parsed.lang ?? getLanguage(), rows: parsed.rows, svg: parsed.svg };
  if (isObject(x)) {
    if (isArquero(x)) return arqueroBundle(x as unknown as Parameters<typeof arqueroBundle>[0], o);
    const report = StudyReport.safeParse(x);
    if (report.success) return reportBundle(report.data, o);
    const table = ReportTable.safeParse(x);
    if (table.success) return reportTableBundle(table.data, o);
    if (isVegaLite(x)) return chartBundle(x, o);
    if (isResult(x)) return resultBundle(x as Parameters<typeof formatResult>[0], o);
  }
  throw KoeArgumentError.of(m.cannotShow, { fn, got: describeValue(x) });
}

/**
 * Shows a koe object in the notebook: in Deno's Jupyter kernel it hands {@link display}'s bundle to
 * `Deno.jupyter.display` (so a cell can show several, anywhere in it) and returns nothing;
 * elsewhere (a script, a test) it returns the bundle.
 * @example
 * const shown = await show(reportTable(countsReport(respondents, { row: "company", column: "generation" }), "all"), { rows: 3 });
 * shown["text/plain"].split("\n")[0].split(/\s+/) // => ["company", "generation", "n", "suppressed"]
 * @throws {KoeArgumentError} as {@link display}.
 */
export async function show(x: unknown, options: DisplayOptions = {}): Promise<MimeBundle | undefined> {
  const b = await bundle("show", x, options);
  const jupyter = denoJupyter();
  if (jupyter === null) return bundleOf(b);
  await jupyter.display(b, { raw: true });
  // Deno's kernel publishes displays from a queue drained beside the cell's run, and says "idle"
  // when the run ends: a cell ending right after a display could say idle first, and headless
  // runners (nbconvert, papermill) stop reading the cell's outputs at idle. A moment's pause lets
  // the kernel publish the display before the cell ends.
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  return undefined;
}
