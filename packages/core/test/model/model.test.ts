import {
  careerLayers,
  careerOwnershipFields,
  careerSurveyInstrument,
  Codebook,
  deriveGeneration,
  extendInitiativeCatalogue,
  generationOfAge,
  generations,
  immobileTypes,
  initiativeCatalogue,
  InitiativeRating,
  initiativeOutcomeTypes,
  Instrument,
  penetrationSteps,
  readRespondents,
  respondentSchema,
} from "@koe/core";
import * as aq from "arquero";
import { describe, expect, it } from "vitest";

describe("vocabularies", () => {
  it("resolve ids, Japanese and English labels and aliases (NFKC, case, spacing)", () => {
    expect(generations.resolve("ベテラン")).toBe("senior");
    expect(generations.resolve(" Mid-Career ")).toBe("mid");
    expect(generations.resolve("若手")).toBe("young");
    expect(penetrationSteps.resolve("さらに理解を深める")).toBe("deepen");
    expect(careerLayers.resolve("理解・関心層")).toBe("interested");
    expect(immobileTypes.resolve("一度前向きになったが諦めた")).toBe("gave_up");
    expect(initiativeOutcomeTypes.resolve("実践したが効果が出なかった")).toBe("practised_no_effect");
    expect(initiativeCatalogue.resolve("１ｏｎ１")).toBe("one_on_one");
    expect(initiativeCatalogue.resolve("ｅラーニング")).toBe("e_learning");
    expect(generations.resolve("部長")).toBeUndefined();
  });

  it("keep natural order, never alphabetical", () => {
    expect(generations.ids).toEqual(["young", "mid", "senior"]);
    expect(penetrationSteps.ids).toEqual(["know", "understand", "deepen", "practice"]);
    expect(["practice", "know", "deepen"].sort((a, b) => penetrationSteps.order(a) - penetrationSteps.order(b))).toEqual(["know", "deepen", "practice"]);
    expect(penetrationSteps.label("practice", "en")).toBe("Support practice");
    expect(penetrationSteps.label("practice")).toBe("実践を支援する");
  });

  it("the initiative catalogue is extensible without losing known terms", () => {
    const mine = extendInitiativeCatalogue([
      { id: "reverse_mentoring", ja: "リバースメンタリング", en: "Reverse mentoring" },
      { id: "one_on_one", ja: "キャリア1on1", en: "Career 1on1", aliases: ["ワンオンワン"] },
    ]);
    expect(mine.resolve("リバースメンタリング")).toBe("reverse_mentoring");
    expect(mine.resolve("ワンオンワン")).toBe("one_on_one");
    expect(mine.resolve("メンター")).toBe("mentoring");
    expect(mine.ids.length).toBe(initiativeCatalogue.ids.length + 1);
    expect(() => extendInitiativeCatalogue([{ id: "x", ja: "メンター", en: "X" }])).toThrow(/alias of both "mentoring" and "x"/);
  });
});

describe("generation bands", () => {
  it("default cut-offs <35, 35–49, ≥50 and configurable ones", () => {
    expect([34, 35, 49, 50].map((a) => generationOfAge(a))).toEqual(["young", "mid", "mid", "senior"]);
    expect(generationOfAge(44, { mid: 30, senior: 45 })).toBe("mid");
    expect(generationOfAge(45, { mid: 30, senior: 45 })).toBe("senior");
    expect(generationOfAge(Number.NaN)).toBeNull();
    expect(() => generationOfAge(40, { mid: 50, senior: 40 })).toThrow(/mid cut-off/);
  });

  it("deriveGeneration adds the column from age, missing stays missing", () => {
    const t = deriveGeneration(aq.table({ age: new Float32Array([22, Number.NaN, 41, 63]) }));
    expect(t.array("generation")).toEqual(["young", null, "mid", "senior"]);
  });
});

describe("schemas are the single source of types", () => {
  it("the consortium instrument has 10 engagement and 6 innovation items, some reverse-keyed, two waves", () => {
    const count = (scale: string) => careerSurveyInstrument.items.filter((i) => i.scale === scale).length;
    expect(count("engagement")).toBe(10);
    expect(count("innovation")).toBe(6);
    expect(careerSurveyInstrument.items.filter((i) => i.reverse).length).toBeGreaterThan(0);
    expect(careerSurveyInstrument.waves.map((w) => w.id)).toEqual(["pre", "post"]);
  });

  it("an instrument naming an unknown scale or repeating an item is rejected with the path", () => {
    const r = Instrument.safeParse({
      id: "x", ja: "x", en: "x",
      scales: [{ id: "a", ja: "a", en: "a" }],
      items: [{ id: "q1", scale: "b", ja: "q", en: "q" }, { id: "q1", scale: "a", ja: "q", en: "q" }],
    });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.message)).toEqual(['item "q1" names unknown scale "b"', 'item id "q1" is repeated']);
  });

  it("respondentSchema has one bounded integer column per item and wave", () => {
    const shape = respondentSchema(careerSurveyInstrument).shape as Record<string, { safeParse: (v: unknown) => { success: boolean } }>;
    expect(Object.keys(shape)).toContain("inn_06_post");
    // 11 respondent fields, 16 items × 2 waves, then the 23 career-ownership columns (7 items × 2 waves, layer_post, 4 immobile items, 4 steps).
    expect(Object.keys(shape).length).toBe(11 + 16 * 2 + 23);
    expect(Object.keys(shape).slice(11 + 16 * 2)).toEqual(Object.keys(careerOwnershipFields));
    expect(shape.eng_01_pre!.safeParse(6).success).toBe(false);
    expect(shape.eng_01_pre!.safeParse(null).success).toBe(true);
  });

  it("the career-ownership columns: items 1–5 or blank, the wave-2 layer from the layer vocabulary, steps 1/0", async () => {
    expect(careerOwnershipFields.aware_01_pre.safeParse(5).success).toBe(true);
    expect(careerOwnershipFields.trad_view_post.safeParse(0).success).toBe(false);
    expect(careerOwnershipFields.imm_open.safeParse(null).success).toBe(true);
    expect(careerOwnershipFields.layer_post.safeParse("practising").success).toBe(true);
    expect(careerOwnershipFields.layer_post.safeParse("floating").success).toBe(false);
    expect(careerOwnershipFields.step_know.safeParse(true).success).toBe(true);
    const csv = [
      "回答者ID,会社,キャリア意識1_事前,伝統的キャリア観(事後),キャリア意識層_事後,不動層設問4,浸透_知る,浸透_実践",
      "R1,C01,4,そう思う,実践層,2,1,0",
      "R2,C01,,1,理解/関心層,,0,1",
    ].join("\n");
    const r = await readRespondents(csv);
    expect(r.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(r.table.objects()).toMatchObject([
      { respondent_id: "R1", aware_01_pre: 4, trad_view_post: 5, layer_post: "practising", imm_open: 2, step_know: true, step_practice: false },
      { respondent_id: "R2", trad_view_post: 1, layer_post: "interested", step_know: false, step_practice: true },
    ]);
    expect((r.table.objects()[1] as Record<string, number>).aware_01_pre).toBeNaN();
    const bad = await readRespondents("respondent_id,company,imm_never,layer_post\nR1,C01,6,伝統層\nR2,C01,3,浮動層\n");
    expect(bad.issues.filter((i) => i.severity === "error").map((i) => [i.row, i.column, i.code])).toEqual([
      [2, "imm_never", "out_of_range"],
      [3, "layer_post", "unknown_label"],
    ]);
  });

  it("an initiative rating accepts catalogue ids only", () => {
    const ok = { company: "C01", wave: 1, generation: "young", step: "know", initiative: "one_on_one", effective: true, outcome: "practised_effective", reason_code: null, reason: null };
    expect(InitiativeRating.safeParse(ok).success).toBe(true);
    expect(InitiativeRating.safeParse({ ...ok, initiative: "karaoke" }).success).toBe(false);
  });

  it("a codebook rejects unknown parents", () => {
    const r = Codebook.safeParse({ id: "cb", ja: "c", en: "c", codes: [{ id: "a", ja: "a", en: "a", parent: "zzz" }] });
    expect(r.success).toBe(false);
  });
});
