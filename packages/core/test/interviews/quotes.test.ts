// quotes and maskText: representative quotes per code and segment, masked, from groups of at least
// 10 writers only (with complementary suppression), deterministic for a seed; every masking
// pattern on Japanese examples.
import { beforeAll, describe, expect, it } from "vitest";
import { codeTexts } from "../../src/analyze/coding/code-texts.js";
import { readCodebook, type CodingCodebook } from "../../src/analyze/coding/read-codebook.js";
import { readComments } from "../../src/ingest/readers.js";
import { messageOfCode } from "../../src/errors/catalogue.js";
import { KoeArgumentError } from "../../src/errors/errors.js";
import { thrown } from "./thrown.js";
import { createMasker, maskText } from "../../src/studies/interviews/mask.js";
import { QUOTE_LENGTH, quotes } from "../../src/studies/interviews/quotes.js";

const data = (file: string) => new URL(`../../../../data/${file}`, import.meta.url).pathname;

describe("maskText: names", () => {
  it.each([
    ["上司の田中さんに相談した", "上司の〇〇さんに相談した"],
    ["榎本様より連絡", "〇〇様より連絡"],
    ["同期の高畑くんと話した", "同期の〇〇くんと話した"],
    ["榊ちゃんは元気", "〇〇ちゃんは元気"],
    ["若松君が異動した", "〇〇君が異動した"],
    ["榎本氏によれば", "〇〇氏によれば"],
    ["タナカさんとﾀﾅｶさん", "〇〇さんと〇〇さん"],
    ["Tanaka-sanとSmithさん", "〇〇-sanと〇〇さん"],
    ["榎本課長と柳沢主任と桐谷部長", "〇〇課長と〇〇主任と〇〇部長"],
    ["人事部榎本さんの話", "人事部〇〇さんの話"],
  ])("a name before an honorific or a title: %s", (text, masked) => {
    expect(maskText(text)).toBe(masked);
  });

  it.each([
    "お客様や皆さん、派遣さん、社員さんにはご苦労様です",
    "多種多様な仕様、同様の模様",
    "赤ちゃんとお父さん、旦那さん、協力会社さん、取引先さん、大家さん",
    "営業部長、副社長、第一課長、人事部長、前社長、当社社長",
    "彼氏、諸君、氏名欄、様々な意見",
    "パートさんやメーカーさん、マネージャーさん",
  ])("words that are not names stay: %s", (text) => {
    expect(maskText(text)).toBe(text);
  });

  it("the most common family names are masked wherever they stand; names passed in too, whole and by part", () => {
    expect(maskText("佐藤に言われて、鈴木と高橋が困っていた")).toBe("〇〇に言われて、〇〇と〇〇が困っていた");
    const mask = createMasker({ names: ["榎本 花子", "Yamada"] });
    expect(mask("花子さんとは別に、榎本花子が書いた。ＹＡＭＡＤＡも")).toBe("〇〇さんとは別に、〇〇が書いた。〇〇も");
  });
});

describe("maskText: e-mail addresses, phone numbers, ids", () => {
  it.each([
    ["連絡は tanaka.taro@example.co.jp まで", "連絡は 〔メール〕 まで"],
    ["ｔａｎａｋａ＠ｅｘａｍｐｌｅ．ｊｐに送って", "〔メール〕に送って"],
  ])("e-mail: %s", (text, masked) => expect(maskText(text)).toBe(masked));

  it.each([
    "03-1234-5678", "090-1234-5678", "０９０－１２３４－５６７８", "090ー1234ー5678", "(03)1234-5678", "03(1234)5678",
    "0120-123-456", "09012345678", "0312345678", "+81 90 1234 5678", "+81-3-1234-5678", "０３　１２３４　５６７８",
  ])("phone number %s", (phone) => {
    expect(maskText(`電話は${phone}です`)).toBe("電話は〔電話番号〕です");
  });

  it("two phone numbers side by side are two masks; numbers that are not phones stay", () => {
    expect(maskText("03-1234-5678 0120-111-222")).toBe("〔電話番号〕 〔電話番号〕");
    for (const text of ["2024-04-01に", "１００，０００円", "012345678901", "ISO14001の取得", "5年目で3回異動", "12345678"]) expect(maskText(text)).toBe(text);
  });

  it.each([
    ["回答者R0000022です", "回答者〔ID〕です"],
    ["社員番号１２３４５の件", "社員番号〔ID〕の件"],
    ["社員ID：A-12345", "社員ID：〔ID〕"],
    ["従業員番号は 987654", "従業員番号は 〔ID〕"],
  ])("id: %s", (text, masked) => expect(maskText(text)).toBe(masked));

  it("values of id columns where they stand apart (three characters or more)", () => {
    const mask = createMasker({ ids: ["c17-a", "T01-4", "42", "営業-0001"] });
    expect(mask("c17-aの件、t01-4で、c17-ab は別、42人、営業-0001も")).toBe("〔ID〕の件、〔ID〕で、c17-ab は別、42人、〔ID〕も");
  });

  it("keeps the original text outside the masks (half-width katakana, full-width letters)", () => {
    expect(maskText("ｷｬﾘｱの話を田中さんとＯＪＴで")).toBe("ｷｬﾘｱの話を〇〇さんとＯＪＴで");
  });
});

describe("quotes", () => {
  let codebook: CodingCodebook;
  beforeAll(async () => {
    codebook = await readCodebook({ id: "cb", ja: "例", en: "Example", codes: [
      { id: "barriers", ja: "壁", en: "Barriers" },
      { id: "busy", ja: "忙しい", en: "Busy", parent: "barriers", rule: "忙し" },
      { id: "no_chance", ja: "機会がない", en: "No chances", parent: "barriers", rule: "機会 and ない" },
      { id: "boss", ja: "上司", en: "Boss", rule: "上司 or 課長" },
    ] });
  });
  /** `n` writers in `company`, each writing one busy text "…忙しい… <company> k". */
  const busy = (company: string, n: number) =>
    Array.from({ length: n }, (_, k) => ({ no: `${company}-${k}`, company, who: `${company}p${k}`, 回答: `毎日忙しくて研修に出られない${company}${String(k).padStart(2, "0")}` }));

  it("quotes nothing from a group of fewer than 10 writers, nor from the group that would give it away", () => {
    const rows = [...busy("A", 14), ...busy("B", 7), ...busy("C", 30), ...busy("D", 25)];
    const r = quotes(codeTexts(rows, { text: "回答", id: "no", person: "who", codebook }), { by: "company", code: "busy" });
    const q = r.tables.quotes!;
    expect(q.columns).toEqual(["code", "code_ja", "company", "rank", "quote", "words", "other_codes", "suppressed"]);
    expect(q.rows.map((x) => [x.company, x.rank])).toEqual([["C", 1], ["C", 2], ["C", 3], ["D", 1], ["D", 2], ["D", 3]]);
    expect(q.rows.every((x) => x.suppressed === false)).toBe(true);
    expect(JSON.stringify(r)).not.toMatch(/られないA|られないB/);
    expect(r.warnings).toContainEqual({ code: "quotesNote.groupsWithheld", params: { minGroupSize: 10 } });
    expect(q.privacy.code).toBe("report.ruleGroups");
    for (const w of r.warnings) expect(messageOfCode(w.code)).toBeDefined();
  });

  it("counts writers, not texts: 30 texts by 6 people are not quoted", () => {
    const rows = [...busy("A", 30).map((x, k) => ({ ...x, who: `Ap${k % 6}` })), ...busy("B", 40), ...busy("C", 35), ...busy("D", 12)];
    const byWriter = quotes(codeTexts(rows, { text: "回答", id: "no", person: "who", codebook }), { by: "company", code: "busy" });
    expect(byWriter.tables.quotes!.rows.some((x) => x.company === "A")).toBe(false);
    // Without the person column every text is its own writer, and A has 30.
    const byText = quotes(codeTexts(rows, { text: "回答", id: "no", codebook }), { by: "company", code: "busy" });
    expect(byText.tables.quotes!.rows.filter((x) => x.company === "A")).toHaveLength(3);
  });

  it("ranks by the documented score: length within 15–150 first, then fewer other codes, then length near the median, then the seeded shuffle", () => {
    const texts = [
      "忙しい", // 3 characters: outside the band, last
      "忙しくて上司とも話せない日々が続いている", // 20, in the band, but also "boss": after the one-code texts
      "忙しくて研修に出られない日が続く", // 16
      "忙しくて研修に出られない日が続いていて、とても困っている", // 28
      "毎日忙しくて研修に出られない", // 14: outside the band
      "忙しすぎて、研修に出られない", // 14: outside the band
      "忙しくて研修に出る機会がない", // 14 and "no_chance" (a sibling under barriers): outside the band
      ...Array.from({ length: 5 }, (_, k) => `忙しくて研修にはなかなか出られない${k}`), // 18 each: the median
    ];
    expect(QUOTE_LENGTH).toEqual({ min: 15, max: 150 });
    const rows = texts.map((回答, k) => ({ no: `t${k}`, 回答 }));
    const r = quotes(codeTexts(rows, { text: "回答", id: "no", codebook }), { code: "busy", limit: 12 });
    const got = r.tables.quotes!.rows.map((x) => x.quote as string);
    expect(got).toHaveLength(12);
    // The five of median length (18) come first, in the shuffle's order; then 16 (|16−18| = 2), then 28.
    expect(new Set(got.slice(0, 5))).toEqual(new Set(texts.slice(7)));
    expect(got.slice(5, 8)).toEqual([texts[2], texts[3], texts[1]]);
    // Outside the band: no other code first (14, 14 by the shuffle, then 3), then the one with a sibling code.
    expect(new Set(got.slice(8, 10))).toEqual(new Set([texts[4], texts[5]]));
    expect(got.slice(10)).toEqual([texts[0], texts[6]]);
    const row = (t: string) => r.tables.quotes!.rows.find((x) => x.quote === t)!;
    expect(row(texts[1]!).other_codes).toBe("boss");
    expect(row(texts[6]!).other_codes).toBe("no_chance");
    expect(row(texts[2]!).other_codes).toBe(""); // its parent "barriers" is not another code
    expect(r.tables.quotes!.rows.map((x) => x.rank)).toEqual(Array.from({ length: 12 }, (_, k) => k + 1));
  });

  it("the words behind the code, the code's children included (a grouping code has no rule of its own)", () => {
    const rows = [...busy("A", 10).map((x) => ({ ...x, 回答: `${x.回答}し、機会もない` }))];
    const coded = codeTexts(rows, { text: "回答", id: "no", codebook });
    const q = quotes(coded, { code: ["barriers", "busy"], limit: 1 }).tables.quotes!;
    expect(q.rows.map((x) => [x.code, x.words, x.other_codes])).toEqual([
      ["barriers", "忙し、ない、機会", ""], // in the order they stand: 忙し, (出られ)ない, 機会
      ["busy", "忙し", "no_chance"],
    ]);
  });

  it("at most `limit` per code × group, one per person, no text twice", () => {
    // Lengths: 19 (one person's four texts: the median), 18 (six identical texts), 37 (five others).
    const same = Array.from({ length: 6 }, (_, k) => ({ no: `s${k}`, who: `s${k}`, 回答: "毎日忙しくて研修に出られない日が続く" }));
    const one = Array.from({ length: 4 }, (_, k) => ({ no: `o${k}`, who: "same-person", 回答: `忙しくて研修に出られない日が続いて${k}` }));
    const others = Array.from({ length: 5 }, (_, k) => ({ no: `x${k}`, who: `x${k}`, 回答: `${"とても".repeat(11)}忙しい${k}`.slice(0, 40) }));
    const coded = codeTexts([...same, ...one, ...others], { text: "回答", id: "no", person: "who", codebook });
    const quoted = quotes(coded, { code: "busy", limit: 5 }).tables.quotes!.rows.map((x) => x.quote as string);
    expect(quoted).toHaveLength(5);
    expect(quoted[0]!.startsWith("忙しくて研修に出られない日が続いて")).toBe(true);
    expect(quoted[1]).toBe("毎日忙しくて研修に出られない日が続く");
    expect(quoted.slice(2).every((t) => others.some((x) => x.回答 === t))).toBe(true);
  });

  it("masks names, e-mail addresses, phone numbers and ids — the coded id and person values too — in quotes and words", () => {
    const rows = busy("A", 12).map((x, k) => ({
      ...x,
      回答: k === 0 ? `田中課長が忙しくて話せない、${x.who}より 090-1234-5678` : k === 1 ? "忙しくて A-3 の件も進まない、taro@example.jp" : x.回答,
    }));
    const q = quotes(codeTexts(rows, { text: "回答", id: "no", person: "who", codebook }), { limit: 12 }).tables.quotes!;
    const text = JSON.stringify(q.rows);
    expect(text).toContain("〇〇課長が忙しくて話せない、〔ID〕より 〔電話番号〕");
    expect(text).toContain("忙しくて 〔ID〕 の件も進まない、〔メール〕");
    expect(text).not.toMatch(/田中|090-1234|taro@|Ap0|"A-3"/);
    const boss = q.rows.find((x) => x.code === "boss")!;
    expect(boss.words).toBe("課長");
    // A word that is itself a name is masked: a rule on 田中.
    const named = createMasker({ names: ["田中"] });
    expect(named("田中")).toBe("〇〇");
  });

  it("rows by code (codebook order), group (natural order) and rank — never input order; no ids or row numbers", () => {
    const gens = ["senior", "young", "mid"].flatMap((generation) => busy(generation, 12).map((x) => ({ ...x, generation, 回答: `${x.回答}、上司にも言えない` })));
    const coded = codeTexts(gens, { text: "回答", id: "no", person: "who", codebook });
    const r = quotes(coded, { by: "generation", limit: 2 });
    const q = r.tables.quotes!;
    expect(q.rows.map((x) => `${String(x.code)}/${String(x.generation)}/${String(x.rank)}`)).toEqual(
      ["barriers", "busy", "boss"].flatMap((c) => ["young", "mid", "senior"].flatMap((g) => [1, 2].map((k) => `${c}/${g}/${k}`))),
    );
    expect(q.columns).not.toContain("no");
    expect(JSON.stringify(q.rows)).not.toMatch(/"(senior|young|mid)-\d+"/);
    const reversed = quotes(codeTexts([...gens].reverse(), { text: "回答", id: "no", person: "who", codebook }), { by: "generation", limit: 2 });
    expect(JSON.stringify(reversed.tables)).toBe(JSON.stringify(r.tables));
  });

  it("same input and seed → byte-identical report; the seed changes the ties", () => {
    const coded = codeTexts([...busy("A", 30), ...busy("B", 30)], { text: "回答", id: "no", person: "who", codebook });
    const a = JSON.stringify(quotes(coded, { by: "company", seed: 7 }));
    expect(JSON.stringify(quotes(coded, { by: "company", seed: 7 }))).toBe(a);
    const picks = new Set([1, 2, 3, 4, 5].map((seed) => JSON.stringify(quotes(coded, { by: "company", seed }).tables)));
    expect(picks.size).toBeGreaterThan(1);
    expect(quotes(coded, { seed: "abc" }).provenance.seed).toBe("abc");
  });

  it("a code by its label; no `by`: one group of everyone (still at least 10 writers)", () => {
    const coded = codeTexts(busy("A", 12), { text: "回答", id: "no", codebook });
    const q = quotes(coded, { code: "忙しい" });
    expect(q.tables.quotes!.columns).toEqual(["code", "code_ja", "rank", "quote", "words", "other_codes"]);
    expect(q.tables.quotes!.rows.map((x) => x.code)).toEqual(["busy", "busy", "busy"]);
    expect(quotes(codeTexts(busy("A", 9), { text: "回答", id: "no", codebook })).tables.quotes!.rows).toEqual([]);
  });

  it("texts with a blank segment are not quoted, and a note says how many", () => {
    const rows = [...busy("A", 12), { no: "x", company: "", who: "x", 回答: "忙しい" }];
    const r = quotes(codeTexts(rows, { text: "回答", id: "no", codebook }), { by: "company" });
    expect(r.warnings).toContainEqual({ code: "quotesNote.blankSegment", params: { rows: 1, column: "company" } });
  });

  it("on the bundled comments by company: only companies with 10 or more writers, no respondent id, no name", async () => {
    const { table } = await readComments(data("comments.csv"));
    const cb = await readCodebook(data("codebook.json"));
    const coded = codeTexts(table, { text: "回答", person: "回答者ID", codebook: cb });
    const r = quotes(coded, { by: "会社" });
    const q = r.tables.quotes!;
    const writers = new Map<string, Set<unknown>>();
    // The table's own columns are company and respondent_id (「会社」 and 「回答者ID」 resolve to them).
    expect(q.columns).toContain("company");
    for (const x of table.objects() as Record<string, unknown>[]) (writers.get(String(x.company)) ?? writers.set(String(x.company), new Set()).get(String(x.company))!).add(x.respondent_id);
    expect(q.rows.length).toBeGreaterThan(0);
    for (const x of q.rows) expect(writers.get(String(x.company))!.size).toBeGreaterThanOrEqual(10);
    // Companies of fewer than 10 writers exist in the data, and none of them is quoted.
    const small = [...writers].filter(([, w]) => w.size < 10).map(([c]) => c);
    expect(small.length).toBeGreaterThan(0);
    expect(q.rows.some((x) => small.includes(String(x.company)))).toBe(false);
    expect(JSON.stringify(q.rows)).not.toMatch(/R\d{7}/);
    expect(new Set(q.rows.map((x) => `${String(x.code)}/${String(x.company)}`)).size * 3).toBeGreaterThanOrEqual(q.rows.length);
  });
});

describe("quotes refuses bad input, in Japanese and English", () => {
  let coded: ReturnType<typeof codeTexts>;
  beforeAll(async () => {
    const codebook = await readCodebook({ id: "cb", ja: "例", en: "Example", codes: [{ id: "busy", ja: "忙しい", en: "Busy", rule: "忙し" }] });
    coded = codeTexts(Array.from({ length: 12 }, (_, k) => ({ company: "A", 回答: `忙しい${k}` })), { text: "回答", codebook });
  });
  const cases: [string, () => unknown, string, RegExp, RegExp][] = [
    ["an unknown code", () => quotes(coded, { code: "bussy" }), "quotes.unknownCode", /"bussy", which is not a code.*did you mean "busy"/, /「bussy」はコーディング結果のコードにありません/],
    ["an unknown column", () => quotes(coded, { by: "compnay" }), "boundary.noColumn", /no column "compnay" \(option by\); did you mean "company"/, /列「compnay」がありません/],
    ["a minimum below 10", () => quotes(coded, { minGroupSize: 5 }), "boundary.badOption", /minGroupSize.*≥ 10/, /minGroupSize/],
    ["an unknown option", () => quotes(coded, { limt: 2 } as never), "boundary.unknownOption", /did you mean "limit"/, /オプションはありません/],
    ["not coded texts", () => quotes([{ 回答: "忙しい" }] as never), "quotes.notCoded", /expected coded texts/, /codeTexts の結果/],
  ];
  for (const [what, f, code, en, ja] of cases) {
    it(what, () => {
      const e = thrown(f);
      expect(e).toBeInstanceOf(KoeArgumentError);
      expect(e.code).toBe(code);
      expect(e.localized.en).toMatch(en);
      expect(e.localized.ja).toMatch(ja);
    });
  }
});
