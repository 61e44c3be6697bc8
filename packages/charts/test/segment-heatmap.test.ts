import { bundledFontFiles, compileSpec, estimateTextWidth, renderHtml, renderPng, renderSvg, segmentHeatmapChart, type HeatmapCell } from "@koe/charts";
import { Resvg } from "@resvg/resvg-js";
import * as vega from "vega";
import { describe, expect, it } from "vitest";

const cells: HeatmapCell[] = [
  { row: "senior", column: "C01", n: 14, suppressed: false },
  { row: "young", column: "C01", n: 31, suppressed: false },
  { row: "mid", column: "C01", n: null, suppressed: true },
  { row: "young", column: "C02", n: 8, suppressed: false },
  { row: "mid", column: "C02", n: 22, suppressed: false },
  { row: "senior", column: "C02", n: null, suppressed: true },
];
const labels = { young: "若手", mid: "中堅", senior: "シニア", C01: "A社", C02: "B社" };
const spec = segmentHeatmapChart(cells, { labels, rowOrder: ["young", "mid", "senior"], title: "会社×世代の回答者数", rowTitle: "世代" });

describe("segmentHeatmapChart", () => {
  it("is a pure function returning a spec that compiles", () => {
    expect(segmentHeatmapChart(cells, { labels })).toEqual(segmentHeatmapChart(cells, { labels }));
    expect(() => compileSpec(spec)).not.toThrow();
  });

  it("keeps the natural order of generations, not alphabetical", () => {
    const y = (spec as { encoding: { y: { sort: string[] } } }).encoding.y.sort;
    expect(y).toEqual(["若手", "中堅", "シニア"]);
  });

  it("never carries a suppressed count into the spec", () => {
    const values = (spec as { data: { values: { n: number | null; suppressed: boolean; text: string }[] } }).data.values;
    for (const v of values.filter((x) => x.suppressed)) {
      expect(v.n).toBeNull();
      expect(v.text).toBe("秘匿");
    }
    const dirty = segmentHeatmapChart([{ row: "a", column: "b", n: 3, suppressed: true }]);
    expect(JSON.stringify(dirty)).not.toMatch(/"n":3/);
  });

  it("renders SVG with the Japanese title, labels and counts; English on request", async () => {
    const svg = await renderSvg(spec);
    for (const text of ["会社×世代の回答者数", "若手", "シニア", "A社", "秘匿", ">31<", "5人未満"]) expect(svg).toContain(text);
    const en = await renderSvg(segmentHeatmapChart(cells, { lang: "en" }));
    expect(en).toContain("suppressed");
    expect(en).toContain("Groups under 5 are not shown");
    const rounded = svg.replace(/\d+\.\d+/g, (x) => Number(x).toFixed(1));
    await expect(rounded).toMatchFileSnapshot("__snapshots__/segment-heatmap.svg");
  });

  it("renders a PNG whose Japanese text is actually drawn with the bundled font", async () => {
    const png = await renderPng(spec);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // The same SVG rendered without any font draws no glyphs: the difference in dark pixels is the text.
    const svg = await renderSvg({ ...spec, layer: [], data: { values: [] } } as typeof spec);
    const ink = (fontFiles: string[]) => {
      const r = new Resvg(svg, { font: { loadSystemFonts: false, fontFiles, defaultFontFamily: "Noto Sans JP" } }).render();
      let dark = 0;
      for (let i = 0; i < r.pixels.length; i += 4) if (r.pixels[i]! < 128 && r.pixels[i + 3]! > 0) dark++;
      return dark;
    };
    expect(ink([])).toBe(0);
    expect(ink(bundledFontFiles())).toBeGreaterThan(500);
  });

  it("measures Japanese text wider than vega's default guess", async () => {
    expect(estimateTextWidth("会社と世代の回答者数", 16)).toBe(10 * 16);
    expect(estimateTextWidth("ABC", 10)).toBeLessThan(estimateTextWidth("会社名", 10));
    await renderSvg(spec); // installs the estimator
    const width = (vega as unknown as { textMetrics: { width: (item: object, text: string) => number } }).textMetrics.width({ fontSize: 10 }, "キャリア");
    expect(width).toBe(40);
  });

  it("renderHtml inlines the libraries and loads nothing from the network", () => {
    const html = renderHtml([{ title: "回答者数", spec }], { title: "koe デモ" });
    expect(html).toContain("<title>koe デモ</title>");
    expect(html).toContain("vegaEmbed(");
    expect(html.length).toBeGreaterThan(500_000);
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/<link[^>]+href=/i);
    expect(html.match(/<\/script/gi)!.length).toBe(4);
  });
});
