import { ChartError, codeHeatmapChart, compileSpec, renderSvg } from "@koe/charts";
import { codeFrequencies, KoeArgumentError, KoeError, type ReportTable } from "@koe/core";
import { beforeAll, describe, expect, it } from "vitest";
import { bundledCoded, codebook, frequencies, hiddenFigures, leakyFrequencies, thrown } from "./code-fixtures.js";
import { svgText } from "./helpers.js";

type Datum = { code: string; segment: string; share: number | null; residual: number | null; significant: boolean; text: string; suppressed: boolean };
const dataOf = (spec: object) => (spec as { data: { values: Datum[] } }).data.values;
const sortOf = (spec: object, channel: "x" | "y") => (spec as { encoding: Record<string, { sort: string[] }> }).encoding[channel]!.sort;
const subtitleOf = (spec: object) => (spec as { title: { subtitle: string[] } }).title.subtitle;
/** The fill of the rect a screen reader announces with all these parts (e.g. the code and the segment). */
function fillOf(svg: string, ...parts: string[]): [number, number, number] {
  const path = [...svg.matchAll(/<path aria-label="([^"]*)"[^>]*fill="rgb\((\d+), (\d+), (\d+)\)"/g)].find((m) => parts.every((p) => m[1]!.split("; ").includes(p)));
  if (!path) throw new Error(`no rect labelled ${parts.join(", ")}`);
  return [Number(path[2]), Number(path[3]), Number(path[4])];
}

const spec = codeHeatmapChart(frequencies);
const en = codeHeatmapChart(frequencies, { lang: "en" });

describe("codeHeatmapChart: the spec", () => {
  it("compiles with vega-lite in Japanese and English, and for an empty or a wholly hidden table", () => {
    const hidden = { ...frequencies, rows: frequencies.rows.filter((r) => r.suppressed) };
    for (const s of [spec, en, codeHeatmapChart({ rows: [] }), codeHeatmapChart(hidden)]) expect(compileSpec(s).marks?.length).toBeGreaterThan(0);
  });

  it("is pure: same table, same spec; the table untouched", () => {
    const copy = structuredClone(frequencies);
    expect(codeHeatmapChart(frequencies)).toEqual(spec);
    expect(frequencies).toEqual(copy);
  });

  it("keeps the codebook's order of codes (the table's, not alphabetical) and the natural order of segment values", () => {
    expect(sortOf(spec, "y")).toEqual(codebook.map((c) => c.code_ja));
    expect(sortOf(en, "y")).toEqual(["Work motivation", "Idea utilisation", "Network", "Manager involvement"]);
    // The table lists senior first; the axis reads young → mid → senior, labelled from the model's vocabulary.
    expect(sortOf(spec, "x")).toEqual(["若手", "中堅", "シニア"]);
    expect(sortOf(en, "x")).toEqual(["Young", "Mid-career", "Senior"]);
    // Rows in another order within each code: the same chart.
    const reordered = { ...frequencies, rows: [...frequencies.rows].sort((a, b) => (a.generation < b.generation ? -1 : a.generation > b.generation ? 1 : 0)).sort((a, b) => codebook.findIndex((c) => c.code === a.code) - codebook.findIndex((c) => c.code === b.code)) };
    expect(codeHeatmapChart(reordered)).toEqual(spec);
  });

  it("prints each cell's share as a percentage, and 秘匿 for the hidden group, in the axes' order", () => {
    // 6/40, ‒, 9/30; 14/40, ‒, 12/30; 17/40, ‒, 3/30; 22/40, ‒, 15/30.
    expect(dataOf(spec).map((d) => d.text)).toEqual(["15%", "秘匿", "30%", "35%", "秘匿", "40%", "43%", "秘匿", "10%", "55%", "秘匿", "50%"]);
    expect(dataOf(en).filter((d) => d.suppressed).map((d) => d.text)).toEqual(["suppressed", "suppressed", "suppressed", "suppressed"]);
  });

  it("colours by the adjusted residual on a diverging scale from −3 to 3, and outlines |r| ≥ 1.96", () => {
    const layer = (spec as unknown as { layer: { encoding?: { color?: { field: string; scale: { domain: number[]; scheme: string } } } }[] }).layer[0]!;
    expect(layer.encoding!.color!.field).toBe("residual");
    expect(layer.encoding!.color!.scale).toMatchObject({ domain: [-3, 3], scheme: "blueorange" });
    const significant = dataOf(spec).filter((d) => d.significant).map((d) => `${d.code} ${d.segment} ${d.residual}`);
    expect(significant).toEqual(["人脈・つながり 若手 3.2", "人脈・つながり シニア -3.2", "上司の関与 シニア 2.1"]); // 1.8 is not
    expect(subtitleOf(spec).join(" ")).toContain("|r| ≥ 1.96（5%水準で有意）のセルは太枠");
  });

  it("draws more than expected in orange and fewer in blue, significant cells outlined, in the SVG", async () => {
    const svg = await renderSvg(spec);
    const [r1, , b1] = fillOf(svg, "コード: 人脈・つながり", "世代: 若手"); // r = 3.2
    const [r2, , b2] = fillOf(svg, "コード: 人脈・つながり", "世代: シニア"); // r = −3.2
    expect(r1).toBeGreaterThan(b1 + 100);
    expect(b2).toBeGreaterThan(r2 + 100);
    const [r3, , b3] = fillOf(svg, "コード: アイディア活用", "世代: シニア"); // r = 0.4: nearly white
    expect(Math.min(r3, b3)).toBeGreaterThan(190);
    expect(svg.match(/stroke="#222222" stroke-width="2"/g)?.length).toBe(3);
  });

  it("draws a shown cell without a residual pale, and says why", () => {
    const cell = dataOf(spec).find((d) => d.code === "上司の関与" && d.segment === "若手")!;
    expect(cell).toMatchObject({ residual: null, significant: false, text: "55%" });
    expect(subtitleOf(spec)).toContain("薄い灰色: 残差なし（検定に入らなかったセル）");
    const tested = { ...frequencies, rows: frequencies.rows.map((r) => (r.residual === null && !r.suppressed ? { ...r, residual: 0.5 } : r)) };
    expect(subtitleOf(codeHeatmapChart(tested)).join(" ")).not.toContain("薄い灰色");
  });

  it("never carries the hidden group's figures into the spec or the SVG, even when the caller left them in", async () => {
    expect(codeHeatmapChart(leakyFrequencies)).toEqual(spec);
    for (const d of dataOf(spec).filter((d) => d.suppressed)) expect([d.share, d.residual]).toEqual([null, null]);
    const texts = svgText(await renderSvg(codeHeatmapChart(leakyFrequencies)));
    expect(texts).toContain("43%"); // the check sees shown shares…
    for (const hidden of hiddenFigures) expect(texts.some((t) => t === hidden || t.includes(` ${hidden};`) || t.includes(`: ${hidden}`))).toBe(false); // …and no hidden one
  });

  it("renders the Japanese title, notes, axis title, labels and legend", async () => {
    const svg = await renderSvg(spec);
    const texts = svgText(svg);
    for (const t of ["世代別のコードの出現割合", "世代", "若手", "中堅", "シニア", "業務意欲", "人脈・つながり", "秘匿", "1.96"]) expect(texts).toContain(t);
    expect(svg).toContain("秘匿: 10人未満のグループと、差し引きで分かるグループ</tspan>"); // the subtitle's last line
    expect(svg).toContain("調整済み残差</tspan>"); // the legend's title, on two lines
  });

  it("speaks English with lang: \"en\" (code_en labels, the vocabulary's English, no Japanese left)", async () => {
    const svg = await renderSvg(en);
    const texts = svgText(svg);
    for (const t of ["Codes by Generation: share of texts", "Young", "Mid-career", "Senior", "Work motivation", "suppressed"]) expect(texts).toContain(t);
    expect(svg).toContain("Adjusted residual</tspan>");
    expect(svg).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  it("takes labels, titles and the segment column by name", () => {
    const s = codeHeatmapChart(frequencies, { by: "generation", labels: { network: "つながり", young: "20代" }, title: "声の分布", segmentTitle: "年代" });
    expect(sortOf(s, "y")).toContain("つながり");
    expect(sortOf(s, "x")).toEqual(["20代", "中堅", "シニア"]);
    expect((s as { title: { text: string } }).title.text).toBe("声の分布");
    expect((s as unknown as { encoding: { x: { title: string } } }).encoding.x.title).toBe("年代");
  });

  it("segments outside the model's vocabularies keep their values in natural order; booleans read あり / なし", () => {
    const rows = frequencies.rows.filter((r) => !r.suppressed).map((r) => ({ ...r, generation: undefined, company: r.generation === "young" ? "C10" : "C02" }));
    expect(sortOf(codeHeatmapChart({ rows }, { by: "company" }), "x")).toEqual(["C02", "C10"]);
    const flags = frequencies.rows.filter((r) => !r.suppressed).map(({ generation, ...r }) => ({ ...r, cross_boundary: generation === "young" }));
    expect(sortOf(codeHeatmapChart({ rows: flags }), "x")).toEqual(["なし", "あり"]);
    expect(sortOf(codeHeatmapChart({ rows: flags }, { lang: "en" }), "x")).toEqual(["No", "Yes"]);
  });

  it("draws a note instead of an empty grid when there are no rows or every group is hidden, in both languages", async () => {
    const hidden = { ...frequencies, rows: frequencies.rows.filter((r) => r.suppressed) };
    expect(svgText(await renderSvg(codeHeatmapChart({ rows: [] })))).toContain("データがありません");
    expect(svgText(await renderSvg(codeHeatmapChart({ rows: [] }, { lang: "en" })))).toContain("No data");
    expect(svgText(await renderSvg(codeHeatmapChart(hidden)))).toContain("すべてのグループが10人未満（または差し引きで分かる）ため、表示できる数値がありません");
    expect(svgText(await renderSvg(codeHeatmapChart(hidden, { lang: "en" })))).toContain("Every group is under 10 (or would be revealed by subtraction): nothing can be shown");
  });

  it("matches the SVG snapshot (numbers rounded)", async () => {
    const rounded = (await renderSvg(spec)).replace(/-?\d+\.\d+/g, (x) => Number(x).toFixed(1)).replace(/gradient_\d+/g, "gradient_N");
    await expect(rounded).toMatchFileSnapshot("__snapshots__/code-heatmap.svg");
  });
});

describe("codeHeatmapChart: what it refuses", () => {
  const shownRow = frequencies.rows.find((r) => !r.suppressed)!;

  it("a group under the free-text minimum that is not marked suppressed (a table that skipped the study's edge)", () => {
    const small = { rows: [{ ...shownRow, people: 9, texts: 9, with_code: 3, share: 3 / 9 }] };
    const e = thrown(() => codeHeatmapChart(small));
    expect(e).toBeInstanceOf(ChartError);
    expect(e.code).toBe("chart.smallGroupShown");
    expect(e.localized.en).toBe('codeHeatmapChart: row 1 (code "work_motivation", generation "senior") shows people = 9, under the minimum of 10 for free texts, but is not marked suppressed; publish the table through the study (codeFrequencies) so that small groups are hidden');
    expect(e.localized.ja).toBe("codeHeatmapChart: 1行目（コード「work_motivation」、generation「senior」）の people が 9 で、自由記述の最小人数 10 を下回るのに秘匿されていません。小さなグループが隠れるよう、調査関数（codeFrequencies）を通した表を渡してください");
    // Texts counted without people, and a report's own larger minimum.
    const { people: _, ...noPeople } = small.rows[0]!;
    expect(thrown(() => codeHeatmapChart({ rows: [noPeople] })).message).toContain("shows texts = 9");
    const report = { ...frequencies, privacy: { code: "report.ruleGroups", params: { minGroupSize: 35 } } };
    expect(thrown(() => codeHeatmapChart(report)).message).toContain('generation "senior") shows people = 30, under the minimum of 35');
  });

  it("a missing column, named with the closest one there is", () => {
    const rows = frequencies.rows.map(({ residual, ...r }) => ({ ...r, residuals: residual }));
    const e = thrown(() => codeHeatmapChart({ rows }));
    expect(e).toBeInstanceOf(KoeArgumentError);
    expect(e.message).toMatch(/^codeHeatmapChart: the table has no column "residual"; did you mean "residuals"\? \(its columns: "code", /);
    expect(e.localized.ja).toContain("表に列「residual」がありません。「residuals」の誤りではありませんか？");
    expect(thrown(() => codeHeatmapChart(frequencies, { by: "generaton" })).message).toContain('the table has no column "generaton"; did you mean "generation"?');
  });

  it("a table whose segment column cannot be told without `by`", () => {
    const rows = frequencies.rows.map((r) => ({ ...r, company: "C01" }));
    const e = thrown(() => codeHeatmapChart({ rows }));
    expect(e.message).toBe('codeHeatmapChart: cannot tell which column holds the segment (it could be "generation", "company"); name it with the option "by", e.g. { by: "generation" }');
    expect(sortOf(codeHeatmapChart({ rows }, { by: "generation" }), "x")).toEqual(["若手", "中堅", "シニア"]);
  });

  it("a cell twice, a share outside 0–1, counts that are not counts, values of the wrong kind", () => {
    expect(thrown(() => codeHeatmapChart({ rows: [shownRow, shownRow] })).message).toBe('codeHeatmapChart: the cell for row "work_motivation", column "senior" appears more than once');
    const share = thrown(() => codeHeatmapChart({ rows: [{ ...shownRow, share: 1.2 }] }));
    expect(share).toBeInstanceOf(ChartError);
    expect(share.message).toBe('codeHeatmapChart: row 1 (code "work_motivation", generation "senior") has share 1.2 (expected a number from 0 to 1)');
    expect(thrown(() => codeHeatmapChart({ rows: [{ ...shownRow, with_code: null }] })).message).toContain("has with_code null (expected an integer ≥ 0 (the row is not suppressed))");
    const kind = thrown(() => codeHeatmapChart({ rows: [{ ...shownRow, texts: "30" }] } as never));
    expect(kind).toBeInstanceOf(KoeArgumentError);
    expect(kind.message).toBe('codeHeatmapChart: table.rows[0]: texts must be a finite number or null (got "30")');
  });

  it("two codes with one label", () => {
    expect(thrown(() => codeHeatmapChart(frequencies, { labels: { network: "業務意欲" } })).message).toBe('codeHeatmapChart: rows "work_motivation" and "network" both have the label "業務意欲", so their cells would be drawn on top of each other');
  });

  it("options it does not know, or of the wrong kind; garbage in place of the table", () => {
    expect(thrown(() => codeHeatmapChart(frequencies, { lables: {} } as never)).message).toContain('unknown option "lables"; did you mean "labels"?');
    expect(thrown(() => codeHeatmapChart(frequencies, { lang: "jp" } as never)).message).toBe('codeHeatmapChart: option "lang" must be one of "ja", "en" (got "jp"); did you mean "ja"?');
    for (const garbage of [undefined, null, 42, "x", [], {}, { rows: null }, { rows: [null] }, { rows: [{}] }]) {
      expect(thrown(() => codeHeatmapChart(garbage as never))).toBeInstanceOf(KoeError);
    }
  });
});

describe("codeHeatmapChart takes codeFrequencies' table as it is (the bundled comments)", () => {
  let byGeneration: ReportTable;
  let byCompany: ReportTable;
  let codeLabels: string[];
  beforeAll(async () => {
    const { coded, codebook: book } = await bundledCoded();
    byGeneration = codeFrequencies(coded, { by: "generation" }).tables.frequencies!;
    byCompany = codeFrequencies(coded, { by: "company" }).tables.frequencies!;
    codeLabels = book.codes.map((c) => c.ja);
  });

  it("codes in the codebook's order, generations young → senior, each share printed from its counts", () => {
    const s = codeHeatmapChart(byGeneration);
    expect(compileSpec(s).marks?.length).toBeGreaterThan(0);
    expect(sortOf(s, "y")).toEqual(codeLabels);
    expect(sortOf(s, "x")).toEqual(["若手", "中堅", "シニア"]);
    expect(dataOf(s).length).toBe(byGeneration.rows.length);
    const printed = new Map(dataOf(s).map((d) => [`${d.code}|${d.segment}`, d.text]));
    const label = { young: "若手", mid: "中堅", senior: "シニア" } as Record<string, string>;
    for (const r of byGeneration.rows) {
      expect(printed.get(`${r.code_ja}|${label[r.generation as string]}`)).toBe(`${Math.round((100 * (r.with_code as number)) / (r.texts as number))}%`);
    }
  });

  it("by company: the hidden companies are grey and say 秘匿, and no figure of theirs reaches the SVG", async () => {
    const hiddenRows = byCompany.rows.filter((r) => r.suppressed === true);
    expect(hiddenRows.length).toBeGreaterThan(0); // the bundled data has companies with fewer than 10 writers
    const s = codeHeatmapChart(byCompany, { lang: "en" });
    expect(dataOf(s).filter((d) => d.suppressed).length).toBe(hiddenRows.length);
    expect(dataOf(s).filter((d) => d.suppressed).every((d) => d.text === "suppressed" && d.share === null && d.residual === null)).toBe(true);
    // Every percentage in the SVG is a shown row's.
    const shownShares = new Set(byCompany.rows.filter((r) => r.suppressed !== true).map((r) => `${Math.round(100 * (r.share as number))}%`));
    const percentages = svgText(await renderSvg(s)).filter((t) => /^\d+%$/.test(t));
    expect(percentages.length).toBe(byCompany.rows.length - hiddenRows.length);
    for (const p of percentages) expect(shownShares.has(p)).toBe(true);
  });
});
