import { join } from "node:path";
import { balanceChart, compileSpec, effectForestChart, prePostChart, renderPng, renderSvg } from "@koe/charts";
import { careerSurveyInstrument, crossBoundaryReport, readRespondents, type StudyReport } from "@koe/core";
import * as aq from "arquero";
import { beforeAll, describe, expect, it } from "vitest";

const prePost = {
  rows: [
    { scale: "engagement", group: "participants" as const, wave: "pre" as const, mean: 3.44, ciLow: 3.32, ciHigh: 3.56, n: 250, suppressed: false },
    { scale: "engagement", group: "participants" as const, wave: "post" as const, mean: 3.73, ciLow: 3.61, ciHigh: 3.85, n: 250, suppressed: false },
    { scale: "engagement", group: "nonParticipants" as const, wave: "pre" as const, mean: 3.06, ciLow: 3.03, ciHigh: 3.09, n: 4750, suppressed: false },
    { scale: "engagement", group: "nonParticipants" as const, wave: "post" as const, mean: null, ciLow: null, ciHigh: null, n: null, suppressed: true },
  ],
};
const balance = {
  rows: [
    { scale: "engagement", covariate: "engagement_pre", level: null, smd: 0.397, smdAdjusted: 0.002, suppressed: false },
    { scale: "engagement", covariate: "job_type", level: "frontline", smd: -0.29, smdAdjusted: 0.001, suppressed: false },
    { scale: "engagement", covariate: "manager", level: "true", smd: -0.02, smdAdjusted: null, suppressed: false },
    { scale: "engagement", covariate: "generation", level: "young", smd: null, smdAdjusted: null, suppressed: true },
    { scale: "innovation", covariate: "innovation_pre", level: null, smd: 0.16, smdAdjusted: 0.001, suppressed: false },
  ],
};
const forest = {
  rows: [
    { scale: "engagement", kind: "external", method: "did", estimate: 0.3, ciLow: 0.25, ciHigh: 0.35, nTreated: 102, status: "ok", suppressed: false },
    { scale: "engagement", kind: "all", method: "difference", estimate: 0.624, ciLow: 0.465, ciHigh: 0.782, nTreated: 250, status: "ok", suppressed: false },
    { scale: "engagement", kind: "all", method: "did", estimate: 0.24, ciLow: 0.196, ciHigh: 0.284, nTreated: 250, status: "ok", suppressed: false },
    { scale: "engagement", kind: "appointed", method: "did", estimate: null, ciLow: null, ciHigh: null, nTreated: null, status: "suppressed", suppressed: true },
    { scale: "innovation", kind: "all", method: "did", estimate: 0.777, ciLow: 0.5, ciHigh: 0.9, nTreated: 250, status: "ok", suppressed: false },
  ],
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

  it("pre/post: hidden groups are not drawn; waves in order before → after", () => {
    const spec = prePostChart(prePost) as { data: { values: { wave: string; mean: number }[] }; spec: { encoding: { x: { sort: string[] } } } };
    expect(spec.data.values.length).toBe(3);
    expect(spec.spec.encoding.x.sort).toEqual(["事前", "事後"]);
  });

  it("love plot: one scale (the first by default), rows by imbalance before, hidden rows nowhere, ±threshold rules", () => {
    type Spec = { layer: { encoding?: { y?: { sort: string[] } }; data: { values: { x?: number; covariate?: string; when?: string }[] } }[] };
    const spec = balanceChart(balance) as Spec;
    expect(spec.layer[2]!.encoding!.y!.sort).toEqual(["engagement_pre", "job_type: frontline", "manager: true"]);
    expect(spec.layer[0]!.data.values).toEqual([{ x: -0.1 }, { x: 0.1 }]);
    expect(spec.layer[2]!.data.values.filter((v) => v.covariate === "manager: true").map((v) => v.when)).toEqual(["調整前"]);
    expect(JSON.stringify(spec)).not.toContain("young");
    const innovation = balanceChart(balance, { scale: "innovation", threshold: 0.2 }) as Spec;
    expect(innovation.layer[2]!.encoding!.y!.sort).toEqual(["innovation_pre"]);
    expect(innovation.layer[0]!.data.values).toEqual([{ x: -0.2 }, { x: 0.2 }]);
  });

  it("forest: one scale, kinds in their fixed order, the reference rule, and no number of a hidden row", async () => {
    const spec = effectForestChart(forest, { reference: 0.267 }) as { facet: { row: { sort: string[] } } };
    expect(spec.facet.row.sort).toEqual(["全体", "社外越境", "人事の指名"]);
    expect(dataOf(spec)).not.toContain("0.777");
    expect(JSON.stringify(spec)).toContain("0.267");
    const svg = await renderSvg(effectForestChart(forest));
    expect(svg).toContain("秘匿");
    expect(svg).not.toContain("0.777");
    expect(dataOf(effectForestChart(forest, { scale: "innovation" }))).toContain("0.777");
  });
});

describe("the charts take a cross-boundary report's tables as they are", () => {
  // 3 internal participants (hidden) and their partner, the 247 external (hidden with them).
  let report: StudyReport;
  beforeAll(async () => {
    const { table } = await readRespondents(join(import.meta.dirname, "..", "..", "..", "data", "respondents.csv"));
    let k = 0;
    const rows = (table.objects() as Record<string, unknown>[]).map((r) => (r.cross_boundary === true ? { ...r, cb_kind: k++ < 3 ? "internal" : "external" } : r));
    report = crossBoundaryReport(aq.from(rows), { seed: 1, resamples: 19 });
  });

  it("draws the shown rows, writes 秘匿 for the hidden kinds, and carries none of their numbers", async () => {
    const labels = Object.fromEntries(careerSurveyInstrument.scales.map((s) => [s.id, s.en]));
    const specs = [
      prePostChart(report.tables.prePost!, { labels, lang: "en" }),
      balanceChart(report.tables.balance!, { scale: "engagement" }),
      effectForestChart(report.tables.effects!, { scale: "engagement" }),
    ];
    for (const spec of specs) expect(() => compileSpec(spec)).not.toThrow();
    const forest = specs[2] as { data: { values: { kind: string; text: string; estimate: number | null }[] } };
    const hidden = forest.data.values.filter((v) => v.kind === "社内越境" || v.kind === "社外越境");
    expect(hidden.length).toBe(14);
    expect(hidden.every((v) => v.text === "秘匿" && v.estimate === null)).toBe(true);
    expect(forest.data.values.filter((v) => v.kind === "全体").every((v) => v.text === "" && v.estimate !== null)).toBe(true);
    expect(await renderSvg(specs[0]!)).toContain("Engagement");
    // What the specs hold is what the report shows: no figure of a hidden row.
    const shown = new Set<unknown>();
    for (const t of Object.values(report.tables)) for (const r of t.rows) if (r.suppressed !== true) Object.values(r).forEach((v) => shown.add(v));
    const numbers = (spec: unknown) => (JSON.stringify(spec).match(/-?\d+\.\d{4,}/g) ?? []).map(Number);
    for (const spec of specs) for (const x of numbers((spec as { data?: unknown; layer?: unknown }).data ?? (spec as { layer: unknown }).layer)) expect(shown.has(x), String(x)).toBe(true);
  });
});
