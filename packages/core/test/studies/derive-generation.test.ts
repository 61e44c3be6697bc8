import { deriveGeneration, KoeArgumentError } from "@koe/core";
import * as aq from "arquero";
import { describe, expect, it } from "vitest";

describe("deriveGeneration reads age through the boundary", () => {
  it("numbers, numeric text and full-width digits are ages; blanks and markers are missing", () => {
    const t = deriveGeneration(aq.table({ age: [22, "41", "６３", "", "NA", null, 34.5] }));
    expect(t.array("generation")).toEqual(["young", "mid", "senior", null, null, null, "young"]);
  });

  it("text that is not an age is an error naming the column and value (it became a missing generation before)", () => {
    expect(() => deriveGeneration(aq.table({ age: [30, "三十", 45] }))).toThrow(/deriveGeneration: column "age" must hold numbers; it holds text that is not a number: "三十" \(1 row, first at table row 2\)/);
    expect(deriveGeneration(aq.table({ age: [30, "-", 45] }), { missing: ["-"] }).array("generation")).toEqual(["young", null, "mid"]);
  });

  it("the age column is found under its other names; options are strict", () => {
    expect(deriveGeneration(aq.table({ 年齢: [30, 60] })).array("generation")).toEqual(["young", "senior"]);
    expect(deriveGeneration(aq.table({ age: [30, 47] }), { cutoffs: { mid: 30, senior: 45 }, as: "gen" }).array("gen")).toEqual(["mid", "senior"]);
    expect(() => deriveGeneration(aq.table({ age: [30] }), { cutof: {} } as never)).toThrow(/unknown option "cutof"; did you mean "cutoffs"\?/);
    expect(() => deriveGeneration(aq.table({ age: [30] }), { cutoffs: { midd: 30 } } as never)).toThrow(KoeArgumentError);
    expect(() => deriveGeneration(aq.table({ age: [30] }), { cutoffs: { mid: 50, senior: 40 } })).toThrow(KoeArgumentError);
    expect(() => deriveGeneration(aq.table({ agee: [30] }))).toThrow(/no column "age" \(option age\)/);
  });
});
