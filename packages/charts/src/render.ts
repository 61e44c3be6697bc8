// Rendering: vega-lite spec → vega spec → SVG (vega, headless) → PNG (resvg, with the bundled
// Japanese font), and a self-contained HTML page for browsers.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { Resvg } from "@resvg/resvg-js";
import * as vega from "vega";
import { KoeArgumentError, KoeError, parseOptions, z } from "@koe/core";
import { compile, type TopLevelSpec } from "vega-lite";
import { ChartError } from "./errors.js";
import { bundledFontFiles, FONT_FAMILY, packageDir } from "./fonts.js";
import { checkList, describeValue, fields } from "./input.js";
import { chartMessages as m, places, type Lang } from "./messages.js";
import { installTextMetrics } from "./text-metrics.js";
import { withTheme } from "./theme.js";

const DEFAULTS = { scale: 2, htmlTitle: "koe", lang: "ja" as Lang };

const reasonOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** A vega-lite spec is an object; anything else is named before vega-lite sees it. */
function requireSpec(fn: string, spec: unknown): asserts spec is TopLevelSpec {
  if (spec === null || typeof spec !== "object" || Array.isArray(spec) || typeof (spec as { columnNames?: unknown }).columnNames === "function") {
    throw KoeArgumentError.of(m.notAnObject, { fn, what: places.argument("spec"), shape: "(a vega-lite spec, e.g. from segmentHeatmapChart)", got: describeValue(spec) });
  }
}

/** Runs a step of drawing; an error that is not koe's own becomes a ChartError naming the chart. */
async function drawing<T>(fn: string, spec: TopLevelSpec, step: () => T | Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (e) {
    if (e instanceof KoeError) throw e;
    throw ChartError.of(m.renderFailed, { fn, title: titleOf(spec), reason: reasonOf(e) }, { cause: e });
  }
}

function titleOf(spec: TopLevelSpec): string {
  const t: unknown = spec.title;
  const text = typeof t === "object" && t !== null && !Array.isArray(t) ? (t as { text?: unknown }).text : t;
  return Array.isArray(text) ? text.join(" ") : typeof text === "string" ? text : "untitled";
}

/**
 * Compiles a vega-lite spec, with {@link koeTheme} merged in, to a vega spec.
 * @example
 * const spec = segmentHeatmapChart([{ row: "young", column: "C01", n: 42, suppressed: false }, { row: "mid", column: "C01", n: null, suppressed: true }]);
 * compileSpec(spec).$schema // => "https://vega.github.io/schema/vega/v6.json"
 * compileSpec(null) // throws: compileSpec: spec must be an object
 * @throws {ChartError} naming the chart's title and vega-lite's reason when the spec is invalid.
 * @throws {KoeArgumentError} when `spec` is not an object.
 */
export function compileSpec(spec: TopLevelSpec): vega.Spec {
  return compileAs("compileSpec", spec);
}

function compileAs(fn: string, spec: unknown): vega.Spec {
  requireSpec(fn, spec);
  try {
    // A copy: vega tags data objects it ingests, and must not touch the caller's spec.
    return compile(structuredClone(withTheme(spec))).spec;
  } catch (e) {
    throw ChartError.of(m.doesNotCompile, { title: titleOf(spec), reason: reasonOf(e) }, { cause: e });
  }
}

/**
 * Renders a vega-lite spec to SVG text, headless (vega renderer "none"), with text laid out by the
 * bundled font's metrics ({@link installTextMetrics}). Text stays text, in `font-family="Noto Sans JP"`.
 * @example
 * const cells = [{ row: "young", column: "C01", n: 42, suppressed: false }, { row: "mid", column: "C01", n: null, suppressed: true }];
 * await renderSvg(segmentHeatmapChart(cells, { title: "会社×世代の回答者数" }))
 * // => "<svg …font-family=\"Noto Sans JP\"…会社×世代の回答者数…</svg>"
 * @throws {ChartError} when the spec does not compile or cannot be drawn (the message names the chart).
 * @throws {KoeArgumentError} when `spec` is not an object.
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  return svgOf("renderSvg", spec);
}

async function svgOf(fn: string, spec: unknown): Promise<string> {
  const compiled = compileAs(fn, spec);
  installTextMetrics();
  return drawing(fn, spec as TopLevelSpec, async () => {
    const view = new vega.View(vega.parse(compiled), { renderer: "none" });
    try {
      return await view.toSVG();
    } finally {
      view.finalize();
    }
  });
}

/** Rasterises SVG with resvg, using only the bundled Noto Sans JP (never system fonts). */
function svgToPng(fn: string, spec: TopLevelSpec, svg: string, scale: number): Promise<Uint8Array> {
  const fontFiles = bundledFontFiles();
  return drawing(fn, spec, () => {
    const resvg = new Resvg(svg, {
      fitTo: { mode: "zoom", value: scale },
      font: { loadSystemFonts: false, fontFiles, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY },
    });
    return resvg.render().asPng();
  });
}

const PngOptionsSchema = z.object({
  /** Pixels per SVG pixel. Default 2 (sharp on high-density screens and in slides). */
  scale: z.number().default(DEFAULTS.scale),
});

/**
 * Options of {@link renderPng} and {@link writeChart}; an unknown one is an error.
 * @example
 * const spec = segmentHeatmapChart([{ row: "young", column: "C01", n: 42, suppressed: false }, { row: "mid", column: "C01", n: null, suppressed: true }]);
 * const png = await renderPng(spec, { scale: 1 }); // a PNG as large as the SVG
 * png.length > 1000 // => true
 * await renderPng(spec, { scale: 0 }) // throws: renderPng needs a positive, finite scale (got 0)
 */
export type PngOptions = z.input<typeof PngOptionsSchema>;

function pngOptions(fn: string, options: unknown): { scale: number } {
  const { scale } = parseOptions(fn, PngOptionsSchema, options);
  if (!(Number.isFinite(scale) && scale > 0)) throw KoeArgumentError.of(m.badScale, { fn, scale });
  return { scale };
}

/**
 * Renders a vega-lite spec to PNG bytes (SVG size × `scale`). Text is drawn with the Noto Sans JP
 * files bundled in an npm package and no system fonts, so Japanese renders the same on every
 * machine, including one with no Japanese font installed (resvg would silently drop the glyphs).
 * @example
 * const spec = segmentHeatmapChart([{ row: "young", column: "C01", n: 42, suppressed: false }, { row: "mid", column: "C01", n: null, suppressed: true }]);
 * const png = await renderPng(spec, { scale: 1 });
 * [...png.subarray(0, 4)] // => [137, 80, 78, 71]   (the PNG signature: 0x89 "PNG")
 * @throws {ChartError} when the spec does not compile or cannot be drawn, or the font is missing.
 * @throws {KoeArgumentError} when `spec` is not an object, an option is unknown, or the scale is not positive.
 */
export async function renderPng(spec: TopLevelSpec, options: PngOptions = {}): Promise<Uint8Array> {
  const fn = "renderPng";
  const { scale } = pngOptions(fn, options);
  return svgToPng(fn, spec, await svgOf(fn, spec), scale);
}

/** The UMD build `build/<file>` of a package (its `exports` hide `build/`). */
export function umdBuild(pkg: string, file: string): string {
  const dir = packageDir(pkg);
  try {
    return readFileSync(join(dir, "build", file), "utf8");
  } catch (e) {
    throw ChartError.of(m.umdMissing, { pkg, file, dir }, { cause: e });
  }
}

// Inside <script>, "</script" would end the element: in code it becomes "<\/script" (the same
// string, regex or comment to JavaScript); in JSON every "<" becomes "\u003c" (the same string).
/** @internal JavaScript made safe to put inside `<script>…</script>`. */
export const escapeScript = (code: string) => code.replace(/<\/(script)/gi, "<\\/$1");
export const scriptJson = (v: unknown) => JSON.stringify(v).replace(/</g, "\\u003c");
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const HtmlOptionsSchema = z.object({
  /** The page's title and heading. Default "koe". */
  title: z.string().default(DEFAULTS.htmlTitle),
  /** The page's language (`<html lang>`). Default "ja". */
  lang: z.enum(["ja", "en"]).default(DEFAULTS.lang),
});

/**
 * Options of {@link renderHtml}; an unknown one is an error.
 * @example
 * renderHtml([], { title: "Survey", lang: "en" }) // => "<!doctype html>\n<html lang=\"en\">…<title>Survey</title>…"
 */
export type HtmlOptions = z.input<typeof HtmlOptionsSchema>;

/**
 * One self-contained HTML page with the charts, each under its heading: vega, vega-lite and
 * vega-embed are inlined (about 830 KB), so the page opens offline from a file and requests
 * nothing. Charts are drawn as SVG without the action menu.
 * @example
 * const spec = segmentHeatmapChart([{ row: "young", column: "C01", n: 42, suppressed: false }, { row: "mid", column: "C01", n: null, suppressed: true }]);
 * const html = renderHtml([{ title: "回答者数", spec }], { title: "koe 調査" }); // write it with fs.writeFileSync("report.html", html)
 * html // => "<!doctype html>\n<html lang=\"ja\">…<h1>koe 調査</h1>\n<section><h2>回答者数</h2><div id=\"chart-0\"></div></section>…"
 * @throws {KoeArgumentError} when `charts` is not a list of { title, spec }, or an option is unknown or of the wrong kind.
 */
export function renderHtml(charts: readonly { title: string; spec: TopLevelSpec }[], options: HtmlOptions = {}): string {
  const fn = "renderHtml";
  const { title, lang } = parseOptions(fn, HtmlOptionsSchema, options);
  checkList<{ title: string; spec: unknown }>(fn, charts, "charts", { title: fields.text, spec: fields.object });
  const libs = [umdBuild("vega", "vega.min.js"), umdBuild("vega-lite", "vega-lite.min.js"), umdBuild("vega-embed", "vega-embed.min.js")];
  const sections = charts.map((c, i) => `<section><h2>${escapeHtml(c.title)}</h2><div id="chart-${i}"></div></section>`).join("\n");
  const specs = scriptJson(charts.map((c) => withTheme(c.spec)));
  const embed = `const specs = ${specs};\nspecs.forEach((spec, i) => vegaEmbed("#chart-" + i, spec, { renderer: "svg", actions: false }));`;
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>
<style>body{font-family:"Noto Sans JP","Hiragino Sans","Yu Gothic","Meiryo",sans-serif;margin:2rem;color:#222}h2{font-size:1.1rem;margin-top:2rem}</style>
${libs.map((lib) => `<script>${escapeScript(lib)}</script>`).join("\n")}
</head><body><h1>${escapeHtml(title)}</h1>
${sections}
<script>${embed}</script>
</body></html>
`;
}

/**
 * Writes `<base>.vl.json` (the spec with the theme merged in), `<base>.svg` and `<base>.png`,
 * creating the folder; returns the paths.
 * @example
 * const spec = segmentHeatmapChart([{ row: "young", column: "C01", n: 42, suppressed: false }, { row: "mid", column: "C01", n: null, suppressed: true }]);
 * await writeChart(spec, "out/examples/heatmap")
 * // => { spec: "out/examples/heatmap.vl.json", svg: "out/examples/heatmap.svg", png: "out/examples/heatmap.png" }
 * @throws {ChartError} when the spec does not compile or cannot be drawn, or a file cannot be written (the message names it and why).
 * @throws {KoeArgumentError} when `spec` is not an object, `basePath` is not a non-empty path, an option is unknown, or the scale is not positive.
 */
export async function writeChart(spec: TopLevelSpec, basePath: string, options: PngOptions = {}): Promise<{ spec: string; svg: string; png: string }> {
  const fn = "writeChart";
  const { scale } = pngOptions(fn, options);
  if (typeof basePath !== "string" || basePath.trim() === "") throw KoeArgumentError.of(m.badPath, { fn, got: describeValue(basePath) });
  const paths = { spec: `${basePath}.vl.json`, svg: `${basePath}.svg`, png: `${basePath}.png` };
  const svg = await svgOf(fn, spec);
  const png = await svgToPng(fn, spec, svg, scale);
  const write = (path: string, data: string | Uint8Array) => {
    try {
      writeFileSync(path, data);
    } catch (e) {
      throw ChartError.of(m.cannotWrite, { fn, path, reason: reasonOf(e) }, { cause: e });
    }
  };
  try {
    mkdirSync(dirname(basePath), { recursive: true });
  } catch (e) {
    throw ChartError.of(m.cannotWrite, { fn, path: dirname(basePath), reason: reasonOf(e) }, { cause: e });
  }
  write(paths.spec, JSON.stringify(withTheme(spec), null, 2) + "\n");
  write(paths.svg, svg);
  write(paths.png, png);
  return paths;
}
