import {
  cohensKappa, InsufficientDataError, kendall, krippendorffAlpha, kruskalWallis, mannWhitneyU, oneSampleTTest, oneWayAnova, pairedTTest,
  pearson, proportionInterval, spearman, studentTTest, welchAnova, welchTTest, wilcoxonSignedRank,
} from "@koe/core";
import { describe, expect, it } from "vitest";

describe("edge cases: one policy — too little data throws InsufficientDataError naming the function", () => {
  it("n = 1 and n = 2", () => {
    expect(() => oneSampleTTest([1])).toThrow(InsufficientDataError);
    expect(oneSampleTTest([1, 3]).df).toBe(1);
    expect(() => welchTTest([1], [2, 3])).toThrow(/welchTTest needs at least 2 values in column "x" \(found 1\)/);
    // R: t.test(c(1), c(2, 3), var.equal = TRUE) works (pooled df = 1).
    expect(studentTTest([1], [2, 3]).df).toBe(1);
    expect(() => pearson([1, 2], [3, 4])).toThrow(/pearson needs at least 3 complete pairs \(found 2\)/);
    expect(() => mannWhitneyU([], [1])).toThrow(InsufficientDataError);
  });

  it("NaN and null are counted as missing and dropped", () => {
    const r = welchTTest([1, 2, null, 3, Number.NaN], [4, 5, 6]);
    expect(r.nMissing).toBe(2);
    expect(r.n).toBe(6);
    expect(pairedTTest([1, 2, 3, null], [2, 2, 5, 1]).nMissing).toBe(1);
    expect(pearson([1, 2, 3, 4, null], [2, 1, 4, 3, 5]).nMissing).toBe(1);
  });

  it("all-equal values and zero variance give a clear error, not NaN", () => {
    expect(() => oneSampleTTest([2, 2, 2])).toThrow(/essentially constant/);
    expect(() => welchTTest([2, 2, 2], [2, 2, 2])).toThrow(/essentially constant/);
    expect(() => wilcoxonSignedRank([1, 2, 3], [1, 2, 3])).toThrow(/non-zero differences/);
    expect(() => pearson([1, 1, 1], [1, 2, 3])).toThrow(/constant/);
    expect(() => welchAnova([[1, 1], [2, 3]])).toThrow(/zero variance/);
  });

  it("ties: rank tests switch to the tie-corrected normal approximation as R does", () => {
    // R 4.2.2: wilcox.test(c(1, 2, 2, 3), c(2, 3, 4, 4)) → W = 2.5, p = 0.1341691801 ("cannot compute exact p-value with ties")
    const r = mannWhitneyU([1, 2, 2, 3], [2, 3, 4, 4]);
    expect(r.exact).toBe(false);
    expect(r.statistic).toBe(2.5);
    expect(r.pValue).toBeCloseTo(0.1341691801, 9);
    // R 4.2.2: kruskal.test(list(c(1, 1, 2), c(2, 3, 3), c(3, 4, 4))) → Kruskal-Wallis chi-squared = 6.442477876
    expect(kruskalWallis([[1, 1, 2], [2, 3, 3], [3, 4, 4]]).statistic).toBeCloseTo(6.442477876, 8);
    expect(spearman([1, 2, 2, 3], [1, 3, 2, 4]).exact).toBe(false);
    expect(kendall([1, 2, 2, 3], [1, 3, 2, 4]).exact).toBe(false);
  });

  it("proportions at x = 0 and x = n stay inside [0, 1] and touch the edge", () => {
    for (const method of ["wilson", "wilson-cc", "clopper-pearson", "jeffreys"] as const) {
      expect(proportionInterval(0, 12, { method }).ciLow).toBe(0);
      expect(proportionInterval(12, 12, { method }).ciHigh).toBe(1);
    }
  });

  it("agreement and ANOVA edge cases", () => {
    expect(() => cohensKappa(["a"], ["a"])).toThrow(/at least 2 subjects/);
    expect(() => krippendorffAlpha([[1, null], [null, 2]])).toThrow(/pairable/);
    expect(() => oneWayAnova([[1, 2]])).toThrow(/at least 2 groups/);
  });
});
