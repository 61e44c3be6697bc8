import { bundledFontFiles, compileSpec, estimateTextWidth, installTextMetrics, measureTextWidth, renderSvg, textMetricsSource, vegaTextMetrics } from "@koe/charts";
import { Resvg } from "@resvg/resvg-js";
import * as vega from "vega";
import { beforeEach, describe, expect, it } from "vitest";
import { ink, svgSize } from "./helpers.js";

// vega's own guess (0.8 em a character), put back before each test so each starts from vega's default.
const vegaGuess = vegaTextMetrics.estimateWidth;
beforeEach(() => {
  vegaTextMetrics.width = vegaGuess;
});

/** The width resvg actually draws `text` in, with the bundled fonts (leftmost to rightmost inked pixel). */
function drawnWidth(text: string, fontSize: number, fontWeight = "normal"): number {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="60"><rect width="1200" height="60" fill="#fff"/>` +
    `<text x="10" y="40" font-family="Noto Sans JP" font-size="${fontSize}" font-weight="${fontWeight}">${text}</text></svg>`;
  const image = new Resvg(svg, { font: { loadSystemFonts: false, fontFiles: bundledFontFiles(), defaultFontFamily: "Noto Sans JP" } }).render();
  const { minX, maxX } = ink({ width: image.width, height: image.height, pixels: image.pixels }, 200);
  return maxX - minX + 1;
}

describe("text metrics", () => {
  it("estimates wide (CJK, full-width) characters at 1 em and others at 0.6 em", () => {
    expect(estimateTextWidth("回答者数", 10)).toBe(40);
    expect(estimateTextWidth("ｶﾀｶﾅ ＡＢ", 10)).toBe(4 * 6 + 6 + 2 * 10); // half-width katakana are narrow
    expect(estimateTextWidth("n = 5", 10)).toBe(30);
  });

  it("measures with the bundled font", () => {
    expect(textMetricsSource()).toBe("font");
    expect(measureTextWidth("回答者数", { fontSize: 10 })).toBe(40);
    expect(measureTextWidth("iiii", { fontSize: 10 })).toBeLessThan(measureTextWidth("WWWW", { fontSize: 10 }) / 2);
    expect(measureTextWidth("Respondents", { fontSize: 10, fontWeight: "bold" })).toBeGreaterThan(measureTextWidth("Respondents", { fontSize: 10 }));
    expect(measureTextWidth("Respondents", { fontSize: 10, fontWeight: 700 })).toBe(measureTextWidth("Respondents", { fontSize: 10, fontWeight: "bold" }));
  });

  it("falls back to the estimate for characters the font lacks", () => {
    expect(measureTextWidth("\u{1F600}", { fontSize: 10 })).toBeCloseTo(6); // an emoji: not in Noto Sans JP
  });

  it("agrees with what resvg draws to within 2%, where the estimate is off by up to 26%", () => {
    const cases: [string, string][] = [
      ["会社×世代の回答者数", "bold"],
      ["5人未満のグループは表示していません", "normal"],
      ["Groups under 5 are not shown (nor any that subtraction would reveal)", "normal"],
      ["Respondents by company and generation", "bold"],
    ];
    for (const [text, weight] of cases) {
      const drawn = drawnWidth(text, 20, weight);
      const measured = measureTextWidth(text, { fontSize: 20, fontWeight: weight });
      expect(Math.abs(measured - drawn) / drawn, text).toBeLessThan(0.02);
    }
    const english = cases[2]![0];
    expect(estimateTextWidth(english, 20) / drawnWidth(english, 20)).toBeGreaterThan(1.2);
  });

  it("gives vega wider CJK widths than its own 0.8 em guess", () => {
    const item = { fontSize: 10 };
    expect(vegaTextMetrics.width(item, "キャリアオーナーシップ")).toBe(88); // vega's guess: 0.8 em × 11
    installTextMetrics();
    expect(vegaTextMetrics.width(item, "キャリアオーナーシップ")).toBe(110);
    expect(vegaTextMetrics.width({ fontSize: 10, text: "  若手  " })).toBe(20); // vega trims; so do we
  });

  it("caps the width of truncated text at its limit, so vega still truncates", () => {
    installTextMetrics();
    expect(vegaTextMetrics.width({ fontSize: 10, limit: 30 }, "キャリアオーナーシップ")).toBe(30);
    expect(vegaTextMetrics.width({ fontSize: 10, limit: 300 }, "キャリア")).toBe(40);
  });

  it("stops vega clipping a Japanese title: the SVG grows to the title's real width", async () => {
    const title = "キャリアオーナーシップ調査の回答者数"; // 18 wide characters in bold 16 px: 288 px
    const spec = { title, data: { values: [] }, mark: "point", width: 10, height: 10 } as const;
    const after = svgSize(await renderSvg(spec)).width; // renderSvg installs koe's metrics
    vegaTextMetrics.width = vegaGuess;
    const view = new vega.View(vega.parse(compileSpec(spec)), { renderer: "none" });
    const before = svgSize(await view.toSVG()).width;
    view.finalize();
    expect(after).toBe(288 + 2 * 12); // padding 12 on each side
    expect(before).toBe(Math.floor(0.8 * 18 * 16) + 2 * 12); // vega alone: 58 px too narrow, the title clipped
  });
});
