// The bootstrap's random stream is pinned: the replicates of fixed generated data, for each kind of
// resampling and for sizes on both sides of the large-n paths, are compared byte for byte (a
// SHA-256 of the Float64 replicates) with fixtures/bootstrap-replicates.json, captured from the
// code before its speed-ups (commit 0bd072d's bootstrap.ts and random.ts). A faster way of drawing
// the same multinomial counts must give the same bytes; a changed stream fails here.
// `KOE_WRITE_FIXTURE=1 npx vitest run packages/core/test/stats/bootstrap-stream.test.ts` rewrites
// the fixture (only when the stream is meant to change, and say so in the commit).
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { bootstrap, bootstrapWeighted, createRandom, type BootstrapResult } from "@koe/core/stats";
import { describe, expect, it } from "vitest";
import { countedByWorker, countedInWasmByWorker, setParallelCounting } from "../../src/stats/bootstrap.js";
import { drawCounterModule, setWasmCounting } from "../../src/stats/count-draws.js";
import { countInts, generatorState, type Random } from "../../src/stats/random.js";

const fixturePath = join(import.meta.dirname, "fixtures", "bootstrap-replicates.json");

interface Fingerprint {
  replicates: string;
  first: number[];
  estimate: number;
  stdError: number;
  percentile: [number, number];
  bca: [number, number];
  /** The next draw of an injected generator after the bootstrap: the stream is consumed exactly. */
  after: number | null;
}

function fingerprint(b: BootstrapResult, after: number | null): Fingerprint {
  return {
    replicates: createHash("sha256").update(new Uint8Array(b.replicates.buffer, b.replicates.byteOffset, b.replicates.byteLength)).digest("hex"),
    first: [...b.replicates.subarray(0, 3)],
    estimate: b.estimate!,
    stdError: b.stdError!,
    percentile: b.percentile,
    bca: b.bca,
    after,
  };
}

/** Generated data: values, a 0/1 treatment with share `p`, from seed `seed`. */
function data(n: number, p: number, seed: number) {
  const r = createRandom(seed);
  const y = new Float64Array(n);
  const treated = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    treated[i] = r.next() < p ? 1 : 0;
    y[i] = 3 + r.normal() + 0.3 * treated[i]!;
  }
  return { y, treated };
}

function weightedDid(y: Float64Array, treated: Uint8Array) {
  return (w: Uint16Array) => {
    let st = 0, nt = 0, sc = 0, nc = 0;
    for (let i = 0; i < w.length; i++) {
      const wi = w[i]!;
      if (treated[i] === 1) {
        st += wi * y[i]!;
        nt += wi;
      } else {
        sc += wi * y[i]!;
        nc += wi;
      }
    }
    return st / nt - sc / nc;
  };
}

function weightedMean(y: Float64Array) {
  return (w: Uint16Array) => {
    let s = 0, k = 0;
    for (let i = 0; i < w.length; i++) {
      s += w[i]! * y[i]!;
      k += w[i]!;
    }
    return s / k;
  };
}

/** Every case: a name and the run giving its fingerprint. */
const cases: Record<string, () => Fingerprint> = {
  "weighted, plain, n 500": () => {
    const { y } = data(500, 0.5, 11);
    return fingerprint(bootstrapWeighted(y.length, weightedMean(y), { seed: 1, resamples: 200 }), null);
  },
  "weighted, stratified, n 3000 (jackknife groups), string seed, bca": () => {
    const { y, treated } = data(3000, 0.3, 12);
    return fingerprint(bootstrapWeighted(y.length, weightedDid(y, treated), { seed: "abc", resamples: 100, strata: treated, interval: "bca" }), null);
  },
  "weighted, three strata with a stratum of one, injected generator": () => {
    const { y } = data(301, 0.5, 13);
    const strata = Array.from(y, (_, i) => (i === 150 ? "solo" : i % 3 === 0 ? "a" : "b"));
    const random = createRandom(77);
    const b = bootstrapWeighted(y.length, weightedMean(y), { random, resamples: 150, strata });
    return fingerprint(b, random.next());
  },
  "weighted, cluster": () => {
    const { y } = data(400, 0.5, 14);
    return fingerprint(bootstrapWeighted(y.length, weightedMean(y), { seed: 3, resamples: 100, cluster: Array.from(y, (_, i) => i % 17) }), null);
  },
  "weighted, stratified, n 300,000 (large-n path), injected generator": () => {
    const { y, treated } = data(300_000, 0.07, 15);
    const random = createRandom(1);
    const b = bootstrapWeighted(y.length, weightedDid(y, treated), { random, resamples: 24, strata: treated });
    return fingerprint(b, random.next());
  },
  "weighted, plain, n 300,000 (large-n path)": () => {
    const { y } = data(300_000, 0.5, 16);
    return fingerprint(bootstrapWeighted(y.length, weightedMean(y), { seed: 9, resamples: 20 }), null);
  },
  "indices, plain and stratified": () => {
    const { y, treated } = data(700, 0.4, 17);
    const mean = (idx: Int32Array) => {
      let s = 0;
      for (const i of idx) s += y[i]!;
      return s / idx.length;
    };
    const a = bootstrap(y.length, mean, { seed: 5, resamples: 100 });
    const b = bootstrap(y.length, mean, { seed: 5, resamples: 100, strata: treated });
    return { ...fingerprint(b, null), first: [...a.replicates.subarray(0, 3), ...b.replicates.subarray(0, 3)] };
  },
};

describe("bootstrap random stream (byte-identical to the fixture captured before the speed-ups)", () => {
  const fixture = JSON.parse(readFileSync(fixturePath, "utf8")) as Record<string, Fingerprint>;
  if (process.env.KOE_WRITE_FIXTURE === "1") {
    it("writes the fixture", () => {
      writeFileSync(fixturePath, JSON.stringify(Object.fromEntries(Object.entries(cases).map(([k, f]) => [k, f()])), null, 1) + "\n");
    });
    return;
  }
  for (const [name, run] of Object.entries(cases)) {
    it(name, () => {
      expect(run()).toEqual(fixture[name]);
    });
  }
  it("in Node, a worker thread draws the large resamples (and the bytes above are still the fixture's)", () => {
    const before = countedByWorker;
    cases["weighted, plain, n 300,000 (large-n path)"]!();
    expect(countedByWorker - before).toBe(20);
  });
  it("with or without the worker, the same bytes and the same generator state after", () => {
    const { y, treated } = data(400_000, 0.2, 19);
    const run = () => {
      const random = createRandom(21);
      const b = bootstrapWeighted(y.length, weightedDid(y, treated), { random, resamples: 30, strata: treated, interval: "bca" });
      return { ...fingerprint(b, random.next()), bca: b.bca };
    };
    const before = countedByWorker;
    const threaded = run();
    expect(countedByWorker - before).toBe(30);
    setParallelCounting(false);
    try {
      expect(run()).toEqual(threaded);
      expect(countedByWorker - before).toBe(30);
    } finally {
      setParallelCounting(true);
    }
  });
  it("wherever the gathering of the weights is split between the worker and this thread, the same bytes", () => {
    const { y, treated } = data(350_000, 0.1, 24);
    const run = () => bootstrapWeighted(y.length, weightedDid(y, treated), { seed: 8, resamples: 15, strata: treated }).replicates;
    setParallelCounting(false);
    const alone = run();
    try {
      for (const share of [0, 0.37, 1]) {
        setParallelCounting(true, share);
        const before = countedByWorker;
        expect(Buffer.from(run().buffer).equals(Buffer.from(alone.buffer))).toBe(true);
        expect(countedByWorker - before).toBe(15);
      }
    } finally {
      setParallelCounting(true);
    }
  });
  it("a statistic that throws stops the worker and the error reaches the caller", () => {
    const { y } = data(300_000, 0.5, 20);
    let calls = 0;
    const failing = (w: Uint16Array) => {
      if (++calls > 55) throw new Error("statistic failed");
      return weightedMean(y)(w);
    };
    expect(() => bootstrapWeighted(y.length, failing, { seed: 1, resamples: 40 })).toThrow("statistic failed");
    // and the next call runs normally
    expect(bootstrapWeighted(y.length, weightedMean(y), { seed: 9, resamples: 20 }).replicates).toHaveLength(20);
  });
  it("an injected generator (not made by createRandom) draws through fillInts: the same replicates as the generator it wraps", () => {
    const { y, treated } = data(2000, 0.3, 22);
    const wrap = (r: Random): Random => ({ seed: r.seed, next: () => r.next(), int: (k) => r.int(k), normal: () => r.normal(), fillInts: (o, k, f, c) => r.fillInts(o, k, f, c) });
    const own = createRandom(5);
    const wrapped = createRandom(5);
    expect(generatorState(wrap(wrapped))).toBeUndefined();
    const a = bootstrapWeighted(y.length, weightedDid(y, treated), { random: own, resamples: 60, strata: treated });
    const b = bootstrapWeighted(y.length, weightedDid(y, treated), { random: wrap(wrapped), resamples: 60, strata: treated });
    expect(fingerprint(b, wrapped.next())).toEqual(fingerprint(a, own.next()));
  });
  it("countInts counts exactly the integers fillInts draws; counts past 255 carry", () => {
    const a = createRandom(31);
    const b = createRandom(31);
    const draws = new Int32Array(5000);
    a.fillInts(draws, 12);
    const expected = new Array<number>(12).fill(0);
    for (const d of draws) expected[d]!++;
    const counts = new Uint8Array(12);
    const carries: number[] = [];
    countInts(generatorState(b)!, 12, 5000, counts, carries);
    const got = Array.from(counts, (c, j) => c + 256 * carries.filter((k) => k === j).length);
    expect(got).toEqual(expected);
    expect(carries.length).toBeGreaterThan(0);
    expect(b.next()).toBe(a.next());
  });
  it("a unit drawn more than 255 times gets its whole count as its weight", () => {
    // A generator whose every draw is unit 0: its weight is the stratum's size, past a byte.
    const zeros: Random = { seed: 0, next: () => 0, int: () => 0, normal: () => 0, fillInts: (o, _k, f = 0, c = o.length - f) => o.fill(0, f, f + c) };
    const seen: number[] = [];
    bootstrapWeighted(700, (w) => (seen.push(w[0]!, w[1]!, w[650]!), 0), { random: zeros, resamples: 10, strata: Array.from({ length: 700 }, (_, i) => (i < 600 ? "a" : "b")) });
    // the estimate's call (all ones), then the resamples: unit 0 holds all 600 draws of its stratum, unit 600 all 100 of the other.
    expect(seen.slice(0, 3)).toEqual([1, 1, 1]);
    expect(seen.slice(3, 6)).toEqual([600, 0, 0]);
  });
  it("strata: a label and its text are one stratum; a missing label is named by position, even after its value was seen", () => {
    const { y } = data(300, 0.5, 23);
    const labels = Array.from(y, (_, i) => (i % 2 === 0 ? 1 : "b"));
    const asText = labels.map(String);
    const mixed = labels.map((v, i) => (i === 4 ? "1" : v));
    const run = (strata: unknown[]) => bootstrapWeighted(y.length, weightedMean(y), { seed: 4, resamples: 40, strata }).replicates;
    expect(run(mixed)).toEqual(run(asText));
    const missing = labels.map((v, i) => (i === 6 ? Number.NaN : v));
    expect(() => run(missing)).toThrow("strata is missing at position 7");
  });
  it("the same call twice gives the same bytes", () => {
    const { y, treated } = data(250_000, 0.1, 18);
    const run = () => bootstrapWeighted(y.length, weightedDid(y, treated), { seed: 2, resamples: 15, strata: treated }).replicates;
    expect(Buffer.from(run().buffer).equals(Buffer.from(run().buffer))).toBe(true);
  });
});

describe("bootstrap random stream without WebAssembly (countInts alone): the same fixture", () => {
  const fixture = JSON.parse(readFileSync(fixturePath, "utf8")) as Record<string, Fingerprint>;
  if (process.env.KOE_WRITE_FIXTURE === "1") return;
  for (const [name, run] of Object.entries(cases)) {
    it(name, () => {
      setWasmCounting(false);
      try {
        expect(drawCounterModule()).toBeNull();
        expect(run()).toEqual(fixture[name]);
      } finally {
        setWasmCounting(true);
      }
    });
  }
  it("with WebAssembly, the worker counts in it (and the bytes are the fixture's above)", () => {
    const before = countedInWasmByWorker;
    cases["weighted, plain, n 300,000 (large-n path)"]!();
    expect(countedInWasmByWorker - before).toBe(20);
  });
});
