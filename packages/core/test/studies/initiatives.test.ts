import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  broadInitiatives, compareOutcomeWaves, initiativeGaps, initiativeOutcomes, mcnemarTest, readInitiativeRatings, topInitiatives,
} from "@koe/core";
import * as aq from "arquero";
import { beforeAll, describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..", "..", "..");
const truth = JSON.parse(readFileSync(join(root, "data", "truth.json"), "utf8")).initiatives as {
  cells: Record<string, { trueTop3: string[]; effectiveCompanies: Record<string, number>; triedCompanies: Record<string, number> }>;
  transitions: Record<string, Record<string, number>>;
  outcomesByWave: Record<string, Record<string, number>>;
};
let ratings: ReturnType<typeof aq.table>;
beforeAll(async () => {
  ratings = (await readInitiativeRatings(join(root, "data", "initiative_ratings.csv"))).table;
});

describe("topInitiatives on the bundled ratings", () => {
  it("recovers the top 3 the generator built in, in every cell, with counts an independent count agrees with", () => {
    const r = topInitiatives(ratings);
    expect(r.wave).toBe(1);
    expect(r.rows).toEqual(["young", "mid", "senior"]);
    expect(r.columns).toEqual(["know", "understand", "deepen", "practice"]);
    for (const [key, cell] of Object.entries(truth.cells)) {
      const [row, column] = key.split("|");
      const mine = r.cells.filter((c) => c.row === row && c.column === column);
      expect(new Set(mine.map((c) => c.initiative)), key).toEqual(new Set(cell.trueTop3));
      for (const c of mine) {
        expect(c.companies, `${key} ${c.initiative}`).toBe(cell.effectiveCompanies[c.initiative]);
        expect(c.rated).toBe(cell.triedCompanies[c.initiative]);
      }
    }
    // An independent computation with arquero verbs: companies rating each initiative effective per cell.
    const counts = ratings
      .params({ w: 1 })
      .filter((d: { wave: number }, $: { w: number }) => d.wave === $.w)
      .groupby("generation", "step", "initiative")
      .rollup({ effective: (d: { effective: boolean }) => aq.op.sum(d.effective ? 1 : 0), rated: aq.op.count() })
      .objects() as { generation: string; step: string; initiative: string; effective: number; rated: number }[];
    for (const c of r.cells) {
      const x = counts.find((k) => k.generation === c.row && k.step === c.column && k.initiative === c.initiative)!;
      expect([c.companies, c.rated]).toEqual([x.effective, x.rated]);
      const better = counts.filter((k) => k.generation === c.row && k.step === c.column && (k.effective > c.companies || (k.effective === c.companies && k.effective / k.rated > c.share)));
      expect(c.rank).toBe(better.length + 1);
    }
  });

  it("1on1 is broad (in every cell's top 3); mandatory training is a gap for the mid generation", () => {
    const r = topInitiatives(ratings);
    const broad = broadInitiatives(r).initiatives;
    expect(broad[0]).toMatchObject({ initiative: "one_on_one", everyCell: true });
    const gaps = initiativeGaps(r).gaps.filter((g) => g.initiative === "mandatory_training");
    expect(gaps.length).toBeGreaterThanOrEqual(3);
    expect(gaps.every((g) => g.row === "mid")).toBe(true);
  });

  it("stability: seeded, deterministic, and high for clear leaders", () => {
    const a = topInitiatives(ratings, { stability: { resamples: 200, seed: 3 } });
    const b = topInitiatives(ratings, { stability: { resamples: 200, seed: 3 } });
    expect(a.cells.map((c) => c.stability)).toEqual(b.cells.map((c) => c.stability));
    const oneOnOne = a.cells.filter((c) => c.initiative === "one_on_one");
    expect(Math.min(...oneOnOne.map((c) => c.stability!))).toBeGreaterThan(0.8);
    expect(a.cells.every((c) => c.stability! >= 0 && c.stability! <= 1)).toBe(true);
  });
});

describe("topInitiatives on small tables", () => {
  const rows = (spec: [string, string, string, boolean][], gen = "young", step = "know") =>
    aq.from(spec.map(([company, initiative, , effective]) => ({ company, generation: gen, step, initiative, effective })));
  const companies = ["A", "B", "C", "D", "E"];

  it("ties at the k-th place are all kept and marked", () => {
    const t = aq.from([
      ...companies.map((c) => ({ company: c, generation: "young", step: "know", initiative: "one_on_one", effective: true })),
      ...companies.map((c, i) => ({ company: c, generation: "young", step: "know", initiative: "mentoring", effective: i < 3 })),
      ...companies.map((c, i) => ({ company: c, generation: "young", step: "know", initiative: "e_learning", effective: i < 2 })),
      ...companies.map((c, i) => ({ company: c, generation: "young", step: "know", initiative: "job_posting", effective: i < 2 })),
    ]);
    const r = topInitiatives(t, { k: 3 });
    expect(r.cells.map((c) => [c.rank, c.initiative, c.tied])).toEqual([
      [1, "one_on_one", false],
      [2, "mentoring", false],
      [3, "e_learning", true],
      [3, "job_posting", true],
    ]);
  });

  it("a cell rated by fewer than minCompanies companies is suppressed, as any small group", () => {
    const t = rows([["A", "one_on_one", "", true], ["B", "one_on_one", "", true], ["C", "one_on_one", "", false], ["D", "mentoring", "", true]]);
    const r = topInitiatives(t);
    expect(r.cells).toEqual([]);
    expect(r.suppressedCells).toEqual([{ row: "young", column: "know" }]);
    expect(r.all).toEqual([]);
    expect(topInitiatives(t, { minCompanies: 4 }).cells.length).toBe(2);
  });

  it("k larger than the number of initiatives lists them all; rankBy share reorders", () => {
    const t = aq.from([
      ...companies.map((c) => ({ company: c, generation: "mid", step: "deepen", initiative: "one_on_one", effective: c !== "A" })),
      ...["A", "B"].map((c) => ({ company: c, generation: "mid", step: "deepen", initiative: "mentoring", effective: true })),
    ]);
    expect(topInitiatives(t, { k: 10 }).cells.map((c) => c.initiative)).toEqual(["one_on_one", "mentoring"]);
    expect(topInitiatives(t, { k: 10, rankBy: "share" }).cells.map((c) => c.initiative)).toEqual(["mentoring", "one_on_one"]);
  });

  it("unknown generations or steps are a clear error listing the known ones; any segment can be a row", () => {
    const bad = aq.from(companies.map((c) => ({ company: c, generation: "twenties", step: "know", initiative: "one_on_one", effective: true })));
    expect(() => topInitiatives(bad)).toThrow(/column "generation" has values that are not a known generation: "twenties" \(5 rows, first at table row 1\) \(known: "young", "mid", "senior"\)/);
    const byJob = aq.from(companies.map((c, i) => ({ company: c, job_type: i % 2 ? "clerical" : "technical", step: "know", initiative: "one_on_one", effective: true })));
    expect(topInitiatives(byJob, { row: "job_type", minCompanies: 1 }).rows).toEqual(["technical", "clerical"]);
    expect(() => topInitiatives(byJob, { row: "nope" })).toThrow(/no column "nope"/);
  });
});

describe("initiativeOutcomes and compareOutcomeWaves", () => {
  it("counts the three ends per initiative as the generator wrote them, with rates, intervals and reasons", () => {
    const r = initiativeOutcomes(ratings);
    const total = { not_practised: 0, practised_no_effect: 0, practised_effective: 0 };
    for (const row of r.rows) {
      total.not_practised += row.notPractised!;
      total.practised_no_effect += row.practisedNoEffect!;
      total.practised_effective += row.practisedEffective!;
      expect(row.adoptionRate).toBeCloseTo((row.practisedNoEffect! + row.practisedEffective!) / row.n!, 12);
      expect(row.notPractisedShare! + row.practisedNoEffectShare! + row.practisedEffectiveShare!).toBeCloseTo(1, 12);
      expect(row.practisedEffectiveShare).toBeCloseTo(row.practisedEffective! / row.n!, 12);
      expect(row.effectLow!).toBeLessThanOrEqual(row.effectRate!);
    }
    expect(total).toEqual(truth.outcomesByWave["1"]);
    const rates = r.rows.map((x) => x.effectRate!);
    expect(rates).toEqual([...rates].sort((a, b) => b - a));
    const one = r.rows.find((x) => x.initiative === "one_on_one")!;
    expect(one.reasons.practised_effective!.length).toBeGreaterThan(0);
  });

  it("by segment, and suppression of rows resting on fewer than 5 companies", () => {
    const r = initiativeOutcomes(ratings, { by: ["generation"] });
    const mt = r.rows.filter((x) => x.initiative === "mandatory_training");
    const mid = mt.find((x) => x.segment.generation === "mid")!;
    expect(mid.suppressed).toBe(true);
    expect([mid.n, mid.notPractised, mid.effectRate, mid.companies, mid.reasons]).toEqual([null, null, null, null, {}]);
    expect(r.rows.at(-1)!.suppressed).toBe(true);
  });

  it("two waves: transitions equal the generator's, tested with McNemar's exact test", () => {
    const w = compareOutcomeWaves(ratings);
    expect(w.waves).toEqual([1, 2]);
    expect(w.changes.every((c) => !c.suppressed)).toBe(true);
    const takenUp = w.changes.reduce((s, c) => s + c.takenUp!, 0);
    const became = w.changes.reduce((s, c) => s + c.becameEffective!, 0);
    expect(takenUp).toBe(truth.transitions.not_practised!.practised_no_effect! + truth.transitions.not_practised!.practised_effective!);
    // Becoming effective counts from not practised too (issue 14, finding 1).
    expect(became).toBe(truth.transitions.practised_no_effect!.practised_effective! + truth.transitions.not_practised!.practised_effective!);
    const top = w.changes[0]!;
    expect(top.practisedPValue).toBe(mcnemarTest(top.dropped!, top.takenUp!, { exact: true }).pValue);
  });

  it("McNemar as R", () => {
    // R 4.2.2: mcnemar.test(matrix(c(10, 12, 3, 20), 2))$p.value = 0.0388671038124; binom.test(3, 15)$p.value = 0.03515625
    expect(mcnemarTest(12, 3).pValue).toBeCloseTo(0.0388671038124, 12);
    expect(mcnemarTest(3, 12, { exact: true }).pValue).toBeCloseTo(0.03515625, 14);
  });
});
