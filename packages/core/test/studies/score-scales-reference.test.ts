// scoreScales' scores, summed item by item, equal to the last bit a plain row-by-row mean written
// from its documentation (each row: the answered items in the instrument's order, a reverse-keyed
// one as min + max − x, divided by how many; NaN when fewer than the share asked were answered):
// on the bundled respondents with the career survey's instrument (reverse-keyed items included),
// at several shares, and on random answers with random reverse keys and item ranges.
import { join } from "node:path";
import * as aq from "arquero";
import fc from "fast-check";
import { careerSurveyInstrument, cronbachAlpha, DEFAULT_LIKERT_LABELS, Instrument, itemColumn, mcdonaldsOmega, numericColumn, readRespondents, scoreScales, type Table } from "@koe/core";
import { describe, expect, it } from "vitest";

function reference(table: Table, instrument: Instrument, scale: string, wave: string | undefined, minAnswered: number): number[] {
  const items = instrument.items.filter((i) => i.scale === scale);
  const answers = items.map((i) => numericColumn("f", table, itemColumn(i.id, wave), { labels: instrument.likertLabels ?? DEFAULT_LIKERT_LABELS }).values);
  const need = Math.ceil(minAnswered * items.length - 1e-9);
  return Array.from({ length: table.numRows() }, (_, r) => {
    let sum = 0;
    let k = 0;
    items.forEach((item, j) => {
      const v = answers[j]![r]!;
      if (Number.isNaN(v)) return;
      sum += item.reverse ? item.min + item.max - v : v;
      k++;
    });
    return k >= need && k > 0 ? sum / k : Number.NaN;
  });
}

describe("scoreScales equals a row-by-row reference, bit for bit", () => {
  it("on the bundled respondents (reverse-keyed items included), at shares 0.1, 0.5 and 1", async () => {
    const { table } = await readRespondents(join(import.meta.dirname, "..", "..", "..", "..", "data", "respondents.csv"));
    expect(careerSurveyInstrument.items.some((i) => i.reverse)).toBe(true);
    for (const minAnswered of [0.1, 0.5, 1]) {
      const scored = scoreScales(table, careerSurveyInstrument, { minAnswered, reliability: false }).table;
      for (const scale of careerSurveyInstrument.scales) {
        for (const wave of careerSurveyInstrument.waves) {
          const got = Array.from(scored.array(`${scale.id}_${wave.id}`) as Float64Array);
          const want = reference(table, careerSurveyInstrument, scale.id, wave.id, minAnswered);
          expect(got, `${scale.id}_${wave.id} at ${minAnswered}`).toEqual(want); // toEqual compares numbers with Object.is: every bit
        }
      }
    }
  });

  it("on random answers, reverse keys, item ranges and shares", () => {
    const item = fc.record({ reverse: fc.boolean(), min: fc.integer({ min: 0, max: 2 }), span: fc.integer({ min: 1, max: 9 }) });
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 40 }), fc.double({ min: 0.01, max: 1, noNaN: true }), fc.integer(), (items, rows, minAnswered, seed) => {
        const instrument = Instrument.parse({
          id: "t", ja: "t", en: "t", scales: [{ id: "s", ja: "s", en: "s" }],
          items: items.map((x, j) => ({ id: `i${j}`, scale: "s", ja: "i", en: "i", reverse: x.reverse, min: x.min, max: x.min + x.span })),
        });
        let state = seed >>> 0;
        const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
        // answers in range, some thirds and halves (as typed scores are), about a quarter missing
        const columns = Object.fromEntries(items.map((x, j) => [`i${j}`, Float64Array.from({ length: rows }, () => (next() < 0.25 ? Number.NaN : x.min + Math.round(next() * x.span * 6) / 6))]));
        const t = aq.table(columns);
        const got = Array.from(scoreScales(t, instrument, { minAnswered, reliability: false }).table.array("s") as Float64Array);
        expect(got).toEqual(reference(t, instrument, "s", undefined, minAnswered));
      }),
      { numRuns: 300 },
    );
  });

  // With reliability on, the scores come out of the same pass as the reliability sums (a block of
  // whole answers summed packed, a block with a fraction in it unpacked): the same scores to the bit,
  // and alpha and omega those of cronbachAlpha and mcdonaldsOmega reading the same columns.
  it("with reliability on: the same scores, and alpha and omega as cronbachAlpha and mcdonaldsOmega, over blocks of whole and fractional answers", () => {
    const item = fc.record({ reverse: fc.boolean(), min: fc.integer({ min: 0, max: 2 }), span: fc.integer({ min: 1, max: 20 }) }); // spans over 15 are not packed
    fc.assert(
      fc.property(fc.array(item, { minLength: 3, maxLength: 8 }), fc.integer({ min: 600, max: 1800 }), fc.integer(), (items, rows, seed) => {
        const instrument = Instrument.parse({
          id: "t", ja: "t", en: "t", scales: [{ id: "s", ja: "s", en: "s" }],
          items: items.map((x, j) => ({ id: `i${j}`, scale: "s", ja: "i", en: "i", reverse: x.reverse, min: x.min, max: x.min + x.span })),
        });
        let state = seed >>> 0;
        const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
        const level = Array.from({ length: rows }, () => next());
        const fractions = next() < 0.5 ? Math.floor(next() * items.length) : -1; // the item with a few answers in sixths in rows 512–1023
        // whole answers sharing each person's level, some missing (whole rows too), a few in sixths
        const columns = Object.fromEntries(items.map((x, j) => [`i${j}`, Float64Array.from(level, (f, r) => {
          if (r % 101 === 7 || next() < 0.05) return Number.NaN;
          if (j === fractions && r >= 512 && r < 1024 && next() < 0.02) return x.min + Math.round(next() * x.span * 6) / 6;
          const v = Math.min(x.span, Math.floor(f * (x.span + 1) + next() * 2 - 0.5));
          return x.min + (x.reverse ? x.span - Math.max(0, v) : Math.max(0, v));
        })]));
        const t = aq.table(columns);
        const scored = scoreScales(t, instrument);
        expect(Array.from(scored.table.array("s") as Float64Array)).toEqual(reference(t, instrument, "s", undefined, 0.5));
        const names = items.map((_, j) => `i${j}`);
        const options = { items: names, reverse: names.filter((_, j) => items[j]!.reverse), range: [Math.min(...items.map((x) => x.min)), Math.max(...items.map((x) => x.min + x.span))] as [number, number] };
        const { alpha, omega } = scored.reliability[0]!;
        expect(Math.abs(alpha! - cronbachAlpha(t, options).alpha)).toBeLessThan(1e-12);
        expect(Math.abs(omega! - mcdonaldsOmega(t, options).estimate!)).toBeLessThan(1e-12);
      }),
      { numRuns: 80 },
    );
  });
});

// Item columns reach scoreScales typed (Float64Array, as the readers make them), as plain arrays
// of numbers and nulls, or as text: the scores and the reliability are the same whichever way, and
// equal to cronbachAlpha / mcdonaldsOmega reading the columns themselves, over many blocks of rows.
describe("scoreScales reads typed, plain and text item columns alike", () => {
  const rows = 5000;
  const ins = Instrument.parse({
    id: "t", ja: "t", en: "t", scales: [{ id: "s", ja: "s", en: "s" }],
    items: ["a", "b", "c", "d", "e"].map((id) => ({ id, scale: "s", ja: id, en: id, reverse: id === "b" })),
  });
  let state = 7;
  const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const factor = Array.from({ length: rows }, () => next()); // each person's level, shared by the items
  const typed = Object.fromEntries(["a", "b", "c", "d", "e"].map((c) => [c, Float64Array.from(factor, (f) => {
    if (next() < 0.05) return Number.NaN;
    const v = Math.min(5, 1 + Math.floor(next() * 2 + f * 4));
    return c === "b" ? 6 - v : v; // the reverse-keyed item
  })]));
  const plain = Object.fromEntries(Object.entries(typed).map(([c, v]) => [c, Array.from(v, (x) => (Number.isNaN(x) ? null : x))]));
  const text = { ...plain, c: Array.from(typed.c!, (x) => (Number.isNaN(x) ? "無回答" : String.fromCharCode(0xff10 + x))) }; // full-width digits

  it("same scores to the bit and the same alpha and omega", () => {
    const want = scoreScales(aq.table(typed), ins);
    for (const t of [plain, text]) {
      const got = scoreScales(aq.table(t), ins);
      expect(Array.from(got.table.array("s") as Float64Array)).toEqual(Array.from(want.table.array("s") as Float64Array));
      expect(got.reliability).toEqual(want.reliability);
      expect(got.warnings).toEqual(want.warnings);
    }
    const items = ["a", "b", "c", "d", "e"];
    const alpha = cronbachAlpha(aq.table(typed), { items, reverse: ["b"], range: [1, 5] }).alpha;
    const omega = mcdonaldsOmega(aq.table(typed), { items, reverse: ["b"], range: [1, 5] }).estimate;
    expect(Math.abs(want.reliability[0]!.alpha! - alpha)).toBeLessThan(1e-12);
    expect(Math.abs(want.reliability[0]!.omega! - omega!)).toBeLessThan(1e-12);
    expect(want.reliability[0]!.alpha).toBeGreaterThan(0.3);
  });

  it("an answer out of range late in a typed column, or before a text column's junk, is the same error naming column and row", () => {
    const late = Float64Array.from(typed.d!);
    late[4321] = 6;
    expect(() => scoreScales(aq.table({ ...typed, d: late }), ins)).toThrow(/table row 4322, column "d": 6 is outside the item's range 1–5/);
    const junk: (number | string | null)[] = [...plain.e!];
    junk[10] = "x";
    expect(() => scoreScales(aq.table({ ...typed, d: late, e: junk }), ins)).toThrow(/table row 4322, column "d": 6 is outside/);
    expect(() => scoreScales(aq.table({ ...typed, e: junk }), ins)).toThrow(/column "e" must hold numbers; it holds text that is not a number: "x" \(1 row, first at table row 11\)/);
    const lateText = [...text.c!];
    lateText[4999] = "そう思う"; // an answer label is an answer
    expect(scoreScales(aq.table({ ...text, c: lateText }), ins).scores[0]!.scored).toBe(scoreScales(aq.table(text), ins).scores[0]!.scored);
  });
});
