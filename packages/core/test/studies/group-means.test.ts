// groupMeans against R: each group's mean as lm(y ~ 1) with clubSandwich CR2 + Satterthwaite by
// company (each person once, each company once, headcount weights), the mean of company means by
// hand — on the bundled data's engagement scores (r/group-means.R → r/group-means.json).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { careerSurveyInstrument, groupMeans, KoeError, readRespondents, scoreScales } from "@koe/core";
import * as aq from "arquero";
import { beforeAll, describe, expect, it } from "vitest";

const R = JSON.parse(readFileSync(join(import.meta.dirname, "r", "group-means.json"), "utf8"));
const RD = JSON.parse(readFileSync(join(import.meta.dirname, "r", "group-means-difference.json"), "utf8"));
const root = join(import.meta.dirname, "..", "..", "..", "..");
let scored: ReturnType<typeof aq.table>;
beforeAll(async () => {
  const t = scoreScales((await readRespondents(join(root, "data", "respondents.csv"))).table, careerSurveyInstrument, { reliability: false }).table;
  // Headcount weights as R's: the number of respondents of the person's company.
  scored = t.groupby("company").derive({ size: aq.op.count() }).ungroup().reify();
});

const close = (actual: number | null, expected: number, what: string, rel = 1e-8) => expect(Math.abs(actual! - expected) / Math.abs(expected), `${what}: ${actual} vs ${expected}`).toBeLessThan(rel);

describe("groupMeans", () => {
  for (const wave of ["pre", "post"] as const) {
    for (const [mode, weights] of [["person", "person"], ["company", "company"], ["headcount", { column: "size" }]] as const) {
      it(`${wave}, ${mode}: mean, CR2 standard error, Satterthwaite df and interval equal clubSandwich's`, () => {
        const r = groupMeans(scored, { outcome: `engagement_${wave}`, by: "cross_boundary", cluster: "company", weights });
        expect(r.groups.map((g) => g.group)).toEqual([false, true]);
        for (const g of r.groups) {
          const e = R[`${wave}_${g.group ? 1 : 0}`];
          const ref = e[mode];
          expect(g.n).toBe(e.n);
          expect(g.clusters).toBe(e.clusters);
          close(g.mean, ref.mean, "mean", 1e-12);
          close(g.stdError, ref.stdError, "SE");
          close(g.df, ref.df, "df", 1e-6);
          close(g.ciLow, ref.ciLow, "ciLow", 1e-6);
          close(g.ciHigh, ref.ciHigh, "ciHigh", 1e-6);
          if (mode === "company") close(g.mean, e.meanOfCompanyMeans, "mean of company means", 1e-12);
        }
      });
    }
  }

  it("finding 6: the i.i.d. interval of the non-participants' mean is about ten times too narrow; pooled 3.078 vs the mean of company means 3.003", () => {
    const iid = groupMeans(scored, { outcome: "engagement_pre", by: "cross_boundary" }).groups[0]!;
    const clustered = groupMeans(scored, { outcome: "engagement_pre", by: "cross_boundary", cluster: "company" }).groups[0]!;
    close(iid.stdError, R.pre_0.iidSe, "iid SE", 1e-10);
    expect(clustered.stdError! / iid.stdError!).toBeGreaterThan(9.5);
    const everyone = groupMeans(scored, { outcome: "engagement_pre", cluster: "company" }).groups[0]!;
    const companies = groupMeans(scored, { outcome: "engagement_pre", cluster: "company", weights: "company" }).groups[0]!;
    expect(everyone.group).toBeNull();
    expect(everyone.mean.toFixed(3)).toBe("3.078");
    expect(companies.mean.toFixed(3)).toBe("3.003");
    close(companies.mean, R.all_pre.meanOfCompanyMeans, "mean of company means", 1e-12);
    close(companies.stdError, R.all_pre.company.stdError, "SE");
  });

  it("without clusters: the t interval sd/√n on n − 1 df; a group of one row has a mean and no interval", () => {
    const t = aq.table({ y: [1, 2, 4, 7], g: ["a", "a", "a", "b"] });
    const [a, b] = groupMeans(t, { outcome: "y", by: "g" }).groups;
    const sd = Math.sqrt(((1 - 7 / 3) ** 2 + (2 - 7 / 3) ** 2 + (4 - 7 / 3) ** 2) / 2);
    expect(a!.mean).toBeCloseTo(7 / 3, 12);
    expect(a!.stdError).toBeCloseTo(sd / Math.sqrt(3), 12);
    expect(a!.df).toBe(2);
    expect(a!.ciHigh! - a!.mean).toBeCloseTo(4.302652729911275 * (sd / Math.sqrt(3)), 9);
    expect(b).toMatchObject({ group: "b", n: 1, mean: 7, stdError: null, ciLow: null });
  });

  it("bad input is named: company weights without a cluster, a negative weight, an unknown option", () => {
    const t = aq.table({ y: [1, 2, 3], w: [1, -2, 1], co: ["a", "b", "b"] });
    expect(() => groupMeans(t, { outcome: "y", weights: "company" })).toThrow(/cluster: "company"/);
    expect(() => groupMeans(t, { outcome: "y", weights: { column: "w" } })).toThrow(/column "w", table row 2: -2/);
    expect(() => groupMeans(t, { outcome: "y", weight: "company" } as never)).toThrow(/did you mean "weights"/);
    expect(() => groupMeans(t, { outcome: "yy" })).toThrow(/did you mean "y"/);
  });

  for (const wave of ["pre", "post"] as const) {
    for (const [mode, weights] of [["person", "person"], ["company", "company"], ["headcount", { column: "size" }]] as const) {
      it(`finding 6, two groups: ${wave}, ${mode}: the difference of the means equals lm(y ~ treat, weights) with clubSandwich CR2 + Satterthwaite by company`, () => {
        const r = groupMeans(scored, { outcome: `engagement_${wave}`, by: "cross_boundary", cluster: "company", weights });
        const ref = RD[wave][mode];
        const dif = r.difference!;
        expect([dif.second, dif.first]).toEqual([true, false]);
        close(dif.estimate, ref.estimate, "estimate", 1e-10);
        close(dif.estimate, r.groups[1]!.mean - r.groups[0]!.mean, "difference of the published means", 1e-10);
        close(dif.stdError, ref.stdError, "SE");
        close(dif.df, ref.df, "df", 1e-6);
        close(dif.ciLow, ref.ciLow, "ciLow", 1e-6);
        close(dif.ciHigh, ref.ciHigh, "ciHigh", 1e-6);
        close(dif.pValue, ref.pValue, "p", 1e-5);
        if (mode === "company") close(dif.estimate, RD[wave].differenceOfMeansOfCompanyMeans, "difference of the means of company means", 1e-10);
      });
    }
  }

  it("two groups without a cluster: HC1 on n − 2 df as sandwich::vcovHC(type = \"HC1\"); the clustered error is larger", () => {
    const plain = groupMeans(scored, { outcome: "engagement_pre", by: "cross_boundary" }).difference!;
    const ref = RD.pre.hc1;
    close(plain.estimate, ref.estimate, "estimate", 1e-10);
    close(plain.stdError, ref.stdError, "SE");
    expect(plain.df).toBe(ref.df);
    close(plain.ciLow, ref.ciLow, "ciLow", 1e-8);
    close(plain.pValue, ref.pValue, "p", 1e-5);
    const clustered = groupMeans(scored, { outcome: "engagement_pre", by: "cross_boundary", cluster: "company" }).difference!;
    expect(clustered.stdError!).toBeGreaterThan(plain.stdError!);
  });

  it("a difference only with exactly two groups that both have rows; one row in all gives the difference without an interval", () => {
    const three = aq.table({ y: [1, 2, 3, 4], g: ["a", "b", "c", "c"] });
    expect(groupMeans(three, { outcome: "y", by: "g" }).difference).toBeNull();
    expect(groupMeans(three, { outcome: "y" }).difference).toBeNull();
    const two = aq.table({ y: [1, 5], g: ["a", "b"] });
    expect(groupMeans(two, { outcome: "y", by: "g" }).difference).toMatchObject({ second: "b", first: "a", estimate: 4, stdError: null, pValue: null });
    const oneCompany = aq.table({ y: [1, 2, 5, 7], g: ["a", "a", "b", "b"], co: ["x", "x", "x", "x"] });
    expect(groupMeans(oneCompany, { outcome: "y", by: "g", cluster: "co" }).difference).toMatchObject({ estimate: 4.5, stdError: null });
  });
});

describe("groupMeans with nothing to average", () => {
  it("is an error naming the column, in both languages, never a table of empty groups", () => {
    const t = aq.table({ y: [null, null, null], g: ["a", "b", "a"] });
    expect(() => groupMeans(t, { outcome: "y", by: "g" })).toThrow(KoeError);
    expect(() => groupMeans(t, { outcome: "y", by: "g" })).toThrow(/no row has a value in "y"/);
    const ja = (() => { try { groupMeans(t, { outcome: "y" }); } catch (e) { return (e as KoeError).localized?.ja ?? ""; } return ""; })();
    expect(ja).toContain("列「y」");
  });
});

describe("groupMeans' weights option", () => {
  it("a misspelt mode names the modes and the nearest", () => {
    const t = aq.table({ y: [1, 2, 3], company: ["A", "B", "A"] });
    expect(() => groupMeans(t, { outcome: "y", cluster: "company", weights: "compnay" as never })).toThrow(/option "weights" must be one of "person", "company" \(got "compnay"\); did you mean "company"\?/);
  });
});
