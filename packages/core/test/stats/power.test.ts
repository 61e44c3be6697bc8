// Power, detectable effects, sample sizes and survey margins against R (4.2.2):
// fixtures/r-oracle/power.R → power.json (pt with ncp; power.t.test and power.prop.test with
// tol = 1e-12; their bodies for unequal groups solved by uniroot; the survey formulas).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  detectableEffect, KoeArgumentError, noncentralTCdf, POWER_KEYS, requiredSampleSize, surveyMarginOfError, surveySampleSize, SURVEY_SIZE_KEYS, testPower, tCdf,
} from "@koe/core";
import { describe, expect, it } from "vitest";
import { thrown } from "../interviews/thrown.js";

interface Entry {
  id: string;
  call: string;
  values: Record<string, number | string>;
}
const R = JSON.parse(readFileSync(join(import.meta.dirname, "..", "fixtures", "r-oracle", "power.json"), "utf8")) as { results: Entry[] };
const entry = (id: string) => {
  const e = R.results.find((r) => r.id === id);
  if (!e) throw new Error(`no entry ${id}`);
  return e;
};
const num = (e: Entry, field: string) => e.values[field] as number;
/** 1e-6 relative, the agreement asked of the planning helpers. */
function near(actual: number, expected: number, what: string) {
  expect(Math.abs(actual - expected), `${what}: ${actual} vs R ${expected}`).toBeLessThanOrEqual(1e-6 * Math.abs(expected) + 1e-300);
}

describe("noncentralTCdf equals R's pt(q, df, ncp)", () => {
  // The calls are R's; parse their arguments back so every committed case is checked.
  for (const e of R.results.filter((r) => r.id.startsWith("pt_"))) {
    it(e.call, () => {
      const m = /^pt\(([^,]+), ([^,]+), ncp = ([^,)]+)(, lower\.tail = FALSE)?\)$/.exec(e.call)!;
      const got = noncentralTCdf(Number(m[1]), Number(m[2]), Number(m[3]), { lowerTail: m[4] === undefined });
      const want = num(e, "value");
      // R's own absolute precision is ~1e-12 (its errmax); below that compare absolutely.
      expect(Math.abs(got - want), `${got} vs ${want}`).toBeLessThanOrEqual(Math.max(1e-6 * Math.abs(want), 1e-13));
    });
  }
  it("is the central t at ncp = 0, and monotone in the noncentrality", () => {
    expect(noncentralTCdf(1.3, 7, 0)).toBe(tCdf(1.3, 7));
    const values = [-2, -1, 0, 0.5, 1, 2, 4].map((ncp) => noncentralTCdf(1.5, 12, ncp));
    for (let i = 1; i < values.length; i++) expect(values[i]!).toBeLessThan(values[i - 1]!);
  });
});

const alt = (a: string) => (a === "one.sided" ? "one-sided" : "two-sided");
const strictOf = (call: string) => call.includes("strict = TRUE");

describe("two groups of equal size: as power.t.test and power.prop.test", () => {
  for (const e of R.results.filter((r) => r.id.startsWith("ttest_"))) {
    it(e.call, () => {
      const o = { alpha: num(e, "sig.level"), alternative: alt(e.values.alternative as string) as "two-sided" | "one-sided", strict: strictOf(e.call), sd: num(e, "sd") };
      if (e.id.startsWith("ttest_n_")) {
        const r = requiredSampleSize({ ...o, delta: num(e, "delta"), power: num(e, "power") });
        near(r.n!, num(e, "n"), "n");
        near(r.n1, num(e, "n"), "n1");
        near(r.n2, num(e, "n"), "n2");
        expect(r.n1Ceiling).toBe(Math.ceil(num(e, "n")));
        // Rounded up, the sizes reach the power asked for; one fewer per group does not.
        expect(testPower({ ...o, n1: r.n1Ceiling, delta: num(e, "delta") }).power).toBeGreaterThanOrEqual(num(e, "power"));
        if (r.n1Ceiling > 2) expect(testPower({ ...o, n1: r.n1Ceiling - 1, delta: num(e, "delta") }).power).toBeLessThan(num(e, "power"));
      } else if (e.id.startsWith("ttest_delta_")) {
        near(detectableEffect({ ...o, n1: num(e, "n"), n2: num(e, "n"), power: num(e, "power") }).delta, num(e, "delta"), "delta");
      } else {
        near(testPower({ ...o, n1: num(e, "n"), delta: num(e, "delta") }).power, num(e, "power"), "power");
      }
    });
  }
  for (const e of R.results.filter((r) => r.id.startsWith("prop_"))) {
    it(e.call, () => {
      const o = { alpha: num(e, "sig.level"), alternative: alt(e.values.alternative as string) as "two-sided" | "one-sided", strict: strictOf(e.call) };
      if (e.id.startsWith("prop_n_")) {
        const r = requiredSampleSize({ ...o, p1: num(e, "p1"), p2: num(e, "p2"), power: num(e, "power") });
        near(r.n1, num(e, "n"), "n1");
        expect(r.n2Ceiling).toBe(Math.ceil(num(e, "n")));
        near(r.delta, num(e, "p2") - num(e, "p1"), "delta");
      } else if (e.id.startsWith("prop_p2_")) {
        const r = detectableEffect({ ...o, n1: num(e, "n"), p1: num(e, "p1"), power: num(e, "power") });
        near(r.p2!, num(e, "p2"), "p2");
        near(r.delta, num(e, "p2") - num(e, "p1"), "delta");
      } else {
        near(testPower({ ...o, n1: num(e, "n"), p1: num(e, "p1"), p2: num(e, "p2") }).power, num(e, "power"), "power");
      }
    });
  }
});

describe("unequal groups: the same formulas with df = n1 + n2 − 2 (R, solved by uniroot)", () => {
  it("means", () => {
    near(testPower({ n1: 30, n2: 60, delta: 0.5 }).power, num(entry("t2n_power_30_60"), "power"), "power");
    near(testPower({ n1: 12, n2: 20, delta: 0.6, sd: 1.2, strict: true }).power, num(entry("t2n_power_strict"), "power"), "power strict");
    near(detectableEffect({ n1: 40, n2: 120 }).delta, num(entry("t2n_delta_40_120"), "delta"), "delta");
    near(detectableEffect({ n1: 25, n2: 75, sd: 2, power: 0.9, alternative: "one-sided" }).delta, num(entry("t2n_delta_onesided"), "delta"), "delta one-sided");
    const r2 = requiredSampleSize({ delta: 0.5, ratio: 2 });
    expect(r2.n).toBeNull(); // unequal groups: no one n per group
    near(r2.n1, num(entry("t2n_n_ratio2"), "n1"), "n1 ratio 2");
    near(r2.n2, 2 * num(entry("t2n_n_ratio2"), "n1"), "n2 ratio 2");
    near(requiredSampleSize({ delta: 0.4, ratio: 0.5 }).n1, num(entry("t2n_n_ratio05"), "n1"), "n1 ratio 0.5");
  });
  it("shares", () => {
    near(testPower({ n1: 100, n2: 300, p1: 0.3, p2: 0.45 }).power, num(entry("p2n_power_100_300"), "power"), "power");
    near(detectableEffect({ n1: 80, n2: 240, p1: 0.2 }).p2!, num(entry("p2n_p2_80_240"), "p2"), "p2");
    near(requiredSampleSize({ p1: 0.25, p2: 0.4, ratio: 3 }).n1, num(entry("p2n_n_ratio3"), "n1"), "n1");
  });
  it("the three questions answer each other", () => {
    const d = detectableEffect({ n1: 37, n2: 81, sd: 0.8, power: 0.85, alpha: 0.01 });
    near(testPower({ n1: 37, n2: 81, sd: 0.8, delta: d.delta, alpha: 0.01 }).power, 0.85, "power at the detectable delta");
    const n = requiredSampleSize({ delta: d.delta, sd: 0.8, power: 0.85, alpha: 0.01, ratio: 81 / 37 });
    near(n.n1, 37, "n1 back");
  });
});

describe("survey sample size and margin of error", () => {
  const cases: [string, Parameters<typeof surveySampleSize>[0]][] = [
    ["survey_n_e03", { marginOfError: 0.03 }],
    ["survey_n_e05_N1000", { marginOfError: 0.05, population: 1000 }],
    ["survey_n_e03_N800_p02", { marginOfError: 0.03, confLevel: 0.9, population: 800, expectedShare: 0.2 }],
    ["survey_n_e01_N50000_99", { marginOfError: 0.01, confLevel: 0.99, population: 50000 }],
    ["survey_n_e10_N30", { marginOfError: 0.1, population: 30 }],
  ];
  for (const [id, o] of cases) {
    it(entry(id).call, () => {
      const r = surveySampleSize(o);
      const e = entry(id);
      near(r.z, num(e, "z"), "z");
      near(r.nInfinite, num(e, "n0"), "n0");
      near(r.nExact, num(e, "n_exact"), "n exact");
      expect(r.n).toBe(num(e, "n"));
    });
  }
  const margins: [string, Parameters<typeof surveyMarginOfError>[0]][] = [
    ["survey_e_n400", { n: 400 }],
    ["survey_e_n300_N2000", { n: 300, population: 2000 }],
    ["survey_e_n100_N120_p03", { n: 100, confLevel: 0.9, population: 120, expectedShare: 0.3 }],
  ];
  for (const [id, o] of margins) {
    it(entry(id).call, () => near(surveyMarginOfError(o).marginOfError, num(entry(id), "margin"), "margin"));
  }
  it("the margin of the size found is the margin asked for (the two are inverses)", () => {
    const r = surveySampleSize({ marginOfError: 0.04, population: 3000, expectedShare: 0.35 });
    // At the exact size the margin is 0.04; at the rounded-up size a little less.
    const back = surveyMarginOfError({ n: r.n, population: 3000, expectedShare: 0.35 });
    expect(back.marginOfError).toBeLessThanOrEqual(0.04);
    expect(surveyMarginOfError({ n: r.n - 1, population: 3000, expectedShare: 0.35 }).marginOfError).toBeGreaterThan(0.04);
    near(back.nInfinite, (r.n * 2999) / (3000 - r.n), "equivalent n0");
  });
  it("asking everyone leaves no margin", () => {
    expect(surveyMarginOfError({ n: 50, population: 50 }).marginOfError).toBe(0);
  });
});

describe("fixed keys and tidy tables", () => {
  it("every power result has the same keys whatever was solved for", () => {
    const results = [testPower({ n1: 10, delta: 1 }), testPower({ n1: 10, p1: 0.2, p2: 0.5 }), detectableEffect({ n1: 10 }), detectableEffect({ n1: 10, p1: 0.3 }), requiredSampleSize({ delta: 1 }), requiredSampleSize({ p1: 0.2, p2: 0.4 })];
    for (const r of results) {
      expect(Object.keys(r).sort()).toEqual([...POWER_KEYS].sort());
      const t = r.toTable();
      expect(t.numRows()).toBe(1);
      expect(t.columnNames()).toEqual([...POWER_KEYS]);
    }
    expect(results.map((r) => r.solvedFor)).toEqual(["power", "power", "delta", "p2", "n", "n"]);
    expect(results[0]!.p1).toBeNull();
    expect(results[1]!.sd).toBeNull();
    expect(JSON.parse(JSON.stringify(results[4]))).not.toHaveProperty("toTable");
  });
  it("survey results too", () => {
    for (const r of [surveySampleSize({ marginOfError: 0.05 }), surveyMarginOfError({ n: 100, population: 500 })]) {
      expect(Object.keys(r).sort()).toEqual([...SURVEY_SIZE_KEYS].sort());
      expect(r.toTable().columnNames()).toEqual([...SURVEY_SIZE_KEYS]);
    }
    expect(surveySampleSize({ marginOfError: 0.05 }).population).toBeNull();
  });
  it("the sign of delta does not matter", () => {
    expect(testPower({ n1: 20, delta: -0.7 }).power).toBe(testPower({ n1: 20, delta: 0.7 }).power);
    expect(requiredSampleSize({ delta: -0.7 }).n1).toBe(requiredSampleSize({ delta: 0.7 }).n1);
  });
});

describe("bad inputs are KoeArgumentErrors in Japanese and English", () => {
  const cases: [string, () => unknown, string, string][] = [
    ["power 1", () => detectableEffect({ n1: 20, power: 1 }), "power.notProbability", "power"],
    ["power above 1", () => requiredSampleSize({ delta: 1, power: 1.2 }), "power.notProbability", "power"],
    ["power below alpha", () => requiredSampleSize({ delta: 1, power: 0.04 }), "power.powerNotAboveAlpha", "alpha"],
    ["negative sd", () => testPower({ n1: 10, delta: 1, sd: -1 }), "power.notPositive", "sd"],
    ["zero delta", () => requiredSampleSize({ delta: 0 }), "power.notNonZero", "delta"],
    ["no delta", () => requiredSampleSize({}), "power.missingOption", "delta"],
    ["group of 1", () => detectableEffect({ n1: 1 }), "power.groupTooSmall", "n1"],
    ["fractional group", () => testPower({ n1: 10, n2: 10.5, delta: 1 }), "power.groupTooSmall", "n2"],
    ["no n1", () => detectableEffect({} as never), "power.missingOption", "n1"],
    ["sd and p1", () => detectableEffect({ n1: 10, sd: 1, p1: 0.3 }), "power.meansOrShares", "sd"],
    ["delta with shares", () => requiredSampleSize({ delta: 0.1, p1: 0.3, p2: 0.4 }), "power.optionForOther", "delta"],
    ["equal shares", () => requiredSampleSize({ p1: 0.3, p2: 0.3 }), "power.sameShares", "p1"],
    ["share of 1", () => testPower({ n1: 10, p1: 1, p2: 0.5 }), "power.notProbability", "p1"],
    ["p2 out of reach", () => detectableEffect({ n1: 10, p1: 0.5, power: 0.99 }), "power.noShareReaches", "p1"],
    ["unknown option", () => detectableEffect({ n1: 10, powr: 0.9 } as never), "stats.unknownOption", "powr"],
    ["R's alternative spelling", () => testPower({ n1: 10, delta: 1, alternative: "two.sided" as never }), "stats.badChoice", "alternative"],
    ["ratio 0", () => requiredSampleSize({ delta: 1, ratio: 0 }), "power.notPositive", "ratio"],
    ["margin given in percent", () => surveySampleSize({ marginOfError: 3 }), "power.notShare", "0.03"],
    ["no margin", () => surveySampleSize({} as never), "power.missingOption", "marginOfError"],
    ["share 0", () => surveySampleSize({ marginOfError: 0.05, expectedShare: 0 }), "power.notShare", "expectedShare"],
    ["population 1.5", () => surveySampleSize({ marginOfError: 0.05, population: 1.5 }), "power.notWhole", "population"],
    ["confLevel 95", () => surveySampleSize({ marginOfError: 0.05, confLevel: 95 }), "stats.badConfLevel", "confLevel"],
    ["sample above population", () => surveyMarginOfError({ n: 300, population: 200 }), "power.sampleAbovePopulation", "300"],
    ["n 0", () => surveyMarginOfError({ n: 0 }), "power.notWhole", "n"],
  ];
  for (const [what, call, code, named] of cases) {
    it(what, () => {
      const e = thrown(call);
      expect(e).toBeInstanceOf(KoeArgumentError);
      expect(e.code).toBe(code);
      expect(e.localized.en).toContain(named);
      expect(e.localized.ja).toContain(named);
      expect(e.localized.ja).not.toBe(e.localized.en);
    });
  }
});
