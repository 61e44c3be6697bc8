import { readFileSync } from "node:fs";
import { join } from "node:path";
import { LearningRecord, readCsv, reportText, reskillingCycle, StudyReport, type Table } from "@koe/core";
import * as aq from "arquero";
import { beforeAll, describe, expect, it } from "vitest";

// Expected: reference/reskilling.R (R 4.2.2, sandwich, lmtest) → reference/reskilling.json, on the
// bundled data/learning.csv; and the generator's truth (data/truth.json → reskilling).
const R = JSON.parse(readFileSync(join(import.meta.dirname, "reference", "reskilling.json"), "utf8"));
const root = join(import.meta.dirname, "..", "..", "..", "..");
const truth = JSON.parse(readFileSync(join(root, "data", "truth.json"), "utf8")).reskilling;
let learning: Table;
let report: StudyReport;
beforeAll(async () => {
  learning = (await readCsv(join(root, "data", "learning.csv"), { schema: LearningRecord })).table;
  report = reskillingCycle(learning);
});
const rowsOf = (r: StudyReport, name: string) => r.tables[name]!.rows;

describe("reskillingCycle on the bundled learning.csv", () => {
  it("counts the stages, the flows and the completion per period and by source as R tabulates them (and as the generator recorded)", () => {
    expect(StudyReport.parse(report)).toEqual(report);
    for (const e of R.periods) {
      const stages = rowsOf(report, "stages").filter((r) => r.period === e.period);
      expect(stages.map((r) => r.n)).toEqual([e.stages.none, e.stages.trigger, e.stages.place, e.stages.success]);
      expect(stages.map((r) => r.reached)).toEqual([e.people, e.reached.trigger, e.reached.place, e.reached.success]);
      const completion = rowsOf(report, "completion").filter((r) => r.period === e.period);
      expect(completion.map((r) => [r.source, r.triggered, r.success])).toEqual([["all", e.reached.trigger, e.reached.success], ["company", e.company.triggered, e.company.success], ["self", e.self.triggered, e.self.success]]);
      // Wilson interval as prop.test(correct = FALSE).
      expect(completion[0]!.rate_low).toBeCloseTo(e.wilson_success[0], 12);
      expect(completion[0]!.rate_high).toBeCloseTo(e.wilson_success[1], 12);
      const t = truth.byPeriod.find((b: { period: number }) => b.period === e.period);
      expect(completion[0]!.rate).toBeCloseTo(t.completion.rate, 6);
      expect(completion[1]!.rate).toBeCloseTo(t.completionBySource.company.rate, 6);
      expect(completion[2]!.rate).toBeCloseTo(t.completionBySource.self.rate, 6);
      const flows = rowsOf(report, "flows").filter((r) => r.period === e.period);
      expect(flows.map((r) => [r.from, r.to, r.n])).toEqual([["start", "trigger", e.reached.trigger], ["trigger", "place", e.reached.place], ["trigger", "stop", e.stages.trigger], ["place", "success", e.reached.success], ["place", "stop", e.stages.place]]);
      expect(rowsOf(report, "autonomyOverall").find((r) => r.period === e.period)!.autonomous).toBe(e.autonomous);
    }
    expect(rowsOf(report, "stages").every((r) => r.suppressed === false)).toBe(true);
  });

  it("recovers the generator's completion by source: self-initiated learning completes more often, and each true rate lies in its interval", () => {
    const overall = rowsOf(report, "completionOverall");
    expect(overall.find((r) => r.source === "company")!.rate).toBeCloseTo(truth.completionBySource.company.rate, 6);
    expect(overall.find((r) => r.source === "self")!.rate).toBeCloseTo(truth.completionBySource.self.rate, 6);
    let inside = 0;
    for (const b of truth.byPeriod) {
      for (const src of ["company", "self"] as const) {
        const row = rowsOf(report, "completion").find((r) => r.period === b.period && r.source === src)!;
        if ((row.rate_low as number) <= b.completionBySource[src].trueRate && b.completionBySource[src].trueRate <= (row.rate_high as number)) inside++;
      }
    }
    expect(inside).toBeGreaterThanOrEqual(7); // 8 intervals at 95%
    expect(reportText(report, "en").findings).toContain("Of those who reached a trigger, 35.6% of company-provided and 46.7% of self-initiated learning went on to a success experience (all periods).");
  });

  it("the cycle turns: a success raises the chance of a trigger in the next period (counts as R, pooled as the generator recorded)", () => {
    const cycle = rowsOf(report, "cycle");
    for (const e of R.turn) {
      const rows = cycle.filter((r) => r.from_period === e.from);
      expect(rows.map((r) => [r.after, r.people, r.trigger_next])).toEqual([["success", e.success.n, e.success.trigger], ["no_success", e.no_success.n, e.no_success.trigger]]);
    }
    const pooled = rowsOf(report, "cycleOverall");
    expect(pooled.map((r) => [r.people, r.trigger_next])).toEqual([[truth.cycleCarryOver.afterSuccess.n, truth.cycleCarryOver.afterSuccess.trigger], [truth.cycleCarryOver.afterNoSuccess.n, truth.cycleCarryOver.afterNoSuccess.trigger]]);
    expect(pooled[0]!.share_low as number).toBeGreaterThan(pooled[1]!.share_high as number);
  });

  it("the autonomous share's trend equals R (lm with company fixed effects, CR2 + Satterthwaite by company as clubSandwich) and contains the generator's expected-share slope", () => {
    const trend = rowsOf(report, "trend")[0]!;
    const e = R.linear_cr2;
    expect(trend.slope).toBeCloseTo(e.estimate, 12);
    expect(Math.abs((trend.std_error as number) - e.stdError)).toBeLessThan(1e-9 * e.stdError);
    expect(trend.ci_low).toBeCloseTo(e.ciLow, 9);
    expect(trend.ci_high).toBeCloseTo(e.ciHigh, 9);
    expect(Math.abs((trend.p_value as number) - e.pValue) / e.pValue).toBeLessThan(1e-5);
    expect(trend.method).toMatch(/CR2 \(Bell–McCaffrey\) by company, t with Satterthwaite df/);
    expect(trend.clusters).toBe(25);
    // The true population shares (the generator's expected autonomous share per period) rise along a line whose slope lies in the interval.
    const x = truth.byPeriod.map((b: { period: number }) => b.period);
    const y = truth.byPeriod.map((b: { expectedAutonomousShare: number }) => b.expectedAutonomousShare);
    const mx = x.reduce((a: number, b: number) => a + b, 0) / x.length;
    const my = y.reduce((a: number, b: number) => a + b, 0) / y.length;
    const trueSlope = x.reduce((s: number, xi: number, i: number) => s + (xi - mx) * (y[i] - my), 0) / x.reduce((s: number, xi: number) => s + (xi - mx) ** 2, 0);
    expect(trend.ci_low as number).toBeLessThan(trueSlope);
    expect(trend.ci_high as number).toBeGreaterThan(trueSlope);
    for (const e of R.company_linear_cr2) {
      const row = rowsOf(report, "companyTrends").find((r) => r.company === e.company)!;
      expect(row.slope).toBeCloseTo(e.estimate, 12);
      expect(Math.abs((row.std_error as number) - e.stdError)).toBeLessThan(1e-9 * e.stdError);
      expect(row.ci_low).toBeCloseTo(e.ciLow, 9);
      expect(row.n).toBe(e.n);
    }
    expect(reportText(report, "en").findings[0]).toBe("The share of autonomous learners changes by +5.8 percentage points per period (95% CI +4.5 to +7.0; within companies, cluster-robust CR2 by company with Satterthwaite df, 25 clusters).");
  });

  it("says when the linear trend rests on few effective companies (about the period, not a company's dummy); 25 companies with 14 df for the slope need no warning", () => {
    // The CR2 fit's worst term here is a company's dummy (a nuisance): that warning is not passed on.
    expect(reportText(report, "en").warnings.filter((w) => /effective clusters|Satterthwaite|clusters \(company\)/.test(w))).toEqual([]);
    const four = reskillingCycle(learning.filter(aq.escape((d: { company: string }) => ["C01", "C02", "C03", "C04"].includes(d.company))));
    const trend = rowsOf(four, "trend")[0]!;
    expect(trend.clusters).toBe(4);
    const said = reportText(four, "en").warnings.filter((w) => /Satterthwaite/.test(w));
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/period|trend's interval rests on \d+\.\d Satterthwaite degrees of freedom \(CR2 by company, 4 clusters/);
  });

  it("the logistic trend equals R's glm with vcovCL (HC1) by company, and each company's by person", () => {
    const logistic = reskillingCycle(learning, { trend: "logistic" });
    const trend = rowsOf(logistic, "trend")[0]!;
    expect(trend.slope).toBeCloseTo(R.logistic.estimate, 8);
    // IRLS stops at a relative deviance change of 1e-8 (as glm's default), so the last digits differ.
    expect(Math.abs((trend.std_error as number) - R.logistic.stdError) / R.logistic.stdError).toBeLessThan(1e-5);
    expect(trend.ci_high).toBeCloseTo(R.logistic.ciHigh, 6);
    // p ≈ 2e-24: its relative error is the z statistic times that of the standard error.
    expect(Math.abs((trend.p_value as number) - R.logistic.pValue) / R.logistic.pValue).toBeLessThan(1e-3);
    for (const e of R.company_logistic) {
      const row = rowsOf(logistic, "companyTrends").find((r) => r.company === e.company)!;
      expect(row.slope).toBeCloseTo(e.estimate, 8);
      // R's sandwich uses the weights of glm's last iteration, koe the final fitted values; both stop
      // at the same deviance criterion, so on a few hundred rows the errors agree to about 1e-4.
      expect(Math.abs((row.std_error as number) - e.stdError) / e.stdError).toBeLessThan(2e-4);
    }
    // The generator's conditional slope (0.35) is attenuated in the population-averaged one; the
    // logit of the expected shares rises by about 0.27 a period, inside the interval.
    const logit = (p: number) => Math.log(p / (1 - p));
    const y = truth.byPeriod.map((b: { expectedAutonomousShare: number }) => logit(b.expectedAutonomousShare));
    const trueSlope = (3 * (y[3] - y[0]) + (y[2] - y[1])) / 10;
    expect(trend.ci_low as number).toBeLessThan(trueSlope);
    expect(trend.ci_high as number).toBeGreaterThan(trueSlope);
    expect(trend.ci_high as number).toBeLessThan(truth.trueCommonSlope);
  });
});

describe("reskillingCycle on hand-made tables", () => {
  /** One row per person and period: stage by a rule, source from the person, autonomy from a rule. */
  function panel(people: number, companies: string[], stageOf: (id: number, p: number) => string, extra: (id: number, p: number) => Record<string, unknown> = () => ({})) {
    const rows: Record<string, unknown>[] = [];
    for (let id = 1; id <= people; id++) for (const period of [1, 2, 3]) {
      const stage = stageOf(id, period);
      rows.push({ respondent_id: `R${id}`, company: companies[id % companies.length], period, stage, source: stage === "none" ? null : id % 2 ? "company" : "self", autonomous: (id * period) % 4 === 0 ? 1 : 0, ...extra(id, period) });
    }
    return aq.from(rows);
  }

  it("hides a small group and everything that would give it away; notes about hidden groups are withheld", () => {
    // Period 1: only 3 people reach a success, all company-provided.
    const t = panel(60, ["A", "B"], (id, p) => (p === 1 && id <= 6 && id % 2 === 1 ? "success" : ["none", "trigger", "place", "success"][(id + p) % 4]!));
    const r = reskillingCycle(t);
    const p1 = rowsOf(r, "completion").filter((x) => x.period === 1);
    expect(p1.find((x) => x.source === "company")!).toMatchObject({ suppressed: true, triggered: null, success: null, rate: null });
    // The finding about completion by source describes the hidden group: withheld.
    expect(reportText(r, "en").findings.some((f) => f.startsWith("Of those who reached a trigger"))).toBe(false);
    const success1 = rowsOf(r, "stages").find((x) => x.period === 1 && x.stage === "success")!;
    expect(success1.n).toBeGreaterThanOrEqual(5);
    // Every shown count is at least 5 or 0.
    for (const name of ["stages", "flows", "completion", "cycle", "autonomy"]) {
      for (const row of rowsOf(r, name)) for (const c of ["n", "reached", "triggered", "success", "people", "autonomous", "trigger_next"]) {
        const v = row[c];
        if (typeof v === "number" && !row.suppressed) expect(v === 0 || v >= 5, `${name}.${c} = ${v}`).toBe(true);
      }
    }
  });

  it("a company with fewer than 5 autonomous learners in a period is hidden there, with its slope", () => {
    const t = panel(40, ["A", "B", "C"], (id, p) => ["none", "trigger", "place", "success"][(id + p) % 4]!, (id, p) => ({ autonomous: id % 3 === 0 ? (p === 1 && id > 9 ? 0 : 1) : (id * p) % 2 }));
    const r = reskillingCycle(t);
    const a1 = rowsOf(r, "autonomy").find((x) => x.company === "A" && x.period === 1)!;
    expect(a1.suppressed).toBe(true);
    expect(a1.share).toBeNull();
    expect(rowsOf(r, "companyTrends").find((x) => x.company === "A")!.slope).toBeNull();
    expect(rowsOf(r, "trend")[0]!.slope).not.toBeNull();
  });

  it("reads Japanese labels and yes/no words; blank sources and sources without a stage are counted and said", () => {
    const t = aq.from([
      ...Array.from({ length: 24 }, (_, k) => ({ 回答者ID: `R${k}`, 会社: k % 2 ? "A" : "B", 期: 1 + (k % 2), 段階: ["なし", "きっかけ", "学びの場", "成功体験"][k % 4], 提供元: k % 4 === 0 ? "" : k % 3 ? "会社提供" : "自己啓発", 自律: k % 5 ? "いいえ" : "はい" })),
      { 回答者ID: "X", 会社: "A", 期: 1, 段階: "きっかけ", 提供元: "", 自律: "はい" },
      { 回答者ID: "Y", 会社: "A", 期: 1, 段階: "なし", 提供元: "自己啓発", 自律: "いいえ" },
      { 回答者ID: "Z", 会社: "A", 期: null, 段階: "なし", 提供元: "", 自律: "いいえ" },
    ]);
    // Groups of one are shown here (minGroupSize 1) to check the counting itself.
    const r = reskillingCycle(t, { stage: "段階", period: "期", company: "会社", autonomous: "自律", source: "提供元", person: "回答者ID", minGroupSize: 1 });
    expect(reportText(r, "en").warnings.slice(0, 3)).toEqual([
      "1 of 27 rows lack the period, the stage, the company or whether the person learns autonomously, and are left out of every table.",
      '1 rows reached a stage but have no 提供元: they count in the stages and the overall completion, not by source ("unknown").',
      '1 rows with stage "none" name a 提供元; with no stage reached there is no learning to attribute, so it is ignored.',
    ]);
    // Period 1: six 学びの場 (four 会社提供, two 自己啓発) and X's きっかけ without a source, which counts in "all" only.
    expect(rowsOf(r, "completion").filter((x) => x.period === 1).map((x) => [x.source, x.triggered, x.success])).toEqual([["all", 7, 0], ["company", 4, 0], ["self", 2, 0]]);
    expect(rowsOf(r, "autonomyOverall").map((x) => [x.period, x.people, x.autonomous])).toEqual([[1, 14, 4], [2, 12, 2]]);
    // With the default minimum every group here is too small: every figure is blank.
    expect(rowsOf(reskillingCycle(t, { stage: "段階", period: "期", company: "会社", autonomous: "自律", source: "提供元", person: "回答者ID" }), "stages").every((x) => x.suppressed && x.n === null)).toBe(true);
  });

  it("refuses what it cannot read: a period that is not whole, a person twice in a period, an unknown stage, a single period", () => {
    const ok = { respondent_id: "R1", company: "A", stage: "none", source: null, autonomous: 0 };
    expect(() => reskillingCycle(aq.from([{ ...ok, period: 1 }, { ...ok, respondent_id: "R2", period: 1.5 }]))).toThrow(/must hold whole numbers \(1, 2, …\); row 2 holds 1.5/);
    expect(() => reskillingCycle(aq.from([{ ...ok, period: 1 }, { ...ok, period: 2 }, { ...ok, period: 1 }]))).toThrow(/person "R1" \(column "respondent_id"\) has two rows for period 1 \(rows 1 and 3\)/);
    expect(() => reskillingCycle(aq.from([{ ...ok, period: 1, stage: "started" }, { ...ok, period: 2 }]))).toThrow(/started/);
    expect(() => reskillingCycle(aq.from([{ ...ok, period: 1 }, { ...ok, respondent_id: "R2", period: 1 }]))).toThrow(/at least 2 periods in column "period" \(found 1\)/);
    expect(() => reskillingCycle(aq.from([{ ...ok, period: 1 }]), { trend: "loglinear" } as never)).toThrow(/"linear", "logistic"/);
  });
});
