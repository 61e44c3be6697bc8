// Attack #3 of the privacy issue: a reader who knows the suppression rule. He enumerates every table
// consistent with what is published, keeps those on which re-running the rule gives the same
// pattern, and reads off what is left. Against the greedy rule koe used before (smallest neighbours
// first, an exact check that ignored what the rule itself tells), he narrowed hidden small groups and
// pinned hidden numbers; against suppressSmallGroups he learns nothing below the minimum.
import { describe, expect, it } from "vitest";
import { auditSuppression, suppressSmallGroups } from "../../src/privacy/index.js";
import { documentedBlocks, patternOf, randomSmallTables, randomTables, read, type Pattern } from "./reader.js";
import { greedyRule } from "./rules/greedy.js";

const same = (a: Pattern, b: Pattern) => JSON.stringify(a) === JSON.stringify(b);
const before = (t: number[][]) => greedyRule(t, { minSize: 5 });
const now = (minSize = 5, suppressZeros = false) => (t: number[][]) => patternOf(suppressSmallGroups(t, { minSize, suppressZeros }));

/** Whether nothing at all is published (then only that the table is hidden says anything: drop such a table). */
const nothingShown = (p: Pattern) => p.grandTotal && p.rowTotals.every(Boolean) && p.columnTotals.every(Boolean) && p.cells.flat().every(Boolean);

/** What a rule-aware reader learns from the table published by `rule`. */
function attack(t: number[][], rule: (t: number[][]) => Pattern, minSize = 5, suppressZeros = false) {
  const p = rule(t);
  return read(t, p, { minSize, suppressZeros, knows: "rule", rule, prefer: (x) => same(documentedBlocks(x, minSize, suppressZeros), p) });
}

describe("the issue's examples", () => {
  it("[[5,5],[5,15],[0,1]]: the old rule forces the hidden 5 and the hidden 1 exactly; the rule now leaves both open", () => {
    const t = [[5, 5], [5, 15], [0, 1]];
    const old = attack(t, before);
    expect(old.intervals.get("cell 0,1")).toEqual([5, 5]);
    expect(old.intervals.get("cell 2,1")).toEqual([1, 1]);
    expect(old.narrowed).toContain("cell 2,1");
    expect(old.pinned).toEqual(expect.arrayContaining(["cell 0,1", "cell 2,1"]));
    const r = attack(t, now());
    expect(r.narrowed).toEqual([]);
    expect(r.pinned).toEqual([]);
    expect(r.intervals.get("cell 2,1")![1]).toBeGreaterThanOrEqual(5);
  });

  it("[[2,3,20],[15,9,30],[40,22,18]]: both hidden small cells were in [1, 4] (zeros are shown, so hidden ≥ 1); not now", () => {
    const t = [[2, 3, 20], [15, 9, 30], [40, 22, 18]];
    const old = attack(t, before);
    expect(old.intervals.get("cell 0,0")).toEqual([1, 4]);
    expect(old.intervals.get("cell 0,1")).toEqual([1, 4]);
    // "Zeros are shown" alone is enough for that; the audit now reads with that knowledge by default.
    expect(read(t, before(t), { minSize: 5, knows: "zeros" }).narrowed).toEqual(["cell 0,0", "cell 0,1"]);
    const p = before(t);
    const m = (h: boolean) => ({ suppressed: h });
    const asPattern = { cells: p.cells.map((row) => row.map(m)), rowTotals: p.rowTotals.map(m), columnTotals: p.columnTotals.map(m), grandTotal: m(p.grandTotal) };
    expect(auditSuppression(t, asPattern).findings.map((f) => f.kind)).toEqual(["narrowed_small", "narrowed_small"]);
    expect(auditSuppression(t, asPattern, { reader: "sums" }).safe).toBe(true);
    const r = attack(t, now());
    expect(r.narrowed).toEqual([]);
    expect(r.pinned).toEqual([]);
  });
});

describe("random 2–3 × 2–3 tables with totals", () => {
  it("the greedy rule koe used before gave many of them away to a rule-aware reader", () => {
    const tables = randomTables(120, 20261201);
    let narrowed = 0;
    let pinned = 0;
    for (const t of tables) {
      const r = attack(t, before);
      if (r.narrowed.length > 0) narrowed++;
      if (r.pinned.length > 0) pinned++;
    }
    expect(narrowed).toBeGreaterThan(20);
    expect(pinned).toBeGreaterThan(0);
  });

  it("suppressSmallGroups: the reader who enumerates every candidate and re-runs the rule narrows nothing below 5 and pins nothing", () => {
    let whole = 0;
    for (const t of randomSmallTables(260, 20261202)) {
      if (nothingShown(now()(t))) {
        // Everything hidden: only when the whole table is smaller than the minimum.
        expect(t.flat().reduce((a, b) => a + b, 0), JSON.stringify(t)).toBeLessThan(5);
        whole++;
        continue;
      }
      const r = attack(t, now());
      expect(r.narrowed, JSON.stringify(t)).toEqual([]);
      expect(r.pinned, JSON.stringify(t)).toEqual([]);
    }
    expect(whole).toBeLessThan(10);
  });

  it("the same with other minimum sizes and with zeros protected", () => {
    for (const [k, t] of randomSmallTables(40, 77).entries()) {
      const minSize = 3 + (k % 3);
      if (nothingShown(now(minSize, k % 2 === 0)(t))) continue;
      const r = attack(t, now(minSize, k % 2 === 0), minSize, k % 2 === 0);
      expect(r.narrowed, JSON.stringify([t, minSize])).toEqual([]);
      expect(r.pinned, JSON.stringify([t, minSize])).toEqual([]);
    }
  });
});
