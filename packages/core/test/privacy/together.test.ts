import { describe, expect, it } from "vitest";
import { KoeArgumentError } from "../../src/errors/errors.js";
import { groupKey, suppressTogether } from "../../src/privacy/index.js";

const byGen = (ns: number[]) => ["young", "mid", "senior"].map((generation, i) => ({ generation, n: ns[i]! }));
const grid = (companies: string[], ns: number[][]) => companies.flatMap((company, i) => ["young", "mid", "senior"].map((generation, j) => ({ company, generation, n: ns[i]![j]! })));

describe("suppressTogether", () => {
  it("hides the parts of a whole together and keeps the whole", () => {
    const h = suppressTogether(
      [
        { name: "all", dims: ["generation"], rows: byGen([40, 52, 61]) },
        { name: "took part", dims: ["generation"], rows: byGen([3, 12, 20]) },
        { name: "did not", dims: ["generation"], rows: byGen([37, 40, 41]) },
      ],
      { relations: [{ whole: "all", parts: ["took part", "did not"] }] },
    );
    expect(h.get("all")!.size).toBe(0);
    expect([...h.get("took part")!]).toEqual(["young", "mid", "senior"].map((g) => groupKey({ generation: g })));
    expect([...h.get("did not")!]).toEqual([...h.get("took part")!]);
  });

  it("returns hidden totals by their key (fewer dimensions; {} for the grand total)", () => {
    const rows = grid(["A", "B", "C", "D"], [[1, 1, 1], [2, 0, 1], [20, 30, 25], [22, 31, 27]]);
    const h = suppressTogether([{ name: "t", dims: ["company", "generation"], rows }]);
    expect(h.get("t")!.has(groupKey({ company: "A" }))).toBe(true); // A's total 3 is small
    expect(h.get("t")!.has(groupKey({ company: "B" }))).toBe(true); // its pair
    expect(h.get("t")!.has(groupKey({}))).toBe(false);
    expect(h.get("t")!.has(groupKey({ generation: "young", company: "A" }))).toBe(true); // key order does not matter
  });

  it("treats a group absent from the rows as a shown 0, unless the table is complete", () => {
    const rows = grid(["A", "B"], [[3, 20, 30], [25, 26, 27]]).filter((r) => !(r.company === "B" && r.generation === "mid"));
    const shown = suppressTogether([{ name: "t", dims: ["company", "generation"], rows }]);
    expect(shown.get("t")!.has(groupKey({ company: "B", generation: "mid" }))).toBe(false);
    const complete = suppressTogether([{ name: "t", dims: ["company", "generation"], rows, complete: true }]);
    expect(complete.get("t")!.has(groupKey({ company: "B", generation: "mid" }))).toBe(true);
  });

  it("protects zeros with suppressZeros and uses minGroupSize", () => {
    const rows = byGen([0, 30, 40]);
    expect(suppressTogether([{ name: "t", dims: ["generation"], rows }]).get("t")!.size).toBe(0);
    expect(suppressTogether([{ name: "t", dims: ["generation"], rows }], { suppressZeros: true }).get("t")!.size).toBeGreaterThan(0);
    expect(suppressTogether([{ name: "t", dims: ["generation"], rows: byGen([8, 30, 40]) }], { minGroupSize: 10 }).get("t")!.size).toBe(3);
  });

  it("refuses what is not a set of count tables and relations that do not fit, in both languages", () => {
    const t = { name: "t", dims: ["generation"], rows: byGen([8, 30, 40]) };
    const cases: [() => unknown, RegExp][] = [
      [() => suppressTogether("x" as never), /suppressTogether: expected a list of count tables/],
      [() => suppressTogether([t, t]), /two tables are named "t"/],
      [() => suppressTogether([{ ...t, dims: ["a", "b", "c"] }]), /table "t": dims must be one or two different column names/],
      [() => suppressTogether([{ ...t, rows: [{ generation: "young" }] }]), /table "t", row 1 has no column "n"/],
      [() => suppressTogether([{ ...t, rows: [{ generation: "young", n: -1 }] }]), /table "t", row 1, column "n": -1 is not a count/],
      [() => suppressTogether([{ ...t, rows: [...byGen([1, 2, 3]), { generation: "young", n: 4 }] }]), /rows 1 and 4 are the same group \(t: young\)/],
      [() => suppressTogether([t], { relations: [{ whole: "t", parts: ["u"] }] }), /a relation names table "u"/],
      [() => suppressTogether([t, { name: "u", dims: ["company"], rows: [{ company: "A", n: 78 }] }], { relations: [{ whole: "t", parts: ["u"] }] }), /table "u" cannot be a part of "t": it has no dimension "generation"/],
      [() => suppressTogether([t, { ...t, name: "u", rows: byGen([8, 30, 41]) }], { relations: [{ whole: "t", parts: ["u"] }] }), /the parts of "t" add up to 41, not 40, at generation "senior"/],
      [() => suppressTogether([t], { minSize: 5 } as never), /unknown option "minSize" \(options: "minGroupSize", "relations", "suppressZeros"\)/],
      [() => suppressTogether([t], { minGroupSize: 0 }), /option "minGroupSize" must be a whole number ≥ 1/],
    ];
    for (const [call, message] of cases) {
      let e: unknown;
      try {
        call();
      } catch (x) {
        e = x;
      }
      expect(e, String(message)).toBeInstanceOf(KoeArgumentError);
      expect((e as KoeArgumentError).message).toMatch(message);
      expect((e as KoeArgumentError).localized.ja).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    }
  });
});
