import { crossTab, groupsTest, independenceTest, mannWhitneyU, oneWayAnova, readRespondents, welchTTest, welchTest } from "@koe/core";
import * as aq from "arquero";
import { describe, expect, it } from "vitest";

describe("table-level wrappers", () => {
  const t = aq.table({ y: [1, 2, 3, 4, 5, 6, Number.NaN, 8], g: ["a", "b", "a", "b", "a", "b", "a", null], h: ["x", "x", "y", "y", "x", "y", "x", "y"] });
  it("welchTest splits by group in the order given and equals the kernel", () => {
    const r = welchTest(t, { outcome: "y", group: "g", order: ["b", "a"] });
    expect(r.estimate).toBe(welchTTest([2, 4, 6], [1, 3, 5]).estimate);
    // One row with a missing outcome (group "a"), one with a missing group: both dropped and counted.
    expect(r.nMissing).toBe(2);
    expect(r.groups.map((g) => [g.label, g.n, g.nMissing])).toEqual([["b", 3, 0], ["a", 3, 1]]);
    expect(() => welchTest(t, { outcome: "y", group: "h", order: ["x", "z"] })).toThrow(/group "z" does not occur in column "h"/);
    expect(() => welchTest(t, { outcome: "nope", group: "g" })).toThrow(/no column "nope"/);
  });
  it("groupsTest and crossTab", () => {
    expect(groupsTest(t, { outcome: "y", group: "h", method: "anova" }).pValue).toBe(oneWayAnova([[1, 2, 5, Number.NaN], [3, 4, 6, 8]]).pValue);
    expect(crossTab(t, { row: "g", column: "h" })).toMatchObject({ rows: ["a", "b"], columns: ["x", "y"], counts: [[3, 1], [1, 2]], nMissing: 1 });
  });
  it("on the bundled data: participants' post-period engagement item differs; false first as R, order: [true, false] turns it round", async () => {
    const { table } = await readRespondents("data/respondents.csv");
    const r = welchTest(table, { outcome: "eng_01_post", group: "cross_boundary" });
    expect(r.groups.map((g) => g.level)).toEqual([false, true]);
    expect(r.estimate!).toBeLessThan(0);
    expect(r.pValue!).toBeLessThan(0.001);
    expect(welchTest(table, { outcome: "eng_01_post", group: "cross_boundary", order: [true, false] }).estimate).toBe(-r.estimate!);
    const chi = independenceTest(table, { row: "layer", column: "cross_boundary" });
    expect(chi.df).toBe(2);
    expect(mannWhitneyU([1, 2], [3, 4]).statistic).toBe(0);
  });
});
