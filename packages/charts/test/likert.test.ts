import { join } from "node:path";
import { ChartError, compileSpec, likertChart, renderPng, renderSvg } from "@koe/charts";
import { careerSurveyInstrument, KoeArgumentError, KoeError, readRespondents, type Table } from "@koe/core";
import * as aq from "arquero";
import { beforeAll, describe, expect, it } from "vitest";
import { thrown } from "./code-fixtures.js";
import { ink, readPng, svgText } from "./helpers.js";

type Datum = Record<string, unknown> & { kind: string };
type Spec = { title: { text: string; subtitle: string[] }; data: { values: Datum[] }; facet?: { row: { sort: string[] } }; spec?: { layer: { encoding: { y: { sort: string[] } } }[] } };
const of = (spec: unknown) => spec as Spec;
const kind = (spec: unknown, k: string) => of(spec).data.values.filter((v) => v.kind === k);
/** The order of the bars down a chart without panels (the layers share it). */
const rowsOf = (spec: unknown) => (spec as { layer: { encoding: { y: { sort: string[] } } }[] }).layer[0]!.encoding.y.sort;

/**
 * A hand-made table of counts (the shape a study would publish): two items by generation, in no
 * useful order (senior first); the mid group's bar of eng_02 is suppressed and its counts — which
 * a careless caller left in — would be 1, 1, 1, 0, 1 (n = 4; 4 appears in no shown count).
 */
const answers = [1, 2, 3, 4, 5];
const countRows = (item: string, generation: string, counts: number[], suppressed = false) =>
  answers.map((answer, k) => ({ item, generation, answer, count: counts[k]!, suppressed }));
const counts = {
  columns: ["item", "generation", "answer", "count", "suppressed"],
  rows: [
    ...countRows("eng_01_pre", "senior", [2, 3, 5, 6, 4]),
    ...countRows("eng_01_pre", "young", [10, 10, 20, 30, 30]),
    ...countRows("eng_01_pre", "mid", [0, 2, 6, 6, 6]),
    ...countRows("eng_02_pre", "senior", [5, 5, 5, 4, 1]),
    ...countRows("eng_02_pre", "young", [20, 20, 20, 20, 20]),
    ...countRows("eng_02_pre", "mid", [1, 1, 1, 0, 1], true),
  ],
  privacy: { code: "report.ruleGroups", params: { minGroupSize: 5, counts: ["respondents"] } },
};
/** As published: the hidden bar's counts blank. */
const published = { ...counts, rows: counts.rows.map((r) => (r.suppressed ? { ...r, count: null } : r)) };

describe("likertChart: the layout of a bar", () => {
  const spec = likertChart(published, { by: "generation" });

  it("compiles in Japanese and English, by segment or not, with nothing to show", () => {
    for (const s of [spec, likertChart(published, { by: "generation", lang: "en" }), likertChart({ rows: published.rows.filter((r) => r.generation === "young") }), likertChart({ rows: [] }), likertChart({ rows: published.rows.filter((r) => r.suppressed) })]) {
      expect(compileSpec(s).marks?.length).toBeGreaterThan(0);
    }
  });

  it("is pure: same table, same spec; the table untouched", () => {
    const copy = structuredClone(published);
    expect(likertChart(published, { by: "generation" })).toEqual(spec);
    expect(published).toEqual(copy);
  });

  it("puts the negative answers left of 0, the positive right, the middle answer half each side", () => {
    // senior, eng_01: 2, 3, 5, 6, 4 of 20 → 10%, 15%, 25%, 30%, 20%: the bar starts at −(10 + 15 + 12.5)%.
    const senior = kind(spec, "segment").filter((v) => v.item === "仕事に誇りを感じている" && v.group === "シニア");
    expect(senior.map((v) => [v.answer, v.count, +(v.start as number).toFixed(4), +(v.end as number).toFixed(4)])).toEqual([
      ["そう思わない", 2, -0.375, -0.275],
      ["あまりそう思わない", 3, -0.275, -0.125],
      ["どちらともいえない", 5, -0.125, 0.125],
      ["ややそう思う", 6, 0.125, 0.425],
      ["そう思う", 4, 0.425, 0.625],
    ]);
    // Every shown bar spans 100% and is split at 0 where the middle answer is halved.
    for (const [item, group] of [["仕事に誇りを感じている", "若手"], ["仕事に熱心に取り組んでいる", "シニア"]]) {
      const bar = kind(spec, "segment").filter((v) => v.item === item && v.group === group);
      expect((bar.at(-1)!.end as number) - (bar[0]!.start as number)).toBeCloseTo(1, 12);
      expect(((bar[2]!.start as number) + (bar[2]!.end as number)) / 2).toBeCloseTo(0, 12);
    }
  });

  it("prints the top-2-box share and the number answering at the right of each bar", () => {
    // young eng_01: (30 + 30) / 100; senior eng_02: (4 + 1) / 20; mid eng_01: (6 + 6) / 20.
    const ends = new Map(kind(spec, "end").map((v) => [`${v.item}|${v.group}`, v.text]));
    expect(ends.get("仕事に誇りを感じている|若手")).toBe("60%（n=100）");
    expect(ends.get("仕事に熱心に取り組んでいる|シニア")).toBe("25%（n=20）");
    expect(ends.get("仕事に誇りを感じている|中堅")).toBe("60%（n=20）");
    expect(kind(likertChart(published, { by: "generation", lang: "en" }), "end").map((v) => v.text)).toContain("60% (n=100)");
  });

  it("runs the items in the table's order, as panels headed by the instrument's wording, and the groups young → senior", () => {
    expect(of(spec).facet!.row.sort).toEqual(["仕事に誇りを感じている", "仕事に熱心に取り組んでいる"]);
    expect(of(spec).spec!.layer[0]!.encoding.y.sort).toEqual(["若手", "中堅", "シニア"]);
    expect(of(likertChart(published, { by: "generation", items: ["eng_02_pre", "eng_01_pre"], lang: "en" })).facet!.row.sort).toEqual(["I am enthusiastic about my job", "I am proud of the work I do"]);
    const alone = likertChart({ rows: published.rows.filter((r) => r.generation === "young") }, { labels: { eng_02_pre: "熱心さ" } });
    expect(rowsOf(alone)).toEqual(["仕事に誇りを感じている", "熱心さ"]);
  });

  it("draws a suppressed bar as 秘匿 with none of its counts, even when the caller left them in", async () => {
    expect(likertChart(counts, { by: "generation" })).toEqual(spec);
    expect(kind(spec, "hidden")).toEqual([{ kind: "hidden", item: "仕事に熱心に取り組んでいる", group: "中堅", text: "秘匿" }]);
    expect(kind(spec, "segment").filter((v) => v.group === "中堅" && v.item === "仕事に熱心に取り組んでいる")).toEqual([]);
    expect(of(spec).title.subtitle).toContain("秘匿: 5人未満のグループ");
    const texts = svgText(await renderSvg(likertChart(counts, { by: "generation" })));
    expect(texts).toContain("秘匿");
    expect(texts.some((t) => /n=4\b/.test(t))).toBe(false);
  });
});

describe("likertChart on the respondents' table (the bundled data)", () => {
  let respondents: Table;
  beforeAll(async () => {
    respondents = (await readRespondents(join(import.meta.dirname, "..", "..", "..", "data", "respondents.csv"))).table;
  });

  it("counts each group's answers as arquero does, and prints the top-2-box of those counts", () => {
    const spec = likertChart(respondents, { items: ["eng_01_pre", "inn_03_pre"], by: "generation" });
    const expected = respondents
      .filter((d: { generation: string | null }) => d.generation !== null)
      .fold(["eng_01_pre", "inn_03_pre"], { as: ["item", "answer"] })
      .filter((d: { answer: number }) => d.answer > 0) // not blank (null or NaN)
      .groupby("item", "generation", "answer")
      .count()
      .objects() as { item: string; generation: string; answer: number; count: number }[];
    const label = { young: "若手", mid: "中堅", senior: "シニア" } as Record<string, string>;
    const item = { eng_01_pre: "仕事に誇りを感じている", inn_03_pre: "変化は避けたいと思う" } as Record<string, string>;
    const drawn = new Map(kind(spec, "segment").map((v) => [`${v.item}|${v.group}|${v.answer}`, v.count]));
    const words = ["そう思わない", "あまりそう思わない", "どちらともいえない", "ややそう思う", "そう思う"];
    for (const e of expected) expect(drawn.get(`${item[e.item]}|${label[e.generation]}|${words[e.answer - 1]}`)).toBe(e.count);
    expect(drawn.size).toBe(expected.length);
    for (const end of kind(spec, "end")) {
      const rows = expected.filter((e) => item[e.item] === end.item && label[e.generation] === end.group);
      const n = rows.reduce((a, e) => a + e.count, 0);
      const top = rows.filter((e) => e.answer >= 4).reduce((a, e) => a + e.count, 0);
      expect(end.text).toBe(`${Math.round((100 * top) / n)}%（n=${n}）`);
    }
  });

  it("labels the career-ownership items by the model's names, and the wave when the items span two", () => {
    const spec = likertChart(respondents, { items: ["aware_01_pre", "action_01_pre", "imm_open"] });
    expect(rowsOf(spec)).toEqual(["キャリア意識1_事前", "キャリア行動1_事前", "不動層設問4"]);
    const waves = likertChart(respondents, { items: ["eng_01_pre", "eng_01_post"], lang: "en" });
    expect(rowsOf(waves)).toEqual(["I am proud of the work I do (Before)", "I am proud of the work I do (After)"]);
  });

  it("hides a group of fewer than 5 answering (no total is drawn, so nothing is revealed by subtraction)", async () => {
    // Four respondents of C01 and all of C02: C01's bars are hidden, whatever they answered.
    const c01 = respondents.filter((d: { company: string }) => d.company === "C01").slice(0, 4);
    const table = c01.concat(respondents.filter((d: { company: string }) => d.company === "C02"));
    const spec = likertChart(table, { items: ["eng_01_pre"], by: "company" });
    expect(kind(spec, "hidden").map((v) => v.group)).toEqual(["C01"]);
    expect(kind(spec, "segment").every((v) => v.group === "C02")).toBe(true);
    expect(JSON.stringify(spec)).not.toMatch(/"C01"[^}]*"count"/);
    // Fewer than 5: one bar, hidden; the chart says there is nothing to show.
    const few = likertChart(c01, { items: ["eng_01_pre"] });
    expect(svgText(await renderSvg(few))).toContain("すべてのグループが5人未満（または差し引きで分かる）ため、表示できる数値がありません");
    // A higher minimum hides more: C17 has 58 people, C02 over 500.
    const three = table.concat(respondents.filter((d: { company: string }) => d.company === "C17"));
    expect(kind(likertChart(three, { items: ["eng_01_pre"], by: "company", minGroupSize: 100 }), "hidden").map((v) => v.group)).toEqual(["C01", "C17"]);
  });

  it("reads answer labels and blanks in the respondents' table; refuses an answer outside the range, naming the row", () => {
    const t = aq.table({ q: ["そう思う", "5", "", "NA", 4, 4, 1], g: ["a", "a", "a", "a", "a", "a", "a"] });
    const spec = likertChart(t, { items: ["q"] });
    expect(kind(spec, "segment").map((v) => v.count)).toEqual([1, 0, 0, 2, 2]);
    const e = thrown(() => likertChart(aq.table({ q: [1, 2, 3, 4, 6, 5] }), { items: ["q"] }));
    expect(e).toBeInstanceOf(KoeArgumentError);
    expect(e.message).toBe('likertChart: column "q", row 5 has the answer 6; answers are whole numbers from 1 to 5');
    expect(e.localized.ja).toBe("likertChart: 列「q」の5行目の回答が 6 です。回答は 1 から 5 までの整数です");
    expect(thrown(() => likertChart(aq.table({ q: [1, 2.5] }), { items: ["q"] })).message).toContain("row 2 has the answer 2.5");
    // Another range, by option, with labels of its own.
    const seven = likertChart(aq.table({ q: [1, 7, 7, 4, 2, 6] }), { items: ["q"], range: [1, 7], answerLabels: ["1", "2", "3", "4", "5", "6", "7"] });
    expect(kind(seven, "end")[0]!.text).toBe("50%（n=6）");
  });

  it("renders the panels, the groups and the shares in Japanese (the bundled font in the PNG)", async () => {
    const spec = likertChart(respondents, { items: ["eng_01_pre", "eng_06_pre"], by: "generation" });
    const texts = svgText(await renderSvg(spec));
    for (const t of ["世代別の回答の分布", "仕事に誇りを感じている", "仕事に行くのが憂うつだ", "若手", "シニア", "そう思う", "どちらともいえない"]) expect(texts).toContain(t);
    const png = readPng(await renderPng(spec, { scale: 1 }));
    expect(ink(png).maxX).toBeLessThan(png.width - 1);
    const en = await renderSvg(likertChart(respondents, { items: ["eng_01_pre"], by: "generation", lang: "en" }));
    expect(en).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  it("matches the SVG snapshot (numbers rounded)", async () => {
    const rounded = (await renderSvg(likertChart(published, { by: "generation" }))).replace(/-?\d+\.\d+/g, (x) => Number(x).toFixed(1));
    await expect(rounded).toMatchFileSnapshot("__snapshots__/likert.svg");
  });
});

describe("likertChart: what it refuses", () => {
  it("a shown bar of fewer than the minimum, an answer twice, an answer outside the range", () => {
    const small = { rows: countRows("eng_01_pre", "young", [1, 0, 1, 1, 1]) };
    const e = thrown(() => likertChart(small, { by: "generation" }));
    expect(e).toBeInstanceOf(ChartError);
    expect(e.message).toBe('likertChart: the bar of item "eng_01_pre", group "young" describes 4 people, under the minimum group size of 5, but is not marked suppressed; publish the table through the study so that small groups are hidden');
    expect(thrown(() => likertChart(published)).message).toBe('likertChart: the answer 1 of item "eng_01_pre" appears more than once; a table by segment needs the option "by"');
    const six = { rows: [...countRows("eng_01_pre", "young", [1, 2, 3, 4, 5]), { item: "eng_01_pre", generation: "young", answer: 6, count: 1 }] };
    expect(thrown(() => likertChart(six, { by: "generation" })).message).toBe('likertChart: row 6 (eng_01_pre / young) has answer 6 (expected one of "1", "2", "3", "4", "5")');
  });

  it("a missing column or item (with the closest), options it does not know, items it needs", () => {
    expect(thrown(() => likertChart(published, { by: "generaton" })).message).toMatch(/^likertChart: the table has no column "generaton"; did you mean "generation"\?/);
    expect(thrown(() => likertChart(published, { by: "generation", items: ["eng_01_pr"] })).message).toMatch(/^likertChart: the table has no item "eng_01_pr"; did you mean "eng_01_pre"\?/);
    expect(thrown(() => likertChart(aq.table({ eng_01_pre: [1] }), { items: ["eng_01_pr"] })).message).toContain('did you mean "eng_01_pre"');
    expect(thrown(() => likertChart(aq.table({ q: [1] }))).message).toBe('likertChart: with the respondents\' table, name the item columns to draw with the option "items", e.g. { items: ["eng_01_pre", "eng_02_pre"] }');
    expect(thrown(() => likertChart(published, { itmes: [] } as never)).message).toContain('unknown option "itmes"; did you mean "items"?');
    expect(thrown(() => likertChart(published, { by: "generation", minGroupSize: 10 })).message).toContain('the option "minGroupSize" applies to the respondents\' table');
    expect(thrown(() => likertChart(aq.table({ q: [1] }), { items: ["q"], answerLabels: ["no", "yes"] })).message).toBe('likertChart: option "answerLabels" names 2 answers, but the scale has 5');
    expect(thrown(() => likertChart(aq.table({ q: [1] }), { items: ["q"], range: [5, 1] })).message).toContain('option "range"');
    for (const garbage of [undefined, null, 42, "x", [], {}, { rows: null }, { rows: [null] }]) expect(thrown(() => likertChart(garbage as never))).toBeInstanceOf(KoeError);
  });

  it("items of different ranges on one scale", () => {
    const instrument = { ...careerSurveyInstrument, items: careerSurveyInstrument.items.map((i) => (i.id === "eng_02" ? { ...i, max: 7 } : i)) };
    expect(thrown(() => likertChart(aq.table({ eng_01_pre: [1], eng_02_pre: [1] }), { items: ["eng_01_pre", "eng_02_pre"], instrument })).message).toBe(
      'likertChart: the items have different answer ranges ("1–5", "1–7") and cannot share one scale; draw them apart, or give the option "range"',
    );
  });
});
