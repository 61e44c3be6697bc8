// Issue 14, finding 7: intervals of shares pooled over cells treat a company's ratings as one
// cluster (its house tendency), not as independent ratings. Oracle: r/initiatives-clustered.R.
import { join } from "node:path";
import { clusteredShare, initiativeOutcomes, initiativeReport, proportionInterval, readInitiativeRatings } from "@koe/core";
import * as aq from "arquero";
import { beforeAll, describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..", "..", "..");
let ratings: ReturnType<typeof aq.table>;
beforeAll(async () => {
  ratings = (await readInitiativeRatings(join(root, "data", "initiative_ratings.csv"))).table;
});

describe("clusteredShare: Wilson on the effective sample size under company clustering", () => {
  it("agrees with an independent R write-out; with no clustering it is prop.test's Wilson interval", () => {
    // R: estimate 0.5, low 0.16444007661, high 0.83555992339, deff 6.4
    const s = clusteredShare([9, 1, 5], [10, 10, 10])!;
    expect(s.designEffect).toBeCloseTo(6.4, 10);
    expect(s.ciLow).toBeCloseTo(0.16444007661, 10);
    expect(s.ciHigh).toBeCloseTo(0.83555992339, 10);
    // R: prop.test(6, 20, correct = FALSE)$conf.int = 0.145477244868 0.518972818354
    const flat = clusteredShare([3, 3], [10, 10])!;
    expect(flat.designEffect).toBe(1);
    expect([flat.ciLow, flat.ciHigh].map((v) => Number(v.toFixed(11)))).toEqual([0.14547724487, 0.51897281835]);
    expect(clusteredShare([0], [0])).toBeNull();
  });

  it("initiativeOutcomes' pooled rates of the bundled wave 1 carry the clustered intervals (self-assessment: deff 1.59 and 1.25)", () => {
    const row = initiativeOutcomes(ratings, { wave: 1 }).rows.find((r) => r.initiative === "self_assessment")!;
    // R: adoption 0.676923076923 [0.569574237816, 0.768386019073]; effect 0.261363636364 [0.172914443671, 0.374566678204]
    expect(row.adoptionRate!).toBeCloseTo(0.676923076923, 11);
    expect(row.adoptionLow!).toBeCloseTo(0.569574237816, 10);
    expect(row.adoptionHigh!).toBeCloseTo(0.768386019073, 10);
    expect(row.effectLow!).toBeCloseTo(0.172914443671, 10);
    expect(row.effectHigh!).toBeCloseTo(0.374566678204, 10);
    // Wider than the interval that takes the ratings as independent (R: prop.test 0.180932391199 0.361757799709).
    const independent = proportionInterval(row.practisedEffective!, row.practisedNoEffect! + row.practisedEffective!);
    expect(row.effectLow!).toBeLessThan(independent.ciLow!);
    expect(row.effectHigh!).toBeGreaterThan(independent.ciHigh!);
  });

  it("the report's outcomes table shows the same clustered intervals", () => {
    const report = initiativeReport(ratings, { wave: 1, resamples: 0 });
    const analyst = initiativeOutcomes(ratings, { wave: 1 }).rows;
    const shown = report.tables.outcomes!.rows.filter((r) => !r.suppressed && r.effectLow !== null);
    expect(shown.length).toBeGreaterThan(0);
    for (const r of shown) {
      const a = analyst.find((x) => x.initiative === r.initiative)!;
      expect([r.effectLow, r.effectHigh, r.adoptionLow, r.adoptionHigh]).toEqual([a.effectLow, a.effectHigh, a.adoptionLow, a.adoptionHigh]);
    }
  });
});
