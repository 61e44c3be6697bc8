import { cohensKappa, correlationMatrix, describe as describeData, fleissKappa, krippendorffAlpha, proportionsTest } from "@koe/core";
import { describe, expect, it } from "vitest";
import { expectNear, referenceCase } from "./reference.js";

describe("the remaining reference entries", () => {
  it("02: group means and SDs (tg_group_means, tg_group_sds)", () => {
    const ref = referenceCase("02_anova_kruskal");
    const tg = ref.csv("toothgrowth.csv");
    const m = ref.entry("tg_group_means");
    const s = ref.entry("tg_group_sds");
    for (const dose of ["0.5", "1", "2"]) {
      const d = describeData(tg.filter((r) => r.dose === dose).map((r) => +r.len!));
      expectNear(d.mean, (m.values as Record<string, number>)[`dose_${dose}`], m, "mean");
      expectNear(d.sd, (s.values as Record<string, number>)[`dose_${dose}`], s, "sd");
    }
  });

  it("04: prop.test for k groups and for two groups with and without Yates", () => {
    const ref = referenceCase("04_proportion_ci");
    const sm = ref.csv("smokers_fleiss.csv");
    const x = sm.map((r) => +r.smokers!);
    const n = sm.map((r) => +r.patients!);
    const k = ref.entry("prop_test_k_groups");
    const rk = proportionsTest(x, n);
    expectNear(rk.statistic, (k.values as { statistic: number }).statistic, k, "statistic");
    expectNear(rk.pValue, (k.values as { p_value: number }).p_value, k, "p_value");
    for (const [id, correct] of [["prop_test_2_groups_yates", true], ["prop_test_2_groups_nocorrect", false]] as const) {
      const e = ref.entry(id);
      const v = e.values as { statistic: number; p_value: number; conf_int: [number, number] };
      const r = proportionsTest(x.slice(0, 2), n.slice(0, 2), { correct });
      expectNear(r.statistic, v.statistic, e, "statistic");
      expectNear(r.pValue, v.p_value, e, "p_value");
      expectNear(r.ciLow, v.conf_int[0], e, "conf_int");
      expectNear(r.ciHigh, v.conf_int[1], e, "conf_int");
    }
  });

  it("05: Pearson and Spearman correlation matrices", () => {
    const ref = referenceCase("05_correlation");
    const mt = ref.csv("mtcars.csv");
    for (const [id, method] of [["pearson_matrix", "pearson"], ["spearman_matrix", "spearman"]] as const) {
      const e = ref.entry(id);
      const v = e.values as { variables: string[]; matrix: number[][] };
      const r = correlationMatrix(Object.fromEntries(v.variables.map((c) => [c, mt.map((row) => +row[c]!)])), { method });
      r.matrix.forEach((row, i) => row.forEach((x, j) => expectNear(x, v.matrix[i]![j], e, "matrix")));
    }
  });

  it("09: kappa formula details, Conger's exact kappa, Krippendorff's coincidences, irr's padded anxiety", () => {
    const ref = referenceCase("09_interrater_agreement");
    const dg = ref.csv("diagnoses.csv");
    const levels = ["1. Depression", "2. Personality Disorder", "3. Schizophrenia", "4. Neurosis", "5. Other"];
    const cf = ref.entry("cohen_formula_diagnoses_r1r2");
    const c = cohensKappa(dg.map((r) => r.rater1!), dg.map((r) => r.rater2!), { levels });
    expectNear(c.observedAgreement, (cf.values as { p_observed: number }).p_observed, cf, "p_observed");
    expectNear(c.expectedAgreement, (cf.values as { p_expected: number }).p_expected, cf, "p_expected");
    const anx = ref.csv("anxiety.csv");
    const ca = ref.entry("cohen_formula_anxiety_r1r2");
    for (const [w, weights] of [["none", "unweighted"], ["linear", "linear"], ["quadratic", "quadratic"]] as const) {
      const r = cohensKappa(anx.map((row) => +row.rater1!), anx.map((row) => +row.rater2!), { weights, levels: [1, 2, 3, 4, 5, 6] });
      const v = (ca.values as Record<string, { kappa: number; p_observed: number; p_expected: number }>)[w]!;
      expectNear(r.estimate, v.kappa, ca, "kappa");
      expectNear(r.observedAgreement, v.p_observed, ca, "p_observed");
      expectNear(r.expectedAgreement, v.p_expected, ca, "p_expected");
    }
    const sf = ref.csv("sexualfun_freq.csv");
    const h: string[] = [];
    const wv: string[] = [];
    for (const r of sf) for (let i = 0; i < +r.Freq!; i++) {
      h.push(r.Husband!);
      wv.push(r.Wife!);
    }
    const cs = ref.entry("cohen_formula_sexualfun");
    for (const [w, weights] of [["none", "unweighted"], ["linear", "linear"], ["quadratic", "quadratic"]] as const) {
      const r = cohensKappa(h, wv, { weights, levels: ["Never Fun", "Fairly Often", "Very Often", "Always fun"] });
      expectNear(r.estimate, (cs.values as Record<string, { kappa: number }>)[w]!.kappa, cs, "kappa");
    }
    const ff = ref.entry("fleiss_formula_diagnoses");
    const f = fleissKappa(dg.map((row) => Object.values(row)));
    const fv = ff.values as { P_bar: number; P_e: number; p_j: number[] };
    expectNear(f.observedAgreement, fv.P_bar, ff, "P_bar");
    expectNear(f.expectedAgreement, fv.P_e, ff, "P_e");
    f.categoryProportions.forEach((p, j) => expectNear(p, fv.p_j[j], ff, "p_j"));
    const ex = ref.entry("fleiss_exact_conger_diagnoses");
    expectNear(fleissKappa(dg.map((row) => Object.values(row)), { exact: true }).estimate, (ex.values as { value: number }).value, ex, "value");
    const kr = ref.csv("krippendorff_2011_reliability_data.csv");
    const data = kr.map((row) => Object.entries(row).filter(([k]) => k !== "observer").map(([, v]) => (v === "" ? null : +v)));
    const kf = ref.entry("kripp_formula_2011_example");
    const kv = (kf.values as Record<string, { alpha: number; D_observed: number; D_expected: number; n_pairable_values: number; coincidence_matrix?: number[][] }>);
    for (const level of ["nominal", "ordinal", "interval", "ratio"] as const) {
      const r = krippendorffAlpha(data, { level });
      expectNear(r.estimate, kv[level]!.alpha, kf, "alpha");
      expectNear(r.observedDisagreement, kv[level]!.D_observed, kf, "D_observed");
      expectNear(r.expectedDisagreement, kv[level]!.D_expected, kf, "D_expected");
      expect(r.pairable).toBe(kv[level]!.n_pairable_values);
      kv[level]!.coincidence_matrix?.forEach((row, i) => row.forEach((x, j) => expectNear(r.coincidences[i]![j], x, kf, "coincidence_matrix")));
    }
    const pad = ref.entry("kripp_irr_anxiety_padded");
    const coders = ["rater1", "rater2", "rater3"].map((col, i) => [...anx.map((r) => +r[col]!), i === 0 ? 1 : null]);
    for (const level of ["nominal", "ordinal", "interval", "ratio"] as const) expectNear(krippendorffAlpha(coders, { level }).estimate, (pad.values as Record<string, number>)[level], pad, level);
  });
});
