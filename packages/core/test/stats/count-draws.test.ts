// The bootstrap's draw-and-count loop in WebAssembly (count-draws.wat) against its JavaScript
// original (countInts, gatherCounts' rule): the same counts, carries and generator state, draw for
// draw; and the committed bytes are the assembly of the committed source.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { assemble, moduleText, WASM_SOURCES } from "../../../../scripts/assemble-wasm.mjs";
import { drawCounterModule, makeDrawCounter, type DrawCounter } from "../../src/stats/count-draws.js";
import { countInts, createRandom, generatorState } from "../../src/stats/random.js";

const root = join(import.meta.dirname, "../../../..");

function counter(units: number, rank: Int32Array | null = null): DrawCounter {
  const module = drawCounterModule();
  expect(module).not.toBeNull();
  const made = makeDrawCounter(module!, units, rank);
  expect(made).not.toBeNull();
  return made!;
}

/** Draws `count` integers in [0, m) `times` times, both ways, from seed `seed`, into counts at `offset`; returns both. */
function both(units: number, m: number, count: number, times: number, seed: number, offset = 0) {
  const js = { st: generatorState(createRandom(seed))!, counts: new Uint8Array(units), carries: [] as number[] };
  const c = counter(units);
  const wasm = { st: generatorState(createRandom(seed))!, counts: c.counts, carries: [] as number[] };
  for (let t = 0; t < times; t++) {
    countInts(js.st, m, count, js.counts.subarray(offset, offset + m), js.carries);
    c.draw(wasm.st, m, count, wasm.counts.subarray(offset, offset + m), wasm.carries);
  }
  return { js, wasm: { ...wasm, counts: Uint8Array.from(wasm.counts) } };
}

describe("the WebAssembly draw counter", () => {
  it("is assembled from count-draws.wat: the committed module holds exactly its bytes", async () => {
    for (const source of WASM_SOURCES) {
      const bytes = await assemble(source.wat);
      expect(readFileSync(join(root, source.module), "utf8")).toBe(moduleText(source, bytes));
    }
  });

  it.each([
    ["a stratum of 950,000 then of 50,000 (the integer index)", 1_000_000, 950_000, 950_000, 2, 1, 0],
    ["a stratum of 50,000 at an offset", 1_000_000, 50_000, 50_000, 3, 2, 950_000],
    ["tiny strata", 16, 3, 3, 40, 3, 5],
    ["one unit, 1,000 draws: three counts pass 255", 1_000, 1, 1_000, 1, 4, 0],
    ["12 units, 5,000 draws (carries)", 5_000, 12, 5_000, 1, 5, 0],
    ["2^21 units, the last of the integer index", 2_097_152, 2_097_152, 2_097_152, 1, 6, 0],
    ["2^21 + 1 units: the doubles' index", 2_097_153, 2_097_153, 2_097_153, 1, 7, 0],
    ["3,000,000 units (the doubles' index)", 3_000_000, 3_000_000, 3_000_000, 1, 8, 0],
  ])("%s: the counts, carries and state of countInts", (_, units, m, count, times, seed, offset) => {
    const { js, wasm } = both(units, m, count, times, seed, offset);
    expect(Buffer.from(wasm.counts).equals(Buffer.from(js.counts))).toBe(true);
    expect(wasm.carries).toEqual(js.carries);
    expect([...wasm.st]).toEqual([...js.st]);
    if (m === 1) expect(wasm.carries).toEqual([0, 0, 0]);
  });

  it("gathers counts into weights in unit order, as gatherCounts: weights[i] = counts[rank[i]]", () => {
    const units = 10_000;
    const rank = Int32Array.from({ length: units }, (_, i) => (i * 7919) % units); // a permutation (7919 is prime)
    const c = counter(units, rank);
    c.draw(generatorState(createRandom(9))!, units, units, c.counts, []);
    c.gather(0, 6_000);
    c.gather(6_000, units);
    const expected = Uint16Array.from(rank, (r) => c.counts[r]!);
    expect(Buffer.from(c.weights!.buffer, c.weights!.byteOffset, c.weights!.byteLength).equals(Buffer.from(expected.buffer))).toBe(true);
  });

  it("refuses counts that are not its own, more draws than units, and gathering without ranks", () => {
    const c = counter(100);
    const st = generatorState(createRandom(1))!;
    expect(() => c.draw(st, 10, 10, new Uint8Array(100), [])).toThrow(RangeError);
    expect(() => c.draw(st, 10, 101, c.counts, [])).toThrow(RangeError);
    expect(() => c.draw(st, 20, 20, c.counts.subarray(90), [])).toThrow(RangeError);
    expect(() => c.gather(0, 10)).toThrow(RangeError);
  });
});
