import { balanceChart, compileSpec, effectForestChart, prePostChart, renderPng, renderSvg } from "@koe/charts";
import { describe, expect, it } from "vitest";

const prePost = {
  rows: [
    { scale: "engagement", group: "participants" as const, wave: "pre" as const, mean: 3.44, ciLow: 3.32, ciHigh: 3.56, n: 250, suppressed: false },
    { scale: "engagement", group: "participants" as const, wave: "post" as const, mean: 3.73, ciLow: 3.61, ciHigh: 3.85, n: 250, suppressed: false },
    { scale: "engagement", group: "nonParticipants" as const, wave: "pre" as const, mean: 3.06, ciLow: 3.03, ciHigh: 3.09, n: 4750, suppressed: false },
    { scale: "engagement", group: "nonParticipants" as const, wave: "post" as const, mean: null, ciLow: null, ciHigh: null, n: null, suppressed: true },
  ],
};
const balance = { rows: [{ covariate: "engagement_pre", level: null, smd: 0.397, smdAdjusted: 0.002 }, { covariate: "job_type", level: "frontline", smd: -0.29, smdAdjusted: 0.001 }, { covariate: "manager", level: "true", smd: -0.02, smdAdjusted: null }] };
const forest = {
  rows: [
    { kind: "external", method: "did", estimate: 0.3, ciLow: 0.25, ciHigh: 0.35, n: 4852, suppressed: false },
    { kind: "all", method: "difference", estimate: 0.624, ciLow: 0.465, ciHigh: 0.782, n: 5000, suppressed: false },
    { kind: "all", method: "did", estimate: 0.24, ciLow: 0.196, ciHigh: 0.284, n: 5000, suppressed: false },
    { kind: "appointed", method: "did", estimate: 0.777, ciLow: 0.5, ciHigh: 0.9, n: 3, suppressed: true },
  ],
  reference: 0.267,
};
const dataOf = (spec: unknown) => JSON.stringify((spec as { data?: unknown; layer?: { data?: unknown }[] }).data ?? (spec as { layer: { data?: unknown }[] }).layer.map((l) => l.data));

describe("cross-boundary charts", () => {
  it("compile and render in Japanese and English", async () => {
    for (const spec of [prePostChart(prePost), balanceChart(balance), effectForestChart(forest)]) expect(() => compileSpec(spec)).not.toThrow();
    const svg = await renderSvg(prePostChart(prePost));
    for (const t of ["越境経験者と非経験者の事前・事後", "事前", "事後", "越境経験者", "エンゲージメント"]) expect(svg).toContain(t);
    expect(await renderSvg(effectForestChart(forest, { lang: "en" }))).toContain("Difference-in-differences");
    const png = await renderPng(balanceChart(balance));
    expect([...png.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
  });

  it("pre/post: suppressed groups are not drawn; waves in order before → after", () => {
    const spec = prePostChart(prePost) as { data: { values: { wave: string; mean: number }[] }; spec: { encoding: { x: { sort: string[] } } } };
    expect(spec.data.values.length).toBe(3);
    expect(spec.spec.encoding.x.sort).toEqual(["事前", "事後"]);
  });

  it("love plot: rows by imbalance before adjustment, levels labelled, ±0.1 rules, no adjusted point when there is none", () => {
    const spec = balanceChart(balance) as { layer: { encoding?: { y?: { sort: string[] } }; data: { values: { x?: number; covariate?: string; when?: string }[] } }[] };
    expect(spec.layer[2]!.encoding!.y!.sort).toEqual(["engagement_pre", "job_type: frontline", "manager: true"]);
    expect(spec.layer[0]!.data.values).toEqual([{ x: -0.1 }, { x: 0.1 }]);
    expect(spec.layer[2]!.data.values.filter((v) => v.covariate === "manager: true").map((v) => v.when)).toEqual(["調整前"]);
  });

  it("forest: kinds in their natural order, the reference rule, and no number of a suppressed row", async () => {
    const spec = effectForestChart(forest) as { facet: { row: { sort: string[] } } };
    expect(spec.facet.row.sort).toEqual(["全体", "社外越境", "人事の指名"]);
    expect(dataOf(spec)).not.toContain("0.777");
    expect(JSON.stringify(spec)).toContain("0.267");
    const svg = await renderSvg(effectForestChart(forest));
    expect(svg).toContain("秘匿");
    expect(svg).not.toContain("0.777");
  });
});
