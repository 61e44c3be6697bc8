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
    expect(() => scoreScales(aq.table({ a: [1], b: [2] }), ins)).toThrow(/scale "s" lacks columns "c", "d"/);
  });

  const ins = Instrument.parse({
    id: "t", ja: "t", en: "t", scales: [{ id: "s", ja: "s", en: "s" }],
    items: [{ id: "a", scale: "s", ja: "a", en: "a" }, { id: "b", scale: "s", ja: "b", en: "b", reverse: true }, { id: "c", scale: "s", ja: "c", en: "c" }, { id: "d", scale: "s", ja: "d", en: "d" }],
  });
  const numeric = { a: [5, 4, 1, 2, 3], b: [1, 2, 5, 4, 2], c: [5, 3, 2, 1, 4], d: [4, 4, 1, Number.NaN, 5] };

  it("repro 7: a text item column scores as the numeric one (it counted as missing: 1.8 became 1.778, alpha null)", () => {
    const reference = scoreScales(aq.table(numeric), ins);
    const asText = scoreScales(aq.table({ ...numeric, a: numeric.a.map(String), d: ["4", "４", "1", "", "5"] }), ins);
    expect(Array.from(asText.table.array("s") as Float64Array)).toEqual(Array.from(reference.table.array("s") as Float64Array));
    expect(asText.reliability).toEqual(reference.reliability);
    expect(asText.reliability[0]!.alpha).not.toBeNull();
    const labels = ["そう思う", "ややそう思う", "そう思わない", "あまりそう思わない", "どちらともいえない"];
    const asLabels = scoreScales(aq.table({ ...numeric, a: labels }), ins);
    expect(Array.from(asLabels.table.array("s") as Float64Array)).toEqual(Array.from(reference.table.array("s") as Float64Array));
  });

  it("junk text and answers outside the item's range are errors naming the column and row", () => {
    expect(() => scoreScales(aq.table({ ...numeric, c: ["5", "3", "x", "1", "4"] }), ins)).toThrow(/scoreScales: column "c" must hold numbers; it holds text that is not a number: "x" \(1 row, first at table row 3\)/);
    expect(scoreScales(aq.table({ ...numeric, c: ["5", "3", "-", "1", "4"] }), ins, { missing: ["-"] }).scores[0]!.scored).toBe(5);
    expect(() => scoreScales(aq.table({ ...numeric, b: [1, 2, 7, 4, 2] }), ins)).toThrow(/table row 3, column "b": 7 is outside the item's range 1–5/);
  });

  it("options strictly; a table and an instrument required", () => {
    expect(() => scoreScales(aq.table(numeric), ins, { minAnswerd: 0.5 } as never)).toThrow(/unknown option "minAnswerd"; did you mean "minAnswered"\?/);
    expect(() => scoreScales(aq.table(numeric), ins, { minAnswered: 2 })).toThrow(/option "minAnswered"/);
    expect(() => scoreScales(numeric as never, ins)).toThrow(/expected an arquero table/);
    expect(() => scoreScales(aq.table(numeric), { scales: [] } as never)).toThrow(/an instrument is needed/);
  });

  it("reliability that cannot be computed is a warning naming the scale and why, not a silent null; unscored rows are reported", () => {
    const sparse = aq.table({ a: [5, 4, 1, 2], b: [1, null, null, null], c: [5, 3, 2, 1], d: [4, 4, 1, null] });
    const r = scoreScales(sparse, ins);
    expect(r.reliability[0]).toMatchObject({ scale: "s", alpha: null, omega: null });
    const codes = r.warnings.map((w) => w.code);
    expect(codes).toContain("analyze.noReliability");
    const w = r.warnings.find((x) => x.code === "analyze.noReliability")!;
    expect(w.localized.en).toMatch(/scoreScales: no reliability for scale "s": cronbachAlpha needs at least 2 answers to every item; "b" has 1/);
    expect(w.localized.ja).toMatch(/尺度「s」の信頼性係数を計算できませんでした/);
    const gaps = scoreScales(aq.table({ a: [5, null], b: [1, null], c: [5, null], d: [4, 2] }), ins, { reliability: false });
    expect(gaps.warnings.map((x) => [x.code, x.params.rows])).toEqual([["analyze.unscored", 1]]);
    expect(scoreScales(aq.table(numeric), ins).warnings).toEqual([]);
  });

  it("on the bundled respondents, items given as text give the same scores as numbers (so balance sees every score)", async () => {
    const { table } = await readRespondents(join(root, "data", "respondents.csv"));
    const eng = table.columnNames().filter((c) => /^eng_\d\d_pre$/.test(c));
    const asText = table.assign(Object.fromEntries(eng.map((c) => [c, Array.from(table.array(c) as ArrayLike<number>, (v) => (v === v ? String(v) : ""))])));
    const a = scoreScales(table, careerSurveyInstrument, { reliability: false }).table.array("engagement_pre") as Float64Array;
    const b = scoreScales(asText, careerSurveyInstrument, { reliability: false }).table.array("engagement_pre") as Float64Array;
    expect(Array.from(b)).toEqual(Array.from(a));
  });
});
