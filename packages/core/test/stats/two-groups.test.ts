import { describe, expect, it } from "vitest";
import { cohensD, hedgesG } from "../../src/stats/effect-sizes.js";
import { mannWhitneyU, wilcoxonSignedRank } from "../../src/stats/rank-tests.js";
import { oneSampleTTest, pairedTTest, studentTTest, welchTTest } from "../../src/stats/t-tests.js";
import { expectNear, referenceCase } from "./reference.js";

const ref = referenceCase("01_two_group_sleep");
const sleep = ref.csv("sleep.csv");
const group = (g: string) => sleep.filter((r) => r.group === g).sort((a, b) => +a.ID! - +b.ID!).map((r) => +r.extra!);
const g1 = group("1");
const g2 = group("2");
const perm = ref.csv("hollander_wolfe_permeability.csv");
const dep = ref.csv("hollander_wolfe_depression.csv");

function checkT(id: string, r: ReturnType<typeof welchTTest>) {
  const e = ref.entry(id);
  const v = e.values as { statistic: number; df: number; p_value: number; conf_int: [number, number]; stderr: number };
  expectNear(r.statistic, v.statistic, e, "statistic");
  expectNear(r.df, v.df, e, "df");
  expectNear(r.pValue, v.p_value, e, "p_value");
  expectNear(r.ciLow, v.conf_int[0], e, "conf_int");
  expectNear(r.ciHigh, v.conf_int[1], e, "conf_int");
  expectNear(r.stdError, v.stderr, e, "stderr");
}

describe("t-tests as R's t.test (reference 01_two_group_sleep)", () => {
  it("Welch, Student and paired", () => {
    checkT("welch_t", welchTTest(g1, g2));
    checkT("student_t", studentTTest(g1, g2));
    checkT("paired_t", pairedTTest(g1, g2));
    expect(welchTTest(g1, g2).estimates).toEqual([0.75, 2.33]);
  });

  it("results have the fixed keys whatever the options, and a tidy table", () => {
    const keys = Object.keys(welchTTest(g1, g2)).sort();
    expect(Object.keys(welchTTest(g1, g2, { alternative: "less", confLevel: 0.9, mu: 1 })).sort()).toEqual(keys);
    const t = welchTTest(g1, g2).toTable();
    expect(t.columnNames()).toEqual(["method", "alternative", "estimate", "stdError", "statistic", "df", "pValue", "ciLow", "ciHigh", "confLevel", "n", "nMissing"]);
  });

  it("missing values are counted and dropped; too little data and zero variance throw clearly", () => {
    const r = welchTTest([...g1, Number.NaN, null], g2);
    expect(r.nMissing).toBe(2);
    expect(r.pValue).toBeCloseTo(welchTTest(g1, g2).pValue!, 14);
    expect(() => welchTTest([1], g2)).toThrow(/welchTTest needs at least 2 values in column "x" \(found 1\)/);
    expect(() => oneSampleTTest([3, 3, 3])).toThrow(/essentially constant/);
  });
});

describe("Wilcoxon tests as R's wilcox.test (reference 01)", () => {
  const x = perm.filter((r) => r.group === "term").map((r) => +r.value!);
  const y = perm.filter((r) => r.group === "early").map((r) => +r.value!);
  const first = dep.map((r) => +r.first!);
  const second = dep.map((r) => +r.second!);
  const cases: [string, ReturnType<typeof mannWhitneyU>][] = [
    ["wilcox_ranksum_default", mannWhitneyU(g1, g2)],
    ["wilcox_ranksum_nocorrect", mannWhitneyU(g1, g2, { exact: false, correct: false })],
    ["wilcox_signedrank_paired", wilcoxonSignedRank(g1, g2)],
    ["wilcox_ranksum_exact_hw", mannWhitneyU(x, y, { alternative: "greater" })],
    ["wilcox_ranksum_exact_hw_twosided", mannWhitneyU(x, y)],
    ["wilcox_ranksum_normal_hw", mannWhitneyU(x, y, { alternative: "greater", exact: false, correct: false })],
    ["wilcox_signedrank_exact_hw", wilcoxonSignedRank(first, second, { alternative: "greater" })],
    ["wilcox_signedrank_exact_hw_twosided", wilcoxonSignedRank(first, second)],
  ];
  for (const [id, r] of cases) {
    it(id, () => {
      const e = ref.entry(id);
      const v = e.values as { statistic: number; p_value: number; method: string };
      expectNear(r.statistic, v.statistic, e, "statistic");
      expectNear(r.pValue, v.p_value, e, "p_value");
      expect(r.method).toBe(v.method);
    });
  }
});

describe("effect sizes (reference 01)", () => {
  it("Cohen's d and Hedges' g with the pooled SD", () => {
    const e = ref.entry("effect_sizes");
    const v = e.values as { cohens_d: number; hedges_g: number; pooled_sd: number };
    const d = cohensD(g1, g2);
    expectNear(d.estimate, v.cohens_d, e, "cohens_d");
    expectNear(d.pooledSd, v.pooled_sd, e, "pooled_sd");
    expectNear(hedgesG(g1, g2).estimate, v.hedges_g, e, "hedges_g");
    expect(d.ciLow!).toBeLessThan(d.estimate!);
    expect(d.ciHigh!).toBeGreaterThan(d.estimate!);
  });
});
