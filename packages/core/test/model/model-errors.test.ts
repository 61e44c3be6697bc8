// The model's own errors: vocabularies and generation cut-offs refuse bad definitions with a
// KoeArgumentError in Japanese and English (never a raw Error or a ZodError).
import {
  defineVocabulary, extendInitiativeCatalogue, extendVocabulary, generationOfAge, generations, initiativeRatingSchema, KoeArgumentError, type KoeError, knownField, localize,
  managerStatus, respondentSchema,
} from "@koe/core";
import { afterEach, describe, expect, it } from "vitest";
import { modelMessages } from "../../src/errors/model-messages.js";
import { setLanguage } from "../../src/errors/language.js";
import { thrown } from "../../../../test/helpers/koe-error.js";


afterEach(() => setLanguage("en"));

describe("defineVocabulary and extendVocabulary", () => {
  it("name the term and field that is missing or of the wrong kind", () => {
    const e = thrown(() => defineVocabulary("x", [{ id: "a", ja: "", en: "A" }]));
    expect(e).toBeInstanceOf(KoeArgumentError);
    expect(e.code).toBe("model.badTerm");
    expect(e.localized).toEqual({
      en: 'vocabulary "x": term 1 ("a"): ja must be non-empty text (got "")',
      ja: "語彙「x」: 1番目の語（a）の ja は空でない文字列が必要です（渡された値: \"\"）",
    });
    expect(thrown(() => defineVocabulary("x", [null] as never)).message).toBe('vocabulary "x": term 1: id must be non-empty text (got null)');
    expect(thrown(() => defineVocabulary("x", "abc" as never)).message).toBe('vocabulary "x": the terms must be a list of { id, ja, en, aliases? } (got string)');
  });

  it("refuse an id given twice, and one text meaning two terms", () => {
    expect(thrown(() => defineVocabulary("x", [{ id: "a", ja: "ア", en: "A" }, { id: "a", ja: "イ", en: "B" }])).code).toBe("model.duplicateId");
    const clash = thrown(() => extendInitiativeCatalogue([{ id: "x", ja: "メンター", en: "X" }]));
    expect(clash).toBeInstanceOf(KoeArgumentError);
    expect(clash.message).toBe('vocabulary "initiative": "メンター" is an alias of both "mentoring" and "x"');
    expect(clash.localized.ja).toBe("語彙「initiative」: 「メンター」が「mentoring」と「x」の両方の別名になっています");
  });

  it("extendVocabulary: aliases given as text are refused, not split into characters", () => {
    const e = thrown(() => extendVocabulary(generations, [{ id: "young", aliases: "若者" } as never]));
    expect(e.message).toBe('vocabulary "generation": term 1 ("young"): aliases must be a list of text (got "若者")');
    expect(extendVocabulary(generations, [{ id: "young", ja: "若手", en: "Young", aliases: ["若者"] }]).resolve("若者")).toBe("young");
  });
});

describe("generationOfAge's cut-offs", () => {
  it("refuse a mid cut-off not below the senior one, in both languages", () => {
    const e = thrown(() => generationOfAge(40, { mid: 50, senior: 40 }));
    expect(e).toBeInstanceOf(KoeArgumentError);
    expect(e.message).toBe("generationOfAge: the mid cut-off (50) must be below the senior cut-off (40)");
    setLanguage("ja");
    expect(thrown(() => generationOfAge(40, { mid: 50 })).message).toBe("generationOfAge: 中堅の始まる年齢（mid: 50）はシニアの始まる年齢（senior: 50）より小さくしてください");
  });

  it("refuse an unknown key (closest named) and values of the wrong kind, never a ZodError", () => {
    expect(thrown(() => generationOfAge(40, { mdi: 30 } as never)).message).toBe('generationOfAge: unknown option "mdi"; did you mean "mid"? (options: "mid", "senior")');
    for (const bad of [{ mid: "30" }, { mid: 30.5 }, "x", [30, 50]]) expect(thrown(() => generationOfAge(40, bad as never))).toBeInstanceOf(KoeArgumentError);
    expect(generationOfAge(40, { mid: 30, senior: 45 })).toBe("mid");
    expect(generationOfAge(29, { mid: 30 })).toBe("young");
  });
});

describe("the model catalogue", () => {
  it("writes every message in Japanese and English, and they differ", () => {
    const params = { vocabulary: "generation", got: "null", path: "items.0", detail: "bad", option: "catalogue", index: 1, id: "young", field: "ja", value: "", rule: "must be non-empty text", ruleJa: "空でない文字列が必要です", key: "若手", first: "young", second: "x", fn: "generationOfAge", mid: 50, senior: 40 };
    for (const entry of Object.values(modelMessages)) {
      const text = localize(entry as never, params as never) as { en: string; ja: string };
      expect(text.ja, entry.code).not.toBe(text.en);
      expect(text.ja, entry.code).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(entry.code).toMatch(/^model\./);
    }
  });
});

describe("model functions given values of the wrong kind", () => {
  it("schemas from an invalid instrument or catalogue are KoeArgumentErrors; lookups of non-text are answers, not TypeErrors", () => {
    const instrument = thrown(() => respondentSchema({ id: "x" } as never));
    expect(instrument).toBeInstanceOf(KoeArgumentError);
    expect(instrument.code).toBe("model.badInstrument");
    expect(instrument.message).toMatch(/^respondentSchema: the instrument is not valid at ja: /);
    expect(thrown(() => initiativeRatingSchema({} as never)).message).toBe("initiativeRatingSchema: catalogue must be a vocabulary made by defineVocabulary or extendInitiativeCatalogue");
    expect(knownField(42 as never)).toBeUndefined();
    expect(generations.resolve({} as never)).toBeUndefined();
    expect(managerStatus.resolve(1 as never)).toBe("manager");
  });
});
