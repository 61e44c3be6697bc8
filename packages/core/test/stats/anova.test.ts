import { describe, expect, it } from "vitest";
import { kruskalWallis, oneWayAnova, tukeyHsd, welchAnova } from "../../src/stats/anova.js";
import { expectNear, referenceCase } from "./reference.js";

const ref = referenceCase("02_anova_kruskal");
const tg = ref.csv("toothgrowth.csv");
const pg = ref.csv("plantgrowth.csv");
const split = (rows: Record<string, string>[], y: string, g: string, levels: string[]) => levels.map((l) => rows.filter((r) => r[g] === l).map((r) => +r[y]!));
const dose = split(tg, "len", "dose", ["0.5", "1", "2"]);
const supp = split(tg, "len", "supp", ["OJ", "VC"]);
const plant = split(pg, "weight", "group", ["ctrl", "trt1", "trt2"]);

describe("one-way ANOVA family (reference 02_anova_kruskal)", () => {
  for (const [id, groups] of [["tg_anova_dose", dose], ["tg_anova_supp", supp], ["pg_anova_group", plant]] as const) {
    it(id, () => {
      const e = ref.entry(id);
      const v = e.values as Record<string, number>;
      const r = oneWayAnova(groups);
      expectNear(r.statistic, v.F, e, "F");
      expect(r.dfBetween).toBe(v.df_between);
      expect(r.dfWithin).toBe(v.df_within);
      expectNear(r.pValue, v.p_value, e, "p_value");
      expectNear(r.ssBetween, v.ss_between, e, "ss_between");
      expectNear(r.msWithin, v.ms_within, e, "ms_within");
      expectNear(r.etaSquared, v.eta_squared, e, "eta_squared");
      expectNear(r.omegaSquared, v.omega_squared, e, "omega_squared");
    });
  }
  for (const [id, groups] of [["tg_welch_anova_dose", dose], ["pg_welch_anova_group", plant]] as const) {
    it(id, () => {
      const e = ref.entry(id);
      const v = e.values as Record<string, number>;
      const r = welchAnova(groups);
      expectNear(r.statistic, v.F, e, "F");
      expectNear(r.dfDenominator, v.df_den, e, "df_den");
      expectNear(r.pValue, v.p_value, e, "p_value");
    });
  }
  for (const [id, groups] of [["tg_kruskal_dose", dose], ["pg_kruskal_group", plant]] as const) {
    it(id, () => {
      const e = ref.entry(id);
      const v = e.values as Record<string, number>;
      const r = kruskalWallis(groups);
      expectNear(r.statistic, v.statistic, e, "statistic");
      expectNear(r.pValue, v.p_value, e, "p_value");
    });
  }
  it("pg_tukey_hsd", () => {
    const e = ref.entry("pg_tukey_hsd");
    const v = e.values as Record<string, { diff: number; lwr: number; upr: number; p_adj: number }>;
    const r = tukeyHsd(plant, { names: ["ctrl", "trt1", "trt2"] });
    expect(r.comparisons.map((c) => c.term)).toEqual(Object.keys(v));
    for (const c of r.comparisons) {
      const x = v[c.term]!;
      expectNear(c.estimate, x.diff, e, "diff");
      expectNear(c.ciLow, x.lwr, e, "lwr");
      expectNear(c.ciHigh, x.upr, e, "upr");
      expectNear(c.pValue, x.p_adj, e, "p_adj");
    }
  });
});
