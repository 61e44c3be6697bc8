// Segmenting and the layer reports against R (reference/segment.R on reference/segment-cases.csv,
// 600 made-up respondents): the default rules written out again in R, chisq.test's statistic and
// stdres, prop.test's Wilson intervals, the transition table, net flow with its Wald interval (the
// variance of a difference of two cells of one multinomial), and t.test intervals of means.
import { layerDistribution, layerTransitions, segmentProfile, segmentRespondents, type StudyReport, type Table } from "@koe/core";
import * as aq from "arquero";
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";

type Row = Record<string, unknown>;
const here = (file: string) => new URL(file, import.meta.url);
// Rscript segment.R > segment.json (R 4.2.2, jsonlite 1.8.4)
const R = JSON.parse(readFileSync(here("reference/segment.json"), "utf8"));
const close = (got: unknown, want: number, tol = 1e-9) => expect(Math.abs((got as number) - want), `${String(got)} vs ${want}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(want)));
const rows = (report: StudyReport, name: string) => report.tables[name]!.rows as Row[];

let cases: Table;
beforeAll(() => {
  cases = aq.fromCSV(readFileSync(here("reference/segment-cases.csv"), "utf8"));
});

describe("segmentRespondents: the default rules, row by row, as R applies them", () => {
  it("gives every row R's layer at both waves, R's scores and R's immobile sub-type", () => {
    const out = segmentRespondents(cases);
    expect(out.numRows()).toBe(600);
    for (const column of ["layer_pre", "layer_post", "immobile_subtype"]) expect(out.array(column), column).toEqual(R.rules[column]);
    for (const column of ["awareness_pre", "action_pre"]) {
      const got = out.array(column) as number[];
      (R.rules[column] as (number | null)[]).forEach((want, i) => (want === null ? expect(got[i]).toBeNaN() : close(got[i], want, 1e-12)));
    }
    // every value of every segment comes with a reason exactly when it is unclassified
    const o = out.objects() as Row[];
    for (const r of o) {
      const unclassified = ["layer_pre", "layer_post", "immobile_subtype"].filter((c) => r[c] === "unclassified");
      if (unclassified.length === 0) expect(r.reasons).toBeNull();
      else for (const c of unclassified) expect(r.reasons as string).toContain(`${c}: `);
    }
    // the cases cover every branch: all layers, all sub-types, unclassified of each kind
    expect(new Set(R.rules.layer_pre)).toEqual(new Set(["traditional", "interested", "practising", "unclassified"]));
    expect(new Set(R.rules.immobile_subtype)).toEqual(new Set(["unaware", "never_positive", "gave_up", "not_immobile", "unclassified"]));
    expect(o.some((r) => String(r.reasons).includes("tie for the highest answer"))).toBe(true);
    expect(o.some((r) => String(r.reasons).includes("agrees that the company decides careers"))).toBe(true);
    expect(o.some((r) => String(r.reasons).includes("missing answers"))).toBe(true);
  });
});

describe("layerDistribution: chisq.test and prop.test", () => {
  let report: StudyReport;
  beforeAll(() => {
    report = layerDistribution(cases, { layer: "layer", by: "generation" });
  });

  it("the test equals chisq.test(table(generation, layer)), Cramér's V its formula", () => {
    const [test] = rows(report, "test");
    const want = R.distribution;
    close(test!.statistic, want.statistic, 1e-10);
    expect(test!.df).toBe(want.df);
    close(test!.p_value, want.p_value, 1e-8);
    close(test!.cramers_v, want.cramers_v, 1e-10);
    expect(test!.n).toBe(want.n);
    expect(test!.method).toBe("Pearson's Chi-squared test");
  });

  it("cells, shares, Wilson intervals and adjusted residuals equal R's, row by row", () => {
    const got = rows(report, "distribution");
    expect(got.map((r) => [r.generation, r.layer])).toEqual(R.distribution.rows.map((r: Row) => [r.generation, r.layer]));
    got.forEach((r, i) => {
      const want = R.distribution.rows[i];
      expect(r.n).toBe(want.n);
      expect(r.segment_n).toBe(want.segment_n);
      for (const k of ["share", "share_low", "share_high", "residual"]) close(r[k], want[k], 1e-9);
    });
    const overall = rows(report, "overall");
    overall.forEach((r, i) => {
      const want = R.distribution.overall[i];
      expect([r.layer, r.n]).toEqual([want.layer, want.n]);
      for (const k of ["share", "share_low", "share_high"]) close(r[k], want[k], 1e-9);
    });
    // the two rows left out (a blank layer and "unclassified") are counted in a warning
    expect(report.warnings).toContainEqual({ code: "segment.rowsLeftOut", params: { rows: 2, columns: ["layer", "generation"] } });
  });
});

describe("layerTransitions: table(), prop.test and the net flow", () => {
  let report: StudyReport;
  beforeAll(() => {
    report = layerTransitions(cases, { before: "layer", after: "layer_post" });
  });

  it("the matrix and its row shares equal R's", () => {
    const got = rows(report, "transitions");
    expect(got.map((r) => [r.before, r.after, r.n, r.row_n])).toEqual(R.transitions.cells.map((c: Row) => [c.before, c.after, c.n, c.row_n]));
    got.forEach((r, i) => {
      for (const k of ["share", "share_low", "share_high"]) close(r[k], R.transitions.cells[i][k]);
    });
  });

  it("net flow, its interval and the moved-back share equal R's", () => {
    const [m] = rows(report, "movement");
    const want = R.transitions.movement;
    for (const k of ["n", "stayed", "moved_up", "moved_down", "could_move_back"]) expect(m![k], k).toBe(want[k]);
    for (const k of ["net_flow", "net_flow_low", "net_flow_high", "share_back", "share_back_low", "share_back_high"]) close(m![k], want[k]);
    expect(m!.moved_back).toBe(want.moved_down);
    // people blank or unclassified at either wave are left out: 600 − 596
    expect(report.warnings).toContainEqual({ code: "segment.rowsLeftOut", params: { rows: 4, columns: ["layer", "layer_post"] } });
  });
});

describe("segmentProfile: means with t.test intervals", () => {
  it("the mean engagement per generation × layer and its interval equal R's", () => {
    // The layer's "unclassified" is a value of its own in a profile: R's means leave it (and blanks) out, so do we here.
    const classified = aq.from((cases.objects() as Row[]).filter((r) => r.layer !== "unclassified"));
    const report = segmentProfile(classified, { segment: "layer", by: "generation", scores: ["engagement_pre"] });
    const got = rows(report, "means");
    expect(got.map((r) => [r.generation, r.layer])).toEqual(R.means.rows.map((r: Row) => [r.generation, r.layer]));
    got.forEach((r, i) => {
      for (const k of ["mean", "mean_low", "mean_high"]) close(r[k], R.means.rows[i][k], 1e-10);
    });
  });
});
