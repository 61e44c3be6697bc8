import { describe, expect, it } from "vitest";
import { knownField, namesOfField } from "../../src/model/known-fields.js";

describe("known fields: a field id's names across the model's tables", () => {
  it("the comment's own names of `text` (回答, 自由記述) find the field the transcript registered first", () => {
    expect(knownField("回答")?.id).toBe("text");
    expect(knownField("自由記述")?.id).toBe("text");
    expect(knownField("発話")?.id).toBe("text");
    expect(namesOfField("text")).toEqual(expect.arrayContaining(["発話", "回答", "自由記述", "本文"]));
  });
});

describe("known fields: the learning panel and the dialogue pilot", () => {
  it("their Japanese headers find their fields", () => {
    expect(knownField("到達段階")?.id).toBe("stage");
    expect(knownField("提供元")?.id).toBe("source");
    expect(knownField("自律的に学ぶ")?.id).toBe("autonomous");
  });
});
