// word(…) in coding rules: tokens by base form (kuromoji, IPADIC), spans in the original text.
import { createRequire } from "node:module";
import { join } from "node:path";
import { japaneseTokens, loadTokenizer, matchPrepared, matchRule, parseRule, prepareText, readComments, readTranscripts } from "@koe/core";
import type { IpadicFeatures, Tokenizer } from "kuromoji";
import { beforeAll, describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..", "..", "..");
const m = (rule: string, text: string) => matchRule(rule, text).matched;
const spans = (rule: string, text: string) => matchRule(rule, text).spans.map((s) => text.slice(s.start, s.end));
/** Each row: the rule, the text, whether it should match. */
function expectMatches(rows: [string, string, boolean][]): void {
  for (const [rule, text, want] of rows) expect(m(rule, text), `${rule} on ${text}`).toBe(want);
}

let texts: string[] = [];
beforeAll(async () => {
  const c = await readComments(join(root, "data", "comments.csv"));
  const t = await readTranscripts(join(root, "data", "transcripts.csv"));
  texts = [...(c.table.array("text") as string[]), ...(t.table.array("text") as string[])];
});

describe("word(x): any token whose base form is x", () => {
  it("word(持つ) finds the verb in every form, and not 持ち株, 気持ち or 持ち味", () => {
    const yes = ["キャリアを持って", "関心を持ちたい", "責任を持ちます", "夢を持った", "持てば", "ｷｬﾘｱを持って?", "ｷｬﾘｱを持って？"];
    const no = ["持ち株会に入った", "前向きな気持ち", "持ち味を活かす", "持"];
    expectMatches([...yes.map((t): [string, string, boolean] => ["word(持つ)", t, true]), ...no.map((t): [string, string, boolean] => ["word(持つ)", t, false])]);
  });
  it("the span is the token (持っ of 持って), in the original text whatever its widths", () => {
    expect(spans("word(持つ)", "キャリアを持って")).toEqual(["持っ"]);
    expect(matchRule("word(持つ)", "ｷｬﾘｱを持って?").spans).toEqual([{ start: 5, end: 7 }]);
    expect(spans("word(持つ)", "ＯＪＴで自信を持った。責任も持ちたい")).toEqual(["持っ", "持ち"]);
    expect(spans("word(忙しい)", "日々忙しく、繁忙期はもっと忙しかった")).toEqual(["忙しく", "忙しかっ"]);
    // a half-width katakana word: ﾁｬﾝｽ is 4 original characters for 3 normalised ones
    expect(matchRule("word(チャンス)", "ﾁｬﾝｽがない").spans).toEqual([{ start: 0, end: 4 }]);
  });
  it("a word written in full width or upper case is normalised as the text is", () => {
    expect(m("word(ＫＰＩ)", "kpiの話")).toBe(true);
    expect(spans("word(kpi)", "ＫＰＩの話")).toEqual(["ＫＰＩ"]);
    expect(m("word(ｶﾜﾙ)", "かわる")).toBe(false); // katakana and hiragana stay apart, as NFKC keeps them
  });
  it("IPADIC's base form is spelled as written: わかる and 分かる are two words; a potential verb is its own word", () => {
    expect(japaneseTokens("分からない")[0]!.base).toBe("分かる");
    expect(japaneseTokens("わからない")[0]!.base).toBe("わかる");
    expectMatches([
      ["word(わかる)", "何をしたいのか分からない", false],
      ["word(分かる)", "何をしたいのか分からない", true],
      ["word(わかる) or word(分かる)", "何をしたいのか分からない", true],
      ["word(わかる) or word(分かる)", "何をしたいのかわからない", true],
      ["word(話す)", "上司と話せる", false],
      ["word(話せる)", "上司と話せる", true],
      ["word(話す)", "上司と話した", true],
    ]);
  });
  it("a word of several tokens matches them in a row, each by its base form", () => {
    expect(spans("word(キャリア形成)", "ｷｬﾘｱ形成を考える")).toEqual(["ｷｬﾘｱ形成"]);
    expect(m("word(キャリア形成)", "キャリアの形成")).toBe(false);
    expect(spans("word(持ちたい)", "持ちたかったが、持てない")).toEqual(["持ちたかっ"]);
  });
  it("inside and, or, not and parentheses, with the same precedence as terms", () => {
    expectMatches([
      ["word(持つ) and 関心", "関心を持って", true],
      ["word(持つ) and 関心", "気持ちと関心", false],
      ["word(持つ) and not 株", "持ち株を持った", false],
      ["word(持つ) and not 株", "自信を持った", true],
      ["not word(持つ)", "気持ちが強い", true],
      ["not word(持つ)", "持ってきた", false],
      // or binds looser than and: word(変わる) or (異動 and not word(希望する))
      ["word(変わる) or 異動 and not word(希望する)", "異動を希望した", false],
      ["word(変わる) or 異動 and not word(希望する)", "異動の希望", true], // 希望 without する is not word(希望する)
      ["word(変わる) or 異動 and not word(希望する)", "何も変わらない、異動を希望した", true],
      ["(word(変わる) or 異動) and not word(希望する)", "何も変わらない、異動を希望した", false],
    ]);
    expect(spans("word(感じる) or 異動", "異動して感じた")).toEqual(["異動", "感じ"]);
  });
  it("near(a, b, N) stays on characters of its terms", () => {
    expect(m("near(関心, 持っ, 1)", "関心を持って")).toBe(true);
    expect(() => parseRule("near(word(持つ), 関心, 3)")).toThrow(/near\(a, b, N\) takes two terms and a number/);
  });
});

describe("word(…) on the bundled comments and transcripts (forms checked by hand)", () => {
  // In these 598 texts, 持 is the verb only in 持って (18 times) and otherwise 気持ち; 忙 is the
  // adjective as 忙しく, and in 忙しさ (IPADIC: the adjective's stem 忙し and the suffix さ), otherwise 繁忙期; 決め is 決める, 決ま is the other verb 決まる; 続け is
  // 続ける, 続い is 続く and 手続き a noun.
  const cases: [string, RegExp][] = [
    ["word(持つ)", /持って/g],
    ["word(忙しい)", /忙し[くさ]/g],
    ["word(決める)", /決め/g],
    ["word(続ける)", /続け/g],
    ["word(諦める) or word(あきらめる)", /諦め|あきらめ/g],
  ];
  for (const [rule, forms] of cases) {
    it(`${rule} matches exactly the texts with ${forms.source}, at those words`, () => {
      const parsed = parseRule(rule);
      let matched = 0;
      for (const text of texts) {
        const normal = text.normalize("NFKC");
        const want = [...normal.matchAll(forms)].map((x) => x[0]);
        const got = matchRule(parsed, text);
        expect(got.matched, text).toBe(want.length > 0);
        // each span starts with the hand-checked form's stem (the token may be shorter: 持っ of 持って)
        expect(got.spans.map((s) => text.slice(s.start, s.end).normalize("NFKC").slice(0, 1)), text).toEqual(want.map((w) => w.slice(0, 1)));
        if (got.matched) matched++;
      }
      expect(matched).toBeGreaterThan(0);
    });
  }
  it("持 occurs outside word(持つ) in the corpus: the words it must not match are there", () => {
    expect(texts.filter((t) => t.includes("気持ち")).length).toBeGreaterThan(0);
    expect(texts.filter((t) => t.includes("繁忙期")).length).toBeGreaterThan(0);
  });
});

describe("japaneseTokens and the synchronous dictionary load", () => {
  it("tokens cover the text end to end, with offsets into it (line breaks, surrogate pairs, punctuation)", () => {
    for (const text of [...texts.slice(0, 50), "𠮷野家で持った。\n次は！？ 持ちたい", ""]) {
      const tokens = japaneseTokens(text);
      expect(tokens.map((t) => t.surface).join("")).toBe(text);
      for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.surface);
    }
  });
  it("gives the tokens kuromoji's own asynchronous builder gives, on every bundled text", async () => {
    const require = createRequire(import.meta.url);
    const kuromoji = require("kuromoji") as typeof import("kuromoji");
    const dicPath = join(require.resolve("kuromoji/package.json"), "..", "dict");
    const theirs = await new Promise<Tokenizer<IpadicFeatures>>((resolve, reject) => kuromoji.builder({ dicPath }).build((err, t) => (err ? reject(err) : resolve(t))));
    for (const raw of texts) {
      const text = raw.normalize("NFKC");
      const want = theirs.tokenize(text).map((t) => ({ surface: t.surface_form, base: t.basic_form === "*" ? t.surface_form : t.basic_form, pos: t.pos }));
      expect(japaneseTokens(text).map(({ surface, base, pos }) => ({ surface, base, pos })), text).toEqual(want);
    }
  }, 30_000);
  it("the tokenizer is built once per process", () => {
    expect(loadTokenizer()).toBe(loadTokenizer());
  });
});

describe("prepareText and matchPrepared", () => {
  it("give what matchRule gives, for every operator", () => {
    const rules = ["word(持つ)", "not word(持つ)", "関心 and word(持つ)", "near(関心, 持っ, 1)", "/持[っち]/", "word(忙しい) or 繁忙", "気持ち | word(感じる)"].map((r) => parseRule(r));
    for (const text of texts.slice(0, 100)) {
      const prepared = prepareText(text);
      for (const rule of rules) expect(matchPrepared(rule, prepared), `${rule.source} on ${text}`).toEqual(matchRule(rule, text));
    }
  });
  it("tokenise a text at most once, and only when asked", () => {
    const prepared = prepareText("関心を持って");
    const tokens = prepared.tokens;
    expect(tokens.map((t) => t.base)).toEqual(["関心", "を", "持つ", "て"]);
    matchPrepared(parseRule("word(持つ)"), prepared);
    matchPrepared(parseRule("word(関心)"), prepared);
    expect(prepared.tokens).toBe(tokens);
  });
});
