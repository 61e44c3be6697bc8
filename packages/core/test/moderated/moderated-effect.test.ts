import { readFileSync } from "node:fs";
import { join } from "node:path";
import { InsufficientDataError, KoeArgumentError, moderatedEffect } from "@koe/core";
import * as aq from "arquero";
import { describe, expect, it } from "vitest";

// Expected: reference/moderated.R (R 4.2.2, sandwich, car::linearHypothesis, p.adjust; clubSandwich 0.5.8
// for the clustered fits: CR2 + Satterthwaite, CR1 + naive-t) → reference/moderated.json, on
// reference/pilot-sim.csv (simulated there once, seeded).
const here = import.meta.dirname;
const R = JSON.parse(readFileSync(join(here, "reference", "moderated.json"), "utf8"));
const sim = aq.fromCSV(readFileSync(join(here, "reference", "pilot-sim.csv"), "utf8"));
const base = { pre: "engagement_pre", post: "engagement_post", treatment: "dialogue" } as const;

type RLevel = { level: string; estimate: number; stdError: number; statistic: number; pValue: number; pAdjusted: number; ciLow: number; ciHigh: number };
function expectLikeR(r: ReturnType<typeof moderatedEffect>, e: { n: number; levels: RLevel[]; interaction: { statistic: number; df1: number; df2: number; pValue: number }; pooled: { estimate: number; stdError: number; pValue: number; ciLow: number; ciHigh: number } }) {
  expect(r.n).toBe(e.n);
  expect(r.levels.map((l) => l.level)).toEqual(e.levels.map((l) => l.level));
  r.levels.forEach((l, j) => {
    const x = e.levels[j]!;
    expect(l.estimate).toBeCloseTo(x.estimate, 12);
    expect(l.stdError).toBeCloseTo(x.stdError, 12);
    expect(l.statistic).toBeCloseTo(x.statistic, 9);
    expect(Math.abs(l.pValue - x.pValue) / x.pValue).toBeLessThan(1e-6);
    expect(Math.abs(l.pAdjusted - x.pAdjusted) / x.pAdjusted).toBeLessThan(1e-6);
    expect(l.ciLow).toBeCloseTo(x.ciLow, 10);
    expect(l.ciHigh).toBeCloseTo(x.ciHigh, 10);
  });
  expect(r.interaction!.statistic).toBeCloseTo(e.interaction.statistic, 8);
  expect(r.interaction!.df1).toBe(e.interaction.df1);
  expect(r.interaction!.df2).toBe(e.interaction.df2);
  expect(Math.abs(r.interaction!.pValue - e.interaction.pValue) / e.interaction.pValue).toBeLessThan(1e-6);
  expect(r.pValue).toBe(r.interaction!.pValue);
  expect(r.pooled.estimate).toBeCloseTo(e.pooled.estimate, 12);
  expect(r.pooled.stdError).toBeCloseTo(e.pooled.stdError, 12);
  expect(Math.abs(r.pooled.pValue - e.pooled.pValue) / e.pooled.pValue).toBeLessThan(1e-6);
  expect(r.pooled.ciLow).toBeCloseTo(e.pooled.ciLow, 10);
}

type RClustered = {
  levels: (Omit<RLevel, "statistic"> & { df: number })[];
  htz?: { statistic: number; df1: number; df2: number; pValue: number };
  naiveF: { statistic: number; df1: number; df2: number; pValue: number };
  pooled: { estimate: number; stdError: number; df: number; pValue: number; ciLow: number; ciHigh: number };
};
/** Per level and pooled as clubSandwich (linear_contrast / coef_test); the interaction as Wald_test (HTZ for one constraint, else Naive-F). */
function expectLikeClubSandwich(r: ReturnType<typeof moderatedEffect>, e: RClustered, interaction: "htz" | "naiveF") {
  expect(r.levels.map((l) => l.level)).toEqual(e.levels.map((l) => l.level));
  const close = (got: number, want: number, rel: number) => expect(Math.abs(got - want), `${got} vs R ${want}`).toBeLessThanOrEqual(rel * Math.abs(want));
  r.levels.forEach((l, j) => {
    const x = e.levels[j]!;
    expect(l.estimate).toBeCloseTo(x.estimate, 12);
    close(l.stdError, x.stdError, 1e-9);
    close(l.df, x.df, 1e-7);
    close(l.pValue, x.pValue, 1e-6);
    close(l.pAdjusted, x.pAdjusted, 1e-6);
    expect(l.ciLow).toBeCloseTo(x.ciLow, 8);
    expect(l.ciHigh).toBeCloseTo(x.ciHigh, 8);
  });
  const i = e[interaction]!;
  close(r.interaction!.statistic, i.statistic, 1e-7);
  expect(r.interaction!.df1).toBe(i.df1);
  close(r.interaction!.df2, i.df2, 1e-7);
  close(r.interaction!.pValue, i.pValue, 1e-6);
  expect(r.pooled.estimate).toBeCloseTo(e.pooled.estimate, 12);
  close(r.pooled.stdError, e.pooled.stdError, 1e-9);
  close(r.pooled.df!, e.pooled.df, 1e-7);
  close(r.pooled.pValue, e.pooled.pValue, 1e-6);
  expect(r.pooled.ciLow).toBeCloseTo(e.pooled.ciLow, 8);
  expect(r.pooled.ciHigh).toBeCloseTo(e.pooled.ciHigh, 8);
}

describe("moderatedEffect equals R (lm contrasts, sandwich HC1, car::linearHypothesis, p.adjust holm; clustered: clubSandwich CR2 + Satterthwaite)", () => {
  it("sheet quality, each level vs all controls (chosen because the moderator is blank for every control), DiD, HC1", () => {
    const r = moderatedEffect(sim, { ...base, moderator: "sheet_quality" });
    expect(r.controls).toBe("all");
    expect(r.estimator).toBe("did");
    expectLikeR(r, R.did_all_hc1);
    // Rows missing a measurement and the participant without a sheet are left out.
    expect(r.nMissing).toBe(240 - R.did_all_hc1.n);
    expect(r.levels.every((l) => l.nControl === r.nControl)).toBe(true);
  });

  it("the same clustered by company: CR2 with Satterthwaite df per level, the interaction as HTZ (one constraint); few effective clusters: the fit's warning as a note", () => {
    const r = moderatedEffect(sim, { ...base, moderator: "sheet_quality", cluster: "company" });
    expectLikeClubSandwich(r, R.did_all_cr2, "htz");
    expect(r.n).toBe(R.did_all_company.n);
    expect(r.clusters).toBe(8);
    expect(r.model.vcovType).toBe("CR2");
    expect(r.interaction!.test).toBe("Satterthwaite t²");
    expect(r.method).toMatch(/CR2 \(Bell–McCaffrey\).*Satterthwaite df/);
    expect(r.notes.map((n) => n.code)).toEqual(["cluster.fewEffectiveClusters"]);
    expect(r.notes[0]!.localized.en).toMatch(/8 clusters/);
  });

  it("CR1 on request: vcovCL's standard errors with t on G − 1 = 7 df (clubSandwich CR1S, naive-t)", () => {
    const r = moderatedEffect(sim, { ...base, moderator: "sheet_quality", cluster: "company", vcov: "CR1" });
    expectLikeClubSandwich(r, R.did_all_cr1, "naiveF");
    r.levels.forEach((l, j) => expect(l.stdError).toBeCloseTo(R.did_all_company.levels[j].stdError, 12));
    expect(r.levels.map((l) => l.df)).toEqual([7, 7]);
    expect(() => moderatedEffect(sim, { ...base, moderator: "sheet_quality", vcov: "CR1" })).toThrow(/vcov "CR1" needs a cluster column/);
  });

  it("ANCOVA, clustered by company (CR2)", () => {
    const r = moderatedEffect(sim, { ...base, moderator: "sheet_quality", cluster: "company", method: "ancova" });
    expect(r.estimator).toBe("ancova");
    expectLikeClubSandwich(r, R.ancova_all_cr2, "htz");
  });

  it("generation within levels (treat × generation + a covariate), three levels: a 2-df interaction test", () => {
    const r = moderatedEffect(sim, { ...base, moderator: "generation", covariates: ["tenure"] });
    expect(r.controls).toBe("same-level");
    expectLikeR(r, R.did_generation_hc1);
    expect(r.model.coefficients.map((c) => c.term)).toEqual(["(Intercept)", "dialogue", "generationmid", "generationsenior", "dialogue:generationmid", "dialogue:generationsenior", "tenure"]);
  });

  it("generation within levels, ANCOVA, clustered by company: each level's effect (a sum of coefficients) with its own Satterthwaite df, the 2-df interaction on (2, G − 1)", () => {
    const r = moderatedEffect(sim, { ...base, moderator: "generation", method: "ancova", cluster: "company" });
    expectLikeClubSandwich(r, R.ancova_generation_cr2, "naiveF");
    expect(r.interaction!.test).toBe("naive F");
    // Point estimates as before (the vcovCL reference).
    r.levels.forEach((l, j) => expect(l.estimate).toBeCloseTo(R.ancova_generation_company.levels[j].estimate, 12));
  });
});

describe("moderatedEffect: what a harm looks like, and bad input", () => {
  // Hand-made: good sheets raise by 0.3, poor sheets lower by 0.15, controls unchanged but for noise.
  const noise = [0.05, -0.05, 0.02, -0.02, 0.04, -0.04, 0.01, -0.01, 0.03, -0.03];
  const rows: Record<string, unknown>[] = [];
  noise.forEach((e, k) => {
    rows.push({ pre: 3, post: 3.3 + e, d: "はい", q: "good" });
    rows.push({ pre: 2.5, post: 2.35 + e, d: "はい", q: "poor" });
    rows.push({ pre: 3, post: 3 + e / 2, d: "いいえ", q: k === 0 ? "NA" : null });
  });
  const t = aq.from(rows);

  it("shows the harm of poor sheets that the pooled effect averages away", () => {
    const r = moderatedEffect(t, { pre: "pre", post: "post", treatment: "d", moderator: "q" });
    expect(r.levels.map((l) => l.level)).toEqual(["good", "poor"]);
    expect(r.levels[0]!.estimate).toBeCloseTo(0.3, 12);
    expect(r.levels[1]!.estimate).toBeCloseTo(-0.15, 12);
    expect(r.levels[1]!.ciHigh).toBeLessThan(0);
    expect(r.pooled.estimate).toBeCloseTo(0.075, 12);
    expect(r.interaction!.pValue).toBeLessThan(1e-6);
    // Holm: the smaller p-value is doubled, the larger kept (never below the smaller's adjusted value).
    const [a, b] = r.levels.map((l) => l.pValue);
    const lo = Math.min(a!, b!);
    const hi = Math.max(a!, b!);
    expect(Math.min(...r.levels.map((l) => l.pAdjusted))).toBeCloseTo(Math.min(1, 2 * lo), 15);
    expect(Math.max(...r.levels.map((l) => l.pAdjusted))).toBeCloseTo(Math.max(hi, Math.min(1, 2 * lo)), 15);
    // The tidy tables: a fixed one-row summary, and one row per level plus the pooled one.
    expect(r.toTable().columnNames()).toEqual(["method", "alternative", "estimate", "stdError", "statistic", "df", "pValue", "ciLow", "ciHigh", "confLevel", "n", "nMissing"]);
    expect(r.levelTable().array("level")).toEqual(["good", "poor", "(pooled)"]);
    expect(JSON.parse(JSON.stringify(r)).levels).toHaveLength(2);
  });

  it("the per-level DiD equals the difference of mean changes (participants of the level minus all controls)", () => {
    const r = moderatedEffect(t, { pre: "pre", post: "post", treatment: "d", moderator: "q" });
    const change = (f: (x: Record<string, unknown>) => boolean) => {
      const xs = rows.filter(f).map((x) => (x.post as number) - (x.pre as number));
      return xs.reduce((s, v) => s + v, 0) / xs.length;
    };
    const controls = change((x) => x.d === "いいえ");
    expect(r.levels[0]!.estimate).toBeCloseTo(change((x) => x.q === "good") - controls, 12);
    expect(r.levels[1]!.estimate).toBeCloseTo(change((x) => x.q === "poor") - controls, 12);
  });

  it("controls 'same-level' without any control in a level is an error naming the option; a tiny level is an InsufficientDataError naming it", () => {
    expect(() => moderatedEffect(t, { pre: "pre", post: "post", treatment: "d", moderator: "q", controls: "same-level" })).toThrow(/controls "all"/);
    const tiny = aq.from([...rows, { pre: 3, post: 3, d: "はい", q: "awful" }]);
    const e = (() => {
      try {
        moderatedEffect(tiny, { pre: "pre", post: "post", treatment: "d", moderator: "q" });
      } catch (x) {
        return x;
      }
    })();
    expect(e).toBeInstanceOf(InsufficientDataError);
    expect((e as Error).message).toMatch(/level "awful" of "q"; found 1 treated and 10 control/);
  });

  it("a moderator blank for every participant, a typo, an unknown option and a bad treatment value are argument errors", () => {
    const blank = aq.from(rows.map((x) => ({ ...x, q: null })));
    expect(() => moderatedEffect(blank, { pre: "pre", post: "post", treatment: "d", moderator: "q" })).toThrow(/blank for all 20 treated rows/);
    expect(() => moderatedEffect(t, { pre: "pre", post: "post", treatment: "d", moderator: "qq" })).toThrow(KoeArgumentError);
    expect(() => moderatedEffect(t, { pre: "pre", post: "post", treatment: "d", moderator: "q", covariate: [] } as never)).toThrow(/did you mean "covariates"/);
    expect(() => moderatedEffect(aq.from([...rows, { pre: 1, post: 2, d: 2, q: "good" }]), { pre: "pre", post: "post", treatment: "d", moderator: "q" })).toThrow(/column "d" must be yes\/no.*holds "2" \(1 row, first at table row 31\)/);
    expect(() => moderatedEffect(t, { pre: "pre", post: "pre", treatment: "d", moderator: "q" })).toThrow(KoeArgumentError);
  });
});
