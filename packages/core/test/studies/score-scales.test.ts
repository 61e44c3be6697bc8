import { readFileSync } from "node:fs";
import { join } from "node:path";
import { careerSurveyInstrument, cronbachAlpha, Instrument, readRespondents, scoreScales } from "@koe/core";
import * as aq from "arquero";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..", "..", "..");
const truth = JSON.parse(readFileSync(join(root, "data", "truth.json"), "utf8")).respondents;

describe("scoreScales", () => {
  it("scores the bundled respondents as the generator did (means of items, reverse keys applied)", async () => {
    const { table } = await readRespondents(join(root, "data", "respondents.csv"));
    const { table: scored, reliability } = scoreScales(table, careerSurveyInstrument);
    for (const scale of ["engagement", "innovation"] as const) {
      const g = scored.groupby("cross_boundary").rollup({ pre: aq.op.mean(`${scale}_pre`), post: aq.op.mean(`${scale}_post`) }).objects() as { cross_boundary: boolean; pre: number; post: number }[];
      const p = g.find((x) => x.cross_boundary)!;
      const c = g.find((x) => !x.cross_boundary)!;
      expect(p.pre).toBeCloseTo(truth[scale].meanPre.participants, 5);
      expect(c.pre).toBeCloseTo(truth[scale].meanPre.nonParticipants, 5);
      expect(p.post).toBeCloseTo(truth[scale].meanPost.participants, 5);
    }
    expect(reliability.map((r) => `${r.scale}_${r.wave}`)).toEqual(["engagement_pre", "engagement_post", "innovation_pre", "innovation_post"]);
    expect(reliability.every((r) => r.alpha! > 0.8 && r.omega! > 0.8)).toBe(true);
  });

  it("reverse keys use the item's range; too few answered items give a missing score; alpha as cronbachAlpha", () => {
    const ins = Instrument.parse({
      id: "t", ja: "t", en: "t", scales: [{ id: "s", ja: "s", en: "s" }],
      items: [{ id: "a", scale: "s", ja: "a", en: "a" }, { id: "b", scale: "s", ja: "b", en: "b", reverse: true }, { id: "c", scale: "s", ja: "c", en: "c" }, { id: "d", scale: "s", ja: "d", en: "d" }],
    });
    const t = aq.table({ a: [5, 4, Number.NaN, 2], b: [1, 2, Number.NaN, 4], c: [5, 3, Number.NaN, 1], d: [4, 4, 3, Number.NaN] });
    const { table: s, scores, reliability } = scoreScales(t, ins);
    expect(Array.from(s.array("s") as Float64Array)).toEqual([(5 + 5 + 5 + 4) / 4, (4 + 4 + 3 + 4) / 4, Number.NaN, (2 + 2 + 1) / 3]);
    expect(scores[0]).toMatchObject({ column: "s", scored: 3, missing: 1 });
    expect(reliability[0]!.alpha).toBe(cronbachAlpha(t, { items: ["a", "b", "c", "d"], reverse: ["b"], range: [1, 5] }).alpha);
    expect(() => scoreScales(aq.table({ a: [1], b: [2] }), ins)).toThrow(/lacks columns c, d/);
  });
});
