import { readFileSync } from "node:fs";
import { join } from "node:path";
import { balanceTable, readCsv } from "@koe/core";
import * as aq from "arquero";
import { describe, expect, it } from "vitest";

// Expected: r/balance.R (MatchIt summary before matching on its lalonde data) → r/balance.json.
const R = JSON.parse(readFileSync(join(import.meta.dirname, "r", "balance.json"), "utf8")) as { rows: { term: string; meanTreated: number; meanControl: number; smd: number; varianceRatio: number | null }[] };

describe("balanceTable", () => {
  it("equals MatchIt's balance summary on lalonde (treated-group SD; √(p(1 − p)) for binary variables)", async () => {
    const { table } = await readCsv(join(import.meta.dirname, "r", "lalonde.csv"));
    const b = balanceTable(table, { treatment: "treat", covariates: ["age", "educ", "race", "married", "nodegree", "re74", "re75"] });
    for (const e of R.rows.filter((r) => r.term !== "distance")) {
      const level = e.term.startsWith("race") ? e.term.slice(4) : null;
      const covariate = level ? "race" : e.term;
      const row = b.rows.find((r) => r.covariate === covariate && r.level === level)!;
      expect(row, e.term).toBeDefined();
      expect(row.meanTreated).toBeCloseTo(e.meanTreated, 10);
      expect(row.meanControl).toBeCloseTo(e.meanControl, 10);
      expect(row.smd, e.term).toBeCloseTo(e.smd, 10);
      if (e.varianceRatio === null) expect(row.varianceRatio).toBeNull();
      else expect(row.varianceRatio!).toBeCloseTo(e.varianceRatio, 10);
    }
    expect(b.sd).toBe("treated");
    // One line per covariate: race (three levels) by its largest |SMD| among R's level rows.
    const race = R.rows.filter((r) => r.term.startsWith("race"));
    const worst = race.reduce((x, y) => (Math.abs(y.smd) > Math.abs(x.smd) ? y : x));
    expect(b.byCovariate.map((c) => c.covariate)).toEqual(["age", "educ", "race", "married", "nodegree", "re74", "re75"]);
    expect(b.byCovariate[2]).toMatchObject({ covariate: "race", levels: 3, worstLevel: worst.term.slice(4), maxAbsSmdAdjusted: null, imbalanced: true });
    expect(b.byCovariate[2]!.maxAbsSmd).toBeCloseTo(Math.abs(worst.smd), 10);
    expect(b.byCovariate[1]).toMatchObject({ covariate: "educ", levels: 1, worstLevel: null, imbalanced: false });
    expect(b.rows.find((r) => r.covariate === "age")!.imbalanced).toBe(true);
    expect(b.rows.find((r) => r.covariate === "educ")!.imbalanced).toBe(false);
  });

  it("weights: means and SMD after adjustment with the unadjusted SD, effective sample sizes", () => {
    const t = aq.table({ d: [1, 1, 1, 0, 0, 0, 0], x: [3, 4, 5, 1, 2, 3, 4] });
    const w = [1, 1, 1, 0, 0, 1, 2];
    const b = balanceTable(t, { treatment: "d", covariates: ["x"], weights: w });
    const row = b.rows[0]!;
    expect(row.meanControlAdjusted).toBeCloseTo((3 + 8) / 3, 12);
    expect(row.smdAdjusted).toBeCloseTo((4 - 11 / 3) / 1, 12);
    expect(b.essControl).toBeCloseTo(9 / 5, 12);
    expect(() => balanceTable(t, { treatment: "d", covariates: [] })).toThrow(/at least one covariate/);
  });
});
