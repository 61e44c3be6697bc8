import { join } from "node:path";
import { ChartError, compileSpec, outcomeFunnelChart, renderPng, renderSvg, type OutcomeFunnelTable } from "@koe/charts";
import { initiativeReport, readInitiativeRatings } from "@koe/core";
import { Resvg } from "@resvg/resvg-js";
import { describe, expect, it } from "vitest";
import { ink, readPng, svgSize, svgText } from "./helpers.js";

type Row = OutcomeFunnelTable["rows"][number];
const row = (initiative: string, notPractised: number, practisedNoEffect: number, practisedEffective: number): Row => {
  const n = notPractised + practisedNoEffect + practisedEffective;
  return { initiative, n, notPractised, practisedNoEffect, practisedEffective, effectRate: practisedEffective / n, suppressed: false };
};
const hidden = (initiative: string): Row => ({ initiative, n: null, notPractised: null, practisedNoEffect: null, practisedEffective: null, effectRate: null, suppressed: true });

/**
 * Outcomes in no useful order: the suppressed row comes first, and job_posting and mentoring tie
 * (0.5) with job_posting first. The suppressed row's counts, were they leaked, would be 4 companies;
 * 4 appears nowhere else.
 */
const result: OutcomeFunnelTable = {
  rows: [
    hidden("side_jobs"),
    row("mandatory_training", 5, 3, 2), // 0.2
    row("job_posting", 3, 2, 5), // 0.5
    row("one_on_one", 1, 6, 13), // 0.65; 1 of 20 is 5%, too narrow to print
    row("cross_boundary_external", 1, 1, 7), // 0.78
    row("mentoring", 2, 3, 5), // 0.5
  ],
};
const leaky: OutcomeFunnelTable = { rows: result.rows.map((r) => (r.suppressed ? { ...r, n: 4, notPractised: 1, practisedNoEffect: 1, practisedEffective: 2, effectRate: 0.9 } : r)) };
const sorted = ["社外越境", "キャリア1on1", "社内公募", "メンター制度", "強制的な研修", "副業・兼業"];

type Segment = { initiative: string; outcome: string; count: number; share: number; start: number; end: number; text: string };
const layers = (spec: object) => (spec as { layer: { data: { values: Record<string, unknown>[] } }[] }).layer;
const segmentsOf = (spec: object) => layers(spec)[0]!.data.values as Segment[];
const sortOf = (spec: object) => (spec as { encoding: { y: { sort: string[] } } }).encoding.y.sort;
/** Numbers in texts, leaving out colours ("#c4c4c4") and the axes' value counts ("a discrete scale with 4 values"). */
const numbers = (texts: string[]) => texts.flatMap((t) => t.replace(/#[0-9a-f]{6}\b|with \d+ values/gi, "").match(/\d+/g) ?? []);

const spec = outcomeFunnelChart(result);

describe("outcomeFunnelChart: the spec", () => {
  it("compiles with vega-lite in Japanese, in English, and with no rows", () => {
    for (const s of [spec, outcomeFunnelChart(result, { lang: "en" }), outcomeFunnelChart({ rows: [] })]) expect(compileSpec(s).marks?.length).toBeGreaterThan(0);
  });

  it("is pure: same input, same spec, input untouched", () => {
    const copy = structuredClone(result);
    expect(outcomeFunnelChart(result)).toEqual(outcomeFunnelChart(result));
    expect(result).toEqual(copy);
  });

  it("sorts initiatives by the share of their ratings practised with effect, highest first, ties in input order, suppressed last", () => {
    expect(sortOf(spec)).toEqual(sorted);
    expect(sortOf(outcomeFunnelChart(result, { lang: "en" }))).toEqual(["External cross-boundary", "Career 1on1", "Internal job posting", "Mentoring", "Mandatory training", "Side jobs"]);
    // A missing effect rate (no one practised it) does not matter: the share of all ratings does.
    const noRate = outcomeFunnelChart({ rows: [row("mentoring", 9, 1, 0), { ...row("e_learning", 1, 1, 8), effectRate: null }] });
    expect(sortOf(noRate)).toEqual(["e-ラーニング", "メンター制度"]);
  });

  it("sorts by what its subtitle says — effective among all ratings, the dark bar — not by effective among those practised", () => {
    // Practised by 2 of 10, effective both times (effectRate 1), against practised by 10 of 10, effective 5 times (effectRate 0.5).
    const rows = [
      { ...row("side_jobs", 8, 0, 2), effectRate: 1 },
      { ...row("mentoring", 0, 5, 5), effectRate: 0.5 },
      { ...row("e_learning", 10, 0, 0), effectRate: null },
      { ...row("one_on_one", 0, 0, 0), effectRate: null },
    ];
    const s = outcomeFunnelChart({ rows });
    expect(sortOf(s)).toEqual(["メンター制度", "副業・兼業", "e-ラーニング", "キャリア1on1"]);
    const dark = (spec: object) => segmentsOf(spec).filter((x) => x.outcome === "実践して効果が出た").map((x) => x.share);
    expect(dark(s)).toEqual([...dark(s)].sort((a, b) => b - a));
    const subtitle = JSON.stringify((s as { title: { subtitle: unknown } }).title.subtitle);
    expect(subtitle).toContain("評価件数に占める「実践して効果が出た」の割合が高い順");
    expect(subtitle).not.toContain("効果が出た割合の高い順");
    expect(JSON.stringify((outcomeFunnelChart({ rows }, { lang: "en" }) as { title: { subtitle: unknown } }).title.subtitle)).toContain("sorted by the share of all ratings that were practised with effect");
  });

  it("draws a note, not a blank chart, for no rows or every row hidden, in both languages", async () => {
    const noteOf = (spec: object) => (spec as { data?: { values: { note?: string }[] } }).data?.values[0]?.note;
    expect(noteOf(outcomeFunnelChart({ rows: [] }))).toBe("データがありません");
    expect(noteOf(outcomeFunnelChart({ rows: [] }, { lang: "en" }))).toBe("No data");
    expect(noteOf(outcomeFunnelChart({ rows: [hidden("side_jobs"), hidden("mentoring")] }))).toBe("すべて秘匿されています（背後の企業が5社未満、または差し引きで分かる）。表示できる数値がありません");
    const seven = { rows: [hidden("side_jobs")], privacy: { params: { minGroupSize: 7 } } };
    expect(noteOf(outcomeFunnelChart(seven, { lang: "en" }))).toBe("Everything is hidden (fewer than 7 companies behind it, or revealed by subtraction): nothing can be shown");
    const svg = await renderSvg(outcomeFunnelChart({ rows: [hidden("side_jobs")] }, { lang: "en" }));
    for (const t of ["Initiatives: practice and effect", "nothing can be shown"]) expect(svg).toContain(t);
  });

  it("stacks not practised, no effect, effective from left to right, as shares of n", () => {
    const oneOnOne = segmentsOf(spec).filter((s) => s.initiative === "キャリア1on1");
    expect(oneOnOne.map((s) => [s.outcome, s.count, s.start, s.end, s.text])).toEqual([
      ["実践しなかった", 1, 0, 0.05, ""], // 5% of the bar is too narrow for its label
      ["実践したが効果が出なかった", 6, 0.05, 0.35, "30%"],
      ["実践して効果が出た", 13, 0.35, 1, "65%"],
    ].map(([o, c, a, b, t]) => [o, c, expect.closeTo(a as number), expect.closeTo(b as number), t]));
  });

  it("draws a suppressed row as a 秘匿 bar with no number, even if the caller left counts in", () => {
    expect(outcomeFunnelChart(leaky)).toEqual(spec);
    expect(segmentsOf(spec).map((s) => s.initiative)).not.toContain("副業・兼業");
    expect(layers(spec)[4]!.data.values).toEqual([{ initiative: "副業・兼業", text: "秘匿" }]);
    const json = JSON.stringify(outcomeFunnelChart(leaky));
    expect(numbers([json])).toContain("13");
    expect(numbers([json])).not.toContain("4");
    expect(json).not.toMatch(/0\.9\b/); // nor its rate
  });
});

describe("outcomeFunnelChart on initiativeReport's outcomes table", () => {
  it("takes the table as it is; by segment, each bar is an initiative in a segment; hidden rows are drawn as 秘匿 only", async () => {
    const { table } = await readInitiativeRatings(join(import.meta.dirname, "..", "..", "..", "data", "initiative_ratings.csv"));
    const whole = outcomeFunnelChart(initiativeReport(table, { wave: 1, resamples: 0 }).tables.outcomes!);
    expect(sortOf(whole)[0]).toBe("キャリア1on1");
    expect(sortOf(whole)).toHaveLength(16);
    // Wave 1 by generation hides every row: a note says so, no page of grey bars.
    const allHidden = outcomeFunnelChart(initiativeReport(table, { wave: 1, resamples: 0, outcomesBy: "row" }).tables.outcomes!);
    expect(JSON.stringify(allHidden)).toContain("すべて秘匿されています（背後の企業が5社未満");
    const report = initiativeReport(table, { wave: 2, resamples: 0, outcomesBy: "row" });
    const spec = outcomeFunnelChart(report.tables.outcomes!);
    expect(sortOf(spec)).toContain("キャリア1on1（若手）");
    const hidden = report.tables.outcomes!.rows.filter((r) => r.suppressed);
    expect(hidden.length).toBeGreaterThan(0);
    const last = sortOf(spec).slice(-hidden.length);
    expect(layers(spec)[4]!.data.values.map((v) => v.initiative)).toEqual(last);
    for (const r of hidden) expect(segmentsOf(spec).some((x) => x.initiative.startsWith(String(r.initiative)))).toBe(false);
    expect(() => outcomeFunnelChart({ rows: [{ ...row("mentoring", 1, 2, 3), segment: "young" }, { ...row("mentoring", 1, 1, 1), segment: "young" }] })).toThrow(/"mentoring \(young\)" appears more than once/);
    expect(sortOf(outcomeFunnelChart({ rows: [{ ...row("mentoring", 1, 2, 3), segment: "young" }, { ...row("mentoring", 1, 1, 1), segment: "mid" }] }, { lang: "en" }))).toEqual(["Mentoring (Young)", "Mentoring (Mid-career)"]);
  });
});

describe("outcomeFunnelChart: drawn", () => {
  it("draws the initiatives top to bottom by effect rate in the SVG", async () => {
    const svg = await renderSvg(spec);
    const where = sorted.map((l) => svg.indexOf(`>${l}</text>`));
    expect(where.every((i) => i > 0)).toBe(true);
    expect([...where].sort((a, b) => a - b)).toEqual(where);
  });

  it("prints shares, the ratings per bar and the outcome legend in Japanese", async () => {
    const texts = svgText(await renderSvg(spec));
    for (const t of ["施策の実践と効果", "実践しなかった", "実践したが効果が出なかった", "実践して効果が出た", "78%", "65%", "20件", "9件", "秘匿"]) expect(texts).toContain(t);
    expect(texts).not.toContain("5%");
    const en = await renderSvg(outcomeFunnelChart(result, { lang: "en" }));
    for (const t of [">n = 20</text>", ">suppressed</text>", ">Practised, effective</text>"]) expect(en).toContain(t);
    expect(en).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  it("never shows a suppressed count in the SVG text or aria-labels", async () => {
    const texts = svgText(await renderSvg(outcomeFunnelChart(leaky)));
    expect(numbers(texts)).toContain("13"); // the check sees shown counts…
    expect(numbers(texts)).not.toContain("4"); // …and not the hidden one
    expect(numbers(texts)).not.toContain("90"); // nor its rate
  });

  it("draws the labels and shares in the PNG with the bundled font", async () => {
    const svg = await renderSvg(spec);
    const png = readPng(await renderPng(spec, { scale: 1 }));
    expect([png.width, png.height]).toEqual(Object.values(svgSize(svg)));
    // resvg without a font draws the bars but silently no text: the difference is the text.
    const noFont = new Resvg(svg, { font: { loadSystemFonts: false, fontFiles: [] } }).render();
    const glyphs = ink(png).count - ink({ width: noFont.width, height: noFont.height, pixels: noFont.pixels }).count;
    expect(glyphs).toBeGreaterThan(3000);
    // The companies at the right of the longest bar are inside the picture.
    expect(ink(png).maxX).toBeLessThan(png.width - 1);
  });

  it("matches the SVG snapshot (numbers rounded)", async () => {
    const rounded = (await renderSvg(spec)).replace(/-?\d+\.\d+/g, (x) => Number(x).toFixed(1));
    await expect(rounded).toMatchFileSnapshot("__snapshots__/outcome-funnel.svg");
  });
});

describe("outcomeFunnelChart: bad input", () => {
  it("throws when a shown row lacks a count or its outcomes do not add up to n", () => {
    expect(() => outcomeFunnelChart({ rows: [{ ...row("mentoring", 1, 2, 3), practisedEffective: null }] })).toThrow(ChartError);
    expect(() => outcomeFunnelChart({ rows: [{ ...row("mentoring", 1, 2, 3), practisedEffective: null }] })).toThrow('outcomeFunnelChart: the initiative "mentoring" has practisedEffective null');
    expect(() => outcomeFunnelChart({ rows: [{ ...row("mentoring", 1, 2, 3), n: 7 }] })).toThrow('the outcomes of "mentoring" add up to 6, but n is 7');
    expect(() => outcomeFunnelChart({ rows: [{ ...row("mentoring", 1, 2, 3), effectRate: 2 }] })).toThrow("has effectRate 2 (expected a number from 0 to 1, or null)");
  });

  it("throws when an initiative appears twice or two share a label", () => {
    expect(() => outcomeFunnelChart({ rows: [row("mentoring", 1, 2, 3), row("mentoring", 1, 1, 1)] })).toThrow('the initiative "mentoring" appears more than once');
    expect(() => outcomeFunnelChart(result, { labels: { mentoring: "社内公募" } })).toThrow('rows "job_posting" and "mentoring" both have the label "社内公募"');
  });
});
