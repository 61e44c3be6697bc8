import { join } from "node:path";
import { balanceChart, compileSpec, effectForestChart, prePostChart, renderPng, renderSvg } from "@koe/charts";
import { careerSurveyInstrument, crossBoundaryReport, readRespondents, type StudyReport } from "@koe/core";
import * as aq from "arquero";
import { beforeAll, describe, expect, it } from "vitest";
import { svgText } from "./helpers.js";

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
    expect(spec.layer[2]!.encoding!.y!.sort).toEqual(["エンゲージメント（事前）", "職種：現場", "管理職"]);
    expect(spec.layer[0]!.data.values).toEqual([{ x: -0.1 }, { x: 0.1 }]);
    expect(spec.layer[2]!.data.values.filter((v) => v.covariate === "管理職").map((v) => v.when)).toEqual(["調整前"]);
    expect(JSON.stringify(spec)).not.toContain("young");
    const innovation = balanceChart(balance, { scale: "innovation", threshold: 0.2 }) as Spec;
    expect(innovation.layer[2]!.encoding!.y!.sort).toEqual(["イノベーションへの前向きな視点（事前）"]);
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

describe("cross-boundary charts as a reader sees them", () => {
  const titleOf = (spec: object) => (spec as { title: { text: string; subtitle: string | string[] } }).title;
  const noteOf = (spec: object) => (spec as { data?: { values: { note?: string }[] } }).data?.values[0]?.note;

  it("forest: names the scale it draws, and its subtitle mentions only what is drawn", async () => {
    const plain = effectForestChart(forest);
    expect(titleOf(plain).text).toBe("越境の効果の推定（方法別）：エンゲージメント");
    expect(titleOf(effectForestChart(forest, { scale: "innovation", lang: "en" })).text).toBe("Effect of cross-boundary assignments, by method: Innovation orientation");
    expect(JSON.stringify(titleOf(plain).subtitle)).not.toMatch(/破線|参照値/);
    expect(JSON.stringify(plain)).not.toContain("strokeDash");
    const withReference = effectForestChart(forest, { reference: 0.267 });
    expect(JSON.stringify(titleOf(withReference).subtitle)).toContain("破線は参照値 0.267");
    const svg = await renderSvg(withReference);
    expect(svg).toContain("stroke-dasharray");
  });

  it("forest: a legend says what the point, the line, the rule at 0 and the dashed reference are", async () => {
    const texts = svgText(await renderSvg(effectForestChart(forest, { reference: 0.267 })));
    for (const t of ["推定値", "95%信頼区間", "0（効果なし）", "参照値 0.267"]) expect(texts).toContain(t);
    const plain = svgText(await renderSvg(effectForestChart(forest)));
    for (const t of ["推定値", "95%信頼区間", "0（効果なし）"]) expect(plain).toContain(t);
    expect(plain.join(" ")).not.toContain("参照値");
    const en = svgText(await renderSvg(effectForestChart(forest, { lang: "en", reference: 0.267 })));
    for (const t of ["Estimate", "95% interval", "0 (no effect)", "Reference 0.267"]) expect(en).toContain(t);
  });

  it("love plot: covariates by the model's labels in the chart's language, not ids", async () => {
    type Spec = { layer: { encoding?: { y?: { sort: string[] } } }[] };
    expect((balanceChart(balance) as Spec).layer[2]!.encoding!.y!.sort).toEqual(["エンゲージメント（事前）", "職種：現場", "管理職"]);
    expect((balanceChart(balance, { lang: "en" }) as Spec).layer[2]!.encoding!.y!.sort).toEqual(["Engagement (before)", "Job type: Frontline", "Manager"]);
    expect((balanceChart(balance, { scale: "innovation" }) as Spec).layer[2]!.encoding!.y!.sort).toEqual(["イノベーションへの前向きな視点（事前）"]);
    // The caller's labels win; a covariate the model does not know shows as it is.
    const own = balanceChart({ rows: [...balance.rows, { scale: "engagement", covariate: "tenure", level: null, smd: 0.01, smdAdjusted: 0, suppressed: false }] }, { labels: { job_type: "職群", frontline: "現業" } }) as Spec;
    expect(own.layer[2]!.encoding!.y!.sort).toEqual(["エンゲージメント（事前）", "職群：現業", "管理職", "tenure"]);
    const svg = await renderSvg(balanceChart(balance));
    for (const id of ["engagement_pre", "job_type", "frontline", "manager: true"]) expect(svg).not.toContain(id);
    // The title names the scale's analysis; the subtitle the threshold drawn.
    expect(titleOf(balanceChart(balance)).text).toBe("共変量のバランス（標準化平均差）：エンゲージメント");
    expect(titleOf(balanceChart(balance, { threshold: 0.2 })).subtitle).toBe("点線は ±0.2。調整後に点線の内側なら釣り合いが取れています");
  });

  it("pre/post: the legend gives each group's n", async () => {
    const texts = svgText(await renderSvg(prePostChart(prePost)));
    expect(texts).toContain("越境経験者（n = 250）");
    expect(texts).toContain("非経験者（n = 4,750）");
    const en = svgText(await renderSvg(prePostChart(prePost, { lang: "en" })));
    expect(en).toContain("Participants (n = 250)");
    // Different sizes across the panels are given as a range.
    const two = { rows: [...prePost.rows, { ...prePost.rows[0]!, scale: "innovation", n: 246 }] };
    expect(svgText(await renderSvg(prePostChart(two)))).toContain("越境経験者（n = 246〜250）");
  });

  it("every chart draws a note, not a blank chart, for no rows or every row hidden, in both languages", async () => {
    const hide = <R extends object>(rows: readonly R[]) => ({ rows: rows.map((r) => ({ ...r, suppressed: true })) });
    expect(noteOf(prePostChart({ rows: [] }))).toBe("データがありません");
    expect(noteOf(balanceChart({ rows: [] }, { lang: "en" }))).toBe("No data");
    expect(noteOf(effectForestChart({ rows: [] }))).toBe("データがありません");
    const all = "すべてのグループが5人未満（または差し引きで分かる）ため、表示できる数値がありません";
    expect(noteOf(prePostChart(hide(prePost.rows)))).toBe(all);
    expect(noteOf(balanceChart(hide(balance.rows.filter((r) => r.scale === "engagement"))))).toBe(all);
    expect(noteOf(effectForestChart(hide(forest.rows)))).toBe(all);
    expect(noteOf(effectForestChart(hide(forest.rows), { lang: "en" }))).toBe("Every group is under 5 (or would be revealed by subtraction): nothing can be shown");
    const svg = await renderSvg(prePostChart(hide(prePost.rows)));
    for (const t of ["越境経験者と非経験者の事前・事後", "表示できる数値がありません"]) expect(svg).toContain(t);
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

  it("draws the primary estimates dark and the sensitivity analyses light, and says so", async () => {
    const rows = report.tables.effects!.rows.filter((r) => r.scale === "engagement" && r.kind === "all");
    const spec = effectForestChart(report.tables.effects!, { scale: "engagement", lang: "en" }) as { title: { subtitle: string[] }; data: { values: { kind: string; method: string; sensitivity?: boolean }[] } };
    expect(spec.title.subtitle[1]).toMatch(/^Dark: the primary estimates; light: sensitivity analyses/);
    const light = new Set(spec.data.values.filter((v) => v.kind === "All" && v.sensitivity === true).map((v) => v.method));
    expect(light.size).toBe(rows.filter((r) => r.role === "sensitivity" && r.estimate !== null).length);
    expect(light.has("Matching")).toBe(true);
    expect(light.has("Difference-in-differences")).toBe(false);
    const svg = await renderSvg(spec as never);
    expect(svg).toContain('opacity="0.35"');
    // Rows made by hand without roles: one shade, one line of subtitle.
    const plain = effectForestChart({ rows: [{ kind: "all", method: "did", estimate: 0.2, ciLow: 0.1, ciHigh: 0.3, suppressed: false }] }) as { title: { subtitle: unknown } };
    expect(typeof plain.title.subtitle).toBe("string");
  });

  it("names every method the report has in words, in both languages, never by its id", () => {
    const ids = [...new Set(report.tables.effects!.rows.map((r) => String(r.method)))];
    expect(ids).toEqual(expect.arrayContaining(["bracket", "weighting-cluster", "doubly-robust-cluster"]));
    for (const lang of ["ja", "en"] as const) {
      const spec = effectForestChart(report.tables.effects!, { scale: "engagement", lang }) as { data: { values: { method: string }[] } };
      const labels = new Set(spec.data.values.map((v) => v.method));
      expect(labels.size).toBe(ids.length);
      for (const id of ids) expect(labels.has(id), `${lang}: ${id}`).toBe(false);
    }
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
    const methods = new Set(report.tables.effects!.rows.filter((r) => r.scale === "engagement").map((r) => r.method));
    expect(methods.size).toBe(12);
    expect(hidden.length).toBe(2 * methods.size);
    expect(hidden.every((v) => v.text === "秘匿" && v.estimate === null)).toBe(true);
    expect(forest.data.values.filter((v) => v.kind === "全体").every((v) => v.text === "" && v.estimate !== null)).toBe(true);
    expect(await renderSvg(specs[0]!)).toContain("Engagement");
    // What the specs hold is what the report shows: no figure of a hidden row.
    const shown = new Set<unknown>();
    for (const t of Object.values(report.tables)) for (const r of t.rows) if (r.suppressed !== true) Object.values(r).forEach((v) => shown.add(v));
    const numbers = (spec: unknown) => (JSON.stringify(spec).match(/-?\d+\.\d{4,}/g) ?? []).map(Number);
    for (const spec of specs) for (const x of numbers((spec as { data?: unknown; layer?: unknown }).data ?? (spec as { layer: unknown }).layer)) expect(shown.has(x), String(x)).toBe(true);
  });

  it("pre/post: intervals clustered by company and the mean with each company once (dashed), as the subtitle says", async () => {
    const spec = prePostChart(report.tables.prePost!, { lang: "en" }) as { title: { subtitle: string }; data: { values: { group: string; wave: string; mean: number; meanByCompany: number }[] }; spec: { layer: { mark: { strokeDash?: number[] }; encoding: { y: { field: string } } }[] } };
    expect(spec.title.subtitle).toBe("Solid: means (each employee once) with 95% intervals clustered by company (CR2); dashed: means with each company once. Groups under 5 are not shown");
    const dashed = spec.spec.layer.find((l) => l.mark.strokeDash !== undefined)!;
    expect(dashed.encoding.y.field).toBe("meanByCompany");
    const row = report.tables.prePost!.rows.find((r) => r.scale === "engagement" && r.group === "nonParticipants" && r.wave === "pre")!;
    expect(spec.data.values.find((v) => v.group === "Non-participants" && v.wave === "Before" && v.mean === row.mean)!.meanByCompany).toBe(row.meanByCompany);
    expect(row.meanByCompany).not.toBe(row.mean);
    expect(() => compileSpec(spec as never)).not.toThrow();
    // Rows without the company means (made by hand, or a report without a cluster) keep the plain subtitle and no dashed line.
    const plain = prePostChart({ rows: report.tables.prePost!.rows.map(({ meanByCompany: _, ...r }) => r) as never }, { lang: "en" }) as typeof spec;
    expect(plain.title.subtitle).toBe("Means with 95% intervals. Groups under 5 are not shown");
    expect(plain.spec.layer.some((l) => l.mark.strokeDash !== undefined)).toBe(false);
  });
});
