import { KoeArgumentError, matchRule, parseRule } from "@koe/core";
import { describe, expect, it } from "vitest";

const m = (rule: string, text: string) => matchRule(rule, text).matched;
const spans = (rule: string, text: string) => matchRule(rule, text).spans.map((s) => text.slice(s.start, s.end));

describe("matchRule: operators", () => {
  it("a bare term matches as a substring", () => {
    expect(m("異動", "人事異動がある")).toBe(true);
    expect(m("異動", "転勤がある")).toBe(false);
    expect(matchRule("異動", "人事異動がある").spans).toEqual([{ start: 2, end: 4 }]);
  });
  it("a phrase keeps its spaces, in double quotes and in 「」", () => {
    expect(m('"career sheet"', "my Career Sheet is empty")).toBe(true);
    expect(m('"career sheet"', "career-sheet")).toBe(false);
    expect(m("「機会 がない」", "機会 がない")).toBe(true);
    expect(m("「機会 がない」", "機会がない")).toBe(false);
  });
  it("and, or, not and their symbols", () => {
    expect(m("上司 and 対話", "上司との対話")).toBe(true);
    expect(m("上司 and 対話", "上司と話す")).toBe(false);
    expect(m("上司 & 対話", "上司と話す")).toBe(false);
    expect(m("上司 or 対話", "同僚と対話")).toBe(true);
    expect(m("上司 | 対話", "同僚と話す")).toBe(false);
    expect(m("not 上司", "同僚と話す")).toBe(true);
    expect(m("!上司", "上司と話す")).toBe(false);
    expect(m("A AND b", "ab")).toBe(true);
  });
  it("precedence: not > and > or", () => {
    // a or (b and (not c))
    expect(parseRule("a or b and not c").root).toEqual({
      type: "or",
      args: [
        { type: "term", text: "a", position: 1 },
        { type: "and", args: [{ type: "term", text: "b", position: 6 }, { type: "not", arg: { type: "term", text: "c", position: 16 } }] },
      ],
    });
    expect(m("a or b and not c", "ac")).toBe(true);
    expect(m("a or b and not c", "bc")).toBe(false);
    expect(m("a or b and not c", "b")).toBe(true);
    expect(m("not a and b", "b")).toBe(true);
    expect(m("not a and b", "ab")).toBe(false);
  });
  it("word(…) is an atom under the same precedence, in ASCII or full-width parentheses, its word normalised", () => {
    expect(parseRule("word(持つ) or 異動 and not word（ｶﾜﾙ）").root).toEqual({
      type: "or",
      args: [
        { type: "word", base: "持つ", position: 1 },
        { type: "and", args: [{ type: "term", text: "異動", position: 13 }, { type: "not", arg: { type: "word", base: "カワル", position: 24 } }] },
      ],
    });
    expect(parseRule('WORD("持つ")').root).toEqual({ type: "word", base: "持つ", position: 1 });
    expect(parseRule("word(ＫＰＩ)").root).toEqual({ type: "word", base: "kpi", position: 1 });
    // without a parenthesis, word is a term like any other
    expect(parseRule("word").root).toEqual({ type: "term", text: "word", position: 1 });
    expect(m("keyword", "a keyword")).toBe(true);
  });
  it("parentheses override precedence", () => {
    expect(m("(a or b) and not c", "ac")).toBe(false);
    expect(m("a or b and not c", "ac")).toBe(true);
    expect(m("not (a or b)", "b")).toBe(false);
    expect(m("（a or b）and c", "bc")).toBe(true);
  });
  it("near(a, b, N) in both orders, at exactly N and at N + 1", () => {
    expect(m("near(異動, 希望, 3)", "異動を強く希望")).toBe(true); // gap 3 (を強く)
    expect(m("near(異動, 希望, 2)", "異動を強く希望")).toBe(false);
    expect(m("near(異動, 希望, 3)", "希望の後に異動")).toBe(true); // other order, gap 3 (の後に)
    expect(m("near(異動, 希望, 2)", "希望の後に異動")).toBe(false);
    expect(m("near(異動, 希望, 0)", "異動希望")).toBe(true);
    expect(spans("near(異動, 希望, 0)", "希望、異動希望")).toEqual(["異動希望"]);
  });
  it("a regular expression, with flags i and u", () => {
    expect(m("/機会が(ない|少ない)/", "機会が少ない")).toBe(true);
    expect(m("/機会が(ない|少ない)/", "機会がある")).toBe(false);
    expect(spans("/[0-9]+年/", "入社10年目")).toEqual(["10年"]);
    expect(m("/^kpi$/i", "KPI")).toBe(true);
    expect(m("/^KPI$/", "KPI")).toBe(false); // the text is lower-cased before the regex runs
    expect(m("/^KPI$/i", "ＫＰＩ")).toBe(true);
    expect(m("/\\p{Script=Han}{2}/u", "ab異動")).toBe(true);
    expect(m("/\\p{Script=Han}{2}/u", "abc")).toBe(false);
  });
});

describe("matchRule: normalisation and spans in the original text", () => {
  it("full-width and case are folded on both sides", () => {
    expect(m("kpi", "ＫＰＩの達成")).toBe(true);
    expect(m("ＫＰＩ", "kpiの達成")).toBe(true);
    expect(spans("kpi", "ＫＰＩの達成")).toEqual(["ＫＰＩ"]);
    expect(m("ｶﾞｲﾄﾞ", "ガイド")).toBe(true);
  });
  it("half-width katakana with dakuten maps back to both original characters", () => {
    const text = "ﾁｬﾝｽがない、ｶﾞｲﾄﾞもない";
    expect(matchRule("ガイド", text).spans).toEqual([{ start: 8, end: 13 }]);
    expect(spans("ガイド", text)).toEqual(["ｶﾞｲﾄﾞ"]);
    expect(spans("チャンス", text)).toEqual(["ﾁｬﾝｽ"]);
  });
  it("a ligature or unit that NFKC expands maps to the whole original character", () => {
    // ㍻ → 平成, ㌔ → キロ: one original character, two normalised
    expect(spans("平成", "㍻の入社")).toEqual(["㍻"]);
    expect(spans("成", "㍻の入社")).toEqual(["㍻"]);
  });
  it("spans are sorted and merged; not gives none; no match gives none", () => {
    expect(matchRule("b or a", "ab").spans).toEqual([{ start: 0, end: 2 }]);
    expect(matchRule("a and not z", "xa").spans).toEqual([{ start: 1, end: 2 }]);
    expect(matchRule("not z", "xa")).toEqual({ matched: true, spans: [] });
    expect(matchRule("a and z", "xa")).toEqual({ matched: false, spans: [] });
  });
  it("a parsed rule can be matched many times", () => {
    const rule = parseRule("機会 and not ある", { code: "no_chance" });
    expect(["機会がない", "機会がある", "なし"].map((t) => matchRule(rule, t).matched)).toEqual([true, false, false]);
  });
});

function errorOf(rule: string): KoeArgumentError {
  try {
    parseRule(rule, { code: "no_chance" });
  } catch (e) {
    expect(e).toBeInstanceOf(KoeArgumentError);
    return e as KoeArgumentError;
  }
  throw new Error(`no error for ${rule}`);
}

describe("parseRule: every error names the code, the rule and the position, in both languages", () => {
  const cases: [string, string, number, string, string][] = [
    ["機会 and (異動", "rule.unclosedParen", 8, "unclosed parenthesis at position 8", "8文字目の括弧が閉じていません"],
    ['"機会 がない', "rule.unclosedQuote", 1, "unclosed quote at position 1", "1文字目の引用符が閉じていません"],
    ["a or 「機会", "rule.unclosedQuote", 6, "unclosed quote at position 6", "6文字目の引用符が閉じていません"],
    ["a and /機会(/", "rule.badRegex", 7, "invalid regular expression at position 7", "7文字目の正規表現が正しくありません"],
    ["/機会/g", "rule.badRegex", 1, "only i and u are allowed", "1文字目の正規表現"],
    ["near(異動, 希望, 2.5)", "rule.badNear", 14, 'needs a whole number N ≥ 0 at position 14 (got "2.5")', "14文字目、near(a, b, N) の N には0以上の整数"],
    ["near(異動, 希望)", "rule.nearArgs", 1, "near(a, b, N) takes two terms and a number, at position 1", "1文字目の near は"],
    ["", "rule.empty", 1, "the rule is empty", "ルールが空です"],
    ["   ", "rule.empty", 1, "the rule is empty", "ルールが空です"],
    ["機会 and", "rule.expectedTerm", 7, "a term is missing at position 7", "7文字目に語がありません"],
    ["機会 or not", "rule.expectedTerm", 10, "a term is missing at position 10", "10文字目に語がありません"],
    ["and 機会", "rule.expectedTerm", 1, "a term is missing at position 1", "1文字目に語がありません"],
    ["機会 異動", "rule.trailing", 4, 'unexpected "異動" at position 4', "4文字目の「異動」の前に and か or"],
    ["機会 )", "rule.unexpectedClose", 4, 'unexpected ")" at position 4', "4文字目の「)」"],
    ["a and word()", "rule.wordArgs", 7, "word(…) at position 7 takes one word in its base form, e.g. word(持つ)", "7文字目の word(…) には基本形の語を1つ書いてください"],
    ["word(持つ, 考える)", "rule.wordArgs", 1, "word(…) at position 1 takes one word", "1文字目の word(…) には基本形の語を1つ"],
    ["word(持つ 考える)", "rule.wordArgs", 1, "word(…) at position 1 takes one word", "1文字目の word(…)"],
    ["x or word(/持/)", "rule.wordArgs", 6, "word(…) at position 6 takes one word", "6文字目の word(…)"],
    ["word(not)", "rule.wordArgs", 1, "word(…) at position 1 takes one word", "1文字目の word(…)"],
    ["word(「　」)", "rule.wordArgs", 1, "word(…) at position 1 takes one word", "1文字目の word(…)"],
    ["a and word(持つ", "rule.unclosedParen", 11, "unclosed parenthesis at position 11", "11文字目の括弧が閉じていません"],
    ["word（持つ", "rule.unclosedParen", 5, "unclosed parenthesis at position 5", "5文字目の括弧が閉じていません"],
    ["word(持つ) 考える", "rule.trailing", 10, 'unexpected "考える" at position 10', "10文字目の「考える」の前に and か or"],
  ];
  for (const [rule, code, position, en, ja] of cases) {
    it(`${JSON.stringify(rule)} → ${code} at ${position}`, () => {
      const e = errorOf(rule);
      expect(e.code).toBe(code);
      expect(e.params).toMatchObject({ code: "no_chance", rule, position });
      expect(e.localized.en).toContain(`code "no_chance": rule ${JSON.stringify(rule)} — `);
      expect(e.localized.en).toContain(en);
      expect(e.localized.ja).toContain(`コード「no_chance」のルール「${rule}」: `);
      expect(e.localized.ja).toContain(ja);
    });
  }
  it("without a code the message names only the rule", () => {
    expect(() => parseRule("(a")).toThrow(/^rule "\(a" — unclosed parenthesis at position 1$/);
  });
  it("a rule that is not text is refused", () => {
    expect(() => parseRule(3 as unknown as string)).toThrow(KoeArgumentError);
  });
});
