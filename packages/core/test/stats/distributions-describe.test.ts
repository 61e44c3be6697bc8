import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as koe from "@koe/core";
import { describe as describeData, oddsRatio } from "@koe/core";
import { describe, expect, it } from "vitest";
import { expectNear, referenceCase } from "./reference.js";

// r/distributions.R → r/distributions.json (R 4.2.2).
const R = JSON.parse(readFileSync(join(import.meta.dirname, "r", "distributions.json"), "utf8")) as { cases: { f: string; args: number[]; lowerTail?: boolean; value: number }[] };

describe("distributions against R, far into the tails", () => {
  for (const c of R.cases) {
    it(`${c.f}(${c.args.join(", ")}${c.lowerTail === false ? ", upper" : ""})`, () => {
      const fn = (koe as unknown as Record<string, (...a: unknown[]) => number>)[c.f]!;
      const got = c.lowerTail === undefined ? fn(...c.args) : fn(...c.args, { lowerTail: c.lowerTail });
      // Relative accuracy 1e-9 everywhere R gives a positive value, however small.
      expect(Math.abs(got - c.value), `${got} vs R ${c.value}`).toBeLessThanOrEqual(1e-300 + 1e-9 * Math.abs(c.value));
    });
  }
});

/** Exact mean and sd of binary64 values by integer arithmetic (each value × 2^80 is an integer here). */
function exactMoments(xs: number[]): { mean: number; sd: number } {
  const SCALE = 80n;
  const toBig = (x: number) => {
    let m = x;
    let e = 0n;
    while (!Number.isInteger(m)) {
      m *= 2;
      e += 1n;
    }
    return BigInt(m) << (SCALE - e);
  };
  const n = BigInt(xs.length);
  const v = xs.map(toBig);
  const sum = v.reduce((a, b) => a + b, 0n);
  const ss = v.reduce((a, b) => a + (b * n - sum) ** 2n, 0n); // Σ (n·x − Σx)² = n² Σ (x − mean)²
  const den = n * n * (n - 1n);
  // Variance in units of 2^-160; take 40 extra decimal digits before converting to a double.
  const varScaled = (ss * 10n ** 40n) / den;
  const variance = Number(varScaled) / 1e40 / 2 ** 160;
  return { mean: Number((sum * 10n ** 30n) / n) / 1e30 / 2 ** 80, sd: Math.sqrt(variance) };
}

describe("describe: numerically stable (NIST StRD univariate summary statistics)", () => {
  // Certified values: NIST StRD NumAcc1 (mean 10000002, sd 1), NumAcc2 (1.2, 0.1), NumAcc3
  // (1000000.2, 0.1), NumAcc4 (10000000.2, 0.1). NumAcc2–4: the first value, then 1000 values
  // alternating between the two others (1.3, 1.1 / 1000000.3, 1000000.1 / 10000000.3, 10000000.1).
  const alt = (first: number, a: number, b: number) => [first, ...Array.from({ length: 1000 }, (_, i) => (i % 2 === 0 ? a : b))];
  const cases: [string, number[], number, number][] = [
    ["NumAcc1", [10000001, 10000003, 10000002], 10000002, 1],
    ["NumAcc2", alt(1.2, 1.1, 1.3), 1.2, 0.1],
    ["NumAcc3", alt(1000000.2, 1000000.1, 1000000.3), 1000000.2, 0.1],
    ["NumAcc4", alt(10000000.2, 10000000.1, 10000000.3), 10000000.2, 0.1],
  ];
  // The data of NumAcc3 and NumAcc4 are not representable in binary64 (1000000.1 is stored as
  // 1000000.10000000002328…), so the sd of the numbers a program actually receives differs from
  // the certified 0.1 by 3.5e-10 and 5.6e-9 relative — R's sd() gives exactly those values too.
  // So: every case must match the exact sd of its binary64 inputs (BigInt arithmetic) to 12
  // digits, and the certified values to 12 digits where the inputs allow it (NumAcc1, NumAcc2).
  for (const [name, data, mean, sd] of cases) {
    it(`${name}: mean and sd to at least 12 significant digits`, () => {
      const d = describeData(data);
      const exact = exactMoments(data);
      expect(Math.abs(d.mean! - exact.mean) / Math.abs(exact.mean)).toBeLessThan(1e-15);
      expect(Math.abs(d.sd! - exact.sd) / exact.sd).toBeLessThan(1e-12);
      expect(Math.abs(d.mean! - mean) / Math.abs(mean)).toBeLessThan(1e-12);
      const limit = name === "NumAcc3" ? 1e-9 : name === "NumAcc4" ? 1e-8 : 1e-12;
      expect(Math.abs(d.sd! - sd) / sd).toBeLessThan(limit);
    });
  }

  it("quartiles as R's quantile(type = 7), missing counted, edge sizes", () => {
    // R: quantile(c(1, 2, 2, 3, 10, NA), na.rm = TRUE) → 0% 1, 25% 2, 50% 2, 75% 3, 100% 10
    const d = describeData([1, 2, 2, 3, 10, null, Number.NaN]);
    expect([d.min, d.q1, d.median, d.q3, d.max]).toEqual([1, 2, 2, 3, 10]);
    expect([d.n, d.nMissing]).toEqual([5, 2]);
    expect(describeData([4]).sd).toBeNull();
    expect(describeData([]).mean).toBeNull();
    expect(describeData([2, 2, 2]).sd).toBe(0);
    expect(Object.keys(describeData([1, 2]).toTable().objects()[0]!)).toEqual(["n", "nMissing", "mean", "sd", "variance", "se", "min", "q1", "median", "q3", "max"]);
  });
});

describe("oddsRatio (reference 03_contingency: sample odds ratio with Woolf's interval)", () => {
  const ref = referenceCase("03_contingency");
  const e = ref.entry("sample_odds_ratio_2x2");
  const v = e.values as Record<string, { sample_odds_ratio: number; log_or_se_woolf: number; woolf_ci95: [number, number] }>;
  const tables: Record<string, number[][]> = { tea: [[3, 1], [1, 3]], ucb: [[1198, 557], [1493, 1278]], case_spont: [[113, 52], [28, 55]] };
  for (const [name, t] of Object.entries(tables)) {
    it(name, () => {
      const r = oddsRatio(t);
      expectNear(r.estimate, v[name]!.sample_odds_ratio, e, "sample_odds_ratio");
      expectNear(r.stdError, v[name]!.log_or_se_woolf, e, "se");
      expectNear(r.ciLow, v[name]!.woolf_ci95[0], e, "ci");
      expectNear(r.ciHigh, v[name]!.woolf_ci95[1], e, "ci");
    });
  }
});
