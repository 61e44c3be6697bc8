import { ChartError, compileSpec, INITIATIVE_MATRIX_DEFAULTS as D, initiativeMatrixChart, measureTextWidth, renderPng, renderSvg, type InitiativeMatrixTable } from "@koe/charts";
import { initiativeReport, readInitiativeRatings } from "@koe/core";
import { join } from "node:path";
import { Resvg } from "@resvg/resvg-js";
import type { TopLevelSpec } from "vega-lite";
import { describe, expect, it } from "vitest";
import { ink, readPng, svgSize, svgText } from "./helpers.js";

type Row = InitiativeMatrixTable["rows"][number];
const listed = (row: string, column: string, rank: number, initiative: string, companies: number, rated: number | null, extra: Partial<Row> = {}): Row =>
  ({ row, column, rank, initiative, companies, rated, share: rated === null ? null : companies / rated, tied: false, stability: null, suppressed: false, ...extra });
const blank = (row: string, column: string, suppressed: boolean): Row =>
  ({ row, column, rank: null, initiative: null, companies: null, rated: null, share: null, tied: null, stability: null, suppressed });

/**
 * The matrix table of an initiative report: rows in the report's natural order, each cell its listed
 * initiatives (raters withheld for some), two hidden cells and one with nothing listed. The hidden
 * cells were rated by 4 companies; 4 appears nowhere else, so a leak would be visible.
 */
const table: InitiativeMatrixTable = {
  privacy: { params: { minGroupSize: 5 } },
  rows: [
    listed("young", "know", 1, "one_on_one", 20, null, { stability: 0.92 }),
    listed("young", "know", 2, "job_posting", 10, 24, { tied: true, stability: 0.5 }),
    listed("young", "know", 2, "career_sheet_dialogue", 10, 24, { tied: true }),
    listed("young", "understand", 1, "career_training", 12, null),
    listed("young", "understand", 2, "business_introductions", 8, 16),
    listed("young", "understand", 3, "e_learning", 5, 16),
    blank("young", "deepen", false),
    blank("young", "practice", false),
    listed("mid", "know", 1, "mentoring", 6, 11),
    blank("mid", "understand", false),
    listed("mid", "deepen", 1, "cross_boundary_external", 7, 21),
    blank("mid", "practice", true),
    blank("senior", "know", true),
    blank("senior", "understand", false),
    blank("senior", "deepen", false),
    listed("senior", "practice", 1, "one_on_one", 9, null, { stability: 0.81 }),
  ],
};
/** The same, as a careless caller might pass it: a hidden cell still holding an initiative and its counts. */
const leaky: InitiativeMatrixTable = { ...table, rows: [...table.rows, { ...listed("mid", "practice", 1, "side_jobs", 4, 4), suppressed: true }] };

type Datum = { row: string; column: string; companies: number | null; suppressed: boolean; lines: string[]; note: string | null };
const dataOf = (spec: object) => (spec as { data: { values: Datum[] } }).data.values;
const sortOf = (spec: object, channel: "x" | "y") => (spec as { encoding: Record<string, { sort: string[] }> }).encoding[channel]!.sort;
/** Numbers in texts, leaving out colours ("#c4c4c4") and the axes' value counts ("a discrete scale with 4 values"). */
const numbers = (texts: string[]) => texts.flatMap((t) => t.replace(/#[0-9a-f]{6}\b|with \d+ values/gi, "").match(/\d+/g) ?? []);
const at = (spec: object, row: string, column: string) => dataOf(spec).find((d) => d.row === row && d.column === column)!;
const steps = ["知る", "理解を深める", "さらに理解を深める", "実践を支援する"];
const generations = ["若手", "中堅", "シニア"];

const spec = initiativeMatrixChart(table);

describe("initiativeMatrixChart: the spec", () => {
  it("compiles with vega-lite in Japanese, in English, with stability, and with an empty table", () => {
    for (const s of [spec, initiativeMatrixChart(table, { lang: "en" }), initiativeMatrixChart(table, { showStability: true }), initiativeMatrixChart({ rows: [] })]) {
      expect(compileSpec(s).marks?.length).toBeGreaterThan(0);
    }
  });

  it("is pure: same input, same spec, input untouched", () => {
    const copy = structuredClone(table);
    expect(initiativeMatrixChart(table)).toEqual(initiativeMatrixChart(table));
    expect(table).toEqual(copy);
  });

  it("puts steps across and generations down in the table's order, with built-in labels", () => {
    expect(sortOf(spec, "x")).toEqual(steps);
    expect(sortOf(spec, "y")).toEqual(generations);
    expect(sortOf(initiativeMatrixChart(table, { lang: "en" }), "x")).toEqual(["Know", "Understand", "Deepen", "Support practice"]);
    expect(sortOf(initiativeMatrixChart(table, { lang: "en" }), "y")).toEqual(["Young", "Mid-career", "Senior"]);
    // One datum per cell, row by row in order.
    expect(dataOf(spec).map((d) => `${d.row}/${d.column}`)).toEqual(generations.flatMap((g) => steps.map((s) => `${g}/${s}`)));
  });

  it("lists each cell's initiatives by rank, one line each: companies/raters, or companies alone where the report withholds the raters", () => {
    expect(at(spec, "若手", "理解を深める").lines).toEqual(["1. キャリア研修 (12)", "2. 事業紹介 (8/16)", "3. e-ラーニング (5/16)"]);
    expect(at(spec, "シニア", "実践を支援する").lines).toEqual(["1. キャリア1on1 (9)"]);
    expect(at(spec, "若手", "知る").companies).toBe(20);
  });

  it("marks tied ranks with = and keeps tied initiatives in the table's order", () => {
    expect(at(spec, "若手", "知る").lines).toEqual(["1. キャリア1on1 (20)", "2= 社内公募 (10/24)", "2= キャリアシート面談 (10/24)"]);
  });

  it("appends stability where known, only when asked", () => {
    const lines = at(initiativeMatrixChart(table, { showStability: true }), "若手", "知る").lines;
    expect(lines).toEqual(["1. キャリア1on1 (20) ·安定度 0.92", "2= 社内公募 (10/24) ·安定度 0.50", "2= キャリアシート面談 (10/24)"]);
    expect(at(initiativeMatrixChart(table, { showStability: true, lang: "en" }), "Young", "Know").lines[0]).toBe("1. Career 1on1 (20) · stability 0.92");
  });

  it("lets the caller's labels win over the built-in ones", () => {
    const s = initiativeMatrixChart(table, { labels: { one_on_one: "上司との1on1", young: "20代" } });
    expect(at(s, "20代", "知る").lines[0]).toBe("1. 上司との1on1 (20)");
  });

  it("says a cell with nothing listed lists nothing found effective by enough companies; the minimum comes from the table's privacy rule", () => {
    expect(at(spec, "中堅", "理解を深める")).toEqual({ row: "中堅", column: "理解を深める", companies: null, suppressed: false, lines: [], note: "5社以上が効果ありとした施策なし" });
    const seven = initiativeMatrixChart({ ...table, privacy: { params: { minGroupSize: 7 } } });
    expect(at(seven, "中堅", "理解を深める").note).toBe("7社以上が効果ありとした施策なし");
    expect(at(initiativeMatrixChart(table, { minGroupSize: 3, lang: "en" }), "Mid-career", "Understand").note).toBe("none found effective by 3+ companies");
  });

  it("shows hidden cells as grey 秘匿 notes, with nothing the caller left in them", () => {
    for (const place of [["中堅", "実践を支援する"], ["シニア", "知る"]] as const) {
      expect(at(spec, place[0], place[1])).toEqual({ row: place[0], column: place[1], companies: null, suppressed: true, lines: [], note: "秘匿" });
    }
    expect(initiativeMatrixChart(leaky)).toEqual(spec);
    const json = JSON.stringify(initiativeMatrixChart(leaky));
    expect(json).not.toContain("副業");
    // (The whole spec has a 4: an axis's labelPadding.)
    const data = JSON.stringify({ data: dataOf(initiativeMatrixChart(leaky)), title: initiativeMatrixChart(leaky).title });
    expect(numbers([data])).toContain("24");
    expect(numbers([data])).not.toContain("4");
  });

  it("makes cells wide enough for their longest line in the bundled font, and tall enough for every line", () => {
    for (const s of [spec, initiativeMatrixChart(table, { showStability: true }), initiativeMatrixChart(table, { lang: "en", showStability: true })]) {
      const width = (s as { width: { step: number } }).width.step;
      const height = (s as { height: { step: number } }).height.step;
      const texts = dataOf(s).flatMap((d) => [...d.lines, d.note ?? ""]);
      for (const t of texts) expect(measureTextWidth(t, { fontSize: D.fontSize })).toBeLessThanOrEqual(width - 2 * D.cellPadding);
      expect(height).toBeGreaterThanOrEqual(3 * D.lineHeight + 2 * D.cellPadding);
    }
  });

  it("draws initiativeReport's matrix as it is: the generator's top 3 in every cell, no hidden figure", async () => {
    const { table: ratings } = await readInitiativeRatings(join(import.meta.dirname, "..", "..", "..", "data", "initiative_ratings.csv"));
    const report = initiativeReport(ratings, { wave: 1, resamples: 0 });
    const s = initiativeMatrixChart(report.tables.matrix!);
    expect(dataOf(s)).toHaveLength(12);
    expect(dataOf(s).every((d) => d.lines.length === 3)).toBe(true);
    expect(at(s, "若手", "知る").lines).toEqual(["1. キャリア研修 (22)", "2. キャリア1on1 (21)", "3. 事業紹介 (15)"]);
  });
});

describe("initiativeMatrixChart: the wave, the stability and nothing to show, as a reader needs them", () => {
  const titleOf = (s: object) => (s as { title: { text: string; subtitle: string | string[] } }).title;
  const lines = (s: object) => [titleOf(s).subtitle].flat();

  it("names the wave in the title: the report's own, or the option's", async () => {
    const { table: ratings } = await readInitiativeRatings(join(import.meta.dirname, "..", "..", "..", "data", "initiative_ratings.csv"));
    const report = initiativeReport(ratings, { wave: 2, resamples: 0 });
    expect(titleOf(initiativeMatrixChart(report)).text).toBe("浸透ステップ×世代で効果のあった施策（上位3、第2回調査）");
    expect(titleOf(initiativeMatrixChart(report, { lang: "en" })).text).toBe("Initiatives that worked, by penetration step and generation (top 3, wave 2)");
    // The report's matrix drawn as from the table.
    expect(dataOf(initiativeMatrixChart(report))).toEqual(dataOf(initiativeMatrixChart(report.tables.matrix!)));
    expect(titleOf(initiativeMatrixChart(table, { wave: 1 })).text).toBe("浸透ステップ×世代で効果のあった施策（上位、第1回調査）");
    expect(titleOf(initiativeMatrixChart(table, { wave: "2025-10", lang: "en" })).text).toBe("Initiatives that worked, by penetration step and generation (top ranks, wave 2025-10)");
    expect(svgText(await renderSvg(initiativeMatrixChart(report)))).toContain("浸透ステップ×世代で効果のあった施策（上位3、第2回調査）");
  });

  it("explains 安定度 under the title when it is shown: the share of resamples of companies in which the initiative stays in the top k", async () => {
    const { table: ratings } = await readInitiativeRatings(join(import.meta.dirname, "..", "..", "..", "data", "initiative_ratings.csv"));
    const report = initiativeReport(ratings, { wave: 1, resamples: 200, seed: 3 });
    const shown = initiativeMatrixChart(report, { showStability: true });
    expect(lines(shown)[1]).toBe("安定度: 企業を復元抽出し直した200回のうち、その施策が上位3に入った割合（1.00 = 毎回）。ブートストラップでの採択頻度であり、真に上位である確率ではない");
    expect(lines(initiativeMatrixChart(report, { showStability: true, lang: "en" }))[1]).toBe("Stability: the share of 200 resamples of the companies (with replacement) in which the initiative stays in the top 3 (1.00 = every time): a bootstrap inclusion frequency, not the probability of truly being in the top ranks");
    expect(lines(initiativeMatrixChart(table, { showStability: true }))[1]).toBe("安定度: 企業を復元抽出し直した再標本のうち、その施策が上位に入った割合（1.00 = 毎回）。ブートストラップでの採択頻度であり、真に上位である確率ではない");
    // Not shown, not explained.
    expect(lines(initiativeMatrixChart(report))).toHaveLength(1);
    expect(svgText(await renderSvg(shown)).join(" ")).toContain("安定度: 企業を復元抽出し直した200回のうち");
  });

  it("draws a note, not a blank chart, for an empty table or every cell hidden, in both languages", async () => {
    const noteOf = (s: object) => (s as { data: { values: { note?: string }[] } }).data.values[0]?.note;
    expect(noteOf(initiativeMatrixChart({ rows: [] }))).toBe("データがありません");
    const hidden = { privacy: { params: { minGroupSize: 5 } }, rows: [blank("young", "know", true), blank("mid", "know", true)] };
    expect(noteOf(initiativeMatrixChart(hidden))).toBe("すべて秘匿されています（背後の企業が5社未満、または差し引きで分かる）。表示できる数値がありません");
    const svg = await renderSvg(initiativeMatrixChart(hidden, { lang: "en", wave: 1 }));
    for (const t of ["(top ranks, wave 1)", "Everything is hidden (fewer than 5 companies behind it, or revealed by subtraction): nothing can be shown"]) expect(svg).toContain(t);
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
    for (const t of ["浸透ステップ×世代で効果のあった施策（上位）", "1. キャリア1on1 (20)", "2= 社内公募 (10/24)", "2= キャリアシート面談 (10/24)", "1. 社外越境 (7/21)", "秘匿", "1位の施策を効果ありとした企業数"]) {
      expect(texts).toContain(t);
    }
    const en = await renderSvg(initiativeMatrixChart(table, { lang: "en" }));
    expect(en).toContain(">suppressed</text>");
    expect(en).toContain(">Support practice</text>");
    expect(en).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  it("never shows a hidden count or initiative in the SVG text or aria-labels", async () => {
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
    const rounded = (await renderSvg(initiativeMatrixChart(table, { showStability: true })))
      .replace(/-?\d+\.\d+/g, (x) => Number(x).toFixed(1)).replace(/gradient_\d+/g, "gradient_N");
    await expect(rounded).toMatchFileSnapshot("__snapshots__/initiative-matrix.svg");
  });
});

describe("initiativeMatrixChart: bad input", () => {
  const one = (c: Partial<Row>) => ({ rows: [listed("young", "know", 1, "one_on_one", 20, 24, c)] });

  it("throws when an initiative appears twice in a cell", () => {
    expect(() => initiativeMatrixChart({ rows: [...table.rows, table.rows[1]!] })).toThrow(ChartError);
    expect(() => initiativeMatrixChart({ rows: [...table.rows, table.rows[1]!] })).toThrow('the initiative "job_posting" appears more than once in the cell for row "young", column "know"');
  });

  it("throws on ranks, counts and shares out of range", () => {
    expect(() => initiativeMatrixChart(one({ rank: 0 }))).toThrow('("one_on_one") has rank 0 (expected a positive integer)');
    expect(() => initiativeMatrixChart(one({ rank: null }))).toThrow('has rank null (expected a positive integer)');
    expect(() => initiativeMatrixChart(one({ companies: 25 }))).toThrow("has rated 24 (expected an integer ≥ 0)");
    expect(() => initiativeMatrixChart(one({ companies: null }))).toThrow("has companies null");
    expect(() => initiativeMatrixChart(one({ share: 1.2 }))).toThrow("has share 1.2 (expected a number from 0 to 1, or null)");
  });

  it("a table of the wrong shape is a KoeArgumentError naming the field", () => {
    expect(() => initiativeMatrixChart({ rows: [{ ...listed("young", "know", 1, "one_on_one", 20, 24), suppressed: undefined }] } as never)).toThrow(/suppressed/);
    expect(() => initiativeMatrixChart([] as never)).toThrow(/initiativeMatrixChart/);
    expect(() => initiativeMatrixChart(table, { minGroupSize: 0 })).toThrow(/option "minGroupSize"/);
  });

  it("throws when two rows share a label", () => {
    expect(() => initiativeMatrixChart(table, { labels: { mid: "若手" } })).toThrow('rows "young" and "mid" both have the label "若手"');
  });
});
