import * as aq from "arquero";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  KoeArgumentError, KoeError, MISSING_BINARY, binaryColumn, closest, coerceTable, numericColumn, parseOptions, resolveColumn, segmentColumn, setLanguage, waveSelection,
  Instrument,
} from "@koe/core";
import { thrown } from "../../../../test/helpers/koe-error.js";


describe("resolveColumn", () => {
  const t = aq.table({ "\uFEFF会社": ["A"], generation: ["young"], 調査回: [1], "ｊｏｂ_type": ["technical"] });
  it("finds a column behind a BOM, a width difference or another name of the same field", () => {
    expect(resolveColumn("f", t, "会社")).toBe("\uFEFF会社");
    expect(resolveColumn("f", t, "job_type")).toBe("ｊｏｂ_type");
    expect(resolveColumn("f", t, "wave")).toBe("調査回");
    expect(resolveColumn("f", t, "世代")).toBe("generation");
  });
  it("names the typo, the option, the closest column, in both languages, and shows the BOM", () => {
    const e = thrown(() => resolveColumn("crossBoundaryReport", t, "generaton", "covariates"));
    expect(e).toBeInstanceOf(KoeArgumentError);
    expect(e.code).toBe("boundary.noColumn");
    expect(e.localized.en).toContain('no column "generaton" (option covariates); did you mean "generation"?');
    expect(e.localized.ja).toContain("「generation」の誤りではありませんか");
    expect(e.localized.en).toContain('"<BOM>会社"');
    expect(e.params).toMatchObject({ fn: "crossBoundaryReport", column: "generaton", suggestion: "generation" });
  });
  it("refuses a name that is not text", () => {
    expect(thrown(() => resolveColumn("f", t, 3 as never, "group")).message).toContain('option "group"');
  });
});

describe("binaryColumn", () => {
  const expected = [1, 0, 1, 0, MISSING_BINARY];
  it.each([
    ["booleans", [true, false, true, false, null]],
    ["0/1", [1, 0, 1, 0, null]],
    ["0/1 text", ["1", "0", "１", "０", ""]],
    ["true/false text", ["TRUE", "false", "True", "FALSE", "NA"]],
    ["はい/いいえ", ["はい", "いいえ", "はい", "いいえ", "無回答"]],
    ["あり/なし", ["あり", "なし", "あり", "なし", undefined]],
    ["yes/no", ["yes", "no", "Yes", "No", Number.NaN]],
  ])("reads %s as 1/0", (_, values) => {
    const b = binaryColumn("f", aq.table({ x: values }), "x");
    expect(Array.from(b.values)).toEqual(expected);
    expect([b.nTrue, b.nFalse, b.nMissing]).toEqual([2, 2, 1]);
  });
  it("reads a field's own words (効果あり/効果なし, 管理職/非管理職, 経験あり/経験なし)", () => {
    expect(Array.from(binaryColumn("f", aq.table({ effective: ["効果あり", "効果なし"] }), "effective").values)).toEqual([1, 0]);
    expect(Array.from(binaryColumn("f", aq.table({ 管理職: ["管理職", "非管理職"] }), "manager").values)).toEqual([1, 0]);
    expect(Array.from(binaryColumn("f", aq.table({ cross_boundary: ["経験あり", "経験なし"] }), "cross_boundary").values)).toEqual([1, 0]);
  });
  it("refuses a 2 or a stray word, naming column, values, counts and first rows", () => {
    const e = thrown(() => binaryColumn("differenceInDifferences", aq.table({ treat: [0, 1, 2, 2, "maybe"] }), "treat", { option: "treatment" }));
    expect(e.code).toBe("boundary.notBinary");
    expect(e.localized.en).toContain('column "treat"');
    expect(e.localized.en).toContain('"2" (2 rows, first at table row 3)');
    expect(e.localized.en).toContain('"maybe" (1 row, first at table row 5)');
    expect(e.localized.ja).toContain("列「treat」");
  });
});

it("binaryColumn reads a typed column: 1/0, NaN missing, any other number refused with its rows", () => {
  const b = binaryColumn("f", aq.table({ x: Float64Array.from([1, 0, Number.NaN, 1, -0]) }), "x");
  expect(Array.from(b.values)).toEqual([1, 0, MISSING_BINARY, 1, 0]);
  expect([b.nTrue, b.nFalse, b.nMissing]).toEqual([2, 2, 1]);
  const e = thrown(() => binaryColumn("f", aq.table({ x: Float64Array.from([1, 2, 2, 0]) }), "x"));
  expect(e.localized.en).toContain('"2" (2 rows, first at table row 2)');
});

describe("numericColumn", () => {
  it("reads numbers, numeric text (full-width, thousands commas) and booleans; blanks and markers are NaN", () => {
    const v = numericColumn("f", aq.table({ x: [1, "２", " 3.5 ", "1,200", true, null, "", "NA", "無回答"] }), "x");
    expect(Array.from(v.values)).toEqual([1, 2, 3.5, 1200, 1, NaN, NaN, NaN, NaN]);
    expect(v.nMissing).toBe(4);
  });
  it("returns a typed column without copying it", () => {
    const x = Float64Array.from([1, NaN, 3]);
    const v = numericColumn("f", aq.table({ x }), "x");
    expect(v.values).toBe(x);
    expect(v.nMissing).toBe(1);
  });
  it("refuses text that is not a number and offers the missing option; accepts it once declared", () => {
    const t = aq.table({ Q2: [1, "-", 3, "-"] });
    const e = thrown(() => numericColumn("scoreScales", t, "Q2"));
    expect(e.localized.en).toContain('column "Q2" must hold numbers');
    expect(e.localized.en).toContain('"-" (2 rows, first at table row 2)');
    expect(e.localized.en).toContain('missing: ["-"]');
    expect(Array.from(numericColumn("scoreScales", t, "Q2", { missing: ["-"] }).values)).toEqual([1, NaN, 3, NaN]);
  });
  it("maps answer labels only when asked", () => {
    const t = aq.table({ q: ["そう思う", "2"] });
    expect(() => numericColumn("f", t, "q")).toThrow(KoeArgumentError);
    expect(Array.from(numericColumn("f", t, "q", { labels: { そう思う: 5 } }).values)).toEqual([5, 2]);
  });
});

describe("segmentColumn", () => {
  it("resolves Japanese and English labels to ids in natural order", () => {
    const s = segmentColumn("f", aq.table({ generation: ["シニア", "若手", "Mid", "ベテラン", null] }), "generation");
    expect(s.levels).toEqual(["young", "mid", "senior"]);
    expect(Array.from(s.codes)).toEqual([2, 0, 1, 2, -1]);
    expect(s.vocabulary?.name).toBe("generation");
  });
  it("finds the vocabulary from the values when the column name is the user's own", () => {
    expect(segmentColumn("f", aq.table({ 段階: ["実践を支援する", "知る", "理解を深める"] }), "段階").levels).toEqual(["know", "understand", "practice"]);
    expect(segmentColumn("f", aq.table({ 種類: ["社外", "社内"] }), "種類").levels).toEqual(["internal", "external"]);
  });
  it("lists unknown values with the known ones", () => {
    const e = thrown(() => segmentColumn("topInitiatives", aq.table({ generation: ["若手", "若者", "若者"] }), "generation"));
    expect(e.localized.en).toContain('"若者" (2 rows, first at table row 2)');
    expect(e.localized.ja).toContain("「若手」、「中堅」、「シニア」");
  });
  it("codes runs of one value and of missing values row by row (the previous row's code reused)", () => {
    const s = segmentColumn("f", aq.table({ c: ["b", "b", null, null, "NA", "a", "a", "b", Number.NaN, Number.NaN] }), "c");
    expect(s.levels).toEqual(["a", "b"]);
    expect(Array.from(s.codes)).toEqual([1, 1, -1, -1, -1, 0, 0, 1, -1, -1]);
    expect(s.nMissing).toBe(5);
  });
  it("keeps other values, numbers ascending and text sorted", () => {
    expect(segmentColumn("f", aq.table({ c: ["C10", "C02", "C10"] }), "c").levels).toEqual(["C02", "C10"]);
    expect(segmentColumn("f", aq.table({ w: [10, 2, 1] }), "w").levels).toEqual([1, 2, 10]);
    expect(segmentColumn("f", aq.table({ w: ["10", "2"] }), "w").levels).toEqual(["2", "10"]);
  });
});

describe("waveSelection", () => {
  const t = aq.table({ 調査回: ["1", "２", 2, null] });
  it("finds the wave column under its Japanese name and keeps one wave", () => {
    const w = waveSelection("f", t, { wave: 2 });
    expect([w.column, w.wave, w.waves, Array.from(w.keep)]).toEqual(["調査回", 2, [1, 2], [0, 1, 1, 0]]);
  });
  it("defaults to the first wave and reports it, or refuses when asked to", () => {
    expect(waveSelection("f", t).wave).toBe(1);
    expect(thrown(() => waveSelection("f", t, { require: true })).localized.en).toContain("several waves");
    expect(thrown(() => waveSelection("f", t, { wave: 3 })).localized.en).toContain('wave 3 is not in column "調査回"');
    expect(thrown(() => waveSelection("f", aq.table({ x: [1] }), { wave: 1 })).code).toBe("boundary.noWaveColumn");
  });
});

describe("parseOptions", () => {
  const Schema = z.object({
    minCompanies: z.number().int().default(5),
    covariates: z.array(z.string()).default([]),
    estimand: z.enum(["ATT", "ATE"]).default("ATT"),
    stability: z.object({ resamples: z.number().default(1000) }).optional(),
  });
  it("returns the defaults", () => {
    expect(parseOptions("f", Schema, undefined)).toEqual({ minCompanies: 5, covariates: [], estimand: "ATT" });
  });
  it("refuses unknown keys at any depth with the closest key", () => {
    expect(thrown(() => parseOptions("topInitiatives", Schema, { minCompanys: 30 })).localized.en).toContain('unknown option "minCompanys"; did you mean "minCompanies"?');
    expect(thrown(() => parseOptions("topInitiatives", Schema, { stability: { resample: 10 } })).localized.en).toContain('"stability.resample"; did you mean "resamples"?');
  });
  it("takes enums exactly and lists where lists are meant", () => {
    const e = thrown(() => parseOptions("estimateEffect", Schema, { estimand: "att" }));
    expect(e.localized.en).toBe('estimateEffect: option "estimand" must be one of "ATT", "ATE" (got "att"); did you mean "ATT"?');
    expect(thrown(() => parseOptions("f", Schema, { covariates: "generation" })).localized.en).toContain('option "covariates" takes a list, e.g. ["generation"]');
    expect(thrown(() => parseOptions("f", Schema, 3)).code).toBe("boundary.optionsNotObject");
  });
  it("writes message in the language chosen", () => {
    setLanguage("ja");
    try {
      expect(thrown(() => parseOptions("f", Schema, { k: 1 })).message).toContain("というオプションはありません");
    } finally {
      setLanguage("en");
    }
  });
});

describe("closest", () => {
  it("suggests near names only", () => {
    expect(closest("generaton", ["company", "generation"])).toBe("generation");
    expect(closest("listwize", ["pairwise", "listwise"])).toBe("listwise");
    expect(closest("zzz", ["company", "generation"])).toBeNull();
    expect(closest("minCompany", ["company", "minCompanies"])).toBe("minCompanies");
  });
});

describe("coerceTable", () => {
  const instrument = Instrument.parse({
    id: "my_survey", ja: "自社調査", en: "Our survey",
    scales: [{ id: "engagement", ja: "エンゲージメント", en: "Engagement" }],
    items: [1, 2, 3].map((i) => ({ id: `q${i}`, scale: "engagement", ja: `Q${i}`, en: `Q${i}`, min: 1, max: 5, reverse: i === 3 })),
  });
  const raw = aq.table({ 所属: ["A社", "B社"], 年代: ["若手", "シニア"], 越境: ["はい", "いいえ"], 管理職: ["非管理職", "管理職"], Q1: ["そう思う", "３"], Q2: ["-", 2], Q3: [1, ""] });
  it("renames, resolves ids and converts types in one step", () => {
    const t = coerceTable(raw, { rename: { 所属: "company", 年代: "generation", 越境: "cross_boundary", 管理職: "manager", Q1: "q1", Q2: "q2", Q3: "q3" }, instrument, missing: ["-", ""] });
    expect(t.objects()).toEqual([
      { company: "A社", generation: "young", cross_boundary: true, manager: false, q1: 5, q2: NaN, q3: 1 },
      { company: "B社", generation: "senior", cross_boundary: false, manager: true, q1: 3, q2: 2, q3: NaN },
    ]);
  });
  it("refuses what it cannot convert, naming the column", () => {
    expect(thrown(() => coerceTable(raw, { rename: { Q2: "q2" }, instrument })).localized.en).toContain('column "q2" must hold numbers');
    expect(thrown(() => coerceTable(aq.table({ q1: [7] }), { instrument })).localized.en).toContain('column "q1": 7 is outside the item\'s range 1–5');
    expect(thrown(() => coerceTable(raw, { renames: {} } as never)).localized.en).toContain('did you mean "rename"?');
  });
});
