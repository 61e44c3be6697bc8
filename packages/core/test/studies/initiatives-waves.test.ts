// Issue 14, finding 1: compareOutcomeWaves tests the change of the "effective" indicator itself
// (both discordant directions, "not practised -> effective" counted), exact McNemar p-values,
// adjusted across initiatives; and the comparison with the non-recommended initiatives as control.
// Oracle: r/initiatives-waves.R (mcnemar.test, binom.test, p.adjust, lm + sandwich/clubSandwich).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { compareOutcomeWaves, initiativeCatalogue, readInitiativeRatings } from "@koe/core";
import * as aq from "arquero";
import { beforeAll, describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..", "..", "..");
const oracle = JSON.parse(readFileSync(join(import.meta.dirname, "r", "initiatives-waves.json"), "utf8")) as {
  mcnemar: { initiative: string; pairs: number; lost: number; gained: number; exact: number; chisq: number; dropped: number; takenUp: number; practised: number; practisedBH: number; exactBH: number; exactHolm: number }[];
  did: { pairs: number; recommended: number; estimate: number; cr1se: number; cr2se: number; df: number; perInitiative: Record<string, { n: number; estimate: number; cr1se: number; cr2se: number; df: number }> };
};
const ja = (id: string) => initiativeCatalogue.label(id as never, "ja");
let ratings: ReturnType<typeof aq.table>;
beforeAll(async () => {
  ratings = (await readInitiativeRatings(join(root, "data", "initiative_ratings.csv"))).table;
});

describe("compareOutcomeWaves: McNemar on the effective indicator (R oracle)", () => {
  it("counts both directions of the effective indicator and gives binom.test's exact p, per initiative", () => {
    const w = compareOutcomeWaves(ratings);
    expect(w.changes).toHaveLength(oracle.mcnemar.length);
    for (const c of w.changes) {
      const r = oracle.mcnemar.find((x) => x.initiative === ja(c.initiative))!;
      expect([c.initiative, c.pairs, c.lostEffect, c.becameEffective, c.dropped, c.takenUp]).toEqual([c.initiative, r.pairs, r.lost, r.gained, r.dropped, r.takenUp]);
      expect(c.effectivePValue!).toBeCloseTo(r.exact, 10);
      expect(c.practisedPValue!).toBeCloseTo(r.practised, 10);
    }
    const side = w.changes.find((c) => c.initiative === "side_jobs")!;
    expect([side.lostEffect, side.becameEffective]).toEqual([1, 11]); // was 1 vs 1, p = 1
    expect(side.effectivePValue!).toBeCloseTo(0.00635, 5);
    expect(w.changes.find((c) => c.initiative === "one_on_one")!.effectivePValue!).toBeCloseTo(0.2101, 4); // was 0.057
    expect(w.test).toMatch(/exact/i);
  });

  it("adjusts every p-value it shows as one family: Benjamini-Hochberg by default, Holm or none on request, the method named", () => {
    const bh = compareOutcomeWaves(ratings);
    expect(bh.adjust).toBe("BH");
    const holm = compareOutcomeWaves(ratings, { adjust: "holm" });
    const none = compareOutcomeWaves(ratings, { adjust: "none" });
    for (const c of bh.changes) {
      const r = oracle.mcnemar.find((x) => x.initiative === ja(c.initiative))!;
      expect(c.effectivePAdjusted!).toBeCloseTo(r.exactBH, 10);
      expect(c.practisedPAdjusted!).toBeCloseTo(r.practisedBH, 10);
      expect(holm.changes.find((x) => x.initiative === c.initiative)!.effectivePAdjusted!).toBeCloseTo(r.exactHolm, 10);
      expect(none.changes.find((x) => x.initiative === c.initiative)!.effectivePAdjusted).toBe(c.effectivePValue);
    }
    expect(() => compareOutcomeWaves(ratings, { adjust: "fdr" as never })).toThrow(/adjust/);
  });

  it("keeps the transitions between the three outcomes for the reader, summing to the pairs", () => {
    const w = compareOutcomeWaves(ratings);
    for (const c of w.changes) {
      const moves = w.transitions.filter((t) => t.initiative === c.initiative);
      expect(moves).toHaveLength(9);
      expect(moves.reduce((s, t) => s + t.n!, 0)).toBe(c.pairs);
      const into = (from: string[], to: string[]) => moves.filter((t) => from.includes(t.from) && to.includes(t.to)).reduce((s, t) => s + t.n!, 0);
      expect(into(["not_practised", "practised_no_effect"], ["practised_effective"])).toBe(c.becameEffective);
      expect(into(["practised_effective"], ["not_practised", "practised_no_effect"])).toBe(c.lostEffect);
    }
  });
});

describe("compareOutcomeWaves on small constructed cases", () => {
  // 12 companies, one cell: 11 move not practised -> effective, 1 effective -> no effect.
  const companies = Array.from({ length: 12 }, (_, i) => `C${String(i + 1).padStart(2, "0")}`);
  const rows = companies.flatMap((company, i) => [
    { company, wave: 1, generation: "young", step: "know", initiative: "side_jobs", outcome: i < 11 ? "not_practised" : "practised_effective" },
    { company, wave: 2, generation: "young", step: "know", initiative: "side_jobs", outcome: i < 11 ? "practised_effective" : "practised_no_effect" },
  ]);

  it("counts 'not practised -> effective' as becoming effective (11 vs 1: binom.test p = 0.00635)", () => {
    const c = compareOutcomeWaves(aq.from(rows)).changes[0]!;
    expect([c.becameEffective, c.lostEffect]).toEqual([11, 1]);
    // R: binom.test(11, 12)$p.value = 0.006347656
    expect(c.effectivePValue!).toBeCloseTo(0.006347656, 8);
  });
});

describe("compareOutcomeWaves: the non-recommended initiatives as a control (DiD across initiatives, companies as clusters)", () => {
  it("with each cell's first-wave top 3 recommended (the bundled data's story), matches lm + cluster-robust SEs in R", () => {
    const w = compareOutcomeWaves(ratings, { recommended: { top: 3 } });
    const c = w.control!;
    expect([c.pairs, c.recommendedPairs, c.clusters]).toEqual([oracle.did.pairs, oracle.did.recommended, 25]);
    expect(c.overall.estimate).toBeCloseTo(oracle.did.estimate, 10);
    // The default clustered errors of ols: CR1 (vcovCL HC1) or, once the default, CR2 (clubSandwich).
    const se = c.vcov === "CR2" ? oracle.did.cr2se : oracle.did.cr1se;
    expect(c.overall.stdError).toBeCloseTo(se, 8);
    if (c.vcov === "CR2") expect(c.overall.df!).toBeCloseTo(oracle.did.df, 6); // Satterthwaite df, as clubSandwich
    for (const p of c.perInitiative) {
      const r = oracle.did.perInitiative[ja(p.initiative)]!;
      expect([p.initiative, p.recommendedPairs]).toEqual([p.initiative, r.n]);
      expect(p.estimate).toBeCloseTo(r.estimate, 10);
      expect(p.stdError).toBeCloseTo(c.vcov === "CR2" ? r.cr2se : r.cr1se, 8);
      if (c.vcov === "CR2") expect(p.df!).toBeCloseTo(r.df, 6);
    }
    expect(c.perInitiative.map((p) => p.initiative).sort()).toEqual(Object.keys(oracle.did.perInitiative).map((x) => initiativeCatalogue.resolve(x)).sort());
    expect(c.adjust).toBe("BH");
  });

  it("takes a list of recommended initiatives (recommended in every cell): the DiD is the difference of mean changes", () => {
    // A: 6 companies, recommended "side_jobs" goes 0 -> 1 in 4 of them; control "mentoring" 0 -> 1 in 1 of 6.
    const cs = ["A", "B", "C", "D", "E", "F"];
    const t = aq.from(cs.flatMap((company, i) => [
      { company, wave: 1, generation: "young", step: "know", initiative: "side_jobs", outcome: "practised_no_effect" },
      { company, wave: 2, generation: "young", step: "know", initiative: "side_jobs", outcome: i < 4 ? "practised_effective" : "practised_no_effect" },
      { company, wave: 1, generation: "young", step: "know", initiative: "mentoring", outcome: "practised_no_effect" },
      { company, wave: 2, generation: "young", step: "know", initiative: "mentoring", outcome: i < 1 ? "practised_effective" : "practised_no_effect" },
    ]));
    const c = compareOutcomeWaves(t, { recommended: ["副業・兼業"] }).control!;
    expect(c.overall.estimate).toBeCloseTo(4 / 6 - 1 / 6, 12);
    expect(c.perInitiative.map((p) => p.initiative)).toEqual(["side_jobs"]);
    expect(compareOutcomeWaves(t).control).toBeNull();
    expect(() => compareOutcomeWaves(t, { recommended: ["no_such_thing"] })).toThrow(/no_such_thing/);
  });
});
