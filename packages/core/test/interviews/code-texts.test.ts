import { codeTexts, KoeArgumentError, readCodebook, readComments, setLanguage, type CodingCodebook } from "@koe/core";
import * as aq from "arquero";
import iconv from "iconv-lite";
import { readFileSync } from "node:fs";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { thrown } from "../../../../test/helpers/koe-error.js";

afterEach(() => setLanguage("en"));

let cb: CodingCodebook;
beforeAll(async () => {
  cb = await readCodebook({
    id: "t",
    ja: "テスト",
    en: "Test",
    codes: [
      { id: "barriers", ja: "壁", en: "Barriers" },
      { id: "no_chance", ja: "機会がない", en: "No chances", parent: "barriers", rule: "機会 and (ない or 少ない)" },
      { id: "hr", ja: "人事主導", en: "HR-led", parent: "barriers", rule: '"人事が決める" or /辞令(が|を)/' },
      { id: "effects", ja: "効果", en: "Effects" },
      { id: "motivation", ja: "意欲", en: "Motivation", parent: "effects", rule: "near(意欲, 高ま, 4) and not 下が" },
      { id: "kpi", ja: "KPI", en: "KPI", rule: "ｋｐｉ or ＯＫＲ" },
    ],
  });
});

const rowsOf = (texts: string[]) => texts.map((回答, i) => ({ no: `c${i + 1}`, 回答者ID: `R${i % 2}`, 回答 }));
const codeArgumentError = (f: () => unknown) => {
  const e = thrown(f);
  expect(e).toBeInstanceOf(KoeArgumentError);
  return e;
};

describe("codeTexts: the coded table", () => {
  const texts = ["異動の機会が少ない。人事が決める", "意欲がとても高まった", "意欲が高まったが、すぐ下がった", "", "KPIとokrの話", "辞令を受けた"];

  it("adds a 0/1 column per code, in codebook order, after the input's columns", () => {
    const coded = codeTexts(rowsOf(texts), { text: "回答", codebook: cb });
    expect(coded.table.columnNames()).toEqual(["no", "回答者ID", "回答", "barriers", "no_chance", "hr", "effects", "motivation", "kpi"]);
    expect(coded.codes).toEqual(["barriers", "no_chance", "hr", "effects", "motivation", "kpi"]);
    const grid = (coded.table.objects() as Record<string, unknown>[]).map((r) => coded.codes.map((c) => r[c]));
    expect(grid).toEqual([
      [1, 1, 1, 0, 0, 0],
      [0, 0, 0, 1, 1, 0],
      [0, 0, 0, 0, 0, 0], // "not 下が" vetoes
      [0, 0, 0, 0, 0, 0], // blank
      [0, 0, 0, 0, 0, 1], // full-width rule terms match half-width text
      [1, 0, 1, 0, 0, 0], // regex
    ]);
  });

  it("ids are row numbers as text by default, the id column's values otherwise", () => {
    const plain = codeTexts(rowsOf(texts), { text: "回答", codebook: cb });
    expect(plain.id).toBeNull();
    expect(plain.spans.map((s) => s.id)).toEqual(["1", "1", "1", "2", "2", "5", "5", "6"]);
    const byNo = codeTexts(rowsOf(texts), { text: "回答", id: "no", codebook: cb });
    expect(byNo.id).toBe("no");
    expect([...new Set(byNo.spans.map((s) => s.id))]).toEqual(["c1", "c2", "c5", "c6"]);
  });

  it("spans are the words behind each code, sorted by row, code order and start (overlaps merged)", () => {
    const coded = codeTexts(rowsOf(texts), { text: "回答", codebook: cb });
    expect(coded.spans.map((s) => [s.id, s.code, texts[Number(s.id) - 1]!.slice(s.start, s.end)])).toEqual([
      ["1", "no_chance", "機会"],
      ["1", "no_chance", "少ない"],
      ["1", "hr", "人事が決める"],
      ["2", "motivation", "意欲"],
      ["2", "motivation", "高ま"],
      ["5", "kpi", "KPI"],
      ["5", "kpi", "okr"],
      ["6", "hr", "辞令を"],
    ]);
  });
});

describe("codeTexts: inputs as analysts have them", () => {
  it("takes an arquero table (filtered too) as well as rows", () => {
    const t = aq.from(rowsOf(["機会がない", "辞令を受けた", "機会が少ない"]));
    const coded = codeTexts(t.filter((d: { no: string }) => d.no !== "c2"), { text: "回答", id: "no", codebook: cb });
    expect(coded.table.numRows()).toBe(2);
    expect(coded.table.array("no")).toEqual(["c1", "c3"]);
    expect(Array.from(coded.table.array("no_chance") as ArrayLike<number>)).toEqual([1, 1]);
  });

  it("finds the text column by the model's names: 回答 finds text, 発話 finds text, text finds 回答", () => {
    const asRead = aq.from([{ respondent_id: "R1", text: "機会がない" }]);
    expect(codeTexts(asRead, { text: "回答", codebook: cb }).text).toBe("text");
    expect(codeTexts(asRead, { text: "発話", codebook: cb }).text).toBe("text");
    expect(codeTexts(asRead, { text: "ｔｅｘｔ", codebook: cb }).text).toBe("text");
    const raw = aq.from([{ 回答者ID: "R1", 回答: "機会がない" }]);
    const coded = codeTexts(raw, { text: "text", person: "respondent_id", codebook: cb });
    expect([coded.text, coded.person]).toEqual(["回答", "回答者ID"]);
  });

  it("an unknown column is an error with the closest name", () => {
    const e = codeArgumentError(() => codeTexts(rowsOf(["a"]), { text: "回等", codebook: cb }));
    expect(e.message).toContain('no column "回等"');
    expect(e.message).toContain('did you mean "回答"');
    setLanguage("ja");
    expect(codeArgumentError(() => codeTexts(rowsOf(["a"]), { text: "回等", codebook: cb })).message).toContain("列「回等」がありません");
  });

  it("reads the bundled Shift_JIS comments with the columns readComments gives, full-width and half-width text", async () => {
    const comments = (await readComments(new URL("../../../../data/comments.csv", import.meta.url).pathname)).table;
    const coded = codeTexts(comments, { text: "回答", person: "回答者ID", codebook: await readCodebook(new URL("../../../../data/codebook.json", import.meta.url).pathname) });
    expect(coded.person).toBe("respondent_id");
    expect(coded.table.numRows()).toBe(500);
    // every span's words are in its text, and say what the code's keywords say once normalised
    const text = coded.table.array("text") as string[];
    const keywords = new Map(coded.codebook.codes.map((c) => [c.id, c.keywords.map((k) => k.normalize("NFKC").toLowerCase())]));
    for (const s of coded.spans) {
      const words = text[Number(s.id) - 1]!.slice(s.start, s.end).normalize("NFKC").toLowerCase();
      expect(keywords.get(s.code)!.some((k) => words.includes(k))).toBe(true);
    }
    // readComments hands the text NFKC-normalised; coded raw (as decoded from Shift_JIS), half-width ｷｬﾘｱ and ＯＪＴ are matched and their spans are in the raw text
    const raw = iconv.decode(readFileSync(new URL("../../../../data/comments.csv", import.meta.url)), "cp932");
    const careerBook = await readCodebook({ id: "k", ja: "k", en: "k", codes: [{ id: "career", ja: "キャリア", en: "Career", rule: "キャリア or ｷｬﾘｱ" }, { id: "ojt", ja: "OJT", en: "OJT", rule: "ojt or 1on1" }] });
    const lines = raw.split("\r\n").filter((l) => /[\uFF61-\uFF9F\uFF01-\uFF5E]/.test(l));
    const widths = codeTexts(lines.map((l) => ({ line: l })), { text: "line", codebook: careerBook });
    const seen = widths.spans.map((sp) => lines[Number(sp.id) - 1]!.slice(sp.start, sp.end));
    expect(seen).toContain("ｷｬﾘｱ");
    expect(seen.some((w) => /^[ＯＪＴ１ｏｎ]+$/.test(w))).toBe(true);
  });

  it("a composite id joins its columns with '-' into a new column", () => {
    const turns = [
      { transcript_id: "T01", segment: 1, text: "機会がない" },
      { transcript_id: "T01", segment: 2, text: "辞令を受けた" },
      { transcript_id: "T02", segment: 1, text: "特になし" },
    ];
    const coded = codeTexts(turns, { text: "発話", id: ["インタビューID", "発話番号"], codebook: cb });
    expect(coded.id).toBe("transcript_id-segment");
    expect(coded.table.array("transcript_id-segment")).toEqual(["T01-1", "T01-2", "T02-1"]);
    expect(coded.codings.filter((c) => c.code !== "barriers").map((c) => [c.id, c.code])).toEqual([["T01-1", "no_chance"], ["T01-2", "hr"]]);
    const e = codeArgumentError(() => codeTexts(turns.map((t) => ({ ...t, "transcript_id-segment": 0 })), { text: "text", id: ["transcript_id", "segment"], codebook: cb }));
    expect(e.message).toContain('"transcript_id-segment"');
  });

  it("blank texts and missing markers keep their row with every code 0, even for a rule with not", async () => {
    const negative = await readCodebook({ id: "n", ja: "否定", en: "Negation", codes: [{ id: "not_busy", ja: "忙しくない", en: "Not busy", rule: "not 忙し" }] });
    const coded = codeTexts([{ t: "" }, { t: null }, { t: "NA" }, { t: "  無回答 " }, { t: "特になし" }, { t: "忙しい" }, { t: "暇です" }, { t: 42 }], { text: "t", codebook: negative });
    expect(Array.from(coded.table.array("not_busy") as ArrayLike<number>)).toEqual([0, 0, 0, 0, 1, 0, 1, 1]);
    const strict = codeTexts([{ t: "特になし" }, { t: "暇です" }], { text: "t", codebook: negative, missing: ["", "特になし"] });
    expect(Array.from(strict.table.array("not_busy") as ArrayLike<number>)).toEqual([0, 1]);
    expect(coded.spans).toEqual([]); // a not contributes no words
  });
});

describe("codeTexts: manual codings", () => {
  const texts = ["機会がない", "辞令を受けた", "意欲が高まった"];
  it("joins manual codings (by code id or label) beside the automatic ones, sorted by row, code and coder", () => {
    const manual = [
      { id: "c3", code: "motivation", coder: "suzuki" },
      { id: "c1", code: "機会がない", coder: "tanaka" },
      { id: "c1", code: "No chances", coder: "suzuki" },
      { id: "c1", code: "no_chance", coder: "suzuki" }, // the same coding twice counts once
      { ID: "c2", コード: "kpi", コーダー: "tanaka" },
    ];
    const coded = codeTexts(rowsOf(texts), { text: "回答", id: "no", codebook: cb, manual });
    expect(coded.coders).toEqual(["auto", "suzuki", "tanaka"]);
    expect(coded.codings.map((c) => `${c.id} ${c.code} ${c.coder}`)).toEqual([
      "c1 barriers auto",
      "c1 no_chance auto",
      "c1 no_chance suzuki",
      "c1 no_chance tanaka",
      "c2 barriers auto",
      "c2 hr auto",
      "c2 kpi tanaka",
      "c3 effects auto",
      "c3 motivation auto",
      "c3 motivation suzuki",
    ]);
    const asTable = codeTexts(rowsOf(texts), { text: "回答", id: "no", codebook: cb, manual: aq.from(manual.slice(0, 4)) });
    expect(asTable.codings.filter((c) => c.coder !== "auto")).toHaveLength(3);
  });

  it("refuses a manual coding with an unknown id or code, a blank field, or the coder name auto, naming the row", () => {
    const run = (manual: Record<string, unknown>[]) => codeArgumentError(() => codeTexts(rowsOf(texts), { text: "回答", id: "no", codebook: cb, manual }));
    expect(run([{ id: "c1", code: "hr", coder: "a" }, { id: "c9", code: "hr", coder: "a" }]).message).toBe('codeTexts: manual coding 2: no text has the id "c9"; did you mean "c1"?');
    expect(run([{ id: "c1", code: "no_chanse", coder: "a" }]).message).toContain('manual coding 1: "no_chanse" is not a code of the codebook; did you mean "no_chance"?');
    expect(run([{ id: "c1", code: "hr" }]).message).toContain('manual coding 1 has no "coder"');
    expect(run([{ id: "c1", code: "hr", coder: " " }]).message).toContain('manual coding 1 has no "coder"');
    expect(run([{ id: "c1", code: "hr", coder: "auto" }]).message).toContain("koe's own (automatic) coder");
    setLanguage("ja");
    expect(run([{ id: "c9", code: "hr", coder: "a" }]).message).toContain("手作業のコーディング1行目: ID \"c9\" のテキストはありません");
  });
});

describe("codeTexts: errors", () => {
  it("a repeated id names the id and both rows and suggests person", () => {
    const e = codeArgumentError(() => codeTexts(rowsOf(["a", "b", "c"]), { text: "回答", id: "回答者ID", codebook: cb }));
    expect(e.message).toBe(
      'codeTexts: id "R0" ("回答者ID") is on rows 1 and 3; ids must name one text each. If one person wrote several texts, give their column as "person" and use a unique id (or none)',
    );
    expect(e.params).toMatchObject({ id: "R0", first: 1, again: 3 });
  });

  it("a blank id or a blank person is an error naming the column and rows", () => {
    expect(codeArgumentError(() => codeTexts([{ k: "a", t: "x" }, { k: "", t: "y" }], { text: "t", id: "k", codebook: cb })).message).toContain('row 2 has no id in column "k"');
    const e = codeArgumentError(() => codeTexts([{ p: "a", t: "x" }, { p: null, t: "y" }, { p: " ", t: "z" }], { text: "t", person: "p", codebook: cb }));
    expect(e.message).toContain('column "p" (option person) is blank on 2 row(s): 2, 3');
  });

  it("a code id that is a column of the table is refused", () => {
    expect(codeArgumentError(() => codeTexts([{ t: "x", hr: 1 }], { text: "t", codebook: cb })).message).toContain('code "hr" has the name of a column');
  });

  it("a codebook that did not come from readCodebook is refused with a pointer to it", () => {
    const raw = { id: "x", ja: "x", en: "x", codes: [{ id: "a", ja: "a", en: "a", keywords: ["機会"] }] };
    expect(codeArgumentError(() => codeTexts([{ t: "x" }], { text: "t", codebook: raw as unknown as CodingCodebook })).message).toContain("readCodebook");
    expect(codeArgumentError(() => codeTexts([{ t: "x" }], { text: "t", codebook: undefined as unknown as CodingCodebook })).message).toContain("readCodebook");
  });

  it("options are strict, the table must be a table or rows, one column cannot be text and person", () => {
    expect(codeArgumentError(() => codeTexts([{ t: "x" }], { text: "t", codebook: cb, persn: "t" } as never)).message).toContain('unknown option "persn"; did you mean "person"?');
    expect(codeArgumentError(() => codeTexts("comments.csv" as never, { text: "t", codebook: cb })).message).toContain("expected an arquero table or a list of rows");
    expect(codeArgumentError(() => codeTexts([1, 2] as never, { text: "t", codebook: cb })).message).toContain("a list that is not of rows");
    expect(codeArgumentError(() => codeTexts([{ t: "x" }], { text: "t", person: "t", codebook: cb })).message).toContain('"t"');
    expect(codeArgumentError(() => codeTexts([{ t: "x" }], { text: "t", id: [], codebook: cb })).message).toContain('option "id"');
  });
});

describe("codeTexts: every operator of the rule language in one codebook", () => {
  it("terms, phrases, and/or/not, parentheses, near, regex and word() code each text as matchRule does", async () => {
    const book = await readCodebook({
      id: "ops",
      ja: "演算子",
      en: "Operators",
      codes: [
        { id: "term", ja: "語", en: "Term", rule: "ＯＪＴ" },
        { id: "phrase", ja: "句", en: "Phrase", rule: '"career sheet" or 「機会 がない」' },
        { id: "logic", ja: "論理", en: "Logic", rule: "(上司 or 課長) and not 面談" },
        { id: "near", ja: "近接", en: "Near", rule: "near(異動, 希望, 3)" },
        { id: "regex", ja: "正規表現", en: "Regex", rule: "/\\d+年/" },
        { id: "word", ja: "単語", en: "Word", rule: "word(持つ)" },
      ],
    });
    const texts = ["ojtが足りない", "My Career Sheet", "機会 がない", "課長と話した", "上司との面談", "異動の希望を出した", "希望しても異動できない", "入社１０年目", "目標を持ちたい", "気持ちが続かない"];
    const coded = codeTexts(texts.map((text) => ({ text })), { text: "text", codebook: book });
    const got = (coded.table.objects() as Record<string, unknown>[]).map((r) => coded.codes.filter((c) => r[c] === 1));
    expect(got).toEqual([["term"], ["phrase"], ["phrase"], ["logic"], [], ["near"], ["near"], ["regex"], ["word"], []]);
    expect(coded.spans.filter((s) => s.code === "word").map((s) => texts[Number(s.id) - 1]!.slice(s.start, s.end))).toEqual(["持ち"]);
  });
});
