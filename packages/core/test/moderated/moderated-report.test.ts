import { readFileSync } from "node:fs";
import { join } from "node:path";
import { moderatedEffect, moderatedEffectReport, reportText, StudyReport } from "@koe/core";
import * as aq from "arquero";
import { describe, expect, it } from "vitest";

const sim = aq.fromCSV(readFileSync(join(import.meta.dirname, "reference", "pilot-sim.csv"), "utf8"));
const base = { pre: "engagement_pre", post: "engagement_post", treatment: "dialogue" } as const;

/** Participants of each level change by `effects[level]`, non-participants by 0, with a little fixed noise. */
function pilot(sizes: Record<string, number>, effects: Record<string, number>, controls: number, controlLevel: (k: number) => string | null = () => null) {
  const rows: Record<string, unknown>[] = [];
  const noise = (k: number) => ((k * 7) % 11) / 100 - 0.05;
  for (const [level, n] of Object.entries(sizes)) for (let k = 0; k < n; k++) rows.push({ pre: 3 + noise(k + 3), post: 3 + noise(k + 3) + effects[level]! + noise(k), took: 1, q: level });
  for (let k = 0; k < controls; k++) rows.push({ pre: 3, post: 3 + noise(k), took: 0, q: controlLevel(k) });
  return aq.from(rows);
}
const opts = { pre: "pre", post: "post", treatment: "took", moderator: "q" } as const;

describe("moderatedEffectReport", () => {
  it("publishes what moderatedEffect computes when every group is large enough, with fixed columns and the report contract", () => {
    const report = moderatedEffectReport(sim, { ...base, moderator: "sheet_quality", cluster: "company" });
    expect(StudyReport.parse(report)).toEqual(report);
    const direct = moderatedEffect(sim, { ...base, moderator: "sheet_quality", cluster: "company" });
    expect(report.tables.effects!.columns).toEqual(["sheet_quality", "n_treated", "n_control", "estimate", "std_error", "ci_low", "ci_high", "p_value", "p_adjusted", "suppressed"]);
    expect(report.tables.effects!.rows.map((r) => [r.sheet_quality, r.n_treated, r.n_control, r.estimate, r.p_adjusted])).toEqual(direct.levels.map((l) => [l.level, l.nTreated, l.nControl, l.estimate, l.pAdjusted]));
    expect(report.tables.pooled!.rows[0]!.estimate).toBe(direct.pooled.estimate);
    expect(report.tables.interaction!.rows[0]!.p_value).toBe(direct.interaction!.pValue);
    const text = reportText(report, "en");
    expect(text.findings[0]).toMatch(/each level's participants compared with all non-participants/);
    // With 8 companies' CR2 errors and Satterthwaite df the poor sheets' −0.10 is only just a harm
    // (Holm p 0.047 as clubSandwich, upper end −0.002; CR1 with t on the residual df said 0.017);
    // with HC1 errors (no clusters) it is not clearly below zero (Holm p 0.10): no harm claimed.
    expect(text.findings.find((f) => f.startsWith("Harm"))).toBe("Harm at sheet_quality = poor: the effect is −0.10 (95% CI −0.19 to 0.00; Holm-adjusted p = 0.047), while the pooled effect of +0.13 averages it away.");
    const hc1 = reportText(moderatedEffectReport(sim, { ...base, moderator: "sheet_quality" }), "en").findings;
    expect(hc1.some((f) => f.startsWith("Harm"))).toBe(false);
    expect(text.findings.some((f) => f.startsWith("At sheet_quality = good the effect is +0.35"))).toBe(true);
    expect(text.warnings).toHaveLength(2);
    expect(text.warnings[0]).toBe("3 of 240 rows lack the treatment, a measurement, a participant's moderator, a covariate or the cluster and are left out.");
    // The cluster-robust fit's own warning, passed on: 8 companies, fewer effective ones.
    expect(text.warnings[1]).toMatch(/^moderatedEffectReport: few effective clusters of "company": 8 clusters, but for "dialogue:sheet_quality\w+" the effective number is \d\.\d .*Satterthwaite df \d\.\d\./);
    for (const lang of ["ja", "en"] as const) expect(JSON.stringify(reportText(report, lang))).not.toMatch(/undefined|NaN/);
  });

  it("names a harm the pooled effect averages away, in both languages", () => {
    const report = moderatedEffectReport(pilot({ good: 30, poor: 20 }, { good: 0.3, poor: -0.15 }, 50), opts);
    const en = reportText(report, "en").findings;
    const harm = en.find((f) => f.startsWith("Harm"))!;
    expect(harm).toMatch(/^Harm at q = poor: the effect is −0\.1\d \(95% CI −0\.\d\d to −0\.\d\d; Holm-adjusted p < 0\.001\), while the pooled effect of \+0\.1\d averages it away\.$/);
    expect(reportText(report, "ja").findings.some((f) => f.includes("「q」が「poor」では逆効果"))).toBe(true);
    expect(en.at(-1)).toMatch(/^The effect differs across the levels of q \(Wald test of the interaction: F\(1, 97\) = /);
  });

  it("hides a level with fewer than 5 participants (and what its total would give away) and fits without the hidden levels", () => {
    const t = pilot({ a: 3, b: 12, c: 15, d: 14, e: 20 }, { a: -1, b: 0.2, c: 0.3, d: -0.2, e: 0.1 }, 40);
    const report = moderatedEffectReport(t, opts);
    const rows = report.tables.effects!.rows;
    const hidden = rows.filter((r) => r.suppressed).map((r) => r.q);
    const shown = rows.filter((r) => !r.suppressed).map((r) => r.q as string);
    expect(hidden).toContain("a");
    expect(hidden.length).toBeGreaterThan(1);
    expect(shown.length).toBeGreaterThan(1);
    for (const r of rows.filter((r) => r.suppressed)) expect([r.n_treated, r.estimate, r.std_error, r.ci_low, r.p_value, r.p_adjusted]).toEqual([null, null, null, null, null, null]);
    // The shown levels equal the analysis without the hidden levels' participants (Holm over the shown only).
    const without = t.filter(aq.escape((r: { took: number; q: string }) => r.took === 0 || shown.includes(r.q)));
    const direct = moderatedEffect(without, opts);
    expect(rows.filter((r) => !r.suppressed).map((r) => [r.estimate, r.p_adjusted])).toEqual(direct.levels.map((l) => [l.estimate, l.pAdjusted]));
    expect(report.tables.pooled!.rows[0]!.n_treated).toBe(direct.nTreated);
    expect(report.tables.interaction!.rows[0]!.df1).toBe(shown.length - 1);
    expect(reportText(report, "en").warnings).toContain(`Only ${shown.length} of the 5 levels of q are large enough to show; the pooled effect and the interaction test are computed over the levels shown, so that no figure carries a hidden group.`);
    // The level with the harm is hidden: no note names it.
    expect(JSON.stringify(report)).not.toContain('"level":"a"');
  });

  it("fewer than 5 non-participants hide everything; within levels a small control group hides its level", () => {
    const few = moderatedEffectReport(pilot({ good: 20, poor: 20 }, { good: 0.3, poor: -0.15 }, 4), opts);
    expect(few.tables.effects!.rows.every((r) => r.suppressed && r.estimate === null)).toBe(true);
    expect(few.tables.pooled!.rows[0]).toMatchObject({ estimate: null, suppressed: true });
    expect(few.tables.interaction!.rows[0]).toMatchObject({ statistic: null, levels: 0 });
    expect(reportText(few, "en").warnings).toContain("Fewer than two levels of q can be shown: no test of whether the effect differs between them.");
    // Generation-like moderator held by everyone: 3 young non-participants.
    const gen = pilot({ young: 20, mid: 20, senior: 20 }, { young: 0.1, mid: 0.2, senior: 0.3 }, 63, (k) => (k < 3 ? "young" : k < 33 ? "mid" : "senior"));
    const report = moderatedEffectReport(gen, opts);
    expect(report.provenance.options.controls).toBe("same-level");
    const young = report.tables.effects!.rows.find((r) => r.q === "young")!;
    expect(young.suppressed).toBe(true);
    expect(young.estimate).toBeNull();
  });

  it("checks its options strictly", () => {
    expect(() => moderatedEffectReport(sim, { ...base, moderator: "sheet_quality", minGroupSize: 0 })).toThrow(/minGroupSize/);
    expect(() => moderatedEffectReport(sim, { ...base, moderator: "sheet_quality", minGroupsize: 5 } as never)).toThrow(/did you mean "minGroupSize"/);
  });
});
