// Rendering: vega-lite spec → vega spec → SVG (vega, headless) → PNG (resvg, with the bundled
// Japanese font), and a self-contained HTML page for browsers.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { Resvg } from "@resvg/resvg-js";
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import { ChartError } from "./errors.js";
import { bundledFontFiles, FONT_FAMILY, packageDir } from "./fonts.js";
import { messages, type Lang } from "./messages.js";
import { installTextMetrics } from "./text-metrics.js";
import { withTheme } from "./theme.js";

const DEFAULTS = { scale: 2, htmlTitle: "koe", lang: "ja" as Lang };

function titleOf(spec: TopLevelSpec): string {
  const t: unknown = spec.title;
  const text = typeof t === "object" && t !== null && !Array.isArray(t) ? (t as { text?: unknown }).text : t;
  return Array.isArray(text) ? text.join(" ") : typeof text === "string" ? text : "untitled";
}

/**
 * Compiles a vega-lite spec, with {@link koeTheme} merged in, to a vega spec.
 * @example
 * compileSpec(segmentHeatmapChart(cells)).marks?.length // => 1
 * @throws {ChartError} naming the chart's title and vega-lite's reason when the spec is invalid.
 */
export function compileSpec(spec: TopLevelSpec): vega.Spec {
  try {
    // A copy: vega tags data objects it ingests, and must not touch the caller's spec.
    return compile(structuredClone(withTheme(spec))).spec;
  } catch (e) {
    throw new ChartError(messages.doesNotCompile(titleOf(spec), e instanceof Error ? e.message : String(e)), { cause: e });
  }
}

/**
 * Renders a vega-lite spec to SVG text, headless (vega renderer "none"), with text laid out by the
 * bundled font's metrics ({@link installTextMetrics}). Text stays text, in `font-family="Noto Sans JP"`.
 * @example
 * await renderSvg(segmentHeatmapChart(cells, { title: "会社×世代の回答者数" }))
 * // => '<svg xmlns="http://www.w3.org/2000/svg" … width="404" height="214" …>…会社×世代の回答者数…</svg>'
 * @throws {ChartError} when the spec does not compile.
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  installTextMetrics();
  const view = new vega.View(vega.parse(compileSpec(spec)), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Rasterises SVG with resvg, using only the bundled Noto Sans JP (never system fonts). */
function svgToPng(svg: string, scale: number): Uint8Array {
  if (!(Number.isFinite(scale) && scale > 0)) throw new ChartError(messages.badScale(scale));
  const resvg = new Resvg(svg, {
    fitTo: { mode: "zoom", value: scale },
    font: { loadSystemFonts: false, fontFiles: bundledFontFiles(), defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY },
  });
  return resvg.render().asPng();
}

/**
 * Options of {@link renderPng} and {@link writeChart}.
 * @example
 * await renderPng(spec, { scale: 1 }) // => a PNG as large as the SVG
 */
export interface PngOptions {
  /** Pixels per SVG pixel. Default 2 (sharp on high-density screens and in slides). */
  scale?: number;
}

/**
 * Renders a vega-lite spec to PNG bytes (SVG size × `scale`). Text is drawn with the Noto Sans JP
 * files bundled in an npm package and no system fonts, so Japanese renders the same on every
 * machine, including one with no Japanese font installed (resvg would silently drop the glyphs).
 * @example
 * const png = await renderPng(spec, { scale: 1 }); // => Uint8Array [0x89, 0x50, 0x4e, 0x47, …]
 * @throws {ChartError} when the spec does not compile, the scale is not positive or the font is missing.
 */
export async function renderPng(spec: TopLevelSpec, { scale = DEFAULTS.scale }: PngOptions = {}): Promise<Uint8Array> {
  return svgToPng(await renderSvg(spec), scale);
}

/** The UMD build `build/<file>` of a package (its `exports` hide `build/`). */
function umdBuild(pkg: string, file: string): string {
  const dir = packageDir(pkg);
  try {
    return readFileSync(join(dir, "build", file), "utf8");
  } catch (e) {
    throw new ChartError(messages.umdMissing(pkg, file, dir), { cause: e });
  }
}

// Inside <script>, "</script" would end the element: in code it becomes "<\/script" (the same
// string, regex or comment to JavaScript); in JSON every "<" becomes "\u003c" (the same string).
/** @internal JavaScript made safe to put inside `<script>…</script>`. */
export const escapeScript = (code: string) => code.replace(/<\/(script)/gi, "<\\/$1");
const scriptJson = (v: unknown) => JSON.stringify(v).replace(/</g, "\\u003c");
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Options of {@link renderHtml}.
 * @example
 * renderHtml(charts, { title: "Survey", lang: "en" }) // => '<!doctype html>\n<html lang="en">…'
 */
export interface HtmlOptions {
  /** The page's title and heading. Default "koe". */
  title?: string;
  /** The page's language (`<html lang>`). Default "ja". */
  lang?: Lang;
}

/**
 * One self-contained HTML page with the charts, each under its heading: vega, vega-lite and
 * vega-embed are inlined (about 830 KB), so the page opens offline from a file and requests
 * nothing. Charts are drawn as SVG without the action menu.
 * @example
 * writeFileSync("report.html", renderHtml([{ title: "回答者数", spec }], { title: "koe 調査" }));
 */
export function renderHtml(charts: readonly { title: string; spec: TopLevelSpec }[], { title = DEFAULTS.htmlTitle, lang = DEFAULTS.lang }: HtmlOptions = {}): string {
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
 * await writeChart(spec, "out/heatmap")
 * // => { spec: "out/heatmap.vl.json", svg: "out/heatmap.svg", png: "out/heatmap.png" }
 */
export async function writeChart(spec: TopLevelSpec, basePath: string, { scale = DEFAULTS.scale }: PngOptions = {}): Promise<{ spec: string; svg: string; png: string }> {
  const paths = { spec: `${basePath}.vl.json`, svg: `${basePath}.svg`, png: `${basePath}.png` };
  const svg = await renderSvg(spec);
  const png = svgToPng(svg, scale);
  mkdirSync(dirname(basePath), { recursive: true });
  writeFileSync(paths.spec, JSON.stringify(withTheme(spec), null, 2) + "\n");
  writeFileSync(paths.svg, svg);
  writeFileSync(paths.png, png);
  return paths;
}
