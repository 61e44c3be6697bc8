// scoreScales' scores, summed item by item, equal to the last bit a plain row-by-row mean written
// from its documentation (each row: the answered items in the instrument's order, a reverse-keyed
// one as min + max − x, divided by how many; NaN when fewer than the share asked were answered):
// on the bundled respondents with the career survey's instrument (reverse-keyed items included),
// at several shares, and on random answers with random reverse keys and item ranges.
import { join } from "node:path";
import * as aq from "arquero";
import fc from "fast-check";
import { careerSurveyInstrument, DEFAULT_LIKERT_LABELS, Instrument, itemColumn, numericColumn, readRespondents, scoreScales, type Table } from "@koe/core";
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
});
