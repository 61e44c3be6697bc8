import { crossTab, groupsTest, independenceTest, mannWhitneyU, oneWayAnova, readRespondents, welchTTest, welchTest } from "@koe/core";
import * as aq from "arquero";
import { describe, expect, it } from "vitest";

describe("table-level wrappers", () => {
  const t = aq.table({ y: [1, 2, 3, 4, 5, 6, Number.NaN, 8], g: ["a", "b", "a", "b", "a", "b", "a", null], h: ["x", "x", "y", "y", "x", "y", "x", "y"] });
  it("welchTest splits by group in the order given and equals the kernel", () => {
    const r = welchTest(t, { outcome: "y", group: "g", order: ["b", "a"] });
    expect(r.estimate).toBe(welchTTest([2, 4, 6], [1, 3, 5]).estimate);
    expect(r.nMissing).toBe(1);
    expect(() => welchTest(t, { outcome: "y", group: "h", order: ["x", "z"] })).toThrow(/group "z" does not occur in column "h"/);
    expect(() => welchTest(t, { outcome: "nope", group: "g" })).toThrow(/no column "nope"/);
  });
  it("groupsTest and crossTab", () => {
    expect(groupsTest(t, { outcome: "y", group: "h", method: "anova" }).pValue).toBe(oneWayAnova([[1, 2, 5, Number.NaN], [3, 4, 6, 8]]).pValue);
    expect(crossTab(t, { row: "g", column: "h" })).toEqual({ rows: ["a", "b"], columns: ["x", "y"], counts: [[3, 1], [1, 2]] });
  });
  it("on the bundled data: participants' post-period engagement item differs, booleans ordered true first", async () => {
    const { table } = await readRespondents("data/respondents.csv");
    const r = welchTest(table, { outcome: "eng_01_post", group: "cross_boundary" });
    expect(r.estimate!).toBeGreaterThan(0);
    expect(r.pValue!).toBeLessThan(0.001);
    const chi = independenceTest(table, { row: "layer", column: "cross_boundary" });
    expect(chi.df).toBe(2);
    expect(mannWhitneyU([1, 2], [3, 4]).statistic).toBe(0);
  });
});
