// The README's "your own survey, in one step": Q1..Q10 from a CSV as an analyst has it.
import * as aq from "arquero";
import { describe, expect, it } from "vitest";
import { Instrument, coerceTable, scoreScales, KoeError } from "@koe/core";

const mySurvey = Instrument.parse({
  id: "our_survey", ja: "自社サーベイ", en: "Our survey",
  scales: [{ id: "engagement", ja: "エンゲージメント", en: "Engagement" }],
  items: Array.from({ length: 10 }, (_, i) => ({ id: `q${i + 1}`, scale: "engagement", ja: `Q${i + 1}`, en: `Q${i + 1}`, reverse: i === 3 || i === 8 })),
});
const text = [
  "所属,年代,越境,Q1,Q2,Q3,Q4,Q5,Q6,Q7,Q8,Q9,Q10",
  "A社,若手,はい,5,4,そう思う,1,3,4,4,5,2,4",
  "B社,シニア,いいえ,-,2,2,5,3,2,ややそう思う,1,4,2",
  "A社,中堅,いいえ,３,3,3,3,3,3,3,3,3,-",
].join("\n");
const rename = { 所属: "company", 年代: "generation", 越境: "cross_boundary", ...Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`Q${i + 1}`, `q${i + 1}`])) };

describe("coerceTable on the user's own survey", () => {
  it("gives koe's ids and numbers, and scale scores equal to a hand computation", () => {
    const table = coerceTable(aq.fromCSV(text), { rename, instrument: mySurvey, missing: ["-", ""] });
    expect(table.array("generation")).toEqual(["young", "senior", "mid"]);
    expect(table.array("cross_boundary")).toEqual([true, false, false]);
    const { table: scored } = scoreScales(table, mySurvey);
    const reversed = (x: number) => 6 - x;
    const row1 = [5, 4, 5, reversed(1), 3, 4, 4, 5, reversed(2), 4];
    const row2 = [2, 2, reversed(5), 3, 2, 4, 1, reversed(4), 2];
    const row3 = [3, 3, 3, reversed(3), 3, 3, 3, 3, reversed(3)];
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const got = Array.from(scored.array("engagement") as ArrayLike<number>);
    expect(got[0]).toBeCloseTo(mean(row1), 12);
    expect(got[1]).toBeCloseTo(mean(row2), 12);
    expect(got[2]).toBeCloseTo(mean(row3), 12);
  });
  it("without declaring \"-\" as missing, names the column and the cell", () => {
    try {
      coerceTable(aq.fromCSV(text), { rename, instrument: mySurvey });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(KoeError);
      expect((e as KoeError).localized.en).toContain('column "q1" must hold numbers');
      expect((e as KoeError).localized.en).toContain('"-" (1 row, first at table row 2)');
    }
  });
});
