import { ChartError, compileSpec, renderSvg, segmentHeatmapChart, type HeatmapCell } from "@koe/charts";
import { describe, expect, it } from "vitest";
import { cells, generationOrder, hiddenCounts, labels, leakyCells } from "./fixtures.js";
import { svgText } from "./helpers.js";

type Datum = { row: string; column: string; n: number | null; text: string; suppressed: boolean };
const dataOf = (spec: object) => (spec as { data: { values: Datum[] } }).data.values;
const sortOf = (spec: object, channel: "x" | "y") => (spec as { encoding: Record<string, { sort: string[] }> }).encoding[channel]!.sort;
const numbers = (texts: string[]) => texts.flatMap((t) => t.match(/\d+/g) ?? []);

const spec = segmentHeatmapChart(cells, { labels, rowOrder: generationOrder, title: "会社×世代の回答者数", rowTitle: "世代", columnTitle: "会社" });

describe("segmentHeatmapChart: the spec", () => {
  it("compiles with vega-lite in Japanese, in English, and with no options", () => {
    for (const s of [spec, segmentHeatmapChart(cells, { lang: "en" }), segmentHeatmapChart(cells), segmentHeatmapChart([])]) {
      const vg = compileSpec(s);
      expect(vg.marks?.length).toBeGreaterThan(0);
    }
  });

  it("is pure: same input, same spec, input untouched", () => {
    const copy = structuredClone(cells);
    expect(segmentHeatmapChart(cells, { labels })).toEqual(segmentHeatmapChart(cells, { labels }));
    expect(cells).toEqual(copy);
  });

  it("keeps the natural order of rows, never the input's order", () => {
    expect(sortOf(spec, "y")).toEqual(["若手", "中堅", "シニア"]);
    // Without an order: the vocabulary's natural order (the input starts with "senior"), whatever the input order.
    expect(sortOf(segmentHeatmapChart(cells), "y")).toEqual(["young", "mid", "senior"]);
    expect(segmentHeatmapChart([...cells].reverse())).toEqual(segmentHeatmapChart(cells));
    const reversed = segmentHeatmapChart(cells, { columnOrder: ["C03", "C02", "C01"] });
    expect(sortOf(reversed, "x")).toEqual(["C03", "C02", "C01"]);
  });

  it("puts ids missing from the order after it, and skips order ids with no cells", () => {
    expect(sortOf(segmentHeatmapChart(cells, { rowOrder: ["mid", "retired"] }), "y")).toEqual(["mid", "young", "senior"]);
  });

  it("draws the rows in that order in the SVG", async () => {
    const svg = await renderSvg(spec);
    const at = ["若手", "中堅", "シニア"].map((l) => svg.indexOf(`>${l}</text>`));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it("prints counts only for shown cells and 秘匿 for suppressed ones, in the axes' order (rows, then columns)", () => {
    const data = dataOf(spec);
    expect(data.map((d) => d.text)).toEqual(["31", "8", "0", "秘匿", "22", "17", "14", "秘匿", "26"]);
    expect(data.filter((d) => d.suppressed)).toEqual([
      { row: "中堅", column: "A社", n: null, text: "秘匿", suppressed: true },
      { row: "シニア", column: "B社", n: null, text: "秘匿", suppressed: true },
    ]);
  });

  it("takes a report table as it is (rows, suppressed flags, the minimum group size it was made with)", () => {
    const table = {
      columns: ["generation", "company", "n", "suppressed"],
      rows: cells.map((c) => ({ generation: c.row, company: c.column, n: c.suppressed ? null : c.n, suppressed: c.suppressed })),
      privacy: { code: "report.ruleGroups", params: { minGroupSize: 6, counts: ["x"] } },
    };
    const fromReport = segmentHeatmapChart(table, { row: "generation", column: "company", labels, rowOrder: generationOrder });
    expect(dataOf(fromReport)).toEqual(dataOf(segmentHeatmapChart(cells, { labels, rowOrder: generationOrder })));
    expect(JSON.stringify(fromReport)).toContain("6人未満");
    expect(() => segmentHeatmapChart(table, { row: "generaton", column: "company" })).toThrow(/option "row" must name one of its columns/);
  });

  it("never carries a suppressed count into the spec, even if the caller left it in", () => {
    const leaky = segmentHeatmapChart(leakyCells, { labels });
    expect(leaky).toEqual(segmentHeatmapChart(cells, { labels }));
    for (const d of dataOf(leaky).filter((d) => d.suppressed)) expect(d.n).toBeNull();
    for (const hidden of hiddenCounts) expect(numbers(dataOf(leaky).map((d) => `${d.n} ${d.text}`))).not.toContain(hidden);
  });

  it("never shows a suppressed count in the SVG text or aria-labels", async () => {
    const texts = svgText(await renderSvg(segmentHeatmapChart(leakyCells, { labels })));
    expect(texts.length).toBeGreaterThan(20);
    expect(numbers(texts)).toContain("31"); // the check sees shown counts…
    for (const hidden of hiddenCounts) expect(numbers(texts)).not.toContain(hidden); // …and no hidden one
  });

  it("says which groups are hidden, with the caller's minimum group size", async () => {
    expect(await renderSvg(spec)).toContain("5人未満のグループは表示していません");
    const big = cells.map((c) => (c.n === 8 ? { ...c, n: null, suppressed: true } : c));
    expect(await renderSvg(segmentHeatmapChart(big, { minGroupSize: 10 }))).toContain("10人未満のグループは表示していません");
    const en = await renderSvg(segmentHeatmapChart(cells, { lang: "en" }));
    expect(en).toContain("Groups under 5 are not shown");
    expect(en).toContain(">suppressed</text>");
    expect(en).not.toContain("秘匿");
  });

  it("renders the Japanese title, axis titles, labels and counts", async () => {
    const texts = svgText(await renderSvg(spec));
    for (const t of ["会社×世代の回答者数", "世代", "会社", "若手", "中堅", "シニア", "A社", "B社", "C社", "秘匿", "人数", "31", "0"]) expect(texts).toContain(t);
  });

  it("widens cells to fit the English word and turns long column labels", () => {
    const width = (s: object) => (s as { width: { step: number } }).width.step;
    const angle = (s: object) => (s as { encoding: { x: { axis: { labelAngle: number } } } }).encoding.x.axis.labelAngle;
    expect(width(segmentHeatmapChart(cells, { lang: "en" }))).toBeGreaterThan(width(spec));
    expect(angle(spec)).toBe(0);
    expect(angle(segmentHeatmapChart(cells, { labels: { ...labels, C01: "株式会社ひかり総合研究所" } }))).toBe(-45);
  });

  it("matches the SVG snapshot (numbers rounded)", async () => {
    // Numbers rounded; vega numbers gradient ids by a process-wide counter, so those are fixed too.
    const rounded = (await renderSvg(spec)).replace(/-?\d+\.\d+/g, (x) => Number(x).toFixed(1)).replace(/gradient_\d+/g, "gradient_N");
    await expect(rounded).toMatchFileSnapshot("__snapshots__/segment-heatmap.svg");
  });
});

describe("segmentHeatmapChart: what the subtitle promises holds", () => {
  const shown = (row: string, column: string, n: number): HeatmapCell => ({ row, column, n, suppressed: false });

  it("refuses a shown count between 1 and the minimum minus 1, naming the cell, in both languages", async () => {
    const e = (() => { try { segmentHeatmapChart([shown("young", "C01", 31), shown("mid", "C02", 2)]); } catch (x) { return x as ChartError; } throw new Error("no error"); })();
    expect(e).toBeInstanceOf(ChartError);
    expect(e.message).toContain('the cell for row "mid", column "C02" shows n = 2, between 1 and 4, but is not marked suppressed');
    expect(e.localized.ja).toContain("行「mid」・列「C02」のセルの n が 2（1〜4人）なのに秘匿されていません");
    // The minimum is the caller's, else the report table's.
    expect(() => segmentHeatmapChart(cells, { minGroupSize: 10 })).toThrow('row "young", column "C02" shows n = 8, between 1 and 9');
    const table = { columns: ["g", "c", "n", "suppressed"], rows: [{ g: "young", c: "C01", n: 7, suppressed: false }], privacy: { code: "report.ruleGroups", params: { minGroupSize: 10 } } };
    expect(() => segmentHeatmapChart(table, { row: "g", column: "c" })).toThrow("shows n = 7, between 1 and 9");
  });

  it("draws a shown 0 and every count from the minimum up", () => {
    expect(dataOf(segmentHeatmapChart([shown("young", "C01", 0), shown("mid", "C01", 5)])).map((d) => d.text)).toEqual(["0", "5"]);
  });

  it("with complete: true, draws every id of rowOrder and columnOrder, and each combination without a cell as 0 (C14 with no participants stays)", async () => {
    const companies = ["C13", "C14", "C15"];
    const participants = [shown("young", "C13", 12), shown("mid", "C13", 9), shown("young", "C15", 0), shown("mid", "C15", 6)];
    // Without complete, the company nobody took part in is not drawn at all.
    expect(sortOf(segmentHeatmapChart(participants, { columnOrder: companies }), "x")).toEqual(["C13", "C15"]);
    const spec = segmentHeatmapChart(participants, { columnOrder: companies, rowOrder: ["young", "mid", "senior"], complete: true });
    expect(sortOf(spec, "x")).toEqual(companies);
    expect(sortOf(spec, "y")).toEqual(["young", "mid", "senior"]);
    expect(dataOf(spec).filter((d) => d.column === "C14")).toEqual(["young", "mid", "senior"].map((row) => ({ row, column: "C14", n: 0, text: "0", suppressed: false })));
    expect(dataOf(spec)).toHaveLength(9);
    expect(svgText(await renderSvg(spec))).toContain("C14");
    // Ids the cells name but the orders do not still follow, in natural order.
    expect(sortOf(segmentHeatmapChart(participants, { columnOrder: ["C14"], complete: true }), "x")).toEqual(["C14", "C13", "C15"]);
  });
});

describe("segmentHeatmapChart: nothing to show", () => {
  const hidden = (row: string, column: string): HeatmapCell => ({ row, column, n: null, suppressed: true });
  const noteOf = (spec: object) => (spec as { data: { values: { note?: string }[] } }).data.values[0]?.note;

  it("draws a note, not a blank chart, for no cells or every cell hidden, in both languages", async () => {
    expect(noteOf(segmentHeatmapChart([], { title: "越境経験者数" }))).toBe("データがありません");
    expect(noteOf(segmentHeatmapChart([], { lang: "en" }))).toBe("No data");
    const allHidden = [hidden("young", "C01"), hidden("mid", "C01")];
    expect(noteOf(segmentHeatmapChart(allHidden))).toBe("すべてのグループが5人未満（または差し引きで分かる）ため、表示できる数値がありません");
    expect(noteOf(segmentHeatmapChart(allHidden, { lang: "en", minGroupSize: 10 }))).toBe("Every group is under 10 (or would be revealed by subtraction): nothing can be shown");
    const svg = await renderSvg(segmentHeatmapChart(allHidden, { title: "越境経験者数" }));
    for (const t of ["越境経験者数", "表示できる数値がありません"]) expect(svg).toContain(t);
    expect(svg).not.toContain("秘匿");
  });
});

describe("segmentHeatmapChart: bad input", () => {
  const bad = (c: Partial<HeatmapCell>) => [{ row: "young", column: "C01", n: 10, suppressed: false, ...c }] as HeatmapCell[];

  it("throws when a shown cell has no count", () => {
    expect(() => segmentHeatmapChart(bad({ n: null }))).toThrow(ChartError);
    expect(() => segmentHeatmapChart(bad({ n: null }))).toThrow('the cell for row "young", column "C01" is not suppressed but its count is null');
    expect(() => segmentHeatmapChart(bad({ n: -1 }))).toThrow("its count is -1");
    expect(() => segmentHeatmapChart(bad({ n: Number.NaN }))).toThrow("its count is NaN");
  });

  it("throws when a cell appears twice", () => {
    expect(() => segmentHeatmapChart([...cells, cells[0]!])).toThrow('the cell for row "senior", column "C01" appears more than once');
  });

  it("throws when two ids share a label", () => {
    expect(() => segmentHeatmapChart(cells, { labels: { young: "若手", mid: "若手" } })).toThrow('rows "young" and "mid" both have the label "若手"');
  });

  it("throws on a minimum group size that is not a positive integer", () => {
    expect(() => segmentHeatmapChart(cells, { minGroupSize: 0 })).toThrow("minGroupSize must be a positive integer (got 0)");
  });
});
