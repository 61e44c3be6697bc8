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
    for (const [key, extra] of [["did_hc1", {}], ["did_company_cr2", { cluster: "company" }], ["ancova_hc1", { method: "ancova" }]] as const) {
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
      expect(r.interaction!.statistic).toBeCloseTo((e.interaction ?? e.htz).statistic, 8);
      expect(r.pooled.estimate).toBeCloseTo(e.pooled.estimate, 12);
    }
    // Clustered by company the default is CR2 with Satterthwaite df (clubSandwich); CR1 on request
    // has vcovCL's standard errors and t on G − 1 = 7 df.
    const cr2 = moderatedEffect(pilot, { ...options, cluster: "company" });
    cr2.levels.forEach((l, j) => expect(Math.abs(l.df - R.did_company_cr2.levels[j].df)).toBeLessThan(1e-7 * R.did_company_cr2.levels[j].df));
    expect(Math.abs(cr2.interaction!.df2 - R.did_company_cr2.htz.df2)).toBeLessThan(1e-7 * R.did_company_cr2.htz.df2);
    const cr1 = moderatedEffect(pilot, { ...options, cluster: "company", vcov: "CR1" });
    cr1.levels.forEach((l, j) => {
      expect(l.stdError).toBeCloseTo(R.did_company.levels[j].stdError, 12);
      expect(Math.abs(l.pAdjusted - R.did_company_cr1.levels[j].pAdjusted) / R.did_company_cr1.levels[j].pAdjusted).toBeLessThan(1e-6);
    });
    const did = moderatedEffect(pilot, options);
    expect(did.levels.map((l) => l.estimate)).toEqual([expect.closeTo(truth.did.good, 6), expect.closeTo(truth.did.poor, 6)]);
    expect(did.pooled.estimate).toBeCloseTo(truth.did.pooled, 6);
  });

  it("recovers the true effects with CR2 + Satterthwaite by company: +0.30 inside the good sheets' interval, −0.15 inside the poor sheets', which lies below zero", () => {
    const r = moderatedEffect(pilot, { ...options, cluster: "company" });
    const [good, poor] = r.levels;
    expect(good!.ciLow).toBeLessThan(truth.trueEffect.good);
    expect(good!.ciHigh).toBeGreaterThan(truth.trueEffect.good);
    expect(poor!.ciLow).toBeLessThan(truth.trueEffect.poor);
    expect(poor!.ciHigh).toBeGreaterThan(truth.trueEffect.poor);
    expect(poor!.ciHigh).toBeLessThan(0);
    // With 8 companies (3.2 effective for the poor sheets) the harm is clear at 5%, no longer at
    // 0.1% (CR1 with t on the residual df said p < 0.001; CR2 + Satterthwaite on 5.6 df: 0.015).
    expect(poor!.pAdjusted).toBeLessThan(0.05);
    expect(poor!.pAdjusted).toBeGreaterThan(0.001);
    // The pooled effect is positive and its interval holds the pooled truth, but with 8 companies
    // it no longer excludes zero (−0.006 to 0.245; it did with CR1 on the residual df): averaged
    // over both qualities, the harm is invisible and the benefit uncertain.
    expect(r.pooled.estimate).toBeGreaterThan(0);
    expect(r.pooled.ciLow).toBeLessThan(truth.sampleEffect.pooled);
    expect(r.pooled.ciHigh).toBeGreaterThan(truth.sampleEffect.pooled);
    expect(r.pooled.ciLow).toBeLessThan(0);
    // The two effects differ clearly (Satterthwaite t² on 6.1 df).
    expect(r.interaction!.pValue).toBeLessThan(0.001);
  });

  it("the report says so in both languages, with every group shown", () => {
    const report = moderatedEffectReport(pilot, { ...options, cluster: "company" });
    expect(report.tables.effects!.rows.map((r) => [r.sheet_quality, r.n_treated, r.n_control, r.suppressed])).toEqual([
      ["good", truth.realised.good.n, truth.realised.control.n, false],
      ["poor", truth.realised.poor.n, truth.realised.control.n, false],
    ]);
    const en = reportText(report, "en").findings;
    expect(en).toContain("Harm at sheet_quality = poor: the effect is −0.20 (95% CI −0.33 to −0.06; Holm-adjusted p = 0.015), while the pooled effect of +0.12 averages it away.");
    expect(en.some((f) => f.startsWith("At sheet_quality = good the effect is +0.28"))).toBe(true);
    expect(reportText(report, "ja").findings).toContain("「sheet_quality」が「poor」では逆効果: 効果は−0.20（95%信頼区間 −0.33〜−0.06、Holm 調整後 p = 0.015）。全体をまとめた効果+0.12ではこれが平均されて見えなくなります。");
    expect(en).toContain("The effect differs across the levels of sheet_quality (Wald test of the interaction: F(1, 6.1) = 79.15, p < 0.001).");
    // The few effective clusters behind the harm (8 companies, 3.2 effective for the poor sheets) are said.
    const warnings = reportText(report, "en").warnings;
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^moderatedEffectReport: few effective clusters of "company": 8 clusters, but for "dialogue:sheet_qualitypoor" the effective number is 3\.2 .* Satterthwaite df 5\.6\./);
    expect(report.tables.interaction!.rows[0]!.method).toBe("CR2 Satterthwaite t² (interaction term = 0)");
  });
});
