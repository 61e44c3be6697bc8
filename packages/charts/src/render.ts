import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Resvg } from "@resvg/resvg-js";
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import { bundledFontFiles, FONT_FAMILY } from "./fonts.js";
import { installTextMetrics } from "./text-metrics.js";

/** Thrown when a spec does not compile; the message says which chart and why. */
export class ChartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ChartError";
  }
}

/** Compiles a vega-lite spec to a vega spec. */
export function compileSpec(spec: TopLevelSpec): vega.Spec {
  try {
    return compile(spec).spec;
  } catch (e) {
    const title = typeof spec.title === "string" ? spec.title : ((spec.title as { text?: unknown } | undefined)?.text ?? "chart");
    throw new ChartError(`the chart "${String(title)}" does not compile: ${(e as Error).message}`);
  }
}

/**
 * Renders a vega-lite spec to SVG text (text as <text> elements in Noto Sans JP).
 * @example
 * const svg = await renderSvg(segmentHeatmapChart(cells)); // => "<svg …"
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

/**
 * Renders a vega-lite spec to PNG bytes. Text is drawn with the Noto Sans JP files bundled in an
 * npm package, never system fonts, so Japanese renders the same on every machine.
 */
export async function renderPng(spec: TopLevelSpec, { scale = 2 }: { scale?: number } = {}): Promise<Uint8Array> {
  const svg = await renderSvg(spec);
  const resvg = new Resvg(svg, {
    fitTo: { mode: "zoom", value: scale },
    font: { loadSystemFonts: false, fontFiles: bundledFontFiles(), defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY },
  });
  return resvg.render().asPng();
}

const require = createRequire(import.meta.url);

/** The UMD build of a package, found from its main entry (its `exports` hide `build/`). */
function umdBuild(pkg: string, file: string): string {
  let dir = dirname(require.resolve(pkg));
  for (let i = 0; i < 4; i++) {
    try {
      return readFileSync(join(dir, "build", file), "utf8");
    } catch {
      dir = dirname(dir);
    }
  }
  throw new ChartError(`cannot find ${pkg}/build/${file}`);
}

const escapeScript = (s: string) => s.replace(/<\/script/gi, "<\\/script");
const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

/**
 * A self-contained HTML page with the charts: vega, vega-lite and vega-embed are inlined, so it
 * opens offline from a file and makes no network requests.
 */
export function renderHtml(charts: { title: string; spec: TopLevelSpec }[], { title = "koe", lang = "ja" }: { title?: string; lang?: "ja" | "en" } = {}): string {
  const libs = [umdBuild("vega", "vega.min.js"), umdBuild("vega-lite", "vega-lite.min.js"), umdBuild("vega-embed", "vega-embed.min.js")];
  const sections = charts.map((c, i) => `<section><h2>${escapeHtml(c.title)}</h2><div id="chart-${i}"></div></section>`).join("\n");
  const embeds = charts.map((c, i) => `vegaEmbed("#chart-${i}", ${JSON.stringify(c.spec)}, { renderer: "svg", actions: false });`).join("\n");
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:"Noto Sans JP","Hiragino Sans","Yu Gothic",sans-serif;margin:2rem;color:#222}h2{font-size:1.1rem}</style>
${libs.map((l) => `<script>${escapeScript(l)}</script>`).join("\n")}
</head><body><h1>${escapeHtml(title)}</h1>
${sections}
<script>${escapeScript(embeds)}</script>
</body></html>
`;
}

/** Writes `<base>.vl.json`, `<base>.svg` and `<base>.png`; returns their paths. */
export async function writeChart(spec: TopLevelSpec, basePath: string): Promise<{ spec: string; svg: string; png: string }> {
  mkdirSync(dirname(basePath), { recursive: true });
  const paths = { spec: `${basePath}.vl.json`, svg: `${basePath}.svg`, png: `${basePath}.png` };
  writeFileSync(paths.spec, JSON.stringify(spec, null, 2) + "\n");
  writeFileSync(paths.svg, await renderSvg(spec));
  writeFileSync(paths.png, await renderPng(spec));
  return paths;
}
