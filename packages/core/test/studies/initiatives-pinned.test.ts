// topInitiatives' whole results pinned before the top-3 matrix was made faster for a cold call
// (issue 13): every field, in order, bit for bit (cells, all, prior, notes, warnings), on the
// pipeline benchmark's kind of ratings (25 companies × 20 initiatives, no outcome column) and on the
// bundled ratings (two waves, an outcome column), with rows missing values, each ranking, a bootstrap.
// The fixture (pinned/initiatives-top.json: cells, prior and warning codes in full, a SHA-256 of the
// whole result's JSON) was written by the code before the change
// (`KOE_PIN=1 npx vitest run test/studies/initiatives-pinned.test.ts`); the statistics themselves are
// checked in initiatives-top.test.ts and initiatives.test.ts (R for the prior).
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createRandom, extendInitiativeCatalogue, generations, initiativeCatalogue, penetrationSteps, readInitiativeRatings, topInitiatives, type TopInitiativesOptions } from "@koe/core";
import * as aq from "arquero";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rankCell, RANK_BY } from "../../src/studies/initiatives/top-initiatives.js";

const root = join(import.meta.dirname, "..", "..", "..", "..");
const fixture = join(import.meta.dirname, "pinned", "initiatives-top.json");
const pin = process.env.KOE_PIN === "1";
const pinned: Record<string, unknown> = pin ? {} : JSON.parse(readFileSync(fixture, "utf8"));
afterAll(() => {
  if (pin) writeFileSync(fixture, JSON.stringify(pinned, null, 1) + "\n");
});

// As the pipeline benchmark's ratings: each company rates 20 initiatives (4 of them its own) in
// every generation × step, effective more often for the first three; seeded.
const ids = [...initiativeCatalogue.ids, "extra_1", "extra_2", "extra_3", "extra_4"].slice(0, 20);
const catalogue = extendInitiativeCatalogue(ids.filter((id) => id.startsWith("extra_")).map((id) => ({ id, ja: id, en: id })));
function benchRatings(companies: number) {
  const r = createRandom("bench-initiatives");
  const rows: { company: string; generation: string; step: string; initiative: string; effective: number }[] = [];
  for (let c = 0; c < companies; c++) {
    for (const generation of generations.ids) {
      for (const step of penetrationSteps.ids) ids.forEach((initiative, k) => rows.push({ company: `C${c}`, generation, step, initiative, effective: r.next() < 0.2 + 0.6 * (k < 3 ? 1 : 0) ? 1 : 0 }));
    }
  }
  return aq.from(rows);
}

let bench: aq.ColumnTable;
let bundled: aq.ColumnTable;
let holes: aq.ColumnTable;
beforeAll(async () => {
  bench = benchRatings(25);
  bundled = (await readInitiativeRatings(join(root, "data", "initiative_ratings.csv"))).table as aq.ColumnTable;
  // (read with the columns' English names) Every 7th row without a segment, every 11th without a company, every 13th without a rating.
  holes = aq.from((bundled.objects() as Record<string, unknown>[]).map((o, i) => ({ ...o, generation: i % 7 === 3 ? "" : o["generation"], company: i % 11 === 5 ? null : o["company"], effective: i % 13 === 2 ? "無回答" : o["effective"] })));
});

const cases: [string, () => aq.ColumnTable, TopInitiativesOptions][] = [
  ["bench ratings, defaults", () => bench, { catalogue }],
  ["bench ratings, rank by share, k 5", () => bench, { catalogue, rankBy: "share", k: 5 }],
  ["bench ratings, shrunken, bootstrap", () => bench, { catalogue, rankBy: "shrunken", stability: { resamples: 50, seed: 3 } }],
  ["bundled, defaults (first wave)", () => bundled, {}],
  ["bundled, wave 2, rank by share, 90%", () => bundled, { wave: 2, rankBy: "share", confLevel: 0.9 }],
  ["bundled, wave 2, shrunken, bootstrap, minCompanies 20", () => bundled, { wave: 2, rankBy: "shrunken", minCompanies: 20, stability: { resamples: 40, seed: "s" } }],
  ["bundled with missing values", () => holes, { k: 2 }],
  ["bundled with missing values, steps down, generations across", () => holes, { row: "浸透ステップ", column: "世代", wave: 2, stability: { resamples: 20, seed: 1 } }],
];

describe("topInitiatives: the same results as before it was made faster (issue 13)", () => {
  for (const [name, table, options] of cases) {
    it(name, () => {
      const text = JSON.stringify(topInitiatives(table(), options));
      const r = JSON.parse(text) as { cells: unknown[]; prior: unknown; warnings: { code: string }[] };
      // The cells, prior and warnings in full (a readable difference), everything else by a digest of the whole.
      const snapshot = { sha256: createHash("sha256").update(text).digest("hex"), cells: r.cells, prior: r.prior, warnings: r.warnings.map((w) => w.code) };
      if (pin) pinned[name] = snapshot;
      else {
        const { sha256, ...rest } = pinned[name] as typeof snapshot;
        expect({ cells: snapshot.cells, prior: snapshot.prior, warnings: snapshot.warnings }).toEqual(rest);
        expect(snapshot.sha256).toBe(sha256); // every field, in order, bit for bit
      }
      expect(r.cells.length).toBeGreaterThan(0);
    });
  }
});

describe("topInitiatives: each cell's top k as rankCell ranks every entry of the cell", () => {
  // Few companies and many initiatives: many ties, at the k-th place too, and initiative indices past 9
  // (rankCell breaks ties by the index as text, "10" before "9"). The entries are the result's `all`.
  for (const rankBy of RANK_BY) {
    for (const seed of [1, 2, 3]) {
      it(`${rankBy}, seed ${seed}`, () => {
        const r = createRandom(`top-vs-rankCell-${seed}`);
        const rows: Record<string, unknown>[] = [];
        for (let c = 0; c < 6; c++) {
          for (const generation of generations.ids) {
            for (const initiative of ids) {
              if (r.next() < 0.3) continue;
              const kind = r.next() < 0.3 ? 0 : r.next() < 0.5 ? 1 : 2;
              rows.push({ company: `K${c}`, generation, step: "know", initiative, effective: kind === 2, outcome: ["not_practised", "practised_no_effect", "practised_effective"][kind] });
            }
          }
        }
        const k = 1 + seed;
        const result = topInitiatives(aq.from(rows), { catalogue, rankBy, k, minCompanies: 1 });
        const present = catalogue.ids.filter((id) => rows.some((row) => row.initiative === id));
        let ties = 0;
        for (const row of result.rows) {
          const entries = result.all.filter((e) => e.row === row && e.practised > 0).map((e) => ({ ...e, id: String(present.indexOf(e.initiative)) }));
          const expected = rankCell(entries, rankBy).filter((e) => e.rank <= k).map((e) => [e.initiative, e.rank, e.tied]);
          ties += expected.filter((e) => e[2]).length;
          expect(result.cells.filter((c) => c.row === row).map((c) => [c.initiative, c.rank, c.tied])).toEqual(expected);
        }
        if (rankBy === "count") expect(ties).toBeGreaterThan(0);
      });
    }
  }
});
