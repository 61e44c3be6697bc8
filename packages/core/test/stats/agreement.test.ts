import { describe, expect, it } from "vitest";
import { cohensKappa, fleissKappa, krippendorffAlpha } from "../../src/stats/agreement.js";
import { expectNear, referenceCase } from "./reference.js";

const ref = referenceCase("09_interrater_agreement");
const diagnoses = ref.csv("diagnoses.csv");
const anxiety = ref.csv("anxiety.csv");
const kripp = ref.csv("krippendorff_2011_reliability_data.csv");
const sexualfun = ref.csv("sexualfun_freq.csv");
const colOf = (rows: Record<string, string>[], c: string, numeric = false) => rows.map((r) => (numeric ? +r[c]! : r[c]!));

describe("Cohen's kappa (irr::kappa2, vcd::Kappa)", () => {
  const cases: [string, Parameters<typeof cohensKappa>, boolean][] = [
    ["cohen_unweighted_diagnoses_r1r2", [colOf(diagnoses, "rater1"), colOf(diagnoses, "rater2")], false],
    ["cohen_unweighted_anxiety_r1r2", [colOf(anxiety, "rater1", true), colOf(anxiety, "rater2", true)], false],
    ["cohen_linear_anxiety_r1r2", [colOf(anxiety, "rater1", true), colOf(anxiety, "rater2", true), { weights: "linear" }], false],
    ["cohen_quadratic_anxiety_r1r2", [colOf(anxiety, "rater1", true), colOf(anxiety, "rater2", true), { weights: "quadratic" }], false],
  ];
  for (const [id, args] of cases) {
    it(id, () => {
      const e = ref.entry(id);
      const v = e.values as { value: number; statistic: number; p_value: number };
      const r = cohensKappa(...args);
      expectNear(r.estimate, v.value, e, "value");
      expectNear(r.statistic, v.statistic, e, "statistic");
      expectNear(r.pValue, v.p_value, e, "p_value");
    });
  }
  it("asymptotic standard errors as vcd::Kappa (sexualfun)", () => {
    const levels = ["Never Fun", "Fairly Often", "Very Often", "Always fun"];
    const h: string[] = [];
    const w: string[] = [];
    for (const r of sexualfun) for (let i = 0; i < +r.Freq!; i++) {
      h.push(r.Husband!);
      w.push(r.Wife!);
    }
    const e = ref.entry("cohen_vcd_sexualfun");
    const v = e.values as { unweighted: { value: number; ASE: number }; weighted_equal_spacing: { value: number; ASE: number } };
    const u = cohensKappa(h, w, { levels });
    expectNear(u.estimate, v.unweighted.value, e, "unweighted");
    expectNear(u.stdError, v.unweighted.ASE, e, "ASE");
    const lin = cohensKappa(h, w, { levels, weights: "linear" });
    expectNear(lin.estimate, v.weighted_equal_spacing.value, e, "weighted");
    expectNear(lin.stdError, v.weighted_equal_spacing.ASE, e, "ASE");
    const e2 = ref.entry("cohen_vcd_sexualfun_fleiss_cohen");
    const v2 = e2.values as { weighted_fleiss_cohen: { value: number; ASE: number } };
    const quad = cohensKappa(h, w, { levels, weights: "quadratic" });
    expectNear(quad.estimate, v2.weighted_fleiss_cohen.value, e2, "weighted");
    expectNear(quad.stdError, v2.weighted_fleiss_cohen.ASE, e2, "ASE");
  });
});

describe("Fleiss' kappa (irr::kappam.fleiss)", () => {
  for (const [id, rows] of [["fleiss_diagnoses", diagnoses], ["fleiss_anxiety", anxiety]] as const) {
    it(id, () => {
      const e = ref.entry(id);
      const v = e.values as { value: number; statistic: number; p_value: number };
      const r = fleissKappa(rows.map((row) => Object.values(row)));
      expectNear(r.estimate, v.value, e, "value");
      expectNear(r.statistic, v.statistic, e, "statistic");
      expectNear(r.pValue, v.p_value, e, "p_value");
    });
  }
  it("per-category kappas", () => {
    const e = ref.entry("fleiss_diagnoses_detail");
    const v = e.values as Record<string, { kappa: number; z: number }>;
    const r = fleissKappa(diagnoses.map((row) => Object.values(row)));
    for (const c of r.categoryKappas) {
      expectNear(c.kappa, v[String(c.category)]!.kappa, e, "kappa");
      expectNear(c.z, v[String(c.category)]!.z, e, "z");
    }
  });
});

describe("Krippendorff's alpha (2011 worked example, with missing data)", () => {
  const data = kripp.map((row) => Object.entries(row).filter(([k]) => k !== "observer").map(([, v]) => (v === "" ? null : +v)));
  for (const level of ["nominal", "ordinal", "interval", "ratio"] as const) {
    it(level, () => {
      const e = ref.entry(`kripp_${level}_2011_example`);
      expectNear(krippendorffAlpha(data, { level }).estimate, (e.values as { value: number }).value, e, "value");
    });
  }
  it("nominal is Krippendorff's published 0.743", () => {
    expect(krippendorffAlpha(data).estimate).toBeCloseTo(0.743, 3);
  });
  it("complete data with more than two coders (where irr is known to be wrong)", () => {
    const e = ref.entry("kripp_formula_anxiety");
    const v = e.values as Record<string, { alpha: number }>;
    const coders = ["rater1", "rater2", "rater3"].map((c) => anxiety.map((r) => +r[c]!));
    for (const level of ["nominal", "ordinal", "interval", "ratio"] as const) expectNear(krippendorffAlpha(coders, { level }).estimate, v[level]!.alpha, e, "alpha");
  });
});
