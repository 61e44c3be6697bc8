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

describe("reliability reads item columns through the boundary (issue 8)", () => {
  const mapColumn = (t: aq.ColumnTable, c: string, f: (v: number, i: number) => unknown) => t.assign({ [c]: Array.from(t.array(c) as ArrayLike<number>, f) });
  const asText = items.reduce((t, c) => mapColumn(t, c, (v) => (v === v ? String(v) : "NA")), bfi);
  it("numeric text, full-width digits and answer labels are the numbers; alpha as psych's", () => {
    expect(cronbachAlpha(asText, { items, reverse: ["A1"] }).alpha).toBeCloseTo(R.pairwise.raw_alpha, 12);
    const wide = mapColumn(bfi, "A2", (v) => (v === v ? String.fromCharCode(0xff10 + v) : null));
    expect(cronbachAlpha(wide, { items, reverse: ["A1"] }).alpha).toBeCloseTo(R.pairwise.raw_alpha, 12);
    const t = aq.table({ a: [5, 4, 2, 1, 3], b: ["そう思う", "ややそう思う", "あまりそう思わない", "そう思わない", "どちらともいえない"], c: [4, 4, 2, 2, 3] });
    expect(cronbachAlpha(t, { items: ["a", "b", "c"] }).alpha).toBe(cronbachAlpha(aq.table({ a: [5, 4, 2, 1, 3], b: [5, 4, 2, 1, 3], c: [4, 4, 2, 2, 3] }), { items: ["a", "b", "c"] }).alpha);
  });

  it("an item column with text that is not a number is an error naming it (it counted as missing before)", () => {
    const junk = mapColumn(asText, "A3", (v, i) => (i === 5 ? "x" : v));
    expect(() => cronbachAlpha(junk, { items, reverse: ["A1"] })).toThrow(/cronbachAlpha: column "A3" must hold numbers; it holds text that is not a number: "x" \(1 row, first at table row 6\)/);
    expect(() => mcdonaldsOmega(junk, { items, reverse: ["A1"] })).toThrow(/mcdonaldsOmega: column "A3" must hold numbers/);
  });

  it("options strictly: a misspelt mode, item or key is an error with the closest valid one", () => {
    expect(() => cronbachAlpha(bfi, { items, missing: "listwize" as never })).toThrow(/option "missing" must be one of "pairwise", "listwise" \(got "listwize"\); did you mean "listwise"\?/);
    expect(() => cronbachAlpha(bfi, { items: ["A1", "A2", "A33"] })).toThrow(/no column "A33" \(option items\); did you mean "A3"\?/);
    expect(() => cronbachAlpha(bfi, { items, revrse: ["A1"] } as never)).toThrow(/unknown option "revrse"; did you mean "reverse"\?/);
    expect(() => cronbachAlpha(bfi, { items: "A1" } as never)).toThrow(/option "items" takes a list/);
    expect(() => cronbachAlpha(bfi, { items, reverse: ["A1"], range: [6, 1] })).toThrow(/range must be \[min, max\] with min < max/);
    expect(() => cronbachAlpha(bfi, { items: ["A1", "A2"], reverse: ["A3"] })).toThrow(/reverse-keyed "A3" is not among the items/);
  });

  it("too few answers names the items", () => {
    const t = aq.table({ a: [1, 2, 3, 4], b: [2, null, null, null], c: [1, 3, 2, 4] });
    expect(() => cronbachAlpha(t, { items: ["a", "b", "c"] })).toThrow(/cronbachAlpha needs at least 2 answers to every item; "b" has 1/);
    expect(() => cronbachAlpha(t, { items: ["a", "b", "c"], missing: "listwise" })).toThrow(/on complete rows; "a" has 1, "b" has 1, "c" has 1/);
    try {
      cronbachAlpha(t, { items: ["a", "b", "c"] });
    } catch (e) {
      expect((e as { localized: { ja: string } }).localized.ja).toContain("「b」は1件");
    }
  });

  it("warns when an item correlates negatively with the rest: an unflagged reverse key (psych::alpha warns likewise)", () => {
    const unkeyed = cronbachAlpha(bfi, { items });
    expect(unkeyed.warnings.map((w) => [w.code, w.params.item])).toEqual([["analyze.negativeItem", "A1"]]);
    expect(unkeyed.warnings[0]!.localized.en).toMatch(/item "A1" correlates negatively with the rest of the scale \(corrected item–total r = -0\.\d\d\); it is probably reverse-keyed/);
    expect(unkeyed.warnings[0]!.localized.ja).toMatch(/逆転項目の可能性があります/);
    expect(cronbachAlpha(bfi, { items, reverse: ["A1"] }).warnings).toEqual([]);
    expect(mcdonaldsOmega(bfi, { items }).warnings.map((w) => w.params.item)).toEqual(["A1"]);
    expect(mcdonaldsOmega(bfi, { items, reverse: ["A1"] }).warnings).toEqual([]);
  });
});
