import { bootstrap, bootstrapWeighted, createRandom, permutationTest, welchTTest } from "@koe/core";
import { describe, expect, it } from "vitest";

const r = createRandom(99);
const y = Array.from({ length: 400 }, () => 3 + r.normal());
const mean = (idx: Int32Array) => {
  let s = 0;
  for (const i of idx) s += y[i]!;
  return s / idx.length;
};

describe("bootstrap", () => {
  it("same seed, byte-identical replicates; another seed differs", () => {
    const a = bootstrap(y.length, mean, { seed: 7, resamples: 200 });
    const b = bootstrap(y.length, mean, { seed: 7, resamples: 200 });
    expect(Buffer.from(a.replicates.buffer).equals(Buffer.from(b.replicates.buffer))).toBe(true);
    expect(bootstrap(y.length, mean, { seed: 8, resamples: 200 }).replicates).not.toEqual(a.replicates);
  });

  it("the standard error of a mean agrees with sd/√n, and intervals contain the estimate", () => {
    const b = bootstrap(y.length, mean, { seed: 1, resamples: 2000 });
    const analytic = welchTTest(y, y).stdError! / Math.SQRT2;
    expect(b.stdError! / analytic).toBeGreaterThan(0.9);
    expect(b.stdError! / analytic).toBeLessThan(1.1);
    for (const [lo, hi] of [b.percentile, b.bca]) {
      expect(lo).toBeLessThan(b.estimate!);
      expect(hi).toBeGreaterThan(b.estimate!);
    }
  });

  it("BCa moves the interval of a skewed statistic away from the percentile one", () => {
    const skew = Array.from({ length: 60 }, () => Math.exp(r.normal()));
    const v = (idx: Int32Array) => {
      let m = 0;
      for (const i of idx) m += skew[i]!;
      m /= idx.length;
      let s = 0;
      for (const i of idx) s += (skew[i]! - m) ** 2;
      return s / (idx.length - 1);
    };
    const b = bootstrap(skew.length, v, { seed: 3, resamples: 2000, interval: "bca" });
    expect(b.ciHigh).toBe(b.bca[1]);
    expect(b.bca[1]).toBeGreaterThan(b.percentile[1]);
  });

  it("cluster resampling widens the interval when units within a cluster are alike", () => {
    const cluster = Array.from({ length: 400 }, (_, i) => i % 20);
    const shift = Array.from({ length: 20 }, () => r.normal());
    const z = y.map((v, i) => v + 2 * shift[cluster[i]!]!);
    const m = (idx: Int32Array) => idx.reduce((s, i) => s + z[i]!, 0) / idx.length;
    const iid = bootstrap(z.length, m, { seed: 1, resamples: 500 });
    const cl = bootstrap(z.length, m, { seed: 1, resamples: 500, cluster });
    expect(cl.clusters).toBe(20);
    expect(cl.stdError!).toBeGreaterThan(2 * iid.stdError!);
  });

  it("stratified resampling keeps each stratum's size", () => {
    const strata = y.map((_, i) => (i < 50 ? "treated" : "control"));
    const seen: number[] = [];
    bootstrap(y.length, (idx) => {
      let t = 0;
      for (const i of idx) if (i < 50) t++;
      seen.push(t);
      return t;
    }, { seed: 2, resamples: 50, strata });
    expect(new Set(seen.slice(1, 51))).toEqual(new Set([50]));
  });

  it("bad arguments are named", () => {
    expect(() => bootstrap(1, mean)).toThrow(/at least 2 units/);
    expect(() => bootstrap(10, mean, { resamples: 5 })).toThrow(/resamples/);
  });
});

describe("permutationTest", () => {
  it("finds a clear difference and not a null one; deterministic with a seed", () => {
    const a = Array.from({ length: 30 }, () => 1 + r.normal());
    const b = Array.from({ length: 30 }, () => r.normal());
    const p = permutationTest(a, b, { seed: 5, resamples: 2000 });
    expect(p.pValue!).toBeLessThan(0.01);
    expect(permutationTest(a, b, { seed: 5, resamples: 2000 }).pValue).toBe(p.pValue);
    const c = Array.from({ length: 30 }, () => r.normal());
    expect(permutationTest(b, c, { seed: 5, resamples: 2000 }).pValue!).toBeGreaterThan(0.05);
  });
});

describe("bootstrapWeighted", () => {
  const wmean = (w: Uint16Array) => {
    let s = 0;
    let k = 0;
    for (let i = 0; i < w.length; i++) {
      s += w[i]! * y[i]!;
      k += w[i]!;
    }
    return s / k;
  };
  it("draws the same resamples as bootstrap for the same seed (plain, stratified, cluster)", () => {
    const strata = y.map((_, i) => (i % 3 === 0 ? "a" : "b"));
    const cluster = y.map((_, i) => i % 17);
    for (const extra of [{}, { strata }, { cluster }]) {
      const a = bootstrap(y.length, mean, { seed: 4, resamples: 100, ...extra });
      const b = bootstrapWeighted(y.length, wmean, { seed: 4, resamples: 100, ...extra });
      a.replicates.forEach((v, i) => expect(Math.abs(v - b.replicates[i]!)).toBeLessThan(1e-12));
      expect(Math.abs(a.bca[0] - b.bca[0])).toBeLessThan(1e-9);
    }
  });
});
