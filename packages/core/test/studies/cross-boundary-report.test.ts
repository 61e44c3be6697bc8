// crossBoundaryReport on the bundled data: the report contract (tables of fixed columns in natural
// order, notes as data, provenance) and the estimates against the truth the generator built in
// (data/truth.json).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CROSS_BOUNDARY_COLUMNS, crossBoundaryReport, readRespondents, renderNote, reportTable, reportText, StudyReport } from "@koe/core";
import * as aq from "arquero";
import { beforeAll, describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..", "..", "..");
const truth = JSON.parse(readFileSync(join(root, "data", "truth.json"), "utf8")).respondents;
let report: StudyReport;
type Row = Record<string, unknown>;
const rows = (name: string) => report.tables[name]!.rows as Row[];
const effect = (scale: string, kind: string, method: string) => rows("effects").find((e) => e.scale === scale && e.kind === kind && e.method === method)!;
beforeAll(async () => {
  report = crossBoundaryReport((await readRespondents(join(root, "data", "respondents.csv"))).table, { seed: 1, resamples: 199 });
});

describe("crossBoundaryReport on the bundled data", () => {
  it("the adjusted estimates recover the true effect within their intervals; the naive difference is biased", () => {
    for (const scale of ["engagement", "innovation"] as const) {
      const att = truth[scale].trueAtt as number;
      for (const method of ["regression", "matching", "weighting", "doubly-robust", "did", "wild-bootstrap"]) {
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
    expect(ja.findings[0]).toMatch(/^エンゲージメント: 越境経験者は事前に0\.\d\d SD高かった。/);
    expect(en.findings[0]).toMatch(/^Engagement: participants started 0\.\d\d SD higher.*difference-in-differences the effect is 0\.2\d \(95% CI/);
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
    expect(report.provenance.options).toMatchObject({ resamples: 199, covariates: ["generation", "job_type", "manager"], cluster: "company" });
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
