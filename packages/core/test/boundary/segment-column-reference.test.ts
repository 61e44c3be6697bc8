// segmentColumn against a plain reference written from its documentation: each row resolved on its
// own (blank or a missing marker → missing; through the vocabulary when there is one, else NFKC-trimmed
// text or the value itself), the distinct values sorted to their natural order (vocabulary order;
// else booleans false < true, numbers ascending, numeric text by its number, other text by code
// unit; ties keep the order of first appearance; -0 is 0), and each row's code its value's index. Random
// columns of every kind of value a survey file holds, with and without a vocabulary, must give the
// same codes, levels, vocabulary and count of missing — or the same error.
import * as aq from "arquero";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_MISSING, KoeError, generations, numberFromText, resolveColumn, segmentColumn, vocabularyFor, type Table, type Vocabulary } from "@koe/core";

function reference(table: Table, name: string, options: { missing?: readonly string[]; vocabulary?: Vocabulary | null } = {}) {
  const column = resolveColumn("f", table, name);
  const raw = table.array(column) as unknown[];
  const vocabulary = options.vocabulary === undefined ? vocabularyFor(column, name, raw) : options.vocabulary;
  const markers = (options.missing ?? DEFAULT_MISSING).map((s) => s.normalize("NFKC").trim().toLowerCase());
  const resolve = (v: unknown): unknown => {
    if (v === null || v === undefined || (typeof v === "number" && Number.isNaN(v))) return null;
    if (typeof v === "string" && markers.includes(v.normalize("NFKC").trim().toLowerCase())) return null;
    if (vocabulary) return vocabulary.resolve(String(v)) ?? "<unknown>";
    return typeof v === "string" ? v.normalize("NFKC").trim() : v;
  };
  const resolved = raw.map(resolve);
  if (resolved.includes("<unknown>")) return { error: true };
  const distinct: unknown[] = [];
  // -0 and 0 are one value, whose level is 0
  for (const v of resolved) if (v !== null && !distinct.some((d) => Object.is(d, v) || (d === 0 && v === 0))) distinct.push(Object.is(v, -0) ? 0 : v);
  const all = (test: (v: unknown) => boolean) => distinct.every(test);
  const by = (key: (v: unknown) => number) => (a: unknown, b: unknown) => key(a) - key(b);
  let levels: unknown[];
  if (vocabulary) levels = [...distinct].sort(by((v) => vocabulary.order(String(v))));
  else if (all((v) => typeof v === "boolean")) levels = [...distinct].sort(by(Number));
  else if (all((v) => typeof v === "number")) levels = [...distinct].sort(by((v) => v as number));
  else if (all((v) => typeof v === "string" && !Number.isNaN(numberFromText(v)))) levels = [...distinct].sort(by((v) => numberFromText(v as string)));
  else levels = [...distinct].sort((a, b) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0));
  const codes = resolved.map((v) => (v === null ? -1 : levels.findIndex((l) => Object.is(l, v) || (l === 0 && v === 0))));
  return { column, codes, levels, vocabulary: vocabulary?.name ?? null, nMissing: codes.filter((c) => c === -1).length };
}

function actual(table: Table, name: string, options: { missing?: readonly string[]; vocabulary?: Vocabulary | null } = {}) {
  try {
    const s = segmentColumn("f", table, name, options);
    return { column: s.column, codes: Array.from(s.codes), levels: s.levels, vocabulary: s.vocabulary?.name ?? null, nMissing: s.nMissing };
  } catch (e) {
    if (e instanceof KoeError && e.code === "boundary.unknownSegmentValue") return { error: true };
    throw e;
  }
}

const blanks = [null, undefined, Number.NaN, "", " ", "NA", "n/a", "無回答", "ＮＡ"];
const pools = {
  text: ["C10", "C02", "c02", "Ｃ02", " C02 ", "b", "B", "あ", "ア", "-", "x y"],
  numbers: [0, -0, 1, 2, 10, -3.5, 1e-9, 2.5],
  numericText: ["1", "１", " 2 ", "10", "1.0", "1,000", "+1", "-0", "0"],
  booleans: [true, false],
  generations: ["若手", "young", "Young", "中堅", "Mid-career", "ミドル", "シニア", "ベテラン", "senior", " 若手 "],
  unknownGenerations: ["若者", "old"],
};
const column = (values: readonly unknown[]) => fc.array(fc.constantFrom(...values, ...blanks), { minLength: 0, maxLength: 60 });

describe("segmentColumn equals the plain reference", () => {
  it.each([
    ["text", pools.text],
    ["numbers", pools.numbers],
    ["numeric text", pools.numericText],
    ["booleans", pools.booleans],
    ["numbers mixed with text", [...pools.numbers, ...pools.numericText, ...pools.text]],
    ["booleans mixed with numbers", [...pools.booleans, ...pools.numbers]],
    ["a user's column of generation labels (vocabulary found from the values)", pools.generations],
    ["generation labels and other text", [...pools.generations, ...pools.text]],
  ])("%s, in a column of the user's own name", (_, pool) => {
    fc.assert(fc.property(column(pool), (values) => {
      const t = aq.table({ 区分: values });
      expect(actual(t, "区分")).toEqual(reference(t, "区分"));
    }), { numRuns: 300 });
  });

  it("a generation column (vocabulary by name), unknown labels refused", () => {
    fc.assert(fc.property(column([...pools.generations, ...pools.unknownGenerations]), (values) => {
      const t = aq.table({ generation: values });
      expect(actual(t, "generation")).toEqual(reference(t, "generation"));
    }), { numRuns: 300 });
  });

  it("a vocabulary given, other missing markers, or none (null)", () => {
    fc.assert(fc.property(column([...pools.generations, "-", "不明"]), fc.constantFrom<readonly string[] | undefined>(undefined, ["-", "不明"], []), fc.constantFrom(generations, null), (values, missing, vocabulary) => {
      const t = aq.table({ x: values });
      const options = { vocabulary, ...(missing ? { missing } : {}) };
      expect(actual(t, "x", options)).toEqual(reference(t, "x", options));
    }), { numRuns: 300 });
  });

  it("typed columns as the readers make them (Float32Array, Float64Array, Int32Array)", () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(0, -0, 1, 2, 7, 2.5, Number.NaN), { maxLength: 60 }), (values) => {
      for (const typed of [Float32Array.from(values), Float64Array.from(values), Int32Array.from(values)]) {
        const t = aq.table({ x: typed });
        expect(actual(t, "x")).toEqual(reference(t, "x"));
      }
    }), { numRuns: 200 });
  });

  it("a filtered or ordered table reads its rows in the table's order", () => {
    const t = aq.table({ c: ["C10", "C02", "NA", "C07", "C02"], k: [5, 4, 3, 2, 1] }).orderby("k").filter((d: { k: number }) => d.k > 1);
    expect(actual(t, "c")).toEqual({ column: "c", codes: [1, -1, 0, 2], levels: ["C02", "C07", "C10"], vocabulary: null, nMissing: 1 });
    expect(actual(t, "c")).toEqual(reference(t, "c"));
  });
});
