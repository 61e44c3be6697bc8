import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Script } from "node:vm";
import { bundledFontFiles, ChartError, compileSpec, koeTheme, packageDir, renderHtml, renderPng, renderSvg, segmentHeatmapChart, withTheme, writeChart } from "@koe/charts";
import { Resvg } from "@resvg/resvg-js";
import type { TopLevelSpec } from "vega-lite";
import { describe, expect, it } from "vitest";
import { escapeScript } from "../src/render.js";
import { cells, generationOrder, labels } from "./fixtures.js";
import { ink, readPng, svgSize } from "./helpers.js";

const heatmap = segmentHeatmapChart(cells, { labels, rowOrder: generationOrder, title: "会社×世代の回答者数" });
/** A chart that is only a Japanese title: every dark pixel is a glyph. */
const titleOnly = (text: string): TopLevelSpec => ({ title: text, data: { values: [] }, mark: "point", width: 10, height: 10 });

describe("compileSpec", () => {
  it("compiles to a vega spec with the koe theme merged in", async () => {
    expect(compileSpec(heatmap).$schema).toMatch(/vega\/v\d/);
    const plain = await renderSvg({ data: { values: [{ a: "x", b: 1 }] }, mark: "bar", encoding: { x: { field: "a", type: "nominal" }, y: { field: "b", type: "quantitative" } } });
    expect(plain).toContain('font-family="Noto Sans JP"');
  });

  it("throws a ChartError naming the chart, with vega-lite's reason, kept short", () => {
    const broken = { title: "壊れた図", data: { values: [{ secret: 123456 }] } } as unknown as TopLevelSpec;
    expect(() => compileSpec(broken)).toThrow(ChartError);
    expect(() => compileSpec(broken)).toThrow(/^the chart "壊れた図" does not compile: Invalid specification/);
    try {
      compileSpec(broken);
    } catch (e) {
      expect((e as Error).message.length).toBeLessThan(400);
    }
  });
});

describe("renderSvg", () => {
  it("leaves the caller's spec untouched (vega tags the data it ingests)", async () => {
    const spec = segmentHeatmapChart(cells, { labels });
    const before = structuredClone(spec);
    await renderSvg(spec);
    expect(spec).toEqual(before);
  });
});

describe("withTheme", () => {
  it("merges koe's config under the spec's own, key by key, and is idempotent", () => {
    const spec = withTheme({ mark: "bar", config: { font: "serif", title: { fontSize: 20 } } } as TopLevelSpec);
    expect(spec.config?.font).toBe("serif");
    expect(spec.config?.title).toEqual({ ...koeTheme.title, fontSize: 20 });
    expect(spec.config?.range).toEqual(koeTheme.range);
    expect(withTheme(spec)).toEqual(spec);
  });
});

describe("renderPng", () => {
  it("writes a valid PNG of the SVG's size times the scale", async () => {
    const { width, height } = svgSize(await renderSvg(heatmap));
    for (const scale of [1, 2]) {
      const png = readPng(await renderPng(heatmap, { scale }));
      expect([png.width, png.height]).toEqual([width * scale, height * scale]);
    }
    await expect(renderPng(heatmap, { scale: 0 })).rejects.toThrow("renderPng needs a positive, finite scale (got 0)");
  });

  it("draws Japanese glyphs with the bundled font, where resvg without it draws nothing", async () => {
    const spec = titleOnly("会社×世代の回答者数");
    const drawn = ink(readPng(await renderPng(spec, { scale: 1 })));
    const noFont = new Resvg(await renderSvg(spec), { font: { loadSystemFonts: false, fontFiles: [] } }).render();
    expect(ink({ width: noFont.width, height: noFont.height, pixels: noFont.pixels }).count).toBe(0);
    expect(drawn.count).toBeGreaterThan(400);
    // Real glyphs differ from one another (missing-glyph boxes would not), and span the measured width.
    const other = ink(readPng(await renderPng(titleOnly("回答者数×会社と世代の"), { scale: 1 })));
    expect(Math.abs(other.count - drawn.count)).toBeGreaterThan(20);
    expect(drawn.maxX - drawn.minX).toBeGreaterThan(150); // 10 characters, bold 16 px: 160 px of advance
    expect(drawn.maxX - drawn.minX).toBeLessThan(162);
  });

  it("draws every cell's text in the heatmap", async () => {
    const withText = ink(readPng(await renderPng(heatmap, { scale: 1 })), 60);
    const noText = ink(readPng(await renderPng({ ...heatmap, title: " ", layer: (heatmap as { layer: object[] }).layer.slice(0, 2) } as TopLevelSpec, { scale: 1 })), 60);
    expect(withText.count - noText.count).toBeGreaterThan(500);
  });
});

describe("renderHtml", () => {
  const html = renderHtml([{ title: "回答者数 <全社>", spec: heatmap }, { title: "英語", spec: segmentHeatmapChart(cells, { lang: "en" }) }], { title: "koe デモ" });
  const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);

  it("inlines vega, vega-lite and vega-embed, unchanged but for escaping", () => {
    expect(scripts).toHaveLength(4);
    for (const [pkg, file] of [["vega", "vega.min.js"], ["vega-lite", "vega-lite.min.js"], ["vega-embed", "vega-embed.min.js"]] as const) {
      const lib = readFileSync(join(packageDir(pkg), "build", file), "utf8");
      expect(scripts).toContain(lib.replace(/<\/(script)/gi, "<\\/$1"));
    }
    for (const s of scripts) expect(() => new Script(s)).not.toThrow(); // escaping kept every script valid JavaScript
  });

  it("requests nothing from the network: no src/href to load, specs inline", () => {
    // The page's own markup (scripts emptied): nothing with a src or href, no CSS that loads.
    const markup = html.replace(/<script>[\s\S]*?<\/script>/g, "<script></script>");
    expect(markup.length).toBeLessThan(2000);
    expect(markup).not.toMatch(/\s(src|href)\s*=/i);
    expect(markup).not.toMatch(/@import|url\(/i);
    expect(markup).not.toMatch(/https?:/);
    const embed = scripts[3]!;
    expect(embed).toContain('renderer: "svg", actions: false');
    const specs = JSON.parse(/const specs = (.*);\n/.exec(embed)![1]!) as TopLevelSpec[];
    expect(specs[0]).toEqual(withTheme(heatmap));
    expect(JSON.stringify(specs)).not.toMatch(/"url"\s*:/);
  });

  it("escapes a closing script tag in inlined code without changing what the code means", () => {
    const code = 'const s = "</script>"; const t = `</SCRIPT >`; // </script>';
    const escaped = escapeScript(code);
    expect(escaped).not.toMatch(/<\/script/i);
    const run = (c: string) => new Script(`${c}\n[s, t]`).runInNewContext() as string[];
    expect(run(code)).toEqual(["</script>", "</SCRIPT >"]);
    expect(run(escaped)).toEqual(run(code));
  });

  it("escapes titles and cannot be broken out of by a spec", () => {
    expect(html).toContain("<title>koe デモ</title>");
    expect(html).toContain('<html lang="ja">');
    expect(html).toContain("<h2>回答者数 &#60;全社&#62;</h2>");
    const evil = renderHtml([{ title: "x", spec: titleOnly("</script><script>alert(1)</script>") }]);
    expect(evil.match(/<script>/g)).toHaveLength(4);
    expect(evil.match(/<\/script>/g)).toHaveLength(4);
  });
});

describe("writeChart", () => {
  it("writes the themed spec, the SVG and the PNG, and returns their paths", async () => {
    const base = join(mkdtempSync(join(tmpdir(), "koe-charts-")), "nested", "heatmap");
    const paths = await writeChart(heatmap, base, { scale: 1 });
    expect(paths).toEqual({ spec: `${base}.vl.json`, svg: `${base}.svg`, png: `${base}.png` });
    for (const p of Object.values(paths)) expect(existsSync(p)).toBe(true);
    expect(JSON.parse(readFileSync(paths.spec, "utf8"))).toEqual(withTheme(heatmap));
    const svg = readFileSync(paths.svg, "utf8");
    expect(svg).toContain("会社×世代の回答者数");
    expect(readPng(readFileSync(paths.png)).width).toBe(svgSize(svg).width);
  });
});

describe("bundled fonts", () => {
  it("finds Noto Sans JP Regular and Bold in the npm package", () => {
    const [regular, bold] = bundledFontFiles();
    expect(regular).toMatch(/NotoSansJP_400Regular\.ttf$/);
    expect(bold).toMatch(/NotoSansJP_700Bold\.ttf$/);
    expect([...readFileSync(regular).subarray(0, 4)]).toEqual([0, 1, 0, 0]); // a TrueType file
  });
});
