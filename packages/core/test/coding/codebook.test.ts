import { KoeReadError, matchRule, readCodebook, setLanguage } from "@koe/core";
import iconv from "iconv-lite";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..", "..", "..");

async function readError(source: Parameters<typeof readCodebook>[0]): Promise<KoeReadError> {
  try {
    await readCodebook(source);
  } catch (e) {
    expect(e).toBeInstanceOf(KoeReadError);
    return e as KoeReadError;
  }
  throw new Error("no error");
}

afterEach(() => setLanguage("en"));

describe("readCodebook from JSON", () => {
  it("reads the bundled codebook; keywords without a rule become quoted alternatives; grouping codes keep no rule", async () => {
    const cb = await readCodebook(join(root, "data", "codebook.json"));
    expect(cb.id).toBe("career_voices");
    const wm = cb.codes.find((c) => c.id === "work_motivation")!;
    expect(wm.rule).toBe('"意欲" or "やる気" or "モチベーション" or "やりがい" or "張り合い"');
    expect(wm.parent).toBe("effects");
    expect(matchRule(wm.parsed!, "仕事のﾓﾁﾍﾞｰｼｮﾝが上がった").matched).toBe(true);
    const effects = cb.codes.find((c) => c.id === "effects")!;
    expect([effects.rule, effects.parsed]).toEqual([null, null]);
  });
  it("a rule given in JSON wins over the keywords", async () => {
    const cb = await readCodebook({ id: "x", ja: "x", en: "x", codes: [{ id: "a", ja: "あ", en: "A", keywords: ["k"], rule: "near(上司, 対話, 5)" }] });
    expect(cb.codes[0]!.rule).toBe("near(上司, 対話, 5)");
    expect(cb.codes[0]!.parsed!.root.type).toBe("near");
  });
  it("JSON text is read too, and errors name the code", async () => {
    const text = JSON.stringify({ id: "x", ja: "x", en: "x", codes: [{ id: "a", ja: "あ", en: "A", rule: "a and (b", parent: "zz" }] });
    const e = await readError(text);
    expect(e.localized.en).toContain('code "a": the parent "zz" is not a code of this codebook');
    expect(e.localized.en).toContain('code "a": rule "a and (b" — unclosed parenthesis at position 7');
    expect(e.localized.ja).toContain("コード「a」: 親コード「zz」がこのコードブックにありません");
  });
  it("a cycle of parents is refused", async () => {
    const e = await readError({
      id: "x", ja: "x", en: "x",
      codes: [
        { id: "a", ja: "あ", en: "A", rule: "a", parent: "b" },
        { id: "b", ja: "い", en: "B", rule: "b", parent: "a" },
      ],
    });
    expect(e.localized.en).toContain('code "a": the parents form a cycle (a → b → a)');
    expect(e.localized.ja).toContain("親コードが循環しています（a → b → a）");
  });
  it("JSON that is not a codebook is a read error", async () => {
    const e = await readError('{ "id": "x" }');
    expect(e.code).toBe("codebook.badJson");
  });
});

describe("readCodebook from a CSV edited in Excel", () => {
  const csv = [
    "id,ja,en,rule,parent,description",
    "barriers,阻害要因,Barriers,,,",
    'no_chance,機会がない,No chances,"機会 and not (ある or 多い)",barriers,機会がないと感じる',
    "hr_led,人事主導,HR-led,/人事(が決める|主導)/,barriers,",
  ].join("\r\n");

  it("reads Shift_JIS bytes", async () => {
    const cb = await readCodebook(iconv.encode(csv, "cp932"));
    expect(cb.codes.map((c) => [c.id, c.ja, c.parent, c.rule])).toEqual([
      ["barriers", "阻害要因", null, null],
      ["no_chance", "機会がない", "barriers", "機会 and not (ある or 多い)"],
      ["hr_led", "人事主導", "barriers", "/人事(が決める|主導)/"],
    ]);
    expect(cb.codes[1]!.description).toBe("機会がないと感じる");
    expect(matchRule(cb.codes[1]!.parsed!, "異動の機会がない").matched).toBe(true);
    expect(matchRule(cb.codes[1]!.parsed!, "機会は多い").matched).toBe(false);
  });
  it("reads UTF-8 with a BOM the same way", async () => {
    const a = await readCodebook(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv, "utf8")]));
    const b = await readCodebook(iconv.encode(csv, "cp932"));
    expect(a).toEqual(b);
  });
  it("reports a bad parent and a bad rule by row and code, in both languages", async () => {
    const bad = [
      "id,ja,en,rule,parent",
      "barriers,阻害要因,Barriers,,",
      "no_chance,機会がない,No chances,機会 and (異動,barriers",
      "hr_led,人事主導,HR-led,人事,barier",
      "lonely,孤立,Isolation,,",
    ].join("\r\n");
    const e = await readError(iconv.encode(bad, "cp932"));
    expect(e.localized.en).toContain('row 3, code "no_chance": rule "機会 and (異動" — unclosed parenthesis at position 8');
    expect(e.localized.en).toContain('row 4, code "hr_led": the parent "barier" is not a code of this codebook');
    expect(e.localized.en).toContain('row 5, code "lonely": rule is empty');
    expect(e.localized.ja).toContain("3行目、コード「no_chance」のルール「機会 and (異動」: 8文字目の括弧が閉じていません");
    expect(e.localized.ja).toContain("4行目、コード「hr_led」: 親コード「barier」がこのコードブックにありません");
    expect(e.localized.en.indexOf("row 3,")).toBeLessThan(e.localized.en.indexOf("row 4,"));
    setLanguage("ja");
    expect((await readError(iconv.encode(bad, "cp932"))).message).toContain("4行目、コード「hr_led」");
  });
  it("a duplicate id names both rows", async () => {
    const e = await readError("id,ja,en,rule\na,あ,A,x\na,い,B,y\n");
    expect(e.localized.en).toContain('row 3, code "a": the id is given twice (first in row 2)');
  });
  it("a CSV without the rule column is refused, naming it", async () => {
    const e = await readError("id,ja,en\na,あ,A\n");
    expect(e.localized.en).toContain('lacks the column(s) "rule"');
  });
});
