import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as aq from "arquero";
import { describe, expect, it } from "vitest";
import { cronbachAlpha, mcdonaldsOmega } from "../../src/analyze/reliability.js";

// Expected values: r/reliability.R (psych 2.2.9 on R 4.2.2), output r/reliability.json.
const R = JSON.parse(readFileSync(join(import.meta.dirname, "r", "reliability.json"), "utf8"));
const lines = readFileSync(join(import.meta.dirname, "r", "bfi_a.csv"), "utf8").trim().split("\n");
const names = lines[0]!.split(",").map((h) => h.replaceAll('"', ""));
const bfi = aq.table(Object.fromEntries(names.map((n, j) => [n, lines.slice(1).map((l) => {
  const v = l.split(",")[j]!;
  return v === "" || v === "NA" ? Number.NaN : Number(v);
})])));
const items = ["A1", "A2", "A3", "A4", "A5"];

describe("cronbachAlpha as psych::alpha", () => {
  for (const missing of ["pairwise", "listwise"] as const) {
    it(missing, () => {
      const e = missing === "pairwise" ? R.pairwise : R.complete;
      const r = cronbachAlpha(bfi, { items, reverse: ["A1"], missing });
      expect(r.alpha).toBeCloseTo(e.raw_alpha, 12);
      expect(r.standardizedAlpha).toBeCloseTo(e.std_alpha, 12);
      r.itemStats.forEach((s, i) => {
        expect(s.alphaIfDropped, `${s.item} alpha.drop`).toBeCloseTo(e.alpha_drop[i], 12);
        expect(s.correctedItemTotal, `${s.item} r.drop`).toBeCloseTo(e.r_drop[i], 12);
      });
      expect(r.estimate).toBe(r.alpha);
    });
  }
  it("reverse keys use the given scale range; missing counts; bad input named", () => {
    const r = cronbachAlpha(bfi, { items, reverse: ["A1"], range: [1, 6] });
    expect(r.alpha).toBeCloseTo(R.pairwise.raw_alpha, 12);
    expect(r.nMissing).toBe(R.n_rows - R.n_complete);
    expect(() => cronbachAlpha(bfi, { items: ["A1", "X9"] })).toThrow(/no column "X9"/);
    expect(() => cronbachAlpha(bfi, { items: ["A1"] })).toThrow(/at least 2 items/);
  });
});

describe("mcdonaldsOmega", () => {
  it("equals omega total from R's factanal (one factor, ML) to the optimiser's precision", () => {
    const r = mcdonaldsOmega(bfi, { items, reverse: ["A1"] });
    expect(Math.abs(r.estimate! - R.omega_total_ml.value)).toBeLessThan(1e-4);
    expect(r.n).toBe(R.n_complete);
  });
});
