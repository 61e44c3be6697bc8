import { ChartError, compileSpec, INITIATIVE_MATRIX_DEFAULTS as D, initiativeMatrixChart, measureTextWidth, renderPng, renderSvg, type InitiativeMatrixInput } from "@koe/charts";
import { Resvg } from "@resvg/resvg-js";
import type { TopLevelSpec } from "vega-lite";
import { describe, expect, it } from "vitest";
import { ink, readPng, svgSize, svgText } from "./helpers.js";

type Cell = InitiativeMatrixInput["cells"][number];
const cell = (row: string, column: string, rank: number, initiative: string, companies: number, rated: number, extra: Partial<Cell> = {}): Cell =>
  ({ row, column, rank, initiative, companies, rated, share: companies / rated, tied: false, stability: null, ...extra });

/**
 * A top-3 matrix with cells in no useful order (senior and practice first, rank 3 before rank 1)
 * so that tests can tell the result's order from input order. The suppressed cells were rated by 4
 * companies; 4 appears nowhere else, so a leak would be visible.
 */
const result: InitiativeMatrixInput = {
  rows: ["young", "mid", "senior"],
  columns: ["know", "understand", "deepen", "practice"],
  minCompanies: 5,
  k: 3,
  cells: [
    cell("senior", "practice", 1, "one_on_one", 9, 12, { stability: 0.81 }),
    cell("young", "understand", 3, "e_learning", 5, 16),
    cell("young", "know", 1, "one_on_one", 20, 24, { stability: 0.92 }),
    cell("young", "understand", 1, "career_training", 12, 16),
    cell("young", "know", 2, "job_posting", 10, 24, { tied: true, stability: 0.5 }),
    cell("young", "know", 2, "career_sheet_dialogue", 10, 24, { tied: true }),
    cell("young", "understand", 2, "business_introductions", 8, 16),
    cell("mid", "deepen", 1, "cross_boundary_external", 7, 21),
    cell("mid", "know", 1, "mentoring", 6, 11),
  ],
  suppressedCells: [{ row: "mid", column: "practice", ratingCompanies: 4 }, { row: "senior", column: "know", ratingCompanies: 4 }],
};
/** The same, as a careless caller might pass it: an initiative left in a suppressed cell. */
const leaky: InitiativeMatrixInput = { ...result, cells: [...result.cells, cell("mid", "practice", 1, "side_jobs", 4, 4)] };

type Datum = { row: string; column: string; share: number | null; suppressed: boolean; lines: string[]; note: string | null };
const dataOf = (spec: object) => (spec as { data: { values: Datum[] } }).data.values;
const sortOf = (spec: object, channel: "x" | "y") => (spec as { encoding: Record<string, { sort: string[] }> }).encoding[channel]!.sort;
/** Numbers in texts, leaving out colours ("#c4c4c4") and the axes' value counts ("a discrete scale with 4 values"). */
const numbers = (texts: string[]) => texts.flatMap((t) => t.replace(/#[0-9a-f]{6}\b|with \d+ values/gi, "").match(/\d+/g) ?? []);
const at = (spec: object, row: string, column: string) => dataOf(spec).find((d) => d.row === row && d.column === column)!;
const steps = ["知る", "理解を深める", "さらに理解を深める", "実践を支援する"];
const generations = ["若手", "中堅", "シニア"];

const spec = initiativeMatrixChart(result);

describe("initiativeMatrixChart: the spec", () => {
  it("compiles with vega-lite in Japanese, in English, with stability, and with an empty result", () => {
    const empty = { rows: [], columns: [], cells: [], suppressedCells: [], minCompanies: 5, k: 3 };
    for (const s of [spec, initiativeMatrixChart(result, { lang: "en" }), initiativeMatrixChart(result, { showStability: true }), initiativeMatrixChart(empty)]) {
      expect(compileSpec(s).marks?.length).toBeGreaterThan(0);
    }
  });

  it("is pure: same input, same spec, input untouched", () => {
    const copy = structuredClone(result);
    expect(initiativeMatrixChart(result)).toEqual(initiativeMatrixChart(result));
    expect(result).toEqual(copy);
  });

  it("puts steps across in the result's order and generations down, with built-in labels", () => {
    expect(sortOf(spec, "x")).toEqual(steps);
    expect(sortOf(spec, "y")).toEqual(generations);
    expect(sortOf(initiativeMatrixChart(result, { lang: "en" }), "x")).toEqual(["Know", "Understand", "Deepen", "Support practice"]);
    expect(sortOf(initiativeMatrixChart(result, { lang: "en" }), "y")).toEqual(["Young", "Mid-career", "Senior"]);
    const reversed = initiativeMatrixChart({ ...result, rows: ["senior", "mid", "young"] });
    expect(sortOf(reversed, "y")).toEqual(["シニア", "中堅", "若手"]);
    // One datum per cell, row by row in order.
    expect(dataOf(spec).map((d) => `${d.row}/${d.column}`)).toEqual(generations.flatMap((g) => steps.map((s) => `${g}/${s}`)));
  });

  it("lists each cell's initiatives by rank, one line each, with companies/rated", () => {
    expect(at(spec, "若手", "理解を深める").lines).toEqual(["1. キャリア研修 (12/16)", "2. 事業紹介 (8/16)", "3. e-ラーニング (5/16)"]);
    expect(at(spec, "シニア", "実践を支援する").lines).toEqual(["1. キャリア1on1 (9/12)"]);
    expect(at(spec, "若手", "知る").share).toBeCloseTo(20 / 24);
  });

  it("marks tied ranks with = and keeps tied initiatives in input order", () => {
    expect(at(spec, "若手", "知る").lines).toEqual(["1. キャリア1on1 (20/24)", "2= 社内公募 (10/24)", "2= キャリアシート面談 (10/24)"]);
  });

  it("appends stability where known, only when asked", () => {
    const lines = at(initiativeMatrixChart(result, { showStability: true }), "若手", "知る").lines;
    expect(lines).toEqual(["1. キャリア1on1 (20/24) ·安定度 0.92", "2= 社内公募 (10/24) ·安定度 0.50", "2= キャリアシート面談 (10/24)"]);
    expect(at(initiativeMatrixChart(result, { showStability: true, lang: "en" }), "Young", "Know").lines[0]).toBe("1. Career 1on1 (20/24) · stability 0.92");
  });

  it("lets the caller's labels win over the built-in ones", () => {
    const s = initiativeMatrixChart(result, { labels: { one_on_one: "上司との1on1", young: "20代" } });
    expect(at(s, "20代", "知る").lines[0]).toBe("1. 上司との1on1 (20/24)");
  });

  it("shows suppressed cells as grey 秘匿 notes, with nothing the caller left in them", () => {
    for (const place of [["中堅", "実践を支援する"], ["シニア", "知る"]] as const) {
      expect(at(spec, place[0], place[1])).toEqual({ row: place[0], column: place[1], share: null, suppressed: true, lines: [], note: "秘匿（回答企業が5社未満）" });
    }
    expect(initiativeMatrixChart(leaky)).toEqual(spec);
    const json = JSON.stringify(initiativeMatrixChart(leaky));
    expect(json).not.toContain("ratingCompanies");
    expect(json).not.toContain("副業");
    // (The whole spec has a 4: an axis's labelPadding.)
    const data = JSON.stringify({ data: dataOf(initiativeMatrixChart(leaky)), title: initiativeMatrixChart(leaky).title });
    expect(numbers([data])).toContain("24");
    expect(numbers([data])).not.toContain("4");
  });

  it("makes cells wide enough for their longest line in the bundled font, and tall enough for every line", () => {
    for (const s of [spec, initiativeMatrixChart(result, { showStability: true }), initiativeMatrixChart(result, { lang: "en", showStability: true })]) {
      const width = (s as { width: { step: number } }).width.step;
      const height = (s as { height: { step: number } }).height.step;
      const texts = dataOf(s).flatMap((d) => [...d.lines, d.note ?? ""]);
      for (const t of texts) expect(measureTextWidth(t, { fontSize: D.fontSize })).toBeLessThanOrEqual(width - 2 * D.cellPadding);
      expect(height).toBeGreaterThanOrEqual(3 * D.lineHeight + 2 * D.cellPadding);
    }
  });
});

describe("initiativeMatrixChart: drawn", () => {
  it("draws steps left to right and generations top to bottom in the SVG", async () => {
    const svg = await renderSvg(spec);
    for (const labels of [steps, generations]) {
      const where = labels.map((l) => svg.indexOf(`>${l}</text>`));
      expect(where.every((i) => i > 0)).toBe(true);
      expect([...where].sort((a, b) => a - b)).toEqual(where);
    }
  });

  it("renders the Japanese lines, ties and notes as text", async () => {
    const texts = svgText(await renderSvg(spec));
    for (const t of ["浸透ステップ×世代で効果のあった施策（上位）", "1. キャリア1on1 (20/24)", "2= 社内公募 (10/24)", "2= キャリアシート面談 (10/24)", "1. 社外越境 (7/21)", "秘匿（回答企業が5社未満）", "1位の施策を効果ありとした企業の割合"]) {
      expect(texts).toContain(t);
    }
    const en = await renderSvg(initiativeMatrixChart(result, { lang: "en" }));
    expect(en).toContain(">suppressed (fewer than 5 companies)</text>");
    expect(en).toContain(">Support practice</text>");
    expect(en).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  it("never shows a suppressed count or initiative in the SVG text or aria-labels", async () => {
    const texts = svgText(await renderSvg(initiativeMatrixChart(leaky, { showStability: true })));
    expect(numbers(texts)).toContain("24"); // the check sees shown counts…
    expect(numbers(texts)).not.toContain("4"); // …and not the hidden one
    expect(texts.join(" ")).not.toContain("副業");
  });

  it("draws every line's glyphs in the PNG with the bundled font", async () => {
    const svg = await renderSvg(spec);
    const png = readPng(await renderPng(spec, { scale: 1 }));
    expect([png.width, png.height]).toEqual(Object.values(svgSize(svg)));
    // resvg without a font draws the cells but silently no text: the difference is the text.
    const noFont = new Resvg(svg, { font: { loadSystemFonts: false, fontFiles: [] } }).render();
    expect(ink(png).count - ink({ width: noFont.width, height: noFont.height, pixels: noFont.pixels }).count).toBeGreaterThan(4000);
    // The cell lines alone (title, axes and legend the same) add ink, as far as the rightmost column.
    const layers = (spec as { layer: object[] }).layer;
    const noLines = ink(readPng(await renderPng({ ...spec, layer: layers.slice(0, 3) } as TopLevelSpec, { scale: 1 })));
    expect(ink(png).count - noLines.count).toBeGreaterThan(1500);
    expect(ink(png).maxX).toBeLessThan(png.width - 1);
  });

  it("matches the SVG snapshot (numbers rounded)", async () => {
    const rounded = (await renderSvg(initiativeMatrixChart(result, { showStability: true })))
      .replace(/-?\d+\.\d+/g, (x) => Number(x).toFixed(1)).replace(/gradient_\d+/g, "gradient_N");
    await expect(rounded).toMatchFileSnapshot("__snapshots__/initiative-matrix.svg");
  });
});

describe("initiativeMatrixChart: bad input", () => {
  const one = (c: Partial<Cell>) => ({ ...result, cells: [cell("young", "know", 1, "one_on_one", 20, 24, c)] });

  it("throws when a cell names a row or column not in the result", () => {
    expect(() => initiativeMatrixChart(one({ row: "retired" }))).toThrow(ChartError);
    expect(() => initiativeMatrixChart(one({ row: "retired" }))).toThrow('initiativeMatrixChart: the cell for row "retired", column "know" names the row "retired", which is not in the result\'s rows');
    expect(() => initiativeMatrixChart({ ...result, suppressedCells: [{ row: "young", column: "act", ratingCompanies: 2 }] })).toThrow('names the column "act"');
  });

  it("throws when an initiative appears twice in a cell", () => {
    expect(() => initiativeMatrixChart({ ...result, cells: [...result.cells, result.cells[0]!] })).toThrow('the initiative "one_on_one" appears more than once in the cell for row "senior", column "practice"');
  });

  it("throws on ranks, counts and shares out of range", () => {
    expect(() => initiativeMatrixChart(one({ rank: 0 }))).toThrow('("one_on_one") has rank 0 (expected a positive integer)');
    expect(() => initiativeMatrixChart(one({ companies: 25 }))).toThrow("has companies 25 (expected an integer from 0 to rated (24))");
    expect(() => initiativeMatrixChart(one({ share: 1.2 }))).toThrow("has share 1.2 (expected a number from 0 to 1)");
    expect(() => initiativeMatrixChart({ ...result, minCompanies: 0 })).toThrow("has minCompanies 0 (expected a positive integer)");
  });

  it("throws when two rows share a label", () => {
    expect(() => initiativeMatrixChart(result, { labels: { mid: "若手" } })).toThrow('rows "young" and "mid" both have the label "若手"');
  });
});
