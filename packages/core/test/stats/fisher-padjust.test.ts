import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fisherExact } from "../../src/stats/fisher.js";
import { adjustPValues } from "../../src/stats/p-adjust.js";
import { expectNear, referenceCase } from "./reference.js";

const PRECISE: Record<string, [number, number]> = Object.fromEntries(
  readFileSync(join(import.meta.dirname, "r", "fisher_ci_precise.out"), "utf8").trim().split("\n").map((l) => {
    const [name, lo, hi] = l.trim().split(/\s+/);
    return [name!, [Number(lo), Number(hi)]];
  }),
);

describe("Fisher's exact test (reference 03_contingency)", () => {
  const ref = referenceCase("03_contingency");
  const tables: Record<string, number[][]> = {
    fisher_tea_twosided: [[3, 1], [1, 3]],
    fisher_tea_greater: [[3, 1], [1, 3]],
    fisher_ucb_2x2: [[1198, 557], [1493, 1278]],
    fisher_case_by_anyspont_2x2: [[113, 52], [28, 55]],
  };
  for (const [id, t] of Object.entries(tables)) {
    it(id, () => {
      const e = ref.entry(id);
      const v = e.values as { p_value: number; odds_ratio_conditional_mle_precise: number; conf_int: [number, number | string]; alternative: string };
      const r = fisherExact(t, { alternative: v.alternative === "greater" ? "greater" : "two-sided" });
      expectNear(r.pValue, v.p_value, e, "p_value");
      expect(Math.abs(r.estimate! - v.odds_ratio_conditional_mle_precise) / v.odds_ratio_conditional_mle_precise).toBeLessThan(1e-8);
      // R's fisher.test solves the interval with uniroot's default tolerance (its tea upper bound is
      // off by 0.7%); compare with the same equations solved precisely (r/fisher_ci_precise.R → .out).
      const name = id.startsWith("fisher_tea") ? "tea" : id === "fisher_ucb_2x2" ? "ucb" : "case_spont";
      if (v.alternative === "two.sided") {
        const [lo, hi] = PRECISE[name]!;
        expect(Math.abs(r.ciLow! - lo) / lo).toBeLessThan(1e-8);
        expect(Math.abs(r.ciHigh! - hi) / hi).toBeLessThan(1e-8);
        expect(Math.abs(r.ciLow! - v.conf_int[0]) / v.conf_int[0]).toBeLessThan(1e-2);
      } else {
        expect(Math.abs(r.ciLow! - v.conf_int[0]) / v.conf_int[0]).toBeLessThan(1e-3);
        expect(r.ciHigh).toBe(Infinity);
      }
    });
  }
  it("fisher_education_by_induced_3x3 (r × c by enumeration)", () => {
    const e = ref.entry("fisher_education_by_induced_3x3");
    const r = fisherExact([[4, 2, 6], [78, 27, 15], [61, 39, 16]]);
    expectNear(r.pValue, (e.values as { p_value: number }).p_value, e, "p_value");
    expect(r.estimate).toBeNull();
  });
});

describe("adjustPValues as R's p.adjust", () => {
  // R 4.2.2 (this machine): p <- c(0.01, 0.04, 0.04, 0.2, 0.5, NA, 0.003); p.adjust(p, m) for each method.
  const p = [0.01, 0.04, 0.04, 0.2, 0.5, null, 0.003];
  const r: Record<string, (number | null)[]> = {
    holm: [0.05, 0.16, 0.16, 0.4, 0.5, null, 0.018],
    hochberg: [0.05, 0.12, 0.12, 0.4, 0.5, null, 0.018],
    bonferroni: [0.06, 0.24, 0.24, 1, 1, null, 0.018],
    BH: [0.03, 0.06, 0.06, 0.24, 0.5, null, 0.018],
    BY: [0.0735, 0.147, 0.147, 0.588, 1, null, 0.0441],
  };
  for (const [method, expected] of Object.entries(r)) {
    it(method, () => {
      const got = adjustPValues(p, method as "holm");
      got.forEach((g, i) => (expected[i] === null ? expect(g).toBeNull() : expect(g).toBeCloseTo(expected[i]!, 12)));
    });
  }
});
