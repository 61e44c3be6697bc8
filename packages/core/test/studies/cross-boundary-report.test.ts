// crossBoundaryReport on the bundled data: the report contract (tables of fixed columns in natural
// order, notes as data, provenance) and the estimates against the truth the generator built in
// (data/truth.json).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  adjustPValues, careerSurveyInstrument, CROSS_BOUNDARY_COLUMNS, crossBoundaryReport, estimateEffect, readRespondents, renderNote, reportTable, reportText, scoreScales, StudyReport, type Table,
} from "@koe/core";
import * as aq from "arquero";
import { beforeAll, describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..", "..", "..");
const truth = JSON.parse(readFileSync(join(root, "data", "truth.json"), "utf8")).respondents;
// r/cross-boundary-primary.R (clubSandwich CR2 + Satterthwaite by company) and r/group-means.R.
const R = JSON.parse(readFileSync(join(import.meta.dirname, "r", "cross-boundary-primary.json"), "utf8"));
const RM = JSON.parse(readFileSync(join(import.meta.dirname, "r", "group-means.json"), "utf8"));
let report: StudyReport;
let respondents: Table;
type Row = Record<string, unknown>;
const rows = (name: string) => report.tables[name]!.rows as Row[];
const effect = (scale: string, kind: string, method: string) => rows("effects").find((e) => e.scale === scale && e.kind === kind && e.method === method)!;
beforeAll(async () => {
  respondents = (await readRespondents(join(root, "data", "respondents.csv"))).table;
  report = crossBoundaryReport(respondents, { seed: 1, resamples: 199 });
});

describe("crossBoundaryReport on the bundled data", () => {
  it("the adjusted estimates recover the true effect within their intervals; the naive difference is biased", () => {
    for (const scale of ["engagement", "innovation"] as const) {
      const att = truth[scale].trueAtt as number;
      for (const method of ["bracket", "did", "ancova", "doubly-robust", "ancova-reliability", "regression", "matching", "weighting", "wild-bootstrap"]) {
        const r = effect(scale, "all", method);
        expect(r.status, `${scale} ${method}`).toBe("ok");
        expect(r.ciLow as number, `${scale} ${method}`).toBeLessThan(att);
        expect(r.ciHigh as number, `${scale} ${method}`).toBeGreaterThan(att);
      }
      const naive = effect(scale, "all", "difference");
      expect(naive.estimate).toBeCloseTo(truth[scale].naiveDifferencePost, 5);
      expect(naive.ciLow as number, `${scale}: the naive interval lies above the truth`).toBeGreaterThan(att);
    }
  });

  it("by programme kind: external assignments show the larger effect the generator built in; the kinds add up to all participants", () => {
    expect(effect("engagement", "external", "did").estimate as number).toBeGreaterThan(effect("engagement", "internal", "did").estimate as number);
    const n = (kind: string) => rows("groups").find((g) => g.kind === kind)!.nParticipants as number;
    expect(n("all")).toBe(truth.participants);
    expect(n("internal") + n("external")).toBe(truth.participants);
    expect(n("self_nominated") + n("appointed")).toBe(truth.participants);
    expect(effect("engagement", "internal", "did").nTreated).toBe(n("internal"));
  });

  it("findings in Japanese and English from the catalogue, with the instrument's scale labels; warnings as notes", () => {
    const ja = reportText(report, "ja");
    const en = reportText(report, "en");
    expect(ja.findings[0]).toMatch(/^エンゲージメント: 越境経験者は事前に0\.38点（0\.39 SD）高かった。/);
    expect(en.findings[0]).toMatch(/^Engagement: participants started 0\.38 points \(0\.39 SD\) higher.*Primary estimate: .*difference-in-differences \(0\.24, 0\.24 SD\) and ANCOVA on the pre score \(0\.26, 0\.27 SD\) bracket the effect \(Lord's paradox\); 95% interval of the bracket 0\.19 to 0\.31/);
    expect(ja.findings.some((f) => f.startsWith("イノベーションへの前向きな視点: "))).toBe(true);
    expect(report.findings[0]).toMatchObject({ code: "crossBoundary.reading", params: { scale: "engagement", scaleLabel: { ja: "エンゲージメント", en: "Engagement" } } });
    expect(en.warnings).toContain("Only 25 clusters (company): read the wild cluster bootstrap interval beside the cluster-robust one.");
    for (const n of [...report.findings, ...report.warnings]) expect(renderNote(n, "ja")).not.toBe(renderNote(n, "en"));
  });

  it("is the report contract: plain data, the documented columns in order, rows in the natural order of their dimensions", () => {
    expect(StudyReport.parse(report)).toEqual(report);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    expect(Object.keys(report.tables).sort()).toEqual(Object.keys(CROSS_BOUNDARY_COLUMNS).sort());
    for (const [name, columns] of Object.entries(CROSS_BOUNDARY_COLUMNS)) {
      expect(report.tables[name]!.columns, name).toEqual(columns);
      for (const r of rows(name)) expect(Object.keys(r), name).toEqual(columns);
      expect(reportTable(report, name).columnNames()).toEqual(columns);
    }
    expect(rows("reliability").map((r) => `${r.scale} ${r.wave}`)).toEqual(["engagement pre", "engagement post", "innovation pre", "innovation post"]);
    expect(rows("groups")[0]!.kind).toBe("all");
    expect(rows("groups").map((r) => r.kind).sort()).toEqual(["all", "appointed", "external", "internal", "self_nominated"]);
    expect(rows("prePost").filter((p) => p.scale === "engagement" && p.group === "participants").map((p) => p.n)).toEqual([250, 250]);
    expect(rows("balance")[0]!.covariate).toBe("engagement_pre");
    expect(report.tables.reliability!.privacy.code).toBe("report.ruleNone");
    expect(report.tables.effects!.privacy).toEqual({ code: "report.ruleGroups", params: { minGroupSize: 5, counts: ["participants", "participantsByKind", "participantsBySelection"] } });
    expect(report.provenance).toMatchObject({ study: "crossBoundary", inputs: [{ name: "table", rows: 5000, rowsUsed: 5000 }], wave: null, seed: 1, minGroupSize: 5 });
    expect(report.provenance.options).toMatchObject({ resamples: 199, covariates: ["generation", "job_type", "manager"], cluster: "company", pAdjust: "BH" });
  });

  it("rows come in one fixed order, whatever the input's order", async () => {
    const reversed = (await readRespondents(join(root, "data", "respondents.csv"))).table.orderby(aq.desc("respondent_id")).reify();
    const again = crossBoundaryReport(reversed, { seed: 1, resamples: 19 });
    for (const name of Object.keys(report.tables)) {
      const dims = (r: Row) => JSON.stringify([r.scale, r.kind, r.group, r.wave, r.method, r.covariate, r.level]);
      expect(rows(name).map(dims), name).toEqual((again.tables[name]!.rows as Row[]).map(dims));
    }
  });

  it("the README's glossary documents every column of every table", () => {
    const readme = readFileSync(join(root, "packages", "core", "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("### The cross-boundary report"));
    expect(section.length).toBeGreaterThan(100);
    for (const [name, columns] of Object.entries(CROSS_BOUNDARY_COLUMNS)) {
      expect(section, name).toContain(`\`${name}\``);
      for (const c of columns) expect(section, `${name}.${c}`).toContain(`\`${c}\``);
    }
  });
});

describe("issue 14: one primary estimate, estimands across companies, direct contrasts, multiplicity", () => {
  const rel = (actual: unknown, expected: number, what: string, tol = 1e-8) => expect(Math.abs((actual as number) - expected) / Math.abs(expected), `${what}: ${actual} vs ${expected}`).toBeLessThan(tol);

  it("finding 5: the primary estimate is the DiD–ANCOVA bracket (doubly robust inside); its interval contains the built-in truth; every other estimator is labelled sensitivity", () => {
    const roles = Object.fromEntries(rows("effects").filter((e) => e.scale === "engagement" && e.kind === "all").map((e) => [e.method, e.role]));
    expect(roles).toEqual({
      bracket: "primary", did: "primary", ancova: "primary", "doubly-robust": "primary",
      "ancova-reliability": "sensitivity", difference: "sensitivity", regression: "sensitivity", matching: "sensitivity", weighting: "sensitivity",
      "weighting-cluster": "sensitivity", "doubly-robust-cluster": "sensitivity", "wild-bootstrap": "sensitivity",
    });
    for (const scale of ["engagement", "innovation"] as const) {
      const [b, did, ancova, dr] = ["bracket", "did", "ancova", "doubly-robust"].map((m) => effect(scale, "all", m));
      expect(b!.ciLow).toBe(Math.min(did!.ciLow as number, ancova!.ciLow as number));
      expect(b!.ciHigh).toBe(Math.max(did!.ciHigh as number, ancova!.ciHigh as number));
      expect(b!.pValue).toBe(Math.max(did!.pValue as number, ancova!.pValue as number));
      expect(b!.estimate).toBe(dr!.estimate);
      expect(b!.ciLow as number, scale).toBeLessThan(truth[scale].trueAtt);
      expect(b!.ciHigh as number, scale).toBeGreaterThan(truth[scale].trueAtt);
      expect(did!.estimate as number).toBeCloseTo(truth[scale].naiveDid, 5);
    }
    // The issue's numbers: DiD 0.240, ANCOVA 0.263, truth 0.267.
    expect((effect("engagement", "all", "did").estimate as number).toFixed(3)).toBe("0.240");
    expect((effect("engagement", "all", "ancova").estimate as number).toFixed(3)).toBe("0.263");
    expect(reportText(report, "en").findings[0]).toContain("The other estimators are sensitivity analyses.");
    // Matching within company, 1:k with regression adjustment, is about as precise as doubly robust (the issue: 0.089 by company for 1:1 across companies).
    for (const scale of ["engagement", "innovation"] as const) {
      const ratio = (effect(scale, "all", "matching").stdError as number) / (effect(scale, "all", "doubly-robust").stdError as number);
      expect(ratio, scale).toBeGreaterThan(0.75);
      expect(ratio, scale).toBeLessThan(1.25);
    }
    expect(reportText(report, "en").warnings).toContain(
      "Engagement, All participants: some participants found no non-participant of their own company within the caliper (0.2 SD of the logit of the propensity score); the matching estimate (a sensitivity analysis) is the effect on the matched participants.",
    );
  });

  it("ANCOVA and Porter's reliability-corrected ANCOVA equal R (lm, clubSandwich CR2 + Satterthwaite by company)", () => {
    for (const scale of ["engagement", "innovation"] as const) {
      for (const [method, ref] of [["ancova", R[scale].ancova], ["ancova-reliability", R[scale].porter]] as const) {
        const e = effect(scale, "all", method);
        rel(e.estimate, ref.estimate, `${scale} ${method} estimate`, 1e-10);
        rel(e.stdError, ref.stdError, `${scale} ${method} SE`);
        rel(e.df, ref.df, `${scale} ${method} df`, 1e-6);
        rel(e.pValue, ref.pValue, `${scale} ${method} p`, 1e-5);
        rel(e.ciLow, ref.ciLow, `${scale} ${method} ciLow`, 1e-6);
      }
      // Porter's reliability is the scale's alpha before, as the report's reliability table gives it (copied into the R script).
      const alpha = rows("reliability").find((r) => r.scale === scale && r.wave === "pre")!.alpha as number;
      expect(readFileSync(join(import.meta.dirname, "r", "cross-boundary-primary.R"), "utf8")).toContain(`${scale} = ${alpha.toPrecision(17)}`);
    }
  });

  it("finding 5: the disagreement note says ANCOVA − DiD = (1 − β̂) × baseline gap (the old note, gap against √(se₁² + se₂²), was silent here)", () => {
    for (const scale of ["engagement", "innovation"] as const) {
      const did = effect(scale, "all", "did");
      const ancova = effect(scale, "all", "ancova");
      const gap = (ancova.estimate as number) - (did.estimate as number);
      // The old rule treated the two as independent and said nothing on the bundled data.
      expect(Math.abs(gap)).toBeLessThan(Math.sqrt((did.stdError as number) ** 2 + (ancova.stdError as number) ** 2));
      const lord = report.findings.find((f) => f.code === "crossBoundary.lordsParadox" && f.params.scale === scale)!;
      rel(lord.params.slope, R[scale].slope, "slope", 1e-10);
      rel(lord.params.gap, R[scale].gap, "gap", 1e-10);
      rel(lord.params.difference, (1 - R[scale].slope) * R[scale].gap, "(1 − slope) × gap", 1e-9);
      rel(lord.params.difference, gap, "ANCOVA − DiD", 1e-9);
    }
    expect(reportText(report, "en").findings).toContain(
      "Engagement: ANCOVA − difference-in-differences = (1 − slope of post on pre) × baseline gap = (1 − 0.941) × 0.383 = 0.022, by construction. The two differ because they assume different things (parallel trends; a common regression to the mean), not by chance: their difference is not a test, and their intervals are not independent.",
    );
  });

  it("finding 8: effects and the baseline gap in SD units of the pre score (the pooled baseline SD √((s²_T + s²_C)/2))", () => {
    for (const scale of ["engagement", "innovation"] as const) {
      const sd = R[scale].sdUnit as number;
      for (const e of rows("effects").filter((x) => x.scale === scale && x.status === "ok")) {
        rel(e.estimateSd, (e.estimate as number) / sd, `${scale} ${e.kind} ${e.method} in SD`, 1e-10);
        rel(e.ciLowSd, (e.ciLow as number) / sd, `${scale} ${e.kind} ${e.method} ciLow in SD`, 1e-10);
      }
      const reading = report.findings.find((f) => f.code === "crossBoundary.reading" && f.params.scale === scale)!;
      rel(reading.params.gapSd, R[scale].gap / sd, "gap in SD", 1e-10);
      rel(reading.params.gap, R[scale].gap, "gap in points", 1e-10);
    }
  });

  it("finding 8: internal vs external and self-nominated vs appointed tested directly (treatment × kind, CR2 by company), equal to R", () => {
    const keys = { "external-internal": "externalMinusInternal", "appointed-self_nominated": "appointedMinusSelfNominated" } as const;
    expect(rows("contrasts").map((c) => `${c.scale} ${c.contrast} ${c.method}`)).toEqual(
      ["engagement", "innovation"].flatMap((s) => Object.keys(keys).flatMap((c) => ["did", "ancova"].map((m) => `${s} ${c} ${m}`))),
    );
    for (const c of rows("contrasts")) {
      const ref = R[c.scale as string][keys[c.contrast as keyof typeof keys]][c.method as string];
      const what = `${c.scale} ${c.contrast} ${c.method}`;
      rel(c.estimate, ref.estimate, `${what} estimate`, 1e-9);
      rel(c.stdError, ref.stdError, `${what} SE`);
      rel(c.df, ref.df, `${what} df`, 1e-6);
      rel(c.pValue, ref.pValue, `${what} p`, 1e-5);
    }
    // The DiD contrast is the difference of the two kinds' DiDs (each against all non-participants).
    const did = (kind: string) => effect("engagement", kind, "did").estimate as number;
    const c = rows("contrasts").find((x) => x.scale === "engagement" && x.contrast === "external-internal" && x.method === "did")!;
    expect(c.estimate as number).toBeCloseTo(did("external") - did("internal"), 10);
    expect(reportText(report, "en").findings.some((f) => f.startsWith("Engagement: External minus Internal, tested directly"))).toBe(true);
  });

  it("finding 8: p-values adjusted by Benjamini–Hochberg within the primary and the sensitivity family; the method named in the rows and the reading", () => {
    const primary = [...rows("effects").filter((e) => e.role === "primary"), ...rows("contrasts")];
    // Failed rows (no p-value) are in no family.
    const sensitivity = rows("effects").filter((e) => e.role === "sensitivity" && typeof e.pValue === "number");
    expect(primary.length).toBe(2 * 5 * 4 + 8);
    for (const family of [primary, sensitivity]) {
      expect(family.map((e) => e.pAdjusted)).toEqual(adjustPValues(family.map((e) => e.pValue as number), "BH"));
      expect(new Set(family.map((e) => e.pAdjustMethod))).toEqual(new Set(["BH"]));
    }
    expect(reportText(report, "en").findings.at(-1)).toBe(
      `p-values are adjusted for multiplicity (pAdjusted) by Benjamini–Hochberg (false discovery rate) within two families: the primary estimates and direct contrasts (${primary.length} tests) and the sensitivity analyses (${sensitivity.length} tests).`,
    );
  });

  it("finding 6: the pre/post means have intervals clustered by company (CR2, as clubSandwich), the mean of company means beside them; the reading states the estimands", () => {
    for (const [group, g] of [["nonParticipants", 0], ["participants", 1]] as const) {
      for (const wave of ["pre", "post"] as const) {
        const row = rows("prePost").find((p) => p.scale === "engagement" && p.group === group && p.wave === wave)!;
        const ref = RM[`${wave}_${g}`];
        rel(row.mean, ref.person.mean, "mean", 1e-12);
        rel(row.stdError, ref.person.stdError, "CR2 SE");
        rel(row.df, ref.person.df, "df", 1e-6);
        rel(row.ciLow, ref.person.ciLow, "ciLow", 1e-6);
        rel(row.meanByCompany, ref.meanOfCompanyMeans, "mean of company means", 1e-12);
      }
    }
    const nonPre = rows("prePost").find((p) => p.scale === "engagement" && p.group === "nonParticipants" && p.wave === "pre")!;
    expect(((nonPre.ciHigh as number) - (nonPre.ciLow as number)) / (2 * 1.96 * RM.pre_0.iidSe)).toBeGreaterThan(9);
    const estimands = report.findings.find((f) => f.code === "crossBoundary.estimands" && f.params.scale === "engagement")!;
    rel(estimands.params.gapWithin, RM.gap.withinCompanies, "gap within companies", 1e-10);
    expect(reportText(report, "en").findings).toContain(
      "Engagement, before: the mean is 3.078 with each employee counted once and 3.003 with each company counted once (the mean of the company means); the baseline gap is 0.383 pooled and 0.334 within company (participants against non-participants of the same company). Intervals are cluster-robust by company (CR2, Satterthwaite df).",
    );
  });

  it("finding 4: company in the balance table — each company's share among participants and non-participants, before and after weighting with company in the propensity model; small companies hidden", () => {
    const people = respondents.objects() as Row[];
    expect(report.provenance.inputs[0]!.rowsUsed).toBe(people.length);
    const nT = people.filter((r) => r.cross_boundary === true).length;
    const nC = people.length - nT;
    const companies = [...new Set(people.map((r) => r.company as string))];
    for (const scale of ["engagement", "innovation"]) {
      const company = rows("balance").filter((b) => b.scale === scale && b.covariate === "company");
      expect(company.map((b) => b.level).sort()).toEqual(companies.sort());
      for (const b of company) {
        const t = people.filter((r) => r.company === b.level && r.cross_boundary === true).length;
        const c = people.filter((r) => r.company === b.level && r.cross_boundary === false).length;
        if (t < 5 || c < 5) expect(b, `${b.level}: ${t} participants`).toMatchObject({ meanTreated: null, meanControl: null, smd: null, smdAdjusted: null, suppressed: true });
        else if (b.suppressed !== true) {
          expect(b.meanTreated as number).toBeCloseTo(t / nT, 12);
          expect(b.meanControl as number).toBeCloseTo(c / nC, 12);
          // With company in the propensity model the weighted non-participants look like the participants, company by company.
          expect(Math.abs(b.smdAdjusted as number), String(b.level)).toBeLessThan(Math.abs(b.smd as number) + 1e-9);
        }
      }
      // Where one company is hidden another is too: no share is 1 − the shown ones.
      expect(company.filter((b) => b.suppressed === true).length).not.toBe(1);
      // Before weighting company is imbalanced (participation differs by company); after weighting within company it is not.
      expect(company.some((b) => Math.abs((b.smd as number | null) ?? 0) > 0.1)).toBe(true);
      expect(company.every((b) => Math.abs((b.smdAdjusted as number | null) ?? 0) < 0.1)).toBe(true);
    }
  });

  it("finding 4: weighting and doubly robust with company in the models are sensitivity rows; restricting them to the companies with participants leaves the estimate as it is and keeps the Satterthwaite df positive", () => {
    const scored = scoreScales(respondents, careerSurveyInstrument, { reliability: false }).table;
    for (const scale of ["engagement", "innovation"] as const) {
      for (const [method, base] of [["weighting-cluster", "weighting"], ["doubly-robust-cluster", "doubly-robust"]] as const) {
        const row = effect(scale, "all", method);
        expect(row).toMatchObject({ role: "sensitivity", status: "ok" });
        const everyone = estimateEffect(scored, {
          outcome: `${scale}_post`, treatment: "cross_boundary", covariates: [`${scale}_pre`, "generation", "job_type", "manager"], cluster: "company", exact: "company", method: base,
        });
        rel(row.estimate, everyone.estimate!, `${scale} ${method}: the same estimate with every company`, 1e-6);
      }
    }
    // The doubly robust fit with the company dummies on all companies gave a negative Satterthwaite df for external participants (most companies have none): not here.
    expect(effect("engagement", "external", "doubly-robust-cluster").status).toBe("ok");
    // Where the df still comes out at or below zero the row is not published as an estimate: it fails, and a warning says why.
    const cluster = rows("effects").filter((x) => (x.method as string).endsWith("-cluster"));
    expect(cluster.length).toBe(2 * 5 * 2);
    for (const e of cluster) {
      if (e.status === "ok") {
        expect(e.df as number, `${e.scale} ${e.kind} ${e.method}`).toBeGreaterThan(1);
        expect(Number.isFinite(e.pValue as number)).toBe(true);
      } else {
        expect(e).toMatchObject({ status: "failed", estimate: null, df: null, pValue: null });
        expect(report.warnings.some((w) => w.code === "crossBoundary.estimateFailed" && w.params.scale === e.scale && w.params.kind === e.kind && w.params.method === e.method && w.params.reason === "noDegreesOfFreedom")).toBe(true);
      }
    }
    // The weighting interval contains the built-in truth for both scales.
    for (const scale of ["engagement", "innovation"] as const) {
      const w = effect(scale, "all", "weighting-cluster");
      expect(w.ciLow as number).toBeLessThan(truth[scale].trueAtt);
      expect(w.ciHigh as number).toBeGreaterThan(truth[scale].trueAtt);
    }
  });
});
