// The short cuts of coding give what the plain definitions give: normalisation without the pass over
// every character, a yes/no pass before the spans, and word(…) tokenising only where its word may be.
import { createRequire } from "node:module";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { readFileSync } from "node:fs";
import { codeTexts, createRandom, japaneseTokens, matchRule, prepareText, readCodebook, readComments, readTranscripts } from "@koe/core";
import { beforeAll, describe, expect, it } from "vitest";
import { normalizedUnitForUnit, normalizeText } from "../../src/analyze/coding/normalize.js";
import { mayHaveBase } from "../../src/analyze/coding/tokenize.js";

const root = join(import.meta.dirname, "..", "..", "..", "..");
const MARK = /[\p{M}\uFF9E\uFF9F]/u;
const codePointLength = (s: string, i: number) => (s.codePointAt(i)! > 0xffff ? 2 : 1);

/** The definition: each character with the marks after it, NFKC-normalised and lower-cased on its own; each unit out maps to its chunk. */
function byDefinition(original: string): { text: string; from: number[]; to: number[] } {
  let text = "";
  const from: number[] = [];
  const to: number[] = [];
  for (let i = 0; i < original.length; ) {
    const start = i;
    i += codePointLength(original, i);
    while (i < original.length && MARK.test(String.fromCodePoint(original.codePointAt(i)!))) i += codePointLength(original, i);
    const out = original.slice(start, i).normalize("NFKC").toLowerCase();
    text += out;
    for (let k = 0; k < out.length; k++) {
      from.push(start);
      to.push(i);
    }
  }
  return { text, from, to };
}

function expectAsDefined(texts: readonly string[]): void {
  for (const s of texts) {
    const n = normalizeText(s);
    const want = byDefinition(s);
    expect({ text: n.text, from: Array.from(n.from), to: Array.from(n.to) }, JSON.stringify(s)).toEqual(want);
  }
}

// Characters that NFKC or lower-casing change, compose, expand or treat by context, and ones they keep.
const TRICKY = [
  ..."aZ09 .,!?\n\t",
  ..."あガ漢字キャリア、。「」ー",
  ..."ＡＺａ０９！？　（）", // full width
  ..."ｶｷｬﾘｱﾞﾟｰ", // half-width katakana and its voicing marks
  "\u3099", "\u309A", "\u309B", // combining and spacing voicing marks
  ..."ΣσςΑİıẞß", // final sigma by context, dotted I (two units lower-cased), sharp s
  "e\u0301", "\u0301", "\u0308", // a base with an accent, lone marks
  ..."\u1100\u1161\u11A8", // Hangul jamo that compose with each other
  ..."㍻①ﷺ㌀ﬁ", // one character to several
  "𠮷", "𝐀", "\u{1D165}", "\u{E0100}", "\uFE0F", "\u200D", // surrogate pairs: a kanji, bold A, a combining mark, variation selectors
  "\uD800", "\uDC00", // lone surrogates
];

describe("normalizeText: the same text and map as normalising chunk by chunk", () => {
  it("on hand-picked texts: already normalised, upper case, full and half width, marks, expansions, surrogates", () => {
    expectAsDefined([
      "",
      "上司との対話がない",
      "KPIとOKRの話",
      "ＫＰＩの話",
      "ｶﾞｲﾄﾞ",
      "ｷｬﾘｱ形成を考える",
      "ΟΔΟΣ ΣΑΣ",
      "İstanbul",
      "Straße STRASSE",
      "e\u0301t\u00E9",
      "\u1100\u1161\u11A8",
      "㍻の①",
      "𠮷野家で\u{1D165}",
      "\uD800x\uDC00",
      "　前後に全角空白　",
    ]);
  });

  it("on 20,000 random strings of those characters (seeded)", () => {
    const random = createRandom("normalize-fast-paths");
    const texts = Array.from({ length: 20_000 }, () => Array.from({ length: random.int(12) }, () => TRICKY[random.int(TRICKY.length)]!).join(""));
    expectAsDefined(texts);
  });

  it("a text that NFKC keeps and lower-casing changes only in A–Z maps unit for unit; its trimmed text is the whole text's NFKC, trimmed, lower-cased", () => {
    const kept = ["上司との対話", "KPIの話 ", " N/A", "na"];
    const not = ["ＫＰＩ", "ｶﾞ", "ΣΑΣ", "İ", "e\u0301", "\u1100\u1161"];
    for (const s of kept) {
      const n = normalizeText(s);
      expect(normalizedUnitForUnit(n), s).toBe(true);
      expect(n.text.trim()).toBe(s.normalize("NFKC").trim().toLowerCase());
    }
    for (const s of not) expect(normalizedUnitForUnit(normalizeText(s)), s).toBe(false);
    // and on random strings, whenever the short cut is taken
    const random = createRandom("unit-for-unit");
    let taken = 0;
    for (let k = 0; k < 20_000; k++) {
      const s = Array.from({ length: random.int(8) }, () => TRICKY[random.int(TRICKY.length)]!).join("");
      const n = normalizeText(s);
      if (!normalizedUnitForUnit(n)) continue;
      taken++;
      expect(n.text.trim(), JSON.stringify(s)).toBe(s.normalize("NFKC").trim().toLowerCase());
    }
    expect(taken).toBeGreaterThan(200);
  });
});

let texts: string[] = [];
beforeAll(async () => {
  const tables = [(await readComments(join(root, "data", "comments.csv"))).table, (await readTranscripts(join(root, "data", "transcripts.csv"))).table];
  texts = tables.flatMap((t) => t.array("text") as string[]);
});

describe("normalizeText on the bundled texts", () => {
  it("as read (NFKC already) and written back in full and half width", () => {
    const wide = (s: string) => s.replace(/[!-~]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0)).replace(/ /g, "\u3000");
    const half = (s: string) => s.replace(/ガ/g, "ｶﾞ").replace(/キャリア/g, "ｷｬﾘｱ").replace(/パ/g, "ﾊﾟ");
    expect(texts.length).toBe(598);
    expectAsDefined(texts);
    expectAsDefined(texts.map(wide));
    expectAsDefined(texts.map(half));
  });
});

describe("matching: a yes/no pass, then the spans of what matched", () => {
  const m = (rule: string, text: string) => matchRule(rule, text);
  it("a regex matching only the empty string is no match; one that also matches words gives those words", () => {
    expect(m("/x*/", "abc")).toEqual({ matched: false, spans: [] });
    expect(m("/x*/", "axxbx")).toEqual({ matched: true, spans: [{ start: 1, end: 3 }, { start: 4, end: 5 }] });
    expect(m("/(?:)/", "abc").matched).toBe(false);
  });
  it("near gives every pair within the distance, not only the first", () => {
    expect(m("near(異動, 希望, 2)", "異動を希望。希望の異動。異動").spans).toEqual([
      { start: 0, end: 2 },
      { start: 3, end: 5 },
      { start: 6, end: 8 },
      { start: 9, end: 11 },
    ]);
    expect(m("near(異動, 希望, 1)", "異動について希望").matched).toBe(false);
  });
  it("an or gives the spans of its matching arguments only; an and all of them; a not none", () => {
    expect(m("上司 or 部下 or /[0-9]+年/", "上司と3年").spans).toEqual([
      { start: 0, end: 2 },
      { start: 3, end: 5 },
    ]);
    expect(m("(上司 or 部下) and not (研修 and 勉強会) and 年", "部下と研修の1年").spans).toEqual([
      { start: 0, end: 2 },
      { start: 7, end: 8 },
    ]);
    expect(m("not 研修", "研修")).toEqual({ matched: false, spans: [] });
  });
});

// The base forms whose tokens begin otherwise than the base form, in kuromoji's IPADIC: every entry.
function dictionaryEntries(): { surface: string; base: string }[] {
  const require = createRequire(import.meta.url);
  const dict = join(join(require.resolve("kuromoji/package.json"), ".."), "dict");
  const lines = new TextDecoder().decode(gunzipSync(readFileSync(join(dict, "tid_pos.dat.gz")))).split("\0");
  return lines.filter((l) => l !== "").map((line) => {
    // as kuromoji reads an entry: surface, 6 parts of speech and forms, base form ("*" for none), reading, pronunciation
    const f = line.split(",");
    return { surface: line, base: f[7] === undefined || f[7] === "*" ? f[0]! : f[7] };
  });
}

describe("word(…): a text or a chunk of it is tokenised only if a token with the word's base form may begin in it", () => {
  it("every entry of the dictionary begins with a character mayHaveBase looks for (する: し, さ, せ; くる: こ, き; だ: で, な …)", () => {
    const entries = dictionaryEntries();
    expect(entries.length).toBeGreaterThan(390_000);
    const missed = entries.filter((e) => !mayHaveBase(String.fromCodePoint(e.surface.codePointAt(0)!), e.base));
    expect(missed).toEqual([]);
    expect(entries.filter((e) => e.base === "する" && !e.surface.startsWith("す")).length).toBeGreaterThan(0);
    expect(mayHaveBase("異動の希望", "持つ")).toBe(false);
    expect(mayHaveBase("勉強しない", "する")).toBe(true);
    expect(mayHaveBase("こない", "くる")).toBe(true);
  });

  it("every token of the bundled texts begins with a character mayHaveBase looks for", () => {
    let tokens = 0;
    for (const s of texts) {
      for (const t of japaneseTokens(prepareText(s).normalized.text)) {
        tokens++;
        expect(mayHaveBase(t.surface, t.base), `${t.surface}/${t.base} in ${s}`).toBe(true);
      }
    }
    expect(tokens).toBeGreaterThan(10_000);
  });

  it("gives, on every bundled text, the tokens of the whole text with the word's base form", () => {
    const words = ["する", "来る", "くる", "行く", "いく", "ある", "いる", "わかる", "分かる", "持つ", "だ", "ない"];
    const found = new Map(words.map((w) => [w, 0]));
    for (const s of texts) {
      const prepared = prepareText(s);
      const { from, to } = prepared.normalized;
      const tokens = japaneseTokens(prepared.normalized.text);
      for (const w of words) {
        // the tokens with the base form, in the original text, touching ones merged as matchRule merges spans
        const want: { start: number; end: number }[] = [];
        for (const t of tokens.filter((x) => x.base === w)) {
          const span = { start: from[t.start]!, end: to[t.end - 1]! };
          const last = want[want.length - 1];
          if (last !== undefined && span.start <= last.end) last.end = Math.max(last.end, span.end);
          else want.push(span);
        }
        expect(matchRule(`word(${w})`, s), `word(${w}) on ${s}`).toEqual({ matched: want.length > 0, spans: want });
        if (want.length > 0) found.set(w, found.get(w)! + 1);
      }
    }
    // each word is found in some text (いく aside: the bundled texts write 行く)
    expect([...found].filter(([w, n]) => n === 0 && w !== "いく")).toEqual([]);
  });

  it("a word of several tokens is found across the chunks a text is tokenised in (、 ends a chunk)", () => {
    expect(japaneseTokens("はい、そう").map((t) => t.base)).toEqual(["はい", "、", "そう"]);
    expect(matchRule("word(はい、そう)", "ええ。はい、そうです")).toEqual({ matched: true, spans: [{ start: 3, end: 8 }] });
    expect(matchRule("word(はい、そう)", "はい。そうです").matched).toBe(false);
    expect(matchRule("word(と思う)", "それがいい、と思う。").spans).toEqual([{ start: 6, end: 9 }]);
  });
});

describe("japaneseTokens: chunk by chunk, at the chunk's place in the text", () => {
  it("tokens cover the text, one after the other, whatever characters it has (emoji, kanji beyond the BMP, lone surrogates, NUL)", () => {
    const random = createRandom("tokens-tile");
    const pool = [...TRICKY, "😀", "🙏", "\0", "持って", "話した", "頑張りたい", "、", "。"];
    const strings = ["😀😀持って", "リ😀𠮷つ漢漢", "x\uD800y", "a\0b", ...Array.from({ length: 2000 }, () => Array.from({ length: random.int(16) }, () => pool[random.int(pool.length)]!).join(""))];
    for (const s of strings) {
      let at = 0;
      for (const t of japaneseTokens(s)) {
        expect([t.start, s.slice(t.start, t.end)], JSON.stringify(s)).toEqual([at, t.surface]);
        at = t.end;
      }
      expect(at, JSON.stringify(s)).toBe(s.length);
    }
  });
  it("a word after emoji is found where it is", () => {
    const text = "上司と話せて嬉しい😀😀これからも頑張りたい";
    const hit = matchRule("word(頑張る)", text);
    expect(hit.spans.map((sp) => text.slice(sp.start, sp.end))).toEqual(["頑張り"]);
    expect(matchRule("word(持つ)", "😀🙏持って").spans).toEqual([{ start: 4, end: 6 }]);
    expect(matchRule("word(持つ)", "持って\uD800").matched).toBe(true);
  });
});

describe("codeTexts: missing markers found on the normalised text", () => {
  it("NA, N/A and 無回答 in any width, case or padding are missing; a text that only contains them is coded", async () => {
    const cb = await readCodebook({ id: "m", ja: "欠測", en: "Missing", codes: [{ id: "any", ja: "何でも", en: "Anything", rule: "not 存在しない語" }] });
    const rows = ["NA", " n/a ", "ＮＡ", "Ｎ／Ａ", "無回答　", "\u3000na\n", "na です", "無回答でした", "特になし"].map((t) => ({ t }));
    const coded = codeTexts(rows, { text: "t", codebook: cb });
    expect(Array.from(coded.table.array("any") as ArrayLike<number>)).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 1]);
  });
});
