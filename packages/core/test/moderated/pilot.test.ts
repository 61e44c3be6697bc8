import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DialoguePilotRecord, moderatedEffect, moderatedEffectReport, readCsv, reportText, type Table } from "@koe/core";
import { beforeAll, describe, expect, it } from "vitest";

// Expected: reference/moderated.R → reference/moderated.json ("pilot"), on the bundled data/dialogue_pilot.csv;
// and the generator's truth (data/truth.json → pilot: good sheets +0.30, poor sheets −0.15).
const R = JSON.parse(readFileSync(join(import.meta.dirname, "reference", "moderated.json"), "utf8")).pilot;
const root = join(import.meta.dirname, "..", "..", "..", "..");
const truth = JSON.parse(readFileSync(join(root, "data", "truth.json"), "utf8")).pilot;
let pilot: Table;
beforeAll(async () => {
  pilot = (await readCsv(join(root, "data", "dialogue_pilot.csv"), { schema: DialoguePilotRecord })).table;
});
const options = { pre: "engagement_pre", post: "engagement_post", treatment: "dialogue", moderator: "sheet_quality" } as const;

describe("the bundled dialogue pilot: a poor sheet harms, and the pooled effect hides it", () => {
  it("each sheet quality against all non-participants, as R; the generator's DiD per quality and pooled", () => {
    for (const [key, extra] of [["did_hc1", {}], ["did_company", { cluster: "company" }], ["ancova_hc1", { method: "ancova" }]] as const) {
      const r = moderatedEffect(pilot, { ...options, ...extra });
      const e = R[key];
      expect(r.controls).toBe("all");
      expect(r.n).toBe(e.n);
      r.levels.forEach((l, j) => {
        expect(l.level).toBe(e.levels[j].level);
        expect(l.estimate).toBeCloseTo(e.levels[j].estimate, 12);
        expect(l.stdError).toBeCloseTo(e.levels[j].stdError, 12);
        expect(Math.abs(l.pAdjusted - e.levels[j].pAdjusted) / e.levels[j].pAdjusted).toBeLessThan(1e-6);
      });
      expect(r.interaction!.statistic).toBeCloseTo(e.interaction.statistic, 8);
      expect(r.pooled.estimate).toBeCloseTo(e.pooled.estimate, 12);
    }
    const did = moderatedEffect(pilot, options);
    expect(did.levels.map((l) => l.estimate)).toEqual([expect.closeTo(truth.did.good, 6), expect.closeTo(truth.did.poor, 6)]);
    expect(did.pooled.estimate).toBeCloseTo(truth.did.pooled, 6);
  });

  it("recovers the true effects: +0.30 inside the good sheets' interval, −0.15 inside the poor sheets', which lies below zero", () => {
    const r = moderatedEffect(pilot, { ...options, cluster: "company" });
    const [good, poor] = r.levels;
    expect(good!.ciLow).toBeLessThan(truth.trueEffect.good);
    expect(good!.ciHigh).toBeGreaterThan(truth.trueEffect.good);
    expect(poor!.ciLow).toBeLessThan(truth.trueEffect.poor);
    expect(poor!.ciHigh).toBeGreaterThan(truth.trueEffect.poor);
    expect(poor!.ciHigh).toBeLessThan(0);
    expect(poor!.pAdjusted).toBeLessThan(0.001);
    // The pooled effect is positive: averaged over both qualities the harm is invisible.
    expect(r.pooled.ciLow).toBeGreaterThan(0);
    expect(r.interaction!.pValue).toBeLessThan(1e-6);
  });

  it("the report says so in both languages, with every group shown", () => {
    const report = moderatedEffectReport(pilot, { ...options, cluster: "company" });
    expect(report.tables.effects!.rows.map((r) => [r.sheet_quality, r.n_treated, r.n_control, r.suppressed])).toEqual([
      ["good", truth.realised.good.n, truth.realised.control.n, false],
      ["poor", truth.realised.poor.n, truth.realised.control.n, false],
    ]);
    const en = reportText(report, "en").findings;
    expect(en).toContain("Harm at sheet_quality = poor: the effect is −0.20 (95% CI −0.30 to −0.09; Holm-adjusted p < 0.001), while the pooled effect of +0.12 averages it away.");
    expect(en.some((f) => f.startsWith("At sheet_quality = good the effect is +0.28"))).toBe(true);
    expect(reportText(report, "ja").findings).toContain("「sheet_quality」が「poor」では逆効果: 効果は−0.20（95%信頼区間 −0.30〜−0.09、Holm 調整後 p < 0.001）。全体をまとめた効果+0.12ではこれが平均されて見えなくなります。");
    expect(reportText(report, "en").warnings).toEqual(["Only 8 clusters (company): cluster-robust standard errors are too small with so few; read the intervals as optimistic."]);
  });
});
