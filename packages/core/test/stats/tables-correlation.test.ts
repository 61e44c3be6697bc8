import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { chiSquareTest, cramersV } from "../../src/stats/chi-square.js";
import { kendall, pearson, spearman } from "../../src/stats/correlation.js";
import { proportionInterval, type ProportionMethod } from "../../src/stats/proportions.js";
import { expectNear, referenceCase } from "./reference.js";

describe("proportion intervals (reference 04_proportion_ci), including x = 0 and x = n", () => {
  const ref = referenceCase("04_proportion_ci");
  const methods: [string, ProportionMethod][] = [
    ["wilson", "wilson"],
    ["wilson_cc", "wilson-cc"],
    ["clopper_pearson", "clopper-pearson"],
    ["jeffreys", "jeffreys"],
    ["agresti_coull", "agresti-coull"],
    ["wald", "wald"],
  ];
  for (const [id, method] of methods) {
    it(method, () => {
      const e = ref.entry(id);
      const rows = (e.values as { rows: { x: number; n: number; lower: number; upper: number }[] }).rows;
      expect(rows.length).toBeGreaterThan(5);
      for (const row of rows) {
        const r = proportionInterval(row.x, row.n, { method });
        expectNear(r.ciLow, row.lower, e, "lower");
        expectNear(r.ciHigh, row.upper, e, "upper");
      }
    });
  }
  it("rejects impossible counts", () => {
    expect(() => proportionInterval(5, 4)).toThrow(/x must be a whole number from 0 to n = 4/);
  });
});

describe("chi-square and Cramér's V (reference 03_contingency)", () => {
  const ref = referenceCase("03_contingency");
  const ids = ["chisq_case_by_education_2x3", "chisq_case_by_spontaneous_2x3", "chisq_education_by_induced_3x3", "chisq_hair_by_eye_4x4", "chisq_ucb_2x2_yates", "chisq_ucb_2x2_noyates", "chisq_case_by_anyspont_2x2_yates", "chisq_case_by_anyspont_2x2_noyates"];
  for (const id of ids) {
    it(id, () => {
      const e = ref.entry(id);
      const v = e.values as { statistic: number; df: number; p_value: number; observed: number[][]; expected: number[][]; residuals?: number[][]; stdres?: number[][]; cramers_v?: number };
      const r = chiSquareTest(v.observed, { correct: !id.endsWith("noyates") });
      expectNear(r.statistic, v.statistic, e, "statistic");
      expect(r.df).toBe(v.df);
      expectNear(r.pValue, v.p_value, e, "p_value");
      r.expected.forEach((row, i) => row.forEach((x, j) => expectNear(x, v.expected[i]![j], e, "expected")));
      if (v.residuals) r.residuals.forEach((row, i) => row.forEach((x, j) => expectNear(x, v.residuals![i]![j], e, "residuals")));
      if (v.stdres) r.stdResiduals.forEach((row, i) => row.forEach((x, j) => expectNear(x, v.stdres![i]![j], e, "stdres")));
      if (v.cramers_v !== undefined) expectNear(cramersV(v.observed).estimate, v.cramers_v, e, "cramers_v");
    });
  }
});

describe("correlation (reference 05_correlation)", () => {
  const ref = referenceCase("05_correlation");
  const mtcars = ref.csv("mtcars.csv");
  const faithful = ref.csv("faithful.csv");
  const col = (rows: Record<string, string>[], c: string) => rows.map((r) => +r[c]!);
  const cases: [string, () => ReturnType<typeof pearson>][] = [
    ["pearson_mpg_wt", () => pearson(col(mtcars, "mpg"), col(mtcars, "wt"))],
    ["pearson_mpg_hp", () => pearson(col(mtcars, "mpg"), col(mtcars, "hp"))],
    ["pearson_mpg_drat", () => pearson(col(mtcars, "mpg"), col(mtcars, "drat"))],
    ["pearson_faithful", () => pearson(col(faithful, "eruptions"), col(faithful, "waiting"))],
    ["pearson_mpg_wt_90", () => pearson(col(mtcars, "mpg"), col(mtcars, "wt"), { confLevel: 0.9 })],
    ["spearman_mpg_wt", () => spearman(col(mtcars, "mpg"), col(mtcars, "wt"), { exact: false })],
    ["spearman_mpg_hp", () => spearman(col(mtcars, "mpg"), col(mtcars, "hp"), { exact: false })],
    ["spearman_faithful", () => spearman(col(faithful, "eruptions"), col(faithful, "waiting"), { exact: false })],
    ["kendall_mpg_wt", () => kendall(col(mtcars, "mpg"), col(mtcars, "wt"), { exact: false })],
    ["kendall_mpg_hp", () => kendall(col(mtcars, "mpg"), col(mtcars, "hp"), { exact: false })],
  ];
  for (const [id, run] of cases) {
    it(id, () => {
      const e = ref.entry(id);
      const v = e.values as { estimate: number; statistic: number; p_value: number; df?: number; conf_int?: [number, number] };
      const r = run();
      expectNear(r.estimate, v.estimate, e, "estimate");
      expectNear(r.statistic, v.statistic, e, "statistic");
      expectNear(r.pValue, v.p_value, e, "p_value");
      if (v.conf_int) {
        expectNear(r.ciLow, v.conf_int[0], e, "conf_int");
        expectNear(r.ciHigh, v.conf_int[1], e, "conf_int");
      }
    });
  }
});

describe("spearman exact p-values as R's prho (r/spearman.R)", () => {
  const R = JSON.parse(readFileSync(join(import.meta.dirname, "r", "spearman.json"), "utf8")) as { cases: { n: number; x: number[]; y: number[]; alternative: string; rho: number; S: number; p: number }[] };
  for (const c of R.cases) {
    it(`n = ${c.n}, ${c.alternative}`, () => {
      const alternative = c.alternative === "two.sided" ? "two-sided" : (c.alternative as "less" | "greater");
      const r = spearman(c.x, c.y, { alternative });
      expect(r.exact).toBe(true);
      expect(r.estimate).toBeCloseTo(c.rho, 12);
      expect(Math.abs(r.pValue! - c.p)).toBeLessThanOrEqual(1e-12 + 1e-9 * c.p);
    });
  }
});
