// matchNearestSets against a plain greedy matcher written from its definition (scan every
// control for each treated unit), on lists long enough for the radix sort (≥ 512 units per
// group) with tied, negative and signed-zero scores, strata, 1:k and a caliper.
import { createRandom, matchNearestSets, type MatchedSet } from "@koe/core";
import { describe, expect, it } from "vitest";

/** Greedy matching by definition: k rounds; treated by score descending (ties: lower row), each taking the nearest alive control of its stratum (ties: lower row) within the caliper. */
function reference(score: number[], treated: number[], ratio: number, caliper: number | undefined, exact: number[] | undefined): MatchedSet[] {
  const n = score.length;
  let limit = Infinity;
  if (caliper !== undefined) {
    const m = score.reduce((a, b) => a + b, 0) / n;
    limit = caliper * Math.sqrt(score.reduce((a, b) => a + (b - m) ** 2, 0) / (n - 1));
  }
  const t = score.map((_, i) => i).filter((i) => treated[i] === 1).sort((a, b) => score[b]! - score[a]! || a - b);
  const alive = new Set(score.map((_, i) => i).filter((i) => treated[i] !== 1));
  const got = new Map<number, number[]>();
  for (let round = 0; round < ratio; round++) {
    for (const i of t) {
      if (round > 0 && !got.has(i)) continue;
      let best = -1;
      for (const c of alive) {
        if (exact && exact[c] !== exact[i]) continue;
        const d = Math.abs(score[c]! - score[i]!);
        if (best < 0 || d < Math.abs(score[best]! - score[i]!) || (d === Math.abs(score[best]! - score[i]!) && c < best)) best = c;
      }
      if (best < 0 || Math.abs(score[best]! - score[i]!) > limit) continue;
      alive.delete(best);
      got.set(i, [...(got.get(i) ?? []), best]);
    }
  }
  return t.filter((i) => got.has(i)).map((i) => ({ treated: i, controls: got.get(i)! }));
}

describe("matchNearestSets equals greedy matching by definition", () => {
  const random = createRandom(13);
  const n = 3000;
  // Scores on a coarse grid (many ties), both signs, and signed zeros.
  const score = Array.from({ length: n }, (_, i) => (i % 97 === 0 ? (i % 2 ? -0 : 0) : Math.round((random.next() * 4 - 2) * 50) / 50));
  const treated = Array.from({ length: n }, () => (random.next() < 0.3 ? 1 : 0));
  const strata = Array.from({ length: n }, () => Math.floor(random.next() * 3));
  for (const [name, ratio, caliper, exact] of [
    ["1:1", 1, undefined, undefined],
    ["1:2 with a caliper", 2, 0.01, undefined],
    ["1:3 within strata", 3, undefined, strata],
    ["1:2 within strata with a caliper", 2, 0.005, strata],
  ] as const) {
    it(name, () => {
      const got = matchNearestSets(score, treated, { ratio, ...(caliper !== undefined ? { caliper } : {}), ...(exact ? { exact } : {}) });
      expect(got.length).toBeGreaterThan(100);
      expect(got).toEqual(reference(score, treated, ratio, caliper, exact));
    });
  }
});

describe("matchNearestSets on nearly equal scores (equal in their first 32 bits)", () => {
  it("orders them by their last bits and matches as by definition", () => {
    const random = createRandom(5);
    const n = 1500;
    // 0.3 plus a few units in the last place: one long run of equal high words, and exact ties.
    const score = Array.from({ length: n }, () => 0.3 + Math.floor(random.next() * 40) * 2 ** -52);
    const treated = Array.from({ length: n }, () => (random.next() < 0.3 ? 1 : 0));
    const got = matchNearestSets(score, treated, { ratio: 2 });
    expect(got.length).toBeGreaterThan(300);
    expect(got).toEqual(reference(score, treated, 2, undefined, undefined));
  });
  it("short runs of nearly equal scores (a few units in the last place apart) likewise", () => {
    const random = createRandom(6);
    const n = 3000;
    const score = Array.from({ length: n }, () => 1 + Math.floor(random.next() * 400) / 400 + Math.floor(random.next() * 5) * 2 ** -52);
    const treated = Array.from({ length: n }, () => (random.next() < 0.2 ? 1 : 0));
    const got = matchNearestSets(score, treated, { ratio: 1 });
    expect(got.length).toBeGreaterThan(300);
    expect(got).toEqual(reference(score, treated, 1, undefined, undefined));
  });
});
