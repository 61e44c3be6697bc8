// Issue 14, finding 7: the top-3 matrix shows adoption and the effect rate apart; rankBy "share" is
// the effect rate (not practised out of the denominator); an empirical-Bayes shrunken ranking;
// intervals over whole companies, labelled for the population they describe; stability explained.
// Oracle for the prior: r/initiatives-prior.R (an independent write-out of the method of moments).
import { join } from "node:path";
import { betaPrior, readInitiativeRatings, topInitiatives } from "@koe/core";
import * as aq from "arquero";
import { beforeAll, describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..", "..", "..");
let ratings: ReturnType<typeof aq.table>;
beforeAll(async () => {
  ratings = (await readInitiativeRatings(join(root, "data", "initiative_ratings.csv"))).table;
});

// One cell, 12 companies: A 6 of 11 effective (all practised), B 7 of 10 (all practised),
// C 5 effective of 12 rated but only 6 practised, D 5 of 12 rated, 5 practised (all effective).
const companies = Array.from({ length: 12 }, (_, i) => `K${String(i + 1).padStart(2, "0")}`);
const spec: [string, number, number, number][] = [["mentoring", 6, 11, 11], ["job_posting", 7, 10, 10], ["side_jobs", 5, 12, 6], ["study_groups", 5, 12, 5]];
const small = aq.from(spec.flatMap(([initiative, effective, rated, practised]) =>
  companies.slice(0, rated).map((company, i) => ({
    company, generation: "young", step: "know", initiative, effective: i < effective,
    outcome: i < effective ? "practised_effective" : i < practised ? "practised_no_effect" : "not_practised",
  }))));

describe("topInitiatives: adoption and the effect rate apart", () => {
  it("rankBy share is the effect rate among the practising companies: 6/11 and 7/10 no longer beat 5/6 and 5/5", () => {
    const r = topInitiatives(small, { rankBy: "share", k: 2 });
    expect(r.cells.map((c) => [c.initiative, c.companies, c.practised, c.rated])).toEqual([["study_groups", 5, 5, 12], ["side_jobs", 5, 6, 12]]);
    expect(r.cells[0]!.share).toBe(1);
    expect(r.cells[1]!.share).toBeCloseTo(5 / 6, 12);
    expect(r.cells[1]!.adoption).toBeCloseTo(6 / 12, 12);
    expect(r.outcomeColumn).toBe("outcome");
  });

  it("without an outcome column, practised is unknown: every rating is in the denominator, no adoption, a warning says so", () => {
    const r = topInitiatives(small.select("company", "generation", "step", "initiative", "effective"), { rankBy: "share", k: 2 });
    expect(r.cells.map((c) => c.initiative)).toEqual(["job_posting", "mentoring"]);
    expect(r.cells.every((c) => c.adoption === null && c.practised === c.rated)).toBe(true);
    expect(r.warnings.map((w) => w.code)).toContain("initiatives.noOutcomeColumn");
  });

  it("an effective column that disagrees with the outcome is an error naming the row", () => {
    const bad = small.derive({ effective: (d: { outcome: string }) => d.outcome !== "not_practised" });
    expect(() => topInitiatives(bad)).toThrow(/effective.*outcome|outcome.*effective/);
  });
});

describe("topInitiatives: the empirical-Bayes shrunken effect rate", () => {
  it("the beta prior by the method of moments agrees with an independent R write-out", () => {
    // R (initiatives-prior.R): mean 0.631578947368, rho 0.275228296750, alpha 1.663166741310, beta 0.970180599097
    const p = betaPrior([6, 7, 2, 9], [11, 10, 8, 9]);
    expect(p.mean).toBeCloseTo(0.631578947368, 11);
    expect(p.rho).toBeCloseTo(0.27522829675, 10);
    expect(p.alpha).toBeCloseTo(1.66316674131, 9);
    expect(p.beta).toBeCloseTo(0.970180599097, 9);
    // No spread beyond binomial noise: rho 0, every rate is the mean.
    expect(betaPrior([5, 5, 5], [10, 10, 10]).rho).toBe(0);
  });

  it("on the bundled wave 1: the prior across the 190 rated cells x initiatives and a shrunken rate, as R", () => {
    const r = topInitiatives(ratings, { wave: 1, rankBy: "shrunken" });
    // R: rates 190; mean 0.515410958904, rho 0.360267815329; young x know one_on_one 21/23 -> 0.884544553773
    expect(r.prior.rates).toBe(190);
    expect(r.prior.mean).toBeCloseTo(0.515410958904, 11);
    expect(r.prior.rho).toBeCloseTo(0.360267815329, 10);
    const e = r.all.find((x) => x.row === "young" && x.column === "know" && x.initiative === "one_on_one")!;
    expect([e.companies, e.practised]).toEqual([21, 23]);
    expect(e.shrunken).toBeCloseTo(0.884544553773, 10);
    // Ranked by the shrunken rate within each cell.
    for (const row of r.rows) for (const column of r.columns) {
      const mine = r.cells.filter((c) => c.row === row && c.column === column);
      for (let i = 1; i < mine.length; i++) expect(mine[i - 1]!.shrunken).toBeGreaterThanOrEqual(mine[i]!.shrunken);
    }
  });

  it("shrinks toward the mean in proportion to noise: 5/5 falls below a steadier 5/6 only if the prior says so, and never above the raw rate", () => {
    const r = topInitiatives(small, { rankBy: "shrunken", k: 4 });
    for (const c of r.cells) {
      if (c.share > r.prior.mean) expect(c.shrunken).toBeLessThanOrEqual(c.share);
      else expect(c.shrunken).toBeGreaterThanOrEqual(c.share);
    }
  });
});

describe("topInitiatives: intervals over whole companies, labelled; stability is an inclusion frequency", () => {
  it("with the bootstrap, percentile intervals of the effect and shrunken rates from company resamples, seeded", () => {
    const a = topInitiatives(ratings, { wave: 1, stability: { resamples: 200, seed: 5 } });
    const b = topInitiatives(ratings, { wave: 1, stability: { resamples: 200, seed: 5 } });
    expect(a.intervals).toBe("company bootstrap percentiles");
    expect(a.cells.map((c) => [c.ciLow, c.ciHigh, c.shrunkenLow])).toEqual(b.cells.map((c) => [c.ciLow, c.ciHigh, c.shrunkenLow]));
    for (const c of a.cells) {
      expect(c.ciLow).toBeLessThanOrEqual(c.share + 1e-12);
      expect(c.ciHigh).toBeGreaterThanOrEqual(c.share - 1e-12);
      expect(c.shrunkenLow!).toBeLessThanOrEqual(c.shrunkenHigh!);
    }
    expect(topInitiatives(ratings, { wave: 1 }).intervals).toBe("Wilson over companies");
    expect(a.method).toMatch(/inclusion frequency/);
  });

  it("says, in Japanese and English, that the 25 companies are the whole consortium and what the intervals describe; that winners are inflated", () => {
    const r = topInitiatives(ratings, { wave: 1 });
    const [population, selection] = r.notes;
    expect(population!.localized.en).toMatch(/25 companies are the whole consortium.*wider population/);
    expect(population!.localized.ja).toMatch(/25社はコンソーシアムの全社/);
    expect(selection!.localized.en).toMatch(/190 cell × initiative.*inflated.*bootstrap inclusion frequency/);
    expect(selection!.localized.ja).toMatch(/過大/);
  });
});
