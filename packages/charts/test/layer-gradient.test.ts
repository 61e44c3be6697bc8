import { join } from "node:path";
import { ChartError, compileSpec, layerGradientChart, renderPng, renderSvg } from "@koe/charts";
import { KoeArgumentError, KoeError, readRespondents, segmentProfile, segmentRespondents, type StudyReport, type Table } from "@koe/core";
import * as aq from "arquero";
import { beforeAll, describe, expect, it } from "vitest";
import { thrown } from "./code-fixtures.js";
import { ink, readPng, svgText } from "./helpers.js";

type Datum = Record<string, unknown> & { kind: string };
type Spec = { title: { text: string; subtitle: string[] }; data: { values: Datum[] } };
const of = (spec: unknown) => spec as Spec;
const kind = (spec: unknown, k: string) => of(spec).data.values.filter((v) => v.kind === k);

/**
 * Eight people by hand: scores on three awareness and three action items (1–5), a layer, a
 * generation. The two seniors are too few to show their mean (minimum 5); the practising layer has
 * two people, too few to colour.
 */
const people = aq.table({
  aware_01_pre: [1, 2, 4, 4, 3, 5, 2, 1],
  aware_02_pre: [2, 2, 4, 3, 3, 5, null, 1],
  aware_03_pre: [1, 3, 5, 4, 4, 4, 2, null],
  action_01_pre: [1, 1, 2, 2, 2, 5, 1, 2],
  action_02_pre: [1, 2, 2, 3, 2, 4, 1, 1],
  action_03_pre: [2, 1, 3, 2, 2, 5, null, null],
  layer: ["traditional", "traditional", "interested", "interested", "interested", "practising", "traditional", "practising"],
  generation: ["young", "young", "young", "young", "young", "young", "senior", "senior"],
});
/** Means of the answered items, worked out by hand (one answer of two counts: at least half answered). */
const awareness = [4 / 3, 7 / 3, 13 / 3, 11 / 3, 10 / 3, 14 / 3, 2, 1];
const action = [4 / 3, 4 / 3, 7 / 3, 7 / 3, 2, 14 / 3, 1, 1.5];

describe("layerGradientChart: the respondents as dots", () => {
  const spec = layerGradientChart(people, { by: "generation" });

  it("compiles in Japanese and English, dots with means, means alone, and with nothing to show", () => {
    for (const s of [spec, layerGradientChart(people, { lang: "en" }), layerGradientChart(people, { by: "generation", points: false }), layerGradientChart(people.slice(0, 0))]) {
      expect(compileSpec(s).marks?.length).toBeGreaterThan(0);
    }
  });

  it("draws each respondent at their mean scores, shifted by at most the jitter, never labelled", () => {
    const dots = kind(spec, "point");
    expect(dots).toHaveLength(8);
    // Dots are drawn in order of position: matched to the people sorted the same way, each within 0.1.
    const truth = awareness.map((x, i) => ({ x, y: action[i]! })).sort((a, b) => a.x - b.x || a.y - b.y);
    dots.forEach((d, i) => {
      expect(Math.abs((d.x as number) - truth[i]!.x)).toBeLessThanOrEqual(0.1 + 1e-12);
      expect(Math.abs((d.y as number) - truth[i]!.y)).toBeLessThanOrEqual(0.1 + 1e-12);
    });
    // A dot carries its position and layer, nothing that names a person.
    for (const d of dots) expect(Object.keys(d).sort()).toEqual(["kind", "layer", "x", "y"]);
    // No jitter: exactly the means.
    const still = kind(layerGradientChart(people, { jitter: 0 }), "point").map((d) => [d.x, d.y]);
    expect(still).toEqual(truth.map((t) => [t.x, t.y]));
  });

  it("is deterministic: the same seed gives the same picture, whatever the order of the rows; another seed shifts the dots", () => {
    const shuffled = people.orderby(aq.desc("aware_01_pre"), "action_01_pre");
    expect(layerGradientChart(shuffled, { by: "generation" })).toEqual(spec);
    expect(layerGradientChart(people, { by: "generation", seed: 1 })).toEqual(spec);
    expect(kind(layerGradientChart(people, { seed: 2 }), "point")).not.toEqual(kind(spec, "point"));
  });

  it("labels the means of groups of 5 or more with their size, and names the smaller groups as hidden", () => {
    const means = kind(spec, "mean");
    expect(means.map((m) => m.label)).toEqual(["若手（n=6）"]);
    const young = [0, 1, 2, 3, 4, 5];
    expect(means[0]!.x).toBeCloseTo(young.reduce((a, i) => a + awareness[i]!, 0) / 6, 12);
    expect(means[0]!.y).toBeCloseTo(young.reduce((a, i) => a + action[i]!, 0) / 6, 12);
    expect(of(spec).title.subtitle.at(-1)).toBe("秘匿: 5人未満のグループ（シニア）");
    expect(JSON.stringify(spec)).not.toMatch(/n=2\b/);
  });

  it("colours the dots by layer, and a layer of fewer than the minimum grey", () => {
    // Three traditional, three interested, two practising: under 5, every layer is grey.
    expect(kind(spec, "point").every((d) => d.layer === "層を秘匿")).toBe(true);
    const colours = kind(layerGradientChart(people, { minGroupSize: 3 }), "point").map((d) => d.layer);
    expect(colours.filter((c) => c === "伝統的なキャリア意識層")).toHaveLength(3);
    expect(colours.filter((c) => c === "理解/関心層")).toHaveLength(3);
    expect(colours.filter((c) => c === "層を秘匿")).toHaveLength(2);
    expect(colours).not.toContain("実践層");
    expect(kind(layerGradientChart(people, { minGroupSize: 3, lang: "en" }), "point").map((d) => d.layer)).toContain("Layer suppressed");
  });

  it("draws nothing of fewer than 5 people, and says so", async () => {
    const few = layerGradientChart(people.slice(0, 4), { by: "generation" });
    expect(svgText(await renderSvg(few))).toContain("すべてのグループが5人未満（または差し引きで分かる）ため、表示できる数値がありません");
    expect(svgText(await renderSvg(layerGradientChart(people.slice(0, 0), { lang: "en" })))).toContain("No data");
  });

  it("lays the three bands from lower left to upper right, meeting where the mean of the two scores is 2.5 and 3.5", () => {
    const bands = kind(spec, "band");
    const at = (band: string, x: number) => bands.find((b) => b.band === band && b.x === x)!;
    // At x = 1 the lower band reaches y = 4 ((1 + 4) / 2 = 2.5), the middle one y = 5; at x = 5 the middle band spans 1–2.
    expect([at("伝統的なキャリア意識層", 1).y, at("伝統的なキャリア意識層", 1).y2]).toEqual([1, 4]);
    expect([at("理解/関心層", 1).y, at("理解/関心層", 1).y2]).toEqual([4, 5]);
    expect([at("理解/関心層", 5).y, at("理解/関心層", 5).y2]).toEqual([1, 2]);
    expect([at("実践層", 5).y, at("実践層", 5).y2]).toEqual([2, 5]);
    // Every corner of every band lies on its lines: (x + y) / 2 at the band's limits or on the edge of the plot.
    const limits: Record<string, [number, number]> = { 伝統的なキャリア意識層: [1, 2.5], 理解関心層: [2.5, 3.5], 実践層: [3.5, 5] };
    for (const b of bands) {
      const [lo, hi] = limits[(b.band as string).replace("/", "")]!;
      // (a band is empty where it runs out of the plot: y = y2 on the edge)
      expect((b.x as number) + (b.y as number) >= 2 * lo - 1e-9 || b.y === 1 || b.y === b.y2).toBe(true);
      expect((b.x as number) + (b.y2 as number) <= 2 * hi + 1e-9 || b.y2 === 5 || b.y === b.y2).toBe(true);
    }
    const moved = kind(layerGradientChart(people, { bands: [2, 4] }), "band").find((b) => b.band === "伝統的なキャリア意識層" && b.x === 1)!;
    expect(moved.y2).toBe(3);
  });
});

describe("layerGradientChart on the bundled respondents", () => {
  let respondents: Table;
  beforeAll(async () => {
    respondents = (await readRespondents(join(import.meta.dirname, "..", "..", "..", "data", "respondents.csv"))).table;
  });

  it("places the layers' people from lower left to upper right, as the generator built them", () => {
    const spec = layerGradientChart(respondents, { jitter: 0 });
    const dots = kind(spec, "point");
    const mean = (layer: string, f: "x" | "y") => {
      const own = dots.filter((d) => d.layer === layer);
      return own.reduce((a, d) => a + (d[f] as number), 0) / own.length;
    };
    const [t, i, p] = ["伝統的なキャリア意識層", "理解/関心層", "実践層"];
    // Traditional low / low, interested higher awareness than action, practising high / high (data/README.md).
    expect(mean(t!, "x")).toBeLessThan(mean(i!, "x"));
    expect(mean(i!, "x")).toBeLessThan(mean(p!, "x"));
    expect(mean(t!, "y")).toBeLessThan(mean(i!, "y"));
    expect(mean(i!, "y")).toBeLessThan(mean(p!, "y"));
    expect(mean(i!, "x")).toBeGreaterThan(mean(i!, "y"));
    // Each layer's mean of (x + y) / 2 lies in its own band.
    const mid = (layer: string) => (mean(layer, "x") + mean(layer, "y")) / 2;
    expect(mid(t!)).toBeLessThan(2.5);
    expect(mid(i!)).toBeGreaterThan(2.5);
    expect(mid(i!)).toBeLessThan(3.5);
    expect(mid(p!)).toBeGreaterThan(3.5);
  });

  it("draws the generations' means as arquero computes them, labelled with their sizes", () => {
    const spec = layerGradientChart(respondents, { by: "generation", points: false });
    const scored = respondents
      .derive({
        x: aq.escape((d: Record<string, number | null>) => meanOf([d.aware_01_pre, d.aware_02_pre, d.aware_03_pre])),
        y: aq.escape((d: Record<string, number | null>) => meanOf([d.action_01_pre, d.action_02_pre, d.action_03_pre])),
      })
      .filter((d: { x: number | null; y: number | null; generation: string | null }) => d.x !== null && d.y !== null && d.generation !== null)
      .groupby("generation")
      .rollup({ x: aq.op.mean("x"), y: aq.op.mean("y"), n: aq.op.count() })
      .objects() as { generation: string; x: number; y: number; n: number }[];
    const label = { young: "若手", mid: "中堅", senior: "シニア" } as Record<string, string>;
    const means = kind(spec, "mean");
    expect(means.map((m) => m.group)).toEqual(["若手", "中堅", "シニア"]);
    for (const e of scored) {
      const m = means.find((v) => v.group === label[e.generation])!;
      expect(m.x).toBeCloseTo(e.x, 10);
      expect(m.y).toBeCloseTo(e.y, 10);
      expect(m.label).toBe(`${label[e.generation]}（n=${e.n}）`);
    }
    expect(kind(spec, "point")).toEqual([]);
    // The labels of means close together are moved apart (at least a line's height, in score units).
    const heights = means.map((m) => m.ly as number).sort((a, b) => a - b);
    for (let k = 1; k < heights.length; k++) expect(heights[k]! - heights[k - 1]!).toBeGreaterThanOrEqual(14 * (4 / 380) - 1e-9);
  });

  it("renders the bands, the axes and the labels in Japanese, inside the picture", async () => {
    const spec = layerGradientChart(respondents, { by: "job_type" });
    const texts = svgText(await renderSvg(spec));
    for (const t of ["キャリア意識とキャリア行動：3つの層", "キャリア意識（平均）", "キャリア行動（平均）", "伝統的なキャリア意識層", "理解/関心層", "実践層", "技術系"]) expect(texts.some((x) => x.includes(t))).toBe(true);
    const png = readPng(await renderPng(spec, { scale: 1 }));
    expect(ink(png).maxX).toBeLessThan(png.width - 1);
    const en = await renderSvg(layerGradientChart(respondents, { by: "job_type", lang: "en" }));
    expect(en).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  it("matches the SVG snapshot (numbers rounded)", async () => {
    const rounded = (await renderSvg(layerGradientChart(people, { by: "generation" }))).replace(/-?\d+\.\d+/g, (x) => Number(x).toFixed(1));
    await expect(rounded).toMatchFileSnapshot("__snapshots__/layer-gradient.svg");
  });
});

/** The mean of the answered items, when at least half (2 of 3) are answered. */
function meanOf(values: (number | null | undefined)[]): number | null {
  const answered = values.filter((v): v is number => typeof v === "number" && !Number.isNaN(v));
  return answered.length >= 2 ? answered.reduce((a, b) => a + b, 0) / answered.length : null;
}

describe("layerGradientChart on a table of group means", () => {
  const means = {
    columns: ["generation", "layer", "awareness", "action", "n", "suppressed"],
    rows: [
      { generation: "senior", layer: "practising", awareness: 3.9, action: 3.8, n: 120, suppressed: false },
      { generation: "young", layer: "traditional", awareness: 2.1, action: 2.0, n: 300, suppressed: false },
      { generation: "young", layer: "practising", awareness: null, action: null, n: null, suppressed: true },
    ],
    privacy: { code: "report.ruleGroups", params: { minGroupSize: 5, counts: ["respondents"] } },
  };

  it("draws the shown means coloured by layer, names the hidden one", () => {
    const spec = layerGradientChart(means, { by: "generation" });
    expect(kind(spec, "mean").map((m) => [m.label, m.layer])).toEqual([["若手（n=300）", "伝統的なキャリア意識層"], ["シニア（n=120）", "実践層"]]);
    expect(of(spec).title.subtitle.at(-1)).toBe("秘匿: 5人未満のグループ（若手）");
    expect(compileSpec(spec).marks?.length).toBeGreaterThan(0);
  });

  it("refuses a shown group under the minimum, a mean outside the range, a group twice, an unclear label column", () => {
    const small = { rows: [{ generation: "young", awareness: 3, action: 3, n: 4 }] };
    const e = thrown(() => layerGradientChart(small));
    expect(e).toBeInstanceOf(ChartError);
    expect(e.message).toBe('layerGradientChart: row 1 (young) describes 4 people, under the minimum group size of 5, but is not marked suppressed; publish the table through the study so that small groups are hidden');
    expect(thrown(() => layerGradientChart({ rows: [{ generation: "young", awareness: 6, action: 3, n: 40 }] })).message).toBe("layerGradientChart: row 1 (young) has awareness 6, outside the scale's range 1–5");
    expect(thrown(() => layerGradientChart({ rows: [{ generation: "young", awareness: 3, action: 3, n: 40 }, { generation: "young", awareness: 2, action: 3, n: 40 }] })).message).toBe('layerGradientChart: the group "young" appears more than once');
    expect(thrown(() => layerGradientChart({ rows: [{ generation: "young", company: "C01", awareness: 3, action: 3, n: 40 }] })).message).toContain('cannot tell which column holds the segment (it could be "generation", "company")');
    expect(thrown(() => layerGradientChart({ rows: [{ generation: "young", awareness: 3, action: null, n: 40 }] })).message).toBe("layerGradientChart: row 1 (young) has action null (expected a finite number)");
  });
});

describe("layerGradientChart on segmentProfile's means (the bundled respondents, segmented)", () => {
  let report: StudyReport;
  beforeAll(async () => {
    const { table } = await readRespondents(join(import.meta.dirname, "..", "..", "..", "data", "respondents.csv"));
    report = segmentProfile(segmentRespondents(table), { segment: "layer", by: "generation", scores: ["awareness_pre", "action_pre"] });
  });

  it("reads the long table (a row per group and score): a mean per generation and layer, coloured by layer, as the report has it", () => {
    const spec = layerGradientChart(report.tables.means!, { awareness: "awareness_pre", action: "action_pre" });
    const means = kind(spec, "mean");
    expect(means).toHaveLength(9);
    const mean = (generation: string, layer: string, score: string) => report.tables.means!.rows.find((r) => r.generation === generation && r.layer === layer && r.score === score)!.mean;
    const young = means.filter((m) => m.group === "若手");
    expect(young.map((m) => m.layer)).toEqual(["伝統的なキャリア意識層", "理解/関心層", "実践層"]);
    expect(young.map((m) => [m.x, m.y])).toEqual(["traditional", "interested", "practising"].map((l) => [mean("young", l, "awareness_pre"), mean("young", l, "action_pre")]));
    // the table's n (the group's size) labels each mean
    const size = (layer: string) => report.tables.means!.rows.find((r) => r.generation === "young" && r.layer === layer && r.score === "awareness_pre")!.n;
    expect(young.map((m) => m.label)).toEqual(["traditional", "interested", "practising"].map((l) => `若手（n=${size(l)}）`));
    expect(compileSpec(spec).marks?.length).toBeGreaterThan(0);
    expect(thrown(() => layerGradientChart(report.tables.means!, { awareness: "awareness_pr", action: "action_pre" })).message).toMatch(/^layerGradientChart: the table of means has no score "awareness_pr"; did you mean "awareness_pre"\?/);
  });
});

describe("layerGradientChart: what it refuses", () => {
  it("a column it cannot find (with the closest), a score outside the range (naming the row), bands out of order, options it does not know", () => {
    expect(thrown(() => layerGradientChart(people, { by: "generaton" })).message).toContain('did you mean "generation"');
    expect(thrown(() => layerGradientChart(people, { awareness: ["aware_01_pre", "aware_04_pre"] })).message).toContain('no column "aware_04_pre"');
    const e = thrown(() => layerGradientChart(aq.table({ x: [3, 7], y: [3, 3] }), { awareness: "x", action: "y" }));
    expect(e).toBeInstanceOf(KoeArgumentError);
    expect(e.message).toBe("layerGradientChart: row 2 has x 7, outside the scale's range 1–5");
    expect(thrown(() => layerGradientChart(people, { bands: [3.5, 2.5] })).message).toBe('layerGradientChart: option "bands" must be two increasing numbers inside 1–5 (got 3.5, 2.5)');
    expect(thrown(() => layerGradientChart(people, { jiter: 0.1 } as never)).message).toContain('unknown option "jiter"; did you mean "jitter"?');
    expect(thrown(() => layerGradientChart({ rows: [] }, { minGroupSize: 10 })).message).toContain('the option "minGroupSize" applies to the respondents\' table');
    for (const garbage of [undefined, null, 42, "x", [], {}, { rows: null }, { rows: [null] }]) expect(thrown(() => layerGradientChart(garbage as never))).toBeInstanceOf(KoeError);
  });
});
