// The kernels' one input rule (stats/clean.ts): numbers and numeric text are numbers, null/NaN/blank
// are missing and counted, any other text is a KoeArgumentError naming the value and its position.
import {
  bootstrap, chiSquareTest, cohensD, createRandom, describe as describeData, fisherExact, hedgesG, InsufficientDataError, KoeArgumentError, KoeError, kendall, kruskalWallis,
  mannWhitneyU, mcnemarTest, numberFromText, oddsRatio, oneSampleTTest, oneWayAnova, pairedTTest, pearson, permutationTest, spearman, studentTTest, welchAnova, welchTTest,
  wilcoxonSignedRank, cramersV, adjustPValues, proportionsTest,
} from "@koe/core";
import { describe, expect, it } from "vitest";
import { numberOf } from "../../src/stats/clean.js";

const x = [5.1, 4.9, 5.6, 5.8, 6.0, 5.3];
const y = [4.2, 4.8, 5.0, 4.4, 4.1, 4.6];
const text = (a: number[]) => a.map(String);
const wide = (a: number[]) => a.map((v) => String(v).replace(/[0-9.]/g, (c) => (c === "." ? "．" : String.fromCharCode(c.charCodeAt(0) + 0xfee0))));

/** Every kernel that takes arrays, as a call on (x, y). */
const kernels: [string, (a: unknown[], b: unknown[]) => { estimate?: number | null; statistic?: number | null; pValue?: number | null; n: number; nMissing: number }][] = [
  ["oneSampleTTest", (a) => oneSampleTTest(a as number[], { mu: 5 })],
  ["welchTTest", (a, b) => welchTTest(a as number[], b as number[])],
  ["studentTTest", (a, b) => studentTTest(a as number[], b as number[])],
  ["pairedTTest", (a, b) => pairedTTest(a as number[], b as number[])],
  ["mannWhitneyU", (a, b) => mannWhitneyU(a as number[], b as number[])],
  ["wilcoxonSignedRank", (a, b) => wilcoxonSignedRank(a as number[], b as number[])],
  ["cohensD", (a, b) => cohensD(a as number[], b as number[])],
  ["hedgesG", (a, b) => hedgesG(a as number[], b as number[])],
  ["pearson", (a, b) => pearson(a as number[], b as number[])],
  ["spearman", (a, b) => spearman(a as number[], b as number[])],
  ["kendall", (a, b) => kendall(a as number[], b as number[])],
  ["oneWayAnova", (a, b) => oneWayAnova([a as number[], b as number[]])],
  ["welchAnova", (a, b) => welchAnova([a as number[], b as number[]])],
  ["kruskalWallis", (a, b) => kruskalWallis([a as number[], b as number[]])],
  ["permutationTest", (a, b) => permutationTest(a as number[], b as number[], { resamples: 99 })],
  ["describe", (a) => ({ ...describeData(a as number[]), estimate: describeData(a as number[]).mean })],
];

describe("one input rule for every kernel that takes arrays", () => {
  for (const [name, run] of kernels) {
    it(`${name}: numeric text (also full-width) is the number; other text is an error naming value and position`, () => {
      const plain = run(x, y);
      const fromText = run(text(x), text(y));
      expect(fromText.estimate ?? null).toBe(plain.estimate ?? null);
      expect(fromText.pValue ?? null).toBe(plain.pValue ?? null);
      expect(run(wide(x), y).estimate ?? null).toBe(plain.estimate ?? null);
      const bad = [...x.slice(0, 3), "x", ...x.slice(4)];
      let err: unknown;
      try {
        run(bad, y);
      } catch (e) {
        err = e;
      }
      expect(err, `${name} on "x"`).toBeInstanceOf(KoeArgumentError);
      const e = err as KoeArgumentError;
      expect(e.code).toBe("stats.notANumber");
      expect(e.params).toMatchObject({ value: "x", position: 4 });
      expect(e.localized.en).toContain('"x" at position 4');
      expect(e.localized.ja).toContain("4番目");
    });
  }

  it("describe (repro 8): [1, 2, 3, \"x\"] is refused; [\"1\", \"2\", \"3\"] is [1, 2, 3]", () => {
    expect(() => describeData([1, 2, 3, "x"])).toThrow(/describe: x holds "x" at position 4, which is not a number/);
    expect(describeData(["1", "2", "3"])).toEqual(describeData([1, 2, 3]));
    expect(describeData(["１", "２", " 3 "])).toEqual(describeData([1, 2, 3]));
    // welchTTest now reads text as describe does.
    expect(welchTTest(["1", "2", "3"], [4, 5, 7]).estimate).toBe(welchTTest([1, 2, 3], [4, 5, 7]).estimate);
  });

  it("null, undefined, NaN, blank and NA are missing and counted", () => {
    const d = describeData([1, null, 2, undefined, Number.NaN, "", " ", "NA", "無回答", 3]);
    expect(d).toMatchObject({ n: 3, nMissing: 7, mean: 2 });
    expect(welchTTest([1, 2, null, 3, "NA"], [4, 5, 7]).nMissing).toBe(2);
  });

  it("a string, a number or an object where a list is meant is refused by name", () => {
    expect(() => describeData("123" as unknown as number[])).toThrow(/describe: x must be a list of numbers, e.g. \[3, 4, 5\] \(got the text "123"\)/);
    expect(() => welchTTest([1, 2, 3], 4 as unknown as number[])).toThrow(/welchTTest: y must be a list of numbers/);
    for (const f of [() => describeData(null as unknown as number[]), () => oneSampleTTest({} as unknown as number[])]) {
      expect(f).toThrow(KoeArgumentError);
    }
  });

  it("the kernels read text as the input boundary does", () => {
    for (const s of ["3", "３", " 2.5 ", "1,200", "-1e3", "+.5", "12a", "", "三", "1.2.3", "0x10"]) {
      const k = numberOf(s);
      const b = numberFromText(s);
      if (s.trim() === "") expect(k).toBeNaN();
      else if (Number.isNaN(b)) expect(k, s).toBeNull();
      else expect(k, s).toBe(b);
    }
  });

  it("unknown option keys and bad choices are errors with the closest key", () => {
    expect(() => welchTTest(x, y, { alternatve: "less" } as never)).toThrow(/welchTTest: unknown option "alternatve"; did you mean "alternative"\?/);
    expect(() => welchTTest(x, y, { alternative: "greter" as never })).toThrow(/alternative must be one of "two-sided", "less", "greater" \(got "greter"\)/);
    expect(() => welchTTest(x, y, { confLevel: 95 })).toThrow(/confLevel must be between 0 and 1/);
    expect(() => mannWhitneyU(x, y, { exect: true } as never)).toThrow(/did you mean "exact"/);
    expect(() => pearson(x, y, { method: "spearman" } as never)).toThrow(/unknown option "method"/);
  });
});

describe("chiSquareTest and the other count kernels", () => {
  it("a string or a flat list is not a matrix of counts: the message says what one looks like", () => {
    for (const bad of ["1", [1, 2, 3], 7, null, [[1, 2], "3"]]) {
      expect(() => chiSquareTest(bad as never)).toThrow(/chiSquareTest: expected a matrix of counts, e\.g\. \[\[10, 20\], \[30, 40\]\]/);
    }
    expect(() => chiSquareTest("1" as never)).toThrow(/got the text "1"/);
    expect(() => chiSquareTest([[1, null], [2, 3]] as never)).toThrow(/cell \[1, 2\] is null; counts must be finite numbers ≥ 0/);
    expect(() => fisherExact([[1.5, 2], [3, 4]])).toThrow(/cell \[1, 1\] is 1\.5; counts must be whole numbers ≥ 0/);
    expect(() => oddsRatio([[1, 2, 3], [3, 4, 5]])).toThrow(/oddsRatio needs a 2×2 table \(got 2 × 3\)/);
    expect(() => mcnemarTest(-1, 3)).toThrow(KoeArgumentError);
  });

  it("counts given as numeric text are the numbers", () => {
    const m = [[12, 5], [7, 19]];
    expect(chiSquareTest(m.map(text)).statistic).toBe(chiSquareTest(m).statistic);
    expect(fisherExact(m.map(text)).pValue).toBe(fisherExact(m).pValue);
    expect(cramersV(m.map(text)).estimate).toBe(cramersV(m).estimate);
  });

  it("warnings as data when an expected count is below 5 (R: chisq.test warns \"Chi-squared approximation may be incorrect\")", () => {
    // R 4.2.2: chisq.test(matrix(c(3, 1, 1, 3), 2)) warns; expected counts are all 2.
    const small = chiSquareTest([[3, 1], [1, 3]]);
    expect(small.warnings).toHaveLength(1);
    const w = small.warnings[0]!;
    expect(w.code).toBe("stats.smallExpected");
    expect(w.params).toMatchObject({ fn: "chiSquareTest", cells: 4, total: 4, minExpected: 2 });
    expect(w.localized.en).toMatch(/Chi-squared approximation may be incorrect/);
    expect(w.localized.ja).toMatch(/カイ二乗近似が不正確な可能性があります/);
    // R: no warning for the reference table (smallest expected count 1043.6).
    expect(chiSquareTest([[1198, 557], [1493, 1278]]).warnings).toEqual([]);
    expect(Object.keys(chiSquareTest([[1198, 557], [1493, 1278]]))).toContain("warnings");
  });

  it("a row or column summing to 0 is named", () => {
    expect(() => chiSquareTest([[0, 0], [1, 2]])).toThrow(/row 1 sums to 0/);
    expect(() => chiSquareTest([[1, 0], [2, 0]])).toThrow(/column 2 sums to 0/);
  });

  it("proportions and p-values take numeric text and refuse the rest", () => {
    expect(proportionsTest(["83", "90"] as never, [86, 93]).pValue).toBe(proportionsTest([83, 90], [86, 93]).pValue);
    expect(() => adjustPValues([0.01, 1.5])).toThrow(/1\.5 at position 2 is not a p-value/);
  });
});

describe("resampling never turns a missing value into 0", () => {
  it("permutationTest drops and counts null and NaN (it read null as 0 before)", () => {
    const r = permutationTest([5, 6, null, 8], [1, 2, 3, Number.NaN, 4], { seed: 1, resamples: 999 });
    expect(r.nMissing).toBe(2);
    expect(r.n).toBe(7);
    expect(r.estimate).toBeCloseTo((5 + 6 + 8) / 3 - 2.5, 12);
    expect(r.estimate).toBe(permutationTest([5, 6, 8], [1, 2, 3, 4], { seed: 1, resamples: 999 }).estimate);
    expect(() => permutationTest([null, Number.NaN], [1, 2])).toThrow(InsufficientDataError);
  });

  it("bootstrap refuses a missing cluster or stratum instead of making it a group of its own", () => {
    const stat = (idx: Int32Array) => idx.length;
    expect(() => bootstrap(4, stat, { cluster: ["a", "a", null, "b"] })).toThrow(/bootstrap: cluster is missing at position 3/);
    expect(() => bootstrap(4, stat, { strata: [1, 1, Number.NaN, 2] })).toThrow(/strata is missing at position 3/);
    expect(() => bootstrap(4, stat, { resamples: 5 })).toThrow(/resamples must be a whole number ≥ 10/);
    expect(() => bootstrap(4, stat, { seeds: 2 } as never)).toThrow(/did you mean "seed"/);
  });

  it("random sources refuse a bad seed with a KoeError, not a RangeError", () => {
    expect(() => createRandom(Number.NaN)).toThrow(KoeError);
    expect(() => createRandom(1).int(0)).toThrow(KoeError);
  });
});

describe("too little data names the function, what it counts and the count", () => {
  it("in both languages", () => {
    try {
      welchTTest([1], [2, 3]);
      expect.unreachable();
    } catch (e) {
      const err = e as InsufficientDataError;
      expect(err).toBeInstanceOf(InsufficientDataError);
      expect(err.localized.en).toBe('welchTTest needs at least 2 values in column "x" (found 1)');
      expect(err.localized.ja).toBe("welchTTest: 列「x」に値が少なくとも2個必要です（1個しかありません）");
    }
    expect(() => wilcoxonSignedRank([1, 2], [1, 2])).toThrow(/wilcoxonSignedRank needs at least 1 non-zero differences \(found 0\)/);
    expect(() => oneWayAnova([[1, 2], []])).toThrow(/oneWayAnova needs at least 1 value for group "2" \(found 0\)/);
  });
});
